import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../../../src/core/policy/analyze';
import { classify, classifyAnalysis } from '../../../src/core/policy/classify';
import type { Facts, Verdict } from '../../../src/core/policy/types';
import { RULE_PACKS } from '../../../src/core/rules/index';
import { gatherFacts, repositoryRoot } from '../../../src/node/facts';

/**
 * The fourth held-out corpus of issue #18 (`test/corpus/unknown-heldout-round4.jsonl`): commands from
 * 60+ tools that no rule pack or registry entry names, written from their documentation before the
 * engine scored them. Before the fixes of that round it scored recall 0.787, production 0.821 and
 * false positives 6.5%; the second batch (`heldout4b/` families, written after those fixes) scored
 * recall 0.843, production 0.877 and no false positive before its own; the third (`heldout4c/`,
 * items 3-7) recall 0.846, production 0.836, false positives 3.4%. The bounds are recall
 * ≥ 0.95 and false positives ≤ 3%, and the verb floor must be what catches most of it.
 */

interface Row {
  command: string;
  cwd?: string;
  label: 'flag' | 'allow';
  production: boolean;
  family: string;
  tool: string;
  source: string;
}

const CORPUS = resolve(__dirname, '../../corpus/unknown-heldout-round4.jsonl');
const FLAGGED = new Set(['ask', 'deny']);

describe('corpus: unknown tools, held-out round 4 (issue #18 item 8)', function () {
  this.timeout(120_000);
  const rows: Row[] = readFileSync(CORPUS, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Row);
  let pairs: { row: Row; verdict: Verdict; withoutFloor: Verdict }[] = [];
  let cleanup: () => void = () => undefined;

  before(async () => {
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

  it('holds at least 200 rows across at least 40 tools, about half destroying, each with its source', () => {
    assert.ok(rows.length >= 200, `${rows.length} rows`);
    assert.ok(new Set(rows.map((r) => r.tool)).size >= 40);
    const flag = rows.filter((r) => r.label === 'flag').length;
    assert.ok(flag >= rows.length * 0.4 && flag <= rows.length * 0.6, `${flag} of ${rows.length} destroying`);
    assert.deepEqual(rows.filter((r) => !r.source.startsWith('https://')).map((r) => r.command), []);
  });

  it('recall ≥ 0.95 and false positives ≤ 3%', () => {
    const flags = pairs.filter((p) => p.row.label === 'flag');
    const allows = pairs.filter((p) => p.row.label === 'allow');
    const missed = flags.filter((p) => !FLAGGED.has(p.verdict.decision)).map((p) => p.row.command);
    const flagged = allows.filter((p) => FLAGGED.has(p.verdict.decision)).map((p) => p.row.command);
    assert.ok(missed.length <= flags.length * 0.05, `missed ${missed.length}/${flags.length}: ${missed.join(' | ')}`);
    assert.ok(flagged.length <= allows.length * 0.03, `false positives ${flagged.length}/${allows.length}: ${flagged.join(' | ')}`);
  });

  it('marks production on ≥ 0.95 of the rows that touch it', () => {
    const production = pairs.filter((p) => p.row.production);
    const marked = production.filter((p) => p.verdict.production);
    assert.ok(marked.length >= production.length * 0.95, `production ${marked.length}/${production.length}: ${production.filter((p) => !p.verdict.production).map((p) => p.row.command).join(' | ')}`);
  });

  it('the verb floor catches what no specific rule does, and turns no look-alike into a question', () => {
    const onlyFloor = pairs.filter((p) => p.row.label === 'flag' && FLAGGED.has(p.verdict.decision) && !FLAGGED.has(p.withoutFloor.decision));
    assert.ok(onlyFloor.length >= 60, `rows only the verb floor catches: ${onlyFloor.length}`);
    const floorFalsePositives = pairs.filter((p) => p.row.label === 'allow' && FLAGGED.has(p.verdict.decision) && !FLAGGED.has(p.withoutFloor.decision));
    assert.deepEqual(floorFalsePositives.map((p) => p.row.command), []);
  });
});
