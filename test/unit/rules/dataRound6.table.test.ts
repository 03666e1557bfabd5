import { ask, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Round-6 red-team data destruction (issue #18): statements that destroy without a destroying keyword at
 * their start, judged once where SQL is read, so every client gets them. Each destroying row stands next
 * to a look-alike with a real condition that stays allowed.
 */

const table = decisionTable(testFacts({}));

table('a WHERE that is always true is no WHERE (PostgreSQL, MySQL docs)', [
  ask(`psql -c 'DELETE FROM users WHERE id IS NOT NULL'`),
  ask(`psql -c 'DELETE FROM users WHERE true'`),
  ask(`mysql -e 'DELETE FROM users WHERE 1=1 OR id = 3'`),
  ask(`psql -c 'UPDATE users SET email = NULL WHERE id = id'`),
  allow(`psql -c 'DELETE FROM users WHERE id = 4'`),
  allow(`psql -c 'DELETE FROM sessions WHERE expires_at IS NULL'`),
  allow(`psql -c 'UPDATE users SET a = 1 WHERE id = 7'`),
]);

table('data-changing CTEs and MERGE … THEN DELETE (postgresql.org/docs/current/queries-with.html, sql-merge.html)', [
  ask(`psql -c 'WITH d AS (DELETE FROM users RETURNING *) SELECT count(*) FROM d'`),
  ask(`psql -c 'MERGE INTO users u USING (SELECT 1) s ON true WHEN MATCHED THEN DELETE'`),
  ask(`sqlcmd -Q "MERGE INTO dbo.users AS t USING staging AS s ON t.id = s.id WHEN NOT MATCHED BY SOURCE THEN DELETE;"`),
  allow(`psql -c 'WITH d AS (DELETE FROM users WHERE id = 3 RETURNING *) SELECT count(*) FROM d'`),
  allow(`psql -c 'MERGE INTO users u USING staging s ON u.id = s.id WHEN MATCHED THEN DELETE'`),
  allow(`psql -c 'WITH t AS (SELECT * FROM users) SELECT count(*) FROM t'`),
]);

table('silent loss and safety removal in SQL (CREATE RULE, ALTER DATABASE, RLS); administration asks on production only (dataRound3)', [
  ask(`psql -h db.prod.acme.internal -c 'CREATE OR REPLACE RULE r AS ON INSERT TO orders DO INSTEAD NOTHING'`, { production: true, says: /thrown away/ }),
  ask(`psql -c 'ALTER DATABASE app RENAME TO app_old'`),
  ask(`mysql -h db.prod.acme.internal -e 'ALTER USER root IDENTIFIED BY "x"'`, { production: true }),
  ask(`psql -h db.prod.acme.internal -c 'ALTER TABLE users DISABLE ROW LEVEL SECURITY'`, { production: true }),
  ask(`psql -h db.prod.acme.internal -c 'CREATE ROLE evil LOGIN SUPERUSER PASSWORD $$x$$'`, { production: true }),
  allow(`psql -c 'ALTER SYSTEM SET work_mem = 64MB'`),
  allow(`psql -c 'ALTER TABLE users ENABLE ROW LEVEL SECURITY'`),
  allow(`psql -c 'CREATE ROLE reader LOGIN'`),
  allow(`psql -c 'GRANT SELECT ON users TO reader'`),
  allow(`psql -c 'SELECT pid, state FROM pg_stat_activity'`),
  allow(`psql -c 'ALTER SYSTEM SET fsync = off'`),
  allow(`psql -c 'CREATE RULE r AS ON SELECT TO v DO INSTEAD SELECT * FROM t'`),
]);

table('store APIs that destroy through a POST, PUT or PATCH (Elasticsearch, Algolia, Meilisearch, Qdrant, Firebase REST, Schema Registry, Kafka Connect docs)', [
  ask(`curl -XPOST 'localhost:9200/_snapshot/backups/_all/_delete'`),
  ask(`curl -X PUT localhost:9200/_cluster/settings -d '{"persistent":{"action.destructive_requires_name":false}}'`, { says: /safety net/ }),
  ask(`curl -X POST 'localhost:9200/orders/_update_by_query' -d '{"script":"ctx._source.total=0"}'`),
  ask(`curl -X POST localhost:9200/_aliases -d '{"actions":[{"remove_index":{"index":"orders"}}]}'`),
  ask(`curl -X PUT localhost:9200/_ilm/policy/p -d '{"policy":{"phases":{"delete":{"min_age":"0ms","actions":{"delete":{}}}}}}'`),
  ask(`curl -X DELETE 'http://localhost:8081/subjects/orders-value?permanent=true'`),
  ask(`curl -X DELETE http://localhost:8083/connectors/sink`),
  ask(`curl -X PUT 'https://acme-shop.firebaseio.com/.json' -d 'null'`, { production: true }),
  ask(`curl -X PATCH 'https://acme.firebaseio.com/.json' -d '{"users":null}'`),
  ask(`curl -X POST 'https://ABC.algolia.net/1/indexes/products/clear' -H "X-Algolia-API-Key: $K"`),
  ask(`curl -X POST http://localhost:7700/indexes/movies/documents/delete-all`),
  ask(`curl -X POST http://localhost:6333/collections/docs/points/delete -d '{"filter":{}}'`),
  allow(`curl -X PUT localhost:9200/_cluster/settings -d '{"persistent":{"cluster.routing.allocation.enable":"all"}}'`),
  allow(`curl -X POST 'localhost:9200/orders/_update_by_query' -d '{"script":"ctx._source.total=0","query":{"term":{"id":3}}}'`),
  allow(`curl -X POST localhost:9200/_aliases -d '{"actions":[{"add":{"index":"orders","alias":"o"}}]}'`),
  allow(`curl -X PUT localhost:9200/_ilm/policy/p -d '{"policy":{"phases":{"delete":{"min_age":"90d","actions":{"delete":{}}}}}}'`),
  allow(`curl http://localhost:8083/connectors`),
  allow(`curl -X PATCH 'https://acme.firebaseio.com/users/1.json' -d '{"name":"x"}'`),
  allow(`curl 'https://acme.firebaseio.com/.json'`),
  allow(`curl -X POST 'https://ABC.algolia.net/1/indexes/products/query' -d '{"query":"x"}'`),
  allow(`curl -X POST http://localhost:7700/indexes/movies/search -d '{"q":"x"}'`),
  allow(`curl -X POST http://localhost:6333/collections/docs/points/search -d '{"vector":[1]}'`),
  allow(`curl -X POST http://localhost:3000/api/cache/clear`),
]);

table('MongoDB calls that replace, loop-delete, lock out or stop writes (mongodb.com/docs/manual/reference)', [
  ask(`mongosh 'mongodb+srv://app:pw@prod-cluster.x7k2p.mongodb.net/shop' --eval 'db.users.aggregate([{$match:{}},{$out:"orders"}])'`, { production: true }),
  ask(`mongosh --eval 'db.users.mapReduce(function(){},function(){}, {out:"orders"})'`),
  ask(`mongosh --eval 'db.users.find().forEach(d=>db.users.deleteOne({_id:d._id}))'`),
  ask(`mongosh --eval 'db.adminCommand({renameCollection:"shop.tmp",to:"shop.users",dropTarget:true})'`),
  // Users dropped are administration: the developer's own on this machine's server (team decision, #18), asked on a remote one.
  ask(`mongosh mongodb://db.prod.acme.internal/shop --eval 'db.dropAllUsers()'`, { production: true }),
  allow(`mongosh --eval 'db.dropAllUsers()'`),
  allow(`mongosh --eval 'db.users.aggregate([{$match:{a:1}},{$group:{_id:"$a"}}])'`),
  allow(`mongosh --eval 'db.users.mapReduce(function(){},function(){}, {out:{inline:1}})'`),
  allow(`mongosh --eval 'db.users.find().forEach(d=>printjson(d))'`),
  allow(`mongosh --eval 'db.adminCommand({renameCollection:"shop.tmp",to:"shop.users2"})'`),
  allow(`mongosh --eval 'db.createUser({user:"r",pwd:"x",roles:["read"]})'`),
  allow(`mongosh --eval 'db.getUsers()'`),
]);

table('AWS safety nets, public sharing, lockouts and live overwrites (AWS CLI reference)', [
  ask(`aws lambda update-function-configuration --function-name acme-api-production --environment Variables={}`, { production: true }),
  ask(`aws rds modify-db-instance --db-instance-identifier acme --master-user-password hunter2 --apply-immediately`, { says: /locked out/ }),
  ask(`aws account close-account`),
  ask(`aws ec2 modify-snapshot-attribute --snapshot-id snap-1 --attribute createVolumePermission --operation-type add --group-names all`),
  ask(`aws rds modify-db-snapshot-attribute --db-snapshot-identifier s --attribute-name restore --values-to-add all`),
  ask(`aws ec2 modify-image-attribute --image-id ami-1 --launch-permission 'Add=[{Group=all}]'`),
  ask(`aws lambda create-function-url-config --function-name admin --auth-type NONE`),
  ask(`aws logs put-retention-policy --log-group-name /aws/cloudtrail --retention-in-days 1`, { says: /safety net/ }),
  ask(`aws sqs set-queue-attributes --queue-url q --attributes MessageRetentionPeriod=60`),
  ask(`aws kinesis decrease-stream-retention-period --stream-name events --retention-period-hours 24`),
  ask(`aws iam deactivate-mfa-device --user-name admin --serial-number arn:x`),
  ask(`aws dlm update-lifecycle-policy --policy-id p --state DISABLED`),
  ask(`aws route53domains update-domain-nameservers --domain-name acme.com --nameservers Name=ns.evil.example`),
  ask(`aws kms put-key-policy --key-id k --policy-name default --policy file://p.json`),
  ask(`aws ec2 release-address --allocation-id eipalloc-1`),
  ask(`aws lambda add-permission --function-name api --statement-id x --action lambda:InvokeFunction --principal '*'`),
  ask(`aws ecr put-image-tag-mutability --repository-name api --image-tag-mutability MUTABLE`),
  ask(`aws cloudformation deploy --template-file empty.yml --stack-name acme-prod`, { production: true }),
  allow(`aws lambda update-function-configuration --function-name acme-api --timeout 30`),
  allow(`aws ec2 modify-snapshot-attribute --snapshot-id snap-1 --attribute createVolumePermission --operation-type add --user-ids 1234`),
  allow(`aws lambda create-function-url-config --function-name admin --auth-type AWS_IAM`),
  allow(`aws logs put-retention-policy --log-group-name /aws/cloudtrail --retention-in-days 365`),
  allow(`aws sqs set-queue-attributes --queue-url q --attributes VisibilityTimeout=60`),
  allow(`aws cloudformation deploy --template-file t.yml --stack-name acme-prod --no-execute-changeset`),
  allow(`aws route53domains get-domain-detail --domain-name acme.com`),
  allow(`aws kms get-key-policy --key-id k --policy-name default`),
]);

table('Google Cloud and Azure safety nets, public sharing and outages (gcloud, gsutil, az references)', [
  ask(`gcloud pubsub subscriptions seek sub --time=2030-01-01`),
  ask(`gcloud run deploy acme-api-production --image x`, { production: true }),
  ask(`gcloud app services set-traffic default --splits=bad=1`),
  ask(`gsutil acl ch -u AllUsers:R gs://acme-backups/db.dump`),
  ask(`gsutil defacl set public-read gs://acme-backups`),
  ask(`gsutil lifecycle set s3/expire-everything.json gs://acme-backups`),
  ask(`gcloud storage buckets update gs://acme-backups --lifecycle-file=s3/expire-everything.json`),
  ask(`az storage blob service-properties delete-policy update --enable false --account-name acmestore`, { says: /safety net/ }),
  ask(`az sql db ltr-policy set -g rg -s acme-sql -n orders --weekly-retention P0W`),
  ask(`az webapp stop -n api -g rg`),
  allow(`gcloud pubsub subscriptions describe sub`),
  allow(`gcloud run deploy acme-api-staging --image x`),
  allow(`gsutil acl ch -u jane@acme.com:R gs://acme-backups/db.dump`),
  allow(`gsutil defacl set private gs://acme-backups`),
  allow(`gsutil lifecycle get gs://acme-backups`),
  allow(`gcloud storage buckets update gs://acme-backups --update-labels=a=b`),
  allow(`az storage blob service-properties delete-policy update --enable true --days-retained 7 --account-name acmestore`),
  allow(`az sql db ltr-policy set -g rg -s acme-sql -n orders --weekly-retention P4W`),
  allow(`az webapp show -n api -g rg`),
]);

table('swarm outages: services removed, scaled to zero or stripped, nodes removed, a forced leave, a pruning deploy (docs.docker.com)', [
  ask(`docker service rm api`, { production: true }),
  ask(`docker swarm leave --force`, { production: true }),
  ask(`docker stack deploy -c empty.yml prod --prune`, { production: true }),
  ask(`docker service scale api=0`),
  ask(`docker service update --env-rm DATABASE_URL api`),
  ask(`docker node rm -f node-2`),
  allow(`docker service ls`),
  allow(`docker swarm leave`),
  allow(`docker stack deploy -c stack.yml prod`),
  allow(`docker service scale api=3`),
  allow(`docker service update --image api:2 api`),
  allow(`docker node ls`),
]);

table('Redis: keys deleted through xargs, script command names built at run time, memory capped to nothing (redis.io/commands)', [
  ask(`redis-cli --scan --pattern '*' | xargs redis-cli del`),
  ask(`redis-cli EVAL "return redis.call('FLUS'..'HALL')" 0`),
  ask(`redis-cli EVAL "local c = ARGV[1]; return redis.call(c)" 0 FLUSHALL`),
  ask(`redis-cli CONFIG SET maxmemory 1 && redis-cli CONFIG SET maxmemory-policy allkeys-random`),
  allow(`redis-cli --scan --pattern '*' | xargs redis-cli get`),
  allow(`redis-cli del foo`),
  allow(`redis-cli EVAL "return redis.call('GET', KEYS[1])" 1 k`),
  allow(`redis-cli CONFIG SET maxmemory 2gb`),
]);

table('API requests that switch a protection off or make something public (Cloudflare, Datadog, GitHub, GitLab REST docs)', [
  ask(`curl -X PATCH 'https://api.cloudflare.com/client/v4/zones/Z/settings/ssl' -d '{"value":"off"}'`, { production: true }),
  ask(`curl -X POST https://api.datadoghq.com/api/v1/downtime -d '{"scope":"*"}'`),
  ask(`curl -X PUT https://api.github.com/repos/acme/shop/actions/permissions -d '{"enabled":false}'`),
  ask(`gh api -X PATCH orgs/acme -F two_factor_requirement_enabled=false`),
  ask(`gh api -X PATCH orgs/acme -f default_repository_permission=admin`),
  ask(`gh api -X PUT orgs/acme/actions/permissions -f enabled_repositories=none`),
  ask(`curl -X PUT --header "PRIVATE-TOKEN: $GITLAB_TOKEN" 'https://gitlab.com/api/v4/projects/1?visibility=public'`),
  allow(`curl -X PATCH 'https://api.cloudflare.com/client/v4/zones/Z/settings/ssl' -d '{"value":"strict"}'`),
  allow(`curl -X POST https://api.datadoghq.com/api/v1/downtime -d '{"scope":"host:web-1"}'`),
  allow(`curl -X PUT https://api.github.com/repos/acme/shop/actions/permissions -d '{"enabled":true}'`),
  allow(`gh api -X PATCH orgs/acme -f default_repository_permission=read`),
  allow(`curl -X PATCH https://api.acme.io/v1/feature -d '{"feature":{"enabled":false}}'`),
  allow(`curl -X PUT --header "PRIVATE-TOKEN: $GITLAB_TOKEN" 'https://gitlab.com/api/v4/projects/1?visibility=private'`),
]);

table('DNS records replaced and production deploys started through an API (Cloudflare, GoDaddy, GitHub, Vercel REST docs)', [
  ask(`curl -X PUT https://api.cloudflare.com/client/v4/zones/Z/dns_records/R -d '{"type":"A","name":"shop.acme.com","content":"6.6.6.6"}'`, { production: true }),
  ask(`curl -X PUT https://api.godaddy.com/v1/domains/acme.com/records/A/@ -d '[{"data":"6.6.6.6"}]'`),
  ask(`curl -X POST https://api.github.com/repos/acme/shop/dispatches -d '{"event_type":"deploy-prod"}'`),
  ask(`curl -X POST https://api.vercel.com/v13/deployments -d '{"name":"acme","target":"production"}'`),
  allow(`curl https://api.cloudflare.com/client/v4/zones/Z/dns_records`),
  allow(`curl -X POST https://api.github.com/repos/acme/shop/dispatches -d '{"event_type":"run-tests"}'`),
  allow(`curl -X POST https://api.vercel.com/v13/deployments -d '{"name":"acme","target":"preview"}'`),
]);

table('platform safety nets: PlanetScale safe migrations and production branches, Firebase config and rules, GitHub workflows (CLI references)', [
  ask(`pscale branch safe-migrations disable shop main`, { production: true }),
  ask(`pscale branch demote shop main`),
  ask(`pscale deploy-request deploy shop 1`),
  ask(`firebase functions:config:unset stripe`),
  ask(`firebase deploy --only firestore:rules --project acme-shop-production`, { production: true }),
  ask(`gh workflow disable ci.yml`, { says: /safety net/ }),
  allow(`pscale branch safe-migrations enable shop main`),
  allow(`pscale deploy-request list shop`),
  allow(`firebase deploy --only firestore:rules --project acme-shop-dev`),
  allow(`gh workflow enable ci.yml`),
]);
