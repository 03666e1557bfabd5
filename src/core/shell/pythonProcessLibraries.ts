/**
 * Python libraries that run a program the way `subprocess` does, read as the command they run:
 * `sh` (`sh.kubectl('delete', 'ns', 'x')`, `sh.git.push(...)`, `from sh import rm`, `sh.Command('x')(…)`,
 * `.bake(…)`), plumbum (`local['kubectl']['delete', 'ns', 'x']()`, `from plumbum.cmd import rm`),
 * and the ones given a command line (`invoke.run('…')`, fabric's and invoke's `c.run/sudo/local('…')`,
 * `pexpect.spawn('…')`/`pexpect.run`, `delegator.run`/`chain`, `envoy.run`). Literal words are read;
 * another word is a run-time word, and a command line that is no literal is computed (the engine asks).
 */

import { DYNAMIC_WORD, type ShellOut } from './embedded';

/** The top-level pieces of a call's or subscript's argument text, split at commas outside quotes and brackets. */
function pieces(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      out.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(body.slice(start).trim());
  return out.filter((p) => p !== '');
}

const literal = (t: string): string | undefined => /^[rbu]?(['"])(.*)\1$/s.exec(t)?.[2];

/** Arguments as argv words: literals as they are, sh's `flag=True`/`key='v'` as options, `_special=` ignored, others run-time words. */
function argWords(body: string): string[] {
  const words: string[] = [];
  for (const p of pieces(body)) {
    const kw = /^([A-Za-z_]\w*)\s*=(?!=)\s*(.*)$/s.exec(p);
    if (kw) {
      if (kw[1]!.startsWith('_')) continue;
      const flag = (kw[1]!.length === 1 ? '-' : '--') + kw[1]!.replace(/_/g, '-');
      const value = literal(kw[2]!);
      words.push(kw[2] === 'True' ? flag : value !== undefined ? `${flag}=${value}` : DYNAMIC_WORD);
      continue;
    }
    const star = /^\*\s*(\[.*\]|\(.*\))$/s.exec(p);
    if (star) words.push(...argWords(star[1]!.slice(1, -1)));
    else words.push(literal(p) ?? DYNAMIC_WORD);
  }
  return words;
}

/** The text between the bracket at `open` and its partner (quotes skipped); undefined when unbalanced. */
function bracketed(code: string, open: number): { body: string; end: number } | undefined {
  const close = code[open] === '(' ? ')' : ']';
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < code.length; i++) {
    const ch = code[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === code[open]) depth++;
    else if (ch === close && --depth === 0) return { body: code.slice(open + 1, i), end: i + 1 };
  }
  return undefined;
}

const SH_OWN = new Set(['Command', 'ErrorReturnCode', 'CommandNotFound', 'RunningCommand', 'SignalException', 'TimeoutException', 'contrib', 'glob', 'cd', 'pushd', 'bake']);

/** The words a chain after a program adds: `.sub` (sh only), `.bake(…)`, `(…)` calls, `[…]` subscripts (plumbum). */
function chainWords(code: string, at: number, sh: boolean): string[] {
  const words: string[] = [];
  let i = at;
  for (let guard = 0; guard < 16; guard++) {
    while (code[i] === ' ') i++;
    const attr = /^\.\s*([A-Za-z_]\w*)/.exec(code.slice(i));
    if (attr && sh) {
      if (attr[1] !== 'bake') words.push(attr[1]!.replace(/_/g, '-'));
      i += attr[0].length;
      continue;
    }
    if (code[i] !== '(' && code[i] !== '[') break;
    const group = bracketed(code, i);
    if (!group) return [...words, DYNAMIC_WORD];
    words.push(...argWords(group.body));
    i = group.end;
  }
  return words;
}

const names = (list: string): string[] => list.replace(/[()]/g, '').split(',').map((p) => p.trim().split(/\s+as\s+/).at(-1)!).filter((n) => /^\w+$/.test(n));

/** sh's and plumbum's commands as argv. */
function programCalls(code: string, out: ShellOut[]): void {
  const shModules = [...code.matchAll(/\bimport\s+sh(?:\s+as\s+(\w+))?\b/g)].map((m) => m[1] ?? 'sh');
  for (const mod of shModules) {
    for (const m of code.matchAll(new RegExp(`(?<![\\w.])${mod}\\s*\\.\\s*([A-Za-z_]\\w*)`, 'g'))) {
      const start = m.index + m[0].length;
      if (m[1] === 'Command') {
        const named = code[start] === '(' ? bracketed(code, start) : undefined;
        const program = named && literal(named.body.trim());
        if (named) out.push(program !== undefined ? { kind: 'argv', api: 'sh.Command', argv: [program, ...chainWords(code, named.end, true)] } : { kind: 'dynamic', api: 'sh.Command' });
      } else if (!SH_OWN.has(m[1]!)) out.push({ kind: 'argv', api: 'sh', argv: [m[1]!.replace(/_/g, '-'), ...chainWords(code, start, true)] });
    }
  }
  const imported = (from: RegExp, sh: boolean, api: string): void => {
    for (const m of code.matchAll(from)) {
      for (const name of names(m[1]!)) {
        for (const c of code.matchAll(new RegExp(`(?<![\\w.])${name}(?=\\s*[.([])`, 'g'))) {
          if (code.slice(Math.max(0, c.index - 8), c.index).includes('import')) continue;
          const original = new RegExp(`\\b(\\w+)\\s+as\\s+${name}\\b`).exec(m[1]!)?.[1] ?? name;
          out.push({ kind: 'argv', api, argv: [original.replace(/_/g, '-'), ...chainWords(code, c.index + c[0].length, sh)] });
        }
      }
    }
  };
  imported(/\bfrom\s+sh\s+import\s+([^\n;]+)/g, true, 'sh');
  imported(/\bfrom\s+plumbum\.cmd\s+import\s+([^\n;]+)/g, false, 'plumbum.cmd');
  if (!/\bplumbum\b/.test(code)) return;
  for (const m of code.matchAll(/(?<![\w.])(?:local|plumbum\s*\.\s*local)\s*(?:\[|\.\s*get\s*\()/g)) {
    const group = bracketed(code, m.index + m[0].length - 1);
    const program = group && literal(group.body.trim());
    if (group && program !== undefined) out.push({ kind: 'argv', api: 'plumbum.local', argv: [program, ...chainWords(code, group.end, false)] });
    else out.push({ kind: 'dynamic', api: 'plumbum.local' });
  }
}

/** Calls given a command line: the library's own function, or (invoke, fabric) a context's `.run/.sudo/.local`. */
function lineCalls(code: string, out: ShellOut[]): void {
  const libs = [['invoke', 'run|sudo'], ['delegator', 'run|chain'], ['envoy', 'run'], ['pexpect', 'spawn|spawnu|run|runu|popen_spawn\\s*\\.\\s*PopenSpawn'], ['fabric', 'run|sudo|local']] as const;
  const calls: { at: number; api: string; strict: boolean }[] = [];
  for (const [lib, fns] of libs) {
    if (!new RegExp(`\\b(?:import|from)\\s+${lib}\\b`).test(code)) continue;
    for (const m of code.matchAll(new RegExp(`(?<![\\w.])${lib}\\s*\\.\\s*(${fns})\\s*\\(`, 'g'))) calls.push({ at: m.index + m[0].length - 1, api: `${lib}.${m[1]}`, strict: true });
    for (const m of code.matchAll(new RegExp(`\\bfrom\\s+${lib}(?:\\.\\w+)*\\s+import\\s+([^\\n;]+)`, 'g'))) {
      for (const name of names(m[1]!).filter((n) => new RegExp(`^(?:${fns})$`).test(n) || n === 'PopenSpawn')) {
        for (const c of code.matchAll(new RegExp(`(?<![\\w.])${name}\\s*\\(`, 'g'))) calls.push({ at: c.index + c[0].length - 1, api: `${lib}.${name}`, strict: true });
      }
    }
    // invoke's and fabric's `c.run('…')` on a context or connection: only a literal command line is read here.
    if (lib === 'invoke' || lib === 'fabric') for (const m of code.matchAll(/(?<=[\w)\]]\s*)\.\s*(run|sudo|local)\s*\(/g)) calls.push({ at: m.index + m[0].length - 1, api: `${lib} .${m[1]}`, strict: false });
  }
  const seen = new Set<number>();
  for (const call of calls) {
    if (seen.has(call.at)) continue;
    seen.add(call.at);
    const group = bracketed(code, call.at);
    const args = group ? pieces(group.body) : [];
    const line = args[0] !== undefined ? literal(args[0]) : undefined;
    const list = args[1] !== undefined && /^(args\s*=\s*)?\[/.test(args[1]) ? argWords(args[1].replace(/^args\s*=\s*/, '').slice(1, -1)) : undefined;
    if (line !== undefined && list !== undefined && call.api.startsWith('pexpect')) out.push({ kind: 'argv', api: call.api, argv: [line, ...list] });
    else if (line !== undefined) out.push({ kind: 'shell', api: call.api, text: line });
    else if (call.strict || (args[0] !== undefined && !args[0].startsWith('['))) out.push({ kind: 'dynamic', api: call.api });
  }
}

/** Every command a Python process library in `code` runs. */
export function pythonProcessLibraries(code: string): ShellOut[] {
  const out: ShellOut[] = [];
  if (/\b(?:import\s+sh\b|from\s+sh\s+import|plumbum)/.test(code)) programCalls(code, out);
  if (/\b(?:invoke|fabric|pexpect|delegator|envoy)\b/.test(code)) lineCalls(code, out);
  return out;
}
