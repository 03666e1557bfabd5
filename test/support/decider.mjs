// The warm decision server a hook call starts (docs/decision-server.md) is detached from the test that
// caused it: it exits by itself when its guard home is deleted (within 10 s) or after an hour idle. A
// test that keeps its temporary folders (BLAST_SHIELD_KEEP_TEMP) or is stopped before its clean-up
// would leave it running, so every guard home a test installs into stops its server on teardown.
import fs from 'node:fs';
import path from 'node:path';

/** SIGTERM the decision server of `guardHome`, if one runs there (its pid file names a live `decider`). */
export function stopDecider(guardHome) {
  let pid;
  try {
    pid = Number(fs.readFileSync(path.join(guardHome, 'decider', 'server.pid'), 'latin1').trim());
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 1) return false;
  // A pid file outliving its server may name another process by now: only one whose arguments end in `decider`.
  if (process.platform === 'linux') {
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').filter(Boolean);
      if (argv[argv.length - 1] !== 'decider') return false;
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 'SIGTERM');
    return true;
  } catch {
    return false;
  }
}

/**
 * Remove a temporary home whose guard home a hook call may have started a decision server in. The server
 * is spawned detached, so it may still be starting when the test ends (no pid file yet) and then write
 * its socket and pid file while the folder is being removed (ENOTEMPTY). Stop it, remove, and on failure
 * stop it again (its pid file may exist by now) and retry for up to `waitMs`.
 */
export function removeWithDecider(root, guardHome, waitMs = 10_000) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    stopDecider(guardHome);
    try {
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
      return;
    } catch (error) {
      if (Date.now() > deadline || !(error && (error.code === 'ENOTEMPTY' || error.code === 'EBUSY'))) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
}
