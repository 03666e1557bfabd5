import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { resolvePath, basename } from '../paths';
import { REMOTE_CWD } from '../policy/handlers/context';
import { parsedArgs, toolArgs } from '../registry/commandModel';
import { cdk, pulumi } from '../registry/tools/pulumi';
import { terraform, terragrunt } from '../registry/tools/terraform';
import { helmfileGrammar } from '../registry/tools/helmfile';
import type { ToolArgs, ToolSpec } from '../registry/types';
import { backendHints, pulumiChanges, stackReadAccess, terraformChanges, terraformReadAccess, variablesOf } from './infraChanges';

/**
 * Infrastructure as code: terraform/tofu/terragrunt destroy, apply -destroy, state rm and workspace
 * delete; pulumi destroy and stack rm; cdk destroy. The stack's environment comes from the selected
 * workspace (TF_WORKSPACE, .terraform/environment), -var-file names, -chdir and the folder the
 * command runs in (envs/prod), pulumi --stack and cdk stack names. Every target is remote.
 */

function finding(rule: string, reason: string, targets: Target[]): Finding {
  return { rule: `infra.${rule}`, risk: 'destructive', severity: 'ask', reason, targets };
}

function stackTarget(name: string, provider: string, sources: { source: string; value: string }[], ctx: RuleContext, selectors: readonly string[]): Target {
  const env = ctx.environmentOf({ values: [], sources, remote: true, selectors });
  return { kind: 'stack', name, provider, remote: true, environment: env.environment, environmentReason: env.reason };
}

/** The invocation read by its registry entry: subcommand path (terragrunt's `run-all` skipped), options, operands. */
function readTool(inv: Invocation, tool: ToolSpec): { path: string[]; args: ToolArgs; operands: string[]; everyUnit?: string } {
  let parsed = parsedArgs(inv.args, tool);
  let everyUnit: string | undefined;
  // `terragrunt run [--all] -- destroy -auto-approve` (its newer CLI): the words after `run` and `--` are terraform's command.
  // `terragrunt stack run destroy`: the same over every unit of the stack.
  const stackRun = parsed.path[0] === 'stack' && parsed.operands[0]?.text === 'run' ? parsed.operandIndexes[0] : undefined;
  const runAt = parsed.path.length === 0 && parsed.operands[0]?.text === 'run' ? parsed.operandIndexes[0] : stackRun;
  if (tool === terragrunt && runAt !== undefined) {
    const at = runAt;
    const dashes = parsed.endOfOptions;
    const stackAt = stackRun !== undefined ? parsed.pathIndexes[0] : undefined;
    if (stackAt !== undefined) everyUnit = 'stack run';
    parsed = parsedArgs(inv.args.filter((_, k) => k !== at && k !== dashes && k !== stackAt), tool);
  }
  if (parsed.path[0] === 'run-all') everyUnit = 'run-all';
  const path = parsed.path[0] === 'run-all' ? parsed.path.slice(1) : parsed.path;
  const args = toolArgs(inv.name, parsed, tool);
  if (tool === terragrunt && args.has('--all')) everyUnit ??= '--all';
  return { path, args, operands: parsed.operands.map((w) => w.text), everyUnit };
}

/** `-dry-run`, unless its value turns it off (`-dry-run=false`: the state is changed). */
function isDry(args: ToolArgs): boolean {
  return args.has('-dry-run') && !/^(false|0|no)$/i.test(args.value('-dry-run') ?? '');
}

