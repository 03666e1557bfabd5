import type { ArgWord } from '../../shell/ast';
import type { CliArgs, ToolArgs, ToolSpec } from '../types';
import { flagValues } from '../args';
import { parseCommand } from '../grammar';
import { ssh } from './ssh';
import { flag, letters, valued, valuedEach, valuedLetters } from './options';

/**
 * Programs that run one command line in a virtual machine, a container or a fleet of servers they
 * manage, written from their manuals: `vagrant ssh -c 'cmd'`, `multipass exec VM -- cmd`, `lxc exec C
 * -- cmd` (and incus), `limactl shell VM cmd`, Kamal's `kamal app exec 'cmd'`, Elastic Beanstalk's `eb
 * ssh ENV -c 'cmd'`, parallel-ssh's `pssh -h hosts 'cmd'`, `autossh -M 0 host cmd`, and the toolboxes
 * that share this machine's home (`distrobox enter BOX -- cmd`, `toolbox run cmd`). The line is judged
 * there, like `ssh host cmd`. Their other subcommands (`vagrant destroy`, `multipass delete`, `eb
 * terminate`) stay with the verb floor (`FLOOR_BENEATH` in `registry/verbTraits.ts`).
 */

/** The words after `--`, or the operands after the first (the instance) when there is no `--`. */
function commandAfterInstance(a: ToolArgs): ArgWord[] {
  return a.parsed.command ?? a.parsed.operands.slice(1);
}

const hostOf = (word: string | undefined): string => (word ?? '').replace(/^[^@]*@/, '');

/**
 * `vagrant ssh -c 'cmd'`, or the words after `--`, which go to ssh: its options (read by ssh's own
 * grammar), then the command line it runs there (`vagrant ssh -- -t 'rm -rf /srv'`).
 */
function vagrantCommand(a: ToolArgs): ArgWord[] {
  const option = a.valueWord('-c');
  const value = a.value('-c');
  if (option !== undefined && value !== undefined) return [{ ...option, text: value }];
  return a.parsed.command ? parseCommand(a.parsed.command, ssh).operands : [];
}

/** `vagrant ssh [NAME|ID] -c 'cmd'` (`--command`): the line runs in the machine Vagrant manages. */
export const vagrant: ToolSpec = {
  names: ['vagrant'],
  family: 'remote',
  locality: 'local',
  unknownShort: 'switch',
  unknownLong: 'switch',
  commands: {
    ssh: {
      options: [valued('-c', '--command'), flag('-p', '--plain'), flag('-t', '--tty'), flag('--no-tty')],
      commandAfterDashDash: true,
      effect: 'exec',
      runsElsewhere: {
        command: { text: 'computed', of: vagrantCommand },
        label: (a) => `vagrant ssh ${a.operand(0) ?? ''}`.trim(),
        when: (a) => vagrantCommand(a).length > 0,
        place: (a) => ({ place: `vagrant machine ${a.operand(0) ?? 'default'}`, provider: 'vagrant', names: [{ source: 'vagrant machine', value: a.operand(0) ?? 'default' }] }),
      },
    },
  },
};

/** A `TOOL exec INSTANCE [options] [--] cmd…` subcommand of a VM or container manager. */
function execIn(provider: string, label: string, options: ToolSpec['options']): NonNullable<ToolSpec['commands']>[string] {
  return {
    options,
    commandAfterDashDash: true,
    effect: 'exec',
    runsElsewhere: {
      command: { argv: 'computed', of: commandAfterInstance },
      label: (a) => `${a.name} ${label} ${a.operand(0) ?? ''}`.trim(),
      when: (a) => a.operand(0) !== undefined,
      place: (a) => ({ place: `${provider} ${a.operand(0) ?? ''}`.trim(), provider, names: [{ source: `${provider} instance`, value: a.operand(0) ?? '' }] }),
    },
  };
}

/** `multipass exec VM [-d DIR] -- cmd…`. */
export const multipass: ToolSpec = {
  names: ['multipass'],
  family: 'remote',
  locality: 'local',
  unknownShort: 'switch',
  unknownLong: 'switch',
  commands: { exec: execIn('multipass', 'exec', [valued('-d', '--working-directory'), flag('-n', '--no-map-working-directory'), flag('-v', '--verbose')]) },
};

