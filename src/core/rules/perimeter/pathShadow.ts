import { basename, dirname, isWithin, normalize, resolvePath } from '../../paths';
import { effectsOf } from '../../policy/effects';
import { freeFormReadings } from '../../registry/freeForm';
import type { Analysis, Facts, Finding, Invocation } from '../../policy/types';
import { DENY_SUFFIX, perimeterFinding } from './perimeterFinding';
import { isGuardedProgramName } from './runtimePlaces';

/**
 * PATH changed in the agent's shell so that a name the guard judged runs another program: a folder
 * anyone may write (`/tmp`, `/dev/shm`) put before the system's folders, or a folder the same line
 * writes a program named like one the guard trusts into (`cp x /tmp/b/git && export PATH=/tmp/b:$PATH`).
 * The hook's own PATH is not the shell's, but what the agent runs next in that shell (and what a human
 * approved by name) would be that program. Appending a folder, prepending `~/.local/bin`, or prepending the
 * project's own `node_modules/.bin` for one command (what `npm run` does) changes nothing the guard relies on
 * and stays allowed; a project folder first on PATH for the session (round 27) is the agent's to fill, and denies.
 */

const SHARED_TEMP = /^\/(tmp|var\/tmp|dev\/shm|private\/tmp|private\/var\/tmp)(\/|$)/;

/** Folders a PATH value puts before the inherited PATH (all of them when it does not keep it), with the entry as written. */
function prepended(value: string, cwd: string, facts: Facts): { folder: string; entry: string }[] {
  const entries = value.split(':');
  const keep = entries.findIndex((e) => /^\$\{?PATH\}?$/.test(e));
  if (keep < 0 && entries.length === 1 && entries[0] === '') return [];
  const before = keep < 0 ? entries : entries.slice(0, keep);
  return before.map((e) => e.replace(WORKING_FOLDER, cwd)).filter((e) => !e.includes('$(')).map((e) => ({ entry: e, folder: normalize(resolvePath(cwd, e === '' ? '.' : e.replace(/^\$\{?HOME\}?(?=\/|$)/, '~').replace(/^\$\{?PWD\}?(?=\/|$)/, cwd), facts.home)) }));
}

/** The working folder spelled by the shell (`$(pwd)`, `` `pwd` ``, `$(pwd -P)`), at the start of an entry. */
const WORKING_FOLDER = /^(?:\$\(\s*pwd(?:\s+-[LP])?\s*\)|`\s*pwd(?:\s+-[LP])?\s*`)(?=\/|$)/;

/** The part of a PATH value before the inherited PATH (the whole value when it does not keep it), as a value. */
function beforeInherited(value: string): string {
  const entries = value.split(':');
  const keep = entries.findIndex((e) => /^\$\{?PATH\}?$/.test(e));
  return keep < 0 ? value : entries.slice(0, keep).join(':');
}

/** A PATH set for one command (`PATH=$PATH:./node_modules/.bin vitest`), not for the session: appended entries only answer names the system lacks, like `npx`. */
export function forOneCommand(inv: Invocation): boolean {
  return inv.name !== '' && inv.assignments.PATH !== undefined && !/^(export|declare|typeset|local|readonly|set|setenv|fish_add_path)$/.test(inv.name);
}

/**
 * A relative entry (`scripts`, `.`, `bin`, `./tools`, `./node_modules/.bin`, an empty one): the shell looks
 * it up from whatever folder it is in when a name is run, so every later `cd` (a cloned repository, a
 * fixture folder) decides which `git` or `node` runs (red team round 7), wherever the entry stands: after
 * the inherited PATH it still answers every name the system's folders lack (round 25: `PATH=$PATH:`).
 * `./node_modules/.bin` is no different from `.` (an agent writes `node_modules/.bin/node` in any folder);
 * the project's own folder named absolutely (`$PWD/node_modules/.bin`, what `npm run` puts first) is judged
 * as a folder like any other.
 */
export function relativeEntry(entry: string): boolean {
  return !/^[/~$]/.test(entry) && !entry.includes('$(') && !entry.includes('`');
}

/** The relative entries of a PATH value, wherever they stand (an empty value, which sets no folder, has none). */
function relativeEntries(value: string): string[] {
  const entries = value.split(':');
  return entries.length === 1 && entries[0] === '' ? [] : entries.filter(relativeEntry);
}

/** A program in a project folder now, named like one the guard trusts (a `git` there), when the folder can be listed; the system's and the user's own folders are theirs. */
function programThere(folder: string, facts: Facts): string | undefined {
  if (!facts.workspaceRoots.some((root) => root !== '' && (root === folder || isWithin(root, folder)))) return undefined;
  return facts.listDir(folder)?.slice(0, 512).find((name) => isGuardedProgramName(name));
}

