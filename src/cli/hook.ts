import * as fs from 'node:fs';
import { hostHookLimitSeconds, WATCHDOG_MARGIN_MS } from '../node/hosts/deadlines';
import { failClosedReply, MAX_HOOK_INPUT_BYTES, runHook } from '../hook/runHook';
import { createRealEngine } from '../hook/realEngine';
import { emergencyDeny } from '../hook/emergencyDeny';
import type { CliIo } from './io';

const HELP = `usage: blast-shield hook <cursor|claude|vscode|copilot|cline>

Reads one hook payload (JSON) on standard input, decides, and writes exactly the answer the host
expects on standard output. Host configurations call this through the shim that
'blast-shield install' writes; it is not meant to be run by hand except for testing.
Every failure denies, in the host's own format.
`;

/**
 * Read all of stdin straight from fd 0. Hosts hand the hook a pipe or a file; reading the descriptor
 * synchronously avoids building a stream (and loading `net`) for one small document. Returns
 * undefined when the descriptor cannot be read that way (a non-blocking TTY), so the caller falls
 * back to the stream reader. Input past the cap is cut at cap + 1 bytes: the hook then denies it.
 */
function readStdinFd(maxBytes: number): string | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(0, chunk, 0, chunk.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EOF') break;
      if (code === 'EAGAIN' || code === 'EISDIR' || code === 'EINVAL' || code === 'ESPIPE') return chunks.length === 0 ? undefined : Buffer.concat(chunks).toString('utf8');
      throw err;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
    if (total > maxBytes) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}


export async function run(args: string[], io: CliIo): Promise<number> {
  const host = args[0] ?? '';
  if (host === '--help' || host === '-h') {
    io.stdout(HELP);
    return 0;
  }
  let answered = false;
  // A last line of defence: answer deny just before the host's own limit if anything hangs.
  const watchdog = setTimeout(() => {
    if (answered) return;
    answered = true;
    const reply = failClosedReply(host, 'the hook ran out of time');
    io.stdout(reply.stdout);
    if (reply.stderr) io.stderr(reply.stderr);
    process.exit(reply.exitCode);
  }, hostHookLimitSeconds(host) * 1000 - WATCHDOG_MARGIN_MS);
  watchdog.unref();
  try {
    let text: string;
    try {
      // Bound to this process (main.ts passes process.env): read fd 0 directly; otherwise the supplied reader.
      text = (io.env === process.env ? readStdinFd(MAX_HOOK_INPUT_BYTES) : undefined) ?? (await io.readStdin());
    } catch (err) {
      const reply = failClosedReply(host, `standard input could not be read (${err instanceof Error ? err.message : String(err)})`);
      answered = true;
      io.stdout(reply.stdout);
      if (reply.stderr) io.stderr(reply.stderr);
      return reply.exitCode;
    }
    const result = await runHook(host, text, io.env, { engine: createRealEngine(io.env) });
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
