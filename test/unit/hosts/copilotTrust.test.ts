import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copilotTrustProblem } from '../../../src/node/hosts/copilot/trust';
import { hostStatus, installHost } from '../../../src/node/hosts/install';
import { INSTALLED_CLI_FILES, shimPath, type InstallContext } from '../../../src/node/hosts/installCommon';

// Copilot CLI 1.0.102, run here: project hooks load only when the folder or a parent is listed under
// trustedFolders in ~/.copilot/config.json (a file with // comments); a trailing slash is the same folder.
describe('hosts/copilot: project hooks load only in trusted folders', () => {
  let root: string;
  let home: string;
  let ws: string;
  const writeConfig = (dir: string, trusted: string[]): void => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'config.json'), `// User settings belong in settings.json.\n// This file is managed automatically.\n${JSON.stringify({ firstLaunchAt: '2026-12-02T08:02:21.388Z', trustedFolders: trusted }, null, 2)}\n`);
  };
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-copilot-trust-')));
    home = path.join(root, 'home');
    ws = path.join(root, 'projects', 'shop');
    fs.mkdirSync(ws, { recursive: true });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const table: [string, (r: string) => string[], boolean][] = [
    ['no config at all', () => [], false],
    ['another folder trusted', (r) => [path.join(r, 'projects', 'shopping')], false],
    ['the folder itself', (r) => [path.join(r, 'projects', 'shop')], true],
    ['the folder with a trailing slash', (r) => [path.join(r, 'projects', 'shop') + '/'], true],
    ['a parent folder', (r) => [path.join(r, 'projects')], true],
    ['a child folder only', (r) => [path.join(r, 'projects', 'shop', 'src')], false],
  ];
  for (const [name, trusted, loads] of table) {
    it(`${name} -> ${loads ? 'loaded' : 'not loaded'}`, () => {
      if (name !== 'no config at all') writeConfig(path.join(home, '.copilot'), trusted(root));
      const problem = copilotTrustProblem(ws, home, {});
      assert.equal(problem === undefined, loads, problem);
      if (!loads) assert.match(problem ?? '', /not a trusted folder.*blast-shield install copilot/);
    });
  }

  it('reads COPILOT_HOME when it is set', () => {
    writeConfig(path.join(root, 'copilot-home'), [ws]);
    assert.notEqual(copilotTrustProblem(ws, home, {}), undefined);
    assert.equal(copilotTrustProblem(ws, home, { COPILOT_HOME: path.join(root, 'copilot-home') }), undefined);
  });

  it('a trusted folder reached through a symlink counts', () => {
    const link = path.join(root, 'link');
    fs.symlinkSync(path.join(root, 'projects'), link);
    writeConfig(path.join(home, '.copilot'), [link]);
    assert.equal(copilotTrustProblem(ws, home, {}), undefined);
  });

  it('install and status report a project install in an untrusted folder as not-loaded, and intact once trusted', () => {
    const guardHome = path.join(home, '.blast-shield');
    fs.mkdirSync(path.dirname(shimPath(guardHome)), { recursive: true });
    fs.writeFileSync(shimPath(guardHome), '#!/bin/sh\n', { mode: 0o755 });
    for (const f of INSTALLED_CLI_FILES) fs.writeFileSync(path.join(path.dirname(shimPath(guardHome)), f), '// stand-in\n');
    const ctx: InstallContext = { scope: 'project', workspace: ws, home, guardHome, env: {} };
    const installed = installHost('copilot', ctx);
    assert.equal(installed.state, 'not-loaded');
    assert.match(installed.detail, /not a trusted folder/);
    assert.equal(hostStatus('copilot', ctx).files[0]!.state, 'not-loaded');
    writeConfig(path.join(home, '.copilot'), [ws]);
    assert.equal(hostStatus('copilot', ctx).files[0]!.state, 'intact');
    assert.equal(hostStatus('copilot', { ...ctx, scope: 'user' }).files[0]!.state, 'missing');
    assert.equal(installHost('copilot', { ...ctx, scope: 'user' }).state, 'intact', 'user hooks load in every folder');
  });
});
