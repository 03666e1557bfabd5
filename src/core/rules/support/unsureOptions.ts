import type { Finding, Invocation, RulePack } from '../../policy/types';
import { effectOf, readingsOf, toolNamed } from '../../registry/commandModel';
import type { Effect } from '../../registry/types';
import { TOOL_ENTRIES } from '../../registry/tools';

/**
 * Where the command model's knowledge ends. An option the registry does not know may or may not take
 * the next word as its value; when the two readings reach different subcommands and either could
 * delete something or run a command elsewhere, the guard cannot tell what runs and asks. When both
 * readings only read, it allows and records why. ("Unsure" never means allow for a subcommand that
 * could be destructive.)
 */

const WHAT: Readonly<Record<Effect, string>> = {
  delete: 'deletes or overwrites something',
  exec: 'runs a command line somewhere else',
  mutate: 'changes something',
  read: 'only reads',
};

function shown(inv: Invocation, path: readonly string[]): string {
  return [inv.name, ...path].join(' ');
}

function checkUnsure(inv: Invocation): Finding[] {
  const tool = toolNamed(inv.name);
  if (!tool) return [];
  const all = readingsOf(inv.args, tool);
  if (all.length < 2) return [];
  const [usual, other] = all as [(typeof all)[0], (typeof all)[0]];
  const option = usual.unsure[0]!.option;
  const effects = [effectOf(tool, usual, inv.args), effectOf(tool, other, inv.args)];
  const samePath = usual.path.join(' ') === other.path.join(' ');
  if (samePath && effects[0] === effects[1]) return [];
  // The other reading changing something (`kubectl --log-file get scale deploy api --replicas=0` read as `scale`)
  // may destroy by its options, which no pack sees (they judge the usual reading): unsure asks (issue #10).
  const risky = [effects.findIndex((e) => e === 'delete' || e === 'exec'), !samePath && effects[1] === 'mutate' ? 1 : -1].find((i) => i >= 0) ?? -1;
  if (risky >= 0) {
    const path = (risky === 0 ? usual : other).path;
    return [{
      rule: 'commands.unsure-option',
      risk: 'unanalyzable',
      severity: 'ask',
      reason: `Cannot tell whether ${option} takes a value in \`${inv.name}\`: read one way the command is \`${shown(inv, path)}\`, which ${WHAT[effects[risky]!]}.`,
      targets: [],
    }];
  }
  const known = effects.filter((e) => e !== undefined);
  if (!samePath && known.length > 0 && known.every((e) => e === 'read')) {
    return [{
      rule: 'commands.unsure-option',
      risk: 'unanalyzable',
      severity: 'info',
      reason: `Cannot tell whether ${option} takes a value in \`${inv.name}\`; either way the command only reads.`,
      targets: [],
    }];
  }
  return [];
}

export const unsureOptionsPack: RulePack = {
  id: 'commands',
  title: 'Options the command model cannot read for certain',
  commands: TOOL_ENTRIES.flatMap((t) => t.names),
  checkInvocation: checkUnsure,
};
