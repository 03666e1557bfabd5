import { strict as assert } from 'node:assert';
import { silentLogger } from '../../../src/core/logger';
import { IPC_PROTOCOL_VERSION, type ConfirmRequest } from '../../../src/core/protocol/ipc';
import { ConfirmQueue, type ConfirmAnswer, type ConfirmPresenter, type PendingAsk, type Timers } from '../../../src/node/confirm/confirmQueue';

class FakeTimers implements Timers {
  time = 1_000_000;
  private pending: { at: number; fn: () => void; live: boolean }[] = [];
  now = () => this.time;
  setTimeout = (fn: () => void, ms: number) => {
    const t = { at: this.time + ms, fn, live: true };
    this.pending.push(t);
    return { cancel: () => void (t.live = false) };
  };
  advance(ms: number) {
    this.time += ms;
    for (const t of this.pending) if (t.live && t.at <= this.time) {
      t.live = false;
      t.fn();
    }
  }
}

class RecordingPresenter implements ConfirmPresenter {
  shown: string[] = [];
  queued: number[] = [];
  answers: [string, string][] = [];
  show(ask: PendingAsk) { this.shown.push(ask.request.id); }
  queueChanged(n: number) { this.queued.push(n); }
  answered(ask: PendingAsk, a: ConfirmAnswer) { this.answers.push([ask.request.id, a.decision]); }
}

let seq = 0;
function request(overrides: Partial<ConfirmRequest> = {}): ConfirmRequest {
  seq++;
  return {
    type: 'confirm', version: IPC_PROTOCOL_VERSION, token: 't', id: `id${seq}`, host: 'cursor', event: 'beforeShellExecution',
    action: { kind: 'shell', command: 'rm -rf build', cwd: '/w' },
    verdict: { decision: 'ask', production: false, risks: ['destructive'], reasons: ['r'], targets: [], confirm: 'build' },
    workspaceRoots: ['/w'], deadline: 1_000_000 + 300_000, dedupeKey: `k${seq}`, ...overrides,
  };
}

