import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/core/policy/analyze';
import { findingsOf } from '../../../src/core/policy/classify';
import type { Invocation, RulePack } from '../../../src/core/policy/types';
import { RULE_PACKS } from '../../../src/core/rules/index';
import { testFacts } from '../support/policyFixtures';
import { realContext } from '../support/packRun';

const facts = testFacts();

function invocations(names: readonly string[]): Invocation[] {
  return names.map((name) => ({ name, command: name, args: [], assignments: {}, redirects: [], via: [], origin: { kind: 'command' as const }, cwd: '/work/app' }));
}

describe('pack dispatch by command name (RulePack.reactsTo)', () => {
  it('calls an every-invocation pack only for the names it reacts to, asking once per name', () => {
    const seen: string[] = [];
    const asked: string[] = [];
    const spy = (id: string, extra: Partial<RulePack> = {}): RulePack => ({ id, title: id, checkInvocation: (inv) => (seen.push(`${id}:${inv.name}`), []), ...extra });
    const packs = [spy('gitOnly', { commands: ['git'] }), spy('all'), spy('rmReader', { reactsTo: (name) => (asked.push(name), name === 'rm') })];
    const analysis = { invocations: invocations(['git', 'rm', 'ls', 'rm', 'ls']), snippets: [], opaque: [] };
    findingsOf(analysis, facts, packs);
    // The repeated `rm` and `ls` are the same invocations again: judged once (classify.ts withoutRepeats).
    assert.deepEqual(seen, ['gitOnly:git', 'all:git', 'all:rm', 'rmReader:rm', 'all:ls']);
    findingsOf(analysis, facts, packs);
    assert.deepEqual(asked, ['git', 'rm', 'ls']);
  });

  it('a dispatch test that throws leaves the pack called (its own check answers)', () => {
    const seen: string[] = [];
    const pack: RulePack = { id: 'x', title: 'x', reactsTo: () => { throw new Error('boom'); }, checkInvocation: (inv) => (seen.push(inv.name), []) };
    findingsOf({ invocations: invocations(['ls']), snippets: [], opaque: [] }, facts, [pack]);
    assert.deepEqual(seen, ['ls']);
  });

  it('a pack that lists commands is called for them whatever reactsTo says', () => {
    const seen: string[] = [];
    const pack: RulePack = { id: 'x', title: 'x', commands: ['git'], reactsTo: () => false, checkInvocation: (inv) => (seen.push(inv.name), []) };
    findingsOf({ invocations: invocations(['git', 'ls']), snippets: [], opaque: [] }, facts, [pack]);
    assert.deepEqual(seen, ['git']);
  });

  // By construction: every invocation of every corpus command (and nested ones the analysis finds) whose
  // name a pack's reactsTo turns away gives that pack's check nothing, so skipping it changes no verdict.
  it('every pack that declares reactsTo finds nothing in what it turns away (all corpus commands)', function () {
    this.timeout(300_000);
    const corpus = join(__dirname, '..', '..', 'corpus');
    const commands = readdirSync(corpus)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(join(corpus, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { command: string }).command));
    const dispatched = RULE_PACKS.filter((p) => p.reactsTo && !p.commands && p.checkInvocation);
    assert.ok(dispatched.length >= 10, 'the packs that declare reactsTo');
    const ctx = realContext(facts);
    let turnedAway = 0;
    for (const command of commands) {
      for (const inv of analyze(command, facts).invocations) {
        for (const pack of dispatched) {
          if (pack.reactsTo!(inv.name)) continue;
          turnedAway++;
          const found = pack.checkInvocation!(inv, ctx);
          assert.deepEqual(found, [], `${pack.id} turns ${inv.name} away but finds in ${command.slice(0, 200)}: ${JSON.stringify(found).slice(0, 400)}`);
        }
      }
    }
    assert.ok(turnedAway > 10_000, `${turnedAway} invocations turned away`);
  });
});
