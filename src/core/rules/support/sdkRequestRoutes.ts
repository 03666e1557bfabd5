import type { CodeSnippet, Finding, RuleContext } from '../../policy/types';
import { judgeRequest } from '../httpRequests';
import { asJson, keywordArguments, splitArguments } from './awsSdkCommands';
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

export function sdkRequestRouteFindings(snippet: CodeSnippet, ctx: RuleContext, client: string): Finding[] {
  if (snippet.language !== 'python' && snippet.language !== 'javascript') return [];
  const code = snippet.text.length > 50_000 ? snippet.text.slice(0, 50_000) : snippet.text;
  if (!/\.\s*(?:request|requestRaw|requestJson\w*|api_?[cC]all|raw_?[rR]equest)\s*\(/.test(code)) return [];
  const modules = snippetClients(code, snippet.language as SdkLanguage)?.modules ?? [];
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
