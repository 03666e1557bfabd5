import { shannonEntropy } from '../credentials/secretValues';

/**
 * Redaction of secret-looking values in text that leaves the hook: audit lines, dialog requests,
 * messages the agent reads. It errs on the side of hiding: a redacted id is an inconvenience, a
 * printed token is an incident.
 */

export const REDACTED = '[REDACTED]';

/**
 * A known credential's value replaced for the editor: `[REDACTED:<salted hash>]`. The editor looks the
 * hash up in the same workspace credential index, so its own analysis can still say where the value
 * came from; the value itself never leaves the hook.
 */
export const REDACTED_MARKER = /\[REDACTED:[A-Za-z0-9_-]{22}\]/;
const MARKER_ONLY = /^\[REDACTED:[A-Za-z0-9_-]{22}\]$/;

function isMarker(value: string | undefined): boolean {
  return value !== undefined && MARKER_ONLY.test(value.replace(/^['"]|['"]$/g, ''));
}

/** Well-known token formats (prefix plus body). */
const KNOWN_TOKENS: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\bglpat-[A-Za-z0-9_-]{16,}\b/g,
  /\b(sk|pk|rk)_(live|test)_[A-Za-z0-9]{10,}\b/g,
  /\bsk-(proj-|ant-)?[A-Za-z0-9_-]{20,}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g,
  /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g,
  /\bAIza[A-Za-z0-9_-]{30,}\b/g,
  /\bnpm_[A-Za-z0-9]{30,}\b/g,
  /\bdop_v1_[a-f0-9]{40,}\b/g,
  /\bhf_[A-Za-z0-9]{30,}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];

interface Replacement {
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

const CONTEXTUAL: readonly Replacement[] = [
  // Authorization: Bearer xyz / Basic xyz / token xyz (header values in curl -H, httpie, fetch)
  { pattern: /\b(authorization\s*[:=]\s*)(bearer|basic|token|bot)?(\s*)([^\s'"\\]+)/gi, replace: (m, a, scheme = '', sp = '', v) => (isMarker(v) ? m : `${a}${scheme}${sp}${REDACTED}`) },
  { pattern: /\b(bearer\s+)([A-Za-z0-9._~+/=-]{8,})/gi, replace: (_m, a) => `${a}${REDACTED}` },
  // Headers and query parameters whose names say they carry a secret
  { pattern: /\b((?:x-)?(?:api[-_]?key|auth[-_]?token|access[-_]?token|private[-_]?token|project[-_]?access[-_]?token|team[-_]?access[-_]?token)\s*[:=]\s*)([^\s'"&\\]+)/gi, replace: (m, a, v) => (isMarker(v) ? m : `${a}${REDACTED}`) },
  // URL credentials: scheme://user:password@host
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:)([^\s@/'"]+)(@)/gi, replace: (m, a, p, c) => (isMarker(p) ? m : `${a}${REDACTED}${c}`) },
  // --password=x, --password x, --token x, --secret x, --api-key x
  { pattern: /(--(?:password|passwd|pass|token|secret|api-key|apikey|auth-token|access-token|client-secret)(?:=|\s+))('[^']*'|"[^"]*"|[^\s'"]+)/gi, replace: (m, a, v) => (isMarker(v) ? m : `${a}${REDACTED}`) },
  // mysql-style -pSECRET (attached value only: a bare -p prompts)
  { pattern: /(^|\s)(-p)([^\s'"-][^\s'"]*)/g, replace: (m, s, f, v) => (isMarker(v) ? m : `${s}${f}${REDACTED}`) },
  // NAME_TOKEN=value, DB_PASSWORD=value, SECRET_KEY=value, "token": "value"
  { pattern: /\b([A-Za-z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)[A-Za-z0-9_]*\s*=\s*)('[^']*'|"[^"]*"|[^\s'";&|]+)/gi, replace: (m, a, v) => (isMarker(v) ? m : `${a}${REDACTED}`) },
  { pattern: /("(?:[A-Za-z0-9_]*(?:token|secret|password|passwd|api_?key|apiKey|private_?key|access_?key)[A-Za-z0-9_]*)"\s*:\s*")([^"]*)(")/gi, replace: (m, a, v, c) => (isMarker(v) ? m : `${a}${REDACTED}${c}`) },
];

/** A long random-looking run of token characters: 32+ chars, mixed classes, high entropy. */
const LONG_RUN = /[A-Za-z0-9_+/=-]{32,}/g;

function isHighEntropySecret(run: string): boolean {
  if (/^[0-9a-f]{40}$/i.test(run)) return false; // git object ids name commits, not secrets
  // Identifiers and words (CamelCase, snake_case) have no digits; random tokens of this length almost always do.
  if (!/[0-9]/.test(run) || !/[A-Za-z]/.test(run)) return false;
  return shannonEntropy(run) >= 4.0;
}

/** Paths are judged segment by segment, so a long file name never hides its folder. */
function redactRun(run: string): string {
  if (run.includes('/') && !/[+=]/.test(run)) return run.split('/').map((seg) => (seg.length >= 32 && isHighEntropySecret(seg) ? REDACTED : seg)).join('/');
  return isHighEntropySecret(run) ? REDACTED : run;
}

/**
 * Text with none of these cannot match any rule above: no assignment, header, URL credential, flag
 * value, key block or long token-like run. Most commands take this exit and skip the regex battery.
 */
const MIGHT_HOLD_SECRET = /[=:@]|-p\S|--[a-z-]*(pass|token|secret|key)|bearer|authorization|-----BEGIN|[A-Za-z0-9_+/=-]{16,}/i;

/** Replace every secret-looking value in `text` with [REDACTED]. Idempotent. */
export function redactSecrets(text: string): string {
  if (!MIGHT_HOLD_SECRET.test(text)) return text;
  let out = text;
  for (const re of KNOWN_TOKENS) out = out.replace(re, REDACTED);
  for (const r of CONTEXTUAL) out = out.replace(r.pattern, r.replace as (substring: string, ...args: string[]) => string);
  out = out.replace(LONG_RUN, redactRun);
  return out;
}

/** A verdict with every text a human or agent reads passed through `redact`. */
export function redactVerdict<V extends { reasons: readonly string[]; targets: readonly { name: string; environmentReason: string }[]; confirm: string | null }>(verdict: V, redact: (text: string) => string): V {
  return {
    ...verdict,
    reasons: verdict.reasons.map(redact),
    targets: verdict.targets.map((t) => ({ ...t, name: redact(t.name), environmentReason: redact(t.environmentReason) })),
    confirm: verdict.confirm === null ? null : redact(verdict.confirm),
  };
}

