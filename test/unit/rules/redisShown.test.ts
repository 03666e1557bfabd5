import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import { redisShown } from '../../../src/core/rules/wire';
import { testFacts } from '../support/policyFixtures';

/** Round 27: a Redis command's reason never repeats a password it carries (requirepass, masterauth, AUTH, ACL rules). */
describe('wire: Redis commands are shown without their passwords', () => {
  // Assembled at run time: no password-shaped literal sits in the source.
  const secret = ['Rq', String(6 * 7), 'vT', 'mm', String(5 * 101)].join('');
  const rows: [string, RegExp][] = [
    [`CONFIG SET requirepass ${secret}`, /^CONFIG SET requirepass \(a password, not shown\)$/],
    [`config set masterauth ${secret}`, /^config set masterauth \(a password, not shown\)$/],
    [`AUTH ${secret}`, /^AUTH \(a password, not shown\)$/],
    [`AUTH2 default ${secret}`, /^AUTH2 default \(a password, not shown\)$/],
    [`ACL SETUSER app on >${secret} ~* +@all`, /^ACL SETUSER app on \(a password, not shown\) ~\* \+@all$/],
    ['DEL user:1', /^DEL user:1$/],
  ];
  for (const [command, shown] of rows) {
    it(`${command.replace(secret, '<password>')} is shown as ${shown.source}`, () => {
      assert.match(redisShown(command), shown);
      assert.ok(!redisShown(command).includes(secret));
    });
  }
  it('a production CONFIG SET requirepass asks and no reason names the new password', () => {
    const v = classify(`redis-cli -h db.prod.acme.internal CONFIG SET requirepass ${secret}`, testFacts(), { lockdown: false });
    assert.equal(v.decision, 'ask');
    assert.ok(v.reasons.length > 0);
    assert.ok(![...v.reasons, ...v.targets.map((t) => t.name)].join('\n').includes(secret), v.reasons.join('\n'));
  });
});
