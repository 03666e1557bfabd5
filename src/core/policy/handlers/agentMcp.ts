/**
 * Agent CLIs that register an MCP server: `claude mcp add NAME -- sh -c '…'`, `codex mcp add NAME --
 * cmd …`, `gemini mcp add NAME cmd args`, `claude mcp add-json NAME '{"command":…}'`. The command is
 * not run now but every time that agent starts, outside any hook: it is walked as if it ran, with the
 * registration in `via`. A server reached by URL (`--transport http`, `https://…`) runs nothing here.
 */

import { placeholderWord, type Exec, type Handler, type Walker } from './context';
import type { ArgWord, Invocation } from '../types';

/** Options of `mcp add` that take a value (claude, gemini, qwen; codex's `--env`). */
const VALUED = new Set(['-s', '--scope', '-t', '--transport', '-e', '--env', '-H', '--header', '--timeout', '--description', '--include-tools', '--exclude-tools', '--callback-port', '--client-id', '--bearer-token-env-var', '--url']);

function registered(w: Walker, name: string, argv: readonly ArgWord[], exec: Exec): void {
  if (argv.length === 0) return;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(argv[0]!.text)) return;
  w.run([...argv], { ...exec, stdin: undefined, stdinUnknown: false, redirects: [], wrappers: [...exec.wrappers, `${name} mcp add (runs whenever ${name} starts)`] });
}

function mcpAdd(w: Walker, name: string, args: readonly ArgWord[], exec: Exec): void {
  const dash = args.findIndex((a) => a.text === '--');
  let transport: string | undefined;
  const operands: ArgWord[] = [];
  const end = dash < 0 ? args.length : dash;
  for (let i = 0; i < end; i++) {
    const t = args[i]!.text;
    if (VALUED.has(t)) {
      if (t === '-t' || t === '--transport') transport = args[i + 1]?.text;
      i++;
    } else if (/^--[\w-]+=/.test(t)) {
      if (t.startsWith('--transport=')) transport = t.slice(12);
    } else if (t.startsWith('-') && operands.length === 0) continue;
    else operands.push(args[i]!);
  }
  if (transport === 'http' || transport === 'sse') return;
  // NAME first; the command is after `--` or the operands that follow NAME.
  registered(w, name, dash >= 0 ? args.slice(dash + 1) : operands.slice(1), exec);
}

function mcpAddJson(w: Walker, name: string, args: readonly ArgWord[], exec: Exec): void {
  const json = args.filter((a) => !a.text.startsWith('-'))[1];
  if (!json) return;
  if (json.dynamic) {
    w.addOpaque(`${name} mcp add-json registers a server whose command is computed at run time`, w.viaOf(exec));
    return;
  }
  let spec: { command?: unknown; args?: unknown; type?: unknown };
  try {
    spec = JSON.parse(json.text) as typeof spec;
  } catch {
    w.addOpaque(`${name} mcp add-json registers a server the guard cannot read`, w.viaOf(exec));
    return;
  }
  if (typeof spec.command !== 'string') return;
  const rest = Array.isArray(spec.args) ? spec.args.filter((a): a is string => typeof a === 'string') : [];
  registered(w, name, [spec.command, ...rest].map(placeholderWord), exec);
}

const agentMcp: Handler = (w, name, first, args, exec): Invocation | undefined => {
  const inv = w.emit(name, first.text, args, exec);
  const at = args.findIndex((a) => a.text === 'mcp');
  const verb = at >= 0 ? args[at + 1]?.text : undefined;
  if (verb === 'add') mcpAdd(w, name, args.slice(at + 2), exec);
  else if (verb === 'add-json') mcpAddJson(w, name, args.slice(at + 2), exec);
  return inv;
};

export const agentMcpHandlers: Record<string, Handler> = {
  claude: agentMcp,
  codex: agentMcp,
  gemini: agentMcp,
  qwen: agentMcp,
};
