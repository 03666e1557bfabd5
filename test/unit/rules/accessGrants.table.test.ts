import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Access widened (red team round 4): administrative grants and databases opened to the internet ask,
 * and are production where they are remote. Each family sits next to look-alikes that stay allowed:
 * a read-only role, a read of the policy, a private range, web ports, outbound rules, revokes, dry runs.
 * Commands from the providers' documentation (AWS CLI iam/ec2/rds, gcloud projects/sql/compute, az role
 * and flexible-server, kubectl create clusterrolebinding, doctl databases firewalls).
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

describe('rules/accessGrants: privilege escalation and exposure (issue #18, red team round 4)', () => {
  table('administrative grants ask, production when remote', [
    { cmd: 'aws iam attach-user-policy --user-name me --policy-arn arn:aws:iam::aws:policy/AdministratorAccess', decision: 'ask', production: true, says: /AdministratorAccess to me/ },
    { cmd: 'aws iam attach-role-policy --role-name ci --policy-arn arn:aws:iam::aws:policy/PowerUserAccess', decision: 'ask', production: true },
    { cmd: `aws iam put-role-policy --role-name ci --policy-name all --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'`, decision: 'ask', production: true, says: /every action/ },
    { cmd: 'aws iam add-user-to-group --user-name intern --group-name Admins', decision: 'ask' },
    { cmd: 'gcloud projects add-iam-policy-binding acme-prod --member user:evil@x.com --role roles/owner', decision: 'ask', production: true, says: /roles\/owner on acme-prod/ },
    { cmd: 'gcloud projects add-iam-policy-binding acme-prod --member=serviceAccount:ci@acme-prod.iam.gserviceaccount.com --role=roles/editor', decision: 'ask', production: true },
    { cmd: 'gcloud iam service-accounts add-iam-policy-binding ci@acme-prod.iam.gserviceaccount.com --member user:me@x.com --role roles/iam.serviceAccountTokenCreator', decision: 'ask', production: true },
    { cmd: 'az role assignment create --assignee me@x.com --role Owner --scope /subscriptions/123', decision: 'ask', production: true },
    { cmd: 'az role assignment create --assignee me@x.com --role "User Access Administrator" --scope /subscriptions/123', decision: 'ask', production: true },
    { cmd: 'kubectl create clusterrolebinding pwn --clusterrole=cluster-admin --serviceaccount=default:default', decision: 'ask', production: true, says: /cluster-admin to default:default/ },
    { cmd: 'kubectl create clusterrolebinding ops --clusterrole cluster-admin --user bob --context prod-eu-west-1', decision: 'ask', production: true },
    { cmd: 'kubectl create clusterrolebinding anon --clusterrole=cluster-admin --group=system:anonymous', decision: 'ask', production: true },
    { cmd: `aws iam create-policy-version --policy-arn arn:aws:iam::123456789012:policy/ci --set-as-default --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'`, decision: 'ask', production: true },
    // Look-alikes: narrower roles, reads of the policy, a dry run, a local cluster.
    { cmd: 'aws iam attach-user-policy --user-name me --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess', decision: 'allow' },
    { cmd: 'aws iam list-attached-user-policies --user-name me', decision: 'allow' },
    { cmd: 'aws iam get-policy --policy-arn arn:aws:iam::aws:policy/AdministratorAccess', decision: 'allow' },
    { cmd: 'gcloud projects add-iam-policy-binding acme-prod --member user:dev@x.com --role roles/viewer', decision: 'allow' },
    { cmd: 'gcloud projects get-iam-policy acme-prod', decision: 'allow' },
    { cmd: 'az role assignment create --assignee me@x.com --role Reader --scope /subscriptions/123', decision: 'allow' },
    { cmd: 'az role assignment list --assignee me@x.com', decision: 'allow' },
    { cmd: 'kubectl create clusterrolebinding view --clusterrole=view --serviceaccount=default:default', decision: 'allow' },
    { cmd: 'kubectl create clusterrolebinding pwn --clusterrole=cluster-admin --serviceaccount=default:default --dry-run=client -o yaml', decision: 'allow' },
    { cmd: 'kubectl --context kind-dev create clusterrolebinding pwn --clusterrole=cluster-admin --serviceaccount=default:default', decision: 'allow' },
    { cmd: 'kubectl get clusterrolebindings -o wide', decision: 'allow' },
  ]);

  table('a database or server opened to the whole internet asks, production when remote', [
    { cmd: 'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 5432 --cidr 0.0.0.0/0', decision: 'ask', production: true, says: /5432 \(Postgres\)/ },
    { cmd: 'aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions IpProtocol=tcp,FromPort=3306,ToPort=3306,IpRanges=[{CidrIp=0.0.0.0/0}]', decision: 'ask', production: true, says: /MySQL/ },
    { cmd: 'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol -1 --cidr 0.0.0.0/0', decision: 'ask', says: /every port/ },
    { cmd: 'aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions IpProtocol=tcp,FromPort=6379,ToPort=6379,Ipv6Ranges=[{CidrIpv6=::/0}]', decision: 'ask' },
    { cmd: 'gcloud sql instances patch acme-prod --authorized-networks=0.0.0.0/0', decision: 'ask', production: true },
    { cmd: 'gcloud compute firewall-rules create allow-pg --allow tcp:5432 --source-ranges 0.0.0.0/0', decision: 'ask', production: true },
    { cmd: 'doctl databases firewalls append abc --rule ip_addr:0.0.0.0/0', decision: 'ask', production: true, says: /database abc/ },
    { cmd: 'aws rds modify-db-instance --db-instance-identifier acme-prod --publicly-accessible --apply-immediately', decision: 'ask', production: true, says: /publicly accessible/ },
    { cmd: 'az postgres flexible-server firewall-rule create -g rg -n acme-prod --rule-name all --start-ip-address 0.0.0.0 --end-ip-address 255.255.255.255', decision: 'ask', production: true },
    { cmd: 'az postgres flexible-server update -g rg -n acme-prod --public-access All', decision: 'ask', production: true },
    { cmd: 'linode-cli databases postgresql-update 123 --allow_list 0.0.0.0/0', decision: 'ask', production: true },
    { cmd: 'aws rds create-db-instance --db-instance-identifier shop-prod --engine postgres --publicly-accessible', decision: 'ask', production: true },
    { cmd: 'az sql server firewall-rule create -g rg -s shop-prod -n all --start-ip-address 0.0.0.0 --end-ip-address 255.255.255.255', decision: 'ask', production: true },
    // Look-alikes: web ports, a private or single address, outbound, revokes, reads, protection kept.
    { cmd: 'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 443 --cidr 0.0.0.0/0', decision: 'allow' },
    { cmd: 'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 5432 --cidr 10.0.0.0/16', decision: 'allow' },
    { cmd: 'aws ec2 authorize-security-group-egress --group-id sg-1 --protocol -1 --cidr 0.0.0.0/0', decision: 'allow' },
    { cmd: 'aws ec2 revoke-security-group-ingress --group-id sg-1 --protocol tcp --port 5432 --cidr 0.0.0.0/0', decision: 'allow' },
    { cmd: 'aws ec2 describe-security-groups --filters Name=ip-permission.cidr,Values=0.0.0.0/0', decision: 'allow' },
    { cmd: 'gcloud sql instances patch acme-prod --authorized-networks=203.0.113.7/32', decision: 'allow' },
    { cmd: 'gcloud compute firewall-rules create allow-web --allow tcp:80,tcp:443 --source-ranges 0.0.0.0/0', decision: 'allow' },
    { cmd: 'doctl databases firewalls append abc --rule ip_addr:203.0.113.7', decision: 'allow' },
    { cmd: 'doctl databases firewalls list abc', decision: 'allow' },
    { cmd: 'aws rds modify-db-instance --db-instance-identifier acme-dev --no-publicly-accessible', decision: 'allow' },
    { cmd: 'az postgres flexible-server firewall-rule create -g rg -n acme-prod --rule-name office --start-ip-address 203.0.113.7 --end-ip-address 203.0.113.7', decision: 'allow' },
    { cmd: 'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 5432 --cidr 0.0.0.0/0 --dry-run', decision: 'allow' },
    { cmd: 'grep -rn 0.0.0.0/0 terraform/', decision: 'allow' },
    { cmd: 'linode-cli databases postgresql-update 123 --allow_list 203.0.113.7/32', decision: 'allow' },
    { cmd: 'az sql server firewall-rule create -g rg -s shop-dev -n azure --start-ip-address 0.0.0.0 --end-ip-address 0.0.0.0', decision: 'allow' },
  ]);
});
