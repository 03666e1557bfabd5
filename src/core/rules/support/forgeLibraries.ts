import { analyze } from '../../policy/analyze';
import { findingsOf } from '../../policy/classify';
import type { CodeSnippet, Finding, RuleContext } from '../../policy/types';
import { judgeRequest } from '../httpRequests';
import { isForgeHost } from './forgeEndpoints';
import { parseRequestUrl } from './httpTargets';

/**
 * Git and forge libraries called from interpreter code (GitPython, simple-git, isomorphic-git,
 * PyGithub, Octokit) do what a git or gh command does: a push with `force=True` is `git push --force`,
 * `head.reset(…, working_tree=True)` is `git reset --hard`, `get_repo(…).delete()` is `gh repo delete`.
 * Each call is judged as the command it stands for. A request with a body sent to a forge's REST API
 * from code (`fetch(…, {method: 'PATCH', body: …})`) is judged as the request it is.
 */

const QUOTED = /['"]([^'"\n]{1,200})['"]/g;

function literalsIn(text: string): string[] {
  return [...text.matchAll(QUOTED)].map((m) => m[1]!);
}

const TRUE = String.raw`(?:True|true|1)`;
const PUSH = /\.push\s*\(([^()]{0,400}(?:\([^()]*\)[^()]{0,200})*)\)/g;
const RESET = /\.reset\s*\(([^()]{0,300})\)/g;
const REPO_DELETE = /\bget_repo\s*\(\s*['"]([^'"]+)['"]\s*\)\s*\.delete\s*\(\s*\)|\brepos\.delete\s*\(\s*\{([^}]{0,200})\}/g;
const REF_FORCE = /\bget_git_ref\s*\(\s*['"]([^'"]+)['"]\s*\)\s*\.edit\s*\(([^)]{0,200})\)|\bgit\.updateRef\s*\(\s*\{([^}]{0,300})\}/g;
const REF_DELETE = /\bget_git_ref\s*\(\s*['"]([^'"]+)['"]\s*\)\s*\.delete\s*\(\s*\)|\bgit\.deleteRef\s*\(\s*\{([^}]{0,300})\}/g;

/** The git and gh commands the library calls of `code` stand for, with the call as written. */
export function libraryCommands(code: string): { call: string; command: string }[] {
  const out: { call: string; command: string }[] = [];
  const forced = new RegExp(String.raw`\bforce\s*[=:]\s*${TRUE}|['"](--force|-f|--force-with-lease)['"]|['"]\+[\w/:-]+['"]`);
  for (const m of code.matchAll(PUSH)) {
    const args = m[1]!;
    if (!forced.test(args)) continue;
    // String literals of the call (`'origin', 'main', ['--force']`), not an option reader: the remote and branch are the first two plain ones.
    const [remote = 'origin', branch = ''] = literalsIn(args).filter((l) => /^[^-+]/.test(l));
    out.push({ call: m[0], command: `git push --force ${remote} ${branch}`.trim() });
  }
  for (const m of code.matchAll(RESET)) {
    const args = m[1]!;
    if (!new RegExp(String.raw`\bworking_tree\s*=\s*${TRUE}|['"](--hard|hard)['"]|\bhard\s*:\s*true`).test(args)) continue;
    const target = literalsIn(args).find((l) => !/^(--)?hard$/.test(l)) ?? 'HEAD';
    out.push({ call: m[0], command: `git reset --hard ${target}` });
  }
  for (const m of code.matchAll(REPO_DELETE)) {
    const repo = m[1] ?? (() => { const o = /owner\s*:\s*['"]([^'"]+)['"]/.exec(m[2] ?? '')?.[1]; const r = /repo\s*:\s*['"]([^'"]+)['"]/.exec(m[2] ?? '')?.[1]; return o && r ? `${o}/${r}` : 'the repository'; })();
    out.push({ call: m[0], command: `gh repo delete ${repo} --yes` });
  }
  for (const m of code.matchAll(REF_FORCE)) {
    const args = m[2] ?? m[3] ?? '';
    if (!new RegExp(String.raw`\bforce\s*[=:]\s*${TRUE}`).test(args)) continue;
    const ref = m[1] ?? /ref\s*:\s*['"]([^'"]+)['"]/.exec(args)?.[1] ?? 'heads/main';
    out.push({ call: m[0], command: `git push --force origin HEAD:${ref.replace(/^(refs\/)?heads\//, '')}` });
  }
  for (const m of code.matchAll(REF_DELETE)) {
    const ref = m[1] ?? /ref\s*:\s*['"]([^'"]+)['"]/.exec(m[2] ?? '')?.[1] ?? 'heads/main';
    out.push({ call: m[0], command: `git push origin --delete ${ref.replace(/^(refs\/)?(heads|tags)\//, '')}` });
  }
  return out.slice(0, 8);
}

const WRITE_METHOD = /\bmethod\s*:\s*['"](PUT|PATCH|POST)['"]|\brequests\.(put|patch|post)\s*\(|\baxios\.(put|patch|post)\s*\(/gi;
const URL_LITERAL = /['"`](https?:\/\/[^'"`\s]+)['"`]/g;

/** Requests with a body sent to a forge's API from code: the method, the nearest forge URL, and the call's text as its body. */
function forgeWrites(code: string, client: string): Parameters<typeof judgeRequest>[0][] {
  const urls = [...code.matchAll(URL_LITERAL)].map((m) => ({ text: m[1]!, index: m.index ?? 0 })).filter((u) => {
    const url = parseRequestUrl(u.text);
    return url !== undefined && isForgeHost(url.host, url.path);
  });
  if (urls.length === 0) return [];
  const out: Parameters<typeof judgeRequest>[0][] = [];
  for (const m of code.matchAll(WRITE_METHOD)) {
    const at = m.index ?? 0;
    const url = [...urls].reverse().find((u) => u.index <= at && at - u.index < 400) ?? urls.find((u) => u.index > at && u.index - at < 400);
    if (!url) continue;
    const method = (m[1] ?? m[2] ?? m[3] ?? 'POST').toUpperCase();
    out.push({ client, method, urls: [url.text], bodies: [{ text: code.slice(Math.min(url.index, at), at + 600), dynamic: false }], unixSocket: false });
    if (out.length >= 8) break;
  }
  return out;
}

/** Who runs the snippet, as reasons say it (`python code run by python3`, `the script deploy.js`). */
export function runner(snippet: CodeSnippet): string {
  return snippet.origin.kind === 'script' ? `the script ${snippet.origin.path}` : `${snippet.language} code run by ${snippet.runner.name}`;
}

/** Findings for the git and forge library calls of a Python or JavaScript snippet. */
export function forgeLibraryFindings(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (snippet.language !== 'python' && snippet.language !== 'javascript') return [];
  const code = snippet.text;
  if (!/\b(git|Repo|Github|github|octokit|Octokit|simpleGit|simple-git|isomorphic-git|fetch|requests|axios)\b/.test(code)) return [];
  const out: Finding[] = [];
  for (const { call, command } of libraryCommands(code)) {
    const analysis = analyze(command, ctx.facts, undefined, ctx.work);
    for (const f of findingsOf(analysis, ctx.facts)) {
      if (f.severity === 'info') continue;
      out.push({ ...f, rule: `sdk-snippets.${f.rule}`, reason: `${runner(snippet)} calls ${call.trim().slice(0, 80)}, which is \`${command}\`: ${f.reason}` });
    }
  }
  for (const request of forgeWrites(code, runner(snippet))) out.push(...judgeRequest(request, ctx).filter((f) => f.severity !== 'info'));
  return out;
}
