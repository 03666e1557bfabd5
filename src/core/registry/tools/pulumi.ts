import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/** Pulumi: `pulumi <command…> [flags]`, flags anywhere (cobra); `-s/--stack` names the stack. */

const STACK = [valued('-s', '--stack'), valued('-C', '--cwd'), valued('--config-file'), valued('-c', '--config'), valued('--target', '-t'),
  valued('-p', '--parallel'), valued('-m', '--message'), valued('--exclude'), valued('--replace'), valued('--target-replace'), valued('--secrets-provider'),
  flag('-y', '--yes'), flag('--refresh', '-r'), flag('--target-dependents'), flag('--exclude-protected'),
  flag('--remove'), flag('--preserve-config'), flag('-j', '--json'), flag('--diff'), flag('--show-secrets')];

/** The commands that run the program: `-f` skips the preview there. */
const RUN = [...STACK, flag('-f', '--skip-preview'), flag('--preview-only')];

export const pulumi: ToolSpec = {
  names: ['pulumi'],
  family: 'infra',
  locality: 'remote',
  // The stack options are each command's own; they are known before the command too, so a misplaced
  // `-s prod` still names the environment.
  // Global flags as `pulumi --help` lists them: `--logflow` and `--logtostderr` are switches (`pulumi --logflow destroy` destroys).
  options: [valued('--color'), valued('-v', '--verbose'), flag('--logflow'), flag('--logtostderr'), flag('--non-interactive'), flag('-e', '--emoji'), flag('--disable-integrity-checking'),
    flag('-Q', '--fully-qualify-stack-names'), valued('--memprofilerate'), valued('--otel-traces'), valued('--profiling'), valued('--tracing'), valued('--tracing-header'), ...STACK],
  commands: {
    'destroy|down|dn': { options: RUN, effect: 'delete', dryRun: ['--preview-only'] },
    'up|update': { options: RUN, effect: 'mutate' },
    'preview|pre': { options: RUN, effect: 'read' },
    'refresh': { options: RUN, effect: 'mutate', dryRun: ['--preview-only'] },
    stack: {
      options: STACK,
      commands: {
        'rm|remove': { effect: 'delete', options: [flag('-f', '--force')] },
        'ls|list': { effect: 'read' },
        'select': { effect: 'read' },
        'init': { effect: 'mutate' },
        'output': { effect: 'read' },
        'export': { effect: 'read' },
        'history': { effect: 'read' },
        'graph': { effect: 'read' },
        'import': { effect: 'mutate', options: [valued('--file')] },
      },
    },
    state: { options: STACK, commands: { delete: { effect: 'delete', options: [flag('-f', '--force'), flag('--all')] }, unprotect: { effect: 'mutate' }, rename: { effect: 'mutate' }, edit: { effect: 'mutate' }, move: { effect: 'mutate', options: [valued('--source'), valued('--dest'), flag('--include-parents')] } } },
    cancel: { effect: 'mutate' },
    watch: { options: RUN, effect: 'mutate' },
    config: { options: STACK },
  },
  environmentFlags: ['-s', '--stack'],
  environmentVariables: ['PULUMI_STACK'],
  help: { options: ['-h', '--help'] },
};

/** AWS CDK: `cdk <command> [stacks…] [flags]`, flags anywhere (yargs). */
export const cdk: ToolSpec = {
  names: ['cdk'],
  family: 'infra',
  locality: 'remote',
  options: [
    valued('--profile'), valued('-c', '--context'), valued('-a', '--app'), valued('-r', '--role-arn'), valued('-o', '--output'),
    valued('--toolkit-stack-name'), valued('--plugin', '-p'), valued('--ca-bundle-path'), valued('--proxy'),
    flag('--all'), flag('-f', '--force'), flag('-v', '--verbose'), flag('--debug'), flag('--json', '-j'), flag('--strict'), flag('--no-color'),
  ],
  commands: {
    destroy: { effect: 'delete', options: [flag('--exclusively', '-e')] },
    deploy: { effect: 'mutate', options: [valued('--require-approval'), valued('--parameters'), valued('--outputs-file', '-O'), valued('--method', '-m'), flag('--hotswap'), flag('--exclusively', '-e')] },
    diff: { effect: 'read' },
    synth: { effect: 'read' },
    'ls|list': { effect: 'read' },
    bootstrap: { effect: 'mutate' },
  },
  environmentFlags: ['--profile'],
  environmentVariables: ['AWS_PROFILE'],
  // yargs answers -h/--help anywhere by printing the command's help (`cdk destroy --help` destroys nothing).
  help: { options: ['-h', '--help'] },
};
