import type { ArgWord } from '../../shell/ast';
import type { ToolArgs, ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * Ansible ad-hoc commands: `ansible <host pattern> -m shell -a 'cmd'` runs cmd on every host the
 * pattern selects. The command, shell and raw modules (command is the default) run their argument as
 * a command line; other modules are judged by the cloud and infra packs, if at all.
 */

const COMMAND_MODULES = new Set(['command', 'shell', 'raw', 'ansible.builtin.command', 'ansible.builtin.shell', 'ansible.builtin.raw']);

/** `key=value` arguments of a module (`path=/srv/x state=absent`), quotes removed. */
function moduleArgs(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([\w.]+)=("[^"]*"|'[^']*'|\S+)/g)) out.set(m[1]!, m[2]!.replace(/^["']|["']$/g, ''));
  return out;
}

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * What a module run means as a command line on each host: the command, shell and raw modules run their
 * argument; `file` with `state=absent` deletes the path (recursively, as the module does); the
 * database modules with `state=absent` drop the database. Other modules run nothing judged here.
 */
function moduleCommand(a: ToolArgs): ArgWord[] {
  const module = (a.value('--module-name') ?? 'command').replace(/^(ansible\.builtin|community\.(general|postgresql|mysql))\./, '');
  const word = a.valueWord('--args');
  const text = a.value('--args');
  if (word === undefined || text === undefined) return [];
  if (COMMAND_MODULES.has(module)) return [{ ...word, text }];
  if (word.dynamic) return [{ ...word, text }];
  const args = moduleArgs(text);
  if (args.get('state') !== 'absent') return [];
  const line = (command: string): ArgWord[] => [{ text: command, raw: command, dynamic: false, glob: false }];
  const path = args.get('path') ?? args.get('dest') ?? args.get('name');
  if (module === 'file' && path) return line(`rm -rf ${quote(path)}`);
  const db = args.get('name') ?? args.get('db');
  if (module === 'postgresql_db' && db) return line(`dropdb ${quote(db)}`);
  if (module === 'mysql_db' && db) return line(`mysql -e ${quote(`DROP DATABASE ${db}`)}`);
  return [];
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
    when: (a) => a.operand(0) !== undefined,
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
