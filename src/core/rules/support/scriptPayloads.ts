import type { Facts, Invocation } from '../../policy/types';
import { resolvePath } from '../../paths';
import { destructivePayload } from './storeProtocols';
import { keptShort } from './dataRetention';

/**
 * Stop 38 (round 28 held out: `bteq < prod_purge.bteq`, a client nobody describes): a script handed to a program on its standard
 * input or by a file option is what the program runs. When its text carries destroying statements or store commands (SQL, a Mongo
 * call, Redis or memcached lines), the program is a client of a store the guard does not know: the verb floor judges it by that
 * text, whatever the client's name, and with no place named the store is production. A client's own directive lines
 * (`.LOGON host/user`, `\connect`, `SET …`) before the statements do not hide them. Allowed: a script that only reads
 * (`bteq < report.bteq` with SELECTs), data on standard input (`sort < data.txt`), and programs whose file is a program of their
 * own language (`jq -f filter.jq`, `awk -f script.awk`: described elsewhere, never the floor's).
 */

/** Options that hand a program the file it runs (`-f f`, `--file=f`, `--script f`, `-i f`, `--input f`, `-e @f`). */
const SCRIPT_OPTION = /^(-f|-i|-e|-s|--file|--input|--input-file|--script|--script-file|--sql|--sql-file|--query-file|--queries|--commands|--command-file|--batch|--batch-file|--source|--run|--exec|--execute|[/-]{1,2}(?:script|file|input|sqlfile|inputfile))$/i;
/** Command words that run a file (`source f`, `run-script f`, `exec-file f`, `\i f` in a batch). */
const RUNS_FILE = /^(source|run-?script|run-?file|exec-?file|execute-?file|script|batch|include|load-?script)$/i;
/** Command words that run code inside a live instance, whose file may follow the instance's name (`tarantoolctl eval app f.lua`, stop 40). */
const EVALS_FILE = /^(eval|evaluate|exec|execute|run-?lua|dofile)$/i;
/** `KEY=FILE` operands that hand the program its script or control file (SQL*Loader's `control=f.ctl`, `parfile=`, `cmdfile=`). */
const SCRIPT_KEY = /^(control|script|cmdfile|sqlfile|parfile|scriptfile|commands?)=(.+)$/i;
/**
 * Store work a script does with no SQL keyword first (stop 40, round 34): a store API call that empties or drops
 * (`box.space.sessions:truncate()`, `bucket.drop()`), and a loader's control file that empties the table before loading
 * (`TRUNCATE INTO TABLE customers`, `REPLACE INTO TABLE`). An `APPEND`/`INSERT INTO TABLE` load keeps every row.
 */
