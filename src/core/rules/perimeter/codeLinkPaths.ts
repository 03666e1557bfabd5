import { resolvePath } from '../../paths';
import type { Facts, Finding } from '../../policy/types';
import { stringLiterals } from '../support/httpSnippets';
import { destinationText } from './codeTreeCopies';
import { pathsLedTo } from './linkTargets';
import { codeProgramDrop } from './binTreeCopies';
import { codeHardLink, hardLinkTwin, isGitHookFile, unknownTwin } from './hardLinks';
import { mentionIn, mentionsWindowTokens } from './mentions';
import type { PerimeterView } from './protectedPaths';
import { DENY_SUFFIX, perimeterFinding } from './perimeterFinding';

/**
 * Paths named in inline code (`open('scratch/hlink','w')`, `fs.writeFileSync(link, …)`, `File.write`,
 * `os.remove('clink/settings.json')`) judged by where they really lead: a symbolic link on the way
 * (in any part, the last included: code opens, writes or deletes through it) to a hook configuration,
 * the guard home or the editor's settings is the protected place itself. A literal that names no
 * link leads nowhere else and stays as it is judged by its text.
 */

const MAX_LITERALS = 24;
const JOINS = /\b(?:os\.path\.join|path\.(?:join|resolve)|File\.join)\([^()]*\)/g;
/** A literal that may be a path: a folder separator, or a leading `.`/`~`. */
const PATH_LIKE = /^(?:[~.]|[^\s:]*\/)[^\s\0]*$/;

interface LedPlace {
  named: string;
  led: string;
  label: string;
  windowTokens: boolean;
  /** Reached as another name of the same file (a hard link), not through a symbolic link. */
  hard?: boolean;
  /** A file with other names that could not be compared with every protected file. */
  unknown?: boolean;
}

/** The finding for code (`who`: "The python code run by python3") naming a path that leads to a protected place; reading code passes unless it reaches the window tokens. */
export function codeLinkFinding(code: string, who: string, cwd: string, facts: Facts, view: PerimeterView, onlyReads: boolean): Finding | undefined {
  const led = codePathLedToGuard(code, cwd, facts, view);
  if (!led) return onlyReads ? undefined : (codeHardLink(code, who, cwd, facts, view) ?? codeProgramDrop(code, who, cwd, facts, view));
  const how = led.hard ? 'another name (a hard link) of' : 'a symbolic link into';
  if (led.windowTokens) return perimeterFinding('read-window-token', `${who} names ${led.named}, ${how} Blast Shield's window tokens; they are not for agents.`, led.named);
  if (onlyReads) return undefined;
  if (led.unknown) return unknownTwin(led.led);
  return perimeterFinding('code-names-guard-file', `${who} names ${led.named}, which ${led.hard ? 'is another name (a hard link) of' : 'leads through a symbolic link to'} ${led.label}, and is not known to only read it; ${DENY_SUFFIX}.`, led.named);
}

function codePathLedToGuard(code: string, cwd: string, facts: Facts, view: PerimeterView): LedPlace | undefined {
  if (!facts.realPath && !facts.fileIdentity) return undefined;
  let seen = 0;
  const literals = stringLiterals(code, 'javascript').filter((l) => !l.dynamic).map((l) => l.text);
  // Joins of literals (`os.path.join('/tmp/s', 'hlink')`, `path.join(dir, 'x')` with `dir` assigned a literal) name a path as well.
  const joined = [...code.matchAll(JOINS)].slice(0, MAX_LITERALS).map((m) => destinationText(m[0], code)).filter((p): p is string => p !== undefined);
  for (const text of [...joined, ...literals]) {
    if (!PATH_LIKE.test(text) || /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) continue;
    if (++seen > MAX_LITERALS) break;
    const abs = resolvePath(cwd, text, facts.home);
    for (const led of pathsLedTo(abs, 'write', facts).slice(1)) {
      const windowTokens = mentionsWindowTokens(led, view);
      const label = windowTokens ? led : mentionIn(led, view);
      if (label) return { named: text, led, label, windowTokens };
    }
    const twin = hardLinkTwin(abs, 'write', facts, view, cwd);
    if (twin === 'unknown') return { named: text, led: abs, label: abs, windowTokens: false, unknown: true };
    if (twin) {
      const windowTokens = mentionsWindowTokens(twin.path, view);
      const label = windowTokens ? twin.path : (mentionIn(twin.path, view) ?? (isGitHookFile(twin.path) ? `the git hook ${twin.path}` : undefined));
      if (label) return { named: text, led: twin.path, label, windowTokens, hard: true };
    }
  }
  return undefined;
}
