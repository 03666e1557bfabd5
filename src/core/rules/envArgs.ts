import type { ArgWord, Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { resolvePath } from '../paths';
import { infraPack } from './infra';
import { scanSql } from './support/sqlScan';
import { invocationCommand } from '../registry/commandModel';

/**
 * Arguments and start-up code a tool takes from its environment: `TF_CLI_ARGS` / `TF_CLI_ARGS_apply`
 * add `-destroy -auto-approve` to a harmless-looking `terraform apply`; `PSQLRC` names a file psql runs
 * before anything else; `PGOPTIONS="-c session_replication_role=replica"` switches off triggers and
 * foreign-key checks for the session; `KUBECTL_EXTERNAL_DIFF` names the program `kubectl diff` runs.
 * The variables come from the command's own prefixes and the agent's environment.
 */

function variable(inv: Invocation, ctx: RuleContext, name: string): string | undefined {
  return inv.assignments[name] ?? ctx.facts.envSelectors[name];
}

function words(text: string): ArgWord[] {
  return text.split(/\s+/).filter(Boolean).map((t) => ({ text: t, raw: t, dynamic: /[$`]/.test(t), glob: false }));
}

const TERRAFORMS = new Set(['terraform', 'tofu']);

function terraform(inv: Invocation, ctx: RuleContext): Finding[] {
  const parsed = invocationCommand(inv)?.parsed;
  const sub = parsed?.path[0] ?? parsed?.operands[0]?.text;
  if (sub === undefined) return [];
  const injected = [variable(inv, ctx, 'TF_CLI_ARGS'), variable(inv, ctx, `TF_CLI_ARGS_${sub}`)].filter((v): v is string => v !== undefined && v !== '');
  if (injected.length === 0) return [];
  const extra = injected.flatMap(words);
  if (sub === 'plan' && extra.some((w) => w.text === '-destroy')) {
    // The saved plan destroys what the same apply -destroy would: judge it as that, for its stack and environment.
    const asApply: Invocation = { ...inv, args: [...inv.args.map((a) => (a.text === 'plan' ? { ...a, text: 'apply', raw: 'apply' } : a)), ...words('-destroy')], assignments: {} };
    const stack = (infraPack.checkInvocation?.(asApply, ctx) ?? []).flatMap((f) => f.targets);
    return [{ rule: 'env-args.terraform-plan-destroy', risk: 'destructive', severity: 'ask', reason: `TF_CLI_ARGS${variable(inv, ctx, 'TF_CLI_ARGS_plan') ? '_plan' : ''} adds -destroy to \`${inv.name} plan\`: the plan it saves destroys every resource, and an apply of it carries that out.`, targets: stack }];
  }
  const withExtra: Invocation = { ...inv, args: [...inv.args, ...extra], assignments: {} };
  return (infraPack.checkInvocation?.(withExtra, ctx) ?? []).map((f) => ({ ...f, reason: `${f.reason} (the arguments come from TF_CLI_ARGS)` }));
}

/** Programs that only show a diff. */
const DIFF_PROGRAMS = /^(diff|colordiff|delta|dyff|difft|difftastic|meld|vimdiff|git|icdiff|ydiff|kdiff3|opendiff)$/;

function kubectl(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!inv.args.some((a) => a.text === 'diff')) return [];
  const program = variable(inv, ctx, 'KUBECTL_EXTERNAL_DIFF');
  if (program === undefined || program === '') return [];
  const first = program.trim().split(/\s+/)[0] ?? '';
  if (DIFF_PROGRAMS.test(first.slice(first.lastIndexOf('/') + 1))) return [];
  return [{ rule: 'env-args.kubectl-external-diff', risk: 'unanalyzable', severity: 'ask', reason: `kubectl diff runs ${first} (KUBECTL_EXTERNAL_DIFF), a program that is not a diff tool; what it does cannot be checked in advance.`, targets: [] }];
}

function psql(inv: Invocation, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const rc = variable(inv, ctx, 'PSQLRC');
  if (rc !== undefined && rc !== '' && rc !== '/dev/null' && !inv.args.some((a) => a.text === '-X' || a.text === '--no-psqlrc')) {
    const text = /[$`]/.test(rc) ? undefined : ctx.facts.readFile(resolvePath(resolvePath(ctx.facts.cwd, inv.cwd, ctx.facts.home), rc, ctx.facts.home));
    const destroys = text !== undefined && scanSql(text).some((s) => s.effect !== 'read');
    if (text === undefined || destroys) {
      out.push({ rule: 'env-args.psqlrc', risk: text === undefined ? 'unanalyzable' : 'destructive', severity: 'ask', reason: `psql first runs the statements in ${rc} (PSQLRC)${text === undefined ? ', which cannot be read in advance' : ', which change data'}.`, targets: [] });
    }
  }
  const options = variable(inv, ctx, 'PGOPTIONS');
  if (options !== undefined && /session_replication_role\s*=\s*'?replica|triggers?\s*=\s*off/i.test(options)) {
    out.push({ rule: 'env-args.pgoptions', risk: 'destructive', severity: 'ask', reason: 'PGOPTIONS switches off triggers and foreign-key checks for this session (session_replication_role=replica): deletes leave orphaned rows behind.', targets: [] });
  }
  return out;
}

export const envArgsPack: RulePack = {
  id: 'env-args',
  title: 'Arguments and start-up code tools take from the environment (TF_CLI_ARGS, PSQLRC, PGOPTIONS, KUBECTL_EXTERNAL_DIFF)',
  commands: ['terraform', 'tofu', 'psql', 'kubectl'],
  checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
    if (TERRAFORMS.has(inv.name)) return terraform(inv, ctx);
    if (inv.name === 'psql') return psql(inv, ctx);
    return kubectl(inv, ctx);
  },
};
