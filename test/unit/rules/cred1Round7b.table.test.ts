import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import type { Facts } from '../../../src/core/policy/types';
import { lazyCredentialFacts } from '../../../src/node/credentials/credentialFacts';
import { gatherFacts } from '../../../src/node/facts';
import { fake, randomChars } from '../credentials/fakeSecrets';

/**
 * Round 7 (second pass): credentials that come out of history and out of tools' answers. Git rows run
 * against a real repository whose history holds a deleted settings file with a database password, a
 * tracked production config and Rails secrets; every asking row sits beside a look-alike that stays
 * allowed. Secrets are made at run time.
 */
describe('cred1 round 7b: credentials out of history and tools', () => {
  let root: string;
  let home: string;
  let app: string;
  const secrets: string[] = [];
  const objects: Record<string, string> = {};

  const write = (base: string, rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(base, rel)), { recursive: true });
    fs.writeFileSync(path.join(base, rel), text);
  };
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' },
    }).trim();

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cred1-')));
    home = path.join(root, 'home');
    app = path.join(root, 'app');
    const s = { db: fake.password(), rails: randomChars(64), prod: fake.password() };
    secrets.push(...Object.values(s));
    fs.mkdirSync(home, { recursive: true });
    write(app, 'config/production.json', JSON.stringify({ database: { url: fake.postgresUrl(s.prod) } }));
    write(app, 'config/secrets.yml', `production:\n  secret_key_base: ${s.rails}\n`);
    write(app, 'src/app.ts', 'export const greet = (n: string) => n;\n');
    write(app, 'config/old_settings.py', `DATABASES = {"default": {"PASSWORD": "${s.db}"}}\n`);
    git(app, 'init', '-q', '-b', 'main');
    git(app, 'add', '-A');
    git(app, 'commit', '-q', '-m', 'import');
    objects.old = git(app, 'rev-parse', '--short=7', 'HEAD:config/old_settings.py');
    objects.prod = git(app, 'rev-parse', 'HEAD:config/production.json');
    objects.rails = git(app, 'rev-parse', '--short=7', 'HEAD:config/secrets.yml');
    objects.src = git(app, 'rev-parse', '--short=7', 'HEAD:src/app.ts');
    fs.rmSync(path.join(app, 'config/old_settings.py'));
    git(app, 'add', '-A');
    git(app, 'commit', '-q', '-m', 'move settings to env');
    write(app, 'src/app.ts', 'export const greet = (n: string) => `hi ${n}`;\n');
    git(app, 'commit', '-q', '-am', 'greet');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  function facts(): Facts {
    const credentials = lazyCredentialFacts({ workspaceRoots: [app], home, cacheDir: path.join(root, 'no-guard'), secretlint: false, persist: false });
    return gatherFacts({ cwd: app, env: { HOME: home, PATH: '/usr/bin:/bin' }, home, workspaceRoots: [app], credentials });
  }
  const fill = (cmd: string): string => cmd.replace(/\{(\w+)\}/g, (_m, k: string) => objects[k] ?? _m);

  const families: Record<string, { ask: { cmd: string; names?: string; production?: boolean }[]; allow: string[] }> = {
    'a deleted secret printed by a patch (production: a password reaches a service nothing names)': {
      ask: [
        { cmd: 'git show HEAD~1', names: 'config/old_settings.py', production: true },
        { cmd: 'git format-patch -1 HEAD~1 --stdout', names: 'config/old_settings.py', production: true },
        { cmd: 'git diff HEAD~2 HEAD~1', names: 'config/old_settings.py', production: true },
        { cmd: 'git log -2 -p', names: 'config/old_settings.py', production: true },
      ],
      allow: ['git show HEAD', 'git show HEAD~1 --stat', 'git log -2 --oneline', 'git diff HEAD~1 -- src/'],
    },
    'objects named by hash': {
      ask: [
        { cmd: 'git cat-file -p {old}', names: 'config/old_settings.py', production: true },
        { cmd: 'git cat-file blob {old}', names: 'config/old_settings.py' },
        { cmd: 'git show {prod}', names: 'config/production.json', production: true },
        { cmd: 'git cat-file -p {rails}', names: 'config/secrets.yml' },
        { cmd: 'echo {old} | git cat-file --batch', names: 'config/old_settings.py' },
        { cmd: "git cat-file --batch <<< '{old}'", names: 'config/old_settings.py' },
        { cmd: 'git rev-list --objects --all | git cat-file --batch' },
      ],
      allow: ['git cat-file -p {src}', 'git cat-file -t {old}', 'git cat-file -s {old}', 'git cat-file -p HEAD', 'git cat-file -p HEAD^{tree}', 'echo {src} | git cat-file --batch', 'echo {old} | git cat-file --batch-check'],
    },
    'plumbing that prints patches': {
      ask: [
        { cmd: 'git diff-tree -p HEAD~1', names: 'config/old_settings.py' },
        { cmd: 'git diff-tree -p HEAD~2 HEAD~1', names: 'config/old_settings.py' },
        { cmd: 'git diff-index -p HEAD~2', names: 'config/old_settings.py' },
        { cmd: 'git difftool --no-prompt -x cat HEAD~2', names: 'config/old_settings.py' },
        { cmd: 'git difftool -y --extcmd=cat HEAD~2 HEAD~1', names: 'config/old_settings.py' },
      ],
      allow: ['git diff-tree --no-commit-id --name-only -r HEAD~1', 'git diff-index --quiet HEAD', 'git diff-tree -p HEAD', 'git difftool --no-prompt -x cat HEAD~1 -- src/'],
    },
    'a deleted file named by its path': {
      ask: [
        { cmd: 'git log -p --follow config/old_settings.py', names: 'config/old_settings.py', production: true },
        { cmd: 'git log --all -p -- config/old_settings.py', names: 'config/old_settings.py' },
        { cmd: 'git blame HEAD~2 -- config/old_settings.py', names: 'config/old_settings.py' },
        { cmd: 'git annotate config/old_settings.py HEAD~2', names: 'config/old_settings.py' },
        { cmd: 'git log -L1,1:config/old_settings.py HEAD~2', names: 'config/old_settings.py' },
      ],
      allow: ['git log -p --follow src/app.ts', 'git blame src/app.ts', 'git log -L1,1:src/app.ts', 'git log --follow --oneline config/old_settings.py'],
    },
    'a deleted secret brought back': {
      ask: [
        { cmd: 'git checkout HEAD~2 -- config/old_settings.py', names: 'config/old_settings.py', production: true },
        { cmd: 'git restore --source=HEAD~2 config/old_settings.py', names: 'config/old_settings.py' },
        { cmd: 'git restore -s HEAD~2 -- config/old_settings.py', names: 'config/old_settings.py' },
        { cmd: `git worktree add ${'/tmp'}/bs-cred1-old HEAD~2`, names: 'config/old_settings.py' },
        { cmd: 'git cherry-pick -n HEAD~2 && cat config/old_settings.py', names: 'config/old_settings.py' },
        { cmd: 'git revert -n HEAD~1 && head config/old_settings.py', names: 'config/old_settings.py' },
      ],
      allow: ['git checkout HEAD~1 -- src/app.ts', 'git worktree add ../hotfix', 'git worktree add /tmp/bs-cred1-new HEAD', 'git cherry-pick -n HEAD~2 && cat src/app.ts'],
    },
  };

  for (const [family, rows] of Object.entries(families)) {
    describe(family, () => {
      for (const row of rows.ask) {
        it(`asks: ${row.cmd}`, () => {
          const v = classify(fill(row.cmd), facts(), { lockdown: false });
          assert.notEqual(v.decision, 'allow', `${row.cmd}: ${v.reasons.join(' | ')}`);
          if (row.names) assert.ok(v.reasons.join(' ').includes(row.names), `${row.cmd} names ${row.names}: ${v.reasons.join(' | ')}`);
          if (row.production) assert.equal(v.production, true, `${row.cmd} is production: ${v.reasons.join(' | ')}`);
          for (const s of secrets) assert.ok(!JSON.stringify(v).includes(s), `${row.cmd}: a secret value in the verdict`);
        });
      }
      for (const cmd of rows.allow) {
        it(`allows: ${cmd}`, () => {
          const v = classify(fill(cmd), facts(), { lockdown: false });
          assert.equal(v.decision, 'allow', `${cmd}: ${v.reasons.join(' | ')}`);
        });
      }
    });
  }
});
