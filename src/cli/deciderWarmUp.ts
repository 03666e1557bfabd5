import { DECIDER_PROTOCOL } from '../node/decider/protocol';
import type { Decide } from '../node/decider/server';
import { makeScratchWorkspace, removeScratchWorkspace } from './scratchWorkspace';

/**
 * The decision server's warm-up (server.ts `warmUp`): one benign decision as a hook call makes it
 * (`git status` from Claude Code) through the server's own `decide`, so the first real call after a
 * start (an install, an idle exit, an update) does not pay for compiling and loading the decision
 * path. Like `hook --prepare-cache`, it decides in a temporary workspace with a temporary guard home:
 * no audit line, settings or index of the real guard home is read or written, and the folder is
 * removed after it.
 */
export async function warmUpDecision(decide: Decide, build: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const scratch = makeScratchWorkspace('blast-shield-warm-', 'warm-up');
  try {
    const plain: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (typeof v === 'string') plain[k] = v;
    await decide({ v: DECIDER_PROTOCOL, build, nonce: '0'.repeat(32), host: 'claude', input: scratch.payload, env: { ...plain, BLAST_SHIELD_HOME: scratch.home }, cwd: scratch.workspace, pid: process.pid, ppid: process.ppid });
  } finally {
    removeScratchWorkspace(scratch);
  }
}
