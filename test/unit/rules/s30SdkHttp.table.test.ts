import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 30, issue #18 item 3 (red team rounds 11 and 12): stores and services over HTTP. The team's
 * decision for requests to this machine: a collection-level or mass delete (a collection path with no
 * record id, a filter matching everything, a database/bucket/realm/datasource/index/schema dropped, a
 * GraphQL mutation deleting every row, a store's admin endpoint that wipes) asks, not production; one
 * record deleted by its id stays routine development (`rules/support/localMassDeletes.ts`).
 */

const table = decisionTable(testFacts({}));

table('local DELETE of a collection or a filter matching everything (PostgREST, REST APIs)', [
  ask(`curl -X DELETE 'http://localhost:3000/users?id=gte.0'`, { production: false, says: /every users record/ }),
  ask('curl -X DELETE http://localhost:3000/users', { production: false }),
  ask('http DELETE :3000/api/v1/orders', { production: false }),
  ask(`wget -q --method=DELETE -O- 'http://127.0.0.1:3000/sessions?user_id=neq.0'`, { production: false }),
  allow('curl -X DELETE localhost:3000/api/users/5'),
  allow(`curl -X DELETE 'http://localhost:3000/users?id=eq.5'`),
  allow('curl -X DELETE http://localhost:3000/session'),
  allow('curl http://localhost:3000/users'),
]);

table('local DELETE of a store-level object (RavenDB, Couchbase, Druid, Keycloak, Grafana, Kong)', [
  ask(`curl -X DELETE http://localhost:8080/admin/databases -d '{"DatabaseNames":["shop"],"HardDelete":true}'`, { production: false }),
  ask('curl -X DELETE http://localhost:8091/pools/default/buckets/shop -u "admin:$CB_PASSWORD"', { production: false, says: /bucket shop/ }),
  ask('curl -X DELETE http://localhost:8081/druid/coordinator/v1/datasources/events', { production: false }),
  ask('curl -X DELETE -H "Authorization: Bearer $KC_TOKEN" http://localhost:8080/admin/realms/prod', { production: false, says: /realm prod/ }),
  ask('curl -X DELETE -H "Authorization: Bearer $GRAFANA_TOKEN" http://localhost:3000/api/datasources/name/prod', { production: false }),
  ask('curl -X DELETE http://localhost:8001/services/api', { production: false, says: /Kong/ }),
  allow('curl http://localhost:8080/admin/realms/prod'),
  allow('curl -X DELETE http://localhost:8080/admin/realms/prod/users/5f2c9a10-7d1e-4c55-9d0b-2b7f0a9e11aa'),
  allow('curl http://localhost:8001/services'),
  allow('curl -s http://localhost:3000/api/health'),
]);

table('local GraphQL mutations that delete every row (Hasura where: {}, deleteAll*)', [
  ask(`curl -X POST http://localhost:8080/v1/graphql -H "x-hasura-admin-secret: $H" -d '{"query":"mutation{delete_users(where:{}){affected_rows}}"}'`, { production: false, says: /delete_users/ }),
  ask(`curl -X POST http://localhost:4000/graphql -d '{"query":"mutation{deleteAllUsers}"}'`, { production: false }),
  ask(`curl -X POST http://localhost:8080/v1/graphql -d '{"query":"mutation { delete_orders(where: {}) { affected_rows } }"}'`, { production: false }),
  allow(`curl -X POST http://localhost:8080/v1/graphql -d '{"query":"mutation { delete_users_by_pk(id: 5) { id } }"}'`),
  allow(`curl -X POST http://localhost:4000/graphql -d '{"query":"mutation{deleteUser(id: 5)}"}'`),
  allow(`curl -X POST http://localhost:4000/graphql -d '{"query":"{ users { id } }"}'`),
]);

table('store admin endpoints that wipe whatever the method (Prometheus, VictoriaMetrics, Webdis, Couchbase, Solr, SurrealDB)', [
  ask(`curl -X POST -g 'http://localhost:9090/api/v1/admin/tsdb/delete_series?match[]={job=~".+"}'`, { production: false, says: /delete_series/ }),
  ask(`curl 'http://localhost:8428/api/v1/admin/tsdb/delete_series?match[]={__name__=~".+"}'`, { production: false }),
  ask(`curl -X POST 'http://prometheus.prod.acme.internal:9090/api/v1/admin/tsdb/delete_series?match[]=up'`, { production: true }),
  ask('curl http://localhost:7379/FLUSHALL', { production: false, says: /FLUSHALL/ }),
  ask(`curl -X POST 'http://localhost:8091/pools/default/buckets/shop/controller/doFlush' -u "admin:$CB_PASSWORD"`, { production: false }),
  ask(`curl 'http://localhost:8983/solr/admin/collections?action=DELETE&name=products'`, { production: false }),
  ask(`curl 'http://localhost:8983/solr/admin/cores?action=UNLOAD&core=products&deleteDataDir=true'`, { production: false }),
  ask(`curl 'http://solr.prod.acme.internal:8983/solr/admin/cores?action=UNLOAD&core=products&deleteIndex=true'`, { production: true }),
  ask(`curl -X POST http://localhost:8000/sql -d 'REMOVE DATABASE shop;'`, { production: false }),
  ask(`curl http://localhost:8000/sql --data 'REMOVE NAMESPACE prod'`, { production: false }),
  allow(`curl -g 'http://localhost:9090/api/v1/query?query=up'`),
  allow('curl http://localhost:7379/GET/session:1'),
  allow(`curl 'http://localhost:8983/solr/admin/cores?action=STATUS'`),
  allow(`curl http://localhost:8000/sql --data 'SELECT * FROM user'`),
  allow('curl -s http://localhost:9090/-/healthy'),
]);

table('HTTP deletes from interpreter code to this machine (requests, httpx, fetch)', [
  ask(`python -c "import requests; requests.delete('http://localhost:8529/_api/database/shop')"`, { production: false, says: /database shop/ }),
  ask(`node -e "fetch('http://localhost:8529/_api/database/shop',{method:'DELETE'})"`, { production: false }),
  ask(`python -c "import httpx; httpx.delete('http://localhost:8080/v1/schema/Article')"`, { production: false }),
  ask(`python3 - <<'EOF'\nimport requests\nrequests.delete("http://localhost:3000/api/orders")\nEOF`, { production: false }),
  allow(`python -c "import requests; requests.delete('http://localhost:3000/api/users/5')"`),
  allow(`python -c "import requests; print(requests.get('http://localhost:8529/_api/database').json())"`),
  allow(`node -e "fetch('http://localhost:3000/api/health').then(r=>r.json()).then(console.log)"`),
]);

table('SaaS purge APIs reached by POST (Axiom trim, Segment regulations)', [
  ask(`curl -X POST https://api.axiom.co/v1/datasets/logs/trim -d '{"maxDuration":"1s"}'`, { production: true, says: /Axiom/ }),
  ask(`curl -X POST https://api.segment.io/v1beta/workspaces/w/regulations -d '{"regulation_type":"DELETE"}'`, { production: true, says: /Segment/ }),
  ask(`curl -X POST https://api.segmentapis.com/regulations -H "Authorization: Bearer $T" -d '{"regulationType":"SUPPRESS_WITH_DELETE"}'`, { production: true }),
  allow('curl https://api.axiom.co/v1/datasets/logs'),
  allow('curl https://api.segmentapis.com/regulations -H "Authorization: Bearer $T"'),
]);

table('aws against a local emulator: whole buckets and recursive deletes ask, not production', [
  ask('aws s3 rb s3://prod --force --endpoint-url http://localhost:9000', { production: false }),
  ask('aws s3 rm s3://prod --recursive --endpoint-url http://localhost:9000', { production: false }),
  ask('aws s3api delete-bucket --bucket prod --endpoint-url http://localhost:9000', { production: false }),
  ask('aws --endpoint-url=http://localhost:4566 dynamodb delete-table --table-name orders', { production: false }),
  allow('aws s3 rm s3://prod/a.txt --endpoint-url http://localhost:9000'),
  allow('aws s3 ls s3://prod --endpoint-url http://localhost:9000'),
  allow(`aws --endpoint-url http://localhost:4566 dynamodb delete-item --table-name orders --key '{"id":{"S":"1"}}'`),
]);

table('cqlsh script files and gRPC admin calls, redis keys from a listing', [
  ask('cqlsh -f scripts/wipe_sessions.sql db.prod', { production: true, facts: testFacts({ files: { '/work/app/scripts/wipe_sessions.sql': 'TRUNCATE TABLE sessions;\n' } }) }),
  ask('cqlsh db.prod --file=scripts/wipe_sessions.sql', { production: true, facts: testFacts({ files: { '/work/app/scripts/wipe_sessions.sql': 'TRUNCATE TABLE sessions;\n' } }) }),
  ask(`ycqlsh yb-tserver-0.acme.internal -e "DROP KEYSPACE billing"`, { production: true }),
  ask('evans --host localhost -p 50051 cli call admin.Admin.Purge', { production: false }),
  ask(`grpc_cli call db.prod:50051 admin.Admin.DeleteAll ''`, { production: true }),
  ask(`redis-cli UNLINK $(redis-cli KEYS '*')`),
  ask(`redis-cli DEL $(redis-cli --scan --pattern 'sess:*')`),
  allow('cqlsh -f scripts/report.sql db.prod', { facts: testFacts({ files: { '/work/app/scripts/report.sql': 'SELECT count(*) FROM ks.events;\n' } }) }),
  allow('evans --host localhost -p 50051 cli call admin.Admin.ListUsers'),
  allow('redis-cli DEL session:1'),
  allow(`redis-cli KEYS 'sess:*'`),
]);
