import type { ClassifyOptions, Decision, Finding, Risk, Target, Verdict } from './types';

export const UNKNOWN_TREATED_AS_PRODUCTION = 'environment unknown — treated as production';

const RANK: Record<Decision, number> = { allow: 0, ask: 1, deny: 2 };

/**
 * A remote target of a blocking finding whose environment could not be resolved is production:
 * the incident's agent guessed "staging" and was wrong. Read-only (info) findings keep "unknown".
 */
function settleEnvironment(finding: Finding): Finding {
  if (finding.severity === 'info') return finding;
  const targets = finding.targets.map((t): Target =>
    t.remote && t.environment === 'unknown'
      ? { ...t, environment: 'production', environmentReason: UNKNOWN_TREATED_AS_PRODUCTION }
      : t,
  );
  return { ...finding, targets };
}

function sameTarget(a: Target, b: Target): boolean {
  return a.kind === b.kind && a.name === b.name && a.provider === b.provider;
}

/** The phrase a human types to allow once: the primary target's name, short enough to type. */
export function confirmPhrase(targets: readonly Target[], fallback: string): string {
  const primary = targets.find((t) => t.environment === 'production') ?? targets[0];
  if (!primary) return fallback;
  const name = primary.name.trim();
  if (name.length === 0) return fallback;
  return name.length <= 40 ? name : name.slice(0, 40);
}

/** Fold findings into one verdict. Lockdown turns every ask into deny. */
export function composeVerdict(findings: readonly Finding[], options: ClassifyOptions): Verdict {
  const settled = findings.map(settleEnvironment);
  let decision: Decision = 'allow';
  const risks: Risk[] = [];
  const reasons: string[] = [];
  const targets: Target[] = [];
  for (const f of settled) {
    const d: Decision = f.severity === 'info' ? 'allow' : f.severity;
    if (RANK[d] > RANK[decision]) decision = d;
    if (!risks.includes(f.risk)) risks.push(f.risk);
    if (!reasons.includes(f.reason)) reasons.push(f.reason);
    for (const t of f.targets) if (!targets.some((x) => sameTarget(x, t))) targets.push(t);
  }
  for (const t of targets) {
    if (t.environment === 'production' && t.remote) {
      const line = `${t.name} is production (${t.environmentReason}).`;
      if (decision !== 'allow' && !reasons.includes(line)) reasons.push(line);
    }
  }
  const production = targets.some((t) => t.environment === 'production');
  if (options.lockdown && decision === 'ask') {
    decision = 'deny';
    reasons.push('Lockdown is on: every action that would need confirmation is denied.');
  }
  const confirm = decision === 'ask' ? confirmPhrase(targets, 'allow once') : null;
  return { decision, production, risks, reasons, targets, confirm };
}
