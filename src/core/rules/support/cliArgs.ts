import { memoByText } from '../../textMemo';
/**
 * Words of identifiers, for packs that read names (`volumeDelete`, `PURGE_CACHE`). Command lines
 * are read through the registry's one grammar (`src/core/registry/`), never here.
 */

/**
 * Lower-case parts of an identifier: volumeDelete -> [volume, delete], PURGE_CACHE -> [purge, cache]. The
 * same words are split by dozens of the floor's readings of every command: remembered (shared: callers only read it).
 */
export const identifierParts: (name: string) => readonly string[] = memoByText(splitIdentifier);

function splitIdentifier(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p.length > 0)
    .map((p) => p.toLowerCase());
}
