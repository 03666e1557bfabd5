import * as crypto from 'node:crypto';
import { classifyCredentialFile } from '../../core/credentials/credentialFiles';
import type { ContentHit } from '../../core/credentials/contentRules';
import { loadSecretlintScanner, secretlintAvailable } from './loadSecretlint';
import { readTextForScan, walkTree, type PartialWalk, type WalkedFile, type WalkLimits, DEFAULT_WALK_LIMITS } from './walk';

/** One credential file found by a scan. Secrets are kept only as salted hashes. */
export interface ScannedCredentialFile {
  /** Relative to the scanned root, forward slashes. */
  path: string;
  kind: string;
  label: string;
  reasons: string[];
  /** Salted hashes of the secret values in the file, each with the label of that secret. */
  secrets: { hash: string; kind: string; label: string }[];
}

export interface ScanOptions {
  home: string;
  /** Salt for value hashes; random when omitted (hashes are then only comparable within this scan). */
  salt?: string;
  /** Run secretlint's recommended preset over candidate files (default true). */
  secretlint?: boolean;
  limits?: WalkLimits;
  partial?: PartialWalk;
}

export interface ScanResult {
  files: ScannedCredentialFile[];
  dirs: Map<string, number>;
  truncated: boolean;
  /** How many files were read, and how many went through secretlint. */
  stats: { walked: number; read: number; secretlint: number };
  /** False when secretlint was wanted but could not be loaded: only path and core content rules ran. */
  secretlintUsed: boolean;
}

export function hashSecret(salt: string, value: string): string {
  return crypto.createHmac('sha256', salt).update(value.trim(), 'utf8').digest('base64url').slice(0, 22);
}

/**
 * Cheap gate before secretlint, which costs ~0.2 ms a file: only text with a credential-shaped run
 * (20+ characters of token alphabet mixing letters and digits), a PEM header, or user:password@ in a
 * URL can match the recommended preset's rules. Secretlint's own rules decide; this only skips files
 * that cannot match any of them.
 */
const TOKEN_RUN = /[A-Za-z0-9_\-+/=.]{20,}/g;
export function mayHoldKnownToken(text: string): boolean {
  if (text.includes('-----BEGIN') || /:\/\/[^\s/@:]+:[^\s/@]+@/.test(text)) return true;
  for (const m of text.matchAll(TOKEN_RUN)) {
    const run = m[0];
    if (/[0-9]/.test(run) && /[A-Za-z]/.test(run)) return true;
  }
  return false;
}

function hashHits(salt: string, hits: readonly ContentHit[]): ScannedCredentialFile['secrets'] {
  const out: ScannedCredentialFile['secrets'] = [];
  const seen = new Set<string>();
  for (const h of hits) {
    if (h.value.trim().length < 4) continue;
    const hash = hashSecret(salt, h.value);
    if (seen.has(hash)) continue;
    seen.add(hash);
    out.push({ hash, kind: h.kind, label: h.label });
  }
  return out;
}

/**
 * Judge one file: path rules, core content rules and (optionally) secretlint. When secretlint is
 * wanted but cannot be loaded (secretlint.js not beside the bundle), the file is judged by the
 * other rules and `secretlintMissing` says so, rather than failing the scan or hiding the gap.
 */
export async function scanFile(
  file: WalkedFile,
  options: ScanOptions & { salt: string },
): Promise<{ result?: ScannedCredentialFile; read: boolean; linted: boolean; secretlintMissing?: boolean }> {
  const text = readTextForScan(file.contentPath);
  let extra: ContentHit[] = [];
  let linted = false;
  let secretlintMissing = false;
  if (text !== undefined && options.secretlint !== false && mayHoldKnownToken(text)) {
    if (secretlintAvailable()) {
      extra = await loadSecretlintScanner()(file.absolutePath, text);
      linted = true;
    } else secretlintMissing = true;
  }
  const verdict = classifyCredentialFile(file.absolutePath.replace(/\\/g, '/'), options.home.replace(/\\/g, '/'), text, extra);
  const read = text !== undefined;
  if (!verdict) return { read, linted, secretlintMissing };
  return {
    read,
    linted,
    secretlintMissing,
    result: { path: file.relativePath, kind: verdict.kind, label: verdict.label, reasons: verdict.reasons, secrets: hashHits(options.salt, verdict.secrets) },
  };
}

/** Scan a folder for credential files by path and content. Never returns a secret value. */
export async function scanWorkspace(root: string, options: ScanOptions): Promise<ScanResult> {
  const salt = options.salt ?? crypto.randomBytes(32).toString('base64url');
  const walk = walkTree(root, options.limits ?? DEFAULT_WALK_LIMITS, options.partial);
  const files: ScannedCredentialFile[] = [];
  let read = 0;
  let secretlint = 0;
  let secretlintUsed = true;
  for (const file of walk.files) {
    const one = await scanFile(file, { ...options, salt });
    if (one.read) read++;
    if (one.linted) secretlint++;
    if (one.secretlintMissing) secretlintUsed = false;
    if (one.result) files.push(one.result);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, dirs: walk.dirs, truncated: walk.truncated, stats: { walked: walk.files.length, read, secretlint }, secretlintUsed };
}
