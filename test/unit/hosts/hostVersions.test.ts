import { strict as assert } from 'node:assert';
import { applyVersion, assessVersion } from '../../../src/node/hosts/hostVersions';
import type { FileStatus } from '../../../src/node/hosts/installCommon';

/** What `<cli> --version` says about whether the host loads our entry (README "Proven with the real clients"). */
describe('hosts/hostVersions: the installed agent CLI decides what loads', () => {
  const rows: Array<[Parameters<typeof assessVersion>[0], string, { summary: RegExp; notLoaded?: string[]; warning?: RegExp }]> = [
    ['copilot', '1.0.102', { summary: /^Copilot CLI 1\.0\.102$/ }],
    ['copilot', 'GitHub Copilot CLI 0.0.422.\nRun copilot --help', { summary: /0\.0\.422/ }],
    ['copilot', '0.0.421', { summary: /0\.0\.421/, notLoaded: ['user'] }],
    ['copilot', '0.0.389', { summary: /0\.0\.389/, notLoaded: ['user'] }],
    ['copilot', 'copilot: unknown', { summary: /unreadable/, warning: /could not read/ }],
    ['cline', '3.0.65', { summary: /^Cline CLI 3\.0\.65$/ }],
    ['cline', '2.4.1', { summary: /2\.4\.1/, warning: /not tested here/ }],
    ['codex', 'codex-cli 0.169.0', { summary: /^Codex 0\.169\.0$/ }],
    ['codex', 'codex-cli 0.117.2', { summary: /0\.117\.2/, notLoaded: ['user', 'project'] }],
    ['gemini', '0.61.0', { summary: /^Gemini CLI 0\.61\.0$/ }],
    ['gemini', '0.26.0', { summary: /^Gemini CLI 0\.26\.0$/ }],
    ['gemini', '0.25.2', { summary: /0\.25\.2/, notLoaded: ['user', 'project'] }],
    ['claude', '2.1.332 (Claude Code)', { summary: /^Claude Code 2\.1\.332$/ }],
    ['claude', '2.1.200 (Claude Code)', { summary: /2\.1\.200/, warning: /ignores onFailure/ }],
  ];
  for (const [host, output, want] of rows) {
    it(`${host}: ${JSON.stringify(output)}`, () => {
      const a = assessVersion(host, output);
      assert.ok(a);
      assert.match(a.summary, want.summary);
      assert.deepEqual(a.notLoaded?.scopes, want.notLoaded);
      if (want.warning) assert.match(a.warning ?? '', want.warning);
      else assert.equal(a.warning, undefined);
    });
  }

  it('not installed, or a host without a check: nothing to say', () => {
    assert.equal(assessVersion('copilot', undefined), undefined);
    assert.equal(assessVersion('cursor', '1.2.3'), undefined);
  });

  it('entries of a scope the version does not load become not-loaded (altered ones stay altered)', () => {
    const files: FileStatus[] = [
      { file: '/h/.copilot/hooks/blast-shield-copilot.json', state: 'intact', detail: '1/1 entries intact' },
      { file: '/h/.copilot/hooks/other.json', state: 'altered', detail: 'edited' },
    ];
    const old = assessVersion('copilot', '0.0.400');
    const user = applyVersion('user', files, old);
    assert.equal(user[0]!.state, 'not-loaded');
    assert.match(user[0]!.detail, /reads no user hooks/);
    assert.equal(user[1]!.state, 'altered');
    assert.deepEqual(applyVersion('project', files, old), files);
    assert.deepEqual(applyVersion('user', files, assessVersion('copilot', '1.0.102')), files);
  });
});
