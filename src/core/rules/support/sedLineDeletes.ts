import { protectionLostBy, removalLowers } from './releaseValues';

/**
 * Lines a sed script deletes (`/prevent_destroy/d`, `/lifecycle/,+2d`, `12,14d`, `/re/c\…`) that hold a
 * protection (red team round 17): a line that switches a protection on, once deleted, leaves the setting
 * at its default — off — so the next apply may destroy what it protected. Judged twice: by the script
 * (its address names a protection key from the key table, or a range starts at a block that holds one,
 * such as Terraform's `lifecycle`), whatever the file holds now; and by the file's own lines the
 * addresses select, when the file can be read. Deleting other lines (comments, tags) stays allowed;
 * `sed -n '/prevent_destroy/p'` prints and deletes nothing (the caller only asks about in-place edits).
 */

/** Blocks whose range holds a deletion protection (Terraform's `lifecycle { prevent_destroy = true }`). */
const PROTECTION_BLOCK = /^lifecycle$/i;
const ON = /^["']?(true|yes|on|enabled?|retain|1)["']?[,;]?$/i;

interface Address {
  re?: RegExp;
  pattern?: string;
  line?: number;
  last?: boolean;
}
interface Delete {
  from: Address;
  to?: Address & { plus?: number };
}

/** One address at `text[i]`: `/re/`, `\cREc`, a line number or `$`. */
function address(text: string, i: number): { addr: Address; end: number } | undefined {
  const num = /^\d+/.exec(text.slice(i));
  if (num) return { addr: { line: Number(num[0]) }, end: i + num[0].length };
  if (text[i] === '$') return { addr: { last: true }, end: i + 1 };
  let delim = text[i];
  let start = i + 1;
  if (delim === '\\') {
    delim = text[i + 1];
    start = i + 2;
  } else if (delim !== '/') return undefined;
  if (delim === undefined) return undefined;
  let j = start;
  while (j < text.length && text[j] !== delim) j += text[j] === '\\' ? 2 : 1;
  if (j >= text.length) return undefined;
  const pattern = text.slice(start, j);
  let re: RegExp | undefined;
  try {
    // sed's basic syntax: `\+`, `\?`, `\|` are the operators, `+` `?` `|` plain characters — close enough to read which lines match.
    re = new RegExp(pattern.replace(/\\([+?|(){}])/g, '$1').replace(/\\s/g, '\\s'), /I/.test(text[j + 1] ?? '') ? 'i' : '');
  } catch {
    re = undefined;
  }
  return { addr: { pattern, ...(re ? { re } : {}) }, end: j + 1 + (text[j + 1] === 'I' ? 1 : 0) };
}

/** The delete (`d`) and change (`c`) commands of a sed script with their addresses; a negated one (`!d`) is another family's wipe. */
export function sedDeletes(script: string): Delete[] {
  const out: Delete[] = [];
  let i = 0;
  while (i < script.length && out.length < 32) {
    while (i < script.length && /[\s;{}]/.test(script[i]!)) i++;
    const first = address(script, i);
    if (!first) {
      // Skip to the next command (an `s` command's parts may hold `;`: good enough to find the addressed deletes).
      const next = script.slice(i).search(/[;\n]/);
      if (next < 0) break;
      i += next + 1;
      continue;
    }
    let end = first.end;
    let to: Delete['to'];
    const comma = /^\s*,\s*/.exec(script.slice(end));
    if (comma) {
      end += comma[0].length;
      const plus = /^[+~](\d+)/.exec(script.slice(end));
      const second = plus ? undefined : address(script, end);
      if (plus) {
        to = { plus: Number(plus[1]) };
        end += plus[0].length;
      } else if (second) {
        to = second.addr;
        end = second.end;
      }
    }
    const cmd = /^\s*(!?)\s*([dcD])(?![\w])/.exec(script.slice(end));
    if (cmd && cmd[1] === '') out.push({ from: first.addr, ...(to ? { to } : {}) });
    const next = script.slice(end).search(/[;\n}]/);
    if (next < 0) break;
    i = end + next + 1;
  }
  return out;
}

