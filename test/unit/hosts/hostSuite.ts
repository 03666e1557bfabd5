import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IPC_PROTOCOL_VERSION, type HostId } from '../../../src/core/protocol/ipc';
import type { HookAction } from '../../../src/node/hosts/action';
import { HOST_ADAPTERS } from '../../../src/node/hosts/adapters';
import { IpcError } from '../../../src/node/ipc/client';
import { writeDiscoveryRecord } from '../../../src/node/ipc/discovery';
import { startIpcServer } from '../../../src/node/ipc/server';
import { runHook, MAX_HOOK_INPUT_BYTES, DEADLINE_MARGIN_MS, type HookDeps } from '../../../src/hook/runHook';
import { hostHookLimitSeconds } from '../../../src/node/hosts/deadlines';
import { readAuditEntries, verifyAuditLog } from '../../../src/node/audit/auditLog';
import { decisionIn, fakeEngine, fixtureNames, fixtureText, inProcessEditor, makeTempHome, messageIn, rawServer, type TempHome } from './support';

export interface HostCase {
  fixture: string;
  kind: HookAction['kind'];
  /** With no editor reachable: what the host is told. */
  decision: 'allow' | 'deny' | 'none';
  /** The local decision was "ask" (so a human allowing turns it into allow). */
  asks?: boolean;
  /** Extra checks on the parsed action. */
  check?: (action: HookAction, t: TempHome) => void;
}

export interface HostSuite {
  cases: HostCase[];
  /** A fixture whose local decision is "ask", for the IPC failure cases. */
  askFixture: string;
  /** A payload for an event this host's hook does not handle. */
  unknownEvent: (t: TempHome) => string;
  /** Exit code of a failure deny (Cursor: 2, others: 0 with a JSON deny). */
  failureExitCode: number;
}

const noEditor: HookDeps['ask'] = async () => {
  throw new IpcError('no-editor', 'no editor window with Blast Shield is open on this workspace');
};

