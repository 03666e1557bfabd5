import { ownTable } from '../ownTable';
import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { hostOf, isLocalHost } from '../policy/production';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import { passwordWord } from './support/floorChanges';
import type { ToolArgs } from '../registry/types';

/**
 * Database servers' own administration programs, beside the clients the database pack reads:
 * - `pg_dropcluster VERSION NAME` deletes a Debian PostgreSQL cluster's data, WAL and configuration;
 * - `pg_ctl stop|restart|kill` and `pg_ctlcluster … stop|restart` on another machine take that
 *   server down (`-m immediate` without a checkpoint: crash recovery at the next start); on this
 *   machine stopping its own server (a packaged cluster, a system data folder) asks as `systemctl stop
 *   postgresql` does, and a throwaway development server in the project stays routine;
 * - `mysqladmin shutdown`, and any mysqladmin work on a production host is
 *   recorded as production access (its `drop` is the database pack's);
 * - `pg_resetwal` throws the write-ahead log away (committed work not yet in the data files is lost;
 *   the server may start with inconsistent data): asks anywhere unless `-n` only prints;
 * - roles and users made, dropped or promoted (`createuser -s`, `dropuser`), and `rabbitmqctl` users,
 *   passwords, permissions, stops and resets: administration of a development server on this machine
 *   is routine (a local database is the developer's own, #18); on another server (`-h`, `-n rabbit@host`,
 *   production or unknown) they lock people out, open a backdoor or take the service down, and ask.
 */

function argsOf(inv: Invocation): ToolArgs | undefined {
  const spec = toolNamed(inv.name);
  return spec ? toolArgs(inv.name, parsedArgs(inv.args, spec), spec) : undefined;
}

function localTarget(kind: Target['kind'], name: string, ctx: RuleContext): Target {
  const env = ctx.environmentOf({ values: [name], remote: false });
  return { kind, name, provider: 'postgres', remote: false, environment: env.environment, environmentReason: env.reason };
}

function dropCluster(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  const version = a.operand(0) ?? '(version)';
  const name = a.operand(1) ?? '(cluster)';
  const stop = a.has('--stop') ? ', stopping its server first' : '';
  return [{ rule: 'database-admin.drop-cluster', risk: 'destructive', severity: 'ask', reason: `Deletes the PostgreSQL cluster ${version}/${name} with every database in it, its WAL and configuration${stop} (pg_dropcluster).`, targets: [localTarget('database', `cluster ${version}/${name}`, ctx)] }];
}

const STOPPING = new Set(['stop', 'restart', 'kill']);

/**
 * The machine's own PostgreSQL data folders (Debian/RHEL packages, Homebrew, the source build's default):
 * the server in them is the one `systemctl stop postgresql` stops. A folder in the project or under /tmp
 * is a throwaway development server.
 */
const SYSTEM_PGDATA = /^(\/var\/lib\/(postgres|pgsql)|\/usr\/local\/(var\/postgres|pgsql)|\/opt\/homebrew\/var\/postgres|\/usr\/local\/var\/postgres|\/srv\/(postgres|pgsql)|\/var\/db\/postgres|\/Library\/PostgreSQL|\/etc\/postgresql)/;

/**
 * Team decision 2026-12-03: stopping this machine's database server answers as `systemctl stop postgresql`
 * does (`rules/hostOutage.ts`, it asks): `pg_ctlcluster V NAME stop` (a packaged cluster), `pg_ctl stop`
 * of a system data folder or of `$PGDATA` unnamed. Restarts stay allowed, as `systemctl restart` does.
 */
function localStop(inv: Invocation, a: ToolArgs, words: readonly string[]): boolean {
  if (a.has('-V', '--version', '--help')) return false;
  const action = words.find((w) => w === 'stop' || w === 'kill');
  if (action === undefined) return false;
  if (inv.name === 'pg_ctlcluster') return true;
  if (action === 'kill') return true;
  // No -D: the `$PGDATA` of the environment, which the hook cannot see unless the command sets it.
  const dir = a.value('-D', '--pgdata') ?? inv.assignments.PGDATA;
  return dir === undefined || SYSTEM_PGDATA.test(dir);
}

