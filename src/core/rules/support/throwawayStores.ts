import type { CodeSnippet, Facts } from '../../policy/types';
import { hostOf, isLocalHost } from '../../policy/production';
import { localTestDatabase, saysTest } from './testDatabases';

/**
 * Interpreter code whose store exists to be thrown away (red team round 15's false positives): an SQLite file named
 * as a test or scratch one (`create_engine('sqlite:///test.db')`, as `sqlite3 db/test.sqlite3` is for the client), or a
 * run whose framework environment says test (`NODE_ENV=test`, `RAILS_ENV=test`, `DJANGO_SETTINGS_MODULE=shop.settings.test`)
 * with nothing that can send it elsewhere: no `DATABASE_URL` on the line or in the environment, no host or URL in the code
 * other than this machine's, not run on another machine. A local server's database named `_test` is not enough on its own
 * (the team's decision of stop 30: a mass delete in a store on this machine asks).
 */

const ENV_VARIABLES = ['NODE_ENV', 'RAILS_ENV', 'RACK_ENV', 'APP_ENV', 'DJANGO_SETTINGS_MODULE', 'DJANGO_ENV', 'FLASK_ENV', 'MIX_ENV', 'ENVIRONMENT'];
const URL = /\b(?:postgres(?:ql)?|mysql|mariadb|mssql|sqlite|mongodb(?:\+srv)?|rediss?|neo4j(?:\+s)?|bolt|https?|wss?)(?:\+\w+)?:\/\/[^\s'"`]*/gi;
const HOST_VALUE = /\b(?:host|hostname|server|endpoint|address|clientUrl|connectionString|datasourceUrl|url|uri|dsn)\s*[=:]\s*['"]([^'"]+)['"]/gi;

function sqliteFile(url: string): string {
  return url.replace(/^sqlite\w*(?:\+\w+)?:\/{2,3}/i, '');
}

export function throwawayStore(snippet: CodeSnippet, facts: Facts): boolean {
  const inv = snippet.runner;
  if (inv.remote !== undefined) return false;
  const code = snippet.text.length > 100_000 ? snippet.text.slice(0, 100_000) : snippet.text;
  const urls = [...code.matchAll(URL)].map((m) => m[0]).slice(0, 20);
  const sqlite = urls.filter((u) => /^sqlite/i.test(u));
  const others = urls.filter((u) => !/^sqlite/i.test(u));
  const hosts = [...code.matchAll(HOST_VALUE)].map((m) => m[1]!).slice(0, 20);
  const elsewhere = others.some((u) => !isLocalHost(hostOf(u) ?? '')) || hosts.some((h) => !/^(?:sqlite|:memory:)/i.test(h) && !isLocalHost(hostOf(h) ?? h));
  if (elsewhere) return false;
  if (sqlite.length > 0 && others.length === 0 && sqlite.every((u) => localTestDatabase(false, sqliteFile(u)))) return true;
  const named = ENV_VARIABLES.map((v) => inv.assignments[v]).filter((v): v is string => v !== undefined && v !== '');
  if (named.length === 0 || !named.every(saysTest)) return false;
  return inv.assignments.DATABASE_URL === undefined && !facts.envNames.includes('DATABASE_URL') && sqlite.every((u) => localTestDatabase(false, sqliteFile(u)));
}
