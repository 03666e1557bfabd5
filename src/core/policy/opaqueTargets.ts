import { environmentOf } from './production';
import type { Analysis, Facts, Target } from './types';

/**
 * What a line that cannot be read in full still says about where it reaches: a host or URL among its
 * words that resolves to production (`set -- psql_-h_db.prod.acme.internal_-c; $* "DROP …"`). The
 * question about the unreadable part then says production, as the command it hides would.
 */

const HOST = /\b(?:[a-z][a-z0-9+.-]*:\/\/)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+\b/gi;
/** Words that look like hosts but are files or versions. */
const NOT_A_HOST = /\.(sh|py|rb|js|ts|sql|json|ya?ml|toml|txt|md|log|env|conf|lock|tf|tfvars|key|pem)$|^\d+(\.\d+)+$/i;

export function opaqueProductionTargets(analysis: Analysis, facts: Facts): Target[] {
  const seen = new Set<string>();
  for (const inv of analysis.invocations.slice(0, 64)) {
    const texts = [...inv.args.map((a) => a.text), ...Object.values(inv.assignments)];
    for (const text of texts) {
      for (const m of text.slice(0, 2000).matchAll(HOST)) {
        const value = m[0];
        if (seen.has(value) || NOT_A_HOST.test(value)) continue;
        seen.add(value);
        if (seen.size > 32) return [];
        const env = environmentOf({ values: [value], remote: true }, facts);
        if (env.environment === 'production') return [{ kind: 'resource', name: value, remote: true, environment: 'production', environmentReason: env.reason }];
      }
    }
  }
  return [];
}
