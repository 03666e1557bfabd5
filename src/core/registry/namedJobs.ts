import { identifierParts } from '../rules/support/cliArgs';

/**
 * A job started by name on a platform (a Lambda function, a state machine, a CI workflow, a
 * serverless function run from the CLI) whose name says it destroys: `prod-purge-all`,
 * `TeardownProd`, `internal:wipeAll`, `teardown.yml`. The guard cannot read the job's code, but its
 * author named what it does (issue #18, round 7). Returns the destroying word, if any.
 */
const DESTROYING = new Set(['wipe', 'purge', 'teardown', 'destroy', 'delete', 'drop', 'truncate', 'nuke', 'erase', 'obliterate', 'decommission', 'deprovision', 'terminate', 'wipeout', 'shred', 'reset', 'flush', 'deleteall', 'dropall', 'purgeall']);

export function destroyingJobName(name: string): string | undefined {
  // A path or an ARN names the job at its end (`arn:…:stateMachine:TeardownProd`, `.github/workflows/teardown.yml`).
  const last = name.split(/[/:]/).filter((p) => p !== '').pop() ?? name;
  const parts = identifierParts(last.replace(/\.(ya?ml|json|js|ts|py)$/i, ''));
  // A cache, temporary files or a preview: routine clean-ups.
  if (parts.some((p) => /^(cache|caches|cdn|tmp|temp|preview|previews|stale)$/.test(p))) return undefined;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (DESTROYING.has(part)) return part;
    if (part === 'tear' && parts[i + 1] === 'down') return 'tear down';
  }
  return undefined;
}
