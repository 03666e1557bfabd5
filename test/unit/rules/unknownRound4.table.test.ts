import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import type { Facts } from '../../../src/core/policy/types';
import { secretReadOf } from '../../../src/core/rules/secretVerbs';
import { testFacts } from '../support/policyFixtures';

/**
 * Issue #18, round 4: the families the held-out corpus of that round found missing, each destroying
 * or exposing row next to look-alikes that must stay allowed. Commands are written from each tool's
 * documentation (the held-out corpus names the pages).
 */

interface Row {
  cmd: string;
  decision: 'ask' | 'allow' | 'deny';
  production?: boolean;
  rule?: RegExp;
  reason?: RegExp;
  facts?: Facts;
}

function check(row: Row): void {
  const verdict = classify(row.cmd, row.facts ?? testFacts(), { lockdown: false });
  const shown = JSON.stringify(verdict, null, 1);
  assert.equal(verdict.decision, row.decision, shown);
  if (row.production !== undefined) assert.equal(verdict.production, row.production, shown);
  if (row.reason !== undefined) assert.ok(verdict.reasons.some((r) => row.reason!.test(r)), shown);
}

function table(title: string, rows: readonly Row[]): void {
  describe(title, () => {
    for (const row of rows) it(`${row.decision}: ${row.cmd}`, () => check(row));
  });
}

