import { commandLinesInCode } from './buildPlaces';
import { jsoncValue } from '../../credentials/jsoncTree';
import { joinArgv, yamlCommands } from './places';

/**
 * How to read the command lines out of the files `bootPlaces.ts` knows (stop 30, red team rounds 10
 * and 11): build files of CMake, Meson, Ninja and Bazel, Lisp and Haskell REPL start-up files,
 * debugger rc files, JSON task configurations (nodemon, nx, VS Code's launch configurations, hook
 * managers) and Gitpod's tasks. Each reader returns one command line a line; what is not a command
 * line (a CMake target, a Bazel rule's name) is left out.
 */

const QUOTED = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g;

function quotedItems(text: string): string[] {
  return [...text.matchAll(QUOTED)].map((m) => (m[1] ?? m[2] ?? '').replace(/\\(["'\\])/g, '$1'));
}

/** Words of a CMake argument list: quoted strings and bare words. */
function cmakeWords(text: string): string[] {
  return [...text.matchAll(/"((?:[^"\\]|\\.)*)"|([^\s"()]+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(["\\])/g, '$1') : m[2]!));
}

const CMAKE_KEYWORDS = /^(WORKING_DIRECTORY|OUTPUT|OUTPUTS|DEPENDS|BYPRODUCTS|COMMENT|VERBATIM|USES_TERMINAL|RESULT_VARIABLE|RESULTS_VARIABLE|OUTPUT_VARIABLE|ERROR_VARIABLE|INPUT_FILE|OUTPUT_FILE|ERROR_FILE|TIMEOUT|OUTPUT_QUIET|ERROR_QUIET|COMMAND_ECHO|ENCODING|COMMAND_ERROR_IS_FATAL|ECHO_OUTPUT_VARIABLE|ECHO_ERROR_VARIABLE|ALL|SOURCES|JOB_POOL|MAIN_DEPENDENCY|IMPLICIT_DEPENDS|DEPFILE|APPEND|TARGET|PRE_BUILD|PRE_LINK|POST_BUILD|COMMAND_EXPAND_LISTS)$/;

/** `execute_process(COMMAND …)` (configure time), `add_custom_command`/`add_custom_target(… COMMAND …)` (build time): each COMMAND's argv. */
export function cmakeCommands(text: string): string {
  const out: string[] = [];
  for (const call of text.matchAll(/\b(?:execute_process|add_custom_command|add_custom_target)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)/gi)) {
    let words: string[] | undefined;
    for (const w of cmakeWords(call[1]!)) {
      if (w === 'COMMAND') {
        if (words && words.length > 0) out.push(joinArgv(words));
        words = [];
      } else if (CMAKE_KEYWORDS.test(w)) {
        if (words && words.length > 0) out.push(joinArgv(words));
        words = undefined;
      } else if (words) words.push(w);
    }
    if (words && words.length > 0) out.push(joinArgv(words));
    if (out.length >= 32) break;
  }
  return out.join('\n');
}

/** Meson: `run_command('sh', '-c', '…')` (configure time), `command: [...]` of custom targets and run targets. */
export function mesonCommands(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/\brun_command\s*\(([^)]*)\)|\bcommand\s*:\s*\[([^\]]*)\]/g)) {
    const words = quotedItems(m[1] ?? m[2]!);
    if (words.length > 0) out.push(joinArgv(words));
  }
  return out.join('\n');
}

/** Ninja: each rule's `command = …`. */
export function ninjaCommands(text: string): string {
  return [...text.matchAll(/^\s+command\s*=\s*(.+)$/gm)].map((m) => m[1]!.replace(/\$\$/g, '$').trim()).join('\n');
}

/** Bazel and Buck (Starlark): `cmd`/`cmd_bash`/`command` strings of rules, `repository_ctx.execute([...])` (run while fetching), and process calls. */
export function starlarkCommands(text: string): string {
  const out = commandLinesInCode(text);
  for (const m of text.matchAll(/\b(?:cmd|cmd_bash|bash|command)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')/g)) out.push((m[1] ?? m[2]!).replace(/\\(["'\\])/g, '$1').replace(/\$\((?:SRCS|OUTS|@|<|location [^)]*)\)/g, 'x'));
  for (const m of text.matchAll(/\bexecute\s*\(\s*\[([^\]]*)\]/g)) out.push(joinArgv(quotedItems(m[1]!)));
  return out.join('\n');
}

/** Groovy and Kotlin build scripts: process calls, and Groovy's `"cmd".execute()`. */
export function jvmScriptCommands(text: string): string {
  const out = commandLinesInCode(text);
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"\s*\.execute\s*\(|'([^']*)'\s*\.execute\s*\(/g)) out.push(m[1] ?? m[2]!);
  for (const m of text.matchAll(/\[([^\]]*)\]\s*\.execute\s*\(/g)) out.push(joinArgv(quotedItems(m[1]!)));
  return out.join('\n');
}

