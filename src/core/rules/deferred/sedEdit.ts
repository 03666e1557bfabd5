import { resolvePath } from '../../paths';
import { grammarOf, has, readEffectArgs } from '../../policy/effectOptions';
import { effectsOf } from '../../policy/effects';
import type { Facts, Invocation } from '../../policy/types';
import { escapeRegExp } from '../../regexText';

/**
 * The text `sed -i 's/a/b/'` leaves in a file, when the file can be read and the script is one plain
 * substitution: `sed -i 's/"vitest run"/"vitest run; rm -rf uploads"/' package.json` then puts its
 * command into the package scripts as surely as an editor would. Anything sed could read another way
 * (several commands, addresses, `e`/`w` flags, back-references in the pattern) is left unknown.
 */

export interface SedWrite {
  path: string;
  text: string;
}

/** A POSIX basic or extended pattern as a JavaScript one, for the plain cases. */
function toRegExp(pattern: string, extended: boolean, flags: string): RegExp | undefined {
  if (/\\[1-9]/.test(pattern)) return undefined;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i]!;
      if (!extended && '(){}+?|'.includes(n)) out += n;
      else if ('ntsSwWdbB'.includes(n)) out += '\\' + n;
      else out += '\\' + n.replace(/[^\w]/, (x) => x);
      continue;
    }
    if (!extended && '(){}+?|'.includes(c)) out += '\\' + c;
    else out += c;
  }
  try {
    return new RegExp(out, flags.includes('g') ? 'gm' : 'm');
  } catch {
    return undefined;
  }
}

function toReplacement(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\' && i + 1 < replacement.length) {
      const n = replacement[++i]!;
      out += /[1-9]/.test(n) ? '$' + n : n === 'n' ? '\n' : n === '&' ? '&' : n;
    } else if (c === '&') out += '$&';
    else if (c === '$') out += '$$';
    else out += c;
  }
  return out;
}

export function sedInPlaceWrites(inv: Invocation, facts: Facts, cwd: string, wantInPlace = true): SedWrite[] {
  if (inv.name !== 'sed') return [];
  const words = inv.args;
  let inPlace = false;
  let extended = false;
  const scripts: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.dynamic) return [];
    const t = w.text;
    if (t === '-e' || t === '--expression') scripts.push(words[++i]?.text ?? '');
    else if (t.startsWith('--expression=')) scripts.push(t.slice(13));
    else if (t === '-E' || t === '-r' || t === '--regexp-extended') extended = true;
    else if (t.startsWith('-i') || t.startsWith('--in-place')) inPlace = true;
    else if (/^-[nsuz]+$/.test(t)) continue;
    else if (t === '-f' || t.startsWith('-')) return [];
    else if (scripts.length === 0 && files.length === 0 && !words.slice(0, i).some((x) => x.text === '-e')) scripts.push(t);
    else files.push(t);
  }
  if (inPlace !== wantInPlace || scripts.length !== 1 || files.length === 0) return [];
  return inserted(scripts[0]!, files, facts, cwd) ?? deleted(scripts[0]!, extended, files, facts, cwd) ?? substituted(scripts[0]!, extended, files, facts, cwd);
}

/** What `sed SCRIPT FILE` prints (no `-i`), for one plain script over one file: written by a redirect (`> p.json`), it is that file's new text. */
export function sedStreamText(inv: Invocation, facts: Facts, cwd: string): SedWrite | undefined {
  const edits = sedInPlaceWrites(inv, facts, cwd, false);
  return edits.length === 1 ? edits[0] : undefined;
}

/** `sed -i '/^\.env/d' .gitignore`: the lines a one-pattern delete leaves (the pattern read as above). */
function deleted(script: string, extended: boolean, files: readonly string[], facts: Facts, cwd: string): SedWrite[] | undefined {
  const m = /^\s*\/((?:[^/\\]|\\.)*)\/(I?)\s*d\s*;?\s*$/.exec(script);
  if (!m) return undefined;
  const re = toRegExp(m[1]!, extended, '');
  if (!re) return undefined;
  const test = new RegExp(re.source, m[2] === 'I' ? 'i' : '');
  return files.map((f) => {
    const path = resolvePath(cwd, f, facts.home);
    return { path, text: (facts.readFile(path) ?? '').split('\n').filter((line) => !test.test(line)).join('\n') };
  });
}

