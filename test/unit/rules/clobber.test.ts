import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import type { GitPathState } from '../../../src/core/policy/types';
import { testFacts } from '../support/policyFixtures';

/**
 * Overwriting a file git cannot bring back (untracked or ignored environment files, key files, local
 * databases) loses it like a delete; a tracked file comes back with `git restore`, a new file loses
 * nothing, an append keeps what is there. Commands are written from each tool's manual (tee(1),
 * cp(1), dd(1), curl's `-o`, bash redirections, tar's `--remove-files`).
 */

const FILES: Record<string, string> = {
  '/work/app/.env.production': 'DATABASE_URL=postgres://u:p@db.prod.acme.io/shop\n',
  '/work/app/.env': 'DATABASE_URL=postgres://localhost/shop_dev\n',
  '/work/app/.env.example': 'DATABASE_URL=\n',
  '/work/app/config/master.key': 'x'.repeat(32),
  '/work/app/config/database.yml': 'production:\n  adapter: postgresql\n',
  '/work/app/db/development.sqlite3': 'SQLite format 3',
  '/work/app/storage/app/report.pdf': '%PDF',
  '/work/app/README.md': '# app\n',
  '/work/app/uploads/a.png': 'png',
  '/work/app/dist/out.txt': 'x',
  '/work/app/notes.txt': 'scratch',
  '/work/app/server.log': 'started',
  '/work/app/log/development.log': 'GET /',
  '/work/app/src/index.ts': 'export const edited = 1;\n',
  '/work/app/src/util.ts': 'export const same = 1;\n',
};

/** How git sees the fixture: what .gitignore covers is ignored, what was committed is unmodified. */
const STATES: Record<string, GitPathState> = {
  '/work/app/.env.production': 'ignored',
  '/work/app/.env': 'ignored',
  '/work/app/.env.example': 'unmodified',
  '/work/app/config/master.key': 'ignored',
  '/work/app/config/database.yml': 'unmodified',
  '/work/app/db/development.sqlite3': 'ignored',
  '/work/app/storage/app/report.pdf': 'ignored',
  '/work/app/README.md': 'unmodified',
  '/work/app/notes.txt': 'untracked',
  '/work/app/server.log': 'ignored',
  '/work/app/log/development.log': 'ignored',
  '/work/app/src/index.ts': 'modified',
  '/work/app/src/util.ts': 'unmodified',
  '/work/app/src': 'modified',
};

const facts = testFacts({
  files: FILES,
  gitPathStates: (_tree, paths) => Object.fromEntries(paths.map((p) => [p, STATES[p] ?? 'unknown'])),
});

const verdict = (command: string) => classify(command, facts, { lockdown: false });

const OVERWRITES = [
  'tee config/master.key < /dev/null',
  'echo "" > .env.production',
  'echo "DATABASE_URL=postgres://localhost/x" > .env.production',
  'printf "KEY=1\\n" >| .env',
  'cp .env.example .env.production',
  'cp -f .env.example .env',
  'cp -S .n .env.example .env.production',
  'install -m 600 /dev/null config/master.key',
  'mv .env.example .env.production',
  'dd if=/dev/zero of=.env.production bs=1 count=0',
  'dd if=/dev/urandom of=db/development.sqlite3 bs=1k count=1 conv=notrunc',
  'curl -sSo db/development.sqlite3 https://example.com/seed.sqlite3',
  'wget -O .env.production https://example.com/env',
  'cat .env.example | tee .env.production',
  'sort -o .env.production .env.example',
  'echo report > storage/app/report.pdf',
  'tar -cf /dev/null --remove-files uploads',
  'zip -qm /dev/null uploads/a.png',
];

const ALLOWED = [
  'echo "FOO=1" >> .env.production',
  'tee -a .env < /dev/null',
  'echo "# app" > README.md',
  'cp .env.example .env.test',
  'cp -n .env.example .env.production',
  'cp -an .env.example .env.production',
  'mv --no-clobber .env.example .env.production',
  'cp --update=none .env.example .env.production',
  'printf "a: 1\\n" > config/database.yml',
  'echo hi > notes.txt',
  'echo x > dist/out.txt',
  'tar -czf uploads.tgz --remove-files uploads',
  'cp .env.production /tmp/env.bak',
  'cp .env.example .env.staging.example',
  'dd if=.env.production of=/tmp/env.bak',
  'node server.js > server.log 2>&1',
  'echo > log/development.log',
  'chmod 600 .env.production',
  'touch config/master.key',
  'chown app:app db/development.sqlite3',
];

