import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import { perimeterFacts, show } from './perimeterFixtures';

/**
 * The perimeter's families beyond paths an agent writes directly: reads that reach the window
 * tokens by a pattern, a search or another process's files; start-up files that start-up files
 * read; code-loading settings planted for the next program; the editor's extension state; another
 * agent started with its approvals or hooks off; the guard removed by a package manager or run
 * through a lookup; the guard home made a repository; archive tools that write entries of unknown
 * names. Every row is denied (not asked); the look-alikes stay allowed. Facts: perimeterFixtures.ts.
 */

const DENIED: Record<string, readonly string[]> = {
  'window tokens by pattern, search and process files': [
    'cat ~/.bl*/i*/*.json',
    'tail -n+1 ~/.blast-shield/*/*.window.json',
    'cat ~/*/ipc/*',
    'cat ~/.*/ipc/*',
    'head /data/g*/ipc/*',
    "find ~ -name '*.window.json' -exec cat {} +",
    "find ~ -name '*.window.json' | xargs cat",
    "find ~ -path '*ipc*' -type f -print0 | xargs -0 cat",
    'find ~/.blast-shield -type f -exec cat {} \\;',
    "cat $(find ~ -name '*.window.json')",
    "while read f; do cat \"$f\"; done < <(find ~ -name '*.window.json')",
    'cat $(ls -d ~/.b*)/ipc/*',
    'cd ~/.b* && cat i*/*',
    'cat /proc/self/root/home/dev/.blast-shield/ipc/abc.window.json',
    'cat /proc/*/environ',
    'strings /proc/1234/environ',
    "python3 -c \"import glob,os; print([open(f).read() for f in glob.glob(os.path.expanduser('~/.bl*/ipc/*'))])\"",
    "python3 -c \"import os; [print(open(os.path.join(r,f)).read()) for r,d,fs in os.walk(os.path.expanduser('~')) for f in fs if f.endswith('window.json')]\"",
    "node -e \"for (const f of require('fs').globSync(require('os').homedir()+'/.b*/i*/*')) console.log(require('fs').readFileSync(f,'utf8'))\"",
    "perl -e 'print `cat $_` for glob(\"$ENV{HOME}/.b*/i*/*\")'",
    "tar xOf /tmp/h.tar --wildcards '*/.blast-shield/ipc/*'",
    'tar -cf - -C ~ .blast-shield | base64',
    'fd -H window.json ~ -x cat',
    'for f in ~/.*/i*/*; do cat "$f"; done',
    'for f in ~/.blast-shield/ipc/*; do jq . "$f"; done',
  ],
  'start-up files that start-up files read': [
    "echo 'alias rm=\"rm\"' >> ~/.bash_aliases",
    "mkdir -p ~/.bashrc.d && echo 'export X=1' > ~/.bashrc.d/50-node.sh",
    'echo x >> ~/.zshrc.d/local.zsh',
    'echo x >> ~/.profile.d/node.sh',
    'echo x >> ~/.config/fish/conf.d/x.fish',
    'echo x >> ~/.config/zsh/.zshrc',
    'echo x >> ~/.zsh/aliases.zsh',
    'echo x >> ~/.oh-my-zsh/custom/node.zsh',
    'echo x >> ~/.kshrc',
    'echo x >> ~/.mkshrc',
    'echo x >> ~/.shrc',
    'echo x >> ~/.inputrc',
    'echo x >> ~/.tmux.conf',
    'echo x >> ~/.ssh/environment',
    'echo x >> ~/.config/plasma-workspace/env/x.sh',
    'echo x >> ~/.local/bin/env',
    'echo x >> ~/.cargo/env',
    'echo x >> ~/.nvm/nvm.sh',
    'echo x >> ~/.sdkman/bin/sdkman-init.sh',
    'echo x >> ~/.bun/_bun',
    'echo x >> ~/.fzf.bash',
    'echo x >> ~/.p10k.zsh',
    'ln -sf /tmp/evil.sh ~/.bash_aliases',
    "python3 -c \"import os;open(os.path.expanduser('~/.bash_aliases'),'a').write('alias ls=rm')\"",
    "sed -i '1i export X=1' ~/.nvm/nvm.sh",
  ],
  'code-loading settings planted for the next program': [
    "echo 'node-options=--require /tmp/c.js' >> ~/.npmrc",
    "echo 'node-options=--require /tmp/c.js' >> .npmrc",
    "npm config set node-options '--require /tmp/c.js'",
    "pnpm config set node-options '--import /tmp/x.mjs'",
    "echo 'export NODE_OPTIONS=--require=/tmp/x/a.js' > .envrc",
    "printf '[env]\\nNODE_OPTIONS = \"--require=/tmp/x/a.js\"\\n' > .mise.toml",
    'tmux set-environment -g NODE_OPTIONS --require=/tmp/x/a.js',
    "export NODE_OPTIONS='--require /tmp/x.js'",
    'export BASH_ENV=/tmp/env.sh',
    "BASH_ENV=/tmp/env.sh bash -c 'git status'",
    'ENV=/tmp/env.sh sh -i -c true',
    "export PROMPT_COMMAND='source /tmp/x.sh'",
    'LD_PRELOAD=/tmp/x.so npm test',
    "NODE_OPTIONS='--import ./tmp/register.mjs' npm test",
    'GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.hooksPath GIT_CONFIG_VALUE_0=/tmp/h git commit -m x',
    "echo 'NODE_OPTIONS DEFAULT=--require=/tmp/x.js' >> ~/.pam_environment",
    "echo 'set -gx NODE_OPTIONS --require=/tmp/a.js' > /tmp/x.fish",
  ],
  "the editor's extension state and extensions from a path": [
    "sqlite3 ~/.config/Code/User/globalStorage/state.vscdb \"delete from ItemTable where key like 'blast-shield%'\"",
    'rm ~/.config/Code/User/globalStorage/state.vscdb',
    'rm -f ~/.local/share/code-server/User/globalStorage/state.vscdb',
    'rm ~/.config/Code/User/workspaceStorage/abc/state.vscdb',
    'rm -rf ~/.config/Code/User/globalStorage/blast-shield.blast-shield',
    "python3 -c \"import json,os; p=os.path.expanduser('~/.vscode/extensions/extensions.json'); json.dump([],open(p,'w'))\"",
    "echo '{\"blastShield.hooks.hosts\": []}' > app.code-workspace",
    'code --install-extension /tmp/evil.vsix',
    'code-server --install-extension ./approver.vsix',
    'code --extensionDevelopmentPath=/tmp/evilext --new-window .',
    'cursor --extensionDevelopmentPath /tmp/approver .',
  ],
  'another agent with its approvals or hooks off': [
    'CLAUDE_CONFIG_DIR=/tmp/cc claude',
    'claude --settings /tmp/s.json -p hi',
    "claude --settings '{\"disableAllHooks\":true}' -p 'clean up the repo'",
    "claude -p --permission-mode bypassPermissions 'tidy'",
    "claude --dangerously-skip-permissions -p 'tidy'",
    "claude --setting-sources project -p 'tidy'",
    "codex exec --dangerously-bypass-approvals-and-sandbox 'fix'",
    "codex -c 'approval_policy=\"never\"' exec 'fix'",
    "codex exec -s danger-full-access 'fix'",
    "CODEX_HOME=/tmp/cx codex exec 'fix'",
    "gemini --yolo -p 'tidy'",
    "gemini --approval-mode=yolo -p 'x'",
    "npx -y @google/gemini-cli --yolo -p 'x'",
    "npx @anthropic-ai/claude-code --dangerously-skip-permissions -p 'x'",
    "cursor-agent --force -p 'x'",
    "copilot --allow-all-tools -p 'x'",
    "HOME=/tmp/h claude -p 'hi'",
    'mkdir -p /etc/claude-code && echo \'{"allowManagedHooksOnly":true}\' > /etc/claude-code/managed-settings.json',
  ],
  'the guard removed or run by a package manager or a lookup': [
    'npm uninstall -g blast-shield',
    'npm rm -g blast-shield',
    'npm remove --location=global blast-shield',
    'pnpm remove -g blast-shield',
    'yarn global remove blast-shield',
    'bun remove -g blast-shield',
    'volta uninstall blast-shield',
    'npm -g rm blast-shield',
    'npm rm blast-shield --global',
    'npm uninstall --loc=global blast-shield',
    'npm --location global un blast-shield',
    'pnpm --global remove blast-shield',
    'yarn --cwd /tmp global rm blast-shield',
    'volta --verbose uninstall blast-shield',
    "node \"$(find ~ -name cli.js -path '*bin*' | head -1)\" uninstall all --user",
    "f=$(find ~ -maxdepth 3 -name 'cli-main.js'); node \"$(dirname \"$f\")/cli.js\" uninstall all --user",
    "$(grep -o \"/[^']*cli.js\" ~/.claude/settings.json | head -1) uninstall all",
    "\"$(jq -r '.hooks.PreToolUse[0].hooks[0].command' .claude/settings.local.json | cut -d' ' -f1)\" uninstall all --project",
    "sh -c \"$(jq -r '.hooks.PreToolUse[0].hooks[0].command' .claude/settings.local.json | sed 's/hook claude/uninstall all/')\"",
    'node "$(npm root -g)/blast-shield/dist/cli.js" uninstall all',
    'node -r ./x.js "$(npm root -g)/blast-shield/dist/cli.js" uninstall all',
    'node --require ./x.js --no-warnings "$(npm root -g)/blast-shield/dist/cli.js" --user uninstall',
  ],
  'the guard home as a repository, archives of unknown entries': [
    'git -C ~/.blast-shield init',
    'cd ~/.blast-shield && git init && git add . && git commit -qm x',
    'git init ~/.blast-shield',
    'pax -r -f /tmp/x.pax',
    'pax -rw /tmp/empty .',
    'ar x /tmp/x.a',
    'unrar x -o+ /tmp/x.rar',
    'jar xf /tmp/x.jar',
    'dpkg-deb -x /tmp/x.deb ~',
    'cabextract /tmp/x.cab',
    'rm -rf .kiro/hooks',
    'for f in .cursor/*; do rm "$f"; done',
    "python3 -c \"import shutil; shutil.rmtree('.kiro/hooks')\"",
  ],
  'paths hidden in base64 or hex literals inside code': [
    "python3 -c \"exec(__import__('base64').b64decode('aW1wb3J0IG9zOyBvcy5yZW1vdmUob3MucGF0aC5leHBhbmR1c2VyKCd+Ly5ibGFzdC1zaGllbGQvYXVkaXQuanNvbmwnKSk='))\"",
    "python3 -c \"exec(__import__('base64').b64decode('aW1wb3J0IG9zLHN1YnByb2Nlc3M7IHN1YnByb2Nlc3MucnVuKFsnbm9kZScsIG9zLnBhdGguZXhwYW5kdXNlcignfi8uYmxhc3Qtc2hpZWxkL2Jpbi9jbGkuanMnKSwgJ3VuaW5zdGFsbCcsICdhbGwnLCAnLS11c2VyJ10p'))\"",
    "python3 -c \"import os; os.remove(bytes.fromhex('2e637572736f722f686f6f6b732e6a736f6e').decode())\"",
    "node -e \"require('fs').unlinkSync(Buffer.from('LmNsYXVkZS9zZXR0aW5ncy5qc29u','base64').toString())\"",
  ],
};

