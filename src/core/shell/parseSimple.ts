/**
 * The simple-command layer of the shell parser: assignments (with arrays), words, redirections
 * (with heredoc operators queued for their bodies), and the `name () { …; }` function definition
 * that starts like a simple command.
 */

import type { Assignment, Command, CompoundCommand, HereDocument, RedirectNode, RedirectOp, SimpleCommand, Word, WordPart } from './ast';
import { DECLARED_ARRAY, isBlank, isDigit, isNameChar, isNameStart, isWordEnd } from './parserBase';
import { WordParser } from './parseWords';

export abstract class SimpleParser extends WordParser {
  /** The body of a function whose `name ()` has been read. */
  protected abstract parseFunctionBody(name: string): CompoundCommand;

  protected nextNonBlank(from: number): number {
    let i = from;
    while (isBlank(this.src[i])) i++;
    return i;
  }

  protected parseSimple(): Command | undefined {
    const node: SimpleCommand = { type: 'simple', assignments: [], words: [], redirects: [] };
    const src = this.src;
    for (;;) {
      this.skipBlanks();
      if (this.budget.truncated) break;
      const c = src[this.pos];
      if (c === undefined || c === '\n' || c === ';' || c === '|' || c === ')') break;
      if (c === '&' && src[this.pos + 1] !== '>') break;
      if (c === '(') {
        // `name () { ...; }` defines a function.
        const close = this.nextNonBlank(this.pos + 1);
        if (node.words.length === 1 && node.assignments.length === 0 && src[close] === ')') {
          this.pos = close + 1;
          return this.parseFunctionBody(node.words[0]!.raw);
        }
        this.error("unexpected '('");
        this.pos++;
        continue;
      }
      if ((c === '<' || c === '>') && src[this.pos + 1] === '(') {
        const word = this.parseWord();
        if (word) node.words.push(word);
        continue;
      }
      const redirect = this.tryRedirect();
      if (redirect) {
        node.redirects.push(redirect);
        continue;
      }
      if (node.words.length === 0) {
        const assignment = this.tryAssignment();
        if (assignment) {
          node.assignments.push(assignment);
          continue;
        }
      }
      let word = this.parseWord();
      if (word === undefined) {
        this.error(`unexpected '${c}'`);
        this.pos++;
        continue;
      }
      if (src[this.pos] === '(' && word.raw.endsWith('=') && DECLARED_ARRAY.test(word.raw)) word = this.declaredArray(word);
      node.words.push(word);
      if (!this.count()) break;
    }
    if (node.words.length === 0 && node.assignments.length === 0 && node.redirects.length === 0) return undefined;
    return node;
  }

  /** `declare -A m=([a]=1)`, `local arr=(a b)`: an array value written as an argument. */
  protected declaredArray(head: Word): Word {
    const src = this.src;
    const start = this.pos;
    this.pos++;
    const parts: WordPart[] = [...head.parts, { kind: 'literal', text: '(', quoted: true }];
    for (const element of this.parseArrayElements()) parts.push(...element.parts, { kind: 'literal', text: ' ', quoted: true });
    parts.push({ kind: 'literal', text: ')', quoted: true });
    return { parts, raw: head.raw + src.slice(start, this.pos) };
  }

  /** The words of an array body `( … )` whose '(' was consumed; consumes the closing ')'. */
  protected parseArrayElements(): Word[] {
    const values: Word[] = [];
    for (;;) {
      this.skipLinebreaks();
      const c = this.src[this.pos];
      if (c === ')') {
        this.pos++;
        break;
      }
      if (c === undefined || this.budget.truncated) {
        this.error("expected ')' closing an array");
        break;
      }
      const word = this.parseWord();
      if (word === undefined) this.pos++;
      else values.push(word);
    }
    return values;
  }

  protected tryAssignment(): Assignment | undefined {
    const src = this.src;
    const start = this.pos;
    if (!isNameStart(src[start])) return undefined;
    let i = start + 1;
    while (isNameChar(src[i])) i++;
    const name = src.slice(start, i);
    let subscriptAt = -1;
    if (src[i] === '[') {
      const close = src.indexOf(']', i);
      if (close < 0) return undefined;
      if (/\$\(|`/.test(src.slice(i + 1, close))) subscriptAt = i + 1;
      i = close + 1;
    }
    if (src[i] === '+' && src[i + 1] === '=') i += 2;
    else if (src[i] === '=') i += 1;
    else return undefined;
    // The subscript's substitutions run (`a[$(rm -rf x)]=1`): read as a word from inside the brackets.
    let subscript: Word | undefined;
    if (subscriptAt >= 0) {
      this.pos = subscriptAt;
      subscript = this.parseWord() ?? undefined;
    }
    this.pos = i;
    if (src[i] === '(') {
      this.pos++;
      const values = this.parseArrayElements();
      return { name, values, array: true, raw: src.slice(start, this.pos), ...(subscript ? { subscript } : {}) };
    }
    const value = isWordEnd(src[this.pos]) ? { parts: [], raw: '' } : this.parseWord();
    return { name, values: value ? [value] : [], array: false, raw: src.slice(start, this.pos), ...(subscript ? { subscript } : {}) };
  }

  protected tryRedirect(): RedirectNode | undefined {
    const src = this.src;
    const start = this.pos;
    let i = start;
    let fd: number | undefined;
    if (isDigit(src[i])) {
      while (isDigit(src[i])) i++;
      if (src[i] !== '<' && src[i] !== '>') return undefined;
      fd = Number(src.slice(start, i));
    } else if (src[i] === '{' && isNameStart(src[i + 1])) {
      // `{fd}>file` names a descriptor variable.
      let j = i + 1;
      while (isNameChar(src[j])) j++;
      if (src[j] !== '}' || (src[j + 1] !== '<' && src[j + 1] !== '>')) return undefined;
      i = j + 1;
    }
    let op: RedirectOp | undefined;
    const rest = src.slice(i, i + 3);
    if (rest.startsWith('<<<')) op = '<<<';
    else if (rest.startsWith('<<-')) op = '<<-';
    else if (rest.startsWith('<<')) op = '<<';
    else if (rest.startsWith('<>')) op = '<>';
    else if (rest.startsWith('<&')) op = '<&';
    else if (rest.startsWith('<')) op = '<';
    else if (rest.startsWith('>>')) op = '>>';
    else if (rest.startsWith('>|')) op = '>|';
    else if (rest.startsWith('>&')) op = '>&';
    else if (rest.startsWith('>')) op = '>';
    else if (fd === undefined && rest.startsWith('&>>')) op = '&>>';
    else if (fd === undefined && rest.startsWith('&>')) op = '&>';
    if (op === undefined) return undefined;
    this.pos = i + op.length;
    this.skipBlanks();
    const target = this.parseWord();
    if (target === undefined) {
      this.error(`missing a target after '${op}'`);
      return { op, fd, target: { parts: [], raw: '' } };
    }
    const node: RedirectNode = { op, fd, target };
    if (op === '<<' || op === '<<-') {
      let delimiter = '';
      let quoted = false;
      for (const part of target.parts) {
        if (part.kind === 'literal') {
          delimiter += part.text;
          if (part.quoted) quoted = true;
        } else delimiter += part.raw;
      }
      const doc: HereDocument = { text: '', quoted, substitutions: [] };
      node.heredoc = doc;
      this.pending.push({ node, delimiter, stripTabs: op === '<<-' });
    }
    return node;
  }}
