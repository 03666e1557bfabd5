import { strict as assert } from 'node:assert';
import { changingStatements, planPreview, redactUrlPassword, type PreviewTask } from '../../../src/core/preview/plan';
import { classify } from '../../../src/core/policy/classify';
import type { Invocation, Target, Verdict } from '../../../src/core/policy/types';
import { analyze } from '../../../src/core/policy/analyze';
import type { Facts } from '../../../src/core/policy/types';
import { testFacts } from '../support/policyFixtures';
import type { ActionDescription } from '../../../src/core/protocol/ipc';

const verdict = (targets: Target[] = []): Verdict => ({ decision: 'ask', production: false, risks: ['destructive'], reasons: ['r'], targets, confirm: 'x' });
const shell = (command: string): ActionDescription => ({ kind: 'shell', command, cwd: '/w/app' });
/** The preview planned from the engine's own parse of the command, as the editor plans it. */
const plan = (command: string, targets: Target[] = [], facts: Facts = testFacts({ cwd: '/w/app', workspaceRoots: ['/w/app'] })): PreviewTask[] =>
  planPreview({ action: shell(command), verdict: verdict(targets), home: '/home/u', invocations: analyze(command, facts).invocations, facts });

describe('planPreview', () => {
  const cases: { command: string; expected: PreviewTask['kind'][]; check?: (t: PreviewTask[]) => void }[] = [
    { command: 'rm -rf build dist', expected: ['list-files'], check: (t) => assert.deepEqual((t[0] as { paths: string[] }).paths, ['build', 'dist']) },
    { command: 'sudo /bin/rm -r -- -weird', expected: ['list-files'], check: (t) => assert.deepEqual((t[0] as { paths: string[] }).paths, ['-weird']) },
    { command: 'git reset --hard origin/main', expected: ['git-reset'], check: (t) => assert.equal((t[0] as { ref?: string }).ref, 'origin/main') },
    { command: 'git reset --soft HEAD~1', expected: ['unavailable' as PreviewTask['kind']] },
    { command: 'git checkout -- .', expected: ['git-discard'] },
    { command: 'git restore src/a.ts', expected: ['git-discard'] },
    { command: 'git -C ../other clean -fdx', expected: ['git-clean'], check: (t) => {
      const task = t[0] as { cwd: string; flags: string[] };
      assert.equal(task.cwd, '/w/other');
      assert.deepEqual(task.flags, ['-d', '-x']);
    } },
    { command: 'git push --force origin main', expected: ['git-force-push'], check: (t) => {
      const task = t[0] as { remote: string; remoteBranch?: string };
      assert.equal(task.remote, 'origin');
      assert.equal(task.remoteBranch, 'main');
    } },
    { command: 'git push origin +feature:release', expected: ['git-force-push'], check: (t) => assert.equal((t[0] as { remoteBranch?: string }).remoteBranch, 'release') },
    { command: 'git push -f', expected: ['git-force-push'] },
    { command: 'git push origin main', expected: ['unavailable' as PreviewTask['kind']] },
  ];
  const kinds = (tasks: PreviewTask[]) => tasks.map((t) => (t.kind === 'static' ? t.section.kind : t.kind));
  for (const c of cases) {
    it(c.command, () => {
      const tasks = plan(c.command);
      assert.deepEqual(kinds(tasks), c.expected);
      c.check?.(tasks);
    });
  }

  it('shows SQL statements and the database, with the URL password redacted', () => {
    const pw = 'pw' + Math.random().toString(36).slice(2);
    const tasks = plan(`psql postgres://admin:${pw}@db.example.com/shop -c "DROP TABLE orders; SELECT 1"`);
    const section = tasks[0]!.kind === 'static' ? tasks[0].section : undefined;
    assert.equal(section?.kind, 'statements');
    if (section?.kind !== 'statements') return;
    assert.deepEqual(section.statements, ['DROP TABLE orders']);
    assert.deepEqual(section.tables, ['orders']);
    assert.ok(!section.database.includes(pw));
    assert.equal(section.database, 'shop on db.example.com');
  });

  it('says plainly when SQL comes from a file it cannot read', () => {
    const tasks = plan('psql -d shop -f migrate.sql');
    assert.equal(tasks[0]!.kind === 'static' && tasks[0].section.kind, 'unavailable');
  });

  it('never shows no preview for a shell command it could not analyse, and never splits the text itself', () => {
    const tasks = planPreview({ action: shell('rm -rf build'), verdict: verdict(), home: '/home/u' });
    assert.deepEqual(tasks.map((t) => (t.kind === 'static' ? t.section.kind : t.kind)), ['unavailable']);
  });
  it('lists remote targets as resources with their environment', () => {
    const volume: Target = { kind: 'volume', name: 'vol-1', provider: 'railway', remote: true, environment: 'production', environmentReason: 'environment unknown — treated as production' };
    const tasks = plan('curl -X POST https://backboard.railway.app/graphql', [volume]);
    const section = tasks[0]!.kind === 'static' ? tasks[0].section : undefined;
    assert.equal(section?.kind, 'resources');
    if (section?.kind === 'resources') assert.deepEqual(section.rows[0], { provider: 'railway', resource: 'vol-1', kind: 'volume', environment: 'production', environmentReason: 'environment unknown — treated as production' });
  });

  it('a delete or reset run on another machine plans nothing on this disk; its SQL is still shown', () => {
    const facts = testFacts({ cwd: '/w/app', workspaceRoots: ['/w/app'] });
    for (const command of ["fly ssh console -C 'rm -rf /data'", "ssh db1 'cd /srv/app && git reset --hard && rm -rf data'", 'kubectl exec web-0 -- rm -rf /data']) {
      const invocations = analyze(command, facts).invocations;
      assert.ok(invocations.some((i) => i.remote), command);
      const tasks = planPreview({ action: { kind: 'shell', command, cwd: '/w/app' }, verdict: verdict(), home: '/home/u', invocations });
      assert.deepEqual(tasks.filter((t) => t.kind !== 'static'), [], command);
    }
    const sql = "ssh db1 'psql -c \"DROP TABLE users;\"'";
    const tasks = planPreview({ action: { kind: 'shell', command: sql, cwd: '/w/app' }, verdict: verdict(), home: '/home/u', invocations: analyze(sql, facts).invocations });
    assert.ok(tasks.some((t) => t.kind === 'static' && t.section.kind === 'statements'), JSON.stringify(tasks));
    // The same delete run here is previewed.
    const local = planPreview({ action: { kind: 'shell', command: 'rm -rf /data', cwd: '/w/app' }, verdict: verdict(), home: '/home/u', invocations: analyze('rm -rf /data', facts).invocations });
    assert.deepEqual(local, [{ kind: 'list-files', cwd: '/w/app', paths: ['/data'] }]);
  });

  it('lists a path on another machine as a remote resource, and never previews it from this disk', () => {
    const remotePath: Target = { kind: 'path', name: 'db1:/srv/data', provider: 'ssh', remote: true, environment: 'production', environmentReason: 'environment unknown — treated as production' };
    const tasks = plan("ssh db1 'rm -rf /srv/data'", [remotePath]);
    assert.ok(tasks.every((t) => t.kind === 'static'), JSON.stringify(tasks));
    const section = tasks[0]!.kind === 'static' ? tasks[0].section : undefined;
    assert.equal(section?.kind, 'resources');
    if (section?.kind === 'resources') assert.equal(section.rows[0]!.resource, 'db1:/srv/data');
  });

  it('plans a before/after diff for a file write', () => {
    const tasks = planPreview({ action: { kind: 'write', path: 'config/app.json', cwd: '/w/app', content: '{}' }, verdict: verdict(), home: '/home/u' });
    assert.deepEqual(tasks, [{ kind: 'file-write', path: '/w/app/config/app.json', content: '{}' }]);
  });
});

