import * as os from 'node:os';
import { redactSecrets } from '../core/audit/redact';
import type { AuditRecord, DecidedBy } from '../core/audit/entry';
import type { Verdict } from '../core/policy/types';
import { HOST_IDS, type ActionDescription, type AgentEnvironment, type HostId } from '../core/protocol/ipc';
import { ENV_SELECTOR_ALLOWLIST } from '../node/facts';
import { mirrorEntryFor, parseSettingsMirror } from '../core/settings/mirror';
import { appendAudit, recordAuditFailure } from '../node/audit/auditLog';
import { GUARD_PATHS, guardHome } from '../node/guardHome';
import { readRegularFileSync } from '../node/safeOpen';
import { hookPolicy } from '../node/policy/policyFiles';
import type { HookAction, HookDecision, HostAdapter, HostReply, ParsedHookInput } from '../node/hosts/action';
import { HOST_ADAPTERS } from '../node/hosts/adapters';
import { dialogDeadline } from '../node/hosts/deadlines';
import { secretRedactor } from '../node/credentials/knownSecrets';
import { IpcError } from '../node/ipc/client';
import { HOOK_INPUT_MAX_BYTES } from '../node/decider/protocol';
import type { WindowVerifier } from '../node/ipc/windowIdentity';
import { askEditor, type AskRequest, type EditorAnswer } from './askEditor';
import { decideLocally, type LocalDecision } from './decide';
import type { HookEngine } from './engine';
import { ALLOWED, dialogAllowed, dialogDenied, failureDenied, policyDenied, readDenied, timedOut } from './messages';

/**
 * One hook call: stdin JSON -> the host adapter -> a local decision -> (for "ask") the editor's
 * dialog -> exactly the host's expected answer. Every path that is not a definite decision denies in
 * the host's own format; the outermost catch guarantees it.
 */

export type HookEnv = Readonly<Record<string, string | undefined>>;

/** Input larger than this is denied unread (Cursor's beforeReadFile carries the file's content). */
export const MAX_HOOK_INPUT_BYTES = HOOK_INPUT_MAX_BYTES;
export { DEADLINE_MARGIN_MS } from '../node/hosts/deadlines';
const MAX_DESCRIBED = 4000;
/** The settings mirror the extension writes is a few KB; anything far larger is not one. */
const MAX_SETTINGS_BYTES = 4 * 1024 * 1024;

export interface HookDeps {
  engine: HookEngine;
  /** Replaces the IPC ask (tests). */
  ask?: (guardHomeDir: string, request: AskRequest) => Promise<EditorAnswer>;
  /**
   * Replaces the check that a window is a real editor's extension host (in-process tests, whose
   * stand-in editor runs in the test process). Never settable from anything an agent can write.
   */
  verifier?: WindowVerifier;
  now?: () => number;
  /**
   * When the host started the hook process, if earlier than this call (the launcher waited for the
   * decision server first): the dialog's deadline counts from it, as the CLI's watchdog does, so the
   * dialog ends before the watchdog's deny instead of after it.
   */
  startedAt?: number;
  /** Skip the audit append (benchmarks of the bare decision path). */
  audit?: boolean;
  /**
   * The decision server: a call that would ask the editor is not decided here (no dialog, no audit
   * line); the result says `declined` and the hook decides it in-process, where the window checks
   * look at the hook's own process tree.
   */
  declineAsks?: boolean;
}

class AskDeclined extends Error {}

export interface HookResult extends HostReply {
  /** What was decided, for the CLI's own logging and tests. */
  decision: 'allow' | 'deny';
  /** Not decided: the call needs the editor and `declineAsks` was set (the reply is a deny, never to be sent). */
  declined?: true;
}

function isHostId(v: string): v is HostId {
  return (HOST_IDS as readonly string[]).includes(v);
}

type Redact = (text: string) => string;

