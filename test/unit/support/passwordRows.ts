import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import type { Verdict } from '../../../src/core/policy/types';
import { testFacts } from './policyFixtures';

/**
 * One `it` per password command: it asks, and no reason, target or confirmation phrase repeats the new password
 * (`secret`, assembled at run time by the caller so no password-shaped literal sits in the source). `also` checks more.
 */
export function asksNamingNoPassword(rows: readonly string[], secret: string, also?: (v: Verdict) => void): void {
  for (const cmd of rows) {
    it(`${cmd.replace(secret, '<new password>')} asks and names no password`, () => {
      const v = classify(cmd, testFacts(), { lockdown: false });
      assert.equal(v.decision, 'ask', JSON.stringify(v.reasons));
      const text = [...v.reasons, ...v.targets.map((t) => t.name), v.confirm ?? ''].join('\n');
      assert.ok(!text.includes(secret), `the new password is named: ${text}`);
      also?.(v);
    });
  }
}