describe('rules: unknown tools, round 4 (issue #18)', () => {
  table('verbs that destroy for good: gc, expire, empty, and cleaning a named kind of thing', [
    { cmd: 'mlflow gc --backend-store-uri postgresql://mlflow@db.internal/mlflow', decision: 'ask', production: true, reason: /garbage-collects/ },
    { cmd: 'dvc gc --workspace --cloud --force', decision: 'ask', production: true },
    { cmd: 'pgbackrest --stanza=main expire --repo1-retention-full=1', decision: 'ask', production: true },
    { cmd: 'wp site empty --yes --uploads', decision: 'ask', production: true, reason: /empties/ },
    { cmd: 'airflow db clean --clean-before-timestamp 2025-01-01 --yes', decision: 'ask', production: true, reason: /`airflow db clean`/ },
    { cmd: 'puppet node clean web-01.acme.io', decision: 'ask', production: true },
    { cmd: 'garden cleanup namespace --env production', decision: 'ask', production: true, reason: /cleans up/ },
    // Cleaning the tool's own output, or a cache, stays routine.
    { cmd: 'jekyll clean', decision: 'allow' },
    { cmd: 'cabal clean', decision: 'allow' },
    { cmd: 'xcodebuild -scheme App clean build', decision: 'allow' },
    { cmd: 'hugo mod clean', decision: 'allow' },
    { cmd: 'pod cache clean --all', decision: 'allow' },
    { cmd: 'brew cleanup', decision: 'allow' },
    { cmd: 'nix store gc', decision: 'allow' },
    { cmd: 'airflow db check', decision: 'allow' },
    { cmd: 'dvc status --cloud', decision: 'allow' },
  ]);

  table('a noun that reads like an action, before a destroying verb', [
    { cmd: 'dagster run wipe', decision: 'ask', production: true },
    { cmd: 'dagster run list', decision: 'allow' },
    { cmd: 'prefect deployment ls', decision: 'allow' },
    // A package manager's `run` runs a script: its name is not a verb (the script is read from package.json).
    { cmd: 'npm run delete', decision: 'allow' },
    // A dev server's port killed on this machine (red team round 5): a port is a local process, not production.
    { cmd: 'npx kill-port 3000', decision: 'allow', production: false },
    { cmd: 'npx fkill :3000 :8080', decision: 'allow', production: false },
    { cmd: 'npx some-ops-tool kill api-prod', decision: 'ask', production: true },
  ]);

  table('derived data and cache purges are routine', [
    { cmd: 'wp cache flush', decision: 'allow' },
    { cmd: 'wp transient delete --all', decision: 'allow' },
    { cmd: 'wp rewrite flush', decision: 'allow' },
    { cmd: 'huggingface-cli delete-cache --disable-tui', decision: 'allow' },
    { cmd: 'mycloud delete-cache-cluster --cache-cluster-id sessions-prod', decision: 'ask', production: true },
    { cmd: 'bin/magento cache:flush', decision: 'allow' },
    { cmd: 'mycloud cache-cluster:delete sessions-prod', decision: 'ask', production: true },
    { cmd: 'fastly purge --url https://www.acme.io/pricing', decision: 'allow' },
    // What is not a cache still asks.
    { cmd: 'wp post delete 42 --force', decision: 'ask', production: true },
    { cmd: 'fastly service delete --service-id SU1Z0isxPaozGVKXdv0eY --force', decision: 'ask', production: true },
    { cmd: 'rabbitmqadmin purge queue name=orders', decision: 'ask' },
  ]);

  table('help asked for by a trailing word', [
    { cmd: 'tccli cvm TerminateInstances help', decision: 'allow' },
    { cmd: "tccli cvm TerminateInstances --region ap-guangzhou --InstanceIds '[\"ins-r8hr2upy\"]'", decision: 'ask', production: true },
  ]);

  table('force-push and git-style deletes, for any CLI', [
    { cmd: 'dolt push --force origin main', decision: 'ask', production: true, reason: /force-pushes/ },
    { cmd: 'dolt push --force-with-lease origin main', decision: 'ask' },
    { cmd: 'dolt push origin +main', decision: 'ask' },
    { cmd: 'dolt push origin main', decision: 'allow' },
    { cmd: 'dolt branch -d -f feature-x', decision: 'ask' },
    { cmd: 'dolt branch feature-x', decision: 'allow' },
    { cmd: 'dolt branch -a', decision: 'allow' },
  ]);

  table('option verbs that revoke or terminate', [
    { cmd: 'acme.sh --revoke -d api.acme.io', decision: 'ask', production: true },
    { cmd: 'acme.sh --list', decision: 'allow' },
    { cmd: 'acme.sh --renew -d api.acme.io', decision: 'allow' },
  ]);

  table('dry runs per tool: WAL-G deletes nothing until --confirm', [
    { cmd: 'wal-g delete retain FULL 1', decision: 'allow' },
    { cmd: 'wal-g delete retain FULL 1 --confirm', decision: 'ask', production: true },
    { cmd: 'pgbackrest --stanza=main expire --repo1-retention-full=2 --dry-run', decision: 'allow' },
    { cmd: "airflow db clean --clean-before-timestamp '2025-01-01' --dry-run", decision: 'allow' },
    { cmd: 'puppet agent --test --noop', decision: 'allow' },
    { cmd: 'aliyun ecs DeleteInstance --InstanceId i-bp1g6zv0ce8oghu7k2x1 --DryRun true', decision: 'allow' },
    { cmd: 'aliyun ecs DeleteInstance --InstanceId i-bp1g6zv0ce8oghu7k2x1 --DryRun false', decision: 'ask', production: true },
    { cmd: 'juju remove-application postgresql --dry-run=client', decision: 'allow' },
    { cmd: 'juju remove-application postgresql --dry-run=server', decision: 'allow' },
    { cmd: 'juju remove-application postgresql --dry-run=none', decision: 'ask' },
    { cmd: 'ionosctl datacenter delete --datacenter-id 8feda53f --WhatIf', decision: 'allow' },
    { cmd: 'autorestic forget -a --prune --dry-run', decision: 'allow' },
  ]);

  table('secrets printed by CLIs without rules, by their words', [
    { cmd: 'akeyless get-secret-value --name /prod/billing/db-password', decision: 'ask', reason: /prints the secret/ },
    { cmd: 'conjur variable get -i prod/billing/db/password', decision: 'ask', production: true },
    { cmd: 'berglas access sm://acme-prod/stripe-api-key', decision: 'ask', production: true },
    { cmd: 'ejson decrypt config/secrets.production.ejson', decision: 'ask' },
    { cmd: 'dcli password github.com --output console', decision: 'ask' },
    { cmd: 'yc iam create-token', decision: 'ask' },
    { cmd: 'stackit auth get-access-token', decision: 'ask' },
    { cmd: 'tctl tokens add --type=node --ttl=1h', decision: 'ask' },
    { cmd: 'k0sctl kubeconfig', decision: 'ask' },
    // Listing names, writing and checking print no secret.
    { cmd: 'akeyless list-items --path /prod/billing', decision: 'allow' },
    { cmd: 'conjur list --kind variable', decision: 'allow' },
    { cmd: 'tctl tokens ls', decision: 'allow' },
    { cmd: 'ejson encrypt config/secrets.production.ejson', decision: 'allow' },
    { cmd: 'yc iam service-account list', decision: 'allow' },
    // Writing prints no secret, but it overwrites the one kept (stop 29, red team round 7: asked like `doppler secrets set`).
    { cmd: 'conjur variable set -i prod/billing/db/password -v "$NEW_PW"', decision: 'ask', reason: /^`conjur variable set` overwrites prod\/billing\/db\/password/ },
    { cmd: 'dcli sync', decision: 'allow' },
    { cmd: 'doppler secrets --only-names', decision: 'allow' },
    { cmd: 'doppler secrets', decision: 'ask' },
  ]);

  table('removing the safety net: compound versioning words and public switches', [
    { cmd: 'aliyun oss bucket-versioning --method put oss://acme-prod-media suspended', decision: 'ask', production: true, reason: /versioning/ },
    { cmd: 'aliyun oss bucket-versioning --method put oss://acme-prod-media enabled', decision: 'allow' },
    { cmd: 'yc storage bucket update --name acme-backups --public-read', decision: 'ask', production: true, reason: /anyone on the internet/ },
    { cmd: 'yc storage bucket create --name acme-site --public-read', decision: 'allow' },
    { cmd: 'gcloud sql instances patch ledger-prod --enable-point-in-time-recovery', decision: 'allow', production: true },
    { cmd: 'gcloud sql instances patch ledger-dev --enable-point-in-time-recovery', decision: 'allow', production: false },
  ]);

  table('a whole SQL statement sent to an API on a port no store is known by', [
    { cmd: 'curl -sS -X POST http://crate.acme.internal:4200/_sql -H \'Content-Type: application/json\' -d \'{"stmt":"DROP TABLE doc.metrics"}\'', decision: 'ask', production: true },
    { cmd: 'curl -sS -X POST http://crate.acme.internal:4200/_sql -H \'Content-Type: application/json\' -d \'{"stmt":"SELECT count(*) FROM doc.metrics"}\'', decision: 'allow' },
    { cmd: 'curl -X POST https://hooks.slack.com/services/T000/B000/XXXX -d \'{"text":"nightly job: dropped 3 tables"}\'', decision: 'allow' },
  ]);

  table('ed runs the ! commands on its standard input; awk reads a variable holding one literal', [
    { cmd: "printf '!airflow db reset --yes\\nq\\n' | ed -s", decision: 'ask', production: true },
    { cmd: "printf ',s/foo/bar/g\\nw\\nq\\n' | ed -s notes.txt", decision: 'allow' },
    { cmd: 'awk \'BEGIN { cmd = "psql \\"$PROD_DATABASE_URL\\" -c \\"TRUNCATE orders\\""; system(cmd) }\'', decision: 'ask', production: true },
    { cmd: 'awk \'BEGIN { cmd = "date -u"; system(cmd) }\'', decision: 'allow' },
    { cmd: 'awk \'{ cmd = "rm -rf " $1; system(cmd) }\' dirs.txt', decision: 'ask' },
    { cmd: 'awk \'BEGIN { cmd = "echo hi"; cmd = cmd " && rm -rf /"; system(cmd) }\'', decision: 'ask' },
  ]);

  table('round 4b: undeploying, public ACL operands, password managers, wiping switches, raw HTTP on a store socket', [
    { cmd: 'zappa undeploy production --yes --remove-logs', decision: 'ask', production: true },
    { cmd: 'zappa status production', decision: 'allow' },
    { cmd: 'ossutil set-acl oss://acme-prod-media public-read -b', decision: 'ask', production: true, reason: /public-read/ },
    { cmd: 'ossutil set-acl oss://acme-prod-media private -b', decision: 'allow' },
    { cmd: 'rbw get github.com', decision: 'ask' },
    { cmd: 'rbw list', decision: 'allow' },
    { cmd: 'passbolt get resource --id 0e1d2c3b-4a59-6877-8695-a4b3c2d1e0f9', decision: 'ask' },
    { cmd: 'passbolt list resource --column name', decision: 'allow' },
    { cmd: 'envchain aws env', decision: 'ask' },
    { cmd: 'envchain --list', decision: 'allow' },
    { cmd: 'saml2aws script --profile prod', decision: 'ask' },
    { cmd: 'saml2aws list-roles', decision: 'allow' },
    { cmd: 'curl -X POST dgraph.acme.internal:8080/alter -d \'{"drop_all": true}\'', decision: 'ask', production: true },
    { cmd: 'curl -X PATCH https://api.github.com/repos/acme/billing -d \'{"delete_branch_on_merge": true}\'', decision: 'allow' },
    { cmd: 'curl -X POST dgraph.acme.internal:8080/alter -d \'{"drop_all": false}\'', decision: 'allow' },
    { cmd: "printf 'DELETE /users/_doc/1 HTTP/1.1\\r\\nHost: es.acme.internal\\r\\n\\r\\n' | nc es.acme.internal 9200", decision: 'ask', production: true },
    { cmd: "printf 'GET /_cat/indices HTTP/1.1\\r\\nHost: es.acme.internal\\r\\n\\r\\n' | nc es.acme.internal 9200", decision: 'allow' },
  ]);

  table('round 4c: R, Julia and AppleScript shell calls, gRPC methods, minted keys, helm plugins, settings that switch protection off', [
    { cmd: 'Rscript -e \'system("rke remove --force")\'', decision: 'ask', production: true },
    { cmd: 'Rscript -e \'system2("juju", c("destroy-model", "prod", "--no-prompt"))\'', decision: 'ask', production: true },
    { cmd: 'Rscript -e \'system(paste0("rm -rf ", dir))\'', decision: 'ask' },
    { cmd: "Rscript -e 'print(1+1)'", decision: 'allow' },
    { cmd: 'Rscript -e \'system("date -u")\'', decision: 'allow' },
    { cmd: "julia -e 'run(`thanos tools bucket cleanup --objstore.config-file=bucket.yml`)'", decision: 'ask', production: true },
    { cmd: "julia -e 'run(`ls -l`)'", decision: 'allow' },
    { cmd: 'julia -e \'run(`rm -rf $dir`)\'', decision: 'ask' },
    { cmd: 'osascript -e \'do shell script "uplink rb sj://acme-archive --force"\'', decision: 'ask', production: true },
    { cmd: 'osascript -e \'display notification "build done"\'', decision: 'allow' },
    { cmd: 'grpcurl -d \'{"key":"AA=="}\' etcd.acme.internal:2379 etcdserverpb.KV/DeleteRange', decision: 'ask', production: true },
    { cmd: 'grpcurl -d \'{"key":"AA=="}\' etcd.acme.internal:2379 etcdserverpb.KV/Range', decision: 'allow' },
    { cmd: 'exo iam api-key create deployer --role admin', decision: 'ask' },
    { cmd: 'exo iam api-key list', decision: 'allow' },
    { cmd: 'kubelogin convert-kubeconfig -l azurecli', decision: 'allow' },
    { cmd: 'kubelogin get-token --login azurecli --server-id 6dae42f8-4368-4678-94ff-3960e28e3630', decision: 'ask' },
    { cmd: 'npx convex env get STRIPE_SECRET_KEY --prod', decision: 'ask' },
    { cmd: 'helm secrets decrypt secrets.prod.yaml', decision: 'ask' },
    { cmd: 'helm diff upgrade billing ./chart -f values.prod.yaml', decision: 'allow' },
    { cmd: 'helm secrets encrypt secrets.yaml', decision: 'allow' },
    { cmd: 'scw secret version access 11111111-2222-3333-4444-555555555555 revision=latest', decision: 'ask' },
    { cmd: 'scw secret secret list', decision: 'allow' },
    { cmd: 'aws-iam-authenticator token -i prod-cluster', decision: 'ask', production: true },
    { cmd: 'aws-iam-authenticator version', decision: 'allow' },
    { cmd: 'bin/console cache:clear', decision: 'allow' },
    { cmd: 'scw rdb instance update 11111111-2222-3333-4444-555555555555 is-backup-schedule-disabled=true', decision: 'ask', production: true, reason: /is-backup-schedule-disabled=true/ },
    { cmd: 'scw rdb instance update 11111111-2222-3333-4444-555555555555 is-backup-schedule-disabled=false', decision: 'allow' },
    { cmd: 'yc managed-postgresql cluster update billing-pg --backup-retain-period-days 0', decision: 'ask', production: true },
    { cmd: 'yc managed-postgresql cluster update billing-pg --backup-retain-period-days 14', decision: 'allow' },
    { cmd: 'curl -u guest:"$RABBIT_PW" -X DELETE http://rabbit.acme.internal:15672/api/queues/%2F/orders', decision: 'ask', production: true },
  ]);

  const staging = testFacts({ kubeContext: 'staging-us' });
  table('what runs later: the environment read from the machine now is unknown then', [
    { cmd: "at now + 1 hour <<< 'kubectl delete namespace staging'", decision: 'ask', production: true, facts: staging, reason: /namespace staging/ },
    { cmd: 'kubectl delete namespace staging', decision: 'ask', production: false, facts: staging },
    { cmd: "at now + 1 hour <<< 'kubectl --context staging-us delete namespace staging'", decision: 'ask', production: false, facts: staging },
    { cmd: "printf '#!/bin/sh\\ndropdb --if-exists acme_prod\\n' > .git/hooks/post-merge", decision: 'ask', production: true },
    { cmd: 'dropdb --if-exists acme_prod', decision: 'ask', production: false },
    { cmd: "echo 'wp db export /var/backups/nightly.sql' | at 02:00", decision: 'allow' },
    // A crontab fed from a compound: its text is unread (asked), and the cron lines printed beside it are judged.
    { cmd: "(crontab -l; echo '@daily juju destroy-model prod --destroy-storage --no-prompt') | crontab -", decision: 'ask', production: true, reason: /juju destroy-model/ },
    { cmd: "(crontab -l 2>/dev/null; echo '0 3 * * * psql \"$PROD_DATABASE_URL\" -c \"DELETE FROM events\"') | crontab -", decision: 'ask', production: true, reason: /DELETE|events/ },
    { cmd: "echo '0 3 * * * juju destroy-model prod' > notes.txt", decision: 'allow' },
  ]);
});

