import { hostHookLimitSeconds, STDIN_DEADLINE_MS, WATCHDOG_MARGIN_MS } from '../node/hosts/deadlines';
import { failClosedReply, MAX_HOOK_INPUT_BYTES, runHook } from '../hook/runHook';
import { createRealEngine } from '../hook/realEngine';
import { emergencyDeny } from '../hook/emergencyDeny';
import type { CliIo } from './io';
import { PREPARE_CACHE } from './prepareCacheFlag';
import { makeScratchWorkspace, removeScratchWorkspace } from './scratchWorkspace';
import { hookPrelude, readStdinFd } from './stdinRead';

const HELP = `usage: blast-shield hook <cursor|claude|vscode|copilot|cline|gemini|codex|windsurf|vscode-agent>

Reads one hook payload (JSON) on standard input, decides, and writes exactly the answer the host
expects on standard output. Host configurations call this through the shim that
'blast-shield install' writes; it is not meant to be run by hand except for testing.
Every failure denies, in the host's own format.
`;

/** Settles with `what` as an error once `ms` pass; the timer does not keep the process alive by itself. */
function timeLimit(ms: number, what: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(what)), ms).unref());
}

/**
 * Write the reply and end the process at once. A read of a stdin that never closes is still pending
 * in a libuv worker thread, and a normal exit waits for that thread (forever), so the process then
 * ends by SIGKILL once the answer is written: the installed shim passes a JSON answer on with exit 0
 * whatever the status (see hookEntry.ts), so the host reads the deny.
 */
function answerAndExit(io: CliIo, reply: { stdout: string; stderr?: string; exitCode: number }, readPending: boolean): never {
  io.stdout(reply.stdout);
  if (reply.stderr) io.stderr(reply.stderr);
  if (readPending) process.kill(process.pid, 'SIGKILL');
  process.exit(reply.exitCode);
}

/**
 * `hook --prepare-cache`, run by the installer right after it copies the CLI (src/node/hosts/prepareCache.ts):
 * one benign decision, with no answer, so the launcher writes the hook's code cache for this runtime
 * before any host calls it. The launcher keeps a cache it could use, so this run's cache serves every
 * later call, not only the first: it must compile what a real call runs. Its workspace is therefore a
 * git repository (the lookups a real workspace takes), and its decision is appended to an audit log of
 * its own, in a guard home inside the same temporary folder (the real log gets no line). Prints `{}`;
 * every failure is only a cache not written.
 */
async function prepareCache(io: CliIo): Promise<number> {
  const scratch = makeScratchWorkspace('blast-shield-prepare-', 'prepare');
  try {
    const env = { ...io.env, BLAST_SHIELD_HOME: scratch.home };
    await runHook('claude', scratch.payload, env, { engine: createRealEngine(env) });
    io.stdout('{}\n');
    return 0;
  } finally {
    removeScratchWorkspace(scratch);
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const host = args[0] ?? '';
  if (host === '--help' || host === '-h') {
    io.stdout(HELP);
    return 0;
  }
  if (host === PREPARE_CACHE) return prepareCache(io);
  let answered = false;
  let reading = true;
  const bound = io.env === process.env;
  // The launcher tried the decision server first: its stdin read and its start time carry over, so
  // the limits below still count from when the host started this process.
  const prelude = bound ? hookPrelude() : undefined;
  const spent = prelude ? Math.max(0, Date.now() - prelude.startedAt) : 0;
  // The last line of defence, per host: a deny just before that host stops waiting (and, on most
  // hosts, runs the action). The dialog's own deadline comes before it (runHook).
  const watchdog = setTimeout(() => {
    if (answered) return;
    answered = true;
    answerAndExit(io, failClosedReply(host, 'the hook ran out of time'), reading);
  }, Math.max(1000, hostHookLimitSeconds(host) * 1000 - WATCHDOG_MARGIN_MS - spent));
  watchdog.unref();
  try {
    let text: string;
    try {
      // Bound to this process (main.ts passes process.env): read fd 0 directly; otherwise the supplied reader.
      const read = (prelude ? prelude.stdin : bound ? readStdinFd(MAX_HOOK_INPUT_BYTES) : Promise.resolve(undefined)).then((t) => t ?? io.readStdin());
      text = await Promise.race([read, timeLimit(Math.max(0, Math.min(STDIN_DEADLINE_MS, hostHookLimitSeconds(host) * 1000 - WATCHDOG_MARGIN_MS) - spent), `standard input was not closed within ${Math.round(STDIN_DEADLINE_MS / 1000)} s`)]);
    } catch (err) {
      const reply = failClosedReply(host, `standard input could not be read (${err instanceof Error ? err.message : String(err)})`);
      answered = true;
      // The read may still be pending: end here rather than wait for a stdin that never closes.
      if (bound) answerAndExit(io, reply, reading);
      io.stdout(reply.stdout);
      if (reply.stderr) io.stderr(reply.stderr);
      return reply.exitCode;
    }
    reading = false;
    const result = await runHook(host, text, io.env, { engine: createRealEngine(io.env), ...(prelude ? { startedAt: prelude.startedAt } : {}) });
    if (answered) return result.exitCode;
    answered = true;
    io.stdout(result.stdout);
    if (result.stderr) io.stderr(result.stderr);
    return result.exitCode;
  } catch (err) {
    // runHook never throws; this is for the impossible, answered in the host's format.
    if (answered) return 2;
    answered = true;
    const reply = emergencyDeny(host, `the hook crashed (${err instanceof Error ? err.message : String(err)})`);
    if (reply.stdout) io.stdout(reply.stdout);
    if (reply.stderr) io.stderr(reply.stderr);
    return reply.exitCode;
  } finally {
    clearTimeout(watchdog);
  }
}
