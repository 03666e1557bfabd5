import type { Finding, Invocation, Target } from '../../policy/types';
import { identifierParts } from './cliArgs';
import { holdsPublicFiles } from './bucketExports';

/**
 * Production data copied to this machine by a CLI no rule names (issue #18 criterion 8, stop 36; red team
 * round 25: `mycli get users -o json --all --env production > users.json`, `mycli db backup download --latest
 * --env production`). The read verb does not make it harmless: a whole table of people or a backup of the
 * store lands in a file here, outside the place that protects it, where an agent may read, commit or send it.
 *
 * - A read of every record of people, orders or payments (`--all`, `all`, or an export/dump verb) on production,
 *   written to a file (`> users.json`, `--output-file users.csv`).
 * - A backup, snapshot or dump of production downloaded, pulled or copied here.
 *
 * Allowed look-alikes (marked production): the same read shown on the terminal, one record by name
 * (`get user 42 … > u.json`), a backup listed (`backup list`), and any of these on a development environment.
 */

/** Nouns of records about people and money. */
const PEOPLE_DATA = /^(users?|customers?|accounts?|members?|people|persons?|contacts?|orders?|payments?|invoices?|transactions?|emails?|subscribers?|patients?|profiles?|leads?|clients?|employees?|records?|rows?|messages?|tenants?|identities|signups?|charges?|subscriptions?|addresses?)$/;
/** Verbs that copy everything they read. */
const EXPORTS = /^(export|dump|download|backup|extract|pull|copy|cp|save|snapshot)$/;
/** Nouns of a kept copy of a store. */
const BACKUP = /^(backups?|snapshots?|dumps?|archives?)$/;
/** Verbs that bring a kept copy here. */
const BRINGS_DOWN = /^(download|pull|fetch|copy|cp|save|retrieve|export)$/;
/** Options that name an output file. */
const OUTPUT_FILE = /^--?(output-file|out-file|outfile|output-path|out|file|dest|destination|to|target|o|output)$/i;
/** Output formats, not files (`-o json`). */
const FORMAT = /^(json|ya?ml|csv|tsv|table|wide|text|txt|plain|raw|jsonl|ndjson|xml|name|go-template.*|jsonpath.*|markdown|md|pretty)$/i;

interface ReadingLike {
  positionals: readonly { text: string; index: number }[];
  options: readonly { name: string; value?: string; next?: string }[];
  maybeValues: ReadonlySet<number>;
}

function outputFile(inv: Invocation, reading: ReadingLike): string | undefined {
  const redirect = inv.redirects.find((r) => (r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>') && (r.fd === undefined || r.fd === 1) && !r.target.text.startsWith('/dev/'));
  if (redirect) return redirect.target.text;
  return reading.options.filter((o) => OUTPUT_FILE.test(o.name)).map((o) => o.value ?? o.next).find((v) => v !== undefined && !FORMAT.test(v) && /[./]/.test(v) && !/^-{1,2}\w/.test(v));
}

/** Columns about a person: how to reach them, who they are, what they hold. */
const PERSONAL_COLUMN = /^(e_?mail|email_address|phone|phone_number|mobile|address|street|postcode|zip|ssn|national_id|dob|date_of_birth|birth_?date|birthday|full_name|first_name|last_name|passport|iban|card_number|ip_address)$/i;
/** A filter that picks a handful of rows: one id, or a small limit. */
const FEW_ROWS = /\b(where\s+[\w.]*id\s*=|limit\s+\d{1,2}\b|top\s+\d{1,2}\b|fetch\s+first\s+\d{1,2}\b)/i;

/** `email, phone of crm.customers` when a statement selects personal columns of a table, or undefined. */
function personalSelect(text: string): string | undefined {
  const m = /\bselect\s+(?:distinct\s+)?([\w\s.,"`]+?)\s+from\s+([\w."`]+)/i.exec(text.slice(0, 20_000));
  if (!m || FEW_ROWS.test(text)) return undefined;
  const columns = m[1]!.split(',').map((c) => c.trim().split(/\s+/)[0]!.replace(/^.*\./, '').replace(/["`]/g, ''));
  const personal = columns.filter((c) => PERSONAL_COLUMN.test(c));
  return personal.length > 0 ? `${personal.join(', ')} of ${m[2]!.replace(/["`]/g, '')}` : undefined;
}

/** Options that pick some records, not all. */
const PICKS = /^--?(filter|where|query|q|search|id|ids|limit|max|first|last|page-size|per-page|email|name|user|selector|l|match)$/i;

/** The plural people noun a listing verb reads whole (`list identities`, `users ls`), or undefined. */
function listedWhole(reading: ReadingLike, words: readonly string[]): string | undefined {
  const at = words.findIndex((w) => /^(list|ls|get|query|all|export|scan)$/i.test(w));
  if (at < 0 || reading.options.some((o) => PICKS.test(o.name))) return undefined;
  const noun = words.slice(Math.max(0, at - 1), at + 2).find((w) => w !== words[at] && /(s|people|identities)$/i.test(w) && identifierParts(w).some((x) => PEOPLE_DATA.test(x)));
  if (noun === undefined) return undefined;
  // A record named after the noun (`get users 42`) is one record.
  const nounAt = words.indexOf(noun);
  return words.length > Math.max(at, nounAt) + 1 ? undefined : noun;
}

/** Verbs that copy a tree from one place to another. */
const TREE_COPIES = /^(copy|cp|sync|mirror|pull|download|get|rsync|clone)$/i;
/** A remote place as storage tools spell it: `prod:acme-shop/uploads` (rclone's remote), `s3://…`, `gs://…`. */
const REMOTE_PLACE = /^(?:[A-Za-z][\w.-]*:(?!\/\/)\S*|[a-z][a-z0-9+.-]*:\/\/\S+)$/i;
/** A folder of this machine: `./dump`, `.`, `~/x`, `/tmp/x`, `dump`. */
const LOCAL_PLACE = /^(?:\.{1,2}(?:\/\S*)?|~(?:\/\S*)?|\/\S*|[\w.-]+\/?)$/;

