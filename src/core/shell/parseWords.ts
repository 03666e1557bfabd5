/**
 * The word layer of the shell parser: words with their quotes, `$…` expansions, command and process
 * substitutions, backticks, arithmetic, and heredoc bodies (read at the newline after their operator).
 */

import type { CommandList, WordPart, Word } from './ast';
import { decodeAnsiC } from './decode';
import { ParserBase, SPECIAL, isDigit, isNameChar, isNameStart, isWordEnd, type Stops } from './parserBase';

export abstract class WordParser extends ParserBase {
  /** Parse a whole program from the current position. */
  abstract parseProgram(): CommandList;

  /** A list inside a construct (`$(…)`, a subshell), ending at `stops`. */
  protected abstract nested(stops: Stops): CommandList;

  /** A parser of the same kind over other text, sharing this one's budget. */
  protected abstract fork(text: string): WordParser;

  /** Blanks and newlines (reading any heredoc bodies that start after each newline). */
  protected skipLinebreaks(): void {
    for (;;) {
      this.skipBlanks();
      if (this.src[this.pos] === '\n') {
        this.pos++;
        this.readHeredocBodies();
      } else return;
    }
  }

  protected readHeredocBodies(): void {
    if (this.pending.length === 0) return;
    const src = this.src;
    const queue = this.pending.splice(0);
    for (const { node, delimiter, stripTabs } of queue) {
      let text = '';
      let closed = false;
      while (this.pos < src.length) {
        let end = src.indexOf('\n', this.pos);
        if (end < 0) end = src.length;
        let line = src.slice(this.pos, end);
        this.pos = end < src.length ? end + 1 : end;
        if (stripTabs) {
          let k = 0;
          while (line[k] === '\t') k++;
          line = line.slice(k);
        }
        if (line === delimiter || line === delimiter + '\r') {
          closed = true;
          break;
        }
        text += line + '\n';
      }
      if (!closed && src.length > 0 && !src.endsWith('\n') && text.endsWith('\n')) text = text.slice(0, -1);
      const doc = node.heredoc!;
      doc.text = text;
      if (!doc.quoted && (text.includes('$') || text.includes('`'))) doc.substitutions = this.scanSubstitutions(text);
    }
  }

  /** Command substitutions inside text that undergoes expansion but not word splitting (heredoc bodies, arithmetic). */
  protected scanSubstitutions(text: string): CommandList[] {
    const found: CommandList[] = [];
    if (!this.countRescan(text.length) || !this.enter()) return found;
    const sub = this.fork(text);
    while (!sub.done()) {
      const c = text[sub.pos];
      if (c === '\\') sub.pos += 2;
      else if (c === '$' || c === '`') {
        const parts: WordPart[] = [];
        if (c === '$') sub.parseDollar(parts, true);
        else sub.parseBacktick(parts, true);
        collectSubstitutions(parts, found);
      } else sub.pos++;
    }
    this.leave();
    return found;
  }

