import type { ArgWord } from '../../shell/ast';
import type { ToolArgs, ToolSpec } from '../types';
import { saltFunctionLines } from './fleetModules';
import { flag, flagsEach, valued, valuedEach } from './options';

/**
 * Tools that run one command line on other machines, one or a whole fleet at a time: Teleport's
 * `tsh ssh [user@]host cmd…`, Salt's `salt TARGET cmd.run 'cmd'`, `pdsh -w hosts cmd…` and
 * ClusterShell's `clush -w hosts|-a|-g group cmd…`. The line is judged there, as with `ssh host cmd`;
 * the hosts, targets and groups say the environment.
 */

const hostOf = (word: string | undefined): string => (word ?? '').replace(/^[^@]*@/, '');

export const tsh: ToolSpec = {
  names: ['tsh'],
  family: 'remote',
  locality: 'remote',
  options: [valued('--proxy'), valued('--user'), valued('--auth'), valued('-i', '--identity'), valued('--cluster'), valued('-d', '--debug'), flag('--insecure')],
  commands: {
    ssh: {
      interspersed: false,
      options: [
        valued('-l', '--login'), valued('-p', '--port'), valued('-L', '--forward'), valued('-R', '--remote-forward'), valued('-D', '--dynamic-forward'),
        valued('-o', '--option'), valued('--request-reason'), valued('--request-id'), valued('--log-level'), valued('--participant-req'),
        flag('-N', '--no-remote-exec'), flag('-t', '--tty'), flag('-T'), flag('-X'), flag('-Y'), flag('-A', '--forward-agent'), ...flagsEach('--local', '--no-resume', '--fork-after-authentication'),
      ],
      effect: 'exec',
      runsElsewhere: {
        command: { text: 'operands', skip: 1 },
        label: (a) => `tsh ssh ${a.operand(0) ?? ''}`,
        loginShell: true,
        when: (a) => a.operand(0) !== undefined,
        place: (a) => {
          const machine = hostOf(a.operand(0));
          return { place: machine, provider: 'teleport', names: [{ source: 'tsh ssh host', value: machine }, ...(a.value('--cluster') !== undefined ? [{ source: '--cluster', value: a.value('--cluster')! }] : [])] };
        },
      },
    },
    // `tsh db exec QUERY --dbs=NAME [--db-user U]` (goteleport.com/docs/reference/cli/tsh): the query runs on each database named.
    db: {
      commands: {
        exec: {
          options: [valued('--db-user'), valued('--db-name'), valued('--db-roles'), valued('--dbs'), valued('--labels'), valued('--search'), valued('--output-dir'), valued('--max-connections'), flag('--no-confirm')],
          effect: 'exec',
          sql: { engine: 'database', statementOperand: 0, database: (a) => a.value('--dbs') ?? a.value('--db-name') ?? a.parsed.operands.find((w) => !/\s/.test(w.text))?.text },
        },
      },
    },
  },
};

/** Salt's execution modules that run a shell line: `salt '*' cmd.run 'cmd'`. */
const SALT_SHELL = new Set(['cmd.run', 'cmd.shell', 'cmd.run_all', 'cmd.run_stdout', 'cmd.run_stderr', 'cmd.run_bg', 'cmd.exec_code_all']);

/** What a fleet runner is: a remote program whose options end at the line it runs there. */
const FLEET_EXEC = { family: 'remote', locality: 'remote', interspersed: false, unknownShort: 'switch', effect: 'exec' } as const;

/** Salt's options, shared by `salt TARGET fn …` and `salt-call fn …`. */
const SALT_OPTIONS: ToolSpec['options'] = [
  ...valuedEach('--out', '--return', '--batch-size', '--batch-wait', '--roster', '--roster-file', '--priv', '--user', '--saltfile', '--log-level', '--config-dir', '--file-root', '--pillar-root', '--master', '--id'),
  valued('-t', '--timeout'), valued('-b', '--batch'), valued('-c'), valued('-l'), valued('-a', '--auth'), valued('-d'),
  flag('-E', '--pcre'), flag('-L', '--list'), flag('-G', '--grain'), flag('-N', '--nodegroup'), flag('-C', '--compound'), flag('-I', '--pillar'), flag('-S', '--ipcidr'), flag('-R', '--range'),
  flag('-v', '--verbose'), flag('-s', '--static'), flag('--async'), flag('--subset'), flag('--show-jid'), flag('-y', '--yaml'), flag('-i', '--ignore-host-keys'), flag('--raw', '-r'), flag('--local'),
];

