import type { Logger } from '../../core/logger';

/**
 * `kill -USR1 <pid>` opens Node's inspector in a Node or Electron process, and a debugger attached
 * there runs code inside it: in the extension host, code that could answer the confirm dialog. A
 * listener for SIGUSR1 takes the signal over from Node's default (opening the inspector), so the
 * signal is logged and nothing opens. The hook also refuses a window whose processes have the
 * inspector open (windowIdentity.ts); this keeps the extension host from getting there by signal.
 * POSIX only (Windows has no SIGUSR1; a debugger there needs the process's handle).
 */
export function keepInspectorClosed(logger: Logger, proc: Pick<NodeJS.Process, 'on' | 'off' | 'platform'> = process): { dispose(): void } {
  if (proc.platform === 'win32') return { dispose: () => undefined };
  const onSignal = (): void => logger.warn('A SIGUSR1 signal reached the extension host; the inspector it would open stays closed.');
  proc.on('SIGUSR1', onSignal);
  return { dispose: () => void proc.off('SIGUSR1', onSignal) };
}
