import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CredentialFacts, Facts, FileIdentity, FileStatus, GitHistoryQuery, GitMove, GitPathState, ProductionMap } from '../core/policy/types';
import { parseSettingsMirror } from '../core/settings/mirror';
import { parsePolicyFile } from '../core/settings/policyFile';
import { SETTING_KEYS } from '../core/settings/types';
import { managedPolicyPaths, repositoryPolicyPaths } from './policy/policyPaths';
import { GUARD_PATHS, guardHome } from './guardHome';
import { openRegularFileSync, readRegularFileSync } from './safeOpen';
import { gitPathStates, gitRepositoryRoot, gitRun, repositoryRoot } from './gitPathState';
import { gitHistoryPaths } from './gitHistoryPaths';
import { gitMoveChanges } from './gitMoves';
import { archiveLinks, archiveMembers } from './archiveMembers';
import { compressedText } from './compressedText';
import { processRuntime } from './processRuntime';
import { gatherPerimeterFacts } from './perimeterFacts';
import { unstableScriptReason } from './scriptStability';

/**
 * The facts the policy engine is given about this machine, gathered lazily: nothing is read from
 * disk until a rule asks (most commands never need a file, the kube context or the production map).
 * Only names of environment variables leave this module, plus the values of a fixed allowlist of
 * non-secret selectors (NODE_ENV, AWS_PROFILE ...).
 */

export interface GatherFactsOptions {
  /** Absolute working directory of the command. */
  cwd: string;
  /** Workspace folders; by default the enclosing git repository of cwd, or cwd itself. */
  workspaceRoots?: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  home?: string;
  /** Credential look-ups, supplied by the credentials module when the caller has them. */
  credentials?: CredentialFacts;
  /**
   * The hook: when the agent's session began (epoch ms; undefined: the last hour stands in), so a
   * script changed since is not judged by its text (scriptStability.ts). Omitted: scripts are judged
   * by their text (`check`, the corpus).
   */
  scriptSession?: () => number | undefined;
}

/** Environment variables whose values say which environment a command targets and are never secrets. */
export const ENV_SELECTOR_ALLOWLIST: readonly string[] = [
  'NODE_ENV', 'RAILS_ENV', 'RACK_ENV', 'APP_ENV', 'ENVIRONMENT', 'ENV', 'STAGE', 'DEPLOY_ENV', 'FLASK_ENV', 'DJANGO_ENV',
  'DJANGO_SETTINGS_MODULE', 'MIX_ENV', 'ASPNETCORE_ENVIRONMENT', 'DOTNET_ENVIRONMENT', 'SPRING_PROFILES_ACTIVE',
  'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'GOOGLE_CLOUD_PROJECT', 'CLOUDSDK_CORE_PROJECT',
  'CLOUDSDK_ACTIVE_CONFIG_NAME', 'AZURE_SUBSCRIPTION_ID', 'TF_WORKSPACE', 'PULUMI_STACK', 'KUBE_CONTEXT',
  'DOCKER_HOST', 'DOCKER_CONTEXT', 'PGHOST', 'PGDATABASE', 'PGPORT', 'MYSQL_HOST', 'REDIS_HOST',
  'RAILWAY_ENVIRONMENT', 'RAILWAY_ENVIRONMENT_NAME', 'VERCEL_ENV', 'HEROKU_APP', 'FLY_APP', 'NETLIFY_SITE_ID',
];

/** Largest file handed to the engine. */
export const MAX_FACT_FILE_BYTES = 1024 * 1024;
const MAX_DIR_ENTRIES = 10_000;

/** Pseudo file systems and devices: reading them can block, never end, or leak kernel state. */
const FORBIDDEN_ROOTS = ['/proc', '/sys', '/dev'];

function forbidden(p: string): boolean {
  return FORBIDDEN_ROOTS.some((root) => p === root || p.startsWith(root + '/'));
}

