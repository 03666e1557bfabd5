// The run itself: the suites execute in a Node extension host of a real editor, with the launcher's
// isolated environment (temp guard home, temp HOME) and the workspace folder open.
'use strict';
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vscode = require('vscode');
const { workspaceFolder } = require('./helpers');

describe('the integration run', () => {
  it('executes inside a Node extension host of a real editor', () => {
    assert.strictEqual(typeof process.versions.node, 'string');
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    console.log(`      editor: ${vscode.env.appName} ${vscode.version}, node ${process.version}, uiKind=${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}`);
  });

  it('has the test workspace open', () => {
    assert.strictEqual(workspaceFolder(), process.env.BLAST_SHIELD_TEST_WORKSPACE);
    assert.ok(fs.existsSync(path.join(workspaceFolder(), 'package.json')));
  });

  it('uses a temporary guard home and HOME, never the real ones', () => {
    const home = process.env.BLAST_SHIELD_HOME;
    assert.ok(home && home.startsWith(os.tmpdir()), `BLAST_SHIELD_HOME is a temp folder: ${home}`);
    assert.ok(os.homedir().startsWith(os.tmpdir()), `HOME is a temp folder: ${os.homedir()}`);
  });
});
