/**
 * Cloud instance metadata services: the link-local addresses (and the names) where a machine asks
 * for its own cloud credentials. An address is recognised in every spelling a URL parser accepts
 * (dotted decimal, one 32-bit number, hex, octal, mixed parts, IPv6 and IPv4-mapped IPv6, wildcard DNS
 * names that embed it). Paths that only describe the machine stay allowed; everything else (role
 * credentials, tokens, user data, attribute dumps, a path built at run time) is a credential request.
 */

/**
 * The target a metadata credential request is: the instance's cloud role reaches shared infrastructure
 * whose environment nothing names, production by the rule for unresolved targets.
 */
export function metadataTarget(name: string): { kind: 'credential'; name: string; provider: string; remote: true; environment: 'production'; environmentReason: string } {
  return { kind: 'credential', name, provider: 'cloud', remote: true, environment: 'production', environmentReason: "the instance's cloud credentials reach infrastructure whose environment nothing names (treated as production)" };
}

export interface MetadataRequest {
  cloud: string;
  host: string;
  path: string;
  /** What the endpoint hands out, when it is not the machine's cloud credentials (a cluster's node or store API). */
  hands?: string;
}

/** 169.254.169.254 (AWS, GCP, Azure, OCI, DigitalOcean), 169.254.170.2 / .23 (ECS, EKS pod identity), 100.100.100.200 (Alibaba). */
const ADDRESSES: ReadonlyMap<number, string> = new Map([
  [0xa9fea9fe, 'cloud'],
  [0xa9feaa02, 'ECS container'],
  [0xa9feaa17, 'EKS pod identity'],
  [0x646464c8, 'Alibaba Cloud'],
  // Round 11: Scaleway's metadata address (user data at /user_data, its credentials-bearing cloud-init).
  [0xa9fe2a2a, 'Scaleway'],
]);

const NAMES: ReadonlyMap<string, string> = new Map([
  ['metadata.google.internal', 'Google Cloud'],
  ['metadata.goog', 'Google Cloud'],
  ['metadata', 'Google Cloud'],
  ['instance-data', 'AWS'],
  ['instance-data.ec2.internal', 'AWS'],
  ['metadata.tencentyun.com', 'Tencent Cloud'],
  ['metadata.platformequinix.com', 'Equinix Metal'],
  ['metadata.packet.net', 'Equinix Metal'],
]);

/** One part of an IPv4 address as inet_aton reads it: decimal, 0x hex or leading-zero octal. */
function partValue(part: string): number | undefined {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (/^0[0-7]*$/.test(part)) return part.length === 1 ? 0 : parseInt(part.slice(1), 8);
  if (/^[1-9][0-9]*$/.test(part)) return parseInt(part, 10);
  return undefined;
}

/** The 32-bit value of an IPv4 host in any inet_aton spelling (`a`, `a.b`, `a.b.c`, `a.b.c.d`). */
export function ipv4Value(host: string): number | undefined {
  const parts = host.split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  const values = parts.map(partValue);
  if (values.some((v) => v === undefined)) return undefined;
  const v = values as number[];
  const last = v[v.length - 1] as number;
  const lead = v.slice(0, -1);
  if (lead.some((x) => x > 255)) return undefined;
  const lastBits = 8 * (5 - v.length);
  if (last >= 2 ** lastBits) return undefined;
  let value = 0;
  for (const x of lead) value = value * 256 + x;
  return value * 2 ** lastBits + last;
}

function ipv6Cloud(inner: string): string | undefined {
  const h = inner.toLowerCase().replace(/%.*$/, '');
  if (/^fd00:ec2:(0{0,4}:){0,4}:?0{0,3}254$/.test(h) || h === 'fd00:ec2::254') return 'AWS';
  if (h === 'fd00:ec2::23') return 'EKS pod identity';
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/.exec(h) ?? /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped) {
    const tail = mapped[1] ?? '';
    if (tail.includes('.')) return cloudOfHost(tail);
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(tail);
    if (hex) return ADDRESSES.get(parseInt(hex[1] ?? '0', 16) * 65536 + parseInt(hex[2] ?? '0', 16));
  }
  return undefined;
}

