import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import { MAX_WRAPPER_HOPS } from '../../../src/core/policy/analyze';
import { testFacts } from '../support/policyFixtures';

/**
 * Limits never answer allow: a command the analysis stopped reading (too many wrappers, too deep, too
 * long, too many words for xargs) asks, and lockdown turns that into deny. Where shells disagree on
 * what a line means, every plausible reading is judged and the most dangerous one counts.
 */

const facts = testFacts();
const verdict = (command: string, lockdown = false) => classify(command, facts, { lockdown });

describe('policy: limits never answer allow', () => {
  const wrappers: Record<string, string> = { env: 'env ', sudo: 'sudo ', timeout: 'timeout 5 ', nice: 'nice -n 1 ', xargs: 'xargs ', mixed: '' };
  for (const [name, word] of Object.entries(wrappers)) {
    for (const count of [MAX_WRAPPER_HOPS + 1, 40, 200]) {
      const prefix = name === 'mixed' ? Array.from({ length: count }, (_, i) => ['env ', 'sudo ', 'timeout 5 ', 'nice ', 'nohup '][i % 5]).join('') : word.repeat(count);
      for (const tail of ['rm -rf /', 'ls']) {
        it(`${count} × ${name} then ${tail}: asks, and denies in lockdown`, () => {
          const v = verdict(prefix + tail);
          assert.notEqual(v.decision, 'allow', JSON.stringify(v.reasons));
          if (tail === 'ls') assert.equal(v.decision, 'ask');
          assert.equal(verdict(prefix + tail, true).decision, 'deny');
        });
      }
    }
  }

  it(`${MAX_WRAPPER_HOPS} wrappers are still read through`, () => {
    assert.equal(verdict('env '.repeat(MAX_WRAPPER_HOPS - 1) + 'rm -rf /').decision, 'deny');
    assert.equal(verdict('env '.repeat(MAX_WRAPPER_HOPS - 1) + 'ls').decision, 'allow');
  });

  const nested = (depth: number, inner: string): string => {
    let text = inner;
    for (let i = 0; i < depth; i++) text = `bash -c ${JSON.stringify(text)}`;
    return text;
  };
  it('nesting past the depth budget asks (deny in lockdown), even for a harmless command', () => {
    assert.equal(verdict(nested(12, 'ls')).decision, 'ask');
    assert.equal(verdict(nested(12, 'ls'), true).decision, 'deny');
  });

  it('text past the size budget asks', () => {
    assert.equal(verdict('echo ' + 'a'.repeat((1 << 20) + 10)).decision, 'ask');
  });

  it('xargs fed more words than are read asks', () => {
    const words = Array.from({ length: 300 }, (_, i) => `f${i}`).join(' ');
    assert.equal(verdict(`echo ${words} | xargs rm`).decision, 'ask');
  });

  describe('dialects: every reading counts', () => {
    const cases = ['sh -c "((rm -rf ~))"', 'dash -c "((rm -rf ~))"', 'bash -c "((rm -rf ~))"', '((rm -rf ~))', 'sh -c "((rm -rf / ))"', 'busybox sh -c "((rm -rf ~))"', 'echo x | sh -c "((rm -rf ~))"'];
    for (const command of cases) {
      it(`${command} is judged as dash runs it (nested subshells)`, () => assert.equal(verdict(command).decision, 'deny'));
    }
    for (const command of ['echo $((1 + 2))', 'for ((i = 0; i < 3; i++)); do echo $i; done', '(( x = 1 + 2 ))', 'if ((1 > 0)); then echo y; fi']) {
      it(`${command} stays allowed in both readings`, () => assert.equal(verdict(command).decision, 'allow'));
    }
  });
});
