import * as fs from 'node:fs';
import { emergencyDeny } from '../hook/emergencyDeny';
import { SUBCOMMANDS } from './commands';
import { UsageError, type CliIo } from './io';

const MAX_STDIN = 16 * 1024 * 1024;

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_STDIN) {
        reject(new UsageError(`standard input is larger than ${MAX_STDIN} bytes`));
        process.stdin.destroy();
        return;
      }
      chunks.push(c);
    });
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

/**
 * Write straight to the descriptor: touching process.stdout builds a stream (and loads its modules),
 * which costs the hook a few milliseconds for one short line. A descriptor that refuses a synchronous
 * write (a full non-blocking pipe) falls back to the stream, which queues the rest.
 */
const onStream = new Set<1 | 2>();
function writeOut(fd: 1 | 2, text: string): void {
  // The stream is only touched when needed: the process.stdout getter itself builds it.
  const stream = (): NodeJS.WriteStream => (fd === 1 ? process.stdout : process.stderr);
  // Once anything is queued on the stream, everything after goes there too, to keep the order.
  if (onStream.has(fd)) {
    stream().write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
  } catch {
    onStream.add(fd);
    stream().write(bytes.subarray(written));
  }
}

function denyHook(host: string, what: string, io: Pick<CliIo, 'stdout' | 'stderr'>): number {
  const reply = emergencyDeny(host, what);
  if (reply.stdout) io.stdout(reply.stdout);
  if (reply.stderr) io.stderr(reply.stderr);
  return reply.exitCode;
}

function usage(): string {
  const lines = ['usage: blast-shield <command> [options]', '', 'commands:'];
  for (const [name, sub] of Object.entries(SUBCOMMANDS)) lines.push(`  ${name.padEnd(10)} ${sub.summary}`);
  lines.push('', "Run 'blast-shield <command> --help' for a command's options.");
  return lines.join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
  const io: CliIo = {
    stdout: (t) => writeOut(1, t),
    stderr: (t) => writeOut(2, t),
    readStdin,
    env: process.env,
    cwd: process.cwd(),
  };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout('blast-shield 0.1.0\n');
    return 0;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) {
    io.stderr(`blast-shield: unknown command '${name}'. Run 'blast-shield --help'.\n`);
    return 2;
  }
  try {
    const run = await sub.load();
    return await run(rest, io);
  } catch (err) {
    // The hook's answer is read by an agent host: a bare error line with exit 1 lets some hosts proceed.
    if (name === 'hook') return denyHook(rest[0] ?? '', `the hook failed to run (${err instanceof Error ? err.message : String(err)})`, io);
    if (err instanceof UsageError) {
      io.stderr(`blast-shield ${name}: ${err.message}\n`);
      return 2;
    }
    io.stderr(`blast-shield ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const what = err instanceof Error ? err.message : String(err);
    if (process.argv[2] === 'hook') {
      process.exitCode = denyHook(process.argv[3] ?? '', `the hook failed to run (${what})`, { stdout: (t) => writeOut(1, t), stderr: (t) => writeOut(2, t) });
      return;
    }
    process.stderr.write(`blast-shield: ${what}\n`);
    process.exitCode = 1;
  },
);
