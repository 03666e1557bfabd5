import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * Ansible ad-hoc commands: `ansible <host pattern> -m shell -a 'cmd'` runs cmd on every host the
 * pattern selects. The command, shell and raw modules (command is the default) run their argument as
 * a command line; other modules are judged by the cloud and infra packs, if at all.
 */

const COMMAND_MODULES = new Set(['command', 'shell', 'raw', 'ansible.builtin.command', 'ansible.builtin.shell', 'ansible.builtin.raw']);

export const ansible: ToolSpec = {
  names: ['ansible'],
  family: 'remote',
  locality: 'remote',
  options: [
    valued('-a', '--args'), valued('-e', '--extra-vars'), valued('-i', '--inventory', '--inventory-file'), valued('-f', '--forks'),
    valued('-m', '--module-name'), valued('-M', '--module-path'), valued('-u', '--user'), valued('-B', '--background'),
    valued('-P', '--poll'), valued('-t', '--tree'), valued('-T', '--timeout'), valued('-l', '--limit'), valued('-c', '--connection'),
    valued('--become-user'), valued('--private-key', '--key-file'), valued('--vault-password-file'), valued('--vault-id'),
    valued('--become-method'), valued('--ssh-common-args'), valued('--ssh-extra-args'), valued('--playbook-dir'),
    flag('-b', '--become'), flag('-K', '--ask-become-pass'), flag('-k', '--ask-pass'), flag('-C', '--check'), flag('-D', '--diff'),
    flag('-o', '--one-line'), flag('-v', '--verbose'), flag('--list-hosts'), flag('--syntax-check'),
  ],
  dryRun: ['--check', '--list-hosts', '--syntax-check'],
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'option', option: '--args' },
    when: (a) => a.operand(0) !== undefined && COMMAND_MODULES.has(a.value('--module-name') ?? 'command'),
    label: (a) => `ansible ${a.operand(0) ?? ''}`,
    place: (a) => {
      const pattern = a.operand(0) ?? '';
      const inventory = a.value('--inventory');
      const limit = a.value('--limit');
      const names = [
        ...(inventory !== undefined ? [{ source: '--inventory', value: inventory }] : []),
        ...(limit !== undefined ? [{ source: '--limit', value: limit }] : []),
        { source: 'host pattern', value: pattern },
      ];
      return { place: `ansible ${pattern}`, provider: 'ansible', names };
    },
  },
};
