import type { Preview } from '../../core/preview/model';
import { loadDeferred } from '../loadDeferred';
import type { PendingAsk } from '../../node/confirm/confirmQueue';

const PREVIEW_BUDGET_MS = 6_000;

/** The read-only preview for an ask, bounded in time; past the budget it says so instead of waiting. */
export async function previewFor(ask: PendingAsk, userHome: string, workspaceRoots: readonly string[]): Promise<Preview> {
  const { planPreview, computePreview, analyze, gatherFacts } = loadDeferred();
  const action = ask.request.action;
  let invocations;
  if (action.kind === 'shell') {
    try {
      invocations = analyze(action.command, gatherFacts({ cwd: action.cwd, workspaceRoots: workspaceRoots, env: process.env, home: userHome })).invocations;
    } catch {
      invocations = undefined; // the planner splits the command line itself
    }
  }
  const tasks = planPreview({ action, verdict: ask.request.verdict, home: userHome, invocations });
  const slow = new Promise<Preview>((resolve) => {
    const t = setTimeout(
      () => resolve({ sections: [{ kind: 'unavailable', title: 'Preview', reason: `The preview took longer than ${PREVIEW_BUDGET_MS / 1000} s and was abandoned.` }] }),
      PREVIEW_BUDGET_MS,
    );
    t.unref();
  });
  return Promise.race([computePreview(tasks, { home: userHome }), slow]);
}
