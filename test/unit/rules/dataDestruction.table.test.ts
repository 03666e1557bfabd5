import { ask, blocked, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Data destruction by meaning (issue #11), end to end through the engine: per family and per tool,
 * destructive shapes written from each tool's documentation next to benign look-alikes that must stay
 * allowed. Read-only production work is allowed and marked production.
 */

const FILES: Record<string, string> = {
  '/work/app/scripts/wipe_sessions.sql': 'TRUNCATE TABLE sessions;\n',
  '/work/app/scripts/report.sql': 'SELECT count(*) FROM users;\n',
  '/work/app/scripts/purge_inactive.py': 'from accounts.models import User\nUser.objects.filter(is_active=False).delete()\n',
  '/work/app/scripts/count_inactive.py': 'from accounts.models import User\nprint(User.objects.filter(is_active=False).count())\n',
  '/work/app/migrations/0007_drop_legacy.sql': 'DROP TABLE IF EXISTS legacy_sessions;\n',
  '/work/app/prisma/cleanup.sql': 'DELETE FROM "Session" WHERE "expiresAt" < now();\n',
  '/work/app/prisma/report.sql': 'SELECT 1;\n',
  '/work/app/route53/delete-www.json': JSON.stringify({ Changes: [{ Action: 'DELETE', ResourceRecordSet: { Name: 'www.acme.com', Type: 'A' } }] }),
  '/work/app/route53/upsert-www.json': JSON.stringify({ Changes: [{ Action: 'UPSERT', ResourceRecordSet: { Name: 'www.acme.com', Type: 'A' } }] }),
  '/work/app/test/e2e/run.mjs':
    "import fs from 'node:fs';\nimport os from 'node:os';\nimport path from 'node:path';\nconst ROOT = path.resolve('.');\nconst shots = process.env.SHOTS || path.join(ROOT, 'test-results', 'screenshots');\nlet runDir;\nrunDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-'));\nfor (const f of fs.readdirSync(shots)) fs.rmSync(path.join(shots, f), { force: true });\nfs.rmSync(runDir, { recursive: true, force: true });\nfs.rmSync(path.join(os.tmpdir(), 'e2e-cache'), { recursive: true, force: true });\n",
  '/work/app/scripts/wipe.mjs': "import fs from 'node:fs';\nimport path from 'node:path';\nconst target = path.join(process.cwd(), process.argv[2]);\nfs.rmSync(target, { recursive: true, force: true });\n",
  '/work/app/package.json': JSON.stringify({ scripts: { test: 'node test/e2e/run.mjs', wipe: 'node scripts/wipe.mjs uploads' } }),
};

const facts = testFacts({ files: FILES });

const table = decisionTable(facts, { allowIsLocal: true });

// ---------------------------------------------------------------------------------------------
// SQL through platforms' database shells

table('heroku pg:psql (devcenter.heroku.com/articles/heroku-postgresql#pg-psql)', [
  ask(`heroku pg:psql -a acme-api -c "DELETE FROM sessions WHERE expires_at < now() - interval '30 days'"`, { production: true, says: /acme-api \(Heroku\): DELETE FROM sessions/ }),
  ask('heroku pg:psql DATABASE_URL --app shopfront-production -f scripts/wipe_sessions.sql', { production: true, says: /TRUNCATE sessions/ }),
  ask('echo "TRUNCATE TABLE audit_events;" | heroku pg:psql -a billing-prod', { production: true }),
  ask("heroku pg:psql HEROKU_POSTGRESQL_AMBER_URL -a acme-api <<'SQL'\nDROP TABLE legacy_users CASCADE;\nSQL", { production: true }),
  ask('heroku pg:psql -a acme-api -f scripts/missing.sql', { says: /could not be read/ }),
  allow(`heroku pg:psql -a acme-api-production -c "SELECT count(*) FROM users"`, { production: true }),
  allow(`heroku pg:psql -a acme-api -c '\\dt'`),
  allow('heroku pg:psql -a shopfront-production -f scripts/report.sql', { production: true }),
  allow('heroku pg:info -a acme-api-production', { production: true }),
]);

table('railway connect (docs.railway.com/reference/cli-api#connect)', [
  ask(`railway connect postgres <<< "DELETE FROM users WHERE email LIKE '%@test.local';"`, { production: true, says: /postgres \(Railway\)/ }),
  ask(`echo 'DROP TABLE "Session";' | railway connect Postgres`, { production: true }),
  ask('railway connect postgres < scripts/wipe_sessions.sql', { production: true }),
  ask("railway connect redis <<< 'FLUSHALL'", { production: true, says: /FLUSHALL/ }),
  ask("railway connect MongoDB <<< 'db.carts.deleteMany({})'", { production: true }),
  // Round 25 (stop 36): with no environment named, `railway connect` opens the linked one, production by Railway's default.
  ask('railway connect postgres', { production: true }),
  allow('railway connect postgres -e staging'),
  allow('railway connect postgres <<< "SELECT id, email FROM users ORDER BY created_at DESC LIMIT 20;"', { production: true }),
  allow('railway status'),
]);

table('wrangler d1 (developers.cloudflare.com/workers/wrangler/commands/#d1)', [
  ask('npx wrangler d1 execute prod-db --remote --command "DELETE FROM comments WHERE spam = 1"', { production: true, says: /prod-db \(Cloudflare\)/ }),
  ask('wrangler d1 execute shop-db --remote --file ./migrations/0007_drop_legacy.sql', { production: true, says: /DROP TABLE legacy_sessions/ }),
  ask('npx wrangler d1 execute DB --remote --command="DROP TABLE IF EXISTS sessions"', { production: true }),
  ask('bunx wrangler d1 time-travel restore prod-db --timestamp=2026-01-10T12:00:00Z', { production: true }),
  allow('npx wrangler d1 execute prod-db --local --command "DELETE FROM comments WHERE spam = 1"'),
  allow('npx wrangler d1 execute prod-db --command "UPDATE comments SET spam = 0 WHERE id = 4"'),
  allow('npx wrangler d1 execute prod-db --remote --command "SELECT count(*) FROM comments"', { production: true }),
  allow('npx wrangler d1 migrations list prod-db --remote', { production: true }),
  allow('npx wrangler d1 list'),
]);

table('pscale shell (planetscale.com/docs/reference/shell)', [
  ask('pscale shell acme-db main < scripts/wipe_sessions.sql', { production: true }),
  ask('echo "DELETE FROM webhooks WHERE delivered = 1;" | pscale shell acme-db main', { production: true, says: /acme-db\/main \(PlanetScale\)/ }),
  ask("pscale shell acme-db main --org acme <<'SQL'\nDROP TABLE old_invoices;\nSQL", { production: true }),
  allow('pscale shell acme-db main <<< "SHOW TABLES;"', { production: true }),
  allow('pscale branch list acme-db'),
]);

table('fly postgres connect (fly.io/docs/flyctl/postgres-connect)', [
  ask(`fly postgres connect -a acme-db <<< "DELETE FROM jobs WHERE state = 'failed';"`, { production: true, says: /acme-db \(Fly\.io\)/ }),
  ask("echo 'DROP DATABASE acme_staging;' | flyctl postgres connect -a acme-pg"),
  ask('fly pg connect -a acme-db -d shop < scripts/wipe_sessions.sql', { production: true }),
  ask(`fly ssh console -a acme-web -C "bin/rails runner 'Upload.where(orphaned: true).destroy_all'"`, { production: true }),
  allow('fly postgres connect -a acme-db'),
  allow('fly postgres connect -a acme-db <<< "SELECT pg_size_pretty(pg_database_size(current_database()));"'),
  allow(`fly ssh console -a acme-web -C "bin/rails runner 'puts Upload.count'"`),
]);

table('turso db (docs.turso.tech/cli)', [
  ask('turso db shell acme-prod "DELETE FROM users WHERE id = 9"', { production: true }),
  ask('turso db shell acme-prod < migrations/0007_drop_legacy.sql', { production: true }),
  ask('turso db destroy acme-prod --yes', { production: true }),
  ask('turso group destroy default --yes'),
  allow('turso db shell acme-prod "SELECT count(*) FROM users"', { production: true }),
  allow('turso db list'),
]);

table('redis-cli fed by a pipe or xargs (redis.io/docs/latest/develop/tools/cli)', [
  ask("redis-cli -h cache.prod.internal --scan --pattern 'session:*' | xargs redis-cli -h cache.prod.internal DEL", { production: true }),
  ask(`redis-cli -u "$REDIS_URL" --scan --pattern 'rate:*' | xargs -n 100 redis-cli -u "$REDIS_URL" UNLINK`, { production: true }),
  ask(`redis-cli -h cache.prod.internal KEYS 'cart:*' | while read k; do redis-cli -h cache.prod.internal DEL "$k"; done`, { production: true }),
  allow("redis-cli -h cache.prod.internal --scan --pattern 'session:*' | wc -l", { production: true }),
  allow('redis-cli -u "$REDIS_URL" INFO keyspace'),
  allow('redis-cli DEL session:123'),
  allow('redis-cli -h 127.0.0.1 UNLINK cache:v1:home'),
]);

// ---------------------------------------------------------------------------------------------
// Scoped DELETE / UPDATE on production

table('scoped DML on production (postgresql.org/docs/current/app-psql.html, dev.mysql.com/doc/refman/8.0/en/mysql.html)', [
  ask('psql "postgres://app@db.prod.acme.internal:5432/app" -c "DELETE FROM users WHERE id = 4821"', { production: true, says: /DELETE FROM users WHERE id = 4821/ }),
  ask(`mysql -h mysql-prod-01.acme.net -u deploy shop -e "DELETE FROM carts WHERE updated_at < NOW() - INTERVAL 90 DAY"`, { production: true }),
  ask('PGHOST=db.prod.acme.internal psql app -c "update accounts set balance = 0 where id = 77"', { production: true }),
  ask(`psql "$PROD_DATABASE_URL" -c "DELETE FROM feature_flags WHERE name = 'new_checkout'"`, { production: true }),
  ask(`mongosh "mongodb+srv://prod-cluster.x7k2p.mongodb.net/shop" --eval 'db.orders.deleteMany({ status: "abandoned" })'`, { production: true }),
  ask(`sqlcmd -S prod-sql.database.windows.net -d crm -U admin -Q "DELETE FROM Contacts WHERE Source = 'import-2024'"`, { production: true }),
  ask(`psql service=prod -c "UPDATE subscriptions SET status = 'canceled' WHERE customer_id = 991"`, { production: true }),
  ask(`kubectl --context prod-eu-west-1 exec -n db postgres-0 -- psql -U app -d app -c "UPDATE users SET role = 'member' WHERE role = 'admin'"`, { production: true }),
  ask(`ssh bastion "psql -h 10.0.3.12 -U app app -c 'DELETE FROM sessions WHERE user_id = 88'"`, { production: true }),
  ask('docker exec -i acme-prod-db psql -U postgres app -c "DELETE FROM orders WHERE id = 1"', { production: true }),
  allow('psql "postgres://app@db.prod.acme.internal:5432/app" -c "SELECT id, email FROM users WHERE id = 4821"', { production: true }),
  allow(`psql -h localhost -U postgres acme_dev -c "DELETE FROM users WHERE email LIKE '%@example.com'"`),
  allow('mysql -h 127.0.0.1 -u root app_test -e "UPDATE users SET confirmed = 1 WHERE id = 3"'),
  allow(`mongosh "mongodb+srv://prod-cluster.x7k2p.mongodb.net/shop" --eval 'db.orders.countDocuments({ status: "abandoned" })'`, { production: true }),
  allow('psql -h db.prod.acme.internal -d app -c "INSERT INTO audit_notes (note) VALUES (\'checked\')"', { production: true }),
  allow(`kubectl --context kind-dev exec -n db postgres-0 -- psql -U app -d app -c "UPDATE users SET role = 'member' WHERE id = 1"`),
]);

// ---------------------------------------------------------------------------------------------
// ORMs, migration tools and framework consoles

table('drizzle-kit (orm.drizzle.team/docs/kit-overview)', [
  ask('npx drizzle-kit push --force'),
  ask('DATABASE_URL="$PROD_DATABASE_URL" npx drizzle-kit push --force', { production: true }),
  ask('npx dotenv -e .env.production -- npx drizzle-kit push --force', { production: true }),
  ask('pnpm drizzle-kit push --strict=false --force --verbose'),
  ask('npx drizzle-kit drop'),
  allow('npx drizzle-kit generate'),
  allow('npx drizzle-kit check'),
  allow('npx drizzle-kit push'),
]);

table('artisan (laravel.com/docs/migrations, laravel.com/docs/artisan#tinker)', [
  ask('php artisan migrate:fresh --seed'),
  ask('php artisan migrate:fresh --force --env=production', { production: true }),
  ask('php artisan db:wipe --force'),
  ask('php artisan migrate:rollback --step=3'),
  // Stop 32: a filtered delete in a console on the development default is routine (as a scoped DELETE is); on production it asks.
  allow(`php artisan tinker --execute="App\\Models\\User::where('is_test', true)->delete();"`),
  ask(`php artisan tinker --execute="App\\Models\\User::where('is_test', true)->delete();" --env=production`, { production: true }),
  ask(`php artisan tinker --execute="App\\Models\\User::query()->delete();"`),
  ask('./vendor/bin/sail artisan migrate:reset'),
  allow('php artisan migrate:status'),
  allow('php artisan migrate --pretend'),
  allow('php artisan tinker --execute="echo App\\Models\\User::count();"'),
]);

table('alembic (alembic.sqlalchemy.org/en/latest/tutorial.html#downgrading)', [
  ask('alembic downgrade base'),
  ask('alembic downgrade -1'),
  ask('alembic -x env=production downgrade 3f2a1c9d8e7b', { production: true }),
  ask('uv run alembic downgrade base'),
  ask('python -m alembic downgrade -2'),
  allow('alembic current'),
  allow('alembic upgrade head --sql'),
  allow('alembic downgrade base --sql'),
  allow('alembic history --verbose'),
]);

table('rails (guides.rubyonrails.org/command_line.html)', [
  allow(`bin/rails runner 'Notification.where("created_at < ?", 6.months.ago).delete_all'`),
  ask(`RAILS_ENV=production bin/rails runner 'Notification.where("created_at < ?", 6.months.ago).delete_all'`, { production: true }),
  ask(`bin/rails runner 'Notification.delete_all'`),
  ask('RAILS_ENV=production bin/rails runner "Order.where(test: true).destroy_all"', { production: true }),
  ask("echo 'ActiveRecord::Base.connection.truncate(:events)' | bin/rails console -e production", { production: true }),
  ask('bin/rails db:rollback STEP=2'),
  ask(`heroku run -a acme-api 'echo "Order.where(created_at: ..1.year.ago).destroy_all" | bin/rails console'`, { production: true }),
  allow('bin/rails db:migrate:status'),
  allow("bin/rails runner 'puts User.count'"),
  allow('bin/rails db:migrate RAILS_ENV=test'),
]);

table('django (docs.djangoproject.com/en/stable/ref/django-admin)', [
  allow(`python manage.py shell -c "from orders.models import Order; Order.objects.filter(status='draft').delete()"`),
  ask(`python manage.py shell -c "from orders.models import Order; Order.objects.all().delete()"`),
  allow('python manage.py shell < scripts/purge_inactive.py'),
  ask('python manage.py shell --settings=config.settings.production < scripts/purge_inactive.py', { production: true }),
  ask('python manage.py migrate orders zero'),
  ask('python manage.py sqlflush | python manage.py dbshell'),
  ask("python manage.py shell --settings=config.settings.production <<'PY'\nfrom accounts.models import User\nUser.objects.filter(last_login__isnull=True).delete()\nPY", { production: true }),
  allow('python manage.py shell < scripts/count_inactive.py'),
  allow(`python manage.py shell -c "from orders.models import Order; print(Order.objects.count())"`),
  allow('python manage.py migrate --plan'),
  allow('python manage.py showmigrations'),
]);

table('prisma, typeorm, sequelize, knex (their CLI references)', [
  ask(`npx prisma db execute --stdin <<< 'TRUNCATE "User" CASCADE;'`),
  ask('npx prisma db execute --file prisma/cleanup.sql --schema prisma/schema.prisma'),
  ask('npx typeorm migration:revert -d dist/data-source.js'),
  ask(`npx typeorm query 'DELETE FROM "user" WHERE "isTest" = true' -d dist/data-source.js`),
  ask('npx sequelize-cli db:migrate:undo'),
  ask('npx knex migrate:down'),
  ask('NODE_ENV=production npx knex migrate:rollback --env production', { production: true }),
  allow('npx prisma db execute --file prisma/report.sql --schema prisma/schema.prisma'),
  allow('npx prisma migrate status'),
  allow('npx typeorm migration:show -d dist/data-source.js'),
  allow('npx sequelize-cli db:migrate'),
  allow('npx knex migrate:latest'),
]);

table('mongorestore --drop, Elixir eval (mongodb.com/docs/database-tools/mongorestore, hexdocs.pm/mix/Mix.Tasks.Release.html)', [
  ask('mongorestore --uri "$MONGODB_URI" --drop dump/', { production: true }),
  ask("mongorestore --host mongo-prod-0.acme.internal --drop --nsInclude 'shop.*' ./backup-2026-03-01", { production: true }),
  ask(`fly ssh console -a acme-web -C "/app/bin/acme eval 'Acme.Repo.delete_all(Acme.Accounts.Session)'"`, { production: true }),
  allow('mongorestore --uri "$MONGODB_URI" --drop --dryRun dump/'),
  allow('mongodump --uri "$MONGODB_URI" --out dump/'),
  allow(`/app/bin/acme eval 'IO.puts(Acme.Repo.aggregate(Acme.Accounts.Session, :count))'`),
]);

// ---------------------------------------------------------------------------------------------
// MCP tools and HTTP query endpoints

const rpc = (name: string, args: Record<string, unknown>): string => JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name, arguments: args } });

