import { databasePack } from '../../../src/core/rules/database';
import { testFacts } from '../support/policyFixtures';
import { expectCase, type Expectation } from '../support/packRun';

/**
 * The database clients read through their registry entries (registry/tools/postgres.ts, mysql.ts,
 * nosql.ts, sqlite.ts): options before, between and after the operands, glued and separated,
 * `--opt=value`, abbreviated where the tool accepts it, and every option that carries statements.
 * Each destroying row sits next to a look-alike that must stay allowed. Run through the engine's
 * real path (`runPack`: shell analysis, then `findingsOf`).
 */

const facts = testFacts({
  files: {
    '/work/app/drop.sql': 'DROP TABLE users;\n',
    '/work/app/report.sql': 'SELECT count(*) FROM users;\n',
    '/work/app/init.sql': 'PRAGMA foreign_keys = ON;\n',
    '/work/app/wipe.sql': 'DELETE FROM sessions;\n',
    '/work/app/flush.lua': "return redis.call('FLUSHALL')\n",
    '/work/app/outer.sql': '@drop.sql\n',
    '/work/app/start.sql': 'SET ECHO ON\nSTART drop.sql\n',
    '/work/app/tx.sql': 'START TRANSACTION;\nSELECT 1;\nCOMMIT;\n',
  },
});

const ask = (cmd: string, production?: boolean): Expectation => ({ cmd, decision: 'ask', ...(production !== undefined ? { production } : {}), facts });
const allow = (cmd: string): Expectation => ({ cmd, decision: 'allow', facts });

const PROD = 'db.prod.acme.internal';

