import { identifierParts } from './cliArgs';
import { verbTraitsOf } from '../../registry/verbTraits';

/**
 * Stop 39 (red team round 33, issue #18 criterion 2): telemetry, not a deploy. A CLI nobody describes that records
 * a deploy marker or uploads debug information changes nothing that runs or is served; what it sends is read by an
 * error tracker or a monitoring service to name releases and symbolicate stack traces:
 *
 * - a deploy *recorded*: a deploy word whose options name the revision and where it came from (the repository, the
 *   user who deployed) and which ships nothing from here (`honeybadger deploy --environment=production
 *   --revision=… --repository=…`, `acmetrack deploy --revision abc --repo git@…`), or a marker, notification or
 *   annotation of a deploy (`… deploys new`, `notify-deploy`, `deploy-marker create`, `deployment mark`);
 * - debug information uploaded: source maps, dSYMs, symbol files, ProGuard/R8 mappings, Breakpad or PDB files, by the
 *   words of the command (`sourcemaps upload`, `upload-dsym`, `debug-files upload`, `--sourcemap dist/app.js.map`) or the
 *   files it is given (`*.map`, `*.dSYM`, `*.pdb`, `*.sym`, `mapping.txt`).
 *
 * Still asked: a deploy that names what it ships (an operand, a manifest, a package file), an upload of a build
 * folder without debug words (`acmecdn upload dist/`), and a deploy with a revision but no source of it named.
 */

/** Words of debug information: uploading these feeds an error tracker. */
const DEBUG_INFO = /^(sourcemaps?|source-?maps?|dsyms?|symbols?|syms?|symbolication|debug-?files|difs?|debug-?symbols|proguard|mappings?|breakpad|minidumps?|pdbs?|ndk-?symbols|il2cpp)$/i;
/** Files of debug information. */
const DEBUG_FILE = /\.(map|dsym|pdb|sym|dwp|debug)(\.zip)?\/?$|(^|\/)mapping\.txt$/i;
/** Words that record a deploy rather than perform one. */
const MARKER = /^(markers?|deploy-?markers?|notify|notifications?|annotations?|annotate|mark|record|track|deploys)$/i;
/** Options naming the revision a record is about, and where it came from or who did it. */
const REVISION = /^--?(revision|rev|commit|sha|git-sha|git-commit|version)$/i;
const SOURCE = /^--?(repository|repo|repo-url|repository-url|scm-repository|user|username|local-username|deployer|deployed-by)$/i;

interface Words {
  tool: string;
  path: readonly string[];
  options: readonly { name: string; value?: string; next?: string }[];
}

/** Debug information is what the command sends (by a word of its path, an option's name or a file it names). */
export function sendsDebugInfo(w: Words): boolean {
  // Command words only: a path or a reference (`r8.im/acme/m`) is a name, not a kind of upload.
  const words = w.path.slice(0, 4).filter((p) => /^[A-Za-z][\w-]*$/.test(p));
  // A tool whose every upload of a kind is debug information, from its documentation (verbTraits.ts `telemetry`).
  const own = verbTraitsOf(w.tool).telemetry;
  if (own !== undefined && words.some((p) => own.includes(p.toLowerCase()))) return true;
  if (words.some((p) => DEBUG_INFO.test(p) || identifierParts(p).some((part) => DEBUG_INFO.test(part)))) return true;
  if (w.options.some((o) => identifierParts(o.name.replace(/^-+/, '')).some((part) => DEBUG_INFO.test(part) && !/^maps?$/i.test(part)))) return true;
  const files = [...w.path, ...w.options.map((o) => o.value ?? o.next ?? '')].filter((t) => t !== '');
  return files.some((t) => DEBUG_FILE.test(t)) && files.filter((t) => /[/.]/.test(t)).every((t) => DEBUG_FILE.test(t) || /^[a-z][\w+.-]*:\/\//i.test(t) || !/\//.test(t));
}

/** A deploy recorded (a marker, or a revision with its source named and nothing shipped), not performed. */
export function recordsDeploy(w: Words, at: number): boolean {
  const around = [w.path[at - 1], w.path[at + 1]].filter((p): p is string => p !== undefined);
  if (around.some((p) => MARKER.test(p)) || identifierParts(w.path[at] ?? '').some((p) => MARKER.test(p) && p !== 'deploys')) return true;
  // `deploys new`, `deployment create`: a record of a deploy made (Sentry's `releases deploys VERSION new`, New Relic's `deployment create`).
  if (/^(deploys|deployments?)$/i.test(w.path[at] ?? '') && w.path.slice(at + 1, at + 3).some((p) => /^(new|create|add|mark|record|notify)$/i.test(p))) return true;
  // Nothing named after the verb: a deploy that ships names no operand, manifest or artifact, and a revision with its source is what a record carries.
  return w.path.length === at + 1 && w.options.some((o) => REVISION.test(o.name)) && w.options.some((o) => SOURCE.test(o.name));
}

/** Where a deploy's record is spelled without a deploy verb (`deploy-marker create`, `deploys new`, `notify-deploy`), or -1. */
export function recordedDeployAt(w: Words): number {
  return w.path.slice(0, 3).findIndex((p, i) => identifierParts(p).some((part) => /^deploy(s|ments?)?$/i.test(part)) && recordsDeploy(w, i));
}
