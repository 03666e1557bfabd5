import type { Finding, Target } from '../../policy/types';

/**
 * Statements that make a database server hand over secrets or its own files: the password hashes of
 * its users (`pg_shadow`, `pg_authid`, `mysql.user.authentication_string`, `getUsers({showCredentials:
 * true})`), a file of the server's machine read or written (`pg_read_file`, `LOAD_FILE`, `INTO
 * OUTFILE`, `lo_import`), a program run by the server (`COPY … TO PROGRAM`), or its own password
 * (`redis-cli CONFIG GET requirepass`, or `CONFIG GET *` that includes it; `ACL LIST`/`ACL GETUSER` with
 * the users' password hashes). A local development server is no exception: the files and programs are
 * the machine's.
 */

const SQL_READS: ReadonlyArray<{ re: RegExp; what: string }> = [
  { re: /\bpg_(shadow|authid)\b/i, what: 'the password hashes of its roles' },
  { re: /\bselect\s+(\w+\s*\.\s*)?\*[\s\S]*?\bfrom\s+[`"]?mysql[`"]?\s*\.\s*[`"]?(user|global_priv)\b|\btable\s+[`"]?mysql[`"]?\s*\.\s*[`"]?(user|global_priv)\b/i, what: 'the password hashes of its users' },
  { re: /\bauthentication_string\b|\bmysql\s*\.\s*user\b[\s\S]*\bpassword\b/i, what: 'the password hashes of its users' },
  { re: /\bpg_read_(binary_)?file\s*\(|\blo_import\s*\(|\bload_file\s*\(/i, what: 'a file of the server\'s machine' },
  { re: /\binto\s+(out|dump)file\b|\bpg_file_write\s*\(|\blo_export\s*\(/i, what: 'a file written on the server\'s machine' },
  { re: /\bcopy\b[\s\S]*\b(to|from)\s+program\b/i, what: 'a program run by the server' },
];

const MONGO_READS = /\bsystem\.users\b|\bgetUsers?\s*\([\s\S]*showCredentials\s*:\s*true|\busersInfo\b[\s\S]*showCredentials\s*:\s*true/;

/** Redis settings whose value is a password (redis.conf's reference). */
const REDIS_SECRET_SETTINGS = ['requirepass', 'masterauth', 'tls-key-file-pass', 'tls-client-key-file-pass'];

/** A Redis glob (`*`, `?`, `[…]`) as an expression. */
function redisGlob(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  try {
    return new RegExp(`^${body}$`, 'i');
  } catch {
    return /^/;
  }
}

/** What Redis command lines hand over: a password setting (`CONFIG GET requirepass`, `CONFIG GET *`), the users' password hashes (`ACL LIST`, `ACL GETUSER`). */
function redisSecretReads(texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const line of texts.flatMap((t) => t.split(/\r?\n|\\r\\n/))) {
    const words = line.trim().split(/\s+/).map((w) => w.replace(/^['"]|['"]$/g, ''));
    const verb = (words[0] ?? '').toUpperCase();
    const sub = (words[1] ?? '').toUpperCase();
    if (verb === 'CONFIG' && sub === 'GET' && words.slice(2).some((p) => REDIS_SECRET_SETTINGS.some((s) => redisGlob(p).test(s)))) found.push('its password settings');
    else if (verb === 'ACL' && (sub === 'LIST' || sub === 'GETUSER')) found.push("its users' password hashes");
  }
  return [...new Set(found)];
}

export function serverSecretReads(work: { sql: readonly string[]; mongo: readonly string[]; redis?: readonly string[]; connection: { name: string } }, target: () => Target): Finding[] {
  const found: string[] = redisSecretReads(work.redis ?? []);
  for (const sql of work.sql) for (const r of SQL_READS) if (r.re.test(sql) && !found.includes(r.what)) found.push(r.what);
  if (work.mongo.some((js) => MONGO_READS.test(js))) found.push('its users\' credentials');
  if (found.length === 0) return [];
  return [{ rule: 'database.server-secrets', risk: 'credential-dump', severity: 'ask', reason: `The statements make ${work.connection.name} hand over ${found.join(', ')}.`, targets: [target()] }];
}
