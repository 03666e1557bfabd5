import { ownTable } from '../../ownTable';
import type { ArgWord } from '../../shell/ast';
import type { RemoteContext } from '../../policy/types';
import type { CommandSpec, ToolArgs } from '../types';
import { flag, valued } from './options';
import { environmentOfName } from '../../policy/production';

/**
 * `docker run [options] IMAGE [command] [args]` (podman, nerdctl, `docker container run`,
 * `docker compose run SERVICE cmd`): the command runs in a new container, and what it does is judged
 * like the same command here. The image's entry point comes first when the image has one that is a
 * CLI (`docker run hashicorp/terraform destroy` runs `terraform destroy`), or `--entrypoint` names it.
 * On this machine's engine it is this machine (its mounts are this machine's files and volumes); an
 * engine named by `--host` or `--context` is elsewhere, and its environment is what those names say.
 */

/** Options of `docker run` and `docker create` that take a value (the reference's list). */
const RUN_VALUED = [
  valued('-a', '--attach'), valued('--add-host'), valued('--annotation'), valued('--blkio-weight'), valued('--blkio-weight-device'),
  valued('--cap-add'), valued('--cap-drop'), valued('--cgroup-parent'), valued('--cgroupns'), valued('--cidfile'),
  valued('--cpu-period'), valued('--cpu-quota'), valued('--cpu-rt-period'), valued('--cpu-rt-runtime'), valued('--cpu-shares'), valued('--cpus'),
  valued('--cpuset-cpus'), valued('--cpuset-mems'), valued('--device'), valued('--device-cgroup-rule'), valued('--device-read-bps'),
  valued('--device-read-iops'), valued('--device-write-bps'), valued('--device-write-iops'), valued('--dns'), valued('--dns-option'),
  valued('--dns-search'), valued('--domainname'), valued('--entrypoint'), valued('-e', '--env'), valued('--env-file'), valued('--expose'),
  valued('--gpus'), valued('--group-add'), valued('--health-cmd'), valued('--health-interval'), valued('--health-retries'),
  valued('--health-start-period'), valued('--health-timeout'), valued('--hostname'), valued('--ip'), valued('--ip6'), valued('--ipc'),
  valued('--isolation'), valued('--kernel-memory'), valued('-l', '--label'), valued('--label-file'), valued('--link'), valued('--link-local-ip'),
  valued('--log-driver'), valued('--log-opt'), valued('--mac-address'), valued('-m', '--memory'), valued('--memory-reservation'),
  valued('--memory-swap'), valued('--memory-swappiness'), valued('--mount'), valued('--name'), valued('--network', '--net'),
  valued('--network-alias'), valued('--oom-score-adj'), valued('--pid'), valued('--pids-limit'), valued('--platform'), valued('-p', '--publish'),
  valued('--pull'), valued('--restart'), valued('--runtime'), valued('--security-opt'), valued('--shm-size'), valued('--stop-signal'),
  valued('--stop-timeout'), valued('--storage-opt'), valued('--sysctl'), valued('--tmpfs'), valued('--ulimit'), valued('-u', '--user'),
  valued('--userns'), valued('--uts'), valued('-v', '--volume'), valued('--volume-driver'), valued('--volumes-from'), valued('-w', '--workdir'),
  valued('--detach-keys'), valued('--pod'), valued('--secret'),
  flag('-d', '--detach'), flag('-i', '--interactive'), flag('-t', '--tty'), flag('--rm'), flag('--privileged'), flag('-P', '--publish-all'),
  flag('--init'), flag('--read-only'), flag('--no-healthcheck'), flag('--oom-kill-disable'), flag('-q', '--quiet'), flag('--sig-proxy'),
];

/**
 * Images whose entry point is a CLI taking the command's words as its arguments (each image's
 * Dockerfile `ENTRYPOINT`). Images without one run the words as a command (`postgres psql …`).
 */
