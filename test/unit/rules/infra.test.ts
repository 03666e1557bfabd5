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
  ['terraform -chdir=envs/production plan', null],
  ['terraform --chdir envs/production apply -var-file=prod.tfvars', null],
  ['terraform state -lock=false list', null],
  ['terragrunt run-all plan', null],
  ['pulumi -s prod up --yes', null],
  ['pulumi stack ls', null],
  ['cdk --profile prod deploy ShopStack', null],
  ['terraform plan', null],
  ['terraform plan -destroy', null],
  ['terraform apply', null],
  ['terraform init', null],
  ['terraform state list', null],
  ['terraform workspace select prod', null],
  ['terraform fmt -recursive', null],
  ['pulumi up', null],
  ['pulumi preview --stack prod', null],
  ['cdk deploy', null],
  ['cdk diff', null],
];

describe('infra pack', () => {
  for (const [cmd, rule, environment, extra, facts] of cases) {
    const label = `${extra?.assignments ? Object.entries(extra.assignments).map(([k, v]) => `${k}=${v} `).join('') : ''}${cmd}${extra?.cwd ? ` [in ${extra.cwd}]` : ''}${facts ? ' [facts]' : ''}`;
    it(`${label} -> ${rule ?? 'nothing'}${environment ? ` (${environment})` : ''}`, () => {
      const findings = run(cmd, extra ?? {}, facts ?? {});
      if (rule === null) return assert.deepEqual(findings, []);
      const found = findings.find((f) => f.rule === rule);
      assert.ok(found, JSON.stringify(findings));
      assert.equal(found.severity, 'ask');
      assert.equal(found.targets[0]?.remote, true);
      if (environment) assert.equal(found.targets[0]?.environment, environment, JSON.stringify(found.targets));
    });
  }
});
