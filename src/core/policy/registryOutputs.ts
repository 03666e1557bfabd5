import { invocationCommand } from '../registry/commandModel';
import { valueWord } from './effectOptions';
import type { PathEffect } from './effects';
import type { ArgWord, Invocation } from './types';

/**
 * The effects of a tool whose registry entry names output options (`outputOptions`: a compiler's
 * `-o`, rustc's `--out-dir`, `go build -o`): each value is a write of that path, read through the one
 * grammar (glued `-ofile`, `--out-dir=x` alike); every other word stays what it was, a word nobody
 * described. Undefined when the tool has none or names no output (its words stay unknown).
 */
export function registryOutputEffects(inv: Invocation): PathEffect[] | undefined {
  const command = invocationCommand(inv);
  const outputs = command?.tool.outputOptions;
  if (!command || !outputs) return undefined;
  const written: ArgWord[] = [];
  const taken = new Set<ArgWord>();
  for (const option of command.parsed.options) {
    if (!outputs.includes(option.name)) continue;
    option.valueWords.forEach((word, n) => {
      taken.add(word);
      written.push(valueWord(word, option.values[n] ?? word.text));
    });
  }
  if (written.length === 0) return undefined;
  return [...written.map((word) => ({ kind: 'write' as const, word })), ...inv.args.filter((w) => !taken.has(w)).map((word) => ({ kind: 'unknown' as const, word }))];
}
