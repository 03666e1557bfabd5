import { basename, resolvePath } from '../../paths';
import type { Analysis, ArgWord, CredentialFileInfo, Facts, Finding, Invocation, RuleContext } from '../../policy/types';
import { METADATA_ONLY } from '../../registry/fileOperandTraits';
import { optionsMatching } from '../../registry/grammar';
import { parsedArgs } from '../../registry/commandModel';
import { git } from '../../registry/tools/git';
import { readFinding } from '../credentials';
import { infoFor } from './credentialPaths';
import { gitStart } from './gitGlobals';

/**
 * A file brought back from the history and read later in the same line: `git checkout HEAD~1 -- f &&
 * cat f`, `git restore -s REV f`, a whole old tree checked out elsewhere (`git worktree add /tmp/old
 * HEAD~1 && cat /tmp/old/config/x.py`, `git clone . /tmp/c && cat /tmp/c/legacy/x.json`). The read is
 * judged as a read of the file in the repository: a credential file there is named; one gone from the
 * work tree is judged by the text git last held for it (the `gitHistoryPaths` fact).
 */

interface Restored {
  /** The repository's work tree the files come from. */
  from: string;
  rev: string;
  how: string;
}

const local = (word: string): boolean => !/^[a-z][a-z0-9+.-]*:\/\//i.test(word) || /^file:\/\//i.test(word);

function restoredBy(inv: Invocation, facts: Facts): { exact: Map<string, Restored>; trees: Map<string, Restored> } {
  const exact = new Map<string, Restored>();
  const trees = new Map<string, Restored>();
  const { sub, rest, cwd } = gitStart(inv, facts);
  const parsed = parsedArgs(inv.args, git);
  const operands = parsed.operands.map((w) => w.text);
  if (sub === 'checkout' || sub === 'restore') {
    const dash = rest.findIndex((w) => w.text === '--');
    const source = sub === 'restore' ? optionsMatching(parsed, git, ['-s']).pop()?.values[0] : dash > 0 ? operands[0] : undefined;
    if (source === undefined) return { exact, trees };
    const paths = sub === 'restore' ? operands : rest.slice(dash + 1).map((w) => w.text);
    for (const p of paths.slice(0, 32)) exact.set(resolvePath(cwd, p, facts.home), { from: cwd, rev: source, how: `git ${sub}` });
    // More paths than are followed one by one: any file below the folder may be one brought back.
    if (paths.length > 32) trees.set(cwd, { from: cwd, rev: source, how: `git ${sub}` });
  } else if ((sub === 'cherry-pick' || sub === 'revert') && operands.length > 0 && !rest.some((w) => /^--(abort|quit|skip|continue)$/.test(w.text))) {
    // The files a picked commit adds come back as that commit held them; a reverted commit's deletions, as its parent did.
    const rev = operands[operands.length - 1] as string;
    if (!rev.includes('..')) trees.set(cwd, { from: cwd, rev: sub === 'revert' ? `${rev}^` : rev, how: `git ${sub}` });
  } else if (sub === 'worktree' && parsed.path[1] === 'add' && operands[0] !== undefined) {
    trees.set(resolvePath(cwd, operands[0], facts.home), { from: cwd, rev: operands[1] ?? 'HEAD', how: 'git worktree add' });
  } else if (sub === 'clone' && operands[0] !== undefined && local(operands[0])) {
    const src = resolvePath(cwd, operands[0].replace(/^file:\/\//i, ''), facts.home);
    if (facts.fileStatus?.(src) !== 'directory') return { exact, trees };
    const dest = operands[1] ?? basename(src.replace(/\/\.git\/?$|\/$/, ''));
    trees.set(resolvePath(cwd, dest, facts.home), { from: src, rev: 'HEAD', how: 'git clone' });
  }
  return { exact, trees };
}

/**
 * The file at `abs` in the repository, or as git last held it when it is gone; 'unread' when git's
 * answer was cut short (time, size) before it could say what a gone file held.
 */
function credentialAt(abs: string, r: Restored, facts: Facts): CredentialFileInfo | 'unread' | undefined {
  const info = infoFor(abs, facts);
  if (info || facts.fileStatus?.(abs) !== 'missing' || !facts.gitHistoryPaths) return info;
  const listed = facts.gitHistoryPaths(r.from, { kind: 'tree', revs: [r.rev] });
  const found = listed?.credentials?.find((c) => abs.endsWith('/' + c.path));
  return found ?? (listed && !listed.complete ? 'unread' : undefined);
}

function unreadFinding(how: string, word: string): Finding {
  return {
    rule: 'credentials.read',
    risk: 'credential-read',
    severity: 'ask',
    reason: `${how} reads ${word}, which the guard could not read from git's history in time to rule out a credential file (answering conservatively).`,
    targets: [{ kind: 'path', name: word, remote: false, environment: 'local', environmentReason: 'this repository' }],
  };
}

export function checkRestoredReads(analysis: Analysis, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const exact = new Map<string, Restored>();
  const trees = new Map<string, Restored>();
  const out: Finding[] = [];
  for (const inv of analysis.invocations.slice(0, 256)) {
    const cwd = inv.cwd || facts.cwd;
    if ((exact.size > 0 || trees.size > 0) && inv.name !== 'git' && !METADATA_ONLY.has(inv.name)) {
      const words: ArgWord[] = [...inv.args.filter((a) => !a.dynamic), ...inv.redirects.filter((r) => r.op === '<').map((r) => r.target)];
      for (const w of words.slice(0, 64)) {
        const p = resolvePath(cwd, w.text.replace(/^-[-\w]*=/, ''), facts.home);
        const tree = [...trees].find(([dir]) => p.startsWith(dir + '/'));
        const r = exact.get(p) ?? tree?.[1];
        if (!r) continue;
        const source = tree && !exact.has(p) ? r.from + p.slice(tree[0].length) : p;
        const info = credentialAt(source, r, facts);
        if (info) {
          const how = `${inv.name} (through ${w.text.slice(0, 80)}, which ${r.how} brought back from ${r.rev} earlier in the line)`;
          out.push(info === 'unread' ? unreadFinding(how, w.text.slice(0, 80)) : readFinding('reads', info, how));
          break;
        }
      }
    }
    if (inv.name === 'git') {
      const found = restoredBy(inv, facts);
      for (const [k, v] of found.exact) exact.set(k, v);
      for (const [k, v] of found.trees) trees.set(k, v);
    }
  }
  return out;
}

/**
 * The bringing back itself: a credential file gone from the work tree, named and restored from a
 * revision (`git checkout HEAD~1 -- config/old_settings.py`, `git restore -s HEAD~1 f`), where the next
 * `git add -A` commits it again. A whole old tree checked out (`git worktree add /tmp/old HEAD~1`) is not
 * asked: a later read of a secret in it asks wherever it lies, as its text is judged.
 */
export function checkRestoredCredentials(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'git') return [];
  const facts = ctx.facts;
  const { exact } = restoredBy(inv, facts);
  const out: Finding[] = [];
  for (const [abs, r] of exact) {
    if (facts.fileStatus?.(abs) !== 'missing') continue;
    const info = credentialAt(abs, r, facts);
    if (info) out.push(info === 'unread' ? unreadFinding(r.how, abs) : { ...readFinding('brings back', info, `${r.how} (from ${r.rev}, a file since removed from the work tree)`), rule: 'credentials.history-restore' });
    if (out.length >= 4) break;
  }
  return out;
}
checkRestoredCredentials.reactsTo = (name: string): boolean => name === 'git';
