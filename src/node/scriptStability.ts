import * as fs from 'node:fs';
import { agentChain } from './ipc/windowIdentity';
import { linuxProcessTable } from './ipc/processTable';

/**
 * The hook judges a script by the text it reads now; the host runs it a moment (or, after a `sleep`,
 * much) later. Anything the agent started can rewrite the file in between, so a script the agent
 * could have written cannot be judged by its text: one changed (mtime or ctime, which a script
 * cannot set back) since the agent's session began is reported, and the analysis asks.
 *
 * The session begins when the agent's process started (Linux: from /proc, the agent being the first
 * process above the hook that is not a shell or launcher). Where that cannot be read, the last hour
 * stands in for the session.
 *
 * A file the agent did not change before the check but rewrites after it (a background job started
 * by an earlier command swapping a file it never touched) is not caught here: README.md, "Security".
 */

export const FALLBACK_SESSION_MS = 60 * 60 * 1000;

/** When the agent's session began, in epoch milliseconds; undefined when it cannot be told. */
export function agentSessionStart(procRoot = '/proc', asker = { selfPid: process.pid, parentPid: process.ppid }): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const table = linuxProcessTable(procRoot);
    const chain = agentChain(table, asker);
    const agent = chain[chain.length - 1];
    if (!agent) return undefined;
    const btime = /^btime (\d+)$/m.exec(fs.readFileSync(`${procRoot}/stat`, 'latin1'));
    if (!btime) return undefined;
    // starttime is in clock ticks since boot; USER_HZ is 100 on every Linux architecture Node runs on.
    return Number(btime[1]) * 1000 + Math.floor((agent.startTime * 1000) / 100);
  } catch {
    return undefined;
  }
}

/** Why a script's text cannot stand for what will run, or undefined when it can. */
export function unstableScriptReason(absolutePath: string, sessionStart: number | undefined, now: number = Date.now()): string | undefined {
  let changed: number;
  try {
    const st = fs.statSync(absolutePath);
    changed = Math.max(st.mtimeMs, st.ctimeMs);
  } catch {
    return undefined;
  }
  // Clock ticks and file times differ in resolution: a second of slack counts toward the session.
  const since = sessionStart === undefined ? now - FALLBACK_SESSION_MS : sessionStart - 1000;
  if (changed < since) return undefined;
  return 'was written during this agent session, so it can change between this check and its run (what was read is not necessarily what runs)';
}
