import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 38 (issue #18 criteria 1 and 8): the default for an unknown CLI that changes something remote, by meaning
 * (rules/support/floorDisruptive.ts), and round 27's known-tool rows where each tool is described. Rows marked
 * "fresh" were written for this stop from the tools' documentation (Cloud Foundry `cf`, Scaleway `scw`, Exoscale `exo`,
 * UpCloud `upctl`, `vultr-cli`, `civo`, IBM Cloud Code Engine, Patroni `patronictl`, `repmgr`, BOSH, Argo Workflows,
 * ORAS, crane, Cachix, Backblaze `b2`, App Center CodePush, LaunchDarkly `ldcli`, Kamal, Hugo, Zola, mdBook, Juju,
 * Nomad, DVC) and invented stand-ins (`svcctl`, `shipctl`, `opsctl`), labelled before any verdict; the one label the
 * engine disagrees with is named in the stop's report. Each family sits next to the look-alikes that stay allowed.
 */

const decide = decisionTable(testFacts({}));

describe('rules: stop 38, the unknown-CLI floor for disruptive changes (floorDisruptive.ts)', () => {
  decide('a service stopped, paused, drained or cordoned by name asks; the tool\'s own stop with nothing named, a development group and a development environment stay allowed', [
    ask('acmectl stop api', { production: true, says: /stops/ }),
    ask('cf stop acme-web'),
    ask('scw instance server stop 11111111-2222-3333-4444-555555555555'),
    ask('exo compute instance stop web-1'),
    ask('upctl server stop web-1'),
    ask('vultr-cli instance stop 1234'),
    ask('bosh -d acme stop web'),
    ask('argo suspend wf-123'),
    ask('shipctl halt billing'),
    ask('opsctl drain node-7'),
    ask('opsctl cordon node-7'),
    ask('patronictl pause acme-cluster'),
    ask('sudo svcctl stop api'),
    ask('env REGION=eu svcctl stop api'),
    ask('svcctl stop api && echo ok'),
    ask('svcctl --profile ops stop api'),
    ask('kamal app stop -d production', { production: true }),
    // look-alikes
    allow('acmectl stop'),
    allow('shipctl stop'),
    allow('opsctl dev stop web'),
    allow('svcctl emulators stop'),
    allow('svcctl stop api --env development'),
    allow('svcctl stop api --local'),
    allow('svcctl stop localhost'),
    allow('monit stop nginx'),
    allow('ddev stop myproject'),
    allow('tart stop macos-vm'),
    allow('prlctl stop ubuntu-vm'),
    allow('nginx -s stop'),
    allow('lando stop'),
    allow('svcctl start'),
    allow('cf apps'),
    allow('cf logs acme-web --recent'),
    allow('exo compute instance show web-1'),
    allow('upctl server show web-1'),
    allow('scw instance server list'),
  ]);

  decide('the primary moved (failover, switchover, promote) asks whatever is named; reads of the cluster stay allowed', [
    ask('patronictl -c /etc/patroni.yml failover --candidate db2'),
    ask('patronictl switchover acme-cluster --leader db1 --candidate db2 --force'),
    ask('repmgr standby promote'),
    ask('svcctl failover db'),
    ask('svcctl promote replica-2'),
    ask('dbctl switch-over main'),
    ask('sudo -u postgres patronictl failover --force'),
    ask('pgctl promote standby-1 --cluster main'),
    ask('svcctl demote primary-1'),
    ask('stolonctl failover keeper-2'),
    ask('svcctl step-down leader'),
    allow('patronictl list'),
    allow('repmgr cluster show'),
    allow('svcctl failover --help'),
    allow('svcctl rollback --help'),
  ]);

  decide('maintenance switched on, or a watch or protection switched off, asks; the other state and reads stay allowed', [
    ask('acmectl maintenance on', { says: /maintenance/ }),
    ask('acmectl alerts off', { says: /switches off/ }),
    ask('svcctl maintenance enable'),
    ask('svcctl alarms mute'),
    ask('svcctl monitors disable'),
    ask('svcctl healthchecks off'),
    ask('svcctl alerts:off'),
    ask('svcctl maintenance:on'),
    ask('svcctl readonly on'),
    ask('svcctl backups false'),
    ask('riak-admin security disable'),
    allow('svcctl maintenance off'),
    allow('svcctl maintenance status'),
    allow('svcctl alarms list'),
    allow('svcctl monitors enable'),
    allow('acmectl alerts on'),
    allow('acmectl alerts list'),
  ]);

  decide('scaled to zero (or down, by name) asks; any count above zero stays allowed', [
    ask('acmectl scale web=0'),
    ask('cf scale acme-web -i 0'),
    ask('civo kubernetes scale acme-k8s --nodes 0'),
    ask('ibmcloud ce app update acme-web --min-scale 0 --max-scale 0'),
    ask('svcctl scale api --replicas=0'),
    ask('svcctl scale api --replicas 0'),
    ask('svcctl scale-down api'),
    ask('svcctl scale api 0'),
    ask('svcctl service update api --desired-count 0'),
    ask('svcctl scale down api'),
    allow('acmectl scale web=3'),
    allow('svcctl scale api --replicas=3'),
    allow('cf scale acme-web -i 2'),
    allow('ibmcloud ce app update acme-web --min-scale 1'),
    allow('svcctl scale --help'),
  ]);

  decide('a write to a remote place (upload, push, publish, release, put, set) asks; local config, a dry run, a development environment, localhost and a configured remote by name stay allowed', [
    ask('acmectl artifacts upload build.zip --channel stable', { says: /upload/ }),
    ask('acmectl put dist/ s3://acme-assets', { says: /s3:\/\/acme-assets/ }),
    ask('acmectl kv put feature_flags @flags.json'),
    ask('oras push registry.acme.io/app/config:v1 config.json'),
    ask('crane push image.tar ghcr.io/acme/app:latest'),
    ask('appcenter codepush release-react -a acme/shop -d Production'),
    ask('cf push acme-web -p dist/'),
    ask('svcctl publish --channel beta'),
    ask('svcctl release v2.1.0'),
    ask('svcctl config put --remote https://cfg.acme.io key val'),
    ask('svcctl flags set checkout=false'),
    ask('svcctl upload ./dist --bucket acme-web'),
    ask('ldcli flags toggle-off --flag new-checkout --project acme --environment production', { production: true }),
    ask('mender-cli artifacts upload build/gw-2.1.mender --server https://hosted.mender.io'),
    ask('spack buildcache push --unsigned s3://acme-spack-mirror zlib'),
    ask('svcctl objects put report.csv gs://acme-reports/daily.csv'),
    // Labelled ask before the run (fresh rows and round 28's `stencil push`); the line of stops 35/36 keeps a plain push or upload
    // with nothing remote named allowed (`acmecms push`, `dvc push -r storage`): a bare cache or bucket name is not read as remote.
    allow('cachix push acme-cache ./result'),
    allow('b2 upload-file acme-backups dist/app.zip app.zip'),
    allow('stencil push -a Light -d'),
    allow('acmecms push'),
    allow('svcctl config set editor vim'),    allow('svcctl flags list'),
    allow('svcctl publish --dry-run'),
    allow('svcctl release --help'),
    allow('svcctl upload ./dist --bucket acme-web --env dev'),
    allow('svcctl push localhost:5000/app:dev'),
    allow('dvc push -r storage'),
    allow('datadog-ci sourcemaps upload ./dist --service web --release-version 1.4.2 --minified-path-prefix https://acme.com/static'),
    allow('oras pull ghcr.io/acme/config:v1'),
    allow('crane digest ghcr.io/acme/app:latest'),
    allow('b2 ls acme-backups'),
  ]);

  decide('a manifest given to a control plane (apply/create/replace -f) asks; a dry run, a local policy test and a format option stay allowed', [
    ask('acmectl apply -Rf k8s/'),
    ask('acmectl create -f job.yaml'),
    ask('acmectl replace -f deployment.yaml'),
    ask('svcctl apply -f deploy.yaml'),
    ask('svcctl replace -f -'),
    ask('svcctl apply --filename manifests/'),
    ask('svcctl apply -f k8s'),
    ask('env KUBECONFIG=~/.kube/config svcctl apply -f deploy.yaml'),
    ask('svcctl create -f https://example.com/job.yaml'),
    ask('svcctl replace --filename ops/service.json'),
    allow('svcctl apply --dry-run -f deploy.yaml'),
    allow('kyverno apply policies/ --resource k8s/deployment.yaml'),
    allow('qemu-img create -f qcow2 /tmp/test-disk.qcow2 10G'),
    allow('svcctl create project demo'),
  ]);

  decide('the boundary: local routine words of an unknown CLI stay allowed (build, test, serve, start, run, init, generate, fmt, lint, login); remote restores and rollbacks ask', [
    ask('svcctl rollback api --app acme-shop'),
    ask('svcctl restore snap-1 --cluster main'),
    ask('svcctl restore snap-1 --server https://db.acme.io'),
    allow('svcctl init'),
    allow('svcctl generate client'),
    allow('svcctl fmt'),
    allow('svcctl lint'),
    allow('svcctl login'),
    allow('svcctl test'),
    allow('svcctl build'),
    allow('svcctl run seed-local'),
    allow('svcctl serve'),
    allow('hugo server --port 1313'),
    allow('zola build'),
    allow('mdbook serve'),
    allow('juju status'),
    allow('argo list'),
    allow('kamal app logs'),
    allow('consul members'),
    allow('nomad job status api'),
    allow('svcctl restore src/index.ts'),
    allow('dotnet restore'),
  ]);
});

