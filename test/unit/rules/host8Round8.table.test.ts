import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Issue #18, red team round 8 (host rows): the machine's upkeep turned against it — unattended
 * operating-system and firmware upgrades, services stopped through managers other than systemd,
 * the host's own backups and redundancy, boot configuration, file-system features and raw edits, the
 * immutable flag, admin-group membership, software removed by managers the system pack does not
 * read. Each destroying row sits next to a look-alike that stays allowed. Commands are written from
 * the tools' manuals (apt(8), do-release-upgrade(8), dnf-system-upgrade, zypper, softwareupdate(8),
 * fwupdmgr(1), nginx -s, apachectl, rndc(8), launchctl(1), OpenRC, runit sv(8), s6-svc, tmutil(8),
 * lvconvert(8), btrfs-balance(8), nix-collect-garbage, update-grub, grubby, tune2fs(8), debugfs(8),
 * chattr(1), gpasswd(1), deluser(8), MacPorts, Chocolatey, winget, Homebrew, Scoop, conda, rustup).
 */

interface Row {
  cmd: string;
  decision: 'ask' | 'allow' | 'deny';
  reason?: RegExp;
}

const facts = testFacts({ fileStatus: (p) => (p.startsWith('/tmp/') ? 'missing' : 'file') });

function check(row: Row): void {
  const verdict = classify(row.cmd, facts, { lockdown: false });
  const shown = JSON.stringify(verdict, null, 1);
  assert.equal(verdict.decision, row.decision, shown);
  if (row.reason !== undefined) assert.ok(verdict.reasons.some((r) => row.reason!.test(r)), shown);
}

function table(title: string, rows: readonly Row[]): void {
  describe(title, () => {
    for (const row of rows) it(`${row.decision}: ${row.cmd}`, () => check(row));
  });
}

