/**
 * From parsed words to what the rule packs read: quote removal, the dynamic / glob flags, and bash
 * brace expansion of static words (`{cat,.env}` is two words, `cat` and `.env`).
 */

import type { ArgWord, Word } from './ast';

/** A word's text with quotes removed; dynamic parts stay as written. */
export function wordText(word: Word): string {
  let text = '';
  for (const part of word.parts) text += part.kind === 'literal' ? part.text : part.raw;
  return text;
}

export function isDynamic(word: Word): boolean {
  for (const part of word.parts) if (part.kind !== 'literal') return true;
  return false;
}

/** Unquoted `*`, `?`, `[...]` or an extended glob. */
function literalHasGlob(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '*' || c === '?') return true;
    if (c === '[' && text.indexOf(']', i + 2) > i) return true;
  }
  return false;
}

/** Unquoted `*`, `?` or `[...]` (brace expansion aside). */
export function hasPatternGlob(word: Word): boolean {
  for (const part of word.parts) if (part.kind === 'literal' && !part.quoted && literalHasGlob(part.text)) return true;
  return false;
}

export function hasGlob(word: Word): boolean {
  return hasPatternGlob(word) || hasBraceExpansion(word);
}

/** An unquoted `{...}` holding a top-level `,` or `..` (what bash expands). */
export function hasBraceExpansion(word: Word): boolean {
  let sawOpen = false;
  for (const part of word.parts) {
    if (part.kind === 'literal' && !part.quoted) {
      if (part.text.includes('{')) sawOpen = true;
      if (sawOpen && part.text.includes('}')) return findBrace(toChars(word), 0) !== undefined;
    }
  }
  return false;
}

export function toArgWord(word: Word): ArgWord {
  return { text: wordText(word), raw: word.raw, dynamic: isDynamic(word), glob: hasGlob(word) };
}

interface Char {
  c: string;
  quoted: boolean;
}

function toChars(word: Word): Char[] {
  const chars: Char[] = [];
  for (const part of word.parts) {
    if (part.kind === 'literal') for (const c of part.text) chars.push({ c, quoted: part.quoted });
    else for (const c of part.raw) chars.push({ c, quoted: true });
  }
  return chars;
}

interface BraceSpan {
  open: number;
  close: number;
  /** Indices of top-level commas; empty for a sequence. */
  commas: number[];
  sequence?: string[];
}

function sequenceItems(body: string, max: number): string[] | undefined {
  const parts = body.split('..');
  if (parts.length < 2 || parts.length > 3) return undefined;
  const [from, to, stepText] = parts as [string, string, string | undefined];
  const step = stepText === undefined ? 1 : Math.abs(Number(stepText)) || 1;
  if (stepText !== undefined && !/^-?\d+$/.test(stepText)) return undefined;
  const items: string[] = [];
  if (/^-?\d+$/.test(from) && /^-?\d+$/.test(to)) {
    const a = Number(from);
    const b = Number(to);
    const width = (from.startsWith('0') && from.length > 1) || (to.startsWith('0') && to.length > 1) ? Math.max(from.length, to.length) : 0;
    for (let n = a; a <= b ? n <= b : n >= b; n += a <= b ? step : -step) {
      if (items.length >= max) return undefined;
      items.push(width ? String(n).padStart(width, '0') : String(n));
    }
    return items;
  }
  if (from.length === 1 && to.length === 1) {
    const a = from.charCodeAt(0);
    const b = to.charCodeAt(0);
    for (let n = a; a <= b ? n <= b : n >= b; n += a <= b ? step : -step) {
      if (items.length >= max) return undefined;
      items.push(String.fromCharCode(n));
    }
    return items;
  }
  return undefined;
}

function findBrace(chars: readonly Char[], from: number): BraceSpan | undefined {
  for (let open = from; open < chars.length; open++) {
    const ch = chars[open]!;
    if (ch.quoted || ch.c !== '{') continue;
    if (open > 0 && chars[open - 1]!.c === '$' && !chars[open - 1]!.quoted) continue;
    let depth = 0;
    const commas: number[] = [];
    for (let i = open; i < chars.length; i++) {
      const c = chars[i]!;
      if (c.quoted) continue;
      if (c.c === '{') depth++;
      else if (c.c === '}') {
        depth--;
        if (depth === 0) {
          if (commas.length > 0) return { open, close: i, commas };
          const body = chars.slice(open + 1, i);
          if (body.every((b) => !b.quoted)) {
            const sequence = sequenceItems(body.map((b) => b.c).join(''), 1024);
            if (sequence) return { open, close: i, commas: [], sequence };
          }
          break;
        }
      } else if (c.c === ',' && depth === 1) commas.push(i);
    }
  }
  return undefined;
}

function joinChars(chars: readonly Char[]): string {
  let s = '';
  for (const c of chars) s += c.c;
  return s;
}

function expandChars(chars: readonly Char[], max: number, depth: number): string[] | undefined {
  if (depth > 16) return undefined;
  const span = findBrace(chars, 0);
  if (!span) return [joinChars(chars)];
  const prefix = joinChars(chars.slice(0, span.open));
  const suffixes = expandChars(chars.slice(span.close + 1), max, depth + 1);
  if (!suffixes) return undefined;
  let middles: string[] = [];
  if (span.sequence) middles = span.sequence;
  else {
    let start = span.open + 1;
    for (const end of [...span.commas, span.close]) {
      const alternatives = expandChars(chars.slice(start, end), max, depth + 1);
      if (!alternatives) return undefined;
      middles.push(...alternatives);
      start = end + 1;
    }
  }
  const out: string[] = [];
  for (const middle of middles) {
    for (const suffix of suffixes) {
      if (out.length >= max) return undefined;
      out.push(prefix + middle + suffix);
    }
  }
  return out;
}

/**
 * The words a static word expands to under brace expansion, or undefined when it has no brace
 * expansion, is dynamic, or would expand to more than `max` words.
 */
export function expandBraces(word: Word, max = 256): string[] | undefined {
  if (isDynamic(word) || !hasBraceExpansion(word)) return undefined;
  return expandChars(toChars(word), max, 0);
}
