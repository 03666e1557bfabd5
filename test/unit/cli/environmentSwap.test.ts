import { strict as assert } from 'node:assert';
import { EnvironmentSwap } from '../../../src/cli/environmentSwap';

/**
 * The decision server sets each call's environment as process.env by changing only what differs from
 * what it last set; afterwards its own environment must be exactly back, whatever the call did.
 */
describe('decision server: the environment swap', () => {
  let saved: NodeJS.ProcessEnv;
  beforeEach(() => {
    saved = { ...process.env };
  });
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
  });

  const own = (): Record<string, string> => Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));

  const calls: Array<[string, (base: Record<string, string>) => Record<string, string>]> = [
    ['the same environment as the server', (b) => ({ ...b })],
    ['an empty environment', () => ({})],
    ['added variables', (b) => ({ ...b, BS_SWAP_ADDED: 'x', BS_SWAP_OTHER: '' })],
    ['a changed value', (b) => ({ ...b, PATH: '/nowhere' })],
    ['removed variables', (b) => Object.fromEntries(Object.entries(b).filter(([k]) => k !== 'PATH' && k !== 'HOME'))],
    ['a variable named like an object property', (b) => JSON.parse(JSON.stringify({ ...b, constructor: 'c', toString: 't' })) as Record<string, string>],
  ];
  for (const [name, make] of calls) {
    it(`${name}: process.env is exactly the call's during it, and the server's own after it`, () => {
      const before = own();
      const swap = new EnvironmentSwap();
      const to = make(before);
      swap.swap(to);
      assert.deepEqual(own(), to);
      swap.restore();
      assert.deepEqual(own(), before);
    });
  }

  it('consecutive calls: no variable of the previous call remains in the next one', () => {
    const before = own();
    const swap = new EnvironmentSwap();
    swap.swap({ ...before, BS_SWAP_FIRST: '1', SECRET_OF_FIRST_CALL: 'a' });
    swap.restore();
    const second = { ...before, BS_SWAP_SECOND: '2' };
    swap.swap(second);
    assert.deepEqual(own(), second);
    assert.equal(process.env.SECRET_OF_FIRST_CALL, undefined);
    swap.restore();
    assert.deepEqual(own(), before);
  });

  it('a variable something else added during a call is removed too (the count check rebuilds the whole environment)', () => {
    const before = own();
    const swap = new EnvironmentSwap();
    swap.swap({ ...before, BS_SWAP_CALL: '1' });
    process.env.BS_SWAP_STRAY = 'left by the call';
    delete process.env.BS_SWAP_CALL;
    swap.restore();
    assert.deepEqual(own(), before);
  });
});
