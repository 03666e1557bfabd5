import type { Facts, Finding, Invocation } from '../../policy/types';
import { envInjectionFindings } from './envInjection';
import { launchFindings } from './guardLaunch';
import type { PerimeterView } from './protectedPaths';
import { unknownShellStateFindings } from './unknownShellState';
import { tokenReadFindings } from './windowTokens';
import { alternativesHijack, runtimeSwitchFinding } from './runtimeSwitches';
import { toolTrustFindings } from './toolTrust';
import { codeTreeCopyFindings } from './codeTreeCopies';
import { agentConfigFindings } from './agentConfigCommands';
import { agentHostFindings } from './agentHosts';

/**
 * The perimeter's judges that look at an invocation as a whole rather than at the paths it names:
 * reads that reach the window tokens by pattern or search, programs that switch the guard off
 * (package removal, a nested agent, an extension from a path, a lookup run as a command), and
 * code-loading settings planted for the next program.
 */
export function wholeInvocationFindings(inv: Invocation, facts: Facts, view: PerimeterView, cwd: string): Finding[] {
  const j = { inv, facts, view, cwd };
  const switched = runtimeSwitchFinding(inv) ?? alternativesHijack(inv);
  return [...tokenReadFindings(j), ...launchFindings(j), ...envInjectionFindings(inv), ...unknownShellStateFindings(inv), ...(switched ? [switched] : []), ...toolTrustFindings(inv), ...codeTreeCopyFindings(inv, facts, view), ...agentConfigFindings(inv), ...agentHostFindings(inv)];
}
