import type { Analysis, CodeSnippet, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { isLocalHost } from '../policy/production';
import { printfOutput } from '../shell/decode';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';
import { requestOf } from './support/httpClients';
import { identifierParts } from './support/cliArgs';
import { destroyingSegment, searchBodyDestroy } from './support/storeEndpoints';
import { storeApiLoss } from './support/storeApiLoss';
import { isLocalUrl, parseRequestUrl, type RequestUrl } from './support/httpTargets';
import {
  destructiveLineCommands,
  destructivePayload,
  storeInfo,
  storeOfHttpPort,
  storeOfPort,
  storeOfScheme,
  unescapePrintf,
  type StoreInfo,
} from './support/storeProtocols';
import { queryDestroy, storeOfApiPath, storeOfHostName } from './support/storeHosts';

/**
 * Destructive text over any wire: what a data store reads as a destroying command, wherever it is
 * written. A raw socket (`nc`, `ncat`, `socat`, `telnet`, `openssl s_client`, bash's `/dev/tcp`) fed
 * `FLUSHALL`, `DEL`, `UNLINK` or `flush_all`; an HTTP request whose body or query carries `DROP`,
 * `TRUNCATE` or a Solr `<delete>`, or that deletes through a store's API on this machine (requests to
 * remote hosts that DELETE are the HTTP pack's); `redis-cli DEL`/`UNLINK`; a program that opens a
 * socket to a store's port and sends such a command. The store is known by the client, the port or the
 * URL scheme; a generic client with an unknown port is judged by both line vocabularies.
 */

interface Socket {
  /** The command that opens it, for reasons: 'nc', 'openssl s_client', 'bash /dev/tcp'. */
  client: string;
  host: string;
  port: number | undefined;
  store: StoreInfo | undefined;
  inv: Invocation;
}

const SOCKET_TOOLS = new Set(['nc', 'ncat', 'netcat', 'socat', 'telnet', 'openssl']);

function portOf(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,5}$/.test(text)) return undefined;
  return Number(text);
}

function socketOf(inv: Invocation): Socket | undefined {
  const words = inv.args.map((a) => a.text);
  if (inv.name === 'openssl') {
    if (words[0] !== 's_client') return undefined;
    const i = words.findIndex((w) => w === '-connect' || w === '--connect');
    const target = i >= 0 ? words[i + 1] : undefined;
    if (target === undefined) return undefined;
    const m = /^(.*):(\d+)$/.exec(target);
    const port = portOf(m?.[2]);
    return { client: 'openssl s_client', host: m?.[1] ?? target, port, store: port !== undefined ? storeOfPort(port) : undefined, inv };
  }
  if (inv.name === 'socat') {
    for (const w of words) {
      const m = /^(?:tcp[46]?|tcp[46]?-connect|openssl|openssl-connect|ssl):([^:,]+):(\d+)/i.exec(w);
      if (m) {
        const port = portOf(m[2]);
        return { client: 'socat', host: m[1]!, port, store: port !== undefined ? storeOfPort(port) : undefined, inv };
      }
    }
    return undefined;
  }
  // nc, ncat, netcat, telnet: `[options] host port`; `-z` only scans.
  const a = registryArgs(inv);
  if (!a || a.has('-z', '--listen')) return undefined;
  const operands = a.parsed.operands.map((w) => w.text);
  if (operands.length === 0) return undefined;
  const port = portOf(operands[operands.length - 1]);
  const host = port !== undefined && operands.length >= 2 ? operands[operands.length - 2]! : operands[0]!;
  return { client: inv.name, host, port, store: port !== undefined ? storeOfPort(port) : undefined, inv };
}

/** An invocation's usual reading through its registry entry (registry/tools/runners.ts, nosql.ts). */
function registryArgs(inv: Invocation): ToolArgs | undefined {
  const spec = toolNamed(inv.name);
  return spec ? toolArgs(inv.name, parsedArgs(inv.args, spec), spec) : undefined;
}

