import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * SIGUSR1 opens the inspector of a Node or Electron process (kill -USR1 on the editor's server, then
 * code run inside it: test/redteam/inspector-sigusr1.sh). Spellings from kill(1), pkill(1),
 * killall(1), Node's `node inspect -p` and process._debugProcess, Python's os.kill; other signals and
 * reading the signal list stay allowed.
 */
const DENIED: readonly string[] = [
  'kill -USR1 21010',
  'kill -SIGUSR1 21010',
  'kill -usr1 21010',
  'kill -s USR1 21010',
  'kill -s SIGUSR1 21010',
  'kill --signal USR1 21010',
  'kill --signal=USR1 21010',
  'kill -n 10 21010',
  'kill -10 21010',
  '/bin/kill -USR1 21010',
  'sudo kill -USR1 21010',
  'kill -USR1 $(pgrep -f out/node/entry)',
  'pgrep -f code-server | xargs kill -USR1',
  'pkill -USR1 -f code-server',
  'pkill --signal USR1 node',
  'killall -USR1 node',
  'killall -s USR1 code',
  'sh -c "kill -USR1 21010"',
  'node inspect -p 21010',
  "node -e 'process._debugProcess(21010)'",
  "python3 -c 'import os, signal; os.kill(21010, signal.SIGUSR1)'",
  "perl -e 'kill \"USR1\", 21010'",
  "python3 -c 'import os; os.kill(21010, 10)'",
  "node -e 'process.kill(21010, 30)'",
  "ruby -e 'Process.kill(\"USR1\", 21010)'",
  'code --remote-debugging-port=9222 .',
  'code --inspect-extensions=9333 .',
  'cursor --inspect-brk-extensions 9333 .',
  'code-server --inspect=0 .',
  // Round 24: the number in any place of the call, in any language (stop 36).
  'kill -sigusr1 21010',
  'python3 -c "import os,sys;os.kill(int(sys.argv[1]),10)" $(pgrep -n node)',
  "perl -e 'kill 10, $ARGV[0]' $(pgrep -n node)",
  "ruby -e 'Process.kill(10, ARGV[0].to_i)' $(pgrep -n node)",
  "perl -e 'kill(10, 21010)'",
  "perl -e 'kill USR1 => 21010'",
  "ruby -e 'Process.kill(:USR1, 21010)'",
  "python3 -c 'import os; os.kill(21010, 0xa)'",
  "python3 -c 'import os, signal; os.kill(21010, signal.Signals(10))'",
  "python3 -c 'import os; os.killpg(21010, 10)'",
  "php -r 'posix_kill(21010, 10);'",
  'node -e "process.kill(+process.argv[1], 0x0a)" 21010',
];

const ALLOWED: readonly string[] = [
  'kill 21010',
  'kill -TERM 21010',
  'kill -9 21010',
  'kill -s HUP 21010',
  'kill -USR2 21010',
  'kill -l',
  'kill -l USR1',
  'pkill -HUP nginx',
  'killall -s HUP syslogd',
  'node inspect app.js',
  'node --inspect-brk app.js',
  "node -e 'process.kill(process.pid, \"SIGTERM\")'",
  "python3 -c 'import os; os.kill(21010, 15)'",
  'pgrep -f code-server',
  'code --list-extensions',
  'code --diff a.ts b.ts',
  'cursor .',
  "perl -e 'kill 9, $ARGV[0]' 21010",
  "perl -e 'kill 0, 21010 or die; sleep 10'",
  "ruby -e 'Process.kill(:TERM, 21010)'",
  "python3 -c 'import time; time.sleep(10)'",
  "node -e 'process.kill(21010, 0)'",
  "python3 -c 'import os; os.kill(21010, 100)'",
];

describe('inspector: SIGUSR1 and debuggers attached to other processes', () => {
  for (const command of DENIED) {
    it(`denies: ${command}`, () => {
      const v = classify(command, testFacts(), { lockdown: false });
      assert.equal(v.decision, 'deny', `${command}: ${v.reasons.join('; ')}`);
      assert.ok(v.reasons.some((r) => /SIGUSR1 opens the inspector|attaches a debugger|opens a debugger port/.test(r)), v.reasons.join('; '));
    });
  }
  for (const command of ALLOWED) {
    it(`allows: ${command}`, () => {
      const v = classify(command, testFacts(), { lockdown: false });
      assert.ok(!v.reasons.some((r) => /SIGUSR1 opens the inspector|attaches a debugger|opens a debugger port/.test(r)), `${command}: ${v.reasons.join('; ')}`);
    });
  }
});
