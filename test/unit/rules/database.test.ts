import { strict as assert } from 'node:assert';
import { databasePack } from '../../../src/core/rules/database';
import { scanSql, splitSql, scanMongo, scanRedis } from '../../../src/core/rules/support/sqlScan';
import { environmentOf } from '../../../src/core/policy/production';
import type { CodeSnippet, Facts, Finding, Invocation, RuleContext } from '../../../src/core/policy/types';
import { invocation, testFacts } from '../support/policyFixtures';
import { commandText } from '../support/commandText';
import { runPack } from '../support/packRun';

function context(facts: Facts, inv?: Invocation): RuleContext {
  return { facts, environmentOf: (h) => environmentOf(h, facts, { assignments: inv?.assignments }) };
}

/** The pack's findings through the engine's real path: the invocation as the command line it stands for. */
function run(inv: Invocation, facts: Facts = testFacts()): Finding[] {
  return runPack(databasePack, commandText(inv), facts).findings;
}

type Expect = 'none' | 'ask' | 'info';
function worst(findings: Finding[]): Expect {
  if (findings.some((f) => f.severity === 'ask' || f.severity === 'deny')) return 'ask';
  if (findings.some((f) => f.severity === 'info')) return 'info';
  return 'none';
}

const files = testFacts({
  files: {
    '/work/app/drop.sql': 'BEGIN;\nDROP TABLE users;\nCOMMIT;',
    '/work/app/report.sql': "SELECT count(*) FROM users WHERE name = 'drop table x';",
    '/work/app/wipe.js': 'db.orders.deleteMany({})',
  },
});

const heredoc = (argv: string[], text: string, extra: Partial<Invocation> = {}): Invocation => invocation(argv, { stdin: { kind: 'heredoc', text }, ...extra });