table('raw JSON-RPC tools/call (modelcontextprotocol.io/specification/2025-06-18/server/tools)', [
  ask(`curl -s -X POST http://localhost:8931/mcp -H 'Content-Type: application/json' -d '${rpc('execute_sql', { project_id: 'abcdefghijklmnopqrst', query: 'DELETE FROM profiles WHERE id = 9' })}'`, { production: true, says: /DELETE FROM profiles/ }),
  ask(`curl -s https://mcp.supabase.com/mcp -H 'Content-Type: application/json' -d '${rpc('apply_migration', { project_id: 'abcdefghijklmnopqrst', query: 'DROP TABLE legacy_orders;' })}'`, { production: true }),
  ask(`curl -s https://mcp.neon.tech/mcp -H 'Content-Type: application/json' -d '${rpc('delete_project', { projectId: 'polished-sky-123456' })}'`, { production: true, says: /delete_project/ }),
  ask(`printf '%s\\n' '${rpc('query', { sql: 'DELETE FROM users WHERE id = 7' })}' | npx -y @modelcontextprotocol/server-postgres "$DATABASE_URL"`, { production: true }),
  ask(`curl -s -X POST http://localhost:8787/mcp -H 'Content-Type: application/json' -d @- <<'JSON'\n${rpc('d1_database_query', { database_id: 'db-1', sql: 'DELETE FROM sessions' })}\nJSON`),
  allow(`curl -s -X POST http://localhost:8931/mcp -H 'Content-Type: application/json' -d '${rpc('execute_sql', { project_id: 'abcdefghijklmnopqrst', query: 'SELECT count(*) FROM profiles' })}'`),
  allow(`curl -s -X POST http://localhost:8931/mcp -H 'Content-Type: application/json' -d '{"jsonrpc":"2.0","id":2,"method":"tools/list"}'`),
  allow(`curl -s https://mcp.supabase.com/mcp -H 'Content-Type: application/json' -d '${rpc('list_tables', { project_id: 'abcdefghijklmnopqrst' })}'`),
]);

