import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import type { Verdict } from '../../../src/core/policy/types';
import { DEFAULT_WORK_LIMIT, workMeter } from '../../../src/core/policy/workMeter';
import { FLAT, NESTED, type AdversarialInput } from '../support/adversarialInputs';
import { testFacts } from '../support/policyFixtures';
import { HANG_MS, withinWork } from '../support/boundedWork';

/**
 * Rule packs on random and mutated input: classify never throws, always returns a well-formed
 * verdict, and the work each decision does stays within a linear bound of the input's length (counted
 * in units: how fast it is lives in `npm run bench`, whose adversarial section prints the worst case).
 */

const SEEDS = [
  'rm -rf src', 'git push --force origin main', 'psql -h db.prod.acme.io -c "DROP TABLE users"', 'docker volume rm pgdata',
  'kubectl delete ns payments --context prod', 'terraform destroy -var-file=prod.tfvars', 'mysql -e "DELETE FROM t" shop',
  "python -c \"import shutil; shutil.rmtree('x')\"", 'find . -name "*.ts" -delete', 'redis-cli -h cache FLUSHALL',
  'mongosh --eval "db.users.deleteMany({})"', 'dd if=/dev/zero of=/dev/sda', 'shred notes.txt', 'helm uninstall shop -n prod',
  "sqlite3 a.db 'UPDATE users SET x = 1'", 'npx prisma migrate reset --force', 'chmod -R 777 /', 'pulumi destroy -s org/p/prod',
];
const ALPHABET = ['rm', '-rf', '-f', '/', '~', '*', '"', "'", '`', '$(', ')', '{', '}', ';', '|', '&&', '||', '<<', 'EOF', '\n', '\\', ' ', 'DROP', 'TABLE', 'psql', '-c', 'git', 'push', '--force', '+', ':', 'kubectl', 'delete', '--context', 'prod', '$HOME', '=', '/dev/sda', '-e', 'db.x.drop()', 'FLUSHALL', '>', '<', 'find', '-delete', '-exec', '{}', '\\;'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const facts = testFacts({ files: { '/work/app/x.sql': 'DROP TABLE x; '.repeat(1000), '/work/app/run.sh': 'rm -rf src\n'.repeat(500) } });

function wellFormed(v: Verdict): void {
  assert.ok(['allow', 'ask', 'deny'].includes(v.decision));
  assert.equal(typeof v.production, 'boolean');
  assert.ok(Array.isArray(v.risks) && Array.isArray(v.reasons) && Array.isArray(v.targets));
  assert.ok(v.confirm === null || typeof v.confirm === 'string');
  if (v.decision !== 'allow') assert.ok(v.reasons.length > 0);
}

/** Classify and check the verdict, within the linear work bound. */
function decided(command: string, limit?: number): Verdict {
  const v = withinWork(command, (meter) => classify(command, facts, { lockdown: false }, meter), limit);
  wellFormed(v);
  return v;
}

describe('classify fuzz: never throws, always decides, within bounded work', function () {
  this.timeout(10 * HANG_MS);
  it('random token soup (1,500 commands)', () => {
    const next = rng(7);
    for (let i = 0; i < 1500; i++) {
      const n = 1 + Math.floor(next() * 14);
      const parts: string[] = [];
      for (let k = 0; k < n; k++) parts.push(ALPHABET[Math.floor(next() * ALPHABET.length)] as string);
      decided(parts.join(next() < 0.7 ? ' ' : ''));
    }
  });

  it('mutated destructive commands (1,500 commands)', () => {
    const next = rng(11);
    for (let i = 0; i < 1500; i++) {
      const seed = SEEDS[Math.floor(next() * SEEDS.length)] as string;
      const chars = [...seed];
      const edits = 1 + Math.floor(next() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * (chars.length + 1));
        const r = next();
        if (r < 0.4) chars.splice(at, 1);
        else if (r < 0.8) chars.splice(at, 0, ...(ALPHABET[Math.floor(next() * ALPHABET.length)] as string));
        else chars.splice(at, 0, String.fromCharCode(Math.floor(next() * 0x2fff)));
      }
      decided(chars.join(''));
    }
  });

  it('large inputs: a 1 MB command, 10,000 statements, a long pipeline', () => {
    // The default budget: what the hook really spends on these (it asks where the budget runs out).
    decided('echo ' + 'a'.repeat(1 << 20), DEFAULT_WORK_LIMIT);
    assert.notEqual(decided('psql -c "' + 'DROP TABLE t; '.repeat(10_000) + '"', DEFAULT_WORK_LIMIT).decision, 'allow');
    decided(Array.from({ length: 500 }, (_, i) => `cat f${i}`).join(' | '), DEFAULT_WORK_LIMIT);
    assert.notEqual(decided('psql -f x.sql && bash run.sh', DEFAULT_WORK_LIMIT).decision, 'allow');
  });

  it('the seeds themselves are never allowed', () => {
    for (const seed of SEEDS) {
      assert.notEqual(classify(seed, facts, { lockdown: false }).decision, 'allow', seed);
    }
  });
});

