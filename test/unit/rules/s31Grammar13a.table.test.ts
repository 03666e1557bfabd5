import * as assert from 'node:assert/strict';
import { ask, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';
import { kubeconfigEntries, mergedKubeconfig } from '../../../src/core/policy/kubeconfig';
import { gatherFacts } from '../../../src/node/facts';

/**
 * Red team round 13 (option grammar), stop 31: global options that take a value read as the verb
 * (`kubectl options`, helm 4's globals, git(1)'s `--attr-source`, pulumi's switches); clusters named past
 * the context (`--cluster`, `--user`, `--server`, a kubeconfig named on the line, a context repointed
 * earlier on the line); docker engines of other machines (`DOCKER_HOST`, `-H`, `--context`). Each row that
 * asks sits next to a look-alike that stays allowed.
 */

/** The machine's kubeconfig: the current context is staging, and a production cluster is listed. */
const HOME_KUBECONFIG = [
  'apiVersion: v1',
  'kind: Config',
  'current-context: staging-us',
  'clusters:',
  '- cluster:',
  '    server: https://staging.k8s.acme.io',
  '  name: staging-us',
  '- cluster:',
  '    server: https://prod-eu.k8s.acme.io',
  '  name: prod-eu-west-1',
  'contexts:',
  '- context:',
  '    cluster: staging-us',
  '    user: staging-admin',
  '  name: staging-us',
  'users:',
  '- name: staging-admin',
  '  user:',
  '    exec:',
  '      command: aws',
  '      env:',
  '      - name: prod-profile',
  '        value: x',
].join('\n');

/** A file whose context is called dev but whose server is production (flow style, as the attacker wrote it). */
const DEV_NAMED_PROD = 'apiVersion: v1\nkind: Config\ncurrent-context: dev\nclusters:\n- name: dev\n  cluster: {server: "https://prod-eu.k8s.acme.io"}\ncontexts:\n- name: dev\n  context: {cluster: dev, user: prod-admin}\nusers:\n- name: prod-admin\n  user: {tokenFile: /dev/null}\n';
const DEV_FOR_REAL = 'current-context: dev\nclusters:\n- name: dev\n  cluster: {server: "https://dev.k8s.acme.io"}\ncontexts:\n- name: dev\n  context: {cluster: dev, user: dev-admin}\n';

const files = {
  '/home/dev/.kube/config': HOME_KUBECONFIG,
  '/work/app/kcfg.yaml': DEV_NAMED_PROD,
  '/work/app/dev.yaml': DEV_FOR_REAL,
  // A development cluster reached with a single sign-on identity whose name says prod.
  '/work/app/sso.yaml': DEV_FOR_REAL.replace('user: dev-admin', 'user: sso-prod-readonly'),
};
const staging = decisionTable(testFacts({ kubeContext: 'staging-us', kubeconfigFiles: ['/home/dev/.kube/config'], files }));
const prod = decisionTable(testFacts({ kubeContext: 'prod-cluster' }));
const plain = decisionTable(testFacts({}));

prod('kubectl globals that take a value, before the verb', [
  ask('kubectl --context prod-cluster --log-file get scale deploy api --replicas=0', { production: true, says: /Scales a workload to zero/ }),
  ask('kubectl --log-file=get scale deploy api --replicas=0', { production: true }),
  ask('kubectl --client-key get drain node1', { production: true, says: /Drains/ }),
  ask('kubectl --cache-dir get apply -f k8s/', { production: true }),
  ask('kubectl --certificate-authority get delete ns payments', { production: true }),
  ask('kubectl -v 6 delete ns payments', { production: true }),
  ask('kubectl --profile-output get --tls-server-name get delete deploy api', { production: true }),
  ask('kubectl --kuberc get --as-uid 0 delete pvc data', { production: true }),
  ask('sudo kubectl --username get --password get scale deploy api --replicas 0', { production: true }),
  ask('timeout 60 kubectl --log-dir get --vmodule get drain node1', { production: true }),
  allow('kubectl --log-file /tmp/l get pods', { production: true }),
  allow('kubectl --cache-dir /tmp/cache get pods', { production: true }),
  allow('kubectl -v 6 --insecure-skip-tls-verify get nodes', { production: true }),
]);

plain('an option nobody describes whose other reading changes something asks (issue #10)', [
  ask('kubectl --weird get scale deploy api --replicas=0', { says: /Cannot tell whether --weird takes a value/ }),
  ask('kubectl --weird get apply -f k8s/'),
  ask('kubectl --weird get rollout restart deploy/api'),
  allow('kubectl --weird get pods'),
  allow('kubectl --weird=1 get pods'),
]);

prod('helm globals that take a value (helm 4)', [
  ask('helm --content-cache /tmp/c upgrade api ./chart --kube-context prod-cluster', { production: true }),
  ask('helm --content-cache /tmp/c rollback api 1 --kube-context prod-cluster', { production: true }),
  ask('helm --color never uninstall api --kube-context prod-cluster', { production: true }),
  ask('helm --colour=never --registry-config /tmp/r upgrade api ./chart --kube-context prod-cluster', { production: true }),
  ask('env HELM_KUBECONTEXT=prod-cluster helm --repository-cache /tmp/r --kube-insecure-skip-tls-verify upgrade api ./chart', { production: true }),
  allow('helm --content-cache /tmp/c list'),
  allow('helm --color never template api ./chart'),
]);

plain('git and pulumi global options', [
  ask('git --attr-source HEAD push -f origin main', { says: /Force-pushes/ }),
  ask('git --attr-source=HEAD reset --hard HEAD~3'),
  ask('git --attr-source HEAD push --delete origin main'),
  ask('git --no-lazy-fetch push --force origin main'),
  ask('pulumi --logflow destroy -y -s prod', { production: true }),
  ask('pulumi --logflow stack rm -f -y prod', { production: true }),
  ask('pulumi --logtostderr -v 9 up -y -s prod', { production: true }),
  ask('pulumi --non-interactive --color never destroy --yes --stack prod', { production: true }),
  ask('pulumi -Q --profiling /tmp/p destroy -y -s prod', { production: true }),
  allow('git --attr-source HEAD status'),
  allow('git --attr-source HEAD push --dry-run -f origin main'),
  allow('pulumi --logflow preview -s prod'),
  allow('pulumi --logtostderr stack ls'),
]);

staging('clusters named past the context (--cluster, --user, --server)', [
  ask('kubectl --cluster prod-eu-west-1 --user prod-admin apply -f k8s/', { production: true, says: /prod-eu-west-1/ }),
  ask('kubectl --cluster=prod-eu-west-1 rollout restart deploy/api', { production: true }),
  ask('kubectl --server https://prod-eu.k8s.acme.io --token $TOKEN apply -f k8s/', { production: true, says: /prod-eu\.k8s\.acme\.io/ }),
  ask('kubectl -s https://prod-eu.k8s.acme.io --token "$TOKEN" set image deploy/api app=api:2', { production: true }),
  ask('kubectl --context kind-dev --cluster prod-eu-west-1 delete ns payments', { production: true }),
  ask('timeout 30 kubectl --user prod-admin --cluster prod-eu-west-1 scale deploy api --replicas 3', { production: true }),
  ask('helm --kube-apiserver https://prod-eu.k8s.acme.io --kube-token $TOKEN upgrade api ./chart', { production: true }),
  allow('kubectl --cluster staging-us apply -f k8s/'),
  allow('kubectl --cluster kind-dev apply -f k8s/'),
  allow('kubectl --cluster prod-eu-west-1 get pods', { production: true }),
  allow('kubectl apply -f k8s/'),
  allow('kubectl get pods'),
]);

staging('a kubeconfig named on the line is read; one that cannot be read is production', [
  ask('KUBECONFIG=/work/app/kcfg.yaml kubectl rollout restart deploy/api', { production: true, says: /production cluster/ }),
  ask('kubectl --kubeconfig /work/app/kcfg.yaml apply -f k8s/', { production: true }),
  ask('kubectl --kubeconfig=kcfg.yaml scale deploy api --replicas 2', { production: true }),
  ask('helm --kubeconfig /work/app/kcfg.yaml upgrade api ./chart', { production: true }),
  ask('export KUBECONFIG=/work/app/kcfg.yaml; kubectl apply -f k8s/', { production: true }),
  ask('env KUBECONFIG=/work/app/kcfg.yaml kubectl apply -f k8s/', { production: true }),
  ask('kubectl --kubeconfig /work/app/missing.yaml rollout restart deploy/api', { production: true, says: /cannot be read/ }),
  allow('kubectl --kubeconfig /work/app/dev.yaml apply -f k8s/'),
  allow('KUBECONFIG=/work/app/dev.yaml kubectl rollout restart deploy/api'),
  allow('kubectl --kubeconfig /work/app/kcfg.yaml get pods', { production: true }),
]);

staging('the machine kubeconfig: a context whose cluster or server is production', [
  ask('kubectl apply -f k8s/', { facts: { kubeContext: 'dev', kubeconfigFiles: ['/work/app/kcfg.yaml'] }, production: true }),
  ask('kubectl rollout restart deploy/api', { facts: { kubeContext: 'dev', kubeconfigFiles: ['/work/app/kcfg.yaml'] }, production: true }),
  ask('helm upgrade api ./chart', { facts: { kubeContext: 'dev', kubeconfigFiles: ['/work/app/kcfg.yaml'] }, production: true }),
  allow('kubectl apply -f k8s/', { facts: { kubeContext: 'dev', kubeconfigFiles: ['/work/app/dev.yaml'] } }),
  allow('kubectl apply -f k8s/', { facts: { kubeContext: 'staging-us', kubeconfigFiles: ['/work/app/missing.yaml'] } }),
]);

staging('a context or cluster repointed earlier on the line', [
  ask('kubectl config set-context --current --cluster=prod-eu-west-1 --user=prod-admin && kubectl apply -f k8s/', { production: true }),
  ask('kubectl config set-context staging-us --cluster=prod-eu-west-1 && kubectl rollout restart deploy/api', { production: true }),
  ask('kubectl config set-context staging-us --cluster prod-eu-west-1 --user prod-admin && kubectl set image deploy/api app=api:untested', { production: true }),
  ask('kubectl config set contexts.staging-us.cluster prod-eu-west-1; kubectl apply -f k8s/', { production: true }),
  ask('kubectl config set-cluster staging-us --server=https://prod-eu.k8s.acme.io && kubectl apply -f k8s/', { production: true }),
  ask("bash -c 'kubectl config set-context --current --cluster=prod-eu-west-1 && kubectl apply -f k8s/'", { production: true }),
  allow('kubectl config set-context staging-us --cluster=prod-eu-west-1', { production: true }),
  allow('kubectl config set-context other --cluster=prod-eu-west-1 && kubectl apply -f k8s/', { production: true }),
  allow('kubectl config set-context --current --namespace=web && kubectl apply -f k8s/'),
  allow('kubectl config set-context --current --cluster=staging-us && kubectl apply -f k8s/'),
]);

plain('docker engines of other machines', [
  ask('DOCKER_HOST=ssh://prod-host docker compose up -d --force-recreate', { production: true, says: /prod-host/ }),
  ask('docker -H ssh://prod-host compose stop', { production: true }),
  ask('docker --context prod stop db', { production: true }),
  ask('docker --context=prod container restart api', { production: true }),
  ask('docker context use prod && docker restart api', { production: true }),
  ask('sudo env DOCKER_HOST=tcp://prod-docker-01:2376 docker kill api', { production: true }),
  ask('DOCKER_HOST=ssh://prod-host docker-compose down', { production: true }),
  ask('export DOCKER_HOST=ssh://deploy@prod-docker-01.acme.net; docker compose -p acme restart', { production: true }),
  ask('docker --host=ssh://10.0.3.14 compose up -d', { production: true }),
  ask('docker -H ssh://prod-host pause api', { production: true }),
  allow('docker stop db'),
  allow('docker compose up -d --force-recreate'),
  allow('docker compose down'),
  allow('docker -H unix:///var/run/docker.sock ps'),
  allow('docker -H unix:///var/run/docker.sock stop db'),
  allow('docker --context default stop db'),
  allow('docker --context dev-box restart api'),
  allow('DOCKER_HOST=ssh://prod-host docker compose ps'),
  allow('docker -H ssh://prod-host logs api'),
]);

describe('kubeconfig reading (policy/kubeconfig.ts)', () => {
  const cases: { name: string; text: string; current?: string; context?: string; cluster?: string; server?: string; user?: string }[] = [
    { name: 'block style as kubectl writes it', text: HOME_KUBECONFIG, current: 'staging-us', context: 'staging-us', cluster: 'staging-us', server: 'https://staging.k8s.acme.io', user: 'staging-admin' },
    { name: 'flow style', text: DEV_NAMED_PROD, current: 'dev', context: 'dev', cluster: 'dev', server: 'https://prod-eu.k8s.acme.io', user: 'prod-admin' },
    { name: 'JSON', text: JSON.stringify({ 'current-context': 'p', contexts: [{ name: 'p', context: { cluster: 'c', user: 'u' } }], clusters: [{ name: 'c', cluster: { server: 'https://p.example:6443' } }] }), current: 'p', context: 'p', cluster: 'c', server: 'https://p.example:6443', user: 'u' },
    { name: 'quoted values, CRLF', text: 'current-context: "q"\r\ncontexts:\r\n- name: "q"\r\n  context:\r\n    cluster: \'cq\'\r\nclusters:\r\n- name: cq\r\n  cluster:\r\n    server: "https://q.example"\r\n', current: 'q', context: 'q', cluster: 'cq', server: 'https://q.example' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const e = kubeconfigEntries(c.text);
      assert.equal(e.current, c.current);
      const ctx = e.contexts.get(c.context!);
      assert.equal(ctx?.cluster, c.cluster);
      assert.equal(ctx?.user, c.user);
      assert.equal(e.clusters.get(c.cluster!), c.server);
    });
  }
  it('an exec plugin env name is not the user entry name', () => {
    const e = kubeconfigEntries(HOME_KUBECONFIG);
    assert.deepEqual([...e.contexts.keys()], ['staging-us']);
    assert.deepEqual([...e.clusters.keys()], ['staging-us', 'prod-eu-west-1']);
  });
  it('merged files: the first to set a value wins', () => {
    const m = mergedKubeconfig([DEV_FOR_REAL, DEV_NAMED_PROD]);
    assert.equal(m.current, 'dev');
    assert.equal(m.clusters.get('dev'), 'https://dev.k8s.acme.io');
  });
});

