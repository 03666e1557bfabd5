import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * Agent CLIs' MCP server registration: `claude mcp add NAME [options] -- COMMAND ARGS…`,
 * `claude mcp add-json NAME JSON`, `codex mcp add NAME [--env K=V] -- COMMAND ARGS…`, `gemini mcp add
 * NAME COMMAND ARGS…`. The server's command runs every time that agent starts, outside any hook: the
 * deferred-execution pack reads it here (`rules/deferred/mcpLaunches.ts`). Only the `mcp` commands
 * are described; the rest of what these CLIs do is the nested-agent rules' (`perimeter/nestedAgents.ts`).
 */

const agent = { family: 'runner', locality: 'local', abbreviations: false, unknownLong: 'switch', unknownShort: 'switch' } as const;

const CLAUDE_ADD = [
  valued('-s', '--scope'), valued('-t', '--transport'), valued('-e', '--env'), valued('-H', '--header'), valued('--client-id'), valued('--callback-port'),
  flag('--client-secret'), flag('-h', '--help'),
];

export const claudeCli: ToolSpec = {
  ...agent,
  names: ['claude'],
  options: [valued('--model'), valued('--settings'), valued('--mcp-config'), valued('--permission-mode'), flag('-d', '--debug'), flag('--verbose')],
  commands: {
    mcp: {
      commands: {
        add: { options: CLAUDE_ADD, commandAfterDashDash: true },
        'add-json': { options: [valued('-s', '--scope'), flag('--client-secret')] },
        'list|get|remove|serve|add-from-claude-desktop|reset-project-choices': { options: [valued('-s', '--scope')] },
      },
    },
  },
};

export const codexCli: ToolSpec = {
  ...agent,
  names: ['codex'],
  options: [valued('-c', '--config'), valued('-m', '--model'), valued('-p', '--profile'), valued('-C', '--cd')],
  commands: {
    mcp: {
      commands: {
        add: { options: [valued('--env'), valued('--url'), valued('--bearer-token-env-var')], commandAfterDashDash: true },
        'list|get|remove|login|logout': { options: [flag('--json')] },
      },
    },
  },
};

/** `gemini mcp add [options] NAME COMMAND ARGS…`: the command is the operands after the name (options first). */
export const geminiCli: ToolSpec = {
  ...agent,
  names: ['gemini', 'qwen'],
  options: [valued('-m', '--model')],
  commands: {
    mcp: {
      commands: {
        add: { options: [valued('-s', '--scope'), valued('-t', '--transport'), valued('-e', '--env'), valued('-H', '--header'), valued('--timeout'), valued('--description'), valued('--include-tools'), valued('--exclude-tools'), flag('--trust')], interspersed: false },
        'list|remove': { options: [valued('-s', '--scope')] },
      },
    },
  },
};
