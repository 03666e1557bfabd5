import { ownTable } from '../../ownTable';
import type { ArgWord } from '../../shell/ast';
import type { Invocation } from '../types';
import { resolvePath } from '../../paths';
import { readingsOf, toolNamed } from '../../registry/commandModel';
import { optionsMatching } from '../../registry/grammar';
import { parseCommand, type GrammarSpec } from '../../shell/grammar';
import { grammarOf, readEffectArgs, values } from '../effectOptions';
import type { Escapes } from './codeRunners';
import type { Exec, Handler, Walker } from './context';

/**
 * Programs that look like data tools but run shell text given in their own options or languages
 * (issue #18 item 6): GNU sed's `e` command and the `e` flag of `s///`, tar's
 * `--checkpoint-action=exec=…`, `--to-command`, `--use-compress-program` (`-I`), `--info-script`
 * (`-F`) and `--new-volume-script`, zip's `-TT`/`--unzip-command`. A command that can be read is
 * walked as shell text; one that cannot (sed running what the pattern space holds) is reported as
 * unreadable, which asks.
 */

function empty(): Escapes {
  return { shell: [], opaque: [] };
}

// ---------------------------------------------------------------------------------------------
// sed

/** Skips a sed address (`3`, `$`, `/re/I`, `\%re%`, `1,+3`, `0~4`, `!`) from `i`; returns where the command starts. */
function skipAddress(s: string, i: number): number {
  for (;;) {
    while (i < s.length && /[\s0-9$,~+!]/.test(s[i]!)) i++;
    if (s[i] === '/' || (s[i] === '\\' && i + 1 < s.length)) {
      const delim = s[i] === '/' ? '/' : s[++i]!;
      i++;
      while (i < s.length && s[i] !== delim) i += s[i] === '\\' ? 2 : 1;
      i++;
      while (i < s.length && /[IM]/.test(s[i]!)) i++;
      continue;
    }
    return i;
  }
}

/** Reads one `s`/`y` part delimited by `delim` from `i`; returns the text and the index after the delimiter. */
function sedPart(s: string, i: number, delim: string): [string, number] {
  let out = '';
  while (i < s.length && s[i] !== delim && s[i] !== '\n') {
    if (s[i] === '\\' && i + 1 < s.length) {
      out += s[i + 1] === delim ? delim : s.slice(i, i + 2);
      i += 2;
    } else out += s[i++];
  }
  return [out, i + 1];
}

/** The shell text a sed script runs: `e command` lines, and `s/…/…/e` (pattern space run as a command). */
export function sedEscapes(script: string): Escapes {
  const out = empty();
  const label = 'sed e';
  let i = 0;
  let guard = 0;
  while (i < script.length && guard++ < 2000) {
    while (i < script.length && /[\s;{}]/.test(script[i]!)) i++;
    i = skipAddress(script, i);
    const c = script[i];
    if (c === undefined) break;
    const eol = script.indexOf('\n', i) < 0 ? script.length : script.indexOf('\n', i);
    if (c === '#' || 'aicrRwWbtTq:QlL'.includes(c)) {
      i = eol + 1;
      continue;
    }
    if (c === 'e') {
      const command = script.slice(i + 1, eol).trim();
      if (command !== '') out.shell.push({ text: command, label });
      else out.opaque.push('sed runs the text of each line as a shell command (its `e` command)');
      i = eol + 1;
      continue;
    }
    if (c === 's' || c === 'y') {
      const delim = script[i + 1];
      if (delim === undefined) break;
      const [pattern, afterPattern] = sedPart(script, i + 2, delim);
      const [replacement, afterReplacement] = sedPart(script, afterPattern, delim);
      let j = afterReplacement;
      let flags = '';
      while (j < script.length && /[gpiImMe0-9]/.test(script[j]!)) flags += script[j++];
      if (script[j] === 'w') j = eol;
      if (c === 's' && flags.includes('e')) {
        // The whole line replaced by a fixed text: that text is the command. Anything else is built from the input.
        if (/^\^?\.\*\$?$/.test(pattern) && !/\\[0-9]|(^|[^\\])&/.test(replacement)) out.shell.push({ text: replacement.replace(/\\(.)/g, '$1'), label: 'sed s///e' });
        else out.opaque.push('sed runs the lines it rewrites as shell commands (the `e` flag of `s`), built from its input');
      }
      i = j;
      continue;
    }
    // Other commands (p, d, n, N, h, G, x, =, …) up to the next separator.
    while (i < script.length && script[i] !== ';' && script[i] !== '\n' && script[i] !== '}') i++;
  }
  return out;
}

