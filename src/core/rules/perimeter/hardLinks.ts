import { resolvePath } from '../../paths';
import type { PathEffect } from '../../policy/effects';
import type { Facts, FileIdentity, Finding } from '../../policy/types';
import { pathsLedTo } from './linkTargets';
import { DENY_SUFFIX, perimeterFinding } from './perimeterFinding';
import { knownPlaces, projectPlaces, type PerimeterView } from './protectedPaths';

/**
 * A write through a hard link (stop 36, red team rounds 24 and 25): `echo '{}' > scratch/hl`, `dd of=scratch/hl`,
 * `fs.writeFileSync('scratch/hl')`, where `scratch/hl` and `.cursor/hooks.json` are two names of one file.
 * The symbolic-link facts (`realPath`) see nothing: a hard link is a name like any other. An existing regular
 * file with more than one name that a write opens (a redirect, a truncation, an in-place edit, a mode change;
 * not a read, a delete, a move or a new link, which act on the name only) is compared, by device and inode, with the protected files
 * the perimeter knows (`knownPlaces`, and the files in the guard home and the protected hook folders). The
 * same file is that protected file; a protected file that cannot be compared (its stat fails) leaves the
 * answer unknown, and the caller asks. One stat per named path and decision (memoised facts); nothing walks.
 */

/** Protected folders whose files are compared one by one (listed, not walked): the guard home and the hook folders. */
const LISTED_FOLDERS = /(\/\.blast-shield|\/\.blast-shield\/(ipc|bin)|\/\.(github|clinerules|copilot|kiro)\/hooks)$/;
const MAX_LISTED = 64;
/** How many folders up from the linked name and from the cwd the neighbouring projects are looked for, and how many per folder. */
const NEIGHBOUR_LEVELS = 3;
const MAX_NEIGHBOURS = 64;
/** A project's own protected names (the first folder or file of each place), to tell a project folder from any other by one listing. */
const PROJECT_MARKS = new Set(['.git', '.cursor', '.claude', '.github', '.clinerules', '.copilot', '.gemini', '.codex', '.windsurf', '.codeium', '.blast-shield.json', '.blast-shield']);

/** What a path shares its file with: the protected file's path, `unknown` when some protected file could not be compared, or undefined. */
export type HardLinkTwin = { path: string } | 'unknown' | undefined;

const sameFile = (a: FileIdentity | undefined, b: FileIdentity | undefined): boolean =>
  a !== undefined && b !== undefined && a.kind === 'file' && b.kind === 'file' && a.device === b.device && a.inode === b.inode;

/** A repository's hook programs (`.git/hooks/<name>`, not the shipped `.sample` files): git runs them, so they are the guard's commit checks. */
export const GIT_HOOK_FILE = /\/\.git\/hooks\/[^/]+$/;
export const isGitHookFile = (abs: string): boolean => GIT_HOOK_FILE.test(abs) && !abs.endsWith('.sample');

const parentOf = (p: string): string => (p.lastIndexOf('/') > 0 ? p.slice(0, p.lastIndexOf('/')) : '/');

function listed(folder: string, facts: Facts): string[] {
  return (facts.listDir(folder) ?? []).slice(0, MAX_LISTED).map((name) => `${folder}/${name}`);
}

/** A project folder's protected files: its configuration places and its git hooks. */
function projectCandidates(root: string, facts: Facts): string[] {
  const hooks = `${root}/.git/hooks`;
  return [...projectPlaces(root), ...(facts.fileIdentity!(hooks)?.kind === 'directory' ? listed(hooks, facts).filter(isGitHookFile) : [])];
}

function candidates(view: PerimeterView, cwd: string, facts: Facts): string[] {
  const out: string[] = [];
  for (const place of knownPlaces(view, cwd)) {
    out.push(place);
    if (!LISTED_FOLDERS.test(place) && !view.guardHomes.includes(place)) continue;
    if (facts.fileIdentity!(place)?.kind !== 'directory') continue;
    out.push(...listed(place, facts));
    if (view.guardHomes.includes(place)) for (const sub of ['ipc', 'bin']) out.push(...listed(`${place}/${sub}`, facts));
  }
  for (const root of new Set([...view.workspaceRoots, cwd])) out.push(...projectCandidates(root, facts));
  return out;
}