staging('a server named on the line says the environment of the credentials sent there', [
  ask('sudo kubectl --server=https://prod-eu.k8s.acme.io apply -f x.yaml', { production: true }),
  ask('kubectl -s https://prod-eu.k8s.acme.io get secrets', { production: true }),
  ask('kubectl -s https://evil.example get secrets', { production: false }),
  allow('kubectl -s https://127.0.0.1:6443 get pods'),
  allow('kubectl --server=https://localhost:6443 get pods'),
]);

describe('the machine kubeconfig files (node facts)', () => {
  it('lists KUBECONFIG of the environment, else ~/.kube/config, as absolute paths', () => {
    const home = '/home/someone';
    assert.deepEqual(gatherFacts({ cwd: '/tmp', env: {}, home }).kubeconfigFiles, ['/home/someone/.kube/config']);
    assert.deepEqual(gatherFacts({ cwd: '/tmp', env: { KUBECONFIG: '/a/one:/b/two' }, home }).kubeconfigFiles, ['/a/one', '/b/two']);
  });
});

staging('commands run in a pod of a cluster named past the context', [
  ask("kubectl --cluster prod-eu-west-1 exec -it web-0 -- sh -c 'rm -rf /data'", { production: true }),
  ask('kubectl --server https://prod-eu.k8s.acme.io exec web-0 -- rm -rf /data', { production: true }),
  ask('kubectl --cluster=prod-eu-west-1 run wipe --image=alpine --rm -i -- rm -rf /data', { production: true }),
  allow('kubectl --cluster prod-eu-west-1 exec web-0 -- ls /data', { production: true }),
  allow('kubectl exec web-0 -- ls /data'),
]);

