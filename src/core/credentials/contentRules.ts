import { basename } from '../paths';
import { isLockfile } from './credentialPaths';
import { configFormatOf, extractKeyValues, type KeyValue } from './keyValues';
import { isIdLikeKey, isRealPassword, isSecretKeyName, isUuidShaped, keyWords, looksLikeSecretValue } from './secretValues';
import { scanCodeAssignments, scanTokenShapes } from './codeSecrets';

/**
 * Content rules that need no detector library: private key blocks, connection strings with a
 * password, and secret-named keys holding secret-looking values in config files. Known token formats
 * (Stripe, GitHub, AWS ...) are secretlint's job in the node layer; these rules catch what a format
 * list cannot, such as a bare UUID under a `token` key in a JSON backup.
 */
export interface ContentHit {
  kind: string;
  label: string;
  /** Why, without the value: "a UUID under the key \"token\"". */
  reason: string;
  /** The secret itself, only so the node layer can hash it for provenance. Never print it. */
  value: string;
}

interface Provider {
  id: string;
  name: string;
  words: RegExp;
}

/** Providers named by key words, enclosing keys, sibling values or the file path. */
export const PROVIDERS: readonly Provider[] = [
  { id: 'railway', name: 'Railway', words: /railway/ },
  { id: 'vercel', name: 'Vercel', words: /vercel/ },
  { id: 'heroku', name: 'Heroku', words: /heroku/ },
  { id: 'fly', name: 'Fly.io', words: /\bfly(\.io|ctl)?\b|flyio/ },
  { id: 'render', name: 'Render', words: /\brender\.com\b|\brender[-_]?(api|token|key)/ },
  { id: 'netlify', name: 'Netlify', words: /netlify/ },
  { id: 'supabase', name: 'Supabase', words: /supabase/ },
  { id: 'neon', name: 'Neon', words: /\bneon(tech|\.tech)?\b/ },
  { id: 'planetscale', name: 'PlanetScale', words: /planetscale|pscale/ },
  { id: 'digitalocean', name: 'DigitalOcean', words: /digitalocean|\bdoctl\b/ },
  { id: 'aws', name: 'AWS', words: /\baws\b|amazon/ },
  { id: 'gcp', name: 'Google Cloud', words: /\bgcp\b|gcloud|google/ },
  { id: 'azure', name: 'Azure', words: /azure/ },
  { id: 'github', name: 'GitHub', words: /github|\bgh\b/ },
  { id: 'gitlab', name: 'GitLab', words: /gitlab/ },
  { id: 'stripe', name: 'Stripe', words: /stripe/ },
  { id: 'openai', name: 'OpenAI', words: /openai/ },
  { id: 'anthropic', name: 'Anthropic', words: /anthropic|claude/ },
  { id: 'slack', name: 'Slack', words: /slack/ },
  { id: 'cloudflare', name: 'Cloudflare', words: /cloudflare|\bcf\b/ },
  { id: 'sentry', name: 'Sentry', words: /sentry/ },
  { id: 'datadog', name: 'Datadog', words: /datadog|\bdd\b/ },
  { id: 'twilio', name: 'Twilio', words: /twilio/ },
  { id: 'sendgrid', name: 'SendGrid', words: /sendgrid/ },
  { id: 'npm', name: 'npm', words: /\bnpm(js)?\b/ },
  { id: 'pypi', name: 'PyPI', words: /\bpypi\b|pythonhosted|\btwine\b/ },
  { id: 'rubygems', name: 'RubyGems', words: /rubygems|\bgem host\b/ },
  { id: 'crates', name: 'crates.io', words: /\bcrates( io)?\b|\bcargo registry\b/ },
  { id: 'huggingface', name: 'Hugging Face', words: /huggingface|\bhf token\b/ },
  { id: 'docker', name: 'Docker', words: /docker/ },
];

/** The provider a piece of context names, first match wins (most specific providers first). */
export function providerIn(context: string): Provider | undefined {
  const text = context.toLowerCase().replace(/[_-]+/g, ' ');
  return PROVIDERS.find((p) => p.words.test(text) || p.words.test(context.toLowerCase()));
}

function secretNoun(key: string): { noun: string; article: string } {
  const words = keyWords(key);
  const joined = words.join('');
  if (/password|passwd|pwd|pass|passphrase$/.test(joined) && !/token|key|secret/.test(joined)) return { noun: 'password', article: 'a' };
  if (/privatekey/.test(joined)) return { noun: 'private key', article: 'a' };
  if (/secret/.test(joined) && !/token|apikey/.test(joined)) return { noun: 'secret', article: 'a' };
  if (joined.endsWith('key')) return { noun: 'API key', article: 'an' };
  if (/credential/.test(joined)) return { noun: 'credential', article: 'a' };
  return { noun: 'token', article: 'a' };
}

