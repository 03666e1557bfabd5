import { isWithin, resolvePath } from '../../paths';
import type { ArgWord, Finding, Invocation, RuleContext } from '../../policy/types';
import { freeFormReadings, optionValue } from '../../registry/freeForm';

/**
 * Listings of names, weighed by what they map (round 25). A listing prints names, never what a file
 * holds, so `ls ~`, `ls -a ~`, `tree ~` (dot folders hidden), `du -sh ~` and any listing of a project stay
 * allowed. Two listings are the hunt the credential issue asks about: every name under the home folder
 * with the dot folders shown (`tree -a ~`, `find ~`, `ls -Ra ~`, `fd -H . ~`: each key in
 * `~/.ssh`, each profile in `~/.aws`, the guard's window tokens), which asks; and such a listing piped
 * into a filter for the guard's window tokens (`du -a ~ | grep ipc`), which is `find ~ -path '*ipc*'`
 * spelled otherwise and is denied with it (`perimeter/windowTokens.ts`).
 */

/** find's name tests: with one, find prints only the names that pass (`credentialRoutes.ts` weighs those). */
export const FIND_NAME_TESTS: ReadonlySet<string> = new Set(['-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename']);

/** A name pattern every name matches. */
const MATCHES_ALL = /^(\*|\*\*|\.\*|\*\*\/\*|\/?\*)$/;
/** Programs that print names from the file-name index (`locate -r "$HOME"`). */
export const LOCATORS: ReadonlySet<string> = new Set(['locate', 'plocate', 'mlocate', 'slocate']);

/** Listers that print every file name under a folder (`du -a`, `ls -R`, `find` with no test, `tree`, `fd`). */
export function listsNamesRecursively(from: Invocation): boolean {
  const { usual } = freeFormReadings(from.args);
  const flags = usual.options.map((o) => o.name);
  if (from.name === 'du') return flags.some((f) => f === '--all' || /^-[a-zA-Z]*a/.test(f));
  if (from.name === 'ls') return flags.some((f) => f === '--recursive' || /^-[a-zA-Z]*R/.test(f));
  if (from.name === 'exa' || from.name === 'eza' || from.name === 'lsd') return flags.some((f) => f === '--recurse' || f === '--tree' || /^-[a-zA-Z]*[RT]/.test(f));
  if (from.name === 'tree' || from.name === 'fd' || from.name === 'fdfind') return true;
  // Round 27: a name test that every name passes (`-name '*'`) filters nothing.
  if (from.name === 'find' || from.name === 'gfind' || from.name === 'bfs') return !freeFormReadings(from.args).valued.options.some((o) => FIND_NAME_TESTS.has(o.name) && !MATCHES_ALL.test(optionValue(o) ?? ''));
  // `rg --files ~` lists the files it would search; `ncdu -o FILE ~` exports every name it walked; `locate` prints every indexed name matching.
  if (from.name === 'rg') return flags.includes('--files');
  if (from.name === 'ncdu') return flags.some((f) => f === '-o' || f.startsWith('-o'));
  if (LOCATORS.has(from.name)) return true;
  return false;
}

/** Does the lister show dot files and folders (`tree -a`, `ls -a`, `fd -H`; `du` and `find` always do)? */
export function showsHidden(inv: Invocation): boolean {
  const flags = freeFormReadings(inv.args).usual.options.map((o) => o.name);
  if (inv.name === 'du' || inv.name === 'find' || inv.name === 'gfind' || inv.name === 'bfs' || inv.name === 'ncdu' || LOCATORS.has(inv.name)) return true;
  if (inv.name === 'rg') return flags.some((f) => f === '--hidden' || f === '-.' || /^-u{2,}$/.test(f) || f === '--no-ignore-dot');
  if (inv.name === 'fd' || inv.name === 'fdfind') return flags.some((f) => f === '--hidden' || f === '--unrestricted' || /^-[a-zA-Z]*[Hu]/.test(f));
  return flags.some((f) => f === '--all' || f === '--almost-all' || /^-[a-zA-Z]*[aA]/.test(f));
}