/**
 * Where the function sits: `salt TARGET fn …` (operand 1) sends it to the minions the target names; `salt-call fn …`
 * (operand 0, stop 39, round 33: `salt-call cmd.run 'find /var/www/releases -delete'`, `salt-call state.apply`,
 * `salt-call cron.set_job root …`) runs it on the minion it is typed on, which is a server the master manages: its
 * payload is judged there like the same line from the master (`--local` only skips asking the master for files).
 */
function saltSpec(names: string[], at: 0 | 1): ToolSpec {
  const where = (a: ToolArgs): string => (at === 1 ? `minions ${a.operand(0) ?? '*'}` : 'this minion');
  return {
    ...FLEET_EXEC,
    names,
    options: SALT_OPTIONS,
    runsElsewhere: {
      command: { text: 'computed', of: (a) => saltLine(a, at) },
      unread: (a) => saltUnread(a, at, where(a)),
      label: (a) => `${a.name} ${a.parsed.operands.slice(0, at + 1).map((w) => w.text).join(' ')}`,
      when: (a) => a.operand(at) !== undefined,
      place: (a) => {
        if (at === 0) return { place: 'this salt minion', provider: 'salt', names: [{ source: 'salt-call minion', value: a.value('--id') ?? 'minion' }] };
        const target = a.operand(0) ?? '*';
        return { place: `salt minions ${target}`, provider: 'salt', names: [{ source: 'salt target', value: target }] };
      },
    },
  };
}

export const salt: ToolSpec = saltSpec(['salt', 'salt-ssh'], 1);
export const saltCall: ToolSpec = saltSpec(['salt-call'], 0);

/** Salt's `key=value` keywords after the function; the rest are its positional arguments. */
function saltArguments(a: ToolArgs, at: number): { positional: string[]; keywords: Map<string, string> } {
  const positional: string[] = [];
  const keywords = new Map<string, string>();
  for (const w of a.parsed.operands.slice(at + 1)) {
    const m = /^(\w+)=(.*)$/s.exec(w.text);
    if (m) keywords.set(m[1]!, m[2]!);
    else positional.push(w.text);
  }
  return { positional, keywords };
}

/** The line each minion runs: a `cmd.run` line as it is, another function spelled as its shell line (`fleetModules.ts`). */
function saltLine(a: ToolArgs, at: number): ArgWord[] {
  const fn = a.operand(at) ?? '';
  const rest = a.parsed.operands.slice(at + 1);
  if (SALT_SHELL.has(fn)) {
    if (rest.some((w) => w.dynamic)) return rest;
    const text = rest.map((w) => w.text).join(' ');
    return text === '' ? [] : [{ ...rest[0]!, text }];
  }
  const { positional, keywords } = saltArguments(a, at);
  const lines = saltFunctionLines(fn, positional, keywords);
  return lines.length === 0 ? [] : [{ text: lines.join('\n'), raw: lines.join('\n'), dynamic: false, glob: false }];
}

/** States and scripts from the master's file tree (`state.apply teardown`, `cmd.script salt://x.sh`): nothing here to read. */
function saltUnread(a: ToolArgs, at: number, where: string): string | undefined {
  const fn = a.operand(at) ?? '';
  const { positional, keywords } = saltArguments(a, at);
  if (/^state\.(apply|sls|highstate|single|top|sls_id|template|template_str|low|high|pkg)$/.test(fn)) {
    if (/^true$/i.test(keywords.get('test') ?? '')) return undefined;
    return `${a.name} ${fn} applies ${positional.join(', ') || 'the highstate'} on ${where}: the states come from the master's file tree, which the guard does not read (test=True shows what would change)`;
  }
  if (fn === 'cmd.script' || fn === 'cmd.script_retcode') return `${a.name} ${fn} runs ${positional[0] ?? 'a script'} from the master on ${where}, which the guard does not read`;
  return undefined;
}

