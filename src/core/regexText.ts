/** Text that stands for itself inside a regular expression (`a.b` matches only `a.b`). */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Does `text` name `host` as a whole host name (not as part of a longer one: `a.io` is not in `data.io`)? */
export function namesHost(text: string, host: string): boolean {
  return new RegExp(`(^|[^a-z0-9.-])${escapeRegExp(host)}([^a-z0-9.-]|$)`, 'i').test(text);
}
