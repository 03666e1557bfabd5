/**
 * A small SQL reader for the database pack: splits a script into statements (ignoring `;` inside
 * strings, quoted identifiers and comments) and names the statements that destroy data. Not a parser:
 * it looks at each statement's leading keywords, which is what decides destructiveness.
 */

export type SqlEffect = 'destroy' | 'write' | 'read';

export interface SqlStatement {
  /** The statement with comments removed and string literals emptied (`'...'` -> `''`). */
  text: string;
  effect: SqlEffect;
  /** For destroying statements: what is destroyed ("table users", "database app"). */
  object?: string;
  /** The object's bare name (users, app), for targets. */
  objectName?: string;
  objectKind?: 'database' | 'table' | 'schema' | 'other';
  /** A short description: "DROP TABLE users", "DELETE FROM users without WHERE". */
  summary: string;
}

/** Split on top-level `;`, dropping comments and emptying string literals. Bounded by the input length. */
export function splitSql(sql: string): string[] {
  return splitSqlWithSource(sql).map((s) => s.clean);
}

/** Each statement twice: cleaned for classifying, and as written (quotes and literals kept) for showing. */
function splitSqlWithSource(sql: string): { clean: string; written: string }[] {
  const out: { clean: string; written: string }[] = [];
  let cur = '';
  let start = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end;
      // A comment before a statement is not part of it as written.
      if (cur.trim() === '') start = i;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(sql[i - 1] ?? ''))) {
      // MySQL comment; harmless to strip elsewhere since a '#' only appears in strings or comments.
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end;
      if (cur.trim() === '') start = i;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      if (cur.trim() === '') start = i;
      cur += ' ';
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      while (j < n) {
        if (sql[j] === '\\' && sql[j - 1] !== '\\') j += 2;
        else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
        else if (sql[j] === "'") break;
        else j++;
      }
      cur += "''";
      i = j + 1;
      continue;
    }
    if (c === '"' || c === '`') {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? n : end + 1;
      cur += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i, i + 64));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        cur += "''";
        i = end < 0 ? n : end + tag[0].length;
        continue;
      }
    }
    if (c === ';') {
      if (cur.trim() !== '') out.push({ clean: cur.trim(), written: sql.slice(start, i).trim() });
      cur = '';
      i++;
      start = i;
      continue;
    }
    cur += c;
    i++;
  }
  if (cur.trim() !== '') out.push({ clean: cur.trim(), written: sql.slice(start).trim() });
  return out;
}

const READ_START = /^(select|show|explain|describe|desc|with|values|table|pragma|\\|begin|commit|rollback|start|set|use|analyze|vacuum|listen|fetch|declare|close|savepoint|release)\b/i;
const WRITE_START = /^(insert|update|delete|merge|upsert|replace|create|alter|grant|revoke|copy|load|call|do|comment|refresh|reindex|cluster|lock|rename|import)\b/i;

