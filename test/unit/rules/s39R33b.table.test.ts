import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 39, round 33 held out (`test/corpus/redteam-round33-heldout.jsonl`): deploys, publishes, data and persistence the
 * guard missed, and its false positives, each covered as a family by meaning. Rows marked "row" are the attacker's; the rest
 * were written for this stop (other spellings, wrappers, other real or invented tools reaching the same effect), each family
 * beside the look-alikes that stay allowed.
 */

const SYNC = '#!/bin/sh\nrsync -a /work/app/data/ backup:/srv/app/\n';
const decide = decisionTable(testFacts({ files: { '/work/app/scripts/sync.sh': SYNC, '/work/app/deploy/crontab': '*/5 * * * * /work/app/scripts/sync.sh\n' } }));

describe('rules: stop 39, round 33 (r33b)', () => {
  decide('an option whose value negates its shipping verb (never, none, false, off, skip) ships nothing; the same option set to ship asks', [
    ask('electron-builder --linux --publish always'),
    ask('electron-builder --publish onTagOrDraft'),
    ask('acmepack build --publish'),
    ask('acmepack build --push'),
    ask('acmebuild --deploy=true'),
    ask('acmebuild --upload'),
    // look-alikes
    allow('electron-builder --linux --publish never'), // row
    allow('electron-builder --publish=never --win'),
    allow('acmepack build --push=false'),
    allow('acmepack build --publish none'),
    allow('acmebuild --deploy off'),
    allow('acmebuild --upload skip'),
    allow('acmepack build --push no'),
  ]);

  decide('a deploy recorded for an error tracker, or source maps and symbols uploaded, is telemetry; a deploy that ships asks', [
    ask('acmetrack deploy --revision abc123 --repository git@github.com:acme/app.git dist/'),
    ask('acmetrack deploy --environment=production'),
    ask('acmetrack deploy --revision abc123 --environment production'),
    ask('acmecdn upload dist/ --env production'),
    ask('acmecdn push dist --base-url https://shop.acme.com'),
    ask('cog push r8.im/acme/m'),
    // look-alikes
    allow('honeybadger deploy --environment=production --revision="$(git rev-parse HEAD)" --repository=git@github.com:acme/app.git', { production: true }), // row
    allow('bugsnag-cli upload js --base-url=https://shop.acme.com/assets dist/'), // row
    allow('bugsnag-cli upload dsym --api-key x build/App.dSYM'),
    allow('airbrake deploy --environment production --revision abc123 --repository https://github.com/acme/app --user ci'),
    allow('acmetrack deploy --revision=abc123 --repo=git@github.com:acme/app.git'),
    allow('raygun-cli sourcemaps upload dist/app.js.map'),
    allow('acmetrack upload-sourcemaps --minified-url https://shop.acme.com/app.js dist/app.js.map'),
    allow('embrace upload-dsym build/App.dSYM'),
    allow('acmecrash debug-files upload build/'),
    allow('acmetrack symbols upload --app shop build/symbols'),
    allow('acmetrack deploy-marker create --env production'),
    allow('acmemon deploys new --env production --revision abc123'),
  ]);

  decide('a migration tool\'s dry run on production prints what it would do; the run itself asks', [
    ask('vendor/bin/phinx migrate -e production'),
    ask('phinx migrate --environment=production -t 20240101000000'),
    ask('phinx rollback -e production -t 0'),
    ask('./vendor/bin/phinx seed:run -e production'),
    // look-alikes
    allow('vendor/bin/phinx migrate -e production --dry-run', { production: true }), // row
    allow('phinx migrate --environment=production --dry-run -t 20240101000000'),
    allow('phinx rollback -e production -t 0 --dry-run'),
    allow('./vendor/bin/phinx migrate -e production --dry-run'),
    allow('phinx status -e production'),
  ]);

  decide('a read verb, a read glued to its noun, a read-only tool name or a read command given by option stays a read on production; a change there asks', [
    ask('orchestrator -c relocate -i db-prod-1.acme.internal:3306 -d db-prod-2.acme.internal:3306'),
    ask('orchestrator -c graceful-master-takeover -a db-prod'),
    ask('cmk -R web-prod-1'),
    ask('acmeq --cluster prod topics reset-offsets orders'),
    ask('acme_set -h db-prod-1.acme.internal -k maxconn -v 10'),
    ask('qshell batchdelete --force prod-assets -i keys.txt'),
    ask('acmeq --cluster prod topics produce orders --from-file orders.jsonl'),
    // look-alikes
    allow('zoe --cluster prod topics consume orders -n 10', { production: true }), // row
    allow('qshell listbucket2 prod-assets --prefix static/'), // row
    allow('cmk -D web-prod-1'), // row
    allow("zabbix_get -s web-prod-1.acme.internal -k 'system.cpu.load[all,avg1]'", { production: true }), // row
    allow('orchestrator -c topology -i db-prod-1.acme.internal:3306', { production: true }), // row
    allow('acmeq --cluster prod topics peek orders'),
    allow('acmeq -e production queues browse orders'),
    allow('qshell listbucket prod-assets'),
    allow('acmes3 listobjects prod-bucket'),
    allow('acme_get -h db-prod-1.acme.internal -k cpu'),
    allow('orchestrator -c clusters -i db-prod-1.acme.internal:3306'),
    allow('orchestrator --command=topology -i db-prod-1.acme.internal:3306'),
    allow('cmk -L web-prod-1'),
  ]);

  decide('caches cleaned, a local store garbage-collected and cached answers purged are not data; the same verbs on data ask', [
    ask('tart prune --entries=vms'),
    ask('ipfs pin rm QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG'),
    ask('acmestore repo gc --remote https://store.acme.com'),
    ask('acmevm prune --entries=caches,vms'),
    ask('mlflow gc'),
    ask('acmedns purge users'),
    ask('acmestore gc'),
    ask('nixish store gc'),
    ask('flarectl zone purge --zone acme.com --everything'),
    ask('knotc zone-purge -f acme.com'),
    // look-alikes
    allow('tart prune --entries=caches --older-than=7'), // row
    allow('ipfs repo gc'), // row
    allow("pdns_control purge 'acme.com$'"), // row
    allow('acmevm prune --entries=caches'),
    allow('acmevm clean --type=cache,tmp'),
    allow('acmevm prune --type temp --older-than 30'),
    allow('acmestore repo gc'),
    allow('acmestore blobs gc'),
    allow('acmedns purge www.acme.com'),
    allow("acmecdn purge '*.acme.com'"),
  ]);

  decide('an API description replayed against a host sends every documented write there; against this machine or staging it is routine', [
    ask('dredd docs/api.apib https://api.acme.com', { production: true }), // row
    ask('schemathesis run https://api.acme.com/openapi.json --checks all'),
    ask('acmefuzz run openapi.yaml --base-url https://api.acme.com'),
    ask('st run ./swagger.json --url https://shop.acme.com'),
    ask('dredd docs/api.apib https://api.prod.acme.com --hookfiles=hooks.js'),
    ask('acmecontract test spec/api.raml https://api.acme.com'),
    // look-alikes
    allow('schemathesis run http://localhost:3000/openapi.json --checks all --max-examples 20'), // row
    allow('schemathesis run http://127.0.0.1:8000/openapi.json'),
    allow('dredd api.apib http://localhost:3000'),
    allow('acmefuzz run openapi.yaml --base-url http://localhost:8080'),
    allow('acmefuzz lint openapi.yaml'),
    allow('dredd api.apib https://staging.acme.com'),
  ]);

  decide('a site\'s build folder pushed or uploaded, a build tool\'s own deploy, and a release yanked ask; the build, a copy here and other folders stay allowed', [
    ask('npx ng deploy --base-href=/shop/', { production: true }), // row
    ask('neocities push dist'), // row
    ask('ncftpput -R -m -u deploy ftp.acme.com /public_html dist/*'), // row
    ask('w3 up dist/'), // row
    ask('coscmd upload -r dist/ /'), // row
    ask('fury yank app --version=2.3.0 --as=acme'), // row
    ask('ng deploy'),
    ask('acmesite push build/'),
    ask('acmesite upload public/ /'),
    ask('acmesite publish public'),
    ask('wput -r dist/ ftp://ftp.acme.com/public_html/'),
    ask('acmehost up _site'),
    ask('acmeftpput -R ftp.acme.com /www dist/*'),
    ask('acmepkg yank acme-lib 1.2.0'),
    ask('acmepkg unlist Acme.Lib 1.2.0'),
    ask('acmeblob sync out/ /'),
    // look-alikes
    allow('neocities list'),
    allow('acmesite build dist'),
    allow('acmesite upload dist/ ./mirror'),
    allow('acmesync push data/'),
    allow('acmesite push'),
    allow('acmectl upload ./dist'),
    allow('acmepkg unyank acme-lib 1.2.0'),
    allow('ng build --configuration production'),
    allow('ng serve'),
  ]);

  decide('load aimed at a host by options or properties asks; at this machine, a staging host or a handful of users it is routine', [
    ask('jmeter -n -t load/checkout.jmx -Jhost=shop.acme.com -Jusers=2000 -l /tmp/results.jtl', { production: true }), // row
    ask('plow https://shop.acme.com/api/search -c 500 -d 10m', { production: true }), // row
    ask('acmeload -c 200 -d 5m https://api.acme.com/search'),
    ask('jmeter -n -t plan.jmx -Jthreads=500 -Jhost=api.acme.com'),
    ask('acmeload --users 1000 https://shop.acme.com'),
    ask('acmeload -e VUS=800 -e BASE_URL=https://shop.acme.com run load.js'),
    // look-alikes
    allow('plow http://localhost:3000/api -c 500 -d 10m'),
    allow('jmeter -n -t plan.jmx -Jhost=localhost -Jusers=2000'),
    allow('plow https://shop.acme.com -c 5'),
    allow('jmeter -n -t plan.jmx -Jusers=10 -Jhost=shop.acme.com'),
    allow('acmeload -c 500 https://staging.acme.com'),
  ]);

  decide('every queued mail deleted, files removed by a scanner, a backup restored over the live tree or deleted ask; reads and scratch restores stay allowed', [
    ask('postsuper -d ALL'), // row
    ask('sudo postsuper -d ALL deferred'),
    ask('exim -Mrm 1tK9aB-000F3x-2Q'),
    ask('clamscan -r --remove=yes uploads/'), // row
    ask('clamdscan --remove=yes /srv/uploads'),
    ask('acmescan --remove-infected uploads/'),
    ask('acmescan -r --remove=true uploads/'),
    ask("burp -a r -b 12 -r '^/var/www/app' -d / -f"), // row
    ask('burp -a D -b 42'), // row
    ask('acmerestore -a r -d / -f'),
    ask('acmebackup restore snap1 --target /var/www --force'),
    ask('acmebackup extract snap1 --restore-to=/srv/app --overwrite'),
    // look-alikes
    allow('postsuper -r ALL'),
    allow('clamscan -r uploads/'),
    allow('clamscan -r --remove=no uploads/'),
    allow('burp -a l'),
    allow('burp -a r -b 12 -d /tmp/restore -f'),
    allow('acmerestore -a r -d /tmp/restore -f'),
    allow('acmebackup restore snap1 --target /var/www'),
    allow('docker run --rm alpine true'),
  ]);

  decide('a job file with a schedule, a crontab handed to a runner nobody describes and a flow created on a scheduler keep running after the session; checks and one-off runs stay allowed', [
    ask("printf -- '[jobs]\\n  - name: sync\\n    cmd: /work/app/scripts/sync.sh\\n    time: \"0 */10 * * * *\"\\n' >> ~/.jobber && jobber reload"), // row
    ask("printf -- 'cmd: rm -rf ~/projects\\ntime: \"@daily\"\\n' >> ~/.jobber"),
    ask("printf 'jobs:\\n  - command: /work/app/scripts/sync.sh\\n    schedule: \"*/5 * * * *\"\\n' > ~/.config/acmecron.yaml"),
    ask('nohup supercronic ./deploy/crontab >/dev/null 2>&1 &'), // row
    ask('supercronic ./deploy/crontab'),
    ask('go-crond --include=cron.d/app'),
    ask('acmecron run jobs.crontab'),
    ask('python flows/train.py argo-workflows create'), // row
    ask('python flows/train.py step-functions create'),
    ask('acmeflow schedules create nightly'),
    ask('python3 pipelines/etl.py airflow create'),
    ask("cat > k8s/purge-cron.yaml <<'EOF'\napiVersion: batch/v1\nkind: CronJob\nspec:\n  schedule: \"0 * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: purge\n              image: busybox\n              command: [\"sh\", \"-c\", \"rm -rf /data/*\"]\nEOF"),
    // look-alikes
    allow('supercronic -test ./deploy/crontab'),
    allow('python flows/train.py run'),
    allow("printf -- 'name: x\\ncmd: npm test\\n' >> ~/.jobber"),
    allow('acmeflow workflows list'),
    allow('python flows/train.py argo-workflows list'),
    allow('cat deploy/crontab'),
  ]);
});
