import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { dumpTarget } from './huntCommon';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * Dumps of a database server's own credential tables, whatever host it runs on: `pg_dumpall` writes
 * every role with its password hash (`--roles-only`, `--globals-only`, and a whole-cluster dump alike,
 * unless `--no-role-passwords`); `mysqldump --all-databases` (or the `mysql` schema named, or
 * MariaDB's `--system=users`) writes `mysql.user` with its authentication strings; `mongodump` of the
 * `admin` database or with `--dumpDbUsersAndRoles` writes the users' SCRAM credentials. A dump of an
 * application's own database (`pg_dump -h localhost app`, `mysqldump shop orders`) is routine and is
 * judged elsewhere. These programs are not in the registry (no subcommands): their words are read with
 * the grammar's free-form readings.
 */

export const DATABASE_DUMPERS: ReadonlySet<string> = new Set(['pg_dumpall', 'mysqldump', 'mariadb-dump', 'mariadb_dump', 'mongodump']);

const words = (inv: Invocation): string[] => inv.args.map((a) => a.text);

/** A short option (`-A`), alone or in a cluster of flags (`-uroot` is a value, not a cluster: only a few letters count). */
function hasShort(inv: Invocation, letter: string): boolean {
  return freeFormReadings(inv.args).usual.options.some((o) => o.name === `-${letter}` || (/^-[a-zA-Z]{1,3}$/.test(o.name) && o.name.includes(letter) && !/^-[uphPSDW]/.test(o.name)));
}

/** An option's value: the next word, glued with `=`, or glued to a short name (`-hdb1`). */
function valueOf(inv: Invocation, ...names: string[]): string | undefined {
  for (const o of freeFormReadings(inv.args).valued.options) {
    if (names.includes(o.name)) return o.values[0];
    const short = names.find((n) => /^-[a-zA-Z]$/.test(n) && o.name.startsWith(n) && o.name.length > 2);
    if (short) return o.name.slice(2);
  }
  return undefined;
}

/** Options of mysqldump that take the next word (their values are not database names). */
const DUMP_VALUE_OPTIONS = new Set(['-h', '--host', '-u', '--user', '-P', '--port', '-S', '--socket', '-r', '--result-file', '--where', '-w']);

/** What the dump writes that holds credentials, or undefined. */
function credentialTables(inv: Invocation): string | undefined {
  const ws = words(inv);
  if (ws.some((w) => /^(--help|--version|-\?|-V)$/.test(w))) return undefined;
  if (inv.name === 'pg_dumpall') {
    if (ws.some((w) => w === '--no-role-passwords' || w === '--tablespaces-only' || w === '-t')) return undefined;
    return 'every role with its password hash';
  }
  if (inv.name === 'mongodump') {
    const db = valueOf(inv, '--db', '-d') ?? /^mongodb(?:\+srv)?:\/\/[^/]+\/(admin)(?:[?]|$)/.exec(valueOf(inv, '--uri') ?? ws.find((w) => w.startsWith('mongodb')) ?? '')?.[1];
    if (db === 'admin' || ws.includes('--dumpDbUsersAndRoles')) return "the database users with their credentials (admin's system.users)";
    return undefined;
  }
  // mysqldump, mariadb-dump
  if (ws.includes('--all-databases') || hasShort(inv, 'A')) return 'every database, mysql.user and its password hashes included';
  const system = valueOf(inv, '--system');
  if (system && /\b(all|users)\b/.test(system)) return 'the server\'s users with their password hashes';
  const { usual, valued } = freeFormReadings(inv.args);
  const values = valued.options.filter((o) => DUMP_VALUE_OPTIONS.has(o.name) && o.written === o.name).map((o) => o.values[0]);
  const operands = usual.operands.map((w) => w.text).filter((t) => {
    const k = values.indexOf(t);
    if (k < 0) return true;
    values.splice(k, 1);
    return false;
  });
  if (operands[0] === 'mysql' && (operands.length === 1 || operands.slice(1).some((t) => /^(user|global_priv)$/.test(t)))) return 'mysql.user and its password hashes';
  if ((ws.includes('--databases') || hasShort(inv, 'B')) && operands.includes('mysql')) return 'mysql.user and its password hashes';
  return undefined;
}

function hostOf(inv: Invocation): string | undefined {
  const host = valueOf(inv, '--host', '-h');
  if (host) return host;
  const uri = valueOf(inv, '--uri', '--dbname', '-d') ?? words(inv).find((w) => /^[a-z+]+:\/\//i.test(w));
  return uri ? (/@([^/:?,]+)/.exec(uri)?.[1] ?? /^[a-z+]+:\/\/([^/:?@,]+)/i.exec(uri)?.[1]) : undefined;
}

export function credentialDatabaseDump(inv: Invocation, ctx: RuleContext): Finding[] {
  const what = credentialTables(inv);
  if (!what) return [];
  const host = hostOf(inv);
  const local = host === undefined || /^(localhost|127\.0\.0\.1|::1|\/.*)$/.test(host);
  const target = dumpTarget(local ? `the local database server's credentials` : `the credentials of the database server ${host}`, ctx, !local, host ? [host] : []);
  return [{ rule: 'credentials.database-credential-tables', risk: 'credential-dump', severity: 'ask', reason: `${inv.name} writes ${what}${local ? '' : ` from ${host}`}.`, targets: [target] }];
}
