import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyExtraRules, ruleMatches } from '../../../src/core/settings/extraRules';
import { mergeSettings } from '../../../src/core/settings/merge';
import { parsePolicyFile } from '../../../src/core/settings/policyFile';
import type { ExtraRule, RawLayers } from '../../../src/core/settings/types';
import type { Verdict } from '../../../src/core/policy/types';
import { runHook } from '../../../src/hook/runHook';
import { createRealEngine } from '../../../src/hook/realEngine';
import { readAuditEntries } from '../../../src/node/audit/auditLog';
import { effectivePolicyFor, hookPolicy } from '../../../src/node/policy/policyFiles';
import { managedPolicyPaths } from '../../../src/node/policy/policyPaths';
import { decisionIn, fixtureText, makeTempHome, type TempHome } from '../hosts/support';

describe('team policy files', () => {
  it('reads every documented key into the settings keys', () => {
    const { values, problems } = parsePolicyFile(
      JSON.stringify({
        production: { names: ['shop-main'], hosts: ['db.prod.example.com'], resourceIds: ['vol-1'], accounts: ['123456789012'] },
        protectedPaths: ['infra/**'],
        lockdown: true,
        dialog: { timeoutSeconds: 45 },
        hosts: { required: ['claude'] },
        rules: [{ match: 'terraform apply*', decision: 'ask', reason: 'r' }],
        terminalWatch: true,
        chatAutoApprove: true,
        hideCredentialsOnStartup: true,
        snapshots: { enabled: true, maxMegabytes: 10, maxTotalMegabytes: 100, keepDays: 3 },
        databaseBackup: { offer: true },
        audit: { export: { otlpEndpoints: ['http://127.0.0.1:4318/v1/logs'], syslogTargets: ['udp://127.0.0.1:514'] } },
      }),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(values['production.resourceIds'], ['vol-1', '123456789012']);
    assert.equal(values['lockdown.default'], true);
    assert.equal(values['dialog.timeoutSeconds'], 45);
    assert.deepEqual(values['hooks.required'], ['claude']);
    assert.equal(values['snapshots.keepDays'], 3);
    assert.deepEqual(values['audit.export.syslogTargets'], ['udp://127.0.0.1:514']);
  });

  const bad: Array<[string, RegExp]> = [
    ['{', /not valid JSON/],
    ['{"lockdown":"yes"}', /lockdown should be true or false/],
    ['{"production":{"name":["x"]}}', /production\.name is not a policy key/],
    ['{"rules":[{"match":"x","decision":"allow"}]}', /rules\[0\] needs/],
    ['{"dialog":{"timeoutSeconds":"60"}}', /dialog\.timeoutSeconds should be a number/],
    ['[]', /policy should be an object/],
  ];
  for (const [text, problem] of bad) {
    it(`reports ${text} instead of guessing`, () => assert.match(parsePolicyFile(text).problems.join('\n'), problem));
  }
  it('a rule that allows is never taken: only ask and deny exist', () => {
    const { values } = parsePolicyFile('{"rules":[{"match":"rm -rf *","decision":"allow"}]}');
    assert.deepEqual(mergeSettings({ user: {}, workspace: {}, repository: [{ values, source: 'r' }] }).settings.extraRules, []);
  });
});

describe('team policy merged with settings: may only tighten', () => {
  const managed = (values: Record<string, unknown>) => [{ values, source: '/etc/blast-shield/policy.json' }];
  const repo = (values: Record<string, unknown>) => [{ values, source: '/ws/.blast-shield.json' }];
  const cases: Array<{ name: string; layers: RawLayers; check: (r: ReturnType<typeof mergeSettings>) => void }> = [
    {
      name: 'managed lockdown is forced; repository lockdown is a default',
      layers: { user: { 'lockdown.default': false }, workspace: {}, managed: managed({ 'lockdown.default': true }) },
      check: (r) => {
        assert.equal(r.settings.lockdownDefault, true);
        assert.equal(r.settings.lockdownForced, true);
      },
    },
    {
      name: 'repository lockdown true turns the default on without forcing it',
      layers: { user: {}, workspace: {}, repository: repo({ 'lockdown.default': true }) },
      check: (r) => {
        assert.equal(r.settings.lockdownDefault, true);
        assert.equal(r.settings.lockdownForced, false);
      },
    },
    {
      name: 'neither policy can switch off a protection the user left on',
      layers: { user: {}, workspace: {}, managed: managed({ 'terminalWatch.enabled': false }), repository: repo({ 'snapshots.enabled': false, 'databaseBackup.offer': false }) },
      check: (r) => {
        assert.equal(r.settings.terminalWatch, true);
        assert.equal(r.settings.snapshots.enabled, true);
        assert.equal(r.settings.offerDatabaseBackup, true);
        assert.equal(r.ignored.length, 3);
      },
    },
    {
      name: 'the managed policy switches on what the user switched off',
      layers: { user: { 'terminalWatch.enabled': false, 'snapshots.enabled': false }, workspace: {}, managed: managed({ 'terminalWatch.enabled': true, 'snapshots.enabled': true }) },
      check: (r) => {
        assert.equal(r.settings.terminalWatch, true);
        assert.equal(r.settings.snapshots.enabled, true);
        assert.ok(r.origins.some((o) => o.key === 'terminalWatch.enabled' && o.from.startsWith('managed policy')));
      },
    },
    {
      name: 'timeouts: the shortest wins from any layer',
      layers: { user: { 'dialog.timeoutSeconds': 100 }, workspace: { 'dialog.timeoutSeconds': 90 }, managed: managed({ 'dialog.timeoutSeconds': 60 }), repository: repo({ 'dialog.timeoutSeconds': 200 }) },
      check: (r) => {
        assert.equal(r.settings.dialogTimeoutSeconds, 60);
        assert.deepEqual(r.ignored.map((i) => i.value), [200, 90]);
      },
    },
    {
      name: 'markers, paths, required hosts and rules are unions, each credited to its file',
      layers: {
        user: { 'production.names': ['prod'], 'hooks.hosts': ['cursor'] },
        workspace: {},
        managed: managed({ 'production.names': ['shop-main'], 'hooks.required': ['claude'], 'rules.extra': [{ match: 'a*', decision: 'deny', reason: 'no a' }] }),
        repository: repo({ 'production.names': ['prod', 'live-eu'], protectedPaths: ['infra/**'], 'hooks.required': ['cline'] }),
      },
      check: (r) => {
        assert.deepEqual(r.settings.production.names, ['prod', 'shop-main', 'live-eu']);
        assert.deepEqual(r.settings.hosts, ['cursor', 'claude', 'cline']);
        assert.deepEqual(r.settings.requiredHosts, ['claude', 'cline']);
        assert.equal(r.settings.extraRules.length, 1);
        assert.deepEqual(
          r.origins.filter((o) => o.key === 'production.names').map((o) => o.from),
          ['user settings', 'managed policy /etc/blast-shield/policy.json', 'repository policy /ws/.blast-shield.json'],
        );
      },
    },
    {
      name: 'snapshot limits: managed holds over the user; a repository is ignored',
      layers: { user: { 'snapshots.keepDays': 30, 'snapshots.maxMegabytes': 50 }, workspace: {}, managed: managed({ 'snapshots.keepDays': 14 }), repository: repo({ 'snapshots.maxMegabytes': 100_000 }) },
      check: (r) => {
        assert.equal(r.settings.snapshots.keepDays, 14);
        assert.equal(r.settings.snapshots.maxBytes, 50 * 1024 * 1024);
        assert.deepEqual(r.ignored.map((i) => i.key), ['snapshots.maxMegabytes']);
      },
    },
    {
      name: 'audit export: user and managed destinations; a repository or workspace cannot add one',
      layers: {
        user: { 'audit.export.syslogTargets': ['udp://127.0.0.1:514'] },
        workspace: { 'audit.export.otlpEndpoints': ['http://attacker.example/v1/logs'] },
        managed: managed({ 'audit.export.otlpEndpoints': ['http://collector.corp:4318/v1/logs'] }),
        repository: repo({ 'audit.export.syslogTargets': ['tcp://attacker.example:601'] }),
      },
      check: (r) => {
        assert.deepEqual(r.settings.auditExport, { otlpEndpoints: ['http://collector.corp:4318/v1/logs'], syslogTargets: ['udp://127.0.0.1:514'] });
        assert.deepEqual(r.ignored.map((i) => i.key).sort(), ['audit.export.otlpEndpoints', 'audit.export.syslogTargets']);
      },
    },
    {
      name: 'a workspace cannot require hosts; only policy files can',
      layers: { user: {}, workspace: { 'hooks.required': ['claude'] } },
      check: (r) => {
        assert.deepEqual(r.settings.requiredHosts, []);
        assert.deepEqual(r.ignored.map((i) => i.key), ['hooks.required']);
      },
    },
  ];
  for (const c of cases) it(c.name, () => c.check(mergeSettings(c.layers)));
});

describe('extra rules', () => {
  const rule = (match: string, decision: 'ask' | 'deny' = 'ask'): ExtraRule => ({ match, decision, reason: `team: ${match}` });
  const matches: Array<[string, string[], boolean]> = [
    ['terraform apply*', ['terraform apply -auto-approve'], true],
    ['terraform apply*', ['terraform plan'], false],
    ['terraform apply*', ['sudo terraform apply', 'terraform apply'], true],
    ['*kubectl delete namespace*', ['KUBECONFIG=x kubectl delete namespace shop'], true],
    ['npm publish', ['npm  publish '], true],
    ['npm publish', ['npm publish --tag next'], false],
    ['a.b*', ['axb'], false],
  ];
  for (const [glob, texts, expected] of matches) it(`${glob} vs ${JSON.stringify(texts)}: ${expected}`, () => assert.equal(ruleMatches(rule(glob), texts), expected));

  const allow: Verdict = { decision: 'allow', production: false, risks: [], reasons: [], targets: [], confirm: null };
  it('turns allow into ask with the rule\'s reason, and into deny in lockdown', () => {
    const asked = applyExtraRules(allow, ['npm publish'], [rule('npm publish')], false);
    assert.equal(asked.decision, 'ask');
    assert.deepEqual(asked.reasons, ['team: npm publish']);
    assert.equal(asked.confirm, 'npm publish');
    assert.equal(applyExtraRules(allow, ['npm publish'], [rule('npm publish')], true).decision, 'deny');
  });
  it('deny wins; a rule never lowers a verdict', () => {
    assert.equal(applyExtraRules(allow, ['x'], [rule('x'), rule('x', 'deny')], false).decision, 'deny');
    const denied: Verdict = { ...allow, decision: 'deny', reasons: ['pack says no'] };
    assert.equal(applyExtraRules(denied, ['x'], [rule('x')], false).decision, 'deny');
    assert.equal(applyExtraRules(allow, ['y'], [rule('x')], false), allow);
  });
});

describe('managed policy paths', () => {
  it('names the documented file per platform', () => {
    assert.deepEqual(managedPolicyPaths('linux', {}), ['/etc/blast-shield/policy.json']);
    assert.deepEqual(managedPolicyPaths('darwin', {}), ['/Library/Application Support/BlastShield/policy.json']);
    assert.deepEqual(managedPolicyPaths('win32', { ProgramData: 'D:\\ProgramData' }), ['D:\\ProgramData\\BlastShield\\policy.json']);
  });
  it('BLAST_SHIELD_MANAGED_POLICY adds a file and never replaces the system one', () => {
    assert.deepEqual(managedPolicyPaths('linux', { BLAST_SHIELD_MANAGED_POLICY: '/opt/fleet/policy.json' }), ['/etc/blast-shield/policy.json', '/opt/fleet/policy.json']);
    assert.deepEqual(managedPolicyPaths('linux', { BLAST_SHIELD_MANAGED_POLICY: 'relative.json' }), ['/etc/blast-shield/policy.json']);
  });
});

describe('team policy in the hook (real engine, no editor)', () => {
  let t: TempHome;
  let managedFile: string;
  beforeEach(() => {
    t = makeTempHome();
    managedFile = path.join(t.home, 'managed-policy.json');
    t.env.BLAST_SHIELD_MANAGED_POLICY = managedFile;
  });
  afterEach(() => t.cleanup());

  const bash = (command: string) => JSON.stringify({ ...JSON.parse(fixtureText('claude', 'Bash.git-status', t.home)), tool_input: { command } });

  it('a repository rule makes an allowed command ask (and with no editor, deny), naming the rule', async () => {
    // `npm publish` asks on its own since round 5 (a registry act); `npm version` is allowed until a rule says otherwise.
    fs.writeFileSync(path.join(t.workspace, '.blast-shield.json'), JSON.stringify({ rules: [{ match: 'npm version*', decision: 'ask', reason: 'Versioning needs the release manager.' }] }));
    const r = await runHook('claude', bash('npm version patch'), t.env, { engine: createRealEngine(t.env) });
    assert.equal(decisionIn('claude', r.stdout), 'deny');
    assert.deepEqual(readAuditEntries(t.guardHome).at(-1)?.reasons.slice(0, 1), ['Versioning needs the release manager.']);
    const plain = await runHook('claude', bash('npm test'), t.env, { engine: createRealEngine(t.env) });
    assert.equal(decisionIn('claude', plain.stdout), 'allow');
  });

  it('a managed lockdown denies every ask even though no mirror says lockdown', async () => {
    fs.writeFileSync(managedFile, JSON.stringify({ lockdown: true }));
    assert.equal(hookPolicy([t.workspace], t.env).lockdown, true);
    const r = await runHook('claude', bash('rm -rf src'), t.env, { engine: createRealEngine(t.env) });
    assert.equal(decisionIn('claude', r.stdout), 'deny');
    assert.match(readAuditEntries(t.guardHome).at(-1)?.reasons.join(' ') ?? '', /Lockdown is on/);
  });

  it('managed production accounts mark a target production', async () => {
    fs.writeFileSync(managedFile, JSON.stringify({ production: { accounts: ['acme-prod-4411'] } }));
    await runHook('claude', bash('gcloud sql instances delete main --project acme-prod-4411'), t.env, { engine: createRealEngine(t.env) });
    assert.equal(readAuditEntries(t.guardHome).at(-1)?.production, true);
  });

  it('managed protected paths deny agent writes', async () => {
    fs.writeFileSync(managedFile, JSON.stringify({ protectedPaths: ['src/**'] }));
    const write = JSON.stringify({ ...JSON.parse(fixtureText('claude', 'Edit.source', t.home)) });
    const r = await runHook('claude', write, t.env, { engine: createRealEngine(t.env) });
    assert.equal(decisionIn('claude', r.stdout), 'deny');
  });

  it('effectivePolicyFor credits each value to its file', () => {
    fs.writeFileSync(managedFile, JSON.stringify({ dialog: { timeoutSeconds: 30 } }));
    fs.writeFileSync(path.join(t.workspace, '.blast-shield.json'), JSON.stringify({ production: { names: ['shop-main'] }, dialog: { timeoutSeconds: 250 } }));
    const p = effectivePolicyFor(t.workspace, t.env);
    assert.equal(p.settings.dialogTimeoutSeconds, 30);
    assert.equal(p.origins.find((o) => o.key === 'dialog.timeoutSeconds')?.from, `managed policy ${managedFile}`);
    assert.equal(p.origins.find((o) => o.value === 'shop-main')?.from, `repository policy ${path.join(t.workspace, '.blast-shield.json')}`);
    assert.equal(p.ignored.length, 1);
  });
});
