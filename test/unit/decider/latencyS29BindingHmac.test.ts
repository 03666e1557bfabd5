import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import { bindingHmac, constantTimeEqual, hmacFromBinding, type DeciderCrypto } from '../../../src/node/decider/bindingHmac';
import { deciderMac, deciderMacStart, verifyDeciderReply, type DeciderBody } from '../../../src/node/decider/protocol';

/**
 * The hook client checks the decision server's answers with the runtime's crypto binding instead of
 * loading node:crypto (its module graph was most of a warm call's own work). It must compute exactly
 * node:crypto's HMAC-SHA256, and a binding that does anything else must not be used.
 */

const BUILD = '0123456789abcdef';
const ALLOW = { stdout: '{"hookSpecificOutput":{"permissionDecision":"allow"}}\n', exitCode: 0, decision: 'allow' as const };

function fast(): DeciderCrypto {
  const c = bindingHmac();
  assert.ok(c, 'this runtime offers the crypto binding (Node 20): the client must not load node:crypto here');
  return c;
}

describe('decision server: the client HMAC from the crypto binding', () => {
  const texts: [string, string][] = [
    ['empty', ''],
    ['ASCII', 'git status'],
    ['non-ASCII', 'echo "grüße — 日本語 🚀"'],
    ['a lone surrogate (written as U+FFFD, as Buffer.from does)', 'a\ud800b'],
    ['NUL bytes', 'a\0b\0'],
    ['a request line of 200 KB', JSON.stringify({ env: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`VAR_${i}`, 'x'.repeat(90)])) })],
  ];
  for (const [name, text] of texts) {
    it(`equals node:crypto's HMAC-SHA256: ${name}`, () => {
      const key = crypto.randomBytes(32);
      const ours = fast().createHmac('sha256', key).update('label\0').update(text).update('\0').digest();
      const theirs = crypto.createHmac('sha256', key).update('label\0').update(text).update('\0').digest();
      assert.equal(ours.toString('hex'), theirs.toString('hex'));
    });
  }

  it('signs and checks decider replies exactly as node:crypto does (either side may use either)', () => {
    const key = crypto.randomBytes(32);
    const line = JSON.stringify({ v: 1, build: BUILD, nonce: 'ab'.repeat(16), input: 'git status' });
    const body = JSON.stringify({ v: 1, build: BUILD, nonce: 'ab'.repeat(16), result: ALLOW } satisfies DeciderBody);
    assert.equal(deciderMac(fast(), key, line, body), deciderMac(crypto, key, line, body));
    const reply = JSON.stringify({ body, mac: deciderMac(crypto, key, line, body) });
    const req = { build: BUILD, nonce: 'ab'.repeat(16) };
    assert.equal(verifyDeciderReply(fast(), key, line, req, reply).ok, true);
    assert.equal(verifyDeciderReply(fast(), key, line, req, reply, deciderMacStart(fast(), key, line)).ok, true);
    // Another key, another request line, a changed body: refused.
    assert.deepEqual(verifyDeciderReply(fast(), crypto.randomBytes(32), line, req, reply), { ok: false, why: 'bad MAC' });
    assert.deepEqual(verifyDeciderReply(fast(), key, line + ' ', req, reply), { ok: false, why: 'bad MAC' });
    assert.deepEqual(verifyDeciderReply(fast(), key, line, req, reply.replace('allow', 'allaw')), { ok: false, why: 'bad MAC' });
  });

  it('an HMAC state is used once', () => {
    const mac = fast().createHmac('sha256', crypto.randomBytes(32)).update('x');
    mac.digest();
    assert.throws(() => mac.digest());
    assert.throws(() => mac.update('y'));
  });

  it('refuses an empty key rather than MAC with it', () => {
    assert.throws(() => fast().createHmac('sha256', Buffer.alloc(0)));
  });

  const equalRows: [string, number[], number[], boolean][] = [
    ['same bytes', [1, 2, 3], [1, 2, 3], true],
    ['last byte differs', [1, 2, 3], [1, 2, 4], false],
    ['first byte differs', [0, 2, 3], [1, 2, 3], false],
    ['one bit differs', [0x80], [0x00], false],
    ['shorter', [1, 2], [1, 2, 3], false],
    ['both empty', [], [], true],
  ];
  for (const [name, a, b, equal] of equalRows) {
    it(`constant-time compare: ${name}`, () => {
      assert.equal(constantTimeEqual(Buffer.from(a), Buffer.from(b)), equal);
      if (a.length === b.length) assert.equal(crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b)), equal);
    });
  }

  /** Stand-ins for a runtime's binding: each must make the client fall back to node:crypto. */
  const real = (process as unknown as { binding(name: string): Record<string, unknown> }).binding('crypto');
  const RealHmac = real.Hmac as new () => { init(a: string, k: Buffer): void; update(d: string): boolean; digest(e: string): Buffer };
  const bindings: [string, Record<string, unknown>][] = [
    ['no Hmac class', {}],
    ['Hmac is not a class', { Hmac: 42 }],
    [
      'an Hmac that ignores the key',
      {
        Hmac: class {
          private h = new RealHmac();
          init(a: string): void {
            this.h.init(a, Buffer.alloc(1));
          }
          update(d: string): boolean {
            return this.h.update(d);
          }
          digest(e: string): Buffer {
            return this.h.digest(e);
          }
        },
      },
    ],
    [
      'an Hmac that hashes another algorithm',
      {
        Hmac: class {
          private h = new RealHmac();
          init(_a: string, k: Buffer): void {
            this.h.init('sha512', k);
          }
          update(d: string): boolean {
            return this.h.update(d);
          }
          digest(e: string): Buffer {
            return this.h.digest(e);
          }
        },
      },
    ],
    [
      'an Hmac whose digest is not a Buffer',
      {
        Hmac: class {
          init(): void {}
          update(): boolean {
            return true;
          }
          digest(): string {
            return '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
          }
        },
      },
    ],
    [
      'an Hmac whose update fails',
      {
        Hmac: class {
          init(): void {}
          update(): boolean {
            return false;
          }
          digest(): Buffer {
            return Buffer.alloc(32);
          }
        },
      },
    ],
    [
      'an Hmac that throws',
      {
        Hmac: class {
          init(): void {
            throw new Error('no');
          }
        },
      },
    ],
  ];
  for (const [name, binding] of bindings) {
    it(`a binding with ${name} is not used`, () => {
      assert.equal(hmacFromBinding(binding), undefined);
    });
  }

  it('the real binding passes the known-answer test', () => {
    assert.ok(hmacFromBinding(real));
  });
});
