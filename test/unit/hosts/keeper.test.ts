import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOST_IDS } from '../../../src/core/protocol/ipc';
import { clineHookFile } from '../../../src/node/hosts/cline/install';
import { cursorInstallSpec } from '../../../src/node/hosts/cursor/install';
import { hostStatus, installHost, installShim, uninstallHost } from '../../../src/node/hosts/install';
import { shimPath, type InstallContext } from '../../../src/node/hosts/installCommon';
import { installedCliIsStale, keepHooksHealthy, type KeeperContext } from '../../../src/node/hosts/keeper';

/**
 * The editor keeps installed hooks healthy on its own: altered entries are rewritten, the installed CLI
 * follows the extension's version, entries removed without an uninstall are put back, and what the
 * user uninstalled or owns is left alone.
 */
describe('keepHooksHealthy', () => {
  let root: string;
  let dist: string;
  let user: InstallContext;
  let keeper: KeeperContext;

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-keeper-')));
    // A stand-in extension dist: the launcher and its bundle (the keeper compares bytes, never runs them).
    dist = path.join(root, 'ext', 'dist');
    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(path.join(dist, 'cli.js'), '// launcher v2\n');
    fs.writeFileSync(path.join(dist, 'cli-main.js'), '// blast-shield cli-main v2\n');
    const home = path.join(root, 'home');
    fs.mkdirSync(home);
    user = { scope: 'user', home, guardHome: path.join(home, '.blast-shield') };
    keeper = { guardHome: user.guardHome, home, shim: { nodePath: process.execPath, cliBundle: path.join(dist, 'cli.js') } };
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const install = (): void => {
    installShim({ guardHome: user.guardHome, nodePath: process.execPath, cliBundle: path.join(dist, 'cli.js') });
    installHost('cursor', user);
  };

  it('does nothing when nothing was installed', () => {
    const r = keepHooksHealthy(HOST_IDS, keeper);
    assert.deepEqual(r, { cliUpdated: false, repaired: [], restored: [], failed: [] });
    assert.equal(fs.existsSync(user.guardHome), false);
  });

  it('rewrites an entry whose fail-closed flag was removed, then finds nothing to do', () => {
    install();
    const file = cursorInstallSpec.file(user);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"failClosed": true', '"failClosed": false'));
    assert.equal(hostStatus('cursor', user).files[0]!.state, 'altered');
    const r = keepHooksHealthy(HOST_IDS, keeper);
    assert.equal(r.repaired.length, 1, JSON.stringify(r));
    assert.match(r.repaired[0]!, /^cursor \(user\): .*hooks\.json/);
    assert.equal(hostStatus('cursor', user).files[0]!.state, 'intact');
    assert.deepEqual(keepHooksHealthy(HOST_IDS, keeper), { cliUpdated: false, repaired: [], restored: [], failed: [] });
  });

  it('brings the installed CLI up to the extension version, and completes a half-copied one', () => {
    install();
    assert.equal(installedCliIsStale(user.guardHome, path.join(dist, 'cli.js')), false);
    fs.writeFileSync(path.join(dist, 'cli-main.js'), '// blast-shield cli-main v3\n');
    assert.equal(installedCliIsStale(user.guardHome, path.join(dist, 'cli.js')), true);
    const r = keepHooksHealthy(HOST_IDS, keeper);
    assert.equal(r.cliUpdated, true);
    assert.equal(fs.readFileSync(path.join(user.guardHome, 'bin', 'cli-main.js'), 'utf8'), '// blast-shield cli-main v3\n');
    fs.rmSync(path.join(user.guardHome, 'bin', 'cli-main.js'));
    assert.equal(hostStatus('cursor', user).files[0]!.state, 'altered');
    const again = keepHooksHealthy(HOST_IDS, keeper);
    assert.equal(again.cliUpdated, true);
    assert.equal(hostStatus('cursor', user).files[0]!.state, 'intact');
  });

  it('leaves an uninstalled host uninstalled, and a Cline hook of the user\'s own alone', () => {
    install();
    uninstallHost('cursor', user);
    const cline = clineHookFile(user);
    fs.mkdirSync(path.dirname(cline), { recursive: true });
    fs.writeFileSync(cline, '#!/bin/sh\necho mine\n', { mode: 0o755 });
    const r = keepHooksHealthy(HOST_IDS, keeper);
    assert.deepEqual(r.repaired, []);
    assert.equal(hostStatus('cursor', user).files[0]!.state, 'missing');
    assert.equal(fs.readFileSync(cline, 'utf8'), '#!/bin/sh\necho mine\n');
  });

  it('puts back an installed entry whose file was deleted, and says so', () => {
    install();
    const file = cursorInstallSpec.file(user);
    fs.rmSync(file);
    const r = keepHooksHealthy(HOST_IDS, keeper);
    assert.deepEqual(r.restored, [`cursor (user): ${file}`], JSON.stringify(r));
    assert.equal(hostStatus('cursor', user).files[0]!.state, 'intact');
    assert.deepEqual(keepHooksHealthy(HOST_IDS, keeper).restored, []);
  });

  it('puts back entries edited out of a file, and a project install in a workspace that is not open', () => {
    install();
    const workspace = path.join(root, 'elsewhere');
    fs.mkdirSync(workspace);
    const project: InstallContext = { scope: 'project', workspace, home: user.home, guardHome: user.guardHome };
    installHost('claude', project);
    const userFile = cursorInstallSpec.file(user);
    fs.writeFileSync(userFile, '{"version":1,"hooks":{}}\n');
    const projectFile = hostStatus('claude', project).files[0]!.file;
    fs.rmSync(path.dirname(projectFile), { recursive: true });
    const r = keepHooksHealthy(HOST_IDS, keeper);
    assert.equal(r.restored.length, 2, JSON.stringify(r));
    assert.equal(hostStatus('cursor', user).files[0]!.state, 'intact');
    assert.equal(hostStatus('claude', project).files[0]!.state, 'intact');
  });

  it('does not put back what uninstall removed', () => {
    install();
    uninstallHost('cursor', user);
    assert.deepEqual(keepHooksHealthy(HOST_IDS, keeper).restored, []);
    assert.equal(hostStatus('cursor', user).files[0]!.state, 'missing');
  });

  it('repairs project-scope entries too, and reports what it could not repair', () => {
    const workspace = path.join(root, 'ws');
    fs.mkdirSync(workspace);
    const project: InstallContext = { scope: 'project', workspace, home: user.home, guardHome: user.guardHome };
    installShim({ guardHome: user.guardHome, nodePath: process.execPath, cliBundle: path.join(dist, 'cli.js') });
    installHost('cursor', project);
    const file = cursorInstallSpec.file(project);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/"timeout": \d+/, '"timeout": 5'));
    const r = keepHooksHealthy(['cursor'], { ...keeper, workspace });
    assert.equal(r.repaired.length, 1);
    assert.match(r.repaired[0]!, /^cursor \(project\)/);
    assert.equal(hostStatus('cursor', project).files[0]!.state, 'intact');
    // The extension's own copy gone: the CLI cannot be refreshed, and the repair says so.
    fs.rmSync(path.join(dist, 'cli-main.js'));
    fs.rmSync(shimPath(user.guardHome));
    const broken = keepHooksHealthy(['cursor'], { ...keeper, workspace });
    assert.ok(broken.failed.some((f) => /cli-main\.js is missing/.test(f)), JSON.stringify(broken));
  });
});
