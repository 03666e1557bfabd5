import { ownTable } from '../ownTable';
import type { ArgWord, Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { freeFormReadings, optionValue } from '../registry/freeForm';
import { toolNamed } from '../registry/commandModel';
import { serverAccountGrant } from './support/serverAccounts';
import { ADMIN_WORDS, adminMembership } from './support/adminMembership';
import { authBypass, BYPASS_WORDS, type Bypass } from './support/authBypass';

/**
 * Access widened: a grant of full administrative rights (an IAM policy or role that can do anything,
 * a Kubernetes `cluster-admin` binding) and a database or server opened to the whole internet (an
 * ingress rule, authorized network or firewall rule for 0.0.0.0/0, a database made publicly
 * accessible). Neither destroys anything yet; each leaves everything one step from loss or theft, so
 * each asks, names who or what gains access, and is production where it is remote (an environment
 * nobody named is production). Reads, revokes, outbound rules, web ports and dry runs stay allowed.
 */

interface Reading {
  path: string[];
  /** Every operand as written (case kept), options and their values left out. */
  words: string[];
  options: { bare: string; value: string | undefined }[];
  all: string[];
}

/**
 * The words as the one grammar reads them with no description: the command path is the words before
 * the first option, and each option's value is glued or the next word that is not an option.
 */
function read(args: readonly ArgWord[]): Reading {
  const { valued } = freeFormReadings(args);
  const firstOption = valued.options[0]?.index ?? args.length;
  const path = valued.operands.filter((_w, k) => valued.operandIndexes[k]! < firstOption).slice(0, 5).map((w) => w.text.toLowerCase());
  const options = valued.options.map((o) => ({ bare: o.name.replace(/^-+/, '').toLowerCase(), value: optionValue(o) }));
  return { path, words: valued.operands.map((w) => w.text), options, all: args.map((a) => a.text) };
}

const valuesOf = (r: Reading, ...names: string[]): string[] => r.options.filter((o) => names.includes(o.bare) && o.value !== undefined).map((o) => o.value!);
const has = (r: Reading, ...names: string[]): boolean => r.options.some((o) => names.includes(o.bare));

/** What a grant or an opening does, and what follows from it. */
interface Widening {
  id: string;
  does: string;
  lost: string;
  /** Names that may say the environment (a project, a profile, an instance). */
  names: string[];
  /** What is shown as the target when the names are not it. */
  target?: string;
}

const ADMIN_POLICY = /(^|[:/])(AdministratorAccess|PowerUserAccess|IAMFullAccess|AWSOrganizationsFullAccess)$/;
/** Roles that can change anything, or grant themselves anything (gcloud's basic and admin roles). */
const GCP_ADMIN_ROLE = /^roles\/(owner|editor|iam\.securityAdmin|iam\.serviceAccountAdmin|iam\.serviceAccountTokenCreator|iam\.serviceAccountKeyAdmin|iam\.roleAdmin|iam\.workloadIdentityPoolAdmin|resourcemanager\.(projectIamAdmin|organizationAdmin|folderAdmin|folderIamAdmin))$/;
const AZ_ADMIN_ROLE = /^(owner|contributor|user access administrator|role based access control administrator|8e3af657-a8ff-443c-a75c-2fe8c4bcb635|b24988ac-6180-42a0-ab88-20f7382dd24c|18d7d88d-d35e-4fb5-a5c3-7773c20a72d9)$/i;
const KUBE_ADMIN_ROLE = /^(cluster-admin|admin|system:masters)$/;
const ALL_ACTIONS = /"Action"\s*:\s*(\[\s*)?"(\*|iam:\*|\*:\*)"/;
const ADMIN_LOST = 'whoever holds it can read, change or delete anything there, and grant the same to others';

function privilegeGranted(inv: Invocation, r: Reading): Widening | undefined {
  const p = r.path;
  if (inv.name === 'aws' && p[0] === 'iam') {
    const who = valuesOf(r, 'user-name', 'role-name', 'group-name')[0] ?? 'a principal';
    // The account is what the grant reaches: its environment is the profile's, never the principal's name (a role called `ci`).
    const account = valuesOf(r, 'profile');
    if (/^attach-(user|role|group)-policy$/.test(p[1] ?? '')) {
      const arn = valuesOf(r, 'policy-arn').find((a) => ADMIN_POLICY.test(a));
      if (arn !== undefined) return { id: 'admin-policy', does: `attaches ${arn.split('/').pop()} to ${who}`, lost: ADMIN_LOST, names: account, target: who };
    }
    if (/^put-(user|role|group)-policy$/.test(p[1] ?? '')) {
      const doc = valuesOf(r, 'policy-document').join(' ');
      if (ALL_ACTIONS.test(doc) && /"Effect"\s*:\s*"Allow"/.test(doc)) return { id: 'admin-policy', does: `gives ${who} an inline policy allowing every action`, lost: ADMIN_LOST, names: account, target: who };
    }
    // A new default version of a managed policy takes effect for everyone it is attached to.
    if (p[1] === 'create-policy-version' && has(r, 'set-as-default')) {
      const doc = valuesOf(r, 'policy-document').join(' ');
      const arn = valuesOf(r, 'policy-arn')[0] ?? 'a policy';
      if (ALL_ACTIONS.test(doc) && /"Effect"\s*:\s*"Allow"/.test(doc)) return { id: 'admin-policy', does: `makes ${arn.split('/').pop()} allow every action, for everyone it is attached to`, lost: ADMIN_LOST, names: account, target: arn };
    }
    if (p[1] === 'add-user-to-group' && valuesOf(r, 'group-name').some((g) => /admin/i.test(g))) {
      return { id: 'admin-group', does: `adds ${who} to the group ${valuesOf(r, 'group-name')[0]}`, lost: ADMIN_LOST, names: account, target: who };
    }
  }
  if (inv.name === 'gcloud' && p.includes('add-iam-policy-binding')) {
    const role = valuesOf(r, 'role').find((x) => GCP_ADMIN_ROLE.test(x));
    if (role !== undefined) {
      const resource = p[p.indexOf('add-iam-policy-binding') + 1] ?? valuesOf(r, 'project')[0] ?? 'the project';
      return { id: 'admin-role', does: `grants ${role} on ${resource} to ${valuesOf(r, 'member')[0] ?? 'a member'}`, lost: ADMIN_LOST, names: [resource, ...valuesOf(r, 'project')] };
    }
  }
  if (inv.name === 'az' && p[0] === 'role' && p[1] === 'assignment' && p[2] === 'create') {
    const role = valuesOf(r, 'role').find((x) => AZ_ADMIN_ROLE.test(x));
    if (role !== undefined) {
      const scope = valuesOf(r, 'scope', 'resource-group', 'g')[0] ?? 'the subscription';
      return { id: 'admin-role', does: `assigns ${role} on ${scope} to ${valuesOf(r, 'assignee', 'assignee-object-id')[0] ?? 'a principal'}`, lost: ADMIN_LOST, names: [...valuesOf(r, 'subscription'), ...valuesOf(r, 'resource-group', 'g')], target: scope };
    }
  }
  if ((inv.name === 'kubectl' || inv.name === 'oc') && p[0] === 'create' && /^(cluster)?rolebinding$/.test(p[1] ?? '')) {
    const role = valuesOf(r, 'clusterrole', 'role').find((x) => KUBE_ADMIN_ROLE.test(x));
    if (role !== undefined) {
      const who = [...valuesOf(r, 'serviceaccount'), ...valuesOf(r, 'user'), ...valuesOf(r, 'group')].join(', ') || 'a subject';
      return { id: 'admin-binding', does: `binds ${role} to ${who}${p[1] === 'clusterrolebinding' ? ' across the cluster' : ''}`, lost: ADMIN_LOST, names: valuesOf(r, 'context', 'cluster'), target: who };
    }
  }
  // MongoDB Atlas: a database user with a built-in role over every database (mongodb.com/docs/atlas/cli/current/command/atlas-dbusers-create/).
  if (inv.name === 'atlas' && p[0] === 'dbusers' && p[1] === 'create') {
    const role = [p[2] ?? '', ...valuesOf(r, 'role')].find((x) => /^(atlasadmin|readwriteanydatabase|dbadminanydatabase|useradminanydatabase|clusteradmin|root)(@admin)?$/i.test(x));
    if (role !== undefined) return { id: 'admin-role', does: `creates the database user ${valuesOf(r, 'username', 'u')[0] ?? '(unnamed)'} with ${role}`, lost: ADMIN_LOST, names: valuesOf(r, 'projectid', 'profile', 'p'), target: 'the MongoDB Atlas project' };
  }
  // Kafka ACLs (kafka.apache.org/documentation/#security_authz_cli) and Redpanda's `rpk security acl create`: every principal, or every operation on every resource.
  if (/^kafka-acls(\.sh)?$/.test(inv.name) ? has(r, 'add') : inv.name === 'rpk' && ((p[0] === 'security' && p[1] === 'acl' && p[2] === 'create') || (p[0] === 'acl' && p[1] === 'create'))) {
    const principals = valuesOf(r, 'allow-principal');
    const operations = valuesOf(r, 'operation').map((o) => o.toLowerCase());
    const everywhere = has(r, 'cluster') || [...valuesOf(r, 'topic', 'group', 'transactional-id')].some((x) => x === '*');
    const everyone = principals.some((x) => /^(user|group):\*$/i.test(x));
    if (principals.length > 0 && ((everyone && !operations.every((o) => o === 'read' || o === 'describe')) || (everywhere && operations.some((o) => /^(all|alter|alterconfigs|clusteraction)$/.test(o))))) {
      return { id: 'admin-acl', does: `allows ${principals.join(', ')} ${operations.join(', ') || 'the listed operations'} on ${everywhere ? 'every resource' : 'the named resources'}`, lost: ADMIN_LOST, names: valuesOf(r, 'bootstrap-server', 'brokers', 'x').slice(0, 1), target: 'the Kafka cluster' };
    }
  }
  if (inv.name === 'oc' && p[0] === 'adm' && p[1] === 'policy' && /^add-cluster-role-to-(user|group)$/.test(p[2] ?? '') && KUBE_ADMIN_ROLE.test(p[3] ?? '')) {
    return { id: 'admin-binding', does: `binds ${p[3]} to ${p[4] ?? 'a subject'} across the cluster`, lost: ADMIN_LOST, names: valuesOf(r, 'context') };
  }
  return undefined;
}

/** The whole internet as a source range. */
const ANYWHERE = /(^|[\s,:="'[])(0\.0\.0\.0\/0|::\/0)(?=$|[\s,"'\]}])/;
/** Ports that are served to everyone by design. */
const WEB_PORTS = new Set(['80', '443', '8080', '8443']);
const PORT_NAMES: Readonly<Record<string, string>> = ownTable({ '5432': 'Postgres', '3306': 'MySQL', '1433': 'SQL Server', '1521': 'Oracle', '27017': 'MongoDB', '6379': 'Redis', '9200': 'Elasticsearch', '9042': 'Cassandra', '5984': 'CouchDB', '11211': 'Memcached', '22': 'SSH', '3389': 'RDP', '2379': 'etcd', '9092': 'Kafka' });
const OPEN_LOST = 'anyone on the internet can reach it and try to sign in, or read and delete its data through any weakness';

/** Ports an ingress command opens: `--port 5432`, `--port 0-65535`, `FromPort=5432`, `--allow tcp:5432`, `--rules tcp:22`. */
function portsOf(r: Reading): string[] | 'all' {
  const ports: string[] = [];
  for (const v of valuesOf(r, 'port', 'ports', 'destination-port-ranges')) ports.push(...v.split(/[,\s]+/));
  for (const v of valuesOf(r, 'allow', 'rules')) {
    for (const part of v.split(',')) {
      const m = /^(tcp|udp|all|icmp)(?::(.+))?$/i.exec(part.trim());
      if (m && m[2] === undefined && !/^icmp$/i.test(m[1]!)) return 'all';
      if (m?.[2]) ports.push(m[2]);
    }
  }
  for (const m of r.all.join(' ').matchAll(/FromPort"?\s*[=:]\s*"?(-?\d+)"?[\s,]*"?(?:ToPort"?\s*[=:]\s*"?(-?\d+))?/g)) ports.push(m[2] && m[2] !== m[1] ? `${m[1]}-${m[2]}` : m[1]!);
  if (valuesOf(r, 'protocol').some((x) => /^(-1|all)$/i.test(x))) return 'all';
  return ports.length === 0 ? 'all' : ports;
}

function describePorts(ports: string[] | 'all'): string {
  if (ports === 'all') return 'every port';
  return ports.map((x) => (PORT_NAMES[x] ? `${x} (${PORT_NAMES[x]})` : x)).join(', ');
}

function openedToInternet(inv: Invocation, r: Reading): Widening | undefined {
  const p = r.path;
  const text = r.all.join(' ');
  // A database made publicly accessible (`aws rds modify-db-instance --publicly-accessible`).
  if (inv.name === 'aws' && p[0] === 'rds' && /^(modify|create|restore)-db-/.test(p[1] ?? '') && has(r, 'publicly-accessible')) {
    const name = valuesOf(r, 'db-instance-identifier', 'db-cluster-identifier')[0] ?? 'the database';
    return { id: 'database-public', does: `makes the database ${name} publicly accessible`, lost: OPEN_LOST, names: [name] };
  }
  // Azure firewall rules spanning every address.
  if (inv.name === 'az' && p.includes('firewall-rule') && /^(create|update)$/.test(p[p.indexOf('firewall-rule') + 1] ?? '')) {
    const start = valuesOf(r, 'start-ip-address')[0];
    const end = valuesOf(r, 'end-ip-address')[0];
    if (start === '0.0.0.0' && end === '255.255.255.255') {
      const name = valuesOf(r, 'name', 'n', 'server', 's')[0] ?? 'the server';
      return { id: 'open-to-internet', does: `adds a firewall rule letting every address reach ${p.slice(0, 2).join(' ')} ${name}`, lost: OPEN_LOST, names: [name, ...valuesOf(r, 'resource-group', 'g')] };
    }
  }
  if (inv.name === 'az' && /^(postgres|mysql)$/.test(p[0] ?? '') && has(r, 'public-access') && valuesOf(r, 'public-access').some((v) => /^(all|0\.0\.0\.0-255\.255\.255\.255)$/i.test(v))) {
    const name = valuesOf(r, 'name', 'n')[0] ?? 'the server';
    return { id: 'open-to-internet', does: `opens the ${p[0]} server ${name} to every address`, lost: OPEN_LOST, names: [name] };
  }
  if (!ANYWHERE.test(text)) return undefined;
  // MongoDB Atlas's project IP access list (`atlas accessLists create 0.0.0.0/0`).
  if (inv.name === 'atlas' && p[0] === 'accesslists' && p[1] === 'create') return { id: 'open-to-internet', does: 'opens the MongoDB Atlas project\'s clusters to the whole internet (0.0.0.0/0)', lost: OPEN_LOST, names: valuesOf(r, 'projectid'), target: 'the MongoDB Atlas project' };
  // Outbound rules, revokes, reads and deletions of a rule close or look; only an inbound opening widens.
  if (p.some((x) => /(^|-)(egress|revoke|describe|list|get|show|delete|remove)(-|$)/.test(x))) return undefined;
  const inbound = p.some((x) => /(ingress|authorize|firewall|firewalls|firewall-rules|authorized-networks|allow-?lists?|white-?lists?|security-group|access-?lists?|network-rules|access-allow|allow-access|^allow(-|$)|^(grant|permit)(-|$))/.test(x))
    || has(r, 'ip-permissions', 'rule') || r.options.some((o) => /(allow|authori[sz]ed|source-ranges?|cidr|whitelist|trusted|ip-ranges?|inbound|ingress)/.test(o.bare) && o.value !== undefined && ANYWHERE.test(` ${o.value}`));
  if (!inbound) return undefined;
  const ports = portsOf(r);
  if (ports !== 'all' && ports.every((x) => WEB_PORTS.has(x))) return undefined;
  const operand = p.slice(2).find((x) => !/^(append|add|create|update|patch|set|allow|rules?|authorize[\w-]*)$/.test(x) && !/^(0\.0\.0\.0\/0|::\/0)$/.test(x));
  const name = valuesOf(r, 'group-id', 'group-name', 'instance', 'name')[0] ?? operand ?? 'the resource';
  const database = p.includes('sql') || p.includes('databases') || p.includes('rds') || (ports !== 'all' && ports.some((x) => PORT_NAMES[x] !== undefined && x !== '22' && x !== '3389'));
  return {
    id: 'open-to-internet',
    does: `opens ${database ? 'the database ' : ''}${name} to the whole internet (0.0.0.0/0) on ${describePorts(ports)}`,
    lost: OPEN_LOST,
    names: [name, ...valuesOf(r, 'project', 'profile', 'resource-group', 'g')],
  };
}

const DRY = new Set(['dry-run', 'dryrun', 'what-if', 'help']);

/** Programs whose words are data, text or files, never a resource's settings. */
const NOT_A_CLI = /^(echo|printf|cat|grep|egrep|rg|sed|awk|jq|yq|git|find|xargs|tee|sort|less|head|tail|curl|wget|ssh|scp|ping|nmap|ipcalc|sipcalc|docker|podman|python3?|node|ruby|perl)$/;

/** Access granted on a server's own accounts (support/serverAccounts.ts): a Vault policy, a user made, a store admin added. */
function accountGranted(inv: Invocation, ctx: RuleContext, r: Reading): Widening | undefined {
  const grant = serverAccountGrant(inv, ctx, r);
  return grant !== undefined ? { id: grant.id, does: grant.does, lost: grant.id === 'account-created' ? 'whoever holds the new account can sign in and use what it is given, outside the accounts the team reviewed' : ADMIN_LOST, names: grant.hints ?? [], target: grant.target } : undefined;
}

/** An account added to an admin group or given an admin role or tag, by any CLI's words (support/adminMembership.ts). */
function membershipGranted(inv: Invocation, r: Reading): Widening | undefined {
  // A tool the registry describes as local or either keeps its own rules for where its target lives (`rabbitmqctl`
  // without `-n` is this machine's development broker, decided allowed in round 7; databaseAdmin.ts reads it).
  const spec = toolNamed(inv.name);
  if (spec !== undefined && spec.locality !== 'remote') return undefined;
  const grant = adminMembership(inv.name, r);
  if (grant === undefined) return undefined;
  return { id: 'admin-membership', does: `gives an account the membership or role \`${grant.group}\` (${grant.verb})`, lost: ADMIN_LOST, names: [], target: `the ${grant.group} group or role (${inv.name})` };
}

/** Sign-in bypassed or an admin made by any CLI's words (support/authBypass.ts): a recovery key or operator token, another's password, an admin flag. */
function bypassed(found: Bypass | undefined, inv: Invocation): Widening | undefined {
  return found === undefined ? undefined : { id: found.id, does: found.does, lost: found.lost, names: found.names, target: found.names[0] !== undefined ? `the account ${found.names[0]} (${inv.name})` : undefined };
}

function checkAccess(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.args.length === 0) return [];
  const r = read(inv.args);
  if (r.options.some((o) => DRY.has(o.bare) && !/^(none|false)$/i.test(o.value ?? ''))) return [];
  if (NOT_A_CLI.test(inv.name)) return finish(inv, ctx, r, accountGranted(inv, ctx, r));
  const widening = privilegeGranted(inv, r) ?? accountGranted(inv, ctx, r) ?? openedToInternet(inv, r) ?? membershipGranted(inv, r);
  if (widening !== undefined) return finish(inv, ctx, r, widening);
  // A bypass shows its command words only: an operand after them may be the new password.
  const found = authBypass({ name: inv.name, words: r.words, options: r.options });
  // A password command of a database server's own tool that the registry places here or there keeps its own rules for where its
  // server lives (`mysqladmin password`, `rabbitmqctl change_password`: databaseAdmin.ts), as an admin membership does above.
  const spec = found?.id === 'password-reset' ? toolNamed(inv.name) : undefined;
  const bypass = spec !== undefined && spec.family === 'database' && spec.locality !== 'remote' ? undefined : found;
  return finish(inv, ctx, { ...r, path: bypass?.shownWords ?? [] }, bypassed(bypass, inv));
}

function finish(inv: Invocation, ctx: RuleContext, r: Reading, widening: Widening | undefined): Finding[] {
  if (widening === undefined) return [];
  const resolved = ctx.environmentOf({ values: widening.names.filter((n) => n !== ''), remote: true });
  const name = widening.target ?? widening.names[0] ?? inv.name;
  return [{
    rule: `access.${widening.id}`,
    risk: 'protection-removal',
    severity: 'ask',
    reason: `\`${[inv.name, ...r.path.slice(0, 3).filter((w) => !w.includes('='))].join(' ')}\` ${widening.does}: a safety net is removed — ${widening.lost}.`,
    targets: [{ kind: 'resource', name, provider: inv.name, remote: true, environment: resolved.environment, environmentReason: resolved.reason }],
  }];
}

export const accessGrantsPack: RulePack = {
  id: 'access',
  title: 'Access widened: administrative grants and databases opened to the internet',
  // No `commands` list: a list would take these tools off the verb floor; the grants are read by tool name, the openings for any CLI.
  checkInvocation: checkAccess,
  reactsTo: (name) => !NOT_A_CLI.test(name) || /^(curl|wget|http|https|xh|xhs|curlie)$/.test(name),
  // The grants are read for these tools only; an opening elsewhere needs 0.0.0.0/0 or ::/0 in a word (ANYWHERE).
  gate: { names: ['aws', 'gcloud', 'az', 'kubectl', 'oc', 'atlas', 'kafka-acls', 'kafka-acls.sh', 'rpk', 'vault', 'kcadm', 'kcadm.sh', 'kcadm.bat', 'mc', 'mcli'], namePattern: /recover|passw|operator|user|admin|imperson/i, words: new RegExp(`0\\.0\\.0\\.0\\/0|::\\/0|\\/_config\\/admins\\/|${ADMIN_WORDS.source}|${BYPASS_WORDS.source}`, 'i') },
};
