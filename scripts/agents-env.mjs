#!/usr/bin/env node
// Installs pinned versions of the agent CLIs the host-level tests drive, each into its own folder of a
// cache, the way scripts/editor-env.sh caches the editor:
//   ~/.cache/blast-shield-agents/<package with / as +>@<version>/node_modules/.bin/<bin>
// (override the folder with BLAST_SHIELD_AGENTS_CACHE). Idempotent: a folder whose `.installed` marker
// names the same version is used as it is. One install at a time per cache (a lock file), so two test
// runs started together do not write the same folder.
//
//   node scripts/agents-env.mjs [client…]      installs (all when none named) and prints CLIENT_BIN=path lines
//
// Programmatic: import { ensureAgent, AGENT_PINS } from './agents-env.mjs'
// Every install is from the npm registry by name and exact version, with the npm client; the packages
// ship their own platform binaries as optional dependencies (nothing is downloaded at run time).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The clients, pinned. `bin` is the command in node_modules/.bin. Another client is one more row (and
 * a test/hosts/clients/<id>.mjs).
 */
export const AGENT_PINS = {
  claude: { pkg: '@anthropic-ai/claude-code', version: '2.1.332', bin: 'claude' },
  copilot: { pkg: '@github/copilot', version: '1.0.102', bin: 'copilot' },
  cline: { pkg: 'cline', version: '3.0.65', bin: 'cline' },
};

export function agentsCache(env = process.env) {
  return env.BLAST_SHIELD_AGENTS_CACHE || path.join(env.HOME || os.homedir(), '.cache', 'blast-shield-agents');
}

function log(msg) {
  process.stderr.write(`[agents-env] ${msg}\n`);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A lock file held while installing: created exclusively, removed after; a stale one (older than 15 min) is taken over. */
function withLock(cache, fn) {
  fs.mkdirSync(cache, { recursive: true });
  const lock = path.join(cache, '.lock');
  const end = Date.now() + 15 * 60 * 1000;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let age = 0;
      try {
        age = Date.now() - fs.statSync(lock).mtimeMs;
      } catch {
        continue;
      }
      if (age > 15 * 60 * 1000) fs.rmSync(lock, { force: true });
      else if (Date.now() > end) throw new Error(`another install still holds ${lock}`);
      else sleep(500);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** The folder, bin path and version of one pinned client, installing it on first use. */
export function ensureAgent(id, { env = process.env, timeoutMs = 10 * 60 * 1000 } = {}) {
  const pin = AGENT_PINS[id];
  if (!pin) throw new Error(`no pinned agent CLI '${id}' (known: ${Object.keys(AGENT_PINS).join(', ')})`);
  const cache = agentsCache(env);
  const dir = path.join(cache, `${pin.pkg.replace('/', '+')}@${pin.version}`);
  const bin = path.join(dir, 'node_modules', '.bin', pin.bin);
  const marker = path.join(dir, '.installed');
  const ready = () => fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').startsWith(`${pin.pkg}@${pin.version}`) && fs.existsSync(bin);
  if (ready()) return { ...pin, id, dir, bin };
  return withLock(cache, () => {
    if (ready()) return { ...pin, id, dir, bin };
    const started = Date.now();
    log(`installing ${pin.pkg}@${pin.version} into ${dir}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `blast-shield-agent-${id}`, private: true }) + '\n');
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--no-save', `${pin.pkg}@${pin.version}`], {
      cwd: dir,
      env: { ...env, npm_config_update_notifier: 'false' },
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    if (r.status !== 0 || !fs.existsSync(bin)) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`npm install ${pin.pkg}@${pin.version} failed (${r.error ? r.error.message : `exit ${r.status ?? r.signal}`}${fs.existsSync(bin) ? '' : `, no ${pin.bin} in node_modules/.bin`})`);
    }
    fs.writeFileSync(marker, `${pin.pkg}@${pin.version} ${new Date().toISOString()}\n`);
    log(`${pin.pkg}@${pin.version} installed in ${Math.round((Date.now() - started) / 1000)}s`);
    return { ...pin, id, dir, bin };
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const wanted = process.argv.slice(2);
  for (const id of wanted.length > 0 ? wanted : Object.keys(AGENT_PINS)) {
    const a = ensureAgent(id);
    console.log(`${id.toUpperCase()}_BIN=${a.bin}`);
  }
}
