import { minimatch } from 'minimatch';
import { resolvePath } from '../../paths';
import type { CredentialFileInfo, Facts, Finding, Invocation, RuleContext } from '../../policy/types';
import { parsedArgs, readingsOf, toolNamed } from '../../registry/commandModel';
import { optionValues } from '../../registry/grammar';
import { docker } from '../../registry/tools/docker';
import { freeFormReadings } from '../../registry/freeForm';
import { readFinding } from '../credentials';
import { hostOfWords, isLoopbackHost, sentToHost } from './sentOutTargets';

/**
 * A build context sent to another machine whole: `docker -H tcp://host:2375 build .`,
 * `DOCKER_HOST=ssh://host docker build .`, `az acr build -r reg .` upload every file of the context
 * folder that `.dockerignore` does not exclude, before any Dockerfile line runs. Credential files in
 * that folder (`.env.production`, `config/master.key`) leave with it. A build on this machine's own
 * daemon, or one whose `.dockerignore` excludes them, stays allowed.
 */

const BUILD_PATHS = new Set(['build', 'buildx build', 'buildx b', 'image build', 'builder build']);

/** The daemon a docker command talks to when it is not this machine's: `-H`/`--host`, or `DOCKER_HOST` set for it. */
function remoteDaemon(inv: Invocation, hostOption: string | undefined): string | undefined {
  const address = hostOption ?? inv.assignments.DOCKER_HOST;
  if (address === undefined || /^(unix|npipe|fd):/i.test(address)) return undefined;
  const host = hostOfWords([address]);
  return host !== undefined && !isLoopbackHost(host) ? host : undefined;
}

/** `.dockerignore` patterns of the context (a `!` line re-includes). */
function ignoredByDockerignore(context: string, facts: Facts): (relative: string) => boolean {
  const text = facts.readFile(`${context}/.dockerignore`) ?? '';
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')).slice(0, 256);
  return (relative) => {
    let ignored = false;
    for (const line of lines) {
      const negate = line.startsWith('!');
      const pattern = (negate ? line.slice(1) : line).replace(/^\/+/, '').replace(/\/+$/, '');
      if (minimatch(relative, pattern, { dot: true }) || minimatch(relative, `${pattern}/**`, { dot: true }) || minimatch(relative, `**/${pattern}`, { dot: true })) ignored = !negate;
    }
    return ignored;
  };
}

/** Credential files of the context folder the upload carries. */
function contextCredentials(context: string, facts: Facts): CredentialFileInfo[] {
  if (!facts.credentials) return [];
  const ignored = ignoredByDockerignore(context, facts);
  const root = facts.workspaceRoots.find((r) => context === r || context.startsWith(r + '/'));
  return facts.credentials.filesUnder(context).filter((f) => {
    const abs = f.path.startsWith('/') ? f.path : f.path.startsWith('~/') ? `${facts.home}${f.path.slice(1)}` : `${root ?? context}/${f.path}`;
    const relative = abs.startsWith(context + '/') ? abs.slice(context.length + 1) : f.path;
    return !ignored(relative);
  }).slice(0, 4);
}

function contextOf(word: string | undefined, cwd: string, facts: Facts): string | undefined {
  if (word === undefined || word === '-' || /^[a-z]+:\/\//i.test(word) || word.startsWith('git@')) return word === undefined ? cwd : undefined;
  return resolvePath(cwd, word, facts.home);
}

/**
 * `docker buildx create --driver remote tcp://host:1234 --use` (stop 32, red team round 14): every later build on this
 * machine sends its context to that host. Asked at the switch, when the folder a build here would send holds
 * credential files; a builder on this machine (loopback, a unix socket) stays allowed.
 */
function remoteBuilder(inv: Invocation, cwd: string, facts: Facts): Finding[] | undefined {
  const readings = readingsOf(inv.args, docker);
  const first = readings[0];
  if (first?.path[0] !== 'buildx' || first.operands[0]?.text !== 'create') return undefined;
  const used = readings.some((r) => r.options.some((o) => o.name === '--use'));
  const remoteDriver = readings.some((r) => r.options.some((o) => o.name === '--driver' && o.values[0] === 'remote'));
  const endpoint = readings.flatMap((r) => r.operands.map((w) => w.text)).find((t) => /^(tcp|ssh|https?):\/\//i.test(t));
  const host = endpoint === undefined ? undefined : hostOfWords([endpoint]);
  if (!used || !remoteDriver || host === undefined || isLoopbackHost(host)) return [];
  const context = facts.workspaceRoots.find((r) => cwd === r || cwd.startsWith(r + '/')) ?? cwd;
  return contextCredentials(context, facts).map((info) => {
    const finding = readFinding('uploads', info, `docker buildx create --driver remote ${endpoint} --use (every later build sends its context to ${host})`);
    return sentToHost({ ...finding, rule: 'credentials.sent-out' }, host);
  });
}

export function checkBuildContextUploads(inv: Invocation, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  let context: string | undefined;
  let host: string | undefined;
  let how: string;
  if (inv.name === 'docker' || inv.name === 'podman' || inv.name === 'nerdctl') {
    const parsed = parsedArgs(inv.args, docker);
    const builder = remoteBuilder(inv, cwd, facts);
    if (builder) return builder;
    if (!BUILD_PATHS.has(parsed.path.join(' '))) return [];
    host = remoteDaemon(inv, optionValues(parsed, docker, ['-H']).pop());
    if (host === undefined) return [];
    context = contextOf(parsed.operands[0]?.text, cwd, facts);
    how = `${inv.name} build (its context sent to the daemon at ${host})`;
  } else if (inv.name === 'depot') {
    // Stop 32 (red team round 14): `depot build [CONTEXT]` and `depot bake` build on Depot's machines, the context uploaded there.
    const { usual } = freeFormReadings(inv.args);
    const words = usual.operands.map((w) => w.text);
    if (words[0] !== 'build' && words[0] !== 'bake') return [];
    context = words[0] === 'bake' ? cwd : contextOf(words[words.length - 1] === 'build' ? undefined : words[words.length - 1], cwd, facts);
    how = `depot ${words[0]} (its context uploaded to Depot's builders)`;
  } else if (inv.name === 'az') {
    const spec = toolNamed('az');
    const reading = spec ? readingsOf(inv.args, spec)[0] : undefined;
    const words = reading?.operands.map((w) => w.text) ?? [];
    if (words[0] !== 'acr' || words[1] !== 'build') return [];
    // Its one operand, the source location, after any option values an unsure reading took for operands.
    if (words.length < 3) return [];
    context = contextOf(words[words.length - 1], cwd, facts);
    how = 'az acr build (its context uploaded to the registry build)';
  } else return [];
  if (context === undefined) return [];
  return contextCredentials(context, facts).map((info) => {
    const finding = readFinding('uploads', info, how);
    return sentToHost({ ...finding, rule: 'credentials.sent-out' }, host, 'a registry build in a cloud account nothing names');
  });
}
