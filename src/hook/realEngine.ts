import { analyze } from '../core/policy/analyze';
import { classify } from '../core/policy/classify';
import type { CredentialFacts } from '../core/policy/types';
import { lazyCredentialFacts } from '../node/credentials/credentialFacts';
import { knownSecretsOf } from '../node/credentials/knownSecrets';
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
export function createRealEngine(env: Readonly<Record<string, string | undefined>>): HookEngine {
  const cacheDir = GUARD_PATHS.cacheDir(guardHome(env));
  return {
    async gatherFacts(request: FactsRequest) {
      // Loaded on the first credential question only (most commands ask none), without secretlint:
      // too heavy for every hook call; the extension's refresh runs it.
      const credentials: CredentialFacts | undefined =
        request.workspaceRoots.length > 0 ? lazyCredentialFacts({ workspaceRoots: request.workspaceRoots, home: request.home, cacheDir, secretlint: false }) : undefined;
      return gatherFacts({ cwd: request.cwd, workspaceRoots: request.workspaceRoots, env: request.env, home: request.home, credentials, scriptSession: () => agentSessionStart() });
    },
    classify: (command, facts, options) => withinTimeBox(ANALYSIS_TIME_LIMIT_MS, 'the analysis of the command', () => classify(command, facts, options)),
    commandTexts: (command, facts) => withinTimeBox(ANALYSIS_TIME_LIMIT_MS, 'the analysis of the command', () => analyze(command, facts).invocations.map((inv) => [inv.name, ...inv.args.map((a) => a.text)].join(' '))),
    checkAgentRead: (filePath, context) => withinTimeBox(ANALYSIS_TIME_LIMIT_MS, 'the read check', () => checkAgentRead(filePath, { ...context, cacheDir })),
    isCredentialPath,
    knownSecrets: (workspaceRoots) => knownSecretsOf(workspaceRoots, cacheDir, env.HOME ?? ''),
  };
}
