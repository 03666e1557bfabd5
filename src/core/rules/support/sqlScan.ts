import { bodyStatements, builtTexts, dynamicSqlOf } from './sqlDynamic';
import { alwaysTrue, quietLoss } from './sqlQuietLoss';
import { scanMongoQuiet } from './mongoQuietLoss';
import { keyCriteriaCleared } from './ormMassCalls';

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
    if (c === '\\') {
      // psql's \g, \gx, \gexec, \gset and \gdesc send the query buffer: they end a statement as `;` does.
      const meta = /^\\g(?:exec|x|set|desc)?\b/i.exec(sql.slice(i, i + 8));
      if (meta) {
        cur += meta[0];
        i += meta[0].length;
        out.push({ clean: cur.trim(), written: sql.slice(start, i).trim() });
        cur = '';
        start = i;
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
  return m !== null && !alwaysTrue(m[1] ?? '');
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
  // SQLite's shell: `.restore [DB] FILE` replaces the whole database with a backup file's contents (sqlite.org/cli.html).
  if ((m = /^\.restore\s+(?:(\S+)\s+)?(\S+)$/i.exec(s))) return { text: s, effect: 'destroy', object: 'database', objectKind: 'database', objectName: m[1] ?? 'main', summary: `.restore ${m[2]} (every table of the database is replaced by the file's)` };
  if ((m = new RegExp(`^truncate\\s+(?:table\\s+)?(?:only\\s+)?${NAME}`, 'i').exec(s))) {
    const name = unquote(m[1] ?? '');
    return { text: s, effect: 'destroy', object: `table ${name}`, objectName: name, objectKind: 'table', summary: `TRUNCATE ${name}` };
  }
  if ((m = new RegExp(`^delete\\s+(?:from\\s+)?(?:only\\s+)?${NAME}`, 'i').exec(s))) {
    const name = unquote(m[1] ?? '');
    if (!hasRealWhere(s)) return { text: s, effect: 'destroy', object: `every row of ${name}`, objectName: name, objectKind: 'table', summary: `DELETE FROM ${name} ${/\bwhere\b/i.test(s) ? 'with a WHERE every row passes' : 'without a WHERE clause'}` };
    return { text: s, effect: 'write', summary: `DELETE FROM ${name} WHERE ...` };
  }
  if ((m = new RegExp(`^update\\s+(?:only\\s+)?${NAME}\\s+set\\b`, 'i').exec(s))) {
    const name = unquote(m[1] ?? '');
    if (!hasRealWhere(s)) return { text: s, effect: 'destroy', object: `every row of ${name}`, objectName: name, objectKind: 'table', summary: `UPDATE ${name} ${/\bwhere\b/i.test(s) ? 'with a WHERE every row passes' : 'without a WHERE clause'}` };
    return { text: s, effect: 'write', summary: `UPDATE ${name} ... WHERE ...` };
  }
  if ((m = new RegExp(`^alter\\s+table\\s+(?:if exists\\s+)?(?:only\\s+)?${NAME}\\s+[\\s\\S]*\\bdrop\\b`, 'i').exec(s))) {
    const name = unquote(m[1] ?? '');
    return { text: s, effect: 'destroy', object: `part of table ${name}`, objectName: name, objectKind: 'table', summary: `ALTER TABLE ${name} ... DROP` };
  }
  const lossy = lossyStatement(s) ?? destroyingCall(s) ?? quietLoss(s, classifyStatement);
  if (lossy) return lossy;
  if (READ_START.test(s) && !/^with\b[\s\S]*\b(delete|update|insert)\b/i.test(s)) return { text: s, effect: 'read', summary: s.slice(0, 40) };
  if (WRITE_START.test(s) || /^with\b/i.test(s)) return { text: s, effect: 'write', summary: s.slice(0, 40) };
  return { text: s, effect: 'read', summary: s.slice(0, 40) };
}

/**
 * Statements that lose data without a DROP, TRUNCATE or unscoped DELETE: a table replaced
 * (`CREATE OR REPLACE TABLE`, `INSERT OVERWRITE`), a column rewritten by a cast (`ALTER COLUMN … TYPE …
 * USING`), a table moved to an engine that keeps nothing (`ENGINE=BLACKHOLE`), a partition emptied or a
 * tablespace discarded, the recovery logs purged (`PURGE BINARY LOGS`, `RESET MASTER`, Oracle's
 * `PURGE RECYCLEBIN`), a repair allowed to lose data (`DBCC … REPAIR_ALLOW_DATA_LOSS`).
 */
const CREATE_OR_REPLACE_TABLE = new RegExp(`^create\\s+or\\s+replace\\s+(?:(?:temp|temporary|transient|external|dynamic|iceberg)\\s+)?table\\s+${NAME}`, 'i');
const INSERT_OVERWRITE = new RegExp(`^insert\\s+overwrite\\s+(?:into\\s+|table\\s+)?${NAME}`, 'i');
const ALTER_TABLE = new RegExp(`^alter\\s+table\\s+(?:if exists\\s+)?(?:only\\s+)?${NAME}\\s+([\\s\\S]*)$`, 'i');

function lossyStatement(s: string): SqlStatement | undefined {
  if (!/^(create|insert|alter|purge|reset|dbcc|rename)\b/i.test(s)) return undefined;
  let m: RegExpExecArray | null;
  const destroy = (summary: string, object: string, name?: string): SqlStatement => ({ text: s, effect: 'destroy', object, summary, ...(name !== undefined ? { objectName: name, objectKind: 'table' as const } : {}) });
  if ((m = CREATE_OR_REPLACE_TABLE.exec(s))) {
    const name = unquote(m[1] ?? '');
    return destroy(`CREATE OR REPLACE TABLE ${name} (the existing table and its rows are replaced)`, `table ${name}`, name);
  }
  if ((m = INSERT_OVERWRITE.exec(s))) {
    const name = unquote(m[1] ?? '');
    return destroy(`INSERT OVERWRITE ${name} (every existing row is replaced)`, `every row of ${name}`, name);
  }
  if ((m = ALTER_TABLE.exec(s))) {
    const name = unquote(m[1] ?? '');
    const rest = m[2] ?? '';
    if (/\bengine\s*=?\s*blackhole\b/i.test(rest)) return destroy(`ALTER TABLE ${name} ENGINE=BLACKHOLE (the engine keeps no rows)`, `every row of ${name}`, name);
    if (/\b(alter|modify)\s+(?:column\s+)?[\w"`.]+\s+(?:set\s+data\s+)?type\b[\s\S]*\busing\b/i.test(rest)) return destroy(`ALTER TABLE ${name} ALTER COLUMN … TYPE … USING (every value of the column is rewritten)`, `a column of ${name}`, name);
    if (/\b(truncate|discard)\s+(partition|tablespace|subpartition)\b/i.test(rest)) return destroy(`ALTER TABLE ${name} ${/discard/i.test(rest) ? 'DISCARD TABLESPACE' : 'TRUNCATE PARTITION'}`, `part of table ${name}`, name);
    if (/\bdelete\b\s*(where|$)/i.test(rest)) return destroy(`ALTER TABLE ${name} DELETE`, `rows of ${name}`, name);
  }
  // A table renamed away: everything that reads it by name stops finding it (`ALTER TABLE users RENAME TO users_old`, MySQL `RENAME TABLE a TO b`).
  if ((m = ALTER_TABLE.exec(s)) && /^rename\s+to\b/i.test(m[2] ?? '')) {
    const name = unquote(m[1] ?? '');
    return destroy(`ALTER TABLE ${name} RENAME TO … (everything that reads ${name} stops finding it)`, `table ${name}`, name);
  }
  if ((m = new RegExp(`^rename\\s+tables?\\s+${NAME}\\s+to\\b`, 'i').exec(s))) {
    const name = unquote(m[1] ?? '');
    return destroy(`RENAME TABLE ${name} TO … (everything that reads ${name} stops finding it)`, `table ${name}`, name);
  }
  if (/^purge\s+(binary|master)\s+logs\s+(to|before)\b/i.test(s)) return destroy('PURGE BINARY LOGS (point-in-time recovery from them is lost)', 'the binary logs');
  if (/^reset\s+(master|binary\s+logs\s+and\s+gtids)\s*(to\s+\d+\s*)?$/i.test(s)) return destroy('RESET MASTER (every binary log is deleted)', 'the binary logs');
  if (/^purge\s+(recyclebin|dba_recyclebin|table|index|tablespace)\b/i.test(s)) return destroy(s.slice(0, 60).toUpperCase(), 'dropped objects kept for recovery');
  if (/^dbcc\s+check(db|table|alloc)\b[\s\S]*\brepair_allow_data_loss\b/i.test(s)) return destroy('DBCC … REPAIR_ALLOW_DATA_LOSS', 'rows the repair throws away');
  if (/^alter\s+database\b[\s\S]*\bset\s+recovery\s+simple\b/i.test(s)) return destroy('ALTER DATABASE … SET RECOVERY SIMPLE (the log backup chain ends)', 'point-in-time recovery');
  return undefined;
}

/**
 * A query that destroys through a server function (`SELECT lo_unlink(oid) FROM pg_largeobject_metadata`
 * deletes large objects; `pg_drop_replication_slot` loses a replica's place in the log).
 */
const DESTROYING_FUNCTIONS: readonly [RegExp, string][] = [
  [/\blo_unlink\s*\(/i, 'large objects (lo_unlink)'],
  [/\bpg_drop_replication_slot\s*\(/i, 'a replication slot (pg_drop_replication_slot)'],
];

function destroyingCall(s: string): SqlStatement | undefined {
  if (!/^(select|with|call|perform|execute)\b/i.test(s)) return undefined;
  const hit = DESTROYING_FUNCTIONS.find(([re]) => re.test(s.replace(/'(?:[^']|'')*'/g, "''")));
  return hit ? { text: s, effect: 'destroy', object: hit[1], summary: s.slice(0, 60) } : undefined;
}

/**
 * What a block or a prepared statement will run: `DO $$ BEGIN TRUNCATE users; END $$` (its body,
 * quoted text included, since `EXECUTE 'DROP TABLE x'` builds the statement) and `PREPARE p AS DELETE …`.
 */
/** What the literals of a whole script build: the first destroying statement, and whether any reads as a statement. */
interface ScriptView {
  hidden: SqlStatement | undefined;
  readable: boolean;
}

function withBody(written: string, st: SqlStatement, script: () => ScriptView, depth: number): SqlStatement {
  if (st.effect === 'destroy') return st;
  const s = written.replace(/\s+/g, ' ').trim();
  // A quote escaped inside a program's string literal (`'COPY t TO PROGRAM \'curl …\''`) is the same quote.
  const program = /^\\?copy\b[\s\S]*?\b(to|from)\s+program\s+'((?:[^']|'')*)'/i.exec(s.replace(/\\'/g, "'"));
  if (program) {
    const where = s.startsWith('\\') ? 'this machine' : 'the database server';
    return { text: s, effect: 'destroy', object: `a shell command on ${where}`, summary: `COPY … ${program[1]!.toUpperCase()} PROGRAM, which runs the shell command \`${program[2]!.replace(/''/g, "'").slice(0, 80)}\` on ${where}` };
  }
  const dynamic = depth < 3 ? dynamicSqlOf(written) : undefined;
  if (dynamic) {
    const hidden = hiddenDestroy(dynamic.built, depth);
    if (hidden) return runBy(hidden, s, dynamic.via);
    if (dynamic.unreadable) {
      // The text comes from elsewhere in the script (`SET @s = CONCAT(…); PREPARE st FROM @s`).
      const view = script();
      if (view.hidden) return runBy(view.hidden, s, dynamic.via);
      if (!view.readable) {
        return { text: s, effect: 'destroy', object: 'statements built at run time', summary: `statements built at run time by ${dynamic.via}, which cannot be read in advance` };
      }
    }
  }
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

/** A statement an executor runs, shown as run by it; a name filled in for a placeholder (`x`) is no target. */
function runBy(inner: SqlStatement, text: string, via: string): SqlStatement {
  const named = inner.objectName !== undefined && !/(^|\.)x($|\.)/.test(inner.objectName);
  return { text, effect: 'destroy', object: inner.object ?? 'objects', summary: `${inner.summary} (run by ${via})`, ...(named ? { objectName: inner.objectName, objectKind: inner.objectKind } : {}) };
}

/** The first destroying statement among texts an executor runs. */
function hiddenDestroy(texts: readonly string[], depth: number): SqlStatement | undefined {
  for (const text of texts.slice(0, 50)) {
    const found = scanSqlAsWritten(text, depth + 1).find((w) => w.statement.effect === 'destroy');
    if (found) return found.statement;
    // A block run as text (`EXECUTE IMMEDIATE $$ BEGIN DROP TABLE t; END; $$`).
    if (/^\s*(begin|declare)\b/i.test(text)) {
      const inBlock = bodyStatements(text).map(classifyStatement).find((st) => st.effect === 'destroy');
      if (inBlock) return inBlock;
    }
  }
  return undefined;
}

/** Every statement of a script, classified. Scripts larger than 1 MB are read up to that size. */
export function scanSql(sql: string): SqlStatement[] {
  return scanSqlAsWritten(sql).map((s) => s.statement);
}

/** Every statement classified, with its text as written: what the confirm dialog shows. */
export function scanSqlAsWritten(sql: string, depth = 0): { written: string; statement: SqlStatement }[] {
  const text = sql.length > 1_000_000 ? sql.slice(0, 1_000_000) : sql;
  let view: ScriptView | undefined;
  const script = (): ScriptView => {
    if (view === undefined) {
      const built = builtTexts(text);
      view = { hidden: hiddenDestroy(built, depth), readable: built.some((t) => /^\s*(select|insert|update|delete|create|alter|with|call|grant|vacuum|analyze)\b/i.test(t)) };
    }
    return view;
  };
  return splitSqlWithSource(text).map((s) => ({ written: s.written, statement: withBody(s.written, classifyStatement(s.clean), script, depth) }));
}

/** Does a string look like SQL (starts with a statement keyword)? For literals inside program code. */
export function looksLikeSql(text: string): boolean {
  return /^\s*(select|insert|update|delete|drop|truncate|alter|create|with|merge|replace|copy)\s/i.test(text);
}

// ---------------------------------------------------------------------------------------------
// MongoDB shell and Redis

export interface CodeEffect {
  summary: string;
  object?: string;
  /** The collection a MongoDB call destroys or empties, for targets. */
  collection?: string;
  /** The Redis command a client library call sends (`DEL <every key>`, `CONFIG SET maxmemory 1mb`). */
  command?: string;
  /** Administration (a user dropped or locked, the server stopped with its data saved): the developer's own on this machine, asked on a remote server. */
  administration?: boolean;
  /** The database a `dropDatabase()` names (`db.getSiblingDB('x')`, `use x`), when every drop names the same one. */
  database?: string;
}

/** Destructive MongoDB shell calls: dropDatabase(), drop(), deleteMany({}), remove({}), updateMany({}), and their database commands. */
export function scanMongo(js: string): CodeEffect[] {
  const out: CodeEffect[] = scanMongoQuiet(js);
  // A literal pre-check keeps large scripts with no candidate calls off the slower pattern below.
  if (!/drop|deleteMany|remove|updateMany|delete|shutdown|dropUser/i.test(js)) return out;
  // A filter every document passes (`{ $nor: [] }`, `{ _id: { $type: 'objectId' } }`) is the empty filter (round 18),
  // unless the quiet-loss reading above already named it.
  if (out.length === 0) js = keyCriteriaCleared(js);
  // Stopping the server or dropping a user is administration: the developer's own locally, asked on a remote one (`riskyAdminMongo`).
  if (/\.dropDatabase\s*\(/.test(js)) out.push({ summary: 'db.dropDatabase()', object: 'database', ...droppedDatabaseName(js) });
  for (const m of js.matchAll(/(?:db\.)?(?:getCollection\(\s*['"]([^'"]+)['"]\s*\)|([A-Za-z_][\w]*))\.(drop|deleteMany|remove|dropIndexes|updateMany)\s*\(\s*(\{\s*\})?\s*[,)]?/g)) {
    const coll = m[1] ?? m[2] ?? 'collection';
    const op = m[3] ?? '';
    if (coll === 'db' && op !== 'drop') continue;
    const emptyFilter = m[4] !== undefined || new RegExp(`\\.${op}\\s*\\(\\s*\\)`).test(m[0]);
    if (op === 'drop') out.push({ summary: `${coll}.drop()`, object: `collection ${coll}`, collection: coll });
    else if ((op === 'deleteMany' || op === 'remove') && emptyFilter) out.push({ summary: `${coll}.${op}({})`, object: `every document in ${coll}`, collection: coll });
    else if (op === 'updateMany' && m[4] !== undefined) out.push({ summary: `${coll}.updateMany({}, …)`, object: `every document in ${coll} (rewritten)`, collection: coll });
  }
  if (/\.dropCollection\s*\(/.test(js)) out.push({ summary: 'dropCollection()', object: 'collection' });
  // A collection named at run time: `db[name].drop()`, `db.getCollection(c).drop()`, `db.getCollectionNames().forEach(c => db[c].drop())`.
  const computed = /(?:\]|getCollection\(\s*[A-Za-z_$][\w$.]*\s*\))\s*\.\s*(drop|deleteMany|remove)\s*\(\s*(\{\s*\})?\s*\)/.exec(js);
  if (computed && (computed[1] === 'drop' || computed[2] !== undefined || /\(\s*\)$/.test(computed[0]))) {
    out.push({ summary: `a ${computed[1]}() of collections named at run time`, object: /forEach|for\s*\(|\.map\s*\(/.test(js) ? 'every collection it loops over' : 'a collection named at run time' });
  }
  // Database commands: `db.runCommand({drop: 'users'})`, `{dropDatabase: 1}`, `{delete: 'users', deletes: [{q: {}, limit: 0}]}`.
  // pymongo's `command('dropDatabase')`/`command('drop', 'users')` and PHP's `new Command(["drop" => "users"])` are the same commands.
  const commands = js.replace(/\b(command|Command)\s*\(\s*(?:\[\s*)?(['"])(drop|dropDatabase|dropAllUsersFromDatabase)\2\s*(?:=>\s*|,\s*)?(['"][^'"]*['"]|\w+)?/g, (_m, call: string, _q: string, name: string, value: string | undefined) => `${call}({${name}: ${value ?? '1'}`);
  for (const m of commands.matchAll(/\b(?:runCommand|adminCommand|command|Command)\s*\(\s*\{\s*['"]?(drop|dropDatabase|delete|dropAllUsersFromDatabase)['"]?\s*:\s*(?:['"]([^'"]*)['"]|[\w.]+)/g)) {
    const command = m[1] ?? '';
    const coll = m[2];
    if (command === 'delete' && !/\bq\s*:\s*\{\s*\}/.test(js)) continue;
    out.push({ summary: `runCommand({${command}: …})`, object: command === 'dropDatabase' ? 'database' : command === 'dropAllUsersFromDatabase' ? 'the MongoDB users' : coll !== undefined ? `collection ${coll}` : 'a collection', ...(coll !== undefined && command !== 'dropDatabase' && command !== 'dropAllUsersFromDatabase' ? { collection: coll } : {}), ...(command === 'dropAllUsersFromDatabase' ? { administration: true } : {}) });
  }
  if (/\bdeleteMany\s*:\s*\{\s*filter\s*:\s*\{\s*\}/.test(js)) out.push({ summary: 'bulkWrite deleteMany with an empty filter', object: 'every document of the collection' });
  return out;
}

/** Commands a Lua script sends through `redis.call`/`redis.pcall` (`server.call` in Valkey). */
const SCRIPT_CALL = /\b(?:redis|server)\s*\.\s*p?call\s*\(\s*['"]([A-Za-z.]+)['"]/g;

/** Server settings whose value turns durability off: the data lives only in memory until the next restart. */
function durabilityOff(words: readonly string[]): string | undefined {
  // The shell drops the quotes of `save ""`: `save` followed by nothing or by the next setting's name is the empty value.
  for (let i = 2; i < words.length; i += 2) {
    const name = (words[i] ?? '').toLowerCase();
    const value = (words[i + 1] ?? '').replace(/^(['"])(.*)\1$/, '$2').trim().toLowerCase();
    if (name === 'appendonly' && /^(no|false|0)$/.test(value)) return 'CONFIG SET appendonly no';
    if (name === 'save' && value === '') return 'CONFIG SET save ""';
    if (name === 'save' && /^[a-z][a-z-]*$/.test(value)) {
      if (value !== 'save') return 'CONFIG SET save ""';
      i -= 1;
    }
  }
  return undefined;
}

/**
 * Redis commands that wipe data (any case, any line of a script): FLUSHALL and FLUSHDB, also inside a
 * Lua script (`EVAL "redis.call('FLUSHALL')" 0`, `SCRIPT LOAD`, `FUNCTION LOAD`) or sent to every node
 * (`--cluster call host:port FLUSHALL`); a script deleting the keys a pattern matches; `REPLICAOF host
 * port`, which replaces the whole dataset with another server's; and durability switched off
 * (`CONFIG SET appendonly no`, `CONFIG SET save ""`).
 */
/**
 * Administration that loses the server or its data without deleting a key: SHUTDOWN, CONFIG SET dir or
 * dbfilename (the next save goes elsewhere, and the file the server restarts from is not this data),
 * ACL DELUSER (the applications' users go), CLUSTER RESET, FUNCTION/SCRIPT FLUSH, SWAPDB.
 */
function redisAdmin(command: string, words: readonly string[]): CodeEffect | undefined {
  const sub = (words[1] ?? '').toUpperCase();
  if (command === 'SHUTDOWN') return { summary: `SHUTDOWN${words[1] ? ' ' + words[1].toUpperCase() : ''} (the server stops${/nosave/i.test(words.join(' ')) ? ' without saving' : ''})`, object: 'the Redis server', ...(/nosave|abort/i.test(words.join(' ')) ? {} : { administration: true }) };
  if (command === 'CONFIG' && sub === 'SET' && /^(dir|dbfilename|appenddirname|appendfilename)$/i.test(words[2] ?? '')) return { summary: `CONFIG SET ${words[2]} (the dataset is saved to and restored from another file)`, object: 'the Redis persistence' };
  if (command === 'ACL' && sub === 'DELUSER') return { summary: `ACL DELUSER ${words.slice(2).join(' ')} (clients using these users are locked out)`, object: 'Redis users', administration: true };
  if (command === 'CLUSTER' && sub === 'RESET') return { summary: 'CLUSTER RESET (the node forgets the cluster; HARD also its data)', object: 'the Redis cluster node' };
  if ((command === 'FUNCTION' || command === 'SCRIPT') && sub === 'FLUSH') return { summary: `${command} FLUSH`, object: `every Redis ${command === 'FUNCTION' ? 'function library' : 'cached script'}` };
  if (command === 'SWAPDB') return { summary: `SWAPDB ${words.slice(1, 3).join(' ')} (clients see another database's keys)`, object: 'two Redis databases' };
  return redisLockoutOrOutage(command, sub, words);
}

/** ACL SETUSER rules that lock a user out or strip it: disabled, reset, passwords removed, every command or key taken away. */
const ACL_LOCKOUT = /^(off|reset|resetpass|nopass|resetkeys|resetchannels|nocommands|-@all|<\S+|!\S+)$/i;
/** DEBUG subcommands that stop, crash, block or reload the server. */
const DEBUG_OUTAGE = /^(SEGFAULT|PANIC|SLEEP|RELOAD|RESTART|CRASH-AND-RECOVER|OOM|SET-ACTIVE-EXPIRE|POPULATE|JMAP|DROP-CLUSTER-PACKET-FILTER|CLOSE-CLUSTER-LINK-ON-PACKET-DROP)$/;

/**
 * Administration that locks clients out, stops the service or hands the server to someone else:
 * ACL SETUSER rules that disable or strip a user (`ACL SETUSER default off`), CONFIG SET requirepass
 * (every client without the new password is refused) or protected-mode/bind opened, DEBUG SEGFAULT /
 * SLEEP / RELOAD, CLIENT KILL and PAUSE, CLUSTER FAILOVER / FORGET / DELSLOTS / FLUSHSLOTS, FAILOVER,
 * and MODULE LOAD (native code loaded into the server).
 */
function redisLockoutOrOutage(command: string, sub: string, words: readonly string[]): CodeEffect | undefined {
  const rest = words.slice(2).join(' ');
  if (command === 'ACL' && sub === 'SETUSER' && (words.slice(3).some((w) => ACL_LOCKOUT.test(w.replace(/^(['"])(.*)\1$/, '$2'))))) {
    return { summary: `ACL SETUSER ${rest} (clients using ${words[2] ?? 'that user'} are locked out or lose their rights)`, object: 'Redis users', administration: true };
  }
  if (command === 'CONFIG' && sub === 'SET') {
    const name = (words[2] ?? '').toLowerCase();
    if (name === 'requirepass' || name === 'masterauth') return { summary: `CONFIG SET ${name} (every client${name === 'masterauth' ? ' replica' : ''} without the new password is refused)`, object: 'the Redis server', administration: true };
    if ((name === 'protected-mode' && /^no$/i.test(words[3] ?? '')) || (name === 'bind' && /(^|\s)(0\.0\.0\.0|\*|::)(\s|$)/.test(words.slice(3).join(' ')))) return { summary: `CONFIG SET ${name} ${words.slice(3).join(' ')} (the server accepts connections from anywhere)`, object: 'the Redis server' };
  }
  if (command === 'DEBUG' && DEBUG_OUTAGE.test(sub)) return { summary: `DEBUG ${sub}${words[2] ? ' ' + words[2] : ''} (the server crashes, blocks or reloads)`, object: 'the Redis server' };
  if (command === 'CLIENT' && (sub === 'KILL' || sub === 'PAUSE')) return { summary: `CLIENT ${sub} ${rest} (${sub === 'KILL' ? 'connected clients are cut off' : 'every client is blocked'})`.replace(' ()', ''), object: 'the Redis clients' };
  if (command === 'CLUSTER' && /^(FAILOVER|FORGET|DELSLOTS|DELSLOTSRANGE|FLUSHSLOTS)$/.test(sub)) return { summary: `CLUSTER ${sub} ${rest}`.trim() + ' (the cluster loses a node or its slots)', object: 'the Redis cluster' };
  if (command === 'FAILOVER' && !/^ABORT$/i.test(words[1] ?? '')) return { summary: 'FAILOVER (a replica takes over as primary)', object: 'the Redis server' };
  // A Sentinel told to forget, reset or fail over a primary it watches (redis.io/docs/latest/operate/oss_and_stack/management/sentinel/): nothing fails it over later, or a replica takes over now.
  if (command === 'SENTINEL' && /^(REMOVE|RESET|FAILOVER|SET|CONFIG)$/.test(sub) && !(sub === 'CONFIG' && /^GET$/i.test(words[2] ?? ''))) return { summary: `SENTINEL ${sub} ${rest}`.trim() + (sub === 'FAILOVER' ? ' (a replica takes over as primary)' : ' (the Sentinels stop watching or change how they fail over that primary)'), object: 'the Redis Sentinel', administration: true };
  if (command === 'MODULE' && (sub === 'LOAD' || sub === 'LOADEX')) return { summary: `MODULE ${sub} ${words[2] ?? ''} (native code runs inside the server)`.replace('  ', ' '), object: 'the Redis server' };
  return undefined;
}

/** The administration effect of one Redis command line (lockout, outage, persistence moved or turned off, dataset replaced), for raw-socket payloads. */
export function redisAdminLine(line: string): CodeEffect | undefined {
  const words = line.trim().split(/\s+/);
  const command = (/^[A-Za-z_.]+/.exec(line.trim())?.[0] ?? '').toUpperCase();
  if ((command === 'REPLICAOF' || command === 'SLAVEOF') && words[1] !== undefined && !/^no$/i.test(words[1])) return { summary: `${command} ${words[1]}`, object: 'every Redis database' };
  const admin = redisAdmin(command, words);
  if (admin) return admin;
  const off = command === 'CONFIG' && /^set$/i.test(words[1] ?? '') ? durabilityOff(words) : undefined;
  return off ? { summary: off, object: 'the Redis persistence' } : undefined;
}

export function scanRedis(commands: string): CodeEffect[] {
  const out: CodeEffect[] = [];
  for (const raw of commands.split(/\r?\n/).slice(0, 10_000)) {
    // `redis-cli --cluster call host:port CMD …` runs CMD on every node.
    const line = raw.trim().replace(/^(?:call\s+)?[\w.-]+:\d+\s+(?=\S)/i, '');
    const words = line.split(/\s+/);
    const command = (/^[A-Za-z_.]+/.exec(line)?.[0] ?? '').toUpperCase();
    if (command === 'FLUSHALL' || command === 'FLUSHDB') {
      out.push({ summary: command, object: command === 'FLUSHALL' ? 'every Redis database' : 'the Redis database' });
      continue;
    }
    // Lua concatenation of literals (`'FLUS'..'HALL'`) is the literal it builds.
    const folded = line.replace(/(['"])([^'"]*)\1\s*\.\.\s*(['"])([^'"]*)\3/g, "'$2$4'").replace(/(['"])([^'"]*)\1\s*\.\.\s*(['"])([^'"]*)\3/g, "'$2$4'");
    const called = [...folded.matchAll(SCRIPT_CALL)].map((m) => (m[1] ?? '').toUpperCase());
    const wipe = called.find((c) => c === 'FLUSHALL' || c === 'FLUSHDB');
    if (wipe) {
      out.push({ summary: `a script running ${wipe}`, object: wipe === 'FLUSHALL' ? 'every Redis database' : 'the Redis database' });
      continue;
    }
    if (called.some((c) => c === 'DEL' || c === 'UNLINK') && called.some((c) => c === 'KEYS' || c === 'SCAN')) {
      out.push({ summary: 'a script deleting every key a pattern matches', object: 'the keys the pattern matches' });
      continue;
    }
    if ((command === 'REPLICAOF' || command === 'SLAVEOF') && words[1] !== undefined && !/^no$/i.test(words[1])) {
      out.push({ summary: `${command} ${words[1]} (the dataset is replaced with that server's)`, object: 'every Redis database' });
      continue;
    }
    const admin = redisAdmin(command, words);
    if (admin) {
      out.push(admin);
      continue;
    }
    // A script whose command name is built at run time (`redis.call(cmd)`, `redis.call(string.reverse('LLAHSULF'))`).
    if (/^(EVAL|EVALSHA|EVAL_RO|FCALL|SCRIPT|FUNCTION)$/.test(command) && /\b(?:redis|server)\s*\.\s*p?call\s*\(\s*(?!['"][A-Za-z.]+['"]\s*[,)])/.test(folded)) {
      out.push({ summary: 'a script calling a command whose name is built at run time', object: 'whatever that command destroys' });
      continue;
    }
    // Memory capped near nothing: the server evicts (or refuses) keys at once.
    if (command === 'CONFIG' && /^set$/i.test(words[1] ?? '') && /^maxmemory$/i.test(words[2] ?? '') && /^(\d{1,6}|\d{1,3}kb?|\d{1,3}k)$/i.test(words[3] ?? '') && !/^0$/.test(words[3] ?? '')) {
      out.push({ summary: `CONFIG SET maxmemory ${words[3]} (keys are evicted until the data fits)`, object: 'the Redis keys' });
      continue;
    }
    // A script's own calls (`EVAL "redis.call('CONFIG','SET','requirepass','x')" 0`): each call's words, as a command line.
    const scripted = [...line.matchAll(/\b(?:redis|server)\s*\.\s*p?call\s*\(([^)]*)\)/g)].map((m) => [...(m[1] ?? '').matchAll(/['"]([^'"]*)['"]/g)].map((q) => q[1] ?? '').join(' ')).map(redisAdminLine).find((e) => e !== undefined);
    if (scripted) {
      out.push({ ...scripted, summary: `a script running ${scripted.summary}` });
      continue;
    }
    if (command === 'CONFIG' && /^set$/i.test(words[1] ?? '')) {
      const off = durabilityOff(words);
      if (off) out.push({ summary: `${off} (durability off: what is in memory is lost on the next restart)`, object: 'the Redis persistence' });
    }
  }
  return out;
}

/** `db.getSiblingDB("x").dropDatabase()` or `use x` before it: the one database dropped, when the script names no other. */
function droppedDatabaseName(js: string): { database?: string } {
  const names = new Set([...js.matchAll(/getSiblingDB\(\s*['"]([\w-]+)['"]\s*\)|(?:^|[\n;])\s*use\s+([\w-]+)/g)].map((m) => m[1] ?? m[2]!));
  const computed = /getSiblingDB\(\s*[^'"\s]/.test(js);
  return names.size === 1 && !computed ? { database: [...names][0]! } : {};
}
