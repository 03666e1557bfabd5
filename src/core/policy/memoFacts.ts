import type { CredentialFacts, Facts } from './types';
import { FACT_LOOKUP_UNITS, INDEX_LOOKUP_UNITS, STAT_LOOKUP_UNITS, type WorkMeter } from './workMeter';

/**
 * Facts for one decision: every file-system fact is looked up at most once per path (nested shells,
 * scripts and packs ask about the same paths again and again), and each first look-up spends from
 * the decision's budget. Once the budget is spent, look-ups answer "nothing there": the meter is then
 * exhausted, and an exhausted decision asks, so an unanswered look-up never turns into an allow.
 */
export function memoizedFacts(facts: Facts, meter: WorkMeter): Facts {
  const once = <T>(lookup: (path: string) => T, fallback: T, units = FACT_LOOKUP_UNITS): ((path: string) => T) => {
    let seen: Map<string, T> | undefined;
    return (path) => {
      if (seen?.has(path)) return seen.get(path) as T;
      seen ??= new Map();
      if (!meter.spend(units)) return fallback;
      const value = lookup(path);
      seen.set(path, value);
      return value;
    };
  };
  // A prototype link, not a copy: facts may compute some values lazily (getters) and must keep doing so.
  const memo = Object.create(facts) as Facts;
  memo.readFile = once((p) => facts.readFile(p), undefined);
  memo.listDir = once((p) => facts.listDir(p), undefined);
  const fileStatus = facts.fileStatus;
  if (fileStatus) memo.fileStatus = once((p) => fileStatus.call(facts, p), 'unreadable' as const, STAT_LOOKUP_UNITS);
  const realPath = facts.realPath;
  if (realPath) memo.realPath = once((p) => realPath.call(facts, p), undefined, STAT_LOOKUP_UNITS);
  const fileIdentity = facts.fileIdentity;
  if (fileIdentity) memo.fileIdentity = once((p) => fileIdentity.call(facts, p), undefined, STAT_LOOKUP_UNITS);
  const credentials = facts.credentials;
  if (credentials) {
    const memoCredentials: CredentialFacts = {
      fileInfo: once((p) => credentials.fileInfo(p), undefined),
      filesUnder: once((p) => credentials.filesUnder(p), []),
      originOf: once((v) => credentials.originOf(v), undefined, INDEX_LOOKUP_UNITS),
    };
    // Not memoised: it reports on listings made so far, which change as the decision asks for more.
    const incomplete = credentials.incomplete;
    if (incomplete) memoCredentials.incomplete = (dir) => incomplete.call(credentials, dir);
    memo.credentials = memoCredentials;
  }
  return memo;
}
