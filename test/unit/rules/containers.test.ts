import { strict as assert } from 'node:assert';
import { containersPack } from '../../../src/core/rules/containers';
import type { Facts, Finding } from '../../../src/core/policy/types';
import { runPack } from '../support/packRun';
import { testFacts } from '../support/policyFixtures';

/** The pack's findings for a command, through the engine's real path (shell analysis, `findingsOf`); assignments become its prefix. */
function run(cmd: string, facts: Facts = testFacts(), assignments: Record<string, string> = {}): Finding[] {
  const prefix = Object.entries(assignments).map(([k, v]) => `${k}=${v} `).join('');
  return runPack(containersPack, prefix + cmd, facts).findings;
}

// [command, expected rule or severity, environment of the first target]
const cases: Array<[string, string | null, string?, Partial<Facts>?, Record<string, string>?]> = [
  ['docker volume rm pgdata', 'containers.volume-rm', 'local'],
  ['docker volume rm -f pgdata redisdata', 'containers.volume-rm', 'local'],
  ['docker volume remove pgdata', 'containers.volume-rm', 'local'],
  ['docker volume prune', 'containers.volume-prune', 'local'],
  ['docker volume prune -a -f', 'containers.volume-prune', 'local'],
  ['docker system prune', 'containers.system-prune', 'local'],
  ['docker system prune -a --volumes -f', 'containers.system-prune', 'local'],
  ['docker compose down -v', 'containers.compose-down-volumes', 'local'],
  ['docker compose down --volumes --remove-orphans', 'containers.compose-down-volumes', 'local'],
  ['docker compose -f prod.yml down -v', 'containers.compose-down-volumes', 'local'],
  ['docker-compose down -v', 'containers.compose-down-volumes', 'local'],
  ['docker compose rm -v', 'containers.compose-down-volumes', 'local'],
  ['docker rm -v db', 'containers.rm-volumes', 'local'],
  ['docker rm -fv db', 'containers.rm-volumes', 'local'],
  ['docker -H ssh://deploy@prod-host.acme.io volume rm pgdata', 'containers.volume-rm', 'production'],
  ['docker --host tcp://10.0.0.9:2376 volume rm pgdata', 'containers.volume-rm', 'unknown'],
  ['docker --context staging-box volume prune', 'containers.volume-prune', 'non-production'],
  ['docker volume rm pgdata', 'containers.volume-rm', 'unknown', {}, { DOCKER_HOST: 'tcp://builder.example.com:2376' }],
  ['podman volume rm data', 'containers.volume-rm', 'local'],
  // Read through the registry's docker grammar: global options glued or separated, option clusters, options after operands.
  ['docker -H=ssh://deploy@prod-host.acme.io volume rm -f pgdata', 'containers.volume-rm', 'production'],
  ['docker --context=staging-box system prune --volumes --all --force', 'containers.system-prune', 'non-production'],
  ['docker -l debug volume prune --filter label=keep=false', 'containers.volume-prune', 'local'],
  ['docker container rm db --volumes', 'containers.rm-volumes', 'local'],
  ['docker rm db -vf', 'containers.rm-volumes', 'local'],
  ['docker compose --project-name shop -f prod.yml down --volumes', 'containers.compose-down-volumes', 'local'],
  ['docker-compose -p shop rm -fsv', 'containers.compose-down-volumes', 'local'],
  ['kubectl delete namespace payments', 'containers.kubectl-delete', 'unknown'],
  ['kubectl delete ns payments --context prod-east', 'containers.kubectl-delete', 'production'],
  ['kubectl --context=staging delete ns payments', 'containers.kubectl-delete', 'non-production'],
  ['kubectl delete pvc data-db-0', 'containers.kubectl-delete', 'production', { kubeContext: 'gke_acme_europe_prod' }],
  ['kubectl delete pv pv-001', 'containers.kubectl-delete', 'local', { kubeContext: 'kind-dev' }],
  ['kubectl delete statefulset db -n prod', 'containers.kubectl-delete', 'production'],
  ['kubectl delete sts db', 'containers.kubectl-delete', 'unknown'],
  ['kubectl delete deployment api', 'containers.kubectl-delete', 'unknown'],
  ['kubectl delete deploy/api', 'containers.kubectl-delete', 'unknown'],
  ['kubectl delete all --all -n shop', 'containers.kubectl-delete', 'unknown'],
  ['kubectl delete pods --all', 'containers.kubectl-delete', 'unknown'],
  ['kubectl delete secret db-creds', 'containers.kubectl-delete', 'unknown'],
  ['kubectl delete -f k8s/', 'containers.kubectl-delete', 'unknown'],
  ['kubectl delete crd certificates.cert-manager.io', 'containers.kubectl-delete', 'unknown'],
  ['kubectl drain node-1', 'containers.kubectl-drain', 'unknown'],
  ['kubectl scale deploy/api --replicas=0', 'containers.kubectl-scale', 'unknown'],
  ['oc delete project shop', 'containers.kubectl-delete', 'unknown'],
  // Read through the registry's kubectl grammar: options before the verb, glued or separated.
  ['kubectl -n prod delete sts db', 'containers.kubectl-delete', 'production'],
  ['kubectl --namespace=prod --request-timeout 30s delete statefulset db', 'containers.kubectl-delete', 'production'],
  ['kubectl --context prod-east delete -f k8s/ --wait', 'containers.kubectl-delete', 'production'],
  ['kubectl scale --replicas 0 deploy/api', 'containers.kubectl-scale', 'unknown'],
  ['kubectl -A delete pods --all', 'containers.kubectl-delete', 'unknown'],
  ['helm uninstall shop', 'containers.helm-uninstall', 'unknown'],
  ['helm delete shop --kube-context prod-eu', 'containers.helm-uninstall', 'production'],
  ['helm uninstall shop -n staging', 'containers.helm-uninstall', 'non-production'],
  // allowed
  ['docker compose down', null],
  ['docker -H ssh://deploy@prod-host.acme.io volume ls', null],
  ['docker --context staging-box rm -f web', 'containers.rm-remote', 'non-production'],
  ['docker compose -p shop -f prod.yml down --remove-orphans', null],
  ['docker-compose -p shop rm -f', null],
  ['docker compose up -d', null],
  ['docker volume ls', null],
  ['docker rm -f web', null],
  ['docker image prune -a', null],
  ['docker ps -a', null],
  ['docker run --rm -v data:/data alpine ls', null],
  ['kubectl get pods', null],
  ['kubectl -n prod --context kind-dev delete pod api-7d9f', null],
  // Round 7 re-attack: a change to the current context, whose environment nothing names, is a change to production.
  ['kubectl scale --replicas 3 deploy/api', 'containers.production-change', 'production'],
  ['kubectl --context kind-dev scale --replicas 3 deploy/api', null],
  ['kubectl --context prod-east -f k8s/ diff', null],
  ['kubectl delete pod api-7d9f', null, undefined, { kubeContext: 'kind-dev' }],
  ['kubectl delete job migrate-1', null, undefined, { kubeContext: 'staging' }],
  ['kubectl logs -f api', null],
  // Read through the registry's helm grammar: global options before or after the command, glued or separated.
  ['helm --kube-context prod-eu uninstall shop', 'containers.helm-uninstall', 'production'],
  ['helm -n staging un shop --wait', 'containers.helm-uninstall', 'non-production'],
  ['helm --namespace=staging del --timeout 5m0s shop', 'containers.helm-uninstall', 'non-production'],
  ['helm uninstall --kube-context=prod-eu --cascade foreground shop', 'containers.helm-uninstall', 'production'],
  ['helm --kube-context prod-eu -n payments history shop', null],
  ['helm -n staging upgrade --install shop ./chart -f values-staging.yaml', null],
  ['helm list', null],
  ['helm uninstall web --dry-run', null],
  ['helm --kube-context prod-eu uninstall --dry-run shop', null],
  ['helm upgrade --install shop ./chart', 'containers.production-change', 'production'],
  ['helm --kube-context kind-dev upgrade --install shop ./chart', null],
  ['helm upgrade --install shop ./chart --dry-run', null],
];

