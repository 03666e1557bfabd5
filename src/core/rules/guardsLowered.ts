import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import { freeFormReadings } from '../registry/freeForm';
import { identifierParts } from './support/cliArgs';
import { GUARD_KINDS, guardKindOf, guardLowered, type GuardReading } from './support/securityGuards';
import { quarantineCleared, securityServicesStopped, serviceManagerOf } from './support/securityServices';

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

/** Stop 40: a guard stopped through a service manager or a process killer, a download's quarantine cleared (support/securityServices.ts). */
function throughOthers(inv: Invocation, ctx: RuleContext): Finding[] {
  const spec = toolNamed(inv.name);
  const parsed = spec !== undefined ? parsedArgs(inv.args, spec) : freeFormReadings(inv.args).usual;
  const operands = parsed.operands.map((w) => w.text);
  const env = ctx.environmentOf({ values: [], remote: inv.remote !== undefined });
  const finding = (rule: string, name: string, reason: string): Finding[] => [{
    rule: `guards.${rule}`,
    risk: 'protection-removal',
    severity: 'ask',
    reason,
    targets: [{ kind: 'resource', name, provider: inv.name, remote: inv.remote !== undefined, environment: env.environment, environmentReason: env.reason }],
  }];
  if (inv.name === 'xattr') {
    const a = spec !== undefined ? toolArgs(inv.name, parsed, spec) : undefined;
    const shown = a === undefined ? undefined : quarantineCleared((...names) => a.has(...names), operands);
    const files = operands.slice(shown?.startsWith('-d') === true ? 1 : 0).join(' ') || 'the files named';
    const quarantine = GUARD_KINDS.find((k) => k.id === 'quarantine-off')!;
    return shown === undefined ? [] : finding('quarantine-off', files, `\`xattr ${shown}\` takes the download quarantine off ${files}: a safety net is removed — ${quarantine.lost}.`);
  }
  const stopped = securityServicesStopped(inv.name, operands);
  if (stopped === undefined) return [];
  const first = stopped.services[0]!;
  const what = first.kind?.what ?? 'a service that watches or protects this machine';
  const lost = first.kind?.lost ?? 'the machine is no longer watched or protected by it';
  const shape = serviceManagerOf(inv.name)?.shape;
  const shown = shape === 'processes' || shape === 'cmdlet' || shape === 'start-type' ? `${inv.name} ${first.name}` : shape === 'name-verb' ? `${inv.name} ${first.name} ${stopped.verb}` : `${inv.name} ${stopped.verb} ${first.name}`;
  return finding(first.kind?.id ?? 'security-service', first.name, `\`${shown}\` ${/^(config|disable|delete)$/i.test(stopped.verb) ? 'takes out' : 'stops'} ${stopped.services.map((x) => x.name).join(', ')} (${what}): a safety net is removed — ${lost}.`);
}

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  const kind = guardKindOf(inv.name);
  if (kind === undefined) return throughOthers(inv, ctx);
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
  reactsTo: (name) => guardKindOf(name) !== undefined || serviceManagerOf(name) !== undefined || name === 'xattr',
};
