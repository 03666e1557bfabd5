import { dirname } from '../../paths';
import { hostOf } from '../../policy/production';
import type { Analysis, Facts, Finding, Invocation, RuleContext } from '../../policy/types';
import { optionValues, optionsMatching } from '../../registry/grammar';
import { parsedArgs } from '../../registry/commandModel';
import { git } from '../../registry/tools/git';
import { gitStart } from './gitGlobals';
import { pushedHistory, sentOut, type HistoryReader } from './gitSecretRoads';

/**
 * Where a push goes, changed: `git remote set-url origin URL`, `git config remote.origin.pushurl URL`,
 * `git config url.BASE.pushInsteadOf PREFIX` (every push to PREFIX goes to BASE), the same given once
 * with `git -c … push`, and a bundle of the history written then sent (`git bundle create f --all &&
 * curl -T f …`). After such a change the next `git push` looks routine while it sends the history
 * somewhere else, so the change itself is judged as the push it prepares.
 *
 * Foreign: an address whose host none of the repository's configured remotes use (their `url`,
 * `pushurl` and `insteadOf` values in `.git/config`). Moving origin from https to ssh on the same
 * host, or adding a fork on the same host, stays routine; pointing pushes at a new host asks when the
 * history that would be pushed holds credential files (and only then: a repository without them has
 * nothing this guard protects in a push).
 */

/** Hosts of the remotes the repository holding `cwd` has configured, read from its `.git/config`. */
export function configuredRemoteHosts(cwd: string, facts: Facts): Set<string> {
  const hosts = new Set<string>();
  let dir = cwd;
  for (let i = 0; i < 32; i++) {
    const text = facts.readFile(`${dir}/.git/config`);
    if (text !== undefined) {
      for (const m of text.matchAll(/^\s*(?:url|pushurl|insteadof|pushinsteadof)\s*=\s*(.+?)\s*$/gim)) {
        const host = remoteHost(m[1] ?? '');
        if (host) hosts.add(host);
      }
      break;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return hosts;
}

/** The host of a git address: `https://host/…`, `ssh://git@host/…`, `git@host:path`. */
function remoteHost(address: string): string | undefined {
  const scp = /^[\w.-]+@([\w.-]+):/.exec(address);
  if (scp) return (scp[1] ?? '').toLowerCase();
  const host = hostOf(address.replace(/^"(.*)"$/, '$1'));
  return host === '' ? undefined : host;
}

const isAddress = (word: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(word) || /^[\w.-]+@[\w.-]+:/.test(word);

/** Config keys that decide where pushes go, with the address they set. */
const PUSH_KEY = /^(remote\.[^.]+\.(url|pushurl)|url\..+\.(pushinsteadof|insteadof))$/i;

/** The address a redirecting setting sends pushes to (for `url.BASE.insteadOf`, BASE). */
function redirectTarget(key: string, value: string): string | undefined {
  if (!PUSH_KEY.test(key)) return undefined;
  const base = /^url\.(.+)\.(pushinsteadof|insteadof)$/i.exec(key);
  return base ? base[1] : value;
}

function redirectsOf(inv: Invocation, ctx: RuleContext): { what: string; address: string }[] {
  const out: { what: string; address: string }[] = [];
  const parsed = parsedArgs(inv.args, git);
  for (const option of optionsMatching(parsed, git, ['-c']).filter((o) => o.depth === 0)) {
    const setting = option.values[0] ?? '';
    const eq = setting.indexOf('=');
    const target = eq > 0 ? redirectTarget(setting.slice(0, eq), setting.slice(eq + 1)) : undefined;
    if (target) out.push({ what: `git -c ${setting.slice(0, eq)}`, address: target });
  }
  const start = gitStart(inv, ctx.facts);
  const sub = start.sub;
  const rest = start.rest.filter((w) => !w.text.startsWith('-')).map((w) => w.text);
  if (sub === 'remote' && rest[0] === 'set-url') {
    const operands = rest.slice(1);
    const address = operands.find(isAddress);
    if (address) out.push({ what: `git remote set-url ${operands[0] ?? ''}`, address });
  }
  if (sub === 'push') {
    // `git push --repo=URL`: the address given as an option rather than an operand.
    for (const address of optionValues(parsed, git, ['--repo']).filter(isAddress)) out.push({ what: 'git push --repo', address });
  }
  if (sub === 'config') {
    const [first, ...more] = parsed.operands.map((w) => w.text);
    const [key, value] = first === 'set' ? more : [first, more[0]];
    const target = key !== undefined && value !== undefined ? redirectTarget(key, value) : undefined;
    if (target && key) out.push({ what: `git config ${key}`, address: target });
  }
  return out;
}

export function checkRemoteRedirects(inv: Invocation, ctx: RuleContext, history: HistoryReader): Finding[] {
  if (inv.name !== 'git') return [];
  const redirects = redirectsOf(inv, ctx);
  if (redirects.length === 0) return [];
  const { cwd } = gitStart(inv, ctx.facts);
  const known = configuredRemoteHosts(cwd, ctx.facts);
  const out: Finding[] = [];
  for (const r of redirects.slice(0, 4)) {
    const host = remoteHost(r.address);
    if (host === undefined || known.has(host)) continue;
    const where = `${r.address.slice(0, 80)} (${host}, a host none of this repository's remotes use)`;
    const found = pushedHistory(inv, history, where, []).map((f) => ({ ...f, reason: f.reason.replace(/^git push to (.*?) sends /, `After ${r.what}, a git push goes to $1 and sends `) }));
    out.push(...sentOut(found, ctx, [r.address]));
  }
  return out;
}

/** Senders a bundle file reaches the network through, in the same line. */
const SENDERS = new Set(['curl', 'wget', 'scp', 'sftp', 'rsync', 'rclone', 'aws', 'gsutil', 'gcloud', 'az', 'azcopy', 'gh', 'nc', 'ncat', 'netcat', 'socat', 'http', 'https', 'xh', 'lftp', 'ftp', 's3cmd', 'mc', 'croc', 'magic-wormhole', 'wormhole', 'ssh']);

/** `git bundle create F --all && curl -T F https://…`: the history, packed into one file, then sent. */
export function checkBundlesSent(analysis: Analysis, ctx: RuleContext, history: HistoryReader): Finding[] {
  const bundles: { file: string; inv: Invocation }[] = [];
  const out: Finding[] = [];
  for (const inv of analysis.invocations.slice(0, 256)) {
    if (inv.name === 'git') {
      const { sub, rest } = gitStart(inv, ctx.facts);
      const words = rest.filter((w) => !w.text.startsWith('-') || w.text === '-').map((w) => w.text);
      if (sub === 'bundle' && words[0] === 'create' && words[1] !== undefined) bundles.push({ file: words[1], inv });
      continue;
    }
    if (!SENDERS.has(inv.name)) continue;
    for (const b of bundles) {
      const base = b.file.replace(/^.*\//, '');
      const sent = b.file === '-' ? inv.stdin?.kind === 'pipe' && inv.stdin.from === b.inv : inv.args.some((a) => a.text.includes(b.file) || (base !== '' && a.text.endsWith(base)));
      if (!sent) continue;
      const found = pushedHistory(b.inv, history, '', []).map((f) => ({ ...f, reason: f.reason.replace(/^git push to  sends a history/, `git bundle create ${b.file.slice(0, 60)}, then ${inv.name}, sends a history`) }));
      out.push(...sentOut(found, ctx, inv.args.map((a) => a.text)));
      break;
    }
  }
  return out;
}
