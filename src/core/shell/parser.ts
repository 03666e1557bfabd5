/**
 * A bounded recursive-descent parser for the POSIX shell / bash command language, written for the
 * policy engine: it must find every command that will run, never throw, and stay linear in the input.
 * It reads the source character by character (no separate token stream: shell lexing depends on
 * where the parser is), records syntax problems instead of failing, and stops descending past a
 * nesting or size budget, marking the result truncated.
 */

import type { RedirectOp } from './ast';
import type {
  Assignment,
  Command,
  CommandList,
  CompoundCommand,
  CompoundKeyword,
  HereDocument,
  ListItem,
  ParseResult,
  Pipeline,
  RedirectNode,
  SimpleCommand,
  Word,
  WordPart,
} from './ast';
import { decodeAnsiC } from './decode';

export interface ParseLimits {
  /** Nesting depth of constructs (subshells, substitutions, compound commands). */
  maxDepth: number;
  /** Commands, words and substitutions created, in total. */
  maxNodes: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxDepth: 100, maxNodes: 50_000 };

/** Shared between a parser and the parsers it starts for backtick bodies. */
interface Budget {
  limits: ParseLimits;
  depth: number;
  nodes: number;
  truncated: boolean;
  truncatedReason?: string;
  errors: string[];
  /** POSIX sh (dash) reading: `((` opens two subshells, not a bash arithmetic command. */
  posix: boolean;
}

/** Which shell's grammar to read where they differ. */
export interface ParseDialect {
  /** dash/POSIX sh: `((rm -rf ~))` is nested subshells there, arithmetic in bash and zsh. */
  posix?: boolean;
}

interface Stops {
  /** Reserved words that end this list at command position (`fi`, `done`, `}` ...). */
  words?: ReadonlySet<string>;
  /** A `)` ends the list (subshell, `$(...)`, case pattern bodies do not use this). */
  paren?: boolean;
  /** `;;`, `;&`, `;;&` end the list (a case item). */
  caseEnd?: boolean;
}

const RESERVED = new Set([
  'if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in',
  'function', 'select', '{', '}', '!', '[[', ']]', 'time',
]);

const STOP_THEN = new Set(['then']);
const STOP_IF_BODY = new Set(['elif', 'else', 'fi']);
const STOP_FI = new Set(['fi']);
const STOP_DO = new Set(['do']);
const STOP_DONE = new Set(['done']);
const STOP_BRACE = new Set(['}']);
const STOP_ESAC = new Set(['esac']);
const STOP_NONE: Stops = {};

/** Characters that end a run of plain word text (ASCII codes): blanks, operators, quotes, `$`, `\\`. */
const SPECIAL: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (const c of ' \t\r\n;&|<>()\\\'"$`') table[c.charCodeAt(0)] = 1;
  return table;
})();

/** A word that is a variable name and `=` (or `+=`), as `declare`/`local` take before an array. */
const DECLARED_ARRAY = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/;

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

/** Characters that end an unquoted word. */
function isWordEnd(c: string | undefined): boolean {
  return (
    c === undefined ||
    c === ' ' ||
    c === '\t' ||
    c === '\r' ||
    c === '\n' ||
    c === ';' ||
    c === '&' ||
    c === '|' ||
    c === '<' ||
    c === '>' ||
    c === '(' ||
    c === ')'
  );
}

function isNameStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
}

