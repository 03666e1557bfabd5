import { ownTable } from '../ownTable';
import { effectGrammar, readEffectArgs } from '../policy/effectOptions';
import { optionGrammarOf } from '../policy/readerGrammars';
import type { ArgWord } from '../policy/types';
import type { GrammarSpec } from '../shell/grammar';
import { toolNamed } from '../registry/commandModel';
/**
 * What a search tool looks for, and whether that could print a credential: the patterns of `grep`,
 * `rg`, `ag`, `ack` and `git grep` read from their options, tested against the text of the
 * credential files a search reaches. A search that cannot match any line of them prints no secret;
 * a pattern that names secrets (token, password, a key prefix) is a hunt whatever it matches; a
 * pattern that cannot be read (from a file, a syntax JavaScript does not share) counts as matching.
 */

export interface SearchPatterns {
  /** The patterns, or undefined when they cannot be known (`-f FILE`, a word built at run time). */
  patterns: string[] | undefined;
  flavor: 'basic' | 'extended' | 'fixed' | 'perl';
  ignoreCase: boolean;
  /** `-v`: every line that does not match is printed. */
  invert: boolean;
  /** `rg --files`, `ag -g`: file names only, no pattern searched in contents. */
  namesOnly: boolean;
}

/** A search tool's one description; git grep's is its node in git's registry entry. */
function grammarOf(tool: string): GrammarSpec {
  if (tool === 'git-grep') return { ...effectGrammar(), options: toolNamed('git')?.commands?.grep?.options ?? [] };
  return optionGrammarOf(tool) ?? optionGrammarOf('grep')!;
}

/** Search tools this module reads. */
export const SEARCH_TOOLS = new Set(['grep', 'egrep', 'fgrep', 'zgrep', 'rg', 'ag', 'ack', 'git-grep', 'sift']);

/**
 * Read a search tool's patterns from its arguments. `tool` is the command name (`git-grep` for
 * `git grep`, whose `grep` word is already removed). Unknown single-letter options are taken as flags.
 */
export function searchPatternsOf(tool: string, args: readonly { text: string; dynamic: boolean }[]): SearchPatterns {
  // sift (Go's regexp syntax, -Q literal) reads its patterns like ripgrep.
  const rustLike = tool === 'rg' || tool === 'ag' || tool === 'ack' || tool === 'sift';
  const out: SearchPatterns = {
    patterns: [],
    flavor: tool === 'egrep' ? 'extended' : tool === 'fgrep' ? 'fixed' : rustLike ? 'perl' : 'basic',
    ignoreCase: false,
    invert: false,
    namesOnly: false,
  };
  const given: string[] = [];
  let unknown = false;
  // The options are the tool's one description (`optionGrammarOf`; git grep's in git's registry entry); what they mean is said here by name.
  const read = readEffectArgs(args as readonly ArgWord[], grammarOf(tool));
  for (const o of read.options) {
    const is = (...names: string[]): boolean => o.names.some((n) => names.includes(n));
    if (is('e', 'regexp')) {
      if (o.value === undefined || o.value.dynamic) unknown = true;
      else given.push(o.value.text);
    } else if (is('f', 'file', 'regexp-file') && o.value !== undefined) unknown = true;
    else if (o.value !== undefined) continue;
    else if (is('i', 'y', 'S', 'ignore-case', 'smart-case')) out.ignoreCase = true;
    // `--passthru` prints every line of every file searched, matching or not.
    else if (is('v', 'invert-match', 'passthru', 'passthrough')) out.invert = true;
    else if (is('F', 'fixed-strings') || (is('Q') && rustLike)) out.flavor = 'fixed';
    else if ((is('E') && !rustLike) || is('extended-regexp')) out.flavor = 'extended';
    else if (is('P', 'perl-regexp', 'pcre2')) out.flavor = 'perl';
    else if ((is('G') && !rustLike) || is('basic-regexp')) out.flavor = 'basic';
    else if (is('files', 'targets')) out.namesOnly = true;
  }
  const positional = read.operands[0];
  if (given.length === 0 && !unknown) {
    if (positional === undefined) {
      // `rg --files` lists names; a grep with no pattern is an error.
      out.namesOnly = true;
      out.patterns = [];
      return out;
    }
    if (positional.dynamic) unknown = true;
    else given.push(positional.text);
  }
  out.patterns = unknown ? undefined : given;
  return out;
}

