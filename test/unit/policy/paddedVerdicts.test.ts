import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/policy/analyze';
import { classify, findingsOf } from '../../../src/core/policy/classify';
import type { Finding, RulePack } from '../../../src/core/policy/types';
import { workMeter } from '../../../src/core/policy/workMeter';
import { perimeterFacts, show } from '../rules/perimeterFixtures';

/**
 * Padding never weakens a verdict (red team round 21: 400 × `true;` in front of `cp -r /tmp/x/. .` turned the
 * perimeter's deny into the budget's ask). The perimeter's packs judge every invocation first and a repeated
 * invocation is judged once, so a deny survives any padding the walker reads (its limits: 2,000 commands and the
 * decision's budget; past them the line asks, never allows). Counted in verdicts and work units, never timed.
 * And long argument lists of routine commands fit the budget (`git add` × 600, `ls` × 800, `mkdir -p` × 800),
 * while one destructive or protected word hidden in such a list is still judged.
 */

const facts = perimeterFacts();

/** Commands the perimeter denies in this world, by different roads: direct, indirect (a tree copied over the workspace), code, a glob. */
const DENIED = [
  'cp -r /tmp/x/. .',
  'tar -xf /tmp/x.tar -C .',
  'rm -rf ~/.bla*',
  'echo x > .cursor/hooks.json',
  'rsync -a /tmp/x/ ./',
  'unzip -o /tmp/x.zip -d .',
  'mv /tmp/h.json .claude/settings.json',
  "sed -i 's/hook/x/' .cursor/hooks.json",
  'ln -sf /tmp/x .cursor/hooks.json',
  'cp /tmp/evil ~/.bashrc',
  "python3 -c \"open('.claude/settings.json','w').write('{}')\"",
  'blast-shield uninstall',
  'chmod 000 ~/.blast-shield',
  'truncate -s0 .claude/settings.local.json',
];

/** Shapes of padding, each `n` statements that do nothing (the same one repeated, or each different). */
const SHAPES: { name: string; pad: (n: number) => string; reach: number }[] = [
  { name: '; ', pad: (n) => 'true; '.repeat(n), reach: 1200 },
  { name: '&& ', pad: (n) => 'true && '.repeat(n), reach: 1200 },
  { name: 'newlines', pad: (n) => ': \n'.repeat(n), reach: 1200 },
  { name: '( … )', pad: (n) => '( true ); '.repeat(n), reach: 1200 },
  { name: '$( … )', pad: (n) => 'echo $(true); '.repeat(n), reach: 600 },
  { name: 'for loop', pad: (n) => 'for i in 1 2; do true; done; '.repeat(n), reach: 600 },
  { name: '{ …; }', pad: (n) => '{ true; }; '.repeat(n), reach: 1200 },
  { name: 'if … fi', pad: (n) => 'if true; then :; fi; '.repeat(n), reach: 800 },
  { name: 'distinct words', pad: (n) => Array.from({ length: n }, (_, i) => `true ${i}; `).join(''), reach: 300 },
  { name: 'distinct echoes', pad: (n) => Array.from({ length: n }, (_, i) => `echo step${i}; `).join(''), reach: 300 },
];

const decisionOf = (command: string): string => classify(command, facts, { lockdown: false }).decision;

describe('padding never weakens a deny (the perimeter judges every invocation first)', function () {
  this.timeout(120_000);
  for (const c of DENIED) {
    it(`unpadded, it denies: ${c}`, () => assert.equal(decisionOf(c), 'deny', show(classify(c, facts, { lockdown: false }))));
  }
  for (const shape of SHAPES) {
    it(`padded before and after with ${shape.name} up to ${shape.reach} statements, every denied command still denies`, () => {
      for (const c of DENIED) {
        for (const n of [1, 40, shape.reach]) {
          const padding = shape.pad(n);
          for (const padded of [padding + c, `${c}; ${padding}true`]) {
            assert.equal(decisionOf(padded), 'deny', `${shape.name} × ${n}: ${padded.slice(0, 60)}… ${padded.slice(-60)}`);
          }
        }
      }
    });
  }

  it('past the walker\'s reach (2,000 commands) a padded line asks, never allows', () => {
    for (const c of DENIED.slice(0, 4)) assert.notEqual(decisionOf('true; '.repeat(2_500) + c), 'allow', c);
  });

  it('a repeated invocation is judged once by every pack, and reasons keep the order of the line', () => {
    const calls: string[] = [];
    const seen = (id: string, guards: boolean): RulePack => ({
      id,
      title: id,
      ...(guards ? { guardsPerimeter: true } : {}),
      checkInvocation: (inv) => {
        const words = [inv.name, ...inv.args.map((a) => a.text)].join(' ');
        calls.push(`${id}:${words}`);
        return inv.name === 'true' ? [] : [{ rule: `${id}.x`, risk: guards ? 'self-protection' : 'destructive', severity: guards ? 'deny' : 'ask', reason: `${id} ${words}`, targets: [] } satisfies Finding];
      },
    });
    const packs = [seen('first', false), seen('guard', true), seen('last', false)];
    const found = findingsOf(analyze('true; true; rm a; true; rm a; touch b; true', facts), facts, packs);
    assert.deepEqual(calls, ['guard:true', 'guard:rm a', 'guard:touch b', 'first:true', 'last:true', 'first:rm a', 'last:rm a', 'first:touch b', 'last:touch b']);
    assert.deepEqual(found.map((f) => f.reason), ['first rm a', 'guard rm a', 'last rm a', 'first touch b', 'guard touch b', 'last touch b']);
  });

  it('the same invocation in another folder or with other variables is judged again', () => {
    const calls: string[] = [];
    const pack: RulePack = { id: 'p', title: 'p', guardsPerimeter: true, checkInvocation: (inv) => (calls.push(`${inv.cwd} ${JSON.stringify(inv.assignments)}`), []) };
    // `cd src` lasts for the rest of the line: the last `rm a` is the third again.
    findingsOf(analyze('rm a; cd src && rm a; X=1 rm a; rm a', facts), facts, [pack]);
    assert.deepEqual(calls, ['/work/app {}', '/work/app {}', '/work/app/src {}', '/work/app/src {"X":"1"}']);
  });

  it('when the other packs run out of budget, the perimeter\'s deny for what they did not reach still counts', () => {
    const c = Array.from({ length: 250 }, (_, i) => `true ${i}; `).join('') + 'cp -r /tmp/x/. .';
    const meter = workMeter();
    const verdict = classify(c, facts, { lockdown: false }, meter);
    assert.ok(meter.exhausted, `${meter.spent} units: the padding did not exhaust the budget, so this checks nothing`);
    assert.equal(verdict.decision, 'deny', show(verdict));
  });

  it('identical padding costs the packs one judgement: the units grow by the walker\'s share only', () => {
    const spent = (n: number): number => {
      const meter = workMeter(Number.MAX_SAFE_INTEGER);
      classify('true; '.repeat(n) + 'cp -r /tmp/x/. .', facts, { lockdown: false }, meter);
      return meter.spent;
    };
    const perStatement = (spent(800) - spent(400)) / 400;
    assert.ok(perStatement < 4_000, `${perStatement.toFixed(0)} units a repeated statement`);
  });
});

