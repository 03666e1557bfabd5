/**
 * The policy engine's vocabulary. Everything here is data: the shell analysis produces `Analysis`,
 * rule packs turn it into `Finding`s, and `composeVerdict` folds findings into one `Verdict`.
 * Facts about the machine arrive through `Facts`; core never looks them up itself.
 */

export type Decision = 'allow' | 'ask' | 'deny';

/** Where a target lives. `unknown` on a remote destructive target is treated as production. */
export type Environment = 'production' | 'non-production' | 'local' | 'unknown';

export type TargetKind =
  | 'path'
  | 'repository'
  | 'branch'
  | 'database'
  | 'table'
  | 'volume'
  | 'service'
  | 'environment'
  | 'project'
  | 'app'
  | 'cluster'
  | 'namespace'
  | 'stack'
  | 'bucket'
  | 'resource'
  | 'url'
  | 'credential';

export interface Target {
  kind: TargetKind;
  /** The name, id, path or URL as the command names it (never a secret value). */
  name: string;
  /** 'railway', 'aws', 'postgres', 'git', 'filesystem', ... */
  provider?: string;
  /** true when the action reaches a system other than this machine. */
  remote: boolean;
  environment: Environment;
  /** A sentence saying why: "--environment production", "host db.prod.example.com", "environment unknown — treated as production". */
  environmentReason: string;
}

/** The kinds of risk a finding can carry; `Verdict.risks` lists the distinct ones. */
export type Risk =
  | 'destructive'
  | 'catastrophic'
  | 'credential-read'
  | 'credential-dump'
  | 'credential-use'
  | 'unanalyzable'
  | 'self-protection'
  | 'production-access'
  /** A change that removes a protection against losing data (backups, versioning, deletion protection, privacy). */
  | 'protection-removal';

export interface Finding {
  /** Stable id: '<pack>.<rule>', e.g. 'files.rm-recursive'. */
  rule: string;
  risk: Risk;
  /** 'info' findings never block: they mark production access or add provenance to a verdict. */
  severity: 'info' | 'ask' | 'deny';
  /** One sentence a human reads. Never contains a secret value. */
  reason: string;
  targets: Target[];
}

export interface Verdict {
  decision: Decision;
  production: boolean;
  risks: Risk[];
  reasons: string[];
  targets: Target[];
  /** The phrase a human must type to allow once; names the target. null when nothing needs confirming. */
  confirm: string | null;
}

// ---------------------------------------------------------------------------------------------
// Shell analysis output

export type { ArgWord, RedirectOp } from '../shell/ast';
import type { ArgWord, RedirectOp, SnippetLanguage } from '../shell/ast';
import type { WorkMeter } from './workMeter';
import type { EffectKind } from './effects';


export interface Redirect {
  op: RedirectOp;
  /** The file descriptor written before the operator, if any. */
  fd?: number;
  target: ArgWord;
}

export type StdinSource =
  | { kind: 'heredoc'; text: string }
  | { kind: 'herestring'; text: string }
  | { kind: 'file'; path: string }
  | { kind: 'pipe'; from: Invocation };

/** How an invocation was reached, outermost first: 'sudo', 'bash -c', 'eval', 'xargs', 'script ./deploy.sh'. */
export type Via = string;

