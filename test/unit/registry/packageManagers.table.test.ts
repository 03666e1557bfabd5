import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * npm, pnpm, yarn and bun read through their registry entries (registry/tools/packageManagers.ts):
 * which subcommand runs which package.json script, with global options before, between and after
 * the subcommand, glued and separated, `--opt=value`, abbreviated where the tool accepts it (npm).
 * Each row that runs the destroying script sits next to a look-alike that runs a harmless one.
 * Through the engine's whole path (`classify`).
 */

const facts = testFacts({
  files: {
    '/work/app/package.json': JSON.stringify({
      scripts: { tidy: 'rm -rf src', build: 'tsc -p .', test: 'mocha', pretest: 'rm -rf src', start: 'node server.js', stop: 'rm -rf src', prepare: 'rm -rf src', lint: 'eslint .' },
    }),
    '/work/app/sub/package.json': JSON.stringify({ scripts: { tidy: 'echo nothing to tidy', build: 'rm -rf ../src' } }),
  },
});

const ROWS: ReadonlyArray<[string, 'allow' | 'ask']> = [
  ['npm run tidy', 'ask'],
  ['npm --loglevel silent run tidy', 'ask'],
  ['npm run --loglevel=silent tidy', 'ask'],
  ['npm --logl silent run tidy', 'ask'],
  ['npm run-script tidy -- --force', 'ask'],
  ['npm -w app run tidy', 'ask'],
  ['npm run build', 'allow'],
  ['npm --loglevel silent run build', 'allow'],
  ['npm test', 'ask'],
  ['npm t', 'ask'],
  ['npm restart', 'ask'],
  ['npm install', 'ask'],
  ['npm install --registry https://registry.npmjs.org', 'ask'],
  ['npm install left-pad', 'allow'],
  ['npm --prefix sub run build', 'ask'],
  ['npm -Csub run build', 'ask'],
  ['npm --prefix=sub run tidy', 'allow'],
  ['npm exec -c "rm -rf src"', 'ask'],
  ['npm exec --call="rm -rf src"', 'ask'],
  ['npm exec -- rimraf src', 'ask'],
  ['npm exec -c "ls src"', 'allow'],
  ['pnpm tidy', 'ask'],
  ['pnpm -C sub build', 'ask'],
  ['pnpm --dir=sub build', 'ask'],
  ['pnpm -r --filter web run tidy', 'ask'],
  ['pnpm -w run tidy', 'ask'],
  ['pnpm lint', 'allow'],
  ['pnpm -C sub tidy', 'allow'],
  ['pnpm dlx rimraf src', 'ask'],
  ['pnpm', 'ask'],
  ['pnpm add left-pad', 'allow'],
  ['yarn tidy', 'ask'],
  ['yarn --cwd sub build', 'ask'],
  ['yarn --cwd=sub build', 'ask'],
  ['yarn --silent run tidy', 'ask'],
  ['yarn build', 'allow'],
  ['yarn --cwd sub tidy', 'allow'],
  ['yarn global add typescript', 'allow'],
  ['bun run tidy', 'ask'],
  ['bun --cwd sub run tidy', 'ask'],
  ['bun run --watch tidy', 'ask'],
  ['bun tidy', 'ask'],
  ['bun run build', 'allow'],
  ['bun add left-pad', 'allow'],
];

describe('registry: package managers read through one grammar', () => {
  for (const [cmd, decision] of ROWS) {
    it(`${cmd} -> ${decision}`, () => {
      const v = classify(cmd, facts, { lockdown: false });
      assert.equal(v.decision, decision, JSON.stringify(v, null, 1));
    });
  }
});
