/**
 * Stores that live only in the program's memory: `sqlite3.connect(':memory:')`, Sequelize's `sqlite::memory:`,
 * `QdrantClient(':memory:')`, `chromadb.Client()` and `EphemeralClient()`, mongomock, fakeredis, moto's
 * `mock_aws`, mongodb-memory-server. What is dropped there never outlived the program, so it is no loss —
 * unless the same code can also reach a store that does (a database file, a URL, a host, a persistent
 * client, a path, a value from the environment), and then the code is judged as if the memory store were
 * not there.
 */
const IN_MEMORY = /:memory:|\bEphemeralClient\s*\(|\bchromadb\.Client\s*\(\s*\)|\bmongomock\b|\bfakeredis\b|\bmock_aws\b|\bmongodb-memory-server\b|\bMongoMemoryServer\b/;
const OUTLIVING = new RegExp(
  [
    String.raw`PersistentClient|HttpClient|CloudClient|connect_to_(?:local|embedded|custom|weaviate_cloud|wcs)|\bpersist`,
    String.raw`\b(?:path|host|url|uri|location|dsn|database|filename)\s*[=:](?!\s*["'\x60]:memory:["'\x60])`,
    String.raw`\.connect\s*\(\s*["'\x60](?!:memory:)`,
    String.raw`["'\x60][^"'\x60\s]*(?::\/\/|\.(?:db|sqlite3?|duckdb|s3db)["'\x60])`,
    String.raw`environ|getenv|process\.env|\bENV\[|\$_ENV|\bSettings\s*\(`,
  ].join('|'),
  'i',
);

export function memoryOnlyStore(code: string): boolean {
  return IN_MEMORY.test(code) && !OUTLIVING.test(code);
}
