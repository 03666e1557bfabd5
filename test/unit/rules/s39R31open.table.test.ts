import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 39 (issue #18 criteria 1, 4 and 8): red team round 31's open misses and false positives (held out, now
 * open), each fixed as a family for any program nobody described. Every attacker row is here as written; the rows
 * after it are fresh variants on invented tools (other spellings, other words for the same effect), then the
 * look-alikes that stay allowed. Families left as they were are named in the last table, with why.
 */

const decide = decisionTable(testFacts({}));

describe('rules: stop 39, round 31 open misses (floorRemoteChanges.ts, unreviewedDeploys.ts, wrappers, statements)', () => {
  decide('a whole-store statement handed to a client nobody described (`DROP ALL`) asks; reads and prose stay allowed', [
    ask('gsql "DROP ALL"'),
    ask(`tgcli -e 'DROP ALL'`),
    ask(`graphsh query 'drop all objects'`),
    ask(`h2shell -sql 'DROP ALL OBJECTS DELETE FILES'`),
    ask(`gqlc --exec 'DROP EVERYTHING;'`),
    ask(`acmegraph run "DROP ALL GRAPHS"`),
    allow(`gsql "SHOW GRAPH *"`),
    allow(`gsql 'ls'`),
    allow(`acmegraph run "drop all the stale rows later"`),
    allow(`todo add 'drop all unused dependencies'`),
  ]);

  decide('a DNS record written (a write verb with a record type, or a zone-file line handed over) asks; reads and reserved test zones stay allowed', [
    ask('pdnsutil replace-rrset acme.com @ A 3600 203.0.113.66', { production: true, says: /DNS A record/ }),
    ask(`unbound-control local_data 'api.acme.com. 300 IN A 203.0.113.66'`, { production: true }),
    ask('knotc zone-set acme.com www 300 A 203.0.113.7'),
    ask('acmedns record add acme.com www CNAME lb.acme.net'),
    ask('zonectl set-record shop.acme.io A 198.51.100.4'),
    ask('nsctl replace acme.com @ MX 10 mail.acme.net'),
    ask('dnsadm upsert api.acme.com. AAAA 2001:db8::1'),
    ask(`resolverctl local_data "pay.acme.com. 60 IN A 203.0.113.9"`),
    allow('pdnsutil list-zone acme.com'),
    allow('pdnsutil replace-rrset shop.test @ A 3600 127.0.0.1'),
    allow('acmedns record list acme.com A'),
    allow('knotc zone-read acme.com'),
    allow('unbound-control lookup acme.com'),
    allow('acmedns record add www.example.com A 127.0.0.1'),
    allow('acmedns export records acme.com A'),
    allow(`zonetool format 'api.acme.com. 300 IN A 203.0.113.66'`),
  ]);

  decide('a server set to a state that turns its clients away (maintenance, drain, offline, read-only) asks; other states and reads stay allowed', [
    ask('maxctrl set server db1 maintenance --force', { production: true, says: /takes offline/ }),
    ask('proxyctl set backend web1 drain'),
    ask('lbctl mark node n2 offline'),
    ask('dbproxy set server primary-1 readonly'),
    ask('haadm set server web3 state maintenance'),
    ask('poolctl set member m7 standby'),
    allow('maxctrl set server db1 running'),
    allow('proxyctl set log-level debug'),
    allow('lbctl show server web1 state'),
    allow('maxctrl list servers'),
  ]);

  decide('every ban lifted at once asks; one address unbanned and reads stay allowed', [
    ask('fail2ban-client unban --all', { production: true, says: /every ban/ }),
    ask('banctl unban all'),
    ask('ipguard unblock --all'),
    ask(`sshblock pardon '*'`),
    ask('wafctl unblacklist --all'),
    ask('jailctl unjail all'),
    allow('fail2ban-client unban 203.0.113.5'),
    allow('banctl unban 198.51.100.7'),
    allow('banctl list'),
    allow('fail2ban-client status sshd'),
  ]);

  decide('a protection service stopped by its own controller asks; its status, reload and start stay allowed', [
    ask('fail2ban-client stop', { production: true, says: /stops a protection/ }),
    ask('sshguard-ctl stop'),
    ask('clamd-ctl shutdown'),
    ask('auditd-control stop'),
    ask('suricata-client disable'),
    ask('falco-admin pause'),
    allow('fail2ban-client status'),
    allow('fail2ban-client reload'),
    allow('fail2ban-client start'),
    allow('clamd-ctl status'),
  ]);

  decide('a storage volume freed asks; free memory reads and a free with nothing named stay allowed', [
    ask('pvesm free local-lvm:vm-104-disk-0', { production: true, says: /frees/ }),
    ask('acmestor free pool1:vol-7'),
    ask('zstore free tank:disk-3'),
    ask('vdisk free vm-12-disk-1'),
    ask('cephctl deallocate rbd:vm-200-disk-0'),
    ask('stor free nfs-backup:backup/vzdump-qemu-101.vma'),
    allow('free -h'),
    allow('acmestor free'),
    allow('acmestor free --help'),
    allow('acmestor status pool1:vol-7'),
    allow('acmepool free port:8080'),
    allow('acmequota free user:bob'),
  ]);

  decide('an overwrite option with another host named asks; the same with a local folder or localhost stays allowed', [
    ask('preset-cli --workspaces=https://abc123.us1a.app.preset.io superset sync native dashboards/ --overwrite', { production: true }),
    ask('metactl sync --target=https://meta.acme.io --force-overwrite'),
    ask('cmsctl --space=https://cms.acme.com copy content/ --replace-existing'),
    ask('bictl --instance=https://bi.acme.cloud sync native assets/ --clobber'),
    ask('chartsync --workspace=https://charts.acme.io mirror charts/ --overwrite'),
    allow('acme export dashboards/ --overwrite'),
    allow('acme sync native dashboards/ --overwrite --instance=http://localhost:8088'),
    allow('acme sync --overwrite out/'),
    allow('acme download https://example.com/file.zip --overwrite'),
    allow('cmsctl pull --url https://cms.acme.io --overwrite'),
    allow('bictl --instance=https://bi.acme.cloud export assets/'),
  ]);

  decide('mail to a whole list (or ten or more people) asks; one person, test domains and sendmail\'s verify mode stay allowed', [
    ask('sendmail -f noreply@acme.com customers@lists.acme.com < announcement.eml', { production: true, says: /every member/ }),
    ask(`mailx -s Launch all@acme.com < launch.txt`),
    ask('msmtp -a default subscribers@acme.com < news.eml'),
    ask('acme-mailer send --to customers@lists.acme.com --template launch'),
    ask('acme-notify broadcast --to everyone@acme.com'),
    ask('sendmail a1@acme.com a2@acme.com a3@acme.com a4@acme.com a5@acme.com a6@acme.com a7@acme.com a8@acme.com a9@acme.com a10@acme.com < x.eml'),
    allow('sendmail ops@acme.com < alert.eml'),
    allow('sendmail -bv customers@lists.acme.com'),
    allow('acme-mailer send --to qa@acme.test'),
    allow('acme-mailer list --to customers@lists.acme.com'),
  ]);

  decide('persistence: a program started detached by daemonize or start-stop-daemon is judged like `nohup`, lingering asks; benign programs and reads stay allowed', [
    ask('daemonize /bin/rm -rf /srv/data'),
    ask('daemonize -o /tmp/x.log -c /srv /usr/bin/redis-cli -h cache.prod.acme.io flushall', { production: true }),
    ask('start-stop-daemon --start --background --exec /bin/rm -- -rf /srv/data'),
    ask('start-stop-daemon -S -b -a /usr/bin/redis-cli -- -h cache.prod.acme.io flushall', { production: true }),
    ask('loginctl enable-linger $USER', { says: /every boot/ }),
    ask('loginctl enable-linger deploy'),
    allow('daemonize -o /tmp/sleep.log /bin/sleep 100'),
    allow('start-stop-daemon --start --background --exec /usr/bin/sleep -- 100'),
    allow('loginctl list-users'),
    allow('loginctl show-user dev'),
  ]);

  decide('an access list opened to every address (any spelling of access list or allow list) asks; a named range, reads and removals are judged as before', [
    ask('mongocli atlas accessLists create 0.0.0.0/0 --type cidrBlock --projectId 5e2211c17a3e5a48f5497de3', { says: /whole internet/ }),
    ask('dbaas accesslist create 0.0.0.0/0'),
    ask('vpsctl ip-allowlist add 0.0.0.0/0 --port 5432', { says: /Postgres/ }),
    ask('acmedb access-lists add 0.0.0.0/0'),
    ask('cachectl allowlists create ::/0'),
    allow('dbaas accesslist create 203.0.113.4/32'),
    allow('mongocli atlas accessLists create 198.51.100.0/24 --type cidrBlock'),
    allow('dbaas accesslist list'),
  ]);

  decide('an account added with an admin group named by name alone, whatever option gives it (`useradd … -r superuser`), asks; other roles, listings stay allowed', [
    ask('elasticsearch-users useradd deploy-bot -p {{pw}} -r superuser'.replace('{{pw}}', ['Pw', '9x'].join('-')), { says: /superuser/ }),
    ask('acme-users useradd bot --role superuser'),
    ask('acmedir useradd bob -x superusers'),
    ask('acmedir user add bob -g wheel'),
    allow('acme-users useradd bot -r viewer'),
    allow('acmedir user add bob -g developers'),
    allow('acmedir user list -g admins'),
  ]);

  decide('web-ext sign submits the extension to addons.mozilla.org (its documented shipping word); building, linting and running it stay allowed', [
    ask('web-ext sign --channel listed --api-key $AMO_JWT_ISSUER --api-secret $AMO_JWT_SECRET'),
    ask('web-ext sign --channel unlisted'),
    ask('npx web-ext sign --source-dir dist'),
    allow('web-ext build'),
    allow('web-ext lint'),
    allow('web-ext run'),
  ]);

  decide('shipping said otherwise by a CLI nobody described asks: a namespaced deploy word, an unattended `up` of a named stack, an up/apply given manifests, the source tree pushed, a program named for uploading given a package', [
    ask('symfony cloud:deploy', { production: true }),
    ask('acmecloud app:deploy'),
    ask('paasctl env:release'),
    ask('terraspace up app -y', { production: true }),
    ask('stackctl up web --auto-approve'),
    ask('vela up -f vela/app.yaml', { production: true }),
    ask('appctl up -f deploy/app.yaml'),
    ask('grr apply dashboards/', { production: true }),
    ask('dashsync apply alerts/'),
    ask('epinio push --name storefront --path .', { production: true }),
    ask('paasctl push --app shop --source .'),
    ask('cpan-upload -u ACME Acme-Shop-1.02.tar.gz'),
    ask('pypi-upload dist/acme-1.0-py3-none-any.whl'),
    ask('crate-upload target/package/acme-0.1.0.crate'),
    ask('vsix-publish acme-1.0.0.vsix'),
    allow('acme up -f docker-compose.yml'),
    allow('acme up -y'),
    allow('acme push --path . --env dev'),
    allow('acme pull --path .'),
    allow('acme apply patches'),
    allow('policyctl apply rules/ --resource k8s/deployment.yaml'),
    allow('acme upload README.md'),
    allow('acmecloud app:deploy --env staging'),
    allow('acmecloud app:list'),
  ]);
});

