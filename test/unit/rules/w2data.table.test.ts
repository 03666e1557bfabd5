import { ask, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Data stores overwritten, expired, cut from their replicas or stripped of a safety net without a
 * destroying keyword (issue #18 items 3 and 4, wave 2 of round 7). Remote stores are production; the
 * same administration of a development store on this machine stays allowed. Each asking row sits next
 * to a look-alike that stays allowed.
 */

const table = decisionTable(testFacts({ files: {} }));

table('SQL that overwrites rows (postgresql.org/docs/current/sql-insert.html, dev.mysql.com load-data)', [
  ask("psql -h pg.prod.example.net shop -c \"INSERT INTO prices SELECT * FROM staging_prices ON CONFLICT (sku) DO UPDATE SET amount = EXCLUDED.amount\"", { production: true }),
  allow("psql -h pg.prod.example.net shop -c \"INSERT INTO prices VALUES (1, 2) ON CONFLICT (sku) DO NOTHING\""),
  allow("psql shop_dev -c \"INSERT INTO prices SELECT * FROM s ON CONFLICT (sku) DO UPDATE SET amount = EXCLUDED.amount\""),
  ask("mysql -h mysql.prod.example.net shop -e \"INSERT INTO carts (id, n) VALUES (1, 0) ON DUPLICATE KEY UPDATE n = 0\"", { production: true }),
  ask("mysql -h mysql.prod.example.net shop -e \"LOAD DATA LOCAL INFILE 'c.csv' REPLACE INTO TABLE customers\"", { production: true }),
  allow("mysql -h mysql.prod.example.net shop -e \"LOAD DATA LOCAL INFILE 'c.csv' IGNORE INTO TABLE customers\""),
]);

table('retention, TTL and scheduled SQL (docs.timescale.com, clickhouse.com/docs/sql-reference/statements/alter/ttl, github.com/citusdata/pg_cron)', [
  ask("psql -h pg.prod.example.net metrics -c \"SELECT add_retention_policy('conditions', INTERVAL '10 minutes')\"", { production: true }),
  ask("psql -h pg.prod.example.net metrics -c \"SELECT drop_chunks('conditions', older_than => INTERVAL '1 minute')\"", { production: true }),
  allow("psql -h pg.prod.example.net metrics -c \"SELECT show_chunks('conditions')\""),
  ask("psql -h pg.prod.example.net shop -c \"SELECT cron.schedule('nightly', '0 3 * * *', 'TRUNCATE audit_log')\"", { production: true }),
  allow("psql -h pg.prod.example.net shop -c \"SELECT cron.schedule('nightly', '0 3 * * *', 'VACUUM ANALYZE')\""),
  ask("clickhouse-client --host ch.prod.example.net -q \"ALTER TABLE logs MODIFY TTL ts + INTERVAL 1 HOUR\"", { production: true }),
  ask("clickhouse-client --host ch.prod.example.net -q \"EXCHANGE TABLES logs AND logs_tmp\"", { production: true }),
  allow("clickhouse-client --host ch.prod.example.net -q \"SELECT count() FROM logs\""),
  allow("clickhouse-client -q \"ALTER TABLE logs MODIFY TTL ts + INTERVAL 1 HOUR\""),
]);

table('replication, definitions and restores (postgresql.org/docs/current/sql-altersubscription.html, learn.microsoft.com RESTORE)', [
  ask("psql -h pg.prod.example.net shop -c \"ALTER SUBSCRIPTION orders_sub DISABLE\"", { production: true }),
  allow("psql -h pg.prod.example.net shop -c \"ALTER SUBSCRIPTION orders_sub ENABLE\""),
  ask("mysql -h mysql.prod.example.net -e \"STOP REPLICA\"", { production: true }),
  allow("mysql -h mysql.prod.example.net -e \"SHOW REPLICA STATUS\""),
  ask("psql -h pg.prod.example.net shop -c \"CREATE OR REPLACE VIEW paying AS SELECT * FROM customers LIMIT 0\"", { production: true }),
  allow("psql -h pg.prod.example.net shop -c \"CREATE OR REPLACE VIEW paying AS SELECT * FROM customers WHERE plan <> 'free'\""),
  ask("psql -h pg.prod.example.net shop -c \"ALTER SEQUENCE orders_id_seq RESTART\"", { production: true }),
  ask("sqlcmd -S sql.prod.example.net -Q \"RESTORE DATABASE Billing FROM DISK = 'b.bak' WITH REPLACE, RECOVERY\"", { production: true }),
  allow("sqlcmd -S sql.prod.example.net -Q \"RESTORE VERIFYONLY FROM DISK = 'b.bak'\""),
  ask("sqlcmd -S sql.prod.example.net -Q \"ALTER DATABASE Billing SET SINGLE_USER WITH ROLLBACK IMMEDIATE\"", { production: true }),
  ask("bq query --nouse_legacy_sql 'MERGE ds.t T USING ds.s S ON T.id = S.id WHEN NOT MATCHED BY SOURCE THEN DELETE'"),
]);

table('MongoDB expiry, caps, indexes and indirect calls (mongodb.com/docs/manual/core/index-ttl)', [
  ask("mongosh mongodb://mongo.prod.example.net/shop --eval 'db.sessions.createIndex({ts: 1}, {expireAfterSeconds: 1})'", { production: true }),
  allow("mongosh mongodb://mongo.prod.example.net/shop --eval 'db.sessions.createIndex({ts: 1})'"),
  ask("mongosh mongodb://mongo.prod.example.net/shop --eval 'db.orders.dropIndexes()'", { production: true }),
  ask("mongosh mongodb://mongo.prod.example.net/shop --eval 'db.orders[\"deleteMany\"]({})'", { production: true }),
  allow("mongosh mongodb://mongo.prod.example.net/shop --eval 'db.orders[\"find\"]({}).limit(1)'"),
  allow("mongosh --eval 'db.orders.dropIndexes()'"),
]);

table('Redis drains and configuration (redis.io/docs/latest/commands/config-set)', [
  ask('redis-cli -h redis.prod.example.net CONFIG SET maxmemory-policy allkeys-random', { production: true }),
  allow('redis-cli -h redis.prod.example.net CONFIG GET maxmemory-policy'),
  ask('redis-cli -h redis.prod.example.net RPOP jobs 500', { production: true }),
  allow('redis-cli -h redis.prod.example.net LRANGE jobs 0 10'),
  allow('redis-cli CONFIG SET maxmemory 1mb'),
  ask('curl -s gopher://redis.prod.example.net:6379/_FLUSHDB%0D%0A'),
  allow('curl -s gopher://redis.prod.example.net:6379/_INFO%0D%0A'),
]);

table('search engine APIs (elastic.co/guide/en/elasticsearch/reference, algolia.com/doc/rest-api)', [
  ask("curl -X PUT https://search.prod.example.net:9200/logs-*/_settings -H 'Content-Type: application/json' -d '{\"index\":{\"number_of_replicas\":0}}'", { production: true }),
  allow("curl -X PUT https://search.prod.example.net:9200/logs-*/_settings -d '{\"index\":{\"number_of_replicas\":2}}'"),
  ask("curl -X POST https://search.prod.example.net:9200/_ilm/stop", { production: true }),
  allow("curl https://search.prod.example.net:9200/_ilm/status"),
  ask("curl -X POST https://search.prod.example.net:9200/_bulk --data-binary $'{\"delete\":{\"_index\":\"logs\",\"_id\":\"9\"}}\\n'", { production: true }),
  allow("curl -X POST https://search.prod.example.net:9200/_bulk --data-binary $'{\"index\":{\"_index\":\"logs\",\"_id\":\"9\"}}\\n{\"a\":1}\\n'"),
  ask("curl -X POST https://xyz-dsn.algolia.net/1/indexes/products_tmp/operation -d '{\"operation\":\"copy\",\"destination\":\"products\"}'"),
  allow("curl -X POST https://xyz-dsn.algolia.net/1/indexes/products/query -d '{\"params\":\"query=shoe\"}'"),
  allow("curl -X PUT http://localhost:9200/logs/_settings -d '{\"index\":{\"number_of_replicas\":0}}'"),
]);

table('broker, vault and warehouse retention (kafka.apache.org topic configs, pulsar.apache.org, developer.hashicorp.com/vault kv metadata)', [
  ask('kafka-configs.sh --bootstrap-server kafka.prod.example.net:9092 --alter --entity-type topics --entity-name payments --add-config retention.ms=1000'),
  ask('kafka-configs.sh --bootstrap-server kafka.prod.example.net:9092 --alter --entity-type topics --entity-name payments --add-config retention.ms=604800000'), // stop 34
  allow('kafka-configs.sh --bootstrap-server kafka.dev.example.net:9092 --alter --entity-type topics --entity-name payments --add-config retention.ms=604800000'),
  ask('kafka-configs.sh --bootstrap-server kafka.prod.example.net:9092 --alter --entity-type topics --entity-name payments --add-config cleanup.policy=compact,delete'), // stop 34
  allow('kafka-configs.sh --bootstrap-server kafka.dev.example.net:9092 --alter --entity-type topics --entity-name payments --add-config cleanup.policy=compact,delete'),
  ask('kafka-configs.sh --bootstrap-server kafka.prod.example.net:9092 --alter --entity-type topics --entity-name payments --add-config cleanup.policy=compact'),
  ask('pulsar-admin namespaces set-message-ttl tenant/ns --messageTTL 5'),
  allow('pulsar-admin namespaces get-retention tenant/ns'),
  ask('vault kv metadata put -max-versions=1 kv/payments'),
  allow('vault kv metadata put -max-versions=20 kv/payments'),
  ask('bq update --default_table_expiration 3600 acme:analytics'),
  allow('bq update --description "daily rollups" acme:analytics'),
]);

table('server administration words outside the floor list (cassandra nodetool, etcdctl, consul)', [
  ask('nodetool -h cassandra-3.prod.example.net clearsnapshot -t nightly'),
  ask('nodetool -h cassandra-3.prod.example.net truncatehints'),
  allow('nodetool -h cassandra-3.prod.example.net status'),
  allow('nodetool -h cassandra-3.prod.example.net snapshot -t nightly'),
  ask('etcdctl --endpoints=https://etcd.prod.example.net:2379 compact 12345'),
  allow('etcdctl --endpoints=https://etcd.prod.example.net:2379 endpoint status'),
  ask('consul snapshot restore nightly.snap'),
  allow('consul snapshot save nightly.snap'),
]);

table('SQL assembled on standard input, cloud data APIs and client libraries', [
  ask("printf '%s %s orders' TRUNCATE TABLE | psql -h pg.prod.example.net shop", { production: true }),
  allow("printf '%s %s' SELECT 1 | psql -h pg.prod.example.net shop"),
  ask("echo -e '\\x44ELETE FROM carts' | psql -h pg.prod.example.net shop", { production: true }),
  allow("echo -e 'select\\x20now()' | psql -h pg.prod.example.net shop"),
  ask("aws rds-data batch-execute-statement --resource-arn arn:aws:rds:eu-west-1:1:cluster:shop-prod --secret-arn s --sql 'TRUNCATE carts'"),
  allow("aws rds-data batch-execute-statement --resource-arn arn:aws:rds:eu-west-1:1:cluster:shop-prod --secret-arn s --sql 'SELECT 1'"),
  ask("python3 -c \"import redis; c=redis.Redis(host='redis.prod.example.net'); c.config_set('appendonly','no')\""),
  ask("python3 -c \"import redis; c=redis.Redis(host='redis.prod.example.net'); [c.unlink(k) for k in c.scan_iter()]\""),
  allow("python3 -c \"import redis; c=redis.Redis(host='redis.prod.example.net'); print(c.dbsize())\""),
]);

table('platform CLIs: flush and kill verbs (learn.microsoft.com az redis, devcenter.heroku.com, fly.io/docs/flyctl)', [
  ask('az redis flush --name sessions --resource-group shop-prod --yes'),
  allow('az redis show --name sessions --resource-group shop-prod'),
  ask('heroku pg:killall DATABASE_URL -a shop-prod'),
  allow('heroku pg:info -a shop-prod'),
  ask('fly machine kill 3d8d9e1 -a shop-prod'),
  allow('fly machine status 3d8d9e1 -a shop-prod'),
]);

table('application queues and audit trails emptied (laravel.com/docs/queues, spatie/laravel-activitylog)', [
  ask('php artisan horizon:clear --queue=emails'),
  allow('php artisan horizon:status'),
  ask('php artisan queue:prune-failed --hours=0'),
  allow('php artisan queue:prune-failed --hours=48'),
  ask('php artisan activitylog:clean --days 0'),
  allow('php artisan activitylog:clean --days 90'),
]);

table('online schema changes (github.com/github/gh-ost, docs.percona.com pt-online-schema-change)', [
  ask("gh-ost --host=mysql.prod.example.net --database=shop --table=orders --alter='DROP COLUMN coupon' --execute"),
  allow("gh-ost --host=mysql.prod.example.net --database=shop --table=orders --alter='DROP COLUMN coupon'"),
  allow("gh-ost --host=mysql.prod.example.net --database=shop --table=orders --alter='ADD COLUMN note TEXT' --execute"),
  ask("pt-online-schema-change --alter 'DROP COLUMN coupon' D=shop,t=orders --execute"),
  allow("pt-online-schema-change --alter 'DROP COLUMN coupon' D=shop,t=orders --dry-run"),
  ask("gh-ost --host=mysql.prod.example.net --database=shop --table=orders --alter 'DROP INDEX idx_coupon' --execute"),
]);
