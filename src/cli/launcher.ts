import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Vm from 'node:vm';
import { emergencyDeny } from '../hook/emergencyDeny';
import { GUARD_PATHS, guardHome } from '../node/guardHome';
import { DECIDER_PATHS, HOOK_INPUT_MAX_BYTES, SERVED_HOSTS } from '../node/decider/protocol';
import { askDecider, clientAllowed, msSinceStart, startDecider } from './deciderClient';
import { pipeConnect } from './pipeExchange';
import { PREPARE_CACHE } from './prepareCacheFlag';
import { readStdinFd, setHookPrelude, setLauncherBuild } from './stdinRead';

/**
 * The start of dist/cli.js. The hook runs this before every agent command, and compiling the whole
 * CLI bundle was most of its start-up cost, so the bundle (main.ts and everything it imports) lives
 * beside this file as dist/cli-main.js (already wrapped as a CommonJS module function), is read as
 * text, and is compiled with a V8 code cache kept in
 * the guard's cache folder. The second run writes the cache; later runs skip most compiling. The cache
 * is keyed by the bundle's hash, the kind of run (hook, check, anything else) and the V8 version,
 * written atomically, only inside an existing guard home (which the perimeter keeps agents from
 * writing), and checked against its checksum when read where the runtime allows it; any problem with
 * it means compiling from source, never a different behaviour.
 *
 * The bundle's first line names its hash; a bundle from another build (an install copied halfway, a
 * stray file) is refused, which for `hook` is a deny.
 */

declare const __CLI_MAIN_HASH__: string;
declare const __CLI_MAIN_HEADER__: string;
declare const __CLI_MAIN_FILE__: string;

const MAIN_FILE = __CLI_MAIN_FILE__;

function readMain(): string {
  const file = path.join(__dirname, MAIN_FILE);
  let text: string;
  try {
    // esbuild writes ASCII only (non-ASCII is escaped), so latin1 is exact and skips UTF-8 decoding.
    text = fs.readFileSync(file, 'latin1');
  } catch (err) {
    throw new Error(`${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}); reinstall Blast Shield`);
  }
  const header = `${__CLI_MAIN_HEADER__}${__CLI_MAIN_HASH__}\n`;
  if (!text.startsWith(header)) throw new Error(`${file} is from a different build than ${path.basename(__filename)} (an update in progress or a damaged install); reinstall Blast Shield`);
  return text;
}

function cachePath(): string | undefined {
  try {
    const home = guardHome(process.env);
    if (!fs.existsSync(home)) return undefined;
    // One cache per kind of run: a cache holds the functions its first run compiled, so a `status`
    // run writing it first would leave every later hook call compiling the hook path from source.
    const sub = process.argv[2];
    const family = sub === 'hook' || sub === 'check' ? sub : 'cli';
    return path.join(GUARD_PATHS.cacheDir(home), `cli-${__CLI_MAIN_HASH__}-${family}-v8-${process.versions.v8}.bin`);
  } catch {
    return undefined;
  }
}

function readCache(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file: string, script: Vm.Script): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs the next run its compile time.
    return;
  }
  // Caches of other builds (the name carries the bundle's hash) left untouched for a day belong to
  // builds no longer run: drop them. A day, so two builds in use at once do not delete each other's.
  try {
    const dir = path.dirname(file);
    const dayAgo = Date.now() - 24 * 3600 * 1000;
    for (const name of fs.readdirSync(dir)) {
      if (!/^cli-[0-9a-f]{16}-/.test(name) || name.startsWith(`cli-${__CLI_MAIN_HASH__}-`)) continue;
      const other = path.join(dir, name);
      if (fs.statSync(other).mtimeMs < dayAgo) fs.rmSync(other, { force: true });
    }
  } catch {
    // leftovers only cost disk space
  }
}

/**
 * A cache holds the functions its writing run compiled, and every later run deserialises all of them.
 * The first run after an install is often not a typical one (the hook's first call in a workspace
 * builds the credential index), so it only leaves a marker; the next run without a cache writes it.
 */
function secondRunWithoutCache(file: string): boolean {
  const marker = `${file}.seen`;
  if (fs.existsSync(marker)) {
    try {
      fs.unlinkSync(marker);
    } catch {
      // written anyway; a stale marker only means the next rebuild skips the wait
    }
    return true;
  }
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(marker, '', { mode: 0o600 });
  } catch {
    // no marker: this run is simply not cached either
  }
  return false;
}

/**
 * The bundle could not be compiled or threw while loading. For `hook` that must still be a deny the
 * host understands (a bare crash exits 1, which some hosts treat as "go ahead"); otherwise one line.
 */
function failedToLoad(err: unknown): void {
  const what = `the Blast Shield CLI failed to load (${err instanceof Error ? err.message : String(err)})`;
  const write = (fd: number, text: string): void => {
    try {
      fs.writeSync(fd, text);
    } catch {
      // nothing else can be done; the exit code below still denies in every host that reads it
    }
  };
  if (process.argv[2] === 'hook') {
    const reply = emergencyDeny(process.argv[3] ?? '', what);
    if (reply.stdout) write(1, reply.stdout);
    if (reply.stderr) write(2, reply.stderr);
    process.exitCode = reply.exitCode;
    return;
  }
  write(2, `blast-shield: ${what}\n`);
  process.exitCode = 1;
}

