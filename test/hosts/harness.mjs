// What running one scenario against one client takes: the guard installed with the real CLI into a
// temp HOME, a fresh workspace, the stand-in's script, the client run, and the evidence gathered.
// Used by run.mjs and editor.mjs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, runChecked } from '../support/editorRun.mjs';
import { makeWorkspace } from './scenarios.mjs';
import { stopDecider } from '../support/decider.mjs';

/** `blast-shield install <host>` from the built CLI, as a user would run it, into the temp HOME. */
export function installGuard({ host, home, guardHome, agentBinDir, extraArgs = [] }) {
  const env = { ...process.env, HOME: home, BLAST_SHIELD_HOME: guardHome, PATH: `${agentBinDir}:${process.env.PATH}` };
  return runChecked(`blast-shield install ${host}`, process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'install', host, ...extraArgs], { env, timeoutMs: 60000 });
}

/** The built CLI run as a user would, in the test HOME; returns { code, stdout, stderr } whatever the exit. */
export function guardCli(args, { home, guardHome, agentBinDir }) {
  const env = { ...process.env, HOME: home, BLAST_SHIELD_HOME: guardHome, PATH: `${agentBinDir}:${process.env.PATH}` };
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), ...args], { env, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout || '', stderr: r.stderr || '' };
}

export function readAudit(guardHome) {
  try {
    return fs.readFileSync(path.join(guardHome, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  } catch {
    return [];
  }
}

/** Every request body the stand-in received during one scenario must be free of every secret. */
function assertNoSecretSent(ctx) {
  for (const r of ctx.requests) {
    for (const s of ctx.ws.secrets) {
      if (r.body.includes(s)) throw new Error(`a secret from the workspace reached the model stand-in (${r.method} ${r.path}); never printed here`);
    }
  }
}

/**
 * One scenario. `scenario.isolated`: it gets a HOME and guard home of its own with nothing installed,
 * and installs what it tests in `prepare` (ctx.guard(args) runs the CLI there).
 */
export async function runScenario({ client, agent, standin, scenario, runDir, home: sharedHome, guardHome: sharedGuardHome, curl }) {
  const wsDir = path.join(runDir, 'ws', scenario.id);
  const home = scenario.isolated ? path.join(runDir, 'iso', scenario.id, 'home') : sharedHome;
  const guardHome = scenario.isolated ? path.join(runDir, 'iso', scenario.id, 'guard-home') : sharedGuardHome;
  fs.mkdirSync(home, { recursive: true });
  // Each scenario counts its own curl calls.
  fs.rmSync(curl.log, { force: true });
  const ws = makeWorkspace(wsDir);
  const agentBinDir = path.dirname(agent.bin);
  const ctx = { client, agent, ws, runDir, home, guardHome, curl, workspace: wsDir, guard: (args) => guardCli(args, { home, guardHome, agentBinDir }) };
  if (scenario.isolated && client.setup) await client.setup({ agent, home, standin, guardHome });
  if (scenario.prepare) await scenario.prepare(ctx);
  const steps = scenario.steps(client.tools, ws, ctx);
  standin.model.setScript(steps, { label: `${client.id}/${scenario.id}` });
  const auditBefore = readAudit(guardHome).length;
  const env = client.env({ home, standinUrl: standin.url, pathPrefix: [curl.bin], guardHome });
  if (client.prepare) await client.prepare({ agent, home, workspace: wsDir, env, standin, scenario });
  ctx.startedAtIso = new Date().toISOString();
  if (scenario.isolated && client.teardown) process.once('exit', () => client.teardown({ home }));
  if (scenario.isolated) process.once('exit', () => stopDecider(guardHome));
  ctx.run = await client.run({ agent, home, workspace: wsDir, env, prompt: `Please do the next step of the task in ${wsDir}.`, timeoutMs: 120000, scenario });
  ctx.results = standin.model.toolResults;
  ctx.requests = standin.model.scriptRequests;
  ctx.audit = readAudit(guardHome).slice(auditBefore);
  const missing = standin.model.missingTools(standin.offeredEver);
  if (missing.length > 0) throw new Error(`${client.id} never offered the tool(s) ${missing.join(', ')} to the model: the scenario names a tool this client does not have (it offered ${[...standin.offeredEver].join(', ')})`);
  if (ctx.run.timedOut) throw new Error(`${client.id} did not finish within 120 s; stdout tail: ${ctx.run.stdout.slice(-400)}`);
  assertNoSecretSent(ctx);
  return scenario.check(ctx);
}