describe('SQL helpers', () => {
  it('finds data-changing statements as written, and the tables they name; ignores reads', () => {
    assert.deepEqual(changingStatements(["SELECT * FROM a; delete from b where id = 1; TRUNCATE c; UPDATE d SET x = 'a;b'"]), {
      statements: ['delete from b where id = 1', 'TRUNCATE c', "UPDATE d SET x = 'a;b'"],
      tables: ['c', 'd'],
    });
  });
  it('redacts URL passwords', () => {
    assert.equal(redactUrlPassword('mysql://root:hunter@h/db'), 'mysql://root:•••@h/db');
    assert.equal(redactUrlPassword('postgres://h/db'), 'postgres://h/db');
  });
});

describe('planPreview with the engine\'s invocations', () => {
  const facts: Facts = {
    cwd: '/w/app', home: '/home/u', workspaceRoots: ['/w/app'], envNames: [], envSelectors: {},
    readFile: () => undefined, listDir: () => undefined, production: { names: [], hosts: [], resourceIds: [] },
  };
  const withEngine = (command: string): PreviewTask[] => {
    const invocations: readonly Invocation[] = analyze(command, facts).invocations;
    return planPreview({ action: shell(command), verdict: verdict(), home: '/home/u', invocations });
  };

  it('sees through sudo bash -c and follows cd', () => {
    const tasks = withEngine("sudo bash -c 'cd sub && rm -rf build'");
    assert.deepEqual(tasks, [{ kind: 'list-files', cwd: '/w/app/sub', paths: ['build'] }]);
  });

  it('leaves out arguments only known at run time', () => {
    const tasks = withEngine('rm -rf "$TARGET" dist');
    assert.deepEqual(tasks, [{ kind: 'list-files', cwd: '/w/app', paths: ['dist'] }]);
  });
});

