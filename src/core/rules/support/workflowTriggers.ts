import type { Finding } from '../../policy/types';
import type { ValueEntry } from './releaseValues';

/**
 * A workflow switched to `pull_request_target` (stop 34, red team round 18): an existing GitHub/Gitea/Forgejo
 * workflow that did not run on that event is edited so it does (`sed -i 's/on: \[push\]/on: [pull_request_target]/'`,
 * `yq -i '.on = "pull_request_target"'`, the file rewritten). Its steps, written for pushes and ordinary
 * pull requests, then run for anyone's fork with the repository's secrets and a token that can push. Asked.
 * Stays allowed: an edit that adds `pull_request` or `workflow_dispatch`, a workflow that already ran on
 * `pull_request_target`, and a new workflow file (judged by what it checks out: writtenProtection.ts).
 */

const WORKFLOW = /\/\.(github|gitea|forgejo)\/workflows\/[^/]+\.ya?ml$/i;
const TARGET = /\bpull_request_target\b/;

function finding(path: string, writer: string): Finding {
  const shown = path.split('/').slice(-3).join('/');
  return {
    rule: 'written-protection.workflow-trigger',
    risk: 'protection-removal',
    severity: 'ask',
    reason: `\`${writer}\` makes ${shown} run on pull_request_target: its steps, written for pushes and ordinary pull requests, then run for pull requests from anyone's fork with the repository's secrets and a token that can push to it.`,
    targets: [{ kind: 'repository', name: shown, remote: true, environment: 'production', environmentReason: "in CI, with the repository's secrets and write token" }],
  };
}

/** A workflow's new text (`text`) against what it held before (`before`, undefined for a new file). */
export function workflowTriggerWrite(path: string, text: string | undefined, before: string | undefined, writer: string): Finding[] {
  if (text === undefined || before === undefined || !WORKFLOW.test(path) || TARGET.test(before) || !TARGET.test(text)) return [];
  return [finding(path, writer)];
}

/** `yq -i '.on = "pull_request_target"'`, `.on.pull_request_target = {}`: the entries an in-place yq edit sets. */
export function workflowTriggerEntries(path: string, entries: readonly ValueEntry[], before: string | undefined, writer: string): Finding[] {
  if (before === undefined || !WORKFLOW.test(path) || TARGET.test(before)) return [];
  const sets = entries.some((e) => (e.path[0] === 'on' || e.path[0] === 'true') && (e.path.some((k) => TARGET.test(k)) || TARGET.test(e.value ?? '')));
  return sets ? [finding(path, writer)] : [];
}
