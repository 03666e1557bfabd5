/**
 * Other commands that run commands: `find -exec`, `make` (the recipes of its goals, read from the
 * Makefile), `awk` programs that call `system()` or pipe to a command, and `at`/`batch` jobs.
 */

import { resolvePath } from '../../paths';
import { decodeEchoEscapes } from '../../shell/decode';
import { makeRecipes } from '../../shell/makefile';
import { parsedArgs, toolArgs, toolNamed } from '../../registry/commandModel';
import type { ArgWord, Invocation, Origin } from '../types';
import type { Exec, Handler, Walker } from './context';

function find(w: Walker, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit('find', first.text, args, exec);
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!.text;
    if (flag !== '-exec' && flag !== '-execdir' && flag !== '-ok' && flag !== '-okdir') continue;
    let end = i + 1;
    while (end < args.length && args[end]!.text !== ';' && args[end]!.text !== '+') end++;
    const argv = args.slice(i + 1, end);
    if (argv.length > 0) w.run(argv, { ...exec, stdin: undefined, stdinUnknown: false, redirects: [], assignments: {}, wrappers: [...exec.wrappers, `find ${flag}`] });
    i = end;
  }
  return inv;
}

/** `make target`: the recipes of the target and its prerequisites, read from the Makefile. */
function make(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  let dir = exec.cwd;
  let file: string | undefined;
  const goals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    const value = (): string | undefined => args[++i]?.text;
    if (t === '-n' || t === '--dry-run' || t === '--just-print' || t === '--recon' || t === '-q' || t === '--question' || t === '-p' || t === '--print-data-base' || t === '--version' || t === '--help' || t === '-v') return inv;
    if (t === '-C' || t === '--directory') dir = resolvePath(dir, value() ?? '.', w.facts.home);
    else if (t.startsWith('-C') && t.length > 2) dir = resolvePath(dir, t.slice(2), w.facts.home);
    else if (t.startsWith('--directory=')) dir = resolvePath(dir, t.slice(12), w.facts.home);
    else if (t === '-f' || t === '--file' || t === '--makefile') file = value();
    else if (t.startsWith('-f') && t.length > 2) file = t.slice(2);
    else if (t.startsWith('--file=') || t.startsWith('--makefile=')) file = t.slice(t.indexOf('=') + 1);
    else if (t === '-o' || t === '-W' || t === '-I' || t === '--old-file' || t === '--what-if' || t === '--include-dir') i++;
    else if ((t === '-j' || t === '-l' || t === '--jobs' || t === '--load-average') && /^\d+(\.\d+)?$/.test(args[i + 1]?.text ?? '')) i++;
    else if (t.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*[:+?]?=/.test(t)) continue;
    else if (args[i]!.dynamic) {
      w.addOpaque(`${name} builds a target whose name is computed at run time`, w.viaOf(exec));
      return inv;
    } else goals.push(t);
  }
  const candidates = file !== undefined ? [resolvePath(dir, file, w.facts.home)] : ['GNUmakefile', 'makefile', 'Makefile'].map((f) => dir + '/' + f);
  for (const path of candidates) {
    const text = w.readFile(path, w.viaOf(exec));
    if (text === undefined) continue;
    for (const recipe of makeRecipes(text, goals) ?? []) {
      const origin: Origin = { kind: 'script', path: `${w.display(path)}#${recipe.target}` };
      for (const line of recipe.lines) w.analyzeText(line, w.childScope(exec, `${name} ${recipe.target}`, origin, dir));
    }
    break;
  }
  return inv;
}

