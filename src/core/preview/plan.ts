/**
 * Decide which read-only look-ups describe what an action would destroy. It works from the policy
 * engine's parse of the command (its invocations, and the database pack's reading of what a client
 * runs), never from a second reading of the raw text; the decision itself is the engine's. A command
 * the planner does not understand gets an "unavailable" section that says so, never silence.
 */
import { isAbsolute, normalize, resolvePath } from '../paths';
import type { ActionDescription } from '../protocol/ipc';
import type { ArgWord, Facts, Invocation, Target, Verdict } from '../policy/types';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';
import { databaseWorkOf, type DatabaseWork } from '../rules/database';
import { platformDatabaseWorkOf } from '../rules/platformSql';
import { looksLikeSql, scanSqlAsWritten } from '../rules/support/sqlScan';
import { PREVIEW_LIMITS, type PreviewSection } from './model';

export type PreviewTask =
  /** List files and sizes under each path (rm, rmdir, shred, unlink; globs matched in their directory). */
  | { kind: 'list-files'; cwd: string; paths: string[] }
  /** Uncommitted changes `git reset --hard` would discard, and commits it would drop when a ref is given. */
  | { kind: 'git-reset'; cwd: string; ref?: string }
  /** Work-tree changes `git checkout -- <paths>` / `git restore <paths>` would discard. */
  | { kind: 'git-discard'; cwd: string; paths: string[] }
  /** Files `git clean` would delete, found with `git clean -n` and the same -d/-x/-X flags. */
  | { kind: 'git-clean'; cwd: string; flags: string[]; paths: string[] }
  /** Remote commits a force push would overwrite: `git log <remote>/<branch> ^<local>`. */
  | { kind: 'git-force-push'; cwd: string; remote: string; localRef?: string; remoteBranch?: string }
  /** Before/after diff of a file write. */
  | { kind: 'file-write'; path: string; content?: string }
  /** A section computed from the request alone. */
  | { kind: 'static'; section: PreviewSection };

/** The usual reading of an invocation's known words through its registry entry. */
function registryArgs(inv: Invocation, args: readonly ArgWord[]): ToolArgs | undefined {
  const spec = toolNamed(inv.name);
  return spec ? toolArgs(inv.name, parsedArgs(args, spec), spec) : undefined;
}

function gitTasks(inv: Invocation, args: readonly ArgWord[], home: string): PreviewTask[] {
  const a = registryArgs(inv, args);
  const sub = a?.parsed.path[0];
  if (!a || sub === undefined) return [];
  // `git -C dir` (repeatable, each relative to the last): the effective working folder.
  const cwd = a.parsed.options.filter((o) => o.depth === 0 && o.name === '-C').flatMap((o) => o.values).reduce((dir, d) => resolvePath(dir, d, home), inv.cwd);
  const ops = a.parsed.operands.map((w) => w.text);
  switch (sub) {
    case 'reset':
      if (!a.has('--hard', '--merge', '--keep')) return [];
      return [{ kind: 'git-reset', cwd, ref: ops[0] }];
    case 'checkout':
    case 'restore': {
      // Words after `--` are paths whatever they look like.
      const rest = args.slice((a.parsed.pathIndexes[0] ?? 0) + 1).map((w) => w.text);
      const dd = rest.indexOf('--');
      const paths = dd >= 0 ? rest.slice(dd + 1) : sub === 'restore' ? ops : ops.filter((p) => p === '.' || p.includes('/'));
      if (sub === 'checkout' && a.has('-f') && paths.length === 0) return [{ kind: 'git-reset', cwd }];
      return paths.length > 0 ? [{ kind: 'git-discard', cwd, paths }] : [];
    }
    case 'clean': {
      const keep = ['-d', '-x', '-X'].filter((f) => a.has(f));
      return [{ kind: 'git-clean', cwd, flags: keep, paths: ops }];
    }
    case 'push': {
      const forced = a.has('-f', '--force-with-lease', '--mirror');
      const plusRef = ops.slice(1).find((r) => r.startsWith('+'));
      if (!forced && !plusRef) return [];
      const remote = ops[0] ?? 'origin';
      const refspec = (plusRef ?? ops[1] ?? '').replace(/^\+/, '');
      const [localRef, remoteBranch] = refspec.includes(':') ? refspec.split(':', 2) : [refspec || undefined, refspec || undefined];
      return [{ kind: 'git-force-push', cwd, remote, localRef: localRef || undefined, remoteBranch: remoteBranch?.replace(/^refs\/heads\//, '') || undefined }];
    }
    default:
      return [];
  }
}

/** A database URL with its password replaced, so the dialog never shows a secret. */
export function redactUrlPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]+):[^@\s]*@/i, '$1:•••@');
}

interface ShownStatements {
  statements: string[];
  tables: string[];
}

/** Statements that change data, as written, and the tables they name: from the scripts the client receives. */
export function changingStatements(scripts: readonly string[]): ShownStatements {
  const statements: string[] = [];
  const tables: string[] = [];
  for (const script of scripts) {
    for (const { written, statement } of scanSqlAsWritten(script)) {
      if (statement.effect === 'read') continue;
      const text = written.slice(0, PREVIEW_LIMITS.statementChars);
      if (!statements.includes(text) && statements.length < PREVIEW_LIMITS.statements) statements.push(text);
      if (statement.objectKind === 'table' && statement.objectName && !tables.includes(statement.objectName)) tables.push(statement.objectName);
    }
  }
  return { statements, tables };
}

