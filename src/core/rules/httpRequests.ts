import type { CodeSnippet, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { requestThroughTunnel } from './support/sshTunnels';
import { identifierParts } from './support/cliArgs';
import { DESTROY_SEGMENT_WORDS, firebaseWipe, searchBodyDestroy, storeAccountChange, vaultSystemChange } from './support/storeEndpoints';
import { liveChange, protectionOff } from './support/protectionSwitches';
import { forgeChange, forgeOwnPreferenceDelete, isForgeHost } from './support/forgeEndpoints';
import { saasAct } from './support/saasActions';
import { platformAct } from './support/platformApis';
import { requestAct } from './support/requestActs';
import { mayBeProduction } from './support/cliCommands';
import { graphqlRequestsInBody, scanGraphqlRequest } from './support/graphql';
import {
  apiProviderOf,
  isGraphqlEndpoint,
  isLocalUrl,
  parseRequestUrl,
  resourceFromPath,
  type ApiProvider,
  type HttpRequest,
  type RequestBody,
  type RequestUrl,
} from './support/httpTargets';
import { snippetRequests } from './support/httpSnippets';
import { POWERSHELL_CLIENTS, requestOf } from './support/httpClients';
import { httpBodyFindings } from './mcp';
import { engineApiFindings } from './support/engineApi';
import { localRequestFindings, storeAdminDestroy } from './support/localMassDeletes';
import { escapeRegExp } from '../regexText';

/**
 * HTTP requests that destroy remote things: curl, wget, httpie (http/https), xh and `gh api` sending
 * DELETE, or a GraphQL mutation whose field name deletes, destroys, drops, removes, resets or purges
 * (Railway's volumeDelete first: the incident). Bodies are read wherever they come from: inline,
 * `@file`, stdin heredocs and pipes from echo/printf/cat, httpie items. A body that cannot be read
 * going to a GraphQL or provider API asks.
 *
 * Requests to this machine (localhost, 127.0.0.1, ::1, a unix socket) are routine development: only
 * mass deletes ask there (`support/localMassDeletes.ts`), and nothing there is production.
 */

// ---------------------------------------------------------------------------------------------
// Judging a request

const DESTROY_PATH_PARTS = DESTROY_SEGMENT_WORDS;

function destroyingPathSegment(url: RequestUrl): string | undefined {
  const segments = url.path.split('/').filter((s) => s.length > 0);
  for (const s of segments.slice(-2)) {
    const parts = identifierParts(s);
    // Password and token resets change a credential; they destroy nothing.
    if (parts.includes('password') || parts.includes('token')) continue;
    if (parts.some((p) => DESTROY_PATH_PARTS.has(p))) return s;
  }
  return undefined;
}

/** Query parameters that name the operation a GET runs (`?action=delete`, `?op=purge`). */
const ACTION_PARAMETERS = new Set(['action', 'op', 'operation', 'cmd', 'command', 'do', 'task', 'method', 'mode']);

/**
 * What makes a GET destructive: an endpoint whose last path segment is a destroying verb
 * (`/admin/reset-db`, `/tenants/42/wipe`), or an action parameter naming one (`?action=delete`).
 * Documentation pages and files (`/docs/…`, `reset.sh`) are only read.
 */
function destroyingGet(url: RequestUrl, bodies: readonly RequestBody[]): string | undefined {
  if (/^(docs?|developers?|help|support|learn|wiki)\./i.test(url.host) || /\/(docs?|guides?|blog|wiki|help)\//i.test(url.path)) return undefined;
  const last = url.path.split('/').filter((s) => s.length > 0).pop();
  if (last !== undefined && !/\.[a-z0-9]{1,5}$/i.test(last)) {
    const parts = identifierParts(last);
    if (!parts.includes('password') && !parts.includes('token') && parts.some((p) => DESTROY_PATH_PARTS.has(p))) return last;
  }
  // `curl -G -d action=delete` sends its data as the query string.
  const query = [url.query, ...bodies.map((b) => b.text ?? '')].join('&');
  for (const pair of query.split('&')) {
    const [key = '', value = ''] = pair.split('=');
    if (!ACTION_PARAMETERS.has(key.toLowerCase())) continue;
    if (identifierParts(decodeURIComponentSafe(value)).some((p) => DESTROY_PATH_PARTS.has(p))) return `${key}=${value}`;
  }
  return undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function possessive(api: ApiProvider | undefined): string {
  return api ? `${api.name}'s` : 'a';
}

function targetOf(
  ctx: RuleContext,
  url: RequestUrl,
  api: ApiProvider | undefined,
  kind: Target['kind'],
  name: string,
  values: readonly string[],
): Target {
  const sources = [{ source: 'host', value: url.host }];
  // A resource named by the URL's path (`//orders` from `%2F/orders`) is on the server, never a path on this machine.
  const named = [name, ...values].filter((v) => !v.startsWith('/'));
  const resolved = ctx.environmentOf({ values: [...named, url.display], sources, selectors: [], remote: true });
  return {
    kind,
    name,
    ...(api ? { provider: api.provider } : {}),
    remote: true,
    environment: resolved.environment,
    environmentReason: resolved.reason,
  };
}

/** Findings for one request; `origin` names the client for reasons ('curl', 'a python snippet'). */
export function judgeRequest(request: HttpRequest, ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  if (request.unanalyzable) {
    findings.push({
      rule: 'http.unreadable-config',
      risk: 'unanalyzable',
      severity: 'ask',
      reason: `${request.client}: ${request.unanalyzable}, so the request cannot be checked.`,
      targets: [],
    });
  }
  findings.push(...engineApiFindings(request, ctx));
  if (request.unixSocket) return findings;
  for (const rawUrl of request.urls) {
    const url = parseRequestUrl(rawUrl);
    // MCP calls and SQL are judged wherever they are sent: a local MCP server reaches a real database.
    if (url) for (const body of request.bodies) if (body.text !== undefined) findings.push(...httpBodyFindings(body.text, url.host, url.path, url.display, ctx));
    if (!url) continue;
    // On this machine only mass deletes ask (the team's decision of stop 30): one record by its id is routine.
    if (isLocalUrl(url)) {
      findings.push(...localRequestFindings(request, url, request.methodOverride ?? request.method, ctx));
      continue;
    }
    // Jenkins' script console (`/scriptText`, `/computer/NAME/scriptText`): the body's `script=` is Groovy run on the server.
    if (/\/script(Text)?\/?$/.test(url.path) && request.bodies.some((b) => b.text === undefined || /(^|&)script=/.test(b.text))) {
      findings.push({ rule: 'http.script-console', risk: 'destructive', severity: 'ask', reason: `Runs Groovy in the script console of ${url.display}: code there reaches every job, credential and agent of that Jenkins.`, targets: [targetOf(ctx, url, undefined, 'resource', `Jenkins ${url.host}`, [])] });
    }
    const api = url.dynamicHost ? undefined : apiProviderOf(url.host);
    const graphqlEndpoint = isGraphqlEndpoint(url) || /graphql/.test(request.contentType ?? '');
    const where = url.dynamicHost ? `${url.display} (host set at run time)` : url.display;
    const before = findings.length;

    const sensitive = graphqlEndpoint || (api !== undefined && request.method !== 'GET' && request.method !== 'HEAD');
    const unreadable = (phrase: string): void => {
      findings.push({
        rule: 'http.body-unreadable',
        risk: 'unanalyzable',
        severity: 'ask',
        reason: `${request.client} sends a ${request.method} to ${graphqlEndpoint ? 'the GraphQL endpoint ' : ''}${where}, but the ${phrase}; it may be a destructive mutation.`,
        targets: [targetOf(ctx, url, api, 'url', url.display, [])],
      });
    };
    const bodies: RequestBody[] = [...request.bodies];
    if (/(^|&)query=/.test(url.query)) bodies.push({ text: url.query, dynamic: false });
    for (const body of bodies) {
      if (body.text === undefined) {
        if (sensitive) unreadable(body.unreadable ?? 'request body cannot be read');
        continue;
      }
      const found = graphqlRequestsInBody(body.text, graphqlEndpoint);
      let destructive = 0;
      let opaque = body.dynamic && graphqlEndpoint && found.length === 0;
      for (const graphqlRequest of found) {
        const scan = scanGraphqlRequest(graphqlRequest, api !== undefined);
        if (!scan.ok) {
          if (body.dynamic) opaque = true;
          else if (scan.mentionsMutation) {
            findings.push({
              rule: 'http.graphql-unparsed',
              risk: 'unanalyzable',
              severity: 'ask',
              reason: `${request.client} sends a GraphQL document to ${where} that mentions a mutation but could not be parsed (${scan.error}).`,
              targets: [targetOf(ctx, url, api, 'url', url.display, [])],
            });
          }
          continue;
        }
        for (const m of scan.destructive) {
          const kind = m.targetName !== undefined ? m.kind : 'url';
          const name = m.targetName ?? url.display;
          findings.push({
            rule: 'http.graphql-destructive-mutation',
            risk: 'destructive',
            severity: 'ask',
            reason: m.why !== undefined
              ? `${request.client} sends ${possessive(api)} GraphQL mutation ${m.field} to ${where}: it ${m.why} (${m.noun} ${name}).`
              : `${request.client} sends ${possessive(api)} GraphQL mutation ${m.field} to ${where}: it destroys the ${m.noun} ${name}.`,
            targets: [targetOf(ctx, url, api, kind, name, m.values)],
          });
          destructive++;
        }
        if (body.dynamic && /[$`]/.test(graphqlRequest.query)) opaque = true;
      }
      if (opaque && destructive === 0) unreadable('request body cannot be read statically (it is built from shell variables)');
    }

    // Rails, Laravel, Express method-override and the like read the method from `?_method=DELETE` on a POST.
    // …or from a `_method=DELETE` form field of the body.
    const spoofed = (text: string): string | undefined => /(?:^|&)_?method=(delete|put|patch)(?:&|$)/i.exec(text)?.[1]?.toUpperCase();
    const queryOverride = request.method === 'POST' || request.method === 'GET' ? spoofed(url.query) ?? request.bodies.map((b) => (b.text !== undefined ? spoofed(b.text.trim()) : undefined)).find((m) => m !== undefined) : undefined;
    const method = request.methodOverride ?? queryOverride ?? request.method;
    // `curl -X "$M"`: a method chosen at run time may be a DELETE; on this machine it is the developer's own server.
    if (!/^[A-Z][A-Z_-]*$/.test(method) && !url.dynamicHost && targetOf(ctx, url, api, 'url', url.display, []).environment !== 'local') {
      findings.push({ rule: 'http.method-unknown', risk: 'unanalyzable', severity: 'ask', reason: `${request.client} sends a request to ${where} whose method is chosen at run time (${method}): it may be a DELETE.`, targets: [targetOf(ctx, url, api, 'url', url.display, [])] });
    }
    // `gh api -X DELETE user/starred/acme/shop`: the caller's own star, follow or subscription, set again by a PUT.
    if (method === 'DELETE' && !url.dynamicHost && forgeOwnPreferenceDelete(method, url.host, url.path)) {
      // Nothing is lost.
    } else if (method === 'DELETE') {
      const resource = url.dynamicHost ? { kind: 'url' as const, name: url.display } : resourceFromPath(url, api?.provider);
      const via = request.methodOverride ? ' (through a method-override header)' : queryOverride !== undefined ? ' (through a _method override)' : '';
      findings.push({
        rule: 'http.delete-request',
        risk: 'destructive',
        severity: 'ask',
        reason: `${request.client} sends an HTTP DELETE${via} to ${where}${api ? ` (${api.label})` : ''}, deleting ${resource.kind === 'url' ? 'what that URL names' : `the ${resource.kind} ${resource.name}`}.`,
        targets: [targetOf(ctx, url, api, resource.kind, resource.name, [])],
      });
    } else if (method === 'GET' && !graphqlEndpoint && (destroyingGet(url, request.bodies) ?? storeAdminDestroy(url, method)) !== undefined) {
      // Admin endpoints reached by a plain GET (`/admin/reset-db`, `?action=delete`, Solr's `action=UNLOAD&deleteDataDir=true`) act when fetched.
      const segment = (destroyingGet(url, request.bodies) ?? storeAdminDestroy(url, method)) as string;
      findings.push({
        rule: 'http.destructive-get',
        risk: 'destructive',
        severity: 'ask',
        reason: `${request.client} fetches ${where}, an endpoint that destroys when it is requested ("${segment}").`,
        targets: [targetOf(ctx, url, api, 'url', url.display, [])],
      });
    } else if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && !graphqlEndpoint) {
      const texts = request.bodies.map((b) => b.text ?? '');
      const off = protectionOff(url.path, [...texts, decodeURIComponentSafe(url.query)]);
      const forge = isForgeHost(url.host, url.path) ? forgeChange({ method, path: url.path, texts: [...texts, decodeURIComponentSafe(url.query)] }) : undefined;
      const wipe = firebaseWipe(method, url.host, url.path, texts) ?? searchBodyDestroy(method, url.path, texts, url.host) ?? (off !== undefined ? `a request that sets ${off}` : undefined) ?? forge ?? saasAct(method, url.host, url.path) ?? platformAct(method, url.host, url.path, texts) ?? liveChange(method, url.path, texts) ?? vaultSystemChange(method, url.path) ?? storeAccountChange(method, url.path, texts) ?? requestAct(method, url.path, texts);
      const segment = wipe === undefined ? destroyingPathSegment(url) : undefined;
      if (wipe !== undefined) {
        findings.push({
          rule: 'http.destructive-endpoint',
          risk: 'destructive',
          severity: 'ask',
          reason: `${request.client} sends ${wipe} to ${where}.`,
          targets: [targetOf(ctx, url, api, 'url', url.display, [])],
        });
      } else if (segment !== undefined) {
        const resource = resourceFromPath({ ...url, path: url.path.replace(new RegExp(`/${escapeRegExp(segment)}/?$`), '') }, api?.provider);
        findings.push({
          rule: 'http.destructive-endpoint',
          risk: 'destructive',
          severity: 'ask',
          reason: `${request.client} sends a ${method} to ${where}, a destructive endpoint ("${segment}")${resource.kind === 'url' ? '' : ` acting on the ${resource.kind} ${resource.name}`}.`,
          targets: [targetOf(ctx, url, api, resource.kind, resource.name, [])],
        });
      }
    }

    if (findings.length === before && !url.dynamicHost && mayBeProduction(ctx, [url.display])) {
      const resolved = ctx.environmentOf({ values: [url.display], sources: [{ source: 'host', value: url.host }], selectors: [], remote: true });
      if (resolved.environment === 'production') {
        findings.push({
          rule: 'http.production-access',
          risk: 'production-access',
          severity: 'info',
          reason: `${request.client} sends a ${method} to ${where}, which is production (${resolved.reason}).`,
          targets: [{ kind: 'url', name: url.display, ...(api ? { provider: api.provider } : {}), remote: true, environment: 'production', environmentReason: resolved.reason }],
        });
      }
    }
  }
  return findings;
}



export const httpPack: RulePack = {
  id: 'http',
  title: 'HTTP requests that delete (curl, wget, httpie, xh, gh api, PowerShell Invoke-RestMethod, fetch/axios/requests in scripts)',
  commands: ['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'gh', 'glab', 'Invoke-RestMethod', 'Invoke-WebRequest', ...POWERSHELL_CLIENTS],
  checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
    const request = requestOf(inv, ctx);
    return request ? judgeRequest(requestThroughTunnel(request, inv), ctx) : [];
  },
  checkSnippet(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
    if (snippet.language !== 'javascript' && snippet.language !== 'python') return [];
    return snippetRequests(snippet).flatMap((request) => judgeRequest(request, ctx));
  },
};