function sed(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const read = readEffectArgs(args, grammarOf('sed'));
  const expressions = values(read, 'e', 'expression');
  const files = values(read, 'f', 'file');
  const scripts: ArgWord[] = expressions.length > 0 || files.length > 0 ? expressions : read.operands.slice(0, 1);
  const via = w.viaOf(exec);
  for (const file of files) {
    if (file.dynamic) w.addOpaque(`${name} reads its script from a path computed at run time`, via);
    else {
      const text = w.readFile(resolvePath(exec.cwd, file.text, w.facts.home), via);
      if (text !== undefined) scripts.push({ ...file, text });
    }
  }
  for (const script of scripts) {
    if (script.dynamic && /(^|[;\n}\s\d$/])e\b|\/e\b/.test(script.text)) {
      w.addOpaque(`${name} runs a script built at run time that may run shell commands`, via);
      continue;
    }
    const found = sedEscapes(script.text);
    for (const reason of found.opaque) w.addOpaque(reason, via);
    for (const escape of found.shell) w.analyzeText(escape.text, w.childScope(exec, escape.label));
  }
  return inv;
}

// ---------------------------------------------------------------------------------------------
// tar and zip

function tar(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const read = readEffectArgs(args, grammarOf('tar'));
  const commands: { word: ArgWord; label: string; text: string }[] = [];
  for (const word of values(read, 'checkpoint-action')) {
    const m = /^exec=([\s\S]*)$/.exec(word.text);
    if (m) commands.push({ word, label: 'tar --checkpoint-action=exec', text: m[1]! });
  }
  for (const [option, label] of [['to-command', 'tar --to-command'], ['use-compress-program', 'tar --use-compress-program'], ['I', 'tar -I'], ['info-script', 'tar --info-script'], ['F', 'tar -F'], ['new-volume-script', 'tar --new-volume-script']] as const) {
    for (const word of values(read, option)) commands.push({ word, label, text: word.text });
  }
  const via = w.viaOf(exec);
  for (const c of commands) {
    // `-I zstd`, `--use-compress-program='xz -9'`: a compressor on PATH, judged like any command.
    if (c.word.dynamic) w.addOpaque(`${c.label} runs a command computed at run time`, via);
    else w.analyzeText(c.text, w.childScope(exec, c.label));
  }
  return inv;
}

/** zip's test command: `-T -TT cmd` / `--unzip-command cmd` runs `cmd` with the archive's name appended. */
const ZIP_TEST: GrammarSpec = {
  options: [{ names: ['-TT', '--unzip-command'], takes: 'one' }, { names: ['-b', '-n', '-t', '-tt', '-O', '-P', '-Z', '-x', '-i', '--temp-path', '--exclude', '--include', '--output-file', '--password', '--compression-method'], takes: 'one' }],
  unknownShort: 'switch',
  unknownLong: 'switch',
};

function zip(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const parsed = parseCommand(args, ZIP_TEST);
  for (const option of parsed.options.filter((o) => o.name === '-TT')) {
    const word = option.valueWords[0];
    if (!word) continue;
    if (word.dynamic) w.addOpaque('zip -TT runs a command computed at run time', w.viaOf(exec));
    else w.analyzeText(option.values[0]!, w.childScope(exec, 'zip -TT'));
  }
  return inv;
}

