import type { CredentialFileInfo, Finding, RuleContext } from '../../policy/types';
import { readFinding } from '../credentials';
import { infoFor } from './credentialPaths';

/**
 * Files a git history command names that are gone from the work tree (`git log -p --follow
 * config/old_settings.py`, `git blame HEAD~1 -- f`, `git log -L1,1:f`): judged by the text history last
 * held for them (the `gitHistoryPaths` fact, asked for those paths only). Without git to ask, or when the
 * look was cut short, the answer is conservative: what the file held cannot be checked.
 */
export function goneFileFindings(absPaths: readonly string[], shown: readonly string[], cwd: string, ctx: RuleContext, what: string): Finding[] {
  if (absPaths.length === 0) return [];
  const listed = ctx.facts.gitHistoryPaths?.(cwd, { kind: 'paths', revs: [], paths: absPaths.slice(0, 16) });
  // A pattern (`-- '*.json'`) lists files still here too: those are judged as the index knows them.
  const present = (listed?.paths ?? []).slice(0, 64).map((p) => infoFor(p, ctx.facts)).filter((f): f is CredentialFileInfo => f !== undefined);
  const found = [...(listed?.credentials ?? []), ...present].filter((f, i, all) => all.findIndex((x) => x.path === f.path) === i);
  if (found.length > 0) return found.slice(0, 8).map((f) => ({ ...readFinding('prints the history of', f, what), rule: 'credentials.history-read' }));
  if (listed?.complete && absPaths.length <= 16) return [];
  // History could not be listed: a deleted source file (a parser module) is what `git log -p -- FILE` is run for
  // every day; a configuration format, an extensionless file or code named for configuration or secrets asks.
  const doubtful = shown.filter(mayHaveHeldCredentials);
  if (doubtful.length === 0) return [];
  const text = doubtful.slice(0, 3).join(', ');
  return [
    {
      rule: 'credentials.history-read',
      risk: 'credential-read',
      severity: 'ask',
      reason: `${what} prints ${text} from the repository's history; it is no longer in the working tree, so the guard cannot check whether it held credentials (answering conservatively).`,
      targets: [{ kind: 'path', name: text, remote: false, environment: 'local', environmentReason: 'a file in this repository' }],
    },
  ];
}

/**
 * A path gone from the work tree whose history may hold credentials: a configuration format, an
 * extensionless file, or code whose name says configuration or secrets (`config/old_settings.py`).
 */
function mayHaveHeldCredentials(text: string): boolean {
  if (/\.(json|ya?ml|toml|ini|cfg|conf|properties|xml|env)$|(^|\/)[^/.]+$/.test(text)) return true;
  return !/\.(py|rb|js|ts|php|go|rs|java|kt|c|h|cpp|cs|swift|mjs|cjs|jsx|tsx)$/.test(text) || /conf|setting|secret|credential|passw|token|key|auth|env|prod|deploy|backup|database/i.test(text);
}
