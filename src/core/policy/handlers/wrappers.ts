/**
 * Peeling wrappers (`sudo`, `env -C dir`, `timeout 5`, `xargs`, `uv run` …, described in
 * `../../shell/wrappers.ts`): each hop records what the wrapper changes for the wrapped command (its
 * environment, directory, the wrapper's words) and either hands the wrapped argv back to the walker or,
 * for a wrapper that runs a shell line or nothing, finishes the command here.
 */

import { resolvePath } from '../../paths';
import { WRAPPERS, parallelInputCommand } from '../../shell/wrappers';
import type { ArgWord, Invocation } from '../types';
import { xargsInput } from '../xargs';
import { commandName, type Exec, type Walker } from './context';
import { entriesAfterWrapper } from './runnerEntries';
import { programOptions, programVariables } from './byName';
import { targetVariables } from '../lineState';
import { canonicalArgs } from '../../registry/commandWords';

export const MAX_WRAPPER_HOPS = 32;

/** The argv left once every wrapper is peeled, or the command's end when a wrapper finished it. */
export function peelWrappers(w: Walker, argvIn: ArgWord[], exec: Exec, unitsPerWord: number): { argv: ArgWord[] } | { done: Invocation | undefined } {
  let argv = argvIn;
  for (let hop = 0; ; hop++) {
    const first = argv[0];
    if (!first || !w.afford(unitsPerWord * argv.length + 1, w.viaOf(exec))) return { done: undefined };
    if (hop >= MAX_WRAPPER_HOPS) {
      // What runs after this many wrappers was not looked at: a limit never passes a command as ordinary.
      w.addOpaque(`more than ${MAX_WRAPPER_HOPS} wrappers (env, sudo, timeout ...) in a row`, w.viaOf(exec));
      return { done: undefined };
    }
    if (first.dynamic) {
      w.addOpaque(`the command name is computed at run time (${first.raw.slice(0, 80)})`, w.viaOf(exec));
      return { done: undefined };
    }
    const name = commandName(first.text);
    const peel = Object.prototype.hasOwnProperty.call(WRAPPERS, name) ? WRAPPERS[name] : undefined;
    if (!peel) return { argv };
    const before = argv;
    // `ls -a | parallel cat`, `parallel cat :::: list`: the input's words are appended as xargs appends them.
    const input = name === 'parallel' ? parallelInputCommand(argv.slice(1)) : undefined;
    if (input && (input.file || exec.stdin)) {
      const fileOption: ArgWord[] = input.file ? [{ text: '-a', raw: '-a', dynamic: false, glob: false }, input.file] : [];
      exec.wrappers = [...exec.wrappers, 'parallel'];
      if (fileOption.length > 0) exec.wrapperWords = [...(exec.wrapperWords ?? []), ...fileOption];
      argv = xargsInput(w, input.command, fileOption, exec);
      continue;
    }
    const peeled = peel(argv.slice(1));
    if (peeled.notWrapping) return { argv };
    if (peeled.assignments) exec.assignments = { ...exec.assignments, ...peeled.assignments };
    if (peeled.chdir !== undefined) exec.cwd = resolvePath(exec.cwd, peeled.chdir, w.facts.home);
    if (peeled.unknown !== undefined) w.addOpaque(peeled.unknown, w.viaOf(exec), undefined, peeled.fetchedFrom);
    const label = peeled.label ?? name;
    // `cargo run` (its build script and main source), `direnv exec DIR cmd` (DIR's .envrc) are read before the program they run.
    // `uv run --with ./x cmd` (round 14): the folders it builds first.
    if (peeled.label === 'cargo run' || (name === 'direnv' && peeled.argv.length > 0) || name === 'uv') entriesAfterWrapper(w, name === 'cargo' ? 'cargo-run' : name, argv.slice(1), exec, undefined, true);
    if (name === 'parallel' && linesAreCommands(argv.slice(1), peeled.none === true, peeled.shellText?.text)) {
      const inv = w.emit(name, first.text, argv.slice(1), exec);
      w.stdinProgram(name, 'shell', inv, exec);
      return { done: inv };
    }
    if (peeled.none || (peeled.argv.length === 0 && !peeled.shellText)) {
      // A wrapper that runs nothing here is a command of its own (`gem yan`, `uv publish --dry-run --no-dry-run`): its words as it reads them.
      const inv = w.emit(name, first.text, canonicalArgs(name, argv.slice(1)), exec);
      entriesAfterWrapper(w, name, argv.slice(1), exec, inv);
      // `RUSTC_WRAPPER=/tmp/x cargo build`: the variables that name a program hold for the wrapper's own work.
      programVariables(w, exec);
      return { done: inv };
    }
    if (peeled.shellText) {
      const inv = w.emit(name, first.text, argv.slice(1, peeled.ownWords === undefined ? argv.length : 1 + peeled.ownWords), exec);
      if (peeled.shellText.dynamic) w.addOpaque(`${label} runs a command line built at run time`, w.viaOf(exec));
      else w.analyzeText(peeled.shellText.text, w.childScope(exec, label));
      return { done: inv };
    }
    exec.wrappers = [...exec.wrappers, label];
    // Words the wrapper supplied itself (xargs' default `echo`) are not taken from the line.
    const taken = peeled.argv.length - (peeled.supplied ?? 0);
    const consumed = before.slice(1, before.length - taken);
    if (consumed.length > 0) exec.wrapperWords = [...(exec.wrapperWords ?? []), ...consumed];
    // `npx @openai/codex@0.1.0`: the package and release the runner fetches, which the binary's name no longer says.
    if (peeled.fetched) exec.wrapperWords = [...(exec.wrapperWords ?? []), peeled.fetched];
    // `dotenv -e .env.production -- cmd`, `env-cmd -f .env.staging cmd`, `op run --env-file=…`: the program (and any script it runs) gets the file's variables.
    if (consumed.length > 0 && /^(dotenv(-cli|x)?|env-cmd|op)$/.test(name)) loadEnvFiles(w, consumed, exec);
    // A wrapper's own option that names a program it starts too (`valgrind --db-command=CMD prog`).
    if (consumed.length > 0) programOptions(w, name, consumed, exec);
    argv = peeled.argv;
    if (name === 'xargs') {
      const options = before.slice(1, Math.max(1, before.length - taken));
      argv = xargsInput(w, argv, options, exec);
    }
  }
}

