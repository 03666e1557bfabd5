import { ownTable } from '../../ownTable';
import { resolvePath } from '../../paths';
import type { ArgWord, CodeSnippet, Finding, Invocation, RuleContext } from '../../policy/types';
import { readFinding } from '../credentials';
import { infoFor, pathsOfWord } from './credentialPaths';

/**
 * Interpreters that reach a credential file without naming it where a reader would: a file handed to
 * one-line code as an argument (`python3 -c "…open(sys.argv[1])…" settings.py`, `node -e … .env`),
 * a module run over a file (`python3 -m json.tool backup.json`, `python3 -m base64 .env`), and a
 * Python import of a settings module that holds a secret (`python3 -c 'import settings;
 * print(settings.SECRET_KEY)'`), as `require('./config.js')` is for node.
 */

/** Options that take the program text (the words after it are the program's arguments), per interpreter. */
const CODE_OPTIONS: Readonly<Record<string, readonly string[]>> = ownTable({
  python: ['-c'], python2: ['-c'], python3: ['-c'], pypy: ['-c'], pypy3: ['-c'],
  node: ['-e', '--eval', '-p', '--print'], nodejs: ['-e', '--eval', '-p', '--print'], bun: ['-e', '--eval', '-p', '--print'],
  deno: ['eval'], ruby: ['-e'], php: ['-r'], lua: ['-e'], Rscript: ['-e'],
});

const PYTHONS = new Set(['python', 'python2', 'python3', 'pypy', 'pypy3']);

/** The words after the program text (or after `-m MODULE`): what the code receives in its argv. */
function programArguments(inv: Invocation): { words: ArgWord[]; how: string } | undefined {
  const codeOptions = CODE_OPTIONS[inv.name];
  if (!codeOptions) return undefined;
  for (let i = 0; i < inv.args.length; i++) {
    const t = (inv.args[i] as ArgWord).text;
    if (codeOptions.includes(t)) return { words: inv.args.slice(i + 2), how: `${inv.name} ${t} (code handed the file as an argument)` };
    // `python3 - .env <<< 'code'`: the program comes on stdin, the words after `-` are its argv.
    if (t === '-' && inv.name !== 'deno') return { words: inv.args.slice(i + 1), how: `${inv.name} - (code on stdin handed the file as an argument)` };
    if (PYTHONS.has(inv.name) && t === '-m') return { words: inv.args.slice(i + 2), how: `${inv.name} -m ${inv.args[i + 1]?.text ?? ''} (a module run over the file)`.replace(/ +\(/, ' (') };
    if (!t.startsWith('-')) return undefined;
  }
  return undefined;
}

export function checkInterpreterOperands(inv: Invocation, ctx: RuleContext): Finding[] {
  const given = programArguments(inv);
  if (!given) return [];
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const out: Finding[] = [];
  for (const w of given.words) {
    if (w.text.startsWith('-')) continue;
    for (const p of pathsOfWord(w, cwd, facts)) {
      const info = infoFor(p, facts);
      if (info && !out.some((f) => f.targets[0]?.name === info.path)) out.push(readFinding('reads', info, given.how));
    }
  }
  return out;
}

/** `import a.b`, `from a.b import c, d`, `importlib.import_module('a.b')`: the dotted names a Python snippet loads. */
function pythonModules(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/(?:^|[;\n])\s*import\s+([\w.]+(?:\s*,\s*[\w.]+)*)/g)) names.push(...(m[1] ?? '').split(/\s*,\s*/));
  for (const m of text.matchAll(/(?:^|[;\n])\s*from\s+([\w.]+)\s+import\s+([\w\s,()*]+)/g)) {
    const base = m[1] ?? '';
    names.push(base);
    for (const leaf of (m[2] ?? '').replace(/[()]/g, '').split(/\s*,\s*/)) if (/^\w+$/.test(leaf.trim())) names.push(`${base}.${leaf.trim()}`);
  }
  for (const m of text.matchAll(/import_module\(\s*['"]([\w.]+)['"]/g)) names.push(m[1] ?? '');
  return names.filter((n) => n !== '' && !n.startsWith('.')).slice(0, 32);
}

export function checkPythonImports(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (snippet.language !== 'python') return [];
  const facts = ctx.facts;
  const cwd = snippet.runner.cwd || facts.cwd;
  const out: Finding[] = [];
  for (const name of pythonModules(snippet.text)) {
    const rel = name.replace(/\./g, '/');
    for (const candidate of [`${rel}.py`, `${rel}/__init__.py`]) {
      const info = infoFor(resolvePath(cwd, candidate, facts.home), facts);
      if (info && !out.some((f) => f.targets[0]?.name === info.path)) out.push(readFinding('imports', info, `A python snippet run by ${snippet.runner.name}`));
    }
  }
  return out;
}
