import type { SqlStatement } from './sqlScan';

/**
 * Statements that lose data or take a safety net away without any destroying keyword at their start: a
 * WHERE that is always true, a DELETE inside a CTE, a MERGE whose ON always matches, a rule that throws
 * writes away, a database renamed away, row security turned off. Administration that is routine on a
 * development database (superusers, durability, passwords, killed sessions) is `productionWrites.ts`'s.
 * `s` is a statement with comments removed, string literals emptied and white space collapsed.
 */

/** A condition that holds for every row: `1=1`, `true`, `id IS NOT NULL`, `id > 0`, `created_at < now()`, `x = x`, `… OR 1=1`, `NOT false`. */
export function alwaysTrue(condition: string): boolean {
  const c = condition
    .replace(/\b(limit|returning|order\s+by|group\s+by|when|then)\b[\s\S]*$/i, '')
    .trim()
    .replace(/^\((.*)\)$/s, '$1')
    .trim()
    .toLowerCase();
  if (c === '') return true;
  const tight = c.replace(/\s+/g, '');
  if (/^(1=1|true|1|0=0|''=''|not(false|0)|1<>0|1!=0|0<1|1>0|1<2|'t')$/.test(tight)) return true;
  const same = /^([\w."`]+)\s*(=|>=|<=)\s*([\w."`]+)$/.exec(c);
  if (same && same[1] === same[3] && !/^\d+$/.test(same[1] ?? '') ) return true;
  if (/^[\w."`]+\s+is\s+not\s+null$/.test(c)) return true;
  // A key column compared with the bottom of its range: ids start at 1 and timestamps lie in the past.
  if (/^(?:[\w"`]+\.)?["`]?(?:id|\w+_id)["`]?\s*(>\s*=?\s*0|>=\s*1|<>\s*0|!=\s*0|>\s*-\d+)$/.test(c)) return true;
  if (/^(?:[\w"`]+\.)?["`]?(?:created_at|inserted_at|created|updated_at)["`]?\s*<=?\s*(now\(\)|current_timestamp|current_date|localtimestamp)$/.test(c)) return true;
  if (/^[\w."`]+\s*=\s*[\w."`]+\s+or\s+[\w."`]+\s+is\s+null$/.test(c) && same === null) {
    const parts = /^([\w."`]+)\s*=\s*([\w."`]+)\s+or\s+([\w."`]+)\s+is\s+null$/.exec(c);
    if (parts && parts[1] === parts[2]) return true;
  }
  // Anything OR'ed with an always-true term at the top level.
  if (/\sor\s+(1\s*=\s*1|true|''\s*=\s*''|0\s*=\s*0|not\s+false)\s*$/.test(c) && !/\(/.test(c)) return true;
  if (/^(1\s*=\s*1|true|''\s*=\s*'')\s+or\s/.test(c)) return true;
  return false;
}

const NAME = '((?:[`"[][^`"\\]]+[`"\\]]|[\\w$.-]+)(?:\\.(?:[`"[][^`"\\]]+[`"\\]]|[\\w$-]+))*)';

function bare(name: string): string {
  return name.replace(/^[`"[]|[`"\]]$/g, '');
}

/** The text between the `(` at `open` and its matching `)`. */
function parenBody(s: string, open: number): string {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return s.slice(open + 1, i);
  }
  return s.slice(open + 1);
}

export function quietLoss(s: string, classify: (text: string) => SqlStatement): SqlStatement | undefined {
  let m: RegExpExecArray | null;
  const destroy = (summary: string, object: string, name?: string, kind: SqlStatement['objectKind'] = 'table'): SqlStatement => ({ text: s, effect: 'destroy', object, summary, ...(name !== undefined ? { objectName: name, objectKind: kind } : {}) });
  // A data-changing statement inside a CTE runs whatever the outer query does with it.
  if (/^with\b/i.test(s)) {
    const inner = /\(\s*(delete|update|truncate|drop|merge)\b/i.exec(s);
    if (inner) {
      const st = classify(parenBody(s, inner.index).trim());
      if (st.effect === 'destroy') return { ...st, text: s, summary: `WITH … (${st.summary})` };
    }
    return undefined;
  }
  if ((m = new RegExp(`^merge\\s+(?:into\\s+)?${NAME}[\\s\\S]*?\\bon\\s+([\\s\\S]*?)\\s+when\\b`, 'i').exec(s))) {
    const name = bare(m[1] ?? '');
    if (/\bwhen\s+not\s+matched\s+by\s+source\b[\s\S]*?\bthen\s+delete\b/i.test(s)) return destroy(`MERGE INTO ${name} … WHEN NOT MATCHED BY SOURCE THEN DELETE (every row the source lacks is deleted)`, `rows of ${name}`, name);
    if (/\bwhen\s+matched\b[\s\S]*?\bthen\s+delete\b/i.test(s) && alwaysTrue(m[2] ?? '')) return destroy(`MERGE INTO ${name} … ON ${(m[2] ?? '').trim()} … THEN DELETE (every row matches)`, `every row of ${name}`, name);
    return undefined;
  }
  if ((m = new RegExp(`^create\\s+(?:or\\s+replace\\s+)?rule\\s+\\S+\\s+as\\s+on\\s+(insert|update|delete)\\s+to\\s+${NAME}[\\s\\S]*\\bdo\\s+(?:instead|also)?\\s*(nothing|delete|update)\\b`, 'i').exec(s))) {
    const name = bare(m[2] ?? '');
    return destroy(`CREATE RULE … ON ${(m[1] ?? '').toUpperCase()} TO ${name} DO ${(m[3] ?? '').toUpperCase()} (writes to ${name} are silently thrown away or rewritten)`, `writes to ${name}`, name);
  }
  if ((m = new RegExp(`^alter\\s+database\\s+${NAME}\\s+rename\\s+to\\b`, 'i').exec(s))) {
    const name = bare(m[1] ?? '');
    return destroy(`ALTER DATABASE ${name} RENAME TO … (everything that connects to ${name} stops finding it)`, `database ${name}`, name, 'database');
  }
  if ((m = new RegExp(`^alter\\s+table\\s+(?:if exists\\s+)?(?:only\\s+)?${NAME}\\s+(disable|no\\s+force)\\s+row\\s+level\\s+security\\b`, 'i').exec(s))) {
    const name = bare(m[1] ?? '');
    return destroy(`ALTER TABLE ${name} DISABLE ROW LEVEL SECURITY (a safety net is removed: every role sees every row)`, `row security of ${name}`, name);
  }
  return undefined;
}
