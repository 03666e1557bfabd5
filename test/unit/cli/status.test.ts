import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runStatus, workspaceAround } from '../../../src/cli/install';
import type { CliIo } from '../../../src/cli/io';
import { installHost } from '../../../src/node/hosts/install';
import { makeTempHome, type TempHome } from '../hosts/support';

describe('blast-shield status inside a workspace', () => {
  let t: TempHome;
  const io = (cwd: string): CliIo & { out: string[] } => {
    const out: string[] = [];
    return { out, stdout: (s) => out.push(s), stderr: (s) => out.push(s), readStdin: async () => '', env: { ...t.env, PATH: '/nonexistent' }, cwd };
  };
  beforeEach(() => {
    t = makeTempHome();
  });
  afterEach(() => t.cleanup());

  it('shows the project installs of the workspace it runs in, from any folder below it', async () => {
    installHost('claude', { scope: 'project', workspace: t.workspace, home: t.home, guardHome: t.guardHome });
    const sub = path.join(t.workspace, 'src');
    const r = io(sub);
    await runStatus([], r);
    const text = r.out.join('');
    assert.match(text, new RegExp(`workspace: ${t.workspace.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
    assert.match(text, /claude\s+project\s+(intact|altered)\s+\S*shop\/\.claude\/settings\.local\.json/, text);
    assert.match(text, /cursor\s+user\s+missing/, 'user installs are listed as well');
  });

  it('outside any workspace it says how to see one', async () => {
    const r = io(t.home);
    await runStatus([], r);
    assert.match(r.out.join(''), /workspace: none here/);
    assert.doesNotMatch(r.out.join(''), /\bproject\b\s+(intact|missing)/);
  });

  it('finds the workspace by a repository or a host configuration, never the home folder', () => {
    assert.equal(workspaceAround(path.join(t.workspace, 'src'), t.home), t.workspace, 'the .cursor folder marks it');
    const repo = path.join(t.home, 'repo', 'deep', 'er');
    fs.mkdirSync(repo, { recursive: true });
    fs.mkdirSync(path.join(t.home, 'repo', '.git'));
    assert.equal(workspaceAround(repo, t.home), path.join(t.home, 'repo'));
    fs.mkdirSync(path.join(t.home, '.claude'), { recursive: true });
    const loose = path.join(t.home, 'loose');
    fs.mkdirSync(loose);
    assert.equal(workspaceAround(loose, t.home), undefined, "the home folder's .claude is the user's, not a workspace");
  });

  it('a host the repository policy requires is reported loudly while missing, and status exits 1', async () => {
    fs.writeFileSync(path.join(t.workspace, '.blast-shield.json'), JSON.stringify({ hosts: { required: ['claude', 'gemini'] } }));
    let r = io(t.workspace);
    assert.equal(await runStatus([], r), 1);
    let text = r.out.join('');
    assert.match(text, /REQUIRED claude: MISSING — no hook entry is installed \(required by repository policy \S*\.blast-shield\.json\)/, text);
    assert.match(text, /REQUIRED gemini: MISSING/);
    installHost('claude', { scope: 'user', home: t.home, guardHome: t.guardHome });
    installHost('gemini', { scope: 'project', workspace: t.workspace, home: t.home, guardHome: t.guardHome });
    r = io(t.workspace);
    const code = await runStatus([], r);
    text = r.out.join('');
    // The entry is there but the shim it runs is not (no installShim here): that does not count either.
    assert.match(text, /REQUIRED claude: MISSING — its hook entry is altered/, text);
    assert.match(text, /REQUIRED gemini: MISSING — /);
    assert.equal(code, 1);
  });

  it('without required hosts, status exits 0 and prints no required lines', async () => {
    const r = io(t.workspace);
    assert.equal(await runStatus([], r), 0);
    assert.doesNotMatch(r.out.join(''), /required/i);
  });

  it('names the installed agent CLI version, and a version that skips our user entry is NOT LOADED', async () => {
    const bin = path.join(t.home, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'copilot'), '#!/bin/sh\necho "GitHub Copilot CLI 0.0.400"\n', { mode: 0o755 });
    installHost('copilot', { scope: 'user', home: t.home, guardHome: t.guardHome });
    const r = io(t.workspace);
    (r.env as Record<string, string>).PATH = `${bin}:/usr/bin:/bin`;
    await runStatus(['copilot'], r);
    assert.match(r.out.join(''), /copilot: Copilot CLI 0\.0\.400 — NOT LOADED \(user\): Copilot CLI 0\.0\.400 reads no user hooks \(~\/\.copilot\/hooks came in 0\.0\.422\)/, r.out.join(''));
  });

  it('says per installed host whether hook calls arrive (the last one in the audit log)', async () => {
    installHost('claude', { scope: 'project', workspace: t.workspace, home: t.home, guardHome: t.guardHome });
    installHost('cursor', { scope: 'project', workspace: t.workspace, home: t.home, guardHome: t.guardHome });
    fs.mkdirSync(t.guardHome, { recursive: true });
    const line = (host: string, at: string, decidedBy = 'policy') => JSON.stringify({ seq: 1, at, host, event: 'PreToolUse', decision: 'deny', decidedBy, kind: 'shell' });
    fs.writeFileSync(path.join(t.guardHome, 'audit.jsonl'), [line('claude', '2026-12-01T10:00:00.000Z'), line('claude', '2026-12-02T09:30:00.000Z'), line('cursor', '2026-12-02T09:31:00.000Z', 'observed')].join('\n') + '\n');
    const r = io(t.workspace);
    await runStatus([], r);
    const text = r.out.join('');
    assert.match(text, /claude: last hook call 2026-12-02T09:30:00\.000Z \(PreToolUse, deny\)/, text);
    // The terminal watch's own observation is not the host calling the hook.
    assert.match(text, /cursor: no hook call seen yet/);
    assert.doesNotMatch(text, /gemini: (last|no) hook call/, 'hosts with nothing installed are not listed');
  });
});
