import { act } from './packageManagers';
import type { CommandSpec, ToolSpec } from '../types';
import type { OptionSpec } from '../grammar';
import { flag, valued } from './options';
import { environmentOfName } from '../../policy/production';
import { composeExec, composeRun, remoteEngine, run } from './dockerRun';

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
      const context = remoteEngine(a, `container ${a.operand(0) ?? ''}`.trim());
      if (context !== undefined && host === undefined) return context;
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
    valued('--ansi'), valued('--parallel'), valued('--progress'), valued('-H', '--host'),
  ],
  commands: {
    'down|rm': {
      options: [flag('-v', '--volumes'), flag('-f', '--force'), flag('-s', '--stop'), flag('--remove-orphans'), valued('--rmi'), valued('-t', '--timeout')],
      effect: 'mutate',
    },
    'ps|logs|config|ls|images|top|version': { effect: 'read' },
    // Services stopped, killed, restarted or paused: on another machine's engine what it serves goes down (rules/support/remoteDockerLifecycle.ts).
    'stop|restart|kill|pause|unpause': { effect: 'mutate', options: [valued('-t', '--timeout'), valued('-s', '--signal')] },
    up: {
      options: [
        flag('-V', '--renew-anon-volumes'), flag('-d', '--detach'), flag('--build'), flag('--no-build'), flag('--force-recreate'), flag('--no-recreate'), flag('--always-recreate-deps'),
        flag('--remove-orphans'), flag('--no-deps'), flag('--no-start'), flag('--wait'), flag('-w', '--watch'), flag('-y', '--yes'), flag('--abort-on-container-exit'), flag('--abort-on-container-failure'),
        flag('--attach-dependencies'), flag('--no-color'), flag('--no-log-prefix'), flag('--quiet-pull'), flag('--timestamps'), flag('--menu'),
        valued('--attach'), valued('--no-attach'), valued('--exit-code-from'), valued('--pull'), valued('--scale'), valued('-t', '--timeout'), valued('--wait-timeout'),
      ],
    },
    run: composeRun,
    exec: composeExec,
    // Stop 33 (red team round 16): `compose push` pushes every service's image to the registry its `image:` names, and
    // `compose build --push` does after building; a plain `compose build` stays on this machine.
    push: act('pushes the images of the services to the registries their `image:` names, replacing the tags every host that pulls them runs next', { registry: () => undefined }, {
      options: [flag('--ignore-push-failures'), flag('--include-deps'), flag('-q', '--quiet'), flag('--dry-run')],
    }),
    build: act('builds the images of the services and pushes them to the registries their `image:` names, replacing the tags every host that pulls them runs next', { registry: () => undefined, harmless: (a) => !a.has('--push') }, {
      options: [flag('--push'), flag('--pull'), flag('--no-cache'), flag('-q', '--quiet'), flag('--with-dependencies'), flag('--dry-run'), valued('--build-arg'), valued('--builder'), valued('-m', '--memory'), valued('--ssh'), valued('--progress'), flag('--print')],
    }),
    cp: { effect: 'mutate', options: [flag('-a', '--archive'), flag('-L', '--follow-link'), valued('--index'), flag('--all')] },
  },
};

const STOP: CommandSpec = { effect: 'mutate', options: [valued('-t', '--time', '--timeout'), valued('-s', '--signal')] };

/** `rm`: removes containers; `-v` takes their anonymous volumes (and the data in them) too. */
const remove: CommandSpec = { effect: 'mutate', options: [flag('-f', '--force'), flag('-v', '--volumes'), flag('-l', '--link')] };

/** The registry an image reference names: its first component when that is a host (`ghcr.io/acme/app`, `localhost:5000/app`), else Docker Hub. */
export function imageRegistry(image: string | undefined): string | undefined {
  if (image === undefined) return undefined;
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}

const PUSH: CommandSpec = act('pushes the image, replacing the tag every host that pulls it runs next', { registry: (a) => imageRegistry(a.operand(0)) }, { options: [flag('-a', '--all-tags'), flag('-q', '--quiet'), valued('--platform'), flag('--disable-content-trust')] });

const BUILDX_BUILD: CommandSpec = act('builds and pushes the image, replacing the tag every host that pulls it runs next', {
  harmless: (a) => !a.has('--push') && !a.values('-o', '--output').some((o) => /type=(registry|image,[^ ]*push=true)|push=true/.test(o)),
  registry: (a) => imageRegistry(a.values('-t', '--tag')[0]),
}, {
  options: [flag('--push'), flag('--load'), valued('-t', '--tag'), valued('-f', '--file'), valued('-o', '--output'), valued('--platform'), valued('--build-arg'), valued('--target'),
    valued('--cache-from'), valued('--cache-to'), valued('--secret'), valued('--ssh'), valued('--label'), valued('--progress'), valued('--builder'), valued('--provenance'), valued('--sbom'),
    flag('--pull'), flag('--no-cache'), flag('-q', '--quiet')],
});

