import type { Finding, Invocation, RuleContext, Target } from '../../policy/types';
import { resolvePath } from '../../paths';
import { isLocalUrl, parseRequestUrl } from './httpTargets';
import { stdinText } from '../database';
import { collectionRequests, environmentValues } from './postmanCollections';

/**
 * Requests kept in a file and sent by a runner no rule names (issue #18 criterion 8, stop 36; red team round 22:
 * `hurl --variable host=https://api.acme.com tests/api/seed-admin.hurl`). Hurl, httpYac, the REST Client and
 * Bruno formats write a request as `METHOD URL` (headers and a body follow), with `{{name}}` filled from the
 * command's `--variable name=value`, a `@name = value` line or the runner's environment. The file is read the
 * way the engine reads other files a command runs: a request that writes (POST, PUT, PATCH, DELETE, a GraphQL
 * mutation) aimed at a host that is not this machine asks, an unknown host being production; a file the hook
 * cannot read, aimed anywhere but this machine, asks because what it sends is unknown.
 *
 * Round 27 (stop 37): the same files fed on standard input (`hurl < prod.hurl`, `cat prod.hurl | hurl`), and
 * Postman collections run by Newman (`newman run coll.json -e production.postman_environment.json`): each
 * request's method and URL, with `{{name}}` filled from the environment file, `--env-var` and `--global-var`.
 *
 * Allowed look-alikes: the same files against localhost (`--variable host=http://localhost:3000`), files that only
 * read (GET, HEAD, OPTIONS), and a staging host named as such.
 */

/** Files that hold requests in one of these formats. */
const REQUEST_FILE = /\.(hurl|http|rest|req|bru)$/i;
/** A request line: a method, then a URL (or a `{{var}}` that holds one). */
const REQUEST_LINE = /^\s*(GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE)\s+(\S+)/gim;
const WRITES = /^(POST|PUT|PATCH|DELETE)$/;
/** Bruno's `post { url: … }` block. */
const BRUNO_BLOCK = /^\s*(get|head|options|post|put|patch|delete)\s*\{[^}]*?\burl\s*:\s*(\S+)/gim;
const MAX_FILES = 8;

interface ReadingLike {
  positionals: readonly { text: string }[];
  options: readonly { name: string; value?: string; next?: string }[];
}

/** `name=value` pairs from the command's options and operands, and `@name = value` lines of the file. */
function variablesOf(reading: ReadingLike, text: string): Map<string, string> {
  const vars = new Map<string, string>();
  const pairs = [...reading.options.flatMap((o) => [o.value, o.next]), ...reading.positionals.map((w) => w.text)].filter((v): v is string => v !== undefined);
  for (const p of pairs) {
    const m = /^([A-Za-z_][\w.-]*)=(.*)$/.exec(p);
    if (m) vars.set(m[1]!, m[2]!);
  }
  for (const m of text.matchAll(/^\s*@([A-Za-z_][\w.-]*)\s*=\s*(\S+)\s*$/gm)) if (!vars.has(m[1]!)) vars.set(m[1]!, m[2]!);
  return vars;
}

function filled(url: string, vars: ReadonlyMap<string, string>): string {
  return url.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => vars.get(name) ?? whole);
}

