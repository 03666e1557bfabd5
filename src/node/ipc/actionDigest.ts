import { canonicalAction, type ActionDescription } from '../../core/protocol/ipc';
import { sha256Hex } from '../hashing';

/**
 * The digest an answer is bound to: SHA-256 of the action's canonical form. The editor dedupes asks
 * by it and names it in every answer; the hook accepts an allow only for its own action's digest.
 */
export function actionDigest(action: ActionDescription, workspaceRoots: readonly string[]): string {
  return sha256Hex(canonicalAction(action, workspaceRoots));
}
