// Runs the hook the way an agent host does: spawn the configured command (from an agent host
// stand-in, agentHost.mjs), write the host's JSON on stdin, read one answer from stdout. Every run
// has a hard timeout and is killed when the test ends.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  }
});

/**
 * How to start the hook for `host`: the command the installed host config names (what the host
 * itself would run), else `node <installed extension>/dist/cli.js hook <host>`.
 */
export function hookCommand({ host, workspace, extensionDir }) {
  const configured = configuredCommand(host, workspace);
  if (configured) return { shell: configured, via: `the ${host} hook entry installed in the workspace` };
  return { argv: [process.execPath, path.join(extensionDir, 'dist', 'cli.js'), 'hook', host], via: `node <installed extension>/dist/cli.js hook ${host}` };
}

function configuredCommand(host, workspace) {
  try {
    if (host === 'cursor') {
      const cfg = JSON.parse(fs.readFileSync(path.join(workspace, '.cursor', 'hooks.json'), 'utf8'));
      const entry = (cfg.hooks && cfg.hooks.beforeShellExecution || []).find((e) => /blast-shield/i.test(e.command || ''));
      return entry && entry.command;
    }
    if (host === 'claude') {
      for (const name of ['settings.local.json', 'settings.json']) {
        const file = path.join(workspace, '.claude', name);
        if (!fs.existsSync(file)) continue;
        const cfg = JSON.parse(fs.readFileSync(file, 'utf8'));
        for (const group of (cfg.hooks && cfg.hooks.PreToolUse) || []) {
          const h = (group.hooks || []).find((x) => /blast-shield/i.test(x.command || ''));
          if (h) return h.command;
        }
      }
    }
  } catch {
    // no installed config
  }
  return undefined;
}

/** Start the hook; returns { done: Promise<{code, stdout, stderr, json, ms}>, hasExited() }. */
export function startHook(cmd, payload, { cwd, env, timeoutMs = 60000 }) {
  const started = Date.now();
  // Through an agent host stand-in started now, after the editor: see agentHost.mjs.
  const child = spawn(process.execPath, [path.join(path.dirname(new URL(import.meta.url).pathname), 'agentHost.mjs')], {
    cwd,
    env: { ...env, BLAST_SHIELD_E2E_HOOK: JSON.stringify(cmd.shell ? { shell: cmd.shell } : { argv: cmd.argv }) },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  let exited = false;
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      reject(new Error(`the hook did not answer within ${timeoutMs} ms (stderr: ${stderr.trim().slice(0, 400)})`));
    }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => {
      exited = true;
      running.delete(child);
      clearTimeout(timer);
      let json;
      try { json = stdout.trim() ? JSON.parse(stdout) : undefined; } catch { json = undefined; }
      resolve({ code, stdout, stderr, json, ms: Date.now() - started });
    });
  });
  child.stdin.on('error', () => {}); // a hook may answer before reading all of stdin
  child.stdin.end(JSON.stringify(payload));
  return { done, hasExited: () => exited };
}
