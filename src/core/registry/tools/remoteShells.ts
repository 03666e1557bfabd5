import type { CommandSpec, ToolArgs } from '../types';
import { flag, valued } from './options';

/**
 * Cloud commands that run one command line in a running container or on a droplet, with the line in
 * an option: `aws ecs execute-command --command 'rm -rf /data'`, `az containerapp exec --command …`,
 * `doctl compute ssh DROPLET --ssh-command …`. What the line does is judged there, like `ssh host cmd`.
 */

function names(a: ToolArgs, options: readonly [string, string][]): { source: string; value: string }[] {
  const out: { source: string; value: string }[] = [];
  for (const [option, source] of options) {
    const value = a.value(option);
    if (value !== undefined) out.push({ source, value });
  }
  return out;
}

/** `aws ecs execute-command --cluster C --task T [--container X] --interactive --command 'cmd'`. */
export const ecsExecuteCommand: CommandSpec = {
  unknownLong: 'one',
  options: [valued('--command'), valued('--cluster'), valued('--task'), valued('--container'), flag('--interactive'), flag('--non-interactive')],
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'option', option: '--command' },
    label: () => 'aws ecs execute-command',
    place: (a) => ({
      place: `ecs task ${a.value('--task') ?? ''}`.trim(),
      provider: 'aws',
      names: names(a, [['--profile', '--profile'], ['--cluster', '--cluster'], ['--task', 'task'], ['--container', 'container']]),
    }),
  },
};

/** `az containerapp exec -n APP -g GROUP --command 'cmd'`. */
export const containerappExec: CommandSpec = {
  options: [valued('--command'), valued('--container'), valued('--replica'), valued('--revision')],
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'option', option: '--command' },
    label: () => 'az containerapp exec',
    place: (a) => ({
      place: `container app ${a.value('--name') ?? ''}`.trim(),
      provider: 'azure',
      names: names(a, [['--subscription', '--subscription'], ['--resource-group', '--resource-group'], ['--name', 'container app']]),
    }),
  },
};

/** `doctl compute ssh DROPLET --ssh-command 'cmd'`. */
export const doctlComputeSsh: CommandSpec = {
  options: [valued('--ssh-command'), valued('--ssh-user'), valued('--ssh-key-path'), valued('--ssh-port')],
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'option', option: '--ssh-command' },
    label: () => 'doctl compute ssh',
    loginShell: true,
    place: (a) => {
      const droplet = a.operand(0) ?? 'a droplet';
      return { place: droplet, provider: 'digitalocean', names: [...names(a, [['--context', '--context']]), { source: 'droplet', value: droplet }] };
    },
  },
};
