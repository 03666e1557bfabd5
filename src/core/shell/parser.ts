/**
 * A bounded recursive-descent parser for the POSIX shell / bash command language, written for the
 * policy engine: it must find every command that will run, never throw, and stay linear in the input.
 * It reads the source character by character (no separate token stream: shell lexing depends on
 * where the parser is), records syntax problems instead of failing, and stops descending past a
 * nesting or size budget, marking the result truncated.
 */


import type { Command, CommandList, CompoundCommand, CompoundKeyword, ListItem, ParseResult, Pipeline } from './ast';
import { SimpleParser } from './parseSimple';
import { RESERVED, STOP_BRACE, STOP_DO, STOP_DONE, STOP_ESAC, STOP_FI, STOP_IF_BODY, STOP_NONE, STOP_THEN, isWordEnd, type Budget, type ParseLimits, type Stops } from './parserBase';

export { collectSubstitutions } from './parseWords';
export type { ParseLimits } from './parserBase';

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxDepth: 100, maxNodes: 50_000 };

/** Which shell's grammar to read where they differ. */
export interface ParseDialect {
  /** dash/POSIX sh: `((rm -rf ~))` is nested subshells there, arithmetic in bash and zsh. */
  posix?: boolean;
}

class Parser extends SimpleParser {
  protected fork(text: string): Parser {
    return new Parser(text, this.budget);
  }

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

  protected describeHere(): string {
    const word = this.peekReserved();
    if (word) return word;
    return this.src.slice(this.pos, this.pos + 2).replace(/\n/g, '\\n');
  }

  protected skipStray(): void {
    const word = this.peekReserved();
    this.pos += word ? word.length : 1;
  }

  protected atListEnd(stops: Stops): boolean {
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

  protected parsePipeline(stops: Stops): Pipeline | undefined {
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
  protected peekReserved(): string | undefined {
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

  protected parseCommand(stops: Stops): Command | undefined {
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

  protected withTrailingRedirects(command: CompoundCommand): CompoundCommand {
    for (;;) {
      this.skipBlanks();
      const redirect = this.tryRedirect();
      if (!redirect) return command;
      command.redirects.push(redirect);
    }
  }

  protected compound(keyword: CompoundKeyword): CompoundCommand {
    return { type: 'compound', keyword, bodies: [], words: [], redirects: [] };
  }

  protected nested(stops: Stops): CommandList {
    if (!this.enter()) return { items: [] };
    const list = this.parseList(stops);
    this.leave();
    return list;
  }

  /** Consume a reserved word that must come next, or note that it is missing. */
  protected expectWord(word: string): boolean {
    this.skipLinebreaks();
    if (this.peekReserved() === word) {
      this.pos += word.length;
      return true;
    }
    if (!this.budget.truncated) this.error(`expected '${word}'`);
    return false;
  }

  protected parseSubshell(): CompoundCommand {
    const node = this.compound('subshell');
    this.pos++;
    node.bodies.push(this.nested({ paren: true }));
    this.skipLinebreaks();
    if (this.src[this.pos] === ')') this.pos++;
    else if (!this.budget.truncated) this.error("expected ')'");
    return node;
  }

  protected tryArithmeticCommand(): CompoundCommand | undefined {
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

  protected parseGroup(): CompoundCommand {
    const node = this.compound('group');
    this.pos++;
    node.bodies.push(this.nested({ words: STOP_BRACE }));
    this.expectWord('}');
    return node;
  }

  protected parseIf(): CompoundCommand {
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

  protected parseWhile(keyword: 'while' | 'until'): CompoundCommand {
    const node = this.compound(keyword);
    this.pos += keyword.length;
    node.bodies.push(this.nested({ words: STOP_DO }));
    this.parseDoGroup(node);
    return node;
  }

  protected parseDoGroup(node: CompoundCommand): void {
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

  protected parseFor(keyword: 'for' | 'select'): CompoundCommand {
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

  protected parseCase(): CompoundCommand {
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

  protected parseFunctionKeyword(): Command {
    this.pos += 'function'.length;
    this.skipBlanks();
    const name = this.parseWord();
    this.skipBlanks();
    if (this.src[this.pos] === '(' && this.src[this.nextNonBlank(this.pos + 1)] === ')') {
      this.pos = this.nextNonBlank(this.pos + 1) + 1;
    }
    return this.parseFunctionBody(name?.raw ?? '');
  }

  protected parseFunctionBody(name: string): CompoundCommand {
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

  protected parseTest(): CompoundCommand {
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
  }}

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