function checkTerraform(inv: Invocation, ctx: RuleContext): Finding[] {
  const { path, args, operands, everyUnit } = readTool(inv, inv.name === 'terragrunt' ? terragrunt : terraform);
  // `cdktf deploy [stacks] --auto-approve`: deploy is cdktf's own word, read here as an operand.
  if (inv.name === 'cdktf' && path.length === 0 && operands[0] === 'deploy') {
    const auto = args.has('-auto-approve') ? '--auto-approve' : undefined;
    return unapprovedDeploy('cdktf', operands.slice(1), auto, (n) => [{ source: 'stack', value: n }, { source: 'folder', value: basename(inv.cwd) }], ctx, ['ENVIRONMENT', 'STAGE']);
  }
  const sub = path[0];
  if (sub === undefined) return [];
  // terragrunt's own `--working-dir` names the folder (`terragrunt plan --terragrunt-working-dir live/prod/vpc`).
  const chdir = args.value('-chdir') ?? (inv.name === 'terragrunt' ? args.value('--terragrunt-working-dir', '--working-dir') : undefined);
  const dir = chdir ? resolvePath(inv.cwd, chdir, ctx.facts.home) : inv.cwd;

  const sources: { source: string; value: string }[] = [];
  const workspace = inv.assignments.TF_WORKSPACE ?? ctx.facts.envSelectors.TF_WORKSPACE ?? ctx.facts.readFile(dir + '/.terraform/environment')?.trim();
  if (workspace && workspace !== 'default') sources.push({ source: 'workspace', value: workspace });
  for (const f of args.values('-var-file')) sources.push({ source: '-var-file', value: basename(f) });
  for (const v of args.values('-var')) if (/^(env|environment|stage)=/i.test(v)) sources.push({ source: '-var', value: v.split('=')[1] ?? '' });
  // The folder's own name often is the environment (envs/prod); its parents (a home called /home/dev) are not.
  const folder = dir === REMOTE_CWD ? undefined : basename(dir);
  if (folder !== undefined) sources.push({ source: 'folder', value: folder });
  // A relative working folder written on the command says its environment in any segment (`live/prod/vpc`); an absolute one's parents do not.
  // Terragrunt's layout root `live` (Gruntwork's infrastructure-live) names no environment.
  if (chdir !== undefined && !/^[/~$]/.test(chdir)) for (const part of chdir.split('/').slice(0, -1)) if (part !== '' && part !== '.' && part !== '..' && !/^(infrastructure-)?live$/i.test(part)) sources.push({ source: inv.name === 'terragrunt' ? '--working-dir' : '-chdir', value: part });
  sources.push(...backendHints(dir, (path) => ctx.facts.readFile(path)));
  // Run for a stack elsewhere (`atmos terraform apply vpc -s prod`): the names of that place say its environment.
  sources.push(...(inv.remote?.names ?? []));
  const name = workspace && workspace !== 'default' ? `terraform workspace ${workspace}` : folder !== undefined ? `the terraform stack in ${folder}` : `the terraform stack of ${inv.remote?.place ?? 'the remote folder'}`;
  const target = () => [stackTarget(name, inv.name, sources, ctx, ['TF_WORKSPACE', 'ENVIRONMENT', 'APP_ENV', 'STAGE', 'AWS_PROFILE'])];
  const tool = inv.name;

  if (sub === 'destroy') {
    if (args.has('-help')) return [];
    return [finding('terraform-destroy', `Destroys every resource managed by ${name} (${tool} destroy).`, target())];
  }
  if (sub === 'apply' && args.has('-destroy')) return [finding('terraform-destroy', `Destroys every resource managed by ${name} (${tool} apply -destroy).`, target())];
  if (sub === 'apply' && args.has('-replace')) {
    return [finding('terraform-replace', `Destroys and recreates ${args.values('-replace').join(', ')} in ${name} (${tool} apply -replace).`, target())];
  }
  if (sub === 'state' && path[1] === 'mv' && !isDry(args)) {
    const [from = 'a resource', to = 'another address'] = operands;
    return [finding('terraform-state-mv', `Moves ${from} to ${to} in ${name}'s state: a wrong address makes the next apply destroy and recreate the real resource (${tool} state mv).`, target())];
  }
  if (sub === 'state' && (path[1] === 'rm' || path[1] === 'replace-provider') && !isDry(args)) {
    const addresses = operands;
    return [finding('terraform-state-rm', `Removes ${addresses.join(', ') || 'resources'} from ${name}'s state, so terraform no longer manages ${addresses.length === 1 ? 'it' : 'them'} (${tool} state ${path[1]}).`, target())];
  }
  if (sub === 'workspace' && path[1] === 'delete') {
    const ws = operands[0] ?? '';
    return [finding('terraform-workspace-delete', `Deletes the terraform workspace ${ws} and its state.`, [stackTarget(`terraform workspace ${ws}`, tool, [{ source: 'workspace', value: ws }], ctx, [])])];
  }
  if (sub === 'force-unlock') return [finding('terraform-force-unlock', `Forcibly unlocks the state of ${name} while another run may hold it.`, target())];
  const varFiles = sub === 'apply' || sub === 'destroy' || sub === 'import' || sub === 'refresh' ? args.values('-var-file').slice(0, 8).map((f) => ctx.facts.readFile(resolvePath(dir, f, ctx.facts.home))) : [];
  // Over every unit (`run-all`, `--all`, `stack run`) terragrunt appends -auto-approve itself unless told not to.
  const unattended = everyUnit !== undefined && !args.has('--no-auto-approve', '--terragrunt-no-auto-approve') ? `terragrunt ${everyUnit} approves on its own` : undefined;
  const changes = terraformChanges(inv, path, args, operands, { name, tool, target }, variablesOf(inv, varFiles), unattended);
  return changes.length > 0 ? changes : terraformReadAccess(path, { name, tool, target });
}

