import type { HookAction } from './action';

/**
 * Commands that reach the guard in another form than a POSIX shell line: PowerShell (the `powershell`
 * tool of VS Code's Copilot harness and Copilot CLI on Windows) and keystrokes typed into a shell
 * session that is already running (Copilot's `write_bash` / `write_powershell`, `{sessionId, input,
 * delay}`, where `input` is text with special keys such as `{enter}` and `{up}`).
 *
 * Each becomes a shell action the engine reads: PowerShell as `pwsh -NoProfile -Command '<text>'`
 * (the single quotes keep the text exactly; the engine splits PowerShell statements and knows its
 * cmdlets), keystrokes as the line they type. Keys that recall or edit a line the guard cannot see
 * (`{up}`, `{tab}`, an escape sequence) make the input unreadable, which is denied. A session may be a
 * database prompt rather than a shell (`psql` started earlier): text that reads as SQL is also judged as
 * a statement sent to a server nobody named, which counts as production.
 */

function posixQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The shell line that runs `text` in PowerShell, for the engine's PowerShell reading. */
export function powershellCommand(text: string): string {
  return `pwsh -NoProfile -Command ${posixQuote(text)}`;
}

/** Special keys Copilot's write tools accept; only {enter} keeps the typed line knowable. */
const SPECIAL_KEY = /\{(enter|return|up|down|left|right|home|end|backspace|delete|del|tab|escape|esc|pageup|pagedown|ctrl\+?[a-z]|[a-z]+\+[a-z0-9]+)\}/gi;

/** Ctrl-C and Ctrl-D only interrupt or end input; any other non-printing character edits the line. */
function controlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a && c !== 0x03 && c !== 0x04) || c === 0x7f) return true;
  }
  return false;
}

/** What the keystrokes type, as lines; a reason instead when they cannot be known. */
export function typedText(input: string): { text: string } | { unreadable: string } {
  let bad: string | undefined;
  const replaced = input.replace(SPECIAL_KEY, (whole, key: string) => {
    const k = key.toLowerCase();
    if (k === 'enter' || k === 'return') return '\n';
    if (k === 'ctrl+c' || k === 'ctrlc' || k === 'ctrl+d' || k === 'ctrld') return '\n';
    bad ??= whole;
    return '';
  });
  if (bad) return { unreadable: `the keystrokes it sends use ${bad}, which recalls or edits a line Blast Shield cannot see` };
  const text = replaced.replace(/\r\n?/g, '\n');
  if (controlCharacter(text)) return { unreadable: 'the keystrokes it sends carry control characters that edit the line' };
  // Ctrl-C / Ctrl-D end the line typed so far.
  return { text: text.split('\u0003').join('\n').split('\u0004').join('\n') };
}

/** The first word of a line that only SQL starts with (a shell has no such commands). */
const SQL_STATEMENT = /^\s*(drop|truncate|delete|alter|update|insert|create|grant|revoke|rename|replace|merge|vacuum|reindex|cluster|comment|call|do|copy|lock|set|begin|commit|rollback|select|with|show|use|\\[a-z])\b/i;

function sqlParts(text: string, cwd: string): HookAction[] {
  const lines = text.split('\n');
  // A statement may run over several lines: the whole text goes to the server once one line reads as SQL.
  const sql = lines.some((l) => SQL_STATEMENT.test(l)) ? [text] : [];
  // psql's \! runs the rest of the line in a shell.
  const escapes = lines.map((l) => /^\s*\\!\s*(.*)$/.exec(l)?.[1]).filter((l): l is string => l !== undefined && l.trim() !== '');
  return [
    ...(sql.length > 0 ? [{ kind: 'shell' as const, command: `psql --host=the-running-session -c ${posixQuote(sql.join('\n'))}`, cwd }] : []),
    ...escapes.map((command) => ({ kind: 'shell' as const, command, cwd })),
  ];
}

/** A write_bash / write_powershell call: what it types, judged as the shell (or database prompt) it goes to. */
export function keystrokeAction(tool: string, input: string | undefined, shell: 'posix' | 'powershell', cwd: string): HookAction {
  if (input === undefined) return { kind: 'unreadable', tool, reason: 'the keystrokes it sends are not text', cwd };
  const typed = typedText(input);
  if ('unreadable' in typed) return { kind: 'unreadable', tool, reason: typed.unreadable, cwd };
  const shellPart: HookAction = { kind: 'shell', command: shell === 'powershell' ? powershellCommand(typed.text) : typed.text, cwd };
  const parts = [shellPart, ...sqlParts(typed.text, cwd)];
  return parts.length === 1 ? shellPart : { kind: 'all', actions: parts, cwd };
}
