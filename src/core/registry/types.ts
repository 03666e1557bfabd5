/**
 * The command model: each external CLI described once, as data the walker (wrappers, remote and
 * nested execution) and the rule packs (destructive paths, production) both read. A tool is its
 * option grammar (see grammar.ts), its subcommand tree with what each subcommand does, where the
 * target and environment come from, and which subcommands run a command somewhere else.
 */

import type { ArgWord } from '../shell/ast';
import type { Invocation, RemoteContext, RuleContext, TargetKind } from '../policy/types';
import type { GrammarNode, GrammarSpec, ParsedCommand } from './grammar';

/**
 * What a subcommand does, as far as the guard cares:
 * - read: looks only (list, get, logs, status);
 * - mutate: changes something that can be changed back (deploy, set, scale up);
 * - delete: destroys or empties something (the rule table names what);
 * - exec: runs a command line or script somewhere (ssh, `heroku run`, `kubectl exec`).
 */
export type Effect = 'read' | 'mutate' | 'delete' | 'exec';

/** The parsed words of one reading of an invocation, with accessors by option name. */
export interface ToolArgs {
  /** The invocation's command name (`fly` or `flyctl`). */
  name: string;
  parsed: ParsedCommand;
  /** The last value of any of these options (any spelling). */
  value(...names: string[]): string | undefined;
  /** The word of that value (for `dynamic`). */
  valueWord(...names: string[]): ArgWord | undefined;
  /** Every value of these options, in order. */
  values(...names: string[]): string[];
  has(...names: string[]): boolean;
  /** The n-th operand after the subcommand path. */
  operand(n: number): string | undefined;
}

/** Where a command run elsewhere comes from. */
export type CommandSource =
  /** The value of an option is a command line (`-C 'rm -rf /data'`); `list` joins every value as lines. */
  | { text: 'option'; option: string; decode?: (text: string) => string[] | undefined; undecodable?: string }
  /**
   * Operands after the first `skip` are one command line (`ssh db1 rm -rf /data`), joined with spaces;
   * `quoteSpaced` when the CLI double-quotes a word holding a space or a quote (`heroku run bash -c "a b"`).
   */
  | { text: 'operands'; skip: number; quoteSpaced?: boolean }
  /** The entry reads the command line out of the words (an ssh's trailing words, a module's arguments); joined with spaces. */
  | { text: 'computed'; of(args: ToolArgs): ArgWord[] }
  /** The words after `--` are a command (`kubectl exec pod -- rm -rf /data`). */
  | { argv: 'after-dashdash' }
  /** Operands after the first `skip` are a command (`docker exec box rm -rf /data`). */
  | { argv: 'operands'; skip: number }
  /** The entry describes the command (`docker run IMAGE …` puts the image's entry point first). */
  | { argv: 'computed'; of(args: ToolArgs): ArgWord[] };

/** A subcommand that runs a command line or script on another machine, or here with another environment. */
export interface RunsElsewhere {
  command: CommandSource;
  /** The remote place; undefined when the command runs on this machine (`railway run`, a local docker daemon). */
  place(args: ToolArgs): RemoteContext | undefined;
  /** How `via` names the hop: 'fly ssh console', 'ssh db1'. */
  label(args: ToolArgs): string;
  /** Without a command the remote login shell runs whatever standard input carries. */
  loginShell?: boolean;
  /** Applies only when this holds (ansible's command, shell and raw modules). */
  when?(args: ToolArgs): boolean;
  /** A file on this machine whose shell text is copied there and run (`ansible -m script ./x.sh`). */
  script?(args: ToolArgs): ArgWord | undefined;
  /** What runs there comes from something the guard does not read (a playbook, a state tree): why it asks. */
  unread?(args: ToolArgs): string | undefined;
}

/**
 * A subcommand that sends statements to a database the platform hosts (`heroku pg:psql`,
 * `wrangler d1 execute`, `railway connect`, `turso db shell`): where the statements come from and
 * which database they reach. The database pack reads them like any SQL client's.
 */
export interface SqlSession {
  /** 'postgres', 'mysql', 'sqlite', 'redis', 'mongodb', or chosen from the words (`railway connect redis`). */
  engine: string | ((args: ToolArgs) => string);
  /** Options whose values are statements (`-c`, `--command`). */
  statementOptions?: readonly string[];
  /** Options whose values are files of statements (`-f`, `--file`). */
  fileOptions?: readonly string[];
  /** Operands from this index on are statements (`turso db shell db "DELETE …"`). */
  statementOperand?: number;
  /** The database as the command names it (for the dialog and as an environment hint). */
  database(args: ToolArgs): string | undefined;
  /** More names that say the environment (PlanetScale's `main` branch is its production branch). */
  environmentHints?(args: ToolArgs): HintSource[];
  /** The statements run against a copy on this machine (`wrangler d1 execute --local`). */
  local?(args: ToolArgs): boolean;
  /** That local copy is a development emulator's state (Miniflare's `.wrangler/state`), rebuilt from migrations: what runs there is routine. */
  emulatorCopy?: boolean;
  /** Given no statements, file or standard input, it opens an interactive shell on the database (`heroku pg:psql`, `railway connect`). */
  shell?: boolean;
  /**
   * The environment the platform picks when no option, variable or linked project names one (Railway's
   * first environment is `production`, and `railway connect` without `-e` opens the linked one).
   */
  defaultEnvironment?: string;
}

