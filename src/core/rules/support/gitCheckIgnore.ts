import { minimatch } from 'minimatch';
import { basename, resolvePath } from '../../paths';
import { freeFormReadings } from '../../registry/freeForm';
import type { Facts, Invocation } from '../../policy/types';

/**
 * `git check-ignore * .* | xargs cat` (round 11): check-ignore prints those of its operands that git ignores,
 * `.env` files among them. What it can name: the files its operands (and their globs) match, in their folders.
 */
export function checkIgnoreNames(from: Invocation, cwd: string, facts: Facts): { roots: string[]; name: (base: string) => boolean; hidden: boolean; nameHunt: boolean; ignored: boolean } | undefined {
  const operands = freeFormReadings(from.args.slice(1)).usual.operands.slice(0, 32);
  if (operands.length === 0) return undefined;
  const at = from.cwd || cwd;
  const roots = [...new Set(operands.map((w) => resolvePath(at, w.text.includes('/') ? w.text.slice(0, w.text.lastIndexOf('/')) || '/' : '.', facts.home)))];
  const patterns = operands.map((w) => basename(w.text));
  return { roots, name: (base) => patterns.some((p) => minimatch(base, p, { dot: true })), hidden: true, nameHunt: false, ignored: true };
}
