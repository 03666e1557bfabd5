// GitHub Copilot CLI (npm @github/copilot), driven by `copilot -p` against the Anthropic stand-in
// (COPILOT_PROVIDER_TYPE=anthropic + COPILOT_PROVIDER_BASE_URL; COPILOT_OFFLINE keeps it off GitHub).
// --allow-all lets every tool, path and URL through without a prompt: only our preToolUse hook can stop
// an action. The flag does not trust the folder, so project hooks (.github/hooks) load only where
// ~/.copilot/config.json lists the folder under trustedFolders; user hooks (~/.copilot/hooks) load
// everywhere, which is where `blast-shield install copilot` puts ours by default.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { INCIDENT_COMMAND, expectHookDeny, onlyResult } from '../scenarios.mjs';
import { baseEnv, runClient } from './process.mjs';

/** `blast-shield status --json` for copilot at project scope in the workspace. */
function projectStatus(ctx) {
  const r = ctx.guard(['status', 'copilot', '--workspace', ctx.ws.dir, '--json']);
  const entry = JSON.parse(r.stdout).find((h) => h.host === 'copilot' && h.scope === 'project');
  return entry.files[0];
}

/** What Copilot CLI itself writes when the user trusts a folder: its path under trustedFolders. */
function trustFolder(home, folder) {
  const file = path.join(home, '.copilot', 'config.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `// User settings belong in settings.json.\n// This file is managed automatically.\n${JSON.stringify({ trustedFolders: [folder] }, null, 2)}\n`);
}

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
  /**
   * A project install (.github/hooks) is loaded only in a folder Copilot CLI trusts. Install and status
   * must say so rather than report it intact; the client shows which of them told the truth.
   */
  extraScenarios: [
    {
      id: 'project-install-untrusted',
      title: 'project install in a folder Copilot CLI does not trust: reported not-loaded, and indeed not loaded',
      expect: 'allowed',
      isolated: true,
      prepare(ctx) {
        ctx.install = ctx.guard(['install', 'copilot', '--project', '--workspace', ctx.ws.dir]);
        ctx.status = projectStatus(ctx);
      },
      steps: () => [{ tool: 'bash', input: { command: INCIDENT_COMMAND, description: 'Run a command' } }],
      check(ctx) {
        assert.notEqual(ctx.install.code, 0, `install reported success: ${ctx.install.stdout}`);
        assert.match(ctx.install.stdout, /not-loaded .*not a trusted folder/, ctx.install.stdout);
        assert.equal(ctx.status.state, 'not-loaded', JSON.stringify(ctx.status));
        const r = onlyResult(ctx);
        assert.ok(!/Blast Shield/.test(r.text), `the hook ran after all: ${r.text.slice(0, 200)}`);
        assert.equal(ctx.curl.calls().length, 1, 'the incident did not run: the test cannot show what an untrusted folder does');
        return [
          `install exited ${ctx.install.code} and said: "${ctx.install.stdout.split('\n').find((l) => /not-loaded/.test(l)).replace(/\s+/g, ' ').slice(0, 150)}…"`,
          `status: ${ctx.status.state}`,
          'Copilot CLI ran the incident unchecked (the stand-in curl recorded the call): the entry really is not loaded',
        ];
      },
    },
    {
      id: 'project-install-trusted',
      title: 'project install once the folder is trusted: reported intact, and blocks',
      expect: 'blocked',
      isolated: true,
      prepare(ctx) {
        trustFolder(ctx.home, ctx.ws.dir);
        ctx.install = ctx.guard(['install', 'copilot', '--project', '--workspace', ctx.ws.dir]);
        ctx.status = projectStatus(ctx);
      },
      steps: () => [{ tool: 'bash', input: { command: INCIDENT_COMMAND, description: 'Run a command' } }],
      check(ctx) {
        assert.equal(ctx.install.code, 0, ctx.install.stdout + ctx.install.stderr);
        assert.equal(ctx.status.state, 'intact', JSON.stringify(ctx.status));
        const said = expectHookDeny(ctx);
        assert.deepEqual(ctx.curl.calls(), [], 'the stand-in curl ran');
        return ['install and status: intact', said, 'the stand-in curl was never run'];
      },
    },
  ],
};
