import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import type { Facts } from '../../../src/core/policy/types';
import { show } from './perimeterFixtures';
import { testFacts } from '../support/policyFixtures';

/**
 * Red team round 7 (issue #18, items 1 and 8): local work destroyed without `rm` and version control
 * other than git's own commands. Each asking row sits next to a look-alike that stays allowed.
 */

interface Row {
  cmd: string;
  decision: 'ask' | 'allow' | 'deny';
  production?: boolean;
  reason?: RegExp;
}

/** A repository at /work/app: src/index.ts holds uncommitted changes; db/ holds a local database git ignores. */
const facts = (): Facts =>
  testFacts({
    files: { '/work/app/src/index.ts': 'x\n', '/work/app/src/App.tsx': 'y\n', '/work/app/db/development.sqlite3': 'SQLite format 3', '/work/app/db/test.sqlite3': 'SQLite format 3' },
    gitPathStates: (_tree, paths) => Object.fromEntries(paths.map((p) => [p, p === '/work/app/src/index.ts' ? 'modified' : p.startsWith('/work/app/db') ? 'ignored' : 'unmodified'])),
  });

function table(title: string, rows: readonly Row[]): void {
  describe(title, () => {
    for (const row of rows) {
      it(`${row.decision}: ${row.cmd}`, () => {
        const verdict = classify(row.cmd, facts(), { lockdown: false });
        assert.equal(verdict.decision, row.decision, show(verdict));
        if (row.production !== undefined) assert.equal(verdict.production, row.production, show(verdict));
        if (row.reason !== undefined) assert.ok(verdict.reasons.some((r) => row.reason!.test(r)), show(verdict));
      });
    }
  });
}

table('round 7: a replacing redirect over the file the command reads', [
  { cmd: "sed 's/a/b/' src/index.ts > src/index.ts", decision: 'ask', reason: /not committed.*sed >/ },
  { cmd: "cat src/index.ts | grep -v TODO > src/index.ts", decision: 'ask' },
  { cmd: "awk '{print}' src/index.ts > src/index.ts", decision: 'ask' },
  { cmd: 'npx prettier src/index.ts > src/index.ts', decision: 'ask' },
  { cmd: 'sort -u src/index.ts > src/index.ts', decision: 'ask' },
  { cmd: "sed 's/a/b/' src/index.ts > /tmp/index.ts", decision: 'allow' },
  { cmd: "sed -i 's/a/b/' src/index.ts", decision: 'allow' },
  { cmd: 'npx prettier --write src/index.ts', decision: 'allow' },
  { cmd: "sed 's/a/b/' src/App.tsx > src/App.tsx", decision: 'allow' },
]);

table('round 7: interpreter code that empties, renames or copies over a file git cannot bring back', [
  { cmd: `perl -e 'truncate "db/development.sqlite3", 0'`, decision: 'ask', reason: /perl code overwrites db\/development\.sqlite3/ },
  { cmd: `perl -e 'open(my $fh, ">", "db/development.sqlite3")'`, decision: 'ask' },
  { cmd: `php -r 'file_put_contents("db/development.sqlite3", "");'`, decision: 'ask' },
  { cmd: `deno eval "await Deno.writeTextFile('db/development.sqlite3', '')"`, decision: 'ask' },
  { cmd: `bun -e "await Bun.write('db/development.sqlite3', '')"`, decision: 'ask' },
  { cmd: `python3 -c "import os; os.replace('db/test.sqlite3', 'db/development.sqlite3')"`, decision: 'ask' },
  { cmd: `node -e "require('fs').renameSync('db/test.sqlite3','db/development.sqlite3')"`, decision: 'ask' },
  { cmd: `python3 -c "import shutil; shutil.copyfile('/dev/null', 'db/development.sqlite3')"`, decision: 'ask' },
  { cmd: `ruby -e "FileUtils.cp('db/test.sqlite3', 'db/development.sqlite3')"`, decision: 'ask' },
  { cmd: `python3 -c "import os; os.replace('src/App.tsx', 'src/index.ts')"`, decision: 'ask', reason: /not committed/ },
  { cmd: `perl -e 'open(my $fh, "<", "db/development.sqlite3")'`, decision: 'allow' },
  { cmd: `php -r 'echo file_get_contents("db/development.sqlite3");'`, decision: 'allow' },
  { cmd: `node -e "require('fs').copyFileSync('db/development.sqlite3','db/backup.sqlite3')"`, decision: 'allow' },
  { cmd: `python3 -c "import shutil; shutil.copyfile('db/development.sqlite3', '/tmp/dev.sqlite3')"`, decision: 'allow' },
]);

