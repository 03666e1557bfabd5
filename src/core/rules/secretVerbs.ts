import { ownTable } from '../ownTable';
import { identifierParts } from './support/cliArgs';
import { connectionPrint } from './support/connectionStrings';
import { madeVisible } from './support/secretsMadeVisible';
import { secretSpill } from './support/secretSpills';

/**
 * The verb floor's reading of secrets: a CLI without rules of its own that prints a secret, a password,
 * a token or a kubeconfig, by what its words mean. `akeyless get-secret-value`, `conjur variable get -i
 * prod/db/password`, `berglas access sm://p/stripe-api-key`, `ejson decrypt`, `dcli password github.com`,
 * `yc iam create-token`, `tctl tokens add`, `k0sctl kubeconfig`. Listing names (`list-items`, `secrets
 * list`) prints no secret and stays allowed.
 */

/** Nouns of a secret value. */
const SECRET = new Set(['secret', 'secrets', 'password', 'passwords', 'passwd', 'passphrase', 'token', 'tokens', 'credential', 'credentials', 'creds', 'kubeconfig', 'apikey']);
/** Two-word nouns of a secret: `api-key`, `private-key`, `access-key`, `client-secret`. */
const SECRET_PAIR = /\b(api|private|access|secret|signing|master) key\b/;
/** Verbs that print what they name. */
const READ = new Set(['get', 'show', 'read', 'access', 'reveal', 'print', 'export', 'decrypt', 'view', 'cat', 'fetch', 'retrieve', 'dump', 'value', 'unwrap']);
/** Verbs that mint a token and print it. */
const MINT = new Set(['create', 'add', 'new', 'generate', 'issue', 'mint', 'get', 'print']);
/** Verbs that only list names or change what is kept; `metadata` (`vault kv metadata get`) reads versions and times, no value. */
const NOT_PRINTING = new Set(['list', 'ls', 'names', 'search', 'find', 'set', 'put', 'update', 'delete', 'rm', 'remove', 'rotate', 'revoke', 'edit', 'upload', 'import', 'sync', 'help', 'describe-names', 'metadata']);

/**
 * Stop 38 (round 28: `ceph auth get client.admin`, `tsuru env-get -a app`): nouns that hold a secret only when a reading verb
 * prints them: an identity's auth entry or keyring, keys, an app's environment. Alone (`X auth`, `X keys`) or beside a
 * verb that lists names or a state (`X auth status`, `X keys list`, `X env list` prints names) they stay allowed.
 */
const SECRET_WITH_VERB = new Set(['auth', 'keyring', 'keyrings', 'key', 'keys', 'env', 'envs', 'environment', 'vars', 'envvars', 'variables']);
/** An environment noun is also a package manager's environment (`mamba env export`, `hatch env show` print packages): only a platform app's (`-a app`) is printed with its values. */
const ENV_NOUN = /^(env|envs|environment|vars|envvars|variables)$/;
/** Verbs that print a key or an auth entry (`export-key` writes it into a file, which the credential rules judge). */
const WEAK_READ = /^(get|show|print|reveal|cat|dump|value|read|view|fetch|retrieve)$/;

function weakRead(noun: readonly string[], verb: string, options: readonly string[]): boolean {
  // A variable read by name is judged by its name (stop 37: `X env get PORT` stays allowed, a secret's name asks).
  if (noun.some((p) => ENV_NOUN.test(p))) return READ.has(verb) && options.some((o) => /^(-a|--app|--app-name|--application)$/.test(o));
  return WEAK_READ.test(verb) || (verb === 'export' && noun.length === 1);
}

function isSecretWord(parts: readonly string[], withVerb = false): boolean {
  return parts.some((p) => SECRET.has(p) || (withVerb && SECRET_WITH_VERB.has(p))) || SECRET_PAIR.test(parts.join(' '));
}

/**
 * Password managers and secret tools whose items are named by the user, not by a secret's noun: the
 * words that print an item (from each tool's documentation). `rbw get github.com` prints a password;
 * `rbw list` prints names. Tools with rules of their own (`op`, `bw`, `lpass`, `pass`, `vault` …) are
 * not listed: their packs read them.
 */
