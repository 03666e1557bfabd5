import type { ContentHit } from './contentRules';
import type { KeyValue } from './keyValues';
import { isIdLikeKey, isPlaceholderValue, isSecretKeyName, keyWords, looksLikeSecretValue, randomLetters, shannonEntropy } from './secretValues';

/**
 * Credentials hard-coded in source files (`SECRET_KEY = '…'` in settings.py, `githubToken: 'ghp_…'`
 * in config.js). Config formats are parsed by keyValues.ts; source code is not, so two narrow rules
 * judge it line by line: a token whose prefix names its issuer, anywhere in the text, and a
 * secret-named name assigned a quoted secret-looking literal. Both run without secretlint, so the
 * hook's own index and a fresh machine see the same files as the extension's full scan.
 */

interface TokenShape {
  /** The whole token; the issuer's prefix makes a false match unlikely. */
  pattern: RegExp;
  kind: string;
  label: string;
}

const TOKEN_SHAPES: readonly TokenShape[] = [
  { pattern: /\b[sr]k_live_[0-9A-Za-z]{20,}\b/g, kind: 'stripe-api-key', label: 'the Stripe API key' },
  { pattern: /\bgh[pousr]_[0-9A-Za-z]{36,}\b/g, kind: 'github-token', label: 'the GitHub token' },
  { pattern: /\bgithub_pat_[0-9A-Za-z_]{60,}\b/g, kind: 'github-token', label: 'the GitHub token' },
  { pattern: /\bglpat-[0-9A-Za-z_-]{20,}\b/g, kind: 'gitlab-token', label: 'the GitLab token' },
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, kind: 'aws-access-key', label: 'the AWS access key' },
  { pattern: /\bxox[abposr]-[0-9A-Za-z-]{20,}\b/g, kind: 'slack-token', label: 'the Slack token' },
  { pattern: /\bsk-(?:proj-|ant-)?[0-9A-Za-z_-]{40,}\b/g, kind: 'openai-api-key', label: 'an AI provider API key' },
  { pattern: /\bnpm_[0-9A-Za-z]{36}\b/g, kind: 'npm-token', label: 'the npm token' },
  { pattern: /\bSG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}\b/g, kind: 'sendgrid-api-key', label: 'the SendGrid API key' },
  { pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, kind: 'gcp-api-key', label: 'the Google API key' },
];

/** Cheap gate: one of the prefixes above occurs at all. */
const TOKEN_PREFIX = /\b(?:[sr]k_live_|gh[pousr]_|github_pat_|glpat-|AKIA|ASIA|xox[abposr]-|sk-|npm_|SG\.|AIza)/;

/** A token body that is not a placeholder (`sk_live_xxxxxxxx…`, `ghp_0000…`): mixed and random enough. */
function randomEnough(token: string): boolean {
  const body = token.replace(/^[A-Za-z]+[_-](live_|proj-|ant-|pat_)?/, '');
  if (isPlaceholderValue(body)) return false;
  return /[0-9]/.test(body) && /[A-Za-z]/.test(body) && shannonEntropy(body) >= 3;
}

/** Source files whose literals are read line by line (config formats go through keyValues.ts). */
const CODE_FILE = /\.(py|rb|php|js|mjs|cjs|jsx|ts|mts|cts|tsx|go|java|kt|kts|scala|groovy|cs|swift|rs|ex|exs|erl|pl|pm|lua|sh|bash|zsh|ps1|r|dart|clj|vue|svelte)(\.(bak|backup|old|orig|save))?$/i;

/** `NAME = 'literal'`, `name: "literal"`, `"name" => 'literal'`, `const NAME = "literal"`, `NAME := "literal"`. */
const ASSIGNMENT = /(?:^|[\s,{(;])["']?([A-Za-z_$][\w$.-]*)["']?\s*(?::=|=>|[:=])\s*(?:[bfru]{0,2})(["'`])([^"'`\n]{8,200})\2/g;

/** Cheap gate: a name that could name a secret, assigned a quoted literal. */
const SECRET_NAME_HINT = /(?:token|secret|passw|pwd|auth|credential|key)[\w$]*["']?\s*(?::=|=>|[:=])\s*[bfru]{0,2}["'`]/i;

export function isCodeFile(name: string): boolean {
  return CODE_FILE.test(name);
}

/** Known token shapes anywhere in a file's text. */
export function scanTokenShapes(text: string): ContentHit[] {
  if (!TOKEN_PREFIX.test(text)) return [];
  const hits: ContentHit[] = [];
  for (const shape of TOKEN_SHAPES) {
    for (const m of text.matchAll(shape.pattern)) {
      if (!randomEnough(m[0])) continue;
      hits.push({ kind: shape.kind, label: shape.label, reason: `contains a token shaped like ${shape.label.replace(/^the /, 'a ')}`, value: m[0] });
    }
  }
  return hits;
}

/**
 * A literal random enough to be a secret rather than a name code uses under a secret-ish constant
 * (`STATE_KEY = 'app.lockdownState'`, `env_key = "OPENAI_API_KEY"`, `token: 'unused-in-tests'`):
 * letters and digits mixed, not a dotted or snake-case identifier.
 */
function randomLiteral(value: string, key: string): boolean {
  if (value.length < 16 || !/[A-Za-z]/.test(value)) return false;
  // Letters alone are random too under a password's name (`"PASSWORD": "wnGnSztDtlRGzhCQEq"`, a generated one):
  // mixed case that does not read as camel-case words (parts of three letters and more, `unusedInTestsValue`).
  if (!/[0-9]/.test(value) && !(PASSWORD_WORDS.has(keyWords(key).pop() ?? '') && randomLetters(value))) return false;
  if (/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)+$/.test(value) || /^[A-Z][A-Z0-9_]*$/.test(value)) return false;
  return looksLikeSecretValue(value);
}

const PASSWORD_WORDS: ReadonlySet<string> = new Set(['password', 'passwd', 'pwd', 'passphrase', 'pass']);

/** Secret-named names assigned a secret-looking quoted literal in a source file, as key/value pairs. */
export function scanCodeAssignments(name: string, text: string): KeyValue[] {
  if (!isCodeFile(name) || !SECRET_NAME_HINT.test(text)) return [];
  const out: KeyValue[] = [];
  for (const m of text.matchAll(ASSIGNMENT)) {
    const key = (m[1] ?? '').split('.').pop() ?? '';
    const value = m[3] ?? '';
    if (!isSecretKeyName(key) || isIdLikeKey(key) || !randomLiteral(value, key)) continue;
    out.push({ key, value, parents: [], siblings: [] });
  }
  return out;
}
