/**
 * For the HTTP pack: the request a command-line client sends, read from its arguments (curl, wget,
 * httpie/xh, `gh api`, PowerShell's Invoke-RestMethod/Invoke-WebRequest): method, URL, headers and
 * body, with the body read wherever it comes from (inline, `@file`, a curl config, stdin heredocs
 * and pipes from echo/printf/cat, httpie items).
 */

import { ownTable } from '../../ownTable';
import type { ArgWord, Invocation, RuleContext } from '../../policy/types';
import { resolvePath } from '../../paths';
import { printfOutput } from '../../shell/decode';
import { parsedArgs, toolArgs, toolNamed } from '../../registry/commandModel';
import type { ParsedOption } from '../../registry/grammar';
import type { ToolArgs } from '../../registry/types';
import { looksLikeUrl, type HttpRequest, type RequestBody } from './httpTargets';

// ---------------------------------------------------------------------------------------------
// Reading bodies

function absoluteCwd(inv: Invocation, ctx: RuleContext): string {
  return resolvePath(ctx.facts.cwd, inv.cwd, ctx.facts.home);
}

/** A file the request reads, through the facts interface; undefined when unknown or unreadable. */
function readRequestFile(path: string, inv: Invocation, ctx: RuleContext): string | undefined {
  if (path.length === 0 || /[$`]/.test(path)) return undefined;
  // After a `cd` to a computed folder, a relative path could name a different file than the one we see.
  if (inv.cwdUncertain === true && !path.startsWith('/') && !path.startsWith('~')) return undefined;
  return ctx.facts.readFile(resolvePath(absoluteCwd(inv, ctx), path, ctx.facts.home));
}

function fileBody(path: string, inv: Invocation, ctx: RuleContext): RequestBody {
  if (path === '-') return stdinBody(inv, ctx);
  const text = readRequestFile(path, inv, ctx);
  if (text !== undefined) return { text, dynamic: false };
  const why = /[$`]/.test(path) ? 'is named at run time' : inv.cwdUncertain === true ? 'could not be read (the working folder is computed at run time)' : 'could not be read';
  return { dynamic: false, unreadable: `request body file ${path} ${why}` };
}

function stdinBody(inv: Invocation, ctx: RuleContext): RequestBody {
  const stdin = inv.stdin;
  if (!stdin) return { dynamic: false, unreadable: 'request body from standard input is not known' };
  switch (stdin.kind) {
    case 'heredoc':
    case 'herestring':
      return { text: stdin.text, dynamic: /\$[{(A-Za-z_]|`/.test(stdin.text) && stdin.kind === 'herestring' };
    case 'file': {
      const text = readRequestFile(stdin.path, inv, ctx);
      return text !== undefined ? { text, dynamic: false } : { dynamic: false, unreadable: `request body file ${stdin.path} could not be read` };
    }
    case 'pipe': {
      const from = stdin.from;
      if (from.name === 'echo') {
        const words = from.args.filter((a, i) => !(i === 0 && /^-[neE]+$/.test(a.text)));
        return { text: words.map((a) => a.text).join(' '), dynamic: words.some((a) => a.dynamic) };
      }
      if (from.name === 'printf' && from.args.length > 0) {
        const text = printfOutput((from.args[0] as ArgWord).text, from.args.slice(1).map((a) => a.text));
        if (text !== undefined) return { text, dynamic: from.args.some((a) => a.dynamic) };
      }
      if (from.name === 'cat' && from.args.length === 1 && !(from.args[0] as ArgWord).text.startsWith('-')) {
        return fileBody((from.args[0] as ArgWord).text, from, ctx);
      }
      return { dynamic: false, unreadable: `request body piped from ${from.name} cannot be read statically` };
    }
  }
}

function inlineBody(word: string, dynamic: boolean): RequestBody {
  return { text: word, dynamic };
}

// ---------------------------------------------------------------------------------------------
// curl

/** Parse a curl config file (`-K`): `--opt value`, `opt = "value"`, `opt: value`, one per line. */
function curlConfigArgs(text: string): ArgWord[] {
  const out: ArgWord[] = [];
  const push = (t: string): void => {
    out.push({ text: t, raw: t, dynamic: false, glob: false });
  };
  for (const rawLine of text.split(/\r?\n/).slice(0, 2000)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(-{0,2}[A-Za-z0-9][\w-]*)\s*(?:[=:]\s*|\s+|$)(.*)$/.exec(line);
    if (!m) continue;
    const name = m[1] as string;
    const flag = name.startsWith('-') ? name : name.length === 1 ? '-' + name : '--' + name;
    push(flag);
    let value = (m[2] ?? '').trim();
    if (value === '') continue;
    if (value.startsWith('"')) {
      const end = value.lastIndexOf('"');
      value = value.slice(1, end > 0 ? end : undefined).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
    }
    push(value);
  }
  return out;
}

function header(values: readonly string[], name: string): string | undefined {
  const prefix = name.toLowerCase() + ':';
  for (const v of values) {
    if (v.toLowerCase().startsWith(prefix)) return v.slice(prefix.length).trim();
  }
  return undefined;
}

function methodOverrideOf(headers: readonly string[]): string | undefined {
  for (const name of ['x-http-method-override', 'x-http-method', 'x-method-override']) {
    const v = header(headers, name);
    if (v) return v.toUpperCase();
  }
  return undefined;
}

/** The usual reading of `args` by a registry tool's grammar, with accessors by option name. */
function readArgs(name: string, args: readonly ArgWord[]): ToolArgs {
  const spec = toolNamed(name)!;
  return toolArgs(name, parsedArgs(args, spec), spec);
}

function curlRequest(inv: Invocation, ctx: RuleContext): HttpRequest | undefined {
  let a = readArgs('curl', inv.args);
  if (a.has('-h', '-V')) return undefined;
  let unanalyzable: string | undefined;
  const configs = a.values('-K');
  if (configs.length > 0) {
    const extra: ArgWord[] = [];
    for (const path of configs) {
      const text = path === '-' ? stdinBody(inv, ctx).text : readRequestFile(path, inv, ctx);
      if (text === undefined) unanalyzable = `the curl config file ${path} could not be read`;
      else extra.push(...curlConfigArgs(text));
    }
    a = readArgs('curl', [...inv.args, ...extra]);
  }
  const bodies: RequestBody[] = [];
  for (const option of a.parsed.options) {
    // curl 8.3+: any option prefixed `--expand-` has {{variables}} substituted at run time.
    const expanded = option.written.startsWith('--expand-');
    option.values.forEach((value, i) => {
      const dynamic = option.valueWords[i]?.dynamic === true || (expanded && value.includes('{{'));
      switch (option.name) {
        case '-d':
        case '--data-ascii':
        case '--data-binary':
        case '--json':
          bodies.push(value.startsWith('@') ? fileBody(value.slice(1), inv, ctx) : inlineBody(value, dynamic));
          break;
        case '--data-raw':
        case '--form-string':
          bodies.push(inlineBody(value, dynamic));
          break;
        case '--data-urlencode': {
          const m = /^([^=@]*)@(.*)$/.exec(value);
          if (m && !value.includes('=')) {
            const file = fileBody(m[2] ?? '', inv, ctx);
            bodies.push(m[1] && file.text !== undefined ? { ...file, text: `${m[1]}=${file.text}` } : file);
          } else bodies.push(inlineBody(value.startsWith('=') ? value.slice(1) : value, dynamic));
          break;
        }
        case '-F': {
          const eq = value.indexOf('=');
          const content = eq >= 0 ? value.slice(eq + 1) : value;
          if (content.startsWith('<')) bodies.push(fileBody(content.slice(1), inv, ctx));
          else if (!content.startsWith('@')) bodies.push(inlineBody(content, dynamic));
          break;
        }
        default:
          break;
      }
    });
  }
  const headers = a.values('-H');
  let method = a.value('-X')?.toUpperCase();
  if (!method) {
    if (a.has('-I')) method = 'HEAD';
    else if (a.has('-G')) method = 'GET';
    else if (a.has('-T')) method = 'PUT';
    else if (bodies.length > 0) method = 'POST';
    else method = 'GET';
  }
  const urls = [...a.values('--url'), ...urlOperands(a)];
  const contentType = header(headers, 'content-type')?.toLowerCase() ?? (a.has('--json') ? 'application/json' : undefined);
  const methodOverride = methodOverrideOf(headers);
  return {
    client: 'curl',
    method,
    urls,
    bodies,
    ...(contentType !== undefined ? { contentType } : {}),
    ...(methodOverride !== undefined ? { methodOverride } : {}),
    unixSocket: a.has('--unix-socket', '--abstract-unix-socket'),
    ...(a.value('--unix-socket', '--abstract-unix-socket') !== undefined ? { socketPath: a.value('--unix-socket', '--abstract-unix-socket')! } : {}),
    ...(unanalyzable !== undefined ? { unanalyzable } : {}),
  };
}

/** Text of every dynamic argument word (and its flag-glued remainder), to mark bodies dynamic. */
function dynamicValues(args: readonly ArgWord[]): Set<string> {
  const out = new Set<string>();
  for (const a of args) {
    if (!a.dynamic) continue;
    out.add(a.text);
    const eq = a.text.indexOf('=');
    if (a.text.startsWith('--') && eq > 0) out.add(a.text.slice(eq + 1));
    if (/^-[A-Za-z]/.test(a.text) && !a.text.startsWith('--')) out.add(a.text.slice(2));
  }
  return out;
}

function urlOperands(a: ToolArgs): string[] {
  return a.parsed.operands.filter((w) => looksLikeUrl(w.text) || (w.dynamic && /^["']?\$/.test(w.text))).map((w) => w.text);
}

// ---------------------------------------------------------------------------------------------
// wget

function wgetRequest(inv: Invocation, ctx: RuleContext): HttpRequest | undefined {
  const a = readArgs('wget', inv.args);
  if (a.has('-h', '--spider')) return undefined;
  const bodies: RequestBody[] = [];
  for (const option of optionsOf(a, ['--post-data', '--body-data'])) option.values.forEach((v, i) => bodies.push(inlineBody(v, option.valueWords[i]?.dynamic === true)));
  for (const v of a.values('--post-file', '--body-file')) bodies.push(fileBody(v, inv, ctx));
  const headers = a.values('--header');
  const explicit = a.value('--method');
  const method = explicit?.toUpperCase() ?? (bodies.length > 0 ? 'POST' : 'GET');
  const contentType = header(headers, 'content-type')?.toLowerCase();
  const methodOverride = methodOverrideOf(headers);
  return {
    client: 'wget',
    method,
    urls: urlOperands(a),
    bodies,
    ...(contentType !== undefined ? { contentType } : {}),
    ...(methodOverride !== undefined ? { methodOverride } : {}),
    unixSocket: false,
  };
}

/** The options given under any of these described names, in order. */
function optionsOf(a: ToolArgs, names: readonly string[]): ParsedOption[] {
  return a.parsed.options.filter((o) => names.includes(o.name));
}

// ---------------------------------------------------------------------------------------------
// httpie / xh

const HTTPIE_SEPARATORS = [':=@', '=@', '==', ':=', '=', '@', ':'];

function httpieItem(text: string): { key: string; sep: string; value: string } | undefined {
  let best: { key: string; sep: string; value: string; at: number } | undefined;
  for (const sep of HTTPIE_SEPARATORS) {
    const at = text.indexOf(sep);
    if (at <= 0) continue;
    if (!best || at < best.at || (at === best.at && sep.length > best.sep.length)) best = { key: text.slice(0, at), sep, value: text.slice(at + sep.length), at };
  }
  return best;
}

function httpieRequest(inv: Invocation, ctx: RuleContext): HttpRequest | undefined {
  const a = readArgs(inv.name, inv.args);
  if (a.has('--help', '--offline', '--version')) return undefined;
  const words = [...a.parsed.operands];
  let method: string | undefined;
  if (words.length >= 2 && /^[A-Za-z]+$/.test((words[0] as ArgWord).text) && !looksLikeUrl((words[0] as ArgWord).text)) {
    method = (words.shift() as ArgWord).text.toUpperCase();
  }
  const urlWord = words.shift();
  if (!urlWord) return undefined;
  const defaultHttps = inv.name === 'https' || inv.name === 'xhs';
  let url = urlWord.text;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = (defaultHttps ? 'https://' : 'http://') + (url.startsWith(':') ? 'localhost' + url : url);
  const body: Record<string, unknown> = {};
  const bodies: RequestBody[] = [];
  const headers: string[] = [];
  let hasData = false;
  let dynamic = false;
  for (const w of words) {
    const item = httpieItem(w.text);
    if (!item) continue;
    if (w.dynamic) dynamic = true;
    switch (item.sep) {
      case '=':
        body[item.key] = item.value;
        hasData = true;
        break;
      case ':=':
        try {
          body[item.key] = JSON.parse(item.value) as unknown;
        } catch {
          body[item.key] = item.value;
        }
        hasData = true;
        break;
      case '=@':
      case ':=@': {
        const file = fileBody(item.value, inv, ctx);
        hasData = true;
        if (file.text === undefined) bodies.push(file);
        else if (item.sep === '=@') body[item.key] = file.text;
        else {
          try {
            body[item.key] = JSON.parse(file.text) as unknown;
          } catch {
            body[item.key] = file.text;
          }
        }
        break;
      }
      case ':':
        headers.push(`${item.key}:${item.value}`);
        break;
      default:
        break;
    }
  }
  if (hasData) bodies.push({ text: JSON.stringify(body), dynamic });
  for (const raw of a.values('--raw')) bodies.push(inlineBody(raw, dynamicValues(inv.args).has(raw)));
  if (!hasData && bodies.length === 0 && inv.stdin && !a.has('-I')) {
    bodies.push(stdinBody(inv, ctx));
  }
  const contentType = header(headers, 'content-type')?.toLowerCase();
  const methodOverride = methodOverrideOf(headers);
  return {
    client: inv.name,
    method: method ?? (bodies.length > 0 ? 'POST' : 'GET'),
    urls: [url],
    bodies,
    ...(contentType !== undefined ? { contentType } : {}),
    ...(methodOverride !== undefined ? { methodOverride } : {}),
    unixSocket: a.has('--unix-socket'),
    ...(a.value('--unix-socket') !== undefined ? { socketPath: a.value('--unix-socket')! } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// gh api

/** Where a forge CLI's `api` subcommand sends its endpoint: GitHub's API host, GitLab's `/api/v4` (or `/api/graphql`). */
const FORGE_APIS: Readonly<Record<string, { host: string; rest: string; graphql: string }>> = ownTable({
  gh: { host: 'api.github.com', rest: '', graphql: 'graphql' },
  glab: { host: 'gitlab.com', rest: 'api/v4/', graphql: 'api/graphql' },
});

function ghApiRequest(inv: Invocation, ctx: RuleContext): HttpRequest | undefined {
  const forge = FORGE_APIS[inv.name]!;
  const a = readArgs(inv.name, inv.args);
  if (a.parsed.path[0] !== 'api' || a.has('-h')) return undefined;
  const endpoint = a.operand(0);
  if (endpoint === undefined) return undefined;
  const host = a.value('--hostname') ?? forge.host;
  const graphql = endpoint === 'graphql';
  const url = /^https?:\/\//.test(endpoint) ? endpoint : `https://${host}/${graphql ? forge.graphql : forge.rest + endpoint.replace(/^\//, '')}`;
  const fields: Record<string, unknown> = {};
  const bodies: RequestBody[] = [];
  let dynamic = false;
  for (const option of optionsOf(a, ['-f', '-F'])) {
    for (const [i, v] of option.values.entries()) {
      const eq = v.indexOf('=');
      if (eq <= 0) continue;
      if (option.valueWords[i]?.dynamic === true) dynamic = true;
      const key = v.slice(0, eq);
      let value: unknown = v.slice(eq + 1);
      if (option.name === '-F' && typeof value === 'string' && value.startsWith('@')) {
        const file = fileBody(value.slice(1), inv, ctx);
        if (file.text === undefined) bodies.push(file);
        value = file.text ?? '';
      }
      fields[key] = value;
    }
  }
  for (const path of a.values('--input')) bodies.push(fileBody(path, inv, ctx));
  const hasFields = Object.keys(fields).length > 0;
  if (hasFields) {
    if (graphql) {
      const { query, ...variables } = fields;
      bodies.push({ text: JSON.stringify({ query, variables }), dynamic });
    } else bodies.push({ text: JSON.stringify(fields), dynamic });
  }
  const explicit = a.value('-X');
  return {
    client: `${inv.name} api`,
    method: explicit?.toUpperCase() ?? (bodies.length > 0 ? 'POST' : 'GET'),
    urls: [url],
    bodies,
    ...(graphql ? { contentType: 'application/json' } : {}),
    unixSocket: false,
  };
}

// ---------------------------------------------------------------------------------------------
// PowerShell: Invoke-RestMethod / Invoke-WebRequest (parameters are case-insensitive)

function powershellRequest(inv: Invocation, ctx: RuleContext): HttpRequest | undefined {
  // Looked up by name, not imported: the registry loads a tool's description when it is first used.
  const powershellWeb = toolNamed('Invoke-WebRequest')!;
  const a = toolArgs(inv.name, parsedArgs(inv.args, powershellWeb), powershellWeb);
  const bodies: RequestBody[] = [];
  for (const option of optionsOf(a, ['--body'])) option.values.forEach((b, i) => bodies.push(inlineBody(b, option.valueWords[i]?.dynamic === true || b.startsWith('$'))));
  for (const f of a.values('--infile')) bodies.push(fileBody(f, inv, ctx));
  const method = (a.values('--custommethod', '--method').pop() ?? (bodies.length > 0 ? 'POST' : 'GET')).toUpperCase();
  const urls = [...a.values('--uri'), ...a.parsed.operands.map((w) => w.text).filter(looksLikeUrl)];
  const contentType = a.values('--contenttype')[0]?.toLowerCase();
  return { client: inv.name, method, urls, bodies, ...(contentType !== undefined ? { contentType } : {}), unixSocket: false };
}

export const POWERSHELL_CLIENTS = ['invoke-restmethod', 'invoke-webrequest', 'irm', 'iwr'];

/** Whether requestOf reads invocations of this name at all. */
export function isRequestClient(name: string): boolean {
  return ['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'gh', 'glab'].includes(name) || POWERSHELL_CLIENTS.includes(name.toLowerCase());
}

export function requestOf(inv: Invocation, ctx: RuleContext): HttpRequest | undefined {
  switch (inv.name) {
    case 'curl':
      return curlRequest(inv, ctx);
    case 'wget':
      return wgetRequest(inv, ctx);
    case 'http':
    case 'https':
    case 'xh':
    case 'xhs':
      return httpieRequest(inv, ctx);
    case 'gh':
    case 'glab':
      return ghApiRequest(inv, ctx);
    default:
      if (POWERSHELL_CLIENTS.includes(inv.name.toLowerCase())) return powershellRequest(inv, ctx);
      return undefined;
  }
}