describe('containers pack', () => {
  for (const [cmd, rule, environment, facts, assignments] of cases) {
    it(`${cmd}${facts?.kubeContext ? ` [context ${facts.kubeContext}]` : ''} -> ${rule ?? 'nothing'}${environment ? ` (${environment})` : ''}`, () => {
      const findings = run(cmd, testFacts(facts ?? {}), assignments ?? {});
      if (rule === null) {
        assert.deepEqual(findings.filter((f) => f.severity !== 'info'), []);
        return;
      }
      const f = findings.find((x) => x.rule === rule);
      assert.ok(f && f.severity === 'ask', JSON.stringify(findings));
      if (environment) assert.equal(f.targets[0]?.environment, environment, JSON.stringify(f.targets));
    });
  }

  it('records read-only kubectl against a production context as production access', () => {
    const findings = run('kubectl get pods --context prod-east');
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.severity, 'info');
    assert.equal(findings[0]?.risk, 'production-access');
    assert.equal(findings[0]?.targets[0]?.environment, 'production');
  });

  it('records helm status on the current production context', () => {
    const findings = run('helm status shop', testFacts({ kubeContext: 'prod-eu' }));
    assert.equal(findings[0]?.risk, 'production-access');
  });

  it('says nothing about read-only work on a non-production cluster', () => {
    assert.deepEqual(run('kubectl get pods', testFacts({ kubeContext: 'staging' })), []);
  });

  it('reads "namespace payments" in the reason', () => {
    const [f] = run('kubectl delete ns payments');
    assert.match(f?.reason ?? '', /Deletes namespace payments/);
    assert.equal(f?.targets[0]?.kind, 'namespace');
  });

  it('names the volume in the target', () => {
    const [f] = run('docker volume rm pgdata');
    assert.equal(f?.targets[0]?.name, 'pgdata');
    assert.equal(f?.targets[0]?.kind, 'volume');
  });
});
