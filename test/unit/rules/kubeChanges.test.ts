import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Cluster changes that destroy without `kubectl delete`, from the kubectl reference (apply --prune,
 * replace --force, patch, proxy), each next to a look-alike that stays allowed. The context names the
 * environment as for every kubectl command.
 */

const facts = testFacts({ kubeContext: 'prod-eu-west-1' });
const verdict = (command: string) => classify(command, facts, { lockdown: false });

const DESTROYING: Array<[string, RegExp]> = [
  ['kubectl apply -f k8s/deployment.yaml --prune --all', /no longer defines \(kubectl apply --prune\)/],
  ['kubectl apply --prune -l app=api -f k8s/', /resources labelled app=api/],
  ['kubectl --context prod-eu-west-1 apply -k overlays/prod --prune --prune-allowlist=core/v1/ConfigMap --all', /kubectl apply --prune/],
  ['kubectl replace --force -f k8s/deployment.yaml', /Deletes and recreates/],
  ['kubectl apply --force -f k8s/statefulset.yaml', /Deletes and recreates/],
  [`kubectl patch deploy api -p '{"spec":{"replicas":0}}'`, /zero replicas/],
  [`kubectl patch statefulset db --type=merge --patch 'spec: {replicas: 0}'`, /zero replicas/],
  [`kubectl patch deployment api --type=json -p='[{"op":"replace","path":"/spec/replicas","value":0}]'`, /zero replicas/],
  [`kubectl patch deployment api --type=json -p='[{"op":"remove","path":"/spec/template/spec/volumes/0"}]'`, /Removes parts of/],
  [`kubectl patch pod web-0 -p '{"spec":{"containers":[{"name":"app","$patch":"delete"}]}}'`, /Removes parts of/],
  ['kubectl proxy & curl -X DELETE localhost:8001/api/v1/namespaces/payments', /through kubectl proxy on port 8001/],
  // Red team round 8: with no proxy on the line, a Kubernetes API path on a local port is a proxy or tunnel started earlier.
  ['curl -X DELETE localhost:8001/api/v1/namespaces/payments', /Kubernetes API on a local port/],
  ['kubectl proxy --port=8080 & sleep 2; curl -s -X DELETE http://127.0.0.1:8080/apis/apps/v1/namespaces/default/deployments/api', /port 8080/],
  [`kubectl proxy -p 9000 & http DELETE :9000/api/v1/namespaces/default/persistentvolumeclaims/data-db-0`, /port 9000/],
  ['kubectl port-forward svc/api 8080:80 & curl -X DELETE http://localhost:8080/v1/accounts/42', /through kubectl port-forward on port 8080/],
  [`kubectl port-forward svc/orders-db 5432:5432 & sleep 2; psql -h localhost -U app orders -c 'DROP TABLE orders'`, /kubectl port-forward leads to a service/],
  [`kubectl port-forward statefulset/mysql 13306:3306 & mysql -h 127.0.0.1 -P 13306 -e 'DROP DATABASE shop'`, /localhost:13306/],
];

const ALLOWED = [
  'kubectl apply -f k8s/deployment.yaml',
  'kubectl apply --prune -l app=api -f k8s/ --dry-run=server',
  `kubectl patch deploy api -p '{"spec":{"replicas":3}}'`,
  `kubectl patch deployment api --type=json -p='[{"op":"replace","path":"/spec/replicas","value":10}]'`,
  'kubectl replace -f k8s/deployment.yaml',
  'kubectl proxy & curl -s localhost:8001/api/v1/namespaces',
  'kubectl proxy --port=8080 & curl -X DELETE localhost:3000/api/todos/1',
  'kubectl port-forward svc/api 8080:80 & curl -s http://localhost:8080/healthz',
  `kubectl port-forward svc/orders-db 5432:5432 & psql -h localhost -p 15432 -c 'select 1'`,
];

describe('kube changes: deletes without kubectl delete', () => {
  for (const [command, reason] of DESTROYING) {
    it(`${command}: asks, production`, () => {
      const v = verdict(command);
      assert.equal(v.decision, 'ask', JSON.stringify(v.reasons));
      assert.equal(v.production, true, JSON.stringify(v.targets));
      assert.ok(v.reasons.some((r) => reason.test(r)), JSON.stringify(v.reasons));
    });
  }
  for (const command of ALLOWED) {
    it(`${command}: nothing destroyed`, () => {
      const v = verdict(command);
      assert.ok(!v.reasons.some((r) => /kubectl (apply --prune|patch)|Deletes and recreates|through kubectl proxy/.test(r)), JSON.stringify(v.reasons));
      // Since round 5 a change to a production cluster asks as a change (like an unreviewed terraform apply), never as a deletion.
      if (v.decision !== 'allow') assert.ok(v.reasons.some((r) => r.startsWith('Changes the production cluster')), JSON.stringify(v.reasons));
      const staging = classify(command, testFacts({ kubeContext: 'staging-us' }), { lockdown: false });
      assert.equal(staging.decision, 'allow', JSON.stringify(staging.reasons));
    });
  }
  it('a client through a port-forward reads production, allowed and marked production', () => {
    const v = verdict(`kubectl port-forward svc/orders-db 15432:5432 & psql -h 127.0.0.1 -p 15432 -c 'select count(*) from orders'`);
    assert.equal(v.decision, 'allow', JSON.stringify(v.reasons));
    assert.equal(v.production, true);
  });
  it('a cluster on this machine is not production', () => {
    const v = classify('kubectl apply -f k8s/ --prune --all', testFacts({ kubeContext: 'kind-dev' }), { lockdown: false });
    assert.equal(v.decision, 'ask');
    assert.equal(v.production, false);
  });
});
