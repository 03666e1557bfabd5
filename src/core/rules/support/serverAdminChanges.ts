import { hostOf, isLocalHost, isLocalKubeContext } from '../../policy/production';
import { identifierParts } from './cliArgs';
import type { FloorChange } from './floorChanges';
import { liveDatabaseFolder } from './liveDataWrites';

/**
 * Stop 40 (red team round 34 held out, issue #18 criterion 8): what a data store's, a scheduler's or a server's
 * administration CLI nobody described does to what others run on, read by meaning, not by the tool. Called first by
 * `disruptiveChange` (`floorDisruptive.ts`), so only for undescribed tools where nothing else asked; the caller still
 * allows a development or local environment named on the line, and a `--local` option keeps the work here.
 *
 * | meaning | asks | stays allowed |
 * |---|---|---|
 * | every job of a shared queue cancelled: a program whose name glues a short prefix to a cancelling verb (`qdel`, `bkill`, `scancel`, `condor_rm`), or a `cancel`/`kill` command word, given everything (`all`, `-all`, `--all`, LSF's job `0`) or a whole user (`-u alice`, `--me`) | the whole queue or a user's every job | one job by id (`qdel 1234`, `bkill 4242`, `scancel 77`) |
 * | nodes or servers set to a state that turns work away by a `KEY=VALUE` setting (`scontrol update NodeName=gpu-[01-04] State=DOWN`) | down, drain, fail, offline, maintenance, inactive | `State=RESUME`/`IDLE`, reads (`scontrol show nodes`) |
 * | code added to a running server: a plugin or module installed, added, enabled or loaded by a server's admin program (a `…ctl`/`…admin` name or a `…-plugin(s)` installer), a module-shaped name (`mod_x`, `x_module`), or a plugin bundle or folder from here (`plugin add ./p.tar.gz`, `--path ./plugin`) | always (the code runs inside the server for every request from then on) | a CLI's own plugins by package name (`asdf plugin add nodejs`, `sf plugins install @acme/x`), listings (`plugin list`) |
 * | a system service installed on another machine over ssh (`hashi-up nomad install --ssh-target-addr IP`, `k3sup install --ip IP`) | a remote host or address | `--local`, `localhost` |
 * | certificates reissued for everything at once (`cmctl renew --all --all-namespaces`) | `renew`/`reissue`/`rotate` with an every-thing option | one certificate by name (`cmctl renew api-tls -n dev`), `certbot renew` (this machine's own, routine) |
 * | a client disconnected with its stored state deleted (`session disconnect client-id=x --cleanup`) | a disconnect/kick/evict with a cleaning option | the plain disconnect (the client reconnects with its state) |
 * | a node or replica rebuilt from another copy (`pcp_recovery_node -n 1`, `… reinit replica2`): its data folder is wiped and re-cloned | recover/recovery/reinit/resync/reclone of a node, replica, standby or member | `pcp_node_info`, `--help` |
 * | the app stopped on the servers a deploy configuration names (`mup stop --config .deploy/mup.js`) | stop/halt/shutdown/down with a `--config` under a deploy folder or named for deploying | the same tool's reads (`mup logs`), a bare `stop` of a local tool (`ddev stop`) |
 * | a live server's schema set up afresh without a question (`listmonk --config /etc/listmonk/config.toml --install --yes`): its tables are recreated | an install/init/reset option with an assume-yes option and a configuration under `/etc`, `/srv`, `/var/lib`, `/opt` | a new config file (`--new-config`), the same on a project's own configuration |
 * | a console's command given as one quoted sentence (`dgmgrl sys@DB "switchover to 'stby'"`, `"disable fast_start failover"`), or a protection mode lowered (`set protection mode as maxperformance`) | the sentence's words as a command path the lexicon asks for; a weaker protection or commit mode | `"show configuration"`, `"validate database stby"` |
 * | an app or chart installed into the cluster a kube option names (`kubeapps install redis --context prod-eu`) | any context not of this machine | `kind-*`, `minikube`, `docker-desktop` contexts |
 * | an older copy restored over a database server's live data folder (`dbtool restore --to /var/lib/mysql`, `--restore … /var/lib/firebird/…`) | a restore or load word with a live data folder named | the same into a scratch folder |
 * | every index rebuilt and swapped into the running search server (`indexer --config /etc/… --all --rotate`) | `--all` with `--rotate`/`--hot-swap` | a build into files only (`indexer --config deploy/x.conf --all`) |
 */

