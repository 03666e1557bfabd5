import { ownTable } from '../../ownTable';
import type { ArgWord, Invocation } from '../../policy/types';
import { optionsMatching } from '../../registry/grammar';
import { parsedArgs, toolNamed } from '../../registry/commandModel';

/**
 * Where a request delivers a value as data to the host it goes to, read through the clients' registry entries
 * (`registry/tools/webClients.ts`): the body options (`-d`, `--data-urlencode`, `--json`, `-F`, `--form-string`,
 * wget's `--post-data`), the URL's path or query (`--url-query`), an HTTPie-style data item (`key=$V`, `key:=$V`,
 * `key==$V`), and what a client is given on standard input (`nc host 80 <<< "$V"`, `curl -d @- <<< …`).
 * A credential that signs the request (a header, `-u`, a cookie, `--bearer`, an `Authorization:` item) is how a
 * token is used with its own service: those spellings are judged by the token's name alone (secretsSentOut.ts).
 */
const DATA_OPTIONS: Readonly<Record<string, readonly string[]>> = ownTable({
  curl: ['--data', '--data-ascii', '--data-binary', '--data-raw', '--data-urlencode', '--json', '--form', '--form-string', '--url-query', '--url'],
  wget: ['--post-data', '--body-data'],
  http: [],
});

/** The registry entry whose option grammar a client's words are read with (curlie takes curl's options and HTTPie's items). */
const GRAMMAR_OF: Readonly<Record<string, string>> = ownTable({ curl: 'curl', curlie: 'curl', wget: 'wget', wget2: 'wget', http: 'http', https: 'http', xh: 'http', xhs: 'http' });
/** Clients whose operands after the address are request items. */
const ITEM_CLIENTS = new Set(['http', 'https', 'xh', 'xhs', 'curlie']);
/** Socket clients: what they read on standard input is written to the connection. */
const SOCKET_CLIENTS = new Set(['nc', 'ncat', 'netcat', 'socat', 'telnet', 'openssl', 'websocat', 'wscat']);

const mentions = (text: string, variable: string): boolean => new RegExp(`\\$\\{?${variable}\\b`).test(text);

/** Does this request deliver `$variable` to its host as data (a body, form, URL path or query, data item or the client's input)? */
export function carriedInRequest(inv: Invocation, variable: string): boolean {
  if ((SOCKET_CLIENTS.has(inv.name) || Object.hasOwn(GRAMMAR_OF, inv.name)) && (inv.stdin?.kind === 'herestring' || inv.stdin?.kind === 'heredoc') && mentions(inv.stdin.text, variable)) return true;
  const grammar = Object.hasOwn(GRAMMAR_OF, inv.name) ? GRAMMAR_OF[inv.name] : undefined;
  const spec = grammar !== undefined ? toolNamed(grammar) : undefined;
  if (grammar === undefined || !spec) return false;
  const parsed = parsedArgs(inv.args, spec);
  const carriers = DATA_OPTIONS[grammar] ?? [];
  if (optionsMatching(parsed, spec, carriers).some((o) => o.valueWords.some((w) => mentions(w.raw, variable)) || o.values.some((v) => mentions(v, variable)))) return true;
  const operands: readonly ArgWord[] = parsed.operands;
  // A URL: its path or query (its host is judged as the destination; user-info signs, judged in sentOutReach.ts).
  if (operands.some((w) => urlCarries(w.raw, variable))) return true;
  // HTTPie-style data items after the address (`k=$V`, `k:=$V`, `k==$V`); a header item (`Name:$V`) signs.
  return ITEM_CLIENTS.has(inv.name) && operands.some((w) => /^[^=:\s'"]*(?:==|:=|=)/.test(w.text.replace(/^['"]/, '')) && mentions(w.raw, variable));
}

/** A URL (with or without its scheme) carrying `$variable` in its user-info, path or query. */
function urlCarries(raw: string, variable: string): boolean {
  const m = /^['"]?(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#\s'"]*)(.*)$/i.exec(raw);
  if (!m || !/:\/\/|^['"]?[\w.$-]+\.[a-z]{2,}(?::\d+)?[/?]/i.test(raw)) return false;
  return mentions(m[2] ?? '', variable);
}
