import { commandNode, parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { CommandSpec } from '../registry/types';
import { commandName, type Exec, type Scope } from './handlers/context';
import type { Assignment } from '../shell/ast';
import type { ArgWord } from './types';
import { namerefOf, recordCopy } from '../shell/expand';

/**
 * What earlier commands of the same line leave for later ones, kept beside the shell variables (so
 * subshells copy them alike): exported variables, aliases, and what a tool selected (`docker context use`).
 */

export const EXPORTED = '\u0000export:';
export const ALIAS = '\u0000alias:';

/** `alias NAME='text'`: kept beside the shell variables, read when NAME is later a command name. */
export function recordAliases(args: readonly ArgWord[], scope: Scope): void {
  for (const a of args.slice(0, 64)) {
    const eq = a.text.indexOf('=');
    if (eq <= 0) continue;
    const name = a.text.slice(0, eq);
    if (/^[\w.:+@%-]+$/.test(name)) scope.vars.set(ALIAS + name, a.text.slice(eq + 1));
  }
}

/** Variables whose removal moves where programs look for their per-user settings: `unset HOME` is judged as `HOME=` for later commands. */
const SETTINGS_HOMES = /^(HOME|USERPROFILE)$/;

/** `export NAME=value` / `export NAME`: kept beside the shell variables (so subshells copy them alike); `unset HOME` as an empty HOME. */
export function recordExports(args: readonly ArgWord[], scope: Scope, unset = false): void {
  for (const a of args.slice(0, 64)) {
    if (unset) {
      if (SETTINGS_HOMES.test(a.text)) {
        scope.vars.set(EXPORTED, '');
        scope.vars.set(EXPORTED + a.text, '');
      }
      continue;
    }
    if (a.text.startsWith('-')) continue;
    const eq = a.text.indexOf('=');
    const name = namerefTarget(eq > 0 ? a.text.slice(0, eq) : a.text, scope);
    if (!/^[A-Za-z_]\w*$/.test(name)) continue;
    const value = eq > 0 ? a.text.slice(eq + 1) : scope.vars.get(name);
    if (value !== undefined && value !== null) {
      scope.vars.set(EXPORTED, '');
      scope.vars.set(EXPORTED + name, value);
    }
  }
}

/** `declare -n R=ANTHROPIC_BASE_URL; export R=…`: a name reference's assignments set the variable it names. */
export function namerefTarget(name: string, scope: Scope): string {
  return namerefOf(name, scope) ?? name;
}

/** `declare -nx R=ANTHROPIC_BASE_URL; R=…`: assignments through a name reference, as assignments of the variable named, when either exports. */
export function exportedThroughRefs(assignments: readonly { name: string; raw: string }[], scope: Scope, exportsOnAssignment: (name: string, scope: Scope) => boolean): string[] {
  return assignments.filter((a) => namerefTarget(a.name, scope) !== a.name && (exportsOnAssignment(a.name, scope) || exportsOnAssignment(namerefTarget(a.name, scope), scope))).map((a) => namerefTarget(a.name, scope) + a.raw.slice(a.name.length));
}

export function selectionOf(argv: readonly ArgWord[]): Readonly<Record<string, string>> {
  const tool = toolNamed(commandName(argv[0]!.text));
  if (!tool || !selectsAnything(tool)) return {};
  const parsed = parsedArgs(argv.slice(1), tool);
  return commandNode(parsed).selects?.(toolArgs(tool.names[0] ?? '', parsed, tool)) ?? {};
}

const selecting = new WeakMap<CommandSpec, boolean>();

function selectsAnything(spec: CommandSpec): boolean {
  const cached = selecting.get(spec);
  if (cached !== undefined) return cached;
  const found = spec.selects !== undefined || Object.values(spec.commands ?? {}).some(selectsAnything);
  selecting.set(spec, found);
  return found;
}

export function exportedVariables(scope: Scope): Record<string, string> {
  const out: Record<string, string> = {};
  // Most lines export nothing: the marker keeps them from walking the variables.
  if (!scope.vars.has(EXPORTED)) return out;
  for (const [key, value] of scope.vars) if (key.length > EXPORTED.length && key.startsWith(EXPORTED) && value !== null) out[key.slice(EXPORTED.length)] = value;
  return out;
}

/** Builtins that set a variable or its export attribute; `set -a` exports every later assignment. */
const SETTERS: ReadonlySet<string> = new Set(['declare', 'typeset', 'local', 'readonly', 'read', 'mapfile', 'readarray', 'printf', 'export', 'set', 'let', 'getopts']);
/** `set -a` / `set -o allexport` is on. */
const ALLEXPORT = '\u0000allexport';
/** A variable given the export attribute before its value (`export X`, `declare -x X`): what it is given later is exported. */
const EXPORT_ATTRIBUTE = '\u0000export-attribute:';

/** Is an assignment to `name` (`X=value` alone) exported, as the shell already exports it, `set -a` is on, or an earlier `export`/`declare -x` named it? */
export function exportsOnAssignment(name: string, scope: Scope): boolean {
  return ALREADY_EXPORTED.test(name) || scope.vars.has(ALLEXPORT) || scope.vars.has(EXPORT_ATTRIBUTE + name) || scope.vars.has(EXPORTED + name);
}

/** `set -a`, `set -o allexport` turn the export of every assignment on; `set +a`, `set +o allexport` off. */
function allExport(args: readonly ArgWord[], scope: Scope): void {
  for (let k = 0; k < args.length && k < 16; k++) {
    const t = args[k]!.text;
    const optionName = /^[-+]o$/.test(args[k - 1]?.text ?? '');
    if (t === '--' || (!optionName && !/^[-+]/.test(t))) return;
    const on = /^-[a-zA-Z]*a/.test(t) || (t === 'allexport' && args[k - 1]?.text === '-o');
    const off = /^\+[a-zA-Z]*a/.test(t) || (t === 'allexport' && args[k - 1]?.text === '+o');
    if (on) scope.vars.set(ALLEXPORT, '');
    if (off) scope.vars.delete(ALLEXPORT);
  }
}

/**
 * `declare -x X=…`, `typeset -x`, `local -x`, `readonly -x` export what they set; `local HOME=/tmp`,
 * `read HOME <<< /tmp`, `printf -v HOME /tmp` change a variable the shell already exports, so the
 * commands after them get the new value too (as after `export`). Run after the builtin set its
 * variables; a value the line cannot know is kept as the run-time value it is. A name given the
 * export attribute alone (`export X`, `declare -x X`) is remembered for its later assignments.
 */
export function recordBuiltinExports(argv: readonly ArgWord[], scope: Scope, home: string): void {
  const builtin = argv[0]?.text;
  if (builtin === undefined || !SETTERS.has(builtin)) return;
  const args = argv.slice(1, 65);
  if (builtin === 'set') return allExport(args, scope);
  if (builtin === 'let' || builtin === 'getopts') return arithmeticExports(builtin, args, scope);
  const declares = /^(declare|typeset|local|readonly)$/.test(builtin);
  const exportsAll = builtin === 'export' || (declares && args.some((a) => /^-[A-Za-z]*x[A-Za-z]*$/.test(a.text)));
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.dynamic || /^[-+]/.test(a.text)) continue;
    if (builtin === 'printf' && args[i - 1]?.text !== '-v') continue;
    const name = /^[A-Za-z_]\w*(?==|$)/.exec(a.text)?.[0];
    if (name === undefined) continue;
    if (exportsAll && name === a.text && !scope.vars.has(name)) scope.vars.set(EXPORT_ATTRIBUTE + name, '');
    if (builtin === 'export' || !scope.vars.has(name) || (!exportsAll && !ALREADY_EXPORTED.test(name))) continue;
    const value = scope.vars.get(name);
    if (name === 'HOME' && value === home) continue;
    scope.vars.set(EXPORTED, '');
    scope.vars.set(EXPORTED + name, value ?? `$(${builtin} ${name})`);
  }
}

