import { testFacts } from '../support/policyFixtures';
import { allowed, ask, familyTables, type Family } from './familyTable';

/**
 * Stop 33 (red team round 17, local edits): in-place sed deletes that take a protection line out of
 * infrastructure code; ssh's client configuration told not to check host keys. Each family's asking rows sit next to look-alikes that stay allowed.
 */

const FILES: Record<string, string> = {
  '/work/app/package.json': '{"name":"app"}\n',
  '/work/app/sql/drop.sql': 'DROP TABLE analytics.users;\n',
  '/work/app/sql/count.sql': 'SELECT count(*) FROM analytics.users;\n',
  '/work/app/terraform/main.tf': 'resource "aws_db_instance" "main" {\n  engine = "postgres"\n  deletion_protection = true\n  lifecycle {\n    prevent_destroy = true\n  }\n  tags = {}\n}\n',
};
const facts = () => testFacts({ home: '/home/dev', cwd: '/work/app', workspaceRoots: ['/work/app'], files: FILES });

const TABLE: Record<string, Family> = {
  'sed deletes a protection line from infrastructure code': {
    reason: /sed -i deletes the .*(prevent_destroy|deletion_protection|lifecycle).*falls back to its default/,
    rows: [
      ask(`sed -i '/prevent_destroy/d' terraform/main.tf`),
      ask(`sed -i '/deletion_protection/d' terraform/main.tf`),
      ask(`sed -i '/lifecycle/,+2d' terraform/main.tf`),
      ask(`sed -i.bak -e '/^\\s*prevent_destroy/d' terraform/main.tf`),
      // By the file's own lines: line 3 is `deletion_protection = true`; the range from engine takes it too.
      ask(`sed -i '3d' terraform/main.tf`),
      ask(`sed -i '/engine/,+1d' terraform/main.tf`),
      ask(`sed -i '/lifecycle {/,/}/d' terraform/main.tf`),
      // The file cannot be read: the script's own pattern names the protection.
      ask(`sed -i '/deletion_protection/d' infra/other.tf`),
      allowed(`sed -i '/engine/d' terraform/main.tf`),
      allowed(`sed -i '2d' terraform/main.tf`),
      allowed(`sed -i '/tags/,+1d' terraform/main.tf`),
      allowed(`sed -i '/^#/d' terraform/main.tf`),
      allowed(`sed -n '/prevent_destroy/p' terraform/main.tf`),
      allowed(`sed '/prevent_destroy/d' terraform/main.tf`),
      allowed(`sed -i '/prevent_destroy/d' notes.md`),
      allowed(`sed -i '/prevent_destroy = false/d' infra/other.tf`),
    ],
  },
  'ssh host-key checking switched off in the client configuration': {
    reason: /host-key checking off|known host keys away/,
    rows: [
      ask(`echo 'StrictHostKeyChecking no' >> ~/.ssh/config`),
      ask(`printf 'Host *\\n  StrictHostKeyChecking no\\n  UserKnownHostsFile /dev/null\\n' >> ~/.ssh/config`),
      ask(`echo 'UserKnownHostsFile /dev/null' | sudo tee -a /etc/ssh/ssh_config`),
      ask(`echo '  StrictHostKeyChecking=off' >> /home/dev/.ssh/config.d/all`),
      // accept-new trusts a host only the first time and still refuses a changed key: routine for automation.
      allowed(`echo 'StrictHostKeyChecking accept-new' >> ~/.ssh/config`),
      allowed(`echo 'StrictHostKeyChecking yes' >> ~/.ssh/config`),
      allowed(`printf 'Host gh\\n  HostName github.com\\n  User git\\n' >> ~/.ssh/config`),
      allowed(`echo 'StrictHostKeyChecking no' >> notes.txt`),
      allowed(`ssh -o StrictHostKeyChecking=accept-new deploy@build.acme.internal uptime`),
    ],
  },
  'gcloud told not to validate TLS certificates': {
    reason: /turns off TLS certificate validation/,
    rows: [
      ask(`gcloud config set auth/disable_ssl_validation true`),
      ask(`gcloud config set disable_ssl_validation True --configuration prod`),
      allowed(`gcloud config set auth/disable_ssl_validation false`),
      allowed(`gcloud config set project acme-dev`),
      allowed(`gcloud config get auth/disable_ssl_validation`),
    ],
  },
  'a SQL file fed on standard input to a client without rules (bq query reads its query from stdin)': {
    reason: /runs DROP TABLE analytics\.users/,
    rows: [
      ask(`bq query --use_legacy_sql=false < sql/drop.sql`),
      ask(`bq query < /work/app/sql/drop.sql`),
      allowed(`bq query --use_legacy_sql=false < sql/count.sql`),
      allowed(`wc -l < sql/drop.sql`),
      allowed(`bq query --use_legacy_sql=false 'SELECT 1'`),
    ],
  },
  'tailscale shields taken down': {
    reason: /takes the shields down/,
    rows: [
      ask(`tailscale up --accept-routes --shields-up=false`),
      ask(`tailscale set --shields-up=false`),
      ask(`sudo tailscale up --shields-up=0 --ssh`),
      allowed(`tailscale up --accept-routes`),
      allowed(`tailscale up --shields-up`),
      allowed(`tailscale set --shields-up=true`),
      allowed(`tailscale status --json`),
    ],
  },
};

familyTables('stop 33: protection lines deleted in place, ssh host keys unchecked, TLS validation off, SQL files on stdin, tailnet shields down (red team round 17)', TABLE, facts);
