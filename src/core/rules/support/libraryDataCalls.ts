import { keyCriteriaCleared, perItemLoop } from './ormMassCalls';

/**
 * Data destroyed through a library in interpreter code, beside the cloud SDKs' delete calls and the ORMs'
 * every-row calls: database drivers (pymongo, the MongoDB Node driver), search and broker admin clients
 * (Elasticsearch/OpenSearch, Kafka's admin clients), file-system layers over object stores (fsspec, s3fs,
 * gcsfs, adlfs), data-frame writers that replace a table or an object (pandas `to_sql(if_exists='replace')`,
 * `to_parquet('s3://…')`), DynamoDB item deletes, and SDK calls that switch a protection off (versioning
 * suspended, backups set to nothing, deletion protection removed). Each row is a call as the library's
 * documentation spells it; a filtered or read-only call (`find`, `delete_one({'_id': x})`) is not here.
 */

export interface LibraryCall {
  /** What the call does, for the reason: `pymongo delete_many({}) empties a collection`. */
  does: string;
  /** Whether it removes a protection rather than data. */
  safetyNet?: boolean;
  /** Found only by the generic per-item loop (no row names the library): the SDK floor may name it better. */
  perItem?: boolean;
}

const ROWS: readonly [RegExp, string, boolean?][] = [
  // MongoDB drivers: every document deleted, a collection or database dropped, a TTL index of 0 seconds.
  [/\.(delete_many|deleteMany|remove)\s*\(\s*(?:\{\s*\}|filter\s*=\s*\{\s*\})?\s*\)/, 'deletes every document of a MongoDB collection ($1 with an empty filter)'],
  [/\.(drop_collection|drop_database|dropCollection|dropDatabase)\s*\(/, 'drops a MongoDB collection or database ($1)'],
  [/\.(create_index|createIndex|create_indexes)\s*\([^)]*expireAfterSeconds\s*[=:]\s*0\b/, 'makes a TTL index that expires every document at once (expireAfterSeconds 0)'],
  // ORMs and query builders, every row at once: a table handle deleted, truncated or updated with no filter in its chain (a
  // filter after it, as Supabase's `.delete().eq('id', 1)`, keeps it one row); SQLAlchemy's `query(X).delete()`; Peewee's
  // `X.delete().execute()`; Drizzle's `db.delete(users)`; TypeORM's `clear()` and query builder; Sequelize's `drop`/`truncate`;
  // MikroORM's `nativeDelete(X, {})`; Prisma's `updateMany` with no `where` (red team round 14).
  [/(?:\b(?:knex|db|trx|k|qb|pg|mysql)\s*\(|\)\s*\(|\.(?:table|from|queryBuilder)\s*\()\s*['"][\w.]+['"]\s*\)\s*\.(del|delete|truncate|update)\s*\((?![^;\n]*\.(?:eq|neq|match|in|filter|where|is|lt|lte|gt|gte|like|ilike|contains)\s*\()/, 'runs $1 on every row of a table (a query builder call with no filter)'],
  [/\.query\s*\(\s*[\w.]+\s*\)\s*\.(delete|update)\s*\(|\bexecute\s*\(\s*(?:sa\.|sqlalchemy\.)?(delete|update)\s*\(\s*[\w.]+\s*\)\s*\)/, 'runs $1$2 on every row of a table (SQLAlchemy with no filter)'],
  [/\b[A-Z]\w*\.delete\s*\(\s*\)\s*\.execute\s*\(/, 'deletes every row of a table (Peewee delete() with no where)'],
  [/\bdrizzle\b[\s\S]{0,400}?\.delete\s*\(\s*[\w.]+\s*\)(?!\s*\.where)/, 'deletes every row of a table (Drizzle delete with no where)'],
  [/\b(?:typeorm|getRepository|DataSource|EntityManager|AppDataSource)\b[\s\S]{0,400}?\.(clear)\s*\(\s*\)|\.createQueryBuilder\s*\(\s*\)[\s\S]{0,200}?\.delete\s*\(\s*\)\s*\.from\s*\([^)]*\)\s*\.execute\s*\(/, 'deletes every row of a table (TypeORM clear() or a query builder delete with no where)'],
  [/\bsequelize\b[\s\S]{0,400}?\.(drop)\s*\(|\.destroy\s*\(\s*\{\s*(?:where\s*:\s*\{\s*\}|truncate\s*:\s*true)/i, 'drops or empties tables through Sequelize ($1)'],
  [/\.nativeDelete\s*\(\s*(?:[\w.]+|['"]\w+['"])\s*,\s*\{\s*\}\s*\)/, 'deletes every row of a table (MikroORM nativeDelete with an empty filter)'],
  [/\.updateMany\s*\(\s*\{(?![^)]*\bwhere\b)\s*data\s*:/, 'rewrites every row of a table (Prisma updateMany with no where)'],
  // Search engines and brokers through their admin clients.
  [/\.indices\.(delete|close)\s*\(|\.(delete_by_query|deleteByQuery)\s*\(|\/_delete_by_query\b/, 'deletes or closes Elasticsearch/OpenSearch indices or every document a query matches'],
  [/\.(delete_topics|deleteTopics|delete_records|deleteRecords|delete_consumer_groups|deleteGroups)\s*\(/, 'deletes Kafka topics, records or consumer groups ($1)'],
  // File systems over object stores.
  [/\b(?:(?:S3|GCS|AzureBlob|AzureDatalake|OSS|R2)FileSystem\s*\(|filesystem\s*\(\s*['"](?!file|local|memory)|url_to_fs\s*\(\s*f?['"](?!file|memory))[\s\S]{0,200}?\.(rm|rm_file|rmdir|delete|invalidate_and_rm)\s*\(/, 'deletes objects from an object store through fsspec ($1)'],
  // Data-frame writers: a table replaced, an object in a bucket overwritten.
  [/\.to_sql\s*\([\s\S]{0,300}?if_exists\s*=\s*['"]replace['"]/, 'drops and recreates a database table (pandas to_sql if_exists=replace)'],
  [/\.(to_parquet|to_csv|to_json|to_feather|to_orc|to_pickle|to_excel|write_parquet|write_csv)\s*\(\s*f?['"](?:s3a?|gs|gcs|az|abfss?|adl|oci|r2):\/\//, 'overwrites an object in a bucket ($1 to a bucket URL)'],
  // DynamoDB items.
  [/\.(delete_item|deleteItem)\s*\(|\bDeleteItemCommand\b|\bBatchWriteItemCommand\b[\s\S]{0,200}DeleteRequest|\bDeleteRequest\b/, 'deletes items of a DynamoDB table'],
  // Files on a remote host through Python's ftplib / paramiko SFTP / Node's basic-ftp and ssh2-sftp-client (stop 29, round 8).
  [/\b(?:ftplib|FTP_TLS|FTP)\b[\s\S]{0,400}?\.(delete|rmd)\s*\(/, 'deletes files on a remote FTP server (ftplib $1)'],
  [/\b(?:paramiko|SFTPClient|open_sftp)\b[\s\S]{0,400}?\.(remove|unlink|rmdir)\s*\(/, 'deletes files on a remote host over SFTP (paramiko $1)'],
  [/\b(?:basic-ftp|ssh2-sftp-client|ftp\.Client|SftpClient)\b[\s\S]{0,400}?\.(remove|removeDir|rmdir|delete|clearWorkingDir)\s*\(/, 'deletes files on a remote host over FTP/SFTP ($1)'],
  // Graph stores through their drivers (red team round 14): Cypher that deletes every node of a label or of the graph
  // (`MATCH (n) DETACH DELETE n`: no WHERE, no property map), Gremlin's `g.V().drop()` over every vertex or edge.
  [/['"`]\s*MATCH\s*\(\s*\w*\s*(?::\s*\w+)?\s*\)\s*(?:DETACH\s+)?DELETE\b/i, 'deletes every node of a graph (Cypher MATCH … DELETE with no filter)'],
  [/\bg\.[VE]\s*\(\s*\)(?:\s*\.hasLabel\s*\([^()]*\))?\s*\.drop\s*\(\s*\)/, 'drops every vertex or edge of a graph (Gremlin drop())'],
  // Redis server administration through a client: stopped without saving, databases swapped under their clients.
  [/\bredis\b[\s\S]{0,400}?\.(shutdown)\s*\(/i, 'stops the Redis server ($1; with nosave the data since the last save is lost)'],
  [/\bredis\b[\s\S]{0,400}?\.(swapdb)\s*\(/i, 'swaps two Redis databases ($1: every client of one now reads and writes the other)'],
  // Protections switched off.
  [/\bALTER\s+SYSTEM\s+SET\s+(?:ssl|fsync|full_page_writes|synchronous_commit|archive_mode|wal_level|password_encryption|log_\w+|row_security|data_checksums)\s*(?:=|TO)\s*'?(?:off|false|0|minimal|none)\b/i, 'lowers a PostgreSQL server safety setting (ALTER SYSTEM SET)', true],
  [/['"]setParameter['"][\s\S]{0,200}?\b(?:audit\w*|enableLocalhostAuthBypass|authenticationMechanisms|requireSSL\w*|tlsMode|sslMode)\s*[=:]\s*(?:False|false|0|['"](?:disabled|allowTLS|preferTLS|allowSSL|preferSSL)['"])/, 'switches a MongoDB server security setting off (setParameter)', true],
  [/\bdestructive_requires_name['"]?\s*[=:]\s*(?:False|false|['"]false['"])/, 'lets one request delete every Elasticsearch index (action.destructive_requires_name off)', true],
  [/\b(?:put_bucket_versioning|putBucketVersioning|PutBucketVersioningCommand)\b[\s\S]{0,300}?Suspended/, 'suspends the versioning of a bucket (overwritten and deleted objects are no longer kept)', true],
  [/\bBackupRetentionPeriod\s*[=:]\s*0\b/, 'sets a database\'s backup retention to 0 (automated backups are deleted)', true],
  [/\bDeletionProtection\s*[=:]\s*(?:False|false)\b/, 'turns deletion protection off', true],
  [/\bPointInTimeRecoveryEnabled\s*[=:]\s*(?:False|false)\b/, 'turns point-in-time recovery off', true],
];

export function libraryDataCall(code: string): LibraryCall | undefined {
  // A filter every document meets (`{ _id: { $ne: null } }`) is the empty filter.
  const text = keyCriteriaCleared(code.length > 200_000 ? code.slice(0, 200_000) : code);
  for (const [re, does, safetyNet] of ROWS) {
    const m = re.exec(text);
    if (m) return { does: does.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? ''), ...(safetyNet ? { safetyNet } : {}) };
  }
  // A store emptied one item at a time (`[b.delete() for b in bucket.list_blobs()]`, `findMany().then(… delete …)`).
  const loop = perItemLoop(text);
  return loop !== undefined ? { does: `deletes or expires every item of a store one at a time (${loop})`, perItem: true } : undefined;
}
