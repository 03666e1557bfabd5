/**
 * Aliases a CLI keeps for its own commands, made on the line: `git -c alias.p=push p -f origin main`,
 * `git config [--global] alias.r reset && git r --hard`, `gh alias set rd 'repo delete org/app --yes'
 * && gh rd`. The alias is expanded into the command it stands for and that command is judged, beside
 * the invocation as written (a tool's own command of the same name wins over an alias, and the
 * registry may not know every one: both readings are judged). An alias starting with `!` (git) or set
 * with `--shell` (gh) is a shell line (git-scm.com/docs/git-config#Documentation/git-config.txt-alias;
 * cli.github.com/manual/gh_alias_set).
 */

import { commandWords, optionsMatching } from '../../registry/grammar';
import { parsedArgs, toolNamed } from '../../registry/commandModel';
import type { ArgWord } from '../types';
import { quoteForShell, type Exec, type Walker } from './context';

const GIT_ALIAS = '\u0000gitalias:';
const GH_ALIAS = '\u0000ghalias:';

/** Record the aliases `git`/`gh` define here for later commands of the line, and judge the alias this invocation runs. */
export function toolAliases(w: Walker, name: string, args: ArgWord[], exec: Exec): void {
  if (name === 'git') gitAliases(w, args, exec);
  else if (name === 'gh') ghAliases(w, args, exec);
}

/** `-c alias.NAME=VALUE` given to this git, and `GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` in its environment. */
function inlineGitAliases(values: readonly string[], assignments: Readonly<Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const value of values) {
    const m = /^alias\.([^=]+)=([\s\S]*)$/i.exec(value);
    if (m) out.set(m[1]!.toLowerCase(), m[2]!);
  }
  for (const [key, value] of Object.entries(assignments)) {
    const m = /^GIT_CONFIG_KEY_(\d+)$/.exec(key);
    const alias = m ? /^alias\.(.+)$/i.exec(value) : null;
    const expansion = m ? assignments[`GIT_CONFIG_VALUE_${m[1]!}`] : undefined;
    if (alias && expansion !== undefined) out.set(alias[1]!.toLowerCase(), expansion);
  }
  return out;
}

function gitAliases(w: Walker, args: ArgWord[], exec: Exec): void {
  const spec = toolNamed('git');
  if (!spec) return;
  const parsed = parsedArgs(args, spec);
  const words = commandWords(parsed, args);
  // `git config [--global|--file F] [set] alias.NAME VALUE`: every later `git NAME` runs VALUE.
  if (words[0]?.text === 'config') {
    const rest = words.slice(words[1]?.text === 'set' ? 2 : 1);
    const key = rest[0] && !rest[0].dynamic ? /^alias\.(.+)$/i.exec(rest[0].text) : null;
    if (key && rest[1]) exec.scope.vars.set(GIT_ALIAS + key[1]!.toLowerCase(), rest[1].dynamic ? null : rest[1].text);
    return;
  }
  const index = parsed.path.length === 0 ? parsed.operandIndexes[0] : undefined;
  const word = index === undefined ? undefined : args[index];
  if (!word || word.dynamic) return;
  const alias = word.text.toLowerCase();
  const inline = inlineGitAliases(optionsMatching(parsed, spec, ['-c']).flatMap((o) => o.values), exec.assignments);
  const expansion = inline.has(alias) ? inline.get(alias) : exec.scope.vars.get(GIT_ALIAS + alias);
  if (expansion === undefined) return;
  expand(w, exec, `git alias ${alias}`, expansion, (text) => ['git', ...args.slice(0, index).map(quoteForShell), text, ...args.slice(index! + 1).map(quoteForShell)].join(' '), args.slice(index! + 1), '!');
}

function ghAliases(w: Walker, args: ArgWord[], exec: Exec): void {
  const spec = toolNamed('gh');
  if (!spec) return;
  const parsed = parsedArgs(args, spec);
  const words = commandWords(parsed, args);
  // `gh alias set NAME EXPANSION [--shell]`: every later `gh NAME` runs EXPANSION (a shell line with --shell or a leading `!`).
  if (words[0]?.text === 'alias' && words[1]?.text === 'set') {
    const [nameWord, value] = [words[2], words[3]];
    if (!nameWord || nameWord.dynamic || !value) return;
    const shell = args.some((a) => a.text === '--shell' || a.text === '-s');
    exec.scope.vars.set(GH_ALIAS + nameWord.text, value.dynamic ? null : shell && !value.text.startsWith('!') ? `!${value.text}` : value.text);
    return;
  }
  const index = parsed.path.length === 0 ? parsed.operandIndexes[0] : undefined;
  const word = index === undefined ? undefined : args[index];
  if (!word || word.dynamic) return;
  const expansion = exec.scope.vars.get(GH_ALIAS + word.text);
  if (expansion === undefined) return;
  const rest = args.slice(index! + 1);
  // `$1`, `$2` … take the arguments in order; the others are appended.
  const used = new Set<number>();
  const fill = (text: string): string => text.replace(/\$(\d+)/g, (_m, n: string) => {
    used.add(Number(n) - 1);
    return rest[Number(n) - 1] ? quoteForShell(rest[Number(n) - 1]!) : '';
  });
  expand(w, exec, `gh alias ${word.text}`, expansion, (text) => {
    const filled = fill(text);
    return ['gh', filled, ...rest.filter((_a, i) => !used.has(i)).map(quoteForShell)].join(' ');
  }, rest, '!', fill);
}

/** Judge what an alias runs: a command line of the tool, or (after `shellMark`) a shell line with the arguments after it. */
function expand(w: Walker, exec: Exec, label: string, expansion: string | null, toolLine: (text: string) => string, rest: readonly ArgWord[], shellMark: string, fill?: (text: string) => string): void {
  const via = w.viaOf(exec);
  // git refuses an alias loop: nothing more runs.
  if (via.includes(label)) return;
  if (expansion === null) {
    w.addOpaque(`${label.replace(/ alias /, ' runs the alias ')}, defined with a value computed at run time`, via);
    return;
  }
  const scope = w.childScope(exec, label, exec.scope.origin, exec.cwd, true);
  if (expansion.startsWith(shellMark)) {
    const body = expansion.slice(shellMark.length);
    w.analyzeText([fill ? fill(body) : body, ...rest.map(quoteForShell)].join(' '), scope);
  } else w.analyzeText(toolLine(expansion), scope);
}
