import type { Finding, Target } from '../../policy/types';
import type { SqlStatement } from './sqlScan';

/**
 * Stop 40 (red team round 39: `psql -c "ALTER USER postgres WITH PASSWORD '…'"`, `mysqladmin -u root password NEW`):
 * an existing account's password changed on a database server, this machine's too. Administration of a development
 * server is routine (users made, grants, settings: `productionWrites.ts` asks about those on production only), but a
 * password changed locks out whoever signs in with the old one (the application's `.env`, the team's tools, the
 * developer), as a local broker's `rabbitmqctl change_password` does (stop 38's decision). The statement is shown with
 * its quoted text blanked and a value after `requirepass` or `>` dropped: the new password is never repeated.
 *
 * | store | a password changed | stays allowed |
 * |---|---|---|
 * | SQL | `ALTER USER/ROLE/LOGIN … PASSWORD` / `IDENTIFIED BY`, `SET PASSWORD` | `CREATE USER … PASSWORD` (a new account), `ALTER USER … VALID UNTIL`, reads of `pg_user` |
 * | MongoDB | `db.changeUserPassword(…)`, `updateUser(…, { pwd })` | `db.createUser(…)`, `db.getUsers()` |
 * | Redis | `CONFIG SET requirepass`, `ACL SETUSER name … >pass / <pass / #hash / resetpass / nopass` | `CONFIG GET requirepass`, `ACL LIST`, `ACL WHOAMI` |
 */

const SQL_PASSWORD: readonly RegExp[] = [
  /^alter\s+(user|role|login)\b[\s\S]*\b(password|identified\s+(by|with))\b/i,
  /^set\s+password\b/i,
];

const MONGO_PASSWORD = /\.changeUserPassword\s*\(|\.updateUser\s*\([\s\S]*?\bpwd\b|\bupdateUser\s*:\s*['"][^'"]*['"]\s*,[\s\S]*?\bpwd\b/;

const REDIS_PASSWORD = /^\s*(?:config\s+set\s+requirepass\b|acl\s+setuser\s+\S+(?=(?:\s+\S+)*?\s+['"]?(?:[<>#!]\S|resetpass\b|nopass\b)))/i;

/** What each store's text changes, shown without the new password. */
export function passwordChanges(sql: readonly SqlStatement[], mongo: readonly string[], redis: readonly string[]): string[] {
  const out: string[] = [];
  for (const st of sql) {
    const text = st.text.trim();
    if (SQL_PASSWORD.some((re) => re.test(text))) out.push(text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, "''").replace(/\b(password|by)\s+[^\s;']+/gi, '$1 …').slice(0, 120));
  }
  for (const js of mongo) {
    const m = MONGO_PASSWORD.exec(js);
    if (m) out.push(/changeUserPassword/.test(m[0]) ? 'changeUserPassword(…)' : 'updateUser(…, { pwd: … })');
  }
  for (const text of redis) {
    for (const line of text.split('\n')) {
      const m = REDIS_PASSWORD.exec(line);
      if (m) out.push(`${m[0].trim().split(/\s+/).slice(0, 3).join(' ')} …`);
    }
  }
  return [...new Set(out)].slice(0, 5);
}

/** A finding for the changes above on any server (production ones are asked by `productionWrites.ts` already). */
export function passwordChangeFindings(changes: readonly string[], database: string, target: Target): Finding[] {
  if (changes.length === 0) return [];
  return [{ rule: 'database.password-change', risk: 'destructive', severity: 'ask', reason: `Changes an account's password on ${database}: ${changes.slice(0, 3).join('; ')}. Whoever signs in with the old one (the application, the team's tools) is locked out.`, targets: [target] }];
}