/** LXD and Incus: `lxc exec [REMOTE:]C [--env K=V] [--cwd D] [--user U] -- cmd…`. */
export const lxc: ToolSpec = {
  names: ['lxc', 'incus'],
  family: 'remote',
  locality: 'remote',
  unknownShort: 'switch',
  unknownLong: 'switch',
  options: [valued('--project')],
  commands: {
    exec: execIn('lxd', 'exec', [valued('--env'), valued('--cwd'), valued('--user'), valued('--group'), valued('--mode'), flag('-T', '--force-noninteractive'), flag('-t', '--force-interactive')]),
  },
};

/** Lima: `limactl shell [--workdir D] VM cmd…`. */
export const limactl: ToolSpec = {
  names: ['limactl'],
  family: 'remote',
  locality: 'local',
  unknownShort: 'switch',
  unknownLong: 'switch',
  options: [valued('--log-level')],
  commands: { shell: { ...execIn('lima', 'shell', [valued('--workdir'), valued('--shell')]), interspersed: false } },
};

/** The destination a kamal command acts on: `-d NAME`, else the base configuration (the production one). */
const kamalDestination = (p: CliArgs): string[] => [flagValues(p, ['-d', '--destination'])[0] ?? 'production'];

/** Kamal: `kamal app exec [-d DESTINATION] [-r ROLES] [-h HOSTS] 'cmd'`, on every server of the destination (the base config is the production one). */
export const kamal: ToolSpec = {
  names: ['kamal'],
  // Judged by the PaaS pack: its `rules` below, and `app exec` as a command run elsewhere.
  family: 'paas',
  locality: 'remote',
  options: [valued('-d', '--destination'), valued('-c', '--config-file'), valued('-r', '--roles'), valued('-h', '--hosts'), flag('-v', '--verbose'), flag('-q', '--quiet'), flag('-p', '--primary'), flag('-H', '--skip-hooks'), flag('--version')],
  commands: {
    app: {
      commands: {
        exec: {
          options: [flag('-i', '--interactive'), flag('--reuse'), valued('--env', '-e'), valued('--detach')],
          effect: 'exec',
          runsElsewhere: {
            command: { text: 'operands', skip: 0 },
            label: () => 'kamal app exec',
            when: (a) => a.operand(0) !== undefined,
            place: (a) => {
              const destination = a.value('-d') ?? 'production';
              return { place: `kamal ${destination} servers`, provider: 'kamal', names: [{ source: a.has('-d') ? 'kamal --destination' : 'kamal base destination (config/deploy.yml)', value: destination }, ...a.values('-h').map((value) => ({ source: 'kamal --hosts', value }))] };
            },
          },
        },
      },
    },
  },
  label: 'Kamal',
  // Round 8 (issue #18): the live containers stopped or removed, or an older version rolled out, on every server of the destination.
  rules: [
    // Stop 30 (red team round 14): a deploy replaces what every server of the destination serves.
    { id: 'kamal-deploy', path: ['deploy|redeploy|setup'], kind: 'app', noun: 'destination', verb: 'deploys a new build to', namePositionals: 'none', names: kamalDestination, productionOnly: true, note: () => ': every server serves it at once' },
    { id: 'kamal-rollback', path: ['rollback'], kind: 'app', noun: 'destination', verb: 'rolls back the live containers of', namePositionals: 'none', names: kamalDestination, productionOnly: true, note: (p) => ` to ${p.positionals[1]?.text ?? 'an older version'}: every server serves that build at once` },
    { id: 'kamal-app-stop', path: ['app|proxy|traefik|accessory', 'stop|remove|reboot'], kind: 'app', noun: 'destination', verb: 'stops or removes the running containers of', namePositionals: 'none', names: kamalDestination, productionOnly: true, note: () => ': what they serve is down until they are booted again' },
    // Stop 32 (red team round 15): booting or starting containers replaces or restores what serves; `env push` rewrites the servers' environment files the next boot reads.
    { id: 'kamal-app-boot', path: ['app|accessory', 'boot|start'], kind: 'app', noun: 'destination', verb: 'boots or starts the containers of', namePositionals: 'none', names: kamalDestination, productionOnly: true, note: () => ': every server serves that build at once' },
    { id: 'kamal-env-push', path: ['env', 'push'], kind: 'app', noun: 'destination', verb: 'overwrites the environment files on the servers of', namePositionals: 'none', names: kamalDestination, productionOnly: true, note: () => ': the next boot reads the new values' },
    { id: 'kamal-remove', path: ['remove'], kind: 'app', noun: 'destination', verb: 'removes the app, proxy and accessories (with their data directories) from', namePositionals: 'none', names: kamalDestination, note: () => ': every server stops serving' },
  ],
};

