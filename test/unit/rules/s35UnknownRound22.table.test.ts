import { decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Issue #18, red team round 22 (fresh tools no corpus or registry names): the verb floor reads meaning, not
 * lists. Each family below came from one attacker row; the rest are variants written fresh for this table
 * (other spellings, other tools reaching the same effect), each family next to the routine work beside it.
 */

interface Row {
  cmd: string;
  decision: 'ask' | 'allow';
  production?: boolean;
  reason?: RegExp;
}

const decide = decisionTable(testFacts());
const table = (title: string, rows: readonly Row[]): void => decide(title, rows.map((r) => ({ cmd: r.cmd, expect: r.decision, production: r.production, says: r.reason })));

describe('rules: unknown tools, round 22 (issue #18)', () => {
  table('a verb glued to its noun (deletetable, dropkeyspace, removeuser)', [
    { cmd: 'cbt -project acme-prod -instance prod-bt deletetable events', decision: 'ask', production: true, reason: /`cbt deletetable` deletes events/ },
    { cmd: 'cbt -project acme-prod -instance prod-bt deletefamily events cf1', decision: 'ask', production: true },
    { cmd: 'cbt -project acme -instance main deleteinstance main', decision: 'ask', production: true },
    { cmd: 'acmedb -h db.acme.io dropkeyspace analytics', decision: 'ask', production: true },
    { cmd: 'mqadmin -n ns1:9876 deletetopic -t orders', decision: 'ask', production: true },
    { cmd: 'acmeq purgequeue --queue billing-events', decision: 'ask', production: true },
    { cmd: 'ldaptool removeuser jdoe --server ldap.acme.io', decision: 'ask', production: true },
    { cmd: 'zkadmin -s zk1:2181 deletenode /brokers/ids/3', decision: 'ask' },
    { cmd: 'acmecache flushkeys --all', decision: 'ask' },
    { cmd: 'hbaseadm droptable logs', decision: 'ask' },
    { cmd: 'solrctl truncateindex products', decision: 'ask' },
    { cmd: 'acme delbucket media-prod', decision: 'ask', production: true },
    // Look-alikes: reads glued the same way, and words that only start like a verb.
    { cmd: 'cbt -project acme-prod -instance prod-bt read events count=10', decision: 'allow', production: true },
    { cmd: 'cbt -project acme-prod -instance prod-bt ls', decision: 'allow', production: true },
    { cmd: 'cbt -project acme-dev -instance dev-bt listinstances', decision: 'allow' },
    { cmd: 'acme droplets list', decision: 'allow' },
    { cmd: 'acme settings show', decision: 'allow' },
    { cmd: 'acme setup', decision: 'allow' },
  ]);

  table('where the verb sits: a deploy word beside a read verb is a noun; after a changing verb, words are names', [
    { cmd: 'coolify deploy get d3p10y55', decision: 'allow' },
    { cmd: 'linkerd viz stat deploy -n web', decision: 'allow' },
    { cmd: 'acme deploy list --app web', decision: 'allow' },
    { cmd: 'acme deploy status 42', decision: 'allow' },
    { cmd: 'acme deploy logs 42', decision: 'allow' },
    { cmd: 'acme viz top deploy/web', decision: 'allow' },
    { cmd: 'acme release list', decision: 'allow' },
    { cmd: 'acme release show v1.2.0', decision: 'allow' },
    { cmd: 'acme get deploy web', decision: 'allow' },
    { cmd: 'acme describe deploy web', decision: 'allow' },
    { cmd: 'acme rollout status web', decision: 'allow' },
    { cmd: 'coolify deploy uuid k8s0f3a2 --force', decision: 'ask', production: true },
    { cmd: 'acme deploy web', decision: 'ask', production: true },
    { cmd: 'cbt -project acme-prod -instance prod-bt setgcpolicy events cf1 maxversions=1', decision: 'ask', production: true },
    { cmd: 'acmectl --project acme-prod updatepool events', decision: 'ask', production: true },
  ]);

  table('data kept for a moment, as key=value (retention cut)', [
    { cmd: 'cbt -project acme-prod -instance prod-bt setgcpolicy events cf1 maxage=1d', decision: 'ask', production: true, reason: /maxage to 1d/ },
    { cmd: "echo 'update pool=Full volretention=1d' | bconsole", decision: 'ask', reason: /volretention=1d/ },
    { cmd: "bconsole <<< 'update pool=Incremental volretention=2h'", decision: 'ask' },
    { cmd: "printf 'update pool=Full volretention=0\\n' | bconsole", decision: 'ask' },
    { cmd: 'acmestore bucket set logs retention=1d', decision: 'ask' },
    { cmd: 'acmestore table alter events retention_days=2', decision: 'ask' },
    { cmd: 'acmemq queue config orders message-retention=30m', decision: 'ask' },
    { cmd: 'acmebak policy update nightly keep-days=1', decision: 'ask' },
    { cmd: 'acmelog stream modify audit retention=6h', decision: 'ask' },
    { cmd: 'acmets retention set metrics retainfor=0', decision: 'ask' },
    { cmd: 'acmedb collection set events maxage=3600', decision: 'ask' },
    // Look-alikes: a week or more, a cache's or a response's age.
    { cmd: 'cbt -project acme-dev -instance dev-bt setgcpolicy events cf1 maxage=30d', decision: 'allow' },
    { cmd: 'acmestore bucket create logs retention=90d', decision: 'allow' },
    { cmd: "echo 'update pool=Full volretention=60d' | bconsole", decision: 'allow' },
    { cmd: 'acmecdn rule create static cache-max-age=60', decision: 'allow' },
    { cmd: 'acme config set cache max-age=60', decision: 'allow' },
    { cmd: 'acmesync ./dist s3://acme-web --cache-control max-age=300', decision: 'allow' },
    { cmd: "echo 'list volumes' | bconsole", decision: 'allow' },
  ]);

  table('a watch or a schedule taken off, everything stopped at once', [
    { cmd: 'monit unmonitor all', decision: 'ask', reason: /unmonitor/ },
    { cmd: 'monit unmonitor nginx', decision: 'ask' },
    { cmd: 'acmecron unschedule nightly-backup', decision: 'ask' },
    { cmd: 'acme job un-schedule db-backup', decision: 'ask' },
    { cmd: 'acmewatch unwatch /var/lib/mysql', decision: 'ask' },
    { cmd: 'acme volume unprotect data-01', decision: 'ask' },
    { cmd: 'acmerepl unreplicate orders --site dr', decision: 'ask' },
    { cmd: 'acme site unbackup blog', decision: 'ask' },
    { cmd: 'acme alerts unalert disk-full', decision: 'ask' },
    { cmd: 'monit stop all', decision: 'ask', reason: /stops all/ },
    { cmd: 'acmesup stop --all', decision: 'ask' },
    { cmd: 'acme services halt all', decision: 'ask' },
    { cmd: 'acmepm kill all', decision: 'ask' },
    // Look-alikes: one service stopped by name, a status, monitoring switched on.
    { cmd: 'monit stop nginx', decision: 'allow' },
    { cmd: 'monit status', decision: 'allow' },
    { cmd: 'monit monitor all', decision: 'allow' },
    { cmd: 'acmecron schedule nightly-backup', decision: 'allow' },
    { cmd: 'acmesup status --all', decision: 'allow' },
    { cmd: 'acme monitor list', decision: 'allow' },
  ]);

  table('an account password changed', [
    { cmd: 'acme user passwd admin', decision: 'ask', reason: /password/ },
    { cmd: 'acmedb users set-password app_rw', decision: 'ask' },
    { cmd: 'acme admin change-password root', decision: 'ask' },
    { cmd: 'acme account reset-password ops@acme.io', decision: 'ask' },
    { cmd: 'acmemq user_passwd guest', decision: 'allow' },
    { cmd: 'acmemq change_password guest s3cret', decision: 'ask' },
    { cmd: 'getent passwd root', decision: 'allow' },
    { cmd: 'acmeldap user password jdoe', decision: 'ask' },
    { cmd: 'acme iam user chpasswd deploy-bot', decision: 'ask' },
    { cmd: 'acme iam user chpasswd ci-bot', decision: 'allow' },
    { cmd: 'acme vault password-reset', decision: 'ask' },
    { cmd: 'acme user list', decision: 'allow' },
    { cmd: 'acme user show admin', decision: 'allow' },
  ]);

  table('a remote resource updated in place', [
    { cmd: 'gandi dns update acme.com @ A 203.0.113.9', decision: 'ask', production: true, reason: /`gandi dns update` changes in place/ },
    { cmd: 'acme records update acme.io www CNAME lb.acme.io', decision: 'ask' },
    { cmd: 'acme domain modify acme.io --nameservers ns1.evil.io', decision: 'ask' },
    { cmd: 'acme firewall update fw-1 --allow 0.0.0.0/0', decision: 'ask' },
    { cmd: 'acme route edit web --upstream 10.0.0.9', decision: 'ask' },
    { cmd: 'acme user set alice --role owner', decision: 'ask' },
    { cmd: 'acme certs replace acme.io --cert evil.pem', decision: 'ask' },
    { cmd: 'acme webhook update 42 --url https://hooks.evil.io', decision: 'ask' },
    { cmd: 'acme zone replace acme.io zone.txt', decision: 'ask' },
    { cmd: 'acme lb change web-lb --backend 10.0.0.9', decision: 'ask' },
    { cmd: 'acme dns update acme.com @ A 203.0.113.9 --env staging', decision: 'allow' },
    // Look-alikes: a self-update, an index refresh, a plugin update, reads.
    { cmd: 'acme update', decision: 'allow' },
    { cmd: 'acme self update', decision: 'allow' },
    { cmd: 'acme repo update', decision: 'allow' },
    { cmd: 'acme plugin update foo', decision: 'allow' },
    { cmd: 'acme dns list acme.com', decision: 'allow' },
    { cmd: 'acme instance update i-123 --backup-retain-period-days 14', decision: 'allow' },
    { cmd: 'acme policy set --global --keep-latest 10', decision: 'allow' },
    { cmd: 'acme dns update', decision: 'allow' },
  ]);

  table('a restore or an import over what is there, forced', [
    { cmd: 'rdiff-backup --force --restore-as-of 3D /backups/app/uploads ./uploads', decision: 'ask', reason: /restores over what is there/ },
    { cmd: 'xtrabackup --copy-back --target-dir=/backups/full', decision: 'ask', reason: /copies a backup back over/ },
    { cmd: 'xtrabackup --move-back --target-dir=/backups/full', decision: 'ask' },
    { cmd: 'mariabackup --copy-back --target-dir=/backups/2026-12-01', decision: 'ask' },
    { cmd: 'acmebak restore snap-123 --target /srv/data --overwrite', decision: 'ask' },
    { cmd: 'acmedb import dump.json --collection users --force', decision: 'ask' },
    { cmd: 'acmecms load content.zip --clobber', decision: 'ask' },
    { cmd: 'acme backup restore nightly --force', decision: 'ask' },
    { cmd: 'acme rollback --to v12 --force', decision: 'ask' },
    { cmd: 'acmekv recover --from snap.db --overwrite', decision: 'ask' },
    // Look-alikes: unforced restores (the tool refuses to overwrite), a listing, a backup taken.
    { cmd: 'rdiff-backup --restore-as-of 3D /backups/app/uploads ./restored', decision: 'allow' },
    { cmd: 'rdiff-backup --list-increments /backups/app/uploads', decision: 'allow' },
    { cmd: 'xtrabackup --backup --target-dir=/backups/full', decision: 'allow' },
    { cmd: 'xtrabackup --prepare --target-dir=/backups/full', decision: 'allow' },
    { cmd: 'acmebak restore snap-123 --target ./restored', decision: 'allow' },
  ]);

  table('a release shipped, a push that waits for nobody', [
    { cmd: 'dzil release', decision: 'ask', reason: /ships a release/ },
    { cmd: 'acme release', decision: 'ask' },
    { cmd: 'acme app release web', decision: 'ask' },
    { cmd: 'acmecms push --yes', decision: 'ask' },
    { cmd: 'acmecms push -y', decision: 'ask' },
    { cmd: 'acme theme push --force-yes', decision: 'ask' },
    { cmd: 'acme site push --non-interactive', decision: 'ask' },
    { cmd: 'acme functions push --no-confirm', decision: 'ask' },
    { cmd: 'acme content push --assume-yes', decision: 'ask' },
    { cmd: 'acme release --stage production', decision: 'ask', production: true },
    // Look-alikes: dry runs, listings, a plain push, a local build.
    { cmd: 'dzil release --dry-run', decision: 'allow' },
    { cmd: 'dzil build', decision: 'allow' },
    { cmd: 'acme release list', decision: 'allow' },
    { cmd: 'pdk release prep', decision: 'allow' },
    { cmd: 'acme release notes v1.2.0', decision: 'allow' },
    { cmd: 'acmecms push', decision: 'allow' },
    { cmd: 'acme release --stage dev', decision: 'allow' },
  ]);

  table('a data store or admin port opened to others', [
    { cmd: 'zrok share public localhost:5432', decision: 'ask', production: true, reason: /publishes SQL database \(port 5432\)/ },
    { cmd: 'zrok share public 127.0.0.1:6379', decision: 'ask' },
    { cmd: 'sish share public 27017', decision: 'ask' },
    { cmd: 'acmetunnel expose --public 22', decision: 'ask' },
    { cmd: 'acmetunnel publish public localhost:9200', decision: 'ask' },
    { cmd: 'acmetunnel forward public localhost:3306', decision: 'ask' },
    { cmd: 'cloud-sql-proxy --address 0.0.0.0 --port 5432 acme-prod:us-central1:prod-db', decision: 'ask', production: true, reason: /listens on every interface/ },
    { cmd: 'acmeproxy --bind 0.0.0.0 --port 8080 prod-api', decision: 'ask', production: true },
    { cmd: 'acmeproxy --listen 0.0.0.0:6379 redis.internal:6379', decision: 'ask' },
    { cmd: 'acmeproxy --listen-address :: --port 3306 mysql-main', decision: 'ask' },
    { cmd: 'acmedbproxy -a 0.0.0.0 -p 5432 main-db', decision: 'ask' },
    // Look-alikes: dev servers shared or bound everywhere (team decision), a private share, a proxy on localhost.
    { cmd: 'zrok share public localhost:3000', decision: 'allow' },
    { cmd: 'zrok share private localhost:5432', decision: 'allow' },
    { cmd: 'cloud-sql-proxy --port 5432 acme-dev:us-central1:dev-db', decision: 'allow' },
    { cmd: 'acmeproxy --bind 0.0.0.0 --port 8080 dev-api', decision: 'allow' },
    { cmd: 'http-server -a 0.0.0.0 -p 8080', decision: 'allow' },
    { cmd: 'acmeproxy --bind 127.0.0.1 --port 5432 main-db', decision: 'allow' },
  ]);

  table('a resource shared with anyone', [
    { cmd: 'acme bucket share media public', decision: 'ask', reason: /shares it with anyone/ },
    { cmd: 'acme file share report.pdf --anyone', decision: 'ask' },
    { cmd: 'acme dashboard share sales --public', decision: 'ask' },
    { cmd: 'acme folder share exports --everyone', decision: 'ask' },
    { cmd: 'acme notebook publish analysis public', decision: 'ask' },
    { cmd: 'acme drive share q3.xlsx --public-link', decision: 'ask' },
    { cmd: 'acme file share report.pdf --with bob@acme.io', decision: 'allow' },
    { cmd: 'acme share list', decision: 'allow' },
    { cmd: 'acme bucket share media private', decision: 'allow' },
  ]);

  table('a load test aimed at a remote host, read by its shape', [
    { cmd: 'k6 run -e BASE_URL=https://api.acme.com --vus 2000 --duration 30m tests/load/stress.js', decision: 'ask', production: true, reason: /aims load at api\.acme\.com/ },
    { cmd: 'k6 run --vus=500 --duration=10m -e TARGET=https://shop.acme.com script.js', decision: 'ask' },
    { cmd: 'drill --concurrency 200 https://shop.acme.com/', decision: 'ask' },
    { cmd: 'goose --users 1000 --hatch-rate 50 --host https://api.acme.com', decision: 'ask' },
    { cmd: 'acmebench --connections 400 --duration 60s https://api.acme.com/health', decision: 'ask' },
    { cmd: 'acmeload --rate 5000 --url https://checkout.acme.com/pay', decision: 'ask' },
    { cmd: 'acmeload --rps 1000 https://acme.com', decision: 'ask' },
    { cmd: 'acmeload --clients 300 https://search.acme.com', decision: 'ask' },
    { cmd: 'acmeload --arrival-rate 100 --target https://api.acme.com', decision: 'ask' },
    { cmd: 'acmeload --virtual-users 250 --base https://api.acme.com', decision: 'ask' },
    // Look-alikes: localhost, a smoke test of a few users, a staging host, concurrency with no target.
    { cmd: 'k6 run -e BASE_URL=http://localhost:3000 --vus 2000 tests/load/stress.js', decision: 'allow' },
    { cmd: 'k6 run --vus 5 -e BASE_URL=https://api.acme.com smoke.js', decision: 'allow' },
    { cmd: 'gatling-cli --users 500 --url https://staging.acme.com', decision: 'allow' },
    { cmd: 'acmebuild --concurrency 64 ./packages', decision: 'allow' },
    { cmd: 'k6 run tests/load/stress.js', decision: 'allow' },
  ]);

  table('a plugin from a repository, run later', [
    { cmd: 'fisher install acme-tools/fish-env-loader', decision: 'ask', production: false, reason: /installs code nobody read/ },
    { cmd: 'zinit light zsh-users/zsh-autosuggestions', decision: 'ask' },
    { cmd: 'antigen bundle acme/zsh-plugin', decision: 'ask' },
    { cmd: 'omf install https://github.com/acme/omf-theme', decision: 'ask' },
    { cmd: 'acme plugins install github:acme/plugin-x', decision: 'ask' },
    { cmd: 'acme plugin add acme/plugin-x@main', decision: 'ask' },
    { cmd: 'acme extension install git@github.com:acme/ext.git', decision: 'ask' },
    { cmd: 'tpmctl install tmux-plugins/tmux-resurrect', decision: 'ask' },
    { cmd: 'fisher install jorgebucaran/nvm.fish', decision: 'ask' },
    { cmd: 'acme addons install gh:acme/addon', decision: 'ask' },
    // Look-alikes: names from the tool's own index, a local folder, listings.
    { cmd: 'fisher install ./my-plugin', decision: 'allow' },
    { cmd: 'fisher list', decision: 'allow' },
    { cmd: 'acme plugin install prettier', decision: 'allow' },
    { cmd: 'acme get config/x', decision: 'allow' },
    { cmd: 'acme add component', decision: 'allow' },
    { cmd: 'woodpecker-cli secret add --repository acme/app --name x --value y', decision: 'allow' },
    { cmd: 'acme repo add --name acme/app', decision: 'allow' },
    { cmd: 'mc ilm rule add --expire-days 30 --prefix tmp/ minio-prod/scratch', decision: 'allow' },
  ]);

  table('a security finding silenced', [
    { cmd: "snyk ignore --id=SNYK-JS-LODASH-567746 --expiry=2030-01-01 --reason='not exploitable'", decision: 'ask', reason: /silences the security finding/ },
    { cmd: 'trivy ignore CVE-2023-1234', decision: 'ask' },
    { cmd: 'acmescan suppress GHSA-abcd-1234-efgh --reason wontfix', decision: 'ask' },
    { cmd: 'acmescan waive CVE-2024-3094', decision: 'ask' },
    { cmd: 'acmescan accept-risk --id RUSTSEC-2023-0071', decision: 'ask' },
    { cmd: 'acmescan vuln mute PYSEC-2022-42969', decision: 'ask' },
    { cmd: 'acmescan snooze GO-2024-2687 --until 2030-01-01', decision: 'ask' },
    { cmd: 'acmescan allowlist CVE-2021-44228', decision: 'ask' },
    { cmd: 'acmescan exempt --id=OSV-2024-1', decision: 'ask' },
    { cmd: 'acmescan ignore --id ACME-SEC-0042 --expires 2031-01-01', decision: 'ask' },
    // Look-alikes: a scan, a report, ignoring a file path.
    { cmd: 'snyk test', decision: 'allow' },
    { cmd: 'trivy fs .', decision: 'allow' },
    { cmd: 'acme ignore add node_modules', decision: 'allow' },
    { cmd: 'acmescan report CVE-2023-1234', decision: 'allow' },
  ]);

  table("a tool's own credential setting printed", [
    { cmd: 'snyk config get api', decision: 'ask', reason: /credential filed under api/ },
    { cmd: 'acme config get api-key', decision: 'ask' },
    { cmd: 'acme config get token', decision: 'ask' },
    { cmd: 'acme configuration show auth-token', decision: 'ask' },
    { cmd: 'acme settings get access_key', decision: 'ask' },
    { cmd: 'acme config get apikey', decision: 'ask' },
    { cmd: 'acme config view api.token', decision: 'ask' },
    { cmd: 'acme config get password', decision: 'ask' },
    { cmd: 'acme config get pat', decision: 'ask' },
    { cmd: 'acme configs get auth', decision: 'ask' },
    { cmd: 'snyk config get org', decision: 'allow' },
    { cmd: 'acme config show endpoint', decision: 'allow' },
    { cmd: 'acme config get region', decision: 'allow' },
  ]);

  table("local cleanups: a project folder's build output, a test harness's own instances", [
    { cmd: 'mdbook clean docs', decision: 'allow' },
    { cmd: 'mdbook clean ./book', decision: 'allow' },
    { cmd: 'acmesite clean website', decision: 'allow' },
    { cmd: 'acmedoc cleanup site', decision: 'allow' },
    { cmd: 'molecule destroy', decision: 'allow' },
    { cmd: 'molecule destroy --all', decision: 'allow' },
    { cmd: 'molecule cleanup', decision: 'allow' },
    { cmd: 'kitchen destroy default-ubuntu', decision: 'allow' },
    { cmd: 'docusaurus clear', decision: 'allow' },
    { cmd: 'earthly prune', decision: 'allow' },
    // Cleaning a kind of thing stays asking.
    { cmd: 'airflow db clean', decision: 'ask' },
    { cmd: 'puppet node clean web-01', decision: 'ask' },
    { cmd: 'garden cleanup namespace', decision: 'ask' },
    { cmd: 'acmebackup prune', decision: 'ask' },
    { cmd: 'acmekv clear', decision: 'ask' },
    { cmd: 'acme prune --keep-last 1', decision: 'ask' },
    { cmd: 'acme clear --host prod.acme.io', decision: 'ask', production: true },
    { cmd: 'acme prune old-builds', decision: 'ask' },
    { cmd: 'earthly prune --all', decision: 'allow' },
    { cmd: 'acmesite clear', decision: 'allow' },
  ]);

  table('reads against production: a plural noun as the whole command, a tool named for a read', [
    { cmd: 'bosh -e prod deployments', decision: 'allow', production: true },
    { cmd: 'bosh -e prod vms', decision: 'allow', production: true },
    { cmd: 'bosh -e prod instances --ps', decision: 'allow', production: true },
    { cmd: 'acme -e prod tasks', decision: 'allow', production: true },
    { cmd: 'acme --env production stemcells', decision: 'allow', production: true },
    { cmd: 'mongostat --host db.prod.acme.internal', decision: 'allow', production: true },
    { cmd: 'mongotop --host db.prod.acme.internal', decision: 'allow', production: true },
    { cmd: 'acmestat --host db.prod.acme.internal', decision: 'allow', production: true },
    // Changing words stay asking on production: a verb with an s, a path with a name, a tool named for stopping.
    { cmd: 'acme -e prod deploys', decision: 'ask', production: true },
    { cmd: 'acme -e prod restarts', decision: 'ask', production: true },
    { cmd: 'acme -e prod rollbacks', decision: 'ask', production: true },
    { cmd: 'acme -e prod deployments web', decision: 'ask', production: true },
    { cmd: 'acmestop --host db.prod.acme.io', decision: 'ask', production: true },
    { cmd: 'bosh -e prod recreate web', decision: 'ask', production: true },
  ]);

  table('each target keeps its own environment', [
    { cmd: 'pgcopydb clone --source postgres://localhost/billing_dev --target postgres://billing@db.prod.acme.internal/billing --drop-if-exists', decision: 'ask', production: true },
    { cmd: 'acmesync --from postgres://localhost/dev --to postgres://db.prod.acme.io/app --drop-existing', decision: 'ask', production: true },
    { cmd: 'pgcopydb clone --source postgres://localhost/acme_dev --target postgres://localhost/acme_test --drop-if-exists', decision: 'ask', production: false },
    { cmd: 'pgcopydb list tables --source postgres://db.prod.acme.internal/billing', decision: 'allow', production: true },
    { cmd: 'acmesync --from postgres://localhost/dev --to postgres://localhost/test', decision: 'allow', production: false },
  ]);
});
