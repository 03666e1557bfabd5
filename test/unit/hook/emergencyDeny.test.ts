import * as assert from 'node:assert/strict';
import { HOST_IDS } from '../../../src/core/protocol/ipc';
import { emergencyDeny } from '../../../src/hook/emergencyDeny';
import { failClosedReply } from '../../../src/hook/runHook';

describe('emergencyDeny', () => {
  for (const host of [...HOST_IDS, 'not-a-host', '']) {
    it(`answers exactly like runHook's fail-closed reply for '${host}'`, () => {
      const { decision, ...expected } = failClosedReply(host, 'the sky fell');
      assert.equal(decision, 'deny');
      assert.deepEqual(emergencyDeny(host, 'the sky fell'), expected);
    });
  }
});
