import { resolvePath } from '../paths';
import type { SnippetLanguage } from './types';

/**
 * What a runtime loads for a script operand that names no file of its own. `node fake` runs
 * `fake.js` (then `.json`, `.node`), and `node dir` runs `dir/package.json`'s `main` (itself
 * resolved the same way) or `dir/index.js` (Node's CommonJS resolution, which the main entry point
 * uses; tsx and ts-node add the TypeScript extensions). `python3 dir` runs `dir/__main__.py`. The
 * hook must judge the file the runtime will load, not nothing because the operand itself is no file.
 */

export interface EntryReader {
  read(absolutePath: string): string | undefined;
  listDir(absolutePath: string): readonly string[] | undefined;
}

const SCRIPT_EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts', '.tsx', '.mts', '.cts', '.jsx'];
/** How deep `main` may point to another folder's `main` before the resolution gives up. */
const MAX_MAIN_HOPS = 4;

function javascriptEntry(path: string, reader: EntryReader, hops: number): { path: string; text: string } | undefined {
  for (const ext of SCRIPT_EXTENSIONS) {
    const text = reader.read(path + ext);
    if (text !== undefined) return { path: path + ext, text };
  }
  if (reader.listDir(path) === undefined) return undefined;
  const pkg = reader.read(path + '/package.json');
  if (pkg !== undefined && hops < MAX_MAIN_HOPS) {
    let main: unknown;
    try {
      main = (JSON.parse(pkg) as { main?: unknown }).main;
    } catch {
      main = undefined;
    }
    if (typeof main === 'string' && main.trim() !== '') {
      const target = resolvePath(path, main, '');
      const text = reader.read(target);
      if (text !== undefined) return { path: target, text };
      const found = javascriptEntry(target, reader, hops + 1);
      if (found) return found;
    }
  }
  return javascriptEntry(path + '/index', reader, MAX_MAIN_HOPS);
}

/** The file `kind`'s runtime loads for `path` when `path` itself could not be read, or undefined. */
export function resolvedEntry(path: string, kind: SnippetLanguage | 'shell', reader: EntryReader): { path: string; text: string } | undefined {
  const bare = path.replace(/\/+$/, '') || '/';
  if (kind === 'javascript') return javascriptEntry(bare, reader, 0);
  if (kind === 'python' && reader.listDir(bare) !== undefined) {
    const text = reader.read(bare + '/__main__.py');
    return text === undefined ? undefined : { path: bare + '/__main__.py', text };
  }
  return undefined;
}
