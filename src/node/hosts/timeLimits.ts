import { HOOK_TIMEOUT_SECONDS } from './adapters';

/**
 * How long each host waits for the hook before it gives up on it, with the entry we install. A host
 * that is given up on runs the action on most hosts, so the hook answers deny before this: the
 * dialog ends DEADLINE_MARGIN_MS before it and the hook's own watchdog WATCHDOG_MARGIN_MS before it.
 * Cursor, Claude Code, VS Code and the Copilot CLI read the timeout we write into their entries; Cline
 * has a fixed limit of 120 s. A host missing here gets VS Code's default, the shortest documented one.
 */
export const HOST_TIME_LIMIT_SECONDS: Readonly<Record<string, number>> = {
  cursor: HOOK_TIMEOUT_SECONDS,
  claude: HOOK_TIMEOUT_SECONDS,
  vscode: HOOK_TIMEOUT_SECONDS,
  copilot: HOOK_TIMEOUT_SECONDS,
  cline: 120,
};

export const UNKNOWN_HOST_TIME_LIMIT_SECONDS = 30;

/** The dialog gives up this long before the host's limit, leaving time to print a clean deny. */
export const DEADLINE_MARGIN_MS = 5000;
/** The hook's last line of defence fires this long before the host's limit. */
export const WATCHDOG_MARGIN_MS = 2000;
/** A host writes its payload at once; stdin still open after this is a host (or an agent) that will not close it. */
export const STDIN_DEADLINE_MS = 10_000;

export function hostTimeLimitMs(host: string): number {
  return (Object.prototype.hasOwnProperty.call(HOST_TIME_LIMIT_SECONDS, host) ? (HOST_TIME_LIMIT_SECONDS[host] as number) : UNKNOWN_HOST_TIME_LIMIT_SECONDS) * 1000;
}
