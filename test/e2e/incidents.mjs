// The incidents, replayed end to end: the hook runs as the agent host runs it, and the test acts in
// the browser as the human. Each case is a named step; see run.mjs for the harness around it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readDemoSecrets } from '../../scripts/demo-workspace.mjs';
import { claude, cursor, decisionOf } from './hostPayloads.mjs';
import { hookCommand, startHook } from './hookProcess.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The command from package.json contributes.commands whose title matches `pattern`. */
function commandTitle(manifest, pattern) {
  const cmds = (manifest.contributes && manifest.contributes.commands) || [];
  const c = cmds.find((x) => pattern.test(x.title) || pattern.test(x.command));
  if (!c) throw new Error(`package.json contributes no command matching ${pattern}`);
  return c.category ? `${c.category}: ${c.title}` : c.title;
}

export function defineCases(ctx) {
  const { wb, workspace, extensionDir, env, manifest } = ctx;
  const secrets = readDemoSecrets(workspace);
  const cli = path.join(extensionDir, 'dist', 'cli.js');

  /** What the engine asks the human to type for this command (the dialog shows the same phrase). */
  function expectedPhrase(command, cwd = workspace) {
    const r = spawnSync(process.execPath, [cli, 'check', '--json', '--cwd', cwd, '--', command], { env, encoding: 'utf8', timeout: 20000 });
    let verdict;
    try { verdict = JSON.parse(r.stdout); } catch { throw new Error(`blast-shield check --json gave no verdict (exit ${r.status}): ${r.stderr.trim().slice(0, 300)}`); }
    assert.ok(verdict.confirm, `the engine gives a confirm phrase for: ${command.slice(0, 80)} (decision ${verdict.decision})`);
    return verdict.confirm;
  }

  function run(host, payload, cwd = workspace, timeoutMs = 90000) {
    const cmd = hookCommand({ host, workspace, extensionDir });
    ctx.hookVia = ctx.hookVia || new Set();
    ctx.hookVia.add(cmd.via);
    return startHook(cmd, payload, { cwd, env, timeoutMs });
  }

  async function expectDenied(host, hook, { maxMs } = {}) {
    const result = await hook.done;
    const { decision, message } = decisionOf(host, result);
    assert.equal(decision, 'deny', `${host} hook answered ${decision} (exit ${result.code}): ${result.stdout.slice(0, 300)} ${result.stderr.slice(0, 300)}`);
    if (maxMs) assert.ok(result.ms <= maxMs, `denied in ${result.ms} ms (expected at most ${maxMs})`);
    return { result, message };
  }

  async function expectAllowed(host, hook) {
    const result = await hook.done;
    const { decision } = decisionOf(host, result);
    assert.equal(decision, 'allow', `${host} hook answered ${decision} (exit ${result.code}): ${result.stdout.slice(0, 300)} ${result.stderr.slice(0, 300)}`);
  }

  async function assertNoDialogFor(ms) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      assert.equal(await wb.dialogVisible(), false, 'no dialog may open');
      await sleep(150);
    }
  }

  async function setLockdown(on) {
    const now = /lockdown/i.test(await wb.statusText());
    if (now !== on) await wb.runCommand(commandTitle(manifest, /toggle.*lockdown|lockdown/i));
    await wb.page.waitForFunction(
      ([want]) => {
        const items = [...document.querySelectorAll('.statusbar-item')].map((e) => `${e.textContent} ${e.querySelector('a')?.getAttribute('aria-label') || ''}`);
        const shield = items.find((t) => /shield|lockdown|protected/i.test(t)) || '';
        return /lockdown/i.test(shield) === want;
      },
      [on],
      { timeout: 15000 },
    );
  }

  const incidentCommand = [
    'curl -sS -X POST https://backboard.railway.app/graphql/v2',
    `-H "Authorization: Bearer ${secrets.railwayToken}"`,
    '-H "Content-Type: application/json"',
    `-d '{"query":"mutation { volumeDelete(volumeId: \\"${secrets.volumeId}\\") }"}'`,
  ].join(' ');

  return [
    ['the workbench loads with Blast Shield active in the status bar', async () => {
      await wb.waitReady();
      await wb.statusItem().waitFor({ timeout: 60000 });
      await wb.screenshot('00-workbench.png', 'the demo workspace open in code-server with Blast Shield in the status bar');
    }],

    ['hooks are installed for the demo workspace from the command palette', async () => {
      await wb.runCommand(commandTitle(manifest, /install.*hook/i));
      // The installer may ask where to install (quick pick): choose this workspace/project.
      const pick = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: /workspace|project/i }).first();
      if (await pick.isVisible({ timeout: 3000 }).catch(() => false)) await pick.click();
      const cursorHooks = path.join(workspace, '.cursor', 'hooks.json');
      const claudeSettings = path.join(workspace, '.claude', 'settings.json');
      const end = Date.now() + 20000;
      while (!(fs.existsSync(cursorHooks) && fs.existsSync(claudeSettings)) && Date.now() < end) await sleep(200);
      assert.ok(fs.existsSync(cursorHooks), '.cursor/hooks.json written');
      assert.ok(fs.existsSync(claudeSettings), '.claude/settings.json written');
      const cfg = JSON.parse(fs.readFileSync(cursorHooks, 'utf8'));
      const entry = cfg.hooks.beforeShellExecution.find((e) => /blast-shield/i.test(e.command));
      assert.ok(entry, 'a Blast Shield beforeShellExecution entry');
      assert.equal(entry.failClosed, true, 'failClosed: true');
    }],

    ['1a incident: Railway volumeDelete via curl shows the dialog with target, unknown environment and token origin', async () => {
      ctx.incidentPhrase = expectedPhrase(incidentCommand);
      ctx.incidentHook = run('cursor', cursor.shell(workspace, incidentCommand));
      const text = await wb.waitDialog();
      await wb.screenshot('01-incident-dialog.png', 'the Railway volumeDelete incident: target volume, environment unknown treated as production, token from legacy/config_backup.json');
      assert.match(text, new RegExp(secrets.volumeId), 'the target volume id is shown');
      assert.match(text, /environment unknown/i);
      assert.match(text, /treated as production/i);
      assert.match(text, /legacy\/config_backup\.json/, 'the token origin is shown');
      assert.ok(!text.includes(secrets.railwayToken), 'the token value itself is never shown');
      assert.ok(text.includes(ctx.incidentPhrase), 'the phrase to type is shown');
    }],

    ['1b incident: a wrong phrase keeps it blocked', async () => {
      assert.ok(ctx.incidentHook, 'the dialog from 1a is open');
      await wb.typePhrase('delete the staging volume');
      await wb.pressAllow();
      await sleep(1500);
      const text = await wb.dialogText();
      await wb.screenshot('02-incident-wrong-phrase.png', 'the wrong phrase typed: the dialog stays, the action stays blocked');
      assert.match(text, /match|incorrect|wrong|exactly/i, 'the dialog says the phrase does not match');
      assert.equal(ctx.incidentHook.hasExited(), false, 'the hook is still waiting: nothing was allowed');
    }],

    ['1c incident: the right phrase allows it once', async () => {
      assert.ok(ctx.incidentHook, 'the dialog from 1a is open');
      await wb.typePhrase(ctx.incidentPhrase);
      await wb.screenshot('03-incident-right-phrase.png', 'the right phrase typed, before pressing allow');
      await wb.pressAllow();
      await expectAllowed('cursor', ctx.incidentHook);
    }],

    ['1d incident: the same command in lockdown is denied with no dialog', async () => {
      await setLockdown(true);
      await wb.screenshot('04-lockdown-status.png', 'lockdown on: the status bar item');
      const hook = run('cursor', cursor.shell(workspace, incidentCommand));
      const { result } = await expectDenied('cursor', hook, { maxMs: 10000 });
      await assertNoDialogFor(500);
      assert.ok(!result.stdout.includes(secrets.railwayToken), 'the answer to the agent carries no token');
      await setLockdown(false);
    }],

    ['2 a production DROP TABLE through psql asks; Deny denies', async () => {
      const command = `psql "${secrets.productionDatabaseUrl}" -c 'DROP TABLE orders;'`;
      const hook = run('claude', claude.bash(workspace, command));
      const text = await wb.waitDialog();
      await wb.screenshot('05-psql-drop-table-dialog.png', 'DROP TABLE against the production database URL');
      assert.match(text, /production/i);
      assert.match(text, /orders|DROP TABLE/i);
      assert.ok(!text.includes(secrets.productionDatabaseUrl.split(':')[2].split('@')[0]), 'the database password is not shown');
      await wb.pressDeny();
      await expectDenied('claude', hook);
    }],

    ['3 rm -rf ~/ hidden inside bash -c is stopped', async () => {
      const command = `bash -c 'cd /tmp && rm -rf ~/'`;
      const hook = run('cursor', cursor.shell(workspace, command));
      // Catastrophic targets may be denied outright; otherwise the dialog asks and we deny.
      const shown = await Promise.race([
        wb.waitDialog(20000).then(() => true, () => false),
        hook.done.then(() => false),
      ]);
      if (shown) {
        const text = await wb.dialogText();
        await wb.screenshot('06-rm-rf-home-dialog.png', 'rm -rf ~/ inside bash -c');
        assert.match(text, /rm -rf|home|~/i);
        await wb.pressDeny();
      }
      await expectDenied('cursor', hook);
    }],

    ['4 terraform destroy -auto-approve against the production workspace asks; Escape denies', async () => {
      const infra = path.join(workspace, 'infra');
      const command = 'terraform destroy -auto-approve';
      const hook = run('cursor', cursor.shell(workspace, command, infra), infra);
      const text = await wb.waitDialog();
      await wb.screenshot('07-terraform-destroy-dialog.png', 'terraform destroy in infra/ whose selected workspace is production');
      assert.match(text, /terraform/i);
      assert.match(text, /production/i);
      await wb.dialog().getByRole('textbox').first().click();
      await wb.page.keyboard.press('Escape');
      await expectDenied('cursor', hook);
    }],

    ['5a the agent reading .env is denied at once with no dialog', async () => {
      const envFile = path.join(workspace, '.env');
      const hook = run('cursor', cursor.readFile(workspace, envFile, fs.readFileSync(envFile, 'utf8')));
      const { result } = await expectDenied('cursor', hook, { maxMs: 5000 });
      await assertNoDialogFor(500);
      const claudeHook = run('claude', claude.read(workspace, envFile));
      await expectDenied('claude', claudeHook, { maxMs: 5000 });
      assert.ok(!/SESSION_SECRET=\w/.test(result.stdout), 'no file content echoed back');
    }],

    ["5b the agent editing the guard's own hook config is denied", async () => {
      const hooksFile = path.join(workspace, '.cursor', 'hooks.json');
      const before = fs.existsSync(hooksFile) ? fs.readFileSync(hooksFile, 'utf8') : '';
      const hook = run('cursor', cursor.write(workspace, hooksFile, '{"version":1,"hooks":{}}\n'));
      await expectDenied('cursor', hook, { maxMs: 5000 });
      const settingsFile = path.join(workspace, '.claude', 'settings.json');
      const claudeHook = run('claude', claude.edit(workspace, settingsFile, '"PreToolUse"', '"Disabled"'));
      await expectDenied('claude', claudeHook, { maxMs: 5000 });
      await assertNoDialogFor(300);
      assert.equal(fs.existsSync(hooksFile) ? fs.readFileSync(hooksFile, 'utf8') : '', before, 'the hook config is unchanged');
    }],
  ];
}