// ---------------------------------------------------------------------------------------------
// ssh's local programs, Kakoune's %sh{} blocks, Guile's system, bash's `hash -p`

/** `ssh -o ProxyCommand=…`, `-o LocalCommand=…` (with PermitLocalCommand), `-o KnownHostsCommand=…`: programs ssh starts on this machine. */
export function sshLocalCommands(w: Walker, name: string, args: ArgWord[], exec: Exec): void {
  const tool = toolNamed(name);
  if (!tool) return;
  const seen = new Set<string>();
  for (const parsed of readingsOf(args, tool)) {
    for (const option of optionsMatching(parsed, tool, ['-o'])) {
      option.valueWords.forEach((word, n) => {
        const text = option.values[n] ?? word.text;
        const m = /^\s*(ProxyCommand|LocalCommand|KnownHostsCommand)\s*(?:=|\s)\s*([\s\S]*)$/i.exec(text);
        if (!m || /^none$/i.test(m[2]!.trim()) || seen.has(text)) return;
        seen.add(text);
        if (word.dynamic) w.addOpaque(`${name} -o ${m[1]} runs a command computed at run time`, w.viaOf(exec));
        else w.analyzeText(m[2]!.replace(/%[%hnprCdiklLTu]/g, 'x'), w.childScope(exec, `${name} -o ${m[1]}`));
      });
    }
  }
}

/** Credential plugins kubeconfigs name by design (EKS, GKE, AKS, OIDC). */
const KUBE_PLUGINS = /^(aws|aws-iam-authenticator|gke-gcloud-auth-plugin|gcloud|kubelogin|az|doctl|oci|kubectl|kubectl-oidc_login|kubectl-oidc-login|teleport|tsh|pinniped|vault)$/;

/** `kubectl config set-credentials NAME --exec-command=PROG`: every later kubectl call with these credentials runs PROG. */
export function kubeExecCredential(w: Walker, name: string, args: ArgWord[], exec: Exec): void {
  const tool = toolNamed(name);
  if (!tool || !args.some((a) => a.text === 'set-credentials')) return;
  for (const parsed of readingsOf(args, tool)) {
    for (const option of parsed.options.filter((o) => o.name === '--exec-command')) {
      const word = option.valueWords[0];
      const program = option.values[0] ?? '';
      if (!word) continue;
      if (word.dynamic || !KUBE_PLUGINS.test(program.split('/').pop() ?? '')) {
        w.addOpaque(`${name} config set-credentials makes every later kubectl call with these credentials run ${word.dynamic ? 'a program computed at run time' : program}`, w.viaOf(exec));
        return;
      }
    }
  }
}

/** Kakoune: commands in `-e` run `%sh{…}` blocks (also `%sh(…)`, `%sh[…]`, `%sh<…>`) through the shell. */
const KAK: GrammarSpec = { options: [{ names: ['-e', '-E'], takes: 'one' }, { names: ['-c', '-s', '-p', '-f', '-i', '-ui'], takes: 'one' }], unknownShort: 'switch', unknownLong: 'switch' };
const CLOSE: Readonly<Record<string, string>> = ownTable({ '{': '}', '(': ')', '[': ']', '<': '>' });

