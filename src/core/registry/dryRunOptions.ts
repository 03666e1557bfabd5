/**
 * A dry run undone on the same line: the last dry-run option wins, and a negation or an explicit
 * value switches it off (`git push -n --no-dry-run`, `aws … --dry-run --no-dry-run`,
 * `helm uninstall --dry-run=none`, `wrangler deploy --dry-run=false`, Go's `-refresh-only=false`).
 * Read once per command over the whole option list, for every tool: when the run is not dry in the
 * end, every dry-run word is taken out of the arguments, so every pack and the classifier judge the
 * real run without each reading the option again. A run that stays dry is left as written (the packs'
 * own readings decide), so this can only make a verdict stricter.
 */

import type { ArgWord } from '../shell/ast';
import { commandNode, readingsOf, toolNamed } from './commandModel';
import { isSharedDryRun, verbTraitsOf } from './verbTraits';

/** Values that switch a boolean off: `none` (helm), `false`/`0`/`no`/`off` (yargs, cobra, nopt), Go's `f`. */
const OFF = /^(none|false|no|0|off|f)$/i;

/** Values that, in the next word, can only be the dry-run option's own (`--dry-run false`). */
const NEXT_WORD_OFF = /^(none|false)$/i;

/**
 * Switches that keep a run from changing anything beyond what a dry run does, undone the same way:
 * `terraform apply -refresh-only` only updates the state's record (developer.hashicorp.com/terraform/cli/commands/plan#planning-modes).
 */
const RESTRICTING: Readonly<Record<string, readonly string[]>> = { terraform: ['-refresh-only'], tofu: ['-refresh-only'], terragrunt: ['-refresh-only', '--refresh-only'] };

/** Cheap test: a word that can switch something off. Most commands have none and cost nothing more. */
function mayUndo(args: readonly ArgWord[]): boolean {
  return args.some((a) => !a.dynamic && (/^--?no-/i.test(a.text) || /^-[^=]*=(none|false|no|0|off|f)$/i.test(a.text) || NEXT_WORD_OFF.test(a.text)));
}

/** The dry-run spellings of the tool `name` for these words: shared, the verb floor's, the registry's (tool and subcommand). */
function spellingsOf(name: string, args: readonly ArgWord[]): Set<string> {
  const out = new Set<string>([...(verbTraitsOf(name).dryRun ?? []), ...(RESTRICTING[name] ?? [])]);
  const tool = toolNamed(name);
  if (tool) {
    for (const spelling of tool.dryRun ?? []) out.add(spelling);
    for (const parsed of readingsOf(args, tool)) for (const spelling of commandNode(parsed).dryRun ?? []) out.add(spelling);
  }
  return out;
}

/** Whether the long option `option` (dashes kept) is a dry-run spelling, written whole or as an unambiguous-looking prefix (`--dry`). */
function isDryLong(option: string, spellings: ReadonlySet<string>): boolean {
  if (isSharedDryRun(option) || spellings.has(option)) return true;
  if (!option.startsWith('--') || option.length < 5) return false;
  return [...spellings, '--dry-run'].some((s) => s.startsWith('--') && s.startsWith(option));
}

/**
 * `args` without their dry-run words when the run is not dry in the end; undefined when nothing
 * undoes a dry run (the words stand as written).
 */
export function withoutUndoneDryRun(name: string, args: readonly ArgWord[]): ArgWord[] | undefined {
  if (!mayUndo(args)) return undefined;
  const spellings = spellingsOf(name, args);
  const shortLetters = [...spellings].filter((s) => /^-[A-Za-z]$/.test(s)).map((s) => s[1]!);
  let dry = false;
  const drop = new Set<number>();
  const letters = new Map<number, string[]>();
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word.dynamic) continue;
    if (word.text === '--') break;
    const m = /^(--?[A-Za-z][\w.-]*)(?:=([\s\S]*))?$/.exec(word.text);
    if (!m) continue;
    const option = m[1]!;
    const negated = /^(--?)no-(.+)$/i.exec(option);
    if (negated && isDryLong(`${negated[1]}${negated[2]}`, spellings) && m[2] === undefined) {
      dry = false;
      drop.add(i);
      continue;
    }
    if (isDryLong(option, spellings)) {
      let value = m[2];
      const next = args[i + 1];
      if (value === undefined && next && !next.dynamic && NEXT_WORD_OFF.test(next.text)) {
        value = next.text;
        drop.add(i + 1);
      }
      dry = value === undefined || !OFF.test(value);
      drop.add(i);
      continue;
    }
    // Short dry-run letters alone or in a bundle (`-n`, `-nf`).
    if (shortLetters.length > 0 && /^-[A-Za-z]+$/.test(option) && m[2] === undefined) {
      const found = shortLetters.filter((l) => option.slice(1).includes(l));
      if (found.length === 0) continue;
      dry = true;
      letters.set(i, found);
    }
  }
  if (dry || (drop.size === 0 && letters.size === 0)) return undefined;
  const out: ArgWord[] = [];
  args.forEach((word, i) => {
    if (drop.has(i)) return;
    const gone = letters.get(i);
    if (!gone) return void out.push(word);
    const rest = [...word.text.slice(1)].filter((l) => !gone.includes(l)).join('');
    if (rest !== '') out.push({ ...word, text: `-${rest}`, raw: `-${rest}` });
  });
  return out;
}
