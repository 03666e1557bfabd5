import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/policy/analyze';
import { classify, findingsOf } from '../../../src/core/policy/classify';
import { askKindOf } from '../../../src/core/preview/askKind';
import { testFacts } from '../support/policyFixtures';

/**
 * Removing the safety net, for any CLI: each row from the tool's documentation, next to the same
 * command keeping or turning the protection on, and reads of the setting.
 */

interface Row {
  cmd: string;
  rule?: string;
  /** What the reason must say is lost. */
  lost?: RegExp;
  production?: boolean;
}

function verdictOf(cmd: string) {
  return classify(cmd, testFacts(), { lockdown: false });
}

describe('rules/safetyNet: removing a protection asks and says what is lost', () => {
  const removing: Row[] = [
    { cmd: 'aws rds modify-db-instance --db-instance-identifier acme-prod --backup-retention-period 0 --apply-immediately', rule: 'safety-net.backup-retention-off', lost: /automated backups stop/, production: true },
    { cmd: 'aws rds modify-db-instance --db-instance-identifier acme-prod --no-deletion-protection --apply-immediately', rule: 'safety-net.deletion-protection-off', lost: /deleted in one step/ },
    { cmd: 'aws s3api put-bucket-versioning --bucket acme-backups --versioning-configuration Status=Suspended', rule: 'safety-net.versioning-off', lost: /no longer kept/ },
    { cmd: 'aws dynamodb update-continuous-backups --table-name orders --point-in-time-recovery-specification PointInTimeRecoveryEnabled=false', rule: 'safety-net.point-in-time-recovery-off' },
    { cmd: 'aws dynamodb update-table --table-name orders --no-deletion-protection-enabled', rule: 'safety-net.deletion-protection-off' },
    { cmd: 'gcloud sql instances patch acme-prod --no-backup', rule: 'safety-net.backups-off' },
    { cmd: 'az storage account blob-service-properties update --account-name acmeprod --enable-delete-retention false', rule: 'safety-net.soft-delete-off' },
    { cmd: 'oci os bucket update --bucket-name acme-backups --versioning Suspended', rule: 'safety-net.versioning-off' },
    { cmd: 'gsutil versioning set off gs://acme-backups', rule: 'safety-net.versioning-off' },
    { cmd: 'mc version suspend minio-prod/backups', rule: 'safety-net.versioning-off' },
    { cmd: 'hcloud server disable-protection web-3 delete rebuild', rule: 'safety-net.protection-removed' },
    { cmd: 'az lock delete --name DoNotDelete --resource-group prod-rg', rule: 'safety-net.protection-removed' },
    { cmd: 'aws s3api delete-public-access-block --bucket acme-private-exports', rule: 'safety-net.public-access-block-removed' },
    { cmd: 'aws s3api put-bucket-acl --bucket acme-private-exports --acl public-read', rule: 'safety-net.made-public', lost: /anyone on the internet/ },
    { cmd: 'gh repo edit acme/api --visibility public --accept-visibility-change-consequences', rule: 'safety-net.made-public' },
    { cmd: 'gh api --method PATCH repos/acme/payments -f visibility=public', rule: 'safety-net.made-public' },
    { cmd: 'gsutil iam ch allUsers:objectViewer gs://acme-exports', rule: 'safety-net.made-public' },
    { cmd: 'mc anonymous set public minio-prod/exports', rule: 'safety-net.made-public' },
    { cmd: 'b2 bucket update acme-exports allPublic', rule: 'safety-net.made-public' },
    { cmd: 'mc ilm rule add --expire-days 1 minio-prod/backups', rule: 'safety-net.lifecycle-expire-all' },
    { cmd: `aws s3api put-bucket-lifecycle-configuration --bucket acme-backups --lifecycle-configuration '{"Rules":[{"ID":"all","Status":"Enabled","Filter":{},"Expiration":{"Days":1}}]}'`, rule: 'safety-net.lifecycle-expire-all' },
    { cmd: 'aws ec2 delete-snapshot --snapshot-id snap-0a1b2c3d4e5f67890', rule: 'safety-net.backup-deleted', production: true },
    { cmd: 'aws backup delete-recovery-point --backup-vault-name prod-vault --recovery-point-arn arn:aws:rds:us-east-1:123456789012:snapshot:x', rule: 'safety-net.backup-deleted' },
    { cmd: 'heroku pg:backups:delete b101 -a acme-api-production --confirm acme-api-production', rule: 'safety-net.backup-deleted' },
    { cmd: 'velero backup delete daily-full-20260301020000 --confirm', rule: 'safety-net.backup-deleted' },
    { cmd: 'restic -r /mnt/backup/acme forget 4bba301e --prune', rule: 'safety-net.backup-repository-pruned', production: true },
    { cmd: 'borg prune --keep-last 1 ssh://backup@nas.acme.internal/./acme', rule: 'safety-net.backup-repository-pruned' },
    { cmd: 'gh api -X DELETE repos/acme/api/branches/main/protection', rule: 'safety-net.branch-protection-removed', lost: /no longer stopped/ },
    { cmd: 'vault secrets disable secret/', rule: 'safety-net.secrets-disabled', lost: /every secret stored in that engine/ },
    { cmd: 'vault audit disable file/', rule: 'safety-net.audit-disabled' },
    { cmd: 'aws cloudtrail stop-logging --name org-trail', rule: 'safety-net.audit-disabled' },
    { cmd: 'aws ec2 modify-instance-attribute --instance-id i-0abc1234def567890 --no-disable-api-termination', rule: 'safety-net.deletion-protection-off' },
    { cmd: 'aws s3api put-public-access-block --bucket acme-exports --public-access-block-configuration BlockPublicAcls=false,IgnorePublicAcls=false,BlockPublicPolicy=false,RestrictPublicBuckets=false', rule: 'safety-net.public-access-block-removed' },
    { cmd: 'gcloud storage buckets update gs://acme-backups --clear-soft-delete', rule: 'safety-net.soft-delete-off' },
    { cmd: 'gcloud sql instances patch acme-prod --retained-backups-count=0', rule: 'safety-net.backups-off' },
  ];

  const keeping: string[] = [
    'aws rds describe-db-instances --db-instance-identifier acme-prod --query DBInstances[0].BackupRetentionPeriod',
    'aws rds modify-db-instance --db-instance-identifier acme-prod --backup-retention-period 14 --apply-immediately',
    'aws rds modify-db-instance --db-instance-identifier acme-prod --deletion-protection',
    'aws s3api put-bucket-versioning --bucket acme-backups --versioning-configuration Status=Enabled',
    'aws s3api get-bucket-versioning --bucket acme-backups',
    'gsutil versioning get gs://acme-backups',
    'mc version info minio-prod/backups',
    'gh api repos/acme/api/branches/main/protection',
    'gh repo create acme/site --visibility public',
    'restic -r s3:s3.amazonaws.com/acme-restic snapshots',
    'restic -r s3:s3.amazonaws.com/acme-restic forget --keep-daily 7 --dry-run',
    'borg prune --dry-run --list --keep-daily 7 /mnt/backup/acme',
    'restic -r /mnt/backup/acme backup ~/src/acme --exclude node_modules',
    'vault secrets list -detailed',
    'az lock list --resource-group prod-rg',
    'mc ilm rule add --expire-days 30 --prefix tmp/ minio-prod/scratch',
    'az storage account update --name acmeprod --allow-blob-public-access false',
    'cp --backup=none a.txt b.txt',
    'npm run delete-backups',
    'aws ec2 modify-instance-attribute --instance-id i-0abc1234def567890 --disable-api-termination',
    'aws s3api put-public-access-block --bucket acme-exports --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    'gcloud storage buckets update gs://acme-backups --soft-delete-duration=7d',
  ];

  for (const row of removing) {
    it(`asks: ${row.cmd.slice(0, 110)}`, () => {
      const verdict = verdictOf(row.cmd);
      const shown = JSON.stringify(verdict, null, 1);
      assert.equal(verdict.decision, 'ask', shown);
      assert.ok(verdict.risks.includes('protection-removal'), shown);
      assert.ok(verdict.reasons.some((r) => /a safety net is removed/.test(r)), shown);
      if (row.lost) assert.ok(verdict.reasons.some((r) => row.lost!.test(r)), shown);
      if (row.production !== undefined) assert.equal(verdict.production, row.production, shown);
    });
  }
  for (const cmd of keeping) it(`allows: ${cmd.slice(0, 110)}`, () => assert.equal(verdictOf(cmd).decision, 'allow', JSON.stringify(verdictOf(cmd))));

  it('the dialog words the ask as a protection removed', () => {
    const verdict = verdictOf('gcloud sql instances patch acme-prod --no-deletion-protection');
    assert.equal(askKindOf(verdict, false), 'unprotect');
  });

  it('names the rule that matched', () => {
    for (const row of removing) {
      const rules = classifyRules(row.cmd);
      if (row.rule) assert.ok(rules.includes(row.rule), `${row.cmd}: ${rules.join(', ')}`);
    }
  });
});

