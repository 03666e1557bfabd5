import type { Finding, Invocation } from '../../policy/types';

/** Schedulers the walker follows into (`at now + 1 hour <<< '…'`, `echo … | batch`): what they run, runs later. */
export function scheduledBy(inv: Pick<Invocation, 'via'>): string | undefined {
  return inv.via.find((v) => /^(at|batch)\b/.test(v));
}

/** Environments read from this machine's present state (its kube or docker context, its selector variables, no host named). */
const AMBIENT = /^(kube context|docker context)\b|in the agent environment|^on this machine$/;

/**
 * What runs later runs where and when the environment may differ: a target whose environment came from
 * the machine's present state (the kube context now, no database host named) is not known for that
 * run, and unknown is production. What the payload names itself (a host, `--context`, a name) stands.
 */
export function laterEnvironment(found: Finding, place: { where?: string; when: string; production?: string }): Finding {
  if (found.severity === 'info') return found;
  if (place.production !== undefined) {
    const live = { kind: 'service' as const, name: place.where ?? 'the deployed app', remote: true, environment: 'production' as const, environmentReason: place.production };
    return { ...found, targets: [...found.targets.map((t) => (t.kind === 'path' ? t : { ...t, environment: 'production' as const, environmentReason: place.production! })), live] };
  }
  if (/^now\b/.test(place.when)) return found;
  // CI runs with the repository's secrets and deploy rights, on machines that are not this one.
  if (/^in CI\b/.test(place.when)) return { ...found, targets: found.targets.map((t) => ({ ...t, remote: true, environment: 'production' as const, environmentReason: "in CI, with the repository's secrets and deploy rights" })) };
  const targets = found.targets.map((t) =>
    t.kind !== 'path' && t.environment !== 'production' && AMBIENT.test(t.environmentReason ?? '')
      ? { ...t, environment: 'production' as const, environmentReason: `${place.when}, where ${t.environmentReason} may no longer hold — treated as production` }
      : t,
  );
  return { ...found, targets };
}
