/**
 * Decide which read-only look-ups describe what an action would destroy. This reads the command only
 * to pick a preview; the decision itself is the policy engine's. A command the planner does not
 * understand gets an "unavailable" section that says so, never silence.
 */
import { isAbsolute, normalize, resolvePath } from '../paths';
import type { ActionDescription } from '../protocol/ipc';
import type { Invocation, Target, Verdict } from '../policy/types';
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

/** Split a command line into simple commands and their words. Quote-aware; operators split commands. */
export function commandWords(command: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      const stop = end < 0 ? command.length : end;
      word += command.slice(i + 1, stop);
      inWord = true;
      i = stop;
    } else if (c === '"') {
      inWord = true;
      for (i++; i < command.length && command[i] !== '"'; i++) {
        if (command[i] === '\\' && i + 1 < command.length && '"\\$`'.includes(command[i + 1]!)) i++;
        word += command[i];
      }
    } else if (c === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      endCommand();
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

const WRAPPERS = new Set(['sudo', 'env', 'command', 'nohup', 'time', 'nice', 'xargs', 'exec', 'doas']);

/** Drop wrappers (`sudo`, `env X=1`) and leading assignments so words[0] is the command. */
function unwrap(words: string[]): string[] {
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
    else if (WRAPPERS.has(w)) {
      i++;
      while (i < words.length && words[i]!.startsWith('-')) i++;
    } else break;
  }
  const rest = words.slice(i);
  if (rest[0]) rest[0] = rest[0].slice(rest[0].lastIndexOf('/') + 1);
  return rest;
}

function operands(args: string[]): string[] {
  const out: string[] = [];
  let afterDashDash = false;
  for (const a of args) {
    if (!afterDashDash && a === '--') afterDashDash = true;
    else if (afterDashDash || !a.startsWith('-') || a === '-') out.push(a);
  }
  return out;
}

/** `git -C dir` and friends: the subcommand, its args and the effective cwd. */
function gitSubcommand(args: string[], cwd: string, home: string): { sub: string; args: string[]; cwd: string } | undefined {
  let i = 0;
  let dir = cwd;
  while (i < args.length && args[i]!.startsWith('-')) {
    const a = args[i]!;
    if (a === '-C' && i + 1 < args.length) {
      dir = resolvePath(dir, args[i + 1]!, home);
      i += 2;
    } else if (a === '-c' || a === '--git-dir' || a === '--work-tree') i += 2;
    else i++;
  }
  const sub = args[i];
  return sub ? { sub, args: args.slice(i + 1), cwd: dir } : undefined;
}

function gitTasks(words: string[], cwd: string, home: string): PreviewTask[] {
  const g = gitSubcommand(words.slice(1), cwd, home);
  if (!g) return [];
  const flags = g.args.filter((a) => a.startsWith('-'));
  switch (g.sub) {
    case 'reset':
      if (!flags.includes('--hard') && !flags.includes('--merge') && !flags.includes('--keep')) return [];
      return [{ kind: 'git-reset', cwd: g.cwd, ref: operands(g.args)[0] }];
    case 'checkout':
    case 'restore': {
      const dd = g.args.indexOf('--');
      const paths = dd >= 0 ? g.args.slice(dd + 1) : g.sub === 'restore' ? operands(g.args) : operands(g.args).filter((p) => p === '.' || p.includes('/'));
      if (g.sub === 'checkout' && (flags.includes('-f') || flags.includes('--force')) && paths.length === 0) return [{ kind: 'git-reset', cwd: g.cwd }];
      return paths.length > 0 ? [{ kind: 'git-discard', cwd: g.cwd, paths }] : [];
    }
    case 'clean': {
      const keep = flags.flatMap((f) => (f.startsWith('--') ? [] : f.slice(1).split(''))).filter((c) => c === 'd' || c === 'x' || c === 'X');
      return [{ kind: 'git-clean', cwd: g.cwd, flags: [...new Set(keep)].map((c) => '-' + c), paths: operands(g.args) }];
    }
    case 'push': {
      const ops = operands(g.args);
      const forced = flags.some((f) => f === '--force' || f === '-f' || f.startsWith('--force-with-lease') || f === '--mirror' || (/^-[a-zA-Z]+$/.test(f) && f.includes('f')));
      const plusRef = ops.slice(1).find((r) => r.startsWith('+'));
      if (!forced && !plusRef) return [];
      const remote = ops[0] ?? 'origin';
      const refspec = (plusRef ?? ops[1] ?? '').replace(/^\+/, '');
      const [localRef, remoteBranch] = refspec.includes(':') ? refspec.split(':', 2) : [refspec || undefined, refspec || undefined];
      return [{ kind: 'git-force-push', cwd: g.cwd, remote, localRef: localRef || undefined, remoteBranch: remoteBranch?.replace(/^refs\/heads\//, '') || undefined }];
    }
    default:
      return [];
  }
}

const SQL_CLIENTS = new Set(['psql', 'mysql', 'mariadb', 'sqlite3', 'sqlcmd', 'cockroach', 'clickhouse-client', 'mongosh', 'mongo', 'redis-cli']);
const SQL_STATEMENT = /\b(?:DROP|DELETE|TRUNCATE|ALTER|UPDATE|INSERT|GRANT|REVOKE|CREATE|REPLACE|MERGE|db\.\w+\.(?:drop|deleteMany|remove)|dropDatabase|FLUSHALL|FLUSHDB)\b[^;]*;?/gi;

/** Statements that change data, from the whole command text (flags, heredocs, here-strings alike). */
export function sqlStatements(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SQL_STATEMENT)) {
    const s = m[0].trim().slice(0, PREVIEW_LIMITS.statementChars);
    if (!out.includes(s)) out.push(s);
    if (out.length >= PREVIEW_LIMITS.statements) break;
  }
  return out;
}

/** A database URL with its password replaced, so the dialog never shows a secret. */
export function redactUrlPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]+):[^@\s]*@/i, '$1:•••@');
}

