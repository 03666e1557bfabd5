import { ownTable } from '../../ownTable';
import { EFFECT_GRAMMARS, readEffectArgs, values } from '../../policy/effectOptions';
import { resolvePath } from '../../paths';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { readFinding } from '../credentials';
import { infoFor } from './credentialPaths';

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

export function checkFilesFrom(inv: Invocation, ctx: RuleContext): Finding[] {
  const options = LIST_OPTIONS[inv.name];
  const grammar = EFFECT_GRAMMARS[inv.name === 'rsync' ? 'rsync' : 'tar'];
  if (!options || !grammar) return [];
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  for (const list of values(readEffectArgs(inv.args, grammar), ...options)) {
    if (list.dynamic || list.text === '-') continue;
    const text = facts.readFile(resolvePath(cwd, list.text, facts.home));
    for (const line of (text ?? '').split('\n').slice(0, 256)) {
      const name = line.trim();
      const info = name === '' ? undefined : infoFor(resolvePath(cwd, name, facts.home), facts);
      if (info) return [readFinding(inv.name === 'rsync' ? 'copies' : 'archives', info, `${inv.name} (a file named in the list ${list.text})`)];
    }
  }
  return [];
}
