/**
 * Small tools with a shell escape of their own: less's start-up command (`less +'!rm -rf x' file`),
 * dc's `!` (`dc -e '!rm -rf x'`), m4's `syscmd(…)` / `esyscmd(…)` (in `-e`-less input: standard input
 * or the files it reads). What follows the escape is judged as shell text; text built at run time
 * cannot be read.
 */

import { parseCommand, type GrammarSpec } from '../../shell/grammar';
import { stdinText } from '../knownOutput';
import { resolvePath } from '../../paths';
import type { ArgWord, Invocation } from '../types';
import type { Exec, Handler, Walker } from './context';

const LESS: GrammarSpec = {
  options: [
    { names: ['-b', '--buffers', '-h', '--max-back-scroll', '-j', '--jump-target', '-k', '--lesskey-file', '-o', '--log-file', '-O', '--LOG-FILE', '-p', '--pattern', '-P', '--prompt', '-t', '--tag', '-T', '--tag-file', '-x', '--tabs', '-y', '--max-forw-scroll', '-z', '--window', '-#', '--shift'], takes: 'one' },
  ],
  unknownShort: 'switch',
  unknownLong: 'switch',
};

/** less's commands from `+CMD` / `++CMD` operands: `!` runs the rest as shell, `|m` pipes to it. */
function less(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  for (const operand of parseCommand(args, LESS).operands) {
    if (!operand.text.startsWith('+')) continue;
    const command = operand.text.replace(/^\+\+?/, '');
    const m = /^(?:!|\|.)(.*)$/s.exec(command);
    if (!m) continue;
    if (operand.dynamic) w.addOpaque(`${name} + runs a command built at run time`, w.viaOf(exec));
    else if (m[1]!.trim() !== '') w.analyzeText(m[1]!, w.childScope(exec, `${name} +!`));
  }
  return inv;
}

const DC: GrammarSpec = { options: [{ names: ['-e', '--expression'], takes: 'one' }, { names: ['-f', '--file'], takes: 'one' }], unknownShort: 'switch', unknownLong: 'switch' };

/** dc's `!` runs the rest of its line; `!<`, `!>` and `!=` are comparisons. */
function dcShellLines(program: string): string[] {
  return [...program.matchAll(/!(?![<>=])([^\n]*)/g)].map((m) => m[1]!).filter((t) => t.trim() !== '');
}

function dc(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const parsed = parseCommand(args, DC);
  const programs: string[] = [];
  for (const option of parsed.options) {
    option.valueWords.forEach((word, n) => {
      if (word.dynamic) w.addOpaque(`${name} runs a program built at run time`, w.viaOf(exec));
      else if (option.name === '-e') programs.push(option.values[n] ?? word.text);
      else programs.push(w.readFile(resolvePath(exec.cwd, option.values[n] ?? word.text, w.facts.home), w.viaOf(exec)) ?? '');
    });
  }
  for (const file of parsed.operands) if (!file.dynamic) programs.push(w.readFile(resolvePath(exec.cwd, file.text, w.facts.home), w.viaOf(exec)) ?? '');
  if (exec.stdin && !exec.stdinUnknown) programs.push(stdinText(w, exec.stdin, 0)?.text ?? '');
  for (const line of programs.flatMap(dcShellLines)) w.analyzeText(line, w.childScope(exec, `${name} !`));
  return inv;
}

const M4: GrammarSpec = { options: [{ names: ['-D', '--define', '-U', '--undefine', '-I', '--include', '-d', '--debug', '-o', '--error-output', '-l', '--arglength', '-F', '--freeze-state', '-R', '--reload-state', '-t', '--trace', '-L', '--nesting-limit'], takes: 'one' }], unknownShort: 'switch', unknownLong: 'switch' };

/** m4's `syscmd(CMD)` and `esyscmd(CMD)`, with optional quotes around CMD. */
function m4ShellLines(text: string): { lines: string[]; unread: boolean } {
  const lines: string[] = [];
  let unread = false;
  for (const m of text.matchAll(/\be?syscmd\s*\(\s*`?([^)'`]*)'?\s*\)/g)) {
    if (/[a-z_]\w*\s*\(/i.test(m[1]!)) unread = true;
    else if (m[1]!.trim() !== '') lines.push(m[1]!);
  }
  return { lines, unread };
}

function m4(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const texts: string[] = [];
  for (const file of parseCommand(args, M4).operands) if (!file.dynamic && file.text !== '-') texts.push(w.readFile(resolvePath(exec.cwd, file.text, w.facts.home), w.viaOf(exec)) ?? '');
  if (exec.stdin && !exec.stdinUnknown) texts.push(stdinText(w, exec.stdin, 0)?.text ?? '');
  for (const text of texts) {
    const found = m4ShellLines(text);
    if (found.unread) w.addOpaque(`${name} syscmd runs a command built by macros`, w.viaOf(exec));
    for (const line of found.lines) w.analyzeText(line, w.childScope(exec, `${name} syscmd`));
  }
  return inv;
}

export const calculatorHandlers: Record<string, Handler> = { less, dc, m4, gm4: m4 };
