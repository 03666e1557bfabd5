import { ownTable } from '../ownTable';
import type { ArgWord } from './ast';
import { parseCommand, type OptionSpec } from './grammar';
import type { Peeled } from './wrappers';
import { flag, optional, readWrapper, switches, valued, wrapperGrammar } from './wrapperOptions';

/**
 * Wrappers that run a command after their own options and, for some, a leading operand (a
 * priority, a CPU mask, a group): scheduling, sandboxing, namespaces, session and display runners.
 * Without an entry the wrapped command reads as arguments of a program nobody described, so
 * `chrt -i 0 rm -rf /` would be judged as `chrt`. Options are from each tool's manual page.
 */

type Peeler = (args: ArgWord[]) => Peeled;

/** Options, then `skip` operands (a priority, a mask), then the command; `modes` are options that make it run none. */
function optionsThen(options: readonly OptionSpec[], skip = 0, modes: readonly string[] = []): Peeler {
  const grammar = wrapperGrammar(options);
  return (args) => {
    const read = readWrapper(args, grammar);
    if (read.given(...modes)) return { argv: [], none: true };
    const rest = args.slice(Math.min(args.length, read.index + skip));
    return rest.length === 0 ? { argv: [], none: true } : { argv: rest };
  };
}

const SG_AFTER_GROUP = wrapperGrammar([valued('-c')], { unknownShort: 'switch', unknownLong: 'switch' });
/** What shadow's sg itself takes: `-` (a login environment, an operand to the grammar); any other option is another program's. */
const SG_OWN = wrapperGrammar([valued('-c')], { interspersed: false, unknownShort: 'switch', unknownLong: 'switch' });

/** `sg GROUP -c 'cmd'` and `sg GROUP 'cmd'` run a shell line; `sg GROUP cmd args` runs the command. */
/** ast-grep installs itself as `sg` too: its subcommands and options are not a group and a command. */
const AST_GREP = /^(run|scan|test|new|lsp|completions|help)$/;

const sgPeel: Peeler = (args) => {
  const rest = args.slice(1);
  // `sg GROUP …`: an option shadow's sg does not have (ast-grep's `-p`), first or after an ast-grep subcommand, means ast-grep.
  const foreign = (words: ArgWord[]): boolean => readWrapper(words, SG_OWN).parsed.options.some((o) => o.name !== '-c' && o.index === 0);
  if (foreign(args) || (AST_GREP.test(args[0]?.text ?? '') && (rest.length === 0 || foreign(rest)))) return { argv: [], none: true };
  const line = readWrapper(rest, SG_AFTER_GROUP);
  const command = line.valueWord('-c');
  if (command && line.parsed.options[0]?.index === 0) return { argv: [], shellText: command };
  // sg hands its command to /bin/sh -c: one quoted operand is a whole shell line (`sg root 'rm -rf x'`).
  if (rest.length === 1) return { argv: [], shellText: rest[0]! };
  return rest.length === 0 ? { argv: [], none: true } : { argv: rest };
};

const SOPS_EXEC = wrapperGrammar([valued('--user'), valued('--filename'), valued('--output-type'), valued('--input-type'), flag('--background'), flag('--no-fifo'), flag('--pristine'), flag('--same-process')], { interspersed: true, unknownShort: 'switch', unknownLong: 'switch' });

/**
 * `sops exec-env FILE 'cmd'` and `sops exec-file FILE 'cmd {}'` run the command line through a shell
 * with the decrypted values; other sops commands run nothing.
 */
const sopsPeel: Peeler = (args) => {
  const mode = args[0]?.text;
  if (mode !== 'exec-env' && mode !== 'exec-file') return { argv: [], none: true };
  const line = parseCommand(args.slice(1), SOPS_EXEC).operands[1];
  return line ? { argv: [], shellText: line, label: `sops ${mode}` } : { argv: [], none: true };
};

