/**
 * What a command prints or writes, when that is fixed text the engine can know before it runs:
 * `echo`/`printf`, `cat` of a file, `base64 -d`/`xxd -r` of such, what a pipe or heredoc feeds a
 * command, and which files a command writes (redirects, `curl -o`, `tee`, `cp`) so a later command
 * that runs them is judged by their content.
 */

import { basename, resolvePath } from '../paths';
import { decodeBase64, decodeEchoEscapes, decodeHex, printfOutput } from '../shell/decode';
import type { StaticText, Walker } from './handlers/context';
import type { CommandList, SimpleCommand } from '../shell/ast';
import type { ArgWord, Invocation, StdinSource } from './types';
import { parsedArgs, toolNamed } from '../registry/commandModel';
import { git } from '../registry/tools/git';
import { hasOption, lastOptionWord, optionValues } from '../registry/grammar';

const unknownContent = (): undefined => undefined;

/** `$(< FILE)` is bash's `$(cat FILE)`: a substitution of one bare input redirect, read as `cat < FILE`. */
export function bareInputRead(list: CommandList): CommandList {
  const command = list.items.length === 1 && list.items[0]!.pipeline.commands.length === 1 ? list.items[0]!.pipeline.commands[0] : undefined;
  if (command?.type !== 'simple' || command.words.length > 0 || command.redirects.length !== 1 || command.redirects[0]!.op !== '<') return list;
  const cat: SimpleCommand = { ...command, words: [{ parts: [{ kind: 'literal', text: 'cat', quoted: false }], raw: 'cat' }] };
  return { items: [{ ...list.items[0]!, pipeline: { ...list.items[0]!.pipeline, commands: [cat] } }] };
}

export function stdinText(w: Walker, stdin: StdinSource, depth: number): StaticText | undefined {
  switch (stdin.kind) {
    case 'heredoc':
      return { text: stdin.text };
    case 'herestring':
      return { text: stdin.text + '\n' };
    case 'file': {
      const text = w.readFile(stdin.path, []);
      return text === undefined ? undefined : { text, path: stdin.path };
    }
    case 'pipe':
      return commandOutput(w, stdin.from, depth + 1);
  }
}

function echoPrintf(name: 'echo' | 'printf', args: readonly ArgWord[]): StaticText | undefined {
  // A glob word prints the names the shell finds (`printf '%s\n' .env*`), not its own text.
  if (args.some((a) => a.dynamic || a.glob)) return undefined;
  if (name === 'echo') {
    let i = 0;
    let newline = true;
    let escapes = false;
    while (i < args.length && /^-[neE]+$/.test(args[i]!.text)) {
      const flags = args[i]!.text;
      if (flags.includes('n')) newline = false;
      if (flags.includes('e')) escapes = true;
      if (flags.includes('E')) escapes = false;
      i++;
    }
    let text = args.slice(i).map((a) => a.text).join(' ');
    let encoding: StaticText['encoding'];
    if (escapes) {
      const decoded = decodeEchoEscapes(text);
      if (decoded.text !== text) encoding = 'printf';
      text = decoded.text;
      if (decoded.stopped) newline = false;
    }
    return encoding ? { text: newline ? text + '\n' : text, encoding } : { text: newline ? text + '\n' : text };
  }
  let i = 0;
  if (args[0]?.text === '-v') return undefined;
  if (args[0]?.text === '--') i = 1;
  const format = args[i];
  if (!format) return undefined;
  const rest = args.slice(i + 1).map((a) => a.text);
  const text = printfOutput(format.text, rest);
  if (text === undefined) return undefined;
  const plain = format.text.includes('\\') && /\\(x[0-9a-fA-F]|[0-7]|u[0-9a-fA-F])/.test(format.text);
  return plain || rest.some((r) => r.includes('\\')) ? { text, encoding: 'printf' } : { text };
}

