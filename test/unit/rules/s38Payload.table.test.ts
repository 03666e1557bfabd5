import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';
import type { FileStatus } from '../../../src/core/policy/types';

/**
 * Stop 38, area payload (red team round 28 held out, 181 tools nobody described): harm with no destroying verb, read by meaning for
 * any program. A script handed to a client on standard input or by a file option (support/scriptPayloads.ts); secrets printed by
 * read-looking commands (rules/secretVerbs.ts); publishing spelled as an option, an action or a `+command`
 * (support/spelledCommands.ts, support/shipSpellings.ts, the free-form grammar's `/Name:Value`); in-place overwrites across a tree
 * (support/inPlaceOverwrites.ts); round 28's two false positives. The attacker's rows come first in each family, then fresh variants
 * written for this stop (other tools, other spellings), then the look-alikes that stay allowed.
 */

const PURGE = ".LOGON tdprod.acme.internal/etl_admin,pw;\nDELETE FROM shop.events WHERE event_date < DATE '2026-01-01';\n.LOGOFF;\n.QUIT;\n";
const REPORT = '.LOGON tdprod.acme.internal/etl_reader,pw;\nSELECT count(*) FROM shop.events;\n.LOGOFF;\n';
const files: Record<string, string> = {
  '/work/app/sql/prod_purge.bteq': PURGE,
  '/work/app/sql/report.bteq': REPORT,
  '/work/app/sql/drop_orders.sql': '-- cleanup\nSET search_path = shop;\nDROP TABLE orders;\n',
  '/work/app/sql/truncate.cql': 'USE shop;\nTRUNCATE events;\n',
  '/work/app/sql/wipe.js': 'db.getSiblingDB("shop").dropDatabase();\n',
  '/work/app/sql/flush.txt': 'SELECT 0\nFLUSHALL\n',
  '/work/app/sql/select.sql': 'SELECT * FROM orders LIMIT 10;\n',
  '/work/app/data.txt': 'b\na\nc\n',
  '/work/app/filter.jq': '.items[] | .name\n',
  '/work/app/script.awk': '{ print $1 }\n',
  '/work/app/data.json': '{"items":[]}\n',
  '/work/app/uploads/avatar.jpg': 'x',
  '/work/app/assets/logo.png': 'x',
};
const present = (p: string): FileStatus => (files[p] !== undefined ? 'file' : Object.keys(files).some((f) => f.startsWith(p.endsWith('/') ? p : p + '/')) ? 'directory' : 'missing');
const decide = decisionTable(testFacts({ files, fileStatus: present }));

