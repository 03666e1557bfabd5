// GitHub Copilot CLI (npm @github/copilot), driven by `copilot -p` against the Anthropic stand-in
// (COPILOT_PROVIDER_TYPE=anthropic + COPILOT_PROVIDER_BASE_URL; COPILOT_OFFLINE keeps it off GitHub).
// --allow-all lets every tool, path and URL through without a prompt: only our preToolUse hook can stop
// an action. The flag does not trust the folder, so project hooks (.github/hooks) load only where
// ~/.copilot/config.json lists the folder under trustedFolders; user hooks (~/.copilot/hooks) load
// everywhere, which is where `blast-shield install copilot` puts ours by default.
import fs from 'node:fs';
import path from 'node:path';
import { baseEnv, runClient } from './process.mjs';

export default {
  id: 'copilot',
  host: 'copilot',
  api: 'anthropic',
  tools: {
    shell: (command) => ({ tool: 'bash', input: { command, description: 'Run a command' } }),
    read: (file) => ({ tool: 'view', input: { path: file } }),
    // `create` refuses an existing file; an `edit` of its whole text replaces it.
    write: (file, content) => (fs.existsSync(file) ? { tool: 'edit', input: { path: file, old_str: fs.readFileSync(file, 'utf8'), new_str: content } } : { tool: 'create', input: { path: file, file_text: content } }),
  },
  hookConfigFile: ({ home }) => path.join(home, '.copilot', 'hooks', 'blast-shield-copilot.json'),
  env({ home, standinUrl, pathPrefix }) {
    return baseEnv({
      home,
      pathPrefix,
      extra: {
        COPILOT_PROVIDER_TYPE: 'anthropic',
        COPILOT_PROVIDER_BASE_URL: standinUrl,
        // Not a credential: the stand-in accepts anything.
        COPILOT_PROVIDER_API_KEY: 'standin-key',
        COPILOT_MODEL: 'claude-sonnet-4.5',
        COPILOT_OFFLINE: 'true',
        COPILOT_AUTO_UPDATE: 'false',
      },
    });
  },
  prepare() {},
  run({ agent, workspace, env, prompt, timeoutMs, extraArgs = [] }) {
    return runClient(agent.bin, ['-p', prompt, '--allow-all', '--output-format', 'json', '--no-auto-update', '--disable-builtin-mcps', ...extraArgs], { cwd: workspace, env, timeoutMs });
  },
  isHookDeny: (result) => /Denied by preToolUse hook/.test(result.text) && /Blast Shield/.test(result.text),
};