table('SQL over HTTP (Supabase database/query, Neon /sql, Cloudflare D1 query/raw, Turso pipeline)', [
  ask(`curl -X POST "https://api.supabase.com/v1/projects/$PROJECT_REF/database/query" -H 'Content-Type: application/json' -d '{"query":"DELETE FROM storage.objects WHERE bucket_id = 1"}'`, { production: true }),
  ask(`curl -X POST "https://ep-cool-darkness-123456.us-east-2.aws.neon.tech/sql" -H 'Content-Type: application/json' -d '{"query":"DELETE FROM sessions WHERE user_id = $1","params":[42]}'`, { production: true }),
  ask(`curl -X POST "https://api.cloudflare.com/client/v4/accounts/$CF_ACCOUNT_ID/d1/database/abc/raw" -H 'Content-Type: application/json' --data '{"sql":"DROP TABLE comments"}'`, { production: true }),
  ask(`curl -s "https://acme-prod-acme.turso.io/v2/pipeline" -d '{"requests":[{"type":"execute","stmt":{"sql":"DROP TABLE events"}},{"type":"close"}]}'`, { production: true }),
  allow(`curl -X POST "https://api.supabase.com/v1/projects/$PROJECT_REF/database/query" -H 'Content-Type: application/json' -d '{"query":"select count(*) from storage.objects"}'`),
  allow(`curl -X POST "https://api.cloudflare.com/client/v4/accounts/$CF_ACCOUNT_ID/d1/database/abc/query" --data '{"sql":"SELECT count(*) AS n FROM sessions"}'`),
]);

