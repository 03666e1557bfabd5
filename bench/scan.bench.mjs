// Scan speed: `blast-shield scan` over a generated 50,000-file monorepo (bench/monorepoTree.mjs: the
// shape is printed), the secretlint CLI over the same tree for comparison, and what a credential
// question costs there: in-process per kind of question, and through the real hook paired with a
// benign command in the same rounds on both paths hosts run — the one-shot process (a call no server
// answers: the first after a boot or an hour idle, a runtime with options), with and without an editor
// vouching for the index, and the installed shim asking the warm decision server with its change feed
// (warmQuestions.mjs; every host is served since stop 38), no editor.
// Fake secrets are assembled at run time from pieces; nothing key-shaped is written in this file.
import { execFileSync, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { generateMonorepo } from './monorepoTree.mjs';
import { warmServerQuestionRows } from './warmQuestions.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const cli = path.join(repo, 'dist', 'cli.js');

/** A preload that reports the process's own CPU time on exit, so figures survive a busy machine. */
function cpuReporter(dir) {
  const file = path.join(dir, 'report-cpu.cjs');
  fs.writeFileSync(file, "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\nCPU_MS ' + Math.round((u.user + u.system) / 1000) + '\\n'); });\n");
  return file;
}

function cpuMsOf(stderr) {
  const m = /CPU_MS (\d+)/.exec(stderr ?? '');
  return m ? Number(m[1]) : null;
}

function timeIt(fn) {
  const start = process.hrtime.bigint();
  const out = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, out };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function secretlintCli(prefixDir) {
  const bin = path.join(prefixDir, 'node_modules', '.bin', 'secretlint');
  if (fs.existsSync(bin)) return bin;
  const r = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefixDir, 'secretlint@13', '@secretlint/secretlint-rule-preset-recommend@13'], { stdio: 'ignore' });
  return r.status === 0 && fs.existsSync(bin) ? bin : undefined;
}

/**
 * The real hook (`dist/cli.js hook claude`) in the tree, with the index in place: each credential
 * question paired with a benign `git status` in the same round; the extra cost is the median of the
 * per-round differences (target <= 10 ms). Run once with no editor (the hook verifies the folders a
 * question needs) and once with an editor's feed vouching for the index (written by this process,
 * which stays alive, as the extension host does). This is the one-shot path: `dist/cli.js` is not the
 * installed launcher, so it starts no decision server and decides in its own process.
 */
