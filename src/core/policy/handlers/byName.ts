import { resolvePath } from '../../paths';
import { canonicalArgs } from '../../registry/commandWords';
import { parsedArgs, toolNamed } from '../../registry/commandModel';
import { clientConfigPointers } from './clientConfigFiles';
import { toolAliases } from './toolAliases';
import { optionsMatching } from '../../registry/grammar';
import type { ArgWord, Invocation } from '../types';
import type { Exec, Walker } from './context';
import { handlerFor } from './index';
import { executablePath, namedLikeATool } from './shells';
import { SCRIPT_FILE_RUNNERS, scriptFileInline } from './scriptFiles';
import { payloadFilesInline } from './payloadFiles';

/**
 * A command by its name once wrappers are peeled: its handler (an interpreter, a runner), a program
 * given by its path (judged by its script), or a plain invocation; then the options its registry
 * entry says name a program it runs (`programOptions`), judged like commands.
 */
export function runByName(w: Walker, name: string, first: ArgWord, written: ArgWord[], exec: Exec): Invocation | undefined {
  // A dry run undone later on the line (`-n --no-dry-run`, `--dry-run=none`) is judged as the real run it is;
  // `npm unpub`, `gem yan`: the tool's own abbreviations and aliases name the command it runs.
  const args = canonicalArgs(name, written);
  // `:(){ :|:& };:`: a function that starts itself multiplies processes until the machine stops.
  if (exec.scope.functionName === name && !first.dynamic) w.addOpaque(`the shell function ${name} calls itself, which may start processes without end (a fork bomb)`, w.viaOf(exec));
  const handler = handlerFor(name);
  let inv: Invocation | undefined;
  if (handler) {
    inv = handler(w, name, first, args, exec);
    namedLikeATool(w, first, inv, exec);
  } else if (first.text.includes('/') && !first.text.endsWith('/')) inv = executablePath(w, name, first, args, exec);
  else inv = w.emit(name, first.text, args, exec);
  programOptions(w, name, args, exec);
  programVariables(w, exec);
  clientConfigPointers(w, name, args, exec);
  if (name === 'git' || name === 'gh') toolAliases(w, name, args, exec);
  if (SUBSCRIPT_READERS.has(name)) subscriptSubstitutions(w, args, exec);
  if (SCRIPT_FILE_RUNNERS.has(name)) scriptFileInline(w, name, args, exec);
  payloadFilesInline(w, name, args, exec);
  return inv;
}

/**
 * Builtins that take a variable name and evaluate an array subscript in it: `printf -v 'a[$(cmd)]' x`,
 * `read 'a[$(cmd)]'`, `unset 'a[$(cmd)]'`, `let 'a[$(cmd)]=1'` run `cmd` though the quotes kept the
 * shell from expanding it. The subscript is judged as if written unquoted.
 */
