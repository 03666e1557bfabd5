// Running a client CLI as a test does: its own process group, stdin closed, output captured, a hard
// timeout that kills the whole group. Shared by every client module.
import { spawn } from 'node:child_process';

const live = new Set();
process.on('exit', () => {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

/** Resolves { code, signal, stdout, stderr, ms, timedOut }; never rejects for a failing client. */
export function runClient(bin, args, { cwd, env, timeoutMs = 120000 }) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    live.add(child.pid);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, timeoutMs);
    const done = (code, signal) => {
      clearTimeout(timer);
      // Whatever the client left in its group (a shell it started, a helper daemon) goes with it.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
      live.delete(child.pid);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, timedOut });
    };
    child.on('error', (e) => {
      stderr += `\n(could not start ${bin}: ${e.message})`;
      done(127, null);
    });
    child.on('close', done);
  });
}

/** A minimal environment: PATH, HOME and what the caller adds. Nothing of the outer session leaks in. */
export function baseEnv({ home, pathPrefix = [], extra = {} }) {
  const env = {
    PATH: [...pathPrefix, process.env.PATH || '/usr/bin:/bin'].join(':'),
    HOME: home,
    USER: process.env.USER || 'root',
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
    CI: 'true',
    ...extra,
  };
  if (process.env.NODE_EXTRA_CA_CERTS) env.NODE_EXTRA_CA_CERTS = process.env.NODE_EXTRA_CA_CERTS;
  return env;
}
