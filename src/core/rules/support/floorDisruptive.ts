import { hostOf, isLocalHost } from '../../policy/production';
import { identifierParts } from './cliArgs';
import type { FloorChange } from './floorChanges';
import { remoteChange } from './floorRemoteChanges';
import { sendsDebugInfo } from './telemetryRecords';
import { serverAdminChange } from './serverAdminChanges';
import { sharedRemoteChange } from './sharedRemoteChanges';

/**
 * Stop 38 (issue #18 criteria 1 and 8, red team rounds 27 and 28): the disruptive-change lexicon beside the
 * destroying verbs. A CLI nobody described (`acmectl`, a stand-in for any of them) that stops a service, puts it in
 * maintenance, scales it to nothing, switches its alerts off, or writes to a remote place (uploads, pushes,
 * publishes, puts a key, applies a manifest) changes something others rely on, with no destroying word written.
 * The closed world of stop 37 (every undescribed word asks) was too blunt (FP 9%); this reads the meaning of a
 * short list of words and asks only where the command reaches something that is not this machine.
 *
 * Each row of {@link LEXICON} is a decision (the table test `s38Floor.table.test.ts` holds its look-alikes):
 *
 * | words | asks when | stays allowed (decided with the corpora) |
 * |---|---|---|
 * | stop, halt, pause, suspend, shutdown, drain, cordon, evict, quiesce, freeze, deactivate, disable | something is named after the verb (`stop api`), not a local thing | the tool's own stop with nothing named (`ddev stop`, `rndc stop`, `minikube stop`); a development or local group (`dev stop web`); `localhost`; a process supervisor of this machine (`monit stop nginx`) |
 * | failover, switchover, promote, demote | always (they move the primary) | help, dry runs |
 * | rollback, roll-back, revert, restore | something is named and the command reaches somewhere remote | a package restore (`dotnet restore`), local files (`restore ./notes.txt`) |
 * | maintenance, readonly, read-only, lockdown | with a state that turns it on (`on`, `enable`, `true`, `1`, `start`) | `maintenance off`, `maintenance status` |
 * | alerts, alarms, monitors, notifications, paging, healthchecks, backups, replication, security, auth, audit, logging | with a state that turns it off (`off`, `false`, `0`, `disable`, `mute`, `silence`) | `alerts on`, `alerts list` |
 * | scale, resize (of replicas); update, set, configure by a count option | to zero (`web=0`, `--replicas 0`, `web 0`, `--min-scale 0`) or `down`/`in` with a name | any count above zero |
 * | push, publish, release, ship, upload, put, set, import, apply, replace, sync | a remote target is named (a URL or a host not here, an `s3://`-like place, a registry reference `ghcr.io/acme/app:1`, `owner/game:channel`, a `--channel`/`--env`/`--app`/`--project`/`--cluster`/`--region`/`--server` option), or the verb acts on a remote store's noun (`kv put`, `flags set`, `artifacts upload`), or a manifest is given to a control plane (`apply -f`, `replace -f`) | the same verbs on local config (`config set theme dark`), a local folder or `localhost`; a plain push or upload with nothing remote named (the line of stops 35/36: `acmecms push`, `dvc push -r storage`); a compound API verb (`set-acl`: other rules read it) |
 * | create | only with a manifest (`create -f job.yaml`) | a new thing by name (`bucket create logs`), a format option (`qemu-img create -f qcow2`) |
 *
 * Not here: `build`, `test`, `serve`, `start`, `run`, `init`, `generate`, `fmt`, `lint`, `login`, `new` stay allowed
 * for an unknown CLI (the closed world asked for them and hit the FP gate); `deploy` is `unreviewedDeploys.ts`'s.
 * Environment: the floor's caller allows when the command names a development or local environment
 * (`--env dev`, `--stage staging` are not production), and an environment nobody named is production.
 */

type Needs = 'named' | 'always' | 'remote-named' | 'state-on' | 'state-off' | 'zero' | 'remote' | 'prod-named';

interface Row {
  words: RegExp;
  needs: Needs;
  phrase: string;
  /** Nouns before the word that turn it into the end of a suppression, not a loss (`silence expire`: alerting comes back). */
  notAfter?: RegExp;
}

