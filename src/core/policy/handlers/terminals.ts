/**
 * Terminal multiplexers that type a command into another shell: `tmux send-keys 'rm -rf x' Enter`,
 * `screen -X stuff 'rm -rf x\n'`. What is typed is analysed as shell text.
 */

import { resolvePath } from '../../paths';
import { decodeEchoEscapes } from '../../shell/decode';
import { parsedArgs, toolArgs, toolNamed } from '../../registry/commandModel';
import { freeFormReadings } from '../../registry/freeForm';
import { optionsMatching } from '../../registry/grammar';
import type { ToolSpec } from '../../registry/types';
import type { ArgWord, Invocation } from '../types';
import { quoteForShell, type Exec, type Handler, type Walker } from './context';

const TMUX_ENTER = new Set(['Enter', 'C-m', 'C-j', 'KPEnter']);

/**
 * tmux commands the guard reads, with their aliases and the shortest prefix tmux takes for them: tmux
 * accepts an unambiguous prefix of a command's name (`send-k`, `paste`, `so`), and the same without the
 * dash is read too (`sendk`, `pasteb`), so every spelling is one command here.
 */
const TMUX_COMMANDS: readonly { name: string; aliases: readonly string[]; shortest: number }[] = [
  { name: 'send-keys', aliases: ['send'], shortest: 4 },
  { name: 'paste-buffer', aliases: ['pasteb'], shortest: 2 },
  { name: 'source-file', aliases: ['source'], shortest: 2 },
  { name: 'set-hook', aliases: [], shortest: 5 },
  { name: 'bind-key', aliases: ['bind'], shortest: 4 },
];

/** The tmux command a word names (`sendk` is send-keys), or undefined for the others. */
export function tmuxCommandOf(word: string): string | undefined {
  for (const c of TMUX_COMMANDS) {
    if (c.aliases.includes(word) || word === c.name) return c.name;
    if (word.length >= c.shortest && (c.name.startsWith(word) || c.name.replace(/-/g, '').startsWith(word.replace(/-/g, '')))) return c.name;
  }
  return undefined;
}

/**
 * tmux's commands on one line, split at `;` (`tmux load-buffer f \; paste-buffer -t 0`), each with its
 * command word spelled in full when the guard reads it (the first keeps the global options).
 */
export function tmuxSegments(args: readonly ArgWord[]): ArgWord[][] {
  const spec = toolNamed('tmux')!;
  const segments: ArgWord[][] = [[]];
  for (const a of args) {
    if (!a.dynamic && a.text === ';') segments.push([]);
    else if (!a.dynamic && a.text.length > 1 && a.text.endsWith(';') && !a.text.endsWith('\\;')) {
      segments[segments.length - 1]!.push({ ...a, text: a.text.slice(0, -1), raw: a.raw.slice(0, -1) });
      segments.push([]);
    } else segments[segments.length - 1]!.push(a);
  }
  return segments.filter((s) => s.length > 0).map((segment, i) => {
    const parsed = parsedArgs(segment, spec);
    const word = parsed.path[0] ?? parsed.operands[0]?.text;
    const full = word === undefined ? undefined : tmuxCommandOf(word);
    if (full === undefined || full === word) return segment;
    // The command word is the first word that is neither a global option nor its value.
    const at = i === 0 ? segment.findIndex((a, k) => a.text === word && !(k > 0 && /^-[cfLST]$/.test(segment[k - 1]!.text))) : 0;
    return segment.map((a, k) => (k === at ? { ...a, text: full, raw: full } : a));
  });
}

/** The tmux commands of a line by their full names. */
export function tmuxCommandNames(args: readonly ArgWord[]): string[] {
  const spec = toolNamed('tmux')!;
  return tmuxSegments(args).map((s) => {
    const parsed = parsedArgs(s, spec);
    return parsed.path[0] ?? parsed.operands[0]?.text ?? '';
  });
}

/** What `tmux send-keys|send KEYS…` types (Enter as a newline, other named keys as a tab), over every command of the line; undefined for no typing; `unread` when a key is built at run time. */
export function tmuxTyped(args: readonly ArgWord[]): { text: string; unread: boolean } | undefined {
  let result: { text: string; unread: boolean } | undefined;
  for (const segment of tmuxSegments(args)) {
    const typed = segmentTyped(segment);
    if (!typed) continue;
    result = { text: (result?.text ?? '') + typed.text, unread: (result?.unread ?? false) || typed.unread };
  }
  return result;
}

