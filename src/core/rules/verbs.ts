import { ownTable } from '../ownTable';
import { floorWithoutSecrets } from './support/floorRedaction';
import type { ArgWord, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { resolvePath } from '../paths';
import { READ_ONLY_COMMANDS, EFFECT_RULES } from '../policy/effects';
import { OUTPUT_EFFECTS } from '../policy/outputEffects';
import { describesOptions } from '../policy/effectOptions';
import { commandNode, parsedArgs, toolNamed } from '../registry/commandModel';
import { freeFormReadings, freeFormValues, optionValue } from '../registry/freeForm';
import { kindFromWords, singular, verbPhrase } from '../registry/targetWords';
import { FLOOR_BENEATH, isSharedDryRun, verbTraitsOf, type VerbTraits } from '../registry/verbTraits';
import { identifierParts } from './support/cliArgs';
import { mayBeProduction } from './support/cliCommands';
import { destroyingJobName, startedJob } from '../registry/namedJobs';
import { namesProtection, removalOf } from './safetyNet';
import { revealOption, secretReadOf } from './secretVerbs';
import { injectedPrint } from './support/secretSpills';
import { credentialMinted } from './support/credentialClis';
import { secretDumped } from './support/toolSecretDumps';
import { secretWriteFinding } from './support/secretWrites';
import { apiPathVerb } from './support/apiPaths';
import { statementOf, stdinStatement } from './support/floorStatements';
import { unreviewedDeploy } from './support/unreviewedDeploys';
import { blankingWrite } from './support/blankWrites';
import { scriptCli } from './support/scriptClis';
import { BENIGN_OBJECT, optionVerb } from './support/optionVerbs';
import { NOT_A_CLI } from './support/notACli';
import { actionPath, changingOption, localPath, productionChange, productionOptionChange, unreadPath } from './support/productionChange';
import { floorMeaning } from './support/floorMeanings';
import { forcePush, gitStyleDelete } from './support/vcsStyleVerbs';
import { cachedAddress, cleansDerived, gluedVerb, ownCleanup, projectFolderOperand } from './support/verbPositions';
import { scriptPayload } from './support/scriptPayloads';
import { spelledCommands } from './support/spelledCommands';
import { inPlaceOverwrite } from './support/inPlaceOverwrites';
import { floorChange, passwordWord } from './support/floorChanges';
import { accountByOption } from './support/authBypass';
import { disruptiveChange } from './support/floorDisruptive';
import { codeRename, routineObject } from './support/floorRoutineObjects';
import { learnedOrManual } from './support/manualFloor';
import { floorExposure } from './support/floorExposure';
import { floorOptionKinds, routineRunner } from './support/floorLoad';
import { credentialQuery, forcedLiveRestore, liveDataWrite, undescribed } from './support/liveDataWrites';
import { requestFileWrites } from './support/requestFiles';
import { printsVersion, readingOptionNames } from './support/pickedValues';
import { productionCopy } from './support/productionCopies';
import { unknownScheduled } from './deferred/unknownSchedulers';
import { emptyHanded, passedCommand, passedProgram, RUNS_COMMAND } from './support/passedCommands';
import { primaryEnvironment } from './support/primaryEnvironments';
import { FRAMEWORK_COMMANDS } from './frameworks';

/** Tools the frameworks pack reads (alembic, dbt, prisma …): what they mean is its to judge, not the floor's. */
const FRAMEWORK_NAMES: ReadonlySet<string> = new Set(FRAMEWORK_COMMANDS);

/**
 * The verb floor: a CLI the guard has no rules for is judged by what its words mean. A subcommand
 * path, an option or the program's own name carrying a destroying verb (in any spelling CLIs use:
 * `delete`, `rm`, `rb`, `del`, `deleteall`, `topic-delete`, `purge_queue`, `apps:destroy`, `--delete`,
 * `-purge`), or a statement that destroys data in a free-text argument, asks, naming the tool and the
 * words it targets. What it reaches is remote, so an environment nobody named is production, unless
 * the registry says the tool acts on this machine (`verbTraits.ts`). Read-only verbs, help, and dry
 * runs stay allowed. Tools with rules of their own are left to them; this is the floor beneath.
 */

/** Verbs that destroy or cannot be taken back; compared with each part of a word (`service-instance-delete`). */
export const DESTROY = new Set([
  'delete', 'deleteall', 'del', 'remove', 'rm', 'rmr', 'rb', 'rmdir', 'destroy', 'drop', 'purge', 'flush', 'flushall', 'flushdb',
  'prune', 'truncate', 'wipe', 'erase', 'reset', 'terminate', 'deregister', 'unregister', 'unpublish', 'revoke', 'undefine',
  'uninstall', 'teardown', 'nuke', 'obliterate', 'expunge', 'clear', 'cancel', 'decommission', 'evict', 'shred', 'zap', 'unset',
  'undeploy', 'deprovision', 'unprovision',
  // Red team round 4: what CLIs also say for "destroy it" or "destroy and make anew" (`db recreate`, `node retire`, `rake clobber`, `vm kill`).
  'recreate', 'retire', 'clobber', 'kill', 'demolish', 'raze', 'scrub', 'reimage', 'eradicate', 'annihilate', 'destruct', 'selfdestruct',
  // Red team round 5: `werf dismiss` deletes a release and its namespace.
  'dismiss',
  // Round 7 re-attack: `dokku postgres:unlink` takes the database from the app; `… detach` the same; `… void` an invoice for good.
  'unlink', 'detach', 'void',
  // Stop 30 (round 11): `tootctl accounts cull` deletes the accounts it finds gone; stop 38 (round 31): `gitlab-ctl cleanse` deletes every repository, database and upload.
  'cull', 'cleanse', 'yank', 'unlist', // stop 39 (round 33): `fury yank app --version=2.3.0` withdraws a published release (`unlist` hides one the same way)
]);

/**
 * Whole words only (never a part of a compound): `migrate down` rolls back; `scale-down` does not destroy;
 * `gc` collects garbage for good (`mlflow gc`, `dvc gc --cloud`), `expire` drops what is past its
 * retention (`pgbackrest expire`), `empty` empties a site or a store (`wp site empty`), `shutdown`/`poweroff` stop a
 * server (`linode-cli linodes shutdown`; round 17).
 */
export const DESTROY_WHOLE = new Set(['shutdown', 'poweroff', 'power-off', 'down', 'teardown', 'tear-down', 'tear_down', 'tear:down', 'permanent-delete', 'gc', 'expire', 'empty', 'reinit', 'reinitialize', 'reinitialise']);

/**
 * Cleaning verbs: routine when they clean the tool's own build output (`jekyll clean`, `cabal clean`),
 * destroying when they act on a named kind of thing (`airflow db clean`, `puppet node clean web-01`,
 * `garden cleanup namespace`).
 */
const CLEAN = new Set(['clean', 'cleanup']);

/** Nouns of derived data that is rebuilt on demand: clearing, flushing or deleting them is routine (`wp cache flush`, `delete-cache`). */
export const DERIVED = new Set(['cache', 'caches', 'cached', 'transient', 'transients', 'rewrite', 'opcache', 'tmp', 'temp', 'build', 'builds', 'dist', 'artifacts',
  // Ending a silence or a downtime turns alerting back on (`amtool silence expire`); silencing everything is the safety net's.
  'silence', 'silences', 'downtime', 'downtimes']);

/** Verbs that only look; once one is the command, later words are names, not verbs. */
export const READ = new Set([
  'list', 'ls', 'get', 'describe', 'show', 'status', 'logs', 'log', 'plan', 'diff', 'view', 'info', 'inspect', 'search', 'find',
  'query', 'help', 'whoami', 'tail', 'health', 'top', 'cat', 'print', 'validate', 'check', 'lint', 'count', 'stats', 'du', 'history',
  'watch', 'explain', 'read', 'retrieve', 'fetch', 'lookup', 'members', 'ping', 'version', 'versions-list', 'preview', 'verify', 'test',
  'lsd', 'tree', 'stat', 'dominfo', 'account', 'whatif', 'dstat', 'ps',
]);

/** Read words that also name a kind of thing a CLI keeps (`check delete`, `logs purge`, `account remove`). */
const READ_NOUN = new Set(['check', 'health', 'log', 'logs', 'test', 'account', 'members', 'history', 'stats', 'watch', 'version']);

/** Verbs that create or change: the command is what they say, so later words are names, not verbs. */
const OTHER_ACTION = new Set([
  'create', 'add', 'new', 'set', 'update', 'put', 'apply', 'deploy', 'run', 'start', 'stop', 'restart', 'up', 'push', 'pull', 'login',
  'logout', 'init', 'install', 'build', 'exec', 'open', 'edit', 'patch', 'rename', 'upload', 'download', 'clone', 'generate', 'scale',
  'enable', 'attach', 'connect', 'invoke', 'call', 'send', 'publish', 'promote', 'provision', 'reload',
]);

/** Options whose next word names what is acted on. */
const NAME_OPTION = /^-{1,2}(?:[a-z]+-)*(name|names|id|ids|sid|bucket|bucket-name|topic|topics|cluster|cluster-name|index|queue|table|database|db|app|project|stack|stack-name|service|instance|instance-id|key|prefix|vault|dataset|snapshot|volume|group|stream|accessor-id|resource|item|repo|org|servers?)$/i;

interface Word {
  text: string;
  index: number;
}

interface Reading {
  positionals: Word[];
  /** Options as written, name without value; `value` when glued with '=', `next` the word it may take instead. */
  options: { name: string; value?: string; next?: string; index: number }[];
  /** Indexes of positionals an option before them may take as its value (`-scheme App`). */
  maybeValues: ReadonlySet<number>;
}

/**
 * The words as the one grammar reads them with no description: options as switches with a glued
 * value kept, and from the other reading the word each may take (both readings list the same options).
 */
function floorReading(args: readonly ArgWord[]): Reading {
  const { usual, valued } = freeFormReadings(args);
  const maybeValues = new Set<number>();
  const options = usual.options.map((o, k) => {
    const other = valued.options[k];
    const taken = other !== undefined && o.values.length === 0 && !/^-[A-Za-z]:[\w./-]+$/.test(o.name) ? other.valueWords[0] : undefined; // `clj -T:build deploy`: a value glued by `:` is the option's own
    if (taken !== undefined) maybeValues.add(args.indexOf(taken));
    return { name: o.name, value: optionValue(o), next: taken?.text, index: o.index };
  });
  return spelledCommands({ positionals: usual.operands.map((w, k) => ({ text: w.text, index: usual.operandIndexes[k]! })), options, maybeValues });
}

function isDry(reading: Reading, traits: VerbTraits, registryDry: readonly string[]): boolean {
  const spellings = new Set([...(traits.dryRun ?? []), ...registryDry]);
  // A value glued (`--dry-run=none`) or in the next word (`--DryRun false`) can switch it off.
  const valueOf = (o: Reading['options'][number]): string => o.value ?? o.next ?? '';
  const dry = reading.options.some((o) => (spellings.has(o.name) || isSharedDryRun(o.name)) && !/^(none|false|0|no)$/i.test(valueOf(o)));
  if (dry) return true;
  if (traits.dryUnless && (traits.dryUnlessWith === undefined || reading.options.some((o) => traits.dryUnlessWith!.includes(o.name)))) return !reading.options.some((o) => traits.dryUnless!.includes(o.name));
  return false;
}

function isHelp(reading: Reading): boolean {
  // `--version=0-100`, `--version v42`, `--version production` pick what to act on (`duplicati-cli delete … --version=0-100`, round 30's `flytectl update … --version v42`; support/pickedValues.ts); a bare `--version` prints the tool's.
  if (reading.options.some((o) => o.name === '--help' || printsVersion(o) || o.name === '-help')) return true;
  const first = reading.positionals[0]?.text;
  return first === 'help' || first === 'version' || first === '--version';
}

/** A word that could be a command word: no path, no URL, no key=value, no quoted text. */
function commandShaped(text: string): boolean {
  return text.length <= 64 && /^[A-Za-z][A-Za-z0-9]*(?:[-_:.][A-Za-z0-9]+)*$/.test(text);
}

function destroyingPart(text: string, traits: VerbTraits): string | undefined {
  const lower = text.toLowerCase();
  if (traits.routine?.includes(lower)) return undefined;
  if (traits.destroying?.includes(lower) || DESTROY_WHOLE.has(lower)) return lower;
  const parts = identifierParts(text);
  // `delete-cache`, `cache:flush`: what it destroys is rebuilt on demand (`delete-cache-cluster` destroys a cluster).
  const objects = parts.filter((p) => !DESTROY.has(p));
  if (parts.length > 1 && objects.length > 0 && (DERIVED.has(parts[parts.length - 1]!) || objects.every((p) => DERIVED.has(p)))) return undefined;
  return parts.find((p) => DESTROY.has(p) && !traits.routine?.includes(p)) ?? ((g) => (g?.destroys && !traits.routine?.includes(g.verb) ? g.verb : undefined))(gluedVerb(lower));
}

function readsOnly(text: string): boolean {
  const parts = identifierParts(text);
  return parts.length > 0 && (READ.has(text.toLowerCase()) || READ.has(parts[0]!) || READ.has(parts[parts.length - 1]!));
}

const MAX_VERB_DEPTH = 5;

/** The first destroying word of the command path, with its position, or undefined when the command reads or does something else. */
function pathVerb(reading: Reading, traits: VerbTraits): { word: Word; verb: string; at: number } | undefined {
  const words = reading.positionals;
  for (let at = 0; at < Math.min(words.length, MAX_VERB_DEPTH); at++) {
    const word = words[at]!;
    if (!commandShaped(word.text)) continue;
    const lower = word.text.toLowerCase();
    // A verb acting on derived data (`wp cache flush`, `wp transient delete`) is routine: nothing later is a verb.
    if (at > 0 && DERIVED.has(words[at - 1]!.text.toLowerCase())) return undefined;
    const verb = destroyingPart(word.text, traits);
    if (verb !== undefined) return { word, verb, at };
    // A tool's own irreversible two-word commands (`stripe refunds create`) are listed in its traits as one string.
    const pair = `${lower} ${words[at + 1]?.text.toLowerCase() ?? ''}`;
    if (traits.destroying?.includes(pair)) return { word: words[at + 1]!, verb: lower, at: at + 1 };
    if (CLEAN.has(lower) && !traits.routine?.includes(lower) && cleansNamedKind(reading, at)) return { word, verb: lower, at };
    if (readsOnly(word.text)) {
      // Stop 39 (round 33: `sensuctl check delete check-http-prod`): a read word that is also a kind of thing (a check, a log, a test)
      // followed by a bare destroying verb is that thing's noun; the verb is the command.
      const next = words[at + 1];
      const nextLower = next?.text.toLowerCase() ?? '';
      // `kourou sdk:query collection:truncate`: after a namespaced read, a `noun:verb` word with a bare destroying verb is the command.
      const namespaced = word.text.includes(':') && next !== undefined && !reading.maybeValues.has(next.index) && /^[a-z][\w-]*:[a-z]+$/i.test(next.text) && ((v) => DESTROY.has(v) || DESTROY_WHOLE.has(v))(next.text.split(':')[1]!.toLowerCase()) ? next.text.split(':')[1]!.toLowerCase() : undefined;
      if (namespaced !== undefined) return { word: next!, verb: namespaced, at: at + 1 };
      if (READ_NOUN.has(lower) && next !== undefined && !reading.maybeValues.has(next.index) && (DESTROY.has(nextLower) || DESTROY_WHOLE.has(nextLower)) && !traits.routine?.includes(nextLower)) return { word: next, verb: nextLower, at: at + 1 };
      return undefined;
    }
    if (OTHER_ACTION.has(lower)) {
      // `dagster run wipe`, `prefect flow-run delete`: an action word followed by a bare destroying verb is a noun (runs, builds).
      const next = words[at + 1];
      const nextLower = next?.text.toLowerCase() ?? '';
      if (next !== undefined && !traits.routine && (DESTROY.has(nextLower) || DESTROY_WHOLE.has(nextLower))) return { word: next, verb: nextLower, at: at + 1 };
      return undefined;
    }
  }
  return undefined;
}

/** A subcommand its traits say overwrites when given an option (`bq cp -f src dst`): the word, the option and what follows. */
function overwritingWord(reading: Reading, traits: VerbTraits): { word: string; option: string; names: string[] } | undefined {
  if (!traits.overwriting) return undefined;
  // A word right after an option is most often its value (`restic -r REPO restore`).
  const first = reading.positionals.slice(0, 3).find((w) => traits.overwriting![w.text.toLowerCase()] !== undefined);
  const options = first !== undefined ? traits.overwriting[first.text.toLowerCase()] : undefined;
  const option = options && reading.options.find((o) => options.includes(o.name));
  if (!first || !option) return undefined;
  // The destination: the first operand of a load (`bq load TABLE SOURCE`), the last of a copy.
  const operands = reading.positionals.filter((w) => w.index > first.index).map((w) => w.text).filter((t) => !/\s/.test(t));
  return { word: first.text, option: option.name, names: first.text.toLowerCase() === 'load' ? operands.slice(0, 1) : operands.slice(-1) };
}

/** `db clean`, `node clean web-01`, `cleanup namespace`: cleaning a named kind of thing that is not the tool's own derived data. */
function cleansNamedKind(reading: Reading, at: number): boolean {
  const words = reading.positionals;
  // A word right after an option is most often its value (`xcodebuild -scheme App clean`), not a kind of thing.
  const valueOfOption = words[at - 1] !== undefined && reading.maybeValues.has(words[at - 1]!.index);
  const before = valueOfOption ? undefined : words[at - 1]?.text.toLowerCase();
  const after = words[at + 1]?.text.toLowerCase();
  if (before !== undefined && commandShaped(before)) return !DERIVED.has(before) && !/^(mod|module|modules|deps|dependencies|project|workspace|repo)$/.test(before);
  return after !== undefined && commandShaped(after) && !DERIVED.has(after) && !BENIGN_OBJECT.has(after) && !/^(all|up)$/.test(after);
}

/** A help page asked for by a trailing word (`tccli cvm TerminateInstances help`): nothing runs. */
function trailingHelp(reading: Reading): boolean {
  const words = reading.positionals;
  const last = words[words.length - 1]?.text;
  return words.length >= 2 && words.length <= MAX_VERB_DEPTH && last === 'help' && words.every((w) => commandShaped(w.text));
}

/** A gRPC method named as `package.Service/Method` (`grpcurl … etcdserverpb.KV/DeleteRange`): its verb is the method's. */
function grpcMethod(reading: Reading, traits: VerbTraits): { method: string; verb: string; names: string[] } | undefined {
  for (const [i, w] of reading.positionals.entries()) {
    // …or `package.Service.Method` after `call` (evans `cli call`, `grpc_cli call`).
    const m = /^[A-Za-z_][\w.]*\.[A-Za-z_]\w*\/([A-Z]\w*)$/.exec(w.text) ?? (reading.positionals.slice(Math.max(0, i - 2), i).some((x) => x.text === 'call') ? /^[A-Za-z_][\w.]*\.[A-Z]\w*\.([A-Z]\w*)$/.exec(w.text) : null);
    if (!m) continue;
    const verb = destroyingPart(m[1]!, traits);
    if (verb === undefined) return undefined;
    const host = reading.positionals.find((x) => x !== w && /^[\w.-]+:\d+$/.test(x.text))?.text ?? ((o) => o?.value ?? o?.next)(reading.options.find((o) => o.name === '--host'));
    return { method: w.text, verb, names: [host ?? `the ${w.text.split('/')[0]} service (not named)`] };
  }
  return undefined;
}

/** System programs whose name glues a short prefix to the verb (`lvremove`, `vgremove`, `userdel`, `wipefs`, libmemcached's `memcflush`, `memcrm`, OpenLDAP's `ldapdelete`). */
const GLUED_NAME = /^(?:lv|vg|pv|md|user|group|luks|part)(remove|del|destroy|erase)$|^(wipe)fs$|^memc(flush|rm)$|^ldap(delete)$/;

function nameVerb(inv: Invocation, traits: VerbTraits): string | undefined {
  if (inv.command.includes('/') && inv.remote === undefined) return undefined;
  const base = inv.name.replace(/\.(sh|py|rb|pl|js|exe|cmd|bat)$/, '');
  const glued = GLUED_NAME.exec(base);
  if (glued) return glued.slice(1).find((g) => g !== undefined);
  // Programs join words with '-', '.' or ':' (`kafka-delete-records.sh`, `apps:destroy`); a snake_case
  // name is most often a shell function, whose body the walker has already judged.
  if (!/[-:.]/.test(base)) return undefined;
  return destroyingPart(base, traits);
}

/** `stripe post /v1/subscriptions/sub_1/cancel`: an HTTP method word, then an API path whose action destroys. */
function restPathVerb(reading: Reading, traits: VerbTraits): { verb: string; path: string } | undefined {
  const method = reading.positionals[0]?.text.toLowerCase();
  if (method === undefined || !/^(post|put|patch|delete)$/.test(method)) return undefined;
  const path = reading.positionals.slice(1, 3).find((w) => /^\/?[\w.-]+(\/[\w.:-]+)+\/?$/.test(w.text) || /^\/[\w.-]+$/.test(w.text))?.text;
  if (path === undefined) return undefined;
  const segments = path.split('/').filter((x) => x !== '' && !/^v\d+$/.test(x));
  const last = segments[segments.length - 1];
  if (method === 'delete') return { verb: 'delete', path };
  // A tool's own irreversible endpoints (`stripe post /v1/refunds`) are listed in its traits as `/refunds`.
  if (last !== undefined && traits.destroying?.includes(`/${last.toLowerCase()}`)) return { verb: last.toLowerCase(), path };
  const verb = last !== undefined ? destroyingPart(last, traits) : undefined;
  return verb !== undefined ? { verb, path } : undefined;
}

const MAX_TARGETS = 3;

/** What the command names after its verb: operands first, then the values of options that name things. */
function targetWords(reading: Reading, afterIndex: number): string[] {
  const operands = reading.positionals
    .filter((w) => w.index > afterIndex && !readsOnly(w.text))
    .map((w) => w.text)
    .filter((t) => t !== '' && !/\s/.test(t));
  if (operands.length > 0) return operands.slice(0, MAX_TARGETS);
  const named: string[] = [];
  for (const option of reading.options) {
    if (!NAME_OPTION.test(option.name)) continue;
    const value = option.value ?? option.next;
    if (value !== undefined && value !== '') named.push(value);
  }
  return named.slice(0, MAX_TARGETS);
}

/** Values that may say where the command reaches: every operand and option value except paths on this machine. */
function hintValues(args: readonly ArgWord[]): string[] {
  return freeFormValues(args).filter((t) => !/^(\/|~)/.test(t) && t.length <= 200);
}

function shownPath(inv: Invocation, reading: Reading, upTo: number): string {
  const words = reading.positionals.filter((w) => w.index <= upTo && commandShaped(w.text) && !reading.maybeValues.has(w.index)).map((w) => w.text);
  return [inv.name, ...words].join(' ');
}

interface Found {
  rule: string;
  /** The words shown in backquotes: `stripe customers delete`. */
  shown: string;
  verb: string;
  /** The verb phrase itself, when the verb alone does not say it ('rolls back every migration of'). */
  phrase?: string;
  /** Values that say where it reaches, when only some do (a load's target, not its source file). */
  hints?: string[];
  /** Command words before the verb, for the kind and noun of what is destroyed. */
  groups: string[];
  names: string[];
  /** For statements: what the statement destroys (`DROP TABLE x`). */
  statement?: string;
}
/**
 * A password command names its account only: by an account option (`--username bob`), else the first of two or more bare words
 * (`set-password alice NEW`); a lone word may be the new password itself (`reset-admin-password NEW`) and option values are never
 * taken, so no reason, target or confirmation phrase repeats it.
 */
function accountOnly(inv: Invocation, names: readonly string[], none: string): string[] {
  const reading = floorReading(inv.args);
  const bare = new Set(reading.positionals.filter((w) => !reading.maybeValues.has(w.index)).map((w) => w.text));
  const account = accountByOption(reading.options) ?? (names.filter((n) => bare.has(n)).length >= 2 && bare.has(names[0]!) ? names[0] : undefined);
  return [account ?? (names.length > 0 ? 'the account (not named: a word given may be the new password)' : none)];
}
function finding(inv: Invocation, ctx: RuleContext, found: Found, traits: VerbTraits): Finding {
  const local = traits.locality === 'local';
  const hints = found.hints ?? hintValues(inv.args);
  // Round 22: one value on this machine does not make the rest local (`--source postgres://localhost/… --target postgres://db.prod…`).
  const resolved = ((all) => (all.environment === 'production' ? all : hints.map((h) => ctx.environmentOf({ values: [h], remote: !local })).find((r) => r.environment === 'production') ?? all))(ctx.environmentOf({ values: hints, remote: !local }));
  const kind = found.statement !== undefined ? 'database' : kindFromWords(found.groups);
  const noun = found.groups.length > 0 ? singular(found.groups[found.groups.length - 1]!.toLowerCase()) : undefined;
  const names = found.names.length > 0 && !found.shown.split(/\s+/).some(passwordWord) ? found.names : accountOnly(inv, found.names, `the ${inv.name} ${noun ?? 'resource'} (not named)`);
  // A name that is itself on this machine stays local when another value named production.
  const own = (name: string): { environment: Target['environment']; reason: string } => (resolved.environment === 'production' && /^[a-z][\w+.-]*:\/\/|^[\w.-]+:\d+$/i.test(name) && ((r) => r.environment === 'local')(ctx.environmentOf({ values: [name], remote: !local })) ? ctx.environmentOf({ values: [name], remote: !local }) : resolved);
  const targets: Target[] = names.map((name) => ({ kind, name, provider: inv.name, remote: !local, environment: own(name).environment, environmentReason: own(name).reason }));
  const object = found.statement !== undefined ? `${found.statement} on ${names[0]}` : found.names.length > 0 ? `${noun !== undefined && noun !== found.names[0] ? `${noun} ` : ''}${names.join(', ')}` : names[0]!;
  const where = local ? ' on this machine' : '';
  const reason = `\`${found.shown}\` ${found.phrase ?? verbPhrase(found.verb)} ${object}${where} (${inv.name} has no rules of its own: judged by its ${found.rule === 'verbs.destroying-statement' ? 'statement' : 'verb'}).`;
  return { rule: found.rule, risk: 'destructive', severity: 'ask', reason, targets };
}

/** Is this invocation the floor's to judge: no pack knows the tool, or the registry leaves this subcommand undescribed? */
function floorApplies(inv: Invocation, specific: ReadonlySet<string>): boolean {
  const name = inv.name;
  if (name === '' || name.includes('=') || NOT_A_CLI.has(name) || READ_ONLY_COMMANDS.has(name)) return false;
  // Output writers (outputEffects.ts) are described only by the file they write: their verbs stay the floor's.
  if (describesOptions(name) || (EFFECT_RULES[name] !== undefined && OUTPUT_EFFECTS[name] === undefined)) return false;
  const tool = floorTool(name);
  if (tool && FLOOR_BENEATH.has(name)) {
    const first = firstCommandWord(inv.args, tool);
    const described = Object.keys(tool.commands ?? {}).some((key) => key.split('|').includes(first?.text ?? ''));
    const strayed = described && ((p) => p.node.commands !== undefined && p.operands.length > 0)(parsedArgs(inv.args, tool)); // a described group, an undescribed next word (`databricks sql warehouses delete`)
    return first !== undefined && (!described || strayed);
  }
  // A registry tool a pack reads only in part (pulumi: not `pulumi env`) is the floor's in the rest, as listed below.
  if (tool && !(name in FLOOR_TOO)) return false;
  if (!tool && !specific.has(name)) return true;
  if (!(name in FLOOR_TOO)) return false;
  const groups = FLOOR_TOO[name];
  return groups === undefined || groups.includes(floorReading(inv.args).positionals[0]?.text ?? '');
}

/**
 * Tools the registry describes for one pack's narrow question (the firewall flush, the network
 * exposure) and nothing else: the floor still reads the rest of what they do, whole.
 */
/** Subcommands that start a named job or function (`convex run`, `inngest invoke`). */
const RUNS_JOB = /^(run|invoke|call|trigger|exec|execute|enqueue|dispatch)$/;

const FLOOR_WHOLE: ReadonlySet<string> = new Set(['nft', 'dockerd', 'jupyter', 'jupyter-notebook', 'jupyter-lab', 'jupyter-server', 'ngrok', 'ttyd', 'gotty', 'tmate', 'upterm', 'sshx', 'teleconsole', 'tty-share', 'code-server', 'sort', 'gsort', 'tcpdump', 'scp', 'valgrind', 'usermod', 'gpasswd', 'userdel', 'deluser', 'setenforce', 'sshd', 'rabbitmqctl', 'rabbitmqctl.bat',
  'fdisk', 'cfdisk', 'gdisk', 'sfdisk', 'parted', 'mdadm', 'mount', 'umount', 'sysctl', 'ip', 'ifconfig', 'nmcli', 'service', 'pkill', 'killall', 'skill', 'journalctl', 'auditctl', 'chsh', 'ssh-copy-id',
  'nvme', 'hdparm', 'cryptsetup', 'zfs', 'zpool', 'lvreduce', 'lvresize', 'resize2fs', 'badblocks', 'efibootmgr', 'firewall-cmd', 'tc', 'networkctl', 'wsl', 'wsl.exe', 'supervisorctl', 'timedatectl', 'update-alternatives', 'alternatives', 'groupmod', 'chage',
  // Load generators (registry/tools/loadTests.ts): the load-test pack reads what they aim at.
  'ab', 'ab2', 'wrk', 'wrk2', 'hey', 'oha', 'bombardier', 'siege', 'vegeta', 'locust', 'esrally', 'artillery', 'memtier_benchmark', 'memtier-benchmark', 'redis-benchmark', 'valkey-benchmark', 'keydb-benchmark']);

/** The registry's tool for the floor: package managers' entries say what runs the project's code, not what destroys, so the floor reads them whole. */
function floorTool(name: string): ReturnType<typeof toolNamed> {
  const tool = toolNamed(name);
  return tool?.family === 'package-manager' || FLOOR_WHOLE.has(name) ? undefined : tool;
}

/** The first subcommand word of a registry tool's invocation (an undescribed plugin's name is an operand). */
function firstCommandWord(args: readonly ArgWord[], tool: NonNullable<ReturnType<typeof toolNamed>>): { text: string; index: number } | undefined {
  const parsed = parsedArgs(args, tool);
  const index = parsed.pathIndexes[0] ?? (parsed.operands[0] !== undefined ? args.indexOf(parsed.operands[0]) : -1);
  return index >= 0 ? { text: args[index]!.text, index } : undefined;
}

/**
 * Names other packs list whose interest is narrow: the floor judges the rest of what they do (all of it,
 * or the first words listed: `pulumi env` is Pulumi ESC, which the infrastructure pack does not read;
 * `glab variable export` and `glab api …/variables` print what the project keeps).
 */
const FLOOR_TOO: Readonly<Record<string, readonly string[] | undefined>> = ownTable({ npm: undefined, pnpm: undefined, yarn: undefined, bun: undefined, pulumi: ['env'], glab: ['variable', 'api'], argocd: ['admin', 'account', 'cluster', 'repo', 'repocreds', 'proj', 'cert', 'gpg', 'context', 'appset', 'login', 'logout', 'relogin'], rabbitmqctl: undefined, 'rabbitmqctl.bat': undefined, nomad: undefined, consul: undefined });

export function checkVerbs(inv: Invocation, ctx: RuleContext, specific: ReadonlySet<string>): Finding[] {
  // `node ace db:wipe --force`: a project script's own words are a CLI (support/scriptClis.ts).
  const script = scriptCli(inv);
  if (script) return checkVerbs(script, ctx, specific);
  if (!floorApplies(inv, specific) || removalOf(inv) !== undefined || ((t) => t !== undefined && commandNode(parsedArgs(inv.args, t)).registryAct !== undefined)(toolNamed(inv.name))) return []; // a registry act (`npm unpublish`) is the publishing pack's: it knows a registry on this machine
  const traits = verbTraitsOf(inv.name);
  const tool = floorTool(inv.name);
  const args = tool ? inv.args.slice(firstCommandWord(inv.args, tool)?.index ?? 0) : inv.args;
  const reading = floorReading(args);
  if (traits.allRoutine || isHelp(reading) || trailingHelp(reading)) return traits.allRoutine && !isHelp(reading) ? routineRunner(inv.name, reading, ctx) : []; // a build or test tool's own work is routine, unless it runs writing specs against production (support/floorRunners.ts)
  if (isDry(reading, traits, tool?.dryRun ?? []) || codeRename(reading.positionals.map((w) => w.text), ctx.facts.listDir(resolvePath(inv.cwd || ctx.facts.cwd, '.', ctx.facts.home)))) return traits.locality === 'local' ? [] : productionAccess(inv, ctx, reading);
  const later = unknownScheduled(inv, ctx);
  if (later.length > 0) return later;
  const secret = secretRead(inv, ctx, reading);
  if (secret) return [secret];
  const handed = scriptPayload(inv, ctx.facts, reading);
  const statement = statementOf(args) ?? stdinStatement(inv) ?? (handed && 'statement' in handed ? `${handed.statement} (${handed.how})` : undefined);
  if (statement) {
    // DuckDB's and SQLite's `ATTACH 'postgres://…' AS p`: the statements reach the attached database.
    const attached = /\battach\s+(?:database\s+)?'([a-z][\w+.-]*:\/\/[^']+)'/i.exec(args.map((a) => a.text).join(' '))?.[1];
    const server = hintValues(args).find((v) => /^[a-z][a-z0-9+.-]*:\/\/|^[\w-]+(\.[\w-]+)+(:\d+)?$|^[\w.-]+:\d+$|^\$\{?\w*(URL|URI|HOST|DSN)\b/i.test(v)) ?? attached?.replace(/\/\/[^/@]*@/, '//');
    return [finding(inv, ctx, { rule: 'verbs.destroying-statement', shown: inv.name, verb: 'run', groups: [], names: [server ?? `the ${inv.name} server (not named)`], statement }, traits)];
  }
  const exposure = floorExposure(inv.name, reading, () => ctx.environmentOf({ values: hintValues(inv.args).filter((v) => !/^(0\.0\.0\.0|::|\*)(:\d+)?$/.test(v)), remote: true }).environment === 'production');
  const load = exposure ?? floorOptionKinds(inv, reading, freeFormValues(inv.args), ctx, hintValues(inv.args)) ?? requestFileWrites(inv, reading, ctx);
  if (load) return [load];
  const path = pathVerb(reading, traits);
  if (path) {
    const groups = reading.positionals.slice(0, path.at).filter((w) => !reading.maybeValues.has(w.index)).map((w) => w.text).filter(commandShaped);
    const names = targetWords(reading, path.word.index);
    // `fastly purge --url https://…`: purging pages from a cache; the pages themselves are untouched.
    if (path.verb === 'purge' && names.length > 0 && names.every((n) => cachedAddress(n, path.word.text, reading))) return traits.locality === 'local' ? [] : productionAccess(inv, ctx, reading);
    if (cleansDerived(path.verb, path.at, reading) || (path.at === 0 && ownCleanup(inv.name, path.verb, reading)) || routineObject(path.verb, path.word.text, names, reading, inv.name) || CLEAN.has(path.verb) && names.length > 0 && names.every((n) => projectFolderOperand(n, ctx.facts.listDir(resolvePath(inv.cwd || ctx.facts.cwd, '.', ctx.facts.home))))) return [];
    return [finding(inv, ctx, { rule: 'verbs.destroying-verb', shown: shownPath(inv, reading, path.word.index), verb: path.verb, groups, names }, traits)];
  }
  // Destroying by meaning, not by a word: every migration rolled back, a server reinstalled, a dump loaded over a database (support/floorMeanings.ts).
  const meaning = FRAMEWORK_NAMES.has(inv.name) ? undefined : floorMeaning(inv, ctx, reading, traits, (t) => destroyingPart(t, traits));
  if (meaning) return [finding(inv, ctx, { rule: 'verbs.destroying-meaning', shown: [inv.name, ...meaning.shown].join(' '), verb: 'overwrite', phrase: meaning.phrase, hints: meaning.hints, groups: [], names: meaning.names }, traits)];
  // `convex run internal:wipeAll`, `trigger invoke purge-users`: a job started by a name that says it destroys (support/namedJobs.ts).
  // A package manager's `run` names the project's own script, which its pack reads.
  const job = toolNamed(inv.name)?.family !== 'package-manager' ? startedJob(reading, RUNS_JOB) : undefined;
  const jobVerb = job !== undefined ? destroyingJobName(job.name) ?? destroyingJobName(job.name.split('.').pop() ?? '') : undefined;
  if (job !== undefined && jobVerb !== undefined) return [finding(inv, ctx, { rule: 'verbs.destroying-job', shown: `${inv.name} ${job.verb} ${job.name}`, verb: jobVerb, groups: [], names: [job.name] }, traits)];
  const passed = passedCommand(reading, args);
  if (passed) {
    const place = reading.positionals.filter((w) => w.index < args.findIndex((a) => a.text === '--') && !RUNS_COMMAND.test(w.text.toLowerCase())).map((w) => w.text);
    const shown = [inv.name, ...reading.positionals.filter((w) => w.index < args.findIndex((a) => a.text === '--')).map((w) => w.text)].join(' ');
    return [finding(inv, ctx, { rule: 'verbs.passed-command', shown: `${shown} -- ${passed.program}`, verb: passed.program === 'rm' || passed.program === 'rmdir' || passed.program === 'unlink' ? 'delete' : passed.program === 'dd' || passed.program === 'truncate' ? 'overwrite' : 'wipe', groups: [], names: passed.words.length > 0 ? passed.words.map((w) => (place.length > 0 ? `${w} on ${place.join(' ')}` : w)) : place }, traits)];
  }
  const overwrite = overwritingWord(reading, traits);
  if (overwrite) return [finding(inv, ctx, { rule: 'verbs.destroying-verb', shown: `${inv.name} ${overwrite.word} ${overwrite.option}`, verb: 'overwrite', groups: [], names: overwrite.names }, traits)];
  const blank = blankingWrite(reading.positionals.map((w) => w.text), reading.options, traits.loadsInto);
  if (blank) return [finding(inv, ctx, { rule: 'verbs.blanking-write', shown: `${[inv.name, ...blank.words].join(' ')} (${blank.how})`, verb: 'overwrite', groups: blank.words.slice(0, -1), names: blank.names }, traits)];
  const rest = restPathVerb(reading, traits) ?? apiPathVerb(reading.positionals, reading.options, (segment) => destroyingPart(segment, traits));
  if (rest) return [finding(inv, ctx, { rule: 'verbs.destroying-verb', shown: `${inv.name} ${reading.positionals[0]!.text} ${rest.path}`, verb: rest.verb, groups: [], names: [rest.path] }, traits)];
  const rpc = grpcMethod(reading, traits);
  if (rpc) return [finding(inv, ctx, { rule: 'verbs.destroying-verb', shown: `${inv.name} ${rpc.method}`, verb: rpc.verb, groups: [], names: rpc.names }, traits)];
  const pushed = forcePush(reading);
  if (pushed) {
    const names = reading.positionals.slice(1).map((w) => w.text).filter((t) => !/\s/.test(t)).slice(0, MAX_TARGETS);
    return [finding(inv, ctx, { rule: 'verbs.force-push', shown: `${inv.name} push ${pushed.name}`, verb: 'force-push', groups: [], names: names.length > 0 ? names : [`the ${inv.name} remote (not named)`] }, traits)];
  }
  const branchDelete = gitStyleDelete(reading);
  if (branchDelete) {
    const group = reading.positionals[0]!.text;
    const names = reading.positionals.slice(1).map((w) => w.text).filter((t) => !/\s/.test(t)).slice(0, MAX_TARGETS);
    return [finding(inv, ctx, { rule: 'verbs.destroying-option', shown: `${inv.name} ${group} ${branchDelete.name}`, verb: 'delete', groups: [group], names }, traits)];
  }
  const option = optionVerb(reading, traits);
  if (option) {
    const groups = reading.positionals.filter((w) => commandShaped(w.text)).slice(0, 2).map((w) => w.text);
    const names = targetWords({ ...reading, positionals: [] }, -1);
    const fallback = reading.positionals.slice(groups.length).map((w) => w.text).filter((t) => !/\s/.test(t)).slice(0, MAX_TARGETS);
    return [finding(inv, ctx, { rule: 'verbs.destroying-option', shown: [inv.name, ...groups, option.name].join(' '), verb: option.verb, groups, names: names.length > 0 ? names : fallback }, traits)];
  }
  // Round 22: changes read by meaning (a watch taken off, everything stopped, a password, a remote update, a forced restore).
  const change = traits.locality === 'local' ? undefined : floorChange(reading, readsOnly, ctx.facts.listDir(resolvePath(inv.cwd || ctx.facts.cwd, '.', ctx.facts.home)), toolNamed(inv.name)?.family === 'package-manager' || traits.routine?.includes('uninstall'));
  if (change && !traits.routine?.includes(change.verb) && !/^(non-production|local)$/.test(ctx.environmentOf({ values: hintValues(inv.args), remote: true }).environment)) return [finding(inv, ctx, { ...change, shown: `${inv.name} ${change.shown}` }, change.local ? { ...traits, locality: 'local' } : traits)];
  const named = reading.positionals[0] !== undefined && readsOnly(reading.positionals[0].text) ? undefined : nameVerb(inv, traits); // `cloud-nuke inspect-aws`: the name's verb, but the command reads
  if (named) {
    const byOption = targetWords({ ...reading, positionals: [] }, -1);
    const names = byOption.length > 0 ? byOption : targetWords(reading, -1);
    return [finding(inv, ctx, { rule: 'verbs.destroying-name', shown: inv.name, verb: named, groups: [], names }, traits)];
  }
  // Stop 37 (round 26): output written over a server's live data (support/liveDataWrites.ts).
  // A handed script nobody could read, when no word said more (support/scriptPayloads.ts).
  if (handed && 'unread' in handed && traits.locality !== 'local') return [finding(inv, ctx, { rule: 'verbs.unread-script', shown: `${inv.name} ${handed.how}`, verb: 'run', phrase: `runs a script the guard could not read (${handed.unread}) against`, groups: [], names: [`the ${inv.name} server (not named)`] }, traits)];
  const live = liveDataWrite(inv.name, reading, readsOnly) ?? forcedLiveRestore(inv.name, reading) ?? inPlaceOverwrite(inv, reading, ctx);
  if (live || traits.locality === 'local') return live ? [live] : [];
  const deploy = unreviewedDeploy({ tool: inv.name, path: reading.positionals.filter((w) => !reading.maybeValues.has(w.index)).map((w) => w.text), options: reading.options, hints: hintValues(inv.args), reads: readsOnly }, ctx);
  const words = reading.positionals.slice(0, MAX_VERB_DEPTH).map((w) => ({ text: w.text, value: reading.maybeValues.has(w.index) || !commandShaped(w.text) }));
  const access = deploy.length > 0 ? deploy : productionAccess(inv, ctx, reading, namesProtection(inv) ? undefined : actionPath(words, readsOnly, () => false), !namesProtection(inv));
  // Stop 37 (round 26): a query naming credential files; stop 38: a disruptive change (support/floorDisruptive.ts); both by a program nothing describes, where nothing above asked.
  const statements = [...(inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring' ? [inv.stdin.text] : []), ...freeFormValues(inv.args).filter((t) => /\s/.test(t))];
  const query = access.some((f) => f.severity !== 'info') || !undescribed(inv.name, specific) ? undefined : credentialQuery(inv.name, statements, ctx.facts.home);
  const disrupted = query || access.some((f) => f.severity !== 'info') || !undescribed(inv.name, specific) || FRAMEWORK_NAMES.has(inv.name) ? undefined : disruptiveChange(inv.name, reading, readsOnly) ?? learnedOrManual(inv.name, reading, readsOnly, (t) => destroyingPart(t, traits) !== undefined || readsOnly(t) || [t.toLowerCase(), ...identifierParts(t)].some((p) => traits.routine?.includes(p) || [DESTROY, DESTROY_WHOLE, CLEAN, DERIVED, READ, OTHER_ACTION].some((set) => set.has(p))));
  return query ? [query] : disrupted && !/^(non-production|local)$/.test(ctx.environmentOf({ values: disrupted.hints ?? hintValues(inv.args), remote: true }).environment) ? [finding(inv, ctx, { ...disrupted, shown: [inv.name, disrupted.shown].filter((w) => w !== '').join(' ') }, traits)] : access;
}

/** The command path of production work nothing says only reads (support/productionChange.ts), or undefined when it reads. */
function unreadWork(inv: Invocation, reading: Reading, optionCounts: boolean): string[] | { path: string[]; option: string } | undefined {
  // A package manager's words are the project's scripts (`NODE_ENV=production npm run build`), which its pack reads.
  // A tool whose traits list its destroying or routine words is described there: the floor's reading of it stands.
  const traits = verbTraitsOf(inv.name), reads = traits.reads ?? [];
  if (traits.destroying || traits.routine || traits.overwriting || traits.dryUnless || traits.loadsInto || traits.dryRun) return undefined;
  if (toolNamed(inv.name)?.family === 'package-manager' || [inv.name, ...reading.options.map((o) => o.name), ...reading.positionals.slice(0, 2).map((w) => w.text)].some((w) => reads.includes(w))) return undefined;
  const words = reading.positionals.slice(0, MAX_VERB_DEPTH).map((w) => ({ text: w.text, value: reading.maybeValues.has(w.index) || !commandShaped(w.text) }));
  // `acmectl status --env production --reset`: where a word reads, an option that changes outweighs it (support/productionChange.ts).
  const option = optionCounts ? changingOption(reading.options) : undefined;
  const changed = option !== undefined ? { path: words.filter((w) => !w.value).map((w) => w.text), option } : undefined;
  const here = inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring' ? [inv.stdin.text] : [];
  const statements = [...here, ...reading.positionals.map((w) => w.text), ...reading.options.map((o) => o.value ?? o.next ?? '')].filter((t) => /\s/.test(t));
  // A command passed after `--` to run there that only reads or names nothing (`acmectl exec prod -- ls /var/log`, `… -- rm`).
  const passed = passedProgram(reading, inv.args);
  if (passed !== undefined && (READ_ONLY_COMMANDS.has(passed.program) || emptyHanded(passed))) return changed;
  return unreadPath(inv.name, words, statements, readingOptionNames(reading.options), readsOnly) ?? changed;
}

/** A secret the command prints (`akeyless get-secret-value`, `ejson decrypt`): exposure, judged by its words. */
function secretRead(inv: Invocation, ctx: RuleContext, reading: Reading): Finding | undefined {
  const path: string[] = [];
  const used = new Set<number>();
  for (const w of reading.positionals) {
    // A word right after an option without a glued value is most often its value (`token -i prod-cluster`).
    if (reading.maybeValues.has(w.index)) continue;
    if (path.length >= MAX_VERB_DEPTH || !commandShaped(w.text) || w.text.includes('.')) break;
    path.push(w.text);
    used.add(w.index);
    // A password command (`reset-admin-password`, not the bare noun) sets a secret, it prints none; what follows may be the new one.
    if (passwordWord(w.text) && !/^(pass|passwd|passwords?|pw|pwd|passphrase)$/i.test(w.text)) return secretWriteFinding(inv, ctx, path, reading.options, hintValues(inv.args));
  }
  const values = [...reading.positionals.filter((w) => !used.has(w.index)).map((w) => w.text), ...reading.options.map((o) => o.value).filter((v): v is string => v !== undefined)];
  // `--reveal-secrets`, `--show-secret`: the secrets the command would otherwise mask are printed (unless the credential rules already name them).
  const revealed = revealOption(reading.options);
  const reveal = revealed !== undefined && credentialMinted(inv.name, inv.args) === undefined && secretDumped(inv.name, inv.args) === undefined ? revealed : undefined;
  const found = secretReadOf(inv.name, path, values, reading.options.map((o) => o.name)) ?? injectedPrint(inv.name, inv.args) ?? (reveal !== undefined ? { shown: [inv.name, ...path, reveal].join(' '), what: 'the secrets it would otherwise mask' } : undefined);
  if (!found) return secretWriteFinding(inv, ctx, reading.positionals.filter((w) => !reading.maybeValues.has(w.index)).map((w) => w.text), reading.options, hintValues(inv.args));
  const traits = verbTraitsOf(inv.name);
  const local = traits.locality === 'local';
  const resolved = ((r) => (r.environment === 'unknown' && found.unknownIsProduction && !local ? { environment: 'production' as const, reason: `${r.reason} (a remote store's credential: treated as production)` } : r))(ctx.environmentOf({ values: hintValues(inv.args), remote: !local }));
  const target: Target = { kind: 'credential', name: found.what.replace(/^the /, ''), provider: inv.name, remote: !local, environment: resolved.environment, environmentReason: resolved.reason };
  return { rule: 'verbs.secret-read', risk: 'credential-dump', severity: 'ask', reason: `\`${found.shown}\` prints ${found.what} (${inv.name} has no rules of its own: judged by its words).`, targets: [target] };
}

/** Read-only work that names production (`bq ls acme-prod:analytics`) is allowed and marked production. */
function productionAccess(inv: Invocation, ctx: RuleContext, reading: Reading, changing?: readonly string[], unknownAsks = false): Finding[] {
  const values = hintValues(inv.args), sources = primaryEnvironment(verbTraitsOf(inv.name), reading.options);
  if (!mayBeProduction(ctx, [...values, ...sources.map((s) => s.value)])) return [];
  const resolved = ctx.environmentOf({ values, sources, remote: true });
  if (resolved.environment !== 'production') return [];
  if (changing !== undefined) return [productionChange(inv.name, changing, resolved.reason)];
  const copied = isDry(reading, verbTraitsOf(inv.name), []) || ctx.environmentOf({ values, sources, remote: true, selectors: [] }).environment !== 'production' ? undefined : productionCopy(inv, reading, resolved.reason);
  if (copied) return [copied];
  // Production named by the command's own words, not only by a mode variable (`NODE_ENV=production tool build`).
  // An option's change counts where production is not only a file here (`ruff check --fix deploy/production.py` edits this machine's file).
  const remoteNamed = ctx.environmentOf({ values: values.filter((v) => !localPath(v, ctx.facts)), sources, remote: true, selectors: [] }).environment === 'production';
  const unread = unknownAsks && ctx.environmentOf({ values, sources, remote: true, selectors: [] }).environment === 'production' ? unreadWork(inv, reading, remoteNamed) : undefined;
  if (unread !== undefined) return [Array.isArray(unread) ? productionChange(inv.name, unread, resolved.reason, true) : productionOptionChange(inv.name, unread.path, unread.option, resolved.reason)];
  const shown = [inv.name, ...reading.positionals.slice(0, 2).map((w) => w.text).filter(commandShaped)].join(' ');
  const target: Target = { kind: 'resource', name: inv.name, provider: inv.name, remote: true, environment: 'production', environmentReason: resolved.reason };
  // A destroying word allowed here is a dry run: the reason says why it does not ask (test/unit/rules/s39R33fix.table.test.ts holds every corpus row to it).
  const dry = isDry(reading, verbTraitsOf(inv.name), []) ? '; a dry run: nothing is changed' : '';
  return [{ rule: 'verbs.production-access', risk: 'production-access', severity: 'info', reason: `\`${shown}\` reaches production (${resolved.reason})${dry}.`, targets: [target] }];
}

/** The floor as a pack: it sees every invocation and leaves the names in `specific` (other packs' tools) to their packs. */
export function verbFloorPack(specific: ReadonlySet<string>): RulePack {
  return {
    id: 'verbs',
    title: 'The verb floor: destroying verbs of CLIs without rules of their own',
    checkInvocation: (inv, ctx) => floorWithoutSecrets(checkVerbs(inv, ctx, specific), inv, ctx.facts),
  };
}

