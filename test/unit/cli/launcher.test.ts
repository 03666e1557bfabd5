import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

/**
 * dist/cli.js is src/cli/launcher.ts with the CLI bundle embedded (see esbuild.mjs). Built here the
 * same two-step way from the current sources, it must behave exactly like the plain bundle, write its
 * V8 code cache only inside an existing guard home, and survive a damaged cache.
 */
describe('CLI launcher with a V8 code cache (process)', function () {
  this.timeout(60_000);
  let dir: string;
  let cli: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-launcher-'));
    cli = path.join(dir, 'cli.js');
    const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node20', mainFields: ['module', 'main'], logLevel: 'error' as const };
    const inner = await esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: cli, write: false, minifyWhitespace: true, minifySyntax: true });
    const text = inner.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
    await esbuild.build({ ...common, entryPoints: ['src/cli/launcher.ts'], outfile: cli, define: { __CLI_MAIN_SOURCE__: JSON.stringify(text), __CLI_MAIN_HASH__: JSON.stringify(hash) } });
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

  it('writes the cache on the first run, reuses it, and answers the same', () => {
    const home = path.join(dir, 'guard');
    fs.mkdirSync(home);
    const first = run(home, ['check', '--json', '--', 'rm -rf /']);
    assert.equal(first.code, 4, first.stderr);
    const files = cacheFiles(home);
    assert.equal(files.length, 1);
    const stat = fs.statSync(path.join(home, 'cache', files[0]!));
    assert.ok(stat.size > 1000);
    const second = run(home, ['check', '--json', '--', 'rm -rf /']);
    assert.equal(second.code, 4);
    assert.equal(second.stdout, first.stdout);
    assert.equal(fs.statSync(path.join(home, 'cache', files[0]!)).mtimeMs, stat.mtimeMs, 'a valid cache is not rewritten');
  });

  it('recovers from a damaged cache by compiling from source and rewriting it', () => {
    const home = path.join(dir, 'guard2');
    fs.mkdirSync(home);
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
    fs.writeFileSync(path.join(home, 'cache', cacheFiles(home)[0]!), Buffer.from('garbage'));
    const payload = JSON.stringify({ session_id: 's', transcript_path: '', cwd: dir, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' }, tool_use_id: 't' });
    const r = spawnSync(process.execPath, [cli, 'hook', 'claude'], { cwd: dir, input: payload, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: home } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).hookSpecificOutput.permissionDecision, 'allow');
  });

  it('keeps usage errors to one line on stderr', () => {
    const r = run(path.join(dir, 'absent'), ['check', '--bogus']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});

/**
 * A CLI bundle that cannot load must still deny a hook call in the host's format: a bare crash exits 1,
 * which Claude Code and others treat as a non-blocking error, i.e. the action would run.
 */
describe('CLI launcher: a bundle that fails to load (process)', function () {
  this.timeout(60_000);
  let dir: string;
  const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node20', mainFields: ['module', 'main'], logLevel: 'error' as const };

  async function buildLauncher(out: string, innerSource: string): Promise<void> {
    await esbuild.build({ ...common, entryPoints: ['src/cli/launcher.ts'], outfile: out, define: { __CLI_MAIN_SOURCE__: JSON.stringify(innerSource), __CLI_MAIN_HASH__: JSON.stringify('test') } });
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
      const cli = path.join(dir, `cli-${name.replace(/\W+/g, '-')}.js`);
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
    const cli = path.join(dir, 'cli-hook-module-broken.js');
    const inner = await esbuild.build({
      ...common,
      entryPoints: ['src/cli/main.ts'],
      write: false,
      outfile: cli,
      plugins: [{ name: 'break-hook', setup: (b) => b.onLoad({ filter: /src[\\/]cli[\\/]hook\.ts$/ }, () => ({ contents: "throw new Error('hook module broken'); export const run = 1;", loader: 'ts' })) }],
    });
    await buildLauncher(cli, inner.outputFiles.find((f) => f.path.endsWith('.js'))!.text);
    const claude = run(cli, ['hook', 'claude']);
    assert.equal(claude.status, 0, claude.stderr);
    const out = JSON.parse(claude.stdout);
    assert.equal(out.hookSpecificOutput.permissionDecision, 'deny');
    assert.match(out.hookSpecificOutput.permissionDecisionReason, /hook module broken/);
    const cursor = run(cli, ['hook', 'cursor']);
    assert.equal(cursor.status, 2);
    assert.equal(JSON.parse(cursor.stdout).permission, 'deny');
  });
});