async function hookQuestionRows(tree, tmp) {
  const home = path.join(tmp, 'hook-home');
  const guardHomeDir = path.join(home, '.blast-shield');
  fs.mkdirSync(guardHomeDir, { recursive: true, mode: 0o700 });
  const env = { ...process.env, HOME: home, BLAST_SHIELD_HOME: guardHomeDir };
  delete env.NODE_EXTRA_CA_CERTS;
  const payload = (command) => JSON.stringify({ session_id: 'bench', transcript_path: '', cwd: tree, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't' });
  // Through bash, whose `times` reports the CPU its child used: on a shared machine wall time swings
  // with other work, CPU time much less. The bash start-up is in both halves of every pair.
  const quoted = [process.execPath, cli, 'hook', 'claude'].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const hook = (command) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('bash', ['-c', `${quoted}; times >&2`], { input: payload(command), env, encoding: 'utf8' });
    const line = r.stderr.trim().split('\n').pop() ?? '';
    const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpu: secs.length === 2 ? (secs[0] + secs[1]) * 1000 : NaN, out: r.stdout };
  };
  const { loadCredentialCache, writeIndexFeed, cacheFileFor } = await tsImport(path.join(repo, 'src/node/credentials/credentialCache.ts'), import.meta.url);
  const cacheDir = path.join(guardHomeDir, 'cache');
  // A fresh workspace: the first question walks for a bounded time, answers, and starts the whole
  // index building in the background (`blast-shield index`); the bench waits for that build.
  const first = hook('cat apps/pkg-0/README.md');
  if (!first.out.includes('"allow"')) throw new Error(`the first question was not answered allow: ${first.out}`);
  const firstAt = Date.now();
  const { buildLockFor } = await tsImport(path.join(repo, 'src/node/credentials/backgroundIndex.ts'), import.meta.url);
  const lock = buildLockFor(cacheDir, fs.realpathSync(tree));
  while (fs.existsSync(lock) && Date.now() - firstAt < 120_000) await new Promise((done) => setTimeout(done, 100));
  const backgroundMs = Date.now() - firstAt;
  const builtInBackground = fs.existsSync(cacheFileFor(cacheDir, fs.realpathSync(tree)));
  // The steady state: the index as the extension keeps it, the hook's code cache written.
  await loadCredentialCache(tree, { home, cacheDir });
  for (let i = 0; i < 3; i++) hook('git status');
  const token = 'ghp_' + 'Ab3Cd4'.repeat(6);
  const questions = [
    ['cat a file', 'cat apps/pkg-0/README.md'],
    ['grep -r one package', 'grep -rn TODO apps/pkg-1'],
    ['grep -r the workspace', 'grep -rn TODO .'],
    ['a token-shaped value in no file', `curl -s -H "Authorization: Bearer ${token}" https://api.example.com/v1/me`],
  ];
  const rows = [
    { name: 'hook: first credential question in a fresh workspace (walks 400 ms at most, starts the index build), whole process', median_ms: Math.round(first.ms), cpu_ms: Math.round(first.cpu), target: '< 1000 ms', ok: first.ms < 1000, load_average: os.loadavg()[0].toFixed(1) },
    { name: 'the whole index built in the background after that question (blast-shield index), wall', median_ms: backgroundMs, ok: builtInBackground },
  ];
  for (const vouched of [false, true]) {
    if (vouched) {
      const scannedAt = JSON.parse(fs.readFileSync(cacheFileFor(cacheDir, fs.realpathSync(tree)), 'utf8')).scannedAt;
      writeIndexFeed(cacheDir, tree, { state: 'current', scannedAt });
    }
    const rounds = 9;
    const base = [];
    const baseCpu = [];
    const extra = Object.fromEntries(questions.map(([label]) => [label, []]));
    const extraCpu = Object.fromEntries(questions.map(([label]) => [label, []]));
    for (let r = 0; r < rounds; r++) {
      const b = hook('git status');
      base.push(b.ms);
      baseCpu.push(b.cpu);
      for (const [label, command] of questions) {
        const q = hook(command);
        extra[label].push(q.ms - b.ms);
        extraCpu[label].push(q.cpu - b.cpu);
      }
    }
    const where = vouched ? 'an editor vouches for the index' : 'no editor: the hook verifies the folders a question needs';
    rows.push({ name: `hook: git status, no credential question [${where}]`, median_ms: +median(base).toFixed(1), cpu_ms: +median(baseCpu).toFixed(1), runs: rounds, load_average: os.loadavg()[0].toFixed(1) });
    for (const [label] of questions) {
      const wallExtra = median(extra[label]);
      const cpuExtra = median(extraCpu[label]);
      rows.push({ name: `hook: extra for "${label}" over git status [${where}]`, median_ms: +wallExtra.toFixed(1), cpu_ms: +cpuExtra.toFixed(1), runs: rounds, target: '<= 10 ms (cpu, paired)', ok: cpuExtra <= 10 });
    }
  }
  return rows;
}

/**
 * The same questions on the path Claude Code and Cursor run (warmQuestions.mjs): the installed shim,
 * the warm decision server and its change feed, no editor. `hookQuestionRows` above is the one-shot
 * path (`dist/cli.js` starts no server), which the other hosts run on every call.
 */
async function warmRows(tree, tmp) {
  let deep = '';
  for (;;) {
    const sub = fs.readdirSync(path.join(tree, deep), { withFileTypes: true }).find((e) => e.isDirectory() && !['node_modules', '.git', '.venv', 'vendor'].includes(e.name));
    if (!sub) break;
    deep = deep ? `${deep}/${sub.name}` : sub.name;
  }
  // Assembled at run time, never key-shaped in this file.
  const fakeKey = (r) => ['sk', 'live', crypto.randomBytes(12).toString('hex'), String(r)].join('_');
  const questions = [
    ['cat a file', 'cat apps/pkg-0/README.md'],
    ['grep -r one package', 'grep -rn TODO apps/pkg-1'],
    ['grep -r the workspace', 'grep -rn TODO .'],
    ['grep -r the workspace after a file was created in a deep folder', 'grep -rn TODO .', (r) => fs.writeFileSync(path.join(tree, deep, `created-${r}.ts`), 'export {};\n')],
    ['grep -r the workspace after a credential file was created in a deep folder (the index is written again)', 'grep -rn TODO .', (r) => fs.writeFileSync(path.join(tree, deep, `.env.created-${r}`), `STRIPE_SECRET_KEY=${fakeKey(r)}\n`)],
  ];
  const found = {
    label: 'a credential file created a moment ago in a deep folder, holding a line the search prints: grep -r the workspace',
    command: 'grep -rn TODO .',
    plant: () => fs.writeFileSync(path.join(tree, deep, '.env.just-made'), `# TODO rotate\nSTRIPE_SECRET_KEY=${fakeKey('x')}\n`),
  };
  return warmServerQuestionRows(tree, tmp, questions, { rounds: 9, found, where: 'warm server and its change feed, no editor' });
}