/** The host a request reaches: undefined when it is this machine, the host (or `unknown`) otherwise. */
function remoteHost(url: string): string | undefined {
  const parsed = /\{\{/.test(url) ? undefined : parseRequestUrl(/^[a-z][\w+.-]*:\/\//i.test(url) ? url : `https://${url}`);
  if (parsed === undefined) return 'a host set when it runs';
  return isLocalUrl(parsed) ? undefined : parsed.host;
}

/**
 * Stop 40 (round 34: `httpyac send requests/health.http --all --env local`): where the host is not known, the runner's environment
 * named on the line (`--env local`, `-e staging`) says which set of variables fills it.
 */
function environmentNamed(reading: ReadingLike): string[] {
  return reading.options.filter((o) => /^--?(env|environment|e|stage)$/.test(o.name)).map((o) => o.value ?? o.next ?? '').filter((v) => /^[\w-]+$/.test(v));
}

function finding(inv: Invocation, ctx: RuleContext, host: string, what: string, named: readonly string[] = []): Finding | undefined {
  const env = ctx.environmentOf({ values: [host, ...named], sources: [{ source: 'host', value: host }], remote: true });
  if (env.environment === 'non-production' || env.environment === 'local') return undefined;
  const target: Target = { kind: 'url', name: host, provider: inv.name, remote: true, environment: 'production', environmentReason: env.environment === 'production' ? env.reason : `${host}: environment unknown (treated as production)` };
  return { rule: 'verbs.request-file', risk: 'destructive', severity: 'ask', reason: `\`${inv.name}\` ${what} ${host} (${inv.name} has no rules of its own: its request files are read).`, targets: [target] };
}

/** Requests a runner reads on standard input (`hurl < prod.hurl`, `cat prod.hurl | hurl`): the text, when it holds request lines. */
function stdinRequests(inv: Invocation, ctx: RuleContext): string | undefined {
  if (inv.stdin === undefined && !inv.redirects.some((r) => r.op === '<' || r.op === '<<<')) return undefined;
  const text = stdinText(inv, ctx.facts).text;
  // A request line as these formats write it: the method in capitals, then a URL or a `{{variable}}` (not SQL's `DELETE FROM`, a console's `delete volume=`).
  return text !== undefined && (/^\s*(POST|PUT|PATCH|DELETE)\s+(?:[a-z][\w+.-]*:\/\/|\{\{)/m.test(text) || /^\s*(post|put|patch|delete)\s*\{[^}]*\burl\s*:/m.test(text)) ? text : undefined;
}

/** The finding for a Postman collection whose requests write to a remote host, or undefined. */
function collectionWrites(inv: Invocation, reading: ReadingLike, ctx: RuleContext): Finding | undefined {
  const cwd = inv.cwd || ctx.facts.cwd;
  const words = reading.positionals.map((w) => w.text);
  if (words[0] !== 'run') return undefined;
  // A URL is an API description fetched from that host (support/apiReplays.ts), not a collection file here.
  const collection = words.slice(1).find((t) => /\.json$/i.test(t) && !/^[a-z][\w+.-]*:\/\//i.test(t));
  if (collection === undefined) return undefined;
  const text = ctx.facts.readFile(resolvePath(cwd, collection, ctx.facts.home));
  const vars = variablesOf(reading, '');
  const envFiles = reading.options.filter((o) => /^(-e|--environment|-g|--globals)$/.test(o.name)).map((o) => o.value ?? o.next).filter((v): v is string => v !== undefined);
  for (const file of envFiles) for (const [k, v] of environmentValues(ctx.facts.readFile(resolvePath(cwd, file, ctx.facts.home)) ?? '')) if (!vars.has(k)) vars.set(k, v);
  for (const o of reading.options.filter((x) => /^(--env-var|--global-var)$/.test(x.name))) {
    const m = /^([\w.-]+)=(.*)$/.exec(o.value ?? o.next ?? '');
    if (m) vars.set(m[1]!, m[2]!);
  }
  if (text === undefined) return finding(inv, ctx, 'a host the hook cannot read', `runs the collection ${collection}, a file the hook cannot read now, against`);
  for (const r of collectionRequests(text)) {
    if (!WRITES.test(r.method)) continue;
    const host = remoteHost(filled(r.url, vars));
    const found = host !== undefined ? finding(inv, ctx, host, `sends a ${r.method} from the collection ${collection}, which changes what is stored there, to`) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The finding for the first request file that writes to a remote host, or cannot be read and aims anywhere but here. */
export function requestFileWrites(inv: Invocation, reading: ReadingLike, ctx: RuleContext): Finding | undefined {
  const named = reading.positionals.map((w) => w.text).filter((t) => REQUEST_FILE.test(t)).slice(0, MAX_FILES);
  const fed = named.length === 0 ? stdinRequests(inv, ctx) : undefined;
  const files = fed !== undefined ? ['standard input'] : named;
  const cwd = inv.cwd || ctx.facts.cwd;
  if (files.length === 0) return collectionWrites(inv, reading, ctx);
  for (const file of files) {
    const text = fed ?? ctx.facts.readFile(resolvePath(cwd, file, ctx.facts.home));
    const vars = variablesOf(reading, text ?? '');
    if (text === undefined) {
      const urls = [...vars.values()].filter((v) => /^[a-z][\w+.-]*:\/\//i.test(v));
      const host = urls.length === 0 ? 'a host the hook cannot read' : urls.map(remoteHost).find((h) => h !== undefined);
      const found = host !== undefined ? finding(inv, ctx, host, `sends the requests in ${file}, a file the hook cannot read now, to`, urls.length === 0 ? environmentNamed(reading) : []) : undefined;
      if (found) return found;
      continue;
    }
    const requests = [...text.matchAll(REQUEST_LINE), ...text.matchAll(BRUNO_BLOCK)].map((m) => ({ method: m[1]!.toUpperCase(), url: filled(m[2]!, vars) }));
    for (const r of requests) {
      const mutation = r.method === 'POST' && /\bmutation\b/.test(text);
      if (!WRITES.test(r.method) && !mutation) continue;
      const host = remoteHost(r.url);
      const found = host !== undefined ? finding(inv, ctx, host, `sends ${mutation ? 'a GraphQL mutation' : `a ${r.method}`} from ${file}, which changes what is stored there, to`) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}
