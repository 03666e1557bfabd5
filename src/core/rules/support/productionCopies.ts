import type { Finding, Invocation, Target } from '../../policy/types';
import { identifierParts } from './cliArgs';

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
  const file = outputFile(inv, reading);
  if (file === undefined) return undefined;
  const whole = reading.options.some((o) => /^--?(all|a|all-records|everything)$/.test(o.name)) || words.includes('all') || parts.some((p) => p.some((x) => EXPORTS.test(x)));
  const noun = words.find((w) => identifierParts(w).some((x) => PEOPLE_DATA.test(x)));
  if (!whole || noun === undefined) return undefined;
  return { rule: 'verbs.production-copy', risk: 'credential-dump', severity: 'ask', reason: `\`${inv.name} ${words.join(' ')}\` writes every ${noun} record of production into ${file} (${reason}): the data lands in a file here, outside the place that protects it (${inv.name} has no rules of its own: judged by its words).`, targets: [target(noun)] };
}
