import type { Finding, Invocation, RulePack, RuleContext } from '../policy/types';
import { toolNamed, toolNamesOf } from '../registry/commandModel';
import { checkCli } from './support/cliCommands';

/**
 * Cloud CLIs: aws, gcloud, gsutil, az, azcopy, doctl (described in `src/core/registry/tools/`).
 * Deleting, terminating or purging a cloud resource asks; read-only commands whose profile/project
 * names production are marked production. `--region` is never an environment. Every target is remote
 * unless the CLI is pointed at a local emulator (--endpoint-url http://localhost:4566), which is
 * routine development and allowed.
 */

export const cloudPack: RulePack = {
  id: 'cloud',
  title: 'Cloud CLIs (aws, gcloud, gsutil, az, azcopy, doctl)',
  commands: toolNamesOf('cloud'),
  checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
    const spec = toolNamed(inv.name);
    return spec?.family === 'cloud' ? checkCli('cloud', spec, inv, ctx) : [];
  },
};
