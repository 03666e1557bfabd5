import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';

/**
 * GitHub's own safety net and who holds the keys, through the GitHub CLI: handing a repository to
 * another owner, granting a collaborator or team access, sending every push to a webhook URL,
 * rewriting branch protection or rulesets, turning on force pushes or making a repository public,
 * and merging past the protection with `--admin`. Each asks; the repository is remote, so an
 * unknown one is production. Deleting branch protection outright is the safety-net pack's.
 */

function argsOf(inv: Invocation): ToolArgs | undefined {
  const spec = toolNamed(inv.name);
  return spec ? toolArgs(inv.name, parsedArgs(inv.args, spec), spec) : undefined;
}

function repository(name: string, ctx: RuleContext): Target {
  const env = ctx.environmentOf({ values: [name], remote: true });
  return { kind: 'repository', name, provider: 'github', remote: true, environment: env.environment, environmentReason: env.reason };
}

function ask(rule: string, reason: string, repo: string, ctx: RuleContext): Finding[] {
  return [{ rule: `github-admin.${rule}`, risk: 'destructive', severity: 'ask', reason, targets: [repository(repo, ctx)] }];
}

/** `repos/OWNER/NAME/...` (any leading slash or API host removed) -> OWNER/NAME. */
function repoOf(endpoint: string): string | undefined {
  const m = /(?:^|\/)repos\/([^/\s?]+\/[^/\s?]+)/.exec(endpoint);
  return m?.[1];
}

/** The request's fields as key -> value (`-f key=value`, `-F key=value`). */
function fields(a: ToolArgs): Map<string, string> {
  const out = new Map<string, string>();
  for (const field of a.values('-f', '--raw-field', '-F', '--field')) {
    const at = field.indexOf('=');
    if (at > 0) out.set(field.slice(0, at), field.slice(at + 1));
  }
  return out;
}

/** What a `gh api` request changes about access or protection, if anything. */
function apiChange(a: ToolArgs): { rule: string; does: string; repo: string } | undefined {
  const endpoint = a.parsed.operands[0]?.text;
  if (endpoint === undefined) return undefined;
  const given = fields(a);
  const method = (a.value('-X', '--method') ?? (given.size > 0 || a.has('--input') ? 'POST' : 'GET')).toUpperCase();
  if (method === 'GET' || method === 'HEAD') return undefined;
  const repo = repoOf(endpoint) ?? endpoint.replace(/^\/+/, '');
  const path = endpoint.replace(/[?#].*$/, '');
  if (/\/collaborators\/[^/]+$/.test(path) && method === 'PUT') return { rule: 'collaborator-added', does: `gives ${path.split('/').pop()} ${given.get('permission') ?? 'push'} access to`, repo };
  if (/\/(teams\/[^/]+\/repos\/|memberships\/)/.test(path) && method === 'PUT') return { rule: 'access-granted', does: `grants ${given.get('permission') ?? given.get('role') ?? ''} access (${path})`.replace('  ', ' ') + ' on', repo };
  if (/\/hooks(\/\d+)?(\/config)?$/.test(path) && method !== 'DELETE') return { rule: 'webhook', does: `sends events${given.get('config[url]') ? ` to ${given.get('config[url]')}` : ''} with a webhook from`, repo };
  if (/\/branches\/[^/]+\/protection\b|\/rulesets(\/\d+)?$/.test(path) && method !== 'DELETE') return { rule: 'protection-changed', does: `rewrites branch protection (${path.replace(/^\/+/, '')}) of`, repo };
  if (path.endsWith('/transfer')) return { rule: 'transfer', does: 'transfers to another owner', repo };
  if (/^\/?repos\/[^/]+\/[^/]+$/.test(path) && method === 'PATCH') {
    const loosened = [...given].filter(([k, v]) => (/^allow_force_pushes$|^allow_deletions$/.test(k) && v === 'true') || (k === 'private' && v === 'false') || (k === 'visibility' && v === 'public'));
    if (loosened.length > 0) return { rule: 'settings-loosened', does: `sets ${loosened.map(([k, v]) => `${k}=${v}`).join(', ')} on`, repo };
  }
  return undefined;
}

/** `gh repo edit` switches that keep secrets and vulnerable code out, and what turning each off loses. */
const SECURITY_SWITCHES: readonly (readonly [string, string])[] = [
  ['--enable-secret-scanning', 'secrets pushed to it are no longer found'],
  ['--enable-secret-scanning-push-protection', 'pushes carrying a secret are no longer blocked'],
  ['--enable-advanced-security', 'code scanning and secret scanning stop'],
];

function gh(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-h', '--help')) return [];
  const [group, verb] = a.parsed.path;
  const repo = a.value('-R', '--repo') ?? a.parsed.operands[0]?.text ?? 'the current repository';
  if (group === 'repo' && verb === 'transfer') {
    return ask('transfer', `Transfers the repository ${repo} to ${a.parsed.operands[1]?.text ?? 'another owner'}: its new owner decides who keeps access.`, repo, ctx);
  }
  if (group === 'repo' && verb === 'edit' && a.value('--visibility') === 'public') {
    return ask('made-public', `Makes the repository ${repo} public: its code and history are readable by anyone.`, repo, ctx);
  }
  if (group === 'repo' && verb === 'edit') {
    const off = SECURITY_SWITCHES.find(([option]) => /^(false|0|no)$/i.test(a.value(option) ?? ''));
    if (off) return ask('security-off', `Turns ${off[0].replace(/^--(enable-)?/, '')} off on ${repo === 'the current repository' ? repo : `the repository ${repo}`}: a safety net is removed — ${off[1]}.`, repo, ctx);
  }
  if (group === 'repo' && verb === 'fork' && a.value('--org') !== undefined) {
    const source = a.parsed.operands[0]?.text ?? 'the current repository';
    return ask('fork-elsewhere', `Forks the repository ${source} into the organization ${a.value('--org')}: a copy of its code and history outside its owner's control.`, source, ctx);
  }
  if (group === 'pr' && verb === 'merge' && a.has('--admin')) {
    return ask('admin-merge', 'Merges the pull request with --admin, past the branch protection\'s required reviews and checks.', a.value('-R', '--repo') ?? 'the current repository', ctx);
  }
  if (group === 'api') {
    const change = apiChange(a);
    if (change) return ask(change.rule, `${change.does[0]!.toUpperCase()}${change.does.slice(1)} the repository ${change.repo} (gh api).`, change.repo, ctx);
  }
  return [];
}

export const githubAdminPack: RulePack = {
  id: 'github-admin',
  title: 'GitHub access and protection: transfers, collaborators, webhooks, branch protection, admin merges, going public',
  checkInvocation(inv, ctx) {
    return inv.name === 'gh' ? gh(inv, ctx) : [];
  },
  reactsTo: (name) => name === 'gh',
};