function checkPulumi(inv: Invocation, ctx: RuleContext): Finding[] {
  const { path, args, operands } = readTool(inv, pulumi);
  const stack = args.value('--stack') ?? inv.assignments.PULUMI_STACK;
  const sources = stack ? [{ source: '--stack', value: stack }] : [];
  const name = stack ? `pulumi stack ${stack}` : 'the selected pulumi stack';
  const verb = path[0];
  if (verb === 'destroy' || verb === 'down' || verb === 'dn') return [finding('pulumi-destroy', `Destroys every resource in ${name} (pulumi ${verb}).`, [stackTarget(name, 'pulumi', sources, ctx, ['PULUMI_STACK', 'ENVIRONMENT', 'STAGE'])])];
  if (verb === 'stack' && (path[1] === 'rm' || path[1] === 'remove')) {
    const s = operands[0] ?? stack;
    return [finding('pulumi-stack-rm', `Deletes the pulumi stack ${s ?? ''} and its history${args.has('--force') ? ', even with resources still in it' : ''}.`.replace('  ', ' '), [stackTarget(s ? `pulumi stack ${s}` : name, 'pulumi', s ? [{ source: 'stack', value: s }] : sources, ctx, [])])];
  }
  if (verb === 'state' && path[1] === 'delete') return [finding('pulumi-state-delete', `Removes a resource from ${name}'s state (pulumi state delete).`, [stackTarget(name, 'pulumi', sources, ctx, [])])];
  const targets = () => [stackTarget(name, 'pulumi', sources, ctx, ['PULUMI_STACK', 'ENVIRONMENT', 'STAGE'])];
  if (verb === 'state' && path[1] === 'unprotect') {
    const which = args.has('--all') ? 'every resource' : (operands[0] ?? 'a resource');
    return [finding('pulumi-state-unprotect', `Removes the protect flag from ${which} in ${name} (pulumi state unprotect): a safety net is removed — a later destroy or replacement deletes ${args.has('--all') ? 'them' : 'it'} without being refused.`, targets())];
  }
  // The stack's state replaced or moved, a running update cut off, updates run on every save: none shows a preview first.
  if (verb === 'stack' && path[1] === 'import') {
    const file = args.value('--file') ?? 'standard input';
    return [finding('pulumi-state-import', `Replaces the state of ${name} with ${file} (pulumi stack import): resources it leaves out are no longer managed (a destroy misses them, an update creates them again), and the state it replaces is kept only in the stack's history.`, targets())];
  }
  if (verb === 'state' && path[1] === 'move') {
    const from = args.value('--source') ?? name;
    const to = args.value('--dest') ?? 'another stack';
    return [finding('pulumi-state-move', `Moves ${operands.join(', ') || 'resources'} from the state of ${from} to ${to} (pulumi state move): ${to} then manages ${operands.length === 1 ? 'it' : 'them'}, and a destroy there deletes the real resources.`, [stackTarget(`pulumi stack ${from}`, 'pulumi', [{ source: '--source', value: from }], ctx, []), stackTarget(`pulumi stack ${to}`, 'pulumi', [{ source: '--dest', value: to }], ctx, [])])];
  }
  if (verb === 'cancel') {
    const production = targets().filter((t) => t.environment === 'production' || t.environment === 'unknown');
    if (production.length > 0) return [finding('pulumi-cancel', `Cancels the update running on ${name} (pulumi cancel): the stack is left half-updated, with resources the state may not record.`, production)];
  }
  if (verb === 'watch') {
    const production = targets().filter((t) => t.environment === 'production' || t.environment === 'unknown');
    if (production.length > 0) return [finding('pulumi-watch', `Updates ${name} on every saved file with no preview (pulumi watch): each edit, deletions and replacements included, is deployed at once.`, production)];
  }
  // `pulumi config rm KEY`, `config rm-all`: the program's next run no longer gets the value (a secret is gone from the stack, no copy kept).
  const configVerb = verb === 'config' ? operands[0] : undefined;
  if (configVerb === 'rm' || configVerb === 'remove' || configVerb === 'rm-all' || configVerb === 'remove-all') {
    const keys = operands.slice(1);
    return [finding('pulumi-config-rm', `Removes the configuration ${keys.length > 0 ? keys.join(', ') : 'values'} from ${name} (pulumi config ${configVerb}): the next update runs without ${keys.length === 1 ? 'it' : 'them'}, and a secret removed this way is not kept anywhere.`, targets())];
  }
  const changes = pulumiChanges(path, args, name, () => [stackTarget(name, 'pulumi', sources, ctx, ['PULUMI_STACK', 'ENVIRONMENT', 'STAGE'])]);
  if (changes.length > 0 || !PULUMI_READS.test(`${verb ?? ''} ${path[1] ?? ''}`)) return changes;
  // `pulumi stack select acme/payments/production`: the stack is the operand (later commands work on it).
  const selected = verb === 'stack' && path[1] === 'select' && operands[0] !== undefined ? operands[0] : undefined;
  const readName = selected !== undefined ? `pulumi stack ${selected}` : name;
  return stackReadAccess(`pulumi ${path.join(' ')}`, readName, [stackTarget(readName, 'pulumi', selected !== undefined ? [{ source: 'stack', value: selected }] : sources, ctx, ['PULUMI_STACK', 'ENVIRONMENT', 'STAGE'])]);
}

