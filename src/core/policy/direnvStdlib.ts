/**
 * direnv's standard library in an `.envrc` (stop 36, red team round 24): the functions that change
 * what later programs load, written as the shell they amount to, so the rules that judge `export
 * PATH=…` and `. file` judge them too. `PATH_add DIR…` and `load_prefix DIR` put folders first on PATH
 * (and the library path); `path_add VAR DIR…` first on any variable (`NODE_PATH`, `PYTHONPATH`);
 * `source_env`/`source_env_if_exists FILE` and `source_up` run another file's text; `source_url URL`
 * runs what an address serves. Other lines stay as written (`layout node`, `use nix`, `dotenv`,
 * `export FOO=1`).
 */

function quoted(word: string): string {
  return `"${word.replace(/["\\$`]/g, (c) => (c === '$' ? '$' : `\\${c}`))}"`;
}

/** The words of a stdlib call's arguments (quotes taken off; nothing else is expanded). */
function words(rest: string): string[] {
  return [...rest.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter((w) => w !== '' && !w.startsWith('#'));
}

function prepend(variable: string, dirs: readonly string[]): string {
  return dirs.length === 0 ? '' : `export ${variable}=${quoted(dirs.join(':'))}:"$${variable}"`;
}

/** One line of an `.envrc` as shell. */
function lineAsShell(line: string): string {
  const m = /^(\s*)(PATH_add|path_add|MANPATH_add|load_prefix|source_env|source_env_if_exists|source_up|source_up_if_exists|source_url)\b(.*)$/.exec(line);
  if (!m) return line;
  const [, indent, fn, rest] = m;
  const args = words(rest!);
  switch (fn) {
    case 'PATH_add':
      return indent + prepend('PATH', args);
    case 'MANPATH_add':
      return indent + prepend('MANPATH', args);
    case 'path_add':
      return indent + prepend(args[0] ?? 'PATH', args.slice(1));
    case 'load_prefix':
      return args[0] === undefined ? '' : `${indent}${prepend('PATH', [`${args[0]}/bin`])}; ${prepend('LD_LIBRARY_PATH', [`${args[0]}/lib`])}`;
    case 'source_env':
    case 'source_env_if_exists': {
      // A folder named is its `.envrc`; a file that is not there yet is one the hook cannot read.
      const file = args[0];
      if (file === undefined) return '';
      return `${indent}. ${quoted(file)}`;
    }
    case 'source_up':
    case 'source_up_if_exists':
      return `${indent}. ${quoted(`../${args[0] ?? '.envrc'}`)}`;
    case 'source_url':
      return args[0] === undefined ? '' : `${indent}curl -fsSL ${quoted(args[0])} | sh`;
    default:
      return line;
  }
}

/** An `.envrc`'s text as the shell it amounts to. */
export function direnvAsShell(text: string): string {
  return text.split('\n').map(lineAsShell).join('\n');
}
