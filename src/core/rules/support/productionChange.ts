import { environmentOfName } from '../../policy/production';
import type { Finding, Target } from '../../policy/types';
import { throughVerb } from './verbPositions';

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
 * `aws s3api get-object`). Stops at the first action word (`setenv`, `modify-db-instance`).
 */
export function actionPath(words: readonly PathWord[], readsOnly: (text: string) => boolean, isAction: (text: string) => boolean): string[] | undefined {
  const path: string[] = [];
  for (const w of words) {
    if (w.value || w.text.includes('.')) break;
    if (readsOnly(w.text) || READ_PREFIX.test(w.text)) return undefined;
    path.push(w.text);
    if (isAction(w.text) || ACTION_PREFIX.test(w.text)) return path;
  }
  return undefined;
}

/**
 * Words that print what a tool knows when they are the whole command (`chalice url`, `alembic current`,
 * `alembic heads`): nouns, not verbs, but nothing else runs.
 */
const PRINTS = /^(urls?|endpoints?|current|heads|branches|outputs?|summary|overview|usage|quotas?|whoami|which|where|env-info|config-show|render|template|sub|subscribe|consume|listen)$/i;

/**
 * Names that say the tool only reads: a read glued to a prefix (`mongostat`, `mongotop`, `iostat`; libmemcached's `memcstat`, `memccat`; OpenLDAP's
 * `ldapsearch`), a part that subscribes or consumes (`mosquitto_sub`, `kafka-console-consumer.sh`), and network
 * probes that look a name up or test a port (`dig`, `ping`, `traceroute`, `pg_isready`, `ssh-keyscan`).
 */
const GLUED_READ = /^(?!.*stop$)[a-z][a-z0-9]*(stat|top)$|^(memc(stat|cat|exist|ping|dump)|ldap(search|compare|whoami)|dig|ping6?|fping|nslookup|host|traceroute6?|tracepath|mtr|whois|ssh-keyscan|pg_isready|mysqlshow|asinfo)$/;
const NAME_READ_PART = /^(sub|subscribe|consumer|consume|stat|stats|top|tail|search|isready)$/;

/** Long options that make the run a read (`--list`, `--describe`, `--status`, `--bigkeys`). */
const READ_OPTION = /^--(list|describe|get|show|status|info|version|help|scan|bigkeys|memkeys|stat|stats|ping|health|check|validate|verify|diff|plan|preview|explain|count|dry-run)$/i;

/** A query that only reads (`-q "SELECT CURRENT_VERSION()"`, `-e 'SHOW MEASUREMENTS'`). */
const READ_QUERY = /^\s*(select|show|explain|describe|desc|with\s+\w+\s+as\s*\(\s*select)\b[^;]*;?\s*$/i;

/**
 * Stop 34 (round 19): unknown is not safe. A command of a tool the guard does not describe that reaches
 * production was allowed and marked unless a verb said it changed something: `pgcli -h db.prod…` (an
 * interactive SQL shell), `mosquitto_pub -h mqtt.prod… -m reboot`, `packer build -force -var env=production`,
 * `surreal import --conn https://db.prod…`. Now it asks unless its words clearly only read: a read verb
 * anywhere in its command path (`list`, `get-*`, `status`, `logs`, `diff`, `plan`, `display`), a printing
 * noun as the whole command (`url`, `current`), or a read-only query as its statement. The path shown is its
 * command words (values of options skipped), or none when it has none.
 */
/**
 * Round 22: a plural noun that is the whole command path lists those things (`deployments`, `vms`, `instances`,
 * `stemcells`); not a verb with an s (`restarts`, `updates`) nor a word that says it changes (`rollbacks`).
 */
function listsByNoun(word: string): boolean {
  if (!/^[a-z]{2,}s$/.test(word) || word.endsWith('ss')) return false;
  const singular = word.replace(/ies$/, 'y').replace(/s$/, '');
  return !ACTION_PREFIX.test(singular) && !ACTION_PREFIX.test(word) && !/^(delete|remove|drop|purge|destroy|wipe|reset|flush|prune|kill|stop|start|deploy|release|publish|push|sync|apply|run|exec|restore|import|load|upload|migrate|seed|install|update|upgrade|set|put|add|create|send|post|write|trigger|invoke|call)$/.test(singular);
}

export function unreadPath(tool: string, words: readonly PathWord[], statements: readonly string[], options: readonly string[], readsOnly: (text: string) => boolean): string[] | undefined {
  if (GLUED_READ.test(tool.replace(/\.(sh|exe)$/, '')) || tool.replace(/\.(sh|exe)$/, '').split(/[-_.]/).some((p) => NAME_READ_PART.test(p))) return undefined;
  const path = words.filter((w) => !w.value && !w.text.includes('.')).map((w) => w.text);
  // Round 22: after its verb a path names things (`cbt … setgcpolicy events cf1`: a table named events, not a read).
  if (throughVerb(words, (t) => ACTION_PREFIX.test(t)).some((w) => !w.value && !w.text.includes('.') && (readsOnly(w.text) || READ_PREFIX.test(w.text)))) return undefined;
  // A long option that is the command (`kafka-topics --list`, `kafka-configs --describe`); not `--output FILE`, `--query TEXT`.
  // `--interactive`: the tool itself shows each change and waits for a person (`helmfile sync --interactive`).
  if (options.some((o) => READ_OPTION.test(o) || o === '--interactive')) return undefined;
  if (path.length > 0 && path.every((w) => PRINTS.test(w))) return undefined;
  // Round 22: a plural noun as the whole command lists those things (`bosh -e prod deployments`, `… vms`, `… stemcells`).
  if (path.length === 1 && words.filter((w) => !w.value).length === 1 && listsByNoun(path[0]!)) return undefined;
  // Words that only name the environment (`assume prod`: a role picked for the shell) say nothing more than before: marked, allowed.
  if (path.length > 0 && path.every((w) => environmentOfName(w) !== undefined)) return undefined;
  if (statements.some((s) => READ_QUERY.test(s))) return undefined;
  return path;
}

export function productionChange(tool: string, path: readonly string[], environmentReason: string, unread = false): Finding {
  const target: Target = { kind: 'resource', name: tool, provider: tool, remote: true, environment: 'production', environmentReason };
  const shown = [tool, ...path].join(' ');
  const why = unread ? `nothing in \`${shown}\` says it only reads` : `\`${path[path.length - 1]}\` is not a read`;
  return {
    rule: unread ? 'verbs.production-unread' : 'verbs.production-change',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${shown}\` ${unread ? 'reaches' : 'changes'} production (${environmentReason}); ${tool} has no rules of its own and ${why}.`,
    targets: [target],
  };
}
