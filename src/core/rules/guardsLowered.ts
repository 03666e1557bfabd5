import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { parsedArgs, toolNamed } from '../registry/commandModel';
import { freeFormReadings } from '../registry/freeForm';
import { identifierParts } from './support/cliArgs';
import { guardKindOf, guardLowered, type GuardReading } from './support/securityGuards';

/**
 * A machine's security guard switched off, made to only log, stopped, left without an admin password or
 * re-baselined (stop 39, red team round 33; the lexicon and its look-alikes are in `support/securityGuards.ts`).
 * Every program the lexicon names is read here, described or not: a described one by its registry entry
 * (`csf -x` is `--disable`), another by its words as written. The guard is this machine's (or the server the
 * command is sent to): the verdict asks, whatever the environment, like `setenforce 0` and `ufw disable`.
 */

function readingOf(inv: Invocation): GuardReading {
  const spec = toolNamed(inv.name);
  const parsed = spec !== undefined ? parsedArgs(inv.args, spec) : freeFormReadings(inv.args).valued;
  const nameParts = identifierParts(inv.name.toLowerCase());
  return {
    nameWords: nameParts.slice(1),
    words: [...parsed.path, ...parsed.operands.map((w) => w.text)],
    options: parsed.options.map((o) => ({ bare: o.name.replace(/^-+/, ''), value: o.values[0] })),
  };
}

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  const kind = guardKindOf(inv.name);
  if (kind === undefined) return [];
  const lowered = guardLowered(kind, readingOf(inv));
  if (lowered === undefined) return [];
  const env = ctx.environmentOf({ values: [], remote: inv.remote !== undefined });
  return [{
    rule: `guards.${kind.id}`,
    risk: 'protection-removal',
    severity: 'ask',
    reason: `\`${[inv.name, lowered.shown].filter((w) => w !== '').join(' ')}\` ${lowered.does}: a safety net is removed — ${lowered.lost ?? kind.lost}.`,
    targets: [{ kind: 'resource', name: kind.what, provider: inv.name, remote: inv.remote !== undefined, environment: env.environment, environmentReason: env.reason }],
  }];
}

export const guardsLoweredPack: RulePack = {
  id: 'guards',
  title: "A machine's security guards switched off or re-baselined: firewall, AppArmor/SELinux, intrusion detection, malware protection, file integrity, DNS blocking, Gatekeeper",
  // No `commands` list: the verb floor keeps judging these programs' other words.
  checkInvocation,
  reactsTo: (name) => guardKindOf(name) !== undefined,
};