function segmentTyped(args: readonly ArgWord[]): { text: string; unread: boolean } | undefined {
  const spec = toolNamed('tmux')!;
  const parsed = parsedArgs(args, spec);
  const sub = parsed.path[0];
  if (sub === undefined || tmuxCommandOf(sub) !== 'send-keys') return undefined;
  const options = toolArgs('tmux', parsed, spec);
  const literal = options.has('-l');
  // `-H 0d`: each key is a byte in hexadecimal.
  const hex = options.has('-H');
  let typed = '';
  for (const key of parsed.operands) {
    if (key.dynamic) return { text: typed, unread: true };
    if (hex) {
      typed += /^[0-9a-f]{1,2}$/i.test(key.text) ? String.fromCharCode(parseInt(key.text, 16)) : '\t';
      continue;
    }
    if (!literal && TMUX_ENTER.has(key.text)) typed += '\n';
    else if (!literal && key.text === 'Space') typed += ' ';
    // Keys that type no character (Tab, Escape, arrows, C-c): a separator, not a space key.
    else if (!literal && (key.text === 'Tab' || /^[CM]-.$/.test(key.text) || /^(Escape|BSpace|Up|Down|Left|Right|Home|End|F\d+)$/.test(key.text))) typed += '\t';
    else typed += key.text;
  }
  return { text: typed, unread: false };
}

/** The files `source-file` (any spelling) reads, over every command of the line. */
function tmuxSourcedFiles(args: readonly ArgWord[]): ArgWord[] {
  const spec = toolNamed('tmux')!;
  const files: ArgWord[] = [];
  for (const segment of tmuxSegments(args)) {
    const parsed = parsedArgs(segment, spec);
    const ops = parsed.operands;
    const at = ops.findIndex((o) => o.text === 'source-file');
    // Its options (`-q`, `-n`, `-v`, `-F`) are switches; the rest are files.
    if (parsed.path[0] === undefined && at >= 0) files.push(...freeFormReadings(ops.slice(at + 1)).usual.operands);
  }
  return files;
}

/**
 * The tmux commands a line leaves to run later (`set-hook -g after-new-window 'send-keys y Enter'`, `bind-key -n
 * Escape send-keys y Enter`): a hook runs by itself when its event comes, a key binding when the key is pressed.
 */
function tmuxDeferred(args: readonly ArgWord[]): ArgWord[][] {
  const spec = toolNamed('tmux')!;
  const out: ArgWord[][] = [];
  for (const segment of tmuxSegments(args)) {
    const parsed = parsedArgs(segment, spec);
    const ops = parsed.operands;
    const at = ops.findIndex((o) => o.text === 'set-hook' || o.text === 'bind-key');
    if (parsed.path[0] !== undefined || at < 0) continue;
    // After the hook's name or the key: the command, as one word or as words.
    const rest = freeFormReadings(ops.slice(at + 1)).usual.operands.slice(1);
    if (rest.length > 0) out.push(rest);
  }
  return out;
}

/**
 * `tmux send-keys 'rm -rf x' Enter` types a command into another shell: analyse what is typed.
 * `tmux source-file keys.tmux`: the file's lines are tmux commands, judged as `tmux LINE` each.
 */
function tmux(w: Walker, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit('tmux', first.text, args, exec);
  for (const file of tmuxSourcedFiles(args).slice(0, 8)) {
    const via = w.viaOf(exec);
    if (file.dynamic || file.glob) {
      w.addOpaque('tmux source-file reads commands from a file named at run time', via);
      continue;
    }
    const text = w.readFile(resolvePath(exec.cwd, file.text, w.facts.home), via);
    if (text === undefined) {
      w.addOpaque(`tmux source-file reads commands from ${file.text}, which is not there to read before it runs`, via);
      continue;
    }
    const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')).slice(0, 64);
    for (const line of lines) w.analyzeText(`tmux ${line}`, w.childScope(exec, `tmux source-file ${file.text}`));
  }
  for (const deferred of tmuxDeferred(args).slice(0, 8)) {
    if (deferred.some((d) => d.dynamic)) w.addOpaque('tmux leaves a command built at run time to run later', w.viaOf(exec));
    else w.analyzeText(`tmux ${deferred.length === 1 ? deferred[0]!.text : deferred.map((d) => quoteForShell(d)).join(' ')}`, w.childScope(exec, 'tmux set-hook/bind-key'));
  }
  const typed = tmuxTyped(args);
  if (!typed) return inv;
  if (typed.unread) {
    w.addOpaque('tmux send-keys types text built at run time', w.viaOf(exec));
    return inv;
  }
  if (typed.text.trim() !== '') w.analyzeText(typed.text, w.childScope(exec, 'tmux send-keys'));
  return inv;
}

