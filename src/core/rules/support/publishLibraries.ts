import { analyze } from '../../policy/analyze';
import { findingsOf } from '../../policy/classify';
import type { CodeSnippet, Finding, RuleContext } from '../../policy/types';
import { runner } from './forgeLibraries';
import { argumentText } from './sdkCalls';

/**
 * Publishing and deploying through a library instead of its CLI (stop 33, red team round 18): Hugging Face uploads
 * (`HfApi().upload_folder`, `upload_file`, `create_commit`, a model's or dataset's `push_to_hub`) are `hf upload`;
 * gh-pages' `publish(dir)` is the `gh-pages` command; the Vercel client's `createDeployment` is `vercel deploy` (with
 * `--prod` when its target is production); the Netlify client's `deploy` is `netlify deploy --prod` unless it is a
 * draft; Octokit's `repos.createRelease` is the POST to the releases route. Each call is judged as the command it
 * stands for, so what that command keeps allowed (a preview deploy, a draft release) stays allowed here; downloads,
 * listings and saves to disk (`hf_hub_download`, `save_pretrained`) are no such call.
 */

interface Call { call: string; command: string }

/** The quoted value of `key=`/`key:` in a call's arguments. */
const keyword = (args: string, key: string): string | undefined => new RegExp(String.raw`\b${key}\s*[=:]\s*['"]([^'"\n]{1,200})['"]`).exec(args)?.[1];
/** The first quoted argument of a call. */
const firstLiteral = (args: string): string | undefined => /^\s*\(?\s*['"]([^'"\n]{1,200})['"]/.exec(args)?.[1];
/** A name safe to put in a command line (a repository id, a folder, a tag). */
const safe = (v: string | undefined, fallback: string): string => (v !== undefined && /^[\w.@/:-]+$/.test(v) ? v : fallback);
const TRUE = /^(True|true|1)$/;

const HUB_UPLOAD = /\b(upload_folder|upload_file|upload_large_folder|create_commit|push_to_hub)\s*\(/g;
const GH_PAGES = /\bpublish\s*\(/g;
const VERCEL = /\bcreateDeployment\s*\(/g;
const NETLIFY = /\.deploy\s*\(/g;
const CREATE_RELEASE = /\b(?:repos\.)?createRelease\s*\(/g;

function callsOf(code: string, re: RegExp, make: (args: string) => string | undefined): Call[] {
  const out: Call[] = [];
  for (const m of code.matchAll(re)) {
    const args = argumentText(code, (m.index ?? 0) + m[0].length - 1);
    const command = make(args);
    if (command !== undefined) out.push({ call: `${m[0]}${args.slice(0, 60)}`, command });
    if (out.length >= 4) break;
  }
  return out;
}

/** The CLI commands the publishing library calls of `code` stand for. */
export function libraryPublishCommands(code: string): Call[] {
  const out: Call[] = [];
  if (/\b(huggingface_hub|transformers|datasets|diffusers|sentence_transformers|peft|timm)\b/.test(code)) {
    out.push(...callsOf(code, HUB_UPLOAD, (args) => `hf upload ${safe(keyword(args, 'repo_id') ?? firstLiteral(args), 'a-hub-repository')} .`));
  }
  if (/['"]gh-pages['"]/.test(code)) out.push(...callsOf(code, GH_PAGES, (args) => `gh-pages -d ${safe(firstLiteral(args), 'dist')}`));
  if (/['"]@vercel\/client['"]/.test(code)) out.push(...callsOf(code, VERCEL, (args) => `vercel deploy${/\btarget\s*:\s*['"]production['"]/.test(args) ? ' --prod' : ''}`));
  if (/['"]netlify['"]/.test(code)) out.push(...callsOf(code, NETLIFY, (args) => `netlify deploy${TRUE.test(/\bdraft\s*:\s*(\w+)/.exec(args)?.[1] ?? '') ? '' : ' --prod'} --dir ${safe(/,\s*['"]([^'"\n]{1,200})['"]/.exec(args)?.[1], 'dist')}`));
  if (/octokit|Octokit/.test(code)) {
    out.push(...callsOf(code, CREATE_RELEASE, (args) => {
      const owner = safe(keyword(args, 'owner'), 'OWNER');
      const repo = safe(keyword(args, 'repo'), 'REPO');
      return `gh api -X POST repos/${owner}/${repo}/releases -f tag_name=${safe(keyword(args, 'tag_name'), 'a-tag')}${TRUE.test(/\bdraft\s*:\s*(\w+)/.exec(args)?.[1] ?? '') ? ' -F draft=true' : ''}`;
    }));
  }
  return out.slice(0, 8);
}

/** Findings for the publishing library calls of a Python or JavaScript snippet, each judged as its command. */
export function publishLibraryFindings(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (snippet.language !== 'python' && snippet.language !== 'javascript') return [];
  const out: Finding[] = [];
  for (const { call, command } of libraryPublishCommands(snippet.text)) {
    for (const f of findingsOf(analyze(command, ctx.facts, undefined, ctx.work), ctx.facts)) {
      if (f.severity === 'info') continue;
      out.push({ ...f, rule: `sdk-snippets.${f.rule}`, reason: `${runner(snippet)} calls ${call.trim()}, which is \`${command}\`: ${f.reason}` });
    }
  }
  return out;
}
