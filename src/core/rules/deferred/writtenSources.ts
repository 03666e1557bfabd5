import { normalize, resolvePath } from '../../paths';
import { effectsOf } from '../../policy/effects';
import type { Facts, Invocation } from '../../policy/types';
import { bootFolderPlaceOf, bootPlaceOf } from './bootPlaces';
import { laterPlaceOf } from './laterPlaces';
import { deferredPlaceOf } from './places';

/**
 * Where the text a command writes comes from, when no printer prints it (stop 30, red team round 11):
 * files the hook can read now (`cat drop.sql > migrations/0009.sql`, `dd if=x of=y`, `sponge y < x`,
 * `tee y < x`) give their text, to be judged as if it ran; a download or an archive's entries give none,
 * and a write of them into a place that runs it later asks; a file the hook cannot read now is left to the
 * place's own rule (written earlier in the same line, it is usually the project's own text).
 */

export interface Fed {
  text: string | undefined;
  /** The file the text was read from. */
  from?: string;
  /** Why the text cannot be read (a download, an archive's entries). */
  opaque?: string;
}

/** Programs that write what they fetch: the hook never sees that text. */
export const DOWNLOADERS = /^(curl|wget|aria2c|http|https|xh|fetch|axel|scp|rsync|gsutil|aws|gcloud|az|s3cmd|rclone)$/;
/** Programs whose output is their input or their file operands' text. */
const COPIERS = /^(cat|tee|sponge|dd)$/;
/** Programs that write an archive's entries. */
const EXTRACTORS = /^(tar|bsdtar|gtar|unzip|7z|7za|7zr|cpio|pax|unrar|bsdcpio|jar)$/;

/** A file's text; one the hook cannot read now (written earlier in the same line, `jq … > /tmp/p && mv /tmp/p package.json`) is left to the place's own rule. */
function readable(abs: string, facts: Facts): Fed {
  return { text: facts.readFile(abs), from: abs };
}

/** The text a command's output carries when it comes from files or its standard input file, or undefined when nothing says. */
export function fedText(inv: Invocation, facts: Facts, cwd: string): Fed | undefined {
  // Only programs that copy their input to their output (`sort < a > b` writes something else).
  if (!COPIERS.test(inv.name)) return undefined;
  // The files cat and dd read, as their effect grammar reads them (cat's operands, dd's `if=`); none: their standard input.
  const files = inv.name === 'cat' || inv.name === 'dd' ? effectsOf(inv).filter((e) => e.kind === 'read').map((e) => e.word) : [];
  if (files.length > 0) {
    if (files.length > 8 || files.some((w) => w.dynamic)) return undefined;
    const parts = files.map((w) => readable(resolvePath(cwd, w.text, facts.home), facts));
    return parts.find((f) => f.text === undefined) ?? { text: parts.map((f) => f.text).join(''), from: parts[0]!.from };
  }
  const stdin = inv.stdin;
  if (stdin?.kind === 'file') return readable(resolvePath(cwd, stdin.path, facts.home), facts);
  if (stdin?.kind === 'pipe' && DOWNLOADERS.test(stdin.from.name)) return { text: undefined, opaque: 'a download' };
  return undefined;
}

/** Why the text written is out of the hook's sight: a download or an archive's entries. */
export function opaqueSource(w: { writer: string; opaque?: string }): string | undefined {
  if (w.opaque !== undefined) return w.opaque;
  if (DOWNLOADERS.test(w.writer)) return 'a download';
  if (EXTRACTORS.test(w.writer)) return "an archive's entries";
  return undefined;
}

/**
 * Folders whose entries a tool runs later, by the folder's own path (one test per extraction), with an
 * entry name that the place tables know there: migrations, CI workflows, hook folders, Rails initializers,
 * deploy hooks, Gradle init scripts.
 */
const ENTRY_FOLDERS: ReadonlyArray<[RegExp, string]> = [
  [/\/(migrations?|migrate|schema_migrations|sql\/migrations)$/, '*.sql'],
  [/\/(alembic|migrations)\/versions$/, '*.py'],
  [/\/\.(github|gitea)\/workflows$|\/\.buildkite$/, '*.yml'],
  [/\/(\.husky|\.githooks)$/, 'pre-commit'],
  [/\/config\/(initializers|environments)$/, '*.rb'],
  [/\/\.platform\/(conf)?hooks\/(prebuild|predeploy|postdeploy)$/, 'hook'],
  [/\/\.gradle\/init\.d$/, '*.gradle'],
];

/** A path inside `folder` that a place runs later, when the folder itself is such a place (`migrations`, `.github/workflows`); undefined elsewhere. */
export function extractionLanding(folder: string, facts: Facts): string | undefined {
  const l = folder.replace(/\\/g, '/').replace(/\/+$/, '').toLowerCase();
  const probe = ENTRY_FOLDERS.find(([re]) => re.test(l))?.[1];
  if (probe === undefined) return undefined;
  const path = normalize(`${folder}/${probe}`);
  return deferredPlaceOf(path) ?? laterPlaceOf(path, undefined, facts) ?? bootFolderPlaceOf(path, facts) ?? bootPlaceOf(path, facts) ? path : undefined;
}