/** The depth a lister stops at (`tree -L 1`, `find -maxdepth 1`, `du -d 1`, `fd -d 1`), or undefined when it walks all the way. */
function depthLimit(inv: Invocation): number | undefined {
  const { valued } = freeFormReadings(inv.args);
  const names = inv.name === 'tree' ? ['-L'] : inv.name === 'du' ? ['-d', '--max-depth'] : inv.name === 'fd' || inv.name === 'fdfind' ? ['-d', '--max-depth', '--exact-depth'] : inv.name.endsWith('find') || inv.name === 'bfs' ? ['-maxdepth'] : ['-L', '--level'];
  for (const o of valued.options) {
    const v = o.values[0] ?? '';
    if (names.includes(o.name) && /^\d+$/.test(v)) return Number(v);
  }
  for (const a of inv.args) {
    const glued = /^(?:--max-depth|--level|--exact-depth)=(\d+)$/.exec(a.text) ?? (inv.name === 'tree' ? /^-L(\d+)$/.exec(a.text) : null);
    if (glued) return Number(glued[1]);
  }
  return undefined;
}

/** The folders a lister lists (find's start points, fd's after its pattern, the others' operands); `.` when none. */
export function listedRoots(inv: Invocation): ArgWord[] {
  const dot: ArgWord = { text: '.', raw: '.', dynamic: false, glob: false };
  if (inv.name === 'find' || inv.name === 'gfind' || inv.name === 'bfs') {
    const roots: ArgWord[] = [];
    for (const a of inv.args) {
      if (/^[-(!]/.test(a.text)) break;
      roots.push(a);
    }
    return roots.length > 0 ? roots : [dot];
  }
  const operands = freeFormReadings(inv.args).usual.operands;
  // locate's patterns (and `-r` regexes) name where the printed names live: `^` and a trailing `.*` or `/` say nothing more.
  if (LOCATORS.has(inv.name)) {
    const regexes = freeFormReadings(inv.args).valued.options.filter((o) => o.name === '-r' || o.name === '--regex' || o.name === '--regexp').map((o) => o.valueWords[0]).filter((w): w is ArgWord => w !== undefined);
    return [...operands, ...regexes].map((w) => ({ ...w, text: w.text.replace(/^\^/, '').replace(/(\.\*|\/)+$/, '') || '/', raw: w.raw.replace(/^(["']?)\^/, '$1') }));
  }
  if (inv.name === 'fd' || inv.name === 'fdfind') return operands.length > 1 ? operands.slice(1) : [dot];
  return operands.length > 0 ? operands : [dot];
}

/** Is the word the home folder or a folder above it (`~`, `$HOME`, `/home`, `/`)? A built word naming HOME counts. */
function homeOrAbove(word: ArgWord, cwd: string, home: string): boolean {
  if (word.dynamic) return /^["']?\$\{?HOME\}?["']?\/?$/.test(word.raw) || /^~\/?$/.test(word.text);
  const abs = resolvePath(cwd, word.text, home).replace(/\/+$/, '') || '/';
  return abs === home || isWithin(abs, home);
}

/** `tree -a ~`, `du -a ~`, `find ~`, `ls -Ra ~`: every name under the home folder, its credential folders included. */
export function checkHomeSurvey(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!listsNamesRecursively(inv) || !showsHidden(inv)) return [];
  // Round 27: `du -a ~` printed whole maps home; piped, du is asked for sizes (round 7b: `du -a ~ | sort -n | tail`), and a
  // filter for names is judged where it reads (checkListingGrep).
  if (inv.name === 'du' && inv.pipedInto !== undefined) return [];
  const depth = depthLimit(inv);
  if (depth !== undefined && depth <= 1) return [];
  const cwd = inv.cwd || ctx.facts.cwd;
  const root = listedRoots(inv).find((r) => homeOrAbove(r, cwd, ctx.facts.home));
  if (!root) return [];
  return [{
    rule: 'credentials.home-survey',
    risk: 'credential-read',
    severity: 'ask',
    reason: `${inv.name} lists every file name under ${root.text}, the hidden folders included: the keys in ~/.ssh, the cloud profiles, the tokens and Blast Shield's window-token files are mapped, where a credential hunt starts.`,
    targets: [{ kind: 'credential', name: `every file name under ${root.text}`, remote: false, environment: 'local', environmentReason: 'this machine' }],
  }];
}
