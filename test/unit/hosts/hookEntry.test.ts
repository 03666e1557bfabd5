import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOST_IDS, type HostId } from '../../../src/core/protocol/ipc';
import { cmdEchoText, fallbackReply, LOADER_VARIABLES, posixHookEntry, windowsShim } from '../../../src/node/hosts/hookEntry';
import { installHost, installShim } from '../../../src/node/hosts/install';
import { hookCommand, shimPath } from '../../../src/node/hosts/installCommon';
import { clineHookFile } from '../../../src/node/hosts/cline/install';
import { decisionIn, fixtureText, makeTempHome, type TempHome } from './support';

/**
 * Every failure of the installed hook answers in the host's own blocking format: the host entry
 * (run by /bin/sh, dash here, and by bash, as hosts run it) and the shim are run for real with pieces
 * of the install removed or broken, and with variables that would load an agent's code into the hook.
 */
const CLI = path.resolve(__dirname, '../../../dist/cli.js');

/** A payload each host would normally allow (so a deny can only come from the failure path). */
const BENIGN: Record<HostId, string> = {
  cursor: 'beforeShellExecution.git-status',
  claude: 'Bash.git-status',
  vscode: 'run_in_terminal.git-status',
  copilot: 'bash.git-status',
  cline: 'execute_command.git-status',
  gemini: 'run_shell_command.git-status',
  codex: 'Bash.git-status',
  windsurf: 'pre_run_command.git-status',
  'vscode-agent': 'bash.git-status',
};
const DESTRUCTIVE: Record<HostId, string> = {
  cursor: 'beforeShellExecution.rm-rf',
  claude: 'Bash.incident-curl',
  vscode: 'run_in_terminal.rm-rf',
  copilot: 'bash.rm-rf',
  cline: 'execute_command.rm-rf',
  gemini: 'run_shell_command.incident-curl',
  codex: 'Bash.incident-curl',
  windsurf: 'pre_run_command.rm-rf',
  'vscode-agent': 'bash.rm-rf',
};

/** What an agent's code loaded into the hook would print to make each host run the action. */
const ALLOW_ANSWER: Record<HostId, string> = {
  cursor: '{"permission":"allow"}',
  claude: '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow","permissionDecisionReason":"evil"}}',
  vscode: '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow","permissionDecisionReason":"evil"}}',
  copilot: '{"permissionDecision":"allow"}',
  cline: '{"cancel":false}',
  gemini: '{"decision":"allow"}',
  codex: '{}',
  windsurf: '',
  'vscode-agent': '{"permissionDecision":"allow","hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow"}}',
};

/** What each host reads as a block: Cursor a JSON deny with exit 2, the others a JSON deny on exit 0. */
const BLOCKING_EXIT: Record<HostId, number> = { cursor: 2, claude: 0, vscode: 0, copilot: 0, cline: 0, gemini: 2, codex: 2, windsurf: 2, 'vscode-agent': 0 };

function entryCommand(t: TempHome, host: HostId): string {
  return hookCommand(t.guardHome, host, 'linux');
}

