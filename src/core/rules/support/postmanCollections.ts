/**
 * Postman collections (schema v2.x, stop 37): the requests a collection file holds, for the request-file reading
 * of `newman run` (`requestFiles.ts`), and the variables of an environment or globals file. Bounded: the first
 * MAX_REQUESTS requests, folders to MAX_DEPTH levels; a file that is not JSON holds none.
 */

const MAX_REQUESTS = 500;
const MAX_DEPTH = 16;
const MAX_TEXT = 2 * 1024 * 1024;

export interface CollectionRequest {
  method: string;
  url: string;
}

function parsed(text: string): unknown {
  if (text.length > MAX_TEXT) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function urlOf(url: unknown): string | undefined {
  if (typeof url === 'string') return url;
  if (url === null || typeof url !== 'object') return undefined;
  const u = url as { raw?: unknown; protocol?: unknown; host?: unknown; path?: unknown };
  if (typeof u.raw === 'string') return u.raw;
  const host = Array.isArray(u.host) ? u.host.join('.') : typeof u.host === 'string' ? u.host : undefined;
  if (host === undefined) return undefined;
  return `${typeof u.protocol === 'string' ? `${u.protocol}://` : ''}${host}`;
}

/** Each request of the collection, in order (a request written as a string is a GET). */
export function collectionRequests(text: string): CollectionRequest[] {
  const out: CollectionRequest[] = [];
  const walk = (items: unknown, depth: number): void => {
    if (!Array.isArray(items) || depth > MAX_DEPTH) return;
    for (const item of items) {
      if (out.length >= MAX_REQUESTS || item === null || typeof item !== 'object') return;
      const it = item as { item?: unknown; request?: unknown };
      if (it.item !== undefined) walk(it.item, depth + 1);
      const request = it.request;
      if (typeof request === 'string') out.push({ method: 'GET', url: request });
      else if (request !== null && typeof request === 'object') {
        const r = request as { method?: unknown; url?: unknown };
        const url = urlOf(r.url);
        if (url !== undefined) out.push({ method: typeof r.method === 'string' ? r.method.toUpperCase() : 'GET', url });
      }
    }
  };
  const doc = parsed(text);
  if (doc !== null && typeof doc === 'object') walk((doc as { item?: unknown }).item, 0);
  return out;
}

/** `key` → `value` of a Postman environment or globals file (`values: [{ key, value, enabled }]`). */
export function environmentValues(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  const doc = parsed(text);
  const values = doc !== null && typeof doc === 'object' ? (doc as { values?: unknown }).values : undefined;
  if (!Array.isArray(values)) return vars;
  for (const v of values.slice(0, 1000)) {
    if (v === null || typeof v !== 'object') continue;
    const e = v as { key?: unknown; value?: unknown; enabled?: unknown };
    if (typeof e.key === 'string' && typeof e.value === 'string' && e.enabled !== false) vars.set(e.key, e.value);
  }
  return vars;
}
