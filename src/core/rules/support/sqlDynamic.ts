/**
 * SQL that hides the statement it runs: text built at run time and handed to an executor. psql's
 * `\gexec` runs each value a query returns as a statement; `dblink_exec`/`dblink` run their text on a
 * (possibly other) server; PL/pgSQL, MySQL, Oracle, Snowflake and SQL Server run strings through
 * `EXECUTE`, `EXECUTE IMMEDIATE`, `PREPARE … FROM`, `EXEC(…)`, `sp_executesql` and `sp_MSforeachtable`;
 * a function, procedure, trigger or scheduled event keeps a body that runs later. What such text runs
 * is read from the string literals it is built from (`'DROP TABLE ' || tablename`, `format('TRUNCATE
 * %I', t)`, `CONCAT('DROP TABLE ', t)`); an executor whose text no literal says cannot be read in advance.
 */

/** Executors that run text as SQL, each with the words the dialog shows. */
const EXECUTORS: readonly { re: RegExp; shown: string }[] = [
  { re: /\\gexec\b/i, shown: 'psql \\gexec (each value the query returns runs as a statement)' },
  { re: /\bdblink_exec\s*\(/i, shown: 'dblink_exec' },
  { re: /\bdblink(?:_send_query|_open)?\s*\(/i, shown: 'dblink' },
  { re: /\bexecute\s+immediate\b/i, shown: 'EXECUTE IMMEDIATE' },
  { re: /\bprepare\s+[\w$@]+\s+from\b/i, shown: 'PREPARE … FROM' },
  { re: /\bsp_executesql\b/i, shown: 'sp_executesql' },
  { re: /\bsp_msforeach(?:table|db)\b/i, shown: 'sp_MSforeachtable' },
  { re: /\bexec(?:ute)?\s*\(\s*(?:N?'|@)/i, shown: 'EXEC(…)' },
  { re: /\bdbms_sql\.parse\b/i, shown: 'DBMS_SQL' },
];

/** Inside a PL/pgSQL body `EXECUTE <expression>` is dynamic; at the top level `EXECUTE name` runs a prepared statement. */
const BODY_EXECUTE = /\bexecute\s+(?!immediate\b)(?:format\s*\(|'|\$|[A-Za-z_][\w.]*)/i;

/** Statements that keep a body to run later (or now, for DO). */
const BODY_HOLDER = /^(do\b|create\s+(?:or\s+replace\s+)?(?:definer\s*=\s*\S+\s+)?(function|procedure|trigger|event|rule)\b)/i;

export interface DynamicSql {
  /** How the text is run: 'psql \\gexec', 'dblink_exec', 'EXECUTE', 'a DO block', 'a function body'. */
  via: string;
  /** Texts it runs as far as literals say (placeholders filled), to be classified by the caller. */
  built: string[];
  /** The executor's text is not in any literal: it cannot be read in advance. */
  unreadable: boolean;
}

/** String literals of a statement as written, in order, with what separates each from the next. */
function literalsOf(written: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  const n = Math.min(written.length, 200_000);
  let i = 0;
  while (i < n && out.length < 2000) {
    const c = written[i]!;
    if (c === "'" || ((c === 'N' || c === 'n' || c === 'E' || c === 'e') && written[i + 1] === "'" && !/\w/.test(written[i - 1] ?? ''))) {
      const open = c === "'" ? i : i + 1;
      let j = open + 1;
      let text = '';
      while (j < n) {
        const d = written[j]!;
        if (d === "'" && written[j + 1] === "'") {
          text += "'";
          j += 2;
        } else if (d === '\\' && c !== "'" && j + 1 < n) {
          text += written[j + 1];
          j += 2;
        } else if (d === "'") break;
        else {
          text += d;
          j++;
        }
      }
      out.push({ text, start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(written.slice(i, i + 64));
      if (tag) {
        const close = written.indexOf(tag[0], i + tag[0].length);
        const stop = close < 0 ? n : close;
        out.push({ text: written.slice(i + tag[0].length, stop), start: i, end: close < 0 ? n : close + tag[0].length });
        i = close < 0 ? n : close + tag[0].length;
        continue;
      }
    }
    if (c === '-' && written[i + 1] === '-') {
      const eol = written.indexOf('\n', i);
      i = eol < 0 ? n : eol;
      continue;
    }
    i++;
  }
  return out;
}

/** Format placeholders (`%I`, `%s`, `%L`, `?`, `{0}`) stand for a name. */
function fillPlaceholders(text: string): string {
  return text.replace(/%(?:\d+\$)?[sIL]/g, 'x').replace(/\{\d+\}/g, 'x');
}

/**
 * The texts a statement's literals build: literals joined by a concatenation (`||`, `+`), an expression
 * between or after them (`'DROP TABLE ' || tablename || ';'`) read as a name.
 */
export function builtTexts(written: string): string[] {
  const literals = literalsOf(written);
  const out: string[] = [];
  let chain = '';
  // A chain followed by a concatenation goes on with a name (`'TRUNCATE ' || string_agg(…)`).
  const close = (k: number): string => (/^\s*(\|\||\+)/.test(written.slice(literals[k]!.end)) ? `${chain} x` : chain);
  for (let k = 0; k < literals.length; k++) {
    const lit = literals[k]!;
    if (k === 0) {
      chain = lit.text;
      continue;
    }
    const between = written.slice(literals[k - 1]!.end, lit.start).trim();
    // A comma separates arguments (`format('DROP TABLE %I', t)`): only concatenation joins.
    if (between === '' || /^(\|\||\+)$/.test(between)) chain += lit.text;
    else if (/^(\|\||\+)[^,;]{1,200}(\|\||\+)$/.test(between)) chain += ' x ';
    else {
      out.push(close(k - 1));
      chain = lit.text;
    }
  }
  if (literals.length > 0) out.push(close(literals.length - 1));
  // Each literal alone too: a chain can be glued to unrelated text.
  for (const lit of literals) if (!out.includes(lit.text)) out.push(lit.text);
  return out.map(fillPlaceholders).map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
}

/** Does a text read as a statement (its first word is a statement keyword)? */
function statementShaped(text: string): boolean {
  return /^\s*(select|insert|update|delete|drop|truncate|alter|create|with|merge|replace|grant|revoke|vacuum|analyze|reindex|cluster|refresh|comment|copy|call|set|reset|purge|rename|exec|execute|do|begin|commit|show|explain|lock|load|optimize|repair|flush|kill|dbcc|backup|restore|use)\b/i.test(text);
}

/**
 * The body a holder keeps: dollar-quoted or string-literal text (PostgreSQL), what a rule or event does (`DO [INSTEAD]
 * …`), a MySQL trigger's statement (`FOR EACH ROW …`), or what follows `BEGIN`/`AS` (SQL Server).
 */
function bodyOf(written: string): string | undefined {
  const dollar = /\$([A-Za-z_]*)\$([\s\S]*?)\$\1\$/.exec(written);
  if (dollar) return dollar[2];
  // PostgreSQL also takes the body as a plain string literal: `AS 'DELETE FROM users' LANGUAGE sql`.
  const quoted = /^\s*create\b[^']*?\b(?:function|procedure)\b[\s\S]*?\bas\s+'((?:[^']|'')*)'/i.exec(written);
  if (quoted) return (quoted[1] ?? '').replace(/''/g, "'");
  const rest = written.replace(BODY_HOLDER, '');
  const m =
    /\bfor\s+each\s+(?:row|statement)\s+(?:(?:follows|precedes)\s+\S+\s+)?([\s\S]+)$/i.exec(rest) ??
    /\bdo\s+(?:also\s+|instead\s+)?([\s\S]+)$/i.exec(rest) ??
    /\b(?:begin|as|execute\s+(?:function|procedure))\b([\s\S]+)$/i.exec(rest);
  return m?.[1];
}

/** How a statement as written runs text as SQL, or undefined when it runs only itself. */
/** One cheap look before the patterns: most statements name no executor and keep no body. */
const MAYBE_DYNAMIC = /\\g|dblink|exec|prepare|sp_ms|dbms_sql|^\s*(do|create)\b/i;

export function dynamicSqlOf(written: string): DynamicSql | undefined {
  if (!MAYBE_DYNAMIC.test(written)) return undefined;
  const s = written.length > 200_000 ? written.slice(0, 200_000) : written;
  const holder = BODY_HOLDER.exec(s.trim());
  if (holder) {
    const body = bodyOf(s.trim());
    if (body === undefined) return undefined;
    const kind = (holder[2] ?? 'do').toLowerCase();
    const via = kind === 'do' ? 'a DO block' : `${kind === 'event' ? 'an' : 'a'} ${kind} body (it runs ${kind === 'event' ? 'on its schedule' : kind === 'trigger' || kind === 'rule' ? 'on every matching change' : 'when called'})`;
    const dynamic = BODY_EXECUTE.test(body) || EXECUTORS.some((e) => e.re.test(body));
    const texts = dynamic ? builtTexts(body) : [];
    return { via, built: [...bodyStatements(body), ...texts], unreadable: dynamic && !texts.some(statementShaped) };
  }
  const executor = EXECUTORS.find((e) => e.re.test(s));
  if (!executor) return undefined;
  const built = builtTexts(s);
  // `\gexec` runs what the query returns: the query's literals are the statements' text.
  return { via: executor.shown, built, unreadable: !built.some(statementShaped) };
}

/** Statements of a procedural body, with control words (`BEGIN`, `LOOP`, `THEN`, labels) taken off their front. */
export function bodyStatements(body: string): string[] {
  const out: string[] = [];
  for (const part of body.replace(/'(?:[^']|'')*'/g, "''").split(';')) {
    let t = part.trim();
    for (let k = 0; k < 8; k++) {
      const next = t.replace(/^(<<\w+>>|begin(?!\s+transaction)|declare\b[\s\S]*?\bbegin|loop|then|else|elsif\b[\s\S]*?\bthen|end\s+(?:if|loop|case)|end|for\b[\s\S]*?\bloop|while\b[\s\S]*?\bloop|if\b[\s\S]*?\bthen|exception\s+when\b[\s\S]*?\bthen)\s*/i, '').trim();
      if (next === t) break;
      t = next;
    }
    if (t !== '') out.push(t);
  }
  return out.slice(0, 200);
}
