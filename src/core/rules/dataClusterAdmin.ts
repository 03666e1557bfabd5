import { ownTable } from '../ownTable';
import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { hostOf, isLocalHost } from '../policy/production';
import { freeFormReadings } from '../registry/freeForm';
import { destroyingJobName } from '../registry/namedJobs';
import { stdinText } from './database';

/**
 * Cluster and server administration of data stores that loses data or takes the service away without
 * a destroying word (issue #18 item 3, red team round 8), by command name; the verb floor still reads
 * every one of these programs too. What each command means comes from its manual:
 * - HA managers: `patronictl failover|switchover|reinit|remove|pause|restart|edit-config`, `pg_autoctl
 *   perform …|drop …`, `repmgr … promote|switchover|unregister|rejoin|cleanup`, `orchestrator-client -c
 *   graceful-master-takeover|recover|relocate|forget…`: they manage production clusters (nothing on
 *   the command says otherwise, so unknown is production);
 * - node administration on another host: `nodetool -h HOST disablebinary|disablegossip|decommission|…`,
 *   `etcdctl --endpoints=… defrag|move-leader|auth disable`;
 * - Kafka on a broker elsewhere: `kafka-acls --remove`, `kafka-reassign-partitions --execute`,
 *   `kafka-topics --alter --partitions`, messages (or tombstones) produced by `kcat -P` /
 *   `kafka-console-producer` into a production or unknown broker;
 * - `redis-cli --cluster del-node|fix|rebalance|reshard|import` on a cluster;
 * - FoundationDB's `fdbcli --exec 'clearrange …'` (and clear, exclude, lock, kill);
 * - `pgbench -i` (drops and recreates the pgbench_* tables) and `mongoimport --mode upsert|merge|delete`
 *   on a server elsewhere; on this machine both are routine;
 * - `crictl rmp|rm|stopp|stop`: the pods and containers of a Kubernetes node;
 * - a destroying message sent down a WebSocket (`wscat -x`, `websocat` fed on standard input);
 * - storage taken offline: `lvchange -an`, `vgchange -an`, `exportfs -u|-ua`;
 * - a node's repair tools that discard data: `elasticsearch-node unsafe-bootstrap|detach-cluster|…`,
 *   `elasticsearch-shard remove-corrupted-data`, `mongod --repair`.
 * Look-alikes stay allowed: listings, status, `patronictl list`, `nodetool status`, `kcat -C|-L`.
 */

const reading = (inv: Invocation) => freeFormReadings(inv.args);
const operands = (inv: Invocation): string[] => reading(inv).usual.operands.map((w) => w.text);
/** Whether an option spelled one of `names` is written (free-form: the name as written). */
const has = (inv: Invocation, ...names: string[]): boolean => reading(inv).usual.options.some((o) => names.includes(o.name));
/** An option's value: glued (`--x=v`) or the next word (the free-form valued reading). */
function value(inv: Invocation, ...names: string[]): string | undefined {
  for (const r of [reading(inv).usual, reading(inv).valued]) {
    const o = r.options.find((x) => names.includes(x.name) && x.values.length > 0);
    if (o) return o.values[0];
  }
  return undefined;
}