const ROWS: Expectation[] = [
  // psql: -c/--command/-f/--file anywhere, glued, abbreviated; -d and the first operand name the database.
  ask(`psql -h ${PROD} -c 'DROP TABLE orders'`, true),
  ask(`psql -c 'DROP TABLE orders' -h ${PROD}`, true),
  ask(`psql shop -h${PROD} -U admin -c 'DROP TABLE orders'`, true),
  ask(`psql --host=${PROD} --command='TRUNCATE orders' shop`, true),
  ask(`psql --ho ${PROD} --comm 'TRUNCATE orders'`, true),
  ask(`psql -X -q -1 -v ON_ERROR_STOP=1 --host ${PROD} -f drop.sql`, true),
  ask(`psql -fdrop.sql --host ${PROD}`, true),
  ask(`psql --fil=drop.sql -h ${PROD}`, true),
  ask(`psql -d postgres://app@${PROD}/shop -AtX -c 'DELETE FROM sessions'`, true),
  ask(`psql -At -c 'DROP TABLE orders'`),
  allow(`psql -h ${PROD} -c 'SELECT count(*) FROM orders'`),
  allow(`psql -h ${PROD} --command='SELECT 1' -f report.sql`),
  allow(`psql --ho ${PROD} --comm 'SELECT 1'`),
  allow('psql -c "SELECT 1" -o drop.sql'),
  allow('psql -v name="DROP TABLE x" -c "SELECT 1"'),
  // mysql / mariadb: -e/--execute/--init-command, the glued password never takes a word.
  ask(`mysql -h ${PROD} -u admin -e 'DROP TABLE orders' shop`, true),
  ask(`mysql shop -h${PROD} -uadmin -psecret -e 'DROP TABLE orders'`, true),
  ask(`mysql -p shop --host=${PROD} --execute='TRUNCATE orders'`, true),
  ask(`mysql --ho ${PROD} --exec 'TRUNCATE orders' shop`, true),
  ask(`mysql -e'DROP DATABASE shop' -h ${PROD}`, true),
  ask(`mysql --init-command='DROP TABLE orders' -h ${PROD} shop -e 'SELECT 1'`, true),
  ask(`mariadb --init-command 'TRUNCATE orders' --host ${PROD} shop`, true),
  ask('mysql -uroot shop -e "DROP TABLE orders"'),
  allow(`mysql -h ${PROD} -u admin -e 'SELECT count(*) FROM orders' shop`),
  allow(`mysql --init-command='SET NAMES utf8mb4' -h ${PROD} shop -e 'SELECT 1'`),
  allow('mysql -p drop -e "SELECT 1"'),
  allow(`mariadb --ho ${PROD} --exec 'SHOW TABLES' shop`),
  // mongosh / mongo: --eval, --file/-f and .js operands.
  ask(`mongosh mongodb://${PROD}/shop --eval 'db.orders.drop()'`, true),
  ask(`mongosh --eval 'db.dropDatabase()' mongodb://${PROD}/shop --quiet`, true),
  ask(`mongosh --eval='db.orders.deleteMany({})' --host ${PROD} -u admin`, true),
  ask(`mongo --host=${PROD} shop --eval "db.dropDatabase()"`, true),
  ask('mongosh --quiet --eval "db.orders.drop()"'),
  allow(`mongosh mongodb://${PROD}/shop --eval 'db.orders.countDocuments()'`),
  allow(`mongosh --eval='db.orders.find().limit(1)' --host ${PROD} -u admin`),
  // redis-cli: options until the command, then one command; -x with a script command.
  ask(`redis-cli -h cache.prod.acme.internal FLUSHALL`, true),
  ask(`redis-cli -n 2 -h cache.prod.acme.internal -p 6380 flushdb`, true),
  ask('redis-cli -u redis://cache.prod.acme.internal:6379 --no-auth-warning FLUSHALL', true),
  ask('valkey-cli -c -h cache.prod.acme.internal FLUSHALL ASYNC', true),
  ask('keydb-cli FLUSHALL'),
  ask('redis-cli -x EVAL 0 < flush.lua'),
  ask('redis-cli --eval flush.lua'),
  ask(`redis-cli EVAL "return redis.call('flushdb')" 0`),
  allow(`redis-cli EVAL "return redis.call('get', KEYS[1])" 1 flushall`),
  allow('redis-cli -h cache.prod.acme.internal GET flushall'),
  allow('redis-cli -h cache.prod.acme.internal --scan --pattern "cart:*"'),
  ask('redis-cli -h cache.prod.acme.internal --scan --pattern "session:*"', true),
  allow('redis-cli -x SET flushall < report.sql'),
  // sqlite3: every statement operand, -cmd and -init, one or two dashes.
  ask("sqlite3 app.db 'DROP TABLE users'"),
  ask("sqlite3 app.db 'SELECT 1' 'DROP TABLE users'"),
  ask("sqlite3 -bail app.db -cmd 'DROP TABLE users' '.tables'"),
  ask("sqlite3 --cmd 'DELETE FROM users' app.db .quit"),
  ask('sqlite3 -init drop.sql app.db .quit'),
  ask("sqlite3 -lookaside 64 128 app.db 'DROP TABLE users'"),
  allow("sqlite3 app.db 'SELECT count(*) FROM users' '.tables'"),
  allow("sqlite3 -header -csv app.db 'SELECT * FROM users'"),
  allow('sqlite3 -init init.sql app.db .tables'),
  allow("sqlite3 -lookaside 64 128 app.db 'SELECT 1'"),
  // dropdb, pg_restore --clean, mysqladmin drop, sqlcmd.
  ask(`dropdb -h ${PROD} shop`, true),
  ask(`dropdb shop --host=${PROD} --if-exists`, true),
  ask(`pg_restore --clean -d shop -h ${PROD} dump.sql`, true),
  ask(`pg_restore -d shop --cle -h ${PROD} dump.sql`, true),
  ask(`pg_restore -cd shop -h ${PROD} dump.sql`, true),
  allow(`pg_restore -d shop -h ${PROD} dump.sql`),
  allow(`pg_restore --create -d shop -h ${PROD} dump.sql`),
  ask(`mysqladmin -h ${PROD} -uroot drop shop`, true),
  ask(`mysqladmin drop shop --host=${PROD} -f`, true),
  allow(`mysqladmin -h ${PROD} status`),
  ask(`sqlcmd -S ${PROD} -d crm -Q "DROP TABLE Contacts"`, true),
  ask(`sqlcmd -Q "TRUNCATE TABLE Contacts" -S tcp:${PROD},1433`, true),
  allow(`sqlcmd -S ${PROD} -d crm -Q "SELECT TOP 5 * FROM Contacts"`),
  // Warehouse and Oracle shells (registry/tools/sqlShells.ts): SQL*Plus's `user/pw@connect @file`
  // (and `@file`/`START file` inside it), vsql, impala-shell, snow sql, spark-sql/hive, databricks sql.
  ask('sqlplus -s app/x@prod @drop.sql', true),
  ask('sqlplus -S app/x@prod @outer.sql', true),
  ask('sqlplus app/x@prod @start.sql', true),
  ask(`sqlplus -s admin@//${PROD}:1521/ORCL @drop.sql`, true),
  allow('sqlplus -s app/x@prod @report.sql'),
  allow('sqlplus -s app/x@prod @tx.sql'),
  ask(`vsql -h ${PROD} -f drop.sql`, true),
  ask(`vsql -h ${PROD} -c 'DROP TABLE users'`, true),
  allow(`vsql -h ${PROD} -f report.sql`),
  ask(`impala-shell -i ${PROD} -f drop.sql`, true),
  ask(`impala-shell -i ${PROD} --query_file=drop.sql`, true),
  allow(`impala-shell -i ${PROD} -q 'SELECT count(*) FROM users'`),
  ask('snow sql -c prod -f drop.sql', true),
  allow("snow sql -c prod -q 'SELECT 1'"),
  ask('spark-sql -f drop.sql', true),
  ask("hive -e 'DROP TABLE users'", true),
  allow('spark-sql -f report.sql'),
  ask('databricks sql execute --file drop.sql', true),
  allow('databricks sql execute --file report.sql'),
  allow(`psql -h ${PROD} -f tx.sql`),
];

describe('registry: database clients read through one grammar', () => {
  for (const row of ROWS) it(`${row.cmd} -> ${row.decision}${row.production ? ' (production)' : ''}`, () => expectCase(databasePack, row));
});
