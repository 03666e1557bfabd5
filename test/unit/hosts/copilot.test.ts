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
    // Keystrokes into a running shell session: the line they type is judged; keys that recall a line are not readable.
    { fixture: 'write_bash.rm-rf', kind: 'shell', decision: 'deny', asks: true, check: (a) => assert.equal(a.kind === 'shell' && a.command, 'rm -rf ./data\n') },
    { fixture: 'write_bash.answer-yes', kind: 'shell', decision: 'allow', check: (a) => assert.equal(a.kind === 'shell' && a.command, 'y\n') },
    { fixture: 'write_bash.history-recall', kind: 'unreadable', decision: 'deny' },
    // A session may be a database prompt: the text is also judged as a statement to a server nobody named
    // (the stand-in engine asks for both parts, and two asks are refused together; cliHook.test.ts runs the real engine).
    {
      fixture: 'write_bash.psql-drop',
      kind: 'all',
      decision: 'deny',
      check: (a) => assert.deepEqual(a.kind === 'all' && a.actions.map((x) => x.kind === 'shell' && x.command), ['DROP TABLE orders;\n', "psql --host=the-running-session -c 'DROP TABLE orders;\n'"]),
    },
    // PowerShell (Copilot CLI on Windows) is read as PowerShell.
    { fixture: 'powershell.remove-item', kind: 'shell', decision: 'deny', asks: true, check: (a) => assert.equal(a.kind === 'shell' && a.command, "pwsh -NoProfile -Command 'Remove-Item -Recurse -Force .\\data'") },
  ],
});