table('Route 53 change batches (docs.aws.amazon.com/cli/latest/reference/route53/change-resource-record-sets.html)', [
  ask('aws route53 change-resource-record-sets --hosted-zone-id Z3M3LMPEXAMPLE --change-batch file://route53/delete-www.json', { production: true, says: /www\.acme\.com/ }),
  ask(`aws route53 change-resource-record-sets --hosted-zone-id Z3M3LMPEXAMPLE --change-batch '{"Changes":[{"Action":"DELETE","ResourceRecordSet":{"Name":"api.acme.com","Type":"A"}}]}'`, { production: true }),
  ask('aws route53 change-resource-record-sets --hosted-zone-id Z3 --change-batch file://route53/missing.json'),
  // Relabelled in round 7 (issue #18, item 4): an UPSERT replaces the live record of a production name in place.
  ask('aws route53 change-resource-record-sets --hosted-zone-id Z3 --change-batch file://route53/upsert-www.json', { production: true, says: /Replaces \(UPSERT\) the DNS records www\.acme\.com/ }),
  allow(`aws route53 change-resource-record-sets --hosted-zone-id Z3 --change-batch '{"Changes":[{"Action":"CREATE","ResourceRecordSet":{"Name":"new.acme.com","Type":"A"}}]}'`),
  allow('aws route53 list-resource-record-sets --hosted-zone-id Z3M3LMPEXAMPLE'),
]);

