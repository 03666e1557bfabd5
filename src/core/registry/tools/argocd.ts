import { flagValues, hasFlag } from '../args';
import type { CliArgs, ToolSpec } from '../types';
import { flag, valued } from './options';
import { environmentOfName } from '../../policy/production';
import { parseCommand } from '../../shell/grammar';

/**
 * Argo CD: `argocd [global flags] app <command> NAME [flags]`, flags anywhere (cobra). A sync, a
 * rollback or a sync policy changed makes the cluster match something else at once: `--prune` and an
 * automated policy with `prune` delete what Git no longer lists, `--revision` deploys another commit,
 * `rollback` an older one. Nothing names the environment but the server and the app, so an app nobody
 * names as non-production is production.
 */

const patchText = (p: CliArgs): string => flagValues(p, ['--patch']).join('\n');

/** A sync policy that prunes on its own (`--auto-prune`, `"prune": true`, `allowEmpty`): what Git no longer lists is deleted unasked. */
function automates(p: CliArgs): boolean {
  return hasFlag(p, ['--auto-prune', '--allow-empty']) || /"?(prune|allowEmpty)"?\s*:\s*true/.test(patchText(p));
}

/** The automated sync policy taken away: `"syncPolicy": null`, `"automated": null`, `"selfHeal": false`, `--sync-policy none|manual`, `unset --self-heal`. */
function syncOff(p: CliArgs): boolean {
  if (hasFlag(p, ['--dry-run'])) return false;
  const policy = flagValues(p, ['--sync-policy'])[0];
  if (policy !== undefined && /^(none|manual)$/i.test(policy)) return true;
  return /"?(syncPolicy|automated)"?\s*:\s*null|"?selfHeal"?\s*:\s*false/.test(patchText(p)) || (p.parsed.path[1] === 'unset' && hasFlag(p, ['--self-heal']));
}