/** awk programs can shell out with system("...") and pipes to or from quoted commands. */
function awk(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const spec = toolNamed(name) ?? toolNamed('awk')!;
  const a = toolArgs(name, parsedArgs(args, spec), spec);
  const files = a.values('-f', '-E');
  const sources = a.values('-e');
  let program: string | undefined;
  if (files.length > 0 || sources.length > 0) {
    const texts = files.map((f) => w.readFile(resolvePath(exec.cwd, f, w.facts.home), w.viaOf(exec)));
    program = texts.every((t) => t !== undefined) ? [...sources, ...texts].join('\n') : undefined;
  } else {
    const word = a.parsed.operands[0];
    if (word && !word.dynamic) program = word.text;
  }
  if (program === undefined || !/system|getline|\|/.test(program)) return inv;
  const via = [...w.viaOf(exec), name];
  const calls = /system\s*\(\s*("(?:[^"\\\n]|\\.)*"|[^)]*)\)|("(?:[^"\\\n]|\\.)*")\s*\|\s*getline|\|\s*("(?:[^"\\\n]|\\.)*")/g;
  let match: RegExpExecArray | null;
  let count = 0;
  while ((match = calls.exec(program)) !== null && count++ < 32) {
    const literal = match[1] ?? match[2] ?? match[3] ?? '';
    if (literal.startsWith('"') && literal.endsWith('"') && literal.length >= 2) {
      const text = decodeEchoEscapes(literal.slice(1, -1).replace(/\\"/g, '"')).text;
      w.analyzeText(text, { ...w.childScope(exec, name), via: [...via, 'system'] });
    } else if (literal.trim() !== '') {
      const constant = awkConstant(program, literal.trim());
      if (constant !== undefined) w.analyzeText(decodeEchoEscapes(constant.replace(/\\"/g, '"')).text, { ...w.childScope(exec, name), via: [...via, 'system'] });
      else w.addOpaque(`${name} runs a shell command built at run time (system)`, via);
    }
  }
  return inv;
}

/**
 * The string a variable holds when the program gives it one literal and nothing else
 * (`cmd = "psql …"; system(cmd)`), so the command is read like `system("psql …")`.
 */
function awkConstant(program: string, name: string): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
  const assignments = [...program.matchAll(new RegExp(`(?<![\\w$.])${name}\\s*(=(?!=)|\\+=|-=|\\*=|/=|\\+\\+|--)\\s*("(?:[^"\\\\\\n]|\\\\.)*")?`, 'g'))];
  const gets = new RegExp(`getline\\s+${name}\\b|\\b(split|sub|gsub|sprintf)\\s*\\([^)]*\\b${name}\\b`).test(program);
  if (assignments.length !== 1 || gets) return undefined;
  const only = assignments[0]!;
  // Exactly `name = "…"` followed by the end of the statement: no concatenation with what follows.
  if (only[1] !== '=' || only[2] === undefined) return undefined;
  const after = program.slice(only.index! + only[0].length);
  if (!/^\s*(;|\n|}|$)/.test(after)) return undefined;
  return only[2].slice(1, -1);
}

function atCommand(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const fileIndex = args.findIndex((a) => a.text === '-f');
  if (fileIndex >= 0 && args[fileIndex + 1]) w.runFile(args[fileIndex + 1]!, 'shell', inv, exec, `${name} -f ${args[fileIndex + 1]!.text}`);
  else if (!args.some((a) => a.text === '-l' || a.text === '-r' || a.text === '-d' || a.text === '-c')) w.stdinProgram(name, 'shell', inv, exec);
  return inv;
}

export const runnerHandlers: Record<string, Handler> = {
  find: (w, _name, first, args, exec) => find(w, first, args, exec),
  make: (w, name, first, args, exec) => make(w, name, first, args, exec),
  gmake: (w, name, first, args, exec) => make(w, name, first, args, exec),
  awk: (w, name, first, args, exec) => awk(w, name, first, args, exec),
  gawk: (w, name, first, args, exec) => awk(w, name, first, args, exec),
  mawk: (w, name, first, args, exec) => awk(w, name, first, args, exec),
  nawk: (w, name, first, args, exec) => awk(w, name, first, args, exec),
  at: (w, name, first, args, exec) => atCommand(w, name, first, args, exec),
  batch: (w, name, first, args, exec) => atCommand(w, name, first, args, exec),
};
