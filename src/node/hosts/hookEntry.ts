import * as path from 'node:path';
import type { HostId } from '../../core/protocol/ipc';
import type { HookDecision, HostReply } from './action';
import { HOST_ADAPTERS } from './adapters';

/**
 * What a host runs, written so that something always answers deny in that host's own format, with
 * the exit code it reads as a block, even when every file of ours is gone:
 *
 * - the host entry is a POSIX command line that runs the shim when it is there, and otherwise prints
 *   the host's deny itself (`posixHookEntry`);
 * - the shim (`posixShim`, `windowsShim`) clears every variable that changes what code the runtime or
 *   the dynamic loader loads, then runs the CLI when the runtime and both CLI files are there, and
 *   prints the host's deny when they are not, or when the CLI ended without an answer (a crash, a kill).
 *
 * Every reply comes from the host adapter's own failClosed writer, so a host added to HOST_ADAPTERS
 * gets its fallback with no further code; a host without an adapter gets exit 2 with the reason on
 * stderr, which every documented host reads as a block.
 */

/**
 * Cleared by the shim before the runtime starts, because each changes what code runs inside the hook
 * (or what files it writes): Node's own variables (NODE_ENV stays: it selects an environment and is
 * read by the policy), OpenSSL's configuration (it can load engines), the dynamic loaders' (glibc's
 * list of variables it ignores for setuid programs, musl's, and macOS dyld's), Electron's other than
 * ELECTRON_RUN_AS_NODE, and the shell start-up files a child shell would read.
 * NODE_EXTRA_CA_CERTS is cleared too: the hook opens no TLS connection, and loading the certificates
 * costs every call tens of milliseconds.
 */
export const LOADER_VARIABLES: readonly string[] = [
  'NODE_OPTIONS', 'NODE_PATH', 'NODE_REPL_EXTERNAL_MODULE', 'NODE_PRESERVE_SYMLINKS', 'NODE_PRESERVE_SYMLINKS_MAIN',
  'NODE_V8_COVERAGE', 'NODE_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE', 'NODE_ICU_DATA', 'NODE_EXTRA_CA_CERTS',
  'NODE_USE_SYSTEM_CA', 'NODE_USE_ENV_PROXY', 'NODE_REDIRECT_WARNINGS', 'NODE_DEBUG', 'NODE_DEBUG_NATIVE',
  'NODE_PENDING_DEPRECATION', 'NODE_PENDING_PIPE_INSTANCES', 'NODE_CHANNEL_FD', 'NODE_CHANNEL_SERIALIZATION_MODE',
  'NODE_UNIQUE_ID', 'NODE_TEST_CONTEXT', 'NODE_SKIP_PLATFORM_CHECK', 'NODE_TLS_REJECT_UNAUTHORIZED', 'NODE_REPL_HISTORY',
  'NODE_NO_WARNINGS', 'NODE_DISABLE_COLORS', 'NODE_INSPECT_RESUME_ON_START', 'NODE_SEA_FUSE',
  'OPENSSL_CONF', 'OPENSSL_ENGINES', 'OPENSSL_MODULES', 'SSL_CERT_FILE', 'SSL_CERT_DIR',
  'LD_PRELOAD', 'LD_LIBRARY_PATH', 'LD_AUDIT', 'LD_DEBUG', 'LD_DEBUG_OUTPUT', 'LD_DYNAMIC_WEAK', 'LD_HWCAP_MASK',
  'LD_ORIGIN_PATH', 'LD_PROFILE', 'LD_PROFILE_OUTPUT', 'LD_SHOW_AUXV', 'LD_USE_LOAD_BIAS', 'LD_BIND_NOT', 'LD_BIND_NOW',
  'LD_ASSUME_KERNEL', 'LD_PREFER_MAP_32BIT_EXEC', 'GCONV_PATH', 'GETCONF_DIR', 'GLIBC_TUNABLES', 'LOCPATH', 'NLSPATH', 'MALLOC_TRACE',
  'DYLD_INSERT_LIBRARIES', 'DYLD_LIBRARY_PATH', 'DYLD_FALLBACK_LIBRARY_PATH', 'DYLD_VERSIONED_LIBRARY_PATH',
  'DYLD_FRAMEWORK_PATH', 'DYLD_FALLBACK_FRAMEWORK_PATH', 'DYLD_VERSIONED_FRAMEWORK_PATH', 'DYLD_ROOT_PATH',
  'DYLD_SHARED_REGION', 'DYLD_SHARED_CACHE_DIR', 'DYLD_IMAGE_SUFFIX', 'DYLD_FORCE_FLAT_NAMESPACE', 'DYLD_BIND_AT_LAUNCH',
  'DYLD_PRINT_TO_FILE', 'DYLD_PRINT_LIBRARIES', 'DYLD_PRINT_APIS', 'DYLD_PRINT_WARNINGS',
  'ELECTRON_NO_ASAR', 'ELECTRON_ENABLE_LOGGING', 'ELECTRON_LOG_FILE', 'ELECTRON_LOG_ASAR_READS', 'ELECTRON_ENABLE_STACK_DUMPING',
  'ELECTRON_DEFAULT_ERROR_MODE', 'ELECTRON_OVERRIDE_DIST_PATH', 'ELECTRON_NO_ATTACH_CONSOLE', 'ELECTRON_DEBUG_NOTIFICATIONS',
  'ELECTRON_FORCE_WINDOW_MENU_BAR', 'ELECTRON_TRASH', 'ELECTRON_DEBUG_DRAG_REGIONS', 'ELECTRON_DISABLE_SECURITY_WARNINGS',
  'ELECTRON_ENABLE_SECURITY_WARNINGS', 'ELECTRON_SKIP_BINARY_DOWNLOAD',
  'BASH_ENV', 'ENV',
];

