import { strict as assert } from 'node:assert';
import { patchPaths } from '../../../src/core/rules/perimeter/patchText';

/** The files a patch names, as git writes them: C-quoted names (octal bytes) are the same files. */
describe('perimeter/patchText: the files a patch names', () => {
  const rows: Array<[string, string, string[]]> = [
    ['plain unified diff', '--- a/.cursor/hooks.json\n+++ b/.cursor/hooks.json\n', ['a/.cursor/hooks.json', 'b/.cursor/hooks.json']],
    ['C-quoted with an octal dot', 'diff --git "a/\\056cursor/hooks.json" "b/\\056cursor/hooks.json"\n--- "a/\\056cursor/hooks.json"\n+++ "b/\\056cursor/hooks.json"\n', ['a/.cursor/hooks.json', 'b/.cursor/hooks.json']],
    ['a quoted rename', 'diff --git "a/\\056cursor/hooks.json" b/x.json\nrename from "\\056cursor/hooks.json"\nrename to x.json\n', ['a/.cursor/hooks.json', 'b/x.json', '.cursor/hooks.json', 'x.json']],
    ['UTF-8 bytes in octal', '--- "a/src/caf\\303\\251.ts"\n', ['a/src/café.ts']],
    ['backslash escapes', '--- "a/x\\"y\\\\z"\n', ['a/x"y\\z']],
    ['apply_patch', '*** Begin Patch\n*** Update File: .claude/settings.local.json\n*** End Patch\n', ['.claude/settings.local.json']],
  ];
  for (const [label, patch, expected] of rows) {
    it(label, () => assert.deepEqual([...patchPaths(patch)].sort(), [...expected].sort()));
  }
});
