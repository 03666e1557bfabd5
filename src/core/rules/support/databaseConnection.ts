import type { ArgWord, Facts, Finding, Invocation, RuleContext, Target } from '../../policy/types';
import { hostOf, isLocalHost, redactUrl } from '../../policy/production';
import { runtimeHints, substitutionsOf } from './runtimeTarget';

/**
 * Where a database client's statements run (a connection: engine, name, whether remote, the words that
 * say its environment) and the database pack's two ways of saying what it found: the target for a
 * connection, a destroying finding. Shared by the clients' reader (`rules/database.ts`) and the
 * command-line tools and framework resets (`rules/databaseResets.ts`).
 */

export type Engine = 'postgres' | 'mysql' | 'sqlite' | 'mongodb' | 'redis' | 'database';

/** Where the statements run. */
export interface Connection {
  engine: Engine;
  /** Database name, file or a description ("the Rails database"). Never a password. */
  name: string;
  remote: boolean;
  values: string[];
  sources: { source: string; value: string }[];
  selectors?: readonly string[];
}

export interface Work {
  connection: Connection;
  sql: string[];
  mongo: string[];
  redis: string[];
  /** The client runs with no statements we could read (interactive, or input from a pipe). */
  opaqueInput?: string;
  /** The client runs on another machine (`kubectl exec`, `ssh`): the names that say that machine's environment. */
  elsewhere?: readonly { source: string; value: string }[];
  /** No statements, file or standard input and no one-shot option: the client opens an interactive shell. */
  interactive?: boolean;
}

export const DB_SELECTORS = ['ENVIRONMENT', 'APP_ENV', 'STAGE', 'DEPLOY_ENV', 'NODE_ENV', 'RAILS_ENV', 'RACK_ENV', 'DJANGO_ENV', 'FLASK_ENV', 'MIX_ENV'];

export function assignment(inv: Invocation, facts: Facts, name: string): string | undefined {
  return inv.assignments[name] ?? facts.envSelectors[name];
}

export function connection(engine: Engine, parts: { url?: string; host?: string; database?: string; hostSource?: string; dbSource?: string; defaultLocal: boolean; runtime?: readonly string[] }): Connection {
  const values: string[] = [];
  const sources: { source: string; value: string }[] = [];
  let remote = !parts.defaultLocal;
  let host = parts.host;
  let database = parts.database;
  if (parts.url !== undefined) {
    values.push(parts.url);
    const h = hostOf(parts.url);
    if (h !== undefined) host = host ?? h;
    const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*\/([^?#]+)/i.exec(parts.url)?.[1];
    if (path && database === undefined) database = decodeURIComponentSafe(path);
    if (/[$`]/.test(parts.url) && h === undefined) remote = true;
    // A pg_service.conf entry names a server defined elsewhere.
    if (/(^|\s)service=/.test(parts.url) && h === undefined) remote = true;
  }
  if (host !== undefined) {
    if (parts.hostSource) sources.push({ source: parts.hostSource, value: host });
    else values.push(host);
    remote = /[$`]/.test(host) || !isLocalHost(host);
  }
  if (database !== undefined) {
    if (parts.dbSource) sources.push({ source: parts.dbSource, value: database });
    else values.push(database);
  }
  // A target computed at run time is never this machine: what it is read from may say its environment.
  if (parts.runtime !== undefined && parts.runtime.length > 0) {
    remote = true;
    sources.push(...runtimeHints(parts.runtime));
  }
  const shownHost = host !== undefined && host !== '' && remote ? ` on ${host}` : '';
  const name = database !== undefined ? `${engine === 'redis' ? 'database ' : ''}${database}${shownHost}` : parts.url !== undefined ? redactUrl(parts.url) : host !== undefined && host !== '' ? host : `the default ${engine} database`;
  return { engine, name, remote, values, sources, selectors: DB_SELECTORS };
}

const decodeURIComponentSafe = (s: string): string => { try { return decodeURIComponent(s); } catch { return s; } };

/** Substitutions behind the words that name the target (the database argument, the host). */
export function runtimeOf(args: readonly ArgWord[], texts: readonly (string | undefined)[]): string[] {
  const wanted = texts.filter((t): t is string => t !== undefined && /[$`]/.test(t));
  if (wanted.length === 0) return [];
  return args.filter((a) => wanted.includes(a.text) || wanted.some((t) => a.text.endsWith('=' + t))).flatMap(substitutionsOf);
}

export function urlLike(text: string): boolean {
  if (/\$\(|`/.test(text)) return true;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /(^|\s)(host|dbname|service)=/.test(text) || /^\$\{?\w*(URL|URI|DSN)\w*\}?$/i.test(text);
}

export function targetFor(conn: Connection, ctx: RuleContext, object?: { kind: 'database' | 'table' | 'schema' | 'other'; name: string }): Target {
  const env = ctx.environmentOf({ values: conn.values, sources: conn.sources, remote: conn.remote, selectors: conn.selectors });
  const kind = object?.kind === 'table' ? 'table' : 'database';
  const name = object && object.kind !== 'other' && object.kind !== 'database' ? object.name : object?.kind === 'database' ? object.name : conn.name;
  return { kind, name, provider: conn.engine, remote: conn.remote, environment: env.environment, environmentReason: env.reason };
}

export function destroyFinding(rule: string, reason: string, targets: Target[]): Finding {
  return { rule: `database.${rule}`, risk: 'destructive', severity: 'ask', reason, targets };
}
