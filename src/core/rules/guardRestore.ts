import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { guardCliArgStart } from './perimeter/perimeterPack';
import { freeFormReadings } from '../registry/freeForm';

/**
 * `blast-shield restore ID` puts a snapshot back over the working tree (and the index and branch
 * tips), replacing what is there now. It is the human's undo of an action they approved: an agent
 * running it asks, like any other change that overwrites work. Listing snapshots (`restore`,
 * `restore --json`) and the help only read.
 */
function checkRestore(inv: Invocation, ctx: RuleContext): Finding[] {
  const start = guardCliArgStart(inv, ctx.facts, inv.cwd);
  if (start < 0) return [];
  const args = inv.args.slice(start).filter((a) => a.text !== '--');
  if (args[0]?.text !== 'restore') return [];
  const rest = args.slice(1);
  if (rest.some((a) => a.text === '--help' || a.text === '-h')) return [];
  const id = freeFormReadings(rest).usual.operands[0];
  if (!id) return [];
  const name = id.dynamic ? 'a snapshot chosen at run time' : `snapshot ${id.text}`;
  return [
    {
      rule: 'guard.restore',
      risk: 'destructive',
      severity: 'ask',
      reason: `Brings back ${name} over the working tree, replacing the files, index and branch tips there now (blast-shield restore is a human's undo; what it replaces is kept as a snapshot of its own).`,
      targets: [{ kind: 'resource', name: id.text, provider: 'blast-shield snapshot', remote: false, environment: 'local', environmentReason: 'a snapshot of a working tree on this machine' }],
    },
  ];
}

export const guardRestorePack: RulePack = {
  id: 'guard-restore',
  title: "Blast Shield's own restore, run by an agent",
  checkInvocation: checkRestore,
  // The guard CLI's `restore` is always one of the invocation's own words (its first after the CLI).
  gate: { words: /^restore$/ },
};