const COPY: CommandSpec = { effect: 'mutate', options: [flag('-a', '--archive'), flag('-L', '--follow-link'), flag('-q', '--quiet')] };

const PRUNE = [flag('-a', '--all'), flag('-f', '--force'), valued('--filter')];

/** `docker build`, `docker buildx build`, `podman build`, `buildah bud`: the Dockerfile (`-f`, `-` for standard input) and the context operand. */
const BUILD: CommandSpec = {
  effect: 'mutate',
  options: [
    valued('-f', '--file'), valued('-t', '--tag'), valued('--build-arg'), valued('--secret'), valued('--ssh'), valued('--target'), valued('--platform'),
    valued('--label'), valued('--cache-from'), valued('--cache-to'), valued('-o', '--output'), valued('--network'), valued('--progress'), valued('--iidfile'),
    valued('--metadata-file'), valued('--add-host'), valued('--build-context'), valued('--shm-size'), valued('--ulimit'), valued('--cgroup-parent'),
    valued('-m', '--memory'), valued('--memory-swap'), valued('--isolation'), valued('--allow'), valued('--annotation'), valued('--attest'), valued('--builder'),
    valued('--call'), valued('--no-cache-filter'), valued('--cpu-shares'), valued('--cpuset-cpus'), valued('--sbom'), valued('--provenance'), valued('--format'),
    valued('--layers'), valued('--jobs'), valued('--authfile'), valued('--creds'), valued('--arch'), valued('--os'), valued('--volume', '-v'), valued('--env'),
    flag('-q', '--quiet'), flag('--no-cache'), flag('--pull'), flag('--push'), flag('--load'), flag('--rm'), flag('--force-rm'), flag('--squash'), flag('--check'),
  ],
};

/** BUILD's options with BUILDX_BUILD's push reading: a build that stays here unless it is told to push. */
const PUSHING_BUILD: CommandSpec = { ...BUILDX_BUILD, options: BUILD.options };

/** A registry login's options (docker, podman, buildah, nerdctl, skopeo): rules/support/ownRegistryLogins.ts reads the host and whether the password comes from stdin. */
export const REGISTRY_LOGIN: readonly OptionSpec[] = [
  valued('-u', '--username'), valued('-p', '--password'), flag('--password-stdin'), valued('--authfile'), valued('--cert-dir'), { names: ['--tls-verify'], takes: 'optional' }, valued('--compat-auth-file'),
];

