/**
 * Which integrated terminals belong to an agent, and which commands are the guard's own CLI. Pure,
 * so it is tested without an editor. Terminal watch exists for agents that run commands without a
 * hook; the user's own typing is not its business, so it looks only at terminals an agent created,
 * recognised by how each host creates them.
 */
import * as path from 'node:path';

export interface TerminalShape {
  name: string;
  /** From the terminal's creation options. */
  hideFromUser?: boolean;
}

/**
 * Terminal names agent extensions give the terminals they create and drive (Cline's TerminalRegistry
 * names its terminals "Cline"; Roo Code and Kilo Code, forks of it, use their own names).
 */
const AGENT_TERMINAL_NAMES: Record<string, string> = {
  Cline: 'Cline',
  'Roo Code': 'Roo Code',
  'Kilo Code': 'Kilo Code',
};

/**
 * The agent that created this terminal, or undefined for a terminal of the user's. VS Code's own agent
 * (the chat's run-in-terminal tool) creates its terminals hidden from the user (`hideFromUser`), which a
 * terminal the user opened never is.
 */
export function agentOfTerminal(terminal: TerminalShape): string | undefined {
  if (terminal.hideFromUser === true) return 'VS Code agent';
  return AGENT_TERMINAL_NAMES[terminal.name.trim()];
}

export interface InvocationShape {
  name: string;
  /** argv[0] as written (may carry a path). */
  command: string;
  args: readonly { text: string }[];
  cwd: string;
}

/** Commands that only hand text to the next one (the demo's `echo '{…}' | blast-shield hook claude`). */
const FEEDERS = new Set(['echo', 'printf', 'cat', 'true']);
const RUNTIMES = new Set(['node', 'nodejs', 'bun', 'deno']);

function inside(dirs: readonly string[], file: string): boolean {
  return dirs.some((d) => file === d || file.startsWith(d.endsWith(path.sep) ? d : d + path.sep));
}

function isGuardCli(inv: InvocationShape, guardDirs: readonly string[]): boolean {
  if (inv.name === 'blast-shield' || inv.name === 'blast-shield-hook') return true;
  if (inv.command.includes('/') && inside(guardDirs, path.resolve(inv.cwd, inv.command))) return true;
  if (!RUNTIMES.has(inv.name)) return false;
  const script = inv.args.find((a) => !a.text.startsWith('-'));
  return script !== undefined && inside(guardDirs, path.resolve(inv.cwd, script.text));
}

/**
 * True when the command runs the guard's own CLI (the extension's dist/, the installed copy in the
 * guard home, or `blast-shield` on PATH) and otherwise only commands that feed it text. Anything else
 * chained to it (`blast-shield status; rm -rf data`) is judged as usual.
 */
export function runsOnlyGuardCli(invocations: readonly InvocationShape[], guardDirs: readonly string[]): boolean {
  if (invocations.length === 0 || !invocations.some((inv) => isGuardCli(inv, guardDirs))) return false;
  return invocations.every((inv) => isGuardCli(inv, guardDirs) || FEEDERS.has(inv.name));
}
