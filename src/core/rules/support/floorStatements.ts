import type { ArgWord, Invocation } from '../../policy/types';
import { PROSE_OPTIONS } from '../../policy/effects';
import { freeFormReadings } from '../../registry/freeForm';
import { destructiveMongo, destructiveStatement } from './storeProtocols';
import { keptShort } from './dataRetention';

/** The verb floor's statements (moved out of `rules/verbs.ts`, stop 39, to keep it under the size limit): a destroying statement in an argument or on standard input. */

/** A free-text argument that is a statement destroying data: SQL, CQL, InfluxQL, Cypher, a Mongo call. */
export function statementOf(args: readonly ArgWord[]): string | undefined {
  // Operands and glued values, in order; a prose option's value (`-m "drop the old table"`) is not a statement.
  const { usual, valued } = freeFormReadings(args);
  const prose = new Set(valued.options.filter((o) => PROSE_OPTIONS.has(o.name)).flatMap((o) => o.valueWords));
  const texts = [
    ...usual.operands.map((w, k) => ({ word: w, at: usual.operandIndexes[k]!, text: args[usual.operandIndexes[k]! - 1]?.text === '--alter' ? `ALTER TABLE t ${w.text}` : w.text })).filter((v) => !prose.has(v.word)),
    // `--alter 'DROP COLUMN x'` (gh-ost, pt-online-schema-change) is the body of an ALTER TABLE the tool runs.
    ...usual.options.filter((o) => !PROSE_OPTIONS.has(o.name)).flatMap((o) => o.values.map((text) => ({ at: o.index, text: o.name === '--alter' && !/^\s*alter\b/i.test(text) ? `ALTER TABLE t ${text}` : text }))),
  ].sort((a, b) => a.at - b.at);
  for (const { text } of texts) {
    if (!/\s|\(/.test(text)) continue;
    const found = destructiveStatement(text) ?? destructiveMongo(text);
    if (found) return found;
  }
  return undefined;
}

/** A destroying statement fed on standard input (`sqlplus … <<< "DROP TABLE t"`, a heredoc, `echo … |`). */
export function stdinStatement(inv: Invocation): string | undefined {
  const s = inv.stdin;
  const here = inv.redirects.find((r) => r.op === '<<<')?.target.text;
  // A file on standard input (`bq query < drop.sql`, round 17) is a handed script (support/scriptPayloads.ts).
  const text = s?.kind === 'heredoc' || s?.kind === 'herestring' ? s.text : s?.kind === 'pipe' && (s.from.name === 'echo' || s.from.name === 'printf') ? s.from.args.map((a) => a.text).join(' ') : here;
  // Round 22: a console told to keep data for a moment (`echo 'update pool=Full volretention=1d' | bconsole`).
  return text !== undefined ? destructiveStatement(text) ?? destructiveMongo(text) ?? text.split('\n').map((l) => l.trim()).find((l) => keptShort([l]) !== undefined) : undefined;
}