/** The action as it may leave the hook: every value passes `redact` (known credentials and token shapes). */
function describe(action: HookAction, redact: Redact): ActionDescription {
  const cut = (s: string): string => redact(s).slice(0, MAX_DESCRIBED);
  switch (action.kind) {
    case 'shell':
      return { kind: 'shell', command: cut(action.command), cwd: action.cwd };
    case 'mcp':
      return { kind: 'mcp', server: action.server, tool: action.tool, input: cut(JSON.stringify(action.input ?? null)), cwd: action.cwd };
    case 'read':
    case 'edited':
      return { kind: 'read', path: redact(action.path), cwd: action.cwd };
    case 'search':
      return { kind: 'read', path: redact(action.path), cwd: action.cwd };
    case 'write':
      return { kind: 'write', path: redact(action.paths.join(', ')), cwd: action.cwd, ...(action.newText !== undefined ? { content: cut(action.newText) } : {}) };
    case 'fetch':
      return { kind: 'fetch', url: cut(action.url), cwd: action.cwd };
    case 'all': {
      const parts = action.actions.map((a) => describe(a, redact));
      const path = [...new Set(parts.map((p) => ('path' in p ? p.path : p.kind === 'shell' ? p.command : p.kind === 'fetch' ? `fetch ${p.url}` : '')))].filter(Boolean).join(', ');
      return parts.every((p) => p.kind === 'read') ? { kind: 'read', path, cwd: action.cwd } : { kind: 'write', path, cwd: action.cwd };
    }
    case 'other':
    case 'unreadable':
      return { kind: 'shell', command: redact(action.tool), cwd: action.cwd };
  }
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
/** Selector values the editor's analysis needs besides ENV_SELECTOR_ALLOWLIST: where kubectl's context comes from. */
const EXTRA_VALUES = ['KUBECONFIG'];

/** What of the agent's environment the editor's analysis reads: variable names, and non-secret selector values. */
function agentEnvironment(env: HookEnv): AgentEnvironment {
  const names = Object.keys(env).filter((k) => env[k] !== undefined && ENV_NAME.test(k)).slice(0, 2000);
  const values: Record<string, string> = {};
  for (const name of [...ENV_SELECTOR_ALLOWLIST, ...EXTRA_VALUES]) {
    const value = env[name];
    if (value !== undefined && value !== '' && value.length <= 1000) values[name] = redactSecrets(value);
  }
  return { names, values };
}

function subjectOf(action: HookAction, redact: Redact): string {
  const d = describe(action, redact);
  switch (d.kind) {
    case 'shell':
      return d.command;
    case 'mcp':
      return `${d.server}/${d.tool} ${d.input}`.slice(0, 1000);
    case 'fetch':
      return d.url;
    default:
      return d.path;
  }
}

function readSettings(guardHomeDir: string, workspaceRoots: readonly string[], cwd: string): { lockdown: boolean; protectedPaths: string[] } {
  const text = readRegularFileSync(GUARD_PATHS.settingsMirror(guardHomeDir), MAX_SETTINGS_BYTES)?.toString('utf8');
  if (text === undefined) return { lockdown: false, protectedPaths: [] };
  const mirror = parseSettingsMirror(text);
  if (!mirror) return { lockdown: false, protectedPaths: [] };
  let lockdown = false;
  const protectedPaths: string[] = [];
  for (const place of [...workspaceRoots, cwd]) {
    const entry = mirrorEntryFor(mirror, place);
    if (!entry) continue;
    lockdown ||= entry.lockdown;
    protectedPaths.push(...entry.protectedPaths);
  }
  return { lockdown, protectedPaths };
}

function failureWhat(err: unknown): string {
  if (err instanceof IpcError) {
    switch (err.failure) {
      case 'no-editor':
        return 'no editor window with Blast Shield is open on this workspace to confirm it';
      case 'unverified':
        return `no editor window could be verified to confirm it (${err.message})`;
      case 'refused':
        return 'the editor window did not accept the connection';
      case 'rejected':
        return `the editor refused the request (${err.message.replace(/^the editor rejected the request: /, '')})`;
      case 'deadline':
        return 'nobody answered the Blast Shield dialog in time';
      case 'malformed-reply':
        return 'the editor sent an unreadable answer';
      case 'oversize':
        return 'the request was too large';
      case 'closed':
        return 'the editor closed the connection without answering';
    }
  }
  return `the hook failed (${err instanceof Error ? err.message : String(err)})`;
}

interface Outcome {
  decision: HookDecision;
  decidedBy: DecidedBy;
  reasons: string[];
  failure: boolean;
  production?: boolean;
  /** What keeps the action undoable, for the audit log. */
  recovery?: Pick<AuditRecord, 'snapshot' | 'backups'>;
}

/**
 * An allow the human combined with "back up first": the dump runs here, before the host hears
 * "allow", and a dump that fails turns the allow into a deny (the statement must not run unbacked).
 */
async function withBackup(input: ParsedHookInput, answer: EditorAnswer, verdict: Verdict, context: { guardHome: string; home: string; env: HookEnv; deadline: number }): Promise<Outcome> {
  const snapshot = answer.snapshot ? { snapshot: answer.snapshot } : {};
  const allowed: Outcome = { decision: { decision: 'allow', ...dialogAllowed() }, decidedBy: 'human', reasons: verdict.reasons, failure: false, production: verdict.production, recovery: snapshot };
  if (!answer.backupFirst || input.action.kind !== 'shell') return allowed;
  // Loaded on this path only: the dump code is evaluated when a human asked for a back-up.
  const { backUpFirst } = require('./backupFirst') as typeof import('./backupFirst');
  const id = new Date().toISOString().replace(/[:.]/g, '-');
  const result = await backUpFirst(input.action.command, { cwd: input.action.cwd, workspaceRoots: input.workspaceRoots, home: context.home, env: context.env, guardHome: context.guardHome, id, deadline: context.deadline });
  if (!result.ok) {
    const why = `The back-up you asked for could not be taken (${redactSecrets(result.why)}), so the statement was not run.`;
    return { decision: { decision: 'deny', ...policyDenied([why]) }, decidedBy: 'human', reasons: [...verdict.reasons, why], failure: false, production: verdict.production, recovery: snapshot };
  }
  const backups = result.dumps.map((d) => ({ file: d.file, tool: d.tool, objects: d.objects, bytes: d.bytes }));
  const note = `Backed up first with ${backups.map((b) => `${b.tool} to ${b.file}`).join(', ')}.`;
  return { ...allowed, decision: { decision: 'allow', ...dialogAllowed(note) }, recovery: { ...snapshot, backups } };
}

async function settle(input: ParsedHookInput, local: LocalDecision, guardHomeDir: string, deps: HookDeps, startedAt: number, env: HookEnv, forEditor: Redact, home: string): Promise<Outcome> {
  if (local.outcome === 'allow') {
    return { decision: { decision: 'allow', ...ALLOWED }, decidedBy: local.decidedBy, reasons: local.reasons, failure: false, production: local.verdict?.production };
  }
  if (local.outcome === 'deny') {
    const words = local.credentialRead ? readDenied(local.reasons.join(' ')) : policyDenied(local.reasons);
    return { decision: { decision: 'deny', ...words }, decidedBy: local.decidedBy, reasons: local.reasons, failure: false, production: local.verdict?.production };
  }
  // ask: only the human's dialog may turn it into allow
  if (deps.declineAsks) throw new AskDeclined('the call needs the editor');
  const verdict = local.verdict;
  if (!verdict) throw new Error('an ask without a verdict');
  const action = describe(local.asked ?? input.action, forEditor);
  const request: AskRequest = {
    host: input.host,
    event: input.event,
    agent: input.agent,
    action,
    workspaceRoots: input.workspaceRoots,
    environment: agentEnvironment(env),
    // Before the host's own limit (Cline: 120 s, others: our entry's timeout), so the host gets our deny.
    deadline: dialogDeadline(input.host, startedAt),
  };
  try {
    const answer = await (deps.ask ?? ((dir: string, req: AskRequest) => askEditor(dir, req, deps.verifier)))(guardHomeDir, request);
    if (answer.decision === 'allow') return await withBackup(input, answer, verdict, { guardHome: guardHomeDir, home, env, deadline: request.deadline });
    return { decision: { decision: 'deny', ...dialogDenied(answer.by, answer.reason) }, decidedBy: 'human', reasons: [...verdict.reasons, answer.reason].filter(Boolean), failure: false, production: verdict.production };
  } catch (err) {
    const what = failureWhat(err);
    // The hook's own deadline passed: nobody answered, the window was there; no "open an editor" advice.
    const words = err instanceof IpcError && err.failure === 'deadline' ? timedOut() : failureDenied(what);
    return { decision: { decision: 'deny', ...words }, decidedBy: 'failure', reasons: [...verdict.reasons, what], failure: true, production: verdict.production };
  }
}

/**
 * Append the decision. An unwritable log must not turn into an allow or hang the agent, so the
 * decision stands; but the gap is never silent: it is noted beside the log (for `audit verify` and
 * `status`) and returned as a one-line warning for the host's stderr.
 */
function audit(guardHomeDir: string, record: AuditRecord, deps: HookDeps): string | undefined {
  if (deps.audit === false) return undefined;
  try {
    appendAudit(guardHomeDir, record);
    return undefined;
  } catch (err) {
    const why = redactSecrets(err instanceof Error ? err.message : String(err));
    const noted = recordAuditFailure(guardHomeDir, `${record.host} ${record.event} ${record.decision}: ${why}`);
    return `Blast Shield warning: this decision (${record.decision}) could not be written to the audit log (${why})${noted ? '' : '; the failure could not be recorded either'}.\n`;
  }
}

function withWarning<T extends HostReply>(reply: T, warning: string | undefined): T {
  return warning ? { ...reply, stderr: (reply.stderr ?? '') + warning } : reply;
}

function failReply(adapter: HostAdapter | undefined, event: string | undefined, what: string): HookResult {
  const words = failureDenied(what);
  if (!adapter) {
    return { stdout: '', stderr: `${words.userMessage}\n`, exitCode: 2, decision: 'deny' };
  }
  return { ...adapter.failClosed({ decision: 'deny', ...words }, event), decision: 'deny' };
}

/** A fail-closed deny for `host` without any input (stdin unreadable, watchdog). */
export function failClosedReply(host: string, what: string): HookResult {
  return failReply(isHostId(host) ? HOST_ADAPTERS[host] : undefined, undefined, what);
}

/** The whole hook call. Never throws; never answers anything but allow or deny. */
export async function runHook(host: string, stdinText: string, env: HookEnv, deps: HookDeps): Promise<HookResult> {
  const adapter = isHostId(host) ? HOST_ADAPTERS[host] : undefined;
  let event: string | undefined;
  try {
    if (!adapter) return failReply(undefined, undefined, `'${host}' is not a known agent host (expected one of ${HOST_IDS.join(', ')})`);
    const now = (deps.now ?? Date.now)();
    const startedAt = deps.startedAt !== undefined ? Math.min(deps.startedAt, now) : now;
    const guardHomeDir = guardHome(env);
    const home = env.HOME || os.homedir();
    if (Buffer.byteLength(stdinText, 'utf8') > MAX_HOOK_INPUT_BYTES) return failReply(adapter, undefined, `the hook input is larger than ${MAX_HOOK_INPUT_BYTES} bytes`);
    let payload: unknown;
    try {
      payload = JSON.parse(stdinText);
    } catch {
      return failReply(adapter, undefined, 'the hook input is not valid JSON');
    }
    const parsed = adapter.parse(payload, env);
    if (!parsed.ok) {
      event = parsed.event;
      const reply = failReply(adapter, parsed.event, parsed.reason);
      const warning = audit(guardHomeDir, { host: adapter.host, event: parsed.event ?? 'unknown', kind: 'unparsed', subject: '', decision: 'deny', decidedBy: 'failure', reasons: [redactSecrets(parsed.reason)] }, deps);
      return withWarning(reply, warning);
    }
    const input = parsed.input;
    event = input.event;
    const cwd = input.action.cwd;
    const settings = readSettings(guardHomeDir, input.workspaceRoots, cwd);
    // Team policy applies with or without an editor: a managed lockdown, protected paths, extra rules.
    const team = hookPolicy(input.workspaceRoots.length > 0 ? input.workspaceRoots : [cwd], env);
    const local = await decideLocally(input, {
      engine: deps.engine,
      home,
      guardHome: guardHomeDir,
      env,
      lockdown: settings.lockdown || team.lockdown,
      protectedPaths: [...settings.protectedPaths, ...team.protectedPaths],
      extraRules: team.extraRules,
    });
    // Everything that leaves the hook (the host's reply, the audit line, the request to the editor) is
    // redacted with the workspace's known credential values as well as generic token shapes.
    const known = deps.engine.knownSecrets?.(input.workspaceRoots);
    const plain = secretRedactor(known, 'plain');
    const outcome = await settle(input, local, guardHomeDir, deps, startedAt, env, secretRedactor(known, 'marked'), home);
    const said = { ...outcome.decision, userMessage: plain(outcome.decision.userMessage), agentMessage: plain(outcome.decision.agentMessage), ...(outcome.decision.help ? { help: plain(outcome.decision.help) } : {}) };
    const reply = outcome.failure ? adapter.failClosed(said, input.event) : adapter.respond(said, input.event);
    const auditWarning = audit(
      guardHomeDir,
      {
        host: input.host,
        event: input.event,
        kind: input.action.kind,
        subject: subjectOf(input.action, plain),
        cwd,
        decision: outcome.decision.decision,
        decidedBy: outcome.decidedBy,
        reasons: outcome.reasons.map(plain),
        ...(outcome.production ? { production: true } : {}),
        ...(input.agent ? { agent: input.agent } : {}),
        ...outcome.recovery,
      },
      deps,
    );
    // No separate "event" notice to the editor: it reads the audit line just written (AuditFollower).
    return withWarning({ ...reply, decision: outcome.decision.decision }, auditWarning);
  } catch (err) {
    if (err instanceof AskDeclined) return { ...failReply(adapter, event, err.message), declined: true };
    return failReply(adapter, event, `the hook failed unexpectedly (${err instanceof Error ? err.message : String(err)})`);
  }
}
