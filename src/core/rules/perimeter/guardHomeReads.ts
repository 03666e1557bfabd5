import { isWithin, resolvePath } from '../../paths';
import type { Facts, Finding, Invocation } from '../../policy/types';
import { expandKnown, perimeterFinding, withoutProcAlias } from './perimeterFinding';
import { aliasesOf, placesMatchingGlob, type PerimeterView } from './protectedPaths';
import { READ_ONLY_COMMANDS } from '../../policy/effectRules';
import { WALKING_SEARCHERS } from './nameListings';

/**
 * Reads of the guard's own folder (`~/.blast-shield`: the window tokens, the IPC secrets, the audit
 * log, the settings). With a token an agent approves itself. So
 * every program that prints, copies, packs, compares, posts or searches what the folder holds is
 * denied, by whatever spelling names the folder (`${HOME%/}`, `$(realpath ~)`, `~user`, `..`, a loop
 * variable over its entries). Only programs that print what is about a file (names, sizes, sums,
 * modes) pass, and programs that only write (their writes are judged as writes).
 */

/** Programs that print only what is about a file or folder, never what it holds. */
const METADATA_READERS: ReadonlySet<string> = new Set([
  'ls', 'll', 'la', 'dir', 'vdir', 'exa', 'eza', 'lsd', 'tree', 'stat', 'file', 'wc', 'du', 'df', 'test', '[', '[[', 'readlink', 'realpath',
  'basename', 'dirname', 'namei', 'getfacl', 'lsattr', 'md5sum', 'sha1sum', 'sha224sum', 'sha256sum', 'sha384sum', 'sha512sum', 'b2sum',
  'cksum', 'sum', 'shasum', 'lsof', 'fuser', 'cd', 'pushd', 'popd', 'pwd',
]);

/** Programs that name a path without reading it: builtins that print or keep words, and writers (judged as writers). */
const NAMES_ONLY: ReadonlySet<string> = new Set([
  'echo', 'printf', 'print', 'export', 'unset', 'local', 'declare', 'typeset', 'readonly', 'alias', 'type', 'which', 'command', 'hash',
  'true', 'false', ':', 'blast-shield', 'rm', 'unlink', 'shred', 'rmdir', 'mkdir', 'touch', 'chmod', 'chown', 'chgrp', 'chattr', 'setfacl',
  'mv', 'ln', 'link', 'truncate',
]);

