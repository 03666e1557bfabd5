import type { CodeSnippet, Facts } from '../../policy/types';

/**
 * Paths interpreter code builds from the home folder and string literals: `os.homedir()+"/.aws/credentials"`,
 * `Path.home()/".aws"/"credentials"`, `File.join(Dir.home, ".ssh", "id_ed25519")`, `$ENV{HOME}."/.netrc"`, `"$ENV{HOME}/.netrc"`,
 * `` `${os.homedir()}/.npmrc` ``. Returned as absolute paths for the credential rules to judge.
 */

const HOME_EXPR = String.raw`(?:require\(\s*['"]os['"]\s*\)\.homedir\(\)|os\.homedir\(\)|homedir\(\)|(?:pathlib\.)?Path\.home\(\)|Dir\.home|os\.path\.expanduser\(\s*['"]~['"]\s*\)|process\.env\.HOME|process\.env\[['"]HOME['"]\]|os\.environ\[['"]HOME['"]\]|os\.environ\.get\(\s*['"]HOME['"]\s*\)|os\.getenv\(\s*['"]HOME['"]\s*\)|getenv\(\s*['"]HOME['"]\s*\)|ENV\[['"]HOME['"]\]|ENV\.fetch\(\s*['"]HOME['"]\s*\)|\$ENV\{['"]?HOME['"]?\}|\$_SERVER\[['"]HOME['"]\]|Deno\.env\.get\(\s*['"]HOME['"]\s*\)|Bun\.env\.HOME)`;
/** The home expression, then literals joined by `+`, `/`, `,` (join arguments) or `.` (PHP, Perl). */
const BUILT = new RegExp(HOME_EXPR + String.raw`((?:\s*[+/,.]\s*(?:'[^'\n]*'|"[^"\n]*"))+)`, 'g');
/** A template or f-string: `${os.homedir()}/.aws/credentials`, f"{Path.home()}/.netrc". */
const TEMPLATE = new RegExp(String.raw`\$?\{\s*` + HOME_EXPR + String.raw`\s*\}([^\`'"\s{}]*)`, 'g');
/** Interpolated into a string: Perl's `"$ENV{HOME}/.netrc"`, Ruby's `"#{ENV['HOME']}/.netrc"`, PHP's `"{$_SERVER['HOME']}/.netrc"`. */
const INTERPOLATED = new RegExp(String.raw`(?:[#]?\{\s*)?` + HOME_EXPR + String.raw`\}?(\/[^\`'"\s{}()]+)`, 'g');
/** The code reads something (a path built for an error message or a listing is not a read). */
const READS = /\b(read|open|load|require|slurp|file_get_contents|fopen|readlines|cat|get_contents|Bun\.file|readTextFile)/i;

export function homeBuiltPaths(snippet: CodeSnippet, facts: Facts): string[] {
  const text = snippet.text;
  if (!facts.home || !READS.test(text)) return [];
  const out: string[] = [];
  for (const m of text.matchAll(BUILT)) {
    const pieces = [...(m[1] ?? '').matchAll(/'([^'\n]*)'|"([^"\n]*)"/g)].map((p) => p[1] ?? p[2] ?? '');
    out.push(join(facts.home, pieces));
  }
  for (const m of text.matchAll(TEMPLATE)) if (m[1]) out.push(join(facts.home, [m[1]]));
  for (const m of text.matchAll(INTERPOLATED)) if (m[1]) out.push(join(facts.home, [m[1]]));
  return [...new Set(out)].slice(0, 16);
}

function join(home: string, pieces: readonly string[]): string {
  return (home + '/' + pieces.join('/')).replace(/\/{2,}/g, '/').replace(/\/+$/, '');
}