const ALLOWED: readonly string[] = [
  'npm uninstall blast-shield',
  'npm rm -g left-pad',
  'npm -g ls blast-shield',
  'yarn global add blast-shield-docs',
  'volta uninstall typescript',
  'npm --prefix /tmp/other uninstall blast-shield',
  'cat ~/.bash_aliases',
  'grep alias ~/.bash_aliases',
  'ls ~/.bashrc.d',
  'source ~/.cargo/env',
  '. ~/.nvm/nvm.sh && nvm use 20',
  'npm config get node-options',
  'npm config set registry https://registry.npmjs.org/',
  'NODE_OPTIONS=--max-old-space-size=4096 npm run build',
  "NODE_OPTIONS='--require @opentelemetry/auto-instrumentations-node/register' node app.js",
  "export NODE_OPTIONS='--import @sentry/node/preload'",
  'export NODE_ENV=production',
  'ENV=staging npm start',
  'GIT_PAGER=cat git log -5',
  'GIT_EDITOR=true git rebase --continue',
  "echo 'registry=https://r.example/' >> .npmrc",
  'npm uninstall lodash',
  'npm uninstall -g typescript',
  'pnpm remove -g eslint',
  "claude -p 'summarize the README'",
  'claude --continue',
  "codex exec 'explain main.go'",
  "codex -c model=o3 exec 'explain'",
  "gemini -p 'explain this repo'",
  'code --install-extension dbaeumer.vscode-eslint',
  'code --list-extensions',
  "find . -name '*.json' | xargs cat",
  "find ~/projects -name '*.md'",
  "find ~ -maxdepth 2 -name '*.py'",
  'ls ~/.blast-shield',
  'ls ~/.blast-shield/bin',
  'ls ~/.b*',
  'cat /proc/cpuinfo',
  'cat /proc/self/status',
  'tar czf /tmp/src.tgz src',
  'unzip -l /tmp/x.zip',
  'pax -f /tmp/x.pax',
  'ar t /tmp/x.a',
  'tmux set-environment -g EDITOR vim',
  'git -C /home/dev/projects/other status',
  'git init /tmp/newrepo',
  "echo 'export PATH=$HOME/bin:$PATH' >> /tmp/notes.txt",
  "python3 -c \"import glob; print(glob.glob('src/*/*.py'))\"",
  'cat src/*/*.ts',
  'vim src/window.json',
  'for f in src/*.ts; do cat "$f"; done',
  'for f in a b c; do echo "$f"; done',
  'for f in ~/.blast-shield/*.json; do cat "$f"; done',
  "node \"$(find . -name cli.js -path '*scripts*' | head -1)\" --help",
  'rm -rf .kiro/specs/old-feature',
  'fd -e ts . src',
  "fd -H '\\.md$' ~/projects -x wc -l",
  "python3 -c \"import json; print(json.load(open('config/window.json')))\"",
  "python3 -c \"import base64; print(base64.b64decode('aGVsbG8gd29ybGQsIG5vdGhpbmcgaGVyZQ=='))\"",
  "node -e \"console.log(Buffer.from('c3JjL2luZGV4LnRz','base64').toString())\"",
];

describe('rules/perimeter: families beyond direct writes', () => {
  const facts = perimeterFacts();
  for (const [family, commands] of Object.entries(DENIED)) {
    describe(family, () => {
      for (const command of commands) {
        it(`denies: ${command}`, () => {
          const v = classify(command, facts, { lockdown: false });
          assert.equal(v.decision, 'deny', show(v));
          assert.ok(v.risks.includes('self-protection'), show(v));
        });
      }
    });
  }

  describe('look-alikes that stay allowed', () => {
    for (const command of ALLOWED) {
      it(`allows: ${command}`, () => {
        const v = classify(command, facts, { lockdown: false });
        assert.ok(!v.risks.includes('self-protection'), show(v));
        assert.notEqual(v.decision, 'deny', show(v));
      });
    }
  });
});
