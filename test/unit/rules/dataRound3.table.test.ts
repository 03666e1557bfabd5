import { ask, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Data destruction by meaning, the families the third red team got past (issue #11): commands run in
 * containers and pods, swarm stacks, copies into containers, volume reclaim policies, S3 overwrites and
 * lifecycles, destructive GET endpoints, SQL kept in function bodies, emptied data files, the
 * repository moved away, forced work-tree removal, and database servers' own administration programs.
 * Each tool has destructive shapes from its documentation next to benign look-alikes that stay allowed.
 * A kube context nothing names is an unknown cluster: production.
 */

const FILES: Record<string, string> = {
  '/work/app/s3/expire-everything.json': JSON.stringify({ Rules: [{ ID: 'purge', Status: 'Enabled', Filter: {}, Expiration: { Days: 1 } }] }),
  '/work/app/s3/expire-uploads.json': JSON.stringify({ Rules: [{ ID: 'old', Status: 'Enabled', Filter: { Prefix: 'uploads/' }, Expiration: { Days: 30 } }] }),
  '/work/app/s3/archive.json': JSON.stringify({ Rules: [{ ID: 'archive', Status: 'Enabled', Filter: { Prefix: 'invoices/' }, Transitions: [{ Days: 90, StorageClass: 'GLACIER' }] }, { ID: 'mp', Status: 'Enabled', Filter: {}, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }] }),
  '/work/app/s3/expire-tmp.json': JSON.stringify({ Rules: [{ ID: 'tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 7 } }] }),
  '/work/app/s3/disabled.json': JSON.stringify({ Rules: [{ ID: 'off', Status: 'Disabled', Filter: {}, Expiration: { Days: 1 } }] }),
  '/work/app/s3/request-expire.json': JSON.stringify({ Bucket: 'acme-prod-uploads', LifecycleConfiguration: { Rules: [{ ID: 'x', Status: 'Enabled', Filter: {}, Expiration: { Days: 1 } }] } }),
  '/work/app/s3/request-multipart.json': JSON.stringify({ Bucket: 'acme-uploads', LifecycleConfiguration: { Rules: [{ ID: 'mp', Status: 'Enabled', Filter: {}, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 3 } }] } }),
  '/work/app/gcs/delete-all.json': JSON.stringify({ rule: [{ action: { type: 'Delete' }, condition: { age: 1 } }] }),
  '/work/app/gcs/tmp-and-coldline.json': JSON.stringify({ lifecycle: { rule: [{ action: { type: 'Delete' }, condition: { age: 7, matchesPrefix: ['tmp/'] } }, { action: { type: 'SetStorageClass', storageClass: 'COLDLINE' }, condition: { age: 90 } }] } }),
  '/work/app/scripts/wipe_sessions.sql': 'TRUNCATE TABLE sessions;\n',
  '/work/app/db/development.sqlite3': 'SQLite format 3\u0000',
};

const table = decisionTable(testFacts({ files: FILES }), { allowIsLocal: true });

// ---------------------------------------------------------------------------------------------
// Commands run in containers and pods

table('docker compose exec / run (docs.docker.com/reference/cli/docker/compose/exec/): a local service is this machine', [
  ask('docker compose exec web bin/rails db:drop DISABLE_DATABASE_ENVIRONMENT_CHECK=1', { production: false, says: /db:drop/ }),
  ask("docker compose exec -T mysql mysql -uroot shop -e 'DELETE FROM customers'", { production: false }),
  ask('docker compose run --rm web bundle exec rails db:schema:load', { production: false }),
  ask('docker compose exec -T db psql -U postgres < scripts/wipe_sessions.sql', { production: false, says: /TRUNCATE/ }),
  ask("docker-compose exec db psql -c 'TRUNCATE users'", { production: false }),
  ask('docker compose exec prod-db psql -c "DROP TABLE users"', { production: true }),
  ask("docker compose -f docker-compose.prod.yml exec db psql -c 'DROP TABLE users'", { production: true }),
  ask('docker compose -p acme-prod run --rm web bin/rails db:drop', { production: true }),
  allow("docker compose exec db psql -U postgres -c '\\dt'"),
  allow('docker compose exec web bin/rails db:migrate:status'),
  allow('docker compose run --rm web bundle exec rspec'),
  allow('docker compose down'),
  allow('docker compose down --remove-orphans'),
]);

table('docker exec / podman exec (docs.docker.com/reference/cli/docker/container/exec/, docs.podman.io podman-exec)', [
  ask("docker exec -it acme-postgres psql -U postgres -d acme_dev -c 'DROP TABLE users CASCADE;'", { production: false }),
  ask('docker exec app rm -rf /data/uploads', { production: false }),
  ask('docker container exec acme-web python manage.py flush --noinput', { says: /flush/ }),
  ask('podman exec -it pg psql -U postgres -c "TRUNCATE orders, line_items"', { production: false }),
  ask("podman exec app sh -c 'rm -rf /var/lib/app/*'", { production: false }),
  allow("docker exec -it acme-postgres psql -U postgres -d acme_dev -c 'SELECT count(*) FROM users'"),
  allow('podman exec app ls -la /var/lib/app'),
  allow('docker exec app rm -rf /tmp/build-cache'),
]);

table('kubectl exec (kubernetes.io/docs/reference/kubectl/generated/kubectl_exec/)', [
  ask('kubectl exec deploy/api -n payments -- python manage.py flush --no-input', { production: true }),
  ask("kubectl --context prod-eu-west-1 exec -it mongo-0 -n data -- mongosh shop --eval 'db.orders.deleteMany({})'", { production: true }),
  ask('kubectl exec -n cache statefulset/redis -- redis-cli FLUSHDB', { production: true }),
  allow('kubectl exec deploy/api -n payments -- python manage.py showmigrations'),
  allow('kubectl exec -n cache statefulset/redis -- redis-cli INFO keyspace'),
]);

// ---------------------------------------------------------------------------------------------
// Stacks, copies into containers, volume policies

table('docker stack rm (docs.docker.com/reference/cli/docker/stack/rm/)', [
  ask('docker stack rm acme_prod', { production: true, says: /swarm stack acme_prod/ }),
  ask('docker stack rm --detach=false monitoring', { production: false }),
  ask('docker stack remove web worker', { production: false }),
  ask('docker -H ssh://ops@swarm-1.acme.net stack rm shop', { production: true }),
  allow('docker stack ls'),
  allow('docker stack ps monitoring --no-trunc'),
  allow('docker stack services monitoring'),
]);

table('docker cp / docker compose cp (docs.docker.com/reference/cli/docker/container/cp/)', [
  ask('docker cp ./backup/empty.db acme-db:/var/lib/sqlite/app.db', { production: false, says: /over \/var\/lib\/sqlite\/app\.db in container acme-db/ }),
  ask('docker container cp config.json acme-web:/app/config/settings.json', { production: false }),
  ask('docker compose cp empty.sql db:/var/lib/postgresql/data/PG_VERSION', { production: false }),
  ask('docker --context prod cp ./seed.db web:/app/db/production.sqlite3', { production: true }),
  ask('docker cp - acme-db:/var/lib/data < backup.tar', { production: false }),
  allow('docker cp acme-web:/app/logs/error.log ./error.log'),
  allow('docker cp ./fixtures acme-web:/tmp/fixtures'),
  allow('docker compose cp web:/app/log/production.log ./production.log'),
]);

table('kubectl cp (kubernetes.io/docs/reference/kubectl/generated/kubectl_cp/)', [
  ask('kubectl --context prod-eu-west-1 cp ./seed/empty.sqlite3 payments/api-0:/app/db/production.sqlite3', { production: true, says: /in pod api-0/ }),
  ask('kubectl cp config/production.json api-0:/srv/app/config/production.json -c api', { production: true }),
  ask('kubectl cp -n data ./dump pg-0:/var/lib/postgresql/data', { production: true }),
  allow('kubectl cp payments/api-0:/var/log/app/app.log ./api.log'),
  allow('kubectl cp -n payments api-0:/tmp/heap.hprof /tmp/heap.hprof'),
  allow('kubectl cp ./fixtures api-0:/tmp/fixtures'),
]);

table('kubectl patch pv reclaim policy, helm keep annotation (kubernetes.io/docs/tasks/administer-cluster/change-pv-reclaim-policy/)', [
  ask(`kubectl patch pv pvc-3f2a9c1e --context=prod-eu-west-1 -p '{"spec":{"persistentVolumeReclaimPolicy":"Delete"}}'`, { production: true, says: /reclaim policy/ }),
  ask(`kubectl patch pv data-postgres-0-pv --type=merge --patch '{"spec": {"persistentVolumeReclaimPolicy": "Delete"}}'`),
  ask(`kubectl patch persistentvolume orders-pv --type json -p '[{"op":"replace","path":"/spec/persistentVolumeReclaimPolicy","value":"Delete"}]'`),
  ask('kubectl annotate pvc data-postgres-0 helm.sh/resource-policy-', { says: /keep annotation/ }),
  allow(`kubectl patch pv pvc-3f2a9c1e -p '{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}'`),
  // Red team round 4: clearing the finalizers removes the claim's protection (`kubernetes.io/pvc-protection`).
  ask(`kubectl patch pvc pg-data --context=prod-eu-west-1 -p '{"metadata":{"finalizers":null}}'`, { production: true, says: /finalizers/ }),
  ask(`kubectl patch pv pg-data-pv --type=merge -p '{"metadata":{"finalizers":[]}}'`, { says: /finalizers/ }),
  allow(`kubectl patch pvc pg-data -p '{"metadata":{"labels":{"tier":"db"}}}'`),
  allow(`kubectl patch pvc pg-data -p '{"metadata":{"finalizers":null}}' --dry-run=client -o yaml`),
  allow('kubectl get pv -o custom-columns=NAME:.metadata.name,POLICY:.spec.persistentVolumeReclaimPolicy'),
  allow('kubectl annotate pvc data-postgres-0 helm.sh/resource-policy=keep'),
]);

table('helm uninstall (helm.sh/docs/helm/helm_uninstall/)', [
  ask('helm uninstall postgresql -n data --kube-context prod-eu-west-1', { production: true }),
  ask('helm --kube-context=prod-eu-west-1 delete mongodb -n data', { production: true }),
  ask('helm uninstall redis --namespace cache --wait --keep-history', { production: true }),
  allow('helm uninstall postgresql -n data --dry-run'),
  allow('helm status postgresql -n data'),
]);

// ---------------------------------------------------------------------------------------------
// S3 overwrites and lifecycles

table('aws s3 cp / sync into a production bucket (docs.aws.amazon.com/cli/latest/reference/s3/cp.html, sync.html)', [
  ask('aws s3 cp ./exports/users.csv s3://acme-prod-data/users.csv', { production: true, says: /overwrites any object of the same key/ }),
  ask('aws s3 cp config.json s3://acme-prod-config/app/config.json --sse AES256', { production: true }),
  ask('aws s3 sync ./dist s3://acme-prod-web --cache-control max-age=300', { production: true }),
  ask('aws s3 cp ./report.csv s3://acme-data/reports/latest.csv --profile production', { production: true }),
  ask('aws s3 sync ./build s3://acme-www --delete', { production: true }),
  allow('aws s3 cp s3://acme-prod-data/users.csv ./users.csv', { production: true }),
  allow('aws s3 sync s3://acme-prod-assets ./backup/assets', { production: true }),
  allow('aws s3 sync ./dist s3://acme-prod-web --dryrun'),
  allow('aws s3 cp ./dist/app.js s3://acme-static/app.js'),
]);

table('gsutil / gcloud storage uploads into a production bucket (cloud.google.com/storage/docs/gsutil/commands/cp)', [
  ask('gsutil cp ./users.csv gs://acme-prod-data/users.csv', { production: true, says: /overwrites any object of the same name/ }),
  ask('gsutil -m rsync -r ./dist gs://acme-prod-web', { production: true }),
  ask('gcloud storage cp ./users.csv gs://acme-prod-data/users.csv', { production: true }),
  allow('gsutil cp gs://acme-prod-data/users.csv .', { production: true }),
  allow('gcloud storage cp gs://acme-prod-data/users.csv ./users.csv'),
  allow('gsutil cp ./dist/app.js gs://acme-static/app.js'),
]);

table('Cloud Storage lifecycles (cloud.google.com/storage/docs/gsutil/commands/lifecycle)', [
  ask('gsutil lifecycle set gcs/delete-all.json gs://acme-prod-uploads', { production: true, says: /deletes every object/ }),
  ask('gcloud storage buckets update gs://acme-prod-uploads --lifecycle-file=gcs/delete-all.json', { production: true }),
  ask('gsutil lifecycle set lifecycle.json gs://acme-prod-uploads', { production: true, says: /cannot be read/ }),
  allow('gsutil lifecycle set gcs/tmp-and-coldline.json gs://acme-prod-uploads', { production: true }),
  allow('gsutil lifecycle get gs://acme-prod-uploads', { production: true }),
]);

table('aws s3api put-bucket-lifecycle-configuration (docs.aws.amazon.com/cli/latest/reference/s3api/put-bucket-lifecycle-configuration.html)', [
  ask('aws s3api put-bucket-lifecycle-configuration --bucket acme-prod-uploads --lifecycle-configuration file://s3/expire-everything.json', { production: true, says: /expires every object/ }),
  ask(`aws s3api put-bucket-lifecycle-configuration --bucket acme-prod-logs --lifecycle-configuration '{"Rules":[{"ID":"purge","Status":"Enabled","Filter":{"Prefix":""},"Expiration":{"Days":1}}]}'`, { production: true }),
  ask('aws s3api put-bucket-lifecycle-configuration --bucket acme-uploads --lifecycle-configuration file://s3/expire-uploads.json', { says: /objects under uploads\// }),
  ask('aws s3api put-bucket-lifecycle-configuration --bucket acme-prod-uploads --lifecycle-configuration file://lifecycle.json', { production: true, says: /cannot be read/ }),
  ask('aws s3api put-bucket-lifecycle-configuration --cli-input-json file://s3/request-expire.json', { production: true, says: /acme-prod-uploads that expires every object/ }),
  allow('aws s3api put-bucket-lifecycle-configuration --bucket acme-prod-uploads --lifecycle-configuration file://s3/archive.json', { production: true }),
  allow('aws s3api put-bucket-lifecycle-configuration --cli-input-json file://s3/request-multipart.json'),
  allow('aws s3api put-bucket-lifecycle-configuration --bucket acme-uploads --lifecycle-configuration file://s3/expire-tmp.json'),
  allow('aws s3api put-bucket-lifecycle-configuration --bucket acme-uploads --lifecycle-configuration file://s3/disabled.json'),
  allow('aws s3api get-bucket-lifecycle-configuration --bucket acme-prod-uploads', { production: true }),
]);

// ---------------------------------------------------------------------------------------------
// Destructive GET endpoints, SQL kept in function bodies

table('GET endpoints that destroy (curl.se/docs/manpage.html, gnu.org/software/wget/manual)', [
  ask('curl https://api.acme.io/admin/reset-db', { production: true, says: /reset-db/ }),
  ask("curl -s 'https://api.acme.io/v1/users?action=delete&id=all'", { production: true, says: /action=delete/ }),
  ask('curl -fsS https://ops.acme.io/api/tenants/42/wipe', { production: true }),
  ask("wget -qO- 'https://api.acme.io/admin/purge?confirm=yes'", { production: true }),
  ask('curl -G -d action=delete https://api.acme.io/v1/users', { production: true }),
  ask('http GET https://api.acme.io/admin/reset-db', { production: true }),
  allow('curl -G -d q=reset https://api.acme.io/v1/search'),
  allow('curl -s https://api.acme.io/admin/health'),
  allow("curl -s 'https://api.acme.io/v1/users?action=list&limit=20'"),
  allow('curl -sL https://docs.acme.io/guides/deleting-records'),
  allow('curl -fsSL https://raw.githubusercontent.com/acme/tools/main/scripts/reset.sh -o reset.sh'),
  allow('curl http://localhost:3000/admin/reset-db'),
]);

table('SQL kept in a function or procedure body (postgresql.org/docs/current/sql-createfunction.html)', [
  ask(`psql -h db.prod.acme.internal -U app app -c "CREATE FUNCTION purge_events() RETURNS void AS \\$\\$ DELETE FROM events \\$\\$ LANGUAGE sql; SELECT purge_events();"`, { production: true }),
  ask(`psql "$DATABASE_URL" -c "CREATE OR REPLACE FUNCTION f() RETURNS void AS 'delete from users' LANGUAGE sql; SELECT f()"`, { production: true, says: /function body/ }),
  ask(`psql -h db.prod.acme.internal -U app app -c "CREATE OR REPLACE PROCEDURE reset_all() LANGUAGE plpgsql AS \\$\\$ BEGIN TRUNCATE users CASCADE; END \\$\\$; CALL reset_all();"`, { production: true }),
  ask(`mysql -h db.prod.acme.internal -u app shop -e "CREATE PROCEDURE cleanup() BEGIN DELETE FROM orders; END; CALL cleanup();"`, { production: true }),
  allow(`psql -d acme_dev -c "CREATE FUNCTION total_orders() RETURNS bigint AS \\$\\$ SELECT count(*) FROM orders \\$\\$ LANGUAGE sql STABLE; SELECT total_orders();"`),
  allow(`psql -d acme_dev -c "CREATE FUNCTION add(a int, b int) RETURNS int AS 'select a + b' LANGUAGE sql IMMUTABLE"`),
]);

// ---------------------------------------------------------------------------------------------
// Local data git cannot restore, the repository itself, discarded work

table('emptied data files and the repository moved away', [
  ask(': > db/development.sqlite3'),
  ask('truncate -s 0 db/*.sqlite3'),
  ask('mv .git /tmp/app-git-backup', { says: /without its history/ }),
  ask('mv .git ../.git-old && git init'),
  ask('mv -t /tmp ./.git/'),
  ask(`python3 -c "open('db/development.sqlite3','w').close()"`, { says: /overwrites db\/development\.sqlite3/ }),
  ask(`python3 -c "from pathlib import Path; Path('db/development.sqlite3').write_bytes(b'')"`),
  ask(`ruby -e "File.write('config/master.key', '')"`),
  allow(`python3 -c "print(open('db/development.sqlite3','rb').read(16))"`),
  ask("vim -c '%d|wq' db/development.sqlite3", { says: /Truncates db\/development\.sqlite3/ }),
  ask("ex -sc '%d|x' db/development.sqlite3"),
  ask("vim -es -c '%d' -c 'wq' db/development.sqlite3"),
  allow("vim -c '%d|q!' db/development.sqlite3"),
  allow('vim db/development.sqlite3'),
  allow(`node -e "require('fs').writeFileSync('dist/x.js', '')"`),
  allow('truncate -s 0 log/development.log'),
  allow('mv .github/workflows/ci.yml .github/workflows/test.yml'),
  allow('mv .gitignore .gitignore.bak'),
  allow('rm -rf .venv venv dist build'),
  allow('rm -f src/*.rej src/*.orig'),
  allow("find . -name '*.orig' -delete"),
]);

table('git worktree remove --force and discarded work (git-scm.com/docs/git-worktree)', [
  ask('git worktree remove --force ../app-hotfix', { says: /uncommitted and untracked files/ }),
  ask('git worktree remove -f -f ../app-experiment'),
  ask('git checkout -- .'),
  ask('git restore .'),
  ask('git stash drop stash@{0}'),
  ask('git reset --hard'),
  ask('git switch -f main'),
  ask('git switch --discard-changes release/1.4'),
  allow('git switch -c feat/login'),
  allow('git worktree remove ../app-hotfix'),
  allow('git worktree prune --dry-run --verbose'),
  allow('git worktree list --porcelain'),
  allow('git restore --staged .'),
]);

// ---------------------------------------------------------------------------------------------
// Database servers' administration programs

table('pg_dropcluster, pg_ctl, pg_ctlcluster (manpages.ubuntu.com pg_dropcluster, postgresql.org/docs/current/app-pg-ctl.html)', [
  ask('sudo pg_dropcluster --stop 15 main', { says: /cluster 15\/main/ }),
  ask('pg_dropcluster 14 main'),
  ask("ssh db.prod.acme.internal 'sudo -u postgres pg_ctl -D /var/lib/postgresql/15/main stop -m immediate'", { production: true, says: /immediate mode/ }),
  ask('ssh deploy@db1.acme.net sudo pg_ctlcluster 15 main restart', { production: true }),
  ask("ssh db.prod.acme.internal 'pg_ctl kill TERM 4211'", { production: true }),
  allow('pg_ctl -D ./tmp/pgdata -l ./tmp/pg.log stop'),
  // Team decision 2026-12-03: this machine's packaged cluster stopped answers as `systemctl stop postgresql` (asks).
  ask('pg_ctlcluster 15 main stop'),
  allow('pg_ctlcluster 15 main restart'),
  allow('pg_ctl -D /var/lib/postgresql/15/main status'),
  allow('pg_lsclusters'),
]);

table('dropdb and mysqladmin spellings (postgresql.org/docs/current/app-dropdb.html, dev.mysql.com mysqladmin)', [
  ask('dropdb -h db.prod.acme.internal -U postgres acme', { production: true }),
  ask('PGHOST=db.prod.acme.internal dropdb --if-exists --force app', { production: true }),
  ask('dropdb --host=db.prod.acme.internal --maintenance-db=postgres shop', { production: true }),
  ask('mysqladmin -h db.prod.acme.internal -u root -p drop shop', { production: true }),
  ask('mysqladmin -uroot --force drop acme_dev'),
  // A database on this machine is this machine's, whatever its name (unknownRound4: `dropdb acme_prod` now is not production).
  ask('sudo -u postgres dropdb acme_production', { production: false, says: /acme_production/ }),
  ask("psql -d acme_dev -c 'DROP TABLE users'", { production: false }),
  ask("psql -h db.prod.acme.internal -d app_test -c 'TRUNCATE users'", { production: true }),
  // A test database on this machine is emptied and recreated by every test setup.
  allow('dropdb --if-exists app_test'),
  allow("psql -d app_test -c 'TRUNCATE users'"),
  allow("sqlite3 db/test.sqlite3 'DELETE FROM sessions'"),
  ask('mysqladmin -h db.prod.acme.internal -u root shutdown', { production: true }),
  allow('mysqladmin -h db.prod.acme.internal -u root -p status', { production: true }),
  allow('mysqladmin -uroot create acme_test'),
  allow('mysqladmin -uroot ping'),
]);

// ---------------------------------------------------------------------------------------------
// Round 4 (issue #11): what the fourth red team got past, by family, each next to look-alikes

table('platform database shells given SQL inline (planetscale.com/docs/reference/shell, render.com/docs/cli, learn.microsoft.com az postgres flexible-server execute, devcenter.heroku.com heroku-redis, cloud.google.com/sdk/gcloud/reference/sql/connect)', [
  ask("pscale shell acme-prod main --execute 'DROP TABLE users'", { production: true, says: /DROP TABLE users/ }),
  ask("render psql dpg-123 -c 'DROP TABLE users'", { production: true, says: /Render/ }),
  ask("az postgres flexible-server execute -n acme-prod -u admin -p x -d app -q 'DROP TABLE users'", { production: true }),
  ask("az mysql flexible-server execute -n acme-db -u admin -p x --querytext 'TRUNCATE orders'", { production: true }),
  ask("heroku redis:cli -a acme-shop-production -c 'FLUSHALL'", { production: true }),
  ask('gcloud sql connect acme-prod --user=postgres < scripts/wipe_sessions.sql', { production: true, says: /TRUNCATE/ }),
  allow("pscale shell acme-prod main --execute 'SELECT count(*) FROM users'", { production: true }),
  allow("render psql dpg-123 -c 'SELECT 1'"),
  allow("az postgres flexible-server execute -n acme-prod -u admin -p x -d app -q 'SELECT count(*) FROM users'", { production: true }),
  allow('az postgres flexible-server show -n acme-prod'),
]);

table('platform shells that run a command elsewhere (docs.railway.com/reference/cli-api#ssh)', [
  ask(`railway ssh 'psql -c "DROP TABLE users"'`, { production: true }),
  ask('railway ssh -s api rm -rf /data/uploads', { production: true }),
  ask("railway ssh -e production 'bin/rails db:drop'", { production: true }),
  allow('railway ssh -s api ls /data'),
  allow("railway ssh 'psql -c \"SELECT 1\"'"),
]);

table('supabase remote operations (supabase.com/docs/reference/cli)', [
  ask('supabase db execute --linked -f scripts/wipe_sessions.sql', { production: true, says: /TRUNCATE/ }),
  ask('supabase migration down --linked', { production: true }),
  ask('supabase backups restore --timestamp 1700000000', { production: true }),
  allow('supabase migration list --linked'),
  allow('supabase migration down', { production: false }),
  allow('supabase backups list'),
]);

table('SQL that loses data without DROP (postgresql.org/docs/current/lo-funcs.html, sql-altertable.html); psql variables (app-psql.html#APP-PSQL-VARIABLES)', [
  ask('psql -h db.prod.acme.internal -c "SELECT lo_unlink(oid) FROM pg_largeobject_metadata"', { production: true, says: /lo_unlink/ }),
  ask('psql -h db.prod.acme.internal -c "ALTER TABLE users RENAME TO users_old"', { production: true, says: /RENAME/ }),
  ask("mysql -h db.prod.acme.internal -e 'RENAME TABLE orders TO orders_2023'", { production: true }),
  ask("psql -h db.prod.acme.internal -v cmd='DROP TABLE users' -c ':cmd'", { production: true, says: /DROP TABLE users/ }),
  ask("psql -h db.prod.acme.internal --set=t=users -c 'TRUNCATE :\"t\"'", { production: true }),
  ask(`psql -h db.prod.acme.internal -c "\\set q 'DROP TABLE users'" -c ':q'`, { production: true, says: /DROP TABLE users/ }),
  allow("psql -h db.prod.acme.internal -c '\\set t users' -c 'SELECT count(*) FROM :t'", { production: true }),
  allow("psql -h db.prod.acme.internal -v id=3 -c 'SELECT * FROM users WHERE id = :id'", { production: true }),
  allow('psql -h db.prod.acme.internal -c "ALTER TABLE users ADD COLUMN nickname text"', { production: true }),
  allow("psql -h db.prod.acme.internal -c \"SELECT 'lo_unlink(' AS note\"", { production: true }),
]);

table('datastore administration (redis.io/docs/latest/commands, mongodb.com/docs/manual/reference/command/shutdown)', [
  ask("mongosh \"$MONGODB_URI\" --eval 'db.adminCommand({shutdown:1})'", { production: true }),
  ask('redis-cli -h cache.prod.acme.internal CONFIG SET dir /tmp', { production: true }),
  ask('redis-cli -h cache.prod.acme.internal ACL DELUSER default', { production: true }),
  ask('redis-cli -h cache.prod.acme.internal SHUTDOWN NOSAVE', { production: true }),
  allow('redis-cli -h cache.prod.acme.internal CONFIG GET dir', { production: true }),
  // ACL LIST prints every user's password hashes (round 8, issue #12): a credential read; ACL WHOAMI stays allowed.
  ask('redis-cli -h cache.prod.acme.internal ACL LIST', { production: true }),
  allow('redis-cli -h cache.prod.acme.internal ACL WHOAMI', { production: true }),
  allow("mongosh \"$MONGODB_URI\" --eval 'db.adminCommand({listDatabases:1})'"),
]);

table('an ssh tunnel makes localhost the far host (man.openbsd.org/ssh -L)', [
  ask('ssh -fNL 5432:db.prod.acme.internal:5432 bastion && psql -h localhost -U app app -c "DELETE FROM users WHERE id > 0"', { production: true }),
  ask('ssh -f -N -L 6380:cache.internal:6379 bastion; redis-cli -p 6380 FLUSHALL', { production: true }),
  ask('ssh -fNL 3306:localhost:3306 db1.acme.net && mysql -h 127.0.0.1 -e "DROP TABLE orders"', { production: true }),
  allow('ssh -fNL 5432:db.prod.acme.internal:5432 bastion && psql -h localhost -U app app -c "SELECT count(*) FROM users"', { production: true }),
  allow('ssh -fNL 5433:db.prod.acme.internal:5432 bastion && psql -h localhost -U app app -c "DELETE FROM users WHERE id = 42"'),
]);

table('GraphQL mutations judged by meaning (docs.railway.com/reference/public-api)', [
  ask(`curl -d '{"query":"mutation { volumeInstanceBackupScheduleUpdate(volumeInstanceId:\\"x\\", kinds: []) }"}' https://backboard.railway.app/graphql/v2`, { production: true, says: /backups/ }),
  ask(`curl -d '{"query":"mutation { volumeInstanceBackupRestore(volumeInstanceBackupId:\\"x\\", volumeInstanceId:\\"y\\") }"}' https://backboard.railway.app/graphql/v2`, { production: true }),
  ask(`curl -d '{"query":"mutation { variableCollectionUpsert(input:{replace:true, variables:{}}) }"}' https://backboard.railway.app/graphql/v2`, { production: true, says: /replaces/ }),
  ask(`curl -d '{"query":"mutation { updateUser(id: 1, input: {role: \\"x\\"}) { id } }"}' https://api.acme.io/graphql`, { production: true }),
  allow(`curl -d '{"query":"mutation { volumeInstanceBackupScheduleUpdate(volumeInstanceId:\\"x\\", kinds: [DAILY]) }"}' https://backboard.railway.app/graphql/v2`),
  allow(`curl -d '{"query":"mutation { variableCollectionUpsert(input:{variables:{A:\\"1\\"}}) }"}' https://backboard.railway.app/graphql/v2`),
  allow(`curl -d '{"query":"mutation { createUser(input: {name: \\"x\\"}) { id } }"}' https://api.acme.io/graphql`),
  ask(`curl -d '{"query":"mutation($i: In!) { variableCollectionUpsert(input: $i) }","variables":{"i":{"replace":true}}}' https://backboard.railway.app/graphql/v2`, { production: true }),
  allow(`curl -d '{"query":"mutation($r: Boolean!) { variableCollectionUpsert(input: {replace: $r}) }","variables":{"r":false}}' https://backboard.railway.app/graphql/v2`),
]);

table('HTTP method override and methods or clients in code (laravel.com/docs/routing#form-method-spoofing, nodejs.org/api/https.html, docs.aiohttp.org)', [
  ask("curl -X POST 'https://api.acme.io/v1/users/1?_method=DELETE'", { production: true }),
  ask(`node -e "fetch('https://api.acme.io/v1/users/1',{method:'DEL'+'ETE'})"`, { production: true }),
  ask(`python3 -c "import requests as r; r.request('DEL'+'ETE', 'https://api.acme.io/v1/users/1')"`, { production: true }),
  ask(`node -e "require('got').delete('https://api.acme.io/v1/users/1')"`, { production: true }),
  ask(`node -e "require('https').request({host:'api.acme.io',path:'/v1/users/1',method:'DELETE'}).end()"`, { production: true }),
  ask(`python3 -c "import aiohttp,asyncio; asyncio.run(aiohttp.ClientSession().delete('https://api.acme.io/v1/users/1'))"`, { production: true }),
  ask("curl -X POST https://api.acme.io/v1/users/1 -d '_method=DELETE'", { production: true }),
  allow("curl -X POST 'https://api.acme.io/v1/users?sort=method'"),
  allow("curl -X POST https://api.acme.io/v1/users -d 'name=method'"),
  allow(`node -e "require('got').get('https://api.acme.io/v1/users/1')"`),
  allow(`node -e "fetch('https://api.acme.io/v1/users/'+'1',{method:'GE'+'T'})"`),
  allow(`node -e "require('https').request({host:'api.acme.io',path:'/v1/users/1',method:'GET'}).end()"`),
]);

table('state objects, config and secrets overwritten (developer.hashicorp.com/terraform/language/backend/s3, firebase.google.com/docs/cli, docs.aws.amazon.com secretsmanager put-secret-value)', [
  ask('aws s3 cp empty.txt s3://acme-tf-state/prod/terraform.tfstate', { says: /state/ }),
  ask('gcloud storage cp empty gs://acme-tf-state/default.tfstate'),
  ask('firebase database:set / empty.json -f', { production: true }),
  ask('railway variables --set DATABASE_URL=x', { production: true }),
  ask('netlify env:set DATABASE_URL x --context production', { production: true }),
  ask('aws secretsmanager put-secret-value --secret-id prod/db --secret-string x', { production: true }),
  ask('aws athena start-query-execution --query-string "DROP TABLE logs"', { production: true }),
  // A download from the state bucket overwrites nothing here (the state object itself asks as a credential read: creds7S29Carriers).
  allow('aws s3 cp s3://acme-tf-state/prod/README.md ./state-README.md'),
  allow('netlify env:set DEBUG 1 --context dev'),
  allow('aws ssm put-parameter --name /app/x --value y --type String'),
  allow('aws athena start-query-execution --query-string "SELECT count(*) FROM logs" --work-group primary'),
]);

table('seeds, forward migrations and rebuilds on production (knexjs.org/guide/migrations.html#seed-files, docs.getdbt.com/reference/commands/run)', [
  ask('knex seed:run --env production', { production: true }),
  ask('knex migrate:latest --env production', { production: true }),
  ask('dbt run --full-refresh --target prod', { production: true }),
  ask('DATABASE_URL=postgres://app:x@db.prod.acme.internal:5432/app npx prisma migrate deploy', { production: true }),
  ask('npx sequelize-cli db:seed:all --env production', { production: true }),
  allow('knex seed:run'),
  allow('dbt run --full-refresh --target dev'),
  // Team decision 2026-12-03: a plain run on a production target replaces its tables too.
  ask('dbt run --target prod', { production: true }),
  allow('dbt run --target dev'),
  allow('DATABASE_URL=postgres://app:x@localhost:5432/app npx prisma migrate deploy'),
]);

table('interpreter code that deletes through a function passed as a value (php.net/array_map)', [
  ask(`php -r 'array_map("unlink", glob("storage/app/public/invoices/*"));'`),
  ask(`python3 -c 'import os,glob; list(map(os.remove, glob.glob("uploads/*")))'`),
  ask(`node -e "require('fs').readdirSync('uploads').map(f => 'uploads/' + f).forEach(require('fs').unlinkSync)"`),
  allow(`php -r 'print_r(array_map("strtoupper", glob("storage/app/public/invoices/*")));'`),
  allow(`php -r 'array_map("unlink", glob("dist/*"));'`),
  allow(`python3 -c 'import os,glob; print(list(map(os.path.getsize, glob.glob("uploads/*"))))'`),
]);

table('routine cleanup the fourth red team saw asked (false positives)', [
  allow('rm -rf ~/.npm/_cacache'),
  allow('rm -rf ~/.cache/pip'),
  allow('mv dist dist.old && rm -rf dist.old'),
  allow("wrangler d1 execute dev-db --local --command 'DELETE FROM users'"),
  allow('git checkout .', { facts: { gitPathStates: (_w: string, paths: readonly string[]) => Object.fromEntries(paths.map((p) => [p, 'unmodified' as const])) } }),
  allow('git restore .', { facts: { gitPathStates: (_w: string, paths: readonly string[]) => Object.fromEntries(paths.map((p) => [p, 'unmodified' as const])) } }),
  ask('git checkout .', { facts: { gitPathStates: (_w: string, paths: readonly string[]) => Object.fromEntries(paths.map((p) => [p, 'modified' as const])) } }),
  ask('git restore .'),
  ask('rm -rf ~/.cache'),
  ask('rm -rf src.old'),
]);

// ---------------------------------------------------------------------------------------------
// Round 5: production databases put at risk without a delete (postgresql.org/docs: CREATE ROLE, ALTER
// SYSTEM, pg_terminate_backend; dev.mysql.com: GRANT, SET PERSIST, KILL; mongodb.com: renameCollection, createUser)

table('superusers, durability switched off, sessions killed, collections renamed on production: ask, production', [
  ask(`psql -h db.prod.acme.internal -c "create user evil superuser password 'x'"`, { production: true, says: /superuser/i }),
  ask('psql -h db.prod.acme.internal -U postgres -c "ALTER ROLE app WITH SUPERUSER"', { production: true }),
  ask('psql postgres://admin@db.prod.acme.internal/shop -c "ALTER ROLE app BYPASSRLS"', { production: true }),
  ask('psql -h db.prod.acme.internal -c "alter system set fsync = off"', { production: true, says: /fsync/ }),
  ask("psql -h db.prod.acme.internal -c \"ALTER SYSTEM SET full_page_writes TO 'off'\"", { production: true }),
  ask('psql -h db.prod.acme.internal -c "select pg_terminate_backend(pid) from pg_stat_activity where datname = \'shop\'"', { production: true, says: /pg_terminate_backend/ }),
  ask('mysql -h db.prod.acme.internal -e "GRANT ALL PRIVILEGES ON *.* TO \'x\'@\'%\' WITH GRANT OPTION"', { production: true }),
  ask('mysql -h db.prod.acme.internal -e "SET PERSIST innodb_flush_log_at_trx_commit = 0"', { production: true }),
  ask("mongosh prod-cluster.x7k2p.mongodb.net/shop --eval 'db.users.renameCollection(\"x\")'", { production: true, says: /renameCollection/ }),
  ask("mongosh mongodb+srv://prod-cluster.x7k2p.mongodb.net/admin --eval 'db.createUser({user: \"x\", pwd: \"y\", roles: [\"root\"]})'", { production: true }),
  ask("mongosh prod-cluster.x7k2p.mongodb.net/admin --eval 'db.adminCommand({ shutdown: 1 })'", { production: true }),
  allow('psql -h db.prod.acme.internal -c "select pid, state from pg_stat_activity"', { production: true }),
  allow('psql -h db.prod.acme.internal -c "select rolname, rolsuper from pg_roles"', { production: true }),
  allow('psql -h db.prod.acme.internal -c "show fsync"', { production: true }),
  allow("mongosh prod-cluster.x7k2p.mongodb.net/shop --eval 'db.users.find().limit(5)'", { production: true }),
  allow('psql -c "alter system set fsync = off"'),
  allow('psql -h localhost -U postgres -c "create user dev superuser"'),
]);
