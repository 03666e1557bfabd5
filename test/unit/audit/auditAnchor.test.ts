import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chainEntry, parseAuditLines, serializeEntry } from '../../../src/core/audit/chain';
import type { AuditEntry, AuditHead, AuditRecord } from '../../../src/core/audit/entry';
import { run as runAudit } from '../../../src/cli/audit';
import { compareWithEditorAnchor } from '../../../src/node/audit/anchorLookup';
import { AuditAnchorKeeper, sealAnchor, type SealedAnchor } from '../../../src/node/audit/auditAnchor';
import { appendAudit, auditHeadPath, auditLogPath, verifyAuditLog } from '../../../src/node/audit/auditLog';
import { sha256Hex } from '../../../src/node/hashing';
import { startIpcServer } from '../../../src/node/ipc/server';
import { inProcessEditor } from '../hosts/support';

const record = (subject: string): AuditRecord => ({ host: 'claude', event: 'PreToolUse', kind: 'shell', subject, decision: 'allow', decidedBy: 'policy', reasons: [] });

/** What an agent's script can do to the guard home: rewrite the log with a recomputed chain and head. */
function rewriteLog(home: string, edit: (entries: AuditEntry[]) => AuditRecord[]): void {
  const entries = parseAuditLines(fs.readFileSync(auditLogPath(home), 'utf8'));
  let head: AuditHead | undefined;
  const out: string[] = [];
  for (const r of edit(entries)) {
    const e = chainEntry(r, head, new Date(), sha256Hex);
    out.push(serializeEntry(e));
    head = { count: e.seq, lastHash: e.hash };
  }
  fs.writeFileSync(auditLogPath(home), out.map((l) => l + '\n').join(''));
  if (head) fs.writeFileSync(auditHeadPath(home), JSON.stringify(head) + '\n');
  else fs.rmSync(auditHeadPath(home), { force: true });
}

const asRecord = ({ v: _v, seq: _s, at: _a, prev: _p, hash: _h, ...rest }: AuditEntry): AuditRecord => rest;

