import type { ClassifyOptions, Facts, Verdict } from '../core/policy/types';
import type { KnownSecrets } from '../node/credentials/knownSecrets';

/**
 * The seam between the hook and the policy engine / credential checks, so the decision logic can be
 * tested with a fake. `realEngine.ts` implements it with the real modules.
 */

export interface FactsRequest {
  cwd: string;
  workspaceRoots: readonly string[];
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Lockdown: a script the agent changed during its session is not judged by its text (it could be
   * swapped before it runs), so running it asks, which lockdown turns into a deny.
   */
  strictScripts?: boolean;
}

export interface ReadCheckResult {
  deny: boolean;
  reason: string;
  kind?: string;
}

export interface HookEngine {
  /** May read the workspace's credential index, hence async. */
  gatherFacts(request: FactsRequest): Facts | Promise<Facts>;
  classify(command: string, facts: Facts, options: ClassifyOptions): Verdict;
  /** Each command a command line runs, as the engine sees it (wrappers peeled), for a team's extra rules. */
  commandTexts?(command: string, facts: Facts): string[];
  checkAgentRead(filePath: string, context: { cwd: string; workspaceRoots: readonly string[]; home: string; content?: string }): ReadCheckResult;
  isCredentialPath(absolutePath: string, home: string): boolean;
  /** The workspace's credential values (as salted hashes), for redacting what leaves the hook. */
  knownSecrets?(workspaceRoots: readonly string[]): KnownSecrets;
}
