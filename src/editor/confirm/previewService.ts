import type { Facts, Invocation } from '../../core/policy/types';
import { sendsDataOut } from '../../core/preview/askKind';
import type { Preview } from '../../core/preview/model';
import { loadDeferred } from '../loadDeferred';
import type { PendingAsk } from '../../node/confirm/confirmQueue';

const PREVIEW_BUDGET_MS = 6_000;

/** The engine's own parse of an ask's command, made once per ask: the preview and the dialog's words read it. */
export interface AskCommandParse {
  /** Undefined when the action is not a shell command or the command could not be analysed. */
  invocations?: readonly Invocation[];
  facts?: Facts;
  /** The command hands data to a program that sends it elsewhere (curl, scp, nc ...). */
  sendsOut: boolean;
}

export function parseAskCommand(ask: PendingAsk, userHome: string, workspaceRoots: readonly string[]): AskCommandParse {
  const action = ask.request.action;
  if (action.kind !== 'shell') return { sendsOut: false };
  try {
    const { analyze, gatherFacts } = loadDeferred();
    const facts = gatherFacts({ cwd: action.cwd, workspaceRoots, env: process.env, home: userHome });
    const invocations = analyze(action.command, facts).invocations;
    return { invocations, facts, sendsOut: sendsDataOut(invocations) };
  } catch {
    // The preview then says the command could not be analysed; the planner never splits it itself.
    return { sendsOut: false };
  }
}

/** The read-only preview for an ask, bounded in time; past the budget it says so instead of waiting. */
export async function previewFor(ask: PendingAsk, analysis: AskCommandParse, userHome: string): Promise<Preview> {
  const { planPreview, computePreview } = loadDeferred();
  const tasks = planPreview({ action: ask.request.action, verdict: ask.request.verdict, home: userHome, invocations: analysis.invocations, facts: analysis.facts });
  const slow = new Promise<Preview>((resolve) => {
    const t = setTimeout(
      () => resolve({ sections: [{ kind: 'unavailable', title: 'Preview', reason: `The preview took longer than ${PREVIEW_BUDGET_MS / 1000} s and was abandoned.` }] }),
      PREVIEW_BUDGET_MS,
    );
    t.unref();
  });
  return Promise.race([computePreview(tasks, { home: userHome }), slow]);
}