const STORE_CALL = /\b(spaces?|tables?|buckets?|collections?|keyspaces?|indexe?s?)\b[\w.[\]'"]*[:.](truncate|drop|delete_?all|deleteAll|clear|purge|wipe)\s*\(/i;
const EMPTYING_LOAD = /^\s*(truncate|replace)\s+into\s+table\s+([\w.$"]+)/im;

export function storeScriptCall(text: string): string | undefined {
  const call = STORE_CALL.exec(text);
  if (call) return `${call[0].replace(/\s*\($/, '()')} (empties or drops it in the live store)`;
  const load = EMPTYING_LOAD.exec(text);
  return load ? `${load[1]!.toUpperCase()} INTO TABLE ${load[2]} (every row is deleted before the load)` : undefined;
}
/** Extensions of a query or store script: a file of one that cannot be read is a script nobody saw. */
const SCRIPT_FILE = /\.(sql|bteq|btq|cql|hql|ddl|dml|psql|pgsql|plsql|tsql|mysql|cypher|cyp|mongo|redis|aql|sparql|n1ql|surql|kql|fql|tql|q|ksql|flux|iql|ql|cmd|cmds|script|commands)$/i;

/** A file handed to the program to run, as written with its resolved path, and where it was handed: `<`, `cat f |`, an option, a command word. */
export interface HandedScript {
  written: string;
  path: string;
  how: string;
}

interface ReadingLike {
  positionals: readonly { text: string; index: number }[];
  options: readonly { name: string; value?: string; next?: string }[];
}

// A value filter, not an option reader: the grammar has read the options; a value starting with a dash names no file.
function fileLike(text: string): boolean {
  return text !== '' && !text.startsWith('-') && !/\s/.test(text) && !/^[a-z][\w+.-]*:\/\//i.test(text) && (/[/.]/.test(text) || SCRIPT_FILE.test(text));
}

/** The files the invocation hands its program to run. */
export function handedScripts(inv: Invocation, facts: Facts, reading: ReadingLike): HandedScript[] {
  const at = (written: string, how: string): HandedScript => ({ written, path: resolvePath(inv.cwd || facts.cwd, written, facts.home), how });
  const out: HandedScript[] = [];
  const s = inv.stdin;
  if (s?.kind === 'file') out.push(at(s.path, `< ${s.path}`));
  // `cat prod_purge.bteq | bteq`: the file printed whole is the script.
  if (s?.kind === 'pipe' && /^(cat|bat|batcat|type)$/.test(s.from.name)) for (const a of s.from.args.filter((w) => fileLike(w.text))) out.push(at(a.text, `cat ${a.text} |`));
  for (const o of reading.options) {
    const value = o.value ?? o.next;
    if (value === undefined || !SCRIPT_OPTION.test(o.name)) continue;
    const file = value.replace(/^@/, '');
    // `-e @purge.sql` names a file; `-e 'select 1'` is a statement the floor reads as one.
    if ((o.name === '-e' || o.name === '--execute' || o.name === '--exec') && !value.startsWith('@')) continue;
    if (fileLike(file)) out.push(at(file, `${o.name} ${value}`));
  }
  const words = reading.positionals;
  for (const [k, w] of words.entries()) {
    // `sqlcmd @purge.sql`, `tool source purge.sql`.
    if (/^@[\w./~-]+$/.test(w.text) && fileLike(w.text.slice(1))) out.push(at(w.text.slice(1), w.text));
    else if (k < 3 && RUNS_FILE.test(w.text) && words[k + 1] !== undefined && fileLike(words[k + 1]!.text)) out.push(at(words[k + 1]!.text, `${w.text} ${words[k + 1]!.text}`));
    // `eval app truncate.lua`: the instance's name, then the file it runs there.
    else if (k < 3 && EVALS_FILE.test(w.text)) {
      const file = words.slice(k + 1, k + 3).find((n) => fileLike(n.text));
      if (file !== undefined) out.push(at(file.text, `${w.text} ${file.text}`));
    }
    const keyed = SCRIPT_KEY.exec(w.text);
    if (keyed && fileLike(keyed[2]!)) out.push(at(keyed[2]!, w.text));
  }
  return out.slice(0, 4);
}

/** What a handed script destroys, or that it could not be read (a script file nobody saw), or undefined when it only reads. */
export function scriptPayload(inv: Invocation, facts: Facts, reading: ReadingLike): { statement: string; how: string } | { unread: string; how: string } | undefined {
  for (const script of handedScripts(inv, facts, reading)) {
    const text = facts.readFile(script.path);
    if (text === undefined) {
      // Only a file named as a query or store script: a template or data file on standard input (`envsubst < t.yaml`) is no script.
      // `-f`/`--file`/`-i` may name an output (`platform db:dump -f /tmp/x.sql`): only standard input or a script option says it runs.
      if (SCRIPT_FILE.test(script.written) && /^(<|cat |@|-e @|--script|--sql|source )/.test(script.how)) return { unread: script.written, how: script.how };
      continue;
    }
    // Round 22: a console told to keep data for a moment (`update pool=Full volretention=1d`) loses the rest.
    const statement = destructivePayload(text) ?? storeScriptCall(text) ?? text.split('\n').map((l) => l.trim()).find((l) => keptShort([l]) !== undefined);
    if (statement !== undefined) return { statement, how: script.how };
  }
  return undefined;
}
