import { minimatch } from 'minimatch';
import type { Analysis, ArgWord, Finding, Invocation, RuleContext } from '../../policy/types';
import { readsOnlyMetadata } from './guardHomeReads';
import { mentionIn, spellings } from './mentions';
import { exists, knownPlaces, perimeterView, type PerimeterView } from './protectedPaths';
import { DENY_SUFFIX } from './perimeterFinding';
import type { Facts } from '../../policy/types';
import { computedWordsOf, lineComputesPaths } from '../support/lineFacts';

/**
 * The floor under the shell-state tracking: a path the analysis cannot resolve to one literal (a value
 * from a `case` branch, `${f:-default}`, a listing fed to `xargs -I`, a loop over many words) may be
 * any of the words written on the line. When the line names a protected place anywhere and such a
 * word reaches a command that writes, deletes or runs what it names (or reads, when the place named
 * is the guard's own folder), the command is asked about, never allowed. A line naming no protected
 * place, or whose unknown words only reach printers and builtins, is left to the other rules.
 */

/** Commands whose words name no file to touch (their redirects are judged apart). */
const NO_PATH_COMMANDS: ReadonlySet<string> = new Set([
  ':', 'true', 'false', 'echo', 'printf', 'test', '[', '[[', 'read', 'local', 'export', 'declare', 'typeset', 'readonly', 'set', 'shift', 'unset',
  'return', 'exit', 'let', 'mapfile', 'readarray', 'cd', 'pushd', 'popd', 'dirs', 'wait', 'sleep', 'printenv', 'alias', 'type', 'command', 'hash',
]);
const WRITE_REDIRECTS: ReadonlySet<string> = new Set(['>', '>>', '>|', '<>', '&>', '&>>']);
/** The guard's own folder (where its key, tokens and audit log are), as written in any spelling. */
const GUARD_HOME = /\.blast-shield(?![a-z0-9_.-])|blast_shield_home|\/decider\/(?:key|pid|socket|sock)(?![a-z0-9_.-])/;

function namesGuardHome(text: string, view: PerimeterView): boolean {
  const homes = view.guardHomes.map((g) => g.toLowerCase());
  return spellings(text).some((s) => GUARD_HOME.test(s) || homes.some((g) => s.includes(g))) || patternReachesGuardHome(text, view);
}

/**
 * `s=(~/.bl*)`, `for f in ~/.bl*`: a pattern on the line whose folders can spell the guard home (its
 * name at the same depth below the home folder, dot-names included) names it, whether or not the
 * folder exists yet on this machine.
 */
function patternReachesGuardHome(text: string, view: PerimeterView): boolean {
  if (!/[*?[]/.test(text)) return false;
  // Wildcards match dot-names only when the line turns dotglob on (or the pattern writes the dot).
  const dot = /\bdotglob\b/.test(text);
  for (const m of text.matchAll(/(?:~|\$\{?HOME\}?|\/)[^\s'"`;|&()<>]*[*?[][^\s'"`;|&()<>]*/g)) {
    const pattern = m[0].replace(/^(?:~|\$\{?HOME\}?)(?=\/|$)/, view.home);
    if (!pattern.startsWith('/')) continue;
    for (const home of view.guardHomes) {
      if (minimatch(home, pattern, { dot, nocase: true, partial: true })) return true;
    }
  }
  return false;
}

/** Words of `inv` the analysis left computed, as `[word, reads only]`. */
function unresolvedWords(inv: Invocation): { word: ArgWord; read: boolean }[] {
  const out: { word: ArgWord; read: boolean }[] = [];
  const computed = computedWordsOf(inv);
  if (computed.none) return out;
  for (const r of computed.redirects) {
    if (WRITE_REDIRECTS.has(r.op)) out.push({ word: r.target, read: false });
    else if (r.op === '<') out.push({ word: r.target, read: true });
  }
  if (NO_PATH_COMMANDS.has(inv.name)) return out;
  for (const effect of computed.effects) {
    if (effect.kind === 'code') continue;
    out.push({ word: effect.word, read: effect.kind === 'read' });
  }
  // `curl -F f=@"$p"`, `-d @$p`: an argument read as a file by a described program.
  for (const a of computed.fileArgs) out.push({ word: a, read: true });
  return out;
}

/**
 * `ls -A | xargs -I{} mv {}/hooks.json …`, `parallel rm {}/settings.json`: a path computed at run time whose
 * written tail is the file name of a protected place that exists here (a hook configuration, an agent's
 * settings) is that place for every folder the input may name: a change to it is denied like the place itself.
 */
function protectedTail(word: ArgWord, facts: Facts, view: PerimeterView): string | undefined {
  if (!word.dynamic) return undefined;
  const raw = word.raw.replace(/['"]/g, '');
  const slash = raw.lastIndexOf('/');
  const tail = raw.slice(slash + 1).toLowerCase();
  if (slash <= 0 || !/^[\w.-]+$/.test(tail) || /[$`{}*?]/.test(raw.slice(slash))) return undefined;
  return knownPlaces(view, facts.cwd).find((place) => place.slice(place.lastIndexOf('/') + 1).toLowerCase() === tail && exists(facts, place));
}

export function unresolvedPathFindings(analysis: Analysis, ctx: RuleContext): Finding[] {
  const line = analysis.text;
  if (line === undefined || analysis.invocations.length === 0 || !lineComputesPaths(analysis)) return [];
  const view = perimeterView(ctx.facts);
  for (const inv of analysis.invocations) {
    if (inv.remote) continue;
    for (const w of unresolvedWords(inv)) {
      const place = w.read ? undefined : protectedTail(w.word, ctx.facts, view);
      if (!place) continue;
      const shown = w.word.raw.slice(0, 80);
      return [{ rule: 'self-protection.unresolved-protected-name', risk: 'self-protection', severity: 'deny', reason: `${inv.name} changes ${shown}, a path known only at run time that ends in the name of ${place}: it may be that file; ${DENY_SUFFIX}.`, targets: [{ kind: 'path', name: shown, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }] }];
    }
  }
  const named = mentionIn(line, view);
  const guardHome = namesGuardHome(line, view);
  if (named === undefined && !guardHome) return [];
  for (const inv of analysis.invocations) {
    if (inv.remote) continue;
    const hit = unresolvedWords(inv).find((w) => !w.read || (guardHome && !readsOnlyMetadata(inv)));
    if (!hit) continue;
    const place = guardHome ? "Blast Shield's own folder" : named!;
    return [
      {
        rule: 'self-protection.unresolved-path',
        risk: 'self-protection',
        severity: 'ask',
        reason: `${inv.name} ${hit.read ? 'reads' : 'changes'} ${hit.word.raw.slice(0, 80)}, a path known only at run time, and the line names ${place}: it may be that place.`,
        targets: [{ kind: 'path', name: hit.word.raw.slice(0, 80), provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
      },
    ];
  }
  return [];
}
