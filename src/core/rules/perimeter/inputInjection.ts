import { remoteControlTyped, screenStuff, tmuxTyped } from '../../policy/handlers/terminals';
import type { Invocation } from '../../policy/types';
import { decodeEchoEscapes } from '../../shell/decode';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * Faking the human (stop 35, red team round 24). Agent hosts that run in a terminal (Claude Code, Codex,
 * Gemini CLI, Copilot CLI) ask their own questions there, and the editor's dialog is answered at the
 * keyboard: keystrokes an agent sends are not a human's answer. A multiplexer told to type an answer
 * (`tmux send-keys -t agent y Enter`, `screen -X stuff $'y\n'`, a bare Enter that takes the default), the
 * terminal's own input queue (`TIOCSTI`), and keyboard and mouse libraries in code (pyautogui, pynput,
 * robotjs, nut.js, Quartz events) are denied. Typing a command into another pane is judged as that command
 * (the terminal handlers), and stays allowed when it is routine.
 */

/** What a prompt takes as an answer: yes/no, a menu number, "always", or nothing (Enter takes the default). */
const PROMPT_ANSWER = /^\s*(y|yes|n|no|[0-9]|a|ok|allow|approve|accept|always|continue|proceed|trust)?\s*$/i;

/** The text a multiplexer types, when it is only an answer to a prompt (and is submitted). */
export function typedPromptAnswer(inv: Invocation): string | undefined {
  let text: string | undefined;
  if (inv.name === 'tmux') {
    const typed = tmuxTyped(inv.args);
    if (typed && !typed.unread) text = typed.text;
  } else if (inv.name === 'screen') {
    const stuffed = screenStuff(inv.args);
    if (stuffed && !stuffed.dynamic) text = decodeEchoEscapes(stuffed.text.replace(/\^M/g, '\n')).text;
  }
  // A pane's paste buffer pasted in (`tmux load-buffer f; tmux paste-buffer -t agent`): what it types is not known here.
  if (inv.name === 'tmux' && inv.args.some((a) => /^(paste-buffer|paste-buffe|paste-buff|paste-buf|paste-bu|paste-b|pasteb)$/.test(a.text))) return 'a paste buffer';
  text ??= remoteTyped(inv);
  // A menu answers on one key (`1`, `y`) as well as with Enter.
  if (text === undefined || !(/[\n\r]/.test(text) || /^\s*[yn0-9]\s*$/i.test(text))) return undefined;
  const answer = text.replace(/[\n\r]+/g, ' ');
  return PROMPT_ANSWER.test(answer) ? answer.trim() || 'Enter' : undefined;
}

/**
 * What a terminal's remote control types (`kitty @ send-text`, `wezterm cli send-text`, zellij's `action write`
 * bytes and `write-chars`), and screen's `-X eval 'stuff …'`: the text, escapes read, or undefined.
 */
function remoteTyped(inv: Invocation): string | undefined {
  const words = inv.args.map((a) => a.text);
  const operands = freeFormReadings(inv.args).usual.operands.map((o) => o.text);
  const operandsAfter = (verb: string): string[] => operands.slice(operands.indexOf(verb) + 1);
  if (inv.name === 'kitty' || inv.name === 'kitten' || inv.name === 'wezterm') return remoteControlTyped(inv.name === 'wezterm' ? 'wezterm' : 'kitty', inv.args);
  if (inv.name === 'zellij' && words.includes('write-chars')) return operandsAfter('write-chars').join(' ');
  if (inv.name === 'zellij' && words.includes('write')) return operandsAfter('write').map((b) => (/^\d{1,3}$/.test(b) ? String.fromCharCode(Number(b)) : ' ')).join('');
  if (inv.name === 'screen' && words.includes('eval')) {
    const stuffed = words.filter((w) => /^stuff\s/.test(w)).map((w) => w.slice(6).replace(/^["']|["']$/g, ''));
    if (stuffed.length > 0) return decodeEchoEscapes(stuffed.join('').replace(/\^M/g, '\n')).text;
  }
  return undefined;
}

/** Code that pushes keystrokes into the terminal or drives the keyboard and mouse. */
const CODE_INPUT =
  /\bTIOCSTI\b|\b0x5412\b|\bpyautogui\b|\bpynput\b|\brobotjs\b|@nut-tree(?:-fork)?\/nut-js|\bCGEventPost\b|\bCGEventCreateKeyboardEvent\b|\bSendKeys\.Send(?:Wait)?\b|\bXTestFakeKeyEvent\b|\bjava\.awt\.Robot\b|\bautopy\b|\bpywinauto\b/;

export function codeInjectsInput(code: string): string | undefined {
  return CODE_INPUT.exec(code)?.[0];
}