export const argocd: ToolSpec = {
  names: ['argocd'],
  family: 'cloud',
  locality: 'remote',
  provider: 'argocd',
  label: 'Argo CD',
  help: { options: ['-h', '--help'] },
  options: [
    valued('--server'), valued('--auth-token'), valued('--config'), valued('--context'), valued('--grpc-web-root-path'), valued('--header', '-H'),
    valued('--kube-context'), valued('--port-forward-namespace'), valued('--loglevel'), valued('-o', '--output'), valued('--revision'),
    valued('--patch'), valued('--type'), valued('--sync-policy'), valued('--repo'), valued('--path'), valued('--resource'), valued('--label', '-l'), valued('--project', '-p'),
    valued('--dest-server'), valued('--dest-namespace'), valued('--timeout'), valued('--app-namespace', '-N'), valued('--selector'), valued('--local'),
    flag('--plaintext'), flag('--insecure'), flag('--grpc-web'), flag('--core'), flag('--port-forward'), flag('--prune'), flag('--force'),
    flag('--replace'), flag('--dry-run'), flag('--preview-changes'), flag('--auto-prune'), flag('--self-heal'), flag('--allow-empty'),
    flag('--async'), flag('--apply-out-of-sync-only'), flag('--server-side'), flag('-y', '--yes'), flag('--cascade'),
  ],
  commands: {
    'app|apps|application|applications': {
      commands: {
        'list|get|diff|history|manifests|logs|resources|wait|man': { effect: 'read' },
        'sync|rollback|patch|unset|actions|terminate-op|edit': { effect: 'mutate' },
        // `-p` is `--parameter` here (a helm or kustomize parameter), not the global `--project`.
        'set|create': { effect: 'mutate', options: [valued('-p', '--parameter'), valued('--helm-set'), valued('--helm-set-string'), valued('--helm-set-file'), valued('--values'), valued('--values-literal-file'), valued('--project')] },
      },
    },
  },
  environmentFlags: ['--server', '--context', '--dest-server', '--dest-namespace'],
  environmentVariables: ['ARGOCD_SERVER'],
  scopeKind: 'app',
  // The application's name says its environment for read-only work too (`argocd app diff payments-prod`).
  contextHints: (inv) => { const words = parseCommand(inv.args, argocd); const app = words.path[0] !== undefined && words.path[0].startsWith('app') ? words.operands[0]?.text : undefined; return app !== undefined ? [{ source: 'application', value: app }] : []; },
  rules: [
    // A plain sync applies what Git (reviewed there) holds; these options apply something else or delete.
    { id: 'argocd-sync', path: ['app|apps|application|applications', 'sync'], kind: 'app', noun: 'application', verb: 'syncs to the cluster', namePositionals: 'first', when: (p) => !hasFlag(p, ['--dry-run', '--preview-changes']) && (hasFlag(p, ['--prune', '--force', '--replace']) || flagValues(p, ['--revision', '--local']).length > 0), note: (p) => `${hasFlag(p, ['--prune']) ? ', deleting what Git no longer lists (--prune)' : ''}${flagValues(p, ['--revision']).length > 0 ? `, at revision ${flagValues(p, ['--revision'])[0]}` : ''}${hasFlag(p, ['--force', '--replace']) ? ', deleting and recreating resources' : ''}${flagValues(p, ['--local']).length > 0 ? `, from the local files ${flagValues(p, ['--local'])[0]} that Git never reviewed` : ''}: what runs there changes at once` },
    // Stop 33 (red team round 18): a plain sync deploys what Git holds now, and Git's last commit may not have run anywhere yet: an app whose name says production asks.
    // A plain sync of an app nobody named (`argocd app sync api`) stays allowed (round 7's decision: it applies what Git, reviewed there, holds), as does `api-staging`.
    { id: 'argocd-sync-production', path: ['app|apps|application|applications', 'sync'], kind: 'app', noun: 'application', verb: 'deploys what Git holds now to', namePositionals: 'first', when: (p) => !hasFlag(p, ['--dry-run', '--preview-changes']) && p.positionals.slice(2).some((w) => environmentOfName(w.text) === 'production'), note: () => ': what runs there changes at once' },
    { id: 'argocd-rollback', path: ['app|apps|application|applications', 'rollback'], kind: 'app', noun: 'application', verb: 'rolls back', namePositionals: 'first', note: () => ': an older release replaces what runs, and automated sync is switched off' },
    { id: 'argocd-sync-policy', path: ['app|apps|application|applications', 'patch|set|edit'], kind: 'app', noun: 'application', verb: 'changes the sync policy of', namePositionals: 'first', when: automates, note: () => ': from then on what Git no longer lists is deleted on its own' },
    // Round 8: the automated sync policy removed or its self-heal switched off (`"syncPolicy": null`, `--sync-policy none`, `--self-heal=false`): the cluster drifts from Git unnoticed.
    { id: 'argocd-sync-policy-off', path: ['app|apps|application|applications', 'patch|set|unset'], kind: 'app', noun: 'application', verb: 'switches off the automated sync of', namePositionals: 'first', when: syncOff, note: () => ': from then on the cluster drifts from Git (manual changes stay, what Git fixes never arrives) unnoticed' },
    // Round 8 (issue #18): the app pointed at another revision, repository or path (deployed at its next sync, unreviewed).
    { id: 'argocd-set-revision', path: ['app|apps|application|applications', 'set'], kind: 'app', noun: 'application', verb: 'repoints', namePositionals: 'first', when: (p) => flagValues(p, ['--revision', '--repo', '--path']).length > 0, note: (p) => ` (now ${flagValues(p, ['--revision', '--repo', '--path']).join(', ')}): whatever is there is deployed at the next sync, unreviewed` },
    { id: 'argocd-terminate', path: ['app|apps|application|applications', 'terminate-op'], kind: 'app', noun: 'application', verb: 'stops the running sync of', namePositionals: 'first', note: () => ': the cluster is left half-synced' },
  ],
  generic: { id: 'argocd-delete', verbs: /^(delete|rm|delete-resource|remove)$/, maxDepth: 3, exclude: ['login', 'logout', 'context', 'relogin'] },
};
