/**
 * Requests to a code forge's REST API (GitHub, GitLab, Bitbucket, Gitea/Forgejo) that hand out access,
 * take a repository away or lower its protection without a delete verb (issue #18, round 6): a deploy
 * key or account key added, a member invited as owner, a repository transferred, forked to another
 * owner, archived or renamed, an environment's reviewers and wait timer removed, workflows given
 * write tokens and the right to approve their own pull requests, a branch moved by force, a merge
 * made outside a pull request, a CI secret or variable overwritten. Each phrase says what is lost.
 * The path is as the API documents it, with any `/api/v3`, `/api/v4`, `/api/v1` or `/2.0` prefix.
 */

export interface ForgeRequest {
  method: string;
  /** The URL path, e.g. `/repos/acme/shop/keys` or `/api/v4/projects/1/members`. */
  path: string;
  /** Request bodies and the query string, as text (JSON or `key=value` pairs). */
  texts: readonly string[];
}

/** Hosts of the forges' APIs; a self-hosted GitLab or Gitea is reached under `/api/v4` or `/api/v1`. */
const FORGE_HOST = /^(api\.github\.com|gitlab\.com|api\.bitbucket\.org|codeberg\.org|gitea\.com)$|(^|\.)(github|gitlab|gitea|forgejo|bitbucket)\./i;

export function isForgeHost(host: string, path: string): boolean {
  return FORGE_HOST.test(host) || /^\/api\/v[134]\//.test(path) && /(git|forge|code|scm)/i.test(host);
}

