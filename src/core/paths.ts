/**
 * POSIX path arithmetic for core, which may not import node:path. Windows paths are normalised to
 * forward slashes by the node layer before they reach core.
 */

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

/** A path `normalize` would change: a repeated or trailing slash, a `.` or `..` segment. */
const NOT_NORMAL = /\/\/|\/$|(?:^|\/)\.{1,2}(?:\/|$)/;

/** Collapse '.', '..' and repeated slashes. Keeps a leading '/' for absolute paths. */
export function normalize(p: string): string {
  // Most paths are already normal: returned as they are, without splitting.
  if (p !== '' && !NOT_NORMAL.test(p)) return p;
  const abs = isAbsolute(p);
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  if (abs) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** Resolve `p` against `base` (absolute), expanding a leading `~` to `home`. */
export function resolvePath(base: string, p: string, home: string): string {
  if (p === '~') return normalize(home);
  if (p.startsWith('~/')) return normalize(home + '/' + p.slice(2));
  if (isAbsolute(p)) return normalize(p);
  return normalize(base + '/' + p);
}

export function basename(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  return i < 0 ? trimmed : trimmed.slice(i + 1);
}

export function dirname(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return trimmed.slice(0, i);
}

/** Is `child` equal to or inside `parent`? Both absolute and normalised. */
export function isWithin(parent: string, child: string): boolean {
  if (parent === '/') return child.startsWith('/');
  // `child.startsWith(parent + '/')` without building the joined string (asked for every word and protected place).
  if (child.length <= parent.length) return child === parent;
  return child.charCodeAt(parent.length) === 47 && child.startsWith(parent);
}

/** `target` relative to `from` when inside it, else `target` unchanged. */
export function relativeTo(from: string, target: string): string {
  if (target === from) return '.';
  return isWithin(from, target) ? target.slice(from.length + 1) : target;
}
