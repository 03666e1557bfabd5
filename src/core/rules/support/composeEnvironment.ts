import { invocationCommand } from '../../registry/commandModel';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { dump, dumpTarget, isSecretVariableName } from './huntCommon';

/**
 * `docker compose exec api env`, `docker compose run --rm api printenv DATABASE_URL`: a Compose service
 * started on this machine's engine is the project's own stack, so its payloads are not judged as
 * running elsewhere, but its environment is the project's environment files (`env_file: .env`) put
 * into the container: printing it prints them, as `docker exec box env` does. The words are read
 * through the registry's Compose grammar (the service, then the command).
 */
export function checkComposeEnvironment(inv: Invocation, ctx: RuleContext): Finding[] {
  const read = invocationCommand(inv);
  if (!read || read.tool.family !== 'containers') return [];
  const path = read.parsed.path.join(' ');
  if (path !== 'compose exec' && path !== 'compose run') return [];
  const [service, program, ...rest] = read.parsed.operands.map((a) => a.text);
  if (service === undefined || program === undefined) return [];
  const named = rest.filter((w) => !w.startsWith('-'));
  const prints =
    (program === 'env' && named.every((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w))) ||
    (program === 'printenv' && (named.length === 0 || named.some(isSecretVariableName))) ||
    ((program === 'cat' || program === 'strings') && named.some((w) => /^\/proc\/(\d+|self|1)\/environ$/.test(w)));
  if (!prints) return [];
  return [dump('container-environment', `${inv.name} ${path} ${service} ${program} prints the service container's environment (the project's environment files and their secrets).`, dumpTarget(`the environment of service ${service}`, ctx))];
}