/** Which metadata service a URL host names, if any. */
export function cloudOfHost(rawHost: string): string | undefined {
  const host = rawHost.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[')) return ipv6Cloud(host.slice(1, host.indexOf(']') < 0 ? undefined : host.indexOf(']')));
  const named = NAMES.get(host);
  if (named) return named;
  const v = ipv4Value(host);
  if (v !== undefined) return ADDRESSES.get(v);
  // Wildcard DNS that resolves to the address it embeds: 169.254.169.254.nip.io, 169-254-169-254.sslip.io.
  const wildcard = /^(?:[a-z0-9-]+\.)*?((?:\d+[.-]){3}\d+|[0-9a-f]{8})\.(nip\.io|sslip\.io|xip\.io|nip\.direct|traefik\.me|localtest\.me)$/.exec(host);
  if (wildcard) {
    const embedded = wildcard[1] ?? '';
    const value = /^[0-9a-f]{8}$/.test(embedded) ? parseInt(embedded, 16) : ipv4Value(embedded.replace(/-/g, '.'));
    if (value !== undefined) return ADDRESSES.get(value);
  }
  return undefined;
}

/** Paths that describe the machine and hand out nothing secret. */
const DESCRIPTIVE_PATHS: readonly RegExp[] = [
  /^\/latest\/meta-data\/?$/,
  /^\/latest\/meta-data\/(ami-id|ami-launch-index|ami-manifest-path|instance-id|instance-type|instance-life-cycle|hostname|local-hostname|local-ipv4|public-hostname|public-ipv4|mac|reservation-id|security-groups|kernel-id|product-codes|profile|placement(\/[\w-]+)?|network\/[\w/.:-]*|block-device-mapping(\/[\w-]+)?|events\/[\w/-]*|tags\/instance(\/[\w-]*)?|autoscaling\/[\w-]+|services\/(domain|partition))\/?$/,
  /^\/latest\/dynamic\/instance-identity\/document\/?$/,
  /^\/latest\/api\/token\/?$/,
  /^\/computeMetadata\/v1\/instance\/(id|zone|hostname|name|machine-type|cpu-platform|image|tags|preempted|maintenance-event|network-interfaces(\/[\w/.-]*)?)\/?$/,
  /^\/computeMetadata\/v1\/project\/(project-id|numeric-project-id)\/?$/,
  // Azure's `compute/userData` and `compute/customData` hand out start-up data (secrets often): not descriptive.
  /^\/metadata\/instance(\/(compute|network)(\/(?!userData|customData)[\w/]*)?)?\/?$/i,
  /^\/metadata\/versions\/?$/,
];

