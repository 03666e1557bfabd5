/**
 * PowerShell (`-Command`, `-EncodedCommand`, `-File`) and cmd.exe (`/c`, `/k`): their statements are
 * split on `;`, `|`, `&&`, `||` and each command is reported; PowerShell's file cmdlets as the commands
 * they mean (`src/core/shell/powershellCmdlets.ts`).
 */

import { resolvePath } from '../../paths';
import { decodeBase64Utf16le } from '../../shell/decode';
import { splitPowershell } from '../../shell/powershell';
import { powershellCommands } from '../../shell/powershellCmdlets';
import type { ArgWord, Invocation } from '../types';
import type { Exec, Handler, Scope, Walker } from './context';
import { stdinText } from '../knownOutput';

function powershell(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!.text.toLowerCase();
    // `/c` is a Windows-style option; `/tmp/x.ps1` (a slash later in the word) is a POSIX path to the script.
    if (!flag.startsWith('-') && !(flag.startsWith('/') && !flag.slice(1).includes('/'))) {
      if (name === 'powershell') return powershellText(w, args.slice(i), exec, `${name} -Command`, inv);
      runPowershellFile(w, args[i]!, exec, name);
      return inv;
    }
    const option = flag.replace(/^[-/]+/, '');
    if (option === 'c' || (option.length >= 3 && 'command'.startsWith(option))) {
      const command = args.slice(i + 1);
      // `-Command -`: the commands are read from standard input.
      if (command.length === 1 && command[0]!.text === '-') return powershellStdin(w, name, inv, exec);
      return powershellText(w, command, exec, `${name} -Command`, inv);
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
      const file = args.slice(i + 1)[0];
      if (file?.text === '-') return powershellStdin(w, name, inv, exec);
      if (file) runPowershellFile(w, file, exec, name);
      return inv;
    }
    if (['executionpolicy', 'ep', 'windowstyle', 'w', 'configurationname', 'workingdirectory', 'wd', 'inputformat', 'outputformat', 'of', 'if', 'psconsolefile', 'version', 'v', 'settingsfile', 'custompipename'].includes(option)) i++;
  }
  // No command and no file: a PowerShell whose input is redirected runs what it reads there.
  return exec.stdin || exec.stdinUnknown ? powershellStdin(w, name, inv, exec) : inv;
}

/** `curl … | pwsh -c -`, `pwsh -File - < x.ps1`: the commands on standard input, when they can be known. */
function powershellStdin(w: Walker, name: string, inv: Invocation | undefined, exec: Exec): Invocation | undefined {
  const known = exec.stdin && !exec.stdinUnknown ? stdinText(w, exec.stdin, 0) : undefined;
  if (known) analyzePowershell(w, known.text, w.childScope(exec, `${name} (commands on stdin)`));
  else w.addOpaque(`${name} runs ${exec.stdin?.kind === 'pipe' ? `the output of ${exec.stdin.from.name}` : 'its input'} as commands, which cannot be read before it runs`, w.viaOf(exec));
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
  const scope = w.childScope(exec, label);
  if (words.some((word) => word.dynamic)) {
    // What the shell substitutes is PowerShell code too (`pwsh -Command "ls $x"`): unknown until it runs.
    // Its text is still read for what it shows (`{ Remove-Item $_ }`), one block deep: the shell's own
    // substitutions in it were walked as shell already, and reading them again at every level is work
    // that grows with the square of the nesting.
    w.addOpaque(`${label} runs a command line built at run time`, w.viaOf(exec));
    scope.depth = Math.max(scope.depth, w.limits.maxDepth - 1);
  }
  analyzePowershell(w, text, scope);
  return inv;
}

/** Work units one PowerShell statement costs to walk, and each of its words. */
const UNITS_PER_STATEMENT = 4_000;
const UNITS_PER_STATEMENT_WORD = 200;