// [invocation, expected, environment of the first target when not 'none']
const cases: Array<[string, Invocation, Expect, string?]> = [
  ['psql -c DROP TABLE', invocation(['psql', '-c', 'DROP TABLE users']), 'ask', 'local'],
  ['psql -c drop table lower case', invocation(['psql', '-c', 'drop table if exists users cascade']), 'ask', 'local'],
  ['psql --command=TRUNCATE', invocation(['psql', '--command=TRUNCATE orders']), 'ask', 'local'],
  ['psql DELETE without WHERE', invocation(['psql', 'app', '-c', 'DELETE FROM users']), 'ask', 'local'],
  ['psql DELETE WHERE 1=1', invocation(['psql', '-c', 'DELETE FROM users WHERE 1=1']), 'ask', 'local'],
  ['psql UPDATE without WHERE', invocation(['psql', '-c', "UPDATE users SET email = 'x'"]), 'ask', 'local'],
  ['psql ALTER TABLE DROP COLUMN', invocation(['psql', '-c', 'ALTER TABLE users DROP COLUMN email']), 'ask', 'local'],
  ['psql DROP DATABASE', invocation(['psql', '-c', 'DROP DATABASE app']), 'ask', 'local'],
  ['psql DROP SCHEMA', invocation(['psql', '-c', 'DROP SCHEMA public CASCADE']), 'ask', 'local'],
  ['psql second statement', invocation(['psql', '-c', 'SELECT 1; DROP TABLE x']), 'ask', 'local'],
  ['psql prod URL drop', invocation(['psql', 'postgres://u:pw@db.prod.example.com/app', '-c', 'DROP TABLE users']), 'ask', 'production'],
  ['psql unknown remote host', invocation(['psql', '-h', 'db.example.com', '-c', 'DROP TABLE users']), 'ask', 'unknown'],
  ['psql staging host', invocation(['psql', '-h', 'staging-db.internal', '-c', 'TRUNCATE t']), 'ask', 'non-production'],
  ['psql localhost', invocation(['psql', '-h', 'localhost', '-c', 'DROP TABLE t']), 'ask', 'local'],
  ['psql $DATABASE_URL', invocation(['psql', '$DATABASE_URL', '-c', 'DROP TABLE t']), 'ask', 'unknown'],
  ['psql $PROD_DATABASE_URL', invocation(['psql', '$PROD_DATABASE_URL', '-c', 'DROP TABLE t']), 'ask', 'production'],
  ['psql PGHOST prefix', invocation(['psql', '-c', 'DROP TABLE t'], { assignments: { PGHOST: 'pg.production.acme.io' } }), 'ask', 'production'],
  ['psql -d conninfo', invocation(['psql', '-d', 'host=db.prod.acme.io dbname=app', '-c', 'DELETE FROM a']), 'ask', 'production'],
  ['psql -f drop.sql', invocation(['psql', '-f', 'drop.sql']), 'ask', 'local'],
  ['psql < drop.sql (stdin file)', invocation(['psql'], { stdin: { kind: 'file', path: 'drop.sql' } }), 'ask', 'local'],
  ['psql < drop.sql (redirect)', invocation(['psql'], { redirects: [{ op: '<', target: { text: 'drop.sql', raw: 'drop.sql', dynamic: false, glob: false } }] }), 'ask', 'local'],
  ['psql -f missing.sql', invocation(['psql', '-f', 'missing.sql']), 'ask'],
  ['psql heredoc', heredoc(['psql', 'app'], 'DROP TABLE users;'), 'ask', 'local'],
  ['psql here-string', invocation(['psql'], { stdin: { kind: 'herestring', text: 'TRUNCATE t' } }), 'ask', 'local'],
  ['echo DROP | psql', invocation(['psql'], { stdin: { kind: 'pipe', from: invocation(['echo', 'DROP TABLE users']) } }), 'ask', 'local'],
  ['cat drop.sql | psql', invocation(['psql'], { stdin: { kind: 'pipe', from: invocation(['cat', 'drop.sql']) } }), 'ask', 'local'],
  ['generator | psql', invocation(['psql'], { stdin: { kind: 'pipe', from: invocation(['./gen']) } }), 'ask'],
  ['mysql -e DROP', invocation(['mysql', '-u', 'root', '-psecretpw', '-e', 'DROP DATABASE shop']), 'ask', 'local'],
  ['mysql --execute', invocation(['mysql', '--execute=TRUNCATE TABLE orders', 'shop']), 'ask', 'local'],
  ['mysql -h prod', invocation(['mysql', '-h', 'mysql-prod.acme.io', '-e', 'DELETE FROM orders']), 'ask', 'production'],
  ['mysql heredoc', heredoc(['mysql', 'shop'], 'drop table orders;'), 'ask', 'local'],
  ['mariadb -e', invocation(['mariadb', '-e', 'DROP TABLE a']), 'ask', 'local'],
  ['sqlite3 db sql', invocation(['sqlite3', 'app.db', 'DROP TABLE users']), 'ask', 'local'],
  ['sqlite3 heredoc', heredoc(['sqlite3', 'app.db'], 'DELETE FROM users;'), 'ask', 'local'],
  ['mongosh --eval dropDatabase', invocation(['mongosh', '--eval', 'db.dropDatabase()']), 'ask', 'local'],
  ['mongosh remote drop', invocation(['mongosh', 'mongodb+srv://u:p@cluster0.prod.mongodb.net/shop', '--eval', 'db.orders.drop()']), 'ask', 'production'],
  ['mongosh deleteMany({})', invocation(['mongosh', '--eval', 'db.users.deleteMany({})']), 'ask', 'local'],
  ['mongo remove({})', invocation(['mongo', 'shop', '--eval', 'db.users.remove({})']), 'ask', 'local'],
  ['mongosh file.js', invocation(['mongosh', 'wipe.js']), 'ask', 'local'],
  ['mongosh heredoc', heredoc(['mongosh'], 'use shop\ndb.dropDatabase()'), 'ask', 'local'],
  ['redis-cli FLUSHALL', invocation(['redis-cli', 'FLUSHALL']), 'ask', 'local'],
  ['redis-cli flushdb remote', invocation(['redis-cli', '-h', 'cache.prod.acme.io', 'flushdb']), 'ask', 'production'],
  ['redis-cli -u url', invocation(['redis-cli', '-u', 'redis://default:pw@redis.example.com:6379', 'FLUSHALL']), 'ask', 'unknown'],
  ['redis-cli heredoc', heredoc(['redis-cli'], 'SELECT 2\nFLUSHDB\n'), 'ask', 'local'],
  ['dropdb', invocation(['dropdb', 'app_dev']), 'ask', 'local'],
  ['dropdb remote', invocation(['dropdb', '-h', 'db.prod.acme.io', 'app']), 'ask', 'production'],
  ['pg_restore --clean', invocation(['pg_restore', '--clean', '-d', 'app', 'dump.sql']), 'ask', 'local'],
  ['mysqladmin drop', invocation(['mysqladmin', '-u', 'root', 'drop', 'shop']), 'ask', 'local'],
  // frameworks
  ['prisma migrate reset', invocation(['prisma', 'migrate', 'reset', '--force']), 'ask', 'unknown'],
  ['npx prisma migrate reset', invocation(['npx', 'prisma', 'migrate', 'reset']), 'ask', 'unknown'],
  ['pnpm exec prisma db push --accept-data-loss', invocation(['pnpm', 'exec', 'prisma', 'db', 'push', '--accept-data-loss']), 'ask', 'unknown'],
  ['prisma migrate reset on localhost', invocation(['prisma', 'migrate', 'reset'], { assignments: { DATABASE_URL: 'postgresql://u:p@localhost:5432/app' } }), 'ask', 'local'],
  ['rails db:drop', invocation(['rails', 'db:drop']), 'ask', 'non-production'],
  ['bin/rails db:reset RAILS_ENV=production', invocation(['bin/rails', 'db:reset'], { assignments: { RAILS_ENV: 'production' } }), 'ask', 'production'],
  ['rake db:schema:load RAILS_ENV=production arg', invocation(['rake', 'db:schema:load', 'RAILS_ENV=production']), 'ask', 'production'],
  ['bundle exec rails db:drop -e staging', invocation(['bundle', 'exec', 'rails', 'db:drop', '-e', 'staging']), 'ask', 'non-production'],
  ['rails db:drop with ambient RAILS_ENV', invocation(['rails', 'db:drop']), 'ask', 'non-production'],
  ['python manage.py flush', invocation(['python', 'manage.py', 'flush', '--noinput']), 'ask', 'unknown'],
  ['./manage.py reset_db', invocation(['./manage.py', 'reset_db']), 'ask', 'unknown'],
  ['knex migrate:rollback --all', invocation(['knex', 'migrate:rollback', '--all', '--env', 'production']), 'ask', 'production'],
  ['npx sequelize-cli db:drop', invocation(['npx', 'sequelize-cli', 'db:drop']), 'ask', 'non-production'],
  ['typeorm schema:drop', invocation(['npx', 'typeorm', 'schema:drop', '-d', 'src/data-source.ts']), 'ask', 'unknown'],
  // read-only and benign
  ['psql -c SELECT local', invocation(['psql', '-c', 'SELECT * FROM users']), 'none'],
  ['psql SELECT on prod', invocation(['psql', 'postgres://ro@db.prod.example.com/app', '-c', 'SELECT count(*) FROM users']), 'info', 'production'],
  // Stop 35 (round 21): an interactive shell on production runs what is typed there unchecked, like `docker exec -it … bash`.
  ['psql interactive prod', invocation(['psql', '-h', 'db.production.acme.io']), 'ask', 'production'],
  ['psql -l on prod (lists and exits)', invocation(['psql', '-h', 'db.production.acme.io', '-l']), 'info', 'production'],
  ['psql -f report.sql', invocation(['psql', '-f', 'report.sql']), 'none'],
  ['psql UPDATE with WHERE', invocation(['psql', '-c', "UPDATE users SET name = 'x' WHERE id = 3"]), 'none'],
  ['psql DELETE with WHERE', invocation(['psql', '-c', 'DELETE FROM sessions WHERE expires < now()']), 'none'],
  ['psql string containing drop', invocation(['psql', '-c', "INSERT INTO notes VALUES ('DROP TABLE x; TRUNCATE y')"]), 'none'],
  ['psql comment containing drop', invocation(['psql', '-c', '-- DROP TABLE x\nSELECT 1']), 'none'],
  ['psql CREATE TABLE', invocation(['psql', '-c', 'CREATE TABLE t (id int)']), 'none'],
  ['mysql SELECT', invocation(['mysql', '-e', 'SHOW TABLES']), 'none'],
  ['sqlite3 .tables', invocation(['sqlite3', 'app.db', '.tables']), 'none'],
  ['redis-cli GET', invocation(['redis-cli', 'GET', 'flushall-count']), 'none'],
  // Round 25 (stop 36): an admin read of the whole production server asks (support/redisAdminReads.ts).
  ['redis-cli KEYS on prod', invocation(['redis-cli', '-h', 'cache.prod.acme.io', 'KEYS', '*']), 'ask', 'production'],
  ['mongosh find', invocation(['mongosh', '--eval', 'db.users.find({})']), 'none'],
  ['mongosh deleteMany with filter', invocation(['mongosh', '--eval', 'db.users.deleteMany({ age: { $lt: 1 } })']), 'none'],
  ['prisma migrate dev', invocation(['npx', 'prisma', 'migrate', 'dev']), 'none'],
  ['prisma generate', invocation(['prisma', 'generate']), 'none'],
  ['rails db:migrate', invocation(['rails', 'db:migrate']), 'none'],
  ['python manage.py migrate', invocation(['python', 'manage.py', 'migrate']), 'none'],
  ['python script.py', invocation(['python', 'script.py']), 'none'],
  ['knex migrate:latest', invocation(['knex', 'migrate:latest']), 'none'],
  ['npm install', invocation(['npm', 'install']), 'none'],
];

