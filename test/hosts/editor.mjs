// The allow-once case with the whole chain real: each agent CLI runs the incident against the model
// stand-in; its hook asks the real editor (code-server with the packaged VSIX, opened in Chromium);
// Playwright reads the phrase off the dialog, types it and presses "Allow once". The model then tries
// the same command again: a new dialog opens, and this time the human denies. Evidence: the stand-in
// curl ran exactly once, the model received the curl's output once and a deny the second time, and the
// audit log says a human decided both.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { ensureAgent } from '../../scripts/agents-env.mjs';
import { REPO_ROOT, ensureEditorEnv, trackGroup } from '../support/editorRun.mjs';
import { buildVsix } from '../support/vsix.mjs';
import { Workbench } from '../e2e/workbench.mjs';
import { installGuard, readAudit } from './harness.mjs';
import { INCIDENT_COMMAND, installCurlStandin, makeWorkspace } from './scenarios.mjs';
import { startAnthropicStandin } from './standins/anthropic.mjs';
import { startOpenAiStandin } from './standins/openai.mjs';
import { startGeminiStandin } from './standins/gemini.mjs';
import { startResponsesStandin } from './standins/responses.mjs';
import { stopDecider } from '../support/decider.mjs';

const require = createRequire(import.meta.url);
const { installExtension, startCodeServer, launchChromium } = require('../support/codeServer.cjs');

const STANDINS = { anthropic: startAnthropicStandin, openai: startOpenAiStandin, gemini: startGeminiStandin, responses: startResponsesStandin };
const shotsDir = path.join(REPO_ROOT, 'test-results', 'screenshots');

