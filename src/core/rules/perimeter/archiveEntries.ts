import { basename, dirname, isWithin, normalize, resolvePath } from '../../paths';
import type { PathEffect } from '../../policy/effects';
import type { Facts, Finding, Invocation } from '../../policy/types';
import { interpreterText } from './runtimeCode';
import { codeTreeCopyEffects } from './codeTreeCopies';
import { archiveLinkEffects, copiedLinkEffects } from './plantedLinks';
import { exists, perimeterView } from './protectedPaths';

/**
 * An extraction whose archive the hook can read (tar, tar.gz, zip: the `archiveMembers` fact) is
 * judged by the paths its members land on, so `tar xf release.tar` into a workspace that holds
 * agent configurations goes ahead when no member lands on one, and a member named
 * `.cursor/hooks.json` or `../.claude/settings.json` is a write of that file. An archive whose
 * members cannot be known keeps the extraction as it is: files of names not known before it runs.
 */

const EXTRACTORS: ReadonlySet<string> = new Set(['tar', 'bsdtar', 'gtar', 'unzip', '7z', '7za', '7zz', '7zr', 'jar', 'unar']);
const MAX_JUDGED = 2_000;

/** `python3 -m zipfile -e ARCHIVE DIR`, `python3 -m tarfile -e ARCHIVE [DIR]`: the standard library's extractors. */
function pythonExtraction(inv: Invocation): PathEffect[] {
  if (!/^python(\d(\.\d+)?)?$/.test(inv.name)) return [];
  const words = inv.args;
  const m = words.findIndex((w) => w.text === '-m');
  const module = words[m + 1]?.text;
  if (m < 0 || (module !== 'zipfile' && module !== 'tarfile')) return [];
  const rest = words.slice(m + 2);
  const at = rest.findIndex((w) => w.text === '-e' || w.text === '--extract');
  if (at < 0) return [];
  const [archive, dir] = rest.slice(at + 1).filter((w) => !w.text.startsWith('-'));
  const here = { text: '.', raw: '.', dynamic: false, glob: false };
  return [...(archive ? [{ kind: 'read' as const, word: archive }] : []), { kind: 'extract', word: dir ?? here }];
}