// ---------------------------------------------------------------------------------------------
// Files and containers

table('rsync --delete (download.samba.org/pub/rsync/rsync.1)', [
  ask('rsync -av --delete build/ deploy@web1.acme.com:/var/www/acme/', { production: true }),
  ask('rsync -a --delete-after ./public/ static@cdn-origin.acme.io:/srv/static/', { production: true }),
  ask('rsync -av --delete ~/Downloads/assets/ ./src/'),
  blocked('rsync -a --delete --exclude node_modules ../backup-2026-03/ ./'),
  ask('rsync -rlptz --delete-excluded ./ backup@nas.local:/volume1/acme/', { production: true }),
  allow('rsync -av --delete --dry-run build/ deploy@web1.acme.com:/var/www/acme/'),
  allow('rsync -avn --delete build/ deploy@web1.acme.com:/var/www/acme/'),
  allow('rsync -a --delete /tmp/build-out/ dist/'),
  allow('rsync -avz deploy@web1.acme.com:/var/log/nginx/ ./logs/'),
]);

table('rimraf, del-cli, trash through package runners (npmjs.com/package/rimraf, del-cli, trash-cli)', [
  ask('npx rimraf uploads'),
  ask("pnpm dlx rimraf --glob '.env*'"),
  ask("bunx rimraf --glob 'db/*.sqlite3'"),
  ask("npx del-cli 'storage/app/**' '!storage/app/.gitignore'"),
  ask('npx --yes trash-cli .env.production config/master.key'),
  allow('npx rimraf node_modules dist .next'),
  allow('pnpm dlx rimraf coverage .turbo'),
  allow('npx del-cli build'),
  allow('npx del-cli --dry-run uploads'),
]);

