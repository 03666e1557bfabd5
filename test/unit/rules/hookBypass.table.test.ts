import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import type { Facts } from '../../../src/core/policy/types';
import { testFacts } from '../support/policyFixtures';

/**
 * Git's hooks skipped for one command (issue #18, red team round 8): `--no-verify` asks only where
 * the repository has a hook it skips (`.git/hooks`, `core.hooksPath`, husky's `.husky`), and names it.
 */

const scanner = '#!/bin/sh\n# installed by the team\ngitleaks protect --staged --redact\n';

const withHooks = (files: Record<string, string>, extra: Partial<Facts> = {}): Facts => testFacts({ files, ...extra });

const cases: readonly { what: string; facts: () => Facts; cmd: string; decision: 'ask' | 'allow'; reason?: RegExp }[] = [
  { what: 'a pre-commit hook in .git/hooks', facts: () => withHooks({ '/work/app/.git/hooks/pre-commit': scanner }), cmd: 'git commit --no-verify -m x', decision: 'ask', reason: /pre-commit hook \(\.git\/hooks\/pre-commit\), which runs `gitleaks/ },
  { what: 'commit -n in a cluster', facts: () => withHooks({ '/work/app/.git/hooks/pre-commit': scanner }), cmd: 'git commit -anm wip', decision: 'ask' },
  { what: 'a commit-msg hook', facts: () => withHooks({ '/work/app/.git/hooks/commit-msg': '#!/bin/sh\nnpx commitlint --edit "$1"\n' }), cmd: 'git commit --no-verify -m x', decision: 'ask', reason: /commit-msg/ },
  { what: "husky's .husky/pre-commit", facts: () => withHooks({ '/work/app/.husky/pre-commit': 'npx lint-staged\n' }), cmd: 'git -C /work/app commit --no-verify -m x', decision: 'ask', reason: /\.husky\/pre-commit/ },
  { what: 'core.hooksPath', facts: () => withHooks({ '/work/app/.git/config': '[core]\n\thooksPath = .githooks\n', '/work/app/.githooks/pre-push': 'npm test\n' }), cmd: 'git push --no-verify origin main', decision: 'ask', reason: /pre-push/ },
  { what: 'a pre-push hook', facts: () => withHooks({ '/work/app/.git/hooks/pre-push': 'npm test\n' }), cmd: 'git push origin feature/x --no-verify', decision: 'ask' },
  { what: 'no hook at all', facts: () => withHooks({}), cmd: 'git commit --no-verify -m x', decision: 'allow' },
  { what: 'only sample hooks', facts: () => withHooks({ '/work/app/.git/hooks/pre-commit.sample': scanner }), cmd: 'git commit -n -m x', decision: 'allow' },
  { what: 'a hook that does nothing', facts: () => withHooks({ '/work/app/.git/hooks/pre-commit': '#!/bin/sh\nexit 0\n' }), cmd: 'git commit --no-verify -m x', decision: 'allow' },
  { what: 'a pre-commit hook, but a push skips only pre-push', facts: () => withHooks({ '/work/app/.git/hooks/pre-commit': scanner }), cmd: 'git push --no-verify origin feature/x', decision: 'allow' },
  { what: 'the hook runs', facts: () => withHooks({ '/work/app/.git/hooks/pre-commit': scanner }), cmd: 'git commit -m x', decision: 'allow' },
  { what: 'hooksPath elsewhere leaves .git/hooks unused', facts: () => withHooks({ '/work/app/.git/config': '[core]\n\thooksPath = .githooks\n', '/work/app/.git/hooks/pre-push': 'npm test\n' }), cmd: 'git push --no-verify origin feature/x', decision: 'allow' },
];

describe('rules: git hooks skipped with --no-verify (issue #18, round 8)', () => {
  for (const c of cases) {
    it(`${c.decision}: ${c.cmd} (${c.what})`, () => {
      const verdict = classify(c.cmd, c.facts(), { lockdown: false });
      assert.equal(verdict.decision, c.decision, JSON.stringify(verdict, null, 1));
      if (c.reason !== undefined) assert.ok(verdict.reasons.some((r) => c.reason!.test(r)), JSON.stringify(verdict.reasons));
    });
  }
});