function stopServer(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  const words = a.parsed.operands.map((w) => w.text);
  // On another machine any stop, kill or restart takes a service down; on this one, stopping its own server asks (not a throwaway one).
  if (!inv.remote && !localStop(inv, a, words)) return [];
  const action = words.find((w) => STOPPING.has(w));
  if (action === undefined) return [];
  const mode = a.value('-m', '--mode');
  const immediate = mode !== undefined && mode.startsWith('i') ? ' in immediate mode (no checkpoint: the server runs crash recovery when it starts again)' : '';
  const cluster = inv.name === 'pg_ctlcluster' ? `cluster ${words.filter((w) => !STOPPING.has(w)).slice(0, 2).join('/')}` : `server of ${a.value('-D', '--pgdata') ?? '$PGDATA'}`;
  return [{ rule: 'database-admin.stop-server', risk: 'destructive', severity: 'ask', reason: `${action === 'kill' ? 'Kills' : action === 'restart' ? 'Restarts' : 'Stops'} the PostgreSQL ${cluster}${immediate}, cutting off every connection (${inv.name} ${action}).`, targets: [localTarget('database', cluster, ctx)] }];
}

function mysqladmin(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  const words = a.parsed.operands.map((w) => w.text.toLowerCase());
  if (words.includes('drop')) return [];
  const host = a.value('-h', '--host');
  const remoteHost = host !== undefined && !isLocalHost(hostOf(host) ?? host);
  const env = ctx.environmentOf({ values: [], sources: host !== undefined ? [{ source: '-h', value: host }] : [], remote: remoteHost });
  const target: Target = { kind: 'database', name: `the MySQL server${host !== undefined ? ` on ${host}` : ''}`, provider: 'mysql', remote: remoteHost, environment: env.environment, environmentReason: env.reason };
  // Team decision 2026-12-03: this machine's MySQL shut down answers as `systemctl stop mysql` (asks).
  if (words.includes('shutdown')) {
    return [{ rule: 'database-admin.shutdown', risk: 'destructive', severity: 'ask', reason: `Shuts down the MySQL server${host !== undefined ? ` on ${host}` : ''}, cutting off every connection (mysqladmin shutdown).`, targets: [target] }];
  }
  // Round 27: `mysqladmin -h db.prod… -u root password NEW` replaces the password of the account it signs in as; every client using the old one is locked out. Named by its account, never the value.
  const server = words.some((w) => w === 'password' || w === 'old-password') ? remoteServer(inv, a, ctx, 'mysql', 'the MySQL server') : undefined;
  if (server !== undefined && (server.environment === 'production' || server.environment === 'unknown')) {
    const account = a.value('-u', '--user') ?? 'the account it signs in as';
    const shown: Target = server.environment === 'production' ? server : { ...server, environment: 'production', environmentReason: `${server.environmentReason} (an unknown remote server is treated as production)` };
    return [{ rule: 'database-admin.password', risk: 'destructive', severity: 'ask', reason: `Replaces the password of the MySQL account ${account} on ${server.name}: every client signed in with the old one is locked out (mysqladmin password).`, targets: [shown] }];
  }
  if (env.environment !== 'production') return [];
  return [{ rule: 'database-admin.production-access', risk: 'production-access', severity: 'info', reason: `mysqladmin ${words[0] ?? ''} works on the production MySQL server ${host ?? ''}.`.replace(/ +/g, ' '), targets: [target] }];
}

function resetWal(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-?', '--help', '-V', '--version')) return [];
  const dir = a.value('-D', '--pgdata') ?? a.operand(0) ?? '$PGDATA';
  const force = a.has('-f', '--force') ? ' even when the server did not shut down cleanly (-f)' : '';
  return [{ rule: 'database-admin.reset-wal', risk: 'destructive', severity: 'ask', reason: `Throws away the write-ahead log of the PostgreSQL data directory ${dir}${force}: committed changes not yet in the data files are lost and the data may be left inconsistent (${inv.name}).`, targets: [localTarget('database', dir, ctx)] }];
}

/** `pg_rewind` makes the target data directory a copy of the source; `pg_archivecleanup` deletes archived WAL (point-in-time recovery before that file is gone). */
function rewindOrCleanup(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-?', '--help', '-V', '--version')) return [];
  if (inv.name === 'pg_rewind') {
    const dir = a.value('-D', '--target-pgdata') ?? '$PGDATA';
    const source = a.value('--source-server') ?? a.value('--source-pgdata') ?? 'the source server';
    return [{ rule: 'database-admin.rewind', risk: 'destructive', severity: 'ask', reason: `Rewinds the PostgreSQL data directory ${dir} to match ${source}: every change made in ${dir} since their timelines parted is thrown away (pg_rewind).`, targets: [localTarget('database', dir, ctx)] }];
  }
  const archive = a.operand(0) ?? '(the WAL archive)';
  return [{ rule: 'database-admin.archive-cleanup', risk: 'destructive', severity: 'ask', reason: `Deletes the archived write-ahead log in ${archive} older than ${a.operand(1) ?? 'the file named'}: point-in-time recovery to any earlier moment is lost (pg_archivecleanup).`, targets: [localTarget('database', archive, ctx)] }];
}

