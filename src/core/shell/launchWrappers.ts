import type { ArgWord } from './ast';
import { flag, readWrapper, valued, wrapperGrammar } from './wrapperOptions';
import type { Peeled } from './wrappers';

/**
 * Launchers that run the command they are given (session 26, issue #18 item 6): benchmark and process
 * runners (`hyperfine 'cmd'`, `pm2 start 'cmd'`), tool-version and build environments (`mise exec --
 * cmd`, `meson devenv cmd`, `tox exec -- cmd`, `kubie exec CTX NS cmd`, `nix run pkg -- args`),
 * `cgdb --args prog` (gdb and lldb are code runners: `codeRunners.ts`) and `capsh -- -c 'line'` (bash
 * with what follows `--`). Without an entry the wrapped command reads as arguments of a program nobody
 * described. Options are from each tool's manual or `--help`.
 */

type Peeler = (args: ArgWord[]) => Peeled;

function lines(words: readonly ArgWord[], label: string): Peeled {
  if (words.length === 0) return { argv: [], none: true };
  const text = words.map((w) => w.text).join('\n');
  return { argv: [], shellText: { text, raw: text, dynamic: words.some((w) => w.dynamic), glob: false }, label };
}

const HYPERFINE = wrapperGrammar(
  [
    valued('-w', '--warmup'), valued('-m', '--min-runs'), valued('-M', '--max-runs'), valued('-r', '--runs'), valued('-p', '--prepare'), valued('-c', '--cleanup'), valued('-s', '--setup'),
    valued('-S', '--shell'), valued('-n', '--command-name'), valued('-u', '--time-unit'), valued('--style'), valued('--sort'), valued('--export-asciidoc'), valued('--export-csv'),
    valued('--export-json'), valued('--export-markdown'), valued('--export-orgmode'), valued('--output'), valued('--input'), valued('-D', '--parameter-step-size'), valued('--conclude'),
    { names: ['-P', '--parameter-scan'], takes: 'one' }, { names: ['-L', '--parameter-list'], takes: 'one' },
    flag('-i', '--ignore-failure'), flag('-N'), flag('--show-output'), flag('--help'), flag('--version'),
  ],
  { interspersed: true, unknownShort: 'switch', unknownLong: 'switch' },
);

/** `hyperfine [opts] 'cmd1' 'cmd2'`: each operand is a shell line; `--prepare`, `--setup`, `--cleanup`, `--conclude` are commands too. */
const hyperfinePeel: Peeler = (args) => {
  const read = readWrapper(args, HYPERFINE);
  const own = read.parsed.options.filter((o) => ['-p', '-s', '-c', '--conclude'].includes(o.name)).flatMap((o) => o.valueWords);
  // `-P NAME MIN MAX` takes three words: the numbers left among the operands are its values, not commands.
  const operands = read.parsed.operands.filter((w) => !(read.given('-P', '--parameter-scan') && /^-?[\d.]+$/.test(w.text)));
  return lines([...own, ...operands], 'hyperfine');
};

const PM2_START = wrapperGrammar(
  [
    valued('-n', '--name'), valued('-i', '--instances'), valued('--interpreter'), valued('--interpreter-args'), valued('--node-args'), valued('--cwd'), valued('-o', '--output'), valued('-e', '--error'),
    valued('-l', '--log'), valued('--max-memory-restart'), valued('--cron', '--cron-restart'), valued('--namespace'), valued('--env'), valued('--restart-delay'), valued('--max-restarts'), valued('--log-date-format'),
    valued('--watch-delay'), valued('--ignore-watch'), valued('--exp-backoff-restart-delay'), valued('-x'),
  ],
  { unknownShort: 'switch', unknownLong: 'switch', commandAfterDashDash: false },
);

/** `pm2 start 'cmd args'`: a line with spaces is run by a shell; `pm2 start app.js` is read as before (its entry file). */
const pm2Peel: Peeler = (args) => {
  const sub = args[0]?.text;
  if (sub !== 'start' && sub !== 'restart' && sub !== 'run') return { argv: [], none: true };
  const tail = args.slice(1);
  const read = readWrapper(tail, PM2_START);
  const target = tail[read.index];
  if (!target) return { argv: [], none: true };
  if (/\s/.test(target.text)) return { argv: [], shellText: target, ownWords: read.index + 1, label: 'pm2 start' };
  // A script or program by its name is pm2's own reading (runnerEntries.ts: the entry file it starts).
  return { argv: [], notWrapping: true };
};

const MISE_EXEC = wrapperGrammar([valued('-C', '--cd'), valued('-j', '--jobs'), valued('-c', '--command'), flag('--raw'), flag('--fresh-env'), flag('--no-prepare')], { unknownShort: 'switch', unknownLong: 'switch', commandAfterDashDash: true, interspersed: true });

/** `mise exec node@20 -- cmd`, `mise x -c 'line'`, `rtx exec -- cmd`: tool specs, then `--` and the command (or `-c` a shell line). */
const misePeel: Peeler = (args) => {
  if (args[0]?.text !== 'exec' && args[0]?.text !== 'x') return { argv: [], none: true };
  const tail = args.slice(1);
  const read = readWrapper(tail, MISE_EXEC);
  const line = read.valueWord('-c');
  if (line) return { argv: [], shellText: line, label: 'mise exec' };
  const dash = tail.findIndex((w) => w.text === '--');
  if (dash >= 0 && dash + 1 < tail.length) return { argv: tail.slice(dash + 1), label: 'mise exec' };
  return { argv: [], none: true };
};

