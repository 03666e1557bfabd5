import * as assert from 'node:assert/strict';
import { HOST_IDS } from '../../../src/core/protocol/ipc';
import { runHook } from '../../../src/hook/runHook';
import { HOOK_TIMEOUT_SECONDS } from '../../../src/node/hosts/adapters';
import { DEADLINE_MARGIN_MS, HOST_HOOK_LIMITS, WATCHDOG_MARGIN_MS, dialogDeadline, hostHookLimitSeconds } from '../../../src/node/hosts/deadlines';
import { hostStatus, installHost } from '../../../src/node/hosts/install';
import { fakeEngine, fixtureText, makeTempHome } from './support';
import * as fs from 'node:fs';

// The dialog must end, and the hook answer deny, before the host kills the hook: a killed hook lets the
// action run in VS Code, Copilot CLI and Cline, and in Claude Code before 2.1.295.
describe('hosts: deadlines per host', () => {
  it('every host has a row saying its limit and what it does on a kill', () => {
    for (const host of HOST_IDS) {
      const row = HOST_HOOK_LIMITS[host];
      assert.ok(row, `no limit for ${host}`);
      assert.ok(row.seconds > 0 && row.onKill.length > 0);
    }
  });

  it('Cline waits 120 s whatever the hook file says; the others read our entry', () => {
    assert.equal(hostHookLimitSeconds('cline'), 120);
    for (const host of HOST_IDS.filter((h) => h !== 'cline')) assert.equal(hostHookLimitSeconds(host), HOOK_TIMEOUT_SECONDS);
  });

  for (const host of HOST_IDS) {
    it(`${host}: the dialog gives up, and the watchdog answers, before the host's limit`, () => {
      const limitMs = hostHookLimitSeconds(host) * 1000;
      assert.equal(dialogDeadline(host, 0), limitMs - DEADLINE_MARGIN_MS);
      assert.ok(dialogDeadline(host, 0) < limitMs - WATCHDOG_MARGIN_MS, 'the dialog ends before the watchdog');
      assert.ok(WATCHDOG_MARGIN_MS > 0);
    });
  }

  it('the installer writes our timeout wherever the host reads one from the entry', () => {
    const t = makeTempHome();
    try {
      for (const host of HOST_IDS) {
        const row = HOST_HOOK_LIMITS[host];
        if (!row || row.setBy !== 'our entry') continue;
        const ctx = { scope: 'user' as const, home: t.home, guardHome: t.guardHome, env: {} };
        installHost(host, ctx);
        const file = hostStatus(host, ctx).files[0]!.file;
        assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`"(timeout|timeoutSec)": ${HOOK_TIMEOUT_SECONDS}\\b`), `${host}: ${file}`);
      }
    } finally {
      t.cleanup();
    }
  });

  it('a Cline ask is sent with a deadline inside Cline\'s 120 s', async () => {
    const t = makeTempHome();
    try {
      let deadline = 0;
      const started = Date.now();
      await runHook('cline', fixtureText('cline', 'tool_call.run_commands.rm-rf', t.home), t.env, {
        engine: fakeEngine(),
        now: () => started,
        ask: async (_home, request) => ((deadline = request.deadline), { decision: 'deny', reason: 'no' }),
      });
      assert.equal(deadline, started + 120_000 - DEADLINE_MARGIN_MS);
    } finally {
      t.cleanup();
    }
  });
});
