import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import { createRealEngine } from '../../../src/hook/realEngine';
import { runHook } from '../../../src/hook/runHook';
import { fake, randomChars } from '../credentials/fakeSecrets';
import { fixtureText, inProcessEditor, makeTempHome, type TempHome } from '../hosts/support';
import { testFacts } from '../support/policyFixtures';

/**
 * The verb floor names what a command acts on (`stripe customers delete cus_…` deletes customer
 * cus_…). A word of the command that is shaped like a secret (a token, a key, a long random run) is
 * never quoted: not in the verdict the rules return, not in the audit entry the hook writes. The fake
 * values are assembled at run time.
 */
describe('the verb floor never quotes a secret-shaped word', function () {
  this.timeout(60000);
  const secrets = {
    github: fake.githubToken(),
    stripe: fake.stripeKey(),
    aws: 'AKIA' + randomChars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567').toUpperCase(),
    random: fake.apiToken(),
  };
  const shapes = (s: string): string[] => [
    `acmectl secret delete ${s}`,
    `acmectl token revoke ${s} --force`,
    `acmectl destroy cluster ${s}`,
    `acmectl delete api-key ${s} --yes`,
    `acmectl delete app prod-${s}`,
    `zzctl purge --api-key=${s} prod`,
    `acmectl secrets get ${s}`,
  ];

  for (const [kind, secret] of Object.entries(secrets)) {
    it(`a ${kind}-shaped word: the floor still asks, and its verdict does not carry the word`, () => {
      for (const cmd of shapes(secret)) {
        const verdict = classify(cmd, testFacts(), { lockdown: false });
        assert.equal(verdict.decision, 'ask', `${cmd.replace(secret, '<secret>')}: ${verdict.reasons.join(' | ').split(secret).join('<secret>')}`);
        assert.ok(!JSON.stringify(verdict).includes(secret), `the verdict of ${cmd.replace(secret, '<secret>')} quotes the secret: ${JSON.stringify(verdict).split(secret).join('<secret>')}`);
      }
    });
  }

  // Found by this file's random tokens (about 1 in 300 was allowed): camel-case pieces of a token spelled
  // a verb that prints nothing (`…a1Rm…` -> `rm`) or a non-production word (`…xQaB…` -> `qa`).
  for (const piece of ['Rm', 'Del', 'Qa', 'Dev', 'Test', 'Ci', 'Drop', 'Purge']) {
    it(`a token whose camel-case pieces spell ${piece.toLowerCase()}: reading it still asks`, () => {
      const token = 'gh' + 'p_' + randomChars(9) + 'a1' + piece + randomChars(18);
      for (const cmd of [`acmectl secrets get ${token}`, `acmectl secret get ${token} --reveal`]) {
        const verdict = classify(cmd, testFacts(), { lockdown: false });
        assert.equal(verdict.decision, 'ask', cmd.replace(token, '<token>'));
      }
    });
  }

  it('an ordinary name is still quoted (the target and the confirmation phrase)', () => {
    const verdict = classify('stripe customers delete cus_NffrFeUfNV2Hib', testFacts(), { lockdown: false });
    assert.equal(verdict.targets[0]?.name, 'cus_NffrFeUfNV2Hib');
    assert.ok(verdict.reasons.some((r) => r.includes('cus_NffrFeUfNV2Hib')));
  });

  describe('the audit entry the hook writes', () => {
    let t: TempHome;
    before(() => {
      t = makeTempHome();
      fs.mkdirSync(t.guardHome, { recursive: true, mode: 0o700 });
    });
    after(() => t.cleanup());

    it('holds no secret-shaped word of a floor command', async () => {
      const engine = createRealEngine(t.env);
      const claude = JSON.parse(fixtureText('claude', 'Bash.git-status', t.home)) as { tool_input: Record<string, unknown> };
      const all = Object.values(secrets);
      for (const secret of all) {
        for (const cmd of shapes(secret).slice(0, 4)) {
          const r = await runHook('claude', JSON.stringify({ ...claude, tool_input: { ...claude.tool_input, command: cmd } }), t.env, { engine, verifier: inProcessEditor });
          assert.ok(!r.stdout.includes(secret) && !(r.stderr ?? '').includes(secret), 'the hook reply carries the secret');
        }
      }
      const audit = fs.readFileSync(path.join(t.guardHome, 'audit.jsonl'), 'utf8');
      assert.ok(audit.split('\n').filter((l) => l.includes('acmectl')).length >= 4, 'the floor commands were audited');
      for (const secret of all) assert.ok(!audit.includes(secret), `the audit log carries a ${secret.slice(0, 3)}… secret`);
    });
  });
});
