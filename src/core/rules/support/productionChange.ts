import { environmentOfName } from '../../policy/production';
import type { Facts, Finding, Target } from '../../policy/types';
import { resolvePath } from '../../paths';
import { identifierParts } from './cliArgs';
import { METHOD_OPTION } from './apiPaths';
import { BENIGN_OBJECT } from './optionVerbs';
import { throughVerb } from './verbPositions';

/**
 * Production noted is not production allowed (issue 18, red team round 8): the verb floor marked
 * `eb setenv … -e prod`, `aws rds modify-db-instance --db-instance-identifier prod`, `zappa rollback prod`
 * as production and let them run because no destroying word was in them. On a production target, a
 * command path whose verb changes (`setenv`, `modify-*`, `update-*`, `rollback`, `scale`, `restart`) asks; read-only verbs (`list`, `describe-*`, `get-*`, `show`,
 * `logs`) and commands with no command word at all keep the old mark-and-allow.
 */

/** A compound verb that only looks (`describe-db-instances`, `get-bucket-policy`, `list_tables`, `listKeys`). */
// Stop 39 (round 33: `zoe … topics consume orders`, `qshell listbucket2 prod-assets`): reading a topic's messages, and a read glued to its noun.
const READ_PREFIX = /^(describe|display|diagnose|doctor|audit|report|outputs?|events|history|metrics|get|list|ls|show|view|search|lookup|query|read|fetch|check|validate|test|verify|inspect|watch|print|logs?|tail|status|info|explain|diff|plan|preview|whoami|version|consume|peek|browse)(?:[-_:].+|[A-Z].*|(?:buckets?|objects?|keys?|files?|items?|hosts?|nodes?|topics?|queues?|tables?|users?|jobs?|domains?|zones?|records?|images?|volumes?|snapshots?|indexes|indices|streams?|partitions?|messages?|offsets?|groups?)\d*)?$/;

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
const PRINTS = /^(urls?|endpoints?|current|heads|branches|outputs?|summary|overview|usage|quotas?|whoami|which|where|env-info|config-show|render|template|sub|subscribe|consume|listen|topology|replication-status|lag)$/i;

/**
 * Names that say the tool only reads: a read glued to a prefix (`mongostat`, `mongotop`, `iostat`; libmemcached's `memcstat`, `memccat`; OpenLDAP's
 * `ldapsearch`), a part that subscribes or consumes (`mosquitto_sub`, `kafka-console-consumer.sh`), and network
 * probes that look a name up or test a port (`dig`, `ping`, `traceroute`, `pg_isready`, `ssh-keyscan`).
 */
const GLUED_READ = /^(?!.*stop$)[a-z][a-z0-9]*(stat|top)$|^(memc(stat|cat|exist|ping|dump)|ldap(search|compare|whoami)|dig|ping6?|fping|nslookup|host|traceroute6?|tracepath|mtr|whois|ssh-keyscan|pg_isready|mysqlshow|asinfo)$/;
// Stop 39 (round 33: `zabbix_get -s web-prod-1 -k …` reads one item from an agent): a read verb as the name's last part.
const NAME_READ_PART = /^(sub|subscribe|consumer|consume|stat|stats|top|tail|search|isready|get|ls|list|show|info|query)$/;
/**
 * Stop 36 (round 26: `nixos-rebuild build --flake .#db-prod`, `cue export ./config:prod`, `morph build network/prod.nix`):
 * work whose output lands here (a build, a compile, a rendered or exported configuration) changes nothing where it
 * runs: a target named like production is a file or a name here, not the environment reached. Data exported to a file
 * is read before this (support/productionCopies.ts); `switch`, `deploy`, `apply` and `push` stay changes.
 */
