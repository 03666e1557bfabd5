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

/**
 * The job a run verb starts by name (`convex run internal:wipeAll`, `trigger invoke purge-users`), with the verb. Round 27:
 * an option's possible value before the verb (`celery -A app call tasks.purge_all`, `rq enqueue …`) is not the verb.
 */
export function startedJob(reading: { positionals: readonly { text: string; index: number }[]; maybeValues: ReadonlySet<number> }, runs: RegExp): { verb: string; name: string } | undefined {
  const plain = runs.test(reading.positionals[0]?.text ?? '') ? reading.positionals : reading.positionals.filter((w) => !reading.maybeValues.has(w.index));
  const [verb, job] = plain;
  return verb !== undefined && job !== undefined && runs.test(verb.text) ? { verb: verb.text, name: job.text } : undefined;
}
