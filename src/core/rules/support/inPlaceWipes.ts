import { grammarOf, has, readEffectArgs, values } from '../../policy/effectOptions';
import { effectsOf } from '../../policy/effects';
import type { ArgWord, Invocation } from '../../policy/types';
import { decodeEchoEscapes, printfOutput } from '../../shell/decode';

/**
 * In-place edits whose script keeps nothing (round 7, issue #18): `sed -i d f`, `sed -i '1,$d' f`,
 * `perl -i -ne '' f` (reads every line, prints none), `perl -pi` with a substitution of the whole line by
 * nothing, `ruby -i -ne '' f`,
 * `awk -i inplace 'NR<0' f`, `printf ',d\nw\n' | ed -s f`. An editor that changes some lines keeps
 * the file's other work; one of these empties the file as surely as `: > f`.
 */

/** A sed script that deletes every line (with no address, or `1,$`), optionally with `-n` and no printing. */
function sedEmpties(script: string, quiet: boolean): boolean {
  const commands = script.split(/[;\n]/).map((c) => c.trim()).filter((c) => c !== '');
  if (commands.length === 0) return quiet;
  // With -n, a script in which no letter could be a print or write command prints nothing.
  if (commands.some((c) => /^(1\s*,\s*\$\s*)?d$/.test(c)) || (quiet && !commands.some((c) => /[pPwWe]/.test(c)))) return true;
  // `s/.*//`, `s/^.*$//g`: every line replaced by nothing (round 8).
  if (commands.some((c) => /^(1\s*,\s*\$\s*)?s(.)\^?\.\*\$?\2\2g?$/.test(c))) return true;
  // `sed -n -i '1p'`, `sed -ni '1,3p'`: only a few fixed lines printed, the rest of the file gone.
  return quiet && commands.every((c) => /^\d{1,2}(\s*,\s*\d{1,2})?\s*p$/.test(c));
}

/** Perl or Ruby code run per line: with -n and nothing printed, or with -p and the line set to nothing. */
function lineCodeEmpties(code: string, printsEach: boolean, readsEach: boolean): boolean {
  const text = code.trim();
  // `print if 0`, `print unless 1` (round 8): a print that never happens.
  if (readsEach && !printsEach && /^(print|say|puts)\s+(if\s+(0|""|''|false|nil|undef)|unless\s+(1|true))\s*;?$/.test(text)) return true;
  if (readsEach && !printsEach) return !/\b(print|printf|say|syswrite|puts|write|\$stdout)\b/.test(text);
  if (!printsEach) return false;
  return /^(\$_\s*=\s*(""|''|q\(\)|undef)|undef\s*\$_|s\/\.\*\/\/s?g?|s\/\^\.\*\$\/\/s?g?|\$_\s*=\s*"")\s*;?$/.test(text) || /^s\/\.\*\\n\?\/\/s?g?;?$/.test(text);
}

