import type { ArgWord, Finding, Invocation, RuleContext, Target } from '../../policy/types';
import { loadedEnvironment } from './injectedSecrets';

/**
 * The environment a framework command runs in when a wrapper loads its variables (moved from `frameworks.ts`,
 * stop 37): an env file a wrapper names (`dotenv -e .env.production -- prisma migrate status`), and (round 27)
 * the variables a secret store or env loader hands over when its words name production (`doppler run -c prd --
 * npm run db:migrate`, `infisical run --env=prod --`, `uv run --env-file .env.production`).
 */

const ENV_FILE = /(?:^|\/)\.env\.([A-Za-z0-9_-]+)$/;

/** The env file a wrapper word loads: named (`-e .env.production`) or read by a substitution (`env $(cat .env.production | xargs)`). */
export function envFileOf(w: ArgWord): RegExpExecArray | null {
  return ENV_FILE.exec(w.text) ?? (w.dynamic ? /\.env\.([A-Za-z0-9_-]+)\b/.exec(w.raw) : null);
}

/** Read-only framework work under an env file a wrapper loads (`dotenv -e .env.production -- prisma migrate status`): marked production. */
export function envFileAccess(inv: Invocation, ctx: RuleContext): Finding[] {
  for (const w of inv.wrapperWords ?? []) {
    const m = envFileOf(w);
    if (!m) continue;
    const env = ctx.environmentOf({ values: [], sources: [{ source: m[0], value: m[1] as string }], remote: true });
    if (env.environment !== 'production') continue;
    const target: Target = { kind: 'database', name: `the database of ${w.text}`, remote: true, environment: 'production', environmentReason: env.reason };
    return [{ rule: 'frameworks.production-access', risk: 'production-access', severity: 'info', reason: `${inv.name} runs with the variables of ${w.text}, which is production.`, targets: [target] }];
  }
  return [];
}

/** Production, with the loader's words as the reason, when the variables a wrapper loads are production's; undefined otherwise. */
export function loadedProduction(inv: Invocation, ctx: RuleContext): { environment: 'production'; reason: string } | undefined {
  const loaded = loadedEnvironment(inv, ctx);
  return loaded?.environment === 'production' ? { environment: 'production', reason: loaded.environmentReason } : undefined;
}
