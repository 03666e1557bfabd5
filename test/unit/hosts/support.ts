import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HostId } from '../../../src/core/protocol/ipc';
import type { ClassifyOptions, Facts, Verdict } from '../../../src/core/policy/types';
import { composeVerdict } from '../../../src/core/policy/verdict';
import type { HookEngine } from '../../../src/hook/engine';
import type { WindowVerifier } from '../../../src/node/ipc/windowIdentity';
import { removeWithDecider } from '../../support/decider.mjs';

/** Fixture payloads use /home/dev as the home and /home/dev/shop as the workspace. */
export const FIXTURE_HOME = '/home/dev';
export const FIXTURES = path.resolve(__dirname, '../../fixtures/hosts');

export function fixtureNames(host: HostId): string[] {
  return fs
    .readdirSync(path.join(FIXTURES, host))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** The fixture's text with the fixture home replaced by a real (temporary) one. */
export function fixtureText(host: HostId, name: string, home: string): string {
  return fs.readFileSync(path.join(FIXTURES, host, `${name}.json`), 'utf8').split(FIXTURE_HOME).join(home);
}

export interface TempHome {
  home: string;
  workspace: string;
  guardHome: string;
  env: Record<string, string>;
  cleanup(): void;
}

/** A temp home with the fixture workspace: sources, a .env assembled at run time, our hook files. */
export function makeTempHome(): TempHome {
  const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-hosts-')));
  const workspace = path.join(home, 'shop');
  const guardHome = path.join(home, '.blast-shield');
  fs.mkdirSync(path.join(workspace, 'src'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'src', 'index.ts'), 'const a = 1;\n');
  fs.writeFileSync(path.join(workspace, 'README.md'), '# Shop\n');
  fs.writeFileSync(path.join(workspace, '.env'), `DATABASE_URL=postgres://app:${'pw' + Math.random().toString(36).slice(2)}@db.internal/shop\n`);
  fs.mkdirSync(path.join(workspace, '.cursor'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.cursor', 'hooks.json'), '{"version":1,"hooks":{}}\n');
  return {
    home,
    workspace,
    guardHome,
    // PWD: the folder a host started the hook in, as the shell reports it (Windsurf names no workspace).
    env: { HOME: home, BLAST_SHIELD_HOME: guardHome, PATH: process.env.PATH ?? '', PWD: workspace },
    cleanup: () => {
      // A hook run here may have started the decision server (detached, possibly still starting): it is
      // stopped before its home goes, and again if it wrote its files meanwhile (ENOTEMPTY).
      removeWithDecider(home, guardHome);
    },
  };
}

function verdictFor(command: string, options: ClassifyOptions): Verdict {
  if (/rm -rf|volumeDelete|DROP TABLE|Remove-Item .*-Recurse/.test(command)) {
    return composeVerdict(
      [{ rule: 'fake.destructive', risk: 'destructive', severity: 'ask', reason: 'Deletes data.', targets: [{ kind: 'path', name: './data', remote: false, environment: 'local', environmentReason: 'this machine' }] }],
      options,
    );
  }
  if (/hooks\.json|settings\.json|\.blast-shield/.test(command)) {
    return composeVerdict([{ rule: 'self-protection.write-guard-file', risk: 'self-protection', severity: 'deny', reason: 'Changes a guard file.', targets: [] }], options);
  }
  return composeVerdict([], options);
}

/** A stand-in for the policy engine with just enough behaviour to exercise every hook path. */
export function fakeEngine(overrides: Partial<HookEngine> = {}): HookEngine {
  return {
    gatherFacts: (req): Facts => ({
      cwd: req.cwd,
      home: req.home,
      workspaceRoots: req.workspaceRoots,
      envNames: [],
      envSelectors: {},
      readFile: () => undefined,
      listDir: () => undefined,
      production: { names: [], hosts: [], resourceIds: [] },
    }),
    classify: (command, _facts, options) => verdictFor(command, options),
    checkAgentRead: (file) => (path.basename(file) === '.env' ? { deny: true, reason: `${path.basename(file)} is an environment file.`, kind: 'dotenv' } : { deny: false, reason: '' }),
    isCredentialPath: (file) => path.basename(file) === '.env',
    ...overrides,
  };
}

/** What a host's stdout says, in one word; undefined when it is not that host's format. */
export function decisionIn(host: HostId, stdout: string, exitCode?: number): 'allow' | 'deny' | 'none' | undefined {
  // Windsurf reads only the exit code.
  if (host === 'windsurf') return stdout !== '' ? undefined : exitCode === 0 ? 'allow' : exitCode === 2 ? 'deny' : undefined;
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  switch (host) {
    case 'cursor':
      if (Object.keys(v).length === 0) return 'none';
      return v.permission === 'allow' || v.permission === 'deny' ? v.permission : undefined;
    case 'claude':
    case 'vscode': {
      const h = v.hookSpecificOutput as Record<string, unknown> | undefined;
      if (!h || h.hookEventName !== 'PreToolUse') return undefined;
      return h.permissionDecision === 'allow' || h.permissionDecision === 'deny' ? h.permissionDecision : undefined;
    }
    case 'copilot':
      return v.permissionDecision === 'allow' || v.permissionDecision === 'deny' ? v.permissionDecision : undefined;
    case 'cline':
      return v.cancel === true ? 'deny' : v.cancel === false ? 'allow' : undefined;
    case 'gemini':
      return v.decision === 'allow' || v.decision === 'deny' ? v.decision : undefined;
    case 'codex': {
      // Allow is an empty object; a deny is Codex's hookSpecificOutput deny (on exit 2, with stderr).
      if (Object.keys(v).length === 0) return exitCode === undefined || exitCode === 0 ? 'allow' : undefined;
      const h = v.hookSpecificOutput as Record<string, unknown> | undefined;
      if (!h || h.hookEventName !== 'PreToolUse' || h.permissionDecision !== 'deny' || !h.permissionDecisionReason || Object.keys(v).length !== 1) return undefined;
      return exitCode === undefined || exitCode === 2 ? 'deny' : undefined;
    }
    case 'vscode-agent': {
      const h = v.hookSpecificOutput as Record<string, unknown> | undefined;
      if (!h || h.permissionDecision !== v.permissionDecision) return undefined;
      return v.permissionDecision === 'allow' || v.permissionDecision === 'deny' ? v.permissionDecision : undefined;
    }
  }
}

/** The deny message text a host shows, for checking the fail-closed wording. */
export function messageIn(host: HostId, stdout: string, stderr = ''): string {
  if (host === 'windsurf') return stderr;
  const v = JSON.parse(stdout) as Record<string, unknown>;
  switch (host) {
    case 'cursor':
      return `${String(v.user_message ?? '')} ${String(v.agent_message ?? '')}`;
    case 'claude':
    case 'vscode':
      // The VS Code entry answers the Copilot harness (and unreadable input) in the shape both read.
      return String((v.hookSpecificOutput as Record<string, unknown>).permissionDecisionReason ?? '');
    case 'codex': {
      const reason = String((v.hookSpecificOutput as Record<string, unknown>).permissionDecisionReason ?? '');
      // Codex blocks on exit 2 with the same reason on stderr.
      if (stderr.trim() !== reason) throw new Error(`codex stderr ${JSON.stringify(stderr)} is not the reason ${JSON.stringify(reason)}`);
      return reason;
    }
    case 'copilot':
    case 'vscode-agent':
      return String(v.permissionDecisionReason ?? '');
    case 'cline':
      return String(v.errorMessage ?? '');
    case 'gemini':
      return String(v.reason ?? '');
  }
}

/** A raw socket server for misbehaving-editor cases. */
export async function rawServer(endpoint: string, onLine: (socket: net.Socket, line: string) => void): Promise<{ close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let buf = '';
    socket.on('data', (c) => {
      buf += c.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl >= 0) onLine(socket, buf.slice(0, nl));
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(endpoint, resolve));
  return {
    close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

/** A token-shaped value made at run time (never committed): prefix + random alphanumerics. */
export function fakeToken(prefix: string, length = 36): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return prefix + out;
}

/**
 * The stand-in editors of in-process tests run inside the test process, which is no editor's
 * extension host: they are trusted through the hook's in-process dependencies, the one place an
 * agent cannot reach. test/unit/ipc/windowIdentity.test.ts covers the real verification.
 */
export const inProcessEditor: WindowVerifier = {
  verify: (record) => ({ ok: true, proof: { pid: record.pid, startTime: 0, listener: record.endpoint } }),
  reconfirm: (_record, proof) => ({ ok: true, proof }),
};