describe('database pack', () => {
  for (const [label, inv, expected, environment] of cases) {
    it(`${label} -> ${expected}${environment ? ` (${environment})` : ''}`, () => {
      const facts = label.includes('ambient') ? testFacts({ ...files, envSelectors: { RAILS_ENV: 'test' } }) : files;
      const findings = run(inv, facts);
      assert.equal(worst(findings), expected, JSON.stringify(findings));
      if (environment) assert.equal(findings[0]?.targets[0]?.environment, environment, JSON.stringify(findings[0]?.targets));
    });
  }

  it('never puts a URL password in a target or reason', () => {
    const findings = run(invocation(['psql', 'postgres://admin:hunter2secret@db.example.com/app', '-c', 'DROP TABLE users']));
    const text = JSON.stringify(findings);
    assert.ok(!text.includes('hunter2secret'), text);
    assert.ok(text.includes('db.example.com'));
  });

  it('names the table and the database as targets', () => {
    const [f] = run(invocation(['psql', '-d', 'shop', '-c', 'TRUNCATE orders']));
    assert.deepEqual(f?.targets.map((t) => [t.kind, t.name]), [['table', 'orders'], ['database', 'shop']]);
  });

  it('treats a prisma reset as non-production when DATABASE_URL names staging', () => {
    const [f] = run(invocation(['prisma', 'migrate', 'reset'], { assignments: { DATABASE_URL: 'postgres://u:p@staging-db.acme.io/app' } }));
    assert.equal(f?.targets[0]?.environment, 'non-production');
  });

  it('rails resolves unknown when DATABASE_URL is set in the agent environment', () => {
    const [f] = run(invocation(['rails', 'db:drop']), testFacts({ envNames: ['DATABASE_URL'] }));
    assert.equal(f?.targets[0]?.environment, 'unknown');
  });

  describe('SQL in program code', () => {
    const snippet = (language: CodeSnippet['language'], text: string, extra: Partial<Invocation> = {}): CodeSnippet =>
      ({ language, text, runner: invocation(['python', '-c', text], extra), origin: { kind: 'command' } });
    const scases: Array<[CodeSnippet, Expect, string?]> = [
      [snippet('python', "import psycopg2; c = psycopg2.connect(os.environ['DATABASE_URL']); c.cursor().execute('DROP TABLE users')"), 'ask', 'unknown'],
      [snippet('python', "import sqlite3; sqlite3.connect('app.db').execute('DELETE FROM users')"), 'ask', 'local'],
      [snippet('python', "conn = connect(os.environ['PROD_DATABASE_URL']); conn.execute(\"TRUNCATE events\")"), 'ask', 'production'],
      [snippet('javascript', "await pool.query(`DROP TABLE users`)"), 'ask', 'unknown'],
      [snippet('javascript', "await db.collection('users').deleteMany({})"), 'none'],
      [snippet('javascript', "db.users.deleteMany({})"), 'ask'],
      [snippet('javascript', "redis.flushall()"), 'ask'],
      [snippet('ruby', "ActiveRecord::Base.connection.execute('TRUNCATE users')"), 'ask'],
      [snippet('python', "cur.execute('SELECT * FROM users WHERE id = %s', (1,))"), 'none'],
      [snippet('python', "print('drop table is a phrase')"), 'none'],
      [{ language: 'sql', text: 'DROP TABLE users;', runner: invocation(['psql', '-h', 'db.prod.acme.io']), origin: { kind: 'command' } }, 'ask', 'production'],
      [{ language: 'sql', text: 'SELECT 1;', runner: invocation(['psql', '-h', 'db.prod.acme.io']), origin: { kind: 'command' } }, 'info', 'production'],
      [{ language: 'redis', text: 'FLUSHALL', runner: invocation(['redis-cli']), origin: { kind: 'command' } }, 'ask', 'local'],
      [{ language: 'mongo', text: 'db.dropDatabase()', runner: invocation(['mongosh']), origin: { kind: 'command' } }, 'ask', 'local'],
    ];
    for (const [s, expected, environment] of scases) {
      it(`${s.language}: ${s.text.slice(0, 60)} -> ${expected}`, () => {
        const findings = databasePack.checkSnippet?.(s, context(testFacts(), s.runner)) ?? [];
        assert.equal(worst(findings), expected, JSON.stringify(findings));
        if (environment) assert.equal(findings[0]?.targets[0]?.environment, environment);
      });
    }
  });

  describe('sqlScan', () => {
    it('splits on semicolons outside strings, identifiers, dollar quotes and comments', () => {
      assert.deepEqual(splitSql("SELECT ';'; /* ; */ SELECT \"a;b\"; SELECT $$;$$ -- ;\n"), ["SELECT ''", 'SELECT "a;b"', "SELECT ''"]);
    });
    it('reads quoted names', () => {
      assert.equal(scanSql('DROP TABLE IF EXISTS "Users"')[0]?.objectName, 'Users');
      assert.equal(scanSql('truncate table `shop`.`orders`')[0]?.objectName, 'shop`.`orders');
    });
    it('sees a WITH ... DELETE as a write', () => {
      assert.equal(scanSql('WITH x AS (SELECT 1) DELETE FROM t WHERE id IN (SELECT * FROM x)')[0]?.effect, 'write');
    });
    it('finds mongo and redis wipes', () => {
      assert.equal(scanMongo("db.getCollection('logs').drop()")[0]?.summary, 'logs.drop()');
      assert.equal(scanRedis('flushall async').length, 1);
      assert.equal(scanRedis('GET flushall_count').length, 0);
    });
  });
});