const NODEMON = wrapperGrammar([valued('-x', '--exec'), valued('-w', '--watch'), valued('-e', '--ext'), valued('-i', '--ignore'), valued('-d', '--delay'), valued('--signal'), valued('--config'), valued('-C', '--on-change-only')], { interspersed: true, unknownShort: 'switch', unknownLong: 'switch' });

/** `nodemon --exec 'cmd'` runs the line through a shell on every change (and once at start). */
const nodemonPeel: Peeler = (args) => {
  const line = readWrapper(args, NODEMON).valueWord('-x');
  return line ? { argv: [], shellText: line, label: 'nodemon --exec' } : { argv: [], none: true };
};

const CHOKIDAR = wrapperGrammar([valued('-c', '--command'), valued('-d', '--debounce'), valued('-t', '--throttle'), valued('-i', '--ignore'), valued('--polling-interval'), valued('--poll-interval-binary')], { interspersed: true, unknownShort: 'switch', unknownLong: 'switch' });

/** `chokidar 'src/**' -c 'cmd'` runs the line through a shell on every change. */
const chokidarPeel: Peeler = (args) => {
  const line = readWrapper(args, CHOKIDAR).valueWord('-c');
  return line ? { argv: [], shellText: line, label: 'chokidar -c' } : { argv: [], none: true };
};

const WATCHEXEC = wrapperGrammar([valued('-w', '--watch'), valued('-e', '--exts'), valued('-f', '--filter'), valued('-i', '--ignore'), valued('-s', '--signal'), valued('-d', '--debounce'), valued('--shell'), valued('--project-origin'), valued('--workdir'), valued('-E', '--env'), valued('--on-busy-update'), valued('--stop-signal'), valued('--stop-timeout'), valued('--delay-run'), valued('--poll'), valued('--emit-events-to'), valued('--filter-file'), valued('--ignore-file'), valued('--wrap-process'), valued('--color'), valued('--timings'), valued('--socket')], { unknownShort: 'switch', unknownLong: 'switch' });

/** `watchexec -e ts -- cmd args`, or one operand that is a shell line (`watchexec 'npm test && rm -rf x'`). */
const watchexecPeel: Peeler = (args) => {
  const read = readWrapper(args, WATCHEXEC);
  const rest = args.slice(read.index);
  if (rest.length === 0) return { argv: [], none: true };
  return rest.length === 1 ? { argv: [], shellText: rest[0]!, label: 'watchexec' } : { argv: rest };
};

/** `entr [-acdnprsz] cmd args`; with `-s` the one operand is a shell line. */
const entrPeel: Peeler = (args) => {
  const read = readWrapper(args, wrapperGrammar(switches('acdnprsz')));
  const rest = args.slice(read.index);
  if (rest.length === 0) return { argv: [], none: true };
  return read.given('-s') ? { argv: [], shellText: rest[0]!, label: 'entr -s' } : { argv: rest };
};

/**
 * Credential brokers and env runners: `saml2aws exec --exec-profile prod -- cmd`, `aws-sso exec -p prod cmd`,
 * `chamber exec svc -- cmd`, `nix develop -c cmd`, `asdf exec cmd`: the subcommand, its options, then the
 * command. `profile` names the options that choose the account; its value is passed on as AWS_PROFILE,
 * the name the environment is read from.
 */
