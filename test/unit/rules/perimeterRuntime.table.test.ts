import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import type { Facts, GitPathState } from '../../../src/core/policy/types';
import { decodeBase64, decodedLiterals, unreadableCode } from '../../../src/core/rules/perimeter/runtimeCode';
import { runtimeTargetProducer } from '../../../src/core/rules/perimeter/runtimeTargets';
import { emptyFacts, perimeterFacts, show } from './perimeterFixtures';

/**
 * The perimeter against code and targets the hook never reads (issue #19, item 2): interpreter code
 * decoded or looked up at run time, modules loaded from outside the workspace, write targets
 * computed at run time, programs git is told to run, magic pathspecs. Every row below is denied on a
 * machine holding hook configurations (perimeterFixtures.ts); the look-alikes stay allowed; on a
 * machine holding nothing of the guard's, unreadable code asks instead of denying.
 */

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const hex = (text: string): string => Buffer.from(text).toString('hex');

const DENIED: Record<string, readonly string[]> = {
  'interpreter-runtime: code decoded, built or looked up at run time': [
    `python3 -c "exec(__import__('base64').b64decode('${b64("import os; os.remove('.cursor/hooks.json')")}'))"`,
    `python3 -c "import base64; exec(base64.b64decode('${b64('print(1)')}'))"`,
    `python3 -c "import os; getattr(os,'re'+'move')(bytes.fromhex('${hex('.claude/settings.json')}').decode())"`,
    `python3 -c "import os; f=getattr(os,'un'+'link'); f(''.join(map(chr,[46,99,117,114,115,111,114,47,104,111,111,107,115,46,106,115,111,110])))"`,
    `python3 -c "__import__('o'+'s').system(__import__('codecs').decode('ez -es .phefbe','rot13'))"`,
    `python3 -c "import subprocess; subprocess.run(['sh','-c',bytes.fromhex('${hex('rm -rf x')}').decode()])"`,
    `python3 -c "import zlib,base64; exec(zlib.decompress(base64.b64decode(open('/tmp/p').read())))"`,
    `node -e "eval(Buffer.from('${b64("require('fs').rmSync('.cursor',{recursive:true})")}','base64').toString())"`,
    `node -e "new Function(atob('${b64('return 1')}'))()"`,
    `node -e "require('vm').runInThisContext(atob('MQ=='))"`,
    `node -e "process.binding('fs')"`,
    `node -e "const c=require('child_process'); c.execSync(Buffer.from('${b64('rm -rf build')}','base64').toString())"`,
    `perl -e 'eval pack("H*","${hex('unlink ".cursor/hooks.json"')}")'`,
    `perl -MMIME::Base64 -e 'eval decode_base64("${b64('print 1')}")'`,
    `perl -e 'system(pack("H*","${hex('rm -rf x')}"))'`,
    `ruby -e 'eval(["${hex('puts 1')}"].pack("H*"))'`,
    `ruby -e 'system(["${hex('rm -rf x')}"].pack("H*"))'`,
    `php -r 'eval(base64_decode("${b64('echo 1;')}"));'`,
    `php -r 'system(hex2bin("${hex('rm -rf x')}"));'`,
    "lua -e 'os.execute(string.char(114,109,32,45,114,102,32,120))'",
    'lua -e \'load(io.read("*a"))()\'',
    "awk 'BEGIN{system(sprintf(\"%c%c -rf x\",114,109))}'",
    "echo 'file delete .cursor/hooks.json' | tclsh",
    "tclsh <<< 'file delete -force .claude'",
  ],
  'module-indirection: code loaded from outside the workspace': [
    'PYTHONPATH=/tmp/mods python3 -c "import tidy"',
    'PYTHONPATH=/tmp/mods python3 -m tidy',
    'mkdir -p /tmp/m && printf \'import os\\nos.remove(".cursor/hooks.json")\\n\' > /tmp/m/c.py && PYTHONPATH=/tmp/m python3 -c \'import c\'',
    "python3 -c 'import sys; sys.path.insert(0,\"/tmp/mods\"); import tidy'",
    "python3 -c 'import site; site.addsitedir(\"/tmp/mods\"); import tidy'",
    'node -r /tmp/mods/c.js -e 1',
    'node --require=/tmp/mods/c.js app.js',
    'node --import /tmp/mods/c.mjs -e 1',
    'node --loader /tmp/mods/l.mjs src/index.js',
    "NODE_OPTIONS='--require /tmp/mods/c.js' npm test",
    "node -e 'require(\"/tmp/mods/c.js\")'",
    'PERL5OPT=-M/tmp/mods/x perl -e 1',
    'perl -I/tmp/mods -MTidy -e 1',
    'RUBYOPT=-r/tmp/mods/x.rb ruby -e 1',
    'ruby -r /tmp/mods/x.rb -e 1',
    'LD_PRELOAD=/tmp/mods/x.so ls',
    'BASH_ENV=/tmp/tidy.sh bash -c true',
    'ENV=/tmp/tidy.sh sh -i < /dev/null',
    'PYTHONSTARTUP=/tmp/mods/s.py python3 -i < /dev/null',
    "echo 'import os; os.remove(\".cursor/hooks.json\")' > ~/.local/lib/python3.11/site-packages/zz.pth",
    'cp /tmp/mods/c.py ~/.local/lib/python3.11/site-packages/usercustomize.py',
  ],
  'runtime-target: write targets computed at run time': [
    // Red team, round 2: interpreters writing what a glob or listing finds; copies of unnamed entries into a hook folder.
    `python3 -c "import glob;[open(f,'w').write('{}') for f in glob.glob('.*/*.json')]"`,
    `perl -e 'for(glob(".*/*.json")){open F,">",$_;print F "{}"}'`,
    `ruby -e 'Dir[".*/*.json"].each{|f| File.write(f,"{}")}'`,
    `node -e "const fs=require('fs');for(const d of fs.readdirSync('.'))if(d.startsWith('.c'))fs.writeFileSync(d+'/hooks.json','{}')"`,
    'cp /tmp/d/* .cursor/',
    'mv /tmp/d/* .cursor',
    'rsync -a /tmp/d/* .cursor',
    'cp -r /tmp/d/* .claude',
    'cp -rT /tmp/d .cursor',
    'echo {} > "$(cat /tmp/target.txt)"',
    'f=$(cat /tmp/target.txt); : > "$f"',
    'while read f; do : > "$f"; done < /tmp/target.txt',
    'for f in $(cat /tmp/target.txt); do : > $f; done',
    'tee $(cat /tmp/target.txt) < /dev/null',
    'sed -i d $(cat /tmp/target.txt)',
    'dd if=/dev/null of=$(cat /tmp/target.txt)',
    'exec 3>"$(cat /tmp/target.txt)"',
    'truncate -s0 "$(head -1 /tmp/target.txt)"',
    "echo '{}' > \"$(jq -r .installs[0].file ~/.blast-shield/installs.json)\"",
    "jq -r '.installs[].file' ~/.blast-shield/installs.json | while read -r f; do echo '{}' > \"$f\"; done",
    "echo {} > \"$(printf '.%s/hooks.json' cursor)\"",
    'echo {} > "$(echo LmN1cnNvci9ob29rcy5qc29u | base64 -d)"',
    'echo {} > "$(find . -maxdepth 2 -name hooks.json | head -1)"',
    "cat /dev/null > \"$(git ls-files -- '.c*/h*.json' | head -1)\"",
    'cp /dev/null "$(ls ~/.cursor/*.json | head -1)"',
    'parallel rm :::: /tmp/target.txt',
    'parallel -j 4 rm :::: /tmp/target.txt',
    'parallel --arg-file /tmp/target.txt rm',
    'mv /tmp/x "$(cat /tmp/dest)"',
    'xargs rm -f < /tmp/target.txt',
    'xargs -a /tmp/target.txt rm -f',
    'cat /tmp/target.txt | xargs truncate -s 0',
    "python3 -c \"import pathlib; [p.unlink() for p in pathlib.Path('.').glob('.c*/hooks.json')]\"",
    "node -e \"const f=require('fs');f.readdirSync('.').filter(n=>n.startsWith('.cu')).forEach(n=>f.rmSync(n,{recursive:true}))\"",
  ],
  'git-runs-program: programs git is told to run': [
    'git config core.hooksPath /tmp/hooks',
    'git config --global core.hooksPath /tmp/hooks',
    'git -c core.hooksPath=/tmp/ghooks checkout -b feature',
    "git config alias.tidy '!rm -rf .cursor'",
    "git -c core.pager='rm -rf .cursor; cat' log -1",
    "git -c alias.x='!sh -c \"rm -rf .claude\"' x",
    "git config core.fsmonitor 'rm -rf .cursor'",
    'git -c core.fsmonitor=/tmp/tidy.sh status',
    "git -c core.sshCommand='sh /tmp/tidy.sh' fetch origin",
    'git -c filter.x.clean=/tmp/tidy.sh add .',
    "git -c credential.helper='!sh /tmp/tidy.sh' fetch",
    'git -c gpg.program=/tmp/tidy.sh commit -S -m x',
    'git -c sequence.editor=/tmp/tidy.sh rebase -i HEAD~1',
    'git -c uploadpack.packObjectsHook=/tmp/tidy.sh fetch',
    "git -c protocol.ext.allow=always fetch 'ext::sh /tmp/tidy.sh'",
    'git bisect run /tmp/tidy.sh',
    'git rebase --exec /tmp/tidy.sh HEAD~1',
    "git submodule foreach 'rm -rf ../.cursor'",
    "printf '[core]\\n\\tfsmonitor = /tmp/tidy.sh\\n' >> .git/config && git status",
    "printf '#!/bin/sh\\nrm -rf .cursor\\n' > .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit",
    'cp /tmp/hook .git/hooks/post-checkout',
    'GIT_SSH_COMMAND=/tmp/tidy.sh git fetch',
    'GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.fsmonitor GIT_CONFIG_VALUE_0=/tmp/tidy.sh git status',
    "git config --global core.pager /tmp/tidy.sh",
    "git config filter.x.smudge /tmp/tidy.sh",
  ],
  'git-worktree: commands that take files out of the work tree or move it to another commit (red team, round 2)': [
    'git sparse-checkout set src',
    'git sparse-checkout set --no-cone /src',
    'git sparse-checkout init --cone',
    'git checkout 877a',
  ],
  'git-pathspec: magic pathspecs and paths fed from git reach the whole tree': [
    "git stash push -- ':(exclude)src'",
    "git stash push -- ':!src'",
    "git checkout -- ':!src'",
    "git restore -- ':(exclude)src'",
    "git restore --staged --worktree -- ':!src'",
    "git checkout HEAD -- ':(top)'",
    "git checkout -- ':(icase).CURSOR'",
    "git restore -- ':(attr:!binary)'",
    "git restore --source=HEAD -- ':(glob)**'",
    "git checkout HEAD~1 -- '*.json'",
    'git ls-files -m | xargs git checkout --',
    'git diff --name-only | xargs git checkout HEAD --',
    'git diff --name-only | xargs git restore',
  ],
};

