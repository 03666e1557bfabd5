import { isHunt, searchPatternsOf, toJsRegExp } from '../../credentials/searchPatterns';
import { isPlaceholderValue, isSecretKeyName, isUuidShaped, looksLikeSecretValue } from '../../credentials/secretValues';
import type { Facts, Invocation } from '../../policy/types';

/**
 * `grep -n ALLOWED_HOSTS server/settings.py`, `grep PORT .env`: a search that names a credential file
 * prints only the lines its pattern matches. When the pattern is a plain name that names no secret,
 * matches some line, and every line it matches holds nothing secret-shaped, the search prints no
 * secret. A pattern that matches nothing keeps the question too: otherwise allow-or-ask would answer
 * "is this string part of the secret?" (`grep -c 'a7Q9x' .env`), one guess at a time. Anything the
 * guard cannot be sure of (context lines, multi-line matches, a regular expression beyond a name, an
 * unreadable or large file, a line with a token-like word, a connection string, or a secret-named
 * key with a value) keeps the question.
 */

const SEARCHERS = new Set(['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack']);

/** Options that print lines besides the matching ones, or let a match span lines. */
const WIDENING = /^(-[ABC]\d*|-\d+|--(after-|before-)?context(=.*)?|-[a-zA-Z]*[ABCUz][a-zA-Z]*|--multiline(-dotall)?|--null-data|--passthru|--passthrough|--binary-files(=.*)?|-a|--text)$/;

/** A name, optionally anchored at the line start: what looks a setting up, not what probes a value. */
const PLAIN_NAME = /^\^?[A-Za-z_][A-Za-z0-9_-]*$/;

const MAX_LINES = 2000;
const MAX_LINE = 1024;

/** A word that could be a token: letters and digits mixed and random enough, or a UUID. */
function tokenLike(word: string): boolean {
  if (word.length < 8) return false;
  if (isUuidShaped(word)) return true;
  return /[0-9]/.test(word) && /[A-Za-z]/.test(word) && looksLikeSecretValue(word);
}

const KEY_VALUE = /([A-Za-z_][\w.-]*)["']?\s*(?:=>|:=|[:=])\s*["']?([^"'\s,;]*)/g;

/** Does this one line hold something that could be a secret? */
export function lineHoldsSecret(line: string): boolean {
  if (line.length > MAX_LINE) return true;
  if (/-----BEGIN|:\/\/[^\s/@:]+:[^\s/@]+@/.test(line)) return true;
  for (const m of line.matchAll(KEY_VALUE)) {
    const value = m[2] ?? '';
    if (isSecretKeyName(m[1] ?? '') && value !== '' && !isPlaceholderValue(value)) return true;
  }
  return line.split(/[\s'"`,;=:()[\]{}<>]+/).some(tokenLike);
}

/** Does this search of the credential file at `path` print no secret? */
export function searchPrintsNoSecret(inv: Invocation, path: string, facts: Facts): boolean {
  if (!SEARCHERS.has(inv.name) || inv.args.some((a) => a.dynamic || WIDENING.test(a.text))) return false;
  const search = searchPatternsOf(inv.name, inv.args);
  if (search.namesOnly || search.patterns === undefined || search.patterns.length === 0 || isHunt(search)) return false;
  if (!search.patterns.every((p) => PLAIN_NAME.test(p))) return false;
  const expressions = search.patterns.map((p) => toJsRegExp(p, search.flavor, search.ignoreCase));
  if (expressions.some((e) => e === undefined)) return false;
  const text = facts.readFile(path);
  if (text === undefined) return false;
  const lines = text.split('\n');
  if (lines.length > MAX_LINES) return false;
  const matched = lines.filter((line) => expressions.some((e) => (e as RegExp).test(line)));
  return matched.length > 0 && !matched.some(lineHoldsSecret);
}
