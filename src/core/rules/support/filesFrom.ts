import { ownTable } from '../../ownTable';
import { grammarOf, readEffectArgs, values } from '../../policy/effectOptions';
import { resolvePath } from '../../paths';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { readFinding } from '../credentials';
import { infoFor } from './credentialPaths';
import type { CredentialFileInfo } from '../../policy/types';

/**
 * Archivers and copiers told which files to take by a list file (`tar cf - -T list`, `tar
 * --files-from=list`, `rsync --files-from=list src/ dest/`): the list's lines, read now, are the
 * files they read. Options are read through the effect grammars of the one grammar.
 */

const LIST_OPTIONS: Readonly<Record<string, readonly string[]>> = ownTable({
  tar: ['T', 'files-from'],
  bsdtar: ['T', 'files-from'],
  gtar: ['T', 'files-from'],
  rsync: ['files-from'],
});

/** A list that only names tracked files (`<(git ls-files)`): what the repository already holds. */
const TRACKED_ONLY = /^git\s+ls-files(\s+(-z|-c|--cached|--full-name))*$/;

/**
 * `tar -T <(echo .env)`, `--files-from <(ls -a | grep env)` (round 12): a list made by a command. Names echoed
 * as literals are read as written; any other command's output can name any file of the folder, so a
 * credential file there is one it may name.
 */
function substitutedList(text: string, cwd: string, ctx: RuleContext): { info: CredentialFileInfo; from: string } | undefined {
  const inner = /^<\(([\s\S]*)\)$/.exec(text)?.[1]?.trim();
  if (inner === undefined || TRACKED_ONLY.test(inner)) return undefined;
  const echoed = /^(?:echo|printf\s+(?:'%s\\n'|"%s\\n"))\s+([\w./~ -]+)$/.exec(inner)?.[1];
  const from = inner.slice(0, 40);
  if (echoed !== undefined) {
    for (const name of echoed.split(/\s+/).slice(0, 64)) {
      const info = name === '' ? undefined : infoFor(resolvePath(cwd, name, ctx.facts.home), ctx.facts);
      if (info) return { info, from };
    }
    return undefined;
  }
  const any = ctx.facts.credentials?.filesUnder(cwd)[0];
  return any ? { info: any, from } : undefined;
}

export function checkFilesFrom(inv: Invocation, ctx: RuleContext): Finding[] {
  const options = LIST_OPTIONS[inv.name];
  if (!options) return [];
  const grammar = grammarOf(inv.name === 'rsync' ? 'rsync' : 'tar');
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  for (const list of values(readEffectArgs(inv.args, grammar), ...options)) {
    if (list.dynamic) {
      const found = substitutedList(list.text, cwd, ctx);
      if (found) return [readFinding(inv.name === 'rsync' ? 'copies' : 'archives', found.info, `${inv.name} (a file named by the output of ${found.from})`)];
      continue;
    }
    if (list.text === '-') continue;
    const text = facts.readFile(resolvePath(cwd, list.text, facts.home));
    for (const line of (text ?? '').split('\n').slice(0, 256)) {
      const name = line.trim();
      const info = name === '' ? undefined : infoFor(resolvePath(cwd, name, facts.home), facts);
      if (info) return [readFinding(inv.name === 'rsync' ? 'copies' : 'archives', info, `${inv.name} (a file named in the list ${list.text})`)];
    }
  }
  return [];
}