const SUBSCRIPT_READERS = new Set(['printf', 'read', 'unset', 'let', 'declare', 'typeset', 'local', 'readonly', 'export', 'test', '[', 'mapfile', 'readarray', 'wait']);
export const SUBSCRIPT = /[A-Za-z_]\w*\[([^\]]*(?:\$\(|`)[^\]]*)\]/g;

function subscriptSubstitutions(w: Walker, args: ArgWord[], exec: Exec): void {
  for (const arg of args) {
    if (arg.dynamic || !arg.text.includes('[')) continue;
    for (const m of arg.text.matchAll(SUBSCRIPT)) w.analyzeText(`: ${m[1]!}`, w.childScope(exec, 'an array subscript'));
  }
}

/**
 * Variables whose value is a program the command (or one it starts) runs: askpass helpers, pagers,
 * editors, less's input filter. `SUDO_ASKPASS=./x sudo -A true` runs `./x`: judged like a command, so
 * `PAGER=less` or `EDITOR='code --wait'` stay what they are. Values built at run time are left alone
 * (`EDITOR="$VISUAL"`). git's own variables are read with its settings (`codeRunners.ts`).
 */
const PROGRAM_VARIABLES = ['SUDO_ASKPASS', 'SSH_ASKPASS', 'GIT_ASKPASS', 'CC', 'CXX', 'CPP', 'LD', 'AR', 'BROWSER', 'PAGER', 'MANPAGER', 'EDITOR', 'VISUAL', 'SYSTEMD_PAGER', 'SYSTEMD_EDITOR', 'KUBE_EDITOR', 'PSQL_PAGER', 'LESSOPEN', 'LESSCLOSE', 'RUSTC_WRAPPER', 'RUSTC_WORKSPACE_WRAPPER', 'CARGO_BUILD_RUSTC_WRAPPER', 'RUSTC', 'RUSTDOC', 'CMAKE_C_COMPILER_LAUNCHER', 'CMAKE_CXX_COMPILER_LAUNCHER', 'FC', 'FCEDIT', 'TERMINAL', 'PROMPT_COMMAND', 'COMP_WORDBREAKS_HOOK', 'MYPY_EXEC', 'SVN_EDITOR', 'HGEDITOR', 'TF_CLI_CONFIG_FILE_PROGRAM'];

/**
 * Variables named by a pattern whose value is a program: cargo's per-target runners and linkers, npm's
 * settings given through the environment (`npm_config_node_gyp`, `npm_config_script_shell`, `git`, `shell`).
 */
const PROGRAM_VARIABLE_PATTERN = /^(CARGO_TARGET_\w+_(RUNNER|LINKER)|npm_config_(node_gyp|script_shell|shell|git|editor|browser|viewer)|NPM_CONFIG_(NODE_GYP|SCRIPT_SHELL|SHELL|GIT|EDITOR|BROWSER|VIEWER)|YARN_YARN_PATH)$/;

/** `GOFLAGS=-toolexec=/tmp/x`: go runs every tool of the build through the program it names (`-exec` runs the binaries). */
function goFlagPrograms(value: string): string[] {
  return [...value.matchAll(/(?:^|\s)--?(?:toolexec|exec)[= ](?:'([^']*)'|"([^"]*)"|(\S+))/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

export function programVariables(w: Walker, exec: Exec): void {
  const assigned = Object.keys(exec.assignments);
  // Most commands carry no assignment: nothing to look up.
  if (assigned.length === 0) return;
  const via = w.viaOf(exec);
  const names = [...PROGRAM_VARIABLES.filter((k) => exec.assignments[k] !== undefined), ...assigned.filter((k) => PROGRAM_VARIABLE_PATTERN.test(k))];
  const goflags = exec.assignments.GOFLAGS;
  if (goflags !== undefined && !goflags.includes('$') && !via.includes('GOFLAGS=')) {
    for (const program of goFlagPrograms(goflags)) {
      unreadableProgram(w, program, 'GOFLAGS -toolexec', exec);
      if (program.trim() !== '') w.analyzeText(program, w.childScope(exec, 'GOFLAGS='));
    }
  }
  for (const variable of names) {
    const value = exec.assignments[variable];
    // Judged once: the program's own commands inherit the variable.
    if (value === undefined || value.includes('$') || via.includes(`${variable}=`)) continue;
    // less's filters: `|cmd %s` pipes the file through cmd.
    const text = variable.startsWith('LESS') ? value.replace(/^\|+-?/, '').replace(/%s/g, 'file') : value;
    unreadableProgram(w, text, variable, exec);
    if (text.trim() !== '') w.analyzeText(text, w.childScope(exec, `${variable}=`));
  }
}

/** `rsync -e 'sh -c "…"'`, `helm --post-renderer ./x.sh`: what the option names runs here. */
export function programOptions(w: Walker, name: string, args: ArgWord[], exec: Exec): void {
  const spec = toolNamed(name);
  if (!spec || (!spec.programOptions && !spec.programSettings) || args.length === 0) return;
  const parsed = parsedArgs(args, spec);
  const programs: { word: ArgWord; text: string; label: string }[] = [];
  for (const option of optionsMatching(parsed, spec, spec.programOptions ?? [])) {
    option.valueWords.forEach((word, n) => programs.push({ word, text: option.values[n] ?? word.text, label: `${name} ${option.name}` }));
  }
  const settings = spec.programSettings;
  for (const option of settings ? optionsMatching(parsed, spec, settings.options) : []) {
    option.valueWords.forEach((word, n) => {
      // The option's value is a setting, `KEY=VALUE` (not an option reader).
      const value = option.values[n] ?? word.text;
      const eq = value.indexOf('=');
      if (eq > 0 && settings!.keys.test(value.slice(0, eq).trim())) programs.push({ word, text: value.slice(eq + 1).trim(), label: `${name} ${option.name} ${value.slice(0, eq).trim()}` });
    });
  }
  for (const { word, text, label } of programs) {
    if (word.dynamic) w.addOpaque(`${label} runs a program named at run time`, w.viaOf(exec));
    else if (text.trim() !== '') {
      unreadableProgram(w, text, label, exec);
      w.analyzeText(text, w.childScope(exec, label));
    }
  }
}

/** The system's own program folders, whose programs are the tools their names say. */
const SYSTEM_PROGRAM = /^\/(usr\/(local\/)?s?bin|s?bin|opt\/homebrew\/bin|usr\/libexec|snap\/bin)\//;

/** A program given by a path that is not there to read (`--post-renderer ./render.sh`): what it does cannot be known. */
function unreadableProgram(w: Walker, text: string, label: string, exec: Exec): void {
  const program = /^\s*(\S+)/.exec(text)?.[1] ?? '';
  if (!program.includes('/') || /[$`'"]/.test(program)) return;
  const path = resolvePath(exec.cwd, program, w.facts.home);
  if (SYSTEM_PROGRAM.test(path) || w.readFile(path, w.viaOf(exec)) !== undefined) return;
  w.addOpaque(`${label} runs ${program}, which is not there to read before it runs`, w.viaOf(exec));
}

