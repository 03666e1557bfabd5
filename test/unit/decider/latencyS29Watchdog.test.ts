import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The decision server's watchdog thread is woken only when it must be (idle, or sleeping past the new
 * deadline), never on disarm: each of those paths must still end a decision that never yields. Each
 * case runs in a child process (the watchdog kills its whole process).
 */

const root = path.resolve(__dirname, '../../..');

function runChild(body: string): ReturnType<typeof spawnSync> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-latencyS29-wd-'));
  try {
    const file = path.join(dir, 'child.ts');
    fs.writeFileSync(file, `import { startDecisionWatchdog } from ${JSON.stringify(path.join(root, 'src/node/decider/decisionWatchdog'))};\nconst spin = (ms: number) => { const t = Date.now(); while (Date.now() - t < ms); };\nconst sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);\nvoid spin; void sleep;\n${body}\n`);
    return spawnSync(process.execPath, ['-r', 'tsx/cjs', file], { cwd: root, encoding: 'utf8', timeout: 40_000 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('decider: the watchdog thread, woken only when it must be', function () {
  this.timeout(90_000);

  const cases: { name: string; body: string; killed: boolean }[] = [
    {
      name: 'a shorter limit after a longer one (the thread sleeping until the longer one) still kills at the shorter',
      body: 'const w = startDecisionWatchdog()!; sleep(300); w.arm(20000); spin(50); w.disarm(); w.arm(300); spin(6000); console.log("survived");',
      killed: true,
    },
    {
      name: 'armed again after the thread went idle (a quiet spell longer than the limit), a hang is killed',
      body: 'const w = startDecisionWatchdog()!; sleep(300); w.arm(200); spin(20); w.disarm(); sleep(700); w.arm(300); spin(6000); console.log("survived");',
      killed: true,
    },
    {
      name: 'the twentieth of back-to-back decisions (no wake on any disarm) hangs: killed',
      body: 'const w = startDecisionWatchdog()!; sleep(300); for (let i = 0; i < 19; i++) { w.arm(400); spin(5); w.disarm(); } w.arm(400); spin(6000); console.log("survived");',
      killed: true,
    },
    {
      name: 'decisions disarmed in time, then a quiet spell past every deadline: nothing is killed',
      body: 'const w = startDecisionWatchdog()!; sleep(300); for (let i = 0; i < 10; i++) { w.arm(200); spin(5); w.disarm(); } spin(900); console.log("survived", w.alive());',
      killed: false,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = runChild(c.body);
      if (c.killed) {
        assert.equal(r.signal, 'SIGKILL', `stdout ${r.stdout} stderr ${r.stderr}`);
        assert.ok(!String(r.stdout).includes('survived'));
      } else {
        assert.equal(r.status, 0, String(r.stderr));
        assert.match(String(r.stdout), /survived true/);
      }
    });
  }
});
