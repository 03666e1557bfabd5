import * as fs from 'node:fs';
import { REDACTED, redactSecrets } from '../../core/audit/redact';
import { cacheFileFor, loadCredentialCacheSync, readCredentialFiles, type CacheOptions, type CredentialCacheFile } from './credentialCache';
import { hashSecret } from './workspaceScan';
import { fingerprintSeed, fingerprintWith } from './valueFingerprint';

/**
 * Redaction that knows the workspace's credential values. The credential index holds each value only
 * as a salted hash; every word of a text that could be a value is hashed with the same salt and
 * compared. A hit is replaced by `[REDACTED]` in what is printed or logged, or by
 * `[REDACTED:<hash>]` in what goes to the editor (whose analysis looks the hash up in the same index
 * to say where the value came from). Generic token shapes are redacted after (redactSecrets).
 *
 * The index is read only when a word could be a value: most commands hold none, and then nothing is
 * read.
 */

export interface KnownSecrets {
  /** The salted hash under which `value` is indexed, or undefined when it is no known credential. */
  hashOf(value: string): string | undefined;
  /** The lengths of the indexed values, so a value glued to other characters is still found. */
  lengths?(): readonly number[];
  /**
   * True when an index was built here and ran out of time (no kept index yet; the whole one is being
   * built): values it did not reach are unknown, so plain redaction hides every word that could be one.
   */
  incomplete?(): boolean;
}

export type RedactionStyle = 'plain' | 'marked';

/** A word worth hashing: long enough, and with a digit, a symbol or length beyond a plain word. */
function mightBeValue(word: string): boolean {
  if (word.length < 8 || word.length > 4096) return false;
  return /[0-9]/.test(word) || /[^A-Za-z0-9./_-]/.test(word) || word.length >= 20;
}

