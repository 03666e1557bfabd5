import { extractKeyValues } from '../../credentials/keyValues';
import { PROTECTION_BLOCKS, PROTECTION_KEY_WORDS, PROTECTION_LEAVES } from './protectionLexicon';

/**
 * What a chart's value (or any settings tree: a HelmRelease's `spec.values`, an Argo CD parameter)
 * means for protection: one table from a key path to the protection it switches off (issue #18 item 4,
 * red team rounds 14 and 15). Values come in every road Helm takes them — `--set` (escaped commas,
 * `key=null` removing a block), `--set-string`, `--set-json`, values files — and each is read here into
 * `ValueEntry`s; `protectionLostBy` reads one entry against the table. Keys that only sit next to a
 * protection (`tls.certManager`, `tls.secretName`, `auth.existingSecret`) mean nothing here.
 */

export interface ValueEntry {
  /** Key path, as written (`auth`, `enabled`). */
  path: readonly string[];
  /** The value as text; null for YAML/JSON null or `key=null` (the block removed, chart defaults too). */
  value: string | null;
}

export interface ValueMeaning {
  id: string;
  /** What the setting does, as a clause: 'switches authentication off (auth.enabled=false)'. */
  does: string;
  lost: string;
}

const NO_AUTH = 'anyone who can reach it can use it without signing in';
const CLEAR = 'data is stored or sent unencrypted, readable by whoever copies or intercepts it';
const UNVERIFIED = 'the certificate of the other side is no longer checked, so anyone in between can read and change the traffic';
const NETWORK = 'every pod and address can reach the release, not only those the policy allowed';
const NO_RBAC = 'the release runs without the access rules that limited what it and its users can do';
const HOST = 'a compromised container can take over the node it runs on, and every other workload there';
const NO_AUDIT = 'what is done there is no longer recorded';
const OPEN = 'anyone on the internet can reach it';
const NO_DATA = 'the data lives only in the container and is lost at its next restart or upgrade (a chart may delete the volume)';

/** A block that is a protection as a whole: switched off by `enabled: false` (or `create: false`), `disabled: true`, or removed. */
export interface Block {
  /** Normalised key names (lower case, separators dropped). */
  names: RegExp;
  /** Read only as a change (a setter, `--set`, an edit), never from a whole file's state. */
  changeOnly?: true;
  id: string;
  what: string;
  lost: string;
}

const BLOCKS: readonly Block[] = [
  { names: /^(auth|authentication|authorization|authorisation|oauth2?|oidc|sso|login|basicauth|security|authz|authn)$/, id: 'auth-off', what: 'authentication', lost: NO_AUTH },
  { names: /^(tls|ssl|https|mtls|encryption|encrypted)$/, id: 'encryption-off', what: 'TLS', lost: CLEAR },
  { names: /^(networkpolicy|networkpolicies|netpol|netpols|networkpolicys)$/, id: 'network-opened', what: 'the network policy', lost: NETWORK },
  { names: /^(rbac)$/, id: 'auth-off', what: 'RBAC', lost: NO_RBAC },
  { names: /^(podsecuritypolicy|podsecuritypolicies|psp|podsecurity|podsecurityadmission|podsecuritystandards?)$/, id: 'auth-off', what: 'pod security policy', lost: 'pods are no longer held to the security policy, so privileged or host-mounting pods are admitted' },
  { names: /^(audit|auditlog|auditlogs|auditlogging)$/, id: 'audit-off', what: 'audit logging', lost: NO_AUDIT },
  { names: /^(persistence|persistent|persistentvolume)$/, id: 'persistence-off', what: 'persistent storage', lost: NO_DATA },
  // A pod's or container's hardening (`securityContext`, Bitnami's `podSecurityContext.enabled`): removed, the image's defaults (often root) apply.
  { names: /^(securitycontext|podsecuritycontext|containersecuritycontext)$/, id: 'container-privileged', what: 'the security context', lost: HOST },
  // A switch named for its protection (`deletion_protection.enabled=false`, an AWS attribute or a chart's block).
  { names: /^(deletionprotection|terminationprotection)$/, id: 'deletion-protection-off', what: 'deletion protection', lost: 'the resource and its data can be deleted in one call, by mistake or by anyone holding the credentials' },
  // Stop 38 (round 28): protections by their nouns in any server's settings (`firewall=off`, `mfa.enabled=false`, `signing=none`).
  ...PROTECTION_BLOCKS,
];

