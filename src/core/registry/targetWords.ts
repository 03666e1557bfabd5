import { ownTable } from '../ownTable';
import type { TargetKind } from '../policy/types';

/** Words of command paths read as what they act on: `volumes delete` names a volume, `rm` deletes. */

const KIND_WORDS: Readonly<Record<string, TargetKind>> = ownTable({
  app: 'app', apps: 'app', site: 'app', sites: 'app',
  project: 'project', projects: 'project',
  volume: 'volume', volumes: 'volume', vol: 'volume', disk: 'volume', disks: 'volume',
  service: 'service', services: 'service', function: 'service', functions: 'service',
  environment: 'environment', environments: 'environment', env: 'credential', configs: 'environment',
  database: 'database', databases: 'database', db: 'database', dbs: 'database', sql: 'database',
  pg: 'database', postgres: 'database', mpg: 'database', d1: 'database', firestore: 'database',
  cluster: 'cluster', clusters: 'cluster', kubernetes: 'cluster',
  bucket: 'bucket', buckets: 'bucket', r2: 'bucket', storage: 'bucket',
  repo: 'repository', repos: 'repository', repository: 'repository', repositories: 'repository', registry: 'repository',
  branch: 'branch', branches: 'branch',
  secret: 'credential', secrets: 'credential', variable: 'credential', variables: 'credential', vars: 'credential',
  config: 'credential', keys: 'credential', key: 'credential',
  namespace: 'namespace', namespaces: 'namespace',
  table: 'table', tables: 'table',
  stack: 'stack', stacks: 'stack',
});

/** The kind named by the nearest command word before the verb, else 'resource'. */
export function kindFromWords(words: readonly string[]): TargetKind {
  for (let i = words.length - 1; i >= 0; i--) {
    const kind = KIND_WORDS[words[i]!.toLowerCase()];
    if (kind) return kind;
  }
  return 'resource';
}

/** 'volumes' -> 'volume', 'policies' -> 'policy'; leaves 'tigris', 'status', 'access' alone. */
export function singular(word: string): string {
  // Names that end in s but are no plural (`dns update` names a DNS record).
  if (/^(dns|https?|tls|ssl|sms|aws|gcs|ecs|eks|rds|sqs|sns|kms|iam|acls)$/i.test(word)) return word === 'acls' ? 'acl' : word;
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (/(ses|xes)$/.test(word)) return word.slice(0, -2);
  if (/[^siu]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** 'delete' -> 'deletes', 'rm' -> 'deletes', 'terminate-instances' -> 'terminates'. */
export function verbPhrase(word: string): string {
  if (/(messages|calls):create$/i.test(word)) return 'sends, and cannot call back, a message or call through';
  const head = (word.toLowerCase().split(/[-:_]/)[0] ?? word).replace(/^batch$/, 'delete');
  switch (head) {
    case 'rm':
    case 'del':
    case 'rb':
      return 'deletes';
    case 'destroy':
      return 'destroys';
    case 'unset':
      return 'unsets';
    case 'down':
      return 'takes down';
    case 'tear':
      return 'tears down';
    case 'undo':
      return 'undoes (rolls back)';
    case 'refunds':
      return 'refunds money, which does not come back, through';
    case 'charges':
    case 'payment':
      return 'charges money, which does not come back, through';
    case 'payouts':
    case 'transfers':
      return 'moves money, which does not come back, through';
    case 'wipe':
      return 'wipes';
    case 'seek':
      return 'moves the offsets (its consumers skip or replay messages) of';
    case 'force':
      return 'force-pushes, rewriting the history of';
    case 'gc':
      return 'garbage-collects (deletes for good) in';
    case 'cleanup':
      return 'cleans up';
    case 'empty':
      return 'empties';
    case 'dismiss':
      return 'dismisses (deletes the release of)';
    // Round 7 (issue #18): outages and replaced configuration, from the tools' own words (verbTraits.ts).
    case 'hibernate':
      return 'hibernates (shuts down every instance of)';
    case 'fencing':
      return 'fences (stops serving) instances of';
    case 'dns':
      return 'replaces a DNS record of';
    case 'ilm':
    case 'setlifecycle':
      return 'replaces the expiry rules (which delete objects) of';
    case 'rrpurge':
      return 'purges every record of';
    case 'octodns':
      return 'writes the zones (deleting records the config no longer lists) from';
    case 'push':
      return 'pushes, replacing the live records with,';
    case 'pause':
      return 'pauses (stops serving or running)';
    case 'rebuild':
      return 'rebuilds (erasing the disk of)';
    case 'poweroff':
    case 'power':
    case 'shutdown':
      return 'shuts down';
    // Stop 30: tools' own words (verbTraits.ts) whose first part is no verb.
    case 'site':
    case 'si':
      return 'reinstalls (dropping the database of)';
    case 'gitlab':
      return 'sets up afresh (dropping the database of)';
    case 'complete':
      return "completes the migration (dropping the old schema's columns) of";
    case 'delzone':
      return 'deletes the zone';
    case 'remap':
      return 'rewrites every matching post with';
    case 'setup':
      return 'rolls back or uninstalls (replacing the database of)';
    default:
      return head.endsWith('e') ? head + 's' : head.endsWith('h') ? head + 'es' : head + 's';
  }
}
