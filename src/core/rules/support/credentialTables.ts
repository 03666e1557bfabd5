import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { dumpTarget } from './huntCommon';

/**
 * Dumps of a database server's own credential tables, whatever host it runs on: `pg_dumpall` writes
 * every role with its password hash (`--roles-only`, `--globals-only`, and a whole-cluster dump alike,
 * unless `--no-role-passwords`); `mysqldump --all-databases` (or the `mysql` schema named, or
 * MariaDB's `--system=users`) writes `mysql.user` with its authentication strings; `mongodump` of the
 * `admin` database or with `--dumpDbUsersAndRoles` writes the users' SCRAM credentials. A dump of an
 * application's own database (`pg_dump -h localhost app`, `mysqldump shop orders`) is routine and is
 * judged elsewhere. These programs are not in the registry (no subcommands); their few options are
 * read as their manuals spell them.
 */

export const DATABASE_DUMPERS: ReadonlySet<string> = new Set(['pg_dumpall', 'mysqldump', 'mariadb-dump', 'mariadb_dump', 'mongodump']);

const words = (inv: Invocation): string[] => inv.args.map((a) => a.text);

/** A short option (`-A`), alone or in a cluster of flags (`-uroot` is a value, not a cluster: only letters count). */
function hasShort(ws: readonly string[], letter: string): boolean {
  return ws.some((w) => w === `-${letter}` || (/^-[a-zA-Z]+$/.test(w) && w.length <= 4 && w.includes(letter) && !/^-[uphPSDW]/.test(w)));
}

function valueOf(ws: readonly string[], ...names: string[]): string | undefined {
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    for (const n of names) {
      if (w === n) return ws[i + 1];
      if (n.startsWith('--') && w.startsWith(n + '=')) return w.slice(n.length + 1);
      if (!n.startsWith('--') && w.startsWith(n) && w.length > n.length) return w.slice(n.length);
    }
  }
  return undefined;
}

/** What the dump writes that holds credentials, or undefined. */
function credentialTables(inv: Invocation): string | undefined {
  const ws = words(inv);
  if (ws.some((w) => /^(--help|--version|-\?|-V)$/.test(w))) return undefined;
  if (inv.name === 'pg_dumpall') {
    if (ws.some((w) => w === '--no-role-passwords' || w === '--tablespaces-only' || w === '-t')) return undefined;
    return 'every role with its password hash';
  }
  if (inv.name === 'mongodump') {
    const db = valueOf(ws, '--db', '-d') ?? /^mongodb(?:\+srv)?:\/\/[^/]+\/(admin)(?:[?]|$)/.exec(valueOf(ws, '--uri') ?? ws.find((w) => w.startsWith('mongodb')) ?? '')?.[1];
    if (db === 'admin' || ws.includes('--dumpDbUsersAndRoles')) return "the database users with their credentials (admin's system.users)";
    return undefined;
  }
  // mysqldump, mariadb-dump
  if (ws.includes('--all-databases') || hasShort(ws, 'A')) return 'every database, mysql.user and its password hashes included';
  const system = valueOf(ws, '--system');
  if (system && /\b(all|users)\b/.test(system)) return 'the server\'s users with their password hashes';
  const operands = ws.filter((w, i) => !w.startsWith('-') && !/^(-h|--host|-u|--user|-P|--port|-S|--socket|-r|--result-file|--where|-w)$/.test(ws[i - 1] ?? ''));
  if (operands[0] === 'mysql' && (operands.length === 1 || operands.slice(1).some((t) => /^(user|global_priv)$/.test(t)))) return 'mysql.user and its password hashes';
  if ((ws.includes('--databases') || hasShort(ws, 'B')) && operands.includes('mysql')) return 'mysql.user and its password hashes';
  return undefined;
}

function hostOf(inv: Invocation): string | undefined {
  const ws = words(inv);
  const host = valueOf(ws, '--host', '-h');
  if (host) return host;
  const uri = valueOf(ws, '--uri', '--dbname', '-d') ?? ws.find((w) => /^[a-z+]+:\/\//i.test(w));
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
