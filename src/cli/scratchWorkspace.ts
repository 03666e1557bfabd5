import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A throw-away git workspace and guard home for a decision that must compile and run what a real call runs
 * without touching the real guard home (`hook --prepare-cache`, the decision server's warm-up): the workspace
 * is a git repository (the lookups a real workspace takes), the guard home is private to the folder.
 */
export interface ScratchWorkspace {
  folder: string;
  workspace: string;
  home: string;
  /** A Claude Code payload for a benign `git status` in the workspace. */
  payload: string;
}

export function makeScratchWorkspace(prefix: string, id: string): ScratchWorkspace {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const workspace = path.join(folder, 'workspace');
  fs.mkdirSync(path.join(workspace, '.git', 'objects'), { recursive: true });
  fs.mkdirSync(path.join(workspace, '.git', 'refs'));
  fs.writeFileSync(path.join(workspace, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  const home = path.join(folder, 'guard-home');
  fs.mkdirSync(home, { mode: 0o700 });
  const payload = JSON.stringify({ session_id: id, transcript_path: '', cwd: workspace, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' }, tool_use_id: id });
  return { folder, workspace, home, payload };
}

export function removeScratchWorkspace(scratch: ScratchWorkspace): void {
  fs.rmSync(scratch.folder, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
}
