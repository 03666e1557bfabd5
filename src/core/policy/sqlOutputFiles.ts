import type { ParsedCommand } from '../shell/grammar';
import type { DatabaseClient } from '../registry/types';
import type { ArgWord } from './types';

/**
 * Files a database client's statements write on this machine (stop 36, red team round 24): the text
 * of `psql -c`, `duckdb -c`, `mysql -e`, `usql -c` … read for the ways SQL shells send output to a
 * file, so a hook file named inside SQL text is a write like `sqlite3 '.output f'` or `cc -o f`:
 * psql's `\o`/`\out`, `\g`/`\gx FILE`, `\w FILE` and `\copy … to FILE` (client side); mysql's `tee
 * FILE`/`\T FILE`; the dot commands of sqlite3 and duckdb (`.output`, `.once`, `.save`, `.backup`,
 * `.log`, `.excel` aside); `COPY … TO 'file'` (DuckDB writes it here; PostgreSQL's server writes it
 * where the server runs, which may be this machine), `EXPORT DATABASE 'dir'`, `VACUUM INTO 'file'`,
 * `SELECT … INTO OUTFILE|DUMPFILE 'file'`,
 * `writefile('file', …)`, `pg_file_write('file', …)`, `lo_export(oid, 'file')`. Standard output, `|command` and `PROGRAM` are not files.
 */

const FILE = String.raw`('(?:[^']|'')+'|"[^"]+"|[^\s;'"|\\][^\s;\\]*)`;

const WRITES: readonly RegExp[] = [
  new RegExp(String.raw`\\(?:o|out|g|gx|w|write|T)[ \t]+${FILE}`, 'g'),
  new RegExp(String.raw`(?:^|[\n;])[ \t]*tee[ \t]+${FILE}`, 'gi'),
  new RegExp(String.raw`\\copy\b[^\n;]*?\bto[ \t]+(?!(?:stdout|pstdout|program)\b)${FILE}`, 'gi'),
  new RegExp(String.raw`(?:^|[\n;])[ \t]*\.(?:output|once|save|backup|log)[ \t]+(?:(?:-[a-z-]+|main)[ \t]+)*${FILE}`, 'g'),
  new RegExp(String.raw`\bcopy\b[^;]*?\bto[ \t\n]+('(?:[^']|'')+'|"[^"]+")`, 'gi'),
  new RegExp(String.raw`\bexport[ \t\n]+database[ \t\n]+('(?:[^']|'')+'|"[^"]+")`, 'gi'),
  new RegExp(String.raw`\bvacuum\b[^;]*?\binto[ \t\n]+('(?:[^']|'')+'|"[^"]+")`, 'gi'),
  new RegExp(String.raw`\binto[ \t\n]+(?:outfile|dumpfile)[ \t\n]+('(?:[^']|'')+'|"[^"]+")`, 'gi'),
  // Round 27: functions that write a file from a statement (sqlite's and duckdb's `writefile(path, data)`, PostgreSQL's
  // `pg_file_write(path, …)` and `lo_export(oid, path)`).
  new RegExp(String.raw`\b(?:writefile|pg_file_write)[ \t\n]*\([ \t\n]*('(?:[^']|'')+'|"[^"]+")`, 'gi'),
  new RegExp(String.raw`\blo_export[ \t\n]*\([^,()]*,[ \t\n]*('(?:[^']|'')+'|"[^"]+")`, 'gi'),
];

const NOT_A_FILE = /^(stdout|stderr|pstdout|off|-)$/i;

/**
 * Files the statements read on this machine (stop 37, round 27): psql's `\\copy … from FILE`, `\\i`/`\\ir FILE`; `COPY … FROM 'file'`;
 * `pg_read_file('f')`, `pg_read_binary_file`, `lo_import('f')`; MySQL's `LOAD DATA [LOCAL] INFILE 'f'` and `LOAD_FILE('f')`;
 * sqlite's and duckdb's `.read f`, `.import f t`, `readfile('f')`, `read_text('f')`, `read_csv('f')`: what they read lands
 * in a table the agent can read back (a credential file stored elsewhere).
 */
const READS: readonly RegExp[] = [
  new RegExp(String.raw`\\copy\b[^\n;]*?\bfrom[ \t]+(?!(?:stdin|pstdin|program)\b)${FILE}`, 'gi'),
  new RegExp(String.raw`\\(?:i|ir|include|include_relative)[ \t]+${FILE}`, 'g'),
  new RegExp(String.raw`\bcopy\b[^;]*?\bfrom[ \t\n]+('(?:[^']|'')+'|"[^"]+")`, 'gi'),
  new RegExp(String.raw`\b(?:pg_read_file|pg_read_binary_file|lo_import|load_file|readfile|read_text|read_blob|read_csv(?:_auto)?|read_json(?:_auto)?)[ \t]*\([ \t]*('(?:[^']|'')+'|"[^"]+")`, 'gi'),
  new RegExp(String.raw`\bload[ \t\n]+data[ \t\n]+(?:local[ \t\n]+)?infile[ \t\n]+('(?:[^']|'')+'|"[^"]+")`, 'gi'),
  new RegExp(String.raw`(?:^|[\n;])[ \t]*\.(?:read|import)[ \t]+(?:(?:-[a-z-]+)[ \t]+)*${FILE}`, 'g'),
];

/** The files `text` (statements and meta-commands) reads. */
export function sqlReadFiles(text: string): string[] {
  return filesMatched(text, READS);
}

/** The files `text` (statements and meta-commands) writes. */
export function sqlWrittenFiles(text: string): string[] {
  return filesMatched(text, WRITES);
}

/** The file names the patterns capture, unquoted, once each. */
function filesMatched(text: string, patterns: readonly RegExp[]): string[] {
  const out: string[] = [];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const raw = m[1]!;
      const file = /^'.*'$/s.test(raw) ? raw.slice(1, -1).replace(/''/g, "'") : raw.replace(/^"|"$/g, '');
      if (file !== '' && !NOT_A_FILE.test(file) && !out.includes(file)) out.push(file);
    }
  }
  return out;
}

/** The words of a client's statements (its statement options' values and statement operands). */
export function clientStatementWords(parsed: ParsedCommand, client: DatabaseClient): ArgWord[] {
  const words: ArgWord[] = [];
  for (const option of parsed.options) {
    if (!(client.statementOptions ?? []).includes(option.name)) continue;
    option.valueWords.forEach((word, n) => words.push(word.text === option.values[n] ? word : { ...word, text: option.values[n] ?? word.text }));
  }
  if (client.statementOperands !== undefined) words.push(...parsed.operands.slice(client.statementOperands));
  return words;
}
