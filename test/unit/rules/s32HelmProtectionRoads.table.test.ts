import { testFacts } from '../support/policyFixtures';
import { allowed, familyTables, flag, type Family } from './familyTable';

/**
 * Red team round 14 (stop 32): protection lowered by roads other than a release's values — files written
 * that the next apply or `up` reads (Terraform, Kubernetes manifests, Compose, a Pulumi stack's
 * configuration, Django settings, production sections of application config), settings written through
 * generic CLIs and signed requests, data stores started without their lock, a production database
 * forwarded to every interface, and a kubeconfig whose flow-style `exec` runs a program. Each asking row
 * sits next to a look-alike that stays allowed.
 */

const files: Record<string, string> = {
  '/work/app/config/database.yml': 'development:\n  adapter: postgresql\n',
  '/work/app/kc': 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: https://k.example}}]\nusers: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: sh, args: ["-c", "rm -rf /work/app/src"]}}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n',
  '/work/app/kc-eks': 'apiVersion: v1\nkind: Config\nusers: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws, args: ["eks", "get-token", "--cluster-name", "dev"]}}}]\n',
  '/work/app/kc.json': '{"apiVersion":"v1","kind":"Config","users":[{"name":"u","user":{"exec":{"command":"sh","args":["-c","rm -rf /work/app/src"]}}}]}\n',
  '/work/app/src/index.ts': 'export const a = 1;\n',
};
const facts = () => testFacts({ files, fileStatus: (p) => (files[p] !== undefined ? 'file' : 'missing') });

