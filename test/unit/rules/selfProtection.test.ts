import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import { guardFileOf, isGuardedContent } from '../../../src/core/rules/selfProtection';
import { testFacts } from '../support/policyFixtures';

const facts = (files: Record<string, string> = {}) =>
  testFacts({ home: '/home/dev', cwd: '/work/app', workspaceRoots: ['/work/app'], guardHome: '/home/dev/.blast-shield', files });

describe('rules/self-protection', () => {
  const denied: string[] = [
    'rm .cursor/hooks.json',
    'rm -f /work/app/.cursor/hooks.json',
    'mv .claude/settings.json /tmp/x',
    "sed -i 's/block/allow/' .claude/settings.local.json",
    'echo {} > .github/hooks/blast-shield-vscode.json',
    'cat /dev/null >> ~/.claude/settings.json',
    'rm -rf ~/.blast-shield',
    'echo > ~/.blast-shield/audit.jsonl',
    'truncate -s 0 /home/dev/.blast-shield/audit.jsonl',
    'cp /tmp/x ~/.cursor/hooks.json',
    'tee .clinerules/hooks/PreToolUse < /dev/null',
    'chmod -x .clinerules/hooks/PreToolUse',
    'rm ~/.copilot/hooks/blast-shield-copilot.json',
    'rm .blast-shield.json',
    'ln -sf /dev/null .cursor/hooks.json',
    'dd if=/dev/zero of=/home/dev/.blast-shield/audit.head.json',
    'git checkout -- .claude/settings.json',
    'bash -c "rm .cursor/hooks.json"',
    "perl -pi -e 's/x/y/' .cursor/hooks.json",
    'cat ~/.blast-shield/ipc/*.window.json',
    "sed -i 's/\"enabled\": true/\"enabled\": false/' .gemini/settings.json",
    'echo \'{"hooksConfig":{"enabled":false}}\' > .gemini/settings.json',
    'rm ~/.codex/hooks.json',
    "sed -i '/trusted_hash/d' ~/.codex/config.toml",
    'echo {} > .windsurf/hooks.json',
    'rm ~/.codeium/windsurf/hooks.json',
    'grep -r token /home/dev/.blast-shield/ipc',
  ];
  for (const command of denied) {
    it(`denies: ${command}`, () => {
      const v = classify(command, facts(), { lockdown: false });
      assert.equal(v.decision, 'deny', JSON.stringify(v.reasons));
      assert.ok(v.risks.includes('self-protection'));
    });
  }

  const allowed: string[] = [
    'cat .cursor/hooks.json',
    'ls ~/.blast-shield',
    'rm src/old.ts',
    'echo hi > notes.txt',
    'cp .cursor/hooks.json /tmp/backup.json',
    'sed -n 1p .claude/settings.json',
    'rm .cursorignore',
    'echo node_modules >> .gitignore',
    'git checkout main',
  ];
  for (const command of allowed) {
    it(`does not flag: ${command}`, () => {
      const v = classify(command, facts(), { lockdown: false });
      assert.ok(!v.risks.includes('self-protection'), JSON.stringify(v.reasons));
    });
  }

  it('guards an ignore file only while it carries our managed block', () => {
    const withBlock = facts({ '/work/app/.cursorignore': 'dist\n# >>> blast-shield managed block >>>\n.env\n# <<< blast-shield <<<\n' });
    assert.equal(classify('rm .cursorignore', withBlock, { lockdown: false }).decision, 'deny');
    assert.equal(classify('echo x >> .aiexclude', facts(), { lockdown: false }).risks.includes('self-protection'), false);
  });

  it('guards .vscode/settings.json only when it mentions our settings', () => {
    const ours = facts({ '/work/app/.vscode/settings.json': '{ "blastShield.lockdown.default": true }' });
    assert.equal(classify('rm .vscode/settings.json', ours, { lockdown: false }).decision, 'deny');
    const theirs = facts({ '/work/app/.vscode/settings.json': '{ "editor.tabSize": 2 }' });
    assert.ok(!classify('rm .vscode/settings.json', theirs, { lockdown: false }).risks.includes('self-protection'));
  });

  describe('guardFileOf / isGuardedContent (the write check)', () => {
    const where = { home: '/home/dev', guardHome: '/home/dev/.blast-shield', workspaceRoots: ['/work/app'] };
    const table: [string, string | undefined][] = [
      ['/work/app/.cursor/hooks.json', 'hook-config'],
      ['/home/dev/.cursor/hooks.json', 'hook-config'],
      ['/work/app/.claude/settings.json', 'hook-config'],
      ['/work/app/.claude/settings.local.json', 'hook-config'],
      ['/work/app/.github/hooks/anything.json', 'hook-config'],
      ['/home/dev/.copilot/hooks/x.json', 'hook-config'],
      ['/work/app/.clinerules/hooks/PreToolUse', 'hook-config'],
      ['/home/dev/Documents/Cline/Hooks/PreToolUse', 'hook-config'],
      ['/work/app/.gemini/settings.json', 'hook-config'],
      ['/home/dev/.gemini/settings.json', 'hook-config'],
      ['/work/app/.codex/hooks.json', 'hook-config'],
      ['/home/dev/.codex/config.toml', 'hook-config'],
      ['/work/app/.windsurf/hooks.json', 'hook-config'],
      ['/home/dev/.codeium/windsurf/hooks.json', 'hook-config'],
      ['/work/app/.windsurf/rules/x.md', undefined],
      ['/home/dev/.blast-shield/settings.json', 'guard-home'],
      ['/work/app/.blast-shield.json', 'workspace-map'],
      ['/work/app/.geminiignore', 'ignore-file'],
      ['/work/app/.vscode/settings.json', 'editor-settings'],
      ['/work/app/src/settings.json', undefined],
      ['/work/app/.github/workflows/ci.yml', undefined],
      ['/work/app/.cursor/rules/x.mdc', undefined],
    ];
    for (const [p, kind] of table) {
      it(`${p} -> ${kind ?? 'not a guard file'}`, () => assert.equal(guardFileOf(p, where)?.kind, kind));
    }
    it('content-dependent kinds', () => {
      const settings = guardFileOf('/work/app/.vscode/settings.json', where)!;
      assert.equal(isGuardedContent(settings, '{"editor.tabSize":2}', '{"editor.tabSize":4}'), false);
      assert.equal(isGuardedContent(settings, '{"editor.tabSize":2}', '{"blastShield.lockdown.default":false}'), true);
      assert.equal(isGuardedContent(settings, '{"blastShield.hooks.hosts":[]}', '{}'), true);
    });
  });
});
