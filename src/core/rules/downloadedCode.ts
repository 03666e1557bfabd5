import type { CodeSnippet, Finding, RulePack } from '../policy/types';
import { fetchedPackage } from './support/fetchedPackages';

/**
 * Code that fetches code over the network and runs it (`fetch(u).then(r=>r.text()).then(eval)`,
 * `exec(urlopen(u).read())`, `eval(URI.open(u).read)`, `eval(get(u))` with LWP, `import('https://…')`),
 * what runs is whatever that address serves when it runs, which nothing here can read. It asks.
 * Fetching data (`.then(r => r.json())`) stays allowed. (`npx https://…` is the npx wrapper's, in
 * `shell/wrappers.ts`.)
 */

/** Network reads, per language family (their names from each runtime's standard library or common clients). */
const FETCHES = /\b(fetch|urlopen|urlretrieve|requests\.(get|post)|httpx\.(get|post)|https?\.get|axios(\.get)?|got|ky|undici\.request|URI\.open|URI\.parse|open-uri|Net::HTTP|HTTParty\.get|LWP::Simple|LWP::UserAgent|HTTP::Tiny|getstore|file_get_contents\s*\(\s*['"]https?:|curl_exec|Invoke-WebRequest|DownloadString|WebClient)\b/;
/** Running text as code, directly or by handing the function on (`.then(eval)`, `(0, eval)(…)`). */
const RUNS_TEXT = /(?<![\w.$])(eval|exec|execfile|compile|Function|new\s+Function|instance_eval|class_eval|module_eval|runInThisContext|runInNewContext|runInContext|compileFunction|loadstring|load|Invoke-Expression|iex)\s*\(|\.then\s*\(\s*(eval|Function|exec)\s*\)|\(\s*0\s*,\s*eval\s*\)|(globalThis|window|global|self)\s*\.\s*eval\b|\beval\s+\$|\beval\s+get\s*\(/;
/** A module imported from an address on the network. */
const REMOTE_IMPORT = /\bimport\s*\(\s*['"`]https?:\/\/|\bfrom\s+['"]https?:\/\/|\brequire\s*\(\s*['"`]https?:\/\//;

function snippetRunsDownload(snippet: CodeSnippet): Finding[] {
  const text = snippet.text;
  if (text.length > 200_000) return [];
  const where = snippet.origin.kind === 'script' ? `The script ${snippet.origin.path}` : `${snippet.runner.name} code`;
  let how: string | undefined;
  if (REMOTE_IMPORT.test(text)) how = 'imports a module from an address on the network';
  else if (FETCHES.test(text) && RUNS_TEXT.test(text)) how = `fetches code over the network and runs it (${(FETCHES.exec(text)?.[0] ?? 'fetch').trim()} → ${(RUNS_TEXT.exec(text)?.[0] ?? 'eval').replace(/[\s(]+$/, '').trim()})`;
  if (!how) return [];
  return [{ rule: 'downloaded-code.snippet', risk: 'unanalyzable', severity: 'ask', reason: `${where} ${how}; what runs is whatever that address serves, which cannot be read before it runs.`, targets: [] }];
}

export const downloadedCodePack: RulePack = {
  id: 'downloaded-code',
  title: 'Code fetched over the network and run',
  checkSnippet: snippetRunsDownload,
  // `npx -y some-unknown-package`, `go run host/x@latest` (round 8): support/fetchedPackages.ts.
  checkInvocation: fetchedPackage,
};