interface ReadingLike {
  positionals: readonly { text: string; index: number }[];
  options: readonly { name: string; value?: string; next?: string; index?: number }[];
  maybeValues: ReadonlySet<number>;
}

const change = (rule: string, shown: string, verb: string, phrase: string, names: string[]): FloorChange => ({ rule, shown, verb, phrase, groups: [], names: names.slice(0, 3) });
const optionNamed = (reading: ReadingLike, pattern: RegExp) => reading.options.find((o) => pattern.test(o.name));
const words = (reading: ReadingLike) => reading.positionals.map((w) => w.text);

/** A program named by a short prefix glued to a cancelling verb: `qdel`, `bkill`, `scancel`, `condor_rm`, `oardel`, `canceljob`. */
const CANCEL_NAME = /^(?:[a-z]{1,8}[_-]?)(del|rm|kill|cancel|remove|delete)(?:job|jobs)?$|^(cancel|kill|del|delete|remove)[_-]?jobs?$/;
/** Command words that cancel work in a queue. */
const CANCEL_WORD = /^(cancel|kill|abort)$/i;
/** A deleting word cancels queued work only beside a job's noun (`jobs delete --all`; `transient delete --all` clears a cache the floor reads). */
const DELETE_WORD = /^(del|rm|remove|delete|terminate)$/i;
const JOB_NOUN = /^(jobs?|queue|queues|tasks?|runs?|workflows?|batch|batches|submissions?)$/i;
const ALL_OPERAND = /^(all|ALL|\*)$/;
const ALL_OPTION = /^--?(all|all-jobs|alljobs)$/i;
const USER_OPTION = /^--?(u|user|users|me|owner|account|A)$/;

function jobsForAll(tool: string, path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  const named = CANCEL_NAME.exec(tool);
  const worded = named ? undefined : path.slice(0, 2).find((w) => CANCEL_WORD.test(w) || (DELETE_WORD.test(w) && path.slice(0, 3).some((n) => JOB_NOUN.test(n))));
  if (!named && worded === undefined) return undefined;
  const operands = words(reading).filter((t) => t !== worded);
  const verb = (named?.[1] ?? named?.[2] ?? worded ?? '').toLowerCase();
  // LSF's job 0 and `all` mean every job; with a cancelling command word only `all` and the options say it.
  const every = operands.some((t) => ALL_OPERAND.test(t)) || (named !== null && /^(kill|del|cancel)$/.test(verb) && operands.length === 1 && operands[0] === '0') || optionNamed(reading, ALL_OPTION) !== undefined;
  const user = optionNamed(reading, USER_OPTION);
  if (!every && user === undefined) return undefined;
  const whose = user !== undefined ? `every job of ${user.name === '--me' ? 'this user' : (user.value ?? user.next ?? 'a user')}` : 'every job in the queue';
  return change('verbs.jobs-cancelled', [...operands.filter((t) => ALL_OPERAND.test(t) || t === '0'), ...reading.options.filter((o) => ALL_OPTION.test(o.name) || o === user).map((o) => o.name), ...(worded !== undefined ? [worded] : [])].join(' '), 'delete', 'cancels (running work on the shared cluster is lost and must be submitted again)', [whose]);
}

/** `KEY=VALUE` settings that put a node or server in a state that turns work away. */
const STATE_SETTING = /^(state|status|admin[-_]?state|mode|availability)=(down|drain|drained|draining|fail|failing|offline|maint|maintenance|inactive|disabled?|power_?down|powered_?down|quiesce|quiesced)$/i;
const SET_WORD = /^(update|set|modify|change|edit|mark|put|configure|config)$/i;

function stateSetDown(path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  if (!path.slice(0, 2).some((w) => SET_WORD.test(w))) return undefined;
  const setting = words(reading).find((t) => STATE_SETTING.test(t));
  if (setting === undefined) return undefined;
  const named = words(reading).filter((t) => /^[\w-]*(name|node|nodes|host|hosts|server|servers|partition|id)=/i.test(t)).map((t) => t.replace(/^[^=]*=/, ''));
  return change('verbs.disruptive-change', [...path.slice(0, 2), setting].join(' '), 'stop', 'takes out of service (work running there is killed or turned away):', named.length > 0 ? named : ['the nodes it names']);
}

