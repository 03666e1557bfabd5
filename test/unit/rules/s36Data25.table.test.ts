import type { CompressedText, Facts } from '../../../src/core/policy/types';
import { ask, allow, blocked, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';
import { perimeterFacts } from './perimeterFixtures';

/**
 * Stop 36, area data25 (red team round 25): data reached by other roads and credential reads through
 * compression. Each family is judged by its meaning, next to the routine look-alikes that must stay allowed.
 */

// Fake secrets assembled at run time: no key-shaped literal is committed.
const password = ['oD', 'vTL', 'Edt', 'GkrH', '8AP'].join('');
const stripe = ['sk', 'live', 'x'.repeat(24)].join('_');
const ENV_TEXT = `DATABASE_URL=postgres://app:${password}@db.prod.acme.internal:5432/app\nSTRIPE_SECRET_KEY=${stripe}\n`;
const LOG_TEXT = 'GET / 200\nGET /health 200\nTODO: rotate logs\n';

/** What the compressed files of this world hold (the `compressedText` fact). */
const COMPRESSED: Record<string, CompressedText> = {
  '/work/app/backups/build-cache.gz': { text: ENV_TEXT },
  '/work/app/backups/notes.xz': { text: ENV_TEXT },
  '/work/app/backups/env.bz2': { text: ENV_TEXT },
  '/work/app/backups/env.zst': { text: ENV_TEXT },
  '/work/app/backups/env.lz4': { text: ENV_TEXT },
  '/work/app/logs/access.log.gz': { text: LOG_TEXT },
  '/work/app/logs/app.log.xz': { text: LOG_TEXT },
  '/work/app/logs/huge.log.gz': { cut: 'too large' },
  '/work/app/logs/broken.gz': { cut: 'unreadable' },
};

const files: Record<string, string> = {
  '/work/app/.env': 'DATABASE_URL=postgres://postgres:postgres@localhost:5432/acme_dev\n',
  '/work/app/src/index.ts': 'export const a = 1;\n',
  '/work/app/scripts/undo.rb': 'ActiveRecord::MigrationContext.new("db/migrate").migrate(0)\n',
  '/work/app/scripts/report.rb': 'puts User.count\n',
  // Listed by the folder walk of `rg -z` (the fact answers for the compressed ones).
  '/work/app/backups/build-cache.gz': '',
  '/work/app/backups/notes.xz': '',
  '/work/app/logs/access.log.gz': '',
  '/work/app/logs/app.log.xz': '',
};

const compressedWorld = (): Facts => testFacts({ files, compressedText: (p: string) => COMPRESSED[p] });
const compressed = decisionTable(compressedWorld());

describe('s36 data25: credential reads through compressed streams (support/compressedReads.ts)', () => {
  compressed('a compressed copy of a credential file printed whole asks, judged by its text', [
    ask('zcat backups/build-cache.gz', { says: /zcat prints backups\/build-cache\.gz decompressed, which holds/ }),
    ask('xzcat backups/notes.xz'),
    ask('bzcat backups/env.bz2'),
    ask('zstdcat backups/env.zst'),
    ask('lz4cat backups/env.lz4'),
    ask('gzip -dc backups/build-cache.gz'),
    ask('gunzip -c backups/build-cache.gz | less'),
    ask('gzip -dc < backups/build-cache.gz'),
    ask('xz -dc backups/notes.xz'),
    ask('zstd -dc backups/env.zst'),
    ask('zless backups/build-cache.gz'),
    ask('cd backups && zcat build-cache.gz'),
    ask('zcat logs/access.log.gz backups/build-cache.gz'),
    ask('sh -c "zcat backups/build-cache.gz"'),
    ask('cat backups/build-cache.gz | gunzip'),
    ask('cat backups/build-cache.gz | zcat'),
    ask('pv backups/notes.xz | xz -dc'),
    ask('gunzip < backups/build-cache.gz'),
    ask('bsdcat backups/build-cache.gz'),
    ask('pigz -dc backups/build-cache.gz'),
    ask('cp backups/build-cache.gz /tmp/a.gz && zcat /tmp/a.gz', { says: /could not be decompressed here/ }),
    ask('zcat logs/huge.log.gz | head', { says: /could not check what it holds \(over the size it reads\)/ }),
    ask('zcat logs/broken.gz', { says: /could not be decompressed here/ }),
    allow('zcat logs/access.log.gz | head'),
    allow('xzcat logs/app.log.xz'),
    allow('zless logs/access.log.gz'),
    allow('gzip -c src/index.ts > /tmp/index.ts.gz'),
    allow('gzip -k logs/access.log'),
    allow('zcat missing.gz'),
    allow('cat logs/access.log.gz | gunzip | head'),
    allow('tar cf - src | gzip > src.tgz'),
    allow('gzip < src/index.ts > index.ts.gz'),
    allow('gunzip backups/build-cache.gz'),
  ]);

  compressed('one-liners that decompress a file they name are judged as zcat of it', [
    ask(`python3 -c "import gzip; print(gzip.open('backups/build-cache.gz').read())"`),
    ask(`python3 -c "import lzma; print(lzma.open('backups/notes.xz').read())"`),
    ask(`python3 -c "import bz2; print(bz2.open('backups/env.bz2').read())"`),
    ask(`python3 -c "import gzip; f = gzip.GzipFile('backups/build-cache.gz'); print(f.read())"`),
    ask(`node -e "console.log(require('zlib').gunzipSync(require('fs').readFileSync('backups/build-cache.gz')).toString())"`),
    ask(`node -e "const z = require('zlib'); process.stdout.write(z.inflateSync(require('fs').readFileSync('backups/build-cache.gz')))"`),
    ask(`ruby -rzlib -e 'puts Zlib::GzipReader.open("backups/build-cache.gz").read'`),
    ask(`perl -MIO::Uncompress::Gunzip=gunzip -e 'gunzip "backups/build-cache.gz" => "-"'`),
    ask(`php -r 'readgzfile("backups/build-cache.gz");'`),
    ask(`python3 -c "import gzip,sys; sys.stdout.write(gzip.open('logs/huge.log.gz','rt').read())"`),
    allow(`python3 -c "import gzip; print(gzip.open('logs/access.log.gz').read())"`),
    allow(`node -e "console.log(require('zlib').gunzipSync(require('fs').readFileSync('logs/access.log.gz')).toString())"`),
    allow(`python3 -c "import gzip; gzip.open('out.gz', 'wt').write('hello')"`),
  ]);

  compressed('searches that decompress ask when a compressed file they reach holds a credential and the pattern can print it', [
    ask('zgrep -a KEY backups/build-cache.gz', { says: /zgrep searches backups\/build-cache\.gz decompressed/ }),
    ask('zgrep -a KEY .env.production.gz', { says: /a compressed copy of \.env\.production/ }),
    ask('zgrep -i stripe backups/build-cache.gz'),
    ask('zegrep "DATABASE|STRIPE" backups/build-cache.gz'),
    ask('xzgrep -i stripe backups/notes.xz'),
    ask('bzgrep -a . backups/env.bz2'),
    ask('zstdgrep KEY backups/env.zst'),
    ask('zgrep -v nothing backups/build-cache.gz'),
    ask('rg -z KEY backups'),
    ask('rg --search-zip -i secret .'),
    ask('ag -z KEY backups'),
    ask('ugrep -z KEY backups'),
    ask('rg -z TODO logs/huge.log.gz'),
    allow('zgrep GET logs/access.log.gz'),
    allow('zgrep -c TODO logs/access.log.gz'),
    allow('zgrep health backups/build-cache.gz'),
    allow('rg -z TODO src/'),
    allow('rg -z TODO logs'),
    allow('xzgrep GET logs/app.log.xz'),
  ]);
});

const loaders = decisionTable(testFacts({ files }));

describe('s36 data25: production shells through env loaders (database.ts underLoader, platformSql defaultEnvironment)', () => {
  loaders('a database shell started by a loader that names production asks', [
    ask('dotenv -e .env.production -- psql', { production: true, says: /interactive postgres shell/ }),
    ask('doppler run -c prd -- psql', { production: true }),
    ask('op run --env-file=.env.production -- psql', { production: true }),
    ask('railway run --environment production psql', { production: true }),
    ask('railway run -e production -- mysql', { production: true }),
    ask('infisical run --env=prod -- psql', { production: true }),
    ask('chamber exec prod -- psql', { production: true }),
    ask('aws-vault exec prod -- psql', { production: true }),
    ask('dotenvx run -f .env.production -- mysql', { production: true }),
    ask('doppler run --config prd -- redis-cli', { production: true }),
    ask('op run --env-file=.env.production -- mongosh', { production: true }),
    ask('summon -e production psql', { production: true }),
    ask('dotenv -e .env.production -- psql "$DATABASE_URL"', { production: true }),
    ask('npx dotenv-cli -e .env.production -- psql', { production: true }),
    allow('dotenv -e .env -- psql'),
    allow('doppler run -c dev -- psql'),
    allow('railway run --environment staging psql'),
    allow('dotenv -e .env.production -- psql -h localhost'),
    allow('dotenv -e .env.production -- psql -c "select 1"'),
    allow('dotenv -e .env.development -- psql'),
  ]);

  loaders('railway connect opens the linked environment, production unless another is named', [
    ask('railway connect postgres', { production: true }),
    ask('railway connect', { production: true }),
    ask('railway connect redis', { production: true }),
    ask('railway connect -e production mysql', { production: true }),
    ask('railway connect -s api postgres', { production: true }),
    allow('railway connect postgres --environment staging'),
    allow('railway connect -e dev postgres'),
    allow('railway status'),
  ]);
});

describe('s36 data25: Redis admin reads on production (support/redisAdminReads.ts)', () => {
  loaders('a read of the whole Redis server on production asks', [
    ask(`redis-cli -h db.prod.acme.internal KEYS '*'`, { production: true, says: /KEYS/ }),
    ask('redis-cli -h db.prod.acme.internal MONITOR', { production: true, says: /MONITOR/ }),
    ask('redis-cli -h db.prod.acme.internal --scan', { production: true, says: /--scan/ }),
    ask(`redis-cli -h db.prod.acme.internal --scan --pattern '*'`, { production: true }),
    ask('redis-cli -h db.prod.acme.internal --scan | head', { production: true }),
    ask('valkey-cli -h db.prod.acme.internal --scan', { production: true }),
    ask('redis-cli -u redis://cache.prod.acme.internal:6379 keys user:*', { production: true }),
    ask('echo MONITOR | redis-cli -h db.prod.acme.internal', { production: true }),
    ask(`doppler run -c prd -- redis-cli KEYS '*'`, { production: true }),
    ask(`kubectl exec -n production redis-0 -- redis-cli KEYS '*'`, { production: true }),
    ask(`redis-cli -h db.prod.acme.internal keys 'cart:*'`, { production: true }),
    // Parts of the keyspace and sampled reports are reads (command-model, data-destruction, round 2 tables).
    allow(`redis-cli -h db.prod.acme.internal --scan --pattern 'cart:*'`, { production: true }),
    allow(`redis-cli -h db.prod.acme.internal --scan --pattern 'session:*' | wc -l`, { production: true }),
    ask('redis-cli -h db.prod.acme.internal --bigkeys', { production: true }), // stop 38: a sampled report walks every key (s38Floor.table.test.ts)
    allow(`redis-cli -h localhost KEYS '*'`),
    allow('redis-cli --scan'),
    allow('redis-cli -h db.prod.acme.internal GET user:1', { production: true }),
    allow('redis-cli -h db.prod.acme.internal SCAN 0', { production: true }),
    allow('redis-cli -h db.prod.acme.internal INFO', { production: true }),
    allow(`redis-cli -h db.staging.acme.internal KEYS '*'`),
  ]);
});

describe('s36 data25: whole exports of production data (support/cloudExports.ts, wholeExports.ts)', () => {
  loaders('a cloud CLI exporting a whole production store asks', [
    ask('gcloud sql export sql acme-shop-production gs://bkt/d.sql --database=acme', { production: true, says: /Exports the whole production Cloud SQL instance/ }),
    ask('aws rds start-export-task --source-arn arn:aws:rds:us-east-1:1:snapshot:acme-shop-production --s3-bucket-name x --export-task-identifier y --iam-role-arn r --kms-key-id k', { production: true }),
    ask('bq extract acme-shop-production:analytics.users gs://x/u.csv', { production: true }),
    ask('bq --location=US extract --destination_format CSV prod_ds.users gs://x', { production: true }),
    ask('aws dynamodb scan --table-name acme-shop-production-users > u.json', { production: true }),
    ask('aws-vault exec prod -- aws dynamodb scan --table-name users', { production: true }),
    ask('aws --profile prod dynamodb scan --table-name users', { production: true }),
    ask('aws dynamodb export-table-to-point-in-time --table-arn arn:aws:dynamodb:us-east-1:1:table/orders-prod --s3-bucket b', { production: true }),
    ask('gcloud firestore export gs://b --project acme-prod', { production: true }),
    ask('gcloud sql export csv acme-shop-production gs://b/u.csv --query "select * from users"', { production: true }),
    ask('az sql db export --name shop --server prod-sql -g rg --storage-uri x', { production: true }),
    ask('doppler run -c prd -- gcloud sql export sql shop gs://b/x.sql', { production: true }),
    allow('gcloud sql export sql staging-db gs://bkt/d.sql'),
    allow('gcloud sql export sql mydb gs://bkt/d.sql'),
    allow('bq query --use_legacy_sql=false "select count(*) from prod.users"', { production: true }),
    allow('aws dynamodb scan --table-name acme-shop-production-users --select COUNT', { production: true }),
    allow('aws dynamodb scan --table-name acme-shop-production-users --max-items 10', { production: true }),
    allow('aws dynamodb scan --table-name users-dev'),
    allow('gcloud firestore export gs://b --project acme-dev'),
    allow('bq extract dev_ds.users gs://x/u.csv'),
  ]);

  loaders('every row of a production table, by a client anywhere or a driver one-liner, asks', [
    ask(`kubectl exec deploy/api -n production -- sh -c 'psql -c "select * from users"' > u.txt`, { production: true }),
    ask(`node -e "new (require('pg').Client)({host:'db.prod.acme.internal'}).connect().then(c=>c.query('select * from users'))"`, { production: true }),
    ask('psql -h db.prod.acme.internal -c "select * from users" > u.txt', { production: true }),
    ask('mysql -h db.prod.acme.internal -e "select * from orders" > o.tsv', { production: true }),
    ask(`ssh db.prod.acme.internal "psql -c 'select * from users'" > u.txt`, { production: true }),
    ask('dotenv -e .env.production -- psql -c "select * from users"', { production: true }),
    ask(`python3 -c "import psycopg2; c=psycopg2.connect(host='db.prod.acme.internal').cursor(); c.execute('SELECT * FROM orders'); print(c.fetchall())"`, { production: true }),
    ask(`kubectl exec deploy/api -n production -- psql -c 'copy users to stdout' > u.csv`, { production: true }),
    ask('psql -h db.prod.acme.internal -c "SELECT * FROM public.users;"', { production: true }),
    ask(`heroku run -a acme-production "psql \\$DATABASE_URL -c 'select * from users'"`, { production: true }),
    allow('psql -h pg-primary.prod.internal -U billing -d billing -c "SELECT code, price_cents FROM plans"', { production: true }),
    allow('psql -h db.prod.acme.internal -c "select * from users where id = 1"', { production: true }),
    allow('psql -h db.prod.acme.internal -c "select * from users limit 10"', { production: true }),
    allow('psql -h db.prod.acme.internal -c "select * from pg_stat_activity"', { production: true }),
    allow('psql -h db.staging.acme.internal -c "select * from users" > u.txt'),
    allow(`node -e "new (require('pg').Client)({host:'localhost'}).connect().then(c=>c.query('select * from users'))"`),
    allow('kubectl exec deploy/api -n production -- psql -c "select count(*) from users"', { production: true }),
  ]);
});

describe('s36 data25: migrations run backwards through a runner (frameworkApis.ts, projectLoaders railsRunner)', () => {
  loaders('framework APIs that roll back or drop the schema, in code a runner runs', [
    ask(`RAILS_ENV=production rails runner 'ActiveRecord::MigrationContext.new("db/migrate").migrate(0)'`, { production: true }),
    ask(`RAILS_ENV=production bin/rails r 'ActiveRecord::Base.connection.migration_context.rollback(5)'`, { production: true }),
    ask(`rails runner -e production 'ActiveRecord::Migrator.migrate("db/migrate", 0)'`, { production: true }),
    ask(`RAILS_ENV=production rails runner 'ActiveRecord::Tasks::DatabaseTasks.drop_current'`, { production: true }),
    ask(`RAILS_ENV=production bundle exec rails runner 'Rake::Task["db:drop"].invoke'`, { production: true }),
    ask(`RAILS_ENV=production rails runner 'ActiveRecord::MigrationContext.new("db/migrate").run(:down, 20240101)'`, { production: true }),
    ask(`RAILS_ENV=production rails runner 'ActiveRecord::Tasks::DatabaseTasks.purge_current'`, { production: true }),
    ask(`ruby -e 'ActiveRecord::MigrationContext.new("db/migrate").migrate(0)'`),
    ask(`RAILS_ENV=production rails runner 'ActiveRecord::Base.connection.migration_context.down(20240101)'`, { production: true }),
    ask(`RAILS_ENV=production rails runner 'ActiveRecord::Tasks::DatabaseTasks.truncate_all'`, { production: true }),
    allow(`RAILS_ENV=production rails runner 'puts User.count'`, { production: true }),
    allow(`rails runner 'ActiveRecord::MigrationContext.new("db/migrate").needs_migration?'`),
    ask('RAILS_ENV=production rails runner scripts/undo.rb', { production: true }),
    allow('rails runner scripts/report.rb'),
    allow(`bin/rails runner 'User.where(id: 1).first'`),
    allow('rails routes'),
  ]);
});

const home = decisionTable(perimeterFacts());

describe('s36 data25: listing the home folder for tokens (support/homeListings.ts, perimeter/windowTokens.ts)', () => {
  home('a recursive listing of home with dot folders shown asks; filtered for the window tokens it denies', [
    ask('tree -a ~', { says: /lists every file name under ~/ }),
    ask('find ~'),
    ask('find ~ -type f'),
    ask('ls -Ra ~'),
    ask('ls -laR $HOME'),
    ask('fd -H . ~'),
    ask('eza -aT ~'),
    ask('tree -a -L 3 ~'),
    ask('find / -type f'),
    ask(`find ~ -name '*.token'`, { says: /hunts for credential files by name/ }),
    ask(`find ~ -iname '*.token'`),
    ask(`find ~ -name '.vault-token'`),
    ask(`fd -H -g '*.token' . ~`),
    blocked('du -a ~ | grep ipc', { says: /window tokens/ }),
    blocked('tree -a ~ | grep window'),
    blocked('ls -Ra ~ | rg -i ipc'),
    blocked('find ~ -type f | grep ipc'),
    blocked('pt SECRET ~'),
    blocked('pt -i token $HOME'),
    allow('ls ~'),
    allow('ls -a ~'),
    allow('tree ~'),
    allow('du -sh ~'),
    // du is asked for sizes (round 7b keeps `du -a ~ | sort -n | tail` allowed); filtered for names it is a hunt (above);
    // printed whole it maps every name under home (round 27, s37PerimB.table.test.ts: `du -a ~` asks).
    allow('du -a ~ | sort -n | tail'),
    allow('tree -a -L 1 ~'),
    allow('find ~ -maxdepth 1'),
    allow('tree -a'),
    allow('du -a .'),
    allow('find . -type f'),
    allow('find ~ -name node_modules -prune'),
    allow("find . -name '*.ts'"),
    allow('ls -R ~'),
    allow('pt TODO src'),
    allow('fd -e ts -x grep -n token'),
    // A bare substring names tokenizer.ts and tokens.css too: not a hunt by name.
    allow(`find . -iname '*token*'`),
    allow('du -a ~ | grep -i token'),
    ask('du -a ~ | grep -i id_rsa'),
  ]);
});