/** The verdict keeps reasons, not rule ids: the findings come through the engine's own path. */
function classifyRules(cmd: string): string[] {
  const facts = testFacts();
  return findingsOf(analyze(cmd, facts), facts).map((f) => f.rule);
}

describe('rules/safetyNet, red team round 4: request bodies, other spellings, retention cut short, expiry switched on', () => {
  const removing: Row[] = [
    // A REST call whose body turns a protection off, whatever the client.
    { cmd: `curl -X PATCH https://api.acme.io/v1/databases/main -H 'Content-Type: application/json' -d '{"deletion_protection": false}'`, rule: 'safety-net.deletion-protection-off', production: true },
    { cmd: `curl -X PUT https://api.acme.io/v1/backups/policy --data-raw '{"retention_days":0}'`, rule: 'safety-net.backup-retention-off' },
    { cmd: `curl -sS -X PATCH https://api.digitalocean.com/v2/droplets/42 --json '{"backups_enabled":false}'`, rule: 'safety-net.backups-off' },
    { cmd: `curl -X PATCH -H "Authorization: token $GH" https://api.github.com/repos/acme/shop -d '{"private":false}'`, rule: 'safety-net.made-public', lost: /anyone on the internet/ },
    { cmd: 'http PATCH api.acme.io/v1/buckets/exports versioning=Suspended', rule: 'safety-net.versioning-off' },
    { cmd: 'xh PATCH api.acme.io/v1/db/main deletion_protection:=false', rule: 'safety-net.deletion-protection-off' },
    { cmd: `curl -X PUT https://api.acme.io/v1/backups/policy -d '{"retention_days":1}'`, rule: 'safety-net.backup-retention-reduced' },
    { cmd: `curl -X PATCH https://api.neon.tech/api/v2/projects/p/branches/b -d '{"branch":{"protected":false}}'`, rule: 'safety-net.deletion-protection-off' },
    { cmd: `curl -X PATCH https://sqladmin.googleapis.com/v1/projects/p/instances/acme-prod --data '{"settings":{"backupConfiguration":{"enabled":false}}}'`, rule: 'safety-net.backups-off', production: true },
    { cmd: `curl -X PUT 'https://s3.example.com/b?versioning' -d '{"versioning":{"status":"Suspended"}}'`, rule: 'safety-net.versioning-off' },
    // Spellings of the same switch the option table did not know.
    { cmd: 'aws ec2 modify-instance-attribute --instance-id i-0abc1234def567890 --attribute disableApiTermination --value false', rule: 'safety-net.deletion-protection-off', production: true },
    { cmd: 'aws ec2 modify-instance-attribute --instance-id i-0abc1234def567890 --disable-api-termination Value=false', rule: 'safety-net.deletion-protection-off' },
    { cmd: 'gcloud storage buckets update gs://acme-backups --retention-period=0s', rule: 'safety-net.backup-retention-off' },
    { cmd: 'fly volumes update vol_123 --scheduled-snapshots=false', rule: 'safety-net.backups-off', production: true },
    { cmd: 'fly volumes update vol_123 --snapshot-retention 0', rule: 'safety-net.backup-retention-off' },
    // Retention cut below a week: backups older than that are deleted (production where the name says so, unknown remote is production).
    { cmd: 'az postgres flexible-server update -g rg -n acme-prod --backup-retention 1', rule: 'safety-net.backup-retention-reduced', production: true, lost: /backups older than that are deleted/ },
    { cmd: 'gcloud sql instances patch acme-prod --retained-backups-count=1', rule: 'safety-net.backup-retention-reduced', production: true },
    { cmd: 'fly volumes update vol_123 --snapshot-retention 1', rule: 'safety-net.backup-retention-reduced', production: true },
    { cmd: 'az mysql flexible-server update -g rg -n shop-prod --backup-retention=3', rule: 'safety-net.backup-retention-reduced' },
    { cmd: 'scw rdb instance update 11111111-1111-1111-1111-111111111111 --backup-schedule-retention 1', rule: 'safety-net.backup-retention-reduced' },
    { cmd: 'gcloud storage buckets update gs://acme-backups --retention-period=1h', rule: 'safety-net.backup-retention-reduced' },
    // Expiry switched on for a table's items.
    { cmd: 'aws dynamodb update-time-to-live --table-name orders --time-to-live-specification Enabled=true,AttributeName=createdAt', rule: 'safety-net.expiry-on', production: true, lost: /deleted automatically/ },
    { cmd: 'gcloud firestore fields ttls update expireAt --collection-group=orders --enable-ttl', rule: 'safety-net.expiry-on' },
  ];

  const keeping: string[] = [
    `curl -X PATCH https://api.acme.io/v1/databases/main -d '{"deletion_protection": true}'`,
    `curl -X PUT https://api.acme.io/v1/backups/policy -d '{"retention_days":30}'`,
    `curl -X PATCH https://api.github.com/repos/acme/shop -d '{"private":true}'`,
    `curl -X POST https://api.acme.io/v1/items -d '{"count":0,"name":"x"}'`,
    `curl -X PATCH https://api.acme.io/v1/feature -d '{"feature":{"enabled":false}}'`,
    `curl -X PATCH https://sqladmin.googleapis.com/v1/projects/p/instances/acme-dev --data '{"settings":{"backupConfiguration":{"enabled":true}}}'`,
    'scw rdb instance update 11111111-1111-1111-1111-111111111111 --backup-schedule-retention 14',
    'tarsnap --list-archives',
    'curl https://api.acme.io/v1/backups/policy',
    'http PATCH api.acme.io/v1/buckets/exports versioning=Enabled',
    'aws ec2 modify-instance-attribute --instance-id i-0abc1234def567890 --attribute disableApiTermination --value true',
    'aws ec2 describe-instance-attribute --instance-id i-0abc1234def567890 --attribute disableApiTermination',
    'fly volumes update vol_123 --scheduled-snapshots=true',
    'fly volumes update vol_123 --snapshot-retention 14',
    'az postgres flexible-server update -g rg -n acme-prod --backup-retention 35',
    'gcloud sql instances patch acme-prod --retained-backups-count=14',
    'gcloud storage buckets update gs://acme-backups --retention-period=30d',
    'aws dynamodb update-time-to-live --table-name orders --time-to-live-specification Enabled=false,AttributeName=createdAt',
    'aws dynamodb describe-time-to-live --table-name orders',
    "gcloud sql instances describe acme-prod --format='value(settings.backupConfiguration)'",
  ];

  for (const row of removing) {
    it(`asks: ${row.cmd.slice(0, 110)}`, () => {
      const verdict = verdictOf(row.cmd);
      const shown = JSON.stringify(verdict, null, 1);
      assert.equal(verdict.decision, 'ask', shown);
      assert.ok(verdict.reasons.some((r) => /a safety net is removed/.test(r)), shown);
      if (row.lost) assert.ok(verdict.reasons.some((r) => row.lost!.test(r)), shown);
      if (row.production !== undefined) assert.equal(verdict.production, row.production, shown);
      if (row.rule) assert.ok(classifyRules(row.cmd).includes(row.rule), classifyRules(row.cmd).join(', '));
    });
  }
  for (const cmd of keeping) it(`allows: ${cmd.slice(0, 110)}`, () => assert.equal(verdictOf(cmd).decision, 'allow', JSON.stringify(verdictOf(cmd))));
});
