import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { boxedByOuterWatchdog, TimeBoxExceeded, withinTimeBox } from '../../../src/hook/timeBox';

/**
 * The decision server's one watchdog thread (armed per decision) in place of node:vm's thread per
 * analysis: a decision that never yields ends the process; one that finishes in time leaves it alone.
 * Each case runs in a child process (the watchdog kills its whole process).
 */

const root = path.resolve(__dirname, '../../..');

function runChild(body: string): ReturnType<typeof spawnSync> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-latency-wd-'));
  try {
    const file = path.join(dir, 'child.ts');
    fs.writeFileSync(file, `import { startDecisionWatchdog } from ${JSON.stringify(path.join(root, 'src/node/decider/decisionWatchdog'))};\nconst spin = (ms: number) => { const t = Date.now(); while (Date.now() - t < ms); };\nvoid spin;\n${body}\n`);
    return spawnSync(process.execPath, ['-r', 'tsx/cjs', file], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('decider: the one watchdog thread', function () {
  this.timeout(60_000);

  const cases: { name: string; body: string; killed: boolean }[] = [
    { name: 'a decision that never yields past its limit ends the process (SIGKILL)', body: 'const w = startDecisionWatchdog()!; w.arm(300); spin(8000); console.log("survived");', killed: true },
    { name: 'a decision disarmed in time leaves the process alone, even when it then runs long', body: 'const w = startDecisionWatchdog()!; w.arm(300); spin(50); w.disarm(); spin(900); console.log("survived");', killed: false },
    { name: 'many short decisions, each armed and disarmed, never trip it', body: 'const w = startDecisionWatchdog()!; for (let i = 0; i < 40; i++) { w.arm(250); spin(10); w.disarm(); } spin(500); console.log("survived", w.alive());', killed: false },
    { name: 'armed again with a later deadline, the later one counts; past it the process ends', body: 'const w = startDecisionWatchdog()!; w.arm(200); w.arm(1500); spin(600); console.log("at 600"); spin(8000); console.log("survived");', killed: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = runChild(c.body);
      if (c.killed) {
        assert.equal(r.signal, 'SIGKILL', `stdout ${r.stdout} stderr ${r.stderr}`);
        assert.ok(!String(r.stdout).includes('survived'));
      } else {
        assert.equal(r.status, 0, String(r.stderr));
        assert.match(String(r.stdout), /survived/);
      }
      if (c.body.includes('at 600')) assert.match(String(r.stdout), /at 600/);
    });
  }

  it('while the outer watchdog is alive the per-call box is skipped; once it is gone the box applies again', () => {
    const busy = (): number => {
      const t = Date.now();
      while (Date.now() - t < 60);
      return 1;
    };
    try {
      boxedByOuterWatchdog(() => true);
      assert.equal(withinTimeBox(5, 'busy work', busy), 1);
      boxedByOuterWatchdog(() => false);
      assert.throws(() => withinTimeBox(5, 'busy work', busy), TimeBoxExceeded);
    } finally {
      boxedByOuterWatchdog(undefined);
    }
    assert.throws(() => withinTimeBox(5, 'busy work', busy), TimeBoxExceeded);
  });
});
