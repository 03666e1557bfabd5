import * as assert from 'node:assert/strict';
import { EFFECT_GRAMMARS, SEARCH_GRAMMARS } from '../../../src/core/policy/effectOptions';
import { toolNamed } from '../../../src/core/registry/commandModel';
import type { GrammarSpec, OptionSpec } from '../../../src/core/shell/grammar';

/**
 * Where a program is described both by an effect grammar (what it writes and reads) and by a registry entry, the two
 * must agree on which options take a value: where they disagree one of them reads the next word wrongly, and a write
 * goes unseen (round 27: `curl --create-dirs -o .cursor/hooks.json URL` — the effect grammar took `-o` as the value of
 * `--create-dirs`, a switch, so the output file was never seen and the write was allowed).
 */
const takesValue = (o: OptionSpec): boolean => o.takes !== undefined && o.takes !== 'none';

function disagreements(name: string, grammar: GrammarSpec): string[] {
  const tool = toolNamed(name);
  const registry = tool?.options ?? [];
  if (registry.length === 0) return [];
  const byName = new Map<string, OptionSpec>();
  for (const o of registry) for (const n of o.names) byName.set(n, o);
  const out: string[] = [];
  for (const o of grammar.options ?? []) {
    for (const n of o.names) {
      const r = byName.get(n);
      if (r === undefined || o.takes === 'optional' || r.takes === 'optional') continue;
      if (takesValue(o) !== takesValue(r)) out.push(`${name} ${n}: effect grammar ${takesValue(o) ? 'takes a value' : 'is a switch'}, registry ${takesValue(r) ? 'takes a value' : 'is a switch'}`);
    }
  }
  return out;
}

describe('registry and effect grammars agree on which options take a value', () => {
  for (const [table, grammars] of [['effect', EFFECT_GRAMMARS], ['search', SEARCH_GRAMMARS]] as const) {
    it(`every ${table} grammar agrees with the program's registry entry`, () => {
      const found = Object.entries(grammars).flatMap(([name, g]) => disagreements(name, g));
      assert.deepEqual(found, []);
    });
  }
  it('the check can fail: a grammar that calls a registry switch valued is reported', () => {
    const curl = EFFECT_GRAMMARS['curl']!;
    const wrong: GrammarSpec = { ...curl, options: [...(curl.options ?? []), { names: ['--compressed'], takes: 'one' }] };
    assert.ok(disagreements('curl', wrong).some((d) => d.includes('--compressed')));
  });
});
