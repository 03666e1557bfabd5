import type { Invocation, PackGate } from './types';

/**
 * The engine's per-pack gates (`RulePack.gate`): a pack that can only fire on some program names or
 * on argument words of a known shape is not called for an invocation that shows neither. Names are
 * looked up in a Set made once per gate; words are tested one by one.
 */

const nameSets = new WeakMap<PackGate, ReadonlySet<string>>();

let enabled = true;

/** Tests only: with gates off every pack is called, so a test can compare the findings both ways. */
export function setPackGates(on: boolean): void {
  enabled = on;
}

/** Whether the pack with this gate may find something in `inv` (true when gates are off). */
export function passesGate(gate: PackGate, inv: Invocation): boolean {
  if (!enabled) return true;
  let names = nameSets.get(gate);
  if (!names) nameSets.set(gate, (names = new Set(gate.names ?? [])));
  if (names.has(inv.name) || gate.namePattern?.test(inv.name) === true) return true;
  for (const word of inv.args) if (gate.words.test(word.text)) return true;
  return false;
}
