import type { CodeSnippet } from '../../policy/types';
import { looksLikeUrl, type HttpRequest, type RequestBody } from './httpTargets';

/**
 * HTTP requests inside JavaScript and Python code (one-liners and script files): fetch/axios/got/ky,
 * requests/httpx/aiohttp/urllib. Code is not executed or fully parsed: string literals are lifted out,
 * DELETE calls and GraphQL mutation documents are found in them, and each is paired with the URL
 * literal nearest the call. A URL built at run time is a remote target of unknown environment.
 */

const HTTP_CLIENT = /\b(fetch|axios|requests|httpx|aiohttp|urllib3?|got|ky|superagent|undici|XMLHttpRequest|GraphQLClient|ApolloClient|graphql-request|gql|http\.client|https?\.request|needle|node-fetch|treq|pycurl)\b|\brequire\(\s*['"](?:node:)?https?['"]\s*\)|\bfrom\s+['"](?:node:)?https?['"]/;

const DELETE_CALL = [
  /\b(?:axios|requests|httpx|got|ky|superagent|session|client|http|api|instance|req|request|aiohttp)\s*\.\s*(?:delete|del)\s*\(/gi,
  /\bmethod\s*[:=]\s*['"`]delete['"`]/gi,
  /\.(?:request|urlopen|fetch)\s*\(\s*['"`]DELETE['"`]/gi,
  /['"]X-HTTP-Method-Override['"]\s*:\s*['"]DELETE['"]/gi,
  // A client made inline: `require('got').delete(url)`, `aiohttp.ClientSession().delete(url)`, `httpx.Client().delete(url)`.
  /(?:require\(\s*['"](?:got|axios|ky|superagent|node-fetch|undici|needle)['"]\s*\)|\b(?:ClientSession|AsyncClient|Client|Session)\s*\([^()]*\))\s*\.\s*delete\s*\(/gi,
];

/** `'DEL' + 'ETE'` and `"DEL" "ETE"` folded into one literal, so a method spelled in pieces reads as written. */
function foldConcatenations(source: string): string {
  let out = source;
  for (let i = 0; i < 8; i++) {
    const next = out.replace(/(['"])([^'"\\\n]{0,40})\1\s*\+?\s*(['"])([^'"\\\n]{0,40})\3/g, (_m, q: string, a: string, _q2: string, b: string) => `${q}${a}${b}${q}`);
    if (next === out) break;
    out = next;
  }
  return out;
}

/** Stand-in for an interpolated expression, so documents with `${id}` or `{id}` still parse. */
const DYNAMIC = '__dynamic__';

interface Literal {
  text: string;
  index: number;
  /** Has interpolation (template literal, f-string). */
  dynamic: boolean;
}

function unescape(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gs, (_, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
  });
}

/** String literals of JavaScript or Python source, comments skipped, interpolations replaced. */
export function stringLiterals(source: string, language: 'javascript' | 'python'): Literal[] {
  const out: Literal[] = [];
  const n = Math.min(source.length, 1_000_000);
  let i = 0;
  while (i < n && out.length < 5000) {
    const c = source[i] as string;
    if (language === 'python' && c === '#') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (language === 'javascript' && c === '/' && source[i + 1] === '/') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (language === 'javascript' && c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c !== '"' && c !== "'" && c !== '`') {
      i++;
      continue;
    }
    const prefix = language === 'python' ? /([rbfu]{0,2})$/i.exec(source.slice(Math.max(0, i - 2), i))?.[1]?.toLowerCase() ?? '' : '';
    const isF = prefix.includes('f');
    const isRaw = prefix.includes('r');
    const triple = language === 'python' && source.startsWith(c.repeat(3), i);
    const quote = triple ? c.repeat(3) : c;
    const start = i + quote.length;
    let j = start;
    while (j < n && !source.startsWith(quote, j)) {
      if (source[j] === '\\') j += 2;
      else if (!triple && c !== '`' && source[j] === '\n') break;
      else j++;
    }
    let text = source.slice(start, Math.min(j, n));
    let dynamic = false;
    if (c === '`' && language === 'javascript') {
      text = text.replace(/\$\{[^}]*\}/g, () => {
        dynamic = true;
        return DYNAMIC;
      });
    }
    if (isF) {
      text = text.replace(/\{\{|\}\}|\{[^{}]*\}/g, (m) => {
        if (m === '{{') return '{';
        if (m === '}}') return '}';
        dynamic = true;
        return DYNAMIC;
      });
    }
    out.push({ text: isRaw ? text : unescape(text), index: i, dynamic });
    i = j + quote.length;
  }
  return out;
}

/** `volumeId: "abc"`, `"volumeId": "abc"`, `volume_id = 'abc'` pairs in code: GraphQL variables set in code. */
function codeVariables(source: string): Record<string, string> {
  const vars: Record<string, string> = {};
  const pattern = /["']?([A-Za-z_]\w{0,60})["']?\s*[:=]\s*["']([^"'\n]{1,200})["']/g;
  let count = 0;
  for (const m of source.slice(0, 200_000).matchAll(pattern)) {
    if (count++ > 500) break;
    const key = m[1] as string;
    if (!(key in vars)) vars[key] = m[2] as string;
  }
  return vars;
}

function urlNear(index: number, urls: readonly Literal[]): Literal | undefined {
  const after = urls.find((u) => u.index >= index && u.index - index < 400);
  if (after) return after;
  let before: Literal | undefined;
  for (const u of urls) if (u.index < index) before = u;
  return before;
}

function urlText(literal: Literal | undefined): string {
  if (!literal) return '$RUNTIME_URL/';
  return literal.text.replace(new RegExp(`^${DYNAMIC}`), '$RUNTIME_URL');
}

function clientName(snippet: CodeSnippet): string {
  if (snippet.origin.kind === 'script') return `the script ${snippet.origin.path}`;
  return `a ${snippet.language} snippet run by ${snippet.runner.name}`;
}

/** The destructive-looking HTTP requests a JavaScript or Python snippet makes. */
export function snippetRequests(snippet: CodeSnippet): HttpRequest[] {
  if (snippet.language !== 'javascript' && snippet.language !== 'python') return [];
  const source = snippet.text.length < 200_000 && /['"]\s*\+?\s*['"]/.test(snippet.text) ? foldConcatenations(snippet.text) : snippet.text;
  if (!HTTP_CLIENT.test(source)) return [];
  const literals = stringLiterals(source, snippet.language);
  const urls = literals.filter((l) => looksLikeUrl(l.text) || new RegExp(`^${DYNAMIC}/`).test(l.text));
  // Node's http(s).request({host, path, method}): the URL is in its parts.
  const parts = /\bhost(?:name)?\s*:\s*(['"])([\w.-]+)\1/.exec(source);
  if (parts) {
    const path = /\bpath\s*:\s*(['"])(\/[^'"]*)\1/.exec(source)?.[2] ?? '/';
    urls.push({ text: `https://${parts[2]}${path}`, index: parts.index, dynamic: false });
    urls.sort((a, b) => a.index - b.index);
  }
  const client = clientName(snippet);
  const requests: HttpRequest[] = [];

  for (const pattern of DELETE_CALL) {
    for (const m of source.matchAll(pattern)) {
      requests.push({ client, method: 'DELETE', urls: [urlText(urlNear(m.index ?? 0, urls))], bodies: [], unixSocket: false });
      if (requests.length > 20) break;
    }
  }

  const mutations = literals.filter((l) => /\bmutation\b/.test(l.text));
  if (mutations.length > 0) {
    const variables = codeVariables(source);
    for (const literal of mutations.slice(0, 20)) {
      const graphqlUrls = urls.filter((u) => /graphql|backboard\.railway|api\.linear\.app/i.test(u.text));
      const url = graphqlUrls[0] ?? urlNear(literal.index, urls);
      const trimmed = literal.text.trim();
      const text = trimmed.startsWith('{') && trimmed.includes('"query"') ? trimmed : JSON.stringify({ query: literal.text, variables });
      const body: RequestBody = { text, dynamic: false };
      requests.push({ client, method: 'POST', urls: [urlText(url)], bodies: [body], contentType: 'application/json', unixSocket: false });
    }
  }
  return requests;
}