export async function run() {
  const rows = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-scan-bench-'));
  const tree = path.join(tmp, 'tree');
  fs.mkdirSync(tree);
  const shape = generateMonorepo(tree);
  const credentials = shape.credentials;
  // One more, whose value the probes look up (kept in a file, never printed).
  const knownValue = crypto.randomUUID();
  fs.mkdirSync(path.join(tree, 'legacy'));
  fs.writeFileSync(path.join(tree, 'legacy', 'config_backup.json'), JSON.stringify({ railway: { token: knownValue } }, null, 2));
  fs.writeFileSync(path.join(tmp, 'known-value'), knownValue);
  fs.mkdirSync(path.join(tree, '.git'));
  try {
    const preload = cpuReporter(tmp);
    const scans = [];
    const cpus = [];
    let found = 0;
    for (let i = 0; i < 3; i++) {
      const t = timeIt(() => spawnSync(process.execPath, ['-r', preload, cli, 'scan', '--json', tree], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
      scans.push(t.ms);
      cpus.push(cpuMsOf(t.out.stderr));
      found = JSON.parse(t.out.stdout).files.length - 1;
    }
    rows.push({ name: 'tree: a JS/Python monorepo with vendored code (bench/monorepoTree.mjs)', files: shape.files + 1, folders_walked: shape.folders + 1, deepest: shape.maxDepth, planted: credentials + 1 });
    rows.push({ name: 'blast-shield scan, 50,000 files', median_ms: Math.round(median(scans)), cpu_ms: median(cpus), runs: scans.length, found, planted: credentials, target_ms: 3000, load_average: os.loadavg()[0].toFixed(1) });

    const prefix = path.join(os.tmpdir(), 'bs-secretlint-cli');
    const bin = secretlintCli(prefix);
    if (bin) {
      fs.writeFileSync(path.join(tmp, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
      const script = fs.realpathSync(bin);
      const t = timeIt(() => spawnSync(process.execPath, ['-r', preload, script, '--secretlintrc', path.join(tmp, '.secretlintrc.json'), '--format', 'json', '**/*'], { cwd: tree, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
      let reported = 'n/a';
      try {
        reported = JSON.parse(t.out.stdout).filter((r) => r.messages.length > 0).length;
      } catch {
        reported = `exit ${t.out.status}`;
      }
      rows.push({ name: 'secretlint CLI 13 (recommended preset), same tree', median_ms: Math.round(t.ms), cpu_ms: cpuMsOf(t.out.stderr), runs: 1, found: reported, planted: credentials, load_average: os.loadavg()[0].toFixed(1) });
    } else {
      rows.push({ name: 'secretlint CLI', median_ms: null, note: 'could not be installed from the npm registry' });
    }

    // The probe is bundled like the hook (esbuild, cjs) with secretlint.js beside it, as in dist/.
    const probeDir = path.join(tmp, 'probe');
    const esbuild = await import('esbuild');
    await esbuild.build({ entryPoints: [path.join(here, 'credentialFactsProbe.ts')], outfile: path.join(probeDir, 'probe.js'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'error' });
    fs.copyFileSync(path.join(repo, 'dist', 'secretlint.js'), path.join(probeDir, 'secretlint.js'));
    fs.mkdirSync(path.join(tmp, 'home'));
    const probe = execFileSync(process.execPath, [path.join(probeDir, 'probe.js'), tree, path.join(tmp, 'home'), 'legacy/config_backup.json', path.join(tmp, 'known-value')], { encoding: 'utf8' });
    rows.push({ name: 'credential questions in-process, median ms (fresh facts per question, as each hook call): first = fresh workspace, builds the index', ...JSON.parse(probe), target: 'first < 1000 ms' });
    rows.push(...(await hookQuestionRows(tree, tmp)));
    rows.push(...(await warmRows(tree, tmp)));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await run()) console.log(JSON.stringify(row));
}