function databaseOf(words: string[], targets: readonly Target[]): string {
  const named = targets.filter((t) => t.kind === 'database' || t.kind === 'table').map((t) => `${t.name} (${t.environment === 'production' ? 'production' : t.environment})`);
  if (named.length > 0) return named.join(', ');
  const url = words.find((w) => /^[a-z][a-z0-9+.-]*:\/\//i.test(w));
  if (url) return redactUrlPassword(url);
  const flagValue = (names: string[]) => {
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      for (const n of names) {
        if (w === n && i + 1 < words.length) return words[i + 1];
        if (n.startsWith('--') && w.startsWith(n + '=')) return w.slice(n.length + 1);
      }
    }
    return undefined;
  };
  const db = flagValue(['-d', '--dbname', '-D', '--database']);
  const host = flagValue(['-h', '--host']);
  if (db || host) return [db, host && `on ${host}`].filter(Boolean).join(' ');
  if (words[0] === 'sqlite3' && words[1] && !words[1].startsWith('-')) return words[1];
  return 'not named in the command (the client default: treat as production)';
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
   * followed). Without them the planner splits the command line itself, top level only.
   */
  invocations?: readonly Invocation[];
}

interface SimpleCommand {
  words: string[];
  cwd: string;
  /** Runs on another machine (ssh, heroku run, kubectl exec ...): nothing on this disk to preview. */
  remote: boolean;
}

function simpleCommands(command: string, cwd: string, invocations: readonly Invocation[] | undefined): SimpleCommand[] {
  if (invocations) {
    // Arguments only known at run time ($X, $(...)) cannot be previewed; they are left out.
    return invocations.map((inv) => ({ words: [inv.name, ...inv.args.filter((a) => !a.dynamic).map((a) => a.text)], cwd: inv.cwd, remote: inv.remote !== undefined }));
  }
  return commandWords(command).map((raw) => ({ words: unwrap(raw), cwd, remote: false }));
}

export function planPreview(input: PlanInput): PreviewTask[] {
  const { action, verdict, home } = input;
  const tasks: PreviewTask[] = [];
  if (action.kind === 'write') {
    const path = isAbsolute(action.path) ? normalize(action.path) : resolvePath(action.cwd, action.path, home);
    tasks.push({ kind: 'file-write', path, content: action.content });
  } else if (action.kind === 'shell') {
    let sqlDone = false;
    for (const { words, cwd, remote } of simpleCommands(action.command, action.cwd, input.invocations)) {
      const name = words[0];
      if (!name) continue;
      // A delete or reset on another machine: this disk says nothing about it (its targets are listed
      // as remote resources below). SQL statements are shown from the command text either way.
      if (remote && !SQL_CLIENTS.has(name)) continue;
      if (name === 'rm' || name === 'rmdir' || name === 'shred' || name === 'unlink' || name === 'trash') {
        const paths = operands(words.slice(1));
        if (paths.length > 0) tasks.push({ kind: 'list-files', cwd, paths });
      } else if (name === 'git') {
        tasks.push(...gitTasks(words, cwd, home));
      } else if (SQL_CLIENTS.has(name) && !sqlDone) {
        sqlDone = true;
        const statements = sqlStatements(action.command);
        tasks.push({
          kind: 'static',
          section:
            statements.length > 0
              ? { kind: 'statements', title: 'Statements that change data', database: databaseOf(words, verdict.targets), statements }
              : { kind: 'unavailable', title: 'Statements', reason: `The statements are not in the command line (read from a file or standard input), so they cannot be shown. Database: ${databaseOf(words, verdict.targets)}.` },
        });
      }
    }
  } else if (action.kind === 'mcp') {
    const statements = sqlStatements(action.input);
    if (statements.length > 0) tasks.push({ kind: 'static', section: { kind: 'statements', title: `Statements sent to ${action.server}/${action.tool}`, database: databaseOf([], verdict.targets), statements } });
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