/**
 * screen's registry entry, and the same read with options after a session name too (`screen -r sess
 * -p 0 -X stuff …`; its detached-runner reading does not). Built on first use: the registry loads a
 * tool's description when a command names it, not at start-up.
 */
let screenSpecs: readonly ToolSpec[] | undefined;
function screenReadings(): readonly ToolSpec[] {
  if (!screenSpecs) {
    const spec = toolNamed('screen')!;
    screenSpecs = [spec, { ...spec, interspersed: true }];
  }
  return screenSpecs;
}

/**
 * The text of `-X stuff TEXT`, in either reading of screen's words. `-X` is a list option (the screen
 * command and its words), so `-X -S sess stuff TEXT` is found too.
 */
export function screenStuff(args: readonly ArgWord[]): ArgWord | undefined {
  for (const spec of screenReadings()) {
    for (const option of optionsMatching(parsedArgs(args, spec), spec, ['-X'])) {
      const at = option.values.indexOf('stuff');
      if (at >= 0 && option.valueWords[at + 1]) return option.valueWords[at + 1];
    }
  }
  return undefined;
}

/** `screen -X stuff 'rm -rf x\n'`: the same, for GNU screen. */
function screen(w: Walker, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit('screen', first.text, args, exec);
  const text = screenStuff(args);
  if (!text) return inv;
  if (text.dynamic) w.addOpaque('screen stuff types text built at run time', w.viaOf(exec));
  else w.analyzeText(decodeEchoEscapes(text.text.replace(/\^M/g, '\n')).text, w.childScope(exec, 'screen stuff'));
  return inv;
}

/**
 * A terminal's remote control: `kitty @ send-text TEXT` and `wezterm cli send-text TEXT` type the text
 * into another window's shell (kitty reads its escapes, `\\n` is Enter); `kitty @ launch CMD…`,
 * `wezterm cli spawn CMD…` and `wezterm start CMD…` start a command there. Text from a file or
 * standard input, or built at run time, cannot be read.
 */
/** What `kitty @ send-text` / `wezterm cli send-text` types (escapes read for kitty); undefined when it types nothing it names. */
export function remoteControlTyped(name: 'kitty' | 'wezterm', args: readonly ArgWord[]): string | undefined {
  const spec = toolNamed(name)!;
  const parsed = parsedArgs(args, spec);
  if (parsed.path[parsed.path.length - 1] !== 'send-text' || toolArgs(name, parsed, spec).has('--stdin', '--from-file') || parsed.operands.some((o) => o.dynamic)) return undefined;
  const typed = parsed.operands.map((o) => o.text).join(' ');
  return name === 'kitty' ? decodeEchoEscapes(typed).text : typed;
}

function remoteControl(name: 'kitty' | 'wezterm', w: Walker, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const spec = toolNamed(name)!;
  const parsed = parsedArgs(args, spec);
  const sub = parsed.path[parsed.path.length - 1];
  const label = `${name} ${parsed.path.join(' ')}`;
  const operands = parsed.operands;
  if (sub === 'send-text') {
    const unread = toolArgs(name, parsed, spec).has('--stdin', '--from-file') || operands.some((o) => o.dynamic);
    if (unread) {
      w.addOpaque(`${label} types text the hook cannot read into another terminal`, w.viaOf(exec));
      return inv;
    }
    const typed = operands.map((o) => o.text).join(' ');
    const text = name === 'kitty' ? decodeEchoEscapes(typed).text : typed;
    if (text.trim() !== '') w.analyzeText(text, w.childScope(exec, label));
    return inv;
  }
  if (sub === 'launch' || sub === 'spawn' || sub === 'start') {
    const argv = parsed.command ?? operands;
    if (argv.length > 0) w.run(argv, exec);
  }
  return inv;
}

export const terminalHandlers: Record<string, Handler> = {
  tmux: (w, _name, first, args, exec) => tmux(w, first, args, exec),
  screen: (w, _name, first, args, exec) => screen(w, first, args, exec),
  kitty: (w, _name, first, args, exec) => remoteControl('kitty', w, first, args, exec),
  kitten: (w, _name, first, args, exec) => remoteControl('kitty', w, first, args, exec),
  wezterm: (w, _name, first, args, exec) => remoteControl('wezterm', w, first, args, exec),
};
