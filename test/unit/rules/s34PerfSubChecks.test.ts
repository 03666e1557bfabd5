import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/core/policy/analyze';
import { findingsOf } from '../../../src/core/policy/classify';
import type { Invocation } from '../../../src/core/policy/types';
import { credentialReachPack, CREDENTIAL_REACH_CHECKS } from '../../../src/core/rules/credentialReach';
import { setSubCheckIndex, type SubCheck } from '../../../src/core/rules/support/subChecks';
import { testFacts } from '../support/policyFixtures';
import { realContext } from '../support/packRun';

/**
 * The sub-check index (rules/support/subChecks.ts): a pack that sees every invocation calls each of its
 * sub-checks only for the program names the sub-check says it reacts to (`reactsTo`, declared next to
 * it). Proved by construction over every corpus command and every invocation its analysis finds: what
 * a name skips, the sub-check finds nothing in; and the pack finds the same with the index on and off.
 */

const facts = testFacts();

function corpusCommands(): string[] {
  const corpus = join(__dirname, '..', '..', 'corpus');
  return readdirSync(corpus)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(corpus, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { command: string }).command));
}

function inv(name: string, args: string[]): Invocation {
  return { name, command: name, args: args.map((text) => ({ text, raw: text, dynamic: false, glob: false })), assignments: {}, redirects: [], via: [], origin: { kind: 'command' }, cwd: '/work/app' };
}

const named = (check: SubCheck): string => check.name || 'a sub-check';

describe('sub-check index (s34 perf)', () => {
  afterEach(() => setSubCheckIndex(true));

  it('credential-reach: a sub-check without reactsTo runs for every name; at least 15 declare one', () => {
    const declared = CREDENTIAL_REACH_CHECKS.checks.filter((c) => c.reactsTo !== undefined);
    assert.ok(declared.length >= 15, `${declared.length} declare reactsTo`);
    const always = CREDENTIAL_REACH_CHECKS.checks.filter((c) => c.reactsTo === undefined);
    for (const name of ['cat', 'constructor', '__proto__', 'toString', '']) for (const c of always) assert.ok(CREDENTIAL_REACH_CHECKS.checksFor(name).includes(c), `${named(c)} runs for '${name}'`);
  });

  // Rows: a name a sub-check reacts to runs it; a look-alike name does not.
  const ROWS: { check: string; name: string; runs: boolean }[] = [
    { check: 'checkGitHistoryDumps', name: 'git', runs: true },
    { check: 'checkGitHistoryDumps', name: 'gitk', runs: false },
    { check: 'checkMintingClis', name: 'az', runs: true },
    { check: 'checkMintingClis', name: 'flyctl', runs: true },
    { check: 'checkMintingClis', name: 'gh', runs: true },
    { check: 'checkMintingClis', name: 'ls', runs: false },
    { check: 'checkMintingClis', name: 'constructor', runs: false },
    { check: 'checkForeignShellText', name: 'pwsh', runs: true },
    { check: 'checkForeignShellText', name: 'fish', runs: true },
    { check: 'checkForeignShellText', name: 'bash', runs: false },
    { check: 'checkImageBuildCopies', name: 'podman', runs: true },
    { check: 'checkImageBuildCopies', name: 'kubectl', runs: false },
    { check: 'checkConsoleSecrets', name: 'tofu', runs: true },
    { check: 'checkConsoleSecrets', name: 'terragrunt', runs: false },
  ];
  for (const row of ROWS) {
    it(`credential-reach: ${row.check} for '${row.name}' → ${row.runs ? 'runs' : 'skipped'}`, () => {
      const check = CREDENTIAL_REACH_CHECKS.checks.find((c) => c.name === row.check);
      assert.ok(check, `${row.check} is in the list`);
      assert.equal(CREDENTIAL_REACH_CHECKS.checksFor(row.name).includes(check), row.runs);
    });
  }

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
