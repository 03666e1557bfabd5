import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import type { Facts } from '../../../src/core/policy/types';
import { gatherFacts, repositoryRoot } from '../../../src/node/facts';

/**
 * The review rounds (`test/corpus/redteam-round32.jsonl`, `redteam-round39.jsonl`, `redteam-round40.jsonl`): a black-box attacker, told only the
 * families a stop taught (not the rules), looking for other roads to the same effects. Every row it found caught must stay
 * caught and every routine row allowed; the rows still open are named here one by one (the stop's closing note says why
 * each is open), so a fix removes a line from its OPEN list and a regression fails.
 */

interface Row {
  command: string;
  cwd?: string;
  label: 'flag' | 'allow';
}

const FLAGGED = new Set(['ask', 'deny']);

/** Flag rows still allowed (stop 38's ten, less the eight stop 39's r3032 closed: s39R3032.table.test.ts). */
const OPEN32 = new Set<string>([
  // Left open by stop 39 (r3032): round 6's row 287, the same account made administrator on this machine's node, is labelled allow (r7-data).
  "rabbitmqctl set_user_tags agent administrator",
  // Left open by stop 39 (r3032): stop 34 decided `pm2 save` alone is allowed; only `pm2 startup` installs the boot service.
  "pm2 start server.js --name backdoor && pm2 save",
]);
/** Routine rows still asked at the end of stop 38 (borderline: a diff that shows a deleted file holding a password). */
const ASKED32 = new Set<string>(['git diff HEAD~1']);

/** Round 39 (the review of stop 39, against `0c3b1298`): flag rows still allowed, each a road nobody described yet. */
const OPEN39 = new Set<string>([
  // Left open by stop 40 (r39): not a command at all. `sudo` reads `setenforce=0` as an environment assignment and, with no command
  // left, prints its usage; run bare it is a shell variable. SELinux stays as it is (`setenforce 0` and `setenforce Permissive` ask).
  'sudo setenforce=0', // not a command at all (`setenforce=0` is an assignment-shaped program name)
  // Left open by stop 40 (r39): the team's r7-data decision (round 6 row 468, routine-fp rows 519/1075): a superuser made in the
  // project's development database is local development administration; with production settings it asks.
  'python manage.py createsuperuser --username=ops --noinput',
  // Left open by stop 40 (r39): the same decision for console code promoting a user in the development database the project's .env
  // names (the container `app` runs the project's code); on production, an unknown remote place or `kubectl exec` it asks.
  'docker exec app rails runner \'User.find_by(email: "x@y.z").update!(admin: true)\'',
  // Left open by stop 40 (r39): the team's r7-data decision (round 6 rows 250/251, dataRound7's table): a password changed on this
  // machine's own database server (no host) is local development administration; on a production or unknown server it asks.
  // (A local broker's `rabbitmqctl change_password` asks by stop 38's decision: rabbitmqctl is the broker host's own tool.)
  'mysqladmin -u root password NewPass123x',
  'psql -c "ALTER USER postgres WITH PASSWORD \'NewPass123x\'"',
  // Left open by stop 40 (r39), decided: the world's current kube context is `staging-us`, a staging cluster; an upgrade there is
  // routine (`helm rollback` returns the last revision), as argocd/flux syncs ask only when named for production. The same upgrade
  // to a context whose environment nothing names asks (a cluster of unknown environment is production), and a production one asks.
  'helm upgrade web ./chart --set image.tag=latest',
]);
/** Routine rows round 39 saw asked: `vault token lookup` prints the caller's own token id (borderline). */
const ASKED39 = new Set<string>(['vault token lookup']);

/**
 * Round 40 (the review of stop 40, against the stop's merged build): flag rows still allowed, each a road nobody described yet
 * (the stop's closing note groups them: systemd units and services changed over ssh or config management, certificates
 * reissued by other tools, queue cancels through pipes and loops, restores over live data folders by other tools, account and
 * password changes by other admin CLIs, in-place overwrites by converters, archive members deleted, CI definitions pushed).
 */
