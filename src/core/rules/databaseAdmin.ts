import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { hostOf, isLocalHost } from '../policy/production';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';

/**
 * Database servers' own administration programs, beside the clients the database pack reads:
 * - `pg_dropcluster VERSION NAME` deletes a Debian PostgreSQL cluster's data, WAL and configuration;
 * - `pg_ctl stop|restart|kill` and `pg_ctlcluster … stop|restart` on another machine take that
 *   server down (`-m immediate` without a checkpoint: crash recovery at the next start); on this
 *   machine stopping a development server is routine;
 * - `mysqladmin shutdown` on another machine, and any mysqladmin work on a production host is
 *   recorded as production access (its `drop` is the database pack's).
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

function stopServer(inv: Invocation, ctx: RuleContext): Finding[] {
  // Stopping a server on this machine is routine development work; on another machine it takes a service down.
  if (!inv.remote) return [];
  const a = argsOf(inv);
  if (!a) return [];
  const words = a.parsed.operands.map((w) => w.text);
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
  if (words.includes('shutdown') && (remoteHost || inv.remote)) {
    return [{ rule: 'database-admin.shutdown', risk: 'destructive', severity: 'ask', reason: `Shuts down the MySQL server${host !== undefined ? ` on ${host}` : ''}, cutting off every connection (mysqladmin shutdown).`, targets: [target] }];
  }
  if (env.environment !== 'production') return [];
  return [{ rule: 'database-admin.production-access', risk: 'production-access', severity: 'info', reason: `mysqladmin ${words[0] ?? ''} works on the production MySQL server ${host ?? ''}.`.replace(/ +/g, ' '), targets: [target] }];
}

const BY_NAME: Record<string, (inv: Invocation, ctx: RuleContext) => Finding[]> = {
  pg_dropcluster: dropCluster,
  pg_ctl: stopServer,
  pg_ctlcluster: stopServer,
  mysqladmin,
};

export const databaseAdminPack: RulePack = {
  id: 'database-admin',
  title: 'Database server administration: pg_dropcluster, stopping a server elsewhere, mysqladmin on production',
  commands: Object.keys(BY_NAME),
  checkInvocation(inv, ctx) {
    return BY_NAME[inv.name]?.(inv, ctx) ?? [];
  },
};
