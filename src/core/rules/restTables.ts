import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { requestOf } from './support/httpClients';
import { isLocalUrl, parseRequestUrl } from './support/httpTargets';

/**
 * PostgREST row endpoints (Supabase's `/rest/v1/<table>`, a PostgREST server's `/<table>`) are SQL
 * over HTTP: PATCH is an UPDATE and DELETE a DELETE of every row the query's filters select
 * (`?id=gt.0` selects them all). On a hosted project that is production data, scoped or not.
 */

function finding(reason: string, targets: Target[]): Finding {
  return { rule: 'rest-tables.rows-changed', risk: 'destructive', severity: 'ask', reason, targets };
}

function check(inv: Invocation, ctx: RuleContext): Finding[] {
  const request = requestOf(inv, ctx);
  if (!request || request.unixSocket) return [];
  const method = request.methodOverride ?? request.method;
  if (method !== 'PATCH' && method !== 'DELETE' && method !== 'PUT') return [];
  const findings: Finding[] = [];
  for (const raw of request.urls) {
    const url = parseRequestUrl(raw);
    if (!url || isLocalUrl(url)) continue;
    const table = /^\/rest\/v1\/([A-Za-z_][\w$]*)\/?$/.exec(url.path)?.[1];
    if (!table) continue;
    const filters = url.query.split('&').filter((p) => /^[\w.]+=(eq|neq|gt|gte|lt|lte|like|ilike|is|in|not|cs|cd|ov|fts)\./.test(p));
    const env = ctx.environmentOf({ values: [url.host], remote: true });
    const target: Target = { kind: 'table', name: `${table} on ${url.host}`, provider: 'postgrest', remote: true, environment: env.environment, environmentReason: env.reason };
    const scope = filters.length > 0 ? `the rows matching ${filters.join(', ')}` : 'every row';
    const what = method === 'DELETE' ? `Deletes ${scope} of the table ${table}` : `Overwrites ${scope} of the table ${table}`;
    findings.push(finding(`${what} on ${url.host} (${request.client} ${method} to a PostgREST row endpoint).`, [target]));
  }
  return findings;
}

export const restTablesPack: RulePack = {
  id: 'rest-tables',
  title: 'PostgREST and Supabase row endpoints changed over HTTP',
  commands: ['curl', 'wget', 'http', 'https', 'xh', 'xhs'],
  checkInvocation: check,
};
