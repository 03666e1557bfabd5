/**
 * What every layer of the shell parser shares: the budget (nodes, nesting) it spends, the position in
 * the source, the characters that end words, and the reserved words that end lists. The layers:
 * `parserBase.ts` (this), `parseWords.ts` (words, quotes, expansions, heredoc bodies),
 * `parseSimple.ts` (simple commands, assignments, redirections), `parser.ts` (lists, pipelines,
 * compound commands, and the entry point `parseShell`).
 */

import type { RedirectNode } from './ast';

export interface ParseLimits {
  /** Nesting depth of constructs (subshells, substitutions, compound commands). */
  maxDepth: number;
  /** Commands, words and substitutions created, in total. */
  maxNodes: number;
}

/** Shared between a parser and the parsers it starts for backtick bodies. */
export interface Budget {
  limits: ParseLimits;
  depth: number;
  nodes: number;
  truncated: boolean;
  truncatedReason?: string;
  errors: string[];
  /** POSIX sh (dash) reading: `((` opens two subshells, not a bash arithmetic command. */
  posix: boolean;
}

/** Characters of text read again that cost as much as building one node. */
const RESCAN_CHARACTERS_PER_NODE = 64;

export interface Stops {
  /** Reserved words that end this list at command position (`fi`, `done`, `}` ...). */
  words?: ReadonlySet<string>;
  /** A `)` ends the list (subshell, `$(...)`, case pattern bodies do not use this). */
  paren?: boolean;
  /** `;;`, `;&`, `;;&` end the list (a case item). */
  caseEnd?: boolean;
}

export const RESERVED = new Set([
  'if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in',
  'function', 'select', '{', '}', '!', '[[', ']]', 'time',
]);

export const STOP_THEN = new Set(['then']);
export const STOP_IF_BODY = new Set(['elif', 'else', 'fi']);
export const STOP_FI = new Set(['fi']);
export const STOP_DO = new Set(['do']);
export const STOP_DONE = new Set(['done']);
export const STOP_BRACE = new Set(['}']);
export const STOP_ESAC = new Set(['esac']);
export const STOP_NONE: Stops = {};

/** Characters that end a run of plain word text (ASCII codes): blanks, operators, quotes, `$`, `\\`. */
export const SPECIAL: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (const c of ' \t\r\n;&|<>()\\\'"$`') table[c.charCodeAt(0)] = 1;
  return table;
})();

/** A word that is a variable name and `=` (or `+=`), as `declare`/`local` take before an array. */
export const DECLARED_ARRAY = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/;

export function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

/** Characters that end an unquoted word. */
export function isWordEnd(c: string | undefined): boolean {
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

export function isNameStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
}

export function isNameChar(c: string | undefined): boolean {
  return isNameStart(c) || (c !== undefined && c >= '0' && c <= '9');
}

export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

export abstract class ParserBase {
  protected pos = 0;
  protected readonly pending: { node: RedirectNode; delimiter: string; stripTabs: boolean }[] = [];

  constructor(
    protected readonly src: string,
    protected readonly budget: Budget,
  ) {}

  protected done(): boolean {
    return this.pos >= this.src.length || this.budget.truncated;
  }

  protected error(message: string): void {
    if (this.budget.errors.length < 20) this.budget.errors.push(message);
  }

  protected count(): boolean {
    if (++this.budget.nodes > this.budget.limits.maxNodes) this.truncate('the command is too large to analyse');
    return !this.budget.truncated;
  }

  /**
   * Text read a second time (a heredoc body or backtick body parsed for its substitutions) is work
   * too: counted as nodes, one per RESCAN_CHARACTERS_PER_NODE characters, before it is read, so
   * heredocs nested in substitutions nested in heredocs stay within the budget.
   */
  protected countRescan(length: number): boolean {
    this.budget.nodes += Math.floor(length / RESCAN_CHARACTERS_PER_NODE);
    return this.count();
  }

  protected truncate(reason: string): void {
    if (!this.budget.truncated) {
      this.budget.truncated = true;
      this.budget.truncatedReason = reason;
      this.error(reason);
    }
    this.pos = this.src.length;
  }

  protected enter(): boolean {
    if (++this.budget.depth > this.budget.limits.maxDepth) {
      this.budget.depth--;
      this.truncate('the command nests too deeply to analyse');
      return false;
    }
    return true;
  }

  protected leave(): void {
    this.budget.depth--;
  }

  /** Spaces, tabs, line continuations and comments; not newlines. */
  protected skipBlanks(): void {
    const src = this.src;
    for (;;) {
      const c = src[this.pos];
      if (isBlank(c)) this.pos++;
      else if (c === '\\' && src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }}
