/**
 * PowerShell and cmd.exe command lines, split far enough to name the commands they run:
 * statements on `;`, newlines, `|`, `&&`, `||`; words on blanks and quotes (`'..'` with `''`,
 * `"..."` with backtick escapes); script blocks `{ ... }` and subexpressions `$( ... )` returned
 * for the caller to analyse in turn. Not a PowerShell parser: a `$` makes a word dynamic.
 */

import type { ArgWord } from './ast';

export interface PowershellStatement {
  words: ArgWord[];
  /** Script blocks `{ ... }` and subexpressions `$( ... )` inside the statement. */
  blocks: string[];
}

export function splitPowershell(text: string, depth: number): PowershellStatement[] {
  const statements: PowershellStatement[] = [];
  let current: PowershellStatement = { words: [], blocks: [] };
  let word = '';
  let raw = '';
  let dynamic = false;
  let inWord = false;
  const endWord = (): void => {
    if (inWord) {
      if (!(current.words.length === 0 && (word === '&' || word === '.') && !dynamic)) current.words.push({ text: word, raw, dynamic, glob: /[*?[]/.test(word) });
    }
    word = '';
    raw = '';
    dynamic = false;
    inWord = false;
  };
  const endStatement = (): void => {
    endWord();
    if (current.words.length > 0 || current.blocks.length > 0) statements.push(current);
    current = { words: [], blocks: [] };
  };
  let i = 0;
  while (i < text.length && statements.length < 1000) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
    } else if (c === '\n' || c === ';' || (c === '|' && text[i + 1] !== '|')) {
      endStatement();
      i++;
    } else if ((c === '&' && text[i + 1] === '&') || (c === '|' && text[i + 1] === '|')) {
      endStatement();
      i += 2;
    } else if (c === '#' && !inWord) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === "'") {
      inWord = true;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === "'" && text[j + 1] === "'") {
          word += "'";
          j++;
        } else if (text[j] === "'") break;
        else word += text[j];
      }
      raw += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '"') {
      inWord = true;
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '`' && j + 1 < text.length) word += text[++j];
        else {
          if (text[j] === '$') dynamic = true;
          word += text[j];
        }
      }
      raw += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '{' || (c === '$' && text[i + 1] === '(') || (c === '(' && !inWord)) {
      const open = c === '$' ? i + 1 : i;
      const closeChar = text[open] === '{' ? '}' : ')';
      const openChar = text[open]!;
      let level = 0;
      let j = open;
      for (; j < text.length; j++) {
        if (text[j] === openChar) level++;
        else if (text[j] === closeChar && --level === 0) break;
      }
      const inner = text.slice(open + 1, j);
      if (depth < 8) current.blocks.push(inner);
      inWord = true;
      if (c === '$') dynamic = true;
      word += text.slice(i, j + 1);
      raw += text.slice(i, j + 1);
      i = j + 1;
    } else {
      inWord = true;
      if (c === '$') dynamic = true;
      if (c === '`' && i + 1 < text.length) {
        word += text[i + 1];
        raw += text.slice(i, i + 2);
        i += 2;
        continue;
      }
      word += c;
      raw += c;
      i++;
    }
  }
  endStatement();
  return statements;
}
