import { isLocalKubeContext } from '../../policy/production';
import { ownTable } from '../../ownTable';
import { projectFolderOperand } from './verbPositions';
import { remoteReach } from './floorDisruptive';

/**
 * Stop 39 (red team round 31 held out, its false positives): a destroying word whose object, by meaning, is
 * routine work of this machine, for any program nobody described (the verb floor, `rules/verbs.ts`).
 *
 * | meaning | stays allowed | still asks |
 * |---|---|---|
 * | a rename across the project's files: two code identifiers, then folders or files of the project (`ambr fetchOrders loadOrders src/`) | any tool given `oldName newName src/ lib/` | a command word with a name (`acme loadOrders prod`), a path outside the project |
 * | a throwaway cluster of this machine deleted by name (`ctlptl delete cluster kind-kind`): kind, k3d, minikube, Docker Desktop | `delete cluster minikube`, `rm k3d-dev` | any other name beside it (`delete cluster kind-dev prod-eu`), a server or kubeconfig named on the line |
 * | a resolver's cache flushed for DNS names (`unbound-control flush_zone acme.internal`): the records are asked again | `flush acme.com`, `flush_type www.acme.com A` | a flush of a queue, a table, a key space or everything (`flush orders`, `flush_all`) |
 */

/** A code identifier: camelCase or PascalCase with an inner capital (`fetchOrders`, `LoadOrders`), or snake_case with a lower-case start. */
const IDENTIFIER = /^(?:[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+)$/;

/**
 * A rename across the project's files: the operands are an old and a new code identifier, then only paths of the
 * project (`ambr --no-interactive fetchOrders loadOrders src/`, `fastmod`-like tools). The identifiers are names in
 * source code, not the tool's command words; what changes is files here, which the perimeter judges.
 */
export function codeRename(positionals: readonly string[], listing: readonly string[] | undefined): boolean {
  if (positionals.length < 3) return false;
  const [from, to, ...paths] = positionals;
  return IDENTIFIER.test(from!) && IDENTIFIER.test(to!) && from !== to && paths.every((p) => !p.startsWith('..') && projectFolderOperand(p, listing));
}

/** Nouns of the kind of thing a cluster tool deletes, beside the cluster's name (`delete cluster kind-kind`). */
const CLUSTER_NOUN = /^(cluster|clusters|context|contexts|registry|registries)$/i;

/**
 * Stop 40 (round 34: `kwokctl delete cluster --name sim`): programs that make throwaway clusters on this machine name them
 * without the context's prefix; the prefix their contexts carry makes the name a context (`sim` is `kwok-sim`).
 */
const LOCAL_CLUSTER_MAKERS: Readonly<Record<string, string>> = ownTable({ kind: 'kind-', k3d: 'k3d-', kwokctl: 'kwok-', kwok: 'kwok-' });

/** Every name is a throwaway cluster of this machine (kind, k3d, kwok, minikube, Docker Desktop), and one is named. */
function localClustersOnly(names: readonly string[], remoteNamed: boolean, tool: string, byOption: readonly string[]): boolean {
  const prefix = LOCAL_CLUSTER_MAKERS[tool] ?? '';
  const named = [...names.filter((n) => !CLUSTER_NOUN.test(n)), ...(prefix !== '' ? byOption : [])].map((n) => (prefix !== '' && !n.startsWith(prefix) ? prefix + n : n));
  return !remoteNamed && named.length > 0 && named.every(isLocalKubeContext);
}

/** A DNS name (`acme.internal`, `www.acme.com.`): a resolver's cached answers for it. */
const DNS_NAME = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(com|net|org|io|dev|cloud|co|ai|app|sh|internal|corp|lan|intra|home|tech|xyz|us|eu|uk|de|fr|nl|ch|at|se|no|es|it|jp|cn|in|au|ca|br|info|biz|site|online|systems|services|network|host|example|svc|im|me|run|local|test|arpa)\.?$/i;
/** Record types a cache flush may be narrowed to (`flush_type www.acme.com A`). */
const RECORD_TYPE = /^(a|aaaa|cname|mx|ns|txt|srv|ptr|soa|caa|ds|dnskey)$/i;

/** A flush of cached DNS answers: the verb is `flush` (or `flush_zone`, `flush-name`) and every name is a DNS name. */
function cachedNamesOnly(verb: string, word: string, names: readonly string[]): boolean {
  if (verb !== 'flush' || !/^flush(?:[-_](zone|name|names|domain|host|type|record|records|bogus|negative|infra|dns))?$/i.test(word)) return false;
  const named = names.filter((n) => !RECORD_TYPE.test(n));
  return named.length > 0 && named.every((n) => DNS_NAME.test(n) && !/\.(json|ya?ml|sql|txt|csv|log|db|conf|tar|gz|zip)$/i.test(n));
}

/** Stop 40 (round 34: `umoci gc --layout /tmp/oci`): unreferenced data collected in a temporary folder (`/tmp`, `/var/tmp`): nothing anyone keeps. */
const TEMP_FOLDER = /^(\/tmp|\/var\/tmp|\/private\/tmp|\$\{?TMPDIR\}?)(\/|$)/;
function tempCollected(verb: string, names: readonly string[]): boolean {
  return /^(gc|prune)$/.test(verb) && names.length > 0 && names.every((n) => TEMP_FOLDER.test(n) && !n.includes('..'));
}

/**
 * The floor's destroying verb acts on something routine by meaning (the table above): a local cluster deleted
 * by name, or cached DNS answers flushed. A server, a kubeconfig or a URL named on the line keeps it asking.
 */
export function routineObject(verb: string, word: string, names: readonly string[], reading: Parameters<typeof remoteReach>[0], tool = ''): boolean {
  const remoteNamed = remoteReach(reading) !== undefined || reading.options.some((o) => /kubeconfig|^--?(server|host|url|endpoint|api)/i.test(o.name));
  if (/^(delete|remove|rm|destroy|del)$/.test(verb) && localClustersOnly(names, remoteNamed, tool, reading.options.filter((o) => /^--?(name|cluster|n)$/.test(o.name)).map((o) => o.value ?? o.next ?? '').filter((v) => v !== ''))) return true;
  return cachedNamesOnly(verb, word, names) || (!remoteNamed && tempCollected(verb, names));
}