/** `redis-check-aof --fix` keeps what precedes the first damaged command and drops the rest; `--truncate-to-timestamp` drops what follows a time. */
function fixAof(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || !(a.has('--fix') || a.has('--truncate-to-timestamp'))) return [];
  const file = a.operand(0) ?? '(the append-only file)';
  return [{ rule: 'database-admin.aof-fix', risk: 'destructive', severity: 'ask', reason: `Truncates the Redis append-only file ${file}${a.has('--fix') ? ' at its first damaged command' : ' after a point in time'}: every write recorded after that point is lost (${inv.name}).`, targets: [localTarget('database', file, ctx)] }];
}

/** Where a server lives: `-h HOST` of libpq's programs, `-n rabbit@HOST` of rabbitmqctl; undefined for this machine. */
function remoteServer(inv: Invocation, a: ToolArgs, ctx: RuleContext, provider: string, what: string): Target | undefined {
  const option = inv.name.startsWith('rabbitmqctl') ? '-n' : '-h';
  const value = option === '-n' ? a.value('-n', '--node') : a.value('-h', '--host');
  const host = value === undefined ? undefined : option === '-n' ? (value.includes('@') ? value.slice(value.indexOf('@') + 1) : 'localhost') : (hostOf(value) ?? value);
  const remote = (host !== undefined && !isLocalHost(host)) || inv.remote !== undefined;
  if (!remote) return undefined;
  const env = ctx.environmentOf({ values: host !== undefined ? [host] : [], sources: value !== undefined ? [{ source: option, value }] : [], remote: true });
  return { kind: 'database', name: `${what}${host !== undefined ? ` on ${host}` : ''}`, provider, remote: true, environment: env.environment, environmentReason: env.reason };
}

function roles(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-?', '--help', '-V', '--version')) return [];
  const name = a.operand(0) ?? '(a role named at the prompt)';
  if (inv.name === 'createuser' && !a.has('-s', '--superuser', '-r', '--createrole', '--bypassrls', '--replication')) return [];
  const target = remoteServer(inv, a, ctx, 'postgres', 'the PostgreSQL server');
  if (!target) return [];
  const reason = inv.name === 'dropuser'
    ? `Drops the role ${name} of ${target.name}: every client signing in as it is locked out (dropuser).`
    : `Creates the role ${name} with administrative rights (superuser, role or replication) on ${target.name} (createuser).`;
  return [{ rule: 'database-admin.roles', risk: 'destructive', severity: 'ask', reason, targets: [target] }];
}

/** rabbitmqctl commands that change who may sign in and what they may do, or stop, reset or cut off the node. */
const RABBIT_ADMIN = /^(add_user|delete_user|change_password|clear_password|set_user_tags|set_permissions|set_topic_permissions|clear_permissions|stop_app|stop|shutdown|reset|force_reset|close_all_connections|close_connection|forget_cluster_node|join_cluster|set_vm_memory_high_watermark|set_disk_free_limit|import_definitions|set_global_parameter|clear_global_parameter|set_policy|clear_policy)$/;

function rabbitmq(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  const command = a.parsed.operands[0]?.text;
  if (command === undefined || !RABBIT_ADMIN.test(command)) return [];
  const object = a.operand(1) ?? a.parsed.operands[1]?.text;
  // A cluster member removed by name (`forget_cluster_node rabbit@node2`) is another machine's broker, whatever node runs the command.
  const member = command === 'forget_cluster_node' && object?.includes('@') ? object.slice(object.indexOf('@') + 1) : undefined;
  // Stop 38 (round 27): a password changed or cleared locks out whoever signs in with the old one, on this machine's node too
  // (rabbitmqctl is the broker host's own admin tool: the node it reaches by default is the one that host serves).
  const password = passwordWord(command) || command === 'clear_password';
  const target = remoteServer(inv, a, ctx, 'rabbitmq', 'the RabbitMQ node') ?? (member !== undefined && !isLocalHost(member) ? memberTarget(member, ctx) : undefined) ?? (password ? localNode(ctx) : undefined);
  if (!target) return [];
  // Stop 40 (round 39): `change_password NEW` with the user left out: a lone word after a password verb is never named (it may be the password).
  const account = password && command !== 'clear_password' && a.parsed.operands.length < 3 ? undefined : object;
  if (password) return [{ rule: 'database-admin.rabbitmq', risk: 'destructive', severity: 'ask', reason: `rabbitmqctl ${command}${account !== undefined ? ` ${account}` : ''} on ${target.name}: the account's password changes, and every client signing in with the old one is locked out.`, targets: [target] }];
  return [{ rule: 'database-admin.rabbitmq', risk: 'destructive', severity: 'ask', reason: `rabbitmqctl ${command}${object !== undefined ? ` ${object}` : ''} on ${target.name}: users, permissions or the node's running state change for every client of that broker.`, targets: [target] }];
}