const SECRET_STORES: Readonly<Record<string, readonly string[]>> = ownTable({
  rbw: ['get', 'code'],
  // `berglas access sm://project/name`: the secret's value, whatever the name.
  berglas: ['access'],
  passbolt: ['get'],
  keeper: ['get', 'download'],
  dcli: ['password', 'otp', 'note', 'read', 'secret'],
  'enpass-cli': ['show', 'pass', 'copy'],
  vals: ['eval', 'get'],
  saml2aws: ['script'],
  teller: ['show', 'export', 'env', 'yaml', 'json'],
  secrethub: ['read', 'export', 'inject'],
  psonoci: ['secret'],
  'gopass-jsonapi': ['get'],
});

/**
 * Configuration and environment stores whose documented subcommands print every value they keep, or a
 * credential by the key it is filed under: `rclone config show`, `dokku config:show app`, `eb printenv
 * env`, `consul kv get -recurse`, `composer config -g github-oauth.github.com`. `value` is a pattern one
 * of the operands must match (the key of a credential); the listings of names (`rclone listremotes`,
 * `nomad var list`, `composer config --list` without auth keys) are not here.
 */
interface StorePrint {
  path: readonly string[];
  what: string;
  value?: RegExp;
  /** Only with no operand or option value (the whole store, not one key). */
  whole?: boolean;
  /** Only with an operand or option value (a named stage or environment, whose secrets are resolved). */
  named?: boolean;
}

const STORE_PRINTS: Readonly<Record<string, readonly StorePrint[]>> = ownTable({
  rclone: [{ path: ['config', 'show'], what: 'the rclone remotes with their keys' }, { path: ['config', 'dump'], what: 'the rclone remotes with their keys' }],
  dokku: [{ path: ['config'], what: 'the app\'s environment' }, { path: ['config:show'], what: 'the app\'s environment' }, { path: ['config:export'], what: 'the app\'s environment' }, { path: ['config:get'], what: 'a value of the app\'s environment' }],
  convex: [{ path: ['env', 'list'], what: 'the deployment\'s environment variables' }, { path: ['env', 'get'], what: 'a deployment environment variable' }],
  eas: [{ path: ['env:list'], what: 'the project\'s environment variables' }, { path: ['env:get'], what: 'a project environment variable' }, { path: ['env:pull'], what: 'the project\'s environment variables (into a file)' }],
  eb: [{ path: ['printenv'], what: 'the environment\'s properties (its secrets included)' }],
  serverless: [{ path: ['print'], what: 'the named stage\'s resolved configuration (its secrets included)', named: true }],
  sls: [{ path: ['print'], what: 'the named stage\'s resolved configuration (its secrets included)', named: true }],
  azd: [{ path: ['env', 'get-values'], what: 'the environment\'s values' }, { path: ['env', 'get-value'], what: 'a value of the environment' }],
  nomad: [{ path: ['var', 'get'], what: 'a Nomad variable\'s items' }],
  consul: [{ path: ['kv', 'get'], what: 'every Consul KV value', whole: true }, { path: ['kv', 'export'], what: 'every Consul KV value', whole: true }],
  argocd: [{ path: ['admin', 'initial-password'], what: 'the Argo CD admin password' }, { path: ['account', 'generate-token'], what: 'a new Argo CD token' }],
  'aws-vault': [{ path: ['export'], what: 'the profile\'s AWS credentials' }],
  dotenvx: [{ path: ['get'], what: 'the decrypted environment values' }, { path: ['keypair'], what: 'the environment file\'s private key' }],
  composer: [{ path: ['config'], what: 'a registry credential', value: /^(github-oauth|gitlab-oauth|gitlab-token|bitbucket-oauth|http-basic|bearer)(\.|$)/ }],
  bundle: [{ path: ['config', 'get'], what: 'a gem source credential', value: /^(https?:\/\/|BUNDLE_[A-Z0-9_]*__)|^[a-z0-9-]+(\.[a-z0-9-]+)+$/ }],
  glab: [
    { path: ['variable', 'get'], what: 'a CI/CD variable\'s value' },
    { path: ['variable', 'export'], what: 'the CI/CD variables with their values' },
    { path: ['api'], what: 'the CI/CD variables with their values', value: /(^|\/)variables(\/|\?|$)/ },
  ],
  conjur: [{ path: ['variable', 'get'], what: 'a Conjur secret' }, { path: ['variable', 'value'], what: 'a Conjur secret' }],
  // Stop 38 (round 28): Ceph's object gateway prints a user's S3 keys with its details; piku prints the app's environment.
  'radosgw-admin': [{ path: ['user', 'info'], what: 'the user\'s S3 access and secret keys' }, { path: ['key', 'list'], what: 'the S3 keys' }],
  piku: [{ path: ['config'], what: 'the app\'s environment' }, { path: ['config:get'], what: 'a value of the app\'s environment' }, { path: ['config:live'], what: 'the app\'s live environment' }],
});