/** What protection a key stands for, if setting it off lowers one (`prevent_destroy`, `deletion_protection`). */
function protectionOfKey(key: string): string | undefined {
  const m = protectionLostBy({ path: [key], value: 'false' });
  if (m) return m.id !== 'persistence-off' ? key : undefined;
  // A setting whose default lowers (`allowPrivilegeEscalation`: on unless set).
  return removalLowers(key) ? key : undefined;
}

/** The words of a pattern that name a protection (`^\s*prevent_destroy` → `prevent_destroy`). */
function namedProtection(pattern: string | undefined, accept: (key: string) => boolean): string | undefined {
  // `/prevent_destroy = false/d` deletes a protection already off: the default it falls back to is the same.
  if (/[=:]\s*\\?s?\*?\s*["']?(false|no|off|0|disabled?)\b/i.test(pattern ?? '')) return undefined;
  for (const w of (pattern ?? '').replace(/\\[sSwWbB]/g, ' ').match(/[A-Za-z][\w-]{2,}/g) ?? []) {
    const key = protectionOfKey(w);
    if (key !== undefined && accept(key)) return key;
  }
  return undefined;
}

/** `key = value` / `key: value` on one line, its value plainly on. */
function protectionOnLine(line: string, accept: (key: string) => boolean): string | undefined {
  const m = /^\s*"?([A-Za-z][\w-]*)"?\s*[=:]\s*(\S+)\s*(#.*)?$/.exec(line);
  if (!m || !accept(m[1]!)) return undefined;
  // `allowPrivilegeEscalation: false` holds the protection with a false value: deleted, the default (on) lowers it.
  if (!ON.test(m[2]!)) return protectionLostBy({ path: [m[1]!], value: 'false' }) === undefined && removalLowers(m[1]!) && protectionLostBy({ path: [m[1]!], value: m[2]!.replace(/^["']|["'][,;]?$/g, '') }) === undefined ? m[1]! : undefined;
  return protectionOfKey(m[1]!);
}

function matches(a: Address, line: string, n: number, count: number): boolean {
  if (a.line !== undefined) return n === a.line;
  if (a.last) return n === count;
  return a.re !== undefined && a.re.test(line);
}

/** The lines of `text` the deletes select (GNU sed's ranges: a range ends at its second address, checked from the next line). */
function deletedLines(text: string, deletes: readonly Delete[]): string[] {
  const lines = text.split('\n').slice(0, 20_000);
  const out: string[] = [];
  for (const d of deletes) {
    let open = false;
    let until = 0;
    lines.forEach((line, idx) => {
      const n = idx + 1;
      if (open) {
        out.push(line);
        const to = d.to!;
        if (to.plus !== undefined ? n >= until : matches(to, line, n, lines.length) || (to.line !== undefined && n >= to.line)) open = false;
        return;
      }
      if (!matches(d.from, line, n, lines.length)) return;
      out.push(line);
      if (d.to) {
        if (d.to.plus !== undefined) {
          until = n + d.to.plus;
          open = d.to.plus > 0;
        } else open = !(d.to.line !== undefined && d.to.line <= n);
      }
    });
  }
  return out;
}

/** What protection the script's deletes take out of the file (`text`: its lines now, if readable), in words for a reason. */
export function protectionDeleted(script: string, text: string | undefined, accept: (key: string) => boolean = () => true): string | undefined {
  const deletes = sedDeletes(script);
  if (deletes.length === 0) return undefined;
  for (const d of deletes) {
    const key = namedProtection(d.from.pattern, accept) ?? namedProtection(d.to?.pattern, accept);
    if (key !== undefined) return `deletes the ${key} lines`;
    if (d.to !== undefined && d.from.pattern !== undefined && accept('prevent_destroy') && (d.from.pattern.replace(/\\[sSwWbB]/g, ' ').match(/[A-Za-z]\w*/g) ?? []).some((w) => PROTECTION_BLOCK.test(w))) return 'deletes the lifecycle block (where prevent_destroy is set)';
  }
  if (text === undefined) return undefined;
  for (const line of deletedLines(text, deletes)) {
    const key = protectionOnLine(line, accept);
    if (key !== undefined) return `deletes the line \`${line.trim().slice(0, 80)}\``;
  }
  return undefined;
}
