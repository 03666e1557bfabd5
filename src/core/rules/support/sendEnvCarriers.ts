import type { Finding, Invocation, Target } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';
import { parsedArgs, toolNamed } from '../../registry/commandModel';
import { isSecretVariableName } from './huntCommon';
import { isLoopbackHost } from '../../policy/production';

/**
 * Variables the ssh family hands to the server (ssh_config(5) `SendEnv`; the server's `AcceptEnv` decides,
 * and a server of the agent's choosing accepts anything): `-o SendEnv=NAME` on ssh and on everything that
 * passes `-o` to it (scp, sftp, autossh, sshfs; rsync's `-e`, mosh's `--ssh`, `GIT_SSH_COMMAND`, git's
 * `core.sshCommand` are walked as the ssh line they run, with no host in their words). A pattern (`*`, `?`,
 * `[…]`) counts when it can match a secret's name; `LANG` and `LC_*` are sent by the stock client
 * configuration of Debian, Ubuntu, Fedora and macOS, so a secret copied into one of them (`LC_ALL=$TOKEN ssh
 * host`) leaves too.
 */

const SSH_FAMILY: ReadonlySet<string> = new Set(['ssh', 'slogin', 'scp', 'sftp', 'autossh', 'sshfs', 'mosh']);
/** What the distributions' /etc/ssh/ssh_config sends. */
const DEFAULT_SENDENV = ['LANG', 'LC_*'];
const HOST = /^(?:[^@\s/'"$]+@)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}|\d{1,3}(?:\.\d{1,3}){3}|localhost)(?::|$)/i;
/** Letters a `?` or `*` may stand for when trying a pattern against secret names. */
const NAME_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';

/** Whether an ssh pattern (`GITHUB_TOK?N`, `GITHUB_TOKE[N]`, `*_TOKEN`) matches the name of a secret. */
export function patternMatchesSecret(pattern: string): boolean {
  if (!/[*?[]/.test(pattern)) return isSecretVariableName(pattern);
  // The locale's variables, as the distributions' own configuration sends them (`LANG`, `LC_*`): a secret copied into one is judged by its value.
  if (/^(LC_|LANG)/.test(pattern)) return false;
  // `*` alone or with little around it matches every secret; otherwise try the pattern's stand-ins.
  if (/^[*?]*$/.test(pattern)) return true;
  const pieces: string[][] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '?') pieces.push([...NAME_CHARS]);
    else if (c === '*') pieces.push(['', 'TOKEN', 'SECRET', 'KEY', 'PASSWORD', '_TOKEN', '_SECRET_KEY', '_API_KEY', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY']);
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return true;
      const set = pattern.slice(i + 1, end);
      pieces.push(set.startsWith('!') || set.startsWith('^') ? [...NAME_CHARS].filter((ch) => !set.includes(ch)) : [...expandRange(set)]);
      i = end;
    } else pieces.push([c]);
  }
  let names = [''];
  for (const choices of pieces) {
    names = names.flatMap((n) => choices.map((ch) => n + ch));
    if (names.length > 4096) return true; // too many to try: a wide pattern is taken to match
  }
  return names.some((n) => isSecretVariableName(n));
}

function expandRange(set: string): string {
  return set.replace(/(.)-(.)/g, (_m, a: string, b: string) => {
    let out = '';
    for (let c = a.charCodeAt(0); c <= b.charCodeAt(0) && out.length < 64; c++) out += String.fromCharCode(c);
    return out;
  });
}

function globMatches(pattern: string, name: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  return re.test(name);
}

/** `-o SendEnv=A,B` / `-oSendEnv=A` / `-o "SendEnv A B"`: the patterns named. */
function sendEnvPatterns(inv: Invocation): string[] {
  // mosh's `--ssh='ssh -o SendEnv=…'`: the ssh line it starts, by its words.
  if (inv.name === 'mosh') return freeFormReadings(inv.args).valued.options.filter((o) => o.name === '--ssh').flatMap((o) => o.values).flatMap((t) => [...t.matchAll(/SendEnv\s*[= ]\s*['"]?([^\s'"]+)/gi)].map((m) => m[1] ?? ''));
  const spaced = freeFormReadings(inv.args).valued.options.filter((o) => o.written === '-o').map((o) => o.values[0] ?? '');
  const options = [...spaced, ...inv.args.map((a) => /^-o(.+)$/.exec(a.text)?.[1] ?? '')].filter((o) => o !== '');
  // A pattern's leading `-` clears a variable from the list (ssh_config(5)): not an option reader.
  return options.flatMap((o) => /^SendEnv\s*[= ]\s*(.*)$/i.exec(o)?.[1]?.split(/[\s,]+/) ?? []).map((n) => n.replace(/['"]/g, '')).filter((n) => n !== '' && !n.startsWith('-'));
}

function destination(inv: Invocation): string | undefined {
  const spec = toolNamed(inv.name);
  const words = (spec ? parsedArgs(inv.args, spec).operands : freeFormReadings(inv.args).valued.operands).map((a) => a.text.replace(/^ssh:\/\//, ''));
  const host = words.map((w) => HOST.exec(w)?.[1]).find((h) => h !== undefined);
  return host?.toLowerCase();
}

function finding(reason: string, variable: string, where: string): Finding {
  const target: Target = { kind: 'credential', name: `$${variable}`, remote: true, environment: 'unknown', environmentReason: `sent to ${where}, whose environment nothing names` };
  return { rule: 'credentials.sent-out', risk: 'credential-dump', severity: 'ask', reason, targets: [target] };
}

/**
 * `-o ProxyCommand="nc x.example 22"` (on ssh, or the ssh git runs): the connection, and whatever goes
 * through it (a push), is carried to a fixed host instead of the one named. A proxy that forwards to the
 * named host (`%h`, `ssh -W %h:%p bastion`) or `none` is how jump hosts are reached, and stays allowed.
 */
function proxyRedirect(inv: Invocation): Finding[] {
  if (inv.name === 'mosh') return [];
  const spaced = freeFormReadings(inv.args).valued.options.filter((o) => o.written === '-o').map((o) => o.values[0] ?? '');
  const options = [...spaced, ...inv.args.map((a) => /^-o(.+)$/.exec(a.text)?.[1] ?? '')];
  for (const o of options) {
    const command = /^ProxyCommand\s*[= ]\s*(.*)$/is.exec(o)?.[1]?.replace(/^["']|["']$/g, '');
    if (command === undefined || /%h|%n|^none$/i.test(command.trim())) continue;
    // `nc x.example 22`, `socat - TCP:x.example:22`: a host among the words or their colon-separated parts.
    const host = command.split(/\s+/).slice(1).flatMap((w) => [w, ...w.split(':')]).map((w) => HOST.exec(w)?.[1]).find((h) => h !== undefined && h.includes('.') && !isLoopbackHost(h));
    if (host === undefined) continue;
    const where = host.toLowerCase();
    return [{
      rule: 'credentials.sent-out',
      risk: 'credential-dump',
      severity: 'ask',
      reason: `${inv.name}'s ProxyCommand carries the connection (and what goes through it) to ${where} instead of the host it names.`,
      targets: [{ kind: 'credential', name: 'the ssh connection', remote: true, environment: 'unknown', environmentReason: `sent to ${where}, whose environment nothing names` }],
    }];
  }
  return [];
}

/** The ssh family's SendEnv judged: a secret by name or pattern, or a secret copied into a variable it sends. */
export function sshSentVariables(inv: Invocation): Finding[] {
  if (!SSH_FAMILY.has(inv.name)) return [];
  const redirected = proxyRedirect(inv);
  if (redirected.length > 0) return redirected;
  const patterns = sendEnvPatterns(inv);
  const host = destination(inv);
  if (host !== undefined && isLoopbackHost(host)) return [];
  const where = host ?? 'the host it connects to';
  const out: Finding[] = [];
  for (const p of patterns) {
    if (!patternMatchesSecret(p)) continue;
    const whole = /[*?[]/.test(p);
    out.push(finding(whole ? `${inv.name} offers every environment variable matching its SendEnv pattern ${p} (secret ones among them) to ${where}.` : `${inv.name} sends the secret variable $${p} to ${where} (SendEnv), which is not the service it belongs to.`, whole ? `${p} (SendEnv)` : p, where));
    break;
  }
  if (out.length > 0) return out;
  // `LC_ALL=$GITHUB_TOKEN ssh host`: a secret copied into a variable ssh sends by default or as asked.
  for (const [name, value] of Object.entries(inv.assignments)) {
    if (![...DEFAULT_SENDENV, ...patterns].some((p) => globMatches(p, name))) continue;
    const secret = [...value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '').find(isSecretVariableName);
    if (secret !== undefined) return [finding(`${inv.name} sends $${name}, which holds the secret variable $${secret}, to ${where} (SendEnv), which is not the service it belongs to.`, secret, where)];
  }
  return [];
}