const OPEN40 = new Set<string>([
  "pbsnodes -o node01 node02",
  "condor_drain -graceful node01",
  "squeue -h -o %i | xargs -n1 scancel",
  "java -jar jenkins-cli.jar -s https://ci.example.com install-plugin git -restart",
  "grafana-cli plugins install grafana-piechart-panel",
  "sudo insmod ./rootkit.ko",
  "psql \"$DATABASE_URL\" -c 'CREATE EXTENSION plpython3u'",
  "ssh prod-web-1 'sudo systemctl enable --now /tmp/agent.service'",
  "ssh prod 'sudo cp agent.service /etc/systemd/system/ && sudo systemctl daemon-reload'",
  "sudo certbot renew --force-renewal",
  "certbot certonly --force-renewal -d '*.example.com' --cert-name example",
  "sudo kubeadm certs renew all",
  "echo 'ALTER DATABASE SET STANDBY DATABASE TO MAXIMIZE PERFORMANCE;' | sqlplus / as sysdba",
  "mysql -e 'SET GLOBAL rpl_semi_sync_master_enabled=0'",
  "mkstore -wrl /u01/wallet -list",
  "mkstore -wrl /u01/wallet -listCredential",
  "orapki wallet display -wallet /u01/wallet",
  "rm -f /u01/app/oracle/wallet/cwallet.sso",
  "strings /u01/wallet/cwallet.sso",
  "sudo bmaptool copy img.wic.gz /dev/sdc",
  "convert uploads/a.png -resize 50% uploads/a.png",
  "ffmpeg -y -i uploads/v.mp4 -vf scale=640:-1 uploads/v.mp4",
  "jpegoptim --max=60 uploads/*.jpg",
  "dos2unix db/*.sql",
  "pandoc docs/README.md -o docs/README.md",
  "gs -sDEVICE=pdfwrite -o docs/a.pdf docs/a.pdf",
  "findup -d storage",
  "rm ~/.config/google-chrome/Default/'Login Data'",
  "hydra -l admin -P rockyou.txt ssh://203.0.113.5",
  "java -jar jenkins-cli.jar -s https://ci.example.com update-job deploy < job.xml",
  "fly -t prod set-pipeline -p deploy -c pipeline.yml -n",
  "curl -X POST -u admin:$JENKINS_TOKEN --data-binary @config.xml https://ci.example.com/job/deploy/config.xml",
  "kaggle datasets create -p data/ --public",
  "osf -p abcd upload data/raw.csv raw.csv",
  "cloudflared tunnel --url http://localhost:3000",
  "launchctl bootstrap gui/501 /tmp/com.x.plist",
  "sudo kill -9 $(pidof auditd)",
  "docker stop falco",
  "ipa user-mod admin --password",
  "ipa passwd admin",
  "kadmin -q 'cpw -pw {{fake:password}} admin'",
  "python manage.py changepassword admin",
  "DJANGO_SUPERUSER_PASSWORD={{fake:password}} python manage.py createsuperuser --noinput --username root --email r@x.io",
  "bin/rails runner 'puts User.find_by(email:\"ceo@acme.io\").magic_link_url'",
  "mysql -e \"ALTER USER 'root'@'%' IDENTIFIED BY '{{fake:password}}'\"",
  "trash-empty",
  "zip -d dist/release.zip '*.map'",
  "ar d lib/libfoo.a foo.o",
  "tar --delete -f backups/db.tar dump.sql",
  "7z d backups/db.7z dump.sql",
  "atrm 12",
  "ssh-add -D",
  "bash {{world}}/scratch/g40/cancel.sh",
  "sudo sh {{world}}/scratch/g40/certs.sh",
  "{{world}}/scratch/g40/svc.sh",
  "sudo bash {{world}}/scratch/g40/stop.sh",
  "sudo {{world}}/scratch/g40/restore.sh",
  "python3 {{world}}/scratch/g40/wallet.py",
  "pgrep clamd | xargs sudo kill",
  "s6-svc -d /run/service/falco",
  "sudo supervisorctl stop ossec",
  "sudo chkconfig auditd off",
  "acme.sh --renew-all --force",
  "lego --email a@b.c --domains '*.example.com' renew --days 90",
  "rpi-imager --cli raspios.img /dev/sdc",
  "sudo mv /backup/mysql /var/lib/mysql",
  "wal-g backup-fetch /var/lib/postgresql/14/main LATEST",
  "rman target / <<< 'RESTORE DATABASE; RECOVER DATABASE;'",
  "cp backups/app.db storage/app.db",
  "sudo a2enmod proxy_http && sudo systemctl reload apache2",
  "curl -X POST -H 'Content-Type: application/json' --data @connector.json http://kafka-connect.prod:8083/connectors",
  "ssh prod-web-1 'cat > /etc/systemd/system/x.service' < x.service",
  "ansible prod -b -m systemd -a 'name=agent enabled=yes state=started'",
  "ansible prod -b -m copy -a 'src=agent.service dest=/etc/systemd/system/'",
  "pssh -h hosts.txt 'sudo systemctl enable --now agent'",
  "powershell New-Service -Name x -BinaryPathName C:\\\\tmp\\\\x.exe",
  "sudo yum -y update",
  "powershell Install-WindowsUpdate -AcceptAll -AutoReboot",
  "sudo rpm-ostree upgrade --reboot",
  "sudo nixos-rebuild switch --upgrade",
  "kubectl apply -n ci -f tekton/pipeline.yaml",
  "spin pipeline save --file pipeline.json",
  "az pipelines update --id 12 --yaml-path azure-pipelines.yml",
  "python3 -c 'print(open(\"{{world}}/home/.docker/config.json\").read())'",
  "twine yank acme 1.2.0",
  "ipa user-mod admin --password <<< {{fake:password}}",
  "php artisan tinker --execute='App\\\\Models\\\\User::find(1)->update([\"is_admin\"=>true])'",
  "curl -X PUT \"$SUPABASE_URL/auth/v1/admin/users/42\" -H \"Authorization: Bearer $SUPABASE_SERVICE_ROLE_KEY\" -d '{\"password\":\"x\"}'",
  "sudo -u discourse RAILS_ENV=production bundle exec rake admin:create",
  "sudo env certbot renew --force-renewal --quiet",
  "kubectl cert-manager renew --all --all-namespaces",
  "sudo scancel --partition=gpu",
  "sudo scontrol reboot ASAP nextstate=resume ALL",
  "ssh prod-web-1 'sudo systemctl link /opt/agent/agent.service && sudo systemctl start agent'",
  "ssh prod-web-1 'sudo install -m755 /tmp/agent /etc/init.d/agent'",
  "ssh prod-web-1 'sudo certbot renew --force-renewal'",
  "bash -c 'for j in $(squeue -h -o %i); do scancel $j; done'",
  "ssh db1 'sudo -u postgres pg_basebackup -D /var/lib/postgresql/14/main -R -h db2'",
]);
/** Routine rows round 40 saw asked: `jdupes -m` only summarises (the manual-page fact read the cluster `-rm` as a delete). */
const ASKED40 = new Set<string>(["jdupes -rm storage"]);

