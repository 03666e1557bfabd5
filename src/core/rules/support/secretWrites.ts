import { passwordWord } from './floorChanges';
import { ownTable } from '../../ownTable';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { verbTraitsOf } from '../../registry/verbTraits';
import { identifierParts } from './cliArgs';

/**
 * A secret overwritten by a CLI without rules of its own (issue #18, red team round 7): `infisical
 * secrets set DATABASE_URL=x --env=prod`, `conjur variable set -i prod/db/password -v x`, `chamber
 * write prod db_password x`, `akeyless update-secret-val`, `bws secret edit`. The previous value is
 * gone from the store's point of view and every service reading it breaks or is pointed elsewhere, as
 * `doppler secrets set` (which has rules) asks. Round 27: a key-value store's entry is such a value too where its words name
 * production (`vault kv put secret/prod/db password=…`); one nothing names holds configuration as often (`vault kv put
 * secret/app port=3000`, allowed). Listing, reading names or creating a new entry
 * (`secrets list`, `secrets create`) is not a write over a value; the reading verbs are `secretVerbs.ts`'s.
 */

/** Nouns of a value a store keeps for services (secret, password, credential, a store's variable). */
const KEPT = new Set(['secret', 'secrets', 'password', 'passwords', 'credential', 'credentials', 'creds', 'variable', 'variables', 'var', 'vars', 'apikey', 'kv']);
/** Verbs that write a value over the one kept. */
const WRITES = new Set(['set', 'write', 'put', 'patch', 'update', 'upload', 'import', 'edit', 'replace', 'overwrite', 'store']);

/**
 * Secret stores whose command words do not name the secret (from each tool's documentation): the
 * command words (one, or several joined by a space) that write over a kept value. `chamber write SERVICE
 * KEY VALUE`, `chamber import SERVICE FILE`. Stop 34 (round 19): a hosted app's environment is its store
 * of secrets (`clever env set NAME VALUE`, `scalingo env-set NAME=VALUE`, `aptible config:set NAME=VALUE`:
 * the app restarts with the new value); `dotenv-vault push [ENVIRONMENT]` replaces the vault's copy of
 * that environment's file with the local one.
 */
const STORE_WRITES: Readonly<Record<string, readonly string[]>> = ownTable({
  chamber: ['write', 'import'],
  teller: ['put', 'mirror', 'copy'],
  clever: ['env set', 'env import', 'env import-vars'],
  scalingo: ['env-set'],
  aptible: ['config:set', 'config:add'],
  'dotenv-vault': ['push'],
});

export interface SecretWrite {
  /** The command words shown: `infisical secrets set`. */
  shown: string;
  /** How many command words are the store's own (the rest name the secret, then its value). */
  depth: number;
}

/** `path`: the command's leading bare words (at most a few). */
export function secretWriteOf(name: string, path: readonly string[]): SecretWrite | undefined {
  for (const written of STORE_WRITES[name] ?? []) {
    const words = written.split(' ');
    if (words.every((w, i) => path[i]?.toLowerCase() === w)) return { shown: `${name} ${written}`, depth: words.length };
  }
  const words = path.map((w) => identifierParts(w));
  for (let i = 0; i < words.length; i++) {
    const parts = words[i]!;
    // `update-secret-val`, `set-secret`: the verb and the noun in one word.
    if (parts.length > 1 && parts.some((p) => KEPT.has(p)) && WRITES.has(parts[0]!)) return { shown: [name, ...path.slice(0, i + 1)].join(' '), depth: i + 1 };
    // `secrets set`, `variable set`: the noun, then the writing verb.
    const next = words[i + 1];
    if (parts.length === 1 && KEPT.has(parts[0]!) && next !== undefined && next.length === 1 && WRITES.has(next[0]!)) return { shown: [name, ...path.slice(0, i + 2)].join(' '), depth: i + 2 };
  }
  return undefined;
}

/** Options whose value names the secret (never its value). */
const NAMING = /^--?(i|n|id|name|key|path|secret|secret-name|variable)$/;

/**
 * The verb floor's finding for a secret written over. `words`: the command's bare words in order (its
 * command words, then operands; never the words right after an option); `options` as the floor reads
 * them; `hints`: the words that may name its environment. Only the secret's name is quoted: a `KEY=value`
 * operand shows its key, a store's operands stop before the value, and value options are never read.
 */
export function secretWriteFinding(inv: Invocation, ctx: RuleContext, words: readonly string[], options: readonly { name: string; value?: string; next?: string }[], hints: readonly string[]): Finding | undefined {
  const found = secretWriteOf(inv.name, words.slice(0, 4));
  if (!found) return undefined;
  const operands = words.slice(found.depth);
  // `KEY=value KEY2=value`: the keys; `chamber write SERVICE KEY VALUE`: the service and the key; `NAME VALUE`: the name.
  const keyed = operands.filter((w) => /^[\w./-]+=/.test(w)).map((w) => w.split('=')[0] ?? w);
  const named = options.filter((o) => NAMING.test(o.name)).map((o) => o.value ?? o.next ?? '').filter((v) => v !== '');
  // A password command's lone operand is the new password itself (`set-root-password NEW`): only words before the last are names.
  const lone = found.shown.split(/\s+/).some(passwordWord) ? operands.length - 1 : Math.max(1, operands.length - 1);
  const names = [...keyed, ...named, ...(keyed.length + named.length === 0 ? operands.slice(0, lone) : [])].filter((w) => !/\s/.test(w)).slice(0, 3);
  const remote = verbTraitsOf(inv.name).locality !== 'local';
  const env = ctx.environmentOf({ values: hints, remote });
  // A key-value entry (`kv put`) holds configuration as often as secrets: it asks where its words name production (`secret/prod/db`).
  if (words.slice(0, found.depth).some((w) => w.toLowerCase() === 'kv') && !(env.environment === 'production' && !/unknown/.test(env.reason))) return undefined;
  const what = names.length > 0 ? names.join(', ') : 'the secret it names';
  return {
    rule: 'verbs.secret-write',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${found.shown}\` overwrites ${what} in the ${inv.name} secret store: the value kept now is replaced and every service reading it gets the new one (${inv.name} has no rules of its own: judged by its words).`,
    targets: [{ kind: 'credential', name: what, provider: inv.name, remote, environment: env.environment, environmentReason: env.reason }],
  };
}
