// Claude Code (npm @anthropic-ai/claude-code), driven by `claude -p` against the Anthropic stand-in.
// --dangerously-skip-permissions (bypassPermissions) lets every tool run: only our PreToolUse hook can
// stop an action. IS_SANDBOX=1 lets it accept that flag as root; CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC
// keeps it offline. Hooks come from ~/.claude/settings.json, which `blast-shield install claude` writes.
import path from 'node:path';
import { baseEnv, runClient } from './process.mjs';

export default {
  id: 'claude',
  host: 'claude',
  api: 'anthropic',
  /** The client's own tool calls for the shared scenarios. Paths are absolute, as the client writes them. */
  tools: {
    shell: (command) => ({ tool: 'Bash', input: { command, description: 'Run a command' } }),
    read: (file) => ({ tool: 'Read', input: { file_path: file } }),
    write: (file, content) => ({ tool: 'Write', input: { file_path: file, content } }),
  },
  /** The hook configuration `install` wrote (user scope). */
  hookConfigFile: ({ home }) => path.join(home, '.claude', 'settings.json'),
  /** Environment for one run against the stand-in. */
  env({ home, standinUrl, pathPrefix }) {
    return baseEnv({
      home,
      pathPrefix,
      extra: {
        ANTHROPIC_BASE_URL: standinUrl,
        // Not a credential: the stand-in accepts anything, and the key is never compared.
        ANTHROPIC_API_KEY: 'standin-key',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_AUTOUPDATER: '1',
        IS_SANDBOX: '1',
      },
    });
  },
  /** Nothing to configure beyond the environment: the installer writes the hook entry. */
  prepare() {},
  run({ agent, workspace, env, prompt, timeoutMs }) {
    return runClient(agent.bin, ['-p', prompt, '--dangerously-skip-permissions', '--output-format', 'stream-json', '--verbose'], { cwd: workspace, env, timeoutMs });
  },
  /** What a hook deny looks like in the tool result the model receives. */
  isHookDeny: (result) => result.isError && /Blast Shield/.test(result.text),
};
