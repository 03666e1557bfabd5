import type { Invocation } from './types';

/** Pipeline stages followed upstream at most, so a long pipeline stays one bounded source text. */
const MAX_STAGES = 8;

/**
 * What a pipeline stage prints, as substitution text for the compound it feeds: `ls -a | grep env |
 * while read f; do cat "$f"; done` gives `$f` the source `$(ls -a | grep env)`, so rules see the
 * listing behind the filter as they would in `cat $(ls -a | grep env)`.
 */
export function producerSource(inv: Invocation): string {
  const stages: string[] = [];
  for (let at: Invocation | undefined = inv; at && stages.length < MAX_STAGES; at = at.stdin?.kind === 'pipe' ? at.stdin.from : undefined) {
    stages.unshift([at.command, ...at.args.map((a) => a.raw)].join(' '));
  }
  return '$(' + stages.join(' | ') + ')';
}
