import { strict as assert } from 'node:assert';
import { GIT_LOG_FORMAT, parseCleanDryRun, parseGitLog, parsePorcelainStatus, splitUnifiedDiff } from '../../../src/core/preview/git';
import { formatBytes } from '../../../src/core/preview/model';
import { buildConfirmView, environmentBanner } from '../../../src/core/preview/confirmView';
import { IPC_PROTOCOL_VERSION, type ConfirmRequest } from '../../../src/core/protocol/ipc';
import type { Verdict } from '../../../src/core/policy/types';

describe('git output parsers', () => {
  it('parses porcelain v1 -z status, renames included', () => {
    const out = ' M src/a.ts\0?? new.txt\0R  b.ts\0old-b.ts\0 D gone.md\0';
    assert.deepEqual(
      parsePorcelainStatus(out).map((e) => [e.path, e.status]),
      [['src/a.ts', 'modified'], ['new.txt', 'untracked'], ['b.ts', 'renamed'], ['gone.md', 'deleted']],
    );
  });

  it('splits a unified diff per file and bounds it', () => {
    const diff = 'diff --git a/x.txt b/x.txt\nindex 1..2\n--- a/x.txt\n+++ b/x.txt\n@@ -1 +1 @@\n-a\n+b\ndiff --git a/y.txt b/y.txt\ndeleted file mode 100644\n--- a/y.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-y\n';
    const all = splitUnifiedDiff(diff);
    assert.deepEqual(all.files.map((f) => [f.path, f.status]), [['x.txt', 'modified'], ['y.txt', 'deleted']]);
    assert.equal(all.truncated, false);
    const cut = splitUnifiedDiff(diff, 40);
    assert.equal(cut.truncated, true);
    assert.match(cut.files[0]!.patch, /cut short/);
  });

  it('parses the log format it asks for', () => {
    assert.equal(GIT_LOG_FORMAT.includes('%H'), true);
    const out = 'a'.repeat(40) + '\x1fFix it\x1fAda\x1f2026-01-01T00:00:00Z\x1e\n' + 'b'.repeat(40) + '\x1fAdd x\x1fBo\x1f2026-01-02T00:00:00Z\x1e';
    assert.deepEqual(parseGitLog(out), [
      { sha: 'aaaaaaaaaaaa', subject: 'Fix it', author: 'Ada', date: '2026-01-01T00:00:00Z' },
      { sha: 'bbbbbbbbbbbb', subject: 'Add x', author: 'Bo', date: '2026-01-02T00:00:00Z' },
    ]);
  });

  it('parses git clean -n', () => {
    assert.deepEqual(parseCleanDryRun('Would remove tmp/\nWould remove a.log\nnoise\n'), ['tmp/', 'a.log']);
  });

  const sizes: [number, string][] = [[0, '0 B'], [1023, '1023 B'], [1536, '1.5 KB'], [5 * 1024 * 1024, '5.0 MB']];
  for (const [n, s] of sizes) it(`formats ${n} bytes as ${s}`, () => assert.equal(formatBytes(n), s));
});

describe('confirm view', () => {
  const base = (verdict: Partial<Verdict>): ConfirmRequest => ({
    type: 'confirm', version: IPC_PROTOCOL_VERSION, token: 't', id: 'id1', host: 'claude', event: 'PreToolUse', agent: 'opus',
    action: { kind: 'shell', command: 'railway down', cwd: '/w' },
    verdict: { decision: 'ask', production: false, risks: [], reasons: [], targets: [], confirm: 'svc', ...verdict },
    workspaceRoots: ['/w'], deadline: 0, dedupeKey: 'k',
  });

  it('marks unknown environments distinctly from declared production', () => {
    const unknown = base({ production: true, targets: [{ kind: 'service', name: 'svc', remote: true, environment: 'production', environmentReason: 'environment unknown — treated as production' }] });
    const declared = base({ production: true, targets: [{ kind: 'service', name: 'svc', remote: true, environment: 'production', environmentReason: '--environment production' }] });
    assert.equal(environmentBanner(unknown.verdict), 'unknown');
    assert.equal(environmentBanner(declared.verdict), 'production');
    assert.equal(environmentBanner(base({}).verdict), null);
  });

  it('carries who asked, the phrase and the credential origin', () => {
    const view = buildConfirmView(
      base({ reasons: ['Uses the Railway token from legacy/config_backup.json.'], targets: [{ kind: 'credential', name: 'legacy/config_backup.json', provider: 'railway', remote: false, environment: 'local', environmentReason: '' }] }),
      { deadline: 5, queued: 2 },
    );
    assert.equal(view.hostLabel, 'Claude Code');
    assert.equal(view.agent, 'opus');
    assert.equal(view.phrase, 'svc');
    assert.equal(view.queued, 2);
    assert.deepEqual(view.credentialOrigins, ['legacy/config_backup.json (railway)', 'Uses the Railway token from legacy/config_backup.json.']);
  });

  it('falls back to a deliberate phrase when the verdict names none', () => {
    assert.equal(buildConfirmView(base({ confirm: null }), { deadline: 0, queued: 0 }).phrase, 'allow once');
  });
});
