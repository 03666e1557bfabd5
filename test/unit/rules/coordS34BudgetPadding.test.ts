import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import { perimeterFacts } from './perimeterFixtures';

/**
 * Padding must not turn the perimeter's deny into an ask (red team round 20, stop 34): work spent on 200 harmless
 * commands in front used to leave `rm -rf ~/.blast-shield` unjudged, and the out-of-budget answer was an ask. The
 * unjudged text is now searched for a protected place: naming one denies; padding alone still asks (never allows).
 */

const PADDINGS: readonly ((tail: string) => string)[] = [
  (tail) => `touch src/{0..49}{a,b}{c,d}; ${tail}`,
  (tail) => `${'true && '.repeat(200)}${tail}`,
  (tail) => `${'echo a; '.repeat(400)}${tail}`,
  (tail) => `${'x=1; '.repeat(3000)}${tail}`,
  (tail) => `${'ls -la src/index.ts && '.repeat(300)}${tail}`,
];

const GUARD_TAILS = ['rm -rf ~/.blast-shield', "echo '{}' > .cursor/hooks.json", 'sed -i d .claude/settings.json', 'echo x >> ~/.bashrc', 'rm -rf "$HOME/.blast-shield/bin"'];

describe('padding in front of a perimeter write (coordinator, stop 34)', () => {
  const facts = perimeterFacts();
  PADDINGS.forEach((pad, p) => {
    for (const tail of GUARD_TAILS) {
      it(`padding ${p + 1} then ${tail}: denied, whether or not the budget ran out`, () => {
        const v = classify(pad(tail), facts, { lockdown: false });
        assert.equal(v.decision, 'deny', v.reasons.join(' | '));
      });
    }
    it(`padding ${p + 1} then a harmless command: never allowed without the work done`, () => {
      const v = classify(pad('echo done'), facts, { lockdown: false });
      if (v.reasons.some((r) => /more work to analyse/.test(r))) assert.equal(v.decision, 'ask');
      else assert.equal(v.decision, 'allow', v.reasons.join(' | '));
    });
  });
  it('the padded deny says why', () => {
    const v = classify(`${'true && '.repeat(200)}rm -rf ~/.blast-shield`, facts, { lockdown: false });
    assert.ok(v.reasons.some((r) => /Blast Shield's own files|protection/.test(r)), v.reasons.join(' | '));
  });
});
