import { ownTable } from '../../ownTable';
import { has, readEffectArgs, SEARCH_GRAMMARS } from '../../policy/effectOptions';
import type { ArgWord, Invocation } from '../../policy/types';
import { throughLineFilters } from '../support/listedOperands';
import { invocationCommand } from '../../registry/commandModel';

/** Options that make a search print only the names of the files it looked in, per tool. */
const NAMES_ONLY: Readonly<Record<string, readonly string[]>> = ownTable({
  grep: ['l', 'L', 'files-with-matches', 'files-without-match'],
  rg: ['l', 'files-with-matches', 'files-without-match', 'files'],
});
const FAMILY: Readonly<Record<string, string>> = ownTable({ grep: 'grep', egrep: 'grep', fgrep: 'grep', rg: 'rg' });

/**
 * `rg -l oldName src | xargs sed -i …`, `grep -rl foo src | xargs sed -i …`: a search printing only
 * file names prints names below the folders it searches, so the command fed its lines changes paths
 * there and nowhere else. The folders, when the search (behind filters of its lines) names each as a
 * plain word; undefined when its names may be any file (no folder named, contents printed, a word built
 * at run time).
 */
export function searchedFoldersFeeding(producer: Invocation): ArgWord[] | undefined {
  const { source } = throughLineFilters(producer);
  const family = FAMILY[source.name];
  if (!family) return undefined;
  const read = readEffectArgs(source.args, SEARCH_GRAMMARS[family]!);
  if (!has(read, ...NAMES_ONLY[family]!)) return undefined;
  const patternGiven = has(read, 'e', 'f', 'regexp', 'file') || (family === 'rg' && has(read, 'files'));
  const folders = read.operands.slice(patternGiven ? 0 : 1);
  if (folders.length === 0 || folders.some((w) => w.dynamic || w.glob || w.text === '-')) return undefined;
  return folders;
}

/** git commands whose operands are names of refs or remotes, never paths (`… | xargs git branch -d`). */
const GIT_REF_COMMANDS: ReadonlySet<string> = new Set(['branch', 'tag', 'push', 'fetch', 'remote']);

/** The command fed its arguments takes no paths, whatever the lines say. */
export function takesNoPaths(inv: Invocation): boolean {
  const command = inv.name === 'git' ? invocationCommand(inv) : undefined;
  return command !== undefined && GIT_REF_COMMANDS.has(command.parsed.path[0] ?? '');
}