function subcommandThen(subcommands: readonly string[], options: readonly OptionSpec[], profile: readonly string[] = []): Peeler {
  const grammar = wrapperGrammar(options, { unknownShort: 'switch', unknownLong: 'switch' });
  return (args) => {
    if (!subcommands.includes(args[0]?.text ?? '')) return { argv: [], none: true };
    const tail = args.slice(1);
    const read = readWrapper(tail, grammar);
    const rest = tail.slice(read.index);
    if (rest.length === 0) return { argv: [], none: true };
    const chosen = profile.map((o) => read.value(o)).find((v) => v !== undefined);
    return chosen !== undefined && !/[$`]/.test(chosen) ? { argv: rest, assignments: { AWS_PROFILE: chosen } } : { argv: rest };
  };
}

const NIX_SHELL = wrapperGrammar([valued('--run'), valued('--command'), valued('-p', '--packages'), valued('-I', '--include'), valued('-A', '--attr'), valued('--arg', '--argstr'), valued('-E', '--expr')], { interspersed: true, unknownShort: 'switch', unknownLong: 'switch' });

/** `nix-shell --run 'cmd'` / `--command 'cmd'`: a shell line run in the environment. */
const nixShellPeel: Peeler = (args) => {
  const read = readWrapper(args, NIX_SHELL);
  const line = read.valueWord('--run') ?? read.valueWord('--command');
  return line ? { argv: [], shellText: line, label: 'nix-shell --run' } : { argv: [], none: true };
};

const CHAMBER_EXEC = wrapperGrammar([valued('-b', '--backend'), valued('-r', '--retries'), valued('--strict-value'), flag('--pristine'), flag('--strict')], { interspersed: true, commandAfterDashDash: true, unknownShort: 'switch', unknownLong: 'switch' });

/** `chamber exec SERVICE… -- cmd`: the services' secrets in the environment, then the command after `--`. */
const chamberPeel: Peeler = (args) => {
  if (args[0]?.text !== 'exec') return { argv: [], none: true };
  const command = parseCommand(args.slice(1), CHAMBER_EXEC).command;
  return command && command.length > 0 ? { argv: command } : { argv: [], none: true };
};

const NIX_COMMAND = wrapperGrammar([{ names: ['-c', '--command'], takes: 'one', endsOptions: true }, valued('-i', '--ignore-environment'), valued('-k', '--keep'), valued('-u', '--unset'), valued('--profile'), valued('-f', '--file'), valued('--expr'), valued('--arg'), valued('--argstr')], { interspersed: true, unknownShort: 'switch', unknownLong: 'switch' });

/** `nix develop [installable] -c cmd args`, `nix shell pkgs… --command cmd`: everything after `-c` is the command. */
const nixPeel: Peeler = (args) => {
  const sub = args[0]?.text;
  if (sub !== 'develop' && sub !== 'shell') return { argv: [], none: true };
  const tail = args.slice(1);
  const option = parseCommand(tail, NIX_COMMAND).options.find((o) => o.name === '-c');
  if (option === undefined) return { argv: [], none: true };
  const rest = tail.slice(option.index + 1);
  return rest.length > 0 ? { argv: rest } : { argv: [], none: true };
};

const CONCURRENTLY = wrapperGrammar([valued('-n', '--names'), valued('-c', '--prefix-colors'), valued('-p', '--prefix'), valued('-l', '--prefix-length'), valued('-t', '--timestamp-format'), valued('-k', '--kill-others'), valued('--success', '-s'), valued('--restart-tries'), valued('--restart-after'), valued('-m', '--max-processes'), valued('--names-separator'), valued('--handle-input'), valued('--default-input-target'), valued('--kill-signal'), valued('--pad-prefix'), valued('--passthrough-arguments')], { interspersed: true, unknownShort: 'switch', unknownLong: 'switch' });

/** `concurrently 'cmd1' 'cmd2'`: each operand is a shell line; they are judged as one script, a line each. */
const concurrentlyPeel: Peeler = (args) => {
  const lines = readWrapper(args, CONCURRENTLY).parsed.operands;
  if (lines.length === 0) return { argv: [], none: true };
  const text = lines.map((w) => w.text).join('\n');
  return { argv: [], shellText: { text, raw: text, dynamic: lines.some((w) => w.dynamic), glob: false }, label: 'concurrently' };
};

const CONDA_RUN = wrapperGrammar([valued('-n', '--name'), valued('-p', '--prefix'), valued('--cwd'), flag('--no-capture-output', '--live-stream'), flag('-v', '--verbose'), flag('--debug-wrapper-scripts'), flag('--dev')], { unknownShort: 'switch', unknownLong: 'switch' });

/** `conda run -n ENV cmd…` (and mamba, micromamba): the command runs in the environment, in `--cwd` when given. */
function condaPeel(name: string): Peeler {
  return (args) => {
    if (args[0]?.text !== 'run') return { argv: [], none: true };
    const read = readWrapper(args.slice(1), CONDA_RUN);
    const rest = args.slice(1 + read.index);
    const cwd = read.value('--cwd');
    return rest.length === 0 ? { argv: [], none: true } : { argv: rest, label: `${name} run`, ...(cwd !== undefined && !/[$`]/.test(cwd) ? { chdir: cwd } : {}) };
  };
}

