import type { Exec } from './handlers/context';
import type { ArgWord } from './types';
import { freeFormReadings } from '../registry/freeForm';

/**
 * Stop 37 (round 27): variables a wrapper or a runtime loads reach every command of the text it runs
 * (`npx dotenv -c production -- sh -c 'psql $DATABASE_URL'`, `node --env-file=.env.production -e
 * "spawnSync('psql', …)"`). A child scope keeps the words that loaded them, so the commands there know which
 * environment they run with (`loadedEnvironment` in `rules/support/injectedSecrets.ts`).
 */

/** At most this many loader words are kept (the nearest ones). */
const MAX_WORDS = 64;

/** The loader words a child scope of `exec` inherits: its shell's own, then the words of the wrappers that started the text. */
export function loaderWordsOf(exec: Exec): { loaderWords?: readonly ArgWord[] } {
  const words = [...(exec.scope.loaderWords ?? []), ...(exec.wrapperWords ?? [])];
  return words.length > 0 ? { loaderWords: words.slice(-MAX_WORDS) } : {};
}

/** The wrapper words an invocation carries: its own wrappers' (`wrapperWords`) and those that started its shell (`loaderWords`). */
export function wrapperFields(exec: Exec): { wrapperWords?: ArgWord[]; loaderWords?: readonly ArgWord[] } {
  return {
    ...(exec.wrapperWords && exec.wrapperWords.length > 0 ? { wrapperWords: exec.wrapperWords } : {}),
    ...(exec.scope.loaderWords ? { loaderWords: exec.scope.loaderWords } : {}),
  };
}

/** A runtime's own options that load an env file (`node --env-file=.env.production`, `deno run --env-file .env.prod`, `bun --env-file`). */
const ENV_FILE_OPTIONS = new Set(['--env-file', '--env-file-if-exists']);

/** `exec` with the env-file options among a runtime's arguments (read through the one grammar) added to its wrapper words, for the code it runs. */
export function withEnvFileWords(exec: Exec, args: readonly ArgWord[]): Exec {
  const words: ArgWord[] = [];
  for (const option of freeFormReadings(args).valued.options) {
    const value = option.values[0];
    if (!ENV_FILE_OPTIONS.has(option.name) || value === undefined || words.length >= 8) continue;
    const text = `${option.name}=${value}`;
    words.push({ ...(args[option.index] ?? { dynamic: false, glob: false }), text, raw: text });
  }
  return words.length > 0 ? { ...exec, wrapperWords: [...(exec.wrapperWords ?? []), ...words] } : exec;
}
