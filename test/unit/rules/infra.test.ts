import { strict as assert } from 'node:assert';
import { infraPack } from '../../../src/core/rules/infra';
import type { Facts, Finding, Invocation } from '../../../src/core/policy/types';
import { runPack } from '../support/packRun';
import { testFacts } from '../support/policyFixtures';

/** The pack's findings for a command, through the engine's real path (shell analysis, `findingsOf`). */
function run(cmd: string, extra: Partial<Invocation>, facts: FactsWithFiles): Finding[] {
  const prefix = Object.entries(extra.assignments ?? {}).map(([k, v]) => `${k}=${v} `).join('');
  const f = testFacts({ ...facts, ...(extra.cwd !== undefined ? { cwd: extra.cwd } : {}) });
  return runPack(infraPack, prefix + cmd, f).findings.filter((x) => x.rule.startsWith('infra.'));
}

type FactsWithFiles = Partial<Facts> & { files?: Record<string, string> };
const cases: Array<[string, string | null, string?, Partial<Invocation>?, FactsWithFiles?]> = [
  ['terraform destroy', 'infra.terraform-destroy', 'unknown'],
  ['terraform destroy -auto-approve', 'infra.terraform-destroy', 'unknown'],
  ['terraform destroy -var-file=prod.tfvars', 'infra.terraform-destroy', 'production'],
  ['terraform destroy -var-file=staging.tfvars', 'infra.terraform-destroy', 'non-production'],
  ['terraform -chdir=envs/production destroy', 'infra.terraform-destroy', 'production'],
  ['terraform apply -destroy', 'infra.terraform-destroy', 'unknown'],
  ['terraform apply -destroy -auto-approve', 'infra.terraform-destroy', 'production', {}, { envSelectors: { TF_WORKSPACE: 'prod' } }],
  ['terraform destroy', 'infra.terraform-destroy', 'production', { assignments: { TF_WORKSPACE: 'production' } }],
  ['terraform destroy', 'infra.terraform-destroy', 'non-production', { cwd: '/work/app/infra/staging' }],
  ['terraform destroy', 'infra.terraform-destroy', 'production', {}, { files: { '/work/app/.terraform/environment': 'prod-eu\n' } }],
  ['terraform destroy -var env=dev', 'infra.terraform-destroy', 'non-production'],
  ['terraform destroy -target=aws_db_instance.main', 'infra.terraform-destroy', 'unknown'],
  ['terraform state rm aws_s3_bucket.logs', 'infra.terraform-state-rm', 'unknown'],
  // State surgery: a moved address the configuration does not match is destroyed and recreated at the next apply.
  ['terraform state mv aws_db_instance.prod aws_db_instance.old', 'infra.terraform-state-mv', 'unknown'],
  ['terraform state mv -lock=false module.db.aws_db_instance.main module.db2.aws_db_instance.main', 'infra.terraform-state-mv', 'unknown'],
  ['tofu state mv -var-file=prod.tfvars aws_s3_bucket.a aws_s3_bucket.b', 'infra.terraform-state-mv', 'production'],
  ['terraform -chdir=envs/production state mv a.b a.c', 'infra.terraform-state-mv', 'production'],
  ['terraform state mv -dry-run aws_db_instance.prod aws_db_instance.old', null],
  ['terraform state rm -dry-run aws_s3_bucket.logs', null],
  ['terraform state list', null],
  ['tofu state list -id=db-1', null],
  ['terraform workspace delete prod', 'infra.terraform-workspace-delete', 'production'],
  ['terraform apply -replace=aws_instance.web', 'infra.terraform-replace', 'unknown'],
  ['terraform force-unlock 1234', 'infra.terraform-force-unlock', 'unknown'],
  ['tofu destroy', 'infra.terraform-destroy', 'unknown'],
  ['terragrunt run-all destroy', 'infra.terraform-destroy', 'unknown'],
  ['terragrunt destroy', 'infra.terraform-destroy', 'unknown'],
  ['pulumi destroy', 'infra.pulumi-destroy', 'unknown'],
  ['pulumi destroy --stack org/proj/prod --yes', 'infra.pulumi-destroy', 'production'],
  ['pulumi destroy -s dev', 'infra.pulumi-destroy', 'non-production'],
  ['pulumi down -y', 'infra.pulumi-destroy', 'unknown'],
  ['pulumi stack rm acme/shop/staging --force', 'infra.pulumi-stack-rm', 'non-production'],
  ['pulumi state delete urn:pulumi:x', 'infra.pulumi-state-delete', 'unknown'],
  ['cdk destroy', 'infra.cdk-destroy', 'unknown'],
  ['cdk destroy ShopProdStack --force', 'infra.cdk-destroy', 'production'],
  ['cdk destroy --all --profile staging', 'infra.cdk-destroy', 'non-production'],
  // Read through the registry's grammar: Go flags with one or two dashes, glued or separated, global or per command.
  ['terraform -chdir envs/production destroy', 'infra.terraform-destroy', 'production'],
  ['terraform --chdir=envs/production destroy -auto-approve', 'infra.terraform-destroy', 'production'],
  ['terraform destroy --var-file prod.tfvars', 'infra.terraform-destroy', 'production'],
  ['terraform apply --destroy --auto-approve', 'infra.terraform-destroy', 'unknown'],
  ['terraform state -lock=false rm aws_s3_bucket.logs', 'infra.terraform-state-rm', 'unknown'],
  ['terraform workspace delete -force prod', 'infra.terraform-workspace-delete', 'production'],
  ['terragrunt --terragrunt-non-interactive run-all destroy', 'infra.terraform-destroy', 'unknown'],
  ['pulumi destroy --stack=org/proj/prod --skip-preview', 'infra.pulumi-destroy', 'production'],
  ['pulumi dn -s dev -y', 'infra.pulumi-destroy', 'non-production'],
  ['pulumi --non-interactive stack rm -f acme/shop/staging', 'infra.pulumi-stack-rm', 'non-production'],
  ['cdk destroy --profile prod ShopStack', 'infra.cdk-destroy', 'production'],
  ['cdk --profile=staging destroy --all --force', 'infra.cdk-destroy', 'non-production'],
  // Changes that destroy without saying so: saved plans, state pushed over, taint, protection switched off, forced replacements.
  ['terraform apply tfplan', 'infra.terraform-saved-plan', 'unknown'],
  ['terraform apply -auto-approve plan.bin', 'infra.terraform-saved-plan', 'unknown'],
  ['terraform plan -out=tfplan && terraform apply tfplan', 'infra.terraform-saved-plan', 'unknown'],
  ['terraform plan -destroy -out=d.plan && terraform apply d.plan', 'infra.terraform-destroy', 'unknown'],
  ['terraform plan -destroy -out d.plan; terraform apply -auto-approve d.plan', 'infra.terraform-destroy', 'unknown'],
  ['tofu plan -destroy -out=x.tfplan && tofu apply x.tfplan', 'infra.terraform-destroy', 'unknown'],
  ['tofu apply plan.bin', 'infra.terraform-saved-plan', 'unknown'],
  ['terragrunt run-all apply plan.out', 'infra.terraform-saved-plan', 'unknown'],
  ['terraform -chdir=envs/staging apply tfplan', 'infra.terraform-saved-plan', 'non-production'],
  ['terraform state push -force empty.tfstate', 'infra.terraform-state-push', 'unknown'],
  ['terraform state push errored.tfstate', 'infra.terraform-state-push', 'unknown'],
  ['tofu state push -force terraform.tfstate.backup', 'infra.terraform-state-push', 'unknown'],
  ['terraform taint aws_db_instance.main', 'infra.terraform-taint', 'unknown'],
  ['terraform taint -allow-missing module.db.aws_db_instance.this', 'infra.terraform-taint', 'unknown'],
  ['terraform apply -auto-approve -var deletion_protection=false', 'infra.terraform-protection-off', 'unknown'],
  ["terraform apply -var 'skip_final_snapshot=true' -var-file=prod.tfvars", 'infra.terraform-protection-off', 'production'],
  ['terraform apply -var=force_destroy=true', 'infra.terraform-protection-off', 'unknown'],
  ['tofu apply -var prevent_destroy=false -var-file=staging.tfvars', 'infra.terraform-protection-off', 'non-production'],
  ['terragrunt apply -var enable_deletion_protection=false', 'infra.terraform-protection-off', 'unknown'],
  ['pulumi up --yes --replace urn:pulumi:prod::shop::aws:rds/instance:Instance::db -s prod', 'infra.pulumi-replace', 'production'],
  ['pulumi up --target-replace urn:pulumi:dev::shop::aws:s3/bucket:Bucket::b -s dev', 'infra.pulumi-replace', 'non-production'],
  ['pulumi update -y --replace=urn:pulumi:x::shop::aws:ec2/instance:Instance::web', 'infra.pulumi-replace', 'unknown'],
  // Red team round 4: an apply with no saved plan against production state (or, without a prompt, against a stack nobody named).
  ['terraform --chdir envs/production apply -var-file=prod.tfvars', 'infra.terraform-unreviewed-apply', 'production'],
  ['terraform apply -auto-approve', 'infra.terraform-unreviewed-apply', 'unknown'],
  ['terraform -chdir=envs/prod apply -auto-approve', 'infra.terraform-unreviewed-apply', 'production'],
  ['tofu apply -auto-approve -var-file=production.tfvars', 'infra.terraform-unreviewed-apply', 'production'],
  ['terraform apply', 'infra.terraform-unreviewed-apply', 'production', {}, { envSelectors: { TF_WORKSPACE: 'prod' } }],
  ['pulumi -s prod up --yes', 'infra.pulumi-unreviewed-up', 'production'],
  ['pulumi up --yes -s prod', 'infra.pulumi-unreviewed-up', 'production'],
  ['pulumi up --skip-preview --stack acme/shop/production', 'infra.pulumi-unreviewed-up', 'production'],
  ['pulumi up -y', 'infra.pulumi-unreviewed-up', 'unknown'],
  ['terraform apply -auto-approve -var-file=dev.tfvars', null],
  ['terraform -chdir=envs/staging apply -auto-approve', null],
  ['terraform apply -refresh-only -auto-approve', null],
  ['pulumi up --yes -s dev', null],
  ['pulumi up -s prod', null],
  ['terraform show plan.bin', null],
  ['terraform show -json tfplan', null],
  ['terraform plan -out=tfplan', null],
  ['terraform plan -destroy -out=d.plan', null],
  ['terraform apply -var instance_type=t3.small', null],
  ['terraform apply -var deletion_protection=true', null],
  ['terraform untaint aws_db_instance.main', null],
  ['terraform state pull', null],
  ['pulumi preview --replace urn:pulumi:prod::shop::aws:rds/instance:Instance::db', null],
  ['pulumi up --target urn:pulumi:dev::shop::aws:s3/bucket:Bucket::b -s dev', null],
  ['terraform -chdir=envs/production plan', null],
  ['terraform state -lock=false list', null],
  ['terragrunt run-all plan', null],
  ['pulumi stack ls', null],
  // cdk's default approval level (broadening) stops only for security changes: a replaced database goes through unasked.
  ['cdk --profile prod deploy ShopStack', 'infra.cdk-unapproved-deploy', 'production'],
  ['cdk --profile dev deploy ShopStack', null],
  ['cdk --profile prod deploy ShopStack --require-approval any-change', null],
  ['terraform plan', null],
  ['terraform plan -destroy', null],
  ['terraform apply', null],
  ['terraform init', null],
  ['terraform state list', null],
  ['terraform workspace select prod', null],
  ['terraform fmt -recursive', null],
  ['pulumi up', null],
  ['pulumi preview --stack prod', null],
  ['cdk deploy', 'infra.cdk-unapproved-deploy', 'unknown'],
  ['cdk diff', null],
];

