import type { HostId } from '../../core/protocol/ipc';
import type { HostAdapter } from './action';
import { parseClaude } from './claude/parse';
import { failClosedClaude, respondClaude } from './claude/respond';
import { parseCline } from './cline/parse';
import { failClosedCline, respondCline } from './cline/respond';
import { parseCopilot } from './copilot/parse';
import { failClosedCopilot, respondCopilot } from './copilot/respond';
import { parseCursor } from './cursor/parse';
import { failClosedCursor, respondCursor } from './cursor/respond';
import { parseVscode } from './vscode/parse';
import { failClosedVscode, respondVscode } from './vscode/respond';

export const HOST_ADAPTERS: Readonly<Record<HostId, HostAdapter>> = {
  cursor: { host: 'cursor', parse: parseCursor, respond: respondCursor, failClosed: failClosedCursor },
  claude: { host: 'claude', parse: parseClaude, respond: (d) => respondClaude(d), failClosed: (d) => failClosedClaude(d) },
  vscode: { host: 'vscode', parse: parseVscode, respond: (d) => respondVscode(d), failClosed: (d) => failClosedVscode(d) },
  copilot: { host: 'copilot', parse: parseCopilot, respond: (d) => respondCopilot(d), failClosed: (d) => failClosedCopilot(d) },
  cline: { host: 'cline', parse: parseCline, respond: (d) => respondCline(d), failClosed: (d) => failClosedCline(d) },
};

/** Seconds written into every host entry that may show a dialog. */
export const HOOK_TIMEOUT_SECONDS = 300;
