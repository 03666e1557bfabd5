import type { HostId } from '../../core/protocol/ipc';
import { HOOK_TIMEOUT_SECONDS } from './adapters';

/**
 * How long each host waits for a PreToolUse hook before it kills it, and what it does then. The
 * dialog must end, and the hook answer deny, before that: a host that kills the hook decides by itself,
 * and several then let the action run. Where the host reads a timeout from our entry, the installer
 * writes HOOK_TIMEOUT_SECONDS there; where it does not (Cline), the host's own limit applies.
 * README "Deadlines per host" is the same table for people.
 */
export interface HostHookLimit {
  /** Seconds the host waits. */
  seconds: number;
  /** Whether that number comes from our entry (the installer writes it) or is the host's own. */
  setBy: 'our entry' | 'the host';
  /** What the host does with a hook it had to kill. */
  onKill: string;
}

const ENTRY: Pick<HostHookLimit, 'seconds' | 'setBy'> = { seconds: HOOK_TIMEOUT_SECONDS, setBy: 'our entry' };

export const HOST_HOOK_LIMITS: Partial<Record<HostId, HostHookLimit>> = {
  cursor: { ...ENTRY, onKill: 'blocks (our entry sets failClosed: true)' },
  claude: { ...ENTRY, onKill: 'blocks (our entry sets onFailure: "block", Claude Code 2.1.295+); older versions run the action' },
  vscode: { ...ENTRY, onKill: 'runs the action (a failing hook is only a warning)' },
  copilot: { ...ENTRY, onKill: 'runs the action (documented as fail-open)' },
  cline: { seconds: 120, setBy: 'the host', onKill: 'runs the action (a timed-out hook is skipped)' },
  gemini: { ...ENTRY, onKill: 'runs the action (a timed-out hook is only a warning)' },
  codex: { ...ENTRY, onKill: 'runs the action (only a well-formed deny blocks)' },
  // Windsurf documents no hook timeout (its Cascade Hooks page, docs.windsurf.com/windsurf/cascade/hooks, shows
  // entries with `command` and `show_output` only): a short one is assumed so the hook always answers first.
  windsurf: { seconds: 30, setBy: 'the host', onKill: 'not documented (assumed to run the action)' },
  'vscode-agent': { ...ENTRY, onKill: 'runs the action (hook failures are swallowed)' },
};

/**
 * A shorter limit for this hook process (`BLAST_SHIELD_HOOK_LIMIT_SECONDS`, for a host entry whose
 * timeout was set lower by hand, and for the host level's test of a dialog left open). It can only
 * lower the limit: a longer one would let the host kill the hook first, so it is ignored.
 */
export const HOOK_LIMIT_ENV = 'BLAST_SHIELD_HOOK_LIMIT_SECONDS';

/** The host's limit for `host`; a host without a row reads our entry's timeout. */
export function hostHookLimitSeconds(host: string, env: Readonly<Record<string, string | undefined>> = process.env): number {
  const own = HOST_HOOK_LIMITS[host as HostId]?.seconds ?? HOOK_TIMEOUT_SECONDS;
  const lower = Number(env[HOOK_LIMIT_ENV]);
  // At least 10 s: the dialog needs a few seconds after the 5 s margin, and the watchdog its 2 s.
  return Number.isFinite(lower) && lower >= 10 && lower < own ? lower : own;
}

/** The hook gives up on the dialog this long before the host's limit, to print a clean deny in time. */
export const DEADLINE_MARGIN_MS = 5000;
/** The watchdog answers deny this long before the host's limit if anything in the hook hangs. */
export const WATCHDOG_MARGIN_MS = 2000;
/** A host writes its payload at once; stdin still open after this is a host (or an agent) that will not close it. */
export const STDIN_DEADLINE_MS = 10_000;

/** Epoch ms at which the dialog is given up and the hook denies. */
export function dialogDeadline(host: string, startedAt: number): number {
  return startedAt + hostHookLimitSeconds(host) * 1000 - DEADLINE_MARGIN_MS;
}
