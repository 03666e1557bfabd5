import * as assert from 'node:assert/strict';
import { testFacts } from '../support/policyFixtures';
import { allowed, familyTables, flag, type Family } from './familyTable';
import { fileValues, protectionLostBy, setJsonValues, setValues } from '../../../src/core/rules/support/releaseValues';

/**
 * Red team rounds 14 and 15 (stop 32): protection lowered through a release's values by every road Helm
 * takes them (values files and stdin, `--set-json`, `=null`, escaped commas, opposite-sense keys,
 * synonyms), a rendered chart piped into `kubectl apply`, Argo CD's helm parameters, a HelmRelease patched
 * and a default-deny NetworkPolicy retargeted. Each asking row sits next to a look-alike that stays allowed
 * (`helm diff`, cert-manager keys, protections switched on, other keys).
 */

const insecure = 'auth:\n  enabled: false\ntls:\n  enabled: false\n';
const files: Record<string, string> = {
  '/work/app/insecure.yaml': insecure,
  '/work/app/flow.yaml': 'networkPolicy: {enabled: false}\nimage: {tag: v2}\n',
  '/work/app/secure.yaml': 'auth:\n  enabled: true\ntls:\n  certManager: false\n  secretName: api-tls\nimage:\n  tag: v2\n',
  '/work/app/priv.json': '{"securityContext": {"privileged": true}}\n',
};
const facts = () => testFacts({ files, fileStatus: (p) => (files[p] !== undefined ? 'file' : p.endsWith('big.yaml') ? 'too-large' : 'missing') });

const TABLE: Record<string, Family> = {
  'values files and stdin': {
    reason: /a safety net is removed|values the guard cannot read/,
    rows: [
      flag('helm upgrade api ./chart -f insecure.yaml'),
      flag('helm upgrade api ./chart --values=/work/app/insecure.yaml'),
      flag('helm upgrade api ./chart --reuse-values -f secure.yaml -f flow.yaml'),
      flag('helm upgrade api ./chart -f priv.json'),
      flag('cat insecure.yaml | helm upgrade api ./chart -f -'),
      flag('helm upgrade api ./chart -f - <<EOF\nrbac:\n  create: false\nEOF'),
      flag('helm upgrade api ./chart -f big.yaml'),
      flag('helm upgrade api ./chart -f https://example.com/values.yaml'),
      flag('sudo -E helm upgrade api ./chart -f insecure.yaml'),
      allowed('helm upgrade api ./chart -f secure.yaml'),
      allowed('helm upgrade api ./chart -f missing.yaml'),
      allowed('helm template api ./chart -f insecure.yaml'),
      allowed('helm diff upgrade api ./chart -f insecure.yaml'),
      allowed('helm install api ./chart -f insecure.yaml'),
      allowed('helm upgrade api ./chart -f insecure.yaml --dry-run'),
    ],
  },
  'set, set-string, set-json, null and escaped commas': {
    reason: /a safety net is removed/,
    rows: [
      flag(`helm upgrade api ./chart --set-json 'auth={"enabled":false}'`),
      flag(`helm upgrade api ./chart --set-json='tls={"enabled":false,"secretName":"x"}'`),
      flag('helm upgrade api ./chart --set auth=null'),
      flag('helm upgrade api ./chart --set networkPolicy=null,image.tag=v2'),
      flag('helm upgrade api ./chart --set-string auth.enabled=""'),
      flag("helm upgrade api ./chart --set 'auth.enabled=false\\,x'"),
      flag('env HELM_DEBUG=1 helm upgrade api ./chart --set image.tag=v2 --set tls.enabled=no'),
      allowed(`helm upgrade api ./chart --set-json 'auth={"enabled":true}'`),
      allowed('helm upgrade api ./chart --set image.tag=null'),
      allowed("helm upgrade api ./chart --set 'ingress.hosts={a\\,b}'"),
      allowed('helm diff upgrade api ./chart --set auth.enabled=false'),
    ],
  },
  'opposite-sense keys and synonyms': {
    reason: /a safety net is removed/,
    rows: [
      flag('helm upgrade api ./chart --set auth.disabled=true'),
      flag('helm upgrade api ./chart --set tls.disabled=true'),
      flag('helm upgrade api ./chart --set server.insecure=true'),
      flag('helm upgrade api ./chart --set auth.anonymous=true'),
      flag('helm upgrade api ./chart --set tls.insecureSkipVerify=true'),
      flag('helm upgrade api ./chart --set https.enabled=false'),
      flag('helm upgrade api ./chart --set networkPolicies.enabled=false'),
      flag('helm upgrade api ./chart --set podSecurityPolicy.enabled=false'),
      flag('helm upgrade api ./chart --set podSecurityContext.runAsNonRoot=false'),
      flag('helm upgrade api ./chart --set securityContext.privileged=true'),
      flag('helm upgrade api ./chart --set rbac.create=false'),
      allowed('helm upgrade api ./chart --set tls.certManager=false'),
      allowed('helm upgrade api ./chart --set auth.disabled=false'),
      allowed('helm upgrade api ./chart --set server.insecure=false'),
      allowed('helm upgrade api ./chart --set securityContext.privileged=false'),
      allowed('helm upgrade api ./chart --set podSecurityContext.runAsNonRoot=true'),
      allowed('helm upgrade api ./chart --set auth.existingSecret=api-auth'),
    ],
  },
  'rendered and applied, GitOps values, patches': {
    reason: /a safety net is removed/,
    rows: [
      flag('helm template api ./chart --set networkPolicy.enabled=false | kubectl apply -f -'),
      flag('argocd app set api -p auth.enabled=false'),
      flag('argocd app set api --helm-set networkPolicy.enabled=false'),
      flag('argocd app set api --helm-set-string tls.enabled=false'),
      flag(`kubectl patch helmrelease api --type merge -p '{"spec":{"values":{"auth":{"enabled":false}}}}'`),
      flag(`kubectl patch hr/api --type=merge --patch '{"spec":{"values":{"securityContext":{"privileged":true}}}}'`),
      flag(`kubectl patch networkpolicy default-deny -p '{"spec":{"podSelector":{"matchLabels":{"x":"y"}}}}'`),
      flag('flux create helmrelease api --chart=./chart --values=insecure.yaml'),
      flag('flux create hr api --chart=c --values secure.yaml,insecure.yaml'),
      allowed('flux create helmrelease api --chart=./chart --values=insecure.yaml --export'),
      allowed('flux create helmrelease api --chart=./chart --values=secure.yaml'),
      flag(`kubectl patch networkpolicy default-deny --type json -p '[{"op":"replace","path":"/spec/podSelector","value":{"matchLabels":{"x":"y"}}}]'`),
      flag(`argocd app patch api --patch '{"spec":{"source":{"helm":{"parameters":[{"name":"auth.enabled","value":"false"}]}}}}'`),
      flag(`kubectl patch application api -n argocd --type merge -p '{"spec":{"source":{"helm":{"valuesObject":{"networkPolicy":{"enabled":false}}}}}}'`),
      flag(`kubectl patch app api -n argocd --type merge -p '{"spec":{"source":{"helm":{"values":"tls:\\n  enabled: false\\n"}}}}'`),
      flag('helmfile -e prod apply --set auth.enabled=false'),
      flag('helmfile sync --values insecure.yaml'),
      allowed(`kubectl patch networkpolicy default-deny --type json -p '[{"op":"add","path":"/metadata/labels/a","value":"b"}]'`),
      allowed(`argocd app patch api --patch '{"spec":{"source":{"helm":{"parameters":[{"name":"image.tag","value":"v2"}]}}}}'`),
      allowed('helmfile diff --set auth.enabled=false'),
      allowed('helm template api ./chart --set networkPolicy.enabled=false > out.yaml'),
      allowed('helm template api ./chart --set networkPolicy.enabled=true | kubectl apply -f -'),
      allowed('argocd app set api -p image.tag=v2'),
      allowed(`kubectl patch helmrelease api --type merge -p '{"spec":{"values":{"image":{"tag":"v2"}}}}'`),
      allowed(`kubectl patch networkpolicy default-deny -p '{"metadata":{"labels":{"team":"a"}}}'`),
    ],
  },
};