/** Which file a path names and how many hard links it has (`Facts.fileIdentity`); undefined when the stat fails for another reason than absence. */
export function fileIdentity(absolutePath: string): FileIdentity | undefined {
  if (!path.isAbsolute(absolutePath)) return { kind: 'missing' };
  const normal = path.resolve(absolutePath);
  if (forbidden(normal)) return undefined;
  try {
    const stat = fs.statSync(normal, { bigint: true });
    return { kind: stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other', device: String(stat.dev), inode: String(stat.ino), links: Number(stat.nlink) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : undefined;
  }
}

/** Text of a regular file, at most 1 MB, containing no NUL byte; undefined for anything else. */
export function readTextFile(absolutePath: string): string | undefined {
  try {
    if (!path.isAbsolute(absolutePath)) return undefined;
    const normal = path.resolve(absolutePath);
    if (forbidden(normal)) return undefined;
    // Missing (optional policy files mostly are): no exception from realpath (~15 µs each).
    if (fs.statSync(normal, { throwIfNoEntry: false }) === undefined) return undefined;
    const real = fs.realpathSync.native(normal);
    if (forbidden(real)) return undefined;
    const buffer = readRegularFileSync(real, MAX_FACT_FILE_BYTES);
    if (!buffer || buffer.includes(0)) return undefined;
    return buffer.toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * Where a path leads once the symlinks on the way are resolved: the longest existing part through
 * `realpath` (one system call), the missing rest appended; undefined when that changes nothing.
 */
export function linkTarget(absolutePath: string, known?: Map<string, string>): string | undefined {
  if (!path.isAbsolute(absolutePath)) return undefined;
  const whole = path.resolve(absolutePath);
  let head = whole;
  let rest = '';
  for (let depth = 0; depth < 64; depth++) {
    // The real path of an existing folder, asked once per set of facts (1,600 files of 97 folders: 97 look-ups).
    const remembered = known?.get(head);
    if (remembered !== undefined) {
      const out = rest ? path.join(remembered, rest) : remembered;
      return out === whole ? undefined : out;
    } else {
      // A name that is not there is no link: its parent is asked next, without the cost of a thrown error.
      const stat = lstatQuietly(head);
      if (stat !== undefined) {
        try {
          const real = fs.realpathSync.native(head);
          if (rest !== '') known?.set(head, real);
          const out = rest ? path.join(real, rest) : real;
          return out === whole ? undefined : out;
        } catch {
          // A link whose target does not exist yet (`bslink -> ~/.blast-shield` before the guard made it) still leads there.
          const dangling = stat.isSymbolicLink() ? danglingLink(head) : undefined;
          if (dangling !== undefined) {
            head = dangling;
            continue;
          }
        }
      }
    }
    const parent = path.dirname(head);
    if (parent === head) return undefined;
    rest = rest ? path.join(path.basename(head), rest) : path.basename(head);
    head = parent;
  }
  return undefined;
}

/** lstat without a thrown error for a name that is not there (ENOENT, ENOTDIR, EACCES): undefined. */
function lstatQuietly(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Where a symbolic link that cannot be resolved (its target missing) points, as an absolute path; undefined when `p` is no link. */
function danglingLink(p: string): string | undefined {
  try {
    return path.resolve(path.dirname(p), fs.readlinkSync(p));
  } catch {
    return undefined;
  }
}

/**
 * Why `readTextFile` would return undefined: nothing there, a folder, a text file over 1 MB
 * ('too-large'), or a file that cannot be read (permissions, devices, pseudo file systems). A
 * binary file (a NUL byte in its first 4 KB) is a 'file': a program, not a script to analyse.
 */
export function fileStatus(absolutePath: string): FileStatus {
  try {
    if (!path.isAbsolute(absolutePath)) return 'missing';
    const normal = path.resolve(absolutePath);
    if (forbidden(normal)) return 'unreadable';
    let real: string;
    try {
      real = fs.realpathSync.native(normal);
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'missing' : 'unreadable';
    }
    if (forbidden(real)) return 'unreadable';
    const stat = fs.statSync(real);
    if (stat.isDirectory()) return 'directory';
    const file = openRegularFileSync(real);
    if (!file) return 'unreadable';
    try {
      const head = Buffer.alloc(Math.min(4096, file.size));
      const read = fs.readSync(file.fd, head, 0, head.length, 0);
      if (head.subarray(0, read).includes(0)) return 'file';
    } finally {
      fs.closeSync(file.fd);
    }
    return file.size > MAX_FACT_FILE_BYTES ? 'too-large' : 'file';
  } catch {
    return 'unreadable';
  }
}

function listDirectory(absolutePath: string): readonly string[] | undefined {
  try {
    if (!path.isAbsolute(absolutePath)) return undefined;
    const normal = path.resolve(absolutePath);
    if (forbidden(normal) || forbidden(fs.realpathSync(normal))) return undefined;
    const names = fs.readdirSync(normal);
    return names.length > MAX_DIR_ENTRIES ? names.slice(0, MAX_DIR_ENTRIES) : names;
  } catch {
    return undefined;
  }
}

export { repositoryRoot };

/** The kubeconfig files kubectl reads by default (KUBECONFIG lists files with ':'), absolute. */
export function kubeconfigPaths(env: Readonly<Record<string, string | undefined>>, home: string): string[] {
  return (env.KUBECONFIG ? env.KUBECONFIG.split(path.delimiter).filter((f) => f !== '') : [path.join(home, '.kube', 'config')]).map((f) => path.resolve(f));
}

/** `current-context:` of the first kubeconfig that names one (KUBECONFIG lists files with ':'). */
export function currentKubeContext(env: Readonly<Record<string, string | undefined>>, home: string): string | undefined {
  const files = kubeconfigPaths(env, home);
  for (const file of files) {
    const text = readTextFile(path.resolve(file));
    const m = text === undefined ? null : /^current-context:[ \t]*(["']?)([^"'\r\n]*)\1[ \t]*$/m.exec(text);
    const name = m?.[2]?.trim();
    if (name) return name;
  }
  return undefined;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

/** The `production` block of the settings mirror when written by hand: `{ "production": { "names": [], "hosts": [], "resourceIds": [] } }`. */
function productionBlock(value: unknown): ProductionMap | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const p = (value as { production?: unknown }).production;
  if (typeof p !== 'object' || p === null) return undefined;
  const r = p as Record<string, unknown>;
  return { names: stringList(r.names), hosts: stringList(r.hosts), resourceIds: stringList(r.resourceIds) };
}

/** The production markers of a policy file (`.blast-shield.json` or the managed policy); accounts count as resource ids. */
function policyMarkers(text: string): ProductionMap {
  const { values } = parsePolicyFile(text);
  return { names: stringList(values[SETTING_KEYS.productionNames]), hosts: stringList(values[SETTING_KEYS.productionHosts]), resourceIds: stringList(values[SETTING_KEYS.productionResourceIds]) };
}

/**
 * Union of the production maps the user and the team declared: every workspace entry of the settings
 * mirror the extension writes (or a hand-written top-level "production" block in it), the managed
 * policy, and each workspace's `.blast-shield.json`. A file that does not parse adds nothing; markers
 * only ever add protection.
 */
export function loadProductionMap(guardHomeDir: string, workspaceRoots: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): ProductionMap {
  const names = new Set<string>();
  const hosts = new Set<string>();
  const resourceIds = new Set<string>();
  const add = (m: ProductionMap | undefined): void => {
    if (!m) return;
    m.names.forEach((x) => names.add(x));
    m.hosts.forEach((x) => hosts.add(x));
    m.resourceIds.forEach((x) => resourceIds.add(x));
  };
  const mirrorText = readTextFile(GUARD_PATHS.settingsMirror(guardHomeDir));
  if (mirrorText !== undefined) {
    const mirror = parseSettingsMirror(mirrorText);
    for (const entry of Object.values(mirror?.workspaces ?? {})) add(entry.production);
    add(parseJson(mirrorText, productionBlock));
  }
  for (const file of [...managedPolicyPaths(process.platform, env), ...repositoryPolicyPaths(workspaceRoots)]) {
    const text = readTextFile(file);
    if (text !== undefined) add(policyMarkers(text));
  }
  return { names: [...names], hosts: [...hosts], resourceIds: [...resourceIds] };
}

function parseJson<T>(text: string, pick: (v: unknown) => T | undefined): T | undefined {
  try {
    return pick(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * Git's answers for one facts object (one decision; one folder of a `check --jsonl` batch, where
 * nothing runs between lines): each repository is found once per folder, each path's state is asked
 * once (the paths not yet known are asked together), and each history listing or move is asked once.
 * A question git could not answer stays unanswered for the rest of the decision, so the rules keep
 * assuming the worst instead of asking again.
 */
export class GitMemo {
  private readonly roots = new Map<string, string | undefined>();
  /** root -> path -> state; null: git could not say. Paths outside the repository are absent from answers. */
  private readonly states = new Map<string, Map<string, GitPathState | null | 'outside'>>();
  private readonly histories = new Map<string, ReturnType<typeof gitHistoryPaths>>();
  private readonly moves = new Map<string, readonly string[] | undefined>();
  /** Each git command the moves ask (a revision's existence, a diff), once: moves share them. */
  private readonly runs = new Map<string, ReturnType<typeof gitRun>>();
  private readonly run = (root: string, args: readonly string[]): ReturnType<typeof gitRun> => {
    const key = `${root}\0${args.join('\0')}`;
    let result = this.runs.get(key);
    if (!result) this.runs.set(key, (result = gitRun(root, args)));
    return result;
  };

  constructor(private readonly home: string) {}

  rootOf(dir: string): string | undefined {
    if (this.roots.has(dir)) return this.roots.get(dir);
    const root = gitRepositoryRoot(dir);
    this.roots.set(dir, root);
    return root;
  }

  pathStates(workTree: string, absolutePaths: readonly string[]): Record<string, GitPathState> | undefined {
    const root = this.rootOf(workTree);
    if (!root) return undefined;
    let known = this.states.get(root);
    if (!known) this.states.set(root, (known = new Map()));
    const unknown = [...new Set(absolutePaths.filter((p) => !known.has(p)))];
    if (unknown.length > 0) {
      const answer = gitPathStates(root, unknown);
      for (const p of unknown) known.set(p, answer === undefined ? null : (answer[p] ?? 'outside'));
    }
    const out: Record<string, GitPathState> = {};
    for (const p of absolutePaths) {
      const state = known.get(p);
      if (state === null) return undefined;
      if (state !== undefined && state !== 'outside') out[p] = state;
    }
    return out;
  }

  history(workTree: string, query: GitHistoryQuery): ReturnType<typeof gitHistoryPaths> {
    const root = this.rootOf(workTree);
    if (!root) return undefined;
    const key = `${root}\0${JSON.stringify([query.kind, query.revs, query.maxCount ?? null, query.cached ?? false])}`;
    if (!this.histories.has(key)) this.histories.set(key, gitHistoryPaths(root, query, this.home));
    return this.histories.get(key);
  }

  moveChanges(workTree: string, moves: readonly GitMove[]): readonly string[] | undefined {
    const root = this.rootOf(workTree);
    if (!root) return undefined;
    const key = `${root}\0${JSON.stringify(moves)}`;
    if (!this.moves.has(key)) this.moves.set(key, gitMoveChanges(root, moves, this.run));
    return this.moves.get(key);
  }
}

function lazy<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

export function gatherFacts(opts: GatherFactsOptions): Facts {
  const cwd = path.resolve(opts.cwd);
  const env = opts.env;
  const home = opts.home ?? env.HOME ?? os.homedir();
  const envNames = Object.keys(env).filter((k) => env[k] !== undefined);
  const envSelectors: Record<string, string> = {};
  for (const name of ENV_SELECTOR_ALLOWLIST) {
    const value = env[name];
    if (value !== undefined && value !== '' && value.length <= 200) envSelectors[name] = value;
  }
  const roots = lazy(() => opts.workspaceRoots?.map((r) => path.resolve(r)) ?? [repositoryRoot(cwd) ?? cwd]);
  const kubeContext = lazy(() => env.KUBE_CONTEXT || currentKubeContext(env, home));
  const kubeconfigFiles = lazy(() => kubeconfigPaths(env, home));
  const production = lazy(() => loadProductionMap(guardHome(env), roots(), env));
  const perimeter = lazy(() => gatherPerimeterFacts({ guardHome: facts.guardHome ?? guardHome(env), home, workspaceRoots: roots(), env }));
  const files = new Map<string, string | undefined>();
  const dirs = new Map<string, readonly string[] | undefined>();
  const sessionStart = lazy(() => (typeof opts.scriptSession === 'function' ? opts.scriptSession() : undefined));
  const git = new GitMemo(home);
  const statuses = new Map<string, FileStatus>();
  const realPaths = new Map<string, string | undefined>();
  const realFolders = new Map<string, string>();
  const identities = new Map<string, FileIdentity | undefined>();

  const facts: Facts = {
    cwd,
    home,
    get workspaceRoots() {
      return roots();
    },
    envNames,
    envSelectors,
    readFile(absolutePath: string) {
      if (files.has(absolutePath)) return files.get(absolutePath);
      const text = readTextFile(absolutePath);
      files.set(absolutePath, text);
      return text;
    },
    fileStatus(absolutePath: string) {
      let status = statuses.get(absolutePath);
      if (status === undefined) statuses.set(absolutePath, (status = fileStatus(absolutePath)));
      return status;
    },
    // Looked up once per path for these facts' life (one decision; one folder of a `check --jsonl` batch), like readFile.
    realPath(absolutePath: string) {
      if (!realPaths.has(absolutePath)) realPaths.set(absolutePath, linkTarget(absolutePath, realFolders));
      return realPaths.get(absolutePath);
    },
    // Once per path for these facts' life, like realPath: only a multiply-linked write target and the protected files it is compared with are asked.
    fileIdentity(absolutePath: string) {
      if (!identities.has(absolutePath)) identities.set(absolutePath, fileIdentity(absolutePath));
      return identities.get(absolutePath);
    },
    ...(opts.scriptSession ? { unstableScript: (absolutePath: string) => unstableScriptReason(absolutePath, sessionStart()) } : {}),
    listDir(absolutePath: string) {
      if (dirs.has(absolutePath)) return dirs.get(absolutePath);
      const names = listDirectory(absolutePath);
      dirs.set(absolutePath, names);
      return names;
    },
    get kubeContext() {
      return kubeContext();
    },
    get kubeconfigFiles() {
      return kubeconfigFiles();
    },
    get production() {
      return production();
    },
    get perimeter() {
      return perimeter();
    },
    guardHome: guardHome(env),
    gitPathStates(workTree: string, absolutePaths: readonly string[]) {
      return git.pathStates(workTree, absolutePaths);
    },
    gitHistoryPaths(workTree: string, query: GitHistoryQuery) {
      return git.history(workTree, query);
    },
    gitMoveChanges(workTree: string, moves: readonly GitMove[]) {
      return git.moveChanges(workTree, moves);
    },
    processRuntime(pid: number) {
      return processRuntime(pid);
    },
    archiveLinks(file: string) {
      return archiveLinks(file);
    },
    archiveMembers(file: string) {
      return archiveMembers(file);
    },
    compressedText(file: string) {
      return compressedText(file);
    },
  };
  if (opts.credentials) facts.credentials = opts.credentials;
  return facts;
}
