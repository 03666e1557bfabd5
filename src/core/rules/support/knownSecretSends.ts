/**
 * For the credentials pack: a secret value the guard itself knows (it is in the credential index,
 * compared by salted hash) written out literally in a command that sends it somewhere or writes it
 * into a file that is not a credential file. The value's own service is no leak (`curl -u <Stripe
 * key>: https://api.stripe.com`, a database URL exactly as the environment file holds it); another
 * host, a chat, an issue comment, a commit message or a README is.
 */

import { ownTable } from '../../ownTable';
import { providerIn } from '../../credentials/contentRules';
import { randomLetters } from '../../credentials/secretValues';
import { resolvePath } from '../../paths';
import { isLoopbackHost } from '../../policy/production';
import type { CredentialFileInfo, Facts, Finding, Invocation } from '../../policy/types';
import type { WorkMeter } from '../../policy/workMeter';
import { credentialTarget, infoFor } from './credentialPaths';
import { candidateValues } from './credentialProvenance';

/** Programs that post their arguments to a service (named by the program): issue trackers, chats, forges, clouds. */
const POSTERS: Readonly<Record<string, string>> = ownTable({
  gh: 'github', hub: 'github', glab: 'gitlab', slack: 'slack', 'slack-cli': 'slack', heroku: 'heroku', vercel: 'vercel',
  railway: 'railway', fly: 'fly', flyctl: 'fly', netlify: 'netlify', supabase: 'supabase', doctl: 'digitalocean',
  aws: 'aws', gcloud: 'gcp', az: 'azure', stripe: 'stripe', twilio: 'twilio', wrangler: 'cloudflare', sentry: 'sentry',
  'sentry-cli': 'sentry', tea: 'gitea', jira: 'jira', linear: 'linear', discord: 'discord', teams: 'teams',
});

/** git keeps what it is given in history, which a push publishes: a commit message, a tag, a note. */
const HISTORY_WRITERS = new Set(['git', 'hg', 'jj', 'sl']);

