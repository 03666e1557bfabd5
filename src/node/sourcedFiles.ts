import * as path from 'node:path';
import { FileSignatureCache, FolderAbsences } from './fileSignatureCache';
import { readRegularFileSync } from './safeOpen';

/**
 * Files the shell start-up files read in turn: `source ~/.cargo/env`, `. "$HOME/.aliases"`,
 * `[ -f ~/.fzf.bash ] && source ~/.fzf.bash`, `for f in ~/.bashrc.d/*.sh; do . "$f"; done`. A line
 * written into any of them runs in every new shell, so they are start-up files too. Read from the
 * start-up files that exist (non-blocking opens, 64 KiB each, two levels deep); a path built from
 * other variables is not followed.
 */

const START = ['.bashrc', '.bash_profile', '.bash_login', '.profile', '.zshenv', '.zshrc', '.zprofile', '.zlogin', '.kshrc', '.mkshrc', '.shrc'];
const MAX_BYTES = 64 * 1024;
const MAX_FILES = 32;

/** `source X` / `. X` targets and loop lists in shell text, as written (quotes removed). */
export function sourcedPathsIn(text: string): string[] {
  const out: string[] = [];
  const code = text.split('\n').map((line) => line.replace(/(^|\s)#.*$/, ''));
  for (const line of code) {
    for (const m of line.matchAll(/(?:^|[;&|({]|\bthen|\bdo|\belse)\s*\\?(?:source|\.)\s+("[^"]+"|'[^']+'|[^\s;&|)]+)/g)) out.push(m[1]!.replace(/^["']|["']$/g, ''));
  }
  // for f in ~/.bashrc.d/*.sh; do . "$f"; done: the loop's list is sourced when its variable is.
  const all = code.join('\n');
  for (const m of all.matchAll(/\bfor\s+(\w+)\s+in\s+([^;\n]+)/g)) {
    if (new RegExp(`(source|\\.)\\s+"?\\$\\{?${m[1]}\\b`).test(all)) for (const word of m[2]!.trim().split(/\s+/)) out.push(word.replace(/^["']|["']$/g, ''));
  }
  return out.filter((w) => !/^\$\{?\w+\}?"?$/.test(w));
}

function expand(word: string, home: string, from: string): string | undefined {
  const text = word.replace(/^~(?=\/)/, home).replace(/\$\{HOME\}|\$HOME(?![A-Za-z0-9_])/g, home).replace(/\$\{ZDOTDIR:-[^}]*\}|\$\{ZDOTDIR\}|\$ZDOTDIR(?![A-Za-z0-9_])/g, home);
  if (/\$|`/.test(text)) return undefined;
  // A pattern names the folder its entries are in: the perimeter protects what is below it.
  const literal = text.includes('*') || text.includes('?') ? text.slice(0, text.search(/[*?]/)).replace(/\/[^/]*$/, '') : text;
  if (literal === '' || literal === home) return undefined;
  return path.isAbsolute(literal) ? path.normalize(literal) : path.normalize(path.join(path.dirname(from), literal));
}

/** What one start-up file sources, as written; kept per file signature (the decision server asks on every call). */
const sourcedWords = new FileSignatureCache<readonly string[]>();

function sourcedWordsOf(file: string): readonly string[] {
  return sourcedWords.get(file, () => {
    const bytes = readRegularFileSync(file, MAX_BYTES);
    return bytes ? sourcedPathsIn(bytes.toString('utf8')) : [];
  });
}

/** Which start-up files the home lacks (most of the eleven), asked again only when the home's entries change. */
const absentStartFiles = new FolderAbsences();

/** Files and folders the home's start-up files source, and what those source, absolute. */
export function sourcedStartupFiles(home: string): string[] {
  const found = new Set<string>();
  const absent = absentStartFiles.missing(home, START);
  let queue = START.filter((name) => !absent.has(name)).map((name) => path.join(home, name));
  for (let depth = 0; depth < 2 && queue.length > 0; depth++) {
    const next: string[] = [];
    for (const file of queue) {
      for (const word of sourcedWordsOf(file)) {
        const target = expand(word, home, file);
        if (!target || found.has(target) || found.size >= MAX_FILES) continue;
        // System files are already covered by rule; /dev and /proc are not files anyone edits.
        if (/^\/(dev|proc|sys)\//.test(target)) continue;
        found.add(target);
        next.push(target);
      }
    }
    queue = next;
  }
  return [...found];
}
