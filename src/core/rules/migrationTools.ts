import { ownTable } from '../ownTable';
import { MIGRATION_GRAMMARS } from '../policy/readerGrammars';
import { parseCommand, type GrammarSpec } from '../registry/grammar';
import type { ArgWord, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { buildToolGoal, GOAL_RUNNERS } from './migrationGoals';
import { checkSchemaDropSnippet } from './migrationSnippets';
import { hostOf, isLocalHost } from '../policy/production';
import { isSharedDryRun } from '../registry/verbTraits';
import { effectiveCommand } from './support/commandLine';
import { mayBeProduction } from './support/cliCommands';
import { dotenvDatabase, testEnvironmentOnly } from './support/testDatabases';
import { namespacedRead, OWN_COMMANDS, readsOnly } from './support/migrationCommands';

/**
 * Schema migration tools whose commands drop or roll back everything: `flyway clean`, `goose reset` /
 * `down-to 0`, `atlas schema clean`, golang-migrate `drop` / `down`, `dbmate drop`, `liquibase dropAll`
 * and `rollback*`, `sqitch revert`, `mix ecto.drop|reset|rollback`, `diesel database reset`, `sqlx
 * database drop`, `sea-orm-cli migrate fresh`, `dotnet ef database drop`, Doctrine's `schema:drop` and
 * `fixtures:load`, `flask db downgrade`, `hasura migrate apply --down`, and the Node runners
 * (`node-pg-migrate down`, `db-migrate reset`, `migrate-mongo down`, `mikro-orm schema:drop`,
 * `payload migrate:fresh`, `kysely migrate rollback --all`, `yii migrate/fresh`). Each tool is data: the words that destroy
 * (from its own documentation), the options and variables that name the database or the environment.
 *
 * A destroying command asks wherever it runs (a rollback on a development database still loses what
 * its tables held); the database is the one its URL names, a local file or host being this machine,
 * and nothing naming one means the environment is unknown — production — unless the tool documents a
 * development default (`MIX_ENV` is `dev`). Read-only commands (`flyway info`, `goose status`, `atlas
 * schema inspect`) stay allowed, marked production when what they name is.
 */

interface Option { name: string; value: string | undefined }

interface Reading {
  /** Operands and subcommand words, in order, without option values. */
  words: string[];
  options: Option[];
}

interface MigrationTool {
  label: string;
  /** Options whose value is the database (a URL, a DSN, a target). */
  urlOptions: readonly string[];
  /** Variables holding the database URL. */
  urlVariables: readonly string[];
  /** Options and variables naming the environment (`--env prod`, `MIX_ENV=prod`). */
  envOptions?: readonly string[];
  /** Options naming a file of settings (`-configFiles=conf/production.conf`, `--env-file .env.production`): its name may name the environment. */
  fileOptions?: readonly string[];
  envVariables?: readonly string[];
  /** Where the tool runs with nothing set, when that is this machine's development database. */
  defaultEnvironment?: string;
  /** Options that only print or plan what would run. */
  dryRun?: readonly string[];
  /** What the command destroys, as a clause before the database ("drops every object in"), or undefined. */
  destroys(r: Reading): string | undefined;
  /** An operand naming the database (goose's DBSTRING, sqitch's `db:` target). */
  target?(r: Reading): string | undefined;
}

const has = (r: Reading, ...names: string[]): boolean => r.options.some((o) => names.includes(o.name));
const value = (r: Reading, ...names: string[]): string | undefined => r.options.find((o) => names.includes(o.name))?.value;
const lower = (w: string | undefined): string => (w ?? '').toLowerCase();
/** `drop-all`, `dropAll`, `DROP_ALL` -> `dropall`. */
const squash = (w: string | undefined): string => lower(w).replace(/[-_]/g, '');

const ALL_OF = 'every migration of';

const GOOSE_COMMANDS = new Set(['up', 'up-by-one', 'up-to', 'down', 'down-to', 'redo', 'reset', 'status', 'version', 'create', 'fix', 'validate', 'env']);

const TOOLS: Readonly<Record<string, MigrationTool>> = ownTable({
  flyway: {
    label: 'Flyway',
    urlOptions: ['-url'],
    urlVariables: ['FLYWAY_URL'],
    envOptions: ['-environment'],
    fileOptions: ['-configFiles'],
    envVariables: ['FLYWAY_ENVIRONMENT'],
    dryRun: ['-dryRunOutput'],
    destroys: (r) => {
      const c = lower(r.words[0]);
      if (c === 'clean') return 'drops every object (tables, views, functions, types) in the schemas of';
      if (c === 'undo') return 'reverts the latest versioned migration of';
      return undefined;
    },
  },
  goose: {
    label: 'goose',
    urlOptions: [],
    urlVariables: ['GOOSE_DBSTRING'],
    destroys: (r) => {
      const at = r.words.findIndex((w) => GOOSE_COMMANDS.has(w));
      const c = r.words[at];
      if (c === 'reset') return `rolls back ${ALL_OF}`;
      if (c === 'down') return 'rolls back the latest migration of';
      if (c === 'redo') return 're-runs the latest migration (down, then up: its tables are emptied) of';
      if (c === 'down-to') return r.words[at + 1] === '0' ? `rolls back ${ALL_OF}` : `rolls back the migrations after version ${r.words[at + 1] ?? '?'} of`;
      return undefined;
    },
    target: (r) => {
      const at = r.words.findIndex((w) => GOOSE_COMMANDS.has(w));
      return at >= 2 ? r.words[at - 1] : undefined;
    },
  },
  atlas: {
    label: 'Atlas',
    urlOptions: ['--url', '-u'],
    urlVariables: [],
    envOptions: ['--env'],
    destroys: (r) => {
      const [group, command] = r.words.map(lower);
      if (group === 'schema' && command === 'clean') return 'drops every object (tables, views, functions) of';
      if (group === 'migrate' && command === 'down') return 'reverts applied migrations (dropping what they created) of';
      if (group === 'schema' && command === 'apply' && has(r, '--auto-approve')) return 'applies a schema change without review (tables and columns it drops lose their data) to';
      return undefined;
    },
  },
  migrate: {
    label: 'golang-migrate',
    urlOptions: ['-database', '--database'],
    urlVariables: [],
    destroys: (r) => {
      const c = lower(r.words[0]);
      if (c === 'drop') return 'drops everything in';
      if (c === 'down') return /^\d+$/.test(r.words[1] ?? '') ? `rolls back ${r.words[1]} migration(s) of` : `rolls back ${ALL_OF}`;
      if (c === 'goto') return `migrates to version ${r.words[1] ?? '?'} (rolling back every later migration) on`;
      // `force V` records V as applied and clean without running anything: a failed migration's half-done changes are hidden.
      if (c === 'force') return `records version ${r.words[1] ?? '?'} as applied and clean (hiding a failed migration's half-done changes) on`;
      return undefined;
    },
  },
  dbmate: {
    label: 'dbmate',
    urlOptions: ['--url', '-u'],
    urlVariables: ['DATABASE_URL'],
    fileOptions: ['--env-file'],
    destroys: (r) => {
      const c = lower(r.words[0]);
      if (c === 'drop') return 'drops';
      if (c === 'rollback' || c === 'down') return 'rolls back the latest migration of';
      return undefined;
    },
  },
  liquibase: {
    label: 'Liquibase',
    urlOptions: ['--url'],
    urlVariables: ['LIQUIBASE_COMMAND_URL'],
    fileOptions: ['--defaults-file', '--defaultsFile'],
    destroys: (r) => {
      const c = squash(r.words[0]);
      if (c === 'dropall') return 'drops every object of';
      // `rollback-sql`, `rollback-count-sql` only print the statements.
      if (c.startsWith('rollback') && !c.endsWith('sql')) return 'rolls back changesets (dropping what they created) of';
      return undefined;
    },
  },
  sqitch: {
    label: 'Sqitch',
    urlOptions: ['--target', '-t'],
    urlVariables: ['SQITCH_TARGET'],
    dryRun: ['--log-only'],
    destroys: (r) => {
      const c = lower(r.words[0]);
      if (c === 'revert') return has(r, '--to', '--to-change') || r.words.length > 2 ? 'reverts deployed changes of' : 'reverts every deployed change of';
      if (c === 'rebase') return 'reverts, then redeploys, the changes of';
      if (c === 'checkout') return 'reverts the changes not on that branch in';
      return undefined;
    },
    // `sqitch deploy production`: the first operand of a command that works on a database is its target's name or URI.
    target: (r) => r.words.slice(1).find((w) => w.startsWith('db:')) ?? (/^(deploy|revert|verify|status|log|rebase|upgrade)$/.test(lower(r.words[0])) ? r.words[1] : undefined),
  },
  mix: {
    label: 'Ecto',
    urlOptions: [],
    urlVariables: ['DATABASE_URL'],
    envVariables: ['MIX_ENV'],
    defaultEnvironment: 'dev',
    destroys: (r) => {
      const c = lower(r.words[0]);
      if (c === 'ecto.drop') return 'drops';
      if (c === 'ecto.reset') return 'drops, then recreates and reseeds,';
      if (c === 'ecto.rollback') return has(r, '--all') ? `rolls back ${ALL_OF}` : 'rolls back migrations of';
      return undefined;
    },
  },
  diesel: {
    label: 'Diesel',
    urlOptions: ['--database-url'],
    urlVariables: ['DATABASE_URL'],
    destroys: (r) => {
      const [group, command] = r.words.map(lower);
      if (group === 'database' && command === 'reset') return 'drops and recreates';
      if (group === 'database' && command === 'drop') return 'drops';
      if (group === 'migration' && command === 'revert') return has(r, '--all', '-a') ? `reverts ${ALL_OF}` : 'reverts the latest migration of';
      if (group === 'migration' && command === 'redo') return 're-runs (down, then up) migrations of';
      return undefined;
    },
  },
  sqlx: {
    label: 'SQLx',
    urlOptions: ['--database-url', '-D'],
    urlVariables: ['DATABASE_URL'],
    dryRun: ['--dry-run'],
    destroys: (r) => {
      const [group, command] = r.words.map(lower);
      if (group === 'database' && command === 'drop') return 'drops';
      if (group === 'database' && command === 'reset') return 'drops and recreates';
      if (group === 'migrate' && command === 'revert') return 'reverts migrations of';
      return undefined;
    },
  },
  'sea-orm-cli': {
    label: 'SeaORM',
    urlOptions: ['--database-url', '-u'],
    urlVariables: ['DATABASE_URL'],
    destroys: (r) => {
      const [group, command] = r.words.map(lower);
      if (group !== 'migrate') return undefined;
      if (command === 'fresh') return 'drops every table of';
      if (command === 'refresh') return `rolls back, then reapplies, ${ALL_OF}`;
      if (command === 'reset') return `rolls back ${ALL_OF}`;
      if (command === 'down') return 'rolls back migrations of';
      return undefined;
    },
  },
  dotnet: {
    label: 'Entity Framework',
    urlOptions: ['--connection'],
    urlVariables: [],
    envVariables: ['ASPNETCORE_ENVIRONMENT', 'DOTNET_ENVIRONMENT'],
    destroys: (r) => {
      const [tool, group, command, arg] = r.words.map(lower);
      // `ef migrations remove --force` reverts the last migration on the database before removing it.
      if (tool === 'ef' && group === 'migrations' && command === 'remove' && has(r, '--force', '-f')) return 'reverts the last applied migration (dropping what it created) of';
      if (tool !== 'ef' || group !== 'database') return undefined;
      if (command === 'drop') return 'drops';
      if (command === 'update' && arg === '0') return `reverts ${ALL_OF}`;
      return undefined;
    },
  },
  console: {
    label: 'Doctrine',
    urlOptions: [],
    urlVariables: ['DATABASE_URL'],
    envOptions: ['--env', '-e'],
    envVariables: ['APP_ENV'],
    // Print the SQL or write a migration file instead of running it (symfony.com doctrine docs).
    dryRun: ['--dump-sql', '--write-sql'],
    destroys: (r) => {
      const c = lower(r.words[0]);
      if ((c === 'doctrine:database:drop' || c === 'doctrine:schema:drop') && has(r, '--force', '-f')) return c.endsWith('database:drop') ? 'drops' : 'drops every table of';
      if (c === 'doctrine:fixtures:load' && !has(r, '--append')) return 'purges every table (then loads fixtures) of';
      if (c === 'doctrine:migrations:migrate' && /^(first|prev|0)$/.test(lower(r.words[1]))) return 'rolls back migrations of';
      // Without `--complete` it still drops the columns the mapping no longer has (symfony.com doctrine docs).
      if (c === 'doctrine:schema:update' && has(r, '--force', '-f')) return has(r, '--complete') ? 'applies the mapping, dropping tables it does not know, to' : 'applies the mapping, dropping the columns it no longer has, to';
      return undefined;
    },
  },
  flask: {
    label: 'Flask-Migrate',
    urlOptions: [],
    urlVariables: ['DATABASE_URL', 'SQLALCHEMY_DATABASE_URI'],
    envVariables: ['FLASK_ENV', 'APP_ENV'],
    dryRun: ['--sql'],
    destroys: (r) => {
      const [group, command, arg] = r.words.map(lower);
      if (group === 'db' && command === 'downgrade') return arg === 'base' ? `reverts ${ALL_OF}` : 'reverts migrations of';
      if (group === 'db' && command === 'drop') return 'drops every table of';
      return undefined;
    },
  },
  hasura: {
    label: 'Hasura',
    urlOptions: ['--endpoint'],
    urlVariables: ['HASURA_GRAPHQL_ENDPOINT'],
    dryRun: ['--dry-run'],
    destroys: (r) => {
      const [group, command] = r.words.map(lower);
      if (group !== 'migrate') return undefined;
      if (command === 'apply' && value(r, '--down') !== undefined) return value(r, '--down') === 'all' ? `rolls back ${ALL_OF}` : 'rolls back migrations of';
      if (command === 'apply' && value(r, '--goto') !== undefined) return `migrates to version ${value(r, '--goto')} (rolling back later migrations) on`;
      if (command === 'delete') return 'deletes migrations (and their recorded state) of';
      return undefined;
    },
  },
  'node-pg-migrate': {
    label: 'node-pg-migrate',
    urlOptions: [],
    urlVariables: ['DATABASE_URL'],
    dryRun: ['--dry-run'],
    destroys: (r) => {
      const c = lower(r.words[0]);
      if (c === 'down') return r.words[1] === 'Infinity' ? `rolls back ${ALL_OF}` : 'rolls back migrations of';
      if (c === 'redo') return 're-runs (down, then up) migrations of';
      return undefined;
    },
  },
  'db-migrate': {
    label: 'db-migrate',
    urlOptions: [],
    urlVariables: ['DATABASE_URL'],
    envOptions: ['--env', '-e'],
    envVariables: ['NODE_ENV'],
    dryRun: ['--dry-run'],
    destroys: (r) => {
      const c = lower(r.words[0]);
      if (c === 'reset') return `rolls back ${ALL_OF}`;
      if (c === 'down') return 'rolls back migrations of';
      return undefined;
    },
  },
  'migrate-mongo': {
    label: 'migrate-mongo',
    urlOptions: [],
    urlVariables: ['MONGODB_URI', 'MONGO_URL'],
    destroys: (r) => (lower(r.words[0]) === 'down' ? 'rolls back the latest migration of' : undefined),
  },
  'mikro-orm': {
    label: 'MikroORM',
    urlOptions: [],
    urlVariables: ['MIKRO_ORM_CLIENT_URL', 'DATABASE_URL'],
    dryRun: ['--dump'],
    destroys: (r) => {
      const c = lower(r.words[0]);
      if ((c === 'schema:drop' || c === 'schema:fresh') && has(r, '--run', '-r')) return c === 'schema:drop' ? 'drops every table of' : 'drops and recreates every table of';
      if (c === 'migration:fresh') return 'drops every table (then migrates) of';
      // `schema:update --run` drops the tables and columns the entities no longer have unless `--safe` (mikro-orm.io/docs/schema-generator).
      const safe = r.options.find((o) => o.name === '--safe'), safeOn = safe !== undefined && !/^(false|0|no)$/i.test(safe.value ?? (r.words[1] ?? ''));
      if (c === 'schema:update' && has(r, '--run', '-r') && !safeOn) return 'drops the tables and columns the entities no longer have in';
      if (c === 'migration:down') return 'rolls back migrations of';
      return undefined;
    },
  },
  payload: {
    label: 'Payload',
    urlOptions: [],
    urlVariables: ['DATABASE_URI', 'DATABASE_URL'],
    envVariables: ['NODE_ENV'],
    destroys: (r) => {
      const c = lower(r.words[0]);
      if (c === 'migrate:fresh') return 'drops every table (then migrates) of';
      if (c === 'migrate:reset') return `rolls back ${ALL_OF}`;
      if (c === 'migrate:refresh') return `rolls back, then reapplies, ${ALL_OF}`;
      if (c === 'migrate:down') return 'rolls back the latest migrations of';
      return undefined;
    },
  },
  // postgrator-cli (github.com/MattiLyons/postgrator-cli): `postgrator [to]` migrates to a version; 0 reverts every migration.
  postgrator: {
    label: 'Postgrator',
    urlOptions: ['--host', '-h'],
    urlVariables: ['DATABASE_URL'],
    envOptions: [],
    destroys: (r) => (r.words[0] === '0' || value(r, '--to', '-t') === '0' ? `reverts ${ALL_OF}` : undefined),
  },
  kysely: {
    label: 'Kysely',
    urlOptions: [],
    urlVariables: ['DATABASE_URL'],
    envOptions: ['--environment'],
    destroys: (r) => {
      const [group, command] = (r.words[0]?.includes(':') ? r.words[0].split(':') : r.words).map(lower);
      if (group === 'migrate' && (command === 'down' || command === 'rollback')) return has(r, '--all') ? `rolls back ${ALL_OF}` : 'rolls back migrations of';
      return undefined;
    },
  },
  'graphile-migrate': {
    label: 'Graphile Migrate',
    urlOptions: [],
    urlVariables: ['DATABASE_URL'],
    destroys: (r) => (lower(r.words[0]) === 'reset' ? 'drops and recreates' : undefined),
  },
  phinx: {
    label: 'Phinx',
    urlOptions: [],
    urlVariables: [],
    envOptions: ['-e', '--environment'],
    dryRun: ['--dry-run'],
    destroys: (r) => (lower(r.words[0]) === 'rollback' ? (value(r, '-t', '--target') === '0' ? `rolls back ${ALL_OF}` : 'rolls back migrations of') : undefined),
  },
  yii: {
    label: 'Yii',
    urlOptions: [],
    urlVariables: [],
    envVariables: ['YII_ENV'],
    destroys: (r) => {
      const c = lower(r.words[0]);
      if (c === 'migrate/fresh') return 'drops every table (then migrates) of';
      if (c === 'migrate/down') return r.words[1] === 'all' ? `rolls back ${ALL_OF}` : 'rolls back migrations of';
      if (c === 'migrate/redo') return 're-runs (down, then up) migrations of';
      if (c === 'migrate/to') return `migrates to ${r.words[1] ?? 'a version'} (rolling back later migrations) on`;
      return undefined;
    },
  },
  soda: {
    label: 'Pop',
    urlOptions: [],
    urlVariables: ['DATABASE_URL'],
    envOptions: ['-e', '--env'],
    envVariables: ['GO_ENV'],
    defaultEnvironment: 'development',
    destroys: (r) => {
      const [c, sub] = r.words.map(lower);
      if (c === 'drop') return 'drops';
      if (c === 'reset') return 'drops and recreates';
      if (c === 'migrate' && sub === 'down') return 'rolls back migrations of';
      return undefined;
    },
  },
});

/** A tool whose options all are switches (Flyway's are `-key=value`). */
const NO_OPTIONS: GrammarSpec = { goFlags: true };

/** Names under which the tools run (`npx mikro-orm`, `bin/console`, `symfony console`). */
const ALIASES: Readonly<Record<string, string>> = ownTable({ '@mikro-orm/cli': 'mikro-orm', lb: 'liquibase', 'liquibase.sh': 'liquibase', 'flyway.cmd': 'flyway', 'migrate.linux-amd64': 'migrate', 'kysely-ctl': 'kysely' });

/**
 * The tool's words and options, read by its grammar (`MIGRATION_GRAMMARS`: Go-flag style, one dash or two, a value glued
 * with `=` or the next word for an option that takes one, any other option a switch). An option is named as written.
 */
function readArgs(args: readonly ArgWord[], key: string): Reading {
  const parsed = parseCommand(args, MIGRATION_GRAMMARS[key] ?? NO_OPTIONS);
  const words = parsed.operands.map((w) => w.text);
  const options = parsed.options.map((o): Option => ({ name: o.written.replace(/=.*$/, ''), value: o.values[0] }));
  return { words, options };
}

/** The tool and the words after its name, through package runners and PHP/Symfony launchers. */
function toolOf(inv: Invocation): { key: string; tool: MigrationTool; args: ArgWord[] } | undefined {
  const { name, args } = effectiveCommand(inv);
  let base = ALIASES[name] ?? name;
  let rest = args;
  if (base === 'php' || base === 'symfony') {
    const i = rest.findIndex((a) => /(^|\/)console$/.test(a.text));
    if (i < 0) return undefined;
    base = 'console';
    rest = rest.slice(i + 1);
  } else if (base === 'buffalo' && rest[0]?.text === 'pop') {
    base = 'soda';
    rest = rest.slice(1);
  } else if (buildToolGoal(base, rest.map((a) => a.text)) !== undefined) {
    const goal = buildToolGoal(base, rest.map((a) => a.text))!;
    [base, rest] = [goal.base, [{ ...rest[goal.at]!, text: goal.command }, ...rest.filter((_, i) => i !== goal.at)]];
  } else if (base === 'cargo' && rest[0]?.text === 'sqlx') {
    base = 'sqlx';
    rest = rest.slice(1);
  }
  const tool = TOOLS[base];
  return tool ? { key: base, tool, args: rest } : undefined;
}

function isDry(r: Reading, tool: MigrationTool): boolean {
  return r.options.some((o) => (tool.dryRun?.includes(o.name) || isSharedDryRun(o.name)) && !/^(false|no|0)$/i.test(o.value ?? ''));
}

/** A database string naming a file on this machine (`sqlite3 ./dev.db`, `sqlite:db/dev.sqlite3`, `file:…`). */
function localFile(text: string): boolean {
  return /^(sqlite3?:|file:)/i.test(text) || /\.(db|sqlite3?|duckdb)$/i.test(text);
}

function targetOf(tool: MigrationTool, r: Reading, inv: Invocation, ctx: RuleContext): Target {
  const sources: { source: string; value: string }[] = [];
  const urls: string[] = [];
  for (const name of tool.urlOptions) {
    // `-database "$DATABASE_URL"`: the variable the project's .env sets, when the guard may read it there.
    const v = ((w) => (/^\$\{?DATABASE_URL\}?$/.test(w ?? '') ? dotenvDatabase(inv, ctx.facts) ?? w : w))(value(r, name));
    if (v !== undefined && v !== '') {
      urls.push(v);
      sources.push({ source: name, value: v });
    }
  }
  const operand = tool.target?.(r);
  if (operand !== undefined) {
    urls.push(operand);
    sources.push({ source: 'database', value: operand });
  }
  for (const name of tool.urlVariables) {
    const v = inv.assignments[name];
    if (v !== undefined && v !== '') {
      urls.push(v);
      sources.push({ source: name, value: v });
    }
  }
  for (const name of [...(tool.envOptions ?? []), ...(tool.fileOptions ?? [])]) {
    const v = value(r, name);
    if (v !== undefined && v !== '') sources.push({ source: name, value: v });
  }
  const selectors = [...(tool.envVariables ?? [])];
  for (const name of selectors) {
    const v = inv.assignments[name] ?? ctx.facts.envSelectors[name];
    if (v !== undefined && v !== '') sources.push({ source: name, value: v });
  }
  const url = urls[0];
  const host = url !== undefined ? hostOf(url) : undefined;
  const local = url !== undefined && !/[$`]/.test(url) && (localFile(url) || (host !== undefined && isLocalHost(host)));
  const remote = inv.remote !== undefined || !local;
  if (inv.remote) sources.push(...inv.remote.names);
  let env = ctx.environmentOf({ values: urls, sources, remote, selectors: selectors.length > 0 ? selectors : undefined });
  const signalled = sources.length > 0 || tool.urlVariables.some((v) => ctx.facts.envNames.includes(v));
  if (env.environment === 'unknown' && !signalled && tool.defaultEnvironment !== undefined) {
    env = { environment: 'non-production', reason: `no environment set; ${tool.label} defaults to ${tool.defaultEnvironment}` };
  }
  const where = inv.remote ? ` on ${inv.remote.place}` : host !== undefined && host !== '' && !local ? ` on ${host}` : local && url !== undefined ? ` (${url})` : '';
  return { kind: 'database', name: `the ${tool.label} database${where}`, provider: tool.label.toLowerCase(), remote, environment: env.environment, environmentReason: env.reason };
}

/** The tool runs against its test environment's database on this machine (`MIX_ENV=test mix ecto.reset`): recreated by every test run. */
function testOnly(tool: MigrationTool, r: Reading, inv: Invocation, ctx: RuleContext): boolean {
  if (tool.urlOptions.some((o) => value(r, o) !== undefined) || tool.target?.(r) !== undefined || tool.urlVariables.some((v) => inv.assignments[v] !== undefined)) return false;
  const sources: { source: string; value: string }[] = [];
  for (const name of tool.envVariables ?? []) {
    const v = inv.assignments[name] ?? ctx.facts.envSelectors[name];
    if (v !== undefined) sources.push({ source: name, value: v });
  }
  for (const name of tool.envOptions ?? []) {
    const v = value(r, name);
    if (v !== undefined) sources.push({ source: name, value: v });
  }
  return testEnvironmentOnly(inv, ctx.facts, sources);
}

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  const found = toolOf(inv);
  if (!found) return [];
  const { key, tool, args } = found;
  const r = readArgs(args, key);
  // The manual, unless the tool's `-h` takes a value (postgrator's and sqitch's database host: `-h db.prod.acme.io`).
  if (has(r, '--help', '-help') || r.options.some((o) => o.name === '-h' && o.value === undefined)) return [];
  const destroys = isDry(r, tool) ? undefined : tool.destroys(r);
  if (destroys !== undefined && testOnly(tool, r, inv, ctx)) return [];
  const target = targetOf(tool, r, inv, ctx);
  if (destroys !== undefined) {
    const shown = [inv.name === 'npx' || inv.name === 'npm' || inv.name === 'pnpm' || inv.name === 'yarn' || inv.name === 'bunx' ? effectiveCommand(inv).name : inv.name, ...r.words.slice(0, 3)].join(' ');
    return [{ rule: `migrations.${tool.label.toLowerCase().replace(/[^a-z]+/g, '-')}`, risk: 'destructive', severity: 'ask', reason: `\`${shown}\` ${destroys} ${target.name}.`, targets: [target] }];
  }
  // Read-only work (`flyway info`, `goose status`) that names production is allowed and marked.
  // The tool's environment variables set on the line count as its words (`APP_ENV=prod bin/console …`).
  const assigned = [...(tool.envVariables ?? []), ...tool.urlVariables].map((v) => inv.assignments[v] ?? '');
  if (target.environment !== 'production' || !mayBeProduction(ctx, [...r.options.map((o) => o.value ?? ''), ...r.words, ...assigned].filter((v) => v !== ''))) return [];
  // Stop 34: anything else there (`flyway migrate`, `sqitch deploy`, `flyway repair`, `alembic stamp`) changes the production schema or its history.
  const command = r.words.slice(0, 3).find((w) => /^[a-z][\w:-]*$/i.test(w)) ?? '';
  // Stop 39 (round 33: `APP_ENV=prod bin/console doctrine:migrations:migrate`): a tool that shares its name with other work still changes
  // production through its own migration commands (OWN_COMMANDS); its other words stay with the floor.
  const own = !SHARED_WITH_FLOOR.has(key) || (OWN_COMMANDS[key]?.test(lower(r.words[0])) ?? false);
  if (own && !isDry(r, tool) && r.words.length > 0 && !r.words.slice(0, 3).some(readsOnly) && !namespacedRead(r.words[0] ?? '')) {
    return [{ rule: 'migrations.production-change', risk: 'destructive', severity: 'ask', reason: `\`${inv.name} ${command}\` changes the schema or migration history of ${target.name}, which is production (${target.environmentReason}); only reads (info, status, validate, history) are allowed there.`, targets: [target] }];
  }
  return [{ rule: 'migrations.production-access', risk: 'production-access', severity: 'info', reason: `\`${inv.name} ${r.words.slice(0, 2).join(' ')}\` works on ${target.name}, which is production (${target.environmentReason}).`, targets: [target] }];
}

