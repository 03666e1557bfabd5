/**
 * psql's variables: `psql -v cmd='DROP TABLE users' -c ':cmd'` runs `DROP TABLE users`. Values set with
 * `-v`/`--set`/`--variable NAME=VALUE` are interpolated where a statement says `:NAME` (as written),
 * `:'NAME'` (a quoted literal) or `:"NAME"` (a quoted identifier); `::type` casts are left alone.
 */

export function psqlVariables(settings: readonly string[]): Map<string, string> {
  const vars = new Map<string, string>();
  for (const s of settings) {
    const eq = s.indexOf('=');
    if (eq > 0) vars.set(s.slice(0, eq), s.slice(eq + 1));
  }
  return vars;
}

export function interpolatePsql(text: string, vars: ReadonlyMap<string, string>): string {
  if (vars.size === 0 || !text.includes(':')) return text;
  return text.replace(/(^|[^:\w])(:(['"]?)([A-Za-z_]\w*)\3)/g, (whole, before: string, _ref: string, quote: string, name: string) => {
    const value = vars.get(name);
    if (value === undefined) return whole;
    if (quote === "'") return `${before}'${value.replace(/'/g, "''")}'`;
    if (quote === '"') return `${before}"${value.replace(/"/g, '""')}"`;
    return before + value;
  });
}

/** `\\set NAME 'value'` meta-commands in the statements themselves (`psql -c "\\set t users" -c 'TRUNCATE :t'`), in order. */
export function withMetaSets(vars: ReadonlyMap<string, string>, texts: readonly string[]): Map<string, string> {
  const out = new Map(vars);
  for (const text of texts) {
    for (const m of text.slice(0, 100_000).matchAll(/\\set\s+([A-Za-z_]\w*)\s+(?:'((?:[^']|'')*)'|(\S+))/g)) out.set(m[1]!, m[2] !== undefined ? m[2].replace(/''/g, "'") : m[3]!);
  }
  return out;
}

/** A file's own `\\set t users` before `DROP TABLE :t` (stop 29, round 7): its variables, in order, reach its statements (the `\\set` lines dropped). */
export function withOwnSets<W extends { sql: string[] }>(vars: ReadonlyMap<string, string>, work: W): W {
  const all = withMetaSets(vars, work.sql);
  return all.size === 0 ? work : { ...work, sql: work.sql.map((t) => interpolatePsql(t, all).replace(/^[ \t]*\\set[ \t][^\n]*\n?/gm, '')) };
}