/** Candidate values in a text: whole words, and their parts around = : @ / ? # & , (URLs, assignments, headers). */
export function candidateValues(text: string): string[] {
  const out = new Set<string>();
  for (const word of wordsOf(text)) {
    if (mightBeValue(word)) out.add(word);
    for (const part of word.split(/[=:@/?#&]+/)) if (part !== word && mightBeValue(part)) out.add(part);
    // Punctuation glued to either end: a full stop ending a sentence, `!`, `-P-`, `*P*`.
    const bare = word.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
    if (bare !== word && mightBeValue(bare)) out.add(bare);
    if (out.size > 2000) break;
  }
  return [...out];
}

function wordsOf(text: string): string[] {
  return text.split(/[\s'"`;|<>(){}[\]\\,]+/).filter((w) => w.length >= 8);
}

/** Hashes spent looking for known values inside longer words before the rest is hidden whole. */
export const GLUED_SEARCH_BUDGET = 20000;

/**
 * Known values inside longer words (`xP`, `P_old`, `P.`): every substring of each indexed length is
 * hashed. Words left when the budget runs out come back in `unsearched`: they are hidden whole, so a
 * limit never lets a value through.
 */
function gluedValues(text: string, known: KnownSecrets, lengths: readonly number[]): { hits: Array<{ value: string; hash: string }>; unsearched: string[] } {
  const hits: Array<{ value: string; hash: string }> = [];
  const unsearched: string[] = [];
  const sizes = [...new Set(lengths)].filter((n) => n >= 8).sort((a, b) => b - a);
  let spent = 0;
  for (const word of new Set(wordsOf(text))) {
    const fits = sizes.filter((n) => n <= word.length);
    if (fits.length === 0) continue;
    const cost = fits.reduce((sum, n) => sum + word.length - n + 1, 0);
    if (spent + cost > GLUED_SEARCH_BUDGET) {
      if (mightBeValue(word)) unsearched.push(word);
      continue;
    }
    spent += cost;
    for (const n of fits) {
      for (let i = 0; i + n <= word.length; i++) {
        const part = word.slice(i, i + n);
        if (!mightBeValue(part)) continue;
        const hash = known.hashOf(part);
        if (hash) hits.push({ value: part, hash });
      }
    }
  }
  return { hits, unsearched };
}

/**
 * The workspace indexes, read on first use as they are (the extension keeps them current). A folder
 * with no index yet is indexed once, as the hook's first credential question would do.
 */
export function knownSecretsOf(workspaceRoots: readonly string[], cacheDir: string, home: string, build: Pick<CacheOptions, 'buildTimeMs' | 'background'> = {}): KnownSecrets {
  let caches: CredentialCacheFile[] | undefined;
  const load = (): CredentialCacheFile[] => {
    if (caches) return caches;
    caches = [];
    for (const root of workspaceRoots) {
      try {
        const real = fs.realpathSync(root);
        // The credential files part only: the folder mtimes are not needed to compare values.
        caches.push(readCredentialFiles(cacheFileFor(cacheDir, real), real) ?? loadCredentialCacheSync(real, { home, cacheDir, secretlint: false, ...build }));
      } catch {
        // no index for this folder
      }
    }
    return caches;
  };
  // Per index: its hashes, and the lengths of its values when every one is known (a value of another
  // length cannot match, and is not hashed).
  let hashes: Array<{ salt: string; known: Set<string>; sizes: Set<number> | undefined; seed: number; fps: Set<number> | undefined }> | undefined;
  let lengths: number[] | undefined;
  return {
    incomplete() {
      return load().some((c) => c.truncated);
    },
    lengths() {
      lengths ??= [...new Set(load().flatMap((c) => Object.values(c.files).flatMap((f) => f.secrets.map((x) => x.length ?? 0))))].filter((n) => n > 0);
      return lengths;
    },
    hashOf(value) {
      hashes ??= load().map((c) => {
        const secrets = Object.values(c.files).flatMap((f) => f.secrets);
        const sizes = secrets.every((x) => typeof x.length === 'number') ? new Set(secrets.map((x) => x.length as number)) : undefined;
        // A value whose fingerprint no indexed value has cannot match: it is not hashed.
        const fps = secrets.every((x) => typeof x.fp === 'number') ? new Set(secrets.map((x) => x.fp as number)) : undefined;
        return { salt: c.salt, known: new Set(secrets.map((x) => x.hash)), sizes, seed: fingerprintSeed(c.salt), fps };
      });
      const trimmed = value.trim();
      for (const { salt, known, sizes, seed, fps } of hashes) {
        if (known.size === 0 || (sizes && !sizes.has(trimmed.length)) || (fps && !fps.has(fingerprintWith(seed, trimmed)))) continue;
        const h = hashSecret(salt, value);
        if (known.has(h)) return h;
      }
      return undefined;
    },
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A connection URL with a password: only the password is secret; the scheme, user, host and database are what says where it points. */
const URL_WITH_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]+)(@[^\s]+)$/i;

/**
 * Replace known credential values in `text` (longest first), then generic token shapes. A known value
 * that is a connection URL keeps everything but its password, so the editor's own analysis still sees
 * the host (`postgres://shop:[REDACTED:…]@db.prod…/shop` is production; a fully hidden URL is not).
 */
export function redactWithKnown(text: string, known: KnownSecrets | undefined, style: RedactionStyle = 'plain'): string {
  let out = text;
  if (known) {
    const hits: Array<{ value: string; hash: string }> = [];
    const candidates = candidateValues(text);
    for (const c of candidates) {
      const hash = known.hashOf(c);
      if (hash) hits.push({ value: c, hash });
    }
    // Only when some word could hold a value (most commands hold none, and the index stays unread).
    if (candidates.length > 0 && known.lengths) {
      const glued = gluedValues(text, known, known.lengths());
      hits.push(...glued.hits);
      for (const word of glued.unsearched) out = out.split(word).join(REDACTED);
    }
    // An index cut short (being built): a word it did not reach may be a value; hidden whole from
    // what is logged or printed (what goes to the editor keeps it, as the editor reads the workspace).
    if (style === 'plain' && candidates.length > 0 && known.incomplete?.()) {
      for (const c of [...candidates].sort((a, b) => b.length - a.length)) if (!hits.some((h) => h.value === c)) out = out.split(c).join(REDACTED);
    }
    hits.sort((a, b) => b.value.length - a.value.length);
    for (const { value, hash } of hits) {
      const mark = style === 'marked' ? `[REDACTED:${hash}]` : REDACTED;
      const url = URL_WITH_PASSWORD.exec(value);
      out = out.replace(new RegExp(escapeRegExp(value), 'g'), url ? `${url[1]}${mark}${url[3]}` : mark);
    }
  }
  return redactSecrets(out);
}

/** A redactor bound to one set of indexes and one style. */
export function secretRedactor(known: KnownSecrets | undefined, style: RedactionStyle = 'plain'): (text: string) => string {
  return (text) => redactWithKnown(text, known, style);
}
