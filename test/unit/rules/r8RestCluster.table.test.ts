import { ask, allow, blocked, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Round 8 rest, clusters: a terminal attached to a new pod or a debug container with no command
 * (`kubectl debug api -it --image=busybox`: the image's shell, as `kubectl exec -it api -- sh`), and
 * Argo CD's automated sync switched off (the cluster drifts from Git unnoticed). Both are remote,
 * production unless named otherwise.
 */
const table = decisionTable(testFacts());

table('a terminal attached to a pod or debug container running its image default (kubernetes.io/docs/reference/kubectl/generated/kubectl_debug)', [
  ask('kubectl debug api -it --image=busybox', { production: true, says: /debug container in pod api/ }),
  ask('kubectl debug -i -t api --image=busybox --target=api', { production: true }),
  ask('kubectl run tmp -it --rm --image=alpine', { production: true }),
  ask('oc debug api -it --image=busybox', { production: true }),
  ask('sudo kubectl debug api --stdin --tty --image=busybox'),
  allow('kubectl debug api --image=busybox'),
  allow('kubectl run tmp --image=nginx'),
  allow('kubectl debug api -it --image=busybox -- ls /'),
  allow('kubectl debug --help'),
]);

table('Argo CD automated sync switched off (argo-cd.readthedocs.io/en/stable/user-guide/auto_sync)', [
  ask(`argocd app patch api --patch '{"spec":{"syncPolicy":null}}' --type merge`, { production: true, says: /automated sync/ }),
  ask('argocd app set api --sync-policy none', { production: true }),
  ask('argocd app unset api --self-heal', { production: true }),
  ask(`argocd app patch api --patch '{"spec":{"syncPolicy":{"automated":{"selfHeal":false}}}}' --type merge`, { production: true }),
  allow('argocd app set api --sync-policy automated'),
  allow('argocd app set api --self-heal'),
  allow('argocd app get api'),
  allow(`argocd app patch api --patch '{"metadata":{"labels":{"team":"core"}}}' --type merge`),
]);

table('a module file run by child_process.fork or a worker, as require loads one (nodejs.org/api/child_process.html#child_processforkmodulepath-args-options)', [
  blocked(`node -e "require('child_process').fork('/tmp/x.js')"`),
  blocked(`node -e "const {fork}=require('child_process'); fork('/tmp/x.js', ['a'])"`),
  blocked(`node -e "new (require('worker_threads').Worker)('/tmp/w.js')"`),
  allow(`node -e "require('child_process').fork('./scripts/build.js')"`),
  allow(`node -e "require('child_process').execSync('ls')"`),
]);
