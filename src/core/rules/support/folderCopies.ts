import { isWithin, resolvePath } from '../../paths';
import { effectsOf } from '../../policy/effects';
import type { Finding, Invocation, RuleContext } from '../../policy/types';

/**
 * Another project's folder copied over this one (stop 29, red team round 8): `cp -a ../clean/. .` puts
 * every entry of `../clean` in place of the project's own, its `.git` among them — the repository's
 * branches, index, settings and reflog are replaced by the other repository's, and this one's commits are
 * left unreferenced — and files holding uncommitted work are overwritten. The entries that land are read
 * from the source folder when it can be listed; a copy whose entries collide with nothing kept (a new
 * folder, a template of new files, a source that is not there) stays allowed.
 */

const MAX_ENTRIES = 200;

export function folderCopyOver(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'cp' && inv.name !== 'gcp') return [];
  const facts = ctx.facts;
  for (const effect of effectsOf(inv)) {
    if (effect.kind !== 'extract' || effect.from === undefined || effect.word.dynamic) continue;
    const dest = resolvePath(inv.cwd, effect.word.text, facts.home);
    const root = facts.workspaceRoots.find((r) => isWithin(r, dest) || r === dest);
    if (root === undefined) continue;
    for (const source of effect.from) {
      // `dir/.` and `dir/` copy every entry, dot-files too; a glob is judged where the shell expands it.
      if (source.dynamic || source.glob || /[*?[]/.test(source.text)) continue;
      const folder = resolvePath(inv.cwd, source.text.replace(/\/\.?$/, '') || '.', facts.home);
      const entries = (facts.listDir(folder) ?? []).slice(0, MAX_ENTRIES);
      const landing = new Set(facts.listDir(dest) ?? []);
      const collisions = entries.filter((e) => landing.has(e));
      if (collisions.length === 0) continue;
      const shown = effect.word.text === '.' ? 'this folder' : effect.word.text;
      if (collisions.includes('.git') && (facts.listDir(`${dest}/.git`) ?? []).length > 0) {
        return [ask(`${inv.name} copies ${source.text}'s .git over the repository of ${shown}: its branches, index, settings and reflog are replaced by the other repository's, and its own commits are left unreferenced (with ${collisions.length - 1} other entries overwritten).`, dest, ctx)];
      }
      const paths = collisions.map((e) => `${dest}/${e}`);
      const states = facts.gitPathStates?.(root, paths);
      const lost = states === undefined ? [] : collisions.filter((_e, i) => states[paths[i] as string] === 'modified');
      if (lost.length > 0) return [ask(`${inv.name} copies ${source.text}'s entries over ${shown}: ${lost.slice(0, 3).join(', ')} ${lost.length === 1 ? 'holds' : 'hold'} changes that are not committed, and git cannot bring them back.`, dest, ctx)];
    }
  }
  return [];
}

function ask(reason: string, dest: string, ctx: RuleContext): Finding {
  const env = ctx.environmentOf({ values: [], remote: false });
  return { rule: 'clobber.folder-copied-over', risk: 'destructive', severity: 'ask', reason, targets: [{ kind: 'path', name: dest, provider: 'filesystem', remote: false, environment: env.environment, environmentReason: env.reason }] };
}
