// Gemini CLI (npm @google/gemini-cli), driven by `gemini -p` against the Gemini API stand-in
// (GOOGLE_GEMINI_BASE_URL, an API key the stand-in never checks). `--approval-mode yolo` runs every
// tool without asking: only our BeforeTool hook can stop an action. Gemini runs no hooks at all (and
// refuses `-p`) in a folder it does not trust, so the run trusts its workspace
// (GEMINI_CLI_TRUST_WORKSPACE, as choosing "trust" would), and the API-key sign-in is chosen in
// ~/.gemini/settings.json, next to the hook entry `blast-shield install gemini` wrote there.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { baseEnv, runClient } from './process.mjs';
import { auditSays, expectHookDeny, onlyResult } from '../scenarios.mjs';

/** Gemini hands the model `{"error": "Tool execution blocked: <reason>"}` for a BeforeTool deny. */
const isHookDeny = (result) => /Tool execution blocked/.test(result.text) && /Blast Shield/.test(result.text);

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

export default {
  id: 'gemini',
  host: 'gemini',
  api: 'gemini',
  tools: {
    shell: (command) => ({ tool: 'run_shell_command', input: { command, description: 'Run a command' } }),
    read: (file) => ({ tool: 'read_file', input: { file_path: file } }),
    write: (file, content) => ({ tool: 'write_file', input: { file_path: file, content } }),
  },
  hookConfigFile: ({ home }) => path.join(home, '.gemini', 'settings.json'),
  env({ home, standinUrl, pathPrefix }) {
    return baseEnv({
      home,
      pathPrefix,
      extra: {
        GOOGLE_GEMINI_BASE_URL: standinUrl,
        // Not a credential: the stand-in accepts anything.
        GEMINI_API_KEY: 'standin-key',
        GEMINI_CLI_NO_RELAUNCH: 'true',
        GEMINI_TELEMETRY_ENABLED: 'false',
        GEMINI_CLI_TRUST_WORKSPACE: 'true',
      },
    });
  },
  /** Once per HOME: the API-key sign-in, beside the hook entry the installer wrote. */
  setup({ home }) {
    const file = path.join(home, '.gemini', 'settings.json');
    const settings = readJson(file);
    settings.security = { ...settings.security, auth: { selectedType: 'gemini-api-key' } };
    settings.general = { ...settings.general, disableAutoUpdate: true, disableUpdateNag: true };
    settings.privacy = { usageStatisticsEnabled: false };
    fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
  },
  run({ agent, workspace, env, prompt, timeoutMs }) {
    return runClient(agent.bin, ['-p', prompt, '--approval-mode', 'yolo', '--output-format', 'json', '-m', 'gemini-2.5-flash'], { cwd: workspace, env, timeoutMs });
  },
  isHookDeny,
  /**
   * Gemini's file tools refuse some paths themselves before any hook runs: a `.env`, `.git` or
   * `node_modules` segment, and anything outside the workspace (the user's ~/.gemini/settings.json).
   * That refusal is the client's own, and is reported as such; the read of a credential file Gemini does
   * not know (the incident's config backup) is the extra scenario below, which only the hook can stop.
   */
  deniedEvidence(ctx) {
    // After an allowed run (the real-editor case), the deny is the next result.
    const r = ctx.allowedBefore ? ctx.results[ctx.allowedBefore] : onlyResult(ctx);
    assert.ok(r, `gemini: no tool result after the ${ctx.allowedBefore ?? 0} allowed one(s)`);
    if (isHookDeny(r)) return `the model received: "${r.text.replace(/\s+/g, ' ').slice(0, 140)}…"`;
    assert.match(r.text, /Path not in workspace/, `gemini: neither the hook nor Gemini itself refused: ${JSON.stringify(r.text.slice(0, 400))}`);
    assert.ok(!ctx.audit.some((e) => e.decision === 'allow'), 'the hook allowed it');
    return `Gemini CLI refused the path itself before its BeforeTool hook ran ("${r.text.replace(/\s+/g, ' ').slice(0, 90)}…")`;
  },
  /**
   * With the hook program gone, Gemini's own rule blocks: a hook command that cannot be found (exit 127)
   * counts as a block, its shell's message as the reason.
   */
  deniedWithoutGuard(ctx) {
    const r = onlyResult(ctx);
    assert.match(r.text, /Tool execution blocked: .*blast-shield-hook: (No such file|not found)/, `gemini: the action was not blocked: ${JSON.stringify(r.text.slice(0, 300))}`);
    return `Gemini CLI blocked it itself: a hook command that cannot start counts as a block ("${r.text.replace(/\s+/g, ' ').slice(0, 100)}…")`;
  },
  extraScenarios: [
    {
      id: 'credential-read-backup',
      title: "the incident's config backup (a token by content) read through read_file",
      expect: 'blocked',
      steps: (t, ws) => [t.read(path.join(ws.dir, 'legacy', 'config_backup.json'))],
      check(ctx) {
        const r = onlyResult(ctx);
        assert.ok(isHookDeny(r), `gemini: the model did not receive a Blast Shield deny; it got: ${JSON.stringify(r.text.slice(0, 400))}`);
        return [expectHookDeny(ctx), 'the Railway token is in no request the stand-in received', auditSays(ctx, /config_backup/)];
      },
    },
    {
      id: 'grep-workspace',
      title: 'grep_search for "token" across a workspace holding credential files',
      expect: 'blocked',
      steps: () => [{ tool: 'grep_search', input: { pattern: 'token' } }],
      check(ctx) {
        const r = onlyResult(ctx);
        assert.ok(isHookDeny(r), `gemini: the model did not receive a Blast Shield deny; it got: ${JSON.stringify(r.text.slice(0, 400))}`);
        return [`the model received: "${r.text.replace(/\s+/g, ' ').slice(0, 120)}…"`, 'no matching line (the token) reached the stand-in', auditSays(ctx, /token|config_backup|\.env/)];
      },
    },
  ],
};
