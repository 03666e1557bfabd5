import type { VerbTraits } from '../../registry/verbTraits';
import { identifierParts } from './cliArgs';

/**
 * The verb floor's reading of options (verbs.ts): an option whose first word destroys (`--delete`,
 * `--force-delete-storage`, `--prune`, Hadoop's `-rm`), unless what follows names a cache or a view.
 */

/** Option names whose first word destroys (`--delete`, `-purge`, `--prune`, `--force-delete-storage`); `rm`/`remove` mean cleanup (`--rm`). */
const OPTION_DESTROY = new Set(['delete', 'deleteall', 'purge', 'prune', 'destroy', 'drop', 'truncate', 'wipe', 'flush', 'erase', 'replace', 'down', 'revoke', 'terminate', 'deregister', 'unpublish', 'expunge',
  // Stop 37 (round 26: `qemu-img resize --shrink`): what lies past the new size is cut off.
  'shrink']);
/** What follows an option's verb when it only clears a cache or a view (`--reset-cache`, `--purge-cache`). */
export const BENIGN_OBJECT = new Set(['cache', 'caches', 'cached', 'build', 'builds', 'tmp', 'temp', 'output', 'dist', 'artifacts', 'screen', 'console', 'after', 'before', 'during', 'excluded', 'empty', 'dirs']);

/** An output folder of this project named by an option (`-o gen/`, `--output-dir models`): not a store, not a path outside. */
function outputFolderGiven(options: readonly { name: string; value?: string; next?: string }[]): boolean {
  return options.some((o) => /^(-o|--(out|output|outdir|out-dir|output-dir|output-folder|dest|dest-dir))$/.test(o.name) && ((v) => v !== undefined && /^(\.\/)?[\w-]+(\/[\w-]+)*\/?$/.test(v))(o.value ?? o.next));
}

export function optionVerb(reading: { options: readonly { name: string; value?: string; next?: string }[] }, traits: VerbTraits): { name: string; verb: string } | undefined {
  for (const option of reading.options) {
    const bare = option.name.replace(/^-+/, '').toLowerCase();
    if (traits.routine?.includes(bare)) continue;
    // A tool's own destroying option, or option and value (burp's `-a D`: delete a backup), from its documentation (verbTraits.ts).
    const pair = traits.destroying?.find((d) => d === option.name || d === `${option.name} ${option.value ?? option.next ?? ''}`);
    if (pair !== undefined) return { name: pair, verb: /^-{1,2}(d|D|delete|M?rm|remove)( |$)|^-a D$/.test(pair) ? 'delete' : 'overwrite' };
    // Round 17: a service or database powered off by an option of an update (`aiven service update --power-off`): it stops serving.
    if (/^(power-?off|shut-?down|hibernate|halt)$/.test(bare) && !/^(false|no|0|off)$/i.test(option.value ?? '')) return { name: option.name, verb: 'poweroff' };
    // Stop 40 (round 34): a Java-style one-dash camel-case option is a command (`mkstore -deleteCredential PRODDB`, `-deleteEntry`).
    const parts = /^-[a-z]+[A-Z][A-Za-z]*$/.test(option.name) ? [...identifierParts(option.name.slice(1))] : bare.split(/[-_]/).filter((p) => p !== '');
    // Stop 30 (round 11): a load rebuilt from scratch (`meltano run … --full-refresh`, `sqlmesh plan --restate-model`), a schema tool
    // allowed its unsafe changes (`skeema push --allow-unsafe`, `prisma db push --accept-data-loss`): what the target held is replaced or dropped.
    if (/^(full-refresh|restate-model|restate|allow-unsafe|accept-data-loss)$/.test(bare) && !/^(false|no|0|off)$/i.test(option.value ?? '')) return { name: option.name, verb: bare.startsWith('allow') || bare.startsWith('accept') ? 'drop' : 'overwrite' };
    // `--force-delete`, `--auto-prune` (Argo CD deletes what the repository no longer lists on every sync); `--enable-drop` (psqldef), `--allow-drop`.
    const start = parts[0] === 'force' || parts[0] === 'auto' || parts[0] === 'enable' || parts[0] === 'allow' ? 1 : 0;
    // Hadoop's one-dash `-rm`, `-rmr`, `-rmdir` delete; docker's `--rm` (two dashes) cleans up after itself.
    const verb = /^-(rm|rmr|rmdir)$/.test(option.name) ? 'delete' : parts[start];
    // Stop 39 (round 33: `clamscan -r --remove=yes uploads/`): `remove` said yes to, or aimed at what a scan found, deletes files (docker's bare `--rm` cleans up).
    if (/^(remove|rm)$/.test(verb ?? '') && (/^(yes|true|1|on|all)$/i.test(option.value ?? '') || /^(infected|found|matches|matched|files|originals|duplicates|dupes)$/.test(parts[start + 1] ?? ''))) return { name: option.name, verb: 'delete' };
    if (verb === undefined) continue;
    if (verb === 'reset' && parts.length > start + 1 && !BENIGN_OBJECT.has(parts[start + 1]!)) return { name: option.name, verb: 'reset' };
    if (!OPTION_DESTROY.has(verb)) continue;
    // Stop 39 (round 31: `sqlboiler psql --wipe`): a generator's wipe of the output folder it is given (`--wipe -o gen/`) empties a folder here, which the perimeter judges.
    if (/^(wipe|clean|clear)$/.test(verb) && parts.length === 1 && outputFolderGiven(reading.options)) continue;
    // Stop 36 (round 25: `mycli describe db --drop-after`): a word of time says when it destroys, not that what it destroys is a cache;
    // only a flush of output (`--flush-after 100`) is about buffers.
    // Stop 38 (round 30: `snakemake --delete-all-output`): *all* of a workflow's outputs are its results, not a cache; `--delete-temp-output` stays.
    const everything = parts[start + 1] === 'all' && !parts.some((p) => /^(cache|caches|cached|tmp|temp|screen|console)$/.test(p));
    if (!everything && parts.slice(start + 1).some((p) => BENIGN_OBJECT.has(p) && (verb === 'flush' || !/^(after|before|during)$/.test(p)))) continue;
    if (/^(false|no|0|off|none)$/i.test(option.value ?? '')) continue;
    return { name: option.name, verb };
  }
  return undefined;
}
