import { manualFacts, type ManualFacts } from '../../registry/manualFacts';
import { verbPhrase } from '../../registry/targetWords';
import type { FloorChange } from './floorChanges';
import { learnedChange } from './learnedFloor';
import { derivedPlaces } from './derivedCleanups';

/**
 * Stop 40 (issue #18 criterion 8, an experiment): the verb floor's last word for a program nothing else describes
 * (no registry entry, pack, handler or traits: the floor's `undescribed`), read from what its own manual page says
 * (`registry/manualFacts.ts`, built by `scripts/manpages/build.ts` from Debian's pages).
 *
 * - An option the command uses whose description destroys or overwrites (`jdupes -d`: "delete all others";
 *   `pngquant --force`: "overwrite existing output files") asks, naming the option and where the fact came from.
 * - A subcommand likewise (`nfacct flush`).
 * - A program whose name line destroys (`qdel - delete jobs from queues`) asks, unless the command uses an option
 *   the same page describes as reading, printing help or a dry run, or its first word reads (`list`).
 *
 * What the command names is judged as the floor judges it elsewhere: a run whose every named place is a cache or a
 * temporary folder (`/tmp/acme-build`, `system.cache`) cleans derived data and stays allowed (`derivedCleanups.ts`).
 *
 * It is called last, where nothing above asked: a description never makes a known tool's rule weaker, and never
 * allows what another rule asks about.
 */

interface ReadingLike {
  positionals: readonly { text: string; index: number }[];
  options: readonly { name: string; value?: string; next?: string; index: number }[];
  maybeValues: ReadonlySet<number>;
}

/** The spellings one option word stands for: itself, or each letter of a cluster of short options (`-dN`). */
function spellings(name: string, facts: ManualFacts): string[] {
  if (facts.options.has(name) || facts.reading.has(name)) return [name];
  // A long option abbreviated the way getopt_long accepts (`bleachbit --list` for `--list-cleaners`): the one spelling it prefixes.
  // not an option reader: the option was read by the floor's reading; this matches its name against the manual's spellings.
  if (name.startsWith('--')) {
    const whole = [...facts.options.keys(), ...facts.reading].filter((spelling) => spelling.startsWith(name));
    return whole.length === 1 ? whole : [name];
  }
  if (!/^-[A-Za-z0-9]{2,}$/.test(name)) return [name];
  return Array.from(name.slice(1), (c) => `-${c}`);
}

function sourceOf(tool: string, facts: ManualFacts): string {
  return `${tool}'s manual page, Debian package ${facts.source}`;
}

/** The operands the command names (not an option's value), at most three. */
function operands(reading: ReadingLike, after: number): string[] {
  return reading.positionals.filter((w) => w.index > after && !reading.maybeValues.has(w.index) && !/\s/.test(w.text)).map((w) => w.text).slice(0, 3);
}

/** A change the program's manual says the command makes, or undefined. */
export function manualChange(tool: string, reading: ReadingLike, readsOnly: (word: string) => boolean, handKnown: (text: string) => boolean = () => false): FloorChange | undefined {
  const facts = manualFacts(tool);
  if (facts === undefined) return undefined;
  const used = reading.options.flatMap((o) => spellings(o.name, facts));
  if (derivedPlaces([...reading.positionals.map((w) => w.text), ...reading.options.map((o) => o.value ?? '')])) return undefined;
  for (const name of used) {
    const fact = facts.options.get(name);
    if (fact === undefined) continue;
    const [verb, all] = fact;
    const names = operands(reading, -1);
    return { rule: 'verbs.manual-option', shown: name, verb, phrase: `${verbPhrase(verb)} (${sourceOf(tool, facts)}: ${all} ${verb}s)`, groups: [], names: names.length > 0 ? names : [`what ${tool} acts on (not named)`] };
  }
  const first = reading.positionals.find((w) => !reading.maybeValues.has(w.index));
  // A command word the floor's hand lists know (`clean`, `stop`, `set`) was decided there: the manual does not overrule it.
  // A cleaning word (`distclean`, `cleanbuild`) is the floor's to judge as cleaning the tool's own output.
  const sub = first !== undefined && !handKnown(first.text) && !/clean/i.test(first.text) ? facts.subcommands.get(first.text) : undefined;
  if (first !== undefined && sub !== undefined) {
    const names = operands(reading, first.index);
    return { rule: 'verbs.manual-subcommand', shown: first.text, verb: sub, phrase: `${verbPhrase(sub)} (${sourceOf(tool, facts)}: \`${first.text}\` ${sub}s)`, groups: [], names: names.length > 0 ? names : [`what ${tool} ${first.text} acts on (not named)`] };
  }
  if (facts.nameVerb === undefined || used.some((n) => facts.reading.has(n)) || (first !== undefined && readsOnly(first.text))) return undefined;
  const names = operands(reading, -1);
  return { rule: 'verbs.manual-name', shown: '', verb: facts.nameVerb, phrase: `${verbPhrase(facts.nameVerb)} (${sourceOf(tool, facts)}: its name line says it ${facts.nameVerb}s)`, groups: [], names: names.length > 0 ? names : [`what ${tool} acts on (not named)`] };
}

/** The floor's last two words for a program nothing describes: what the described tools teach, then what its manual says. */
export function learnedOrManual(tool: string, reading: ReadingLike, readsOnly: (word: string) => boolean, handKnown: (text: string) => boolean): FloorChange | undefined {
  return learnedChange(tool, reading, handKnown) ?? manualChange(tool, reading, readsOnly, handKnown);
}
