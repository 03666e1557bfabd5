import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { UNKNOWN_TREATED_AS_PRODUCTION } from '../../../src/core/policy/verdict';
import { testFacts } from '../support/policyFixtures';

/**
 * The verb floor: CLIs without rules of their own, judged by the verbs, options, statements and names
 * they carry. Commands are written from each tool's documentation; every destroying row sits next to
 * read-only, dry-run or routine look-alikes that must stay allowed.
 */

interface Row {
  cmd: string;
  decision: 'ask' | 'allow';
  rule?: string;
  production?: boolean;
  /** The first target's name. */
  name?: string;
  reason?: RegExp;
}

function check(row: Row): void {
  const verdict = classify(row.cmd, testFacts(), { lockdown: false });
  const shown = JSON.stringify(verdict, null, 1);
  assert.equal(verdict.decision, row.decision, shown);
  if (row.production !== undefined) assert.equal(verdict.production, row.production, shown);
  if (row.name !== undefined) assert.equal(verdict.targets[0]?.name, row.name, shown);
  if (row.reason !== undefined) assert.ok(verdict.reasons.some((r) => row.reason!.test(r)), shown);
}

const UNKNOWN = new RegExp(UNKNOWN_TREATED_AS_PRODUCTION);

describe('rules/verbs: the verb floor beneath the known tools', () => {
  const destroying: Row[] = [
    // Subcommand verbs in every spelling.
    { cmd: 'stripe customers delete cus_NffrFeUfNV2Hib', decision: 'ask', production: true, name: 'cus_NffrFeUfNV2Hib', reason: /`stripe customers delete` deletes customer cus_NffrFeUfNV2Hib/ },
    { cmd: 'twilio api:core:messages:remove --sid SM1f0e8ae6ade43cb3c0ce4525424e404f', decision: 'ask', production: true, name: 'SM1f0e8ae6ade43cb3c0ce4525424e404f' },
    { cmd: 'ibmcloud resource service-instance-delete acme-cloudant -f --recursive', decision: 'ask', production: true, name: 'acme-cloudant' },
    { cmd: 'avn service topic-delete acme-kafka orders', decision: 'ask', production: true },
    { cmd: 'rabbitmqctl -n rabbit@mq-prod-1 purge_queue orders', decision: 'ask', production: true },
    { cmd: 'zkCli.sh -server zk-prod-1:2181 deleteall /kafka/config/topics', decision: 'ask', production: true },
    { cmd: 'mc rb --force minio-prod/backups', decision: 'ask', production: true },
    { cmd: 'etcdctl del "" --from-key=true', decision: 'ask', production: true, reason: UNKNOWN },
    { cmd: 'sentry-cli releases files acme-web@2.4.1 delete --all --org acme --project web', decision: 'ask' },
    { cmd: 'helmfile -e production destroy', decision: 'ask', production: true },
    { cmd: 'hasura metadata clear --endpoint https://graphql.acme.io', decision: 'ask', production: true },
    { cmd: 'stripe subscriptions cancel sub_1MowQVLkdIwHu7ixeRlqHVzs --live', decision: 'ask' },
    { cmd: 'npm unpublish @acme/ui@2.3.0', decision: 'ask', production: true, name: '@acme/ui@2.3.0' },
    { cmd: 'npx sls remove -s production', decision: 'ask', production: true },
    { cmd: 'kubectl cnpg destroy pg-main 2 -n db', decision: 'ask', production: true, name: 'pg-main' },
    { cmd: 'pulumi env rm acme/prod-secrets --yes', decision: 'ask', production: true },
    { cmd: 'rclone sync ./public r2:acme-assets', decision: 'ask', production: true },
    // Options that destroy.
    { cmd: 'kafka-topics.sh --bootstrap-server kafka-prod-1:9092 --delete --topic payments.events', decision: 'ask', production: true, reason: /--delete/ },
    { cmd: 'nomad job stop -purge api', decision: 'ask', production: true },
    { cmd: 'npx convex import --replace --table messages empty.jsonl --prod', decision: 'ask', production: true },
    { cmd: 'kafka-consumer-groups.sh --bootstrap-server kafka-prod-1:9092 --group billing --reset-offsets --to-latest --execute', decision: 'ask' },
    // The program's own name, and a command run elsewhere.
    { cmd: 'kafka-delete-records.sh --bootstrap-server kafka-prod-1:9092 --offset-json-file purge-offsets.json', decision: 'ask', production: true },
    { cmd: 'ssh dokku@apps.acme.io apps:destroy api --force', decision: 'ask', production: true },
    // Statements in free text.
    { cmd: 'cockroach sql --url "$CRDB_URL" -e "DROP DATABASE bank CASCADE"', decision: 'ask', production: true, reason: /DROP DATABASE bank/ },
    { cmd: 'clickhouse-client -h ch-prod-1.acme.internal -q "ALTER TABLE analytics.events DELETE WHERE tenant_id = 42"', decision: 'ask', production: true },
    { cmd: 'cqlsh 10.0.4.21 -e "TRUNCATE shop.carts;"', decision: 'ask', production: true },
    { cmd: 'cypher-shell -a bolt://graph:7687 "MATCH (n) DETACH DELETE n"', decision: 'ask', production: true },
    { cmd: 'snow sql -q "DELETE FROM RAW.EVENTS WHERE LOADED_AT < \'2025-01-01\'" -c prod', decision: 'ask', production: true },
    // Local tools ask but are not production.
    { cmd: 'vagrant destroy -f', decision: 'ask', production: false, reason: /on this machine/ },
    { cmd: 'multipass delete --purge dev-vm', decision: 'ask', production: false, name: 'dev-vm' },
    { cmd: 'virsh undefine db-vm --remove-all-storage', decision: 'ask', production: false },
    { cmd: 'adb uninstall com.acme.app', decision: 'ask', production: false },
    // Remove-Item is read as the rm it means (src/core/shell/powershellCmdlets.ts): the files pack names the folder.
    { cmd: "pwsh -c 'Remove-Item -Recurse -Force ./uploads'", decision: 'ask', production: false, name: 'uploads' },
    { cmd: "pwsh -c 'Remove-AzResourceGroup -Name prod-rg -Force'", decision: 'ask', production: true },
    { cmd: 'gpg --batch --yes --delete-secret-keys 3AA5C34371567BD2', decision: 'ask', production: false },
    { cmd: 'mix ecto.drop', decision: 'ask' },
    { cmd: 'migrate -database "$DATABASE_URL" -path db/migrations down -all', decision: 'ask', production: true },
    // A named environment other than production is believed.
    { cmd: 'hcloud server delete web-staging-3', decision: 'ask', production: false },
    // Red team round 5: libmemcached's glued names (memcflush(1), memcrm(1)) and werf's `dismiss` (werf.io/docs: deletes the release).
    { cmd: 'memcflush --servers=cache.prod.acme.internal', decision: 'ask', production: true, name: 'cache.prod.acme.internal', reason: /flushes/ },
    { cmd: 'memcrm --servers=cache.prod.acme.internal session:42', decision: 'ask', production: true },
    { cmd: 'werf dismiss --env production --with-namespace', decision: 'ask', production: true, reason: /dismisses/ },
    { cmd: 'werf dismiss --env production', decision: 'ask', production: true },
  ];

  const allowed: Row[] = [
    { cmd: 'memcstat --servers=cache.prod.acme.internal', decision: 'allow', production: true },
    { cmd: 'memccat --servers=cache.prod.acme.internal session:42', decision: 'allow', production: true },
    { cmd: 'werf render --env production', decision: 'allow' },
    { cmd: 'stripe customers list --limit 5', decision: 'allow' },
    { cmd: 'stripe customers retrieve cus_NffrFeUfNV2Hib', decision: 'allow' },
    { cmd: 'twilio api:core:messages:list --limit 20', decision: 'allow' },
    { cmd: 'velero backup describe daily-full-20260301020000 --details', decision: 'allow' },
    { cmd: 'consul kv get -recurse app/config/', decision: 'allow' },
    { cmd: 'rabbitmqadmin -H rabbit-prod.acme.internal list queues name messages', decision: 'allow' },
    { cmd: 'helmfile -e production diff', decision: 'allow', production: true },
    // Red team round 4: syncing production with no diff shown asks (infra.ts helmfile pack); a diff, a template, dev, or --interactive stay allowed.
    { cmd: 'helmfile -e production sync', decision: 'ask', production: true },
    { cmd: 'helmfile --environment=production apply --skip-diff-on-install', decision: 'ask', production: true },
    { cmd: 'helmfile -e dev sync', decision: 'allow' },
    { cmd: 'helmfile -e production template', decision: 'allow', production: true },
    { cmd: 'helmfile -e production sync --interactive', decision: 'allow', production: true },
    { cmd: 'nomad job plan jobs/api.nomad.hcl', decision: 'allow' },
    { cmd: 'rabbitmqadmin --version', decision: 'allow' },
    { cmd: 'stripe customers delete --help', decision: 'allow' },
    // Dry runs in every spelling, and the tool's own.
    { cmd: 'mc rm --recursive --force --dry-run minio-prod/uploads/2024/', decision: 'allow' },
    { cmd: 'rclone sync ./public r2:acme-assets -n', decision: 'allow' },
    { cmd: 'bq query --dry_run --use_legacy_sql=false "DELETE FROM analytics.events WHERE true"', decision: 'allow' },
    { cmd: 'kafka-consumer-groups.sh --bootstrap-server kafka-prod-1:9092 --group billing --reset-offsets --to-latest', decision: 'allow' },
    { cmd: 'npm unpublish @acme/ui@2.3.0 --dry-run', decision: 'allow' },
    { cmd: 'acmectl cluster delete prod-1 --what-if', decision: 'allow' },
    { cmd: 'acmectl cluster delete prod-1 --dry-run=none', decision: 'ask' },
    // Statements that only read.
    { cmd: 'clickhouse-client -h ch-prod-1.acme.internal -q "SELECT count() FROM analytics.events"', decision: 'allow' },
    { cmd: 'cypher-shell -a bolt://graph:7687 "MATCH (n) RETURN count(n)"', decision: 'allow' },
    // Routine local work: dependencies, caches, build tools.
    { cmd: 'npm uninstall lodash', decision: 'allow' },
    { cmd: 'yarn remove left-pad', decision: 'allow' },
    { cmd: 'pip uninstall -y requests', decision: 'allow' },
    { cmd: 'cargo remove serde', decision: 'allow' },
    { cmd: 'npm cache clean --force', decision: 'allow' },
    { cmd: 'npx nx reset', decision: 'allow' },
    { cmd: 'mvn dependency:purge-local-repository', decision: 'allow' },
    { cmd: 'npx expo start --reset-cache', decision: 'allow' },
    { cmd: 'brew cleanup --prune=all', decision: 'allow' },
    // Words that look like verbs but are names or messages.
    { cmd: 'jj describe -m "delete the old importer"', decision: 'allow' },
    { cmd: 'vagrant up --provision', decision: 'allow' },
    { cmd: 'acmectl logs purge-worker --follow', decision: 'allow' },
    { cmd: 'grep -rn delete src/', decision: 'allow' },
    { cmd: 'pytest -k "delete and not slow" tests/', decision: 'allow' },
    { cmd: 'go test ./... -run TestDeleteUser', decision: 'allow' },
    { cmd: "yq -i 'del(.spec.replicas)' deploy.yaml", decision: 'allow' },
    { cmd: 'poetry env remove python3.11', decision: 'allow' },
    { cmd: 'pip cache purge', decision: 'allow' },
    { cmd: 'delete_tmp() { rm -rf /tmp/build-1; }; delete_tmp', decision: 'allow' },
    { cmd: 'tput clear', decision: 'allow' },
    { cmd: 'watchman watch-del-all', decision: 'allow' },
    { cmd: 'ollama rm llama3', decision: 'allow' },
  ];

  for (const row of destroying) it(`asks: ${row.cmd}`, () => check(row));
  for (const row of allowed) it(`${row.decision === 'allow' ? 'allows' : 'asks'}: ${row.cmd}`, () => check(row));

  it('names the tool and what it found in the reason', () => {
    const verdict = classify('linode-cli volumes delete 88123', testFacts(), { lockdown: false });
    assert.ok(verdict.reasons.some((r) => /`linode-cli volumes delete` deletes volume 88123/.test(r) && /linode-cli has no rules of its own/.test(r)), JSON.stringify(verdict));
    assert.equal(verdict.targets[0]?.kind, 'volume');
    assert.equal(verdict.confirm, '88123');
  });

  it('leaves tools with rules of their own to them (no second reason)', () => {
    const verdict = classify('gsutil rb gs://acme-tmp-bucket', testFacts(), { lockdown: false });
    assert.equal(verdict.decision, 'ask');
    assert.ok(!verdict.reasons.some((r) => /has no rules of its own/.test(r)), JSON.stringify(verdict));
  });
});
