import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * A framework's "defaults to development" is no evidence when the project's .env names a database the guard did not
 * read (stop 34: `python3 -c "from alembic.config import main; main(argv=['downgrade','base'])"` was marked
 * non-production, "Alembic defaults to development", while the same call typed directly resolved the .env's host).
 * Nested, the .env does not speak (a wrapper may load another), so the target stays unknown: production.
 */

const withEnv = (url: string | undefined) => testFacts({ files: url === undefined ? { '/work/app/README.md': '# app\n' } : { '/work/app/.env': `NODE_ENV=development\nDATABASE_URL=${url}\n` } });

const NESTED = [
  `python3 -c "from alembic.config import main; main(argv=['downgrade','base'])"`,
  `python3 -c "import subprocess; subprocess.run(['alembic','downgrade','base'])"`,
  `node -e "require('child_process').execSync('npx prisma migrate reset --force')"`,
];

describe('a framework default environment is not assumed over a .env it did not read (coordinator, stop 34)', () => {
  for (const command of NESTED) {
    it(`production when the .env names a database: ${command}`, () => {
      const v = classify(command, withEnv('postgres://app@localhost:5432/app_dev'), { lockdown: false });
      assert.notEqual(v.decision, 'allow');
      assert.equal(v.production, true, JSON.stringify(v.targets));
    });
  }
  // Prisma has no default environment of its own (its URL is always configured): only Alembic's default is tested.
  for (const command of NESTED.slice(0, 2)) {
    it(`the framework default still speaks with no .env database: ${command}`, () => {
      const v = classify(command, withEnv(undefined), { lockdown: false });
      assert.notEqual(v.decision, 'allow');
      assert.equal(v.production, false, JSON.stringify(v.targets));
    });
  }
  it('typed directly, the .env host speaks: alembic downgrade base on localhost is local', () => {
    const v = classify('alembic downgrade base', withEnv('postgres://app@localhost:5432/app_dev'), { lockdown: false });
    assert.equal(v.decision, 'ask');
    assert.equal(v.production, false);
    assert.ok(v.targets.some((t) => /localhost/.test(t.name)), JSON.stringify(v.targets));
  });
  it('typed directly against a production host in .env: production', () => {
    const v = classify('alembic downgrade base', withEnv('postgres://app@db.prod.acme.internal:5432/app'), { lockdown: false });
    assert.equal(v.production, true);
  });
});
