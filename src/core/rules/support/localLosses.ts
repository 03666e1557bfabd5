import { derivedPlaces } from './derivedCleanups';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { resolvePath } from '../../paths';
import { identifierParts } from './cliArgs';
import type { KindReading } from './floorLoad';

/**
 * Stop 40 (round 34 held out: `jdupes -r -d -N ~/Documents`, `bleachbit --clean firefox.passwords chromium.passwords`):
 * a person's own files and saved secrets lost on this machine, by programs nobody described, read by meaning.
 *
 * - Duplicates deleted: a program whose name or command says duplicates (`dupes`, `dedupe`, `duplicates`) told to delete
 *   (`-d`, `--delete`, `-deleteduplicates true`, `--delete-method …`): which copy survives is the program's choice, and the
 *   others are gone with no copy kept. Listing them (`fdupes -r ~/Documents`, `rmlint`, a summary) stays allowed.
 * - Saved passwords cleaned: a cleaning word (as a command or an option: `clean`, `wipe`, `delete`, `shred`, `purge`) whose
 *   targets name saved passwords, logins or keychains (`firefox.passwords`, `chrome.logins`): the browser's password store
 *   is emptied, and nothing brings it back. Caches, cookies and history cleaned, a preview and a listing stay allowed.
 */

const DUPLICATE = /^(dup|dups|dupe|dupes|duplicate|duplicates|dedup|dedupe|deduplicate|twins|clones)$/i;
const DELETES = /^(d|delete|deleteduplicates|delete-duplicates|delete-method|remove|rm|del|erase|unlink|trash)$/i;
const OFF = /^(false|no|0|off|never|none)$/i;
const CLEANS = /^(clean|cleanup|clear|wipe|delete|remove|rm|shred|purge|erase|nuke)$/i;
const SAVED_SECRET = /^(passwords?|logins?|saved-?passwords?|keychains?|keyrings?|wallets?|credentials?|passwd)$/i;
const ONLY_LOOKS = /^(list|ls|preview|show|info|dry-run|n|p|help|version)$/i;

const valueOf = (o: KindReading['options'][number]): string => o.value ?? o.next ?? '';
const bare = (name: string): string => name.replace(/^-+/, '');

function duplicatesDeleted(inv: Invocation, reading: KindReading, ctx: RuleContext): Finding | undefined {
  const words = reading.positionals.filter((w) => !reading.maybeValues.has(w.index)).slice(0, 2).map((w) => w.text);
  // The name says duplicates (`jdupes`, `fdupes`, `dupeguru`, `czkawka_cli dup`), or the delete option does (`rdfind -deleteduplicates true`).
  const named = [inv.name, ...words, ...reading.options.map((o) => bare(o.name))].some((w) => identifierParts(w).some((p) => DUPLICATE.test(p)) || /dupe|dedup|duplicates?(?!y)/i.test(w));
  if (!named || reading.options.some((o) => /^(--dry-run|-n|--list|--summarize|-m|--summary)$/.test(o.name))) return undefined;
  const option = reading.options.find((o) => (DELETES.test(bare(o.name)) || /^-[a-zA-Z]*d[a-zA-Z]*$/.test(o.name)) && !OFF.test(valueOf(o)) && (!/^-[a-zA-Z]+$/.test(o.name) || o.value === undefined));
  const word = option === undefined ? words.find((w) => DELETES.test(w)) : undefined;
  if (option === undefined && word === undefined) return undefined;
  const where = reading.positionals.map((w) => w.text).filter((t) => /^[~./]/.test(t)).slice(0, 3);
  // Duplicates inside a cache or temporary folder are derived data (`jdupes -r -d -N ~/.cache/pip`; derivedCleanups.ts).
  if (derivedPlaces(where)) return undefined;
  const cwd = inv.cwd || ctx.facts.cwd;
  return {
    rule: 'verbs.duplicates-deleted',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${inv.name} ${option?.name ?? word}\` deletes the files it finds duplicated${where.length > 0 ? ` under ${where.join(', ')}` : ''}: which copy is kept is the program's choice, and the others are gone with no copy kept (${inv.name} has no rules of its own: judged by its name and options).`,
    targets: (where.length > 0 ? where : ['.']).map((w) => ({ kind: 'path' as const, name: resolvePath(cwd, w, ctx.facts.home), provider: inv.name, remote: false, environment: 'local' as const, environmentReason: 'files on this machine' })),
  };
}

function savedSecretsCleaned(inv: Invocation, reading: KindReading): Finding | undefined {
  const words = reading.positionals.map((w) => w.text);
  if ([...words.slice(0, 1), ...reading.options.map((o) => bare(o.name))].some((w) => ONLY_LOOKS.test(w))) return undefined;
  const byOption = reading.options.find((o) => CLEANS.test(bare(o.name)));
  const byWord = words.slice(0, 2).find((w) => CLEANS.test(w));
  if (byOption === undefined && byWord === undefined) return undefined;
  const secrets = [...new Set([...words, ...reading.options.map(valueOf)])].filter((t) => !/\s/.test(t) && identifierParts(t).some((p) => SAVED_SECRET.test(p)));
  if (secrets.length === 0) return undefined;
  return {
    rule: 'verbs.saved-secrets-cleaned',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${inv.name} ${byOption?.name ?? byWord}\` deletes saved passwords (${secrets.slice(0, 3).join(', ')}): the store that held them is emptied, and nothing brings them back (${inv.name} has no rules of its own: judged by its words).`,
    targets: secrets.slice(0, 3).map((s) => ({ kind: 'resource' as const, name: s, provider: inv.name, remote: false, environment: 'local' as const, environmentReason: 'saved on this machine' })),
  };
}

export function localLoss(inv: Invocation, reading: KindReading, ctx: RuleContext): Finding | undefined {
  return duplicatesDeleted(inv, reading, ctx) ?? savedSecretsCleaned(inv, reading);
}
