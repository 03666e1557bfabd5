import { commandNode, invocationCommand } from '../registry/commandModel';
import { clientStatementWords, sqlReadFiles, sqlWrittenFiles } from './sqlOutputFiles';
import { valueWord } from './effectOptions';
import type { PathEffect } from './effects';
import type { ArgWord, Invocation } from './types';

/**
 * The effects of a tool whose registry entry names output options (`outputOptions`: a compiler's
 * `-o`, rustc's `--out-dir`, `go build -o`): each value is a write of that path, read through the one
 * grammar (glued `-ofile`, `--out-dir=x` alike); every other word stays what it was, a word nobody
 * described. A database client's statements are read for the files they write (`sqlOutputFiles.ts`:
 * `psql -c '\o f'`, `duckdb -c "COPY … TO 'f'"`). Undefined when the tool names no output (its words stay unknown).
 */
export function registryOutputEffects(inv: Invocation): PathEffect[] | undefined {
  const command = invocationCommand(inv);
  if (!command) return undefined;
  const node = commandNode(command.parsed);
  const outputs = [...(command.tool.outputOptions ?? []), ...(node.outputOptions ?? [])];
  const client = node.client ?? command.tool.client;
  const written: ArgWord[] = [];
  const read: ArgWord[] = [];
  const taken = new Set<ArgWord>();
  // Round 27: a folder it fills with names it chooses (`gh release download -D .git/hooks`, `eget --to ~/.local/bin`).
  const filled: ArgWord[] = [];
  for (const option of command.parsed.options) {
    if (!node.outputFolders?.includes(option.name)) continue;
    option.valueWords.forEach((word, n) => {
      taken.add(word);
      filled.push(valueWord(word, option.values[n] ?? word.text));
    });
  }
  if (client) {
    for (const word of clientStatementWords(command.parsed, client)) {
      if (word.dynamic) continue;
      for (const file of sqlWrittenFiles(word.text)) written.push({ text: file, raw: file, dynamic: false, glob: false });
      for (const file of sqlReadFiles(word.text)) read.push({ text: file, raw: file, dynamic: false, glob: false });
    }
  }
  // Round 27: operands a subcommand reads whole and keeps (`docker secret create NAME FILE`).
  const inputs = node.inputOperands;
  if (inputs) for (const word of inputs === 'last' ? command.parsed.operands.slice(-1) : command.parsed.operands) {
    taken.add(word);
    read.push(word);
  }
  for (const option of command.parsed.options) {
    if (!outputs.includes(option.name)) continue;
    option.valueWords.forEach((word, n) => {
      taken.add(word);
      written.push(valueWord(word, option.values[n] ?? word.text));
    });
  }
  const operandWrites = command.tool.outputOperands;
  if (operandWrites && !command.parsed.options.some((o) => outputs.includes(o.name))) {
    const operands = command.parsed.operands;
    for (const word of operandWrites === 'last' ? operands.slice(-1) : operands) {
      taken.add(word);
      written.push(word);
    }
  }
  if (written.length === 0 && read.length === 0 && filled.length === 0) return undefined;
  return [
    ...written.map((word) => ({ kind: 'write' as const, word })),
    ...read.map((word) => ({ kind: 'read' as const, word })),
    ...filled.map((word) => ({ kind: 'extract' as const, word })),
    ...inv.args.filter((w) => !taken.has(w)).map((word) => ({ kind: 'unknown' as const, word })),
  ];
}
