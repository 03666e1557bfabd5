import { DERIVED, DESTROY, DESTROY_WHOLE, READ } from '../../src/core/rules/verbs';
import { LEARNED_TABLE } from '../../src/core/registry/learnedTable';

/**
 * Stop 40 (issue #18 criterion 8): what one sentence of a manual says its program, option or subcommand does, by
 * its verb, read with the verb floor's own word classes (`rules/verbs.ts`: DESTROY, DESTROY_WHOLE, READ, DERIVED;
 * the learned words of `registry/learnedTable.ts`), so a word means the same thing in a command and in a manual.
 * Build-time only.
 *
 * A manual's prose is not a command line, so the reading is narrower than the floor's:
 * - only the sentence's own verb counts: its first word (after an adverb such as `force`, `forcibly`,
 *   `permanently`), a verb joined to it by `and`/`then` (`prompt user for files to preserve and delete all others`)
 *   or a participle after a comma (`prompt user for files to preserve, deleting all others`);
 * - a negated or conditional verb does not (`do not delete`, `prompt before removing`, `when deleting`);
 * - what is rebuilt on demand or belongs to the terminal is not destroyed (`clear the screen`, `remove the cache`);
 * - a few destroying words of commands mean something else in prose ({@link PROSE_ELSEWHERE}).
 */

export type SentenceClass = 'destroy' | 'overwrite' | 'read' | 'dry' | 'other';

export interface Classified {
  cls: SentenceClass;
  /** The verb that decided, as the engine spells it (`delete`, `overwrite`, `list`). */
  verb?: string;
}

/** Destroying words of command lines that in a manual's prose most often mean something that loses nothing. */
export const PROSE_ELSEWHERE: Readonly<Record<string, string>> = {
  detach: 'detach from the terminal, a session or a device',
  unset: 'unset a variable or a default',
  kill: 'kill processes (the team line: killing processes is routine)',
  down: 'a direction (`scroll down`, `round down`)',
  empty: 'an adjective (`an empty line`)',
  clear: 'clear a flag, a bit, the screen',
  cancel: 'cancel a running operation or a default',
  void: 'void is a type',
  dismiss: 'dismiss a dialog',
  unlink: 'unlink is a system call the manual names',
  expire: 'expire a time-out',
  gc: 'a collector of the program’s own garbage',
  shutdown: 'a connection shut down',
  evict: 'cache eviction',
  reset: 'reset a counter, a terminal, a setting to its default',
  retire: 'retired options',
  unregister: 'unregister a handler',
  deregister: 'deregister a handler',
  undefine: 'undefine a macro',
  uninstall: 'uninstall what the program itself installed',
  zap: 'rare in prose',
  flush: 'flush output buffers',
  drop: 'drop privileges, packets or a connection',
  terminate: 'terminate the program itself',
  clean: 'the floor reads cleaning words apart (`CLEAN`): routine for the tool\'s own output, destroying only for a named kind',
  cleanup: 'as `clean`',
  recreate: 'recreate a load, a file layout or a test case (reproduce)',
  scrub: 'scrub a filesystem or a disk: check it and repair what it finds',
};

/** Overwriting verbs: what was there is replaced with no copy kept. */
const OVERWRITE = new Set(['overwrite', 'clobber']);

/** Words that make the sentence's verb not happen, or happen elsewhere. */
const NEGATION = /^(do|does|don't|doesn't|never|not|no|without|avoid|prevent|refuse|skip|disable|suppress|inhibit|keep|preserve|protect|ask|prompt|confirm|warn|before|after|when|whenever|if|unless|instead|rather|allow|enable|permit|specify|specifies|set|sets|select|selects|choose|use|uses|controls?|determines?|indicates?)$/;

/** Adverbs and helpers before the verb (`forcibly remove`, `also delete`). */
const LEAD = /^(force|forcibly|forcefully|also|recursively|permanently|automatically|completely|silently|securely|actually|immediately|then|really|irrevocably|irreversibly|unconditionally|quietly|just|only|first|instantly|safely|attempt|try|tries|attempts|to)$/;

/** Objects that are rebuilt or belong to the session: removing them loses nothing. */
const HARMLESS_OBJECT = /^(screen|terminal|display|window|buffer|buffers|cache|caches|lock|locks|lockfile|pidfile|pid|socket|sockets|temporary|temp|tmp|trailing|leading|whitespace|spaces|blanks|comments|duplicates?\s*lines|newlines?|line|lines|escape|escapes|color|colors|colour|colours|prefix|suffix|header|headers|quotes|markup|tags|formatting|debug|debugging|symbols|padding|indentation|prompt|echo|signal|signals|timeout|timer|interrupt|flag|flags|bit|bits|breakpoint|breakpoints|watchpoint|highlighting|selection|history|environment|variable|variables|alias|aliases|stale|transient|intermediate|derived|characters?|chars|columns?|sections?|fields?|accents?|diacritics|relocations?|rpaths?|trigraphs|bytes|carriage|bom|nul|null|empty|blank|sequences?|ansi|control|trailer|lines?|words?|duplicate)$/;

