import type { Facts, FileStatus } from '../../../src/core/policy/types';
import { PERIMETER_FILES, perimeterFacts } from './perimeterFixtures';
import { allowed, ask, familyTables, type Family } from './familyTable';

/**
 * Red team round 21 (stop 35, area dataroads): production data reached by roads the database rules did
 * not read. A framework's migration or task command called through its API, a whole-store dump whose
 * production host comes from the environment or runs on the remote side, a platform's whole-database
 * copy, an unfiltered table exported to a file, a production Redis server's administration, and an
 * interactive database shell on production. Each family sits next to routine work that stays allowed.
 */

const FILES: Record<string, string> = {
  ...PERIMETER_FILES,
  '/work/app/.env': 'DATABASE_URL=postgres://postgres:postgres@localhost:5432/acme_dev\nREDIS_URL=redis://localhost:6379\n',
  '/work/app/.env.production': 'DATABASE_URL=postgres://app@db.prod.acme.internal/app\n',
  '/work/app/.env.staging': 'DATABASE_URL=postgres://app@db.staging.acme.internal/app\n',
};

function facts(): Facts {
  const status = (p: string): FileStatus => (FILES[p] !== undefined ? 'file' : 'missing');
  return perimeterFacts({ readFile: (p) => FILES[p], fileStatus: status });
}

const py = (code: string): string => `python3 -c "${code}"`;
const rb = (code: string): string => `ruby -e "${code}"`;

