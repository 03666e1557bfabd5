/**
 * xargs: the words it reads from fixed input become the arguments it appends.
 */

import type { Exec, Walker } from './handlers/context';
import { stdinText } from './knownOutput';
import type { ArgWord } from './types';
import { resolvePath } from '../paths';
import { xargsArgFile } from '../shell/wrappers';

const MAX_XARGS_WORDS = 256;

/**
 * `echo a b | xargs rm`: when xargs reads fixed text, its words are the arguments it appends.
 * Replacement mode (`-I`) and file input (`-a`) keep the command as written.
 */
export function xargsInput(w: Walker, argv: ArgWord[], xargsArgs: readonly ArgWord[], exec: Exec): ArgWord[] {
  const placeholder = xargsPlaceholder(xargsArgs);
  if (placeholder !== undefined) {
    // `echo ~/.x | xargs -I% cat %/key`: one fixed input line is pasted where the placeholder stands.
    const line = exec.stdin && !xargsArgFile(xargsArgs) ? singleLine(stdinText(w, exec.stdin, 0)?.text) : undefined;
    if (line !== undefined) {
      exec.stdin = undefined;
      return argv.map((word) => (!word.dynamic && word.text.includes(placeholder) ? { ...word, text: word.text.split(placeholder).join(line), glob: false } : word));
    }
    // `-I{}`: each input line is pasted into the words holding the placeholder, so those words
    // (`sh -c '{}'`, a command named `{}`) are run-time values, not the text written.
    return argv.map((word) => (!word.dynamic && word.text.includes(placeholder) ? { ...word, dynamic: true } : word));
  }
  // `xargs -a list cat`: the file's words, as if it were the input.
  const argFile = xargsArgFile(xargsArgs);
  const source = argFile !== undefined ? (argFile.dynamic ? undefined : { kind: 'file' as const, path: resolvePath(exec.cwd, argFile.text, w.facts.home) }) : exec.stdin;
  if (!source || xargsArgs.some((a) => /^-(I|i|-replace)/.test(a.text))) return argv;
  const input = stdinText(w, source, 0);
  if (!input) return argv;
  const nul = xargsArgs.some((a) => a.text === '-0' || a.text === '--null');
  const words = (nul ? input.text.split('\0') : input.text.split(/\s+/)).filter((word) => word !== '');
  if (words.length === 0) return argv;
  if (words.length > MAX_XARGS_WORDS) {
    w.addOpaque(`xargs is fed more than ${MAX_XARGS_WORDS} words: the arguments it appends were not all looked at`, w.viaOf(exec));
    return argv;
  }
  // The static input words are now the arguments, so the stdin it consumed is not the command's.
  if (argFile === undefined) exec.stdin = undefined;
  return [...argv, ...words.map((text) => ({ text, raw: text, dynamic: false, glob: false }))];
}

/** The replace string of `xargs -I R`, `-IR`, `-i[R]`, `--replace[=R]` (GNU's default is `{}`). */
function xargsPlaceholder(options: readonly ArgWord[]): string | undefined {
  let placeholder: string | undefined;
  for (let i = 0; i < options.length; i++) {
    const t = options[i]!.text;
    if (t === '--') break;
    if (t === '-I') placeholder = options[++i]?.text;
    else if (t === '--replace' || t === '-i') placeholder = '{}';
    else if (t.startsWith('--replace=')) placeholder = t.slice('--replace='.length);
    else if (/^-[^-]/.test(t)) {
      // A cluster: letters before I/i are flags; I takes the rest or the next word, i the rest.
      const at = t.search(/[Ii]/);
      const valued = /[adELnPs]/.exec(t.slice(1));
      if (at < 0 || (valued && valued.index + 1 < at)) {
        if (valued && valued.index + 2 === t.length) i++;
        continue;
      }
      const rest = t.slice(at + 1);
      if (t[at] === 'I') placeholder = rest !== '' ? rest : options[++i]?.text;
      else placeholder = rest !== '' ? rest : '{}';
    }
  }
  return placeholder === '' ? undefined : placeholder;
}


/** The one line fixed input holds (leading blanks dropped, as `-I` does); undefined for none or several. */
function singleLine(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const lines = text.split('\n').map((l) => l.replace(/^[ \t]+/, '')).filter((l) => l !== '');
  return lines.length === 1 && !/[\0$`]/.test(lines[0]!) ? lines[0] : undefined;
}
