import { perimeterFacts } from './perimeterFixtures';
import { ask, allowed, deny, familyTables, type Family } from './familyTable';

/**
 * Stop 36 (red team rounds 24 and 25), the perimeter: agent hosts pinned to a release older than the hook
 * needs, and editors the agent starts and can drive. Each family sits next to routine work that stays allowed.
 */
const TABLE: Record<string, Family> = {
  'an agent host installed or run at a release older than the hook needs': {
    reason: /older than .* the guard's hook stops being run for that host|release computed at run time/,
    rows: [
      ask('npm i -g @anthropic-ai/claude-code@0.2.0'),
      ask('npm i -g @google/gemini-cli@0.1.0'),
      ask('npm i -g @openai/codex@0.1.0'),
      ask('npm install --global @anthropic-ai/claude-code@^1.0.0'),
      ask('npm i -g @anthropic-ai/claude-code@~2.0.5'),
      ask('pnpm add -g @openai/codex@0.1'),
      ask('yarn global add @google/gemini-cli@0.1.0'),
      ask('bun add -g cline@1.0.0'),
      ask('bun i -g @github/copilot@0.0.300'),
      ask('volta install @anthropic-ai/claude-code@1.0.0'),
      ask('npx -y @openai/codex@0.1.0 exec hi'),
      ask('npx --package @openai/codex@0.1.0 codex'),
      ask('bunx @anthropic-ai/claude-code@0.2.0'),
      ask('pnpm dlx @anthropic-ai/claude-code@1.0.0 -p hi'),
      ask('npm exec -- @openai/codex@0.1.0'),
      ask('npm i -g claude@npm:@anthropic-ai/claude-code@0.2.0'),
      ask('npm i -g @anthropic-ai/claude-code@"<2"'),
      ask('claude install 1.0.0'),
      ask('npm i -g @anthropic-ai/claude-code@legacy'),
      ask('npm i -g @anthropic-ai/claude-code@$OLD'),
      allowed('npm i -g @anthropic-ai/claude-code'),
      allowed('npm i -g @anthropic-ai/claude-code@latest'),
      allowed('npm i -g @anthropic-ai/claude-code@2.1.332'),
      allowed('npm i -g @anthropic-ai/claude-code@^2.1.0'),
      allowed('npm i -g @openai/codex@0.169.0'),
      allowed('npm i -g @openai/codex@">=0.100"'),
      allowed('npm i -g cline@3.1.0'),
      allowed('npm i -g typescript@4.9.5'),
      allowed('npm i -D @anthropic-ai/sdk@0.2.0'),
      allowed('bun add zod'),
      allowed('claude install stable'),
    ],
  },
  'an editor the agent starts and can drive': {
    reason: /serves an editor to a browser|opens an editor window on/,
    rows: [
      ask('code serve-web --without-connection-token --port 8000'),
      ask('xvfb-run -a code --new-window .'),
      ask('Xvfb :99 & DISPLAY=:99 code --new-window .'),
      ask('export DISPLAY=:99; cursor .'),
      ask('WAYLAND_DISPLAY=wayland-9 code .'),
      ask('xvfb-run -s "-screen 0 1280x800x24" codium .'),
      ask('nohup code serve-web --host 127.0.0.1 > /dev/null 2>&1 &'),
      ask('code-server --auth none'),
      ask('openvscode-server --without-connection-token'),
      ask('env DISPLAY=:5 windsurf --new-window'),
      ask('code-insiders serve-web --port 9000'),
      allowed('xvfb-run -a code --list-extensions'),
      allowed('xvfb-run -a npm test'),
      allowed('code --new-window .'),
      allowed('code serve-web --help'),
      allowed('code tunnel status'),
      allowed('code-server --list-extensions'),
      allowed('code --diff a.ts b.ts'),
      allowed('cursor .'),
    ],
  },
  'logrotate run on a configuration the hook reads: its logs and scripts': {
    reason: /Blast Shield|logrotate|cannot resolve|cannot read now|includes other configurations|Deletes every file/,
    rows: [
      deny('logrotate -f -s /tmp/lr.state /tmp/lr/guard.conf'),
      deny('sudo logrotate --force /tmp/lr/guard.conf'),
      deny('logrotate -s /tmp/st /tmp/lr/script.conf'),
      deny('logrotate -f /tmp/lr/hooks.conf'),
      deny('logrotate -f /tmp/lr/keep.conf'),
      deny('logrotate -f /tmp/lr/two.conf'),
      deny(`logrotate -m 'sh -c "rm -rf ~/.blast-shield"' /tmp/lr/app.conf`),
      ask('logrotate -f -s /tmp/lr.state /tmp/lr/home.conf'),
      ask('logrotate -f /tmp/lr/fetch.conf'),
      ask('logrotate -f /tmp/lr/include.conf'),
      ask('logrotate -f /tmp/lr/missing.conf'),
      ask('logrotate -f $CONF'),
      ask('logrotate -f /tmp/lr/global0.conf'),
      allowed('logrotate -f -s /tmp/lr.state /tmp/lr/app.conf'),
      allowed('logrotate -d /tmp/lr/guard.conf'),
      allowed('logrotate --version'),
    ],
  },
  'mode changes judged by what they take away (round 24 false positives)': {
    reason: /Blast Shield's protection/,
    rows: [
      deny('chmod -R 000 .'),
      deny('chmod -R u-w .'),
      deny('chmod 000 .cursor/hooks.json'),
      deny('chmod u-r .claude/settings.json'),
      deny('chmod -R a+w .'),
      deny('chmod 666 .cursor/hooks.json'),
      deny('chmod 4755 .cursor/hooks.json'),
      deny('chmod -R +w .'),
      deny('find . -type f -exec chmod 000 {} +'),
      deny('chmod -R 644 ~/.blast-shield'),
      deny('find ~/.blast-shield -type f -exec chmod 644 {} +'),
      deny('chmod 600 ~/.blast-shield/bin/blast-shield-hook'),
      allowed('chmod -R u+w .'),
      allowed('chmod -R u+rwX src'),
      allowed('find . -type f -exec chmod 644 {} +'),
      allowed('find . -type d -exec chmod 755 {} +'),
      allowed('chmod 644 .cursor/hooks.json'),
      allowed('chmod 600 .claude/settings.json'),
      allowed('chmod u+w .cursor/hooks.json'),
    ],
  },
  'the disk, memory or CPUs starved under the hook': {
    reason: /full disk makes every program|out of memory or CPU time/,
    rows: [
      ask('dd if=/dev/zero of=~/fill bs=1M'),
      ask('dd if=/dev/urandom of=/tmp/big'),
      ask('dd of=~/fill < /dev/zero'),
      ask('cp /dev/zero ~/fill'),
      ask('install /dev/urandom ~/fill'),
      ask('yes | dd of=~/fill'),
      ask('cat /dev/zero | tee ~/fill > /dev/null'),
      ask('cat /dev/urandom | base64 > ~/fill'),
      ask('yes | tr y n > ~/fill'),
      ask('tr -dc a-z < /dev/urandom > ~/fill'),
      ask('cat /dev/zero | gzip -c | dd of=/tmp/x'),
      ask('stress-ng --vm 8 --vm-bytes 95% --timeout 600s'),
      ask('stress --cpu 256 --timeout 600'),
      ask('stress --vm 2 --vm-bytes 60% -t 10'),
      ask('stress-ng --cpu 0 --timeout 30s'),
      ask('stress-ng --all 1 -t 10s'),
      ask('stress-ng --cpu 4'),
      ask('stress -c 2 -t 2h'),
      ask('nohup stress-ng --malloc 4 --malloc-bytes 80% -t 30 &'),
      ask('sudo stress-ng --cpu 64 --timeout 20s'),
      allowed('dd if=/dev/zero of=~/f bs=1M count=10'),
      allowed('dd if=/dev/null of=~/f'),
      allowed('dd if=/dev/zero of=/dev/null bs=1M'),
      allowed('yes | head -n 5 > f'),
      allowed('head -c 32 /dev/urandom | base64 > key.txt'),
      allowed('cat /dev/zero | head -c 1M > f'),
      allowed('cp a.txt b.txt'),
      allowed('tr a-z A-Z < in.txt > out.txt'),
      allowed('tee out.log < in.txt'),
      allowed('stress-ng --cpu 2 --timeout 10s'),
      allowed('stress --cpu 1 --timeout 5'),
      allowed('stress-ng --vm 1 --vm-bytes 10% -t 20s'),
      allowed('stress-ng --help'),
    ],
  },
};