describe('rules/secretVerbs: secretReadOf', () => {
  const rows: [string, string[], string[], boolean][] = [
    ['akeyless', ['get-secret-value'], ['/prod/db'], true],
    ['x', ['secret', 'get'], ['api'], true],
    ['x', ['secret', 'set'], ['api', 'v'], false],
    ['x', ['secrets', 'list'], [], false],
    ['x', ['tokens', 'add'], [], true],
    ['x', ['tokens', 'ls'], [], false],
    ['x', ['get'], ['users/alice'], false],
    ['x', ['get'], ['clients/1/client-secret'], true],
    ['x', ['describe'], ['prod/db/password'], false],
    ['x', ['password'], ['github.com'], true],
    ['x', ['password', 'rotate'], ['github.com'], false],
  ];
  for (const [name, path, values, prints] of rows) {
    it(`${prints ? 'prints' : 'prints nothing'}: ${name} ${[...path, ...values].join(' ')}`, () => {
      assert.equal(secretReadOf(name, path, values) !== undefined, prints);
    });
  }
});

describe('rules: unknown tools, red team round 4 (black-box): destroying verbs and real CLIs the floor missed', () => {
  table('other spellings of destroy: tear-down, recreate, retire, clobber, kill', [
    { cmd: 'acmectl db tear-down prod', decision: 'ask', production: true, reason: /tears down/ },
    { cmd: 'acmectl env teardown staging', decision: 'ask' },
    { cmd: 'acmectl db recreate prod', decision: 'ask', production: true, reason: /recreates/ },
    { cmd: 'acmectl node retire node-7', decision: 'ask', production: true },
    { cmd: 'acmectl cluster clobber staging', decision: 'ask' },
    { cmd: 'acmectl vm kill web-1', decision: 'ask', production: true },
    // Read-only look-alikes, help and dry runs stay allowed; a local daemon's own kill is routine.
    { cmd: 'acmectl db describe prod', decision: 'allow', production: true },
    { cmd: 'acmectl db list', decision: 'allow' },
    { cmd: 'acmectl db recreate prod --dry-run', decision: 'allow', production: true },
    { cmd: 'acmectl kill --help', decision: 'allow' },
    { cmd: 'adb kill-server', decision: 'allow' },
    { cmd: 'pm2 kill', decision: 'allow' },
  ]);

  table('a destroying program passed after -- to a subcommand that runs it elsewhere', [
    { cmd: 'acmectl exec prod -- rm -rf /data', decision: 'ask', production: true, reason: /deletes \/data on prod/ },
    { cmd: 'acmectl ssh web-1 -- sudo shred -u /var/lib/postgresql/data/base', decision: 'ask', production: true },
    { cmd: 'acmectl ssh web-1 -- sudo dd if=/dev/zero of=/dev/sda', decision: 'ask', reason: /overwrites \/dev\/sda on web-1/ },
    { cmd: 'acmectl exec prod -- ls -la /data', decision: 'allow', production: true },
    { cmd: 'acmectl exec prod -- rm', decision: 'allow', production: true },
  ]);

  table('real CLIs: glued names (lvremove, userdel), tarsnap -d, an API path whose action destroys', [
    { cmd: 'lvremove -f /dev/vg/prod', decision: 'ask', production: false, reason: /on this machine/ },
    { cmd: 'vgremove -y vg_data', decision: 'ask', production: false },
    { cmd: 'userdel -r deploy', decision: 'ask', production: false },
    { cmd: 'tarsnap -d --archive all', decision: 'ask', production: true },
    { cmd: 'tarsnap -d -f nightly-2026-01-01', decision: 'ask' },
    { cmd: 'tarsnap --nuke', decision: 'ask' },
    { cmd: 'stripe post /v1/subscriptions/sub_1/cancel --live', decision: 'ask', production: true, reason: /cancels/ },
    { cmd: 'stripe delete /v1/customers/cus_1', decision: 'ask', production: true },
    { cmd: 'lvs', decision: 'allow' },
    { cmd: 'lvdisplay /dev/vg/prod', decision: 'allow' },
    { cmd: 'tarsnap --list-archives', decision: 'allow' },
    { cmd: 'tarsnap -c -f nightly /srv', decision: 'allow' },
    { cmd: 'stripe get /v1/subscriptions/sub_1', decision: 'allow' },
    { cmd: 'stripe post /v1/customers -d name=x', decision: 'allow' },
  ]);

  table('round 5 (ops): a release published for good, a vault sealed', [
    { cmd: 'twine upload dist/*', decision: 'ask', production: true },
    { cmd: 'vault operator seal', decision: 'ask', production: true, reason: /seals/ },
    { cmd: 'vault operator step-down', decision: 'ask', production: true },
    { cmd: 'twine check dist/*', decision: 'allow' },
    { cmd: 'vault operator unseal', decision: 'allow' },
    { cmd: 'vault status', decision: 'allow' },
    { cmd: 'stripe refunds create --charge ch_1', decision: 'ask', production: true, reason: /refunds money/ },
    { cmd: 'stripe post /v1/charges -d amount=100000 -d currency=usd -d source=tok_visa', decision: 'ask', production: true, reason: /charges money/ },
    { cmd: 'stripe payment_intents confirm pi_1', decision: 'ask', production: true },
    { cmd: 'stripe charges list', decision: 'allow' },
    { cmd: 'stripe refunds retrieve re_1', decision: 'allow' },
    { cmd: 'stripe get /v1/charges', decision: 'allow' },
    { cmd: 'stripe listen --forward-to localhost:3000', decision: 'allow' },
    { cmd: 'twilio api:core:messages:create --from +15550001 --to +15550002 --body hi', decision: 'ask', production: true, reason: /cannot call back/ },
    { cmd: 'twilio api:core:messages:list', decision: 'allow' },
  ]);
});
