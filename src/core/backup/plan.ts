/**
 * "Back up first": which tables a DROP, TRUNCATE or DELETE sent through psql or mysql destroys, and
 * where they live, read from the engine's invocations. The node layer dumps exactly these with the
 * standard tool (pg_dump, mysqldump) before the statement runs. Anything this cannot name exactly (a
 * statement read at run time, a connection chosen by a variable) is a reason not to offer it, never a guess.
 */
import { resolvePath } from '../paths';
import type { Invocation } from '../policy/types';
import { splitSql } from '../rules/support/sqlScan';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';

export type DumpEngine = 'postgres' | 'mysql';

/** Where to connect, as the client was told. `url` may carry a password: never shown, never logged. */
export interface DumpTarget {
  engine: DumpEngine;
  url?: string;
  host?: string;
  port?: string;
  user?: string;
  database?: string;
  /** From `-pSECRET` or a URL's user info: handed to the dump tool through its environment only. */
  password?: string;
}

export interface BackupPlan {
  target: DumpTarget;
  /** Schema-qualified where the statement says so; as the server folds them (PostgreSQL: lower case unless quoted). */
  tables: string[];
  schemas: string[];
  /** DROP DATABASE: the whole database is dumped. */
  wholeDatabase: boolean;
  /** What a human should know about the dump's reach (CASCADE effects it cannot follow). */
  notes: string[];
}

export type BackupPlanResult = { ok: true; plans: BackupPlan[] } | { ok: false; why: string };

/** The client's usual reading through its registry entry (registry/tools/postgres.ts, mysql.ts). */
function clientArgs(inv: Invocation): ToolArgs | undefined {
  const spec = toolNamed(inv.name);
  return spec?.client ? toolArgs(inv.name, parsedArgs(inv.args, spec), spec) : undefined;
}

/** The first value given to an option, under any of its spellings. */
function first(a: ToolArgs, name: string): string | undefined {
  return a.values(name)[0];
}

function stdinSql(inv: Invocation, readFile: (abs: string) => string | undefined, home: string): string | undefined {
  const s = inv.stdin;
  if (s?.kind === 'heredoc' || s?.kind === 'herestring') return s.text;
  if (s?.kind === 'file') return readFile(resolvePath(inv.cwd, s.path, home));
  const redirect = inv.redirects.find((r) => r.op === '<');
  if (redirect) return readFile(resolvePath(inv.cwd, redirect.target.text, home));
  const here = inv.redirects.find((r) => r.op === '<<<');
  return here?.target.text;
}

/** An identifier as the server stores it: quoted keeps its case, unquoted folds (PostgreSQL) or stays (MySQL). */
function identifier(raw: string, engine: DumpEngine): string {
  return raw
    .trim()
    .split('.')
    .map((part) => {
      const q = /^"(.*)"$/.exec(part) ?? /^`(.*)`$/.exec(part);
      if (q) return q[1]!;
      return engine === 'postgres' ? part.toLowerCase() : part;
    })
    .join('.');
}

const NAME_LIST = '((?:[A-Za-z_"`][\\w$."`]*\\*?\\s*,\\s*)*[A-Za-z_"`][\\w$."`]*)';

interface Affected {
  tables: string[];
  schemas: string[];
  databases: string[];
  cascade: boolean;
}

