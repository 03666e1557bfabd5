import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as path from 'node:path';

/**
 * A real Node process running keepInspectorClosed: SIGUSR1 no longer opens the inspector (no
 * InspectorIo thread on Node >= 22, and no "Debugger listening" line on any version), while a
 * process without it opens the inspector on the same signal.
 */
const MODULE = path.resolve(__dirname, '../../../src/node/ipc/signalInspector.ts');

function run(guarded: boolean): Promise<string> {
  const code = `
    ${guarded ? `require(${JSON.stringify(MODULE)}).keepInspectorClosed({ warn: (m) => process.stdout.write('warned\\n'), trace() {}, debug() {}, info() {}, error() {} });` : ''}
    process.stdout.write('ready\\n');
    setTimeout(() => process.exit(0), 1500);
  `;
  return new Promise((resolve) => {
    // --inspect-port=0: a port of its own if the inspector opens (9229 may be taken on a shared machine).
    const child = cp.spawn(process.execPath, ['--inspect-port=0', '--require', 'tsx/cjs', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready') && !out.includes('sent')) {
        out += 'sent\n';
        child.kill('SIGUSR1');
      }
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', () => resolve(out));
  });
}

describe('the extension host keeps the inspector closed on SIGUSR1', function () {
  this.timeout(30000);
  before(function () {
    if (process.platform === 'win32') this.skip();
  });

  it('a guarded process logs the signal and opens no inspector', async () => {
    const out = await run(true);
    assert.match(out, /warned/);
    assert.doesNotMatch(out, /Debugger listening/);
  });

  it('an unguarded process opens it on the same signal (the attack is real)', async () => {
    const out = await run(false);
    assert.match(out, /Debugger listening/);
  });
});