/** Sockets opened by redirecting to bash's `/dev/tcp/host/port` (`exec 3<>/dev/tcp/redis/6379`). */
function devTcpSockets(inv: Invocation): Socket[] {
  const out: Socket[] = [];
  for (const r of inv.redirects) {
    const m = /^\/dev\/(?:tcp|udp)\/([^/]+)\/(\d+)$/.exec(r.target.text);
    if (!m) continue;
    const port = portOf(m[2]);
    out.push({ client: 'bash /dev/tcp', host: m[1]!, port, store: port !== undefined ? storeOfPort(port) : undefined, inv });
  }
  return out;
}

/** What a producer writes: echo's words, printf's format with its arguments, a heredoc. */
function producedText(inv: Invocation): string | undefined {
  if (inv.name === 'echo') {
    const words = inv.args.map((a) => a.text);
    const escapes = words.some((w) => /^-[neE]*e/.test(w));
    const text = words.filter((w) => !/^-[neE]+$/.test(w)).join(' ');
    return escapes ? unescapePrintf(text) : text;
  }
  if (inv.name === 'printf') {
    const [format, ...rest] = inv.args.map((a) => a.text);
    if (format === undefined) return undefined;
    return printfOutput(format, rest) ?? unescapePrintf(format);
  }
  if ((inv.name === 'cat' || inv.name === 'tee') && (inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring')) return inv.stdin.text;
  return undefined;
}

function stdinOf(inv: Invocation): string | undefined {
  const s = inv.stdin;
  if (!s) {
    const here = inv.redirects.find((r) => r.op === '<<<');
    return here?.target.text;
  }
  if (s.kind === 'heredoc' || s.kind === 'herestring') return s.text;
  if (s.kind === 'pipe') return producedText(s.from);
  return undefined;
}

function socketTarget(socket: Socket, ctx: RuleContext): Target {
  const remote = !isLocalHost(socket.host) || /[$`]/.test(socket.host);
  const resolved = ctx.environmentOf({ values: [], sources: [{ source: 'host', value: socket.host }], remote });
  const name = socket.port !== undefined ? `${socket.host}:${socket.port}` : socket.host;
  return { kind: 'database', name, provider: socket.store?.protocol ?? 'network', remote, environment: resolved.environment, environmentReason: resolved.reason };
}

function wireFinding(socket: Socket, command: string, ctx: RuleContext): Finding {
  const store = socket.store ? `${socket.store.label} at ` : '';
  return {
    rule: 'wire.raw-socket-destroy',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${socket.client}\` sends ${command} to ${store}${socket.port !== undefined ? `${socket.host}:${socket.port}` : socket.host} over a raw connection.`,
    targets: [socketTarget(socket, ctx)],
  };
}

/** Raw sockets need the whole command line: a group (`{ echo …; sleep 1; } | telnet …`) or an fd opened earlier feeds them. */
function checkAnalysis(analysis: Analysis, ctx: RuleContext): Finding[] {
  const sockets: Socket[] = [];
  for (const inv of analysis.invocations) {
    if (SOCKET_TOOLS.has(inv.name)) {
      const s = socketOf(inv);
      if (s) sockets.push(s);
    }
    sockets.push(...devTcpSockets(inv));
  }
  if (sockets.length === 0) return [];
  // Text any producer in the same command line writes: it may reach the socket through a group or an fd.
  const produced = analysis.invocations.map(producedText).filter((t): t is string => t !== undefined && t.length > 0);
  const findings: Finding[] = [];
  for (const socket of sockets) {
    const own = socket.client === 'bash /dev/tcp' ? undefined : stdinOf(socket.inv);
    const payloads = own !== undefined ? [own] : produced;
    for (const payload of payloads) {
      const found = socket.store && socket.store.protocol !== 'redis' && socket.store.protocol !== 'memcached'
        ? destructivePayload(payload, socket.store.protocol)
        : destructiveLineCommands(payload, socket.store?.protocol)[0] ?? destructivePayload(payload, socket.store?.protocol);
      if (found) {
        findings.push(wireFinding(socket, found, ctx));
        break;
      }
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// HTTP APIs of data stores

/** Paths that name a store's API even on an unusual port. */
function storeOfUrl(url: RequestUrl, raw: string): StoreInfo | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1];
  const byScheme = scheme && !/^https?$/i.test(scheme) ? storeOfScheme(scheme) : undefined;
  if (byScheme) return byScheme;
  const port = portOf(url.port);
  const byPort = port === undefined ? undefined : scheme && !/^https?$/i.test(scheme) ? storeOfPort(port) : storeOfHttpPort(port);
  if (byPort) return byPort;
  // Round 11: a host named after its store (`http://surreal:8000/sql`) or an API path only one store has (Vault's `/v1/sys/`).
  const byName = storeOfHostName(url.host) ?? storeOfApiPath(url.path);
  if (byName) return storeInfo(byName);
  if (/\/_(delete_by_query|update_by_query|bulk|doc|cat|cluster|search|aliases|ilm|snapshot)\b/.test(url.path)) return storeOfPort(9200);
  if (url.path.startsWith('/solr/')) return storeOfPort(8983);
  // Confluent Schema Registry and Kafka Connect keep a cluster's schemas and pipelines.
  if (/^\/(subjects|connectors)\//.test(url.path)) return storeOfPort(9092);
  return undefined;
}

/** A body's texts a store reads as commands: the body, form values, and the strings of a JSON body (`{"statements":[{"statement":"…"}]}`). */
function formValues(text: string): string[] {
  const out = [text];
  if (/^\s*[[{]/.test(text)) for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"/g)) if (/\s/.test(m[1]!)) out.push(m[1]!.replace(/\\(.)/g, '$1'));
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    try {
      out.push(decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' ')));
    } catch {
      out.push(pair.slice(eq + 1));
    }
  }
  return out;
}

/**
 * An API on a port no store is known by that is sent a whole SQL statement as a value (CrateDB's
 * `{"stmt": "DROP TABLE …"}`, QuestDB's `query=…`, a SQL gateway): its SQL endpoint, by the text alone.
 */
function sqlEndpoint(texts: readonly string[]): StoreInfo | undefined {
  const statement = texts.some((t) => /^\s*(DROP|TRUNCATE|DELETE\s+FROM|ALTER\s+TABLE|UPDATE\s+\S+\s+SET)\b/i.test(t) && destructivePayload(t, 'sql') !== undefined);
  return statement ? storeOfPort(5432) : undefined;
}

/**
 * A JSON switch that wipes a store whatever its API (`{"drop_all": true}` to Dgraph's /alter,
 * `{"purge": true}`, `{"deleteAll": "data"}`): the key is a destroying verb alone or with what it
 * empties (all, data, everything, database, schema), switched on. `delete_branch_on_merge` is a setting.
 */
function dropSwitch(texts: readonly string[]): string | undefined {
  for (const text of texts) {
    if (!/^\s*[[{]/.test(text)) continue;
    for (const m of text.matchAll(/"([A-Za-z_-]+)"\s*:\s*(true|"(?:all|data|everything|DATA|ALL)")/g)) {
      const parts = identifierParts(m[1]!);
      if (/^(drop|delete|purge|truncate|flush|wipe)$/.test(parts[0] ?? '') && parts.slice(1).every((p) => /^(all|data|everything|database|db|schema|keys)$/.test(p))) return `a request that switches ${m[1]} on`;
    }
  }
  return undefined;
}

/** A Solr update that deletes (`<delete>…</delete>`, `{"delete": …}`). */
function solrDelete(text: string): string | undefined {
  if (/<delete>/i.test(text)) return 'a Solr <delete>';
  if (/"delete"\s*:/.test(text)) return 'a Solr delete command';
  return undefined;
}

/** What curl types into a `telnet://` session (its standard input) or a `gopher://` selector (`/_FLUSHALL%0D%0A`). */
function curlSessionText(inv: Invocation, raw: string, path: string): string[] {
  if (/^telnet:\/\//i.test(raw)) return [stdinOf(inv) ?? ''];
  if (!/^gopher:\/\//i.test(raw)) return [];
  try {
    return [decodeURIComponent(path.replace(/^\/./, ''))];
  } catch {
    return [path];
  }
}

function httpFindings(inv: Invocation, ctx: RuleContext): Finding[] {
  const request = requestOf(inv, ctx);
  if (!request) return [];
  const findings: Finding[] = [];
  for (const raw of request.urls) {
    const url = parseRequestUrl(raw);
    if (!url) continue;
    const texts = [...request.bodies.flatMap((b) => (b.text !== undefined ? formValues(b.text) : [])), ...formValues(url.query), ...curlSessionText(inv, raw, url.path)];
    const known = storeOfUrl(url, raw) ?? sqlEndpoint(texts);
    const wipe = known ? undefined : dropSwitch(texts);
    const local = isLocalUrl(url);
    const quiet = local ? undefined : storeApiLoss({ method: request.methodOverride ?? request.method, host: url.host, path: url.path, query: url.query, bodies: request.bodies.map((b) => b.text) });
    if (!known && !wipe && !quiet) continue;
    const store: StoreInfo = known ?? { protocol: 'sql', label: 'data' };
    let found: string | undefined = wipe;
    for (const text of known ? texts : []) {
      found = (store.protocol === 'solr' ? solrDelete(text) : undefined) ?? destructivePayload(text, store.protocol);
      if (found) break;
    }
    const method = request.methodOverride ?? request.method;
    // Remote DELETEs and destroying endpoints are the HTTP pack's; on this machine it stays quiet, so this pack speaks.
    if (!found && known && method !== 'GET' && method !== 'HEAD') found = queryDestroy(url.query);
    if (!found && local && method !== 'GET' && method !== 'HEAD') {
      const bodies = request.bodies.map((b) => b.text ?? '');
      found = method === 'DELETE' ? `an HTTP DELETE of ${url.path}` : searchBodyDestroy(method, url.path, bodies, 'localhost') ?? (destroyingSegment(url.path) !== undefined || /_delete_by_query/.test(url.path) ? `a ${method} to ${url.path}` : undefined);
    }
    if (!found) found = quiet;
    // etcd's v3 gateway deletes by POSTing a range: no HTTP word says so.
    if (!found && method !== 'GET' && /\/v3(beta|alpha)?\/kv\/deleterange$/.test(url.path)) found = 'an etcd DeleteRange';
    if (!found) continue;
    const resolved = ctx.environmentOf({ values: [url.display], sources: [{ source: 'host', value: url.host }], selectors: [], remote: !local });
    findings.push({
      rule: 'wire.store-http-destroy',
      risk: 'destructive',
      severity: 'ask',
      reason: `\`${inv.name}\` sends ${found} to the ${store.label} API at ${url.display}.`,
      targets: [{ kind: 'database', name: url.display, provider: known ? store.protocol : 'http', remote: !local, environment: resolved.environment, environmentReason: resolved.reason }],
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Store clients: redis-cli deleting keys (the database pack reads its FLUSHALL/FLUSHDB)

const REDIS_CLIENTS = new Set(['redis-cli', 'valkey-cli', 'keydb-cli']);

/**
 * A Redis command with its secrets hidden, for a reason (round 27: `CONFIG SET requirepass NEW` printed the new
 * password): the value of `requirepass`/`masterauth`, `AUTH`'s and `AUTH2`'s passwords, ACL `>password` rules.
 */
export function redisShown(command: string): string {
  return command
    .replace(/\b((?:config\s+set\s+)?(?:requirepass|masterauth))\s+\S+/gi, '$1 (a password, not shown)')
    .replace(/\b(auth2?)\s+(\S+\s+)?\S+/gi, (_m, verb: string, user?: string) => `${verb} ${/^auth2$/i.test(verb) && user ? user : ''}(a password, not shown)`)
    .replace(/(^|\s)[>#]\S+/g, '$1(a password, not shown)');
}

function redisClientFindings(inv: Invocation, ctx: RuleContext): Finding[] {
  const p = registryArgs(inv);
  const words = p?.parsed.operands.map((w) => w.text) ?? [];
  if (words.length === 0) return [];
  const line = words.join(' ');
  // Keys fed by xargs are whatever a listing produced (`redis-cli --scan | xargs redis-cli del`): every key it matched.
  // …or by a substitution of such a listing (`redis-cli UNLINK $(redis-cli KEYS '*')`).
  const listed = /^(del|unlink)$/i.test(words[0] ?? '') && (inv.via.includes('xargs') || (p?.parsed.operands ?? []).some((w) => w.dynamic && /\$\([^)]*(\bKEYS\b|--scan\b|\bSCAN\b)/i.test(w.text)));
  const found = destructiveLineCommands(line, 'redis').find((c) => !/^flush(all|db)\b/i.test(c)) ?? (listed ? words[0] : undefined);
  if (!found) return [];
  const url = p?.value('-u');
  const host = p?.value('-h') ?? (url !== undefined ? parseRequestUrl(url)?.host : undefined) ?? 'localhost';
  const remote = !isLocalHost(host) || /[$`]/.test(host);
  // A key deleted on this machine's Redis is routine development, like a scoped DELETE on a local database (issue #11).
  if (!remote && !listed) return [];
  const resolved = ctx.environmentOf({ values: url !== undefined ? [url] : [], sources: [{ source: '-h', value: host }], remote });
  return [{
    rule: 'wire.redis-delete',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${inv.name}\` runs ${redisShown(found)}${listed ? ' on every key a listing matched (handed on by xargs or a substitution)' : ''} on the Redis server at ${host}.`,
    targets: [{ kind: 'database', name: host, provider: 'redis', remote, environment: resolved.environment, environmentReason: resolved.reason }],
  }];
}

// ---------------------------------------------------------------------------------------------
// Programs that open a socket to a store

function checkSnippet(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (!['python', 'javascript', 'ruby', 'perl', 'php'].includes(snippet.language)) return [];
  const code = snippet.text;
  if (!/socket|create_connection|net\.connect|createConnection|TCPSocket|fsockopen|IO::Socket/i.test(code)) return [];
  const port = [...code.matchAll(/\b(\d{4,5})\b/g)].map((m) => Number(m[1])).find((n) => storeOfPort(n) !== undefined);
  if (port === undefined) return [];
  const store = storeOfPort(port)!;
  const literals = [...code.matchAll(/b?(['"])((?:(?!\1)[^\\]|\\.)*)\1/g)].map((m) => unescapePrintf(m[2] ?? ''));
  const found = literals.map((l) => destructivePayload(l, store.protocol)).find((f) => f !== undefined);
  if (!found) return [];
  const host = /['"]([A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,}|[0-9]{1,3}(?:\.[0-9]{1,3}){3}|localhost)['"]/.exec(code)?.[1] ?? 'the host the program connects to';
  const socket: Socket = { client: `${snippet.runner.name} program`, host, port, store, inv: snippet.runner };
  return [wireFinding(socket, found, ctx)];
}

export const wirePack: RulePack = {
  id: 'wire',
  title: 'Destructive commands sent to data stores over raw sockets, HTTP APIs and store clients',
  commands: ['curl', 'wget', 'http', 'https', 'xh', 'xhs', ...REDIS_CLIENTS],
  checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
    return REDIS_CLIENTS.has(inv.name) ? redisClientFindings(inv, ctx) : httpFindings(inv, ctx);
  },
  checkAnalysis,
  checkSnippet,
};