/** Does the pattern name what a hunt for secrets looks for, whatever it matches in this workspace? */
const HUNT_WORDS =
  /token|secret|passw|passphrase|pwd|api[\W_]{0,2}key|apikey|access[\W_]{0,2}key|private[\W_]{0,2}key|credential|bearer|auth(?!or(?!i[sz]))|_key\b|key[\W_]*=|akia|sk_(live|test)|\bsk-|gh[pousr]_|github_pat|xox[abprs]|glpat|npm_|begin .{0,20}private|-----begin|(postgres(ql)?|mysql|mongodb(\+srv)?|redis|rediss|amqps?):\/\/|:\/\/[^\s/]*:[^\s/]*@|database_url|\bdsn\b|\bcookie|session[\W_]?id|\bjwt\b|\beyj|\bpat\b/i;

/**
 * `process.env.DATABASE_URL`, `os.environ["API_TOKEN"]`, `os.getenv('DB_PASSWORD')`: code that reads a
 * variable. A search for it finds the code using the setting; in a file it matches only where that code is
 * written, never a value (a value does not follow such a prefix), so the files it reaches are told by what they hold.
 */
const READS_VARIABLE_IN_CODE = /^(process\.env|import\.meta\.env|os\.environ|os\.getenv|System\.getenv|Deno\.env\.get|ENV)(\.|\[|\(|\.get\(|\.fetch\()["']?[A-Za-z_][A-Za-z0-9_]*["']?[)\]]?$/;

export function isHuntPattern(pattern: string): boolean {
  return HUNT_WORDS.test(pattern) && !READS_VARIABLE_IN_CODE.test(pattern.replace(/\\/g, ''));
}

const POSIX_CLASSES: Readonly<Record<string, string>> = ownTable({
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', blank: ' \\t',
  xdigit: '0-9A-Fa-f', punct: '!-/:-@\\[-`{-~', word: '\\w', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f',
});

/** A grep/rg pattern as a JavaScript expression, or undefined when it cannot be translated. */
export function toJsRegExp(pattern: string, flavor: SearchPatterns['flavor'], ignoreCase: boolean): RegExp | undefined {
  let source: string;
  let flags = ignoreCase ? 'i' : '';
  if (flavor === 'fixed') source = pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  else {
    let p = pattern.replace(/\[:([a-z]+):\]/g, (m, name: string) => POSIX_CLASSES[name] ?? m);
    const inline = /^\(\?([imsx]+)\)/.exec(p);
    if (inline) {
      if (inline[1]?.includes('i')) flags = 'i';
      if (inline[1]?.includes('x')) return undefined;
      p = p.slice(inline[0].length);
    }
    if (flavor === 'basic') {
      let converted = '';
      for (let i = 0; i < p.length; i++) {
        const c = p[i] as string;
        if (c === '\\' && i + 1 < p.length) {
          const n = p[i + 1] as string;
          converted += '|(){}+?'.includes(n) ? n : '\\' + n;
          i++;
        } else converted += '|(){}+?'.includes(c) ? '\\' + c : c;
      }
      p = converted;
    }
    // Back-references, look-around and possessive forms are not read: the pattern counts as matching.
    if (/\\[1-9]|\(\?[=!<]|[*+?}]\+|\\[pPQE]/.test(p)) return undefined;
    source = p;
  }
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}

/** Longest line tested: credential files are small, and a long line is a blob (a minified bundle). */
const MAX_LINE = 4096;
/** Lines tested per file. */
const MAX_LINES = 5000;

/**
 * Could the search print a line of `text`? True when a pattern matches some line, when the
 * patterns cannot be read or translated, when the match is inverted, or when the file is too large
 * to test line by line.
 */
export function searchMatchesText(search: SearchPatterns, text: string): boolean {
  if (search.namesOnly) return false;
  if (search.patterns === undefined || search.invert) return true;
  const expressions = search.patterns.map((p) => toJsRegExp(p, search.flavor, search.ignoreCase));
  if (expressions.some((e) => e === undefined)) return true;
  const lines = text.split('\n');
  if (lines.length > MAX_LINES) return true;
  for (const line of lines) {
    if (line.length > MAX_LINE) return true;
    for (const e of expressions) if ((e as RegExp).test(line)) return true;
  }
  return false;
}

/** Is the search a hunt: a pattern that names secrets, one that cannot be read, or an inverted match? */
export function isHunt(search: SearchPatterns): boolean {
  if (search.namesOnly) return false;
  if (search.patterns === undefined || search.invert) return true;
  return search.patterns.some(isHuntPattern);
}