function runEntry(t: TempHome, host: HostId, payload: string, shell = '/bin/sh', env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(shell, ['-c', entryCommand(t, host)], { input: payload, encoding: 'utf8', env: { ...t.env, ...env }, cwd: t.workspace, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertBlocked(host: HostId, r: { status: number | null; stdout: string; stderr: string }, why: RegExp): void {
  assert.equal(decisionIn(host, r.stdout.trim(), r.status ?? undefined), 'deny', `${host}: ${r.stdout} ${r.stderr}`);
  assert.equal(r.status, BLOCKING_EXIT[host], `${host} exit code`);
  assert.match(r.stdout + r.stderr, why);
}

describe('hook entry and shim: every failure answers in the host\'s blocking format', function () {
  this.timeout(120_000);
  let t: TempHome;
  beforeEach(function () {
    if (!fs.existsSync(CLI)) this.skip();
    t = makeTempHome();
    installShim({ guardHome: t.guardHome, nodePath: process.execPath, cliBundle: CLI });
  });
  afterEach(() => t?.cleanup());

  for (const host of HOST_IDS) {
    const benign = () => fixtureText(host, BENIGN[host], t.home);

    it(`${host}: the entry runs the installed hook (allows the benign payload, in sh and bash)`, () => {
      for (const shell of ['/bin/sh', 'bash']) {
        const r = runEntry(t, host, benign(), shell);
        assert.equal(decisionIn(host, r.stdout.trim(), r.status ?? undefined), 'allow', `${shell}: ${r.stdout} ${r.stderr}`);
        assert.equal(r.status, 0);
      }
    });

    it(`${host}: the guard home is gone: the entry itself denies`, () => {
      fs.rmSync(t.guardHome, { recursive: true, force: true });
      for (const shell of ['/bin/sh', 'bash']) assertBlocked(host, runEntry(t, host, benign(), shell), /hook program .* is missing/);
    });

    it(`${host}: bin/ is gone, or the shim is not executable or a folder: the entry denies`, () => {
      fs.chmodSync(shimPath(t.guardHome), 0o644);
      assertBlocked(host, runEntry(t, host, benign()), /is missing/);
      fs.rmSync(shimPath(t.guardHome));
      fs.mkdirSync(shimPath(t.guardHome));
      assertBlocked(host, runEntry(t, host, benign()), /is missing/);
      fs.rmSync(path.dirname(shimPath(t.guardHome)), { recursive: true, force: true });
      assertBlocked(host, runEntry(t, host, benign()), /is missing/);
    });

    for (const gone of ['cli.js', 'cli-main.js']) {
      it(`${host}: ${gone} is gone: the shim denies`, () => {
        fs.rmSync(path.join(path.dirname(shimPath(t.guardHome)), gone));
        assertBlocked(host, runEntry(t, host, benign()), /could not run/);
      });
    }

    it(`${host}: the runtime named at install is gone: the shim denies`, () => {
      installShim({ guardHome: t.guardHome, nodePath: path.join(t.home, 'no-such-node'), cliBundle: CLI });
      assertBlocked(host, runEntry(t, host, benign()), /could not run/);
    });

    it(`${host}: the CLI ends without an answer (exit 1, a kill, garbage, half a line): the shim denies`, () => {
      const cli = path.join(path.dirname(shimPath(t.guardHome)), 'cli.js');
      for (const body of ['process.exit(1);', "process.kill(process.pid, 'SIGKILL');", "process.stdout.write('Error: something\\n');", `process.stdout.write('{"permission":"al');`]) {
        fs.writeFileSync(cli, body);
        assertBlocked(host, runEntry(t, host, benign()), /could not run/);
      }
    });
  }

  it('NODE_OPTIONS=--require <agent code that answers allow> has no effect through the real entry and shim', () => {
    const evil = path.join(t.home, 'evil.js');
    for (const host of HOST_IDS) {
      const allow = ALLOW_ANSWER[host];
      fs.writeFileSync(evil, `process.stdout.write(${JSON.stringify(allow === '' ? '' : allow + '\n')}); process.exit(0);\n`);
      const payload = fixtureText(host, DESTRUCTIVE[host], t.home);
      // The stand-in works when nothing clears it: the CLI run directly with it answers allow.
      const direct = spawnSync(process.execPath, [CLI, 'hook', host], { input: payload, encoding: 'utf8', env: { ...t.env, NODE_OPTIONS: `--require ${evil}` } });
      assert.equal(decisionIn(host, direct.stdout.trim(), direct.status ?? undefined), 'allow', host);
      for (const shell of ['/bin/sh', 'bash']) {
        const r = runEntry(t, host, payload, shell, { NODE_OPTIONS: `--require ${evil}`, NODE_PATH: t.home });
        assert.equal(decisionIn(host, r.stdout.trim(), r.status ?? undefined), 'deny', `${host} via ${shell}: ${r.stdout}`);
      }
    }
  });

  it('the shim clears every loader variable before the runtime starts, and keeps NODE_ENV and ELECTRON_RUN_AS_NODE', () => {
    // A runtime stand-in that prints the environment it was started with, as one JSON object.
    const runtime = path.join(t.home, 'print-env');
    fs.writeFileSync(runtime, `#!${process.execPath}\nprocess.stdout.write(JSON.stringify(process.env) + '\\n');\n`, { mode: 0o755 });
    installShim({ guardHome: t.guardHome, nodePath: runtime, electronRunAsNode: true, cliBundle: CLI });
    const planted: Record<string, string> = Object.fromEntries(LOADER_VARIABLES.map((v) => [v, `/planted/${v}`]));
    const r = spawnSync(shimPath(t.guardHome), ['hook', 'claude'], { input: '{}', encoding: 'utf8', env: { ...t.env, ...planted, NODE_ENV: 'production', ELECTRON_NO_ASAR: '1', MY_SETTING: 'kept' } });
    // The shim's own shell got the planted variables too (LD_SHOW_AUXV makes its loader print): the runtime's line is the last.
    const seen = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as Record<string, string>;
    for (const v of LOADER_VARIABLES) assert.equal(seen[v], undefined, `${v} reached the runtime`);
    assert.equal(seen.NODE_ENV, 'production');
    assert.equal(seen.ELECTRON_RUN_AS_NODE, '1');
    assert.equal(seen.MY_SETTING, 'kept');
    assert.equal(seen.BLAST_SHIELD_HOME, t.guardHome);
  });

  it('ENV and BASH_ENV pointing at an agent script do not run in the shim\'s shell', () => {
    const evil = path.join(t.home, 'evil.sh');
    fs.writeFileSync(evil, `printf '%s\\n' '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow","permissionDecisionReason":"evil"}}'; exit 0\n`);
    const payload = fixtureText('claude', DESTRUCTIVE.claude, t.home);
    const r = spawnSync(shimPath(t.guardHome), ['hook', 'claude'], { input: payload, encoding: 'utf8', env: { ...t.env, ENV: evil, BASH_ENV: evil } });
    assert.equal(decisionIn('claude', r.stdout.trim()), 'deny', r.stdout);
  });

  it('cline: the installed script denies when the shim is gone', () => {
    const ctx = { scope: 'project' as const, workspace: t.workspace, home: t.home, guardHome: t.guardHome };
    installHost('cline', ctx);
    fs.rmSync(t.guardHome, { recursive: true, force: true });
    const r = spawnSync(clineHookFile(ctx), [], { input: fixtureText('cline', BENIGN.cline, t.home), encoding: 'utf8' });
    assert.equal(decisionIn('cline', r.stdout.trim()), 'deny', r.stdout + r.stderr);
    assert.equal(r.status, 0);
  });
});

describe('hook entry text', () => {
  it('quotes a guard home with spaces, quotes and dollars so the shell runs exactly that path', () => {
    const shim = "/home/o'brien/my $HOME `x`/.blast-shield/bin/blast-shield-hook";
    const entry = posixHookEntry(shim, 'claude');
    const r = spawnSync('/bin/sh', ['-c', entry], { input: '{}', encoding: 'utf8' });
    assert.equal(decisionIn('claude', r.stdout.trim()), 'deny');
    assert.ok(r.stdout.includes(shim), r.stdout);
  });

  it('a host without an adapter gets exit 2 with the reason on stderr', () => {
    const r = spawnSync('/bin/sh', ['-c', posixHookEntry('/nonexistent/blast-shield-hook', 'some-new-host')], { input: '{}', encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Blast Shield blocked this action/);
    assert.deepEqual(fallbackReply('some-new-host', 'x').exitCode, 2);
  });

  it('cmd.exe echo text: % doubled everywhere, metacharacters escaped outside quotes only', () => {
    assert.equal(cmdEchoText('{"a":"x & y (1%)"} & <b>|c^'), '{"a":"x & y (1%%)"} ^& ^<b^>^|c^^');
  });

  it('the Windows shim clears every loader variable and has a deny per host', () => {
    const text = windowsShim({ runtime: 'C:\\Program Files\\Code\\Code.exe', electronRunAsNode: true, guardHome: 'C:\\Users\\me\\.blast-shield', binDir: 'C:\\Users\\me\\.blast-shield\\bin', hosts: HOST_IDS });
    for (const v of LOADER_VARIABLES) assert.ok(text.includes(`set "${v}="\r\n`), v);
    assert.ok(text.includes('set "ELECTRON_RUN_AS_NODE=1"'));
    for (const host of HOST_IDS) {
      assert.ok(text.includes(`if /i "%~2"=="${host}" goto deny_${host}\r\n`));
      const from = text.indexOf(`:deny_${host}\r\n`);
      const next = text.indexOf(':deny_', from + 1);
      const label = text.slice(from, next < 0 ? undefined : next);
      const echo = /^echo (.*)$/m.exec(label)?.[1] ?? '';
      // The echoed JSON is the host's deny once cmd.exe has removed its escapes.
      const unescaped = echo.replace(/%%/g, '%').replace(/\^(.)/g, '$1');
      const exit = Number(/^exit \/b (\d+)/m.exec(label)?.[1]);
      assert.equal(decisionIn(host, unescaped, exit), 'deny', `${host}: ${echo}`);
      assert.match(label, new RegExp(`exit /b ${BLOCKING_EXIT[host]}\\r\\n`));
    }
  });
});