plain('other engines of other machines (podman connections and URLs, contexts by variable, wrappers)', [
  ask('podman --connection prod stop db', { production: true }),
  ask('podman --url ssh://core@prod-db-1/run/podman/podman.sock restart db', { production: true }),
  ask('docker -c prod compose down', { production: true }),
  ask('DOCKER_CONTEXT=prod docker compose restart', { production: true }),
  ask("bash -c 'DOCKER_HOST=ssh://prod-host docker stop api'", { production: true }),
  ask('timeout 20 docker --host=tcp://prod-docker-01:2376 kill api', { production: true }),
  allow('timeout 20 docker --host=tcp://prod-docker-01:2376 kill -s HUP api'),
  allow('docker -H ssh://staging-host stop api'),
  allow('docker --context staging compose down'),
]);

staging('kubectx switches the context for later commands of the line', [
  ask('kubectx prod-eu-west-1 && kubectl apply -f k8s/', { production: true }),
  ask('kubectx prod-eu-west-1; kubectl rollout restart deploy/api', { production: true }),
  ask('kubectx dev && kubectl apply -f k8s/', { facts: { kubeconfigFiles: ['/work/app/kcfg.yaml'] }, production: true }),
  allow('kubectx staging-us && kubectl apply -f k8s/'),
  allow('kubectx - && kubectl get pods'),
  allow('kubectx -d prod-eu-west-1 && kubectl apply -f k8s/'),
]);

