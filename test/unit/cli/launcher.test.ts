import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleMain, CLI_MAIN_FILE, CLI_MAIN_HEADER, writeCli } from '../../../scripts/cliBuild.mjs';

/**
 * dist/cli.js is src/cli/launcher.ts, which compiles dist/cli-main.js (the CLI bundle) through a V8
 * code cache (see scripts/cliBuild.mjs). Built here the same way from the current sources, it must
 * behave exactly like the plain bundle, write its cache only inside an existing guard home, survive a
 * damaged cache, and refuse a bundle from another build.
 */
describe('CLI launcher with a V8 code cache (process)', function () {
  this.timeout(60_000);
  let dir: string;
  let cli: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-launcher-'));
    cli = path.join(dir, 'cli.js');
    const common = { mainFields: ['module', 'main'], logLevel: 'error' as const };
    await writeCli({ outfile: cli, mainText: await bundleMain({ common }), common });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function run(home: string, args: string[]) {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: home } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  const cacheFiles = (home: string): string[] => {
    try {
      return fs.readdirSync(path.join(home, 'cache')).filter((f) => f.startsWith('cli-') && f.endsWith('.bin'));
    } catch {
      return [];
    }
  };

  it('writes the cache on the second run (the first is often unusual), reuses it, and answers the same', () => {
    const home = path.join(dir, 'guard');
    fs.mkdirSync(home);
    const first = run(home, ['check', '--json', '--', 'rm -rf /']);
    assert.equal(first.code, 4, first.stderr);
    assert.deepEqual(cacheFiles(home), [], 'the first run only leaves a marker');
    const second0 = run(home, ['check', '--json', '--', 'rm -rf /']);
    assert.equal(second0.stdout, first.stdout);
    const files = cacheFiles(home);
    assert.equal(files.length, 1);
    const stat = fs.statSync(path.join(home, 'cache', files[0]!));
    assert.ok(stat.size > 1000);
    const second = run(home, ['check', '--json', '--', 'rm -rf /']);
    assert.equal(second.code, 4);
    assert.equal(second.stdout, first.stdout);
    assert.equal(fs.statSync(path.join(home, 'cache', files[0]!)).mtimeMs, stat.mtimeMs, 'a valid cache is not rewritten');
  });

  it('keeps one cache per kind of run, so a status run first does not cost every hook call a compile', () => {
    const home = path.join(dir, 'guard-families');
    fs.mkdirSync(home);
    run(home, ['--version']);
    run(home, ['--version']);
    assert.deepEqual(cacheFiles(home).map((f) => f.split('-')[2]), ['cli']);
    const payload = JSON.stringify({ session_id: 's', transcript_path: '', cwd: dir, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' }, tool_use_id: 't' });
    for (let i = 0; i < 2; i++) spawnSync(process.execPath, [cli, 'hook', 'claude'], { cwd: dir, input: payload, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: home } });
    run(home, ['check', '--', 'ls']);
    run(home, ['check', '--', 'ls']);
    assert.deepEqual(cacheFiles(home).map((f) => f.split('-')[2]).sort(), ['check', 'cli', 'hook']);
  });

  it('writing a cache removes other builds\' caches unused for a day, and nothing else', () => {
    const home = path.join(dir, 'guard-old');
    fs.mkdirSync(path.join(home, 'cache'), { recursive: true });
    const stale = ['cli-0123456789abcdef-hook-v8-1.bin', 'cli-0123456789abcdef-hook-v8-1.bin.seen'];
    const recent = 'cli-fedcba9876543210-hook-v8-1.bin';
    for (const f of [...stale, recent, 'credentials-0123456789abcdef.json']) fs.writeFileSync(path.join(home, 'cache', f), 'x');
    const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000);
    for (const f of [...stale, 'credentials-0123456789abcdef.json']) fs.utimesSync(path.join(home, 'cache', f), twoDaysAgo, twoDaysAgo);
    run(home, ['--version']);
    run(home, ['--version']);
    const left = fs.readdirSync(path.join(home, 'cache'));
    for (const f of stale) assert.ok(!left.includes(f), `${f} removed`);
    assert.ok(left.includes(recent), 'a build in use recently keeps its cache');
    assert.ok(left.includes('credentials-0123456789abcdef.json'));
  });

  it('recovers from a damaged cache by compiling from source and rewriting it', () => {
    const home = path.join(dir, 'guard2');
    fs.mkdirSync(home);
    run(home, ['check', '--', 'ls']);
    run(home, ['check', '--', 'ls']);
    const file = path.join(home, 'cache', cacheFiles(home)[0]!);
    fs.writeFileSync(file, Buffer.from('not a code cache'));
    const r = run(home, ['check', '--', 'git reset --hard']);
    assert.equal(r.code, 3, r.stderr);
    assert.ok(fs.statSync(file).size > 1000, 'rewritten');
  });

  it('creates nothing when there is no guard home', () => {
    const home = path.join(dir, 'absent');
    const r = run(home, ['check', '--', 'ls']);
    assert.equal(r.code, 0);
    assert.equal(fs.existsSync(home), false);
  });

  it('a hook call over a damaged cache still answers in the host format', () => {
    const home = path.join(dir, 'guard3');
    fs.mkdirSync(home);
    run(home, ['check', '--', 'ls']);
    run(home, ['check', '--', 'ls']);
    fs.writeFileSync(path.join(home, 'cache', cacheFiles(home)[0]!), Buffer.from('garbage'));
    const payload = JSON.stringify({ session_id: 's', transcript_path: '', cwd: dir, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' }, tool_use_id: 't' });
    const r = spawnSync(process.execPath, [cli, 'hook', 'claude'], { cwd: dir, input: payload, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: home } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision, 'allow');
  });

  const hookPayload = (command: string): string =>
    JSON.stringify({ session_id: 's', transcript_path: '', cwd: dir, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't' });
  const hook = (home: string, command: string) => {
    const r = spawnSync(process.execPath, [cli, 'hook', 'claude'], { cwd: dir, input: hookPayload(command), encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: home } });
    assert.equal(r.status, 0, `exit ${r.status} signal ${r.signal}: ${r.stderr}`);
    return JSON.parse(r.stdout).hookSpecificOutput.permissionDecision as string;
  };
  /** A guard home whose hook cache is written (the second run writes it), and that cache's path. */
  const homeWithHookCache = (name: string): { home: string; file: string } => {
    const home = path.join(dir, name);
    fs.mkdirSync(home);
    hook(home, 'git status');
    hook(home, 'git status');
    const file = cacheFiles(home).find((f) => f.includes('-hook-'));
    assert.ok(file, 'the hook cache was written');
    return { home, file: path.join(home, 'cache', file) };
  };

  // V8 checks a cache's version, flags and source length but, in release builds, not its bytes: a
  // changed byte ran as changed bytecode or crashed V8. The launcher turns V8's checksum on.
  // Node 24 has no process.binding('v8') any more; there the cache is used unchecked (see launcher.ts).
  const checksumAvailable = ((): boolean => {
    try {
      return typeof (process as unknown as { binding(n: string): { setFlagsFromString?: unknown } }).binding('v8').setFlagsFromString === 'function';
    } catch {
      return false;
    }
  })();
  for (const at of [0.1, 0.35, 0.6, 0.85, 0.99]) {
    it(`a hook cache with one byte changed at ${Math.round(at * 100)}% is refused and rebuilt; a destructive command is still denied`, function () {
      if (!checksumAvailable) this.skip();
      const { home, file } = homeWithHookCache(`flipped-${Math.round(at * 100)}`);
      const damaged = fs.readFileSync(file);
      damaged[Math.floor(damaged.length * at)]! ^= 0x5a;
      fs.writeFileSync(file, damaged);
      assert.equal(hook(home, 'rm -rf ~'), 'deny');
      assert.ok(!fs.readFileSync(file).equals(damaged), 'the damaged cache was replaced by a clean one');
      assert.equal(hook(home, 'git status'), 'allow');
      assert.equal(hook(home, 'git reset --hard HEAD~3 && git push --force origin main'), 'deny');
    });
  }

  it("another build's cache put in place of the hook cache is refused and rebuilt; a destructive command is still denied", async () => {
    const { home, file } = homeWithHookCache('replaced');
    const other = path.join(dir, 'other-build', 'cli.js');
    await writeCli({ outfile: other, mainText: 'process.stdout.write("{}");', common: { logLevel: 'error' } });
    const otherHome = path.join(dir, 'other-home');
    fs.mkdirSync(otherHome);
    for (let i = 0; i < 2; i++) spawnSync(process.execPath, [other, 'hook', 'claude'], { cwd: dir, input: '{}', env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: otherHome } });
    const foreign = cacheFiles(otherHome).find((f) => f.includes('-hook-'));
    assert.ok(foreign, "the other build's cache was written");
    fs.copyFileSync(path.join(otherHome, 'cache', foreign), file);
    assert.equal(hook(home, 'rm -rf ~'), 'deny');
    assert.ok(fs.statSync(file).size > 1000, 'rebuilt for this build');
  });

  it('keeps usage errors to one line on stderr', () => {
    const r = run(path.join(dir, 'absent'), ['check', '--bogus']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  it('imports Node built-ins without the interop copy, and the bundle is ASCII with its hash header', () => {
    const text = fs.readFileSync(path.join(dir, CLI_MAIN_FILE), 'latin1');
    assert.ok(text.startsWith(CLI_MAIN_HEADER));
    assert.doesNotMatch(text, /__toESM\(require\("node:(fs|path|os)"\)\)/);
    assert.match(text, /=require\("node:fs"\)/);
    assert.ok([...text].every((c) => c.charCodeAt(0) < 0x80), 'ASCII only');
    // The launcher itself runs before the bundle on every call: its imports get the same treatment.
    const launcher = fs.readFileSync(cli, 'utf8');
    assert.doesNotMatch(launcher, /__toESM\(require\("node:/);
    assert.match(launcher, /=require\("node:fs"\)/);
    // node:vm (compiling the bundle) and node:os (a home without BLAST_SHIELD_HOME) load where they are
    // used: a call the decision server answers needs neither.
    assert.doesNotMatch(launcher, /^var \w+ ?= ?require\("node:(vm|os|net|crypto)"\)/m);
  });
});

/**
 * A CLI bundle that cannot load must still deny a hook call in the host's format: a bare crash exits 1,
 * which Claude Code and others treat as a non-blocking error, i.e. the action would run.
 */
describe('CLI launcher: a bundle that fails to load (process)', function () {
  this.timeout(60_000);
  let dir: string;
  const common = { mainFields: ['module', 'main'], logLevel: 'error' as const };

  /** Each variant in its own folder: the launcher finds cli-main.js beside itself. */
  async function buildLauncher(out: string, innerSource: string): Promise<void> {
    await writeCli({ outfile: out, mainText: innerSource, common });
  }

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-launcher-broken-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (cli: string, args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, input: '{}', encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: path.join(dir, 'absent') } });

  const broken: Array<[string, string]> = [
    ['throws while loading', "throw new Error('boom at load');"],
    ['does not compile', 'this is not javascript ((('],
  ];
  for (const [name, source] of broken) {
    it(`a bundle that ${name}: hook denies per host; other commands print one line and exit 1`, async () => {
      const cli = path.join(dir, name.replace(/\W+/g, '-'), 'cli.js');
      await buildLauncher(cli, source);
      const claude = run(cli, ['hook', 'claude']);
      assert.equal(claude.status, 0, claude.stderr);
      assert.equal(JSON.parse(claude.stdout).hookSpecificOutput.permissionDecision, 'deny');
      assert.match(claude.stdout, /failed to load/);
      const cursor = run(cli, ['hook', 'cursor']);
      assert.equal(cursor.status, 2);
      assert.equal(JSON.parse(cursor.stdout).permission, 'deny');
      const cline = run(cli, ['hook', 'cline']);
      assert.equal(JSON.parse(cline.stdout).cancel, true);
      const unknown = run(cli, ['hook', 'nonsense']);
      assert.equal(unknown.status, 2);
      const check = run(cli, ['check', '--', 'ls']);
      assert.equal(check.status, 1);
      assert.equal(check.stderr.trim().split('\n').length, 1);
      assert.match(check.stderr, /failed to load/);
    });
  }

  it('a hook module that throws when loaded: main prints a deny in the host format, not its generic line', async () => {
    const cli = path.join(dir, 'hook-module-broken', 'cli.js');
    const inner = await bundleMain({
      common,
      plugins: [{ name: 'break-hook', setup: (b) => b.onLoad({ filter: /src[\\/]cli[\\/]hook\.ts$/ }, () => ({ contents: "throw new Error('hook module broken'); export const run = 1;", loader: 'ts' })) }],
    });
    await buildLauncher(cli, inner);
    const claude = run(cli, ['hook', 'claude']);
    assert.equal(claude.status, 0, claude.stderr);
    const out = JSON.parse(claude.stdout);
    assert.equal(out.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(out.hookSpecificOutput.permissionDecisionReason, /hook module broken/);
    const cursor = run(cli, ['hook', 'cursor']);
    assert.equal(cursor.status, 2);
    assert.equal(JSON.parse(cursor.stdout).permission, 'deny');
  });

  const denies = (r: ReturnType<typeof run>, why: RegExp): void => {
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(out.hookSpecificOutput.permissionDecisionReason, why);
  };

  it('a missing cli-main.js: the hook denies and says to reinstall', async () => {
    const cli = path.join(dir, 'missing-main', 'cli.js');
    await buildLauncher(cli, 'module.exports = 1;');
    fs.rmSync(path.join(dir, 'missing-main', CLI_MAIN_FILE));
    denies(run(cli, ['hook', 'claude']), /cannot be read \(ENOENT\); reinstall Blast Shield/);
    const check = run(cli, ['check', '--', 'ls']);
    assert.equal(check.status, 1);
    assert.match(check.stderr, /reinstall Blast Shield/);
  });

  it('a cli-main.js from another build (an update copied halfway): refused, the hook denies', async () => {
    const cli = path.join(dir, 'mismatch', 'cli.js');
    await buildLauncher(cli, await bundleMain({ common }));
    // A different bundle written beside the same launcher: its header names another hash.
    const other = path.join(dir, 'mismatch-other', 'cli.js');
    await buildLauncher(other, await bundleMain({ common }) + '\n// another build\n');
    fs.copyFileSync(path.join(dir, 'mismatch-other', CLI_MAIN_FILE), path.join(dir, 'mismatch', CLI_MAIN_FILE));
    denies(run(cli, ['hook', 'claude']), /from a different build/);
    // The launcher it belongs to runs it.
    const ok = spawnSync(process.execPath, [other, 'check', '--', 'ls'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: path.join(dir, 'absent') } });
    assert.equal(ok.status, 0, ok.stderr);
  });

  it('a bundle edited after the build (its header kept) still runs only as the text it now is', async () => {
    // Not an integrity check: whoever can write the bin folder can write cli.js too (self-protection
    // guards that folder). The header only pairs builds; the code cache is keyed by it and by V8,
    // so an edited bundle of a different length is recompiled, never run from a stale cache.
    const cli = path.join(dir, 'edited', 'cli.js');
    await buildLauncher(cli, 'process.stdout.write("first\\n");');
    const home = path.join(dir, 'edited-home');
    fs.mkdirSync(home);
    const env = { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: home };
    assert.equal(spawnSync(process.execPath, [cli], { encoding: 'utf8', env }).stdout, 'first\n');
    const main = path.join(dir, 'edited', CLI_MAIN_FILE);
    fs.writeFileSync(main, fs.readFileSync(main, 'latin1').replace('first', 'second, longer'), 'latin1');
    assert.equal(spawnSync(process.execPath, [cli], { encoding: 'utf8', env }).stdout, 'second, longer\n');
  });
});
