import { perimeterFacts } from './perimeterFixtures';
import { allowed, ask, familyTables, type Family } from './familyTable';

/**
 * Stop 30, issue #18 item 4 (red team rounds 11 and 12): protection lowered by tools no rule names,
 * read from any CLI's words (`rules/support/protectionLowering.ts` through the safety-net pack). Each
 * asking row sits next to a look-alike that raises, keeps or only reads the same protection.
 */

const TABLE: Record<string, Family> = {
  'alerting silenced for everything': {
    reason: /silences every alert|mutes every monitor|switches alerting off/,
    rows: [
      ask('amtool silence add alertname=~.+ -d 720h'),
      ask("amtool silence add 'alertname=~.*' --comment maintenance"),
      ask("dog downtime post '*' 0"),
      ask('dogshell monitor mute_all'),
      ask('env DD_API_KEY=x timeout 30 dogshell monitor mute_all'),
      ask('bash -c "amtool silence add alertname=~.+"'),
      allowed('amtool silence add alertname=DiskFull instance=web-1 -d 1h'),
      allowed('amtool silence query'),
      allowed('amtool silence expire 1234'),
      allowed("amtool silence query 'alertname=~.+'"),
      allowed("dog downtime post 'host:web-1' 3600"),
      allowed('dogshell monitor show 42'),
      ask('az monitor metrics alert update -n a -g rg --enabled false'),
      ask('gcloud alpha monitoring policies update p1 --no-enabled'),
      allowed('az monitor metrics alert update -n a -g rg --enabled true'),
      allowed('dogshell monitor unmute_all'),
    ],
  },
  'authentication or authorisation switched off': {
    reason: /authentication off|authorization type to NONE|legacy \(attribute-based\) authorization|invoker IAM check off|auth token/,
    rows: [
      ask('aws opensearch update-domain-config --domain-name d --advanced-security-options Enabled=false'),
      ask('aws apigateway update-method --rest-api-id a --resource-id r --http-method POST --patch-operations op=replace,path=/authorizationType,value=NONE'),
      ask('gcloud container clusters update c --enable-legacy-authorization'),
      ask('acmectl service update api --auth none'),
      ask('acmectl service update api --disable-auth'),
      allowed('aws opensearch update-domain-config --domain-name d --advanced-security-options Enabled=true,InternalUserDatabaseEnabled=true'),
      allowed('aws apigateway update-method --rest-api-id a --resource-id r --http-method POST --patch-operations op=replace,path=/authorizationType,value=COGNITO_USER_POOLS'),
      allowed('gcloud container clusters update c --no-enable-legacy-authorization'),
      allowed('acmectl login --no-auth'),
      allowed('aws apigateway get-method --rest-api-id a --resource-id r --http-method POST'),
      ask('gcloud run services update api --no-invoker-iam-check'),
      ask('aws elasticache modify-replication-group --replication-group-id r --auth-token-update-strategy DELETE'),
      allowed('gcloud run services update api --invoker-iam-check'),
      allowed('aws elasticache modify-replication-group --replication-group-id r --auth-token-update-strategy ROTATE --auth-token x'),
    ],
  },
  'encryption switched off or weakened': {
    reason: /encryption off|allows TLS|unencrypted port/,
    rows: [
      ask('aws rds modify-db-instance --db-instance-identifier prod --no-storage-encrypted'),
      ask('az storage account update -n acct --min-tls-version TLS1_0'),
      ask('az postgres server update -g rg -n db --ssl-enforcement Disabled'),
      ask('az redis update -n r -g rg --enable-non-ssl-port'),
      allowed('aws rds modify-db-instance --db-instance-identifier prod --no-verify-ssl --backup-retention-period 14'),
      allowed('az storage account update -n acct --min-tls-version TLS1_2'),
      allowed('az postgres server update -g rg -n db --ssl-enforcement Enabled'),
      allowed('az redis show -n r -g rg'),
    ],
  },
  'a network opened to every address': {
    reason: /allowed address ranges|inbound default policy|inbound-default-policy=accept|access restriction|external ingress/,
    rows: [
      ask('scw instance security-group update id inbound-default-policy=accept'),
      ask("az aks update -g rg -n c --api-server-authorized-ip-ranges ''"),
      ask('az aks update -g rg -n c --api-server-authorized-ip-ranges 0.0.0.0/0'),
      ask('az webapp config access-restriction remove -g rg -n app --rule-name deny'),
      ask('az functionapp config access-restriction remove -g rg -n f --rule-name deny'),
      ask('az containerapp ingress enable -n app -g rg --type external --target-port 80'),
      allowed('scw instance security-group update id inbound-default-policy=drop'),
      allowed('az aks update -g rg -n c --api-server-authorized-ip-ranges 203.0.113.0/24'),
      allowed('az webapp config access-restriction show -g rg -n app'),
      allowed('az webapp config access-restriction add -g rg -n app --rule-name office --ip-address 203.0.113.0/24 --priority 100'),
      allowed('az containerapp ingress enable -n app -g rg --type internal --target-port 80'),
    ],
  },
  'made reachable or readable from the internet': {
    reason: /public ACL|public address|makes it public|public development URL|as a public site|public network access/,
    rows: [
      ask('s3cmd setacl --acl-public --recursive s3://prod-backups'),
      ask('linode-cli obj setacl --acl-public prod-backups db.dump'),
      ask('aws redshift modify-cluster --cluster-identifier c --publicly-accessible'),
      ask('gcloud sql instances patch prod --assign-ip'),
      ask('wrangler r2 bucket dev-url enable prod-backups'),
      ask('huggingface-cli repo update-visibility acme/private-model --public'),
      ask('datasette publish cloudrun db/development.sqlite3'),
      allowed('s3cmd setacl --acl-private --recursive s3://prod-backups'),
      allowed('aws redshift modify-cluster --cluster-identifier c --no-publicly-accessible'),
      allowed('gcloud sql instances patch prod --no-assign-ip'),
      allowed('wrangler r2 bucket dev-url disable media'),
      allowed('huggingface-cli repo update-visibility acme/private-model --private'),
      allowed('datasette serve db/development.sqlite3'),
    ],
  },
  'retention, backtracking and backups cut to nothing': {
    reason: /keeps no snapshot|backtracking off|stops backups|backup location read-only|retention=0/,
    rows: [
      ask('kopia policy set --global --keep-latest 0 --keep-hourly 0 --keep-daily 0 --keep-weekly 0 --keep-monthly 0 --keep-annual 0'),
      ask('aws rds modify-db-cluster --db-cluster-identifier prod --backtrack-window 0'),
      ask('pgbackrest --stanza=main stop'),
      ask('velero backup-location set default --access-mode ReadOnly'),
      ask('scw rdb instance update id backup-schedule-retention=0'),
      allowed('scw rdb instance update id backup-schedule-retention=7'),
      allowed('kopia policy set --global --keep-latest 10 --keep-daily 14'),
      allowed('kopia policy set --global --keep-latest 0 --keep-daily 14'),
      allowed('aws rds modify-db-cluster --db-cluster-identifier prod --backtrack-window 86400'),
      allowed('pgbackrest --stanza=main start'),
      allowed('pgbackrest --stanza=main info'),
      allowed('velero backup-location set default --access-mode ReadWrite'),
    ],
  },
  'persistent storage switched off in a chart': {
    reason: /persistence\.enabled=false/,
    rows: [
      ask('helm upgrade --install api ./chart --set persistence.enabled=false'),
      ask('helm upgrade db bitnami/postgresql --set primary.persistence.enabled=false,auth.database=app'),
      allowed('helm upgrade --install api ./chart --kube-context kind-dev --set persistence.enabled=true'),
      allowed('helm upgrade --install api ./chart --kube-context kind-dev --set replicaCount=2'),
      allowed('helm template api ./chart --set persistence.enabled=false'),
    ],
  },
  'credentials regenerated or an identity disabled': {
    reason: /working clients are cut off/,
    rows: [
      ask('az storage account keys renew -n acct --key primary'),
      ask('az cosmosdb keys regenerate -n c -g rg --key-kind primary'),
      ask('az redis regenerate-keys -n r -g rg --key-type Primary'),
      ask('gcloud redis instances update r --update-redis-config requirepass=x'),
      ask('gcloud iam service-accounts disable sa@p.iam.gserviceaccount.com'),
      ask('acmectl db regenerate-password prod-db'),
      allowed('az storage account show -n acct'),
      allowed('az cosmosdb show -n c -g rg'),
      allowed('gcloud redis instances update r --update-redis-config maxmemory-policy=allkeys-lru'),
      allowed('gcloud iam service-accounts enable sa@p.iam.gserviceaccount.com'),
      allowed('gcloud iam service-accounts describe sa@p.iam.gserviceaccount.com'),
      allowed('vault token renew'),
    ],
  },
  'something switched off in production by a JSON Patch': {
    reason: /production is changed/,
    rows: [
      ask(`curl -X PATCH https://app.launchdarkly.com/api/v2/flags/default/kill-switch -H "Authorization: $LD_API_KEY" -d '[{"op":"replace","path":"/environments/production/on","value":false}]'`),
      ask(`curl -sX PATCH https://api.acme.dev/v1/flags/checkout --data-raw '[{"path":"/environments/prod/enabled","op":"replace","value":false}]'`),
      allowed(`curl -X PATCH https://app.launchdarkly.com/api/v2/flags/default/kill-switch -H "Authorization: $LD_API_KEY" -d '[{"op":"replace","path":"/environments/staging/on","value":false}]'`),
      allowed(`curl -X PATCH https://app.launchdarkly.com/api/v2/flags/default/kill-switch -H "Authorization: $LD_API_KEY" -d '[{"op":"replace","path":"/environments/production/on","value":true}]'`),
    ],
  },
};

familyTables('rules: stop 30 protection lowered by tools without rules (issue #18 item 4)', TABLE, perimeterFacts);
