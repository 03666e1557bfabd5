import { identifierParts } from './cliArgs';
import { storeImport } from './floorImports';
import { servingStopped, stateSwitchedOff } from './floorServing';

/**
 * Changes the verb floor (rules/verbs.ts) reads by meaning where no destroying word is written (issue
 * #18, red team round 22, fresh tools no rule names):
 *
 * - a watch or a schedule taken off (`monit unmonitor all`, `… unschedule backup`, `… unwatch`): the
 *   safety net stops, nothing warns or runs any more;
 * - everything a supervisor runs stopped at once (`monit stop all`, `… stop --all`);
 * - an account's password changed (`… user passwd admin`, `… set-password`): whoever used it is locked out;
 * - a remote resource updated in place (`gandi dns update acme.com @ A …`): what served is replaced;
 * - a restore or an import over what is there, forced (`rdiff-backup --force --restore-as-of 3D SRC DST`,
 *   xtrabackup's `--copy-back`/`--move-back` into the data directory, `… import --overwrite`).
 *
 * Allowed look-alikes: one service stopped by name, a self-update or an index refresh (`tool update`,
 * `tool plugin update`, `tool repo update`), a restore or import without a forcing option, reads beside
 * these words (`tool monitor list`).
 */

export interface FloorChange {
  rule: string;
  shown: string;
  verb: string;
  phrase: string;
  groups: string[];
  names: string[];
  /** What changes is on this machine (a plugin installed here, a project's ignore list), not a remote resource. */
  local?: boolean;
  /** The values that say where it reaches, when not every word of the line does (`support/floorRemoteChanges.ts`). */
  hints?: string[];
}

interface ReadingLike {
  positionals: readonly { text: string; index: number }[];
  options: readonly { name: string; value?: string; next?: string }[];
  maybeValues: ReadonlySet<number>;
}

/** What keeps watch, keeps a copy or keeps a schedule: `un`- before it takes it away. */
const UNDONE_WATCH = /^un-?(monitor|schedule|watch|protect|replicate|backup|alert|guard|audit|track|mirror|cron|snapshot|retain|archive)$/i;
/** Verbs that stop what runs. */
const STOPS = /^(stop|halt|kill|suspend|pause|disable|shutdown|unload)$/i;
/** A password set or changed. */
const PASSWORD = /^(passwd|chpasswd|password|set-?password|change-?password|reset-?password|passwd-?reset|set_password|change_password|reset_password)$/i;
/**
 * Stop 36 (round 25: `mycli set-pass root x`): any spelling that puts a setting verb beside a password noun, split or
 * glued (`set-pass`, `setpass`, `chpass`, `newpw`, `pass:reset`, `update_passphrase`); not a read of a policy (`pass-policy show`).
 */
const PASS_VERB = /^(set|change|ch|reset|update|new|force|assign|rotate|replace|modify)$/;
const PASS_NOUN = /^(pass|passwd|password|passwords|pw|pwd|passphrase|passcode|pin)$/;
export function passwordWord(word: string): boolean {
  if (PASSWORD.test(word)) return true;
  const parts = identifierParts(word);
  if (parts.length === 1) return /^(set|change|ch|reset|update|new)(pass|passwd|password|pw|pwd|passphrase)$/.test(parts[0]!);
  return parts.length <= 3 && parts.some((p) => PASS_VERB.test(p)) && parts.some((p) => PASS_NOUN.test(p)) && !parts.some((p) => /^(policy|policies|strength|rules?|expiry|age|history|check|show|get|list)$/.test(p));
}
/** Nouns of accounts whose password a bare `passwd` changes. */
const ACCOUNT = /^(users?|accounts?|admins?|members?|logins?|principals?|roles?|identit(y|ies))$/i;
/** Verbs that change a thing in place. */
const UPDATES = /^(update|modify|edit|patch|change|replace|set|upsert)$/i;
/**
 * Nouns of what routes traffic or grants access, which an update changes in place for everyone at once (DNS
 * records, domains, routes, load balancers, webhooks, certificates, users and roles, firewalls); not local indexes
 * and tools (`repo`, `plugin`, `index`, `cache`, `self`), and not settings a change may raise (`policy`, `instance`:
 * the safety-net pack reads what those lower).
 */
const REMOTE_NOUN = /^(dns|records?|rrsets?|domains?|zones?|nameservers?|routes?|loadbalancers?|lbs?|load-balancers?|webhooks?|hooks?|redirects?|forwards?|forwarders?|aliases?|mailboxes?|mx|certs?|certificates?|tls|users?|accounts?|members?|roles?|acls?|firewalls?|origins?|upstreams?|backends?|cnames?)$/i;
/** Options that make a restore or an import write over what is there. */
const FORCES = /^--?(force|overwrite|clobber|replace|force-overwrite|force-non-empty-directories|yes-overwrite|allow-overwrite)$/i;
/** A restore or import by word or by option (`restore`, `--restore-as-of`, `import`, `load`). */
const RESTORES = /^(-{0,2})(restore|restore-as-of|restore-to|import|load|rollback|roll-back|revert|recover)(?:[-_=].*)?$/i;
/** Options that copy a backup back over the data directory. */
const COPY_BACK = /^--(copy-back|move-back)$/i;