/** The lexicon: data, read by {@link disruptiveChange}. */
export const LEXICON: readonly Row[] = [
  { words: /^(stop|halt|pause|suspend|shutdown|drain|cordon|evict|quiesce|freeze|deactivate|disable|offline|take-?down)$/, needs: 'named', phrase: 'stops (what relied on it no longer runs or answers)' },
  { words: /^(failover|fail-over|switchover|switch-over|promote|demote|step-?down)$/, needs: 'always', phrase: 'moves the primary of (clients are cut off while it changes)' },
  { words: /^(rollback|roll-back|revert|restore|downgrade)$/, needs: 'remote-named', phrase: 'puts back an earlier state of (what changed since is lost)' },
  { words: /^(maintenance|maintenance-mode|maint|readonly|read-only|lockdown|lock-down)$/, needs: 'state-on', phrase: 'takes offline (maintenance or read-only: clients are turned away)' },
  { words: /^(alerts?|alerting|alarms?|monitors?|monitoring|notifications?|notify|paging|pager|pagerduty|healthchecks?|health-checks?|backups?|replication|security|auth|authentication|audit|auditing|logging|firewall|waf|protection|guard|mfa|sso|tls|ssl)$/, needs: 'state-off', phrase: 'switches off (nothing warns or protects while it lasts)' },
  { words: /^(scale|resize|set-?replicas|replicas|set-?instances|instances|update|set|configure|modify|patch|edit)$/, needs: 'zero', phrase: 'scales to nothing or down (what it serves stops answering)' },
  { words: /^(push|publish|release|ship|upload|put|set|import|apply|replace|create|sync|upsert|overwrite)$/, needs: 'remote', phrase: 'writes to (what others read there is replaced)' },
  // Stop 38 (round 30: `axiom dataset trim prod-logs --max-duration 1h`): the older part of a dataset deleted, with a name given.
  { words: /^(trim|expire|truncate-before|cut-before)$/, needs: 'named', phrase: 'deletes the older part of (what was trimmed is gone for good)', notAfter: /^(silences?|mutes?|snoozes?|downtimes?|maintenances?|acks?|acknowledgements?|locks?|leases?|sessions?|tokens?|invites?|invitations?|links?|caches?|holds?)$/ },
  // Stop 38 (round 30: `akamai property-manager activate-version --network PROD`): a version made live, where production is named.
  { words: /^(activate|approve|go-live|golive|make-live)$/, needs: 'prod-named', phrase: 'makes a new version live on (every user gets it at once)' },
];

/** A value naming production (`--network PROD`, `-d production`, `prod-cluster`). */
const PROD_NAMED = /^(prod|production|prd|live)$|^(prod|production|prd)[-_.]|[-_.](prod|production|prd)$/i;
function prodNamed(reading: ReadingLike): boolean {
  return [...reading.positionals.map((w) => w.text), ...reading.options.map((o) => o.value ?? o.next ?? '')].some((t) => PROD_NAMED.test(t));
}
/** Programs whose own name is the stop (`gpstop`, `stop-dfs.sh`, `vmshutdown`); killing processes is not read here (the team's line: killing node is allowed). */
// The prefix is a product's short name (`gp`, `vm`) or a word joined by a dash (`cluster-stop`): a longer glued word is another noun (`backstop`, `nonstop`).
const STOP_NAME = /^(?!non)(?:[a-z][a-z0-9]{0,2}|[a-z][a-z0-9]*[-_])?(stop|shutdown|halt)(?:[-_][a-z0-9]+)*(?:\.sh)?$/;

/** States that turn a thing on, and off. */
const ON = /^(on|enable|enabled|true|yes|1|start|begin|activate|enter)$/i;
const OFF = /^(off|disable|disabled|false|no|0|mute|muted|silence|silenced|snooze|pause|paused|stop|stopped|suspend|none|deactivate)$/i;

/** Nouns of a remote store or a served thing: a write after them changes what others read (`kv put`, `flags set`, `artifacts upload`). */
const REMOTE_NOUN = /^(kv|keys?|key-?value|flags?|feature-?flags?|features?|toggles?|params?|parameters?|artifacts?|releases?|assets?|objects?|blobs?|buckets?|files?-?store|storage|cdn|bundles?|images?|charts?|packages?|registry|channels?|tracks?|builds?|versions?|dns|records?|zones?|routes?|apps?|services?|sites?|stacks?|functions?|workers?|queues?|topics?|tables?|collections?|indexes|indices|schemas?|remote|cloud|prod|production)$/i;