const many = (n: number, make: (i: number) => string): string => Array.from({ length: n }, (_, i) => make(i)).join(' ');

describe('long argument lists of routine commands fit the budget; one hidden word is still judged', function () {
  this.timeout(120_000);
  const ALLOWED = [
    `git add ${many(600, (i) => `src/file${i}.ts`)} && git commit -m wip`,
    `git add ${many(500, (i) => `src/components/widgets/Button${i}.tsx`)}`,
    `ls ${many(800, (i) => `src/f${i}.ts`)}`,
    `ls -la ${many(600, (i) => `pkg${i % 37}/lib/m${i}.js`)}`,
    `mkdir -p ${many(800, (i) => `src/mod${i}`)}`,
    `touch ${many(700, (i) => `test/fixtures/case${i}.json`)}`,
    // Whole-file readers ask the credential index about every file (a read each): a few hundred fit.
    `cat ${many(300, (i) => `docs/page${i}.md`)}`,
    `wc -l ${many(800, (i) => `src/f${i}.ts`)}`,
    `grep -n TODO ${many(300, (i) => `src/f${i}.ts`)}`,
    `head -n 1 ${many(300, (i) => `logs/run${i}.log`)}`,
    `stat ${many(500, (i) => `build/out${i}.js`)}`,
  ];
  for (const c of ALLOWED) {
    it(`allowed: ${c.slice(0, 50)}… (${c.split(' ').length} words)`, () => {
      const meter = workMeter();
      const verdict = classify(c, facts, { lockdown: false }, meter);
      assert.equal(verdict.decision, 'allow', `${meter.spent} units: ${show(verdict)}`);
      assert.ok(!meter.exhausted);
    });
  }
  const JUDGED: { command: string; decision: 'ask' | 'deny' }[] = [
    { command: `rm ${many(800, (i) => `src/f${i}.ts`)} ~/.blast-shield`, decision: 'deny' },
    { command: `ls ${many(800, (i) => `src/f${i}.ts`)} ~/.blast-shield/ipc/*`, decision: 'deny' },
    { command: `cat ${many(600, (i) => `docs/page${i}.md`)} ~/.blast-shield/ipc/abc.window.json`, decision: 'deny' },
    { command: `mkdir -p ${many(800, (i) => `src/mod${i}`)} .cursor/hooks.json`, decision: 'deny' },
    { command: `cat ${many(300, (i) => `docs/page${i}.md`)} > .cursor/hooks.json`, decision: 'deny' },
    { command: `touch ${many(700, (i) => `test/case${i}.json`)} && cp /tmp/x ~/.bashrc`, decision: 'deny' },
    { command: `git add ${many(600, (i) => `src/file${i}.ts`)} && git push --force origin main`, decision: 'ask' },
    // Where hook configurations are tracked, a reset that moves them denies (team decision).
    { command: `git add ${many(600, (i) => `src/file${i}.ts`)} && git reset --hard HEAD~3`, decision: 'deny' },
    { command: `mkdir -p ${many(800, (i) => `src/mod${i}`)} && git clean -fdx`, decision: 'deny' },
    { command: `ls ${many(800, (i) => `src/f${i}.ts`)} && rm -rf src`, decision: 'ask' },
    { command: `rm ${many(800, (i) => `src/f${i}.ts`)}`, decision: 'ask' },
  ];
  for (const row of JUDGED) {
    it(`${row.decision}: ${row.command.slice(0, 30)}… ${row.command.slice(-40)}`, () => {
      const verdict = classify(row.command, facts, { lockdown: false });
      assert.equal(verdict.decision, row.decision, show(verdict));
    });
  }
});