/** What `inv` writes to stdout, when that is fixed text (echo, printf, cat of a file, base64 -d of such). */
export function commandOutput(w: Walker, inv: Invocation, depth: number): StaticText | undefined {
  if (depth > 8) return undefined;
  const args = inv.args;
  if (args.some((a) => a.dynamic)) return undefined;
  const fromStdin = (): StaticText | undefined => (inv.stdin ? stdinText(w, inv.stdin, depth) : undefined);
  const operands = args.filter((a) => !a.text.startsWith('-') || a.text === '-');
  const input = (): StaticText | undefined => {
    const file = operands[0];
    if (!file || file.text === '-') return fromStdin();
    const path = resolvePath(inv.cwd, file.text, w.facts.home);
    const text = w.readFile(path, []);
    return text === undefined ? undefined : { text, path };
  };
  switch (inv.name) {
    case 'echo':
    case 'printf':
      return echoPrintf(inv.name, args);
    case 'pwd':
      return inv.cwdUncertain ? undefined : { text: inv.cwd + '\n' };
    // `cat $(realpath .env)`, `cat $(dirname ~/.aws/x)/credentials`: resolvers print the path they are given.
    case 'realpath':
    case 'readlink':
    case 'grealpath':
    case 'greadlink':
    case 'dirname':
    case 'basename':
      return resolvedPaths(inv, operands.map((a) => a.text), args.some((a) => /^-[a-zA-Z]*[fem]/.test(a.text) || a.text === '--canonicalize'), w.facts.home);
    case 'cat': {
      if (operands.length === 0) return fromStdin();
      let text = '';
      let path: string | undefined;
      for (const operand of operands) {
        const part = operand.text === '-' ? fromStdin() : input();
        if (!part) return undefined;
        text += part.text;
        path = path ?? part.path;
      }
      return path ? { text, path } : { text };
    }
    case 'base64':
    case 'gbase64':
    case 'basenc': {
      const decode = args.some((a) => a.text === '-d' || a.text === '--decode' || a.text === '-D' || /^-[a-zA-Z]*d/.test(a.text));
      if (!decode) return undefined;
      const source = input();
      const text = source ? decodeBase64(source.text) : undefined;
      return text === undefined ? undefined : { text, encoding: 'base64' };
    }
    case 'openssl': {
      const isBase64 = args.some((a) => a.text === 'base64' || a.text === '-base64' || a.text === '-a');
      const decode = args.some((a) => a.text === '-d');
      if (!isBase64 || !decode) return undefined;
      const inIndex = args.findIndex((a) => a.text === '-in');
      const source = inIndex >= 0 && args[inIndex + 1]
        ? (() => {
            const path = resolvePath(inv.cwd, args[inIndex + 1]!.text, w.facts.home);
            const text = w.readFile(path, []);
            return text === undefined ? undefined : { text };
          })()
        : fromStdin();
      const text = source ? decodeBase64(source.text) : undefined;
      return text === undefined ? undefined : { text, encoding: 'base64' };
    }
    case 'xxd': {
      const reverse = args.some((a) => /^-[a-z]*r/.test(a.text));
      if (!reverse) return undefined;
      const source = input();
      const text = source ? decodeHex(source.text) : undefined;
      return text === undefined ? undefined : { text, encoding: 'hex' };
    }
    case 'jq':
      return jqOutput(w, inv, operands, fromStdin);
    case 'rev': {
      const source = input();
      if (!source) return undefined;
      const text = source.text
        .split('\n')
        .map((line) => [...line].reverse().join(''))
        .join('\n');
      return { text, encoding: source.encoding ?? 'printf' };
    }
    case 'sed':
    case 'gsed': {
      const text = sedOutput(args, fromStdin);
      return text === undefined ? undefined : { text, encoding: 'printf' };
    }
    case 'tr':
    case 'gtr': {
      const text = trOutput(args, fromStdin);
      return text === undefined ? undefined : { text, encoding: 'printf' };
    }
    default:
      return undefined;
  }
}

