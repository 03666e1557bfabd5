import { ask, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Round-8 cloud and platform changes that cause an outage or lower a safety net without a delete word
 * (issue #18): each asking row sits next to a routine look-alike that stays allowed. An unnamed remote
 * target is production; a target named as not production, a dry run and a read stay allowed.
 */

const table = decisionTable(testFacts({}));

table('AWS: traffic cut off, capacity cut, live code re-pointed (aws CLI reference)', [
  ask(`aws ec2 revoke-security-group-ingress --group-id sg-1 --protocol tcp --port 443 --cidr 0.0.0.0/0`, { production: true, says: /refused/ }),
  ask(`sudo aws --region eu-west-1 ec2 revoke-security-group-egress --group-id sg-1 --ip-permissions IpProtocol=-1`, { production: true }),
  allow(`aws ec2 revoke-security-group-ingress --group-id sg-1 --protocol tcp --port 22 --cidr 10.0.0.0/8 --dry-run`),
  allow(`aws ec2 describe-security-groups --group-ids sg-1`),
  ask(`aws rds modify-db-instance --db-instance-identifier prod --db-instance-class db.t3.micro --apply-immediately`, { production: true, says: /--db-instance-class/ }),
  ask(`env AWS_PROFILE=prod aws rds modify-db-instance --apply-immediately --engine-version 16.1 --db-instance-identifier orders`, { production: true, says: /every connection fails/ }),
  allow(`aws rds modify-db-instance --db-instance-identifier prod --db-instance-class db.r6g.large`),
  allow(`aws rds modify-db-instance --db-instance-identifier prod --apply-immediately --monitoring-interval 60`),
  ask(`aws elbv2 modify-listener --listener-arn arn --default-actions Type=fixed-response,FixedResponseConfig={StatusCode=503}`, { production: true, says: /fixed response/ }),
  allow(`aws elbv2 modify-listener --listener-arn arn --default-actions Type=forward,TargetGroupArn=tg`),
  ask(`aws ecs update-service --cluster prod --service api --task-definition busybox:1 --force-new-deployment`, { production: true, says: /busybox:1/ }),
  ask(`timeout 60 aws ecs update-service --task-definition api:7 --service api`, { production: true }),
  allow(`aws ecs update-service --cluster staging --service api --task-definition api:2`),
  allow(`aws ecs update-service --cluster prod --service api --force-new-deployment`),
  ask(`aws lambda update-alias --function-name api --name live --function-version 1`, { production: true, says: /version 1/ }),
  ask(`aws lambda update-alias --name prod --function-name api --routing-config AdditionalVersionWeights={"2"=0.5}`, { production: true }),
  allow(`aws lambda update-alias --function-name api --name dev --function-version 3`),
  allow(`aws lambda get-alias --function-name api --name live`),
  ask(`aws ec2 disassociate-address --association-id eipassoc-1`, { production: true, says: /public address/ }),
  allow(`aws ec2 describe-addresses`),
]);

table('AWS: safety nets and services switched off (audit, schedules, termination protection, keys, CAs, e-mail)', [
  ask(`aws cloudtrail put-event-selectors --trail-name main --event-selectors '[]'`, { production: true, says: /no longer recorded/ }),
  allow(`aws cloudtrail get-event-selectors --trail-name main`),
  ask(`aws events put-rule --name backup-nightly --schedule-expression 'rate(365 days)'`, { production: true, says: /safety net/ }),
  ask(`aws events put-rule --name db-snapshots --schedule-expression 'cron(0 3 1 1 ? *)'`, { production: true }),
  allow(`aws events put-rule --name report-hourly --schedule-expression 'rate(1 hour)'`),
  ask(`aws ec2 modify-instance-attribute --instance-id i-1 --instance-initiated-shutdown-behavior terminate`, { production: true, says: /deletes the instance/ }),
  ask(`aws ec2 modify-instance-attribute --instance-id i-1 --no-disable-api-termination`, { production: true }),
  allow(`aws ec2 modify-instance-attribute --instance-id i-1 --disable-api-termination`),
  ask(`aws iam update-access-key --access-key-id AKIA0 --status Inactive --user-name deploy`, { production: true, says: /locked out/ }),
  allow(`aws iam update-access-key --access-key-id AKIA0 --status Active`),
  ask(`aws acm-pca update-certificate-authority --certificate-authority-arn arn --status DISABLED`, { production: true, says: /no certificate/ }),
  allow(`aws acm-pca describe-certificate-authority --certificate-authority-arn arn`),
  ask(`aws sesv2 put-account-sending-attributes --no-sending-enabled`, { production: true, says: /e-mail/ }),
  ask(`aws ses update-account-sending-enabled --no-enabled`, { production: true }),
  allow(`aws sesv2 put-account-sending-attributes --sending-enabled`),
]);

table('gcloud: image replaced, traffic promoted, queues purged, retention cut, capacity taken away', [
  ask(`gcloud run services update api --image busybox`, { production: true, says: /takes every request/ }),
  ask(`gcloud run deploy api --image busybox --region us-central1`, { production: true }),
  ask(`gcloud --project acme run deploy --image=gcr.io/acme/api:2 api`, { production: true }),
  allow(`gcloud run deploy api --image gcr.io/p/api:2 --no-traffic`),
  allow(`gcloud run deploy api-staging --image gcr.io/p/api:2`),
  allow(`gcloud run services list`),
  ask(`gcloud app deploy --quiet`, { production: true, says: /all traffic/ }),
  allow(`gcloud app deploy --no-promote`),
  allow(`gcloud app deploy --project acme-staging`),
  ask(`gcloud tasks queues purge q -q`, { production: true, says: /purges every task/ }),
  allow(`gcloud tasks queues describe q`),
  ask(`gcloud pubsub subscriptions update sub --message-retention-duration 10m`, { production: true, says: /safety net/ }),
  allow(`gcloud pubsub subscriptions update sub --message-retention-duration 7d`),
  ask(`gcloud sql instances patch prod --tier db-f1-micro`, { production: true, says: /restarts/ }),
  ask(`gcloud sql instances patch orders --retained-backups-count 1`, { production: true, says: /safety net/ }),
  allow(`gcloud sql instances patch orders --retained-backups-count 30`),
  ask(`gcloud container node-pools update p --cluster prod --enable-autoscaling --min-nodes 0 --max-nodes 0`, { production: true, says: /zero nodes/ }),
  allow(`gcloud container node-pools update p --cluster prod --enable-autoscaling --min-nodes 0 --max-nodes 5`),
  ask(`gcloud compute backend-services remove-backend b --instance-group ig --global`, { production: true, says: /stops sending traffic/ }),
  allow(`gcloud compute backend-services add-backend b --instance-group ig --global`),
]);

table('az: image replaced, syncs that delete, queues cleared, retention cut, networks opened, slots swapped, purge tasks', [
  ask(`az containerapp update -g rg -n api --image busybox`, { production: true, says: /replaces the image/ }),
  allow(`az containerapp update -g rg -n api-dev --image busybox`),
  ask(`az storage blob sync -c c -s ./empty --account-name acct --delete-destination true`, { production: true, says: /deletes every blob/ }),
  allow(`az storage blob sync -c c -s ./dist --account-name acct`),
  ask(`az storage queue clear -n q --account-name acct`, { production: true, says: /every message/ }),
  allow(`az storage queue list --account-name acct`),
  ask(`az sql db import -g rg -s s -n db --storage-uri u --storage-key k --storage-key-type StorageAccessKey --admin-user a --admin-password p`, { production: true }),
  ask(`az cosmosdb update -g rg -n db --backup-retention 8`, { production: true, says: /safety net/ }),
  allow(`az cosmosdb update -g rg -n db --backup-retention 720`),
  ask(`az keyvault update -n kv --retention-days 7`, { production: true, says: /purged sooner/ }),
  allow(`az keyvault update -n kv --retention-days 90`),
  ask(`az group update -n prod-rg --remove tags.protected`, { production: true, says: /protection tag/ }),
  allow(`az group update -n prod-rg --set tags.owner=web`),
  ask(`az cosmosdb update -g rg -n db --enable-public-network true`, { production: true, says: /public network/ }),
  ask(`az storage account update -g rg -n acct --default-action Allow`, { production: true }),
  allow(`az storage account update -g rg -n acct --default-action Deny`),
  ask(`az redis update -g rg -n r --set enableNonSslPort=true`, { production: true, says: /unencrypted/ }),
  ask(`az webapp update -g rg -n app --set httpsOnly=false`, { production: true }),
  allow(`az webapp update -g rg -n app --set httpsOnly=true`),
  ask(`az webapp deployment slot swap -g rg -n app --slot staging`, { production: true, says: /production traffic/ }),
  allow(`az webapp deployment slot swap -g rg -n app --slot staging --target-slot qa`),
  ask(`az acr task create -n purge -r reg --cmd 'acr purge --filter api:.* --ago 0d --untagged' --schedule '0 * * * *' --context /dev/null`, { production: true, says: /schedule fires/ }),
  allow(`az acr task create -n build -r reg --cmd 'docker build .' --context /dev/null`),
]);

table('PaaS: scale to zero, stop, rollback, env overwrite, ownership transfer, security weakened', [
  ask(`heroku apps:transfer evil@x.com -a acme-shop`, { production: true, says: /another owner/ }),
  allow(`heroku apps:info -a acme-shop`),
  ask(`heroku releases:rollback v1 -a acme-shop`, { production: true, says: /older build/ }),
  allow(`heroku releases:rollback v1 -a acme-staging`),
  allow(`heroku releases -a acme-shop`),
  ask(`heroku buildpacks:clear -a acme-shop`, { production: true, says: /nothing to build/ }),
  allow(`heroku buildpacks -a acme-shop`),
  ask(`vercel rollback`, { production: true, says: /production domains/ }),
  ask(`vercel promote dpl_123 --yes`, { production: true }),
  allow(`vercel ls`),
  ask(`vercel env add DATABASE_URL production < /dev/null`, { production: true, says: /production deployments/ }),
  allow(`vercel env add DATABASE_URL preview`),
  ask(`kamal rollback v1`, { production: true, says: /rolls back/ }),
  ask(`kamal app stop`, { production: true, says: /booted again/ }),
  ask(`kamal -d production app stop`, { production: true }),
  allow(`kamal app stop -d staging`),
  allow(`kamal app logs`),
  ask(`dokku ps:scale acme web=0`, { production: true, says: /zero processes/ }),
  ask(`dokku ps:scale acme worker=1 web=0`, { production: true }),
  allow(`dokku ps:scale acme web=2`),
  ask(`dokku ps:stop acme`, { production: true }),
  allow(`dokku ps:report acme`),
  ask(`fly machine stop --all -a acme-shop`, { production: true, says: /every machine/ }),
  allow(`fly machine stop -a acme-dev`),
  allow(`fly machine list -a acme-shop`),
  ask(`fly scale memory 128 -a acme-shop`, { production: true, says: /memory/ }),
  allow(`fly scale memory 1024 -a acme-shop`),
  ask(`neonctl branches set-default dev --project-id polished-sky-123456`, { production: true, says: /default \(production\) branch/ }),
  allow(`neonctl branches list --project-id polished-sky-123456`),
  ask(`netlify rollback`, { production: true, says: /previous deploy/ }),
  ask(`netlify api restoreSiteDeploy --data '{"site_id":"abc","deploy_id":"d1"}'`, { production: true }),
  allow(`netlify api listSiteDeploys --data '{"site_id":"abc"}'`),
  ask(`supabase ssl-enforcement update --disable-db-ssl-enforcement`, { production: true, says: /unencrypted/ }),
  allow(`supabase ssl-enforcement get`),
]);

table('deploys without review by CLIs without rules (skaffold, tilt, amplify, sam sync)', [
  ask(`skaffold run -p prod`, { production: true, says: /ships a release to production/ }),
  allow(`skaffold run -p dev`),
  allow(`skaffold dev`),
  ask(`tilt up --context prod-eu-west-1`, { production: true }),
  allow(`tilt up`),
  ask(`amplify push --yes`, { production: true, says: /confirmation skipped/ }),
  allow(`amplify status`),
  ask(`sam sync --watch`, { production: true, says: /nobody named/ }),
  ask(`bash -c 'sam sync --stack-name acme-prod'`, { production: true }),
  allow(`sam sync --stack-name acme-dev --watch`),
  allow(`sam validate --lint`),
]);

table('hosting platform REST APIs that stop, scale to zero, roll back or restore over (Heroku, Render, DigitalOcean, Neon)', [
  ask(`curl -X PATCH https://api.heroku.com/apps/acme-shop/formation/web -d '{"quantity":0}'`, { production: true, says: /scale to zero/ }),
  allow(`curl -X PATCH https://api.heroku.com/apps/acme-shop/formation/web -d '{"quantity":2}'`),
  allow(`curl https://api.heroku.com/apps/acme-shop/formation`),
  ask(`curl -X POST https://api.render.com/v1/services/srv-1/suspend`, { production: true, says: /suspension/ }),
  allow(`curl -X POST https://api.render.com/v1/services/srv-1/resume`),
  ask(`curl -X POST https://api.digitalocean.com/v2/droplets/1/actions -d '{"type":"power_off"}'`, { production: true }),
  allow(`curl -X POST https://api.digitalocean.com/v2/droplets/1/actions -d '{"type":"snapshot"}'`),
  ask(`curl -X POST https://console.neon.tech/api/v2/projects/abc/branches/br/restore -d '{"source_branch_id":"x"}'`, { production: true, says: /restore over/ }),
  allow(`curl https://console.neon.tech/api/v2/projects/abc/branches`),
  ask(`doctl compute droplet-action power-off 123`, { production: true, says: /down meanwhile/ }),
  ask(`doctl compute droplet-action disable-backups 123`, { production: true, says: /safety net/ }),
  allow(`doctl compute droplet-action snapshot 123 --snapshot-name nightly`),
  allow(`doctl compute droplet-action get 123 --action-id 9`),
]);

table('container registries: manifests pushed, signatures revoked, repositories deleted', [
  ask(`docker manifest push acme/api:latest`, { production: true, says: /manifest list/ }),
  allow(`docker manifest inspect acme/api:latest`),
  ask(`docker trust revoke acme/api:latest -y`, { production: true, says: /content trust/ }),
  allow(`docker trust inspect acme/api`),
  ask(`regctl repo delete registry.example.com/api`, { production: true, says: /deletes the repository/ }),
  allow(`regctl repo ls registry.example.com`),
  ask(`gcloud artifacts docker images delete us-docker.pkg.dev/acme/api/web:1`, { production: true }),
  allow(`gcloud artifacts docker images list us-docker.pkg.dev/acme/api`),
]);

table('the project .env pointed at production', [
  ask(`echo 'PGHOST=db.prod.acme.internal' >> .env`, { production: true, says: /production data/ }),
  ask(`printf 'DATABASE_URL=postgres://app@prod-db.acme.internal/app\\n' >> .env.development`, { production: true }),
  ask(`sh -c "echo 'REDIS_URL=redis://cache.prod.acme.internal:6379' >> .env.local"`, { production: true }),
  allow(`echo 'PGHOST=localhost' >> .env`),
  allow(`echo 'DATABASE_URL=postgres://u@db.staging.acme.internal/app' >> .env`),
  allow(`echo 'LOG_LEVEL=debug' >> .env`),
]);
