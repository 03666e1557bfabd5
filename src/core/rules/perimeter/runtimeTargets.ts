import type { ArgWord } from '../../policy/types';

/**
 * Targets computed at run time (`echo {} > "$(cat /tmp/target.txt)"`, `tee $(jq -r .installs[0].file
 * ~/.blast-shield/installs.json)`, `while read f; do : > "$f"; done < list`): the path a writer
 * changes is the output of another command, which the hook cannot see. When that command reads
 * files, lists folders, decodes text or asks git for paths, its output may be any protected file, so
 * the perimeter treats the write as reaching it. Producers whose output cannot name an existing
 * protected file (`mktemp`, `date`, a commit hash) keep the write ordinary, and so does a computed
 * name with a fixed extension no protected file has (`"dist/$(git rev-parse --short HEAD).txt"`).
 */

/** Commands whose output is a fresh name, a time, an id or a number: never a path to something that exists. */
const FRESH_NAMES: ReadonlySet<string> = new Set([
  'mktemp', 'date', 'uuidgen', 'uuid', 'id', 'whoami', 'hostname', 'uname', 'nproc', 'seq', 'expr', 'tty', 'logname', 'arch', 'getconf',
]);

/** git subcommands that print hashes, names of refs or counts, not work-tree paths. */
const GIT_NAMES: ReadonlySet<string> = new Set(['rev-parse', 'describe', 'branch', 'symbolic-ref', 'rev-list', 'log', 'name-rev', 'tag']);

/** rev-parse's options that print a folder of the repository rather than a hash. */
const GIT_PATH_OPTIONS = /--(show-toplevel|show-cdup|show-prefix|show-superproject-working-tree|git-dir|absolute-git-dir|git-common-dir|git-path)\b/;

/** Filters that only narrow what the producer printed: the output is still the producer's. */
const FILTERS: ReadonlySet<string> = new Set(['head', 'tail', 'tr', 'cut', 'sort', 'uniq', 'xargs', 'grep', 'wc', 'awk', 'sed', 'basename', 'dirname']);

/** Extensions no protected file has: a computed name ending in one is a new file of the project's own. */
const HARMLESS_EXTENSION = /\.(txt|log|md|csv|tsv|out|err|html|xml|png|jpe?g|svg|gif|pdf|tar|tgz|gz|zip|bak|tmp|orig|patch|diff|lock|pid|sql|dump|snap|map|js|ts|css|py|go|rs|rb|java|c|h)$/i;

/** The command names a substitution's body runs (`$(cat x | head -1)` -> cat, head). */
function commandsOf(body: string): string[] {
  const names: string[] = [];
  for (const part of body.split(/\|\||&&|[|;&\n]/)) {
    const words = part.trim().replace(/^(\s*[A-Za-z_][A-Za-z0-9_]*=\S*\s+)+/, '').split(/\s+/);
    const name = (words[0] ?? '').replace(/^.*\//, '');
    if (name === '') continue;
    names.push(name === 'git' ? `git ${words.find((w, i) => i > 0 && !w.startsWith('-')) ?? ''}` : name);
  }
  return names;
}

/** The bodies of `$(...)` and backtick substitutions in a text (outermost, balanced). */
export function substitutionBodies(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '(' && text[i + 2] !== '(') {
      let depth = 0;
      let k = i + 1;
      for (; k < text.length; k++) {
        if (text[k] === '(') depth++;
        else if (text[k] === ')' && --depth === 0) break;
      }
      out.push(text.slice(i + 2, k));
      i = k;
    } else if (text[i] === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) break;
      out.push(text.slice(i + 1, end));
      i = end;
    }
  }
  return out;
}

/** Why the output of this substitution body may be any path, or undefined when it cannot name one. */
function pathProducer(body: string): string | undefined {
  const trimmed = body.trim();
  // `$(< file)`: the file's text.
  if (trimmed.startsWith('<')) return `the content of ${trimmed.slice(1).trim().split(/\s+/)[0] ?? 'a file'}`;
  // A substitution nested in this one is a producer of its own.
  for (const inner of substitutionBodies(trimmed)) {
    const why = pathProducer(inner);
    if (why) return why;
  }
  const names = commandsOf(trimmed);
  const producers = names.filter((n) => !FILTERS.has(n));
  // Only string functions over fixed words (`$(basename README.md)`): the output is known from the text.
  if (names.every((n) => n === 'basename' || n === 'dirname') && !/[$`<]/.test(trimmed)) return undefined;
  for (const name of producers.length > 0 ? producers : names) {
    if (FRESH_NAMES.has(name)) continue;
    // `git rev-parse --show-toplevel` (`--git-dir`, `--git-path hooks`, …) prints folders that hold hook configurations and git hooks (round 25).
    if (name.startsWith('git ') && GIT_NAMES.has(name.slice(4)) && !(name === 'git rev-parse' && GIT_PATH_OPTIONS.test(trimmed))) continue;
    if (name === 'pwd' || name === 'echo' && substitutionBodies(trimmed).length === 0 && !/\$/.test(trimmed) && producers.length === 1) continue;
    return `the output of \`${trimmed.slice(0, 60)}\``;
  }
  return undefined;
}

/**
 * When a write's target (text after known variables were expanded) is computed at run time by a
 * command that may print any path, the reason; undefined when it cannot be a protected file.
 */
export function runtimeTargetProducer(text: string, word: ArgWord, deletes: boolean): string | undefined {
  const tail = text.slice(Math.max(text.lastIndexOf(')'), text.lastIndexOf('}'), text.lastIndexOf('`')) + 1);
  if (!deletes && HARMLESS_EXTENSION.test(tail)) return undefined;
  for (const body of substitutionBodies(text)) {
    const why = pathProducer(body);
    if (why) return why;
  }
  for (const source of word.sources ?? []) {
    for (const body of substitutionBodies(source)) {
      const why = pathProducer(body);
      if (why) return why;
    }
  }
  return undefined;
}
