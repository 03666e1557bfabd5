import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import type { Facts } from '../../../src/core/policy/types';
import { show } from './perimeterFixtures';
import { testFacts } from '../support/policyFixtures';

/**
 * Red team round 8 (issue #18): local work destroyed by spellings round 7 did not read — a sed
 * `w` command (sed empties the file it names when it starts), whole-line substitutions and prints
 * that never happen, an in-place editor run by `find -exec`, a decoder fed a here-string writing
 * over a file, Perl's two-argument `open`, and interpreter code writing git's own records. Each
 * asking row sits next to a look-alike that stays allowed.
 */

interface Row {
  cmd: string;
  decision: 'ask' | 'allow' | 'deny';
  reason?: RegExp;
}

/** A repository at /work/app: src/index.ts holds uncommitted changes; db/ holds a local database git ignores. */
const facts = (): Facts =>
  testFacts({
    files: { '/work/app/src/index.ts': 'x\n', '/work/app/src/App.tsx': 'y\n', '/work/app/db/development.sqlite3': 'SQLite format 3', '/work/app/.git/HEAD': 'ref: refs/heads/main\n' },
    gitPathStates: (_tree, paths) => Object.fromEntries(paths.map((p) => [p, p === '/work/app/src/index.ts' || p === '/work/app/src' || p === '/work/app' ? 'modified' : p.startsWith('/work/app/db') ? 'ignored' : 'unmodified'])),
  });

function table(title: string, rows: readonly Row[]): void {
  describe(title, () => {
    for (const row of rows) {
      it(`${row.decision}: ${row.cmd}`, () => {
        const verdict = classify(row.cmd, facts(), { lockdown: false });
        assert.equal(verdict.decision, row.decision, show(verdict));
        if (row.reason !== undefined) assert.ok(verdict.reasons.some((r) => row.reason!.test(r)), show(verdict));
      });
    }
  });
}

table('round 8: files a sed script writes with `w`', [
  { cmd: "sed -n '1w db/development.sqlite3' /dev/null", decision: 'ask', reason: /development\.sqlite3/ },
  { cmd: "sed -n '$w db/development.sqlite3' src/App.tsx", decision: 'ask' },
  { cmd: "sed 's/a/b/w db/development.sqlite3' src/App.tsx", decision: 'ask' },
  { cmd: "sed -e '/TODO/w src/index.ts' src/App.tsx", decision: 'ask', reason: /not committed/ },
  { cmd: "sed -n '/TODO/w /tmp/todos.txt' src/index.ts", decision: 'allow' },
  { cmd: "sed -n '/TODO/p' src/index.ts", decision: 'allow' },
  { cmd: "sed 's/a/b/w /dev/stdout' src/App.tsx", decision: 'allow' },
]);

