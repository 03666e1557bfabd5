import { basename, isWithin, resolvePath } from '../../paths';
import type { Facts, Finding, RuleContext } from '../../policy/types';
import { perimeterView } from '../perimeter/protectedPaths';
import { unreadFinding } from '../perimeter/reach';
import { judgePayload, type DeferredPlace } from './payload';
import { runnerPlaceOf, type RunnerPlace } from './places';

/**
 * Code that a program the agent may run freely loads later: test files and their set-up, the test
 * runners' and build tools' configuration files (which are code), Python's `conftest.py`, `setup.py`
 * and task files. `npm test`, `pytest`, `npx eslint .` or `npm run build` are allowed, so what is
 * written here is judged when it is written, as if it ran. Tests clean up their own temporary folders,
 * so deletes whose target is only known at run time are left to the runner; what names a protected
 * place, deletes a fixed path or runs a destructive command is judged. A file outside the workspace
 * such code names for loading (`setupFiles: ['/tmp/x.js']`) is judged too, or is code the hook never
 * read when it cannot be read.
 */

/** Code that reaches for the home folder: a delete there is not a test's temporary folder. */
const NAMES_HOME = /homedir\s*\(|process\.env\.(HOME|USERPROFILE)\b|process\.env\[\s*["'](HOME|USERPROFILE)["']|expanduser|Path\.home\s*\(|environ(\.get\s*\(|\[)\s*["']HOME["']|getenv\s*\(\s*["']HOME["']/;

/** Findings of code that runs later, without deletes whose target only the run decides (unless it reaches for the home folder). */
export function judgeRunnerCode(text: string, place: RunnerPlace, writer: string, ctx: RuleContext, cwd: string, fileDir = cwd): Finding[] {
  const home = NAMES_HOME.test(text);
  const roots = ctx.facts.workspaceRoots.length > 0 ? ctx.facts.workspaceRoots : [ctx.facts.cwd];
  // A delete that names the project itself (or a folder above it) is no test's temporary folder either.
  const wholeProject = (f: Finding): boolean => f.targets.some((t) => t.kind === 'path' && roots.some((r) => { const p = resolvePath(cwd, t.name, ctx.facts.home); return p === r || isWithin(p, r); }));
  const found = judgePayload(text, place.language, place, writer, ctx, cwd).filter((f) => home || !f.rule.endsWith('.code-delete') || wholeProject(f));
  // Paths the file names for loading are relative to its own folder (`import "../scripts/x.js"` in an entry module below the root).
  return [...found, ...loadedFiles(text, place, writer, ctx, fileDir, place.loads === true, place.config === true)];
}

/** Quoted paths of code files that this code or setting makes a runner load; unquoted in YAML and option files (`require: /tmp/x.js`, `--require ./x.js`). */
const LOADED = /["'`]((?:\/|~\/|\.{1,2}\/)[^"'`\s]*\.(?:c|m)?[jt]sx?)["'`]|(?:^|\s)(?:--require|--file|-r|require:|file:|-)\s+((?:\/|~\/|\.{1,2}\/)[^"'`\s]*\.(?:c|m)?[jt]sx?)(?=\s|$)/gm;

/**
 * A module named without its extension (`import "./evil"`, `require('../x')`, `import('./setup')`, red team
 * round 3): Node and the bundlers' resolution tries the usual extensions and a folder's index.
 */
const IMPORTED = /(?:\bimport\s*(?:[\w*{}\s,]+\s*from\s*)?\(?|\brequire\s*\(|\bfrom\s+)\s*["'`]((?:\.{1,2}\/|\/|~\/)[^"'`\s]*)["'`]/g;
const MODULE_SUFFIXES = ['', '.ts', '.js', '.mjs', '.cjs', '.mts', '.cts', '.tsx', '.jsx', '/index.ts', '/index.js', '/index.mjs'];

/** Every file the text names for loading, by quoted path with a code extension, or by an import or require of a relative module. */
function loadedNames(text: string): string[] {
  const out = [...text.matchAll(LOADED)].map((m) => m[1] ?? m[2]!);
  for (const m of text.matchAll(IMPORTED)) if (!/\.(?:(?:c|m)?[jt]sx?|json|css|scss|less|svg|png|html|md|txt|ya?ml|wasm|node)$/i.test(m[1]!) && out.length < 16) out.push(m[1]!);
  return out;
}

/** The file a module path loads: itself when it names a code file, else the first resolution candidate that exists (itself when none does). */
function moduleFile(abs: string, facts: Facts): string {
  if (/\.(?:c|m)?[jt]sx?$/.test(abs)) return abs;
  return MODULE_SUFFIXES.map((s) => abs + s).find((p) => facts.readFile(p) !== undefined) ?? abs;
}

function outsideWorkspace(abs: string, facts: Facts): boolean {
  const roots = facts.workspaceRoots.length > 0 ? facts.workspaceRoots : [facts.cwd];
  return !roots.some((r) => isWithin(r, abs) || r === abs);
}

/**
 * Files named for loading: outside the workspace, judged when readable and code the hook never read
 * otherwise; inside it (only when `inWorkspace`), judged when readable (a missing one is judged when written).
 */
export function loadedFiles(text: string, place: DeferredPlace, writer: string, ctx: RuleContext, cwd: string, inWorkspace = false, missingAsks = false): Finding[] {
  const facts = ctx.facts;
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const named of loadedNames(text)) {
    const abs = moduleFile(resolvePath(cwd, named, facts.home), facts);
    const outside = outsideWorkspace(abs, facts);
    if (seen.has(abs) || (!outside && !inWorkspace)) continue;
    seen.add(abs);
    if (seen.size > 8) break;
    const body = facts.readFile(abs);
    // Round 8: a runner's configuration naming a file not written yet, in no place whose writes are judged (`globalSetup: "./x.js"`).
    if (body === undefined && !outside && missingAsks && runnerPlaceOf(abs) === undefined) {
      out.push(unreadFinding('deferred-unread', `${writer} makes ${place.where} load ${named} ${place.when}, a file that does not exist yet: what it will hold is never judged`, basename(abs), facts, perimeterView(facts)));
      continue;
    }
    if (body === undefined && !outside) continue;
    if (body === undefined) {
      out.push(unreadFinding('deferred-unread', `${writer} makes ${place.where} load ${named} ${place.when}, a file outside the workspace the hook cannot read now`, basename(abs), facts, perimeterView(facts)));
    } else {
      out.push(...judgePayload(body, 'javascript', { where: `${named} (loaded by ${place.where})`, when: place.when }, writer, ctx, cwd));
    }
  }
  return out;
}

/** Keys of package.json that point a test runner or tool at code it loads (`npm pkg set jest.setupFiles[0]=…`). */
export const LOADING_PACKAGE_KEYS = /^(jest|mocha|ava|nyc|c8|vitest|babel|eslintConfig|prettier|stylelint|lint-staged|husky|bin|main|exports|module|browser|imports)(\.|\[|$)/;

/** Programs that write what they fetch: the hook never sees that text. */
const DOWNLOADERS = /^(curl|wget|aria2c|http|https|xh|fetch|axel|scp|rsync|gsutil|aws|gcloud|az)$/;

/**
 * Text the hook cannot read written where a runner loads it: a download, or a copy of a file outside
 * the workspace the hook cannot read. Copies, formatters and restores inside the project are not judged
 * here: they write the project's own text.
 */
export function unreadRunnerCode(w: { path: string; writer: string; from?: string }, place: RunnerPlace, facts: Facts): Finding[] {
  const fromOutside = w.from !== undefined && outsideWorkspace(w.from, facts);
  if (!DOWNLOADERS.test(w.writer) && !fromOutside) return [];
  return [unreadFinding('deferred-unread', `${w.writer} writes into ${place.where}, which runs ${place.when}, text the hook cannot read now`, basename(w.path), facts, perimeterView(facts))];
}
