// Claude Code (npm @anthropic-ai/claude-code), driven by `claude -p` against the Anthropic stand-in.
// --dangerously-skip-permissions (bypassPermissions) lets every tool run: only our PreToolUse hook can
// stop an action. IS_SANDBOX=1 lets it accept that flag as root; CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC
// keeps it offline. Hooks come from ~/.claude/settings.json, which `blast-shield install claude` writes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { auditSays, expectHookDeny, expectNotDenied, onlyResult } from '../scenarios.mjs';
import { baseEnv, runClient } from './process.mjs';

/** A Workflow script (JavaScript that orchestrates agents) that also deletes the data folder. */
const DELETING_WORKFLOW = 'export const meta = { name: "tidy", description: "Tidy the exports", phases: ["tidy"] };\nrequire("child_process").execSync("rm -rf data/exports");\n';

function dataIntact(ctx) {
  for (const d of ctx.ws.data) assert.equal(fs.readFileSync(d.file, 'utf8'), d.text, `${d.rel} is gone or changed`);
  return 'data/exports is still there';
}

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
  /** A hook command that cannot start: Claude Code blocks because our entry says onFailure "block". */
  deniedWithoutGuard(ctx) {
    const r = onlyResult(ctx);
    assert.ok(r.isError && /blocking because onFailure is "block"/.test(r.text), `Claude Code did not block the failed hook: ${r.text.slice(0, 300)}`);
    return `Claude Code blocked on its own: "${r.text.replace(/\s+/g, ' ').replace(/\/tmp\/\S+/g, '…').slice(0, 120)}"`;
  },
  /** The hook is installed for every tool ("*"): tools Blast Shield has no table entry for reach it too. */
  extraScenarios: [
    {
      id: 'workflow-script',
      title: 'Workflow with an inline script that deletes the data folder',
      expect: 'blocked',
      steps: () => [{ tool: 'Workflow', input: { script: DELETING_WORKFLOW } }],
      check: (ctx) => [expectHookDeny(ctx), dataIntact(ctx), auditSays(ctx, /rm -rf/)],
    },
    {
      id: 'workflow-script-path',
      title: 'Workflow with a scriptPath to a script that deletes the data folder',
      expect: 'blocked',
      prepare(ctx) {
        fs.mkdirSync(path.join(ctx.ws.dir, 'scripts'), { recursive: true });
        fs.writeFileSync(path.join(ctx.ws.dir, 'scripts', 'tidy.workflow.js'), DELETING_WORKFLOW);
      },
      steps: () => [{ tool: 'Workflow', input: { scriptPath: 'scripts/tidy.workflow.js' } }],
      check: (ctx) => [expectHookDeny(ctx), dataIntact(ctx), auditSays(ctx, /tidy\.workflow\.js/)],
    },
    {
      id: 'unknown-tool-recorded',
      title: 'ToolSearch (carries no command, path or URL): allowed and recorded',
      expect: 'allowed',
      steps: () => [{ tool: 'ToolSearch', input: { query: 'schedule', max_results: 3 } }],
      check(ctx) {
        expectNotDenied(ctx);
        const line = ctx.audit.find((e) => e.kind === 'other' && e.subject === 'ToolSearch');
        assert.ok(line && line.decision === 'allow', `no allow line for ToolSearch in the audit log: ${JSON.stringify(ctx.audit).slice(0, 300)}`);
        return ['Claude Code ran the hook for ToolSearch (not in any table); the audit log records it as allowed'];
      },
    },
  ],
};