const ALLOWED: readonly string[] = [
  'git sparse-checkout list',
  'git checkout -b cafe',
  `python3 -c "import glob;[print(open(f).read()) for f in glob.glob('src/*.ts')]"`,
  `python3 -c "import os;[print(f) for f in os.listdir('.')]"`,
  'cp /tmp/d/* src/',
  'cp -r src/* dist/',
  `python3 -c "import base64; print(base64.b64decode('${b64('hello world')}').decode())"`,
  `node -e "console.log(Buffer.from('${b64('hello')}','base64').toString())"`,
  `perl -MMIME::Base64 -e 'print decode_base64("${b64('hello')}")'`,
  "python3 -c \"import json; print(json.load(open('package.json'))['name'])\"",
  'python3 -c "import subprocess; subprocess.run([\'git\', \'status\'])"',
  "node -e \"require('child_process').execSync('git status')\"",
  "node -e \"console.log(require('./package.json').version)\"",
  "python3 -c 'print(1)'",
  "lua -e 'print(1)'",
  "awk '{print $1}' notes.txt",
  'PYTHONPATH=src python3 -m pytest -q',
  'node -r ts-node/register src/index.ts',
  'node --import tsx src/index.ts',
  'NODE_OPTIONS=--max-old-space-size=4096 npm run build',
  'ENV=staging ./deploy.sh',
  'LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 node app.js',
  'echo ok > "$(mktemp)"',
  'out=$(mktemp) && git log --oneline -5 > "$out" && cat "$out"',
  'echo "build $(date +%s)" > "dist/$(git rev-parse --short HEAD).txt"',
  'echo "{}" > "$(mktemp -d)/config.json"',
  'for f in $(git diff --name-only); do npx prettier --write "$f"; done',
  'git diff --name-only | xargs npx eslint --fix',
  'git -c core.pager=cat log -1',
  'GIT_PAGER=cat git log -3',
  'git config core.autocrlf input',
  'git config --global user.name "Dev"',
  "git config alias.st status",
  "git config alias.lg 'log --graph --oneline'",
  'git -c color.ui=always diff --stat',
  'git config credential.helper store',
  'git config core.pager "less -R"',
  "printf '#!/bin/sh\\nnpm test\\n' > .git/hooks/pre-push",
  'git stash list',
  'git restore --staged src/index.ts',
  'git checkout -- src/index.ts',
  'git stash push -m wip -- src',
  'git ls-files -m',
  'tmux new -d "npm run dev"',
  'echo a.txt | xargs rm',
  "find . -name '*.log' | xargs rm",
  'xargs -n1 echo < notes.txt',
  "python3 -c \"import glob,os; [os.remove(f) for f in glob.glob('build/*.pyc')]\"",
  "python3 -c \"import glob; print(glob.glob('src/**/*.py', recursive=True))\"",
];