staging('a switch to a production context is seen', [
  ask('kubectx prod-eu-west-1 && kubectl scale deploy api --replicas 2', { production: true }),
  ask('kubectl config use-context prod-eu-west-1 && helm upgrade api ./chart', { production: true }),
  ask('kubectl config use-context dev && kubectl apply -f k8s/', { facts: { kubeconfigFiles: ['/work/app/kcfg.yaml'] }, production: true }),
  allow('kubectx prod-eu-west-1', { production: true }),
  allow('kubectl config use-context prod-eu-west-1', { production: true }),
  allow('kubectx staging-us', { production: false }),
  allow('kubectl config use-context dev', { facts: { kubeconfigFiles: ['/work/app/dev.yaml'] }, production: false }),
]);

staging('a kubeconfig user entry is an identity, not a name of the target', [
  ask('kubectl --user prod-admin apply -f k8s/', { production: true }),
  ask('kubectl config set-context --current --user=prod-admin && kubectl apply -f k8s/', { production: true }),
  ask('kubectl apply -f k8s/', { facts: { kubeContext: 'dev', kubeconfigFiles: ['/work/app/kcfg.yaml'] }, production: true }),
  allow('kubectl apply -f k8s/', { facts: { kubeContext: 'dev', kubeconfigFiles: ['/work/app/sso.yaml'] } }),
  allow('kubectl rollout restart deploy/api', { facts: { kubeContext: 'dev', kubeconfigFiles: ['/work/app/sso.yaml'] } }),
]);
