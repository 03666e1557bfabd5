import { each } from './effectOptions';
import { EFFECT_RULES, READ_ONLY_COMMANDS } from './effectRules';
import type { ArgWord, GitMove, Invocation } from './types';
import { registryOutputEffects } from './registryOutputs';

/**
 * What an invocation can do to the paths it names, as declarative per-command data: which words it
 * only reads, which it writes, creates, deletes, moves, links or extracts into. The perimeter
 * (rules/perimeter) judges every effect against the protected paths; a command this module does not
 * describe is `unknown` in every word, and unknown is not safe there.
 *
 * The data: `READ_ONLY_COMMANDS` (every operand and option value is only read), each program's one
 * option table (`grammarOf` in `effectOptions.ts`: its registry entry when it has one, `REGISTRY_DESCRIBED`,
 * else its table in `EFFECT_GRAMMARS`) and `EFFECT_RULES` (one small function per command, over that grammar).
 */

export type EffectKind =
  /** Only read (or listed, or executed as a program that reads nothing of it). */
  | 'read'
  /** Its content or metadata changes (truncate, in-place edit, chmod, a redirect, a download target). */
  | 'write'
  /** A new file or folder appears there (mkdir, touch); harmless for a folder that only holds protected files. */
  | 'create'
  /** Removed (rm, rmdir, unlink, shred); `recursive` for a folder and all below it. */
  | 'delete'
  /** Renamed away (mv source, gzip without -k). */
  | 'move'
  /** Something else will point at it (ln target, cp -l/-s source): writes through the link reach it. */
  | 'link'
  /** Entries of names not known here are written below this folder (tar x, unzip, cp -r dir/. here). */
  | 'extract'
  /** The whole work tree below this folder is rewritten from git (reset --hard, stash, read-tree -u). */
  | 'rewrite'
  /** Program text (a sed script, awk program, interpreter code, SQL): any path it mentions may be written. */
  | 'code'
  /** Not described: may do anything to it. */
  | 'unknown';

export interface PathEffect {
  kind: EffectKind;
  word: ArgWord;
  /** A folder and everything below it. */
  recursive?: boolean;
  /** The command follows a symbolic link named by the word (`find -L`, `find -H`): its target's entries are what it acts on. */
  followsLinks?: boolean;
  /** `find -name` patterns narrowing a recursive delete to matching names (any match counts). */
  names?: readonly string[];
  /** The word is a folder the effect goes into (`cp x DIR`, `-t DIR`): `DIR/<basename of each source>` is written too. */
  into?: readonly ArgWord[];
  /** For `extract` by a copy (`cp -r src/. here`): the folders whose entries land there, when they can be listed. */
  from?: readonly ArgWord[];
  /**
   * The word (read) is a file whose lines name paths this effect kind acts on (`tar --remove-files -T list`,
   * `zip -m -@ < list`, `7z a -sdel @list` delete them): the perimeter judges line by line (rules/perimeter/archiveEntries.ts).
   */
  listing?: EffectKind;
  /** The word (read) names an entry inside an archive being listed, tested or printed, not a path on disk (`tar -tf a.tar NAME`). */
  member?: boolean;
  /** For an extraction: its archive is not on disk when the hook looks (downloaded by the same line, or misnamed), so its entries cannot be read. */
  archiveMissing?: boolean;
  /** For an append whose text is known (`echo 'tmp/' >> .cursorignore`): that text. */
  appended?: string;
  /**
   * For a git rewrite back to the last commit or the index (`reset --hard`, `stash`, `checkout -- .`):
   * it changes only tracked files that differ from it (and files staged as new), plus untracked or
   * ignored files when it says so. Omitted for rewrites to another commit, which may change any file.
   */
  gitScope?: GitScope;
  /** For a git move to other commits (a branch switch, a merge, a revert ...): what git is asked about the files it changes. */
  gitMoves?: readonly GitMove[];
  /**
   * For a mode change only (`chmod`, `find -exec chmod`): `grants` adds to what the owner may do and opens nothing
   * to others (`u+w`, `755`); `keeps-owner-rw` keeps the owner's read and write, opens nothing to others, and takes
   * execute away (`644`, `600`). Omitted for any other mode (`000`, `u-r`, `a+w`, `666`).
   */
  modeChange?: 'grants' | 'keeps-owner-rw';
}

export interface GitScope {
  /** Tracked files that differ from the last commit, and files staged as new (omitted: yes; `git clean`: no). */
  tracked?: boolean;
  untracked: boolean;
  ignored: boolean;
}


export { EFFECT_RULES, READ_ONLY_COMMANDS } from './effectRules';
export { GIT_READ_ONLY } from './gitEffects';

/** Words after `-m`, `--message`, `--body` ... are prose, not paths: an unknown command's message may name a file it does not touch. */
export const PROSE_OPTIONS: ReadonlySet<string> = new Set(['-m', '--message', '--body', '--title', '--description', '--notes', '--subject', '--comment']);

/**
 * What `inv` does to each word it names. Read-only commands read; described commands follow their
 * rule; anything else is `unknown` in every word (prose after `-m`/`--body` excepted).
 */
export function effectsOf(inv: Invocation): readonly PathEffect[] {
  let found = worked.get(inv);
  if (!found) worked.set(inv, (found = effectsNow(inv)));
  return found;
}

/**
 * Several packs ask for the same invocation's effects (the perimeter, clobber, commit hooks, deferred
 * places, the line passes): worked out once per invocation and handed out typed readonly, so that no reader changes another's
 * (not frozen: V8 reads frozen arrays on slower paths, and every pack iterates these).
 */
const worked = new WeakMap<Invocation, PathEffect[]>();

function effectsNow(inv: Invocation): PathEffect[] {
  if (READ_ONLY_COMMANDS.has(inv.name)) return each('read', inv.args);
  const rule = EFFECT_RULES[inv.name];
  if (rule) return rule(inv.args, inv);
  const outputs = registryOutputEffects(inv);
  if (outputs) return outputs;
  const out: PathEffect[] = [];
  for (let i = 0; i < inv.args.length; i++) {
    const word = inv.args[i]!;
    if (PROSE_OPTIONS.has(word.text) && inv.args[i + 1]) {
      i++;
      continue;
    }
    const eq = word.text.indexOf('=');
    if (word.text.startsWith('--') && eq > 0 && PROSE_OPTIONS.has(word.text.slice(0, eq))) continue;
    out.push({ kind: 'unknown', word });
  }
  return out;
}
