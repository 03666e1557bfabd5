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

  it('keeps usage errors to one line on stderr', () => {
    const r = run(path.join(dir, 'absent'), ['check', '--bogus']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});
