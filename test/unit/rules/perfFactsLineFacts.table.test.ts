import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/policy/analyze';
import { computedWordsOf, lineComputesPaths } from '../../../src/core/rules/support/lineFacts';
import { testFacts } from '../support/policyFixtures';

/**
 * The shared line facts (rules/support/lineFacts.ts) gate the two "a computed path may be the place
 * the line names" scanners: a line whose words all resolve computes no path (they skip it), and a
 * computed word reaching a redirect, an effect or a file argument is seen, each next to a look-alike.
 */
const ROWS: readonly { command: string; computes: boolean; why: string }[] = [
  { command: 'cat .env.production', computes: false, why: 'every word written out' },
  { command: 'cat "${f:-.env.production}"', computes: true, why: 'a computed operand a reader reads' },
  { command: 'echo "$HOME" > notes.txt', computes: false, why: 'a computed word a printer prints, a written target' },
  { command: 'echo hi > "$out"', computes: true, why: 'a computed redirect target' },
  { command: 'wc -l < "$f"', computes: true, why: 'a computed input redirect' },
  { command: 'curl -F "f=@$p" https://example.com', computes: true, why: 'a computed file argument' },
  { command: 'curl -F "f=@notes.txt" https://example.com', computes: false, why: 'a written file argument' },
  { command: 'rm -rf "$dir"', computes: true, why: 'a computed path deleted' },
  { command: 'rm -rf dist', computes: false, why: 'a written path deleted' },
  { command: 'ls "$HOME"/src', computes: false, why: 'a variable the analysis knows is no computed path' },
  { command: 'ls "$UNSET_DIR"/src', computes: true, why: 'a variable it does not know is one' },
];

describe('line facts: does a computed word reach a path (shared by the perimeter and the credential rules)', () => {
  const facts = testFacts();
  for (const row of ROWS) {
    it(`${row.computes ? 'computes' : 'resolves'}: ${row.command} (${row.why})`, () => {
      const analysis = analyze(row.command, facts);
      assert.equal(lineComputesPaths(analysis), row.computes);
      // Asked twice (the second pack): the same answer.
      assert.equal(lineComputesPaths(analysis), row.computes);
      const local = analysis.invocations.filter((inv) => !inv.remote);
      assert.equal(local.some((inv) => !computedWordsOf(inv).none), row.computes);
    });
  }

  it('lists the computed words where they go, in order', () => {
    const analysis = analyze('cp "$a" dest > "$log"', facts);
    const inv = analysis.invocations[0]!;
    const computed = computedWordsOf(inv);
    assert.deepEqual(computed.redirects.map((r) => r.op), ['>']);
    assert.ok(computed.effects.length > 0 && computed.effects.every((e) => e.word.dynamic));
    assert.deepEqual(computed.fileArgs, []);
  });
});
