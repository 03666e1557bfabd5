import { flagValues, hasFlag } from '../args';
import { isRecord } from './linkedProjects';
import type { CliArgs, ToolSpec } from '../types';
import { valued } from './options';

/** Netlify: subcommands then flags, flags anywhere. */

function netlifyApiName(p: CliArgs): string[] {
  const data = flagValues(p, ['--data', '-d'])[0];
  if (data) {
    try {
      const parsed = JSON.parse(data) as unknown;
      if (isRecord(parsed)) {
        for (const [k, v] of Object.entries(parsed)) if (/(^|_)id$/.test(k) && typeof v === 'string') return [v];
      }
    } catch {
      // A body that is not JSON names nothing; the operation name still says what is destroyed.
    }
  }
  return [];
}

export const netlify: ToolSpec = {
  names: ['netlify', 'ntl'],
  family: 'paas',
  locality: 'remote',
  provider: 'netlify',
  label: 'Netlify',
  options: ['--context', '--site', '--filter', '--auth', '--scope', '--data', '-d'].map((n) => valued(n)),
  colonCommands: true,
  environmentFlags: ['--context'],
  scopeFlags: ['--site', '--filter'],
  scopeKind: 'app',
  rules: [
    // `deploy --prod` replaces what the site's visitors get (a draft deploy, without it, does not).
    { id: 'netlify-deploy-prod', path: ['deploy'], kind: 'app', noun: 'site', verb: 'replaces the production deploy of', namePositionals: 'none', nameFlags: ['--site'], defaultName: 'the linked site', when: (p) => hasFlag(p, ['--prod', '-p', '--prod-if-unlocked']) },
    { id: 'netlify-sites-delete', path: ['sites', 'delete'], kind: 'app', noun: 'site', verb: 'deletes', namePositionals: 'first' },
    // `env:set KEY VALUE` replaces the value in every context unless `--context` names others than production.
    {
      id: 'netlify-env-set', path: ['env', 'set'], kind: 'credential', noun: 'environment variable', verb: 'overwrites', namePositionals: 'first',
      when: (p) => {
        const contexts = flagValues(p, ['--context']).flatMap((v) => v.split(/[\s,]+/)).filter((v) => v !== '');
        return contexts.length === 0 || contexts.some((c) => !/^(dev|deploy-preview|branch-deploy|branch:.+)$/.test(c));
      },
    },
    { id: 'netlify-env-unset', path: ['env', 'unset|delete|rm'], kind: 'credential', noun: 'environment variable', verb: 'unsets', namePositionals: 'first' },
    // Round 8 (issue #18): the live site rolled back to an older deploy, or its auto-publishing locked on one (Netlify API: restoreSiteDeploy, rollbackSiteDeploy, lockDeploy).
    { id: 'netlify-api-rollback', path: ['api', /^(restoreSiteDeploy|rollbackSiteDeploy|lockDeploy)$/], kind: 'app', noun: 'site', verb: 'rolls back or pins the live deploy of', names: netlifyApiName, defaultName: 'the site named in the request body', note: () => ': every visitor gets that deploy at once' },
    { id: 'netlify-rollback', path: ['rollback'], kind: 'app', noun: 'site', verb: 'rolls back the live deploy of', namePositionals: 'none', nameFlags: ['--site'], defaultName: 'the linked site', note: () => ': every visitor gets the previous deploy at once' },
    {
      id: 'netlify-api-delete', path: ['api', /^(delete|destroy|remove|purge)[A-Z_]/], kind: 'resource', noun: 'resource',
      verb: 'deletes', names: netlifyApiName, defaultName: 'the resource named in the request body',
    },
  ],
  generic: { id: 'netlify-delete', verbs: /^(delete|unset|remove|rm|destroy)$/, maxDepth: 2, exclude: ['unlink', 'logout'] },
};
