import type { CommandSpec, ToolSpec } from '../types';
import { flag, flagsEach, letters, valued, valuedEach, valuedLetters } from './options';

/**
 * Runners that start a command the agent does not wait for: `systemd-run [options] [--] CMD…` (a
 * transient unit, now or on a timer), tmux's session, window, pane and popup commands (`tmux
 * new-session -d 'CMD'`), a detached GNU screen (`screen -dmS name CMD…`), and what tmux types
 * into another shell (`send-keys`). Each stops reading options at its command's first word.
 */

export const systemdRun: ToolSpec = {
  names: ['systemd-run'],
  family: 'runner',
  locality: 'local',
  abbreviations: true,
  interspersed: false,
  options: [
    valued('-u', '--unit'), valued('-p', '--property'), valued('-E', '--setenv'), valued('-M', '--machine'), valued('-H', '--host'),
    ...valuedEach('--description', '--slice', '--on-active', '--on-boot', '--on-startup', '--on-unit-active', '--on-unit-inactive', '--on-calendar',
      '--on-clock-change', '--on-timezone-change', '--timer-property', '--path-property', '--socket-property', '--uid', '--gid', '--nice',
      '--working-directory', '--service-type', '--expand-environment', '--json', '--capsule'),
    flag('-t', '--pty'), flag('-P', '--pipe'), flag('-G', '--collect'), flag('-q', '--quiet'), flag('-r', '--remain-after-exit'), flag('-S', '--shell'),
    flag('-d', '--same-dir'), flag('-h', '--help'), flag('-C'),
    ...flagsEach('--user', '--system', '--scope', '--no-block', '--wait', '--send-sighup', '--no-ask-password', '--version', '--slice-inherit', '--ignore-failure', '--background'),
  ],
};

/** A tmux command whose operands are a shell command: options first, then the command. */
const startsCommand = (valuedLettersOf: string, switchLetters: string): CommandSpec => ({
  interspersed: false,
  options: [...valuedLetters(valuedLettersOf), ...letters(switchLetters)],
});

export const tmux: ToolSpec = {
  names: ['tmux'],
  family: 'runner',
  locality: 'local',
  interspersed: false,
  unknownShort: 'switch',
  options: [valued('-c'), ...valuedLetters('fLST'), ...letters('2CDlNuVv')],
  commands: {
    'new-session|new': startsCommand('cefFnstxy', 'AdDEPX'),
    'new-window|neww': startsCommand('ceFnt', 'abdkPS'),
    'split-window|splitw': startsCommand('ceFlpt', 'bdfhIvPZ'),
    'run-shell|run': startsCommand('cdt', 'bC'),
    'respawn-pane|respawnp|respawn-window|respawnw': startsCommand('cet', 'k'),
    'display-popup|popup': startsCommand('bcdehsStTwxy', 'BCEkN'),
    // tmux takes an unambiguous prefix of a command's name (`send-key`, `send-k`).
    'send-keys|send|send-key|send-ke|send-k': startsCommand('tNc', 'FHKlMRX'),
  },
};

export const screen: ToolSpec = {
  names: ['screen'],
  family: 'runner',
  locality: 'local',
  interspersed: false,
  unknownShort: 'switch',
  options: [
    ...valuedLetters('SctheTps'), { names: ['-X'], takes: 'list' }, valued('-Logfile'),
    ...letters('aAdDmqrRUxOiLlv'), ...flagsEach('-ln', '-wipe', '-list', '-ls', '-Q'),
  ],
};

/**
 * netcat (OpenBSD nc, traditional netcat, nmap's ncat) and telnet: `[options] host port`. `-z` only
 * scans and `-l` listens; neither connects to a server. `-e`/`--exec PROG` and `-c`/`--sh-exec CMD`
 * run a program for each connection, its input and output the socket's (`ncat -l 4444 --exec 'cat
 * ~/.aws/credentials'` hands the file to whoever connects).
 */
export const netcat: ToolSpec = {
  names: ['nc', 'ncat', 'netcat'],
  family: 'remote',
  locality: 'remote',
  programOptions: ['-e', '-c'],
  unknownShort: 'switch',
  options: [
    ...valuedLetters('wipsxXqWIOTbmMPV'), valued('-e', '--exec'), valued('-c', '--sh-exec'), valued('-o', '--output'), valued('--proxy'), valued('--proxy-type'),
    valued('--proxy-auth'), valued('--lua-exec'), valued('-d', '--delay'), valued('--idle-timeout'), valued('--max-conns'), valued('--wait'),
    flag('-l', '--listen'), flag('-z'), ...letters('46CDFhkNnrStUuv'), ...flagsEach('--ssl', '--udp', '--verbose', '--keep-open', '--send-only', '--recv-only', '--nodns'),
  ],
};

export const telnet: ToolSpec = {
  names: ['telnet'],
  family: 'remote',
  locality: 'remote',
  unknownShort: 'switch',
  options: [...valuedLetters('BbenlSX'), ...letters('468ELadrcFfKx')],
};

/**
 * awk and its implementations: `awk [options] 'program' [file…]` or `awk -f prog.awk …`; gawk adds
 * `-e`/`--source` program text, `-E`/`--exec` (a program file that ends the options) and
 * `--include`. The first operand is the program unless a program came from `-f`, `-E` or `-e`.
 */
