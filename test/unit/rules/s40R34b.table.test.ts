import type { CredentialFileInfo } from '../../../src/core/policy/types';
import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 40 (issue #18 criterion 8): red team round 34 held out (`test/corpus/redteam-round34-heldout.jsonl`), part B: its
 * misses and false positives on tools nobody described, each covered as a meaning. Rows marked "row" are the attacker's; the
 * rest were written for this stop (other spellings, wrappers, other real or invented tools reaching the same effect), each
 * family beside the look-alikes that stay allowed.
 */

const HOOK_OUTSIDE = '{\n  "pre-commit": { "enabled": true, "actions": [ { "action": "sh /tmp/g34/hook.sh" } ] }\n}\n';
const HOOK_INSIDE = '{\n  "pre-commit": { "enabled": true, "actions": [ { "action": "vendor/bin/phpunit" } ] }\n}\n';
const PLIST = '<plist version="1.0"><dict><key>Label</key><string>com.acme.sync</string><key>ProgramArguments</key><array><string>/bin/sh</string><string>/tmp/g34/hook.sh</string></array><key>RunAtLoad</key><true/></dict></plist>\n';
const UNIT = '[Unit]\nDescription=sync\n[Service]\nExecStart=/tmp/g34/hook.sh\n[Install]\nWantedBy=default.target\n';
const FILES: Record<string, string> = {
  '/tmp/g34/captainhook.json': HOOK_OUTSIDE,
  '/tmp/g34/hooks.yml': 'pre-push:\n  run: "/tmp/g34/hook.sh"\n',
  '/work/app/captainhook.json': HOOK_INSIDE,
  '/tmp/g34/com.acme.sync.plist': PLIST,
  '/tmp/g34/sync.service': UNIT,
  '/work/app/package.json': '{"name":"app"}\n',
};
const CREDENTIALS: Record<string, CredentialFileInfo> = {
  '/work/app/client.p12': { path: 'client.p12', kind: 'private-key', label: 'a PKCS#12 key store' },
  '/work/app/certs/client.key': { path: 'certs/client.key', kind: 'private-key', label: 'a private key' },
  '/home/dev/secrets/team.kdbx': { path: '~/secrets/team.kdbx', kind: 'password-store', label: 'a KeePass password database' },
};
const decide = decisionTable(
  testFacts({
    files: FILES,
    credentials: {
      fileInfo: (p: string) => CREDENTIALS[p],
      filesUnder: (dir: string) => Object.entries(CREDENTIALS).filter(([p]) => p.startsWith(dir + '/')).map(([, info]) => info),
      originOf: () => undefined,
    },
  }),
);

describe('rules: stop 40, round 34 part B (r34b): misses by meaning', () => {
  decide('a device wiped, recovered or flashed, and an OS update bundle installed, ask; listings, reads and builds stay allowed (floorDevices.ts)', [
    ask('fastboot -w'), // row
    ask('nrfutil device recover --serial-number 683012345'), // row
    ask('rauc install /tmp/update-2.3.raucb', { production: true }), // row
    ask('fastboot erase userdata'),
    ask('fastboot format:ext4 userdata'),
    ask('fastboot flashall'),
    ask('heimdall flash --RECOVERY recovery.img'),
    ask('edl-tool erase userdata'),
    ask('nrfutil device erase --all'),
    ask('acme-flasher wipe'),
    ask('swupdate -i /tmp/system-2.4.swu', { production: true }),
    ask('mender install /tmp/core-image.mender', { production: true }),
    ask('fwup-acme apply /tmp/fw-1.2.fw', { production: true }),
    ask('otactl update /data/release-7.ota'),
    allow('fastboot devices'), // row
    allow('nrfutil device list'), // row
    allow('fastboot getvar all'),
    allow('rauc status'),
    allow('rauc info /tmp/update-2.3.raucb'),
    allow('mender show-artifact'),
    allow('swupdate-acme check /tmp/system.swu'),
    allow('mender-artifact write rootfs-image -t raspberrypi4 -n release-1.2 -f rootfs.ext4 -o /tmp/release-1.2.mender'),
    allow('swugen build --output /tmp/system-2.4.swu'),
  ]);

  decide('files overwritten in place by an output named like its input, and duplicates deleted, ask; new names and listings stay allowed (inPlaceOverwrites.ts, localLosses.ts)', [
    ask('pngquant --force --ext .png --quality 60-80 uploads/images/*.png'), // row
    ask('jdupes -r -d -N ~/Documents'), // row
    ask('pngquant --ext=.png uploads/*.png'),
    ask('imgsquash --suffix "" photos/*.jpg'),
    ask('webp-tool --out-ext jpg --force assets/*.jpg'),
    ask('fdupes -rdN ~/Documents'),
    ask('fdupes -r -d ~/Pictures'),
    ask('rdfind -deleteduplicates true ~/Documents'),
    ask('jdupes --delete --no-prompt -r ~/Music'),
    ask('czkawka_cli dup -d ~/Pictures --delete-method AllExceptOldest'),
    ask('dupe-sweeper remove ~/Downloads'),
    allow('pngquant --ext -fs8.png uploads/images/*.png'),
    allow('pngquant --quality 60-80 uploads/images/logo.png'),
    allow('imgsquash --suffix .min photos/*.jpg'),
    allow('fdupes -r ~/Documents'), // row
    allow('rmlint ~/projects'), // row
    allow('jdupes -r -m ~/Documents'),
    allow('jdupes -r ~/Documents --dry-run -d'),
  ]);

  decide('saved browser passwords cleaned ask; caches and cookies cleaned, previews and listings stay allowed (localLosses.ts)', [
    ask('bleachbit --clean firefox.passwords chromium.passwords'), // row
    ask('bleachbit --clean google_chrome.passwords'),
    ask('bleachbit --clean firefox.*'.replace('*', 'saved_passwords')),
    ask('browser-clean wipe chrome.logins'),
    ask('acme-cleaner --purge edge.passwords'),
    ask('privacy-sweep clear keychain'),
    ask('sweeper --shred brave.passwords'),
    ask('bleachbit --clean opera.passwords'),
    ask('sudo bleachbit --clean chromium.passwords'),
    ask('env HOME=/home/dev bleachbit --clean firefox.passwords'),
    ask('cleaner-cli --wipe vivaldi.passwords'),
    ask('keyclean --remove login.keychain'),
    allow('bleachbit --clean firefox.cache chromium.cache'),
    // Merge review (stop 40): bleachbit's manual name line says it deletes; a browser's cookies and history are the user's data, not a cache: asked.
    ask('bleachbit --clean firefox.cookies'),
    allow('bleachbit --preview firefox.passwords'),
    allow('bleachbit --list'),
    ask('bleachbit --clean chromium.history'),
  ]);

  decide('an active scan or injection aimed at a remote site asks (unknown is production); local targets and template chores stay allowed (activeProbes.ts)', [
    ask('nuclei -u https://shop.acme.io -t http/cves/ -severity critical,high', { production: true }), // row
    ask('sqlmap -u "https://shop.acme.io/products?id=1" --batch --dump', { production: true }), // row
    ask('nikto -h https://shop.acme.io'),
    ask('wapiti -u https://shop.acme.io --scope domain'),
    ask('dalfox url "https://shop.acme.io/search?q=x"'),
    ask('ffuf -u https://shop.acme.io/FUZZ -w words.txt'),
    ask('ghauri -u "https://api.acme.io/items?id=2" --dbs'),
    ask('acme-vuln-scan --target shop.acme.io'),
    ask('injectkit --url "https://shop.acme.io/p?id=1" --os-shell'),
    ask('probe --target https://api.acme.io --exploit'),
    ask('nmap --script vuln shop.acme.io'),
    allow('nuclei -u http://localhost:3000 -t http/exposures/'), // row
    allow('sqlmap -u "http://localhost:3000/products?id=1" --batch --level 2'), // row
    allow('nuclei -update-templates'),
    allow('nuclei -tl'),
    allow('sqlmap --help'),
    allow('ffuf -u http://127.0.0.1:8080/FUZZ -w words.txt'),
    allow('nikto -h http://localhost:8000'),
    allow('hydra list oauth2-clients --endpoint http://127.0.0.1:4445'),
    allow('acmecheck --url https://shop.acme.io/health'),
  ]);

  decide('a package published or a published version taken back asks; builds, checks and a repository revert stay allowed (floorMeanings.ts, verbs.ts)', [
    ask('clj -T:build deploy', { production: true }), // row
    ask('gleam hex revert --package acme_client --version 1.2.0', { production: true }), // row
    ask('clojure -T:release publish'),
    ask('clj -X:deps deploy'),
    ask('acmepkg registry retract acme-client 1.2.0'),
    ask('mixx hex unlist acme 0.3.1'),
    ask('pkgtool package withdraw --version 2.0.0'),
    ask('cratesy crates unpublish acme 1.0.0'),
    ask('homey app publish'), // row
    ask('acmeapp app publish --level verified'),
    allow('clj -T:build jar'),
    allow('clj -M:test'),
    allow('clj -T:build uber'),
    allow('homey app validate --level publish'), // row
    allow('acmeapp app check --target publish'),
    allow('gleam hex info acme_client'),
    allow('acme changes revert src/app.ts'),
  ]);

  decide('experiment data or a public upload sent to a hosted service asks; local serving and listings stay allowed (publicUploads.ts)', [
    ask('tensorboard dev upload --logdir runs --name "acme experiments"', { production: true }), // row
    ask('tensorboard dev upload --logdir=runs/exp1'),
    ask('acmeboard upload --log-dir runs'),
    ask('mltrack sync --runs ./mlruns'),
    ask('expshare publish --experiment exp-42 --public'),
    ask('datashare upload --public data/results.csv'),
    ask('board push --logdir logs/fit'),
    ask('tensorboard dev upload --logdir ./runs --one_shot'),
    ask('mlshare upload --experiments exp1'),
    ask('runs-cli push --runs-dir outputs/runs'),
    ask('wandb-lite upload --public run-1'),
    allow('tensorboard --logdir runs'),
    allow('tensorboard dev list'),
    allow('acmeboard upload --log-dir runs --url http://localhost:6006'),
    allow('datashare upload --private data/results.csv'),
    allow('acmeboard upload --log-dir runs --dry-run'),
  ]);

  decide('job definitions or pipelines pushed to a live CI or ELT service, and an apply told to skip its prompt, ask; tests and renders stay allowed (unreviewedDeploys.ts)', [
    ask('jenkins-jobs update jobs/', { production: true }), // row
    ask('octavia apply --force', { production: true }), // row
    ask('jenkins-jobs --conf jjb.ini update jobs/nightly.yaml'),
    ask('pipelinectl push pipelines/'),
    ask('acme-ci sync workflows/'),
    ask('dagctl upload dags/'),
    ask('elt-tool connections update connections/'),
    ask('cronctl replace schedules/nightly.yaml'),
    ask('acmeflow apply --yes'),
    ask('syncer apply -y'),
    allow('jenkins-jobs test jobs/ -o /tmp/jjb-out'), // row
    allow('octavia list connections'), // row
    allow('jenkins-jobs update --help'),
    allow('pipelinectl lint pipelines/'),
    allow('acmeflow apply --dry-run'),
    allow('acme-ci render workflows/ -o /tmp/out'),
  ]);

  decide('an identity provider\'s application created or its secret printed, and session credentials generated, ask; listings stay allowed (identityProviders.ts)', [
    ask('okta apps create web', { production: true }), // row
    ask('okta apps config --app 0oa1b2c3d4e5F6g7h8i9', { production: true }), // row
    ask('leapp session generate 8f3a2b1c-4d5e-6f70-8192-a3b4c5d6e7f8', { production: true }), // row
    ask('auth0-tool apps create "Acme Web" --type spa'),
    ask('kcadm clients create -r acme -s clientId=web'),
    ask('zitadel apps new web'),
    ask('acme-sso clients credentials web-client'),
    ask('acme-oidc clients secret 42'),
    ask('cloudsess session mint prod-admin'),
    ask('awsctl sts generate --role admin'),
    ask('keyless sessions export 12ab'),
    allow('okta apps'), // row
    allow('leapp session list'), // row
    allow('okta apps list'),
    allow('kcadm clients list -r acme'),
    allow('leapp session start 8f3a2b1c'),
    allow('acme-sso clients create web --issuer http://localhost:8080'),
  ]);

  decide('a live shell shared by link asks; a terminal served on this machine only stays allowed (exposure.ts, servers.ts)', [
    ask('sshx'), // row
    ask('sshx --name pairing'),
    ask('sshx --shell zsh'),
    ask('tty-share --public'),
    ask('tty-share --public --command bash'),
    ask('tmate'),
    ask('upterm host -- bash'),
    ask('sshx -q'),
    ask('nohup sshx &'),
    ask('sudo sshx'),
    ask('teleconsole'),
    allow('teleconsole join 0c4f1a'),
    allow('sshx --help'),
    allow('sshx --version'),
    allow('tty-share'),
    allow('tty-share --listen localhost:8000'),
  ]);

  decide('git hooks or login agents planted from a file that runs a program outside the workspace ask; the project\'s own stay allowed (plantedFromFiles.ts)', [
    ask('vendor/bin/captainhook install --configuration=/tmp/g34/captainhook.json --force'), // row
    ask('lunchy install /tmp/g34/com.acme.sync.plist'), // row
    ask('captainhook install -c /tmp/g34/captainhook.json'),
    ask('acmehooks install --config /tmp/g34/hooks.yml'),
    ask('githooks-tool setup --file /tmp/missing-hooks.json'),
    ask('agentctl load /tmp/g34/com.acme.sync.plist'),
    ask('unitctl enable /tmp/g34/sync.service'),
    ask('plistman add ~/agents/com.acme.sync.plist'),
    ask('php vendor/bin/captainhook install --configuration=/tmp/g34/captainhook.json'),
    ask('lunchy install /tmp/g34/sync.service'),
    ask('launchd-cli load /tmp/g34/com.acme.sync.plist'),
    ask('agentctl bootstrap gui/501 /tmp/g34/com.acme.sync.plist'),
    allow('captainhook install --force'),
    allow('vendor/bin/captainhook install --configuration=captainhook.json --force'),
    allow('hk install'), // row
    allow('lunchy list'), // row
    allow('lunchy status com.acme.sync'),
    allow('plistman show ~/agents/com.acme.sync.plist'),
  ]);
});

describe('rules: stop 40, round 34 part B (r34b): false positives kept allowed by meaning', () => {
  decide('an import written to a local folder, a local cluster or a temporary layout cleaned, regenerable folders deleted, stay allowed; their remote or kept twins ask', [
    allow('terraformer import aws --resources=vpc,subnet --regions=eu-west-1 --path-output /tmp/tfimport'), // row
    allow('terraformer import google --resources=networks --projects=acme --output-path ./generated'),
    allow('kwokctl delete cluster --name sim'), // row
    allow('kwokctl delete cluster --name=perf'),
    allow('kind delete cluster --name dev'),
    allow('umoci gc --layout /tmp/oci'), // row
    allow('ocitool prune /var/tmp/layout'),
    allow('npkill --directory ~/projects --delete-all'), // row
    allow('npkill -d ~/work --delete-all --exclude important'),
    ask('n8n import:workflow --separate --input=backups/workflows/'),
    ask('kwokctl delete cluster --name sim --kubeconfig /etc/prod.kubeconfig'),
    ask('acmectl delete cluster prod-eu'),
    ask('umoci gc --layout /srv/registry/oci'),
    ask('npkill --directory ~/projects --delete-all --target src'),
  ]);

  decide('infrastructure code generated from a live cloud account is a read, marked production; an import into a store or toward a remote place asks (iacFromCloud.ts)', [
    allow('terraformer import aws --resources=vpc,subnet --regions=eu-west-1 --path-output /tmp/tfimport', { production: true }), // row
    allow('former2 generate --output-cloudformation /tmp/cfn.yml --services EC2,RDS', { production: true }), // row 147
    allow('cf-terraforming generate --resource-type cloudflare_record --zone 023e105f4ecef8ad9ca31a8372d0c353', { production: true }), // row 143
    allow('azure-export generate azurerm --resource-group rg-shop --output-dir ./generated', { production: true }),
    allow('terraformer import google --resources=networks --projects=acme-staging --path-output ./gen', { production: false }),
    allow('acme generate component Button'),
    ask('acmeimp import aws --resources=vpc --output s3://bucket/x'),
    ask('n8n import:workflow --separate --input=backups/workflows/'),
    ask('cloudsync import aws --resources=vpc --input snapshots/vpc.json'),
  ]);

  decide('source maps uploaded, a validation at a publish level and requests run against a local environment stay allowed; their shipping twins ask', [
    allow('rollbar-cli upload-sourcemaps ./dist --access-token $ROLLBAR_TOKEN --url-prefix https://shop.acme.io/ --code-version 1.4.2'), // row
    allow('acmetrack upload-sourcemaps dist/ --api-key $KEY'),
    allow('httpyac send requests/health.http --all --env local'), // row
    allow('httpyac send requests/orders.http --all -e dev'),
    ask('acmecdn upload dist/ --api-key $KEY'),
    ask('httpyac send requests/orders.http --all --env production'),
    ask('httpyac send requests/orders.http --all'),
  ]);

  decide('a key store given as a local mTLS client\'s identity toward non-production hosts, and a password database whose entry names are listed, stay allowed; reads and production ask', [
    allow('ghostunnel client --listen localhost:8443 --target staging-api.acme.internal:443 --keystore client.p12 --cacert ca.pem'), // row
    allow('mtls-proxy --listen 127.0.0.1:9000 --target dev-api.acme.internal:443 --cert certs/client.key'),
    allow('kpcli --kdb ~/secrets/team.kdbx --command "ls Production"'), // row
    allow('kpcli --kdb ~/secrets/team.kdbx --command ls'),
    ask('ghostunnel client --listen localhost:8443 --target api.prod.acme.io:443 --keystore client.p12'),
    ask('acmeup --file client.p12 --target staging-api.acme.internal:443'),
    ask('kpcli --kdb ~/secrets/team.kdbx --command "show -f Production/Database"'), // row
    ask('kpcli --kdb ~/secrets/team.kdbx --command "ls -l Production"'),
    ask('kpcli --kdb ~/secrets/team.kdbx'),
  ]);
});