table('round 7: Mercurial, Jujutsu and Subversion', [
  { cmd: 'hg strip -r 0', decision: 'ask', production: false, reason: /hg strip/ },
  { cmd: 'hg log -r 0', decision: 'allow' },
  { cmd: 'hg update -C', decision: 'ask', production: false },
  { cmd: 'hg update default', decision: 'allow' },
  { cmd: 'hg revert --all --no-backup', decision: 'ask' },
  { cmd: 'hg revert --all', decision: 'allow' },
  { cmd: 'hg purge', decision: 'ask' },
  { cmd: 'hg purge --print', decision: 'allow' },
  { cmd: 'hg push -f', decision: 'ask', production: true },
  { cmd: 'hg push', decision: 'allow' },
  { cmd: 'hg bookmark -d main', decision: 'ask' },
  { cmd: 'hg bookmarks', decision: 'allow' },
  { cmd: 'hg help strip', decision: 'allow' },
  { cmd: 'jj abandon main', decision: 'ask', production: false },
  { cmd: 'jj log', decision: 'allow' },
  { cmd: 'jj op restore abc', decision: 'ask' },
  { cmd: 'jj op log', decision: 'allow' },
  { cmd: 'jj bookmark set main -r @--- --allow-backwards', decision: 'ask' },
  { cmd: 'jj bookmark set main -r @', decision: 'allow' },
  { cmd: 'jj git push --deleted', decision: 'ask', production: true },
  { cmd: 'jj git push --deleted --dry-run', decision: 'allow' },
  { cmd: 'jj git push', decision: 'allow' },
  { cmd: 'svn revert -R .', decision: 'ask', production: false },
  { cmd: 'svn status', decision: 'allow' },
  { cmd: 'svn rm https://svn.example.com/repo/trunk/src -m gone', decision: 'ask', production: true },
  { cmd: 'svn rm src/old.c', decision: 'ask', production: false },
  { cmd: 'svn rm --keep-local src/old.c', decision: 'allow' },
  { cmd: 'svn cleanup --remove-unversioned', decision: 'ask' },
  { cmd: 'svn cleanup', decision: 'allow' },
  { cmd: 'svn log -l 5', decision: 'allow' },
]);

table('round 7: stacked-branch tools and git extensions', [
  { cmd: 'gt submit --force', decision: 'ask', production: true },
  { cmd: 'gt stack submit -f', decision: 'ask', production: true },
  { cmd: 'gt submit', decision: 'allow' },
  { cmd: 'gt log', decision: 'allow' },
  { cmd: 'gs stack submit --force', decision: 'ask', production: true },
  { cmd: 'gs ss --force', decision: 'ask', production: true },
  { cmd: 'gs stack submit', decision: 'allow' },
  { cmd: 'spr update --force', decision: 'ask', production: true },
  { cmd: 'spr update', decision: 'allow' },
  { cmd: 'ghstack submit --force', decision: 'ask', production: true },
  { cmd: 'ghstack', decision: 'allow' },
  { cmd: 'git town kill feature', decision: 'ask', production: true, reason: /git-town kill/ },
  { cmd: 'git-town delete feature', decision: 'ask' },
  { cmd: 'git town kill --dry-run feature', decision: 'allow' },
  { cmd: 'git town sync', decision: 'allow' },
  { cmd: 'git machete traverse --yes', decision: 'ask', production: true },
  { cmd: 'git machete traverse --yes --no-push', decision: 'allow' },
  { cmd: 'git machete status', decision: 'allow' },
  { cmd: 'git branchless sync --force', decision: 'ask' },
  { cmd: 'git branchless submit --force', decision: 'ask', production: true },
  { cmd: 'git branchless smartlog', decision: 'allow' },
  { cmd: "git lfs migrate import --everything --include='*.png'", decision: 'ask' },
  { cmd: 'git lfs migrate import --no-rewrite big.bin', decision: 'allow' },
  { cmd: 'git lfs migrate info --everything', decision: 'allow' },
  { cmd: 'git annex drop --force .', decision: 'ask' },
  { cmd: 'git annex dropunused all --force', decision: 'ask' },
  { cmd: 'git annex drop --force --from origin .', decision: 'ask', production: true },
  { cmd: 'git annex drop .', decision: 'allow' },
  { cmd: 'git annex whereis', decision: 'allow' },
]);

