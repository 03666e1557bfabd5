import { strict as assert } from 'node:assert';
import { protectionOf, type HostFacts } from '../../../src/core/health/protection';
import { requiredHostGaps } from '../../../src/core/health/requiredHosts';
import type { HostId } from '../../../src/core/protocol/ipc';

const up = { up: true, problem: '' };
const h = (host: HostFacts['host'], installed: boolean, intact = installed, lastEventAt?: number): HostFacts => ({ host, installed, intact, lastEventAt });

describe('protectionOf', () => {
  const cases: [string, { up: boolean; problem: string }, HostFacts[], 'protected' | 'waiting' | 'unprotected', RegExp][] = [
    ['socket down', { up: false, problem: 'EADDRINUSE' }, [h('cursor', true, true, 1)], 'unprotected', /EADDRINUSE/],
    ['nothing installed', up, [h('cursor', false), h('claude', false)], 'unprotected', /No agent host/],
    ['installed, never called: waiting, not a warning', up, [h('cursor', true)], 'waiting', /no host has called/],
    ['installed, never called: says what to do', up, [h('cursor', true), h('claude', true)], 'waiting', /^Hooks installed for cursor, claude; .*Let the agent run one command, or run Blast Shield: Run Self-Test/],
    ['altered entry', up, [h('cursor', true, false, 1)], 'unprotected', /altered for cursor/],
    ['installed and called', up, [h('cursor', true, true, 1), h('claude', true)], 'protected', /calls seen from cursor/],
    ['installed where the host does not load it (Copilot CLI, untrusted folder)', up, [{ host: 'copilot', installed: true, intact: true, loaded: false, lastEventAt: 1 }], 'unprotected', /copilot are installed where the host does not load them/],
    ['an event from a host without entries does not count', up, [h('cursor', false, false, 1), h('claude', true)], 'waiting', /no host has called/],
  ];
  for (const [name, ipc, hosts, kind, detail] of cases) {
    it(name, () => {
      const p = protectionOf(ipc, hosts);
      assert.equal(p.kind, kind);
      assert.match(p.detail, detail);
    });
  }
});

describe('protectionOf with hosts a policy requires (hooks.required)', () => {
  const cases: [string, HostFacts[], HostId[], 'protected' | 'waiting' | 'unprotected', RegExp][] = [
    ['a required host with no entry is unprotected, whatever else is installed and called', [h('cursor', true, true, 1), h('claude', false)], ['claude'], 'unprotected', /requires Blast Shield hooks for claude \(no hook entry is installed\)/],
    ['a required host installed where it is not loaded', [h('cursor', true, true, 1), { host: 'copilot', installed: true, intact: true, loaded: false }], ['copilot'], 'unprotected', /copilot \(its hook entry is installed where the host does not load it\)/],
    ['a required host with an altered entry', [h('cursor', true, true, 1), h('claude', true, false)], ['claude'], 'unprotected', /claude \(its hook entry is altered\)/],
    ['every required host installed: the usual states', [h('cursor', true), h('claude', true)], ['cursor', 'claude'], 'waiting', /no host has called/],
  ];
  for (const [name, hosts, required, kind, detail] of cases) {
    it(name, () => {
      const p = protectionOf(up, hosts, required);
      assert.equal(p.kind, kind);
      assert.match(p.detail, detail);
    });
  }
});

describe('requiredHostGaps (status reads one row per scope)', () => {
  it('one intact, loaded scope satisfies a required host; none does not', () => {
    const rows = [
      { host: 'copilot' as const, installed: true, intact: true, loaded: false },
      { host: 'copilot' as const, installed: true, intact: true, loaded: true },
      { host: 'claude' as const, installed: false, intact: false },
    ];
    assert.deepEqual(requiredHostGaps(['copilot', 'claude'], rows), [{ host: 'claude', problem: 'no hook entry is installed' }]);
    assert.deepEqual(requiredHostGaps(['gemini'], []), [{ host: 'gemini', problem: 'no hook entry is installed' }]);
    assert.deepEqual(requiredHostGaps([], rows), []);
  });
});
