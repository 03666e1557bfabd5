import { minimatch } from 'minimatch';
import { resolvePath } from '../paths';

/**
 * The files a pattern in a program operand names (`node bin/reset-d?.js`, `python3 bin/purge_*.py`):
 * the shell expands it before the program starts, so the program runs what it matches. Only the last
 * segment may be a pattern (the folder is listed once); undefined when the folder cannot be listed or
 * holds a pattern itself: the caller asks rather than guess. No match leaves the word as written.
 */
export function globbedFiles(text: string, cwd: string, home: string, listDir: (path: string) => readonly string[] | undefined, max = 8): string[] | undefined {
  const slash = text.lastIndexOf('/');
  const folder = slash < 0 ? '.' : text.slice(0, slash) || '/';
  if (/[*?[\]{}]/.test(folder)) return undefined;
  const pattern = text.slice(slash + 1);
  const dir = resolvePath(cwd, folder, home);
  const names = listDir(dir);
  if (names === undefined) return undefined;
  const matches = names.filter((n) => minimatch(n, pattern, { dot: pattern.startsWith('.') })).sort();
  if (matches.length > max) return undefined;
  return matches.map((n) => (slash < 0 ? n : `${text.slice(0, slash + 1)}${n}`));
}
