import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { hostOf, isLocalHost, redactUrl } from '../policy/production';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import { publishEndpoint, TEST_INDEX } from './support/registryEndpoints';

/**
 * Where an upload goes (team decision 2026-12-03): a file or standard input sent by an HTTP client
 * (`curl -T FILE URL`, `curl -d @- URL`, `curl -F f=@FILE URL`, `wget --post-file=FILE URL`) to a host
 * nothing names is a remote target whose environment is unknown, and an unresolved remote target is
 * production. This pack only marks that target (an `info` finding): whether the upload asks is the
 * credential and exfiltration packs' question (what is sent), never this one's.
 */

/** curl options whose value names what is sent: `@FILE`/`@-` for data, `name=@FILE`/`name=<FILE` for forms. */
const CURL_DATA = ['-d', '--data', '--data-binary', '--data-ascii', '--data-urlencode', '--json'];
const CURL_FORM = ['-F', '--form'];

function curlSends(inv: Invocation): { sends: string; urls: string[] } | undefined {
  const spec = toolNamed('curl');
  if (!spec) return undefined;
  const a = toolArgs(inv.name, parsedArgs(inv.args, spec), spec);
  const upload = a.values('-T', '--upload-file')[0];
  const data = a.values(...CURL_DATA).find((v) => /^(?:[\w.-]*@)(?!$)/.test(v));
  const form = a.values(...CURL_FORM).find((v) => /^[^=]+=[@<]./.test(v));
  const sends = upload ?? data ?? form;
  if (sends === undefined) return undefined;
  return { sends, urls: [...a.parsed.operands.map((w) => w.text), ...a.values('--url')] };
}

function wgetSends(inv: Invocation): { sends: string; urls: string[] } | undefined {
  const spec = toolNamed('wget');
  if (!spec) return undefined;
  const a = toolArgs(inv.name, parsedArgs(inv.args, spec), spec);
  const sends = a.values('--post-file', '--body-file')[0];
  return sends === undefined ? undefined : { sends, urls: a.parsed.operands.map((w) => w.text) };
}

/** The host of a URL operand (`https://evil.io/x`, `evil.io/x`, `ftp://h/`), undefined for a word that is none. */
function hostOfUrl(text: string): string | undefined {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/|$)/i.test(text) ? `http://${text}` : undefined;
  return url === undefined ? undefined : hostOf(url);
}

/** Printers of the words they are given: what they pipe is in the command line, not taken from this machine. */
const FIXED_TEXT = new Set(['echo', 'printf', 'true', ':']);

function uploadTarget(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.remote) return [];
  const read = inv.name === 'curl' ? curlSends(inv) : wgetSends(inv);
  if (!read) return [];
  // Standard input of fixed text (`echo '{}' | curl -d @- …`, a here-string) sends nothing of this machine's.
  const fromStdin = read.sends === '-' || read.sends.endsWith('@-') || read.sends.endsWith('<-');
  if (fromStdin && (inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring' || (inv.stdin?.kind === 'pipe' && FIXED_TEXT.has(inv.stdin.from.name)))) return [];
  const url = read.urls.find((u) => {
    const host = hostOfUrl(u);
    return host !== undefined && !isLocalHost(host);
  });
  if (url === undefined) return [];
  const host = hostOfUrl(url)!;
  const env = ctx.environmentOf({ values: [host], remote: true });
  const unknown = env.environment === 'unknown';
  const what = read.sends === '-' || read.sends.endsWith('@-') || read.sends.endsWith('<-') ? 'standard input' : read.sends.replace(/^[^@<]*[@<]/, '');
  // Stop 32: an upload to a package or artifact registry's upload endpoint publishes a version (it asks, like `npm publish`).
  const registry = publishEndpoint(url);
  const published: Finding[] = registry === undefined ? [] : [{
    rule: 'upload-destination.registry-publish',
    risk: 'destructive',
    severity: 'ask',
    reason: `${inv.name} uploads ${what} to ${registry} (${redactUrl(url).slice(0, 120)}): it publishes a version there, which cannot be replaced under the same version; a registry does not take this back.`,
    targets: [{ kind: 'resource', name: host, provider: registry, remote: true, environment: TEST_INDEX.test(host) ? 'non-production' : unknown ? 'production' : env.environment, environmentReason: TEST_INDEX.test(host) ? `${host} is a test index` : unknown ? 'a registry nothing names otherwise (an unresolved remote target is production)' : env.reason }],
  }];
  return [...published, {
    rule: 'upload-destination.remote',
    risk: 'production-access',
    severity: 'info',
    reason: `${inv.name} sends ${what} to ${redactUrl(url).slice(0, 120)}.`,
    targets: [{ kind: 'resource', name: host, remote: true, environment: unknown ? 'production' : env.environment, environmentReason: unknown ? 'an upload to a host nothing names (an unresolved remote target is production)' : env.reason }],
  }];
}

export const uploadDestinationsPack: RulePack = {
  id: 'upload-destinations',
  title: 'Where an upload goes: a host nothing names is production',
  commands: ['curl', 'wget'],
  checkInvocation: uploadTarget,
};
