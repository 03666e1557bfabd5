import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * `blast-shield restore ID` (README "Approvals you can undo"): it overwrites the working tree with a
 * snapshot, so an agent running it asks a human, whoever launches it; listing snapshots stays allowed.
 */
const facts = testFacts({ files: { '/work/app/README.md': '# app\n' } });

const rows: Array<[string, 'allow' | 'ask' | 'deny']> = [
  ['blast-shield restore 20261202T101500-4f2a', 'ask'],
  ['blast-shield restore 20261202T101500-4f2a --force', 'ask'],
  ['npx blast-shield restore 20261202T101500-4f2a', 'ask'],
  ['pnpm dlx blast-shield@0.1.0 restore 20261202T101500-4f2a', 'ask'],
  ['blast-shield restore "$SNAPSHOT"', 'ask'],
  ['cd /tmp && blast-shield restore abc', 'ask'],
  ['blast-shield restore', 'allow'],
  ['blast-shield restore --json', 'allow'],
  ['blast-shield restore --help', 'allow'],
  ['git restore --staged src/a.ts', 'allow'],
  ['blast-shield status', 'allow'],
  ['blast-shield uninstall all', 'deny'],
];

describe('rules/guard-restore: blast-shield restore by an agent', () => {
  for (const [command, expect] of rows) {
    it(`${command} -> ${expect}`, () => {
      const v = classify(command, facts, { lockdown: false });
      assert.equal(v.decision, expect, JSON.stringify(v.reasons));
      if (expect === 'ask') {
        assert.ok(v.reasons.some((r) => /over the working tree/.test(r) && /human's undo/.test(r)), JSON.stringify(v.reasons));
        assert.ok(v.risks.includes('destructive'));
      }
    });
  }

  it('lockdown turns the ask into a deny', () => {
    assert.equal(classify('blast-shield restore abc', facts, { lockdown: true }).decision, 'deny');
  });
});
