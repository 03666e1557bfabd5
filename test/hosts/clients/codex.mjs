// OpenAI Codex CLI (npm @openai/codex, a native binary; also the engine of the Codex VS Code
// extension), driven by `codex exec` against the Responses API stand-in through a custom model
// provider given on the command line. `--dangerously-bypass-approvals-and-sandbox` runs every command
// without asking and outside the sandbox: only our PreToolUse hook can stop an action.
// `blast-shield install codex` writes ~/.codex/hooks.json and trusts the entry in
// ~/.codex/config.toml; without that trust Codex skips the hook without a word.
// Codex has no file-read tool: reads go through the shell (`cat`); writes are apply_patch patches,
// which 0.169 offers (as a freeform tool) to the gpt-5.5 family, hence that model name.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../support/editorRun.mjs';
import { baseEnv, runClient } from './process.mjs';
import { INCIDENT_COMMAND, auditSays, expectHookDeny } from '../scenarios.mjs';

function quote(s) {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A patch replacing a file's whole text (or adding the file). */
function patchFor(file, content) {
  const plus = content.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '').map((l) => `+${l}`);
  if (!fs.existsSync(file)) return ['*** Begin Patch', `*** Add File: ${file}`, ...plus, '*** End Patch', ''].join('\n');
  const minus = fs.readFileSync(file, 'utf8').split('\n').filter((l, i, all) => i < all.length - 1 || l !== '').map((l) => `-${l}`);
  return ['*** Begin Patch', `*** Update File: ${file}`, '@@', ...minus, ...plus, '*** End Patch', ''].join('\n');
}

export default {
  id: 'codex',
  host: 'codex',
  api: 'responses',
  tools: {
    // login: false keeps the run's PATH (a login shell would reset it and miss the stand-in curl).
    shell: (command) => ({ tool: 'exec_command', input: { cmd: command, login: false } }),
    read: (file) => ({ tool: 'exec_command', input: { cmd: `cat ${quote(file)}`, login: false } }),
    write: (file, content) => ({ tool: 'apply_patch', input: patchFor(file, content) }),
  },
  hookConfigFile: ({ home }) => path.join(home, '.codex', 'hooks.json'),
  env({ home, standinUrl, pathPrefix }) {
    // The key is not a credential (the stand-in accepts anything); the URL is read back by run().
    return baseEnv({ home, pathPrefix, extra: { CODEX_STANDIN_KEY: 'standin-key', CODEX_STANDIN_URL: standinUrl } });
  },
  prepare() {},
  run({ agent, workspace, env, prompt, timeoutMs }) {
    const provider = `{name="stand-in",base_url="${env.CODEX_STANDIN_URL}",wire_api="responses",env_key="CODEX_STANDIN_KEY"}`;
    return runClient(
      agent.bin,
      ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', '--json', '-C', workspace, '-m', 'gpt-5.5', '-c', 'model_provider="standin"', '-c', `model_providers.standin=${provider}`, prompt],
      { cwd: workspace, env, timeoutMs },
    );
  },
  /** The model receives `Command blocked by PreToolUse hook: <reason>. Command: <the command>`. */
  isHookDeny: (result) => /blocked by PreToolUse hook/.test(result.text) && /Blast Shield/.test(result.text),
  extraScenarios: [
    {
      id: 'patch-env',
      title: 'apply_patch adding a .env (a credential file)',
      expect: 'blocked',
      steps: (t, ws) => [t.write(path.join(ws.dir, 'config', '.env'), 'STRIPE_SECRET_KEY=placeholder\n')],
      check(ctx) {
        const said = expectHookDeny(ctx);
        assert.ok(!fs.existsSync(path.join(ctx.ws.dir, 'config', '.env')), 'the patch was applied');
        return [said, 'config/.env was not written', auditSays(ctx, /\.env/)];
      },
    },
    {
      id: 'patch-source',
      title: 'apply_patch adding a source file (allowed)',
      expect: 'allowed',
      steps: (t, ws) => [t.write(path.join(ws.dir, 'src', 'hello.ts'), 'export const hello = 1;\n')],
      check(ctx) {
        assert.equal(fs.readFileSync(path.join(ctx.ws.dir, 'src', 'hello.ts'), 'utf8'), 'export const hello = 1;\n', 'the patch was not applied');
        return ['src/hello.ts was written by Codex'];
      },
    },
    {
      id: 'untrusted-is-reported',
      title: 'without its trust entry Codex skips the hook silently, and `blast-shield status` says so',
      expect: 'allowed',
      steps: (t) => [t.shell(INCIDENT_COMMAND)],
      prepare(ctx) {
        const config = path.join(ctx.home, '.codex', 'config.toml');
        fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(/^trusted_hash = .*$/m, ''));
        const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'status', 'codex'], { env: { ...process.env, HOME: ctx.home, BLAST_SHIELD_HOME: ctx.guardHome }, encoding: 'utf8' });
        ctx.status = r.stdout;
      },
      check(ctx) {
        assert.match(ctx.status, /codex\s+user\s+altered .*not trusted/, `status did not report the missing trust: ${ctx.status}`);
        // What Codex does with an untrusted hook: runs the command, with no warning anywhere.
        assert.equal(ctx.curl.calls().length, 1, `Codex did not run the stand-in curl; the model received: ${ctx.results[0]?.text.slice(0, 300)}`);
        assert.equal(ctx.audit.length, 0, 'the hook ran');
        return [`status: "${ctx.status.split('\n')[0].replace(/\s+/g, ' ').slice(0, 140)}"`, 'Codex ran the command without calling the hook (the stand-in curl was called once)'];
      },
      /** Installing again writes the trust back for the scenarios after it. */
      reinstall: true,
    },
  ],
};
