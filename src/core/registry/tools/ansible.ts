import type { ArgWord } from '../../shell/ast';
import type { ToolArgs, ToolSpec } from '../types';
import { ansibleModuleLines, moduleArgs } from './fleetModules';
import { flag, valued } from './options';

/**
 * Ansible ad-hoc commands: `ansible <host pattern> -m shell -a 'cmd'` runs cmd on every host the
 * pattern selects. The command, shell and raw modules (command is the default) run their argument as
 * a command line; other modules are judged by the cloud and infra packs, if at all.
 */

const COMMAND_MODULES = new Set(['command', 'shell', 'raw', 'ansible.builtin.command', 'ansible.builtin.shell', 'ansible.builtin.raw']);

/**
 * What a module run means as a command line on each host: the command, shell and raw modules run their
 * argument; other modules are spelled as the line that does the same (`fleetModules.ts`: `file` or
 * `user` with `state=absent`, a package removed, a service stopped, a reboot, a DROP rule).
 */
function moduleCommand(a: ToolArgs): ArgWord[] {
  const module = (a.value('--module-name') ?? 'command').replace(/^ansible\.builtin\./, '');
  const word = a.valueWord('--args');
  const text = a.value('--args') ?? '';
  if (COMMAND_MODULES.has(module)) return word === undefined ? [] : [{ ...word, text }];
  if (word?.dynamic) return [{ ...word, text }];
  const lines = ansibleModuleLines(module, moduleArgs(text));
  return lines.length === 0 ? [] : [{ text: lines.join('\n'), raw: lines.join('\n'), dynamic: false, glob: false }];
}

const SCRIPT_MODULES = /^(ansible\.builtin\.)?script$/;

/** `-m script -a 'path args'`: the first word of the free-form argument is a file here, run on every host. */
function scriptFile(a: ToolArgs): ArgWord | undefined {
  if (!SCRIPT_MODULES.test(a.value('--module-name') ?? '')) return undefined;
  const word = a.valueWord('--args');
  const text = a.value('--args') ?? '';
  const path = moduleArgs(text).get('cmd') ?? text.trim().split(/\s+/)[0];
  if (word === undefined || !path) return undefined;
  return { ...word, text: path, raw: path };
}

function hostPlace(a: ToolArgs, pattern: string, tool: string): { place: string; provider: string; names: { source: string; value: string }[] } {
  const inventory = a.values('--inventory');
  const limit = a.value('--limit');
  const names = [
    ...inventory.map((value) => ({ source: '--inventory', value })),
    ...(limit !== undefined ? [{ source: '--limit', value: limit }] : []),
    ...(pattern !== '' ? [{ source: 'host pattern', value: pattern }] : []),
  ];
  return { place: `${tool} ${pattern || inventory.join(',') || '(inventory)'}`.trim(), provider: 'ansible', names };
}

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
    command: { text: 'computed', of: moduleCommand },
    script: scriptFile,
    when: (a) => a.operand(0) !== undefined && !a.has('--check', '--list-hosts', '--syntax-check'),
    label: (a) => `ansible ${a.operand(0) ?? ''}`,
    place: (a) => hostPlace(a, a.operand(0) ?? '', 'ansible'),
  },
};

const PLAYBOOK_DRY = ['--check', '-C', '--syntax-check', '--list-hosts', '--list-tasks', '--list-tags'];

/**
 * `ansible-playbook -i INVENTORY site.yml`: every task of the playbooks (their roles, includes and
 * templates, which the guard does not read) runs on every host of the inventory.
 */
export const ansiblePlaybook: ToolSpec = {
  names: ['ansible-playbook'],
  family: 'remote',
  locality: 'remote',
  options: [
    valued('-e', '--extra-vars'), valued('-i', '--inventory', '--inventory-file'), valued('-f', '--forks'), valued('-M', '--module-path'),
    valued('-u', '--user'), valued('-T', '--timeout'), valued('-l', '--limit'), valued('-c', '--connection'), valued('-t', '--tags'),
    valued('--skip-tags'), valued('--start-at-task'), valued('--become-user'), valued('--private-key', '--key-file'),
    valued('--vault-password-file'), valued('--vault-id'), valued('--become-method'), valued('--ssh-common-args'), valued('--ssh-extra-args'),
    flag('-b', '--become'), flag('-K', '--ask-become-pass'), flag('-k', '--ask-pass'), flag('-C', '--check'), flag('-D', '--diff'),
    flag('-v', '--verbose'), flag('--list-hosts'), flag('--list-tasks'), flag('--list-tags'), flag('--syntax-check'), flag('--step'), flag('--flush-cache'), flag('--force-handlers'),
  ],
  dryRun: PLAYBOOK_DRY,
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'computed', of: () => [] },
    when: (a) => a.operand(0) !== undefined && !a.has(...PLAYBOOK_DRY),
    unread: (a) => `ansible-playbook runs every task of ${a.parsed.operands.map((w) => w.text).join(', ')} on the hosts of ${a.values('--inventory').join(', ') || 'its inventory'}; the guard does not read playbooks (a --check run shows what would change)`,
    label: (a) => `ansible-playbook ${a.operand(0) ?? ''}`,
    place: (a) => hostPlace(a, a.value('--limit') ?? '', 'ansible-playbook'),
  },
};

/** `ansible-console -i INVENTORY`: a prompt whose typed or piped modules and commands run on every selected host. */
export const ansibleConsole: ToolSpec = {
  names: ['ansible-console'],
  family: 'remote',
  locality: 'remote',
  options: [
    valued('-e', '--extra-vars'), valued('-i', '--inventory', '--inventory-file'), valued('-f', '--forks'), valued('-M', '--module-path'),
    valued('-u', '--user'), valued('-T', '--timeout'), valued('-l', '--limit'), valued('-c', '--connection'), valued('--become-user'),
    valued('--private-key', '--key-file'), valued('--vault-password-file'), valued('--vault-id'), valued('--become-method'),
    flag('-b', '--become'), flag('-K', '--ask-become-pass'), flag('-k', '--ask-pass'), flag('-C', '--check'), flag('-D', '--diff'), flag('-v', '--verbose'), flag('--list-hosts'), flag('--step'),
  ],
  dryRun: ['--check', '-C', '--list-hosts'],
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'computed', of: () => [] },
    when: (a) => !a.has('--check', '-C', '--list-hosts'),
    unread: (a) => `ansible-console runs whatever modules and commands reach its prompt on every host of ${a.values('--inventory').join(', ') || 'its inventory'}, which the guard does not read`,
    label: (a) => `ansible-console ${a.operand(0) ?? ''}`.trim(),
    place: (a) => hostPlace(a, a.operand(0) ?? a.value('--limit') ?? '', 'ansible-console'),
  },
};