describe('audit anchor: the chain head kept outside the guard home', () => {
  let home: string;
  let stored: SealedAnchor | undefined;
  const key = 'k'.repeat(64);
  const store = { read: () => stored, write: (a: SealedAnchor) => void (stored = a) };
  const keeper = (): AuditAnchorKeeper => new AuditAnchorKeeper(auditLogPath(home), store, key);

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-anchor-'));
    stored = undefined;
    for (const s of ['git status', 'rm -rf build', 'ls']) appendAudit(home, record(s));
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('anchors an intact log and follows appends; listeners see each advance (the export seam)', () => {
    const seen: number[] = [];
    const k = new AuditAnchorKeeper(auditLogPath(home), store, key, [{ advanced: (head) => seen.push(head.count) }]);
    assert.deepEqual(k.start(), { state: 'intact', head: k.anchor });
    assert.equal(stored?.count, 3);
    appendAudit(home, record('echo 4'));
    appendAudit(home, record('echo 5'));
    assert.equal(k.poll().state, 'intact');
    assert.equal(k.anchor?.count, 5);
    assert.deepEqual(seen, [5]);
    assert.equal(keeper().start().state, 'intact', 'a restarted editor finds the log as it left it');
  });

  const attacks: Array<[string, (home: string) => void, RegExp]> = [
    ['an earlier entry rewritten, chain and head recomputed', (h) => rewriteLog(h, (es) => es.map((e, i) => (i === 1 ? { ...asRecord(e), subject: 'git status' } : asRecord(e)))), /rewritten/],
    ['the tail truncated, head recomputed', (h) => rewriteLog(h, (es) => es.slice(0, 1).map(asRecord)), /truncated/],
    ['log and head deleted', (h) => (fs.rmSync(auditLogPath(h)), fs.rmSync(auditHeadPath(h))), /gone or empty|deleted/],
    ['the log replaced by a fresh one of the same length', (h) => rewriteLog(h, () => [record('a'), record('b'), record('c')]), /rewritten/],
  ];
  for (const [name, attack, problem] of attacks) {
    it(`reports ${name}, which the chain alone accepts`, () => {
      const k = keeper();
      assert.equal(k.start().state, 'intact');
      attack(home);
      assert.equal(verifyAuditLog(home).ok, true, 'the unkeyed chain and head file verify: only the anchor can tell');
      const followed = k.poll();
      assert.equal(followed.state, 'tampered');
      const restarted = keeper().start();
      assert.equal(restarted.state, 'tampered');
      assert.match(restarted.state === 'tampered' ? restarted.problem : '', problem);
    });
  }

  it('reports an anchor altered in the editor storage (the seal needs the secret key)', () => {
    keeper().start();
    stored = { ...(stored as SealedAnchor), count: 1, lastHash: parseAuditLines(fs.readFileSync(auditLogPath(home), 'utf8'))[0]!.hash };
    const r = keeper().start();
    assert.equal(r.state, 'tampered');
    assert.match(r.state === 'tampered' ? r.problem : '', /seal/);
    stored = sealAnchor({ count: 1, lastHash: stored.lastHash }, key);
    assert.equal(keeper().start().state, 'intact', 'a correctly sealed older anchor is consistent with a longer log');
  });

  describe('audit verify asks a verified editor window for its anchor', () => {
    const io = () => {
      let out = '';
      return { io: { stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += t), readStdin: async () => '', env: { BLAST_SHIELD_HOME: home }, cwd: home }, out: () => out };
    };

    it('says plainly when no external anchor was consulted', async () => {
      const c = io();
      assert.equal(await runAudit(['verify'], c.io, inProcessEditor), 0);
      assert.match(c.out(), /external anchor: none consulted \(no editor window/);
    });

    it('a rewritten log is TAMPERED when the window disagrees; an unverified window is not asked', async () => {
      const k = keeper();
      k.start();
      const server = await startIpcServer({ onConfirm: async () => ({ decision: 'deny', reason: '' }), onAnchor: () => k.anchor ?? null, appName: 'Test', workspaceFolders: [home], home });
      try {
        let c = io();
        assert.equal(await runAudit(['verify'], c.io, inProcessEditor), 0);
        assert.match(c.out(), /saw 3 entries; the log agrees/);
        rewriteLog(home, (es) => es.slice(0, 2).map(asRecord));
        c = io();
        assert.equal(await runAudit(['verify'], c.io, inProcessEditor), 1);
        assert.match(c.out(), /TAMPERED: the editor window .* disagrees: .*truncated/);
        // The real verifier refuses the test process as an editor: nothing is consulted.
        const unverified = await compareWithEditorAnchor(home, { verify: () => ({ ok: false, reason: 'not an editor' }), reconfirm: (_r, p) => ({ ok: true, proof: p }) });
        assert.deepEqual(unverified, { consulted: false, why: 'no editor window could be verified (not an editor)' });
      } finally {
        await server.dispose();
      }
    });

    it('a deleted log (and head) with an anchor present is TAMPERED, never "intact: 0 entries"', async () => {
      const k = keeper();
      k.start();
      const server = await startIpcServer({ onConfirm: async () => ({ decision: 'deny', reason: '' }), onAnchor: () => k.anchor ?? null, appName: 'Test', workspaceFolders: [home], home });
      try {
        fs.rmSync(auditLogPath(home));
        fs.rmSync(auditHeadPath(home));
        const c = io();
        assert.equal(await runAudit(['verify'], c.io, inProcessEditor), 1);
        assert.match(c.out(), /TAMPERED: the editor window .* disagrees: the audit log is gone or empty, but 3 entries were seen in it/);
        assert.doesNotMatch(c.out(), /intact/);
      } finally {
        await server.dispose();
      }
    });

    it('an empty or missing log with no anchor consulted is not called intact: a deleted log cannot be told from a new one', async () => {
      fs.rmSync(auditLogPath(home));
      fs.rmSync(auditHeadPath(home));
      const c = io();
      assert.equal(await runAudit(['verify'], c.io, inProcessEditor), 0);
      assert.doesNotMatch(c.out(), /intact/);
      assert.match(c.out(), /audit log empty: no entries .* a deleted log cannot be told from a new one/);
    });
  });
});