describe('rules: the machine\'s upkeep, round 8 (issue #18)', () => {
  table('operating-system and firmware upgrades run unattended', [
    { cmd: 'sudo apt full-upgrade -y', decision: 'ask', reason: /unattended/ },
    { cmd: 'sudo apt-get -y dist-upgrade', decision: 'ask', reason: /dist-upgrade/ },
    { cmd: 'sudo DEBIAN_FRONTEND=noninteractive apt-get dist-upgrade --assume-yes', decision: 'ask' },
    { cmd: 'sudo do-release-upgrade -f DistUpgradeViewNonInteractive', decision: 'ask', reason: /next release/ },
    { cmd: 'sudo dnf system-upgrade reboot', decision: 'ask', reason: /system-upgrade reboot/ },
    { cmd: 'sudo zypper --non-interactive dup', decision: 'ask' },
    { cmd: 'sudo softwareupdate -ia --restart', decision: 'ask', reason: /restarts/ },
    { cmd: 'sudo softwareupdate --install --all', decision: 'ask' },
    { cmd: 'sudo fwupdmgr update -y', decision: 'ask', reason: /firmware/ },
    { cmd: 'apt list --upgradable', decision: 'allow' },
    { cmd: 'sudo apt-get update', decision: 'allow' },
    { cmd: 'sudo apt full-upgrade -s -y', decision: 'allow' },
    { cmd: 'do-release-upgrade -c', decision: 'allow' },
    { cmd: 'dnf system-upgrade log', decision: 'allow' },
    { cmd: 'zypper dup --dry-run -n', decision: 'allow' },
    { cmd: 'softwareupdate -l', decision: 'allow' },
    { cmd: 'fwupdmgr get-devices', decision: 'allow' },
    { cmd: 'fwupdmgr get-updates', decision: 'allow' },
  ]);

  table('services taken out for good through managers other than systemd (stopping one for now stays allowed, as round 7 decided)', [
    { cmd: 'sudo launchctl unload -w /System/Library/LaunchDaemons/ssh.plist', decision: 'ask', reason: /launchd/ },
    { cmd: 'sudo launchctl disable system/com.apple.backupd-helper', decision: 'ask' },
    { cmd: 'sudo rc-update del sshd default', decision: 'ask' },
    { cmd: 'sudo nginx -s stop', decision: 'allow' },
    { cmd: 'sudo launchctl bootout system/com.openssh.sshd', decision: 'allow' },
    // Team decision 2026-12-03: brew's --force removal answers as apt purge does.
    { cmd: 'brew uninstall --force postgresql@16', decision: 'ask' },
    { cmd: 'nginx -t', decision: 'allow' },
    { cmd: 'sudo nginx -s reload', decision: 'allow' },
    { cmd: 'apachectl configtest', decision: 'allow' },
    { cmd: 'rndc status', decision: 'allow' },
    { cmd: 'launchctl list', decision: 'allow' },
    { cmd: 'launchctl print system/com.openssh.sshd', decision: 'allow' },
    { cmd: 'rc-service postgresql status', decision: 'allow' },
    { cmd: 'sv status postgresql', decision: 'allow' },
    { cmd: 'pm2 kill', decision: 'allow' },
    { cmd: 'pm2 restart all', decision: 'allow' },
  ]);

  table("the host's backups and redundancy, boot, file systems", [
    { cmd: 'sudo tmutil disable', decision: 'ask', reason: /Time Machine/ },
    { cmd: 'sudo tmutil deletelocalsnapshots /', decision: 'ask' },
    { cmd: 'sudo tmutil delete -d /Volumes/Backup -t 2026-11-01-120000', decision: 'ask' },
    { cmd: 'sudo lvconvert --merge vg0/snap', decision: 'ask', reason: /discarded/ },
    { cmd: 'sudo lvconvert -m 0 vg0/data', decision: 'ask' },
    { cmd: 'sudo btrfs balance start -dconvert=single /mnt', decision: 'ask', reason: /second copy/ },
    { cmd: 'sudo nix-collect-garbage -d', decision: 'ask' },
    { cmd: 'sudo update-grub', decision: 'ask', reason: /boot configuration/ },
    { cmd: 'sudo grub2-mkconfig -o /boot/grub2/grub.cfg', decision: 'ask' },
    { cmd: 'sudo grubby --set-default /boot/vmlinuz-5.14.0', decision: 'ask' },
    { cmd: 'sudo tune2fs -O ^has_journal /dev/sda1', decision: 'ask', reason: /journal/ },
    { cmd: "sudo debugfs -w -R 'rm /etc/passwd' /dev/sda1", decision: 'ask', reason: /debugfs -w/ },
    { cmd: 'sudo chattr -i /etc/passwd', decision: 'ask', reason: /immutable/ },
    { cmd: 'sudo chattr -R -a /var/log/audit', decision: 'ask' },
    { cmd: 'sudo chattr = /etc/resolv.conf', decision: 'ask' },
    { cmd: 'tmutil listbackups', decision: 'allow' },
    { cmd: 'tmutil status', decision: 'allow' },
    { cmd: 'sudo tmutil startbackup', decision: 'allow' },
    { cmd: 'sudo lvconvert --type raid1 -m 1 vg0/data', decision: 'allow' },
    { cmd: 'sudo btrfs balance start -dconvert=raid1 /mnt', decision: 'allow' },
    { cmd: 'sudo btrfs balance status /mnt', decision: 'allow' },
    { cmd: 'nix-collect-garbage --dry-run -d', decision: 'allow' },
    { cmd: 'grub-mkconfig', decision: 'allow' },
    { cmd: 'sudo grubby --info=ALL', decision: 'allow' },
    { cmd: 'sudo tune2fs -l /dev/sda1', decision: 'allow' },
    { cmd: 'sudo tune2fs -O has_journal /dev/sda1', decision: 'allow' },
    { cmd: "sudo debugfs -R 'stat /etc/passwd' /dev/sda1", decision: 'allow' },
    { cmd: 'lsattr /etc/passwd', decision: 'allow' },
    { cmd: 'chattr +i build/release.tar', decision: 'allow' },
  ]);

  table('admin-group membership and software removed by other managers', [
    { cmd: 'sudo gpasswd -M alice wheel', decision: 'ask' },
    { cmd: 'port uninstall postgresql16', decision: 'ask', reason: /postgresql16/ },
    { cmd: 'sudo port -f uninstall inactive', decision: 'ask' },
    { cmd: 'choco uninstall postgresql -y', decision: 'ask' },
    { cmd: 'winget uninstall --id PostgreSQL.PostgreSQL', decision: 'ask' },
    { cmd: 'brew uninstall --zap --cask docker', decision: 'ask' },
    { cmd: 'conda remove --all -n base -y', decision: 'ask', reason: /base/ },
    { cmd: 'conda env remove -n ml', decision: 'ask' },
    { cmd: 'rustup self uninstall -y', decision: 'ask', reason: /rustup/ },
    { cmd: 'sudo gpasswd -d deploy sudo', decision: 'allow' },
    { cmd: 'sudo gpasswd -M alice audio', decision: 'allow' },
    { cmd: 'port installed', decision: 'allow' },
    { cmd: 'choco list', decision: 'allow' },
    { cmd: 'choco uninstall postgresql --noop', decision: 'allow' },
    { cmd: 'brew list', decision: 'allow' },
    { cmd: 'brew uninstall jq', decision: 'allow' },
    // Team decision 2026-12-03: answers as `systemctl stop postgresql` does.
    { cmd: 'brew services stop postgresql@16', decision: 'ask' },
    { cmd: 'brew services stop nginx', decision: 'allow' },
    { cmd: 'conda remove -n ml numpy -y', decision: 'allow' },
    { cmd: 'conda env list', decision: 'allow' },
    { cmd: 'rustup toolchain uninstall nightly', decision: 'allow' },
    { cmd: 'rustup update stable', decision: 'allow' },
  ]);
});