/** Schedulers and workflow orchestrators: a flow created there keeps running (`argo-workflows create`, `step-functions create`, `airflow create`). */
const SCHEDULER_NOUN = /^(argo|argo-workflows|workflows?|step-?functions|sfn|airflow|kubeflow|kfp|tekton|schedules?|scheduler|schedulers|cron|cronjobs?|crons|eventbridge|cloud-scheduler|periodic|recurring|timers?)$/i;

/** Nouns of this machine's own settings and projects: a write there stays here (`config set`, `local put`, `cache import`). */
const LOCAL_NOUN = /^(config|configs|configuration|settings|prefs|preferences|local|cache|caches|profile|profiles|alias|aliases|completion|completions|context|contexts|self|plugins?|extensions?|themes?|templates?|snippets?|dev|develop|development|emulators?|sandbox|test|tests|tmp|temp|workspace|project|projects)$/i;

/** Options that say where the work goes; any value not on this machine is a remote target. */
const PLACE_OPTION = /^--?(channel|env|environment|stage|app|application|project|project-id|cluster|region|zone|server|servers|host|hostname|url|uri|endpoint|api-url|remote|registry|bucket|site|org|organization|account|tenant|space|namespace|target-env)$/i;
/** Parts of an option's name that say its value is where the work goes. */
const ADDRESS_PART = /^(url|uri|host|hostname|server|endpoint|remote|registry|dest|destination|target|to|conn|connection|dsn|addr|address|bucket|repo|repository|upload|push|publish|api|origin|store)$/;
/**
 * Process supervisors of this machine (the team's line of stop 35: `monit stop nginx`, one service stopped by name, stays
 * allowed): what their stop names is a process here. Their other words are still read (`monit unmonitor all`).
 */
const LOCAL_SUPERVISORS = /^(monit|god|eye|circusctl|sv|s6-svc|s6-rc|rc-service|runsvctl|svc|initctl|openrc|foreman|overmind|hivemind|honcho|nodemon|launchctl|service|brew|procodile|goreman)$/;
/** Values that name this machine or a development place. */
const LOCAL_VALUE = /^(local|localhost|dev|development|develop|test|testing|ci|sandbox|default|none|self|emulator|docker-desktop|kind(-.*)?|minikube|k3d(-.*)?)$/i;
/** Top-level domains of hosts (not file extensions: `dist/app.js`, `build.zip` are files here). */
const HOST_TLD = /\.(com|net|org|io|dev|cloud|co|ai|app|sh|internal|corp|lan|intra|tech|xyz|us|eu|uk|de|fr|nl|jp|cn|info|biz|site|online|systems|services|network|host|example|svc|im|me|run)$/i;
/** Places by scheme that are stores elsewhere (`s3://bucket`, `gs://`, `ppa:owner/name`, `oci://`). */
const STORE_SCHEME = /^(s3|s3a|gs|gcs|az|abfss?|wasbs?|r2|b2|oss|cos|swift|hdfs|oci|ppa|sftp|ftp|ftps|scp|rsync|ssh|git\+ssh|webdav|dav|davs|minio|spaces|storj|ipfs|ipns):/i;
/** Manifest options of a control plane (`apply -f x.yaml`, `create -Rf k8s/`). */
const MANIFEST_OPTION = /^-(f|R?f|fR|-filename|-file|-manifest|k|-kustomize)$/;
/** What `create -f` takes as a manifest: a YAML/JSON/Jsonnet/CUE file, a folder, or standard input (not a format: `qemu-img create -f qcow2`); `apply -f`/`replace -f` take nothing else. */
const MANIFEST = /\.(ya?ml|json|jsonnet|libsonnet|cue|hcl|toml)$|\/$|^-$/i;

interface ReadingLike {
  positionals: readonly { text: string; index: number }[];
  options: readonly { name: string; value?: string; next?: string; index?: number }[];
  maybeValues: ReadonlySet<number>;
}

