import { resolvePath } from '../../paths';
import type { ArgWord } from '../../shell/ast';
import { parseCommand, type GrammarSpec } from '../../shell/grammar';
import { flag, valued } from '../../registry/tools/options';
import type { Invocation } from '../types';
import type { Exec, Handler, Walker } from './context';

/**
 * logrotate run on a configuration the hook had not read (stop 36, red team round 24): `logrotate -f -s
 * state ./lr.conf`. A configuration names the logs it rotates (moved away, emptied, or deleted with
 * `rotate 0`) and shell scripts it runs around them (`prerotate`, `postrotate`, `firstaction`,
 * `lastaction`, `preremove`); `-m` names the program that mails them. The files are read: each script is
 * walked as the shell text it is, and each log is judged as deleted (`rotate 0`) or moved aside (it is
 * created again empty), so the guard's audit log and hook files are denied and a project's own
 * logs stay routine. A configuration the hook cannot read, an `include`, or a log named through a pattern the
 * hook cannot resolve asks. `-d` (debug) runs nothing.
 */

const GRAMMAR: GrammarSpec = {
  options: [flag('-d', '--debug'), flag('-f', '--force'), flag('-v', '--verbose'), flag('-?', '--help'), flag('--usage'), flag('--version'), flag('--skip-state-lock'), flag('--wait-for-state-lock'),
    valued('-s', '--state'), valued('-l', '--log'), valued('-m', '--mail')],
};

const MAX_FILE = 64_000;
const SCRIPT = /^\s*(prerotate|postrotate|firstaction|lastaction|preremove)\s*$([\s\S]*?)^\s*endscript\s*$/gm;
/** A log pattern the shell reads as the same glob logrotate does. */
const PLAIN_PATTERN = /^[\w./*?[\]~+,@-]+$/;

function withoutComments(text: string): string {
  return text.slice(0, MAX_FILE).replace(/^\s*#.*$/gm, '');
}

/** The log patterns before each `{`, outside scripts, and whether their block deletes them (`rotate 0`, or a global `rotate 0` before it). */
function logPatterns(text: string): { pattern: string; deletes: boolean }[] {
  const outside = text.replace(SCRIPT, '');
  const out: { pattern: string; deletes: boolean }[] = [];
  let globalDeletes = false;
  for (const m of outside.matchAll(/(?:^|(?<=\}))([^{}]*)\{([^{}]*)\}?/g)) {
    const lines = m[1]!.split('\n');
    // Directives (`weekly`, `rotate 4`) may come before the first block; a log names a path, a glob or a quoted name.
    const directives = lines.filter((l) => /^\s*[a-z_]+(\s|$)/.test(l)).join('\n');
    if (/^\s*rotate\s+0\b/m.test(directives)) globalDeletes = true;
    const head = lines.filter((l) => l.trim() !== '' && !/^\s*[a-z_]+(\s|$)/.test(l)).join(' ');
    const rotate = /^\s*rotate\s+(\S+)/m.exec(m[2] ?? '')?.[1];
    const deletes = rotate !== undefined ? rotate === '0' : globalDeletes;
    for (const word of head.match(/"[^"]*"|'[^']*'|\S+/g) ?? []) out.push({ pattern: word.replace(/^["']|["']$/g, ''), deletes });
  }
  return out;
}

function logrotate(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const parsed = parseCommand(args, GRAMMAR);
  const has = (option: string): boolean => parsed.options.some((o) => o.name === option);
  if (has('-d') || has('-?') || has('--usage') || has('--version')) return inv;
  const via = w.viaOf(exec);
  for (const o of parsed.options.filter((o) => o.name === '-m')) {
    if (o.values[0] !== undefined) w.analyzeText(`${o.values[0]} logrotate-mail`, w.childScope(exec, `${name} -m`));
  }
  for (const config of parsed.operands) {
    if (config.dynamic) {
      w.addOpaque(`${name} rotates logs by a configuration named at run time, whose scripts run and whose logs are moved or deleted`, via);
      continue;
    }
    const path = resolvePath(exec.cwd, config.text, w.facts.home);
    const text = w.readFile(path, via);
    if (text === undefined) {
      w.addOpaque(`${name} rotates logs by ${config.text}, a configuration the hook cannot read now (a folder, or missing), whose scripts run and whose logs are moved or deleted`, via);
      continue;
    }
    const body = withoutComments(text);
    if (/^\s*(include|tabooext|taboopat)\b/m.test(body)) w.addOpaque(`${name} ${config.text} includes other configurations the hook has not read, whose scripts run and whose logs are moved or deleted`, via);
    const scope = w.childScope(exec, `${name} ${config.text}`);
    for (const m of body.matchAll(SCRIPT)) w.analyzeText(m[2]!, scope);
    for (const { pattern, deletes } of logPatterns(body)) {
      if (!PLAIN_PATTERN.test(pattern)) {
        w.addOpaque(`${name} ${config.text} rotates logs named by ${pattern.slice(0, 80)}, a pattern the hook cannot resolve: they are moved or deleted`, via);
        continue;
      }
      // `rotate 0` deletes the log; otherwise it is moved aside (and created again): it leaves its place either way.
      w.analyzeText(deletes ? `rm -f -- ${pattern}` : `mv -f -- ${pattern} /tmp/`, scope);
    }
  }
  return inv;
}

export const logrotateHandlers: Record<string, Handler> = { logrotate };
