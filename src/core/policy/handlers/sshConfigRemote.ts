/**
 * `ssh -F FILE host`: the `RemoteCommand` FILE sets for the host (ssh_config(5): a `Host` block whose
 * patterns match the destination, a `Match` block, or a line before any block) runs there as the
 * remote shell line it is, though nothing follows the destination. A `Match` block is taken to apply
 * (its criteria are only known when ssh connects): judging a command that may not run is the safe side.
 */

import { resolvePath } from '../../paths';
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
/** The lines of an ssh config text that apply to `host` (its `Host` blocks; a `Match` block is taken to apply), with their keywords in lower case. */
function linesFor(text: string, host: string): { key: string; rest: string; line: string }[] {
  const out: { key: string; rest: string; line: string }[] = [];
  let applies = true;
  for (const line of text.split('\n').slice(0, 4096)) {
    const m = /^\s*(\w+)\s*(?:=\s*|\s+)(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    if (key === 'host') applies = hostMatches(m[2]!, host);
    else if (key === 'match') applies = true;
    else if (applies) out.push({ key, rest: m[2]!, line });
  }
  return out;
}

export function remoteCommandsFor(text: string, host: string): string[] {
  return linesFor(text, host).filter((l) => l.key === 'remotecommand').flatMap((l) => remoteCommandIn(l.line) ?? []);
}

/** The `SendEnv` patterns an ssh config text sets for `host` (`SetEnv` sends a fixed value: not a variable of this machine). */
export function sendEnvFor(text: string, host: string): string[] {
  // A pattern's leading `-` clears a variable (ssh_config(5)): not an option reader.
  const patterns = linesFor(text, host).filter((l) => l.key === 'sendenv').flatMap((l) => l.rest.split(/[\s,]+/).map((p) => p.replace(/^"|"$/g, '')));
  return patterns.filter((p) => p !== '' && !p.startsWith('-')).slice(0, 32);
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

/**
 * An ssh config's text with the files its `Include` lines name put in their place (one level; a
 * relative name is under `~/.ssh`): what they set counts as if written there. An include the hook
 * cannot read (a pattern, a file missing or unreadable now) may set anything: it asks.
 */
export function withIncludes(w: Walker, exec: Exec, text: string, path: string): string {
  if (!/^\s*include\b/im.test(text)) return text;
  const via = w.viaOf(exec);
  return text.replace(/^\s*include\s*(?:=\s*|\s+)(.*)$/gim, (_line, names: string) => {
    const parts: string[] = [];
    for (const name of names.trim().split(/\s+/).slice(0, 8)) {
      const file = resolvePath(resolvePath(w.facts.home, '.ssh', w.facts.home), name.replace(/^"|"$/g, ''), w.facts.home);
      const included = /[*?[$`]/.test(name) ? undefined : w.readFile(file, via);
      if (included === undefined) w.addOpaque(`ssh -F ${path} includes ${name}, which the hook cannot read now, whose settings may run programs`, via);
      else parts.push('Match all', included.slice(0, 65_536), 'Match all');
    }
    return parts.join('\n');
  });
}
