import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { affectedObjects, describeTarget, planBackup } from '../../../src/core/backup/plan';
import { analyze } from '../../../src/core/policy/analyze';
import { canDump, dumpBeforeStatement } from '../../../src/node/backup/databaseDump';
import { postgresBinaries, startPostgres, type PostgresServer } from '../../support/postgresServer';
import { testFacts } from '../support/policyFixtures';

describe('back up first: which tables a statement destroys', () => {
  const cases: Array<[string, 'postgres' | 'mysql', { tables?: string[]; schemas?: string[]; databases?: string[]; cascade?: boolean }]> = [
    ['DROP TABLE orders', 'postgres', { tables: ['orders'] }],
    ['drop table if exists Orders, "Line_Items", public.users cascade;', 'postgres', { tables: ['orders', 'Line_Items', 'public.users'], cascade: true }],
    ['TRUNCATE TABLE ONLY a, b RESTART IDENTITY', 'postgres', { tables: ['a', 'b'] }],
    ['TRUNCATE Items', 'mysql', { tables: ['Items'] }],
    ['DELETE FROM sessions WHERE expires < now()', 'postgres', { tables: ['sessions'] }],
    ['delete from `Audit`', 'mysql', { tables: ['Audit'] }],
    ['ALTER TABLE users DROP COLUMN email', 'postgres', { tables: ['users'] }],
    ['DROP SCHEMA staging CASCADE', 'postgres', { schemas: ['staging'], cascade: true }],
    ['DROP DATABASE shop', 'postgres', { databases: ['shop'] }],
    ["SELECT 'DROP TABLE x'; INSERT INTO log VALUES ('truncate y')", 'postgres', {}],
    ['BEGIN; DELETE FROM a; -- DROP TABLE b\nCOMMIT;', 'postgres', { tables: ['a'] }],
  ];
  for (const [sql, engine, want] of cases) {
    it(`${engine}: ${sql.replace(/\n/g, ' ')}`, () => {
      const got = affectedObjects(sql, engine);
      assert.deepEqual(got, { tables: want.tables ?? [], schemas: want.schemas ?? [], databases: want.databases ?? [], cascade: want.cascade ?? false });
    });
  }

  const facts = testFacts({ cwd: '/work/app', files: { '/work/app/drop.sql': 'DROP TABLE old_orders;' } });
  const plan = (command: string) => planBackup(analyze(command, facts).invocations, (p) => facts.readFile(p), '/home/dev');

  it('reads the connection from psql flags, a URL (its password kept out of sight) and PG variables', () => {
    const flags = plan('psql -h db.internal -p 5433 -U app -d shop -c "TRUNCATE carts"');
    assert.ok(flags.ok);
    assert.deepEqual(flags.plans[0]!.target, { engine: 'postgres', host: 'db.internal', port: '5433', user: 'app', database: 'shop' });
    const secret = 's3cr' + 'et-' + 'pw';
    const url = plan(`psql "postgresql://app:${secret}@127.0.0.1:5432/shop" -c "DROP TABLE orders"`);
    assert.ok(url.ok);
    const target = url.plans[0]!.target;
    assert.equal(target.url, 'postgresql://app@127.0.0.1:5432/shop');
    assert.equal(target.password, secret);
    assert.ok(!describeTarget(target).includes(secret));
    const env = plan('PGHOST=10.0.0.5 PGDATABASE=shop psql -f drop.sql');
    assert.ok(env.ok);
    assert.deepEqual(env.plans[0]!.tables, ['old_orders']);
    assert.equal(env.plans[0]!.target.host, '10.0.0.5');
  });

  it('reads mysql flags, a glued password and heredocs', () => {
    const r = plan("mysql -h 127.0.0.1 -P 3307 -u root -phunter2 shop <<'SQL'\nDELETE FROM carts;\nSQL");
    assert.ok(r.ok);
    assert.deepEqual(r.plans[0]!.target, { engine: 'mysql', password: 'hunter2', host: '127.0.0.1', port: '3307', user: 'root', database: 'shop' });
    assert.deepEqual(r.plans[0]!.tables, ['carts']);
  });

  it('never guesses: statements or connections known only at run time are not offered', () => {
    for (const command of ['psql "$DATABASE_URL" -c "DROP TABLE x"', 'cat drop.sql | psql', 'psql -f missing.sql', "ssh db1 'psql -c \"DROP TABLE x\"'"]) {
      const r = plan(command);
      assert.equal(r.ok, false, command);
    }
    const none = plan('psql -c "SELECT 1"');
    assert.ok(none.ok);
    assert.deepEqual(none.plans, []);
  });
});

