/**
 * Client commands inside SQL text that run another file's statements: psql `\i`/`\ir`/`\include`,
 * mysql `source`/`\.`, sqlite `.read`. A platform's database shell passes its statements to the same
 * client (`heroku pg:psql -c "\i wipe.sql"`), so the file is read and judged with them, one level deep.
 */
const INCLUDE = /(?:^|\n|\\\\|;)\s*(?:\\i|\\ir|\\include|\\include_relative|\\\.|source|\.read)\s+(['"]?)([^\s'";]+)\1/gi;

export function includedSql(texts: readonly string[], read: (path: string) => string | undefined): { texts: string[]; opaque?: string } {
  const out: string[] = [];
  let opaque: string | undefined;
  for (const text of texts) {
    for (const m of text.matchAll(INCLUDE)) {
      const included = read(m[2]!);
      if (included === undefined) opaque = `runs statements from ${m[2]}, which could not be read`;
      else out.push(included);
      if (out.length >= 8) return { texts: out, ...(opaque ? { opaque } : {}) };
    }
  }
  return { texts: out, ...(opaque ? { opaque } : {}) };
}
