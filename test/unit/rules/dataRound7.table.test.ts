import { ask, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Round 7 of the data families (issue #18, red team round 6): administration of a database, store or
 * broker is the developer's own on this machine (no host, URL, node or production hint) and asks on a
 * production or unknown remote one; data lost without a destroying word (a WHERE every row passes, ORM
 * calls that empty a table) asks everywhere. Each family's destroying shapes come from the tools'
 * documentation, next to look-alikes that stay allowed.
 */

const table = decisionTable(testFacts({}));
const PROD = 'db.prod.acme.internal';

table('a WHERE every row passes (postgresql.org/docs/current/sql-delete.html): a key column against the bottom of its range', [
  ask("psql -c 'DELETE FROM users WHERE id > 0'", { says: /every row passes/ }),
  ask("psql -c 'UPDATE users SET email = NULL WHERE id > 0'"),
  ask("mysql -e 'DELETE FROM orders WHERE user_id >= 0'"),
  ask("psql -c 'DELETE FROM events WHERE created_at < now()'"),
  ask("sqlite3 db/development.sqlite3 'DELETE FROM users WHERE id <> 0'"),
  allow("psql -c 'DELETE FROM users WHERE id > 100'"),
  allow("psql -c \"DELETE FROM events WHERE created_at < now() - interval '30 days'\""),
  allow("psql -c 'SELECT count(*) FROM users WHERE id > 0'"),
]);

table('MongoDB filters every document passes (mongodb.com/docs/manual/reference/operator/query/exists/)', [
  ask("mongosh --eval 'db.users.deleteMany({_id:{$exists:true}})'", { says: /every document passes/ }),
  ask("mongosh --eval 'db.users.deleteMany({ \"_id\": { \"$ne\": null } })'"),
  ask("mongosh --eval 'db.sessions.remove({_id: {$gte: MinKey()}})'"),
  ask("mongosh --eval 'db.users.updateMany({$where: \"true\"}, {$set: {plan: null}})'"),
  allow("mongosh --eval 'db.users.deleteMany({_id:{$exists:true}, status:\"spam\"})'"),
  allow("mongosh --eval 'db.users.find({_id:{$exists:true}}).count()'"),
]);

table('Redis writes and administration on production (redis.io/docs/latest/commands/)', [
  ask('redis-cli -h cache.prod.acme.internal -p 6380 SET feature:checkout off', { production: true }),
  ask('redis-cli -h cache.prod.acme.internal HSET flags checkout 0', { production: true }),
  ask('redis-cli -h cache.prod.acme.internal CONFIG SET requirepass x', { production: true }),
  ask("redis-cli -h cache.prod.acme.internal ACL SETUSER evil on '>x' '~*' '+@all'", { production: true }),
  allow('redis-cli -h cache.prod.acme.internal GET feature:checkout'),
  allow('redis-cli -h cache.prod.acme.internal CLIENT LIST'),
  allow('redis-cli SET feature:checkout off'),
  allow("redis-cli -h 127.0.0.1 ACL SETUSER dev on '>dev' '~*' '+@all'"),
  allow("redis-cli -h cache.prod.acme.internal ACL SETUSER reporter on '>s3cret' '~report:*' +get", { production: true }),
  // Stop 35 (red team round 21, the brief's decision): a production Redis server's administration (persistence, CONFIG SET, replication) asks.
  ask('redis-cli -h cache.prod.acme.internal CONFIG SET maxmemory-policy allkeys-lru', { production: true }),
  allow('redis-cli -h cache.prod.acme.internal CONFIG GET maxmemory-policy', { production: true }),
]);

table('database users, grants and settings: the local server is the developer\'s own, a remote one asks', [
  ask(`psql -h ${PROD} -c 'GRANT ALL ON ALL TABLES IN SCHEMA public TO PUBLIC'`, { production: true }),
  ask(`psql -h ${PROD} -c 'CREATE ROLE evil LOGIN SUPERUSER'`, { production: true }),
  ask(`psql -h ${PROD} -c 'ALTER SYSTEM SET archive_mode = off'`, { production: true }),
  ask(`mongosh mongodb://${PROD}/app --eval 'db.changeUserPassword("app","x")'`, { production: true }),
  allow("psql -c 'GRANT ALL ON ALL TABLES IN SCHEMA public TO PUBLIC'"),
  allow("psql -c 'CREATE ROLE evil LOGIN SUPERUSER PASSWORD $$x$$'"),
  allow("psql -c 'ALTER SYSTEM SET fsync = off'"),
  allow("mongosh --eval 'db.createUser({user:\"evil\",pwd:\"x\",roles:[\"root\"]})'"),
  allow("mysql -e 'ALTER USER root IDENTIFIED BY \"x\"'"),
  allow(`psql -h ${PROD} -c 'GRANT SELECT ON ALL TABLES IN SCHEMA public TO analyst'`, { production: true }),
]);

table('createuser / dropuser (postgresql.org/docs/current/app-dropuser.html) and pg_resetwal (app-pgresetwal.html)', [
  ask(`dropuser -h ${PROD} app`, { production: true, says: /locked out/ }),
  ask('dropuser --host=10.2.3.4 app'),
  ask(`createuser -h ${PROD} -s evil`, { production: true }),
  ask(`createuser --host ${PROD} --superuser evil`, { production: true }),
  ask('pg_resetwal -f /var/lib/postgresql/data', { says: /write-ahead log/ }),
  ask('pg_resetxlog /var/lib/postgresql/9.6/main'),
  allow('dropuser app'),
  allow('dropuser -h localhost app'),
  allow('createuser -s evil'),
  allow(`createuser -h ${PROD} reporter`),
  allow('pg_resetwal -n /var/lib/postgresql/data'),
  allow('pg_resetwal --help'),
]);

table('rabbitmqctl (rabbitmq.com/docs/man/rabbitmqctl.8): a remote node asks, this machine\'s node is the developer\'s', [
  ask('rabbitmqctl -n rabbit@mq-prod-1 add_user evil x', { production: true }),
  ask('rabbitmqctl --node rabbit@mq-prod-1 stop_app', { production: true }),
  ask('rabbitmqctl -n rabbit@mq-prod-1 change_password app x', { production: true }),
  ask("rabbitmqctl -n rabbit@mq-prod-1 set_permissions -p / evil '.*' '.*' '.*'", { production: true }),
  ask('ssh mq-prod-1 rabbitmqctl set_user_tags evil administrator', { production: true }),
  // Emptying or resetting the node loses its messages: data, not administration, so it asks on this machine too.
  ask('rabbitmqctl purge_queue orders'),
  ask('rabbitmqctl -n rabbit@localhost reset'),
  allow('rabbitmqctl add_user dev dev && rabbitmqctl set_user_tags dev administrator'),
  allow('rabbitmqctl stop_app'),
  allow('rabbitmqctl -n rabbit@localhost stop_app'),
  allow('rabbitmqctl -n rabbit@mq-prod-1 list_queues', { production: true }),
  allow('rabbitmqctl status'),
]);

table('ORM calls that empty a table in interpreter code (SQLAlchemy, Django, ActiveRecord, Sequelize, Prisma, Knex, TypeORM, Eloquent docs)', [
  ask("python -c 'from app import db, User; User.query.delete(); db.session.commit()'", { says: /User\.query\.delete/ }),
  ask("python3 -c 'from app.db import session, Order; session.query(Order).delete(); session.commit()'"),
  ask("node -e 'require(\"./db\").User.destroy({where:{}, truncate:true})'"),
  ask("npx ts-node -e 'import {prisma} from \"./src/db\"; prisma.$executeRawUnsafe(\"TRUNCATE users\")'"),
  ask("node -e 'const {PrismaClient}=require(\"@prisma/client\"); new PrismaClient().user.deleteMany()'"),
  ask("ruby -e 'require \"./config/environment\"; User.delete_all'"),
  ask("node -e 'const knex=require(\"./db\"); knex(\"sessions\").del().then(()=>process.exit())'"),
  ask("php -r 'require \"vendor/autoload.php\"; App\\Models\\User::truncate();'"),
  allow("python -c 'from app import db, User; User.query.filter_by(id=3).delete(); db.session.commit()'"),
  allow("node -e 'require(\"./db\").User.destroy({where:{id: 3}})'"),
  allow("ruby -e 'require \"./config/environment\"; User.where(id: 3).delete_all'"),
  allow("node -e 'const knex=require(\"./db\"); knex(\"sessions\").where(\"id\", 3).del()'"),
  allow("npx ts-node -e 'import {prisma} from \"./src/db\"; prisma.$queryRawUnsafe(\"SELECT 1\")'"),
  allow("python -c 'from app import User; print(User.query.count())'"),
]);

table('framework work routine in development, asked on production (Rails, Django, Laravel docs)', [
  ask('RAILS_ENV=production rails db:migrate', { production: true }),
  ask('bin/rails db:seed RAILS_ENV=production', { production: true }),
  ask('python manage.py migrate --settings=acme.settings.production', { production: true }),
  ask('python manage.py createsuperuser --noinput --username evil --email e@evil.example --settings=acme.settings.production', { production: true }),
  ask('DJANGO_SETTINGS_MODULE=acme.settings.production python manage.py changepassword admin', { production: true }),
  ask('php artisan down --env=production', { production: true }),
  ask('php artisan migrate --force --env=production', { production: true }),
  allow('bin/rails db:migrate'),
  allow('bin/rails db:migrate RAILS_ENV=test'),
  allow('python manage.py migrate'),
  allow('python manage.py createsuperuser --noinput --username dev --email dev@example.com'),
  allow('php artisan down'),
  allow('php artisan migrate'),
]);

table('schema syncs that drop what the entities no longer have, keys replaced, migrations pruned (TypeORM, MikroORM, Laravel docs)', [
  ask('npx typeorm schema:sync'),
  ask('npx typeorm schema:drop'),
  ask('npx @mikro-orm/cli schema:update --run --safe false'),
  ask('npx mikro-orm schema:update --run'),
  ask('php artisan key:generate --force', { says: /APP_KEY/ }),
  ask('php artisan key:generate', { facts: { readFile: (p: string) => (p.endsWith('/.env') ? 'APP_NAME=Acme\nAPP_KEY=base64:' + 'AAAA'.repeat(8) + '\n' : undefined) } }),
  ask('php artisan schema:dump --prune'),
  allow('npx typeorm schema:log'),
  allow('npx mikro-orm schema:update --run --safe'),
  allow('npx @mikro-orm/cli schema:update --dump'),
  allow('php artisan key:generate'),
  allow('php artisan key:generate --show'),
  allow('php artisan schema:dump'),
]);

table('Kafka and Redpanda offsets, records and ACLs (kafka.apache.org/documentation, docs.redpanda.com rpk reference)', [
  ask('kafka-consumer-groups --bootstrap-server x:9092 --delete --group billing'),
  ask('kafka-consumer-groups.sh --bootstrap-server x:9092 --delete-offsets --group billing --topic t'),
  ask('kafka-consumer-groups --bootstrap-server x:9092 --reset-offsets --to-latest --group billing --topic t --execute'),
  ask('rpk group seek billing --to end'),
  ask('rpk topic trim-prefix orders -p 0 -o end'),
  ask("kafka-acls --bootstrap-server x:9092 --add --allow-principal User:* --operation All --topic '*'"),
  ask('kafka-acls.sh --bootstrap-server kafka-prod-1:9092 --add --allow-principal User:ci --operation All --cluster', { production: true }),
  ask("rpk security acl create --allow-principal 'User:*' --operation all --topic '*'"),
  allow('kafka-consumer-groups --bootstrap-server x:9092 --reset-offsets --to-latest --group billing --topic t'),
  allow('kafka-consumer-groups --bootstrap-server x:9092 --describe --group billing'),
  allow('rpk group describe billing'),
  allow('rpk topic describe orders'),
  allow('kafka-acls --bootstrap-server x:9092 --add --allow-principal User:alice --operation Read --topic orders'),
  allow('kafka-acls --bootstrap-server x:9092 --list'),
  allow('rpk security acl create --allow-principal User:app --operation read --topic orders'),
]);

table('MongoDB Atlas CLI (mongodb.com/docs/atlas/cli/current/command/): admin users, the internet, termination protection', [
  ask('atlas dbusers create atlasAdmin --username x --password y', { production: true }),
  ask('atlas dbusers create --role readWriteAnyDatabase --username etl', { production: true }),
  ask('atlas accessLists create 0.0.0.0/0', { production: true }),
  ask('atlas clusters update Cluster0 --disableTerminationProtection', { production: true }),
  allow('atlas dbusers create read --username reporter --password y'),
  allow('atlas accessLists create 203.0.113.7/32'),
  allow('atlas clusters update Cluster0 --enableTerminationProtection'),
  allow('atlas clusters list'),
]);

table("python -m sqlite3 is the sqlite3 shell (docs.python.org/3/library/sqlite3.html#command-line-interface); supabase db push (supabase.com/docs/reference/cli/supabase-db-push)", [
  ask("python3 -m sqlite3 db/development.sqlite3 'DROP TABLE users'", { says: /DROP TABLE users/ }),
  ask("python -m sqlite3 app.db 'DELETE FROM users'"),
  ask('supabase db push --linked', { production: true }),
  ask('supabase db push', { production: true }),
  ask('supabase db push --db-url postgresql://postgres@db.abcd.supabase.co:5432/postgres', { production: true }),
  allow("python3 -m sqlite3 db/development.sqlite3 'SELECT count(*) FROM users'"),
  allow("python -m sqlite3 db/test.sqlite3 'DELETE FROM sessions'"),
  allow('python3 -m sqlite3 -v'),
  allow('supabase db push --dry-run'),
  allow('supabase db push --local'),
  allow('supabase db push --db-url postgresql://postgres:postgres@localhost:54322/postgres'),
]);

table('BigQuery overwrites (cloud.google.com/bigquery/docs/reference/bq-cli-reference)', [
  ask('bq cp -f acme:analytics.empty acme:analytics.events', { production: true, says: /overwrites acme:analytics\.events/ }),
  ask('bq load --replace acme:analytics.events gs://bucket/events.csv', { says: /overwrites acme:analytics\.events/ }),
  ask("bq query --replace --destination_table acme:analytics.events 'SELECT 1'"),
  allow('bq cp acme:analytics.events acme:analytics.events_backup'),
  allow('bq load acme:analytics.events gs://bucket/events.csv'),
  allow('bq cp -f --dry_run acme:a.b acme:a.c'),
]);

table('store administration over HTTP (Vault sys API, Elasticsearch security API, RabbitMQ management API, Spring Boot Actuator)', [
  ask('curl -X PUT https://vault.acme.internal:8200/v1/sys/seal -H "X-Vault-Token: $VAULT_TOKEN"', { production: true, says: /seals Vault/ }),
  ask('curl -X POST https://vault.acme.internal:8200/v1/sys/leases/revoke-prefix/aws/ -H "X-Vault-Token: $VAULT_TOKEN"'),
  ask(`curl -X PUT https://es.prod.acme.internal:9200/_security/user/evil -d '{"password":"x","roles":["superuser"]}'`, { production: true }),
  ask(`curl -X POST https://es.prod.acme.internal:9200/_security/user/elastic/_password -d '{"password":"x"}'`, { production: true }),
  ask(`curl -u guest:guest -X PUT http://mq-prod-1:15672/api/users/evil -d '{"password":"x","tags":"administrator"}'`, { production: true }),
  ask('curl http://localhost:8080/actuator/env', { says: /Actuator/ }),
  ask('curl http://localhost:8080/actuator/heapdump -o heap.bin'),
  allow('curl -X POST http://localhost:8200/v1/sys/seal -H "X-Vault-Token: $VAULT_TOKEN"'),
  allow('curl http://localhost:8200/v1/sys/seal-status'),
  allow(`curl -X PUT localhost:9200/_security/user/evil -d '{"password":"x","roles":["superuser"]}'`),
  allow(`curl -X PUT https://es.prod.acme.internal:9200/_security/user/reporter -d '{"password":"x","roles":["viewer"]}'`, { production: true }),
  allow('curl http://localhost:8080/actuator/health'),
]);

table('an HTTP method chosen at run time (curl -X "$M")', [
  ask('curl -X "$M" https://api.acme.com/v1/users', { production: true, says: /chosen at run time/ }),
  ask('curl -X "${METHOD:-GET}" https://api.acme.com/v1/users'),
  ask('curl --request "$verb" https://api.stripe.com/v1/customers/cus_1'),
  allow('curl -X "$M" http://localhost:3000/api/users'),
  allow('curl -X GET https://api.acme.com/v1/users'),
]);

table("DuckDB ATTACH (duckdb.org/docs/stable/sql/statements/attach): statements after it reach the attached database", [
  ask(`duckdb -c "ATTACH 'postgres://app@db.prod.acme.internal/app' AS p (TYPE postgres); DROP TABLE p.users"`, { production: true, says: /postgres:\/\/db\.prod\.acme\.internal\/app/ }),
  ask(`duckdb -c "ATTACH 'postgres://app@db.prod.acme.internal/app' AS p (TYPE postgres); DELETE FROM p.sessions WHERE id = 3"`, { production: true }),
  ask(`duckdb -c "ATTACH 'mysql://root@db.prod.acme.internal/shop' AS m (TYPE mysql); TRUNCATE m.orders"`, { production: true }),
  allow(`duckdb -c "ATTACH 'postgres://app@db.prod.acme.internal/app' AS p (TYPE postgres, READ_ONLY); SELECT count(*) FROM p.users"`, { production: true }),
  allow(`duckdb analytics.duckdb -c "SELECT count(*) FROM events"`),
]);

table('safety removed and administrators made on a production SQL server (postgresql.org/docs/current/sql-altertable.html, dev.mysql.com set-sql-log-bin, grant)', [
  ask("psql -h db.prod.acme.internal -c 'ALTER TABLE orders SET UNLOGGED'", { production: true }),
  ask("mysql -h db.prod.acme.internal -e 'SET sql_log_bin = 0; DELETE FROM audit WHERE id = 4'", { production: true }),
  ask(`mysql -h db.prod.acme.internal -e "CREATE USER 'evil'@'%' IDENTIFIED BY 'x'; GRANT ALL PRIVILEGES ON *.* TO 'evil'@'%'"`, { production: true }),
  ask(`mysql -h db.prod.acme.internal -e "GRANT SUPER ON *.* TO 'evil'@'%'"`, { production: true }),
  allow("psql -c 'ALTER TABLE orders SET UNLOGGED'"),
  allow("psql -h db.prod.acme.internal -c 'ALTER TABLE orders SET LOGGED'", { production: true }),
  allow(`mysql -h db.prod.acme.internal -e "GRANT SELECT ON shop.* TO 'reporter'@'%'"`, { production: true }),
  allow(`mysql -e "GRANT ALL PRIVILEGES ON *.* TO 'dev'@'localhost'"`),
]);

table('schema pushes, forward migrations and administrator accounts on production (Prisma, Alembic, Rails, Django docs)', [
  ask('DATABASE_URL=postgres://app@db.prod.acme.internal/app npx prisma db push', { production: true }),
  ask('alembic -x env=production upgrade head', { production: true }),
  ask(`RAILS_ENV=production bin/rails runner 'User.create!(email: "e@evil.example", password: "x", admin: true)'`, { production: true, says: /administrator/ }),
  ask(`DJANGO_SETTINGS_MODULE=acme.settings.production python manage.py shell -c 'from django.contrib.auth.models import User; User.objects.create_superuser("e","e@x.y","x")'`, { production: true }),
  ask('kubectl exec deploy/api -n payments -- python manage.py migrate', { production: true }),
  allow('npx prisma db push'),
  allow('alembic upgrade head'),
  allow(`bin/rails runner 'User.create!(email: "dev@example.com", password: "x", admin: true)'`),
  allow("RAILS_ENV=production bin/rails runner 'puts User.count'", { production: true }),
  allow('kubectl exec deploy/api -n payments -- python manage.py showmigrations'),
  allow('docker compose exec web bin/rails db:migrate'),
]);

table('constraints, triggers and owners on production; repairs that cut data (postgresql.org sql-altertable / sql-reassign-owned, redis.io persistence, Spring Boot Actuator shutdown)', [
  ask("psql -h db.prod.acme.internal -c 'ALTER TABLE orders DISABLE TRIGGER ALL'", { production: true }),
  ask("mysql -h db.prod.acme.internal -e 'SET GLOBAL FOREIGN_KEY_CHECKS = 0'", { production: true }),
  ask("psql -h db.prod.acme.internal -c 'REASSIGN OWNED BY app TO evil'", { production: true }),
  ask("psql -h db.prod.acme.internal -c 'ALTER DATABASE app OWNER TO evil'", { production: true }),
  ask('redis-check-aof --fix /var/lib/redis/appendonlydir/appendonly.aof.1.incr.aof', { says: /every write recorded after/ }),
  ask('curl -X POST https://app.acme.com/actuator/shutdown'),
  allow("psql -c 'ALTER TABLE orders DISABLE TRIGGER ALL'"),
  allow("psql -h db.prod.acme.internal -c 'ALTER TABLE orders ENABLE TRIGGER ALL'", { production: true }),
  allow('redis-check-aof /var/lib/redis/appendonly.aof'),
  allow('curl -X POST http://localhost:8080/actuator/shutdown'),
  allow('curl https://app.acme.com/actuator/health'),
]);

table('forward migrations on another machine whose names say nothing: unknown there is production (the decision of #18)', [
  ask('heroku run rails db:migrate -a shop', { production: true }),
  ask('kubectl exec deploy/api -n payments -- bin/rails db:migrate', { production: true }),
  ask('supabase db push', { production: true }),
  allow('heroku run rails db:migrate:status -a shop'),
  allow('supabase db push --dry-run'),
]);
