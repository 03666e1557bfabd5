import { resolvePath } from '../../paths';
import type { ArgWord, Facts, Invocation } from '../../policy/types';
import { optionsMatching } from '../../registry/grammar';
import { parsedArgs } from '../../registry/commandModel';
import { git } from '../../registry/tools/git';

/**
 * Where a git command line starts, read through git's registry entry: the subcommand after the
 * global options (`git -C legacy -c color.ui=never --no-pager show …`), the words after it, and the
 * folder git works in (each `-C` relative to the one before, as git reads them).
 */
export interface GitStart {
  sub: string | undefined;
  /** Words after the subcommand. */
  rest: readonly ArgWord[];
  /** The folder git runs in: the invocation's, moved by every `-C`. */
  cwd: string;
}

export function gitStart(inv: Invocation, facts: Facts): GitStart {
  const parsed = parsedArgs(inv.args, git);
  let cwd = inv.cwd || facts.cwd;
  for (const option of optionsMatching(parsed, git, ['-C']).filter((o) => o.depth === 0)) {
    const dir = option.values[0];
    if (dir !== undefined && dir !== '') cwd = resolvePath(cwd, dir, facts.home);
  }
  // A subcommand the entry does not describe (`format-patch`) is the first operand after the global options.
  const at = parsed.pathIndexes[0] ?? parsed.operandIndexes[0];
  if (at === undefined) return { sub: undefined, rest: [], cwd };
  return { sub: (inv.args[at] as ArgWord).text, rest: inv.args.slice(at + 1), cwd };
}
