import type { Preview } from '../../core/preview/model';
import type { PendingAsk } from '../../node/confirm/confirmQueue';

const PREVIEW_BUDGET_MS = 6_000;

/** The read-only preview for an ask, bounded in time; past the budget it says so instead of waiting. */
export async function previewFor(ask: PendingAsk, userHome: string): Promise<Preview> {
  const [{ planPreview }, { computePreview }] = await Promise.all([import('../../core/preview/plan'), import('../../node/preview/computePreview')]);
  const tasks = planPreview({ action: ask.request.action, verdict: ask.request.verdict, home: userHome });
  const slow = new Promise<Preview>((resolve) => {
    const t = setTimeout(
      () => resolve({ sections: [{ kind: 'unavailable', title: 'Preview', reason: `The preview took longer than ${PREVIEW_BUDGET_MS / 1000} s and was abandoned.` }] }),
      PREVIEW_BUDGET_MS,
    );
    t.unref();
  });
  return Promise.race([computePreview(tasks, { home: userHome }), slow]);
}