/**
 * Projects near the linked name and the cwd (round 27: a link in `scratch/` to another project's `.cursor/hooks.json`
 * or `.git/hooks/pre-commit`, written from a third project): the folders up to NEIGHBOUR_LEVELS above each, and the
 * project folders among their entries (one listing each tells a project by its own protected names).
 */
function neighbourCandidates(abs: string, cwd: string, facts: Facts): string[] {
  const folders = new Set<string>();
  for (const start of [parentOf(abs), cwd]) {
    let folder = start;
    for (let level = 0; level < NEIGHBOUR_LEVELS && folder !== '/'; level++, folder = parentOf(folder)) folders.add(folder);
  }
  const roots = new Set<string>(folders);
  for (const folder of folders) {
    for (const entry of listed(folder, facts).slice(0, MAX_NEIGHBOURS)) {
      if ((facts.listDir(entry) ?? []).some((name) => PROJECT_MARKS.has(name))) roots.add(entry);
    }
  }
  return [...roots].flatMap((root) => projectCandidates(root, facts));
}

function twinAmong(places: readonly string[], abs: string, target: FileIdentity, facts: Facts): HardLinkTwin {
  let unknown = false;
  for (const place of places) {
    if (place === abs) continue;
    const id = facts.fileIdentity!(place);
    if (id === undefined) unknown = true;
    else if (sameFile(target, id)) return { path: place };
  }
  return unknown ? 'unknown' : undefined;
}

/**
 * The protected file `abs` is another name of, when an effect of `kind` reaches the file's content through it: the
 * places the perimeter knows first (`knownPlaces`, the guard home and hook folders listed, the cwd's git hooks), then
 * the projects near the name and the cwd, wherever the name is.
 */
export function hardLinkTwin(abs: string, kind: PathEffect['kind'], facts: Facts, view: PerimeterView, cwd: string): HardLinkTwin {
  // Only a write opens the file's content: reads, deletes, moves and new links act on the name (and a stat per read would spend the decision's budget).
  if (!facts.fileIdentity || kind !== 'write') return undefined;
  const target = facts.fileIdentity(abs);
  if (target?.kind !== 'file' || target.links < 2) return undefined;
  const known = twinAmong(candidates(view, cwd, facts), abs, target, facts);
  if (known !== undefined && known !== 'unknown') return known;
  const near = twinAmong(neighbourCandidates(abs, cwd, facts), abs, target, facts);
  return near ?? known;
}

/** The deny for a write through another name of a repository's git hook (the perimeter's own places are judged by `judgePath`). */
export function gitHookTwin(abs: string, hook: string): Finding {
  return perimeterFinding('hard-link-git-hook', `${abs} is another name (a hard link) of the git hook ${hook}, which git runs to check every commit, and writing through it replaces that check; ${DENY_SUFFIX}.`, abs);
}

/**
 * The places a path effect reaches: where the path is named, where a symbolic link on the way leads
 * (`pathsLedTo`), and the protected file it is a hard link of. A multiply-linked file that cannot be
 * compared with every protected file adds an ask to `findings`.
 */
export function reachedPaths(abs: string, kind: PathEffect['kind'], facts: Facts, followLast: boolean, view: PerimeterView, cwd: string, findings: Finding[]): readonly string[] {
  const led = pathsLedTo(abs, kind, facts, followLast);
  const twin = hardLinkTwin(abs, kind, facts, view, cwd);
  if (twin === 'unknown') findings.push(unknownTwin(abs));
  else if (twin && isGitHookFile(twin.path)) findings.push(gitHookTwin(abs, twin.path));
  return twin === undefined || twin === 'unknown' || led.includes(twin.path) ? led : [...led, twin.path];
}

