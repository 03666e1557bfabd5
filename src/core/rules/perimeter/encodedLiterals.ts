/**
 * Text hidden in code as base64 or hex literals (`b64decode('LmN1cnNvci9ob29rcy5qc29u')`,
 * `Buffer.from('…','base64')`, `bytes.fromhex('2e63…')`): decoded, so the perimeter's needles see the
 * paths they spell. Only runs that decode to printable text count; the rest is noise.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i] as const));

function fromBase64(text: string): string | undefined {
  const clean = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const c of clean) {
    const v = B64_INDEX.get(c);
    if (v === undefined) return undefined;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >> bits) & 0xff);
    }
  }
  return out;
}

function fromHex(text: string): string {
  let out = '';
  for (let i = 0; i + 1 < text.length; i += 2) out += String.fromCharCode(parseInt(text.slice(i, i + 2), 16));
  return out;
}

const PRINTABLE = /^[\t\n\r -~]+$/;
const MAX_LITERALS = 32;

/** The printable texts that base64 and hex literals in `code` decode to (nested once). */
export function decodedLiterals(code: string): string[] {
  const out: string[] = [];
  const visit = (text: string, depth: number): void => {
    let n = 0;
    for (const m of text.matchAll(/[A-Za-z0-9+/_-]{12,}={0,2}/g)) {
      if (++n > MAX_LITERALS) break;
      const token = m[0];
      const candidates = /^(?:[0-9a-fA-F]{2}){6,}$/.test(token) ? [fromHex(token), fromBase64(token)] : [fromBase64(token)];
      for (const decoded of candidates) {
        if (decoded === undefined || decoded.length < 4 || !PRINTABLE.test(decoded)) continue;
        out.push(decoded);
        if (depth < 1) visit(decoded, depth + 1);
      }
    }
  };
  if (/[A-Za-z0-9+/]{12,}/.test(code)) visit(code, 0);
  return out;
}