function isNameChar(c: string | undefined): boolean {
  return isNameStart(c) || (c !== undefined && c >= '0' && c <= '9');
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

class Parser {
  private pos = 0;
  private readonly pending: { node: RedirectNode; delimiter: string; stripTabs: boolean }[] = [];

  constructor(
    private readonly src: string,
    private readonly budget: Budget,
  ) {}

  parseProgram(): CommandList {
    const items: ListItem[] = [];
    for (;;) {
      const list = this.parseList(STOP_NONE);
      for (const item of list.items) items.push(item);
      if (this.done()) break;
      // Something no construct accepts here (a stray `)`, `fi`, `;;`): note it and move on.
      this.error(`unexpected '${this.describeHere()}'`);
      this.skipStray();
    }
    return { items };
  }

  // ------------------------------------------------------------------------------------------
  // Budget and errors

  private done(): boolean {
    return this.pos >= this.src.length || this.budget.truncated;
  }

  private error(message: string): void {
    if (this.budget.errors.length < 20) this.budget.errors.push(message);
  }

  private count(): boolean {
    if (++this.budget.nodes > this.budget.limits.maxNodes) this.truncate('the command is too large to analyse');
    return !this.budget.truncated;
  }

  private truncate(reason: string): void {
    if (!this.budget.truncated) {
      this.budget.truncated = true;
      this.budget.truncatedReason = reason;
      this.error(reason);
    }
    this.pos = this.src.length;
  }

  private enter(): boolean {
    if (++this.budget.depth > this.budget.limits.maxDepth) {
      this.budget.depth--;
      this.truncate('the command nests too deeply to analyse');
      return false;
    }
    return true;
  }

  private leave(): void {
    this.budget.depth--;
  }

  private describeHere(): string {
    const word = this.peekReserved();
    if (word) return word;
    return this.src.slice(this.pos, this.pos + 2).replace(/\n/g, '\\n');
  }

  private skipStray(): void {
    const word = this.peekReserved();
    this.pos += word ? word.length : 1;
  }

  // ------------------------------------------------------------------------------------------
  // Blanks, comments, newlines, heredocs

  /** Spaces, tabs, line continuations and comments; not newlines. */
  private skipBlanks(): void {
    const src = this.src;
    for (;;) {
      const c = src[this.pos];
      if (isBlank(c)) this.pos++;
      else if (c === '\\' && src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  /** Blanks and newlines (reading any heredoc bodies that start after each newline). */
  private skipLinebreaks(): void {
    for (;;) {
      this.skipBlanks();
      if (this.src[this.pos] === '\n') {
        this.pos++;
        this.readHeredocBodies();
      } else return;
    }
  }

  private readHeredocBodies(): void {
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
  private scanSubstitutions(text: string): CommandList[] {
    const found: CommandList[] = [];
    if (!this.enter()) return found;
    const sub = new Parser(text, this.budget);
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

  // ------------------------------------------------------------------------------------------
  // Lists and pipelines

  private atListEnd(stops: Stops): boolean {
    if (this.done()) return true;
    const c = this.src[this.pos];
    if (c === ')' && stops.paren) return true;
    if (c === ';' && this.src[this.pos + 1] === ';' && stops.caseEnd) return true;
    if (c === ';' && this.src[this.pos + 1] === '&' && stops.caseEnd) return true;
    if (stops.words) {
      const word = this.peekReserved();
      if (word !== undefined && stops.words.has(word)) return true;
    }
    return false;
  }

  parseList(stops: Stops): CommandList {
    const items: ListItem[] = [];
    for (;;) {
      this.skipLinebreaks();
      if (this.atListEnd(stops)) break;
      const c = this.src[this.pos];
      if (c === ';' || c === '&' || c === '|' || c === ')') {
        // An operator with no command before it.
        if (c === ';' && this.src[this.pos + 1] === ';' && !stops.caseEnd) {
          this.error("unexpected ';;'");
          this.pos += 2;
          continue;
        }
        if (c === ')' && !stops.paren) return { items };
        this.error(`unexpected '${c}'`);
        this.pos++;
        continue;
      }
      const start = this.pos;
      const pipeline = this.parsePipeline(stops);
      if (pipeline === undefined) {
        if (this.pos === start) {
          if (this.atListEnd(stops) || this.done()) break;
          // A reserved word that does not belong here; the caller decides what to do with it.
          return { items };
        }
        continue;
      }
      const item: ListItem = { pipeline, op: ';' };
      items.push(item);
      this.skipBlanks();
      const d = this.src[this.pos];
      const e = this.src[this.pos + 1];
      if (d === '&' && e === '&') {
        item.op = '&&';
        this.pos += 2;
      } else if (d === '|' && e === '|') {
        item.op = '||';
        this.pos += 2;
      } else if (d === ';' && e !== ';' && e !== '&') {
        this.pos++;
      } else if (d === ';' && !stops.caseEnd) {
        this.pos += e === ';' && this.src[this.pos + 2] === '&' ? 3 : 2;
        this.error("unexpected ';;'");
      } else if (d === '&' && e !== '>') {
        item.op = '&';
        this.pos++;
      } else if (d === '\n') {
        // skipLinebreaks at the top of the loop consumes it and reads heredocs.
      } else if (!this.atListEnd(stops) && !this.done() && d !== ')') {
        this.error(`unexpected '${this.describeHere()}'`);
        this.skipStray();
      }
      if (this.budget.truncated) break;
    }
    return { items };
  }

  private parsePipeline(stops: Stops): Pipeline | undefined {
    let negated = false;
    this.skipBlanks();
    for (;;) {
      const word = this.peekReserved();
      if (word === '!') {
        negated = !negated;
        this.pos += 1;
        this.skipBlanks();
      } else if (word === 'time') {
        // The `time` keyword times the whole pipeline; `time -p` is its only option.
        this.pos += 4;
        this.skipBlanks();
        if (this.src.startsWith('-p', this.pos) && isWordEnd(this.src[this.pos + 2])) {
          this.pos += 2;
          this.skipBlanks();
        }
      } else break;
    }
    const commands: Command[] = [];
    for (;;) {
      const command = this.parseCommand(stops);
      if (command === undefined) break;
      commands.push(command);
      this.skipBlanks();
      if (this.src[this.pos] === '|' && this.src[this.pos + 1] !== '|') {
        this.pos += this.src[this.pos + 1] === '&' ? 2 : 1;
        this.skipLinebreaks();
        continue;
      }
      break;
    }
    if (commands.length === 0) return undefined;
    return { negated, commands };
  }

  /** The reserved word at the cursor, if an unquoted one stands there as a whole word. */
  private peekReserved(): string | undefined {
    const src = this.src;
    const start = this.pos;
    let end = start;
    const first = src[start];
    if (first === '{' || first === '}' || first === '!') end = start + 1;
    else if ((first === '[' && src[start + 1] === '[') || (first === ']' && src[start + 1] === ']')) end = start + 2;
    else while (end < src.length && src[end]! >= 'a' && src[end]! <= 'z') end++;
    if (end === start) return undefined;
    if (!isWordEnd(src[end])) return undefined;
    const word = src.slice(start, end);
    return RESERVED.has(word) ? word : undefined;
  }

  private parseCommand(stops: Stops): Command | undefined {
    this.skipBlanks();
    if (this.done()) return undefined;
    if (!this.count()) return undefined;
    const src = this.src;
    const c = src[this.pos];
    if (c === '(') {
      if (src[this.pos + 1] === '(' && !this.budget.posix) {
        const arith = this.tryArithmeticCommand();
        if (arith) return this.withTrailingRedirects(arith);
      }
      return this.withTrailingRedirects(this.parseSubshell());
    }
    const word = this.peekReserved();
    if (word !== undefined) {
      if (stops.words?.has(word)) return undefined;
      switch (word) {
        case '{':
          return this.withTrailingRedirects(this.parseGroup());
        case 'if':
          return this.withTrailingRedirects(this.parseIf());
        case 'while':
        case 'until':
          return this.withTrailingRedirects(this.parseWhile(word));
        case 'for':
        case 'select':
          return this.withTrailingRedirects(this.parseFor(word));
        case 'case':
          return this.withTrailingRedirects(this.parseCase());
        case 'function':
          return this.parseFunctionKeyword();
        case '[[':
          return this.withTrailingRedirects(this.parseTest());
        case '!':
        case 'time':
          // Only meaningful at the start of a pipeline; here they are plain words.
          break;
        default:
          // then/else/fi/do/done/esac/in/}/]] out of place.
          return undefined;
      }
    }
    return this.parseSimple();
  }

  private withTrailingRedirects(command: CompoundCommand): CompoundCommand {
    for (;;) {
      this.skipBlanks();
      const redirect = this.tryRedirect();
      if (!redirect) return command;
      command.redirects.push(redirect);
    }
  }

  private compound(keyword: CompoundKeyword): CompoundCommand {
    return { type: 'compound', keyword, bodies: [], words: [], redirects: [] };
  }

  private nested(stops: Stops): CommandList {
    if (!this.enter()) return { items: [] };
    const list = this.parseList(stops);
    this.leave();
    return list;
  }

  /** Consume a reserved word that must come next, or note that it is missing. */
  private expectWord(word: string): boolean {
    this.skipLinebreaks();
    if (this.peekReserved() === word) {
      this.pos += word.length;
      return true;
    }
    if (!this.budget.truncated) this.error(`expected '${word}'`);
    return false;
  }

  private parseSubshell(): CompoundCommand {
    const node = this.compound('subshell');
    this.pos++;
    node.bodies.push(this.nested({ paren: true }));
    this.skipLinebreaks();
    if (this.src[this.pos] === ')') this.pos++;
    else if (!this.budget.truncated) this.error("expected ')'");
    return node;
  }

  private tryArithmeticCommand(): CompoundCommand | undefined {
    const start = this.pos;
    const end = this.matchArithmetic(start + 2);
    if (end < 0) return undefined;
    const node = this.compound('arithmetic');
    const text = this.src.slice(start + 2, end - 2);
    node.name = text;
    this.pos = end;
    if (text.includes('$') || text.includes('`')) node.inner = this.scanSubstitutions(text);
    return node;
  }

  /** Index just past the `))` closing an arithmetic expression whose text starts at `from`; -1 if it does not close with `))`. */
  private matchArithmetic(from: number): number {
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

  private parseGroup(): CompoundCommand {
    const node = this.compound('group');
    this.pos++;
    node.bodies.push(this.nested({ words: STOP_BRACE }));
    this.expectWord('}');
    return node;
  }

  private parseIf(): CompoundCommand {
    const node = this.compound('if');
    this.pos += 2;
    node.bodies.push(this.nested({ words: STOP_THEN }));
    this.expectWord('then');
    node.bodies.push(this.nested({ words: STOP_IF_BODY }));
    for (;;) {
      this.skipLinebreaks();
      const word = this.peekReserved();
      if (word === 'elif') {
        this.pos += 4;
        node.bodies.push(this.nested({ words: STOP_THEN }));
        this.expectWord('then');
        node.bodies.push(this.nested({ words: STOP_IF_BODY }));
      } else if (word === 'else') {
        this.pos += 4;
        node.bodies.push(this.nested({ words: STOP_FI }));
      } else break;
    }
    this.expectWord('fi');
    return node;
  }

  private parseWhile(keyword: 'while' | 'until'): CompoundCommand {
    const node = this.compound(keyword);
    this.pos += keyword.length;
    node.bodies.push(this.nested({ words: STOP_DO }));
    this.parseDoGroup(node);
    return node;
  }

  private parseDoGroup(node: CompoundCommand): void {
    this.skipLinebreaks();
    if (this.peekReserved() === '{') {
      // bash accepts `for x in y; { ...; }`.
      node.bodies.push(this.parseGroup().bodies[0] ?? { items: [] });
      return;
    }
    if (!this.expectWord('do')) return;
    node.bodies.push(this.nested({ words: STOP_DONE }));
    this.expectWord('done');
  }

  private parseFor(keyword: 'for' | 'select'): CompoundCommand {
    const node = this.compound(keyword);
    this.pos += keyword.length;
    this.skipBlanks();
    if (this.src.startsWith('((', this.pos)) {
      const end = this.matchArithmetic(this.pos + 2);
      const stop = end < 0 ? this.src.length : end;
      const text = this.src.slice(this.pos + 2, Math.max(this.pos + 2, stop - 2));
      node.name = text;
      if (text.includes('$') || text.includes('`')) node.inner = this.scanSubstitutions(text);
      this.pos = stop;
    } else {
      const variable = this.parseWord();
      node.name = variable?.raw;
      this.skipLinebreaks();
      if (this.peekReserved() === 'in') {
        this.pos += 2;
        for (;;) {
          this.skipBlanks();
          const c = this.src[this.pos];
          if (c === undefined || c === ';' || c === '\n' || c === '&' || c === '|' || c === ')' || this.budget.truncated) break;
          const word = this.parseWord();
          if (word === undefined) {
            this.error(`unexpected '${c}'`);
            this.pos++;
            continue;
          }
          node.words.push(word);
        }
      }
    }
    this.skipBlanks();
    if (this.src[this.pos] === ';') this.pos++;
    this.parseDoGroup(node);
    return node;
  }

  private parseCase(): CompoundCommand {
    const node = this.compound('case');
    this.pos += 4;
    this.skipBlanks();
    const subject = this.parseWord();
    if (subject) node.words.push(subject);
    this.expectWord('in');
    for (;;) {
      this.skipLinebreaks();
      if (this.done() || this.peekReserved() === 'esac') break;
      if (this.src[this.pos] === '(') this.pos++;
      // Patterns: words separated by `|`, closed by `)`.
      let closed = false;
      for (;;) {
        this.skipBlanks();
        const c = this.src[this.pos];
        if (c === ')') {
          this.pos++;
          closed = true;
          break;
        }
        if (c === '|') {
          this.pos++;
          continue;
        }
        if (c === undefined || c === '\n' || c === ';' || this.budget.truncated) break;
        const pattern = this.parseWord();
        if (pattern === undefined) {
          this.pos++;
          continue;
        }
        node.words.push(pattern);
      }
      if (!closed) {
        if (!this.budget.truncated) this.error("expected ')' after a case pattern");
        break;
      }
      node.bodies.push(this.nested({ words: STOP_ESAC, caseEnd: true }));
      this.skipLinebreaks();
      if (this.src.startsWith(';;&', this.pos)) this.pos += 3;
      else if (this.src.startsWith(';;', this.pos) || this.src.startsWith(';&', this.pos)) this.pos += 2;
      else break;
    }
    this.expectWord('esac');
    return node;
  }

  private parseFunctionKeyword(): Command {
    this.pos += 'function'.length;
    this.skipBlanks();
    const name = this.parseWord();
    this.skipBlanks();
    if (this.src[this.pos] === '(' && this.src[this.nextNonBlank(this.pos + 1)] === ')') {
      this.pos = this.nextNonBlank(this.pos + 1) + 1;
    }
    return this.parseFunctionBody(name?.raw ?? '');
  }

  private nextNonBlank(from: number): number {
    let i = from;
    while (isBlank(this.src[i])) i++;
    return i;
  }

  private parseFunctionBody(name: string): CompoundCommand {
    const node = this.compound('function');
    node.name = name;
    this.skipLinebreaks();
    if (!this.enter()) return node;
    const body = this.parseCommand(STOP_NONE);
    this.leave();
    if (body === undefined) {
      if (!this.budget.truncated) this.error(`function ${name} has no body`);
      return node;
    }
    node.bodies.push({ items: [{ pipeline: { negated: false, commands: [body] }, op: ';' }] });
    return node;
  }

  private parseTest(): CompoundCommand {
    const node = this.compound('test');
    this.pos += 2;
    for (;;) {
      this.skipBlanks();
      if (this.done()) {
        this.error("expected ']]'");
        break;
      }
      if (this.peekReserved() === ']]') {
        this.pos += 2;
        break;
      }
      const c = this.src[this.pos];
      if (c === '\n') {
        this.pos++;
        continue;
      }
      if (c === '&' || c === '|' || c === '<' || c === '>' || c === '(' || c === ')' || c === ';') {
        this.pos++;
        continue;
      }
      const word = this.parseWord();
      if (word === undefined) this.pos++;
      else node.words.push(word);
    }
    return node;
  }

  // ------------------------------------------------------------------------------------------
  // Simple commands

  private parseSimple(): Command | undefined {
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
  private declaredArray(head: Word): Word {
    const src = this.src;
    const start = this.pos;
    this.pos++;
    const parts: WordPart[] = [...head.parts, { kind: 'literal', text: '(', quoted: true }];
    for (const element of this.parseArrayElements()) parts.push(...element.parts, { kind: 'literal', text: ' ', quoted: true });
    parts.push({ kind: 'literal', text: ')', quoted: true });
    return { parts, raw: head.raw + src.slice(start, this.pos) };
  }

  /** The words of an array body `( … )` whose '(' was consumed; consumes the closing ')'. */
  private parseArrayElements(): Word[] {
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

  private tryAssignment(): Assignment | undefined {
    const src = this.src;
    const start = this.pos;
    if (!isNameStart(src[start])) return undefined;
    let i = start + 1;
    while (isNameChar(src[i])) i++;
    const name = src.slice(start, i);
    if (src[i] === '[') {
      const close = src.indexOf(']', i);
      if (close < 0) return undefined;
      i = close + 1;
    }
    if (src[i] === '+' && src[i + 1] === '=') i += 2;
    else if (src[i] === '=') i += 1;
    else return undefined;
    this.pos = i;
    if (src[i] === '(') {
      this.pos++;
      const values = this.parseArrayElements();
      return { name, values, array: true, raw: src.slice(start, this.pos) };
    }
    const value = isWordEnd(src[this.pos]) ? { parts: [], raw: '' } : this.parseWord();
    return { name, values: value ? [value] : [], array: false, raw: src.slice(start, this.pos) };
  }

  private tryRedirect(): RedirectNode | undefined {
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
  }

  // ------------------------------------------------------------------------------------------
  // Words

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
  private matchParen(open: number): number {
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

  private parseDoubleQuoted(parts: WordPart[]): void {
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

  private parseAnsiC(parts: WordPart[]): void {
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

  /** At a `$`: parameter, command substitution or arithmetic. Appends one part (a literal `$` if nothing follows). */
  parseDollar(parts: WordPart[], quoted: boolean): void {
    const src = this.src;
    const start = this.pos;
    const next = src[start + 1];
    if (next === '(' && src[start + 2] === '(') {
      const end = this.matchArithmetic(start + 3);
      if (end >= 0) {
        const text = src.slice(start + 3, end - 2);
        this.pos = end;
        const inner = text.includes('$') || text.includes('`') ? this.scanSubstitutions(text) : [];
        parts.push({ kind: 'arithmetic', raw: src.slice(start, end), inner });
        return;
      }
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

  private parseBraceParameter(parts: WordPart[], quoted: boolean): void {
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
    if (this.enter()) {
      list = new Parser(body, this.budget).parseProgram();
      this.leave();
    }
    parts.push({ kind: 'command', raw: src.slice(start, this.pos), body: list, quoted, backtick: true });
    this.count();
  }
}

/** Command lists of the substitutions in `parts`, including those nested in parameters and arithmetic. */
export function collectSubstitutions(parts: readonly WordPart[], into: CommandList[]): void {
  for (const part of parts) {
    if (part.kind === 'command' || part.kind === 'process') into.push(part.body);
    else if (part.kind === 'parameter' || part.kind === 'arithmetic') for (const list of part.inner) into.push(list);
  }
}

/** Parse shell source. Never throws; problems are reported in `errors`, budget overruns in `truncated`. */
export function parseShell(source: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS, dialect: ParseDialect = {}): ParseResult {
  const budget: Budget = { limits, depth: 0, nodes: 0, truncated: false, errors: [], posix: dialect.posix === true };
  let list: CommandList;
  try {
    list = new Parser(source, budget).parseProgram();
  } catch (error) {
    // A defect in the parser (or a stack overflow the depth budget did not prevent) must not pass
    // the command through: report it as truncated so the caller treats it as unknowable.
    budget.truncated = true;
    budget.truncatedReason = 'the command could not be parsed (internal parser error)';
    budget.errors.push(`internal parser error: ${error instanceof Error ? error.message : String(error)}`);
    list = { items: [] };
  }
  const result: ParseResult = { list, errors: budget.errors, truncated: budget.truncated, nodes: budget.nodes };
  if (budget.truncatedReason !== undefined) result.truncatedReason = budget.truncatedReason;
  return result;
}
