import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/policy/analyze';
import { agentOfTerminal, runsOnlyGuardCli } from '../../../src/editor/agentTerminals';
import { testFacts } from '../support/policyFixtures';

describe('terminal watch: which terminals belong to an agent', () => {
  const cases: [string, { name: string; hideFromUser?: boolean }, string | undefined][] = [
    ["VS Code's agent creates its terminals hidden from the user", { name: 'bash', hideFromUser: true }, 'VS Code agent'],
    ["Cline's terminals are named Cline", { name: 'Cline' }, 'Cline'],
    ['Roo Code', { name: 'Roo Code' }, 'Roo Code'],
    ['Kilo Code', { name: 'Kilo Code' }, 'Kilo Code'],
    ['a terminal the user opened', { name: 'bash' }, undefined],
    ['a terminal the user opened, shown', { name: 'zsh', hideFromUser: false }, undefined],
    ['a user terminal named after the project', { name: 'acme-shop' }, undefined],
  ];
  for (const [name, terminal, agent] of cases) it(name, () => assert.equal(agentOfTerminal(terminal), agent));
});

describe("terminal watch: the guard's own CLI", () => {
  const facts = testFacts({ cwd: '/work/app', workspaceRoots: ['/work/app'] });
  const guardDirs = ['/ext/blast-shield-0.1.0/dist', '/home/dev/.blast-shield/bin'];
  const payload = `'{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"rm -rf data"}}'`;
  const cases: [string, boolean][] = [
    [`echo ${payload} | node /ext/blast-shield-0.1.0/dist/cli.js hook claude`, true],
    [`echo ${payload} | /home/dev/.blast-shield/bin/blast-shield-hook claude`, true],
    ['blast-shield status', true],
    ['npx blast-shield check -- rm -rf data', true],
    ['node /ext/blast-shield-0.1.0/dist/cli.js audit tail', true],
    ['blast-shield status; rm -rf data', false],
    ['rm -rf data && node /ext/blast-shield-0.1.0/dist/cli.js status', false],
    ['node /tmp/other/cli.js hook claude', false],
    ['rm -rf data', false],
  ];
  for (const [command, guard] of cases) {
    it(command, () => assert.equal(runsOnlyGuardCli(analyze(command, facts).invocations, guardDirs), guard));
  }
});
