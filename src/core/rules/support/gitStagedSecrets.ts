import type { ArgWord, CredentialFileInfo, Facts, Finding, GitPathState, Invocation, RuleContext } from '../../policy/types';
import { optionsMatching } from '../../registry/grammar';
import { parsedArgs } from '../../registry/commandModel';
import { git } from '../../registry/tools/git';
import { isAbsolute } from '../../paths';
import { readFinding } from '../credentials';
import { gitignored, infoFor, pathsOfWord } from './credentialPaths';
import { gitStart } from './gitGlobals';

/**
 * `git add .env`, `git add -A`, `git commit -a`: staging (or committing) a credential file puts it one
 * commit and push from a remote. A credential file the command names is asked about whatever git would
 * make of it (naming it is the intent; an ignored one git refuses). One the command takes in bulk (`git
 * add .`, `-A`, `-u`, a folder, `git commit -a`) counts only when git would take it: untracked and not
 * ignored (not for `-u` and `commit -a`, which take tracked files only), or modified. Without git to ask,
 * a credential file the ignore files do not list stands for one git would take.
 */

const has = (inv: Invocation, names: string[]): boolean => optionsMatching(parsedArgs(inv.args, git), git, names).some((o) => o.depth === 1);

function absoluteOf(info: CredentialFileInfo, facts: Facts): string[] {
  if (info.path.startsWith('~/')) return [facts.home + info.path.slice(1)];
  if (isAbsolute(info.path)) return [info.path];
  return facts.workspaceRoots.map((r) => `${r}/${info.path}`);
}

/** git's view of each candidate, asked once for all of them; undefined when git cannot say. */
function statesOf(candidates: readonly CredentialFileInfo[], cwd: string, facts: Facts): Readonly<Record<string, GitPathState>> | undefined {
  if (!facts.gitPathStates) return undefined;
  const paths = candidates.flatMap((f) => absoluteOf(f, facts)).filter((p) => facts.fileStatus?.(p) === 'file');
  if (paths.length === 0) return {};
  try {
    return facts.gitPathStates(cwd, paths);
  } catch {
    return undefined;
  }
}

/** Would git take this credential file in bulk? */
function takenInBulk(info: CredentialFileInfo, states: Readonly<Record<string, GitPathState>> | undefined, facts: Facts, trackedOnly: boolean): boolean {
  for (const abs of absoluteOf(info, facts)) {
    if (facts.fileStatus?.(abs) !== 'file') continue;
    const state = states?.[abs];
    if (state === 'modified' || (state === 'untracked' && !trackedOnly)) return true;
    if (state === undefined || state === 'unknown') return !gitignored(info.path, facts) && !trackedOnly;
  }
  return false;
}

/** Options of git commit that take the next word (`-m msg`, `-am msg`, `--author who`). */
const COMMIT_VALUED = new Set(['--message', '--file', '--reuse-message', '--reedit-message', '--fixup', '--squash', '--author', '--date', '--cleanup', '--template', '--trailer', '--pathspec-from-file']);

/** The pathspecs of `git commit` (the words after its options and their values). */
function commitPathspecs(rest: readonly ArgWord[]): ArgWord[] {
  const out: ArgWord[] = [];
  for (let i = 0; i < rest.length; i++) {
    const t = (rest[i] as ArgWord).text;
    if (t === '--') {
      out.push(...rest.slice(i + 1));
      break;
    }
    if (t.startsWith('--')) {
      if (!t.includes('=') && COMMIT_VALUED.has(t)) i++;
    } else if (/^-[a-zA-Z]+$/.test(t)) {
      // The first letter that takes a value takes the rest of the word, or the next word.
      const at = t.slice(1).search(/[mFCctS]/);
      if (at >= 0 && at === t.length - 2 && t[at + 1] !== 'S') i++;
    } else out.push(rest[i] as ArgWord);
  }
  return out;
}

export function checkStagedSecrets(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'git') return [];
  const facts = ctx.facts;
  const start = gitStart(inv, facts);
  const cwd = start.cwd;
  // `git stage` is `git add`.
  const sub = start.sub === 'stage' ? 'add' : start.sub;
  if (sub !== 'add' && sub !== 'commit') return [];
  // Read through git's registry; `git stage`, which it does not know, by its words.
  const flag = (names: string[]): boolean => has(inv, names) || start.rest.some((a) => names.includes(a.text));
  // `git add -f` / `-N` are judged with the other roads (gitSecretRoads.ts).
  if (sub === 'add' && flag(['-f', '--force', '-N', '--intent-to-add', '-n', '--dry-run'])) return [];
  const operands = sub === 'commit' ? commitPathspecs(start.rest) : start.sub === 'stage' ? start.rest.filter((a) => !a.text.startsWith('-')) : parsedArgs(inv.args, git).operands;
  const trackedOnly = sub === 'commit' || flag(['-u', '--update']);
  const bulk = sub === 'commit' ? has(inv, ['-a']) && operands.length === 0 : operands.length === 0 ? flag(['-A', '--all', '-u', '--update']) : false;
  /** Candidates git takes in bulk (judged by their state), and files named one by one. */
  const bulkFiles: CredentialFileInfo[] = [];
  const named: CredentialFileInfo[] = [];
  const consider = (root: string): void => {
    if (facts.credentials) bulkFiles.push(...facts.credentials.filesUnder(root).slice(0, 256));
  };
  if (bulk) {
    // `git add -A` / `git commit -a` with no pathspec: the whole work tree.
    for (const root of facts.workspaceRoots.length > 0 ? facts.workspaceRoots : [cwd]) consider(root);
  }
  for (const word of operands.slice(0, 64)) {
    // A magic pathspec (`:!*.lock`, `:/`): the folder it starts from, in bulk.
    if (word.text.startsWith(':')) {
      consider(word.text.startsWith(':/') ? (facts.workspaceRoots[0] ?? cwd) : cwd);
      continue;
    }
    for (const p of pathsOfWord(word, cwd, facts)) {
      if (facts.fileStatus?.(p) === 'directory') consider(p);
      else {
        const info = infoFor(p, facts);
        if (info) (sub === 'add' ? named : bulkFiles).push(info);
      }
    }
  }
  // A file `git commit` names is taken like one in bulk (only if tracked and changed).
  const states = bulkFiles.length > 0 ? statesOf(bulkFiles.slice(0, 512), cwd, facts) : undefined;
  const out: CredentialFileInfo[] = [];
  for (const f of [...named, ...bulkFiles.filter((f) => takenInBulk(f, states, facts, trackedOnly))]) {
    if (!out.some((x) => x.path === f.path)) out.push(f);
  }
  const how = sub === 'add' ? 'git add' : 'git commit';
  return out.slice(0, 8).map((f) => readFinding(sub === 'add' ? 'stages (a commit and a push send it)' : 'commits (a push sends it)', f, how));
}
checkStagedSecrets.reactsTo = (name: string): boolean => name === 'git';
