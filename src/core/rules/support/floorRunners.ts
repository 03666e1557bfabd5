import type { Finding, RuleContext } from '../../policy/types';
import { identifierParts } from './cliArgs';

/**
 * Stop 38 (issue #18 criteria 1/8, red team round 30: `cypress run --config baseUrl=https://shop.acme.com --spec
 * cypress/e2e/seed-orders.cy.ts`, `hopp test collections/admin-cleanup.json -e environments/production.json`): a test,
 * end-to-end or API-collection runner nobody describes, pointed at production, running a spec or collection whose name says
 * it writes (seeds, cleans up, deletes, resets, administers). The runner's verb is routine (`run`, `test`); what it runs
 * against, and what the spec is for, make it a write to production. Allowed look-alikes: the same spec against
 * localhost or staging, and specs named for reading (`smoke`, `read`, `checkout-flow`) against anything.
 */

/** Parts of a spec's or collection's name that say it writes. */
const WRITES = /^(seed|seeds|seeding|cleanup|clean|teardown|delete|deletes|purge|wipe|reset|resets|admin|drop|truncate|populate|migrate|migration|import|backfill|bulk|destroy|remove|mutate|mutations|write|writes|fixtures?|load)$/;
/** Options that name the spec, suite or collection a runner runs. */
const SPEC_OPTION = /^--?(spec|specs|suite|suites|collection|collections|file|files|test|tests|feature|features|scenario|workflow|flow|plan|script)$/i;
/** Options that name where it runs: a URL, a host, an environment or an environment file. */
const TARGET_OPTION = /^--?(e|env|environment|environments|env-file|environment-file|url|base-url|baseurl|host|target|server|endpoint|api-url|config|c|global-var|env-var|variables?)$/i;

interface ReadingLike {
  positionals: readonly { text: string; index: number }[];
  options: readonly { name: string; value?: string; next?: string }[];
}

/** The words of a runner's command path (`run`, `test`, `e2e`): the first word, or none. */
const RUNS = /^(run|test|tests|e2e|exec|execute|replay|start)$/;

function writingSpec(reading: ReadingLike): string | undefined {
  const candidates = [...reading.options.filter((o) => SPEC_OPTION.test(o.name)).map((o) => o.value ?? o.next ?? ''), ...reading.positionals.slice(1).map((w) => w.text)];
  return candidates.find((t) => /[/.]/.test(t) && !/^[a-z][\w+.-]*:\/\//i.test(t) && identifierParts(t.split('/').pop()!.replace(/\.[\w.]+$/, '')).some((p) => WRITES.test(p)));
}

/** The values that say where the runner runs (`baseUrl=https://shop.acme.com`, `environments/production.json`). */
function targets(reading: ReadingLike): string[] {
  const out: string[] = [];
  for (const o of reading.options) {
    if (!TARGET_OPTION.test(o.name)) continue;
    for (const part of (o.value ?? o.next ?? '').split(',')) out.push(part.replace(/^[\w.-]+=/, ''));
  }
  return out.filter((v) => v !== '');
}

export function runnerAgainstProduction(tool: string, reading: ReadingLike, ctx: RuleContext): Finding | undefined {
  if (!RUNS.test(reading.positionals[0]?.text.toLowerCase() ?? '')) return undefined;
  const spec = writingSpec(reading);
  if (spec === undefined) return undefined;
  const values = targets(reading);
  // A runner with no target named runs against its own configuration's (most often a local dev server).
  if (values.length === 0) return undefined;
  // A remote URL or host nobody named is production (the house rule); a file (`-e environments/production.json`,
  // `--config playwright.config.ts`) says production only by its name.
  const urls = values.filter((v) => /^[a-z][\w+.-]*:\/\/|^[\w-]+(\.[\w-]+)+(:\d+)?$/i.test(v) && !/\.(json|ya?ml|env|toml|[cm]?[jt]s|ini|conf)$/i.test(v));
  const files = values.filter((v) => !urls.includes(v)).map((v) => v.split('/').pop()!.replace(/\.(json|ya?ml|env|toml|[cm]?[jt]s|ini|conf)$/i, ''));
  const byUrl = urls.length > 0 ? ctx.environmentOf({ values: urls, remote: true }) : undefined;
  const prodFile = files.find((f) => /(^|[-_.])(prod|production|prd|live)([-_.]|$)/i.test(f));
  const env = byUrl !== undefined && !/^(non-production|local)$/.test(byUrl.environment) ? byUrl : prodFile !== undefined ? { reason: `"${prodFile}" names production` } : undefined;
  if (env === undefined) return undefined;
  return {
    rule: 'verbs.production-change',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${tool} ${reading.positionals[0]!.text}\` runs ${spec}, whose name says it writes, against production (${env.reason}): the data it seeds, cleans up or deletes is production's (${tool} has no rules of its own: judged by what it runs and where).`,
    targets: [{ kind: 'resource', name: tool, provider: tool, remote: true, environment: 'production', environmentReason: env.reason }],
  };
}
