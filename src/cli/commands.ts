import type { Subcommand } from './io';

/**
 * The subcommand table. Each entry loads its module only when called, so the hook path pays for the
 * code it runs and nothing else. Add one line per subcommand; keep help text in the module itself.
 */
export const SUBCOMMANDS: Record<string, { summary: string; load: () => Promise<Subcommand> }> = {
  check: { summary: 'Classify a shell command (allow / ask / deny) without running it; --jsonl for batches', load: async () => (await import('./check')).run },
  index: { summary: "Build and keep a workspace's credential index (the hook starts it in the background)", load: async () => (await import('./indexWorkspace')).run },
  scan: { summary: 'List credential files in a folder (never their values)', load: async () => (await import('./scan')).run },
  hide: { summary: "Keep credential files out of agents' ignore files and Claude Code reads", load: async () => (await import('./hide')).runHide },
  unhide: { summary: 'Remove what hide wrote, restoring each file byte for byte', load: async () => (await import('./hide')).runUnhide },
  hook: { summary: 'Answer one agent host hook call (stdin JSON -> the host\'s answer)', load: async () => (await import('./hook')).run },
  install: { summary: 'Install or repair the hook entries for an agent host', load: async () => (await import('./install')).runInstall },
  uninstall: { summary: 'Remove the hook entries, restoring each file', load: async () => (await import('./install')).runUninstall },
  status: { summary: 'Per host: what is installed where, and whether it is intact', load: async () => (await import('./install')).runStatus },
  audit: { summary: 'Verify the audit log chain, print recent decisions, or export them', load: async () => (await import('./audit')).run },
  restore: { summary: 'List the snapshots kept before approved destructive actions, or restore one', load: async () => (await import('./restore')).run },
  decider: { summary: 'Internal: the warm decision server the hook starts by itself (agents may not start it)', load: async () => (await import('./decider')).run },
  policy: { summary: 'Explain the effective team policy and where each value came from', load: async () => (await import('./policy')).run },
};
