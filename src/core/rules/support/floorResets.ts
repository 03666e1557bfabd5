import type { Finding } from '../../policy/types';
import type { KindReading } from './floorLoad';
import { identifierParts } from './cliArgs';

/**
 * Two options that change everything at once, on a tool no rule names (issue #18 criterion 8, stop 36, red team round 26):
 *
 * - a cluster reset or a restore of its state from an old snapshot (`k3s server --cluster-reset
 *   --cluster-reset-restore-path=…`, `--restore-from-snapshot`, `--force-new-cluster`): every write since the
 *   snapshot is lost, and the members that disagree are dropped;
 * - storage made readable by anyone (`--acl public-read`, `--visibility public`, `update-bucket x allPublic`,
 *   `anonymous set download`): every object in it is served to the internet.
 *
 * Allowed look-alikes: a snapshot taken or listed (`etcd-snapshot save`, `snapshot ls`), a reset of a cache or a
 * form (`--reset-cache`), private and authenticated access (`--acl private`, `--visibility private`).
 */

const PUBLIC_VALUE = /^(public|public-read|public-read-write|publicread|allpublic|anonymous|everyone|world-readable|download|public-access)$/i;
const ACCESS_OPTION = /^--?(acl|canned-acl|visibility|access|access-level|permission|permissions|privacy|bucket-type|policy|predefined-acl|default-acl|a)$/i;

type Reading = KindReading;

const finding = (tool: string, rule: string, what: string, risk: Finding['risk']): Finding => ({
  rule,
  risk,
  severity: 'ask',
  reason: `${what} (${tool} has no rules of its own: judged by its options).`,
  targets: [{ kind: 'resource', name: tool, provider: tool, remote: true, environment: 'production', environmentReason: 'environment not named: treated as production' }],
});

export function everythingAtOnce(tool: string, reading: Reading): Finding | undefined {
  const reset = reading.options.find((o) => { const p = identifierParts(o.name.replace(/^-+/, '')); return (p.includes('reset') && p.some((x) => /^(cluster|restore|state|raft|etcd)$/.test(x))) || (p.includes('restore') && p.some((x) => /^(snapshot|from|path)$/.test(x))) || (p.includes('force') && p.includes('new') && p.includes('cluster')); });
  if (reset !== undefined && !/^(false|no|0|off)$/i.test(reset.value ?? '')) return finding(tool, 'verbs.cluster-reset', `\`${tool} ${reset.name}\` resets the cluster's state${/restore/.test(reset.name) ? ' to an old snapshot' : ''}: every write since is lost, and its other members are dropped`, 'destructive');
  const words = reading.positionals.filter((w) => !reading.maybeValues.has(w.index)).map((w) => w.text);
  const storage = words.slice(0, 3).some((w) => identifierParts(w).some((p) => /^(bucket|buckets|container|containers|blob|storage|anonymous|acl|policy|share|website)$/.test(p)));
  const option = reading.options.find((o) => ACCESS_OPTION.test(o.name) && PUBLIC_VALUE.test(o.value ?? o.next ?? '') && (o.name.length > 2 || storage));
  const word = storage ? words.find((w) => /^(allPublic|public-read|public-read-write)$/i.test(w) || (w === 'download' && words.includes('anonymous'))) : undefined;
  if (option === undefined && word === undefined) return undefined;
  return finding(tool, 'verbs.made-public', `\`${tool} ${option !== undefined ? `${option.name} ${option.value ?? option.next}` : word}\` makes storage readable by anyone: every object in it is served to the internet`, 'credential-dump');
}