/** Where the command reaches: `places` are hosts, URLs or `host:port` lists; `names` only say the environment (a cluster's name, a config file). */
function target(ctx: RuleContext, what: string, places: readonly (string | undefined)[], provider: string, remoteByDefault: boolean, inv: Invocation, names: readonly (string | undefined)[] = []): Target | undefined {
  const named = places.filter((p): p is string => p !== undefined && p !== '');
  const hosts = named.flatMap((p) => p.split(',')).map((p) => hostOf(p) ?? p.split(':')[0] ?? p);
  const remote = inv.remote !== undefined || (named.length === 0 ? remoteByDefault : hosts.some((h) => /[$`]/.test(h) || !isLocalHost(h)));
  if (!remote) return undefined;
  // A file path among the names (`-c /etc/patroni.yml`) is where the tool reads its settings, not where the cluster runs.
  const values = [...named, ...names.filter((n): n is string => n !== undefined && n !== '' && !/[/\\]/.test(n))];
  const env = ctx.environmentOf({ values, sources: inv.remote ? [...inv.remote.names] : [], remote: true });
  const where = hosts[0] !== undefined && hosts[0] !== '' ? ` on ${hosts[0]}` : '';
  return { kind: 'database', name: `${what}${where}`, provider, remote: true, environment: env.environment, environmentReason: env.reason };
}

function ask(rule: string, reason: string, t: Target | undefined): Finding[] {
  return t ? [{ rule: `data-cluster.${rule}`, risk: 'destructive', severity: 'ask', reason, targets: [t] }] : [];
}

/** The first operand that is one of `verbs` (an HA manager's subcommand), with the operands after it. */
function verbOf(inv: Invocation, verbs: RegExp): { verb: string; rest: string[] } | undefined {
  const words = operands(inv);
  const i = words.findIndex((w) => verbs.test(w));
  return i < 0 ? undefined : { verb: words[i]!, rest: words.slice(i + 1) };
}

const HELP = ['--help', '--version'];

// ---------------------------------------------------------------------------------------------
// HA managers

const PATRONI = /^(failover|switchover|reinit|remove|pause|restart|edit-config|demote-cluster|promote-cluster|flush)$/;
const PATRONI_DOES: Readonly<Record<string, string>> = ownTable({
  failover: 'moves the primary role to another member (every client connection to the old primary is cut; asynchronous replicas may lose the last transactions)',
  switchover: 'moves the primary role to another member, cutting every client connection to the old primary',
  reinit: 'wipes a member\'s data directory and copies it again from the leader',
  remove: 'removes the cluster\'s state from the DCS (its members stop knowing who leads)',
  pause: 'turns automatic failover off (a primary that dies stays down)',
  restart: 'restarts the cluster\'s PostgreSQL members',
  'edit-config': 'changes the dynamic configuration every member runs with',
  'demote-cluster': 'demotes the cluster to a standby cluster (it stops taking writes)',
  'promote-cluster': 'promotes a standby cluster, splitting it from its source',
  flush: 'discards the scheduled restarts or switchovers of',
});

function patronictl(inv: Invocation, ctx: RuleContext): Finding[] {
  if (has(inv, '--help')) return [];
  const hit = verbOf(inv, PATRONI);
  if (!hit) return [];
  const cluster = hit.rest.find((w) => !/^(restart|switchover)$/.test(w));
  const config = value(inv, '-c', '--config-file');
  const t = target(ctx, `the Patroni cluster ${cluster ?? `of ${config ?? 'the default configuration'}`}`, [value(inv, '-d', '--dcs-url', '--dcs')], 'patroni', true, inv, [cluster, config]);
  return ask('ha-manager', `patronictl ${hit.verb} ${PATRONI_DOES[hit.verb]} (${t?.name ?? ''}).`, t);
}

function pgAutoctl(inv: Invocation, ctx: RuleContext): Finding[] {
  const words = operands(inv);
  const at = words.findIndex((w) => w === 'perform' || w === 'drop' || (w === 'enable' && words[words.indexOf(w) + 1] === 'maintenance'));
  if (at < 0 || has(inv, '--help')) return [];
  const what = `${words[at]} ${words[at + 1] ?? ''}`.trim();
  const t = target(ctx, `the pg_auto_failover formation ${value(inv, '--formation') ?? 'default'}`, [value(inv, '--monitor')], 'postgres', true, inv, [value(inv, '--pgdata')]);
  return ask('ha-manager', `pg_autoctl ${what} changes which node serves ${t?.name ?? ''} or takes a node out of it (connections are cut).`, t);
}

const REPMGR = /^(promote|switchover|unregister|rejoin|cleanup|pause)$/;

function repmgr(inv: Invocation, ctx: RuleContext): Finding[] {
  if (has(inv, '--help', '--dry-run')) return [];
  const words = operands(inv);
  const hit = verbOf(inv, REPMGR);
  const clone = words.includes('clone') && has(inv, '-F', '--force');
  if (!hit && !clone) return [];
  const what = clone ? 'standby clone --force (overwrites the local data directory)' : `${words[words.indexOf(hit!.verb) - 1] ?? ''} ${hit!.verb}`.trim();
  const t = target(ctx, 'the repmgr cluster', [value(inv, '-h', '--host')], 'postgres', true, inv, [value(inv, '-f', '--config-file')]);
  return ask('ha-manager', `repmgr ${what} changes the roles or membership of ${t?.name ?? ''}: connections are cut and a lagging node can lose writes.`, t);
}

const ORCHESTRATOR = /^(graceful-master-takeover(-auto)?|force-master-(failover|takeover)|recover(-lite)?|relocate(-replicas)?|forget(-cluster)?|make-co-master|detach-replica(-master-host)?|reattach-replica(-master-host)?|set-read-only|set-writeable|stop-replica(-nice)?|reset-replica|restart-replica|skip-query|regroup-replicas(-[a-z]+)?|move-(up|below|equivalent|replicas-gtid|up-replicas)|repoint(-replicas)?|take-master|take-siblings|make-master|make-local-master|disable-global-recoveries|gtid-errant-(inject-empty|reset-master)|kill-query|disable-semi-sync-master|enable-semi-sync-master|end-downtime|begin-downtime)$/;

function orchestrator(inv: Invocation, ctx: RuleContext): Finding[] {
  const command = value(inv, '-c', '--command');
  if (command === undefined || !ORCHESTRATOR.test(command)) return [];
  const instance = value(inv, '-i', '--instance') ?? value(inv, '-a', '--alias');
  const t = target(ctx, `the MySQL topology of ${instance ?? '(the instance orchestrator picks)'}`, [], 'mysql', true, inv, [instance, value(inv, '-d', '--destination')]);
  return ask('ha-manager', `orchestrator ${command} changes which server is the primary, or moves, detaches or stops replicas of ${t?.name ?? ''}: clients are cut off and a replica behind can lose writes.`, t);
}

// ---------------------------------------------------------------------------------------------
// Node administration

const NODETOOL = /^(disablebinary|disablegossip|disablethrift|disablehandoff|disablebackup|disablehintsfordc|disableautocompaction|stopdaemon|assassinate|decommission|drain|truncatehints|resetlocalschema|move|removenode|clearsnapshot)$/;

function nodetool(inv: Invocation, ctx: RuleContext): Finding[] {
  const hit = verbOf(inv, NODETOOL);
  if (!hit || has(inv, '--help')) return [];
  const host = value(inv, '-h', '--host');
  const t = target(ctx, 'the Cassandra node', [host], 'cassandra', false, inv);
  return ask('node-admin', `nodetool ${hit.verb} takes ${t?.name ?? ''} out of service, or drops what protects its data (clients, gossip, hints, backups or snapshots).`, t);
}

function etcdctl(inv: Invocation, ctx: RuleContext): Finding[] {
  // The command is the first operand that names one (`--endpoints etcd.prod:2379 defrag` leaves the value among the operands).
  const all = operands(inv);
  const at = all.findIndex((w) => /^(defrag|move-leader|auth|alarm|downgrade)$/.test(w));
  const words = at < 0 ? [] : all.slice(at);
  const verb = words[0];
  const act = verb === 'defrag' ? `defrag${has(inv, '--cluster') ? ' --cluster (every member in turn)' : ''}: each member blocks reads and writes while it rewrites its store`
    : verb === 'move-leader' ? 'move-leader: leadership moves and in-flight requests fail'
    : verb === 'auth' && words[1] === 'disable' ? 'auth disable: every client may read and write every key'
    : verb === 'alarm' && words[1] === 'disarm' ? 'alarm disarm: writes resume on a member that raised NOSPACE or CORRUPT'
    : verb === 'downgrade' && words[1] === 'enable' ? 'downgrade enable: the cluster\'s storage version is lowered' : undefined;
  if (act === undefined) return [];
  const endpoints = value(inv, '--endpoints') ?? inv.assignments.ETCDCTL_ENDPOINTS;
  const t = target(ctx, 'the etcd cluster', [endpoints], 'etcd', false, inv);
  return ask('node-admin', `etcdctl ${act} (${t?.name ?? ''}).`, t);
}

// ---------------------------------------------------------------------------------------------
// Kafka

const brokers = (inv: Invocation): string | undefined => value(inv, '--bootstrap-server', '--bootstrap-servers', '--broker-list', '--zookeeper', '-b');

function kafka(inv: Invocation, ctx: RuleContext): Finding[] {
  const name = inv.name.replace(/\.sh$/, '');
  if (has(inv, '--help', '--dry-run', '--verify')) return [];
  const topic = value(inv, '--topic', '-t');
  const act = name === 'kafka-acls' && has(inv, '--remove') ? `removes access rules${topic !== undefined ? ` of topic ${topic}` : ''} (clients they allowed are locked out, and what they denied is let in)`
    : name === 'kafka-reassign-partitions' && has(inv, '--execute') ? 'moves partition replicas between brokers (heavy copying; a plan that drops a replica loses that copy)'
    : name === 'kafka-topics' && has(inv, '--alter') && has(inv, '--partitions') ? `adds partitions to ${topic ?? 'a topic'} (keys map to other partitions: per-key ordering breaks)`
    : (name === 'kcat' || name === 'kafkacat') && has(inv, '-P') ? `produces messages${reading(inv).usual.options.some((o) => o.name.startsWith('-K')) ? ' (a key with an empty value is a tombstone that deletes that key from a compacted topic)' : ''} into ${topic ?? 'a topic'}`
    : name === 'kafka-console-producer' ? `produces messages into ${topic ?? 'a topic'}` : undefined;
  if (act === undefined) return [];
  const t = target(ctx, 'the Kafka cluster', [brokers(inv)], 'kafka', true, inv);
  // Producing is a write: asked where it reaches production (or a broker nothing names), like any production write.
  if (act.startsWith('produces') && t?.environment !== 'production' && t?.environment !== 'unknown') return [];
  return ask('kafka-admin', `${inv.name} ${act} on ${t?.name ?? ''}.`, t);
}

// ---------------------------------------------------------------------------------------------
// Redis cluster, FoundationDB

const REDIS_CLUSTER = /^(del-node|fix|rebalance|reshard|import|set-timeout|create|add-node)$/;

function redisCluster(inv: Invocation, ctx: RuleContext): Finding[] {
  const sub = value(inv, '--cluster');
  if (sub === undefined || !REDIS_CLUSTER.test(sub)) return [];
  const words = operands(inv).filter((w) => w !== sub);
  const node = words.find((w) => /^[\w.-]+:\d+$/.test(w) || /^[a-z]+:\/\//i.test(w));
  const t = target(ctx, 'the Redis cluster', [node ?? value(inv, '-h')], 'redis', false, inv);
  return ask('redis-cluster', `redis-cli --cluster ${sub} changes which node holds which slots of ${t?.name ?? ''}${sub === 'del-node' ? ' (the node is removed and shut down)' : sub === 'fix' ? ' (slots without an owner are assigned, keys may be dropped)' : ''}: keys move or are lost, and clients see errors meanwhile.`, t);
}

const FDB_DESTROY = /(^|;)\s*(clearrange|clear|exclude|kill|suspend|lock|coordinators\s+\S|datadistribution\s+off|tenant\s+delete|configure\s+(new|single|double|triple))\b/i;

function fdbcli(inv: Invocation, ctx: RuleContext): Finding[] {
  const text = [value(inv, '--exec') ?? '', stdinText(inv, ctx.facts).text ?? ''].join(';');
  const m = FDB_DESTROY.exec(text);
  if (!m) return [];
  const t = target(ctx, 'the FoundationDB cluster', [], 'foundationdb', true, inv, [value(inv, '-C', '--cluster-file')]);
  return ask('fdb', `fdbcli runs ${m[2]} on ${t?.name ?? ''}: keys are cleared or servers taken out, for every client of that cluster.`, t);
}

// ---------------------------------------------------------------------------------------------
// Load tools and imports on another server

function pgbench(inv: Invocation, ctx: RuleContext): Finding[] {
  const steps = value(inv, '-I', '--init-steps');
  if (!(has(inv, '-i', '--initialize') || (steps !== undefined && steps.includes('d')))) return [];
  const host = value(inv, '-h', '--host') ?? inv.assignments.PGHOST;
  // The database is the last operand (`pgbench -i -h HOST shop`); a host or a number given to an option is not it.
  const db = operands(inv).filter((w) => w !== host && !/^\d+$/.test(w) && w !== value(inv, '-U', '--username', '-p', '--port')).pop();
  const t = target(ctx, `the database ${db ?? '(default)'}`, [host, db !== undefined && /:\/\//.test(db) ? db : undefined], 'postgres', false, inv);
  return ask('load-tool', `pgbench -i drops and recreates the pgbench_accounts, pgbench_branches, pgbench_history and pgbench_tellers tables of ${t?.name ?? ''} and fills them with test data.`, t);
}

function mongoimport(inv: Invocation, ctx: RuleContext): Finding[] {
  const mode = value(inv, '--mode');
  if (mode === undefined || !/^(upsert|merge|delete)$/.test(mode)) return [];
  const t = target(ctx, `the collection ${value(inv, '-c', '--collection') ?? '(of the file name)'}`, [value(inv, '--uri') ?? value(inv, '-h', '--host')], 'mongodb', false, inv);
  const does = mode === 'delete' ? 'deletes every document matching one in the file' : mode === 'upsert' ? 'replaces every document matching one in the file' : 'merges the file\'s fields over the matching documents';
  return ask('import-overwrite', `mongoimport --mode ${mode} ${does} in ${t?.name ?? ''}.`, t);
}

// ---------------------------------------------------------------------------------------------
// A node's runtime, WebSockets, storage

function crictl(inv: Invocation, ctx: RuleContext): Finding[] {
  const verb = operands(inv)[0];
  if (verb === undefined || !/^(rmp|rm|stopp|stop)$/.test(verb) || has(inv, '--help')) return [];
  const all = reading(inv).usual.options.some((o) => o.name === '--all' || /^-[a-z]*a[a-z]*$/.test(o.name));
  const named = operands(inv).slice(1);
  const env = ctx.environmentOf({ values: [], remote: true });
  const t: Target = { kind: 'resource', name: `the ${verb.endsWith('p') ? 'pods' : 'containers'} of this Kubernetes node`, provider: 'kubernetes', remote: true, environment: env.environment, environmentReason: 'a CRI runtime serves a Kubernetes node (environment unknown)' };
  const what = all ? `every ${verb.endsWith('p') ? 'pod sandbox' : 'container'}` : named.slice(0, 3).join(', ') || 'the named ones';
  return ask('cri', `crictl ${verb} ${verb.startsWith('rm') ? 'removes' : 'stops'} ${what} on this Kubernetes node behind the kubelet's back (their scratch volumes and logs go with them).`, t);
}

function websocket(inv: Invocation, ctx: RuleContext): Finding[] {
  const url = value(inv, '-c', '--connect') ?? operands(inv).find((w) => /^wss?:\/\//i.test(w));
  if (url === undefined) return [];
  const message = [value(inv, '-x', '--execute') ?? '', stdinText(inv, ctx.facts).text ?? ''].join('\n');
  const verb = (message.match(/[A-Za-z_][\w.:-]*/g) ?? []).slice(0, 200).map(destroyingJobName).find((v) => v !== undefined);
  if (verb === undefined) return [];
  const t = target(ctx, 'the WebSocket service', [url], 'websocket', true, inv);
  return ask('websocket', `${inv.name} sends a message asking ${t?.name ?? ''} to ${verb} (the service does what the message says, nothing asks again).`, t);
}

function storageOffline(inv: Invocation, ctx: RuleContext): Finding[] {
  const active = value(inv, '-a', '--activate');
  const off = inv.name === 'exportfs'
    ? reading(inv).usual.options.some((o) => /^-[a-z]*u[a-z]*$/.test(o.name))
    : (active !== undefined && active.startsWith('n')) || has(inv, '-an', '-aln', '-aen');
  if (!off) return [];
  const named = operands(inv).filter((w) => w !== active);
  const what = inv.name === 'exportfs' ? `the NFS exports ${named.join(', ') || '(all of them)'}` : `the volume ${named.join(', ') || '(all of the group)'}`;
  const env = ctx.environmentOf({ values: [], remote: false });
  const t: Target = { kind: 'resource', name: what, provider: 'host', remote: false, environment: env.environment, environmentReason: env.reason };
  return ask('storage-offline', `${inv.name} takes ${what} offline: every program (and, for NFS, every client machine) using it loses its files.`, t);
}

// ---------------------------------------------------------------------------------------------
// A node's own repair tools (elastic.co/guide/en/elasticsearch/reference/current/node-tool.html, shard-tool.html; mongodb.com mongod --repair)

const ES_NODE = /^(unsafe-bootstrap|detach-cluster|remove-settings|remove-customs|override-version|repurpose)$/;

function nodeRepair(inv: Invocation, ctx: RuleContext): Finding[] {
  const words = operands(inv);
  const what = inv.name.endsWith('-node') ? words.find((w) => ES_NODE.test(w)) : inv.name.endsWith('-shard') && words.includes('remove-corrupted-data') ? 'remove-corrupted-data' : inv.name === 'mongod' && has(inv, '--repair') ? '--repair' : undefined;
  if (what === undefined) return [];
  const env = ctx.environmentOf({ values: [], remote: false });
  const t: Target = { kind: 'database', name: `the data directory of this ${inv.name.startsWith('mongod') ? 'MongoDB' : 'search'} node`, provider: inv.name.split('-')[0] ?? inv.name, remote: false, environment: env.environment, environmentReason: env.reason };
  return ask('node-repair', `${inv.name} ${what} rewrites the node's on-disk state and discards what it cannot reconcile (the tool's manual warns of data loss): documents, shards or cluster metadata can be gone for good.`, t);
}

const BY_NAME: Record<string, (inv: Invocation, ctx: RuleContext) => Finding[]> = ownTable({
  'elasticsearch-node': nodeRepair, 'opensearch-node': nodeRepair, 'elasticsearch-shard': nodeRepair, 'opensearch-shard': nodeRepair, mongod: nodeRepair,
  patronictl, pg_autoctl: pgAutoctl, repmgr, 'orchestrator-client': orchestrator, orchestrator, nodetool, etcdctl,
  'kafka-acls': kafka, 'kafka-acls.sh': kafka, 'kafka-reassign-partitions': kafka, 'kafka-reassign-partitions.sh': kafka, 'kafka-topics': kafka, 'kafka-topics.sh': kafka,
  kcat: kafka, kafkacat: kafka, 'kafka-console-producer': kafka, 'kafka-console-producer.sh': kafka,
  'redis-cli': redisCluster, 'valkey-cli': redisCluster, 'keydb-cli': redisCluster, fdbcli, pgbench, mongoimport, crictl, wscat: websocket, websocat: websocket,
  lvchange: storageOffline, vgchange: storageOffline, exportfs: storageOffline,
});

export const dataClusterAdminPack: RulePack = {
  id: 'data-cluster',
  title: 'Cluster and server administration of data stores: HA failovers, node removal, Kafka admin, Redis cluster, imports that overwrite, storage offline',
  checkInvocation(inv, ctx) {
    if (inv.args.some((a) => HELP.includes(a.text))) return [];
    return BY_NAME[inv.name]?.(inv, ctx) ?? [];
  },
  reactsTo: (name) => BY_NAME[name] !== undefined,
};