/**
 * `let HOME=0`, `let 'PATH=1'`, `getopts ab HOME`: builtins that give a variable a value the line does
 * not say (an arithmetic result, an option letter); one the shell already exports reaches the commands after.
 */
function arithmeticExports(builtin: string, args: readonly ArgWord[], scope: Scope): void {
  const names = builtin === 'getopts' ? args.slice(1, 2).map((a) => a.text) : args.map((a) => /^\s*([A-Za-z_]\w*)\s*(?:[-+*/%&|^]|<<|>>)?=/.exec(a.text)?.[1] ?? '');
  for (const name of names) {
    if (!ALREADY_EXPORTED.test(name)) continue;
    scope.vars.set(EXPORTED, '');
    scope.vars.set(EXPORTED + name, `$(${builtin} ${name})`);
  }
}

/** `for HOME in /tmp; do …`: the loop variable takes each value; one the shell already exports reaches the body's commands. */
export function setLoopVariable(scope: Scope, name: string, value: string | null, home: string, copyOf?: string): void {
  if (value !== null) scope.vars.set(name, value);
  // `for s in "$JWT_SECRET"`: s holds that variable's value, read as its copy.
  recordCopy(scope, name, copyOf);
  if (!ALREADY_EXPORTED.test(name) || (name === 'HOME' && value === home)) return;
  scope.vars.set(EXPORTED, '');
  scope.vars.set(EXPORTED + name, value ?? `$(for ${name})`);
}

