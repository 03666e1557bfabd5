import { ask, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Red team round 18, false positives: reads of a secret's metadata that print no value (each next to the
 * read of the value, or a filter that lets one through, which still asks).
 */

const table = decisionTable(testFacts({}));

table('A Kubernetes secret read through a jsonpath of its kind, type and identity prints no value', [
  allow("kubectl get secret db -n payments -o jsonpath='{.type}'"),
  allow("kubectl get secret db -n payments -o jsonpath='{.metadata.creationTimestamp}'"),
  allow('kubectl get secrets -o jsonpath=\'{range .items[*]}{.metadata.name}{"\\n"}{end}\''),
  allow("kubectl get secret db -o jsonpath --template='{.type}'"),
  ask("kubectl get secret db -o jsonpath='{.data.password}'"),
  ask("kubectl get secret db -o jsonpath='{.type}{.data}'"),
  ask("kubectl get secret db -o jsonpath='{.metadata.annotations}'"),
  ask('kubectl get secrets -o jsonpath=\'{.items[?(@.data.password=="x")].metadata.name}\''),
  ask('kubectl get secret db -o "jsonpath={.type}$X"'),
  ask('kubectl get secret db -o yaml'),
]);

table('Terraform outputs piped into a jq that prints only their names', [
  allow('terraform output -json | jq keys'),
  allow("terraform output -json | jq -r '.db | keys'"),
  allow('terraform output -json 2>/dev/null | jq length'),
  ask('terraform output -json | jq .db'),
  ask("terraform output -json | jq 'keys, .db.value'"),
  ask('terraform output -json >&2 | jq keys'),
  ask('terraform output -json'),
]);

table('A secret store\'s metadata command reads versions and times, no value', [
  allow('vault kv metadata get secret/dev/db'),
  allow('vault kv metadata get -format=json secret/prod/db'),
  allow('vault kv list secret/dev'),
  ask('vault kv get secret/dev/db'),
  ask('vault read secret/data/db'),
  ask('conjur variable get -i prod/db/password'),
]);

table('A forge DELETE of the caller\'s own star, follow or subscription loses nothing (a PUT sets it again)', [
  allow('gh api -X DELETE user/starred/acme/shop'),
  allow('gh api -X DELETE /notifications/threads/1/subscription'),
  allow('gh api -X DELETE repos/acme/shop/subscription'),
  ask('gh api -X DELETE repos/acme/shop'),
  ask('gh api -X DELETE repos/acme/shop/issues/comments/1'),
  ask('gh api -X DELETE user/starred/acme/shop/../../../repos/acme/shop'),
  ask('gh api -X DELETE repos/../acme/subscription'),
]);

table('A chart upgraded with a protection off on a throwaway cluster of this machine (kind, minikube) loses nothing', [
  allow('helm upgrade --install redis bitnami/redis --kube-context kind-dev --set auth.enabled=false'),
  allow('helm upgrade redis bitnami/redis --kube-context minikube --set auth.enabled=false'),
  ask('helm upgrade --install redis bitnami/redis --kube-context prod --set auth.enabled=false'),
  ask('helm upgrade --install redis bitnami/redis --set auth.enabled=false'),
  ask('helm upgrade --install redis bitnami/redis --kube-context kind-dev --kubeconfig /tmp/k --set auth.enabled=false'),
]);