/** Elastic Beanstalk: `eb ssh [ENV] -c 'cmd'` runs the line on the environment's instance; `-e/--custom` names the ssh program run here. */
export const eb: ToolSpec = {
  names: ['eb'],
  family: 'remote',
  locality: 'remote',
  options: [valued('--profile'), valued('-r', '--region'), valued('--endpoint-url'), flag('-v', '--verbose'), flag('--debug'), flag('--quiet'), flag('--no-verify-ssl')],
  programOptions: ['-e'],
  commands: {
    ssh: {
      options: [valued('-c', '--command'), valued('-n', '--number'), valued('-i', '--instance'), valued('-e', '--custom'), valued('--keyname'), valued('--timeout'), flag('-o', '--keep_open'), flag('--force'), flag('--setup')],
      effect: 'exec',
      runsElsewhere: {
        command: { text: 'option', option: '-c' },
        label: (a) => `eb ssh ${a.operand(0) ?? ''}`.trim(),
        when: (a) => a.has('-c'),
        place: (a) => ({ place: `Elastic Beanstalk ${a.operand(0) ?? 'environment'}`, provider: 'aws', names: a.operand(0) !== undefined ? [{ source: 'eb environment', value: a.operand(0)! }] : [] }),
      },
    },
  },
};

/** parallel-ssh: `pssh -h HOSTS_FILE | -H HOST … 'cmd'` on every host at once. */
export const pssh: ToolSpec = {
  names: ['pssh', 'parallel-ssh'],
  family: 'remote',
  locality: 'remote',
  interspersed: false,
  unknownShort: 'switch',
  options: [
    valued('-h', '--hosts'), valued('-H', '--host'), valued('-l', '--user'), valued('-p', '--par'), valued('-o', '--outdir'), valued('-e', '--errdir'), valued('-t', '--timeout'),
    valued('-O', '--option'), valued('-x', '--extra-args'), valued('-X', '--extra-arg'), flag('-A', '--askpass'), flag('-i', '--inline'), flag('--inline-stdout'), flag('-v', '--verbose'), flag('-I', '--send-input'), flag('-P', '--print'),
  ],
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'operands', skip: 0 },
    label: (a) => `${a.name} ${[...a.values('-h'), ...a.values('-H')].join(',')}`.trim(),
    when: (a) => a.operand(0) !== undefined,
    place: (a) => {
      const hosts = [...a.values('-H').map(hostOf), ...a.values('-h')];
      return { place: hosts.length > 0 ? hosts.join(',') : 'the hosts listed', provider: 'ssh', names: hosts.map((value) => ({ source: 'pssh hosts', value })) };
    },
  },
};

/** autossh: ssh's own words after `-M PORT` (and `-f`), which autossh keeps for itself. */
export const autossh: ToolSpec = {
  ...ssh,
  names: ['autossh'],
  options: [valued('-M'), ...valuedLetters('BbcDEeFIiJLlmOoPpQRSWw'), ...letters('46AaCfGgKkNnqsTtVvXxYy')],
  runsElsewhere: {
    ...ssh.runsElsewhere!,
    label: (a) => `autossh ${a.operand(0) ?? ''}`,
  },
};

/** Toolboxes sharing this machine's home and files: `distrobox enter BOX -- cmd…`, `toolbox run [-c BOX] cmd…`. */
export const distrobox: ToolSpec = {
  names: ['distrobox'],
  family: 'remote',
  locality: 'local',
  unknownShort: 'switch',
  unknownLong: 'switch',
  commands: {
    enter: {
      options: [valued('-n', '--name'), valued('-a', '--additional-flags'), flag('-T', '--no-tty'), flag('--no-workdir'), flag('-r', '--root'), flag('-d', '--dry-run'), flag('-e', '--exec')],
      commandAfterDashDash: true,
      effect: 'exec',
      runsElsewhere: { command: { argv: 'after-dashdash' }, label: () => 'distrobox enter', place: () => undefined },
    },
  },
};

export const toolbox: ToolSpec = {
  names: ['toolbox'],
  family: 'remote',
  locality: 'local',
  unknownShort: 'switch',
  unknownLong: 'switch',
  commands: {
    run: {
      interspersed: false,
      options: [valued('-c', '--container'), valued('-d', '--distro'), valued('-r', '--release'), ...valuedEach('--preserve-fds')],
      effect: 'exec',
      runsElsewhere: { command: { argv: 'operands', skip: 0 }, label: () => 'toolbox run', place: () => undefined },
    },
  },
};
