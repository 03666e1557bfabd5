import type { Finding } from '../../policy/types';
import { environmentOfName } from '../../policy/production';
import { matchCredentialPath } from '../../credentials/credentialPaths';
import { toolNamed } from '../../registry/commandModel';
import { verbTraitsOf } from '../../registry/verbTraits';
import { ownHandlerFor } from '../../policy/handlers/index';
import { SHELLS } from '../../policy/handlers/context';
/** Stop 39: a restore forced over the live tree (support/liveRestores.ts), read where the floor reads live-data writes. */
export { forcedLiveRestore } from './liveRestores';

/**
 * Stop 37, red team round 26 (held out), read by meaning for programs the verb floor judges: a tool writing its output over a
 * server's live data, and a query naming credential files. Both were found beside the closed world for unknown CLIs (not merged);
 * neither depends on it.
 */

/** Folders of a server's live data (VM disks, databases, service state): `/var/lib/libvirt/images`, `/var/lib/postgresql`, `/srv/…`. */
const LIVE_DATA = /^\/(var\/lib|srv|data|var\/opt|opt\/[^/]+\/data)\//;

/**
 * Round 29: the live data folder of a database or data server (PostgreSQL, MySQL/MariaDB, MongoDB, Redis/Valkey,
 * Elasticsearch/OpenSearch, etcd, ClickHouse, Cassandra, InfluxDB, CouchDB, Neo4j, RabbitMQ, Kafka, ZooKeeper, MinIO,
 * SQL Server, Docker's and Podman's volumes), at the packages' and Homebrew's places, `/data/db` and `$PGDATA`.
 */
const LIVE_DATABASE = /^(?:\/var\/lib\/(?:postgresql|pgsql|postgres|mysql|mariadb|mongodb|mongo|redis|redis-server|valkey|elasticsearch|opensearch|etcd|clickhouse|cassandra|scylla|influxdb|couchdb|neo4j|rabbitmq|kafka|zookeeper|minio|mssql|cockroach|arangodb3|rethinkdb|firebird|tarantool|manticore|sphinxsearch|docker\/volumes|containers\/storage\/volumes)|\/var\/opt\/mssql|\/data\/db|\/(?:usr\/local|opt\/homebrew)\/var\/(?:postgres|postgresql(?:@[\d.]+)?|mysql|mongodb|redis)|\/srv\/(?:postgres|postgresql|pgsql|mysql|mariadb|mongo|mongodb|redis|elasticsearch|etcd|clickhouse)|\$\{?PGDATA\}?)(?=\/|$)/;

/** The live database folder a word names (the folder, as written up to the server's own), or undefined. */
export function liveDatabaseFolder(text: string): string | undefined {
  const m = LIVE_DATABASE.exec(text.replace(/\/{2,}/g, '/'));
  return m ? text : undefined;
}

/** Words that only look at a file (`info`, `check`, `compare`, `map`, `measure`, `verify`), beyond the floor's reads. */
const LOOKS = /^(describe|display|info|check|compare|map|measure|verify|validate|inspect|show|list|ls|get|print|dump|stat|stats|status|diff|query|read|cat|head|tail|hash|checksum|sum|identify|probe)(?:[-_:].+|[A-Z].*)?$/;

interface ReadingLike {
  positionals: readonly { text: string; index: number }[];
  maybeValues: ReadonlySet<number>;
}

function commandShaped(text: string): boolean {
  return text.length <= 64 && /^[A-Za-z][A-Za-z0-9]*(?:[-_:][A-Za-z0-9]+)*$/.test(text);
}

/**
 * Round 26 (`qemu-img convert -O qcow2 build/base.img /var/lib/libvirt/images/prod-db.qcow2`): a tool that works on files here
 * writing its output (its last operand) over a server's live data (a VM's disk, a database's files), by command words none of which
 * only reads. Allowed: the same work into the project or a temporary folder (`qemu-img create /tmp/test.qcow2 10G`), reads of live
 * data (`qemu-img info /var/lib/…`), a tool given the live file alone (no command word and no source).
 */
