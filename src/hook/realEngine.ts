import { classify } from '../core/policy/classify';
import type { CredentialFacts } from '../core/policy/types';
import { loadCredentialFacts } from '../node/credentials/credentialFacts';
import { checkAgentRead, isCredentialPath } from '../node/credentials/readCheck';
import { gatherFacts } from '../node/facts';
import { GUARD_PATHS, guardHome } from '../node/guardHome';
import type { FactsRequest, HookEngine } from './engine';

/**
 * The hook's engine: the policy engine's classify and facts, the workspace credential index for
 * credential reads and provenance, and the credential read check.
 */
export function createRealEngine(env: Readonly<Record<string, string | undefined>>): HookEngine {
  const cacheDir = GUARD_PATHS.cacheDir(guardHome(env));
  return {
    async gatherFacts(request: FactsRequest) {
      let credentials: CredentialFacts | undefined;
      if (request.workspaceRoots.length > 0) {
        try {
          credentials = await loadCredentialFacts({
            workspaceRoots: request.workspaceRoots,
            home: request.home,
            cacheDir,
            // secretlint is loaded lazily by the scanner and is too heavy for every hook call
            secretlint: false,
          });
        } catch {
          credentials = undefined; // path and content rules over facts.readFile still apply
        }
      }
      return gatherFacts({ cwd: request.cwd, workspaceRoots: request.workspaceRoots, env: request.env, home: request.home, credentials });
    },
    classify,
    checkAgentRead: (filePath, context) =>
      checkAgentRead(filePath, { ...context, cacheDir }),
    isCredentialPath,
  };
}
