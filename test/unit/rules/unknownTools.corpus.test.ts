import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../../../src/core/policy/analyze';
import { classify, classifyAnalysis } from '../../../src/core/policy/classify';
import type { Facts, Verdict } from '../../../src/core/policy/types';
import { RULE_PACKS } from '../../../src/core/rules/index';
import { gatherFacts, repositoryRoot } from '../../../src/node/facts';

/**
 * The unknown-tools corpus (`test/corpus/unknown-tools.jsonl`, issue #18), scored in process against
 * the fixture world the corpus scorer builds: recall on destroying rows and false positives on the
 * look-alikes, per family, and which rows only the verb floor catches. The thresholds are the issue's
 * (recall ≥ 0.95, false positives ≤ 3%) for the families this verb floor, wire protocols,
 * safety net and shell escapes cover. Deferred execution and secret stores (items 5 and 7) are other
 * work: for the whole corpus the test holds the false-positive bound and the recall reached so far.
 */

interface Row {
  command: string;
  cwd?: string;
  label: 'flag' | 'allow';
  production: boolean;
  family: string;
  tool: string;
}

const CORPUS = resolve(__dirname, '../../corpus/unknown-tools.jsonl');
const FLAGGED = new Set(['ask', 'deny']);

/** Families of this items 1, 2, 3, 4, 6 and 8, and the held-out rows written for them. */
const COVERED = ['verb-unknown-cli', 'store-over-http', 'raw-wire', 'safety-net', 'shell-escape'];
const HELD_OUT = /^held-out\//;

interface Tally {
  flag: number;
  caught: number;
  allow: number;
  flagged: number;
}

function tally(pairs: readonly { row: Row; verdict: Verdict }[]): Tally {
  const t: Tally = { flag: 0, caught: 0, allow: 0, flagged: 0 };
  for (const { row, verdict } of pairs) {
    const flagged = FLAGGED.has(verdict.decision);
    if (row.label === 'flag') {
      t.flag++;
      if (flagged) t.caught++;
    } else {
      t.allow++;
      if (flagged) t.flagged++;
    }
  }
  return t;
}

const recall = (t: Tally): number => (t.flag === 0 ? 1 : t.caught / t.flag);
const falsePositives = (t: Tally): number => (t.allow === 0 ? 0 : t.flagged / t.allow);

describe('corpus: unknown tools (issue #18)', function () {
  this.timeout(120_000);
  const rows: Row[] = readFileSync(CORPUS, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Row);
  let pairs: { row: Row; verdict: Verdict; withoutFloor: Verdict }[] = [];
  let cleanup: () => void = () => undefined;

  before(async () => {
    // The scorer's own fixture world (an .mjs module without types, so it is imported by a computed path).
    const workspaceModule = resolve(__dirname, '../../corpus/workspace.mjs');
    const { buildWorkspace } = (await import(workspaceModule)) as { buildWorkspace: () => { root: string; home: string; guardHome: string; cleanup: () => void } };
    const world = buildWorkspace();
    cleanup = world.cleanup;
    const env = { HOME: world.home, BLAST_SHIELD_HOME: world.guardHome, PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' };
    const factsByCwd = new Map<string, Facts>();
    const factsAt = (cwd: string): Facts => {
      let facts = factsByCwd.get(cwd);
      if (!facts) {
        facts = gatherFacts({ cwd, env, home: world.home, workspaceRoots: [repositoryRoot(cwd) ?? cwd] });
        factsByCwd.set(cwd, facts);
      }
      return facts;
    };
    const specific = RULE_PACKS.filter((p) => p.id !== 'verbs');
    pairs = rows.map((row) => {
      const facts = factsAt(join(world.root, row.cwd ?? 'app'));
      return {
        row,
        verdict: classify(row.command, facts, { lockdown: false }),
        withoutFloor: classifyAnalysis(analyze(row.command, facts), facts, { lockdown: false }, specific),
      };
    });
  });
  after(() => cleanup());

  it('holds at least 200 rows across at least 40 tools, half of them destroying', () => {
    assert.ok(rows.length >= 200);
    assert.ok(new Set(rows.map((r) => r.tool)).size >= 40);
    assert.ok(rows.filter((r) => r.label === 'flag').length >= rows.length * 0.4);
  });

  it('the covered families: recall ≥ 0.95, false positives ≤ 3%', () => {
    const covered = tally(pairs.filter((p) => COVERED.includes(p.row.family)));
    assert.ok(recall(covered) >= 0.95, `recall ${recall(covered).toFixed(3)} (${covered.caught}/${covered.flag})`);
    assert.ok(falsePositives(covered) <= 0.03, `false positives ${falsePositives(covered).toFixed(3)} (${covered.flagged}/${covered.allow})`);
    for (const family of COVERED) {
      const t = tally(pairs.filter((p) => p.row.family === family));
      assert.ok(recall(t) >= 0.8 && falsePositives(t) <= 0.05, `${family}: recall ${recall(t).toFixed(3)}, false positives ${falsePositives(t).toFixed(3)}`);
    }
  });

  it('the held-out rows, written after the rules: recall and false positives as measured', () => {
    const held = tally(pairs.filter((p) => HELD_OUT.test(p.row.family)));
    assert.ok(held.flag >= 40 && held.allow >= 20, `held-out rows: ${held.flag} destroying, ${held.allow} look-alikes`);
    assert.ok(recall(held) >= 0.9, `held-out recall ${recall(held).toFixed(3)} (${held.caught}/${held.flag})`);
    assert.ok(falsePositives(held) <= 0.05, `held-out false positives ${falsePositives(held).toFixed(3)} (${held.flagged}/${held.allow})`);
  });

  it('the whole corpus: false positives ≤ 3%, recall no lower than reached (items 5 and 7 are other work)', () => {
    const all = tally(pairs);
    assert.ok(falsePositives(all) <= 0.03, `false positives ${falsePositives(all).toFixed(3)} (${all.flagged}/${all.allow})`);
    assert.ok(recall(all) >= 0.8, `recall ${recall(all).toFixed(3)} (${all.caught}/${all.flag})`);
  });

  it('the verb floor catches what no specific rule does, and never turns a look-alike into a question', () => {
    const onlyFloor = pairs.filter((p) => p.row.label === 'flag' && FLAGGED.has(p.verdict.decision) && !FLAGGED.has(p.withoutFloor.decision));
    assert.ok(onlyFloor.length >= 100, `rows only the verb floor catches: ${onlyFloor.length}`);
    const floorFalsePositives = pairs.filter((p) => p.row.label === 'allow' && FLAGGED.has(p.verdict.decision) && !FLAGGED.has(p.withoutFloor.decision));
    assert.deepEqual(floorFalsePositives.map((p) => p.row.command), []);
  });
});