/** One command that will run, with wrappers peeled off and nested shells expanded. */
export interface Invocation {
  /** The command name as it will be resolved: quotes and escapes removed, directory stripped (/bin/rm -> rm). */
  name: string;
  /** argv[0] as written after quote removal (may carry a path). */
  command: string;
  /** Arguments after the command name. */
  args: ArgWord[];
  /** `VAR=value` prefixes and `env VAR=value` assignments in effect for this command. */
  assignments: Readonly<Record<string, string>>;
  redirects: Redirect[];
  stdin?: StdinSource;
  /** The name of the command this one's stdout is piped into, if any ('' for a stage that is no simple command: a loop, a group). */
  pipedInto?: string;
  /** That command's arguments (`jq '.data | keys'`). */
  pipedArgs?: readonly ArgWord[];
  via: Via[];
  /** Where the text came from: the agent's command line, a script file it runs, a decoded payload. */
  origin: Origin;
  /** The working directory the command runs in, as far as it can be known statically. */
  cwd: string;
  /** True when `cwd` is only the last directory known: an earlier `cd` went somewhere computed at run time. */
  cwdUncertain?: boolean;
  /** Set when the command runs on another machine or container than this one (ssh, heroku run, fly ssh console, kubectl exec). */
  remote?: RemoteContext;
  /** An earlier command of the line wrote or moved files (a redirect, cp, mv, a clone): the machine is not as the facts say when this one runs. */
  afterWrites?: boolean;
  /** Words the wrappers in `via` consumed themselves (`strace -o FILE`, `flock LOCKFILE`), in order. Omitted when none. */
  wrapperWords?: ArgWord[];
  /** Words of the wrappers that started the shell or program this command runs in (`doppler run -c prd -- sh -c 'psql'`): the variables they loaded reach it. */
  loaderWords?: readonly ArgWord[];
  /**
   * Every command substitution whose output reaches this command through shell variables: in its
   * arguments (the union of their `sources`), `VAR=$TOKEN` prefixes, redirect targets and heredocs.
   * Omitted when there are none.
   */
  sources?: string[];
}

/**
 * Where a command runs when it is not this machine: `ssh host '…'`, `heroku run '…' -a app`,
 * `fly ssh console -C '…'`, `kubectl exec pod -- …`. What such a command deletes is remote, and its
 * environment is resolved from these names; none resolving means production.
 */
export interface RemoteContext {
  /** The place, short enough for a confirm phrase; targets there are named `place:path`. 'db1', 'heroku shop', 'pod web-0'. */
  place: string;
  /** 'ssh', 'heroku', 'fly', 'kubernetes'. */
  provider: string;
  /** Names that may say which environment it is (host, app, kube context, namespace), with where they came from. */
  names: readonly { source: string; value: string }[];
}

export type Origin =
  | { kind: 'command' }
  | { kind: 'script'; path: string }
  | { kind: 'decoded'; encoding: 'base64' | 'printf' | 'hex' };

export type { SnippetLanguage } from '../shell/ast';

/** Code that is not shell but will run: interpreter one-liners, script files, SQL from heredocs or files. */
export interface CodeSnippet {
  language: SnippetLanguage;
  text: string;
  /** The invocation that runs it (python, psql, curl ...). */
  runner: Invocation;
  origin: Origin;
}

/** Something that cannot be known before it runs: always at least "ask". */
export interface Opaque {
  reason: string;
  via: Via[];
  /** The other machine the unreadable part runs on (`ssh bastion bash -s < x.sh`). */
  remote?: RemoteContext;
  /** The address the unread code was fetched from (`git clone URL`, `pip install git+URL`, `go run host/x@v`): a remote target. */
  fetchedFrom?: string;
}

export interface Analysis {
  /** The command text analysed (the agent's line), when there was one. */
  text?: string;
  invocations: Invocation[];
  snippets: CodeSnippet[];
  opaque: Opaque[];
}

// ---------------------------------------------------------------------------------------------
// Facts: what core is told about the world.

/** What the user declared production in settings or the workspace map (only ever adds protection). */
export interface ProductionMap {
  names: readonly string[];
  hosts: readonly string[];
  resourceIds: readonly string[];
}

/** A credential file's description, without its contents. */
export interface CredentialFileInfo {
  /** Workspace-relative where possible, otherwise absolute or ~-relative. */
  path: string;
  /** 'dotenv', 'private-key', 'railway-token', 'aws-credentials', 'generic-secret', ... */
  kind: string;
  /** A label a human reads: "the Railway token", "an AWS secret key". */
  label: string;
}

export interface CredentialFacts {
  /** Is this absolute path a credential file (by path rules or a known content match)? */
  fileInfo(absolutePath: string): CredentialFileInfo | undefined;
  /** Credential files under this absolute directory (for recursive greps and globs), bounded. */
  filesUnder(absoluteDir: string): readonly CredentialFileInfo[];
  /** Where a literal value came from, compared by salted hash. Never returns the value. */
  originOf(value: string): CredentialFileInfo | undefined;
  /**
   * After `filesUnder(dir)`: true when a limit (entries, depth, the time an index built on demand may
   * take) stopped the listing before it saw everything, so a search there may reach more.
   */
  incomplete?(absoluteDir: string): boolean;
}

