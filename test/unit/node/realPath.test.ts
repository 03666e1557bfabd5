import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gatherFacts, linkTarget } from '../../../src/node/facts';

/**
 * Where a path really leads (the perimeter judges both): resolved through the links on the way with one
 * `realpath`, the missing rest appended; looked up once per path for one set of facts (one decision, or one folder
 * of a `check --jsonl` batch, where it cost a quarter of the batch's time before it was kept).
 */
describe('realPath: where a path leads through symlinks', () => {
  let dir = '';
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-realpath-')));
    fs.mkdirSync(path.join(dir, 'app', '.cursor'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'app', '.cursor', 'hooks.json'), '{}');
    fs.symlinkSync(path.join(dir, 'app', '.cursor'), path.join(dir, 'link'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a file through a linked folder leads to the real file', () => {
    assert.equal(linkTarget(path.join(dir, 'link', 'hooks.json')), path.join(dir, 'app', '.cursor', 'hooks.json'));
  });
  it('a missing file under a linked folder keeps its name under the real folder', () => {
    assert.equal(linkTarget(path.join(dir, 'link', 'new.json')), path.join(dir, 'app', '.cursor', 'new.json'));
  });
  it('a path with no link on the way: nothing changes (undefined)', () => {
    assert.equal(linkTarget(path.join(dir, 'app', '.cursor', 'hooks.json')), undefined);
    assert.equal(linkTarget('relative/path'), undefined);
  });
  it('one set of facts answers the same for a path it was asked about before (kept for the decision)', () => {
    const facts = gatherFacts({ cwd: path.join(dir, 'app'), workspaceRoots: [path.join(dir, 'app')], env: {}, home: dir });
    const first = facts.realPath?.(path.join(dir, 'link', 'hooks.json'));
    fs.unlinkSync(path.join(dir, 'link'));
    fs.symlinkSync(path.join(dir, 'app'), path.join(dir, 'link'));
    assert.equal(facts.realPath?.(path.join(dir, 'link', 'hooks.json')), first);
    // New facts (the next decision) see the link as it is now.
    const next = gatherFacts({ cwd: path.join(dir, 'app'), workspaceRoots: [path.join(dir, 'app')], env: {}, home: dir });
    assert.equal(next.realPath?.(path.join(dir, 'link', 'hooks.json')), path.join(dir, 'app', 'hooks.json'));
  });
});
