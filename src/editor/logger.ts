import * as vscode from 'vscode';
import type { Logger } from '../core/logger';

/** The extension's Logger: one LogOutputChannel ("Blast Shield"), whose level the user sets in the editor. */
export function createChannelLogger(): { logger: Logger; channel: vscode.LogOutputChannel } {
  const channel = vscode.window.createOutputChannel('Blast Shield', { log: true });
  const logger: Logger = {
    trace: (m) => channel.trace(m),
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
  return { logger, channel };
}
