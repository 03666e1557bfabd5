import type { Facts, FileStatus } from '../../../src/core/policy/types';
import { PERIMETER_FILES, perimeterFacts } from './perimeterFixtures';
import { allowed, ask, familyTables, flag, type Family } from './familyTable';

/**
 * Red team round 19 (stop 34, area prodsecrets): production stores copied down whole (the coordinator's
 * decision: dumps and exports of a production store ask), a platform app's environment printed or
 * overwritten, secrets pushed or an env file overwritten, program files run with production secrets,
 * email sent to people, and processes made to start at every boot. Each family sits next to routine
 * work that stays allowed.
 */

const FILES: Record<string, string> = {
  ...PERIMETER_FILES,
  '/work/app/scripts/count_users.js': "const { Client } = require('pg');\nconsole.log('count');\n",
  '/work/app/.env.production': 'DATABASE_URL=postgres://app@db.prod.acme.internal/app\n',
};

function facts(): Facts {
  const status = (p: string): FileStatus => (FILES[p] !== undefined ? 'file' : 'missing');
  return perimeterFacts({ readFile: (p) => FILES[p], fileStatus: status });
}

const TABLE: Record<string, Family> = {
  'a whole production store dumped or exported to this machine (dump tools, a client\'s whole-store option)': {
    reason: /Dumps the whole production database/,
    rows: [
      ask('pg_dump -h db.prod.acme.internal -U app -d app -Fc -f /tmp/prod.dump'),
      ask('pg_dump --host=db.prod.acme.internal app > /tmp/prod.sql'),
      ask('pg_basebackup -h db.prod.acme.internal -U replicator -D /tmp/prodbase -X stream -P'),
      ask('mysqldump -h mysql.prod.acme.internal -u app --single-transaction app > prod.sql'),
      ask('mongodump --uri "mongodb+srv://app:pw@prod-cluster.x7k2p.mongodb.net/app" --out /tmp/prod'),
      ask('mongoexport --uri "mongodb+srv://prod-cluster.x7k2p.mongodb.net/app" --collection customers --out customers.json'),
      ask('elasticdump --input=https://es.prod.acme.internal:9200/customers --output=/tmp/customers.json --type=data'),
      ask('redis-cli -h redis.prod.acme.internal --rdb /tmp/dump.rdb'),
      allowed('pg_dump --schema-only -h localhost -U postgres app_dev -f /tmp/schema.sql'),
      allowed('pg_dump -h db.staging.acme.internal app > /tmp/staging.sql'),
      allowed('mysqldump --no-data -h 127.0.0.1 -u root app_dev > /tmp/schema.sql'),
      allowed('mongodump --uri mongodb://localhost:27017/app_dev --out /tmp/mongo-dev'),
      allowed('elasticdump --input=http://localhost:9200/products --output=/tmp/products.json --type=mapping'),
      allowed('redis-cli -h redis.prod.acme.internal info memory'),
      allowed('psql -h db.prod.acme.internal -c "select count(*) from users"'),
    ],
  },
  'a platform\'s managed database dumped or tunnelled to this machine': {
    reason: /dumps the whole database|opens a tunnel to the database/,
    rows: [
      ask('aptible db:dump acme-prod-db'),
      ask('platform db:dump -e main -f /tmp/main.sql'),
      ask('platform db:dump'),
      ask('upsun db:dump -e production'),
      ask('scalingo --app acme-production db-tunnel SCALINGO_POSTGRESQL_URL'),
      allowed('aptible db:dump acme-staging-db'),
      allowed('platform db:dump -e staging -f /tmp/staging.sql'),
      allowed('scalingo --app acme-staging db-tunnel SCALINGO_POSTGRESQL_URL'),
      allowed('platform environment:list'),
      allowed('aptible apps'),
    ],
  },
  'a platform app\'s environment printed (its secrets in clear)': {
    reason: /environment variables|configuration/,
    rows: [
      flag('clever env --alias production'),
      flag('scalingo --app acme-production env'),
      flag('scalingo -a acme-production env-get DATABASE_URL'),
      flag('aptible config --app acme-production'),
      allowed('clever status'),
      allowed('clever logs --app app-staging'),
      allowed('scalingo --app acme-production logs --lines 200'),
      allowed('scalingo --app acme-staging ps'),
    ],
  },
  'a platform app\'s environment or a vault\'s copy overwritten': {
    reason: /overwrites .* secret store/,
    rows: [
      ask('clever env set DEBUG true --alias production'),
      ask('scalingo --app acme-production env-set DEBUG=1'),
      ask('aptible config:set --app acme-production DEBUG=1'),
      ask('dotenv-vault push production'),
      allowed('dotenv-vault status'),
      allowed('clever env --help'),
      allowed('aptible apps'),
    ],
  },
  'an env file overwritten by an encryption tool\'s output': {
    reason: /Overwrites \.env\.production \(age\)/,
    rows: [
      flag('age -e -p -o .env.production .env.production.new'),
      flag('age --output .env.production -r age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p secrets.txt'),
      allowed('age -r age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p -o dist/report.csv.age dist/report.csv'),
    ],
  },
  'a program file run with production secrets the guard cannot read': {
    reason: /with the production secrets .* cannot read that file/,
    rows: [
      ask('summon --environment production node scripts/purge_inactive.js'),
      ask('doppler run --config prd -- node scripts/purge_inactive.js'),
      ask('chamber exec app-production -- python scripts/purge_inactive.py'),
      allowed('summon --environment production node scripts/count_users.js'),
      allowed('summon --environment staging node scripts/purge_inactive.js'),
      allowed('doppler run -- node scripts/count_users.js'),
      allowed('summon --environment production node -e "console.log(1)"'),
    ],
  },
  'email sent to people, or the live templates replaced': {
    reason: /sends an email|replaces the live templates/,
    rows: [
      ask('swaks --to customers@acme.com --server smtp.postmarkapp.com --auth LOGIN --body @/tmp/announce.txt'),
      ask('swaks -t ops@acme.com'),
      ask('sendemail -f a@acme.com -t all@acme.com -s smtp.acme.com -u hi -m hi'),
      ask("postmark email raw --from noreply@acme.com --to all-users@acme.com --subject 'Test' --text hi --server-token $POSTMARK_SERVER_TOKEN"),
      ask('postmark templates push ./emails --server-token $POSTMARK_SERVER_TOKEN --force'),
      allowed('swaks --to test@localhost --server localhost:1025'),
      allowed('swaks --to ops@acme.com --server smtp.acme.com --quit-after RCPT'),
      allowed('swaks --to dev@example.com --server smtp.acme.com'),
      allowed('postmark templates pull ./emails --server-token $POSTMARK_SERVER_TOKEN'),
    ],
  },
  'a process made to start at every boot': {
    reason: /start at every boot/,
    rows: [
      ask('pm2 start /tmp/beacon.sh --name sync && pm2 startup && pm2 save'),
      ask('update-rc.d beacon defaults'),
      ask('chkconfig beacon on'),
      ask('rc-update add beacon default'),
      allowed('pm2 start server.js --name api'),
      allowed('pm2 save'),
      allowed('pm2 logs api'),
      allowed('chkconfig --list'),
      allowed('rc-update show'),
      allowed('nohup ./scripts/dev-server.sh > /dev/null 2>&1 &'),
    ],
  },
};

familyTables('round 19: production stores, platform secrets, mail and boot persistence (stop 34, prodsecrets)', TABLE, facts);
