import { identifierParts } from './cliArgs';
import type { FloorChange } from './floorChanges';

/**
 * An import into a tool's store by a CLI no rule names (issue #18 criterion 8, stop 36; red team round 22:
 * `n8n import:workflow --separate --input=backups/workflows/`, `emqx ctl data import /tmp/export.tar.gz`).
 * An import, restore, load, ingest or replay of a file or a folder writes what it holds into the store the tool
 * serves (workflows, rules, users, data), over what is there under the same names, and nothing keeps the old
 * copy; the store is remote or unknown (the floor calls this only for tools not described as local), and an
 * unknown environment is production. The verb floor's caller keeps a development or local target allowed.
 *
 * Allowed look-alikes: an import with no file or folder named (`tool import --help`, `tool import list`), an
 * export (`tool export:workflow --output=backups/`), a dry run (the floor's `isDry`), an import word that is a
 * noun beside a read (`tool imports list`, `tool import status 42`).
 */

/** Verbs that write a file's content into the store. */
const IMPORTS = /^(import|restore|recover|load|ingest|replay|reimport)$/;
/** Options that name the file or folder imported. */
const INPUT_OPTION = /^--?(input|in|i|file|f|from|source|src|dir|directory|path|archive|dump|backup|data|data-file|input-file|input-dir|folder)$/i;
/** What a file of data or a dump is called: a folder path, or a data, archive or dump extension. */
const DATA_FILE = /\.(json|ndjson|jsonl|ya?ml|csv|tsv|sql|dump|gz|tgz|tar|zip|bak|xml|parquet|avro|db|sqlite3?|bson|rdb|aof|backup|zst|bz2|xz|7z|lz4|arrow|orc|txt)$/i;

/** Options that name a folder or file on this machine the command writes to. */
const LOCAL_DESTINATION = /^--?(target|to|dest|destination|output|out|output-dir|out-dir|into-dir|t)$/i;

interface ReadingLike {
  positionals: readonly { text: string; index: number }[];
  options: readonly { name: string; value?: string; next?: string }[];
  maybeValues: ReadonlySet<number>;
}

function dataSource(text: string | undefined): boolean {
  if (text === undefined || text === '' || /\s/.test(text) || /^[a-z][\w+.-]*:\/\//i.test(text)) return false;
  return text.includes('/') || DATA_FILE.test(text);
}

/** `path` is the floor's command words up to the first read verb. */
export function storeImport(reading: ReadingLike, path: readonly string[]): FloorChange | undefined {
  const at = path.slice(0, 3).findIndex((w) => identifierParts(w).some((p) => IMPORTS.test(p)));
  if (at < 0) return undefined;
  const word = path[at]!;
  // `restic restore latest --target ./restored`: what is restored lands in a folder here, which the perimeter judges.
  // Stop 40 (round 34: `terraformer import aws … --path-output /tmp/tfimport`): an output option by its parts (`--path-output`, `--output-path`) says the same.
  if (reading.options.some((o) => LOCAL_DESTINATION.test(o.name) || identifierParts(o.name.replace(/^-+/, '')).some((p) => /^(output|outdir|dest|destination)$/.test(p)))) return undefined;
  // A backup tool's restore names the folder it writes to (`kopia snapshot restore k1 ./restored`): only a file of data is a source.
  const restores = identifierParts(word).some((p) => /^(restore|recover)$/.test(p));
  const verbIndex = reading.positionals.find((w) => w.text === word)?.index ?? -1;
  const operand = reading.positionals.find((w) => w.index > verbIndex && dataSource(w.text) && (!restores || DATA_FILE.test(w.text)))?.text;
  const option = reading.options.filter((o) => INPUT_OPTION.test(o.name)).map((o) => o.value ?? o.next).find(dataSource);
  const source = operand ?? option;
  if (source === undefined) return undefined;
  return { rule: 'verbs.store-import', shown: path.slice(0, at + 1).join(' '), verb: 'overwrite', phrase: 'writes into its store, over what is there under the same names (nothing keeps the old copy), what it reads from', groups: path.slice(0, at), names: [source] };
}
