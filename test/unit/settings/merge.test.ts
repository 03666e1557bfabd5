import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS, mergeSettings, normaliseStringList, normaliseTimeout } from '../../../src/core/settings/merge';
import { DIALOG_TIMEOUT_BOUNDS, type RawLayers } from '../../../src/core/settings/types';

const layers = (user: Record<string, unknown>, workspace: Record<string, unknown>, folders?: Record<string, unknown>[]): RawLayers => ({
  user,
  workspace,
  workspaceFolders: folders,
});

describe('settings merge: a workspace may only tighten', () => {
  it('uses the defaults when nothing is set', () => {
    const { settings, ignored } = mergeSettings(layers({}, {}));
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(ignored, []);
  });

  const lockdownCases: { user?: boolean; workspace?: boolean; folder?: boolean; expected: boolean; ignoredCount: number }[] = [
    { expected: false, ignoredCount: 0 },
    { user: true, expected: true, ignoredCount: 0 },
    { workspace: true, expected: true, ignoredCount: 0 },
    { user: true, workspace: false, expected: true, ignoredCount: 1 },
    { user: false, workspace: false, expected: false, ignoredCount: 0 },
    { folder: true, expected: true, ignoredCount: 0 },
    { user: true, folder: false, expected: true, ignoredCount: 1 },
  ];
  for (const c of lockdownCases) {
    it(`lockdown default: user ${c.user} workspace ${c.workspace} folder ${c.folder} -> ${c.expected}`, () => {
      const u = c.user === undefined ? {} : { 'lockdown.default': c.user };
      const w = c.workspace === undefined ? {} : { 'lockdown.default': c.workspace };
      const f = c.folder === undefined ? undefined : [{ 'lockdown.default': c.folder }];
      const { settings, ignored } = mergeSettings(layers(u, w, f));
      assert.equal(settings.lockdownDefault, c.expected);
      assert.equal(ignored.length, c.ignoredCount);
    });
  }

  it('unions production markers and protected paths across layers', () => {
    const { settings } = mergeSettings(
      layers(
        { 'production.names': ['prod', 'live'], 'production.hosts': ['db.prod.example.com'], protectedPaths: ['secrets/**'] },
        { 'production.names': ['live', 'main-cluster'], 'production.resourceIds': ['vol-123'], protectedPaths: ['infra/*.tfvars'] },
        [{ 'production.hosts': ['api.example.com'] }],
      ),
    );
    assert.deepEqual(settings.production, { names: ['prod', 'live', 'main-cluster'], hosts: ['db.prod.example.com', 'api.example.com'], resourceIds: ['vol-123'] });
    assert.deepEqual(settings.protectedPaths, ['secrets/**', 'infra/*.tfvars']);
  });

  it('lets a workspace shorten the dialog timeout but not lengthen it', () => {
    assert.equal(mergeSettings(layers({ 'dialog.timeoutSeconds': 100 }, { 'dialog.timeoutSeconds': 30 })).settings.dialogTimeoutSeconds, 30);
    const longer = mergeSettings(layers({ 'dialog.timeoutSeconds': 60 }, { 'dialog.timeoutSeconds': 250 }));
    assert.equal(longer.settings.dialogTimeoutSeconds, 60);
    assert.deepEqual(longer.ignored.map((i) => i.key), ['dialog.timeoutSeconds']);
  });

  it('ignores a workspace host list and workspace attempts to switch protections off', () => {
    const { settings, ignored } = mergeSettings(
      layers({ 'hooks.hosts': ['cursor', 'claude'] }, { 'hooks.hosts': [], 'terminalWatch.enabled': false, 'chatAutoApprove.manage': false, 'credentials.hideOnStartup': false }),
    );
    assert.deepEqual(settings.hosts, ['cursor', 'claude']);
    assert.equal(settings.terminalWatch, true);
    assert.equal(settings.manageChatAutoApprove, true);
    assert.equal(settings.hideCredentialsOnStartup, true);
    assert.deepEqual(ignored.map((i) => i.key).sort(), ['chatAutoApprove.manage', 'credentials.hideOnStartup', 'hooks.hosts', 'terminalWatch.enabled']);
  });

  it('lets the user switch a protection off', () => {
    assert.equal(mergeSettings(layers({ 'terminalWatch.enabled': false }, {})).settings.terminalWatch, false);
  });
});

describe('settings normalisation', () => {
  it('keeps trimmed unique strings and drops everything else', () => {
    assert.deepEqual(normaliseStringList([' prod ', 'prod', '', 3, null, 'live']), ['prod', 'live']);
    assert.deepEqual(normaliseStringList('prod'), []);
  });

  it('clamps and rounds the timeout', () => {
    assert.equal(normaliseTimeout(1), DIALOG_TIMEOUT_BOUNDS.min);
    assert.equal(normaliseTimeout(10_000), DIALOG_TIMEOUT_BOUNDS.max);
    assert.equal(normaliseTimeout(42.6), 43);
    assert.equal(normaliseTimeout('60'), undefined);
    assert.equal(normaliseTimeout(Number.NaN), undefined);
  });

  it('keeps only known hosts in canonical order', () => {
    const { settings } = mergeSettings(layers({ 'hooks.hosts': ['cline', 'nope', 'cursor'] }, {}));
    assert.deepEqual(settings.hosts, ['cursor', 'cline']);
  });
});
