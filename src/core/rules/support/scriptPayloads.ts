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
    const statement = destructivePayload(text) ?? text.split('\n').map((l) => l.trim()).find((l) => keptShort([l]) !== undefined);
    if (statement !== undefined) return { statement, how: script.how };
  }
  return undefined;
}
