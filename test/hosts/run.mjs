// `npm run test:hosts`: the real agent CLIs from npm (pinned in scripts/agents-env.mjs, cached in
// ~/.cache/blast-shield-agents), each driven against a model stand-in on 127.0.0.1 that plays scripted
// tool calls and records every request. The hook is installed with the real `blast-shield install`
// into a temp HOME, and each client runs in the mode that lets every tool run, so only the hook can
// stop an action. Evidence per scenario comes from the client itself (see scenarios.mjs).
//
//   node test/hosts/run.mjs [--client claude,copilot] [--scenario incident-curl,…] [--no-editor]
//
// Layout (one module per concern, so another client is one more file):
//   standins/<api>.mjs   a model API stand-in: start…Standin() -> { url, model: ScriptedModel, offeredEver, close }
//   clients/<id>.mjs     one client: { id, host, api, tools, hookConfigFile, env, setup?, prepare?, run,
//                        isHookDeny, extraScenarios?, unavailable? }
//   scenarios.mjs        the shared scenarios and the workspace they run in
//   editor.mjs           allow once: the real editor (code-server + the VSIX, in Chromium) answers the dialog
// A watchdog bounds the run (BLAST_SHIELD_HOSTS_TIMEOUT seconds, default 900). Ends with the plain
// line "hosts: N passed, N failed, N skipped"; evidence goes to test-results/hosts/evidence.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensureAgent } from '../../scripts/agents-env.mjs';
import { REPO_ROOT, log, runChecked } from '../support/editorRun.mjs';
import { installGuard, runScenario } from './harness.mjs';
import { stopDecider } from '../support/decider.mjs';
import { SCENARIOS, installCurlStandin } from './scenarios.mjs';
import { startAnthropicStandin } from './standins/anthropic.mjs';
import { startOpenAiStandin } from './standins/openai.mjs';
import { startGeminiStandin } from './standins/gemini.mjs';
import { startResponsesStandin } from './standins/responses.mjs';
import claude from './clients/claude.mjs';
import copilot from './clients/copilot.mjs';
import cline from './clients/cline.mjs';
import gemini from './clients/gemini.mjs';
import codex from './clients/codex.mjs';

const LABEL = 'hosts';
const CLIENTS = [claude, copilot, cline, gemini, codex];
const STANDINS = { anthropic: startAnthropicStandin, openai: startOpenAiStandin, gemini: startGeminiStandin, responses: startResponsesStandin };

const args = process.argv.slice(2);
function listArg(name) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1].split(',') : undefined;
}
const onlyClients = listArg('--client');
const onlyScenarios = listArg('--scenario');
const withEditor = !args.includes('--no-editor');
const timeoutS = Number(process.env.BLAST_SHIELD_HOSTS_TIMEOUT || 900);
const resultsDir = path.join(REPO_ROOT, 'test-results', 'hosts');

let passed = 0;
let failed = 0;
let skipped = 0;
const evidence = [];
const cleanups = [];

function summary() {
  return `hosts: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}

let finishing = false;
async function finish(code) {
  if (finishing) return;
  finishing = true;
  clearTimeout(watchdog);
  for (const c of cleanups.reverse()) await Promise.resolve().then(c).catch(() => {});
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'evidence.json'), JSON.stringify(evidence, null, 2) + '\n');
  console.log(summary());
  process.exit(code);
}

const watchdog = setTimeout(async () => {
  log(LABEL, `TIMEOUT: the host-level run exceeded ${timeoutS} s; stopping`);
  failed++;
  await finish(1);
}, timeoutS * 1000);

async function runClientScenarios(client) {
  const scenarios = [...SCENARIOS, ...(client.extraScenarios || [])].filter((s) => !onlyScenarios || onlyScenarios.includes(s.id));
  if (client.unavailable) {
    for (const s of scenarios) {
      skipped++;
      console.log(`  skip ${client.id} ${s.id}: ${client.unavailable}`);
    }
    return;
  }
  const agent = ensureAgent(client.id);
  const probe = spawnSync(agent.bin, ['--version'], { encoding: 'utf8', timeout: 30000, env: { ...process.env, HOME: os.tmpdir() } });
  const version = (probe.stdout || '').trim().split('\n')[0] || `--version failed: ${probe.error ? probe.error.message : `exit ${probe.status}`}`;
  log(LABEL, `${client.id}: ${agent.pkg}@${agent.version} (${version})`);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), `bs-hosts-${client.id}-`));
  if (!process.env.BLAST_SHIELD_KEEP_TEMP) cleanups.push(() => fs.rmSync(runDir, { recursive: true, force: true }));
  const home = path.join(runDir, 'home');
  const guardHome = path.join(runDir, 'guard-home');
  fs.mkdirSync(home, { recursive: true });
  // Runs before the folder is removed (clean-ups run last first), and also when it is kept.
  cleanups.push(() => stopDecider(guardHome));
  const standin = await STANDINS[client.api]();
  cleanups.push(() => standin.close());
  const curl = installCurlStandin(runDir);
  const agentBinDir = path.dirname(agent.bin);
  installGuard({ host: client.host, home, guardHome, agentBinDir });
  if (client.setup) await client.setup({ agent, home, standin, guardHome });
  // Background processes a client leaves behind (Cline's hub daemon) end with the run, before its HOME goes.
  if (client.teardown) cleanups.push(() => client.teardown({ home }));
  for (const scenario of scenarios) {
    const t = Date.now();
    const name = `${client.id} ${scenario.id}`;
    const record = { client: client.id, package: `${agent.pkg}@${agent.version}`, scenario: scenario.id, title: scenario.title, expect: scenario.expect };
    try {
      const lines = await runScenario({ client, agent, standin, scenario, runDir, home, guardHome, curl });
      passed++;
      record.ok = true;
      record.evidence = lines;
      console.log(`  ok   ${name} (${((Date.now() - t) / 1000).toFixed(1)}s): ${scenario.title}`);
      for (const l of lines) console.log(`         ${l}`);
    } catch (e) {
      failed++;
      record.ok = false;
      record.error = String((e && e.message) || e);
      console.log(`  FAIL ${name} (${((Date.now() - t) / 1000).toFixed(1)}s): ${record.error.split('\n').slice(0, 4).join(' | ')}`);
    }
    evidence.push(record);
    if (scenario.reinstall) installGuard({ host: client.host, home, guardHome, agentBinDir });
  }
}

async function main() {
  const started = Date.now();
  runChecked('build (node esbuild.mjs)', process.execPath, ['esbuild.mjs']);
  for (const client of CLIENTS) {
    if (onlyClients && !onlyClients.includes(client.id)) continue;
    await runClientScenarios(client);
  }
  if (withEditor && (!onlyScenarios || onlyScenarios.includes('allow-once-real-editor'))) {
    const { runAllowOnce } = await import('./editor.mjs');
    const outcome = await runAllowOnce({ clients: CLIENTS.filter((c) => !onlyClients || onlyClients.includes(c.id)), log: (m) => log(LABEL, m), cleanups });
    passed += outcome.passed;
    failed += outcome.failed;
    skipped += outcome.skipped;
    evidence.push(...outcome.evidence);
  }
  log(LABEL, `finished in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => finish(code),
  async (e) => {
    console.error(`hosts: ${(e && e.stack) || e}`);
    failed++;
    await finish(1);
  },
);
