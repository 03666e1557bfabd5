import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Read-only infrastructure work on a stack named production is allowed and the verdict says production (the audit
 * log and the status bar show it), as `terraform -chdir=envs/prod plan` already did: command-model rows for
 * `pulumi preview --stack …/production`, `pulumi stack select`, `cdk diff --profile production` and terragrunt's
 * `--working-dir live/prod/vpc` were allowed with production unmarked (stop 34).
 */

const ROWS: readonly { command: string; production: boolean }[] = [
  { command: 'pulumi preview --diff --stack acme/payments/production', production: true },
  { command: 'pulumi pre --stack prod', production: true },
  { command: 'pulumi stack select acme/payments/production', production: true },
  { command: 'pulumi stack output --stack acme/payments/production', production: true },
  { command: 'pulumi stack history --stack prod', production: true },
  { command: 'cdk diff --profile production PaymentsStack', production: true },
  { command: 'cdk synth PaymentsStack-prod', production: true },
  { command: 'terragrunt plan --terragrunt-working-dir live/prod/vpc', production: true },
  { command: 'terragrunt plan --working-dir live/production/db', production: true },
  // Look-alikes: named for another environment, or nothing named (a read of an unknown stack is not marked).
  { command: 'pulumi preview --stack dev', production: false },
  { command: 'pulumi stack select acme/payments/staging', production: false },
  { command: 'cdk diff --profile dev PaymentsStack-dev', production: false },
  { command: 'cdk diff', production: false },
  { command: 'terragrunt plan --terragrunt-working-dir live/staging/vpc', production: false },
];

describe('read-only stack work named production is allowed and marked production (coordinator, stop 34)', () => {
  const facts = testFacts();
  for (const row of ROWS) {
    it(`${row.production ? 'production' : 'not production'}: ${row.command}`, () => {
      const v = classify(row.command, facts, { lockdown: false });
      assert.equal(v.decision, 'allow', JSON.stringify(v.reasons));
      assert.equal(v.production, row.production, JSON.stringify(v.targets));
    });
  }
  it('a destroy of the same stacks still asks', () => {
    for (const command of ['pulumi destroy --stack acme/payments/production', 'cdk destroy --profile production PaymentsStack', 'terragrunt destroy --terragrunt-working-dir live/prod/vpc']) {
      const v = classify(command, facts, { lockdown: false });
      assert.equal(v.decision, 'ask', command);
      assert.equal(v.production, true, command);
    }
  });
});
