import { nodeCrypto } from '../lazyCrypto';
import { base64url, hmacSha256 } from '../hashing';
import { valueFingerprint } from './valueFingerprint';
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
  /**
   * Salted hashes of the secret values in the file, each with the label of that secret and the length
   * of the (trimmed) value, so redaction can look for a value inside a longer word (`P.`, `xP`, `-P-`),
   * and its keyed 16-bit fingerprint (valueFingerprint.ts), so most candidates are ruled out unhashed.
   */
  secrets: { hash: string; kind: string; label: string; length?: number; fp?: number }[];
}

export interface ScanOptions {
  home: string;
  /** Salt for value hashes; random when omitted (hashes are then only comparable within this scan). */
  salt?: string;
  /** Run secretlint's recommended preset over candidate files (default true; the hook passes false). */
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
  /**
   * False when some file that could hold a known token format was not run through secretlint
   * (turned off, or secretlint.js missing): only path and core content rules judged it.
   */
  secretlintUsed: boolean;
}

export function hashSecret(salt: string, value: string): string {
  return base64url(hmacSha256(salt, value.trim())).slice(0, 22);
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

/**
 * Files secretlint must see on their own: rules that look at the file name or extension (the GCP
 * rule for .json/.p12, the npm rule for package.json/.npmrc), and files with secretlint-disable
 * comments, which would otherwise switch rules off for the files after them in a batch.
 */
export function needsOwnLint(filePath: string, content: string): boolean {
  return /\.(json|p12)$|(^|\/)(package\.json|package-lock\.json|\.npmrc)$/i.test(filePath) || content.includes('secretlint-disable');
}

/** Batches for secretlint: at most this many files or characters each. */
const BATCH_FILES = 64;
const BATCH_CHARS = 256 * 1024;

function hashHits(salt: string, hits: readonly ContentHit[]): ScannedCredentialFile['secrets'] {
  const out: ScannedCredentialFile['secrets'] = [];
  const seen = new Set<string>();
  for (const h of hits) {
    if (h.value.trim().length < 4) continue;
    const hash = hashSecret(salt, h.value);
    if (seen.has(hash)) continue;
    seen.add(hash);
    out.push({ hash, kind: h.kind, label: h.label, length: h.value.trim().length, fp: valueFingerprint(salt, h.value) });
  }
  return out;
}

/** What scanning one file found, and how it was judged. */
export interface FileScan {
  result?: ScannedCredentialFile;
  read: boolean;
  linted: boolean;
  /** The file could hold a known token format but secretlint did not look at it. */
  secretlintMissing?: boolean;
}

function toResult(file: WalkedFile, verdict: ReturnType<typeof classifyCredentialFile>, salt: string): ScannedCredentialFile | undefined {
  if (!verdict) return undefined;
  return { path: file.relativePath, kind: verdict.kind, label: verdict.label, reasons: verdict.reasons, secrets: hashHits(salt, verdict.secrets) };
}

function judgeFile(file: WalkedFile, home: string, salt: string, text: string | undefined, extra: readonly ContentHit[]): ScannedCredentialFile | undefined {
  return toResult(file, classifyCredentialFile(file.absolutePath.replace(/\\/g, '/'), home.replace(/\\/g, '/'), text, extra), salt);
}

/** Path rules and core content rules only. */
function scanWithoutSecretlint(file: WalkedFile, options: ScanOptions & { salt: string }, text: string | undefined): FileScan {
  return { result: judgeFile(file, options.home, options.salt, text, []), read: text !== undefined, linted: false, secretlintMissing: text !== undefined && mayHoldKnownToken(text) };
}

/**
 * Judge one file: path rules, core content rules and (optionally) secretlint. When secretlint is
 * wanted but cannot be loaded (secretlint.js not beside the bundle), the file is judged by the
 * other rules and `secretlintMissing` says so, rather than failing the scan or hiding the gap.
 */
export async function scanFile(file: WalkedFile, options: ScanOptions & { salt: string }): Promise<FileScan> {
  const text = readTextForScan(file.contentPath);
  if (text !== undefined && mayHoldKnownToken(text) && options.secretlint !== false && secretlintAvailable()) {
    const extra = await loadSecretlintScanner().scanWithSecretlint(file.absolutePath, text);
    return { result: judgeFile(file, options.home, options.salt, text, extra), read: true, linted: true, secretlintMissing: false };
  }
  return scanWithoutSecretlint(file, options, text);
}

/** scanFile without secretlint, synchronously (the hook's index, loaded on first use). */
export function scanFileSync(file: WalkedFile, options: ScanOptions & { salt: string }): FileScan {
  return scanWithoutSecretlint(file, options, readTextForScan(file.contentPath));
}

/** scanWorkspace without secretlint, synchronously: path and core content rules only. */
export function scanWorkspaceSync(root: string, options: ScanOptions & { salt: string }): ScanResult {
  const limits = options.limits ?? DEFAULT_WALK_LIMITS;
  const walk = walkTree(root, limits, options.partial);
  const files: ScannedCredentialFile[] = [];
  let read = 0;
  let secretlintUsed = true;
  let truncated = walk.truncated;
  for (const file of walk.files) {
    // The walk's time limit covers reading what it found too: past it, the rest is unread (truncated).
    if (limits.deadline !== undefined && Date.now() > limits.deadline) {
      truncated = true;
      break;
    }
    const one = scanFileSync(file, options);
    if (one.read) read++;
    if (one.secretlintMissing) secretlintUsed = false;
    if (one.result) files.push(one.result);
  }
  files.sort(byPath);
  return { files, dirs: walk.dirs, truncated, stats: { walked: walk.files.length, read, secretlint: 0 }, secretlintUsed };
}

function byPath(a: ScannedCredentialFile, b: ScannedCredentialFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Scan a folder for credential files by path and content. Never returns a secret value. */
export async function scanWorkspace(root: string, options: ScanOptions): Promise<ScanResult> {
  const salt = options.salt ?? nodeCrypto().randomBytes(32).toString('base64url');
  const walk = walkTree(root, options.limits ?? DEFAULT_WALK_LIMITS, options.partial);
  const home = options.home.replace(/\\/g, '/');
  const files: ScannedCredentialFile[] = [];
  let read = 0;
  let secretlint = 0;
  let secretlintUsed = true;
  const wantSecretlint = options.secretlint !== false;
  let batch: { file: WalkedFile; text: string }[] = [];
  let batchChars = 0;

  const judge = (file: WalkedFile, text: string | undefined, extra: readonly ContentHit[]): void => {
    const result = judgeFile(file, home, salt, text, extra);
    if (result) files.push(result);
  };
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const hits = await loadSecretlintScanner().scanManyWithSecretlint(batch.map((b) => ({ filePath: b.file.absolutePath, content: b.text })));
    batch.forEach((b, i) => judge(b.file, b.text, hits[i] ?? []));
    secretlint += batch.length;
    batch = [];
    batchChars = 0;
  };

  for (const file of walk.files) {
    const text = readTextForScan(file.contentPath);
    if (text === undefined) {
      judge(file, undefined, []);
      continue;
    }
    read++;
    if (!mayHoldKnownToken(text)) {
      judge(file, text, []);
      continue;
    }
    // Wanted-but-skipped and unavailable both leave the file unchecked for known token formats.
    if (!wantSecretlint || !secretlintAvailable()) {
      secretlintUsed = false;
      judge(file, text, []);
      continue;
    }
    if (needsOwnLint(file.relativePath, text)) {
      judge(file, text, await loadSecretlintScanner().scanWithSecretlint(file.absolutePath, text));
      secretlint++;
      continue;
    }
    batch.push({ file, text });
    batchChars += text.length;
    if (batch.length >= BATCH_FILES || batchChars >= BATCH_CHARS) await flush();
  }
  await flush();
  files.sort(byPath);
  return { files, dirs: walk.dirs, truncated: walk.truncated, stats: { walked: walk.files.length, read, secretlint }, secretlintUsed };
}
