// Scan speed: `blast-shield scan` over a generated 50,000-file tree, the secretlint CLI over the
// same tree for comparison, and the hook-path cost of loading credential facts from a warm cache.
// Fake secrets are assembled at run time from pieces; nothing key-shaped is written in this file.
import { execFileSync, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const cli = path.join(repo, 'dist', 'cli.js');

function randomToken(n, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') {
  const bytes = crypto.randomBytes(n);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s;
}

const SOURCE_TEMPLATES = [
  (i) => `import { helper${i} } from './helper${i}';\n\nexport function run${i}(input: string): string {\n  const tokens = input.split(' ');\n  return tokens.map((t) => helper${i}(t)).join(' ');\n}\n`,
  (i) => `# Module ${i}\n\nThis page explains how the token refresh works. Set API_KEY in your environment.\n`,
  (i) => `{\n  "name": "pkg-${i}",\n  "version": "1.0.${i}",\n  "dependencies": { "left-pad": "^1.3.0" }\n}\n`,
  (i) => `def handler_${i}(event, context):\n    user_id = event["user_id"]\n    return {"status": 200, "id": user_id}\n`,
  (i) => `.card-${i} { display: flex; padding: ${i % 20}px; color: #333; }\n`,
];

/** Build the tree: `count` files, 1 in 500 a credential file of one of several shapes. */
export function generateTree(root, count = 50_000) {
  const perDir = 40;
  let credentials = 0;
  for (let i = 0; i < count; i++) {
    const dir = path.join(root, `pkg${Math.floor(i / 2000)}`, `mod${Math.floor(i / perDir) % 50}`, `d${Math.floor(i / perDir)}`);
    if (i % perDir === 0) fs.mkdirSync(dir, { recursive: true });
    if (i % 500 === 250) {
      credentials++;
      const shape = credentials % 4;
      if (shape === 0) fs.writeFileSync(path.join(dir, '.env'), `STRIPE_KEY=${'sk_' + 'live_' + randomToken(24)}\nDEBUG=1\n`);
      else if (shape === 1) fs.writeFileSync(path.join(dir, `config_backup_${i}.json`), JSON.stringify({ railway: { token: crypto.randomUUID() } }, null, 2));
      else if (shape === 2) fs.writeFileSync(path.join(dir, `settings_${i}.yaml`), `database:\n  url: ${'postgres' + '://app:' + randomToken(16) + '@db.internal:5432/app'}\n`);
      else fs.writeFileSync(path.join(dir, `deploy_${i}.key`), `-----BEGIN ${'PRIVATE'} KEY-----\n${randomToken(64)}\n-----END ${'PRIVATE'} KEY-----\n`);
      continue;
    }
    const ext = ['ts', 'md', 'json', 'py', 'css'][i % 5];
    // One file in ten carries a long hex run (a commit hash in a comment), as real code does, so the
    // secretlint gate lets it through and the comparison includes secretlint's own cost.
    const extra = i % 10 === 3 ? `\n// upstream commit ${crypto.createHash('sha1').update(String(i)).digest('hex')}\n` : '';
    fs.writeFileSync(path.join(dir, `file${i}.${ext}`), SOURCE_TEMPLATES[i % 5](i) + extra);
  }
  fs.mkdirSync(path.join(root, 'node_modules', 'dep'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules', 'dep', 'index.js'), 'module.exports = 1;\n');
  return credentials;
}

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

export async function run() {
  const rows = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-scan-bench-'));
  const tree = path.join(tmp, 'tree');
  fs.mkdirSync(tree);
  const credentials = generateTree(tree);
  try {
    const preload = cpuReporter(tmp);
    const scans = [];
    const cpus = [];
    let found = 0;
    for (let i = 0; i < 3; i++) {
      const t = timeIt(() => spawnSync(process.execPath, ['-r', preload, cli, 'scan', '--json', tree], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
      scans.push(t.ms);
      cpus.push(cpuMsOf(t.out.stderr));
      found = JSON.parse(t.out.stdout).files.length;
    }
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
    const probe = execFileSync(process.execPath, [path.join(probeDir, 'probe.js'), tree, path.join(tmp, 'home')], { encoding: 'utf8' });
    rows.push({ name: 'credential index over the same tree (cold = first build, warm = per command that asks; lazy = the hook, per command that asks none)', ...JSON.parse(probe) });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await run()) console.log(JSON.stringify(row));
}