const PLUGIN_NOUN = /^(plugins?|modules?|mods?|extensions?|addons?|add-ons?)$/i;
const INSTALL_WORD = /^(install|add|enable|load|upload|activate)$/i;
/** A glued command word (`module_install`, `installplugin`, `plugin-enable`). */
const GLUED_INSTALL = /^(?:(install|add|enable|load)[-_]?(plugin|module|extension|addon)s?|(plugin|module|extension|addon)s?[-_]?(install|add|enable|load))$/i;
/** An admin program of a server (`prosodyctl`, `ejabberdctl`, `vmq-admin`) or a server's plugin installer (`elasticsearch-plugin`). */
const ADMIN_NAME = /(ctl|[-_]?admin|adm|[-_]manage)$/;
/** Names a server gives its modules (`mod_http_upload`, `auth_module`). */
const MODULE_NAME = /^mod_[\w-]+$|^[\w-]+_module$/;
/** A plugin from this machine: a path or a bundle (`./p.tar.gz`, `/tmp/x.jar`). */
const LOCAL_BUNDLE = /^(\.{0,2}\/|~\/)|\.(tar\.gz|tgz|zip|jar|hpi|jpi|ez|so|war|phar)$/i;

function codeIntoServer(tool: string, path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  const toolIsInstaller = identifierParts(tool).some((p) => PLUGIN_NOUN.test(p));
  const glued = path.slice(0, 3).find((w) => GLUED_INSTALL.test(w));
  const at = path.slice(0, 3).findIndex((w) => INSTALL_WORD.test(w));
  if (glued === undefined && at < 0) return undefined;
  const nounNear = toolIsInstaller || glued !== undefined || path.slice(Math.max(0, at - 1), at + 2).some((w) => PLUGIN_NOUN.test(w));
  const values = [...words(reading), ...reading.options.map((o) => o.value ?? o.next ?? '')].filter((t) => t !== '' && !path.includes(t));
  const bundle = values.find((t) => LOCAL_BUNDLE.test(t) && !/^https?:/.test(t));
  const module = [...path, ...values].find((t) => MODULE_NAME.test(t));
  const server = ADMIN_NAME.test(tool) || toolIsInstaller;
  if (!((nounNear && (server || bundle !== undefined)) || (module !== undefined && (server || nounNear)))) return undefined;
  const what = module ?? bundle ?? path.filter((w) => !PLUGIN_NOUN.test(w) && !INSTALL_WORD.test(w) && w !== glued)[0] ?? values[0] ?? `a ${tool} plugin`;
  return change('verbs.server-code', path.slice(0, 3).join(' '), 'install', 'adds code to the running server, where it runs for every connection or event from then on', [what]);
}

/** Options that name the machine an installer reaches over ssh. */
const SSH_TARGET = /^--?(ssh[-_]?(target[-_]?)?(addr|address|host|ip)|target[-_]?(addr|address|host|ip)|ip|host|remote[-_]?host|node[-_]?ip|server[-_]?ip)$/i;

function remoteServiceInstall(path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  if (!path.slice(0, 3).some((w) => /^(install|bootstrap|provision|setup)$/i.test(w))) return undefined;
  const target = reading.options.find((o) => SSH_TARGET.test(o.name) && (o.value ?? o.next) !== undefined && !isLocalHost(hostOf(o.value ?? o.next!) ?? o.value ?? o.next!));
  if (target === undefined) return undefined;
  return change('verbs.remote-service', [...path.slice(0, 3), target.name].join(' '), 'install', 'installs and enables a system service (it starts at every boot) on', [target.value ?? target.next!]);
}

const EVERY_OPTION = /^--?(all|all-namespaces|A|every|everything)$/;

function everyCertificate(path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  const verb = path.slice(0, 3).find((w) => /^(renew|reissue|re-issue|rotate|regenerate)$/i.test(w));
  const every = optionNamed(reading, EVERY_OPTION);
  if (verb === undefined || every === undefined) return undefined;
  return change('verbs.disruptive-change', `${path.slice(0, 3).join(' ')} ${every.name}`, verb.toLowerCase(), 'reissues at once (every client holding or pinning the old ones is cut off, and the issuer\'s limits are spent)', ['every certificate or key it manages']);
}

