import type { CommandSpec, ToolSpec } from '../types';
import { flag, valued } from './options';
import { environmentOfName } from '../../policy/production';

/**
 * docker, podman, nerdctl: `docker [global options] <command> [options]`. `exec box cmd` runs cmd in
 * a container of the daemon: this machine's unless `-H` names another.
 */

const exec: CommandSpec = {
  options: [
    valued('-e', '--env'), valued('--env-file'), valued('-u', '--user'), valued('-w', '--workdir'), valued('--detach-keys'),
    flag('-i', '--interactive'), flag('-t', '--tty'), flag('-d', '--detach'), flag('--privileged'),
  ],
  interspersed: false,
  effect: 'exec',
  runsElsewhere: {
    command: { argv: 'operands', skip: 1 },
    label: (a) => `${a.name} exec`,
    place: (a) => {
      const host = a.value('--host');
      if (host === undefined || /^(unix|npipe|fd):\/\//.test(host)) {
        // A container on this machine's daemon is still not this machine: one named for production is treated as such.
        const box = a.operand(0);
        return box !== undefined && environmentOfName(box) === 'production' ? { place: `container ${box}`, provider: 'docker', names: [{ source: 'container', value: box }] } : undefined;
      }
      const box = a.operand(0) ?? 'a container';
      return { place: `${box} on ${host.replace(/^[a-z]+:\/\/([^@/]*@)?/, '')}`, provider: 'docker', names: [{ source: 'docker host', value: host }] };
    },
  },
};

const compose: CommandSpec = {
  options: [
    valued('-f', '--file'), valued('-p', '--project-name'), valued('--profile'), valued('--env-file'), valued('--project-directory'),
    valued('--ansi'), valued('--parallel'), valued('--progress'),
  ],
  commands: {
    'down|rm': { options: [flag('-v', '--volumes')], effect: 'mutate' },
    'ps|logs|config|ls|images|top|version': { effect: 'read' },
  },
};

export const docker: ToolSpec = {
  names: ['docker', 'podman', 'nerdctl'],
  family: 'containers',
  locality: 'either',
  provider: 'docker',
  options: [
    valued('-H', '--host'), valued('-c', '--context'), valued('--config'), valued('-l', '--log-level'),
    valued('--tlscacert'), valued('--tlscert'), valued('--tlskey'), flag('-D', '--debug'), flag('--tls'), flag('--tlsverify'),
    // podman: a remote engine by connection name or URL.
    valued('--connection'), valued('--url'), valued('--identity'), flag('--remote'),
  ],
  commands: {
    exec,
    compose,
    volume: { commands: { 'rm|remove|prune': { effect: 'delete' }, 'ls|inspect': { effect: 'read' } } },
    system: { commands: { 'prune|reset': { effect: 'delete' }, 'df|info': { effect: 'read' } } },
    container: { commands: { exec, 'ls|inspect|logs': { effect: 'read' } } },
    'ps|images|logs|inspect|version|info|stats|top': { effect: 'read' },
    context: {
      commands: {
        use: { effect: 'mutate', selects: (a): Record<string, string> => (a.operand(0) !== undefined ? { DOCKER_CONTEXT: a.operand(0) as string } : {}) },
        'ls|list|inspect|show': { effect: 'read' },
      },
    },
  },
};

export const dockerCompose: ToolSpec = {
  ...compose,
  names: ['docker-compose', 'podman-compose'],
  family: 'containers',
  locality: 'either',
  provider: 'docker',
};
