import type { Facts, Invocation } from '../../policy/types';

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
  if (inv.remote !== undefined || inv.assignments.DATABASE_URL !== undefined || facts.envNames.includes('DATABASE_URL')) return false;
  return sources.length > 0 && sources.every((s) => saysTest(s.value));
}

/**
 * A connection to a test database on this machine (`psql -d app_test`, `sqlite3 db/test.sqlite3`,
 * `dropdb app_test`): emptying or dropping it is what the test setup does anyway.
 */
export function localTestDatabase(remote: boolean, name: string | undefined): boolean {
  if (remote || name === undefined) return false;
  const last = name.replace(/\/+$/, '').split('/').pop() ?? '';
  return namesTestDatabase(last.replace(/\.(sqlite3?|db)$/i, ''));
}