/** A value that names another machine or a store elsewhere (`https://hosted.mender.io`, `s3://acme-assets`, `db.acme.io:5432`). */
export function remoteValue(value: string): boolean {
  const v = value.trim();
  if (v === '' || /\s/.test(v)) return false;
  if (STORE_SCHEME.test(v)) return !/^(sftp|ftp|ftps|scp|rsync|ssh|webdav|davs?):\/\/(localhost|127\.)/i.test(v);
  const host = hostOf(v);
  if (host !== undefined) return host !== '' && !isLocalHost(host);
  if (/^[\w.-]+@[\w.-]+\.[a-z]{2,}:/i.test(v)) return !isLocalHost(v.slice(v.indexOf('@') + 1, v.lastIndexOf(':')));
  // A registry reference: `ghcr.io/acme/app:latest` (a host first), `acme/shop-demo:html5` (owner/name:channel, not a path here).
  const ref = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d+)?\/[\w./-]+(?::[\w.-]+)?$/i.exec(v);
  if (ref && HOST_TLD.test(ref[1]!)) return !isLocalHost(ref[1]!);
  if (/^[a-z0-9][\w.-]*\/[\w.-]+:[\w.-]+$/.test(v)) return true;
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+:\d{2,5}$/i.test(v) && !isLocalHost(v.replace(/:\d+$/, ''));
}

/** The option or value that names a remote target, or undefined when nothing does. */
export function remoteReach(reading: ReadingLike): string | undefined {
  for (const o of reading.options) {
    const v = o.value ?? o.next;
    if (v === undefined || v === '' || v[0] === '-') continue;
    // A URL is where the work goes only by an option that says so (`--server`, `--to`); `--minified-path-prefix https://…` names no destination.
    if ((STORE_SCHEME.test(v) || identifierParts(o.name).some((p) => ADDRESS_PART.test(p))) && remoteValue(v)) return `${o.name} ${v}`;
    if (PLACE_OPTION.test(o.name) && !LOCAL_VALUE.test(v) && !/^(\.|\/|~)/.test(v)) return `${o.name} ${v}`;
  }
  return reading.positionals.filter((w) => !reading.maybeValues.has(w.index)).map((w) => w.text).find(remoteValue);
}

/** Is a local-only option given (`--local`, `--offline`, `--emulator`)? */
function localOnly(reading: ReadingLike): boolean {
  return reading.options.some((o) => /^--?(local|offline|emulator|emulators|localhost|in-memory|memory)$/i.test(o.name) && !/^(false|no|0)$/i.test(o.value ?? ''));
}

/** Options of how many copies run (`--replicas`, `--min-scale`, `--max-instances`, `--nodes`, `--desired-count`). */
const SCALE_OPTION = /^--?((min|max|desired|target)-?)?(replicas|count|instances|size|scale|workers|num|dynos|quantity|nodes|node-count|capacity|desired-count|web|worker)$|^-i$/i;

/** A count of zero, or a scale down/in with a name (`web=0`, `--replicas 0`, `web 0`, `down web`). */
function toZero(reading: ReadingLike, after: readonly string[], updateOnly: boolean): boolean {
  if (!updateOnly && after.some((t) => /^[\w.:/-]+=0+$/.test(t)) || after.slice(0, 3).some((t) => /^0+$/.test(t))) return true;
  if (reading.options.some((o) => SCALE_OPTION.test(o.name) && /^0+$/.test(o.value ?? o.next ?? ''))) return true;
  return !updateOnly && /^(down|in|to-?zero|zero)$/i.test(after[0] ?? '') && after.length > 1;
}

/** The words after `word` in the command (option values left out), up to three. */
function wordsAfter(reading: ReadingLike, at: number): string[] {
  // An option's possible value is left out: it may be a password or a token (`--pass S3cret`), which no reason repeats.
  return reading.positionals.filter((w) => w.index > at && !reading.maybeValues.has(w.index) && !/\s/.test(w.text)).map((w) => w.text).slice(0, 4);
}

/** A named thing that is this machine's: a path here, a development group, `localhost`. */
function localThing(text: string): boolean {
  return /^(\.|\/|~)/.test(text) || LOCAL_VALUE.test(text) || /^(all|-)$/.test(text) || (hostOf(text) !== undefined && isLocalHost(hostOf(text)!));
}