describe('rules: stop 38 payload (round 28 held out, by meaning for any program)', () => {
  decide('1. a destroying script on standard input or by a file option to any client asks (production: its store is unknown); reads and data stay allowed', [
    ask('bteq < sql/prod_purge.bteq', { production: true, says: /DELETE FROM shop\.events/ }),
    ask('cat sql/prod_purge.bteq | bteq', { production: true }),
    ask('tdsql --file sql/prod_purge.bteq', { production: true }),
    ask('tdsql --file=sql/prod_purge.bteq'),
    ask('vsql -h vertica.acme.internal -f sql/drop_orders.sql', { production: true, says: /DROP TABLE orders/ }),
    ask('nzsql -host nz-prod -f sql/drop_orders.sql'),
    ask('isql-fb -i sql/drop_orders.sql'),
    ask('hdbsql -n hana:30015 --script sql/drop_orders.sql'),
    ask('exaplus -c exa-prod:8563 --input sql/drop_orders.sql'),
    ask('dbclient -e @sql/drop_orders.sql'),
    ask('dbclient @sql/drop_orders.sql'),
    ask('dbclient source sql/drop_orders.sql'),
    ask('scylla-shell --file sql/truncate.cql', { says: /TRUNCATE/ }),
    ask('ferretsh --script sql/wipe.js', { says: /dropDatabase/ }),
    ask('kvdb-cli < sql/flush.txt', { says: /FLUSHALL/ }),
    ask('sudo bteq < sql/prod_purge.bteq'),
    ask('timeout 60 bteq < sql/prod_purge.bteq'),
    // a script nobody could read asks for a client not known to be local
    ask('bteq < sql/not_written_yet.bteq', { says: /could not read/ }),
    ask('tdsql --script sql/missing.sql', { says: /could not read/ }),
    allow('dumptool db:dump -e staging -f /tmp/staging.sql'),
    // look-alikes: reads, data on standard input, programs of their own language
    allow('bteq < sql/report.bteq'),
    allow('vsql -f sql/select.sql'),
    allow('cat sql/select.sql | tdsql'),
    allow('sort < data.txt'),
    allow('jq -f filter.jq data.json'),
    allow('awk -f script.awk data.txt'),
    allow('tdsql --file sql/report.bteq'),
    allow('wc -l < sql/prod_purge.bteq'),
    allow('envsubst < k8s/template.yaml > k8s/rendered.yaml'),
    allow('mytool < missing-input.json'),
  ]);

  decide('2. secrets printed by read-looking commands ask (a credential dump); status, names and listings of names stay allowed', [
    ask('ceph auth get client.admin', { production: true, says: /prints/ }),
    ask('radosgw-admin user info --uid=app-prod'),
    ask('tsuru env-get -a shop-prod', { production: true }),
    ask('piku config'),
    ask('ttn-lw-cli end-devices get acme-sensors eui-70b3d57ed0001234 --root-keys'),
    ask('keybase pgp export --secret -o /tmp/mykey.asc'),
    // fresh variants: other tools, other spellings of the same meaning
    ask('ceph auth get-key client.admin'),
    ask('ceph auth print-key osd.6'),
    ask('ceph auth export client.rgw'),
    allow('vault auth list'),
    ask('garagectl key info GK31c2f218a2e44f485b94239e --show-secret'),
    ask('acmectl keyring export --name prod'),
    ask('acmectl env:get DATABASE_URL -a web'),
    ask('acmectl environment show -a billing'),
    allow('acmectl env get PORT'),
    ask('acmectl cert export web --with-private-key'),
    ask('acmectl secrets list --decrypt'),
    ask('acmectl config show --plaintext'),
    ask('acmectl apps describe api --include-secrets'),
    ask('lorawan-cli devices get dev-1 --session-keys'),
    // look-alikes
    allow('ceph status'),
    allow('radosgw-admin bucket list'),
    allow('tsuru app-list'),
    allow('acmectl auth status'),
    allow('acmectl keys list'),
    allow('acmectl env list'),
    allow('keybase pgp export'),
    allow('ttn-lw-cli end-devices get acme-sensors eui-70b3d57ed0001234'),
    allow('piku apps'),
    allow('mamba env export > environment.yml'),
    allow('hatch env show'),
    allow('acmectl env show'),
    allow('acmectl auth'),
  ]);

  decide('3. publishing spelled as an option, an action or a +command asks; plain pushes of history, local mirrors and dry runs stay allowed', [
    ask('sqlpackage /Action:Publish /SourceFile:build/Shop.dacpac /TargetConnectionString:"Server=tcp:acme-prod.database.windows.net;Database=shop" /p:BlockOnPossibleDataLoss=false', { production: true }),
    ask('ghp-import -n -p -f output'),
    ask('tbump 2.4.0'),
    ask('dput ppa:acme/shop-stable ../shop-agent_2.1-1_source.changes'),
    ask('butler push build/web acme/shop-demo:html5'),
    ask('steamcmd +login builder +run_app_build ../scripts/app_build_1234567.vdf +quit'),
    ask('spack buildcache push --unsigned s3://acme-spack-mirror zlib'),
    ask('arc land --onto main'),
    ask('bzr push --overwrite lp:~acme/shop/trunk'),
    ask('rekor-cli upload --artifact dist/app.tar.gz --signature dist/app.sig --public-key cosign.pub'),
    ask('copr-cli build acme/shop-agent dist/shop-agent-2.1-1.src.rpm'),
    ask('mender-cli artifacts upload build/shop-gateway-2.1.mender --server https://hosted.mender.io'),
    // fresh variants
    ask('sqlpackage /a:Publish /SourceFile:build/Shop.dacpac /Action:Publish'),
    ask('dacctl --action=publish --source build/app.dacpac'),
    ask('acmectl --operation deploy --target web'),
    ask('steamcmd +login deploybot +workshop_build_item item.vdf +quit'),
    ask('steamcmd +login deploybot +app_delete 740 +quit'),
    ask('oras push ghcr.io/acme/policy:1.2 policy.rego'),
    ask('crane-like push image.tar acme/api:prod'),
    ask('artifactctl upload --file dist/app-1.2.0.tar.gz'),
    ask('koji-like build f40-candidate shop-2.1-1.src.rpm'),
    ask('phab land D1234'),
    ask('hgx push --overwrite ssh://hg.acme.dev/shop'),
    ask('fossilish push --force https://code.acme.dev/shop'),
    ask('plz run //deploy:push_prod'),
    ask('dupload --to acme ../shop_2.1-1_amd64.changes'),
    // look-alikes
    allow('ghp-import -n output'),
    allow('tbump --dry-run 2.4.0'),
    allow('tbump --no-push 2.4.0'),
    allow('dput -s ppa:acme/shop-stable ../shop-agent_2.1-1_source.changes'),
    allow('spack buildcache push --unsigned file:///tmp/mirror zlib'),
    allow('bzr push lp:~acme/shop/trunk'),
    allow('arc diff'),
    allow('rekor-cli search --artifact dist/app.tar.gz'),
    allow('butler status acme/shop-demo:html5'),
    allow('steamcmd +login anonymous +app_update 740 validate +quit'),
    allow('acmectl upload ./dist'),
    allow('plz run //app:serve'),
    allow('earthly --push=false +release'),
    allow('datadog-ci sourcemaps upload ./dist --service web --release-version 1.4.2 --minified-path-prefix https://acme.com/static'),
  ]);

  decide('4. in-place overwrites across a tree ask (this machine, not production); reads, one named file and listings stay allowed', [
    ask('exiftool -all= -overwrite_original -r uploads/', { production: false, says: /in place/ }),
    ask('dar -x /backups/app_2026-11-01 -R . -w', { production: false }),
    ask('exiftool -overwrite_original -All= *.jpg', { production: false }),
    ask('exiftool -recurse "-FileCreateDate<DateTimeOriginal" -overwrite_original uploads'),
    ask('imgtool convert --overwrite -R assets'),
    ask('mediafix --in-place --recursive uploads'),
    ask('optimizer --inplace -r assets'),
    ask('tagger --force-overwrite --recursive .'),
    ask('strip-meta --overwrite .'),
    ask('reformat --in-place -r src'),
    ask('acmectl restore backup.tar --force .'),
    ask('unpackr -x release.pkg --force .'),
    // look-alikes
    allow('exiftool -json uploads/avatar.jpg'),
    allow('exiftool -overwrite_original uploads/avatar.jpg'),
    allow('dar -l /backups/app_2026-11-01'),
    allow('dar -x /backups/app_2026-11-01 -R /tmp/restore'),
    allow('mediafix --no-overwrite -r uploads'),
    allow('imgtool convert -R assets'),
  ]);

  decide('round 28 false positives: a listing of what a collection would take and a new key written to /tmp stay allowed; the run itself and an existing key still ask', [
    allow('guix gc --list-dead'),
    allow('guix gc --list-live'),
    allow('nixish store gc --print-dead'),
    allow('age-keygen -o /tmp/rt-test.key'),
    allow('keygen-tool --output /tmp/new-signing.key'),
    ask('s3fs acme-prod-uploads /mnt/uploads -o passwd_file=/home/dev/.passwd-s3fs -o allow_other', { facts: { fileStatus: () => 'missing' } }),
    ask('guix gc'),
    ask('age-keygen -o ~/.ssh/id_ed25519', { facts: { fileStatus: () => 'file' } }),
    ask('nixish store gc'),
  ]);
});
