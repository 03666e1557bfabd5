import type { HookEngine } from './engine';

/** The hook's engine: the policy engine's classify and facts, and the credential read check. */
export function createRealEngine(): HookEngine {
  const missing = (what: string) => (): never => {
    throw new Error(`${what} is not available in this build`);
  };
  return {
    gatherFacts: missing('gatherFacts'),
    classify: missing('classify'),
    checkAgentRead: missing('checkAgentRead'),
    isCredentialPath: missing('isCredentialPath'),
  };
}