familyTables('rules/perimeter: stop 36 (agent hosts and editors, rounds 24 and 25)', TABLE, perimeterFacts);

/**
 * Hard links (rounds 24 and 25): two names of one file are told apart only by device and inode. `/tmp/hl/*`
 * are other names of protected files; `/tmp/hl/store` is a package store's multiply-linked file (routine);
 * `/tmp/hl/odd` has another name and one protected file cannot be stat'ed in the second machine.
 */
const INODES: Record<string, { inode: string; links: number }> = {
  '/tmp/hl/hooks': { inode: '100', links: 2 },
  '/work/app/.cursor/hooks.json': { inode: '100', links: 2 },
  '/tmp/hl/audit': { inode: '200', links: 2 },
  '/home/dev/.blast-shield/audit.jsonl': { inode: '200', links: 2 },
  '/tmp/hl/claude': { inode: '300', links: 3 },
  '/home/dev/.claude/settings.json': { inode: '300', links: 3 },
  '/tmp/hl/store': { inode: '400', links: 5 },
  '/tmp/hl/odd': { inode: '500', links: 2 },
  '/work/app/src/index.ts': { inode: '600', links: 1 },
};
const DIRECTORIES = new Set(['/home/dev/.blast-shield', '/work/app/.cursor', '/home/dev/.claude']);

