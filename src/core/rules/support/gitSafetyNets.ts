import { isWithin, resolvePath } from '../../paths';
import type { Finding, Invocation, RuleContext, Target } from '../../policy/types';
import type { ParsedCommand } from '../../registry/grammar';
import type { ToolArgs } from '../../registry/types';

/**
 * Git's own safety nets and the repository's reach, beside the git pack's discarded work:
 * - the reflog and the grace period of unreachable objects (`gc.reflogExpire now`, `core.logAllRefUpdates
 *   false`, set by `git config` or `-c`), without which a commit lost by a reset or a forced move is gone at
 *   the next automatic gc;
 * - refs rewritten by plumbing from a list (`update-ref --stdin`: a list that deletes or moves refs, or
 *   one that cannot be read);
 * - pushes by plumbing that force or mirror (`send-pack --force`, `http-push --force`), and branch
 *   deletions whose names come from standard input or a substitution (`xargs git push origin --delete`,
 *   `git push origin $(git for-each-ref --format=':%(refname:short)')`);
 * - submodules' local changes thrown away (`submodule deinit -f`, `submodule update --force`);
 * - the repository with its whole history served to the network (`git daemon`, `git instaweb` without
 *   `--local`) or copied whole into a shared temporary folder (`clone --mirror . /tmp/x`).
 */

function finding(rule: string, reason: string, target: Target, risk: Finding['risk'] = 'destructive'): Finding {
  return { rule: `git-repo.${rule}`, risk, severity: 'ask', reason, targets: [target] };
}

function local(name: string, ctx: RuleContext, kind: Target['kind'] = 'repository'): Target {
  const env = ctx.environmentOf({ values: [], remote: false });
  return { kind, name, provider: 'git', remote: false, environment: env.environment, environmentReason: env.reason };
}

function remote(name: string, reason: string): Target {
  return { kind: 'branch', name, provider: 'git', remote: true, environment: 'production', environmentReason: reason };
}

/** A setting that takes the reflog or the prune grace period away, with what it removes. */
export function safetyNetSetting(key: string, value: string): string | undefined {
  const k = key.toLowerCase();
  const v = value.trim().toLowerCase();
  const expiresNow = /^(now|all|0|0\.?\w*|-?\d+\s*(seconds?|minutes?)(\s+ago)?)$/.test(v) || v === '';
  if (/^gc\.(.+\.)?reflogexpire(unreachable)?$/.test(k) && expiresNow && v !== '') return `reflog entries expire at once (${key} ${value})`;
  if (/^gc\.(prune|worktreeprune)expire$/.test(k) && (v === 'now' || v === 'all')) return `unreachable objects are pruned at once (${key} ${value})`;
  if (k === 'core.logallrefupdates' && /^(false|no|off|0)$/.test(v)) return `branch moves are no longer recorded in the reflog (${key} ${value})`;
  return undefined;
}

function settingFindings(pairs: readonly (readonly [string, string])[], inv: Invocation, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const [k, v] of pairs) {
    const lost = safetyNetSetting(k, v);
    if (lost) out.push(finding('reflog-off', `Removes git's safety net for lost commits: ${lost}; a commit dropped by a reset, rebase or forced branch move becomes unrecoverable at the next gc.`, local(inv.cwd, ctx)));
  }
  return out;
}

/** The text of `update-ref --stdin`'s list: a file, a heredoc or an echo; undefined when it cannot be read. */
function stdinList(inv: Invocation, ctx: RuleContext): string | undefined {
  const s = inv.stdin;
  if (s?.kind === 'heredoc' || s?.kind === 'herestring') return s.text;
  if (s?.kind === 'file') return ctx.facts.readFile(resolvePath(inv.cwd, s.path, ctx.facts.home));
  if (s?.kind === 'pipe' && (s.from.name === 'echo' || s.from.name === 'printf') && !s.from.args.some((a) => a.dynamic)) return s.from.args.map((a) => a.text).join(' ').replace(/\\n/g, '\n');
  return undefined;
}

