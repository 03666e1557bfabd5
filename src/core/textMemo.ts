/**
 * A pure function of one short text, remembered across decisions (issue #10: the same words, `prod`,
 * `--force`, a host, are read by many rules of every command). Only for functions whose answer depends on
 * the text alone and is a value nobody changes (a string, a boolean, an array typed readonly: frozen arrays are slower to read in V8). At most `limit` texts
 * are kept (all forgotten at once when full); texts longer than `longest` are computed every time.
 */
export function memoByText<T>(compute: (text: string) => T, limit = 4096, longest = 512): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (text.length > longest) return compute(text);
    const kept = known.get(text);
    if (kept !== undefined || known.has(text)) return kept as T;
    if (known.size >= limit) known.clear();
    const value = compute(text);
    known.set(text, value);
    return value;
  };
}
