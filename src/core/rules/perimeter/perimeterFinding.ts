import { resolvePath } from '../../paths';
import { trimmedParameter as trimmed } from '../../shell/expand';
import type { Facts, Finding, Invocation, Target } from '../../policy/types';
import type { PerimeterView } from './protectedPaths';

/** What every perimeter deny ends with. */
export const DENY_SUFFIX = "agents may not change Blast Shield's protection";

function protectedTarget(name: string): Target {
  return { kind: 'path', name, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' };
}

/** A perimeter finding: always a deny, under the `self-protection.` rules. */
export function perimeterFinding(rule: string, reason: string, target: string): Finding {
  return { rule: `self-protection.${rule}`, risk: 'self-protection', severity: 'deny', reason, targets: [protectedTarget(target)] };
}

/** Commands whose output is a path they are given (`$(realpath ~)`, `$(echo $HOME)`, `$(ls -d ~/.*shield)`, `$(pwd)`, `$(cd; pwd)`), filled in once their operand is known. */
const PATH_ECHOES = /\$\(\s*(realpath|readlink\s+-[fem]|echo|printf\s+['"]?%s['"]?|dirname|ls\s+-[1a-zA-Z]*d[1a-zA-Z]*|cd(?:\s+([^\s;&|()$`]+))?\s*(?:&&|;)\s*pwd|pwd(?:\s+-[LP])?)(?:\s+(["']?)([^\s()$`;|&<>"']+)\3)?\s*\)|`\s*pwd\s*`/g;

/** Variables whose value the perimeter knows, so `$HOME/.bashrc` is a path and not a mystery; `${HOME%/}` and `$(realpath ~)` too. */
export function expandKnown(text: string, facts: Facts, view: PerimeterView, cwd: string): string {
  // Nothing to expand without a `$`, a backquote or a leading `~` (most words): the same text, without building the table.
  if (!text.includes('$') && !text.includes('`') && text[0] !== '~') return text;
  const guard = view.guardHomes[0] ?? facts.home + '/.blast-shield';
  const known: Record<string, string> = { HOME: facts.home, PWD: cwd, XDG_CONFIG_HOME: facts.home + '/.config', BLAST_SHIELD_HOME: guard };
  const tilde = (w: string): string => (w === '~' || w.startsWith('~/') ? facts.home + w.slice(1) : w);
  let out = text
    .replace(/\$\{(HOME|PWD|XDG_CONFIG_HOME|BLAST_SHIELD_HOME)(?:(%%?|##?)([^}]*)|:?[-=?][^}]*)?\}/g, (_m, name: string, op: string | undefined, pattern: string | undefined) =>
      op ? trimmed(known[name]!, op, pattern ?? '') : known[name]!,
    )
    .replace(/\$(HOME|PWD|XDG_CONFIG_HOME|BLAST_SHIELD_HOME)(?![A-Za-z0-9_])/g, (_m, name: string) => known[name]!)
    .replace(/^~(?=\/|$)/, facts.home);
  for (let round = 0; round < 3 && /\$\(|`/.test(out); round++) {
    out = out.replace(PATH_ECHOES, (m, verb: string | undefined, cdTo: string | undefined, _q: string | undefined, operand: string | undefined) => {
      if (verb === undefined || verb.startsWith('pwd')) return cwd;
      if (cdTo !== undefined) return resolvePath(cwd, tilde(cdTo), facts.home);
      // `$(cd; pwd)`: cd with no folder goes home.
      if (verb.startsWith('cd')) return facts.home;
      if (operand === undefined) return m;
      const value = tilde(operand);
      if (verb.startsWith('dirname')) return value.replace(/\/+[^/]*\/*$/, '') || '/';
      return /^(echo|printf)/.test(verb) ? value : resolvePath(cwd, value, facts.home);
    });
  }
  return out;
}

/**
 * `/proc/self/root/home/dev/.x` and `/proc/<pid>/cwd/...` are other names of the same files: the
 * path they stand for (`/proc/<pid>/cwd` as the command's own folder, the best that is known).
 */
export function withoutProcAlias(abs: string, cwd: string): string {
  const m = /^\/proc\/(?:self|thread-self|\d+|[^/]*[*?[][^/]*)\/(root|cwd)(\/.*)?$/.exec(abs);
  if (!m) return abs;
  const rest = m[2] ?? '';
  return m[1] === 'root' ? rest || '/' : cwd + rest;
}

/** What `echo …`/`printf …` with fixed words print, for judging an append. */
export function printedText(inv: Invocation): string | undefined {
  if ((inv.name !== 'echo' && inv.name !== 'printf') || inv.args.some((a) => a.dynamic)) return undefined;
  return inv.args.filter((a) => !/^-[neE]+$/.test(a.text)).map((a) => a.text.replace(/\\n/g, '\n')).join(' ');
}