/** Go: `exec.Command("sh", "-c", "…")` and `exec.CommandContext(ctx, …)`, `syscall.Exec`. */
export function goCommands(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/\bexec\.Command(?:Context)?\s*\(\s*(?:[A-Za-z_][\w.()]*\s*,\s*)?((?:"(?:[^"\\]|\\.)*"|`[^`]*`)(?:\s*,\s*(?:"(?:[^"\\]|\\.)*"|`[^`]*`))*)/g)) {
    out.push(joinArgv([...m[1]!.matchAll(/"((?:[^"\\]|\\.)*)"|`([^`]*)`/g)].map((x) => x[1] ?? x[2]!)));
  }
  for (const m of text.matchAll(/\bsyscall\.Exec\s*\(\s*"([^"]+)"\s*,\s*\[\]string\{([^}]*)\}/g)) out.push(joinArgv(quotedItems(m[2]!).length > 0 ? quotedItems(m[2]!) : [m[1]!]));
  return out.join('\n');
}

/** Lisp REPLs (SBCL, CCL, CLISP, Guile, Racket, Chicken): `(system "…")`, `(system* "sh" "-c" "…")`, `(run-program "/bin/sh" (list "-c" "…"))`, `(shell-command "…")`. */
export function lispCommands(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/\((?:[\w-]+:)*(system\*?|shell-command|process|open-input-pipe|open-output-pipe|run-program|launch-program|run-shell-command|shell|ext:shell|ext:run-shell-command)\s+((?:"(?:[^"\\]|\\.)*"\s*)+)(?:\((?:list|vector)\s+([^)]*)\)|'\(([^)]*)\))?/gi)) {
    const words = [...quotedItems(m[2]!), ...quotedItems(m[3] ?? m[4] ?? '')];
    if (words.length === 0) continue;
    out.push(/^(system|shell-command|open-input-pipe|open-output-pipe|run-shell-command|shell|ext:shell|ext:run-shell-command)$/i.test(m[1]!) && words.length === 1 ? words[0]! : joinArgv(words));
  }
  return out.join('\n');
}

/** GHCi: `:!cmd` runs a shell command; `system "…"`/`callCommand "…"` in Haskell lines. */
export function ghciCommands(text: string): string {
  const out = [...text.matchAll(/^\s*:!\s*(.+)$/gm)].map((m) => m[1]!.trim());
  for (const m of text.matchAll(/\b(?:system|callCommand|spawnCommand|readCreateProcess\s*\(\s*shell)\s+"((?:[^"\\]|\\.)*)"/g)) out.push(m[1]!.replace(/\\(["\\])/g, '$1'));
  return out.join('\n');
}

/** Other REPLs' process calls: Erlang's `os:cmd("…")`, OCaml's `Sys.command "…"`, Prolog's `shell('…')`, Tcl's `exec`, Lua's `os.execute`/`io.popen`. */
export function replCommands(text: string): string {
  const out = commandLinesInCode(text);
  for (const m of text.matchAll(/\b(?:os:cmd|Sys\.command|shell|os\.execute|io\.popen)\s*\(?\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')/g)) out.push(m[1] ?? m[2]!);
  for (const m of text.matchAll(/^\s*exec\s+(.+)$/gm)) out.push(m[1]!.replace(/[{}]/g, "'").trim());
  return out.join('\n');
}

/** byebug and ruby-debug rc files: debugger commands; `eval`/`e`/`p`/`pp` lines and anything not a debugger command are Ruby. */
export function rubyDebuggerCode(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim().replace(/^(?:eval|e|p|pp|display|disp)\s+/, ''))
    .filter((l) => l !== '' && !l.startsWith('#') && !/^(set|b|break|tbreak|c|cont|continue|n|next|s|step|l|list|where|bt|backtrace|up|down|frame|f|info|i|save|source|history|disable|enable|delete|condition|catch|finish|fin|kill|quit|q|restart|skip|thread|tracevar|untracevar|var|v|method|m|edit|help|h|irb|pry|autolist|autoirb|autopry|autosave|basename|callstyle|fullpath|listsize|stack_on_error|width|savefile|post_mortem|linetrace|histfile|histsize)(\s|$)/.test(l))
    .join('\n');
}

/** LLDB: `platform shell [-h] [--] cmd`, `shell cmd` (an alias users define), `command script import FILE`, `script <python>`. */
export function lldbCommands(text: string): string {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(?:platform\s+shell|shell)\s+(?:-\w+\s+)*(?:--\s+)?(.+)$/.exec(line))) out.push(m[1]!);
    else if ((m = /^command\s+script\s+import\s+(\S+)/.exec(line))) out.push(`python3 ${m[1]}`);
    else if ((m = /^script\s+(.+)$/.exec(line))) out.push(`python3 -c '${m[1]!.replace(/'/g, `'\\''`)}'`);
  }
  return out.join('\n');
}

/** gdb: `shell cmd`/`!cmd`, `pipe … | cmd`, and `python stmt` (Python run inside gdb). */
export function gdbCommands(text: string): string {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(?:shell|!)\s*(.+)$/.exec(line))) out.push(m[1]!);
    else if ((m = /^(?:python|py|python-interactive|pi)\s+(.+)$/.exec(line))) out.push(`python3 -c '${m[1]!.replace(/'/g, `'\\''`)}'`);
    else if ((m = /^pipe\s+[^|]*\|\s*(.+)$/.exec(line))) out.push(m[1]!);
  }
  return out.join('\n');
}

