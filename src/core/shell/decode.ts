import { ownTable } from '../ownTable';
/**
 * Pure decoders for the encodings agents (and attackers) use to hide a command from a naive matcher:
 * ANSI-C `$'...'` strings, `echo -e` / `printf` escapes, base64 and hex dumps. Each is bounded by its
 * input and never throws on malformed text: what cannot be decoded comes back as `undefined`.
 */

const SIMPLE_ESCAPES: Record<string, string> = ownTable({
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
});

function isOctal(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '7';
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

function codePoint(n: number): string {
  return n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}

/**
 * Decode backslash escapes in `text` starting at each backslash. `octalNeedsZero` is the `echo -e`
 * rule (`\0NNN`); ANSI-C and printf take `\NNN`.
 */
function decodeEscapes(text: string, octalNeedsZero: boolean, stopAtC: boolean): { text: string; stopped: boolean } {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      i++;
      continue;
    }
    const e = text[i + 1]!;
    if (e in SIMPLE_ESCAPES && !(octalNeedsZero && (e === "'" || e === '"' || e === '?'))) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (e === 'c' && stopAtC) {
      return { text: out, stopped: true };
    } else if (e === 'c' && i + 2 < text.length) {
      out += String.fromCharCode(text.charCodeAt(i + 2) & 0x1f);
      i += 3;
    } else if (e === 'x' && isHex(text[i + 2])) {
      let j = i + 2;
      let n = 0;
      while (j < i + 4 && isHex(text[j])) n = n * 16 + parseInt(text[j++]!, 16);
      out += String.fromCharCode(n);
      i = j;
    } else if ((e === 'u' || e === 'U') && isHex(text[i + 2])) {
      const max = e === 'u' ? 4 : 8;
      let j = i + 2;
      let n = 0;
      while (j < i + 2 + max && isHex(text[j])) n = n * 16 + parseInt(text[j++]!, 16);
      out += codePoint(n);
      i = j;
    } else if (octalNeedsZero ? e === '0' : isOctal(e)) {
      let j = octalNeedsZero ? i + 2 : i + 1;
      let n = 0;
      const limit = j + 3;
      while (j < limit && isOctal(text[j])) n = n * 8 + (text.charCodeAt(j++) - 48);
      out += String.fromCharCode(n & 0xff);
      i = j;
    } else {
      out += '\\' + e;
      i += 2;
    }
  }
  return { text: out, stopped: false };
}

/** The value of a `$'...'` body (without the quotes). */
export function decodeAnsiC(body: string): string {
  return decodeEscapes(body, false, false).text;
}

/** What `echo -e` prints for these escapes; `\c` ends the output. */
export function decodeEchoEscapes(text: string): { text: string; stopped: boolean } {
  return decodeEscapes(text, true, true);
}

/**
 * What `printf FORMAT ARGS...` prints, for the conversions that matter when a payload is smuggled
 * (%s, %b, %c, %d, %%). The format is reused while arguments remain, as printf does. Returns
 * undefined for conversions it does not model, so the caller treats the output as unknown.
 */
export function printfOutput(format: string, args: readonly string[], maxLength = 1 << 20): string | undefined {
  let out = '';
  let argIndex = 0;
  for (let round = 0; round < 1000; round++) {
    let i = 0;
    let consumed = false;
    while (i < format.length) {
      const c = format[i]!;
      if (c === '\\') {
        const start = i;
        i++;
        if (i < format.length && isOctal(format[i])) {
          const limit = i + 3;
          while (i < limit && isOctal(format[i])) i++;
        } else if (format[i] === 'x') {
          i++;
          const limit = i + 2;
          while (i < limit && isHex(format[i])) i++;
        } else if (format[i] === 'u' || format[i] === 'U') {
          const limit = i + 1 + (format[i] === 'u' ? 4 : 8);
          i++;
          while (i < limit && isHex(format[i])) i++;
        } else {
          i++;
        }
        const decoded = decodeEscapes(format.slice(start, i), false, true);
        out += decoded.text;
        if (decoded.stopped) return out;
        continue;
      }
      if (c !== '%') {
        out += c;
        i++;
        continue;
      }
      i++;
      if (format[i] === '%') {
        out += '%';
        i++;
        continue;
      }
      // Flags, width and precision are accepted and ignored: they pad, they do not change the text.
      while (i < format.length && '-+ #0'.includes(format[i]!)) i++;
      while (i < format.length && ((format[i]! >= '0' && format[i]! <= '9') || format[i] === '.')) i++;
      const conv = format[i];
      i++;
      const arg = args[argIndex];
      if (arg !== undefined) {
        argIndex++;
        consumed = true;
      }
      const value = arg ?? '';
      if (conv === 's') out += value;
      else if (conv === 'b') {
        const decoded = decodeEchoEscapes(value);
        out += decoded.text;
        if (decoded.stopped) return out;
      } else if (conv === 'c') out += value.slice(0, 1);
      else if (conv === 'd' || conv === 'i' || conv === 'u') out += String(parseInt(value || '0', 10) || 0);
      else return undefined;
      if (out.length > maxLength) return undefined;
    }
    if (!consumed || argIndex >= args.length) break;
  }
  return out;
}

const BASE64_VALUES: Int16Array = (() => {
  const table = new Int16Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  // The URL-safe alphabet decodes too: `base64 -d` rejects it, but `basenc --base64url -d` does not.
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

/** Bytes to text: UTF-8 when valid, otherwise one character per byte. */
function bytesToText(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    let cp = 0;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    } else if ((b & 0xe0) === 0xc0) {
      need = 1;
      cp = b & 0x1f;
    } else if ((b & 0xf0) === 0xe0) {
      need = 2;
      cp = b & 0x0f;
    } else if ((b & 0xf8) === 0xf0) {
      need = 3;
      cp = b & 0x07;
    } else {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    let ok = true;
    for (let k = 1; ok && k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (next & 0x3f);
    }
    if (ok) {
      out += codePoint(cp);
      i += need + 1;
    } else {
      out += String.fromCharCode(b);
      i++;
    }
  }
  return out;
}

/** Decode base64 text (whitespace ignored, padding optional). Undefined when it is not base64. */
export function decodeBase64(input: string): string | undefined {
  const bytes = decodeBase64Bytes(input);
  if (bytes === undefined || bytes.length === 0) return undefined;
  return bytesToText(bytes);
}

/** UTF-16LE bytes (PowerShell's -EncodedCommand) from base64. */
export function decodeBase64Utf16le(input: string): string | undefined {
  const latin = decodeBase64Bytes(input);
  if (latin === undefined || latin.length % 2 !== 0) return undefined;
  let out = '';
  for (let i = 0; i + 1 < latin.length; i += 2) out += String.fromCharCode(latin[i]! | (latin[i + 1]! << 8));
  return out;
}

function decodeBase64Bytes(input: string): number[] | undefined {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code === 61) break;
    if (code === 32 || code === 10 || code === 13 || code === 9) continue;
    const value = code < 128 ? BASE64_VALUES[code]! : -1;
    if (value < 0) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return bytes;
}

/** Decode a plain hex dump (`xxd -p` output; whitespace ignored). Undefined when it is not hex. */
export function decodeHex(input: string): string | undefined {
  const bytes: number[] = [];
  let pending = -1;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    if (!isHex(c)) return undefined;
    const v = parseInt(c, 16);
    if (pending < 0) pending = v;
    else {
      bytes.push(pending * 16 + v);
      pending = -1;
    }
  }
  if (bytes.length === 0) return undefined;
  return bytesToText(bytes);
}
