import { ownTable } from '../../ownTable';
import { isLoopbackHost } from '../../policy/production';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { invocationCommand, toolArgs } from '../../registry/commandModel';
import { hostOf } from './packageSources';

/**
 * A credential sent with TLS verification off (red team round 18): the login travels to whichever server answers,
 * or readable on the way. An HTTP client told not to check the certificate (`curl -k`, `wget
 * --no-check-certificate`) while it carries a secret to its own service (judged in `secretsSentOut.ts`); a
 * database client connecting to another machine with TLS switched off (`sslmode=disable` in its connection string
 * or `PGSSLMODE`, mysql's `--ssl-mode=DISABLED`/`--skip-ssl`). A loopback server, and certificate checks left on,
 * stay allowed.
 */

/** Each client's options that switch certificate checks off, read through its registry entry. */
const INSECURE_OPTIONS: Readonly<Record<string, readonly string[]>> = ownTable({
  curl: ['-k', '--insecure'],
  wget: ['--no-check-certificate'],
});

/** Does this run of an HTTP client skip the server's certificate check? */
export function certificateUnchecked(inv: Invocation): boolean {
  const names = INSECURE_OPTIONS[inv.name];
  const command = names ? invocationCommand(inv) : undefined;
  return command !== undefined && toolArgs(inv.name, command.parsed, command.tool).has(...names!);
}

/** libpq's modes that may connect without TLS, and the MySQL clients' switches that do. */
const PG_CLEAR = /^(disable|allow)$/i;
const MYSQL_CLEAR_OPTIONS = ['--skip-ssl'];
const PG_CLIENTS = /^(psql|pg_dump|pg_dumpall|pg_restore|pgcli)$/;
const MYSQL_CLIENTS = /^(mysql|mariadb|mysqldump|mariadb-dump)$/;

/** The `sslmode` a libpq connection string gives (`postgres://…?sslmode=disable`, `host=x sslmode=disable`), with its host. */
function connectionString(text: string): { mode: string; host: string | undefined } | undefined {
  const mode = /[?&\s]sslmode=([\w-]+)|^sslmode=([\w-]+)/i.exec(text);
  if (!mode) return undefined;
  const keyword = /(?:^|\s)host=([^\s]+)/.exec(text)?.[1];
  return { mode: (mode[1] ?? mode[2])!, host: /^postgres(ql)?:\/\//i.test(text) ? hostOf(text.replace(/^postgres(ql)?:\/\/[^@/]*@/i, 'x://')) : keyword };
}

/** A database client connecting to another machine with TLS off: its login and every row travel in clear. */
export function clearDatabaseLogins(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.remote || (!PG_CLIENTS.test(inv.name) && !MYSQL_CLIENTS.test(inv.name))) return [];
  const command = invocationCommand(inv);
  if (!command) return [];
  const args = toolArgs(inv.name, command.parsed, command.tool);
  let how: string | undefined;
  let host: string | undefined;
  if (PG_CLIENTS.test(inv.name)) {
    const found = inv.args.map((a) => connectionString(a.text)).find((c) => c !== undefined && PG_CLEAR.test(c.mode));
    const envMode = inv.assignments.PGSSLMODE;
    if (found) [how, host] = [`sslmode=${found.mode}`, found.host];
    else if (envMode !== undefined && PG_CLEAR.test(envMode)) how = `PGSSLMODE=${envMode}`;
    host ??= args.value('-h', '--host') ?? inv.assignments.PGHOST;
  } else {
    const mode = args.value('--ssl-mode');
    if ((mode !== undefined && /^disabled$/i.test(mode)) || args.has(...MYSQL_CLEAR_OPTIONS)) how = mode !== undefined ? `--ssl-mode=${mode}` : '--skip-ssl';
    host = args.value('-h', '--host');
  }
  if (how === undefined || host === undefined || isLoopbackHost(host, { dockerHost: true }) || host.startsWith('/')) return [];
  const env = ctx.environmentOf({ values: [host], remote: true });
  return [{
    rule: 'source-redirects.database-login-unencrypted',
    risk: 'credential-use',
    severity: 'ask',
    reason: `${inv.name} connects to ${host} with TLS switched off (${how}): the login and every row sent travel readable, and whichever machine answers for ${host} receives them.`,
    targets: [{ kind: 'database', name: host, remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}