/** Sentences that say the run is dry (`do not actually delete`, `show what would be done`, `simulate`). */
const DRY = /\b(dry[- ]?run|do(?:es)? not (?:actually|really) |don'?t (?:actually|really) |no[- ]act\b|simulat(?:e|es|ion)\b|(?:show|print|list|report)s? (?:what|which) (?:would|will)|without (?:actually )?(?:doing|changing|making|deleting|removing|modifying|writing)|trial run|pretend)/i;

/** The base form of an inflected verb (`deletes`, `deleted`, `deleting`, `wipes`, `flushes`, `dropped`). */
export function stem(word: string): string[] {
  const w = word.toLowerCase();
  const out = [w];
  if (w.endsWith('ies')) out.push(`${w.slice(0, -3)}y`);
  if (w.endsWith('es')) out.push(w.slice(0, -2));
  if (w.endsWith('s')) out.push(w.slice(0, -1));
  if (w.endsWith('ed')) out.push(w.slice(0, -2), w.slice(0, -1), w.slice(0, -3));
  if (w.endsWith('ing')) out.push(w.slice(0, -3), `${w.slice(0, -3)}e`, w.slice(0, -4));
  return out;
}

function destroying(base: string): boolean {
  // Abbreviations of command lines (`rm`, `rb`, `del`) are not prose verbs.
  if (base.length < 4 || Object.prototype.hasOwnProperty.call(PROSE_ELSEWHERE, base)) return false;
  return DESTROY.has(base) || DESTROY_WHOLE.has(base) || LEARNED_TABLE[base]?.[0] === 'destroy';
}

function reading(base: string): boolean {
  return READ.has(base) || /^(display|displays|print|output|report|dump|list|show|query|check|test|compare|find|search|count|verify|calculate|describe|summarize|summarise)$/.test(base) || LEARNED_TABLE[base]?.[0] === 'read';
}

/** The class a word has as a verb, with its base form. */
function verbClass(word: string): Classified | undefined {
  for (const base of stem(word)) {
    if (OVERWRITE.has(base) || base === 'truncate') return { cls: 'overwrite', verb: base };
    if (destroying(base)) return { cls: 'destroy', verb: base };
  }
  for (const base of stem(word)) if (reading(base)) return { cls: 'read', verb: base };
  return undefined;
}

/** Is what the verb at `i` acts on harmless (`clear the screen`, `remove trailing whitespace`, `delete the cache`)? */
function harmlessObject(words: readonly string[], i: number): boolean {
  const object = words.slice(i + 1, i + 4).filter((w) => !/^(the|a|an|all|any|its|their|each|every|existing|old|given|specified|of|from|on|in)$/.test(w));
  return object.length > 0 && (HARMLESS_OBJECT.test(object[0]!) || DERIVED.has(object[0]!));
}

/** What one sentence of a manual says: its verb's class. */
export function classifySentence(sentence: string): Classified {
  const text = sentence.toLowerCase().replace(/[“”"`'’]/g, (c) => (c === '’' || c === "'" ? "'" : ''));
  if (DRY.test(text)) return { cls: 'dry' };
  const words = text.replace(/,/g, ' , ').split(/[^a-z0-9',-]+/).filter((w) => w !== '');
  let i = 0;
  while (i < words.length && LEAD.test(words[i]!)) i++;
  const first = words[i];
  if (first === undefined) return { cls: 'other' };
  // A negated or conditional start (`do not overwrite`, `prompt before removing`, `when deleting`) says nothing destroys.
  if (NEGATION.test(first) && !(first === 'prompt' || first === 'ask')) return { cls: 'other' };
  const head = verbClass(first);
  if (head !== undefined && head.cls !== 'read' && !harmlessObject(words, i)) return head;
  if (head?.cls === 'read') return head;
  // `prompt user for files to preserve and delete all others`: a second verb joined by `and`/`then`, not negated.
  const sentenceEnd = words.length;
  for (let k = i + 1; k < Math.min(sentenceEnd, 24); k++) {
    // `prompt user for files to preserve, deleting all others`: a participle after a comma is the sentence's second verb.
    if (!/^(and|then)$/.test(words[k]!) && !(words[k] === ',' && /ing$/.test(words[k + 1] ?? ''))) continue;
    const next = words[k + 1];
    if (next === undefined || NEGATION.test(next)) continue;
    const joined = verbClass(next);
    if (joined !== undefined && joined.cls !== 'read' && !harmlessObject(words, k + 1)) return joined;
  }
  return { cls: 'other' };
}
