import type { Subcommand } from './io';

/**
 * The subcommand table. Each entry loads its module only when called, so the hook path pays for the
 * code it runs and nothing else. Add one line per subcommand; keep help text in the module itself.
 */
export const SUBCOMMANDS: Record<string, { summary: string; load: () => Promise<Subcommand> }> = {
};
