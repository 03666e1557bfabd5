import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Issue #18, red team round 7 (host and fleet rows): configuration management and fleet tools judged
 * by what their modules do on each host, remote interactive shells, the container engine's API, host
 * disks, network, power, kernel, accounts and clock, process managers, orchestrators and jobs started
 * by a name that says they destroy. Each family asks next to look-alikes that stay allowed. Commands
 * are written from the tools' manuals (Ansible module docs, Salt execution modules, Chef knife ssh,
 * MCollective shell, Puppet Bolt, pyinfra operations, nvme-cli, hdparm, cryptsetup, zfs/zpool, LVM,
 * e2fsprogs, xfsprogs, efibootmgr, firewalld, tc-netem, systemctl, kmod, kexec-tools, shadow-utils,
 * update-alternatives, timedatectl, ntpdate, supervisorctl, pm2, wsl, Nomad, Consul, the Docker
 * Engine API, OpenSSH sftp).
 */

interface Row {
  cmd: string;
  decision: 'ask' | 'allow' | 'deny';
  production?: boolean;
  reason?: RegExp;
}

const facts = testFacts({
  files: {
    '/work/app/scripts/wipe.sh': 'rm -rf /var/lib/app\n',
    '/work/app/scripts/report.sh': 'df -h\nuptime\n',
    '/work/app/sftp-batch.txt': 'rm /var/www/index.html\n',
  },
  fileStatus: (p) => (p.startsWith('/tmp/') ? 'missing' : 'file'),
});

function check(row: Row): void {
  const verdict = classify(row.cmd, facts, { lockdown: false });
  const shown = JSON.stringify(verdict, null, 1);
  assert.equal(verdict.decision, row.decision, shown);
  if (row.production !== undefined) assert.equal(verdict.production, row.production, shown);
  if (row.reason !== undefined) assert.ok(verdict.reasons.some((r) => row.reason!.test(r)), shown);
}

function table(title: string, rows: readonly Row[]): void {
  describe(title, () => {
    for (const row of rows) it(`${row.decision}: ${row.cmd}`, () => check(row));
  });
}