function describeKeyValue(kv: KeyValue, filePath: string): { kind: string; label: string } {
  const { noun, article } = secretNoun(kv.key);
  const context = [kv.key, ...kv.parents, ...kv.siblings].join(' ');
  // The file's last folders name a provider too (~/.railway/config.json, deploy/vercel/token.json).
  const provider = providerIn(context) ?? providerIn(filePath.split('/').slice(-3).join('/'));
  if (provider) return { kind: `${provider.id}-${noun.replace(/ /g, '-').toLowerCase()}`, label: `the ${provider.name} ${noun}` };
  if (noun === 'token') return { kind: 'api-token', label: 'an API token' };
  return { kind: `generic-${noun.replace(/ /g, '-').toLowerCase()}`, label: `${article} ${noun}` };
}

const PRIVATE_KEY_BLOCK = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----[\s\S]{16,}?-----END \1-----/g;
const CONNECTION_STRING = /\b((?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|clickhouse|cockroachdb)):\/\/([^:@\s/'"]+):([^@\s'"]+)@([^\s/'"?]+)/gi;

/** Cheap test before parsing a config file: some key in it could name a secret. */
const SECRET_KEY_HINT = /token|secret|passw|pwd|pass\b|auth|credential|key/i;

/** Files whose prose may mention "token" or show example keys; key-name rules skip them. */
function isProse(name: string): boolean {
  return /\.(md|mdx|markdown|rst|adoc|txt|html?)$/i.test(name);
}

/**
 * Scan text for credentials. `filePath` is used for the file name (format, lockfile, provider hints).
 * Returns one hit per secret found, each carrying its value for hashing only.
 */
export function scanCredentialContent(filePath: string, text: string): ContentHit[] {
  const hits: ContentHit[] = [];
  const name = basename(filePath);
  for (const m of text.matchAll(PRIVATE_KEY_BLOCK)) {
    hits.push({ kind: 'private-key', label: 'a private key', reason: `contains a ${m[1] ?? 'PRIVATE KEY'} block`, value: m[0] });
  }
  for (const m of text.matchAll(CONNECTION_STRING)) {
    const password = m[3] ?? '';
    if (!isRealPassword(password)) continue;
    const scheme = (m[1] ?? '').toLowerCase();
    const provider = providerIn(m[4] ?? '');
    const label = provider ? `the ${provider.name} database password` : `a ${scheme} password`;
    hits.push({ kind: 'database-url', label, reason: `contains a ${scheme}:// connection string with a password`, value: m[0] });
    hits.push({ kind: 'database-url', label, reason: `contains a ${scheme}:// connection string with a password`, value: password });
  }
  if (isLockfile(name) || isProse(name)) return hits;
  const format = configFormatOf(name) ?? (text.trimStart().startsWith('{') ? 'json' : undefined);
  if (format && SECRET_KEY_HINT.test(text)) {
    for (const kv of extractKeyValues(text, format)) {
      if (!isSecretKeyName(kv.key) || isIdLikeKey(kv.key)) continue;
      if (!looksLikeSecretValue(kv.value)) continue;
      const { kind, label } = describeKeyValue(kv, filePath);
      const shape = isUuidShaped(kv.value) ? 'a UUID' : 'a high-entropy value';
      const where = kv.parents.length > 0 ? `${kv.parents.join('.')}.${kv.key}` : kv.key;
      hits.push({ kind, label, reason: `${shape} under the key "${where}"`, value: kv.value });
    }
  }
  // Source code and files of no known format; a file its authors marked for secretlint to skip (test
  // fixtures) is skipped here too, so the hook's index and the extension's full scan agree.
  if (text.includes('secretlint-disable')) return hits;
  hits.push(...scanTokenShapes(text));
  for (const kv of scanCodeAssignments(name, text)) {
    const { kind, label } = describeKeyValue(kv, filePath);
    hits.push({ kind, label, reason: `a secret-looking literal assigned to "${kv.key}" in source code`, value: kv.value });
  }
  return hits;
}

/**
 * Values worth remembering from a file matched by path alone (a `.env`): every non-placeholder value
 * under a secret-named key, and any value that looks random enough to be a secret.
 */
export function pathMatchedValues(filePath: string, text: string): ContentHit[] {
  const name = basename(filePath);
  const format = configFormatOf(name);
  if (!format) return [];
  const out: ContentHit[] = [];
  for (const kv of extractKeyValues(text, format)) {
    if (isIdLikeKey(kv.key)) continue;
    const secretKey = isSecretKeyName(kv.key);
    const accepted = secretKey
      ? looksLikeSecretValue(kv.value) || (isRealPassword(kv.value) && kv.value.length >= 8)
      : looksLikeSecretValue(kv.value);
    if (!accepted) continue;
    const { kind, label } = describeKeyValue(kv, filePath);
    out.push({ kind, label, reason: `a value under the key "${kv.key}"`, value: kv.value });
  }
  return out;
}
