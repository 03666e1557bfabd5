import { basename, normalize, resolvePath } from '../../paths';
import type { PathEffect } from '../../policy/effects';
import type { Facts, Invocation } from '../../policy/types';

/**
 * An extraction whose archive the hook can read (tar, tar.gz, zip: the `archiveMembers` fact) is
 * judged by the paths its members land on, so `tar xf release.tar` into a workspace that holds
 * agent configurations goes ahead when no member lands on one, and a member named
 * `.cursor/hooks.json` or `../.claude/settings.json` is a write of that file. An archive whose
 * members cannot be known keeps the extraction as it is: files of names not known before it runs.
 */

const EXTRACTORS: ReadonlySet<string> = new Set(['tar', 'bsdtar', 'gtar', 'unzip', '7z', '7za', '7zz', '7zr']);
const MAX_JUDGED = 2_000;

export function archiveEffects(effects: PathEffect[], inv: Invocation, facts: Facts, cwd: string): PathEffect[] {
  if (!EXTRACTORS.has(inv.name) || !facts.archiveMembers) return effects;
  const extract = effects.filter((e) => e.kind === 'extract');
  const archives = effects.filter((e) => e.kind === 'read');
  if (extract.length !== 1 || archives.length !== 1) return effects;
  const archive = archives[0]!.word;
  const into = extract[0]!.word;
  if (archive.dynamic || archive.glob || archive.text === '-' || into.dynamic) return effects;
  const words = inv.args.map((a) => a.text);
  // Renaming or flattening options change where members land: judged as names not known before.
  if (words.some((w) => /^--(strip-components|transform|xform)\b|^-s$|^--absolute-names$|^-P$/.test(w))) return effects;
  const members = facts.archiveMembers(resolvePath(cwd, archive.text, facts.home));
  if (!members || members.length > MAX_JUDGED) return effects;
  const flatten = (inv.name.startsWith('7z') && words[0] === 'e') || (inv.name === 'unzip' && words.some((w) => /^-[a-zA-Z]*j/.test(w)));
  const base = resolvePath(cwd, into.text, facts.home);
  const landed: PathEffect[] = members.map((member) => {
    const rel = flatten ? basename(member) : member.replace(/^\/+/, '');
    // A folder entry only makes the folder; the files that land in it are entries of their own.
    return { kind: member.endsWith('/') ? 'create' : 'write', word: { text: normalize(base + '/' + rel), raw: member, dynamic: false, glob: false } };
  });
  return [...effects.filter((e) => e.kind !== 'extract'), ...landed];
}