function storePrintOf(name: string, path: readonly string[], values: readonly string[]): SecretRead | undefined {
  for (const entry of STORE_PRINTS[name] ?? []) {
    if (!entry.path.every((w, i) => path[i]?.toLowerCase() === w)) continue;
    const operands = [...path.slice(entry.path.length), ...values];
    if (entry.value && !operands.some((v) => entry.value!.test(v))) continue;
    if ((entry.whole && operands.length > 0) || (entry.named && operands.length === 0)) continue;
    return { shown: [name, ...entry.path].join(' '), what: entry.what };
  }
  return undefined;
}

/** `envchain NAMESPACE COMMAND`: the namespace's secrets are put in COMMAND's environment; these commands print it. */
const ENV_PRINTERS = new Set(['env', 'printenv', 'set', 'export', 'declare']);

export interface SecretRead {
  /** The words shown in backquotes. */
  shown: string;
  /** What is printed: 'the secret prod/billing/db/password'. */
  what: string;
  /** A remote store's credential: where nobody named the environment, it is production (a connection string). */
  unknownIsProduction?: boolean;
}

/**
 * What secret an invocation prints, from its command words (the leading bare words) and the values it
 * names. `path` is the command words; `values` the operands and option values after them.
 */
export function secretReadOf(name: string, path: readonly string[], values: readonly string[], options: readonly string[] = []): SecretRead | undefined {
  // Stop 40 (round 34): a Java-style tool whose command is a one-dash camel-case option (`mkstore -wrl W -viewEntry NAME`): its words are the path.
  const commandOption = path.length === 0 ? options.find((o) => /^-[a-z]+[A-Z][A-Za-z]*$/.test(o)) : undefined;
  if (commandOption !== undefined) return secretReadOf(name, identifierParts(commandOption.slice(1)), values, options.filter((o) => o !== commandOption));
  const printed = storePrintOf(name, path, values) ?? connectionPrint(name, path, values, options);
  if (printed) return printed;
  const store = SECRET_STORES[name];
  if (store !== undefined && path[0] !== undefined && store.includes(path[0].toLowerCase())) return { shown: `${name} ${path[0]}`, what: `the ${name} item ${path[1] ?? values[0] ?? ''}`.trim() };
  if (name === 'envchain' && path.length >= 2 && ENV_PRINTERS.has(path[1]!)) return { shown: `${name} ${path[0]} ${path[1]}`, what: `the secrets of the envchain namespace ${path[0]}` };
  const spilled = secretSpill(name, path, values);
  if (spilled) return spilled;
  const words = path.map((w) => ({ text: w, parts: identifierParts(w) }));
  const asked = askedSecrets(name, words, options) ?? madeVisible(name, path, values, options);
  if (asked) return asked;
  // Words after the first reading verb name what is read (`secrets get delete-me`, a token whose
  // camel-case pieces spell `rm`): only the command's own words before it can say it prints nothing.
  const firstRead = words.findIndex((w) => w.parts.length === 1 && (READ.has(w.parts[0]!) || MINT.has(w.parts[0]!)));
  const commandWords = firstRead >= 0 ? words.slice(0, firstRead + 1) : words;
  if (commandWords.some((w) => w.parts.some((p) => NOT_PRINTING.has(p)) && !w.parts.some((p) => READ.has(p) || MINT.has(p)))) return undefined;
  const shown = (upTo: number): string => [name, ...path.slice(0, upTo + 1)].join(' ');
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // Stop 39 (round 30: `forge env:pull app.acme.com`): an app's environment or secrets pulled down (`env pull`, `env:pull`, `secrets download`)
    // brings every value it holds here, production's unless something names another.
    const pulled = (parts: readonly string[]): boolean => parts.some((p) => /^(pull|download)$/.test(p));
    const envNoun = w.parts.some((p) => ENV_NOUN.test(p) || p === 'secrets' || p === 'secret' || p === 'dotenv');
    if (envNoun && (pulled(w.parts) || (words[i + 1] !== undefined && pulled(words[i + 1]!.parts) && words[i + 1]!.parts.length === 1))) return { shown: shown(pulled(w.parts) ? i : i + 1), what: `the environment's secret values${values[0] !== undefined ? ` of ${values[0]}` : ''}`, unknownIsProduction: true };
    // `get-secret-value`, `get-access-token`, `create-token`: the verb and the noun in one word.
    if (w.parts.length > 1 && isSecretWord(w.parts) && w.parts.some((p) => READ.has(p) || MINT.has(p))) return { shown: shown(i), what: `the secret it names (${w.text})` };
    // `env-get`, `env:get`, `print-key`, `keyring-export`: a noun that holds a secret read in one word (not `auth-status`, `key-list`).
    if (w.parts.length > 1 && isSecretWord(w.parts, true) && w.parts.some((p) => READ.has(p) && weakRead(w.parts.filter((q) => SECRET_WITH_VERB.has(q)), p, options) && p !== 'export')) return { shown: shown(i), what: `the ${w.text.replace(/[-_:]?(get|show|read|print|export|dump|cat|view|reveal|value)[-_:]?/i, '') || 'secret'} ${values[0] ?? ''}`.trim() };
    // `ceph auth get client.admin`, `X keys export`: such a noun, then a reading verb.
    if (isSecretWord(w.parts, true) && !isSecretWord(w.parts)) {
      const next = words[i + 1]?.parts;
      if (next !== undefined && next.length >= 1 && weakRead(w.parts, next[0]!, options)) return { shown: shown(i + 1), what: `the ${w.text} ${values[0] ?? ''}`.trim() };
      continue;
    }
    // `decrypt` prints what a file or value holds.
    if (w.parts.length === 1 && w.parts[0] === 'decrypt') return { shown: shown(i), what: `the decrypted ${values[0] ?? 'value'}` };
    if (isSecretWord(w.parts)) {
      const next = words[i + 1]?.parts[0];
      // Tokens and API keys are minted and printed once: `tctl tokens add`, `exo iam api-key create`; stop 36: a database's password or
      // credentials made under a group (`pscale password create main app`, `… db credentials new`) are printed the same way.
      const minted = w.parts.some((p) => p === 'token' || p === 'tokens' || p === 'apikey' || /^(password|passwords|credential|credentials|creds)$/.test(p)) || /\b(api|access) key\b/.test(w.parts.join(' '));
      // `tctl tokens add`: minting prints the token; `tool secret get x`: reading prints it.
      if (next !== undefined && ((minted && MINT.has(next)) || READ.has(next))) return { shown: shown(i + 1), what: `the ${w.text} ${values[0] ?? ''}`.trim() };
      // `scw secret version access …`: a reading verb further along the path.
      const later = words.slice(i + 1).findIndex((x) => x.parts.length === 1 && READ.has(x.parts[0]!));
      if (later >= 0) return { shown: shown(i + 1 + later), what: `the ${w.text} ${values[0] ?? ''}`.trim() };
      // `dcli password github.com`, `k0sctl kubeconfig`: the noun alone (not `convert-kubeconfig`) is the command that prints it.
      const bare = w.parts.every((p) => SECRET.has(p) || /^(api|private|access|signing|master|key)$/.test(p));
      if (bare && next === undefined) return { shown: shown(i), what: `the ${w.text}${values[0] !== undefined ? ` of ${values[0]}` : ''}` };
    }
  }
  // `conjur variable get -i prod/db/password`, `berglas access sm://p/stripe-api-key`: a reading verb, a secret's name.
  const reads = words.findIndex((w) => w.parts.length === 1 && READ.has(w.parts[0]!));
  if (reads >= 0) {
    // Stop 40 (round 34: `mkstore … -viewEntry oracle.security.client.password1`): a numbered secret's name (`password1`) is still one.
    const secret = [...path.slice(reads + 1), ...values].find((v) => isSecretWord(identifierParts(v).map((p) => p.replace(/(?<=[a-z])\d+$/, ''))));
    if (secret !== undefined) return { shown: shown(reads), what: `the secret ${secret}` };
    // Round 22: a tool's own setting that holds its credential (`snyk config get api`: the API token is filed under `api`).
    const key = path.slice(0, reads).some((w) => /^(config|configs|configuration|settings)$/i.test(w)) ? [...path.slice(reads + 1), ...values][0] : undefined;
    if (key !== undefined && /^(api|auth|apikey|api[-_.]?key|api[-_.]?token|access[-_.]?key|auth[-_.]?token|pat|key)$/i.test(key)) return { shown: shown(reads), what: `the credential filed under ${key}` };
  }
  return undefined;
}

