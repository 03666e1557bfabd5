import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { resolvePath, basename } from '../paths';
import { singleDashOptions, valueAfter } from './support/commandLine';

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

const TF_SUBCOMMAND_POSITION = /^(destroy|apply|plan|state|workspace|import|init|output|show|validate|fmt|refresh|taint|untaint|force-unlock|providers|console|graph|get|test|version|login|logout|run-all|stack)$/;

function checkTerraform(inv: Invocation, ctx: RuleContext): Finding[] {
  const words = inv.args.map((a) => a.text);
  const subIndex = words.findIndex((w) => TF_SUBCOMMAND_POSITION.test(w));
  if (subIndex < 0) return [];
  let sub = words[subIndex] as string;
  let rest = words.slice(subIndex + 1);
  if (sub === 'run-all' && rest[0]) {
    sub = rest[0];
    rest = rest.slice(1);
  }
  const options = singleDashOptions(inv.args.slice(subIndex + 1));
  // `-var x=y` and `-var-file f` also take their value as the next word.
  for (let i = 0; i < rest.length - 1; i++) {
    const flag = (rest[i] as string).replace(/^--/, '-');
    if ((flag === '-var' || flag === '-var-file') && !rest[i + 1]?.startsWith('-')) {
      const list = options.get(flag) ?? [];
      list.push(rest[i + 1] as string);
      options.set(flag, list);
    }
  }
  const chdir = singleDashOptions(inv.args.slice(0, subIndex)).get('-chdir')?.[0];
  const dir = chdir ? resolvePath(inv.cwd, chdir, ctx.facts.home) : inv.cwd;

  const sources: { source: string; value: string }[] = [];
  const workspace = inv.assignments.TF_WORKSPACE ?? ctx.facts.envSelectors.TF_WORKSPACE ?? ctx.facts.readFile(dir + '/.terraform/environment')?.trim();
  if (workspace && workspace !== 'default') sources.push({ source: 'workspace', value: workspace });
  for (const f of options.get('-var-file') ?? []) sources.push({ source: '-var-file', value: basename(f) });
  for (const v of options.get('-var') ?? []) if (/^(env|environment|stage)=/i.test(v)) sources.push({ source: '-var', value: v.split('=')[1] ?? '' });
  // The folder's own name often is the environment (envs/prod); its parents (a home called /home/dev) are not.
  sources.push({ source: 'folder', value: basename(dir) });
  const name = workspace && workspace !== 'default' ? `terraform workspace ${workspace}` : `the terraform stack in ${basename(dir)}`;
  const target = () => [stackTarget(name, inv.name, sources, ctx, ['TF_WORKSPACE', 'ENVIRONMENT', 'APP_ENV', 'STAGE', 'AWS_PROFILE'])];
  const tool = inv.name;

  if (sub === 'destroy') {
    if (options.has('-help')) return [];
    return [finding('terraform-destroy', `Destroys every resource managed by ${name} (${tool} destroy).`, target())];
  }
  if (sub === 'apply' && options.has('-destroy')) return [finding('terraform-destroy', `Destroys every resource managed by ${name} (${tool} apply -destroy).`, target())];
  if (sub === 'apply' && options.has('-replace')) {
    return [finding('terraform-replace', `Destroys and recreates ${(options.get('-replace') ?? []).join(', ')} in ${name} (${tool} apply -replace).`, target())];
  }
  if (sub === 'state' && (rest[0] === 'rm' || rest[0] === 'replace-provider')) {
    const addresses = rest.slice(1).filter((w) => !w.startsWith('-'));
    return [finding('terraform-state-rm', `Removes ${addresses.join(', ') || 'resources'} from ${name}'s state, so terraform no longer manages ${addresses.length === 1 ? 'it' : 'them'} (${tool} state ${rest[0]}).`, target())];
  }
  if (sub === 'workspace' && rest[0] === 'delete') {
    const ws = rest.slice(1).find((w) => !w.startsWith('-')) ?? '';
    return [finding('terraform-workspace-delete', `Deletes the terraform workspace ${ws} and its state.`, [stackTarget(`terraform workspace ${ws}`, tool, [{ source: 'workspace', value: ws }], ctx, [])])];
  }
  if (sub === 'force-unlock') return [finding('terraform-force-unlock', `Forcibly unlocks the state of ${name} while another run may hold it.`, target())];
  return [];
}

function checkPulumi(inv: Invocation, ctx: RuleContext): Finding[] {
  const words = inv.args.map((a) => a.text).filter((w) => !w.startsWith('-'));
  const stack = valueAfter(inv.args, ['--stack', '-s']) ?? inv.assignments.PULUMI_STACK;
  const sources = stack ? [{ source: '--stack', value: stack }] : [];
  const name = stack ? `pulumi stack ${stack}` : 'the selected pulumi stack';
  const verb = words[0];
  if (verb === 'destroy' || verb === 'down') return [finding('pulumi-destroy', `Destroys every resource in ${name} (pulumi ${verb}).`, [stackTarget(name, 'pulumi', sources, ctx, ['PULUMI_STACK', 'ENVIRONMENT', 'STAGE'])])];
  if (verb === 'stack' && (words[1] === 'rm' || words[1] === 'remove')) {
    const s = words[2] ?? stack;
    return [finding('pulumi-stack-rm', `Deletes the pulumi stack ${s ?? ''} and its history${inv.args.some((a) => a.text === '--force' || a.text === '-f') ? ', even with resources still in it' : ''}.`.replace('  ', ' '), [stackTarget(s ? `pulumi stack ${s}` : name, 'pulumi', s ? [{ source: 'stack', value: s }] : sources, ctx, [])])];
  }
  if (verb === 'state' && words[1] === 'delete') return [finding('pulumi-state-delete', `Removes a resource from ${name}'s state (pulumi state delete).`, [stackTarget(name, 'pulumi', sources, ctx, [])])];
  return [];
}

function checkCdk(inv: Invocation, ctx: RuleContext): Finding[] {
  const valued = new Set(['--profile', '-c', '--context', '--app', '-a', '--role-arn', '-r', '--output', '-o']);
  const positionals: string[] = [];
  for (let i = 0; i < inv.args.length; i++) {
    const t = (inv.args[i] as { text: string }).text;
    if (t.startsWith('-')) {
      if (valued.has(t)) i++;
      continue;
    }
    positionals.push(t);
  }
  if (positionals[0] !== 'destroy') return [];
  const stacks = positionals.slice(1);
  const all = inv.args.some((a) => a.text === '--all');
  const profile = valueAfter(inv.args, ['--profile']);
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