const TABLE: Record<string, Family> = {
  'a framework migration or task command called through its API (judged like its command line)': {
    reason: /reverts every migration|reverts migrations|drops or empties|drops every table/,
    rows: [
      ask(py("from alembic import command; from alembic.config import Config; command.downgrade(Config('alembic.ini'), 'base')")),
      ask(py("import alembic.command as ac; ac.downgrade(cfg, revision='base')")),
      ask(py("from alembic.command import downgrade as dg; dg(cfg, 'base')")),
      ask(py("from alembic import command as c; c.downgrade(cfg, '-1')")),
      ask(py("import runpy, sys; sys.argv=['alembic','downgrade','base']; runpy.run_module('alembic', run_name='__main__')")),
      allowed(py("from alembic import command; from alembic.config import Config; command.upgrade(Config('alembic.ini'), 'head')")),
      allowed(py("from alembic import command; command.history(cfg)")),
      ask(py("from flask_migrate import downgrade; downgrade(revision='base')")),
      ask(py("import flask_migrate; flask_migrate.downgrade('migrations', 'base')")),
      allowed(py("from flask_migrate import current; current()")),
      ask(py("from django.core.management import call_command as cc; cc('migrate', 'app', 'zero')")),
      ask(py("from django.core.management import call_command; call_command('migrate', 'billing', 'zero', interactive=False)")),
      ask(py("from django.core import management; management.call_command('flush', interactive=False)")),
      ask(py("import django.core.management; django.core.management.call_command('reset_db')")),
      ask(py("from django.core.management import execute_from_command_line; execute_from_command_line(['manage.py', 'flush', '--noinput'])")),
      ask(py("import runpy, sys; sys.argv=['manage.py','flush','--noinput']; runpy.run_path('manage.py', run_name='__main__')")),
      allowed(py("from django.core.management import call_command; call_command('check')")),
      allowed(py("from django.core.management import call_command as cc; cc('showmigrations')")),
      ask(rb("require './config/environment'; Rake::Task['db:drop'].invoke")),
      ask(rb("Rails.application.load_tasks; Rake::Task[:'db:schema:load'].invoke")),
      ask(rb("Rails.application.load_tasks; Rake::Task['db:purge'].execute")),
      ask(rb("require 'rake'; Rake.application.invoke_task('db:reset')")),
      ask(rb("Rails::Command.invoke('db:drop')")),
      allowed(rb("Rails.application.load_tasks; Rake::Task['assets:precompile'].invoke")),
      ask(`php -r "Artisan::call('migrate:fresh', ['--force' => true]);"`),
      allowed(`php -r "Artisan::call('route:list');"`),
      ask(`node -e "const { Umzug } = require('umzug'); const umzug = new Umzug(cfg); umzug.down({ to: 0 })"`),
      allowed(`node -e "const { Umzug } = require('umzug'); const umzug = new Umzug(cfg); umzug.up()"`),
    ],
  },
  'a production Redis server administered (persistence, configuration, replication) read as a query': {
    reason: /Changes the users, durability or sessions of the production database|SHUTDOWN/,
    rows: [
      ask('redis-cli -h cache.prod.acme.internal -p 6380 SAVE'),
      ask('redis-cli -h cache.prod.acme.internal bgsave'),
      ask('redis-cli -u redis://cache.prod.acme.internal:6379 BGREWRITEAOF'),
      ask('redis-cli -h cache.prod.acme.internal CONFIG SET maxclients 1'),
      ask('redis-cli -h cache.prod.acme.internal config rewrite'),
      ask('redis-cli -h cache.prod.acme.internal CONFIG RESETSTAT'),
      ask('redis-cli -h cache.prod.acme.internal DEBUG OBJECT session:1'),
      ask('redis-cli -h cache.prod.acme.internal REPLICAOF NO ONE'),
      ask('redis-cli -h cache.prod.acme.internal SHUTDOWN'),
      ask('valkey-cli -h cache.prod.acme.internal save'),
      ask('keydb-cli -h cache.prod.acme.internal BGSAVE SCHEDULE'),
      ask("redis-cli -h cache.prod.acme.internal <<< 'BGSAVE'"),
      allowed('redis-cli -h cache.prod.acme.internal INFO persistence'),
      allowed('redis-cli -h cache.prod.acme.internal GET feature:checkout'),
      allowed('redis-cli -h cache.prod.acme.internal SCAN 0 MATCH session:* COUNT 100'),
      allowed('redis-cli -h cache.prod.acme.internal CONFIG GET maxmemory'),
      allowed('redis-cli -h cache.prod.acme.internal LASTSAVE'),
      allowed('redis-cli -h localhost SAVE'),
      allowed('redis-cli CONFIG SET maxmemory 2gb'),
    ],
  },
  'an interactive database shell opened on production (its statements run unchecked)': {
    reason: /Opens an interactive \w+ shell on the production database/,
    rows: [
      ask('psql -h db.prod.acme.internal -U app app'),
      ask('psql postgres://app@db.prod.acme.internal/app'),
      ask('psql "host=db.prod.acme.internal dbname=app user=app"'),
      ask('PGHOST=db.prod.acme.internal psql app'),
      ask('psql --host=db.prod.acme.internal --dbname=app --quiet'),
      ask('mysql -h mysql.prod.acme.internal -u app app'),
      ask('mariadb --host mysql.prod.acme.internal app'),
      ask('mongosh "mongodb+srv://app@prod-cluster.x7k2p.mongodb.net/app"'),
      ask('mongosh --host prod-cluster.x7k2p.mongodb.net'),
      ask('redis-cli -h cache.prod.acme.internal'),
      ask('redis-cli -u redis://cache.prod.acme.internal:6379 --no-auth-warning'),
      ask('heroku pg:psql -a acme-shop-production'),
      ask('heroku redis:cli -a acme-shop-production'),
      ask('fly postgres connect -a acme-db-production'),
      ask('railway connect postgres -e production'),
      ask('pscale shell acme main'),
      allowed('psql -h db.prod.acme.internal -c "select count(*) from users"'),
      allowed('psql -h db.prod.acme.internal -l'),
      allowed('psql -h localhost -U postgres acme_dev'),
      allowed('psql'),
      allowed('psql -h db.staging.acme.internal app'),
      allowed('mysql -h 127.0.0.1 -u root app_dev'),
      allowed('mysql -h mysql.prod.acme.internal -V'),
      allowed('mongosh mongodb://localhost:27017/app_dev'),
      allowed('redis-cli'),
      allowed('redis-cli -h cache.prod.acme.internal --scan --pattern "cart:*"'),
      allowed('redis-cli -h cache.prod.acme.internal --stat'),
      allowed('heroku pg:psql -a acme-shop-production -c "select count(*) from users"'),
      allowed('heroku pg:psql -a acme-shop-staging'),
      allowed('pscale shell acme dev-branch'),
      // Round 25 (stop 36): the linked environment is production unless named (Railway's first environment).
      ask('railway connect postgres'),
      allowed('railway connect postgres -e staging'),
      allowed('fly postgres connect -a acme-db'),
      allowed('psql "$DATABASE_URL"'),
    ],
  },
  'a whole-store dump whose server comes from the environment or that runs on the remote side': {
    reason: /Dumps the whole production database/,
    rows: [
      ask('PGHOST=db.prod.acme.internal pg_dump app > /tmp/d.sql'),
      ask('PGHOST=db.prod.acme.internal PGUSER=app pg_dumpall > /tmp/all.sql'),
      ask('MYSQL_HOST=mysql.prod.acme.internal mysqldump app > /tmp/d.sql'),
      ask('env PGHOST=db.prod.acme.internal pg_dump -Fc app -f /tmp/d.dump'),
      ask('dotenv -e .env.production -- pg_dump -f /tmp/d.sql'),
      ask('dotenvx run -f .env.production -- pg_dump -f /tmp/d.sql'),
      ask('doppler run -c prd -- mysqldump app > /tmp/d.sql'),
      ask('railway run pg_dump > /tmp/d.sql'),
      ask('railway run -e production -- mongodump --out /tmp/m'),
      ask('ssh db.prod.acme.internal pg_dump app > /tmp/d.sql'),
      ask("ssh db.prod.acme.internal 'pg_dump app | gzip' > /tmp/d.sql.gz"),
      ask('kubectl --context acme-shop-production exec deploy/postgres -- pg_dump app > /tmp/d.sql'),
      ask('kubectl --context acme-shop-production exec -i statefulset/mysql -- mysqldump --all-databases > /tmp/all.sql'),
      allowed('pg_dump app > /tmp/local.sql'),
      allowed('PGHOST=localhost pg_dump app > /tmp/local.sql'),
      allowed('dotenv -e .env -- pg_dump -f /tmp/local.sql'),
      allowed('dotenv -e .env.staging -- pg_dump -f /tmp/staging.sql'),
      allowed('doppler run -c dev -- mysqldump app > /tmp/dev.sql'),
      allowed('kubectl --context kind-dev exec deploy/postgres -- pg_dump app > /tmp/dev.sql'),
      allowed('docker compose exec db pg_dump -U postgres app > /tmp/dev.sql'),
      allowed('pg_dump --schema-only -h localhost -U postgres app_dev -f /tmp/schema.sql'),
    ],
  },
  'a platform command that copies a whole production database': {
    reason: /dumps the whole database|copies the whole database|downloads \(or links to\) a whole backup/,
    rows: [
      ask('heroku pg:pull DATABASE_URL localdb -a acme-shop-production'),
      ask('heroku pg:pull HEROKU_POSTGRESQL_RED postgres://localhost/mirror --app acme-shop-production'),
      ask('heroku pg:backups:download -a acme-shop-production'),
      ask('heroku pg:backups:url b101 --app acme-shop-production'),
      ask('heroku pg:backups:public-url --app acme-shop-production'),
      ask('pscale database dump acme main --output /tmp/d'),
      ask('supabase db dump --db-url postgres://app@db.prod.acme.internal/app -f /tmp/prod.sql'),
      ask('heroku pg:backups:download b101 -a acme-shop-production -o /tmp/latest.dump'),
      ask('heroku pg:pull HEROKU_POSTGRESQL_RED mirror --app acme-shop-production --exclude-table-data logs'),
      ask('pscale database dump acme main --tables users,orders'),
      allowed('heroku pg:info -a acme-shop-production'),
      allowed('heroku pg:backups:capture -a acme-shop-production'),
      // Stop 38 (round 27): the linked project is the hosted one, production unless named otherwise (s38Floor.table.test.ts).
      ask('supabase db dump --linked -f supabase/backup.sql'),
      allowed('heroku pg:backups -a acme-shop-production'),
      allowed('heroku pg:pull DATABASE_URL localdb -a acme-shop-staging'),
      allowed('supabase db dump --local -f /tmp/local.sql'),
      allowed('supabase db dump --db-url postgres://postgres@localhost:54322/postgres -f /tmp/local.sql'),
      allowed('pscale database list'),
    ],
  },
  'an unfiltered table export from production (a dump by another name)': {
    reason: /Dumps the whole production|Exports a whole table of the production/,
    rows: [
      ask(`psql -h db.prod.acme.internal -U app app -c "\\copy users to '/tmp/u.csv' csv"`),
      ask(`psql -h db.prod.acme.internal app -c "\\copy public.users (id, email) to stdout" > /tmp/u.csv`),
      ask(`psql -h db.prod.acme.internal app -c "\\copy (select * from users) to '/tmp/u.csv'"`),
      ask('psql -h db.prod.acme.internal app -c "COPY users TO STDOUT WITH CSV HEADER" > /tmp/u.csv'),
      ask(`psql postgres://app@db.prod.acme.internal/app <<< "\\copy orders to '/tmp/o.csv'"`),
      ask(`duckdb -c "ATTACH 'host=db.prod.acme.internal dbname=app' AS p (TYPE postgres); COPY p.users TO '/tmp/u.parquet'"`),
      ask(`duckdb -c "ATTACH 'postgres://app@db.prod.acme.internal/app' AS p (TYPE postgres); EXPORT DATABASE p TO '/tmp/all'"`),
      ask(`mysql -h mysql.prod.acme.internal app -e "SELECT * FROM users INTO OUTFILE '/tmp/u.csv'"`),
      ask('mysqlsh --uri app@db.prod.acme.internal -- util dump-instance /tmp/dump'),
      ask('mysqlsh app@db.prod.acme.internal -- util export-table app.users /tmp/u.tsv'),
      ask(`mysqlsh app@db.prod.acme.internal --py -e "util.dump_schemas(['app'], '/tmp/d')"`),
      ask(py("import psycopg2; c=psycopg2.connect(host='db.prod.acme.internal', dbname='app').cursor(); c.copy_expert('COPY users TO STDOUT', open('/tmp/u','w'))")),
      ask(py("import psycopg2; c=psycopg2.connect('postgres://app@db.prod.acme.internal/app').cursor(); c.copy_to(open('/tmp/u','w'), 'users')")),
      ask(py("import psycopg, os; c=psycopg.connect(os.environ['PROD_DATABASE_URL']).cursor(); c.copy('COPY users TO STDOUT')")),
      ask('mongoexport --uri mongodb+srv://prod-cluster.x7k2p.mongodb.net/app -c users -o /tmp/u.json'),
      allowed('psql -h db.prod.acme.internal app -c "select count(*) from users"'),
      allowed(`psql -h db.prod.acme.internal app -c "\\copy (select id, email from users where created_at > now() - interval '1 day') to '/tmp/new.csv'"`),
      allowed(`psql -h db.prod.acme.internal app -c "\\copy users from '/tmp/u.csv'"`),
      allowed(`psql -c "\\copy users to '/tmp/u.csv'"`),
      allowed(`psql -h localhost acme_dev -c "COPY users TO STDOUT" > /tmp/u.csv`),
      allowed(`duckdb -c "ATTACH 'host=localhost dbname=app_dev' AS p (TYPE postgres); COPY p.users TO '/tmp/u.parquet'"`),
      allowed(`duckdb local.duckdb -c "COPY users TO 'users.parquet'"`),
      allowed('mysqlsh app@localhost -- util dump-instance /tmp/dump'),
      allowed(py("import psycopg2; c=psycopg2.connect(host='localhost', dbname='app_dev').cursor(); c.copy_expert('COPY users TO STDOUT', open('/tmp/u','w'))")),
    ],
  },
};

familyTables('round 21: production data by other roads (stop 35, dataroads)', TABLE, facts);
