import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { decisionWorkLimit, DEFAULT_WORK_LIMIT, MAX_WORK_LIMIT } from '../../../src/core/policy/workMeter';
import { ask, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 37, area data27 (red team round 27): production data and accounts reached by other roads. Each
 * family is judged by its meaning, next to the routine look-alikes that must stay allowed.
 */

const collection = (method: string, url: string): string => JSON.stringify({ info: { name: 'c' }, item: [{ name: 'folder', item: [{ name: 'r', request: { method, url } }] }] });
const environment = (host: string): string => JSON.stringify({ values: [{ key: 'host', value: host, enabled: true }] });

const files: Record<string, string> = {
  '/work/app/.env': 'DATABASE_URL=postgres://postgres:postgres@localhost:5432/acme_dev\n',
  '/work/app/src/index.ts': 'export const a = 1;\n',
  '/work/app/api/prod.hurl': 'POST https://api.prod.acme.internal/admin/reset\nHTTP 200\n',
  '/work/app/api/vars.hurl': 'DELETE {{host}}/users/1\nHTTP 204\n',
  '/work/app/api/read.hurl': 'GET https://api.prod.acme.internal/health\nHTTP 200\n',
  '/work/app/api/local.http': 'POST http://localhost:3000/seed\n',
  '/work/app/api/users.postman_collection.json': collection('DELETE', '{{host}}/users'),
  '/work/app/api/list.postman_collection.json': collection('GET', '{{host}}/users'),
  '/work/app/api/raw.postman_collection.json': JSON.stringify({ item: [{ request: { method: 'POST', url: { raw: 'https://api.acme.com/admin/reset', host: ['api', 'acme', 'com'] } } }] }),
  '/work/app/api/production.postman_environment.json': environment('https://api.prod.acme.internal'),
  '/work/app/api/local.postman_environment.json': environment('http://localhost:3000'),
};

const world = decisionTable(testFacts({ files }));

describe('s37 data27: Redis keyspace walks and full copies of production (support/redisAdminReads.ts)', () => {
  world('a walk over the keys or a copy of the data set of a production server asks', [
    ask(`redis-cli -h cache.prod.acme.internal --scan --pattern 'sess:*'`, { production: true, says: /a walk over every key/ }),
    ask(`redis-cli -h cache.prod.acme.internal --scan --pattern 'session:*' | head`, { production: true }),
    ask(`valkey-cli -u redis://cache.prod.acme.internal:6379 --scan --pattern 'token:*'`, { production: true }),
    ask(`redis-cli -h cache.prod.acme.internal --scan --quoted-pattern 'auth:*'`, { production: true }),
    ask(`redis-cli -h cache.prod.acme.internal --scan --pattern 'api_keys:*' > keys.txt`, { production: true }),
    ask('redis-cli -h cache.prod.acme.internal SCAN 0 COUNT 1000000', { production: true, says: /COUNT 1000000/ }),
    ask('redis-cli -h cache.prod.acme.internal scan 0 match * count 50000', { production: true }),
    ask('redis-cli -h cache.prod.acme.internal HSCAN users 0 COUNT 50000', { production: true }),
    ask('redis-cli -h cache.prod.acme.internal --replica', { production: true, says: /full copy/ }),
    ask('redis-cli -h cache.prod.acme.internal --slave', { production: true }),
    ask('redis-cli -h cache.prod.acme.internal --rdb /tmp/dump.rdb', { production: true, says: /--rdb/ }),
    ask('redis-cli -h cache.prod.acme.internal SYNC', { production: true, says: /SYNC/ }),
    ask('redis-cli -h cache.prod.acme.internal psync ? -1', { production: true }),
    ask('echo SYNC | redis-cli -h cache.prod.acme.internal', { production: true }),
    ask('doppler run -c prd -- redis-cli --replica', { production: true }),
    ask('kubectl exec -n production redis-0 -- redis-cli --rdb /data/copy.rdb', { production: true }),
    // Look-alikes: parts of the keyspace, counts, single pages, and this machine's server.
    allow(`redis-cli -h cache.prod.acme.internal --scan --pattern 'cart:*'`, { production: true }),
    allow(`redis-cli -h cache.prod.acme.internal --scan --pattern 'session:*' | wc -l`, { production: true }),
    allow('redis-cli -h cache.prod.acme.internal SCAN 0', { production: true }),
    allow('redis-cli -h cache.prod.acme.internal SCAN 0 COUNT 100', { production: true }),
    // Stop 38: the sampled reports walk every key too (s38Floor.table.test.ts).
    ask('redis-cli -h cache.prod.acme.internal --bigkeys', { production: true }),
    allow('redis-cli -h cache.prod.acme.internal GET sess:abc', { production: true }),
    allow('redis-cli --rdb /tmp/dump.rdb'),
    allow('redis-cli SYNC'),
    allow(`redis-cli --scan --pattern 'sess:*'`),
  ]);
});

describe('s37 data27: an account\'s password changed on a remote or production store (productionWrites ADMIN_SQL, databaseAdmin, floorChanges, cloudAccess, hostDamage)', () => {
  world('a password set for an account elsewhere asks, naming the account and never the value', [
    ask(`psql -h db.prod.acme.internal -c "CREATE USER ro WITH PASSWORD 'Pw1x'"`, { production: true, says: /CREATE USER ro WITH PASSWORD ''/ }),
    ask(`mysql -h db.prod.acme.internal -e "CREATE USER 'ro'@'10.%' IDENTIFIED BY 'Pw1x'"`, { production: true }),
    ask(`mysql -h db.prod.acme.internal -e "SET PASSWORD FOR 'app'@'%' = 'Pw1x'"`, { production: true }),
    ask(`psql -h db.prod.acme.internal -c "ALTER ROLE app WITH PASSWORD 'Pw1x'"`, { production: true }),
    ask(`mysqladmin -h db.prod.acme.internal -u root password 'Pw1x'`, { production: true, says: /MySQL account root on the MySQL server on db\.prod/ }),
    ask('mysqladmin --host=db.prod.acme.internal --user=root password Pw1x', { production: true }),
    ask('mysqladmin -h 10.20.0.5 -u app old-password Pw1x', { production: true }),
    ask('kubectl exec -n production mysql-0 -- mysqladmin -u root password Pw1x', { production: true }),
    ask(`acmectl passwd admin 'Pw1x'`, { production: true, says: /of admin/ }),
    ask('acmectl password admin Pw1x', { production: true }),
    ask(`az ad user update --id admin@acme.com --password 'Pw1x'`, { production: true, says: /Entra ID user admin@acme\.com/ }),
    ask('sudo passwd postgres', { says: /account postgres/ }),
    ask('ssh db.prod.acme.internal sudo passwd postgres', { production: true }),
    ask(`mongosh "mongodb://db.prod.acme.internal/admin" --eval 'db.changeUserPassword("app", "Pw1x")'`, { production: true }),
    // Look-alikes: this machine's or a named staging server's accounts, status reads, users without a password, a lookup.
    allow(`psql -c "CREATE USER ro WITH PASSWORD 'Pw1x'"`),
    allow(`psql -h db.staging.acme.internal -c "CREATE USER ro WITH PASSWORD 'Pw1x'"`),
    allow('mysqladmin -u root password Pw1x'),
    allow('mysqladmin -h db.staging.acme.internal -u root password Pw1x'),
    allow('mysqladmin -h db.prod.acme.internal status', { production: true }),
    allow(`az ad user update --id admin@acme.com --display-name 'Bob'`),
    allow('getent passwd root'),
    allow('passwd'),
    allow('passwd -S postgres'),
    allow('acmectl passwd --help'),
    // Stop 38 (round 27): rabbitmqctl's own node is the broker host it runs on; a password change there asks (s38Floor.table.test.ts).
    ask('rabbitmqctl change_password app x'),
    allow('htpasswd -b ./test.htpasswd dev dev'),
  ]);
  it('no reason repeats the new password', () => {
    const secret = ['Qz', '7vK', 'p2Lm'].join('');
    for (const cmd of [`acmectl passwd admin '${secret}'`, `mysqladmin -h db.prod.acme.internal -u root password '${secret}'`, `psql -h db.prod.acme.internal -c "CREATE USER ro WITH PASSWORD '${secret}'"`, `az ad user update --id admin@acme.com --password '${secret}'`, `ssh db.prod.acme.internal "echo postgres:${secret} | sudo chpasswd"`]) {
      const v = classify(cmd, testFacts({ files }), { lockdown: false });
      assert.notEqual(v.decision, 'allow', cmd);
      assert.ok(!JSON.stringify(v.reasons).includes(secret), `${cmd}: ${JSON.stringify(v.reasons)}`);
    }
  });
});

describe('s37 data27: production buckets and stores exported whole (support/bucketExports.ts, productionCopies treeCopiedDown, cloudExports, wholeExports)', () => {
  world('a production bucket or store copied down whole asks', [
    ask('aws s3 sync s3://acme-shop-production-uploads ./dump', { production: true, says: /whole of s3:\/\/acme-shop-production-uploads/ }),
    ask('aws s3 cp s3://acme-shop-production-uploads ./dump --recursive', { production: true }),
    ask('aws --profile prod s3 sync s3://acme-uploads ./dump', { production: true }),
    ask('gsutil -m cp -r gs://acme-shop-production ./dump', { production: true }),
    ask('gsutil -m rsync -r gs://acme-shop-production ./dump', { production: true }),
    ask('gcloud storage cp -r gs://acme-shop-production ./dump', { production: true }),
    ask('gcloud storage rsync gs://acme-shop-production ./dump --recursive', { production: true }),
    ask('az storage blob download-batch -s acme-shop-production -d ./dump --account-name prod', { production: true }),
    ask(`azcopy copy 'https://acme-prod.blob.core.windows.net/uploads' ./dump --recursive`, { production: true }),
    ask('azcopy sync https://acme-production.blob.core.windows.net/uploads ./dump', { production: true }),
    ask('rclone copy prod:acme-shop ./dump', { production: true, says: /whole of prod:acme-shop/ }),
    ask('rclone sync production:uploads /tmp/uploads', { production: true }),
    ask('s3cmd sync s3://acme-shop-production ./dump', { production: true }),
    ask('az sql db export -s prod -n app -g rg --storage-key k --storage-uri u', { production: true }),
    ask('az postgres db export --server acme-production -n shop -g rg', { production: true }),
    ask(`mongosh "mongodb://db.prod.acme.internal/shop" --eval 'db.users.find().toArray()'`, { production: true, says: /db\.users\.find\(\)\.toArray\(\)/ }),
    ask(`mongosh "mongodb://db.prod.acme.internal/shop" --eval 'db.getCollection("orders").find({}).forEach(printjson)'`, { production: true }),
    ask(`mongo "mongodb://db.prod.acme.internal/shop" --quiet --eval 'db.users.find().sort({_id:1}).toArray()' > users.json`, { production: true }),
    // Look-alikes: one object, uploads, non-production buckets and stores, filtered or paged reads.
    allow('aws s3 cp s3://acme-shop-production-uploads/logo.png .', { production: true }),
    allow('gsutil cp gs://acme-shop-production/robots.txt .', { production: true }),
    allow('aws s3 sync s3://acme-shop-staging-uploads ./dump'),
    allow('az storage blob download-batch -s uploads -d ./dump --account-name acmedevstore'),
    allow('az storage blob upload-batch -d acme-shop-production -s ./dist'),
    allow('aws s3 sync s3://acme-prod-assets ./backup/assets', { production: true }),
    allow('gsutil -m cp -r gs://acme-shop-production-static ./public', { production: true }),
    allow('rclone copy prod:acme-cdn ./mirror', { production: true }),
    allow('rclone copy prod:acme-shop/logo.png ./', { production: true }),
    allow('rclone copy dev:acme-shop ./dump'),
    allow('rclone ls prod:acme-shop', { production: true }),
    allow('az sql db export -s staging -n app -g rg --storage-key k --storage-uri u'),
    allow(`mongosh "mongodb://db.prod.acme.internal/shop" --eval 'db.users.find({email:"a@b.c"}).toArray()'`, { production: true }),
    allow(`mongosh "mongodb://db.prod.acme.internal/shop" --eval 'db.users.find().limit(5).toArray()'`, { production: true }),
    allow(`mongosh "mongodb://db.prod.acme.internal/shop" --eval 'db.users.countDocuments()'`, { production: true }),
    allow(`mongosh mongodb://localhost/shop --eval 'db.users.find().toArray()'`),
  ]);
});

describe('s37 data27: jobs started by a name that says they destroy (registry/namedJobs.ts startedJob, verb floor)', () => {
  world('a task queued or called by a destroying name asks, past the options before the verb', [
    ask(`celery -A app call tasks.purge_all --kwargs '{"env":"production"}'`, { production: true, says: /tasks\.purge_all/ }),
    ask('celery -A app call tasks.purge_all'),
    ask('celery --app app call app.tasks.delete_expired_users'),
    ask('celery -b redis://cache.prod.acme.internal call billing.tasks.wipe_invoices', { production: true }),
    ask('rq enqueue tasks.delete_all_users'),
    ask('acmeq dispatch WipeOrders'),
    ask('acmeq --queue default dispatch reset_balances'),
    // Look-alikes: other task names, routine clean-ups by name, workers and status.
    allow('celery -A app call tasks.send_report'),
    allow('celery -A app call tasks.clear_cache'),
    allow('celery -A app worker'),
    allow('celery -A app inspect active'),
    allow('rq enqueue tasks.send_digest'),
    allow('acmeq dispatch SendNewsletter'),
  ]);
});

describe('s37 data27: database shells, dumps and migrations under a loader that names production (policy/loaderWords.ts, injectedSecrets loadedEnvironment, remoteConsoles, frameworkLoaders)', () => {
  world('work on the database under production variables asks, however the loader reaches it', [
    ask(`npx dotenv -c production -- sh -c 'psql $DATABASE_URL'`, { production: true }),
    ask(`node --env-file=.env.production -e "require('child_process').spawnSync('psql',[process.env.DATABASE_URL],{stdio:'inherit'})"`, { production: true }),
    ask(`bun --env-file=.env.production -e "Bun.spawnSync(['psql', process.env.DATABASE_URL])"`, { production: true }),
    ask('uv run --env-file .env.production python manage.py dbshell', { production: true, says: /Django dbshell/ }),
    ask('doppler run -c prd -- pgcli', { production: true, says: /pgcli shell/ }),
    ask('doppler run -c prd -- mycli', { production: true }),
    ask('doppler run -c prd -- rails console', { production: true, says: /Rails console/ }),
    ask('infisical run --env=prod -- bundle exec rails console', { production: true }),
    ask('chamber exec production -- rails dbconsole', { production: true }),
    ask('doppler run -c prd -- npx prisma studio', { production: true, says: /Prisma Studio/ }),
    ask('dotenvx run -f .env.production -- npx drizzle-kit studio', { production: true }),
    ask('doppler run -c prd -- iex -S mix', { production: true }),
    ask('op run --env-file .env.production -- pgcli', { production: true }),
    ask(`dotenv -e .env.production -- sh -c 'mongosh "$MONGODB_URI"'`, { production: true }),
    ask('dotenv -e .env.production -- mongodump --uri "$MONGODB_URI"', { production: true, says: /Dumps the whole production/ }),
    ask('op run --env-file .env.production -- pg_dump -f prod.sql', { production: true }),
    ask(`doppler run -c prd -- sh -c 'pg_dump $DATABASE_URL > prod.sql'`, { production: true }),
    ask('doppler run --config prd -- npx prisma migrate deploy', { production: true }),
    ask(`doppler run -c prd -- bash -lc 'rails db:migrate'`, { production: true }),
    ask('dotenvx run -f .env.production -- npx drizzle-kit migrate', { production: true }),
    // Look-alikes: development loaders, nothing loaded, one-shot reads, and non-database work under production.
    allow('doppler run -c dev -- rails console'),
    allow('infisical run --env=dev -- bundle exec rails console'),
    allow('dotenv -e .env.development -- pgcli'),
    allow('npx prisma studio'),
    allow('rails console'),
    allow('uv run --env-file .env python manage.py dbshell'),
    allow(`node --env-file=.env -e "require('child_process').spawnSync('psql',[process.env.DATABASE_URL],{stdio:'inherit'})"`),
    allow(`doppler run -c prd -- mycli -e 'select 1'`),
    allow(`npx dotenv -c production -- sh -c 'echo hi'`),
    allow('doppler run -c prd -- npx prisma migrate status'),
  ]);
});

describe('s37 data27: request files fed on standard input and Postman collections (support/requestFiles.ts, postmanCollections.ts)', () => {
  world('requests that write to a remote host, however the file reaches the runner, ask', [
    ask('hurl < api/prod.hurl', { production: true, says: /standard input/ }),
    ask('cat api/prod.hurl | hurl', { production: true }),
    ask('hurl --variable host=https://api.prod.acme.internal < api/vars.hurl', { production: true }),
    ask('cat api/vars.hurl | hurl --variable host=https://api.acme.com'),
    ask(`hurl <<'EOF'\nDELETE https://api.acme.com/users/1\nEOF`),
    ask('newman run api/users.postman_collection.json -e api/production.postman_environment.json', { production: true, says: /DELETE from the collection/ }),
    ask('newman run api/users.postman_collection.json --environment api/production.postman_environment.json --reporters cli', { production: true }),
    ask('newman run api/users.postman_collection.json --env-var host=https://api.acme.com'),
    ask('newman run api/raw.postman_collection.json', { says: /api\.acme\.com/ }),
    ask('newman run api/missing.postman_collection.json -e api/production.postman_environment.json', { says: /cannot read/ }),
    // Look-alikes: reads, this machine, and a request file read but not sent.
    allow('hurl < api/read.hurl'),
    allow('cat api/local.http | hurl'),
    allow('hurl --variable host=http://localhost:3000 < api/vars.hurl'),
    allow('newman run api/users.postman_collection.json -e api/local.postman_environment.json'),
    allow('newman run api/list.postman_collection.json --env-var host=https://api.acme.com'),
    allow('cat api/prod.hurl'),
    allow('newman --version'),
  ]);
});

describe('s37 data27: a production store overwritten by an import or a put (support/secretWrites.ts kv, registry firebase auth:import)', () => {
  world('values or accounts written over a production store ask, naming keys and never values', [
    ask(`vault kv put secret/prod/db password='Pw1x'`, { production: true, says: /overwrites password in the vault/ }),
    ask('vault kv patch secret/prod/db password=Pw1x', { production: true }),
    ask('vault kv put secret/production/stripe key=Pw1x', { production: true }),
    ask('consul kv put config/prod/db/password Pw1x', { production: true }),
    ask('firebase auth:import users.json --project acme-shop-production', { production: true, says: /Firebase Auth users/ }),
    ask('firebase -P acme-production auth:import users.json --hash-algo=SCRYPT', { production: true }),
    // Look-alikes: development paths, configuration nothing names, reads and listings, a staging project.
    allow('vault kv put secret/dev/db password=x'),
    allow('vault kv put secret/app port=3000'),
    allow('vault kv list secret/prod', { production: true }),
    allow('firebase auth:import users.json --project acme-shop-staging'),
    allow('firebase auth:import users.json'),
    allow('acmectl kv list'),
  ]);
});

describe('s37 data27: long ordinary commands finish within the decision budget (policy/workMeter.ts decisionWorkLimit)', () => {
  const facts = testFacts({ files });
  it('a git add of 1,500 paths and a 400-step echo chain are judged in full and allowed', () => {
    const paths = Array.from({ length: 1500 }, (_, i) => `src/components/Widget${i}.tsx`).join(' ');
    const steps = Array.from({ length: 400 }, (_, i) => `echo step${i}`).join('; ');
    for (const cmd of [`git add ${paths}`, steps]) {
      const v = classify(cmd, facts, { lockdown: false });
      assert.equal(v.decision, 'allow', v.reasons.join(' | ').slice(0, 300));
    }
  });
  it('the same chains still ask when what they hide cannot be judged, and a destroying step is still found', () => {
    const steps = Array.from({ length: 400 }, (_, i) => `echo step${i}`).join('; ');
    assert.equal(classify(`${steps}; psql -h db.prod.acme.internal -c 'DROP TABLE users'`, facts, { lockdown: false }).decision, 'ask');
    assert.notEqual(classify(`${'true; '.repeat(20_000)}echo done`, facts, { lockdown: false }).decision, 'allow');
  });
  it('the budget grows with the command and is capped', () => {
    assert.equal(decisionWorkLimit(''), DEFAULT_WORK_LIMIT);
    assert.ok(decisionWorkLimit('x'.repeat(1000)) > DEFAULT_WORK_LIMIT);
    assert.equal(decisionWorkLimit('x'.repeat(1 << 20)), MAX_WORK_LIMIT);
  });
});
