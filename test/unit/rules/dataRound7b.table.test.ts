import { ask, allow, blocked, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Round 7b of the data families (issue #18 items 3 and 4, red team round 7): data stores reached by
 * roads the guard had not read, git's own safety nets, and local throwaway data that stays allowed.
 * Each destroying row comes from the tool's documentation and stands next to a look-alike that must
 * stay allowed (a read, a dry run, a scoped or local variant).
 */

const files: Record<string, string> = {
  '/work/app/.env': 'DATABASE_URL=postgres://postgres:dev@localhost:5432/acme_dev\n',
  '/work/billing/.env': 'DATABASE_URL=postgres://billing:x@billing-db.prod.acme.internal:5432/billing\n',
  '/work/app/scripts/purge_inactive.py': 'from accounts.models import User\nUser.objects.filter(is_active=False).delete()\n',
  '/work/app/scripts/count_inactive.py': 'from accounts.models import User\nprint(User.objects.filter(is_active=False).count())\n',
  '/work/app/refs-delete.txt': 'delete refs/heads/main\n',
  '/work/app/refs-create.txt': 'create refs/heads/topic 4f2a9c1\n',
  '/work/app/db/cleanup.sql': 'DELETE FROM line_items WHERE order_id NOT IN (SELECT id FROM orders);\n',
};
const table = decisionTable(testFacts({ files }));

table('throwaway local data (sqlite in a scratch folder, tmp_ tables, test databases, dry runs)', [
  allow('sqlite3 /tmp/dev.db "DROP TABLE IF EXISTS t"'),
  allow("sqlite3 /var/tmp/scratch.sqlite3 'drop table t'"),
  allow("sqlite3 db/development.sqlite3 'drop table if exists tmp_import'"),
  allow("psql -c 'DROP TABLE staging_tmp'"),
  allow("mongosh --eval 'db.getSiblingDB(\"clean_test\").dropDatabase()'"),
  allow('rsync -an --delete /tmp/empty/ uploads/'),
  allow('rsync -av --dry-run --delete ./ /tmp/x'),
  ask("sqlite3 db/development.sqlite3 'DROP TABLE users'"),
  blocked("sqlite3 /tmp/dev.db '.shell rm -rf ~'"),
  ask("mongosh --eval 'db.getSiblingDB(\"shop\").dropDatabase()'"),
  ask("mongosh mongodb://db.prod.acme.internal/x --eval 'db.getSiblingDB(\"clean_test\").dropDatabase()'"),
  ask('rsync -a --delete /tmp/empty/ uploads/'),
]);

table('MongoDB users and server stops are administration: local is the developer\'s, remote asks', [
  allow("mongosh --eval 'db.dropUser(\"dev\")'"),
  allow("mongosh --eval 'db.adminCommand({shutdown: 1})'"),
  ask("mongosh mongodb://db.prod.acme.internal/admin --eval 'db.dropUser(\"app\")'", { production: true }),
  ask("mongosh mongodb://db.prod.acme.internal/admin --eval 'db.adminCommand({shutdown: 1})'", { production: true }),
  ask("mongosh \"$MONGODB_URI\" --eval 'db.getSiblingDB(\"admin\").dropUser(\"app\")'"),
]);

table('PostgreSQL server programs (postgresql.org/docs/current/app-pgrewind.html, pgarchivecleanup.html)', [
  ask("pg_rewind --target-pgdata=/var/lib/postgresql/16/main --source-server='host=db.prod.acme.internal'", { says: /thrown away/ }),
  ask('pg_archivecleanup /var/lib/postgresql/wal_archive 000000010000000000000099', { says: /point-in-time recovery/ }),
  allow('pg_rewind -n -D /var/lib/postgresql/16/main --source-pgdata=/srv/primary'),
  allow('pg_archivecleanup -n /var/lib/postgresql/wal_archive 000000010000000000000099'),
  allow('pg_rewind --help'),
  ask('pg_archivecleanup -x .gz /mnt/wal 000000010000000000000010'),
]);

table('brokers: a cluster member forgotten by name is another machine (rabbitmq.com/docs/man/rabbitmqctl.8), celery workers stopped', [
  ask('rabbitmqctl forget_cluster_node rabbit@node2', { production: true }),
  allow('rabbitmqctl forget_cluster_node rabbit@localhost'),
  allow('rabbitmqctl cluster_status'),
  ask('celery -A app control shutdown'),
  allow('celery -A app inspect active'),
  ask('rabbitmqctl --node rabbit@mq-prod-1 forget_cluster_node rabbit@mq-prod-2', { production: true }),
]);

table('restores over live data and object stores (restic, duplicity, pgBackRest, Barman, OpenStack swift, rclone, strapi)', [
  ask('restic -r s3:s3.amazonaws.com/acme-backups restore latest --target /var/lib/postgresql --overwrite always'),
  allow('restic -r s3:s3.amazonaws.com/acme-backups snapshots'),
  ask('duplicity restore --force s3://acme-backups /var/lib/app'),
  allow('duplicity restore s3://acme-backups /tmp/restored'),
  ask('pgbackrest --stanza=prod --delta restore'),
  allow('pgbackrest --stanza=prod info'),
  ask('barman recover prod latest /var/lib/postgresql/16/main'),
  allow('barman list-backups prod'),
  ask('swift delete --all'),
  allow('swift list'),
  allow('swift package clean'),
  ask('rclone copyto ./empty.txt s3:acme-tf-state/prod/terraform.tfstate'),
  allow('rclone lsf s3:acme-tf-state'),
  ask('npx strapi transfer --to https://prod.acme.com/admin --force'),
  ask('npx strapi import -f backup.tar.gz --force'),
  allow('npx strapi export -f backup'),
]);

table('store writes of an empty value or /dev/null (etcd, Consul, ZooKeeper, MinIO, Wrangler KV/R2)', [
  ask("etcdctl --endpoints=etcd.prod:2379 put /registry/x ''"),
  allow('etcdctl --endpoints=etcd.prod:2379 put /registry/x v1'),
  ask("consul kv put app/config ''"),
  allow('consul kv get app/config'),
  ask("zkCli.sh -server zk.prod:2181 set /kafka/config ''"),
  ask('mc cp /dev/null prod/uploads/index.html'),
  allow('mc ls prod/uploads'),
  ask('wrangler r2 object put acme-uploads/index.html --file=/dev/null'),
  ask("wrangler kv key put --binding KV key ''"),
  allow('wrangler kv key put --binding KV key value1'),
  ask('wrangler kv bulk put keys.json --namespace-id abc'),
  allow('wrangler kv bulk put keys.json --namespace-id abc --local'),
  allow('wrangler kv key list --binding KV'),
]);

table('MySQL tools that write (Percona pt-table-sync, mydumper myloader, elasticdump)', [
  ask('pt-table-sync --execute h=replica,D=shop h=prod-mysql.acme.com'),
  allow('pt-table-sync --print h=replica,D=shop h=prod-mysql.acme.com'),
  ask('myloader -h prod-mysql.acme.com -d /tmp/dump --overwrite-tables'),
  allow('myloader -h prod-mysql.acme.com -d /tmp/dump'),
  ask('elasticdump --input=/tmp/empty.json --output=http://es.prod.acme.com:9200/orders'),
  // Stop 34 (coordinator's decision): a production index copied down whole asks; a local one stays allowed.
  ask('elasticdump --input=http://es.prod.acme.com:9200/orders --output=/tmp/orders.json'),
  allow('elasticdump --input=http://localhost:9200/orders --output=/tmp/orders.json'),
]);

table('git safety nets: reflog and prune settings (git-scm.com/docs/git-config gc.reflogExpire, core.logAllRefUpdates)', [
  ask('git config gc.reflogExpire now', { says: /reflog/ }),
  ask('git config gc.reflogExpireUnreachable now'),
  ask('git config --global gc.pruneExpire now'),
  ask('git config core.logAllRefUpdates false'),
  ask('git -c gc.reflogExpire=now gc'),
  allow("git config gc.reflogExpire '90 days'"),
  allow('git config core.logAllRefUpdates true'),
  allow('git config --get gc.reflogExpire'),
  ask('git reflog delete --rewrite HEAD@{0}'),
  allow('git reflog show'),
]);

table('git refs moved or overwritten (git-branch, git-switch, git-checkout, git-update-ref)', [
  ask('git branch -m -f old main'),
  ask('git branch --copy --force old main'),
  ask('git branch -M old main'),
  ask('git switch -C main HEAD~5'),
  ask('git checkout -B main HEAD~5'),
  allow('git branch -m old new'),
  allow('git switch -c feature main'),
  allow('git checkout -B feature'),
  ask('git update-ref --stdin < refs-delete.txt'),
  ask('git update-ref --stdin < missing-list.txt'),
  allow('git update-ref --stdin < refs-create.txt'),
]);

table('git pushes by plumbing and computed deletions (git-send-pack, git-http-push, git-for-each-ref)', [
  ask('git send-pack --all --force origin', { production: true }),
  ask('git http-push --force https://github.com/acme/app.git main', { production: true }),
  allow('git send-pack --dry-run --force origin'),
  ask("git branch -r | grep -v main | sed 's/origin\\///' | xargs -n1 git push origin --delete", { production: true }),
  ask("git push origin $(git for-each-ref --format=':%(refname:short)' refs/heads)", { production: true }),
  allow('git push origin $(git branch --show-current)'),
]);

table('git submodules forced, the repository served or copied whole (git-submodule, git-daemon, git-instaweb)', [
  ask('git submodule deinit -f --all'),
  ask('git submodule update --force --checkout'),
  allow('git submodule update --init --recursive'),
  allow('git submodule deinit sub'),
  ask('git daemon --export-all --base-path=. --reuseaddr', { production: true }),
  ask('git instaweb', { production: true }),
  allow('git instaweb --local'),
  allow('git instaweb --stop'),
  ask('git clone --mirror . /tmp/mirror.git'),
  allow('git clone --mirror https://github.com/acme/app.git /tmp/m'),
  allow('git clone . ../copy'),
]);

table('interpreter one-liners: drivers, admin clients, fsspec, pandas, DynamoDB and protections off', [
  ask("python3 -c \"import pymongo,os; pymongo.MongoClient(os.environ['MONGODB_URI']).shop.users.delete_many({})\"", { production: true }),
  ask("python3 -c \"import pymongo; pymongo.MongoClient().shop.users.create_index('createdAt', expireAfterSeconds=0)\""),
  allow("python3 -c \"import pymongo; pymongo.MongoClient().shop.users.delete_one({'_id': 1})\""),
  ask("node -e \"require('mongodb').MongoClient.connect(process.env.MONGODB_URI).then(c=>c.db('shop').collection('users').deleteMany({}))\""),
  ask("python3 -c \"import elasticsearch; elasticsearch.Elasticsearch('https://es.prod.acme.com:9200').indices.delete(index='orders')\""),
  allow("python3 -c \"import elasticsearch; print(elasticsearch.Elasticsearch('https://es.prod.acme.com:9200').indices.get(index='orders'))\""),
  ask("python3 -c \"import kafka; kafka.KafkaAdminClient(bootstrap_servers='kafka.prod:9092').delete_topics(['orders'])\""),
  allow("python3 -c \"import kafka; print(kafka.KafkaAdminClient(bootstrap_servers='kafka.prod:9092').list_topics())\""),
  ask("python3 -c \"import s3fs; s3fs.S3FileSystem().rm('acme-prod-uploads', recursive=True)\""),
  ask("python3 -c \"import fsspec; fsspec.filesystem('s3').rm('acme-prod-uploads/', recursive=True)\""),
  allow("python3 -c \"import s3fs; print(s3fs.S3FileSystem().ls('acme-prod-uploads'))\""),
  allow("node -e \"require('fs').promises.rm('dist', {recursive: true})\""),
  ask("python3 -c \"import pandas as pd; pd.DataFrame().to_parquet('gs://acme-prod/data/orders.parquet')\""),
  allow("python3 -c \"import pandas as pd; pd.DataFrame().to_parquet('out/orders.parquet')\""),
  ask("python3 -c \"import pandas as pd, sqlalchemy as sa, os; pd.DataFrame().to_sql('users', sa.create_engine(os.environ['DATABASE_URL']), if_exists='replace')\""),
  allow("python3 -c \"import pandas as pd; df.to_sql('users', eng, if_exists='append')\""),
  ask("python3 -c \"import boto3; boto3.client('s3').put_bucket_versioning(Bucket='acme-tf-state', VersioningConfiguration={'Status':'Suspended'})\""),
  allow("python3 -c \"import boto3; boto3.client('s3').put_bucket_versioning(Bucket='acme-tf-state', VersioningConfiguration={'Status':'Enabled'})\""),
  ask("python3 -c \"import boto3; boto3.resource('dynamodb').Table('orders').delete_item(Key={'id':'1'})\""),
  allow("python3 -c \"import boto3; print(boto3.resource('dynamodb').Table('orders').scan()['Items'])\""),
]);

table('SQL that loses or locks data without a destroying word, on an unknown or production server', [
  ask('psql $DATABASE_URL -c "CALL purge_all()"', { production: true }),
  ask('psql $DATABASE_URL -c "SELECT purge_users()"', { production: true }),
  allow('psql $DATABASE_URL -c "SELECT count(*) FROM users"'),
  allow('psql -c "CALL purge_all()"'),
  ask('psql $DATABASE_URL -c "ALTER DATABASE app SET default_transaction_read_only = on"'),
  ask('mysql -h db.prod.acme.internal -e "SET GLOBAL read_only=0"', { production: true }),
  ask('psql $DATABASE_URL -c "ALTER TABLE orders DETACH PARTITION orders_2024"'),
  ask('psql $DATABASE_URL -c "ALTER TABLE users ADD CONSTRAINT c CHECK (false) NOT VALID"'),
  allow('psql $DATABASE_URL -c "ALTER TABLE users ADD CONSTRAINT c CHECK (age >= 0) NOT VALID"'),
  ask("mysql -h db.prod.acme.internal -e \"REPLACE INTO users VALUES (1,'x')\"", { production: true }),
  ask("mysql -h db.prod.acme.internal -e 'PURGE BINARY LOGS BEFORE NOW()'", { production: true }),
  ask('cqlsh cassandra.prod.acme.internal -e "ALTER TABLE ks.t WITH default_time_to_live=1"'),
  ask("cqlsh cassandra.prod.acme.internal -e \"ALTER KEYSPACE ks WITH replication = {'class':'SimpleStrategy','replication_factor':1}\""),
  allow('cqlsh cassandra.prod.acme.internal -e "SELECT * FROM ks.t LIMIT 10"'),
  ask("bq query --nouse_legacy_sql 'ALTER TABLE prod.orders SET OPTIONS (expiration_timestamp = CURRENT_TIMESTAMP())'"),
  allow("bq query --nouse_legacy_sql 'SELECT count(*) FROM prod.orders'"),
  ask("sqlite3 db/development.sqlite3 '.restore db/test.sqlite3'"),
  allow("sqlite3 db/development.sqlite3 '.backup /tmp/b.sqlite3'"),
  allow('psql < db/cleanup.sql'),
  ask('PGHOST=db.prod.acme.internal psql < db/cleanup.sql', { production: true }),
  ask('psql < db/missing.sql'),
]);

table('cloud data APIs and platform database shells (DynamoDB PartiQL, Neptune, az flexible-server, heroku redis:cli, tsh db exec)', [
  ask('aws dynamodb execute-transaction --transact-statements \'[{"Statement":"DELETE FROM orders WHERE id=1"}]\''),
  ask('aws dynamodb batch-execute-statement --statements \'[{"Statement":"DELETE FROM orders WHERE id=1"}]\''),
  allow('aws dynamodb batch-execute-statement --statements \'[{"Statement":"SELECT * FROM orders WHERE id=1"}]\''),
  ask("aws neptunedata execute-open-cypher-query --endpoint-url https://neptune.prod:8182 --open-cypher-query 'MATCH (n) DETACH DELETE n'"),
  allow("aws neptunedata execute-open-cypher-query --endpoint-url https://neptune.prod:8182 --open-cypher-query 'MATCH (n) RETURN count(n)'"),
  ask("aws neptunedata execute-gremlin-query --endpoint-url https://neptune.prod:8182 --gremlin-query 'g.V().drop()'"),
  ask('aws neptunedata execute-fast-reset --endpoint-url https://neptune.prod:8182 --action performDatabaseReset --token x'),
  allow('aws neptunedata execute-fast-reset --endpoint-url https://neptune.prod:8182 --action initiateDatabaseReset'),
  ask("gremlin-console -e 'g.V().drop().iterate()'"),
  allow("gremlin-console -e 'g.V().count()'"),
  ask("faunadb eval 'Delete(Collection(\"users\"))'"),
  allow("faunadb eval 'Paginate(Collections())'"),
  ask("az postgres flexible-server connect -n db -u a -p x -q 'DROP TABLE users'"),
  ask("az postgres flexible-server connect -n db -u a -p x --interactive <<< 'DROP TABLE users;'"),
  allow("az postgres flexible-server connect -n db -u a -p x -q 'SELECT 1'"),
  ask("echo 'FLUSHALL' | heroku redis:cli -a acme-prod --confirm acme-prod"),
  allow("echo 'INFO' | heroku redis:cli -a acme-prod --confirm acme-prod"),
  ask("tsh db exec prod-db --db-user admin 'drop table users'"),
  allow("tsh db exec 'select 1' --dbs prod-db"),
  ask("curl -X PUT http://es-prod:9200/idx/_settings -d '{\"index.lifecycle.name\":\"delete-now\"}'"),
  allow("curl -X PUT http://es-prod:9200/idx/_settings -d '{\"index.refresh_interval\":\"30s\"}'"),
  ask('curl -X POST http://es-prod:9200/idx/_close'),
  allow('curl -X POST http://es-prod:9200/idx/_open'),
]);

table('migrations through build tools and small CLIs (flyway/liquibase Maven and Gradle plugins, postgrator, kysely-ctl, ef, doctrine)', [
  ask('mvn flyway:clean -Dflyway.cleanDisabled=false'),
  ask('./gradlew flywayClean'),
  ask('mvn liquibase:dropAll'),
  ask('gradle dropAll'),
  allow('mvn flyway:info'),
  allow('./gradlew flywayMigrate'),
  allow('mvn clean install'),
  ask('npx kysely migrate:rollback --all'),
  allow('npx kysely migrate:latest'),
  ask('npx postgrator 0'),
  allow('npx postgrator max'),
  ask('dotnet ef migrations remove --force'),
  allow('dotnet ef migrations remove'),
  ask('php bin/console doctrine:schema:update --force'),
  allow('php bin/console doctrine:schema:update --dump-sql'),
]);

table('framework shells and commands (Django, Rails, IEx, Flask, Phoenix seeds, the project .env for ORM commands run here)', [
  ask('python manage.py migrate accounts 0001'),
  ask('python manage.py migrate accounts 0001 --database=production', { production: true }),
  allow('python manage.py migrate accounts 0001 --plan'),
  // Stop 32: the script's filtered delete on the development default is routine; with production settings it asks.
  allow('python manage.py runscript purge_inactive'),
  ask('python manage.py runscript purge_inactive --settings=config.settings.production', { production: true }),
  ask('python3 scripts/purge_inactive.py'),
  allow('python manage.py runscript count_inactive'),
  ask("bundle exec rails runner 'Sidekiq::Queue.new.clear'"),
  allow("bundle exec rails runner 'puts Sidekiq::Queue.new.size'"),
  ask("iex -S mix <<< 'Repo.delete_all(User)'"),
  allow("iex -S mix <<< 'Repo.aggregate(User, :count)'"),
  ask("irb -r ./config/environment <<< 'User.delete_all'"),
  ask("python -m flask shell <<< 'db.drop_all()'"),
  ask('MIX_ENV=prod mix run priv/repo/seeds.exs', { production: true }),
  allow('mix run priv/repo/seeds.exs'),
  ask('npx prisma migrate reset --force --skip-seed'),
  ask('npx typeorm schema:sync', { production: true, facts: { cwd: '/work/billing', workspaceRoots: ['/work/billing'] } }),
  ask('npx knex seed:run', { production: true, facts: { cwd: '/work/billing', workspaceRoots: ['/work/billing'] } }),
  allow('npx knex seed:run'),
]);
