import { resolvePath } from '../../paths';
import { parseCommand, type GrammarSpec, type OptionSpec } from '../../shell/grammar';
import { grammarOf, readEffectArgs, values } from '../effectOptions';
import type { ArgWord } from '../types';
import type { Exec, Walker } from './context';

/**
 * Script files given to editors and small languages (session 26, issue #18 item 6): `awk -f FILE`,
 * `gawk -i FILE`, `lua FILE`, `sqlite3 db '.read FILE'` / `-init FILE`, `vim -S FILE` / `-u FILE` /
 * `-s KEYS` / `vim -es < FILE`, `ex -S FILE`, `emacs -l FILE` / `--script FILE`. The file's text is the
 * same code the tool takes inline (`awk 'prog'`, `lua -e`, a dot-command, `-c` ex commands, `--eval`),
 * so it is judged as that inline form; a file that is not there to read asks. awk, sqlite3 and emacs are read by
 * their one description (`effectOptions.ts` `grammarOf`: the registry entry, or emacs's and vim's tables there).
 */

const one = (...names: string[]): OptionSpec => ({ names, takes: 'one' });
const loose = (options: OptionSpec[], interspersed = true): GrammarSpec => ({ options, interspersed, unknownShort: 'switch', unknownLong: 'switch' });

const LUA = loose([one('-e'), one('-l')], false);
/** vim's options are its one description (`vim` in `effectOptions.ts`, read for vi, nvim, ex and the rest too). */
const VIM = grammarOf('vim');
/** Outside ex mode `-s FILE` reads keystrokes from FILE; in ex mode (`-e`, `-es`) `-s` is silent and takes nothing. */
const VIM_KEYS: GrammarSpec = { ...VIM, options: [...(VIM.options ?? []), one('-s')] };

const AWKS = new Set(['awk', 'gawk', 'mawk', 'nawk', 'busybox-awk']);
const LUAS = new Set(['lua', 'luajit', 'lua5.1', 'lua5.2', 'lua5.3', 'lua5.4']);
const VIMS = new Set(['vi', 'vim', 'nvim', 'ex', 'view', 'gvim', 'rvim']);
export const SCRIPT_FILE_RUNNERS: ReadonlySet<string> = new Set([...AWKS, ...LUAS, ...VIMS, 'sqlite3', 'sqlite', 'emacs', 'emacs-nox']);

function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Ex commands of a vim script (`:` and comment lines dropped); of a keystroke file (`-s`), only its `:` lines. */
function exCommands(text: string, keystrokes: boolean): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('"') && (!keystrokes || l.startsWith(':')))
    .map((l) => l.replace(/^:+\s*/, ''))
    .slice(0, 64);
}

export function scriptFileInline(w: Walker, name: string, args: readonly ArgWord[], exec: Exec): void {
  const via = w.viaOf(exec);
  const files: { word: ArgWord; as: (text: string) => string }[] = [];
  if (AWKS.has(name)) {
    const read = readEffectArgs(args, grammarOf('awk'));
    // `-i inplace`: an extension library found on AWKPATH, not a file named here.
    const scripts = [...values(read, 'f', 'E'), ...values(read, 'i').filter((v) => /\/|\.awk$/.test(v.text))];
    for (const word of scripts) files.push({ word, as: (t) => `${name} ${quoted(t)}` });
  } else if (LUAS.has(name)) {
    const script = parseCommand(args, LUA).operands[0];
    if (script && script.text !== '-') files.push({ word: script, as: (t) => `${name} -e ${quoted(t)}` });
  } else if (name === 'sqlite3' || name === 'sqlite') {
    const read = parseCommand(args, grammarOf('sqlite3'));
    for (const o of read.options) if (o.name === '-init') for (const word of o.valueWords) files.push({ word, as: (t) => `${name} :memory: ${quoted(t)}` });
    for (const operand of read.operands) {
      for (const m of operand.text.matchAll(/(?:^|\n)\s*\.read\s+("[^"]+"|'[^']+'|\S+)/g)) {
        const path = m[1]!.replace(/^["']|["']$/g, '');
        files.push({ word: { text: path, raw: path, dynamic: operand.dynamic, glob: false }, as: (t) => `${name} :memory: ${quoted(t)}` });
      }
    }
  } else if (VIMS.has(name)) {
    const exMode = name === 'ex' || args.some((a) => /^-[sE]*[eE][sE]*$/.test(a.text));
    const read = parseCommand(args, exMode ? VIM : VIM_KEYS);
    const asEx = (keys: boolean) => (t: string): string => `${name} -es ${exCommands(t, keys).map((c) => `-c ${quoted(c)}`).join(' ')}`;
    for (const o of read.options) {
      if (o.name === '-S' || o.name === '-u') for (const word of o.valueWords) files.push({ word, as: asEx(false) });
      // `-s FILE` is a keystroke file, except in ex mode, where `-s` means silent.
      if (o.name === '-s' && !exMode) for (const word of o.valueWords) files.push({ word, as: asEx(true) });
    }
    const input = exec.redirects.find((r) => r.op === '<');
    if (input && exMode) files.push({ word: input.target, as: asEx(false) });
    // Neovim's `:lua CODE` (`+'lua …'`, `-c 'lua …'`, `--cmd 'lua …'`): Lua code, judged as `lua -e`.
    const commands = [...read.options.filter((o) => o.name === '-c' || o.name === '--cmd').flatMap((o) => o.valueWords), ...read.operands.filter((o) => o.text.startsWith('+')).map((o) => ({ ...o, text: o.text.slice(1) }))];
    for (const c of commands) {
      const lua = /^\s*:?\s*lua\s+([\s\S]+)$/.exec(c.text);
      if (lua && !c.dynamic) w.analyzeText(`lua -e ${quoted(lua[1]!)}`, w.childScope(exec, `${name} :lua`));
    }
  } else if (name === 'emacs' || name === 'emacs-nox') {
    const read = readEffectArgs(args, grammarOf('emacs'));
    // `-l ert`: a library found on the load path, not a file named here.
    for (const o of read.options) if (o.value && (o.name === 'script' || (o.name === 'l' && /\/|\.elc?$/.test(o.value.text)))) files.push({ word: o.value, as: (t) => `${name} --batch --eval ${quoted(`(progn ${t})`)}` });
  }
  for (const { word, as } of files.slice(0, 8)) {
    if (word.dynamic) {
      w.addOpaque(`${name} runs a script file named at run time`, via);
      continue;
    }
    const text = w.readFile(resolvePath(exec.cwd, word.text, w.facts.home), via);
    if (text === undefined) w.addOpaque(`${name} runs the script ${word.text}, which is not there to read before it runs`, via);
    else if (text.trim() !== '') w.analyzeText(as(text), w.childScope(exec, `${name} ${word.text}`));
  }
}
