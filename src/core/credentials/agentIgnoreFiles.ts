/**
 * Ignore files of agent hosts that take gitignore-style lines. A module of its own: the perimeter
 * protects these names on every hook call, and ignoreBlocks.ts (which edits them) loads a JSONC
 * editor the hook never needs.
 */
export const AGENT_IGNORE_FILES = [
  '.cursorignore',
  '.aiexclude',
  '.geminiignore',
  '.clineignore',
  '.rooignore',
  '.codeiumignore',
  '.aiderignore',
] as const;
export type AgentIgnoreFile = (typeof AGENT_IGNORE_FILES)[number];
