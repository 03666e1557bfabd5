import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import type { Facts } from '../../../src/core/policy/types';
import { testFacts } from '../support/policyFixtures';
import { PERIMETER_FILES, perimeterFacts, show } from './perimeterFixtures';

/**
 * Stop 34 (repo area): `git config core.hooksPath FOLDER` to a folder that exists switches off the hooks
 * of the folder in use (a gitleaks pre-commit in `.git/hooks`) and makes git run whatever appears in FOLDER
 * later. It is judged as the same setting is for a folder the hook cannot read: asked, denied where this
 * machine holds the guard's places. The folder already in use and the folder the repository's hook
 * manager uses (husky) stay allowed, as do reads of the setting.
 */

type Expect = 'ask' | 'deny' | 'allow';
const GITLEAKS = '#!/bin/sh\n# installed by the team\ngitleaks protect --staged --redact\n';

const TEAM_FILES: Record<string, string> = {
  '/work/app/.git/hooks/pre-commit': GITLEAKS,
  '/work/app/.git/hooks/pre-push.sample': '#!/bin/sh\nexit 0\n',
  '/work/app/.githooks/pre-commit': '#!/bin/sh\nnpm test\n',
  '/work/app/src/index.ts': 'export const a = 1;\n',
  '/work/app/package.json': '{"name":"app","scripts":{"test":"mocha"}}\n',
};

const HUSKY_FILES: Record<string, string> = {
  '/work/app/.git/hooks/pre-commit': GITLEAKS,
  '/work/app/.husky/pre-commit': 'npx lint-staged\n',
  '/work/app/.husky/_/h': '#!/usr/bin/env sh\n',
  '/work/app/src/index.ts': 'export const a = 1;\n',
  '/work/app/package.json': '{"name":"app","scripts":{"prepare":"husky"},"devDependencies":{"husky":"^9.1.0"}}\n',
};

const CONFIGURED_FILES: Record<string, string> = {
  ...TEAM_FILES,
  '/work/app/.git/config': '[core]\n\thooksPath = .githooks\n',
};

function check(command: string, expect: Expect, f: Facts): void {
  const v = classify(command, f, { lockdown: false });
  assert.equal(v.decision, expect, show(v));
}

const TABLE: readonly [string, () => Facts, readonly [string, Expect][]][] = [
  ['a team hook in .git/hooks, no guard places on the machine', () => testFacts({ files: TEAM_FILES }), [
    ['git config core.hooksPath src', 'ask'],
    ['git config core.hooksPath .githooks', 'ask'],
    ['git config --local core.hooksPath ./src/', 'ask'],
    ['git config set core.hooksPath src', 'ask'],
    ['git config core.hooksPath .git/hooks', 'allow'],
    ['git config core.hooksPath ./.git/hooks/', 'allow'],
    ['git config --get core.hooksPath', 'allow'],
    ['git config core.autocrlf input', 'allow'],
    ['git config user.name "Dev"', 'allow'],
  ]],
  ['the fixture machine holding the guard\'s places', () => perimeterFacts({ files: { ...PERIMETER_FILES, '/work/app/.git/hooks/pre-commit': GITLEAKS } } as Partial<Facts>), [
    ['git config core.hooksPath src', 'deny'],
    ['git config core.hooksPath .git/hooks', 'allow'],
  ]],
  ['a repository whose hook manager is husky', () => testFacts({ files: HUSKY_FILES }), [
    ['git config core.hooksPath .husky/_', 'allow'],
    ['git config core.hooksPath .husky', 'allow'],
    ['git config core.hooksPath src', 'ask'],
  ]],
  ['a repository with core.hooksPath already configured', () => testFacts({ files: CONFIGURED_FILES }), [
    ['git config core.hooksPath .githooks', 'allow'],
    ['git config core.hooksPath src', 'ask'],
  ]],
];

describe('s34 repo: core.hooksPath pointed at an existing folder', () => {
  for (const [family, facts, rows] of TABLE) {
    describe(family, () => {
      const f = facts();
      for (const [command, expect] of rows) it(`${expect}: ${command}`, () => check(command, expect, f));
    });
  }
  it('the reason names the hook switched off', () => {
    const v = classify('git config core.hooksPath src', testFacts({ files: TEAM_FILES }), { lockdown: false });
    assert.match(v.reasons.join('\n'), /stops running the hooks of \.git\/hooks \(\.git\/hooks\/pre-commit runs `gitleaks protect --staged --redact`\)/);
  });
});
