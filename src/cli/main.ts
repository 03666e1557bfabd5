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

function usage(): string {
  const lines = ['usage: blast-shield <command> [options]', '', 'commands:'];
  for (const [name, sub] of Object.entries(SUBCOMMANDS)) lines.push(`  ${name.padEnd(10)} ${sub.summary}`);
  lines.push('', "Run 'blast-shield <command> --help' for a command's options.");
  return lines.join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
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
    process.stderr.write(`blast-shield: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
