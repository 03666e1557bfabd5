/**
 * Dump the tables a DROP, TRUNCATE or DELETE is about to destroy, with the database's own tool
 * (pg_dump, mysqldump), into `<guard home>/backups/<id>/`. Runs in the hook process after the human
 * ticked "back up first" and allowed: that process has the agent's connection settings (PG*
 * variables, the password in the command), which the editor does not. Passwords reach the tool
 * through its environment only; no command line and no log carries one.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { trustedPathVariable, trustedProgram } from '../trustedProgram';
import { describeTarget, type BackupPlan, type DumpTarget } from '../../core/backup/plan';

export interface DumpResult {
  file: string;
  bytes: number;
  tool: string;
  /** The target, without its password. */
  target: string;
  objects: string[];
}

export interface DumpOptions {
  guardHome: string;
  /** The hook's environment (PG*, MYSQL_*; PATH is not used to find the tool). */
  env: Readonly<Record<string, string | undefined>>;
  id: string;
  timeoutMs: number;
  /** Folders to find the dump tool in instead of the system's own (tests' stand-ins only). */
  toolDirs?: readonly string[];
}

const TOOLS = { postgres: 'pg_dump', mysql: 'mysqldump' } as const;

export function backupsDir(guardHome: string): string {
  return path.join(guardHome, 'backups');
}

/**
 * The dump tool from the system's own folders (trustedProgram.ts), never from PATH: a \`pg_dump\` the
 * agent put earlier on PATH would report a backup that was never taken. `dirs` replaces the system
 * folders for tests' stand-ins.
 */
export function findTool(name: string, dirs?: readonly string[]): string | undefined {
  if (!dirs) return trustedProgram(name);
  for (const dir of dirs) {
    const full = path.join(dir, name);
    try {
      fs.accessSync(full, fs.constants.X_OK);
      return full;
    } catch {
      // next
    }
  }
  return undefined;
}

function quotePg(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join('.');
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'db';
}

function pgArgs(plan: BackupPlan, file: string): string[] {
  const t = plan.target;
  const args = ['--format=plain', '--no-owner', '--no-privileges', '--clean', '--if-exists', '--no-password', `--file=${file}`];
  if (t.host) args.push(`--host=${t.host}`);
  if (t.port) args.push(`--port=${t.port}`);
  if (t.user) args.push(`--username=${t.user}`);
  for (const table of plan.tables) args.push(`--table=${quotePg(table)}`);
  for (const schema of plan.schemas) args.push(`--schema=${quotePg(schema)}`);
  let db = t.url ?? t.database;
  if (t.url && plan.wholeDatabase && t.database) db = t.url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(\/[^?#]*)?/i, `$1/${encodeURIComponent(t.database)}`);
  if (db) args.push(`--dbname=${db}`);
  return args;
}

/**
 * MySQL: a table written `db.table` lives in that database, not the connection's; mysqldump dumps
 * tables of one database per run, so a statement naming tables of several becomes one run each.
 */
export function splitMysqlPlan(plan: BackupPlan): BackupPlan[] {
  if (plan.target.engine !== 'mysql' || plan.wholeDatabase) return [plan];
  // DROP SCHEMA is DROP DATABASE in MySQL: those databases whole, the tables apart.
  if (plan.schemas.length > 0) return [{ ...plan, tables: [] }, ...(plan.tables.length > 0 ? splitMysqlPlan({ ...plan, schemas: [] }) : [])];
  const byDatabase = new Map<string, string[]>();
  for (const table of plan.tables) {
    const dot = table.lastIndexOf('.');
    const database = dot > 0 ? table.slice(0, dot) : plan.target.database;
    if (!database) throw new Error(`the MySQL command names no database for the table ${table}`);
    byDatabase.set(database, [...(byDatabase.get(database) ?? []), dot > 0 ? table.slice(dot + 1) : table]);
  }
  return [...byDatabase].map(([database, tables]) => ({ ...plan, target: { ...plan.target, database }, tables }));
}

export function mysqlArgs(plan: BackupPlan, file: string): string[] {
  const t = plan.target;
  const args = ['--single-transaction', '--no-tablespaces', `--result-file=${file}`];
  if (t.host) args.push(`--host=${t.host}`);
  if (t.port) args.push(`--port=${t.port}`);
  if (t.user) args.push(`--user=${t.user}`);
  // DROP DATABASE / DROP SCHEMA (a synonym in MySQL): the whole databases, with their CREATE DATABASE.
  if (plan.wholeDatabase || plan.schemas.length > 0) {
    const databases = plan.schemas.length > 0 ? plan.schemas : t.database ? [t.database] : [];
    if (databases.length === 0) throw new Error('the MySQL command names no database to dump from');
    args.push('--databases', ...databases);
    return args;
  }
  if (!t.database) throw new Error('the MySQL command names no database to dump from');
  args.push(t.database, ...plan.tables);
  return args;
}

function toolEnv(t: DumpTarget, env: Readonly<Record<string, string | undefined>>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  if (t.password !== undefined) out[t.engine === 'postgres' ? 'PGPASSWORD' : 'MYSQL_PWD'] = t.password;
  return out;
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { env, timeout: timeoutMs, maxBuffer: 1024 * 1024, windowsHide: true }, (err, _out, stderr) => {
      if (!err) resolve();
      else reject(new Error(`${path.basename(tool)} failed: ${(String(stderr).trim().split('\n')[0] || err.message).slice(0, 300)}`));
    });
  });
}