/**
 * An option that asks a CLI to show the secrets it would otherwise mask (round 17: `auth0 apps show ID
 * --reveal-secrets`; `--show-secret`, `--unmask`, `--include-passwords`), read for CLIs without rules.
 */
export function revealOption(options: readonly { name: string; value?: string }[]): string | undefined {
  for (const o of options) {
    if (/^(false|no|0|off)$/i.test(o.value ?? '')) continue;
    const parts = identifierParts(o.name.replace(/^-+/, ''));
    if (parts.length === 1 && /^(reveal|unmask)$/.test(parts[0]!)) return o.name;
    if (/^(reveal|show|unmask|print|display|include|with|expose|plaintext)$/.test(parts[0] ?? '') && parts.slice(1).some((p) => /^(secret|secrets|password|passwords|token|tokens|credential|credentials)$/.test(p))) return o.name;
  }
  return undefined;
}

/** Verbs that print what a command names (beside `info`, `describe`, `inspect`, `list`, which print it with an option that asks for secrets). */
const PRINTS = /^(get|show|read|print|export|dump|cat|view|info|describe|inspect|list|ls|fetch|retrieve|display)$/;
/** Options asking for the secret parts of what is printed (`--root-keys`, `--secret`, `--with-private-key`, `--decrypt`, `--plaintext`). */
const SECRET_OPTION = /^(secret|secrets|private|keys|root-keys|session-keys|app-keys|private-keys?|with-(secrets?|keys|private-keys?|passwords?|tokens?|credentials)|include-(secrets?|keys|private-keys?|credentials)|decrypt|decrypted|plaintext|plain-text|cleartext|unmasked|unredacted|show-values)$/;

/**
 * Stop 38 (round 28): a reading verb whose options ask for the secrets (`ttn-lw-cli end-devices get … --root-keys`, `keybase pgp
 * export --secret`, `X cert export --with-private-key`). Decided: listings print names (`vault auth list` lists auth methods,
 * `X keys list`, `X env list`), so a listing asks only with such an option; Ceph's `auth ls`, which prints keys too, is the
 * exception left open (a table entry would key on its name). Allowed: the same verbs without such an option (`keybase pgp export`
 * prints the public key), `X auth status`, `X keys list`.
 */
function askedSecrets(name: string, words: readonly { text: string; parts: readonly string[] }[], options: readonly string[]): SecretRead | undefined {
  const verb = words.findIndex((w) => w.parts.length === 1 && PRINTS.test(w.parts[0]!));
  if (verb < 0) return undefined;
  const shown = [name, ...words.slice(0, verb + 1).map((w) => w.text)].join(' ');
  const option = options.find((o) => SECRET_OPTION.test(o.replace(/^-+/, '').toLowerCase()));
  return option !== undefined ? { shown: `${shown} ${option}`, what: 'the secrets it would otherwise keep back' } : undefined;
}