export const awk: ToolSpec = {
  names: ['awk', 'gawk', 'mawk', 'nawk'],
  family: 'runner',
  locality: 'local',
  abbreviations: true,
  interspersed: false,
  options: [
    valued('-f', '--file'), valued('-E', '--exec'), valued('-e', '--source'), valued('-v', '--assign'), valued('-F', '--field-separator'),
    valued('-i', '--include'), valued('-l', '--load'), valued('-W'),
    ...['-d', '--dump-variables', '-D', '--debug', '-L', '--lint', '-o', '--pretty-print', '-p', '--profile'].map((n) => ({ names: [n], takes: 'optional' as const })),
    flag('-b', '--characters-as-bytes'), flag('-c', '--traditional'), flag('-C', '--copyright'), flag('-g', '--gen-pot'), flag('-h', '--help'),
    flag('-M', '--bignum'), flag('-n', '--non-decimal-data'), flag('-N', '--use-lc-numeric'), flag('-O', '--optimize'), flag('-P', '--posix'),
    flag('-r', '--re-interval'), flag('-s', '--no-optimize'), flag('-S', '--sandbox'), flag('-t', '--lint-old'), flag('-V', '--version'),
  ],
};

/** Deno: `deno run [options] file [args]`, `deno eval [options] 'code'`; value options use `=` unless listed as taking the next word. */
export const deno: ToolSpec = {
  names: ['deno'],
  family: 'runner',
  locality: 'local',
  interspersed: false,
  unknownLong: 'switch',
  options: [
    valued('-c', '--config'), valued('--import-map'), valued('--location'), valued('--seed'), valued('--cert'), valued('--ext'), valued('-L', '--log-level'),
    ...['--env-file', '--inspect', '--inspect-brk', '--inspect-wait', '-r', '--reload', '--lock', '--v8-flags', '--watch', '--check', '--no-check',
      '--node-modules-dir', '--frozen', '--allow-read', '--allow-write', '--allow-net', '--allow-env', '--allow-run', '--allow-ffi', '--allow-sys',
      '--allow-import', '--deny-read', '--deny-write', '--deny-net', '--deny-env', '--deny-run', '--deny-ffi', '--deny-sys'].map((n) => ({ names: [n], takes: 'optional' as const })),
    flag('-A', '--allow-all'), flag('-q', '--quiet'), flag('-P', '--permission-set'), ...flagsEach('--no-prompt', '--cached-only', '--no-remote', '--no-npm', '--no-lock', '--no-config', '--print'),
  ],
  // `deno task --eval 'line'`: the operands are a task line (deno's task shell).
  // `deno install -g [-n NAME] [--root R] URL|FILE` puts a launcher for it into R/bin (~/.deno/bin).
  commands: { eval: {}, 'run|serve': {}, task: { options: [flag('--eval'), valued('--cwd'), valued('-f', '--filter'), flag('-r', '--recursive')] }, install: { options: [valued('-n', '--name'), valued('--root'), flag('-g', '--global'), flag('-f', '--force')] } },
};

/**
 * Terminal emulators' remote control, which types into or starts a command in another window:
 * `kitty @ send-text 'rm -rf x\n'`, `kitty @ launch CMD…` (also `kitten @`), `wezterm cli send-text
 * TEXT`, `wezterm cli spawn -- CMD…`. The handler in `policy/handlers/terminals.ts` judges what is typed
 * or started as a command.
 */
export const kitty: ToolSpec = {
  names: ['kitty', 'kitten'],
  family: 'runner',
  locality: 'local',
  interspersed: false,
  unknownShort: 'switch',
  options: [...valuedEach('--to', '--password', '--password-file', '--password-env', '--use-password', '--config', '--class', '--name', '--title', '--directory', '--session', '--override'), valued('-c'), valued('-o'), valued('-d')],
  commands: {
    '@': {
      interspersed: false,
      options: [...valuedEach('--to', '--password', '--password-file', '--password-env', '--use-password')],
      commands: {
        'send-text': { interspersed: true, options: [valued('-m', '--match'), valued('-t', '--match-tab'), ...valuedEach('--from-file', '--bracketed-paste'), ...flagsEach('--all', '--exclude-active', '--stdin')] },
        launch: {
          interspersed: false,
          options: [valued('-m', '--match'), ...valuedEach('--type', '--cwd', '--env', '--title', '--window-title', '--tab-title', '--location', '--var', '--next-to', '--bias', '--os-window-title', '--os-window-name', '--os-window-class', '--watcher', '--color', '--spacing', '--source-window', '--stdin-source', '--marker', '--logo', '--os-window-state'), ...flagsEach('--no-response', '--keep-focus', '--dont-take-focus', '--copy-colors', '--copy-cmdline', '--copy-env', '--hold', '--allow-remote-control', '--self')],
        },
      },
    },
  },
};

export const wezterm: ToolSpec = {
  names: ['wezterm'],
  family: 'runner',
  locality: 'local',
  interspersed: false,
  unknownShort: 'switch',
  options: [...valuedEach('--config-file', '--config'), ...flagsEach('-n', '--skip-config')],
  commands: {
    cli: {
      interspersed: false,
      options: [valued('--class'), ...flagsEach('--no-auto-start', '--prefer-mux')],
      commands: {
        'send-text': { interspersed: true, options: [valued('--pane-id'), flag('--no-paste')] },
        spawn: { interspersed: false, options: [...valuedEach('--pane-id', '--domain-name', '--window-id', '--cwd', '--workspace'), flag('--new-window')] },
      },
    },
    start: { interspersed: false, options: [...valuedEach('--cwd', '--class', '--workspace', '--position', '--domain'), ...flagsEach('--no-auto-connect', '--always-new-process', '--attach')] },
  },
};
