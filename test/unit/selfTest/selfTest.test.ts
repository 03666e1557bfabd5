import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOST_IDS } from '../../../src/core/protocol/ipc';
import { interpretReply, probesFor, selfTestHost } from '../../../src/node/selfTest/selfTest';

describe('self-test', () => {
  const replies: [number | null, string, 'allow' | 'deny' | 'unclear'][] = [
    [0, '{"permission":"allow"}', 'allow'],
    [0, '{"permission":"deny","user_message":"x"}', 'deny'],
    [0, '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny"}}', 'deny'],
    [0, '{"permissionDecision":"allow"}', 'allow'],
    [0, '{"cancel":true,"errorMessage":"no"}', 'deny'],
    [0, '{"cancel":false}', 'allow'],
    [2, '', 'deny'],
    [1, '{"permission":"allow"}', 'unclear'],
    [0, 'garbage', 'unclear'],
    [0, '', 'unclear'],
    [null, '', 'unclear'],
  ];
  for (const [code, out, expected] of replies) it(`reads exit ${code} ${out || '(empty)'} as ${expected}`, () => assert.equal(interpretReply(code, out), expected));

  it('has an allow and a deny probe for every host', () => {
    for (const host of HOST_IDS) assert.deepEqual(probesFor(host, '/w').map((p) => p.expect), ['allow', 'deny'], host);
  });

  it('runs a hook command with the payload on stdin and reports pass/fail', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-selftest-'));
    try {
      const script = path.join(dir, 'hook.js');
      fs.writeFileSync(script, "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const p=JSON.parse(s);process.stdout.write(JSON.stringify({permission:p.command?'allow':'deny'}))})");
      const results = await selfTestHost('cursor', `"${process.execPath}" "${script}"`, dir, process.env);
      assert.deepEqual(results.map((r) => [r.got, r.pass]), [['allow', true], ['deny', true]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