function kak(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const parsed = parseCommand(args, KAK);
  for (const option of parsed.options.filter((o) => o.name === '-e' || o.name === '-E' || o.name === '-f')) {
    const word = option.valueWords[0];
    const text = option.values[0] ?? '';
    if (!word || !/%sh[{([<]|\bnop\b.*\bsh\b/.test(text) && option.name !== '-f') continue;
    if (word.dynamic) {
      w.addOpaque(`${name} ${option.name} runs editor commands built at run time`, w.viaOf(exec));
      continue;
    }
    if (option.name === '-f') {
      // `kak -f KEYS`: keys typed in normal mode; `!`/`|` there run shell text.
      if (/[!|$]/.test(text)) w.addOpaque(`${name} -f types keys that run shell commands`, w.viaOf(exec));
      continue;
    }
    for (const m of text.matchAll(/%sh([{([<])/g)) {
      const open = m[1]!;
      let depth = 1;
      let i = m.index! + m[0].length;
      const start = i;
      for (; i < text.length && depth > 0; i++) {
        if (text[i] === open) depth++;
        else if (text[i] === CLOSE[open]) depth--;
      }
      w.analyzeText(text.slice(start, depth === 0 ? i - 1 : i), w.childScope(exec, `${name} %sh`));
    }
  }
  return inv;
}

/** Guile: `-c` code and `-e` entry points; `(system "…")` is shell text, `(system* "prog" "arg")` an argv, file calls and computed commands ask. */
const GUILE: GrammarSpec = { options: [{ names: ['-c'], takes: 'one' }, { names: ['-e', '-s', '-l', '-L', '-C', '-x'], takes: 'one' }], unknownShort: 'switch', unknownLong: 'switch' };

export function schemeEscapes(code: string, label: string): Escapes {
  const out = empty();
  for (const m of code.matchAll(/\((system\*?|open-pipe\*?|open-input-pipe|open-output-pipe|delete-file|rmdir|rename-file)\b\s*([^)]*)\)?/g)) {
    const fn = m[1]!;
    const rest = m[2] ?? '';
    const strings = [...rest.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1]!.replace(/\\(.)/g, '$1'));
    const computed = rest.replace(/"(?:[^"\\]|\\.)*"/g, '').replace(/OPEN_READ|OPEN_WRITE/g, '').trim() !== '';
    if (computed || strings.length === 0) out.opaque.push(`${label} runs ${fn} with a value computed at run time`);
    else if (fn === 'delete-file') out.shell.push({ text: `rm -f -- '${strings[0]!.replace(/'/g, `'\\''`)}'`, label });
    else if (fn === 'rmdir') out.shell.push({ text: `rmdir -- '${strings[0]!.replace(/'/g, `'\\''`)}'`, label });
    else if (fn === 'rename-file') out.opaque.push(`${label} renames files`);
    else if (fn === 'system*' || fn === 'open-pipe*') out.shell.push({ text: strings.map((t) => `'${t.replace(/'/g, `'\\''`)}'`).join(' '), label });
    else out.shell.push({ text: strings[0]!, label });
  }
  return out;
}

function guile(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const parsed = parseCommand(args, GUILE);
  for (const option of parsed.options.filter((o) => o.name === '-c')) {
    const word = option.valueWords[0];
    if (!word) continue;
    if (word.dynamic) {
      w.addOpaque(`${name} -c runs code built at run time`, w.viaOf(exec));
      continue;
    }
    const found = schemeEscapes(option.values[0] ?? '', `${name} -c`);
    for (const reason of found.opaque) w.addOpaque(reason, w.viaOf(exec));
    for (const escape of found.shell) w.analyzeText(escape.text, w.childScope(exec, escape.label));
  }
  return inv;
}

/** bash's `hash -p PATH NAME`: NAME then runs PATH, whatever it is called (`hash -p /bin/rm lsx; lsx -rf ~`). */
const HASH: GrammarSpec = { options: [{ names: ['-p'], takes: 'one' }], unknownShort: 'switch', unknownLong: 'switch' };

function hash(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const parsed = parseCommand(args, HASH);
  const program = parsed.options.find((o) => o.name === '-p');
  if (program && parsed.operands.length > 0) {
    const names = parsed.operands.map((o) => o.text).join(', ');
    w.addOpaque(`${name} -p makes ${names} run ${program.values[0] ?? 'another program'}, so later commands by that name cannot be read for what they are`, w.viaOf(exec));
  }
  return inv;
}

/** Each function already has the Handler's shape; the GNU and BSD spellings share one reader. */
export const hiddenExecHandlers: Record<string, Handler> = { sed, gsed: sed, tar, gtar: tar, bsdtar: tar, zip, kak, guile, hash };