describe('ConfirmQueue', () => {
  let timers: FakeTimers;
  let presenter: RecordingPresenter;
  let lockdown: boolean;
  let queue: ConfirmQueue;
  beforeEach(() => {
    timers = new FakeTimers();
    presenter = new RecordingPresenter();
    lockdown = false;
    queue = new ConfirmQueue({ presenter, logger: silentLogger, dialogTimeoutMs: () => 60_000, lockdown: () => lockdown, timers });
  });

  it('allows only after the exact phrase is typed', async () => {
    const r = request();
    const answer = queue.ask(r);
    assert.deepEqual(presenter.shown, [r.id]);
    assert.equal(queue.submit(r.id, 'buil'), 'mismatch');
    assert.equal(queue.submit(r.id, 'BUILD'), 'mismatch');
    assert.equal(queue.submit(r.id, 'build'), 'allowed');
    assert.equal((await answer).decision, 'allow');
  });

  it('denies on the deadline (the earlier of the hook deadline and the dialog timeout)', async () => {
    const answer = queue.ask(request({ deadline: timers.time + 10_000 }));
    timers.advance(10_000);
    const a = await answer;
    assert.equal(a.decision, 'deny');
    assert.equal(a.by, 'deadline');
    assert.match(a.reason, /Nobody answered/);
  });

  it('denies at the dialog timeout when the hook would wait longer', async () => {
    const answer = queue.ask(request());
    timers.advance(59_999);
    assert.equal(queue.pending.length, 1);
    timers.advance(1);
    assert.equal((await answer).decision, 'deny');
  });

  const immediate: [string, () => ConfirmRequest, () => void][] = [
    ['lockdown', () => request(), () => void (lockdown = true)],
    ['a deny verdict', () => request({ verdict: { decision: 'deny', production: false, risks: [], reasons: [], targets: [], confirm: null } }), () => undefined],
    ['an allow verdict', () => request({ verdict: { decision: 'allow', production: false, risks: [], reasons: [], targets: [], confirm: null } }), () => undefined],
    ['a past deadline', () => request({ deadline: 5 }), () => undefined],
  ];
  for (const [name, make, arrange] of immediate) {
    it(`denies without a dialog on ${name}`, async () => {
      arrange();
      const a = await queue.ask(make());
      assert.equal(a.decision, 'deny');
      assert.deepEqual(presenter.shown, []);
    });
  }

  it('queues several asks and answers each, in order', async () => {
    const [a, b, c] = [request(), request(), request()];
    const pa = queue.ask(a);
    const pb = queue.ask(b);
    const pc = queue.ask(c);
    assert.deepEqual(presenter.shown, [a.id]);
    assert.deepEqual(presenter.queued, [1, 2]);
    assert.equal(queue.submit(b.id, 'build'), 'not-current');
    assert.ok(queue.deny(a.id, 'user'));
    assert.deepEqual(presenter.shown, [a.id, b.id]);
    assert.equal(queue.submit(b.id, 'build'), 'allowed');
    assert.ok(queue.deny(c.id, 'closed'));
    assert.deepEqual([(await pa).decision, (await pb).decision, (await pc).decision], ['deny', 'allow', 'deny']);
    assert.deepEqual(queue.pending, []);
  });

  it('shows one dialog for twins of the same action and answers both', async () => {
    const first = request({ dedupeKey: 'same' });
    const second = request({ dedupeKey: 'same', host: 'claude' });
    const p1 = queue.ask(first);
    const p2 = queue.ask(second);
    assert.deepEqual(presenter.shown, [first.id]);
    queue.submit(first.id, 'build');
    assert.deepEqual([(await p1).decision, (await p2).decision], ['allow', 'allow']);
  });

  it('hands an answer once to a twin arriving shortly after, never twice', async () => {
    const first = request({ dedupeKey: 'late' });
    const p1 = queue.ask(first);
    queue.submit(first.id, 'build');
    await p1;
    assert.equal((await queue.ask(request({ dedupeKey: 'late', host: 'claude', event: 'PreToolUse' }))).decision, 'allow');
    const third = queue.ask(request({ dedupeKey: 'late', host: 'vscode', event: 'PreToolUse' }));
    assert.equal(queue.pending.length, 1);
    queue.denyAll('user');
    assert.equal((await third).decision, 'deny');
  });

  it('never hands an allow to the same hook repeating the action: that is a second run', async () => {
    const first = request({ dedupeKey: 'rerun' });
    const p1 = queue.ask(first);
    queue.submit(first.id, 'build');
    assert.equal((await p1).decision, 'allow');
    const again = queue.ask(request({ dedupeKey: 'rerun' }));
    assert.equal(queue.pending.length, 1, 'the same delivery gets a new dialog');
    queue.denyAll('user');
    assert.equal((await again).decision, 'deny');
  });

  it('a denied action sent again by the same hook gets a new dialog that notes the earlier deny', async () => {
    const first = request({ dedupeKey: 'retry' });
    const p1 = queue.ask(first);
    assert.equal(queue.current?.earlierDeny, undefined, 'a first ask notes nothing');
    assert.ok(queue.deny(first.id, 'user'));
    assert.equal((await p1).decision, 'deny');
    const deniedAt = timers.time;
    timers.advance(12_000);
    const retry = request({ dedupeKey: 'retry' });
    const p2 = queue.ask(retry);
    assert.deepEqual(presenter.shown, [first.id, retry.id], 'the retry is shown, not denied from memory');
    assert.deepEqual(queue.current?.earlierDeny, { at: deniedAt, by: 'user' });
    assert.equal(queue.submit(retry.id, 'build'), 'allowed');
    assert.equal((await p2).decision, 'allow');
    const third = request({ dedupeKey: 'retry' });
    void queue.ask(third);
    assert.equal(queue.current?.earlierDeny, undefined, 'an allow clears the note');
  });

  it('a deny is handed to a twin from another hook once, without a dialog', async () => {
    const first = request({ dedupeKey: 'twin-deny' });
    const p1 = queue.ask(first);
    queue.deny(first.id, 'user');
    await p1;
    const twin = await queue.ask(request({ dedupeKey: 'twin-deny', host: 'claude', event: 'PreToolUse' }));
    assert.deepEqual([twin.decision, twin.by], ['deny', 'user']);
    assert.deepEqual(presenter.shown, [first.id]);
    void queue.ask(request({ dedupeKey: 'twin-deny', host: 'claude', event: 'PreToolUse' }));
    assert.equal(queue.pending.length, 1, 'the twin retrying is asked');
  });

  it('a timed-out ask is noted as such in the next dialog of the same action', async () => {
    void queue.ask(request({ dedupeKey: 'slow', deadline: timers.time + 5_000 }));
    timers.advance(5_000);
    void queue.ask(request({ dedupeKey: 'slow' }));
    assert.equal(queue.current?.earlierDeny?.by, 'deadline');
  });

  it('reports every decision once (dialogs and lockdown), not twins handed an answer', async () => {
    const decided: [string, string, string][] = [];
    const q = new ConfirmQueue({ presenter, logger: silentLogger, dialogTimeoutMs: () => 60_000, lockdown: () => lockdown, timers, onDecided: (r, a) => decided.push([r.id, a.decision, a.by]) });
    const a = request({ dedupeKey: 'd' });
    const twin = request({ dedupeKey: 'd', host: 'claude', event: 'PreToolUse' });
    const pa = q.ask(a);
    const pt = q.ask(twin);
    q.submit(a.id, 'build');
    await Promise.all([pa, pt]);
    const late = request({ dedupeKey: 'd', host: 'vscode', event: 'PreToolUse' });
    await q.ask(late);
    lockdown = true;
    const locked = request();
    await q.ask(locked);
    assert.deepEqual(decided, [[a.id, 'allow', 'user'], [locked.id, 'deny', 'lockdown']]);
  });

  it('does not coalesce two pending asks from the same hook', async () => {
    void queue.ask(request({ dedupeKey: 'twice' }));
    void queue.ask(request({ dedupeKey: 'twice' }));
    assert.equal(queue.pending.length, 2);
    void queue.ask(request({ dedupeKey: 'twice', host: 'claude', event: 'PreToolUse' }));
    assert.equal(queue.pending.length, 2, 'a twin from another hook joins the first ask');
  });

  it('does not hand an old answer to a twin after the window', async () => {
    const first = request({ dedupeKey: 'old' });
    const p1 = queue.ask(first);
    queue.submit(first.id, 'build');
    await p1;
    timers.advance(31_000);
    void queue.ask(request({ dedupeKey: 'old', deadline: timers.time + 100_000 }));
    assert.equal(queue.pending.length, 1);
  });

  it('denies everything pending on dispose and afterwards', async () => {
    const p = queue.ask(request());
    queue.dispose();
    assert.equal((await p).decision, 'deny');
    assert.equal((await queue.ask(request())).decision, 'deny');
  });
});