/** A basic (or, with `extended`, an extended) sed regular expression as JavaScript's; undefined for what is not read here. */
function sedRegex(pattern: string, extended: boolean): string | undefined {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[++i];
      if (n === undefined) return undefined;
      if (!extended && '(){}+?|'.includes(n)) out += n;
      else if (/[.*[\]^$\\/]/.test(n) || (extended && '(){}+?|'.includes(n))) out += '\\' + n;
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += '\\t';
      else return undefined;
    } else if (!extended && '(){}+?|'.includes(c)) out += '\\' + c;
    else out += c;
  }
  return out;
}

/** `sed 's/x/e/'`, `sed -e 's/a/b/g' -e 's/c/d/'`: substitutions only, over fixed input; any other command is not followed. */
function sedOutput(args: readonly ArgWord[], fromStdin: () => StaticText | undefined): string | undefined {
  const scripts: string[] = [];
  let extended = false;
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === '-e' || t === '--expression') scripts.push(args[++i]?.text ?? '');
    else if (t === '-E' || t === '-r' || t === '--regexp-extended') extended = true;
    else if (t.startsWith('-')) return undefined;
    else if (scripts.length === 0) scripts.push(t);
    else return undefined;
  }
  const input = fromStdin()?.text;
  if (scripts.length === 0 || scripts.length > 8 || input === undefined || input.length > 64 * 1024) return undefined;
  let text = input;
  for (const script of scripts.flatMap((x) => x.split(/;\s*/)).filter((x) => x.trim() !== '')) {
    const m = /^\s*s(.)((?:\\.|(?!\1).)*)\1((?:\\.|(?!\1).)*)\1([gI]*)\s*$/.exec(script);
    if (!m) return undefined;
    const source = sedRegex(m[2]!, extended);
    if (source === undefined) return undefined;
    let re: RegExp;
    try {
      re = new RegExp(source, 'm' + (m[4]!.includes('g') ? 'g' : '') + (m[4]!.includes('I') ? 'i' : ''));
    } catch {
      return undefined;
    }
    const replacement = m[3]!.replace(/\$/g, '$$$$').replace(/\\([1-9])/g, '$$$1').replace(/(^|[^\\])&/g, '$1$$&').replace(/\\(.)/g, '$1');
    text = text.split('\n').map((line) => line.replace(re, replacement)).join('\n');
  }
  return text;
}

