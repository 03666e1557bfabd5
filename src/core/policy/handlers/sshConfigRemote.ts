/**
 * `ssh -F FILE host`: the `RemoteCommand` FILE sets for the host (ssh_config(5): a `Host` block whose
 * patterns match the destination, a `Match` block, or a line before any block) runs there as the
 * remote shell line it is, though nothing follows the destination. A `Match` block is taken to apply
 * (its criteria are only known when ssh connects): judging a command that may not run is the safe side.
 */

import { remoteCommandIn } from '../../registry/tools/sshRemoteCommand';
import { parsedArgs, toolArgs, toolNamed } from '../../registry/commandModel';
import type { ArgWord } from '../types';
import type { Exec, Walker } from './context';

/** Whether an ssh_config `Host` pattern list (`*`, `?`, `!negated`, commas or spaces) matches `host`. */
function hostMatches(patterns: string, host: string): boolean {
  let matched = false;
  for (const raw of patterns.split(/[\s,]+/).filter((p) => p !== '')) {
    const negated = raw.startsWith('!');
    const glob = (negated ? raw.slice(1) : raw).replace(/^"|"$/g, '');
    const re = new RegExp('^' + glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
    if (!re.test(host)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/** The remote commands an ssh config text sets for `host`. */
export function remoteCommandsFor(text: string, host: string): string[] {
  const out: string[] = [];
  let applies = true;
  for (const line of text.split('\n').slice(0, 4096)) {
    const m = /^\s*(\w+)\s*(?:=\s*|\s+)(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    if (key === 'host') applies = hostMatches(m[2]!, host);
    else if (key === 'match') applies = true;
    else if (applies && key === 'remotecommand') {
      const command = remoteCommandIn(line);
      if (command !== undefined) out.push(command);
    }
  }
  return out;
}

/** Judge the remote commands an ssh config file read for this invocation sets for its destination. */
export function sshConfigRemoteCommands(w: Walker, name: string, args: ArgWord[], exec: Exec, body: string, path: string): void {
  const tool = name === 'ssh' ? toolNamed(name) : undefined;
  if (!tool || !/remotecommand/i.test(body)) return;
  const destination = toolArgs(name, parsedArgs(args, tool), tool).operand(0);
  if (destination === undefined) return;
  const host = destination.replace(/^ssh:\/\//, '').replace(/^[^@]*@/, '').replace(/:\d+$/, '');
  const place = { place: host, provider: 'ssh', names: [{ source: 'ssh host', value: host }] };
  for (const command of remoteCommandsFor(body, host)) w.analyzeText(command, w.remoteScope(exec, `ssh ${host} (RemoteCommand of ${path})`, place));
}
