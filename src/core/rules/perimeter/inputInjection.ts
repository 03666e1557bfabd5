import { remoteControlTyped, screenStuff, tmuxCommandNames, tmuxTyped } from '../../policy/handlers/terminals';
import type { Invocation } from '../../policy/types';
import { decodeEchoEscapes } from '../../shell/decode';
import { freeFormReadings } from '../../registry/freeForm';
import { dbusAnswer, dbusShellCode, desktopControl, type DesktopControl } from './desktopControl';

/**
 * Faking the human (stop 35, red team round 24). Agent hosts that run in a terminal (Claude Code, Codex,
 * Gemini CLI, Copilot CLI) ask their own questions there, and the editor's dialog is answered at the
 * keyboard: keystrokes an agent sends are not a human's answer. A multiplexer told to type an answer
 * (`tmux send-keys -t agent y Enter`, `screen -X stuff $'y\n'`, a bare Enter that takes the default), the
 * terminal's own input queue (`TIOCSTI`), and keyboard and mouse libraries in code (pyautogui, pynput,
 * robotjs, nut.js, Quartz events) are denied. Typing a command into another pane is judged as that command
 * (the terminal handlers), and stays allowed when it is routine.
 */

/** Programs that type or click into windows: the confirm dialog is answered by a human, not by keystrokes an agent sends. */
export const UI_AUTOMATION: ReadonlySet<string> = new Set(['xdotool', 'ydotool', 'wtype', 'cliclick', 'xte', 'dotool', 'dotoolc', 'xvkbd', 'wlrctl', 'evemu-event', 'evemu-play', 'autokey-run', 'nircmd', 'AutoHotkey', 'autohotkey', 'kdotool', 'xdo', 'xmacroplay', 'xmacroplay-keys']);

export const TYPING_TERMINALS: ReadonlySet<string> = new Set(['tmux', 'screen', 'kitty', 'kitten', 'wezterm', 'zellij']);

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
  // A pane's paste buffer pasted in (`tmux load-buffer f; tmux paste-buffer -t agent`, any spelling): what it types is not known here.
  if (inv.name === 'tmux' && tmuxCommandNames(inv.args).includes('paste-buffer')) return 'a paste buffer';
  // screen's paste register (`screen -X register . y`, then `-X paste .`): the same.
  if (inv.name === 'screen' && screenPastes(inv)) return 'a paste register';
  text ??= remoteTyped(inv);
  // The space bar alone (`send-keys Space`) picks or confirms in a menu, as one key does.
  if (text === ' ') return 'Space';
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

/** screen commands sent with `-X` (each after a `;` too, and inside `eval` strings) that paste a register into a window. */
function screenPastes(inv: Invocation): boolean {
  const words = inv.args.map((a) => a.text);
  const x = words.indexOf('-X');
  if (x < 0) return false;
  const commands: string[] = [];
  words.slice(x + 1).forEach((word, i, rest) => {
    if (i === 0 || rest[i - 1] === ';' || rest[i - 1]!.endsWith(';') || rest[i - 1] === '-X') commands.push(word);
    if (rest[i - 1] === 'eval' || (i > 0 && commands.includes('eval'))) commands.push(...word.split(/\s*;\s*/).map((c) => c.trim().split(/\s+/)[0] ?? ''));
    // `at WINDOW CMD`: the command after the window.
    if (i > 1 && rest[i - 2] === 'at') commands.push(word);
  });
  return commands.includes('paste');
}

/**
 * D-Bus methods that type into a terminal or the desktop: Konsole's and Yakuake's `sendText`/`runCommand`,
 * Guake's `execute_command`, the remote-desktop portal's keyboard calls, input daemons' typing methods.
 */
const TYPING_METHODS = /(^|[./\s])(sendText|runCommand|runCommandInTerminal|execute_command|NotifyKeyboardKeycode|NotifyKeyboardKeysym|SendKeys?|TypeText|type_text|KeyPress)(\s|$|\()/;
export const DBUS_CLIENTS: ReadonlySet<string> = new Set(['qdbus', 'qdbus6', 'qdbus-qt5', 'qdbus-qt6', 'dbus-send', 'gdbus', 'busctl', 'dbus']);

/** A D-Bus call that types: the method, or undefined. */
export function dbusTyping(inv: Invocation): string | undefined {
  if (!DBUS_CLIENTS.has(inv.name)) return undefined;
  for (const a of inv.args) {
    const m = TYPING_METHODS.exec(a.text);
    if (m) return m[2];
  }
  return undefined;
}

/** A command that drives the desktop (desktopControl.ts), or a D-Bus call that runs code inside the desktop shell (`org.gnome.Shell.Eval`). */
export function drivesDesktop(inv: Invocation): DesktopControl | undefined {
  const method = DBUS_CLIENTS.has(inv.name) && !inv.remote ? dbusShellCode(inv.args.map((a) => a.text)) : undefined;
  if (method) return { what: `${inv.name} calls ${method} over D-Bus, which runs code inside the desktop shell (it can focus Blast Shield's dialog and press its buttons)`, target: inv.name };
  const answer = DBUS_CLIENTS.has(inv.name) && !inv.remote ? dbusAnswer(inv.args.map((a) => a.text)) : undefined;
  if (answer) return { what: `${inv.name} calls ${answer} over D-Bus, which presses a button of a notification, an application or a dialog in place of the human`, target: inv.name };
  return desktopControl(inv);
}

/** Code that pushes keystrokes into the terminal or drives the keyboard and mouse. */
const CODE_INPUT =
  /\bTIOCSTI\b|\b0x5412\b|\bpyautogui\b|\bpynput\b|\brobotjs\b|@nut-tree(?:-fork)?\/nut-js|\bCGEventPost\b|\bCGEventCreateKeyboardEvent\b|\bSendKeys\.Send(?:Wait)?\b|\bXTestFakeKeyEvent\b|\bjava\.awt\.Robot\b|\bautopy\b|\bpywinauto\b/;
/**
 * Round 27: other keyboard and mouse roads in code — a virtual input device (evdev's `UInput`, python-uinput, `/dev/uinput`),
 * X's test extension (python-xlib's `xtest.fake_input`, `XTestFake*`), the `keyboard`/`mouse`/`ahk` Python modules, libxdo,
 * Windows' `SendInput`/`keybd_event`, a typing program named in a string (`"xdotool"`, `'ydotool'`, `"wtype"`), and GNOME
 * Shell's `Eval` called over D-Bus from code. Playwright's `page.keyboard` types into a browser page, not the desktop.
 */
const MORE_CODE_INPUT =
  /\bUInput\s*\(|\bevdev\.UInput\b|\/dev\/uinput\b|\buinput\.Device\b|\bfake_input\s*\(|\bXlib\.ext\.xtest\b|\bfrom\s+Xlib\.ext\s+import\s+xtest\b|\bXTestFake\w+|(?:^|[\s;])(?:import\s+(?:keyboard|mouse)\b(?!\s*[._-])|from\s+(?:keyboard|mouse|ahk)\s+import\b)|\blibxdo\b|\bxdo_(?:send|enter|type)\w*|\b(?:keybd_event|mouse_event|SendInput)\s*\(|\bPyUserInput\b|\bpykeyboard\b|\bnode-key-sender\b|(['"`])(?:xdotool|ydotool|wtype|dotool|xte|xvkbd)\b[^'"`]*\1|org\.gnome\.Shell\b[\s\S]{0,300}?\bEval\b/;

export function codeInjectsInput(code: string): string | undefined {
  return (CODE_INPUT.exec(code) ?? MORE_CODE_INPUT.exec(code))?.[0].trim();
}
