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

/** The local folder the local-delete case seeds and asks about, and its files' total as the dialog prints it. */
const LOCAL_EXPORTS = 'data/exports';
const LOCAL_EXPORTS_TOTAL = '19.2 KB'; // 12345 + 2048 + 300 + 5000 bytes

export function defineCases(ctx) {
  const { wb, workspace, extensionDir, env, manifest } = ctx;
  const secrets = readDemoSecrets(workspace);
  const cli = path.join(extensionDir, 'dist', 'cli.js');

  /** What the engine asks the human to type for this command, when the CLI can say (else undefined). */
  function enginePhrase(command, cwd = workspace) {
    const r = spawnSync(process.execPath, [cli, 'check', '--json', '--cwd', cwd, '--', command], { env, encoding: 'utf8', timeout: 20000 });
    try {
      return JSON.parse(r.stdout).confirm || undefined;
    } catch {
      return undefined;
    }
  }

  /** `blast-shield check --json` for this command, as the installed extension's CLI answers it. */
  function engineCheck(command, cwd = workspace) {
    const r = spawnSync(process.execPath, [cli, 'check', '--json', '--cwd', cwd, '--', command], { env, encoding: 'utf8', timeout: 20000 });
    try {
      return JSON.parse(r.stdout);
    } catch {
      throw new Error(`blast-shield check gave no JSON (exit ${r.status}): ${String(r.stdout).slice(0, 200)} ${String(r.stderr).slice(0, 200)}`);
    }
  }

  /**
   * A local data folder of known files the local-delete case would destroy (not a build folder such as
   * dist/ or node_modules/, which the engine lets agents delete by design). Sizes as the dialog prints them.
   */
  function seedLocalExports() {
    const spec = [
      ['orders-2024.csv', 12345, '12.1 KB'],
      ['customers.json', 2048, '2.0 KB'],
      ['notes.txt', 300, '300 B'],
      ['archive/orders-2023.csv', 5000, '4.9 KB'],
    ];
    return spec.map(([rel, bytes, size]) => {
      const abs = path.join(workspace, LOCAL_EXPORTS, rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, 'x'.repeat(bytes));
      return { path: `${LOCAL_EXPORTS}/${rel}`, abs, bytes, size };
    });
  }

  function run(host, payload, cwd = workspace, timeoutMs = 90000) {
    const cmd = hookCommand({ host, workspace, extensionDir });
    ctx.hookVia = ctx.hookVia || new Set();
    ctx.hookVia.add(cmd.via);
    return startHook(cmd, payload, { cwd, env, timeoutMs });
  }

  /**
   * The hook must deny, and for the stated reason (`because`): a deny from a hook that failed (no
   * engine, no editor) is fail-closed behaviour, not the protection the case is about.
   */
  async function expectDenied(host, hook, { maxMs, because } = {}) {
    const result = await hook.done;
    const { decision, message } = decisionOf(host, result);
    assert.equal(decision, 'deny', `${host} hook answered ${decision} (exit ${result.code}): ${result.stdout.slice(0, 300)} ${result.stderr.slice(0, 300)}`);
    if (maxMs) assert.ok(result.ms <= maxMs, `denied in ${result.ms} ms (expected at most ${maxMs})`);
    assert.doesNotMatch(String(message), /failed unexpectedly|not available in this build/i, `denied only because the hook failed: ${String(message).slice(0, 300)}`);
    if (because) assert.match(String(message), because, `the deny says why: ${String(message).slice(0, 300)}`);
    console.log(`       ${host} hook: deny in ${result.ms} ms: ${String(message).replace(/\s+/g, ' ').slice(0, 150)}`);
    return { result, message };
  }

  async function expectAllowed(host, hook) {
    const result = await hook.done;
    const { decision } = decisionOf(host, result);
    assert.equal(decision, 'allow', `${host} hook answered ${decision} (exit ${result.code}): ${result.stdout.slice(0, 300)} ${result.stderr.slice(0, 300)}`);
    return result;
  }

  /** Wait for the dialog this hook asks for; fail at once, with the hook's answer, if it answers first. */
  async function waitDialogFor(host, hook, timeout = 30000, options = {}) {
    const answeredFirst = hook.done.then((result) => result, () => undefined);
    const winner = await Promise.race([
      wb.waitDialog(timeout, options).then((text) => ({ text })),
      answeredFirst.then((result) => ({ result })),
    ]);
    if (winner.result) {
      const { decision, message } = decisionOf(host, winner.result);
      throw new Error(`no dialog: the hook answered "${decision}" on its own: ${String(message || winner.result.stderr).slice(0, 300)}`);
    }
    return winner.text;
  }

  async function assertNoDialogFor(ms) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      assert.equal(await wb.dialogVisible(), false, 'no dialog may open');
      await sleep(150);
    }
  }

  /** Lockdown through its own status bar item: one click turns it on; turning it off asks a human. */
  async function setLockdown(on) {
    if ((await wb.lockdownOn()) !== on) {
      await wb.lockdownItem().click();
      if (!on) {
        // Turning lockdown off asks the human in a modal prompt.
        const prompt = wb.page.locator('.monaco-dialog-box').filter({ hasText: /lockdown/i });
        await prompt.waitFor({ state: 'visible', timeout: 10000 });
        if (!ctx.lockdownPromptShot) {
          ctx.lockdownPromptShot = true;
          await wb.screenshot('05-lockdown-off-prompt.png', 'turning lockdown off needs a human: the modal prompt');
        }
        await prompt.getByRole('button', { name: /turn off/i }).click();
      }
    }
    await wb.page.waitForFunction(
      ([want]) => {
        const items = [...document.querySelectorAll('.statusbar-item')].map((e) => (e.textContent || '').trim());
        const item = items.find((t) => /^lockdown/i.test(t)) || '';
        return /lockdown on/i.test(item) === want;
      },
      [on],
      { timeout: 15000 },
    );
  }

  /**
   * The dialog is in front, at its top, and ready for typing: the banner (when there is one), the
   * command and the targets inside its first screen, the caret in the phrase box, which is on screen too.
   */
  async function assertDialogReady(label) {
    const l = await wb.dialogLayout();
    const where = `${label}: ${JSON.stringify(l)}`;
    assert.equal(l.scrollY, 0, `scrolled to the top (${where})`);
    assert.equal(l.focused, 'phrase', `the phrase box has the caret (${where})`);
    for (const part of ['banner', 'title', 'command', 'targets', 'phrase', 'allow']) {
      if (!l[part]) continue;
      assert.ok(l[part].top >= 0 && l[part].bottom <= l.innerHeight, `${part} is visible without scrolling (${where})`);
    }
    assert.ok(l.command && l.phrase, `the command and the phrase box are shown (${where})`);
    // The dialog's tab is the active editor: in front of any other work.
    const activeTab = await wb.page.locator('.tabs-container .tab.active').first().innerText().catch(() => '');
    assert.match(activeTab, /blast shield/i, `the dialog is the active tab (${where})`);
    return l;
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
      const claudeFiles = ['settings.local.json', 'settings.json'].map((n) => path.join(workspace, '.claude', n));
      const claudeWritten = () => claudeFiles.some((f) => fs.existsSync(f) && /blast-shield/i.test(fs.readFileSync(f, 'utf8')));
      const end = Date.now() + 20000;
      while (!(fs.existsSync(cursorHooks) && claudeWritten()) && Date.now() < end) await sleep(200);
      const toast = wb.page.locator('.notification-toast', { hasText: /hooks installed/i });
      await toast.waitFor({ state: 'visible', timeout: 15000 });
      await sleep(800); // the toast fades in and the explorer refreshes: capture the settled view
      await wb.screenshot('00b-hooks-installed.png', 'after "Install Hooks": the notification says the hooks are installed');
      // Keep the dialogs in later screenshots uncovered.
      await wb.runCommand('Notifications: Clear All Notifications');
      await toast.waitFor({ state: 'hidden', timeout: 10000 });
      // Installed but no host has called yet: the first state explains itself, with no warning colour.
      await wb.page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /waiting for the first agent action/i.test(e.textContent || '')), undefined, { timeout: 15000 });
      assert.match(await wb.statusText(), /Blast Shield: waiting for the first agent action/);
      assert.match(((await wb.lockdownItem().textContent()) || '').trim(), /^Lockdown$/, 'lockdown has its own item, off');
      await wb.statusItem().hover();
      const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: /waiting for the first agent action/i }).first();
      if (await hover.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false)) {
        await wb.screenshot('00c-status-tooltip.png', 'the status bar right after set-up: "waiting for the first agent action", and its tooltip says what proves protection');
        assert.match((await hover.textContent()) || '', /no host has called them yet/i);
      }
      await wb.page.mouse.move(600, 400);
      await wb.page.keyboard.press('Escape');
      // A click on the item opens the status view; it does not turn lockdown on.
      await wb.statusItem().click();
      const statusView = wb.page.locator('.monaco-dialog-box').filter({ hasText: /Blast Shield status/i });
      await statusView.waitFor({ state: 'visible', timeout: 10000 });
      await wb.screenshot('00d-status-view-from-click.png', 'a click on the status bar item opens the status view (lockdown stays off)');
      assert.match((await statusView.innerText()).replace(/\s+/g, ' '), /Lockdown: off/);
      await wb.page.keyboard.press('Escape');
      assert.equal(await wb.lockdownOn(), false, 'the click did not turn lockdown on');
      assert.ok(fs.existsSync(cursorHooks), '.cursor/hooks.json written');
      assert.ok(claudeWritten(), '.claude/settings.local.json (or settings.json) carries our PreToolUse entry');
      const cfg = JSON.parse(fs.readFileSync(cursorHooks, 'utf8'));
      const entry = cfg.hooks.beforeShellExecution.find((e) => /blast-shield/i.test(e.command));
      assert.ok(entry, 'a Blast Shield beforeShellExecution entry');
      assert.equal(entry.failClosed, true, 'failClosed: true');
    }],

    ["the terminal panel is open; the user's own commands in it are not policed, nor the guard's CLI", async () => {
      await wb.runCommand('Terminal: Create New Terminal');
      const term = wb.page.locator('.terminal-wrapper.active .xterm, .terminal .xterm').first();
      await term.waitFor({ state: 'visible', timeout: 20000 });
      await sleep(1500); // shell integration starts with the prompt
      // What the README tells a newcomer to run: the hook fed an agent's payload, and a flagged command of the user's own.
      const payload = JSON.stringify(claude.bash(workspace, 'git status'));
      await wb.page.keyboard.type(`echo '${payload}' | node ${cli} hook claude`, { delay: 1 });
      await wb.page.keyboard.press('Enter');
      await wb.page.keyboard.type('git reset --hard 2>/dev/null; echo done', { delay: 1 });
      await wb.page.keyboard.press('Enter');
      const flagged = wb.page.locator('.notification-toast', { hasText: /flagged|terminal command|interrupted/i });
      const end = Date.now() + 4000;
      while (Date.now() < end) {
        assert.equal(await flagged.count(), 0, 'no terminal-watch warning for the user\'s own terminal');
        await sleep(200);
      }
      await wb.screenshot('00e-terminal-open.png', "the terminal panel open at 1280×800; the user's own commands (the hook by hand, git reset --hard) raise no terminal-watch warning");
    }],

    ['1a incident: Railway volumeDelete via curl shows the dialog with target, unknown environment and token origin', async () => {
      const hook = run('cursor', cursor.shell(workspace, incidentCommand));
      const text = await waitDialogFor('cursor', hook, 30000, {
        onNotice: async () => wb.screenshot('01a-incident-notice.png', 'an ask arrives: a modal notice over the workbench (terminal open) says what is at stake; Review leads into the dialog, Deny or Escape denies'),
      });
      assert.match(wb.lastNotice, /Cursor.* wants to destroy volume .*\(production\)/, `the notice says what is at stake: ${wb.lastNotice}`);
      await assertDialogReady('incident');
      assert.match(text, /An agent wants to destroy something/);
      ctx.incidentHook = hook; // 1b and 1c continue in this dialog even if an assertion below fails
      ctx.incidentPhrase = await wb.shownPhrase();
      assert.ok(ctx.incidentPhrase.length > 0, 'the dialog shows a phrase to type');
      const fromEngine = enginePhrase(incidentCommand);
      if (fromEngine) assert.equal(ctx.incidentPhrase, fromEngine, 'the dialog asks for the phrase `blast-shield check` gives');
      await wb.screenshot('01-incident-dialog.png', 'the Railway volumeDelete incident: target volume, environment unknown treated as production, token from legacy/config_backup.json');
      assert.match(text, new RegExp(secrets.volumeId), 'the target volume id is shown');
      assert.match(text, /environment unknown/i);
      assert.match(text, /treated as production/i);
      assert.match(text, /legacy\/config_backup\.json/, 'the token origin is shown');
      assert.ok(!text.includes(secrets.railwayToken), 'the token value itself is never shown');
      assert.ok(ctx.incidentPhrase.includes(secrets.volumeId) || /volume/i.test(ctx.incidentPhrase), `the phrase names the target: ${ctx.incidentPhrase}`);
    }, { keepDialog: true }],

    ['1b incident: a wrong phrase keeps it blocked', async () => {
      assert.ok(ctx.incidentHook && !ctx.incidentHook.hasExited(), 'the dialog from 1a is open');
      await wb.typePhrase('delete the staging volume');
      assert.equal(await wb.allowButton().isDisabled(), true, '"Allow once" stays disabled for a wrong phrase');
      await wb.page.keyboard.press('Enter');
      // A tampered page could submit anyway: the extension host compares the phrase and refuses.
      await wb.forceSubmit();
      const mismatch = wb.dialog().locator('#mismatch').filter({ hasText: /not the phrase/i });
      await mismatch.waitFor({ timeout: 10000 });
      await mismatch.scrollIntoViewIfNeeded();
      await sleep(1000);
      await wb.screenshot('02-incident-wrong-phrase.png', 'a wrong phrase submitted: the dialog says so and the action stays blocked');
      assert.equal(ctx.incidentHook.hasExited(), false, 'the hook is still waiting: nothing was allowed');
    }, { keepDialog: true }],

    ['1c incident: the right phrase allows it once', async () => {
      assert.ok(ctx.incidentHook && !ctx.incidentHook.hasExited(), 'the dialog from 1a is open');
      await wb.typePhrase(ctx.incidentPhrase);
      await wb.screenshot('03-incident-right-phrase.png', 'the right phrase typed, before pressing allow');
      await wb.pressAllow();
      await expectAllowed('cursor', ctx.incidentHook);
    }],

    ['1d incident: the same command in lockdown is denied with no dialog', async () => {
      await setLockdown(true);
      await wb.screenshot('04-lockdown-status.png', 'lockdown on: the status bar item');
      const hook = run('cursor', cursor.shell(workspace, incidentCommand));
      const { result } = await expectDenied('cursor', hook, { maxMs: 10000, because: /lockdown/i });
      await assertNoDialogFor(500);
      assert.ok(!result.stdout.includes(secrets.railwayToken), 'the answer to the agent carries no token');
      await setLockdown(false);
    }],

    ['2 a production DROP TABLE through psql asks; Deny denies', async () => {
      const command = `psql "${secrets.productionDatabaseUrl}" -c 'DROP TABLE orders;'`;
      const hook = run('claude', claude.bash(workspace, command));
      await waitDialogFor('claude', hook);
      await assertDialogReady('psql');
      const statements = wb.dialog().locator('#preview .kind-statements');
      await statements.waitFor({ state: 'visible', timeout: 15000 });
      const text = await wb.dialogText();
      await wb.screenshot('06-psql-drop-table-dialog.png', 'DROP TABLE against the production database URL: the statement, its table and its database from the parsed command');
      assert.match(text, /production/i);
      // From the parse: the statement as the client receives it (no stray quote), the table as a table, the database as the database.
      assert.deepEqual(await statements.locator('pre.sql').allInnerTexts(), ['DROP TABLE orders']);
      assert.match(text, /Table: orders/);
      assert.match(text, /Database: shop on db\.prod\.acme-shop\.internal \(production\)/);
      assert.ok(!text.includes(secrets.productionDatabaseUrl.split(':')[2].split('@')[0]), 'the database password is not shown');
      // One password in one DATABASE_URL: one credential line, named by its most specific label, shown once.
      const origins = text.match(/Uses [^.]* from \.env\.production\./g) || [];
      assert.deepStrictEqual(origins, ['Uses a postgres password from .env.production.']);
      await wb.pressDeny();
      const { message } = await expectDenied('claude', hook);
      assert.match(String(message), /^The user denied this action in the Blast Shield dialog\./, 'the agent is told who denied, once');
      const toast = wb.page.locator('.notification-toast', { hasText: /denied by you: destroy table orders/i });
      await toast.waitFor({ state: 'visible', timeout: 10000 });
      await wb.screenshot('06b-notification-after-deny.png', 'after the decision: a notification says what was denied and by whom');
      await wb.clearNotifications();
    }],

    ['3 rm -rf ~/ hidden inside bash -c is stopped', async () => {
      const command = `bash -c 'cd /tmp && rm -rf ~/'`;
      const hook = run('cursor', cursor.shell(workspace, command));
      // Catastrophic targets may be denied outright; otherwise the dialog asks and we deny.
      // Wait for the notice without clicking anything: a waiter left behind must not answer a later case's notice.
      const shown = await Promise.race([
        wb.notice().waitFor({ state: 'visible', timeout: 20000 }).then(() => true, () => false),
        hook.done.then(() => false),
      ]);
      if (shown) {
        const text = await wb.waitDialog(5000);
        await wb.screenshot('07-rm-rf-home-dialog.png', 'rm -rf ~/ inside bash -c');
        assert.match(text, /rm -rf|home|~/i);
        await wb.pressDeny();
        await expectDenied('cursor', hook);
      } else {
        await expectDenied('cursor', hook, { because: /home|~|catastroph/i });
      }
    }],

    ['4 terraform destroy -auto-approve against the production workspace asks; Escape denies', async () => {
      const infra = path.join(workspace, 'infra');
      const command = 'terraform destroy -auto-approve';
      const hook = run('cursor', cursor.shell(workspace, command, infra), infra);
      const text = await waitDialogFor('cursor', hook);
      await wb.screenshot('08-terraform-destroy-dialog.png', 'terraform destroy in infra/ whose selected workspace is production');
      assert.match(text, /terraform/i);
      assert.match(text, /production/i);
      await wb.dialog().locator('#phrase').click();
      await wb.page.keyboard.press('Escape');
      await expectDenied('cursor', hook);
    }],

    ['4b rm -rf on a Fly machine through fly ssh console: a remote production target, never "this machine"; Deny denies', async () => {
      const command = "fly ssh console -C 'rm -rf /data'";
      const hook = run('claude', claude.bash(workspace, command));
      const text = await waitDialogFor('claude', hook);
      await wb.screenshot('08b-remote-delete-dialog.png', 'rm -rf /data on a Fly machine (fly ssh console -C): the target is the machine, its environment unknown, treated as production');
      assert.match(text, /fly \(app of fly\.toml\):\/data/);
      assert.match(text, /production/i);
      assert.match(text, /environment unknown/i);
      assert.doesNotMatch(text, /this machine/i);
      // Nothing on this disk is previewed for a delete on another machine; the target is listed as remote.
      assert.doesNotMatch(text, /Files that would be deleted|Nothing found at/);
      assert.match(text, /Remote resources this acts on/);
      await wb.pressDeny();
      await expectDenied('claude', hook);
    }],

    ['6a a local rm -rf data/exports asks without a production banner, previews the files; Deny keeps them', async () => {
      const files = seedLocalExports();
      const command = `rm -rf ${LOCAL_EXPORTS}`;
      // The engine's own view first: it asks, and the target is local, not production.
      const verdict = engineCheck(command);
      assert.equal(verdict.decision, 'ask', `blast-shield check asks for ${command}: ${JSON.stringify(verdict)}`);
      assert.equal(verdict.production, false, 'blast-shield check: not production');
      const hook = run('claude', claude.bash(workspace, command));
      const text = await waitDialogFor('claude', hook);
      const dialog = wb.dialog();
      // The preview is computed after the dialog opens: wait for the file table.
      const table = dialog.locator('#preview table.files');
      await table.waitFor({ state: 'visible', timeout: 15000 });
      assert.equal(await dialog.locator('.banner').count(), 0, 'no production / unknown-environment banner');
      assert.doesNotMatch(text, /production/i, 'nothing in the dialog calls this production');
      const target = dialog.locator('ul.targets li', { hasText: LOCAL_EXPORTS });
      assert.equal(await target.count(), 1, `the target ${LOCAL_EXPORTS} is listed`);
      const targetText = (await target.innerText()).replace(/\s+/g, ' ');
      assert.match(targetText, /this machine/, `the target is on this machine: ${targetText}`);
      assert.match(targetText, /environment: local/, `the target's environment is local: ${targetText}`);
      assert.equal(await wb.shownPhrase(), verdict.confirm, 'the dialog asks for the phrase `blast-shield check` gives');
      const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent || '').trim())));
      const shown = Object.fromEntries(rows.map(([p, size]) => [p, size]));
      for (const f of files) assert.equal(shown[f.path], f.size, `the preview lists ${f.path} with its size ${f.size} (rows: ${JSON.stringify(rows)})`);
      const summary = ((await dialog.locator('#preview .kind-files .summary').textContent()) || '').trim();
      assert.match(summary, new RegExp(`^${files.length} files, ${LOCAL_EXPORTS_TOTAL.replace('.', '\\.')} under `), `the summary counts the files and bytes: ${summary}`);
      const undo = ((await dialog.locator('#recovery-summary').textContent()) || '').trim();
      assert.match(undo, /^A copy is kept for 7 days: restore with blast-shield restore \d{8}-\d{6}-[0-9a-f]{4} /, `the dialog says a copy is kept and how to restore it: ${undo}`);
      await dialog.locator('#preview').scrollIntoViewIfNeeded();
      await wb.screenshot('09-local-dialog.png', `local rm -rf ${LOCAL_EXPORTS}: no production banner, target on this machine, the files and sizes that would be deleted`);
      await wb.pressDeny();
      await expectDenied('claude', hook);
      for (const f of files) assert.equal(fs.statSync(f.abs).size, f.bytes, `${f.path} is still there after Deny: nothing ran`);
    }],

    ['6b the agent sends the denied delete again: a new dialog notes the earlier deny; the phrase allows it once', async () => {
      // The same command from the same hook right after the deny: the agent retrying (perhaps the user
      // said "go ahead" in chat). It gets a new dialog, never 6a's deny from memory.
      const command = `rm -rf ${LOCAL_EXPORTS}`;
      const localFiles = seedLocalExports();
      const verdict = engineCheck(command);
      const hook = run('claude', claude.bash(workspace, command));
      const text = await waitDialogFor('claude', hook);
      await wb.dialog().locator('#preview table.files').waitFor({ state: 'visible', timeout: 15000 });
      assert.match(text, /You denied this same action at .*The agent is sending it again\./, `the earlier deny is noted: ${text.slice(0, 400)}`);
      await assertDialogReady('retry');
      await wb.screenshot('09b-retry-notes-earlier-deny.png', 'the same delete sent again by the same agent: a new dialog, noting the earlier deny and when');
      const phrase = await wb.shownPhrase();
      assert.equal(phrase, verdict.confirm, 'the dialog asks for the phrase `blast-shield check` gives');
      assert.equal(phrase, LOCAL_EXPORTS, 'the phrase is the local path');
      assert.equal(await wb.allowButton().isDisabled(), true, '"Allow once" is disabled before the phrase is typed');
      await wb.typePhrase(phrase);
      assert.equal(await wb.allowButton().isDisabled(), false, '"Allow once" is enabled by the exact phrase');
      await wb.pressAllow();
      await expectAllowed('claude', hook);
      await wb.page.locator('.notification-toast', { hasText: /allowed once by you: destroy path data\/exports/i }).waitFor({ state: 'visible', timeout: 10000 });
      await wb.clearNotifications();
      // The copy was kept before the hook heard "allow", and the audit log names it: run the delete as
      // the host would, then restore.
      const audit = fs.readFileSync(path.join(env.BLAST_SHIELD_HOME, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const id = audit.reverse().find((e) => e.decision === 'allow' && e.decidedBy === 'human')?.snapshot;
      assert.match(String(id), /^\d{8}-\d{6}-[0-9a-f]{4}$/, `the audit entry of the allow names the kept copy: ${JSON.stringify(audit[0])}`);
      const before = Object.fromEntries(localFiles.map((f) => [f.abs, fs.readFileSync(f.abs, 'utf8')]));
      fs.rmSync(path.join(workspace, LOCAL_EXPORTS), { recursive: true });
      const restored = spawnSync(process.execPath, [cli, 'restore', id], { cwd: workspace, env, encoding: 'utf8', timeout: 30000 });
      assert.equal(restored.status, 0, `blast-shield restore ${id}: ${restored.stderr}${restored.stdout}`);
      for (const f of localFiles) assert.equal(fs.readFileSync(f.abs, 'utf8'), before[f.abs], `${f.path} is back byte for byte after blast-shield restore`);
      console.log(`       restored ${id}: ${localFiles.length} files back after the delete ran`);
    }],

    ['6c a delete of two folders asks for a phrase that names both', async () => {
      const command = 'rm -rf src legacy';
      const verdict = engineCheck(command);
      assert.equal(verdict.confirm, 'src legacy', `the engine's phrase covers every target: ${JSON.stringify(verdict)}`);
      const hook = run('cursor', cursor.shell(workspace, command));
      await waitDialogFor('cursor', hook);
      assert.equal(await wb.shownPhrase(), 'src legacy');
      assert.equal(await wb.dialog().locator('ul.targets li').count(), 2, 'both targets listed');
      await wb.screenshot('09c-two-folders-phrase.png', 'rm -rf src legacy: both targets listed, the phrase names both');
      await wb.pressDeny();
      await expectDenied('cursor', hook);
      assert.ok(fs.existsSync(path.join(workspace, 'legacy', 'config_backup.json')), 'nothing was deleted');
      await wb.clearNotifications();
    }],

    ['7 a credential read through the shell asks in the words of a credential, not of destruction', async () => {
      const hook = run('claude', claude.bash(workspace, 'cat .env'));
      const text = await waitDialogFor('claude', hook);
      await assertDialogReady('credential read');
      await wb.screenshot('10a-credential-read-dialog.png', 'cat .env: "An agent wants to read a credential", "What this would expose"');
      assert.match(text, /An agent wants to read a credential/);
      assert.match(text, /What this would expose/i);
      assert.doesNotMatch(text, /irreversible|would destroy/i);
      await wb.pressDeny();
      await expectDenied('claude', hook);
      await wb.clearNotifications();
    }],

    ['8 nobody answers: the deadline denies, and everyone is told it was the deadline', async () => {
      // A workspace may shorten the dialog's timeout (15 s is the least it accepts).
      const settingsDir = path.join(workspace, '.vscode');
      fs.mkdirSync(settingsDir, { recursive: true });
      fs.writeFileSync(path.join(settingsDir, 'settings.json'), JSON.stringify({ 'blastShield.dialog.timeoutSeconds': 15 }, null, 2));
      await sleep(3000);
      try {
        const hook = run('claude', claude.bash(workspace, 'rm -rf legacy'), workspace, 60000);
        await waitDialogFor('claude', hook, 30000, { review: false });
        const countdown = wb.dialog().locator('#countdown');
        await countdown.waitFor({ state: 'attached', timeout: 10000 });
        const left = Number(/(\d+) s left/.exec((await countdown.textContent()) || '')?.[1]);
        assert.ok(left <= 15, `the workspace's 15 s dialog timeout applies (countdown: ${left} s)`);
        const { message } = await expectDenied('claude', hook);
        assert.match(String(message), /^Nobody answered the Blast Shield dialog in time, so this action was denied\./, `the agent is told nobody answered: ${message}`);
        assert.doesNotMatch(String(message), /user denied/i);
        const toast = wb.page.locator('.notification-toast', { hasText: /denied, nobody answered in time/i });
        await toast.waitFor({ state: 'visible', timeout: 10000 });
        await wb.screenshot('11-deadline-notification.png', 'nobody answered: the hook denied at the deadline and the notification says so');
        // The notice cannot be closed by the extension; a late "Review…" finds nothing pending.
        if (await wb.notice().isVisible().catch(() => false)) await wb.notice().getByRole('button', { name: /review/i }).click();
        await wb.clearNotifications();
      } finally {
        fs.writeFileSync(path.join(settingsDir, 'settings.json'), '{}\n');
        await sleep(1000);
      }
    }],

    ['5a the agent reading .env is denied at once with no dialog', async () => {
      const envFile = path.join(workspace, '.env');
      const hook = run('cursor', cursor.readFile(workspace, envFile, fs.readFileSync(envFile, 'utf8')));
      const { result } = await expectDenied('cursor', hook, { maxMs: 5000, because: /credential|secret|\.env/i });
      await assertNoDialogFor(500);
      const claudeHook = run('claude', claude.read(workspace, envFile));
      await expectDenied('claude', claudeHook, { maxMs: 5000, because: /credential|secret|\.env/i });
      assert.ok(!/SESSION_SECRET=\w/.test(result.stdout), 'no file content echoed back');
    }],

    ["5b the agent editing the guard's own hook config is denied", async () => {
      const hooksFile = path.join(workspace, '.cursor', 'hooks.json');
      const before = fs.existsSync(hooksFile) ? fs.readFileSync(hooksFile, 'utf8') : '';
      const hook = run('cursor', cursor.write(workspace, hooksFile, '{"version":1,"hooks":{}}\n'));
      await expectDenied('cursor', hook, { maxMs: 5000, because: /protect|its own|hook config|self/i });
      const settingsFile = path.join(workspace, '.claude', 'settings.json');
      const claudeHook = run('claude', claude.edit(workspace, settingsFile, '"PreToolUse"', '"Disabled"'));
      await expectDenied('claude', claudeHook, { maxMs: 5000, because: /protect|its own|hook config|self/i });
      await assertNoDialogFor(300);
      assert.equal(fs.existsSync(hooksFile) ? fs.readFileSync(hooksFile, 'utf8') : '', before, 'the hook config is unchanged');
    }],

    ['the status bar says protected once the installed hooks have been heard from', async () => {
      await wb.page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => (e.textContent || '').trim() === 'Blast Shield'), undefined, { timeout: 15000 });
      await wb.statusItem().click();
      const status = wb.page.locator('.monaco-dialog-box');
      await status.waitFor({ state: 'visible', timeout: 10000 });
      await wb.screenshot('10-status.png', 'Blast Shield: Show Status after the cases: hooks installed, events seen, protected');
      assert.match((await status.innerText()).replace(/\s+/g, ' '), /Overall: protected/i);
      await wb.page.keyboard.press('Escape');
    }],
  ];
}
