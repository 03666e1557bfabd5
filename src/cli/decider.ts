import { runHook } from '../hook/runHook';
import { createRealEngine } from '../hook/realEngine';
import { forgetPartialBuilds } from '../node/credentials/credentialCache';
import { WorkspaceFeeds } from '../node/credentials/changeFeed';
import { forgetSecretlintLoad } from '../node/credentials/loadSecretlint';
import { forgetTrustedPrograms } from '../node/trustedProgram';
import { guardHome } from '../node/guardHome';
import { LOADER_VARIABLES } from '../node/hosts/hookEntry';
import type { DeciderRequest } from '../node/decider/protocol';
import { startDeciderServer, type Decide, type DecideOutcome, type DeciderServerHandle } from '../node/decider/server';
import { startDecisionWatchdog, type DecisionWatchdog } from '../node/decider/decisionWatchdog';
import { boxedByOuterWatchdog } from '../hook/timeBox';
import type { CliIo } from './io';
import { EnvironmentSwap } from './environmentSwap';
import { warmUpDecision } from './deciderWarmUp';
import { launcherBuild } from './stdinRead';

const HELP = `usage: blast-shield decider

Internal: the warm decision server the hook starts by itself (docs/decision-server.md). It answers
the hook's calls for every host over a socket in the guard home, each answer signed with
a key only guard processes read, and exits after an hour without a call. Agents may not start it.
`;

/**
 * One call as the hook process would make it: the client's environment (process.env itself, so
 * whatever reads it, git's environment included, sees the same), its working folder, its pids for the
 * agent's session, and per-process caches dropped. Calls are serialised by the server, so swapping the
 * environment is safe. A call that needs the editor is declined: the hook asks in-process.
 */
export function decideAsHook(cli: string, feed?: WorkspaceFeeds): Decide {
  const env = new EnvironmentSwap();
  return async (request: DeciderRequest, early?: (outcome: DecideOutcome) => void) => {
    // Every file-system event queued before this call is applied before anything is decided.
    await feed?.settle();
    // The shim clears these, and a client started with NODE_OPTIONS never asks: a request carrying one
    // did not come from the hook as hosts run it. Decided in-process, where it came from, never here
    // (this process's children would inherit them).
    if (LOADER_VARIABLES.some((name) => request.env[name] !== undefined)) return { declined: 'protocol' as const };
    forgetPartialBuilds();
    forgetTrustedPrograms();
    forgetSecretlintLoad();
    const savedCwd = process.cwd();
    env.swap(request.env);
    try {
      try {
        process.chdir(request.cwd);
      } catch {
        // The hook process runs in that folder; deciding from another one (git and relative paths
        // would see the server's) is not the same decision: the hook decides it in-process.
        return { declined: 'failed' as const };
      }
      const result = await runHook(request.host, request.input, process.env, {
        engine: createRealEngine(process.env, { cli, asker: { selfPid: request.pid, parentPid: request.ppid }, ...(feed ? { feed } : {}) }),
        declineAsks: true,
      });
      const outcome: DecideOutcome = result.declined ? { declined: 'ask' } : { result: { stdout: result.stdout, ...(result.stderr ? { stderr: result.stderr } : {}), exitCode: result.exitCode, decision: result.decision } };
      // The audit line is written (runHook appends it before it returns): the answer can go out
      // before the server's own environment and folder are put back, which changes nothing in it.
      early?.(outcome);
      return outcome;
    } finally {
      env.restore();
      try {
        process.chdir(savedCwd);
      } catch {
        // stays where it is
      }
    }
  };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args[0] === '--help' || args[0] === '-h') {
    io.stdout(HELP);
    return 0;
  }
  const build = launcherBuild();
  // Only as started by the hook: the launcher's build known, no runtime options, nothing preloaded by the environment.
  if (!build || process.execArgv.length > 0 || process.env.NODE_OPTIONS) {
    io.stderr('blast-shield decider: only the hook starts the decision server\n');
    return 2;
  }
  // `kill -USR1` would open Node's inspector, and a debugger attached here could read the key: the
  // signal is taken over (nothing opens) and the server stops; the next hook call starts another.
  let handle: DeciderServerHandle | undefined;
  const quit = (): void => (handle ? void handle.close() : process.exit(0));
  process.on('SIGUSR1', quit);
  process.on('SIGTERM', quit);
  const cli = process.argv[1] ?? '';
  // One watchdog thread for every decision instead of node:vm's thread per analysis (timeBox.ts),
  // started once the socket is up (a worker's start would delay the first answer); until it runs,
  // decisions keep their per-call boxes.
  let watchdog: DecisionWatchdog | undefined;
  const armed: DecisionWatchdog = { arm: (ms) => watchdog?.arm(ms), disarm: () => watchdog?.disarm(), alive: () => watchdog?.alive() ?? false };
  // The credential index's change feed (changeFeed.ts): whole-workspace questions check only the folders that changed.
  const feed = new WorkspaceFeeds();
  const decide = decideAsHook(cli, feed);
  handle = await startDeciderServer({ home: guardHome(io.env), build, decide, onStop: () => process.exit(0), watchdog: armed, warmUp: () => warmUpDecision(decide, build, io.env) });
  if (!handle) return 0;
  setImmediate(() => {
    watchdog = startDecisionWatchdog();
    if (watchdog) boxedByOuterWatchdog(armed.alive);
  });
  // Runs until idle; the socket keeps the process alive.
  return new Promise<number>(() => undefined);
}
