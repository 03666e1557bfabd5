/**
 * Commands that run another command: `sudo rm`, `env X=1 rm`, `timeout 5 rm`, `xargs rm`. Each
 * entry knows its own options well enough to find where the wrapped command starts, so that
 * `nice -n 10 rm` is seen as `rm`, not as a command named `10`.
 */

import { ownTable } from '../ownTable';
import type { ArgWord } from './ast';
import { parseCommand, type GrammarSpec } from './grammar';
import { MORE_WRAPPERS } from './moreWrappers';
import { launchWrappers } from './launchWrappers';
import { flag, optional, readWrapper, switches, valued, wrapperGrammar } from './wrapperOptions';

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=|^BASH_FUNC_[^=\s/]*=/;

export function isAssignmentWord(word: ArgWord): boolean {
  return !word.dynamic && ASSIGNMENT.test(word.text);
}

/** What peeling a wrapper leaves: the wrapped argv and what the wrapper changes for it. */
export interface Peeled {
  argv: ArgWord[];
  /** Environment assignments the wrapper adds (`env X=1`). */
  assignments?: Record<string, string>;
  /** Directory change the wrapper makes (`env -C dir`). */
  chdir?: string;
  /** The wrapper runs a shell command line rather than an argv (`script -c '...'`, `watch 'a | b'`). */
  shellText?: ArgWord;
  /** With `shellText`: how many words are the wrapper's own; the rest are in the command line (`env -S rm -rf x`). */
  ownWords?: number;
  /** Nothing is wrapped (only options, or a mode that runs nothing): report the wrapper itself. */
  none?: boolean;
  /** Words at the start of `argv` the wrapper supplies itself (xargs runs `echo` when given no command). */
  supplied?: number;
  /** The wrapped command line is not static text: what it runs is unknown. */
  unknown?: string;
  /** With `unknown`: the address the code it runs is fetched from (`go run host/x@v`). */
  fetchedFrom?: string;
  /** Extra note for `via`, e.g. 'xargs' (args come from stdin). */
  label?: string;
  /** A package runner's package as written, when the command it runs is named after the package's binary (`npx @openai/codex@0.1.0` runs `codex`). */
  fetched?: ArgWord;
  /** Not a wrapper in this use: the command runs as itself, with its own handler (`go run main.go` reads main.go). */
  notWrapping?: boolean;
}

export type Peeler = (args: ArgWord[]) => Peeled;

/** A wrapper that runs the words after its options (`nohup cmd`, `stdbuf -oL cmd`). */
export function after(grammar: GrammarSpec): Peeler {
  return (args) => ({ argv: args.slice(readWrapper(args, grammar).index) });
}

/** `NAME=value` words from `start` on (as `env` and `sudo` take them), and where the command begins. */
function leadingAssignments(args: readonly ArgWord[], start: number): { assignments: Record<string, string>; end: number } {
  const assignments: Record<string, string> = {};
  let end = start;
  while (end < args.length && isAssignmentWord(args[end]!)) {
    const text = args[end]!.text;
    const eq = text.indexOf('=');
    assignments[text.slice(0, eq)] = text.slice(eq + 1);
    end++;
  }
  return { assignments, end };
}

const ENV = wrapperGrammar([
  valued('-u', '--unset'), valued('-C', '--chdir'), valued('-P'),
  // GNU env puts the split words where the string was and stops reading options at the first that is
  // not one: `env -S rm -rf /data` runs `rm -rf /data`.
  { names: ['-S', '--split-string'], takes: 'one', endsOptions: true },
  flag('-i', '--ignore-environment'), flag('-0', '--null'), flag('-v', '--debug'), flag('--list-signal-handling'),
  optional('--block-signal'), optional('--default-signal'), optional('--ignore-signal'), flag('--help'), flag('--version'),
]);

