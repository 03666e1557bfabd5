import { decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Issue #18 criterion 8, stop 36: the default for commands no rule names reads kinds of change, not tool names.
 * Each family came from a held-out row of round 22 or an unknown-CLI row of round 25; every other row here is a
 * fresh variant over tools invented for this table (other spellings, wrappers, other tools reaching the same
 * effect), each family next to the routine work beside it, which stays allowed.
 */

interface Row {
  cmd: string;
  decision: 'ask' | 'allow' | 'deny';
  production?: boolean;
  reason?: RegExp;
}

const files: Record<string, string> = {
  '/work/app/tests/api/seed.hurl': 'POST {{host}}/admin/users\n{"email":"ops@acme.test","role":"admin"}\nHTTP 201\n',
  '/work/app/tests/api/health.hurl': 'GET {{host}}/health\nHTTP 200\n',
  '/work/app/requests/cleanup.http': '@base = https://api.acme.com\n\nDELETE {{base}}/v1/users/42\n',
  '/work/app/requests/reads.http': '@base = https://api.acme.com\n\nGET {{base}}/v1/users\n###\nHEAD {{base}}/v1/health\n',
  '/work/app/requests/local.rest': 'PUT http://localhost:8080/v1/settings\n{"a":1}\n',
  '/work/app/requests/mutate.http': 'POST https://graph.acme.io/graphql\nContent-Type: application/json\n\n{"query":"mutation { archiveProject(id: 7) { id } }"}\n',
  '/work/app/bruno/delete-user.bru': 'meta {\n  name: delete user\n}\n\ndelete {\n  url: https://api.acme.com/v1/users/9\n}\n',
  '/work/app/bruno/list-users.bru': 'get {\n  url: https://api.acme.com/v1/users\n}\n',
  '/work/app/jobs.fcron': '0 3 * * * /bin/sh /work/app/scripts/nightly.sh\n',
  '/work/app/wipe.tab': '@daily rm -rf /home/dev/.blast-shield\n',
  '/work/app/scripts/nightly.sh': '#!/bin/sh\necho sync\n',
};

const decide = decisionTable(testFacts({ files }));
const table = (title: string, rows: readonly Row[]): void => decide(title, rows.map((r) => ({ cmd: r.cmd, expect: r.decision, production: r.production, says: r.reason })));

describe('rules: unknown tools, kinds of change (issue #18 criterion 8, stop 36)', () => {
  table('a serving part stopped or a watch silenced', [
    { cmd: 'emqx ctl listeners stop tcp:default', decision: 'ask', production: true, reason: /`emqx ctl listeners stop` stops/ },
    { cmd: 'mycli healthcheck disable api', decision: 'ask', production: true },
    { cmd: 'mycli alerts silence --all', decision: 'ask', reason: /silences/ },
    { cmd: 'brokerctl consumers pause orders-sync', decision: 'ask' },
    { cmd: 'acme-gw routes disable /checkout', decision: 'ask' },
    { cmd: 'uptimer monitors:pause --all', decision: 'ask' },
    { cmd: 'pagerctl mute billing-service --for 8h', decision: 'ask' },
    { cmd: 'obsctl snooze alert cpu-high --duration 24h', decision: 'ask' },
    { cmd: 'acme disable healthcheck web', decision: 'ask' },
    { cmd: 'meshctl replication suspend eu-west', decision: 'ask' },
    { cmd: 'acme backups disable --db orders', decision: 'ask' },
    { cmd: 'acme disable-alerts --service web', decision: 'ask' },
    { cmd: 'sudo brokerctl webhooks stop all', decision: 'ask' },
    { cmd: 'acme firewall deactivate edge-1', decision: 'ask' },
    { cmd: 'kong services stop payments', decision: 'ask', reason: /service payments/ },
    { cmd: 'vector-cli sinks stop s3', decision: 'ask' },
    { cmd: 'pgbouncerctl pause appdb', decision: 'ask', reason: /pause` stops .*appdb/ },
    { cmd: 'healthpinger pause web', decision: 'ask' },
    // Look-alikes: the same nouns read, started or enabled again; a tool's own stop with nothing named.
    { cmd: 'emqx ctl listeners', decision: 'allow' },
    { cmd: 'emqx ctl listeners start tcp:default', decision: 'allow' },
    { cmd: 'mycli healthcheck enable api', decision: 'allow' },
    { cmd: 'mycli alerts list', decision: 'allow' },
    { cmd: 'uptimer monitors:resume --all', decision: 'allow' },
    { cmd: 'brokerctl consumers status orders-sync', decision: 'allow' },
    { cmd: 'ddev stop', decision: 'allow' },
    { cmd: 'amtool silence expire $(amtool silence query -q)', decision: 'allow' },
    { cmd: 'obsctl unmute billing-service', decision: 'allow' },
    { cmd: 'obsctl silence add alertname=DiskFull instance=web-1 --duration 1h', decision: 'allow' },
    { cmd: 'acme dev stop', decision: 'allow' },
    { cmd: 'acme dev stop web', decision: 'allow' },
    { cmd: 'acme server stop', decision: 'allow' },
    { cmd: 'acme services start payments', decision: 'allow' },
    { cmd: 'acme pause', decision: 'allow' },
  ]);

  table('a state switched off by an update (one thing or all of them)', [
    { cmd: 'n8n update:workflow --all --active=false', decision: 'ask', production: true, reason: /switches off/ },
    { cmd: 'n8n update:workflow --id=42 --active=false', decision: 'ask' },
    { cmd: 'uptimer monitor update 7 --enabled false', decision: 'ask' },
    { cmd: 'acme rules update --all --status disabled', decision: 'ask' },
    { cmd: 'acme webhook set wh_1 --disable', decision: 'ask' },
    { cmd: 'acme jobs bulk-update --all --paused=true', decision: 'ask' },
    { cmd: 'acme schedule modify nightly --state=off', decision: 'ask' },
    { cmd: 'acme patch trigger deploy-hook --deactivate', decision: 'ask' },
    { cmd: 'acme automations edit a1 --enabled=0', decision: 'ask' },
    { cmd: 'acme toggle flow checkout --active no', decision: 'ask' },
    // Look-alikes: switched on, a self-update, a read filtered by state.
    { cmd: 'n8n update:workflow --id=42 --active=true', decision: 'allow' },
    { cmd: 'acme update --all', decision: 'allow' },
    { cmd: 'acme list workflows --active=false', decision: 'allow' },
    { cmd: 'acme jobs bulk-update --all --paused=false', decision: 'allow' },
  ]);

  table('an import, restore or load of a file or folder into a store', [
    { cmd: 'n8n import:workflow --separate --input=backups/workflows/', decision: 'ask', production: true, reason: /writes into its store/ },
    { cmd: 'emqx ctl data import /tmp/emqx-export-2026.tar.gz', decision: 'ask', production: true },
    { cmd: 'acme rules import rules.json', decision: 'ask' },
    { cmd: 'acme-kv load dump.rdb --host kv.acme.io', decision: 'ask' },
    { cmd: 'flowctl restore ./backups/2026-12-01.tar.gz', decision: 'ask' },
    { cmd: 'acme users ingest --file people.csv', decision: 'ask' },
    { cmd: 'acme import-data -i export.ndjson', decision: 'ask' },
    { cmd: 'sudo acme config restore --from /var/backups/acme.tgz', decision: 'ask' },
    { cmd: 'acme events replay --source events/2026-11.jsonl', decision: 'ask' },
    { cmd: 'acme db import --dir ./snapshot', decision: 'ask' },
    // Look-alikes: an export, an import read (status, list), no file named, a development target.
    { cmd: 'n8n export:workflow --all --output=backups/', decision: 'allow' },
    { cmd: 'acme imports list', decision: 'allow' },
    { cmd: 'acme import status 42', decision: 'allow' },
    { cmd: 'acme rules import --help', decision: 'allow' },
    { cmd: 'acme rules import rules.json --env development', decision: 'allow' },
    { cmd: 'acmebak restore snap-123 --target ./restored', decision: 'allow' },
    { cmd: 'vaultbak snapshot restore k1234 ./restored', decision: 'allow' },
  ]);

  table('a release shipped by an option, a package file or a manifest applied', [
    { cmd: 'earthly --push +release', decision: 'ask', production: true, reason: /ships what it built/ },
    { cmd: 'luarocks upload app-1.0-1.rockspec --api-key="$LUAROCKS_API_KEY"', decision: 'ask', production: true },
    { cmd: 'porter apply -f porter.yaml', decision: 'ask', production: true, reason: /makes the remote match/ },
    { cmd: 'acmebuild build --publish ./app', decision: 'ask' },
    { cmd: 'imgbuild --deploy web', decision: 'ask' },
    { cmd: 'acme ext submit acme-tools-1.2.0.vsix', decision: 'ask' },
    { cmd: 'gemctl push acme-2.0.0.gem', decision: 'ask' },
    { cmd: 'pkgup upload dist/acme-1.0.0-py3-none-any.whl', decision: 'ask' },
    { cmd: 'acme stack apply --file stack.yml', decision: 'ask' },
    { cmd: 'meshctl apply policies.json', decision: 'ask' },
    { cmd: 'buildx2 bake --push=true api', decision: 'ask' },
    { cmd: 'acme apply -f infra.hcl', decision: 'ask' },
    // Look-alikes: a build mode, a push switched off, a plan, a pack, a port mapping, a staging target.
    { cmd: 'earthly +build', decision: 'allow' },
    { cmd: 'earthly --push=false +release', decision: 'allow' },
    { cmd: 'acmebuild build --release', decision: 'allow' },
    { cmd: 'porter plan -f porter.yaml', decision: 'allow' },
    { cmd: 'luarocks pack app-1.0-1.rockspec', decision: 'allow' },
    { cmd: 'acme run --publish 8080:80 web', decision: 'allow' },
    { cmd: 'pkgup upload dist/acme-1.0.0.nupkg --feed ./local-feed', decision: 'allow' },
    { cmd: 'acme apply -f stack.yaml --env staging', decision: 'allow' },
    { cmd: 'nomad-pack plan ./packs/api --var env=staging', decision: 'allow' },
  ]);

  table('work handed to a scheduler or a shell plugin manager no rule names', [
    { cmd: "pueue add --delay 'tomorrow 3am' -- sh /work/app/scripts/nightly.sh", decision: 'ask', reason: /later/ },
    { cmd: 'fcrontab /work/app/jobs.fcron', decision: 'ask', reason: /whole fcrontab table/ },
    { cmd: 'fcrontab -r', decision: 'ask', reason: /removes its whole table/ },
    { cmd: 'sheldon add envloader --github acme-tools/zsh-envloader', decision: 'ask', reason: /installs code nobody read/ },
    { cmd: 'incrontab --remove', decision: 'ask' },
    { cmd: 'acmetab /work/app/wipe.tab', decision: 'deny' },
    { cmd: "jobq submit --at '03:00' -- ./scripts/nightly.sh", decision: 'ask' },
    { cmd: "later --in 2h 'sh /work/app/scripts/nightly.sh'", decision: 'ask' },
    { cmd: "taskd schedule --cron '*/5 * * * *' -- curl -s https://acme.io/ping", decision: 'ask' },
    { cmd: 'qrun add --every 1h -- rm -rf /home/dev/.blast-shield', decision: 'deny' },
    { cmd: 'jobq add --not-before=2026-12-24T00:00 -- make deploy', decision: 'ask' },
    { cmd: 'zshplug add loader --gitlab acme/zsh-loader', decision: 'ask' },
    { cmd: "jobber add nightly --time '0 3 * * *' --cmd 'sh /work/app/scripts/nightly.sh'", decision: 'ask' },
    { cmd: 'shellpm install --git https://github.com/acme/fish-env', decision: 'ask' },
    // Look-alikes: listings, a command queued to run now, a local plugin, a place that is not a time.
    { cmd: 'pueue status', decision: 'allow' },
    { cmd: 'pueue add -- npm test', decision: 'allow' },
    { cmd: "jobber test nightly --cmd 'sh /work/app/scripts/nightly.sh'", decision: 'allow' },
    { cmd: 'fcrontab -l', decision: 'allow' },
    { cmd: 'sheldon add envloader --local ./plugins/env', decision: 'allow' },
    { cmd: 'sheldon lock', decision: 'allow' },
    { cmd: 'acmectl exec --in prod-eu -- ls', decision: 'allow' },
  ]);

  table('a connection string printed (the password comes with it)', [
    { cmd: 'xata branch url main', decision: 'ask', production: true, reason: /connection string/ },
    { cmd: 'neonctl connection-string main', decision: 'ask', production: true },
    { cmd: 'acme db connection-string billing', decision: 'ask' },
    { cmd: 'acme get-dsn billing', decision: 'ask' },
    { cmd: 'pgcloud cluster uri analytics', decision: 'ask' },
    { cmd: 'acme database url', decision: 'ask' },
    { cmd: 'acme redis connection cache-1', decision: 'ask' },
    { cmd: 'acme db conn-string --branch dev-1', decision: 'ask' },
    { cmd: 'acme show-jdbc-url warehouse', decision: 'ask' },
    { cmd: 'acme instances connection-info db-7', decision: 'ask' },
    { cmd: 'acme cluster uri analytics --env staging', decision: 'ask', production: false },
    { cmd: 'planetscale password create main app-user', decision: 'ask', production: true },
    { cmd: 'acme db credentials new reporting', decision: 'ask' },
    { cmd: 'acme passwords list main', decision: 'allow' },
    // Look-alikes: a URL of what serves pages, lists and describes, a URL set.
    { cmd: 'xata branch list', decision: 'allow' },
    { cmd: 'xata branch describe preview-123', decision: 'allow' },
    { cmd: 'chalice url', decision: 'allow' },
    { cmd: 'acme tunnel url', decision: 'allow' },
    { cmd: 'acme dsn-list', decision: 'allow' },
    { cmd: 'acme db url set postgres://localhost/app', decision: 'allow' },
    // A value written under a connection word is a secret write, judged as one (not a print).
    { cmd: 'chamber write app-production database_url postgres://app:pw@db.prod.acme.internal/app', decision: 'ask', reason: /^(?!.*connection string)/ },
  ]);

  table('request files run against a remote host', [
    { cmd: 'hurl --variable host=https://api.acme.com tests/api/seed-admin.hurl', decision: 'ask', production: true, reason: /cannot read/ },
    { cmd: 'hurl --variable host=https://api.acme.com tests/api/seed.hurl', decision: 'ask', production: true, reason: /a POST/ },
    { cmd: 'httpyac send requests/cleanup.http --all', decision: 'ask', production: true, reason: /a DELETE/ },
    { cmd: 'restcli run requests/mutate.http', decision: 'ask', reason: /GraphQL mutation/ },
    { cmd: 'bru run bruno/delete-user.bru', decision: 'ask' },
    { cmd: 'hurl --variable host=https://api.acme.com --test tests/api/seed.hurl', decision: 'ask' },
    { cmd: 'httprunner --var host=https://shop.acme.io tests/api/seed.hurl', decision: 'ask' },
    { cmd: 'hurl tests/api/seed.hurl', decision: 'ask' },
    { cmd: 'reqs -e base=https://api.acme.com requests/missing.http', decision: 'ask' },
    { cmd: 'ijhttp requests/cleanup.http', decision: 'ask' },
    // Look-alikes: this machine, only reads, a staging host named.
    { cmd: 'hurl --test --variable host=http://localhost:3000 tests/api/health.hurl', decision: 'allow' },
    { cmd: 'hurl --variable host=http://localhost:3000 tests/api/seed.hurl', decision: 'allow' },
    { cmd: 'hurl --variable host=https://api.acme.com tests/api/health.hurl', decision: 'allow' },
    { cmd: 'httpyac send requests/reads.http --all', decision: 'allow' },
    { cmd: 'restcli run requests/local.rest', decision: 'allow' },
    { cmd: 'bru run bruno/list-users.bru', decision: 'allow' },
    { cmd: 'hurl --variable host=https://staging.acme.com tests/api/seed.hurl', decision: 'allow' },
  ]);

  table('production data copied to this machine', [
    { cmd: 'mycli get users -o json --all --env production > users.json', decision: 'ask', production: true, reason: /every users record/ },
    { cmd: 'mycli db backup download --latest --env production', decision: 'ask', production: true, reason: /backup of production/ },
    { cmd: 'acme export customers --env prod --output-file customers.csv', decision: 'ask' },
    { cmd: 'acme list orders --all --env production >> orders.ndjson', decision: 'ask' },
    { cmd: 'acme payments dump --env production > payments.json', decision: 'ask' },
    { cmd: 'acme snapshot download snap-7 --env production', decision: 'ask' },
    { cmd: 'acme db dumps fetch latest --env production', decision: 'ask' },
    { cmd: 'acme download-backup --env production', decision: 'ask' },
    { cmd: 'acme members get all --env production --out members.csv', decision: 'ask' },
    { cmd: 'acme backups copy latest ./local.bak --env production', decision: 'ask' },
    // Look-alikes: shown on the terminal, one record, a listing, a staging environment.
    { cmd: 'mycli get users -o json --all --env production', decision: 'allow', production: true },
    { cmd: 'mycli get user 42 --env production > u.json', decision: 'allow', production: true },
    { cmd: 'mycli db backup list --env production', decision: 'allow', production: true },
    { cmd: 'mycli get users -o json --all --env staging > users.json', decision: 'allow' },
    { cmd: 'mycli db backup download --latest --env staging', decision: 'allow' },
  ]);

  table('a password set, in any spelling', [
    { cmd: 'mycli set-pass root x', decision: 'ask', reason: /changes the password/ },
    { cmd: 'acme setpass admin', decision: 'ask' },
    { cmd: 'acme user chpass jdoe', decision: 'ask' },
    { cmd: 'acme account newpw ops', decision: 'ask' },
    { cmd: 'acme pass:reset --user root', decision: 'ask' },
    { cmd: 'acme update_passphrase vault-1', decision: 'ask' },
    { cmd: 'acme admin change-pass --login root', decision: 'ask' },
    { cmd: 'acme users reset_pw ops', decision: 'ask' },
    { cmd: 'acme force-password-change root', decision: 'ask' },
    { cmd: 'acme rotate-passwd service-bot', decision: 'ask' },
    // Look-alikes: a policy read, a password checked, a listing.
    { cmd: 'acme pass-policy show', decision: 'allow' },
    { cmd: 'acme set-password-policy --help', decision: 'allow' },
    { cmd: 'acme users list', decision: 'allow' },
    { cmd: 'getent passwd root', decision: 'allow' },
  ]);

  table('an option whose word destroys, with a time beside it', [
    { cmd: 'mycli describe db --drop-after', decision: 'ask' },
    { cmd: 'acme sync --purge-before 2024-01-01 --bucket logs', decision: 'ask' },
    { cmd: 'acme show table events --truncate-after', decision: 'ask' },
    { cmd: 'acme status --delete-after 1d', decision: 'ask' },
    { cmd: 'acme get queue q1 --wipe-before', decision: 'ask' },
    { cmd: 'acme logs --erase-after', decision: 'ask' },
    { cmd: 'acme list topics --destroy-after 30m', decision: 'ask' },
    { cmd: 'acme inspect --prune-during', decision: 'ask' },
    { cmd: 'acme run job --drop-before', decision: 'ask' },
    { cmd: 'acme describe cluster --purge-after', decision: 'ask' },
    // Look-alikes: output flushed after some lines, a cache cleared, a read.
    { cmd: 'acme report --flush-after 100', decision: 'allow' },
    { cmd: 'acme run --delete-cache', decision: 'allow' },
    { cmd: 'mycli describe db', decision: 'allow' },
  ]);
});
