/**
 * What a secret value looks like, and what merely resembles one. Everything here judges a single
 * key/value pair; it never decides on a whole file (contentRules.ts does that).
 */

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuidShaped(value: string): boolean {
  return UUID_SHAPE.test(value);
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Placeholder and template values that people commit on purpose: `your-key-here`, `changeme`,
 * `<token>`, `${TOKEN}`, `{{ secret }}`, `xxxx`, `****`, references to other variables.
 */
const PLACEHOLDER_WORDS =
  /(your[-_ ]?|my[-_ ]?)(api[-_ ]?)?(key|token|secret|password|pass|pwd)|change[-_ ]?me|placeholder|example|sample|dummy|redacted|replace[-_ ]?me|insert[-_ ]|put[-_ ]?your|fill[-_ ]?in|\btodo\b|\bfixme\b|not[-_ ]?set|\bnone\b|\bnull\b|\bundefined\b|\bfake\b|\btest(ing)?[-_ ]?(key|token|secret|password)\b/i;

export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (/^(<[^>]*>|\[[^\]]*\]|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\{\{[^}]*\}\}|%\([^)]*\)s|%[A-Z_]+%)$/.test(v)) return true;
  if (/\$\{[^}]*\}|\{\{[^}]*\}\}/.test(v)) return true;
  if (/^(.)\1+$/.test(v)) return true;
  if (/^(x{3,}|\*{3,}|\.{3,}|-{3,}|0{6,})/i.test(v) && new Set(v.toLowerCase()).size <= 3) return true;
  if (/x{4,}|\*{4,}/i.test(v)) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  if (/^(true|false|yes|no|on|off|enabled?|disabled?|required|optional|string|number|boolean)$/i.test(v)) return true;
  if (/^(process\.env|os\.environ|env\(|getenv\(|secrets\.|vault:|arn:aws:secretsmanager)/i.test(v)) return true;
  return false;
}

/** Values that are hashes of public content, not secrets: lockfile integrity, checksums, git SHAs. */
export function isIntegrityHash(value: string): boolean {
  return /^(sha1|sha256|sha384|sha512|md5)[-:]/i.test(value) || /^[0-9a-f]{40}$/.test(value);
}

/** Split camelCase, snake_case, kebab-case and dotted keys into lower-case words. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

const SECRET_WORDS = new Set([
  'token', 'tokens', 'secret', 'secrets', 'password', 'passwd', 'pwd', 'pass', 'passphrase', 'auth',
  'credential', 'credentials', 'apikey', 'apikeys', 'privatekey', 'accesskey', 'secretkey', 'bearer',
]);

/** Words that, at the end of a key, make it an identifier or metadata rather than the secret itself. */
const ID_LIKE_TAIL = new Set([
  'id', 'ids', 'uuid', 'guid', 'name', 'names', 'type', 'kind', 'url', 'uri', 'endpoint', 'host',
  'path', 'file', 'dir', 'env', 'var', 'header', 'prefix', 'length', 'len', 'expiry', 'expires', 'ttl',
  'at', 'count', 'limit', 'hint', 'label', 'method', 'provider', 'scope', 'scopes', 'user', 'username',
  'email', 'enabled', 'required', 'version', 'format', 'field', 'location', 'region', 'mode', 'policy',
]);

/**
 * Does this key name a secret? `token`, `apiKey`, `api_key`, `DB_PASSWORD`, `auth`,
 * `private_key`, `client_secret`; not `tokenId`, `token_url`, `password_hint`, `authUser`.
 */
export function isSecretKeyName(key: string): boolean {
  const words = keyWords(key);
  if (words.length === 0) return false;
  const last = words[words.length - 1] ?? '';
  if (ID_LIKE_TAIL.has(last)) return false;
  if (['max', 'min', 'num', 'total', 'count', 'n'].includes(words[0] ?? '')) return false;
  const joined = words.join('');
  if (/(apikey|privatekey|accesskey|secretkey|signingkey|encryptionkey|masterkey|clientsecret|authtoken|accesstoken|refreshtoken|secretkeybase|keybase)$/.test(joined)) return true;
  if (SECRET_WORDS.has(last)) return true;
  // `KEY` alone is too broad ("key": "ArrowUp"), but `STRIPE_KEY` / `api-key` style names are secrets.
  if (last === 'key' && words.length >= 2) return !['primary', 'foreign', 'sort', 'partition', 'public', 'cache', 'map', 'lookup', 'hash', 'row', 'i18n', 'translation', 'react', 'unique', 'composite'].includes(words[words.length - 2] ?? '');
  return false;
}

/** Is this key an identifier (`id`, `volumeId`, `project_uuid`)? UUIDs under such keys are not secrets. */
export function isIdLikeKey(key: string): boolean {
  const words = keyWords(key);
  const last = words[words.length - 1] ?? '';
  return last === 'id' || last === 'ids' || last === 'uuid' || last === 'guid';
}

/**
 * Could this value be a live secret? UUID-shaped, or long and random enough. Placeholders, integrity
 * hashes, URLs without a password and plain words are not.
 */
export function looksLikeSecretValue(value: string): boolean {
  const v = value.trim();
  if (isPlaceholderValue(v)) return false;
  if (isIntegrityHash(v)) return false;
  if (isUuidShaped(v)) return true;
  if (v.length < 12) return false;
  if (/\s/.test(v)) return false;
  if (/^(https?|wss?|file):\/\//i.test(v)) return false;
  if (/^[./~]|^[A-Za-z]:\\/.test(v) && v.includes('/')) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(v)).length;
  if (classes < 2) return /^[0-9a-f]{32,}$/i.test(v) && shannonEntropy(v) >= 3;
  return shannonEntropy(v) >= 3.2;
}

/** Is a password in a connection string or netrc line real (not `password`, `pass`, `${DB_PASS}`)? */
export function isRealPassword(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return false;
  if (isPlaceholderValue(v)) return false;
  return !/^(password|passwd|pass|pwd|secret|root|admin|user|postgres|mysql|guest)$/i.test(v);
}

/**
 * Letters only, yet random rather than a name: long, both cases, and not camel-case words. A name is capitals each
 * followed by small letters with parts of three letters on average (`unusedInTestsValue`, `DevClusterName`);
 * `wnGnSztDtlRGzhCQEq` has capitals side by side. A token body or a generated password without digits is such a value.
 */
export function randomLetters(value: string): boolean {
  if (value.length < 16 || !/^[A-Za-z]+$/.test(value) || !/[a-z]/.test(value) || !/[A-Z]/.test(value)) return false;
  if (!/^[a-z]*(?:[A-Z][a-z]+)+$/.test(value)) return true;
  // Camel-case by shape, yet not words: five consonants in a row or none in a long part, or fewer vowels than words have
  // (`QcZieHseUcKvnqsezshgulLq`, a random draw about one in two hundred times; English runs near 40%).
  const parts = value.split(/(?=[A-Z])/).filter((p) => p !== '');
  if (parts.some((p) => /[b-df-hj-np-tv-xz]{5}/i.test(p) || (p.length >= 4 && !/[aeiouy]/i.test(p)))) return true;
  if (/[b-df-hj-np-tv-xz]{6}/i.test(value) || (value.match(/[aeiouy]/gi)?.length ?? 0) / value.length < 0.2) return true;
  return value.length / parts.length < 3;
}
