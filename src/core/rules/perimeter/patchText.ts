/**
 * The files a patch names: `*** Update File: x` (apply_patch), `--- a/x` / `+++ b/x` (unified diffs),
 * `diff --git a/x b/x`, `rename to x`. Prefixes are kept; the caller tries them stripped too.
 */
export function patchPaths(patch: string): string[] {
  const out = new Set<string>();
  const add = (p: string | undefined): void => {
    const t = (p ?? '').trim().replace(/\t.*$/, '');
    if (t && t !== '/dev/null') out.add(t.replace(/^"(.*)"$/, '$1'));
  };
  for (const m of patch.matchAll(/^\*\*\* (?:Update|Add|Delete) File: (.+)$|^\*\*\* Move to: (.+)$/gm)) add(m[1] ?? m[2]);
  for (const m of patch.matchAll(/^(?:\+\+\+|---) (.+)$/gm)) add(m[1]);
  for (const m of patch.matchAll(/^diff --git (\S+) (\S+)$/gm)) {
    add(m[1]);
    add(m[2]);
  }
  for (const m of patch.matchAll(/^(?:rename|copy) (?:from|to) (.+)$/gm)) add(m[1]);
  return [...out];
}
