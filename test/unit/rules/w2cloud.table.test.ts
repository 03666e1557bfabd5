import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Cloud changes that destroy, stop or remove a safety net without a delete verb (issue #18 items 1 and
 * 4, red team round 7, wave 2): AWS requests given as JSON or YAML documents read and judged as if
 * written inline; machines stopped, reimaged or rebuilt; capacity scaled to zero; replicas promoted;
 * high availability, durability, audit and logging switched off; DNS records and name servers replaced;
 * registries purged. Each asking row sits next to a look-alike that stays allowed (a read, a dry run, a
 * safe value). Commands written from the AWS CLI, az and gcloud references.
 */

interface Row {
  cmd: string;
  decision: 'ask' | 'allow';
  production?: boolean;
  says?: RegExp;
}

const FILES: Record<string, string> = {
  '/work/app/req/deletes.json': '{"orders":[{"DeleteRequest":{"Key":{"id":{"S":"1"}}}}]}',
  '/work/app/req/puts.json': '{"orders":[{"PutRequest":{"Item":{"id":{"S":"1"}}}}]}',
  '/work/app/req/v-off.json': '{"Status":"Suspended"}',
  '/work/app/req/v-on.json': '{"Status":"Enabled"}',
  '/work/app/req/vin.json': '{"Bucket":"acme-tf-state","VersioningConfiguration":{"Status":"Suspended"}}',
  '/work/app/req/vin-on.json': '{"Bucket":"acme-tf-state","VersioningConfiguration":{"Status":"Enabled"}}',
  '/work/app/req/rds.yaml': 'DBInstanceIdentifier: acme-prod\nDeletionProtection: false\nApplyImmediately: true\n',
  '/work/app/req/rds-on.yaml': 'DBInstanceIdentifier: acme-prod\nDeletionProtection: true\n',
  '/work/app/req/rds-backups.json': '{"DBInstanceIdentifier":"acme-prod","BackupRetentionPeriod":0}',
  '/work/app/req/rds-class.json': '{"DBInstanceIdentifier":"acme-prod","DBInstanceClass":"db.r6g.large"}',
};

function table(title: string, rows: readonly Row[]): void {
  describe(title, () => {
    for (const row of rows) {
      it(`${row.decision}: ${row.cmd.slice(0, 120)}`, () => {
        const verdict = classify(row.cmd, testFacts({ files: FILES }), { lockdown: false });
        const shown = JSON.stringify(verdict, null, 1);
        assert.equal(verdict.decision, row.decision, shown);
        if (row.production !== undefined) assert.equal(verdict.production, row.production, shown);
        if (row.says) assert.ok(verdict.reasons.some((r) => row.says!.test(r)), shown);
      });
    }
  });
}

