import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Cloud data destroyed by overwriting, moving, restoring over or scaling away, and commands run on
 * machines by `gcloud compute ssh … -- cmd` and ansible modules. Rows from the AWS CLI (s3 mv/cp,
 * s3api put-object, rds modify-db-instance, ecs update-service, autoscaling), gcloud (sql
 * instances restore-backup, sql backups restore, storage mv/cp, compute ssh), gsutil and ansible
 * (file, postgresql_db, mysql_db modules) references; each next to look-alikes that stay allowed.
 */

const verdict = (command: string) => classify(command, testFacts(), { lockdown: false });

const FLAGGED: Array<[string, RegExp]> = [
  ['aws s3 mv s3://acme-prod-uploads s3://tmp --recursive', /moves away, deleting at the source/],
  ['aws s3 mv s3://acme-prod-uploads/avatars/ ./avatars --recursive', /moves away/],
  ['aws s3 cp /dev/null s3://acme-prod-backups/latest.dump', /overwrites with an empty file/],
  ['aws s3api put-object --bucket acme-prod-backups --key latest.dump --body /dev/null', /overwrites with an empty file/],
  ['aws rds modify-db-instance --db-instance-identifier prod-db --backup-retention-period 1 --apply-immediately', /one day/],
  ['aws rds modify-db-cluster --db-cluster-identifier shop-aurora --backup-retention-period 1', /one day/],
  ['aws ecs update-service --cluster prod --service api --desired-count 0', /scales to zero tasks/],
  ['aws autoscaling update-auto-scaling-group --auto-scaling-group-name web-asg --min-size 0 --max-size 0 --desired-capacity 0', /scales to zero instances/],
  ['aws autoscaling set-desired-capacity --auto-scaling-group-name web-asg --desired-capacity 0', /scales to zero instances/],
  ['gcloud sql instances restore-backup prod-db --restore-instance=prod-db --backup-id=1', /overwrites every database/],
  ['gcloud sql backups restore 1700000000000 --restore-instance=shop-prod --backup-instance=shop-prod', /overwrites every database/],
  ['gcloud storage mv gs://acme-prod-uploads/avatars gs://acme-archive/avatars --recursive', /moves away/],
  ['gcloud storage cp /dev/null gs://acme-prod-backups/db.dump', /overwrites with an empty file/],
  ['gsutil mv gs://acme-prod-uploads/* gs://acme-archive/', /moves away/],
  ['gsutil cp /dev/null gs://acme-prod-backups/db.dump', /overwrites with an empty file/],
  ['gcloud compute instance-groups managed resize web-mig --size 0 --zone us-central1-a', /scales to zero instances/],
  ['gcloud container clusters resize prod-gke --num-nodes 0 --node-pool default-pool', /scales to zero nodes/],
  ["gcloud compute ssh prod-vm -- 'dropdb shop'", /dropdb/],
  ["gcloud compute ssh deploy@prod-vm --zone us-central1-a -- -t 'sudo rm -rf /var/lib/mysql'", /Recursively deletes \/var\/lib\/mysql/],
  ['ansible all -i prod.ini -m file -a "path=/var/lib/postgresql state=absent" -b', /Recursively deletes \/var\/lib\/postgresql/],
  ['ansible db -m ansible.builtin.file -a "dest=/srv/uploads state=absent"', /Recursively deletes \/srv\/uploads/],
  ['ansible db -m community.postgresql.postgresql_db -a "name=shop state=absent"', /dropdb|Drops/],
  ['ansible db -m community.mysql.mysql_db -a "name=shop state=absent"', /DROP DATABASE|Drops/],
];

const ALLOWED = [
  'aws s3 cp local.txt s3://bucket/new-key',
  // A download overwrites nothing in the cloud. (A production database backup copied down asks since stop 35, as
  // pg_dump of production does: s35Verbs.table.test.ts.)
  'aws s3 cp s3://acme-prod-assets/logo.png ./logo.png',
  // Stop 33: into a website bucket nobody named it publishes (s33PublishRound16); a staging site stays routine.
  'aws s3 mv ./build s3://acme-staging-site/ --recursive',
  'aws s3api put-object --bucket acme-assets --key logo.png --body logo.png',
  'aws rds modify-db-instance --db-instance-identifier prod-db --backup-retention-period 14',
  'aws ecs update-service --cluster prod --service api --desired-count 3',
  'aws autoscaling set-desired-capacity --auto-scaling-group-name web-asg --desired-capacity 4',
  'gcloud sql backups list --instance=shop-prod',
  'gcloud storage cp ./dump.sql gs://acme-staging-backups/dump.sql',
  'gsutil cp gs://acme-prod-exports/report.csv .',
  'gcloud compute instance-groups managed resize web-mig --size 3 --zone us-central1-a',
  'gcloud compute ssh prod-vm -- -L 8080:localhost:80 -N',
  "gcloud compute ssh prod-vm -- 'df -h'",
  'ansible all -i prod.ini -m file -a "path=/srv/app state=directory mode=0755"',
  'ansible all -m ping',
];

describe('cloud overwrites, restores over, scaling to zero, and commands run on machines', () => {
  for (const [command, reason] of FLAGGED) {
    it(`${command}: asks, production`, () => {
      const v = verdict(command);
      assert.equal(v.decision, 'ask', JSON.stringify(v.reasons));
      assert.equal(v.production, true, JSON.stringify(v.targets));
      assert.ok(v.reasons.some((r) => reason.test(r)), JSON.stringify(v.reasons));
    });
  }
  for (const command of ALLOWED) it(`${command}: allowed`, () => assert.equal(verdict(command).decision, 'allow', JSON.stringify(verdict(command).reasons)));
});
