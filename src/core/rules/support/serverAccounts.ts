import type { Invocation, RuleContext } from '../../policy/types';
import { resolvePath } from '../../paths';
import { hostOf, isLoopbackHost } from '../../policy/production';

/**
 * Access granted on a server's own account system (red team round 17): a Vault policy that grants
 * `sudo` or write on every path, an account made on an identity server or a data store's admin API
 * (`kcadm.sh create users`, `mc admin user add`, CouchDB's `PUT /_config/admins/NAME`), an admin policy
 * attached to one (`mc admin policy attach ALIAS consoleAdmin`). Read by `rules/accessGrants.ts`;
 * listings and reads of the same stay allowed, and a policy the guard cannot read asks.
 */

export interface AccountGrant {
  id: string;
  does: string;
  /** What is shown as the target. */
  target: string;
  /** Where it reaches, when the words say (a host). */
  hints?: string[];
}

interface ReadingLike {
  path: readonly string[];
  words: readonly string[];
  options: readonly { bare: string; value: string | undefined }[];
  all: readonly string[];
}

/** A policy text that grants everything: any path with `sudo`, or every path (`*`, `sys/*`, `+/*`) with more than read and list. */
export function vaultPolicyGrantsAll(text: string): string | undefined {
  for (const m of text.matchAll(/\bpath\s+"([^"]*)"\s*\{([^}]*)\}/g)) {
    const caps = /capabilities\s*=\s*\[([^\]]*)\]/.exec(m[2]!)?.[1] ?? '';
    if (/"sudo"/.test(caps)) return `sudo on ${m[1]}`;
    if (/^(\*|\+\/\*|sys\/\*|sys\/polic[^"]*|auth\/\*)$/.test(m[1]!) && /"(create|update|delete|patch)"/.test(caps)) return `write on ${m[1]}`;
  }
  return undefined;
}

/** The text of a Vault policy a command writes: standard input, `@file`, a file operand or an inline value; undefined when it cannot be read. */
function policyText(inv: Invocation, ctx: RuleContext, source: string | undefined): string | undefined {
  const s = inv.stdin;
  if (source === undefined || source === '-') return s?.kind === 'heredoc' || s?.kind === 'herestring' ? s.text : undefined;
  const file = source.startsWith('@') ? source.slice(1) : /^[\w./~-]+\.(hcl|json|policy)$/.test(source) ? source : undefined;
  if (file === undefined) return source;
  return /[$`*?]/.test(file) ? undefined : ctx.facts.readFile(resolvePath(inv.cwd, file, ctx.facts.home));
}

function vaultPolicy(inv: Invocation, ctx: RuleContext, r: ReadingLike): AccountGrant | undefined {
  if (inv.name !== 'vault') return undefined;
  // The operands as written (file names keep their case); a lone `-` is standard input.
  const p = r.words;
  let name: string | undefined;
  let source: string | undefined;
  if (p[0] === 'policy' && p[1] === 'write') [name, source] = [p[2], p[3]];
  else if (p[0] === 'write' && /^sys\/(policy|policies\/acl)\/[^/\s]+$/.test(p[1] ?? '')) {
    name = p[1]!.split('/').pop();
    const field = r.words.find((x) => x.startsWith('policy='));
    source = field !== undefined ? field.slice('policy='.length) : undefined;
    if (source === undefined) return undefined;
  } else return undefined;
  const text = policyText(inv, ctx, source);
  const policy = `the Vault policy ${name ?? '(unnamed)'}`;
  if (text === undefined) return { id: 'admin-policy', does: `writes ${policy} from text the guard cannot read (it may grant sudo on every path)`, target: policy };
  const grant = vaultPolicyGrantsAll(text);
  return grant !== undefined ? { id: 'admin-policy', does: `writes ${policy}, granting ${grant}`, target: policy } : undefined;
}

/** An account made on an identity server or a store's admin API, or an admin policy attached to one. */
function accountMade(inv: Invocation, r: ReadingLike): AccountGrant | undefined {
  const p = r.path;
  // Keycloak's admin CLI (keycloak.org/docs/latest/server_admin/#the-admin-cli): users made, roles given.
  if (/^kcadm(\.sh|\.bat)?$/.test(inv.name)) {
    const realm = r.options.find((o) => o.bare === 'r' || o.bare === 'target-realm')?.value ?? 'the realm';
    if (p[0] === 'create' && /^users$/.test(p[1] ?? '')) return { id: 'account-created', does: `creates a user in the Keycloak realm ${realm}`, target: `the Keycloak realm ${realm}` };
    if (p[0] === 'add-roles' || (p[0] === 'create' && /\/role-mappings\//.test(p[1] ?? ''))) return { id: 'account-created', does: `gives roles to an account in the Keycloak realm ${realm}`, target: `the Keycloak realm ${realm}` };
  }
  // Redpanda's SASL users (`rpk security user create`, older `rpk acl user create`).
  if (inv.name === 'rpk' && ((p[0] === 'security' && p[1] === 'user' && p[2] === 'create') || (p[0] === 'acl' && p[1] === 'user' && p[2] === 'create'))) return { id: 'account-created', does: `creates the SASL user ${r.words[3] ?? ''} on the Redpanda cluster`.replace('  ', ' '), target: 'the Redpanda cluster' };
  // Vault: a user or role of an auth method written (`vault write auth/userpass/users/bob password=… policies=admin`): whoever holds it signs in with those policies.
  // A role's other settings (`token_ttl=1h`) are routine; a role given the root or an admin policy is a grant.
  const adminPolicy = r.words.some((w) => /^(token_)?policies=.*\b(root|admin)\b/.test(w));
  const authPath = /^auth\/[^/\s]+\/(users|user|role|roles|groups?)\/[^/\s]+$/.exec(r.words[1] ?? '');
  if (inv.name === 'vault' && r.words[0] === 'write' && authPath && (!/^roles?$/.test(authPath[1]!) || adminPolicy)) return { id: 'account-created', does: `writes the Vault sign-in ${r.words[1]}${adminPolicy ? ' with an admin policy' : ''}`, target: r.words[1]! };
  // MinIO's client (min.io/docs/minio/linux/reference/minio-mc-admin.html): a user or service account made, a policy attached.
  if ((inv.name === 'mc' || inv.name === 'mcli') && p[0] === 'admin') {
    const alias = p[3] ?? 'the MinIO server';
    if (p[1] === 'user' && /^(add|svcacct)$/.test(p[2] ?? '') && (p[2] === 'add' || p[3] === 'add')) return { id: 'account-created', does: `creates an account on ${p[2] === 'add' ? alias : p[4] ?? 'the MinIO server'}`, target: p[2] === 'add' ? alias : p[4] ?? 'the MinIO server' };
    // An admin or write policy attached (`consoleAdmin`, `readwrite`); `readonly` for a reader stays allowed.
    const policy = r.words[4] ?? '';
    if (p[1] === 'policy' && /^(attach|set)$/.test(p[2] ?? '') && /admin|write|diagnostics|\*/i.test(policy)) return { id: 'admin-policy', does: `attaches the policy ${policy} on ${alias}`, target: alias };
  }
  return undefined;
}

const HTTP_CLIENTS = /^(curl|wget|http|https|xh|xhs|curlie)$/;

/** CouchDB's server admins (docs.couchdb.org: `PUT /_node/{node}/_config/admins/{name}`, older `/_config/admins/{name}`): whoever is added can do anything. */
function storeAdminAdded(inv: Invocation, r: ReadingLike): AccountGrant | undefined {
  if (!HTTP_CLIENTS.test(inv.name)) return undefined;
  const url = r.all.find((x) => /\/_config\/admins\/[^/\s?]+/.test(x));
  if (url === undefined) return undefined;
  const method = r.options.find((o) => o.bare === 'x' || o.bare === 'request')?.value ?? r.all.find((x) => /^(PUT|POST|GET|DELETE|HEAD)$/.test(x)) ?? (r.options.some((o) => /^(d|data|data-raw|data-binary|json|T|upload-file)$/.test(o.bare)) ? 'POST' : 'GET');
  if (!/^put$/i.test(method)) return undefined;
  const host = hostOf(/^[a-z][\w+.-]*:\/\//i.test(url) ? url : `http://${url}`) ?? 'the CouchDB server';
  // The developer's own server on this machine is theirs to administer (team decision: data store administration asks on remote targets).
  if (isLoopbackHost(host)) return undefined;
  return { id: 'account-created', does: `adds a server admin (${url.split('/_config/admins/')[1]}) to the CouchDB server ${host}`, target: host, hints: [host] };
}

export function serverAccountGrant(inv: Invocation, ctx: RuleContext, r: ReadingLike): AccountGrant | undefined {
  return vaultPolicy(inv, ctx, r) ?? accountMade(inv, r) ?? storeAdminAdded(inv, r);
}
