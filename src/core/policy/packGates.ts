import { effectsOf } from './effects';
import type { Invocation, PackGate } from './types';

/**
 * The engine's per-pack gates (`RulePack.gate`): a pack that can only fire on some program names, on
 * argument words of a known shape, on some kinds of effect or on an output redirect is not called for
 * an invocation that shows none of them (or a wrapper it runs through). Names are looked up in a Set made once per gate; words are
 * tested one by one; effects are the invocation's own (worked out once per invocation, shared with the
 * packs that read them).
 */

const nameSets = new WeakMap<PackGate, ReadonlySet<string>>();
const OUTPUT_REDIRECTS: ReadonlySet<string> = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);

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
  if (gate.outputRedirect && inv.redirects.some((r) => OUTPUT_REDIRECTS.has(r.op))) return true;
  if (gate.via && inv.via.some((v) => gate.via!.includes(v))) return true;
  if (gate.stdin && inv.stdin !== undefined) return true;
  const words = gate.words;
  if (words) for (const word of inv.args) if (words.test(word.text)) return true;
  const kinds = gate.effects;
  if (kinds) for (const effect of effectsOf(inv)) if (kinds.includes(effect.kind)) return true;
  return false;
}