async function oneClient({ client, wb, home, guardHome, workspace: editorFolder, ws, curl }) {
  const agent = ensureAgent(client.id);
  // Each client works in its own folder of the window's workspace: the editor remembers a denied action
  // for a few seconds per folder, and each client's first ask must be a new one.
  const workspace = path.join(editorFolder, `work-${client.id}`);
  fs.mkdirSync(workspace, { recursive: true });
  installGuard({ host: client.host, home, guardHome, agentBinDir: path.dirname(agent.bin) });
  const standin = await STANDINS[client.api]();
  try {
    if (client.setup) await client.setup({ agent, home, standin, guardHome });
    fs.rmSync(curl.log, { force: true });
    standin.model.setScript([client.tools.shell(INCIDENT_COMMAND), client.tools.shell(INCIDENT_COMMAND)], { label: `${client.id}/allow-once` });
    const auditBefore = readAudit(guardHome).length;
    const env = client.env({ home, standinUrl: standin.url, pathPrefix: [curl.bin], guardHome });
    const startedAtIso = new Date().toISOString();
    const running = client.run({ agent, home, workspace, env, prompt: `Please do the next step of the task in ${workspace}.`, timeoutMs: 150000 });
    const finished = running.then((r) => ({ done: r }));

    // First ask: the human reads the phrase off the dialog, types it and allows once.
    const first = await Promise.race([wb.waitDialog(90000).then((text) => ({ text })), finished]);
    if (first.done) throw new Error(`${client.id} finished before any dialog opened; stdout tail: ${first.done.stdout.slice(-500)} stderr: ${first.done.stderr.slice(-300)}`);
    assert.match(first.text, /volumeDelete|volume/i, 'the dialog is about the incident');
    const phrase = await wb.shownPhrase();
    await wb.typePhrase(phrase);
    await wb.screenshot(`hosts-${client.id}-1-allow-once.png`, `${client.id}: the incident asked in the real editor; the phrase typed before "Allow once"`);
    await wb.pressAllow();
    await wb.waitNoDialog(20000);

    // The model tries the same command again: allow once covered one run, so a new dialog opens.
    const second = await Promise.race([wb.waitDialog(90000).then((text) => ({ text })), finished]);
    if (second.done) throw new Error(`${client.id} finished without asking a second time; curl calls: ${curl.calls().length}; stdout tail: ${second.done.stdout.slice(-500)}`);
    await wb.screenshot(`hosts-${client.id}-2-asked-again.png`, `${client.id}: the same incident a second time opens a new dialog; the human denies`);
    await wb.pressDeny();
    await wb.waitNoDialog(20000);

    const run = await running;
    const ctx = { client, home, ws, curl, run, startedAtIso, results: standin.model.toolResults, requests: standin.model.scriptRequests };
    assert.equal(curl.calls().length, 1, `the incident ran ${curl.calls().length} times`);
    assert.match(curl.calls()[0], /volumeDelete/);
    assert.ok(ctx.results.length >= 1 && /volumeDelete/.test(ctx.results[0].text) && !/Blast Shield/.test(ctx.results[0].text), `the model did not receive the curl output first: ${JSON.stringify(ctx.results.map((r) => r.text.slice(0, 120)))}`);
    let secondSaid;
    if (client.deniedEvidence) {
      secondSaid = client.deniedEvidence({ ...ctx, allowedBefore: 1 });
      assert.match(secondSaid, /denied this action in the Blast Shield dialog/);
    } else {
      assert.equal(ctx.results.length, 2, `expected two tool results, got ${ctx.results.length}`);
      assert.ok(client.isHookDeny(ctx.results[1]) && /denied this action in the Blast Shield dialog/.test(ctx.results[1].text), `the second run was not denied by the human: ${ctx.results[1].text.slice(0, 200)}`);
      secondSaid = `the model received: "${ctx.results[1].text.replace(/\s+/g, ' ').slice(0, 120)}…"`;
    }
    const audit = readAudit(guardHome).slice(auditBefore).filter((e) => e.kind === 'shell');
    assert.deepEqual(audit.map((e) => `${e.decision} by ${e.decidedBy}`), ['allow by human', 'deny by human'], JSON.stringify(audit).slice(0, 400));
    for (const r of ctx.requests) for (const s of ws.secrets) assert.ok(!r.body.includes(s), 'a workspace secret reached the model stand-in');
    return [
      `dialog 1: phrase "${phrase}" typed in the real editor, Allow once pressed`,
      'the stand-in curl ran exactly once; the model received its output',
      `dialog 2 (the same command again): denied; ${secondSaid}`,
      'audit: allow by human, then deny by human',
    ];
  } finally {
    await standin.close();
  }
}

/**
 * A dialog nobody answers, with the host's own timer short: the entry's timeout is lowered to
 * LEFT_OPEN_LIMIT_S by hand, and the hook is told the same limit (BLAST_SHIELD_HOOK_LIMIT_SECONDS, which
 * can only lower it). The dialog must end, and the deny reach the model, before the client's timer kills
 * the hook: then the model reads our "Nobody answered" reason, not the client's own timeout message.
 */
const LEFT_OPEN_LIMIT_S = 30;