/** GNU sed's one-line `1i text`, `$a text`, `/re/c text`: the text lands in the file (judged with what is there). */
function inserted(script: string, files: readonly string[], facts: Facts, cwd: string): SedWrite[] | undefined {
  const m = /^\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/)?\s*([iac])\s*\\?\s?([\s\S]+)$/.exec(script);
  if (!m || /^\s*s\W/.test(script)) return undefined;
  // GNU sed processes escapes in the text (round 14: `$a\\tcurl …` appends a tab-indented Makefile recipe).
  const line = m[2]!.replace(/\\([nt\\])/g, (_e, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
  return files.map((f) => {
    const path = resolvePath(cwd, f, facts.home);
    const text = facts.readFile(path) ?? '';
    return { path, text: m[1] === 'a' ? `${text}\n${line}\n` : `${line}\n${text}` };
  });
}

/**
 * `perl -pi -e 's/"lint": "eslint ."/"lint": "git clean -fdx"/' package.json`: the same plain
 * substitution, Perl's patterns read as extended ones.
 */
export function perlInPlaceWrites(inv: Invocation, facts: Facts, cwd: string): SedWrite[] {
  if (inv.name !== 'perl' || inv.args.some((a) => a.dynamic)) return [];
  const effects = effectsOf(inv);
  const code = effects.filter((e) => e.kind === 'code').map((e) => e.word.text);
  const files = effects.filter((e) => e.kind === 'write').map((e) => e.word.text);
  if (code.length !== 1 || files.length === 0 || !has(readEffectArgs(inv.args, grammarOf('perl')), 'p')) return [];
  return substituted(code[0]!.replace(/;\s*$/, ''), true, files, facts, cwd);
}

function substituted(script: string, extended: boolean, files: readonly string[], facts: Facts, cwd: string): SedWrite[] {
  const m = /^s(.)(.*)$/s.exec(script.trim());
  if (!m) return [];
  const d = m[1]!;
  const parts: string[] = [];
  let cur = '';
  const body = m[2]!;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && body[i + 1] === d) {
      cur += d === '/' ? '\\/' : d;
      i++;
    } else if (c === '\\') {
      cur += c + (body[++i] ?? '');
    } else if (c === d) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  if (parts.length !== 3 || !/^[gI0-9]*$/.test(parts[2]!)) return [];
  const re = toRegExp(parts[0]!, extended, parts[2]!);
  if (!re) return [];
  const out: SedWrite[] = [];
  for (const f of files) {
    const path = resolvePath(cwd, f, facts.home);
    const text = facts.readFile(path);
    if (text === undefined) continue;
    const after = text.replace(re, toReplacement(parts[1]!));
    // A pattern that matches nothing now may match what the file holds when the edit runs: the replacement is judged as added.
    out.push({ path, text: after === text && parts[1]!.trim() !== '' ? `${text}\n${toReplacement(parts[1]!).replace(/\$[&\d]/g, '')}\n` : after });
  }
  return out;
}

/**
 * `sd 'privileged: false' 'privileged: true' k8s/api.yaml`: sd replaces every match of a regular expression
 * (`-F`: a literal) in its files, in place unless `-p`; the replacement's `$1`/`${name}` are its groups.
 */
export function sdInPlaceWrites(inv: Invocation, facts: Facts, cwd: string): SedWrite[] {
  if (inv.name !== 'sd' || inv.args.some((a) => a.dynamic)) return [];
  const read = readEffectArgs(inv.args, grammarOf('sd'));
  const [find, replace, ...files] = read.operands.map((w) => w.text);
  if (find === undefined || replace === undefined || files.length === 0 || has(read, 'p', 'preview')) return [];
  const flags = read.options.filter((o) => o.name === 'f' || o.name === 'flags').map((o) => o.value?.text ?? '').join('');
  let re: RegExp;
  try {
    re = new RegExp(has(read, 'F', 'fixed-strings') ? escapeRegExp(find) : find, `g${flags.includes('m') ? 'm' : ''}${flags.includes('i') ? 'i' : ''}${flags.includes('s') ? 's' : ''}`);
  } catch {
    return [];
  }
  const out: SedWrite[] = [];
  for (const f of files) {
    const path = resolvePath(cwd, f, facts.home);
    const text = facts.readFile(path);
    if (text === undefined) continue;
    const after = text.replace(re, has(read, 'F', 'fixed-strings') ? replace.replace(/\$/g, '$$$$') : replace);
    // As with sed: a pattern that matches nothing now may match when the edit runs; the replacement is judged as added.
    out.push({ path, text: after === text ? `${text}\n${replace}\n` : after });
  }
  return out;
}

/**
 * `hcledit attribute set resource.aws_db_instance.main.deletion_protection false -f main.tf -u`: the
 * attribute line it writes (`set`, `append`, `replace ADDRESS NAME VALUE`) lands in the file, judged with what is there.
 */
export function hcleditWrites(inv: Invocation, facts: Facts, cwd: string): SedWrite[] {
  if (inv.name !== 'hcledit' || inv.args.some((a) => a.dynamic)) return [];
  const read = readEffectArgs(inv.args, grammarOf('hcledit'));
  const [noun, verb, address, a, b] = read.operands.map((w) => w.text);
  if (noun !== 'attribute' || address === undefined || !has(read, 'u', 'update')) return [];
  const [name, value] = verb === 'set' || verb === 'append' ? [address.split('.').pop()!, a] : verb === 'replace' ? [a, b] : [undefined, undefined];
  if (name === undefined || value === undefined) return [];
  return read.options.filter((o) => (o.name === 'f' || o.name === 'file') && o.value !== undefined && o.value.text !== '-').map((o) => {
    const path = resolvePath(cwd, o.value!.text, facts.home);
    return { path, text: `${facts.readFile(path) ?? ''}\n${name} = ${value}\n` };
  });
}
