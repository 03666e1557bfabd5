import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Interpreters read their options through the one option grammar: the code of `-c`/`-e`/`-r` is found
 * however the options around it are written, and an option after python's `-c CODE` is the program's
 * (python stops reading options there), so `-m x` after it does not hide the code.
 */

const facts = testFacts();
const decision = (command: string) => classify(command, facts, { lockdown: false }).decision;

const FORMS: [string, string][] = [
  // [form with {} for the code, the code deleting /home in that language]
  ["python3 -c '{}'", 'import shutil; shutil.rmtree("/home")'],
  ["python3 -c '{}' -m x", 'import shutil; shutil.rmtree("/home")'],
  ["python3 -Wignore -c '{}'", 'import shutil; shutil.rmtree("/home")'],
  ["python3 -W ignore -X dev -c '{}'", 'import shutil; shutil.rmtree("/home")'],
  ["python3 -Sc '{}'", 'import shutil; shutil.rmtree("/home")'],
  ["node -e '{}'", 'require("fs").rmSync("/home", {recursive: true})'],
  ["node -pe '{}'", 'require("fs").rmSync("/home", {recursive: true})'],
  ["node --require ./x.js -e '{}'", 'require("fs").rmSync("/home", {recursive: true})'],
  ["node --eval='{}'", 'require("fs").rmSync("/home", {recursive: true})'],
  ["perl -lne '{}' notes.txt", 'system("rm -rf /home")'],
  ["perl -i.bak -e '{}'", 'system("rm -rf /home")'],
  ["ruby -Ku -e '{}'", 'system("rm -rf /home")'],
  ["php -d x=1 -r '{}'", 'system("rm -rf /home");'],
];

const HARMLESS: Record<string, string> = { python3: 'print(1)', node: 'console.log(1)', perl: 'print 1', ruby: 'puts 1', php: 'echo 1;' };

describe('interpreters: code options wherever they are written', () => {
  for (const [form, code] of FORMS) {
    const harmless = HARMLESS[form.split(' ')[0]!]!;
    it(`${form.replace('{}', code)} is denied; with ${harmless} it is allowed`, () => {
      assert.equal(decision(form.replace('{}', code)), 'deny');
      assert.equal(decision(form.replace('{}', harmless)), 'allow');
    });
  }
});