/** zsh's `path` array is tied to PATH (`path=(. $path)`, `path+=(bin)`): an array assigned to it sets PATH. A scalar `path=…` is an ordinary variable in bash scripts. */
export function zshPathArray(a: Assignment): boolean {
  return a.name === 'path' && a.array && !a.raw.startsWith('path[');
}

/** An exported assignment as `export` takes it: zsh's `path` array as the PATH it sets (elements joined by `:`, `$path` as `$PATH`). */
export function exportedSpelling(a: Assignment): string {
  if (!zshPathArray(a)) return a.raw;
  const entries = a.values.map((v) => (/^["']?\$\{?path(\[[@*]\])?\}?["']?$/.test(v.raw) ? '$PATH' : v.raw === "''" || v.raw === '""' ? '' : v.raw));
  return `PATH=${a.raw.startsWith('path+=') ? '$PATH:' : ''}${entries.join(':')}`;
}

/** Variables the shell already exports: `PATH=/tmp/x:$PATH` alone changes one, so it is judged as the export it is. */
export const ALREADY_EXPORTED = /^(PATH|HOME|EDITOR|VISUAL|PAGER|GIT_PAGER|LESSOPEN|PYTHONPATH|NODE_OPTIONS|LD_PRELOAD|LD_LIBRARY_PATH|BASH_ENV|ENV|PROMPT_COMMAND|JAVA_TOOL_OPTIONS)$/;

/**
 * What a new shell starts with: the environment of the command that starts it (variables exported earlier
 * on the line and its own `VAR=value` prefixes), so `DATABASE_URL=… npm run db:migrate` reaches the script.
 */
export function childEnvironment(exec: Exec): Map<string, string | null> {
  const vars = new Map<string, string | null>();
  const names = Object.keys(exec.assignments);
  if (names.length === 0) return vars;
  vars.set(EXPORTED, '');
  for (const name of names.slice(0, 256)) {
    const value = exec.assignments[name]!;
    vars.set(EXPORTED + name, value);
    if (/^[A-Za-z_]\w*$/.test(name)) vars.set(name, value);
  }
  return vars;
}

/** Variables of an env file that say where a program's data lives or which environment it runs in. */
const TARGET_VARIABLE = /^(\w+_)?(URL|URI|DSN|HOST|HOSTS|ENDPOINT|ENDPOINTS|SERVER|SERVERS|ENV|ENVIRONMENT|STAGE|DATABASE|DB)$|^(PG|MYSQL_|MONGO_?|REDIS_)\w+$/;

/**
 * What a dotenv file loaded into a command (`source .env.production`, `dotenv -e … --`) says about its
 * targets: only those variables, a URL cut to its scheme and host (the guard needs the host, and a value
 * the file holds kept here would read as a credential written out in the command).
 */
export function targetVariables(vars: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(vars)) {
    if (!TARGET_VARIABLE.test(name) || /(PASSWORD|PASS|SECRET|TOKEN|KEY)/.test(name)) continue;
    // A URL is kept as its scheme and host (`postgres://db.prod.acme.internal:5432/`): never the value the file holds.
    const url = /^([a-z][\w+.-]*:\/\/)(?:[^@/\s]*@)?([^/?#\s]*)/i.exec(value);
    out[name] = url ? `${url[1]}${url[2]}/` : value;
  }
  return out;
}

/** Exported for later commands of the line, as `export NAME=value` would. */
export function recordExported(vars: Readonly<Record<string, string>>, scope: Scope): void {
  for (const [name, value] of Object.entries(vars)) {
    scope.vars.set(EXPORTED, '');
    scope.vars.set(EXPORTED + name, value);
  }
}