/** `pdsh -w hosts cmd…` and `clush -w hosts|-a|-g group cmd…`: options end at the command. */
function fleetShell(names: string[], provider: string, hostOptions: readonly string[], options: ToolSpec['options']): ToolSpec {
  return {
    ...FLEET_EXEC,
    names,
    options,
    runsElsewhere: {
      command: { text: 'operands', skip: 0 },
      label: (a) => `${a.name} ${hostOptions.map((o) => a.value(o)).find((v) => v !== undefined) ?? ''}`.trim(),
      when: (a) => a.operand(0) !== undefined,
      place: (a) => {
        const hosts = hostOptions.flatMap((o) => a.values(o));
        const all = a.has('-a', '--all');
        const place = hosts.length > 0 ? hosts.join(',') : all ? 'every node' : 'the fleet';
        return { place, provider, names: hosts.map((value) => ({ source: `${a.name} hosts`, value })) };
      },
    },
  };
}

export const pdsh = fleetShell(['pdsh'], 'pdsh', ['-w', '-g'], [
  valued('-w'), valued('-x'), valued('-g'), valued('-X'), valued('-l'), valued('-R'), valued('-t'), valued('-u'), valued('-f'), valued('-m'), valued('-M'),
  flag('-N'), flag('-b'), flag('-S'), flag('-d'), flag('-L'), flag('-a'), flag('-A'), flag('-q'), flag('-V'),
]);

export const clush = fleetShell(['clush'], 'clush', ['-w', '--nodes', '-g', '--group'], [
  valued('-w', '--nodes'), valued('-x', '--exclude'), valued('-g', '--group'), valued('-X'), valued('-l', '--user'), valued('-f', '--fanout'), valued('-t', '--connect_timeout'),
  valued('-u', '--command_timeout'), valued('-o', '--options'), valued('-O', '--option'), valued('-R', '--worker'), valued('--color'), valued('--diff'),
  flag('-a', '--all'), flag('-b', '--dshbak'), flag('-B'), flag('-L'), flag('-N'), flag('-q', '--quiet'), flag('-v', '--verbose'), flag('-S'), flag('-n', '--nostdin'), flag('-d', '--debug'),
]);

const place = (provider: string, target: string, source: string): { place: string; provider: string; names: { source: string; value: string }[] } => ({ place: `${provider} ${target}`, provider, names: [{ source, value: target }] });

/** Chef's `knife ssh QUERY COMMAND`: COMMAND runs on every node the search query (or `-m` host list) selects. */
export const knife: ToolSpec = {
  names: ['knife'],
  family: 'remote',
  locality: 'remote',
  unknownShort: 'switch',
  options: [valued('-c', '--config'), valued('--config-option'), valued('-s', '--server-url'), valued('-u', '--user'), valued('-k', '--key'), valued('-E', '--environment'), valued('-F', '--format'), flag('-y', '--yes'), flag('-V', '--verbose')],
  commands: {
    ssh: {
      interspersed: true,
      options: [
        valued('-a', '--attribute'), valued('-C', '--concurrency'), valued('-G', '--ssh-gateway'), valued('-i', '--ssh-identity-file'), valued('-p', '--ssh-port'),
        valued('-x', '--ssh-user'), valued('-P', '--ssh-password'), valued('--prefix-attribute'), flag('-m', '--manual-list'), flag('-A', '--forward-agent'), flag('--no-host-key-verify'), flag('-t', '--tmux'),
      ],
      effect: 'exec',
      runsElsewhere: {
        command: { text: 'operands', skip: 1 },
        label: (a) => `knife ssh ${a.operand(0) ?? ''}`,
        when: (a) => a.operand(0) !== undefined,
        place: (a) => place('chef', a.operand(0) ?? '', a.has('-m', '--manual-list') ? 'knife ssh hosts' : 'knife search query'),
      },
    },
  },
};

