import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import { gatherFacts } from '../../../src/node/facts';
import { agentSessionStart, unstableScriptReason } from '../../../src/node/scriptStability';

/**
 * A script the agent could have written during its session is not judged by its text: it can be
 * swapped between the check and the run (test/redteam/toctou-script-swap.sh). Scripts that were
 * there before the session are judged as before, and `check` (no session) judges every script by text.
 */
describe('scripts changed during the agent session are not judged by their text', () => {
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-script-stability-'));
    fs.mkdirSync(path.join(dir, '.git'));
    for (const [name, text] of [['fresh.sh', 'echo lint ok\n'], ['fresh.py', 'print("ok")\n'], ['run.sh', '#!/bin/sh\necho ok\n']] as const) {
      fs.writeFileSync(path.join(dir, name), text, { mode: 0o755 });
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const decide = (command: string, session: number | undefined) =>
    classify(command, gatherFacts({ cwd: dir, workspaceRoots: [dir], env: { HOME: os.homedir() }, scriptSession: () => session }), { lockdown: false });

  it('reports a file changed since the session began, not one changed before it', () => {
    const start = Date.now() + 5000;
    assert.equal(unstableScriptReason(path.join(dir, 'fresh.sh'), Date.now() - 60_000), 'was written during this agent session, so it can change between this check and its run (what was read is not necessarily what runs)');
    assert.equal(unstableScriptReason(path.join(dir, 'fresh.sh'), start), undefined);
    assert.equal(unstableScriptReason(path.join(dir, 'missing.sh'), Date.now() - 60_000), undefined, 'a missing script runs nothing');
    // No session known: the last hour stands in.
    assert.ok(unstableScriptReason(path.join(dir, 'fresh.sh'), undefined));
  });

  const sessionBefore = (): number => Date.now() - 60_000;
  const sessionAfter = (): number => Date.now() + 60_000;

  const rows: Array<[string, string]> = [
    ['sh', 'sh fresh.sh'],
    ['bash after a delay', 'sleep 10; bash fresh.sh'],
    ['source', '. ./fresh.sh'],
    ['a path run directly (shebang)', './run.sh'],
    ['python', 'python3 fresh.py'],
  ];
  for (const [label, command] of rows) {
    it(`asks for a script written during the session: ${label}`, () => {
      const v = decide(command, sessionBefore());
      assert.equal(v.decision, 'ask', `${command}: ${v.reasons.join('; ')}`);
      assert.ok(v.reasons.some((r) => /written during this agent session/.test(r)), v.reasons.join('; '));
    });
    it(`judges it by its text when it predates the session: ${label}`, () => {
      assert.equal(decide(command, sessionAfter()).decision, 'allow', command);
    });
  }

  it('without a session (check, the corpus) every script is judged by its text', () => {
    const v = classify('sh fresh.sh', gatherFacts({ cwd: dir, workspaceRoots: [dir], env: { HOME: os.homedir() } }), { lockdown: false });
    assert.equal(v.decision, 'allow');
  });

  it('commands that run no script file are not affected', () => {
    for (const command of ['git status', 'ls -la', 'cat fresh.sh', 'echo sh fresh.sh']) assert.equal(decide(command, sessionBefore()).decision, 'allow', command);
  });

  it("finds the agent's session start on Linux (the first process above the hook that is not a shell)", function () {
    if (process.platform !== 'linux') this.skip();
    const start = agentSessionStart();
    assert.ok(start !== undefined && start <= Date.now() && start > Date.now() - 365 * 24 * 3600 * 1000, String(start));
  });
});
