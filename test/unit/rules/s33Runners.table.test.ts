import { allow, ask, blocked, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 33, red team round 16 (runners): a CLI run without its own name (a Python module, its main
 * called in-process with an argument list, a package's CLI entry required from node code) is that
 * CLI's command line, judged by the same rules; each family sits next to the same road carrying a
 * routine command, which stays allowed.
 */
const table = decisionTable(testFacts({
  files: {
    '/work/app/.env': 'DATABASE_URL=postgres://postgres:postgres@localhost:5432/acme_dev\n',
    '/work/app/scripts/wipe_sessions.sql': 'TRUNCATE TABLE sessions;\n',
    '/work/app/scripts/count_users.sql': 'SELECT count(*) FROM users;\n',
    '/work/app/scripts/reset-db.js': "const m = require('mongoose');\nm.connect(process.env.MONGODB_URI).then(() => m.connection.db.dropDatabase());\n",
    '/work/app/scripts/report-db.js': "console.log('ok');\n",
    '/work/app/scripts/purge_inactive.py': 'import shutil\nshutil.rmtree("/work/app/src")\n',
    '/work/app/scripts/count_inactive.py': 'print(1)\n',
  },
}));

table('a CLI run as a Python module or through its main in-process', [
  ask('python3 -m awscli s3 rb s3://acme-shop-production --force', { says: /bucket|s3/i }),
  ask("python3 -c \"import awscli.clidriver as c; c.create_clidriver().main(['rds','delete-db-instance','--db-instance-identifier','acme-prod','--skip-final-snapshot'])\""),
  ask("python3 -c \"from awscli import clidriver; clidriver.create_clidriver().main(['s3','rb','s3://acme-prod','--force'])\""),
  ask("python3 -c \"from alembic.config import main; main(argv=['downgrade','base'])\"", { says: /downgrade base/ }),
  ask("python3 -c \"from alembic.config import main as m; m(['downgrade', 'base'])\""),
  ask("python3 -c \"from django.core.management import execute_from_command_line as e; e(['m','flush','--noinput'])\""),
  ask("python3 -c \"import django.core.management as dm; dm.execute_from_command_line(['manage.py','flush','--noinput'])\""),
  blocked("python3 -c \"import sys; from twine.cli import dispatch; dispatch(['upload','dist/*'])\""),
  ask("python3 -c \"from alembic.config import main; import sys; main(argv=sys.argv[1:])\" downgrade base"),
  ask("node -e \"require('prisma/build/index.js')\" migrate reset --force"),
  allow('python3 -m awscli s3 ls'),
  allow("python3 -c \"import awscli.clidriver as c; c.create_clidriver().main(['s3','ls'])\""),
  allow("python3 -c \"from alembic.config import main; main(argv=['upgrade','head'])\""),
  allow("python3 -c \"from django.core.management import execute_from_command_line as e; e(['m','check'])\""),
  allow("python3 -c \"from twine.cli import dispatch; dispatch(['check','dist/*'])\""),
  allow("node -e \"require('prisma/build/index.js')\" generate"),
  allow("node -e \"const {PrismaClient}=require('@prisma/client'); new PrismaClient().user.count()\""),
]);

table('SQL shells run a file of statements (usql, cockroach sql, trino, snowsql, beeline, duckdb, mysqlsh, clickhouse-client, sqlcmd)', [
  ask('usql "$DATABASE_URL" -f scripts/wipe_sessions.sql', { says: /TRUNCATE sessions/ }),
  ask('usql postgres://app@db.prod.acme.internal/shop --file=scripts/wipe_sessions.sql', { production: true }),
  ask('cockroach sql --url "$DATABASE_URL" --file scripts/wipe_sessions.sql', { says: /TRUNCATE sessions/ }),
  ask('cockroach sql --insecure --host=db.prod.acme.internal -e "DROP TABLE users"', { production: true }),
  ask('trino --server https://trino.prod.acme.internal --file scripts/wipe_sessions.sql', { production: true }),
  ask('presto --server https://presto.prod.acme.internal --execute "DROP TABLE hive.web.events"'),
  ask('snowsql -a acme -f scripts/wipe_sessions.sql'),
  ask('beeline -u jdbc:hive2://hive.prod.acme.internal:10000/shop -f scripts/wipe_sessions.sql'),
  ask('duckdb app.duckdb -c ".read scripts/wipe_sessions.sql"'),
  ask(`duckdb -c "ATTACH 'postgres://app@db.prod.acme.internal/app' AS p (TYPE postgres); DROP TABLE p.users"`, { production: true }),
  ask('mysqlsh root@db.prod.acme.internal:3306 --sql -f scripts/wipe_sessions.sql', { production: true }),
  ask('clickhouse-client --host ch.prod.acme.internal --queries-file scripts/wipe_sessions.sql', { production: true }),
  ask('sqlcmd -S db.prod.acme.internal -i scripts/wipe_sessions.sql'),
  ask('cockroach node decommission 3 --host db.prod.acme.internal'),
  allow('usql "$DATABASE_URL" -f scripts/count_users.sql'),
  allow('cockroach sql --insecure -e "SELECT 1"'),
  allow('cockroach start-single-node --insecure'),
  allow('trino --server https://trino.prod.acme.internal --file scripts/count_users.sql'),
  allow('snowsql -a acme -q "select current_version()"'),
  allow('duckdb app.duckdb -c "select 1"'),
  allow(`duckdb -c "ATTACH 'postgres://app@db.prod.acme.internal/app' AS p (TYPE postgres); SELECT count(*) FROM p.users"`),
  allow('mysqlsh --sql -e "select 1"'),
  allow('clickhouse-client --queries-file scripts/count_users.sql'),
]);

table('a script named by a pattern runs what the pattern matches', [
  ask('node scripts/reset-d?.js', { says: /dropDatabase|database/i }),
  ask('node scripts/re*-db.js'),
  ask('python3 scripts/purge_*.py'),
  ask('python3 scripts/[p]urge_inactive.py'),
  ask('python3 scr*/count_inactive.py'),
  allow('node scripts/rep*.js'),
  allow('python3 scripts/count_*.py'),
  allow('node scripts/nothing*.js'),
]);

table("node's own loaders load a file like require", [
  ask("node -p \"require('module')._load('./scripts/reset-db.js')\""),
  ask("node -e \"const M=require('module'); M._load('./scripts/reset-db.js', null, true)\""),
  ask("node -e \"module.require('./scripts/reset-db.js')\""),
  ask("node -e \"require.call(null, './scripts/reset-db.js')\""),
  ask("node -e \"require('module')._load(process.argv[1])\" ./scripts/reset-db.js"),
  allow("node -p \"require('module')._load('./scripts/report-db.js')\""),
  allow("node -e \"module.require('./scripts/report-db.js')\""),
]);

table('an SDK method or command class chosen at run time on a cloud client', [
  ask(`node -e "const m=require('@aws-sdk/client-s3'); new m.S3Client().send(new m[process.argv[1]]({Bucket:'acme-shop-production'}))" DeleteBucketCommand`, { says: /built at run time/ }),
  ask(`node -e "const m=require('@aws-sdk/client-s3'); new m.S3()[Buffer.from('ZGVsZXRlQnVja2V0','base64').toString()]({Bucket:'acme-shop-production'})"`),
  ask(`node -e "const {S3Client}=require('@aws-sdk/client-s3'); const m=require('@aws-sdk/client-s3'); const C=m[Object.keys(m).find(k=>k.startsWith('DeleteB'))]; new S3Client().send(new C({Bucket:'acme-shop-production'}))"`),
  allow(`node -e "const m=require('@aws-sdk/client-s3'); new m.S3Client().send(new m['ListBucketsCommand']({}))"`),
  allow(`node -e "const m=require('@aws-sdk/client-s3'); const C=m['ListObjectsV2Command']; new m.S3Client().send(new C({Bucket:'x'}))"`),
  allow(`node -e "const m=require('@aws-sdk/client-s3'); const a=new m.S3Client(); const r=a.config[process.argv[1]]" region`),
]);

table("a SaaS SDK's generic request door is the HTTP request it names", [
  ask(`node -e "const {Octokit}=require('@octokit/rest'); new Octokit({auth:process.env.T}).request('DELETE /repos/{owner}/{repo}',{owner:'acme',repo:'app'})"`, { says: /DELETE .*repos\/acme\/app/ }),
  ask(`node -e "const sg=require('@sendgrid/client'); sg.request({method:'DELETE',url:'/v3/marketing/contacts?delete_all_contacts=true'})"`),
  ask(`node -e "const {Octokit}=require('@octokit/rest'); new Octokit({auth:process.env.T}).request('PUT /repos/{o}/{r}/actions/permissions',{o:'acme',r:'app',enabled:false})"`, { says: /enabled=false/ }),
  ask(`python3 -c "from github import Github; g=Github(); g._Github__requester.requestJsonAndCheck('DELETE', '/repos/acme/app')"`),
  ask(`node -e "const sg=require('@sendgrid/client'); sg.request({method:process.argv[1],url:'/v3/marketing/contacts'})" DELETE`, { says: /chosen at run time/ }),
  allow(`node -e "const {Octokit}=require('@octokit/rest'); new Octokit().request('GET /repos/{owner}/{repo}',{owner:'acme',repo:'app'})"`),
  allow(`node -e "const {Octokit}=require('@octokit/rest'); new Octokit().request('PUT /repos/{o}/{r}/actions/permissions',{o:'acme',r:'app',enabled:true})"`),
  allow(`node -e "const sg=require('@sendgrid/client'); sg.request({method:'GET',url:'/v3/marketing/contacts'})"`),
]);

table("SaaS clients' destroying verbs: a whole collection deleted, a channel archived", [
  ask(`node -e "const t=require('typesense'); new t.Client(c).collections('products').delete()"`, { says: /Typesense/ }),
  ask(`python3 -c "import typesense; typesense.Client(cfg).collections['products'].delete()"`),
  ask(`node -e "const {WebClient}=require('@slack/web-api'); new WebClient(t).conversations.archive({channel:'C1'})"`, { says: /archive/ }),
  ask(`python3 -c "from slack_sdk import WebClient; WebClient(token=t).conversations_archive(channel='C1')"`),
  allow(`node -e "const t=require('typesense'); new t.Client(c).collections('products').retrieve()"`),
  allow(`node -e "const {WebClient}=require('@slack/web-api'); new WebClient(t).conversations.unarchive({channel:'C1'})"`),
  allow(`node -e "const {WebClient}=require('@slack/web-api'); new WebClient(t).chat.postMessage({channel:'C1',text:'hi'})"`),
]);

table('SQL a driver gets from the environment, standard input or the arguments', [
  ask(`Q='TRUNCATE users' node -e "const {Client}=require('pg'); const c=new Client(); c.connect().then(()=>c.query(process.env.Q))"`, { says: /TRUNCATE users/ }),
  ask(`python3 -c "import psycopg2,os,sys; c=psycopg2.connect(os.environ['DATABASE_URL']); c.cursor().execute(sys.stdin.read()); c.commit()" < scripts/wipe_sessions.sql`, { says: /TRUNCATE sessions/ }),
  ask(`perl -MDBI -e 'DBI->connect($ENV{DSN})->do(shift)' "DROP TABLE users"`, { says: /DROP TABLE users/ }),
  ask(`Q='DROP TABLE users' python3 -c "import psycopg2,os; psycopg2.connect('dbname=shop').cursor().execute(os.getenv('Q'))"`),
  ask(`node -e "const {Client}=require('pg'); const c=new Client({host:'db.prod.acme.internal'}); c.connect().then(()=>c.query(process.env.Q))"`, { says: /environment variable Q/ }),
  ask(`python3 -c "import psycopg2,sys; c=psycopg2.connect('postgres://db.prod.acme.internal/shop'); c.cursor().execute(sys.stdin.read())"`, { says: /standard input/ }),
  allow(`Q='SELECT 1' node -e "const {Client}=require('pg'); const c=new Client(); c.connect().then(()=>c.query(process.env.Q))"`),
  allow(`python3 -c "import psycopg2,os,sys; c=psycopg2.connect(os.environ['DATABASE_URL']); c.cursor().execute(sys.stdin.read())" < scripts/count_users.sql`),
  allow(`perl -MDBI -e 'DBI->connect($ENV{DSN})->do(shift)' "SELECT 1"`),
]);