/**
 * Stop 37 (round 27: `rclone copy prod:acme-shop ./dump`): a tree copied from a remote place into a folder here,
 * the source naming no single file: the bucket's content copied down whole. Undefined otherwise.
 */
function treeCopiedDown(reading: ReadingLike): { source: string; dest: string } | undefined {
  const plain = reading.positionals.filter((w) => !reading.maybeValues.has(w.index));
  if (plain.length !== 3 || !TREE_COPIES.test(plain[0]!.text)) return undefined;
  const [source, dest] = [plain[1]!.text, plain[2]!.text];
  if (!REMOTE_PLACE.test(source) || REMOTE_PLACE.test(dest) || !LOCAL_PLACE.test(dest)) return undefined;
  // One object by its file name (`prod:acme-shop/logo.png`) is a read of that file.
  if (/\/[^/]*\.[A-Za-z0-9]{1,5}$/.test(source) || holdsPublicFiles(source)) return undefined;
  return { source, dest };
}

/** The finding, or undefined; `reason` says why the target is production. */
export function productionCopy(inv: Invocation, reading: ReadingLike, reason: string): Finding | undefined {
  const words = reading.positionals.filter((w) => !reading.maybeValues.has(w.index) && /^[A-Za-z][\w:-]*$/.test(w.text)).slice(0, 5).map((w) => w.text);
  const parts = words.map((w) => identifierParts(w));
  const target = (name: string): Target => ({ kind: 'database', name, provider: inv.name, remote: true, environment: 'production', environmentReason: reason });
  const backupAt = parts.findIndex((p) => p.some((x) => BACKUP.test(x)));
  const down = parts.findIndex((p, i) => i !== backupAt && p.some((x) => BRINGS_DOWN.test(x)));
  const glued = parts.findIndex((p) => p.length > 1 && p.some((x) => BACKUP.test(x)) && p.some((x) => BRINGS_DOWN.test(x) && !BACKUP.test(x)));
  if ((backupAt >= 0 && down >= 0) || glued >= 0) {
    const shown = [inv.name, ...words.slice(0, Math.max(backupAt, down, glued) + 1)].join(' ');
    return { rule: 'verbs.production-copy', risk: 'credential-dump', severity: 'ask', reason: `\`${shown}\` copies a backup of production to this machine (${reason}): the whole store lands in a file here, outside the place that protects it (${inv.name} has no rules of its own: judged by its words).`, targets: [target(`${inv.name} backup`)] };
  }
  const tree = treeCopiedDown(reading);
  if (tree !== undefined) return { rule: 'verbs.production-copy', risk: 'credential-dump', severity: 'ask', reason: `\`${inv.name} ${words[0] ?? ''}\` copies the whole of ${tree.source}, production by its name, into ${tree.dest} on this machine (${reason}): every file kept there lands where the agent reads it (${inv.name} has no rules of its own: judged by its words).`, targets: [target(tree.source)] };
  const file = outputFile(inv, reading);
  if (file === undefined) return undefined;
  // Round 26: a query that selects personal columns of a table (`SELECT email, phone FROM crm.customers … > customers.csv`).
  const statement = [...reading.positionals.map((w) => w.text), ...reading.options.map((o) => o.value ?? o.next ?? '')].map(personalSelect).find((x) => x !== undefined);
  if (statement !== undefined) return { rule: 'verbs.production-copy', risk: 'credential-dump', severity: 'ask', reason: `\`${inv.name}\` writes ${statement} of production into ${file} (${reason}): personal data lands in a file here, outside the place that protects it (${inv.name} has no rules of its own: judged by its query).`, targets: [target(statement)] };
  // Round 26: a listing of every record of a people noun, nothing filtered (`kratos list identities … > users.json`).
  const listed = listedWhole(reading, words);
  if (listed !== undefined) return { rule: 'verbs.production-copy', risk: 'credential-dump', severity: 'ask', reason: `\`${inv.name} ${words.join(' ')}\` writes every ${listed} record of production into ${file} (${reason}): the data lands in a file here, outside the place that protects it (${inv.name} has no rules of its own: judged by its words).`, targets: [target(listed)] };
  const whole = reading.options.some((o) => /^--?(all|a|all-records|everything)$/.test(o.name)) || words.includes('all') || parts.some((p) => p.some((x) => EXPORTS.test(x)));
  const noun = words.find((w) => identifierParts(w).some((x) => PEOPLE_DATA.test(x)));
  if (!whole || noun === undefined) return undefined;
  return { rule: 'verbs.production-copy', risk: 'credential-dump', severity: 'ask', reason: `\`${inv.name} ${words.join(' ')}\` writes every ${noun} record of production into ${file} (${reason}): the data lands in a file here, outside the place that protects it (${inv.name} has no rules of its own: judged by its words).`, targets: [target(noun)] };
}
