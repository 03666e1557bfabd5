import type { Facts } from '../../../src/core/policy/types';
import { allow, ask, blocked, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';
import { PERIMETER_FILES, perimeterFacts } from './perimeterFixtures';

/**
 * Stop 34 (repo area): `git config core.hooksPath FOLDER` to a folder that exists switches off the hooks
 * of the folder in use (a gitleaks pre-commit in `.git/hooks`) and makes git run whatever appears in FOLDER
 * later. It is judged as the same setting is for a folder the hook cannot read: asked, denied where this
 * machine holds the guard's places. The folder already in use and the folder the repository's hook
 * manager uses (husky) stay allowed, as do reads of the setting.
 */

const GITLEAKS = '#!/bin/sh\n# installed by the team\ngitleaks protect --staged --redact\n';
const PROJECT = { '/work/app/src/index.ts': 'export const a = 1;\n', '/work/app/.git/hooks/pre-commit': GITLEAKS };

/** The project with a team hook in .git/hooks, `.githooks/` beside it, and `extra` files. */
function project(extra: Record<string, string>): Facts {
  return testFacts({ files: { ...PROJECT, '/work/app/.githooks/pre-commit': '#!/bin/sh\nnpm test\n', '/work/app/package.json': '{"name":"app"}\n', ...extra } });
}

describe('s34 repo: core.hooksPath pointed at an existing folder', () => {
  decisionTable(project({}))('a team hook in .git/hooks, no guard places on the machine', [
    ask('git config core.hooksPath src', { says: /stops running the hooks of \.git\/hooks \(\.git\/hooks\/pre-commit runs `gitleaks protect --staged --redact`\)/ }),
    ask('git config core.hooksPath .githooks'),
    ask('git config --local core.hooksPath ./src/'),
    ask('git config set core.hooksPath src'),
    allow('git config core.hooksPath .git/hooks'),
    allow('git config core.hooksPath ./.git/hooks/'),
    allow('git config --get core.hooksPath'),
    ask('git -c core.hooksPath=src commit -m wip', { says: /git -c/ }),
    ask('git -c core.hooksPath=./src push origin main'),
    allow('git -c core.hooksPath=src status'),
    allow('git -c core.hooksPath=.git/hooks commit -m wip'),
    allow('git config core.autocrlf input'),
    allow('git config user.name "Dev"'),
  ]);
  decisionTable(perimeterFacts({ files: { ...PERIMETER_FILES, ...PROJECT } } as Partial<Facts>))("the fixture machine holding the guard's places", [
    blocked('git config core.hooksPath src', { says: /agents may not change/ }),
    blocked('git config --global core.hooksPath ~/.config'),
    blocked('git config core.hooksPath /tmp'),
    allow('git config core.hooksPath .git/hooks'),
    allow('git config --get core.hooksPath'),
  ]);
  decisionTable(project({ '/work/app/.husky/pre-commit': 'npx lint-staged\n', '/work/app/.husky/_/h': '#!/usr/bin/env sh\n', '/work/app/package.json': '{"scripts":{"prepare":"husky"},"devDependencies":{"husky":"^9.1.0"}}\n' }))('a repository whose hook manager is husky', [
    ask('git config core.hooksPath src'),
    ask('git config core.hooksPath .githooks'),
    ask('git config --global core.hooksPath src'),
    allow('git config core.hooksPath .husky/_'),
    allow('git config core.hooksPath .husky'),
  ]);
  decisionTable(testFacts({ files: { '/work/app/src/index.ts': 'export const a = 1;\n', '/work/app/.git/hooks/pre-commit.sample': '#!/bin/sh\nexit 0\n', '/work/app/.githooks/pre-commit': '#!/bin/sh\nnpm test\n' } }))('a repository whose hooks folder runs nothing: nothing is switched off', [
    allow('git config core.hooksPath .githooks'),
    allow('git config core.hooksPath src'),
    ask('git config core.hooksPath /tmp'),
    ask('git config core.hooksPath ../elsewhere'),
    ask('git config core.hooksPath missing-folder'),
  ]);
  decisionTable(project({ '/work/app/.git/config': '[core]\n\thooksPath = .githooks\n' }))('a repository with core.hooksPath already configured', [
    ask('git config core.hooksPath src'),
    ask('git config core.hooksPath .git/hooks'),
    ask('git config --global core.hooksPath src'),
    allow('git config core.hooksPath .githooks'),
    allow('git config core.hooksPath ./.githooks/'),
  ]);
});
