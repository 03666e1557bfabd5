import { strict as assert } from 'node:assert';
import { isHostToWebview, isWebviewToHost, MAX_TYPED_PHRASE, phraseMatches } from '../../../src/core/protocol/webview';

describe('webview protocol', () => {
  const accepted: unknown[] = [{ type: 'ready' }, { type: 'submit', id: 'a', phrase: 'prod-db' }, { type: 'deny', id: 'a' }];
  const rejected: unknown[] = [
    null,
    'ready',
    { type: 'confirmed', id: 'a' },
    { type: 'submit', id: 'a', phrase: 'x', confirmed: true },
    { type: 'submit', id: 'a' },
    { type: 'submit', id: 'a', phrase: 'x'.repeat(MAX_TYPED_PHRASE + 1) },
    { type: 'deny' },
    { type: 'ready', extra: 1 },
  ];
  for (const m of accepted) it(`accepts ${JSON.stringify(m)}`, () => assert.ok(isWebviewToHost(m)));
  for (const m of rejected) it(`rejects ${JSON.stringify(m)?.slice(0, 60)}`, () => assert.equal(isWebviewToHost(m), false));

  it('validates host messages', () => {
    assert.ok(isHostToWebview({ type: 'queue', queued: 1 }));
    assert.ok(isHostToWebview({ type: 'closed', id: 'a', outcome: 'denied', reason: 'r' }));
    assert.equal(isHostToWebview({ type: 'show', view: {} }), false);
  });

  const phrases: [string, string, boolean][] = [
    ['prod-db', 'prod-db', true],
    ['  prod-db ', 'prod-db', true],
    ['Prod-db', 'prod-db', false],
    ['prod-d', 'prod-db', false],
    ['', '', false],
  ];
  for (const [typed, expected, ok] of phrases) it(`phrase ${JSON.stringify(typed)} vs ${JSON.stringify(expected)} -> ${ok}`, () => assert.equal(phraseMatches(typed, expected), ok));
});
