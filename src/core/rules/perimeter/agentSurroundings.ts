import { isWithin, resolvePath } from '../../paths';
import type { ArgWord, Facts, Finding, Invocation } from '../../policy/types';
import { BWRAP_GRAMMAR } from '../../shell/moreWrappers';
import { readWrapper } from '../../shell/wrapperOptions';
import { DENY_SUFFIX, expandKnown, perimeterFinding } from './perimeterFinding';
import type { PerimeterView } from './protectedPaths';

/**
 * Where a nested agent starts, beyond its folder: an agent reads its user settings (and so this
 * guard's hook entry) from the home folder of the user it runs as. Started as another user (`sudo`,
 * `su -`, `doas`, `pkexec`, `runuser`), or in a sandbox that hides or replaces the home folder
 * (`firejail --private`, `bwrap --tmpfs "$HOME"`, a bwrap that binds no home at all), it loads
 * other settings: that is HOME moved, denied like `HOME=/tmp claude`. Started in a container or
 * another root (`docker run`, `podman exec`, `chroot`, `systemd-nspawn`, `lxc exec`), it runs where
 * this guard has no hook at all, which is asked.
 */

/** Wrappers that run the command as another user, whose home it gets. */
const USER_SWITCHES = /^(sudo|sudo-rs|doas|pkexec|su|runuser|run0|machinectl)\b/;
/** Wrappers (their `via` label) that run the command in a container or another root file system. */
const CONTAINERS = /^((docker|podman|nerdctl|finch|lima|colima)( compose| container)? (run|exec|start|create)|chroot|systemd-nspawn|lxc exec|lxc-attach|lxc-execute|incus exec|nsenter|unshare|schroot|proot)\b/;
/** Container engines that start an image named after an agent (`docker run ghcr.io/openai/codex …`). */
const ENGINES: ReadonlySet<string> = new Set(['docker', 'podman', 'nerdctl', 'finch']);

/** bwrap's mounts by kind: the ones that show a host folder as it is (a bind of a path onto itself), and the ones that cover what is there. */
export const BWRAP_BINDS = /^--(ro-|dev-)?bind(-try)?$/;
export const BWRAP_COVERS = /^--(tmpfs|dir|overlay|tmp-overlay|ro-overlay|symlink|file|bind-data|ro-bind-data)$/;

/** Does a mount at `dest` decide what the agent finds in the home folder (the home itself, a folder above it, or a settings folder in it)? */
function touchesHome(dest: string, home: string): boolean {
  return isWithin(dest, home) || isWithin(home, dest);
}

/** Why the home folder the agent sees is not this one under bwrap, or undefined when it is bound as it is. */
function bwrapHidesHome(words: readonly ArgWord[], facts: Facts, view: PerimeterView, cwd: string): string | undefined {
  const home = facts.home;
  const path = (text: string | undefined, word: ArgWord | undefined): string | undefined => (text === undefined || word?.dynamic ? undefined : resolvePath(cwd, expandKnown(text, facts, view, cwd), home));
  let shown = false;
  for (const option of readWrapper(words, BWRAP_GRAMMAR).parsed.options) {
    const name = option.name;
    if (!BWRAP_BINDS.test(name) && !BWRAP_COVERS.test(name)) continue;
    const last = option.values.length - 1;
    const dest = path(option.values[last], option.valueWords[last]);
    if (dest === undefined) return `a mount at a path computed at run time (${name})`;
    if (!touchesHome(dest, home)) continue;
    const src = BWRAP_BINDS.test(name) ? path(option.values[0], option.valueWords[0]) : undefined;
    if (src !== undefined && src === dest) {
      if (isWithin(dest, home)) shown = true;
      continue;
    }
    return `${name} ${dest}`;
  }
  return shown ? undefined : 'no bind of the home folder';
}

/** firejail options that give the sandbox a new or filtered home folder. */
function firejailHidesHome(words: readonly ArgWord[], facts: Facts, view: PerimeterView, cwd: string): string | undefined {
  for (const w of words) {
    const m = /^--(private|private-home|whitelist|tmpfs|blacklist|read-write|mkdir)(?:=(.*))?$/.exec(w.text);
    if (!m) continue;
    if (m[1] === 'private' || m[1] === 'private-home' || m[1] === 'whitelist') return w.text;
    if (m[1] !== 'tmpfs' && m[1] !== 'blacklist') continue;
    if (w.dynamic || m[2] === undefined) return w.text;
    if (touchesHome(resolvePath(cwd, expandKnown(m[2], facts, view, cwd), facts.home), facts.home)) return w.text;
  }
  return undefined;
}

/** A deny or an ask for an agent started as another user, in a sandbox hiding the home folder, or in a container; undefined otherwise. */
export function agentSurroundings(inv: Invocation, agent: string, facts: Facts, view: PerimeterView, cwd: string): Finding | undefined {
  const user = inv.via.find((v) => USER_SWITCHES.test(v));
  if (user) {
    return perimeterFinding('nested-agent', `${inv.name} would start ${agent} as another user (through ${user.split(' ')[0]}), with that user's home folder, whose settings and hooks are not the ones that guard this machine; ${DENY_SUFFIX}.`, agent);
  }
  const words = inv.wrapperWords ?? [];
  if (inv.via.includes('bwrap') || inv.via.includes('firejail')) {
    // The wrappers' own words, in order: either reading that finds the home hidden counts.
    const hidden = (inv.via.includes('bwrap') ? bwrapHidesHome(words, facts, view, cwd) : undefined) ?? (inv.via.includes('firejail') ? firejailHidesHome(words, facts, view, cwd) : undefined);
    if (hidden) return perimeterFinding('nested-agent', `${inv.name} would start ${agent} in a sandbox that hides or replaces the home folder (${hidden}), so the settings and hooks it loads are not the ones that guard this machine; ${DENY_SUFFIX}.`, agent);
  }
  const container = inv.via.find((v) => CONTAINERS.test(v)) ?? (ENGINES.has(inv.name) ? `${inv.name} run` : undefined);
  if (container) {
    return {
      rule: 'self-protection.nested-agent',
      risk: 'unanalyzable',
      severity: 'ask',
      reason: `${inv.name} starts another agent (${agent}) inside a container or another root file system (${container}), where this guard has no hook; what it does there is not judged, so it needs confirmation.`,
      targets: [{ kind: 'path', name: agent, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
    };
  }
  return undefined;
}