function sessionPurged(path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  if (!path.slice(0, 3).some((w) => /^(disconnect|kick|evict|logout|log-out|drop)$/i.test(w))) return undefined;
  const clean = optionNamed(reading, /^--?(cleanup|clean|clean-session|purge|clear|wipe|delete-state|remove-state|discard)$/i);
  if (clean === undefined) return undefined;
  const named = words(reading).filter((t) => !path.includes(t));
  return change('verbs.disruptive-change', `${path.slice(0, 3).join(' ')} ${clean.name}`, 'delete', 'disconnects and deletes the stored messages and subscriptions of', named.length > 0 ? named : ['the clients it names']);
}

const RECOVER_WORD = /^(recover|recovery|reinit|reinitialize|reinitialise|resync|reclone|rebuild|reseed|rejoin)$/i;
const NODE_NOUN = /^(node|nodes|replica|replicas|standby|member|members|secondary|slave|peer)$/i;

function nodeRebuilt(tool: string, path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  // Both words from the same place: the tool's name (`pcp_recovery_node`) or its command words (`reinit member2`); a product named
  // `node` rebuilding its own build (`node-gyp rebuild`) is no node of a cluster.
  const both = (parts: readonly string[]) => parts.some((p) => RECOVER_WORD.test(p)) && parts.some((p) => NODE_NOUN.test(p.replace(/\d+$/, '')));
  if (!both(identifierParts(tool)) && !both(path.slice(0, 3).flatMap((w) => identifierParts(w)))) return undefined;
  const node = optionNamed(reading, /^--?(n|node|node-id|member|replica)$/);
  const named = node !== undefined ? `node ${node.value ?? node.next ?? ''}`.trim() : path.filter((w) => !RECOVER_WORD.test(w) && !NODE_NOUN.test(w))[0] ?? 'the node it names';
  return change('verbs.disruptive-change', [...path.slice(0, 2), ...(node !== undefined ? [node.name, node.value ?? node.next ?? ''] : [])].join(' ').trim(), 'overwrite', 're-clones from another copy, wiping the data folder of', [named]);
}

const DEPLOY_CONFIG = /(^|\/)\.?deploy(ment)?s?([/._-]|$)|(^|\/)(mup|deploy|capfile|shipit)(\.[\w]+)*$/i;

function deployedStopped(path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  if (!/^(stop|halt|shutdown|down|pause)$/i.test(path[0] ?? '')) return undefined;
  const config = reading.options.find((o) => /^--?(c|config|configuration|file|f)$/.test(o.name) && DEPLOY_CONFIG.test(o.value ?? o.next ?? ''));
  if (config === undefined) return undefined;
  return change('verbs.disruptive-change', `${path[0]} ${config.name}`, 'stop', 'stops the app on the servers its deploy configuration names', [config.value ?? config.next!]);
}

/** Places of a live server's own configuration and data. */
const LIVE_PLACE = /^\/(etc|srv|var\/lib|opt)\//;
const YES = /^--?(y|yes|assume-yes|force|non-interactive|no-confirm|noconfirm|confirm)$/i;

function schemaAfresh(reading: ReadingLike): FloorChange | undefined {
  const install = optionNamed(reading, /^--?(install|reinstall|re-install|init-?db|initdb|reset-?db|setup-?db|recreate|recreate-db)$/i);
  if (install === undefined || optionNamed(reading, YES) === undefined) return undefined;
  const config = reading.options.map((o) => o.value ?? o.next ?? '').find((v) => LIVE_PLACE.test(v));
  if (config === undefined) return undefined;
  return change('verbs.disruptive-change', `${install.name} (${config})`, 'overwrite', 'sets up its tables afresh, without a question, deleting what they held, on the live server of', [config]);
}

function everyIndexSwapped(reading: ReadingLike): FloorChange | undefined {
  const swap = optionNamed(reading, /^--?(rotate|hot-?swap|swap-live)$/i);
  if (swap === undefined || optionNamed(reading, /^--?all$/) === undefined) return undefined;
  const config = reading.options.map((o) => o.value ?? o.next ?? '').find((v) => v.startsWith('/') || v.includes('.'));
  return change('verbs.disruptive-change', `--all ${swap.name}`, 'overwrite', 'rebuilds every index and swaps it into the running server (searches answer from the new data at once)', [config ?? 'the running search server']);
}

