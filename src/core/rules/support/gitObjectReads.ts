import { freeFormReadings } from '../../registry/freeForm';
import type { ArgWord, Finding, Invocation } from '../../policy/types';
import type { HistoryReader } from './gitSecretRoads';
import { echoedText } from './pipedText';

/**
 * `git cat-file`: an object named by its hash (`-p 67148e0`, `blob a47bb27`) or read from standard
 * input (`echo a47bb27 | git cat-file --batch`) prints its text; a blob is judged by that text under the
 * paths history gave it (the `object` history query). Object names the guard cannot read (a pipe from
 * another program) stand for every object.
 */
export function catFileReads(inv: Invocation, rest: readonly ArgWord[], history: HistoryReader): Finding[] {
  const batch = rest.some((a) => /^--batch(=.*)?$|^--batch-command/.test(a.text));
  if (batch && rest.some((a) => a.text === '--batch-all-objects')) return history(inv, { kind: 'all', revs: [] }, 'git cat-file --batch-all-objects');
  if (batch) {
    // Object names read from standard input: what `echo`/`printf` or a here-string writes, else any object at all.
    const from = inv.stdin;
    const text = from?.kind === 'pipe' && (from.from.name === 'echo' || from.from.name === 'printf') ? echoedText(from.from) : from?.kind === 'heredoc' || from?.kind === 'herestring' ? from.text : undefined;
    const names = text?.split(/\s+/).filter((w) => w !== '' && !w.includes(':')).slice(0, 16);
    if (names === undefined || names.some((n) => !/^[\w./~^@{}+-]+$/.test(n))) return history(inv, { kind: 'all', revs: [] }, 'git cat-file --batch');
    return names.length > 0 ? history(inv, { kind: 'object', revs: names }, 'git cat-file --batch') : [];
  }
  // `git cat-file -p 67148e0`, `git cat-file blob a47bb27`: an object's text (`-t`, `-s`, `-e` print none; `REV:path` is the hunt's).
  if (rest.some((a) => /^-[tse]$/.test(a.text))) return [];
  const words = freeFormReadings(rest).usual.operands;
  const object = words[words.length - 1];
  if (!object || object.text.includes(':') || (words.length === 1 && !rest.some((a) => a.text === '-p'))) return [];
  return history(inv, object.dynamic ? { kind: 'all', revs: [] } : { kind: 'object', revs: [object.text] }, 'git cat-file');
}