const STOP = 'Do not retry it or work around it; tell the user what you intended and wait for their instructions.';
const REPAIR = 'Open the editor with the Blast Shield extension (it repairs the hook) or run blast-shield install.';

/** The host's own deny for a hook that could not run, with `why` for the human and the agent. */
export function fallbackReply(host: string, why: string): HostReply {
  const decision: HookDecision = {
    decision: 'deny',
    userMessage: `Blast Shield denied this action because ${why}. ${REPAIR}`,
    agentMessage: `Blast Shield blocked this action because ${why}. ${STOP}`,
    help: REPAIR,
  };
  const adapter = Object.prototype.hasOwnProperty.call(HOST_ADAPTERS, host) ? HOST_ADAPTERS[host as HostId] : undefined;
  if (!adapter) return { stdout: '', stderr: `${decision.agentMessage}\n`, exitCode: 2 };
  return adapter.failClosed(decision, undefined);
}

/** One word for a POSIX shell, whatever it holds (also valid in zsh and fish). */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Shell statements that print `reply` exactly (stdout, stderr) and exit with its code. */
export function posixAnswer(reply: HostReply): string {
  const parts: string[] = [];
  if (reply.stdout) parts.push(`printf '%s\\n' ${shellQuote(reply.stdout.replace(/\n$/, ''))}`);
  if (reply.stderr) parts.push(`printf '%s\\n' ${shellQuote(reply.stderr.replace(/\n$/, ''))} >&2`);
  parts.push(`exit ${reply.exitCode}`);
  return parts.join('; ');
}

/**
 * The command line a host entry holds on macOS and Linux: the shim when it is there (it then is the
 * process, stdin and all), and the host's deny when it is not.
 */
export function posixHookEntry(shim: string, host: string): string {
  const q = shellQuote(shim);
  return `[ -f ${q} ] && [ -x ${q} ] && exec ${q} hook ${host}; ${posixAnswer(fallbackReply(host, `its hook program ${shim} is missing`))}`;
}

export interface ShimSpec {
  /** The JavaScript runtime: node, or the editor's executable run with ELECTRON_RUN_AS_NODE=1. */
  runtime: string;
  electronRunAsNode: boolean;
  guardHome: string;
  /** The folder holding cli.js and cli-main.js. */
  binDir: string;
  /** Hosts that get their own deny from the shim; any other gets exit 2 and the reason on stderr. */
  hosts: readonly string[];
}

const SHIM_FAILURE = 'its hook could not run (the runtime or the installed CLI is missing, or the hook ended without an answer)';

/**
 * The POSIX shim. The CLI's answer is captured and checked to be one JSON object before it is passed
 * on: a CLI that crashed, was killed or printed nothing becomes the host's deny, never an empty answer
 * (which VS Code, Copilot, Cline, Gemini and Codex treat as "go ahead").
 */
