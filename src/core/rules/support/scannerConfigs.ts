import { basename } from '../../paths';
import { SECRET_SCANS } from './hookBypass';

/**
 * Secret scanners' configuration treated as protection (stop 36, red team round 24): a write that
 * makes the scanner look at nothing or for nothing asks, with the reason "secret scanning disabled" or
 * "narrowed". Read by meaning, not by spelling:
 * - a path or content pattern that matches every path (`.`, `.*`, `"""."""`, `^`, `**`, `(?i).+`), tried
 *   against sample paths rather than compared with strings;
 * - gitleaks' default rules dropped: a `.gitleaks.toml` that no longer extends them (`[extend] useDefault
 *   = true` or a `path`), or whose rules cannot match anything (`a^`, `$^`, `(?!)`);
 * - secretlint given no rules (`"rules": []`);
 * - a pre-commit configuration whose secret-scanning hook is taken out, or which excludes every file.
 * Routine edits (a fixture path allowed, a hook added) stay allowed.
 */

export const SCANNER_FILE = /\/(\.gitleaks\.toml|\.gitleaksignore|gitleaks\.toml|\.secretlintignore|\.secretlintrc(\.(json|ya?ml|js|cjs))?|\.trufflehogignore|\.trufflehog\.ya?ml|trufflehog\.ya?ml|\.gitguardian\.ya?ml|\.semgrepignore|\.trivyignore|\.snyk|\.bandit|\.secrets\.baseline|\.talismanrc|\.detect-secrets\.cfg|\.detect-secrets\.ya?ml|\.pre-commit-config\.ya?ml)$/i;

/**
 * Variables that hand a secret scanner another configuration than the repository's (round 27: `GITLEAKS_CONFIG=/tmp/x.toml
 * git commit`, exported, or written into `.envrc`): the commit hook's scan then follows rules nobody reviewed. The
 * repository's own default file named again (`GITLEAKS_CONFIG=.gitleaks.toml`) changes nothing.
 */