describe('the SQL preview comes from the parse', () => {
  const prodUrl = () => `postgres://shop:${'pw' + Math.random().toString(36).slice(2)}@db.prod.example.com/shop`;
  const statementsOf = (command: string, files: Record<string, string> = {}): { database: string; tables: string[]; statements: string[] } => {
    const facts = testFacts({ cwd: '/w/app', workspaceRoots: ['/w/app'], files });
    const v = classify(command, facts, { lockdown: false });
    const tasks = planPreview({ action: shell(command), verdict: v, home: '/home/u', invocations: analyze(command, facts).invocations, facts });
    const section = tasks.map((t) => (t.kind === 'static' ? t.section : undefined)).find((x) => x?.kind === 'statements');
    assert.ok(section && section.kind === 'statements', `a statements section for ${command}: ${JSON.stringify(tasks)}`);
    return { database: section.database, tables: section.tables, statements: section.statements };
  };
  const cases: [string, (url: string) => string, { tables: string[]; statements: string[]; database?: RegExp }, Record<string, string>?][] = [
    ['double-quoted -c: no stray quote', (u) => `psql "${u}" -c "DROP TABLE orders"`, { tables: ['orders'], statements: ['DROP TABLE orders'], database: /^shop on db\.prod\.example\.com \(production\)$/ }],
    ['single-quoted -c with a semicolon', (u) => `psql '${u}' -c 'DROP TABLE orders;'`, { tables: ['orders'], statements: ['DROP TABLE orders'] }],
    ['two statements, a read among them', (u) => `psql ${u} -c "SELECT 1; TRUNCATE items; DELETE FROM carts"`, { tables: ['items', 'carts'], statements: ['TRUNCATE items', 'DELETE FROM carts'] }],
    ['a heredoc', (u) => `psql ${u} <<'SQL'\nDROP TABLE orders;\nSQL`, { tables: ['orders'], statements: ['DROP TABLE orders'] }],
    ['a here-string', (u) => `psql ${u} <<< "DROP TABLE orders"`, { tables: ['orders'], statements: ['DROP TABLE orders'] }],
    ['piped from echo', (u) => `echo 'DROP TABLE orders;' | psql ${u}`, { tables: ['orders'], statements: ['DROP TABLE orders'] }],
    ['a file the client reads', (u) => `psql ${u} -f /w/app/drop.sql`, { tables: ['orders'], statements: ['DROP TABLE orders'] }, { '/w/app/drop.sql': '-- cleanup\nDROP TABLE orders;\n' }],
    ['inside bash -c through sudo', (u) => `sudo bash -c "psql ${u} -c 'DROP TABLE orders'"`, { tables: ['orders'], statements: ['DROP TABLE orders'] }],
    ['a dropped database is not a table', (u) => `psql ${u} -c "DROP DATABASE shop"`, { tables: [], statements: ['DROP DATABASE shop'] }],
    ['mysql -e', () => `mysql -h db.prod.example.com shop -e "DROP TABLE orders"`, { tables: ['orders'], statements: ['DROP TABLE orders'] }],
  ];
  for (const [name, make, expected, files] of cases) {
    it(name, () => {
      const got = statementsOf(make(prodUrl()), files);
      assert.deepEqual(got.statements, expected.statements);
      assert.deepEqual(got.tables, expected.tables);
      if (expected.database) assert.match(got.database, expected.database);
      assert.doesNotMatch(got.database, /pw[a-z0-9]/, 'no password in the database label');
    });
  }
});
