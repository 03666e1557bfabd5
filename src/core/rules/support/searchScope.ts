import { ownTable } from '../../ownTable';
import { minimatch } from 'minimatch';
import type { ArgWord } from '../../policy/types';

/**
 * Which files a search is confined to by its own words, so a credential file outside them is not
 * counted as searched: ripgrep's file types (`rg TOKEN --type ts`, `-tpy`, `-T json` to leave one out)
 * and globs (`-g '*.ts'`, `-g '!config'`), and git grep's pathspecs after `--` (`git grep X -- '*.ts'`).
 * A type ripgrep does not know here leaves the search unconfined (the guard errs towards asking).
 */

/** A few of ripgrep's built-in types (`rg --type-list`), by the globs they stand for. */
const RG_TYPES: Readonly<Record<string, readonly string[]>> = ownTable({
  ts: ['*.ts', '*.tsx', '*.cts', '*.mts'],
  typescript: ['*.ts', '*.tsx', '*.cts', '*.mts'],
  js: ['*.js', '*.jsx', '*.mjs', '*.cjs', '*.vue'],
  py: ['*.py', '*.pyi'],
  python: ['*.py', '*.pyi'],
  rust: ['*.rs'],
  go: ['*.go'],
  java: ['*.java', '*.jsp', '*.jspx', '*.properties'],
  ruby: ['*.rb', '*.gemspec', 'Gemfile', 'Rakefile', '*.rake'],
  css: ['*.css', '*.scss'],
  html: ['*.htm', '*.html', '*.ejs'],
  md: ['*.md', '*.markdown', '*.mdx'],
  markdown: ['*.md', '*.markdown', '*.mdx'],
  sh: ['*.sh', '*.bash', '*.zsh', '.bashrc', '.zshrc', '.profile'],
  sql: ['*.sql', '*.psql'],
  c: ['*.c', '*.h'],
  cpp: ['*.cpp', '*.cc', '*.cxx', '*.hpp', '*.hh', '*.h'],
  php: ['*.php', '*.php3', '*.php4', '*.php5', '*.phtml'],
  kotlin: ['*.kt', '*.kts'],
  swift: ['*.swift'],
  json: ['*.json', '*.jsonl', '*.geojson'],
  yaml: ['*.yaml', '*.yml'],
  toml: ['*.toml', 'Cargo.lock'],
  xml: ['*.xml', '*.xsd', '*.xsl'],
});

/** Does a gitignore-style glob match a workspace-relative path (a name without `/` matches any part of it)? */
function globMatches(glob: string, path: string): boolean {
  const pattern = glob.replace(/^\//, '').replace(/\/$/, '');
  if (!pattern.includes('/')) return path.split('/').some((part) => minimatch(part, pattern, { dot: true }));
  return minimatch(path, pattern, { dot: true }) || minimatch(path, pattern + '/**', { dot: true });
}

/** The value of an option at `i`: glued (`-tts`, `--type=ts`) or the next word. */
function valueAt(args: readonly ArgWord[], i: number, short: string, long: string): { value: string; next: number } | undefined {
  const t = (args[i] as ArgWord).text;
  if (t === short || t === long) return args[i + 1] ? { value: (args[i + 1] as ArgWord).text, next: i + 1 } : undefined;
  if (t.startsWith(long + '=')) return { value: t.slice(long.length + 1), next: i };
  if (short.length === 2 && t.startsWith(short) && !t.startsWith('--') && t.length > 2) return { value: t.slice(2), next: i };
  return undefined;
}

export type ScopeTest = (workspaceRelative: string) => boolean;

export function rgScope(args: readonly ArgWord[]): ScopeTest | undefined {
  const include: string[] = [];
  const exclude: string[] = [];
  let unknownType = false;
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as ArgWord).text;
    if (t === '--') break;
    const type = valueAt(args, i, '-t', '--type');
    const notType = valueAt(args, i, '-T', '--type-not');
    const glob = valueAt(args, i, '-g', '--glob') ?? valueAt(args, i, '', '--iglob');
    if (type) {
      const globs = RG_TYPES[type.value];
      if (globs) include.push(...globs);
      else unknownType = true;
      i = type.next;
    } else if (notType) {
      exclude.push(...(RG_TYPES[notType.value] ?? []));
      i = notType.next;
    } else if (glob) {
      if (glob.value.startsWith('!')) exclude.push(glob.value.slice(1));
      else include.push(glob.value);
      i = glob.next;
    }
  }
  if (unknownType || (include.length === 0 && exclude.length === 0)) return undefined;
  return (path) => (include.length === 0 || include.some((g) => globMatches(g, path))) && !exclude.some((g) => globMatches(g, path));
}

/** git grep's pathspecs after `--` (a `*` crosses folders; `:!x`/`:(exclude)x` leave one out). */
export function gitPathspecScope(rest: readonly ArgWord[]): ScopeTest | undefined {
  const dash = rest.findIndex((a) => a.text === '--');
  if (dash < 0) return undefined;
  const specs = rest.slice(dash + 1).map((a) => a.text);
  if (specs.length === 0 || rest.slice(dash + 1).some((a) => a.dynamic)) return undefined;
  const exclude = specs.filter((s) => /^:(!|\^|\(exclude\))/.test(s)).map((s) => s.replace(/^:(!|\^|\(exclude\))/, ''));
  const include = specs.filter((s) => !/^:(!|\^|\(exclude\))/.test(s));
  if (include.some((s) => s.startsWith(':'))) return undefined;
  const matches = (spec: string, path: string): boolean =>
    spec === '.' || path === spec || path.startsWith(spec.replace(/\/$/, '') + '/') || minimatch(path, spec, { dot: true, matchBase: !spec.includes('/') }) || minimatch(path, spec.replace(/\*/g, '**'), { dot: true });
  return (path) => (include.length === 0 || include.some((s) => matches(s, path))) && !exclude.some((s) => matches(s, path));
}