/** Pulumi's commands that only look (marked production when the stack is): preview, stack select/output/history/export/graph. */
const PULUMI_READS = /^(preview|pre) |^stack (select|output|history|export|graph)$/;
const CDK_READS = new Set(['diff', 'synth', 'synthesize', 'ls', 'list', 'metadata', 'doctor', 'drift']);

/**
 * A deploy that does not stop for approval (`cdk deploy --require-approval never`, `cdktf deploy
 * --auto-approve`) carries out whatever the diff holds, replacements and deletions included: against a
 * stack named production or not named at all it asks. Without it the tool shows the changes and waits,
 * like `pulumi up` without `--yes`.
 */
function unapprovedDeploy(tool: string, stacks: readonly string[], unattended: string | undefined, sources: (name: string) => { source: string; value: string }[], ctx: RuleContext, selectors: readonly string[]): Finding[] {
  if (unattended === undefined) return [];
  const names = stacks.length > 0 ? stacks : [`the ${tool} stacks of this app`];
  const targets = names.map((n) => stackTarget(n, tool, sources(n), ctx, selectors)).filter((t) => t.environment === 'production' || t.environment === 'unknown');
  if (targets.length === 0) return [];
  const why = targets[0]!.environment === 'production' ? `${targets[0]!.name} is production (${targets[0]!.environmentReason})` : `nothing says ${targets[0]!.name} is not production`;
  return [finding(`${tool}-unapproved-deploy`, `Deploys ${names.join(', ')} without stopping for approval (${unattended}): every change in the diff, replacements and deletions included, is carried out, and ${why}. \`${tool} diff\` shows the changes first.`, targets)];
}

