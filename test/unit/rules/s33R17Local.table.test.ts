import { testFacts } from '../support/policyFixtures';
import { allowed, ask, familyTables, type Family } from './familyTable';

/**
 * Stop 33 (red team round 17, local edits): in-place sed deletes that take a protection line out of
 * infrastructure code. Each family's asking rows sit next to look-alikes that stay allowed.
 */

const FILES: Record<string, string> = {
  '/work/app/package.json': '{"name":"app"}\n',
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
    ],
  },
};

familyTables('stop 33: protection lines deleted in place (red team round 17)', TABLE, facts);