/** "shop on db.prod.example.com (production)": the connection as the database pack named it, with the verdict's environment for it. */
function databaseLabel(name: string, targets: readonly Target[]): string {
  const target = targets.find((t) => t.kind === 'database' && t.name === name);
  const shown = redactUrlPassword(name);
  return target ? `${shown} (${target.environment})` : shown;
}

function statementsSection(work: DatabaseWork, targets: readonly Target[], title: string): PreviewSection {
  const database = databaseLabel(work.database, targets);
  const { statements, tables } = changingStatements(work.sql);
  const other = [...work.mongo, ...work.redis].map((t) => t.trim().slice(0, PREVIEW_LIMITS.statementChars)).filter(Boolean);
  const shown = [...statements, ...other].slice(0, PREVIEW_LIMITS.statements);
  if (shown.length > 0) return { kind: 'statements', title, database, tables, statements: shown };
  const why = work.opaqueInput ? `The client ${work.opaqueInput}` : 'The statements are not in the command line (read from standard input or typed interactively)';
  return { kind: 'unavailable', title: 'Statements', reason: `${why}, so they cannot be shown. Database: ${database}.` };
}

/** SQL handed to an MCP tool: the string values of its input that read as SQL. */
function mcpSqlScripts(input: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch {
    return [];
  }
  const out: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (out.length > 50 || depth > 8) return;
    if (typeof v === 'string') {
      if (looksLikeSql(v)) out.push(v);
    } else if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(parsed, 0);
  return out;
}

function resourceSection(targets: readonly Target[]): PreviewSection | undefined {
  // Paths count when remote: `ssh db1 'rm -rf /srv/data'` deletes db1:/srv/data, nothing here to preview.
  const remote = targets.filter((t) => t.remote && t.kind !== 'credential');
  if (remote.length === 0) return undefined;
  return {
    kind: 'resources',
    title: 'Remote resources this acts on',
    rows: remote.map((t) => ({ provider: t.provider ?? 'unknown provider', resource: t.name, kind: t.kind, environment: t.environment, environmentReason: t.environmentReason })),
  };
}

export interface PlanInput {
  action: ActionDescription;
  verdict: Verdict;
  home: string;
  /**
   * The policy engine's invocations for a shell action (wrappers peeled, `bash -c` expanded, `cd`
   * followed). Without them nothing is previewed for a shell command: the planner never splits the
   * command line itself.
   */
  invocations?: readonly Invocation[];
  /** The facts the invocations were analysed with (scripts a database client reads come from them). */
  facts?: Facts;
}

/** Facts that know nothing: a script a client reads is then "not readable", never guessed. */
function noFacts(cwd: string, home: string): Facts {
  return { cwd, home, workspaceRoots: [], envNames: [], envSelectors: {}, readFile: () => undefined, listDir: () => undefined, production: { names: [], hosts: [], resourceIds: [] } };
}

export function planPreview(input: PlanInput): PreviewTask[] {
  const { action, verdict, home } = input;
  const tasks: PreviewTask[] = [];
  if (action.kind === 'write') {
    const path = isAbsolute(action.path) ? normalize(action.path) : resolvePath(action.cwd, action.path, home);
    tasks.push({ kind: 'file-write', path, content: action.content });
  } else if (action.kind === 'shell') {
    if (!input.invocations) {
      tasks.push({ kind: 'static', section: { kind: 'unavailable', title: 'Preview', reason: 'The command could not be analysed, so nothing is previewed. Judge it by the command and the reasons above.' } });
    }
    const facts = input.facts ?? noFacts(action.cwd, home);
    let sqlDone = false;
    for (const inv of input.invocations ?? []) {
      // Arguments only known at run time ($X, $(...)) cannot be previewed; they are left out.
      const known = inv.args.filter((a) => !a.dynamic);
      const name = inv.name;
      const work = databaseWorkOf(inv, facts) ?? platformDatabaseWorkOf(inv, facts);
      if (work) {
        // Statements are shown wherever they run, here or on another machine.
        if (!sqlDone) tasks.push({ kind: 'static', section: statementsSection(work, verdict.targets, 'Statements that change data') });
        sqlDone = true;
        continue;
      }
      // A delete or reset on another machine: this disk says nothing about it (its targets are listed
      // as remote resources below).
      if (inv.remote) continue;
      if (name === 'rm' || name === 'rmdir' || name === 'shred' || name === 'unlink' || name === 'trash') {
        const paths = registryArgs(inv, known)?.parsed.operands.map((w) => w.text) ?? [];
        if (paths.length > 0) tasks.push({ kind: 'list-files', cwd: inv.cwd, paths });
      } else if (name === 'git') {
        tasks.push(...gitTasks(inv, known, home));
      }
    }
  } else if (action.kind === 'mcp') {
    const { statements, tables } = changingStatements(mcpSqlScripts(action.input));
    const named = verdict.targets.find((t) => t.kind === 'database');
    const database = named ? databaseLabel(named.name, verdict.targets) : 'not named in the call';
    if (statements.length > 0) tasks.push({ kind: 'static', section: { kind: 'statements', title: `Statements sent to ${action.server}/${action.tool}`, database, tables, statements } });
  }
  const resources = resourceSection(verdict.targets);
  if (resources) tasks.push({ kind: 'static', section: resources });
  if (tasks.length === 0) {
    tasks.push({
      kind: 'static',
      section: { kind: 'unavailable', title: 'Preview', reason: 'No preview can be computed for this kind of action. Judge it by the command, targets and reasons above.' },
    });
  }
  return tasks;
}
