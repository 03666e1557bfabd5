import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GUARD_PATHS } from '../../../src/node/guardHome';
import { assertSettingsMirror, readSettingsMirror, watchSettingsMirror } from '../../../src/node/settings/settingsMirrorFile';
import type { MirroredWorkspace } from '../../../src/core/settings/mirror';

const on: MirroredWorkspace = { lockdown: true, production: { names: [], hosts: [], resourceIds: [] }, protectedPaths: [] };

describe('settings mirror file', () => {
  let home: string;
  beforeEach(() => (home = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-mirror-'))));
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('writes owner-only, and rewrites only when the content differs', () => {
    assert.equal(assertSettingsMirror(home, { '/w': on }), true);
    const file = GUARD_PATHS.settingsMirror(home);
    if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(assertSettingsMirror(home, { '/w': on }), false);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"lockdown": true', '"lockdown": false'));
    assert.equal(readSettingsMirror(home)!.workspaces['/w']!.lockdown, false);
    assert.equal(assertSettingsMirror(home, { '/w': on }), true);
    assert.equal(readSettingsMirror(home)!.workspaces['/w']!.lockdown, true);
  });

  it('rewrites a file that was replaced with garbage or deleted', () => {
    assertSettingsMirror(home, { '/w': on });
    fs.writeFileSync(GUARD_PATHS.settingsMirror(home), 'not json');
    assert.equal(assertSettingsMirror(home, { '/w': on }), true);
    fs.rmSync(GUARD_PATHS.settingsMirror(home));
    assert.equal(assertSettingsMirror(home, { '/w': on }), true);
  });

  it('notices a change through the watcher', async () => {
    assertSettingsMirror(home, { '/w': on });
    let seen = 0;
    const watcher = watchSettingsMirror(home, () => seen++, 60_000);
    try {
      fs.writeFileSync(GUARD_PATHS.settingsMirror(home), '{}');
      for (let i = 0; i < 40 && seen === 0; i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(seen > 0);
    } finally {
      watcher.dispose();
    }
  });
});
