import type { Facts, Finding } from '../../policy/types';
import { protectedBeneath, type PerimeterView } from './protectedPaths';

/**
 * Code or a target the hook cannot read may do anything the user can. Whether that reaches the
 * perimeter depends on what is there: when this machine holds a protected place (a hook
 * configuration, the guard home, a start-up file), such a command is denied; on a machine holding
 * none it only asks, since nothing of the guard's is there to take away.
 */

const holds = new WeakMap<Facts, boolean>();

export function perimeterHoldsPlaces(facts: Facts, view: PerimeterView): boolean {
  const known = holds.get(facts);
  if (known !== undefined) return known;
  const answer = view.installed.length > 0 || protectedBeneath('/', facts, view, 1).length > 0;
  holds.set(facts, answer);
  return answer;
}

/** A finding that denies when the perimeter holds something, and asks otherwise. */
export function unreadFinding(rule: string, reason: string, target: string, facts: Facts, view: PerimeterView): Finding {
  const deny = perimeterHoldsPlaces(facts, view);
  return {
    rule: `self-protection.${rule}`,
    risk: deny ? 'self-protection' : 'unanalyzable',
    severity: deny ? 'deny' : 'ask',
    reason: deny ? `${reason}; this machine holds Blast Shield's hook configurations and start-up files, and agents may not change Blast Shield's protection.` : `${reason}, so it needs confirmation.`,
    targets: [{ kind: 'path', name: target, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  };
}
