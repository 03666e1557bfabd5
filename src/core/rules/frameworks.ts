import { ownTable } from '../ownTable';
import type { ArgWord, Facts, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { resolvePath } from '../paths';
import { hostOf, isLocalHost } from '../policy/production';
import { effectiveCommand } from './support/commandLine';
import { scanSql } from './support/sqlScan';
import { stdinText } from './database';
import { dotenvDatabase, dotenvUnread, localTestUrl, testEnvironmentOnly } from './support/testDatabases';
import { envFileAccess, envFileOf, loadedProduction } from './support/frameworkLoaders';
import { everyRowOrmCall, plainOrmCode, scopedOrmWrite } from './support/ormMassCalls';

/**
 * ORMs, migration tools and framework consoles that destroy data: schema pushes that accept data
 * loss (drizzle-kit push --force), fresh/reset/wipe/rollback commands (artisan, alembic, rails, knex,
 * sequelize, typeorm), restores that drop first (mongorestore --drop), SQL handed to an ORM's
 * executor (prisma db execute, typeorm query), and framework consoles evaluating code that deletes
 * records (rails runner/console, manage.py shell, artisan tinker, an Elixir release's eval).
 *
 * Each asks wherever it runs: a rollback or a delete_all on a development database still destroys
 * work nobody committed. The environment is the framework's (RAILS_ENV, APP_ENV, --env, --settings,
 * an env file a wrapper loads, the remote place of `heroku run`/`fly ssh console`); nothing naming
 * one on this machine means the framework's development default.
 */

interface Framework {
  /** What the reader calls it: 'Laravel', 'Alembic'. */
  label: string;
  /** Variables naming its environment. */
  envVars: readonly string[];
  /** Options naming its environment (`--env`, `-e`, `--settings`), as `--x value` or `--x=value`. */
  envFlags: readonly string[];
  /** What it runs against with nothing set, when that is this machine's development database. */
  defaultEnvironment?: string;
}

const FRAMEWORKS = {
  drizzle: { label: 'Drizzle', envVars: ['NODE_ENV'], envFlags: [], defaultEnvironment: 'development' },
  laravel: { label: 'Laravel', envVars: ['APP_ENV'], envFlags: ['--env'], defaultEnvironment: 'local' },
  alembic: { label: 'Alembic', envVars: [], envFlags: ['-x'], defaultEnvironment: 'development' },
  rails: { label: 'Rails', envVars: ['RAILS_ENV', 'RACK_ENV'], envFlags: ['-e', '--environment'], defaultEnvironment: 'development' },
  django: { label: 'Django', envVars: ['DJANGO_SETTINGS_MODULE', 'DJANGO_ENV'], envFlags: ['--settings', '--database'], defaultEnvironment: 'development' },
  prisma: { label: 'Prisma', envVars: ['NODE_ENV'], envFlags: [], defaultEnvironment: 'development' },
  typeorm: { label: 'TypeORM', envVars: ['NODE_ENV'], envFlags: [], defaultEnvironment: 'development' },
  sequelize: { label: 'Sequelize', envVars: ['NODE_ENV'], envFlags: ['--env'], defaultEnvironment: 'development' },
  knex: { label: 'Knex', envVars: ['NODE_ENV'], envFlags: ['--env'], defaultEnvironment: 'development' },
  mongodb: { label: 'MongoDB', envVars: [], envFlags: [] },
  elixir: { label: 'Elixir', envVars: ['MIX_ENV'], envFlags: [], defaultEnvironment: 'dev' },
  dbt: { label: 'dbt', envVars: ['DBT_TARGET'], envFlags: ['--target', '-t'], defaultEnvironment: "the profile's default target" },
  // Medusa's CLI (docs.medusajs.com/resources/medusa-cli): DATABASE_URL from wherever the app reads it.
  medusa: { label: 'Medusa', envVars: ['NODE_ENV'], envFlags: [] },
  flask: { label: 'Flask', envVars: ['FLASK_ENV', 'APP_ENV'], envFlags: [] },
} satisfies Record<string, Framework>;

type FrameworkId = keyof typeof FRAMEWORKS;

/** One destructive reading of a command: what it does, for the reason. */
interface Hit {
  framework: FrameworkId;
  /** "php artisan migrate:fresh", "alembic downgrade base". */
  what: string;
  /** Present tense, after the command: "drops every table of". */
  effect: string;
  /** The words the framework's environment options are read from (defaults to the command's). */
  words?: readonly string[];
  /** An explicit database target (mongorestore --uri). */
  url?: string;
  /** Routine on a development database; asks only when the target is production (seeds, forward migrations, rebuilds). */
  productionOnly?: true;
}

/**
 * Work that is routine in development and loses data on production: seeds (a seed file usually empties the
 * tables it fills: `knex('users').del()`), pending migrations applied (they may drop or rewrite columns),
 * dbt's `--full-refresh` (incremental tables dropped and rebuilt from what the sources still hold).
 */
function productionWork(tool: string, words: readonly string[]): Hit | undefined {
  const seeds = 'runs seed files (which usually empty the tables they fill) on';
  const migrates = 'applies pending migrations (which may drop or rewrite tables and columns) to';
  const hit = (framework: FrameworkId, what: string, effect: string): Hit => ({ framework, what, effect, productionOnly: true });
  if (tool === 'knex') {
    const c = words.find((w) => /^(seed:run|migrate:latest|migrate:up)$/.test(w));
    return c ? hit('knex', `knex ${c}`, c.startsWith('seed') ? seeds : migrates) : undefined;
  }
  if (tool === 'sequelize' || tool === 'sequelize-cli') {
    const c = words.find((w) => /^db:(seed:all|seed|migrate)$/.test(w));
    return c ? hit('sequelize', `sequelize ${c}`, c.includes('seed') ? seeds : migrates) : undefined;
  }
  if (tool === 'prisma' && words[0] === 'migrate' && words[1] === 'deploy') return hit('prisma', 'prisma migrate deploy', migrates);
  if (tool === 'prisma' && words[0] === 'db' && words[1] === 'seed') return hit('prisma', 'prisma db seed', seeds);
  // `prisma db push` writes the schema straight to the database, with no migration to review (prisma.io/docs/orm/reference/prisma-cli-reference#db-push).
  if (tool === 'prisma' && words[0] === 'db' && words[1] === 'push') return hit('prisma', 'prisma db push', 'applies the schema (dropping or rewriting what it no longer has) to');
  // `mix run priv/repo/seeds.exs`: Phoenix's seed script.
  if (tool === 'mix' && words[0] === 'run' && words.some((w) => /seeds?\.exs$/.test(w))) return hit('elixir', `mix run ${words.find((w) => /seeds?\.exs$/.test(w))}`, seeds);
  if (tool === 'dbt' && /^(run|build|seed)$/.test(words[0] ?? '') && words.includes('--full-refresh')) {
    return hit('dbt', `dbt ${words[0]} --full-refresh`, 'drops and rebuilds the incremental tables (keeping only what the sources still hold) of');
  }
  // Team decision 2026-12-03: `dbt run|build|seed|snapshot` on a production target replaces its tables and
  // snapshots (docs.getdbt.com/reference/commands/build); on a dev target it stays routine.
  if (tool === 'dbt' && /^(run|build|seed|snapshot)$/.test(words[0] ?? '') && !words.some((w) => w === '--help' || w === '-h')) {
    return hit('dbt', `dbt ${words[0]}`, 'rebuilds (drops and replaces) the models, seeds and snapshots of');
  }
  // Round 8: migrations applied by drizzle-kit.
  if (tool === 'drizzle-kit' && words[0] === 'migrate') return hit('drizzle', 'drizzle-kit migrate', migrates);
  // A project's seed script run by the runtime (`node prisma/seed.js`, what `npm run db:seed` runs): seeds usually empty the tables they fill.
  const seedFile = /^(node|tsx|ts-node|bun)$/.test(tool) ? words.find((w) => /(^|\/)(seeds?|seeders?)(\/[\w.-]+)?\.[cm]?[jt]s$/.test(w)) : undefined;
  if (seedFile !== undefined) return hit('prisma', `${tool} ${seedFile}`, seeds);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// ORM code evaluated by a console

const ORM_DELETES: readonly RegExp[] = [
  /\.(delete_all|destroy_all|destroy_by|delete_by|update_all|truncate|destroy!?|delete)\b(?!\?)/, // ActiveRecord
  /\bconnection\.(truncate|execute)\b/,
  /\.objects\b[\s\S]*?\.(delete|update)\s*\(/, // Django querysets
  /\bRepo\.(delete_all|delete!?|update_all)\s*\(/, // Ecto
  /->\s*(delete|forceDelete|truncate|destroy)\s*\(|::\s*(destroy|truncate)\s*\(/, // Eloquent
  /\.(deleteMany|deleteOne|drop|dropDatabase|remove)\s*\(/, // Mongoose / Mongo
  /\b(shutil\.rmtree|FileUtils\.rm_rf)\b/,
  // Job queues emptied (every pending, retrying, scheduled or dead job): Sidekiq's API, Resque, Celery's purge.
  /\bSidekiq::(?:Queue|RetrySet|ScheduledSet|DeadSet)\b[\w.()'":, ]*\.clear\b|\bResque\.remove_queue\b|\.control\.purge\s*\(/,
  // Schema drops through the ORM: ActiveRecord's `drop_table`, SQLAlchemy's `db.drop_all()`, Laravel's `Schema::drop`.
  /\b(drop_table|drop_all|drop_database|drop_schema|remove_column|purge_current_database)\b|Schema::(?:drop|dropIfExists)\b/,
];

const SQL_IN_CODE = /\b(DELETE\s+FROM|DROP\s+(TABLE|DATABASE|SCHEMA)|TRUNCATE(\s+TABLE)?\s+\w)/i;

/** The first ORM call (or SQL) in code that deletes or rewrites records. */
export function ormDeleteIn(code: string): string | undefined {
  const text = code.length > 200_000 ? code.slice(0, 200_000) : code;
  for (const re of ORM_DELETES) {
    const m = re.exec(text);
    if (m) {
      const start = Math.max(0, text.lastIndexOf('\n', m.index) + 1);
      const lineEnd = text.indexOf('\n', m.index);
      const line = text.slice(start, lineEnd < 0 ? undefined : lineEnd).trim();
      return line.length > 100 ? `${line.slice(0, 100)}…` : line;
    }
  }
  const sql = SQL_IN_CODE.exec(text);
  return sql ? sql[0] : undefined;
}

function readCode(inv: Invocation, facts: Facts, path: string): string | undefined {
  if (/[$`]/.test(path)) return undefined;
  return facts.readFile(resolvePath(resolvePath(facts.cwd, inv.cwd, facts.home), path, facts.home));
}

/** Code a console reads on standard input (a heredoc, `< script.py`, `echo '…' |`); undefined when none or unreadable. */
function consoleInput(inv: Invocation, facts: Facts): { code?: string; opaque?: string } {
  const s = stdinText(inv, facts);
  return s.text !== undefined ? { code: s.text } : s.opaque !== undefined ? { opaque: s.opaque } : {};
}

/** Console code that makes or promotes an administrator (`User.create!(admin: true)`, `create_superuser`, `is_staff=True`). */
const ADMIN_ACCOUNT_CODE = /\b(create_superuser|createsuperuser)\b|\b(create|create!|update|update!|update_attribute|save|new)\b[\s\S]{0,200}\b(admin|is_admin|superuser|is_superuser|is_staff|role)\b['"]?\s*(:|=>|=)\s*(true|True|1|['"](admin|owner|superuser)['"])/;

/** Console code that sets an existing user's password (`u.password = …`, `update!(password: …)`, Django's `set_password(…)`). */
const PASSWORD_CODE = /\.password\s*=[^=]|\b(update|update!|update_attribute|update_column)\s*\(?[\s\S]{0,120}?\bpassword['"]?\s*(:|=>|,)|\.set_password\s*\(|\breset_password\s*\(/;

function codeHit(framework: FrameworkId, what: string, code: string | undefined): Hit | undefined {
  const call = code === undefined ? undefined : (ormDeleteIn(code) ?? everyRowOrmCall(plainOrmCode(code))); // filtered: asks on production only
  if (call) return { framework, what, effect: `evaluates code that deletes or rewrites records (${call}) in`, ...(scopedOrmWrite(code ?? '') ? { productionOnly: true as const } : {}) };
  // Routine on a development database; on production it is an administrator account nobody reviewed.
  // Stop 40 (round 39): a user's password set, asked where an administrator made is (the development database's own stays routine, r7-data).
  if (code !== undefined && PASSWORD_CODE.test(code)) return { framework, what, effect: "evaluates code that sets a user's password in", productionOnly: true };
  return code !== undefined && ADMIN_ACCOUNT_CODE.test(code) ? { framework, what, effect: 'evaluates code that creates or promotes an administrator account in', productionOnly: true } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Commands

const texts = (args: readonly ArgWord[]): string[] => args.map((a) => a.text);

function optionValue(words: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    for (const n of names) {
      if (w === n && words[i + 1] !== undefined) return words[i + 1];
      if (w.startsWith(n + '=')) return w.slice(n.length + 1);
    }
  }
  return undefined;
}

function drizzle(words: string[]): Hit | undefined {
  if (words[0] === 'push' && (words.includes('--force') || words.includes('--force=true'))) {
    return { framework: 'drizzle', what: 'drizzle-kit push --force', effect: 'applies the schema without asking about data loss (dropped tables and columns) to' };
  }
  if (words[0] === 'drop') return { framework: 'drizzle', what: 'drizzle-kit drop', effect: 'deletes a generated migration of' };
  return undefined;
}

const ARTISAN_DESTROY: Record<string, string> = ownTable({
  'migrate:fresh': 'drops every table of',
  'migrate:reset': 'rolls back every migration of',
  'migrate:refresh': 'rolls back and re-runs every migration of',
  'migrate:rollback': 'rolls back migrations of',
  'db:wipe': 'drops every table, view and type of',
  'queue:flush': 'deletes every failed job of',
  'queue:clear': 'deletes every queued job of',
  'horizon:clear': 'deletes every queued job of a Horizon queue of',
});

/** Pruning commands that keep what is younger than an age: with the age 0 they delete everything (failed jobs, the audit trail). */
const ARTISAN_PRUNE_ALL: Record<string, string> = ownTable({
  'queue:prune-failed': 'deletes every failed job of',
  'queue:prune-batches': 'deletes every job batch record of',
  'activitylog:clean': 'deletes the whole activity (audit) log of',
  'telescope:prune': 'deletes every Telescope entry of',
});

/** Routine on a development checkout, asked on production: pending migrations, seeds, maintenance mode. */
const ARTISAN_PRODUCTION: Record<string, string> = ownTable({
  migrate: 'applies pending migrations (which may drop or rewrite tables and columns) to',
  'db:seed': 'runs seeders (which usually empty the tables they fill) on',
  down: 'puts the application in maintenance mode (every request answered 503) in front of',
});

/** An APP_KEY with a value in the project's .env: the key that decrypts what the application encrypted. */
function hasAppKey(inv: Invocation, facts: Facts): boolean {
  return /^APP_KEY=\s*["']?[^\s"'#]/m.test(readCode(inv, facts, '.env') ?? '');
}

function artisan(words: string[], inv: Invocation, facts: Facts): Hit | undefined {
  const command = words[0];
  if (command === undefined || words.includes('--pretend')) return undefined;
  const effect = ARTISAN_DESTROY[command];
  if (effect) return { framework: 'laravel', what: `artisan ${command}`, effect };
  if (ARTISAN_PRUNE_ALL[command] !== undefined && words.some((w, i) => /^--(hours|days|age)=0+$/.test(w) || (/^--(hours|days|age)$/.test(w) && /^0+$/.test(words[i + 1] ?? '')))) return { framework: 'laravel', what: `artisan ${words.join(' ')}`, effect: ARTISAN_PRUNE_ALL[command] };
  if (ARTISAN_PRODUCTION[command] !== undefined) return { framework: 'laravel', what: `artisan ${command}`, effect: ARTISAN_PRODUCTION[command], productionOnly: true };
  // A new key replaces the one in .env (which git does not keep): sessions, signed URLs and encrypted columns made with it become unreadable.
  // `--force` skips the confirmation Laravel asks for in production; a fresh .env with an empty key is routine set-up.
  if (command === 'key:generate' && !words.includes('--show') && (words.includes('--force') || hasAppKey(inv, facts))) {
    return { framework: 'laravel', what: `artisan key:generate${words.includes('--force') ? ' --force' : ''}`, effect: 'replaces APP_KEY in .env (sessions and values encrypted with the old key can no longer be read; git keeps no copy of .env) of the application of' };
  }
  if (command === 'schema:dump' && words.includes('--prune')) return { framework: 'laravel', what: 'artisan schema:dump --prune', effect: 'deletes every migration file in database/migrations after dumping the schema of' };
  if (command === 'tinker') {
    const code = optionValue(words, ['--execute']);
    return codeHit('laravel', 'artisan tinker', code ?? consoleInput(inv, facts).code);
  }
  if (command === 'db' && inv.stdin) return undefined;
  return undefined;
}

function alembic(words: string[]): Hit | undefined {
  const i = words.indexOf('downgrade');
  if (words.includes('upgrade') && !words.includes('--sql')) return { framework: 'alembic', what: 'alembic upgrade', effect: 'applies pending migrations (which may drop or rewrite tables and columns) to', productionOnly: true };
  if (i < 0 || words.includes('--sql')) return undefined;
  const target = words.slice(i + 1).find((w) => !w.startsWith('-')) ?? '';
  return { framework: 'alembic', what: `alembic downgrade ${target}`.trim(), effect: target === 'base' ? 'reverts every migration (dropping their tables and columns) of' : 'reverts migrations (dropping the tables and columns they added) of' };
}

const RAILS_ROLLBACK = new Set(['db:rollback', 'db:migrate:down', 'db:migrate:redo']);

function rails(words: string[], inv: Invocation, facts: Facts): Hit | undefined {
  const task = words.find((w) => RAILS_ROLLBACK.has(w));
  const forward = words.find((w) => w === 'db:migrate' || w === 'db:seed');
  if (forward !== undefined && !task && !(words.includes('VERSION=0') || inv.assignments.VERSION === '0')) {
    return { framework: 'rails', what: `rails ${forward}`, effect: forward === 'db:seed' ? 'runs seeds (which may empty the tables they fill) on' : 'applies pending migrations (which may drop or rewrite tables and columns) to', productionOnly: true };
  }
  // `db:migrate VERSION=0` migrates down past the first migration.
  if (words.includes('db:migrate') && (words.includes('VERSION=0') || inv.assignments.VERSION === '0')) return { framework: 'rails', what: 'rails db:migrate VERSION=0', effect: 'reverts every migration (dropping their tables) of' };
  if (task) return { framework: 'rails', what: `rails ${task}`, effect: 'reverts migrations (dropping the tables and columns they added) of' };
  const command = words[0];
  if (command === 'runner' || command === 'r') {
    const code = words.slice(1).find((w) => !w.startsWith('-') && !/^(production|staging|development|test)$/.test(w));
    if (code !== undefined && code.endsWith('.rb')) return codeHit('rails', 'rails runner', readCode(inv, facts, code));
    return codeHit('rails', 'rails runner', code);
  }
  if (command === 'console' || command === 'c' || command === 'dbconsole' || command === 'db') {
    const input = consoleInput(inv, facts);
    if (command === 'console' || command === 'c') return codeHit('rails', 'rails console', input.code);
    if (input.code !== undefined) {
      const destroy = scanSql(input.code).find((s) => s.effect === 'destroy' || /^(delete|update)\b/i.test(s.text));
      if (destroy) return { framework: 'rails', what: 'rails dbconsole', effect: `runs ${destroy.summary} on` };
    }
  }
  return undefined;
}

function django(words: string[], inv: Invocation, facts: Facts): Hit | undefined {
  const command = words[0];
  if (command === 'shell' || command === 'shell_plus') {
    const code = optionValue(words, ['-c', '--command']);
    return codeHit('django', `manage.py ${command}`, code ?? consoleInput(inv, facts).code);
  }
  if (command === 'migrate') {
    const operands = words.slice(1).filter((w) => !w.startsWith('-'));
    if (operands[1] === 'zero' && !words.includes('--plan')) return { framework: 'django', what: `manage.py migrate ${operands[0]} zero`, effect: 'reverts every migration of the app (dropping its tables) in' };
    // A named migration of an app: migrating to it reverts every later one that is applied (docs.djangoproject.com migrate).
    if (operands[1] !== undefined && !words.includes('--plan') && !words.includes('--fake')) return { framework: 'django', what: `manage.py migrate ${operands[0]} ${operands[1]}`, effect: `reverts the migrations of ${operands[0]} after ${operands[1]} (dropping the tables and columns they added) in` };
    if (!words.includes('--plan') && !words.includes('--check')) return { framework: 'django', what: 'manage.py migrate', effect: 'applies pending migrations (which may drop or rewrite tables and columns) to', productionOnly: true };
  }
  // Users made or their passwords changed: the developer's own on a development database, a backdoor or a lockout on production.
  if (command === 'createsuperuser' || command === 'changepassword' || command === 'loaddata') {
    const effect = command === 'loaddata' ? 'overwrites rows with the fixtures in' : command === 'createsuperuser' ? 'creates an administrator account in' : "changes a user's password in";
    return { framework: 'django', what: `manage.py ${command}`, effect, productionOnly: true };
  }
  // django-extensions' `runscript NAME` runs the module NAME of the project's scripts folder (or an app's) in the project's environment.
  if (command === 'runscript' && words[1] !== undefined && /^\w+$/.test(words[1])) {
    const code = readCode(inv, facts, `scripts/${words[1]}.py`);
    return code !== undefined ? codeHit('django', `manage.py runscript ${words[1]}`, code) : { framework: 'django', what: `manage.py runscript ${words[1]}`, effect: `runs the script ${words[1]}, which cannot be read in advance, on` };
  }
  if (command === 'dbshell') {
    // `manage.py dbshell -- -c 'DROP TABLE users'`: the words after `--` go to the database's own client.
    const passed = words.indexOf('--') >= 0 ? optionValue(words.slice(words.indexOf('--') + 1), ['-c', '--command', '-e', '--execute', '--eval']) : undefined;
    const passedDestroy = passed !== undefined ? scanSql(passed).find((st) => st.effect === 'destroy' || /^(delete|update)\b/i.test(st.text)) : undefined;
    if (passedDestroy) return { framework: 'django', what: 'manage.py dbshell --', effect: `runs ${passedDestroy.summary} on` };
    const s = inv.stdin;
    if (s?.kind === 'pipe' && s.from.args.some((a) => a.text === 'sqlflush')) return { framework: 'django', what: 'manage.py sqlflush | manage.py dbshell', effect: 'empties every table of' };
    const input = consoleInput(inv, facts);
    if (input.code !== undefined) {
      const destroy = scanSql(input.code).find((st) => st.effect === 'destroy' || /^(delete|update)\b/i.test(st.text));
      if (destroy) return { framework: 'django', what: 'manage.py dbshell', effect: `runs ${destroy.summary} on` };
    }
  }
  return undefined;
}

const DJANGO_WIPES: Readonly<Record<string, string>> = ownTable({ flush: 'empties every table of', reset_db: 'drops and recreates', reset_schema: 'drops and recreates the schema of' });

function djangoModule(words: string[], inv: Invocation, facts: Facts): Hit | undefined {
  const effect = DJANGO_WIPES[words[0] ?? ''];
  return effect ? { framework: 'django', what: `python -m django ${words[0]}`, effect } : django(words, inv, facts);
}

function sqlFrom(framework: FrameworkId, what: string, scripts: readonly string[]): Hit | undefined {
  for (const script of scripts) {
    const st = scanSql(script).find((s) => s.effect === 'destroy' || /^(delete|update)\b/i.test(s.text));
    if (st) return { framework, what, effect: `runs ${st.summary} on` };
  }
  return undefined;
}

function prisma(words: string[], inv: Invocation, facts: Facts): Hit | undefined {
  if (words[0] !== 'db' || words[1] !== 'execute') return undefined;
  const scripts: string[] = [];
  const file = optionValue(words, ['--file']);
  if (file !== undefined) {
    const text = readCode(inv, facts, file);
    if (text === undefined) return { framework: 'prisma', what: 'prisma db execute', effect: `runs the statements of ${file}, which cannot be read in advance, on` };
    scripts.push(text);
  }
  if (words.includes('--stdin')) {
    const input = consoleInput(inv, facts);
    if (input.code !== undefined) scripts.push(input.code);
    else return { framework: 'prisma', what: 'prisma db execute --stdin', effect: 'runs statements read from standard input, which cannot be read in advance, on' };
  }
  return sqlFrom('prisma', 'prisma db execute', scripts);
}

/** Medusa's CLI (docs.medusajs.com/resources/medusa-cli): `db:rollback`, `db:migrate:revert`, `db:reset`/`db:drop` undo migrations or drop the schema. */
function medusa(words: string[]): Hit | undefined {
  const c = words.find((w) => /^db:(rollback|reset|drop|fresh|migrate:(revert|rollback|down|undo|fresh|reset))$/.test(w));
  return c ? { framework: 'medusa', what: `medusa ${c}`, effect: /drop|fresh|reset/.test(c) ? 'drops or rewrites the tables of' : 'reverts migrations (dropping what they created) of' } : undefined;
}

function typeorm(words: string[]): Hit | undefined {
  // `schema:sync` makes the tables match the entities: columns and tables they no longer have are dropped.
  if (words[0] === 'schema:sync') return { framework: 'typeorm', what: 'typeorm schema:sync', effect: 'synchronizes the schema with the entities (dropping the tables and columns they no longer have) of' };
  if (words[0] === 'schema:drop') return { framework: 'typeorm', what: 'typeorm schema:drop', effect: 'drops every table of' };
  if (words[0] === 'migration:revert') return { framework: 'typeorm', what: 'typeorm migration:revert', effect: 'reverts the last migration of' };
  if (words[0] === 'query') {
    const sql = words.slice(1).find((w) => !w.startsWith('-'));
    return sql !== undefined ? sqlFrom('typeorm', 'typeorm query', [sql]) : undefined;
  }
  return undefined;
}

function sequelize(words: string[]): Hit | undefined {
  const command = words.find((w) => /^db:(migrate:undo|seed:undo)/.test(w));
  return command ? { framework: 'sequelize', what: `sequelize ${command}`, effect: command.endsWith('all') ? 'reverts everything applied to' : 'reverts changes applied to' } : undefined;
}

function knex(words: string[]): Hit | undefined {
  const command = words.find((w) => w === 'migrate:down' || w === 'migrate:rollback');
  return command ? { framework: 'knex', what: `knex ${command}${words.includes('--all') ? ' --all' : ''}`, effect: 'reverts migrations (dropping the tables and columns they added) of' } : undefined;
}

function mongorestore(words: string[]): Hit | undefined {
  if (!words.includes('--drop') || words.includes('--dryRun')) return undefined;
  const uri = optionValue(words, ['--uri']) ?? optionValue(words, ['--host', '-h']);
  return { framework: 'mongodb', what: 'mongorestore --drop', effect: 'drops each collection before restoring it in', ...(uri !== undefined ? { url: uri } : {}) };
}

/** `bin/app eval 'Repo.delete_all(…)'` (an Elixir release), `mix run -e '…'`. */
function elixir(name: string, command: string, words: string[]): Hit | undefined {
  if (name === 'mix' && words[0] === 'run') return codeHit('elixir', 'mix run', optionValue(words, ['-e', '--eval']));
  if (/(^|\/)bin\/[\w-]+$/.test(command) && (words[0] === 'eval' || words[0] === 'rpc')) return codeHit('elixir', `${command} ${words[0]}`, words[1]);
  return undefined;
}

const PYTHONS = /^(python[0-9.]*|py)$/;

function hitOf(inv: Invocation, facts: Facts): Hit | undefined {
  const { name, args } = effectiveCommand(inv);
  let words = texts(args);
  let tool = name.replace(/\.(js|ts|cjs|mjs)$/, '');
  // `pnpm drizzle-kit push`, `yarn knex migrate:down`: a package manager running a project binary.
  if ((tool === 'pnpm' || tool === 'yarn' || tool === 'bun') && words[0] !== undefined && /^(drizzle-kit|knex|typeorm|sequelize(-cli)?|prisma)$/.test(words[0])) {
    tool = words[0];
    words = words.slice(1);
  }
  if (tool === 'php' || tool === 'sail') {
    const i = words.findIndex((w) => /(^|\/)artisan$/.test(w));
    return i >= 0 ? artisan(words.slice(i + 1), inv, facts) : undefined;
  }
  if (tool === 'artisan') return artisan(words, inv, facts);
  // `flask shell <<< 'db.drop_all()'`: the app's shell, with the code on standard input.
  if (tool === 'flask' && words[0] === 'shell') return codeHit('flask', 'flask shell', consoleInput(inv, facts).code);
  // `iex -S mix run -e '…'`: IEx starting a Mix task; `iex -S mix <<< '…'`: the app's shell fed on standard input.
  // Stop 30 (round 11): `iex -S mix -e '…'` (or `-e` first) evaluates its own code in the app.
  const mixAt = words.indexOf('-S');
  if (tool === 'iex' && mixAt >= 0 && words[mixAt + 1] === 'mix') return words[mixAt + 2] === 'run' ? elixir('mix', 'mix', words.slice(mixAt + 2)) : codeHit('elixir', 'iex -S mix', optionValue(words, ['-e', '--eval']) ?? consoleInput(inv, facts).code);
  // `irb -r ./config/environment <<< '…'`: a Rails app loaded into a plain Ruby shell.
  if ((tool === 'irb' || tool === 'pry') && words.some((w) => /config\/environment(\.rb)?$/.test(w))) return codeHit('rails', `${tool} -r config/environment`, consoleInput(inv, facts).code);
  if (PYTHONS.test(tool)) {
    const i = words.findIndex((w) => w.endsWith('manage.py'));
    if (i >= 0) return django(words.slice(i + 1), inv, facts);
    const m = words.findIndex((w) => w === '-m');
    if (m >= 0 && words[m + 1] === 'alembic') return alembic(words.slice(m + 2));
    // `python -m django flush`: the database pack reads `manage.py flush`, not the module form.
    if (m >= 0 && words[m + 1] === 'django') return djangoModule(words.slice(m + 2), inv, facts);
    if (m >= 0 && words[m + 1] === 'flask' && words[m + 2] === 'shell') return codeHit('flask', 'flask shell', consoleInput(inv, facts).code);
    return undefined;
  }
  const forProduction = productionWork(tool, words);
  if (forProduction) return forProduction;
  switch (tool) {
    case 'drizzle-kit':
      return drizzle(words);
    case 'alembic':
      return alembic(words);
    case 'rails':
    case 'rake':
      return rails(words, inv, facts);
    case 'gitlab-rails': {
      // Stop 40 (round 39): GitLab's console is the installation's own (Omnibus runs it in production): its work is never the developer's.
      const hit = rails(words, inv, facts);
      return hit === undefined ? undefined : { framework: hit.framework, what: hit.what.replace(/^rails/, 'gitlab-rails'), effect: hit.effect };
    }
    case 'manage.py':
    case 'django-admin':
      return django(words, inv, facts);
    case 'prisma':
      return prisma(words, inv, facts);
    case 'sequelize':
    case 'sequelize-cli':
      return sequelize(words);
    case 'knex':
      return knex(words);
    case 'mongorestore':
      return mongorestore(words);
    default:
      if (tool.startsWith('typeorm')) return typeorm(words);
      if (tool === 'medusa') return medusa(words);
      return elixir(tool, inv.command, words);
  }
}

// ---------------------------------------------------------------------------------------------
// Environment

/** Names that say which environment the framework runs in, with where each came from. */
function environmentSources(hit: Hit, inv: Invocation, facts: Facts): { source: string; value: string }[] {
  const fw: Framework = FRAMEWORKS[hit.framework];
  const out: { source: string; value: string }[] = [];
  const words = hit.words ?? texts(effectiveCommand(inv).args);
  for (const v of fw.envVars) {
    const value = inv.assignments[v] ?? facts.envSelectors[v];
    if (value !== undefined && value !== '') out.push({ source: v, value });
  }
  for (const w of words) {
    const m = /^([A-Z][A-Z_]*)=(.+)$/.exec(w);
    if (m && fw.envVars.includes(m[1] as string)) out.push({ source: `${m[1]}=`, value: m[2] as string });
  }
  for (const flag of fw.envFlags) {
    const value = optionValue(words, [flag]);
    if (value !== undefined) out.push({ source: flag, value: value.replace(/^env=/, '') });
  }
  // Rails: `bin/rails console -e production` / `rails runner -e production`; `bin/rails console production`.
  if (hit.framework === 'rails' && /^(console|c|dbconsole|db|runner|r)$/.test(words[0] ?? '') && /^(production|staging)$/.test(words[1] ?? '')) out.push({ source: 'environment', value: words[1] as string });
  // `drizzle-kit migrate --config drizzle.prod.config.ts`: a config file named for an environment.
  const config = hit.framework === 'drizzle' ? optionValue(words, ['--config']) : undefined;
  if (config !== undefined && /(^|[./_-])(prod|production|staging|live)([./_-]|$)/i.test(config)) out.push({ source: '--config', value: config });
  // An env file a wrapper loads (`dotenv -e .env.production --`, `env-cmd -f .env.staging`).
  for (const w of inv.wrapperWords ?? []) {
    const m = envFileOf(w);
    if (m) out.push({ source: m[0], value: m[1] as string });
  }
  if (inv.remote) out.push(...inv.remote.names);
  return out;
}

function targetOf(hit: Hit, inv: Invocation, ctx: RuleContext): Target {
  const fw: Framework = FRAMEWORKS[hit.framework];
  const sources = environmentSources(hit, inv, ctx.facts);
  // The project's .env speaks only when nothing on the command picks an environment (`MIX_ENV=prod` loads other settings).
  const selected = sources.length > 0 || FRAMEWORKS[hit.framework].envVars.some((v) => inv.assignments[v] !== undefined || ctx.facts.envSelectors[v] !== undefined);
  const url = hit.url ?? optionValue(hit.words ?? texts(effectiveCommand(inv).args), ['--url']) ?? inv.assignments.DATABASE_URL ?? (selected ? undefined : dotenvDatabase(inv, ctx.facts));
  const values = url !== undefined ? [url] : [];
  const urlHost = url !== undefined ? hostOf(url) : undefined;
  const urlIsLocal = url !== undefined && urlHost !== undefined && isLocalHost(urlHost) && !/[$`]/.test(url);
  const remote = inv.remote !== undefined || !urlIsLocal;
  const selectors = [...fw.envVars, 'NODE_ENV', 'APP_ENV', 'RAILS_ENV', 'ENVIRONMENT', 'STAGE'];
  let env = ctx.environmentOf({ values, sources, remote, selectors });
  const signalled = sources.length > 0 || url !== undefined || selectors.some((s) => inv.assignments[s] !== undefined || ctx.facts.envSelectors[s] !== undefined);
  if (env.environment === 'unknown' && !signalled && fw.defaultEnvironment !== undefined && !ctx.facts.envNames.includes('DATABASE_URL') && !dotenvUnread(inv, ctx.facts)) {
    env = { environment: 'non-production', reason: `no environment set; ${fw.label} defaults to ${fw.defaultEnvironment}` };
  }
  // Stop 37: variables a secret store or env loader hands over (`doppler run -c prd -- npm run db:migrate`) say it too.
  if (env.environment !== 'production' && url === undefined) env = loadedProduction(inv, ctx) ?? env;
  const where = inv.remote ? ` on ${inv.remote.place}` : urlHost ? ` on ${urlHost}` : '';
  return { kind: 'database', name: `the ${fw.label} database${where}`, provider: hit.framework, remote, environment: env.environment, environmentReason: env.reason };
}

/** Which framework's command line this is, for the environment of read-only work (`sequelize db:migrate:status --env production`). */
function frameworkNamed(inv: Invocation): FrameworkId | undefined {
  const { name, args } = effectiveCommand(inv);
  const tool = name.replace(/\.(js|ts|cjs|mjs)$/, '');
  const words = texts(args);
  if (tool === 'manage.py' || tool === 'django-admin' || (PYTHONS.test(tool) && (words.some((w) => w.endsWith('manage.py')) || (words[0] === '-m' && words[1] === 'django')))) return 'django';
  if (tool === 'artisan' || ((tool === 'php' || tool === 'sail') && words.some((w) => /(^|\/)artisan$/.test(w)))) return 'laravel';
  if (tool === 'rails' || tool === 'rake') return 'rails';
  if (tool === 'sequelize' || tool === 'sequelize-cli') return 'sequelize';
  if (tool === 'knex') return 'knex';
  if (tool === 'dbt') return 'dbt';
  return undefined;
}

/** Read-only framework work whose environment option or variable names production: allowed and marked production. */
function frameworkAccess(inv: Invocation, ctx: RuleContext): Finding[] {
  const framework = frameworkNamed(inv);
  if (framework === undefined) return [];
  const hit: Hit = { framework, what: '', effect: '' };
  const sources = environmentSources(hit, inv, ctx.facts);
  if (sources.length === 0) return [];
  const target = targetOf(hit, inv, ctx);
  if (target.environment !== 'production') return [];
  return [{ rule: 'frameworks.production-access', risk: 'production-access', severity: 'info', reason: `${inv.name} works on ${target.name}, which is production (${target.environmentReason}).`, targets: [target] }];
}

/**
 * CLIs whose argument parser answers `--help` (and `-h`) anywhere before `--` by printing the command's
 * help and running nothing: Symfony Console (artisan), drizzle-kit, Prisma, Knex, TypeORM, Sequelize
 * (yargs/commander), Alembic and Django (argparse). A code hit (a console fed code) is never help.
 */
const HELP_PARSERS: ReadonlySet<FrameworkId> = new Set<FrameworkId>(['laravel', 'drizzle', 'prisma', 'knex', 'typeorm', 'sequelize', 'alembic', 'django']);
function asksForHelpOnly(hit: Hit, inv: Invocation): boolean {
  if (!HELP_PARSERS.has(hit.framework) || /evaluates code/.test(hit.effect)) return false;
  const words = texts(effectiveCommand(inv).args);
  const end = words.indexOf('--');
  return (end < 0 ? words : words.slice(0, end)).some((w) => w === '--help' || w === '-h');
}

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  const hit = hitOf(inv, ctx.facts);
  if (hit && asksForHelpOnly(hit, inv)) return [];
  if (!hit) {
    const fromFile = envFileAccess(inv, ctx);
    return fromFile.length > 0 ? fromFile : frameworkAccess(inv, ctx);
  }
  // The test environment's database is recreated by the test runner itself.
  if (hit.url === undefined ? testEnvironmentOnly(inv, ctx.facts, environmentSources(hit, inv, ctx.facts)) : inv.remote === undefined && localTestUrl(hit.url)) return [];
  const target = targetOf(hit, inv, ctx);
  // Run on another machine whose names say nothing (`kubectl exec deploy/api -- …`): unknown there is production.
  if (hit.productionOnly === true && target.environment !== 'production' && !(inv.remote !== undefined && target.environment === 'unknown')) return frameworkAccess(inv, ctx);
  return [{ rule: `frameworks.${hit.framework}`, risk: 'destructive', severity: 'ask', reason: `Runs ${hit.what}, which ${hit.effect} ${target.name}.`, targets: [target] }];
}

export const FRAMEWORK_COMMANDS: readonly string[] = [
  'drizzle-kit', 'php', 'sail', 'artisan', 'alembic', 'rails', 'rake', 'gitlab-rails', 'manage.py', 'django-admin', 'python', 'python3', 'py',
  'prisma', 'typeorm', 'typeorm-ts-node-commonjs', 'typeorm-ts-node-esm', 'sequelize', 'sequelize-cli', 'knex', 'mongorestore', 'mix', 'iex', 'flask', 'irb', 'pry',
  'npx', 'pnpx', 'bunx', 'npm', 'pnpm', 'yarn', 'bun', 'bundle', 'dbt', 'medusa', 'node', 'tsx', 'ts-node',
];
const FRAMEWORK_NAMES: ReadonlySet<string> = new Set(FRAMEWORK_COMMANDS);

export const frameworksPack: RulePack = {
  id: 'frameworks',
  title: 'ORMs, migration tools and framework consoles that drop, roll back or delete records',
  // What the check below lets through: the framework commands, Python, and a release binary's first word `eval`/`rpc`.
  gate: { names: FRAMEWORK_COMMANDS, namePattern: /^python[0-9.]*$/, words: /^(eval|rpc)$/ },
  checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
    // Release binaries (`bin/shop eval …`) have project-specific names: only their `eval`/`rpc` word is looked at.
    if (!FRAMEWORK_NAMES.has(inv.name) && !((inv.args[0]?.text === 'eval' || inv.args[0]?.text === 'rpc') && /(^|\/)bin\//.test(inv.command))) {
      if (!/^python[0-9.]*$/.test(inv.name)) return [];
    }
    return checkInvocation(inv, ctx);
  },
};
