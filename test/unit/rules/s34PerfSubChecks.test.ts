import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/policy/analyze';
import { findingsOf } from '../../../src/core/policy/classify';
import type { Invocation } from '../../../src/core/policy/types';
import { credentialReachPack, CREDENTIAL_REACH_CHECKS } from '../../../src/core/rules/credentialReach';
import { setSubCheckIndex, type SubCheck } from '../../../src/core/rules/support/subChecks';
import { corpusCommands } from '../support/corpusCommands';
import { invocation, testFacts } from '../support/policyFixtures';
import { realContext } from '../support/packRun';

/**
 * The sub-check index (rules/support/subChecks.ts): a pack that sees every invocation calls each of its
 * sub-checks only for the program names the sub-check says it reacts to (`reactsTo`, declared next to
 * it). Proved by construction over every corpus command and every invocation its analysis finds: what
 * a name skips, the sub-check finds nothing in; and the pack finds the same with the index on and off.
 */

const facts = testFacts();

const inv = (name: string, args: readonly string[]): Invocation => invocation([name, ...args]);

const named = (check: SubCheck): string => check.name || 'a sub-check';

describe('sub-check index (s34 perf)', () => {
  afterEach(() => setSubCheckIndex(true));

  it('credential-reach: a sub-check without reactsTo runs for every name; at least 15 declare one', () => {
    const declared = CREDENTIAL_REACH_CHECKS.checks.filter((c) => c.reactsTo !== undefined);
    assert.ok(declared.length >= 15, `${declared.length} declare reactsTo`);
    const always = CREDENTIAL_REACH_CHECKS.checks.filter((c) => c.reactsTo === undefined);
    for (const name of ['cat', 'constructor', '__proto__', 'toString', '']) for (const c of always) assert.ok(CREDENTIAL_REACH_CHECKS.checksFor(name).includes(c), `${named(c)} runs for '${name}'`);
  });

  // Rows: a name a sub-check reacts to runs it; a look-alike name next to it does not.
  const ROWS: ReadonlyArray<readonly [check: string, name: string, runs: boolean]> = [
    ['checkGitHistoryDumps', 'git', true],
    ['checkGitHistoryDumps', 'gitk', false],
    ['checkMintingClis', 'az', true],
    ['checkMintingClis', 'flyctl', true],
    ['checkMintingClis', 'gh', true],
    ['checkMintingClis', 'ls', false],
    ['checkMintingClis', 'constructor', false],
    ['checkForeignShellText', 'pwsh', true],
    ['checkForeignShellText', 'fish', true],
    ['checkForeignShellText', 'bash', false],
    ['checkImageBuildCopies', 'podman', true],
    ['checkImageBuildCopies', 'kubectl', false],
    ['checkConsoleSecrets', 'tofu', true],
    ['checkConsoleSecrets', 'terragrunt', false],
  ];
  it(`credential-reach: ${ROWS.length} rows of which names run which sub-check`, () => {
    for (const [name, program, runs] of ROWS) {
      const check = CREDENTIAL_REACH_CHECKS.checks.find((c) => c.name === name);
      assert.ok(check, `${name} is in the list`);
      assert.equal(CREDENTIAL_REACH_CHECKS.checksFor(program).includes(check), runs, `${name} for '${program}'`);
    }
  });

  it('index off: every sub-check runs for every name', () => {
    setSubCheckIndex(false);
    assert.equal(CREDENTIAL_REACH_CHECKS.checksFor('ls').length, CREDENTIAL_REACH_CHECKS.checks.length);
  });

  it('a routine command finds nothing; a token minted and the environment printed next to it (env) are still found', () => {
    const ctx = realContext(facts);
    assert.deepEqual(credentialReachPack.checkInvocation!(inv('git', ['status']), ctx), []);
    assert.deepEqual(credentialReachPack.checkInvocation!(inv('gh', ['auth', 'status']), ctx), []);
    for (const [name, args] of [['gh', ['auth', 'refresh', '-s', 'admin:org']], ['flyctl', ['tokens', 'create', 'deploy']], ['env', ['-0']]] as const) {
      assert.ok(credentialReachPack.checkInvocation!(inv(name, [...args]), ctx).length > 0, `${name} ${args.join(' ')} is still found`);
    }
  });

  it('what a name skips, the sub-check finds nothing in (every invocation of every corpus command)', function () {
    this.timeout(600_000);
    const ctx = realContext(facts);
    let skipped = 0;
    for (const command of corpusCommands()) {
      for (const invocation of analyze(command, facts).invocations) {
        const runs = CREDENTIAL_REACH_CHECKS.checksFor(invocation.name);
        for (const check of CREDENTIAL_REACH_CHECKS.checks) {
          if (runs.includes(check)) continue;
          skipped++;
          let found: unknown;
          try {
            found = check(invocation, ctx);
          } catch (err) {
            found = `throws ${String(err)}`;
          }
          assert.deepEqual(found, [], `${named(check)} skips ${invocation.name} but finds in ${command.slice(0, 200)}: ${JSON.stringify(found).slice(0, 300)}`);
        }
      }
    }
    assert.ok(skipped > 50_000, `${skipped} sub-check calls skipped`);
  });

  it('the engine finds the same with the index on and off (every corpus command, credential-reach)', function () {
    this.timeout(600_000);
    for (const command of corpusCommands()) {
      const analysis = { ...analyze(command, facts), opaque: [] };
      setSubCheckIndex(true);
      const on = findingsOf(analysis, facts, [credentialReachPack]);
      setSubCheckIndex(false);
      const off = findingsOf(analysis, facts, [credentialReachPack]);
      assert.deepEqual(on, off, command.slice(0, 200));
    }
  });
});
