import type { Invocation, RuleContext, Target } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';
import { loadedEnvironment } from './injectedSecrets';

/**
 * Round 29 (#18 criterion 7): a program run with a production env file is production, whoever loads the file: a
 * runtime's own option (`node --env-file=.env.production query.js`, `bun --env-file`, `deno run
 * --env-file`), a container's (`docker run --env-file .env.production …`, carried as a loader word by the
 * remote handler), a loader (`dotenv -e`, `env $(cat .env.production)`, `set -a; . .env.production`). A local
 * `.env` (the development database) says nothing and stays allowed.
 */

/** A runtime's own options that load an env file. */
const ENV_FILE_OPTIONS: ReadonlySet<string> = new Set(['--env-file', '--env-file-if-exists']);

/** The env-file options among an invocation's own words (`--env-file=.env.production`), as loader words. */
export function ownEnvFileWords(inv: Invocation): string[] {
  return freeFormReadings(inv.args).valued.options.filter((o) => ENV_FILE_OPTIONS.has(o.name) && o.values[0] !== undefined).map((o) => `${o.name}=${o.values[0]}`);
}

/** The environment a program runs with by env files loaded around it or by its own options; undefined when nothing says. */
export function envFileEnvironment(inv: Invocation, ctx: RuleContext): (Omit<Target, 'kind'> & { loader: string }) | undefined {
  const own = ownEnvFileWords(inv);
  if (own.length > 0) {
    const env = ctx.environmentOf({ values: own, remote: true });
    if (env.environment !== 'unknown') return { name: `the variables ${inv.name} --env-file loads`, remote: true, environment: env.environment, environmentReason: `variables loaded by ${inv.name} --env-file: ${env.reason}`, loader: `${inv.name} --env-file` };
  }
  const loaded = loadedEnvironment(inv, ctx);
  if (loaded !== undefined) return { ...loaded, loader: loaded.name.replace(/^the variables (.*) loads$/, '$1') };
  // `set -a; . ./.env.production; node x.js`: the sourced file's addresses are exported to the program (lineState keeps scheme and host only).
  const addresses = Object.entries(inv.assignments).filter(([name, value]) => ADDRESS_VARIABLE.test(name) && value !== '').map(([, value]) => value);
  if (addresses.length === 0) return undefined;
  const env = ctx.environmentOf({ values: addresses, remote: true });
  if (env.environment !== 'production') return undefined;
  return { name: 'the exported variables', remote: true, environment: env.environment, environmentReason: `variables exported to ${inv.name}: ${env.reason}`, loader: 'the shell' };
}

/** Variables that name where a program's data lives (`DATABASE_URL`, `MONGODB_URI`, `PGHOST`, `REDIS_URL`). */
const ADDRESS_VARIABLE = /^(\w+_)?(URL|URI|DSN|HOST)$|^PGHOST$/;
