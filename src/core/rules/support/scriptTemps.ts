import { escapeRegExp } from '../../regexText';

/**
 * Test and build scripts that delete only what they made: a folder from mkdtemp / tmpdir / mktemp /
 * TemporaryDirectory, a path under the system's temporary folder, or an output folder of tests or builds
 * (`path.join(ROOT, 'test-results', …)`). That is routine cleanup, not data; the files pack skips it.
 * The argument is followed back through at most three assignments in the same code.
 */

const TEMP_CALL = /\b(mkdtemp\w*|tmpdir|mktemp|TemporaryDirectory|gettempdir|mkdtemp|mktmpdir|tempfile|tmpDir|tempDir)\s*\(/;

/** Output folders of test runners, beside the build folders the files pack already knows. */
const OUTPUT_DIRS: ReadonlySet<string> = new Set(['test-results', 'playwright-report', 'blob-report', 'reports', '.test-output']);


function definedAsScratch(text: string, id: string, routineDirs: ReadonlySet<string>, depth: number): boolean {
  if (depth > 3 || /^(process|os|sys|path|__dirname|__filename|HOME|home|cwd)$/.test(id)) return false;
  const assignment = new RegExp(`(?:^|[^\\w$.])${escapeRegExp(id)}\\s*(?::[^=\\n]*)?=(?![=>])\\s*([^;\\n]*)`, 'g');
  const definitions = [...text.slice(0, 500_000).matchAll(assignment)].map((m) => m[1] ?? '').slice(0, 10);
  if (definitions.length === 0) return false;
  return definitions.every((def) => {
    if (TEMP_CALL.test(def)) return true;
    const literals = [...def.matchAll(/['"`]([^'"`$\n]+)['"`]/g)].map((m) => m[1] ?? '');
    const segments = literals.flatMap((l) => l.split('/'));
    if (segments.some((s) => routineDirs.has(s) || OUTPUT_DIRS.has(s))) return true;
    const base = /(?:path\.(?:join|resolve)|File\.join|os\.path\.join|Path)\(\s*([A-Za-z_$][\w$]*)/.exec(def)?.[1] ?? /^([A-Za-z_$][\w$]*)\s*(?:\/|\+|$)/.exec(def.trim())?.[1];
    return base !== undefined && base !== id && definedAsScratch(text, base, routineDirs, depth + 1);
  });
}

/** Does the delete call whose argument starts at `argumentStart` remove a scratch or output folder the code names? */
export function deletesScratchOrOutput(text: string, argumentStart: number, routineDirs: ReadonlySet<string>): boolean {
  const arg = text.slice(argumentStart, argumentStart + 300);
  if (/^\s*\(?\s*(?:(?:path|os\.path)\.(?:join|resolve)\(\s*)?(?:os\.|tempfile\.)?(?:tmpdir|gettempdir)\s*\(/.test(arg)) return true;
  const id = /^\s*\(?\s*(?:(?:path|os\.path)\.(?:join|resolve)\(\s*|Path\(\s*|File\.join\(\s*)?([A-Za-z_$][\w$]*)/.exec(arg)?.[1];
  return id !== undefined && definedAsScratch(text, id, routineDirs, 0);
}
