/**
 * The value of an integer expression made of constants only (stop 37, red team round 27: `kill -$((5*2)) PID`,
 * `os.kill(pid, 5+5)`): decimal and hex numbers, `+ - * / // % **`, shifts, bit operators, unary signs and
 * parentheses, as shells' `$(( ))` and most languages read them. Anything else (a name, a call, a string) is
 * undefined: the caller then treats the value as computed at run time.
 */

const TOKEN = /\s*(0x[0-9a-f]+|\d+|\*\*|\/\/|<<|>>|[-+*/%()&|^~])/iy;
const MAX_TEXT = 200;

export function constantArithmetic(text: string): number | undefined {
  if (text.length > MAX_TEXT || !/^[\s\dxa-fA-FX+\-*/%()&|^~<>]+$/.test(text)) return undefined;
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) return text.slice(at).trim() === '' ? finish(tokens) : undefined;
    tokens.push(m[1]!);
  }
  return finish(tokens);
}

function finish(tokens: string[]): number | undefined {
  let i = 0;
  const BINARY: readonly (readonly string[])[] = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '//', '%']];
  const apply = (op: string, a: number, b: number): number | undefined => {
    switch (op) {
      case '|': return a | b;
      case '^': return a ^ b;
      case '&': return a & b;
      case '<<': return a << b;
      case '>>': return a >> b;
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/': case '//': return b === 0 ? undefined : Math.trunc(a / b);
      case '%': return b === 0 ? undefined : a % b;
      case '**': return b < 0 || b > 64 ? undefined : a ** b;
    }
    return undefined;
  };
  const level = (n: number): number | undefined => {
    if (n === BINARY.length) return power();
    let left = level(n + 1);
    while (left !== undefined && i < tokens.length && BINARY[n]!.includes(tokens[i]!)) {
      const op = tokens[i++]!;
      const right = level(n + 1);
      left = right === undefined ? undefined : apply(op, left, right);
    }
    return left;
  };
  const power = (): number | undefined => {
    const base = unary();
    if (base === undefined || tokens[i] !== '**') return base;
    i++;
    const exponent = power();
    return exponent === undefined ? undefined : apply('**', base, exponent);
  };
  const unary = (): number | undefined => {
    const t = tokens[i];
    if (t === '-' || t === '+' || t === '~') {
      i++;
      const v = unary();
      return v === undefined ? undefined : t === '-' ? -v : t === '~' ? ~v : v;
    }
    if (t === '(') {
      i++;
      const v = level(0);
      if (tokens[i++] !== ')') return undefined;
      return v;
    }
    if (t !== undefined && /^(0x[0-9a-f]+|\d+)$/i.test(t)) {
      i++;
      return Number(t);
    }
    return undefined;
  };
  const value = level(0);
  return value !== undefined && i === tokens.length && Number.isSafeInteger(value) ? value : undefined;
}
