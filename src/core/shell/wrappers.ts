/**
 * Commands that run another command: `sudo rm`, `env X=1 rm`, `timeout 5 rm`, `xargs rm`. Each
 * entry knows its own options well enough to find where the wrapped command starts, so that
 * `nice -n 10 rm` is seen as `rm`, not as a command named `10`.
 */

import type { ArgWord } from './ast';
import { MORE_WRAPPERS } from './moreWrappers';

export interface OptionSpec {
  /** Short options that take a value (`-u root`, `-uroot`). */
  shortWithValue?: string;
  /** Long options that take a value as the next word when written without `=`. */
  longWithValue?: readonly string[];
  /** Options written as one dash and a word that take a value (`-name x` style). */
  wordWithValue?: readonly string[];
  /** Stop at the first word not starting with '-' (all wrappers do). `--` always ends options. */
  numericOption?: boolean;
  /** Options after which the program reads no more options (`env -S STRING`: every later word is the command's). */
  lastOption?: readonly string[];
}

export interface OptionScan {
  /** Index of the first word after the options. */
  index: number;
  /** Option name (without dashes, short letter or long name) to its value, for the ones that matter. */
  values: Map<string, string>;
  /** Every option seen, without dashes ('n', 'verbose'). */
  flags: Set<string>;
  /** A value that is not static text (its value is unknown). */
  dynamicValue: boolean;
}

/** Walk leading options of `args` from `start` as described by `spec`. */
export function scanOptions(args: readonly ArgWord[], start: number, spec: OptionSpec): OptionScan {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  let dynamicValue = false;
  let i = start;
  while (i < args.length) {
    const word = args[i]!;
    const text = word.text;
    if (text === '--') {
      i++;
      break;
    }
    if (text.length < 2 || text[0] !== '-') break;
    if (spec.numericOption && /^-\d+$/.test(text)) {
      flags.add(text.slice(1));
      i++;
      continue;
    }
    if (text.startsWith('--')) {
      const eq = text.indexOf('=');
      const name = eq < 0 ? text.slice(2) : text.slice(2, eq);
      flags.add(name);
      if (eq >= 0) values.set(name, text.slice(eq + 1));
      else if (spec.longWithValue?.includes(name)) {
        const value = args[i + 1];
        if (value) {
          values.set(name, value.text);
          if (value.dynamic) dynamicValue = true;
        }
        i++;
      }
      i++;
      if (spec.lastOption?.includes(name)) break;
      continue;
    }
    if (spec.wordWithValue?.includes(text.slice(1))) {
      const value = args[i + 1];
      flags.add(text.slice(1));
      if (value) values.set(text.slice(1), value.text);
      i += 2;
      continue;
    }
    // A cluster of short options: `-un` or `-uroot` or `-n5`.
    let consumedNext = false;
    let last = false;
    for (let k = 1; k < text.length; k++) {
      const letter = text[k]!;
      flags.add(letter);
      if (spec.lastOption?.includes(letter)) last = true;
      if (spec.shortWithValue?.includes(letter)) {
        const rest = text.slice(k + 1);
        if (rest !== '') values.set(letter, rest);
        else {
          const value = args[i + 1];
          if (value) {
            values.set(letter, value.text);
            if (value.dynamic) dynamicValue = true;
          }
          consumedNext = true;
        }
        break;
      }
    }
    i += consumedNext ? 2 : 1;
    if (last) break;
  }
  return { index: Math.min(i, args.length), values, flags, dynamicValue };
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

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
  /** The wrapped command line is not static text: what it runs is unknown. */
  unknown?: string;
  /** Extra note for `via`, e.g. 'xargs' (args come from stdin). */
  label?: string;
}

type Peeler = (args: ArgWord[]) => Peeled;

