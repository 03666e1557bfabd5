import { strict as assert } from 'node:assert';
import { cloudPack } from '../../../src/core/rules/cloud';
import { UNKNOWN_TREATED_AS_PRODUCTION } from '../../../src/core/policy/verdict';
import { classify } from '../../../src/core/policy/classify';
import { invocation, plainContext, testFacts } from '../support/policyFixtures';
import { expectCase, runPack, type Expectation } from '../support/packRun';

const UNKNOWN = new RegExp(UNKNOWN_TREATED_AS_PRODUCTION);

const destructive: Expectation[] = [
  { cmd: 'aws s3 rb s3://my-bucket --force', decision: 'ask', rule: 'cloud.aws-s3-rb', kind: 'bucket', name: 's3://my-bucket', production: true, reason: /every object in it/, envReason: UNKNOWN },
  { cmd: 'aws s3 rm s3://my-bucket/logs --recursive', decision: 'ask', rule: 'cloud.aws-s3-rm', name: 's3://my-bucket/logs', reason: /recursively/ },
  { cmd: 'aws s3 rm s3://my-bucket/key.txt', decision: 'ask', rule: 'cloud.aws-s3-rm', production: true },
  { cmd: 'aws s3 rm --recursive --exclude "*" --include "*.log" s3://logs-bucket/', decision: 'ask', rule: 'cloud.aws-s3-rm', name: 's3://logs-bucket/' },
  { cmd: 'aws s3 sync ./dist s3://site-prod --delete', decision: 'ask', rule: 'cloud.aws-s3-sync-delete', name: 's3://site-prod', production: true, envReason: /site-prod/ },
  { cmd: 'aws s3 sync s3://backups ./restore --delete', decision: 'ask', rule: 'cloud.aws-s3-sync-delete', production: false, reason: /on this machine/ },
  { cmd: 'aws s3api delete-bucket --bucket my-bucket', decision: 'ask', rule: 'cloud.aws-delete-operation', kind: 'bucket', name: 'my-bucket' },
  { cmd: 'aws s3api delete-object --bucket assets --key img/logo.png', decision: 'ask', rule: 'cloud.aws-s3api-delete-object', name: 'assets/img/logo.png' },
  { cmd: "aws s3api delete-objects --bucket assets --delete 'Objects=[{Key=a}]'", decision: 'ask', rule: 'cloud.aws-s3api-delete-object', name: 'assets' },
  { cmd: 'aws ec2 terminate-instances --instance-ids i-0abc i-0def', decision: 'ask', rule: 'cloud.aws-delete-operation', name: 'i-0abc', reason: /terminates the AWS instances i-0abc, i-0def/ },
  { cmd: 'aws rds delete-db-instance --db-instance-identifier orders-db --skip-final-snapshot', decision: 'ask', rule: 'cloud.aws-rds-delete', kind: 'database', name: 'orders-db', reason: /without a final snapshot/ },
  { cmd: 'aws rds delete-db-cluster --final-db-snapshot-identifier snap-1 --db-cluster-identifier orders', decision: 'ask', rule: 'cloud.aws-rds-delete', name: 'orders' },
  { cmd: 'aws dynamodb delete-table --table-name Orders', decision: 'ask', kind: 'table', name: 'Orders' },
  { cmd: 'aws cloudformation delete-stack --stack-name api-production', decision: 'ask', kind: 'stack', name: 'api-production', production: true, envReason: /api-production/ },
  { cmd: 'aws lambda delete-function --function-name resize-images', decision: 'ask', kind: 'service', name: 'resize-images' },
  { cmd: 'aws eks delete-cluster --name main', decision: 'ask', kind: 'cluster', name: 'main' },
  { cmd: 'aws iam delete-user --user-name ci-bot', decision: 'ask', kind: 'credential', name: 'ci-bot' },
  { cmd: 'aws ecr delete-repository --repository-name web --force', decision: 'ask', kind: 'repository', name: 'web' },
  { cmd: 'aws ecr batch-delete-image --repository-name web --image-ids imageTag=v1', decision: 'ask', kind: 'repository', name: 'web' },
  { cmd: 'aws route53 delete-hosted-zone --id Z123ABC', decision: 'ask', name: 'Z123ABC' },
  { cmd: 'aws secretsmanager delete-secret --secret-id db-pass --force-delete-without-recovery', decision: 'ask', rule: 'cloud.aws-secretsmanager-delete-secret', reason: /no recovery window/ },
  { cmd: 'aws kms schedule-key-deletion --key-id 1234abcd --pending-window-in-days 7', decision: 'ask', rule: 'cloud.aws-kms-schedule-key-deletion', kind: 'credential', reason: /unreadable/ },
  { cmd: 'aws sqs purge-queue --queue-url https://sqs.us-east-1.amazonaws.com/1/jobs', decision: 'ask', rule: 'cloud.aws-sqs-purge-queue' },
  { cmd: 'aws logs delete-log-group --log-group-name /app/api', decision: 'ask', name: '/app/api' },
  { cmd: 'aws --profile production s3 rb s3://data', decision: 'ask', production: true, envReason: /--profile/ },
  { cmd: 'AWS_PROFILE=prod aws ec2 delete-volume --volume-id vol-1', decision: 'ask', kind: 'volume', production: true, envReason: /AWS_PROFILE/ },
  { cmd: 'aws --profile staging ec2 delete-snapshot --snapshot-id snap-1', decision: 'ask', production: false },
  { cmd: 'aws --region us-east-1 dynamodb delete-table --table-name t', decision: 'ask', production: true, envReason: UNKNOWN },
  { cmd: 'sudo aws s3 rb s3://x', decision: 'ask', rule: 'cloud.aws-s3-rb' },
  { cmd: 'gcloud projects delete my-project-prod', decision: 'ask', rule: 'cloud.gcloud-projects-delete', kind: 'project', production: true },
  { cmd: 'gcloud sql instances delete orders --project acme-staging', decision: 'ask', rule: 'cloud.gcloud-sql-instances-delete', kind: 'database', production: false },
  { cmd: 'gcloud container clusters delete main --zone us-central1-a --quiet', decision: 'ask', kind: 'cluster', name: 'main' },
  { cmd: 'gcloud storage rm -r gs://assets-bucket', decision: 'ask', rule: 'cloud.gcloud-storage-rm', reason: /recursively/ },
  { cmd: 'gcloud storage buckets delete gs://assets-bucket', decision: 'ask', kind: 'bucket' },
  { cmd: 'gcloud beta run services delete api --region europe-west1', decision: 'ask', rule: 'cloud.gcloud-delete', kind: 'service', name: 'api' },
  { cmd: 'gcloud compute instances delete vm-1 vm-2 --zone z', decision: 'ask', rule: 'cloud.gcloud-delete', name: 'vm-1' },
  { cmd: 'gcloud kms keys versions destroy 1 --key k --keyring r --location global', decision: 'ask', rule: 'cloud.gcloud-delete' },
  { cmd: 'CLOUDSDK_CORE_PROJECT=acme-prod gcloud functions delete thumbnail', decision: 'ask', production: true, envReason: /CLOUDSDK_CORE_PROJECT/ },
  { cmd: 'gsutil -m rm -r gs://bucket/path', decision: 'ask', rule: 'cloud.gsutil-rm', reason: /recursively/ },
  { cmd: 'gsutil rb gs://bucket', decision: 'ask', rule: 'cloud.gsutil-rb', kind: 'bucket' },
  { cmd: 'gsutil rsync -d -r ./build gs://site', decision: 'ask', rule: 'cloud.gsutil-rsync-delete', name: 'gs://site' },
  { cmd: 'az group delete --name rg-prod --yes', decision: 'ask', rule: 'cloud.az-group-delete', name: 'rg-prod', production: true },
  { cmd: 'az storage account delete -n acct -g rg-dev', decision: 'ask', rule: 'cloud.az-delete', name: 'acct', production: false },
  { cmd: 'az keyvault purge --name kv1', decision: 'ask', rule: 'cloud.az-keyvault-purge' },
  { cmd: 'az deployment group create -g rg --template-file main.bicep --mode Complete', decision: 'ask', rule: 'cloud.az-deployment-complete-mode', name: 'rg' },
  { cmd: 'az sql db delete -g rg-staging --server srv -n db1', decision: 'ask', name: 'db1', production: false },
  { cmd: 'az storage blob delete-batch --source uploads --account-name acct', decision: 'ask', rule: 'cloud.az-storage-delete-batch', name: 'uploads' },
  { cmd: 'doctl compute droplet delete 12345 --force', decision: 'ask', rule: 'cloud.doctl-delete', name: '12345' },
  { cmd: 'doctl databases delete 0f3c', decision: 'ask', kind: 'database' },
  { cmd: 'doctl kubernetes cluster delete prod-cluster', decision: 'ask', kind: 'cluster', production: true, envReason: /prod-cluster/ },
  { cmd: 'azcopy remove https://acct.blob.core.windows.net/c/dir --recursive', decision: 'ask', rule: 'cloud.azcopy-remove' },
  { cmd: 'aws --endpoint-url http://localhost:4566 s3 rb s3://local-bucket --force', decision: 'ask', production: false },
  { cmd: 'azcopy sync ./site https://acct.blob.core.windows.net/web --delete-destination=true', decision: 'ask', rule: 'cloud.azcopy-sync-delete' },
];