export const docker: ToolSpec = {
  names: ['docker', 'podman', 'buildah'],
  family: 'containers',
  locality: 'either',
  provider: 'docker',
  // `docker system prune --help`, `docker help rm`: the manual, nothing run.
  help: { options: ['--help'], word: 'first' },
  options: [
    valued('-H', '--host'), valued('-c', '--context'), valued('--config'), valued('-l', '--log-level'),
    valued('--tlscacert'), valued('--tlscert'), valued('--tlskey'), flag('-D', '--debug'), flag('--tls'), flag('--tlsverify'),
    // podman: a remote engine by connection name or URL.
    valued('--connection'), valued('--url'), valued('--identity'), flag('--remote'), valued('--root'), valued('--runroot'),
  ],
  commands: {
    exec,
    compose,
    login: { options: REGISTRY_LOGIN },
    volume: {
      commands: {
        'rm|remove': { effect: 'delete', options: [flag('-f', '--force')] },
        prune: { effect: 'delete', options: PRUNE },
        'ls|inspect': { effect: 'read' },
      },
    },
    system: { commands: { prune: { effect: 'delete', options: [...PRUNE, flag('--volumes')] }, reset: { effect: 'delete', options: [flag('-f', '--force')] }, 'df|info': { effect: 'read' } } },
    run,
    // `create` takes run's options; `docker start` then runs it.
    create: { options: run.options, interspersed: false },
    // Stop 32 (red team round 15): `docker build` is buildx's since Docker 23 and pushes with `--push` or `--output type=registry`.
    'build|bud': PUSHING_BUILD,
    builder: { commands: { build: PUSHING_BUILD } },
    container: { commands: { exec, run, create: { options: run.options, interspersed: false }, cp: COPY, 'rm|remove': remove, prune: { effect: 'delete', options: PRUNE }, 'stop|kill|restart|pause|unpause': STOP, 'ls|inspect|logs': { effect: 'read' } } },
    rm: remove,
    // `stop`/`kill` take their containers down (the bulk form, `$(docker ps -q)`, is every one of them).
    'stop|kill|restart|pause|unpause': STOP,
    // `cp SRC BOX:PATH` writes into the container over what is there; `cp BOX:PATH DEST` downloads.
    cp: COPY,
    // Swarm services, the swarm itself and its nodes (docs.docker.com/reference/cli/docker/service, swarm, node).
    service: {
      commands: {
        'rm|remove': { effect: 'delete' },
        scale: { effect: 'mutate', options: [flag('-d', '--detach')] },
        update: {
          effect: 'mutate',
          options: [
            valued('--env-rm'), valued('--secret-rm'), valued('--config-rm'), valued('--mount-rm'), valued('--network-rm'), valued('--publish-rm'),
            valued('--replicas'), valued('--image'), valued('--env-add'), valued('--secret-add'), valued('--label-add'), flag('-d', '--detach'), flag('--force'), flag('-q', '--quiet'),
          ],
        },
        'ls|list|ps|inspect|logs': { effect: 'read' },
      },
    },
    swarm: { commands: { leave: { effect: 'delete', options: [flag('-f', '--force')] }, init: { effect: 'mutate', options: [flag('--force-new-cluster'), valued('--advertise-addr'), valued('--listen-addr')] } } },
    'secret|config': { commands: { 'rm|remove': { effect: 'delete' }, create: { inputOperands: 'last' }, 'ls|list|inspect': {} } },
    node: { commands: { 'rm|remove': { effect: 'delete', options: [flag('-f', '--force')] }, demote: { effect: 'mutate' }, 'ls|list|ps|inspect': { effect: 'read' } } },
    // Swarm stacks: `rm` removes every service of the stack (and its secrets, configs and networks).
    stack: {
      options: [valued('--orchestrator'), valued('--kubeconfig')],
      commands: {
        'rm|remove|down': { effect: 'delete', options: [flag('-d', '--detach'), valued('--namespace')] },
        deploy: { effect: 'mutate', options: [valued('-c', '--compose-file'), valued('--resolve-image'), flag('--prune'), flag('--with-registry-auth'), flag('-d', '--detach'), flag('-q', '--quiet')] },
        'ls|list|ps|services|config': { effect: 'read', options: [valued('--format'), valued('-f', '--filter'), flag('-q', '--quiet'), flag('--no-trunc'), flag('--no-resolve')] },
      },
    },
    // A pushed tag replaces what every host pulling it runs next; the registry is the image name's host (Docker Hub without one).
    push: PUSH,
    // Round 8 (issue #18): a manifest list pushed over the tag, and signatures revoked (hosts that enforce content trust refuse the image).
    manifest: { commands: { push: act('pushes the manifest list, replacing the tag every host that pulls it runs next', { registry: (a) => imageRegistry(a.operand(0)) }, { options: [flag('-p', '--purge'), flag('--insecure')] }), 'create|annotate|inspect|rm': {} } },
    trust: { commands: { revoke: act('revokes the signatures of the image: a safety net is removed — hosts that enforce content trust refuse to pull it, and it cannot be re-signed by this command', { registry: (a) => imageRegistry(a.operand(0)) }, { options: [flag('-y', '--yes')] }), signer: { commands: { remove: act('removes a signer from the repository: images only that signer signed stop passing content trust', { registry: (a) => imageRegistry(a.operand(1)) }, { options: [flag('-f', '--force')] }), add: {} } }, 'inspect|sign|key': {} } },
    image: { commands: { build: PUSHING_BUILD, push: PUSH, 'ls|list|inspect|history': { effect: 'read' } } },
    // `buildx build --push` (or `--output type=registry`) pushes what it builds under its `-t` tags.
    // BUILD's options (which name the Dockerfile and context a credential copy is read from) with BUILDX_BUILD's push reading.
    // `buildx imagetools create -t REF SOURCES…` writes a manifest list under the tag: the tag now names other images.
    buildx: { commands: { imagetools: { commands: { create: act('points the tag at other images, replacing what every host that pulls it runs next', { registry: (a) => imageRegistry(a.values('-t', '--tag')[0]), harmless: (a) => a.has('--dry-run') || a.values('-t', '--tag').length === 0 }, { options: [valued('-t', '--tag'), valued('-f', '--file'), flag('--append'), flag('--dry-run'), valued('--annotation'), valued('--builder')] }), 'inspect': {} } }, 'build|b': { ...BUILDX_BUILD, options: BUILD.options }, bake: { ...BUILDX_BUILD, options: [flag('--push'), valued('-f', '--file'), valued('--set'), valued('--progress'), flag('--load')] } } },
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

/** nerdctl: docker's commands under containerd, with containerd's namespace and engine settings as global options (`nerdctl -n k8s.io inspect box`). */
export const nerdctl: ToolSpec = {
  ...docker,
  names: ['nerdctl'],
  options: [...(docker.options ?? []), valued('-n', '--namespace'), valued('--address'), valued('--snapshotter'), valued('--cgroup-manager')],
};