/** Tools that do more than migrate (`hasura metadata clear`, `flask run`) or share a name (MongoDB's `atlas clusters delete`): the verb floor keeps judging the rest. */
const SHARED_WITH_FLOOR = new Set(['console', 'dotnet', 'hasura', 'flask', 'payload', 'atlas']);

/** The tools' own names: the verb floor leaves these to this pack. */
export const MIGRATION_TOOL_NAMES: readonly string[] = [...Object.keys(TOOLS).filter((n) => !SHARED_WITH_FLOOR.has(n)), ...Object.keys(ALIASES)];

/** Names the pack looks at: the tools, and launchers whose other work stays with the floor (`dotnet nuget delete`). */
const SEEN: ReadonlySet<string> = new Set([...Object.keys(TOOLS), ...Object.keys(ALIASES), ...GOAL_RUNNERS, 'symfony', 'buffalo', 'php', 'cargo', 'npx', 'pnpx', 'bunx', 'npm', 'pnpm', 'yarn', 'bun']);

export const migrationToolsPack: RulePack = {
  id: 'migrations',
  title: 'Schema migration tools that drop or roll back everything (flyway clean, goose reset, atlas schema clean, dbmate drop, liquibase dropAll, sqitch revert, ecto.reset …)',
  checkInvocation: (inv, ctx) => (SEEN.has(inv.name) ? checkInvocation(inv, ctx) : []),
  checkSnippet: checkSchemaDropSnippet, reactsTo: (name) => SEEN.has(name),
};
