import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import type { SimpleCommand } from '../../../src/core/shell/ast';
import { parseShell } from '../../../src/core/shell/parser';
import { wordText } from '../../../src/core/shell/words';
import { testFacts } from '../support/policyFixtures';

/**
 * Every command the README shows keeps its verdict (issue #10): the `$ ` lines and `sh` lines of its
 * fenced blocks, the command a `blast-shield check -- '…'` example checks, and every backticked span
 * that reads like a command line (a lower-case word, then more words). Their verdicts are checked in
 * next to this file; after a deliberate change (or a README edit) rewrite them with
 * `UPDATE_README_VERDICTS=1 npx mocha --no-config -r tsx/cjs --extension ts test/unit/readme/readmeCommands.test.ts`
 * and say why in the commit.
 */

const root = path.resolve(__dirname, '../../..');
const expectedFile = path.join(__dirname, 'readmeVerdicts.json');

interface Expected {
  command: string;
  decision: string;
  production: boolean;
}

/** The command a `blast-shield check -- WORD` line checks, as the shell hands it over. */
function checkedCommand(line: string): string | undefined {
  if (!/\bblast-shield check\b.* -- /.test(line)) return undefined;
  let simple: SimpleCommand | undefined;
  JSON.stringify(parseShell(line).list, (_key, value: unknown) => {
    if (!simple && (value as SimpleCommand | null)?.type === 'simple') simple = value as SimpleCommand;
    return value;
  });
  const words = (simple?.words ?? []).map(wordText);
  const at = words.indexOf('--');
  return at >= 0 && words.length === at + 2 ? words[at + 1] : undefined;
}

function readmeCommands(): string[] {
  const text = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const out: string[] = [];
  for (const block of text.matchAll(/```(\w*)\n([\s\S]*?)```/g)) {
    for (const line of block[2]!.split('\n')) {
      if (line.startsWith('$ ')) out.push(line.slice(2));
      else if (block[1] === 'sh' && line.trim() !== '') out.push(line.replace(/\s+#.*$/, '').trim());
    }
  }
  out.push(...out.map(checkedCommand).filter((c): c is string => c !== undefined));
  const prose = text.replace(/```[\s\S]*?```/g, '');
  for (const span of prose.matchAll(/`([^`\n]+)`/g)) if (/^[a-z][\w.-]* \S/.test(span[1]!)) out.push(span[1]!);
  return [...new Set(out)];
}

function verdictOf(command: string): Expected {
  const v = classify(command, testFacts(), { lockdown: false });
  return { command, decision: v.decision, production: v.production };
}

describe('README: every command it shows keeps its verdict', () => {
  const commands = readmeCommands();
  if (process.env.UPDATE_README_VERDICTS === '1') fs.writeFileSync(expectedFile, JSON.stringify(commands.map(verdictOf), null, 1) + '\n');
  const expected: Expected[] = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));

  it('the checked-in verdicts list exactly the commands the README shows', () => {
    assert.deepEqual(expected.map((e) => e.command), commands);
  });

  for (const row of expected) {
    it(`${row.decision}${row.production ? ' (production)' : ''}: ${row.command}`, () => {
      assert.deepEqual(verdictOf(row.command), row);
    });
  }
});
