/**
 * Terminal multiplexers that type a command into another shell: `tmux send-keys 'rm -rf x' Enter`,
 * `screen -X stuff 'rm -rf x\n'`. What is typed is analysed as shell text.
 */

import { decodeEchoEscapes } from '../../shell/decode';
import { parsedArgs, toolArgs, toolNamed } from '../../registry/commandModel';
import type { ArgWord, Invocation } from '../types';
import type { Exec, Handler, Walker } from './context';

const TMUX_ENTER = new Set(['Enter', 'C-m', 'C-j', 'KPEnter']);

/** `tmux send-keys 'rm -rf x' Enter` types a command into another shell: analyse what is typed. */
function tmux(w: Walker, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit('tmux', first.text, args, exec);
  const spec = toolNamed('tmux')!;
  const parsed = parsedArgs(args, spec);
  const sub = parsed.path[0];
  if (sub !== 'send-keys' && sub !== 'send') return inv;
  const literal = toolArgs('tmux', parsed, spec).has('-l');
  const keys = parsed.operands;
  let typed = '';
  for (const key of keys) {
    if (key.dynamic) {
      w.addOpaque('tmux send-keys types text built at run time', w.viaOf(exec));
      return inv;
    }
    if (!literal && TMUX_ENTER.has(key.text)) typed += '\n';
    else if (!literal && key.text === 'Space') typed += ' ';
    else if (!literal && (key.text === 'Tab' || /^[CM]-.$/.test(key.text) || /^(Escape|BSpace|Up|Down|Left|Right|Home|End|F\d+)$/.test(key.text))) typed += ' ';
    else typed += key.text;
  }
  if (typed.trim() !== '') w.analyzeText(typed, w.childScope(exec, 'tmux send-keys'));
  return inv;
}

/** `screen -X stuff 'rm -rf x\n'`: the same, for GNU screen. */
function screen(w: Walker, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit('screen', first.text, args, exec);
  const stuff = args.findIndex((a) => a.text === 'stuff');
  const text = stuff >= 0 ? args[stuff + 1] : undefined;
  if (!text) return inv;
  if (text.dynamic) w.addOpaque('screen stuff types text built at run time', w.viaOf(exec));
  else w.analyzeText(decodeEchoEscapes(text.text.replace(/\^M/g, '\n')).text, w.childScope(exec, 'screen stuff'));
  return inv;
}

export const terminalHandlers: Record<string, Handler> = {
  tmux: (w, _name, first, args, exec) => tmux(w, first, args, exec),
  screen: (w, _name, first, args, exec) => screen(w, first, args, exec),
};
