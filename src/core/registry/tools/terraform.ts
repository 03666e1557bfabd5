import { ownTable } from '../../ownTable';
import type { CommandSpec, ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * Terraform and OpenTofu: `terraform [-chdir=DIR] <command> [options] [args]`; options are Go flags
 * (one or two dashes, `-var-file=x` or `-var-file x`), booleans take a value only glued (`-lock=false`).
 * Terragrunt wraps the same commands (and `run-all <command>`). The infra pack judges them.
 */

/**
 * What `terraform plan -out=FILE` and `terraform show FILE` leave for later commands of the same line
 * (as a tool's selection, `../registry/tools/terraform.ts`): the plan was made there (with `-destroy`
 * or not) or its changes were printed. The names cannot be real environment variables.
 */
export const PLAN_MADE = '\u0000terraform-plan-made:';
export const PLAN_SHOWN = '\u0000terraform-plan-shown:';

/** Options of the commands that plan or change a stack (apply, destroy, plan, refresh, import). */
const RUN_OPTIONS = [
  valued('-var'), valued('-var-file'), valued('-replace'), valued('-target'), valued('-out'), valued('-state'), valued('-state-out'),
  valued('-backup'), valued('-lock-timeout'), valued('-parallelism'), valued('-generate-config-out'),
  flag('-destroy'), flag('-auto-approve'), flag('-refresh-only'), flag('-refresh'), flag('-lock'), flag('-input'), flag('-json'),
  flag('-no-color'), flag('-compact-warnings'), flag('-detailed-exitcode'), flag('-help'),
];

const RUN: CommandSpec = { options: RUN_OPTIONS };

/** The commands terraform and tofu share; `effect` says what they do to the stack. */
const COMMANDS: Readonly<Record<string, CommandSpec>> = ownTable({
  destroy: { ...RUN, effect: 'delete' },
  apply: { ...RUN, effect: 'mutate' },
  // A plan saved with -out, and a plan printed by show, are known to later commands of the line (a saved plan applied).
  plan: { ...RUN, effect: 'read', selects: (a) => (a.value('-out') !== undefined ? { [PLAN_MADE + a.value('-out')]: a.has('-destroy') ? 'destroy' : 'plan' } : {}) },
  refresh: { ...RUN, effect: 'mutate' },
  import: { ...RUN, effect: 'mutate' },
  state: {
    options: [valued('-state'), valued('-state-out'), valued('-backup'), valued('-lock-timeout'), flag('-lock'), flag('-dry-run')],
    commands: {
      rm: { effect: 'delete' },
      'replace-provider': { effect: 'mutate', options: [flag('-auto-approve')] },
      mv: { effect: 'mutate' },
      push: { effect: 'mutate', options: [flag('-force')] },
      list: { effect: 'read', options: [valued('-id')] },
      show: { effect: 'read' },
      pull: { effect: 'read' },
    },
  },
  workspace: {
    commands: {
      delete: { effect: 'delete', options: [flag('-force'), flag('-lock'), valued('-lock-timeout')] },
      new: { effect: 'mutate', options: [valued('-state'), flag('-lock'), valued('-lock-timeout')] },
      select: { effect: 'read', options: [flag('-or-create')] },
      list: { effect: 'read' },
      show: { effect: 'read' },
    },
  },
  'force-unlock': { effect: 'mutate', options: [flag('-force')] },
  taint: { effect: 'mutate', options: [valued('-state'), valued('-state-out'), valued('-backup'), valued('-lock-timeout'), flag('-lock'), flag('-allow-missing')] },
  untaint: { effect: 'mutate', options: [valued('-state'), valued('-state-out'), valued('-backup'), valued('-lock-timeout'), flag('-lock'), flag('-allow-missing')] },
  init: { effect: 'mutate', options: [valued('-backend-config'), valued('-plugin-dir'), valued('-from-module'), valued('-lockfile'), flag('-upgrade'), flag('-reconfigure'), flag('-migrate-state'), flag('-force-copy'), flag('-backend'), flag('-get'), flag('-input')] },
  output: { effect: 'read', options: [valued('-state'), flag('-json'), flag('-raw'), flag('-no-color')] },
  show: { effect: 'read', options: [flag('-json'), flag('-no-color')], selects: (a) => (a.operand(0) !== undefined ? { [PLAN_SHOWN + a.operand(0)]: 'shown' } : {}) },
  validate: { effect: 'read', options: [flag('-json'), flag('-no-color')] },
  fmt: { effect: 'mutate', options: [flag('-recursive'), flag('-check'), flag('-diff'), flag('-write'), flag('-list')] },
  providers: { effect: 'read' },
  console: { effect: 'read', options: [valued('-state'), valued('-var'), valued('-var-file')] },
  graph: { effect: 'read', options: [valued('-type'), valued('-plan')] },
  get: { effect: 'mutate', options: [flag('-update')] },
  test: { effect: 'mutate', options: [valued('-filter'), valued('-var'), valued('-var-file'), flag('-verbose'), flag('-json')] },
  version: { effect: 'read', options: [flag('-json')] },
  login: { effect: 'mutate' },
  logout: { effect: 'mutate' },
  metadata: { effect: 'read' },
  stack: {},
});

/**
 * Terraform reads `-chdir`, `-help` and `-version` before the command; the command's own options are
 * known there too, so a misplaced `-var-file=prod.tfvars` still names the environment.
 */
const TERRAFORM_GLOBALS = [valued('-chdir'), flag('-version'), ...RUN_OPTIONS];

export const terraform: ToolSpec = {
  names: ['terraform', 'tofu'],
  family: 'infra',
  locality: 'remote',
  goFlags: true,
  options: TERRAFORM_GLOBALS,
  commands: COMMANDS,
  environmentVariables: ['TF_WORKSPACE'],
};

/** Terragrunt: terraform's commands, `run-all <command>` over every module, and its own `--terragrunt-*` options. */
export const terragrunt: ToolSpec = {
  names: ['terragrunt'],
  family: 'infra',
  locality: 'remote',
  goFlags: true,
  options: [
    ...TERRAFORM_GLOBALS,
    valued('--terragrunt-working-dir', '--working-dir'), valued('--terragrunt-config', '--config'), valued('--terragrunt-log-level', '--log-level'),
    valued('--terragrunt-iam-role', '--iam-assume-role'), valued('--terragrunt-include-dir', '--queue-include-dir'), valued('--terragrunt-exclude-dir', '--queue-exclude-dir'),
    flag('--terragrunt-non-interactive', '--non-interactive'), flag('--terragrunt-ignore-dependency-errors'), flag('--all', '-a'),
    flag('--terragrunt-no-auto-approve', '--no-auto-approve'),
  ],
  commands: { ...COMMANDS, 'run-all': { commands: COMMANDS } },
  environmentVariables: ['TF_WORKSPACE'],
};
