import { strict as assert } from 'node:assert';
import { mirrorAgrees, mirrorEntryFor, parseSettingsMirror, serializeSettingsMirror, withWorkspaces, type MirroredWorkspace } from '../../../src/core/settings/mirror';

const entry = (lockdown: boolean): MirroredWorkspace => ({ lockdown, production: { names: ['prod'], hosts: [], resourceIds: [] }, protectedPaths: [] });

describe('settings mirror', () => {
  it('round-trips through its text form', () => {
    const mirror = withWorkspaces(undefined, { '/w/app': entry(true), '/w/other/': entry(false) });
    const parsed = parseSettingsMirror(serializeSettingsMirror(mirror));
    assert.deepEqual(parsed, mirror);
    assert.deepEqual(Object.keys(parsed!.workspaces), ['/w/app', '/w/other']);
  });

  const bad = ['', 'null', '[]', '{"version":2,"workspaces":{}}', '{"version":1}', '{"version":1,"workspaces":[]}'];
  for (const text of bad) {
    it(`rejects ${JSON.stringify(text)}`, () => assert.equal(parseSettingsMirror(text), undefined));
  }

  it('drops entries that do not validate instead of reading them as lockdown off', () => {
    const text = JSON.stringify({ version: 1, workspaces: { '/w/a': { lockdown: 'no' }, '/w/b': entry(true) } });
    assert.deepEqual(Object.keys(parseSettingsMirror(text)!.workspaces), ['/w/b']);
  });

  it('finds the governing folder by longest prefix, with lockdown from any containing folder', () => {
    const mirror = withWorkspaces(undefined, { '/w': entry(true), '/w/app': entry(false), '/x': entry(false) });
    assert.equal(mirrorEntryFor(mirror, '/w/app/src')!.lockdown, true);
    assert.equal(mirrorEntryFor(mirror, '/x/y')!.lockdown, false);
    assert.equal(mirrorEntryFor(mirror, '/elsewhere'), undefined);
    assert.equal(mirrorEntryFor(mirror, '/wx'), undefined);
  });

  it('keeps other windows\' folders and detects a tampered entry', () => {
    const mine = { '/w/app': entry(true) };
    const mirror = withWorkspaces(withWorkspaces(undefined, { '/other': entry(false) }), mine);
    assert.ok(mirror.workspaces['/other']);
    assert.ok(mirrorAgrees(mirror, mine));
    const tampered = parseSettingsMirror(serializeSettingsMirror(mirror).replace('"lockdown": true', '"lockdown": false'));
    assert.equal(mirrorAgrees(tampered, mine), false);
    assert.equal(mirrorAgrees(undefined, mine), false);
  });
});