/** `parallel < jobs.txt` (no command: each input line is one), `parallel --pipe sh < f` (a shell reads the input): the input is run as shell text. */
function linesAreCommands(args: readonly ArgWord[], none: boolean, command: string | undefined): boolean {
  if (args.some((a) => a.text.startsWith(':::'))) return false;
  if (none) return true;
  return args.some((a) => a.text === '--pipe' || a.text === '--pipepart') && /^\s*(\S*\/)?(sh|bash|dash|zsh|ksh)\s*$/.test(command ?? '');
}

/** The `NAME=value` lines of the env files a loader names, as the environment of what it runs (a variable set on the line itself wins). */
function loadEnvFiles(w: Walker, words: readonly ArgWord[], exec: Exec): void {
  const loaded: Record<string, string> = {};
  for (const word of words.slice(0, 16)) {
    // `-e .env.production`, or glued to its option (`--env-file=.env.production`): a file name, not an option reader.
    const file = word.text.slice(word.text.lastIndexOf('=') + 1);
    if (word.dynamic || !/(^|\/)\.env(\.[\w.-]+)?$|\.env$/.test(file)) continue;
    const text = w.readFile(resolvePath(exec.cwd, file, w.facts.home), w.viaOf(exec)) ?? '';
    for (const m of text.slice(0, 65_536).matchAll(/^[ \t]*(?:export[ \t]+)?([A-Za-z_]\w*)[ \t]*=[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#]*))/gm)) loaded[m[1]!] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  const targets = targetVariables(loaded);
  if (Object.keys(targets).length > 0) exec.assignments = { ...targets, ...exec.assignments };
}
