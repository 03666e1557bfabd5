import { destructiveMongo, destructiveStatement } from './storeProtocols';

/**
 * The destroying statements of databases that do not speak SQL, by query language, from each
 * language's reference: EdgeQL/Gel (`delete User`, `drop type`, `reset schema to initial`),
 * SurrealQL (`REMOVE TABLE`, `DELETE person`), ArangoDB's shell and AQL (`db._drop("users")`,
 * `db.users.truncate()`, `FOR u IN users REMOVE u IN users`), Fauna's FQL (`Collection.byName("x")!.delete()`,
 * `.forEach(.delete())`, v4 `Delete(Collection("x"))`). A scoped delete counts: through such a client,
 * deleting records is deleting data. SQL and MongoDB calls are read as everywhere else.
 */

export type QueryLanguage = 'edgeql' | 'surrealql' | 'arangodb' | 'fql' | 'gremlin' | 'sql';

const EDGEQL: readonly [RegExp, string][] = [
  [/(?:^|[;{(])\s*(?:with\b[\s\S]*?)?\bdelete\s+(?:\(\s*select\s+)?([\w:]+)/i, 'delete $1'],
  [/\bdrop\s+(type|database|branch|module|scalar\s+type|abstract\s+type|alias|function|property|link|extension)\s+([\w:]+)/i, 'drop $1 $2'],
  [/\breset\s+schema\s+to\s+initial\b/i, 'reset schema to initial'],
];

const SURREALQL: readonly [RegExp, string][] = [
  [/(?:^|;)\s*remove\s+(table|database|db|namespace|ns|field|index|event|user|access|analyzer|function|param|model|sequence)\s+(?:if\s+exists\s+)?([\w:`\u27e8\u27e9]+)/i, 'REMOVE $1 $2'],
  [/(?:^|;)\s*delete\s+(?:from\s+)?(?:only\s+)?([\w`\u27e8\u27e9]+)(?![:\w])/i, 'DELETE $1'],
];

const ARANGO: readonly [RegExp, string][] = [
  [/\bdb\._drop(Database|View)?\s*\(\s*(['"][^'"]+['"])?/, 'db._drop$1($2)'],
  [/\.(_?truncate)\s*\(/, '$1()'],
  [/\b_graphs\._drop\s*\(/, 'a graph drop'],
  [/\bREMOVE\s+[\w.{}:\s"'`]+?\s+IN\s+([\w`]+)/, 'AQL REMOVE … IN $1'],
];

const FQL: readonly [RegExp, string][] = [
  [/\b(Collection|Database|Function|Role|AccessProvider)\.byName\(\s*(['"][^'"]+['"])\s*\)\s*!?\s*\.delete\s*\(/, '$1.byName($2).delete()'],
  [/\.forEach\s*\(\s*(?:\.delete\s*\(\s*\)|\w+\s*=>\s*\w+\.delete\s*\(\s*\))/, 'a forEach(.delete())'],
  [/\.all\s*\(\s*\)[\s\S]*?\.delete\s*\(/, 'delete of every document'],
  [/\bDelete\s*\(\s*(Collection|Database|Index|Function|Ref)\s*\(/, 'Delete($1(…))'],
  [/\bLambda\s*\([\s\S]*?\bDelete\s*\(\s*Var\s*\(/, 'a Lambda that deletes each document'],
];

/** Gremlin (tinkerpop.apache.org/docs/current/reference/#drop-step): a traversal ending in drop() removes what it reached; JanusGraph drops a whole graph. */
const GREMLIN: readonly [RegExp, string][] = [
  [/\bg\s*\.\s*(V|E)\s*\([^)]*\)[\s\S]{0,300}?\.drop\s*\(\s*\)/, 'a g.$1() traversal ending in drop()'],
  [/\bJanusGraphFactory\.drop\s*\(|\bgraph\.clear\s*\(|\.dropIndex\s*\(/, 'a graph or index dropped'],
];

const BY_LANGUAGE: Readonly<Record<Exclude<QueryLanguage, 'sql'>, readonly [RegExp, string][]>> = { edgeql: EDGEQL, surrealql: SURREALQL, arangodb: ARANGO, fql: FQL, gremlin: GREMLIN };

function firstMatch(text: string, rules: readonly [RegExp, string][]): string | undefined {
  for (const [re, shown] of rules) {
    const m = re.exec(text);
    if (m) return shown.replace(/\$(\d)/g, (_, k: string) => m[Number(k)] ?? '').replace(/\s+/g, ' ').trim();
  }
  return undefined;
}

/** What a query or script destroys in the given language (then as SQL or a MongoDB call), or undefined. */
export function destructiveQuery(text: string, language: QueryLanguage): string | undefined {
  const t = text.length > 200_000 ? text.slice(0, 200_000) : text;
  if (language !== 'sql') {
    const found = firstMatch(t, BY_LANGUAGE[language]);
    if (found) return found;
  }
  return destructiveStatement(t) ?? destructiveMongo(t);
}
