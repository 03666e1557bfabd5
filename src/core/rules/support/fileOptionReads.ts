import { ownTable } from '../../ownTable';
import { effectGrammar, readEffectArgs, values } from '../../policy/effectOptions';
import type { ArgWord, Finding, Invocation, RuleContext } from '../../policy/types';
import type { GrammarSpec } from '../../registry/grammar';
import { readFinding } from '../credentials';
import { infoFor, pathsOfWord } from './credentialPaths';
import { gitStart } from './gitGlobals';

/**
 * Options whose value is a file the program reads whole, not a file it works on: a list of names or
 * addresses (`tar -T`, `wget -i`, `date -f`), a settings file (`curl -K`), a program (`gawk -f`), a message
 * stored in history (`git commit -F`, `git tag -F`, `git notes add -F`). A credential file there is read:
 * its lines come back in the errors, the requests or the history (`git log` prints the message).
 */
interface FileOption {
  options: readonly string[];
  /** How the file is read, after the program's name: a verb, then `as …` (the file's path goes between). */
  how: string;
}

const AS_NAMES = 'reads as a list of file names (each line comes back in its errors)';
const AWK: FileOption = { options: ['-f', '--file'], how: 'runs as a program (its errors print the lines)' };
const TAR: FileOption = { options: ['-T', '--files-from'], how: AS_NAMES };

const FILE_OPTIONS: Readonly<Record<string, FileOption>> = ownTable({
  tar: TAR, gtar: TAR, bsdtar: TAR,
  date: { options: ['-f', '--file'], how: 'reads as dates (each line comes back in its errors)' },
  wget: { options: ['-i', '--input-file'], how: 'reads as addresses to fetch (each line requested and printed)' },
  wget2: { options: ['-i', '--input-file'], how: 'reads as addresses to fetch (each line requested and printed)' },
  curl: { options: ['-K', '--config'], how: 'reads as options (each line sent, or printed in its errors)' },
  awk: AWK, gawk: AWK, mawk: AWK, nawk: AWK, busybox: AWK,
  rsync: { options: ['--files-from', '--exclude-from', '--include-from'], how: AS_NAMES },
  sed: { options: ['-f', '--file'], how: 'runs as a sed script (its errors print the lines)' },
  diff: { options: ['--from-file', '--to-file'], how: 'prints as one side of every comparison (each line that differs)' },
});

/** git subcommands whose `-F FILE` is the message written into history, printed by `git log`/`git show`. */
const GIT_MESSAGE: FileOption = { options: ['-F', '--file'], how: 'stores as a message in history (git log and git show print it, a push sends it)' };
const GIT_MESSAGE_SUBS = new Set(['commit', 'tag', 'notes', 'merge', 'stash']);

/** Each option list's grammar: its one-letter options and long names, each taking a value (`-T FILE`, `-TFILE`, `--files-from=FILE`). */
const GRAMMARS = new Map<readonly string[], GrammarSpec>();
function grammarOf(options: readonly string[]): GrammarSpec {
  let grammar = GRAMMARS.get(options);
  if (!grammar) {
    grammar = effectGrammar(options.filter((o) => /^-\w$/.test(o)).map((o) => o[1]).join(''), options.filter((o) => !/^-\w$/.test(o)).map((o) => o.replace(/^--?/, '')));
    GRAMMARS.set(options, grammar);
  }
  return grammar;
}

/** The values of `options` among `words`, read by the one grammar (words after `--` are operands). */
function optionFiles(words: readonly ArgWord[], options: readonly string[]): ArgWord[] {
  const names = options.map((o) => o.replace(/^--?/, ''));
  return values(readEffectArgs(words, grammarOf(options)), ...names).filter((w) => w.text !== '-' && w.text !== '/dev/stdin');
}

export function checkFileOptionReads(inv: Invocation, ctx: RuleContext): Finding[] {
  let spec = FILE_OPTIONS[inv.name];
  let words: readonly ArgWord[] = inv.args;
  let cwd = inv.cwd || ctx.facts.cwd;
  if (inv.name === 'busybox' && inv.args[0]?.text !== 'awk') return [];
  if (inv.name === 'git') {
    const start = gitStart(inv, ctx.facts);
    if (start.sub === undefined || !GIT_MESSAGE_SUBS.has(start.sub)) return [];
    spec = GIT_MESSAGE;
    words = start.rest;
    cwd = start.cwd;
  }
  if (!spec) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const w of optionFiles(words, spec.options).slice(0, 8)) {
    for (const p of pathsOfWord(w, cwd, ctx.facts).slice(0, 8)) {
      const info = infoFor(p, ctx.facts);
      if (!info || seen.has(info.path)) continue;
      seen.add(info.path);
      out.push({ ...readFinding('reads', info, inv.name), reason: `${inv.name} ${spec.how.replace(/^(\S+) as /, `$1 ${info.path} as `)}; it holds ${info.label}.` });
    }
  }
  return out;
}
