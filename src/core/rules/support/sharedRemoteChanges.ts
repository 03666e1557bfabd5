import { identifierParts } from './cliArgs';
import type { FloorChange } from './floorChanges';
import { sendsDebugInfo } from './telemetryRecords';

/**
 * Stop 39 (round 30 held out: `buf push --label v1.4.0`, `shorebird patch android --release-version 2.3.0+41`, `chromatic
 * --auto-accept-changes main`, `renovate --automerge=true`, `backstop approve`, `rdme openapi openapi.yaml --key=$KEY`, `maestro
 * cloud --apiKey … app.apk`): a CLI nobody described that publishes to, or accepts changes on, something others share, with no
 * destroying word and no remote place written (the line of stops 35/36 keeps a plain `push` allowed). Read by meaning:
 *
 * | meaning | read from | stays allowed |
 * |---|---|---|
 * | a version shipped (a registry's module, an over-the-air patch to every install) | a ship word (`push`, `publish`, `patch`, `ship`) with an option naming a version-shaped label, tag or release (`--label v1.4.0`, `--release-version 2.3.0+41`) | a plain push (`acmecms push`), a label that is no version (`--label draft`), a version bump here (`bumpp patch`), diagnostics uploaded for a release (`datadog-ci sourcemaps upload --release-version 1.4.2`) |
 * | changes accepted or merged with no review | an option that turns on auto-accepting or auto-merging (`--auto-accept-changes`, `--automerge=true`, `--auto-merge`) | the same set false; `--auto-approve` (a prompt skipped: other rules read what runs) |
 * | every pending change accepted as the new reference | `approve`/`accept`/`bless` with nothing named after it, or `--all` | one thing named (`approve 42`), reads (`approvals list`), help |
 * | local files sent to a hosted service under a key | an API key or token given on the line beside file or folder operands, the command not a read | the same command without a key (`rdme openapi:validate openapi.yaml`), a key with no file (`login --token $T`), a read verb (`lint`, `validate`) |
 */

interface ReadingLike {
  positionals: readonly { text: string; index: number }[];
  options: readonly { name: string; value?: string; next?: string; index?: number }[];
  maybeValues: ReadonlySet<number>;
}

/** Words that ship to users; `upload` is left out: an upload with a release version is often diagnostics (`datadog-ci sourcemaps upload --release-version`). */
const SHIPS = /^(push|publish|patch|ship|distribute)$/i;
const VERSION_PART = /^(label|labels|tag|tags|version|release|releaseversion|rev|revision)$/;
const VERSION = /^v?\d+(\.\d+){1,3}([+-][\w.+-]+)?$/i;
const OFF = /^(false|no|0|off|never|disabled?)$/i;
const ACCEPTS = /^(approve|accept|bless|approve-all|accept-all|approveall|acceptall)$/i;
const KEY_OPTION = /^(key|apikey|api-key|token|apitoken|api-token|authtoken|auth-token|accesstoken|access-token|secret|password)$/i;
/** A file operand: a name with an extension, or a folder path (`.maestro/`, `./flows`). */
const FILE_OPERAND = /^(?!-)(?:[\w./~-]*\/)?[\w.-]+\.[a-z0-9]{1,8}$|^\.{0,2}[\w.-]*\/[\w./-]*$/i;

const valueOf = (o: ReadingLike['options'][number]): string => o.value ?? o.next ?? '';
const bare = (name: string): string => name.replace(/^-+/, '');

function found(verb: string, shown: string, phrase: string, names: string[]): FloorChange {
  return { rule: 'verbs.shared-remote-change', shown, verb, phrase, groups: [], names: names.slice(0, 3) };
}

/** A change to something others share, read from an undescribed CLI's words (`path`: its command words up to a read verb). */
export function sharedRemoteChange(reading: ReadingLike, path: readonly string[], reads: (text: string) => boolean): FloorChange | undefined {
  const words = reading.positionals.filter((w) => !reading.maybeValues.has(w.index)).map((w) => w.text);
  const ship = path.slice(0, 3).find((w) => SHIPS.test(w));
  const version = reading.options.find((o) => identifierParts(bare(o.name)).some((p) => VERSION_PART.test(p)) && VERSION.test(valueOf(o)));
  if (ship !== undefined && version !== undefined) return found(ship.toLowerCase(), `${ship} ${version.name} ${valueOf(version)}`, `publishes version ${valueOf(version)} to (everyone who installs or runs it gets it, and a version published is not taken back)`, [...words.filter((w) => w !== ship).slice(0, 2), 'its hosted registry']);
  const auto = reading.options.find((o) => {
    const parts = identifierParts(bare(o.name));
    const glued = parts.some((p) => /^auto(accept|merge)$/.test(p));
    return (glued || (parts.includes('auto') && parts.some((p) => /^(accept|merge)$/.test(p)))) && !parts.includes('type') && !OFF.test(o.value ?? '');
  });
  if (auto !== undefined) return found('accept', auto.name, 'accepts or merges its changes with no review on (the shared branch or baseline changes for everyone)', words.length > 0 ? words.slice(0, 2) : ['the shared remote']);
  const accepts = path.slice(0, 2).findIndex((w) => ACCEPTS.test(w));
  if (accepts >= 0) {
    const named = words.slice(words.indexOf(path[accepts]!) + 1);
    const all = reading.options.find((o) => /^--?(all|a)$/.test(o.name));
    if (named.length === 0 || all !== undefined) return found('accept', [...path.slice(0, accepts + 1), ...(all ? [all.name] : [])].join(' '), 'accepts every pending change as the new reference (what was kept is replaced, and the check that would have caught a regression passes)', ['every pending change']);
  }
  const key = reading.options.find((o) => KEY_OPTION.test(bare(o.name).toLowerCase()) && valueOf(o) !== '');
  const files = reading.positionals.filter((w) => !reading.maybeValues.has(w.index) && FILE_OPERAND.test(w.text) && !/^[a-z][\w-]*:\/\//i.test(w.text)).map((w) => w.text);
  // Stop 40 (round 34: `rollbar-cli upload-sourcemaps ./dist --access-token …`): debug information for an error tracker is telemetry (team decision, stop 39).
  if (key !== undefined && files.length > 0 && path.length > 0 && !path.some(reads) && !sendsDebugInfo({ tool: '', path, options: reading.options })) return found('upload', `${path.slice(0, 2).join(' ')} ${key.name}`, `sends ${files.slice(0, 3).join(', ')} under the key it is given to (what others read there is replaced, or the files leave this machine)`, ['the hosted service its key opens']);
  return undefined;
}