describe('back up first against a real PostgreSQL server', function () {
  this.timeout(120_000);
  const bin = postgresBinaries();
  let server: PostgresServer | undefined;
  let guardHome: string;

  before(async function () {
    if (!bin) {
      // CI installs Debian's postgresql (.ci/run); there a missing server is a failure, not a skip.
      if (process.env.CI) throw new Error('PostgreSQL server binaries are missing: .ci/run must apt-get install postgresql');
      this.skip();
    }
    server = await startPostgres(bin!);
    server.sql('postgres', 'CREATE DATABASE shop');
    server.sql(
      'shop',
      [
        'CREATE TABLE orders (id int PRIMARY KEY, item text, total numeric)',
        "INSERT INTO orders VALUES (1, 'lamp', 19.99), (2, 'desk', 250), (3, 'chair', 80.5)",
        "CREATE TABLE items (id serial PRIMARY KEY, name text); INSERT INTO items (name) VALUES ('a'), ('b')",
        "CREATE TABLE users (id int PRIMARY KEY, email text); INSERT INTO users VALUES (1, 'ada@example.com'), (2, 'bob@example.com'), (3, 'cy@example.com')",
        "CREATE TABLE untouched (id int); INSERT INTO untouched VALUES (42)",
      ].join('; '),
    );
  });
  after(() => server?.stop());
  beforeEach(() => {
    guardHome = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-backup-'));
  });
  afterEach(() => fs.rmSync(guardHome, { recursive: true, force: true }));

  const rows = (table: string) => server!.sql('shop', `SELECT * FROM ${table} ORDER BY 1`);

  it('dumps exactly the affected tables with pg_dump before the statement runs; the dump brings them back', async () => {
    const port = server!.port;
    const command = `psql -h 127.0.0.1 -p ${port} -U postgres -d shop -c "DROP TABLE orders; TRUNCATE items; DELETE FROM users WHERE id > 1"`;
    const facts = testFacts({ cwd: guardHome });
    const planned = planBackup(analyze(command, facts).invocations, () => undefined, os.homedir());
    assert.ok(planned.ok);
    assert.deepEqual(planned.plans[0]!.tables, ['orders', 'items', 'users']);
    assert.deepEqual(await canDump(planned.plans[0]!.target, process.env), { ok: true });

    const before = { orders: rows('orders'), items: rows('items'), users: rows('users') };
    const [dump] = await dumpBeforeStatement(planned.plans, { guardHome, env: process.env, id: 'test-1', timeoutMs: 60_000 });
    assert.ok(dump);
    assert.equal(dump.tool, 'pg_dump');
    assert.deepEqual(dump.objects, ['table orders', 'table items', 'table users']);
    assert.ok(dump.file.startsWith(path.join(guardHome, 'backups', 'test-1')));
    assert.equal(fs.statSync(dump.file).mode & 0o777, 0o600);
    const text = fs.readFileSync(dump.file, 'utf8');
    for (const t of ['orders', 'items', 'users']) assert.match(text, new RegExp(`CREATE TABLE public\\.${t} `));
    assert.doesNotMatch(text, /untouched/);

    execFileSync('bash', ['-c', command], { stdio: 'pipe' });
    assert.equal(rows('users').trim().split('\n').length, 1);
    assert.throws(() => rows('orders'));

    execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'shop', '-f', dump.file], { stdio: 'pipe' });
    assert.deepEqual({ orders: rows('orders'), items: rows('items'), users: rows('users') }, before);
    assert.equal(rows('untouched').trim(), '42');
  });

  it('a server that does not answer is not offered, and a failed dump throws', async () => {
    const closed = { engine: 'postgres' as const, host: '127.0.0.1', port: '1', database: 'shop' };
    const reach = await canDump(closed, process.env);
    assert.equal(reach.ok, false);
    await assert.rejects(dumpBeforeStatement([{ target: closed, tables: ['orders'], schemas: [], wholeDatabase: false, notes: [] }], { guardHome, env: process.env, id: 'test-2', timeoutMs: 20_000 }), /pg_dump failed/);
  });
});

/**
 * MySQL has no server here, so the dump runs a stand-in `mysqldump` (handed over as `toolDirs`: PATH is never
 * searched, see the last case) that records the
 * arguments it was given and whether a password reached it through MYSQL_PWD, and writes a dump
 * where `--result-file` says. What is checked is exactly the run a real mysqldump would get.
 */