describe('rules: stop 38, round 27\'s known-tool rows where each tool is described', () => {
  decide('supabase db dump of the hosted project (--linked, --project-ref) is production; the emulator, a local URL and a bare dump stay allowed', [
    ask('supabase db dump --linked -f dump.sql', { production: true, says: /linked supabase project/ }),
    ask('supabase db dump --linked --data-only -f /tmp/data.sql', { production: true }),
    ask('supabase db dump --project-ref abcdefghijkl -f dump.sql', { production: true }),
    ask('supabase db dump --project-ref=abcdefghijkl --schema public', { production: true }),
    allow('supabase db dump --local -f /tmp/local.sql'),
    allow('supabase db dump --db-url postgres://postgres@localhost:54322/postgres -f /tmp/local.sql'),
    allow('supabase db dump -f supabase/schema.sql'),
  ]);

  decide('a keyspace walk by a sampled report (--bigkeys, --memkeys, --hotkeys, --keystats) asks on production; this machine\'s server and other reports stay allowed', [
    ask('redis-cli -h cache.prod.acme.internal --bigkeys', { production: true, says: /--bigkeys/ }),
    ask('redis-cli -h cache.prod.acme.internal --memkeys', { production: true }),
    ask('redis-cli -h cache.prod.acme.internal --hotkeys', { production: true }),
    ask('redis-cli -h cache.prod.acme.internal -p 6380 --keystats', { production: true }),
    ask('redis-cli -u redis://cache.prod.acme.internal:6379 --bigkeys -i 0.1', { production: true }),
    allow('redis-cli --bigkeys'),
    allow('redis-cli -h localhost --memkeys'),
    allow('redis-cli -h cache.prod.acme.internal --stat', { production: true }),
    allow('redis-cli -h cache.prod.acme.internal --bigkeys | wc -l', { production: true }),
  ]);

  decide('a broker account\'s password changed or cleared by rabbitmqctl asks, on this machine\'s node too; reads stay allowed', [
    ask(`rabbitmqctl change_password admin 'RabbitPw66'`, { says: /locked out/ }),
    ask('rabbitmqctl clear_password guest'),
    ask('rabbitmqctl -n rabbit@mq.prod.acme.internal change_password admin x', { production: true }),
    ask('sudo rabbitmqctl change_password app x'),
    allow('rabbitmqctl list_users'),
    allow('rabbitmqctl status'),
    allow('rabbitmqctl list_queues name messages'),
  ]);

  decide('an interactive login shell opened on production (no command, nothing on standard input) asks; a command given, a script on standard input, and a place not named production stay allowed', [
    ask('fly ssh console -a acme-shop-production', { production: true, says: /interactive shell/ }),
    ask('flyctl -a acme-shop-production ssh console --pty', { production: true }),
    ask('fly ssh console --app acme-shop-production -s', { production: true }),
    ask('ssh deploy@web.prod.acme.internal', { production: true }),
    ask('ssh -p 2222 deploy@web.prod.acme.internal', { production: true }),
    allow('fly ssh console -a acme-shop-production -C "uptime"', { production: true }),
    allow('fly ssh console -a acme-shop-staging'),
    allow('fly ssh console'),
    allow('ssh deploy@web.staging.acme.internal'),
    allow('echo uptime | ssh deploy@web.prod.acme.internal'),
  ]);
});