function linkedFacts(unreadable?: string): ReturnType<typeof perimeterFacts> {
  return perimeterFacts({
    fileIdentity: (p: string) => {
      if (p === unreadable) return undefined;
      if (DIRECTORIES.has(p)) return { kind: 'directory', device: '1', inode: `d${p}`, links: 2 };
      const known = INODES[p];
      return known ? { kind: 'file', device: '1', ...known } : { kind: 'missing' };
    },
  });
}

familyTables('rules/perimeter: stop 36, writes through a hard link to a protected file', {
  'a write through another name of a hook configuration or the guard home': {
    reason: /hook configuration|agent configuration|Blast Shield's own folder|hard link/,
    rows: [
      deny("echo '{}' > /tmp/hl/hooks"),
      deny('dd if=/dev/null of=/tmp/hl/hooks'),
      deny('tee /tmp/hl/hooks < /dev/null'),
      deny('truncate -s 0 /tmp/hl/hooks'),
      deny('chmod 000 /tmp/hl/hooks'),
      deny("printf '{}' >> /tmp/hl/hooks"),
      deny('cp /dev/null /tmp/hl/hooks'),
      deny("node -e \"require('fs').writeFileSync('/tmp/hl/hooks','{}')\""),
      deny("python3 -c \"open('/tmp/hl/hooks','w').write('{}')\""),
      deny('echo x > /tmp/hl/audit'),
      deny('echo "{}" > /tmp/hl/claude'),
      deny('ln .cursor/hooks.json /tmp/h'),
      deny('cp -l .cursor/hooks.json /tmp/h2'),
      deny('cp --link .cursor/hooks.json /tmp/h3'),
      deny('link .cursor/hooks.json /tmp/h4'),
      deny("python3 -c \"import os; os.link('.cursor/hooks.json', '/tmp/h5')\""),
      deny("perl -e 'link \".cursor/hooks.json\", \"/tmp/h7\"'"),
      deny('rsync -a --link-dest=/work/app/.cursor /work/app/.cursor/ /tmp/snap/'),
      allowed('echo x > /tmp/hl/store'),
      allowed('rm /tmp/hl/hooks'),
      allowed('mv /tmp/hl/hooks /tmp/elsewhere'),
      allowed('cat /tmp/hl/hooks'),
      allowed('echo x > src/index.ts'),
      allowed('ln src/index.ts /tmp/i'),
      allowed('cp -l src/index.ts /tmp/i2'),
    ],
  },
}, () => linkedFacts());

familyTables('rules/perimeter: stop 36, a multiply-linked file that cannot be compared with every protected file', {
  'asks, never allows silently': {
    reason: /other names \(hard links\)/,
    rows: [
      ask('echo x > /tmp/hl/odd'),
      ask("node -e \"require('fs').writeFileSync('/tmp/hl/odd','x')\""),
      allowed('echo x > src/index.ts'),
      allowed('rm /tmp/hl/odd'),
    ],
  },
}, () => linkedFacts('/home/dev/.zshrc'));

/**
 * Round 24 false positives: `git checkout -f HEAD` goes back to the last commit like `reset --hard`, so only tracked
 * files that differ from it change. With the hook configurations unchanged it is not a perimeter matter (it still
 * asks: it discards the uncommitted work in src/); with a hook configuration changed it still denies.
 */
const unchangedHooks = (): ReturnType<typeof perimeterFacts> =>
  perimeterFacts({ gitPathStates: (_tree: string, paths: readonly string[]) => Object.fromEntries(paths.map((p) => [p, p.includes('/src/') ? 'modified' : 'unmodified'])) });
const changedHooks = (): ReturnType<typeof perimeterFacts> =>
  perimeterFacts({ gitPathStates: (_tree: string, paths: readonly string[]) => Object.fromEntries(paths.map((p) => [p, 'modified'])) });

familyTables('rules/perimeter: stop 36, a forced checkout of the last commit with the hook configurations unchanged', {
  'judged like reset --hard (only tracked files that differ)': {
    reason: /Blast Shield's protection/,
    rows: [
      deny('git checkout -f HEAD~3'),
      deny('git checkout -f -- .cursor'),
      allowed('git checkout -f HEAD'),
      allowed('git checkout -f'),
      allowed('git checkout --force @'),
      allowed('git reset --hard'),
    ],
  },
}, unchangedHooks, 'not-deny');

familyTables('rules/perimeter: stop 36, a forced checkout of the last commit over a changed hook configuration', {
  'still denies': {
    reason: /Blast Shield's protection/,
    rows: [deny('git checkout -f HEAD'), deny('git checkout -f'), deny('git reset --hard')],
  },
}, changedHooks);
