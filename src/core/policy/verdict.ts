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

/** Targets are the same when their kind, name and provider are. */
function targetKey(t: Target): string {
  return `${t.kind}\0${t.name}\0${t.provider === undefined ? '\u0001' : t.provider}`;
}

/** Longest phrase a human is asked to type; a longer name is cut, a longer list is counted instead. */
const MAX_PHRASE = 40;

const PLURAL: Partial<Record<Target['kind'], string>> = { path: 'paths', repository: 'repositories', branch: 'branches', database: 'databases', table: 'tables', volume: 'volumes', bucket: 'buckets', namespace: 'namespaces', cluster: 'clusters', credential: 'credential files' };
const COUNT_VERB: Partial<Record<Target['kind'], string>> = { path: 'delete', table: 'drop', database: 'drop', credential: 'read' };

/**
 * The phrase a human types to allow once. It covers every target of the kind being acted on (the
 * production one's kind first), never just the first of several: one name, the names side by side
 * ("src legacy"), or when they would not fit, their count ("delete 5 paths"). A credential that only
 * carries the request is not what is acted on, and is left out while anything else is named.
 */
export function confirmPhrase(targets: readonly Target[], fallback: string): string {
  const acted = targets.filter((t) => t.kind !== 'credential' && t.name.trim() !== '');
  const pool = acted.length > 0 ? acted : targets.filter((t) => t.name.trim() !== '');
  const primary = pool.find((t) => t.environment === 'production') ?? pool[0];
  if (!primary) return fallback;
  const names = [...new Set(pool.filter((t) => t.kind === primary.kind).map((t) => t.name.trim()))];
  if (names.length === 1) return names[0]!.slice(0, MAX_PHRASE);
  const list = names.join(' ');
  if (list.length <= MAX_PHRASE) return list;
  return `${COUNT_VERB[primary.kind] ?? 'destroy'} ${names.length} ${PLURAL[primary.kind] ?? `${primary.kind}s`}`;
}

/** Fold findings into one verdict. Lockdown turns every ask into deny. */
export function composeVerdict(findings: readonly Finding[], options: ClassifyOptions): Verdict {
  const settled = findings.map(settleEnvironment);
  let decision: Decision = 'allow';
  const risks: Risk[] = [];
  const reasons: string[] = [];
  const targets: Target[] = [];
  // Sets beside the lists: a command naming thousands of paths must not cost their square.
  const reasonSeen = new Set<string>();
  const targetSeen = new Set<string>();
  const addReason = (reason: string): void => {
    if (reasonSeen.has(reason)) return;
    reasonSeen.add(reason);
    reasons.push(reason);
  };
  for (const f of settled) {
    const d: Decision = f.severity === 'info' ? 'allow' : f.severity;
    if (RANK[d] > RANK[decision]) decision = d;
    if (!risks.includes(f.risk)) risks.push(f.risk);
    addReason(f.reason);
    for (const t of f.targets) {
      const key = targetKey(t);
      if (targetSeen.has(key)) continue;
      targetSeen.add(key);
      targets.push(t);
    }
  }
  for (const t of targets) {
    if (t.environment === 'production' && t.remote && decision !== 'allow') addReason(`${t.name} is production (${t.environmentReason}).`);
  }
  const production = targets.some((t) => t.environment === 'production');
  if (options.lockdown && decision === 'ask') {
    decision = 'deny';
    reasons.push('Lockdown is on: every action that would need confirmation is denied.');
  }
  const confirm = decision === 'ask' ? confirmPhrase(targets, 'allow once') : null;
  return { decision, production, risks, reasons, targets, confirm };
}
