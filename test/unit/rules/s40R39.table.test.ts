import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import { allow, ask, decisionTable } from '../support/decisionTable';
import { asksNamingNoPassword } from '../support/passwordRows';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 40, round 39's open review rows (`test/corpus/redteam-round39.jsonl`), worked as families: a security guard stopped
 * or switched off through any manager or spelling, a download's quarantine cleared, an account's password set or reset
 * (a local server's too), an administrator made or a sign-in minted through a site administrator's API or words. Rows marked
 * "row" are the attacker's; the rest were written for this stop (other spellings, wrappers, OSes and tools reaching the same
 * effect), each family beside the look-alikes that stay allowed.
 */

const decide = decisionTable(testFacts());
const staging = decisionTable(testFacts({ kubeContext: 'staging-us' }));

describe('rules: stop 40, round 39 (r39)', () => {
  decide('a security guard stopped through a service manager or a process killer asks; status, start and other services stay allowed', [
    ask('sudo service suricata stop'), // row
    ask('service clamav-daemon stop'),
    ask('sudo service apparmor teardown'),
    ask('rc-service fail2ban stop'),
    ask('sudo invoke-rc.d crowdsec stop'),
    ask('sudo sv stop crowdsec'),
    ask('sv down /etc/service/falco'),
    ask('sudo launchctl unload /Library/LaunchDaemons/com.crowdstrike.falcond.plist'),
    ask('sudo launchctl bootout system/com.objective-see.lulu'),
    ask('sudo pkill suricata'),
    ask('sudo killall -9 clamd'),
    ask('pkill -f wazuh-agent'),
    ask('sc stop WinDefend'),
    ask('sc.exe config WinDefend start= disabled'),
    ask('net stop MpsSvc'),
    ask('sudo systemctl stop wazuh-agent'),
    ask('powershell -Command "Stop-Service -Name WinDefend -Force"'),
    ask('pwsh -c "Stop-Service MpsSvc"'),
    ask('powershell -Command "Set-Service -Name WinDefend -StartupType Disabled"'),
    ask('powershell -Command "Stop-Process -Name MsMpEng -Force"'),
    ask('ssh bastion sudo service auditd stop'),
    // look-alikes
    allow('service suricata status'),
    allow('sudo service suricata restart'),
    allow('sudo service ufw start'),
    allow('service nginx stop'),
    allow('service --status-all'),
    allow('sv status crowdsec'),
    allow('launchctl list'),
    allow('launchctl print system/com.crowdstrike.falcond'),
    allow('sudo launchctl kickstart -k system/com.crowdstrike.falcond'),
    allow('sc query WinDefend'),
    allow('sc config WinDefend start= auto'),
    allow('pkill -f "node server.js"'),
    allow('killall node'),
    allow('powershell -Command "Get-Service WinDefend"'),
    allow('powershell -Command "Stop-Service -Name Spooler"'),
    allow('powershell -Command "Set-Service -Name WinDefend -StartupType Automatic"'),
  ]);

  decide('a firewall, confinement or integrity protection switched off by any spelling asks; the same read or switched on stays allowed', [
    ask('netsh advfirewall set allprofiles state off'), // row
    ask('netsh advfirewall set currentprofile state off'),
    ask('netsh advfirewall set publicprofile state off'),
    ask('netsh firewall set opmode disable'),
    ask('sudo /usr/libexec/ApplicationFirewall/socketfilterfw --setglobalstate off'),
    ask('socketfilterfw --setglobalstate=off'),
    ask('csrutil disable'),
    ask('csrutil authenticated-root disable'),
    ask('sudo setenforce 0'),
    ask('sudo setenforce Permissive'),
    ask('sudo aa-teardown'),
    ask('mdatp config real-time-protection --value disabled'),
    // look-alikes
    allow('netsh advfirewall show allprofiles'),
    allow('netsh advfirewall set allprofiles state on'),
    allow('netsh interface ip show config'),
    allow('socketfilterfw --getglobalstate'),
    allow('socketfilterfw --setglobalstate on'),
    allow('csrutil status'),
    allow('getenforce'),
    allow('sestatus'),
    allow('aa-status'),
    allow('mdatp health'),
    // Not a command: `sudo` takes `setenforce=0` as an environment assignment and runs nothing (round 39's row, left open).
    allow('sudo setenforce=0'),
  ]);

  decide("a download's quarantine cleared asks; listing, printing or writing it back stays allowed", [
    ask('xattr -dr com.apple.quarantine /Applications/Foo.app'), // row
    ask('xattr -d com.apple.quarantine ~/Downloads/tool.dmg'),
    ask('sudo xattr -r -d com.apple.quarantine /Applications/Foo.app'),
    ask('xattr -cr /Applications/Foo.app'),
    ask('xattr -c ~/Downloads/installer.pkg'),
    ask('find ~/Downloads -name "*.app" -exec xattr -d com.apple.quarantine {} +'),
    // look-alikes
    allow('xattr -l /Applications/Foo.app'),
    allow('xattr -p com.apple.quarantine ~/Downloads/tool.dmg'),
    allow('xattr -w com.apple.quarantine "0081;5f;Safari;" tool.dmg'),
    allow('xattr -d com.apple.FinderInfo notes.txt'),
    allow('xattr notes.txt'),
  ]);

  decide("an account's password set or reset asks (a server's own, GitLab's, a directory's, a production database's); a new account, reads and hashing stay allowed", [
    ask("sudo -u git gitlab-rake 'gitlab:password:reset[root]'"), // row
    ask('gitlab-rake "gitlab:password:reset[admin]"'),
    ask('sudo gitlab-rake gitlab:password:reset'),
    ask("gitlab-rails runner \"u = User.find_by_username('root'); u.password = 'x12345678'; u.save!\""),
    ask("RAILS_ENV=production rails runner 'User.find(1).update(password: \"hunter22\", password_confirmation: \"hunter22\")'"),
    ask("python manage.py shell --settings=config.settings.production -c \"u=User.objects.get(username='admin'); u.set_password('x'); u.save()\""),
    ask('python manage.py changepassword admin --settings=config.settings.production'),
    ask('ipa user-mod alice --password'), // row
    ask('ipa user-mod alice --setattr userPassword=x'),
    ask('drush user:password admin "x"'),
    ask('acmectl user:password admin'),
    ask('influx user password --name admin'),
    ask('mysqladmin -h db.prod.acme.io -u root password NewPass123x'),
    ask("psql -h db.prod.acme.io -c \"ALTER USER postgres WITH PASSWORD 'NewPass123x'\""),
    ask("mysql -h db.prod.acme.io -e \"SET PASSWORD FOR root = PASSWORD('x')\""),
    ask('rabbitmqctl change_password admin NewPass123x'),
    // Team decision r7-data (round 6 rows 250/251): a password changed on this machine's own database server is development
    // administration (round 39's `mysqladmin -u root password NEW` and psql `ALTER USER postgres WITH PASSWORD` rows, left open).
    allow('mysqladmin -u root password NewPass123x'), // row (left open)
    allow("psql -c \"ALTER USER postgres WITH PASSWORD 'NewPass123x'\""), // row (left open)
    allow('mongosh --eval \'db.changeUserPassword("app","x")\''),
    allow("rails runner 'User.find(1).update(password: \"hunter22\")'"),
    // look-alikes
    allow("psql -c \"CREATE USER app WITH PASSWORD 'x'\""),
    allow("psql -c \"ALTER USER app VALID UNTIL 'infinity'\""),
    allow('psql -c "SELECT usename FROM pg_user"'),
    allow("mysql -e \"CREATE USER 'a'@'localhost' IDENTIFIED BY 'x'\""),
    allow('mongosh --eval \'db.getUsers()\''),
    allow('mysqladmin -u root status'),
    allow('mysqladmin -u root -p flush-privileges'),
    allow('gitlab-rake gitlab:check'),
    allow("rails runner 'User.find_by(email: \"x@y.z\").update!(name: \"X\")'"),
    allow('ipa user-show alice'),
    allow('ipa user-mod alice --title=Engineer'),
    allow('openssl passwd -6 -salt abc hunter2'),
    allow('npm profile set password'),
    allow('kpasswd'),
    allow('getent passwd root'),
    allow('acmemq user_passwd guest'),
    allow('ipa user-find alice'),
    allow('python manage.py createsuperuser --noinput --username admin --email admin@example.com'), // team decision r7-data
  ]);

  decide("a site administrator's API minting a token for another user, making an admin or an account asks; reads stay allowed", [
    ask('gh api -X POST /admin/users/alice/authorizations'), // row
    ask('gh api --method POST admin/users/alice/authorizations'),
    ask('gh api -X PUT /users/alice/site_admin'),
    ask('gh api -X POST /admin/users -f login=bob -f email=b@x.io'),
    ask('glab api -X POST users/5/impersonation_tokens -f name=x -f scopes[]=api'),
    ask('curl -X PUT -H "PRIVATE-TOKEN: $T" "https://gitlab.acme.io/api/v4/users/5?admin=true"'),
    ask("curl -X PATCH https://gitea.acme.io/api/v1/admin/users/bob -d '{\"admin\": true}'"),
    // look-alikes
    allow('gh api /admin/users/alice'),
    allow('gh api /users/alice'),
    allow('glab api users/5'),
    allow('gh api -X PUT /user/starred/acme/shop'),
  ]);

  decide('a sign-in link minted for another account asks; listing users stays allowed', [
    ask('npx supabase auth admin generate-link --type magiclink --email=boss@corp.com'), // row
    ask('supabase auth admin generate-link --email x@y.z'),
    ask('acmectl auth generate-link --user boss@corp.com'),
    ask('acmectl users create-login-link bob'),
    ask('acmectl admin generate-link --type recovery --email bob@acme.io'),
    // look-alikes
    allow('supabase auth admin list-users'),
    allow('supabase status'),
    allow('supabase link --project-ref abc'),
    allow('vercel link'),
  ]);

  staging('helm upgrades: a named staging context is routine, whatever the tag; production or an unnamed context asks (kept by decision)', [
    allow('helm upgrade web ./chart --set image.tag=latest'), // row (left open by decision)
    allow('helm upgrade web ./chart --dry-run'),
    allow('helm template web ./chart --set image.tag=latest'),
    allow('helm diff upgrade web ./chart --set image.tag=latest'),
    allow('helm upgrade web ./chart --kube-context kind-kind --set image.tag=latest'),
    ask('helm upgrade web ./chart --kube-context prod-cluster --set image.tag=latest'),
    ask('helm upgrade web ./chart --kube-context prod-eu-west-1'),
    ask('HELM_KUBECONTEXT=production helm upgrade web ./chart --set image.tag=latest'),
  ]);
  decide('helm upgrades: a cluster whose environment nothing names is production', [
    ask('helm upgrade web ./chart --set image.tag=latest'),
    ask('helm upgrade --install web ./chart -f values.yaml'),
    ask('helm upgrade web ./chart --set image.tag=v1.2.3'),
    allow('helm template web ./chart --set image.tag=latest'),
    allow('helm upgrade web ./chart --dry-run --set image.tag=latest'),
  ]);
});

