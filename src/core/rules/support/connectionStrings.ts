import { identifierParts } from './cliArgs';
import { isSecretVariableName } from './huntCommon';

/**
 * A connection string printed by a CLI no rule names (issue #18 criterion 8, stop 36; red team round 22:
 * `xata branch url main`). Database platforms print how to connect to a database, a branch or a cluster, and
 * that text carries the password (`postgresql://user:PASSWORD@host/db`): a `connection-string`, `conn-str`,
 * `dsn`, `jdbc-url`, `database-url` word anywhere in the command path, or a bare `url`/`uri` right after a noun of
 * a data store (`branch url`, `db uri`, `cluster connection`). Whatever the environment, it is a credential shown
 * to the agent; where it reaches nobody named, it is production.
 *
 * Allowed look-alikes: `url` of a thing that serves pages (`chalice url`, `tool app url`, `tool tunnel url`),
 * listing or describing the same nouns (`xata branch list`, `… branch describe`), a URL set rather than printed
 * (`tool db url set …`).
 */

/** Nouns of a data store whose address comes with its credentials. */
const STORE_NOUN = /^(branch|branches|db|dbs|database|databases|cluster|clusters|instance|instances|postgres|postgresql|pg|mysql|mariadb|redis|valkey|mongo|mongodb|store|kv|replica|replicas|pool|pooler|warehouse|keyspace|datastore)$/i;
/** Whole words of a connection's address. */
const CONNECTION_WORD = /^(dsn|conninfo|connstr|connstring|connectionstring|dburl|databaseurl|jdbcurl)$/;
/** Nouns that make a connection word out of `url`, `uri`, `string`, `info`. */
const CONNECTION_PARTS = /^(connection|conn|connect|database|db|jdbc|odbc|dsn)$/;
/** Verbs after the word that set or take it away instead of printing it. */
const NOT_PRINTED = /^(set|put|update|unset|delete|rm|remove|rotate|reset|add|edit|help)$/i;

/** Verbs before the word that store a value under it. */
const WRITES = /^(write|put|store|save|import|upload|push|create|new|edit|configure|config-set|set-value)$/i;

export interface ConnectionPrint {
  shown: string;
  what: string;
  unknownIsProduction: true;
}

/** Verbs that print a value they are given the name of. */
const PRINTS_VALUE = /^(get|show|print|cat|read|value|reveal|echo|view|get-value|export)$/i;
/** Options that make a connect command print how it would connect instead (`db connect --print`). */
const PRINT_OPTION = /^--?(print|show|url|uri|dsn|string|print-url|print-only|echo|connection-string)$/i;

/**
 * Stop 37 (round 27): `acmectl env get DATABASE_URL` prints a secret variable's value by its name; `acmectl db connect --print`
 * prints the connection instead of opening it. Not `env list`, `env get NODE_ENV`, `db connect` (an interactive session).
 */
function namedSecretPrint(name: string, path: readonly string[], values: readonly string[], options: readonly string[]): ConnectionPrint | undefined {
  const read = path.findIndex((w) => PRINTS_VALUE.test(w));
  const secret = [...path.slice(read + 1), ...values].find((v) => /^[A-Z][A-Z0-9_]+$/.test(v) && isSecretVariableName(v));
  if (read >= 0 && secret !== undefined && !path.some((w) => NOT_PRINTED.test(w) || WRITES.test(w))) return { shown: [name, ...path.slice(0, read + 1)].join(' '), what: `the value of ${secret}`, unknownIsProduction: true };
  const connect = path.findIndex((w, i) => /^(connect|conn|connection)$/i.test(w) && i > 0 && STORE_NOUN.test(path[i - 1]!));
  const printed = options.find((o) => PRINT_OPTION.test(o));
  if (connect >= 0 && printed !== undefined) return { shown: [name, ...path.slice(0, connect + 1), printed].join(' '), what: `the connection string of ${path[connect - 1]} ${path[connect + 1] ?? values[0] ?? '(the default)'}, password included`, unknownIsProduction: true };
  return undefined;
}

export function connectionPrint(name: string, path: readonly string[], values: readonly string[], options: readonly string[] = []): ConnectionPrint | undefined {
  const named = namedSecretPrint(name, path, values, options);
  if (named) return named;
  for (const [i, word] of path.slice(0, 5).entries()) {
    // `Select-String DATABASE_URL`: a variable's name searched for, not a command word.
    if (/^[A-Z0-9_]+$/.test(word)) continue;
    const parts = identifierParts(word);
    const joined = parts.join('');
    const connection = CONNECTION_WORD.test(joined) || parts.some((p) => CONNECTION_WORD.test(p))
      || (parts.length >= 2 && parts.some((p) => CONNECTION_PARTS.test(p)) && parts.some((p) => /^(url|uri|string|str|info|details)$/.test(p)))
      || (/^(url|uri|urls|connection|connect-info|conn)$/i.test(word) && i > 0 && STORE_NOUN.test(path[i - 1]!));
    if (!connection || parts.some((p) => /^(list|ls|names|count|set|unset|delete|rotate|reset)$/.test(p))) continue;
    // `chamber write app-production database_url postgres://…`: a value written under that name, not printed.
    if (path.some((w, k) => k !== i && (NOT_PRINTED.test(w) || WRITES.test(w)))) return undefined;
    const of = path[i + 1] ?? values[0];
    const noun = i > 0 ? `${path[i - 1]} ` : '';
    return { shown: [name, ...path.slice(0, i + 1)].join(' '), what: `the connection string of ${noun}${of ?? '(the default)'}, password included`, unknownIsProduction: true };
  }
  return undefined;
}
