import { isWithin, resolvePath } from '../../paths';
import type { CodeSnippet, Facts, Finding } from '../../policy/types';
import { DENY_SUFFIX, perimeterFinding as finding } from './perimeterFinding';
import { exists, placesMatchingGlob, protectedBeneath, type PerimeterView } from './protectedPaths';
import { unreadFinding } from './reach';
import { runtimeSelection } from './runtimeCode';
import { callArguments, treeCopiesIn } from './codeTreeCopies';
import { argvArgument, fallbackAlternatives, parameterValues, scriptFileArguments } from './scriptBindings';

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

/**
 * A root expression as a path: a string literal, a home or working-folder expression, an argument the script
 * was given (`process.argv[2]`, `$ARGV[0] // "."`), a variable the code assigns one of those, or the parameter
 * of a function called with one (scriptBindings.ts).
 */
export function rootOf(expression: string, code: string, args: readonly (string | undefined)[], depth = 0): string | undefined {
  const e = expression.trim().replace(/^\((.*)\)$/, '$1').trim();
  const alternatives = fallbackAlternatives(e);
  if (alternatives.length > 1) {
    for (const alternative of alternatives) {
      const root = depth < 3 ? rootOf(alternative, code, args, depth + 1) : undefined;
      if (root !== undefined) return root;
    }
    return undefined;
  }
  const argument = argvArgument(e, args);
  if (argument !== null) return argument;
  // `File.join(ARGV[0], '**', '*')`, `path.join(dir, 'x')`: the first part's root, then the literal parts before a glob.
  const join = /^(?:os\.path\.join|path\.(?:join|resolve)|File\.join|filepath\.Join)\((.*)\)$/.exec(e);
  if (join && depth < 3) {
    const [head, ...rest] = callArguments(`(${join[1]})`, 0);
    const root = head === undefined ? undefined : rootOf(head, code, args, depth + 1);
    if (root === undefined) return undefined;
    const tail: string[] = [];
    for (const part of rest) {
      const literal = /^(['"])([^'"*?[{]*)\1$/.exec(part.trim());
      if (!literal) break;
      tail.push(literal[2]!);
    }
    return [root, ...tail].join('/');
  }
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
    if (assigned) return rootOf(assigned[1]!.replace(/,\s*\w+\s*=.*$/, ''), code, args, depth + 1);
    for (const value of parameterValues(e, code, callArguments)) {
      const root = rootOf(value, code, args, depth + 1);
      if (root !== undefined) return root;
    }
  }
  return undefined;
}

/** Perl's File::Find (`find(sub {…}, DIRS)`, `finddepth(\\&w, DIR)`): the folders come after the callback; `opendir(DH, DIR)`: the second argument. */
const PERL_WALKS = /\b(find|finddepth|opendir)\s*(?=\()/g;

function listingRoots(code: string, args: readonly (string | undefined)[]): string[] {
  const roots = new Set<string>();
  for (const m of code.matchAll(LISTING_CALL)) {
    const root = m[1]!.trim() === '' ? undefined : rootOf(m[1]!, code, args);
    if (root !== undefined) roots.add(root);
    if (roots.size >= 8) break;
  }
  for (const m of code.matchAll(PATH_OBJECT)) {
    const root = m[3] === 'home' ? '~' : m[3] === 'cwd' ? '.' : rootOf(m[2] ?? '', code, args);
    if (root !== undefined) roots.add(root);
  }
  let examined = 0;
  for (const m of code.matchAll(PERL_WALKS)) {
    if (++examined > 16 || roots.size >= 8) break;
    const callArgs = callArguments(code, m.index + m[1]!.length);
    for (const expression of m[1] === 'opendir' ? callArgs.slice(1, 2) : callArgs.slice(1)) {
      const root = rootOf(expression, code, args);
      if (root !== undefined) roots.add(root);
    }
  }
  return [...roots];
}

/** A script file copying a folder tree into a folder that holds a protected place (`fs.cpSync(process.argv[2], process.argv[3], …)` run with `.`). */
function scriptTreeCopies(snippet: CodeSnippet, args: readonly (string | undefined)[], facts: Facts, view: PerimeterView): Finding[] {
  const cwd = snippet.runner.cwd || facts.cwd;
  for (const copy of treeCopiesIn(snippet.text)) {
    const root = copy.into ?? rootOf(copy.raw, snippet.text, args);
    if (root === undefined) continue;
    const held = protectedBeneath(resolvePath(cwd, root, facts.home), facts, view, 1);
    if (held.length === 0) continue;
    const file = snippet.origin.kind === 'script' ? snippet.origin.path.replace(/^.*\//, '') : snippet.runner.name;
    return [finding('script-listing-write', `The ${snippet.language} code in ${file} copies a folder tree (${copy.call}) into ${root}, which holds ${held[0]}: names not known before it runs land there; ${DENY_SUFFIX}.`, root)];
  }
  return [];
}

export function scriptListingWrites(snippet: CodeSnippet, facts: Facts, view: PerimeterView): Finding[] {
  if (snippet.origin.kind !== 'script') return [];
  const args = scriptFileArguments(snippet);
  if (runtimeSelection(snippet.text) === undefined) return scriptTreeCopies(snippet, args, facts, view);
  const cwd = snippet.runner.cwd || facts.cwd;
  for (const root of listingRoots(snippet.text, args)) {
    const folder = resolvePath(cwd, root, facts.home);
    const held = protectedBeneath(folder, facts, view, 1);
    if (held.length === 0) continue;
    const file = snippet.origin.path.replace(/^.*\//, '');
    return [finding('script-listing-write', `The ${snippet.language} code in ${file} deletes or overwrites paths it lists under ${root} while running, which holds ${held[0]}; ${DENY_SUFFIX}.`, root)];
  }
  return scriptTreeCopies(snippet, args, facts, view);
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
