import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { geminiFolderTrust } from '../../../src/node/hosts/gemini/install';
import { hostStatus, installHost } from '../../../src/node/hosts/install';
import { INSTALLED_CLI_FILES, shimPath, type InstallContext } from '../../../src/node/hosts/installCommon';

/** Gemini CLI runs no settings hook in a folder it does not trust, or with hooks turned off: status says so. */
describe('gemini: will the entry be loaded', () => {
  let root: string;
  let ctx: InstallContext;
  const trusted = (rules: Record<string, string>): void => fs.writeFileSync(path.join(ctx.home, '.gemini', 'trustedFolders.json'), JSON.stringify(rules));
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-gemini-')));
    const home = path.join(root, 'home');
    const workspace = path.join(root, 'code', 'ws');
    fs.mkdirSync(path.join(home, '.gemini'), { recursive: true });
    fs.mkdirSync(workspace, { recursive: true });
    const guardHome = path.join(home, '.blast-shield');
    ctx = { scope: 'user', home, guardHome, workspace };
    fs.mkdirSync(path.dirname(shimPath(guardHome)), { recursive: true });
    fs.writeFileSync(shimPath(guardHome), '#!/bin/sh\n', { mode: 0o755 });
    for (const f of INSTALLED_CLI_FILES) fs.writeFileSync(path.join(path.dirname(shimPath(guardHome)), f), '// stand-in\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a workspace marked DO_NOT_TRUST: installed, but will not be loaded, with what to do', () => {
    trusted({ [ctx.workspace ?? '']: 'DO_NOT_TRUST' });
    const r = installHost('gemini', ctx);
    assert.equal(r.state, 'not-loaded');
    assert.match(r.detail, /does not trust.*DO_NOT_TRUST.*trust the folder/);
  });

  it('a workspace with no trust decision yet is not reported (Gemini asks before it runs anything there)', () => {
    assert.equal(installHost('gemini', ctx).state, 'intact');
  });

  it('trusted folders follow Gemini: longest match, TRUST_PARENT, DO_NOT_TRUST', () => {
    trusted({ [path.join(root, 'code')]: 'TRUST_FOLDER' });
    assert.equal(geminiFolderTrust(ctx.home, ctx.workspace ?? ''), true);
    trusted({ [path.join(root, 'code')]: 'TRUST_FOLDER', [ctx.workspace ?? '']: 'DO_NOT_TRUST' });
    assert.equal(geminiFolderTrust(ctx.home, ctx.workspace ?? ''), false);
    trusted({ [path.join(root, 'code', 'other')]: 'TRUST_PARENT' });
    assert.equal(geminiFolderTrust(ctx.home, ctx.workspace ?? ''), true);
    trusted({});
    assert.equal(geminiFolderTrust(ctx.home, ctx.workspace ?? ''), undefined);
  });

  it('a trusted workspace loads; hooks turned off or our hook disabled in any settings file does not', () => {
    trusted({ [ctx.workspace ?? '']: 'TRUST_FOLDER' });
    installHost('gemini', ctx);
    assert.equal(hostStatus('gemini', ctx).files[0]?.state, 'intact');
    const projectSettings = path.join(ctx.workspace ?? '', '.gemini', 'settings.json');
    fs.mkdirSync(path.dirname(projectSettings), { recursive: true });
    fs.writeFileSync(projectSettings, '{ "hooksConfig": { "enabled": false } }');
    assert.match(hostStatus('gemini', ctx).files[0]?.detail ?? '', /hooksConfig.enabled is false/);
    fs.writeFileSync(projectSettings, '{ "hooksConfig": { "disabled": ["blast-shield"] } }');
    assert.equal(hostStatus('gemini', ctx).files[0]?.state, 'not-loaded');
    assert.match(hostStatus('gemini', ctx).files[0]?.detail ?? '', /hooksConfig.disabled/);
  });

  it('folder trust turned off in the user settings: loads anywhere', () => {
    installHost('gemini', ctx);
    const file = path.join(ctx.home, '.gemini', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...settings, security: { folderTrust: { enabled: false } } }));
    assert.equal(hostStatus('gemini', ctx).files[0]?.state, 'intact');
  });
});
