import { ownTable } from '../../ownTable';
import type { ArgWord } from '../../shell/ast';
import { parseCommand, type GrammarSpec } from '../../shell/grammar';
import type { Escapes } from './codeRunners';

/**
 * The shell escapes and file deletions of R, Julia and AppleScript code (`Rscript -e`, `julia -e`,
 * `osascript -e`), for the code runners of `./codeRunners.ts`.
 */

export function empty(): Escapes {
  return { shell: [], opaque: [] };
}

/** A shell word for a literal path in generated `rm` lines. */
export function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

// ---------------------------------------------------------------------------------------------
// R, Julia and AppleScript one-liners: `Rscript -e 'system("…")'`, `julia -e 'run(`…`)'`,
// `osascript -e 'do shell script "…"'`

const codeGrammars = new Map<string, GrammarSpec>();

/** The code of `-e` options (R, Julia, osascript), wherever they are written, read by the grammar. */
function codeOptions(args: readonly ArgWord[], names: readonly string[]): ArgWord[] {
  const key = names.join(' ');
  let grammar = codeGrammars.get(key);
  if (!grammar) {
    grammar = { options: [{ names: [...names], takes: 'one' }], unknownShort: 'switch', unknownLong: 'switch' };
    codeGrammars.set(key, grammar);
  }
  return parseCommand(args, grammar).options.flatMap((o) => o.valueWords.map((w, n) => (w.text === o.values[n] ? w : { ...w, text: o.values[n]! })));
}

/** Calls whose one string argument is a shell line: R's `system("…")`/`system2`/`shell`, AppleScript's `do shell script "…"` (and `do script`, `write text`: typed into a terminal). */
const SHELL_STRING_CALLS: Readonly<Record<string, RegExp>> = ownTable({
  r: /\b(system|shell)\s*\(\s*(?:command\s*=\s*)?("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^)]*)/g,
  // `do script "…"` (Terminal) and `write text "…"` (iTerm) type the line into a terminal's shell.
  applescript: /\b(?:do\s+(?:shell\s+)?script|write\s+text)\s+("(?:[^"\\]|\\.)*"|[^\n]*)/g,
});

function stringCalls(code: string, language: 'r' | 'applescript', label: string, out: Escapes): void {
  for (const m of code.matchAll(SHELL_STRING_CALLS[language]!)) {
    const arg = (m[2] ?? m[1] ?? '').trim();
    const literal = /^(["'])((?:(?!\1)[^\\]|\\.)*)\1$/.exec(arg);
    if (literal && !/&|\bpaste0?\s*\(/.test(arg)) out.shell.push({ text: literal[2]!.replace(/\\(.)/g, '$1'), label });
    else out.opaque.push(`${label} runs a shell command built at run time`);
  }
  // R's `system2("prog", c("a", "b"))`: the program and its literal arguments.
  if (language === 'r') {
    for (const m of code.matchAll(/\bsystem2\s*\(\s*(?:command\s*=\s*)?"([^"]+)"\s*(?:,\s*(?:args\s*=\s*)?(?:c\s*\(([^)]*)\)|"([^"]*)"))?/g)) {
      const rest = m[2] !== undefined ? [...m[2].matchAll(/"([^"]*)"/g)].map((x) => x[1]!) : m[3] !== undefined ? [m[3]] : [];
      if (m[2] !== undefined && /[^\s,"]/.test(m[2].replace(/"[^"]*"/g, ''))) out.opaque.push(`${label} starts a program with arguments computed at run time (system2)`);
      else out.shell.push({ text: [m[1]!, ...rest].map(quoted).join(' '), label });
    }
  }
}

/** R's own deleters: `unlink(path, recursive = TRUE)`, `file.remove(path)`, fs's `dir_delete`/`file_delete`. */
function rDeletions(code: string, label: string, out: Escapes): void {
  for (const m of code.matchAll(/\b(unlink|file\.remove|(?:fs::)?dir_delete|(?:fs::)?file_delete)\s*\(([^)]*)\)?/g)) {
    const literal = /^\s*(?:x\s*=\s*|path\s*=\s*)?(["'])((?:(?!\1)[^\\]|\\.)*)\1\s*(?:,|$)/.exec(m[2] ?? '');
    if (!literal) {
      out.opaque.push(`${label} deletes a path computed at run time (${m[1]})`);
      continue;
    }
    const recursive = /dir_delete/.test(m[1]!) || /recursive\s*=\s*(TRUE|T)\b/.test(m[2] ?? '');
    out.shell.push({ text: `rm ${recursive ? '-rf' : '-f'} -- ${quoted(literal[2]!)}`, label: `${label} ${m[1]}` });
  }
}

export function rEscapes(args: readonly ArgWord[]): Escapes {
  const out = empty();
  for (const code of codeOptions(args, ['-e', '--expr'])) {
    if (code.dynamic) out.opaque.push('R runs code built at run time');
    else {
      stringCalls(code.text, 'r', 'Rscript -e', out);
      rDeletions(code.text, 'Rscript -e', out);
    }
  }
  return out;
}

export function osascriptEscapes(args: readonly ArgWord[]): Escapes {
  const out = empty();
  for (const code of codeOptions(args, ['-e'])) {
    if (code.dynamic) out.opaque.push('osascript runs a script built at run time');
    else stringCalls(code.text, 'applescript', 'osascript -e', out);
  }
  return out;
}

/** Julia: `run(`cmd args`)` and `read(`…`, String)` run a command literal; interpolations (`$x`) are computed. */
export function juliaEscapes(args: readonly ArgWord[]): Escapes {
  const out = empty();
  for (const code of codeOptions(args, ['-e', '--eval', '-E', '--print'])) {
    if (code.dynamic) {
      out.opaque.push('julia runs code built at run time');
      continue;
    }
    // Julia's own deleters and writers: `rm(homedir()*"/.ssh", recursive=true)`, `mv`, `write`.
    if (/(^|[^\w.])(rm|mv|cp|write|chmod)\s*\(/.test(code.text)) out.opaque.push('julia -e deletes, moves or writes files with Julia calls');
    for (const m of code.text.matchAll(/`([^`]*)`/g)) {
      if (m[1]!.includes('$')) out.opaque.push('julia -e runs a command with words computed at run time');
      else out.shell.push({ text: m[1]!, label: 'julia -e' });
    }
  }
  return out;
}