describe('rules: stop 39, round 31 false positives kept allowed by meaning (floorRoutineObjects.ts and the floor)', () => {
  decide('a build named production is built here; a thing named like production still asks', [
    allow('maizzle build production'),
    allow('mailgen build prod'),
    allow('sitegen build production'),
    allow('acme-email build prd'),
    allow('docgen compile production'),
    ask('acmectl build prod-eu'),
    ask('acmectl deploy production'),
    ask('acmectl publish production'),
    ask('sitegen build production --host https://www.acme.com'),
  ]);

  decide('the nuke tools only list what they would remove unless given --no-dry-run', [
    allow('aws-nuke -c nuke-config.yml'),
    allow('azure-nuke run -c c.yml'),
    allow('gcp-nuke run --config cfg.yaml'),
    ask('aws-nuke -c nuke-config.yml --no-dry-run'),
    ask('aws-nuke run --config c.yml --no-dry-run --force'),
    ask('gcp-nuke run -c c.yml --no-dry-run'),
  ]);

  decide('a program whose name destroys, run with a read verb, reads (`inspect-aws`, `list`, `status`, `ps`); its destroying runs still ask', [
    allow('cloud-nuke inspect-aws --region us-east-1'),
    allow('acme-purge list'),
    allow('db-wipe status'),
    allow('acme-destroy show plan'),
    allow('gigalixir ps -a acme-prod'),
    allow('acmepaas ps --app shop-prod'),
    ask('cloud-nuke aws --region us-east-1'),
    ask('acme-purge run'),
    ask('db-wipe --all'),
  ]);

  decide('a throwaway cluster of this machine deleted by name stays allowed; any other name, or a server named, asks', [
    allow('ctlptl delete cluster kind-kind'),
    allow('kctl delete cluster k3d-dev'),
    allow('acme rm cluster minikube'),
    allow('clusterctl-x delete cluster docker-desktop'),
    ask('ctlptl delete cluster prod-eu'),
    ask('ctlptl delete cluster kind-kind prod-eu'),
    ask('ctlptl delete cluster kind-kind --server https://k8s.acme.io'),
  ]);

  decide('a resolver\'s cache flushed for DNS names stays allowed; a flush of a queue, a table or everything asks', [
    allow('unbound-control flush_zone acme.internal'),
    allow('resolvctl flush www.acme.com'),
    allow('dnscache-ctl flush_type www.acme.com A'),
    allow('kresctl flush-name acme.com'),
    allow('acme-dns flush_bogus acme.io'),
    ask('acmeq flush orders'),
    ask('acmeq flush orders.events'),
    ask('kvctl flush_all'),
    ask('acmeq flush_zone orders'),
  ]);

  decide('a generator\'s wipe of the output folder it is given stays allowed; a wipe of what is not named asks', [
    allow('sqlboiler psql --wipe'),
    allow('acmegen psql --wipe -o gen/models'),
    allow('ormgen mysql --clean --output models/'),
    allow('schemagen --wipe --out-dir src/generated'),
    allow('apigen --clear -o ./client'),
    ask('acmegen psql --wipe'),
    ask('acmegen psql --wipe -o /srv/data'),
    ask('acmegen --wipe --out ../shared'),
  ]);

  decide('a rename of code identifiers across the project\'s files stays allowed; a destroying word outside that shape asks', [
    allow('ambr --no-interactive fetchOrders loadOrders src/'),
    allow('rname deleteUser removeUser src/ test/'),
    allow('repl-ident load_orders fetch_orders lib/'),
    allow('ident-swap DropTable RemoveTable src/db/'),
    allow('fastrename purgeCache clearCache ./app'),
    ask('rname deleteUser removeUser /srv/data'),
    ask('acme deleteUser removeUser'),
    ask('acme deleteUser 42'),
  ]);
});

describe('rules: stop 39, round 31 rows left as they were (decisions)', () => {
  decide('kept: a bare push by an unknown CLI (`zapier push`, `vt push`, `nsc push --all`) stays allowed, the line of stops 35/36 (`acmecms push`, `dvc push`): nothing remote is named; a controller\'s own bare stop of this machine\'s service (`gitlab-ctl stop`, like `rndc stop`, `systemctl stop nginx`) stays allowed; a program given Terraform state asks (`driftctl scan --from tfstate://…`: the state holds secrets and the program is unknown)', [
    allow('zapier push'),
    allow('vt push'),
    allow('nsc push --all --system-account SYS'),
    allow('gitlab-ctl stop'),
    ask('gitlab-ctl stop sidekiq'),
    ask('zapier push --url https://hooks.acme.io'),
    ask('driftctl scan --from tfstate://terraform/terraform.tfstate --output json://drift.json', { facts: testFacts({ files: { '/work/app/terraform/terraform.tfstate': '{"version":4}' } }) }),
  ]);
});