  /** Index just past the `))` closing an arithmetic expression whose text starts at `from`; -1 if it does not close with `))`. */
  protected matchArithmetic(from: number): number {
    const src = this.src;
    let depth = 0;
    for (let i = from; i < src.length; i++) {
      const c = src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth > 0) depth--;
        else return src[i + 1] === ')' ? i + 2 : -1;
      }
    }
    return -1;
  }

  /** One shell word at the cursor, or undefined if a word cannot start here. */
  parseWord(): Word | undefined {
    const src = this.src;
    const length = src.length;
    const start = this.pos;
    const parts: WordPart[] = [];
    let literal = '';
    if ((src[start] === '<' || src[start] === '>') && src[start + 1] === '(') {
      const direction = src[start] as '<' | '>';
      this.pos += 2;
      const body = this.nested({ paren: true });
      if (src[this.pos] === ')') this.pos++;
      else if (!this.budget.truncated) this.error("expected ')' closing a process substitution");
      parts.push({ kind: 'process', raw: src.slice(start, this.pos), body, direction });
    }
    while (this.pos < length && !this.budget.truncated) {
      // Runs of ordinary characters are taken in one slice: most words are nothing else.
      const runStart = this.pos;
      let end = runStart;
      while (end < length) {
        const code = src.charCodeAt(end);
        if (code < 128 && SPECIAL[code] === 1) break;
        end++;
      }
      if (end > runStart) {
        literal += src.slice(runStart, end);
        this.pos = end;
        if (end >= length) break;
      }
      const c = src[this.pos]!;
      if (isWordEnd(c)) {
        // Extended globs `@(a|b)` and friends keep going through their parentheses.
        if (c === '(' && literal !== '' && '@!+*?'.includes(literal[literal.length - 1]!)) {
          const close = this.matchParen(this.pos);
          literal += src.slice(this.pos, close);
          this.pos = close;
          continue;
        }
        break;
      }
      if (c === '\\') {
        const next = src[this.pos + 1];
        if (next === '\n') {
          this.pos += 2;
          continue;
        }
        if (literal !== '') {
          parts.push({ kind: 'literal', text: literal, quoted: false });
          literal = '';
        }
        if (next === undefined) {
          parts.push({ kind: 'literal', text: '\\', quoted: false });
          this.pos++;
        } else {
          parts.push({ kind: 'literal', text: next, quoted: true });
          this.pos += 2;
        }
        continue;
      }
      if (literal !== '') {
        parts.push({ kind: 'literal', text: literal, quoted: false });
        literal = '';
      }
      if (c === "'") {
        const close = src.indexOf("'", this.pos + 1);
        if (close < 0) {
          this.error('unterminated single quote');
          parts.push({ kind: 'literal', text: src.slice(this.pos + 1), quoted: true });
          this.pos = length;
        } else {
          parts.push({ kind: 'literal', text: src.slice(this.pos + 1, close), quoted: true });
          this.pos = close + 1;
        }
        continue;
      }
      if (c === '"') {
        this.pos++;
        this.parseDoubleQuoted(parts);
        continue;
      }
      if (c === '$') {
        const next = src[this.pos + 1];
        if (next === "'") {
          this.parseAnsiC(parts);
          continue;
        }
        if (next === '"') {
          this.pos += 2;
          this.parseDoubleQuoted(parts);
          continue;
        }
        if (next === '(' || next === '{' || next === '[' || isNameChar(next) || (next !== undefined && '@*#?$!-'.includes(next))) {
          this.parseDollar(parts, false);
          continue;
        }
        literal += '$';
        this.pos++;
        continue;
      }
      if (c === '`') {
        this.parseBacktick(parts, false);
        continue;
      }
      literal += c;
      this.pos++;
    }
    if (literal !== '') parts.push({ kind: 'literal', text: literal, quoted: false });
    if (this.pos === start) return undefined;
    return { parts, raw: src.slice(start, this.pos) };
  }

  /** Index just past the `)` matching the `(` at `open` (quotes respected), or the end of input. */
  protected matchParen(open: number): number {
    const src = this.src;
    let depth = 0;
    for (let i = open; i < src.length; i++) {
      const c = src[i];
      if (c === '\\') i++;
      else if (c === "'") {
        const close = src.indexOf("'", i + 1);
        i = close < 0 ? src.length : close;
      } else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return i + 1;
    }
    return src.length;
  }

  protected parseDoubleQuoted(parts: WordPart[]): void {
    const src = this.src;
    const length = src.length;
    let literal = '';
    let emitted = false;
    while (this.pos < length && !this.budget.truncated) {
      const runStart = this.pos;
      let end = runStart;
      while (end < length) {
        const code = src.charCodeAt(end);
        if (code === 34 /* " */ || code === 92 /* \\ */ || code === 36 /* $ */ || code === 96 /* ` */) break;
        end++;
      }
      if (end > runStart) {
        literal += src.slice(runStart, end);
        this.pos = end;
        if (end >= length) break;
      }
      const c = src[this.pos]!;
      if (c === '"') {
        this.pos++;
        if (literal !== '' || !emitted) parts.push({ kind: 'literal', text: literal, quoted: true });
        return;
      }
      if (c === '\\') {
        const next = src[this.pos + 1];
        if (next === '\n') this.pos += 2;
        else if (next === '$' || next === '`' || next === '"' || next === '\\') {
          literal += next;
          this.pos += 2;
        } else {
          literal += '\\';
          this.pos++;
        }
        continue;
      }
      if (literal !== '') {
        parts.push({ kind: 'literal', text: literal, quoted: true });
        literal = '';
      }
      const before = parts.length;
      if (c === '$') this.parseDollar(parts, true);
      else this.parseBacktick(parts, true);
      if (parts.length > before) emitted = true;
    }
    this.error('unterminated double quote');
    parts.push({ kind: 'literal', text: literal, quoted: true });
  }

  protected parseAnsiC(parts: WordPart[]): void {
    const src = this.src;
    let i = this.pos + 2;
    let body = '';
    while (i < src.length && src[i] !== "'") {
      if (src[i] === '\\' && i + 1 < src.length) {
        body += src[i]! + src[i + 1]!;
        i += 2;
      } else body += src[i++];
    }
    if (i >= src.length) this.error('unterminated $\'...\' string');
    this.pos = Math.min(i + 1, src.length);
    parts.push({ kind: 'literal', text: decodeAnsiC(body), quoted: true });
  }

  /**
   * `$(( … ))` at `start`, read in one pass: substitutions inside are parsed where they stand (a nested
   * arithmetic inside its own), so nesting costs its length once, not once per level. Undefined when
   * it does not close with `))` (then it is read again as `$(` and a subshell; that second pass is counted).
   */
  protected parseArithmetic(start: number): WordPart | undefined {
    const src = this.src;
    if (!this.enter()) return undefined;
    const inner: CommandList[] = [];
    let depth = 0;
    this.pos = start + 3;
    while (this.pos < src.length && !this.budget.truncated) {
      const c = src[this.pos];
      if (c === '\\') this.pos += 2;
      else if (c === '(') {
        depth++;
        this.pos++;
      } else if (c === ')') {
        if (depth > 0) {
          depth--;
          this.pos++;
        } else if (src[this.pos + 1] === ')') {
          this.pos += 2;
          this.leave();
          this.count();
          return { kind: 'arithmetic', raw: src.slice(start, this.pos), inner };
        } else break;
      } else if (c === '$' || c === '`') {
        const found: WordPart[] = [];
        if (c === '$') this.parseDollar(found, true);
        else this.parseBacktick(found, true);
        collectSubstitutions(found, inner);
      } else this.pos++;
    }
    this.leave();
    this.countRescan(this.pos - start);
    return undefined;
  }

  /** At a `$`: parameter, command substitution or arithmetic. Appends one part (a literal `$` if nothing follows). */
  parseDollar(parts: WordPart[], quoted: boolean): void {
    const src = this.src;
    const start = this.pos;
    const next = src[start + 1];
    if (next === '(' && src[start + 2] === '(') {
      const arithmetic = this.parseArithmetic(start);
      if (arithmetic) {
        parts.push(arithmetic);
        return;
      }
      this.pos = start;
    }
    if (next === '(') {
      this.pos += 2;
      const body = this.nested({ paren: true });
      this.skipLinebreaks();
      if (src[this.pos] === ')') this.pos++;
      else if (!this.budget.truncated) this.error("expected ')' closing $(");
      parts.push({ kind: 'command', raw: src.slice(start, this.pos), body, quoted, backtick: false });
      this.count();
      return;
    }
    if (next === '[') {
      // Obsolete `$[ ]` arithmetic.
      const close = src.indexOf(']', start);
      this.pos = close < 0 ? src.length : close + 1;
      parts.push({ kind: 'arithmetic', raw: src.slice(start, this.pos), inner: [] });
      return;
    }
    if (next === '{') {
      this.parseBraceParameter(parts, quoted);
      return;
    }
    if (isNameStart(next)) {
      let i = start + 2;
      while (isNameChar(src[i])) i++;
      this.pos = i;
      parts.push({ kind: 'parameter', name: src.slice(start + 1, i), raw: src.slice(start, i), quoted, inner: [] });
      this.count();
      return;
    }
    if (next !== undefined && (isDigit(next) || '@*#?$!-'.includes(next))) {
      this.pos = start + 2;
      parts.push({ kind: 'parameter', name: next, raw: src.slice(start, start + 2), quoted, inner: [] });
      this.count();
      return;
    }
    this.pos = start + 1;
    parts.push({ kind: 'literal', text: '$', quoted });
  }

  protected parseBraceParameter(parts: WordPart[], quoted: boolean): void {
    const src = this.src;
    const start = this.pos;
    this.pos += 2;
    let nameStart = this.pos;
    if (src[nameStart] === '!' || src[nameStart] === '#') nameStart++;
    let nameEnd = nameStart;
    if (isNameStart(src[nameEnd])) while (isNameChar(src[nameEnd])) nameEnd++;
    else if (src[nameEnd] !== undefined && (isDigit(src[nameEnd]) || '@*#?$!-'.includes(src[nameEnd]!))) nameEnd++;
    const name = src.slice(nameStart, nameEnd);
    const inner: WordPart[] = [];
    let depth = 1;
    if (!this.enter()) return;
    while (this.pos < src.length && !this.budget.truncated) {
      const c = src[this.pos]!;
      if (c === '\\') this.pos += 2;
      else if (c === "'" && !quoted) {
        const close = src.indexOf("'", this.pos + 1);
        this.pos = close < 0 ? src.length : close + 1;
      } else if (c === '"') {
        this.pos++;
        this.parseDoubleQuoted(inner);
      } else if (c === '$') this.parseDollar(inner, true);
      else if (c === '`') this.parseBacktick(inner, true);
      else if (c === '{') {
        depth++;
        this.pos++;
      } else if (c === '}') {
        this.pos++;
        if (--depth === 0) break;
      } else this.pos++;
    }
    this.leave();
    if (depth > 0) this.error('unterminated ${...}');
    const found: CommandList[] = [];
    collectSubstitutions(inner, found);
    parts.push({ kind: 'parameter', name, raw: src.slice(start, this.pos), quoted, inner: found });
    this.count();
  }

  parseBacktick(parts: WordPart[], quoted: boolean): void {
    const src = this.src;
    const start = this.pos;
    let i = start + 1;
    let body = '';
    while (i < src.length && src[i] !== '`') {
      if (src[i] === '\\' && i + 1 < src.length) {
        const next = src[i + 1]!;
        if (next === '`' || next === '\\' || next === '$' || (quoted && next === '"')) body += next;
        else body += '\\' + next;
        i += 2;
      } else body += src[i++];
    }
    if (i >= src.length) this.error('unterminated backtick');
    this.pos = Math.min(i + 1, src.length);
    let list: CommandList = { items: [] };
    if (this.countRescan(body.length) && this.enter()) {
      list = this.fork(body).parseProgram();
      this.leave();
    }
    parts.push({ kind: 'command', raw: src.slice(start, this.pos), body: list, quoted, backtick: true });
    this.count();
  }}

/** Command lists of the substitutions in `parts`, including those nested in parameters and arithmetic. */
export function collectSubstitutions(parts: readonly WordPart[], into: CommandList[]): void {
  for (const part of parts) {
    if (part.kind === 'command' || part.kind === 'process') into.push(part.body);
    else if (part.kind === 'parameter' || part.kind === 'arithmetic') for (const list of part.inner) into.push(list);
  }
}

