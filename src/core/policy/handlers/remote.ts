/**
 * Tools whose subcommand runs a command line or script somewhere else (`ssh db1 …`, `fly ssh console
 * -C …`, `kubectl exec pod -- …`, `railway run …`), read from their registry entry
 * (`../../registry/tools/*.ts`): a CLI described there with `runsElsewhere` needs no handler here.
 */

import { optionsMatching, type ParsedCommand } from '../../registry/grammar';
import { commandNode, readingsOf, runsCommandsElsewhere, toolArgs, toolNamed } from '../../registry/commandModel';
import type { CommandSource, CommandSpec, ToolArgs, ToolSpec } from '../../registry/types';
import type { ArgWord, Invocation, RemoteContext } from '../types';
import { kubeExecCredential, sshLocalCommands } from './hiddenExec';
import { remoteExec, type Exec, type Handler, type Walker } from './context';

/**
 * A tool whose subcommand runs a command line or script somewhere else (`ssh db1 …`, `fly ssh
 * console -C …`, `kubectl exec pod -- …`, `railway run …`), as its registry entry describes. When an
 * unknown option may have taken the next word, each reading that reaches such a subcommand is run.
 */
function elsewhere(w: Walker, tool: ToolSpec, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  if (name === 'ssh') sshLocalCommands(w, name, args, exec);
  if (name === 'kubectl') kubeExecCredential(w, name, args, exec);
  const seen = new Set<CommandSpec>();
  for (const parsed of readingsOf(args, tool)) {
    const node = commandNode(parsed);
    const spec = node.runsElsewhere;
    if (!spec || seen.has(node)) continue;
    seen.add(node);
    const view = toolArgs(name, parsed, tool);
    if (spec.when && !spec.when(view)) continue;
    const place = spec.place(view);
    const label = spec.label(view);
    const unread = spec.unread?.(view);
    if (unread !== undefined) {
      w.addOpaque(unread, w.viaOf(exec), place);
      continue;
    }
    const script = spec.script?.(view);
    if (script !== undefined) {
      // Read here (its path is this machine's), judged there.
      w.runFile(script, 'shell', inv, place ? { ...remoteExec(exec, place), cwd: exec.cwd } : exec, label);
      continue;
    }
    const source = spec.command;
    if ('argv' in source) {
      const argv = source.argv === 'after-dashdash' ? parsed.command ?? [] : source.argv === 'computed' ? source.of(view) : parsed.operands.slice(source.skip);
      if (argv.length === 0) continue;
      // Standard input goes through to the command (`kubectl exec -i pod -- sh < x.sh`).
      const inner: Exec = { ...exec, redirects: [], assignments: {}, wrappers: [...exec.wrappers, label], ...envFileWords(exec, parsed, tool) };
      w.run(argv, place ? remoteExec(inner, place) : inner);
      continue;
    }
    const words = commandTextWords(parsed, tool, source, view);
    if (words.length === 0) {
      if (spec.loginShell && place) remoteLoginShell(w, label, inv, exec, place);
      continue;
    }
    if (words.some((word) => word.dynamic)) {
      w.addOpaque(`${[name, ...parsed.path].join(' ')} runs a command line built at run time`, w.viaOf(exec), place);
      continue;
    }
    const quote = source.text === 'operands' && source.quoteSpaced && words.length > 1;
    let text = words.map((word) => (quote && /[ "]/.test(word.text) ? `"${word.text.replace(/"/g, '\\"')}"` : word.text)).join(source.text === 'option' ? '\n' : ' ');
    if (source.text === 'option' && source.decode) {
      const decoded = source.decode(text);
      if (!decoded) {
        w.addOpaque(source.undecodable ?? `${label} runs commands that cannot be read`, w.viaOf(exec), place);
        continue;
      }
      text = decoded.join('\n');
    }
    w.analyzeText(text, place ? w.remoteScope(exec, label, place) : w.childScope(exec, label));
  }
  return inv;
}

/**
 * Round 29: the tool's own env-file option (`docker run --env-file .env.production postgres psql`, `podman run
 * --env-file`): the command there runs with the file's variables, so it carries the option as a loader word.
 */
function envFileWords(exec: Exec, parsed: ParsedCommand, tool: ToolSpec): { wrapperWords?: ArgWord[] } {
  const words = optionsMatching(parsed, tool, ['--env-file']).flatMap((o) => o.valueWords.map((word, i) => ({ ...word, text: `--env-file=${o.values[i] ?? word.text}`, raw: `--env-file=${o.values[i] ?? word.text}` })));
  return words.length > 0 ? { wrapperWords: [...(exec.wrapperWords ?? []), ...words.slice(0, 8)] } : {};
}

/** The words of the command line a `runsElsewhere` subcommand is given as text (`-C 'ls'`, operands); none when it opens a login shell. */
export function commandTextWords(parsed: ParsedCommand, tool: ToolSpec, source: Exclude<CommandSource, { argv: unknown }>, view: ToolArgs): ArgWord[] {
  if (source.text === 'option') {
    const given = optionsMatching(parsed, tool, [source.option]).pop();
    return given ? given.valueWords.map((word, i) => ({ ...word, text: given.values[i]! })) : [];
  }
  return source.text === 'computed' ? source.of(view) : parsed.operands.slice(source.skip);
}

/** No command given: the remote login shell runs whatever comes in on standard input (`ssh db1 < x.sh`). */
function remoteLoginShell(w: Walker, label: string, inv: Invocation | undefined, exec: Exec, remote: RemoteContext): Invocation | undefined {
  if (exec.stdin || exec.stdinUnknown) w.stdinProgram(label, 'shell', inv, remoteExec(exec, remote));
  return inv;
}

/** The handler of a registry tool that runs commands elsewhere, if `name` is one. */
export function remoteHandler(name: string): Handler | undefined {
  const tool = toolNamed(name);
  return tool && runsCommandsElsewhere(tool) ? (w, _name, first, args, exec) => elsewhere(w, tool, name, first, args, exec) : undefined;
}
