import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 38: a program registered to run later by a tool nothing describes (rules/programRegistration.ts, issue #18
 * criterion 5), and the packet filter switched off or opened (pfctl, `ufw default allow`: rules/hostDamage.ts). The
 * rows were written fresh from each tool's documentation (NSSM, sc.exe, circus, watchman, schtasks, Supervisor-likes,
 * pfctl(8), ufw(8)); each family sits next to the reads, removals and start-now runs that stay allowed.
 */

const decide = decisionTable(testFacts({}));

describe('rules: stop 38, programs registered to run later, and the packet filter opened', () => {
  decide('a service, supervised program, watcher trigger or scheduled task given a program asks and names it; reads, removals and runs now stay allowed', [
    ask('nssm install AcmeSync C:\\tools\\sync.exe', { says: /sync\.exe/ }),
    ask('nssm install AcmeSync C:\\tools\\sync.exe --interval 60', { says: /run later/ }),
    ask('sc.exe create AcmeSync binPath= C:\\tools\\sync.exe start= auto', { says: /sync\.exe/ }),
    ask('circusctl add --start sync-worker ./sync.sh', { says: /sync\.sh/ }),
    ask("watchman -- trigger . envsync '*.env' -- ./sync.sh", { says: /sync\.sh/ }),
    ask("watchman -- trigger /srv/app rebuild '*.js' -- node build.js", { says: /build\.js/ }),
    ask('schtasks /create /tn nightly /tr C:\\jobs\\nightly.bat /sc daily', { says: /nightly\.bat/ }),
    ask('taskctl add nightly --command ./scripts/nightly.sh', { says: /nightly\.sh/ }),
    ask('jobber add cleanup --exec=./scripts/cleanup.py', { says: /cleanup\.py/ }),
    ask('launchd-cli register com.acme.sync ./bin/sync.sh'),
    ask('servy install AcmeSync --path C:\\tools\\sync.exe ./run.ps1'),
    ask('sudo nssm install AcmeSync C:\\tools\\sync.exe'),
    ask('winsw install sync.xml ./sync.exe'),
    ask('cd /srv && circusctl add worker ./run.sh'),
    // reads, removals, a name with no program, files added to a store, and programs started now stay allowed
    allow('nssm status AcmeSync'),
    allow('circusctl status'),
    allow('circusctl list'),
    allow('watchman watch-project .'),
    allow('watchman -- trigger-list .'),
    allow('watchman watch-list'),
    allow('supervisorctl add sync'),
    allow('forever start sync.js'),
    allow('dvc add run.py'),
    allow('yadm add bin/x.sh'),
    allow('mytool create site ./public'),
    allow('schtasks /query /tn nightly'),
    allow('taskctl list --command ./scripts/nightly.sh'),
  ]);
  decide('the packet filter turned off, flushed or opened asks; reads, parses, enabling and outgoing-only defaults stay allowed', [
    ask('sudo pfctl -d', { says: /packet filter off/ }),
    ask('pfctl -d', { says: /packet filter off/ }),
    ask('sudo pfctl -F all -f /dev/null', { says: /Flushes/ }),
    ask('sudo pfctl -Fa', { says: /Flushes/ }),
    ask('sudo pfctl -F rules', { says: /Flushes/ }),
    ask('sudo ufw default allow incoming', { says: /allow every incoming/ }),
    ask('sudo ufw default allow routed', { says: /allow every routed/ }),
    allow('pfctl -sr'),
    allow('sudo pfctl -s info'),
    allow('sudo pfctl -e -f /etc/pf.conf'),
    allow('sudo pfctl -nf /etc/pf.conf'),
    allow('sudo ufw default allow outgoing'),
    allow('sudo ufw status verbose'),
  ]);
});