const benign: Expectation[] = [
  { cmd: 'aws s3 ls s3://bucket', decision: 'allow' },
  { cmd: 'aws ec2 describe-instances --filters Name=tag:env,Values=prod', decision: 'allow' },
  { cmd: 'aws s3 cp build.zip s3://artifacts/', decision: 'allow' },
  // Stop 33: a sync into a bucket named for a website (`s3://site`) publishes it (s33PublishRound16); one for builds stays routine.
  { cmd: 'aws s3 sync ./dist s3://acme-builds', decision: 'allow' },
  { cmd: 'aws ec2 terminate-instances --instance-ids i-1 --dry-run', decision: 'allow' },
  { cmd: 'aws s3 rm s3://b/x --recursive --dryrun', decision: 'allow' },
  // Stop 30's decision: a whole bucket on a local emulator asks (not production, see the destructive rows); one object stays routine.
  { cmd: 'aws --endpoint-url http://localhost:4566 s3 rm s3://local-bucket/key.txt', decision: 'allow' },
  { cmd: 'aws s3 rb --help', decision: 'allow' },
  { cmd: 'gcloud sql instances list', decision: 'allow' },
  { cmd: 'gcloud config configurations delete old-config', decision: 'allow' },
  { cmd: 'gcloud compute instances describe vm-1', decision: 'allow' },
  { cmd: 'gsutil ls gs://bucket', decision: 'allow' },
  { cmd: 'gsutil rsync -d -n ./a gs://b', decision: 'allow' },
  { cmd: 'az vm list -g rg', decision: 'allow' },
  { cmd: 'az extension remove -n foo', decision: 'allow' },
  { cmd: 'doctl compute droplet list', decision: 'allow' },
  { cmd: 'grep "aws s3 rb" notes.md', decision: 'allow' },
  { cmd: 'echo "gcloud projects delete x"', decision: 'allow' },
  { cmd: 'aws --profile production s3 ls', decision: 'allow', production: true, info: true },
  { cmd: 'gcloud --project acme-prod compute instances list', decision: 'allow', production: true, info: true },
  { cmd: 'aws --profile dev s3 ls', decision: 'allow', production: false, info: false },
];

