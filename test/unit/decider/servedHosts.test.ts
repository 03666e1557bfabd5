import { strict as assert } from 'node:assert';
import { decideAsHook } from '../../../src/cli/decider';
import { HOST_IDS, type HostId } from '../../../src/core/protocol/ipc';
import { createRealEngine } from '../../../src/hook/realEngine';
import { runHook } from '../../../src/hook/runHook';
import { DECIDER_PROTOCOL, SERVED_HOSTS } from '../../../src/node/decider/protocol';
import { fixtureNames, fixtureText, makeTempHome, type TempHome } from '../hosts/support';

/**
 * The warm decision server answers every host (protocol.ts SERVED_HOSTS): for each captured payload of each
 * host (test/fixtures/hosts/<host>/, from the real clients where they run here), the server's decision
 * (decideAsHook, what the server process runs) and a hook process's decision (runHook in-process) must be
 * the same bytes — stdout, stderr and exit code — or the server must decline (a call that would ask the
 * editor is decided in-process by the hook, as before).
 */
describe('decider: every host is served, and answered as the hook process would', function () {
  this.timeout(120_000);

  it('SERVED_HOSTS is exactly the hosts the hook serves (a new host is served, or deliberately not, never forgotten)', () => {
    assert.deepEqual([...SERVED_HOSTS].sort(), [...HOST_IDS].sort());
  });

  for (const host of HOST_IDS) {
    describe(host, () => {
      let t: TempHome;
      const seen = { allow: 0, deny: 0, declined: 0 };
      before(() => {
        t = makeTempHome();
      });
      after(() => {
        t.cleanup();
        // Each host's fixtures hold a routine call and a destructive or self-protection one: both must
        // have been answered by the server itself, or this suite proved nothing for the host.
        assert.ok(seen.allow > 0, `${host}: no fixture was answered allow by the server`);
        assert.ok(seen.deny + seen.declined > 0, `${host}: no fixture was denied or declined by the server`);
      });
      for (const name of fixtureNames(host as HostId)) {
        it(`${name}: the server's answer is the hook process's answer`, async () => {
          const input = fixtureText(host as HostId, name, t.home);
          const request = { v: DECIDER_PROTOCOL, build: 'b', nonce: '0'.repeat(32), host, input, env: t.env, cwd: t.workspace, pid: process.pid, ppid: process.ppid };
          const served = await decideAsHook('')(request);
          const inProcess = await runHook(host, input, t.env, { engine: createRealEngine(t.env), audit: false });
          if ('declined' in served) {
            // Declined only for a call the hook process would not simply allow: it decides those itself.
            assert.equal(served.declined, 'ask');
            assert.notEqual(inProcess.decision, 'allow', `${host}/${name}: declined by the server though the hook process allows it`);
            seen.declined++;
            return;
          }
          assert.equal(served.result.stdout, inProcess.stdout, `${host}/${name}: stdout`);
          assert.equal(served.result.stderr ?? '', inProcess.stderr ?? '', `${host}/${name}: stderr`);
          assert.equal(served.result.exitCode, inProcess.exitCode, `${host}/${name}: exit code`);
          assert.equal(served.result.decision, inProcess.decision, `${host}/${name}: decision`);
          seen[served.result.decision]++;
        });
      }
    });
  }
});