table('round 8: in-place edits that keep no line', [
  { cmd: "sed -i 's/.*//' src/index.ts", decision: 'ask', reason: /empties it \(sed in place/ },
  { cmd: "sed -i 's/^.*$//g' src/index.ts", decision: 'ask' },
  { cmd: "perl -i -ne 'print if 0' src/index.ts", decision: 'ask', reason: /perl in place/ },
  { cmd: "perl -i -ne 'print unless 1' src/index.ts", decision: 'ask' },
  { cmd: "find src -name '*.ts' -exec sed -i 's/.*//' {} +", decision: 'ask', reason: /find in place/ },
  { cmd: "find src -name '*.ts' -exec sed -i d {} \\;", decision: 'ask' },
  { cmd: "sed -i 's/.*foo//' src/index.ts", decision: 'allow' },
  { cmd: "perl -i -ne 'print if /\\S/' src/index.ts", decision: 'allow' },
  { cmd: "find src -name '*.ts' -exec sed -i 's/foo/bar/' {} +", decision: 'allow' },
  { cmd: "sed -i 's/.*//' src/App.tsx", decision: 'allow' },
]);

table('round 8: a decoder fed a here-string writes over the file; a here-document copied stays the agent\'s text', [
  { cmd: 'xxd -r -p <<< 00 > src/index.ts', decision: 'ask', reason: /xxd >/ },
  { cmd: 'base64 -d <<< eA== > src/index.ts', decision: 'ask', reason: /base64 >/ },
  { cmd: "tr -d x <<'EOF' > src/index.ts\nabc\nEOF", decision: 'ask' },
  { cmd: "cat > src/index.ts <<'EOF'\nexport const x = 1;\nEOF", decision: 'allow' },
  { cmd: 'cat <<< "export const x = 1;" > src/index.ts', decision: 'allow' },
  { cmd: 'base64 -d <<< eA== > /tmp/out.bin', decision: 'allow' },
]);

table("round 8: Perl's two-argument open and code writing git's own records", [
  { cmd: `perl -e 'open F,">src/index.ts"'`, decision: 'ask', reason: /perl code/ },
  { cmd: `perl -e 'open(F, "> db/development.sqlite3")'`, decision: 'ask' },
  { cmd: `python3 -c "open('.git/HEAD','w').write('garbage')"`, decision: 'ask', reason: /repository's own records/ },
  { cmd: `node -e "require('fs').writeFileSync('.git/index', '')"`, decision: 'ask' },
  { cmd: `perl -e 'open F,"<src/index.ts"; print <F>'`, decision: 'allow' },
  { cmd: `perl -e 'open F,">>src/index.ts"; print F "x"'`, decision: 'allow' },
  { cmd: `python3 -c "print(open('.git/HEAD').read())"`, decision: 'allow' },
  { cmd: `python3 -c "open('notes.txt','w').write('x')"`, decision: 'allow' },
]);

table('round 8: the files git lists as changed, fed by xargs to a command that puts back the committed text', [
  { cmd: 'git diff --name-only | xargs git checkout --', decision: 'ask', reason: /fed by xargs the files git lists as changed/ },
  { cmd: 'git ls-files -m | xargs git checkout --', decision: 'ask' },
  { cmd: 'git ls-files --modified | xargs -r git restore', decision: 'ask' },
  { cmd: "git status --porcelain | awk '{print $2}' | xargs git checkout HEAD --", decision: 'ask' },
  { cmd: 'git diff --name-only | xargs git add', decision: 'allow' },
  { cmd: 'git diff --name-only | xargs git restore --staged', decision: 'allow' },
  { cmd: "git diff --name-only | xargs sed -i 's/foo/bar/'", decision: 'allow' },
  { cmd: 'git diff --name-only | xargs npx eslint --fix', decision: 'allow' },
  { cmd: 'git diff --name-only | xargs wc -l', decision: 'allow' },
]);

table('round 8: history rewritten by programs outside git\'s own commands', [
  { cmd: 'git-filter-repo --path src --invert-paths', decision: 'ask', reason: /rewrites every commit/ },
  { cmd: 'git-filter-repo --replace-text expressions.txt --force', decision: 'ask' },
  { cmd: 'java -jar bfg.jar --strip-blobs-bigger-than 1M', decision: 'ask', reason: /bfg/ },
  { cmd: 'java -Xmx2g -jar ~/bin/bfg-1.14.0.jar --delete-files secrets.txt my-repo.git', decision: 'ask' },
  { cmd: 'bfg --delete-folders build --no-blob-protection', decision: 'ask' },
  { cmd: 'git-filter-repo --analyze', decision: 'allow' },
  { cmd: 'git-filter-repo --path src --invert-paths --dry-run', decision: 'allow' },
  { cmd: 'java -jar bfg.jar --help', decision: 'allow' },
  { cmd: 'bfg --version', decision: 'allow' },
  { cmd: 'java -jar build/libs/app.jar --server.port=8080', decision: 'allow' },
]);

describe('round 8: recursive deletes that lose nothing', () => {
  /** /work/app: lib/ is committed as it is, src/ holds a change, notes/ an untracked file, tools/ a repository of its own; storage/ has no cache. */
  const states: Record<string, string> = { '/work/app/lib': 'unmodified', '/work/app/src': 'modified', '/work/app/notes': 'untracked', '/work/app/big': 'unknown', '/work/app/tools': 'unmodified' };
  const world = (): Facts =>
    testFacts({
      files: {
        '/work/app/lib/a.ts': 'a', '/work/app/src/index.ts': 'x', '/work/app/notes/todo.md': 't', '/work/app/big/x': 'x', '/work/app/storage/app/.gitkeep': '', '/work/app/tools/.git/HEAD': 'ref: x', '/work/app/tools/y.c': 'y',
      },
      gitPathStates: (_tree, paths) => Object.fromEntries(paths.map((p) => [p, (states[p] ?? 'unknown') as never])),
    });
  const rows: readonly Row[] = [
    { cmd: 'rm -rf lib', decision: 'allow' },
    { cmd: 'rm -rf storage/cache', decision: 'allow' },
    { cmd: 'rm -r ./lib', decision: 'allow' },
    { cmd: 'rm -rf src', decision: 'ask', reason: /src/ },
    { cmd: 'rm -rf notes', decision: 'ask' },
    { cmd: 'rm -rf big', decision: 'ask' },
    { cmd: 'rm -rf tools', decision: 'ask' },
    { cmd: 'rm -rf storage', decision: 'ask' },
    { cmd: 'rm -rf storage/uploads', decision: 'ask' },
    { cmd: 'rm -rf .', decision: 'ask' },
    // What runs later finds the machine as it is then: a hook's delete is judged without today's facts.
    { cmd: "echo 'rm -rf lib storage/cache' > .husky/pre-commit", decision: 'ask' },
    // Something moved in earlier on the line is not in the commit: the facts of before do not hold.
    { cmd: 'mv notes/todo.md lib/ && rm -rf lib', decision: 'ask' },
    { cmd: 'mv notes storage/cache && rm -rf storage/cache', decision: 'ask' },
    { cmd: "sh -c 'rm -rf lib'", decision: 'ask' },
  ];
  for (const row of rows) {
    it(`${row.decision}: ${row.cmd}`, () => {
      const verdict = classify(row.cmd, world(), { lockdown: false });
      assert.equal(verdict.decision, row.decision, show(verdict));
      if (row.reason !== undefined) assert.ok(verdict.reasons.some((r) => row.reason!.test(r)), show(verdict));
    });
  }
});
