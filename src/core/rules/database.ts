import type { CodeSnippet, Facts, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { resolvePath } from '../paths';
import { redactUrl } from '../policy/production';
import { commandNode, readingsOf, toolArgs, toolNamed, toolNamesOf } from '../registry/commandModel';
import type { DatabaseClient, ToolArgs } from '../registry/types';
import { echoedText } from './support/commandLine';
import { interpolatePsql, psqlVariables, withMetaSets, withOwnSets } from './support/psqlVariables';
import { throughTunnel } from './support/sshTunnels';
import { looksLikeSql, scanMongo, scanRedis, scanSql, scanSqlAsWritten, type CodeEffect, type SqlStatement } from './support/sqlScan';
import { anyHostAdmins, clientHostInCode, redisCodeCalls, redisKeyDeletes, riskyAdminMongo, riskyAdminRedis, riskyAdminSql, scopedMongoChanges, scopedSqlChanges } from './support/productionWrites';
import { serverSecretReads } from './support/serverSecretReads';
import { localScratchObject, localTestDatabase, memoryOnlyStore, namedLoopbackRedis } from './support/testDatabases';
import { DRIVER_CALL, driverSqlInputs, opaqueDriverInput } from './support/driverSqlInputs';
import { assignment, connection, DB_SELECTORS, destroyFinding, runtimeOf, targetFor, urlLike, type Connection, type Work } from './support/databaseConnection';
import { frameworkReset, RESET_TOOLS } from './databaseResets';
import { loadedEnvironment } from './support/injectedSecrets';
import { keyspaceWalk, redisAdminRead, replicationCopy } from './support/redisAdminReads';

/**
 * Databases: SQL that drops, truncates or empties tables (through psql, mysql, sqlite3 and SQL inside
 * programs), MongoDB and Redis wipes, dropdb, and the reset commands of ORMs and frameworks.
 * Where the database lives comes from the URL, -h/--host, PG* variables and the framework's
 * environment; no host means this machine (a unix socket or localhost default). Read-only work
 * against a production database is recorded as production access and allowed.
 */

export type { Connection, Engine, Work } from './support/databaseConnection';

export function readScript(inv: Invocation, facts: Facts, path: string): string | undefined {
  return facts.readFile(resolvePath(inv.cwd, path, facts.home));
}

/** Text arriving on standard input: a heredoc, a here-string, a file (`< x.sql`) or what echo/cat/printf pipe in. */
export function stdinText(inv: Invocation, facts: Facts): { text?: string; opaque?: string } {
  const s = inv.stdin;
  if (!s) {
    const fromRedirect = inv.redirects.find((r) => r.op === '<');
    if (fromRedirect) {
      const text = readScript(inv, facts, fromRedirect.target.text);
      return text === undefined ? { opaque: `reads statements from ${fromRedirect.target.text}, which could not be read` } : { text };
    }
    const here = inv.redirects.find((r) => r.op === '<<<');
    return here ? { text: here.target.text } : {};
  }
  if (s.kind === 'heredoc' || s.kind === 'herestring') return { text: s.text };
  if (s.kind === 'file') {
    const text = readScript(inv, facts, s.path);
    return text === undefined ? { opaque: `reads statements from ${s.path}, which could not be read` } : { text };
  }
  const from = s.from;
  if (from.name === 'echo' || from.name === 'printf') return { text: echoedText(from) };
  if (from.name === 'cat' && from.args.length > 0) {
    const texts = from.args.map((a) => readScript(from, facts, a.text));
    if (texts.every((t) => t !== undefined)) return { text: texts.join('\n') };
    return { opaque: `reads statements piped from cat ${from.args.map((a) => a.text).join(' ')}` };
  }
  return { opaque: `reads statements piped from ${from.name}` };
}

// ---------------------------------------------------------------------------------------------
// Clients

/** One reading of a client's command line, through its registry entry, and where its statements come from. */
interface ClientArgs {
  a: ToolArgs;
  client: DatabaseClient;
  operands: string[];
}

/** Statements given on the command line: the entry's statement options and operands. */
function inlineStatements({ a, client }: ClientArgs): string[] {
  const out = a.values(...(client.statementOptions ?? []));
  const operands = a.parsed.operands.map((w) => w.text);
  if (client.statementOperands !== undefined) out.push(...operands.slice(client.statementOperands));
  if (client.commandOperands !== undefined && operands.length > client.commandOperands) out.push(operands.slice(client.commandOperands).join(' '));
  return out;
}

function psql(inv: Invocation, facts: Facts, c: ClientArgs): Work {
  const { a, operands } = c;
  const dbArg = a.value('-d') ?? operands[0];
  const url = dbArg !== undefined && urlLike(dbArg) ? dbArg : undefined;
  const hostFlag = a.value('-h');
  const pgHost = assignment(inv, facts, 'PGHOST');
  const conn = connection('postgres', {
    runtime: runtimeOf(inv.args, [dbArg, hostFlag]),
    url,
    host: hostFlag ?? pgHost,
    hostSource: hostFlag !== undefined ? '-h' : pgHost !== undefined ? 'PGHOST' : undefined,
    database: url === undefined ? dbArg ?? assignment(inv, facts, 'PGDATABASE') : undefined,
    defaultLocal: true,
  });
  const inline = inlineStatements(c);
  const vars = withMetaSets(psqlVariables(a.values('-v')), inline);
  return withOwnSets(vars, gatherStatements(inv, facts, conn, inline.map((t) => interpolatePsql(t, vars)), a.values(...(c.client.fileOptions ?? []))));
}

function gatherStatements(inv: Invocation, facts: Facts, conn: Connection, inline: string[], files: string[], kind: 'sql' | 'mongo' | 'redis' = 'sql'): Work {
  // A statement that is wholly a run-time value (`-c "$1"`, `-e "$(cat x)"`) cannot be read.
  const unknown = inline.filter((t) => /^\s*(\$\{?[\w@*#?]+\}?|\$\(.*\)|`.*`)\s*$/s.test(t));
  const texts = inline.filter((t) => !unknown.includes(t));
  let opaque: string | undefined = unknown.length > 0 ? `runs statements only known at run time (${unknown[0]!.trim().slice(0, 40)})` : undefined;
  for (const f of files.filter((x) => x !== '-')) {
    const text = readScript(inv, facts, f);
    if (text === undefined) opaque = `runs statements from ${f}, which could not be read`;
    else texts.push(text);
  }
  const usesStdin = texts.length === 0 || files.includes('-');
  if (usesStdin) {
    const s = stdinText(inv, facts);
    if (s.text !== undefined) texts.push(s.text);
    else if (s.opaque) opaque = s.opaque;
  }
  if (kind === 'sql') {
    // Client commands that run another file's statements (psql `\i`, mysql `source`, sqlite `.read`, SQL*Plus `@`/`START`)
    // or a shell command (psql `\!`, mysql `\!`/`system`, sqlite `.shell`/`.system`), one level deep.
    for (const text of texts.slice()) {
      for (const m of text.matchAll(/(?:^|\n|\\\\|;|-c\s)\s*(?:(?:\\i|\\ir|\\include|\\include_relative|\\\.|source|\.read|start(?!\s+(?:transaction|slave|replica|group_replication)\b))\s+|@@?(?=[\w./~{$]))(['"]?)([^\s'";]+)\1/gi)) {
        const included = readScript(inv, facts, m[2]!);
        if (included === undefined) opaque = `runs statements from ${m[2]}, which could not be read`;
        else texts.push(included);
      }
      if (/(?:^|\n|;)\s*(?:\\!|system\s|\.shell\s|\.system\s)/i.test(text)) opaque = 'runs a shell command from the database client (\\! or .shell), which is not read here';
    }
  }
  return { connection: conn, sql: kind === 'sql' ? texts : [], mongo: kind === 'mongo' ? texts : [], redis: kind === 'redis' ? texts : [], opaqueInput: opaque };
}

function mysql(inv: Invocation, facts: Facts, c: ClientArgs): Work {
  const { a, operands } = c;
  const hostFlag = a.value('-h');
  const envHost = assignment(inv, facts, 'MYSQL_HOST');
  const conn = connection('mysql', {
    host: hostFlag ?? envHost,
    hostSource: hostFlag !== undefined ? '-h' : envHost !== undefined ? 'MYSQL_HOST' : undefined,
    database: a.value('-D') ?? operands[0],
    defaultLocal: true,
  });
  return gatherStatements(inv, facts, conn, inlineStatements(c), []);
}

function sqlite(inv: Invocation, facts: Facts, c: ClientArgs): Work {
  const file = c.operands[0];
  const conn: Connection = { engine: 'sqlite', name: file ?? 'an in-memory database', remote: false, values: [], sources: [] };
  const work = gatherStatements(inv, facts, conn, inlineStatements(c), c.a.values(...(c.client.fileOptions ?? [])));
  // DuckDB's and SQLite's `ATTACH 'postgres://…' AS p`, or a libpq string with `(TYPE postgres)` (`ATTACH 'host=db.prod… dbname=app' AS p
  // (TYPE postgres)`, round 21): the statements reach the attached database.
  const attached = work.sql.map((t) => /\battach\s+(?:database\s+)?(?:if\s+not\s+exists\s+)?'([a-z][\w+.-]*:\/\/[^']+|[^']*\bhost=[^']+)'/i.exec(t)?.[1]).find((u) => u !== undefined);
  if (attached === undefined) return work;
  const host = urlLike(attached) && !/^[a-z][\w+.-]*:\/\//i.test(attached) ? /\bhost=([^\s']+)/.exec(attached)?.[1] : undefined;
  const into = host !== undefined ? connection('database', { host, hostSource: 'host=', database: /\bdbname=([^\s']+)/.exec(attached)?.[1], defaultLocal: false }) : { ...connection('database', { url: attached, defaultLocal: false }), name: redactUrl(attached) };
  return { ...work, sql: work.sql.map((t) => t.replace(/\battach\s[^;]*;?/gi, '')), connection: into };
}

function mongosh(inv: Invocation, facts: Facts, c: ClientArgs): Work {
  const { a, operands } = c;
  const uri = operands.find((t) => urlLike(t) || /^[\w.-]+(:\d+)?\/\w+$/.test(t) || /^\$\{?\w+\}?$/.test(t));
  const files = [...a.values(...(c.client.fileOptions ?? [])), ...operands.filter((t) => t.endsWith('.js'))];
  const hostFlag = a.value('--host');
  const conn = connection('mongodb', {
    runtime: runtimeOf(inv.args, [uri, hostFlag]),
    url: uri !== undefined && urlLike(uri) ? uri : undefined,
    host: hostFlag ?? (uri !== undefined && !urlLike(uri) ? uri.split('/')[0] : undefined),
    hostSource: hostFlag !== undefined ? '--host' : undefined,
    database: uri !== undefined && !urlLike(uri) ? uri.split('/')[1] : undefined,
    defaultLocal: true,
  });
  return gatherStatements(inv, facts, conn, inlineStatements(c), files, 'mongo');
}

/** Commands whose last argument is a script: with `-x` standard input is that script. */ const REDIS_SCRIPT_COMMANDS = /^(eval|eval_ro|script\s+load|function\s+load)\b/i;

function redisCli(inv: Invocation, facts: Facts, c: ClientArgs): Work {
  const { a } = c;
  const hostFlag = a.value('-h');
  const conn = connection('redis', {
    url: a.value('-u'),
    host: hostFlag,
    hostSource: hostFlag !== undefined ? '-h' : undefined,
    database: a.value('-n'),
    dbSource: '-n',
    defaultLocal: true,
  });
  // `--scan` with no pattern: every key name, judged with the commands (redisAdminReads.ts); counted (`| wc -l`), no name is shown.
  const copy = replicationCopy(a.has('--replica', '--slave'), a.value('--rdb'));
  const inline = [...inlineStatements(c), ...((w) => (inv.pipedInto !== 'wc' && w !== undefined ? [w] : []))(keyspaceWalk((o) => a.has(o), a.has('--scan'), a.value('--pattern', '--quoted-pattern'))), ...(copy ? [copy] : [])];
  const command = inline[0];
  if (command !== undefined && c.client.stdinArgument !== undefined && a.has(c.client.stdinArgument) && REDIS_SCRIPT_COMMANDS.test(command)) {
    const s = stdinText(inv, facts);
    if (s.text !== undefined) inline.push(s.text);
  }
  const work = gatherStatements(inv, facts, conn, inline, a.values(...(c.client.fileOptions ?? [])), 'redis');
  // Lua run by the server (EVAL, --eval, a script on standard input) runs commands of its own.
  const called = work.redis.flatMap((t) => [...t.matchAll(/redis\.p?call\(\s*['"]([\w.]+)['"]/gi)].map((m) => m[1]!));
  return called.length > 0 ? { ...work, redis: [...work.redis, called.join('\n')] } : work;
}

/** Other SQL shells: the server by an option (sqlcmd `-S server[,port]`, `--url`, `--server`) or operand (SQL*Plus `user/pw@connect`: after the `@`), `-d db`, statements and files (options, `@file` operands). */
function sqlcmd(inv: Invocation, facts: Facts, c: ClientArgs): Work {
  const option = (c.client.serverOptions ?? []).find((o) => c.a.has(o));
  const pre = c.client.fileOperandPrefix;
  const end = c.client.apiAfterEndOfOptions === true ? c.a.parsed.endOfOptions : undefined;
  const api = end === undefined ? [] : c.a.parsed.operands.filter((_, i) => c.a.parsed.operandIndexes[i]! > end).map((w) => w.text);
  const operands = c.operands.slice(0, c.operands.length - api.length).filter((t) => pre === undefined || !t.startsWith(pre));
  const server = (option !== undefined ? c.a.value(option) : undefined) ?? (c.client.hostOperand !== undefined ? operands[c.client.hostOperand] : undefined);
  const url = server !== undefined && urlLike(server) ? server : undefined;
  const host = url === undefined ? server?.replace(/^(tcp|np|lpc):/i, '').split(/[,\\]/)[0]!.split('@').pop()?.replace(/^\/\/([^/:]+)[:/].*$/, '$1') : undefined;
  const conn = connection('database', { url, host, hostSource: option ?? 'host', database: c.a.value('-d'), defaultLocal: c.client.hosted !== true, runtime: runtimeOf(inv.args, [server]) });
  const files = c.operands.slice(0, c.operands.length - api.length).filter((t) => !operands.includes(t)).map((t) => t.slice(pre!.length).replace(/^@/, ''));
  return gatherStatements(inv, facts, conn, [...inlineStatements(c), ...(api.length > 0 ? [api.join(' ')] : [])], [...c.a.values(...(c.client.fileOptions ?? [])), ...files]);
}

type ClientReader = (inv: Invocation, facts: Facts, c: ClientArgs) => Work;

const READERS: Record<DatabaseClient['engine'], ClientReader> = { postgres: psql, mysql, sqlite, mongodb: mongosh, redis: redisCli, database: sqlcmd };

/** A client given no statements, file or standard input, and no option that does one thing and exits (`psql -l`): an interactive shell. */
function promptOf(work: Work, inv: Invocation, c: ClientArgs): Work {
  const fed = work.sql.length + work.mongo.length + work.redis.length > 0 || work.opaqueInput !== undefined || inv.stdin !== undefined || inv.redirects.some((r) => r.op.startsWith('<'));
  return fed || c.a.has(...(c.client.noPrompt ?? [])) ? work : { ...work, interactive: true };
}

/** Each reading of a client's command line (two when an option the entry does not know may take a value), as the work it runs. */
function clientWorks(inv: Invocation, facts: Facts): Work[] | undefined {
  const spec = toolNamed(inv.name);
  if (!spec || (!spec.client && !spec.commands)) return undefined;
  const works = readingsOf(inv.args, spec).flatMap((parsed) => {
    const client = commandNode(parsed).client ?? spec.client;
    const c = client && { a: toolArgs(inv.name, parsed, spec), client, operands: parsed.operands.map((w) => w.text) };
    return c ? [throughTunnel(promptOf(READERS[c.client.engine](inv, facts, c), inv, c), inv, c.a)] : [];
  });
  return works.length > 0 ? works : undefined;
}

// ---------------------------------------------------------------------------------------------
// Findings

function sqlFindings(statements: SqlStatement[], conn: Connection, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const st of statements) {
    if (st.effect !== 'destroy') continue;
    // A test database on this machine is dropped and recreated by every test setup.
    if (localScratchObject(conn.remote, st.objectKind, st.objectName)) continue;
    const object = st.objectName && st.objectKind ? { kind: st.objectKind, name: st.objectName } : undefined;
    const targets = [targetFor(conn, ctx, object)];
    if (object && object.kind !== 'database') targets.push(targetFor(conn, ctx));
    out.push(destroyFinding('sql-destroy', `Runs ${st.summary} on ${conn.name}.`, targets));
    if (out.length >= 10) break;
  }
  return out;
}

function effectFindings(rule: string, effects: CodeEffect[], conn: Connection, ctx: RuleContext): Finding[] {
  return effects.slice(0, 10).map((e) => {
    const targets = e.collection && e.collection !== 'collection' ? [targetFor(conn, ctx, { kind: 'table', name: e.collection }), targetFor(conn, ctx)] : [targetFor(conn, ctx)];
    return destroyFinding(rule, `Runs ${e.summary} on ${conn.name}${e.object && !e.object.startsWith('the ') ? ` (${e.object})` : ''}.`, targets);
  });
}

function productionAccess(conn: Connection, ctx: RuleContext, wrote: boolean): Finding[] {
  const target = targetFor(conn, ctx);
  if (target.environment !== 'production') return [];
  return [{ rule: 'database.production-access', risk: 'production-access', severity: 'info', reason: `${wrote ? 'Writes to' : 'Reads from'} the production database ${conn.name}.`, targets: [target] }];
}

/** Scoped deletes and updates: routine on a development database, destructive on production or an unknown remote one. */
function productionChanges(statements: SqlStatement[], work: Work, ctx: RuleContext): Finding[] {
  const written = () => work.sql.flatMap((s) => scanSqlAsWritten(s).map((w) => ({ ...w.statement, text: w.written.replace(/\s+/g, ' ') })));
  const sql = scopedSqlChanges(statements).length > 0 ? scopedSqlChanges(written()) : [];
  const rows = [...sql, ...scopedMongoChanges(work.mongo), ...redisKeyDeletes(work.redis)];
  const changes = [...new Set([...rows, ...(work.sql.length > 0 ? riskyAdminSql(written()) : []), ...riskyAdminMongo(work.mongo), ...riskyAdminRedis(work.redis)])];
  if (changes.length === 0) return [];
  const target = targetFor(work.connection, ctx);
  let production = target.environment === 'production' || (target.environment === 'unknown' && target.remote);
  if (!production && work.elsewhere) {
    const there = ctx.environmentOf({ values: [], sources: work.elsewhere, remote: true });
    production = there.environment === 'production' || there.environment === 'unknown';
  }
  if (!production) return work.sql.length > 0 ? anyHostAdmins(written(), work.connection.name, target) : [];
  const shown = changes.slice(0, 3).join('; ');
  const more = changes.length > 3 ? ` and ${changes.length - 3} more` : '';
  return [destroyFinding('production-change', `${rows.length > 0 ? 'Deletes or rewrites rows of' : 'Changes the users, durability or sessions of'} the ${target.environment === 'production' ? 'production' : 'remote'} database ${work.connection.name}: ${shown}${more}.`, [target])];
}

export function judgeWork(work: Work, ctx: RuleContext): Finding[] {
  const { connection: conn } = work;
  if (localTestDatabase(conn.remote, conn.name)) return [];
  const statements = work.sql.flatMap(scanSql);
  const findings = [
    ...serverSecretReads(work, () => targetFor(conn, ctx)),
    ...sqlFindings(statements, conn, ctx),
    ...effectFindings('mongo-destroy', work.mongo.flatMap(scanMongo).filter((e) => !localScratchObject(conn.remote, 'database', e.database) && (conn.remote || !e.administration)), conn, ctx),
    ...effectFindings('redis-flush', work.redis.flatMap(scanRedis).filter((e) => conn.remote || !(e.administration || namedLoopbackRedis(conn))), conn, ctx),
  ];
  if (findings.length === 0) findings.push(...productionChanges(statements, work, ctx));
  if (findings.length > 0) return findings;
  if (work.opaqueInput) {
    return [{ rule: 'database.unreadable-input', risk: 'unanalyzable', severity: 'ask', reason: `The ${conn.engine} client ${work.opaqueInput}; its statements cannot be checked in advance.`, targets: [targetFor(conn, ctx)] }];
  }
  return work.interactive ? interactiveShell(work, ctx) : (adminReads(work, ctx) ?? productionAccess(conn, ctx, statements.some((s) => s.effect === 'write')));
}

/** Round 25: a Redis read of the whole server (`KEYS *`, `MONITOR`, `--scan`) on a database named production asks. */
function adminReads(work: Work, ctx: RuleContext): Finding[] | undefined {
  const read = work.connection.engine === 'redis' ? redisAdminRead(work.redis) : undefined;
  if (read === undefined) return undefined;
  const target = targetFor(work.connection, ctx);
  const there = work.elsewhere ? ctx.environmentOf({ values: [], sources: work.elsewhere, remote: true }) : undefined;
  if (target.environment !== 'production' && there?.environment !== 'production') return undefined;
  const shown: Target = target.environment === 'production' ? target : { ...target, environment: 'production', environmentReason: there!.reason };
  return [{ rule: 'database.production-admin-read', risk: 'production-access', severity: 'ask', reason: `Reads the whole production Redis server ${work.connection.name}: ${read}.`, targets: [shown] }];
}

/**
 * An interactive shell on a database named production: whatever is typed there runs unchecked, like
 * `docker exec -it … bash` (round 21; `pgcli` on production already asked). A shell on this machine's
 * database, a named non-production one or one nothing names (a platform's linked database) stays allowed.
 */
function interactiveShell(work: Work, ctx: RuleContext): Finding[] {
  const { connection: conn } = work;
  const target = targetFor(conn, ctx);
  const there = work.elsewhere ? ctx.environmentOf({ values: [], sources: work.elsewhere, remote: true }) : undefined;
  if (target.environment !== 'production' && there?.environment !== 'production') return productionAccess(conn, ctx, false);
  const shown: Target = target.environment === 'production' ? target : { ...target, environment: 'production', environmentReason: there!.reason };
  return [{ rule: 'database.interactive-shell', risk: 'production-access', severity: 'ask', reason: `Opens an interactive ${conn.engine} shell on the production database ${conn.name}: the statements typed there run without being checked first.`, targets: [shown] }];
}

// ---------------------------------------------------------------------------------------------
// SQL, Mongo and Redis inside program code

/** String literals of program code, including Python triple quotes and JS template literals. */
function stringLiterals(code: string): string[] {
  const out: string[] = [];
  const re = /"""([\s\S]*?)"""|'''([\s\S]*?)'''|`((?:[^`\\]|\\.)*)`|"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'/g;
  let count = 0;
  for (const m of code.matchAll(re)) {
    const text = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '';
    if (text.length > 5) out.push(text);
    if (++count > 5000) break;
  }
  return out;
}

function connectionInCode(code: string, runner: Invocation): Connection {
  const sqliteFile = /sqlite3?\.(?:connect|Database)\(\s*['"](?!:memory:['"])([^'"]+)['"]|new\s+(?:Database|sqlite3\.Database)\(\s*['"](?!:memory:['"])([^'"]+)['"]/.exec(code) ?? /better-sqlite3/.exec(code);
  if (sqliteFile) return { engine: 'sqlite', name: sqliteFile[1] ?? sqliteFile[2] ?? 'an SQLite database', remote: false, values: [], sources: [] };
  const url = /\b((?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?):\/\/[^\s'"`]+)/i.exec(code)?.[1];
  const host = url === undefined ? clientHostInCode(code) : undefined;
  if (url !== undefined || host !== undefined) return connection('database', { url, host, defaultLocal: false });
  const envUrl = /\b([A-Z][A-Z0-9_]*(?:DATABASE|DB|PG|MYSQL|MONGO|REDIS)[A-Z0-9_]*(?:URL|URI|DSN|HOST))\b/.exec(code)?.[1];
  if (runner.assignments.DATABASE_URL !== undefined) return connection('database', { url: runner.assignments.DATABASE_URL, defaultLocal: false });
  const values = envUrl ? [`$${envUrl}`] : [];
  return { engine: 'database', name: envUrl ? `the database at $${envUrl}` : 'the database the program connects to', remote: true, values, sources: [], selectors: DB_SELECTORS };
}

function checkSnippet(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (snippet.language === 'sql' || snippet.language === 'mongo' || snippet.language === 'redis') {
    const conn = clientWorks(snippet.runner, ctx.facts)?.[0]?.connection ?? connectionInCode('', snippet.runner);
    const work: Work = { connection: conn, sql: [], mongo: [], redis: [] };
    work[snippet.language] = [snippet.text];
    return judgeWork(work, ctx);
  }
  if (!['python', 'javascript', 'ruby', 'php', 'perl'].includes(snippet.language)) return [];
  const inputs = DRIVER_CALL.test(snippet.text) ? driverSqlInputs(snippet, ctx.facts, () => stdinText(snippet.runner, ctx.facts).text) : undefined; // SQL only matters when handed to a driver
  const literals = [...stringLiterals(snippet.text), ...(inputs?.sql ?? [])];
  const sql = inputs ? literals.filter(looksLikeSql) : [];
  const destroysSql = sql.flatMap(scanSql).some((s) => s.effect === 'destroy');
  const mongo = scanMongo(snippet.text);
  const redis = scanRedis(literals.join('\n')).concat(redisCodeCalls(snippet.text));
  const conn = connectionInCode(inputs?.text ?? snippet.text, snippet.runner);
  const opaque = destroysSql ? {} : opaqueDriverInput(inputs, conn, ctx);
  if ((!destroysSql && mongo.length === 0 && redis.length === 0 && opaque.opaqueInput === undefined) || memoryOnlyStore(snippet.text)) return [];
  return judgeWork({ connection: conn, sql: destroysSql ? sql : [], mongo: mongo.length > 0 ? [snippet.text] : [], redis: [...new Set(redis.map((r) => r.command ?? 'FLUSHALL'))], ...opaque }, ctx).filter((f) => f.severity !== 'info');
}

/** What a database client invocation runs, as this pack reads it: the dialog previews this, never its own reading of the command text. */
export interface DatabaseWork {
  engine: string;
  /** "shop on db.prod.example.com", "the default postgres database", a file for SQLite. Never a password. */
  database: string;
  remote: boolean;
  /** Scripts as the client receives them: -c/-e values, heredocs, here-strings, files it reads. */
  sql: string[];
  mongo: string[];
  redis: string[];
  /** Set when the statements cannot be read (interactive, piped from a program, an unreadable file). */
  opaqueInput?: string;
}

export function databaseWorkOf(inv: Invocation, facts: Facts): DatabaseWork | undefined {
  const w = clientWorks(inv, facts)?.[0];
  if (!w) return undefined;
  return { engine: w.connection.engine, database: w.connection.name, remote: w.connection.remote, sql: w.sql, mongo: w.mongo, redis: w.redis, ...(w.opaqueInput ? { opaqueInput: w.opaqueInput } : {}) };
}

/**
 * A client run on another machine (`kubectl exec pod -- psql`, `ssh db1 psql`, `heroku run psql`): its
 * "local" database is that machine's, whose environment the place's names say.
 */
function onRemoteMachine(work: Work, inv: Invocation): Work {
  // Targets stay as the client names them: the engine relabels them to the place (db1:users).
  if (!inv.remote || work.connection.remote) return work;
  return { ...work, elsewhere: inv.remote.names };
}

/**
 * Round 25: a client started by a secret store, env loader or platform runner (`dotenv -e .env.production
 * -- psql`, `doppler run -c prd -- psql`, `railway run -e production psql`) and naming no server of its
 * own connects where the loaded variables say (`PGHOST`, `DATABASE_URL`): when the loader's words name
 * production, so does the client's database. A client that names a server in plain words keeps it.
 */
function underLoader(work: Work, inv: Invocation, ctx: RuleContext): Work {
  if (work.elsewhere || inv.via.length === 0) return work;
  const { connection: conn } = work;
  if ([...conn.values, ...conn.sources.map((s) => s.value)].some((v) => !/[$`]/.test(v))) return work;
  const loaded = loadedEnvironment(inv, ctx);
  if (loaded?.environment !== 'production') return work;
  return { ...work, elsewhere: [{ source: loaded.environmentReason, value: 'production' }] };
}

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  const works = clientWorks(inv, ctx.facts);
  if (works) {
    // Every reading is judged: an option whose value-taking is unknown must not hide a statement.
    const findings = new Map<string, Finding>();
    for (const work of works) for (const f of judgeWork(underLoader(onRemoteMachine(work, inv), inv, ctx), ctx)) if (!findings.has(f.rule + f.reason)) findings.set(f.rule + f.reason, f);
    return [...findings.values()];
  }
  const tool = Object.hasOwn(RESET_TOOLS, inv.name) ? RESET_TOOLS[inv.name] : undefined;
  if (tool) return tool(inv, ctx);
  return frameworkReset(inv, ctx);
}

export const DATABASE_COMMANDS: readonly string[] = [
  ...toolNamesOf('database'), ...Object.keys(RESET_TOOLS),
  'prisma', 'rails', 'rake', 'knex', 'sequelize', 'sequelize-cli', 'typeorm', 'typeorm-ts-node-commonjs', 'typeorm-ts-node-esm',
  'django-admin', 'manage.py', 'python', 'python3', 'py', 'uv', 'poetry', 'npx', 'pnpx', 'bunx', 'npm', 'pnpm', 'yarn', 'bun', 'bundle',
];

export const databasePack: RulePack = {
  id: 'database',
  title: 'Dropped databases, emptied tables and ORM resets',
  commands: DATABASE_COMMANDS,
  checkInvocation,
  checkSnippet,
};
