import { learnedVerb, type Learned as LearnedVerb, type VerbClass } from '../../registry/learnedTable';
import { identifierParts } from './cliArgs';
import { LEXICON } from './floorDisruptive';
import type { FloorChange } from './floorChanges';

/**
 * Stop 39 (issue #18 criteria 1 and 8): the verb floor's last word for a CLI nobody described, beneath its hand
 * lists. A command word none of the hand lists knows (`verbs.ts`' destroying, cleaning, read and action words,
 * `floorDisruptive.ts`' lexicon) is looked up in what the registry's described tools use it for
 * (`registry/learnedVerbs.ts`, read from the table it produced, `registry/learnedTable.ts`): a word they use to destroy, publish, disrupt or print a secret asks, and the
 * reason names the word, the class and the tools it was learned from; a word they use only to read ends the
 * search (what follows is a name). The first word a hand list knows decides, as before: a learned word never
 * outweighs a hand list, and never turns an ask into an allow.
 *
 * Learned reads are not reads for the production-unread check (`productionChange.ts`: production work nothing says
 * only reads asks). Tried at stop 39: it allowed `gigalixir ps -a acme-prod` (a false positive) and nothing else at
 * two tools; at one tool it turned four caught rows into allows (`convox env -a shop --rack acme/production`,
 * `vapor env:pull production`, `envconsul … env`, `terminus env:clone-content`), and the read words it learns
 * (`output`, `inspect`, `show`) print what a described tool's secret rules know to ask about. An ask stays an ask.
 */

const ASKS: ReadonlySet<VerbClass> = new Set(['destroy', 'publish', 'disrupt', 'secret-print']);

const PHRASES: Readonly<Record<VerbClass, string>> = {
  destroy: 'destroys', publish: 'publishes', disrupt: 'disrupts', 'secret-print': 'prints the secrets of', read: 'reads', other: 'changes',
};

interface ReadingLike {
  positionals: readonly { text: string; index: number }[];
  maybeValues: ReadonlySet<number>;
}

/** The learned class of a command word: the word whole, else its parts (`yank-version`); a read part makes it a read. */
function learnedOf(word: string): LearnedVerb | undefined {
  const whole = learnedVerb(word);
  if (whole !== undefined) return whole;
  const parts = identifierParts(word);
  if (parts.length < 2) return undefined;
  const found = parts.map((p) => learnedVerb(p)).filter((l): l is LearnedVerb => l !== undefined);
  return found.find((l) => l.verbClass === 'read') ?? found.find((l) => ASKS.has(l.verbClass));
}

/** Is a word one of the hand lexicon's of disruptive changes (`stop`, `push`, `maintenance`)? */
function inLexicon(word: string): boolean {
  const lower = word.toLowerCase();
  return [lower, ...identifierParts(word)].some((w) => LEXICON.some((row) => row.words.test(w)));
}

/**
 * A change the learned words say, or undefined. `handKnown` tells a word one of the floor's hand lists knows
 * (destroying, cleaning, derived, read or action words): there the hand lists have decided.
 */
export function learnedChange(tool: string, reading: ReadingLike, handKnown: (text: string) => boolean): FloorChange | undefined {
  const words = reading.positionals.filter((w) => !reading.maybeValues.has(w.index) && /^[A-Za-z][\w:-]*$/.test(w.text) && w.text.length <= 40).slice(0, 3);
  for (const [i, w] of words.entries()) {
    if (handKnown(w.text) || inLexicon(w.text)) return undefined;
    const learned = learnedOf(w.text);
    if (learned === undefined || learned.verbClass === 'other') continue;
    if (learned.verbClass === 'read') return undefined;
    const groups = words.slice(0, i).map((g) => g.text);
    const names = reading.positionals.filter((x) => x.index > w.index && !reading.maybeValues.has(x.index) && !/\s/.test(x.text)).map((x) => x.text).slice(0, 3);
    const why = `(\`${learned.word}\` is a ${learned.verbClass} word for ${learned.tools} of the ${learned.of} described tools that use it: ${learned.examples})`;
    return { rule: 'verbs.learned-verb', shown: [...groups, w.text].join(' '), verb: learned.word, phrase: `${PHRASES[learned.verbClass]} ${why}`, groups, names: names.length > 0 ? names : [`the ${tool} ${groups.length > 0 ? groups[groups.length - 1] : 'resource'} (not named)`] };
  }
  return undefined;
}