/** Field values by key from JSON (`"key": value`) and form pairs (`key=value`); the last wins. */
function fieldsOf(texts: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of texts) {
    for (const m of text.matchAll(/"([A-Za-z0-9_.[\]-]+)"\s*:\s*("([^"]*)"|true|false|null|-?\d+|\[\s*\]|\{\s*\})/g)) out.set(m[1]!, m[3] ?? m[2]!);
    // A script's object literal (`JSON.stringify({sha: 'abc', force: true})`): unquoted keys.
    for (const m of text.matchAll(/(?:^|[{,\s])([A-Za-z_]\w*)\s*:\s*('([^']*)'|"([^"]*)"|true|false|null|-?\d+)(?=\s*[,}])/g)) if (!out.has(m[1]!)) out.set(m[1]!, m[3] ?? m[4] ?? m[2]!);
    for (const part of text.split(/[&\n]/)) {
      const eq = /^\s*([A-Za-z0-9_.[\]-]+)=(.*)$/.exec(part);
      if (eq) out.set(eq[1]!, eq[2]!.trim());
    }
  }
  return out;
}

const TRUE = /^(true|1)$/i;
const FALSE = /^(false|0)$/i;
const EMPTY = /^(null|\[\s*\]|\{\s*\}|)$/;

/** The path without the API prefix and query: `repos/acme/shop/keys`. */
function apiPath(path: string): string {
  return path.replace(/[?#].*$/, '').replace(/^\/+/, '').replace(/^(api\/v[134]|2\.0)\//, '').replace(/\/+$/, '');
}

type Rule = (method: string, path: string, fields: Map<string, string>) => string | undefined;

const RULES: readonly Rule[] = [
  // Keys: whoever holds the private half gets in.
  (m, p, f) => (m === 'POST' && /^repos\/[^/]+\/[^/]+\/keys$/.test(p) ? `a deploy key${TRUE.test(f.get('read_only') ?? 'true') ? '' : ' with write access'} for ${p.split('/').slice(1, 3).join('/')} (whoever holds its private half can ${TRUE.test(f.get('read_only') ?? 'true') ? 'read' : 'push to'} the repository)` : undefined),
  (m, p, f) => (m === 'POST' && /^projects\/[^/]+\/deploy_keys$/.test(p) ? `a deploy key${TRUE.test(f.get('can_push') ?? '') ? ' that can push' : ''} for project ${p.split('/')[1]} (whoever holds its private half gets in)` : undefined),
  (m, p) => (m === 'POST' && /^(user\/(keys|gpg_keys|ssh_signing_keys)|user\/keys|users\/[^/]+\/keys)$/.test(p) ? 'a key added to the account (whoever holds its private half signs in as this user)' : undefined),
  // Stop 40 (round 39: `gh api -X POST /admin/users/alice/authorizations`): a site administrator's API acting for another account:
  // an impersonation token minted (GitHub Enterprise, GitLab, Gitea), a site admin made, an account made or its password set.
  (m, p) => (/^(POST|PUT)$/.test(m) && /^(admin\/users\/[^/]+\/(authorizations|tokens)|users\/[^/]+\/(impersonation_tokens|personal_access_tokens|tokens))$/.test(p) ? `an access token minted for ${p.split('/').at(-2)} by the site administrator (whoever holds it acts as that user, past the user's password and second factor)` : undefined),
  (m, p) => (m === 'PUT' && /^users\/[^/]+\/site_admin$/.test(p) ? `${p.split('/')[1]} made a site administrator (the account can read, change or delete anything on the instance, and grant the same)` : undefined),
  (m, p, f) => (/^(POST|PUT|PATCH)$/.test(m) && /^(admin\/)?users(\/[^/]+)?$/.test(p) && (TRUE.test(f.get('admin') ?? '') || TRUE.test(f.get('is_admin') ?? '') || TRUE.test(f.get('site_admin') ?? '')) ? `an account made a site administrator${/\/[^/]+$/.test(p) && !p.endsWith('/users') ? ` (${p.split('/').at(-1)})` : ''} (it can read, change or delete anything on the instance, and grant the same)` : undefined),
  (m, p, f) => (/^(PUT|PATCH)$/.test(m) && /^(admin\/)?users\/[^/]+$/.test(p) && f.has('password') ? `a new password set for ${p.split('/').at(-1)} by the site administrator (the user is locked out; whoever set it signs in as them)` : undefined),
  (m, p) => (m === 'POST' && /^admin\/users$/.test(p) ? 'an account created by the site administrator (a new way in, outside the accounts the team reviewed)' : undefined),
  // People: an owner or admin invited or added.
  (m, p, f) => (m === 'POST' && /^orgs\/[^/]+\/invitations$/.test(p) ? `an invitation into organization ${p.split('/')[1]}${f.get('role') ? ` as ${f.get('role')}` : ''} (the invitee gets access to its repositories)` : undefined),
  (m, p, f) => (/^(POST|PUT)$/.test(m) && /^(projects|groups)\/[^/]+\/(members|invitations)(\/[^/]+)?$/.test(p) ? `a member added to ${p.split('/').slice(0, 2).join(' ')}${f.get('access_level') ? ` at access level ${f.get('access_level')}${Number(f.get('access_level')) >= 40 ? ' (maintainer or owner)' : ''}` : ''}` : undefined),
  (m, p, f) => (m === 'PUT' && /^repositories\/[^/]+\/[^/]+\/permissions-config\/(users|groups)\/[^/]+$/.test(p) ? `a permission (${f.get('permission') ?? 'access'}) given to ${p.split('/').pop()} on ${p.split('/').slice(1, 3).join('/')}` : undefined),
  // The repository itself: another owner, a fork elsewhere, archived or renamed.
  (m, p) => (m === 'POST' && /^(repos\/[^/]+\/[^/]+|projects\/[^/]+)\/transfer$/.test(p) ? 'a transfer of the repository to another owner (its new owner decides who keeps access)' : undefined),
  (m, p) => (m === 'PUT' && /^projects\/[^/]+\/transfer$/.test(p) ? 'a transfer of the project to another namespace (its new owner decides who keeps access)' : undefined),
  (m, p, f) => (m === 'POST' && /^(repos\/[^/]+\/[^/]+\/forks|projects\/[^/]+\/fork)$/.test(p) && (f.has('organization') || f.has('namespace') || f.has('namespace_path')) ? `a fork of the repository into ${f.get('organization') ?? f.get('namespace_path') ?? f.get('namespace')} (a copy of its code and history outside the owner's control)` : undefined),
  (m, p, f) => (/^(PATCH|PUT|POST)$/.test(m) && /^(repos\/[^/]+\/[^/]+|projects\/[^/]+|repositories\/[^/]+\/[^/]+)(\/archive)?$/.test(p) && (TRUE.test(f.get('archived') ?? '') || p.endsWith('/archive')) ? 'archived=true (the repository becomes read-only: pushes, issues and pull requests stop)' : undefined),
  (m, p, f) => {
    const renamed = /^repos\/[^/]+\/[^/]+$/.test(p) ? f.get('name') : /^projects\/[^/]+$/.test(p) ? f.get('path') : undefined;
    return /^(PATCH|PUT)$/.test(m) && renamed !== undefined ? `a rename of the repository to ${renamed} (every clone, remote and link to the old name breaks)` : undefined;
  },
  // Environments and workflows: the reviewers of a production deploy, what a workflow's token may do.
  (m, p, f) => {
    if (!/^(PUT|POST|PATCH)$/.test(m) || !/^repos\/[^/]+\/[^/]+\/environments\/[^/]+$/.test(p)) return undefined;
    const lost = [
      ...(f.has('wait_timer') && /^0$/.test(f.get('wait_timer')!) ? ['its wait timer'] : []),
      ...(f.has('reviewers') && EMPTY.test(f.get('reviewers')!) ? ['its required reviewers'] : []),
      ...(f.has('deployment_branch_policy') && EMPTY.test(f.get('deployment_branch_policy')!) ? ['its branch policy'] : []),
      ...(FALSE.test(f.get('prevent_self_review') ?? '') ? ['its rule against self-review'] : []),
    ];
    const name = p.split('/').pop();
    return lost.length > 0 ? `a rewrite of environment ${name} that removes ${lost.join(', ')} (deploys to it no longer wait for approval)` : m === 'PUT' ? `a rewrite of the protection rules of environment ${name} (rules the request leaves out are removed)` : undefined;
  },
  (m, p, f) => (/^(PUT|PATCH)$/.test(m) && /^(repos\/[^/]+\/[^/]+|orgs\/[^/]+)\/actions\/permissions\/workflow$/.test(p) && (f.get('default_workflow_permissions') === 'write' || TRUE.test(f.get('can_approve_pull_request_reviews') ?? '')) ? 'workflow permissions that give every workflow a write token or let it approve pull requests (a workflow can merge its own change past review)' : undefined),
  (m, p) => (m === 'PUT' && /^(repos\/[^/]+\/[^/]+|orgs\/[^/]+)\/(actions|dependabot|codespaces)\/secrets\/[^/]+$/.test(p) ? `a new value for the secret ${p.split('/').pop()} (whatever used the old value breaks, and workflows now use the one given)` : undefined),
  (m, p) => (m === 'PUT' && /^projects\/[^/]+\/variables\/[^/]+$/.test(p) ? `a new value for the CI variable ${p.split('/').pop()} (pipelines now use the one given)` : undefined),
  // History: a branch moved by force, a merge outside any pull request.
  (m, p, f) => (/^(PATCH|POST)$/.test(m) && /^repos\/[^/]+\/[^/]+\/git\/refs\/.+$/.test(p) && TRUE.test(f.get('force') ?? '') ? `a forced move of ${p.replace(/^repos\/[^/]+\/[^/]+\/git\//, '')} (the commits it pointed to are dropped from the branch)` : undefined),
  (m, p, f) => (m === 'POST' && /^repos\/[^/]+\/[^/]+\/merges$/.test(p) ? `a merge into ${f.get('base') ?? 'a branch'} made outside any pull request (no review or required check runs)` : undefined),
  (m, p) => (/^(PUT|POST)$/.test(m) && /^(repos\/[^/]+\/[^/]+\/pulls\/\d+\/merge|projects\/[^/]+\/merge_requests\/\d+\/merge)$/.test(p) ? 'a merge of the pull request through the API' : undefined),
  // Round 7 re-attack: protection rewritten or lifted, files committed straight to a branch, scanning switched off, CI started remotely.
  (m, p, f) => {
    if (m !== 'PUT' || !/^repos\/[^/]+\/[^/]+\/branches\/.+\/protection$/.test(p)) return undefined;
    const lost = ['required_status_checks', 'enforce_admins', 'required_pull_request_reviews', 'restrictions'].filter((k) => f.has(k) && /^(null|false)$/.test(f.get(k)!));
    return `a rewrite of the protection of branch ${p.split('/').slice(4, -1).join('/')} (a safety net is removed — ${lost.length > 0 ? `it sets ${lost.join(', ')} to nothing` : 'what the request leaves out is no longer required'}: pushes no longer wait for review or checks)`;
  },
  (m, p, f) => (/^(PUT|PATCH|POST)$/.test(m) && /^projects\/[^/]+\/protected_branches(\/[^/]+)?$/.test(p) && (TRUE.test(f.get('allow_force_push') ?? '') || FALSE.test(f.get('code_owner_approval_required') ?? '')) ? `protected branch settings that allow force pushes (a safety net is removed — history on ${decodeURIComponent(p.split('/')[3] ?? 'the branch')} can be rewritten)` : undefined),
  (m, p, f) => (/^(PUT|POST|PATCH)$/.test(m) && /^repos\/[^/]+\/[^/]+\/rulesets\/[^/]+$/.test(p) && /^disabled$/i.test(f.get('enforcement') ?? '') ? 'a ruleset switched off (a safety net is removed — the branches it protected take any push)' : undefined),
  (m, p) => (m === 'PUT' && /^repos\/[^/]+\/[^/]+\/contents\/.+$/.test(p) ? `a commit of ${p.split('/').slice(4).join('/')} written straight to a branch (no pull request, no review, no required check)` : undefined),
  // Round 8 (issue #18): the default branch moved, an organization's guard on public repositories lifted, a branch unprotected, a Bitbucket branch restriction rewritten.
  (m, p, f) => (/^(PATCH|PUT)$/.test(m) && /^(repos\/[^/]+\/[^/]+|projects\/[^/]+|repositories\/[^/]+\/[^/]+)$/.test(p) && (f.has('default_branch') || f.has('mainbranch')) ? `a change of the default branch to ${f.get('default_branch') ?? f.get('mainbranch')} (pull requests, CI triggers and new clones follow it)` : undefined),
  (m, p, f) => {
    if (!/^(PATCH|PUT)$/.test(m) || !/^orgs\/[^/]+$/.test(p)) return undefined;
    const opened = [...f.entries()].filter(([k, v]) => (/^members_can_(create_public_repositories|create_repositories|fork_private_repositories|change_repo_visibility|delete_repositories|invite_outside_collaborators)$/.test(k) && TRUE.test(v)) || (/^default_repository_permission$/.test(k) && /^(write|admin)$/i.test(v)) || (/^two_factor_requirement_enabled$/.test(k) && FALSE.test(v)));
    return opened.length > 0 ? `organization settings that lift a guard (${opened.map(([k, v]) => `${k}=${v}`).join(', ')}): a safety net is removed for every repository of ${p.split('/')[1]}` : undefined;
  },
  (m, p) => (/^(PUT|POST)$/.test(m) && /^projects\/[^/]+\/repository\/branches\/.+\/unprotect$/.test(p) ? `an unprotect of branch ${decodeURIComponent(p.split('/').slice(4, -1).join('/'))} (a safety net is removed — anyone with push access can force-push or delete it)` : undefined),
  (m, p) => (/^(PUT|POST|DELETE)$/.test(m) && /^repositories\/[^/]+\/[^/]+\/branch-restrictions(\/[^/]+)?$/.test(p) ? 'a rewrite of a branch restriction (a safety net is removed or changed — who may push, merge or force-push to the branch)' : undefined),
  (m, p) => (/^(POST|PUT)$/.test(m) && /^projects\/[^/]+\/repository\/(files\/.+|commits)$/.test(p) ? 'a commit written straight to a branch (no merge request, no review, no pipeline gate)' : undefined),
  (m, p, f) => (/^(PATCH|PUT)$/.test(m) && /^repos\/[^/]+\/[^/]+\/code-scanning\/default-setup$/.test(p) && /^not-configured$/i.test(f.get('state') ?? '') ? 'code scanning switched off (a safety net is removed — new vulnerabilities are no longer reported)' : undefined),
  (m, p, f) => (/^(PATCH|PUT)$/.test(m) && /^repos\/[^/]+\/[^/]+$/.test(p) && [...f.entries()].some(([k, v]) => /^status$/.test(k) && /^disabled$/i.test(v)) ? 'security features switched off (a safety net is removed — secret scanning or push protection stops)' : undefined),
  (m, p, f) => (m === 'POST' && /^repos\/[^/]+\/[^/]+\/(dispatches|actions\/workflows\/[^/]+\/dispatches)$/.test(p) && DEPLOYING.test(`${f.get('event_type') ?? ''} ${workflowOf(p)} ${f.get('ref') ?? ''}`) ? `a CI run started remotely (${f.get('event_type') ?? workflowOf(p)}), with the repository secrets: a workflow that deploys acts on the live service` : undefined),
  (m, p) => (m === 'POST' && /^projects\/[^/]+\/(pipeline|trigger\/pipeline|jobs\/\d+\/play)$/.test(p) ? 'a pipeline or manual job started remotely, with the project secrets (its deploy jobs act on the live service)' : undefined),
  // Stop 33 (red team round 17): a release published through the API, as `gh release create -R` (releaseWorkflows.ts): its tag is created, and that repository's release workflows are not read here. A draft publishes nothing.
  // Stop 33 (red team round 18): a draft release made public (`draft=false` on an existing release) publishes it as the POST does.
  (m, p, f) => (/^(PATCH|POST)$/.test(m) && /^repos\/[^/]+\/[^/]+\/releases\/\d+$/.test(p) && FALSE.test(f.get('draft') ?? '') ? `a draft release made public in ${p.split('/').slice(1, 3).join('/')} (its tag is created, and a workflow that runs on published releases deploys or publishes with the repository secrets)` : undefined),
  (m, p, f) => (m === 'POST' && /^(repos\/[^/]+\/[^/]+|projects\/[^/]+)\/releases$/.test(p) && !TRUE.test(f.get('draft') ?? '') ? `a release ${f.get('tag_name') ?? ''} published in ${p.split('/').slice(1, p.startsWith('repos/') ? 3 : 2).join('/')} (its tag is created, and a workflow that runs on releases or tags publishes or deploys with the repository secrets; that repository's workflows cannot be read here)`.replace('release  ', 'release ') : undefined),
];

/** The workflow file or id of `repos/O/R/actions/workflows/W/dispatches` (round 18: the file name is the sixth segment). */
const workflowOf = (p: string): string => /^repos\/[^/]+\/[^/]+\/actions\/workflows\/([^/]+)\/dispatches$/.exec(p)?.[1] ?? '';

/** A workflow or event whose name says it deploys, releases or changes infrastructure. */
const DEPLOYING = /deploy|release|publish|prod|destroy|teardown|migrat|rollback|terraform|apply|infra|provision/i;

/** What a forge API request does to access or protection, or undefined. */
export function forgeChange(request: ForgeRequest): string | undefined {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return undefined;
  const path = apiPath(request.path);
  const fields = fieldsOf(request.texts);
  for (const rule of RULES) {
    const found = rule(method, path, fields);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A DELETE of the caller's own preference on a forge, undone by the PUT that set it: a star
 * (`/user/starred/OWNER/REPO`), a follow (`/user/following/USER`), a watch (`/repos/OWNER/REPO/subscription`)
 * or a notification thread's subscription (`/notifications/threads/ID/subscription`). Nothing of the
 * repository, its issues or anyone else's data goes.
 */
const OWN_PREFERENCE = /^(\/api\/v[13])?\/?(user\/starred\/[\w.-]+\/[\w.-]+|user\/following\/[\w.-]+|repos\/[\w.-]+\/[\w.-]+\/subscription|notifications\/threads\/\d+\/subscription)\/?$/;

export function forgeOwnPreferenceDelete(method: string, host: string, path: string): boolean {
  // A `.` or `..` segment would climb out of the named preference to another resource.
  return method === 'DELETE' && isForgeHost(host, path) && OWN_PREFERENCE.test(path) && !/(^|\/)\.+(\/|$)/.test(path);
}