/**
 * The strings under keys matching `keys` anywhere in a JSON document (a string, a list of strings or
 * of `{command}` objects, or an object of them), each with the `args`/`runtimeArgs` beside it; the
 * quoted values of those keys in a fragment that is not JSON.
 */
export function jsonCommands(text: string, keys: RegExp, argsKey = /^(args|runtimeArgs)$/): string {
  const doc = jsoncValue(text);
  const out: string[] = [];
  if (doc === undefined) {
    for (const m of text.matchAll(/"([\w:.-]+)"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) if (keys.test(m[1]!) && out.length < 32) out.push(m[2]!.replace(/\\(["\\])/g, '$1'));
    return out.join('\n');
  }
  const take = (v: unknown, args: string[]): void => {
    if (out.length >= 32) return;
    if (typeof v === 'string') out.push(args.length > 0 ? joinArgv([v, ...args]) : v);
    else if (Array.isArray(v)) for (const x of v) take(x, []);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const x of Object.values(o.command !== undefined ? { c: o.command } : o)) take(x, []);
    }
  };
  const walk = (node: unknown, depth: number): void => {
    if (depth > 10 || out.length >= 32 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    const args = Object.entries(o).filter(([k]) => argsKey.test(k)).flatMap(([, v]) => (Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : []));
    for (const [k, v] of Object.entries(o)) {
      if (keys.test(k)) take(v, typeof v === 'string' ? args : []);
      else walk(v, depth + 1);
    }
  };
  walk(doc, 0);
  return out.join('\n');
}

/** Every quoted value of a JSON, YAML or TOML configuration (`"pre-commit": "…"`, `pre-commit = "…"`), and YAML list items: hook managers run each as a command. */
export function configValues(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/[:=]\s*(?:\[\s*)?(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')/g)) out.push((m[1] ?? m[2] ?? '').replace(/\\"/g, '"'));
  for (const m of text.matchAll(/^\s*(?:-\s+|[\w.-]+\s*:\s+)([^"'\s{[#][^\n#]*)$/gm)) out.push(m[1]!.trim());
  return out.slice(0, 48).join('\n');
}

/** lefthook's JSON and TOML files: each command's and script's `run` (its `glob` and `files` are patterns, not commands). */
export function lefthookCommands(text: string): string {
  const out = jsonCommands(text, /^run$/).split('\n').filter((l) => l !== '');
  if (out.length === 0) for (const m of text.matchAll(/^\s*run\s*=\s*(?:'''([\s\S]*?)'''|"""([\s\S]*?)"""|"((?:[^"\\]|\\.)*)"|'([^']*)')/gm)) out.push((m[1] ?? m[2] ?? m[3] ?? m[4]!).replace(/\\(["\\])/g, '$1'));
  return out.join('\n');
}

/** Gitpod's tasks (`init`, `before`, `command`, `prebuild`) as yamlCommands reads a `command:` key. */
export function gitpodTasks(text: string): string {
  return yamlCommands(text.replace(/^(\s*(?:-\s+)?)(init|before|prebuild)\s*:/gm, '$1command:'));
}

/** `.rspec`, `.rubocop.yml`: the files `--require`/`require:` loads, as Ruby `require` lines. */
export function rubyRequires(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\s)(?:--require|-r)[=\s]+(\S+)/gm)) out.push(m[1]!);
  for (const m of text.matchAll(/^require\s*:\s*(\S.*)?$((?:\n\s*-\s+.+)*)/gm)) {
    if (m[1]) out.push(...(m[1].startsWith('[') ? quotedItems(m[1]) : [m[1].trim()]));
    for (const item of (m[2] ?? '').matchAll(/-\s+(.+)/g)) out.push(item[1]!.trim().replace(/^["']|["']$/g, ''));
  }
  return out.slice(0, 16).map((f) => `require ${JSON.stringify(f)}`).join('\n');
}

/** mailcap: the command after each entry's type (`text/plain; less %s`). */
export function mailcapCommands(text: string): string {
  return [...text.matchAll(/^\s*[\w.+*-]+\/[\w.+*-]+\s*;\s*([^;\n]+)/gm)].map((m) => m[1]!.replace(/%s/g, 'x').trim()).join('\n');
}

/** Dockerfile `CMD`/`ENTRYPOINT` (shell or exec form): what a container of the image runs when it starts. */
export function containerStartCommands(text: string): string {
  const out: string[] = [];
  for (const m of text.replace(/\\\r?\n/g, ' ').matchAll(/^\s*(?:CMD|ENTRYPOINT)\s+(.*)$/gim)) {
    const body = m[1]!.trim();
    const argv = body.startsWith('[') ? jsoncValue(body) : undefined;
    out.push(Array.isArray(argv) ? joinArgv(argv.filter((w): w is string => typeof w === 'string')) : body);
  }
  return out.join('\n');
}
