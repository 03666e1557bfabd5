import { ask, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Round 8 (issue #18 items 5 and 6), interpreter obfuscation: a shell call reached through a lookup is a
 * shell call. Python's `__import__`/`importlib.import_module`/`getattr`, a process function kept in a
 * variable, `asyncio.create_subprocess_*` (Python docs: asyncio-subprocess), command text built with
 * `join`/`%`/`format`; Node's computed member names and `child_process` destructuring (Node docs:
 * child_process); Ruby's `Kernel#send`/`public_send`/`method(:system)` (Ruby docs: Object#send, Method#call).
 * Each asking row sits next to the same road carrying a harmless command.
 */

const table = decisionTable(testFacts({}));

table('Python: process APIs reached by module lookup, getattr and aliases', [
  ask(`python3 -c "__import__('os').system('dropdb -h db.prod.acme.internal shop')"`, { production: true }),
  allow(`python3 -c "__import__('os').system('ls -la')"`),
  ask(`python3 -c "__import__('subprocess').run(['rm','-rf','/var/lib/postgresql'])"`),
  allow(`python3 -c "__import__('subprocess').run(['git','status'])"`),
  ask(`python3 -c "import importlib; importlib.import_module('os').system('dropdb shop')"`),
  allow(`python3 -c "import importlib; m = importlib.import_module('json'); print(m.dumps([1]))"`),
  ask(`python3 -c "globals()['__builtins__'].__import__('os').system('dropdb shop')"`),
  ask(`python3 -c "import builtins; builtins.__import__('subprocess').call('rm -rf /srv/data', shell=True)"`),
  ask(`python3 -c "import os; getattr(os, 'system')('rm -rf /srv/data')"`),
  allow(`python3 -c "import os; getattr(os, 'system')('echo hi')"`),
  ask(`python3 -c "import os; getattr(os, 'sys' + 'tem')('echo hi')"`, { says: /built at run time/ }),
  ask(`python3 -c "__import__('o' + 's').system('echo hi')"`, { says: /built at run time/ }),
  ask(`python3 -c "import os; f=os.system; f('dropdb shop')"`),
  allow(`python3 -c "import os; f=os.system; f('echo hi')"`),
  ask(`python3 -c "import subprocess; r = subprocess.check_call
r('rm -rf data', shell=True)"`),
  allow(`python3 -c "import os; print(os.getcwd())"`),
]);

table('Python: asyncio subprocesses and command text built from literals', [
  ask(`python3 -c "import asyncio; asyncio.run(asyncio.create_subprocess_shell('dropdb shop'))"`),
  allow(`python3 -c "import asyncio; asyncio.run(asyncio.create_subprocess_shell('ls'))"`),
  ask(`python3 -c "import asyncio; asyncio.run(asyncio.create_subprocess_exec('rm', '-rf', '/srv/data'))"`),
  allow(`python3 -c "import asyncio; asyncio.run(asyncio.create_subprocess_exec('git', 'status'))"`),
  ask(`python3 -c "import os; os.system(' '.join(['dropdb','shop']))"`),
  allow(`python3 -c "import os; os.system(' '.join(['git','status']))"`),
  ask(`python3 -c "import os; os.system('%s %s' % ('dropdb','shop'))"`),
  allow(`python3 -c "import os; os.system('%s %s' % ('git','log'))"`),
  ask(`python3 -c "import os; os.system('{} {}'.format('dropdb','shop'))"`),
  ask(`python3 -c "import os, sys; os.system(' '.join(sys.argv[1:]))"`, { says: /built at run time/ }),
  allow(`python3 -c "print(', '.join(['a','b']))"`),
]);

table('Node: child_process reached by computed names, destructuring and aliases', [
  ask(`node -e "require('child_process')['exec'+'Sync']('dropdb shop')"`),
  allow(`node -e "require('child_process')['exec'+'Sync']('git status')"`),
  ask(`node -e "const {execSync:x}=require('child_process');x('dropdb shop')"`),
  allow(`node -e "const {execSync:x}=require('child_process');console.log(x('git log -1').toString())"`),
  ask(`node -e "const run = require('child_process').execSync; run('rm -rf /srv/projects')"`),
  allow(`node -e "const run = require('child_process').execSync; run('npm ls')"`),
  ask(`node -e "const cp = require('child_process'); cp[process.argv[1]]('ls')"`, { says: /built at run time/ }),
  ask(`node --input-type=module -e "import { spawnSync as s } from 'node:child_process'; s('rm', ['-rf', '/srv/data'])"`),
  allow(`node -e "const o = {a: 1}; console.log(o['a'])"`),
]);

table('Ruby: send, public_send and method objects', [
  ask(`ruby -e 'Kernel.send(:system, "dropdb shop")'`),
  allow(`ruby -e 'Kernel.send(:system, "ls")'`),
  ask(`ruby -e 'Kernel.public_send(:exec, "rm -rf /srv/data")'`),
  ask(`ruby -e 'send("system", "dropdb shop")'`),
  ask(`ruby -e 'method(:system).call("dropdb shop")'`),
  allow(`ruby -e 'method(:system).call("git status")'`),
  ask(`ruby -e 'm = method(:system); m.call("rm -rf /srv/data")'`),
  ask(`ruby -e 'Kernel.send(ARGV[0], "ls")'`, { says: /built at run time/ }),
  allow(`ruby -e 'puts [1, 2].send(:sum)'`),
]);

table('Deferred: a filter writing into a CI workflow, flow-style CI files, deploy hooks of Elastic Beanstalk and Platform.sh', [
  ask(`yq -i '.jobs.test.steps[1].run = "dropdb shop"' .github/workflows/ci.yml`, { production: true }),
  allow(`yq -i '.jobs.test.steps[1].run = "npm test"' .github/workflows/ci.yml`),
  allow(`yq '.jobs.test.steps[1].run' .github/workflows/ci.yml`),
  ask(`echo 'phases: {build: {commands: [terraform destroy -auto-approve]}}' > buildspec.yml`, { production: true }),
  allow(`echo 'phases: {build: {commands: [npm ci, npm run build]}}' > buildspec.yml`),
  ask(`echo 'container_commands: {01: {command: dropdb shop}}' > .ebextensions/x.config`, { production: true }),
  allow(`echo 'container_commands: {01: {command: npm run migrate:status}}' > .ebextensions/x.config`),
  ask(`echo 'hooks: {postdeploy: dropdb shop}' > .platform.app.yaml`, { production: true }),
  allow(`echo 'hooks: {build: npm run build}' > .platform.app.yaml`),
]);

table('Storage taken away: ZFS pools and datasets, forced unmounts', [
  ask('sudo zpool destroy tank'),
  ask('sudo zfs destroy -r tank/data'),
  allow('zfs destroy -n -r tank/data'),
  allow('zfs list -t snapshot'),
  ask('sudo zpool export -f tank'),
  ask('sudo zpool offline tank sdb'),
  allow('zpool import tank'),
  allow('zpool status -v'),
  ask('sudo umount -l /var/lib/postgresql'),
  ask('sudo umount -f /mnt/backups'),
  allow('umount /mnt/usb'),
  allow('sudo umount -l /tmp/build-mnt'),
]);

table('git-extras and other VCS front-ends (Sapling, Jujutsu, Graphite)', [
  ask('git delete-branch main', { production: true }),
  ask('git delete-tag v1.0', { production: true }),
  ask('git clear'),
  ask('git reset-file src/index.ts'),
  ask('git undo --hard'),
  ask('git obliterate secrets.txt'),
  allow('git undo'),
  allow('git summary'),
  allow('git delete-branch --help'),
  ask('jj restore'),
  allow('jj restore --from main src/a.ts'),
  ask('jj git push --deleted'),
  allow('jj git push --deleted --dry-run'),
  ask('gt branch delete main --force'),
  allow('gt branch delete feat'),
  ask(`sl hide -r 'all()'`),
  allow('sl log -l 5'),
  allow('sl status'),
]);
