/**
 * Whether the analysis under way is of a payload that runs later (a hook, a script, a schedule:
 * `payload.ts` counts them while it judges one). What the machine holds now says nothing of what a
 * later run finds, so facts of the present (a folder not there yet, a tree clean now) must not
 * excuse a command judged for later (`rules/support/recoverableRemovals.ts`).
 */
let judging = 0;

export function enterLaterRun(): void {
  judging++;
}

export function leaveLaterRun(): void {
  judging = Math.max(0, judging - 1);
}

export function judgingLaterRun(): boolean {
  return judging > 0;
}