/**
 * A database client's own statements (`psql -c`, `mysql -e`, `sqlite3 db "SQL"`, `redis-cli FLUSHALL`):
 * which options and operands carry them. The database pack reads the connection (URL, host, database)
 * and judges the statements; with none of these given the client reads standard input.
 */
export interface DatabaseClient {
  engine: 'postgres' | 'mysql' | 'sqlite' | 'mongodb' | 'redis' | 'database';
  /** Options whose values are statements, each run on its own (`-c`, `--execute`, `--init-command`). */
  statementOptions?: readonly string[];
  /** Options whose values are files of statements (`-f`, `--file`); `-` is standard input. */
  fileOptions?: readonly string[];
  /** Operands from this index on are statements, each its own (`sqlite3 db.sqlite "DROP …" "VACUUM"`). */
  statementOperands?: number;
  /** Operands from this index on are one command (`redis-cli -n 2 FLUSHDB`). */
  commandOperands?: number;
  /** The option that appends standard input to that command as its last argument (`redis-cli -x`). */
  stdinArgument?: string;
  /** The operand naming the server when no option does (`cqlsh db.prod -f x.cql`, `usql "$DATABASE_URL"`). */
  hostOperand?: number;
  /** Operands with this prefix are files of statements (SQL*Plus `@wipe.sql`); the others are counted without them. */
  fileOperandPrefix?: string;
  /** Options naming the server, by URL or host (`-S`, `--url`, `--server`); the generic reader's. */
  serverOptions?: readonly string[];
  /** The service is always hosted (Snowflake): no server named is not this machine. */
  hosted?: boolean;
  /**
   * Options that make the client do one thing and exit without a prompt (`psql -l`, `redis-cli --scan`,
   * `--version`): with none of them and no statements, file or standard input, the client opens an
   * interactive shell whose statements nothing checks.
   */
  noPrompt?: readonly string[];
  /** The words after `--` are one call of the shell's API (`mysqlsh URI -- util dump-instance /tmp/d`): a statement, not operands. */
  apiAfterEndOfOptions?: boolean;
}

/**
 * What a package manager's subcommand does with the project's code: `script` runs the package.json
 * script its first operand names (`npm run build`), `{ script }` a fixed one (`npm test`, with
 * `fallback` scripts when it is missing: `npm restart` is stop then start), `install` runs the
 * lifecycle scripts when it names no package, `binary` runs a package's binary (its operands, or
 * the shell text of `call`), `publish` and `uninstall` say so, `builtin` runs no project code.
 */
export type PackageAction =
  | 'script'
  | { script: string; fallback?: readonly string[] }
  | 'install'
  | { binary: true; call?: string }
  | 'publish'
  | 'uninstall'
  | 'builtin'
  /** The operands (after `skip` of them) are this manager's own words again, run in each or one workspace (`yarn workspaces foreach npm publish`). */
  | { again: true; skip?: number };

