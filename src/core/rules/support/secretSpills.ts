import type { ArgWord } from '../../policy/types';
import { identifierParts } from './cliArgs';

/**
 * Stop 39 (issue #18 criterion 7, red team round 33): secrets dumped or run into a printer, by the words of a CLI
 * without rules of its own (read by `rules/secretVerbs.ts` and the verb floor's `secretRead`).
 *
 * | meaning | example | stays allowed |
 * |---|---|---|
 * | a store named for secrets read whole, or one secret by a reading verb | `credstash getall -f dotenv > f`, `credstash get db.password`, `secretcli dump` | its listing of names (`credstash list`), writes and deletes (their own rules) |
 * | a secret reference printed (`keeper://UID/field/password`, `op://vault/item/field`, `bws://…`) | `ksm secret notation keeper://…/field/password` | the same reference given to a write (`update`, `set`), a listing |
 * | a run that injects the store's secrets into a program that prints its environment | `hcp vault-secrets run --app=x -- env`, `… exec -- printenv`, `… -- export -p` | the same run of the app (`-- npm start`), `env FOO=1 cmd` (a program started, not a print) |
 */

const SECRET_PROGRAM = /secret|vault|^cred|[-_]creds?([-_]|$)|credential|keystore/i;
/** Reading the whole store: `getall`, `get-all`, `dump`, `export-all`. */
const WHOLE = /^(getall|dumpall|exportall|showall|readall|printall|all|dump|export)$/;
/** Reading one secret by its name. */
const ONE = /^(get|show|read|print|reveal|cat|value|decrypt|fetch|retrieve)$/;
/** References that name one secret's value in a store, by scheme. */
const REFERENCE = /^(keeper|ksm|op|bws|bw|sm|vault|akv|azkv|gcpsm|awssm|secretsmanager|infisical|doppler|passbolt|conjur|onepassword|secret|secrets):\/\/\S+/i;
/** Words that write, list or take away: the reference or the store is not printed. */
const NOT_PRINTING = /^(list|ls|names|set|put|update|edit|delete|rm|remove|rotate|revoke|add|create|import|upload|sync|help|inject|template|exec|run)$/;
/** Programs that print the environment they were given (`set` and `export -p`, `declare -p` as builtins). */
const ENV_PRINTERS = /^(env|printenv|set|export|declare|typeset|compgen)$/;
/** Verbs that run a program with the store's secrets in its environment. */
const RUNS = /^(run|exec|execute|inject|with|shell|wrap|env)$/;
/** Nouns of a store whose values are secrets. */
const SECRET_NOUN = /^(secret|secrets|vault|vaults|creds?|credentials?|keystore|kv|parameters?|params|ssm|keeper|ksm|password|passwords|tokens?)$/;

const norm = (w: string): string => w.toLowerCase().replace(/[^a-z0-9]/g, '');
const partsOf = (w: string): string[] => [norm(w), ...identifierParts(w)];

export interface SecretSpill {
  shown: string;
  what: string;
  /** A remote store's secrets: where nobody named the environment, production. */
  unknownIsProduction?: boolean;
}

/** A store named for secrets read whole or by one secret's name; a secret reference printed. */
export function secretSpill(name: string, path: readonly string[], values: readonly string[]): SecretSpill | undefined {
  const words = path.flatMap(partsOf);
  if (words.some((p) => NOT_PRINTING.test(p))) return undefined;
  const first = path[0] !== undefined ? norm(path[0]) : '';
  if (SECRET_PROGRAM.test(name) && WHOLE.test(first)) return { shown: `${name} ${path[0]}`, what: 'every secret in the store', unknownIsProduction: true };
  if (SECRET_PROGRAM.test(name) && ONE.test(first) && values.length > 0) return { shown: `${name} ${path[0]}`, what: `the secret ${values[0]}` };
  const reference = [...path, ...values].find((v) => REFERENCE.test(v));
  if (reference !== undefined) return { shown: [name, ...path.filter((w) => w !== reference)].join(' '), what: `the secret ${reference}` };
  return undefined;
}

/** `hcp vault-secrets run --app=x -- env`: the store's secrets handed to a program that prints its environment. */
export function injectedPrint(name: string, args: readonly ArgWord[]): SecretSpill | undefined {
  const dash = args.findIndex((a) => a.text === '--');
  if (dash < 0) return undefined;
  const before = args.slice(0, dash).map((a) => a.text).filter((t) => /^[A-Za-z][\w:-]*$/.test(t));
  const parts = [...identifierParts(name), ...before.flatMap(partsOf)];
  if (!parts.some((p) => RUNS.test(p)) || !(SECRET_PROGRAM.test(name) || parts.some((p) => SECRET_NOUN.test(p)))) return undefined;
  const [run, ...others] = args.slice(dash + 1);
  const program = run?.text.split('/').pop() ?? '';
  const rest = others.map((a) => a.text);
  // `env FOO=1 node app` starts a program; a print has only assignments, `-0`/`-p`/`-x`-style switches or a variable's name.
  const prints = ENV_PRINTERS.test(program) && (program === 'printenv' || rest.every((t) => /^-|^\w+=/.test(t) || (program !== 'env' && program !== 'set')));
  if (!prints) return undefined;
  return { shown: `${[name, ...before.slice(0, 3)].join(' ')} -- ${program}`, what: `every secret it injects (${program} prints the environment)`, unknownIsProduction: true };
}