describe('back up first for MySQL: the mysqldump run (a stand-in tool)', () => {
  let dir: string;
  let env: Record<string, string>;
  let toolDirs: string[];
  const facts = testFacts({ cwd: '/work/app' });
  const plan = (command: string) => planBackup(analyze(command, facts).invocations, (p) => facts.readFile(p), '/home/dev');
  const runs = (): Array<{ args: string[]; password: string }> =>
    fs
      .readFileSync(path.join(dir, 'runs.log'), 'utf8')
      .trim()
      .split('\n\u0000\n')
      .map((block) => {
        const [password, ...args] = block.split('\n');
        return { password: password ?? '', args };
      });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-mysqldump-'));
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    // Records `pwd:<length>` (never the value), then one argument per line; writes the result file.
    fs.writeFileSync(
      path.join(bin, 'mysqldump'),
      '#!/bin/sh\nlog="$(dirname "$0")/../runs.log"\n[ -s "$log" ] && printf \'\\n\\000\\n\' >> "$log"\nprintf \'pwd:%s\' "${#MYSQL_PWD}" >> "$log"\nfor a in "$@"; do printf \'\\n%s\' "$a" >> "$log"; case "$a" in --result-file=*) printf -- \'-- MySQL dump\\n\' > "${a#--result-file=}";; esac; done\n',
      { mode: 0o755 },
    );
    env = { PATH: `${bin}:/usr/bin:/bin`, HOME: dir };
    toolDirs = [bin];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('dumps exactly the tables a DELETE/TRUNCATE names, with the connection flags, the password only in MYSQL_PWD', async () => {
    const secret = 'pw' + Math.random().toString(36).slice(2);
    const planned = plan(`mysql -h 127.0.0.1 -P 3307 -u shop_admin -p${secret} shop -e "TRUNCATE carts; DELETE FROM \\\`Orders\\\` WHERE 1"`);
    assert.ok(planned.ok);
    const [dump] = await dumpBeforeStatement(planned.plans, { guardHome: path.join(dir, 'guard'), env, toolDirs, id: 'my-1', timeoutMs: 20_000 });
    assert.ok(dump);
    assert.equal(dump.tool, 'mysqldump');
    assert.deepEqual(dump.objects, ['table carts', 'table Orders']);
    const [run] = runs();
    assert.equal(run!.password, `pwd:${secret.length}`);
    assert.deepEqual(run!.args, ['--single-transaction', '--no-tablespaces', `--result-file=${dump.file}`, '--host=127.0.0.1', '--port=3307', '--user=shop_admin', 'shop', 'carts', 'Orders']);
    assert.ok(!run!.args.some((a) => a.includes(secret)), 'no argument carries the password');
    assert.ok(!dump.target.includes(secret));
    assert.equal(fs.statSync(dump.file).mode & 0o777, 0o600);
  });

  it('a table qualified with another database is dumped from that database; DROP DATABASE dumps it whole', async () => {
    const planned = plan('mysql -u root shop -e "DROP TABLE archive.orders_2019, carts"');
    assert.ok(planned.ok);
    const dumps = await dumpBeforeStatement(planned.plans, { guardHome: path.join(dir, 'guard'), env, toolDirs, id: 'my-2', timeoutMs: 20_000 });
    assert.equal(dumps.length, 2);
    const [first, second] = runs();
    assert.deepEqual(first!.args.slice(3), ['--user=root', 'archive', 'orders_2019']);
    assert.deepEqual(second!.args.slice(3), ['--user=root', 'shop', 'carts']);
    assert.equal(first!.password, 'pwd:0');

    fs.rmSync(path.join(dir, 'runs.log'));
    const whole = plan('mysql -h db.internal -u root -e "DROP DATABASE legacy"');
    assert.ok(whole.ok);
    await dumpBeforeStatement(whole.plans, { guardHome: path.join(dir, 'guard'), env, toolDirs, id: 'my-3', timeoutMs: 20_000 });
    assert.deepEqual(runs()[0]!.args.slice(3), ['--host=db.internal', '--user=root', '--databases', 'legacy']);
  });

  it('no mysqldump installed: not offered, and a dump attempt throws (the allow becomes a deny)', async function () {
    // The tool comes from the system's own folders, whatever PATH says.
    if (['/usr/bin', '/usr/local/bin', '/bin', '/usr/sbin', '/sbin'].some((d) => fs.existsSync(path.join(d, 'mysqldump')))) this.skip();
    const target = { engine: 'mysql' as const, host: '127.0.0.1', database: 'shop' };
    const none = { PATH: path.join(dir, 'empty') };
    assert.deepEqual(await canDump(target, none), { ok: false, why: 'mysqldump is not installed' });
    // A stand-in earlier on PATH (what an agent could plant in ~/.local/bin) is not used.
    assert.deepEqual(await canDump(target, env), { ok: false, why: 'mysqldump is not installed' });
    await assert.rejects(dumpBeforeStatement([{ target, tables: ['carts'], schemas: [], wholeDatabase: false, notes: [] }], { guardHome: path.join(dir, 'guard'), env, id: 'my-5', timeoutMs: 20_000 }), /mysqldump is not installed/);
    await assert.rejects(dumpBeforeStatement([{ target, tables: ['carts'], schemas: [], wholeDatabase: false, notes: [] }], { guardHome: path.join(dir, 'guard'), env: none, id: 'my-4', timeoutMs: 20_000 }), /mysqldump is not installed/);
  });
});
