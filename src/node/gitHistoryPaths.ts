import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyCredentialFile } from '../core/credentials/credentialFiles';
import { matchCredentialPath } from '../core/credentials/credentialPaths';
import type { CredentialFileInfo, GitHistoryQuery } from '../core/policy/types';
import { gitEnvironment, gitRepositoryRoot } from './gitPathState';
import { trustedPathVariable, trustedProgram } from './trustedProgram';

/**
 * Which paths a git history command would print (`git log -p`, `git show REV`, `git format-patch`,
 * `git cat-file --batch-all-objects`, `git stash show -p`), so the credential rules can tell whether
 * a credential file is among them. Only object-reading commands run, with the settings that make git
 * start a program switched off, and only revision words that cannot be read as options. A listing cut
 * by the time or size limit says so (`complete: false`), and the rules then answer conservatively.
 */

const TIMEOUT_MS = 1500;
const MAX_BYTES = 8 * 1024 * 1024;
const MAX_REVS = 16;
/** A revision word: names, hashes, `~`/`^` suffixes, ranges, `@{…}`; never an option or a pathspec. */
const REV = /^(?!-)[A-Za-z0-9_./~^@{}+-]{1,200}$/;

interface Run {
  out: string;
  complete: boolean;
}

function git(root: string, args: readonly string[]): Run {
  const env = gitEnvironment(root, (k) => k.startsWith('GIT_'));
  // Loaded here, not at the top: node:child_process (with node:net and the streams) would cost every
  // hook call start-up time; only history commands get here.
  const program = trustedProgram('git');
  if (!program) return { out: '', complete: false };
  env.PATH = trustedPathVariable();
  const { spawnSync } = require('node:child_process') as typeof ChildProcess;
  const run = spawnSync(
    program,
    ['-c', 'core.fsmonitor=false', '-c', 'protocol.allow=never', '-c', 'core.hooksPath=/dev/null', '-c', 'log.showSignature=false', '-C', root, '--no-pager', ...args],
    { env, timeout: TIMEOUT_MS, maxBuffer: MAX_BYTES, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const out = run.stdout ? run.stdout.toString('utf8') : '';
  const cut = run.error !== undefined || run.signal !== null;
  return { out: run.status === 0 || cut ? out : '', complete: !cut };
}

function commandsFor(query: GitHistoryQuery): string[][] | undefined {
  const revs = query.revs.slice(0, MAX_REVS);
  if (revs.some((r) => !REV.test(r))) return undefined;
  const names = ['--format=', '--name-only', '--no-renames', '-m', '--no-ext-diff', '--no-textconv'];
  const limit = query.maxCount !== undefined && Number.isInteger(query.maxCount) && query.maxCount > 0 ? [`--max-count=${query.maxCount}`] : [];
  switch (query.kind) {
    case 'log':
      return [['log', ...names, ...limit, ...(revs.length > 0 ? revs : ['HEAD']), '--']];
    case 'show':
      return [['log', '--no-walk', ...names, ...(revs.length > 0 ? revs : ['HEAD']), '--']];
    case 'all':
      return [['log', '--all', '--reflog', ...names, '--']];
    case 'diff':
      return [['diff', '--name-only', '--no-renames', '--no-ext-diff', ...(query.cached ? ['--cached'] : []), ...revs, '--']];
    case 'stash': {
      const entry = revs[0] ?? 'stash@{0}';
      return [['diff', '--name-only', '--no-renames', '--no-ext-diff', `${entry}^1`, entry, '--'], ['ls-tree', '-r', '--name-only', '--full-tree', `${entry}^3`, '--']];
    }
    case 'tree':
      return (revs.length > 0 ? revs : ['HEAD']).map((r) => ['ls-tree', '-r', '--name-only', '--full-tree', r, '--']);
    default:
      return undefined;
  }
}

/** Files gone from the work tree whose last committed text a history command prints: judged by that text. */
const MAX_GONE = 8;
const MAX_BLOB = 256 * 1024;

function goneCredentials(root: string, home: string, paths: readonly string[], started: number): CredentialFileInfo[] {
  const out: CredentialFileInfo[] = [];
  let looked = 0;
  for (const abs of paths) {
    if (looked >= MAX_GONE || Date.now() - started > TIMEOUT_MS) break;
    if (fs.existsSync(abs) || matchCredentialPath(abs.split(path.sep).join('/'), home)) continue;
    looked++;
    const rel = path.relative(root, abs).split(path.sep).join('/');
    const last = git(root, ['log', '--all', '-1', '--format=%H', '--', `:(literal)${rel}`]).out.trim();
    if (!/^[0-9a-f]{40,64}$/.test(last)) continue;
    // The commit that last touched it deleted it (its parent holds the text), or it was removed without a commit.
    const text = git(root, ['cat-file', 'blob', `${last}:${rel}`]).out || git(root, ['cat-file', 'blob', `${last}^:${rel}`]).out;
    const verdict = text !== '' && text.length <= MAX_BLOB ? classifyCredentialFile(abs.split(path.sep).join('/'), home, text) : undefined;
    if (verdict) out.push({ path: rel, kind: verdict.kind, label: `${verdict.label}, in a file since deleted` });
  }
  return out;
}

export function gitHistoryPaths(workTree: string, query: GitHistoryQuery, home = ''): { paths: string[]; complete: boolean; credentials?: CredentialFileInfo[] } | undefined {
  const root = gitRepositoryRoot(workTree);
  if (!root) return undefined;
  const commands = commandsFor(query);
  if (!commands) return { paths: [], complete: false };
  const paths = new Set<string>();
  let complete = commands.length <= 4;
  const started = Date.now();
  for (const args of commands.slice(0, 4)) {
    // One time limit for the whole question, not one per command.
    if (Date.now() - started > TIMEOUT_MS) {
      complete = false;
      break;
    }
    const run = git(root, args);
    // A git error (an unknown revision, no commit yet) prints nothing here and fails the command itself.
    if (!run.complete) complete = false;
    for (const line of run.out.split('\n')) {
      const rel = line.trim();
      if (rel !== '') paths.add(path.join(root, rel));
    }
  }
  const listed = [...paths];
  const credentials = home !== '' ? goneCredentials(root, home, listed, started) : [];
  return credentials.length > 0 ? { paths: listed, complete, credentials } : { paths: listed, complete };
}
