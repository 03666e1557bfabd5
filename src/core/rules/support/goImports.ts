/**
 * The store client libraries a Go program imports (red team round 14: `go run wipe.go`), as the names
 * the client-library table knows (`clientLibraries.ts`): `github.com/redis/go-redis/v9` is redis,
 * `go.mongodb.org/mongo-driver/mongo` is mongodb, `github.com/lib/pq` and pgx are PostgreSQL. Read from
 * `import "x"` and `import ( … )` blocks, so the destroying calls of a compiled program (`FlushAll`,
 * `Database("app").Drop`, `db.Exec("TRUNCATE …")`) are judged as an interpreter's are.
 */

import { ownTable } from '../../ownTable';

/** Go module path prefixes → the client-library table's name. */
const GO_MODULES: Readonly<Record<string, string>> = ownTable({
  'github.com/redis/go-redis': 'redis',
  'github.com/go-redis/redis': 'redis',
  'github.com/gomodule/redigo': 'redis',
  'github.com/valkey-io/valkey-go': 'redis',
  'go.mongodb.org/mongo-driver': 'mongodb',
  'github.com/lib/pq': 'postgres',
  'github.com/jackc/pgx': 'postgres',
  'github.com/go-sql-driver/mysql': 'mysql',
  'github.com/elastic/go-elasticsearch': 'elasticsearch',
  'github.com/gocql/gocql': 'cassandra',
});

export function goImportedLibraries(code: string): string[] {
  const text = code.length > 100_000 ? code.slice(0, 100_000) : code;
  const paths: string[] = [];
  for (const m of text.matchAll(/\bimport\s*(?:\(([^)]*)\)|(?:[\w.]+\s+)?"([^"]+)")/g)) {
    if (m[2] !== undefined) paths.push(m[2]);
    else for (const q of m[1]!.matchAll(/"([^"]+)"/g)) paths.push(q[1]!);
  }
  const out = new Set<string>();
  for (const path of paths.slice(0, 64)) {
    const prefix = Object.keys(GO_MODULES).find((p) => path === p || path.startsWith(p + '/'));
    if (prefix !== undefined) out.add(GO_MODULES[prefix]!);
  }
  return [...out];
}
