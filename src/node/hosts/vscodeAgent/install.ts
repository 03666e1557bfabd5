import type { JsonHostSpec } from '../installCommon';
import { vscodeInstallSpec } from '../vscode/install';

/**
 * The Copilot harness has no hook file of its own: it runs the entries of the VS Code (and Copilot CLI
 * format) files. Installing it installs the VS Code entry; its status is that entry's.
 */
export const vscodeAgentInstallSpec: JsonHostSpec = { ...vscodeInstallSpec, host: 'vscode-agent' };
