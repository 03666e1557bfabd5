import { identifierParts } from './cliArgs';

/**
 * Stop 38 (round 31): secrets printed or made public by a CLI nothing describes, by meaning.
 * - A variable whose name is shaped like a secret (`STRIPE_SECRET_KEY`, `GITHUB_TOKEN`, `DB_PASSWORD`, `SENTRY_API_KEY`, `JWT_SIGNING_KEY`)
 *   read by a command word that joins a noun and a reading verb (`magento-cloud variable:get env:STRIPE_SECRET_KEY`, `acme config-show
 *   DB_PASSWORD`, `x getVariable API_KEY`): its value is printed. A name that is not a secret's (`PORT`, `NODE_ENV`) stays allowed.
 * - A secret written with an option that makes it visible (`travis env set STRIPE_SECRET_KEY … --public`, `--visible`, `--no-secret`,
 *   `--unmasked`, `--show-in-logs`): every build log or reader of the project sees it. The same option on a plain setting stays allowed.
 * - Keys exported (`nsc export keys --dir /tmp/x`, `x export --private`, `x keys export`): the private keys or seeds are written out.
 *   Exporting what is public (`--public`, `--public-only`) stays allowed.
 */

export interface MadeVisible {
  shown: string;
  what: string;
}

/** Verbs that print what they name. */
const READ = /^(get|show|print|reveal|read|view|cat|dump|fetch|retrieve|value)$/;
/** Verbs that write a value. */
const WRITE = /^(set|add|put|create|update|write|store|new)$/;
/** Parts of a secret's name. */
const SECRET_PART = /^(secret|secrets|password|passwd|passphrase|token|tokens|credential|credentials|creds|apikey|pat|dsn)$/;

/** A name shaped like a secret's: a secret word among its parts, or a key that is not public (`STRIPE_KEY`, not `PUBLIC_KEY`). */
export function secretShapedName(name: string): boolean {
  const parts = identifierParts(name.replace(/^[a-z]+:(?=[A-Z_])/, ''));
  if (parts.length === 0 || parts.length > 8) return false;
  if (parts.some((p) => SECRET_PART.test(p))) return true;
  return parts.length >= 2 && parts[parts.length - 1] === 'key' && !parts.some((p) => /^(public|publishable|pub|cache|primary|foreign|sort|partition|shortcut)$/.test(p));
}

/** Options that make a kept value visible to whoever reads the logs or the project. */
const VISIBLE = /^--?(public|visible|no-secret|not-secret|unmasked|no-mask|unmask|plain|plaintext|show-in-logs|display-value|unprotected)$/i;
/** Options that keep an export to the public half. */
const PUBLIC_ONLY = /^--?(public|public-only|pub|public-keys?|no-private|no-secrets?)$/i;
/** Options asking an export for the private half. */
const PRIVATE_OPTION = /^--?(private|private-keys?|secret-keys?|seeds?|with-private-keys?|include-private(-keys?)?)$/i;
const KEY_NOUN = /^(keys|key|keypairs?|keypair|nkeys|seeds?|private-keys?|secret-keys?|signing-keys?)$/i;

export function madeVisible(name: string, path: readonly string[], values: readonly string[], options: readonly string[]): MadeVisible | undefined {
  const words = path.map((w) => identifierParts(w));
  // `variable:get NAME`, `config-show NAME`, `getVariable NAME`: one word with a noun and a reading verb.
  const joined = words.findIndex((parts) => parts.length > 1 && parts.length <= 3 && parts.some((p) => READ.test(p)));
  if (joined >= 0) {
    const secret = [...path.slice(joined + 1), ...values].find((v) => /^[\w:.-]+$/.test(v) && secretShapedName(v));
    if (secret !== undefined) return { shown: [name, ...path.slice(0, joined + 1)].join(' '), what: `the secret ${secret}` };
  }
  // `env set NAME VALUE --public`: a writing verb, a secret's name, an option that shows it.
  const visible = options.find((o) => VISIBLE.test(o));
  const writes = words.findIndex((parts) => parts.some((p) => WRITE.test(p)));
  if (visible !== undefined && writes >= 0) {
    const secret = [...path.slice(writes + 1), ...values].map((v) => v.split('=')[0]!).find((v) => /^[\w:.-]+$/.test(v) && secretShapedName(v));
    if (secret !== undefined) return { shown: [name, ...path.slice(0, writes + 1), visible].join(' '), what: `the secret ${secret}, made visible to anyone who reads its logs or the project (${visible})` };
  }
  // `export keys`, `export --private`: the private keys written out.
  const exports = path.findIndex((w) => /^export$/i.test(w));
  if (exports >= 0 && !options.some((o) => PUBLIC_ONLY.test(o))) {
    const noun = path.slice(Math.max(0, exports - 1), exports + 2).find((w) => KEY_NOUN.test(w));
    const option = options.find((o) => PRIVATE_OPTION.test(o));
    if (noun !== undefined || option !== undefined) return { shown: [name, ...path.slice(0, exports + 1), ...(noun !== undefined && path.indexOf(noun) > exports ? [noun] : []), ...(option !== undefined ? [option] : [])].join(' '), what: 'the private keys it keeps' };
  }
  return undefined;
}
