import type { Finding, Invocation, Target } from '../policy/types';
import { PLAN_MADE, PLAN_SHOWN } from '../registry/tools/terraform';
import type { ToolArgs } from '../registry/types';

/**
 * Infrastructure changes that destroy without saying "destroy": a saved plan applied (it carries out
 * whatever it holds, deletions included, without asking again), a state pushed over the remote one,
 * a resource tainted for replacement, deletion protection switched off through a variable, and
 * pulumi's forced replacements. Read by the infra pack (`./infra.ts`) after its own destroys.
 */

interface Stack {
  /** 'terraform workspace prod', 'the terraform stack in app'. */
  name: string;
  tool: string;
  target(): Target[];
}

function finding(rule: string, reason: string, targets: Target[], severity: 'ask' | 'deny' = 'ask'): Finding {
  return { rule: `infra.${rule}`, risk: 'destructive', severity, reason, targets };
}

/** Variables that, set this way, take away a resource's protection against deletion. */
const PROTECTION_OFF: readonly { name: RegExp; value: RegExp; what: string }[] = [
  { name: /(deletion|termination|delete|destroy)_?protect(ion|ed)?$|^protect(ed)?$|prevent_destroy$/i, value: /^(false|0|no|off|disabled?)$/i, what: 'deletion protection' },
  { name: /skip_final_snapshot$/i, value: /^(true|1|yes|on)$/i, what: 'the final snapshot taken before a database is deleted' },
  { name: /force_(destroy|delete)$/i, value: /^(true|1|yes|on)$/i, what: 'the refusal to delete a bucket or registry that still holds data' },
];

function protectionOff(values: readonly string[]): { variable: string; what: string } | undefined {
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) continue;
    const name = v.slice(0, eq).trim();
    const value = v.slice(eq + 1).trim().replace(/^["']|["']$/g, '');
    const rule = PROTECTION_OFF.find((r) => r.name.test(name) && r.value.test(value));
    if (rule) return { variable: `${name}=${value}`, what: rule.what };
  }
  return undefined;
}

/** The saved-plan, state, taint and variable findings of a terraform, tofu or terragrunt invocation. */
/**
 * Variables an apply gets besides `-var`: `TF_VAR_name=value` in its environment and the lines of its
 * `-var-file`s (`deletion_protection = false`), as `name=value`.
 */
