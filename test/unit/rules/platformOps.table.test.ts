import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Platform operations the tables missed (red team round 4): outages (scale to zero, a database stopped,
 * domains cleared) and cloud or Heroku operations that lose access or data. Each asks, production where
 * it is remote, next to look-alikes that stay allowed (a read, a scale above zero, a start, a capture).
 * Commands from the providers' documentation (Heroku ps, domains, pg; fly scale; az aks; AWS kms, rds, organizations).
 */

interface Row {
  cmd: string;
  decision: 'ask' | 'allow';
  production?: boolean;
  says?: RegExp;
}

function table(title: string, rows: readonly Row[]): void {
  describe(title, () => {
    for (const row of rows) {
      it(`${row.decision}: ${row.cmd.slice(0, 120)}`, () => {
        const verdict = classify(row.cmd, testFacts(), { lockdown: false });
        const shown = JSON.stringify(verdict, null, 1);
        assert.equal(verdict.decision, row.decision, shown);
        if (row.production !== undefined) assert.equal(verdict.production, row.production, shown);
        if (row.says) assert.ok(verdict.reasons.some((r) => row.says!.test(r)), shown);
      });
    }
  });
}
describe('rules: platform operations the tables missed (issue #18, red team round 4)', () => {
  table('outage: scale to zero, a database stopped', [
    { cmd: 'heroku ps:scale web=0 -a acme-shop-production', decision: 'ask', production: true, says: /scales to zero dynos/ },
    { cmd: 'heroku ps:scale web=0:standard-1x worker=0 --app acme-shop-production', decision: 'ask', production: true },
    { cmd: 'fly scale count 0 -a acme-shop-production -y', decision: 'ask', production: true, says: /scales to zero machines/ },
    { cmd: 'fly scale count web=0 --app acme-shop-production', decision: 'ask', production: true },
    { cmd: 'az aks scale -g rg -n prod --node-count 0', decision: 'ask', production: true, says: /scales to zero nodes/ },
    { cmd: 'az aks nodepool scale -g rg --cluster-name prod -n np1 --node-count 0', decision: 'ask', production: true },
    { cmd: 'aws rds stop-db-instance --db-instance-identifier acme-prod', decision: 'ask', production: true, says: /stops the AWS RDS database acme-prod/ },
    { cmd: 'aws rds stop-db-cluster --db-cluster-identifier acme-prod-aurora', decision: 'ask', production: true },
    { cmd: 'gcloud sql instances patch acme-prod --activation-policy=NEVER', decision: 'ask', production: true, says: /stops the Google Cloud Cloud SQL instance acme-prod/ },
    { cmd: 'az aks stop -n prod -g rg', decision: 'ask', production: true },
    { cmd: 'gcloud sql instances patch acme-prod --activation-policy ALWAYS', decision: 'allow' },
    { cmd: 'az aks start -n prod -g rg', decision: 'allow' },
    { cmd: 'heroku ps:scale web=2 -a acme-shop-production', decision: 'allow', production: true },
    { cmd: 'heroku ps -a acme-shop-production', decision: 'allow', production: true },
    { cmd: 'fly scale count 2 -a acme-shop-production', decision: 'allow', production: true },
    { cmd: 'fly scale show -a acme-shop-production', decision: 'allow', production: true },
    { cmd: 'az aks scale -g rg -n prod --node-count 3', decision: 'allow' },
    { cmd: 'az aks nodepool list -g rg --cluster-name prod', decision: 'allow' },
    { cmd: 'aws rds start-db-instance --db-instance-identifier acme-prod', decision: 'allow', production: true },
    { cmd: 'aws rds describe-db-instances --db-instance-identifier acme-prod', decision: 'allow', production: true },
  ]);

  table('cloud and Heroku operations that lose access or data', [
    { cmd: 'aws kms disable-key --key-id 1234abcd-12ab-34cd-56ef-1234567890ab', decision: 'ask', production: true, says: /nothing encrypted with it can be read/ },
    { cmd: 'aws organizations leave-organization', decision: 'ask', production: true },
    { cmd: 'heroku domains:clear -a acme-shop-production', decision: 'ask', production: true, says: /every custom domain/ },
    { cmd: 'heroku pg:promote HEROKU_POSTGRESQL_PINK -a acme-shop-production', decision: 'ask', production: true, says: /DATABASE_URL/ },
    { cmd: 'heroku pg:backups:cancel -a acme-shop-production', decision: 'ask', production: true, says: /cancels the running backup/ },
    { cmd: 'gcloud kms keys versions disable 1 --key app --keyring prod --location global', decision: 'ask', production: true },
    { cmd: 'gcloud kms keys versions list --key app --keyring prod --location global', decision: 'allow' },
    { cmd: 'aws kms enable-key --key-id 1234abcd-12ab-34cd-56ef-1234567890ab', decision: 'allow' },
    { cmd: 'aws kms describe-key --key-id 1234abcd-12ab-34cd-56ef-1234567890ab', decision: 'allow' },
    { cmd: 'aws organizations describe-organization', decision: 'allow' },
    { cmd: 'heroku domains -a acme-shop-production', decision: 'allow', production: true },
    { cmd: 'heroku pg:info -a acme-shop-production', decision: 'allow', production: true },
    { cmd: 'heroku pg:backups:capture -a acme-shop-production', decision: 'allow', production: true },
  ]);
});
