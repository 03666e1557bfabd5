import { environmentOf } from './production';
import type { Analysis, Facts, Opaque, RemoteContext, Target } from './types';

/**
 * What a line that cannot be read in full still says about where it reaches: a host or URL among its
 * words that resolves to production (`set -- psql_-h_db.prod.acme.internal_-c; $* "DROP …"`). The
 * question about the unreadable part then says production, as the command it hides would.
 */

const HOST = /\b(?:[a-z][a-z0-9+.-]*:\/\/)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+\b/gi;
/** Words that look like hosts but are files or versions. */
const NOT_A_HOST = /\.(sh|py|rb|js|ts|sql|json|ya?ml|toml|txt|md|log|env|conf|lock|tf|tfvars|key|pem)$|^\d+(\.\d+)+$/i;

/**
 * Code fetched from an address and run unread (`git clone URL && bash x/run.sh`, `pip install git+URL`,
 * `go run host/x@v`): the address's host is a remote target; nothing naming its environment, it is
 * production, as every unresolved remote target is (team decision 2026-12-03).
 */
export function fetchedTarget(address: string, facts: Facts): Target {
  const host = address.replace(/^[\w.-]+\s*@\s*(?=[a-z+]+:\/\/)/i, '').replace(/^(git|hg|svn|bzr)\+/i, '').replace(/^[a-z][\w+.-]*:\/\//i, '').replace(/^[^@/]*@/, '').split(/[/:?#]/)[0] ?? address;
  const env = environmentOf({ values: [host], remote: true }, facts);
  return { kind: 'resource', name: host || address.slice(0, 80), remote: true, environment: env.environment, environmentReason: env.environment === 'unknown' ? `code fetched from ${host}, whose environment nothing names` : env.reason };
}

/**
 * The production place an opaque part reaches: the machine it runs on, else a production host the line
 * names. `named` is that second answer when the caller already has it: it does not depend on the part,
 * and a line nested 500 deep has as many parts (scanning again for each was quadratic).
 */
export function opaqueProductionTargets(analysis: Analysis, facts: Facts, opaque?: Opaque, named?: readonly Target[]): Target[] {
  const place = opaque ? remotePlaceOf(analysis, facts, opaque) : undefined;
  if (place) return [place];
  return named ? [...named] : namedProductionHosts(analysis, facts);
}

function namedProductionHosts(analysis: Analysis, facts: Facts): Target[] {
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

/**
 * The other machine an unreadable part runs on (`ssh bastion bash -s < /tmp/evil.sh`: bastion), found
 * as an invocation of the same hops that runs there. Its environment comes from the names of the
 * place, and a host nothing names is production, as it is for a command read there.
 */
function remotePlaceOf(analysis: Analysis, facts: Facts, opaque: Opaque): Target | undefined {
  if (opaque.remote) return placeTarget(opaque.remote, facts, {});
  for (const inv of analysis.invocations.slice(0, 64)) {
    if (!inv.remote || inv.via.length > opaque.via.length || !inv.via.every((v, i) => opaque.via[i] === v)) continue;
    return placeTarget(inv.remote, facts, inv.assignments);
  }
  return undefined;
}

function placeTarget(remote: RemoteContext, facts: Facts, assignments: Readonly<Record<string, string>>): Target {
  const env = environmentOf({ values: [], sources: remote.names, remote: true }, facts, { assignments });
  return { kind: 'resource', name: remote.place, provider: remote.provider, remote: true, environment: env.environment, environmentReason: env.reason };
}