/** MCollective / Choria: `mco shell run 'cmd'` runs cmd on every node the filters (`-I`, `-C`, `-F`, `-W`) select, all of them when none. */
export const mco: ToolSpec = {
  names: ['mco', 'choria'],
  family: 'remote',
  locality: 'remote',
  unknownShort: 'switch',
  options: [
    valued('-I', '--identity', '--wi', '--with-identity'), valued('-C', '--class', '--wc', '--with-class'), valued('-F', '--wf', '--with-fact'), valued('-W', '--with'), valued('-A', '--wa', '--with-agent'),
    valued('-S', '--select'), valued('-T', '--target'), valued('--dt', '--discovery-timeout'), valued('-t', '--timeout'), valued('--config'), valued('--batch'), valued('--batch-sleep'), valued('--limit-nodes', '--ln'),
    flag('-v', '--verbose'), flag('-j', '--json'), flag('--np', '--no-progress'), flag('-1', '--one'),
  ],
  commands: {
    shell: {
      commands: {
        run: {
          effect: 'exec',
          runsElsewhere: {
            command: { text: 'operands', skip: 0 },
            label: () => 'mco shell run',
            place: (a) => {
              const filters = [a.value('-I', '--identity'), a.value('-C', '--class'), a.value('-F', '--wf'), a.value('-W', '--with')].filter((v): v is string => v !== undefined);
              return place('mcollective', filters.join(' ') || 'every node', 'mco filters');
            },
          },
        },
      },
    },
  },
};

const boltTargets = (a: ToolArgs): string => a.values('-t', '--targets', '--query', '--rerun').join(',') || '(targets not named)';

/** Puppet Bolt: `bolt command run CMD --targets T`, `bolt script run FILE --targets T`; tasks and plans come from modules the guard does not read. */
export const bolt: ToolSpec = {
  names: ['bolt'],
  family: 'remote',
  locality: 'remote',
  unknownShort: 'switch',
  options: [
    valued('-t', '--targets'), valued('--query'), valued('--rerun'), valued('-u', '--user'), valued('-p', '--password'), valued('--run-as'), valued('--sudo-password'),
    valued('--inventoryfile', '-i'), valued('--concurrency', '-c'), valued('--project'), valued('--modulepath'), valued('--transport'), valued('--connect-timeout'), valued('--format'), valued('--env-var'),
    valued('--private-key'), valued('--log-level'), flag('--tty'), flag('--no-tty'), flag('--no-host-key-check'), flag('--ssl'), flag('--no-ssl'), flag('--verbose'), flag('--noop'), flag('--stream'),
  ],
  dryRun: ['--noop'],
  commands: {
    command: {
      commands: {
        run: {
          effect: 'exec',
          runsElsewhere: { command: { text: 'operands', skip: 0 }, label: (a) => `bolt command run --targets ${boltTargets(a)}`, place: (a) => place('bolt', boltTargets(a), '--targets') },
        },
      },
    },
    script: {
      commands: {
        run: {
          effect: 'exec',
          runsElsewhere: {
            command: { text: 'computed', of: () => [] },
            script: (a) => a.parsed.operands[0],
            label: (a) => `bolt script run --targets ${boltTargets(a)}`,
            place: (a) => place('bolt', boltTargets(a), '--targets'),
          },
        },
      },
    },
    'task|plan': {
      commands: {
        run: {
          effect: 'exec',
          runsElsewhere: {
            command: { text: 'computed', of: () => [] },
            when: (a) => !a.has('--noop'),
            unread: (a) => `bolt ${a.parsed.path[0]} run ${a.operand(0) ?? ''} runs code from a module the guard does not read on ${boltTargets(a)}`,
            label: (a) => `bolt ${a.parsed.path[0]} run`,
            place: (a) => place('bolt', boltTargets(a), '--targets'),
          },
        },
      },
    },
  },
};

