import type { Finding, Target } from '../../policy/types';

/**
 * Production noted is not production allowed (issue 18, red team round 8): the verb floor marked
 * `eb setenv … -e prod`, `aws rds modify-db-instance --db-instance-identifier prod`, `zappa rollback prod`
 * as production and let them run because no destroying word was in them. On a production target, a
 * command path whose verb changes (`setenv`, `modify-*`, `update-*`, `rollback`, `scale`, `restart`) asks; read-only verbs (`list`, `describe-*`, `get-*`, `show`,
 * `logs`) and commands with no command word at all keep the old mark-and-allow.
 */

/** A compound verb that only looks (`describe-db-instances`, `get-bucket-policy`, `list_tables`, `listKeys`). */
const READ_PREFIX = /^(describe|display|diagnose|doctor|audit|report|outputs?|events|history|metrics|get|list|ls|show|view|search|lookup|query|read|fetch|check|validate|test|verify|inspect|watch|print|logs?|tail|status|info|explain|diff|plan|preview|whoami|version)(?:[-_:].+|[A-Z].*)?$/;

/**
 * A verb that changes what runs (`modify-db-instance`, `update-alias`, `setenv`, `rollback`, `scale`, `restart`). Not
 * `run`/`exec`/`set`/`put`/`add`/`deploy`: the team's tables allow seeds, forward migrations and store writes on production.
 */
const ACTION_PREFIX = /^(modify|update|disable|revoke|remove|detach|disassociate|replace|restore|rollback|failover|switchover|promote|demote|suspend|pause|stop|scale|resize|upgrade|downgrade|swap|transfer|archive|rename|reboot|restart|rotate|reset|unprotect|override|overwrite|redeploy|recover|terminate|kill|halt|shutdown|drain|cordon|evacuate|setenv|unset)(?:[-_:].*|[A-Z].*|s)?$/i;

export interface PathWord {
  text: string;
  /** An option's value or a word that cannot be a command word (a path, a URL, quoted text): the path ends there. */
  value: boolean;
}

/**
 * The command path when its verb is not a read, or undefined when a word of it reads (`bq ls`,
 * `aws s3api get-object`) or there is no command word. Stops at the first action word (`setenv`,
 * `modify-db-instance`); a path of nouns only (`mytool prod`) is left as before.
 */
export function actionPath(words: readonly PathWord[], readsOnly: (text: string) => boolean, isAction: (text: string) => boolean): string[] | undefined {
  const path: string[] = [];
  for (const w of words) {
    if (w.value || w.text.includes('.')) break;
    if (readsOnly(w.text) || READ_PREFIX.test(w.text)) return undefined;
    path.push(w.text);
    if (isAction(w.text) || ACTION_PREFIX.test(w.text)) return path;
  }
  // A path of words the guard knows neither way (`tiup cluster display`, `chalice url`, `snow sql -q SELECT …`)
  // keeps mark-and-allow: asking for every such path cost 4 false positives on the unknown-tool corpora.
  return undefined;
}

export function productionChange(tool: string, path: readonly string[], environmentReason: string): Finding {
  const target: Target = { kind: 'resource', name: tool, provider: tool, remote: true, environment: 'production', environmentReason };
  const shown = [tool, ...path].join(' ');
  return {
    rule: 'verbs.production-change',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${shown}\` changes production (${environmentReason}); ${tool} has no rules of its own and \`${path[path.length - 1]}\` is not a read.`,
    targets: [target],
  };
}