export function variablesOf(inv: Invocation, varFiles: readonly (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(inv.assignments)) if (name.startsWith('TF_VAR_')) out.push(`${name.slice(7)}=${value}`);
  for (const text of varFiles) {
    for (const line of (text ?? '').split('\n').slice(0, 2000)) {
      const m = /^\s*([A-Za-z_][\w-]*)\s*=\s*("?)([^"#\n]*)\2/.exec(line);
      if (m) out.push(`${m[1]}=${m[3]!.trim()}`);
    }
  }
  return out;
}

/** Production, or remote with no environment named (which the verdict treats as production). */
function productionOrUnknown(t: Target): boolean {
  return t.environment === 'production' || (t.remote && t.environment === 'unknown');
}

function whichEnvironment(name: string, t: Target): string {
  return t.environment === 'production' ? `${name} is production (${t.environmentReason})` : `nothing says ${name} is not production`;
}

export function terraformChanges(inv: Invocation, path: readonly string[], args: ToolArgs, operands: readonly string[], stack: Stack, variables: readonly string[] = [], unattended?: string): Finding[] {
  const sub = path[0];
  const { name, tool } = stack;
  const findings: Finding[] = [];
  if (sub === 'apply' && operands.length > 0 && !args.has('-destroy')) {
    const plan = operands[0]!;
    const made = inv.assignments[PLAN_MADE + plan];
    const shown = made !== undefined || inv.assignments[PLAN_SHOWN + plan] !== undefined;
    if (made === 'destroy') {
      findings.push(finding('terraform-destroy', `Destroys every resource managed by ${name}: the saved plan ${plan} was made by \`${tool} plan -destroy\` (${tool} apply ${plan}).`, stack.target()));
    } else {
      const targets = stack.target();
      const production = targets.some((t) => t.environment === 'production');
      const blind = production && !shown;
      const reason =
        `Applies the saved plan ${plan} to ${name}: a saved plan carries out every change it holds, deletions and replacements included, without asking again` +
        (blind ? `; its changes are not shown on this line (\`${tool} show ${plan}\` prints them), and ${name} is production.` : '.');
      findings.push(finding('terraform-saved-plan', reason, targets, blind ? 'deny' : 'ask'));
    }
  }
  // An apply with no saved plan carries out whatever it plans now: against production state it asks. Without
  // -auto-approve terraform waits for a typed "yes" (an agent's run with no terminal is cancelled), so only a
  // stack named production asks; with it, a stack nobody named asks too (unknown is production).
  if (sub === 'apply' && operands.length === 0 && !args.has('-destroy') && !args.has('-refresh-only')) {
    // `echo yes | terraform apply`, `terraform apply <<< yes`: the typed "yes" comes from standard input.
    const fed = inv.stdin !== undefined;
    // Terragrunt's non-interactive mode answers every prompt itself (`run-all apply --terragrunt-non-interactive`).
    const auto = (args.has('-auto-approve') && !/^(false|0)$/i.test(args.value('-auto-approve') ?? '')) || args.has('--terragrunt-non-interactive') || fed || unattended !== undefined;
    const targets = stack.target().filter((t) => (auto ? productionOrUnknown(t) : t.environment === 'production'));
    if (targets.length > 0) {
      findings.push(finding('terraform-unreviewed-apply', `Applies changes to ${name} without a reviewed saved plan${auto ? ` and without asking (${fed ? 'its "yes" fed on standard input' : args.has('--terragrunt-non-interactive') ? '--terragrunt-non-interactive' : args.has('-auto-approve') ? '-auto-approve' : unattended ?? '-auto-approve'})` : ''}: whatever it plans now, deletions and replacements included, is carried out, and ${whichEnvironment(name, targets[0]!)}. A saved plan (\`${tool} plan -out tfplan\`, then \`${tool} apply tfplan\`) shows the changes first.`, targets));
    }
  }
  if (sub === 'state' && path[1] === 'push') {
    const file = operands[0] ?? 'a state file';
    const force = args.has('-force');
    findings.push(finding('terraform-state-push', `Overwrites the state of ${name} with ${file}${force ? ', even where its lineage or serial says it is older (-force)' : ''}: resources missing from it are no longer managed, and the state it replaces is lost unless the backend keeps versions (${tool} state push).`, stack.target()));
  }
  // `import ADDR ID`: the real resource joins the stack's state with no prompt; the stack's next apply or destroy then changes or deletes it.
  if (sub === 'import' && operands.length >= 2) {
    const targets = stack.target().filter(productionOrUnknown);
    if (targets.length > 0) findings.push(finding('terraform-import', `Writes ${operands[1]} into the state of ${name} as ${operands[0]} without asking (${tool} import): from then on ${name} manages it, and its next apply or destroy can change or delete it; ${whichEnvironment(name, targets[0]!)}.`, targets));
  }
  // `init -migrate-state -force-copy` copies the state, every resource attribute and secret output in it, to the backend now configured, answering yes itself.
  if (sub === 'init' && (args.has('-force-copy') || (args.has('-migrate-state') && args.values('-backend-config').length > 0))) {
    const backend = args.values('-backend-config');
    findings.push(finding('terraform-state-migrate', `Copies the state of ${name} to ${backend.length > 0 ? `the backend ${backend.join(', ')} names` : 'the backend the configuration now names'}${args.has('-force-copy') ? ', answering yes to the copy itself (-force-copy)' : ''} (${tool} init -migrate-state): the state holds every resource attribute and secret output, and from then on the stack reads and writes that backend.`, stack.target()));
  }
  if (sub === 'taint') {
    const address = operands[0] ?? 'a resource';
    findings.push(finding('terraform-taint', `Marks ${address} in ${name} for replacement: the next apply destroys it and creates a new one, with none of its data (${tool} taint).`, stack.target()));
  }
  if (sub === 'apply' || sub === 'destroy' || sub === 'import' || sub === 'refresh') {
    const off = protectionOff([...args.values('-var'), ...variables]);
    if (off) findings.push(finding('terraform-protection-off', `Turns off ${off.what} in ${name} (-var ${off.variable}), so what it protected can then be deleted (${tool} ${sub}).`, stack.target()));
  }
  return findings;
}

/** `pulumi up --replace URN` / `--target-replace URN`: destroys and recreates those resources. */
export function pulumiChanges(path: readonly string[], args: ToolArgs, stackName: string, targets: () => Target[]): Finding[] {
  const verb = path[0];
  if (verb !== 'up' && verb !== 'update') return [];
  const replaced = [...args.values('--replace'), ...args.values('--target-replace')];
  if (replaced.length === 0) {
    // `pulumi up --yes` (or `--skip-preview`) carries out the update without showing it: against a production stack it asks.
    if (!args.has('--yes') && !args.has('--skip-preview')) return [];
    const production = targets().filter(productionOrUnknown);
    if (production.length === 0) return [];
    return [finding('pulumi-unreviewed-up', `Updates ${stackName} without showing the changes first (pulumi ${verb} ${args.has('--yes') ? '--yes' : '--skip-preview'}): whatever it plans, deletions and replacements included, is carried out, and ${whichEnvironment(stackName, production[0]!)}.`, production)];
  }
  const shown = replaced.map((urn) => urn.split('::').pop() ?? urn);
  return [finding('pulumi-replace', `Destroys and recreates ${shown.join(', ')} in ${stackName}, with none of its data (pulumi ${verb} --replace).`, targets())];
}

/** Files a stack's backend block is usually written in (the language's conventions), and the record `init` keeps. */
const BACKEND_FILES = ['backend.tf', 'main.tf', 'terraform.tf', 'versions.tf', 'providers.tf'];

/**
 * Names the stack's state backend gives: the state key (`prod/terraform.tfstate`), bucket, workspace
 * prefix or remote workspace, from `.terraform/terraform.tfstate` (written by `init`) or the backend
 * block of the folder's usual files. They say the environment the way a folder name does.
 */
export function backendHints(dir: string, readFile: (path: string) => string | undefined): { source: string; value: string }[] {
  const hints: { source: string; value: string }[] = [];
  const add = (value: string | undefined): void => {
    if (value && hints.length < 8 && !hints.some((h) => h.value === value)) hints.push({ source: 'state backend', value });
  };
  const record = readFile(`${dir}/.terraform/terraform.tfstate`);
  if (record) {
    for (const m of record.matchAll(/"(key|bucket|prefix|workspace_key_prefix|path|container_name|name|organization)"\s*:\s*"([^"]{1,200})"/g)) add(m[2]);
  }
  for (const file of BACKEND_FILES) {
    const text = readFile(`${dir}/${file}`);
    if (!text) continue;
    const block = /\b(backend\s+"[^"]+"|cloud)\s*\{([\s\S]{0,2000}?)\n\s*\}/.exec(text);
    if (!block) continue;
    for (const m of block[2]!.matchAll(/\b(key|bucket|prefix|workspace_key_prefix|path|container_name|name)\s*=\s*"([^"]{1,200})"/g)) add(m[2]);
    break;
  }
  return hints;
}

/** Commands that only look at a stack (and print what they saw): read-only work marked production when it is. */
const READS = new Set(['plan', 'show', 'output', 'state', 'console', 'graph', 'validate', 'providers']);

/** Read-only work on a stack that is production: allowed, and the verdict says production. */
export function terraformReadAccess(path: readonly string[], stack: Stack): Finding[] {
  const sub = path[0];
  if (!sub || !READS.has(sub) || (sub === 'state' && !['list', 'show', 'pull'].includes(path[1] ?? ''))) return [];
  return stackReadAccess(`${stack.tool} ${path.join(' ')}`, stack.name, stack.target());
}

/** Read-only work (`pulumi preview`, `cdk diff`, `terraform plan`) on a stack named production: allowed, and the verdict says production. */
export function stackReadAccess(shown: string, stackName: string, candidates: readonly Target[]): Finding[] {
  const targets = candidates.filter((t) => t.environment === 'production');
  if (targets.length === 0) return [];
  return [{ rule: 'infra.production-access', risk: 'production-access', severity: 'info', reason: `\`${shown}\` reads ${stackName}, which is production (${targets[0]!.environmentReason}).`, targets }];
}