export type FileStatus = 'missing' | 'file' | 'too-large' | 'unreadable' | 'directory';

/** Which file a path names (device and inode, as decimal text) and how many names it has; `missing` when nothing is there. */
export type FileIdentity = { kind: 'file' | 'directory' | 'other'; device: string; inode: string; links: number } | { kind: 'missing' };

export interface Facts {
  /** Absolute working directory of the command. */
  cwd: string;
  /** Absolute home directory. */
  home: string;
  /** Workspace folders (absolute). */
  workspaceRoots: readonly string[];
  /** Names of environment variables set for the agent (names only, never values). */
  envNames: readonly string[];
  /** Values of non-secret environment selectors only: NODE_ENV, RAILS_ENV, APP_ENV, AWS_PROFILE, ... */
  envSelectors: Readonly<Record<string, string>>;
  /** Text of a small file the agent could read (script, payload, package.json), or undefined. */
  readFile(absolutePath: string): string | undefined;
  /** Entries of a directory (names only), for expanding globs; undefined when it is not one. */
  listDir(absolutePath: string): readonly string[] | undefined;
  /**
   * What is at a path, for telling why `readFile` returned undefined: a script that exists but is
   * too large or unreadable cannot be analysed (opaque), while a missing one runs nothing.
   */
  fileStatus?(absolutePath: string): FileStatus;
  /**
   * Where a path really leads: the longest existing part with every symlink on the way resolved, the
   * rest appended. Undefined when no link is on the way or it cannot be known. The perimeter judges a
   * path by where it leads (`rm link/hooks.json` with `link` -> a project's `.cursor`).
   */
  realPath?(absolutePath: string): string | undefined;
  /**
   * Which file a path names (its device and inode, following symlinks) and how many hard links it has;
   * undefined when that cannot be known (no permission). A write through one hard link changes the file
   * every other name shows: the perimeter compares a multiply-linked target with the protected files it
   * knows (`rules/perimeter/hardLinks.ts`). Omitted: no file is known to have another name.
   */
  fileIdentity?(absolutePath: string): FileIdentity | undefined;
  /**
   * Why a script file's text cannot stand for what will run (the agent may rewrite it between the
   * check and the run), or undefined. Omitted: scripts are judged by their text.
   */
  unstableScript?(absolutePath: string): string | undefined;
  /** The current kubectl context, when known. */
  kubeContext?: string;
  /** The kubeconfig files kubectl reads when the line names none (the environment's KUBECONFIG, else ~/.kube/config); read through `readFile`. */
  kubeconfigFiles?: readonly string[];
  production: ProductionMap;
  credentials?: CredentialFacts;
  /** Blast Shield's own folder (~/.blast-shield unless moved), for self-protection. Omitted: ~/.blast-shield. */
  guardHome?: string;
  /** Where the guard installed itself and which real paths stand for protected ones (rules/perimeter). */
  perimeter?: PerimeterFacts;
  /**
   * How git sees these paths of the repository holding `workTree` (a folder's state is the most
   * exposed of the files below it): whether `git reset --hard` or `git stash` would change them.
   * Undefined when it cannot be known (no repository, git failed): the perimeter then assumes the worst.
   */
  gitPathStates?(workTree: string, absolutePaths: readonly string[]): Readonly<Record<string, GitPathState>> | undefined;
  /**
   * The paths (absolute) that the commits, trees or diffs a history command prints touch, in the
   * repository holding `workTree`; `complete` is false when a limit stopped the listing. Undefined
   * when there is no repository. `credentials`: files gone from the work tree whose last committed text
   * holds a credential (judged by that text). See `GitHistoryQuery`.
   */
  gitHistoryPaths?(workTree: string, query: GitHistoryQuery): { paths: readonly string[]; complete: boolean; credentials?: readonly CredentialFileInfo[] } | undefined;
  /**
   * The files (absolute paths) a git move to other commits would change in the repository holding
   * `workTree` (a branch switch, a merge, a cherry-pick, a revert, a stash applied), from the trees
   * involved. A revision that names no commit adds nothing (git would refuse). Undefined when it
   * cannot be known (no repository, git failed, too many files): the perimeter then assumes the worst.
   */
  gitMoveChanges?(workTree: string, moves: readonly GitMove[]): readonly string[] | undefined;
  /**
   * Whether process `pid` runs a JavaScript runtime that opens its inspector on SIGUSR1 (Node,
   * Electron, an editor), is some other program, or is gone; undefined when it cannot be known.
   */
  processRuntime?(pid: number): 'javascript' | 'other' | 'gone' | undefined;
  /**
   * The member names of the archive at an absolute path (tar, tar.gz, zip), as they would be
   * extracted; undefined when they cannot be known for certain (another compression, too large,
   * damaged, a link member pointing out of the folder).
   */
  archiveMembers?(absolutePath: string): readonly string[] | undefined;
  /** The link members of a tar, tar.gz or zip (name and stored target): what an extraction plants; empty when none, undefined when it cannot be read. */
  archiveLinks?(absolutePath: string): readonly { name: string; target: string }[] | undefined;
  /**
   * The text a single-file compressed stream at an absolute path holds (gzip, xz, bzip2, zstd, lz4; a file
   * that is not compressed as it is), or why it could not be read within the bounds; undefined when no
   * regular file is there. Omitted: compressed files are judged by their names only.
   */
  compressedText?(absolutePath: string): CompressedText | undefined;
}