table('files git cannot restore (rm of untracked env files, local databases, keys)', [
  ask('rm -f .env .env.local .env.production'),
  ask('rm db/development.sqlite3 db/test.sqlite3'),
  ask('rm config/master.key'),
  allow('rm -f .env.example'),
  allow('rm -f npm-debug.log* yarn-error.log'),
  allow('rm notes.txt'),
]);

table('remote and reset container engines (docs.docker.com/engine/security/protect-access, docs.podman.io)', [
  ask('podman system reset --force'),
  ask('podman --remote --connection prod-box volume rm pgdata', { production: true }),
  ask('docker -H ssh://deploy@prod-docker-01.acme.net volume rm acme_pgdata', { production: true }),
  ask('DOCKER_HOST=tcp://10.0.3.14:2376 docker system prune -af --volumes', { production: true }),
  ask('docker context use prod && docker rm -f acme-db', { production: true }),
  ask('export DOCKER_HOST=ssh://deploy@prod-docker-01.acme.net; docker compose -p acme down --volumes', { production: true }),
  allow('docker context use default && docker rm -f acme-db'),
  allow('docker context use prod && docker ps'),
  allow('podman system df'),
  allow('docker -H ssh://deploy@prod-docker-01.acme.net ps'),
  allow('docker compose down'),
]);