interface At {
  word: string;
  lower: string;
  /** The word's place in the command path. */
  i: number;
  groups: string[];
  /** The state is glued to the word (`alerts-off`): the shown words are the word alone. */
  glued: boolean;
  tool: string;
}

/** Scaling words proper: `down`/`in` after them scale down; other updates scale only by an option set to 0. */
const SCALES = /^(scale|resize|set-?replicas|replicas|set-?instances|instances)$/;

/** What one lexicon row finds at a word, or undefined when its condition does not hold. */
function rowChange(reading: ReadingLike, row: Row, at: At, after: readonly string[]): FloorChange | undefined {
  const { word, lower, groups } = at;
  const named = after.filter((t) => !localThing(t));
  const found = (names: string[], phrase = row.phrase, state?: string): FloorChange => ({ rule: 'verbs.disruptive-change', shown: [...groups, word, ...(state !== undefined && !at.glued ? [state] : [])].join(' '), verb: lower, phrase, groups, names: names.slice(0, 3) });
  const remote = remoteReach(reading);
  switch (row.needs) {
    case 'named':
      // `stop api`, `services pause payments`; `stop` with nothing named is the tool's own (`ddev stop`).
      if (named.length > 0 && !(after[0] !== undefined && localThing(after[0]))) return found(named);
      return remote !== undefined ? found([remote]) : undefined;
    case 'prod-named':
      return prodNamed(reading) ? found(named.length > 0 ? named : ['production']) : undefined;
    case 'always':
      return found(named.length > 0 ? named : remote !== undefined ? [remote] : []);
    case 'remote-named':
      return remote !== undefined ? found(named.length > 0 ? named : [remote]) : undefined;
    case 'state-on':
      return after[0] !== undefined && ON.test(after[0]) ? found(after.slice(1).filter((t) => !localThing(t)), row.phrase, after[0]) : undefined;
    case 'state-off':
      return after[0] !== undefined && OFF.test(after[0]) ? found(after.slice(1).filter((t) => !localThing(t)), row.phrase, after[0]) : undefined;
    case 'zero':
      return toZero(reading, after, !SCALES.test(lower)) ? found(named.filter((t) => !/^0+$|^(down|in)$/i.test(t))) : undefined;
    case 'remote': {
      // A compound API verb (`set-acl`, `put-bucket-policy`) is its own command, which other rules read.
      if (at.glued) return undefined;
      // Stop 39 (round 33): source maps or symbols uploaded feed an error tracker; nothing served is replaced (support/telemetryRecords.ts).
      if (sendsDebugInfo({ tool: at.tool, path: reading.positionals.map((w) => w.text), options: reading.options })) return undefined;
      const manifest = /^(apply|replace|create)$/.test(lower) && reading.options.some((o) => MANIFEST_OPTION.test(o.name) && (lower !== 'create' || MANIFEST.test(o.value ?? o.next ?? '')));
      // Creating a new thing replaces nothing others read (`bucket create logs`): only a manifest makes it a write to a control plane.
      // Stop 39 (round 33: `python flows/train.py argo-workflows create`): a workflow created on a scheduler or an orchestrator runs there on its schedule.
      if (lower === 'create') return manifest ? found(named) : groups.some((g) => SCHEDULER_NOUN.test(g)) ? found(named.length > 0 ? named : [`the ${groups[groups.length - 1]!} scheduler (not named)`], 'registers a flow that runs on its own schedule, outside the agent and unread here, on') : undefined;
      const store = groups.some((g) => REMOTE_NOUN.test(g));
      return remote !== undefined || store || manifest ? found(remote !== undefined ? [remote, ...named.filter((t) => !remote.endsWith(t))] : named) : undefined;
    }
  }
}

/** The command words (no option values, paths or text), up to the first read verb; undefined when the command reads. */
function commandPath(reading: ReadingLike, reads: (text: string) => boolean): string[] | undefined {
  const words = reading.positionals.filter((w) => !reading.maybeValues.has(w.index) && /^[A-Za-z][\w:-]*$/.test(w.text)).slice(0, 5).map((w) => w.text);
  // A word after a trim or an activation is its object (`trim prod-logs`, `activate-version`), not a read verb.
  const acts = words.findIndex((w) => /^(trim|expire|activate|approve)$/i.test(identifierParts(w)[0] ?? ''));
  const readAt = words.findIndex((w, i) => (acts < 0 || i < acts) && reads(w));
  if (readAt >= 0 && readAt <= 1) return undefined;
  return readAt >= 0 ? words.slice(0, readAt) : words;
}

