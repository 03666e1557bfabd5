import type { Finding, RuleContext, Target } from '../../policy/types';
import { isLocalUrl, parseRequestUrl } from './httpTargets';

/**
 * Stop 39 (red team round 33, issue #18 criterion 1: `dredd` given an API Blueprint and `https://api.acme.com`): a contract tester or
 * fuzzer nobody describes, given an API description (API Blueprint, OpenAPI, Swagger, RAML) and a host, sends every
 * request the description documents (its POSTs, PUTs and DELETEs included, with made-up or example bodies) to that host.
 * Aimed at a host that is not this machine it writes there; an unknown host is production. The description's own URL is
 * the host when no other is named (`schemathesis run https://api.acme.com/openapi.json`).
 *
 * Allowed look-alikes: the same run against localhost (`schemathesis run http://localhost:3000/openapi.json`, `dredd
 * api.apib http://127.0.0.1:8080`), a staging host named as such, and tools that only lint or bundle a description
 * (`… lint openapi.yaml`, no host).
 */

/** Files or URLs of an API description. */
const DESCRIPTION = /\.(apib|raml)$|(^|[/_.-])(openapi|swagger|api-?spec|oas)[\w.-]*\.(json|ya?ml)$/i;
/** Options naming the host the requests go to. */
const HOST_OPTION = /^--?(url|base-url|baseurl|host|server|target|endpoint|api-url|base)$/i;
/** Words that only read or reshape the description: no request is sent. */
const OFFLINE = /^(lint|validate|bundle|build|generate|gen|convert|format|fmt|preview|mock|serve|diff|split|join|stats|docs?)$/i;

interface ReadingLike {
  positionals: readonly { text: string }[];
  options: readonly { name: string; value?: string; next?: string }[];
}

export function apiReplay(tool: string, reading: ReadingLike, ctx: RuleContext): Finding | undefined {
  const words = reading.positionals.map((w) => w.text);
  const description = words.find((t) => DESCRIPTION.test(t.replace(/[?#].*$/, '')));
  if (description === undefined || words.slice(0, 2).some((t) => OFFLINE.test(t))) return undefined;
  const urls = [...words.filter((t) => t !== description && /^[a-z][\w+.-]*:\/\//i.test(t)), ...reading.options.filter((o) => HOST_OPTION.test(o.name)).map((o) => o.value ?? o.next ?? '')];
  const candidates = urls.length > 0 ? urls : /^[a-z][\w+.-]*:\/\//i.test(description) ? [description] : [];
  const parsed = candidates.map((u) => parseRequestUrl(/^[a-z][\w+.-]*:\/\//i.test(u) ? u : `https://${u}`));
  const remote = parsed.find((u) => u !== undefined && !isLocalUrl(u));
  if (remote === undefined) return undefined;
  const env = ctx.environmentOf({ values: [remote.host], sources: [{ source: 'host', value: remote.host }], remote: true });
  if (env.environment === 'non-production' || env.environment === 'local') return undefined;
  const target: Target = { kind: 'url', name: remote.host, provider: tool, remote: true, environment: 'production', environmentReason: env.environment === 'production' ? env.reason : `${remote.host}: environment unknown (treated as production)` };
  return {
    rule: 'verbs.request-file',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${tool}\` sends every request ${description} documents (its writes and deletes included) to ${remote.host}, which changes what is stored there (${tool} has no rules of its own: judged by what it is given).`,
    targets: [target],
  };
}