const ENTRYPOINTS: Readonly<Record<string, string>> = ownTable({
  'hashicorp/terraform': 'terraform',
  'opentofu/opentofu': 'tofu',
  'ghcr.io/opentofu/opentofu': 'tofu',
  'alpine/terragrunt': 'terragrunt',
  'amazon/aws-cli': 'aws',
  'public.ecr.aws/aws-cli/aws-cli': 'aws',
  'bitnami/kubectl': 'kubectl',
  'alpine/kubectl': 'kubectl',
  'alpine/helm': 'helm',
  'flyio/flyctl': 'flyctl',
  'pulumi/pulumi-base': 'pulumi',
  'mongo-tools': 'mongorestore',
  'rclone/rclone': 'rclone',
  'minio/mc': 'mc',
  'google/cloud-sdk:alpine': 'gcloud',
  // Stop 33 (red team round 18): kaniko's executor image (`/kaniko/executor`), and its maintained fork's.
  'gcr.io/kaniko-project/executor': 'executor',
  'martizih/kaniko': 'executor',
  'ghcr.io/osscontainertools/kaniko': 'executor',
});

/** The image's repository without tag or digest, and the docker.io/library prefixes. */
export function repositoryOf(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const bare = colon > lastSlash ? withoutDigest.slice(0, colon) : withoutDigest;
  return bare.replace(/^(docker\.io\/|index\.docker\.io\/)/, '').replace(/^library\//, '');
}

function word(text: string): ArgWord {
  return { text, raw: text, dynamic: false, glob: false };
}

/**
 * This machine's folders bind-mounted into the container (`-v "$PWD":/app`, `-v ~/src:/src:ro`,
 * `--mount type=bind,src=.,dst=/app`): the container path, and the folder as a path here (`$PWD` is `.`).
 * Named volumes (`pgdata:/d`) are the engine's, not a folder here.
 */
function bindMounts(a: ToolArgs): { inside: string; host: string }[] {
  const specs = [...a.values('-v', '--volume').map((v) => v.split(':')), ...a.values('--mount').map((m) => [/(?:^|,)(?:src|source)=([^,]+)/.exec(m)?.[1], /(?:^|,)(?:dst|destination|target)=([^,]+)/.exec(m)?.[1]])];
  return specs.flatMap(([host, inside]) => {
    if (!host || !inside?.startsWith('/') || !/^[/~.$]/.test(host)) return [];
    const here = host.replace(/^(\$PWD|\$\{PWD\}|\$\(pwd\))(?=\/|$)/, '.').replace(/^(\$HOME|\$\{HOME\})(?=\/|$)/, '~');
    return /[$`]/.test(here) ? [] : [{ inside: inside.replace(/\/+$/, '') || '/', host: here.replace(/\/+$/, '') || '/' }];
  });
}

/** A word naming a path under a bind mount names this machine's file there: `node /app/scripts/reset-db.js` with `-v "$PWD":/app` runs `./scripts/reset-db.js`. */
function hostWord(w: ArgWord, mounts: readonly { inside: string; host: string }[]): ArgWord {
  if (w.dynamic) return w;
  const m = mounts.find((b) => b.inside !== '/' && (w.text === b.inside || w.text.startsWith(`${b.inside}/`)));
  if (!m) return w;
  const text = `${m.host}${w.text.slice(m.inside.length)}`;
  return { ...w, text, raw: text };
}

/** The argv the container runs: `--entrypoint` or the image's CLI entry point, then the words after the image. */
export function containerArgv(a: ToolArgs, imageIndex = 0): ArgWord[] {
  const argv = imageArgv(a, imageIndex);
  // On this machine's engine a bind mount shows this machine's files: the command's paths there are judged as these.
  const mounts = remoteEngine(a, '') === undefined ? bindMounts(a) : [];
  return mounts.length === 0 ? argv : argv.map((w) => hostWord(w, mounts));
}

function imageArgv(a: ToolArgs, imageIndex: number): ArgWord[] {
  const operands = a.parsed.operands;
  const image = operands[imageIndex];
  if (!image) return [];
  const rest = operands.slice(imageIndex + 1);
  const entrypoint = a.value('--entrypoint');
  if (entrypoint !== undefined) return entrypoint === '' ? rest : [word(entrypoint), ...rest];
  const repository = repositoryOf(image.text);
  const cli = ENTRYPOINTS[repository] ?? ENTRYPOINTS[image.text];
  if (cli === undefined) return rest;
  // `docker run amazon/aws-cli` alone prints help; with words it runs the CLI on them.
  return rest.length === 0 ? [] : [word(cli), ...rest];
}

/** Contexts that name this machine's own engine (Docker Desktop, Colima, OrbStack, Rancher Desktop, rootless). */
const LOCAL_CONTEXTS = /^(default|desktop-linux|desktop-windows|colima(-.*)?|orbstack|rancher-desktop|rootless|podman-machine-default)$/;

/** The engine a command reaches when it is not this machine's: `-H ssh://db1`, `--context prod`, podman `--connection`. */
export function remoteEngine(a: ToolArgs, what: string): RemoteContext | undefined {
  const host = a.value('--host', '--url');
  if (host !== undefined && !/^(unix|npipe|fd):\/\//.test(host)) {
    return { place: `${what} on ${host.replace(/^[a-z]+:\/\/([^@/]*@)?/, '')}`, provider: 'docker', names: [{ source: 'docker host', value: host }] };
  }
  const context = a.value('--context', '--connection');
  if (context !== undefined && !LOCAL_CONTEXTS.test(context)) {
    return { place: `${what} on docker context ${context}`, provider: 'docker', names: [{ source: 'docker context', value: context }] };
  }
  return undefined;
}

export const run: CommandSpec = {
  options: RUN_VALUED,
  interspersed: false,
  effect: 'exec',
  runsElsewhere: {
    command: { argv: 'computed', of: (a) => containerArgv(a) },
    label: (a) => `${a.name} run ${a.operand(0) ?? ''}`.trim(),
    place: (a) => remoteEngine(a, `a container of ${a.operand(0) ?? 'an image'}`),
  },
};

/**
 * `docker compose run [options] SERVICE [command]`: the service's container runs the command, judged
 * like the same command here. A compose project on this machine's engine is this machine (its
 * database is the project's development copy), unless the service is named for production; an engine
 * named by `--host` or `--context` is elsewhere.
 */
/** The engine elsewhere, or a service on this machine's engine named for production (`prod-db`, a prod compose file), or this machine. */
function composePlace(a: ToolArgs): RemoteContext | undefined {
  const service = a.operand(0) ?? '';
  const elsewhere = remoteEngine(a, `service ${service}`.trim());
  if (elsewhere !== undefined) return elsewhere;
  // The service, the project (`-p acme-prod`) or a compose file (`-f docker-compose.prod.yml`) may name production.
  const names = [{ source: 'compose service', value: service }, ...a.values('-p', '--project-name').map((value) => ({ source: 'compose project', value })), ...a.values('-f', '--file').map((value) => ({ source: 'compose file', value: value.replace(/^.*\//, '') }))];
  const named = names.find((n) => n.value !== '' && environmentOfName(n.value) === 'production');
  return named !== undefined ? { place: `service ${service}`.trim(), provider: 'docker', names: [named] } : undefined;
}

export const composeRun: CommandSpec = {
  options: [...RUN_VALUED, flag('--no-deps'), flag('--service-ports'), flag('--use-aliases'), flag('--build'), flag('--remove-orphans'), flag('-T', '--no-TTY')],
  interspersed: false,
  effect: 'exec',
  runsElsewhere: {
    command: { argv: 'computed', of: (a) => a.parsed.operands.slice(1) },
    label: (a) => `${a.name} compose run ${a.operand(0) ?? ''}`.trim(),
    place: composePlace,
  },
};

/** `docker compose exec [options] SERVICE command`: runs in the service's running container. */
export const composeExec: CommandSpec = {
  options: [valued('-e', '--env'), valued('-u', '--user'), valued('-w', '--workdir'), valued('--index'), flag('-d', '--detach'), flag('--privileged'), flag('-T', '--no-TTY'), flag('-i', '--interactive'), flag('-t', '--tty')],
  interspersed: false,
  effect: 'exec',
  runsElsewhere: {
    command: { argv: 'computed', of: (a) => a.parsed.operands.slice(1) },
    label: (a) => `${a.name} compose exec ${a.operand(0) ?? ''}`.trim(),
    place: composePlace,
  },
};