const SCL_ENABLE = wrapperGrammar([], { interspersed: true, commandAfterDashDash: true, unknownShort: 'switch', unknownLong: 'switch' });

/** `scl enable COLLECTION… -- cmd…`, or `scl enable COLLECTION 'cmd'` (one word: a shell line). */
const sclPeel: Peeler = (args) => {
  if (args[0]?.text !== 'enable' && args[0]?.text !== 'run') return { argv: [], none: true };
  const command = parseCommand(args.slice(1), SCL_ENABLE).command;
  if (command) return command.length > 0 ? { argv: command, label: 'scl enable' } : { argv: [], none: true };
  // Without `--` the last word is the command line, run by a shell.
  return args.length >= 3 ? { argv: [], shellText: args[args.length - 1]!, ownWords: args.length - 1, label: 'scl enable' } : { argv: [], none: true };
};

/** bubblewrap's options that take two values (a source and a destination, a variable and its value); bwrap(1). */
const BWRAP_TWO = ['--bind', '--bind-try', '--dev-bind', '--dev-bind-try', '--ro-bind', '--ro-bind-try', '--symlink', '--setenv', '--file', '--bind-data', '--ro-bind-data', '--chmod', '--bind-fd', '--ro-bind-fd', '--overlay'];
/** Its options that take one value. */
const BWRAP_ONE = ['tmpfs', 'dir', 'proc', 'dev', 'mqueue', 'remount-ro', 'chdir', 'unsetenv', 'uid', 'gid', 'hostname', 'args', 'argv0', 'userns', 'userns2', 'pidns', 'info-fd', 'json-status-fd', 'block-fd', 'userns-block-fd', 'sync-fd', 'seccomp', 'add-seccomp-fd', 'exec-label', 'file-label', 'lock-file', 'cap-add', 'cap-drop', 'perms', 'size', 'overlay-src', 'tmp-overlay', 'ro-overlay'];

const letters = (valuedLetters: string): OptionSpec[] => [...valuedLetters].map((l) => valued('-' + l));
const long = (...names: string[]): OptionSpec[] => names.map((n) => valued('--' + n));

/** `bwrap --bind / / --tmpfs "$HOME" cmd args`: its mounts and settings, then the command (read again by the perimeter for what the sandbox shows of the home folder). */
const BWRAP_OPTIONS: readonly OptionSpec[] = [...BWRAP_TWO.map((name): OptionSpec => ({ names: [name], takes: 'two' })), ...long(...BWRAP_ONE)];
export const BWRAP_GRAMMAR = wrapperGrammar(BWRAP_OPTIONS);

/**
 * Runners that start a command with secrets loaded into its environment (red team round 11): Procfile
 * runners (`foreman run [-e FILE] cmd`, `forego run`), secret injectors (`summon … cmd`, `berglas exec --
 * cmd`, `vercel env run [-e ENV] -- cmd`). The command is judged as itself (`env` there prints the secrets).
 */