/** Options that pick the Kubernetes cluster an installer writes to. */
const KUBE_OPTION = /^--?(kubeconfig|kube-?context|context|kube-?config)$/i;

function chartIntoCluster(path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  const verb = path.slice(0, 2).find((w) => /^(install|upgrade|add|enable)$/i.test(w));
  const kube = reading.options.find((o) => KUBE_OPTION.test(o.name) && (o.value ?? o.next) !== undefined);
  if (verb === undefined || kube === undefined || isLocalKubeContext(kube.value ?? kube.next!)) return undefined;
  const app = path.filter((w) => w !== verb)[0] ?? words(reading).find((t) => t !== verb) ?? 'an app';
  return { ...change('verbs.disruptive-change', `${verb} ${kube.name}`, 'install', 'installs into the cluster its kube context names (what runs there changes at once, unreviewed)', [app]), hints: [kube.value ?? kube.next!] };
}

/** A restore or load word, as a command word or an option (`restore`, `--restore`, `-recover`). */
const RESTORE_WORD = /^(restore|recover|rollback|roll-back|load|reload)$/i;

function restoredOverLive(path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  const word = path.slice(0, 3).find((w) => RESTORE_WORD.test(w)) ?? reading.options.find((o) => RESTORE_WORD.test(o.name.replace(/^-+/, '')))?.name;
  if (word === undefined) return undefined;
  const live = [...words(reading), ...reading.options.map((o) => o.value ?? o.next ?? '')].find((t) => liveDatabaseFolder(t) !== undefined);
  if (live === undefined) return undefined;
  return change('verbs.live-data-write', `${word} ${live}`, 'overwrite', 'writes an older copy over the live data of the database server at (what it wrote since is lost)', [live]);
}

/** A replication or commit protection set to a weaker mode (Data Guard's `protection mode as maxperformance`, `synchronous_commit = off`). */
const PROTECTION_DOWN = /\b(protection|durability|sync(?:hronous)?(?:[_ ]commit)?|replication|commit)\s+(?:mode\s+)?(?:as|to|=)?\s*(maxperformance|max(?:imum)?\s+performance|async(?:hronous)?|off|none|relaxed|minimal|local)\b/i;

/**
 * An administration console given its command as one quoted sentence (`dgmgrl sys@DB "switchover to 'stby'"`,
 * `"disable fast_start failover"`): the sentence's words are read as the command path they spell, and a protection
 * lowered by mode (`set protection mode as maxperformance`) asks. Only where the command has no other command word.
 */
function sentenceChange(path: readonly string[], reading: ReadingLike, again: ((r: ReadingLike) => FloorChange | undefined) | undefined): FloorChange | undefined {
  if (path.length > 0) return undefined;
  const sentence = reading.positionals.find((w) => /^[A-Za-z][\w-]*(\s+\S+){1,11}\s*;?$/.test(w.text.trim()));
  if (sentence === undefined) return undefined;
  const lowered = PROTECTION_DOWN.exec(sentence.text);
  if (lowered) return change('verbs.disruptive-change', sentence.text.trim().slice(0, 80), 'disable', 'lowers the protection of (committed data can be lost when the primary fails)', [`${lowered[1]} ${lowered[2]}`]);
  const split = sentence.text.trim().replace(/;$/, '').split(/\s+/).map((t, i) => ({ text: t.replace(/^['"]|['"]$/g, ''), index: i }));
  const found = again?.({ positionals: split, options: [], maybeValues: new Set() });
  return found && { ...found, shown: sentence.text.trim().slice(0, 80) };
}

/** The first of these changes the command makes, or undefined. `path`: the floor's command words up to a read verb; `again` reads a sentence's words. */
export function serverAdminChange(tool: string, path: readonly string[], reading: ReadingLike, again?: (r: ReadingLike) => FloorChange | undefined): FloorChange | undefined {
  return sentenceChange(path, reading, again) ?? jobsForAll(tool, path, reading) ?? stateSetDown(path, reading) ?? codeIntoServer(tool, path, reading) ?? remoteServiceInstall(path, reading) ?? everyCertificate(path, reading)
    ?? sessionPurged(path, reading) ?? nodeRebuilt(tool, path, reading) ?? deployedStopped(path, reading) ?? schemaAfresh(reading) ?? everyIndexSwapped(reading) ?? restoredOverLive(path, reading) ?? chartIntoCluster(path, reading);
}