/** `meson devenv [-C builddir] [-w dir] cmd…`: the command runs in the project's build environment. */
const MESON_DEVENV = wrapperGrammar([valued('-C'), valued('-w', '--workdir'), valued('--dump'), valued('--dump-format')], { unknownShort: 'switch', unknownLong: 'switch' });
const mesonPeel: Peeler = (args) => {
  if (args[0]?.text !== 'devenv') return { argv: [], none: true };
  const tail = args.slice(1);
  const read = readWrapper(tail, MESON_DEVENV);
  if (read.given('--dump')) return { argv: [], none: true };
  const rest = tail.slice(read.index);
  return rest.length > 0 ? { argv: rest, label: 'meson devenv' } : { argv: [], none: true };
};

/** `tox exec -e py312 -- cmd`, `tox e -- cmd`: the command after `--` runs in the tox environment. */
const toxPeel: Peeler = (args) => {
  if (args[0]?.text !== 'exec' && args[0]?.text !== 'e') return { argv: [], none: true };
  const dash = args.findIndex((w) => w.text === '--');
  return dash >= 0 && dash + 1 < args.length ? { argv: args.slice(dash + 1), label: 'tox exec' } : { argv: [], none: true };
};

/** `kubie exec CONTEXT NAMESPACE cmd…`: the command runs with that kube context. */
const kubiePeel: Peeler = (args) => {
  if (args[0]?.text !== 'exec') return { argv: [], none: true };
  const rest = args.slice(1).filter((w) => !/^-[ae]$|^--(exit-early|context-headers)$/.test(w.text));
  const context = rest[0];
  if (rest.length < 3 || !context) return { argv: [], none: true };
  const cmd = rest.slice(2);
  // kubectl reads the context kubie selects: passed on as the option it would read.
  if (/^(kubectl|helm)$/.test(cmd[0]!.text) && !context.dynamic) {
    const contextWord = { text: `--${cmd[0]!.text === 'helm' ? 'kube-context' : 'context'}=${context.text}`, raw: `--context=${context.text}`, dynamic: false, glob: false };
    return { argv: [cmd[0]!, contextWord, ...cmd.slice(1)], label: `kubie exec ${context.text}` };
  }
  return { argv: cmd, label: `kubie exec ${context.text}` };
};

const NIX_RUN = wrapperGrammar([valued('--arg'), valued('--argstr'), valued('-f', '--file'), valued('--expr'), valued('-I', '--include'), valued('--override-input'), valued('--inputs-from')], { interspersed: true, unknownShort: 'switch', unknownLong: 'switch', commandAfterDashDash: true });

/** `nix run INSTALLABLE -- args`: the package's main program (named like the package) with the arguments after `--`. */
function nixRunPeel(args: ArgWord[]): Peeled | undefined {
  if (args[0]?.text !== 'run') return undefined;
  const tail = args.slice(1);
  const installable = readWrapper(tail, NIX_RUN).parsed.operands[0];
  if (!installable || installable.dynamic) return { argv: [], unknown: 'nix run starts a package named at run time' };
  const dash = tail.findIndex((w) => w.text === '--');
  const programArgs = dash >= 0 ? tail.slice(dash + 1) : [];
  const pkg = installable.text.replace(/^.*#/, '').replace(/^legacyPackages\.[^.]+\./, '');
  if (!/^[\w.+-]+$/.test(pkg)) return { argv: [], unknown: `nix run fetches ${installable.text.slice(0, 80)} and runs its program, which cannot be read before it runs` };
  // Multi-call packages run the applet their first argument names.
  if (/^(coreutils|busybox|toybox|uutils-coreutils)$/.test(pkg) && programArgs.length > 0) return { argv: programArgs, label: 'nix run' };
  return { argv: [{ text: pkg, raw: pkg, dynamic: false, glob: false }, ...programArgs], label: 'nix run' };
}

/** `gdb -batch -ex run --args prog args`, `lldb -- prog args`, `cgdb --args`: the program the debugger starts. */
const gdbPeel: Peeler = (args) => {
  const at = args.findIndex((w) => w.text === '--args' || w.text === '-args');
  if (at < 0 || at + 1 >= args.length) return { argv: [], none: true };
  return { argv: args.slice(at + 1), label: 'gdb --args' };
};

/** `capsh [opts] -- args`: capsh runs /bin/bash with the arguments after `--` (`-- -c 'line'`). */
const capshPeel: Peeler = (args) => {
  const at = args.findIndex((w) => w.text === '--' || w.text === '==');
  if (at < 0) return { argv: [], none: true };
  const bash = { text: 'bash', raw: 'bash', dynamic: false, glob: false };
  return { argv: [bash, ...args.slice(at + 1)], label: 'capsh --' };
};

export function launchWrappers(nix: Peeler | undefined): Readonly<Record<string, Peeler>> {
  return {
    hyperfine: hyperfinePeel,
    pm2: pm2Peel,
    mise: misePeel,
    rtx: misePeel,
    meson: mesonPeel,
    tox: toxPeel,
    kubie: kubiePeel,
    nix: (args) => nixRunPeel(args) ?? (nix ? nix(args) : { argv: [], none: true }),
    cgdb: gdbPeel,
    capsh: capshPeel,
  };
}
