import type { ArgWord, Finding, Invocation, RuleContext, Target } from '../policy/types';
import { hostOf, isLocalHost } from '../policy/production';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';
import { effectiveCommand } from './support/commandLine';
import { localTestDatabase, testEnvironmentOnly } from './support/testDatabases';
import { assignment, connection, DB_SELECTORS, destroyFinding, runtimeOf, targetFor, urlLike } from './support/databaseConnection';

/**
 * The database pack's command-line tools that drop databases (dropdb, `pg_restore --clean`, `mysqladmin
 * drop`) and the reset commands of ORMs and frameworks (`rails db:drop`, `prisma migrate reset`,
 * `manage.py flush`), with the environment the framework resolves.
 */

/** The usual reading of a registry tool's command line (dropdb, pg_restore, mysqladmin). */
function argsOf(inv: Invocation): ToolArgs | undefined {
  const spec = toolNamed(inv.name);
  return spec ? toolArgs(inv.name, parsedArgs(inv.args, spec), spec) : undefined;
}

function dropdb(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  const host = a.value('-h') ?? assignment(inv, ctx.facts, 'PGHOST');
  const db = a.operand(0);
  const conn = connection('postgres', { host, hostSource: '-h', database: db, defaultLocal: true });
  if (localTestDatabase(conn.remote, db)) return [];
  return [destroyFinding('dropdb', `Drops the PostgreSQL database ${db ?? '(unnamed)'}${conn.remote ? ` on ${host}` : ''} (dropdb).`, [targetFor(conn, ctx, { kind: 'database', name: db ?? conn.name })])];
}

function pgRestore(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a?.has('-c')) return [];
  const dbArg = a.value('-d');
  const conn = connection('postgres', { runtime: runtimeOf(inv.args, [dbArg]), url: dbArg !== undefined && urlLike(dbArg) ? dbArg : undefined, host: a.value('-h'), hostSource: '-h', database: dbArg !== undefined && !urlLike(dbArg) ? dbArg : undefined, defaultLocal: true });
  return [destroyFinding('restore-clean', `Drops the objects of ${conn.name} before restoring them (pg_restore --clean).`, [targetFor(conn, ctx)])];
}

function mysqladmin(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  const words = a.parsed.operands.map((w) => w.text);
  const i = words.findIndex((w) => w.toLowerCase() === 'drop');
  if (i < 0) return [];
  const db = words[i + 1] ?? '(unnamed)';
  const conn = connection('mysql', { host: a.value('-h'), hostSource: '-h', database: db, defaultLocal: true });
  return [destroyFinding('dropdb', `Drops the MySQL database ${db} (mysqladmin drop).`, [targetFor(conn, ctx, { kind: 'database', name: db })])];
}

interface FrameworkReset {
  tool: string;
  /** Words that, present among the arguments, make the command destructive. */
  matches(words: string[]): string | undefined;
  /** The variable naming the framework's environment, and the flag that sets it. */
  envVar?: string;
  envFlags?: readonly string[];
  /** The framework's default when nothing names an environment and no DATABASE_URL is set. */
  defaultEnvironment?: string;
}

const RAILS_TASKS = new Set(['db:drop', 'db:drop:all', 'db:reset', 'db:schema:load', 'db:structure:load', 'db:purge', 'db:purge:all', 'db:truncate_all', 'db:migrate:reset', 'db:seed:replant', 'db:setup']);

const RESETS: Record<string, FrameworkReset> = {
  prisma: {
    tool: 'Prisma',
    matches: (w) => (w[0] === 'migrate' && w[1] === 'reset' ? 'prisma migrate reset' : w[0] === 'db' && w[1] === 'push' && w.includes('--accept-data-loss') ? 'prisma db push --accept-data-loss' : w.includes('--force-reset') ? 'prisma db push --force-reset' : undefined),
  },
  rails: { tool: 'Rails', matches: (w) => w.find((x) => RAILS_TASKS.has(x)), envVar: 'RAILS_ENV', envFlags: ['-e', '--environment'], defaultEnvironment: 'development' },
  rake: { tool: 'Rails', matches: (w) => w.find((x) => RAILS_TASKS.has(x)), envVar: 'RAILS_ENV', defaultEnvironment: 'development' },
  knex: { tool: 'Knex', matches: (w) => (w.includes('migrate:rollback') && w.includes('--all') ? 'knex migrate:rollback --all' : undefined), envVar: 'NODE_ENV', envFlags: ['--env'], defaultEnvironment: 'development' },
  sequelize: { tool: 'Sequelize', matches: (w) => w.find((x) => ['db:drop', 'db:migrate:undo:all', 'db:seed:undo:all'].includes(x)), envVar: 'NODE_ENV', envFlags: ['--env'], defaultEnvironment: 'development' },
  typeorm: { tool: 'TypeORM', matches: (w) => w.find((x) => x === 'schema:drop') },
  django: { tool: 'Django', matches: (w) => w.find((x) => ['flush', 'reset_db', 'reset_schema'].includes(x)), envVar: 'DJANGO_SETTINGS_MODULE', envFlags: ['--settings'] },
};

