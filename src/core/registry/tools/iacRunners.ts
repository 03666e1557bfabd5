import type { ArgWord } from '../../shell/ast';
import type { ToolArgs, ToolSpec } from '../types';
import { flag, valued } from './options';
import { terraform } from './terraform';

/**
 * Orchestrators that run terraform (or any command) for their stacks (issue #18, round 7): Terramate
 * runs the command after `--` in every selected stack (`terramate run -- terraform destroy
 * -auto-approve`); Atmos runs `terraform <command>` for a component in the stack `-s` names
 * (`atmos terraform apply vpc -s prod -auto-approve`). The command is judged as if it ran here, and the
 * stack Atmos names says its environment.
 */

export const terramate: ToolSpec = {
  names: ['terramate'],
  family: 'runner',
  locality: 'either',
  unknownLong: 'switch',
  options: [valued('-C', '--chdir'), valued('--tags'), valued('--no-tags'), valued('--log-level'), flag('--changed'), flag('--quiet'), flag('-q')],
  commands: {
    run: {
      options: [valued('--parallel', '-j'), flag('--continue-on-error'), flag('--reverse'), flag('--dry-run'), flag('--no-recursive'), flag('-X', '--disable-safeguards'), flag('--sync-deployment'), flag('--sync-drift-status')],
      commandAfterDashDash: true,
      interspersed: false,
      effect: 'exec',
      runsElsewhere: {
        command: { argv: 'after-dashdash' },
        place: () => undefined,
        label: () => 'terramate run',
      },
    },
  },
};

const word = (text: string): ArgWord => ({ text, raw: text, dynamic: false, glob: false });

/** `atmos terraform apply vpc -s prod -auto-approve` -> `terraform apply -auto-approve` (the component and stack are Atmos's). */
function atmosTerraformArgv(a: ToolArgs): ArgWord[] {
  const [, sub, ...rest] = a.parsed.path;
  const command = sub ?? a.parsed.operands[0]?.text;
  if (command === undefined) return [];
  const options = a.parsed.options.filter((o) => o.name !== '-s' && o.depth > 0).flatMap((o) => [word(o.written), ...o.valueWords]);
  return [word('terraform'), word(command), ...rest.map(word), ...options];
}

export const atmos: ToolSpec = {
  names: ['atmos'],
  family: 'runner',
  locality: 'remote',
  goFlags: true,
  unknownLong: 'switch',
  options: [valued('-s', '--stack'), valued('--base-path'), valued('--config'), valued('--logs-level'), ...(terraform.options ?? [])],
  commands: {
    'terraform|tf': {
      effect: 'exec',
      commands: {
        '*': {
          runsElsewhere: {
            command: { argv: 'computed', of: atmosTerraformArgv },
            label: (a) => `atmos terraform ${a.parsed.path[1] ?? ''}`.trim(),
            place: (a) => {
              const stack = a.value('-s');
              return stack !== undefined ? { place: `atmos stack ${stack}`, provider: 'atmos', names: [{ source: '-s', value: stack }] } : undefined;
            },
          },
        },
      },
    },
  },
  environmentFlags: ['-s', '--stack'],
};
