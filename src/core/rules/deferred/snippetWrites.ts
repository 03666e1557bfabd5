import { resolvePath } from '../../paths';
import type { CodeSnippet, Facts } from '../../policy/types';

/**
 * Files an interpreter snippet writes with literal text (`python3 -c "open('Makefile','a').write('…')"`,
 * `node -e "fs.appendFileSync('Makefile', '…')"`, `Path('x').write_text('…')`, PHP `file_put_contents`):
 * the deferred pack judges that text as it judges `printf '…' >> Makefile` (round 8). Only the text
 * written is returned (an append adds it to what was there, which ran before); a write whose text is
 * not a literal is left to the perimeter's runtime-code rules.
 */

export interface SnippetWrite {
  path: string;
  text: string;
}

const QUOTED = String.raw`(['"\x60])((?:\\.|(?!\1)[^\\])*)\1`;

/** Python `open(P, 'a'|'w')` followed by `.write(T)` (chained or through `with … as f`). */
const PY_OPEN = new RegExp(String.raw`\bopen\(\s*` + QUOTED + String.raw`\s*,\s*(['"])[aw][bt+]*\3\s*\)`, 'g');
const PY_WRITE = new RegExp(String.raw`\.write\(\s*` + QUOTED, 'g');
const PY_PATH = new RegExp(String.raw`\bPath\(\s*` + QUOTED + String.raw`\s*\)\s*\.write_text\(\s*` + QUOTED.replace('\\1', '\\3'), 'g');
const JS_WRITE = new RegExp(String.raw`\b(?:appendFileSync|writeFileSync|appendFile|writeFile)\(\s*` + QUOTED + String.raw`\s*,\s*` + QUOTED.replace('\\1', '\\3'), 'g');
const PHP_PUT = new RegExp(String.raw`\bfile_put_contents\(\s*` + QUOTED + String.raw`\s*,\s*` + QUOTED.replace('\\1', '\\3'), 'g');

function unescape(text: string): string {
  return text.replace(/\\(n|t|r|\\|'|"|`)/g, (_m, e: string) => (e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e));
}

export function snippetWrites(snippet: CodeSnippet, facts: Facts): SnippetWrite[] {
  const text = snippet.text.length > 100_000 ? snippet.text.slice(0, 100_000) : snippet.text;
  const cwd = snippet.runner.cwd || facts.cwd;
  const out: SnippetWrite[] = [];
  const add = (path: string, written: string): void => {
    if (out.length < 8 && path !== '' && !path.includes('{')) out.push({ path: resolvePath(cwd, unescape(path), facts.home), text: unescape(written) });
  };
  if (snippet.language === 'python') {
    for (const m of text.matchAll(PY_OPEN)) {
      PY_WRITE.lastIndex = (m.index ?? 0) + m[0].length;
      const w = PY_WRITE.exec(text);
      if (w && w.index - PY_WRITE.lastIndex + w[0].length < 400) add(m[2] ?? '', w[2] ?? '');
    }
    for (const m of text.matchAll(PY_PATH)) add(m[2] ?? '', m[4] ?? '');
  } else if (snippet.language === 'javascript') {
    for (const m of text.matchAll(JS_WRITE)) add(m[2] ?? '', m[4] ?? '');
  } else if (snippet.language === 'php') {
    for (const m of text.matchAll(PHP_PUT)) add(m[2] ?? '', m[4] ?? '');
  }
  return out;
}