/**
 * Bounded work, counted in work units rather than time: for every construct the parser supports
 * nested deeper and deeper (and flat inputs longer and longer), the units one decision spends stay
 * under a fixed multiple of the input's length, and doubling the input at most about doubles them.
 * Words holding a substitution repeat its text at every enclosing level (`$(…)` inside `$(…)`), so
 * below the parser's depth limit (100) their work grows faster than their length; the fixed multiple
 * covers that region, and beyond the limit (not analysed: it asks) doubling is checked.
 */
describe('work grows linearly with the size of the input', () => {
  // Commands that run the rest of their words (`eval eval …`, `docker exec c docker exec c …`) carry
  // those words at every level up to the nesting limit, and a word costs 6,000–24,000 units (what the
  // packs spend judging one, measured; ×3 since 2026-12-04, classify.ts's PACK_COST): the fixed multiple
  // allows that, the doubling check below stays. The multiple is the unit's price, not the property.
  const UNITS_PER_CHARACTER = 60_000;
  const BASE_UNITS = 900_000;
  const unitsFor = (text: string): { units: number; decision: string } => {
    const meter = workMeter(Number.MAX_SAFE_INTEGER);
    const decision = classify(text, facts, { lockdown: false }, meter).decision;
    return { units: meter.spent, decision };
  };
  const check = (input: AdversarialInput, sizes: readonly number[], doublingFrom = 0): void => {
    let previous: { units: number; length: number } | undefined;
    for (const n of sizes) {
      const text = input.make(n);
      const { units } = unitsFor(text);
      assert.ok(units <= UNITS_PER_CHARACTER * text.length + BASE_UNITS, `${input.name} at ${n}: ${units} units for ${text.length} characters`);
      if (previous && n > doublingFrom && text.length >= 2 * previous.length * 0.95) {
        assert.ok(units <= 2.2 * previous.units * (text.length / (2 * previous.length)) + BASE_UNITS / 10, `${input.name} at ${n}: ${units} units after ${previous.units}`);
      }
      previous = { units, length: text.length };
    }
  };
  for (const input of NESTED) it(`${input.name} nested 25 to 800 deep`, () => check(input, [25, 50, 100, 200, 400, 800], 100));
  for (const input of FLAT) it(`${input.name} repeated 100 to 3200 times`, () => check(input, [100, 200, 400, 800, 1600, 3200]));

  it('random compositions of the constructs stay under the same bound', () => {
    const next = rng(7);
    const all = [...NESTED, ...FLAT];
    for (let round = 0; round < 40; round++) {
      const parts: string[] = [];
      for (let k = 0; k < 3; k++) parts.push(all[Math.floor(next() * all.length)]!.make(1 + Math.floor(next() * 60)));
      const text = parts.join(next() < 0.5 ? ' | ' : '; ');
      const { units } = unitsFor(text);
      assert.ok(units <= UNITS_PER_CHARACTER * text.length + BASE_UNITS, `${units} units for ${text.length} characters: ${text.slice(0, 120)}`);
    }
  });

  it('a decision that runs out of budget asks, never allows', () => {
    for (const input of [...NESTED, ...FLAT]) {
      const text = input.make(400);
      const meter = workMeter(20_000);
      const verdict = classify(text, facts, { lockdown: false }, meter);
      if (meter.exhausted) assert.notEqual(verdict.decision, 'allow', input.name);
    }
    assert.equal(classify('ls '.repeat(300_000), facts, { lockdown: false }).decision, 'ask');
  });
});
