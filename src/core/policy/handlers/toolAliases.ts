/**
 * Aliases a CLI keeps for its own commands, made on the line: `git -c alias.p=push p -f origin main`,
 * `git config [--global] alias.r reset && git r --hard`, `gh alias set rd 'repo delete org/app --yes'
 * && gh rd`. The alias is expanded into the command it stands for and that command is judged, beside
 * the invocation as written (a tool's own command of the same name wins over an alias, and the
 * registry may not know every one: both readings are judged). An alias starting with `!` (git) or set
 * with `--shell` (gh) is a shell line (git-scm.com/docs/git-config#Documentation/git-config.txt-alias;
 * cli.github.com/manual/gh_alias_set).
 */

import { commandWords, optionsMatching, optionValues } from '../../registry/grammar';
import { resolvePath } from '../../paths';
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
  const expansion = inline.has(alias) ? inline.get(alias) : exec.scope.vars.has(GIT_ALIAS + alias) ? exec.scope.vars.get(GIT_ALIAS + alias) : storedGitAlias(w, exec, alias, optionValues(parsed, spec, ['-C']));
  if (expansion === undefined) return;
  expand(w, exec, `git alias ${alias}`, expansion, (text) => ['git', ...args.slice(0, index).map(quoteForShell), text, ...args.slice(index! + 1).map(quoteForShell)].join(' '), args.slice(index! + 1), '!');
}

/** A value of git's config syntax: quotes joined, `\\` escapes read, a `#`/`;` comment outside quotes cut. */
function configValue(raw: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < raw.length) {
      const n = raw[++i]!;
      out += n === 'n' ? '\n' : n === 't' ? '\t' : n;
    } else if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '#' || c === ';')) break;
    else out += c;
  }
  return out.trim();
}

/** `[alias] NAME = VALUE` in a git config text. */
function aliasInConfig(text: string, alias: string): string | undefined {
  let inAlias = false;
  let found: string | undefined;
  for (const line of text.slice(0, 65_536).split('\n')) {
    const section = /^\s*\[\s*([\w.-]+)(?:\s+"[^"]*")?\s*\]/.exec(line);
    if (section) {
      inAlias = section[1]!.toLowerCase() === 'alias';
      continue;
    }
    const entry = inAlias ? /^\s*([\w.-]+)\s*=\s*(.*)$/.exec(line) : null;
    // The last setting wins, as git reads it.
    if (entry && entry[1]!.toLowerCase() === alias) found = configValue(entry[2]!);
  }
  return found;
}

/**
 * An alias a git config file keeps (set by an earlier command or by hand): the repository's
 * `.git/config` above the working folder (or `-C`'s), then the user's `~/.gitconfig` and
 * `~/.config/git/config`; the repository's wins. Asked only for a subcommand the registry does not know.
 */
function storedGitAlias(w: Walker, exec: Exec, alias: string, chdirs: readonly string[]): string | undefined {
  const via = w.viaOf(exec);
  let dir = chdirs.reduce((cwd, c) => resolvePath(cwd, c, w.facts.home), exec.cwd);
  for (let up = 0; up < 24; up++) {
    const text = w.readFile(`${dir === '/' ? '' : dir}/.git/config`, via);
    if (text !== undefined) {
      const found = aliasInConfig(text, alias);
      if (found !== undefined) return found;
      break;
    }
    const parent = dir.replace(/\/[^/]*$/, '') || '/';
    if (parent === dir) break;
    dir = parent;
  }
  for (const file of ['~/.gitconfig', '~/.config/git/config']) {
    const text = w.readFile(resolvePath(exec.cwd, file, w.facts.home), via);
    const found = text === undefined ? undefined : aliasInConfig(text, alias);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * An alias gh keeps in its config (`aliases:` of `config.yml` in `$GH_CONFIG_DIR`, else
 * `~/.config/gh`), set by an earlier `gh alias set` or by hand.
 */
function storedGhAlias(w: Walker, exec: Exec, alias: string): string | undefined {
  const dir = exec.assignments.GH_CONFIG_DIR ?? '~/.config/gh';
  const text = w.readFile(resolvePath(exec.cwd, `${dir}/config.yml`, w.facts.home), w.viaOf(exec));
  if (text === undefined) return undefined;
  let inAliases = false;
  for (const line of text.slice(0, 65_536).split('\n')) {
    if (/^\S/.test(line)) inAliases = /^aliases:\s*$/.test(line);
    const entry = inAliases ? /^\s+([^\s:#]+):\s*(.*)$/.exec(line) : null;
    if (entry && entry[1] === alias) return entry[2]!.trim().replace(/^'([\s\S]*)'$/, (_m, v: string) => v.replace(/''/g, "'")).replace(/^"([\s\S]*)"$/, '$1');
  }
  return undefined;
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
  const expansion = exec.scope.vars.has(GH_ALIAS + word.text) ? exec.scope.vars.get(GH_ALIAS + word.text) : storedGhAlias(w, exec, word.text);
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
