import { dirname } from '../../paths';
import { hostOf } from '../../policy/production';
import type { Analysis, Facts, Finding, Invocation, RuleContext } from '../../policy/types';
import { optionValues, optionsMatching } from '../../registry/grammar';
import { parsedArgs } from '../../registry/commandModel';
import { freeFormReadings } from '../../registry/freeForm';
import { gh } from '../../registry/tools/gh';
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
 * Foreign: a repository (host and path) none of the repository's configured remotes name (their
 * `url`, `pushurl` and `insteadOf` values in `.git/config`); for `url.BASE.insteadOf PREFIX`, a BASE
 * that is another repository or host than PREFIX. Moving origin from https to ssh (the same host and
 * path) stays routine, and so does `git push` to origin; pointing pushes at another repository (a new
 * host, or another account on the same host) asks when the history that would be pushed holds
 * credential files (and only then: a repository without them has nothing this guard protects in a
 * push). Adding a remote is not a redirect; pushing to it in the same line is (`gitSecretRoads.ts`).
 * `git send-pack URL`, `gh repo create --push` (a new repository) and the history exported into a file
 * or a pipe and sent from the same line (`git bundle create`, `git fast-export`) are pushes too.
 */

/** The repositories (host and path) the remotes of the repository holding `cwd` name, read from its `.git/config`. */
export function configuredRemotes(cwd: string, facts: Facts): Set<string> {
  const hosts = new Set<string>();
  let dir = cwd;
  for (let i = 0; i < 32; i++) {
    const text = facts.readFile(`${dir}/.git/config`);
    if (text !== undefined) {
      for (const m of text.matchAll(/^\s*(?:url|pushurl|insteadof|pushinsteadof)\s*=\s*(.+?)\s*$/gim)) {
        const id = repositoryOf(m[1] ?? '');
        if (id) hosts.add(id);
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

/**
 * A repository's identity in an address: its host and path, lower-cased, without scheme, user, port,
 * `.git` or a trailing slash. `https://github.com/acme/shop.git` and `git@github.com:acme/shop` are
 * the same repository; `github.com/attacker/shop` is another one on the same host.
 */
function repositoryOf(address: string): string | undefined {
  const a = address.trim().replace(/^"(.*)"$/, '$1');
  const host = remoteHost(a);
  if (host === undefined) return undefined;
  const scp = /^[\w.-]+@[\w.-]+:(.*)$/.exec(a);
  const path = scp ? (scp[1] ?? '') : a.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return `${host}/${path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/i, '')}`.toLowerCase();
}

const isAddress = (word: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(word) || /^[\w.-]+@[\w.-]+:/.test(word);

/** Config keys that decide where pushes go, with the address they set. */
const PUSH_KEY = /^(remote\.[^.]+\.(url|pushurl)|url\..+\.(pushinsteadof|insteadof))$/i;

/**
 * The address a redirecting setting sends pushes to, and for `url.BASE.insteadOf PREFIX` the prefix
 * it replaces: a rewrite within one repository or host (`git@github.com:` for `https://github.com/`)
 * is routine.
 */
function redirectTarget(key: string, value: string): { address: string; replaces?: string } | undefined {
  if (!PUSH_KEY.test(key)) return undefined;
  const base = /^url\.(.+)\.(pushinsteadof|insteadof)$/i.exec(key);
  return base ? { address: base[1] ?? '', replaces: value } : { address: value };
}

interface Redirect {
  what: string;
  address: string;
  replaces?: string;
  /** `git remote add`: a new remote, judged only at a host no remote here uses and no public forge. */
  added?: boolean;
}

/** Public code forges: a remote added there is a fork's upstream or a mirror, routine work. */
const PUBLIC_FORGES = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org', 'git.sr.ht', 'dev.azure.com', 'ssh.dev.azure.com', 'gitee.com']);

function redirectsOf(inv: Invocation, ctx: RuleContext): Redirect[] {
  const out: Redirect[] = [];
  const parsed = parsedArgs(inv.args, git);
  for (const option of optionsMatching(parsed, git, ['-c']).filter((o) => o.depth === 0)) {
    const setting = option.values[0] ?? '';
    // A configuration key and its value (`url.X.insteadOf=Y`): not an option reader.
    const eq = setting.indexOf('=');
    const target = eq > 0 ? redirectTarget(setting.slice(0, eq), setting.slice(eq + 1)) : undefined;
    if (target) out.push({ what: `git -c ${setting.slice(0, eq)}`, ...target });
  }
  const start = gitStart(inv, ctx.facts);
  const sub = start.sub;
  const rest = freeFormReadings(start.rest).usual.operands.map((w) => w.text);
  if (sub === 'remote' && rest[0] === 'set-url') {
    const operands = rest.slice(1);
    const address = operands.find(isAddress);
    if (address) out.push({ what: `git remote set-url ${operands[0] ?? ''}`, address });
  }
  // Once added, the remote is configured: a later `git push NAME` looks routine while it sends the history there.
  if (sub === 'remote' && rest[0] === 'add') {
    const operands = rest.slice(1);
    const address = operands.find(isAddress);
    if (address) out.push({ what: `git remote add ${operands[0] ?? ''}`, address, added: true });
  }
  if (sub === 'send-pack') {
    const address = rest.find(isAddress);
    if (address) out.push({ what: 'git send-pack', address });
  }
  if (sub === 'push') {
    // `git push --repo=URL`: the address given as an option rather than an operand.
    for (const address of optionValues(parsed, git, ['--repo']).filter(isAddress)) out.push({ what: 'git push --repo', address });
  }
  if (sub === 'config') {
    const [first, ...more] = parsed.operands.map((w) => w.text);
    const [key, value] = first === 'set' ? more : [first, more[0]];
    const target = key !== undefined && value !== undefined ? redirectTarget(key, value) : undefined;
    if (target && key) out.push({ what: `git config ${key}`, ...target });
  }
  return out;
}

export function checkRemoteRedirects(inv: Invocation, ctx: RuleContext, history: HistoryReader): Finding[] {
  if (inv.name !== 'git') return [];
  const redirects = redirectsOf(inv, ctx);
  if (redirects.length === 0) return [];
  const { cwd } = gitStart(inv, ctx.facts);
  const known = configuredRemotes(cwd, ctx.facts);
  const out: Finding[] = [];
  for (const r of redirects.slice(0, 4)) {
    const id = repositoryOf(r.address);
    if (id === undefined) continue;
    if (r.replaces !== undefined ? repositoryOf(r.replaces) === id : known.has(id)) continue;
    const host = id.slice(0, id.indexOf('/'));
    if (r.added && (PUBLIC_FORGES.has(host) || [...known].some((k) => k.startsWith(host + '/')))) continue;
    const where = `${r.address.slice(0, 80)} (a repository none of this repository's remotes name)`;
    const found = pushedHistory(inv, history, where, []).map((f) => ({ ...f, reason: f.reason.replace(/^git push to (.*?) sends /, /^git (send-pack|push)/.test(r.what) ? `${r.what} to $1 sends ` : `After ${r.what}, a git push goes to $1 and sends `) }));
    out.push(...sentOut(found, ctx, [r.address]));
  }
  return out;
}
checkRemoteRedirects.reactsTo = (name: string): boolean => name === 'git';

/** Senders a bundle file reaches the network through, in the same line. */
const SENDERS = new Set(['curl', 'wget', 'scp', 'sftp', 'rsync', 'rclone', 'aws', 'gsutil', 'gcloud', 'az', 'azcopy', 'gh', 'nc', 'ncat', 'netcat', 'socat', 'http', 'https', 'xh', 'lftp', 'ftp', 's3cmd', 'mc', 'croc', 'magic-wormhole', 'wormhole', 'ssh']);

/** `git bundle create F --all && curl -T F https://…`: the history, packed into one file, then sent. */
export function checkBundlesSent(analysis: Analysis, ctx: RuleContext, history: HistoryReader): Finding[] {
  const bundles: { file: string; inv: Invocation }[] = [];
  const out: Finding[] = [];
  for (const inv of analysis.invocations.slice(0, 256)) {
    if (inv.name === 'git') {
      const { sub, rest } = gitStart(inv, ctx.facts);
      const words = freeFormReadings(rest).usual.operands.map((w) => w.text);
      if (sub === 'bundle' && words[0] === 'create' && words[1] !== undefined) bundles.push({ file: words[1], inv });
      if (sub === 'fast-export') {
        const written = inv.redirects.find((r) => r.op === '>' || r.op === '>>' || r.op === '>|')?.target.text;
        bundles.push({ file: written ?? '-', inv });
      }
      continue;
    }
    if (!SENDERS.has(inv.name)) continue;
    for (const b of bundles) {
      const base = b.file.replace(/^.*\//, '');
      const sent = b.file === '-' ? inv.stdin?.kind === 'pipe' && inv.stdin.from === b.inv : inv.args.some((a) => a.text.includes(b.file) || (base !== '' && a.text.endsWith(base)));
      if (!sent) continue;
      const how = b.inv.args.some((a) => a.text === 'fast-export') ? 'git fast-export' : `git bundle create ${b.file.slice(0, 60)}`;
      const found = pushedHistory(b.inv, history, '', []).map((f) => ({ ...f, reason: f.reason.replace(/^git push to  sends a history/, `${how}, then ${inv.name}, sends a history`) }));
      out.push(...sentOut(found, ctx, inv.args.map((a) => a.text)));
      break;
    }
  }
  return out;
}

/** `gh repo create NAME --source=. --push`: the local history pushed to a repository made for it. */
export function checkNewRepositoryPush(inv: Invocation, ctx: RuleContext, history: HistoryReader): Finding[] {
  if (inv.name !== 'gh') return [];
  const parsed = parsedArgs(inv.args, gh);
  if (parsed.path.join(' ') !== 'repo create' || !optionsMatching(parsed, gh, ['--push']).length) return [];
  const name = parsed.operands[0]?.text ?? 'a new repository';
  const where = `${name.slice(0, 80)} (a repository gh repo create makes for it)`;
  return sentOut(pushedHistory(inv, history, where, []).map((f) => ({ ...f, reason: f.reason.replace(/^git push to /, 'gh repo create --push to ') })), ctx, [name]);
}
checkNewRepositoryPush.reactsTo = (name: string): boolean => name === 'gh';