/** Switch leaves: on-sense (`enabled`) and off-sense (`disabled`). */
const ON_LEAF = /^(enabled|enable|create|on|active|required|enforce|enforced)$/;
const OFF_LEAF = /^(disabled|disable|off|skip|skipped)$/;
const TRUE = /^(true|yes|on|y|1)$/i;
const FALSE = /^(false|no|off|n|0|disabled?|none)$/i;

/** Leaves that lower a protection wherever they sit, and the value that does it. */
export interface Leaf {
  names: RegExp;
  /** The key the leaf must sit under (`capabilities.add`, `hostPath.path`), when its own name says too little. */
  under?: RegExp;
  /** The setting's default lowers the protection (`allowPrivilegeEscalation` is true unless set): a line deleted lowers it. */
  defaultLowers?: true;
  /** The lowering value is the platform's default: a whole file stating it changes nothing; only a change to it (an edit, a `--set`) lowers. */
  changeOnly?: true;
  /** 'on': a plainly true value lowers; 'off': any value not plainly true lowers; a pattern: a value it matches lowers; a test: also sees a removed (null) value. */
  lowersWhen: 'on' | 'off' | RegExp | ((value: string | null) => boolean);
  id: string;
  what: string;
  lost: string;
}

/** What scanning switched off loses (the setting table and scanning options share it). */
export const SCANNING_LOST = 'images with known vulnerabilities are pushed and deployed without anyone being told';

