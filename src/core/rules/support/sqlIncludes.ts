/**
 * Client commands that run the statements of another file: psql's `\i`, `\ir`, `\include`,
 * `\include_relative`, mysql's `source` and `\.`, sqlite's `.read`. What they include is read one
 * level deep; a file that cannot be read leaves the statements unknown.
 */

const INCLUDE = /(?:^|\n|\\\\|;|-c\s)\s*(?:\\i|\\ir|\\include|\\include_relative|\\\.|source|\.read)\s+(['"]?)([^\s'";]+)\1/gi;

export function includedScripts(texts: readonly string[], read: (path: string) => string | undefined): { texts: string[]; unreadable?: string } {
  const out: string[] = [];
  let unreadable: string | undefined;
  for (const text of texts) {
    for (const m of text.matchAll(INCLUDE)) {
      const path = m[2]!;
      const included = /[$`]/.test(path) ? undefined : read(path);
      if (included === undefined) unreadable = path;
      else out.push(included);
      if (out.length >= 20) return { texts: out, ...(unreadable !== undefined ? { unreadable } : {}) };
    }
  }
  return { texts: out, ...(unreadable !== undefined ? { unreadable } : {}) };
}
