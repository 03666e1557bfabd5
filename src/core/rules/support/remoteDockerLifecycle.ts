import type { Finding, Target } from '../../policy/types';
import type { ToolArgs } from '../../registry/types';

/**
 * Containers stopped, killed, restarted, paused or recreated on a docker engine of another machine
 * (`DOCKER_HOST=ssh://prod-host`, `-H tcp://…`, `--context prod`): what that machine serves goes down or
 * is replaced, as a `kubectl rollout restart` does to a cluster. It asks when the engine is production
 * or nothing names its environment (an unresolved remote target is production); the same verbs on
 * this machine's engine, or on one named for development, are routine.
 */

const CONTAINER_VERBS: Readonly<Record<string, string>> = { stop: 'Stops', kill: 'Kills', restart: 'Restarts', pause: 'Pauses', rm: 'Removes', remove: 'Removes' };
const COMPOSE_VERBS: Readonly<Record<string, string>> = { down: 'Stops and removes', stop: 'Stops', kill: 'Kills', restart: 'Restarts', pause: 'Pauses', rm: 'Removes' };

/** `docker compose up` options that replace running containers (or their anonymous volumes) even when nothing changed. */
const RECREATES = ['--force-recreate', '-V', '--renew-anon-volumes', '--always-recreate-deps', '--remove-orphans'];

export interface RemoteEngine {
  name: string;
  remote: boolean;
}

/**
 * `path`: the command words after `docker` (`['compose', 'up']`, `['container', 'stop']`, `['stop']`), or
 * after `docker-compose`, with `compose` true. `target(name)` gives the container's target on that engine.
 */
export function remoteLifecycle(tool: string, path: readonly (string | undefined)[], compose: boolean, args: ToolArgs, names: readonly string[], engine: RemoteEngine, target: (name: string) => Target): Finding[] {
  if (!engine.remote) return [];
  const [a, b] = path;
  const verb = compose ? a : a === 'container' ? b : a;
  if (verb === undefined) return [];
  let does: string | undefined;
  if (compose) {
    if (verb === 'up') {
      const recreate = RECREATES.find((o) => args.has(o));
      does = recreate !== undefined ? `Recreates (${recreate})` : 'Creates or replaces';
    } else does = COMPOSE_VERBS[verb];
  } else does = CONTAINER_VERBS[verb];
  // `kill -s HUP` asks the process to reload (or to rotate its logs): the container keeps running.
  if (verb === 'kill' && /^(SIG)?(HUP|USR1|USR2|WINCH|CONT|1|10|12|28|18)$/i.test(args.value('-s', '--signal') ?? '')) return [];
  if (does === undefined) return [];
  const shown = names.length > 0 ? names.join(', ') : compose ? `the services of ${args.value('-p', '--project-name') ?? 'the compose project'}` : 'containers';
  const targets = (names.length > 0 ? names : [shown]).slice(0, 16).map(target);
  if (!targets.some((t) => t.environment === 'production' || t.environment === 'unknown')) return [];
  const how = `${tool}${compose && tool !== 'docker-compose' && tool !== 'podman-compose' ? ' compose' : ''} ${verb}`;
  return [{
    rule: 'containers.remote-lifecycle',
    risk: 'production-access',
    severity: 'ask',
    reason: `${does} ${shown} on ${engine.name} (${how}): what that machine serves ${verb === 'up' ? 'is replaced' : 'goes down'} at once.`,
    targets: targets.map((t) => (t.environment === 'unknown' ? { ...t, environment: 'production', environmentReason: `${t.environmentReason}; a remote docker engine nothing names is treated as production` } : t)),
  }];
}
