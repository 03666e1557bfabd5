import { basename, dirname, resolvePath } from '../../paths';
import type { PathEffect } from '../../policy/effects';
import { grammarOf, has, readEffectArgs, values } from '../../policy/effectOptions';
import type { Facts, Invocation } from '../../policy/types';

/**
 * Symbolic links planted without `ln`: an archive's link members (`unzip -o links.zip -d /tmp/lk`,
 * `tar xf links.tar -C /tmp`) and a link copied or moved as a link (`cp -P link ./editor`, `cp -a`,
 * `cp -r`, `mv`). Each is judged as `ln -s TARGET` is: a link effect on the place it points at, so a
 * link into a hook configuration, the guard home or the editor's settings is a change of that place
 * (later writes through the link are unseen). Links to ordinary files stay ordinary.
 */

const MAX_LINKS = 64;

function linkEffect(text: string): PathEffect {
  return { kind: 'link', word: { text, raw: text, dynamic: false, glob: false } };
}

/** The places the link members of the archive at `archive`, extracted into `base`, point at; undefined when its links cannot be read. */
export function archiveLinkEffects(archive: string, base: string, facts: Facts): PathEffect[] | undefined {
  const links = facts.archiveLinks?.(archive);
  if (!links) return undefined;
  return links.slice(0, MAX_LINKS).map((link) => linkEffect(resolvePath(dirname(resolvePath(base, link.name.replace(/^\/+/, ''), facts.home)), link.target, facts.home)));
}

/** Whether a copier keeps a link operand a link: cp `-P`/`-d`/`-a` or recursive without `-L`/`-H`; rsync `-l`/`-a` without `-L`; mv always. */
function keepsLinks(name: string, read: ReturnType<typeof readEffectArgs>): boolean {
  if (name === 'mv') return true;
  if (name === 'rsync') return has(read, 'l', 'links', 'a', 'archive') && !has(read, 'L', 'copy-links', 'no-links');
  return (has(read, 'P', 'no-dereference', 'd', 'a', 'archive') || (has(read, 'r', 'R', 'recursive') && !has(read, 'H'))) && !has(read, 'L', 'dereference');
}

/** `cp -P|-d|-a|-r SRC DEST`, `rsync -a SRC DEST`, `mv SRC DEST`: a source that is itself a symbolic link is planted at DEST as a link to where it leads. */
export function copiedLinkEffects(inv: Invocation, facts: Facts, cwd: string): PathEffect[] {
  if ((inv.name !== 'cp' && inv.name !== 'mv' && inv.name !== 'rsync') || !facts.realPath) return [];
  const read = readEffectArgs(inv.args, grammarOf(inv.name));
  if (!keepsLinks(inv.name, read)) return [];
  const sources = values(read, 't', 'target-directory').length > 0 ? read.operands : read.operands.slice(0, -1);
  const out: PathEffect[] = [];
  for (const source of sources.slice(0, MAX_LINKS)) {
    if (source.dynamic || source.glob || /\/\.?$/.test(source.text) || /^[^/]*:|^rsync:\/\//.test(source.text)) continue;
    const abs = resolvePath(cwd, source.text, facts.home);
    const folder = dirname(abs);
    const throughFolder = `${facts.realPath(folder) ?? folder}/${basename(abs)}`.replace(/^\/\//, '/');
    const led = facts.realPath(abs);
    // The last part is a link when following it leads somewhere the folder alone does not.
    if (led !== undefined && led !== throughFolder) out.push(linkEffect(led));
  }
  return out;
}
