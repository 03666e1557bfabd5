import { strict as assert } from 'node:assert';
import { keystrokeAction, typedText } from '../../../src/node/hosts/keystrokes';

/** Copilot's write_bash / write_powershell input: text with special keys ({enter}, {up} ...). */
describe('hosts/keystrokes: what a write into a running session types', () => {
  const cases: Array<[string, { text: string } | 'unreadable']> = [
    ['rm -rf ./data{enter}', { text: 'rm -rf ./data\n' }],
    ['y{ENTER}', { text: 'y\n' }],
    ['npm test\r\n', { text: 'npm test\n' }],
    ['\u0003', { text: '\n' }],
    ['{ctrl+c}', { text: '\n' }],
    ['echo {a,b}{enter}', { text: 'echo {a,b}\n' }],
    ['{up}{enter}', 'unreadable'],
    ['rm -rf da{tab}{enter}', 'unreadable'],
    ['\u001b[A\n', 'unreadable'],
    ['rm -rf x\u007f{enter}', 'unreadable'],
  ];
  for (const [input, expect] of cases) {
    it(JSON.stringify(input), () => {
      const r = typedText(input);
      if (expect === 'unreadable') assert.ok('unreadable' in r, JSON.stringify(r));
      else assert.deepEqual(r, expect);
    });
  }

  it('text that reads as SQL is also judged as a statement to an unnamed server; shell text is not', () => {
    const sql = keystrokeAction('write_bash', 'DROP TABLE orders;{enter}', 'posix', '/w');
    assert.equal(sql.kind, 'all');
    const plain = keystrokeAction('write_bash', 'ls -la{enter}', 'posix', '/w');
    assert.deepEqual(plain, { kind: 'shell', command: 'ls -la\n', cwd: '/w' });
    const escape = keystrokeAction('write_bash', '\\! rm -rf /srv{enter}', 'posix', '/w');
    assert.ok(escape.kind === 'all' && escape.actions.some((a) => a.kind === 'shell' && a.command === 'rm -rf /srv'));
  });

  it('write_powershell is PowerShell; missing input is unreadable', () => {
    assert.deepEqual(keystrokeAction('write_powershell', 'Remove-Item -Recurse x{enter}', 'powershell', '/w'), { kind: 'shell', command: "pwsh -NoProfile -Command 'Remove-Item -Recurse x\n'", cwd: '/w' });
    assert.equal(keystrokeAction('write_bash', undefined, 'posix', '/w').kind, 'unreadable');
  });
});
