/** What a CLI subcommand may touch. main.ts supplies the real streams; tests supply buffers. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of stdin as UTF-8 (bounded by the caller). */
  readStdin: () => Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** A usage error: one line on stderr, exit code 2, never a stack trace. */
export class UsageError extends Error {}

export type Subcommand = (args: string[], io: CliIo) => Promise<number>;
