import { perimeterFacts } from './perimeterFixtures';
import { allowed, familyTables, flag, type Family } from './familyTable';

/**
 * Red team round 11, destroying requests to data stores known by their host name or their API's path
 * rather than a default port: SurrealDB, ArangoDB and TigerGraph statements; Vault deletes on this machine; Weaviate, Chroma and MinIO admin calls; admin switches in a query string. Reads of the same
 * APIs stay allowed, and so does an ordinary app's DELETE on localhost.
 */

const TABLE: Record<string, Family> = {
  'multi-model databases by host name or path (SurrealQL, AQL, GSQL)': {
    reason: /SurrealQL|AQL|GSQL/,
    rows: [
      flag(`curl -X POST http://surreal:8000/sql -d 'REMOVE DATABASE acme'`),
      flag(`curl -X POST http://surrealdb-1:8000/sql -H 'NS: acme' -d 'REMOVE TABLE user'`),
      flag(`curl -X POST http://surreal:8000/sql -d 'DELETE user;'`),
      flag(`curl -X POST http://arangodb:8529/_api/cursor -d '{"query":"FOR u IN users REMOVE u IN users"}'`),
      flag(`curl -X POST http://localhost:8529/_api/cursor -d '{"query":"FOR u IN users REMOVE u IN users"}'`),
      flag(`curl -X POST http://tigergraph:14240/gsqlserver/gsql/file -d 'DROP ALL'`),
      flag(`curl --data-raw 'REMOVE NAMESPACE acme' http://surreal:8000/sql`),
      allowed(`curl -X POST http://surreal:8000/sql -d 'SELECT * FROM user'`),
      allowed(`curl -X POST http://arangodb:8529/_api/cursor -d '{"query":"FOR u IN users RETURN u"}'`),
      allowed(`curl http://tigergraph:14240/gsqlserver/gsql/schema`),
    ],
  },
  "a Vault on this machine: deletes ask; seal and revocations are the development server's (round 6's decision)": {
    reason: /Vault API/,
    rows: [
      flag(`curl -X DELETE http://localhost:8200/v1/sys/mounts/secret -H "X-Vault-Token: $VAULT_TOKEN"`),
      flag('curl -X DELETE http://127.0.0.1:8200/v1/sys/auth/github'),
      allowed('curl -X PUT http://127.0.0.1:8200/v1/sys/seal'),
      allowed('curl -X POST http://localhost:8200/v1/sys/revoke-prefix/auth'),
      allowed('curl http://localhost:8200/v1/sys/health'),
      allowed('curl http://localhost:8200/v1/sys/mounts'),
    ],
  },
  'vector databases and object stores by API path': {
    reason: /vector database|object store/,
    rows: [
      flag('curl -X POST http://localhost:8000/api/v1/reset'),
      flag('curl -X DELETE http://localhost:8000/api/v1/collections/docs'),
      flag('curl -X DELETE http://localhost:8080/v1/schema/Doc'),
      flag('curl -X DELETE http://localhost:9001/api/v1/buckets/prod'),
      flag('curl -X DELETE http://127.0.0.1:8080/v1/objects/Doc/1'),
      allowed('curl http://localhost:8000/api/v1/collections'),
      allowed('curl http://localhost:8080/v1/schema'),
      allowed('curl http://localhost:9001/api/v1/buckets'),
    ],
  },
  'admin switches in a query string': {
    reason: /admin request/,
    rows: [
      flag(`curl -X POST 'http://localhost:8983/solr/admin/cores?action=UNLOAD&core=c&deleteIndex=true'`),
      flag(`curl 'http://solr:8983/solr/admin/collections?action=DELETE&name=products' -X POST`),
      flag(`curl -X POST 'http://localhost:8983/solr/admin/cores?action=UNLOAD&core=c&deleteDataDir=true'`),
      allowed(`curl 'http://localhost:8983/solr/admin/cores?action=STATUS'`),
      allowed(`curl -X POST 'http://localhost:8983/solr/admin/cores?action=RELOAD&core=c'`),
    ],
  },
  'an ordinary app on localhost is not a store': {
    reason: /SurrealQL|AQL|GSQL|Vault|vector database|object store|admin request/,
    rows: [
      allowed('curl -X DELETE http://localhost:3000/api/session'),
      allowed('curl -X DELETE http://localhost:8080/api/todos/3'),
      allowed(`curl -X POST http://localhost:5173/api/reset-password -d '{"email":"a@b.c"}'`),
    ],
  },
};

familyTables('rules/wire: red team round 11 (stores known by host name or API path)', TABLE, perimeterFacts, 'not-deny');
