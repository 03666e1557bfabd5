import type { Finding, Invocation, Target } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * Where a secret sent out goes: the host a network command contacts. A credential file or secret
 * variable handed to a host the command names, and that nothing says is this machine, reaches a
 * place whose environment nothing names: by the rule for unresolved remote targets it is
 * production (`settleEnvironment` in `policy/verdict.ts` makes it so).
 */

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0|host\.docker\.internal)$/i;

/** The host of the first URL or `[user@]host:` among words, if any (userinfo and port taken off). */
export function hostOfWords(words: readonly string[]): string | undefined {
  for (const w of words) {
    const url = /^['"]?[a-z][a-z0-9+.-]*:\/\/([^/?#'"\s]*)/i.exec(w);
    if (url) return (url[1] ?? '').replace(/^.*@/, '').replace(/:\d*$/, '').toLowerCase() || undefined;
  }
  return undefined;
}

/** Is this host this machine? */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

/**
 * The finding's credential targets as sent to `host` (undefined: a host the command does not show,
 * from a config file or an option the guard does not read): remote, environment unknown.
 */
export function sentToHost(finding: Finding, host: string | undefined, unnamed = 'a host the command does not show'): Finding {
  if (host !== undefined && isLoopbackHost(host)) return finding;
  const where = host ?? unnamed;
  const targets = finding.targets.map((t): Target =>
    t.kind !== 'credential' || t.environment === 'production'
      ? t
      : { ...t, remote: true, environment: 'unknown', environmentReason: `sent to ${where}, whose environment nothing names` },
  );
  return { ...finding, targets };
}

/** HTTP and socket clients whose reads of a credential file send it to the host they contact. */
export const NETWORK_UPLOADERS: ReadonlySet<string> = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'nc', 'ncat', 'netcat', 'socat']);

/** A network uploader's findings, their credential targets sent to the host its words name. */
export function uploadsSentOut(inv: Invocation, findings: Finding[]): Finding[] {
  if (findings.length === 0) return findings;
  // A program a netcat runs for each connection (`ncat -l 4444 --exec 'cat …'`): its output goes to whoever connects.
  const served = inv.via.some((v) => /^(nc|ncat|netcat) -[ec]$/.test(v));
  if (!NETWORK_UPLOADERS.has(inv.name) && !served) return findings;
  const host = served ? undefined : (hostOfWords(inv.args.map((a) => a.text)) ?? bareHost(inv));
  const sent = (f: Finding): Finding => sentToHost(f, host, served ? 'whoever connects to the listening port' : undefined);
  return findings.map((f) => (f.rule === 'credentials.read' || f.rule === 'credentials.sent-out' ? sent(f) : f));
}

/** `nc host 80`, `curl example.com`: the first operand that looks like a host name. */
function bareHost(inv: Invocation): string | undefined {
  const word = freeFormReadings(inv.args).usual.operands.find((a) => /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d+)?(\/.*)?$/.test(a.text) && !/\.(json|env|txt|key|pem|ya?ml|conf|cfg|ini|sh|js|ts|py)$/i.test(a.text));
  return word?.text.replace(/[:/].*$/, '').toLowerCase();
}