/** What `compressedText` found: the decompressed text, or why it was cut short (the rules then ask). */
export type CompressedText = { text: string; cut?: undefined } | { text?: undefined; cut: 'too large' | 'unreadable' };

/**
 * What a git history command prints, for `gitHistoryPaths`: the changes of commits walked from `revs`
 * (`log`, at most `maxCount`), of those commits alone (`show`), of every ref and the reflog (`all`),
 * between trees (`diff`; none: the work tree against the index, `cached`: the index against HEAD), of
 * a stash entry (`stash`), every file of a tree (`tree`), objects named by their hash (`object`: a blob is
 * judged by its text under the paths history gave it, a commit or tree as `show`/`tree`), or the history of
 * named paths (`paths`). `revs` are revision words only (no options).
 */
export interface GitHistoryQuery {
  kind: 'log' | 'show' | 'all' | 'diff' | 'stash' | 'tree' | 'object' | 'paths';
  revs: readonly string[];
  /** `paths`: absolute paths whose history (every ref) is printed, files gone from the work tree among them. */
  paths?: readonly string[];
  maxCount?: number;
  cached?: boolean;
}

/**
 * A git move to other commits, as the files it changes are asked of git: the work tree becomes
 * another commit's tree (`tree`: checkout/switch/reset to it), the changes of named commits or ranges
 * are replayed or undone (`commits`: cherry-pick, revert, what a rebase rewrites), the changes made
 * on another line of history since it forked arrive (`merge`), or a stash entry is applied (`stash`).
 */
export type GitMove =
  /** `remoteGuess`: a branch name that is not local is looked up on the remotes too (`git checkout feat` creates feat from origin/feat). */
  | { kind: 'tree'; to: string; remoteGuess?: boolean }
  | { kind: 'commits'; revisions: readonly string[] }
  | { kind: 'merge'; from: string }
  | { kind: 'stash'; entry: string };

/** A path against the last commit: as committed (or deleted, which a reset restores), changed, staged as new, untracked, ignored. */
export type GitPathState = 'unmodified' | 'modified' | 'staged-new' | 'untracked' | 'ignored' | 'unknown';

/**
 * What the perimeter needs beyond the well-known paths: the hook configurations this guard installed
 * (from its install registry, protected wherever the command runs), symlink aliases, and start-up
 * files the environment names. Gathered by the node layer; cheap (one small file, a few realpaths).
 */
export interface PerimeterFacts {
  /** Absolute paths of hook configuration files this guard installed. */
  installedConfigs: readonly string[];
  /** A real path that stands for a protected one (the guard home, the home folder, an installed config or start-up file behind a symlink). */
  aliases: readonly { real: string; path: string }[];
  /** Start-up files named by the environment: `$BASH_ENV`, `$ENV`, `$ZDOTDIR/.zshenv` ... */
  startupFiles: readonly string[];
  /** The folders on the agent's PATH, in order: a program there named like the runtime (`node`) stands for it. */
  pathFolders?: readonly string[];
  /** The folders the guard's own code runs from (the package root holding `dist/` and `node_modules/`). */
  guardCode?: readonly string[];
}

