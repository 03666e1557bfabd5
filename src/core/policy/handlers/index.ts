/**
 * The handlers of commands that run other commands, by command name. The walker peels wrappers
 * (`sudo`, `env`, `xargs` …, `../../shell/wrappers.ts`) and then asks `handlerFor` what the command
 * runs; a command with no handler is reported as it is. Adding one: a module here exporting a
 * `Record<string, Handler>`, listed in `BY_NAME` below.
 */

import { SHELLS, type Handler } from './context';
import { interpreterHandler, runtimeHandlers } from './interpreters';
import { packageManagerHandlers } from './packageManagers';
import { powershellHandlers } from './powershell';
import { remoteHandler } from './remote';
import { runnerHandlers } from './runners';
import { shell, shellHandlers } from './shells';
import { terminalHandlers } from './terminals';
import { codeRunnerHandlers } from './codeRunners';
import { calculatorHandlers } from './calculatorEscapes';
import { unreadLanguageHandlers } from './unreadLanguages';
import { buildToolHandlers } from './buildTools';
import { agentMcpHandlers } from './agentMcp';
import { hiddenExecHandlers } from './hiddenExec';
import { compiledRunnerHandlers } from './compiledRunners';
import { withEntries } from './runnerEntries';
import { launchedCodeHandlers } from './launchedCode';
import { logrotateHandlers } from './logrotate';
import { batchSchedulerHandlers } from './batchSchedulers';

const BY_NAME: ReadonlyMap<string, Handler> = new Map(
  Object.entries({
    ...shellHandlers,
    ...runtimeHandlers,
    ...packageManagerHandlers,
    ...runnerHandlers,
    ...terminalHandlers,
    ...powershellHandlers,
    ...codeRunnerHandlers,
    ...calculatorHandlers,
    ...unreadLanguageHandlers,
    ...buildToolHandlers,
    ...agentMcpHandlers,
    ...hiddenExecHandlers,
    ...compiledRunnerHandlers,
    ...launchedCodeHandlers,
    ...logrotateHandlers,
    ...batchSchedulerHandlers,
  }),
);

/**
 * The handler for `name`. Shells come first, then registry tools that run commands elsewhere, then
 * interpreters known by their language, then handlers by exact name.
 */
export function handlerFor(name: string): Handler | undefined {
  // What the runner loads by convention or option (test setup, task files, build hooks) is read after it.
  return withEntries(name, ownHandlerFor(name));
}

/**
 * The handler that reads the command itself (a shell, remote execution, an interpreter, a wrapper),
 * without the runner's entry files: a runner that only gains entry files (prettier, jest) still
 * prints what it is given, so the credential rules treat it as an unknown reader of its operands.
 */
export function ownHandlerFor(name: string): Handler | undefined {
  return SHELLS.has(name) ? shell : (remoteHandler(name) ?? interpreterHandler(name) ?? BY_NAME.get(name));
}

/** Names with a handler of their own (shells aside). */
export function handlerNames(): string[] {
  return [...BY_NAME.keys()];
}