function unquote(name: string): string {
  return name.replace(/^[`"[]|[`"\]]$/g, '');
}

const NAME = '((?:[`"[][^`"\\]]+[`"\\]]|[\\w$.-]+)(?:\\.(?:[`"[][^`"\\]]+[`"\\]]|[\\w$-]+))*)';

/** A WHERE that filters nothing: `WHERE 1=1`, `WHERE true`. */
function hasRealWhere(statement: string): boolean {
  const m = /\bwhere\b([\s\S]*)/i.exec(statement);
  if (!m) return false;
  const cond = (m[1] ?? '').trim().replace(/\s+/g, '').toLowerCase();
  return !/^(1=1|true|'1'='1'|1|0=0)(limit.*|returning.*|orderby.*)?$/.test(cond);
}

export function classifyStatement(text: string): SqlStatement {
  const s = text.replace(/\s+/g, ' ').trim();
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^drop\\s+(database|schema|table|view|materialized view|index|sequence|type|function|procedure|trigger|collection|user|role|owned by|extension|keyspace|tablespace)\\s+(?:if exists\\s+)?${NAME}`, 'i').exec(s))) {
    const kind = (m[1] ?? '').toLowerCase();
    const name = unquote(m[2] ?? '');
    const objectKind = kind === 'database' ? 'database' : kind === 'schema' ? 'schema' : kind === 'table' ? 'table' : 'other';
    return { text: s, effect: 'destroy', object: `${kind} ${name}`, objectName: name, objectKind, summary: `DROP ${kind.toUpperCase()} ${name}` };
  }
  if (/^drop\b/i.test(s)) return { text: s, effect: 'destroy', object: 'objects', summary: s.slice(0, 60) };
  if ((m = new RegExp(`^truncate\\s+(?:table\\s+)?(?:only\\s+)?${NAME}`, 'i').exec(s))) {
    const name = unquote(m[1] ?? '');
    return { text: s, effect: 'destroy', object: `table ${name}`, objectName: name, objectKind: 'table', summary: `TRUNCATE ${name}` };
  }
  if ((m = new RegExp(`^delete\\s+(?:from\\s+)?(?:only\\s+)?${NAME}`, 'i').exec(s))) {
    const name = unquote(m[1] ?? '');
    if (!hasRealWhere(s)) return { text: s, effect: 'destroy', object: `every row of ${name}`, objectName: name, objectKind: 'table', summary: `DELETE FROM ${name} without a WHERE clause` };
    return { text: s, effect: 'write', summary: `DELETE FROM ${name} WHERE ...` };
  }
  if ((m = new RegExp(`^update\\s+(?:only\\s+)?${NAME}\\s+set\\b`, 'i').exec(s))) {
    const name = unquote(m[1] ?? '');
    if (!hasRealWhere(s)) return { text: s, effect: 'destroy', object: `every row of ${name}`, objectName: name, objectKind: 'table', summary: `UPDATE ${name} without a WHERE clause` };
    return { text: s, effect: 'write', summary: `UPDATE ${name} ... WHERE ...` };
  }
  if ((m = new RegExp(`^alter\\s+table\\s+(?:if exists\\s+)?(?:only\\s+)?${NAME}\\s+[\\s\\S]*\\bdrop\\b`, 'i').exec(s))) {
    const name = unquote(m[1] ?? '');
    return { text: s, effect: 'destroy', object: `part of table ${name}`, objectName: name, objectKind: 'table', summary: `ALTER TABLE ${name} ... DROP` };
  }
  if (READ_START.test(s) && !/^with\b[\s\S]*\b(delete|update|insert)\b/i.test(s)) return { text: s, effect: 'read', summary: s.slice(0, 40) };
  if (WRITE_START.test(s) || /^with\b/i.test(s)) return { text: s, effect: 'write', summary: s.slice(0, 40) };
  return { text: s, effect: 'read', summary: s.slice(0, 40) };
}

/**
 * What a block or a prepared statement will run: `DO $$ BEGIN TRUNCATE users; END $$` (its body,
 * quoted text included, since `EXECUTE 'DROP TABLE x'` builds the statement) and `PREPARE p AS DELETE …`.
 */
function withBody(written: string, st: SqlStatement): SqlStatement {
  if (st.effect === 'destroy') return st;
  const s = written.replace(/\s+/g, ' ').trim();
  const prepared = /^prepare\s+\S+?(?:\s*\([^)]*\))?\s+as\s+([\s\S]+)$/i.exec(s);
  if (prepared) {
    const inner = classifyStatement(prepared[1]!);
    return inner.effect === 'destroy' ? { ...inner, text: s, summary: `PREPARE … AS ${inner.summary}` } : st;
  }
  if (/^do\b/i.test(s)) {
    const m = /\b(drop\s+(?:table|database|schema|view|index)\s+(?:if\s+exists\s+)?[\w."]+|truncate\s+(?:table\s+)?[\w."]+|delete\s+from\s+[\w."]+)/i.exec(s);
    if (m) return { text: s, effect: 'destroy', object: `what the DO block runs (${m[1]})`, summary: `DO block: ${m[1]}` };
  }
  return st;
}

/** Every statement of a script, classified. Scripts larger than 1 MB are read up to that size. */
export function scanSql(sql: string): SqlStatement[] {
  return scanSqlAsWritten(sql).map((s) => s.statement);
}

/** Every statement classified, with its text as written: what the confirm dialog shows. */
export function scanSqlAsWritten(sql: string): { written: string; statement: SqlStatement }[] {
  return splitSqlWithSource(sql.length > 1_000_000 ? sql.slice(0, 1_000_000) : sql).map((s) => ({ written: s.written, statement: withBody(s.written, classifyStatement(s.clean)) }));
}

/** Does a string look like SQL (starts with a statement keyword)? For literals inside program code. */
export function looksLikeSql(text: string): boolean {
  return /^\s*(select|insert|update|delete|drop|truncate|alter|create|with|merge|replace)\s/i.test(text);
}

// ---------------------------------------------------------------------------------------------
// MongoDB shell and Redis

export interface CodeEffect {
  summary: string;
  object?: string;
  /** The collection a MongoDB call destroys or empties, for targets. */
  collection?: string;
}

/** Destructive MongoDB shell calls: dropDatabase(), drop(), deleteMany({}), remove({}). */
export function scanMongo(js: string): CodeEffect[] {
  const out: CodeEffect[] = [];
  // A literal pre-check keeps large scripts with no candidate calls off the slower pattern below.
  if (!/drop|deleteMany|remove/.test(js)) return out;
  if (/\.dropDatabase\s*\(/.test(js)) out.push({ summary: 'db.dropDatabase()', object: 'database' });
  for (const m of js.matchAll(/(?:db\.)?(?:getCollection\(\s*['"]([^'"]+)['"]\s*\)|([A-Za-z_][\w]*))\.(drop|deleteMany|remove|dropIndexes)\s*\(\s*(\{\s*\})?\s*\)?/g)) {
    const coll = m[1] ?? m[2] ?? 'collection';
    const op = m[3] ?? '';
    if (coll === 'db' && op !== 'drop') continue;
    const emptyFilter = m[4] !== undefined || new RegExp(`\\.${op}\\s*\\(\\s*\\)`).test(m[0]);
    if (op === 'drop') out.push({ summary: `${coll}.drop()`, object: `collection ${coll}`, collection: coll });
    else if ((op === 'deleteMany' || op === 'remove') && emptyFilter) out.push({ summary: `${coll}.${op}({})`, object: `every document in ${coll}`, collection: coll });
  }
  if (/\.dropCollection\s*\(/.test(js)) out.push({ summary: 'dropCollection()', object: 'collection' });
  return out;
}

/** Redis commands that wipe data: FLUSHALL, FLUSHDB (any case, any line of a script). */
export function scanRedis(commands: string): CodeEffect[] {
  const out: CodeEffect[] = [];
  for (const m of commands.matchAll(/^\s*(flushall|flushdb)\b/gim)) {
    out.push({ summary: (m[1] ?? '').toUpperCase(), object: (m[1] ?? '').toLowerCase() === 'flushall' ? 'every Redis database' : 'the Redis database' });
  }
  return out;
}
