import type { GrammarSpec } from '../../../src/core/shell/grammar';

/**
 * The generated placement tables' two helpers (`registry/placements.test.ts`, `registry/effectPlacements.test.ts`):
 * every way to write an option with its value, and a row's words with the option at each marked place.
 */

/** Every way to write `option value` the grammar accepts: separated, glued (`--opt=v`, `-ov`), abbreviated where it accepts prefixes. */
export function spellings(grammar: Pick<GrammarSpec, 'abbreviations'>, option: readonly string[], value: string): string[] {
  const out: string[] = [];
  for (const name of option) {
    if (value === '') {
      out.push(name);
      if (name.startsWith('--') && grammar.abbreviations) out.push(name.slice(0, -1));
      continue;
    }
    out.push(`${name} ${value}`);
    if (name.startsWith('--')) out.push(`${name}=${value}`);
    else if (name.length === 2) out.push(`${name}${value}`);
    if (name.startsWith('--') && grammar.abbreviations && name.length > 5) out.push(`${name.slice(0, -1)} ${value}`);
  }
  return out;
}

/** The row's words with the option at each place marked `@` (`{at}` is a literal `@`, as in `kitty @ send-text`). */
export function placements(words: string, option: string): string[] {
  const parts = words.split('@');
  const out: string[] = [];
  for (let i = 0; i < parts.length - 1; i++) out.push(parts.map((p, k) => (k === i ? p + option + ' ' : p)).join('').replace(/\s+/g, ' ').replace(/\{at\}/g, '@').trim());
  return out;
}
