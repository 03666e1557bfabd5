/**
 * For the HTTP pack: the request a command-line client sends, read from its arguments (curl, wget,
 * httpie/xh, `gh api`, PowerShell's Invoke-RestMethod/Invoke-WebRequest): method, URL, headers and
 * body, with the body read wherever it comes from (inline, `@file`, a curl config, stdin heredocs
 * and pipes from echo/printf/cat, httpie items).
 */

import type { ArgWord, Invocation, RuleContext } from '../../policy/types';
import { resolvePath } from '../../paths';
import { printfOutput } from '../../shell/decode';
import { flagValues, parseArgs, type ParsedArgs } from './cliArgs';
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

const CURL_VALUE_FLAGS = new Set([
  '-A', '-b', '-c', '-C', '-d', '-D', '-e', '-E', '-F', '-H', '-K', '-m', '-o', '-P', '-Q', '-r', '-t', '-T', '-u', '-U',
  '-w', '-x', '-X', '-y', '-Y', '-z',
  '--user-agent', '--cookie', '--cookie-jar', '--continue-at', '--data', '--data-ascii', '--data-binary', '--data-raw',
  '--data-urlencode', '--json', '--dump-header', '--referer', '--cert', '--form', '--form-string', '--header',
  '--config', '--max-time', '--output', '--ftp-port', '--quote', '--range', '--telnet-option', '--upload-file', '--user',
  '--proxy-user', '--write-out', '--proxy', '--request', '--speed-time', '--speed-limit', '--time-cond', '--url',
  '--url-query', '--connect-timeout', '--retry', '--retry-delay', '--retry-max-time', '--cacert', '--capath',
  '--cert-type', '--key', '--key-type', '--pass', '--resolve', '--connect-to', '--interface', '--limit-rate',
  '--max-filesize', '--max-redirs', '--oauth2-bearer', '--aws-sigv4', '--variable', '--expand-url', '--expand-data',
  '--expand-data-raw', '--expand-data-binary', '--expand-json', '--expand-header', '--expand-request', '--output-dir', '--trace', '--trace-ascii', '--stderr', '--noproxy', '--dns-servers',
  '--local-port', '--keepalive-time', '--request-target', '--unix-socket', '--abstract-unix-socket', '--preproxy',
  '--socks4', '--socks4a', '--socks5', '--socks5-hostname', '--hostpubmd5', '--hostpubsha256', '--pubkey',
  '--ciphers', '--tls-max', '--mail-from', '--mail-rcpt', '--mail-auth', '--proxy-header', '--netrc-file',
  '--happy-eyeballs-timeout-ms', '--expect100-timeout', '--parallel-max', '--sasl-authzid', '--service-name',
  '--login-options', '--delegation', '--crlfile', '--egd-file', '--random-file', '--engine', '--ftp-account',
  '--ftp-alternative-to-user', '--ftp-method', '--ftp-ssl-ccc-mode', '--krb', '--proto', '--proto-redir',
  '--proto-default', '--tlsuser', '--tlspassword', '--tlsauthtype', '--doh-url', '--etag-save', '--etag-compare',
  '--hsts', '--alt-svc', '--curves', '--tls13-ciphers', '--ip-tos', '--vlan-priority', '--rate',
]);

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