function envPeel(args: ArgWord[]): Peeled {
  const read = readWrapper(args, ENV);
  const { assignments, end } = leadingAssignments(args, read.index);
  let i = end;
  let unknown: string | undefined;
  // `env $(cat .env.production | xargs) cmd`: the substitution's words are assignments when they hold
  // `=`, and the command otherwise; the command after it is judged, and what the words may be asks.
  const computed = args[i];
  if (computed?.dynamic && /^(\$\(|`)/.test(computed.raw) && args[i + 1] !== undefined && !args[i + 1]!.dynamic) {
    unknown = `env takes assignments or a command from ${computed.raw.slice(0, 80)}`;
    i++;
  }
  const peeled: Peeled = { argv: args.slice(i), assignments, ...(unknown ? { unknown } : {}) };
  const chdir = read.value('-C');
  if (chdir !== undefined) peeled.chdir = chdir;
  const split = read.value('-S');
  if (split !== undefined) {
    // `env -S 'rm -rf x'` splits the string into words; the shell parser does that faithfully enough.
    const rest = args.slice(read.index).map((w) => w.raw).join(' ');
    peeled.shellText = { text: split + (rest ? ' ' + rest : ''), raw: split, dynamic: read.parsed.dynamicValue, glob: false };
    peeled.ownWords = read.index;
  }
  return peeled;
}

const SUDO = wrapperGrammar([
  valued('-u', '--user'), valued('-g', '--group'), valued('-p', '--prompt'), valued('-C', '--close-from'), valued('-D', '--chdir'),
  valued('-r', '--role'), valued('-t', '--type'), valued('-U', '--other-user'), valued('-T', '--command-timeout'), valued('-R', '--chroot'),
  valued('-h', '--host'), flag('-E'), optional('--preserve-env'), flag('-H', '--set-home'), flag('-n', '--non-interactive'), flag('-S', '--stdin'),
  flag('-b', '--background'), flag('-A', '--askpass'), flag('-P', '--preserve-groups'), flag('-i', '--login'), flag('-s', '--shell'),
  flag('-B', '--bell'), flag('-N', '--no-update'), flag('-l', '--list'), flag('-v', '--validate'), flag('-k', '--reset-timestamp'),
  flag('-K', '--remove-timestamp'), flag('-e', '--edit'), flag('-V', '--version'), flag('--help'),
]);

function sudoPeel(args: ArgWord[]): Peeled {
  const read = readWrapper(args, SUDO);
  // Modes that run nothing: list, validate, edit, version, help, and `-k` alone (it only forgets the timestamp).
  if (read.given('-l', '-v', '-K', '-e', '-V', '--help') || (read.given('-k') && read.index >= args.length)) return { argv: [], none: true };
  const { assignments, end: i } = leadingAssignments(args, read.index);
  const chdir = read.value('-D');
  return { argv: args.slice(i), assignments, ...(chdir !== undefined ? { chdir } : {}) };
}

const COMMAND = wrapperGrammar(switches('pvV'));

function commandPeel(args: ArgWord[]): Peeled {
  const read = readWrapper(args, COMMAND);
  // `command -v foo` looks a name up; nothing runs.
  if (read.given('-v', '-V')) return { argv: [], none: true };
  return { argv: args.slice(read.index) };
}

const TIMEOUT = wrapperGrammar([valued('-s', '--signal'), valued('-k', '--kill-after'), flag('-v', '--verbose'), flag('-f', '--foreground'), flag('-p', '--preserve-status')]);

/** `timeout [options] DURATION cmd`: the duration is the first operand. */
function timeoutPeel(args: ArgWord[]): Peeled {
  return { argv: args.slice(readWrapper(args, TIMEOUT).index + 1) };
}

const IONICE = wrapperGrammar([valued('-c', '--class'), valued('-n', '--classdata'), valued('-p', '--pid'), valued('-P', '--pgid'), valued('-u', '--uid'), flag('-t', '--ignore')]);

function ionicePeel(args: ArgWord[]): Peeled {
  const read = readWrapper(args, IONICE);
  if (read.given('-p', '-P', '-u')) return { argv: [], none: true };
  return { argv: args.slice(read.index) };
}

const CHROOT = wrapperGrammar([valued('--userspec'), valued('--groups'), flag('--skip-chdir')]);

/** `chroot [options] NEWROOT [cmd]`: the new root is the first operand. */
function chrootPeel(args: ArgWord[]): Peeled {
  return { argv: args.slice(readWrapper(args, CHROOT).index + 1) };
}

const FLOCK_COMMAND = valued('-c', '--command');
const FLOCK = wrapperGrammar([
  valued('-w', '--timeout', '--wait'), valued('-E', '--conflict-exit-code'), FLOCK_COMMAND, flag('-s', '--shared'), flag('-x', '-e', '--exclusive'),
  flag('-u', '--unlock'), flag('-n', '--nb', '--nonblock'), flag('-o', '--close'), flag('-F', '--no-fork'), flag('--verbose'),
]);
/** After the lock file, flock reads one more option: the command line (`flock FILE -c 'line'`). */
const FLOCK_AFTER_FILE = wrapperGrammar([FLOCK_COMMAND], { unknownShort: 'switch', unknownLong: 'switch' });

function flockPeel(args: ArgWord[]): Peeled {
  const read = readWrapper(args, FLOCK);
  const command = read.valueWord('-c');
  if (command !== undefined) return { argv: [], shellText: command };
  // Only the word right after the file; a later `-c` belongs to the command (`psql -c`).
  const rest = args.slice(read.index + 1);
  const line = readWrapper(rest.slice(0, 2), FLOCK_AFTER_FILE);
  const first = line.parsed.options[0];
  if (first?.index === 0 && first.name === '-c' && line.valueWord('-c')) return { argv: [], shellText: line.valueWord('-c')! };
  if (rest.length === 0) return { argv: [], none: true };
  return { argv: rest };
}

export const XARGS = wrapperGrammar([
  valued('-a', '--arg-file'), valued('-d', '--delimiter'), valued('-E'), optional('-e', '--eof'), valued('-I'), optional('-i', '--replace'),
  valued('-L'), optional('-l', '--max-lines'), valued('-n', '--max-args'), valued('-P', '--max-procs'), valued('-s', '--max-chars'),
  valued('--process-slot-var'), flag('-0', '--null'), flag('-r', '--no-run-if-empty'), flag('-t', '--verbose'), flag('-p', '--interactive'),
  flag('-x', '--exit'), flag('-o', '--open-tty'), flag('--show-limits'), flag('--help'), flag('--version'),
]);

/** The file `xargs -a FILE` (`--arg-file`) reads its input from, as written. */
export function xargsArgFile(options: readonly ArgWord[]): ArgWord | undefined {
  return readWrapper(options, XARGS).valueWord('-a');
}

function xargsPeel(args: ArgWord[]): Peeled {
  const rest = args.slice(readWrapper(args, XARGS).index);
  if (rest.length === 0) return { argv: [{ text: 'echo', raw: 'echo', dynamic: false, glob: false }], label: 'xargs', supplied: 1 };
  return { argv: rest, label: 'xargs' };
}

const BUSYBOX = wrapperGrammar([]);

/** `busybox rm -rf x` runs the applet; `busybox --list` runs none. */
function busyboxPeel(args: ArgWord[]): Peeled {
  if (parseCommand(args, BUSYBOX).operandIndexes[0] !== 0) return { argv: [], none: true };
  return { argv: args };
}

const WATCH = wrapperGrammar([
  valued('-n', '--interval'), valued('-q', '--equexit'), flag('-x', '--exec'), optional('-d', '--differences'), flag('-t', '--no-title'),
  flag('-b', '--beep'), flag('-e', '--errexit'), flag('-g', '--chgexit'), flag('-c', '--color'), flag('-C', '--no-color'), flag('-p', '--precise'),
  flag('-w', '--no-wrap'), flag('-r', '--no-rerun'), flag('-f', '--follow'),
]);

function watchPeel(args: ArgWord[]): Peeled {
  const read = readWrapper(args, WATCH);
  const rest = args.slice(read.index);
  if (rest.length === 0) return { argv: [], none: true };
  if (read.given('-x')) return { argv: rest };
  return { argv: [], shellText: joinWords(rest) };
}

/** util-linux script permutes its arguments: options may also follow the log file (`script out.log -c 'cmd'`). */
const SCRIPT = wrapperGrammar([
  valued('-c', '--command'), valued('-E', '--echo'), valued('-I', '--log-in'), valued('-O', '--log-out'), valued('-B', '--log-io'),
  valued('-T', '--log-timing'), valued('-m', '--logging-format'), flag('-a', '--append'), flag('-e', '--return'), flag('-f', '--flush'),
  flag('-q', '--quiet'), optional('-t', '--timing'),
], { interspersed: true });

function scriptPeel(args: ArgWord[]): Peeled {
  const command = readWrapper(args, SCRIPT).valueWord('-c');
  return command ? { argv: [], shellText: command } : { argv: [], none: true };
}

/** su and runuser's su mode permute too: `su -c 'cmd' root`, `su root -c 'cmd'`, `su - -ccmd`. */
const SU_OPTIONS = [
  valued('-c', '--command'), valued('--session-command'), valued('-s', '--shell'), valued('-g', '--group'), valued('-G', '--supp-group'),
  valued('-w', '--whitelist-environment'), flag('-l', '--login'), flag('-m', '-p', '--preserve-environment'), flag('-P', '--pty'), flag('-f', '--fast'),
];
const SU = wrapperGrammar(SU_OPTIONS, { interspersed: true });

function suPeel(args: ArgWord[]): Peeled {
  const read = readWrapper(args, SU);
  const command = read.valueWord('-c') ?? read.valueWord('--session-command');
  return command ? { argv: [], shellText: command } : { argv: [], none: true };
}

const RUNUSER = wrapperGrammar([valued('-u', '--user'), ...SU_OPTIONS]);

/** `runuser -u USER [--] cmd args` runs a command as USER (no shell); otherwise it takes `-c` like su. */
function runuserPeel(args: ArgWord[]): Peeled {
  const read = readWrapper(args, RUNUSER);
  if (read.value('-u') !== undefined) {
    const rest = args.slice(read.index);
    return rest.length === 0 ? { argv: [], none: true } : { argv: rest };
  }
  return suPeel(args);
}

const PARALLEL = wrapperGrammar([
  valued('-j', '-P', '--jobs', '--max-procs'), valued('-J', '--profile'), valued('-S', '--sshlogin'), valued('-a', '--arg-file'), valued('-d', '--delimiter'),
  valued('-I'), valued('-N'), valued('-n', '--max-args'), valued('-L', '--max-lines'), valued('-C', '--colsep'), valued('-E'),
  ...['--joblog', '--results', '--tmpdir', '--workdir', '--env', '--halt', '--timeout', '--delay', '--load', '--memfree', '--max-replace-args',
    '--block', '--tag-string', '--basefile', '--return', '--transfer-file'].map((name) => valued(name)),
  ...switches('0kqvtuXmr'), flag('--keep-order'), flag('--dry-run'), flag('--pipe'), flag('--tag'), flag('--line-buffer'), flag('--bar'), flag('--progress'),
]);

/**
 * `find . -type f | parallel cat`, `parallel cat :::: list`, `parallel -a list cat` (round 11): parallel appends
 * the words of its input (stdin, or one file named by `::::` or `-a`) as xargs does. The command's words and
 * the file, or undefined for `:::` inputs, a `{}` placement, `--pipe` or more than one source.
 */
export function parallelInputCommand(args: readonly ArgWord[]): { command: ArgWord[]; file?: ArgWord } | undefined {
  const read = readWrapper(args, PARALLEL);
  const rest = args.slice(read.index);
  if (read.parsed.options.some((o) => ['--pipe', '--pipepart', '-I'].includes(o.name)) || rest.some((w) => w.text.includes('{'))) return undefined;
  const at = rest.findIndex((w) => w.text.startsWith(':::'));
  const command = at < 0 ? rest : rest.slice(0, at);
  const listed = at >= 0 && rest[at]!.text === '::::' && rest.length === at + 2 ? rest[at + 1] : undefined;
  if (command.length === 0 || (at >= 0 && listed === undefined)) return undefined;
  const option = read.valueWord('-a');
  if (option && listed) return undefined;
  return { command, ...(listed ?? option ? { file: (listed ?? option)! } : {}) };
}

/** GNU parallel's replacement strings (`{}`, `{.}`, `{/}`, `{//}`, `{/.}`, `{#}`, `{%}`, `{1}`). */
const PARALLEL_REPLACEMENT = /\{(?:[./#%]|\/\/|\/\.|\d+)?\}/;

function parallelPeel(args: ArgWord[]): Peeled {
  const rest = args.slice(readWrapper(args, PARALLEL).index);
  const end = rest.findIndex((w) => w.text.startsWith(':::'));
  const command = end < 0 ? rest : rest.slice(0, end);
  // `parallel ::: 'cmd1' 'cmd2'`: with no command, each input is a command line.
  if (command.length === 0 && end >= 0) {
    const lines = rest.slice(end + 1).filter((w) => !w.text.startsWith(':::'));
    if (lines.length > 0) {
      const text = lines.map((w) => w.text).join('\n');
      return { argv: [], shellText: { text, raw: text, dynamic: lines.some((w) => w.dynamic), glob: false }, label: 'parallel' };
    }
  }
  if (command.length === 0) return { argv: [], none: true, label: 'parallel' };
  // parallel runs the command once per input, appending it unless `{}` places it; one invocation
  // carrying every input is what the packs need to see.
  const inputs: ArgWord[] = [];
  if (end >= 0 && !command.some((w) => w.text.includes('{}'))) {
    for (let i = end + 1; i < rest.length && !rest[i]!.text.startsWith(':::'); i++) inputs.push(rest[i]!);
  }
  // `ls -A | parallel mv {}/hooks.json {}/x`: each input line is pasted where a replacement string stands, so
  // those words are run-time values (a command of plain words; one that needs a shell is read as shell text).
  if (end < 0 && command.some((w) => PARALLEL_REPLACEMENT.test(w.text)) && command.every((w) => !/[\s;&|<>()`$'"\\]/.test(w.text))) {
    return { argv: command.map((w) => (PARALLEL_REPLACEMENT.test(w.text) ? { ...w, dynamic: true } : w)), label: 'parallel' };
  }
  const line = joinWords(command);
  if (inputs.length === 0) return { argv: [], shellText: line, label: 'parallel' };
  const quoted = inputs.map((w) => (w.dynamic ? w.raw : "'" + w.text.replace(/'/g, "'\\''") + "'")).join(' ');
  return { argv: [], shellText: { ...line, text: line.text + ' ' + quoted, dynamic: line.dynamic }, label: 'parallel' };
}

/** Scoped packages whose binary is not named like the package's last part. */
const PACKAGE_BINARIES: Readonly<Record<string, string>> = ownTable({
  '@continuedev/cli': 'cn', '@qodo/command': 'qodo', '@kilocode/cli': 'kilocode', '@mikro-orm/cli': 'mikro-orm', '@angular/cli': 'ng', '@nestjs/cli': 'nest', '@playwright/mcp': 'mcp-server-playwright',
  // Stop 32 (red team round 15: `npx firebase-tools deploy`): deploy and publish CLIs whose package is not named like their binary.
  'firebase-tools': 'firebase', 'netlify-cli': 'netlify', 'aws-cdk': 'cdk', '@aws-amplify/cli': 'amplify', '@railway/cli': 'railway', '@shopify/cli': 'shopify', '@salesforce/cli': 'sf',
  '@sentry/cli': 'sentry-cli', 'eas-cli': 'eas', 'expo-cli': 'expo', '@azure/static-web-apps-cli': 'swa', 'azure-functions-core-tools': 'func', '@cloudflare/wrangler': 'wrangler', 'heroku-cli': 'heroku',
  '@microsoft/rush': 'rush', '@vscode/vsce': 'vsce', '@changesets/cli': 'changeset',
});

const NPX = wrapperGrammar([
  valued('-p', '--package'), valued('-c', '--call'), valued('--cache'), valued('--userconfig'), valued('--registry'), valued('-w', '--workspace'),
  flag('-y', '--yes'), flag('--no'), flag('-q', '--quiet'), flag('--ignore-existing'), flag('-s', '--silent'),
]);

/** `npm-package@1.2.3` and `@scope/pkg@1` name the binary `npm-package`, `pkg`. */
export function packageBinary(word: ArgWord): ArgWord {
  let text = word.text;
  const at = text.lastIndexOf('@');
  if (at > 0) text = text.slice(0, at);
  const binary = PACKAGE_BINARIES[text];
  if (binary) return { ...word, text: binary };
  const slash = text.lastIndexOf('/');
  if (text.startsWith('@') && slash > 0) text = text.slice(slash + 1);
  return text === word.text ? word : { ...word, text };
}

/** A package spec that is an address, not a registry name: a URL, a tarball, a git remote or host shorthand (npm's package-spec forms). */
export const PACKAGE_ADDRESS = /^(https?:\/\/|git\+|git:\/\/|github:|gitlab:|bitbucket:|gist:|ssh:\/\/)|\.(tgz|tar\.gz)$|^[\w-][\w.-]*\/[\w.-]+(#.*)?$/;

/** `npx cmd`, `bunx cmd`, `pnpm dlx cmd`: run a package's binary. */
function npxPeel(args: ArgWord[]): Peeled {
  const read = readWrapper(args, NPX);
  const call = read.valueWord('-c');
  if (call !== undefined) return { argv: [], shellText: call };
  const rest = args.slice(read.index);
  // A URL, tarball or git address instead of a registry name: whatever it serves runs, unread here.
  const address = [read.valueWord('-p'), rest[0]].find((w) => w !== undefined && !w.dynamic && PACKAGE_ADDRESS.test(w.text));
  if (address) return { argv: [], unknown: `the package runner fetches ${address.text.slice(0, 120)} and runs it: an address, not a package from the registry, and what it serves cannot be read before it runs` };
  if (rest.length === 0) return { argv: [], none: true };
  // `npx ./folder` (round 14): the folder is installed as a package first, its install scripts run, as `npm install ./folder` runs them.
  const folder = [read.valueWord('-p'), rest[0]].find((w) => w !== undefined && !w.dynamic && /^(\.{1,2}\/|\/|~\/|file:)/.test(w.text));
  if (folder) return { argv: [{ ...folder, text: 'npm', raw: 'npm' }, { ...folder, text: 'install', raw: 'install' }, { ...folder, text: folder.text.replace(/^file:/, ''), raw: folder.raw.replace(/^file:/, '') }] };
  // `npx some-package@1.2.3 args` runs the package's binary, named like the package.
  const spec = rest[0]!;
  rest[0] = packageBinary(spec);
  return rest[0] === spec ? { argv: rest } : { argv: rest, fetched: spec };
}

/** `doppler run -- cmd`, `op run -- cmd`, `dotenv -e .env -- cmd`: secret injectors and env loaders. */
const DOUBLE_DASH = wrapperGrammar([], { interspersed: true, commandAfterDashDash: true, unknownShort: 'switch', unknownLong: 'switch' });

function afterDoubleDash(args: ArgWord[]): Peeled {
  const command = parseCommand(args, DOUBLE_DASH).command;
  return command ? { argv: command } : { argv: [], none: true };
}

/** start-stop-daemon(8): `--start` runs `--exec`/`--startas` with the words after `--` (detached with `--background`); other modes run nothing. */
const START_STOP = wrapperGrammar([
  valued('-x', '--exec'), valued('-a', '--startas'), valued('-n', '--name'), valued('-p', '--pidfile'), valued('-u', '--user'), valued('-c', '--chuid'), valued('-r', '--chroot'),
  valued('-d', '--chdir'), valued('-N', '--nicelevel'), valued('-P', '--procsched'), valued('-I', '--iosched'), valued('-k', '--umask'), valued('-s', '--signal'), valued('-R', '--retry'),
  valued('-O', '--output'), valued('-g', '--group'), valued('--ppid'), ...switches('SKTHVbmoqvtC'), flag('--start'), flag('--stop'), flag('--status'), flag('--background'),
  flag('--make-pidfile'), flag('--remove-pidfile'), flag('--oknodo'), flag('--quiet'), flag('--verbose'), flag('--test'), flag('--no-close'), flag('--notify-await'),
]);
function startStopPeel(args: ArgWord[]): Peeled {
  const read = readWrapper(args, START_STOP);
  const program = read.valueWord('--startas') ?? read.valueWord('-a') ?? read.valueWord('--exec') ?? read.valueWord('-x');
  if (!read.given('-S', '--start') || program === undefined || read.given('-t', '--test')) return { argv: [], none: true };
  return { argv: [program, ...(afterDoubleDash(args).argv)] };
}

/** `teller run -- cmd`, `bws run -- cmd`, `varlock run -- cmd`: other secret stores' runners, the command after `--`. */
function runThenDoubleDash(args: ArgWord[]): Peeled {
  return args[0]?.text === 'run' ? afterDoubleDash(args.slice(1)) : { argv: [], none: true };
}

const ENV_CMD = wrapperGrammar([valued('-f', '--file'), valued('-e', '--environments'), valued('-r', '--rc-file'), flag('--fallback'), flag('--no-override'), flag('--silent'), flag('--verbose'), flag('--use-shell')]);

/**
 * `poetry run cmd`, `bundle exec cmd`, `uv run cmd`, `uv tool run cmd`: options, the subcommand words,
 * the subcommand's options, then the command. `grammar.commands` names the subcommands that run one.
 */
function subcommandRunner(grammar: GrammarSpec, binary = false): Peeler {
  return (args) => {
    const read = readWrapper(args, grammar);
    if (read.parsed.node.commands !== undefined || read.parsed.path.length === 0) return { argv: [], none: true };
    const rest = args.slice(read.index);
    if (rest.length === 0) return { argv: [], none: true };
    if (binary) rest[0] = packageBinary(rest[0]!);
    return { argv: rest };
  };
}

const RUNS = { commands: { run: {} } };
const POETRY = wrapperGrammar([valued('-C', '--directory'), valued('-P', '--project'), ...switches('nqvhV'), flag('--no-ansi'), flag('--ansi'), flag('--no-plugins'), flag('--no-cache')], RUNS);
const UV_OPTIONS = [
  valued('-p', '--python'), valued('--directory'), valued('--project'), valued('--cache-dir'), valued('--config-file'), valued('--color'), valued('--with'),
  valued('--with-requirements'), valued('--with-editable'), valued('--env-file'), valued('--extra'), valued('--group'), valued('--only-group'), valued('--no-group'),
  valued('--package'), valued('--index'), valued('--default-index'), valued('--index-url'), valued('--extra-index-url'), valued('-f', '--find-links'),
  valued('--from'), valued('--exclude-newer'), valued('--refresh-package'), valued('--reinstall-package'), valued('--upgrade-package'), valued('-P'),
  ...switches('qvnmhVs'), ...['--offline', '--native-tls', '--preview', '--no-project', '--isolated', '--frozen', '--locked', '--script', '--module', '--no-sync', '--all-extras',
    '--active', '--no-config', '--no-dev', '--dev', '--all-packages', '--no-cache', '--refresh', '--reinstall', '--upgrade', '--gui-script', '--no-env-file'].map((n) => flag(n)),
];
const UV = wrapperGrammar(UV_OPTIONS, { commands: { run: {}, tool: { commands: { run: {} } } } });
const UVX = wrapperGrammar(UV_OPTIONS);
const GEM = wrapperGrammar([valued('-v', '--version'), valued('-g', '--gem'), flag('--conservative'), flag('-q', '--quiet'), flag('--verbose')], { commands: { exec: {} } });
const VOLTA = wrapperGrammar([valued('--node'), valued('--npm'), valued('--pnpm'), valued('--yarn'), valued('--env'), flag('--bundled-npm'), flag('--no-yarn'), flag('--verbose'), flag('--quiet')], RUNS);
const PLAIN_RUN = wrapperGrammar([], RUNS);
const PIPX_RUN = wrapperGrammar([
  valued('--spec'), valued('--python'), valued('--pip-args'), valued('-i', '--index-url'),
  ...switches('vqe'), flag('--no-cache'), flag('--path'), flag('--pypackages'), flag('--system-site-packages'), flag('--fetch-missing-python'), flag('--editable'), flag('--verbose'), flag('--quiet'),
], RUNS);
const BUNDLE_EXEC = wrapperGrammar([valued('--gemfile'), flag('--keep-file-descriptors')], { commands: { exec: {} } });

/** `uv run x.py` (a `.py`/`.pyw` file, `--script`, or `-` for stdin) is `uv run python x.py`; `uv run -m mod` is `python -m mod` (uv's `run` reference). */
function uvPeel(args: ArgWord[]): Peeled {
  const peeled = subcommandRunner(UV, true)(args);
  const first = peeled.argv[0];
  const read = readWrapper(args, UV);
  if (!first || read.parsed.path.join(' ') !== 'run') return peeled;
  const python: ArgWord = { text: 'python', raw: 'python', dynamic: false, glob: false };
  if (read.given('-m', '--module')) return { ...peeled, argv: [python, { text: '-m', raw: '-m', dynamic: false, glob: false }, ...peeled.argv] };
  if (read.given('-s', '--script', '--gui-script') || /\.pyw?$/.test(first.text) || STDIN_OPERANDS.has(first.text)) return { ...peeled, argv: [python, ...peeled.argv] };
  return peeled;
}

/** `uvx tool args` (`uv tool run`): the package's binary, named like the package. */
function uvxPeel(args: ArgWord[]): Peeled {
  const read = readWrapper(args, UVX);
  const rest = args.slice(read.index);
  const address = [read.valueWord('--from'), read.valueWord('--with'), rest[0]].find((w) => w !== undefined && !w.dynamic && /^(git\+|https?:\/\/)/.test(w.text));
  if (address) return { argv: [], unknown: `uvx fetches ${address.text.slice(0, 120)} and runs it: an address, not a package from the index, and what it serves cannot be read before it runs` };
  if (rest.length === 0) return { argv: [], none: true };
  const spec = rest[0]!;
  rest[0] = packageBinary(spec);
  return rest[0] === spec ? { argv: rest } : { argv: rest, fetched: spec };
}

const CARGO = wrapperGrammar([
  valued('-C'), valued('-Z'), valued('-p', '--package'), valued('-F', '--features'), valued('-j', '--jobs'), valued('--manifest-path'), valued('--config'),
  valued('--color'), valued('--target-dir'), valued('--bin'), valued('--example'), valued('--target'), valued('--profile'), valued('--message-format'),
  ...switches('vqrhV'), ...['--locked', '--offline', '--frozen', '--all-features', '--no-default-features', '--release', '--ignore-rust-version', '--timings'].map((n) => flag(n)),
], { interspersed: true, commands: { 'run|r': { commandAfterDashDash: true } } });

/**
 * `cargo run [--bin NAME] -- args` and `go run ./cmd/wipe args` run code compiled from the workspace,
 * which the hook cannot read: the program is judged as an unknown program of that name with its arguments.
 */
function cargoPeel(args: ArgWord[]): Peeled {
  const read = readWrapper(args, CARGO);
  if (read.parsed.path.length === 0) return { argv: [], none: true };
  const program = read.valueWord('--bin') ?? read.valueWord('--example') ?? read.valueWord('-p');
  const name: ArgWord = program ?? { text: 'cargo-run', raw: 'cargo run', dynamic: false, glob: false };
  return { argv: [name, ...(read.parsed.command ?? [])], label: 'cargo run' };
}

const GO = wrapperGrammar([
  ...['-C', '-o', '-p', '-tags', '-ldflags', '-gcflags', '-asmflags', '-mod', '-modfile', '-overlay', '-pgo', '-pkgdir', '-toolexec', '-exec', '-covermode', '-coverpkg'].map((n) => valued(n)),
  ...switches('vxnaw'), ...['-race', '-msan', '-asan', '-cover', '-trimpath', '-work', '-buildvcs'].map((n) => flag(n)),
], { goFlags: true, numericOptions: false, abbreviations: false, commands: { run: {} } });

/** The operand that names standard input as the program (`go run -`). */
const STDIN_OPERANDS = new Set(['-']);

/** Go modules served by the language's own project or its best-known tools. */
const GO_VOUCHED = /^(golang\.org\/x\/|honnef\.co\/go\/tools\/|github\.com\/golangci\/golangci-lint\/|github\.com\/go-delve\/delve\/|github\.com\/air-verse\/air|github\.com\/sqlc-dev\/sqlc\/|github\.com\/pressly\/goose\/|github\.com\/golang-migrate\/migrate\/|gotest\.tools\/|mvdan\.cc\/gofumpt)/;

function goPeel(args: ArgWord[]): Peeled {
  const read = readWrapper(args, GO);
  // `go build`, `go vet` …: go itself (its handler reads what `go build -o` makes).
  if (read.parsed.path.length === 0) return { argv: [], notWrapping: true };
  const target = args[read.index];
  if (!target) return { argv: [], none: true };
  // `go run main.go`, `go run -`: source the handler reads; a package (`./cmd/wipe`) is the workspace's compiled code.
  if (target.text.endsWith('.go') || STDIN_OPERANDS.has(target.text)) return { argv: [], notWrapping: true };
  // `go run github.com/evil/x@latest` (round 8): a module fetched by its path and built now, read by nobody; the Go project's own and the best-known linters aside.
  if (!target.dynamic && /^[\w-]+(\.[\w-]+)+\/\S+@\S+$/.test(target.text) && !GO_VOUCHED.test(target.text)) {
    return { argv: [], unknown: `go run fetches the module ${target.text.slice(0, 120)} and runs it: code from that address, which cannot be read before it runs`, fetchedFrom: target.text };
  }
  // `go run main.go util.go args`: every leading .go file is the program; the first later word begins its arguments.
  let i = read.index;
  while (i + 1 < args.length && args[i + 1]!.text.endsWith('.go') && target.text.endsWith('.go')) i++;
  const base = target.text.replace(/\/+$/, '').split('/').pop()!.replace(/\.go$/, '') || 'go-run';
  return { argv: [{ ...target, text: base === '.' ? 'go-run' : base }, ...args.slice(i + 1)], label: 'go run' };
}
function joinWords(words: readonly ArgWord[]): ArgWord {
  if (words.length === 1) return words[0]!;
  return {
    text: words.map((w) => w.text).join(' '),
    raw: words.map((w) => w.raw).join(' '),
    dynamic: words.some((w) => w.dynamic),
    glob: words.some((w) => w.glob),
  };
}

/**
 * Wrapper name -> how to find the wrapped command. The wrapper's own invocation is not reported
 * (a `sudo` invocation tells a pack nothing); the wrapped one carries the wrapper in `via`.
 */
export const WRAPPERS: Readonly<Record<string, Peeler>> = ownTable({
  sudo: sudoPeel,
  doas: after(wrapperGrammar([valued('-u'), valued('-C'), valued('-a'), ...switches('Lns')])),
  pkexec: after(wrapperGrammar([valued('--user'), flag('--disable-internal-agent'), flag('--keep-cwd')])),
  env: envPeel,
  command: commandPeel,
  builtin: (args) => ({ argv: args }),
  exec: after(wrapperGrammar([valued('-a'), ...switches('cl')])),
  nohup: after(wrapperGrammar([])),
  nice: after(wrapperGrammar([valued('-n', '--adjustment')])),
  renice: () => ({ argv: [], none: true }),
  ionice: ionicePeel,
  time: after(wrapperGrammar([valued('-f', '--format'), valued('-o', '--output'), ...switches('apqv'), flag('--append'), flag('--portability'), flag('--quiet'), flag('--verbose')])),
  timeout: timeoutPeel,
  gtimeout: timeoutPeel,
  stdbuf: after(wrapperGrammar([valued('-i', '--input'), valued('-o', '--output'), valued('-e', '--error')])),
  chroot: chrootPeel,
  setsid: after(wrapperGrammar([flag('-c', '--ctty'), flag('-f', '--fork'), flag('-w', '--wait')])),
  // Stop 39 (round 31): daemonize(1) runs its program detached, like `nohup … &` (options from its manual page).
  'start-stop-daemon': startStopPeel,
  daemonize: after(wrapperGrammar([valued('-c'), valued('-e'), valued('-E'), valued('-o'), valued('-p'), valued('-l'), valued('-u'), ...switches('av')])),
  caffeinate: after(wrapperGrammar([valued('-t'), valued('-w'), ...switches('dimsu')])),
  flock: flockPeel,
  unbuffer: after(wrapperGrammar([flag('-p')])),
  torsocks: after(wrapperGrammar([valued('-u', '--user'), valued('-a', '--address'), valued('-P', '--port'), valued('-p', '--pass'), ...switches('diq'), flag('--shell')])),
  proxychains: after(wrapperGrammar([valued('-f'), flag('-q')])),
  proxychains4: after(wrapperGrammar([valued('-f'), flag('-q')])),
  strace: after(wrapperGrammar([...[...'abeEIoOpPsSUX'].map((l) => valued('-' + l)), ...switches('cCdDfFhiqrtTvVwxyYzZk')], { abbreviations: false })),
  ltrace: after(wrapperGrammar([...[...'aeEilnopsuwx'].map((l) => valued('-' + l)), ...switches('bcCfhLrStTV')], { abbreviations: false })),
  xargs: xargsPeel,
  busybox: busyboxPeel,
  toybox: busyboxPeel,
  watch: watchPeel,
  script: scriptPeel,
  su: suPeel,
  runuser: runuserPeel,
  parallel: parallelPeel,
  npx: npxPeel,
  bunx: npxPeel,
  pnpx: npxPeel,
  'cross-env': (args) => envPeel(args),
  // `cross-env-shell 'echo $X'`: the same settings, then its words run as one shell line.
  'cross-env-shell': (args) => {
    const peeled = envPeel(args);
    return peeled.argv.length > 0 ? { ...peeled, argv: [], shellText: joinWords(peeled.argv), label: 'cross-env-shell' } : peeled;
  },
  'dotenv': afterDoubleDash,
  // The npm package `dotenv-cli` run by its package name (`npx dotenv-cli -e .env -- cmd`).
  'dotenv-cli': afterDoubleDash,
  'dotenvx': afterDoubleDash,
  doppler: afterDoubleDash,
  op: afterDoubleDash,
  infisical: afterDoubleDash,
  'aws-vault': afterDoubleDash,
  teller: runThenDoubleDash,
  bws: runThenDoubleDash,
  varlock: runThenDoubleDash,
  secrethub: runThenDoubleDash,
  phase: runThenDoubleDash,
  'env-cmd': after(ENV_CMD),
  poetry: subcommandRunner(POETRY),
  pipenv: subcommandRunner(PLAIN_RUN),
  uv: uvPeel,
  uvx: uvxPeel,
  // `pipx run [--spec SPEC] APP args`: the package's app, fetched into a temporary environment.
  pipx: subcommandRunner(PIPX_RUN, true),
  pdm: subcommandRunner(PLAIN_RUN),
  hatch: subcommandRunner(PLAIN_RUN),
  bundle: subcommandRunner(BUNDLE_EXEC),
  gem: subcommandRunner(GEM),
  volta: subcommandRunner(VOLTA),
  cargo: cargoPeel,
  go: goPeel,
  direnv: (args) => (args[0]?.text === 'exec' && args.length > 2 ? { argv: args.slice(2) } : { argv: [], none: true }),
  ...MORE_WRAPPERS,
  ...launchWrappers(MORE_WRAPPERS.nix),
});