/** A subcommand: its grammar, its children and what it does. */
export interface CommandSpec extends GrammarNode {
  commands?: Readonly<Record<string, CommandSpec>>;
  effect?: Effect;
  /** Operands this subcommand reads whole and keeps (`docker secret create NAME FILE`): read effects (`policy/registryOutputs.ts`). */
  inputOperands?: 'last' | 'all';
  runsElsewhere?: RunsElsewhere;
  /** It runs statements on a hosted database (read from options, operands or standard input). */
  sql?: SqlSession;
  /**
   * It switches the CLI's persistent selection, as if exporting these variables for every later
   * command (`docker context use prod` -> DOCKER_CONTEXT=prod).
   */
  selects?(args: ToolArgs): Readonly<Record<string, string>>;
  /** A package manager's subcommand: which of the project's code it runs, or that it installs, publishes, uninstalls. */
  package?: PackageAction;
  /**
   * It fetches commits and lands them in this clone's work tree, as `git pull` does (`gh repo sync`, `hub sync`,
   * `git town sync`, git-up): the perimeter judges it as a pull (`rules/perimeter/gitLine.ts`). A function says
   * when (`gh repo sync OWNER/FORK` syncs a fork on the server: nothing lands here).
   */
  pulls?: true | ((args: ToolArgs) => boolean);
  /** Options that make this subcommand only show what it would do (`git clean -n`, `pulumi destroy --preview-only`). */
  dryRun?: readonly string[];
  /** The operand that names the hosted resource it works on (`wrangler d1 export prod-db`): an environment hint for read-only work. */
  resourceOperand?: number;
  /** A database client (on the tool, or on a subcommand: `cockroach sql`): where its statements come from (the database pack reads them). */
  client?: DatabaseClient;
  /** Options of this subcommand whose value is a file it writes (`gh release download -O FILE`), as the tool's `outputOptions`. */
  outputOptions?: readonly string[];
  /**
   * Options whose value is a folder this subcommand writes files into under names it chooses while running (`gh release
   * download -D DIR`, `eget --to DIR`): an extraction into that folder (`policy/registryOutputs.ts`), judged like `tar -C DIR`.
   */
  outputFolders?: readonly string[];
  /**
   * It installs its own git hooks (a hook manager's set-up; `rules/support/hookManagerInstalls.ts`):
   * `overwrite` writes them over the hook files in the folder git uses, `hooks-path` points
   * core.hooksPath at its own folder so git stops running the folder in use, `unset-hooks-path` sends
   * git back to `.git/hooks` (a configured folder stops running). `when`: only with one of
   * these options (`pre-commit install -f`); `types`: the option that names the hooks (else every
   * hook); `own`: what its own hook files say (a re-install over its own hooks loses nothing).
   */
  installsHooks?: readonly HookInstall[];
  /**
   * It changes what a public package or extension registry serves to everyone, which no command here
   * takes back (a version published or withdrawn, a tag moved, access opened): the words say what.
   */
  registryAct?: RegistryAct;
}

/** How a hook manager's set-up takes the place of the hooks git runs now. */
export interface HookInstall {
  way: 'overwrite' | 'hooks-path' | 'unset-hooks-path';
  when?: readonly string[];
  types?: readonly string[];
  own: RegExp;
  /**
   * It refuses to install while core.hooksPath points elsewhere than `.git/hooks` unless one of these options is given
   * (lefthook: `-f`, `--reset-hooks-path`; evilmartians/lefthook#1487): without them nothing is displaced there.
   */
  refusesHooksPath?: readonly string[];
}

/** What a subcommand does to a package registry, and what keeps it from happening. */
export interface RegistryAct {
  /** Present tense, for the reason: 'publishes the package to the registry'. */
  does: string;
  /** The act is undone or dry when this holds (`cargo yank --undo`, `npm access set status=private`). */
  harmless?(args: ToolArgs): boolean;
  /** The registry it reaches as the words name it (`--registry URL`, an image's host); one on this machine is local testing. */
  registry?(args: ToolArgs): string | undefined;
}

/** One segment of a command path: 'delete', 'volume|volumes' (alternatives), '*' (any word), or a pattern. */
export type PathSegment = string | RegExp;

/** A destructive command path and how to name what it destroys. */
export interface CommandRule {
  /** Rule id within the pack, e.g. 'railway-volume-delete'. */
  id: string;
  path: readonly PathSegment[];
  kind: TargetKind;
  /** What the target is, for the reason: 'volume', 'S3 bucket', 'Postgres database'. */
  noun: string;
  /** Present tense, for the reason: 'deletes', 'destroys', 'resets'. */
  verb: string;
  /** Options whose values name the target (every value of every one listed); tried before operands. */
  nameFlags?: readonly string[];
  /** Operands after the path that name the target; default all of them. */
  namePositionals?: 'all' | 'first' | 'last' | 'none' | 'joined';
  /** Computes the names when options and operands are not enough (bucket + key). */
  names?: (args: CliArgs, rest: readonly ArgWord[]) => string[];
  /** Keep only names matching this (e.g. s3:// URLs), searched in every operand after the path. */
  nameFilter?: RegExp;
  /** Used when nothing names the target. */
  defaultName?: string;
  /** The rule applies only when this holds. */
  when?: (args: CliArgs) => boolean;
  /** A clause appended to the reason, e.g. ' without a final snapshot'. */
  note?: (args: CliArgs) => string | undefined;
  /** The target lives on this machine (a local emulator, a local dev database). */
  local?: (args: CliArgs) => boolean;
  /** Operand (after the path) that names an environment, e.g. `vercel env rm KEY production`. */
  environmentPositional?: number;
  severity?: 'ask' | 'deny';
  /**
   * The command is routine where the environment is named as not production (`railway up -e staging`,
   * `fly deploy -a shop-dev`): it asks only for production or an environment nobody named.
   */
  productionOnly?: boolean;
}

