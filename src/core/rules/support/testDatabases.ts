import type { Facts, Invocation } from '../../policy/types';
import { hostOf, isLocalHost, isLoopbackHost } from '../../policy/production';
export { memoryOnlyStore } from './memoryStores';

/**
 * Databases that exist to be thrown away: a framework's test environment on this machine (the test
 * runner itself recreates it: Rails' `db:test:prepare`, Laravel's `RefreshDatabase`, Django's test
 * database) and a local database named as a test one (`acme_test`). Dropping or resetting one is
 * routine. Never when the target is another machine, or when a `DATABASE_URL` the framework prefers
 * over its environment's settings may point anywhere.
 */

/** An environment name that says test: `test`, `testing`, `acme.settings.test`. */
export function saysTest(value: string): boolean {
  return /(^|[._-])(test|tests|testing)$/i.test(value.trim());
}

/** A database name that says test: `acme_test`, `test_shop`, `app-testing`. */
export function namesTestDatabase(name: string): boolean {
  return saysTest(name) || /^test[_-]/i.test(name);
}

/**
 * Every environment name the command gives says test, at least one is given, and nothing can send the
 * framework elsewhere (a `DATABASE_URL` on the command or in the environment, a remote place).
 */
export function testEnvironmentOnly(inv: Invocation, facts: Facts, sources: readonly { source: string; value: string }[]): boolean {
  // `DATABASE_URL=postgres://…@localhost/shop_test npx prisma migrate reset`: the URL itself names a test database here.
  const url = inv.assignments.DATABASE_URL;
  if (url !== undefined) return inv.remote === undefined && localTestUrl(url);
  if (inv.remote !== undefined || facts.envNames.includes('DATABASE_URL')) return false;
  return sources.length > 0 && sources.every((s) => saysTest(s.value));
}

/**
 * A connection to a test database on this machine (`psql -d app_test`, `sqlite3 db/test.sqlite3`,
 * `dropdb app_test`): emptying or dropping it is what the test setup does anyway.
 */
export function localTestDatabase(remote: boolean, name: string | undefined): boolean {
  if (remote || name === undefined) return false;
  // A database file in a shared scratch folder (`sqlite3 /tmp/dev.db`) is thrown away with the folder.
  if (SCRATCH_FILE.test(name)) return true;
  const last = name.replace(/\/+$/, '').split('/').pop() ?? '';
  return namesTestDatabase(last.replace(/\.(sqlite3?|db)$/i, ''));
}

/** A connection URL written out in full whose host is this machine and whose database is named for tests (`mongodb://localhost:27017/shop_test`). */
export function localTestUrl(url: string): boolean {
  if (/[$`]/.test(url)) return false;
  const host = hostOf(url);
  const db = /^[a-z][\w+.-]*:\/\/[^/?#]*\/([^/?#]+)/i.exec(url)?.[1];
  return host !== undefined && isLocalHost(host) && db !== undefined && namesTestDatabase(decodeURIComponent(db));
}

const SCRATCH_FILE = /^\/(tmp|var\/tmp|private\/tmp|dev\/shm)\/[^\s]*\.(sqlite3?|db|duckdb)$/i;

/**
 * A scratch object on this machine's database: a table, or a database, named as temporary or test
 * (`DROP TABLE IF EXISTS tmp_import`, `DROP DATABASE acme_test`); an import's staging table is made to
 * be dropped. Never on another machine.
 */
export function localScratchObject(remote: boolean, kind: string | undefined, name: string | undefined): boolean {
  if (remote || name === undefined) return false;
  if (kind === 'database') return namesTestDatabase(name);
  return kind === 'table' && /^(tmp|temp|scratch|staging_tmp)([_-]|$)|[_-](tmp|temp|scratch)$/i.test(name.replace(/^.*\./, '').replace(/["`[\]]/g, ''));
}

/**
 * The database a project's `.env` names (`DATABASE_URL=postgres://…@billing-db.prod…`), which the ORMs and
 * frameworks load when the variable is not set: only its scheme and host are kept (never the password).
 */
export function dotenvDatabase(inv: Invocation, facts: Facts): string | undefined {
  // Run elsewhere, under an env file a wrapper or runtime loads, or with the variable set: the .env does not speak.
  if (facts.envNames.includes('DATABASE_URL') || inv.cwdUncertain === true || inv.remote !== undefined || (inv.wrapperWords ?? []).length > 0 || inv.via.length > 1) return undefined;
  const m = /^\s*(?:export\s+)?DATABASE_URL\s*=\s*['"]?([a-z][\w+.-]*):\/\/(?:[^@\s'"/]*@)?([^:/\s'"?]+)/m.exec(facts.readFile(`${inv.cwd}/.env`) ?? '');
  return m ? `${m[1]}://${m[2]}` : undefined;
}

/**
 * The project's `.env` names a database, but the command runs where the guard does not let it speak (nested in
 * an interpreter or wrapper, another folder): a framework's default environment is no evidence then, since the
 * program may well load that database (`python3 -c "…main(['downgrade','base'])"` in a project whose .env names one).
 */
export function dotenvUnread(inv: Invocation, facts: Facts): boolean {
  return dotenvDatabase(inv, facts) === undefined && /^\s*(?:export\s+)?DATABASE_URL\s*=\s*\S/m.test(facts.readFile(`${inv.cwd}/.env`) ?? '');
}

/**
 * A Redis server the command names explicitly as this machine's (`redis-cli -h localhost`, `-u redis://127.0.0.1`):
 * flushing it is the developer's own (team decision, round 8). With no host named the flush still asks.
 */
export function namedLoopbackRedis(conn: { engine: string; remote: boolean; values: readonly string[]; sources: readonly { source: string; value: string }[] }): boolean {
  if (conn.engine !== 'redis' || conn.remote) return false;
  const named = [...conn.sources.filter((s) => s.source === '-h').map((s) => s.value), ...conn.values.map((v) => hostOf(v) ?? '')].filter((h) => h !== '');
  return named.length > 0 && named.every((h) => isLoopbackHost(h));
}
