import { basename, resolvePath } from '../../paths';
import { effectsOf } from '../../policy/effects';
import { valueWord } from '../../policy/effectOptions';
import type { ArgWord, Facts, Invocation } from '../../policy/types';
import { GIT_HOOK_NAMES } from '../deferred/gitPrograms';
import { deferredPlaceOf } from '../deferred/places';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * Round 29 (#18 criterion 5): an option nobody described whose value is a place that runs its text later is a write
 * of that place (`mysqldump mydb --result-file=.git/hooks/pre-push`, `pg_dump -f .git/hooks/pre-push`,
 * `sometool --out-dir .git/hooks`). A value naming a git hook (or the hook folder) is never routine, whatever the
 * option is called; a value naming any other place that runs later (`/etc/cron.d/x`, `.husky/pre-commit`) counts when
 * the option's name says it writes (`--output`, `--log-file`, `--save`, `-o` …). A separate word after a switch
 * (`-x FILE`) may be an operand, so there the option's name must say it writes. The text written is output the hook
 * cannot read now, so the deferred pack judges it as such. Only words the command's effects leave unknown are read:
 * a described program's options say what they do.
 */

export interface OptionValueWrite {
  path: string;
  option: string;
}

/** Long option names that say the value is written (an output, a log, a dump, a save, a destination), and `-o`/`-O`. */
const WRITES_BY_NAME = /^(?:--?[\w-]*(?:out|output|result|log|save|dump|write|dest|destination|target|export|report|record)[\w-]*|-[oO])$/;
/** Before a hook path, the short letters that write a file in the usual dump and download tools too (`pg_dump -f`, `mysqldump -r`, `aria2c -d`). */
const HOOK_WRITER_LETTERS = /^-[wrfd]$/;

/** Option values among the words `inv`'s effects leave unknown, read by the free-form grammar: `--opt=V` (glued), `--opt V`/`-x V` (maybe). */
export function unknownOptionValues(inv: Invocation): { option: string; word: ArgWord; glued: boolean }[] {
  const unknown = new Set(effectsOf(inv).filter((e) => e.kind === 'unknown').map((e) => e.word));
  const { usual, valued } = freeFormReadings(inv.args);
  const out: { option: string; word: ArgWord; glued: boolean }[] = [];
  const glued = new Set<number>();
  for (const o of usual.options) {
    const at = inv.args[o.index];
    if (at === undefined || !unknown.has(at) || o.values[0] === undefined || o.values[0] === '') continue;
    glued.add(o.index);
    out.push({ option: o.name, word: valueWord(at, o.values[0]), glued: true });
  }
  for (const o of valued.options) {
    const word = o.valueWords[0];
    if (glued.has(o.index) || word === undefined || !unknown.has(word)) continue;
    out.push({ option: o.name, word, glued: false });
  }
  return out;
}

/** The hook file a path names: a hook of `.git/hooks/`, or the folder itself (a file of a name not known lands there). */
function gitHookOf(path: string): string | undefined {
  const folder = /\/\.git\/hooks\/?$/.test(path) ? path.replace(/\/$/, '') : undefined;
  if (folder !== undefined) return `${folder}/pre-commit`;
  return /\/\.git\/hooks\/[^/]+$/.test(path) && GIT_HOOK_NAMES.has(basename(path)) ? path : undefined;
}

/** Places that run their text later, written through an option nobody described. */
export function optionValueWrites(inv: Invocation, facts: Facts, cwd: string): OptionValueWrite[] {
  const out: OptionValueWrite[] = [];
  for (const { option, word, glued } of unknownOptionValues(inv)) {
    if (word.dynamic || word.text === '' || word.text.startsWith('/dev/')) continue;
    const path = resolvePath(cwd, word.text, facts.home);
    const hook = gitHookOf(path);
    // `-x FILE` may be a switch before an operand (`shellcheck -x .git/hooks/pre-commit` reads it): only a writer's name counts there.
    if (hook !== undefined && (glued || WRITES_BY_NAME.test(option) || HOOK_WRITER_LETTERS.test(option))) out.push({ path: hook, option });
    else if (WRITES_BY_NAME.test(option) && deferredPlaceOf(path) !== undefined) out.push({ path, option });
  }
  return out;
}
