import type { CodeSnippet, Finding, RuleContext } from '../../policy/types';
import { judgeRequest } from '../httpRequests';
import { asJson, keywordArguments } from './awsSdkCommands';
import { splitArguments } from '../../shell/codeArguments';
import { argumentText, snippetClients, type SdkLanguage } from './sdkCalls';

/**
 * A SaaS SDK's generic request door: the method and route handed to it are a raw HTTP request to that
 * service (`octokit.request('DELETE /repos/{owner}/{repo}', {owner, repo})`, SendGrid's
 * `client.request({method: 'DELETE', url: '/v3/…'})`, `requester.requestJsonAndCheck('DELETE', '/repos/…')`),
 * judged by the HTTP pack as curl's request to the service's API host would be. `{name}` placeholders
 * take the literal values the call passes. A method the code computes asks: it may be a DELETE.
 */

/** The API host behind each client label (sdkCalls.ts). */
const API_BASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^GitHub/, 'https://api.github.com'], [/^GitLab/, 'https://gitlab.com/api/v4'], [/^SendGrid/, 'https://api.sendgrid.com'],
  [/^Slack/, 'https://slack.com/api'], [/^Twilio/, 'https://api.twilio.com'], [/^Stripe/, 'https://api.stripe.com'],
];

/** The GraphQL endpoint behind each client label: `octokit.graphql('mutation { deleteRef(…) }')` is a POST of that document there. */
const GRAPHQL_ENDPOINTS: ReadonlyArray<readonly [RegExp, string]> = [[/^GitHub/, 'https://api.github.com/graphql'], [/^GitLab/, 'https://gitlab.com/api/graphql']];
const GRAPHQL_DOOR = /(?:\.\s*|\b)graphql\s*\(/g;

const METHODS = /^(GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE)$/;
const DOOR = /\.\s*(request|requestRaw|requestJsonAndCheck|requestJson|api_call|apiCall|raw_request|rawRequest)\s*\(/g;
const unquote = (s: string | undefined): string | undefined => /^\s*(['"`])([^'"`]*)\1\s*$/.exec(s ?? '')?.[2];

interface Route {
  method: string | undefined;
  path: string;
  params: [string, string][];
  body: string;
}

/** The method and route of one door call, or undefined when it names no route. */
function routeOf(args: string): Route | undefined {
  const pieces = splitArguments(args);
  const first = unquote(pieces[0]);
  // Octokit: 'DELETE /repos/{owner}/{repo}', then the parameters.
  const joined = first !== undefined ? /^([A-Z]+)\s+(\/\S*)$/.exec(first) : null;
  if (joined) return { method: joined[1], path: joined[2]!, params: keywordArguments(pieces[1] ?? ''), body: pieces[1] ?? '' };
  // Method and path as two arguments: ('DELETE', '/repos/…').
  const second = unquote(pieces[1]);
  if (first !== undefined && METHODS.test(first.toUpperCase()) && second?.startsWith('/')) return { method: first.toUpperCase(), path: second, params: [], body: pieces[2] ?? '' };
  // An options object: {method: 'DELETE', url: '/v3/…', body}.
  const options = keywordArguments(pieces[0] ?? '');
  const path = unquote(options.find(([k]) => /^(url|path|uri|endpoint)$/.test(k))?.[1]);
  const method = options.find(([k]) => /^(method|http_method|verb)$/.test(k))?.[1];
  if (path === undefined || method === undefined) return undefined;
  return { method: unquote(method)?.toUpperCase(), path, params: [], body: options.find(([k]) => /^(body|json|data)$/.test(k))?.[1] ?? '' };
}

/** A string literal whole (`'mutation { deleteRef(input:{refId:"R"}) { … } }'`), other quote marks inside allowed; undefined for anything computed. */
function literal(text: string | undefined): string | undefined {
  const m = /^\s*(['"`])([\s\S]*)\1\s*$/.exec(text ?? '');
  if (!m || (m[1] === '`' && m[2]!.includes('${')) || m[2]!.includes(m[1]!)) return undefined;
  return m[2]!.replace(/\\(["'`\\])/g, '$1');
}

/**
 * `octokit.graphql(DOCUMENT, variables)`, `graphql(DOCUMENT)` of `@octokit/graphql`: the document is sent to the
 * service's GraphQL endpoint and judged as curl's POST of it would be. A document built at run time in code that
 * writes a mutation asks: it may be one.
 */
function graphqlFindings(code: string, ctx: RuleContext, client: string, modules: readonly { label: string }[]): Finding[] {
  const endpoint = GRAPHQL_ENDPOINTS.find(([label]) => modules.some((m) => label.test(m.label)))?.[1];
  if (endpoint === undefined) return [];
  const out: Finding[] = [];
  for (const m of code.matchAll(GRAPHQL_DOOR)) {
    const document = literal(splitArguments(argumentText(code, (m.index ?? 0) + m[0].length - 1))[0]);
    if (document === undefined) {
      if (/\bmutation\b/.test(code)) out.push({ rule: 'sdk-snippets.request-route', risk: 'unanalyzable', severity: 'ask', reason: `${client} sends a GraphQL document built at run time to ${endpoint} through the client's graphql(), in code that writes a mutation: it may destroy.`, targets: [] });
      continue;
    }
    const request = { client: `${client} (graphql())`, method: 'POST', urls: [endpoint], bodies: [{ text: JSON.stringify({ query: document }), dynamic: false }], contentType: 'application/json', unixSocket: false };
    out.push(...judgeRequest(request, ctx).filter((f) => f.severity !== 'info'));
    if (out.length >= 4) break;
  }
  return out;
}

export function sdkRequestRouteFindings(snippet: CodeSnippet, ctx: RuleContext, client: string): Finding[] {
  if (snippet.language !== 'python' && snippet.language !== 'javascript') return [];
  const code = snippet.text.length > 50_000 ? snippet.text.slice(0, 50_000) : snippet.text;
  const door = /\.\s*(?:request|requestRaw|requestJson\w*|api_?[cC]all|raw_?[rR]equest)\s*\(/.test(code);
  const graphql = /\bgraphql\s*\(/.test(code);
  if (!door && !graphql) return [];
  const modules = snippetClients(code, snippet.language as SdkLanguage)?.modules ?? [];
  if (graphql) {
    const found = graphqlFindings(code, ctx, client, modules);
    if (found.length > 0 || !door) return found;
  }
  const base = API_BASES.find(([label]) => modules.some((m) => label.test(m.label)));
  if (!base) return [];
  const out: Finding[] = [];
  for (const m of code.matchAll(DOOR)) {
    const route = routeOf(argumentText(code, (m.index ?? 0) + m[0].length - 1));
    if (!route) continue;
    const path = route.path.replace(/\{(\w+)\}/g, (whole, name: string) => unquote(route.params.find(([k]) => k === name)?.[1]) ?? whole);
    const url = `${base[1]}${path.startsWith('/') ? '' : '/'}${path}`;
    if (route.method === undefined || !METHODS.test(route.method)) {
      out.push({ rule: 'sdk-snippets.request-route', risk: 'unanalyzable', severity: 'ask', reason: `${client} sends a request to ${url} through the client's ${m[1]}() whose method is chosen at run time: it may be a DELETE.`, targets: [] });
      continue;
    }
    const body = route.body.trim();
    const request = { client: `${client} (${m[1]}('${route.method} ${route.path}'))`, method: route.method, urls: [url], bodies: /^[{[]/.test(body) ? [{ text: asJson(body), dynamic: false }] : [], contentType: 'application/json', unixSocket: false };
    out.push(...judgeRequest(request, ctx).filter((f) => f.severity !== 'info'));
    if (out.length >= 4) break;
  }
  return out;
}
