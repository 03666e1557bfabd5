import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DECIDER_PROTOCOL } from '../node/decider/protocol';
import type { Decide } from '../node/decider/server';

/**
 * The decision server's warm-up (server.ts `warmUp`): one benign decision as a hook call makes it
 * (`git status` from Claude Code) through the server's own `decide`, so the first real call after a
 * start (an install, an idle exit, an update) does not pay for compiling and loading the decision
 * path. Like `hook --prepare-cache`, it decides in a temporary workspace with a temporary guard home:
 * no audit line, settings or index of the real guard home is read or written, and the folder is
 * removed after it.
 */
export async function warmUpDecision(decide: Decide, build: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'blast-shield-warm-'));
  try {
    const workspace = path.join(folder, 'workspace');
    fs.mkdirSync(path.join(workspace, '.git', 'objects'), { recursive: true });
    fs.mkdirSync(path.join(workspace, '.git', 'refs'));
    fs.writeFileSync(path.join(workspace, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const home = path.join(folder, 'guard-home');
    fs.mkdirSync(home, { mode: 0o700 });
    const plain: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (typeof v === 'string') plain[k] = v;
    const input = JSON.stringify({ session_id: 'warm-up', transcript_path: '', cwd: workspace, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' }, tool_use_id: 'warm-up' });
    await decide({ v: DECIDER_PROTOCOL, build, nonce: '0'.repeat(32), host: 'claude', input, env: { ...plain, BLAST_SHIELD_HOME: home }, cwd: workspace, pid: process.pid, ppid: process.ppid });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
  }
}
