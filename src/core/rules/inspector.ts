import { constantArithmetic } from './support/constantArithmetic';
import type { ArgWord, CodeSnippet, Finding, Invocation, RuleContext, RulePack } from '../policy/types';

/**
 * Opening a debugger inside another process: SIGUSR1 makes any Node or Electron process (the editor's
 * server and extension host included) open its inspector, through which code runs inside it, and code
 * inside the editor can answer the confirm dialog. A pid alone does not say whether the target is
 * the editor, so the signal and the tools that send it are denied (`kill -USR1`, `pkill -USR1`, `process._debugProcess`, `node inspect -p`, `os.kill(…, SIGUSR1)`), as
 * are the editor's own debugger switches (`code --inspect-extensions=9333`, `--remote-debugging-port`);
 * other signals stay allowed. `kill -USR1` of numbered pids the facts show run a program that is not
 * a JavaScript runtime (a daemon reopening its logs) is allowed.
 */

const REASON = 'SIGUSR1 opens the inspector of a Node or Electron process (the editor included), through which code can run inside it and answer Blast Shield\'s dialog; agents may not change Blast Shield\'s protection.';

/** Signal names and numbers that mean SIGUSR1 (10 on Linux x86/ARM, 30 on macOS and BSD, 16 on MIPS/SPARC Linux). */
function isUsr1(word: string): boolean {
  const w = word.replace(/^-/, '').toUpperCase();
  return w === 'USR1' || w === 'SIGUSR1' || w === '10' || w === '30' || w === '16';
}

/** A signal computed on the line: `$((5*2))` evaluated when it is made of constants, else COMPUTED (round 27). */
const COMPUTED = '(computed)';
const COMPUTED_SIGNAL = /^-\$[({[]?/;
const DASHED_WORD = /^-[^\d-]/;
function signalWord(word: ArgWord | undefined, text: string): string {
  const inner = /^-?\$(?:\(\((.*)\)\)|\[(.*)\])$/.exec(text);
  if (inner) {
    const value = constantArithmetic(inner[1] ?? inner[2] ?? '');
    return value === undefined ? COMPUTED : String(value);
  }
  return word?.dynamic ? COMPUTED : text;
}

/** The signals a kill/pkill/killall invocation names, as written (none: the default, TERM). */
function signalsOf(inv: Invocation): string[] {
  const args = inv.args.map((a) => a.text);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') break;
    if (a === '-s' || a === '--signal' || a === '-n') {
      if (args[i + 1] !== undefined) out.push(signalWord(inv.args[i + 1], args[i + 1] as string));
      i++;
    } else if (a.startsWith('--signal=')) out.push(signalWord(inv.args[i], a.slice('--signal='.length)));
    // `-$((5*2))`, `-$SIG` first: a signal computed at run time (later, `-$(pgid)` is a process group).
    else if (i === 0 && (COMPUTED_SIGNAL.test(a) || (inv.args[i]!.dynamic && DASHED_WORD.test(a)))) out.push(signalWord(inv.args[i], a));
    // `-sigusr1` (the shells and procps' kill take names in any case) before the glued `-s<signal>`.
    else if (/^-(SIG)?[A-Za-z][A-Za-z0-9]*$/i.test(a) && isUsr1(a)) out.push(a);
    else if (/^-s[A-Za-z0-9]+$/.test(a) && inv.name !== 'pkill') out.push(a.slice(2));
    else if (/^-[0-9]+$/.test(a)) out.push(a);
  }
  return out;
}

/** Editor launchers, and the switches that open a debugger in the editor's own processes. */
const EDITORS = new Set(['code', 'code-insiders', 'cursor', 'windsurf', 'codium', 'vscodium', 'code-oss', 'code-server', 'positron', 'trae', 'kiro']);
const EDITOR_DEBUG_FLAGS = /^--(inspect|inspect-brk|inspect-extensions|inspect-brk-extensions|inspect-search|inspect-brk-search|inspect-ptyhost|inspect-brk-ptyhost|inspect-sharedprocess|inspect-brk-sharedprocess|remote-debugging-port|remote-debugging-pipe)(=|$)/;

const deny = (what: string): Finding => ({ rule: 'inspector.signal-usr1', risk: 'self-protection', severity: 'deny', reason: `${what}: ${REASON}`, targets: [] });

/** The pids `kill` names, when every target is a plain number (no job, no process group, no substitution). */
function plainPids(inv: Invocation): number[] | undefined {
  if (inv.name !== 'kill') return undefined;
  const args = inv.args;
  const pids: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.text === '-s' || a.text === '--signal' || a.text === '-n') {
      i++;
      continue;
    }
    if (a.text === '--' || (a.text.startsWith('-') && !/^-\d+$/.test(a.text)) || (/^-\d+$/.test(a.text) && pids.length === 0 && i === 0)) continue;
    if (a.dynamic || !/^[1-9]\d{0,9}$/.test(a.text)) return undefined;
    pids.push(Number(a.text));
  }
  return pids.length > 0 ? pids : undefined;
}

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name === 'kill' || inv.name === 'pkill' || inv.name === 'killall') {
    const signals = signalsOf(inv);
    if (!signals.some(isUsr1)) {
      return signals.includes(COMPUTED) ? [{ rule: 'inspector.signal-computed', risk: 'self-protection', severity: 'ask', reason: `\`${inv.name}\` sends a signal computed at run time, which may be SIGUSR1: ${REASON}`, targets: [] }] : [];
    }
    // `kill -USR1 <pid>` of a program that is not a JavaScript runtime (a daemon reopening its logs) opens no inspector.
    const pids = inv.remote ? undefined : plainPids(inv);
    const runtime = ctx.facts.processRuntime;
    // A pid that is not there now is not known: it may be the editor's by the time the signal is sent.
    if (pids && runtime && pids.every((pid) => runtime.call(ctx.facts, pid) === 'other')) return [];
    return [deny(`\`${inv.name}\` sends SIGUSR1`)];
  }
  if (EDITORS.has(inv.name)) {
    const flag = inv.args.map((a) => a.text).find((a) => EDITOR_DEBUG_FLAGS.test(a));
    if (flag) return [deny(`\`${inv.name} ${flag}\` opens a debugger port in the editor`)];
  }
  if (inv.name === 'node' || inv.name === 'nodejs') {
    const args = inv.args.map((a) => a.text);
    if (args[0] === 'inspect' && args.some((a) => a === '-p' || a === '--port' || /^-p[0-9]/.test(a))) return [deny('`node inspect -p` attaches a debugger to a running process')];
  }
  return [];
}

