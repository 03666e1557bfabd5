import { ownTable } from '../../ownTable';
import { isHuntPattern } from '../../credentials/searchPatterns';
import type { Facts, Finding, Invocation } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';
import { readFinding } from '../credentials';
import { gitignored, isHiddenPath, pathsOfWord } from './credentialPaths';

/**
 * Structural code searches (ast-grep `sg run -p`, `semgrep -e`) print every match with its line. A
 * pattern naming a secret (`githubToken: $T`) or matching any string assigned to any name
 * (`$X = "$Y"`, `$X = "..."`) is a hunt: it prints the credential files under its paths (those the tool
 * reads: not hidden, not ignored, of the pattern's language when one is given).
 */

const TOOLS: Readonly<Record<string, { pattern: readonly string[]; lang: readonly string[] }>> = ownTable({
  sg: { pattern: ['-p', '--pattern'], lang: ['-l', '--lang'] },
  'ast-grep': { pattern: ['-p', '--pattern'], lang: ['-l', '--lang'] },
  semgrep: { pattern: ['-e', '--pattern'], lang: ['-l', '--lang'] },
});

/** Any name bound to any string literal: every assignment of a literal, a key's value among them. */
const ANY_LITERAL = /^\s*\$[A-Z_$]*\s*(=|:|=>)\s*(["'])(\$[A-Z_]*|\.\.\.|\$\$\$[A-Z_]*)\2\s*;?\s*$|^\s*(["'])(\$[A-Z_]*|\.\.\.)\4\s*$/;

/** A secret-named key or variable bound to a metavariable (`githubToken: $T`, `API_KEY = $V`). */
const SECRET_KEY_BOUND = /(token|secret|passw(or)?d|api_?key|credential|private_?key)\w*['"]?\s*(:|=|=>)\s*['"]?\$/i;

const LANG_EXTENSIONS: Readonly<Record<string, RegExp>> = ownTable({
  py: /\.py$/, python: /\.py$/, js: /\.[cm]?jsx?$/, javascript: /\.[cm]?jsx?$/, ts: /\.[cm]?tsx?$/, typescript: /\.[cm]?tsx?$/,
  yaml: /\.ya?ml$/, yml: /\.ya?ml$/, json: /\.json$/, rb: /\.rb$/, ruby: /\.rb$/, go: /\.go$/, java: /\.java$/, php: /\.php$/,
});

export function checkStructuralSearch(inv: Invocation, facts: Facts): Finding[] {
  const tool = TOOLS[inv.name];
  if (!tool || !facts.credentials) return [];
  // Read through the free-form grammar: each option with the word it may take.
  const { valued } = freeFormReadings(inv.args);
  const valueOf = (names: readonly string[]): string | undefined => valued.options.find((o) => names.includes(o.written))?.values[0];
  const pattern = valueOf(tool.pattern);
  const lang = valueOf(tool.lang);
  const paths = valued.operands.filter((w, k) => !(k === 0 && (w.text === 'run' || w.text === 'scan')));
  if (pattern === undefined || !(isHuntPattern(pattern) || SECRET_KEY_BOUND.test(pattern) || ANY_LITERAL.test(pattern))) return [];
  const ext = lang === undefined ? undefined : LANG_EXTENSIONS[lang.toLowerCase()];
  const roots = paths.length > 0 ? paths : [{ text: '.', raw: '.', dynamic: false, glob: false }];
  const out: Finding[] = [];
  for (const root of roots) {
    for (const p of pathsOfWord(root, inv.cwd || facts.cwd, facts)) {
      for (const f of facts.credentials.filesUnder(p)) {
        if (isHiddenPath(f.path) || gitignored(f.path, facts) || (ext && !ext.test(f.path))) continue;
        out.push(readFinding('searches', f, `${inv.name} (a structural search for ${ANY_LITERAL.test(pattern) ? 'every string literal' : 'a secret-named key'})`));
      }
    }
  }
  return out;
}
