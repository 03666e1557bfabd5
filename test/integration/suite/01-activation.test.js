// Activation in the real editor: on start-up, without being asked, and with the hook socket served.
'use strict';
const assert = require('node:assert');
const crypto = require('node:crypto');
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
    if (mine.record.endpoint.startsWith('\0')) {
      // Linux: an abstract socket (no file a script could replace), listed by the kernel.
      const listed = fs.readFileSync('/proc/net/unix', 'latin1').split('\n').some((l) => l.endsWith(' @' + mine.record.endpoint.slice(1)));
      assert.ok(listed, `an abstract socket is listening at @${mine.record.endpoint.slice(1, 40)}…`);
    } else {
      assert.ok(fs.existsSync(mine.record.endpoint), `socket exists at ${mine.record.endpoint}`);
    }
    const dirMode = fs.statSync(path.dirname(mine.file)).mode & 0o777;
    assert.strictEqual(dirMode & 0o077, 0, `ipc folder is private (mode ${dirMode.toString(8)})`);
  });

  describe('credential index', () => {
    const cacheDir = () => path.join(process.env.BLAST_SHIELD_HOME, 'cache');
    /** The index the hook reads for this workspace, or undefined while there is none. */
    function workspaceIndex() {
      if (!fs.existsSync(cacheDir())) return undefined;
      const real = fs.realpathSync(workspaceFolder());
      for (const f of fs.readdirSync(cacheDir()).filter((n) => /^credentials-.*\.json$/.test(n))) {
        try {
          const parsed = JSON.parse(fs.readFileSync(path.join(cacheDir(), f), 'utf8'));
          if (parsed.root === real) return { file: path.join(cacheDir(), f), index: parsed };
        } catch {
          // being replaced right now
        }
      }
      return undefined;
    }

    it('is built with secretlint under the guard home after activation, without a command or hook call', async () => {
      await activate();
      const found = await eventually(() => workspaceIndex(), 30000, 'a credential index for the workspace in $BLAST_SHIELD_HOME/cache');
      assert.strictEqual(found.index.secretlintUsed, true, 'built with secretlint, so the hook will not rebuild it');
      assert.strictEqual(fs.statSync(found.file).mode & 0o777, 0o600);
    });

    it('is refreshed after a credential file appears and after it goes, never holding the value', async () => {
      // A credential by content only (the incident's shape), so hiding does not react to it.
      const file = path.join(workspaceFolder(), 'probe_backup.json');
      const token = crypto.randomUUID();
      fs.writeFileSync(file, JSON.stringify({ railway: { token } }));
      try {
        const found = await eventually(() => { const w = workspaceIndex(); return w && w.index.files['probe_backup.json'] ? w : undefined; }, 30000, 'the new file in the index');
        assert.ok(!fs.readFileSync(found.file, 'utf8').includes(token), 'the index holds hashes only');
      } finally {
        fs.rmSync(file, { force: true });
      }
      await eventually(() => { const w = workspaceIndex(); return w && !w.index.files['probe_backup.json']; }, 30000, 'the deleted file gone from the index');
    });
  });
});