export function posixShim(spec: ShimSpec): string {
  const cli = path.join(spec.binDir, 'cli.js');
  const main = path.join(spec.binDir, 'cli-main.js');
  const exportLine = `export ${[spec.electronRunAsNode ? 'ELECTRON_RUN_AS_NODE=1' : '', `BLAST_SHIELD_HOME=${shellQuote(spec.guardHome)}`].filter(Boolean).join(' ')}`;
  const cases = spec.hosts.map((h) => `  'hook ${h}') ${posixAnswer(fallbackReply(h, SHIM_FAILURE))} ;;`);
  // Hosts that read only the exit code get the CLI's own 0 (run, with nothing printed) or 2 (block);
  // 137 is the CLI ending itself by SIGKILL once its deny is out, or a kill: a block either way.
  const exitCodeHosts = spec.hosts.filter((h) => Object.prototype.hasOwnProperty.call(HOST_ADAPTERS, h) && HOST_ADAPTERS[h as HostId].exitCodeOnly);
  const exitCodeCase = exitCodeHosts.map(
    (h) => `  [ "$1 $2" = 'hook ${h}' ] && case $status in 0) [ -z "$answer" ] && exit 0 ;; 2) exit 2 ;; 137) ${posixAnswer(fallbackReply(h, SHIM_FAILURE))} ;; esac`,
  );
  // A JSON answer with any other status (the CLI ended itself by a signal once its deny was out, or
  // crashed after printing) exits with the code the host reads as a block.
  const blockingExit = (h: string): number => fallbackReply(h, SHIM_FAILURE).exitCode;
  const exitTwo = spec.hosts.filter((h) => blockingExit(h) === 2).map((h) => `'hook ${h}'`);
  const abnormalExit = exitTwo.length === 0 ? ['    exit 0 ;;'] : [`    case "$1 $2" in ${exitTwo.join('|')}) exit 2 ;; esac`, '    exit 0 ;;'];
  return [
    '#!/bin/sh',
    "# Blast Shield hook shim: written by 'blast-shield install'; host configurations run this path.",
    '# Variables that change what code the runtime or the dynamic loader loads are cleared before it starts.',
    `unset ${LOADER_VARIABLES.join(' ')}`,
    exportLine,
    `if [ -x ${shellQuote(spec.runtime)} ] && [ -f ${shellQuote(cli)} ] && [ -f ${shellQuote(main)} ]; then`,
    `  answer=$(${shellQuote(spec.runtime)} ${shellQuote(cli)} "$@")`,
    '  status=$?',
    ...exitCodeCase,
    "  case $answer in '{'*'}')",
    "    printf '%s\\n' \"$answer\"",
    '    case $status in 0|2) exit "$status" ;; esac',
    ...abnormalExit,
    '  esac',
    'fi',
    'case "$1 $2" in',
    ...cases,
    `  *) ${posixAnswer({ stdout: '', stderr: `blast-shield: ${SHIM_FAILURE}\n`, exitCode: 2 })} ;;`,
    'esac',
    '',
  ].join('\n');
}

/**
 * One `echo` argument for cmd.exe: `%` doubled everywhere (batch files expand it even in quotes),
 * and `^ & | < > ( )` escaped outside double quotes only (inside them they are literal, and so is `^`).
 */
export function cmdEchoText(text: string): string {
  let out = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === '%') out += '%%';
    else if (!quoted && '^&|<>()'.includes(ch)) out += `^${ch}`;
    else out += ch;
  }
  return out;
}

function cmdAnswer(reply: HostReply): string[] {
  const lines: string[] = [];
  if (reply.stdout) lines.push(`echo ${cmdEchoText(reply.stdout.replace(/\n$/, ''))}`);
  if (reply.stderr) lines.push(`>&2 echo ${cmdEchoText(reply.stderr.replace(/\n$/, ''))}`);
  lines.push(`exit /b ${reply.exitCode}`);
  return lines;
}

/** The Windows shim (a .cmd file): the same clearing and the same per-host deny when a piece is missing. */
export function windowsShim(spec: ShimSpec): string {
  const pct = (s: string): string => s.replace(/%/g, '%%');
  const cli = path.win32.join(spec.binDir, 'cli.js');
  const main = path.win32.join(spec.binDir, 'cli-main.js');
  return [
    '@echo off',
    'setlocal DisableDelayedExpansion',
    ...LOADER_VARIABLES.map((v) => `set "${v}="`),
    ...(spec.electronRunAsNode ? ['set "ELECTRON_RUN_AS_NODE=1"'] : []),
    `set "BLAST_SHIELD_HOME=${pct(spec.guardHome)}"`,
    `if not exist "${pct(spec.runtime)}" goto deny`,
    `if not exist "${pct(cli)}" goto deny`,
    `if not exist "${pct(main)}" goto deny`,
    `"${pct(spec.runtime)}" "${pct(cli)}" %*`,
    'exit /b %errorlevel%',
    ':deny',
    ...spec.hosts.map((h) => `if /i "%~2"=="${h}" goto deny_${h}`),
    ...cmdAnswer({ stdout: '', stderr: `blast-shield: ${SHIM_FAILURE}\n`, exitCode: 2 }),
    ...spec.hosts.flatMap((h) => [`:deny_${h}`, ...cmdAnswer(fallbackReply(h, SHIM_FAILURE))]),
    '',
  ].join('\r\n');
}