/** Options that pick an environment, a host or variables: production named there is where the work goes (`packer build -var env=production`). */
const TARGET_OPTION = /^--?(env|e|environment|stage|profile|context|var|vars|var-file|set|host|h|url|address|addr|endpoint|server|api|region|project|account|target|to|cluster|namespace|n)$/i;
/** Production named only by a path or an attribute here (`.#db-prod`, `./config:prod`, `network/prod.nix`), and by no target option. */
function localOutputOnly(words: readonly PathWord[], options: readonly string[]): boolean {
  // Stop 39 (round 31: `maizzle build production`): a build *named* production (its configuration's name) is built here; a thing named like production (`prod-eu`) is not only a name.
  return !options.some((o) => TARGET_OPTION.test(o)) && words.every((w) => !/prod/i.test(w.text) || /[/#]|^\.|\.[a-z]{1,5}$/i.test(w.text) || /^(prod|production|prd)$/i.test(w.text));
}
const LOCAL_OUTPUT = /^(build|dry-build|compile|synth|synthesize|eval|evaluate|instantiate|export|vet|fmt|format|codegen|typecheck)$/;

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
  // Stop 39 (round 33: `orchestrator -c topology -i db-prod-1:3306`): the command given by a command option (pickedValues.ts) read like a command word.
  const given = options.map((o) => /^--?[a-z][\w-]*=([a-z][\w-]*)$/i.exec(o)?.[1]).filter((c): c is string => c !== undefined);
  if (path.length === 0 && given.length > 0 && given.every((c) => readsOnly(c) || READ_PREFIX.test(c) || PRINTS.test(c) || listsByNoun(c))) return undefined;
  if (path.length > 0 && path.every((w) => PRINTS.test(w))) return undefined;
  if (path.length > 0 && LOCAL_OUTPUT.test(path[0]!) && localOutputOnly(words, options) && !statements.some((s) => /\b(insert|update|delete|drop|alter|create|truncate)\b/i.test(s))) return undefined;
  // Stop 36: a profile or an object joined to its command by a dot (`resticprofile prod.snapshots`, `govc vm.info`): the command is the last part.
  const dotted = path.length === 0 ? words.find((w) => !w.value && /^[\w-]+\.[a-z][\w-]*$/i.test(w.text))?.text.split('.')[1] : undefined;
  if (dotted !== undefined && (readsOnly(dotted) || READ_PREFIX.test(dotted) || PRINTS.test(dotted) || listsByNoun(dotted))) return undefined;
  // Round 22: a plural noun as the whole command lists those things (`bosh -e prod deployments`, `… vms`, `… stemcells`).
  if (path.length === 1 && words.filter((w) => !w.value).length === 1 && listsByNoun(path[0]!)) return undefined;
  // Words that only name the environment (`assume prod`: a role picked for the shell) say nothing more than before: marked, allowed.
  if (path.length > 0 && path.every((w) => environmentOfName(w) !== undefined)) return undefined;
  if (statements.some((s) => READ_QUERY.test(s))) return undefined;
  // Stop 40: an import told to keep what exists (`table_exists_action=skip|append`) replaces nothing there (stop 38's look-alike, now that `PRODDB` names production).
  if (words.some((w) => /^(table_exists_action|on_?conflict|if_?exists|existing)=(skip|append|keep|ignore)$/i.test(w.text))) return undefined;
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

/**
 * Stop 35 (round 21): a read word does not make a run a read when an option carries a change.
 * `acmectl show config --env production --set key=value`, `acmectl status --env production --reset`,
 * `acmectl list -e production -X DELETE`: the subcommand names what is looked at, the option says what is done
 * to it. An option whose first word changes (`--set`, `--unset`, `--reset`, `--fix`, `--apply`, `--write`,
 * `--overwrite`, `--kill`, `--rm`, `--prune`, `--force`, `--force-restart`, `--execute`, `--commit`), or a request
 * method that writes (`-X DELETE`, `--method put`), is the command's verb; what it acts on only as a cache or
 * a view (`--reset-cache`, `--force-color`), a value that switches it off (`--force=false`) and `--no-…` stay reads.
 * `--yes`/`--confirm` only confirm: they change nothing by themselves.
 */
const CHANGE_OPTION = new Set(['set', 'unset', 'reset', 'delete', 'del', 'remove', 'rm', 'purge', 'prune', 'force', 'fix', 'apply', 'write', 'overwrite', 'kill', 'drop', 'truncate',
  'wipe', 'flush', 'clear', 'erase', 'destroy', 'terminate', 'restart', 'reboot', 'stop', 'disable', 'replace', 'restore', 'rollback', 'revoke', 'rotate', 'execute', 'commit', 'evict', 'expire', 'invalidate', 'update', 'upsert', 'patch', 'put', 'post']);
/** What a changing word may act on that only shapes the output or a local view (`--force-color`, `--clear-screen`, `--fix-width`). */
const VIEW_OBJECT = new Set([...BENIGN_OBJECT, 'color', 'colors', 'colour', 'colours', 'tty', 'ansi', 'width', 'height', 'columns', 'format', 'locale', 'interactive', 'prompt', 'progress', 'pager', 'line', 'lines', 'log', 'logs', 'level', 'verbose',
  'telemetry', 'analytics', 'banner', 'spinner', 'emoji', 'hints', 'warnings', 'refresh', 'out', 'json', 'yaml', 'csv', 'table', 'timestamps']);
const WRITE_METHOD = /^(delete|put|post|patch)$/i;
const OFF = /^(false|no|0|off|none)$/i;

export function changingOption(options: readonly { name: string; value?: string; next?: string }[]): string | undefined {
  for (const o of options) {
    if (METHOD_OPTION.test(o.name)) {
      const method = o.value ?? o.next ?? '';
      if (WRITE_METHOD.test(method)) return `${o.name} ${method.toUpperCase()}`;
      continue;
    }
    // curl's glued `-XDELETE`.
    const glued = /^-X(DELETE|PUT|POST|PATCH)$/i.exec(o.name);
    if (glued) return `-X ${glued[1]!.toUpperCase()}`;
    if (!/^--\w/.test(o.name) || OFF.test(o.value ?? '')) continue;
    const parts = identifierParts(o.name);
    if (parts[0] === undefined || !CHANGE_OPTION.has(parts[0]) || parts.slice(1).some((p) => VIEW_OBJECT.has(p))) continue;
    return o.name;
  }
  return undefined;
}

/** The finding for a read word on production whose option changes (`acmectl status --env production --reset`). */
export function productionOptionChange(tool: string, path: readonly string[], option: string, environmentReason: string): Finding {
  const target: Target = { kind: 'resource', name: tool, provider: tool, remote: true, environment: 'production', environmentReason };
  const shown = [tool, ...path, option].join(' ');
  return {
    rule: 'verbs.production-change-option',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${shown}\` changes production (${environmentReason}); ${tool} has no rules of its own, and \`${option}\` changes what ${path.length > 0 ? `\`${path.join(' ')}\` names` : 'it reaches'}, whatever the subcommand reads.`,
    targets: [target],
  };
}

/**
 * A word that names a file or folder of this machine (`deploy/production.py`, `.env.production` when it is
 * there), not a host (`db.prod.acme.internal` is not a file here) or an address: a changing option aimed at it is a local edit the perimeter judges
 * (`eslint --fix`, `prettier --write`), not a change to production.
 */
export function localPath(word: string, facts: Facts): boolean {
  if (/^[a-z][\w+.-]*:\/\//i.test(word) || /^[\w.-]+@[\w.-]+:/.test(word)) return false;
  if (word.includes('/')) return true;
  // A bare word (`production`) is an environment's name, wherever a folder of that name lies.
  if (!word.includes('.')) return false;
  const status = facts.fileStatus?.(resolvePath(facts.cwd, word, facts.home));
  return status !== undefined && status !== 'missing';
}