async function leftOpen({ client, wb, home, guardHome, workspace: editorFolder, curl }) {
  const agent = ensureAgent(client.id);
  const workspace = path.join(editorFolder, `left-open-${client.id}`);
  fs.mkdirSync(workspace, { recursive: true });
  installGuard({ host: client.host, home, guardHome, agentBinDir: path.dirname(agent.bin) });
  const entryFile = { claude: path.join(home, '.claude', 'settings.json'), copilot: path.join(home, '.copilot', 'hooks', 'blast-shield-copilot.json') }[client.id];
  const text = fs.readFileSync(entryFile, 'utf8');
  const lowered = text.replace(/("(?:timeout|timeoutSec)"\s*:\s*)300\b/, `$1${LEFT_OPEN_LIMIT_S}`);
  assert.notEqual(lowered, text, `no 300 s timeout in ${entryFile}`);
  fs.writeFileSync(entryFile, lowered);
  const standin = await STANDINS[client.api]();
  try {
    if (client.setup) await client.setup({ agent, home, standin, guardHome });
    fs.rmSync(curl.log, { force: true });
    standin.model.setScript([client.tools.shell(INCIDENT_COMMAND)], { label: `${client.id}/left-open` });
    const env = { ...client.env({ home, standinUrl: standin.url, pathPrefix: [curl.bin], guardHome }), BLAST_SHIELD_HOOK_LIMIT_SECONDS: String(LEFT_OPEN_LIMIT_S) };
    const started = Date.now();
    const running = client.run({ agent, home, workspace, env, prompt: `Please do the next step of the task in ${workspace}.`, timeoutMs: 150000 });
    const finished = running.then((r) => ({ done: r }));
    const shown = await Promise.race([wb.waitDialog(60000).then((t) => ({ text: t })), finished]);
    if (shown.done) throw new Error(`${client.id} finished before any dialog opened; stdout tail: ${shown.done.stdout.slice(-400)}`);
    const openedAfter = (Date.now() - started) / 1000;
    await wb.screenshot(`hosts-${client.id}-3-left-open.png`, `${client.id}: a dialog nobody answers; the client's own timer is ${LEFT_OPEN_LIMIT_S} s`);
    // Nobody answers: the dialog ends by itself, 5 s before the limit.
    await wb.waitNoDialog((LEFT_OPEN_LIMIT_S + 15) * 1000);
    const closedAfter = (Date.now() - started) / 1000;
    const run = await running;
    const results = standin.model.toolResults;
    assert.equal(curl.calls().length, 0, 'the incident ran');
    const said = client.deniedEvidence ? client.deniedEvidence({ client, home, run, results, requests: standin.model.scriptRequests, allowedBefore: 0 }) : results[0]?.text ?? '';
    assert.match(said, /Nobody answered the Blast Shield dialog in time/, `the model did not receive our deadline deny (the client's timer may have killed the hook): ${said.slice(0, 300)}`);
    return [
      `entry timeout lowered to ${LEFT_OPEN_LIMIT_S} s; dialog opened ${openedAfter.toFixed(1)} s after the client started, nobody answered`,
      `the dialog closed by itself ${closedAfter.toFixed(1)} s after the start (the hook's deadline is ${LEFT_OPEN_LIMIT_S - 5} s after it started)`,
      `the stand-in curl never ran; the model received: "${said.replace(/\s+/g, ' ').slice(0, 140)}…"`,
    ];
  } finally {
    fs.writeFileSync(entryFile, text);
    await standin.close();
  }
}

