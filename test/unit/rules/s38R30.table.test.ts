import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 38, round 30's misses as families (issue #18 criteria 1/3/4/8): protections lowered by an option's value
 * (support/floorWeakened.ts), a stop carried by the program's name, a trim or an activation on production
 * (support/floorDisruptive.ts), an option deleting all of a workflow's outputs (support/optionVerbs.ts), `dstat` as a
 * read. Each round-30 row sits with fresh variants from other (often invented) tools and look-alikes that stay allowed.
 */

const decide = decisionTable(testFacts({}));

describe('rules: stop 38, round 30 families (floorWeakened.ts, floorDisruptive.ts, optionVerbs.ts)', () => {
  decide('an allow-list, firewall rule or trusted source created with every address asks; a named network or a listing stays allowed', [
    ask('ybm network-allow-list create --name open-all --ip-addr 0.0.0.0/0'),
    ask('acmedb firewall-rule add --source ::/0'),
    ask('dbaasctl ip-allow-list set --cidr 0.0.0.0/0 --cluster main'),
    ask('cachectl access-list add --ip 0.0.0.0/0'),
    ask('searchctl trusted-sources create --range=0.0.0.0/0'),
    ask('mqctl network rule add --from 0.0.0.0/0,10.0.0.0/8'),
    ask('acmedb ingress rule create --source-cidr ::/0'),
    allow('ybm network-allow-list create --name office --ip-addr 10.0.0.0/8'),
    allow('acmedb firewall-rule add --source 203.0.113.7/32'),
    allow('dbaasctl ip-allow-list list --cluster main'),
    allow('cachectl access-list show'),
  ]);
  decide('retention set to a day or less asks; a week or more, a backup frequency and a listing stay allowed', [
    ask('ybm backup policy update --cluster-name prod-app --full-backup-frequency-in-days=30 --retention-period-in-days=1'),
    ask('seqcli retention create --after 1h --server https://seq.prod.acme.internal'),
    ask('logctl retention set --retention-days 0'),
    ask('backupctl policy update --keep-days=1'),
    ask('tsctl retention-policy create --retention 12h --db metrics'),
    ask('snapctl snapshot policy set --retain-hours 6'),
    allow('ybm backup policy update --cluster-name prod-app --full-backup-frequency-in-days=1 --retention-period-in-days=30'),
    allow('seqcli retention create --after 30d --server https://seq.prod.acme.internal'),
    allow('logctl retention set --retention-days 90'),
    allow('seqcli retention list --server https://seq.prod.acme.internal'),
  ]);
  decide('a password policy weakened (short minimum, complexity off, no classes, lockout off) asks; a strong policy and a read stay allowed', [
    ask('ipa pwpolicy-mod --minlength=1 --minclasses=0 --maxfail=0'),
    ask('samba-tool domain passwordsettings set --complexity=off --min-pwd-length=0'),
    ask('idpctl password-policy update --min-length 3'),
    ask('iamctl passwordpolicy set --require-complexity=false'),
    ask('dirctl pwpolicy-mod --lockout-threshold=0'),
    ask('ssoadm password-policy set --minimum-length=4'),
    allow('ipa pwpolicy-show'),
    allow('samba-tool domain passwordsettings set --min-pwd-length=12'),
    allow('idpctl password-policy update --min-length 14'),
    allow('ipa pwpolicy-mod --maxfail=5'),
  ]);
  decide('an import told to replace or truncate what exists asks; skip and append stay allowed', [
    ask('impdp system@PRODDB directory=DATA_PUMP_DIR dumpfile=app_20240101.dmp schemas=APP table_exists_action=replace'),
    ask('impdp system@PRODDB dumpfile=app.dmp table_exists_action=truncate'),
    ask('loadctl import orders.csv if_exists=replace'),
    ask('warehousectl load --write-disposition=WRITE_TRUNCATE events.parquet'),
    ask('syncctl import users.json --on-conflict=overwrite'),
    allow('impdp system@PRODDB directory=DATA_PUMP_DIR dumpfile=app.dmp schemas=APP table_exists_action=skip'),
    allow('impdp system@PRODDB dumpfile=app.dmp table_exists_action=append'),
    allow('loadctl import orders.csv if_exists=skip --env development'),
  ]);
  decide('a program whose name is the stop asks; its help, a plain kill of a process and the bare system word stay as they were', [
    ask('gpstop -a -M immediate'),
    ask('stop-dfs.sh'),
    ask('vmshutdown --all'),
    ask('acme-stop web'),
    ask('cluster-halt -f'),
    ask('pgstop --all'),
    allow('gpstop --help'),
    allow('gpstop -n'),
    allow('backstop test'),
    allow('nonstop build'),
    allow('pkill -f "node server.js"'),
  ]);
  decide('a dataset trimmed by name or a version activated on production asks; development and staging stay allowed', [
    ask('axiom dataset trim prod-logs --max-duration 1h -f'),
    ask('acmectl trim prod-logs'),
    ask('logctl dataset expire production-events --before 2024-01-01'),
    ask('akamai property-manager activate-version --property shop.acme.com --network PROD --propver 58'),
    ask('acmectl property activate-version --network PROD'),
    ask('cdnctl config approve --env production v12'),
    ask('acmectl release --activate -d production'),
    ask('flytectl update launchplan -p acme -d production daily_billing --version v42 --activate'),
    ask('wfctl update schedule nightly --version 7 --activate --env production'),
    allow('axiom dataset trim dev-logs --max-duration 1h -f'),
    allow('akamai property-manager activate-version --property shop.acme.com --network STAGING --propver 58'),
    allow('acmectl property activate-version --network staging'),
    allow('acmectl release --activate -d development'),
    allow('flytectl update launchplan -p acme -d development daily_billing --version v42 --activate'),
    allow('flytectl --version'),
  ]);
  decide('an option deleting all of a workflow\'s outputs asks; temporary outputs and caches stay allowed', [
    ask('snakemake --delete-all-output --cores 1'),
    ask('pipectl run --delete-all-results'),
    ask('wfctl --delete-all-outputs'),
    ask('nextctl clean --purge-all-output'),
    allow('snakemake --delete-temp-output --cores 1'),
    allow('wfctl --delete-all-cache'),
    allow('snakemake --cores 4'),
  ]);
  decide('a device tool told to recover or wipe the chip asks (it erases everything on it); reads of the chip stay allowed', [
    ask('nrfjprog --recover -f NRF52'),
    ask('west flash --recover'),
    ask('nrfjprog --eraseall -f NRF52'),
    ask('probe-rs erase --chip nRF52840_xxAA'),
    ask('jlinkexe --wipe'),
    allow('nrfjprog --readcode out.hex -f NRF52'),
    allow('nrfjprog --ids'),
    allow('git fsck --recover'),
  ]);
  decide('dstat on a production broker reads; a purge there still asks', [
    ask('activemq purge queue orders --jmxurl service:jmx:rmi:///jndi/rmi://mq-prod.acme.internal:1099/jmxrmi'),
    allow('mqadmin dstat queues --host mq.prod.acme.internal'),
    allow('activemq dstat queues --jmxurl service:jmx:rmi:///jndi/rmi://mq-prod.acme.internal:1099/jmxrmi'),
    allow('activemq dstat topics'),
    ask('mqadmin purge queues --host mq.prod.acme.internal'),
    ask('mqadmin stop broker --host mq.prod.acme.internal'),
  ]);
  decide('a backup catalogue told to delete its backups on a here-string, heredoc or pipe asks; expired records, obsolete clean-up and listings stay allowed', [
    ask("rman target / <<< 'DELETE NOPROMPT BACKUP;'"),
    ask("rman target / <<< 'DELETE FORCE NOPROMPT BACKUPSET;'"),
    ask("echo 'delete backupset 12;' | rman target /"),
    ask('bkpcli console <<EOF\nCONNECT TARGET /\nDELETE FORCE NOPROMPT ARCHIVELOG ALL;\nEOF'),
    ask("catalogctl <<< 'DELETE NOPROMPT COPY;'"),
    allow("rman target / <<< 'DELETE EXPIRED BACKUP;'"),
    allow("rman target / <<< 'DELETE OBSOLETE;'"),
    allow("rman target / <<< 'LIST BACKUP;'"),
    allow("rman target / <<< 'CROSSCHECK BACKUP;'"),
  ]);
  decide('a test or collection runner running a writing spec against production asks; localhost, staging and read specs stay allowed', [
    ask('cypress run --config baseUrl=https://shop.acme.com --spec cypress/e2e/seed-orders.cy.ts'),
    ask('hopp test collections/admin-cleanup.json -e environments/production.json'),
    ask('playwright test tests/admin-cleanup.spec.ts --config playwright.prod.config.ts'),
    ask('newman run collections/cleanup-users.json --env-var baseUrl=https://api.acme.com'),
    ask('apirunner run suites/delete-stale-accounts.yaml --env production'),
    ask('cypress run --spec cypress/e2e/reset-inventory.cy.ts --config baseUrl=https://api.acme.io'),
    allow('cypress run --config baseUrl=http://localhost:3000 --spec cypress/e2e/seed-orders.cy.ts'),
    allow('cypress run --config baseUrl=https://staging.acme.com --spec cypress/e2e/seed-orders.cy.ts'),
    allow('cypress run --config baseUrl=https://shop.acme.com --spec cypress/e2e/smoke.cy.ts'),
    allow('hopp test collections/admin-cleanup.json -e environments/staging.json'),
    allow('playwright test tests/admin-cleanup.spec.ts --config playwright.config.ts'),
    allow('cypress run'),
  ]);
  decide('integration (stop 38): the end of a suppression is no loss; one keep rule at nothing beside another that keeps weeks is a policy still keeping history', [
    ask('axiom dataset trim prod-logs --max-duration 1h -f'),
    ask('kopia policy set --global --keep-latest 0'),
    ask('restic-like policy set --keep-last 0'),
    allow('amtool silence expire 1234'),
    allow('kopia policy set --global --keep-latest 0 --keep-daily 14'),
    allow('restic-like policy set --keep-last 0 --keep-weekly 8'),
  ]);
});
