import { passesGate } from './packGates';
import type { Invocation, PackGate } from './types';

/**
 * Gates for the checks inside a pack that sees every invocation (stop 38, issue #10): a check that can
 * only find something for a few program names, argument words, effects or an output redirect declares
 * them next to itself, the way a pack does (`RulePack.gate`, policy/packGates.ts), and is not called
 * for an invocation that shows none of them:
 *
 *   export const desktopControl = gatedCheck('desktop-control', { names: [...] }, undefined, (inv) => { … });
 *
 * The gate is read by the engine's own `passesGate` (names through a Set made once, words one by one,
 * effects remembered per invocation), so `setPackGates(false)` runs every gated check too: the ungated
 * engine the tests compare with. A gate must hold for every invocation, facts included: what it turns
 * away, the check finds nothing in. `setGateAudit` (tests only) calls the check anyway when its gate
 * turns an invocation away and records any finding it then makes (`test/unit/policy/s38PerfCheckGates.test.ts`
 * runs every corpus command so).
 */

/** A check behind a gate, with what it is (tests read these). */
export interface GatedCheck {
  readonly label: string;
  readonly gate: PackGate;
}

/** What a gate turned away that its check would have found (audit mode). */
export interface GateMiss {
  readonly label: string;
  readonly name: string;
  readonly words: readonly string[];
}

const registered: GatedCheck[] = [];
let audit: GateMiss[] | undefined;

/** Tests only: record (in the returned list) every invocation a gate turned away where its check finds something; `false` stops. */
export function setGateAudit(on: boolean): GateMiss[] {
  audit = on ? [] : undefined;
  return audit ?? [];
}

/** Every gated check in the engine (tests). */
export function gatedChecks(): readonly GatedCheck[] {
  return registered;
}

function isNothing(value: unknown): boolean {
  return value === undefined || value === null || value === false || (Array.isArray(value) && value.length === 0);
}

/**
 * `check` called only for invocations its `gate` lets in; `nothing` otherwise (`undefined` for a check
 * that answers one finding or none, `[]` for a list: a fresh one each time, callers may push to it).
 */
export function gatedCheck<A extends unknown[], R>(label: string, gate: PackGate, nothing: R extends readonly unknown[] ? 'list' : undefined, check: (inv: Invocation, ...rest: A) => R): (inv: Invocation, ...rest: A) => R {
  registered.push({ label, gate });
  const empty = (): R => (nothing === 'list' ? ([] as unknown as R) : (undefined as R));
  return (inv, ...rest) => {
    if (passesGate(gate, inv)) return check(inv, ...rest);
    if (audit) {
      const found = check(inv, ...rest);
      if (!isNothing(found)) audit.push({ label, name: inv.name, words: inv.args.map((a) => a.text) });
    }
    return empty();
  };
}