export interface ClassifyOptions {
  lockdown: boolean;
}

// ---------------------------------------------------------------------------------------------
// Rule packs

export interface EnvironmentHints {
  /** Flag values, app/project/stack/bucket names, hosts or URLs that might say which environment. */
  values: readonly string[];
  /** Whether the target is on another machine. Local targets are never production. */
  remote: boolean;
  /** Values with the flag or place they came from, for readable reasons: `{ source: '--context', value: 'prod-east' }`. */
  sources?: readonly { source: string; value: string }[];
  /** Environment selector variables that govern this target (RAILS_ENV for a Rails database). Omitted: the generic ones. */
  selectors?: readonly string[];
}

export interface RuleContext {
  facts: Facts;
  /** The decision's work budget; costly steps spend from it first and stop when it is spent. */
  work?: WorkMeter;
  /**
   * What reading text again may cost (provenance re-reads substitutions nested in every enclosing
   * command): proportional to the command's length, so nesting cannot make it quadratic. Only
   * information is skipped when it is spent.
   */
  rescan?: WorkMeter;
  /** Decide a target's environment from hints and the facts (production map, env selectors). */
  environmentOf(hints: EnvironmentHints): { environment: Environment; reason: string };
}

/**
 * A rule pack is a small declarative module: which commands it looks at, and a pure check that
 * reports findings. Packs never decide the final verdict; `composeVerdict` does.
 */
/** What an invocation must show for a pack's `checkInvocation` to be worth calling (`RulePack.gate`). */
export interface PackGate {
  names?: readonly string[];
  /** Names of a family no list holds (`python3.12`). */
  namePattern?: RegExp;
  words?: RegExp;
  /** Or its effects (policy/effects.ts `effectsOf`) include one of these kinds. */
  effects?: readonly EffectKind[];
  /** Or it has an output redirect (`>`, `>>`, `>|`, `&>`, `&>>`, `<>`). */
  outputRedirect?: boolean;
  /** Or it runs through one of these wrappers (`Invocation.via`: `nsenter`, `xargs`). */
  via?: readonly string[];
  /** Or something is written on its standard input (`Invocation.stdin`: a pipe, a file, a here-document). */
  stdin?: boolean;
}

export interface RulePack {
  id: string;
  title: string;
  /** Command names (Invocation.name) this pack inspects. Omit to see every invocation. */
  commands?: readonly string[];
  /**
   * Dispatch only, for a pack that lists no `commands` (so it stays off the verb floor's list and keeps
   * its full reading of dry runs): whether an invocation of this command name can give the pack's
   * `checkInvocation` a finding. Asked once per name and remembered; the engine calls the pack only for
   * names that answer true. It must be a pure function of the name, and answer true whenever the pack's
   * check could look at anything (facts included) for that name. Omit to see every invocation.
   */
  reactsTo?(name: string): boolean;
  /**
   * Dispatch only (policy/packGates.ts): `checkInvocation` can find something only in an invocation
   * named one of `names` (or matching `namePattern`), with an argument word whose text matches `words`
   * (each word alone; no `g`/`y` flag), with one of the `effects`, or with an output redirect. The
   * engine skips the call otherwise, so it must hold for every invocation, facts included. `test/unit/policy/s30PerfGates.test.ts` checks it over every corpus command.
   */
  gate?: PackGate;
  /**
   * The pack's findings may deny (the perimeter: what would weaken the guard itself). The engine judges
   * every invocation, snippet and the analysis with such packs first, before any other pack spends from
   * the decision's budget (classify.ts `findingsOf`), so padding a line until the rest runs out of budget
   * cannot turn its deny into an ask.
   */
  guardsPerimeter?: boolean;
  checkInvocation?(inv: Invocation, ctx: RuleContext): Finding[];
  checkSnippet?(snippet: CodeSnippet, ctx: RuleContext): Finding[];
  /**
   * Sees the whole analysis once, for what only shows across invocations: a group or an fd opened
   * earlier feeding a socket (`{ echo …; } | telnet …`, `exec 3<>/dev/tcp/…; printf … >&3`).
   */
  checkAnalysis?(analysis: Analysis, ctx: RuleContext): Finding[];
}
