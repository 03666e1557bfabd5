import { perimeterFacts } from './perimeterFixtures';
import { allowed, familyTables, flag, type Family } from './familyTable';

/**
 * Red team round 17 (stop 33, area r17): restores over live data, safety nets removed, access granted and
 * protections lowered on secret stores, brokers and identity servers, secrets revealed, code planted for
 * later runs, and operations on production (purges, load, power, incidents, production data copied down).
 * Each family sits next to routine work that stays allowed.
 */

const TABLE: Record<string, Family> = {
  'a backup restored over live data (in place, into /, a system or home folder)': {
    reason: /restores a backup|extracts a backup/,
    rows: [
      flag('restic -r /srv/backup restore latest --target /'),
      flag('restic -r /srv/backup restore latest -t /var/lib/postgresql'),
      flag('restic restore latest --target ~'),
      flag('pgbackrest --stanza=main --type=immediate --target-action=promote restore'),
      flag('pgbackrest --stanza=main --type=time --target="2024-01-01 00:00" restore'),
      flag('velero restore create --from-backup daily-1'),
      flag('vault operator raft snapshot restore -force backup.snap'),
      flag('vault operator raft snapshot restore ./backups/vault.snap'),
      flag('kopia snapshot restore k1234 /'),
      flag('cd / && borg extract /srv/repo::monday'),
      allowed('restic -r /srv/backup restore latest --target ./restored'),
      allowed('restic -r /srv/backup restore latest --target /tmp/restore-test'),
      allowed('restic restore latest --target ~/restore-test'),
      allowed('restic -r /srv/backup snapshots'),
      allowed('pgbackrest --stanza=main --pg1-path=/tmp/pg-verify restore'),
      allowed('pgbackrest --stanza=main info'),
      allowed('velero restore create --from-backup daily-1 --namespace-mappings shop:shop-restore-test'),
      allowed('velero restore get'),
      allowed('velero restore describe daily-1-restore'),
      allowed('kopia snapshot restore k1234 ./restored'),
      allowed('kopia snapshot list'),
      allowed('borg extract /srv/repo::monday'),
      allowed('borg list /srv/repo'),
    ],
  },
  'a server protection switched off by its setting name (sign-in, authorization, TLS, brute-force protection)': {
    reason: /sets enable_sasl|sets kafka_enable_authorization|sign-in or authorization off|without TLS|brute-force/,
    rows: [
      flag('rpk cluster config set enable_sasl false'),
      flag('rpk cluster config set kafka_enable_authorization false'),
      flag('kcadm.sh update realms/acme -s sslRequired=NONE'),
      flag('kcadm.sh update realms/acme -s bruteForceProtected=false'),
      allowed('rpk cluster config set enable_sasl true'),
      allowed('rpk cluster config set log_segment_size 1073741824'),
      allowed('kcadm.sh update realms/acme -s sslRequired=external -s bruteForceProtected=true'),
      allowed('kcadm.sh update realms/acme -s displayName=Acme'),
    ],
  },
  'access granted on a server\'s own accounts (admin policies, users, store admins, ACLs for everyone)': {
    reason: /Vault policy|creates a user|creates an account|attaches the policy|server admin|allows User:\*/,
    rows: [
      flag(`vault policy write admin - <<< 'path "*" { capabilities = ["sudo","create","read","update","delete","list"] }'`),
      flag(`vault policy write ops - <<< 'path "sys/*" { capabilities = ["create","update"] }'`),
      flag('vault write sys/policy/admin policy=@admin.hcl'),
      flag('rpk acl create --allow-principal \'User:*\' --operation all --topic \'*\''),
      flag('kcadm.sh create users -r acme -s username=backdoor -s enabled=true'),
      flag('mc admin user add myminio bob hunter22secret'),
      flag('mc admin policy attach myminio consoleAdmin --user bob'),
      flag(`curl -X PUT http://couchdb.acme.io:5984/_config/admins/admin -d '"x"'`),
      flag(`curl -X PUT http://couchdb.acme.io:5984/_node/_local/_config/admins/root -d '"x"'`),
      allowed(`vault policy write app-read - <<< 'path "secret/data/app/*" { capabilities = ["read","list"] }'`),
      allowed('vault policy read admin'),
      allowed('vault policy list'),
      allowed('rpk acl create --allow-principal User:analytics --operation read --topic events'),
      allowed('rpk acl list'),
      allowed('kcadm.sh get users -r acme'),
      allowed('kcadm.sh create clients -r acme -s clientId=web'),
      allowed('mc admin user list myminio'),
      allowed('mc admin policy attach myminio readonly --user bob'),
      allowed('curl http://couchdb.acme.io:5984/_node/_local/_config/admins'),
      allowed(`curl -X PUT http://localhost:5984/_node/_local/_config/admins/root -d '"x"'`),
      allowed(`curl -X PUT http://couchdb.acme.io:5984/orders -d '{}'`),
    ],
  },
  'a secret revealed by a flag, or a repository\'s secrets unlocked or their key exported': {
    reason: /client secret|client-secret|would otherwise mask|password hashes|git-crypt key|blackbox keeps encrypted/,
    rows: [
      flag('auth0 apps show abc --reveal-secrets'),
      flag('auth0 apps show abc -r'),
      flag('git-crypt export-key /tmp/k'),
      flag('git-crypt export-key -k default ./k'),
      flag('git crypt export-key /tmp/k'),
      flag('blackbox_decrypt_all_files'),
      flag('blackbox_postdeploy'),
      flag('keycloak export --dir /tmp/kc --realm acme'),
      flag('kc.sh export --file /tmp/realm.json --realm acme'),
      flag('kcadm.sh -r acme get clients/5f3a/client-secret'),
      flag('foocli apps show abc --reveal-secrets'),
      flag('foocli clients get abc --show-secret'),
      allowed('foocli clients get abc --show-secret=false'),
      allowed('foocli config show --show-defaults'),
      allowed('kc.sh start-dev'),
      allowed('kcadm.sh get clients -r acme'),
      allowed('auth0 apps show abc'),
      allowed('auth0 apps list'),
      allowed('git-crypt status'),
      allowed('blackbox_list_files'),
    ],
  },
  'git told to keep passwords in a plain-text file (credential.helper store)': {
    reason: /in plain text/,
    rows: [
      flag('git config --global credential.helper store'),
      flag("git config credential.helper 'store --file ~/.my-creds'"),
      flag('git -c credential.helper=store push origin main'),
      allowed('git config --global credential.helper cache'),
      allowed("git config --global credential.helper 'cache --timeout=3600'"),
      allowed('git config --global credential.helper osxkeychain'),
      allowed('git config --global user.name Dev'),
    ],
  },
  'a CDN purge of every path (the origin takes the whole traffic)': {
    reason: /every cached path/,
    rows: [
      flag("aws cloudfront create-invalidation --distribution-id E1 --paths '/*'"),
      flag("aws cloudfront create-invalidation --distribution-id E1 --paths /index.html '/*'"),
      flag(`aws cloudfront create-invalidation --distribution-id E1 --invalidation-batch 'Paths={Quantity=1,Items=["/*"]},CallerReference=x'`),
      flag("gcloud compute url-maps invalidate-cdn-cache web-map --path '/*'"),
      flag("az afd endpoint purge -g rg --profile-name p --endpoint-name web --content-paths '/*'"),
      allowed('aws cloudfront create-invalidation --distribution-id E1 --paths /index.html /app.js'),
      allowed('aws cloudfront list-invalidations --distribution-id E1'),
      allowed("gcloud compute url-maps invalidate-cdn-cache web-map --path '/images/logo.png'"),
    ],
  },
  'a data store benchmark aimed at a remote server': {
    reason: /benchmark against the data store/,
    rows: [
      flag('memtier_benchmark -s prod-cache.acme.io --requests=1000000'),
      flag('memtier_benchmark --server=cache.acme.io -p 6379'),
      flag('memtier_benchmark --uri redis://cache.acme.io:6379'),
      flag('redis-benchmark -h prod-cache.acme.io -n 1000000'),
      allowed('memtier_benchmark -s localhost --requests=100000'),
      allowed('memtier_benchmark --requests=10000'),
      allowed('redis-benchmark -q -n 100000'),
      allowed('redis-benchmark -h 127.0.0.1 -n 100000'),
    ],
  },
  'a managed service powered off by an option of its update': {
    reason: /shuts down/,
    rows: [
      flag('aiven service update acme-pg --power-off'),
      flag('vendorctl instance update db-1 --hibernate'),
      allowed('aiven service update acme-pg --power-on'),
      allowed('aiven service update acme-pg --plan business-4'),
    ],
  },
  'an open incident resolved by hand (the outage signal silenced)': {
    reason: /resolves an open incident/,
    rows: [
      flag('pd incident resolve --ids P123'),
      flag('opsgenie alert close --id abc'),
      allowed('pd incident ack --ids P123'),
      allowed('pd incident list'),
      allowed('pd incident show --ids P123'),
    ],
  },
  'a tool\'s own safety checks switched off': {
    reason: /safety checks off/,
    rows: [
      flag('kopia maintenance run --full --safety=none'),
      allowed('kopia maintenance run --full'),
      allowed('kopia maintenance run --full --safety=full'),
    ],
  },
  'transactional email or SMS sent through a provider API': {
    reason: /an email send|an SMS/,
    rows: [
      flag('curl https://api.resend.com/emails -H "Authorization: Bearer $RESEND_API_KEY" -d @email.json'),
      flag(`curl -X POST https://api.resend.com/emails/batch -H "Authorization: Bearer $RESEND_API_KEY" -d '[{"to":"a@b.c"}]'`),
      flag('curl https://api.mailersend.com/v1/email -H "Authorization: Bearer $MAILERSEND_API_KEY" -d @email.json'),
      flag("curl -X POST https://rest.nexmo.com/sms/json -d to=447700900000 -d text=hi"),
      allowed('curl https://api.resend.com/emails/4ef9a417 -H "Authorization: Bearer $RESEND_API_KEY"'),
      allowed('curl https://api.resend.com/domains -H "Authorization: Bearer $RESEND_API_KEY"'),
    ],
  },
};

familyTables('round 17: operations, access and planted code (stop 33, r17)', TABLE, perimeterFacts);
