import type { Finding, RuleContext } from '../../policy/types';
import { fileValues, firstLowering, protectionLostBy, type ValueEntry } from './releaseValues';

/**
 * Protection lowered by a file written (issue #18 item 4, red team round 14): what the file's next reader
 * does with it — Terraform's next apply, a Kubernetes manifest or a Compose file at its next apply or
 * `up`, a Pulumi stack's configuration, an application's production settings. Called for every file a
 * command writes (`rules/deferred/deferredPack.ts`), with the text it adds; each names what is lost. A
 * protection switched on, egress rules, web ports opened to everyone, development settings stay allowed.
 */

interface Rule {
  re: RegExp;
  does: string;
  lost: string;
}

const OPEN = 'anyone on the internet can reach it';
const CLEAR = 'data is stored or sent unencrypted, readable by whoever copies or intercepts it';
const MITM = 'every later ssh, scp and git-over-ssh connection accepts whichever server answers, so a machine in between can read and change what is sent, keys and code included';
const HOST = 'a compromised container can take over the machine it runs on, with every file and workload there';

/** Terraform (HCL and JSON): settings that open a resource to the internet or take its encryption away at the next apply. */
const TERRAFORM: readonly Rule[] = [
  { re: /\b(block_public_acls|block_public_policy|ignore_public_acls|restrict_public_buckets)"?\s*[=:]\s*false\b/, does: 'turns the block on public access off', lost: 'nothing stops the data from being made public any more' },
  { re: /\bpublicly_accessible"?\s*[=:]\s*true\b/, does: 'makes the database publicly accessible', lost: OPEN },
  { re: /\b(storage_encrypted|encrypted|enable_encryption|encryption_enabled)"?\s*[=:]\s*false\b/, does: 'switches encryption at rest off', lost: CLEAR },
  { re: /\bacl"?\s*[=:]\s*"public-read(-write)?"/, does: 'sets a public ACL', lost: 'anyone on the internet can read it' },
  // An inbound rule from everywhere, except the web ports a public load balancer serves.
  { re: /^(?=[\s\S]*\bingress\b)(?=[\s\S]*"(0\.0\.0\.0\/0|::\/0)")(?![\s\S]*\bfrom_port"?\s*[=:]\s*"?(80|443)\b)[\s\S]*$/, does: 'opens an inbound rule to every address (0.0.0.0/0)', lost: OPEN },
];

/** Confinement switched off: Compose's `security_opt: [seccomp:unconfined]`, a pod's `seccompProfile: {type: Unconfined}`. */
const UNCONFINED = /\b(seccomp|apparmor|systempaths)\s*[:=]\s*["']?unconfined\b|\blabel\s*[:=]\s*["']?disable\b|\b(seccompProfile|appArmorProfile)["']?\s*:\s*\{?\s*["']?type["']?\s*:\s*["']?Unconfined\b/i;
/** The container engine's socket mounted: whoever is in the container commands the engine, and so the host. */
const DOCKER_SOCKET = /(^|[\s[,"'-])\/(var\/)?run\/(docker|podman\/podman|containerd\/containerd)\.sock(:|["'\s,\]]|$)/m;
/** A database told to accept every connection without a password, published on every interface (not only 127.0.0.1). */
const TRUST_PUBLISHED = /^(?=[\s\S]*\b(POSTGRES_HOST_AUTH_METHOD["']?\s*[:=]\s*["']?trust|(MYSQL|MARIADB)_ALLOW_EMPTY_(ROOT_)?PASSWORD["']?\s*[:=]\s*["']?(yes|true|1)|ALLOW_EMPTY_PASSWORD["']?\s*[:=]\s*["']?(yes|true|1))\b)(?=[\s\S]*\bports\b[\s\S]*?["'\s[-](0\.0\.0\.0:|\[?::\]?:)?\d+:\d+)(?![\s\S]*\b(127\.0\.0\.1|localhost|\[?::1\]?):\d+:\d+)[\s\S]*$/;

/** Kubernetes manifests and Compose files: a workload given the host. */
const WORKLOAD: readonly Rule[] = [
  { re: /\bprivileged["']?\s*:\s*["']?true\b/, does: 'runs a container privileged', lost: HOST },
  { re: /\bhost(PID|Network|IPC)["']?\s*:\s*["']?true\b/, does: 'shares the node\'s process or network namespace with the pod', lost: HOST },
  { re: /\bhostPath["']?\s*:\s*\{?\s*(?:type\s*:\s*\w+\s*,?\s*)?["']?path["']?\s*:\s*["']?\/["']?\s*[,}\n]/, does: 'mounts the node\'s root filesystem', lost: HOST },
  { re: /\ballowPrivilegeEscalation["']?\s*:\s*["']?true\b/, does: 'lets a container gain privileges', lost: HOST },
  { re: UNCONFINED, does: 'switches seccomp or AppArmor confinement off', lost: HOST },
  { re: DOCKER_SOCKET, does: 'mounts the container engine\'s socket', lost: HOST },
  { re: /\broleRef["']?\s*:[\s\S]{0,160}?\bname["']?\s*:\s*["']?cluster-admin\b/, does: 'binds the cluster-admin role', lost: 'whoever holds the bound account can read every secret and change anything in the cluster' },
];

const COMPOSE: readonly Rule[] = [
  { re: /\bprivileged\s*:\s*["']?true\b/, does: 'runs a service privileged', lost: HOST },
  { re: /(^|[\s[,"'-])\/:\/[\w/.-]*/m, does: 'mounts the host\'s root filesystem into a service', lost: HOST },
  { re: /\b(pid|network_mode)\s*:\s*["']?host\b/, does: 'shares the host\'s process or network namespace', lost: HOST },
  { re: /\bcap_add\s*:[\s\S]{0,80}\b(ALL|SYS_ADMIN)\b/, does: 'gives a service every capability', lost: HOST },
  { re: DOCKER_SOCKET, does: 'mounts the Docker socket into a service', lost: 'whoever runs code in the service commands the Docker engine, and through it the whole machine' },
  { re: UNCONFINED, does: 'switches seccomp or AppArmor confinement off', lost: HOST },
  { re: TRUST_PUBLISHED, does: 'lets a database accept connections without a password and publishes its port on every interface', lost: 'anyone who can reach the machine can read and change the data' },
];

/**
 * A workflow started for pull requests with the base repository's secrets and write token
 * (`pull_request_target`, `workflow_run`) that checks out the pull request's own code: whatever a fork
 * puts in its pull request (a test script, a build hook) runs with them.
 */
const WORKFLOW: readonly Rule[] = [
  { re: /^(?=[\s\S]*\b(pull_request_target|workflow_run)\b)(?=[\s\S]*(github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(sha|branch)|refs\/pull\/))[\s\S]*$/, does: 'checks out a pull request\'s own code in a workflow that runs with the repository\'s secrets (pull_request_target)', lost: 'code from anyone\'s fork runs in CI with the repository\'s secrets and a token that can push to it' },
];

/** A stack's configuration (`Pulumi.prod.yaml`): deletion protection switched off for the next `up`. */
const STACK_CONFIG: readonly Rule[] = [
  { re: /deletion_?protection["']?\s*:\s*["']?false\b/i, does: 'turns deletion protection off', lost: 'the resources it protected can be deleted or replaced, with their data' },
];

/** Django's settings switched to insecure (HTTPS redirect and secure cookies off). */
const DJANGO: readonly Rule[] = [
  { re: /\b(SECURE_SSL_REDIRECT|SESSION_COOKIE_SECURE|CSRF_COOKIE_SECURE)\s*=\s*False\b/, does: 'switches HTTPS redirects or secure cookies off', lost: 'sessions and form tokens travel in clear text, where anyone in between can take them over' },
];

/**
 * ssh's client configuration (red team round 17): host keys no longer checked, so every later ssh, scp and
 * git-over-ssh connection accepts whichever server answers. `StrictHostKeyChecking accept-new` stays allowed:
 * it trusts a host only the first time and still refuses a changed key (OpenSSH's advice for automation).
 */
const SSH_CLIENT: readonly Rule[] = [
  { re: /^\s*StrictHostKeyChecking(\s*=\s*|\s+)["']?(no|off|false)\b/im, does: 'switches host-key checking off (StrictHostKeyChecking no)', lost: MITM },
  { re: /^\s*(User|Global)KnownHostsFile(\s*=\s*|\s+)["']?\/dev\/null\b/im, does: 'throws the known host keys away (KnownHostsFile /dev/null)', lost: MITM },
];
const SSH_CONFIG = /(\/\.ssh\/config(\.d\/[^/]+)?|^\/etc\/ssh\/ssh_config(\.d\/[^/]+)?)$/;

function base(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}

function kindOf(path: string, text: string): { rules: readonly Rule[]; place: string } | undefined {
  const name = base(path);
  const lower = path.toLowerCase();
  if (SSH_CONFIG.test(path)) return { rules: SSH_CLIENT, place: 'ssh client configuration' };
  if (/\.(tf|tf\.json|tfvars|tfvars\.json)$/.test(name)) return { rules: TERRAFORM, place: 'Terraform' };
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(name)) return { rules: COMPOSE, place: 'Compose' };
  if (/\/\.(github|gitea|forgejo)\/workflows\/[^/]+\.ya?ml$/.test(lower)) return { rules: WORKFLOW, place: 'a CI workflow' };
  if (/^pulumi\.[\w-]+\.ya?ml$/.test(name)) return { rules: STACK_CONFIG, place: 'Pulumi stack configuration' };
  if (/\.(ya?ml|json)$/.test(name) && (/\b(apiVersion|kind)["']?\s*:/.test(text) || /(^|\/)(k8s|kubernetes|manifests|deploy|kustomize|overlays|charts?)\//.test(lower))) return { rules: WORKLOAD, place: 'Kubernetes manifest' };
  if (/(^|\/)settings(\/[\w-]+)?\.py$|(^|\/)settings\/[\w-]+\.py$/.test(lower)) return { rules: DJANGO, place: 'Django settings' };
  return undefined;
}

/** Application configuration whose production part is named (`config/production.json`, `production:` in `database.yml`). */
function productionConfig(path: string, text: string): { does: string; lost: string } | undefined {
  const name = base(path);
  if (!/\.(ya?ml|json)$/.test(name) || !/(^|\/)(config|conf|settings|\.config)\//.test(path.toLowerCase())) return undefined;
  const fileIsProduction = /(^|[._-])(prod|production)([._-]|$)/.test(name);
  for (const e of fileValues(text)) {
    if (!fileIsProduction && !e.path.some((k) => /^(prod|production)$/i.test(k))) continue;
    const m = protectionLostBy(e, true);
    if (m && m.id !== 'persistence-off') return { does: m.does, lost: m.lost };
  }
  return undefined;
}

const VALUES_FILE = /^(values|[\w-]*[.-]values)([.-][\w.-]+)?\.ya?ml$/;
const NOT_DEPLOYED = /(^|[._-])(dev|development|local|test|tests|ci|kind|minikube|example|sample)([._-]|$)/;

/** A chart's values file (`values.yaml`, `values-prod.yaml`, `charts/api/values.yaml`), not one named for development or tests. */
function chartValues(path: string, text: string): { does: string; lost: string } | undefined {
  const name = base(path);
  if (!VALUES_FILE.test(name) || NOT_DEPLOYED.test(name)) return undefined;
  const m = firstLowering(fileValues(text), true);
  return m && m.id !== 'persistence-off' ? { does: m.does, lost: m.lost } : undefined;
}

/** What a workload's settings lose by the key table: only the workload's own hardening and reach (a ConfigMap's `auth: false` is the application's). */
const WORKLOAD_IDS = new Set(['container-privileged', 'admin-granted', 'made-public']);
function workloadMeaning(entries: Iterable<ValueEntry>, state = false): { does: string; lost: string } | undefined {
  for (const e of entries) {
    const m = protectionLostBy(e, state);
    if (m && WORKLOAD_IDS.has(m.id)) return { does: m.does, lost: m.lost };
  }
  return undefined;
}

/** What a Kubernetes manifest's text gives its workloads that lowers their protection (a manifest applied now, or written for later). */
export function workloadLowering(text: string): { does: string; lost: string } | undefined {
  return WORKLOAD.find((r) => r.re.test(text)) ?? workloadMeaning(fileValues(text), true);
}

/**
 * A file edited in place (`yq -i '.auth.enabled = false' values-prod.yaml`, `yq -i 'del(.spec.template.spec.securityContext)'
 * k8s/deployment.yaml`): the keys the edit sets or deletes, judged by the key table as what the file's next reader gets.
 */
export function editedProtectionFindings(path: string, entries: readonly ValueEntry[], writer: string, ctx: RuleContext): Finding[] {
  const text = ctx.facts.readFile(path) ?? '';
  const kind = kindOf(path, text);
  const valuesPlace = VALUES_FILE.test(base(path)) && !NOT_DEPLOYED.test(base(path));
  const m = valuesPlace || kind?.rules === COMPOSE ? firstLowering(entries) : kind?.rules === WORKLOAD ? workloadMeaning(entries) : undefined;
  if (!m || ('id' in m && m.id === 'persistence-off')) return [];
  const shown = path.split('/').slice(-2).join('/');
  const env = ctx.environmentOf({ values: path.split('/').slice(-4).filter((p) => p !== ''), remote: true });
  const place = valuesPlace ? 'chart values' : (kind?.place ?? 'configuration');
  return [{
    rule: 'written-protection.lowered',
    risk: 'protection-removal',
    severity: 'ask',
    reason: `\`${writer}\` edits the ${place} in ${shown} so that it ${m.does}: a safety net is removed when it is next applied — ${m.lost}.`,
    targets: [{ kind: 'resource', name: shown, remote: true, environment: env.environment, environmentReason: env.reason }],
  }];
}

/** What a Compose file gives its services that hands them the host (privileged, the host's root or engine socket, its namespaces, admin capabilities, no confinement). */
export function composeLowering(text: string): { does: string; lost: string } | undefined {
  return COMPOSE.find((r) => r.re.test(text));
}

/** Which of the places above a file is, for an edit that deletes its lines: the place's name and which meanings count there. */
export function editedPlaceOf(path: string, text: string): { place: string; counts: (id: string) => boolean } | undefined {
  const name = base(path);
  if (VALUES_FILE.test(name) && !NOT_DEPLOYED.test(name)) return { place: 'chart values', counts: (id) => id !== 'persistence-off' };
  const kind = kindOf(path, text);
  if (kind?.rules === COMPOSE) return { place: kind.place, counts: (id) => id !== 'persistence-off' };
  if (kind?.rules === WORKLOAD) return { place: kind.place, counts: (id) => WORKLOAD_IDS.has(id) };
  return undefined;
}

/** Whether a file of this name is one of the places above (asked before the file's old text is read to find what was added). */
export function mayLowerProtection(path: string): boolean {
  return /\.(tf|tf\.json|tfvars|tfvars\.json|ya?ml|json|py)$/i.test(path) || SSH_CONFIG.test(path);
}

/** Findings for one file written with `added` (the lines it did not have before; `written`: the text as written, whose sections give keys their parents). */
export function writtenProtectionFindings(path: string, added: string | undefined, written: string, writer: string, ctx: RuleContext): Finding[] {
  if (added === undefined || added.length > 200_000 || written.length > 200_000) return [];
  const shown = path.split('/').slice(-2).join('/');
  const kind = kindOf(path, added);
  // A file written whole states its settings; lines added to one that was there change them.
  const hit = kind?.rules.find((r) => r.re.test(added)) ?? (kind?.rules === WORKLOAD ? workloadMeaning(fileValues(added), added.trim() === written.trim()) : undefined);
  const values = hit === undefined ? chartValues(path, written) : undefined;
  const config = values ?? (hit === undefined && kind === undefined ? productionConfig(path, written) : undefined);
  if (!hit && !config) return [];
  const does = hit?.does ?? config!.does;
  const lost = hit?.lost ?? config!.lost;
  // The stack or service the file configures lives elsewhere: its names and folders say which environment.
  const names = [...path.split('/').slice(-4).filter((p) => p !== ''), ...[...added.matchAll(/["']([\w.-]{3,80})["']/g)].map((m) => m[1]!).slice(0, 40)];
  if (kind?.rules === SSH_CLIENT && hit) return [{ rule: 'written-protection.lowered', risk: 'protection-removal', severity: 'ask', reason: `\`${writer}\` writes to ${path.startsWith('/etc/') ? path : shown} a setting that ${does}: ${lost}.`, targets: [{ kind: 'path', name: shown, remote: false, environment: 'local', environmentReason: 'the ssh client configuration of this machine' }] }];
  const env = ctx.environmentOf({ values: names, remote: true });
  const production = (config !== undefined && values === undefined) || env.environment === 'production';
  const place = values !== undefined ? 'chart values' : (kind?.place ?? 'production configuration');
  return [{
    rule: 'written-protection.lowered',
    risk: 'protection-removal',
    severity: 'ask',
    reason: `\`${writer}\` writes ${place} to ${shown} that ${does}: a safety net is removed when it is next applied — ${lost}.`,
    targets: [{ kind: 'resource', name: shown, remote: true, environment: production ? 'production' : env.environment, environmentReason: production && config !== undefined && values === undefined && env.environment !== 'production' ? `the production settings of ${shown}` : env.reason }],
  }];
}
