import { resolvePath } from '../../paths';
import type { Facts } from '../../policy/types';
import { pathsOfWord } from './credentialPaths';

/**
 * The folders a file lister walks, read from its own words: `git ls-files src test` lists what is
 * tracked under src/ and test/ only, `ls -a config | grep env` lists config/. A pathspec that is a
 * pattern (`'*.env'`, `:(glob)**`), or none at all, leaves the whole working folder.
 */

const LS_FILES_VALUED = new Set(['-x', '--exclude', '-X', '--exclude-from', '--exclude-per-directory', '--format', '--with-tree', '--abbrev']);

/** Pathspec folders of `git ls-files` (its words after `ls-files`), or `['.']` when it lists everything. */
export function gitLsFilesRoots(words: readonly string[]): string[] {
  const roots: string[] = [];
  let end = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (!end && w === '--') {
      end = true;
      continue;
    }
    if (!end && w.startsWith('-')) {
      if (!w.includes('=') && LS_FILES_VALUED.has(w)) i++;
      continue;
    }
    if (w === '|' || w === ';' || w === '&&' || w === '||') break;
    if (/[*?[\]:!^]/.test(w) || w === '') return ['.'];
    roots.push(w);
  }
  return roots.length > 0 ? roots : ['.'];
}

/** The words of a lister written in substitution text, up to the first pipe: `-a config` of `$(ls -a config | grep env)`. */
export function listerWords(rest: string): string[] {
  return (rest.split('|')[0] ?? '').trim().split(/\s+/).filter((x) => x !== '');
}

/** What a listing piped into `xargs READER` selects: its folders, a name test, and which files it shows. */
export interface ListedFiles {
  roots: string[];
  name?: (base: string) => boolean;
  hidden: boolean;
  /** Gitignored files are listed too. */
  ignored: boolean;
  /** Only the files directly in each root (`ls DIR`), not below. */
  direct: boolean;
  nameHunt: boolean;
}

const LS_VALUED = new Set(['-I', '--ignore', '-w', '--width', '-T', '--tabsize', '--hide', '--format', '--sort', '--time', '--time-style', '--block-size', '--color', '--quoting-style', '--indicator-style']);
const RG_VALUED = new Set(['-g', '--glob', '--iglob', '-t', '--type', '-T', '--type-not', '--max-depth', '-d', '--ignore-file', '-j', '--threads', '--type-add', '--sort', '--sortr', '--max-filesize']);
const AG_VALUED = new Set(['-G', '--file-search-regex', '--ignore', '--ignore-dir', '--depth', '-p', '--path-to-ignore', '-m', '--max-count']);
const HUNT_NAME = /env|secret|cred|key|token|pem|tfstate/i;

function globTest(globs: readonly string[]): ((base: string) => boolean) | undefined {
  const positive = globs.filter((g) => !g.startsWith('!'));
  if (positive.length === 0) return undefined;
  // `-g '*.py'`: a name test; a glob with a folder in it is matched on its last part.
  const res = positive.map((g) => new RegExp('^' + (g.split('/').pop() ?? g).replace(/[.+^$()|{}[\]\\]/g, '\\$&').replace(/\*+/g, '.*').replace(/\?/g, '.') + '$'));
  return (base) => res.some((r) => r.test(base));
}

/**
 * `ls [-a] DIR…`, `rg --files [-g GLOB] [PATH…]`, `ag -g PATTERN [PATH…]`: the files a listing prints,
 * as far as its words say. Undefined for any other command.
 */