describe('cloud pack', () => {
  describe('destructive commands ask', () => {
    for (const c of destructive) it(c.cmd, () => expectCase(cloudPack, c));
  });
  describe('read-only and local work is allowed', () => {
    for (const c of benign) it(c.cmd, () => expectCase(cloudPack, c));
  });

  it('a resource id in the production map makes the target production even under a staging profile', () => {
    const facts = testFacts({ production: { names: [], hosts: [], resourceIds: ['i-0abc'] } });
    expectCase(cloudPack, {
      cmd: 'aws --profile staging ec2 terminate-instances --instance-ids i-0abc',
      decision: 'ask', production: true, envReason: /production map/, facts,
    });
  });

  it('a production-map name matches a bucket', () => {
    const facts = testFacts({ production: { names: ['customer-data'], hosts: [], resourceIds: [] } });
    expectCase(cloudPack, { cmd: 'aws s3 rm s3://customer-data/2024 --recursive', decision: 'ask', production: true, envReason: /production map/, facts });
  });

  it('an agent-wide AWS_PROFILE selector names the environment', () => {
    const facts = testFacts({ envSelectors: { AWS_PROFILE: 'prod-admin' } });
    expectCase(cloudPack, { cmd: 'aws dynamodb delete-table --table-name t', decision: 'ask', production: true, envReason: /AWS_PROFILE/, facts });
  });

  it('every target of a multi-id command is reported', () => {
    const { verdict } = runPack(cloudPack, 'aws ec2 terminate-instances --instance-ids i-1 i-2 i-3');
    assert.deepEqual(verdict.targets.map((t) => t.name), ['i-1', 'i-2', 'i-3']);
    assert.ok(verdict.targets.every((t) => t.remote && t.provider === 'aws'));
  });

  it('lockdown denies', () => {
    const { verdict } = runPack(cloudPack, 'gcloud projects delete p1', testFacts(), true);
    assert.equal(verdict.decision, 'deny');
  });

  it('works on invocations built without the parser', () => {
    const findings = cloudPack.checkInvocation?.(invocation(['aws', 's3', 'rb', 's3://x']), plainContext()) ?? [];
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.targets[0]?.environment, 'unknown');
  });
});

describe('cloud pack through the whole engine (classify)', () => {
  const cases: [string, 'allow' | 'ask', boolean][] = [
    ['aws s3 rb s3://data-prod --force', 'ask', true],
    ['aws --profile dev s3 rm s3://scratch/tmp --recursive', 'ask', false],
    ['timeout 60 gcloud projects delete acme-sandbox --quiet', 'ask', false],
    ['az group delete -n rg-live --yes --no-wait', 'ask', true],
    ['aws --profile production ec2 describe-instances', 'allow', true],
    ['doctl compute droplet list', 'allow', false],
  ];
  for (const [cmd, decision, production] of cases) {
    it(cmd, () => {
      const v = classify(cmd, testFacts(), { lockdown: false });
      assert.equal(v.decision, decision, JSON.stringify(v));
      assert.equal(v.production, production, JSON.stringify(v));
    });
  }
});
