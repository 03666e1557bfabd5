import { analyze } from '../core/policy/analyze';
import { classify } from '../core/policy/classify';
import type { CredentialFacts } from '../core/policy/types';
import { lazyCredentialFacts } from '../node/credentials/credentialFacts';
import { knownSecretsOf } from '../node/credentials/knownSecrets';
import { HOOK_BUILD_MS, startBackgroundIndex } from '../node/credentials/backgroundIndex';
import type { IndexChangeFeed } from '../node/credentials/credentialCache';
import { checkAgentRead, isCredentialPath } from '../node/credentials/readCheck';
import { gatherFacts } from '../node/facts';
import { agentSessionStart } from '../node/scriptStability';
import { GUARD_PATHS, guardHome } from '../node/guardHome';
import type { FactsRequest, HookEngine } from './engine';
import { withinTimeBox } from './timeBox';

/**
 * Longest a single analysis (a command, a read check) may take before the hook gives up and denies:
 * far beyond any real command (they take microseconds to milliseconds), far inside every host's limit.
 */
export const ANALYSIS_TIME_LIMIT_MS = 15_000;

/**
 * The hook's engine: the policy engine's classify and facts, the workspace credential index for
 * credential reads and provenance, and the credential read check.
 */
export interface EngineProcess {
  /** The CLI to start `index` with (the decision server passes its own; the hook uses its argv). */
  cli?: string;
  /** The hook process whose agent's session counts (the decision server passes its client's pids). */
  asker?: { selfPid: number; parentPid: number };
  /** The decision server's change feed for kept credential indexes (changeFeed.ts); none in a hook process. */
  feed?: IndexChangeFeed;
}

export function createRealEngine(env: Readonly<Record<string, string | undefined>>, processOf: EngineProcess = {}): HookEngine {
  const cacheDir = GUARD_PATHS.cacheDir(guardHome(env));
  // A workspace with no kept credential index: the hook walks it for HOOK_BUILD_MS at most, answers
  // from that (conservatively where it did not finish) and starts the CLI it runs as (`index`) in the
  // background to build the whole index. In-process (tests) nothing is started.
  const cli = processOf.cli ?? (process.argv[2] === 'hook' ? process.argv[1] : undefined);
  const build = { buildTimeMs: HOOK_BUILD_MS, ...(cli ? { background: (root: string) => void startBackgroundIndex(root, cacheDir, cli) } : {}), ...(processOf.feed ? { feed: processOf.feed } : {}) };
  return {
    async gatherFacts(request: FactsRequest) {
      // Loaded on the first credential question only (most commands ask none), without secretlint:
      // too heavy for every hook call; the extension's refresh runs it.
      const credentials: CredentialFacts | undefined =
        request.workspaceRoots.length > 0 ? lazyCredentialFacts({ workspaceRoots: request.workspaceRoots, home: request.home, cacheDir, secretlint: false, ...build }) : undefined;
      return gatherFacts({ cwd: request.cwd, workspaceRoots: request.workspaceRoots, env: request.env, home: request.home, credentials, ...(request.strictScripts ? { scriptSession: () => agentSessionStart(undefined, processOf.asker) } : {}) });
    },
    classify: (command, facts, options) => withinTimeBox(ANALYSIS_TIME_LIMIT_MS, 'the analysis of the command', () => classify(command, facts, options)),
    commandTexts: (command, facts) => withinTimeBox(ANALYSIS_TIME_LIMIT_MS, 'the analysis of the command', () => analyze(command, facts).invocations.map((inv) => [inv.name, ...inv.args.map((a) => a.text)].join(' '))),
    checkAgentRead: (filePath, context) => withinTimeBox(ANALYSIS_TIME_LIMIT_MS, 'the read check', () => checkAgentRead(filePath, { ...context, cacheDir })),
    isCredentialPath,
    knownSecrets: (workspaceRoots) => knownSecretsOf(workspaceRoots, cacheDir, env.HOME ?? '', build),
  };
}
