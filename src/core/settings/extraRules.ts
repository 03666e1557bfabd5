/**
 * A team's own command rules (policy files' `rules`): each matches the command line, or any command
 * it runs as the engine sees it (wrappers peeled, nested shells expanded), and adds an ask or a deny.
 * They are a layer on top of the rule packs and can only make a verdict stricter.
 */
import type { Verdict } from '../policy/types';
import type { ExtraRule } from './types';

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(`^${body}$`);
}

/** Does the rule's glob match the whole of any of these texts (surrounding whitespace ignored)? */
export function ruleMatches(rule: ExtraRule, texts: readonly string[]): boolean {
  const re = globToRegExp(rule.match.trim());
  return texts.some((t) => re.test(t.trim().replace(/\s+/g, ' ')));
}

/** The verdict with every matching rule applied. Lockdown turns a resulting ask into a deny. */
export function applyExtraRules(verdict: Verdict, texts: readonly string[], rules: readonly ExtraRule[], lockdown: boolean): Verdict {
  const hits = rules.filter((r) => ruleMatches(r, texts));
  if (hits.length === 0) return verdict;
  const reasons = [...verdict.reasons];
  for (const h of hits) if (!reasons.includes(h.reason)) reasons.push(h.reason);
  const denied = hits.some((h) => h.decision === 'deny') || verdict.decision === 'deny';
  if (denied || lockdown) {
    if (!denied) reasons.push('Lockdown is on: every action that would need confirmation is denied.');
    return { ...verdict, decision: 'deny', reasons, confirm: null };
  }
  return { ...verdict, decision: 'ask', reasons, confirm: verdict.confirm ?? (hits[0]!.match.replace(/\*/g, '').trim().slice(0, 40) || 'allow once') };
}
