import type { CodeSnippet, Finding, RuleContext } from '../../policy/types';
import { judgeRequest } from '../httpRequests';
import { asJson, keywordArguments } from './awsSdkCommands';
import { splitArguments } from '../../shell/codeArguments';
import { isForgeHost } from './forgeEndpoints';
import { parseRequestUrl } from './httpTargets';
import { argumentText } from './sdkCalls';

/**
 * PUT, PATCH and POST requests with a body sent to a remote API from Python or JavaScript code
 * (`requests.put(URL, json={…})`, `httpx.patch`, `axios.post(URL, {…})`, `fetch(URL, {method: 'PATCH',
 * body: JSON.stringify({…})})`), judged as the same request sent by curl: the HTTP pack's readers of
 * what a body or a path switches off or destroys (`protectionSwitches.ts`: an allow-list opened to
 * 0.0.0.0/0, a PagerDuty service disabled, a monitor muted, PII scrubbing off). Forge hosts are read by
 * `forgeLibraries.ts`. Only the destroying findings are kept: a body sent is not itself a risk here.
 */

interface Write {
  method: string;
  url: string;
  body: string;
}

const LITERAL_URL = /^\s*f?(['"`])(https?:\/\/[^'"`\s]+)\1/;

function writes(code: string, language: 'python' | 'javascript'): Write[] {
  const out: Write[] = [];
  const calls = language === 'python' ? /\b[\w.]*\.(put|patch|post)\s*\(/gi : /(?:\b(?:axios|got|ky|superagent|request|http|api)|\brequire\s*\(\s*['"](?:axios|got|ky|superagent)['"]\s*\))\.(put|patch|post)\s*\(|\bfetch\s*\(/gi;
  for (const m of code.matchAll(calls)) {
    const args = argumentText(code, (m.index ?? 0) + m[0].length - 1);
    const url = LITERAL_URL.exec(args)?.[2];
    if (url === undefined) continue;
    const pieces = splitArguments(args);
    let method = (m[1] ?? 'GET').toUpperCase();
    let body = '';
    if (language === 'python') body = keywordArguments(pieces.slice(1).join(', ')).find(([k]) => /^(json|data|content)$/.test(k))?.[1] ?? '';
    else if (m[1] !== undefined) body = pieces[1] ?? '';
    else {
      const options = keywordArguments(pieces[1] ?? '');
      method = (options.find(([k]) => k === 'method')?.[1] ?? 'GET').replace(/['"`]/g, '').toUpperCase();
      body = options.find(([k]) => k === 'body')?.[1] ?? '';
    }
    if (!/^(PUT|PATCH|POST)$/.test(method)) continue;
    const stringified = /^JSON\.stringify\s*\(([\s\S]*)\)$/.exec(body.trim())?.[1];
    const text = stringified !== undefined ? asJson(stringified) : /^[{[]/.test(body.trim()) ? asJson(body.trim()) : body.replace(/^(['"`])([\s\S]*)\1$/, '$2');
    out.push({ method, url, body: text });
    if (out.length >= 8) break;
  }
  return out;
}

export function snippetApiWriteFindings(snippet: CodeSnippet, ctx: RuleContext, client: string): Finding[] {
  if (snippet.language !== 'python' && snippet.language !== 'javascript') return [];
  const code = snippet.text;
  if (!/\.(?:put|patch|post)\s*\(|\bfetch\s*\(/i.test(code) || !/https?:\/\//.test(code)) return [];
  const out: Finding[] = [];
  for (const w of writes(code.length > 50_000 ? code.slice(0, 50_000) : code, snippet.language)) {
    const parsed = parseRequestUrl(w.url);
    if (!parsed || isForgeHost(parsed.host, parsed.path)) continue;
    const request = { client, method: w.method, urls: [w.url], bodies: w.body !== '' ? [{ text: w.body, dynamic: false }] : [], contentType: 'application/json', unixSocket: false };
    out.push(...judgeRequest(request, ctx).filter((f) => f.severity !== 'info' && f.risk === 'destructive'));
  }
  return out;
}
