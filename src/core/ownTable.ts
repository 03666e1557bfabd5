/**
 * A lookup table keyed by words from a command (program names, subcommands, options, variable names):
 * a null-prototype copy, so a word named like an Object.prototype member (`constructor`, `toString`,
 * `__proto__`, `valueOf`) finds nothing instead of an inherited function, and `name in TABLE` means
 * "listed". Wrap every `Record<string, …>` table that is indexed by such a word.
 */
export function ownTable<T>(entries: Readonly<Record<string, NoInfer<T>>>): Record<string, T> {
  const table = Object.create(null) as Record<string, T>;
  for (const key of Object.keys(entries)) table[key] = entries[key] as T;
  return table;
}