/** The objects each destroying statement of a script touches. */
export function affectedObjects(sql: string, engine: DumpEngine): Affected {
  const out: Affected = { tables: [], schemas: [], databases: [], cascade: false };
  const names = (list: string) => list.split(',').map((n) => identifier(n.replace(/\*$/, ''), engine)).filter((n) => n !== '');
  for (const raw of splitSql(sql)) {
    const s = raw.replace(/\s+/g, ' ').trim();
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^drop\\s+table\\s+(?:if\\s+exists\\s+)?${NAME_LIST}`, 'i').exec(s))) out.tables.push(...names(m[1]!));
    else if ((m = new RegExp(`^truncate\\s+(?:table\\s+)?(?:only\\s+)?${NAME_LIST}`, 'i').exec(s))) out.tables.push(...names(m[1]!));
    else if ((m = new RegExp(`^delete\\s+(?:from\\s+)?(?:only\\s+)?${NAME_LIST}`, 'i').exec(s))) out.tables.push(...names(m[1]!).slice(0, 1));
    else if ((m = new RegExp(`^alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?${NAME_LIST}[\\s\\S]*\\bdrop\\b`, 'i').exec(s))) out.tables.push(...names(m[1]!).slice(0, 1));
    else if ((m = new RegExp(`^drop\\s+schema\\s+(?:if\\s+exists\\s+)?${NAME_LIST}`, 'i').exec(s))) out.schemas.push(...names(m[1]!));
    else if ((m = new RegExp(`^drop\\s+database\\s+(?:if\\s+exists\\s+)?${NAME_LIST}`, 'i').exec(s))) out.databases.push(...names(m[1]!));
    else continue;
    if (/\bcascade\b/i.test(s)) out.cascade = true;
  }
  out.tables = [...new Set(out.tables)];
  out.schemas = [...new Set(out.schemas)];
  out.databases = [...new Set(out.databases)];
  return out;
}

function targetOf(inv: Invocation, engine: DumpEngine, a: ToolArgs): DumpTarget {
  const operands = a.parsed.operands.map((w) => w.text);
  if (engine === 'postgres') {
    const db = first(a, '-d') ?? operands[0];
    const raw = db !== undefined && (/^postgres(ql)?:\/\//i.test(db) || /(^|\s)(host|dbname)=/.test(db)) ? db : undefined;
    // The password leaves the URL so it never reaches a command line or a log.
    const secret = raw ? /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:([^@\s]*)@/i.exec(raw)?.[1] : undefined;
    const url = raw && secret !== undefined ? raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]+):[^@\s]*@/i, '$1@') : raw;
    const host = first(a, '-h') ?? inv.assignments.PGHOST;
    const port = first(a, '-p') ?? inv.assignments.PGPORT;
    const user = first(a, '-U') ?? (url ? undefined : operands[1]);
    return {
      engine,
      ...(url ? { url } : {}),
      ...(secret ? { password: decodeURIComponentSafe(secret) } : {}),
      ...(host ? { host } : {}),
      ...(port ? { port } : {}),
      ...(user ? { user } : {}),
      ...(!url && (db ?? inv.assignments.PGDATABASE) ? { database: db ?? inv.assignments.PGDATABASE } : {}),
    };
  }
  const db = first(a, '-D') ?? operands[0];
  const password = a.value('-p');
  const host = first(a, '-h') ?? inv.assignments.MYSQL_HOST;
  return {
    engine,
    ...(password ? { password } : {}),
    ...(host ? { host } : {}),
    ...(first(a, '-P') ? { port: first(a, '-P') } : {}),
    ...(first(a, '-u') ? { user: first(a, '-u') } : {}),
    ...(db ? { database: db } : {}),
  };
}

/**
 * The dumps that would keep what these invocations destroy in PostgreSQL or MySQL. `readFile` reads
 * SQL files the client is given (`psql -f`, `< drop.sql`).
 */
export function planBackup(invocations: readonly Invocation[], readFile: (abs: string) => string | undefined, home: string): BackupPlanResult {
  const plans: BackupPlan[] = [];
  for (const inv of invocations) {
    const engine: DumpEngine | undefined = inv.name === 'psql' ? 'postgres' : inv.name === 'mysql' || inv.name === 'mariadb' ? 'mysql' : undefined;
    if (!engine) continue;
    if (inv.remote) return { ok: false, why: `the statements run on ${inv.remote.place}, where this machine cannot dump from` };
    const a = clientArgs(inv);
    if (!a) continue;
    if (inv.args.some((w) => w.dynamic)) return { ok: false, why: 'the connection or the statements are chosen at run time' };
    const client = toolNamed(inv.name)?.client;
    const texts = a.values(...(client?.statementOptions ?? []));
    for (const f of a.values(...(client?.fileOptions ?? []))) {
      const text = f === '-' ? undefined : readFile(resolvePath(inv.cwd, f, home));
      if (text === undefined) return { ok: false, why: `the statements are in ${f}, which could not be read` };
      texts.push(text);
    }
    if (texts.length === 0) {
      const text = stdinSql(inv, readFile, home);
      if (text === undefined) return { ok: false, why: 'the statements arrive on standard input and cannot be read in advance' };
      texts.push(text);
    }
    const affected = affectedObjects(texts.join(';\n'), engine);
    if (affected.tables.length + affected.schemas.length + affected.databases.length === 0) continue;
    const target = targetOf(inv, engine, a);
    const notes = affected.cascade ? ['CASCADE also drops or empties objects that depend on these; the dump holds only the ones named.'] : [];
    if (affected.databases.length > 0) {
      for (const database of affected.databases) plans.push({ target: { ...target, url: undefined, database }, tables: [], schemas: [], wholeDatabase: true, notes });
    }
    if (affected.tables.length + affected.schemas.length > 0) plans.push({ target, tables: affected.tables, schemas: affected.schemas, wholeDatabase: false, notes });
  }
  return { ok: true, plans };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The target as a human reads it: no password, ever. */
export function describeTarget(t: DumpTarget): string {
  if (t.url) return t.url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]+):[^@\s]*@/i, '$1@').replace(/(password=)\S+/i, '$1•••');
  const where = `${t.host ?? 'localhost'}${t.port ? `:${t.port}` : ''}`;
  return `${t.engine === 'postgres' ? 'PostgreSQL' : 'MySQL'} ${t.database ?? '(default database)'} on ${where}${t.user ? ` as ${t.user}` : ''}`;
}
