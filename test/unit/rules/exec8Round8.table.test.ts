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