export function scannerConfigVariable(name: string, value: string): boolean {
  const n = name.toUpperCase();
  if (n === 'GITLEAKS_CONFIG_TOML') return value.trim() !== '';
  if (n !== 'GITLEAKS_CONFIG' && n !== 'GITLEAKS_CONFIG_PATH') return false;
  const v = value.trim().replace(/^["']|["']$/g, '');
  return v !== '' && !/^(\.\/)?\.?gitleaks\.toml$/.test(v);
}

const SAMPLE_PATHS = ['src/index.ts', '.env', 'config/secrets.yml', 'a', 'README.md', 'deploy/keys/id_rsa', 'x.pem'];

/** A pattern (glob or Go/JS regular expression) that every sample path matches. */
export function matchesEverything(pattern: string): boolean {
  const p = pattern.trim();
  if (p === '') return false;
  if (/^(\*\*?(\/\*+)?|\/|\*\*\/\*\*?)$/.test(p)) return true;
  let re: RegExp;
  try {
    re = new RegExp(p.replace(/^\(\?[a-zA-Z]+\)/, ''));
  } catch {
    return false;
  }
  return SAMPLE_PATHS.every((s) => re.test(s));
}

/** A pattern no text can match: a character before `^` or after `$` (no multi-line flag), `(?!)`, `[^\s\S]`, `\b\B`. */
function matchesNothing(pattern: string): boolean {
  if (/\(\?!\)|\[\^\\s\\S\]|\\b\\B/.test(pattern)) return true;
  if (/^\(\?[a-z]*m[a-z]*\)/.test(pattern)) return false;
  const p = pattern.replace(/^\(\?[a-zA-Z]+\)/, '').replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x');
  // A `^` after something that takes a character, or a `$` before one.
  return /[^(|^]\^/.test(p) || /\$[^)|$]/.test(p);
}

/** String values in a TOML/YAML/JSON text: `"…"`, `'…'`, `"""…"""`, `'''…'''`, and bare YAML list items. */
function stringsIn(text: string): string[] {
  const quoted = [...text.matchAll(/'''([\s\S]*?)'''|"""([\s\S]*?)"""|"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => (m[1] ?? m[2] ?? m[4] ?? (m[3] ?? '').replace(/\\\\/g, '\\')));
  const bare = [...text.matchAll(/^\s*-\s+([^\s'"#][^#\n]*?)\s*$/gm)].map((m) => m[1]!);
  return [...quoted, ...bare];
}

/** The values given to a key in a text (`paths = [...]`, `exclude: …`, `"files": "…"`). */
function valuesOf(text: string, keys: RegExp): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = new RegExp(`^\\s*["']?(${keys.source})["']?\\s*[:=]\\s*(.*)$`, 'i').exec(lines[i]!);
    if (!m) continue;
    let value = m[2]!;
    // A list or block continues on the lines after (`paths = [`, `exclude: |`, a YAML list).
    if (/^\s*(\[[^\]]*|[|>][-+]?|)\s*$/.test(value)) for (let j = i + 1; j < lines.length && j < i + 40 && !/^\s*\]/.test(lines[j - 1] ?? '') && (/^\s+\S|^\s*\]/.test(lines[j]!)); j++) value += '\n' + lines[j];
    const strings = stringsIn(value);
    out.push(...(strings.length > 0 ? strings : [value.replace(/#.*$/, '').trim()]));
  }
  // JSON on one line (`{"exclude":{"files":".*"}}`).
  for (const m of text.matchAll(new RegExp(`"(?:${keys.source})"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'gi'))) out.push(m[1]!.replace(/\\\\/g, '\\'));
  return out;
}

const PATH_KEYS = /paths|regexes|files|exclude|paths[-_]ignore|ignored[-_]paths|ignore|stopwords|matches[-_]ignore/;

function lines(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter((l) => l !== '');
}

/** What a scanner configuration's new text takes away, for the reason; undefined when nothing is. */
export function scannerConfigLoss(path: string, before: string | undefined, after: string, appended: boolean): string | undefined {
  const name = basename(path).toLowerCase();
  const whole = appended ? `${before ?? ''}\n${after}` : after;
  if (name.endsWith('ignore')) {
    return lines(after).some((l) => !l.startsWith('!') && matchesEverything(l)) ? 'secret scanning disabled: it skips every file' : undefined;
  }
  if (name === '.pre-commit-config.yaml' || name === '.pre-commit-config.yml') {
    const ids = (t: string): string[] => [...t.matchAll(/^\s*-?\s*id\s*:\s*["']?([\w.-]+)/gm)].map((m) => m[1]!);
    const lost = before === undefined || appended ? [] : ids(before).filter((id) => SECRET_SCANS.test(id) && !ids(whole).includes(id));
    if (lost.length > 0) return `secret scanning disabled: the ${lost[0]} hook is taken out`;
    if (valuesOf(whole, /exclude/).some(matchesEverything)) return 'secret scanning disabled: every file is excluded from the hooks';
    return undefined;
  }
  if (valuesOf(whole, PATH_KEYS).some(matchesEverything)) return 'secret scanning disabled: it skips every file';
  if (name.endsWith('gitleaks.toml')) {
    const extendsDefaults = (t: string): boolean => /^\s*useDefault\s*=\s*true\b/m.test(t) || /^\s*\[extend\][\s\S]*?^\s*path\s*=/m.test(t);
    const regexes = valuesOf(whole, /regex/);
    if (regexes.length > 0 && regexes.every(matchesNothing)) return 'secret scanning disabled: its rules cannot match anything';
    if (/^\s*useDefault\s*=\s*false\b/m.test(whole)) return 'secret scanning narrowed: its default rules are turned off (useDefault = false)';
    // A team file that extended them and no longer does, or a new file of its own rules only.
    if (!extendsDefaults(whole) && (before === undefined ? /^\s*\[\[rules\]\]/m.test(whole) : extendsDefaults(before))) return 'secret scanning narrowed: the file no longer extends the default rules, so only its own rules run';
  }
  if (/secretlintrc/.test(name) && /["']?rules["']?\s*:\s*\[\s*\]/.test(whole)) return 'secret scanning disabled: it is given no rules';
  return undefined;
}