function commandWords(reading: ReadingLike): string[] {
  return reading.positionals
    .filter((w) => !reading.maybeValues.has(w.index) && /^[A-Za-z][\w:-]*$/.test(w.text))
    .slice(0, 5)
    .map((w) => w.text);
}

function after(reading: ReadingLike, word: string): string[] {
  const at = reading.positionals.findIndex((w) => w.text === word);
  return reading.positionals.slice(at + 1).map((w) => w.text).filter((t) => !/\s/.test(t)).slice(0, 3);
}

/** Verbs that bring a plugin in. */
const BRINGS_IN = /^(install|add|bundle|light|load)$/i;
/** A repository named as a source: `owner/repo` (at a ref), a git or forge URL, a forge shorthand. */
const REPOSITORY = /^(?:[A-Za-z0-9][\w.-]*\/[\w.-]+(?:@[\w./-]+)?|(?:https?:\/\/|git@|git\+|github:|gh:|gitlab:|bitbucket:)\S+)$/;
/** Options that name where a plugin comes from by its forge (`--github owner/repo`, `--gitlab`, `--git URL`). */
const FORGE_OPTION = /^--?(github|gh|gitlab|gl|bitbucket|codeberg|sourcehut|gist|git|forge|repo-url|git-url)$/i;
/** Words that bring a security finding's silence: the command word, and IDs of advisories. */
const SILENCES = /^(ignore|suppress|waive|snooze|mute|exempt|allowlist|whitelist|accept-risk|risk-accept)$/i;
const ADVISORY = /(^|[=:])(CVE-\d{4}-\d+|GHSA(-[a-z0-9]{4}){3}|SNYK-[A-Z0-9-]+|RUSTSEC-\d{4}-\d+|PYSEC-\d{4}-\d+|GO-\d{4}-\d+|OSV-[\w-]+)$/i;

/**
 * Round 22: `fisher install acme-tools/fish-env-loader`: a plugin fetched from a repository, code nobody read that the
 * tool (here the shell, at every start) runs later. Stop 39 (round 30: `ansible-galaxy role install git+https://…,main --force`):
 * roles, collections, cookbooks and other kinds of code a tool runs later are installed the same way. A name from the tool's own index (`… install prettier`) or a local
 * folder (`… install ./plugin`, a folder the working directory holds) stays allowed.
 */
function pluginFromRepository(reading: ReadingLike, words: readonly string[], listing: readonly string[] | undefined): FloorChange | undefined {
  const at = words.slice(0, 3).findIndex((w) => BRINGS_IN.test(w));
  // The verb is the command (`fisher install X`) or acts on plugins (`acme plugins install X`); `mc ilm rule add … bucket/prefix` adds a rule.
  if (at < 0 || (at > 0 && !words.slice(0, at).some((w) => /^(plugins?|extensions?|addons?|add-ons?|themes?|bundles?|modules?|packages?|skills?|widgets?|roles?|collections?|cookbooks?|formulae|formulas?|recipes?|components?|mods?|libraries|library|libs?|dependencies|deps)$/i.test(w)))) return undefined;
  const verbAt = reading.positionals.findIndex((w) => w.text === words[at]);
  // The operand right after the verb (an option's value, `secret add --repository acme/app`, names no plugin).
  const source = reading.positionals.slice(verbAt + 1).filter((w) => !reading.maybeValues.has(w.index)).map((w) => w.text).slice(0, 1).find((t) => REPOSITORY.test(t) && !/^(\.|~|\/)/.test(t) && !(listing?.includes(t.split('/')[0]!) ?? false));
  // Stop 36 (round 22: `sheldon add envloader --github acme-tools/zsh-envloader`): the repository named by a forge's option.
  const byOption = reading.options.find((o) => FORGE_OPTION.test(o.name) && REPOSITORY.test(o.value ?? o.next ?? ''));
  const from = source ?? (byOption !== undefined ? (byOption.value ?? byOption.next)! : undefined);
  if (from === undefined) return undefined;
  return { rule: 'verbs.unread-plugin', shown: words.slice(0, at + 1).join(' '), verb: 'install', phrase: 'installs code nobody read, which it runs later (each time it loads its plugins), from', groups: [], names: [from], local: true };
}