table('round 7: the manual of a destroying command, and download caches of the home folder', [
  { cmd: 'dropdb --help', decision: 'allow' },
  { cmd: 'dropdb shop', decision: 'ask' },
  { cmd: 'npx prisma migrate reset --help', decision: 'allow' },
  { cmd: 'npx prisma migrate reset', decision: 'ask' },
  { cmd: 'python manage.py flush -h', decision: 'allow' },
  { cmd: 'docker system prune --help', decision: 'allow' },
  { cmd: 'docker help volume', decision: 'allow' },
  { cmd: 'docker volume prune -f', decision: 'ask' },
  { cmd: 'docker system prune -f', decision: 'ask' },
  { cmd: 'aws rds delete-db-instance --generate-cli-skeleton', decision: 'allow' },
  { cmd: 'aws rds delete-db-instance --generate-cli-skeleton output --db-instance-identifier shop', decision: 'allow' },
  { cmd: 'aws rds delete-db-instance --db-instance-identifier shop', decision: 'ask' },
]);

describe('round 7: download caches stay routine when the home folder is the workspace', () => {
  const home = (): Facts => testFacts({ cwd: '/home/dev', home: '/home/dev', workspaceRoots: ['/home/dev'] });
  for (const [cmd, decision] of [['rm -rf ~/.npm/_cacache', 'allow'], ['rm -rf ~/.cache/pip', 'allow'], ['rm -rf ~/.npm', 'ask'], ['rm -rf ~/projects', 'ask']] as const) {
    it(`${decision}: ${cmd}`, () => assert.equal(classify(cmd, home(), { lockdown: false }).decision, decision));
  }
});

describe('round 7: programs that write their output file over the input or over data git does not hold', () => {
  const data = (): Facts =>
    testFacts({
      files: { '/work/app/src/index.ts': 'x\n', '/work/app/uploads/a.png': 'png', '/work/app/db/development.sqlite3': 'SQLite format 3' },
      gitPathStates: (_t, ps) => Object.fromEntries(ps.map((p) => [p, p === '/work/app/src/index.ts' ? 'modified' : p.includes('/uploads/') || p.includes('/db/') ? 'ignored' : 'unmodified'])),
    });
  const rows: [string, 'ask' | 'allow'][] = [
    ['mogrify -resize 1x1 uploads/a.png', 'ask'],
    ['mogrify -path /tmp/thumbs -resize 64x64 uploads/a.png', 'allow'],
    ['convert uploads/a.png -resize 1x1 uploads/a.png', 'ask'],
    ['magick uploads/a.png -strip uploads/a.png', 'ask'],
    ['convert uploads/a.png -resize 64x64 /tmp/thumb.png', 'allow'],
    ['sponge db/development.sqlite3 < /dev/null', 'ask'],
    ['sort db/report.sql | sponge /tmp/sorted.sql', 'allow'],
    ['openssl enc -aes-256-cbc -in db/development.sqlite3 -out db/development.sqlite3 -k x', 'ask'],
    ['openssl enc -aes-256-cbc -in db/development.sqlite3 -out /tmp/dev.enc -k x', 'allow'],
    ['gpg -c --batch --passphrase x --yes -o db/development.sqlite3 db/development.sqlite3', 'ask'],
    ['gpg -c --batch --passphrase x -o /tmp/dev.gpg db/development.sqlite3', 'allow'],
    ['npx esbuild src/App.tsx --outfile=src/index.ts', 'ask'],
    ['npx esbuild src/App.tsx --bundle --outfile=dist/index.js', 'allow'],
    ['npx babel src/App.tsx -o src/index.ts', 'ask'],
    ['npx swc src/App.tsx -o src/index.ts', 'ask'],
    ['npx babel src/App.tsx -o dist/App.js', 'allow'],
    ['npx openapi-typescript api.yaml -o src/index.ts', 'ask'],
    ['npx openapi-typescript api.yaml -o src/api-types.ts', 'allow'],
    ["sqlite3 db/development.sqlite3 '.output db/development.sqlite3'", 'ask'],
    ["sqlite3 db/development.sqlite3 '.once src/index.ts' 'select 1;'", 'ask'],
    ["sqlite3 db/development.sqlite3 '.output /tmp/out.txt' 'select 1;'", 'allow'],
    ["sqlite3 db/development.sqlite3 '.tables'", 'allow'],
  ];
  for (const [cmd, decision] of rows) it(`${decision}: ${cmd}`, () => assert.equal(classify(cmd, data(), { lockdown: false }).decision, decision, cmd));
  it('a workspace under /tmp still has its ignored data judged (the regenerated-folder test reads the path below the workspace)', () => {
    const tmp = testFacts({ cwd: '/tmp/w/app', workspaceRoots: ['/tmp/w/app'], files: { '/tmp/w/app/uploads/a.png': 'png' }, gitPathStates: (_t, ps) => Object.fromEntries(ps.map((p) => [p, 'ignored'])) });
    assert.equal(classify('echo x > uploads/a.png', tmp, { lockdown: false }).decision, 'ask');
    assert.equal(classify('echo x > tmp/cache.txt', testFacts({ cwd: '/tmp/w/app', workspaceRoots: ['/tmp/w/app'], files: { '/tmp/w/app/tmp/cache.txt': 'x' }, gitPathStates: (_t, ps) => Object.fromEntries(ps.map((p) => [p, 'ignored'])) }), { lockdown: false }).decision, 'allow');
  });
});

