import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import type { Verdict } from '../../../src/core/policy/types';
import { RULE_PACKS } from '../../../src/core/rules/index';
import { ownTable } from '../../../src/core/ownTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Words named like Object.prototype members (`constructor`, `toString`, `__proto__` …) as a program,
 * a subcommand, an option or a variable name: tables keyed by such words are null-prototype
 * (`ownTable`), so no pack reads an inherited function as a table row and fails (an internal-error
 * ask). Each proto-named command gets the verdict of the same command with a neutral name.
 */

const PROTO_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupGetter__'];
const NEUTRAL = 'frobnicate';
const facts = testFacts({ files: { '/work/app/package.json': JSON.stringify({ name: 'app', scripts: { test: 'mocha' } }) } });

function failures(v: Verdict): string[] {
  return v.reasons.filter((r) => /internal error|rules failed/.test(r));
}

const verdictOf = (command: string): Verdict => classify(command, facts, { lockdown: false });

/** Command shapes with N where the proto-named word goes: program, subcommand, option, variable, path, script, host. */
const SHAPES: readonly string[] = [
  'N', 'N x y', 'N -N --N N', 'sudo N', '/usr/bin/N a', 'N | N', 'N > N.txt', 'xargs N', 'env N=1 bash -c ls', 'N=1 ls', 'export N=x; rm -rf "$N"',
  'echo $N', 'echo "${N:-x}"', 'unset N; rm -rf $N/x', 'declare -n N=HOME; rm -rf $N', 'alias N=rm; N -rf /', 'N() { rm -rf /; }; N', 'env -u N rm x',
  'git N', 'git --N push', 'git config N.x y', 'git -c N.x=1 status', 'kubectl N x', 'kubectl --context N delete ns x', 'docker N', 'docker run N N',
  'npm N', 'npm run N', 'npx N', 'yarn N', 'pnpm N', 'make N', 'just N', 'pip N', 'cargo N', 'brew N', 'apt N', 'helm N', 'terraform N',
  'aws N N', 'gcloud N N', 'az N', 'fly N', 'gh N', 'heroku N -a prod', 'systemctl N x', 'redis-cli N', 'psql N', 'psql -c "N"',
  "mysql -e 'drop database N'", "sqlite3 x.db '.N'", 'python3 -m N', "python3 -c 'import os; os.N()'", "node -e 'N()'", 'bash N', './N', 'N.sh',
  'ssh N@N ls', 'ssh host N', '!curl -X N http://x', 'curl https://N.example.com/N', 'rm --N', 'rm -rf ~/.N/N', 'cat ~/.N', 'tar -xf N.tar -C N',
  'find . -name N -delete', 'grep -r N ~', 'cat .env | N', 'crontab -l | N', 'cd N && rm -rf .',
];

describe('words named like Object.prototype members (s30 perf)', () => {
  it('ownTable: a proto-named key finds nothing, listed keys are found, `in` means listed', () => {
    const table = ownTable<number>({ rm: 1, git: 2 });
    for (const name of PROTO_NAMES) {
      assert.equal(table[name], undefined, name);
      assert.equal(name in table, false, name);
    }
    assert.equal(table.rm, 1);
    assert.equal('git' in table, true);
    assert.deepEqual(Object.keys(table), ['rm', 'git']);
  });

  // Table rows: each shape with a proto name, next to the same shape with a neutral name.
  // `!`: no internal error only (`curl -X __proto__` reads an upper-case method as one chosen at run time, unlike `-X frobnicate`).
  for (const row of SHAPES) {
    const sameVerdict = !row.startsWith('!');
    const shape = row.replace(/^!/, '');
    it(`${shape.replace(/N/g, '<name>')}: no internal error${sameVerdict ? ', the verdict of the neutral name' : ''}`, () => {
      const neutral = verdictOf(shape.replace(/N/g, NEUTRAL));
      assert.deepEqual(failures(neutral), [], 'the neutral spelling fails');
      for (const name of PROTO_NAMES) {
        const v = verdictOf(shape.replace(/N/g, name));
        assert.deepEqual(failures(v), [], `${shape.replace(/N/g, name)}`);
        if (sameVerdict) assert.equal(v.decision, neutral.decision, `${shape.replace(/N/g, name)}: ${v.reasons.join(' | ')} (neutral: ${neutral.reasons.join(' | ')})`);
      }
    });
  }

  // Every program a pack names, with proto-named subcommands and options.
  it('every command a pack lists, with proto-named subcommands and options: no pack fails', function () {
    this.timeout(600_000);
    const names = [...new Set(RULE_PACKS.flatMap((p) => p.commands ?? []))].sort();
    assert.ok(names.length > 300, `packs list ${names.length} command names`);
    const bad: string[] = [];
    for (const name of names) {
      for (const proto of ['constructor', '__proto__', 'toString', 'valueOf']) {
        for (const command of [`${name} ${proto} ${proto}`, `${name} --${proto} ${proto} -${proto}`]) {
          const failed = failures(verdictOf(command));
          if (failed.length > 0) bad.push(`${command}: ${failed[0]}`);
        }
      }
    }
    assert.deepEqual(bad.slice(0, 20), []);
  });
});