/** Interpreters whose inline code may extract an archive (`tarfile.open(x).extractall()`, `shutil.unpack_archive(x)`, node's `tar.x(…)`). */
const INLINE = /^(python(\d(\.\d+)?)?|node|nodejs|bun|deno|ruby|perl)$/;
const EXTRACTS_IN_CODE = /\.extractall\s*\(|\bunpack_archive\s*\(|\.extract\s*\(|\btar\.(x|extract)\s*\(|require\s*\(\s*['"]tar['"]\s*\)\.(x|extract)\s*\(|\bextract-zip\b|\bdecompress\s*\(/;

/** An extraction by inline code: names not known before it runs, into the folder its code names first (or the working folder). */
function codeExtraction(inv: Invocation): PathEffect[] {
  if (!INLINE.test(inv.name)) return [];
  const code = interpreterText(inv);
  const m = EXTRACTS_IN_CODE.exec(code);
  if (!m) return [];
  const target = /^\s*(?:path\s*=\s*|extract_dir\s*=\s*|\{\s*(?:cwd|C|dir)\s*:\s*)?['"]([^'"]+)['"]\s*[),}]/.exec(code.slice(m.index + m[0].length));
  const dir = /\.extractall\s*\($|\.extract\s*\($/.test(m[0]) ? target?.[1] : undefined;
  return [{ kind: 'extract', word: { text: dir ?? '.', raw: dir ?? '.', dynamic: false, glob: false } }];
}

/**
 * A list file's lines as the paths they name (`tar --remove-files -T list`, `zip -m -@ < list`, `7z a -sdel @list`):
 * each line is a path acted on. A list that cannot be read leaves its read alone (names not known before it runs).
 */
function listedEffects(effect: PathEffect, kind: PathEffect['kind'], facts: Facts, cwd: string): PathEffect[] {
  const text = effect.word.dynamic ? undefined : facts.readFile(resolvePath(cwd, effect.word.text, facts.home));
  const lines = (text ?? '').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '').slice(0, MAX_JUDGED);
  return [effect, ...lines.map((line): PathEffect => ({ kind, word: { text: line, raw: line, dynamic: false, glob: false }, recursive: true }))];
}

export function archiveEffects(effects: readonly PathEffect[], inv: Invocation, facts: Facts, cwd: string): readonly PathEffect[] {
  if (effects.some((e) => e.listing)) effects = effects.flatMap((e) => (e.listing ? listedEffects(e, e.listing, facts, cwd) : [e]));
  const copies = [...codeTreeCopyEffects(inv), ...copiedLinkEffects(inv, facts, cwd)];
  if (copies.length > 0) effects = [...effects, ...copies];
  const inline = codeExtraction(inv);
  if (inline.length > 0) return [...effects, ...inline];
  const python = pythonExtraction(inv);
  if (python.length > 0) effects = [...effects, ...python];
  if ((!EXTRACTORS.has(inv.name) && python.length === 0) || !facts.archiveMembers) return effects;
  const extract = effects.filter((e) => e.kind === 'extract');
  const archives = effects.filter((e) => e.kind === 'read');
  if (extract.length !== 1 || archives.length !== 1) return effects;
  const archive = archives[0]!.word;
  const into = extract[0]!.word;
  if (archive.dynamic || archive.glob || archive.text === '-' || into.dynamic) return effects;
  // Link members are planted links (plantedLinks.ts), whatever else the members are.
  const planted = archiveLinkEffects(resolvePath(cwd, archive.text, facts.home), resolvePath(cwd, into.text, facts.home), facts) ?? [];
  if (planted.length > 0) effects = [...effects, ...planted];
  const words = inv.args.map((a) => a.text);
  // Renaming or flattening options change where members land: judged as names not known before.
  if (words.some((w) => /^--(strip-components|transform|xform)\b|^-s$|^--absolute-names$|^-P$/.test(w))) return effects;
  const members = facts.archiveMembers(resolvePath(cwd, archive.text, facts.home));
  // Round 27: `curl -LO URL && tar -xzf file`: an archive not there yet cannot be read, which asks rather than refuses (`unseenArchive`).
  if (!members && facts.fileIdentity?.(resolvePath(cwd, archive.text, facts.home))?.kind === 'missing') return effects.map((e) => (e.kind === 'extract' ? { ...e, archiveMissing: true } : e));
  if (!members || members.length > MAX_JUDGED) return effects;
  const flatten = (inv.name.startsWith('7z') && words[0] === 'e') || (inv.name === 'unzip' && words.some((w) => /^-[a-zA-Z]*j/.test(w)));
  const base = resolvePath(cwd, into.text, facts.home);
  const landed: PathEffect[] = members.map((member) => {
    const rel = flatten ? basename(member) : member.replace(/^\/+/, '');
    // A folder entry only makes the folder; the files that land in it are entries of their own.
    return { kind: member.endsWith('/') ? 'create' : 'write', word: { text: normalize(base + '/' + rel), raw: member, dynamic: false, glob: false } };
  });
  const scratch = readsNoConfigurations(base, facts);
  // New files in a folder nothing reads configurations from (`tar xf cfg.tar -C /tmp/inspect`) take effect for nobody.
  return [...effects.filter((e) => e.kind !== 'extract'), ...landed.filter((e) => !scratch || exists(facts, e.word.text))];
}

/**
 * A folder outside every place whose configurations take effect: not within or above a workspace
 * folder, the home folder, a guard home, the project of an installed hook configuration or a start-up
 * file, where it is named or where it really leads (a symlink to the workspace is the workspace).
 */
function readsNoConfigurations(folder: string, facts: Facts): boolean {
  const view = perimeterView(facts);
  const places = [...view.workspaceRoots, view.home, ...view.guardHomes, ...view.installed.map((f) => dirname(dirname(f))), ...view.startupFiles.map(dirname), ...view.aliases.flatMap((a) => [a.path, a.real]), ...(view.pathFolders ?? []), ...(view.guardCode ?? [])];
  if (!facts.realPath) return false;
  const spellings = [folder, facts.realPath(folder)].filter((p): p is string => p !== undefined);
  return spellings.every((f) => !places.some((place) => isWithin(place.toLowerCase(), f.toLowerCase()) || isWithin(f.toLowerCase(), place.toLowerCase())));
}

/**
 * An extraction of an archive that is not on disk when the hook looks (round 27: `curl -LO https://…/assets.tgz && tar
 * -xzf assets.tgz`, decided here): its entries cannot be read, so whether they reach a protected place below the folder
 * is not known. Unknown content asks (a human sees what was downloaded) rather than refusing outright; an archive on disk
 * is read, and entries naming a protected place still deny. Same signature as the perimeter's deny.
 */
export function unseenArchive(j: { findings: Finding[] }, rule: string, reason: string, target: string): void {
  if (j.findings.some((f) => f.rule === `self-protection.${rule}-unseen` && f.targets[0]?.name === target)) return;
  const why = reason.replace(/; agents may not change Blast Shield's protection\.$/, '');
  j.findings.push({
    rule: `self-protection.${rule}-unseen`,
    risk: 'self-protection',
    severity: 'ask',
    reason: `${why}: the archive is not there yet (downloaded by this line?), so its entries cannot be read before it runs, and it needs confirmation.`,
    targets: [{ kind: 'path', name: target, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  });
}