describe('clobber: files git cannot bring back, overwritten', () => {
  for (const command of OVERWRITES) {
    it(`${command}: asks`, () => {
      const v = verdict(command);
      assert.equal(v.decision, 'ask', JSON.stringify(v.reasons));
      assert.ok(v.reasons.some((r) => /^(Overwrites|Deletes) /.test(r)), JSON.stringify(v.reasons));
    });
  }
  for (const command of ALLOWED) {
    it(`${command}: no overwrite of untracked data`, () => {
      const v = verdict(command);
      assert.ok(!v.reasons.some((r) => /^Overwrites .*what it holds now is lost|after copying it to \/dev\/null/.test(r)), JSON.stringify(v.reasons));
    });
  }
  it('a command run elsewhere does not overwrite this machine', () => {
    const v = verdict("ssh db1 'echo > .env.production'");
    assert.ok(!v.reasons.some((r) => /what it holds now is lost/.test(r)), JSON.stringify(v.reasons));
  });
});

/** A tracked file with uncommitted changes: the work since the last commit exists only in the file. */
const DISCARDS_WORK = [
  'git checkout src/index.ts',
  'git checkout -- src/index.ts',
  'git checkout HEAD -- src/index.ts',
  'git restore src/index.ts',
  'git restore --worktree --staged src/index.ts',
  'git rm -f src/index.ts',
  'rm src/index.ts',
  'rm -f src/index.ts',
  'unlink src/index.ts',
  'sort -o src/index.ts /dev/null',
  'cp /dev/null src/index.ts',
  'mv /tmp/other.ts src/index.ts',
  'echo "" > src/index.ts',
  'tar czf /tmp/s.tgz src --remove-files',
  `python3 -c 'open("src/index.ts","w").close()'`,
  `node -e 'require("fs").writeFileSync("src/index.ts", "")'`,
  `ruby -e 'File.write("src/index.ts", "")'`,
];

/** The same commands on a file git holds as it is, a branch switch, in-place edits and authored files. */
const KEEPS_WORK = [
  'git checkout src/util.ts',
  'git restore src/util.ts',
  'rm src/util.ts',
  'rm README.md',
  'sort -o src/util.ts src/util.ts',
  'git checkout main',
  'git restore --staged src/index.ts',
  "sed -i 's/edited/changed/' src/index.ts",
  'npx prettier --write src/index.ts',
  'cat src/index.ts',
  'cp src/index.ts /tmp/index.ts.bak',
  `python3 -c 'print(open("src/index.ts").read())'`,
  `python3 -c 'open("src/util.ts","w").close()'`,
  'rm -f src/*.rej src/*.orig',
  'git rm --cached src/index.ts',
  'git rm -f src/util.ts',
  'mv src/index.ts src/main.ts',
];

describe('clobber: uncommitted work in a tracked file', () => {
  for (const command of DISCARDS_WORK) {
    it(`${command}: asks`, () => {
      const v = verdict(command);
      assert.equal(v.decision, 'ask', JSON.stringify(v.reasons));
      assert.ok(v.reasons.some((r) => /holds changes that are not committed/.test(r)), JSON.stringify(v.reasons));
    });
  }
  for (const command of KEEPS_WORK) {
    it(`${command}: loses no uncommitted work`, () => {
      const v = verdict(command);
      assert.ok(!v.reasons.some((r) => /holds changes that are not committed/.test(r)), JSON.stringify(v.reasons));
    });
  }
  it('a here-document written over the file is the agent writing the text it means', () => {
    const v = verdict("cat > src/index.ts <<'EOF'\nexport const x = 2;\nEOF");
    assert.ok(!v.reasons.some((r) => /holds changes that are not committed/.test(r)), JSON.stringify(v.reasons));
  });
});
