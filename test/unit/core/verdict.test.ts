import { strict as assert } from 'node:assert';
import { composeVerdict, confirmPhrase, UNKNOWN_TREATED_AS_PRODUCTION } from '../../../src/core/policy/verdict';
import type { Finding, Target } from '../../../src/core/policy/types';

const volume: Target = {
  kind: 'volume',
  name: '3f1c0a9e-volume',
  provider: 'railway',
  remote: true,
  environment: 'unknown',
  environmentReason: 'no environment named',
};

const destroy: Finding = {
  rule: 'http.graphql-mutation',
  risk: 'destructive',
  severity: 'ask',
  reason: 'Sends the Railway GraphQL mutation volumeDelete.',
  targets: [volume],
};

describe('composeVerdict', () => {
  it('allows when nothing was found', () => {
    const v = composeVerdict([], { lockdown: false });
    assert.deepEqual(v, { decision: 'allow', production: false, risks: [], reasons: [], targets: [], confirm: null });
  });

  it('treats an unknown remote destructive target as production and names it in the confirm phrase', () => {
    const v = composeVerdict([destroy], { lockdown: false });
    assert.equal(v.decision, 'ask');
    assert.equal(v.production, true);
    assert.equal(v.targets[0]?.environmentReason, UNKNOWN_TREATED_AS_PRODUCTION);
    assert.equal(v.confirm, '3f1c0a9e-volume');
    assert.ok(v.reasons.some((r) => r.includes(UNKNOWN_TREATED_AS_PRODUCTION)));
  });

  it('keeps unknown on read-only (info) findings', () => {
    const v = composeVerdict([{ ...destroy, severity: 'info', risk: 'production-access' }], { lockdown: false });
    assert.equal(v.decision, 'allow');
    assert.equal(v.production, false);
    assert.equal(v.confirm, null);
  });

  it('turns ask into deny in lockdown', () => {
    const v = composeVerdict([destroy], { lockdown: true });
    assert.equal(v.decision, 'deny');
    assert.equal(v.confirm, null);
  });

  it('deny outranks ask and local targets stay local', () => {
    const local: Target = { kind: 'path', name: '/', remote: false, environment: 'local', environmentReason: 'this machine' };
    const v = composeVerdict([destroy, { rule: 'files.rm-root', risk: 'catastrophic', severity: 'deny', reason: 'Deletes /.', targets: [local] }], { lockdown: false });
    assert.equal(v.decision, 'deny');
    assert.deepEqual(v.risks, ['destructive', 'catastrophic']);
    assert.equal(v.targets.find((t) => t.name === '/')?.environment, 'local');
  });
});

describe('confirmPhrase covers every target of the kind acted on', () => {
  const path = (name: string): Target => ({ kind: 'path', name, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'on this machine' });
  const table = (name: string): Target => ({ kind: 'table', name, provider: 'postgres', remote: true, environment: 'production', environmentReason: 'host db.prod' });
  const database: Target = { kind: 'database', name: 'shop on db.prod', provider: 'postgres', remote: true, environment: 'production', environmentReason: 'host db.prod' };
  const credential: Target = { kind: 'credential', name: 'legacy/config_backup.json', provider: 'railway', remote: false, environment: 'local', environmentReason: 'a file in this workspace' };
  const many = 'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => path(`folder-${c}`));
  const cases: [string, Target[], string][] = [
    ['one path', [path('src')], 'src'],
    ['two paths: both, side by side (rm -rf src legacy)', [path('src'), path('legacy')], 'src legacy'],
    ['the same path twice is named once', [path('src'), path('src')], 'src'],
    ['26 paths do not fit: counted', many, 'delete 26 paths'],
    ['one table; its database is where it lives, not a second target', [table('orders'), database], 'orders'],
    ['two tables dropped in one command', [table('orders'), database, table('items')], 'orders items'],
    ['the volume, not the credential that carries the request', [{ ...volume, environment: 'production' }, credential], '3f1c0a9e-volume'],
    ['only a credential: the credential', [credential], 'legacy/config_backup.json'],
    ['the production target kind first', [path('tmp'), table('orders')], 'orders'],
    ['a long single name is cut to 40 characters', [path('x'.repeat(60))], 'x'.repeat(40)],
    ['nothing named: the fallback', [], 'allow once'],
  ];
  for (const [name, targets, phrase] of cases) {
    it(name, () => {
      assert.equal(confirmPhrase(targets, 'allow once'), phrase);
    });
  }
});
