import { ownTable } from '../../ownTable';
import type { ArgWord, Facts, Invocation } from '../../policy/types';
import { providerIn } from '../../credentials/contentRules';
import { hostServiceId } from './serviceHosts';
import { parsedArgs, toolArgs, toolNamed } from '../../registry/commandModel';
import { commandWords } from '../../registry/grammar';
import { namesHost } from '../../regexText';
import { isLoopbackHost } from '../../policy/production';

/**
 * A credential piped into a registry login that reads its password from stdin (`echo "$GITHUB_TOKEN" |
 * docker login ghcr.io -u x --password-stdin`, `gh auth token | docker login ghcr.io …`, `aws ecr
 * get-login-password | docker login …amazonaws.com`): the value reaches no screen, only the login, and the
 * login sends it to the registry named. When that registry is the credential's own service (by the
 * service-domain table of `serviceHosts.ts`, never by the command's words) the value goes where it belongs.
 * Any other registry, a registry not named literally, or a login that does not read stdin: not this case.
 */

/**
 * Programs whose `login` reads the password from stdin: the login's command words and the switch that says so (named
 * without dashes); each program's options are its registry entry's (`login` under docker, podman, buildah, nerdctl,
 * skopeo, oras; `registry login` under helm and regctl; `auth login` under crane).
 */
interface Login {
  /** Words before the registry operand (`helm registry login`, `crane auth login`). */
  path: readonly string[];
  stdin: readonly string[];
  /** The registry when none is named (docker: Docker Hub). */
  defaultHost?: string;
}
const DOCKER_LIKE: Login = { path: ['login'], stdin: ['password-stdin'], defaultHost: 'docker.io' };
const LOGINS: Readonly<Record<string, Login>> = ownTable({
  docker: DOCKER_LIKE,
  podman: { ...DOCKER_LIKE, defaultHost: undefined },
  buildah: { ...DOCKER_LIKE, defaultHost: undefined },
  nerdctl: DOCKER_LIKE,
  skopeo: { ...DOCKER_LIKE, defaultHost: undefined },
  helm: { path: ['registry', 'login'], stdin: ['password-stdin'] },
  oras: { path: ['login'], stdin: ['password-stdin', 'identity-token-stdin'] },
  crane: { path: ['auth', 'login'], stdin: ['password-stdin'] },
  regctl: { path: ['registry', 'login'], stdin: ['pass-stdin'] },
});

const HOST = /^((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})(?::\d+)?(?:\/.*)?$/i;

/**
 * The registry host a login names (its operand after the login words), or its default; undefined when unsure.
 * Read by the program's registry entry (`toolArgs`); any option the entry does not know makes the reading unsure.
 */
function loginHost(name: string, args: readonly ArgWord[]): string | undefined {
  const login = LOGINS[name];
  if (!login || args.some((a) => a.dynamic)) return undefined;
  const spec = toolNamed(name);
  if (!spec) return undefined;
  const read = toolArgs(name, parsedArgs(args, spec), spec);
  if (read.parsed.options.some((o) => !o.known)) return undefined;
  const words = commandWords(read.parsed, args).map((w) => w.text);
  if (!read.has(...login.stdin.map((n) => `--${n}`)) || !login.path.every((w, i) => words[i] === w)) return undefined;
  const rest = words.slice(login.path.length);
  if (rest.length > 1) return undefined;
  if (rest.length === 0) return login.defaultHost;
  return HOST.exec(rest[0]!)?.[1]?.toLowerCase();
}

/** The service whose credential a CLI prints (`gh auth token`: GitHub's), for the printers judged here. */
export const PRINTED_CREDENTIAL_OWNER: Readonly<Record<string, string>> = ownTable({ gh: 'github', glab: 'gitlab', aws: 'aws', gcloud: 'gcp', az: 'azure', doctl: 'digitalocean' });

/** What the printers judged here print when it is a registry password (the words of `credentials.ts` and `credentialClis.ts`). */
export const REGISTRY_TOKENS: ReadonlySet<string> = new Set(['the GitHub token', 'the GitLab token', 'the ECR registry password', 'a Google Cloud access token']);

/** `inv`'s output (a credential of `owner`'s) goes only into a registry login of that same service. */
export function pipedToOwnLogin(inv: Invocation, owner: string | undefined): boolean {
  if (owner === undefined || inv.pipedInto === undefined || inv.redirects.length > 0) return false;
  const host = loginHost(inv.pipedInto, inv.pipedArgs ?? []);
  return host !== undefined && hostServiceId(host) === owner;
}

/** The same for a secret variable's value (`echo "$GITHUB_TOKEN" | docker login ghcr.io --password-stdin`). */
export function variablePipedToOwnLogin(inv: Invocation, variable: string): boolean {
  return pipedToOwnLogin(inv, providerIn(variable)?.id);
}

/** Registries any login may go to with its own credential: the public ones, where a token of no named service is that registry's. */
const PUBLIC_REGISTRY = /(^|\.)(docker\.io|docker\.com|ghcr\.io|quay\.io|gcr\.io|pkg\.dev|azurecr\.io|amazonaws\.com|registry\.gitlab\.com|public\.ecr\.aws|registry\.k8s\.io|nvcr\.io|mcr\.microsoft\.com)$/i;

/** Files where a project names the registries it pulls from and pushes to (images, charts, CI steps). */
const REGISTRY_FILES = ['Dockerfile', 'docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml', 'Chart.yaml', 'helmfile.yaml', 'skaffold.yaml', '.gitlab-ci.yml', '.blast-shield.json'];
const REGISTRY_FOLDERS = ['.github/workflows', 'k8s', 'deploy', 'charts'];

/**
 * Is `host` a registry a login may be given a secret of no named service (`docker login host -p $TOKEN`): a
 * public registry, this machine, or one the project's own files name (its images, charts and CI steps).
 * Any other host is a stranger's, and the password goes there.
 */
export function knownRegistry(host: string, facts: Facts, cwd: string): boolean {
  const bare = host.toLowerCase().replace(/:\d+$/, '');
  if (PUBLIC_REGISTRY.test(bare) || isLoopbackHost(bare)) return true;
  return projectNames((t) => namesHost(t, bare), facts, cwd);
}

/** Whether one of the files where the project names its registries (images, charts, CI steps) passes `test`. */
export function projectNames(test: (text: string) => boolean, facts: Facts, cwd: string): boolean {
  for (const root of new Set([cwd, ...facts.workspaceRoots])) {
    for (const f of REGISTRY_FILES) if (test(facts.readFile(`${root}/${f}`)?.slice(0, 100_000) ?? '')) return true;
    for (const d of REGISTRY_FOLDERS) for (const f of (facts.listDir(`${root}/${d}`) ?? []).slice(0, 50)) if (/\.ya?ml$/.test(f) && test(facts.readFile(`${root}/${d}/${f}`)?.slice(0, 100_000) ?? '')) return true;
  }
  return false;
}