table('scripts that delete only what they made (item 4)', [
  ask('node scripts/wipe.mjs uploads'),
  ask('npm run wipe'),
  ask(`node -e "require('fs').rmSync('uploads', { recursive: true, force: true })"`),
  allow('npm test'),
  allow('node test/e2e/run.mjs'),
  allow(`tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT && tar -xzf fixtures.tgz -C "$tmp" && ls "$tmp"`),
  allow(`python3 -c "import tempfile, shutil; d = tempfile.mkdtemp(); shutil.rmtree(d)"`),
  allow('rm -rf /tmp/acme-build-*'),
]);

// ---------------------------------------------------------------------------------------------
// Evasions and run-time targets

table('arguments injected by the environment (developer.hashicorp.com/terraform/cli/config/environment-variables)', [
  ask('TF_CLI_ARGS_apply="-auto-approve -destroy" terraform -chdir=terraform apply', { production: true }),
  ask('TF_CLI_ARGS_plan="-destroy" terraform -chdir=terraform plan -out=tfplan', { production: true }),
  ask('export TF_CLI_ARGS="-destroy -auto-approve"; terraform -chdir=terraform apply', { production: true }),
  ask(`printf 'TRUNCATE orders;\\n' > /tmp/rc && PSQLRC=/tmp/rc psql "$PROD_DATABASE_URL" -c 'select 1'`),
  ask('PGOPTIONS="-c session_replication_role=replica" psql -h db.prod.acme.internal -d app -c "SELECT 1"'),
  ask('KUBECTL_EXTERNAL_DIFF=/tmp/xdiff kubectl --context prod-eu-west-1 diff -f k8s/'),
  allow('TF_CLI_ARGS_plan="-lock=false" terraform -chdir=terraform plan'),
  allow('KUBECTL_EXTERNAL_DIFF="colordiff -N -u" kubectl diff -f k8s/'),
  allow('HELM_KUBECONTEXT=prod-eu-west-1 helm list -n payments', { production: true }),
]);

table('git aliases defined inline (git-scm.com/docs/git-config#Documentation/git-config.txt-alias)', [
  ask("git -c alias.nuke='!rm -rf uploads db/development.sqlite3' nuke"),
  ask(`git -c alias.wipe='!psql "$PROD_DATABASE_URL" -c "TRUNCATE orders CASCADE"' wipe`, { production: true }),
  ask("git -c alias.pf='push --force origin main' pf"),
  allow("git -c alias.lg='log --oneline --graph -20' lg"),
  // A `!` alias given with -c is read whatever the subcommand (policy/handlers/codeRunners.ts).
  ask("git -c alias.x='!rm -rf uploads' status"),
  allow("git -c alias.st='status -sb' st"),
  allow('git bisect start'),
]);

table('word splitting through IFS (gnu.org/software/bash/manual/html_node/Word-Splitting.html)', [
  ask('IFS=,; cmd="rm,-rf,uploads"; $cmd'),
  ask("IFS=']'; x='rm]-rf]src'; $x"),
  ask('IFS=:; c="psql:-h:db.prod.acme.internal:-c"; $c "DROP TABLE sessions"', { production: true }),
  allow('IFS=, read -r name email <<< "ada,ada@example.com"; echo "$name"'),
  allow('cmd="ls -la"; $cmd'),
  allow('IFS=,; list="a,b"; echo $list'),
]);

