import { effectsOf, type PathEffect } from '../../policy/effects';
import type { Analysis, ArgWord, Invocation, Redirect } from '../../policy/types';

/**
 * Facts about an analysed line that several packs ask for, worked out once and shared, so a pack that
 * only needs "does a word the line computes reach a path" does not re-scan every invocation's effects,
 * redirects and arguments, and the packs asking it first skip the costly part (the line's mentions of
 * protected or credential places) on the many lines that compute no path.
 */

/** The words of one invocation the analysis left computed (`$f`, `${x:-…}`, `$(…)`), where they go. */
export interface ComputedWords {
  /** Redirects whose target is computed, in order. */
  redirects: readonly Redirect[];
  /** Effects (policy/effects.ts) on a computed word, in order. */
  effects: readonly PathEffect[];
  /** `curl -F f=@"$p"`, `-d @$p`: a computed argument read as a file. */
  fileArgs: readonly ArgWord[];
  /** None of the above. */
  none: boolean;
}

const FILE_ARGUMENT = /^(?:[\w.-]*=)?@/;

/** The computed words of `inv` (its effects come from `effectsOf`, memoised per invocation). */
export function computedWordsOf(inv: Invocation): ComputedWords {
  if (!computesPaths(inv)) return NONE;
  const redirects = inv.redirects.filter((r) => r.target.dynamic);
  const effects = effectsOf(inv).filter((e) => e.word.dynamic);
  const fileArgs = inv.args.filter((a) => a.dynamic && FILE_ARGUMENT.test(a.text));
  return { redirects, effects, fileArgs, none: false };
}

const NONE: ComputedWords = Object.freeze({ redirects: [], effects: [], fileArgs: [], none: true });

/** Does `inv` give a computed word to a redirect, an effect or a file argument? (No allocation: most invocations have none.) */
function computesPaths(inv: Invocation): boolean {
  for (const r of inv.redirects) if (r.target.dynamic) return true;
  for (const e of effectsOf(inv)) if (e.word.dynamic) return true;
  for (const a of inv.args) if (a.dynamic && FILE_ARGUMENT.test(a.text)) return true;
  return false;
}

/**
 * The last analysis asked about and its facts. Packs judge one analysis at a time (a nested one, a
 * deferred payload's, only replaces it for a while): one entry, compared by identity, costs less than
 * a WeakMap entry per analysis.
 */
let last: { analysis: Analysis; computesPaths: boolean } | undefined;

/**
 * Does any invocation run on this machine give a computed word to a path (a redirect, an effect, a
 * file argument)? The gate of the line-wide "a computed path may be the place the line names" rules
 * (perimeter/unresolvedPaths.ts, support/unresolvedCredentialReads.ts): without one, neither has
 * anything to ask about, and the line's mentions need not be searched.
 */
export function lineComputesPaths(analysis: Analysis): boolean {
  if (last?.analysis !== analysis) last = { analysis, computesPaths: analysis.invocations.some((inv) => !inv.remote && computesPaths(inv)) };
  return last.computesPaths;
}