function pathValues(inv: Invocation): string[] {
  const out: string[] = [];
  // Round 27: a relative entry after the inherited PATH, for one command, answers only names the system lacks (`npx vitest` alike).
  if (inv.assignments.PATH !== undefined) out.push(forOneCommand(inv) ? beforeInherited(inv.assignments.PATH) : inv.assignments.PATH);
  // direnv's `PATH_add DIR…` and `load_prefix DIR` in a file an `.envrc` sources (`source_env other.envrc`): the stdlib's own PATH change.
  if (inv.name === 'PATH_add' || inv.name === 'load_prefix') {
    const folders = inv.args.map((a) => (inv.name === 'load_prefix' ? `${a.text}/bin` : a.text));
    if (folders.length > 0) out.push([...folders, '$PATH'].join(':'));
  }
  // fish's `fish_add_path [-a|--append] [-p|--prepend] DIR…` (a universal variable by default: every later shell).
  if (inv.name === 'fish_add_path') {
    const reading = freeFormReadings(inv.args).usual;
    const folders = reading.operands.map((a) => a.text);
    const append = reading.options.some((o) => o.name === '--append' || /^-[a-zA-Z]*a[a-zA-Z]*$/.test(o.name));
    if (folders.length > 0) out.push(append ? ['$PATH', ...folders].join(':') : [...folders, '$PATH'].join(':'));
  }
  // `PATH+=:.` appends to the inherited value.
  if (/^(export|declare|typeset|local|readonly)$/.test(inv.name)) for (const a of inv.args) if (a.text.startsWith('PATH=') || a.text.startsWith('PATH+=')) out.push(a.text.startsWith('PATH+=') ? '$PATH' + a.text.slice(6) : a.text.slice(5));
  return out;
}

/** Programs with a guarded name that the line writes, by folder. */
function writtenPrograms(invs: readonly Invocation[], facts: Facts): Map<string, string> {
  const out = new Map<string, string>();
  for (const inv of invs) {
    const cwd = inv.cwd || facts.cwd;
    const words = [...inv.redirects.filter((r) => /^(>|>>|>\||&>|&>>)$/.test(r.op)).map((r) => r.target), ...effectsOf(inv).filter((e) => /^(write|create|link)$/.test(e.kind)).map((e) => e.word)];
    for (const w of words) {
      if (w.dynamic) continue;
      const abs = normalize(resolvePath(cwd, w.text, facts.home));
      if (isGuardedProgramName(basename(abs))) out.set(dirname(abs), basename(abs));
    }
  }
  return out;
}

export function pathShadowFindings(analysis: Analysis, facts: Facts): Finding[] {
  const invs = analysis.invocations.filter((i) => !i.remote);
  const changes = invs.flatMap((inv) => pathValues(inv).map((value) => ({ inv, value })));
  if (changes.length === 0) return [];
  const planted = writtenPrograms(invs, facts);
  for (const { inv, value } of changes) {
    const relative = relativeEntries(value)[0];
    if (relative !== undefined) {
      return [perimeterFinding('path-shadow', `${inv.assignments.PATH !== undefined ? `PATH= before ${inv.name}` : inv.name} puts ${relative === '' ? 'an empty entry (the current folder)' : relative}, a folder named relative to wherever the shell is, on PATH: after any cd the programs run next by name (git, node, ssh …) are whatever that folder holds; ${DENY_SUFFIX}.`, relative || '.')];
    }
    for (const { folder } of prepended(value, inv.cwd || facts.cwd, facts)) {
      const program = planted.get(folder) ?? programThere(folder, facts);
      if (program) {
        return [perimeterFinding('path-shadow', `${inv.name} puts ${folder} first on PATH, where a program named ${program} is or is written by this line: what runs as ${program} next is not the program the guard judged; ${DENY_SUFFIX}.`, folder)];
      }
      // Round 27: a project folder first on PATH for the whole session (`export PATH="$PWD/bin:$PATH"`, fish_add_path ./bin): the agent
      // writes there, so any later `bin/node` or `bin/gitleaks` is what runs by name; for one command it is `npm run`'s own order.
      const project = [inv.cwd || facts.cwd, ...facts.workspaceRoots].find((root) => root !== '' && root !== facts.home && (root === folder || isWithin(root, folder)));
      if (project !== undefined && !forOneCommand(inv)) {
        return [perimeterFinding('path-shadow', `${inv.name} puts ${folder}, a folder of the project the agent writes in, first on PATH for the session: a program the agent puts there later (node, git, gitleaks …) runs in place of the one the guard judged; ${DENY_SUFFIX}.`, folder)];
      }
      // The home folder or a workspace under /tmp (a test machine, a scratch clone) is the user's own.
      const own = [facts.home, ...facts.workspaceRoots].some((root) => root !== '' && isWithin(root, folder));
      if (SHARED_TEMP.test(folder) && !own) {
        return [perimeterFinding('path-shadow', `${inv.name} puts ${folder}, a folder any process may write, first on PATH: the programs run next by name (git, node, ssh …) may be anyone's; ${DENY_SUFFIX}.`, folder)];
      }
    }
  }
  return [];
}
