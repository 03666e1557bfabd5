import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import type { Facts, Verdict } from '../../../src/core/policy/types';

/** One row of an end-to-end decision table: a command, what the engine must answer, and what it must say. */
export interface DecisionCase {
  cmd: string;
  /** `blocked`: anything but allow. */
  expect: 'allow' | 'ask' | 'deny' | 'blocked';
  production?: boolean;
  /** A reason must match (what the dialog names: statements, database, platform). */
  says?: RegExp;
  facts?: Partial<Facts>;
}

export const ask = (cmd: string, extra: Partial<DecisionCase> = {}): DecisionCase => ({ cmd, expect: 'ask', ...extra });
export const blocked = (cmd: string, extra: Partial<DecisionCase> = {}): DecisionCase => ({ cmd, expect: 'blocked', ...extra });
export const allow = (cmd: string, extra: Partial<DecisionCase> = {}): DecisionCase => ({ cmd, expect: 'allow', ...extra });

/**
 * A `describe` per family over `facts`: at least three destructive rows next to two benign look-alikes,
 * each classified end to end. `allowIsLocal`: an allowed row that says nothing of production must not
 * be marked production.
 */
export function decisionTable(facts: Facts, options: { allowIsLocal?: boolean } = {}): (title: string, cases: DecisionCase[]) => void {
  const verdictOf = (c: DecisionCase): Verdict => classify(c.cmd, c.facts ? { ...facts, ...c.facts } : facts, { lockdown: false });
  return (title, cases) => {
    describe(title, () => {
      const destructive = cases.filter((c) => c.expect !== 'allow').length;
      const benign = cases.filter((c) => c.expect === 'allow').length;
      it(`has destructive shapes (${destructive}) and benign look-alikes (${benign})`, () => {
        assert.ok(destructive >= 3 && benign >= 2, `${destructive} destructive, ${benign} benign`);
      });
      for (const c of cases) {
        const label = `${c.cmd.replace(/\n/g, '⏎').slice(0, 120)} -> ${c.expect}${c.production !== undefined ? (c.production ? ' (production)' : ' (not production)') : ''}`;
        it(label, () => {
          const v = verdictOf(c);
          const detail = JSON.stringify(v, null, 1);
          if (c.expect === 'blocked') assert.notEqual(v.decision, 'allow', detail);
          else assert.equal(v.decision, c.expect, detail);
          if (options.allowIsLocal && c.expect === 'allow' && c.production === undefined) assert.equal(v.production, false, detail);
          if (c.production !== undefined) assert.equal(v.production, c.production, detail);
          if (c.says) assert.ok(v.reasons.some((r) => c.says!.test(r)), detail);
        });
      }
    });
  };
}
