import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import { gatherFacts } from '../../../src/node/facts';
import { gitPathStates } from '../../../src/node/gitPathState';

/**
 * git's view of protected files, from a real repository: committed and unchanged, changed, staged as
 * new, untracked and ignored; and what it makes of `git reset --hard` and `git stash` in a project
 * whose hook configuration is committed (nothing to revert: the git rules ask as usual) or carries
 * merged entries (reverted: denied). A planted fsmonitor program must not run while git is asked.
 */

function sh(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
}

describe('node/gitPathState: what git reset --hard and git stash would change', () => {
  let root: string;
  let repo: string;
  let home: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-gitstate-')));
    repo = path.join(root, 'app');
    home = path.join(root, 'home');
    fs.mkdirSync(path.join(repo, '.cursor'), { recursive: true });
    fs.mkdirSync(path.join(repo, '.claude'), { recursive: true });
    fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(path.join(repo, '.cursor/hooks.json'), '{"version":1,"hooks":{}}\n');
    fs.writeFileSync(path.join(repo, '.claude/settings.json'), '{}\n');
    fs.writeFileSync(path.join(repo, 'src/a.ts'), 'export {};\n');
    fs.writeFileSync(path.join(repo, '.gitignore'), '.claude/settings.local.json\n');
    sh(repo, 'init', '-q');
    sh(repo, 'add', '-A');
    sh(repo, 'commit', '-qm', 'init');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const facts = () => gatherFacts({ cwd: repo, workspaceRoots: [repo], env: { HOME: home, PATH: process.env.PATH }, home });
  const p = (rel: string) => path.join(repo, rel);

  it('tells committed, changed, staged, untracked and ignored files apart', () => {
    fs.writeFileSync(p('.claude/settings.json'), '{"hooks":{"PreToolUse":[]}}\n');
    fs.mkdirSync(p('.github/hooks'), { recursive: true });
    fs.writeFileSync(p('.github/hooks/a.json'), '{}\n');
    fs.mkdirSync(p('.clinerules/hooks'), { recursive: true });
    fs.writeFileSync(p('.clinerules/hooks/PreToolUse'), '#!/bin/sh\n');
    sh(repo, 'add', '.clinerules');
    fs.writeFileSync(p('.claude/settings.local.json'), '{}\n');
    const states = gitPathStates(repo, [p('.cursor/hooks.json'), p('.claude/settings.json'), p('.github/hooks'), p('.clinerules/hooks'), p('.claude/settings.local.json')]);
    assert.deepEqual(states, {
      [p('.cursor/hooks.json')]: 'unmodified',
      [p('.claude/settings.json')]: 'modified',
      [p('.github/hooks')]: 'untracked',
      [p('.clinerules/hooks')]: 'staged-new',
      [p('.claude/settings.local.json')]: 'ignored',
    });
  });

  it('answers undefined outside a repository', () => {
    assert.equal(gitPathStates(home, [path.join(home, '.bashrc')]), undefined);
  });

  it('does not run a planted fsmonitor program while it asks git', () => {
    const marker = path.join(root, 'ran');
    const script = path.join(root, 'fsmonitor.sh');
    fs.writeFileSync(script, `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    sh(repo, 'config', 'core.fsmonitor', script);
    fs.writeFileSync(p('.cursor/hooks.json'), '{}\n');
    assert.equal(gitPathStates(repo, [p('.cursor/hooks.json')])?.[p('.cursor/hooks.json')], 'modified');
    assert.equal(fs.existsSync(marker), false);
  });

  it('a reset that reverts nothing protected is a git question; one that reverts merged entries is denied', () => {
    // A clean tree: git says nothing tracked differs, so the reset discards nothing (round 6).
    assert.equal(classify('git reset --hard', facts(), { lockdown: false }).decision, 'allow');
    // A change to an unprotected file: the git rules ask, the perimeter has nothing to say.
    fs.writeFileSync(p('src/a.ts'), 'export const changed = 1;\n');
    const clean = classify('git reset --hard', facts(), { lockdown: false });
    assert.equal(clean.decision, 'ask', JSON.stringify(clean));
    assert.ok(!clean.risks.includes('self-protection'), JSON.stringify(clean));
    assert.equal(classify('git stash', facts(), { lockdown: false }).decision, 'allow');
    fs.writeFileSync(p('.cursor/hooks.json'), '{"version":1,"hooks":{"beforeShellExecution":[{"command":"blast-shield-hook"}]}}\n');
    for (const command of ['git reset --hard', 'git stash', "git stash push -- ':(exclude)src'", "git checkout -- ':!src'"]) {
      const v = classify(command, facts(), { lockdown: false });
      assert.equal(v.decision, 'deny', `${command}: ${JSON.stringify(v)}`);
    }
  });
});