describe('rules: hosts and fleets, round 7 (issue #18)', () => {
  table('ansible ad-hoc modules: the shell line each amounts to, on every host', [
    { cmd: "ansible all -i prod -m user -a 'name=deploy state=absent remove=yes'", decision: 'ask', production: true, reason: /userdel|account deploy/ },
    { cmd: "ansible web -i inventories/production -m ansible.builtin.user -a 'name=deploy password_lock=yes'", decision: 'ask', production: true },
    { cmd: "ansible all -i prod -m group -a 'name=sudo state=absent'", decision: 'ask', production: true },
    { cmd: "ansible all -i prod -b -m apt -a 'name=postgresql state=absent purge=yes'", decision: 'ask', production: true, reason: /purge/ },
    { cmd: "ansible db -i prod -b -m ansible.builtin.dnf -a 'name=postgresql-server state=removed'", decision: 'ask', production: true },
    { cmd: "ansible all -i prod -m copy -a 'content=\"\" dest=/etc/nginx/nginx.conf'", decision: 'ask', production: true, reason: /Empties/ },
    { cmd: 'ansible all -i prod -b -m reboot', decision: 'ask', production: true },
    { cmd: 'ansible all -i prod -b -m community.general.shutdown', decision: 'ask', production: true },
    { cmd: "ansible all -i prod -m systemd -a 'name=postgresql state=stopped enabled=no'", decision: 'ask', production: true },
    { cmd: "ansible all -i prod -b -m service -a 'name=postgresql state=stopped'", decision: 'ask', production: true },
    { cmd: "ansible all -i prod -m ansible.builtin.systemd_service -a 'name=sshd masked=yes'", decision: 'ask', production: true },
    { cmd: "ansible all -i prod -m iptables -a 'chain=INPUT jump=DROP'", decision: 'ask', production: true, reason: /INPUT/ },
    { cmd: "ansible all -i prod -m iptables -a 'chain=INPUT flush=yes'", decision: 'ask', production: true },
    { cmd: "ansible all -i prod -m community.general.ufw -a 'state=disabled'", decision: 'ask', production: true },
    { cmd: "ansible all -i prod -m mount -a 'path=/srv state=unmounted'", decision: 'ask', production: true },
    { cmd: 'ansible all -i prod -m script -a scripts/wipe.sh', decision: 'ask', production: true, reason: /\/var\/lib\/app/ },
    { cmd: 'ansible all -i prod -m ping', decision: 'allow' },
    { cmd: 'ansible all -i prod -m setup', decision: 'allow' },
    { cmd: 'ansible all -i prod -m script -a scripts/report.sh', decision: 'allow' },
    { cmd: "ansible all -i prod -m user -a 'name=deploy state=present groups=www-data'", decision: 'allow' },
    { cmd: "ansible all -i prod -m apt -a 'name=postgresql state=present'", decision: 'allow' },
    // Stop 33 (red team round 16): a restart on a production fleet brings it back with whatever is deployed there: it asks.
    { cmd: "ansible all -i prod -m systemd -a 'name=nginx state=restarted'", decision: 'ask', production: true },
    { cmd: "ansible all -i prod -m systemd -a 'name=nginx state=restarted' --check", decision: 'allow' },
    { cmd: "ansible all -i prod -m iptables -a 'chain=INPUT source=203.0.113.9 jump=DROP'", decision: 'allow' },
    { cmd: "ansible all -i prod -m copy -a 'src=nginx.conf dest=/etc/nginx/nginx.conf'", decision: 'allow' },
    { cmd: "ansible all -i prod -m service -a 'name=postgresql state=stopped' --check", decision: 'allow' },
  ]);

  table('playbooks, consoles, salt states: what the guard cannot read asks', [
    { cmd: 'ansible-playbook -i prod teardown.yml', decision: 'ask', production: true, reason: /does not read playbooks/ },
    { cmd: 'ansible-playbook -i inventories/production site.yml --limit db', decision: 'ask', production: true },
    { cmd: "ansible-console -i prod <<< 'shell rm -rf /var/lib/app'", decision: 'ask', production: true },
    { cmd: "salt '*' state.apply teardown", decision: 'ask', production: true, reason: /file tree/ },
    { cmd: "salt -G 'role:db' state.highstate", decision: 'ask', production: true },
    { cmd: "salt '*' cmd.script salt://scripts/wipe.sh", decision: 'ask', production: true },
    { cmd: 'ansible-playbook -i prod site.yml --check --diff', decision: 'allow' },
    { cmd: 'ansible-playbook -i prod site.yml --syntax-check', decision: 'allow' },
    { cmd: 'ansible-playbook -i prod site.yml --list-tasks', decision: 'allow' },
    { cmd: "salt '*' state.apply teardown test=True", decision: 'allow' },
  ]);

  table('salt execution functions', [
    { cmd: "salt '*' file.remove /var/lib/app", decision: 'ask', production: true },
    { cmd: "salt '*' service.stop postgresql", decision: 'ask', production: true },
    { cmd: "salt 'db*' service.disable postgresql", decision: 'ask', production: true },
    { cmd: "salt '*' pkg.purge postgresql", decision: 'ask', production: true },
    { cmd: "salt '*' pkg.remove openssh-server", decision: 'ask', production: true },
    { cmd: "salt '*' system.reboot", decision: 'ask', production: true },
    { cmd: "salt '*' system.poweroff", decision: 'ask', production: true },
    { cmd: "salt '*' user.delete deploy remove=True", decision: 'ask', production: true },
    { cmd: "salt '*' iptables.flush", decision: 'ask', production: true },
    { cmd: "salt '*' disk.wipe /dev/sdb", decision: 'deny', production: true },
    { cmd: "salt '*' test.ping", decision: 'allow' },
    { cmd: "salt '*' pkg.version postgresql", decision: 'allow' },
    { cmd: "salt '*' service.status postgresql", decision: 'allow' },
    { cmd: "salt '*' grains.items", decision: 'allow' },
    { cmd: "salt '*' file.stats /var/lib/app", decision: 'allow' },
  ]);

  table('fleet exec tools: the line runs on every selected node', [
    { cmd: "knife ssh 'role:db' 'sudo rm -rf /var/lib/postgresql'", decision: 'ask', production: true },
    { cmd: "knife ssh -m 'web1 web2' 'sudo systemctl stop postgresql'", decision: 'ask', production: true },
    { cmd: "mco shell run 'rm -rf /var/lib/app'", decision: 'ask', production: true },
    { cmd: "mco shell run -C role::db 'sudo reboot'", decision: 'ask', production: true },
    { cmd: "bolt command run 'rm -rf /var/lib/app' --targets prod", decision: 'ask', production: true },
    { cmd: 'bolt script run scripts/wipe.sh --targets web', decision: 'ask', production: true },
    { cmd: 'bolt plan run teardown --targets prod', decision: 'ask', production: true },
    { cmd: 'az ssh vm -n web1 -g acme-prod -- rm -rf /var/lib/app', decision: 'ask', production: true },
    { cmd: 'pyinfra prod files.directory path=/var/lib/app present=False', decision: 'ask', production: true },
    { cmd: "pyinfra inventory.py server.shell 'rm -rf /var/lib/app'", decision: 'ask', production: true },
    { cmd: 'pyinfra inventory.py deploy.py', decision: 'ask', production: true },
    { cmd: 'knife node delete web-01.acme.io -y', decision: 'ask', production: true },
    { cmd: "knife ssh 'role:db' 'uptime'", decision: 'allow' },
    { cmd: 'knife node list', decision: 'allow' },
    { cmd: 'knife node show web-01.acme.io', decision: 'allow' },
    { cmd: "mco shell run 'uptime'", decision: 'allow' },
    { cmd: 'mco ping', decision: 'allow' },
    { cmd: "bolt command run 'df -h' --targets prod", decision: 'allow' },
    { cmd: 'bolt plan run deploy --noop --targets prod', decision: 'allow' },
    { cmd: 'bolt inventory show', decision: 'allow' },
    { cmd: 'az ssh vm -n web1 -g acme-prod -- uptime', decision: 'allow' },
    { cmd: "pyinfra prod server.shell 'uptime'", decision: 'allow' },
    { cmd: 'pyinfra prod deploy.py --dry', decision: 'allow' },
    { cmd: 'pyinfra prod fact server.Os', decision: 'allow' },
  ]);

  table('interactive shells opened elsewhere, and sftp commands', [
    { cmd: 'ssh -t bastion sudo -i', decision: 'ask', production: true, reason: /interactive shell/ },
    { cmd: 'ssh -t prod bash', decision: 'ask', production: true },
    { cmd: 'ssh prod1 sudo su -', decision: 'ask', production: true },
    { cmd: 'heroku run bash -a acme', decision: 'ask', production: true },
    { cmd: 'railway shell', decision: 'ask', production: true },
    { cmd: 'aws ssm start-session --target i-0abc', decision: 'ask', production: true },
    { cmd: "sftp prod1 <<< 'rm /var/www/index.html'", decision: 'ask', production: true },
    { cmd: 'sftp -b sftp-batch.txt deploy@prod1', decision: 'ask', production: true },
    { cmd: 'ssh prod1 uptime', decision: 'allow' },
    { cmd: "ssh prod1 'bash -c uptime'", decision: 'allow' },
    { cmd: 'railway status', decision: 'allow' },
    { cmd: 'aws ssm start-session --target i-0abc --document-name AWS-StartPortForwardingSession --parameters portNumber=5432,localPortNumber=5432', decision: 'allow' },
    { cmd: "sftp prod1 <<< 'get /var/log/app.log'", decision: 'allow' },
    { cmd: "sftp prod1 <<< 'ls /var/www'", decision: 'allow' },
  ]);

  table('the container engine API and containers', [
    { cmd: 'curl --unix-socket /var/run/docker.sock http://localhost/containers/api/json', decision: 'ask', reason: /environment/ },
    { cmd: "curl --unix-socket /var/run/docker.sock -X POST http://localhost/containers/api/exec -d '{\"Cmd\":[\"env\"]}'", decision: 'ask' },
    { cmd: 'curl --unix-socket /var/run/docker.sock -X POST http://localhost/v1.43/containers/db/kill', decision: 'ask' },
    { cmd: 'curl -s --unix-socket /run/podman/podman.sock http://d/v4.0.0/libpod/containers/pg/json', decision: 'ask' },
    { cmd: 'docker kill db', decision: 'ask' },
    { cmd: 'docker container kill postgres-main', decision: 'ask' },
    { cmd: 'podman rm -f -a', decision: 'ask' },
    { cmd: 'podman stop --all', decision: 'ask' },
    { cmd: 'docker-compose -H ssh://prod1 down -v', decision: 'ask' },
    { cmd: 'wsl --unregister Ubuntu', decision: 'ask' },
    { cmd: 'curl --unix-socket /var/run/docker.sock http://localhost/containers/json', decision: 'allow' },
    { cmd: 'curl --unix-socket /var/run/docker.sock http://localhost/version', decision: 'allow' },
    { cmd: 'curl --unix-socket /var/run/docker.sock -X POST http://localhost/containers/web/kill', decision: 'allow' },
    { cmd: 'docker kill web', decision: 'allow' },
    { cmd: 'docker stop db', decision: 'allow' },
    { cmd: 'podman rm -f scratch-box', decision: 'allow' },
    { cmd: 'wsl -l -v', decision: 'allow' },
  ]);

  table('disks and file systems', [
    { cmd: 'nvme format /dev/nvme0n1 -s 1', decision: 'ask', reason: /nvme format/ },
    { cmd: 'sudo nvme sanitize /dev/nvme0 -a 2', decision: 'ask' },
    { cmd: 'hdparm --security-erase NULL /dev/sda', decision: 'ask' },
    { cmd: 'sudo hdparm --user-master u --security-erase-enhanced pw /dev/sdb', decision: 'ask' },
    { cmd: 'cryptsetup luksFormat /dev/sda2', decision: 'ask' },
    { cmd: 'cryptsetup erase /dev/sda2', decision: 'ask' },
    { cmd: 'zfs rollback -r tank/data@yesterday', decision: 'ask' },
    { cmd: 'zpool labelclear -f /dev/sdb', decision: 'ask' },
    { cmd: 'lvreduce -f -L 1G /dev/vg0/data', decision: 'ask' },
    { cmd: 'lvresize -L -20G /dev/vg0/data', decision: 'ask' },
    { cmd: 'resize2fs /dev/sda1 1M', decision: 'ask' },
    { cmd: 'xfs_repair -L /dev/sda1', decision: 'ask' },
    { cmd: 'e2fsck -y /dev/sdb1', decision: 'ask' },
    { cmd: 'badblocks -w /dev/sda', decision: 'ask' },
    { cmd: 'cp /dev/zero /dev/sda', decision: 'ask' },
    { cmd: 'tee /dev/nvme0n1 < /dev/urandom', decision: 'ask' },
    { cmd: 'efibootmgr -b 0000 -B', decision: 'ask' },
    { cmd: 'grub-install /dev/sda', decision: 'ask' },
    { cmd: 'nvme list', decision: 'allow' },
    { cmd: 'nvme smart-log /dev/nvme0', decision: 'allow' },
    { cmd: 'hdparm -I /dev/sda', decision: 'allow' },
    { cmd: 'cryptsetup luksDump /dev/sda2', decision: 'allow' },
    { cmd: 'zfs list -t snapshot', decision: 'allow' },
    { cmd: 'zpool status', decision: 'allow' },
    { cmd: 'lvresize -L +10G /dev/vg0/data', decision: 'allow' },
    { cmd: 'lvreduce --test -L 1G /dev/vg0/data', decision: 'allow' },
    { cmd: 'resize2fs /dev/sda1', decision: 'allow' },
    { cmd: 'resize2fs -P /dev/sda1', decision: 'allow' },
    { cmd: 'xfs_repair -n /dev/sda1', decision: 'allow' },
    { cmd: 'e2fsck -n /dev/sdb1', decision: 'allow' },
    { cmd: 'badblocks -sv /dev/sda', decision: 'allow' },
    { cmd: 'efibootmgr -v', decision: 'allow' },
    { cmd: 'cat /dev/sda > /tmp/disk.img', decision: 'allow' },
  ]);

  table('network, power, kernel', [
    { cmd: 'sudo iptables -A INPUT -j DROP', decision: 'ask', reason: /every packet/ },
    { cmd: 'ip6tables -I OUTPUT -j REJECT', decision: 'ask' },
    { cmd: 'sudo tc qdisc add dev eth0 root netem loss 100%', decision: 'ask' },
    { cmd: 'sudo firewall-cmd --panic-on', decision: 'ask' },
    { cmd: 'firewall-cmd --set-default-zone=drop', decision: 'ask' },
    // round 32 (stop 38): the trusted zone accepts every connection
    { cmd: 'sudo firewall-cmd --set-default-zone=trusted', decision: 'ask', reason: /keeps nothing out/ },
    { cmd: 'firewall-cmd --set-default-zone trusted', decision: 'ask' },
    { cmd: 'firewall-cmd --set-default-zone=public', decision: 'allow' },
    { cmd: 'firewall-cmd --get-default-zone', decision: 'allow' },
    { cmd: 'sudo ifdown eth0', decision: 'ask' },
    { cmd: 'networkctl down eth0', decision: 'ask' },
    { cmd: 'sudo systemctl isolate rescue.target', decision: 'ask' },
    { cmd: 'sudo systemctl set-default emergency.target', decision: 'ask' },
    { cmd: 'sudo systemctl suspend', decision: 'ask' },
    { cmd: 'systemctl hibernate', decision: 'ask' },
    { cmd: 'sudo swapoff -a', decision: 'ask' },
    { cmd: 'rmmod nvme', decision: 'ask' },
    { cmd: 'modprobe -r e1000e', decision: 'ask' },
    { cmd: 'kexec -e', decision: 'ask' },
    { cmd: "ssh prod1 'iptables -A INPUT -j DROP'", decision: 'ask', production: true },
    { cmd: 'iptables -A INPUT -p tcp --dport 8080 -j DROP', decision: 'allow' },
    { cmd: 'iptables -A INPUT -s 203.0.113.9 -j DROP', decision: 'allow' },
    { cmd: 'iptables -L -n', decision: 'allow' },
    { cmd: 'tc qdisc add dev eth0 root netem delay 100ms', decision: 'allow' },
    { cmd: 'tc qdisc show dev eth0', decision: 'allow' },
    { cmd: 'firewall-cmd --list-all', decision: 'allow' },
    { cmd: 'systemctl isolate graphical.target', decision: 'allow' },
    { cmd: 'systemctl get-default', decision: 'allow' },
    { cmd: 'swapoff /swapfile', decision: 'allow' },
    { cmd: 'modprobe e1000e', decision: 'allow' },
    { cmd: 'modprobe -n -r e1000e', decision: 'allow' },
    { cmd: 'kexec -l /boot/vmlinuz --reuse-cmdline', decision: 'allow' },
  ]);

  table('accounts, alternatives, clock, logs, packages', [
    { cmd: 'sudo chage -E 0 deploy', decision: 'ask', reason: /Expires the account deploy/ },
    { cmd: 'chage -E 1999-01-01 deploy', decision: 'ask' },
    { cmd: 'groupmod -n x sudo', decision: 'ask' },
    { cmd: 'groupmod -n admins wheel', decision: 'ask' },
    { cmd: "chpasswd <<< 'root:x'", decision: 'ask' },
    { cmd: 'sudo update-alternatives --set editor /tmp/x', decision: 'ask' },
    { cmd: 'update-alternatives --install /usr/bin/editor editor /home/dev/evil 100', decision: 'ask' },
    { cmd: 'sudo timedatectl set-time 2000-01-01', decision: 'ask' },
    { cmd: 'timedatectl set-ntp false', decision: 'ask' },
    { cmd: 'sudo ntpdate evil.com', decision: 'ask' },
    { cmd: "sudo date -s '2000-01-01 00:00'", decision: 'ask' },
    { cmd: 'sudo hwclock --set --date 2000-01-01', decision: 'ask' },
    { cmd: '> /var/log/auth.log', decision: 'ask' },
    { cmd: 'sudo truncate -s 0 /var/log/wtmp', decision: 'ask' },
    { cmd: 'sudo apt autoremove --purge -y', decision: 'ask' },
    { cmd: 'apt-get autoremove --purge -y', decision: 'ask' },
    { cmd: 'chage -l deploy', decision: 'allow' },
    { cmd: 'groupmod -n devs developers', decision: 'allow' },
    { cmd: 'update-alternatives --set editor /usr/bin/vim.basic', decision: 'allow' },
    { cmd: 'update-alternatives --display editor', decision: 'allow' },
    { cmd: 'timedatectl', decision: 'allow' },
    { cmd: 'timedatectl set-timezone UTC', decision: 'allow' },
    { cmd: 'ntpdate -q pool.ntp.org', decision: 'allow' },
    { cmd: 'sudo ntpdate pool.ntp.org', decision: 'allow' },
    { cmd: 'date -u +%s', decision: 'allow' },
    { cmd: 'date -d yesterday', decision: 'allow' },
    { cmd: 'truncate -s 0 /tmp/app.log', decision: 'allow' },
    { cmd: 'apt-get autoremove -y', decision: 'allow' },
    { cmd: 'apt-get -s autoremove --purge', decision: 'allow' },
  ]);

  table('process managers and orchestrators', [
    { cmd: 'supervisorctl stop all', decision: 'ask' },
    { cmd: 'supervisorctl shutdown', decision: 'ask' },
    { cmd: 'nomad job stop api', decision: 'ask', production: true },
    { cmd: 'nomad job scale api 0', decision: 'ask', production: true },
    { cmd: 'nomad node drain -enable -yes -deadline 1s node1', decision: 'ask', production: true },
    { cmd: 'nomad job stop -purge api', decision: 'ask', production: true },
    { cmd: 'consul leave', decision: 'ask', production: true },
    { cmd: 'consul maint -enable -service-id web', decision: 'ask', production: true },
    { cmd: 'consul kv delete -recurse app/config/', decision: 'ask', production: true },
    { cmd: 'supervisorctl status', decision: 'allow' },
    { cmd: 'supervisorctl stop worker', decision: 'allow' },
    { cmd: 'supervisorctl restart all', decision: 'allow' },
    { cmd: 'pm2 list', decision: 'allow' },
    { cmd: 'pm2 kill', decision: 'allow' },
    { cmd: 'npm run delete-backups', decision: 'allow' },
    { cmd: 'pm2 stop app', decision: 'allow' },
    { cmd: 'nomad job status api', decision: 'allow' },
    { cmd: 'nomad job plan jobs/api.nomad.hcl', decision: 'allow' },
    { cmd: 'nomad job scale api 3', decision: 'allow' },
    { cmd: 'nomad node status', decision: 'allow' },
    { cmd: 'consul members', decision: 'allow' },
    { cmd: 'consul catalog services', decision: 'allow' },
  ]);

  table('this machine only: a key copied to loopback asks, a *.local LAN host is another machine', [
    { cmd: 'ssh-copy-id -i attacker.pub localhost', decision: 'ask' },
    { cmd: 'ssh-copy-id -i attacker.pub dev@127.0.0.1', decision: 'ask' },
    { cmd: 'ssh-copy-id -i attacker.pub [::1]', decision: 'ask' },
    { cmd: 'ssh-copy-id -i ~/.ssh/id_ed25519.pub pi@raspberrypi.local', decision: 'allow' },
  ]);

  table('jobs started by a name that says they destroy', [
    { cmd: 'aws lambda invoke --function-name prod-purge-all out.json', decision: 'ask', production: true, reason: /purge/ },
    { cmd: 'aws stepfunctions start-execution --state-machine-arn arn:aws:states:us-east-1:1:stateMachine:TeardownProd', decision: 'ask', production: true },
    { cmd: 'aws glue start-job-run --job-name wipe-staging-tables', decision: 'ask' },
    { cmd: 'gh workflow run teardown.yml', decision: 'ask', production: true },
    { cmd: 'npx convex run --prod internal:wipeAll', decision: 'ask', production: true },
    { cmd: 'aws lambda invoke --function-name prod-list-orders out.json', decision: 'allow' },
    { cmd: 'aws stepfunctions start-execution --state-machine-arn arn:aws:states:us-east-1:1:stateMachine:NightlyReport', decision: 'allow' },
    { cmd: 'gh workflow run lint.yml --ref main', decision: 'allow' },
    { cmd: 'npx convex run internal:listUsers', decision: 'allow' },
    { cmd: 'npx convex run internal:purgeCache', decision: 'allow' },
  ]);
});
