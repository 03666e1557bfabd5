/**
 * Whether this window is protected, from facts the editor collects: is the hook socket up, which
 * hosts have our entries (and are they unaltered), which hosts have actually called the hook.
 * Installed-but-silent is not protected: only an event from the host proves the host runs the hook.
 */
import type { HostId } from '../protocol/ipc';
import { describeRequiredGaps, requiredHostGaps } from './requiredHosts';

export interface HostFacts {
  host: HostId;
  installed: boolean;
  intact: boolean;
  /** The host will load an intact entry (scope, folder trust); false when it skips every one. */
  loaded?: boolean;
  /** Epoch ms of the last hook event from this host, if any. */
  lastEventAt?: number;
}

/**
 * `waiting`: installed, intact and the dialog reachable, but no host has called yet (the usual state
 * right after set-up). Nothing is broken; only an agent's first action proves the host runs the hook.
 */
export type Protection = { kind: 'protected' | 'waiting' | 'unprotected'; detail: string };

/** `required`: hosts a policy file says must be installed (`hooks.required`); one missing is unprotected. */
export function protectionOf(ipc: { up: boolean; problem: string }, hosts: readonly HostFacts[], required: readonly HostId[] = []): Protection {
  if (!ipc.up) return { kind: 'unprotected', detail: `The dialog cannot be reached: ${ipc.problem}.` };
  const gaps = requiredHostGaps(required, hosts);
  if (gaps.length > 0) return { kind: 'unprotected', detail: describeRequiredGaps(gaps) };
  const installed = hosts.filter((h) => h.installed);
  if (installed.length === 0) return { kind: 'unprotected', detail: 'No agent host has Blast Shield hooks installed.' };
  const altered = installed.filter((h) => !h.intact);
  if (altered.length > 0) return { kind: 'unprotected', detail: `Hook entries altered for ${altered.map((h) => h.host).join(', ')}: run Install Hooks to repair them.` };
  const skipped = installed.filter((h) => h.loaded === false);
  if (skipped.length > 0) {
    return { kind: 'unprotected', detail: `Hooks for ${skipped.map((h) => h.host).join(', ')} are installed where the host does not load them (see Show Status): run Install Hooks to install them where it does.` };
  }
  const heard = installed.filter((h) => h.lastEventAt !== undefined);
  if (heard.length === 0) {
    return {
      kind: 'waiting',
      detail: `Hooks installed for ${installed.map((h) => h.host).join(', ')}; no host has called them yet, so nothing proves a host runs them. Let the agent run one command, or run Blast Shield: Run Self-Test to check the hook command itself.`,
    };
  }
  return { kind: 'protected', detail: `Hooks installed for ${installed.map((h) => h.host).join(', ')}; calls seen from ${heard.map((h) => h.host).join(', ')}.` };
}
