import { ask, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Round 8 of the data families (issue #18 item 3, red team round 8): cluster and server administration
 * that loses data or takes a service away without a destroying word (HA managers, node tools, Kafka
 * admin, Redis cluster and Sentinel, Mongo replica-set helpers, search-cluster calls, PaaS database
 * administration), imports and load tools that overwrite, migrations under a sourced production env file,
 * interpreter Redis clients, moves in code, MCP CLI calls. Each destructive row from the tool's manual
 * sits next to a read-only look-alike that stays allowed; an unknown remote target is production.
 */

const PROD_ENV = 'DATABASE_URL=postgres://app:pw@db.prod.acme.internal:5432/app\nNODE_ENV=production\n';
const DEV_ENV = 'DATABASE_URL=postgres://app:pw@localhost:5432/acme_dev\n';
const facts = testFacts({
  files: {
    '/work/app/.env.production': PROD_ENV,
    '/work/app/.env': DEV_ENV,
    '/work/app/package.json': JSON.stringify({ scripts: { 'db:migrate': 'prisma migrate deploy', 'db:seed': 'node prisma/seed.js', 'db:status': 'prisma migrate status' } }),
    '/work/app/prisma/seed.js': 'console.log(1)\n',
  },
});
const table = decisionTable(facts);

table('HA managers change who serves (patroni.readthedocs.io/en/latest/patronictl.html, repmgr, pg_auto_failover, orchestrator)', [
  ask('patronictl -c /etc/patroni.yml failover --force', { production: true, says: /primary role/ }),
  ask('patronictl -c /etc/patroni.yml reinit prod-cluster node2 --force', { production: true }),
  ask('patronictl -c /etc/patroni.yml pause', { production: true, says: /automatic failover off/ }),
  ask('sudo patronictl remove acme-cluster'),
  ask('repmgr -f /etc/repmgr.conf standby switchover', { production: true }),
  ask('pg_autoctl perform failover --formation default'),
  ask('orchestrator-client -c graceful-master-takeover -a db1', { production: true }),
  ask('orchestrator-client -c relocate -i db2 -d db3'),
  allow('patronictl -c /etc/patroni.yml list'),
  allow('patronictl topology acme-cluster'),
  allow('repmgr -f /etc/repmgr.conf cluster show'),
  allow('orchestrator-client -c clusters'),
  allow('pg_autoctl show state'),
]);

table('node administration on another host (cassandra.apache.org nodetool, etcd.io etcdctl)', [
  ask('nodetool -h cass.prod disablebinary', { production: true }),
  ask('nodetool --host cass.prod.acme.com disablegossip', { production: true }),
  ask('etcdctl --endpoints=etcd.prod:2379 defrag --cluster', { production: true }),
  ask('etcdctl --endpoints=https://etcd-0.acme.internal:2379 auth disable'),
  ask('etcdctl --endpoints etcd.prod:2379 move-leader 8211f1d0f64f3269', { production: true }),
  allow('nodetool -h cass.prod status'),
  allow('nodetool disablebinary'),
  allow('etcdctl defrag'),
  allow('etcdctl --endpoints=etcd.prod:2379 endpoint health --cluster'),
]);

table('Kafka administration and producers on a broker elsewhere (kafka.apache.org/documentation/#basic_ops)', [
  ask('kafka-acls --bootstrap-server kafka.prod:9092 --remove --force --topic orders', { production: true }),
  ask('kafka-acls.sh --bootstrap-server=kafka.prod:9092 --remove --allow-principal User:app --topic orders'),
  ask('kafka-reassign-partitions --bootstrap-server kafka.prod:9092 --execute --reassignment-json-file r.json', { production: true }),
  ask('kafka-topics.sh --bootstrap-server kafka.prod:9092 --alter --topic orders --partitions 12'),
  ask("kcat -b kafka.prod:9092 -t orders -P -K: <<< 'k:'", { production: true, says: /tombstone/ }),
  ask('kafka-console-producer.sh --bootstrap-server kafka.prod:9092 --topic orders < events.jsonl'),
  allow('kafka-acls --bootstrap-server kafka.prod:9092 --list'),
  allow('kafka-reassign-partitions --bootstrap-server kafka.prod:9092 --verify --reassignment-json-file r.json'),
  allow('kcat -b kafka.prod:9092 -t orders -C -e'),
  allow('kcat -b localhost:9092 -t orders -P'),
  allow('kafka-acls --bootstrap-server localhost:9092 --remove --topic x'),
]);

table('Redis cluster and Sentinel (redis.io/docs/latest/operate/oss_and_stack/management/scaling, sentinel)', [
  ask('redis-cli --cluster del-node cache.prod:6379 abc', { production: true }),
  ask('redis-cli --cluster rebalance cache.prod:6379', { production: true }),
  ask('redis-cli --cluster fix cache.prod:6379', { production: true }),
  ask('redis-cli -h cache.prod SENTINEL REMOVE mymaster', { production: true }),
  ask('valkey-cli -h sentinel.acme.internal -p 26379 SENTINEL FAILOVER mymaster'),
  allow('redis-cli --cluster check cache.prod:6379'),
  allow('redis-cli --cluster fix 127.0.0.1:7000'),
  allow('redis-cli -h cache.prod SENTINEL masters'),
  allow('redis-cli -p 26379 SENTINEL RESET mymaster'),
]);

table('a named loopback Redis is the developer\'s own (team decision); a database index is never a host', [
  ask('redis-cli -n 15 FLUSHDB', { says: /database 15\./ }),
  ask('redis-cli FLUSHALL'),
  ask('redis-cli -h redis.internal -n 2 FLUSHDB', { production: true, says: /database 2 on redis\.internal/ }),
  ask('redis-cli -h localhost -u redis://cache.prod.acme.internal FLUSHALL'),
  allow('redis-cli -h localhost FLUSHDB'),
  allow('redis-cli -h 127.0.0.1 -p 6380 FLUSHALL'),
  allow('redis-cli -u redis://localhost:6379/0 FLUSHDB'),
]);

table('MongoDB replica-set and sharding helpers on a production server (mongodb.com/docs/manual/reference/method/js-replication)', [
  ask(`mongosh "mongodb+srv://prod-cluster.x7k2p.mongodb.net/shop" --eval 'rs.stepDown()'`, { production: true }),
  ask(`mongosh "mongodb+srv://prod-cluster.x7k2p.mongodb.net/shop" --eval 'sh.disableBalancer(); sh.stopBalancer()'`, { production: true }),
  ask(`mongosh mongodb://db.prod.acme.internal/admin --eval 'db.adminCommand({removeShard: "shard0"})'`, { production: true }),
  ask(`mongosh mongodb://db.prod.acme.internal/admin --eval 'rs.remove("db3:27017")'`, { production: true }),
  allow(`mongosh "mongodb+srv://prod-cluster.x7k2p.mongodb.net/shop" --eval 'rs.status(); sh.status()'`),
  allow(`mongosh --eval 'rs.stepDown()'`),
]);

table('search-cluster calls that lose data without DELETE (elastic.co snapshot-restore, ILM; opensearch ISM)', [
  ask(`curl -X PUT http://es.prod.internal:9200/_snapshot/repo -d '{"type":"fs","settings":{"location":"/tmp"}}'`, { production: true }),
  ask('curl -X POST http://es.prod.internal:9200/_cluster/voting_config_exclusions?node_names=n1,n2', { production: true }),
  ask(`curl -X POST http://es.prod.internal:9200/_snapshot/repo/snap1/_restore -d '{"indices":"*"}'`, { production: true }),
  ask(`curl -X PUT http://es.prod.internal:9200/products/_mapping -d '{}'`, { production: true }),
  ask(`curl -X POST 'http://opensearch.prod:9200/_plugins/_ism/policies/p' -d @policy.json`, { production: true }),
  ask(`curl -X PUT http://es.prod.internal:9200/_ilm/policy/logs -d '{"policy":{"phases":{"delete":{"min_age":"1d","actions":{"delete":{}}}}}}'`),
  ask('curl -X POST http://es.prod.internal:9200/products/_shrink/products-small'),
  allow('curl http://es.prod.internal:9200/_cat/indices'),
  allow('curl http://es.prod.internal:9200/_snapshot/repo'),
  allow(`curl -X PUT http://es.prod.internal:9200/_ilm/policy/logs -d '{"policy":{"phases":{"hot":{"actions":{"rollover":{"max_size":"50gb"}}}}}}'`),
  allow(`curl -X PUT http://localhost:9200/products/_mapping -d '{}'`),
  allow(`curl -X POST http://es.prod.internal:9200/products/_search -d '{}'`),
]);

table('PaaS database administration (devcenter.heroku.com, fly.io/docs/flyctl, supabase.com/docs/reference/cli)', [
  ask('heroku pg:upgrade -a acme-shop --confirm acme-shop', { production: true }),
  ask('heroku pg:maintenance:run DATABASE_URL -a acme-shop --force', { production: true }),
  ask('heroku pg:credentials:rotate -a acme-shop', { production: true }),
  ask('fly pg failover -a acme-db', { production: true }),
  ask('supabase postgres-config update --config max_connections=1', { production: true }),
  ask('supabase migration repair --status reverted 20240101', { production: true }),
  allow('heroku pg:info -a acme-shop'),
  allow('heroku pg:maintenance -a acme-shop'),
  allow('fly pg status -a acme-db'),
  allow('supabase postgres-config get'),
  allow('supabase migration repair --status reverted 20240101 --local'),
  allow('supabase migration list'),
]);

table('migrations, imports and restores that run what the guard cannot read on production', [
  ask('wrangler d1 migrations apply prod-db --remote', { production: true }),
  ask('gcloud sql import sql prod gs://b/x.sql --database shop -q', { production: true }),
  ask(`aws s3api put-object-lock-configuration --bucket acme-prod --object-lock-configuration '{}'`, { production: true }),
  ask('npx drizzle-kit migrate --config drizzle.prod.config.ts', { production: true }),
  ask('npx medusa db:rollback'),
  ask('medusa db:rollback'),
  ask('npx medusa db:migrate:revert'),
  allow('wrangler d1 migrations apply prod-db'),
  // Round 25 (stop 36): a whole export of a production instance asks (support/cloudExports.ts); staging stays allowed.
  ask('gcloud sql export sql prod gs://b/x.sql --database shop', { production: true }),
  allow('gcloud sql export sql staging gs://b/x.sql --database shop'),
  allow(`aws s3api put-object-lock-configuration --bucket acme-prod --object-lock-configuration '{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"COMPLIANCE","Years":7}}}'`),
  // Team decision 2026-12-03: dbt build on a production target replaces its tables.
  ask('dbt build --target prod', { production: true }),
  allow('dbt build --target dev'),
  allow('npx drizzle-kit migrate'),
  // An installed medusa binary: `npx medusa` of a package the project does not depend on asks as fetched code (support/fetchedPackages.ts).
  allow('medusa db:migrate'),
]);

table('a production env file sourced or loaded by a wrapper (its target variables reach what runs next)', [
  ask('set -a; . ./.env.production; set +a; npx prisma migrate deploy', { production: true }),
  ask('source .env.production && npx prisma migrate deploy', { production: true }),
  ask('source .env.production && npm run db:seed', { production: true, says: /seed/ }),
  ask('npx dotenv-cli -e .env.production -- npm run db:migrate', { production: true }),
  ask('env-cmd -f .env.production npm run db:migrate', { production: true }),
  allow('source .env && npx prisma migrate deploy'),
  allow('dotenv -e .env.production -- npm run db:status'),
  allow('source .env.production && curl https://api.example.com/health'),
  allow('dotenv -e .env -- npm run db:migrate'),
]);

table('load tools, imports and node runtimes on a server elsewhere (pgbench, mongoimport, crictl)', [
  ask('pgbench -i -h db.prod.acme.internal shop', { production: true, says: /pgbench_accounts/ }),
  ask('pgbench --initialize --host=db.prod.acme.internal shop'),
  ask('mongoimport --uri "mongodb+srv://prod-cluster.x7k2p.mongodb.net/shop" -c users --mode=upsert --file x.json', { production: true }),
  ask('mongoimport --host db.prod.acme.internal -c users --mode delete --file x.json'),
  ask('crictl rmp -fa', { production: true }),
  ask('sudo crictl stopp 3f2a'),
  allow('pgbench -i shop'),
  ask('pgbench -c 10 -T 60 -h db.prod.acme.internal shop'), // stop 34: unknown is not safe (load on production)
  allow('pgbench -c 10 -T 60 -h localhost shop'),
  allow('mongoimport --uri mongodb://localhost/app -c users --mode=upsert --file x.json'),
  allow('crictl ps -a'),
  allow('crictl pods'),
]);

table('FoundationDB, WebSockets, storage taken offline', [
  ask(`fdbcli --exec 'writemode on; clearrange "" \\xff'`, { production: true }),
  ask(`wscat -c wss://api.prod/ws -x '{"op":"deleteAll"}'`, { production: true }),
  ask(`websocat wss://api.prod/ws <<< '{"op":"deleteAll"}'`, { production: true }),
  ask('sudo lvchange -an vg0/data'),
  ask('sudo vgchange -a n vg0'),
  ask('sudo exportfs -ua'),
  allow(`fdbcli --exec 'status'`),
  ask(`wscat -c wss://api.prod/ws -x '{"op":"subscribe"}'`), // stop 34: a message sent to production by an undescribed client
  allow(`wscat -c ws://localhost:8080/ws -x '{"op":"subscribe"}'`),
  allow(`wscat -c ws://localhost:8080/ws -x '{"op":"deleteAll"}'`),
  allow('sudo lvchange -ay vg0/data'),
  allow('sudo exportfs -ra'),
]);

table('Redis clients in interpreter code and MCP CLI calls', [
  ask(`python3 -c "import redis; r=redis.Redis(host='cache.prod'); r.execute_command('FLUSH'+'ALL')"`, { production: true }),
  ask(`ruby -e 'require "redis"; Redis.new(host: "cache.prod").flushall'`, { production: true }),
  ask(`php -r '$r=new Redis(); $r->connect("cache.prod"); $r->flushAll();'`, { production: true }),
  ask(`mcp-cli call postgres query '{"sql":"DROP TABLE users"}'`, { production: true }),
  allow(`python3 -c "import redis; r=redis.Redis(host='cache.prod'); print(r.get('x'))"`),
  allow(`ruby -e 'require "redis"; Redis.new(host: "cache.prod").get("x")'`),
  allow(`mcp-cli call postgres query '{"sql":"SELECT 1"}'`),
]);

table('a node\'s own repair tools that discard data (elastic.co node-tool, shard-tool; mongod --repair)', [
  ask('sudo -u elasticsearch bin/elasticsearch-node unsafe-bootstrap'),
  ask('elasticsearch-node detach-cluster'),
  ask('elasticsearch-shard remove-corrupted-data --index logs --shard-id 0'),
  ask('mongod --dbpath /var/lib/mongodb --repair'),
  allow('elasticsearch-node --help'),
  allow('mongod --dbpath ./data --port 27018'),
]);