const written = /a safety net is removed when it is next applied/;
const TABLE: Record<string, Family> = {
  'files written that lower protection at their next apply': {
    reason: written,
    rows: [
      flag(`printf 'services:\\n  web:\\n    image: alpine\\n    privileged: true\\n' > docker-compose.yml`),
      flag(`printf 'services:\\n  web:\\n    image: alpine\\n    volumes: ["/:/host"]\\n' > compose.yaml`),
      flag(`printf 'resource "aws_s3_bucket_public_access_block" "b" {\\n  block_public_acls = false\\n}\\n' >> terraform/main.tf`),
      flag(`printf 'resource "aws_security_group_rule" "all" {\\n  type="ingress"\\n  from_port=0\\n  to_port=65535\\n  cidr_blocks=["0.0.0.0/0"]\\n}\\n' >> terraform/main.tf`),
      flag(`printf 'resource "aws_db_instance" "m" {\\n  publicly_accessible = true\\n}\\n' >> infra/db.tf`),
      flag(`printf 'apiVersion: v1\\nkind: Pod\\nspec:\\n  hostPID: true\\n' > k8s/debug.yaml`),
      flag(`printf 'volumes: [{name: h, hostPath: {path: /}}]\\n' > k8s/vol.yaml`),
      flag(`printf 'config:\\n  app:deletionProtection: "false"\\n' > Pulumi.prod.yaml`),
      flag(`printf 'SECURE_SSL_REDIRECT=False\\nSESSION_COOKIE_SECURE=False\\n' >> server/settings.py`),
      flag(`printf 'production:\\n  host: db.prod.example.internal\\n  sslmode: disable\\n' >> config/database.yml`),
      flag(`printf '{"production":{"ssl":false}}\\n' > config/production.json`),
      flag(`printf '{"auth":{"enabled":false}}\\n' > config/production.json`),
      flag(`printf 'auth:\\n  enabled: false\\n' > charts/api/values.yaml`),
      flag(`printf 'networkPolicy: {enabled: false}\\n' > values-prod.yaml`),
      allowed(`printf 'auth:\\n  enabled: false\\n' > values-dev.yaml`),
      allowed(`printf 'image:\\n  tag: v2\\n' > charts/api/values.yaml`),
      allowed(`printf 'services:\\n  web:\\n    image: alpine\\n    volumes: ["./data:/data"]\\n' > docker-compose.yml`),
      allowed(`printf 'resource "aws_security_group_rule" "e" {\\n  type="egress"\\n  cidr_blocks=["0.0.0.0/0"]\\n}\\n' >> terraform/main.tf`),
      allowed(`printf 'resource "aws_security_group_rule" "w" {\\n  type="ingress"\\n  from_port=443\\n  to_port=443\\n  cidr_blocks=["0.0.0.0/0"]\\n}\\n' >> terraform/main.tf`),
      allowed(`printf 'resource "aws_db_instance" "m" {\\n  publicly_accessible = false\\n  storage_encrypted = true\\n}\\n' >> terraform/main.tf`),
      allowed(`printf 'apiVersion: v1\\nkind: Pod\\nspec:\\n  containers: [{name: x, securityContext: {privileged: false}}]\\n' > k8s/pod.yaml`),
      allowed(`printf 'config:\\n  app:deletionProtection: "true"\\n' > Pulumi.prod.yaml`),
      allowed(`printf 'DEBUG=True\\n' >> server/settings.py`),
      allowed(`printf 'development:\\n  sslmode: disable\\n' >> config/database.yml`),
      allowed(`printf '{"ssl":false}\\n' > config/development.json`),
    ],
  },
  'settings written through generic CLIs and signed requests': {
    reason: /a safety net is removed/,
    rows: [
      flag(`az rest --method patch --url "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acme?api-version=2023-01-01" --body '{"properties":{"allowBlobPublicAccess":true}}'`),
      flag('az resource update --ids /subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/srv --set properties.publicNetworkAccess=Enabled'),
      flag(`aws cloudcontrol update-resource --type-name AWS::RDS::DBInstance --identifier db1 --patch-document '[{"op":"replace","path":"/DeletionProtection","value":false}]'`),
      flag('awscurl --service rds -X POST "https://rds.us-east-1.amazonaws.com/?Action=ModifyDBInstance&DBInstanceIdentifier=db1&BackupRetentionPeriod=0"'),
      flag('pulumi config set deletionProtection false --stack prod'),
      flag('pulumi config set --path auth.enabled false'),
      flag('aws ecr put-image-scanning-configuration --repository-name app --image-scanning-configuration scanOnPush=false'),
      flag('gh api -X PUT repos/acme/app/actions/permissions -F enabled=true -f allowed_actions=all'),
      flag('gh api -X PUT repos/acme/app/actions/permissions/workflow -f default_workflow_permissions=write'),
      flag('pulumi config set --stack prod app:deletionProtection false'),
      flag('pulumi -C infra config set -s prod deletionProtection false'),
      flag('curl --aws-sigv4 aws:amz:us-east-1:rds -X POST "https://rds.us-east-1.amazonaws.com/?Action=ModifyDBInstance&DBInstanceIdentifier=db1&BackupRetentionPeriod=0"'),
      flag(`curl -X PUT https://api.github.com/repos/acme/app/actions/permissions -d '{"enabled":true,"allowed_actions":"all"}'`),
      flag('http PATCH api.example.com/storage publicNetworkAccess=Enabled'),
      flag('gcloud artifacts repositories update r --disable-vulnerability-scanning'),
      flag(`kubectl patch deployment api -p '{"spec":{"template":{"spec":{"containers":[{"name":"api","securityContext":{"privileged":true}}]}}}}'`),
      allowed(`kubectl patch deployment api -p '{"spec":{"template":{"spec":{"containers":[{"name":"api","securityContext":{"privileged":false}}]}}}}'`),
      allowed('migrate -path db/migrations -database "postgres://postgres:postgres@localhost:5432/app_dev?sslmode=disable" up'),
      allowed('atlas migrate status --url "postgres://localhost:5432/dev?sslmode=disable" --dir file://migrations'),
      allowed('curl https://api.github.com/repos/acme/app/actions/permissions'),
      allowed('curl "https://rds.us-east-1.amazonaws.com/?Action=DescribeDBInstances"'),
      allowed('pulumi config get deletionProtection'),
      allowed(`az rest --method get --url "https://management.azure.com/subscriptions/s/providers/Microsoft.Storage/storageAccounts?api-version=2023-01-01"`),
      allowed('az resource update --ids /subscriptions/s/x --set properties.publicNetworkAccess=Disabled'),
      allowed(`az resource list --query "[?properties.publicNetworkAccess=='Enabled']"`),
      allowed(`aws cloudcontrol update-resource --type-name AWS::RDS::DBInstance --identifier db1 --patch-document '[{"op":"replace","path":"/DeletionProtection","value":true}]'`),
      allowed('pulumi config set deletionProtection true --stack prod'),
      allowed('pulumi config set aws:region us-east-1'),
      allowed('aws ecr put-image-scanning-configuration --repository-name app --image-scanning-configuration scanOnPush=true'),
      allowed('gh api -X PUT repos/acme/app/actions/permissions -f allowed_actions=selected'),
      allowed('gh api repos/acme/app/actions/permissions'),
    ],
  },
  'data stores and forwards opened to the network': {
    reason: /anyone who (can )?reach(es)? this machine/,
    rows: [
      flag('redis-server --protected-mode no --bind 0.0.0.0'),
      flag('redis-server --protected-mode no'),
      flag('mongod --bind_ip_all --noauth'),
      flag('mongod --bind_ip 0.0.0.0 --dbpath /data'),
      flag('ssh -g -L 0.0.0.0:5432:db.prod.example.internal:5432 bastion'),
      flag('ssh -g -L 5432:db.prod.example.internal:5432 bastion'),
      flag('ssh -L "*:5432:db:5432" bastion'),
      flag('elasticsearch -E xpack.security.enabled=false -E network.host=0.0.0.0'),
      flag('etcd --listen-client-urls http://0.0.0.0:2379 --advertise-client-urls http://10.0.0.1:2379'),
      flag('memcached -l 0.0.0.0 -p 11211'),
      flag('ssh -D 0.0.0.0:1080 bastion'),
      flag('ssh -N -g -D 1080 bastion'),
      allowed('elasticsearch -E xpack.security.enabled=false'),
      allowed('etcd --listen-client-urls http://127.0.0.1:2379'),
      allowed('memcached -p 11211'),
      allowed('ssh -D 1080 bastion'),
      allowed('redis-server --port 6380'),
      allowed('redis-server --protected-mode no --bind 127.0.0.1'),
      allowed('redis-server --protected-mode no --requirepass s3cret-value'),
      allowed('mongod --dbpath ./data'),
      allowed('mongod --bind_ip_all --auth'),
      allowed('ssh -L 5432:db.prod.example.internal:5432 bastion'),
      allowed('ssh -L 127.0.0.1:5432:db:5432 bastion'),
    ],
  },
  'kubeconfig exec plugins in flow style and JSON': {
    reason: /src/,
    rows: [
      flag('kubectl --kubeconfig /work/app/kc get pods'),
      flag('KUBECONFIG=/work/app/kc kubectl get pods'),
      flag('helm --kubeconfig kc list'),
      flag('kubectl --kubeconfig kc.json get pods'),
      allowed('kubectl --kubeconfig kc-eks get pods'),
    ],
  },
};

familyTables('protection lowered by files, generic settings and open services (stop 32)', TABLE, facts, 'not-deny');