function frameworkOf(inv: Invocation): { reset: FrameworkReset; words: string[]; args: ArgWord[] } | undefined {
  const { name, args } = effectiveCommand(inv);
  const words = args.map((a) => a.text);
  const base = name.replace(/\.(js|ts|cjs|mjs)$/, '');
  if (base === 'sequelize-cli') return { reset: RESETS.sequelize as FrameworkReset, words, args };
  if (base.startsWith('typeorm')) return { reset: RESETS.typeorm as FrameworkReset, words, args };
  if (base === 'django-admin' || base === 'manage.py') return { reset: RESETS.django as FrameworkReset, words, args };
  if (/^python[0-9.]*$|^py$|^uv$|^poetry$/.test(base)) {
    const i = words.findIndex((w) => w.endsWith('manage.py'));
    if (i >= 0) return { reset: RESETS.django as FrameworkReset, words: words.slice(i + 1), args: args.slice(i + 1) };
    return undefined;
  }
  const reset = Object.hasOwn(RESETS, base) ? RESETS[base] : undefined;
  return reset ? { reset, words, args } : undefined;
}

export function frameworkReset(inv: Invocation, ctx: RuleContext): Finding[] {
  const found = frameworkOf(inv);
  if (!found) return [];
  const what = found.reset.matches(found.words);
  if (!what || found.words.some((w) => w === '--help' || w === '-h')) return []; // `prisma migrate reset --help`: the manual
  const { reset, words } = found;
  const sources: { source: string; value: string }[] = [];
  const values: string[] = [];
  // rake takes VAR=value arguments as well as prefixes.
  for (const w of words) {
    const m = /^([A-Z_]+)=(.*)$/.exec(w);
    if (m && (m[1] === reset.envVar || m[1] === 'DATABASE_URL')) sources.push({ source: `${m[1]}=`, value: m[2] ?? '' });
  }
  for (const flag of reset.envFlags ?? []) {
    for (let i = 0; i < words.length; i++) {
      if (words[i] === flag && words[i + 1] !== undefined) sources.push({ source: flag, value: words[i + 1] as string });
      else if (words[i]?.startsWith(flag + '=')) sources.push({ source: flag, value: (words[i] as string).slice(flag.length + 1) });
    }
  }
  // Run on another machine (`ssh prod-db 'bin/rails db:drop'`, `heroku run`): that place names the environment, not the tool's default.
  if (inv.remote) sources.push(...inv.remote.names);
  const url = inv.assignments.DATABASE_URL;
  if (url !== undefined) values.push(url);
  const selectors = reset.envVar ? [reset.envVar, ...DB_SELECTORS] : DB_SELECTORS;
  const hasEnvSignal = sources.length > 0 || selectors.some((s) => inv.assignments[s] !== undefined || ctx.facts.envSelectors[s] !== undefined);
  const urlHost = url !== undefined ? hostOf(url) : undefined;
  const remote = !(urlHost !== undefined && isLocalHost(urlHost) && !/[$`]/.test(url ?? ''));
  let env = ctx.environmentOf({ values, sources, remote, selectors });
  if (env.environment === 'unknown' && !hasEnvSignal && url === undefined && reset.defaultEnvironment && !ctx.facts.envNames.includes('DATABASE_URL')) {
    env = { environment: 'non-production', reason: `no environment set; ${reset.tool} defaults to ${reset.defaultEnvironment}` };
  }
  const name = url !== undefined ? (hostOf(url) ? `the ${reset.tool} database on ${hostOf(url)}` : `the ${reset.tool} database`) : `the ${reset.tool} database`;
  if (testEnvironmentOnly(inv, ctx.facts, [...sources, ...selectors.flatMap((s) => { const v = inv.assignments[s]; return v !== undefined ? [{ source: s, value: v }] : []; })])) return [];
  const target: Target = { kind: 'database', name, provider: reset.tool.toLowerCase(), remote, environment: env.environment, environmentReason: env.reason };
  return [destroyFinding('framework-reset', `Runs ${what}, which drops or empties ${name}.`, [target])];
}

export const RESET_TOOLS: Record<string, (inv: Invocation, ctx: RuleContext) => Finding[]> = {
  dropdb,
  pg_restore: pgRestore,
  mysqladmin,
};