describe('infra pack', () => {
  for (const [cmd, rule, environment, extra, facts] of cases) {
    const label = `${extra?.assignments ? Object.entries(extra.assignments).map(([k, v]) => `${k}=${v} `).join('') : ''}${cmd}${extra?.cwd ? ` [in ${extra.cwd}]` : ''}${facts ? ' [facts]' : ''}`;
    it(`${label} -> ${rule ?? 'nothing'}${environment ? ` (${environment})` : ''}`, () => {
      const findings = run(cmd, extra ?? {}, facts ?? {});
      // Read-only work on a production stack carries an info finding (it is marked production, never asked about).
      if (rule === null) return assert.deepEqual(findings.filter((f) => f.severity !== 'info'), []);
      const found = findings.find((f) => f.rule === rule);
      assert.ok(found, JSON.stringify(findings));
      assert.equal(found.severity, 'ask');
      assert.equal(found.targets[0]?.remote, true);
      if (environment) assert.equal(found.targets[0]?.environment, environment, JSON.stringify(found.targets));
    });
  }
});

describe('infra pack: saved plans on production, and the state backend', () => {
  const facts = (files: Record<string, string> = {}): FactsWithFiles => ({ files });
  it('a saved plan applied blind to a production stack is denied', () => {
    const found = run('terraform -chdir=envs/production apply tfplan', {}, facts()).find((f) => f.rule === 'infra.terraform-saved-plan');
    assert.equal(found?.severity, 'deny', JSON.stringify(found));
    assert.match(found.reason, /terraform show tfplan/);
  });
  for (const cmd of [
    'terraform -chdir=envs/production show tfplan && terraform -chdir=envs/production apply tfplan',
    'terraform -chdir=envs/production plan -out=tfplan && terraform -chdir=envs/production apply tfplan',
  ]) {
    it(`${cmd}: shown on the line, so it asks`, () => {
      const found = run(cmd, {}, facts()).find((f) => f.rule === 'infra.terraform-saved-plan');
      assert.equal(found?.severity, 'ask', JSON.stringify(found));
    });
  }
  const backend = 'terraform {\n  backend "s3" {\n    bucket = "acme-tf-state"\n    key    = "prod/terraform.tfstate"\n  }\n}\n';
  it('the backend block names the environment of a destroy', () => {
    const found = run('terraform destroy', {}, facts({ '/work/app/main.tf': backend })).find((f) => f.rule === 'infra.terraform-destroy');
    assert.equal(found?.targets[0]?.environment, 'production', JSON.stringify(found));
  });
  it('the backend recorded by init names it too', () => {
    const record = JSON.stringify({ backend: { type: 's3', config: { bucket: 'acme-tf-state', key: 'staging/terraform.tfstate' } } });
    const found = run('terraform destroy', {}, facts({ '/work/app/.terraform/terraform.tfstate': record })).find((f) => f.rule === 'infra.terraform-destroy');
    assert.equal(found?.targets[0]?.environment, 'non-production', JSON.stringify(found));
  });
  for (const cmd of ['terraform plan', 'terraform plan -destroy -out=tfplan', 'terraform output', 'terraform state list']) {
    it(`${cmd} on a production stack: read-only, marked production`, () => {
      const found = run(cmd, {}, facts({ '/work/app/backend.tf': backend }));
      assert.deepEqual(found.map((f) => [f.rule, f.severity, f.targets[0]?.environment]), [['infra.production-access', 'info', 'production']]);
    });
  }
  it('terraform plan on a stack nothing names stays unmarked', () => assert.deepEqual(run('terraform plan', {}, facts()), []));
  it('deletion protection switched off in a -var-file or TF_VAR_ asks', () => {
    const tfvars = 'instance_class = "db.r6g.large"\ndeletion_protection = false\n';
    const fromFile = run('terraform apply -auto-approve -var-file=teardown.tfvars', {}, facts({ '/work/app/teardown.tfvars': tfvars }));
    assert.ok(fromFile.some((f) => f.rule === 'infra.terraform-protection-off'), JSON.stringify(fromFile));
    const fromEnv = run('terraform apply -auto-approve', { assignments: { TF_VAR_skip_final_snapshot: 'true' } }, facts());
    assert.ok(fromEnv.some((f) => f.rule === 'infra.terraform-protection-off'), JSON.stringify(fromEnv));
    const kept = run('terraform apply -var-file=prod.tfvars', {}, facts({ '/work/app/prod.tfvars': 'deletion_protection = true\n' }));
    assert.ok(!kept.some((f) => f.rule === 'infra.terraform-protection-off'), JSON.stringify(kept));
  });
});