/** PowerShell and cmd.exe lines: statements split on `;`, `|`, `&&`, `||`, words on blanks and quotes; PowerShell's file cmdlets read as what they do. */
function analyzePowershell(w: Walker, text: string, scope: Scope, cmdExe = false): void {
  if (scope.depth > w.limits.maxDepth) {
    w.addOpaque('commands nest too deeply to analyse (shells, evals or scripts inside one another)', scope.via);
    return;
  }
  if (!w.afford(text.length + 1, scope.via)) return;
  for (const statement of splitPowershell(text, 0)) {
    const [head] = statement.words;
    if (!head) continue;
    // Each statement is walked like a shell command (cmdlet binding, the commands it means): paid for first.
    if (!w.afford(UNITS_PER_STATEMENT + UNITS_PER_STATEMENT_WORD * statement.words.length, scope.via)) return;
    for (const block of statement.blocks) analyzePowershell(w, block, { ...scope, depth: scope.depth + 1 }, cmdExe);
    const exec: Exec = { scope, cwd: scope.cwd, assignments: {}, redirects: [], wrappers: [] };
    // `$env:NODE_ENV = "test"`, `$c = Get-Content .env`: an assignment runs what its right side runs.
    if (!cmdExe && /^\$[\w:]+$/.test(head.raw) && /^[-+*/]?=$/.test(statement.words[1]?.text ?? '')) {
      const value = statement.words.slice(2);
      const valueHead = value[0];
      if (!valueHead || valueHead.dynamic || /^['"(@\d]/.test(valueHead.raw)) continue;
      for (const command of powershellCommands(value)) {
        if (command.kind === 'command') w.run([{ text: command.name, raw: command.name, dynamic: false, glob: false }, ...command.args], { ...exec, wrappers: [] });
        else if (command.kind === 'powershell') analyzePowershell(w, command.text, { ...scope, depth: scope.depth + 1 });
        else w.addOpaque(command.reason, scope.via);
      }
      continue;
    }
    if (head.dynamic) {
      w.addOpaque(`the command name is computed at run time (${head.raw.slice(0, 80)})`, scope.via);
      continue;
    }
    for (const command of cmdExe ? [{ kind: 'command' as const, ...cmdBuiltin(head.text, statement.words.slice(1)) }] : powershellCommands(statement.words)) {
      // Run, not only reported: wrappers and commands that run commands (`sudo`, `bash -c`, `docker exec`) are read through.
      if (command.kind === 'command') w.run([{ text: command.name, raw: command.name, dynamic: false, glob: false }, ...command.args], { ...exec, wrappers: [] });
      else if (command.kind === 'powershell') analyzePowershell(w, command.text, { ...scope, depth: scope.depth + 1 });
      else w.addOpaque(command.reason, scope.via);
    }
  }
}

function cmd(w: Walker, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit('cmd', first.text, args, exec);
  const index = args.findIndex((a) => /^\/[ck]$/i.test(a.text));
  if (index >= 0 && index + 1 < args.length) analyzePowershell(w, args.slice(index + 1).map((a) => a.text).join(' '), w.childScope(exec, 'cmd /c'), true);
  return inv;
}

/**
 * cmd.exe's own deleters (`rd /s /q dir`, `del /f /s /q *.db`, `erase`, `rmdir`) read as the POSIX
 * commands they amount to, so the file rules judge their targets; other builtins run as named.
 */
function cmdBuiltin(name: string, args: readonly ArgWord[]): { name: string; args: ArgWord[] } {
  const lower = name.toLowerCase();
  const word = (text: string): ArgWord => ({ text, raw: text, dynamic: false, glob: false });
  const switches = args.filter((a) => /^\/[a-z](:\S*)?$/i.test(a.text)).map((a) => a.text.slice(1, 2).toLowerCase());
  const targets = args.filter((a) => !/^\/[a-z](:\S*)?$/i.test(a.text));
  if (lower === 'rd' || lower === 'rmdir') return switches.includes('s') ? { name: 'rm', args: [word('-rf'), word('--'), ...targets] } : { name: 'rmdir', args: [word('--'), ...targets] };
  if (lower === 'del' || lower === 'erase') return { name: 'rm', args: [word(switches.includes('s') ? '-rf' : '-f'), word('--'), ...targets] };
  return { name, args: [...args] };
}

/**
 * `iex`/`Invoke-Expression` met in a POSIX shell: only PowerShell has it (a host may hand PowerShell
 * text to its shell tool, or run a PowerShell on the way), so the line is read as PowerShell would run
 * it: its arguments are PowerShell code, and with none it runs the text piped into it (`iwr URL | iex`),
 * which cannot be read before it runs.
 */
function invokeExpression(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  if (args.length > 0) return powershellText(w, args, exec, first.text, inv);
  if (exec.stdin || exec.stdinUnknown) {
    const from = exec.stdin?.kind === 'pipe' ? `the output of ${exec.stdin.from.name}` : 'its input';
    w.addOpaque(`${first.text} is PowerShell's Invoke-Expression: it runs ${from} as code, which cannot be read before it runs`, w.viaOf(exec));
  }
  return inv;
}

export const powershellHandlers: Record<string, Handler> = {
  iex: invokeExpression,
  'Invoke-Expression': invokeExpression,
  'invoke-expression': invokeExpression,
  powershell: (w, name, first, args, exec) => powershell(w, name, first, args, exec),
  pwsh: (w, name, first, args, exec) => powershell(w, name, first, args, exec),
  cmd: (w, _name, first, args, exec) => cmd(w, first, args, exec),
};