/** `snyk ignore --id=SNYK-JS-… --expiry=2030-01-01`: a security finding silenced, so the check that found it passes. */
function findingSilenced(reading: ReadingLike, words: readonly string[]): FloorChange | undefined {
  const word = words.slice(0, 3).find((w) => SILENCES.test(w));
  if (word === undefined) return undefined;
  const values = [...reading.positionals.map((w) => w.text), ...reading.options.flatMap((o) => [o.value ?? '', o.next ?? ''])];
  const advisory = values.find((v) => ADVISORY.test(v)) ?? (reading.options.some((o) => /^--?(expiry|expires|expiration|until|reason)$/i.test(o.name)) ? values.find((v) => /[A-Z]+-[\w-]*\d/.test(v)) : undefined);
  if (advisory === undefined) return undefined;
  return { rule: 'verbs.check-silenced', shown: word, verb: 'ignore', phrase: 'silences the security finding (the check that found it passes from now on)', groups: [], names: [advisory], local: true };
}

/** A change read by its meaning, or undefined. `readsOnly` tells a read verb: beside one these words are nouns (`monitor list`). */
export function floorChange(reading: ReadingLike, readsOnly: (text: string) => boolean, listing?: readonly string[], packageManager = false): FloorChange | undefined {
  const words = commandWords(reading);
  // A package manager's installs from an address are its handler's to judge (`bun add github:…`, `npm install URL`).
  const brought = (packageManager ? undefined : pluginFromRepository(reading, words, listing)) ?? findingSilenced(reading, words);
  if (brought) return brought;
  // A password word anywhere in the command path changes one (`account reset-password`, `iam user chpasswd`).
  // A bare `passwd`/`password` is a verb after an account noun (`user passwd admin`); alone it may name a database (`getent passwd root`).
  // Round 27 (`acmectl passwd admin NEW`): as the first word followed by an account and a value, it sets that account's password.
  const pw = words.findIndex((w, i) => passwordWord(w) && (!/^(passwd|password)$/i.test(w) || (i > 0 && ACCOUNT.test(words[i - 1]!)) || (i === 0 && reading.positionals.length >= 3)));
  if (pw >= 0) return { rule: 'verbs.password-changed', shown: words.slice(0, pw + 1).join(' '), verb: words[pw]!.toLowerCase(), phrase: 'changes the password (whoever used the old one is locked out) of', groups: words.slice(0, pw), names: after(reading, words[pw]!) };
  const readAt = words.findIndex(readsOnly);
  const path = readAt >= 0 ? words.slice(0, readAt) : words;
  if (readAt >= 0 && readAt <= 1) return undefined;
  for (const [i, word] of path.entries()) {
    const groups = path.slice(0, i);
    if (UNDONE_WATCH.test(word)) {
      return { rule: 'verbs.protection-undone', shown: [...groups, word].join(' '), verb: word.toLowerCase(), phrase: `takes off (${word.toLowerCase().replace(/^un-?/, '')} no longer runs for)`, groups, names: after(reading, word) };
    }
    const all = reading.positionals.some((w) => w.text === 'all') || reading.options.some((o) => o.name === '--all');
    if (STOPS.test(word) && all && i <= 2) return { rule: 'verbs.everything-stopped', shown: [...groups, word, 'all'].join(' '), verb: word.toLowerCase(), phrase: 'stops', groups, names: ['all (everything it runs)'] };
    const targets = after(reading, word);
    if (UPDATES.test(word) && i > 0 && groups.some((g) => REMOTE_NOUN.test(g)) && targets.length > 0) {
      return { rule: 'verbs.remote-update', shown: [...groups, word].join(' '), verb: word.toLowerCase(), phrase: 'changes in place (what served before is replaced)', groups, names: targets };
    }
  }
  // Stop 36: a serving part stopped, a watch silenced, a state switched off (support/floorServing.ts).
  const serving = servingStopped(reading, path) ?? stateSwitchedOff(reading, path);
  if (serving) return serving;
  const copyBack = reading.options.find((o) => COPY_BACK.test(o.name));
  if (copyBack) return { rule: 'verbs.restore-over', shown: copyBack.name, verb: 'overwrite', phrase: 'copies a backup back over (the live data directory is replaced)', groups: [], names: reading.positionals.map((w) => w.text).slice(-1) };
  const force = reading.options.find((o) => FORCES.test(o.name) && !/^(false|no|0|off)$/i.test(o.value ?? ''));
  const restore = path.slice(0, 3).find((w) => RESTORES.test(w)) ?? reading.options.find((o) => RESTORES.test(o.name))?.name;
  if (force && restore) {
    const names = reading.positionals.filter((w) => !reading.maybeValues.has(w.index)).map((w) => w.text).filter((t) => t !== restore && !/\s/.test(t));
    return { rule: 'verbs.restore-over', shown: `${restore} ${force.name}`, verb: 'overwrite', phrase: `${/import|load/i.test(restore) ? 'imports' : 'restores'} over what is there (${force.name}: nothing is kept) in`, groups: [], names: names.slice(-1) };
  }
  // Stop 36: an import of a file or folder into the tool's store, forced or not (support/floorImports.ts).
  // A package manager's imports are its handler's (`yarn plugin import`, `pnpm import` of a lockfile).
  return packageManager ? undefined : storeImport(reading, path);
}
