/**
 * The Copilot CLI hook format ("Copilot" harness; `.github/hooks/*.json`, `~/.copilot/hooks/*.json`):
 * camelCase event names and fields; `toolArgs` may arrive as a JSON-encoded string. Documented as fail
 * open on hook failure, so the hook itself must print a deny on every error path.
 */
export const COPILOT_EVENTS = ['preToolUse'] as const;

export interface CopilotPreToolUsePayload {
  sessionId?: string;
  timestamp?: number;
  cwd: string;
  toolName: string;
  toolArgs: unknown;
}

export interface CopilotPreToolUseOutput {
  permissionDecision: 'allow' | 'deny';
  permissionDecisionReason?: string;
}

export interface CopilotHookEntry {
  type: 'command';
  bash?: string;
  powershell?: string;
  cwd?: string;
  timeoutSec?: number;
}

export interface CopilotHooksFile {
  version: 1;
  hooks: Partial<Record<string, CopilotHookEntry[]>>;
}
