// Every command package.json contributes is registered in the real editor, under one category.
'use strict';
const assert = require('node:assert');
const vscode = require('vscode');
const { MANIFEST, activate } = require('./helpers');

const contributed = (MANIFEST.contributes && MANIFEST.contributes.commands) || [];

// What the issue asks the palette to offer, matched against the titles.
const REQUIRED_TITLES = [
  /lockdown/i,
  /^install hooks?/i,
  /^uninstall hooks?/i,
  /^hide credential/i,
  /^unhide credential/i,
  /scan workspace/i,
  /audit log/i,
  /verify audit/i,
  /self-test/i,
  /show status/i,
];

describe('contributed commands', () => {
  before(async () => { await activate(); });

  it('package.json contributes commands', () => {
    assert.ok(contributed.length >= REQUIRED_TITLES.length, `${contributed.length} commands contributed`);
  });

  it('every contributed command is registered', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], `registered: ${contributed.length - missing.length}/${contributed.length}`);
  });

  it('every command is in the "Blast Shield" category', () => {
    const stray = contributed.filter((c) => c.category !== 'Blast Shield').map((c) => c.command);
    assert.deepStrictEqual(stray, []);
  });

  for (const title of REQUIRED_TITLES) {
    it(`offers a command matching ${title}`, () => {
      assert.ok(contributed.some((c) => title.test(c.title)), contributed.map((c) => c.title).join(', '));
    });
  }
});
