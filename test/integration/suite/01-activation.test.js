// Activation in the real editor: on start-up, without being asked, and with the hook socket served.
'use strict';
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { EXTENSION_ID, activate, eventually, workspaceFolder } = require('./helpers');

function discoveryRecords() {
  const dir = path.join(process.env.BLAST_SHIELD_HOME, 'ipc');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const file = path.join(dir, f);
      try {
        return { file, mode: fs.statSync(file).mode & 0o777, record: JSON.parse(fs.readFileSync(file, 'utf8')) };
      } catch {
        return undefined;
      }
    })
    .filter(Boolean);
}

describe('activation', () => {
  it('is loaded and activates on start-up by itself', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    await eventually(() => ext.isActive, 30000, 'activation on start-up');
  });

  it('exports an API object', async () => {
    const { api } = await activate();
    assert.strictEqual(typeof api, 'object');
    assert.ok(api);
  });

  it('serves the hook socket with an owner-only discovery file naming this workspace', async () => {
    await activate();
    const mine = await eventually(
      () => discoveryRecords().find((d) => d.record.pid === process.pid || (d.record.workspaceFolders || []).includes(workspaceFolder())),
      15000,
      'a discovery file in $BLAST_SHIELD_HOME/ipc',
    );
    assert.strictEqual(mine.mode, 0o600, `discovery file mode ${mine.mode.toString(8)}`);
    assert.ok(mine.record.workspaceFolders.includes(workspaceFolder()), 'lists the workspace folder');
    assert.ok(typeof mine.record.token === 'string' && mine.record.token.length >= 32, 'carries a random token');
    assert.ok(fs.existsSync(mine.record.endpoint), `socket exists at ${mine.record.endpoint}`);
    const dirMode = fs.statSync(path.dirname(mine.file)).mode & 0o777;
    assert.strictEqual(dirMode & 0o077, 0, `ipc folder is private (mode ${dirMode.toString(8)})`);
  });
});