const PROCFILE_RUN = wrapperGrammar([valued('-e', '--env'), valued('-d', '--root'), valued('-f', '--procfile'), valued('-p', '--port')]);
const SUMMON = wrapperGrammar([valued('-p', '--provider'), valued('-f'), valued('--yaml'), valued('-D'), valued('-e', '--environment'), flag('--up'), flag('--ignore-all'), valued('--ignore')]);
const VERCEL_ENV_RUN = wrapperGrammar([valued('-e', '--environment'), valued('--git-branch'), valued('--cwd'), valued('--scope'), valued('-S'), valued('-t', '--token'), flag('-d', '--debug')]);
function secretRunner(words: readonly string[], grammar: ReturnType<typeof wrapperGrammar>): Peeler {
  return (args) => {
    if (!words.every((w, i) => args[i]?.text === w)) return { argv: [], none: true };
    const rest = args.slice(words.length);
    const read = readWrapper(rest, grammar);
    const command = rest.slice(read.index);
    return command.length === 0 ? { argv: [], none: true } : { argv: command };
  };
}

export const MORE_WRAPPERS: Readonly<Record<string, Peeler>> = ownTable({
  foreman: secretRunner(['run'], PROCFILE_RUN),
  forego: secretRunner(['run'], PROCFILE_RUN),
  summon: secretRunner([], SUMMON),
  berglas: secretRunner(['exec'], wrapperGrammar([flag('--local')])),
  vercel: secretRunner(['env', 'run'], VERCEL_ENV_RUN),
  // chrt [options] priority command | chrt -p ... (a running process)
  chrt: optionsThen([...letters('TPD'), ...long('sched-runtime', 'sched-period', 'sched-deadline'), flag('-p', '--pid')], 1, ['-p']),
  // taskset [options] mask command | taskset -p ... | taskset -c list command
  taskset: optionsThen([flag('-p', '--pid'), flag('-c', '--cpu-list'), flag('-a', '--all-tasks')], 1, ['-p']),
  numactl: optionsThen([...letters('NmCipPw'), ...long('cpunodebind', 'membind', 'physcpubind', 'interleave', 'preferred', 'preferred-many', 'weighted-interleave'), flag('-s', '--show'), flag('-H', '--hardware')], 0, ['-s', '-H']),
  bwrap: optionsThen(BWRAP_OPTIONS),
  firejail: optionsThen([flag('--list'), flag('--tree'), flag('--top'), flag('--version'), flag('--help')], 0, ['--list', '--tree', '--top', '--version', '--help']),
  fakeroot: optionsThen([...letters('lisb'), ...long('lib', 'faked')]),
  nsenter: optionsThen([...letters('tSGwWZ'), ...long('target', 'setuid', 'setgid', 'wd', 'wdns')]),
  unshare: optionsThen([...letters('SGRwl'), ...long('setuid', 'setgid', 'root', 'wd', 'map-user', 'map-group', 'map-users', 'map-groups', 'load-interp', 'propagation', 'setgroups', 'kill-child')]),
  'dbus-run-session': optionsThen(long('config-file', 'dbus-daemon')),
  'xvfb-run': optionsThen([...letters('nsfepw'), ...long('server-num', 'server-args', 'auth-file', 'error-file', 'xauth-protocol', 'wait')]),
  valgrind: optionsThen([]),
  catchsegv: optionsThen([]),
  'dumb-init': optionsThen([valued('-r', '--rewrite')]),
  tini: optionsThen(letters('ep')),
  'ssh-agent': optionsThen([...letters('aEtPO'), ...switches('kscDdT')], 0, ['-k', '-s', '-c', '-D', '-d', '-T']),
  setpriv: optionsThen([...long('ruid', 'euid', 'reuid', 'rgid', 'egid', 'regid', 'groups', 'inh-caps', 'ambient-caps', 'bounding-set', 'securebits', 'pdeathsig', 'selinux-label', 'apparmor-profile', 'landlock-access', 'landlock-rule', 'reset-env'), flag('-d', '--dump')], 0, ['-d']),
  prlimit: optionsThen([valued('-p', '--pid'), valued('--output')], 0, ['-p']),
  cgexec: optionsThen(letters('g')),
  sg: sgPeel,
  // moreutils: runs the command and prints its output only when it fails.
  chronic: optionsThen([]),
  sops: sopsPeel,
  // daemontools: envdir DIR child, chpst [-u user] [-e dir] … child.
  envdir: optionsThen([], 1),
  chpst: optionsThen(letters('uUbenlamodfcrptx')),
  conda: condaPeel('conda'),
  mamba: condaPeel('mamba'),
  micromamba: condaPeel('micromamba'),
  scl: sclPeel,
  // proot [-r ROOT] [-b PATH] [-w DIR] … cmd: the command runs with ROOT (and bound paths) as its files.
  proot: optionsThen([...letters('rRbwkqm'), ...long('rootfs', 'bind', 'mount', 'pwd', 'cwd', 'kernel-release', 'qemu', 'mixed-mode'), ...switches('0iSv')]),
  'systemd-inhibit': optionsThen([...long('what', 'who', 'why', 'mode'), flag('--list')], 0, ['--list']),
  // schroot [-c CHROOT] [-u USER] [-d DIR] [--] cmd…
  schroot: optionsThen([...letters('cnudp'), ...long('chroot', 'user', 'directory', 'option'), flag('-l', '--list'), flag('-i', '--info'), flag('--end-session'), flag('--begin-session')], 0, ['-l', '--list', '-i', '--info', '--end-session', '--begin-session']),
  faketime: optionsThen(letters('p'), 1),
  // sshpass [-f file | -d fd | -p password | -e[var]] [-P prompt] [-v] command args
  sshpass: optionsThen([...letters('fdpP'), optional('-e'), flag('-v')], 0, ['-h', '-V']),
  // File watchers that run a command on every change (and at start).
  nodemon: nodemonPeel,
  chokidar: chokidarPeel,
  watchexec: watchexecPeel,
  entr: entrPeel,
  saml2aws: subcommandThen(['exec'], [valued('--exec-profile'), valued('-a', '--idp-account'), valued('--profile', '-p'), valued('--session-duration'), valued('--region')], ['--exec-profile', '--profile']),
  'aws-sso': subcommandThen(['exec'], [valued('-p', '--profile'), valued('-A', '--account'), valued('-R', '--role'), valued('-S', '--sso'), valued('--config'), valued('-L', '--level')], ['-p']),
  chamber: chamberPeel,
  asdf: subcommandThen(['exec'], []),
  nix: nixPeel,
  'nix-shell': nixShellPeel,
  concurrently: concurrentlyPeel,
  // Round 8 (issue #18): project environment runners. `devbox run [-c DIR] [-e K=V] cmd`, `pixi run|exec [-e ENV] cmd`, `rye run cmd`.
  devbox: subcommandThen(['run'], [valued('-c', '--config'), valued('-e', '--env'), valued('--env-file'), valued('--environment'), flag('-q', '--quiet'), flag('--pure'), flag('--omit-nix-env')]),
  pixi: subcommandThen(['run', 'r', 'exec', 'x'], [valued('-e', '--environment'), valued('--manifest-path'), valued('-s', '--spec'), valued('--executable'), valued('-c', '--channel'), valued('--platform'), valued('--revalidate'), flag('--frozen'), flag('--locked'), flag('--clean-env'), flag('--force-reinstall')]),
  // s6-overlay: `with-contenv cmd` runs the command with the container's environment.
  'with-contenv': optionsThen([]),
  // `snap run [--strace[=…]] [--gdb] SNAP[.APP] args` runs the snap's app (stop 32: `snap run snapcraft upload`); other snap commands are snap's own.
  snap: subcommandThen(['run'], [valued('--command'), optional('--strace'), optional('--gdbserver'), optional('--experimental-gdbserver'), flag('--shell'), flag('--gdb'), flag('--trace-exec'), flag('--debug-log')]),
  rye: subcommandThen(['run'], [valued('--pyproject'), flag('-l', '--list'), flag('-v', '--verbose'), flag('-q', '--quiet')]),
});
