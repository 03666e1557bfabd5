import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Programs git runs (registry/tools/git.ts: rebase --exec, difftool -x, fetch/clone --upload-pack,
 * bisect run, submodule foreach, config) and the runners that start a command the agent does not wait
 * for (registry/tools/runners.ts: systemd-run, tmux, screen), read through the one grammar: options
 * before, between and after the subcommand, glued, `--opt=value`, abbreviated where accepted. Each
 * row that runs `rm -rf src` sits next to a look-alike that runs something harmless.
 */

const facts = testFacts({ files: { '/work/app/src/index.ts': 'x\n', '/work/app/package.json': '{"scripts":{"dev":"vite"}}' } });

const ROWS: ReadonlyArray<[string, 'allow' | 'ask' | 'deny']> = [
  ["git fetch --upload-pack 'rm -rf src' origin", 'ask'],
  ["git fetch origin --upload-pack='rm -rf src'", 'ask'],
  ["git fetch --upload-p 'rm -rf src' origin", 'ask'],
  ["git clone -u 'rm -rf src' https://example.com/r.git", 'ask'],
  ["git -C /work/app ls-remote --upload-pack='rm -rf src' origin", 'ask'],
  ['git push -u origin main', 'allow'],
  ['git fetch --upload-pack git-upload-pack origin', 'allow'],
  ["git rebase -x 'rm -rf src' main", 'ask'],
  ["git rebase main --exec='rm -rf src'", 'ask'],
  ["git rebase --exe 'rm -rf src' main", 'ask'],
  ["git rebase -x'rm -rf src' main", 'ask'],
  ['git rebase -i main', 'allow'],
  ["git rebase -x 'npm test' main", 'allow'],
  ["git difftool --extcmd='rm -rf src' HEAD", 'ask'],
  ["git difftool HEAD -x 'rm -rf src'", 'ask'],
  ['git difftool -t meld HEAD', 'allow'],
  ["git grep -O'rm -rf src;' foo", 'ask'],
  ["git grep --open-files-in-pager='rm -rf src;' foo", 'ask'],
  ['git grep -O foo', 'allow'],
  ['git grep -Ovim foo', 'allow'],
  ['git bisect run rm -rf src', 'ask'],
  ["git bisect run sh -c 'rm -rf src && npm test'", 'ask'],
  ['git bisect run npm test', 'allow'],
  ["git submodule foreach --recursive 'rm -rf src'", 'ask'],
  ["git submodule --quiet foreach 'rm -rf src'", 'ask'],
  ["git submodule foreach 'git status'", 'allow'],
  ["git config --global core.pager 'rm -rf src'", 'ask'],
  ["git config set core.fsmonitor 'rm -rf src'", 'ask'],
  ["git -C /work/app config core.fsmonitor 'rm -rf src'", 'ask'],
  ['git config --get core.pager', 'allow'],
  ['git config core.pager less', 'allow'],
  ["git -c core.pager='rm -rf src' log", 'ask'],
  ['git -c core.pager=less log', 'allow'],
  ['systemd-run --on-calendar=daily rm -rf src', 'ask'],
  ['systemd-run --on-cal daily rm -rf src', 'ask'],
  ['systemd-run --user --unit cleanup -- rm -rf src', 'ask'],
  ['systemd-run -ucleanup rm -rf src', 'ask'],
  ['systemd-run --user echo hi', 'allow'],
  ['systemd-run --unit rm echo hi', 'allow'],
  ["tmux new -s work -d 'rm -rf src'", 'ask'],
  ["tmux -L sock new-window -n w 'rm -rf src'", 'ask'],
  ["tmux split-window -h -l 30 'rm -rf src'", 'ask'],
  ["tmux new -d 'npm run dev'", 'allow'],
  ["tmux new -s rm -d 'npm run dev'", 'allow'],
  ["tmux send-keys -t work 'rm -rf src' Enter", 'ask'],
  ["tmux send-keys -t work 'ls' Enter", 'allow'],
  ['screen -dmS work rm -rf src', 'ask'],
  ['screen -S work -d -m rm -rf src', 'ask'],
  ['screen -dmS rm npm run dev', 'allow'],
  ['screen -ls', 'allow'],
];

describe('registry: programs git runs and detached runners read through one grammar', () => {
  for (const [cmd, decision] of ROWS) {
    it(`${cmd} -> ${decision}`, () => {
      const v = classify(cmd, facts, { lockdown: false });
      assert.equal(v.decision, decision, JSON.stringify(v, null, 1));
    });
  }
});

describe('registry: awk and deno read through one grammar', () => {
  const facts = testFacts({ files: { '/work/app/src/index.ts': 'x\n', '/work/app/wipe.awk': 'BEGIN { system("rm -rf src") }\n', '/work/app/count.awk': '{ n++ } END { print n }\n' } });
  const rows: ReadonlyArray<[string, 'allow' | 'ask']> = [
    [`awk 'BEGIN { system("rm -rf src") }'`, 'ask'],
    [`awk -F: -v OFS=, 'BEGIN { system("rm -rf src") }' /etc/passwd`, 'ask'],
    ['awk -f wipe.awk data.txt', 'ask'],
    ['gawk --file=wipe.awk data.txt', 'ask'],
    [`gawk -e 'BEGIN { system("rm -rf src") }'`, 'ask'],
    [`gawk --sour 'BEGIN { system("rm -rf src") }'`, 'ask'],
    ['awk -f count.awk data.txt', 'allow'],
    [`awk -F: '{ print $1 }' /etc/hosts`, 'allow'],
    [`deno eval "Deno.removeSync('src', { recursive: true })"`, 'ask'],
    [`deno --quiet eval "Deno.removeSync('src', { recursive: true })"`, 'ask'],
    [`deno eval --ext=ts "Deno.removeSync('src', { recursive: true })"`, 'ask'],
    [`deno eval "console.log(Deno.cwd())"`, 'allow'],
  ];
  for (const [cmd, decision] of rows) {
    it(`${cmd} -> ${decision}`, () => {
      const v = classify(cmd, facts, { lockdown: false });
      assert.equal(v.decision, decision, JSON.stringify(v, null, 1));
    });
  }
});