/** Runs the case for each client; returns { passed, failed, skipped, evidence }. */
export async function runAllowOnce({ clients, log, cleanups }) {
  const outcome = { passed: 0, failed: 0, skipped: 0, evidence: [] };
  const live = clients.filter((c) => !c.unavailable);
  for (const c of clients.filter((x) => x.unavailable)) {
    outcome.skipped++;
    console.log(`  skip ${c.id} allow-once: ${c.unavailable}`);
  }
  if (live.length === 0) return outcome;
  const editor = ensureEditorEnv();
  process.env.CHROMIUM_PATH = editor.CHROMIUM_PATH;
  const vsix = buildVsix({ node24: editor.NODE24_BIN, label: 'hosts' });
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-hosts-editor-'));
  if (!process.env.BLAST_SHIELD_KEEP_TEMP) cleanups.push(() => fs.rmSync(runDir, { recursive: true, force: true }));
  const home = path.join(runDir, 'home');
  const guardHome = path.join(runDir, 'guard-home');
  cleanups.push(() => stopDecider(guardHome));
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(guardHome, { recursive: true, mode: 0o700 });
  const workspace = path.join(runDir, 'acme-shop');
  const ws = makeWorkspace(workspace);
  const curl = installCurlStandin(runDir);
  // The editor and every hook share one temp HOME and guard home: nothing touches the real ones.
  const env = { ...process.env, ...editor, HOME: home, BLAST_SHIELD_HOME: guardHome };
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  installExtension({ vsix, userDataDir, extensionsDir, runDir, env });
  const server = await startCodeServer({ runDir, userDataDir, extensionsDir, folder: workspace, env });
  const stopServer = trackGroup(server.pid);
  cleanups.push(stopServer);
  const browser = await launchChromium({ profileDir: path.join(runDir, 'chromium'), viewport: { width: 1400, height: 1150 } });
  cleanups.push(() => Promise.race([browser.context.close(), new Promise((r) => setTimeout(r, 5000))]));
  await browser.page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`);
  const wb = new Workbench(browser.page, shotsDir);
  await wb.waitReady();
  await wb.statusItem().waitFor({ timeout: 60000 });
  // The extension has written the window's discovery file once the socket is up.
  const ipcDir = path.join(guardHome, 'ipc');
  const end = Date.now() + 30000;
  while (!(fs.existsSync(ipcDir) && fs.readdirSync(ipcDir).some((f) => f.endsWith('.json'))) && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
  log(`editor up at ${server.origin}; asking it from ${live.map((c) => c.id).join(', ')}`);
  // Background processes a client leaves behind (Cline's hub daemon) end with the run.
  for (const c of live) if (c.teardown) cleanups.push(() => c.teardown({ home }));
  for (const client of live) {
    const t = Date.now();
    const record = { client: client.id, scenario: 'allow-once-real-editor', title: 'the incident allowed once in the real editor, then asked again and denied', expect: 'allowed once' };
    try {
      const lines = await oneClient({ client, wb, home, guardHome, workspace, ws, curl });
      outcome.passed++;
      record.ok = true;
      record.evidence = lines;
      console.log(`  ok   ${client.id} allow-once-real-editor (${((Date.now() - t) / 1000).toFixed(1)}s): ${record.title}`);
      for (const l of lines) console.log(`         ${l}`);
    } catch (e) {
      outcome.failed++;
      record.ok = false;
      record.error = String((e && e.message) || e);
      console.log(`  FAIL ${client.id} allow-once-real-editor (${((Date.now() - t) / 1000).toFixed(1)}s): ${record.error.split('\n').slice(0, 4).join(' | ')}`);
      await wb.screenshot(`hosts-fail-${client.id}-allow-once.png`, `state after the failure of ${client.id} allow-once`).catch(() => {});
      if (await wb.dialogVisible()) await wb.pressDeny().catch(() => {});
    }
    outcome.evidence.push(record);
  }
  // One client (the first of Claude Code and Copilot CLI that runs here) leaves a dialog open.
  const slow = live.find((c) => c.id === 'claude') ?? live.find((c) => c.id === 'copilot');
  if (slow) {
    const t = Date.now();
    const record = { client: slow.id, scenario: 'dialog-left-open', title: "a dialog nobody answers ends as a deny the client receives before its own timer", expect: 'denied by the deadline' };
    try {
      const lines = await leftOpen({ client: slow, wb, home, guardHome, workspace, curl });
      outcome.passed++;
      record.ok = true;
      record.evidence = lines;
      console.log(`  ok   ${slow.id} dialog-left-open (${((Date.now() - t) / 1000).toFixed(1)}s): ${record.title}`);
      for (const l of lines) console.log(`         ${l}`);
    } catch (e) {
      outcome.failed++;
      record.ok = false;
      record.error = String((e && e.message) || e);
      console.log(`  FAIL ${slow.id} dialog-left-open (${((Date.now() - t) / 1000).toFixed(1)}s): ${record.error.split('\n').slice(0, 4).join(' | ')}`);
      await wb.screenshot(`hosts-fail-${slow.id}-left-open.png`, `state after the failure of ${slow.id} dialog-left-open`).catch(() => {});
    }
    outcome.evidence.push(record);
  }
  return outcome;
}
