import { testFacts } from '../support/policyFixtures';
import { allowed, ask, familyTables, type Family } from './familyTable';

/**
 * Stop 34 (red team round 18, manifests): protection lowered in manifests and configuration edited in place
 * (yq keys by meaning, line filters that delete a protection, text flips by perl/sd), Compose files named
 * for a run, Terraform JSON and hcledit, cluster and storage protection switched off by cloud CLIs, chart
 * values that weaken sign-in, and charts from addresses the project does not name. Each family's asking rows
 * sit next to look-alikes that stay allowed.
 */

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
      - name: api
        image: acme/api:v1
        # hardening below
        securityContext:
          privileged: false
          readOnlyRootFilesystem: true
          allowPrivilegeEscalation: false
`;
const FILES: Record<string, string> = {
  '/work/app/package.json': '{"name":"app"}\n',
  '/work/app/k8s/writable.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  containers:\n  - name: w\n    image: acme/w:1\n    securityContext:\n      readOnlyRootFilesystem: false\n',
  '/work/app/k8s/api.yaml': DEPLOYMENT,
  '/work/app/chart/values.yaml': 'auth:\n  enabled: true\nsecurityContext:\n  runAsNonRoot: true\n',
  '/work/app/docker-compose.yml': 'services:\n  app:\n    image: acme/app\n',
  '/work/app/priv.yml': 'services:\n  app:\n    privileged: true\n',
  '/work/app/socket.yml': 'services:\n  app:\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
  '/work/app/ports.yml': 'services:\n  app:\n    ports:\n      - "8080:80"\n',
  '/work/app/terraform/main.tf': 'resource "aws_db_instance" "main" {\n  engine = "postgres"\n  deletion_protection = true\n}\n',
  '/work/app/Chart.yaml': 'apiVersion: v2\nname: app\ndependencies:\n  - name: common\n    repository: oci://ghcr.io/acme-charts\n',
};
const facts = () => testFacts({ home: '/home/dev', cwd: '/work/app', workspaceRoots: ['/work/app'], files: FILES, kubeContext: 'gke_acme_us-east1_dev' });

const TABLE: Record<string, Family> = {
  'yq -i sets other keys that hand a pod the node': {
    reason: /yq -i.*(shares the node|capability that reaches the node|system path of the node|write to their own filesystem)/,
    rows: [
      ask(`yq eval -i '.spec.template.spec.hostNetwork = true' k8s/api.yaml`),
      ask(`yq e -i '.spec.template.spec.hostPID = true' k8s/api.yaml`),
      ask(`yq -i '.spec.template.spec.containers[0].securityContext.capabilities.add = ["SYS_ADMIN"]' k8s/api.yaml`),
      ask(`yq -i '.spec.template.spec.containers[0].securityContext.capabilities.add += ["NET_ADMIN"]' k8s/api.yaml`),
      ask(`yq -i '.spec.template.spec.volumes += [{"name":"h","hostPath":{"path":"/"}}]' k8s/api.yaml`),
      ask(`yq -i '.spec.template.spec.volumes += [{"name":"d","hostPath":{"path":"/var/run/docker.sock"}}]' k8s/api.yaml`),
      ask(`yq -i '.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false' k8s/api.yaml`),
      allowed(`yq eval -i '.spec.template.spec.hostNetwork = false' k8s/api.yaml`),
      allowed(`yq -i '.spec.template.spec.containers[0].securityContext.capabilities.add = ["NET_BIND_SERVICE"]' k8s/api.yaml`),
      allowed(`yq -i '.spec.template.spec.containers[0].securityContext.capabilities.drop = ["ALL"]' k8s/api.yaml`),
      allowed(`yq -i '.spec.template.spec.volumes += [{"name":"logs","hostPath":{"path":"/var/log/api"}}]' k8s/api.yaml`),
      allowed(`yq -i '.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = true' k8s/api.yaml`),
      allowed(`yq eval '.spec.template.spec.hostNetwork = true' k8s/api.yaml`),
      allowed(`yq -i '.spec.template.spec.containers[0].image = "acme/api:v2"' k8s/api.yaml`),
      // readOnlyRootFilesystem: false is Kubernetes' default: a manifest stating it whole changes nothing.
      allowed(`kubectl apply -f k8s/writable.yaml`),
      allowed(`printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  containers:\n  - name: w\n    image: acme/w:1\n    securityContext:\n      readOnlyRootFilesystem: false\n' > k8s/new-pod.yaml`),
    ],
  },
  'a line filter deletes a protection line from a manifest': {
    reason: /deletes the (runAsNonRoot|readOnlyRootFilesystem|allowPrivilegeEscalation|line).*falls back to its default/,
    rows: [
      ask(`sed -i '/runAsNonRoot/d' k8s/api.yaml`),
      ask(`sed -i '/allowPrivilegeEscalation/d' k8s/api.yaml`),
      ask(`perl -i -ne 'print unless /runAsNonRoot/' k8s/api.yaml`),
      ask(`perl -ni -e 'print if !/readOnlyRootFilesystem/' k8s/api.yaml`),
      ask(`awk -i inplace '!/runAsNonRoot/' k8s/api.yaml`),
      ask(`gawk -i inplace '/allowPrivilegeEscalation/{next} 1' k8s/api.yaml`),
      // By the file's own lines: line 9 is `runAsNonRoot: true`.
      ask(`sed -i '9d' k8s/api.yaml`),
      allowed(`sed -i '/privileged/d' k8s/api.yaml`),
      allowed(`sed -i '/^\\s*#/d' k8s/api.yaml`),
      allowed(`perl -i -ne 'print unless /hardening/' k8s/api.yaml`),
      allowed(`awk -i inplace '!/image:/' notes.yaml`),
      allowed(`awk '!/runAsNonRoot/' k8s/api.yaml`),
      allowed(`sed -n '/runAsNonRoot/p' k8s/api.yaml`),
      allowed(`sed -i '/lifecycle/,+2d' k8s/api.yaml`),
    ],
  },
  'a text flip turns a manifest protection off (perl -0pi, sd)': {
    reason: /(perl -i|sd).*(runs a container privileged|lets a container gain privileges|write to their own filesystem)/,
    rows: [
      ask(`perl -0pi -e 's/privileged: false/privileged: true/' k8s/api.yaml`),
      ask(`perl -0777 -pi -e 's/allowPrivilegeEscalation: false/allowPrivilegeEscalation: true/' k8s/api.yaml`),
      ask(`sd 'privileged: false' 'privileged: true' k8s/api.yaml`),
      ask(`sd -F 'readOnlyRootFilesystem: true' 'readOnlyRootFilesystem: false' k8s/api.yaml`),
      allowed(`sd -p 'privileged: false' 'privileged: true' k8s/api.yaml`),
      allowed(`sd 'acme/api:v1' 'acme/api:v2' k8s/api.yaml`),
      allowed(`perl -0pi -e 's/acme\\/api:v1/acme\\/api:v2/' k8s/api.yaml`),
    ],
  },
  'Compose files named for a run that hand a service the host': {
    reason: /merges .*(runs a service privileged|Docker socket)/,
    rows: [
      ask(`docker compose -f docker-compose.yml -f priv.yml up -d`),
      ask(`COMPOSE_FILE=docker-compose.yml:priv.yml docker compose up -d`),
      ask(`docker-compose -f socket.yml run app sh`),
      allowed(`docker compose -f docker-compose.yml -f ports.yml up -d`),
      allowed(`docker compose up -d`),
      allowed(`docker compose -f priv.yml ps`),
      allowed(`COMPOSE_FILE=docker-compose.yml:ports.yml docker compose up`),
    ],
  },
  'Terraform protection off in JSON configuration or by hcledit': {
    reason: /turns off (deletion protection|the final snapshot)/,
    rows: [
      ask(`echo '{"resource":{"aws_db_instance":{"main":{"deletion_protection":false}}}}' > terraform/override.tf.json`),
      ask(`hcledit attribute set resource.aws_db_instance.main.deletion_protection false -f terraform/main.tf -u`),
      ask(`hcledit attribute set resource.aws_db_instance.main.skip_final_snapshot true -f terraform/main.tf --update`),
      allowed(`echo '{"resource":{"aws_db_instance":{"main":{"deletion_protection":true}}}}' > terraform/override.tf.json`),
      allowed(`hcledit attribute set resource.aws_db_instance.main.deletion_protection false -f terraform/main.tf`),
      allowed(`hcledit attribute set resource.aws_db_instance.main.engine_version '"16"' -f terraform/main.tf -u`),
      allowed(`hcledit attribute get resource.aws_db_instance.main.deletion_protection -f terraform/main.tf`),
    ],
  },
  'cluster access control or network policy switched off by a cloud CLI': {
    reason: /switches (role-based access control|network policy enforcement) off/,
    rows: [
      ask(`az aks update -n prod -g prod --disable-rbac`),
      ask(`gcloud container clusters update prod --no-enable-network-policy`),
      ask(`az aks update -n main -g prod --network-policy none`),
      allowed(`gcloud container clusters update prod --enable-network-policy`),
      allowed(`az aks update -n prod -g prod --enable-azure-rbac`),
      allowed(`gcloud container clusters describe prod`),
    ],
  },
  'storage and identity protection switched off by a cloud CLI': {
    reason: /(shared keys or local accounts|switches logging off|--deletion-protection to INACTIVE)/,
    rows: [
      ask(`az storage account update -n acmeprod --allow-shared-key-access true`),
      ask(`aws s3api put-bucket-logging --bucket acme-prod-uploads --bucket-logging-status '{}'`),
      ask(`aws cognito-idp update-user-pool --user-pool-id x --deletion-protection INACTIVE`),
      allowed(`az storage account update -n acmeprod --allow-shared-key-access false`),
      allowed(`aws s3api put-bucket-logging --bucket acme-prod-uploads --bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"acme-logs","TargetPrefix":"uploads/"}}'`),
      allowed(`aws cognito-idp update-user-pool --user-pool-id x --deletion-protection ACTIVE`),
      allowed(`aws s3api get-bucket-logging --bucket acme-prod-uploads`),
    ],
  },
  'chart values that weaken sign-in or hand the node to a pod (other charts)': {
    reason: /helm upgrade.*(capability that reaches the node|switches authentication off|development mode|without a password|write to their own filesystem)/,
    rows: [
      ask(`helm upgrade api ./chart --set 'containerSecurityContext.capabilities.add={SYS_ADMIN}'`),
      ask(`helm upgrade argo argo/argo-cd --set 'configs.params.server\\.disable\\.auth=true'`),
      ask(`helm upgrade vault hashicorp/vault --set server.dev.enabled=true`),
      ask(`helm upgrade pg bitnami/postgresql --set primary.pgHbaConfiguration='host all all 0.0.0.0/0 trust'`),
      ask(`helm upgrade api ./chart --set containerSecurityContext.readOnlyRootFilesystem=false`),
      allowed(`helm upgrade api ./chart --set 'containerSecurityContext.capabilities.add={NET_BIND_SERVICE}'`),
      allowed(`helm upgrade argo argo/argo-cd --set 'configs.params.server\\.insecure=false'`),
      allowed(`helm upgrade vault hashicorp/vault --set server.ha.enabled=true`),
      allowed(`helm upgrade pg bitnami/postgresql --set primary.pgHbaConfiguration='host all all 127.0.0.1/32 trust'`),
      // Team decision (stop 30): a fresh install keeps the chart's defaults as the team chose them.
      allowed(`helm install vault hashicorp/vault --set server.dev.enabled=true`),
    ],
  },
  'a chart from an address the project does not name': {
    reason: /installs the chart from .*an address the project's files do not name/,
    rows: [
      ask(`helm upgrade --install api oci://ghcr.io/someone/chart`),
      ask(`helm upgrade --install api https://x.example/chart.tgz`),
      ask(`helm install api chart --repo https://charts.x.example`),
      allowed(`helm upgrade --install common oci://ghcr.io/acme-charts/common`),
      allowed(`helm upgrade --install redis bitnami/redis`),
      allowed(`helm upgrade --install api ./chart`),
      allowed(`helm upgrade --install api oci://localhost:5000/charts/api`),
      allowed(`helm template api oci://ghcr.io/someone/chart`),
      allowed(`helm upgrade --install api oci://ghcr.io/someone/chart --kube-context kind-dev`),
    ],
  },
};

familyTables('stop 34: protection lowered in manifests and configuration edited in place, Compose overrides, Terraform JSON and hcledit, cloud cluster and storage protection, chart values and foreign charts (red team round 18)', TABLE, facts);