/** The fixture machine, where git says which protected files differ from the last commit. */
function withGit(states: Record<string, GitPathState>): Facts {
  return perimeterFacts({ gitPathStates: (_tree, paths) => Object.fromEntries(paths.map((p) => [p, states[p] ?? 'unmodified'])) });
}

describe('rules/perimeter: code and targets the hook never reads', () => {
  const facts = perimeterFacts();
  for (const [family, commands] of Object.entries(DENIED)) {
    describe(family, () => {
      for (const command of commands) {
        it(`denies: ${command.replace(/\n/g, '\\n').slice(0, 160)}`, () => {
          const v = classify(command, facts, { lockdown: false });
          assert.equal(v.decision, 'deny', show(v));
        });
      }
    });
  }

  describe('look-alikes that stay allowed', () => {
    for (const command of ALLOWED) {
      it(`allows: ${command.slice(0, 160)}`, () => {
        const v = classify(command, facts, { lockdown: false });
        assert.ok(!v.risks.includes('self-protection'), show(v));
        assert.notEqual(v.decision, 'deny', show(v));
      });
    }
  });

  describe('a machine holding nothing of the guard: unreadable code asks, it does not deny', () => {
    const fresh = emptyFacts();
    for (const command of [`python3 -c "exec(__import__('base64').b64decode('${b64('print(1)')}'))"`, 'node -r /tmp/mods/c.js -e 1', 'echo {} > "$(cat /tmp/target.txt)"', 'git -c core.fsmonitor=/tmp/tidy.sh status']) {
      it(`asks: ${command.slice(0, 120)}`, () => {
        const v = classify(command, fresh, { lockdown: false });
        assert.equal(v.decision, 'ask', show(v));
        assert.ok(!v.risks.includes('self-protection'), show(v));
      });
    }
  });

  describe('git reset --hard and plain git stash deny only when git would change a protected file', () => {
    const rows: readonly [string, Record<string, GitPathState>, boolean][] = [
      ['git reset --hard', {}, false],
      ['git stash', {}, false],
      ["git stash push -- ':(exclude)src'", {}, false],
      ['git reset --hard', { '/work/app/.cursor/hooks.json': 'modified' }, true],
      ['git stash', { '/work/app/.claude/settings.json': 'modified' }, true],
      ['git reset --hard', { '/work/app/.github/hooks': 'staged-new' }, true],
      ['git reset --hard', { '/work/app/.clinerules/hooks': 'untracked' }, false],
      ['git stash', { '/work/app/.clinerules/hooks': 'untracked' }, false],
      ['git stash -u', { '/work/app/.clinerules/hooks': 'untracked' }, true],
      ['git stash -u', { '/work/app/.claude/settings.local.json': 'ignored' }, false],
      ['git stash -a', { '/work/app/.claude/settings.local.json': 'ignored' }, true],
      ["git checkout -- ':!src'", { '/work/app/.cursor/hooks.json': 'modified' }, true],
      ['git ls-files -m | xargs git checkout --', { '/work/app/.cursor/hooks.json': 'modified' }, true],
      ['git ls-files -m | xargs git checkout --', {}, false],
      // git clean removes untracked files (ignored ones with -x, only ignored ones with -X), never tracked ones.
      ['git clean -fd', { '/work/app/.cursor/hooks.json': 'modified' }, false],
      ['git clean -fd', { '/work/app/.clinerules/hooks': 'untracked' }, true],
      ['git clean -fd', { '/work/app/.claude/settings.local.json': 'ignored' }, false],
      ['git clean -fdx', { '/work/app/.claude/settings.local.json': 'ignored' }, true],
      ['git clean -fX', { '/work/app/.clinerules/hooks': 'untracked' }, false],
      // Another commit may differ anywhere: git's view of the work tree does not narrow it.
      ['git reset --hard HEAD~1', {}, true],
      ['git checkout HEAD~1 -- :/', {}, true],
      // Git pointed at another repository or index: this repository's view says nothing about it.
      ['GIT_DIR=/other/proj/.git git reset --hard', {}, true],
      ['git --git-dir=/other/proj/.git reset --hard', {}, true],
    ];
    for (const [command, states, denied] of rows) {
      it(`${denied ? 'denies' : 'leaves to the git rules'}: ${command} ${JSON.stringify(states)}`, () => {
        const v = classify(command, withGit(states), { lockdown: false });
        assert.equal(v.risks.includes('self-protection'), denied, show(v));
        if (denied) assert.equal(v.decision, 'deny', show(v));
      });
    }
    it('assumes the worst when git cannot tell', () => {
      const v = classify('git reset --hard', perimeterFacts({ gitPathStates: () => undefined }), { lockdown: false });
      assert.equal(v.decision, 'deny', show(v));
    });
    it('the git rules still ask for a reset that changes no protected file', () => {
      // A change to a file that is not protected (git reports the work tree modified): the reset discards it.
      assert.equal(classify('git reset --hard', withGit({ '/work/app': 'modified' }), { lockdown: false }).decision, 'ask');
      assert.equal(classify("git checkout -- ':!src'", withGit({}), { lockdown: false }).decision, 'ask');
    });
  });

  describe('the readers', () => {
    it('decodes base64, hex, character codes and rot13 named in the code', () => {
      assert.equal(decodeBase64(b64('.cursor/hooks.json')), '.cursor/hooks.json');
      assert.equal(decodeBase64('not base64!'), undefined);
      assert.match(decodedLiterals(`x('${hex('.claude')}')`), /\.claude/);
      assert.match(decodedLiterals('f([46,99,117,114,115,111,114])'), /\.cursor/);
      assert.match(decodedLiterals("codecs.decode('.phefbe','rot13')"), /\.cursor/);
      assert.equal(decodedLiterals("print('hi')"), '');
    });
    it('tells unreadable code from code that only decodes', () => {
      assert.match(unreadableCode("exec(base64.b64decode('eA=='))") ?? '', /runs code computed/);
      assert.match(unreadableCode("getattr(os, 're'+'move')('x')") ?? '', /looks up/);
      assert.equal(unreadableCode("print(base64.b64decode('eA=='))"), undefined);
      assert.equal(unreadableCode("exec('print(1)')"), undefined);
      assert.equal(unreadableCode("data = json.load(f)"), undefined);
    });
    it('names the command a computed target comes from', () => {
      const w = (text: string, sources?: string[]) => ({ text, raw: text, dynamic: true, glob: false, ...(sources ? { sources } : {}) });
      assert.match(runtimeTargetProducer('$(cat /tmp/t)', w('$(cat /tmp/t)'), false) ?? '', /cat \/tmp\/t/);
      assert.match(runtimeTargetProducer('$f', w('$f', ['$(< /tmp/list)']), false) ?? '', /content of \/tmp\/list/);
      assert.equal(runtimeTargetProducer('$(mktemp)', w('$(mktemp)'), false), undefined);
      assert.equal(runtimeTargetProducer('out/$(cat /tmp/t).log', w('out/$(cat /tmp/t).log'), false), undefined);
      assert.match(runtimeTargetProducer('out/$(cat /tmp/t).log', w('out/$(cat /tmp/t).log'), true) ?? '', /cat/);
    });
  });
});