/** A `tr` set written out: ranges (`a-y`), the usual classes and escapes; undefined for what is not read here. */
function trSet(set: string): string | undefined {
  const classes: Record<string, string> = { lower: 'abcdefghijklmnopqrstuvwxyz', upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', digit: '0123456789', space: ' \t\n\r\f\v', blank: ' \t' };
  let text = set.replace(/\[:(\w+):\]/g, (m, name: string) => classes[name] ?? m);
  if (/\[[:=]/.test(text)) return undefined;
  text = text.replace(/\\(n|t|r|\\|[0-7]{1,3})/g, (_m, e: string) => (e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === '\\' ? '\\' : String.fromCharCode(parseInt(e, 8))));
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const from = text.charCodeAt(i);
    if (text[i + 1] === '-' && i + 2 < text.length) {
      const to = text.charCodeAt(i + 2);
      if (to < from || to - from > 256) return undefined;
      for (let c = from; c <= to; c++) out += String.fromCharCode(c);
      i += 2;
    } else out += text[i];
  }
  return out.length <= 1024 ? out : undefined;
}

/** `tr x b <<< .xlast-shield`, `tr -d ' '`, `tr a-y b-z`: what tr makes of fixed input (`-c` and other options are not followed). */
function trOutput(args: readonly ArgWord[], fromStdin: () => StaticText | undefined): string | undefined {
  let i = 0;
  let del = false;
  let squeeze = false;
  for (; i < args.length && /^-[ds]+$/.test(args[i]!.text); i++) {
    if (args[i]!.text.includes('d')) del = true;
    if (args[i]!.text.includes('s')) squeeze = true;
  }
  const sets = args.slice(i).map((a) => a.text);
  if (args.slice(i).some((a) => a.text.startsWith('-') && a.text.length > 1) || sets.length === 0 || sets.length > 2 || (del && sets.length !== 1) || (!del && !squeeze && sets.length !== 2)) return undefined;
  const one = trSet(sets[0]!);
  const two = sets[1] === undefined ? undefined : trSet(sets[1]);
  const input = fromStdin()?.text;
  if (one === undefined || (sets[1] !== undefined && two === undefined) || input === undefined || input.length > 64 * 1024) return undefined;
  let out = '';
  for (const ch of input) {
    const at = one.indexOf(ch);
    if (at < 0) out += ch;
    else if (del) continue;
    else out += two === undefined ? ch : two[Math.min(at, two.length - 1)] ?? '';
  }
  if (squeeze) {
    const last = del ? two : two ?? one;
    if (last !== undefined) out = out.replace(/(.)\1+/g, (m, c: string) => (last.includes(c) ? c : m));
  }
  return out;
}

/** jq's switches that change only how raw output looks; any other option (`--arg n v`) leaves the output unknown. */
const JQ_PLAIN = /^-([rcjMSa]+|-raw-output|-compact-output|-join-output|-monochrome-output|-sort-keys)$/;

/** `jq -r '.paths[]' f.json`: a plain path filter over a JSON file (or fixed input), printed raw. */
function jqOutput(w: Walker, inv: Invocation, operands: readonly ArgWord[], fromStdin: () => StaticText | undefined): StaticText | undefined {
  const [filter, file] = operands;
  const options = inv.args.filter((a) => !operands.includes(a));
  if (!filter || operands.length > 2 || !options.some((a) => /^-[a-zA-Z]*r[a-zA-Z]*$|^--raw-output$/.test(a.text)) || !options.every((a) => JQ_PLAIN.test(a.text))) return undefined;
  if (!/^(\.[A-Za-z_]\w*|\.?\[\d*\]|\.)+$/.test(filter.text)) return undefined;
  const source = file ? w.readFile(resolvePath(inv.cwd, file.text, w.facts.home), []) : fromStdin()?.text;
  if (source === undefined || source.length > 64 * 1024) return undefined;
  let values: unknown[];
  try {
    values = [JSON.parse(source)];
  } catch {
    return undefined;
  }
  for (const step of filter.text.match(/\.[A-Za-z_]\w*|\[\d*\]/g) ?? []) {
    values = values.flatMap((v): unknown[] => {
      if (step.startsWith('.')) return v !== null && typeof v === 'object' && !Array.isArray(v) ? [(v as Record<string, unknown>)[step.slice(1)]] : [];
      if (step === '[]') return Array.isArray(v) ? v : v !== null && typeof v === 'object' ? Object.values(v) : [];
      return Array.isArray(v) ? [v[Number(step.slice(1, -1))]] : [];
    });
  }
  // Only file names come out known (`.env.production`, `config/x.json`): any other value, a token read
  // from a file above all, stays a run-time value, so it is never spelled into the analysis.
  if (values.length === 0 || !values.every((v) => typeof v === 'string' && /^[\w.~/-]{1,200}$/.test(v) && /[./]/.test(v) && !/^[\d.]+$/.test(v))) return undefined;
  return { text: values.join('\n') + '\n' };
}

export function recordWrites(w: Walker, inv: Invocation): void {
  for (const redirect of inv.redirects) {
    const op = redirect.op;
    if (op !== '>' && op !== '>>' && op !== '>|' && op !== '&>' && op !== '&>>') continue;
    const stdout = redirect.fd === undefined || redirect.fd === 1;
    const text = (): string | undefined => (!stdout ? undefined : inv.name === ':' ? '' : commandOutput(w, inv, 0)?.text);
    w.recordWrite(inv, redirect.target, text, op === '>>' || op === '&>>');
  }
  const args = inv.args;
  switch (inv.name) {
    case 'curl':
    case 'wget': {
      // Read by the registry's grammar: `-so /tmp/x` is `-s -o /tmp/x`, `--output=x`, `-O` names the file after the URL.
      const spec = toolNamed(inv.name)!;
      const parsed = parsedArgs(args, spec);
      const output = lastOptionWord(parsed, spec, inv.name === 'curl' ? ['-o'] : ['-O']);
      if (output) w.recordWrite(inv, output, unknownContent);
      const remoteNamed = inv.name === 'wget' ? !output : hasOption(parsed, spec, ['-O', '--remote-name-all']);
      if (!remoteNamed) break;
      const folder = inv.name === 'curl' ? optionValues(parsed, spec, ['--output-dir']).pop() : optionValues(parsed, spec, ['-P']).pop();
      for (const url of [...parsed.operands, ...optionValues(parsed, spec, ['--url']).map((text) => ({ text, raw: text, dynamic: false, glob: false }))]) {
        if (!/^[a-z]+:\/\//i.test(url.text)) continue;
        const name = basename(url.text.replace(/[?#].*$/, ''));
        if (name) w.recordWrite(inv, { text: folder !== undefined ? `${folder.replace(/\/+$/, '')}/${name}` : name, raw: name, dynamic: false, glob: false }, unknownContent);
      }
      break;
    }
    case 'git': {
      // `git clone URL [dir]` (round 8): every file below the new folder is what the remote served, read by nobody.
      const parsed = parsedArgs(args, git);
      if (parsed.path[0] !== 'clone') break;
      const [repo, dir] = parsed.operands;
      const name = dir?.text ?? (repo !== undefined && !repo.dynamic ? basename(repo.text.replace(/[?#].*$/, '').replace(/\/+$/, '')).replace(/\.git$/, '') : undefined);
      if (name) w.recordWrittenTree(inv, { text: name, raw: name, dynamic: dir?.dynamic ?? false, glob: false }, repo !== undefined && !repo.dynamic ? repo.text : undefined);
      break;
    }
    case 'tee': {
      const stdin = inv.stdin;
      const text = (): string | undefined => (stdin ? stdinText(w, stdin, 0)?.text : undefined);
      const append = args.some((a) => a.text === '-a' || a.text === '--append');
      for (const a of args) if (!a.text.startsWith('-')) w.recordWrite(inv, a, text, append);
      break;
    }
    case 'cp':
    case 'mv':
    case 'install':
    case 'ln': {
      const operands = args.filter((a) => !a.text.startsWith('-'));
      const dest = operands[operands.length - 1];
      if (operands.length < 2 || !dest) break;
      w.recordWrite(inv, dest, unknownContent);
      for (const source of operands.slice(0, -1)) {
        if (source.dynamic || dest.dynamic) continue;
        const name = basename(source.text);
        w.recordWrite(inv, { ...dest, text: dest.text.replace(/\/+$/, '') + '/' + name }, unknownContent);
      }
      break;
    }
    default:
      break;
  }
}

/** What a path resolver prints for fixed operands; undefined for a plain `readlink` (the link's target) or an unknown folder. */
function resolvedPaths(inv: Invocation, operands: readonly string[], canonical: boolean, home: string): StaticText | undefined {
  if (operands.length === 0 || operands.some((o) => /[*?[]/.test(o))) return undefined;
  const name = inv.name.replace(/^g(?=real|read)/, '');
  if (name === 'readlink' && !canonical) return undefined;
  if (name === 'basename') return { text: operands[0]!.replace(/\/+$/, '').replace(/^.*\//, '') + '\n' };
  const relative = operands.some((o) => !o.startsWith('/') && !o.startsWith('~'));
  if (relative && inv.cwdUncertain) return undefined;
  const paths = operands.map((o) => (o.startsWith('~') && !/^~(\/|$)/.test(o) ? undefined : name === 'dirname' ? dirnameOf(o.startsWith('~') ? home + o.slice(1) : o) : resolvePath(inv.cwd, o, home)));
  return paths.some((p) => p === undefined) ? undefined : { text: paths.join('\n') + '\n' };
}

function dirnameOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  const at = trimmed.lastIndexOf('/');
  return at < 0 ? '.' : at === 0 ? '/' : trimmed.slice(0, at).replace(/\/+$/, '') || '/';
}