table('round 7: in-place edits whose script keeps no line, beside edits that change some', [
  { cmd: 'sed -i d src/index.ts', decision: 'ask', reason: /empties it \(sed in place/ },
  { cmd: "sed -i '1,$d' src/index.ts", decision: 'ask' },
  { cmd: "sed -n -i '' src/index.ts", decision: 'ask' },
  { cmd: "sed -i '/TODO/d' src/index.ts", decision: 'allow' },
  { cmd: "sed -n -i '/x/p' src/index.ts", decision: 'allow' },
  { cmd: "perl -pi -e 's/.*//s' src/index.ts", decision: 'ask' },
  { cmd: "perl -i -ne '' src/index.ts", decision: 'ask' },
  { cmd: "perl -pi -e 's/foo/bar/' src/index.ts", decision: 'allow' },
  { cmd: "perl -i -ne 'print unless /TODO/' src/index.ts", decision: 'allow' },
  { cmd: "awk -i inplace 'NR<0' src/index.ts", decision: 'ask' },
  { cmd: "awk -i inplace '{}' src/index.ts", decision: 'ask' },
  { cmd: "awk -i inplace '{ sub(/a/, \"b\") } 1' src/index.ts", decision: 'allow' },
  { cmd: "printf ',d\\nw\\n' | ed -s src/index.ts", decision: 'ask' },
  { cmd: "printf ',s/a/b/\\nw\\n' | ed -s src/index.ts", decision: 'allow' },
  { cmd: "ex -sc '%d|x' src/index.ts", decision: 'ask' },
  { cmd: "vim -es -c '%d' -c 'wq' src/index.ts", decision: 'ask' },
  { cmd: "vim -es -c '%d' -c 'q!' src/index.ts", decision: 'allow' },
  { cmd: "ex -sc '%s/a/b/|x' src/index.ts", decision: 'allow' },
  { cmd: 'sed -i d src/App.tsx', decision: 'allow' },
]);

describe('round 7: deferred execution, the write flagged with where and when it runs', () => {
  const RESET = "const { execSync } = require('child_process');\nexecSync('psql -h db.prod.acme.internal -c \"DROP TABLE users\"');\n";
  const project = (): Facts =>
    testFacts({
      files: {
        '/work/app/scripts/reset-db.js': RESET,
        '/work/app/scripts/hello.js': 'console.log("hi");\n',
        '/work/app/scripts/deploy.sh': '#!/bin/sh\nnpm run build\n',
        '/work/app/src/index.ts': 'export {};\n',
        '/work/app/package.json': JSON.stringify({ name: 'x', scripts: { lint: 'eslint .', seed: 'node prisma/seed.js' } }, null, 2),
      },
    });
  const rows: [string, 'ask' | 'allow' | 'deny', RegExp?][] = [
    ["echo 'redis-cli -h cache.prod.acme.internal FLUSHALL' | tee -a scripts/deploy.sh", 'ask', /script scripts\/deploy\.sh/],
    ["echo 'npm run build' | tee -a scripts/deploy.sh", 'allow'],
    ["printf 'module.exports = { up: (q) => q.dropTable(\"users\") }\\n' > migrations/20250101-drop.js", 'ask', /migration .*when the migrations are applied/],
    ["printf 'module.exports = { up: (q) => q.createTable(\"users\", {}), down: (q) => q.dropTable(\"users\") }\\n' > migrations/20250101-create.js", 'allow'],
    ["printf 'def upgrade():\\n    op.drop_table(\"users\")\\n' > alembic/versions/1_drop.py", 'ask'],
    ["printf 'services:\\n  x:\\n    image: redis\\n    command: redis-cli -h cache.prod.acme.internal FLUSHALL\\n' > docker-compose.yml", 'ask', /compose file/i],
    ["printf 'services:\\n  web:\\n    image: node\\n    command: node server.js\\n' > docker-compose.yml", 'allow'],
    ["printf 'apiVersion: batch/v1\\nkind: Job\\nspec: {template: {spec: {containers: [{name: w, image: postgres, command: [\"psql\",\"-h\",\"db.prod.acme.internal\",\"-c\",\"DROP TABLE users\"]}]}}}\\n' > k8s/wipe.yaml", 'ask', /Kubernetes Job manifest/],
    ["printf 'apiVersion: apps/v1\\nkind: Deployment\\nspec: {template: {spec: {containers: [{name: w, image: node, command: [\"node\",\"server.js\"]}]}}}\\n' > k8s/web.yaml", 'allow'],
    ["printf 'hooks:\\n  - events: [\"presync\"]\\n    command: \"kubectl\"\\n    args: [\"delete\",\"ns\",\"payments\"]\\n' > helmfile.yaml", 'ask', /helmfile/],
    ["printf 'hooks:\\n  - events: [\"presync\"]\\n    command: \"kubectl\"\\n    args: [\"get\",\"ns\"]\\n' > helmfile.yaml", 'allow'],
    ["printf 'module.exports = { globalSetup: \"./scripts/reset-db.js\" }\\n' > jest.config.js", 'ask', /reset-db\.js \(loaded by the configuration jest\.config\.js\)/],
    ["printf 'module.exports = { globalSetup: \"./scripts/hello.js\" }\\n' > jest.config.js", 'allow'],
    ["printf \"module.exports = async () => { require('child_process').execSync('psql -h db.prod.acme.internal -c \\\"drop table users\\\"') }\\n\" > jest.global-setup.js", 'ask'],
    ["echo 'import \"../scripts/reset-db.js\";' >> src/index.ts", 'ask', /loaded by the file src\/index\.ts/],
    ["echo 'import \"../scripts/hello.js\";' >> src/index.ts", 'allow'],
    ["echo 'os.system(\"redis-cli -h cache.prod.acme.internal FLUSHALL\")' >> server/settings.py", 'ask', /Django project starts/],
    ["echo 'DEBUG = True' >> server/settings.py", 'allow'],
    ["perl -pi -e 's/\"lint\": \"eslint .\"/\"lint\": \"rm -rf uploads\"/' package.json", 'ask', /scripts of package\.json/],
    ["perl -pi -e 's/\"lint\": \"eslint .\"/\"lint\": \"eslint src\"/' package.json", 'allow'],
    ["sed -i 's/\"lint\": \"eslint .\"/\"lint\": \"eslint src\"/' package.json", 'allow'],
    ["echo '' | crontab -", 'ask', /no job/],
    ["echo '0 3 * * * echo hi' | crontab -", 'allow'],
  ];
  for (const [cmd, decision, reason] of rows) {
    it(`${decision}: ${cmd}`, () => {
      const v = classify(cmd, project(), { lockdown: false });
      assert.equal(v.decision, decision, show(v));
      if (reason) assert.ok(v.reasons.some((r) => reason.test(r)), show(v));
    });
  }
});

describe('round 7: checks taken out of the way (CI workflows, code owners, scanners, tests)', () => {
  const CI = 'on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n';
  const repo = (): Facts =>
    testFacts({
      files: {
        '/work/app/.github/workflows/ci.yml': CI,
        '/work/app/.github/CODEOWNERS': '* @acme/core\n',
        '/work/app/package.json': JSON.stringify({ name: 'x', scripts: { test: 'vitest run' } }),
      },
    });
  const rows: [string, 'ask' | 'allow', boolean?][] = [
    ["sed -i '/npm test/d' .github/workflows/ci.yml", 'ask', true],
    ["sed -i 's/node-version: 18/node-version: 20/' .github/workflows/ci.yml", 'allow'],
    ["printf 'on: [workflow_dispatch]\\n' > .github/workflows/ci.yml", 'ask', true],
    ["printf 'on: [workflow_dispatch]\\njobs:\\n  t:\\n    runs-on: ubuntu-latest\\n    steps:\\n      - run: npm test\\n' > .github/workflows/ci.yml", 'ask'],
    ["printf 'on: [push]\\njobs:\\n  t:\\n    runs-on: ubuntu-latest\\n    steps:\\n      - run: npm test\\n' > .github/workflows/ci.yml", 'allow'],
    ['rm .github/workflows/ci.yml', 'ask', true],
    ['git rm .github/workflows/ci.yml', 'ask'],
    ['git mv .github/workflows/ci.yml .github/workflows/test.yml', 'allow'],
    ["echo '* @evil' > .github/CODEOWNERS", 'ask', true],
    ["echo '/docs/ @docs-team' >> .github/CODEOWNERS", 'allow'],
    ["printf '[allowlist]\\npaths = [\".*\"]\\n' > .gitleaks.toml", 'ask'],
    ["printf '[allowlist]\\npaths = [\"test/fixtures/.*\\\\.pem\"]\\n' > .gitleaks.toml", 'allow'],
    ["echo '*' >> .gitleaksignore", 'ask'],
    ["echo 'test/fixtures/fake-key.pem' >> .gitleaksignore", 'allow'],
    ["echo '**' > .semgrepignore", 'ask'],
    ["npm pkg set scripts.test='true'", 'ask'],
    ["npm pkg set scripts.test='exit 0'", 'ask'],
    ["npm pkg set scripts.test='vitest run --coverage'", 'allow'],
    ["echo 'export default { test: { exclude: [\"**\"] } }' > vitest.config.ts", 'ask'],
    ["echo 'export default { test: { exclude: [\"e2e/**\"] } }' > vitest.config.ts", 'allow'],
    ["echo 'module.exports = { testPathIgnorePatterns: [\".*\"] }' > jest.config.js", 'ask'],
  ];
  for (const [cmd, decision, production] of rows) {
    it(`${decision}: ${cmd}`, () => {
      const v = classify(cmd, repo(), { lockdown: false });
      assert.equal(v.decision, decision, show(v));
      if (production !== undefined) assert.equal(v.production, production, show(v));
    });
  }
});

describe('round 7: git plumbing, scaffolders and deletes fed on standard input', () => {
  const tree = (): Facts =>
    testFacts({
      files: { '/work/app/src/index.ts': 'x\n', '/work/app/src/App.tsx': 'y\n', '/work/app/prisma/schema.prisma': 'model A {}\n', '/work/app/uploads/a.png': 'png' },
      gitPathStates: (_t, ps) => Object.fromEntries(ps.map((p) => [p, p === '/work/app/src/index.ts' || p === '/work/app/prisma/schema.prisma' || p === '/work/app' || p === '/work/app/src' ? 'modified' : 'unmodified'])),
    });
  const rows: [string, 'ask' | 'allow' | 'deny'][] = [
    ['git checkout-index -f src/index.ts', 'ask'],
    ['git checkout-index -f src/App.tsx', 'allow'],
    ['git checkout-index src/index.ts', 'allow'],
    ['git mv -f src/App.tsx src/index.ts', 'ask'],
    ['git mv src/App.tsx src/Main.tsx', 'allow'],
    ['rails new . --force --skip-git', 'ask'],
    ['rails new . --skip-git', 'allow'],
    ['copier copy --overwrite gh:someone/tpl .', 'ask'],
    ['copier copy gh:someone/tpl .', 'allow'],
    ['cookiecutter gh:someone/tpl --overwrite-if-exists --no-input -o .', 'ask'],
    ['cookiecutter gh:someone/tpl --no-input -o /tmp/out', 'allow'],
    ['npx prisma db pull --force', 'ask'],
    ['npx prisma db pull', 'allow'],
    ['find uploads -type f -print0 | xargs -0 unlink', 'ask'],
    ['find /tmp/build -type f -print0 | xargs -0 ls -l', 'allow'],
  ];
  for (const [cmd, decision] of rows) it(`${decision}: ${cmd}`, () => assert.equal(classify(cmd, tree(), { lockdown: false }).decision, decision, show(classify(cmd, tree(), { lockdown: false }))));
});

describe('round 7: data moved to a temporary folder, R deletes', () => {
  const data = (): Facts =>
    testFacts({
      files: { '/work/app/src/index.ts': 'x\n', '/work/app/uploads/a.png': 'png', '/work/app/dist/index.js': 'x', '/work/app/db/development.sqlite3': 'SQLite format 3' },
      gitPathStates: (_t, ps) => Object.fromEntries(ps.map((p) => [p, p === '/work/app/src/index.ts' ? 'modified' : /\/(uploads|dist|db)(\/|$)/.test(p) ? 'ignored' : 'unmodified'])),
    });
  const rows: [string, 'ask' | 'allow'][] = [
    ['mv uploads /tmp/trash-$(date +%s) && rm -rf /tmp/trash-*', 'ask'],
    ['mv uploads /tmp/', 'ask'],
    ['mv db/development.sqlite3 /tmp/', 'ask'],
    ['mv dist /tmp/old-dist', 'allow'],
    ['mv uploads storage/uploads', 'allow'],
    [`Rscript -e 'unlink("uploads", recursive=TRUE)'`, 'ask'],
    [`Rscript -e 'unlink("/tmp/r-cache", recursive=TRUE)'`, 'allow'],
    [`Rscript -e 'print(file.exists("uploads"))'`, 'allow'],
  ];
  for (const [cmd, decision] of rows) it(`${decision}: ${cmd}`, () => assert.equal(classify(cmd, data(), { lockdown: false }).decision, decision, show(classify(cmd, data(), { lockdown: false }))));
});

table('round 7: a bookmark deleted here and pushed by name', [
  { cmd: 'hg bookmark -d main && hg push -B main', decision: 'ask', production: true, reason: /deletes it on the remote/ },
  { cmd: 'hg bookmark -d old && hg push -B main', decision: 'ask', production: false },
  { cmd: 'hg bookmark feature && hg push -B feature', decision: 'allow' },
]);

describe('round 7: an application entry file is judged by what a write adds', () => {
  const app = (): Facts =>
    testFacts({
      files: {
        '/work/app/scripts/reset-db.js': "require('child_process').execSync('psql -h db.prod.acme.internal -c \"DROP TABLE users\"');\n",
        '/work/app/src/index.ts': 'import "../scripts/reset-db.js";\nexport const a = 1;\n',
      },
    });
  it('allow: a rewrite that keeps an import the file already had', () => {
    const v = classify(`printf 'import "../scripts/reset-db.js";\\nexport const a = 2;\\n' > src/index.ts`, app(), { lockdown: false });
    assert.equal(v.decision, 'allow', show(v));
  });
  it('ask: the same file given a new import of that script', () => {
    const v = classify(`printf 'import "../scripts/reset-db.js";\\n' > src/main.ts`, app(), { lockdown: false });
    assert.equal(v.decision, 'ask', show(v));
  });
});
