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

/** Variables whose value the perimeter knows, so `$HOME/.bashrc` is a path and not a mystery. */
export function expandKnown(text: string, facts: Facts, view: PerimeterView, cwd: string): string {
  const guard = view.guardHomes[0] ?? facts.home + '/.blast-shield';
  return text
    .replace(/\$\{HOME\}|\$HOME(?![A-Za-z0-9_])/g, facts.home)
    .replace(/\$\{PWD\}|\$PWD(?![A-Za-z0-9_])/g, cwd)
    .replace(/\$\{XDG_CONFIG_HOME(:-[^}]*)?\}|\$XDG_CONFIG_HOME(?![A-Za-z0-9_])/g, facts.home + '/.config')
    .replace(/\$\{BLAST_SHIELD_HOME(:-[^}]*)?\}|\$BLAST_SHIELD_HOME(?![A-Za-z0-9_])/g, guard)
    .replace(/^~(?=\/|$)/, facts.home);
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
