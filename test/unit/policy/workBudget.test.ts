import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/policy/analyze';
import { classify } from '../../../src/core/policy/classify';
import type { CredentialFacts, Facts } from '../../../src/core/policy/types';
import { workMeter } from '../../../src/core/policy/workMeter';
import { NESTED } from '../support/adversarialInputs';
import { testFacts } from '../support/policyFixtures';

/**
 * What one decision may cost, counted rather than timed: file-system facts are looked up once per path,
 * commands that hand their words on and substitutions inside substitutions stop at a fixed nesting,
 * and what stops early asks. Times for the same inputs are in `bench/adversarial.bench.mjs`.
 */

/** Facts that count every look-up by kind and path. */
function countingFacts(files: Record<string, string>): { facts: Facts; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const bump = (key: string): void => void counts.set(key, (counts.get(key) ?? 0) + 1);
  const base = testFacts({ files });
  const credentials: CredentialFacts = {
    fileInfo: (p) => (bump(`fileInfo ${p}`), p.endsWith('/.env') ? { path: p, kind: 'dotenv', label: 'a dotenv file' } : undefined),
    filesUnder: (p) => (bump(`filesUnder ${p}`), []),
    originOf: (v) => (bump(`originOf ${v}`), undefined),
  };
  const facts: Facts = {
    ...base,
    readFile: (p) => (bump(`readFile ${p}`), base.readFile(p)),
    listDir: (p) => (bump(`listDir ${p}`), base.listDir(p)),
    fileStatus: (p) => (bump(`fileStatus ${p}`), files[p] !== undefined ? 'file' : 'missing'),
    credentials,
  };
  return { facts, counts };
}

describe('work budget: facts once per path, nesting bounded, a spent budget asks', () => {
  const files = { '/work/app/.env': 'X=1\n', '/work/app/run.sh': 'rm -rf build\ncat .env\n', '/work/app/src/a.ts': 'x' };
  const commands = [
    'cat .env; cat .env; cat .env; grep -r TOKEN .; cat .env',
    'rm src/a.ts src/a.ts src/a.ts src/a.ts; ls src; ls src',
    'bash run.sh; bash run.sh; sh ./run.sh',
    NESTED.find((i) => i.name === 'bash -c "$(…)"')!.make(12).replace(/rm -rf \/data/, 'cat .env'),
    NESTED.find((i) => i.name === 'heredoc in $(…)')!.make(12).replace(/rm -rf \/data/, 'cat .env src/a.ts'),
    NESTED.find((i) => i.name === 'find -exec sh -c "$(…)"')!.make(6).replace(/rm -rf \/data/, 'cat .env'),
  ];
  for (const command of commands) {
    it(`every path is looked up at most once: ${command.slice(0, 60).replace(/\n/g, '\\n')}`, () => {
      const { facts, counts } = countingFacts(files);
      classify(command, facts, { lockdown: false });
      assert.ok(counts.size > 0, 'the command asked no facts at all');
      for (const [key, n] of counts) assert.equal(n, 1, `${key} looked up ${n} times`);
    });
  }

  it('facts looked up after the budget is spent answer nothing, and the decision asks', () => {
    const { facts, counts } = countingFacts(files);
    const verdict = classify('cat ' + Array.from({ length: 400 }, (_, i) => `f${i}.txt`).join(' '), facts, { lockdown: false }, workMeter(200_000));
    assert.equal(verdict.decision, 'ask');
    assert.ok(counts.size < 400, `${counts.size} look-ups with a budget for far fewer`);
  });

  const deeply = /commands nest too deeply/;
  const cases: { name: string; deep: string; shallow: string }[] = [
    { name: 'docker exec inside docker exec', deep: 'docker exec app '.repeat(30) + 'ls', shallow: 'docker exec app '.repeat(3) + 'ls' },
    { name: 'find -exec inside find -exec', deep: 'find . -exec '.repeat(30) + 'ls' + ' {} \\;'.repeat(30), shallow: 'find . -exec find . -exec ls {} \\; {} \\;' },
    { name: '$(…) inside $(…)', deep: 'echo ' + '$(echo '.repeat(30) + 'x' + ')'.repeat(30), shallow: 'echo ' + '$(echo '.repeat(3) + 'x' + ')'.repeat(3) },
    { name: '<(…) inside <(…)', deep: 'cat ' + '<(cat '.repeat(30) + 'x' + ')'.repeat(30), shallow: 'cat <(cat <(cat x))' },
  ];
  for (const c of cases) {
    it(`${c.name}: nested 30 deep stops at the nesting limit and asks; 3 deep is read through`, () => {
      const facts = testFacts({ files });
      const deep = analyze(c.deep, facts);
      assert.ok(deep.opaque.some((o) => deeply.test(o.reason)), JSON.stringify(deep.opaque));
      assert.notEqual(classify(c.deep, facts, { lockdown: false }).decision, 'allow');
      const shallow = analyze(c.shallow, facts);
      assert.deepEqual(shallow.opaque, [], JSON.stringify(shallow.opaque));
    });
  }

  it('past the nesting limit, the work per character stops growing', () => {
    const facts = testFacts({ files });
    for (const make of [(n: number) => 'docker exec app '.repeat(n) + 'ls', (n: number) => 'echo ' + '$(echo '.repeat(n) + 'x' + ')'.repeat(n)]) {
      const perCharacter = (n: number): number => {
        const meter = workMeter(Number.MAX_SAFE_INTEGER);
        classify(make(n), facts, { lockdown: false }, meter);
        return meter.spent / make(n).length;
      };
      const at40 = perCharacter(40);
      const at160 = perCharacter(160);
      assert.ok(at160 <= 1.1 * at40, `${at40.toFixed(0)} units a character at 40 deep, ${at160.toFixed(0)} at 160: ${make(2)}`);
    }
  });

  it('a PowerShell line is paid for statement by statement', () => {
    const facts = testFacts({ files });
    const spent = (n: number): number => {
      const meter = workMeter(Number.MAX_SAFE_INTEGER);
      classify(`pwsh -Command '${'Get-ChildItem ./src; '.repeat(n)}'`, facts, { lockdown: false }, meter);
      return meter.spent;
    };
    const one = spent(1);
    const hundred = spent(101);
    assert.ok(hundred - one >= 100 * 4_000, `${hundred - one} units for 100 more statements`);
  });
});