const URL_IN_TEXT = /([a-z][a-z0-9+.-]*):\/\/(?:[^\s/@'"]*@)?(\[[^\]]+\]|[^\s/:?#'"]+)[^\s'"]*/gi;


interface Hit {
  info: CredentialFileInfo;
}

function providerOf(info: CredentialFileInfo): string | undefined {
  return providerIn(`${info.label} ${info.kind} ${info.path}`)?.id;
}

/**
 * Words and numbers joined by `-`, `_` or `.` (`prod-eu-west-1`, `api.staging`): a name a kubeconfig or
 * a settings file may file next to its secrets, never one of them.
 */
function nameLike(candidate: string): boolean {
  return candidate.split(/[-_.]/).every((part) => /^[0-9]+$/.test(part) || (/^[A-Za-z]*$/.test(part) && !randomLetters(part)));
}

/**
 * Where a known credential value comes from, or undefined. A word-shaped value is a name filed next to the secrets (a kube
 * context, `prod-eu-west-1`), unless its own key says password (random letters can read as camel-case words:
 * `QhrqNepHgbpnRrySrxdKpq`).
 */
export function secretOrigin(candidate: string, origin: (v: string) => CredentialFileInfo | undefined): CredentialFileInfo | undefined {
  const info = origin(candidate);
  return info && nameLike(candidate) && !/password/.test(info.kind) ? undefined : info;
}

/** The known values an invocation's literal words (arguments, environment assignments, here-strings) carry. */
function knownValuesIn(inv: Invocation, origin: (v: string) => CredentialFileInfo | undefined, work: WorkMeter | undefined): Hit[] {
  const texts = inv.args.filter((a) => !a.dynamic || /[A-Za-z0-9]{8}/.test(a.text)).map((a) => a.text);
  for (const v of Object.values(inv.assignments)) texts.push(v);
  if (inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring') texts.push(inv.stdin.text);
  const out: Hit[] = [];
  for (const text of texts) {
    if (text.length < 8) continue;
    for (const candidate of candidateValues(text)) {
      if (work && !work.spend(64 + candidate.length)) return out;
      const info = secretOrigin(candidate, origin);
      if (info && !out.some((h) => h.info.path === info.path && h.info.label === info.label)) out.push({ info });
    }
  }
  return out;
}

/** Hosts named by URLs in the command, each with the URL as written. */
function urlsOf(inv: Invocation): Array<{ host: string; url: string }> {
  const out: Array<{ host: string; url: string }> = [];
  const texts = inv.args.map((a) => a.text);
  for (const v of Object.values(inv.assignments)) texts.push(v);
  for (const t of texts) {
    for (const m of t.matchAll(URL_IN_TEXT)) {
      if (/^file$/i.test(m[1] ?? '')) continue;
      out.push({ host: (m[2] ?? '').toLowerCase(), url: m[0] });
    }
  }
  return out;
}

/** Is `host` where this value belongs: loopback, the provider's own domain, or a connection URL the index holds whole? */
function ownHost(info: CredentialFileInfo, host: string, url: string, origin: (v: string) => CredentialFileInfo | undefined): boolean {
  if (isLoopbackHost(host, { unspecified: true })) return true;
  const provider = providerOf(info);
  const hostProvider = providerIn(host.replace(/\./g, ' '))?.id;
  if (provider !== undefined && hostProvider === provider) return true;
  // A connection string the environment file holds as it is written here (its host is the file's own).
  for (let end = url.length; end >= 8; end = url.lastIndexOf('/', end - 1)) {
    if (origin(url.slice(0, end)) !== undefined) return true;
    if (end <= 0) break;
  }
  return false;
}

function finding(info: CredentialFileInfo, how: string): Finding {
  return {
    rule: 'credentials.known-value-sent',
    risk: 'credential-dump',
    severity: 'ask',
    reason: `${how} ${info.label} from ${info.path}, written out in the command.`,
    targets: [{ ...credentialTarget(info), remote: true }],
  };
}

/** A host name (`a.b.example.com`, `user@host.example.com`, a URL's authority): its DNS lookup sends every label out. */
const HOST_WORD = /^(?!-)(?:[a-z][a-z0-9+.-]*:\/\/)?(?:([^\s/@]+)@)?([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+)\.?(?::\d+)?(?:[/?#].*)?$/i;

/** A known value inside a host name or a user name before `@host`: resolving or contacting it sends the value out. */
function hostCarriedValues(inv: Invocation, origin: (v: string) => CredentialFileInfo | undefined, work: WorkMeter | undefined): Array<{ info: CredentialFileInfo; host: string }> {
  const out: Array<{ info: CredentialFileInfo; host: string }> = [];
  for (const a of inv.args) {
    const m = HOST_WORD.exec(a.text);
    if (!m) continue;
    const host = (m[2] ?? '').toLowerCase();
    if (isLoopbackHost(host, { unspecified: true })) continue;
    for (const part of [m[1] ?? '', ...(m[2] ?? '').split('.')]) {
      if (part.length < 8 || nameLike(part)) continue;
      if (work && !work.spend(64 + part.length)) return out;
      const info = origin(part);
      if (!info || out.some((h) => h.info.path === info.path) || ownHost(info, host, a.text, origin)) continue;
      out.push({ info, host: part === m[1] ? host : host.slice(host.indexOf(part.toLowerCase()) + part.length).replace(/^\./, '') });
    }
  }
  return out;
}

const QUIET_SINKS = /^\/dev\/(null|stdout|stderr|tty|fd\/[12])$/;

export function checkKnownSecretSends(inv: Invocation, facts: Facts, work: WorkMeter | undefined): Finding[] {
  const origin = facts.credentials?.originOf;
  if (!origin) return [];
  const carried = hostCarriedValues(inv, origin, work);
  if (carried.length > 0) return carried.map(({ info, host }) => finding(info, `${inv.name} puts into a host name under ${host} (its DNS lookup carries it)`));
  const hits = knownValuesIn(inv, origin, work);
  if (hits.length === 0) return [];
  const cwd = inv.cwd || facts.cwd;
  const findings: Finding[] = [];
  for (const { info } of hits) {
    // Written into a file that is not a credential file (a README, a public folder, a tracked config).
    const written = inv.redirects.find((r) => {
      if (!['>', '>>', '>|', '&>', '&>>'].includes(r.op) || r.target.dynamic) return false;
      const path = resolvePath(cwd, r.target.text, facts.home);
      return !QUIET_SINKS.test(path) && infoFor(path, facts) === undefined;
    });
    if (written) {
      findings.push(finding(info, `${inv.name || 'A redirect'} writes into ${written.target.text}`));
      continue;
    }
    const foreign = urlsOf(inv).find((u) => !ownHost(info, u.host, u.url, origin));
    if (foreign) {
      findings.push(finding(info, `${inv.name} sends to ${foreign.host}`));
      continue;
    }
    if (HISTORY_WRITERS.has(inv.name)) {
      findings.push(finding(info, `${inv.name} records in history`));
      continue;
    }
    const service = POSTERS[inv.name];
    if (service !== undefined && service !== providerOf(info)) findings.push(finding(info, `${inv.name} posts to ${service}`));
  }
  return findings;
}