/** A disruptive change read from the lexicon, or undefined. `reads` tells a read verb: beside one these words are nouns (`alerts list`). */
export function disruptiveChange(tool: string, reading: ReadingLike, reads: (text: string) => boolean): FloorChange | undefined {
  const path = commandPath(reading, reads);
  if (path === undefined || localOnly(reading)) return undefined;
  // Stop 40 (round 34): queues cancelled for all, nodes set down, code added to a running server, certificates reissued at once (support/serverAdminChanges.ts).
  const admin = serverAdminChange(tool, path, reading, (sentence) => disruptiveChange(tool, sentence, reads));
  if (admin) return admin;
  // Stop 39: a version shipped, changes accepted with no review, local files sent under a key (support/sharedRemoteChanges.ts).
  const shared = path.slice(0, 2).some((g) => LOCAL_NOUN.test(g)) ? undefined : sharedRemoteChange(reading, path, reads);
  if (shared) return shared;
  // Stop 39 (round 31): DNS records, servers set to maintenance, bans lifted, guards stopped, volumes freed, remote overwrites, mail to lists.
  const changed = remoteChange(tool, path, reading);
  if (changed) return changed;
  const local = LOCAL_SUPERVISORS.test(tool);
  // Stop 38 (round 30): the tool's name carries the stop (`gpstop -a -M immediate` stops every segment of the database); `--activate` on production.
  if (!local && STOP_NAME.test(tool) && !/^(stop|shutdown|halt)$/.test(tool) && !reading.options.some((o) => /^--?(help|h|version|V|dry-run|n)$/.test(o.name))) return { rule: 'verbs.disruptive-change', shown: reading.options.slice(0, 2).map((o) => o.name).join(' '), verb: 'stop', phrase: LEXICON[0]!.phrase, groups: [], names: [`the ${tool} service (not named)`] };
  const activated = reading.options.find((o) => /^--?(activate|approve|go-live|make-live)$/i.test(o.name) && !/^(false|no|0|off)$/i.test(o.value ?? ''));
  if (activated !== undefined && prodNamed(reading)) return { rule: 'verbs.disruptive-change', shown: [...path.slice(0, 2), activated.name].join(' '), verb: 'activate', phrase: 'makes a new version live on (every user gets it at once)', groups: path.slice(0, 2), names: ['production'] };
  for (const [i, word] of path.slice(0, 3).entries()) {
    const lower = word.toLowerCase();
    const parts = identifierParts(word);
    // `maintenance:on`, `alerts-off`, `scale-down`: the state glued to the word.
    const glued = parts.length === 2 ? { word: parts[0]!, state: parts[1]! } : undefined;
    const groups = path.slice(0, i);
    // A development or local group before the verb (`dev stop`, `emulators stop`, `config set`) keeps it here, unless a remote target is named.
    if (groups.some((g) => LOCAL_NOUN.test(g)) && remoteReach(reading) === undefined) return undefined;
    const rows = LEXICON.filter((r) => r.words.test(lower) || (glued !== undefined && r.words.test(glued.word)));
    if (rows.length === 0) continue;
    const at = reading.positionals.find((w) => w.text === word)?.index ?? -1;
    for (const row of rows) {
      if (row.notAfter !== undefined && groups.some((g) => row.notAfter!.test(g.toLowerCase()))) continue;
      const after = glued && !row.words.test(lower) ? [glued.state, ...wordsAfter(reading, at)] : wordsAfter(reading, at);
      const split = glued !== undefined && !row.words.test(lower);
      const change = local && row.needs === 'named' ? undefined : rowChange(reading, row, { word, lower: split ? glued.word : lower, i, groups, glued: split, tool }, after);
      if (change) return change;
    }
    // The first lexicon word decides; a later one is a name (`stop push-worker`).
    return undefined;
  }
  return undefined;
}
