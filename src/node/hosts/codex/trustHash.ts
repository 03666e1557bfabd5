import { createHash } from 'node:crypto';

/**
 * Codex's fingerprint of one hook handler, which its `[hooks.state]` trust entries must carry
 * (`command_hook_hash` in codex-rs/hooks discovery, `version_for_toml` in codex-rs/config): the
 * handler normalised (timeout filled in with its default of 600 s, `async` false when unset, Windows
 * command dropped), wrapped with the event's snake_case label and the group's matcher, with absent
 * fields left out, keys sorted at every level, serialised compactly and hashed with SHA-256.
 * Checked against what `codex app-server`'s `hooks/list` reports for 0.169.0.
 */

export interface CodexHandler {
  command: string;
  timeout?: number;
  async?: boolean;
  statusMessage?: string;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sorted(v);
    }
    return out;
  }
  return value;
}

export function codexHookHash(eventLabel: string, matcher: string | undefined, handler: CodexHandler): string {
  const normalised = {
    type: 'command',
    command: handler.command,
    timeout: Math.max(1, handler.timeout ?? 600),
    async: handler.async ?? false,
    statusMessage: handler.statusMessage,
  };
  const identity = { event_name: eventLabel, matcher, hooks: [normalised] };
  return 'sha256:' + createHash('sha256').update(JSON.stringify(sorted(identity))).digest('hex');
}

/** The `[hooks.state]` key of a handler: the hooks file's absolute path, event label, group and handler index. */
export function codexHookKey(hooksFile: string, eventLabel: string, group: number, handler: number): string {
  return `${hooksFile}:${eventLabel}:${group}:${handler}`;
}