function descriptive(cloud: string, path: string, query: string): boolean {
  if (cloud.startsWith('ECS') || cloud.startsWith('EKS')) return false;
  if (/\$|`/.test(path) || /recursive=true/i.test(query)) return false;
  return DESCRIPTIVE_PATHS.some((r) => r.test(path));
}

// An optional user-info part (`http://user:pass@169.254.169.254/…`) is skipped: the host follows it.
const URL_IN_TEXT = /(?:^|[\s'"=(,`])((?:https?:\/\/)?)(?:[^\s/@?#'"`]*@)?(\[[0-9a-fA-F:.%]+\]|[A-Za-z0-9][A-Za-z0-9.-]*)(?::\d+)?(\/[^\s'"`)]*)?/g;

/**
 * Variables the platforms set to the credential endpoint of this container or job (ECS task roles,
 * EKS pod identity, Azure managed identity, GitHub Actions OIDC): a request to their value is a
 * credential request whatever address they hold.
 */
const ENDPOINT_VARIABLES: ReadonlyMap<string, string> = new Map([
  ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'ECS container'],
  ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'ECS container'],
  ['ECS_CONTAINER_METADATA_URI', 'ECS container'],
  ['ECS_CONTAINER_METADATA_URI_V4', 'ECS container'],
  ['IDENTITY_ENDPOINT', 'Azure managed identity'],
  ['MSI_ENDPOINT', 'Azure managed identity'],
  ['IMDS_ENDPOINT', 'Azure managed identity'],
  ['ACTIONS_ID_TOKEN_REQUEST_URL', 'GitHub Actions OIDC'],
  ['GCE_METADATA_HOST', 'Google Cloud'],
  ['GCE_METADATA_IP', 'Google Cloud'],
  ['ECS_AGENT_URI', 'ECS container'],
]);

/** `curl --resolve name:80:169.254.169.254`, `--connect-to name:80:169.254.169.254:80`: a name pinned to a metadata address. */
const PINNED = /^(?:[^\s:]*):(?:\d*):(\[[0-9a-fA-F:.%]+\]|[^\s:]+)(?::\d*)?$/;

/** What every spelling endpointVariable looks for starts with (a cheap test before the search). */
const MAY_NAME_VARIABLE = /\$|environ|getenv|env\.|ENV\[/;

function endpointVariable(text: string): MetadataRequest | undefined {
  if (!MAY_NAME_VARIABLE.test(text)) return undefined;
  // `$NAME` in a shell word; `os.environ['NAME']`, `process.env.NAME`, `ENV['NAME']`, `getenv("NAME")` in a snippet.
  for (const m of text.matchAll(/(?:\$\{?|environ(?:\.get)?\s*[[(]\s*['"]|getenv\(\s*['"]|\benv\.|ENV\[\s*['"])([A-Z][A-Z0-9_]*)/g)) {
    const cloud = ENDPOINT_VARIABLES.get(m[1] ?? '');
    if (cloud) return { cloud, host: `$${m[1]}`, path: '' };
  }
  return undefined;
}

/**
 * A cluster's own APIs that hand out its secrets without a sign-in (round 11): the kubelet's read-only
 * port (every pod's spec with its environment values) and etcd's HTTP gateway (every key, Kubernetes
 * secrets among them). Health, version and metrics paths stay allowed.
 */
const CLUSTER_API = /(?:https?:\/\/)?(\[[0-9a-fA-F:]+\]|[A-Za-z0-9][A-Za-z0-9.-]*):(10255|10250|2379)(\/(?:pods|runningpods|configz|logs|v2\/keys|v3(?:alpha|beta)?\/(?:kv\/(?:range|txn)|maintenance\/snapshot))\b[^\s'"`)]*)/;

/** An etcd request over many keys (a range, a recursive listing, a snapshot) or under Kubernetes' secrets; one named key is a read of that key. */
const ETCD_BULK = /range_end|recursive=true|maintenance\/snapshot|\/v2\/keys\/?(registry\/secrets)?(\?|$|\s|['"])|L3JlZ2lzdHJ5L3NlY3JldH/;

function clusterApi(text: string, line: string): MetadataRequest | undefined {
  const m = CLUSTER_API.exec(text);
  if (!m) return undefined;
  const etcd = m[2] === '2379';
  if (etcd && !ETCD_BULK.test(line)) return undefined;
  return {
    cloud: etcd ? 'etcd HTTP gateway' : 'kubelet API',
    host: `${m[1]}:${m[2]}`,
    path: m[3] ?? '',
    hands: etcd ? 'every key of the cluster store, Kubernetes secrets among them' : "every pod's spec with its environment values",
  };
}

/** Metadata credential requests in some text (arguments, a snippet), at most a few. */
export function metadataRequests(texts: readonly string[]): MetadataRequest[] {
  const out: MetadataRequest[] = [];
  for (const text of texts) {
    const named = endpointVariable(text);
    if (named) {
      out.push(named);
      if (out.length >= 4) return out;
      continue;
    }
    const pinned = PINNED.exec(text);
    const pinnedCloud = pinned ? cloudOfHost(pinned[1] ?? '') : undefined;
    if (pinned && pinnedCloud) {
      out.push({ cloud: pinnedCloud, host: pinned[1] ?? '', path: '' });
      if (out.length >= 4) return out;
      continue;
    }
    const cluster = /:(10255|10250|2379)\//.test(text) ? clusterApi(text, texts.join(' ')) : undefined;
    if (cluster) {
      out.push(cluster);
      if (out.length >= 4) return out;
      continue;
    }
    if (!/169\.254|0x|\d{8,}|metadata|instance-data|fd00|ffff|\.io|0251|100\.100|\[/i.test(text)) continue;
    for (const m of text.matchAll(URL_IN_TEXT)) {
      const scheme = m[1] ?? '';
      const host = m[2] ?? '';
      const rest = m[3] ?? '';
      // Without a scheme only an address followed by a path counts (`curl 169.254.169.254/latest/…`).
      if (scheme === '' && (rest === '' || !/^[\d[]|^0x/i.test(host))) continue;
      const cloud = cloudOfHost(host);
      if (!cloud) continue;
      const q = rest.indexOf('?');
      const path = q < 0 ? rest : rest.slice(0, q);
      const query = q < 0 ? '' : rest.slice(q);
      if (descriptive(cloud, path, query)) continue;
      out.push({ cloud, host, path });
      if (out.length >= 4) return out;
    }
  }
  return out;
}
