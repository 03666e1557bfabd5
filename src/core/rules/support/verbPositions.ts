/** Stop 39: cleanups of derived data (support/derivedCleanups.ts), read where the floor reads a cleaning verb. */
export { cachedAddress, cleansDerived } from './derivedCleanups';

/**
 * Where a verb sits in a command path, and verbs the floor (rules/verbs.ts) reads past single words
 * (issue #18, red team round 22: fresh tools no rule names).
 *
 * - A CLI may glue its verb to the noun it acts on (`cbt deletetable events`, `cbt deletefamily`,
 *   `dropkeyspace`, `setgcpolicy`): the verb is the glued prefix when what follows is a resource noun.
 * - Once a command path has its verb, the words after it are names, not verbs: `cbt … deletetable events`
 *   names a table `events`, it does not read events; `coolify deploy get ID` and `linkerd viz stat deploy`
 *   read (`deploy` is a resource noun next to a read verb).
 */

/** Resource nouns a CLI glues after its verb; the glued word must end in one (`deletetable`, `setgcpolicy`, `removeuser`). */
const GLUED_NOUN =
  /(tables?|famil(?:y|ies)|keyspaces?|ranges?|prefix(?:es)?|columns?|rows?|index(?:es)?|indices|topics?|queues?|users?|groups?|instances?|snapshots?|backups?|records?|collections?|documents?|items?|objects?|buckets?|keys?|databases?|dbs?|schemas?|namespaces?|clusters?|volumes?|polic(?:y|ies)|apps?|services?|projects?|jobs?|streams?|partitions?|views?|nodes?|accounts?|domains?|zones?|acls?|roles?|permissions?|rules?|entry|entries|files?|versions?|branch(?:es)?|repos?|sites?|secrets?|retention|passwords?|pools?|volumes?|vaults?|tenants?|members?|hosts?|servers?|machines?|vms?|certs?|certificates?|webhooks?|monitors?|alerts?|schedules?|triggers?|functions?|deployments?|releases?|environments?|envs?|ledgers?|journals?|logs?|segments?|shards?|channels?|connectors?|pipelines?|sinks?|stores?|tokens?|sessions?|messages?|subscriptions?|devices?|fleets?|tasks?|workflows?)$/;

/** Glued destroying prefixes (longest first: `delete` before `del`). */
const GLUED_DESTROY = /^(delete|drop|remove|destroy|purge|truncate|wipe|flush|erase|del|rm)([a-z]{2,40})$/;
/** Glued changing prefixes: the command changes what it names (`setgcpolicy`, `updatepool`, `modifycluster`). */
const GLUED_CHANGE = /^(set|update|modify|disable|revoke|rename|replace|restore|reset|unset|change|alter|grant|stop|suspend)([a-z]{2,40})$/;

export interface GluedVerb {
  verb: string;
  noun: string;
  destroys: boolean;
}

/** A lower-case word gluing a verb to a resource noun (`deletetable` → delete table), or undefined. */
export function gluedVerb(text: string): GluedVerb | undefined {
  if (!/^[a-z]+$/.test(text)) return undefined;
  for (const [pattern, destroys] of [[GLUED_DESTROY, true], [GLUED_CHANGE, false]] as const) {
    const m = pattern.exec(text);
    if (m && GLUED_NOUN.test(m[2]!) && GLUED_NOUN.exec(m[2]!)!.index <= 4) return { verb: m[1] === 'del' || m[1] === 'rm' ? 'delete' : m[1]!, noun: m[2]!, destroys };
  }
  return undefined;
}

export interface PathWordLike {
  text: string;
  /** An option's value, or a word that cannot be a command word. */
  value: boolean;
}

/**
 * The command words of a path up to and including its verb: reads after a changing verb are names
 * (`setgcpolicy events cf1`), so the read test applies only up to the first word that changes.
 */
export function throughVerb(words: readonly PathWordLike[], changes: (text: string) => boolean): PathWordLike[] {
  const out: PathWordLike[] = [];
  for (const w of words) {
    out.push(w);
    if (!w.value && (changes(w.text) || gluedVerb(w.text.toLowerCase()) !== undefined)) break;
  }
  return out;
}

/**
 * A command word at `at` with a read verb right before or after it (`linkerd viz stat deploy`,
 * `coolify deploy get ID`, `tool release list`): the word is a resource noun, the command reads.
 */
export function nounBesideRead(words: readonly PathWordLike[], at: number, readsOnly: (text: string) => boolean): boolean {
  const beside = [words[at - 1], words[at + 1]].filter((w): w is PathWordLike => w !== undefined && !w.value);
  return beside.some((w) => readsOnly(w.text));
}

/** Folders a project keeps its sources, docs or site in (`mdbook clean docs`, `… clean ./site`). */
const PROJECT_FOLDER = /^(docs?|book|books|site|website|www|public|src|web|frontend|backend|packages|apps|examples?|guide|manual|documentation)$/i;

/**
 * A cleaning verb's operand that is a folder of the project, not a kind of thing (`mdbook clean docs`: the
 * book's own build output under docs/; `airflow db clean` cleans a database): a path, a folder the working
 * directory holds, or a name projects give such folders.
 */
export function projectFolderOperand(name: string, listing: readonly string[] | undefined): boolean {
  if (/^\.{1,2}(\/|$)/.test(name) || (/^[\w.-]+(\/[\w.-]+)*\/?$/.test(name) && name.includes('/'))) return !name.startsWith('..');
  return PROJECT_FOLDER.test(name) || (listing?.includes(name.replace(/\/$/, '')) ?? false);
}

/** Options that point a cleanup at a store, a repository or a remote, or at what it keeps (`--repo`, `--keep-last`, `--url`). */
const AIMED = /^--?(?:[a-z]+-)*(keep|retain|retention|repo|repository|bucket|host|url|uri|endpoint|server|remote|db|database|cluster|project|env|environment|stage|app|namespace|older|before|since|age|target|context|profile|region|account|org)(?:-[a-z]+)*$/i;

/**
 * A cleaning verb that is the whole command (`docusaurus clear`, `earthly prune`, `… prune --all`): what the tool
 * cleans is its own caches and build output. A name, a path or an option aiming it at a store (`--repo`,
 * `--keep-last`, `--host`) makes it something else, which the floor judges as before.
 */
export function ownCleanup(tool: string, verb: string, reading: { positionals: readonly unknown[]; options: readonly { name: string; value?: string }[] }): boolean {
  // A tool that keeps backups or snapshots prunes what it kept (`acmebackup prune`), never a cache.
  if (/backup|bak|snap|archiv|vault|borg|dump|store|db|sql|queue|mq|kv/i.test(tool)) return false;
  return /^(clear|prune|clean|cleanup)$/.test(verb) && reading.positionals.length === 1 && !reading.options.some((o) => AIMED.test(o.name) || o.value !== undefined);
}