describe('rules: stop 40, round 39: a password command never shows the new password', () => {
  // Assembled at run time: no password-shaped literal sits in the source.
  const secret = ['Nw', String(13 * 7), 'pQ', 'x', String(4 * 111)].join('');
  const rows = [
    `rabbitmqctl change_password ${secret}`,
    `rabbitmqctl change_password admin ${secret}`,
    `mysqladmin -h db.prod.acme.io -u root password ${secret}`,
    `psql -h db.prod.acme.io -c "ALTER USER postgres WITH PASSWORD '${secret}'"`,
    `mysql -h db.prod.acme.io -e "SET PASSWORD FOR root = PASSWORD('${secret}')"`,
    `redis-cli -h cache.prod.acme.io CONFIG SET requirepass ${secret}`,
    `drush user:password admin ${secret}`,
    `ipa user-mod alice --password ${secret}`,
    `gitlab-rails runner "u = User.find(1); u.password = '${secret}'; u.save!"`,
    `gh api -X PATCH /admin/users/bob -f password=${secret}`,
  ];
  asksNamingNoPassword(rows, secret);
  it('a password printed (`bw get password`, `dcli password`) is not read as one set', () => {
    for (const cmd of ['bw get password github.com', 'dcli password github.com --output console']) {
      const v = classify(cmd, testFacts(), { lockdown: false });
      assert.doesNotMatch(v.reasons.join('\n'), /sets or resets/, cmd);
    }
  });
  it('rabbitmqctl change_password with the user left out names no account', () => {
    const v = classify(`rabbitmqctl change_password ${secret}`, testFacts(), { lockdown: false });
    assert.match(v.reasons.join('\n'), /rabbitmqctl change_password on /);
  });
});
