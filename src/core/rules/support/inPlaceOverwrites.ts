import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { resolvePath } from '../../paths';
import { identifierParts } from './cliArgs';

/**
 * Stop 38 (round 28 held out: `exiftool -all= -overwrite_original -r uploads/`, `dar -x /backups/app -R . -w`): a program nothing
 * describes told by an option to overwrite in place (`-overwrite_original`, `--in-place`, `--overwrite`, `--force-overwrite`;
 * `--force` beside an extract or restore word), across a tree (a recursive option, `.`, a folder here): every file it touches is
 * replaced with no copy kept, and nothing says which. Options a tool's traits describe (`dar -w`) are read by the floor's option
 * verbs. Allowed: the same tool reading (`exiftool -json photo.jpg`), an overwrite of one named file, a listing (`dar -l archive`).
 */

interface ReadingLike {
  positionals: readonly { text: string; index: number }[];
  options: readonly { name: string; value?: string; next?: string; index: number }[];
}

const OFF = /^(false|no|0|off|never)$/i;
const RECURSIVE = /^(-r|-R|--recursive|-recursive|-recurse|--recurse|--recurse-subdirs|-subdirs)$/;
const EXTRACTING = /^(-x|--extract|-e|x|extract|restore|unpack|unarchive|expand|decompress|apply)$/;

function overwriteOption(o: ReadingLike['options'][number]): boolean {
  if (OFF.test(o.value ?? '')) return false;
  const parts = identifierParts(o.name.replace(/^[-/]+/, ''));
  if (parts[0] === 'no' || parts[0] === 'dont') return false;
  const start = parts[0] === 'force' || parts[0] === 'allow' ? 1 : 0;
  return /^(overwrite|overwrites|clobber|inplace)$/.test(parts[start] ?? '') || (parts[start] === 'in' && parts[start + 1] === 'place');
}

/**
 * Stop 40 (round 34: `pngquant --force --ext .png uploads/images/*.png`): an option that names the output's suffix or extension
 * as the inputs' own (`--ext .png` over `*.png`, an empty `--suffix ''`) writes each result over its input. Allowed: a suffix
 * that makes new names (`--ext -fs8.png`, `--suffix .min`).
 */
const SUFFIX_OPTION = /^(ext|extension|suffix|out-?ext|output-?ext(ension)?|output-?suffix|postfix)$/i;
function sameNameOutput(reading: ReadingLike): ReadingLike['options'][number] | undefined {
  const inputs = reading.positionals.map((w) => /(\.[A-Za-z0-9]+)$/.exec(w.text)?.[1]?.toLowerCase()).filter((e): e is string => e !== undefined);
  return reading.options.find((o) => {
    if (!SUFFIX_OPTION.test(o.name.replace(/^[-/]+/, ''))) return false;
    const value = (o.value ?? o.next ?? '').toLowerCase();
    return value === '' ? o.value !== undefined || o.next === '' : inputs.length > 0 && inputs.every((e) => e === (value.startsWith('.') ? value : `.${value}`));
  });
}

export function inPlaceOverwrite(inv: Invocation, reading: ReadingLike, ctx: RuleContext): Finding | undefined {
  const option = reading.options.find(overwriteOption) ?? sameNameOutput(reading)
    // `--force` beside an extract or restore (`tool restore --force`, `tool -x archive --force`): what is there is replaced.
    ?? (reading.options.some((o) => EXTRACTING.test(o.name)) || reading.positionals.slice(0, 2).some((w) => EXTRACTING.test(w.text)) ? reading.options.find((o) => /^(--force|-force)$/.test(o.name) && !OFF.test(o.value ?? '')) : undefined);
  if (option === undefined) return undefined;
  const cwd = inv.cwd || ctx.facts.cwd;
  const recursive = reading.options.find((o) => RECURSIVE.test(o.name));
  // A value filter, not an option reader: the grammar has read the options; a value starting with a dash names no folder.
  const values = [...reading.positionals.map((w) => w.text), ...reading.options.map((o) => o.value ?? o.next ?? '')];
  const folder = values.find((v) => v !== '' && !v.startsWith('-') && (v === '.' || v === './' || v.includes('*') || (v.endsWith('/') && recursive !== undefined) || (recursive !== undefined && ctx.facts.listDir(resolvePath(cwd, v, ctx.facts.home)) !== undefined)));
  // With no folder seen, the last operand is what the recursion starts from (`tool convert --overwrite -R assets`).
  const tree = folder ?? (recursive !== undefined ? reading.positionals.map((w) => w.text).filter((v) => v !== '' && !/\s/.test(v)).pop() : undefined);
  if (tree === undefined || (recursive === undefined && folder === undefined)) return undefined;
  const where = resolvePath(cwd, tree, ctx.facts.home);
  return {
    rule: 'verbs.in-place-overwrite',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${inv.name} ${option.name}${recursive !== undefined ? ` ${recursive.name}` : ''}\` overwrites the files it touches under ${tree} in place, keeping no copy (${inv.name} has no rules of its own: judged by its options).`,
    targets: [{ kind: 'path', name: where, provider: inv.name, remote: false, environment: 'local', environmentReason: 'files on this machine' }],
  };
}