/** Dump every plan. Throws with a readable reason when any dump fails; then nothing should run. */
export async function dumpBeforeStatement(plans: readonly BackupPlan[], options: DumpOptions): Promise<DumpResult[]> {
  const dir = path.join(backupsDir(options.guardHome), options.id);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const results: DumpResult[] = [];
  for (const [i, plan] of plans.flatMap(splitMysqlPlan).entries()) {
    const toolName = TOOLS[plan.target.engine];
    const tool = findTool(toolName, options.toolDirs);
    if (!tool) throw new Error(`${toolName} is not installed, so nothing could be backed up`);
    const file = path.join(dir, `${i + 1}-${plan.target.engine}-${safeName(plan.target.database ?? 'db')}.sql`);
    // The dump tool creates the file; make sure only the owner can read what it writes.
    fs.writeFileSync(file, '', { mode: 0o600 });
    await run(tool, plan.target.engine === 'postgres' ? pgArgs(plan, file) : mysqlArgs(plan, file), { ...toolEnv(plan.target, options.env), ...(options.toolDirs ? {} : { PATH: trustedPathVariable() }) }, options.timeoutMs);
    const bytes = fs.statSync(file).size;
    if (bytes === 0) throw new Error(`${toolName} wrote nothing`);
    results.push({ file, bytes, tool: toolName, target: describeTarget(plan.target), objects: plan.wholeDatabase ? [`database ${plan.target.database ?? ''}`] : [...plan.tables.map((t) => `table ${t}`), ...plan.schemas.map((s) => `schema ${s}`)] });
  }
  return results;
}

/**
 * Can this machine dump from the target: the tool is installed and the server answers on its port
 * (or its local socket exists). For the dialog, which offers "back up first" only then.
 */
export async function canDump(t: DumpTarget, _env: Readonly<Record<string, string | undefined>>, timeoutMs = 1500, toolDirs?: readonly string[]): Promise<{ ok: boolean; why?: string }> {
  const toolName = TOOLS[t.engine];
  if (!findTool(toolName, toolDirs)) return { ok: false, why: `${toolName} is not installed` };
  let host = t.host;
  let port = t.port;
  if (t.url) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]*)(?::(\d+))?/i.exec(t.url);
    host ??= m?.[1] || undefined;
    port ??= m?.[2];
  }
  const defaultPort = t.engine === 'postgres' ? '5432' : '3306';
  if (!host || host.startsWith('/')) {
    const socket = t.engine === 'postgres' ? path.join(host ?? '/var/run/postgresql', `.s.PGSQL.${port ?? defaultPort}`) : host ?? '/var/run/mysqld/mysqld.sock';
    if (fs.existsSync(socket)) return { ok: true };
    host = 'localhost';
  }
  const target = { host: host.replace(/^\[|\]$/g, ''), port: Number(port ?? defaultPort) };
  return new Promise((resolve) => {
    const socket = net.connect(target);
    const done = (r: { ok: boolean; why?: string }) => {
      socket.destroy();
      resolve(r);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, why: `${target.host}:${target.port} did not answer` }));
    socket.on('connect', () => done({ ok: true }));
    socket.on('error', (err) => done({ ok: false, why: `${target.host}:${target.port}: ${err.message}` }));
  });
}
