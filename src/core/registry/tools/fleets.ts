import type { ToolSpec } from '../types';
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

export const salt: ToolSpec = {
  names: ['salt', 'salt-ssh'],
  family: 'remote',
  locality: 'remote',
  interspersed: false,
  unknownShort: 'switch',
  options: [
    ...valuedEach('--out', '--return', '--batch-size', '--batch-wait', '--roster', '--roster-file', '--priv', '--user', '--saltfile', '--log-level', '--config-dir'),
    valued('-t', '--timeout'), valued('-b', '--batch'), valued('-c'), valued('-l'), valued('-a', '--auth'), valued('-d'),
    flag('-E', '--pcre'), flag('-L', '--list'), flag('-G', '--grain'), flag('-N', '--nodegroup'), flag('-C', '--compound'), flag('-I', '--pillar'), flag('-S', '--ipcidr'), flag('-R', '--range'),
    flag('-v', '--verbose'), flag('-s', '--static'), flag('--async'), flag('--subset'), flag('--show-jid'), flag('-y', '--yaml'), flag('-i', '--ignore-host-keys'), flag('--raw', '-r'),
  ],
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'operands', skip: 2 },
    label: (a) => `${a.name} ${a.operand(0) ?? ''} ${a.operand(1) ?? ''}`,
    when: (a) => SALT_SHELL.has(a.operand(1) ?? ''),
    place: (a) => {
      const target = a.operand(0) ?? '*';
      return { place: `salt minions ${target}`, provider: 'salt', names: [{ source: 'salt target', value: target }] };
    },
  },
};

/** `pdsh -w hosts cmd…` and `clush -w hosts|-a|-g group cmd…`: options end at the command. */
function fleetShell(names: string[], provider: string, hostOptions: readonly string[], options: ToolSpec['options']): ToolSpec {
  return {
    names,
    family: 'remote',
    locality: 'remote',
    interspersed: false,
    unknownShort: 'switch',
    options,
    effect: 'exec',
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