export function listedFiles(name: string, words: readonly string[]): ListedFiles | undefined {
  const paths: string[] = [];
  const globs: string[] = [];
  let hidden = false;
  let ignored = false;
  let recursive = false;
  let agPattern: string | undefined;
  let filesMode = false;
  if (name === 'tree' || name === 'du') return walkerListing(name, words);
  const valued = name === 'ls' ? LS_VALUED : name === 'rg' ? RG_VALUED : name === 'ag' ? AG_VALUED : undefined;
  if (!valued) return undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '|' || w === ';') break;
    if (w.startsWith('-') && w !== '-') {
      if (name === 'ag' && (w === '-g' || w === '--filename-pattern')) {
        filesMode = true;
        agPattern = words[++i];
        continue;
      }
      if (name === 'rg' && w === '--files') filesMode = true;
      if ((name === 'rg' || name === 'ag') && /^(--hidden|-u+|--unrestricted|--all-types|-a)$/.test(w)) hidden = true;
      if ((name === 'rg' || name === 'ag') && /^(--no-ignore\S*|-uu+|--skip-vcs-ignores|-U)$/.test(w)) ignored = true;
      if (name === 'ls' && (/^-[a-zA-Z]*[aA]/.test(w) || w === '--all' || w === '--almost-all')) hidden = true;
      if (name === 'ls' && (/^-[a-zA-Z]*R/.test(w) || w === '--recursive')) recursive = true;
      if ((w === '-g' || w === '--glob' || w === '--iglob') && name === 'rg') globs.push(words[i + 1] ?? '');
      if (!w.includes('=') && valued.has(w)) i++;
      continue;
    }
    paths.push(w);
  }
  if (name !== 'ls' && !filesMode) return undefined;
  let agTest: ((base: string) => boolean) | undefined;
  if (agPattern !== undefined) {
    try {
      const re = new RegExp(agPattern, 'i');
      agTest = (base) => re.test(base);
    } catch {
      agTest = undefined;
    }
  }
  const nameTest = name === 'ag' ? agTest : globTest(globs);
  const selector = name === 'ag' ? (agPattern ?? '') : globs.join(' ');
  return {
    roots: paths.length > 0 ? paths : ['.'],
    ...(nameTest ? { name: nameTest } : {}),
    hidden,
    // ls shows dot-files with -a and never filters by ignore files; rg and ag honour .gitignore.
    ignored: name === 'ls' ? true : ignored,
    direct: name === 'ls' && !recursive,
    nameHunt: HUNT_NAME.test(selector),
  };
}

const TREE_VALUED = new Set(['-L', '-P', '-I', '-o', '-H', '-T', '--filelimit', '--charset', '--sort', '--timefmt', '--infile']);
const DU_VALUED = new Set(['-d', '--max-depth', '-B', '--block-size', '-t', '--threshold', '--exclude', '-X', '--exclude-from', '--time-style', '--files0-from']);

/**
 * `tree -a -f -i DIR` and `du -a DIR` walk every folder below their roots and print each file's path (tree
 * shows dot-files with -a; du shows them always, and files only with -a). Neither reads ignore files
 * (tree only with --gitignore).
 */
function walkerListing(name: 'tree' | 'du', words: readonly string[]): ListedFiles | undefined {
  const valued = name === 'tree' ? TREE_VALUED : DU_VALUED;
  const paths: string[] = [];
  let hidden = name === 'du';
  let files = name === 'tree';
  let ignored = true;
  let pattern: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '|' || w === ';') break;
    if (w.startsWith('-') && w !== '-') {
      if (name === 'tree' && /^-[a-zA-Z]*a/.test(w) && !w.startsWith('--')) hidden = true;
      if (name === 'tree' && w === '--gitignore') ignored = false;
      if (name === 'tree' && w === '-d') files = false;
      if (name === 'du' && (/^-[a-zA-Z]*a/.test(w) && !w.startsWith('--') || w === '--all')) files = true;
      if (name === 'tree' && w === '-P') pattern = words[i + 1];
      if (!w.includes('=') && valued.has(w)) i++;
      continue;
    }
    paths.push(w);
  }
  if (!files) return undefined;
  const nameTest = pattern !== undefined ? globTest([pattern]) : undefined;
  return { roots: paths.length > 0 ? paths : ['.'], ...(nameTest ? { name: nameTest } : {}), hidden, ignored, direct: false, nameHunt: HUNT_NAME.test(pattern ?? '') };
}

/** A lister's operand as paths: a glob (`ls ~/.aws/*`) is expanded, anything else resolved as written. */
export function listerOperandPaths(operand: string, cwd: string, facts: Facts): string[] {
  if (!/[*?[]/.test(operand)) return [resolvePath(cwd, operand, facts.home)];
  return pathsOfWord({ text: operand, raw: operand, dynamic: false, glob: true }, cwd, facts);
}
