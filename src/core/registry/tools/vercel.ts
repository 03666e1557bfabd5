import type { ToolSpec } from '../types';
import { hasFlag } from '../args';
import { valued } from './options';
/** Vercel: subcommands then flags, flags anywhere. */

export const vercel: ToolSpec = {
  names: ['vercel', 'vc'],
  family: 'paas',
  locality: 'remote',
  provider: 'vercel',
  label: 'Vercel',
  options: ['--scope', '-S', '--token', '-t', '--cwd', '-A', '--local-config', '-Q', '--global-config', '--environment', '--target'].map((n) => valued(n)),
  environmentFlags: ['--environment', '--target'],
  scopeFlags: ['--scope', '-S'],
  scopeKind: 'project',
  rules: [
    { id: 'vercel-remove', path: ['remove|rm'], kind: 'project', noun: 'project or deployment', verb: 'removes' },
    { id: 'vercel-env-rm', path: ['env', 'rm|remove'], kind: 'credential', noun: 'environment variable', verb: 'removes', namePositionals: 'first', environmentPositional: 1 },
    { id: 'vercel-projects-rm', path: ['projects|project', 'rm|remove'], kind: 'project', noun: 'project', verb: 'removes' },
    // `vercel --prod` / `vercel deploy --prod` replaces what the production domain serves; `vercel alias set` re-points a domain.
    { id: 'vercel-deploy-prod', path: [], kind: 'project', noun: 'production deployment', verb: 'replaces', namePositionals: 'none', defaultName: 'the project\'s production deployment', when: (p) => hasFlag(p, ['--prod']) && (p.positionals.length === 0 || /^(deploy|redeploy|promote)$/.test(p.positionals[0]?.text ?? '')) },
    { id: 'vercel-alias-set', path: ['alias|aliases', 'set'], kind: 'resource', noun: 'domain', verb: 're-points', namePositionals: 'last', note: () => ' at another deployment: its visitors see that one' },
    // Round 8 (issue #18): production re-pointed at another deployment, and a production environment variable written.
    { id: 'vercel-rollback', path: ['rollback|promote'], kind: 'project', noun: 'production deployment', verb: 're-points', namePositionals: 'none', defaultName: 'the project\'s production domains', note: (p) => ` at ${p.positionals[1]?.text ?? 'the previous deployment'}: every visitor sees that build at once` },
    { id: 'vercel-env-add-production', path: ['env', 'add|update'], kind: 'credential', noun: 'environment variable', verb: 'writes', namePositionals: 'first', environmentPositional: 1, productionOnly: true, when: (p) => p.positionals[3] !== undefined, note: () => ' for the production deployments: the next build or request reads the new value, and the old one is not kept' },
    { id: 'vercel-domains-rm', path: ['domains|domain', 'rm|remove'], kind: 'resource', noun: 'domain', verb: 'removes' },
  ],
  generic: { id: 'vercel-remove-generic', verbs: /^(rm|remove|del|delete)$/, maxDepth: 1, exclude: ['link', 'logout'] },
};
