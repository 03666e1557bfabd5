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
import { ownTable } from '../ownTable';
import { commandNode, readingsOf, toolNamed } from './commandModel';
import { freeFormReadings } from './freeForm';
import type { ParsedCommand, ParsedOption } from './grammar';
import { isSharedDryRun, verbTraitsOf } from './verbTraits';

/** Values that switch a boolean off: `none` (helm), `false`/`0`/`no`/`off` (yargs, cobra, nopt), Go's `f`. */
const OFF = /^(none|false|no|0|off|f)$/i;

/** Values that, in the next word, can only be the dry-run option's own (`--dry-run false`). */
const NEXT_WORD_OFF = /^(none|false)$/i;

/**
 * Switches that keep a run from changing anything beyond what a dry run does, undone the same way:
 * `terraform apply -refresh-only` only updates the state's record (developer.hashicorp.com/terraform/cli/commands/plan#planning-modes).
 */
const RESTRICTING: Readonly<Record<string, readonly string[]>> = ownTable<readonly string[]>({ terraform: ['-refresh-only'], tofu: ['-refresh-only'], terragrunt: ['-refresh-only', '--refresh-only'] });

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

/** The spelling an option was written with, without a glued value (`--dry-run=none` → `--dry-run`). */
function spellingOf(option: ParsedOption): string {
  return option.written.split('=')[0]!;
}

/** Whether an option (by its described name or its spelling) is a dry-run spelling. */
function isDry(spelling: string, spellings: ReadonlySet<string>): boolean {
  return isSharedDryRun(spelling) || spellings.has(spelling);
}

/** `--no-dry-run`, `--no-dry` (git and npm take a prefix), `-no-dry-run`: the negation of a dry-run spelling. */
function negatesDry(spelling: string, spellings: ReadonlySet<string>): boolean {
  const m = /^(--?)no-(.+)$/i.exec(spelling);
  if (!m) return false;
  const positive = m[1]! + m[2]!;
  if (isDry(positive, spellings)) return true;
  return /^--.{3,}$/.test(positive) && [...spellings, '--dry-run'].some((s) => s.startsWith(positive));
}

interface Undo {
  /** Argument indexes to take out. */
  drop: Set<number>;
  /** Letters to take out of a cluster (`-nf` loses `n`), by argument index. */
  letters: Map<number, string[]>;
}

/** One reading's verdict: the words to take out when the run is not dry in the end, else undefined. */
function undoneIn(parsed: ParsedCommand, args: readonly ArgWord[], spellings: ReadonlySet<string>): Undo | undefined {
  let dry = false;
  const undo: Undo = { drop: new Set(), letters: new Map() };
  for (const option of parsed.options) {
    const spelling = spellingOf(option);
    if (negatesDry(spelling, spellings)) {
      dry = false;
      undo.drop.add(option.index);
      continue;
    }
    if (!isDry(spelling, spellings) && !isDry(option.name, spellings)) continue;
    const word = args[option.index]!;
    if (word.text !== option.written) {
      // One letter of a cluster (`-nf`).
      dry = true;
      undo.letters.set(option.index, [...(undo.letters.get(option.index) ?? []), spelling.slice(1)]);
      continue;
    }
    let value = option.values[option.values.length - 1];
    // `--dry-run false`: the next word, read as an operand of a switch, can only be the option's own value.
    const next = parsed.operandIndexes.indexOf(option.index + 1);
    if (value === undefined && next >= 0 && !parsed.operands[next]!.dynamic && NEXT_WORD_OFF.test(parsed.operands[next]!.text)) {
      value = parsed.operands[next]!.text;
      undo.drop.add(option.index + 1);
    }
    for (const valueWord of option.valueWords) if (valueWord !== word && NEXT_WORD_OFF.test(valueWord.text)) undo.drop.add(args.indexOf(valueWord));
    dry = value === undefined || !OFF.test(value);
    undo.drop.add(option.index);
  }
  return dry || (undo.drop.size === 0 && undo.letters.size === 0) ? undefined : undo;
}

/**
 * `args` without their dry-run words when the run is not dry in the end; undefined when nothing
 * undoes a dry run (the words stand as written). Any reading of the words that ends not dry is taken.
 */
export function withoutUndoneDryRun(name: string, args: readonly ArgWord[]): ArgWord[] | undefined {
  if (!mayUndo(args)) return undefined;
  const spellings = spellingsOf(name, args);
  const tool = toolNamed(name);
  const free = tool ? undefined : freeFormReadings(args);
  const all = tool ? readingsOf(args, tool) : [free!.usual, free!.valued];
  let undo: Undo | undefined;
  for (const parsed of all) {
    undo = undoneIn(parsed, args, spellings);
    if (undo) break;
  }
  if (!undo) return undefined;
  const { drop, letters } = undo;
  // A tool that is dry unless told (`aws-nuke … --no-dry-run`, verb traits `dryUnless`) keeps the word that makes its run real.
  const real = verbTraitsOf(name).dryUnless ?? [];
  for (const i of drop) if (real.includes(args[i]!.text)) drop.delete(i);
  const out: ArgWord[] = [];
  args.forEach((word, i) => {
    if (drop.has(i)) return;
    const gone = letters.get(i);
    if (!gone) return void out.push(word);
    const rest = word.text.slice(1).split('').filter((l) => !gone.includes(l)).join('');
    if (rest !== '') out.push({ ...word, text: `-${rest}`, raw: `-${rest}` });
  });
  return out;
}
