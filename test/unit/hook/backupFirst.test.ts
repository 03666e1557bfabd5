import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { runHook } from '../../../src/hook/runHook';
import { createRealEngine } from '../../../src/hook/realEngine';
import { readAuditEntries, verifyAuditLog } from '../../../src/node/audit/auditLog';
import { startIpcServer } from '../../../src/node/ipc/server';
import { postgresBinaries, startPostgres, type PostgresServer } from '../../support/postgresServer';
import { decisionIn, fixtureText, inProcessEditor, makeTempHome, type TempHome } from '../hosts/support';

/**
 * The whole "back up first" path through the hook: the editor's answer (over a live socket) says
 * allow with a dump first; the hook dumps the affected tables from a real PostgreSQL server before it
 * answers the host, and the audit log records the file. A dump that fails means deny.
 */
describe('hook: back up first, against a real PostgreSQL server', function () {
  this.timeout(120_000);
  const bin = postgresBinaries();
  let server: PostgresServer | undefined;
  let t: TempHome;

  before(async function () {
    if (!bin) {
      if (process.env.CI) throw new Error('PostgreSQL server binaries are missing: .ci/run must apt-get install postgresql');
      this.skip();
    }
    server = await startPostgres(bin!);
    server.sql('postgres', 'CREATE DATABASE shop');
    server.sql('shop', "CREATE TABLE orders (id int PRIMARY KEY, item text); INSERT INTO orders VALUES (1, 'lamp'), (2, 'desk'); CREATE TABLE keep (id int)");
  });
  after(() => server?.stop());
  beforeEach(() => {
    t = makeTempHome();
  });
  afterEach(() => t.cleanup());

  const bash = (command: string) => JSON.stringify({ ...JSON.parse(fixtureText('claude', 'Bash.git-status', t.home)), tool_input: { command } });

  async function withEditor<T>(answer: { decision: 'allow'; reason: string; snapshot?: string; backupFirst?: boolean }, run: () => Promise<T>): Promise<T> {
    const editor = await startIpcServer({ onConfirm: async () => answer, appName: 'Test', workspaceFolders: [t.workspace], home: t.guardHome });
    try {
      return await run();
    } finally {
      await editor.dispose();
    }
  }

  it('dumps the dropped table before answering allow, and the audit log names the file', async () => {
    const command = `psql -h 127.0.0.1 -p ${server!.port} -U postgres -d shop -c "DROP TABLE orders"`;
    const r = await withEditor({ decision: 'allow', reason: 'Allowed once.', snapshot: '20261101-120000-abcd', backupFirst: true }, () => runHook('claude', bash(command), t.env, { engine: createRealEngine(t.env), verifier: inProcessEditor }));
    assert.equal(decisionIn('claude', r.stdout), 'allow', r.stdout);
    const entry = readAuditEntries(t.guardHome).at(-1)!;
    assert.equal(entry.decidedBy, 'human');
    assert.equal(entry.snapshot, '20261101-120000-abcd');
    assert.equal(entry.backups?.length, 1);
    const dump = entry.backups![0]!;
    assert.equal(dump.tool, 'pg_dump');
    assert.deepEqual(dump.objects, ['table orders']);
    assert.ok(dump.file.startsWith(`${t.guardHome}/backups/`));
    const text = fs.readFileSync(dump.file, 'utf8');
    assert.match(text, /CREATE TABLE public\.orders/);
    assert.match(text, /lamp/);
    assert.doesNotMatch(text, /CREATE TABLE public\.keep/);
    assert.ok(verifyAuditLog(t.guardHome).ok);
    // The table is still there: the hook only dumped; the host runs the statement after the allow.
    assert.match(server!.sql('shop', 'SELECT count(*) FROM orders'), /2/);
  });

  it('a dump that fails turns the allow into a deny, and says so', async () => {
    const command = 'psql -h 127.0.0.1 -p 1 -U postgres -d shop -c "TRUNCATE orders"';
    const r = await withEditor({ decision: 'allow', reason: 'Allowed once.', backupFirst: true }, () => runHook('claude', bash(command), t.env, { engine: createRealEngine(t.env), verifier: inProcessEditor }));
    assert.equal(decisionIn('claude', r.stdout), 'deny', r.stdout);
    assert.match(r.stdout + (r.stderr ?? ''), /back-up you asked for could not be taken/);
    const entry = readAuditEntries(t.guardHome).at(-1)!;
    assert.equal(entry.decision, 'deny');
    assert.equal(entry.backups, undefined);
  });

  it('without the choice nothing is dumped', async () => {
    const command = `psql -h 127.0.0.1 -p ${server!.port} -U postgres -d shop -c "TRUNCATE keep"`;
    const r = await withEditor({ decision: 'allow', reason: 'Allowed once.' }, () => runHook('claude', bash(command), t.env, { engine: createRealEngine(t.env), verifier: inProcessEditor }));
    assert.equal(decisionIn('claude', r.stdout), 'allow');
    assert.equal(readAuditEntries(t.guardHome).at(-1)!.backups, undefined);
    assert.equal(fs.existsSync(`${t.guardHome}/backups`), false);
  });
});
