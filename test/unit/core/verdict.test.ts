import { strict as assert } from 'node:assert';
import { composeVerdict, UNKNOWN_TREATED_AS_PRODUCTION } from '../../../src/core/policy/verdict';
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