/**
 * pyinfra: `pyinfra INVENTORY OPERATION ARGS…` (`server.shell 'cmd'`, `files.directory path=/x present=False`)
 * or `pyinfra INVENTORY deploy.py`. Operations are spelled as their shell line; deploy files are Python the guard does not read.
 */
function pyinfraLine(a: ToolArgs): ArgWord[] {
  const op = (a.operand(1) ?? '').replace(/^pyinfra\.operations\./, '');
  const rest = a.parsed.operands.slice(2);
  const line = (text: string): ArgWord[] => [{ text, raw: text, dynamic: false, glob: false }];
  if (/^server\.(shell|script_template)$/.test(op) || op === 'exec') {
    const commands = rest.filter((w) => !/^\w+=/.test(w.text));
    return commands.length === 0 ? [] : line(commands.map((w) => w.text).join('\n'));
  }
  const kw = new Map(rest.map((w) => /^(\w+)=(.*)$/s.exec(w.text)).filter((m): m is RegExpExecArray => m !== null).map((m) => [m[1]!, m[2]!]));
  const first = rest.find((w) => !/^\w+=/.test(w.text))?.text;
  const absent = /^(false|no|0)$/i.test(kw.get('present') ?? '');
  const quote = (t: string): string => `'${t.replace(/'/g, `'\\''`)}'`;
  if (/^files\.(directory|file|link)$/.test(op) && absent) {
    const path = kw.get('path') ?? first;
    return path ? line(`rm -rf ${quote(path)}`) : [];
  }
  if (/^server\.(user|group)$/.test(op) && absent) {
    const name = kw.get(op === 'server.user' ? 'user' : 'group') ?? first;
    return name ? line(`${op === 'server.user' ? 'userdel' : 'groupdel'} ${quote(name)}`) : [];
  }
  if (/^(apt|yum|dnf|apk|pacman|zypper|pip|npm|brew)\.packages$/.test(op) && absent) {
    const pkgs = kw.get('packages') ?? first;
    return pkgs ? line(`apt-get remove -y ${pkgs.replace(/[[\]'",]/g, ' ').trim()}`) : [];
  }
  if (/^(systemd|server)\.service$|^init\.(systemd|service|d)$/.test(op)) {
    const svc = kw.get('service') ?? first;
    if (svc && (/^(false|no)$/i.test(kw.get('running') ?? '') || /^(false|no)$/i.test(kw.get('enabled') ?? ''))) return line(`systemctl stop ${quote(svc)}`);
    return [];
  }
  if (op === 'server.reboot') return line('reboot');
  return [];
}

export const pyinfra: ToolSpec = {
  names: ['pyinfra'],
  family: 'remote',
  locality: 'remote',
  unknownShort: 'switch',
  options: [
    valued('--user'), valued('--port'), valued('--key'), valued('--key-password'), valued('--password'), valued('--sudo-user'), valued('--su-user'), valued('--group-data'),
    valued('--config'), valued('--chdir'), valued('--limit'), valued('--data'), valued('--parallel'), valued('--shell-executable'), valued('--retry'), valued('--retry-delay'),
    flag('-y', '--yes'), flag('--sudo'), flag('--use-sudo-password'), flag('--dry'), flag('--debug'), flag('-v'), flag('-vv'), flag('-vvv'), flag('--quiet'), flag('--diff'), flag('--serial'), flag('--no-wait'),
  ],
  dryRun: ['--dry'],
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'computed', of: pyinfraLine },
    when: (a) => a.operand(1) !== undefined && !a.has('--dry'),
    unread: (a) => ((a.operand(1) ?? '').endsWith('.py') ? `pyinfra runs the deploy ${a.parsed.operands.slice(1).map((w) => w.text).join(', ')} on ${a.operand(0)}; the guard does not read deploy code (--dry shows what would change)` : undefined),
    label: (a) => `pyinfra ${a.operand(0) ?? ''}`,
    place: (a) => place('pyinfra', a.operand(0) ?? '', 'pyinfra inventory'),
  },
};