/** The ask for a file with other names that could not all be compared with the protected files. */
export function unknownTwin(abs: string): Finding {
  return {
    rule: 'self-protection.hard-link-unknown',
    risk: 'self-protection',
    severity: 'ask',
    reason: `${abs} has other names (hard links), and not every protected file could be checked for being the same file: a write through it may change a hook configuration or the guard's own files, so it needs confirmation.`,
    targets: [{ kind: 'path', name: abs, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  };
}

/** Calls that give an existing file another name (a hard link): Python, Node, Go, Ruby, Java, Perl and PHP spellings. */
const LINK_CALLS = /(?:\blinkSync|\b(?:os\.link|os\.Link|fs\.link|promises\.link|fsp\.link|File\.link|FileUtils\.ln|FileUtils\.link|Files\.createLink|Path\(\s*[^()]*\)\.hardlink_to|\.hardlink_to)|(?<![\w.$])link)\s*(?:\(\s*|\s(?=\s*["'$]))/g;
const MAX_LINK_CALLS = 8;

/** The first argument of the call whose arguments start at `at` (up to its top-level comma or close). */
function firstArgument(code: string, at: number): string {
  let depth = 0;
  for (let i = at; i < code.length && i < at + 400; i++) {
    const ch = code[i]!;
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && depth-- === 0) return code.slice(at, i).trim();
    else if ((ch === ',' || ch === ';' || ch === '\n') && depth === 0) return code.slice(at, i).trim();
    else if (ch === '"' || ch === "'") {
      const end = code.indexOf(ch, i + 1);
      if (end < 0) break;
      i = end;
    }
  }
  return code.slice(at, at + 400).trim();
}

/**
 * Code that makes a hard link (round 27: `os.link('.git/hooks/pre-commit', '/tmp/pc')`, `os.link(*open(f).read().split())`):
 * a literal source that is a protected file or a repository's git hook denies (later writes through the new name change
 * it unseen); a source the code computes (a variable, a file's contents, a splat) cannot be read before it runs, and asks.
 * Hook configurations named by a literal are the perimeter's mentions already.
 */
export function codeHardLink(code: string, who: string, cwd: string, facts: Facts, view: PerimeterView): Finding | undefined {
  let seen = 0;
  // A bare `link(…)` is Perl's, PHP's or Ruby's builtin, or Python's `from os import link`; elsewhere it is some other function.
  const bareLink = /perl|php|ruby/i.test(who) || /\bfrom\s+os\s+import\b[^\n]*\blink\b/.test(code);
  for (const m of code.matchAll(LINK_CALLS)) {
    if (/^link\b/.test(m[0]) && !bareLink) continue;
    if (++seen > MAX_LINK_CALLS) break;
    const arg = firstArgument(code, m.index + m[0].length);
    const literal = /^(['"])([^'"\n]*)\1$/.exec(arg)?.[2];
    if (m[0].includes('hardlink_to') || literal === undefined) {
      // `Path('new').hardlink_to(src)`: the receiver is the new name and the argument the file; a computed one asks alike.
      const source = m[0].includes('hardlink_to') ? literal : undefined;
      if (source === undefined) {
        return {
          rule: 'self-protection.hard-link-computed',
          risk: 'self-protection',
          severity: 'ask',
          reason: `${who} makes a hard link to a file it chooses while running (${arg.slice(0, 60) || 'computed'}): another name of a protected file (a hook configuration, a git hook, the guard's files) would let later writes change it unseen, so it needs confirmation.`,
          targets: [{ kind: 'path', name: arg.slice(0, 60) || 'computed path', provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
        };
      }
    }
    const abs = resolvePath(cwd, literal ?? '', facts.home);
    if (literal !== undefined && isGitHookFile(abs) && facts.fileIdentity?.(abs)?.kind === 'file') {
      return perimeterFinding('hard-link-git-hook', `${who} gives the git hook ${literal} another name (a hard link): a later write through that name replaces the check git runs on every commit; ${DENY_SUFFIX}.`, literal);
    }
    void view;
  }
  return undefined;
}
