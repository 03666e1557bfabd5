import type { HostId } from '../../core/protocol/ipc';
import type { HostAdapter } from './action';
import { parseClaude } from './claude/parse';
import { failClosedClaude, respondClaude } from './claude/respond';
import { parseCline } from './cline/parse';
import { parseCodex } from './codex/parse';
import { failClosedCodex, respondCodex } from './codex/respond';
import { failClosedCline, respondCline } from './cline/respond';
import { parseCopilot } from './copilot/parse';
import { failClosedCopilot, respondCopilot } from './copilot/respond';
import { parseCursor } from './cursor/parse';
import { failClosedCursor, respondCursor } from './cursor/respond';
import { parseGemini } from './gemini/parse';
import { failClosedGemini, respondGemini } from './gemini/respond';
import { parseVscode } from './vscode/parse';
import { failClosedVscode, respondVscode } from './vscode/respond';
import { parseAgentHost } from './vscodeAgent/parse';
import { failClosedAgentHost, respondAgentHost } from './vscodeAgent/respond';
import { parseWindsurf } from './windsurf/parse';
import { failClosedWindsurf, respondWindsurf } from './windsurf/respond';

export const HOST_ADAPTERS: Readonly<Record<HostId, HostAdapter>> = {
  cursor: { host: 'cursor', parse: parseCursor, respond: respondCursor, failClosed: failClosedCursor },
  claude: { host: 'claude', parse: parseClaude, respond: (d) => respondClaude(d), failClosed: (d) => failClosedClaude(d) },
  vscode: { host: 'vscode', parse: parseVscode, respond: respondVscode, failClosed: failClosedVscode },
  copilot: { host: 'copilot', parse: parseCopilot, respond: (d) => respondCopilot(d), failClosed: (d) => failClosedCopilot(d) },
  cline: { host: 'cline', parse: parseCline, respond: (d) => respondCline(d), failClosed: (d) => failClosedCline(d) },
  gemini: { host: 'gemini', parse: parseGemini, respond: (d) => respondGemini(d), failClosed: (d) => failClosedGemini(d) },
  codex: { host: 'codex', parse: parseCodex, respond: (d) => respondCodex(d), failClosed: (d) => failClosedCodex(d) },
  windsurf: { host: 'windsurf', parse: parseWindsurf, respond: (d) => respondWindsurf(d), failClosed: (d) => failClosedWindsurf(d), exitCodeOnly: true },
  'vscode-agent': { host: 'vscode-agent', parse: (p, env) => parseAgentHost(p, env, 'vscode-agent'), respond: (d) => respondAgentHost(d), failClosed: (d) => failClosedAgentHost(d) },
};

/** Seconds written into every host entry that may show a dialog. */
export const HOOK_TIMEOUT_SECONDS = 300;