function after(args: ArgWord[], spec: OptionSpec): Peeled {
  const scan = scanOptions(args, 0, spec);
  return { argv: args.slice(scan.index) };
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

function envPeel(args: ArgWord[]): Peeled {
  const scan = scanOptions(args, 0, {
    shortWithValue: 'uCSP',
    longWithValue: ['unset', 'chdir', 'split-string'],
    // GNU env puts the split words where the string was and stops reading options at the first that is
    // not one: `env -S rm -rf /data` runs `rm -rf /data`.
    lastOption: ['S', 'split-string'],
  });
  const { assignments, end } = leadingAssignments(args, scan.index);
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
  const chdir = scan.values.get('C') ?? scan.values.get('chdir');
  if (chdir !== undefined) peeled.chdir = chdir;
  const split = scan.values.get('S') ?? scan.values.get('split-string');
  if (split !== undefined) {
    // `env -S 'rm -rf x'` splits the string into words; the shell parser does that faithfully enough.
    const rest = args.slice(scan.index).map((w) => w.raw).join(' ');
    peeled.shellText = { text: split + (rest ? ' ' + rest : ''), raw: split, dynamic: scan.dynamicValue, glob: false };
    peeled.ownWords = scan.index;
  }
  return peeled;
}

function sudoPeel(args: ArgWord[]): Peeled {
  const scan = scanOptions(args, 0, {
    shortWithValue: 'ugpCDrtUTRh',
    longWithValue: ['user', 'group', 'prompt', 'close-from', 'chdir', 'role', 'type', 'other-user', 'command-timeout', 'chroot', 'host'],
  });
  for (const mode of ['l', 'v', 'k', 'K', 'e', 'V', 'list', 'validate', 'edit', 'version', 'help']) {
    if (scan.flags.has(mode) && !(mode === 'k' && scan.index < args.length)) return { argv: [], none: true };
  }
  const { assignments, end: i } = leadingAssignments(args, scan.index);
  const chdir = scan.values.get('D') ?? scan.values.get('chdir');
  return { argv: args.slice(i), assignments, ...(chdir !== undefined ? { chdir } : {}) };
}

function commandPeel(args: ArgWord[]): Peeled {
  const scan = scanOptions(args, 0, {});
  // `command -v foo` looks a name up; nothing runs.
  if (scan.flags.has('v') || scan.flags.has('V')) return { argv: [], none: true };
  return { argv: args.slice(scan.index) };
}

function timeoutPeel(args: ArgWord[]): Peeled {
  const scan = scanOptions(args, 0, { shortWithValue: 'sk', longWithValue: ['signal', 'kill-after'] });
  return { argv: args.slice(scan.index + 1) };
}

function nicePeel(args: ArgWord[]): Peeled {
  return after(args, { shortWithValue: 'n', longWithValue: ['adjustment'], numericOption: true });
}

function ionicePeel(args: ArgWord[]): Peeled {
  const scan = scanOptions(args, 0, { shortWithValue: 'cnpPu', longWithValue: ['class', 'classdata', 'pid', 'pgid', 'uid'] });
  if (scan.flags.has('p') || scan.flags.has('P') || scan.flags.has('u') || scan.flags.has('pid')) return { argv: [], none: true };
  return { argv: args.slice(scan.index) };
}

function chrootPeel(args: ArgWord[]): Peeled {
  const scan = scanOptions(args, 0, { longWithValue: ['userspec', 'groups'] });
  const rest = args.slice(scan.index + 1);
  return { argv: rest };
}

function flockPeel(args: ArgWord[]): Peeled {
  const scan = scanOptions(args, 0, {
    shortWithValue: 'wEc',
    longWithValue: ['timeout', 'wait', 'conflict-exit-code', 'command'],
  });
  const command = scan.values.get('c') ?? scan.values.get('command');
  if (command !== undefined) {
    const word = args.find((w) => w.text === command);
    return { argv: [], shellText: word ?? { text: command, raw: command, dynamic: scan.dynamicValue, glob: false } };
  }
  // `flock FILE -c 'line'`: only the word right after the file; a later `-c` belongs to the command (`psql -c`).
  const rest = args.slice(scan.index + 1);
  if ((rest[0]?.text === '-c' || rest[0]?.text === '--command') && rest[1]) return { argv: [], shellText: rest[1] };
  if (rest.length === 0) return { argv: [], none: true };
  return { argv: rest };
}

function xargsPeel(args: ArgWord[]): Peeled {
  const scan = scanOptions(args, 0, {
    shortWithValue: 'adEILnPs',
    longWithValue: ['arg-file', 'delimiter', 'eof', 'replace', 'max-lines', 'max-args', 'max-procs', 'max-chars', 'process-slot-var'],
  });
  const rest = args.slice(scan.index);
  if (rest.length === 0) rest.push({ text: 'echo', raw: 'echo', dynamic: false, glob: false });
  return { argv: rest, label: 'xargs' };
}

function busyboxPeel(args: ArgWord[]): Peeled {
  if (args.length === 0 || args[0]!.text.startsWith('-')) return { argv: [], none: true };
  return { argv: args };
}

function watchPeel(args: ArgWord[]): Peeled {
  const scan = scanOptions(args, 0, { shortWithValue: 'nq', longWithValue: ['interval', 'equexit'] });
  const rest = args.slice(scan.index);
  if (rest.length === 0) return { argv: [], none: true };
  if (scan.flags.has('x') || scan.flags.has('exec')) return { argv: rest };
  return { argv: [], shellText: joinWords(rest) };
}

function scriptPeel(args: ArgWord[]): Peeled {
  const scan = scanOptions(args, 0, { shortWithValue: 'cEIOBTm', longWithValue: ['command', 'echo', 'log-in', 'log-out', 'log-io', 'log-timing', 'logging-format'] });
  // `-c CMD`, `-qc CMD` (a cluster), `-cCMD`, `--command CMD`, `--command=CMD`.
  const inline = scan.values.get('c') ?? scan.values.get('command');
  if (inline === undefined) {
    // Options may also follow the log file (`script out.log -c 'cmd'`).
    const command = args.find((_w, i) => i > 0 && (args[i - 1]!.text === '-c' || args[i - 1]!.text === '--command'));
    return command ? { argv: [], shellText: command } : { argv: [], none: true };
  }
  const word = args.slice(0, scan.index).find((w) => w.text === inline);
  return { argv: [], shellText: word ?? { text: inline, raw: inline, dynamic: scan.dynamicValue, glob: false } };
}

function suPeel(args: ArgWord[]): Peeled {
  const command = args.find((_w, i) => i > 0 && (args[i - 1]!.text === '-c' || args[i - 1]!.text === '--command'));
  if (command) return { argv: [], shellText: command };
  const inline = args.find((w) => w.text.startsWith('--command='));
  if (inline) {
    const text = inline.text.slice('--command='.length);
    return { argv: [], shellText: { text, raw: inline.raw, dynamic: inline.dynamic, glob: false } };
  }
  return { argv: [], none: true };
}

/** `runuser -u USER [--] cmd args` runs a command as USER (no shell); otherwise it takes `-c` like su. */
function runuserPeel(args: ArgWord[]): Peeled {
  const scan = scanOptions(args, 0, { shortWithValue: 'ugGcsw', longWithValue: ['user', 'group', 'supp-group', 'command', 'shell', 'whitelist-environment'] });
  if (scan.values.has('u') || scan.values.has('user')) {
    const rest = args.slice(scan.index);
    return rest.length === 0 ? { argv: [], none: true } : { argv: rest };
  }
  return suPeel(args);
}

function parallelPeel(args: ArgWord[]): Peeled {
  const scan = scanOptions(args, 0, {
    shortWithValue: 'jJSadINnLPCE',
    longWithValue: ['jobs', 'sshlogin', 'arg-file', 'delimiter', 'colsep', 'joblog', 'results', 'tmpdir', 'workdir', 'env', 'halt', 'timeout', 'delay', 'load', 'memfree', 'max-args', 'max-replace-args', 'block', 'tag-string', 'basefile', 'return', 'transfer-file'],
  });
  const rest = args.slice(scan.index);
  const end = rest.findIndex((w) => w.text.startsWith(':::'));
  const command = end < 0 ? rest : rest.slice(0, end);
  if (command.length === 0) return { argv: [], none: true, label: 'parallel' };
  // parallel runs the command once per input, appending it unless `{}` places it; one invocation
  // carrying every input is what the packs need to see.
  const inputs: ArgWord[] = [];
  if (end >= 0 && !command.some((w) => w.text.includes('{}'))) {
    for (let i = end + 1; i < rest.length && !rest[i]!.text.startsWith(':::'); i++) inputs.push(rest[i]!);
  }
  const line = joinWords(command);
  if (inputs.length === 0) return { argv: [], shellText: line, label: 'parallel' };
  const quoted = inputs.map((w) => (w.dynamic ? w.raw : "'" + w.text.replace(/'/g, "'\\''") + "'")).join(' ');
  return { argv: [], shellText: { ...line, text: line.text + ' ' + quoted, dynamic: line.dynamic }, label: 'parallel' };
}

/** Scoped packages whose binary is not named like the package's last part. */
const PACKAGE_BINARIES: Readonly<Record<string, string>> = { '@continuedev/cli': 'cn', '@qodo/command': 'qodo', '@kilocode/cli': 'kilocode' };

/** `npx cmd`, `bunx cmd`, `pnpm dlx cmd`: run a package's binary. */
function npxPeel(args: ArgWord[]): Peeled {
  const scan = scanOptions(args, 0, { shortWithValue: 'pc', longWithValue: ['package', 'call', 'cache', 'userconfig'] });
  const call = scan.values.get('c') ?? scan.values.get('call');
  if (call !== undefined) {
    const word = args.find((w) => w.text === call);
    return { argv: [], shellText: word ?? { text: call, raw: call, dynamic: scan.dynamicValue, glob: false } };
  }
  const rest = args.slice(scan.index);
  if (rest.length === 0) return { argv: [], none: true };
  // `npx some-package@1.2.3 args` runs the package's binary, named like the package.
  const first = rest[0]!;
  const at = first.text.lastIndexOf('@');
  if (at > 0) rest[0] = { ...first, text: first.text.slice(0, at) };
  const binary = PACKAGE_BINARIES[rest[0]!.text];
  if (binary) rest[0] = { ...rest[0]!, text: binary };
  const slash = rest[0]!.text.lastIndexOf('/');
  if (rest[0]!.text.startsWith('@') && slash > 0) rest[0] = { ...rest[0]!, text: rest[0]!.text.slice(slash + 1) };
  return { argv: rest };
}

/** `doppler run -- cmd`, `op run -- cmd`, `dotenv -e .env -- cmd`: secret injectors and env loaders. */
function afterDoubleDash(args: ArgWord[]): Peeled {
  const dash = args.findIndex((w) => w.text === '--');
  if (dash < 0) return { argv: [], none: true };
  return { argv: args.slice(dash + 1) };
}

/** `poetry run cmd`, `bundle exec cmd`, `uv run cmd`: a subcommand word, options, then the command. */
function subcommandRunner(sub: readonly string[], spec: OptionSpec = {}): Peeler {
  return (args) => {
    const first = scanOptions(args, 0, spec);
    const word = args[first.index];
    if (!word || !sub.includes(word.text)) return { argv: [], none: true };
    const scan = scanOptions(args, first.index + 1, spec);
    const rest = args.slice(scan.index);
    return rest.length === 0 ? { argv: [], none: true } : { argv: rest };
  };
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
export const WRAPPERS: Readonly<Record<string, Peeler>> = {
  sudo: sudoPeel,
  doas: (args) => after(args, { shortWithValue: 'uCa' }),
  pkexec: (args) => after(args, { longWithValue: ['user'] }),
  env: envPeel,
  command: commandPeel,
  builtin: (args) => ({ argv: args }),
  exec: (args) => after(args, { shortWithValue: 'a' }),
  nohup: (args) => after(args, {}),
  nice: nicePeel,
  renice: () => ({ argv: [], none: true }),
  ionice: ionicePeel,
  time: (args) => after(args, { shortWithValue: 'fo', longWithValue: ['format', 'output'] }),
  timeout: timeoutPeel,
  gtimeout: timeoutPeel,
  stdbuf: (args) => after(args, { shortWithValue: 'ioe', longWithValue: ['input', 'output', 'error'] }),
  chroot: chrootPeel,
  setsid: (args) => after(args, {}),
  caffeinate: (args) => after(args, { shortWithValue: 'tw' }),
  flock: flockPeel,
  unbuffer: (args) => after(args, {}),
  torsocks: (args) => after(args, { shortWithValue: 'uaPp' }),
  proxychains: (args) => after(args, { shortWithValue: 'f' }),
  proxychains4: (args) => after(args, { shortWithValue: 'f' }),
  strace: (args) => after(args, { shortWithValue: 'abeEIoOpPsSUX' }),
  ltrace: (args) => after(args, { shortWithValue: 'aeEilnopsuwx' }),
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
  'dotenv': afterDoubleDash,
  'dotenvx': afterDoubleDash,
  doppler: afterDoubleDash,
  op: afterDoubleDash,
  infisical: afterDoubleDash,
  'aws-vault': afterDoubleDash,
  'env-cmd': (args) => after(args, { shortWithValue: 'fer', longWithValue: ['file', 'environments', 'rc-file'] }),
  poetry: subcommandRunner(['run'], { shortWithValue: 'CP', longWithValue: ['directory', 'project'] }),
  pipenv: subcommandRunner(['run']),
  uv: subcommandRunner(['run'], { longWithValue: ['with', 'python', 'project', 'directory', 'env-file', 'extra', 'group', 'package'] }),
  pdm: subcommandRunner(['run']),
  hatch: subcommandRunner(['run']),
  bundle: subcommandRunner(['exec']),
  direnv: (args) => (args[0]?.text === 'exec' && args.length > 2 ? { argv: args.slice(2) } : { argv: [], none: true }),
  ...MORE_WRAPPERS,
};
