import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostId } from '../../../src/core/protocol/ipc';
import { equivalentRipgrep } from '../../../src/hook/decide';
import { createRealEngine } from '../../../src/hook/realEngine';
import { runHook } from '../../../src/hook/runHook';
import { decisionIn, fixtureText, makeTempHome, type TempHome } from '../hosts/support';

/**
 * Content-search tools (Claude's and Cursor's Grep, VS Code's grep_search) over a folder that holds a
 * credential file: the incident's agent found its token exactly this way. Judged like `rg` in a shell,
 * and denied (reads never prompt), naming the file.
 */
describe('hook: content searches over credential files (real engine)', () => {
  let t: TempHome;
  beforeEach(() => {
    t = makeTempHome();
    fs.mkdirSync(path.join(t.workspace, 'legacy'), { recursive: true });
    const token = 'rw_' + crypto.randomBytes(16).toString('hex');
    fs.writeFileSync(path.join(t.workspace, 'legacy', 'config_backup.json'), JSON.stringify({ railway: { token } }, null, 2));
  });
  afterEach(() => t.cleanup());

  const payload = (host: HostId, tool: string, input: Record<string, unknown>): string => {
    const base = host === 'claude' ? 'Grep.source' : host === 'cursor' ? 'preToolUse.read' : 'read_file.source';
    const parsed = JSON.parse(fixtureText(host, base, t.home)) as Record<string, unknown>;
    return JSON.stringify({ ...parsed, tool_name: tool, tool_input: input });
  };
  const decide = (host: HostId, tool: string, input: Record<string, unknown>) => runHook(host, payload(host, tool, input), t.env, { engine: createRealEngine(t.env), ask: async () => ({ decision: 'allow', reason: 'must not be asked' }) });

  const cases: Array<{ name: string; host: HostId; tool: string; input: (ws: string) => Record<string, unknown>; expected: 'allow' | 'deny'; names?: string }> = [
    { name: 'Claude Grep over the workspace', host: 'claude', tool: 'Grep', input: (ws) => ({ pattern: 'token', path: ws }), expected: 'deny', names: 'legacy/config_backup.json' },
    { name: 'Claude Grep with no path (the cwd)', host: 'claude', tool: 'Grep', input: () => ({ pattern: 'token' }), expected: 'deny', names: 'legacy/config_backup.json' },
    { name: 'Claude Grep on the folder holding it', host: 'claude', tool: 'Grep', input: (ws) => ({ pattern: 'token', path: path.join(ws, 'legacy') }), expected: 'deny', names: 'config_backup.json' },
    { name: 'Claude Grep on the credential file itself', host: 'claude', tool: 'Grep', input: (ws) => ({ pattern: 'token', path: path.join(ws, 'legacy', 'config_backup.json') }), expected: 'deny', names: 'config_backup.json' },
    { name: 'Claude Grep limited to *.ts by glob', host: 'claude', tool: 'Grep', input: (ws) => ({ pattern: 'token', path: ws, glob: '*.ts' }), expected: 'allow' },
    { name: 'Claude Grep limited to **/*.ts by glob', host: 'claude', tool: 'Grep', input: (ws) => ({ pattern: 'token', path: ws, glob: '**/*.ts' }), expected: 'allow' },
    { name: 'Claude Grep with a folder glob (not narrowed: judged as every file)', host: 'claude', tool: 'Grep', input: (ws) => ({ pattern: 'token', path: ws, glob: 'legacy/**' }), expected: 'deny', names: 'legacy/config_backup.json' },
    { name: 'Claude Grep in src only', host: 'claude', tool: 'Grep', input: (ws) => ({ pattern: 'token', path: path.join(ws, 'src') }), expected: 'allow' },
    { name: 'Claude Glob (names only) over the workspace', host: 'claude', tool: 'Glob', input: (ws) => ({ pattern: '**/*.json', path: ws }), expected: 'allow' },
    { name: "Cursor preToolUse Grep over the workspace", host: 'cursor', tool: 'Grep', input: (ws) => ({ pattern: 'token', path: ws }), expected: 'deny', names: 'legacy/config_backup.json' },
    { name: 'VS Code grep_search over the workspace', host: 'vscode', tool: 'grep_search', input: () => ({ query: 'token', isRegexp: false }), expected: 'deny', names: 'config_backup.json' },
    { name: 'VS Code grep_search limited to **/*.ts', host: 'vscode', tool: 'grep_search', input: () => ({ query: 'token', includePattern: '**/*.ts' }), expected: 'allow' },
    { name: 'VS Code file_search (names only)', host: 'vscode', tool: 'file_search', input: () => ({ query: '**/*.json' }), expected: 'allow' },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.expected}`, async () => {
      const r = await decide(c.host, c.tool, c.input(t.workspace));
      assert.equal(r.decision, c.expected, r.stdout + (r.stderr ?? ''));
      assert.equal(decisionIn(c.host, r.stdout), c.expected, r.stdout);
      if (c.names) assert.ok((r.stdout + (r.stderr ?? '')).includes(c.names), r.stdout);
      assert.doesNotMatch(r.stdout, /rw_[0-9a-f]{8}/, 'never the value');
    });
  }

  it('a gitignored credential file is skipped by Grep (ripgrep semantics) but not by a search that reads ignored files', async () => {
    fs.writeFileSync(path.join(t.workspace, '.gitignore'), 'legacy/\n');
    assert.equal((await decide('claude', 'Grep', { pattern: 'token', path: t.workspace })).decision, 'allow');
    assert.equal((await decide('claude', 'search_files', { regex: 'token', path: t.workspace })).decision, 'deny');
  });

  it('a Grep rooted in a gitignored or hidden folder reads the files there (ripgrep never filters its own root)', async () => {
    fs.writeFileSync(path.join(t.workspace, '.gitignore'), 'legacy/\n');
    const inIgnored = await decide('claude', 'Grep', { pattern: 'token', path: path.join(t.workspace, 'legacy') });
    assert.equal(inIgnored.decision, 'deny', inIgnored.stdout);
    assert.match(inIgnored.stdout, /config_backup\.json/);
    fs.mkdirSync(path.join(t.workspace, '.private'));
    fs.renameSync(path.join(t.workspace, 'legacy', 'config_backup.json'), path.join(t.workspace, '.private', 'config_backup.json'));
    assert.equal((await decide('claude', 'Grep', { pattern: 'token', path: t.workspace })).decision, 'allow', 'skipped below the root');
    const inHidden = await decide('claude', 'Grep', { pattern: 'token', path: path.join(t.workspace, '.private') });
    assert.equal(inHidden.decision, 'deny', inHidden.stdout);
  });

  it('dotfiles: Grep skips .env, grep_search (which reads dotfiles) is denied naming it', async () => {
    fs.rmSync(path.join(t.workspace, 'legacy'), { recursive: true });
    assert.equal((await decide('claude', 'Grep', { pattern: 'DATABASE', path: t.workspace })).decision, 'allow');
    const r = await decide('vscode', 'grep_search', { query: 'DATABASE' });
    assert.equal(r.decision, 'deny', r.stdout);
    assert.match(r.stdout, /\.env/);
  });
});

describe('equivalentRipgrep', () => {
  const table: Array<[string, Parameters<typeof equivalentRipgrep>, string]> = [
    ['ripgrep defaults, no pattern known (matches every line)', ['/ws', { globs: [], hidden: false, ignored: false }], "rg -e '' -- '/ws'"],
    ['the tool\'s pattern, case-insensitive', ['/ws', { globs: [], hidden: false, ignored: false }, 'api.?key'], "rg -i -e 'api.?key' -- '/ws'"],
    ['several queries, one pattern each', ['/ws', { globs: [], hidden: false, ignored: false }, 'token\nsecret'], "rg -i -e 'token' -e 'secret' -- '/ws'"],
    ['dotfiles and ignored files', ['/ws', { globs: [], hidden: true, ignored: true }], "rg --hidden --no-ignore -e '' -- '/ws'"],
    ['name globs, leading **/ dropped', ['/w s', { globs: ['*.ts', '**/*.md'], hidden: false, ignored: false }], "rg --glob '*.ts' --glob '*.md' -e '' -- '/w s'"],
    ['a folder glob widens to every file', ['/ws', { globs: ['src/*.ts'], hidden: false, ignored: false }], "rg -e '' -- '/ws'"],
    ['quotes in the path', ["/it's", { globs: [], hidden: false, ignored: false }], "rg -e '' -- '/it'\\''s'"],
  ];
  for (const [name, args, expected] of table) it(name, () => assert.equal(equivalentRipgrep(...args), expected));
});
