import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import type { Facts } from '../../../src/core/policy/types';
import { show } from './perimeterFixtures';

/**
 * The red-team family tables' shape: per family, a reason the flagged rows must carry and rows that must
 * be denied, asked, flagged (asked or denied) or left alone. `allowed` means the decision is allow, or
 * (with `allowedMeans: 'not-deny'`) anything but deny; either way the family's reason is not given.
 */
export type Expect = 'deny' | 'ask' | 'flag' | 'allowed';
export interface FamilyRow {
  command: string;
  expect: Expect;
}
export interface Family {
  reason: RegExp;
  rows: readonly FamilyRow[];
}

export const deny = (command: string): FamilyRow => ({ command, expect: 'deny' });
export const ask = (command: string): FamilyRow => ({ command, expect: 'ask' });
export const flag = (command: string): FamilyRow => ({ command, expect: 'flag' });
export const allowed = (command: string): FamilyRow => ({ command, expect: 'allowed' });

export function familyTables(title: string, table: Readonly<Record<string, Family>>, facts: () => Facts, allowedMeans: 'allow' | 'not-deny' = 'allow'): void {
  describe(title, () => {
    const f = facts();
    for (const [family, { reason, rows }] of Object.entries(table)) {
      describe(family, () => {
        for (const row of rows) {
          it(`${row.expect}: ${row.command}`, () => {
            const v = classify(row.command, f, { lockdown: false });
            if (row.expect === 'allowed') {
              if (allowedMeans === 'allow') assert.equal(v.decision, 'allow', show(v));
              else assert.notEqual(v.decision, 'deny', show(v));
              assert.ok(!v.reasons.some((r) => reason.test(r)), show(v));
              return;
            }
            if (row.expect === 'deny') assert.equal(v.decision, 'deny', show(v));
            else if (row.expect === 'ask') assert.equal(v.decision, 'ask', show(v));
            else assert.notEqual(v.decision, 'allow', show(v));
            assert.ok(v.reasons.some((r) => reason.test(r)), show(v));
          });
        }
      });
    }
  });
}
