import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOST_IDS, type HostId } from '../../../src/core/protocol/ipc';
import { hostStatus, installHost, installShim, uninstallHost } from '../../../src/node/hosts/install';
import { INSTALLED_CLI_FILES, shimPath, type InstallContext } from '../../../src/node/hosts/installCommon';
import { cursorInstallSpec } from '../../../src/node/hosts/cursor/install';
import { claudeInstallSpec } from '../../../src/node/hosts/claude/install';
import { vscodeInstallSpec } from '../../../src/node/hosts/vscode/install';
import { copilotInstallSpec } from '../../../src/node/hosts/copilot/install';
import { CHAINED_HOOK_NAME, clineHookFile } from '../../../src/node/hosts/cline/install';
import { codexHooksSpec } from '../../../src/node/hosts/codex/install';
import { geminiInstallSpec } from '../../../src/node/hosts/gemini/install';
import { vscodeAgentInstallSpec } from '../../../src/node/hosts/vscodeAgent/install';
import { windsurfInstallSpec } from '../../../src/node/hosts/windsurf/install';
import { decisionIn } from './support';

/** Pre-existing user configurations, with comments, other hooks and unusual formatting. */
const USER_CONFIGS: Partial<Record<HostId, string>> = {
  cursor: `{
    // my own hooks
    "version": 1,
    "hooks": {
        "afterFileEdit": [ { "command": "./format.sh" } ],
        "stop": [{ "command": "say done" }]
    }
}
`,
  claude: `{
  "model": "opus", // keep
  "permissions": { "deny": ["Read(./secrets/**)"] },
  "hooks": {
    "PreToolUse": [
      { "matcher": "Bash", "hooks": [ { "type": "command", "command": "~/bin/lint-bash" } ] }
    ],
    "Stop": [ { "hooks": [ { "type": "command", "command": "notify" } ] } ]
  }
}`,
  vscode: `{"hooks":{"PostToolUse":[{"type":"command","command":"npx prettier --write ."}]}}`,
  copilot: `{
\t"version": 1,
\t"hooks": {
\t\t"sessionStart": [ { "type": "command", "bash": "echo hi" } ]
\t}
}
`,
  gemini: `{
  // Gemini CLI settings
  "security": { "auth": { "selectedType": "gemini-api-key" } },
  "hooks": {
    "AfterTool": [ { "matcher": "write_file", "hooks": [ { "type": "command", "command": "npx prettier --write ." } ] } ]
  }
}
`,
  codex: `{
  "hooks": {
    "PreToolUse": [ { "matcher": "^Bash$", "hooks": [ { "type": "command", "command": "~/bin/lint-bash", "timeout": 30 } ] } ],
    "Stop": [ { "hooks": [ { "type": "command", "command": "notify" } ] } ]
  }
}
`,
  windsurf: `{
  "hooks": {
    "post_write_code": [ { "command": "npx prettier --write .", "show_output": false } ]
  }
}
`,
};

const SPECS = { cursor: cursorInstallSpec, claude: claudeInstallSpec, vscode: vscodeInstallSpec, copilot: copilotInstallSpec, gemini: geminiInstallSpec, codex: codexHooksSpec, windsurf: windsurfInstallSpec, 'vscode-agent': vscodeAgentInstallSpec };

function configFile(host: HostId, ctx: InstallContext): string {
  return host === 'cline' ? clineHookFile(ctx) : SPECS[host].file(ctx);
}