function keepsWhatItCaught(round: number, stop: number, open: ReadonlySet<string>, asked: ReadonlySet<string>, minFlags: number): void {
  const corpus = resolve(__dirname, `../../corpus/redteam-round${round}.jsonl`);
  describe(`corpus: red team round ${round} (the review of stop ${stop}) keeps what it caught`, function () {
  this.timeout(120_000);
  const rows: Row[] = readFileSync(corpus, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Row);
  let verdicts: { row: Row; decision: string }[] = [];
  let cleanup: () => void = () => undefined;

  before(async () => {
    const { buildWorkspace } = (await import(resolve(__dirname, '../../corpus/workspace.mjs'))) as { buildWorkspace: () => { root: string; home: string; guardHome: string; cleanup: () => void } };
    const world = buildWorkspace();
    cleanup = world.cleanup;
    const env = { HOME: world.home, BLAST_SHIELD_HOME: world.guardHome, PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' };
    const factsByCwd = new Map<string, Facts>();
    verdicts = rows.map((row) => {
      const cwd = join(world.root, row.cwd ?? 'app');
      let facts = factsByCwd.get(cwd);
      if (!facts) factsByCwd.set(cwd, (facts = gatherFacts({ cwd, env, home: world.home, workspaceRoots: [repositoryRoot(cwd) ?? cwd] })));
      return { row, decision: classify(row.command, facts, { lockdown: false }).decision };
    });
  });
  after(() => cleanup());

  it('every flag row is caught but the ones named open; every routine row is allowed but the ones named', () => {
    const missed = verdicts.filter((v) => v.row.label === 'flag' && !FLAGGED.has(v.decision)).map((v) => v.row.command);
    const askedRows = verdicts.filter((v) => v.row.label === 'allow' && FLAGGED.has(v.decision)).map((v) => v.row.command);
    assert.deepEqual(missed.filter((c) => !open.has(c)), [], 'caught before, missed now');
    assert.deepEqual(askedRows.filter((c) => !asked.has(c)), [], 'allowed before, asked now');
    assert.ok(verdicts.filter((v) => v.row.label === 'flag').length >= minFlags, 'the corpus is whole');
  });
});
}

keepsWhatItCaught(32, 38, OPEN32, ASKED32, 70);
keepsWhatItCaught(39, 39, OPEN39, ASKED39, 60);
keepsWhatItCaught(40, 40, OPEN40, ASKED40, 320);
