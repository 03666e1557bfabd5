/**
 * PowerShell (`-Command`, `-EncodedCommand`, `-File`) and cmd.exe (`/c`, `/k`): their statements are
 * split on `;`, `|`, `&&`, `||` and each command is reported.
 */

import { resolvePath } from '../../paths';
import { decodeBase64Utf16le } from '../../shell/decode';
import { splitPowershell } from '../../shell/powershell';
import type { ArgWord, Invocation } from '../types';
import { commandName, type Exec, type Handler, type Scope, type Walker } from './context';

function powershell(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!.text.toLowerCase();
    if (!flag.startsWith('-') && !flag.startsWith('/')) {
      if (name === 'powershell') return powershellText(w, args.slice(i), exec, `${name} -Command`, inv);
      runPowershellFile(w, args[i]!, exec, name);
      return inv;
    }
    const option = flag.replace(/^[-/]+/, '');
    if (option === 'c' || (option.length >= 3 && 'command'.startsWith(option))) {
      return powershellText(w, args.slice(i + 1), exec, `${name} -Command`, inv);
    }
    if (option === 'e' || option === 'ec' || (option.length >= 2 && 'encodedcommand'.startsWith(option))) {
      const encoded = args[i + 1];
      if (!encoded) return inv;
      const text = encoded.dynamic ? undefined : decodeBase64Utf16le(encoded.text);
      if (text === undefined) w.addOpaque(`${name} runs an encoded command that cannot be decoded`, w.viaOf(exec));
      else analyzePowershell(w, text, w.childScope(exec, `${name} -EncodedCommand`, { kind: 'decoded', encoding: 'base64' }));
      return inv;
    }
    if (option === 'f' || option === 'file') {
      if (args[i + 1]) runPowershellFile(w, args[i + 1]!, exec, name);
      return inv;
    }
    if (['executionpolicy', 'ep', 'windowstyle', 'w', 'configurationname', 'workingdirectory', 'wd', 'inputformat', 'outputformat', 'of', 'if', 'psconsolefile', 'version', 'v', 'settingsfile', 'custompipename'].includes(option)) i++;
  }
  return inv;
}

function runPowershellFile(w: Walker, word: ArgWord, exec: Exec, name: string): void {
  if (word.dynamic) {
    w.addOpaque(`${name} runs a file whose name is computed at run time`, w.viaOf(exec));
    return;
  }
  const path = resolvePath(exec.cwd, word.text, w.facts.home);
  const text = w.readFile(path, w.viaOf(exec));
  if (text !== undefined) analyzePowershell(w, text, w.childScope(exec, `${name} -File ${word.text}`, { kind: 'script', path: w.display(path) }));
}

function powershellText(w: Walker, words: ArgWord[], exec: Exec, label: string, inv: Invocation | undefined): Invocation | undefined {
  if (words.length === 0) return inv;
  const text = words.map((word) => word.text).join(' ');
  analyzePowershell(w, text, w.childScope(exec, label));
  return inv;
}

/** PowerShell and cmd.exe lines: statements split on `;`, `|`, `&&`, `||`, words on blanks and quotes. */
function analyzePowershell(w: Walker, text: string, scope: Scope): void {
  if (!w.afford(text.length + 1, scope.via)) return;
  if (scope.depth > w.limits.maxDepth) {
    w.addOpaque('commands nest too deeply to analyse (shells, evals or scripts inside one another)', scope.via);
    return;
  }
  for (const statement of splitPowershell(text, 0)) {
    const [head, ...rest] = statement.words;
    if (!head) continue;
    for (const block of statement.blocks) analyzePowershell(w, block, { ...scope, depth: scope.depth + 1 });
    const exec: Exec = { scope, cwd: scope.cwd, assignments: {}, redirects: [], wrappers: [] };
    if (head.dynamic) {
      w.addOpaque(`the command name is computed at run time (${head.raw.slice(0, 80)})`, scope.via);
      continue;
    }
    w.emit(commandName(head.text), head.text, rest, exec);
  }
}

function cmd(w: Walker, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit('cmd', first.text, args, exec);
  const index = args.findIndex((a) => /^\/[ck]$/i.test(a.text));
  if (index >= 0 && index + 1 < args.length) analyzePowershell(w, args.slice(index + 1).map((a) => a.text).join(' '), w.childScope(exec, 'cmd /c'));
  return inv;
}

export const powershellHandlers: Record<string, Handler> = {
  powershell: (w, name, first, args, exec) => powershell(w, name, first, args, exec),
  pwsh: (w, name, first, args, exec) => powershell(w, name, first, args, exec),
  cmd: (w, _name, first, args, exec) => cmd(w, first, args, exec),
};