describe('installers', () => {
  let root: string;
  let ctxUser: InstallContext;
  let ctxProject: InstallContext;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-install-')));
    const home = path.join(root, 'home');
    const workspace = path.join(root, 'ws');
    fs.mkdirSync(home, { recursive: true });
    fs.mkdirSync(workspace, { recursive: true });
    const guardHome = path.join(home, '.blast-shield');
    ctxUser = { scope: 'user', home, guardHome, env: {} };
    ctxProject = { scope: 'project', home, guardHome, workspace, env: {} };
    // a shim and the CLI files it runs, so status can report intact
    fs.mkdirSync(path.dirname(shimPath(guardHome)), { recursive: true });
    fs.writeFileSync(shimPath(guardHome), '#!/bin/sh\n', { mode: 0o755 });
    for (const f of INSTALLED_CLI_FILES) fs.writeFileSync(path.join(path.dirname(shimPath(guardHome)), f), '// stand-in\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  for (const host of HOST_IDS) {
    for (const scope of ['user', 'project'] as const) {
      const ctx = () => (scope === 'user' ? ctxUser : ctxProject);
      // Copilot CLI skips project hooks in a folder it does not trust (the temp workspace is not).
      // Copilot CLI and Codex load a project's hooks only in a folder they trust.
      const installedState = (host === 'copilot' || host === 'codex') && scope === 'project' ? 'not-loaded' : 'intact';

      it(`${host} (${scope}): install into a fresh home, status intact, uninstall removes what we created`, () => {
        const file = configFile(host, ctx());
        assert.equal(hostStatus(host, ctx()).files[0]!.state, 'missing');
        assert.equal(installHost(host, ctx()).state, installedState);
        assert.ok(fs.existsSync(file));
        assert.equal(hostStatus(host, ctx()).files[0]!.state, installedState);
        const text = fs.readFileSync(file, 'utf8');
        assert.match(text, /blast-shield-hook/);
        // The Copilot harness runs the VS Code entry.
        assert.match(text, new RegExp(`hook ${host === 'vscode-agent' ? 'vscode' : host}\\b`));
        // Windsurf documents no timeout.
        if (host !== 'cline' && host !== 'windsurf') assert.match(text, /300/);
        if (host === 'cursor') assert.equal((text.match(/"failClosed": true/g) ?? []).length, 5);
        if (host === 'claude') assert.match(text, /"onFailure": "block"/);
        uninstallHost(host, ctx());
        assert.ok(!fs.existsSync(file));
        assert.ok(!fs.existsSync(path.dirname(file)), 'folders we created are removed again');
      });

      const original = USER_CONFIGS[host];
      if (original !== undefined) {
        it(`${host} (${scope}): merges into an existing config keeping comments and entries; uninstall is byte-exact`, () => {
          const file = configFile(host, ctx());
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, original);
          installHost(host, ctx());
          const merged = fs.readFileSync(file, 'utf8');
          for (const keep of ['my own hooks', './format.sh', 'lint-bash', 'Read(./secrets/**)', 'notify', 'prettier', 'echo hi', '// keep']) {
            if (original.includes(keep)) assert.ok(merged.includes(keep), `kept ${keep}`);
          }
          assert.equal(hostStatus(host, ctx()).files[0]!.state, installedState);
          // idempotent: installing again changes nothing
          installHost(host, ctx());
          assert.equal(fs.readFileSync(file, 'utf8'), merged);
          uninstallHost(host, ctx());
          assert.equal(fs.readFileSync(file, 'utf8'), original);
        });

        it(`${host} (${scope}): detects an altered and a removed entry and repairs both`, () => {
          const file = configFile(host, ctx());
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, original);
          installHost(host, ctx());
          const installed = fs.readFileSync(file, 'utf8');
          fs.writeFileSync(file, installed.replace(/"(timeout|timeoutSec)": 300(000)?/, '"$1": 1').replace('"failClosed": true', '"failClosed": false').replace('"show_output": true', '"show_output": false'));
          assert.equal(hostStatus(host, ctx()).files[0]!.state, 'altered');
          installHost(host, ctx());
          assert.equal(hostStatus(host, ctx()).files[0]!.state, installedState);
          assert.equal(fs.readFileSync(file, 'utf8'), installed);
          fs.writeFileSync(file, original);
          assert.equal(hostStatus(host, ctx()).files[0]!.state, 'missing');
          installHost(host, ctx());
          assert.equal(hostStatus(host, ctx()).files[0]!.state, installedState);
          // the user edited their own part after install: uninstall removes only ours
          const edited = fs.readFileSync(file, 'utf8').replace('"version": 1', '"version": 1, "extra": true');
          if (edited !== fs.readFileSync(file, 'utf8')) {
            fs.writeFileSync(file, edited);
            uninstallHost(host, ctx());
            const after = fs.readFileSync(file, 'utf8');
            assert.ok(!after.includes('blast-shield-hook'));
            assert.ok(after.includes('"extra": true'));
          }
        });
      }
    }
  }

  it('cline: a PreToolUse hook of the user is kept (moved aside, chained after ours) and put back on uninstall', () => {
    const file = clineHookFile(ctxProject);
    const chained = path.join(path.dirname(file), CHAINED_HOOK_NAME);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const theirs = '#!/bin/sh\necho \'{"cancel":false}\'\n';
    fs.writeFileSync(file, theirs, { mode: 0o750 });
    const r = installHost('cline', ctxProject);
    assert.equal(r.state, 'intact', r.detail);
    assert.match(r.detail, /your own PreToolUse hook runs after Blast Shield allows/);
    assert.equal(fs.readFileSync(chained, 'utf8'), theirs);
    assert.equal(fs.statSync(chained).mode & 0o777, 0o750);
    assert.match(fs.readFileSync(file, 'utf8'), /blast-shield-hook/);
    assert.equal(hostStatus('cline', ctxProject).files[0]!.state, 'intact');
    assert.equal(installHost('cline', ctxProject).detail, 'already installed');
    uninstallHost('cline', ctxProject);
    assert.equal(fs.readFileSync(file, 'utf8'), theirs);
    assert.equal(fs.statSync(file).mode & 0o777, 0o750);
    assert.equal(fs.existsSync(chained), false);
  });

  it('cline: both a hook of the user and a moved-aside one: a conflict, nothing touched', () => {
    const file = clineHookFile(ctxProject);
    const chained = path.join(path.dirname(file), CHAINED_HOOK_NAME);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\necho mine\n', { mode: 0o755 });
    fs.writeFileSync(chained, '#!/bin/sh\necho older\n', { mode: 0o755 });
    assert.equal(installHost('cline', ctxProject).state, 'conflict');
    assert.equal(fs.readFileSync(file, 'utf8'), '#!/bin/sh\necho mine\n');
    assert.equal(fs.readFileSync(chained, 'utf8'), '#!/bin/sh\necho older\n');
  });

  it('refuses to edit a config that is not valid JSON', () => {
    const file = cursorInstallSpec.file(ctxUser);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{ "version": 1, "hooks": ');
    assert.equal(installHost('cursor', ctxUser).state, 'conflict');
    assert.equal(fs.readFileSync(file, 'utf8'), '{ "version": 1, "hooks": ');
  });

  it('status reports a missing shim as altered', () => {
    installHost('cursor', ctxUser);
    fs.unlinkSync(shimPath(ctxUser.guardHome));
    const s = hostStatus('cursor', ctxUser).files[0]!;
    assert.equal(s.state, 'altered');
    assert.match(s.detail, /shim is missing/);
  });

  it('status reports an incomplete installed CLI (cli-main.js gone) as altered, for every host', () => {
    installHost('cursor', ctxUser);
    installHost('cline', ctxUser);
    fs.unlinkSync(path.join(path.dirname(shimPath(ctxUser.guardHome)), 'cli-main.js'));
    for (const host of ['cursor', 'cline'] as const) {
      const s = hostStatus(host, ctxUser).files[0]!;
      assert.equal(s.state, 'altered', host);
      assert.match(s.detail, /cli-main\.js missing/);
    }
  });

  it('installShim refuses a CLI without its bundle and leaves the installed one alone', () => {
    const src = path.join(root, 'half-built');
    fs.mkdirSync(src, { recursive: true });
    fs.writeFileSync(path.join(src, 'cli.js'), '// new launcher\n');
    const installed = path.join(path.dirname(shimPath(ctxUser.guardHome)), 'cli.js');
    const before = fs.readFileSync(installed, 'utf8');
    assert.throws(() => installShim({ guardHome: ctxUser.guardHome, nodePath: process.execPath, cliBundle: path.join(src, 'cli.js') }), /cli-main\.js is missing/);
    assert.equal(fs.readFileSync(installed, 'utf8'), before);
  });

  it('the shim runs the copied CLI with the runtime named at install time', function () {
    const cli = path.resolve(__dirname, '../../../dist/cli.js');
    if (!fs.existsSync(cli)) this.skip();
    const shim = installShim({ guardHome: ctxUser.guardHome, nodePath: process.execPath, electronRunAsNode: true, cliBundle: cli });
    assert.equal(shim, shimPath(ctxUser.guardHome));
    assert.ok(fs.existsSync(path.join(ctxUser.guardHome, 'bin', 'cli.js')));
    assert.equal(fs.readFileSync(path.join(ctxUser.guardHome, 'bin', 'cli-main.js'), 'latin1'), fs.readFileSync(path.join(path.dirname(cli), 'cli-main.js'), 'latin1'));
    assert.match(fs.readFileSync(shim, 'utf8'), /ELECTRON_RUN_AS_NODE=1/);
    const payload = JSON.stringify({ session_id: 's', cwd: root, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' } });
    // No decision server: the installed hook would start one, detached, in this test's guard home.
    const r = spawnSync(shim, ['hook', 'claude'], { input: payload, encoding: 'utf8', env: { PATH: '/nonexistent', HOME: ctxUser.home, BLAST_SHIELD_DECIDER: 'off' } });
    assert.equal(decisionIn('claude', r.stdout), 'allow', r.stdout + r.stderr);
  });
});