/** An awk program that prints nothing: only actions without print, or a pattern that is never true. */
function awkEmpties(program: string): boolean {
  const text = program.trim();
  if (/\bprint(f)?\b/.test(text) || /getline|system\s*\(/.test(text)) return false;
  if (text === '' || /^(0|NR\s*(<\s*[01]|==\s*0|<=\s*0)|!1|\(0\))$/.test(text)) return true;
  return /^(BEGIN|END)?\s*\{[^{}]*\}(\s*;?\s*(BEGIN|END)?\s*\{[^{}]*\})*\s*$/.test(text);
}

/** An ed or ex script that deletes every line and writes the file back. */
function edEmpties(script: string): boolean {
  const lines = script.split(/[\n|]/).map((l) => l.trim()).filter((l) => l !== '');
  // `%d`, `1,$delete`, `%d _`, `g/^/d`, and the normal-mode keys that delete every line (`normal! ggdG`).
  const del = lines.findIndex((l) => /^:?(,|%|1\s*,\s*\$)\s*d(elete)?(\s+_)?$|^:?g(lobal)?\/\^?\/d(elete)?$|^:?norm(al)?!?\s+gg"?_?dG$/.test(l));
  return del >= 0 && lines.slice(del + 1).some((l) => /^(w|wq|x|wq!|x!|w!)(\s|$)/.test(l));
}


/** Text fed on standard input by a heredoc, a here-string or `printf`/`echo` of fixed words. */
function stdinScript(inv: Invocation): string | undefined {
  const stdin = inv.stdin;
  if (!stdin) return undefined;
  if (stdin.kind === 'heredoc' || stdin.kind === 'herestring') return stdin.text;
  if (stdin.kind !== 'pipe' || stdin.from.args.some((a) => a.dynamic)) return undefined;
  const words = stdin.from.args.map((a) => a.text);
  if (stdin.from.name === 'printf') return words[0] === undefined ? undefined : printfOutput(words[0], words.slice(1));
  if (stdin.from.name === 'echo') return decodeEchoEscapes(words.filter((w) => !/^-[neE]+$/.test(w)).join(' ')).text;
  return undefined;
}

/** The files this in-place edit leaves empty, with how, for the reason. */
export function wipedByEdit(inv: Invocation): { word: ArgWord; how: string }[] {
  const effects = effectsOf(inv);
  const written = effects.filter((e) => e.kind === 'write').map((e) => e.word);
  const code = effects.filter((e) => e.kind === 'code').map((e) => e.word.text);
  const how = `empties it (${inv.name} in place, a script that keeps no line)`;
  const mark = (words: readonly ArgWord[]) => words.map((word) => ({ word, how }));
  switch (inv.name) {
    case 'sed':
    case 'gsed': {
      const read = readEffectArgs(inv.args, grammarOf('sed'));
      return written.length > 0 && code.length > 0 && sedEmpties(code.join('\n'), has(read, 'n', 'quiet', 'silent')) ? mark(written) : [];
    }
    case 'perl':
    case 'ruby': {
      const read = readEffectArgs(inv.args, grammarOf(inv.name));
      // `-0pi`: -0 takes only octal digits, so the letters after them are switches of their own.
      const afterZero = (values(read, '0')[0]?.text ?? '').replace(/^[0-7]*/, '');
      const prints = has(read, 'p') || afterZero.includes('p');
      return written.length > 0 && lineCodeEmpties(code.join('\n'), prints, prints || has(read, 'n') || afterZero.includes('n')) ? mark(written) : [];
    }
    case 'awk':
    case 'gawk':
      return written.length > 0 && code.length === 1 && awkEmpties(code[0]!) ? mark(written) : [];
    case 'ed': {
      const script = stdinScript(inv);
      const files = readEffectArgs(inv.args, grammarOf(inv.name)).operands.filter((w) => !w.dynamic);
      return script !== undefined && edEmpties(script) ? mark(files.slice(0, 1)) : [];
    }
    case 'ex':
    case 'vi':
    case 'vim':
    case 'nvim': {
      // `ex -sc '%d|x' f`, `vim -es -c '%d' -c wq f`, `vim -es '+%d' '+wq' f`, or the commands on standard input.
      const read = readEffectArgs(inv.args, grammarOf('vim'));
      const plus = read.operands.filter((w) => w.text.startsWith('+')).map((w) => w.text.slice(1));
      const script = [...values(read, 'c', 'cmd').map((w) => w.text), ...plus, stdinScript(inv) ?? ''].join('\n');
      const files = read.operands.filter((w) => !w.dynamic && !w.text.startsWith('+'));
      return edEmpties(script) ? mark(files) : [];
    }
    case 'emacs':
    case 'emacs-nox': {
      // `emacs --batch f --eval '(progn (erase-buffer) (save-buffer))'`: the buffer emptied and saved over the file.
      const read = readEffectArgs(inv.args, grammarOf('emacs'));
      const lisp = values(read, 'eval').map((w) => w.text).join('\n');
      const files = [...values(read, 'file'), ...read.operands].filter((w) => !w.dynamic && !w.text.startsWith('+'));
      return /\(\s*(erase-buffer|delete-region\s+\(point-min\)\s+\(point-max\))/.test(lisp) && /\(\s*(save-buffer|write-file|basic-save-buffer|save-some-buffers)/.test(lisp) ? mark(files) : [];
    }
    case 'find': {
      // `find src -name '*.ts' -exec sed -i 's/.*//' {} +` (round 8): the editor find runs empties every file it selects.
      const words = inv.args;
      const at = words.findIndex((w) => /^-(exec|execdir|ok|okdir)$/.test(w.text));
      const end = words.findIndex((w, k) => k > at && (w.text === ';' || w.text === '+'));
      const program = words[at + 1];
      if (at < 0 || program === undefined || program.dynamic) return [];
      const inner: Invocation = { ...inv, name: program.text.replace(/^.*\//, ''), args: words.slice(at + 2, end < 0 ? undefined : end), redirects: [], stdin: undefined };
      return wipedByEdit(inner).length > 0 ? mark(written) : [];
    }
    default:
      return [];
  }
}

/** emacs's options that take a value (`--eval`, `-l`, `-f`, `-L`, `--script`). */
