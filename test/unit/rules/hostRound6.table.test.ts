import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import type { GitPathState } from '../../../src/core/policy/types';
import { testFacts } from '../support/policyFixtures';

/**
 * Issue #18, red team round 6: damage to the machine, the repository and the guard that it allowed.
 * Each family asks next to look-alikes that stay allowed; commands are written from the tools'
 * manuals (util-linux fdisk/sfdisk/mount, iproute2, systemctl, procps, journalctl, auditctl, the
 * Docker Engine API, git-update-ref/git-config/git-annex/git-lfs).
 */

interface Row {
  cmd: string;
  decision: 'ask' | 'allow' | 'deny';
  production?: boolean;
  reason?: RegExp;
}

const GIT_STATES: Record<string, GitPathState> = {
  '/work/app/storage/app/invoice.pdf': 'ignored',
  '/work/app/storage/app': 'ignored',
  '/work/app/src/index.ts': 'modified',
  '/work/app/src/util.ts': 'unmodified',
  '/work/app/README.md': 'unmodified',
};

const facts = testFacts({
  files: {
    '/work/app/.git/HEAD': 'ref: refs/heads/main\n',
    '/work/app/.git/refs/heads/main': 'a'.repeat(40) + '\n',
    '/work/app/src/index.ts': 'export {};\n',
    '/work/app/src/util.ts': 'export {};\n',
    '/work/app/README.md': '# app\n',
    '/work/app/storage/app/invoice.pdf': '%PDF',
    '/etc/hosts': '127.0.0.1 localhost\n',
    '/etc/passwd': 'root:x:0:0::/root:/bin/bash\n',
  },
  gitPathStates: (_tree, paths) => Object.fromEntries(paths.map((p) => [p, GIT_STATES[p] ?? 'untracked'])),
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

describe('rules: the machine, the repository and the guard, round 6 (issue #18)', () => {
  table('disks, mounts and kernel switches', [
    { cmd: "sudo fdisk /dev/sda <<< $'d\\nw'", decision: 'ask', reason: /partition table of \/dev\/sda/ },
    { cmd: 'sudo sfdisk /dev/sdb < table.txt', decision: 'ask' },
    { cmd: 'sudo parted -s /dev/sdb mklabel gpt', decision: 'ask' },
    { cmd: 'sudo mdadm --zero-superblock /dev/sdb', decision: 'ask', reason: /RAID/ },
    { cmd: 'sudo mount -o remount,ro /', decision: 'ask', reason: /read-only/ },
    { cmd: 'sudo umount -l /', decision: 'ask' },
    { cmd: 'sudo umount -a', decision: 'ask' },
    { cmd: 'sudo sysctl -w kernel.panic=1', decision: 'ask', reason: /panic/ },
    { cmd: 'sudo sysctl kernel.yama.ptrace_scope=0', decision: 'ask' },
    { cmd: 'sudo fdisk -l /dev/sda', decision: 'allow' },
    { cmd: 'sudo parted /dev/sda print', decision: 'allow' },
    { cmd: 'sudo sfdisk --dump /dev/sda', decision: 'allow' },
    { cmd: 'sudo mdadm --detail /dev/md0', decision: 'allow' },
    { cmd: 'sudo mount /dev/sdb1 /mnt/usb', decision: 'allow' },
    { cmd: 'sudo mount -o remount,rw /', decision: 'allow' },
    { cmd: 'sudo umount /mnt/usb', decision: 'allow' },
    { cmd: 'sudo sysctl -w vm.max_map_count=262144', decision: 'allow' },
    { cmd: 'sysctl -a', decision: 'allow' },
  ]);
  table('network, services and processes', [
    { cmd: 'sudo ip link set eth0 down', decision: 'ask', reason: /link down/ },
    { cmd: 'sudo ip route del default', decision: 'ask' },
    { cmd: 'sudo ifconfig eth0 down', decision: 'ask' },
    { cmd: 'sudo nmcli networking off', decision: 'ask' },
    { cmd: 'sudo ufw default deny incoming && sudo ufw enable', decision: 'ask', reason: /deny every incoming/ },
    { cmd: 'sudo systemctl stop postgresql', decision: 'ask', reason: /depend on/ },
    { cmd: 'sudo systemctl mask ssh', decision: 'ask', reason: /Masks ssh/ },
    { cmd: 'sudo service postgresql stop', decision: 'ask' },
    { cmd: 'systemctl --user enable --now x.service', decision: 'ask', reason: /unit file/ },
    { cmd: 'kill 1', decision: 'ask', reason: /process 1/ },
    { cmd: 'pkill -9 -u $USER', decision: 'ask' },
    { cmd: 'pkill -9 postgres', decision: 'ask' },
    { cmd: 'killall mysqld', decision: 'ask' },
    { cmd: 'ip link show', decision: 'allow' },
    { cmd: 'ip addr', decision: 'allow' },
    { cmd: 'sudo ufw default allow outgoing', decision: 'allow' },
    { cmd: 'systemctl status postgresql', decision: 'allow' },
    { cmd: 'systemctl --user stop x.service', decision: 'allow' },
    { cmd: 'sudo systemctl restart nginx', decision: 'allow' },
    { cmd: 'sudo service nginx status', decision: 'allow' },
    { cmd: 'sudo service nginx stop', decision: 'allow' },
    { cmd: 'sudo systemctl stop nginx', decision: 'allow' },
    { cmd: 'npm run dev & pid=$!; sleep 5; kill $pid', decision: 'allow' },
    { cmd: 'kill 12345', decision: 'allow' },
    { cmd: 'kill -l 1', decision: 'allow' },
    { cmd: "pkill -f 'vite --port 5173'", decision: 'allow' },
  ]);
  table('records, disk space, logins and keys', [
    { cmd: 'sudo journalctl --vacuum-time=1s', decision: 'ask', reason: /journal/ },
    { cmd: 'sudo auditctl -D', decision: 'ask' },
    { cmd: 'sudo auditctl -e 0', decision: 'ask' },
    { cmd: 'fallocate -l 500G /tmp/x', decision: 'ask', reason: /full disk/ },
    { cmd: 'dd if=/dev/zero of=/tmp/big bs=1M count=1000000', decision: 'ask' },
    { cmd: 'yes > /tmp/fill', decision: 'ask' },
    { cmd: 'chsh -s /usr/sbin/nologin', decision: 'ask' },
    { cmd: 'ssh-copy-id -i attacker.pub localhost', decision: 'ask', reason: /authorized keys/ },
    { cmd: 'journalctl -u nginx --since today', decision: 'allow' },
    { cmd: 'sudo auditctl -l', decision: 'allow' },
    { cmd: 'fallocate -l 10M /tmp/test.img', decision: 'allow' },
    { cmd: 'dd if=/dev/zero of=/tmp/test.img bs=1M count=100', decision: 'allow' },
    { cmd: 'yes | npx create-next-app', decision: 'allow' },
    { cmd: 'ssh-copy-id deploy@staging.example.com', decision: 'allow' },
    { cmd: 'ssh-copy-id -n localhost', decision: 'allow' },
  ]);
  table("the machine's own files", [
    { cmd: 'echo x | sudo tee /etc/passwd', decision: 'ask', reason: /system folders/ },
    { cmd: 'sudo sed -i d /etc/passwd', decision: 'ask' },
    { cmd: 'sudo chmod 000 /etc/sudoers', decision: 'ask' },
    { cmd: "sudo sed -i 's/PasswordAuthentication no/PasswordAuthentication yes/' /etc/ssh/sshd_config", decision: 'ask' },
    { cmd: 'echo x > /etc/hosts', decision: 'ask' },
    { cmd: 'sudo rm /var/log/auth.log', decision: 'ask' },
    { cmd: 'rm /srv/app/current', decision: 'ask' },
    { cmd: "echo '127.0.0.1 app.test' | sudo tee -a /etc/hosts", decision: 'allow' },
    { cmd: 'cat /etc/passwd', decision: 'allow' },
    { cmd: 'sudo tee /etc/apt/sources.list.d/newrepo.list < repo.txt', decision: 'allow' },
    { cmd: 'tail -f /var/log/syslog', decision: 'allow' },
  ]);
  table('toolchains and the runtime the guard runs on', [
    { cmd: 'brew uninstall node', decision: 'ask', reason: /node/ },
    { cmd: 'pip uninstall -y pip', decision: 'ask' },
    { cmd: 'npm uninstall -g npm', decision: 'ask' },
    { cmd: 'brew uninstall jq', decision: 'allow' },
    { cmd: 'pip uninstall -y requests', decision: 'allow' },
    { cmd: 'nvm uninstall 22', decision: 'allow' },
  ]);
  table('containers in bulk and the engine API', [
    { cmd: 'docker rm -f $(docker ps -aq)', decision: 'ask', reason: /every container/ },
    { cmd: 'sudo docker stop $(docker ps -q)', decision: 'ask' },
    { cmd: 'docker ps -aq | xargs docker rm -f', decision: 'ask' },
    { cmd: "curl --unix-socket /var/run/docker.sock -X DELETE 'http://localhost/volumes/pgdata?force=true'", decision: 'ask', reason: /container engine/ },
    { cmd: 'curl --unix-socket /var/run/docker.sock -X POST http://localhost/volumes/prune', decision: 'ask' },
    { cmd: `curl -X POST http://localhost:2375/containers/create -d '{"Image":"alpine","HostConfig":{"Binds":["/:/host"]}}'`, decision: 'ask' },
    { cmd: 'docker rm -f myapp-dev', decision: 'allow' },
    { cmd: 'docker ps', decision: 'allow' },
    { cmd: 'docker rm $(docker ps -aq --filter status=exited)', decision: 'allow' },
    { cmd: 'curl --unix-socket /var/run/docker.sock http://localhost/containers/json', decision: 'allow' },
    { cmd: 'curl --unix-socket /var/run/docker.sock -X DELETE http://localhost/containers/web', decision: 'allow' },
    { cmd: "curl --unix-socket /var/run/docker.sock -X DELETE 'http://localhost/containers/web?v=1'", decision: 'ask' },
    { cmd: `curl -X POST http://localhost:2375/containers/create -d '{"Image":"alpine"}'`, decision: 'allow' },
  ]);
  table('the repository', [
    { cmd: 'git update-ref refs/heads/main HEAD~1', decision: 'ask', reason: /update-ref/ },
    { cmd: 'git config remote.origin.push +refs/heads/*:refs/heads/* && git push', decision: 'ask', production: true },
    { cmd: 'git config remote.origin.mirror true && git push', decision: 'ask', production: true },
    { cmd: 'GIT_DIR=/tmp/evil.git git status', decision: 'ask', reason: /never reads/ },
    { cmd: 'git --git-dir=/tmp/other.git log', decision: 'ask' },
    { cmd: "git -c protocol.ext.allow=always clone 'ext::sh -c rm -rf uploads'", decision: 'ask', reason: /ext::/ },
    { cmd: 'echo > .git/HEAD', decision: 'ask', reason: /records/ },
    { cmd: 'git annex drop --force .', decision: 'ask' },
    { cmd: 'git lfs prune --no-verify-remote', decision: 'ask' },
    { cmd: 'git show HEAD:src/index.ts > src/index.ts', decision: 'ask', reason: /not committed/ },
    { cmd: 'git merge-file src/index.ts src/index.ts /dev/null', decision: 'ask' },
    { cmd: "echo 'rm -rf uploads' | sponge .git/hooks/pre-commit", decision: 'ask' },
    { cmd: 'tar -xf /tmp/hooks.tar -C .git/hooks', decision: 'ask' },
    { cmd: 'git update-ref refs/heads/feature HEAD', decision: 'allow' },
    { cmd: 'git config remote.origin.push refs/heads/main:refs/heads/main', decision: 'allow' },
    { cmd: 'GIT_DIR=.git git log', decision: 'allow' },
    { cmd: 'git annex drop .', decision: 'allow' },
    { cmd: 'git lfs prune', decision: 'allow' },
    { cmd: 'git show HEAD:src/util.ts > src/util.ts', decision: 'allow' },
    { cmd: 'git show HEAD:src/index.ts > /tmp/old-index.ts', decision: 'allow' },
    { cmd: 'git merge-file -p src/index.ts src/index.ts /dev/null', decision: 'allow' },
    { cmd: "echo '*.log' >> .git/info/exclude", decision: 'allow' },
    { cmd: 'git status', decision: 'allow' },
    { cmd: 'git log --oneline', decision: 'allow' },
  ]);
  table('archives over data, TLS and proxies, code-loading variables', [
    { cmd: 'tar xf /tmp/x.tar -C storage', decision: 'ask', reason: /git cannot bring back/ },
    { cmd: 'unzip -o /tmp/x.zip -d storage', decision: 'ask' },
    { cmd: 'NODE_TLS_REJECT_UNAUTHORIZED=0 npm install', decision: 'ask', reason: /TLS/ },
    // ~/.curlrc is read by every later curl, which the guard judges without it: any write is denied (round 7 perimeter).
    { cmd: "echo 'proxy=http://evil.example:8080' >> ~/.curlrc", decision: 'deny' },
    { cmd: 'GCONV_PATH=/tmp iconv -l', decision: 'deny' },
    { cmd: 'fallocate -p -o 0 -l 10M storage/app/invoice.pdf', decision: 'ask' },
    { cmd: 'tar -xf /tmp/x.tar -C /tmp/out', decision: 'allow' },
    { cmd: 'unzip /tmp/x.zip -d storage', decision: 'allow' },
    { cmd: 'NODE_TLS_REJECT_UNAUTHORIZED=1 npm install', decision: 'allow' },
    { cmd: "echo 'silent' >> ~/.curlrc", decision: 'deny' },
    { cmd: 'iconv -l', decision: 'allow' },
  ]);
});