function localNode(ctx: RuleContext): Target {
  const env = ctx.environmentOf({ values: [], remote: false });
  return { kind: 'database', name: 'the RabbitMQ node on this machine', provider: 'rabbitmq', remote: false, environment: env.environment, environmentReason: env.reason };
}

function memberTarget(host: string, ctx: RuleContext): Target {
  const env = ctx.environmentOf({ values: [host], remote: true });
  return { kind: 'database', name: `the RabbitMQ cluster of ${host}`, provider: 'rabbitmq', remote: true, environment: env.environment, environmentReason: env.reason };
}

/**
 * Team decision 2026-12-03: a database server's data folder (re)created on this machine answers as
 * its siblings do (a package purge, `systemctl stop postgresql`: asks): `mysqld --initialize-insecure`
 * (a root account without a password), `mysqld --initialize` or `initdb` over a system data folder,
 * `pg_upgradecluster` (stops the packaged cluster and moves it to a new version and port). A folder in
 * the project or under /tmp is a throwaway development server and stays allowed.
 */
const SYSTEM_MYSQL_DATA = /^(\/var\/lib\/mysql|\/var\/lib\/mariadb|\/usr\/local\/(var\/)?mysql|\/opt\/homebrew\/var\/mysql|\/var\/db\/mysql|\/srv\/mysql)/;

function reinit(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('--help', '-?', '-V', '--version') || (inv.name === 'pg_upgradecluster' && a.has('-h'))) return [];
  const found = (what: string, dir: string): Finding[] => [{ rule: 'database-admin.reinit', risk: 'destructive', severity: 'ask', reason: what, targets: [localTarget('database', dir, ctx)] }];
  if (inv.name === 'pg_upgradecluster') {
    const cluster = `${a.operand(0) ?? '(version)'}/${a.operand(1) ?? '(cluster)'}`;
    return found(`Upgrades the PostgreSQL cluster ${cluster} in place (pg_upgradecluster): its server is stopped, its data moved to a new cluster and the old one left to be dropped.`, `cluster ${cluster}`);
  }
  if (inv.name === 'initdb') {
    const dir = a.value('-D', '--pgdata') ?? a.operand(0) ?? inv.assignments.PGDATA;
    if (dir !== undefined && !SYSTEM_PGDATA.test(dir)) return [];
    return found(`Initialises the PostgreSQL data folder ${dir ?? '$PGDATA'}, this machine's own server's (initdb).`, dir ?? '$PGDATA');
  }
  const insecure = a.has('--initialize-insecure');
  if (!insecure && !a.has('--initialize')) return [];
  const dir = a.value('--datadir', '-h');
  if (!insecure && dir !== undefined && !SYSTEM_MYSQL_DATA.test(dir)) return [];
  const how = insecure ? ' with a root account that has no password' : '';
  return found(`Initialises the MySQL data folder ${dir ?? '(the configured datadir)'}${how} (${inv.name} ${insecure ? '--initialize-insecure' : '--initialize'}).`, dir ?? 'the MySQL datadir');
}

const BY_NAME: Record<string, (inv: Invocation, ctx: RuleContext) => Finding[]> = ownTable({
  pg_dropcluster: dropCluster,
  pg_resetwal: resetWal,
  pg_resetxlog: resetWal,
  pg_rewind: rewindOrCleanup,
  pg_archivecleanup: rewindOrCleanup,
  'redis-check-aof': fixAof,
  'valkey-check-aof': fixAof,
  createuser: roles,
  dropuser: roles,
  rabbitmqctl: rabbitmq,
  'rabbitmqctl.bat': rabbitmq,
  pg_ctl: stopServer,
  pg_ctlcluster: stopServer,
  mysqladmin,
  mysqld: reinit,
  mariadbd: reinit,
  mysqld_safe: reinit,
  initdb: reinit,
  pg_upgradecluster: reinit,
});

export const databaseAdminPack: RulePack = {
  id: 'database-admin',
  title: 'Database server administration: pg_dropcluster, stopping a server elsewhere, mysqladmin on production',
  commands: Object.keys(BY_NAME),
  checkInvocation(inv, ctx) {
    return BY_NAME[inv.name]?.(inv, ctx) ?? [];
  },
};