describe('rules/w2cloud: cloud changes without a delete verb (issue #18, round 7 wave 2)', () => {
  table('AWS requests in JSON or YAML are judged as if written inline', [
    { cmd: 'aws dynamodb batch-write-item --request-items file://req/deletes.json', decision: 'ask', production: true, says: /deletes/ },
    { cmd: 'aws dynamodb batch-write-item --request-items file://req/puts.json', decision: 'allow' },
    { cmd: `aws dynamodb transact-write-items --transact-items '[{"Delete":{"TableName":"orders","Key":{"id":{"S":"1"}}}}]'`, decision: 'ask', says: /orders/ },
    { cmd: `aws dynamodb transact-write-items --transact-items '[{"Put":{"TableName":"orders","Item":{"id":{"S":"1"}}}}]'`, decision: 'allow' },
    { cmd: 'aws s3api put-bucket-versioning --bucket acme-tf-state --versioning-configuration file://req/v-off.json', decision: 'ask', production: true, says: /safety net/ },
    { cmd: 'aws s3api put-bucket-versioning --bucket acme-tf-state --versioning-configuration file://req/v-on.json', decision: 'allow' },
    { cmd: 'aws s3api put-bucket-versioning --cli-input-json file://req/vin.json', decision: 'ask', production: true, says: /read from file:\/\/req\/vin\.json/ },
    { cmd: 'aws s3api put-bucket-versioning --cli-input-json file://req/vin-on.json', decision: 'allow' },
    { cmd: 'aws rds modify-db-instance --cli-input-yaml file://req/rds.yaml', decision: 'ask', production: true, says: /deletion protection/ },
    { cmd: 'aws rds modify-db-instance --cli-input-yaml file://req/rds-on.yaml', decision: 'allow' },
    { cmd: 'aws rds modify-db-instance --cli-input-json file://req/rds-backups.json', decision: 'ask', says: /backup/ },
    { cmd: 'aws rds modify-db-instance --cli-input-json file://req/rds-class.json', decision: 'allow' },
    { cmd: `aws ec2 modify-instance-attribute --cli-input-json '{"InstanceId":"i-1","DisableApiTermination":{"Value":false}}'`, decision: 'ask', production: true },
    { cmd: `aws ec2 modify-instance-attribute --cli-input-json '{"InstanceId":"i-1","DisableApiTermination":{"Value":true}}'`, decision: 'allow' },
    { cmd: `aws logs put-retention-policy --cli-input-json '{"logGroupName":"/ecs/api","retentionInDays":1}'`, decision: 'ask' },
    { cmd: `aws logs put-retention-policy --cli-input-json '{"logGroupName":"/ecs/api","retentionInDays":365}'`, decision: 'allow' },
    { cmd: 'aws rds modify-db-instance --cli-input-json file://req/missing.json', decision: 'ask', says: /cannot be read/ },
    { cmd: 'aws rds describe-db-instances --cli-input-json file://req/missing.json', decision: 'allow' },
    { cmd: 'aws rds modify-db-instance --cli-input-json file://req/rds-backups.json --dry-run', decision: 'allow' },
  ]);

  table('outages: stop, reimage, rebuild, scale to zero, failover', [
    { cmd: 'aws ec2 stop-instances --instance-ids i-0123', decision: 'ask', production: true, says: /stops/ },
    { cmd: 'aws ec2 describe-instances --instance-ids i-0123', decision: 'allow' },
    { cmd: 'aws ec2 stop-instances --instance-ids i-0123 --dry-run', decision: 'allow' },
    { cmd: 'aws ec2 create-replace-root-volume-task --instance-id i-1 --delete-replaced-root-volume', decision: 'ask', says: /root volume/ },
    { cmd: 'aws ec2 describe-replace-root-volume-tasks', decision: 'allow' },
    { cmd: 'aws eks update-nodegroup-config --cluster-name prod --nodegroup-name ng --scaling-config minSize=0,maxSize=1,desiredSize=0', decision: 'ask' },
    { cmd: 'aws eks update-nodegroup-config --cluster-name prod --nodegroup-name ng --scaling-config minSize=2,maxSize=5,desiredSize=3', decision: 'allow' },
    { cmd: 'aws lambda put-function-concurrency --function-name checkout --reserved-concurrent-executions 0', decision: 'ask', production: true },
    { cmd: 'aws lambda put-function-concurrency --function-name checkout --reserved-concurrent-executions 50', decision: 'allow' },
    { cmd: 'aws rds promote-read-replica --db-instance-identifier acme-prod-replica', decision: 'ask', says: /replication/ },
    { cmd: 'aws rds describe-db-instances --db-instance-identifier acme-prod-replica', decision: 'allow' },
    { cmd: 'aws rds modify-db-instance --db-instance-identifier acme-prod --no-multi-az --apply-immediately', decision: 'ask', says: /standby/ },
    { cmd: 'aws rds modify-db-instance --db-instance-identifier acme-prod --multi-az --apply-immediately', decision: 'allow' },
    { cmd: `aws events put-rule --name nightly-backup --schedule-expression 'rate(1 day)' --state DISABLED`, decision: 'ask', production: true },
    { cmd: `aws events put-rule --name nightly-backup --schedule-expression 'rate(1 day)' --state ENABLED`, decision: 'allow' },
    { cmd: 'aws elasticbeanstalk rebuild-environment --environment-name prod', decision: 'ask' },
    { cmd: 'aws elasticbeanstalk describe-environments --environment-names prod', decision: 'allow' },
    { cmd: 'az vm deallocate -g acme-prod -n web1', decision: 'ask', production: true },
    { cmd: 'az vm show -g acme-prod -n web1', decision: 'allow' },
    { cmd: 'az vm reimage -g acme-prod -n web1', decision: 'ask', says: /OS disk/ },
    { cmd: 'az vmss scale -g acme-prod -n web --new-capacity 0', decision: 'ask' },
    { cmd: 'az vmss scale -g acme-prod -n web --new-capacity 4', decision: 'allow' },
    { cmd: 'az containerapp update -g acme-prod -n api --min-replicas 0 --max-replicas 0', decision: 'ask' },
    { cmd: 'az containerapp update -g acme-prod -n api --min-replicas 0 --max-replicas 10', decision: 'allow' },
    { cmd: 'az postgres flexible-server stop -g acme-prod -n db', decision: 'ask' },
    { cmd: 'az postgres flexible-server show -g acme-prod -n db', decision: 'allow' },
    { cmd: 'gcloud compute instances stop web-1', decision: 'ask', production: true },
    { cmd: 'gcloud compute instances describe web-1', decision: 'allow' },
    { cmd: 'gcloud sql instances promote-replica prod-replica', decision: 'ask', production: true },
    { cmd: 'gcloud compute instance-groups managed rolling-action replace web --max-unavailable 100%', decision: 'ask' },
    { cmd: 'gcloud compute instance-groups managed rolling-action replace web --max-unavailable 1', decision: 'allow' },
    { cmd: 'gcloud memcache instances update cache --region us-central1 --node-count 0', decision: 'ask' },
    { cmd: 'gcloud memcache instances update cache --region us-central1 --node-count 3', decision: 'allow' },
  ]);

  table('safety nets: HA, durability, audit, backups, DNS, registries', [
    { cmd: 'az postgres flexible-server update -g acme-prod -n db --high-availability Disabled', decision: 'ask', says: /standby/ },
    { cmd: 'az postgres flexible-server update -g acme-prod -n db --high-availability ZoneRedundant', decision: 'allow' },
    { cmd: 'az postgres flexible-server parameter set -g acme-prod -s db -n fsync --value off', decision: 'ask' },
    { cmd: 'az postgres flexible-server parameter set -g acme-prod -s db -n work_mem --value 64MB', decision: 'allow' },
    { cmd: 'az sql server audit-policy update -g acme-prod -n prod --state Disabled', decision: 'ask' },
    { cmd: 'az sql server audit-policy update -g acme-prod -n prod --state Enabled', decision: 'allow' },
    { cmd: 'az webapp update -g acme-prod -n api --https-only false', decision: 'ask' },
    { cmd: 'az webapp update -g acme-prod -n api --https-only true', decision: 'allow' },
    { cmd: 'az resource update --ids /subscriptions/1/resourceGroups/acme-prod/providers/Microsoft.KeyVault/vaults/acme-kv --set properties.enableSoftDelete=false', decision: 'ask' },
    { cmd: 'az resource update --ids /subscriptions/1/resourceGroups/acme-prod/providers/Microsoft.KeyVault/vaults/acme-kv --set tags.owner=ops', decision: 'allow' },
    { cmd: 'az cosmosdb sql container update -a acme -g acme-prod -d shop -n users --ttl 1', decision: 'ask' },
    { cmd: 'az cosmosdb sql container update -a acme -g acme-prod -d shop -n users --ttl -1', decision: 'allow' },
    { cmd: 'gcloud sql instances patch prod-db --availability-type=ZONAL', decision: 'ask', production: true },
    { cmd: 'gcloud sql instances patch prod-db --availability-type=REGIONAL', decision: 'allow' },
    { cmd: 'gcloud spanner databases update app --instance prod --no-enable-drop-protection', decision: 'ask' },
    { cmd: 'gcloud spanner databases update app --instance prod --enable-drop-protection', decision: 'allow' },
    { cmd: 'gcloud container clusters update prod --logging=NONE --monitoring=NONE', decision: 'ask' },
    { cmd: 'gcloud container clusters update prod --logging=SYSTEM,WORKLOAD', decision: 'allow' },
    { cmd: 'gcloud redis instances update cache --region us-central1 --persistence-mode=disabled', decision: 'ask' },
    { cmd: 'gcloud redis instances update cache --region us-central1 --persistence-mode=rdb', decision: 'allow' },
    { cmd: 'gcloud beta billing projects unlink acme-prod', decision: 'ask', production: true },
    { cmd: 'gcloud beta billing projects describe acme-prod', decision: 'allow' },
    { cmd: 'gcloud dns record-sets update www.acme.com --zone acme --type A --rrdatas 203.0.113.99 --ttl 60', decision: 'ask', production: true },
    { cmd: 'gcloud dns record-sets list --zone acme', decision: 'allow' },
    { cmd: 'gcloud dns managed-zones update acme --dnssec-state off', decision: 'ask' },
    { cmd: 'gcloud dns managed-zones update acme --dnssec-state on', decision: 'allow' },
    { cmd: 'az network dns record-set a update -g acme-prod -z acme.com -n www --set aRecords[0].ipv4Address=203.0.113.99', decision: 'ask' },
    { cmd: 'az network dns record-set a show -g acme-prod -z acme.com -n www', decision: 'allow' },
    { cmd: 'az acr config retention update -r acmereg --status enabled --days 0 --type UntaggedManifests', decision: 'ask' },
    { cmd: 'az acr config retention update -r acmereg --status enabled --days 30 --type UntaggedManifests', decision: 'allow' },
    { cmd: 'gcloud artifacts repositories set-cleanup-policies repo --location us --policy p.json --dry-run', decision: 'allow' },
    { cmd: 'aws acm-pca revoke-certificate --certificate-authority-arn arn:1 --certificate-serial 1 --revocation-reason KEY_COMPROMISE', decision: 'ask', production: true },
    { cmd: 'aws acm-pca describe-certificate-authority --certificate-authority-arn arn:1', decision: 'allow' },
    { cmd: `aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch '{"Changes":[{"Action":"UPSERT","ResourceRecordSet":{"Name":"www.acme.com","Type":"A"}}]}'`, decision: 'ask', production: true, says: /UPSERT/ },
    { cmd: `aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch '{"Changes":[{"Action":"CREATE","ResourceRecordSet":{"Name":"new.acme.com","Type":"A"}}]}'`, decision: 'allow' },
    { cmd: 'aws autoscaling suspend-processes --auto-scaling-group-name prod', decision: 'ask', says: /no longer replaced/ },
    { cmd: 'aws autoscaling suspend-processes --auto-scaling-group-name prod --scaling-processes ScheduledActions', decision: 'allow' },
    { cmd: 'gcloud compute instance-groups managed resize web --size 0 --zone us-central1-a', decision: 'ask' },
    { cmd: 'gcloud compute instance-groups managed resize web --size 3 --zone us-central1-a', decision: 'allow' },
    { cmd: 'az vm start -g acme-prod -n web1', decision: 'allow' },
  ]);

  table('tools with no rules of their own: outage and overwrite words from their documentation', [
    { cmd: 'hcloud server rebuild web-1 --image ubuntu-24.04', decision: 'ask', production: true },
    { cmd: 'hcloud server describe web-1', decision: 'allow' },
    { cmd: 'atlas clusters pause prod', decision: 'ask', production: true },
    { cmd: 'atlas clusters describe prod', decision: 'allow' },
    { cmd: 'kubectl cnpg hibernate on pg-prod', decision: 'ask' },
    { cmd: 'kubectl cnpg hibernate off pg-prod', decision: 'allow' },
    { cmd: 'velero schedule pause daily', decision: 'ask', production: true },
    { cmd: 'velero schedule unpause daily', decision: 'allow' },
    { cmd: 'cli53 rrpurge --confirm acme.com', decision: 'ask', production: true },
    { cmd: 'cli53 list', decision: 'allow' },
    { cmd: 'dnscontrol push', decision: 'ask', production: true },
    { cmd: 'dnscontrol preview', decision: 'allow' },
    { cmd: 'flarectl dns update --zone acme.com --id 1 --content 203.0.113.99', decision: 'ask' },
    { cmd: 'flarectl dns list --zone acme.com', decision: 'allow' },
    { cmd: 's3cmd setlifecycle lc.json s3://acme-prod-uploads', decision: 'ask' },
    { cmd: 's3cmd getlifecycle s3://acme-prod-uploads', decision: 'allow' },
    { cmd: 'mc ilm import prod/uploads', decision: 'ask' },
    { cmd: 'mc ilm export prod/uploads', decision: 'allow' },
    { cmd: 'mc mirror --remove ./empty prod/uploads', decision: 'ask' },
    { cmd: 'mc mirror ./site prod/uploads', decision: 'allow' },
    { cmd: 'rclone backend cleanup-hidden b2:acme-prod', decision: 'ask' },
    { cmd: 'rclone backend features b2:acme-prod', decision: 'allow' },
    { cmd: 'gsutil retention clear gs://acme-prod', decision: 'ask', production: true, says: /retention/ },
    { cmd: 'gsutil retention get gs://acme-prod', decision: 'allow' },
    { cmd: 'doctl compute domain records update acme.com --record-id 1 --record-data 203.0.113.99', decision: 'ask', production: true },
    { cmd: 'doctl compute domain records list acme.com', decision: 'allow' },
    { cmd: 'octodns-sync --config-file prod.yaml --doit', decision: 'ask', says: /deleting records/ },
    { cmd: 'octodns-sync --config-file prod.yaml', decision: 'allow' },
    { cmd: 'eksctl scale nodegroup --cluster prod --name ng --nodes 0', decision: 'ask', production: true, says: /scales to zero/ },
    { cmd: 'eksctl scale nodegroup --cluster prod --name ng --nodes 3', decision: 'allow' },
    { cmd: 'eksctl utils update-cluster-logging --cluster prod --disable-types all --approve', decision: 'ask', says: /logging off/ },
    { cmd: 'eksctl utils update-cluster-logging --cluster prod --disable-types all', decision: 'allow' },
    { cmd: 'eksctl utils update-cluster-logging --cluster prod --enable-types all --approve', decision: 'allow' },
    { cmd: 'eksctl delete cluster --name prod', decision: 'ask', production: true },
    { cmd: 'eksctl get nodegroup --cluster prod', decision: 'allow' },
    { cmd: 'hcloud server poweroff web-1', decision: 'ask', says: /shuts down/ },
    { cmd: 'hcloud server poweron web-1', decision: 'allow' },
  ]);
});
