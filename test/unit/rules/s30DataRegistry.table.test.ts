import { perimeterFacts } from './perimeterFixtures';
import { allowed, ask, familyTables, type Family } from './familyTable';

/**
 * Stop 30, issue #18 (red team round 11): acts of tools the registry describes that nothing read —
 * artifacts published by build tools and `helm push` (team decision: like `npm publish`), cluster-wide
 * disruption by kubectl without a delete, and PaaS subcommands that reset, import over or overwrite.
 * Each asking row sits next to a look-alike that builds, reads, or stays on this machine.
 */

const TABLE: Record<string, Family> = {
  'artifacts published by build tools and helm': {
    reason: /cannot be replaced under the same version/,
    rows: [
      ask('mvn deploy'),
      ask('mvn -B clean deploy -DskipTests'),
      ask('./mvnw deploy:deploy-file -Dfile=app.jar -Durl=https://repo.acme.com/releases'),
      ask('./gradlew publish'),
      ask('gradle :lib:publishAllPublicationsToSonatypeRepository'),
      ask('sbt +publishSigned'),
      ask('lein deploy clojars'),
      ask('helm push chart.tgz oci://registry.prod'),
      ask('sudo -E timeout 600 ./gradlew publish'),
      allowed('mvn package'),
      allowed('mvn -P deploy package'),
      allowed('mvn clean deploy -Dmaven.deploy.skip=true'),
      allowed('mvn deploy -DaltDeploymentRepository=local::default::file:./target/repo'),
      allowed('./gradlew publishToMavenLocal'),
      allowed('./gradlew build'),
      allowed('sbt publishLocal'),
      allowed('helm package ./chart'),
      allowed('helm push chart.tgz oci://localhost:5000/charts'),
    ],
  },
  'cluster-wide disruption without a delete': {
    reason: /Taints every node|Cordons every node|Pod Security enforcement|Overwrites the Secret/,
    rows: [
      ask('kubectl taint nodes --all x=y:NoExecute'),
      ask('kubectl taint nodes --all dedicated=gpu:NoSchedule'),
      ask('kubectl cordon --all'),
      allowed('kubectl uncordon --all'),
      ask('kubectl label ns prod pod-security.kubernetes.io/enforce-'),
      ask('kubectl label --overwrite ns prod pod-security.kubernetes.io/enforce=privileged'),
      ask('kubectl create secret generic db --from-literal=password=x --dry-run=client -o yaml | kubectl apply -f -'),
      allowed('kubectl --context kind-kind taint nodes --all x=y:NoExecute-'),
      allowed('kubectl --context kind-kind label ns dev pod-security.kubernetes.io/enforce=restricted'),
      allowed('kubectl create secret generic db --from-literal=password=x --dry-run=client -o yaml'),
      allowed('kubectl create secret generic db --from-literal=password=x --dry-run=client -o yaml | kubectl apply --dry-run=server -f -'),
      allowed('kubectl get nodes -o wide'),
    ],
  },
  'PaaS subcommands that reset, import over or overwrite': {
    reason: /resets the password|imports a database over|revokes|restores a dump over|overwrites|loads a file over/,
    rows: [
      ask('fly redis reset acme-redis'),
      ask('fly postgres import postgres://x -a acme-db'),
      ask('heroku authorizations:revoke abc'),
      ask('pscale database restore-dump acme main --dir empty'),
      ask('render env set DB=x'),
      ask('wrangler d1 import acme --remote --file empty.sql'),
      allowed('fly redis status acme-redis'),
      allowed('fly postgres list'),
      allowed('heroku authorizations'),
      // Stop 35 (round 21): a whole production branch dumped asks (`s35DataRoads`); listing stays allowed.
      allowed('pscale database list'),
      allowed('render services list'),
      allowed('wrangler d1 import acme --local --file empty.sql'),
    ],
  },
};

familyTables('rules: stop 30 registry tools\' undescribed acts (issue #18)', TABLE, perimeterFacts);
