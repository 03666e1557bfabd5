import { isWithin, resolvePath } from '../../paths';
import type { CodeSnippet, Facts, Finding } from '../../policy/types';
import { DENY_SUFFIX, perimeterFinding as finding } from './perimeterFinding';
import { exists, placesMatchingGlob, protectedBeneath, type PerimeterView } from './protectedPaths';
import { unreadFinding } from './reach';
import { runtimeSelection } from './runtimeCode';

/**
 * A script file that deletes or overwrites paths it lists while running (`for d of readdirSync('.')
 * … writeFileSync(d + '/x.json')`, Ruby `Dir.children('.')`, PHP `scandir('.')`, a walk of `os.homedir()`):
 * inline, any such listing is judged unreadable; in a file the project may well list its own folders
 * (a build script walking `src/`), so the listing's root decides: one that holds a protected place (the
 * workspace root with its hook configurations, the home folder with the guard's home and start-up files)
 * is a write there. A root named only by a variable the file does not assign is left alone.
 */

/** The first argument of a call that lists a folder, walks a tree or expands a glob. */
const LISTING_CALL =
  /\b(?:readdirSync|readdir|opendirSync|opendir|listdir|scandir|walk|iterdir|Dir\.children|Dir\.entries|Dir\.each_child|Dir\.foreach|Dir\.glob|Find\.find|glob\.sync|globSync|iglob|rglob|glob|os\.ReadDir|filepath\.Walk(?:Dir)?|fs\.walk|walkSync)\s*\(\s*([^,()]*(?:\([^()]*\))?[^,()]*)/g;
/** `Path('.').iterdir()`, `Path.home().glob('*')`, `Pathname.new('.').children`: the object is the root. */
const PATH_OBJECT = /\b(Path(?:lib\.Path)?|Pathname\.new)\s*\(\s*([^()]*)\)\s*\.\s*(?:iterdir|glob|rglob|children|each_child|walk)\b|\bPath\.(home|cwd)\(\)\s*\.\s*(?:iterdir|glob|rglob|walk)\b/g;

const HOME_EXPRESSION = /^(?:os\.homedir\(\)|homedir\(\)|Path\.home\(\)|os\.path\.expanduser\(\s*['"]~['"]\s*\)|Dir\.home|ENV\[['"]HOME['"]\]|ENV\.fetch\(['"]HOME['"]\)|process\.env\.HOME|process\.env\[['"]HOME['"]\]|os\.environ\[['"]HOME['"]\]|os\.environ\.get\(['"]HOME['"]\)|os\.getenv\(['"]HOME['"]\)|getenv\(['"]HOME['"]\)|\$_SERVER\[['"]HOME['"]\]|\$ENV\{HOME\}|File\.expand_path\(['"]~['"]\)|os\.UserHomeDir\(\))$/;
const CWD_EXPRESSION = /^(?:process\.cwd\(\)|os\.getcwd\(\)|getcwd\(\)|Dir\.pwd|Dir\.getwd|Path\.cwd\(\)|os\.curdir|File\.dirname\(__FILE__\)|__dir__|os\.Getwd\(\))$/;

/** A root expression as a path: a string literal, a home or working-folder expression, or a variable the code assigns one of those. */
function rootOf(expression: string, code: string, depth = 0): string | undefined {
  const e = expression.trim().replace(/^\((.*)\)$/, '$1').trim();
  const literal = /^(['"`])([^'"`$]*)\1$/.exec(e);
  if (literal) {
    const text = literal[2]!;
    // A glob's static part is its root: `*/*.json` lists the working folder, `~/.*` the home folder.
    const star = text.search(/[*?[{]/);
    const stem = star < 0 ? text : text.slice(0, star).replace(/[^/]*$/, '');
    return stem === '' ? '.' : stem.replace(/\/+$/, '') || '/';
  }
  if (HOME_EXPRESSION.test(e)) return '~';
  if (CWD_EXPRESSION.test(e)) return '.';
  if (depth < 2 && /^[A-Za-z_$][\w$]*$/.test(e)) {
    const assigned = new RegExp(`(?:^|[\\s;,({])(?:const|let|var|my)?\\s*\\$?${e.replace(/\$/g, '\\$')}\\s*=\\s*([^;\\n]+)`).exec(code);
    if (assigned) return rootOf(assigned[1]!.replace(/,\s*\w+\s*=.*$/, ''), code, depth + 1);
  }
  return undefined;
}

function listingRoots(code: string): string[] {
  const roots = new Set<string>();
  for (const m of code.matchAll(LISTING_CALL)) {
    const root = m[1]!.trim() === '' ? undefined : rootOf(m[1]!, code);
    if (root !== undefined) roots.add(root);
    if (roots.size >= 8) break;
  }
  for (const m of code.matchAll(PATH_OBJECT)) {
    const root = m[3] === 'home' ? '~' : m[3] === 'cwd' ? '.' : rootOf(m[2] ?? '', code);
    if (root !== undefined) roots.add(root);
  }
  return [...roots];
}

export function scriptListingWrites(snippet: CodeSnippet, facts: Facts, view: PerimeterView): Finding[] {
  if (snippet.origin.kind !== 'script' || runtimeSelection(snippet.text) === undefined) return [];
  const cwd = snippet.runner.cwd || facts.cwd;
  for (const root of listingRoots(snippet.text)) {
    const folder = resolvePath(cwd, root, facts.home);
    const held = protectedBeneath(folder, facts, view, 1);
    if (held.length === 0) continue;
    const file = snippet.origin.path.replace(/^.*\//, '');
    return [finding('script-listing-write', `The ${snippet.language} code in ${file} deletes or overwrites paths it lists under ${root} while running, which holds ${held[0]}; ${DENY_SUFFIX}.`, root)];
  }
  return [];
}

/** A one-liner that deletes what a listing or glob finds: denied when a pattern it names, or a plain listing, may reach a protected place. */
export function judgeRuntimeSelection(snippet: CodeSnippet, facts: Facts, view: PerimeterView): Finding[] {
  const patterns = runtimeSelection(snippet.text);
  if (!patterns) return [];
  const cwd = snippet.runner.cwd || facts.cwd;
  const who = `The ${snippet.language} code run by ${snippet.runner.name}`;
  if (patterns.length === 0) return [unreadFinding('runtime-target', `${who} deletes or overwrites paths it lists while running`, snippet.runner.name, facts, view)];
  for (const pattern of patterns) {
    const places = placesMatchingGlob(resolvePath(cwd, pattern.replace(/^\.\//, ''), facts.home), view, cwd).filter((p) => exists(facts, p));
    if (places.length > 0) return [finding('code-names-guard-file', `${who} deletes or overwrites what ${pattern} matches, which includes ${display2(places[0]!, view)}; ${DENY_SUFFIX}.`, pattern)];
  }
  return [];
}

function display2(path: string, view: PerimeterView): string {
  for (const root of view.workspaceRoots) if (isWithin(root, path) && path !== root) return path.slice(root.length + 1);
  return path;
}