describe('rules: the shell history and /etc/hosts, round 8 (issue #18)', () => {
  table('the shell history wiped', [
    { cmd: 'history -c && history -w', decision: 'ask', reason: /history -w/ },
    { cmd: 'history -cw', decision: 'ask' },
    { cmd: 'history -w', decision: 'ask', reason: /history -w/ },
    { cmd: '> ~/.bash_history', decision: 'ask', reason: /shell history/ },
    { cmd: 'cat /dev/null > ~/.zsh_history', decision: 'ask' },
    { cmd: 'cp /dev/null ~/.local/share/fish/fish_history', decision: 'ask' },
    { cmd: 'history 20', decision: 'allow' },
    { cmd: 'history -c', decision: 'allow' },
    { cmd: 'history | grep docker', decision: 'allow' },
    { cmd: 'echo "make test" >> ~/.bash_history', decision: 'allow' },
    { cmd: 'unset HISTFILE', decision: 'allow' },
  ]);

  table('/etc/hosts: a name of the internet pointed elsewhere, next to local development names', [
    { cmd: "echo '127.0.0.1 api.stripe.com' | sudo tee -a /etc/hosts", decision: 'ask', reason: /\/etc\/hosts/ },
    { cmd: "echo '127.0.0.1 registry.npmjs.org' >> /etc/hosts", decision: 'ask' },
    { cmd: "echo '127.0.0.1 app.test' | sudo tee -a /etc/hosts", decision: 'allow' },
    { cmd: "echo '127.0.0.1 myapp api.myapp.localhost' | sudo tee -a /etc/hosts", decision: 'allow' },
    { cmd: "echo '127.0.0.1 db.internal' | sudo tee -a /etc/hosts", decision: 'allow' },
  ]);
});

describe('rules: files deleted or emptied on another machine, round 8 (issue #18)', () => {
  table('FTP, SFTP and SMB commands, and empty copies', [
    { cmd: "lftp -e 'rm -r /www; bye' ftp.prod", decision: 'ask', reason: /lftp runs `rm -r \/www` on ftp\.prod/ },
    { cmd: "lftp -u deploy -e 'mirror -R --delete ./site /www; quit' ftp.example.com", decision: 'ask' },
    { cmd: "lftp -c 'open ftp.example.com; mrm *.db'", decision: 'ask' },
    { cmd: "smbclient //fs/share -U deploy -c 'deltree data'", decision: 'ask', reason: /deltree data/ },
    { cmd: "smbclient //fs/share -c 'cd reports; del q3.xlsx'", decision: 'ask' },
    { cmd: "curl -Q 'DELE data.db' ftp://ftp.example.com/", decision: 'ask', reason: /DELE data\.db/ },
    { cmd: "curl --quote '-RMD old' ftp://ftp.example.com/", decision: 'ask' },
    { cmd: "curl -u u:p -Q 'rm /srv/data.db' sftp://files.example.com/", decision: 'ask' },
    { cmd: 'curl -T /dev/null ftp://ftp.example.com/data.db', decision: 'ask', reason: /uploads \/dev\/null/ },
    { cmd: 'scp /dev/null deploy@prod.example.com:/var/lib/app/data.db', decision: 'ask', reason: /replaced by nothing/ },
    { cmd: "lftp -e 'ls; bye' ftp.example.com", decision: 'allow' },
    { cmd: "lftp -e 'mirror /www ./backup; bye' ftp.example.com", decision: 'allow' },
    { cmd: "smbclient //fs/share -c 'ls'", decision: 'allow' },
    { cmd: "smbclient //fs/share -c 'get report.xlsx'", decision: 'allow' },
    { cmd: 'curl -o data.db ftp://ftp.example.com/data.db', decision: 'allow' },
    { cmd: "curl -Q 'NOOP' ftp://ftp.example.com/", decision: 'allow' },
    { cmd: 'scp dist/app.tar.gz deploy@web1.example.com:/srv/releases/', decision: 'allow' },
  ]);
});