familyTables('protection lowered through a release\'s values (stop 32)', TABLE, facts, 'not-deny');

describe('release values: the key-meaning table (stop 32)', () => {
  const cases: [string, string | undefined][] = [
    ['auth.enabled=false', 'auth-off'],
    ['redis.auth.enabled=false', 'auth-off'],
    ['auth.enabled=true', undefined],
    ['tls.certManager=false', undefined],
    ['tls.enabled=0', 'encryption-off'],
    ['ssl=false', 'encryption-off'],
    ['tls=true', undefined],
    ['image.pullPolicy=Never', undefined],
    ['securityContext.runAsUser=0', 'container-privileged'],
    ['securityContext.runAsUser=1000', undefined],
    ['hostNetwork=true', 'container-privileged'],
    ['audit.enabled=off', 'audit-off'],
    ['persistence.enabled=false', 'persistence-off'],
    ['metrics.enabled=false', undefined],
    ['db.sslmode=disable', 'encryption-off'],
    ['db.sslmode=require', undefined],
    ['client.verify=false', 'tls-verification-off'],
    ['properties.publicNetworkAccess=Enabled', 'made-public'],
    ['properties.publicNetworkAccess=Disabled', undefined],
    ['DeletionProtection=false', 'deletion-protection-off'],
    ['BackupRetentionPeriod=0', 'backup-retention-off'],
    ['BackupRetentionPeriod=7', undefined],
    ['scanOnPush=false', 'security-scanning-off'],
    ['allowed_actions=all', 'ci-actions-opened'],
    ['allowed_actions=selected', undefined],
    ['supportsHttpsTrafficOnly=false', 'encryption-off'],
  ];
  for (const [set, id] of cases) {
    it(`${set} -> ${id ?? 'nothing'}`, () => {
      const entries = setValues(set);
      assert.equal(entries.length, 1);
      assert.equal(protectionLostBy(entries[0]!)?.id, id);
    });
  }
  it('reads escaped commas as one value and null as removal', () => {
    assert.deepEqual(setValues('a.b=x\\,y,c=null'), [{ path: ['a', 'b'], value: 'x,y' }, { path: ['c'], value: null }]);
    assert.deepEqual(setValues('c=null', true), [{ path: ['c'], value: 'null' }]);
  });
  it('flattens set-json and values files with flow mappings', () => {
    assert.deepEqual(setJsonValues('auth={"enabled":false}'), [{ path: ['auth', 'enabled'], value: 'false' }]);
    assert.deepEqual(fileValues('networkPolicy: {enabled: false}\n'), [{ path: ['networkPolicy', 'enabled'], value: 'false' }]);
    assert.deepEqual(fileValues('auth:\n  enabled: false\n'), [{ path: ['auth', 'enabled'], value: 'false' }]);
  });
});