export function describeHost(host: HostId, suite: HostSuite): void {
  describe(`hosts/${host}`, () => {
    let t: TempHome;
    beforeEach(() => {
      t = makeTempHome();
    });
    afterEach(() => t.cleanup());

    const run = (text: string, deps: Partial<HookDeps> = {}) => runHook(host, text, t.env, { engine: fakeEngine(), ask: noEditor, ...deps });

    it('has a case for every fixture', () => {
      assert.deepEqual(suite.cases.map((c) => c.fixture).sort(), fixtureNames(host));
    });

    describe('parse', () => {
      for (const c of suite.cases) {
        it(`${c.fixture} -> ${c.kind}`, () => {
          const parsed = HOST_ADAPTERS[host].parse(JSON.parse(fixtureText(host, c.fixture, t.home)), t.env);
          assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
          assert.equal(parsed.input.action.kind, c.kind);
          assert.ok(parsed.input.workspaceRoots.includes(t.workspace), `workspace roots ${JSON.stringify(parsed.input.workspaceRoots)}`);
          const a = parsed.input.action;
          const paths = a.kind === 'write' ? a.paths : 'path' in a ? [a.path] : [];
          for (const p of paths) assert.ok(path.isAbsolute(p), `${p} is absolute`);
          c.check?.(a, t);
        });
      }
    });

    describe('decide and respond', () => {
      for (const c of suite.cases) {
        it(`${c.fixture} -> ${c.decision}`, async () => {
          const result = await run(fixtureText(host, c.fixture, t.home));
          assert.equal(decisionIn(host, result.stdout), c.decision, result.stdout);
          assert.ok(result.stdout.endsWith('\n'));
          const expectedExit = c.asks ? suite.failureExitCode : 0;
          assert.equal(result.exitCode, expectedExit);
          if (c.decision === 'deny') assert.match(messageIn(host, result.stdout), /Do not retry/);
        });
        if (c.asks) {
          it(`${c.fixture}: the human allows -> allow`, async () => {
            let asked = 0;
            const result = await run(fixtureText(host, c.fixture, t.home), {
              ask: async (_home, req) => {
                asked++;
                assert.equal(req.host, host);
                assert.ok(req.deadline > Date.now());
                return { decision: 'allow', reason: 'typed the phrase' };
              },
            });
            assert.equal(asked, 1);
            assert.equal(decisionIn(host, result.stdout), 'allow');
            assert.equal(result.exitCode, 0);
          });
          it(`${c.fixture}: lockdown denies without asking`, async () => {
            fs.mkdirSync(t.guardHome, { recursive: true });
            fs.writeFileSync(
              path.join(t.guardHome, 'settings.json'),
              JSON.stringify({ version: 1, workspaces: { [t.workspace]: { lockdown: true, production: { names: [], hosts: [], resourceIds: [] }, protectedPaths: [] } } }),
            );
            const result = await run(fixtureText(host, c.fixture, t.home), {
              ask: async () => {
                throw new Error('must not ask in lockdown');
              },
            });
            assert.equal(decisionIn(host, result.stdout), 'deny');
            assert.equal(result.exitCode, 0);
          });
        }
      }
    });

    describe('fails closed', () => {
      const expectFailureDeny = (result: { stdout: string; exitCode: number }, pattern: RegExp): void => {
        assert.equal(decisionIn(host, result.stdout), 'deny', result.stdout);
        assert.equal(result.exitCode, suite.failureExitCode);
        const message = messageIn(host, result.stdout);
        assert.match(message, pattern);
        assert.match(message, /Do not retry/);
        assert.match(message, /do not look for other credentials/);
      };

      it('unparseable stdin', async () => expectFailureDeny(await run('{"tool_name": '), /not valid JSON/));
      it('empty stdin', async () => expectFailureDeny(await run(''), /not valid JSON/));
      it('a JSON value that is not an object', async () => expectFailureDeny(await run('[1,2]'), /not a JSON object/));
      it('an unknown event', async () => expectFailureDeny(await run(suite.unknownEvent(t)), /event|hook/i));
      it('oversize input', async () => {
        const big = JSON.stringify({ padding: 'x'.repeat(MAX_HOOK_INPUT_BYTES) });
        expectFailureDeny(await run(big), /larger than/);
      });
      it('a crash in the engine', async () => {
        const engine = fakeEngine({
          classify: () => {
            throw new Error('boom');
          },
          checkAgentRead: () => {
            throw new Error('boom');
          },
        });
        expectFailureDeny(await run(fixtureText(host, suite.askFixture, t.home), { engine }), /failed unexpectedly \(boom\)/);
      });
      it('no editor window', async () => {
        expectFailureDeny(await run(fixtureText(host, suite.askFixture, t.home), { ask: undefined, verifier: inProcessEditor }), /no editor window/);
      });
      it('a refused connection', async () => {
        writeDiscoveryRecord(t.guardHome, {
          version: IPC_PROTOCOL_VERSION,
          pid: process.pid,
          appName: 'test',
          workspaceFolders: [t.workspace],
          endpoint: path.join(t.guardHome, 'ipc', 'gone.sock'),
          token: 'x',
          createdAt: new Date().toISOString(),
        });
        expectFailureDeny(await run(fixtureText(host, suite.askFixture, t.home), { ask: undefined, verifier: inProcessEditor }), /did not accept the connection/);
      });
      it('a window that is not a verified editor (a stand-in answering allow is never asked)', async () => {
        let asked = 0;
        const server = await startIpcServer({ onConfirm: async () => (asked++, { decision: 'allow', reason: '' }), appName: 'test', workspaceFolders: [t.workspace], home: t.guardHome });
        try {
          const result = await run(fixtureText(host, suite.askFixture, t.home), { ask: undefined });
          expectFailureDeny(result, /could be verified.*not a verified editor window/);
          assert.equal(asked, 0);
          const last = readAuditEntries(t.guardHome).pop();
          assert.ok(last && last.decision === 'deny' && last.decidedBy === 'failure');
          assert.ok(last.reasons.some((r) => /not a verified editor window/.test(r)), JSON.stringify(last.reasons));
        } finally {
          await server.dispose();
        }
      });
      it('a wrong token', async () => {
        const server = await startIpcServer({ onConfirm: async () => ({ decision: 'allow', reason: '' }), appName: 'test', workspaceFolders: [t.workspace], home: t.guardHome });
        try {
          const record = JSON.parse(fs.readFileSync(server.discoveryFile, 'utf8')) as { token: string };
          record.token = 'f'.repeat(64);
          fs.writeFileSync(server.discoveryFile, JSON.stringify(record));
          expectFailureDeny(await run(fixtureText(host, suite.askFixture, t.home), { ask: undefined, verifier: inProcessEditor }), /wrong token/);
        } finally {
          await server.dispose();
        }
      });
      it('a malformed reply', async () => {
        const endpoint = path.join(t.guardHome, 'ipc', 'bad.sock');
        fs.mkdirSync(path.dirname(endpoint), { recursive: true, mode: 0o700 });
        const server = await rawServer(endpoint, (s) => s.end('{"type":"decision","id":42}\n'));
        try {
          writeDiscoveryRecord(t.guardHome, { version: IPC_PROTOCOL_VERSION, pid: process.pid, appName: 'test', workspaceFolders: [t.workspace], endpoint, token: 'x', createdAt: new Date().toISOString() });
          expectFailureDeny(await run(fixtureText(host, suite.askFixture, t.home), { ask: undefined, verifier: inProcessEditor }), /unreadable answer/);
        } finally {
          server.close();
        }
      });
      it('the deadline passes', async () => {
        const endpoint = path.join(t.guardHome, 'ipc', 'slow.sock');
        fs.mkdirSync(path.dirname(endpoint), { recursive: true, mode: 0o700 });
        const server = await rawServer(endpoint, () => undefined);
        try {
          writeDiscoveryRecord(t.guardHome, { version: IPC_PROTOCOL_VERSION, pid: process.pid, appName: 'test', workspaceFolders: [t.workspace], endpoint, token: 'x', createdAt: new Date().toISOString() });
          const startedLongAgo = Date.now() - (hostHookLimitSeconds(host) * 1000 - DEADLINE_MARGIN_MS) + 150;
          const started = Date.now();
          const result = await run(fixtureText(host, suite.askFixture, t.home), { ask: undefined, verifier: inProcessEditor, now: () => startedLongAgo });
          assert.ok(Date.now() - started < 5000);
          expectFailureDeny(result, /in time/);
        } finally {
          server.close();
        }
      });
    });

    it('records every decision in a verifiable audit log', async () => {
      for (const c of suite.cases) await run(fixtureText(host, c.fixture, t.home));
      const entries = readAuditEntries(t.guardHome);
      assert.equal(entries.length, suite.cases.length);
      assert.ok(entries.every((e) => e.host === host));
      assert.ok(verifyAuditLog(t.guardHome).ok);
    });
  });
}
