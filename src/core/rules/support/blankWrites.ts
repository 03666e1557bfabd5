/**
 * Writes that destroy what they replace, by any CLI without rules of its own: a key-value or object
 * store's `put`/`set`/`cp` whose value is empty or `/dev/null` (`etcdctl put /registry/x ''`,
 * `consul kv put app/config ''`, `zkCli.sh set /kafka/config ''`, `mc cp /dev/null prod/site/index.html`,
 * `--file=/dev/null`). The key or object stays and what it held is gone; the store keeps no copy unless
 * versioning was on. A value the command names (a file, a non-empty word) is an ordinary write.
 */

/** Subcommand words that write a value over a key, path or object. */
const WRITES = new Set(['put', 'set', 'cp', 'copy', 'copyto', 'write', 'upload', 'store', 'replace', 'pipe', 'setdata', 'update']);

/** Option names whose value is the content written (`--file`, `--path`, `--value`, `--body`, `--data`). */
const CONTENT_OPTION = /^--?(file|path|value|body|data|content|source|src|from-file|input)$/;

const MAX_DEPTH = 4;

export interface BlankWrite {
  /** The command words up to the writing verb: `kv put`. */
  words: string[];
  /** What is blanked: the key, path or object named. */
  names: string[];
  /** How the value is empty: `an empty value`, `/dev/null`. */
  how: string;
}

/** Positionals and options as the verb floor reads them (options with a glued value, or the next word they may take). */
export function blankingWrite(positionals: readonly string[], options: readonly { name: string; value?: string; next?: string }[], loadsInto: readonly string[] = []): BlankWrite | undefined {
  // A loader's output that is a live store (`elasticdump --output=https://es:9200/orders`): what it loads replaces what is there.
  const live = options.find((o) => loadsInto.includes(o.name) && /^[a-z][\w+.-]*:\/\//i.test(o.value ?? o.next ?? ''));
  if (live) return { words: [], names: [(live.value ?? live.next)!], how: `loads into ${live.name}` };
  const at = positionals.slice(0, MAX_DEPTH).findIndex((w) => WRITES.has(w.toLowerCase()));
  if (at < 0) return undefined;
  const words = positionals.slice(0, at + 1);
  const rest = positionals.slice(at + 1);
  const nullOption = options.find((o) => CONTENT_OPTION.test(o.name) && (o.value ?? o.next) === '/dev/null');
  if (nullOption) return { words, names: rest.filter((t) => t !== '/dev/null' && !/\s/.test(t)).slice(0, 3), how: `${nullOption.name} /dev/null` };
  // `cp /dev/null DEST`: the destination is the last operand.
  if (rest.length >= 2 && rest.slice(0, -1).includes('/dev/null')) return { words, names: [rest[rest.length - 1]!], how: '/dev/null' };
  // `put KEY ''`: a key and an empty value.
  if (rest.length >= 2 && rest[0] !== '' && rest.slice(1).every((t) => t === '' || /^\s+$/.test(t))) return { words, names: [rest[0]!], how: 'an empty value' };
  // `vault write database/config/prod allowed_roles=''`: a field of the path set to nothing (stop 29).
  const emptied = rest.slice(1).filter((t) => /^[\w.-]+=$/.test(t));
  if (rest.length >= 2 && !rest[0]!.includes('=') && emptied.length > 0) return { words, names: [rest[0]!], how: `${emptied.slice(0, 3).map((t) => t.slice(0, -1)).join(', ')} set to nothing` };
  return undefined;
}