export function liveDataWrite(tool: string, reading: ReadingLike, readsOnly: (text: string) => boolean): Finding | undefined {
  const operands = reading.positionals.filter((w) => !reading.maybeValues.has(w.index));
  const target = operands[operands.length - 1]?.text;
  // `borg extract /srv/repo::monday`: a live folder named alone (or an archive inside it) is a source, not an output.
  if (target === undefined || !LIVE_DATA.test(target) || target.includes(':')) return undefined;
  const words = operands.filter((w) => commandShaped(w.text)).slice(0, 3).map((w) => w.text);
  if (operands.length - words.length < 2) return undefined;
  if (words.length === 0 || words.some((w) => readsOnly(w) || LOOKS.test(w))) return undefined;
  const named = environmentOfName(target.slice(target.lastIndexOf('/') + 1)) === 'production';
  return {
    rule: 'verbs.live-data-write',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${[tool, ...words].join(' ')}\` writes its output over ${target}, a server's live data${named ? ' (named as production)' : ''}: what was there is replaced (${tool} has no rules of its own: judged by where it writes).`,
    targets: [{ kind: 'path', name: target, provider: tool, remote: false, environment: named ? 'production' : 'local', environmentReason: named ? 'the file is named as production' : 'a file on this machine' }],
  };
}

/** Names a query's wildcard may stand for, one per kind of credential file name. */
const WILDCARD_NAMES = ['x', 'rsa', 'ed25519', 'id_rsa'];

/**
 * Round 26 (`fleetctl query --query "select * from file where path like '/home/%/.ssh/id_%'"`): a query a program nothing
 * describes sends (to a fleet, a store, this machine's tables) whose text names credential files: what comes back is where keys
 * are, or what they hold, on every host it reaches. A wildcard (`%`, `*`) stands for any name: the pattern reaches a credential
 * file when one of its spellings is one. Allowed: the same tool's queries of anything else (`select * from os_version`).
 */
export function credentialQuery(tool: string, statements: readonly string[], home: string): Finding | undefined {
  for (const text of statements) {
    for (const m of text.matchAll(/(?:~|\/)[\w%*./-]*/g)) {
      // Another user's home (`/home/%/`, `/Users/*/`) holds the same files as this one's.
      const inHome = m[0].replace(/^~(?=\/)/, home || '/home/x').replace(/^\/(home|Users)\/[%*]+(?=\/)/, home || '/home/x');
      const paths = WILDCARD_NAMES.map((n) => inHome.replace(/[%*]+/g, n));
      // A wildcard standing for a whole file name (`coverage/*.csv`) reaches a credential file only by the name a wildcard
      // could take: the pattern must name one as written, or be anchored by a dotted folder or a name before the wildcard.
      const asWritten = matchCredentialPath(inHome.replace(/[%*]+/g, 'x'), home) !== undefined;
      const anchored = /\/\.[\w-]+\//.test(inHome) || /[\w.-][%*]/.test(m[0]);
      if (m[0].length < 4 || !(asWritten || (anchored && paths.some((p) => matchCredentialPath(p, home) !== undefined)))) continue;
      return {
        rule: 'verbs.credential-query',
        risk: 'credential-dump',
        severity: 'ask',
        reason: `\`${tool}\` sends a query naming credential files (${m[0]}): what it returns tells where keys are on every machine it reaches (${tool} has no rules of its own: judged by its query).`,
        targets: [{ kind: 'resource', name: m[0], provider: tool, remote: true, environment: 'production', environmentReason: 'no environment named: an unknown CLI reaches something remote, and unknown is production' }],
      };
    }
  }
  return undefined;
}

/** A program nothing describes: no registry entry, pack, handler, shell or floor traits (`pwsh -c 'Test-Path ~/.aws/credentials'` is judged by its handler). */
export function undescribed(name: string, specific: ReadonlySet<string>): boolean {
  return !specific.has(name) && toolNamed(name) === undefined && ownHandlerFor(name) === undefined && !SHELLS.has(name) && Object.keys(verbTraitsOf(name)).length === 0;
}
