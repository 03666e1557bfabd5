import * as assert from 'node:assert/strict';
import { describeHost } from './hostSuite';

describeHost('copilot', {
  askFixture: 'bash.rm-rf',
  failureExitCode: 0,
  unknownEvent: (t) => JSON.stringify({ hookEventName: 'sessionStart', cwd: t.workspace, source: 'new' }),
  cases: [
    { fixture: 'bash.git-status', kind: 'shell', decision: 'allow', check: (a) => assert.equal(a.kind === 'shell' && a.command, 'git status') },
    { fixture: 'bash.rm-rf', kind: 'shell', decision: 'deny', asks: true },
    { fixture: 'create.claude-settings', kind: 'write', decision: 'deny' },
    { fixture: 'edit.source', kind: 'write', decision: 'allow' },
    { fixture: 'view.env', kind: 'read', decision: 'deny' },
  ],
});
