/**
 * What a kubeconfig says about where kubectl and helm connect: its current context, each context's
 * cluster and user, each cluster's API server. Read from the text (YAML as kubectl writes it, block or
 * flow style, or JSON); nothing else of the file (credentials, plugins) is kept. Pure: the caller
 * reads the files (`Facts.readFile`, or the node side for the machine's own kubeconfig).
 */

export interface KubeconfigEntries {
  current: string | undefined;
  contexts: Map<string, { cluster?: string; user?: string }>;
  /** Cluster name -> its API server address. */
  clusters: Map<string, string | undefined>;
}

/** Largest text read, and most entries kept per list: a kubeconfig is small. */
const MAX_TEXT = 256 * 1024;
const MAX_ITEMS = 256;

function unquote(value: string): string {
  const v = value.trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) return v.slice(1, -1);
  return v;
}

/** `key: value` anywhere in an item, block (`  server: x`) or flow (`{server: "x", …}`) style. */
function scalar(item: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|[\\s{,])"?${key}"?\\s*:[ \\t]*("[^"\\n]*"|'[^'\\n]*'|[^\\s,}#][^,}#\\n]*)`, 'm').exec(item);
  const value = m ? unquote(m[1]!).trim() : undefined;
  return value === '' ? undefined : value;
}

/** The item's own `name:` (at the item's first level), not a name inside it (an exec plugin's env). */
function itemName(item: string): string | undefined {
  const lines = item.split('\n');
  const first = /^(\s*)-\s+(.*)$/.exec(lines[0] ?? '');
  if (!first) return undefined;
  const indent = first[1]!.length + 2;
  const own = /^name\s*:\s*(.+)$/.exec(first[2]!);
  if (own) return unquote(own[1]!);
  for (const line of lines.slice(1)) {
    const m = /^(\s*)name\s*:\s*(.+)$/.exec(line);
    if (m && m[1]!.length === indent) return unquote(m[2]!);
  }
  return undefined;
}

/** The items of a top-level list (`clusters:`), each as its text. */
function listItems(text: string, key: string): string[] {
  const start = new RegExp(`^${key}\\s*:.*$`, 'm').exec(text);
  if (!start) return [];
  const rest = text.slice(start.index + start[0].length + 1);
  const end = /^[^\s#-]/m.exec(rest);
  const body = end ? rest.slice(0, end.index) : rest;
  const items: string[] = [];
  let dash: number | undefined;
  for (const line of body.split('\n')) {
    const m = /^(\s*)-(\s|$)/.exec(line);
    if (m && (dash === undefined || m[1]!.length <= dash)) {
      dash = m[1]!.length;
      if (items.length >= MAX_ITEMS) break;
      items.push(line);
    } else if (items.length > 0) items[items.length - 1] += '\n' + line;
  }
  return items;
}

function fromJson(text: string): KubeconfigEntries | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const root = value as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object').slice(0, MAX_ITEMS) : []);
  const entries: KubeconfigEntries = { current: str(root['current-context']), contexts: new Map(), clusters: new Map() };
  for (const c of list(root.contexts)) {
    const name = str(c.name);
    const body = (c.context ?? {}) as Record<string, unknown>;
    if (name !== undefined) entries.contexts.set(name, { cluster: str(body.cluster), user: str(body.user) });
  }
  for (const c of list(root.clusters)) {
    const name = str(c.name);
    if (name !== undefined) entries.clusters.set(name, str(((c.cluster ?? {}) as Record<string, unknown>).server));
  }
  return entries;
}

/** One kubeconfig file's entries. */
export function kubeconfigEntries(given: string): KubeconfigEntries {
  const text = given.slice(0, MAX_TEXT).replace(/\r\n?/g, '\n');
  if (/^\s*\{/.test(text)) {
    const json = fromJson(text);
    if (json) return json;
  }
  const current = /^current-context\s*:[ \t]*(.*)$/m.exec(text)?.[1];
  const entries: KubeconfigEntries = { current: current !== undefined && unquote(current) !== '' ? unquote(current) : undefined, contexts: new Map(), clusters: new Map() };
  for (const item of listItems(text, 'contexts')) {
    const name = itemName(item);
    if (name !== undefined) entries.contexts.set(name, { cluster: scalar(item, 'cluster'), user: scalar(item, 'user') });
  }
  for (const item of listItems(text, 'clusters')) {
    const name = itemName(item);
    if (name !== undefined) entries.clusters.set(name, scalar(item, 'server'));
  }
  return entries;
}

/** Several files as kubectl merges them (KUBECONFIG=a:b): the first file to set a value wins. */
let last: { texts: readonly string[]; entries: KubeconfigEntries } | undefined;

export function mergedKubeconfig(texts: readonly string[]): KubeconfigEntries {
  // The same files are asked for by each pack that judges a kubectl or helm command: parsed once.
  if (last && last.texts.length === texts.length && last.texts.every((t, i) => t === texts[i])) return last.entries;
  const merged: KubeconfigEntries = { current: undefined, contexts: new Map(), clusters: new Map() };
  for (const text of texts) {
    const one = kubeconfigEntries(text);
    merged.current ??= one.current;
    for (const [k, v] of one.contexts) if (!merged.contexts.has(k)) merged.contexts.set(k, v);
    for (const [k, v] of one.clusters) if (!merged.clusters.has(k)) merged.clusters.set(k, v);
  }
  last = { texts: [...texts], entries: merged };
  return merged;
}