/** Catches destructive subcommands the table does not list: `<group...> <verb> <names...>`. */
export interface GenericRule {
  id: string;
  verbs: RegExp;
  /** Highest word index the verb may sit at (0 = the first word after the tool). */
  maxDepth: number;
  /** Leading words that mark commands acting only on this machine's CLI state (auth, alias, ...). */
  exclude?: readonly string[];
  nameFlags?: readonly string[];
  /** Options matching this name the target, in the order given (AWS: --table-name, --instance-ids). */
  nameFlagPattern?: RegExp;
  /** Kind and noun from the command words up to and including the verb. */
  describe?: (words: readonly string[]) => { kind: TargetKind; noun: string };
}

/** A value that may say which environment, with where it came from ('--profile', 'fly.toml app'). */
export interface HintSource {
  source: string;
  value: string;
}

/** A rule's view of the words: command words (path, then operands) and options by any spelling. */
export interface CliArgs {
  /** Subcommand words then operands. */
  positionals: ArgWord[];
  parsed: ParsedCommand;
  spec: GrammarSpec;
}

/**
 * A tool as the registry lists it before its description is needed: the names and family every
 * lookup and rule pack reads at start, and its full description on first use. The CLI bundle's
 * build loads each tool's module only then (scripts/cliBuild.mjs), so a hook call evaluates the
 * descriptions of the tools its command names, not all of them.
 */
export interface ToolEntry {
  readonly names: readonly string[];
  readonly family: ToolSpec['family'];
  spec(): ToolSpec;
}

export interface ToolSpec extends Omit<GrammarSpec, 'commands'>, CommandSpec {
  /** Invocation names that run this tool. */
  names: readonly string[];
  /** The rule pack that judges it ('cloud', 'paas', 'git', ...); the walker reads every tool. */
  family: 'git' | 'vcs' | 'containers' | 'infra' | 'cloud' | 'paas' | 'database' | 'remote' | 'http' | 'files' | 'package-manager' | 'runner';
  /** Whether what it acts on lives on this machine, elsewhere, or either (docker, psql). */
  locality: 'local' | 'remote' | 'either';
  provider?: string;
  /** The provider's name as a reader knows it: 'Railway', 'AWS'. */
  label?: string;
  /** Options that make any subcommand do nothing (`--dry-run`). */
  dryRun?: readonly string[];
  /**
   * How a user asks the tool for its manual instead of running the command: options (`--help`, `-h`
   * where the tool means help by it) and a `help` word first (`git help push`) or last (`aws s3 rm help`).
   */
  help?: { options: readonly string[]; word?: 'first' | 'last' };
  /**
   * Options whose value is a command line this tool runs on this machine (`rsync -e`, `sort
   * --compress-program`, `helm --post-renderer`, `wget --use-askpass`): the walker judges each like a
   * command (`policy/handlers/byName.ts`).
   */
  programOptions?: readonly string[];
  /**
   * Options whose value is a file or folder this tool writes (a compiler's `-o`, `--out-dir`): each is
   * a write of that path (`policy/registryOutputs.ts`), judged by the perimeter and the places that run
   * what is written there later (`cc -o .git/hooks/pre-commit`).
   */
  outputOptions?: readonly string[];
  /**
   * Operands this tool writes when no output option is given (`policy/registryOutputs.ts`): `last`
   * (objcopy's OUTFILE, or its one operand rewritten in place), `all` (strip, ranlib, patchelf rewrite
   * every file in place).
   */
  outputOperands?: 'last' | 'all';
  /**
   * Options whose value is `KEY=VALUE` where some keys name a program the tool starts (`wget -e
   * use_askpass=PROG`): `keys` matches those keys.
   */
  programSettings?: { options: readonly string[]; keys: RegExp };
  /** Options whose values say which environment, account or project the command reaches. */
  environmentFlags?: readonly string[];
  /** Environment variables (assignments or known selectors) that say the same. */
  environmentVariables?: readonly string[];
  /** Options naming the app/project/service in scope; also the fallback target name. */
  scopeFlags?: readonly string[];
  /** Kind of the scope target for production-access findings. */
  scopeKind?: TargetKind;
  /** Destructive command paths, most specific first. */
  rules?: readonly CommandRule[];
  generic?: GenericRule;
  /** The whole invocation targets a local emulator (`--endpoint-url http://localhost:4566`, `--local`). */
  local?: (args: CliArgs) => boolean;
  /** On that emulator this still removes a whole store (a bucket, every object, a table): it asks, not production (stop 30's decision). */
  emulatorAsks?: (args: CliArgs) => boolean;
  /**
   * A package manager: an undescribed first word is a package.json script, else a binary from
   * node_modules (`yarn build`, `pnpm lint`); and what running it with no subcommand does.
   */
  packageManager?: { scriptsByDefault: boolean; bare?: PackageAction };

  /** Extra environment hints from workspace files the CLI itself reads (fly.toml, linked projects). */
  contextHints?: (inv: Invocation, ctx: RuleContext) => HintSource[];
}