/** SIGUSR1 by name in any language: `SIGUSR1`, `'USR1'`, Ruby's `:USR1`, `Signal.USR1`, Perl's bareword `USR1 => $pid`. */
const SNIPPET_USR1_NAME = /\b_debugProcess\b|\bSIGUSR1\b|['"]USR1['"]|:USR1\b|\bSignal\.USR1\b|\bUSR1\s*=>/;

/** A kill call in any language: os.kill / os.killpg, process.kill, Process.kill, syscall.Kill, posix_kill, Perl's `kill LIST`. */
const KILL_CALL = /\b(?:kill|killpg|Kill|posix_kill)\b[ \t]*(\()?/g;

/** SIGUSR1 by number as one argument, in either place (Python and Node put the signal second, Ruby and Perl first), bare or wrapped once (`signal.Signals(10)`), decimal or hex. */
const USR1_NUMBER_ARG = /^(?:[\w.]+\(\s*)?-?(?:10|30|16|0x0*a|0x0*1e|0x0*10)\s*\)?$/i;

/** The arguments of the call whose name ends at `from`: up to the matching parenthesis, or (no parenthesis, Perl) to the statement's end; split at top-level commas and `=>`. */
function callArguments(text: string, from: number, parenthesised: boolean): string[] {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (c === ',' || (c === '=' && text[i + 1] === '>'))) {
      args.push(current.trim());
      current = '';
      if (c === '=') i++;
      continue;
    } else if (depth === 0 && !parenthesised && (c === ';' || c === '\n')) break;
    current += c;
  }
  args.push(current.trim());
  return args;
}

/** An argument made of constants (`5+5`, `signal.Signals(5*2)`) or a name assigned one on the line (`s = 5*2`), evaluated (round 27). */
function computedArgument(text: string, arg: string): number | undefined {
  const bare = arg.replace(/^[\w.]+\(\s*(.*?)\s*\)$/, '$1');
  const assigned = /^[A-Za-z_]\w*$/.test(bare) ? new RegExp(`(?:^|[\\s;(])(?:my\\s+|const\\s+|let\\s+|var\\s+)?\\$?${bare}\\s*=\\s*([^;\\n=][^;\\n]*)`).exec(text)?.[1]?.trim() : undefined;
  return constantArithmetic(assigned ?? bare);
}

function sendsUsr1ByNumber(text: string): boolean {
  for (const m of text.matchAll(KILL_CALL)) {
    const from = (m.index ?? 0) + m[0].length;
    if (callArguments(text, from, m[1] !== undefined).some((arg) => USR1_NUMBER_ARG.test(arg) || isUsr1(String(computedArgument(text, arg) ?? '')))) return true;
  }
  return false;
}

function checkSnippet(snippet: CodeSnippet): Finding[] {
  return SNIPPET_USR1_NAME.test(snippet.text) || sendsUsr1ByNumber(snippet.text) ? [deny(`${snippet.runner.name} code sends SIGUSR1 or opens another process's inspector`)] : [];
}

export const inspectorPack: RulePack = {
  id: 'inspector',
  title: 'Debuggers opened in other processes',
  guardsPerimeter: true,
  checkInvocation,
  checkSnippet,
  reactsTo: (name) => name === 'kill' || name === 'pkill' || name === 'killall' || EDITORS.has(name) || name === 'node' || name === 'nodejs',
};