const OFF_VALUE = /^(false|disabled?|off|no|0|inactive)$/i;
const PUBLIC = 'anyone on the internet can read it';
const EVERY_ADDRESS = /(^|[\s,[{"'])(0\.0\.0\.0\/0|::\/0|\*)(?=$|[\s,\]}"'])/;
/** An allow-list of addresses removed (`=null`, `del(…)`) or widened to every address; an empty list in a values file is most charts' default and stays. */
const listOpened = (value: string | null): boolean => value === null || EVERY_ADDRESS.test(value);
/** Capabilities that hand a container the node (kernel administration, other processes' memory, modules, raw devices, the network stack). */
const HOST_CAPABILITY = /(^|[\s,[("'])(CAP_)?(ALL|SYS_ADMIN|SYS_PTRACE|SYS_MODULE|SYS_RAWIO|SYS_BOOT|DAC_READ_SEARCH|NET_ADMIN|BPF)(?=$|[\s,\])"'])/i;
/** A node path whose mount gives the node away: its root, system folders, the kubelet's or container engine's state, a socket. */
const HOST_PATH = /^\/(etc|root|proc|sys|dev|boot|home|run|var\/run|var\/lib\/(kubelet|docker|containerd))?\/?$|\.sock$/;
/** A pg_hba line that lets a network address in with no password (`host all all 0.0.0.0/0 trust`); loopback stays. */
const TRUST_FROM_NETWORK = /\bhost(ssl|nossl|gssenc|nogssenc)?\s+\S+\s+\S+\s+(?!127\.0\.0\.1\/32\b|::1\/128\b|localhost\b|samehost\b)\S+(\s+\S+)?\s+trust\b/i;
const ADMIN = 'the release, and anyone who takes over one of its pods, can read every secret and change anything in the cluster';

/**
 * The key-meaning table's leaves: a chart's values, a resource's settings sent through a generic CLI or a
 * request, a stack's configuration — one table, read by the last key of the path.
 */
const LEAVES: readonly Leaf[] = [
  { names: /^(insecure|insecuremode|allowinsecure|disabletls|disablessl|plaintext|plainhttp)$/, lowersWhen: 'on', id: 'encryption-off', what: 'serves without TLS', lost: CLEAR },
  { names: /^(insecureskipverify|skipverify|skiptlsverify|tlsskipverify|skipsslverify|sslskipverify|insecureskiptlsverify|skipcertverify|skipcertificateverification)$/, lowersWhen: 'on', id: 'tls-verification-off', what: 'skips certificate verification', lost: UNVERIFIED },
  { names: /^(verify|verifyssl|verifytls|sslverify|tlsverify|verifycertificate|verifycerts?)$/, lowersWhen: 'off', id: 'tls-verification-off', what: 'switches certificate verification off', lost: UNVERIFIED },
  { names: /^(anonymous|anonymousaccess|allowanonymous|anonymousauth|anonymousenabled|allowanonymousaccess|anonymouslogin|allowunauthenticated|unauthenticatedaccess)$/, lowersWhen: 'on', id: 'auth-off', what: 'lets anyone in anonymously', lost: NO_AUTH },
  // Also under a component's prefix (Argo CD's `server.disable.auth`).
  { names: /(noauth|disableauth|authdisabled|skipauth|disableauthentication)$/, lowersWhen: 'on', id: 'auth-off', what: 'switches authentication off', lost: NO_AUTH },
  { names: /^(pghba|pghbaconf|pghbaconfiguration|hbaconf|hbaconfiguration)$/, lowersWhen: (v) => v !== null && TRUST_FROM_NETWORK.test(v), id: 'auth-off', what: 'lets network addresses sign in to the database without a password (pg_hba trust)', lost: NO_AUTH },
  // A server's development mode (Vault's `server.dev.enabled`): in memory, unsealed, signed in with a known root token.
  { names: /^(enabled|enable)$/, under: /^(dev|devmode|development|developmentmode)$/, lowersWhen: 'on', id: 'auth-off', what: 'runs the server in development mode', lost: 'development mode drops what a production server keeps: sign-in with a known root token, no TLS, data held only in memory' },
  { names: /^(devmode|developmentmode)$/, lowersWhen: 'on', id: 'auth-off', what: 'runs the server in development mode', lost: 'development mode drops what a production server keeps: sign-in with a known root token, no TLS, data held only in memory' },
  // Sign-in that bypasses the directory's identities (Azure Storage's shared keys, local accounts).
  { names: /^(allowsharedkeyaccess|sharedkeyaccess|sharedkeyaccessenabled|allowlocalauth|localauthenabled|enablelocalauth|localaccountsenabled|enablelocalaccounts)$/, lowersWhen: 'on', id: 'auth-weakened', what: 'allows sign-in with shared keys or local accounts', lost: 'anyone holding an account key or a local password gets in, without the identity checks, conditional access and audit of the directory' },
  { names: /^(disablelocalauth|disablelocalaccounts)$/, lowersWhen: OFF_VALUE, id: 'auth-weakened', what: 'allows sign-in with shared keys or local accounts', lost: 'anyone holding an account key or a local password gets in, without the identity checks, conditional access and audit of the directory' },
  { names: /^(privileged)$/, lowersWhen: 'on', id: 'container-privileged', what: 'runs the containers privileged', lost: HOST },
  { names: /^(allowprivilegeescalation)$/, lowersWhen: 'on', defaultLowers: true, id: 'container-privileged', what: 'lets the containers gain privileges', lost: HOST },
  { names: /^(readonlyrootfilesystem)$/, lowersWhen: 'off', changeOnly: true, id: 'container-privileged', what: 'lets the containers write to their own filesystem', lost: 'whoever takes over a container can change its programs and plant tools that stay until it is replaced' },
  { names: /^(add)$/, under: /^(capabilities)$/, lowersWhen: (v) => v !== null && HOST_CAPABILITY.test(v), id: 'container-privileged', what: 'gives the containers a capability that reaches the node', lost: HOST },
  { names: /^(capadd|addcapabilities)$/, lowersWhen: (v) => v !== null && HOST_CAPABILITY.test(v), id: 'container-privileged', what: 'gives the containers a capability that reaches the node', lost: HOST },
  { names: /^(path)$/, under: /^(hostpath)$/, lowersWhen: (v) => v !== null && HOST_PATH.test(v.trim()), id: 'container-privileged', what: 'mounts a system path of the node', lost: HOST },
  { names: /^(runasnonroot)$/, lowersWhen: 'off', id: 'container-privileged', what: 'lets the containers run as root', lost: HOST },
  { names: /^(runasuser)$/, lowersWhen: /^0+$/, id: 'container-privileged', what: 'runs the containers as root', lost: HOST },
  { names: /^(hostnetwork|hostpid|hostipc)$/, lowersWhen: 'on', id: 'container-privileged', what: 'shares the node\'s namespaces with the pods', lost: HOST },
  // Address allow-lists by any name (`loadBalancerSourceRanges`, the ingress annotation `…/whitelist-source-range`, `authorizedIpRanges`).
  { names: /(sourceranges?|sourcerange|whitelistsourcerange|allowlistsourcerange|authorizedipranges|allowedipranges|allowedcidrs?|ipallowlist|ipwhitelist|allowedsourceranges)$/, lowersWhen: listOpened, id: 'made-public', what: 'opens the address allow-list to everyone', lost: OPEN },
  // Privilege granted to the release's service account: cluster-admin by a switch or by the role it binds.
  { names: /^(clusteradmin|clusteradminaccess|grantclusteradmin|bindclusteradmin|clusterwideadmin)$/, lowersWhen: 'on', id: 'admin-granted', what: 'grants cluster-admin', lost: ADMIN },
  { names: /(role|roleref|rolename|clusterrole|clusterrolename)$/, lowersWhen: /^cluster-admin$/i, id: 'admin-granted', what: 'binds the cluster-admin role', lost: ADMIN },
  { names: /^(sslmode)$/, lowersWhen: /^(disable|allow|prefer)$/i, id: 'encryption-off', what: 'switches TLS off', lost: CLEAR },
  // A server's own sign-in switches by their setting names (Redpanda's `enable_sasl`, `kafka_enable_authorization`; `require_auth`, `acl_enabled`).
  { names: /^([a-z]*(enable|require|enforce)(sasl|auth|authn|authz|authentication|authorization|authorisation|acl|acls)|(sasl|authn|authz|authentication|authorization|authorisation|acl|acls)(enabled|required|enforced))$/, lowersWhen: OFF_VALUE, id: 'auth-off', what: 'switches sign-in or authorization off', lost: NO_AUTH },
  // Keycloak realms: `sslRequired=NONE` lets every client sign in over plain HTTP; `bruteForceProtected=false` lets passwords be guessed without limit.
  { names: /^(sslrequired|tlsrequired)$/, lowersWhen: /^(none|false|off|no|0|disabled?)$/i, id: 'encryption-off', what: 'allows sign-in without TLS', lost: CLEAR },
  { names: /^(registrationallowed|allowregistration|selfregistration|signupenabled|allowsignup|allowsignups)$/, lowersWhen: 'on', id: 'auth-weakened', what: 'lets anyone register an account', lost: 'anyone who reaches the sign-in page can make an account and use what accounts may' },
  { names: /^(bruteforceprotected|bruteforceprotection|bruteforcedetection|loginlockout|lockoutenabled)$/, lowersWhen: OFF_VALUE, id: 'auth-weakened', what: 'turns brute-force protection off', lost: 'passwords can be guessed without limit' },
  // Cloud resources' settings (Azure properties, AWS API parameters, Terraform-style names).
  { names: /^(publicnetworkaccess)$/, lowersWhen: /^(enabled|true)$/i, id: 'made-public', what: 'enables public network access', lost: OPEN },
  { names: /^(allowblobpublicaccess|allowpublicaccess|publiclyaccessible|publicaccessenabled|publicaccess)$/, lowersWhen: /^(true|enabled|yes)$/i, id: 'made-public', what: 'allows public access', lost: PUBLIC },
  { names: /^(blockpublicacls|blockpublicpolicy|ignorepublicacls|restrictpublicbuckets)$/, lowersWhen: OFF_VALUE, id: 'public-access-block-removed', what: 'turns the block on public access off', lost: 'nothing stops the data from being made public any more' },
  { names: /^(deletionprotection|deletionprotectionenabled|terminationprotection|enableterminationprotection|enabledeletionprotection|preventdestroy|protect|disableapitermination|disableapistop)$/, lowersWhen: OFF_VALUE, id: 'deletion-protection-off', what: 'turns deletion protection off', lost: 'the resource and its data can be deleted in one call, by mistake or by anyone holding the credentials' },
  { names: /^(backupretentionperiod|backupretentiondays|backupretention|retentiondays)$/, lowersWhen: /^0+$/, id: 'backup-retention-off', what: 'sets backup retention to 0', lost: 'automated backups stop, and existing ones may be deleted' },
  { names: /^(supportshttpstrafficonly|enablehttpstrafficonly|httpsonly|requiressl|requiresecuretransport|sslenforcement)$/, lowersWhen: OFF_VALUE, id: 'encryption-off', what: 'allows unencrypted connections', lost: CLEAR },
  { names: /^(scanonpush|scanningenabled|vulnerabilityscanning|enablevulnerabilityscanning|imagescanningenabled|scanenabled)$/, lowersWhen: OFF_VALUE, id: 'security-scanning-off', what: 'turns image vulnerability scanning off', lost: SCANNING_LOST },
  // GitHub Actions' repository and organisation policy.
  { names: /^(allowedactions)$/, lowersWhen: /^all$/i, id: 'ci-actions-opened', what: 'lets every third-party GitHub Action run', lost: 'any action from anyone runs in CI with the repository\'s token and secrets' },
  { names: /^(defaultworkflowpermissions)$/, lowersWhen: /^write$/i, id: 'ci-actions-opened', what: 'gives workflows write access by default', lost: 'every workflow, and every action it runs, can push code and change the repository' },
  { names: /^(canapprovepullrequestreviews)$/, lowersWhen: /^true$/i, id: 'ci-actions-opened', what: 'lets workflows approve pull requests', lost: 'code can be merged with an approval no person gave' },
  // Stop 38 (round 28): keys that allow destruction or open access by their words (`mon_allow_pool_delete`, `auth.allow '*'`), in support/protectionLexicon.ts.
  ...PROTECTION_LEAVES,
];

/** Every word a key of the table (blocks and leaves) holds, for a cheap test before any reading: a key added above adds its word here. */
export const KEY_WORDS = new RegExp(`${/source[_-]?ranges?|whitelist|allow_?list|allowed_?(cidr|ip)|authorized_?ip|cluster[_-]?admin|security_?context|auth|sasl|acl|brute|lockout|registration|signup|login|sso|oidc|secur|tls|ssl|https(?!:)|encrypt|network_?polic|netpol|rbac|psp|audit|persisten|insecure|plaintext|plain_?http|verify|anonymous|unauthenticated|privilege|run_?as|host_?(network|pid|ipc|path)|capabilit|cap_?add|read_?only_?root|hba|\bdev\b|dev_?mode|development_?mode|shared[_-]?key|local[_-]?accounts|public|protect|prevent_?destroy|retention|disable[_-]?api|scan|allowed_?actions|workflow_?permissions|approve_?pull/.source}|${PROTECTION_KEY_WORDS.source}`, 'i');

function norm(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The value is plainly on (`true`); anything else at a protection's switch is read as off (an unsure value asks). */
function plainlyOn(value: string | null): boolean {
  return value !== null && TRUE.test(value.trim());
}

/** What one value does to protection, if anything; `state`: the value is read from a whole file (what it states, not a change to it). */
export function protectionLostBy(entry: ValueEntry, state = false): ValueMeaning | undefined {
  const keys = entry.path.map(norm);
  // A list's member (`ranges[0]`) and AWS's attribute wrapper (`DisableApiTermination={Value:false}`) stand for their key.
  let named = keys.length;
  while (named > 1 && (/^\d+$/.test(keys[named - 1]!) || (keys[named - 1] === 'value' && named === keys.length))) named--;
  const leaf = keys[named - 1] ?? '';
  const shown = `${entry.path.join('.')}=${entry.value === null ? 'null' : entry.value}`;
  const value = entry.value;
  for (const l of LEAVES) {
    if (!l.names.test(leaf) || (state && l.changeOnly === true) || (l.under !== undefined && !l.under.test(keys[named - 2] ?? ''))) continue;
    const when = l.lowersWhen;
    const lowers = when === 'on' ? plainlyOn(value) : when === 'off' ? value !== null && !plainlyOn(value) : typeof when === 'function' ? when(value) : value !== null && when.test(value.trim());
    if (lowers) return { id: l.id, does: `${l.what} (${shown})`, lost: l.lost };
  }
  // A protection block: its switch turned off, its off-switch turned on, or the block itself removed or set off.
  for (let i = keys.length - 1; i >= 0; i--) {
    const block = BLOCKS.find((b) => b.names.test(keys[i]!) && !(state && b.changeOnly === true));
    if (!block) continue;
    const rest = keys.slice(i + 1);
    if (rest.length === 0) {
      // `auth=null`, `tls=false`, `--set-string auth=""`: the block itself removed or switched off.
      if (value === null || value.trim() === '' || FALSE.test(value.trim())) return { id: block.id, does: `${value === null || value.trim() === '' ? 'removes' : 'switches off'} ${block.what} (${shown})`, lost: block.lost };
      return undefined;
    }
    if (rest.length === 1 && ON_LEAF.test(rest[0]!)) {
      if (!plainlyOn(value)) return { id: block.id, does: `switches ${block.what} off (${shown})`, lost: block.lost };
      return undefined;
    }
    if (rest.length === 1 && OFF_LEAF.test(rest[0]!) && value !== null && !FALSE.test(value.trim()) && value.trim() !== '') {
      return { id: block.id, does: `switches ${block.what} off (${shown})`, lost: block.lost };
    }
    return undefined;
  }
  return undefined;
}

/** Whether deleting the key's setting lowers a protection: its default is the lowering value (`runAsNonRoot`, `prevent_destroy` unset is off; `allowPrivilegeEscalation` unset is on). */
export function removalLowers(key: string): boolean {
  return removalMeaning(key) !== undefined;
}

/** What deleting the key's setting loses (see `removalLowers`). */
export function removalMeaning(key: string): ValueMeaning | undefined {
  const k = norm(key);
  return protectionLostBy({ path: [key], value: 'false' }) ?? (LEAVES.some((l) => l.defaultLowers === true && l.names.test(k)) ? protectionLostBy({ path: [key], value: 'true' }) : undefined);
}

/** The first entry that lowers a protection. */
export function firstLowering(entries: Iterable<ValueEntry>, state = false): ValueMeaning | undefined {
  for (const e of entries) {
    const m = protectionLostBy(e, state);
    if (m) return m;
  }
  return undefined;
}

/** Splits on commas not escaped with a backslash (Helm's strvals). */
function splitUnescaped(text: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cur += text[i + 1];
      i++;
      continue;
    }
    if (c === sep) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function keyPath(key: string): string[] {
  // `a.b[0].c`, `a\.b` (an escaped dot keeps a dotted key whole).
  return splitUnescaped(key.replace(/\[(\d+)\]/g, '.$1'), '.').filter((k) => k !== '');
}

/** `--set a.b=x,c=null` (also `--set-string`): `null` removes the key (`--set` only). */
export function setValues(text: string, strings = false): ValueEntry[] {
  const out: ValueEntry[] = [];
  // Split on unescaped commas first, keeping escapes for the key/value split.
  const pairs: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cur += c + text[i + 1];
      i++;
    } else if (c === ',') {
      pairs.push(cur);
      cur = '';
    } else cur += c;
  }
  pairs.push(cur);
  for (const pair of pairs) {
    const kv = /^([^=]+)=([\s\S]*)$/.exec(pair);
    if (!kv) continue;
    const key = kv[1]!;
    const raw = kv[2]!.replace(/\\(.)/g, '$1');
    // `a={x,y}` lists: each member stands for the key's value.
    const members = /^\{.*\}$/.test(raw) ? raw.slice(1, -1).split(',') : [raw];
    for (const m of members) out.push({ path: keyPath(key), value: !strings && m === 'null' ? null : m });
  }
  return out;
}

/** `--set-literal a.b=x,y`: the whole text after the first `=` is the one value, commas and all. */
export function setLiteralValues(text: string): ValueEntry[] {
  const kv = /^([^=]+)=([\s\S]*)$/.exec(text);
  return kv ? [{ path: keyPath(kv[1]!), value: kv[2]! }] : [];
}

/** Flattens a parsed JSON (or YAML flow) value under `path`. */
function flatten(path: readonly string[], value: unknown, out: ValueEntry[], depth = 0): void {
  if (depth > 32) return;
  if (value === null) {
    out.push({ path, value: null });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => flatten([...path, String(i)], v, out, depth + 1));
    return;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    // An emptied block (`auth={}`) keeps the chart's defaults: Helm merges it.
    for (const [k, v] of entries) flatten([...path, k], v, out, depth + 1);
    return;
  }
  out.push({ path, value: String(value) });
}

/** Relaxed JSON: YAML flow mappings (`{enabled: false}`) get their keys quoted. */
function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      const quoted = text.replace(/([{,]\s*)([A-Za-z_][\w.-]*)\s*:/g, '$1"$2":').replace(/:\s*([A-Za-z_/][\w./:-]*)\s*(?=[,}\]])/g, (_m, v: string) => (/^(true|false|null)$/.test(v) ? `: ${v}` : `: "${v}"`));
      return JSON.parse(quoted);
    } catch {
      return undefined;
    }
  }
}

/** `--set-json 'auth={"enabled":false}'` (several pairs by commas outside braces are rare; one pair per option is read). */
export function setJsonValues(text: string): ValueEntry[] {
  const kv = /^([^=]+)=([\s\S]*)$/.exec(text);
  if (!kv) return [];
  const parsed = parseLoose(kv[2]!);
  const out: ValueEntry[] = [];
  if (parsed === undefined) out.push({ path: keyPath(kv[1]!), value: kv[2]! });
  else flatten(keyPath(kv[1]!), parsed, out);
  return out;
}

/** A JSON object's entries (a HelmRelease patch's `spec.values`, a request body), flattened. */
export function jsonTreeValues(value: unknown, path: readonly string[] = []): ValueEntry[] {
  const out: ValueEntry[] = [];
  flatten(path, value, out);
  return out;
}

export function parseJsonLoose(text: string): unknown {
  return parseLoose(text);
}

/** A values file (YAML or JSON), as entries; flow mappings (`auth: {enabled: false}`) are opened. */
export function fileValues(text: string): ValueEntry[] {
  const out: ValueEntry[] = [];
  if (/^\s*[{[]/.test(text)) {
    const parsed = parseLoose(text);
    if (parsed !== undefined) return jsonTreeValues(parsed);
  }
  for (const kv of extractKeyValues(text, 'yaml')) {
    const path = [...kv.parents, kv.key];
    const v = kv.value.trim();
    if (/^\{.*\}$/.test(v)) {
      const parsed = parseLoose(v);
      if (parsed !== undefined) {
        flatten(path, parsed, out);
        continue;
      }
    }
    out.push({ path, value: /^(null|~)$/.test(v) ? null : v });
  }
  return out;
}