table('aliases and functions defined earlier on the line (gnu.org/software/bash/manual/html_node/Aliases.html)', [
  ask("shopt -s expand_aliases\nalias ll='rm -rf'\nll uploads storage/app"),
  ask("alias wipe='psql \"$PROD_DATABASE_URL\" -c'\nwipe 'TRUNCATE orders'", { production: true }),
  ask(`q() { psql "$PROD_DATABASE_URL" -c "$1"; }; q 'DELETE FROM sessions'`, { production: true }),
  allow("shopt -s expand_aliases\nalias k=kubectl\nk get pods -n payments"),
  allow("alias ls='ls -la'; ls src"),
  allow("alias gs='git status'; gs"),
]);

table('indirect calls in interpreter one-liners', [
  ask(`python3 -c "__import__('shutil').rmtree('uploads')"`),
  ask(`python -c "getattr(__import__('os'), 'remove')('db/development.sqlite3')"`),
  ask(`python3 -c "exec(__import__('base64').b64decode('aW1wb3J0IHNodXRpbDsgc2h1dGlsLnJtdHJlZSgndXBsb2Fkcycp'))"`),
  ask(`ruby -e 'require "fileutils"; FileUtils.send(:rm_rf, "uploads")'`),
  allow(`python3 -c "__import__('json').load(open('package.json'))['scripts']"`),
  allow(`ruby -e 'puts [1, 2].send(:sum)'`),
]);

table('targets read at run time (production from the file they come from)', [
  ask('DB=$(node -p "require(\'./config/production.json\').database.url"); psql "$DB" -c "DELETE FROM events WHERE id = 1"', { production: true }),
  ask('psql "$(neonctl connection-string main --project-id polished-sky-123456)" -c "DELETE FROM orders WHERE is_test = true"', { production: true }),
  ask('pg_restore --clean -d "$(cat config/production.url)" /tmp/dev.dump', { production: true }),
  allow('psql "$(neonctl connection-string main --project-id polished-sky-123456)" -c "SELECT count(*) FROM orders"', { production: true }),
  allow('DB=$(node -p "require(\'./config/development.json\').database.url"); psql "$DB" -c "DELETE FROM events WHERE id = 1"'),
  allow('npx dotenv -e .env.production -- npx prisma migrate status', { production: true }),
  allow('npx dotenv -e .env.development -- npx prisma migrate status'),
]);

// ---------------------------------------------------------------------------------------------
// Red team, round 2: statements hidden from the statement reader

table('client commands that run a file or a shell (psql \\i, mysql source, sqlite .read, \\!)', [
  ask('psql "postgres://app@db.prod.acme.internal/shop" -c "\\i scripts/wipe_sessions.sql"', { production: true, says: /TRUNCATE/ }),
  ask("psql -h db.prod.acme.internal shop -c '\\ir scripts/wipe_sessions.sql'", { production: true }),
  ask('mysql -h db.prod.acme.internal shop -e "source scripts/wipe_sessions.sql"', { production: true }),
  ask('mysql -h db.prod.acme.internal shop -e "\\. scripts/wipe_sessions.sql"', { production: true }),
  ask('psql -h db.prod.acme.internal shop -c "select 1" -c "\\! rm -rf uploads"'),
  allow('psql -h db.prod.acme.internal shop -c "\\i scripts/report.sql"', { production: true }),
  allow('mysql -h db.prod.acme.internal shop -e "SELECT source FROM events"', { production: true }),
]);

table('statements a DO block or a prepared statement runs (postgresql.org/docs/current/sql-do.html, sql-prepare.html)', [
  ask('psql -h db.prod.acme.internal shop -c "DO \\$\\$ BEGIN TRUNCATE users; END \\$\\$"', { production: true, says: /DO block/ }),
  ask(`psql -h db.prod.acme.internal shop -c "DO \\$\\$ BEGIN EXECUTE 'DROP TABLE users'; END \\$\\$"`, { production: true }),
  ask(`psql -h db.prod.acme.internal shop -c "DO 'BEGIN DELETE FROM users; END'"`, { production: true }),
  ask('psql -h db.prod.acme.internal shop -c "PREPARE p AS DELETE FROM users; EXECUTE p"', { production: true }),
  allow(`psql -h db.prod.acme.internal shop -c "DO \\$\\$ BEGIN RAISE NOTICE 'hello'; END \\$\\$"`, { production: true }),
  allow('psql -h db.prod.acme.internal shop -c "PREPARE q AS SELECT * FROM users WHERE id = \\$1; EXECUTE q(1)"', { production: true }),
]);
