import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hooksFeatureOff, projectTrust, readHookState, removeTrustBlock, withTrust } from '../../../src/node/hosts/codex/configToml';
import { codexConfigFile, codexHooksSpec, codexTrustFor } from '../../../src/node/hosts/codex/install';
import { codexHookHash, codexHookKey } from '../../../src/node/hosts/codex/trustHash';
import { hostStatus, installHost, uninstallHost } from '../../../src/node/hosts/install';
import { INSTALLED_CLI_FILES, shimPath, type InstallContext } from '../../../src/node/hosts/installCommon';

describe('codex hook trust', () => {
  it('hashes a handler the way Codex 0.169.0 does (values its app-server hooks/list reported)', () => {
    assert.equal(codexHookHash('pre_tool_use', undefined, { command: '/x/.blast-shield/bin/blast-shield-hook hook codex', timeout: 300 }), 'sha256:bf4507663a758bf59c819db740b53fee5bfdb3502e38ec190cde7a7ad8454270');
    assert.equal(codexHookKey('/h/.codex/hooks.json', 'pre_tool_use', 2, 0), '/h/.codex/hooks.json:pre_tool_use:2:0');
  });

  describe('config.toml edits', () => {
    const key = '/h/.codex/hooks.json:pre_tool_use:0:0';
    const user = 'model = "o3"\n\n[projects."/w"]\ntrust_level = "trusted"\n';
    it('appends a marked block and removes it byte for byte', () => {
      const added = withTrust(user, key, 'sha256:aa');
      assert.ok(added?.startsWith(user));
      assert.deepEqual(readHookState(added ?? '', key), { where: 'ours', trustedHash: 'sha256:aa' });
      assert.equal(removeTrustBlock(added ?? '', key), user);
      assert.equal(withTrust(added ?? '', key, 'sha256:aa'), added, 'already trusted: unchanged');
      assert.deepEqual(readHookState(withTrust(added ?? '', key, 'sha256:bb') ?? '', key), { where: 'ours', trustedHash: 'sha256:bb' });
    });
    it("edits the user's own table for the key in place, keeping its other keys", () => {
      const own = `${user}\n[hooks.state."${key}"]\nenabled = true\ntrusted_hash = "sha256:old"\n\n[tui]\ntheme = "x"\n`;
      const edited = withTrust(own, key, 'sha256:new') ?? '';
      assert.equal(edited, own.replace('sha256:old', 'sha256:new'));
      assert.deepEqual(readHookState(edited, key), { where: 'table', trustedHash: 'sha256:new', enabled: true });
    });
    it('refuses to guess at a key set in another form', () => {
      const dotted = `hooks.state."${key}".trusted_hash = "sha256:x"\n`;
      assert.equal(readHookState(dotted, key).where, 'other');
      assert.equal(withTrust(dotted, key, 'sha256:y'), undefined);
    });
    it('reads enabled = false, features.hooks = false and project trust', () => {
      assert.equal(readHookState(`[hooks.state."${key}"]\nenabled = false\n`, key).enabled, false);
      assert.ok(hooksFeatureOff('[features]\nhooks = false\n'));
      assert.ok(hooksFeatureOff('features.hooks = false\n[x]\n'));
      assert.ok(!hooksFeatureOff('[features]\nhooks = true\n'));
      const inside = (f: string, p: string): boolean => f === p || f.startsWith(p + '/');
      assert.equal(projectTrust(user, '/w/sub', inside), 'trusted');
      assert.equal(projectTrust('[projects."/w"]\ntrust_level = "untrusted"\n', '/w', inside), 'untrusted');
      assert.equal(projectTrust(user, '/elsewhere', inside), undefined);
    });
  });

  describe('install, status, uninstall', () => {
    let root: string;
    let user: InstallContext;
    let project: InstallContext;
    beforeEach(() => {
      root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-codex-')));
      const home = path.join(root, 'home');
      const workspace = path.join(root, 'ws');
      fs.mkdirSync(home, { recursive: true });
      fs.mkdirSync(workspace, { recursive: true });
      const guardHome = path.join(home, '.blast-shield');
      user = { scope: 'user', home, guardHome };
      project = { scope: 'project', home, guardHome, workspace };
      fs.mkdirSync(path.dirname(shimPath(guardHome)), { recursive: true });
      fs.writeFileSync(shimPath(guardHome), '#!/bin/sh\n', { mode: 0o755 });
      for (const f of INSTALLED_CLI_FILES) fs.writeFileSync(path.join(path.dirname(shimPath(guardHome)), f), '// stand-in\n');
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it('trusts the entry where it sits, behind the user own PreToolUse group', () => {
      const hooks = codexHooksSpec.file(user);
      fs.mkdirSync(path.dirname(hooks), { recursive: true });
      fs.writeFileSync(hooks, '{"hooks":{"PreToolUse":[{"matcher":"^Bash$","hooks":[{"type":"command","command":"lint"}]}]}}\n');
      const config = 'model = "o3"\n';
      fs.writeFileSync(codexConfigFile(user), config);
      assert.equal(installHost('codex', user).state, 'intact');
      const trust = codexTrustFor(user);
      assert.equal(trust?.key, `${hooks}:pre_tool_use:1:0`);
      assert.equal(readHookState(fs.readFileSync(codexConfigFile(user), 'utf8'), trust?.key ?? '').trustedHash, trust?.hash);
      assert.equal(hostStatus('codex', user).files[0]?.state, 'intact');
      uninstallHost('codex', user);
      assert.equal(fs.readFileSync(codexConfigFile(user), 'utf8'), config);
    });

    it('reports a missing trust as altered (Codex would skip the hook), and installing again repairs it', () => {
      installHost('codex', user);
      const file = codexConfigFile(user);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/trusted_hash = .*/, ''));
      const status = hostStatus('codex', user).files[0];
      assert.equal(status?.state, 'altered');
      assert.match(status?.detail ?? '', /not trusted/);
      installHost('codex', user);
      assert.equal(hostStatus('codex', user).files[0]?.state, 'intact');
    });

    it('says a project install will not be loaded until Codex trusts the project', () => {
      const r = installHost('codex', project);
      assert.equal(r.state, 'not-loaded');
      assert.match(r.detail, /trusts the project/);
      fs.appendFileSync(codexConfigFile(project), `\n[projects."${project.workspace}"]\ntrust_level = "trusted"\n`);
      assert.equal(hostStatus('codex', project).files[0]?.state, 'intact');
    });

    it('says so when the user turned the hook or hooks off in Codex', () => {
      installHost('codex', user);
      const file = codexConfigFile(user);
      const key = codexTrustFor(user)?.key ?? '';
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^trusted_hash/m, 'enabled = false\ntrusted_hash'));
      assert.equal(hostStatus('codex', user).files[0]?.state, 'not-loaded');
      assert.match(hostStatus('codex', user).files[0]?.detail ?? '', /turned off/);
      fs.writeFileSync(file, `[features]\nhooks = false\n\n${fs.readFileSync(file, 'utf8').replace('enabled = false\n', '')}`);
      assert.match(hostStatus('codex', user).files[0]?.detail ?? '', /features\.hooks = false/);
      assert.ok(key);
    });

    it('user and project installs each keep their own trust block; uninstalling one leaves the other', () => {
      fs.appendFileSync(path.join(user.home, 'marker'), '');
      installHost('codex', user);
      installHost('codex', project);
      const userKey = codexTrustFor(user)?.key ?? '';
      const projectKey = codexTrustFor(project)?.key ?? '';
      uninstallHost('codex', user);
      const text = fs.readFileSync(codexConfigFile(user), 'utf8');
      assert.equal(readHookState(text, userKey).where, 'none');
      assert.equal(readHookState(text, projectKey).where, 'ours');
      uninstallHost('codex', project);
      assert.ok(!fs.existsSync(codexConfigFile(user)), 'the config.toml we created is gone again');
    });
  });
});