/** A branch-name word of `git push REMOTE …` built at run time from a listing that prints `:` (deletion) or `+` (force) refspecs. */
function computedRefspec(inv: Invocation, a: ToolArgs): 'delete' | 'force' | undefined {
  for (const w of a.parsed.operands.slice(1)) {
    if (!w.dynamic) continue;
    const raw = w.raw ?? w.text;
    if (/--format=(['"]?):|['"]:%\(|\bsed\b[^|)]*s[/|#][^/|#]*[/|#]:/.test(raw)) return 'delete';
    if (/--format=(['"]?)\+|['"]\+%\(/.test(raw)) return 'force';
  }
  return inv.via.some((v) => /^(xargs|parallel)\b/.test(v)) && a.has('-d', '--delete') && a.parsed.operands.length <= 1 ? 'delete' : undefined;
}

const SHARED_TEMP = /^\/(tmp|var\/tmp|private\/tmp|dev\/shm)(\/|$)/;

export function gitSafetyNetFindings(inv: Invocation, parsed: ParsedCommand, a: ToolArgs, settings: readonly (readonly [string, string])[], ctx: RuleContext): Finding[] {
  const [sub, verb] = parsed.path;
  const out = settingFindings(settings, inv, ctx);
  const words = parsed.operands.map((w) => w.text);
  if (sub === 'config' && !a.has('--get', '--get-all', '--get-regexp', '-l', '--list', '--unset', '--unset-all')) {
    const [key = '', value = ''] = words[0] === 'set' ? words.slice(1) : words;
    if (value !== '' || key.toLowerCase() === 'core.logallrefupdates') out.push(...settingFindings([[key, value]], inv, ctx));
  }
  if (sub === 'update-ref' && a.has('--stdin')) {
    const list = stdinList(inv, ctx);
    if (list === undefined) out.push(finding('ref-list', 'Deletes or moves refs listed on standard input (git update-ref --stdin), a list that cannot be read here.', local(inv.cwd, ctx, 'branch'), 'unanalyzable'));
    else if (/^\s*(delete|update)\s/m.test(list)) out.push(finding('ref-list', `Deletes or moves refs by plumbing (git update-ref --stdin: ${list.trim().split('\n')[0]!.slice(0, 80)}): commits only they reached are left behind.`, local(inv.cwd, ctx, 'branch')));
  }
  if ((sub === 'send-pack' || sub === 'http-push') && !a.has('-n', '--dry-run')) {
    const [where = 'the remote', ...refs] = words;
    const forced = a.has('-f', '--force', '--force-with-lease', '--mirror') || refs.some((r) => r.startsWith('+'));
    if (forced) out.push(finding('plumbing-push', `Force-pushes ${a.has('--all', '--mirror') ? 'every branch' : refs.join(', ') || 'the branches'} to ${where} by plumbing (git ${sub}), overwriting their history there.`, remote(a.has('--all', '--mirror') || refs.length === 0 ? `every branch on ${where}` : refs.join(', '), `the shared branches on ${where} are among them`)));
  }
  if (sub === 'push') {
    const computed = computedRefspec(inv, a);
    const where = words[0] ?? 'origin';
    if (computed) out.push(finding('push-computed', `${computed === 'delete' ? 'Deletes' : 'Force-pushes'} branches on ${where} whose names are produced at run time (${inv.via.some((v) => v.startsWith('xargs')) ? 'from standard input' : 'a substitution'}): every branch the listing prints, shared ones included.`, remote(`branches on ${where}`, `the names are computed at run time; shared branches on ${where} may be among them`)));
  }
  if (sub === 'submodule' && (verb === 'deinit' || verb === 'update') && a.has('-f', '--force')) {
    out.push(finding('submodule-force', `Throws away the local changes of ${a.has('--all') ? 'every submodule' : words.join(', ') || 'the submodules'} (git submodule ${verb} --force).`, local(inv.cwd, ctx)));
  }
  if (sub === 'daemon' || (sub === 'instaweb' && !a.has('-l', '--local', '--stop'))) {
    const what = sub === 'daemon' ? `the repositories${a.has('--export-all') ? ' (every one, --export-all)' : ''} over git:// to anyone who can reach port ${a.value('--port') ?? '9418'}, without authentication` : 'the repository and its whole history on a web server other machines can reach';
    const target: Target = { kind: 'repository', name: inv.cwd, provider: 'git', remote: true, environment: 'production', environmentReason: 'served to the network: anyone who reaches it reads the history' };
    out.push(finding('served', `Serves ${what} (git ${sub}); files deleted from the tree stay readable in its history.`, target));
  }
  if (sub === 'clone' && a.has('--mirror', '--bare')) {
    const [source = '', dest = ''] = words;
    const sourcePath = /^[a-z][\w+.-]*:\/\/|^[\w.-]+@[\w.-]+:/i.test(source) ? undefined : resolvePath(inv.cwd, source, ctx.facts.home);
    const ours = sourcePath !== undefined && (ctx.facts.workspaceRoots.some((r) => isWithin(r, sourcePath) || isWithin(sourcePath, r)) || sourcePath === inv.cwd);
    if (ours && SHARED_TEMP.test(resolvePath(inv.cwd, dest || '.', ctx.facts.home))) {
      out.push(finding('history-copied', `Copies the repository's whole history, files deleted from the tree included, into ${dest}, a folder every user of this machine can read (git clone ${a.has('--mirror') ? '--mirror' : '--bare'}).`, local(dest, ctx)));
    }
  }
  return out;
}
