import { HOOK_TIMEOUT_SECONDS } from '../node/hosts/adapters';
import { failClosedReply, runHook } from '../hook/runHook';
import { createRealEngine } from '../hook/realEngine';
import type { CliIo } from './io';

const HELP = `usage: blast-shield hook <cursor|claude|vscode|copilot|cline>

Reads one hook payload (JSON) on standard input, decides, and writes exactly the answer the host
expects on standard output. Host configurations call this through the shim that
'blast-shield install' writes; it is not meant to be run by hand except for testing.
Every failure denies, in the host's own format.
`;

/** A last line of defence: answer deny just before the host's own timeout if anything hangs. */
const WATCHDOG_MS = HOOK_TIMEOUT_SECONDS * 1000 - 2000;

export async function run(args: string[], io: CliIo): Promise<number> {
  const host = args[0] ?? '';
  if (host === '--help' || host === '-h') {
    io.stdout(HELP);
    return 0;
  }
  let answered = false;
  const watchdog = setTimeout(() => {
    if (answered) return;
    answered = true;
    const reply = failClosedReply(host, 'the hook ran out of time');
    io.stdout(reply.stdout);
    if (reply.stderr) io.stderr(reply.stderr);
    process.exit(reply.exitCode);
  }, WATCHDOG_MS);
  watchdog.unref();
  try {
    let text: string;
    try {
      text = await io.readStdin();
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
    // runHook never throws; this is for the impossible, and exit 2 denies in every host.
    if (!answered) io.stderr(`Blast Shield denied this action: the hook crashed (${err instanceof Error ? err.message : String(err)}).\n`);
    answered = true;
    return 2;
  } finally {
    clearTimeout(watchdog);
  }
}