function checkCdk(inv: Invocation, ctx: RuleContext): Finding[] {
  const { path, args, operands } = readTool(inv, cdk);
  if (path[0] === 'deploy') {
    const profile = args.value('--profile');
    // Only `any-change` stops for every change; the default (`broadening`) stops for security changes alone, so a replaced database goes through.
    const level = args.value('--require-approval');
    const never = /^any-change$/i.test(level ?? '') ? undefined : level !== undefined ? `--require-approval ${level}` : args.has('--hotswap') ? '--hotswap' : 'the default approval level, which stops only for security changes';
    return unapprovedDeploy('cdk', operands, never, (n) => [...(profile ? [{ source: '--profile', value: profile }] : []), { source: 'stack', value: n }], ctx, ['AWS_PROFILE', 'ENVIRONMENT', 'STAGE']);
  }
  if (CDK_READS.has(path[0] ?? '')) {
    const profile = args.value('--profile');
    const names = operands.length > 0 ? operands : ['the CDK stacks of this app'];
    return stackReadAccess(`cdk ${path[0]}`, names.join(', '), names.map((n) => stackTarget(n, 'aws-cdk', [...(profile ? [{ source: '--profile', value: profile }] : []), ...(operands.length > 0 ? [{ source: 'stack', value: n }] : [])], ctx, ['AWS_PROFILE', 'ENVIRONMENT', 'STAGE'])));
  }
  if (path[0] !== 'destroy') return [];
  const stacks = operands;
  const all = args.has('--all');
  const profile = args.value('--profile');
  const names = stacks.length > 0 ? stacks : [all ? 'every CDK stack in this app' : 'the CDK stack'];
  return [finding('cdk-destroy', `Destroys the CloudFormation stack${names.length === 1 ? '' : 's'} ${names.join(', ')} (cdk destroy).`,
    names.map((n) => stackTarget(n, 'aws-cdk', [...(profile ? [{ source: '--profile', value: profile }] : []), { source: 'stack', value: n }], ctx, ['AWS_PROFILE', 'ENVIRONMENT', 'STAGE'])))];
}

export const infraPack: RulePack = {
  id: 'infra',
  title: 'Terraform, Pulumi and CDK destroys',
  commands: ['terraform', 'tofu', 'terragrunt', 'pulumi', 'cdk', 'cdktf'],
  checkInvocation(inv, ctx) {
    if (inv.name === 'pulumi') return checkPulumi(inv, ctx);
    if (inv.name === 'cdk') return checkCdk(inv, ctx);
    return checkTerraform(inv, ctx);
  },
};

/**
 * `helmfile -e production sync|apply|deploy`: every release of that environment is installed, upgraded
 * or (marked `installed: false`) deleted, with no diff shown first unless `--interactive`. Against
 * production (or no environment named) it asks; `diff`, `template`, `lint` and `destroy` are left to
 * the verb floor, which is why this pack lists no commands (a list would take helmfile off the floor).
 */
function checkHelmfile(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'helmfile') return [];
  const parsed = parsedArgs(inv.args, helmfileGrammar);
  const args = toolArgs(inv.name, parsed, helmfileGrammar);
  const verb = parsed.path[0];
  if (verb === undefined || args.has('--interactive') || args.has('--help')) return [];
  const environment = args.value('--environment');
  const env = ctx.environmentOf({ values: environment !== undefined ? [environment] : [], remote: true });
  if (env.environment !== 'production' && env.environment !== 'unknown') return [];
  const which = environment ?? 'default';
  return [finding('helmfile-unreviewed-sync', `Installs, upgrades or removes every release of the helmfile environment ${which} (helmfile ${verb}) without showing the diff first${env.environment === 'production' ? `, in production (${env.reason})` : ', and nothing says it is not production'}.`, [
    { kind: 'stack', name: `helmfile environment ${which}`, provider: 'helmfile', remote: true, environment: env.environment, environmentReason: env.reason },
  ])];
}

export const helmfilePack: RulePack = {
  id: 'infra-helmfile',
  title: 'helmfile sync and apply against production',
  checkInvocation: checkHelmfile,
  reactsTo: (name) => name === 'helmfile',
};