/**
 * V8 checks a code cache's version, flags and source length, but in release builds not its checksum:
 * a cache with changed bytes (a damaged disk, a partial overwrite) is run as whatever bytecode it now
 * holds, or crashes V8. This turns the checksum on for this process (the flag is part of the hash V8
 * keys caches by, so caches written without it are refused too), through the V8 binding because
 * loading node:v8 would load the stream modules (several milliseconds). Node 24 no longer offers that
 * binding: there the cache is used unchecked, as before, guarded only by the perimeter that keeps
 * agents from writing the guard home (the same protection as the bundle itself).
 */
function verifyCacheChecksums(): void {
  const quiet = process.noDeprecation;
  try {
    // The binding's deprecation notice would load the stream modules to print itself.
    process.noDeprecation = true;
    const binding = (process as unknown as { binding(name: string): { setFlagsFromString?: (flags: string) => void } }).binding('v8');
    binding.setFlagsFromString?.('--verify-snapshot-checksum');
  } catch {
    // no binding on this runtime
  } finally {
    process.noDeprecation = quiet;
  }
}

function runBundle(): void {
  try {
    loadAndRun();
  } catch (err) {
    failedToLoad(err);
  }
}

function loadAndRun(): void {
  const source = readMain();
  verifyCacheChecksums();
  const file = cachePath();
  const cachedData = readCache(file);
  // node:vm only here: a call the decision server answers never compiles the bundle.
  const vm = require('node:vm') as typeof Vm;
  const script = new vm.Script(source, { filename: path.join(__dirname, MAIN_FILE), cachedData });
  // The installer's `hook --prepare-cache` run writes the cache at once (its run is a typical one).
  const preparing = process.argv[2] === 'hook' && process.argv[3] === PREPARE_CACHE;
  if (file && (script.cachedDataRejected || (cachedData === undefined && (preparing || secondRunWithoutCache(file))))) {
    // Written at exit so the cache also holds the functions this run compiled lazily.
    process.once('exit', () => writeCache(file, script));
  }
  setLauncherBuild(__CLI_MAIN_HASH__);
  const main = script.runInThisContext() as (exports: unknown, req: NodeJS.Require, mod: NodeJS.Module, filename: string, dirname: string) => void;
  main.call(module.exports, module.exports, require, module, __filename, __dirname);
}

/**
 * A hook call for a host the decision server serves: ask the warm server first (deciderClient.ts)
 * and answer with its reply only once verified; anything else runs the bundle in-process, handing it
 * the stdin read begun here. With no server there, an installed hook (or one told to by
 * BLAST_SHIELD_DECIDER=spawn) starts one for later calls.
 */
function tryDecider(): Promise<boolean> | undefined {
  const host = process.argv[3] ?? '';
  if (process.argv[2] !== 'hook' || !SERVED_HOSTS.has(host) || process.argv.length !== 4) return undefined;
  if (!clientAllowed(process.env, process.execArgv, process.platform)) return undefined;
  let home: string;
  let cwd: string;
  try {
    home = guardHome(process.env);
    // Throws when the working folder was deleted: this path then stays out of the way (an exception
    // here, outside runBundle's guard, would exit 1 with no reply, which Claude Code lets through).
    cwd = process.cwd();
  } catch {
    return undefined;
  }
  const trace = process.env.BLAST_SHIELD_DECIDER_TRACE === '1';
  // Traced calls only: where the time went (the launcher running, stdin read, request sent, reply read).
  const marks: Array<[string, number]> | undefined = trace ? [['launcher', msSinceStart()]] : undefined;
  const startedAt = Date.now();
  // Connected first: the server accepts and sets the connection up while stdin is read here.
  const connection = pipeConnect(DECIDER_PATHS.socket(home));
  const stdin = readStdinFd(HOOK_INPUT_MAX_BYTES);
  stdin.catch(() => undefined);
  setHookPrelude({ startedAt, stdin });
  return askDecider({ home, build: __CLI_MAIN_HASH__, host, stdin, env: process.env, cwd, pid: process.pid, ppid: process.ppid, ...(connection ? { connection } : {}), ...(marks ? { marks } : {}) }).then((outcome) => {
    if (marks) {
      const phases = marks.map(([what, at]) => `${what} ${at.toFixed(1)}`).join(', ');
      fs.writeSync(2, `blast-shield decider: ${outcome.why} (${Math.round(msSinceStart())} ms after start)\nblast-shield decider phases (ms after start): ${phases}\n`);
    }
    if (outcome.reply) {
      // Once the answer is being written, the bundle must not write a second one.
      try {
        process.exitCode = outcome.reply.exitCode;
        writeAll(1, outcome.reply.stdout);
        if (outcome.reply.stderr) writeAll(2, outcome.reply.stderr);
      } catch {
        // a host that closed its pipe reads nothing either way
      }
      // The answer is out and nothing else is pending: exit now (with the reply's exit code) instead
      // of through Node's orderly teardown of the handles and threads the exchange used.
      process.exit();
    }
    if (outcome.absent) {
      const installed = path.resolve(__dirname) === path.resolve(GUARD_PATHS.binDir(home));
      if (installed || process.env.BLAST_SHIELD_DECIDER === 'spawn') startDecider(home, __filename, process.env);
    }
    return false;
  });
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
}

let served: Promise<boolean> | undefined;
try {
  served = tryDecider();
} catch {
  // Any failure of the fast path decides in-process (runBundle turns its own failures into a deny).
  served = undefined;
}
if (served) {
  served.then(
    (done) => done || runBundle(),
    () => runBundle(),
  );
} else {
  runBundle();
}
