import { callArguments } from '../../shell/frameworkApis';

/**
 * Round 21: an unfiltered export of a whole table (or of every table) is a dump, whatever it is called.
 * Statements a database client runs that write a table out as it is: psql's `\copy users to 'u.csv'`,
 * `COPY users TO STDOUT` / `TO '/tmp/u.parquet'` (PostgreSQL, DuckDB, also with a column list or a
 * `(SELECT … FROM users)` that filters nothing), `SELECT * FROM users INTO OUTFILE` (MySQL,
 * ClickHouse), DuckDB's `EXPORT DATABASE`, MySQL Shell's dump and export utilities (`util.dumpInstance()`,
 * `util.dump_schemas()`, `util export-table` after `--`); and in program code, a driver's copy out
 * (psycopg's `copy_expert('COPY users TO STDOUT', f)`, `copy_to(f, 'users')`, `cursor.copy('COPY … TO
 * STDOUT')`, pg-copy-streams' `copyTo('COPY …')`). A query that filters (`WHERE`, `LIMIT`) is a read.
 */

/** A query that picks rows: it reads some, not the table. */
const FILTERS = /\b(where|limit|fetch\s+first|top\s+\d|tablesample|having|group\s+by|distinct)\b/i;

/** MySQL Shell's dump, export and copy utilities in JavaScript, Python and command-line spelling. */
const SHELL_UTILITIES = /\butil\s*(?:\.\s*(dump(?:Instance|Schemas|Tables)|exportTable|copy(?:Instance|Schemas|Tables))\s*\(|\.\s*(dump_(?:instance|schemas|tables)|export_table|copy_(?:instance|schemas|tables))\s*\(|\s+(dump-(?:instance|schemas|tables)|export-table|copy-(?:instance|schemas|tables))\b)/;

/** The parenthesised query that starts at `open` (an index of `(`), or undefined when it does not close. */
function parenthesised(text: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < text.length && i < open + 20_000; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return undefined;
}

/** What a statement text exports whole, as shown in a reason (`\copy users to`, `util.dumpInstance()`), or undefined. */
export function wholeExportIn(text: string): string | undefined {
  const t = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const util = SHELL_UTILITIES.exec(t);
  if (util) return util[1] !== undefined || util[2] !== undefined ? `util.${util[1] ?? util[2]}()` : `util ${util[3]}`;
  if (/\bexport\s+database\b/i.test(t)) return 'EXPORT DATABASE';
  // `\copy users to …`, `COPY public.users (id, email) TO STDOUT`, `\copy (select * from users) to …`.
  for (const m of t.matchAll(/(\\copy|\bcopy)\s+(\(|[\w."]+(?:\s*\([^)]*\))?\s+to\b)/gi)) {
    const copy = m[1]!.toLowerCase();
    if (m[2] !== '(') return `${copy} ${m[2]!.replace(/\s*\([^)]*\)/, '').replace(/\s+to$/i, '').trim()} to`;
    const query = parenthesised(t, m.index + m[0].length - 1);
    if (query === undefined || FILTERS.test(query)) continue;
    const after = t.slice(m.index + m[0].length - 1 + query.length + 2, m.index + m[0].length + query.length + 20);
    if (/^\s*to\b/i.test(after)) return `${copy} (${query.trim().slice(0, 60)}) to`;
  }
  for (const m of t.matchAll(/\bselect\b[^;]*?\binto\s+(outfile|dumpfile)\b/gi)) if (!FILTERS.test(m[0])) return `SELECT … INTO ${m[1]!.toUpperCase()}`;
  // Round 25: every column of every row of one table (`select * from users`), the read a COPY TO STDOUT is;
  // a column list (`SELECT code, price_cents FROM plans`), a join or anything that filters is a read.
  for (const m of t.matchAll(/\bselect\s+(?:all\s+)?\*\s+from\s+([\w."]+)\s*([^;]*)/gi)) {
    if (!/^(pg_catalog\.|information_schema\.|pg_|sqlite_|mysql\.|sys\.)/i.test(m[1]!) && !FILTERS.test(m[2]!) && !/[,(]|\bjoin\b|\bunion\b/i.test(m[2]!)) return `select * from ${m[1]}`;
  }
  return undefined;
}

/** Copy-out calls of database drivers in program code, with the statement or table they copy. */
const DRIVER_COPIES: readonly RegExp[] = [
  // psycopg2 `copy_expert(sql, file)`, psycopg 3 `cursor.copy(sql)`, pg-copy-streams `copyTo(sql)`, asyncpg `copy_from_query(sql, output=…)`.
  /\b(?:copy_expert|copy|copyTo|copy_from_query)\s*\(\s*[rfb]?(['"`])((?:copy|\\copy|select)\b[\s\S]*?)\1/gi,
  // Round 25: a driver's query of a whole table (`client.query('select * from users')`, `cursor.execute(…)`, `conn.fetch(…)`, `db.all(…)`).
  /\b(?:query|execute|exec|fetch|fetchall|fetch_all|all|raw|unsafe|select_all|exec_query|queryRows)\s*\(\s*[rfb]?(['"`])(select\b[\s\S]*?)\1/gi,
];

/** What program code copies out whole through a driver, or undefined. */
export function driverWholeExport(code: string): string | undefined {
  const t = code.length > 200_000 ? code.slice(0, 200_000) : code;
  for (const re of DRIVER_COPIES) {
    for (const m of t.matchAll(re)) {
      const found = wholeExportIn(m[2]!);
      if (found !== undefined) return found;
    }
  }
  // psycopg2 `cursor.copy_to(file, 'users')` and asyncpg `copy_from_table('users', output=…)`: a whole table.
  for (const m of t.matchAll(/\.(copy_to|copy_from_table)\s*\(/g)) {
    const args = callArguments(t.slice(m.index + m[0].length, m.index + m[0].length + 2000));
    const table = args?.keywords.table ?? args?.positional[m[1] === 'copy_to' ? 1 : 0];
    const name = table === undefined ? undefined : /^['"]([\w.]+)['"]$/.exec(table.trim())?.[1];
    if (name !== undefined) return `${m[1]}('${name}')`;
  }
  return undefined;
}

/**
 * Round 27: a Mongo shell script that reads a whole collection out (`db.users.find().toArray()`,
 * `db.getCollection('orders').find({}).forEach(printjson)`): every document, not the shell's first page. A
 * filter, a projection's limit, `findOne`, a count or a page (`.limit(10)`) is a read.
 */
const MONGO_WHOLE = /\bdb\s*\.\s*(?:(\w+)|getCollection\s*\(\s*['"]([\w.-]+)['"]\s*\))\s*\.\s*find\s*\(\s*(?:\{\s*\}\s*)?\)((?:\s*\.\s*(?:sort|batchSize|noCursorTimeout|readPref|hint|pretty)\s*\([^()]*\))*)\s*\.\s*(toArray|forEach|map)\s*\(/g;

/** What a Mongo shell script exports whole, as shown in a reason (`db.users.find().toArray()`), or undefined. */
export function wholeMongoExportIn(text: string): string | undefined {
  const t = text.length > 200_000 ? text.slice(0, 200_000) : text;
  for (const m of t.matchAll(MONGO_WHOLE)) {
    const collection = m[1] ?? m[2]!;
    if (/^(getSiblingDB|system)/.test(collection)) continue;
    return `db.${collection}.find().${m[4]}()`;
  }
  return undefined;
}

