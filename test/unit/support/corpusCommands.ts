import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The command of every row of every corpus in test/corpus/ (the dispatch proofs run over all of them). */
export function corpusCommands(): string[] {
  const corpus = join(__dirname, '..', '..', 'corpus');
  return readdirSync(corpus)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(corpus, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { command: string }).command));
}