function curlRequest(inv: Invocation, ctx: RuleContext): HttpRequest | undefined {
  let parsed = parseArgs(inv.args, { valueFlags: CURL_VALUE_FLAGS });
  if (parsed.flags.has('--help') || parsed.flags.has('-h') || parsed.flags.has('--version') || parsed.flags.has('-V')) return undefined;
  let unanalyzable: string | undefined;
  const configs = flagValues(parsed, ['-K', '--config']);
  if (configs.length > 0) {
    const extra: ArgWord[] = [];
    for (const path of configs) {
      const text = path === '-' ? stdinBody(inv, ctx).text : readRequestFile(path, inv, ctx);
      if (text === undefined) unanalyzable = `the curl config file ${path} could not be read`;
      else extra.push(...curlConfigArgs(text));
    }
    parsed = parseArgs([...inv.args, ...extra], { valueFlags: CURL_VALUE_FLAGS });
  }
  const dynamicOf = dynamicValues(inv.args);
  const bodies: RequestBody[] = [];
  for (const [written, values] of parsed.flags) {
    // curl 8.3+: any option prefixed `--expand-` has {{variables}} substituted at run time.
    const expanded = written.startsWith('--expand-');
    const flag = expanded ? '--' + written.slice('--expand-'.length) : written;
    for (const value of values) {
      const dynamic = dynamicOf.has(value) || (expanded && value.includes('{{'));
      switch (flag) {
        case '-d':
        case '--data':
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
        case '-F':
        case '--form': {
          const eq = value.indexOf('=');
          const content = eq >= 0 ? value.slice(eq + 1) : value;
          if (content.startsWith('<')) bodies.push(fileBody(content.slice(1), inv, ctx));
          else if (!content.startsWith('@')) bodies.push(inlineBody(content, dynamic));
          break;
        }
        default:
          break;
      }
    }
  }
  const headers = flagValues(parsed, ['-H', '--header']);
  const explicit = flagValues(parsed, ['-X', '--request', '--expand-request']).pop();
  let method = explicit?.toUpperCase();
  if (!method) {
    if (parsed.flags.has('-I') || parsed.flags.has('--head')) method = 'HEAD';
    else if (parsed.flags.has('-G') || parsed.flags.has('--get')) method = 'GET';
    else if (parsed.flags.has('-T') || parsed.flags.has('--upload-file')) method = 'PUT';
    else if (bodies.length > 0) method = 'POST';
    else method = 'GET';
  }
  const urls = [...flagValues(parsed, ['--url', '--expand-url']), ...urlPositionals(parsed)];
  const contentType = header(headers, 'content-type')?.toLowerCase() ?? (parsed.flags.has('--json') ? 'application/json' : undefined);
  const methodOverride = methodOverrideOf(headers);
  return {
    client: 'curl',
    method,
    urls,
    bodies,
    ...(contentType !== undefined ? { contentType } : {}),
    ...(methodOverride !== undefined ? { methodOverride } : {}),
    unixSocket: parsed.flags.has('--unix-socket') || parsed.flags.has('--abstract-unix-socket'),
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

function urlPositionals(parsed: ParsedArgs): string[] {
  return parsed.positionals.filter((w) => looksLikeUrl(w.text) || (w.dynamic && /^["']?\$/.test(w.text))).map((w) => w.text);
}

// ---------------------------------------------------------------------------------------------
// wget

const WGET_VALUE_FLAGS = new Set([
  '-O', '-o', '-a', '-P', '-U', '-e', '-i', '-t', '-T', '-w', '-Q', '-l', '-A', '-R', '-D', '-I', '-X', '-B',
  '--output-document', '--output-file', '--append-output', '--directory-prefix', '--user-agent', '--execute',
  '--input-file', '--tries', '--timeout', '--wait', '--quota', '--level', '--accept', '--reject', '--domains',
  '--include-directories', '--exclude-directories', '--base', '--method', '--body-data', '--body-file',
  '--post-data', '--post-file', '--header', '--user', '--password', '--http-user', '--http-password',
  '--load-cookies', '--save-cookies', '--referer', '--ca-certificate', '--certificate', '--private-key',
  '--limit-rate', '--bind-address', '--dns-timeout', '--connect-timeout', '--read-timeout', '--waitretry',
]);

function wgetRequest(inv: Invocation, ctx: RuleContext): HttpRequest | undefined {
  const parsed = parseArgs(inv.args, { valueFlags: WGET_VALUE_FLAGS });
  if (parsed.flags.has('--help') || parsed.flags.has('-h') || parsed.flags.has('--spider')) return undefined;
  const dynamicOf = dynamicValues(inv.args);
  const bodies: RequestBody[] = [];
  for (const v of flagValues(parsed, ['--post-data', '--body-data'])) bodies.push(inlineBody(v, dynamicOf.has(v)));
  for (const v of flagValues(parsed, ['--post-file', '--body-file'])) bodies.push(fileBody(v, inv, ctx));
  const headers = flagValues(parsed, ['--header']);
  const explicit = flagValues(parsed, ['--method']).pop();
  const method = explicit?.toUpperCase() ?? (bodies.length > 0 ? 'POST' : 'GET');
  const contentType = header(headers, 'content-type')?.toLowerCase();
  const methodOverride = methodOverrideOf(headers);
  return {
    client: 'wget',
    method,
    urls: urlPositionals(parsed),
    bodies,
    ...(contentType !== undefined ? { contentType } : {}),
    ...(methodOverride !== undefined ? { methodOverride } : {}),
    unixSocket: false,
  };
}

// ---------------------------------------------------------------------------------------------
// httpie / xh

const HTTPIE_VALUE_FLAGS = new Set([
  '-a', '--auth', '-A', '--auth-type', '--session', '--session-read-only', '-o', '--output', '-p', '--print',
  '--pretty', '-s', '--style', '--verify', '--cert', '--cert-key', '--cert-key-pass', '--proxy', '--timeout',
  '--max-redirects', '--raw', '--format-options', '--response-charset', '--response-mime', '--boundary', '--ssl',
  '--ciphers', '--default-scheme', '-P', '--history-print', '--bearer', '--unix-socket', '--resolve', '--interface',
  '--http-version', '--scheme',
]);

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
  const parsed = parseArgs(inv.args, { valueFlags: HTTPIE_VALUE_FLAGS });
  if (parsed.flags.has('--help') || parsed.flags.has('--offline') || parsed.flags.has('--version')) return undefined;
  const words = [...parsed.positionals];
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
  for (const raw of flagValues(parsed, ['--raw'])) bodies.push(inlineBody(raw, dynamicValues(inv.args).has(raw)));
  if (!hasData && bodies.length === 0 && inv.stdin && !parsed.flags.has('--ignore-stdin') && !parsed.flags.has('-I')) {
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
    unixSocket: parsed.flags.has('--unix-socket'),
  };
}

// ---------------------------------------------------------------------------------------------
// gh api

const GH_API_VALUE_FLAGS = new Set([
  '-X', '--method', '-f', '--raw-field', '-F', '--field', '-H', '--header', '--input', '--hostname', '-q', '--jq',
  '-t', '--template', '--cache', '-p', '--preview',
]);

function ghApiRequest(inv: Invocation, ctx: RuleContext): HttpRequest | undefined {
  const parsed = parseArgs(inv.args, { valueFlags: GH_API_VALUE_FLAGS });
  if (parsed.positionals[0]?.text !== 'api' || parsed.flags.has('--help')) return undefined;
  const endpoint = parsed.positionals[1]?.text;
  if (endpoint === undefined) return undefined;
  const host = flagValues(parsed, ['--hostname'])[0] ?? 'api.github.com';
  const graphql = endpoint === 'graphql';
  const url = /^https?:\/\//.test(endpoint) ? endpoint : `https://${host}/${graphql ? 'graphql' : endpoint.replace(/^\//, '')}`;
  const fields: Record<string, unknown> = {};
  const bodies: RequestBody[] = [];
  const dynamicOf = dynamicValues(inv.args);
  let dynamic = false;
  for (const [flag, values] of parsed.flags) {
    if (!['-f', '--raw-field', '-F', '--field'].includes(flag)) continue;
    for (const v of values) {
      const eq = v.indexOf('=');
      if (eq <= 0) continue;
      if (dynamicOf.has(v)) dynamic = true;
      const key = v.slice(0, eq);
      let value: unknown = v.slice(eq + 1);
      if ((flag === '-F' || flag === '--field') && typeof value === 'string' && value.startsWith('@')) {
        const file = fileBody(value.slice(1), inv, ctx);
        if (file.text === undefined) bodies.push(file);
        value = file.text ?? '';
      }
      fields[key] = value;
    }
  }
  for (const path of flagValues(parsed, ['--input'])) bodies.push(fileBody(path, inv, ctx));
  const hasFields = Object.keys(fields).length > 0;
  if (hasFields) {
    if (graphql) {
      const { query, ...variables } = fields;
      bodies.push({ text: JSON.stringify({ query, variables }), dynamic });
    } else bodies.push({ text: JSON.stringify(fields), dynamic });
  }
  const explicit = flagValues(parsed, ['-X', '--method']).pop();
  return {
    client: 'gh api',
    method: explicit?.toUpperCase() ?? (bodies.length > 0 ? 'POST' : 'GET'),
    urls: [url],
    bodies,
    ...(graphql ? { contentType: 'application/json' } : {}),
    unixSocket: false,
  };
}

// ---------------------------------------------------------------------------------------------
// PowerShell: Invoke-RestMethod / Invoke-WebRequest (parameters are case-insensitive)

const POWERSHELL_VALUE_PARAMETERS = new Set([
  '-uri', '-method', '-body', '-infile', '-contenttype', '-headers', '-outfile', '-websession', '-sessionvariable',
  '-credential', '-certificate', '-proxy', '-timeoutsec', '-maximumredirection', '-useragent', '-form', '-custommethod',
]);

function powershellRequest(inv: Invocation, ctx: RuleContext): HttpRequest | undefined {
  const lowered = inv.args.map((a) => (a.text.startsWith('-') ? { ...a, text: a.text.toLowerCase().replace(/:$/, '') } : a));
  const parsed = parseArgs(lowered, { valueFlags: POWERSHELL_VALUE_PARAMETERS });
  const dynamicOf = dynamicValues(inv.args);
  const bodies: RequestBody[] = [];
  for (const b of flagValues(parsed, ['-body'])) bodies.push(inlineBody(b, dynamicOf.has(b) || b.startsWith('$')));
  for (const f of flagValues(parsed, ['-infile'])) bodies.push(fileBody(f, inv, ctx));
  const method = (flagValues(parsed, ['-custommethod', '-method']).pop() ?? (bodies.length > 0 ? 'POST' : 'GET')).toUpperCase();
  const urls = [...flagValues(parsed, ['-uri']), ...parsed.positionals.map((w) => w.text).filter(looksLikeUrl)];
  const contentType = flagValues(parsed, ['-contenttype'])[0]?.toLowerCase();
  return { client: inv.name, method, urls, bodies, ...(contentType !== undefined ? { contentType } : {}), unixSocket: false };
}

export const POWERSHELL_CLIENTS = ['invoke-restmethod', 'invoke-webrequest', 'irm', 'iwr'];

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
      return ghApiRequest(inv, ctx);
    default:
      if (POWERSHELL_CLIENTS.includes(inv.name.toLowerCase())) return powershellRequest(inv, ctx);
      return undefined;
  }
}
