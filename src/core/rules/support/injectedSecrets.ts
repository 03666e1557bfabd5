import type { Invocation, RuleContext, Target } from '../../policy/types';

/**
 * A variable print run under a secret injector (round 11): `doppler run -- env`, `vercel env run -e production
 * -- printenv`, `summon … env`, `berglas exec -- env` print secrets fetched from a remote store, whose
 * environment the injector's words may name (`-e production`, `-c prd`) and otherwise nothing names
 * (production by the rule for unresolved targets). Loaders of local files (`foreman run -e .env.production`,
 * `dotenv -e …`) are production only when their words say so.
 */
const REMOTE_STORES = new Set(['doppler', 'infisical', 'op', 'vercel', 'summon', 'berglas', 'chamber', 'teller', 'secrethub', 'akeyless', 'aws-vault', 'phase', 'envkey', 'bws', 'psst', 'varlock']);
const LOCAL_LOADERS = new Set(['foreman', 'forego', 'honcho', 'dotenv', 'dotenv-cli', 'dotenvx', 'env-cmd', 'node-foreman', 'nf', 'overmind', 'hivemind', 'shoreman']);

export function injectedTarget(inv: Invocation, name: string, ctx: RuleContext): Target | undefined {
  const injector = inv.via.find((v) => REMOTE_STORES.has(v) || LOCAL_LOADERS.has(v));
  if (injector === undefined) return undefined;
  const values = (inv.wrapperWords ?? []).map((w) => w.text);
  const env = ctx.environmentOf({ values, remote: true });
  if (LOCAL_LOADERS.has(injector) && env.environment !== 'production') return undefined;
  return { kind: 'credential', name, remote: true, environment: env.environment, environmentReason: `secrets loaded by ${injector}: ${env.reason}` };
}

/** The secret injector or env loader a command runs under (`summon`, `doppler`, `dotenvx`), or undefined. */
export function secretInjectorOf(inv: Invocation): string | undefined {
  return inv.via.find((v) => REMOTE_STORES.has(v) || LOCAL_LOADERS.has(v));
}

/** Whether the injector fetches its secrets from a remote store (they are on this machine only for the run). */
export function fetchesRemoteSecrets(injector: string): boolean {
  return REMOTE_STORES.has(injector);
}

/** Platform runners that run a command here with a hosted environment's variables (`railway run`, `railway run -e prod`). */
const PLATFORM_RUNNERS = /^railway run\b/;

/**
 * The environment whose variables a command runs with when a wrapper loads them (round 21: a dump's server
 * taken from them): a secret store or platform runner hands over a hosted environment's (its words name it;
 * nothing named is unknown), an env-file loader or `env $(cat FILE)` the file's (only when its words name the
 * environment: a loader of `.env` says nothing). Undefined when no wrapper loads variables or nothing is said.
 */
export function loadedEnvironment(inv: Invocation, ctx: RuleContext): Omit<Target, 'kind'> | undefined {
  // Stop 37: the words of the wrappers that started this command's shell or program count too (`doppler run -c prd -- sh -c 'psql'`).
  const words = [...(inv.loaderWords ?? []), ...(inv.wrapperWords ?? [])].map((w) => w.text);
  const runner = inv.via.find((v) => REMOTE_STORES.has(v) || PLATFORM_RUNNERS.test(v));
  if (runner !== undefined) {
    const env = ctx.environmentOf({ values: [...words, ...runner.split(/\s+/).slice(2)], remote: true });
    return { name: `the variables ${runner} loads`, remote: true, environment: env.environment, environmentReason: `variables loaded by ${runner}: ${env.reason}` };
  }
  // A runtime's or runner's own env-file option is a loader too (`uv run --env-file .env.production`, `node --env-file=…`).
  const envFile = words.find((w) => /^--env-file(?:-if-exists)?(?:=|$)/.test(w));
  const loader = inv.via.find((v) => LOCAL_LOADERS.has(v) || (v === 'env' && words.some((w) => /[$`]/.test(w)))) ?? (envFile !== undefined ? envFile.replace(/=.*$/, '') : undefined);
  if (loader === undefined) return undefined;
  const env = ctx.environmentOf({ values: words, remote: true });
  if (env.environment === 'unknown') return undefined;
  return { name: `the variables ${loader} loads`, remote: true, environment: env.environment, environmentReason: `variables loaded by ${loader}: ${env.reason}` };
}
