/**
 * The few things Blast Shield reads and writes in Codex's `config.toml`, by line, without a TOML
 * library on the hook's bundle: a `[hooks.state."<key>"]` table with `trusted_hash` (written inside a
 * marked block of our own, or edited in place when the user's own table for that key exists), whether
 * a hook state says `enabled = false`, whether hooks are turned off under `[features]`, and a
 * project's `trust_level`. Anything written in a form this does not understand (dotted keys, inline
 * tables) is reported, never guessed at.
 */

export const TRUST_MARKER = '# blast-shield-hook: Codex runs a hook only once it is trusted; this trusts the Blast Shield hook (blast-shield uninstall codex removes it)';

export function tomlString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** The segments of a dotted TOML key (`hooks.state."a.b"` -> hooks, state, a.b), or undefined if unreadable. */
export function keySegments(text: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  const skip = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  for (;;) {
    skip();
    if (text[i] === '"') {
      let seg = '';
      i++;
      for (; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') {
          const next = text[++i];
          if (next === 'u' || next === 'U') {
            const len = next === 'u' ? 4 : 8;
            seg += String.fromCodePoint(parseInt(text.slice(i + 1, i + 1 + len), 16));
            i += len;
          } else seg += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[next ?? ''] ?? next ?? '';
        } else seg += text[i];
      }
      if (text[i] !== '"') return undefined;
      i++;
      out.push(seg);
    } else if (text[i] === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return undefined;
      out.push(text.slice(i + 1, end));
      i = end + 1;
    } else {
      const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i));
      if (!m) return undefined;
      out.push(m[0]);
      i += m[0].length;
    }
    skip();
    if (i >= text.length) return out;
    if (text[i] !== '.') return undefined;
    i++;
  }
}

interface Table {
  segments: string[];
  /** Line index of the header, and one past the table's last line. */
  header: number;
  end: number;
}

