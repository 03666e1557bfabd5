import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/policy/analyze';
import { findingsOf } from '../../../src/core/policy/classify';
import { environmentOf } from '../../../src/core/policy/production';
import { composeVerdict } from '../../../src/core/policy/verdict';
import type { Facts, Finding, RuleContext, RulePack, TargetKind, Verdict } from '../../../src/core/policy/types';
import { testFacts } from './policyFixtures';

/** A rule context whose environment resolver is the engine's real one. */
export function realContext(facts: Facts = testFacts()): RuleContext {
  return { facts, environmentOf: (hints) => environmentOf(hints, facts) };
}

export interface PackRun {
  findings: Finding[];
  verdict: Verdict;
}

/**
 * Parse `command` with the real shell analysis and run one pack over it through the engine's own
 * path (`findingsOf`: pack selection by command name, remote relabelling, deduplication). What the
 * analysis could not read is left out, so a pack's table judges the pack alone.
 */
export function runPack(pack: RulePack, command: string, facts: Facts = testFacts(), lockdown = false): PackRun {
  const analysis = analyze(command, facts);
  const findings = findingsOf({ ...analysis, opaque: [] }, facts, [pack]);
  return { findings, verdict: composeVerdict(findings, { lockdown }) };
}

/** What a table row expects of a command. */
export interface Expectation {
  cmd: string;
  decision: 'allow' | 'ask' | 'deny';
  rule?: string;
  production?: boolean;
  kind?: TargetKind;
  /** The first target's name. */
  name?: string;
  provider?: string;
  reason?: RegExp;
  /** The first target's environment reason. */
  envReason?: RegExp;
  /** For allow: whether an info finding marks production access. */
  info?: boolean;
  facts?: Facts;
}

export function expectCase(pack: RulePack, c: Expectation): void {
  const { findings, verdict } = runPack(pack, c.cmd, c.facts ?? testFacts());
  const shown = JSON.stringify({ findings, verdict }, null, 1);
  assert.equal(verdict.decision, c.decision, shown);
  if (c.rule !== undefined) assert.ok(findings.some((f) => f.rule === c.rule), `expected rule ${c.rule}\n${shown}`);
  if (c.production !== undefined) assert.equal(verdict.production, c.production, shown);
  const target = verdict.targets[0];
  if (c.kind !== undefined) assert.equal(target?.kind, c.kind, shown);
  if (c.name !== undefined) assert.equal(target?.name, c.name, shown);
  if (c.provider !== undefined) assert.equal(target?.provider, c.provider, shown);
  if (c.reason !== undefined) {
    const reason = c.reason;
    assert.ok(verdict.reasons.some((r) => reason.test(r)), `expected a reason matching ${String(reason)}\n${shown}`);
  }
  if (c.envReason !== undefined) assert.match(target?.environmentReason ?? '', c.envReason, shown);
  if (c.info !== undefined) assert.equal(findings.some((f) => f.severity === 'info'), c.info, shown);
  if (c.decision === 'allow' && c.info !== true) assert.equal(findings.filter((f) => f.severity !== 'info').length, 0, shown);
}
