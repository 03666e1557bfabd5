import type { Exec, Scope, Walker } from './handlers/context';

/**
 * Nesting the walker stops at, besides shells inside shells (`AnalyzeLimits.maxDepth`). Each is
 * checked before the level's work; what is not walked is opaque, so the decision asks.
 */

/**
 * `$(…)` inside `$(…)`: every level's text holds all the levels inside it, so walking them all is work
 * that grows with the square of the nesting. No command needs more than twice the shells' depth.
 */
export function substitutionsTooDeep(w: Walker, scope: Scope): boolean {
  if ((scope.substitutions ?? 0) <= 2 * w.limits.maxDepth) return false;
  w.addOpaque('commands nest too deeply to analyse (substitutions inside one another)', scope.via);
  return true;
}

/**
 * Commands that hand their words on to another without a new shell (`docker exec c docker exec c …`,
 * `find -exec find -exec …`) nest like shells do. Counts this level on `exec` (which the handlers copy
 * into the commands they run); false, with the reason recorded, past the limit.
 */
export function handOn(w: Walker, exec: Exec): boolean {
  const level = exec.handedOn ?? 0;
  if (level > w.limits.maxDepth) {
    w.addOpaque('commands nest too deeply to analyse (commands that run commands inside one another)', w.viaOf(exec));
    return false;
  }
  exec.handedOn = level + 1;
  return true;
}