function headerOf(line: string): string[] | undefined {
  const m = /^\s*\[(?!\[)(.*)\]\s*(#.*)?$/.exec(line);
  return m ? keySegments(m[1] ?? '') : undefined;
}

function tables(lines: string[]): Table[] {
  const out: Table[] = [];
  lines.forEach((line, i) => {
    const isHeader = /^\s*\[/.test(line);
    if (!isHeader) return;
    const last = out[out.length - 1];
    if (last && last.end === lines.length) last.end = i;
    out.push({ segments: headerOf(line) ?? ['<unreadable>'], header: i, end: lines.length });
  });
  return out;
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** `name = value` in a table's lines; the raw value text (strings unquoted), or undefined. */
function valueIn(lines: string[], from: number, to: number, name: string): string | undefined {
  for (let i = from; i < to; i++) {
    const m = /^\s*([A-Za-z0-9_-]+|"[^"]*")\s*=\s*(.*?)\s*(#.*)?$/.exec(lines[i] ?? '');
    if (!m || (m[1] ?? '').replace(/"/g, '') !== name) continue;
    const raw = m[2] ?? '';
    const str = /^"((?:[^"\\]|\\.)*)"$/.exec(raw) ?? /^'([^']*)'$/.exec(raw);
    return str ? (str[1] ?? '') : raw;
  }
  return undefined;
}

export interface HookStateRead {
  trustedHash?: string;
  enabled?: boolean;
  /** Where the state lives: in our marked block, in a table of the user's, or in a form we do not edit. */
  where: 'ours' | 'table' | 'other' | 'none';
}

function splitLines(text: string): { lines: string[]; eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { lines: text.split(/\r?\n/), eol };
}

export function readHookState(text: string, key: string): HookStateRead {
  const { lines } = splitLines(text);
  const want = ['hooks', 'state', key];
  const table = tables(lines).find((t) => same(t.segments, want));
  if (table) {
    const enabled = valueIn(lines, table.header + 1, table.end, 'enabled');
    return {
      where: lines[table.header - 1] === TRUST_MARKER ? 'ours' : 'table',
      trustedHash: valueIn(lines, table.header + 1, table.end, 'trusted_hash'),
      ...(enabled !== undefined ? { enabled: enabled !== 'false' } : {}),
    };
  }
  return text.includes(tomlString(key)) || text.includes(`'${key}'`) ? { where: 'other' } : { where: 'none' };
}

/** Our marked block for `key`: marker, header, trusted_hash; keys Codex later adds to the table belong to it too. */
function ourBlock(lines: string[], key: string): { from: number; to: number } | undefined {
  const table = tables(lines).find((t) => same(t.segments, ['hooks', 'state', key]) && lines[t.header - 1] === TRUST_MARKER);
  if (!table) return undefined;
  // Blank and comment lines before the next table belong to that table (its marker, if ours).
  let to = table.end;
  while (to > table.header + 1 && /^\s*(#.*)?$/.test(lines[to - 1] ?? '') && to < lines.length) to--;
  return { from: table.header - 1, to };
}

/** Whether any block of ours is left (one per installed scope). */
export function hasTrustBlock(text: string): boolean {
  return splitLines(text).lines.includes(TRUST_MARKER);
}

/** The text without our marked block (and the blank line we put before it). */
export function removeTrustBlock(text: string, key: string): string {
  const { lines, eol } = splitLines(text);
  const block = ourBlock(lines, key);
  if (!block) return text;
  const from = block.from > 0 && lines[block.from - 1] === '' ? block.from - 1 : block.from;
  // The split leaves '' after a final newline: keep it, so the file still ends with one.
  const to = block.to === lines.length && lines[lines.length - 1] === '' ? lines.length - 1 : block.to;
  lines.splice(from, to - from);
  return lines.join(eol);
}

/**
 * The text with `key` trusted at `hash`: the user's own table for that key is edited in place; else our
 * marked block is (re)written at the end. Undefined when the key is set in a form we do not edit.
 */
export function withTrust(text: string, key: string, hash: string): string | undefined {
  const state = readHookState(text, key);
  if (state.where === 'other') return undefined;
  if (state.trustedHash === hash) return text;
  const { lines, eol } = splitLines(text);
  const hashLine = `trusted_hash = ${tomlString(hash)}`;
  if (state.where === 'table') {
    const table = tables(lines).find((t) => same(t.segments, ['hooks', 'state', key]));
    if (!table) return undefined;
    const at = lines.findIndex((l, i) => i > table.header && i < table.end && /^\s*"?trusted_hash"?\s*=/.test(l));
    if (at >= 0) lines[at] = hashLine;
    else lines.splice(table.header + 1, 0, hashLine);
    return lines.join(eol);
  }
  const base = removeTrustBlock(text, key);
  const trimmed = base.replace(/(\r?\n)*$/, '');
  const block = [TRUST_MARKER, `[hooks.state.${tomlString(key)}]`, hashLine].join(eol);
  return (trimmed === '' ? '' : trimmed + eol + eol) + block + eol;
}

/** `features.hooks = false` (as `[features]` or a dotted key): Codex then runs no hook at all. */
export function hooksFeatureOff(text: string): boolean {
  const { lines } = splitLines(text);
  const features = tables(lines).find((t) => same(t.segments, ['features']));
  if (features && valueIn(lines, features.header + 1, features.end, 'hooks') === 'false') return true;
  const firstTable = tables(lines)[0]?.header ?? lines.length;
  return lines.slice(0, firstTable).some((l) => /^\s*features\s*\.\s*hooks\s*=\s*false\b/.test(l));
}

/** `[projects."<path>"] trust_level` for the closest listed folder containing `folder`. */
export function projectTrust(text: string, folder: string, isInside: (folder: string, project: string) => boolean): string | undefined {
  const { lines } = splitLines(text);
  let best: { len: number; level: string | undefined } | undefined;
  for (const t of tables(lines)) {
    if (t.segments.length !== 2 || t.segments[0] !== 'projects') continue;
    const project = t.segments[1] ?? '';
    if (!isInside(folder, project)) continue;
    if (best && best.len >= project.length) continue;
    best = { len: project.length, level: valueIn(lines, t.header + 1, t.end, 'trust_level') };
  }
  return best?.level;
}
