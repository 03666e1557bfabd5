/**
 * A lookup table keyed by words from a command (program names, subcommands, options, variable names):
 * null-prototype, so a word named like an Object.prototype member (`constructor`, `toString`,
 * `__proto__`, `valueOf`) finds nothing instead of an inherited function, and `name in TABLE` means
 * "listed". Wrap every `Record<string, …>` table that is indexed by such a word. The object given is
 * the table (its prototype is taken away, nothing is copied): pass a literal no one else holds.
 */
export function ownTable<T>(entries: Readonly<Record<string, NoInfer<T>>>): Record<string, T> {
  return Object.setPrototypeOf(entries, null) as Record<string, T>;
}