/** A path word naming a folder called `.blast-shield` (`~dev/.blast-shield`, `${X}/.blast-shield/ipc`), not the workspace policy file. */
const GUARD_FOLDER_WORD = /\/\.blast-shield(\/|$|["'\s)])/i;

function isMetadataReader(inv: Invocation): boolean {
  return METADATA_READERS.has(inv.name);
}

/** Programs whose reading of a path shows nothing of what it holds (`wc -c`, `ls`, `sha256sum`). */
export function readsOnlyMetadata(inv: Invocation): boolean {
  return METADATA_READERS.has(inv.name) || NAMES_ONLY.has(inv.name);
}

/** Does the command read every file below the folders it is given (`grep -r`, `grep -d recurse`, `rg`)? */
function readsBelow(inv: Invocation): boolean {
  if (WALKING_SEARCHERS.has(inv.name)) return true;
  if (!RECURSIVE_READERS.has(inv.name)) return false;
  return inv.args.some((a) => /^-[a-zA-Z]*[rR]/.test(a.text) || /^--(dereference-)?recursive$/.test(a.text) || /^--directories=recurse$/.test(a.text) || a.text === '-drecurse');
}

/** Programs whose `-r`/`-R` reads every file below a folder (an undescribed program's `-server` is not one). */
const RECURSIVE_READERS: ReadonlySet<string> = new Set(['grep', 'egrep', 'fgrep', 'zgrep', 'cp', 'scp', 'rsync', 'diff', 'zip', 'cat', 'git', 'sftp', 'base64', 'xxd', 'od']);

/** Files of the guard home that hold no secret (its settings and the list of installs): reading one by name is harmless. */
const PUBLIC_FILES = /^(settings|installs)\.json$/i;
/**
 * The audit log and its head (round 20 decision): verdicts and redacted commands, never a secret value,
 * and `blast-shield audit` shows them, so printing them here passes: a program known only to read
 * (`tail`, `jq`, `grep`) whose output goes to the terminal, a file or another such reader. Handed to any
 * other program (`curl -d @…`, `scp`, or piped into one) it stays denied (round 7's exfiltration
 * family); writing it stays denied like every guard file.
 */
const AUDIT_FILES = /^(audit\.head\.json|audit\.jsonl)$/i;
const printsHere = (inv: Invocation): boolean => READ_ONLY_COMMANDS.has(inv.name) && (inv.pipedInto === undefined || READ_ONLY_COMMANDS.has(inv.pipedInto));
const publicFor = (inv: Invocation) => (rel: string): boolean => PUBLIC_FILES.test(rel) || (AUDIT_FILES.test(rel) && printsHere(inv));

/** The view's guard homes with their lower-cased forms, made once per view (every word of every invocation is weighed against them). */
type GuardHome = readonly [home: string, lower: string, lowerName: string];
const loweredHomes = new WeakMap<PerimeterView, readonly GuardHome[]>();

function guardHomesOf(view: PerimeterView): readonly GuardHome[] {
  let homes = loweredHomes.get(view);
  if (!homes) loweredHomes.set(view, (homes = view.guardHomes.map((g) => [g, g.toLowerCase(), g.slice(g.lastIndexOf('/') + 1).toLowerCase()] as const)));
  return homes;
}

/** Does this text hold the last name of a guard home (case-insensitively), anywhere? */
function namesGuardHome(text: string, view: PerimeterView): boolean {
  const lower = text.toLowerCase();
  for (const [, , name] of guardHomesOf(view)) if (lower.includes(name)) return true;
  return false;
}

function insideGuardHome(path: string, view: PerimeterView, isPublic: (rel: string) => boolean): boolean {
  const homes = guardHomesOf(view);
  for (const p of aliasesOf(path, view)) {
    const lower = p.toLowerCase();
    for (const [g, gLower] of homes) if (isWithin(gLower, lower) && !isPublic(p.slice(g.length + 1))) return true;
  }
  return false;
}

function aboveGuardHome(path: string, view: PerimeterView): boolean {
  const homes = guardHomesOf(view);
  for (const p of aliasesOf(path, view)) {
    const lower = p.toLowerCase();
    for (const [, gLower] of homes) if (isWithin(lower, gLower)) return true;
  }
  return false;
}

function denyRead(inv: Invocation, shown: string): Finding {
  return perimeterFinding('read-guard-home', `${inv.name} would read Blast Shield's own folder (${shown}: window tokens, IPC secrets, audit log); they are not for agents.`, shown);
}

/**
 * Every word of the invocation, whatever its role: a described program whose effects miss an operand
 * (`git diff --no-index /dev/null ~/.blast-shield`), a computed spelling that still names the folder
 * once known variables are put in, a loop variable or `xargs` operand whose values list its entries.
 */
export function guardHomeWordFindings(inv: Invocation, facts: Facts, view: PerimeterView, cwd: string): Finding[] {
  if (isMetadataReader(inv) || NAMES_ONLY.has(inv.name)) return [];
  const redirected = inv.redirects.filter((r) => r.op === '<' || r.op === '<>').map((r) => r.target);
  const below = readsBelow(inv);
  // Aliases, or a folder or home folder holding a guard home's name: every word is resolved and weighed.
  const placesMayName = view.aliases.length > 0 || namesGuardHome(cwd, view) || namesGuardHome(facts.home, view);
  const isPublic = publicFor(inv);
  for (const word of [...inv.args, ...redirected]) {
    // Every word's possible path readings (`x`, the value after `=`, after `@`): not an option reader.
    // A word with spaces is text (a message, code), not a path; the values a variable takes are checked whole.
    // `$(cd; pwd)/…`, `$(ls -d ~/.*shield)/…`: spaces inside a substitution whose output is known are not text.
    const texts = [...(/\s/.test(word.dynamic ? expandKnown(word.text, facts, view, cwd) : word.text) ? [] : [word.text]), ...(word.sources ?? [])];
    for (const raw of texts) {
      const text = expandKnown(raw, facts, view, cwd);
      const candidates = [text];
      const eq = text.indexOf('=');
      if (eq > 0) candidates.push(text.slice(eq + 1));
      // `-F f=@path`, `-d @path`: the file named after the `@`.
      candidates.push(...candidates.filter((c) => c.startsWith('@')).map((c) => c.slice(1)));
      for (const t of candidates) {
        // Still computed (or `~user/…`): the folder's name is what is known of it.
        if (GUARD_FOLDER_WORD.test(t) && /[$`~]/.test(t) && !isPublic(t.replace(/^[\s\S]*\/\.blast-shield\//i, ''))) return [denyRead(inv, word.text.slice(0, 80))];
        // A word still computed, an address or an option-looking word is no path here (not an option reader).
        if (/[$`]/.test(t) || /^[a-z][a-z0-9+.-]*:\/\//i.test(t) || t === '' || t.startsWith('-')) continue;
        // A path is made of the parts of the folder, the home folder and the word: when none holds a guard home's
        // name (and no alias, pattern or reader of everything below is involved), it cannot be inside one.
        const glob = word.glob || /[*?[]/.test(t);
        if (!placesMayName && !below && !glob && !namesGuardHome(t, view)) continue;
        // `/proc/self/root$HOME/.blast-shield/…`, `/proc/<pid>/cwd/…`: other names of the same files.
        const abs = withoutProcAlias(resolvePath(cwd, t, facts.home), cwd);
        // `cat ~/.blast*/audit.jsonl`, `cp -r ~/.bl[a]st-shield /tmp`: a pattern is judged by the places it can name.
        const reaches = (p: string): boolean => insideGuardHome(p, view, isPublic) || (below && aboveGuardHome(p, view));
        if (glob ? placesMatchingGlob(abs, view, cwd).some(reaches) : reaches(abs)) return [denyRead(inv, word.text.slice(0, 80))];
      }
    }
  }
  return [];
}
