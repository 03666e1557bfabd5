import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import { IPC_PROTOCOL_VERSION, type ActionDescription, type ConfirmAsk } from '../../../src/core/protocol/ipc';
import { analyseAsk, analysisEnvironment, HOOK_ASKED_REASON } from '../../../src/node/confirm/analyseAsk';
import { gatherFacts } from '../../../src/node/facts';

describe("analyseAsk: the editor's own verdict on an ask", () => {
  let ws: string;
  before(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-analyse-'));
    fs.mkdirSync(path.join(ws, '.git'));
    fs.mkdirSync(path.join(ws, 'data'));
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  const engine = { classify, gatherFacts: (r: { cwd: string; workspaceRoots: readonly string[]; home: string; env: Readonly<Record<string, string | undefined>> }) => gatherFacts({ ...r, workspaceRoots: [...r.workspaceRoots] }) };
  const ask = (action: ActionDescription, over: Partial<ConfirmAsk> = {}): ConfirmAsk => ({ type: 'confirm', version: IPC_PROTOCOL_VERSION, token: 't', id: 'i', host: 'claude', event: 'PreToolUse', action, workspaceRoots: [ws], deadline: Date.now() + 5000, ...over });
  const ctx = () => ({ home: os.tmpdir(), guardHome: path.join(ws, '.guard'), lockdown: false });

  it('judges a shell command with its own engine: reasons and phrase are derived, not received', async () => {
    const verdict = await analyseAsk(ask({ kind: 'shell', command: 'rm -rf data', cwd: ws }), engine, ctx());
    assert.equal(verdict.decision, 'ask');
    assert.ok(verdict.reasons.some((r) => /data/.test(r)), verdict.reasons.join(' | '));
    assert.ok(verdict.confirm && verdict.confirm.length > 0);
  });

  it('a command its own analysis would allow is still shown, with its own words, never allowed silently', async () => {
    const verdict = await analyseAsk(ask({ kind: 'shell', command: 'git status', cwd: ws }), engine, ctx());
    assert.equal(verdict.decision, 'ask');
    assert.equal(verdict.reasons[0], HOOK_ASKED_REASON);
    assert.equal(verdict.confirm, null);
  });

  it('lockdown in the editor denies what would ask', async () => {
    const verdict = await analyseAsk(ask({ kind: 'shell', command: 'rm -rf data', cwd: ws }), engine, { ...ctx(), lockdown: true });
    assert.equal(verdict.decision, 'deny');
  });

  it('judges MCP tools and fetches as the hook does; reads and writes are never confirmed', async () => {
    const mcp = await analyseAsk(ask({ kind: 'mcp', server: 'railway', tool: 'volume_delete', input: JSON.stringify({ volumeId: 'vol-1' }), cwd: ws }), engine, ctx());
    assert.equal(mcp.decision, 'ask');
    assert.ok(mcp.targets.some((t) => t.name === 'vol-1' && t.environment === 'production'));
    const inner = await analyseAsk(ask({ kind: 'mcp', server: 'shell', tool: 'run', input: JSON.stringify({ command: 'rm -rf data' }), cwd: ws }), engine, ctx());
    assert.ok(inner.reasons.some((r) => /data/.test(r)));
    const fetch = await analyseAsk(ask({ kind: 'fetch', url: 'https://api.example.com/?access_token=[REDACTED]', cwd: ws }), engine, ctx());
    assert.equal(fetch.decision, 'ask');
    assert.equal((await analyseAsk(ask({ kind: 'read', path: path.join(ws, '.env'), cwd: ws }), engine, ctx())).decision, 'deny');
  });

  it("uses the agent's selector values but this window's own homes", () => {
    const env = analysisEnvironment(ask({ kind: 'shell', command: 'x', cwd: ws }, { environment: { names: ['RAILS_ENV', 'SECRET_TOKEN', 'BLAST_SHIELD_HOME'], values: { RAILS_ENV: 'production', BLAST_SHIELD_HOME: '/tmp/agent-chosen' } } }), ctx());
    assert.equal(env.RAILS_ENV, 'production');
    assert.equal(env.SECRET_TOKEN, '');
    assert.equal(env.BLAST_SHIELD_HOME, path.join(ws, '.guard'));
    assert.equal(env.HOME, os.tmpdir());
  });
});
