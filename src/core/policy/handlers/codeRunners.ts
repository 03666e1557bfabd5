import type { ArgWord } from '../../shell/ast';
import { withEnvFileWords } from '../loaderWords';
import type { Invocation } from '../types';
import { stdinText } from '../knownOutput';
import { grammarOf, readEffectArgs, values } from '../effectOptions';
import { parsedArgs, toolNamed } from '../../registry/commandModel';
import { hasOption, optionValues, optionsMatching, type ParsedCommand } from '../../registry/grammar';
import { parseCommand, type GrammarSpec } from '../../shell/grammar';
import { quoteForShell, type Exec, type Handler, type Walker } from './context';
import { empty, juliaEscapes, osascriptEscapes, quoted, rEscapes } from './scriptLanguages';

/**
 * Shell escapes of editors, REPLs and tools run in batch mode: the command lines they will run,
 * recovered from their own languages, so the walker analyses them like any shell text. `vim -es -c
 * '!rm -rf x'` and `ex`, `emacs --batch --eval '(shell-command "…")'`, `sqlite3 db '.shell …'`,
 * `lua -e 'os.execute("…")'`, Tcl's `exec`, `gdb -ex 'shell …'`, the programs `git -c core.pager=…` and
 * `man -P …` start. Their own file deletions (`os.remove`, `delete-directory`, `file delete`) become
 * the equivalent `rm`, so the file rules judge them, as are npm's deleters (`rimraf`, `del-cli`). What runs but cannot be read statically (a
 * command built from variables, code in another embedded language) is reported as unreadable.
 */

export interface Escapes {
  /** Shell command lines, with how the walker names the hop ('vim -c', 'sqlite3 .shell'). */
  shell: { text: string; label: string }[];
  /** Why something will run that cannot be read. */
  opaque: string[];
}


// ---------------------------------------------------------------------------------------------
// vi, vim, nvim, ex: `-c cmd`, `+cmd`, `--cmd cmd`, and commands read from stdin in ex mode

const VI = new Set(['vi', 'vim', 'nvim', 'ex', 'view', 'gvim', 'vimdiff', 'rvim', 'evim']);
/** `:!cmd`, `:r !cmd`, `:w !cmd`, `:%!filter`, `:silent !cmd`. */
const VI_BANG = /^[\s:]*(?:sil(?:ent)?!?\s+)?(?:[%.$,0-9'<>+-]*)\s*(?:r(?:ead)?\s*|w(?:rite)?\s*)?!(.*)$/;

function viCommand(command: string, label: string, out: Escapes): void {
  for (const part of command.split(/\s*\|\s*(?=[a-z:])/)) {
    const bang = VI_BANG.exec(part);
    if (bang && bang[1]!.trim() !== '') {
      out.shell.push({ text: bang[1]!, label });
      continue;
    }
    const system = /\bsystem(?:list)?\s*\(\s*(['"])((?:(?!\1).)*)\1\s*\)/.exec(part);
    if (system) {
      out.shell.push({ text: system[2]!, label });
      continue;
    }
    const embedded = /^\s*:?\s*(lua|py(?:thon)?3?|pyx|rub(?:y)?|perl)\b\s*(.*)$/s.exec(part);
    if (embedded) {
      // Code in another language runs programs only through its own process calls.
      if (embedded[1] === 'lua') {
        const found = luaCode(embedded[2] ?? '', false, `${label} lua`);
        out.shell.push(...found.shell);
        out.opaque.push(...found.opaque);
      } else if (/\b(system|popen|subprocess|exec[lv]?p?e?|spawn|rmtree|remove|unlink|rmdir)\b|`/.test(embedded[2] ?? '')) {
        out.opaque.push(`${label} runs ${embedded[1]} code that starts programs or deletes files`);
      }
      continue;
    }
    // Vim script's own file calls: `call delete(expand("~/.ssh"), "rf")`, `writefile([], path)`, `rename(a, b)`.
    if (/\b(delete|writefile|rename)\s*\(/.test(part)) {
      out.opaque.push(`${label} deletes or writes files with Vim script (\`${part.trim().slice(0, 60)}\`)`);
      continue;
    }
    if (/\b(system|systemlist|jobstart|termopen)\s*\(|^\s*:?\s*(ter(minal)?\b|exe(c(ute)?)?\s+(["']:*\s*!|.*\bsystem))/.test(part)) {
      out.opaque.push(`${label} runs \`${part.trim().slice(0, 60)}\`, which cannot be read before it runs`);
    }
  }
}

/** Options of vi that take the next word as their value (`-s` does only outside ex mode, so it is left alone). */
const VI_VALUED = new Set(['-c', '--cmd', '-S', '-u', '-U', '-i', '-T', '-w', '-W', '-t', '--remote', '--servername', '--startuptime']);
/** An ex command that deletes every line (`%d`, `1,$delete`, `g/^/d`), and one that writes the file. */
const VI_DELETE_ALL = /^\s*:?\s*(?:%|1,\$)\s*d(?:e(?:l(?:ete?)?)?)?\b|^\s*:?\s*g(?:lobal)?\/(?:\^|\.\*?|\$)\/\s*d(?:e(?:l(?:ete?)?)?)?\s*$/;
const VI_WRITE = /^\s*:?\s*(?:w(?:rite)?|wq|x(?:it)?|wqa(?:ll)?|xa(?:ll)?)!?\s*$/;

function viEscapes(name: string, args: readonly ArgWord[], stdin: string | undefined): Escapes {
  const out = empty();
  let exMode = name === 'ex';
  const commands: string[] = [];
  const files: ArgWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (/^-[a-zA-Z]*[eE]/.test(t) && !t.startsWith('--')) exMode = true;
    let command: ArgWord | undefined;
    if (t === '-c' || t === '--cmd') command = args[++i];
    else if (/^-[a-zA-Z]*c$/.test(t) && t.length > 2) command = args[++i];
    else if (t.startsWith('+') && t.length > 1) command = { ...args[i]!, text: t.slice(1) };
    else if (VI_VALUED.has(t)) i++;
    else if (!t.startsWith('-')) files.push(args[i]!);
    if (!command) continue;
    if (command.dynamic) out.opaque.push(`${name} runs an editor command built at run time`);
    else {
      viCommand(command.text, `${name} -c`, out);
      commands.push(...command.text.split(/\s*\|\s*/));
    }
  }
  if (exMode && stdin !== undefined) {
    for (const line of stdin.split('\n')) viCommand(line, `${name} (commands on stdin)`, out);
    commands.push(...stdin.split('\n'));
  }
  // `vim -c '%d|wq' FILE` empties the file: judged like the `truncate` it amounts to.
  if (commands.some((c) => VI_DELETE_ALL.test(c)) && commands.some((c) => VI_WRITE.test(c))) {
    for (const f of files) if (!f.dynamic) out.shell.push({ text: `truncate -s 0 -- ${quoted(f.text)}`, label: `${name} -c` });
  }
  // `vim -c '%!curl -d @- URL' -c wq FILE`: the buffer is sent, and what the server answers is written over FILE.
  const netFilter = commands.map((c) => /^[\s:]*(?:%|1,\$)\s*!\s*(?:\S*\/)?(curl|wget|nc|ncat|netcat|socat|http|https|xh|ssh)\b/.exec(c)?.[1]).find((p) => p !== undefined);
  if (netFilter && commands.some((c) => VI_WRITE.test(c))) out.opaque.push(`${name} -c sends ${files[0]?.text ?? 'the buffer'} through ${netFilter} and writes what the server answers over it`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Emacs Lisp: `--eval`, `-eval`, `--batch --eval`

function elispString(text: string): string | undefined {
  const m = /^\s*"((?:[^"\\]|\\.)*)"/.exec(text);
  return m ? m[1]!.replace(/\\(.)/g, '$1') : undefined;
}

function elispEscapes(code: string, out: Escapes): void {
  const label = 'emacs --eval';
  for (const m of code.matchAll(/\((shell-command(?:-to-string)?|async-shell-command|call-process-shell-command|process-lines|call-process|start-process(?:-shell-command)?|delete-directory|delete-file|make-process)\b([^)]*)\)?/g)) {
    const fn = m[1]!;
    const rest = m[2] ?? '';
    if (fn === 'delete-directory' || fn === 'delete-file') {
      const path = elispString(rest);
      if (path === undefined) out.opaque.push(`${label} deletes a path computed at run time (${fn})`);
      else out.shell.push({ text: `${fn === 'delete-file' ? 'rm -f' : /\s(t|'t)\s*$/.test(rest.slice(rest.lastIndexOf('"') + 1)) ? 'rm -rf' : 'rmdir'} -- ${quoted(path)}`, label });
      continue;
    }
    if (fn === 'make-process' || fn === 'start-process' || fn === 'call-process' || fn === 'process-lines') {
      const words = [...rest.matchAll(/"((?:[^"\\]|\\.)*)"|\b(nil|t)\b/g)].map((w) => w[1]);
      const literal = words.filter((w): w is string => w !== undefined);
      // start-process takes a name and a buffer before the program.
      const program = fn === 'start-process' ? literal.slice(2) : literal;
      if (program.length === 0 || /\(|'\w|\b[a-z-]+\b(?![^"]*")/.test(rest.replace(/"(?:[^"\\]|\\.)*"|\bnil\b|\bt\b/g, ''))) out.opaque.push(`${label} starts a program with arguments computed at run time (${fn})`);
      else out.shell.push({ text: program.map(quoted).join(' '), label });
      continue;
    }
    const text = elispString(rest);
    if (text === undefined) out.opaque.push(`${label} runs a shell command built at run time (${fn})`);
    else out.shell.push({ text, label });
  }
}

function emacsEscapes(args: readonly ArgWord[]): Escapes {
  const out = empty();
  for (const code of values(readEffectArgs(args, grammarOf('emacs')), 'eval')) {
    if (code.dynamic) out.opaque.push('emacs evaluates Lisp built at run time');
    else elispEscapes(code.text, out);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// sqlite3 dot-commands

function sqliteLines(text: string, out: Escapes): void {
  for (const line of text.split(/\n|;(?=\s*\.)/)) {
    const m = /^\s*\.(shell|system)\s+(.*)$/s.exec(line);
    if (m) out.shell.push({ text: m[2]!, label: `sqlite3 .${m[1]}` });
    // `.output |cmd` and `.once |cmd` send the results through a shell command.
    const pipe = /^\s*\.(output|once)\s+(?:-[a-z]+\s+)*(['"]?)\|(.*?)\2\s*$/s.exec(line);
    if (pipe && pipe[3]!.trim() !== '') out.shell.push({ text: pipe[3]!, label: `sqlite3 .${pipe[1]} |` });
  }
}

function sqliteEscapes(args: readonly ArgWord[], stdin: string | undefined): Escapes {
  const out = empty();
  const spec = toolNamed('sqlite3')!;
  const parsed = parsedArgs(args, spec);
  for (const line of optionValues(parsed, spec, ['-cmd'])) sqliteLines(line, out);
  for (const a of parsed.operands) {
    if (/\.(shell|system|output|once)\b/.test(a.text)) {
      if (a.dynamic) out.opaque.push('sqlite3 runs a .shell command built at run time');
      else sqliteLines(a.text, out);
    }
  }
  if (stdin !== undefined) sqliteLines(stdin, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Lua and Tcl

/** Lua's process and file calls (`os.execute`, `io.popen`, Neovim's `vim.fn.system`, `os.remove`). */
function luaCode(code: string, dynamic: boolean, label: string): Escapes {
  const out = empty();
  for (const m of code.matchAll(/\b(os\.execute|io\.popen|os\.remove|os\.rename|vim\.fn\.system|vim\.system|vim\.fn\.delete|vim\.fs\.rm)\s*\(\s*(?:(['"])((?:(?!\2)[^\\]|\\.)*)\2|\[\[([\s\S]*?)\]\])?/g)) {
    const literal = m[3] ?? m[4];
    const fn = m[1]!;
    // `os.execute("rm -rf " .. os.getenv("HOME"))`: the literal is only the start of the command.
    const joined = /^\s*\.\./.test(code.slice(m.index! + m[0].length));
    if (literal === undefined || dynamic || joined) {
      out.opaque.push(`${label} runs ${fn} with a value computed at run time`);
      continue;
    }
    if (fn === 'os.remove') out.shell.push({ text: `rm -f -- ${quoted(literal)}`, label: `${label} os.remove` });
    // Neovim's `vim.fn.delete(path, "rf")` and `vim.fs.rm(path, { recursive = true })`.
    else if (fn === 'vim.fn.delete' || fn === 'vim.fs.rm') {
      const rest = code.slice(m.index! + m[0].length, m.index! + m[0].length + 80);
      const recursive = fn === 'vim.fn.delete' ? /^\s*,\s*(['"])[^'"]*r/.test(rest) : /recursive\s*=\s*true/.test(rest);
      out.shell.push({ text: `rm ${recursive ? '-rf' : '-f'} -- ${quoted(literal)}`, label: `${label} ${fn}` });
    }
    else if (fn !== 'os.rename') out.shell.push({ text: literal, label: `${label} ${fn}` });
  }
  return out;
}

function luaEscapes(args: readonly ArgWord[]): Escapes {
  const out = empty();
  for (let i = 0; i < args.length; i++) {
    if (args[i]!.text !== '-e') continue;
    const code = args[++i];
    if (!code) continue;
    const found = luaCode(code.text, code.dynamic, 'lua -e');
    out.shell.push(...found.shell);
    out.opaque.push(...found.opaque);
  }
  return out;
}

/**
 * Tcl: `exec prog args…` runs a program; `file delete ?-force? path…` deletes. Expect's `spawn prog
 * args` runs one too, and what `send` types into it afterwards (a client's commands, a shell's lines)
 * cannot be followed: it asks.
 */
function tclEscapes(code: string, label: string): Escapes {
  const out = empty();
  let spawned: string | undefined;
  for (const raw of code.split(/\n|;/)) {
    const line = raw.trim().replace(/^\[|\]$/g, '');
    const spawn = /^spawn\s+(?:-\S+\s+)*(.+)$/.exec(line);
    if (spawn) {
      spawned = spawn[1]!.split(/\s+/)[0];
      if (/\$|\[/.test(spawn[1]!)) out.opaque.push(`${label} spawns a program with words computed at run time`);
      else out.shell.push({ text: spawn[1]!.replace(/[{}]/g, "'"), label });
      continue;
    }
    if (spawned !== undefined && /^send\s/.test(line)) {
      out.opaque.push(`${label} types input into ${spawned}, which the guard cannot follow`);
      spawned = undefined;
      continue;
    }
    const exec = /^(?:.*\[\s*)?exec\s+(.*?)\]?$/.exec(line);
    if (exec) {
      if (/\$|\[/.test(exec[1]!)) out.opaque.push(`${label} runs exec with words computed at run time`);
      else out.shell.push({ text: exec[1]!.replace(/[{}]/g, "'"), label });
      continue;
    }
    const del = /^file\s+delete\s+(-force\s+)?(?:--\s+)?(.*)$/.exec(line);
    if (del) {
      if (/\$|\[/.test(del[2]!)) out.opaque.push(`${label} deletes a path computed at run time`);
      else out.shell.push({ text: `rm ${del[1] ? '-rf' : '-f'} -- ${del[2]!}`, label });
    }
  }
  return out;
}

function tclRunner(name: string, args: readonly ArgWord[], stdin: string | undefined): Escapes {
  const out = empty();
  const code = args.findIndex((a) => a.text === '-c');
  if (code >= 0 && args[code + 1]) {
    const found = tclEscapes(args[code + 1]!.text, `${name} -c`);
    out.shell.push(...found.shell);
    out.opaque.push(...found.opaque);
  }
  if (stdin !== undefined && !args.some((a) => !a.text.startsWith('-'))) {
    const found = tclEscapes(stdin, `${name} (script on stdin)`);
    out.shell.push(...found.shell);
    out.opaque.push(...found.opaque);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Debuggers, git's configured programs, man's pager

function debuggerEscapes(name: string, args: readonly ArgWord[]): Escapes {
  const out = empty();
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    let command: string | undefined;
    // `gdb --args prog args`, `lldb -- prog args`: the debugger starts that program (with `run`, or `-batch -ex run`).
    if ((t === '--args' || t === '-args' || (t === '--' && name === 'lldb')) && i + 1 < args.length) {
      const argv = args.slice(i + 1);
      if (argv.some((a) => a.dynamic)) out.opaque.push(`${name} starts a program named at run time`);
      else out.shell.push({ text: argv.map((a) => (/^[\w@%+=:,./~-]+$/.test(a.text) && !a.text.startsWith('~') ? a.text : `'${a.text.replace(/'/g, `'\\''`)}'`)).join(' ').replace(/'~\//g, "~/'"), label: `${name} ${t}` });
      break;
    }
    if (t === '-ex' || t === '--ex' || t === '-iex' || t === '--eval-command' || t === '-o' || t === '--one-line' || t === '-O') command = args[++i]?.text;
    else if (t.startsWith('--eval-command=') || t.startsWith('--ex=')) command = t.slice(t.indexOf('=') + 1);
    if (command === undefined) continue;
    const m = /^\s*(?:shell|!|platform\s+shell)\s*(.*)$/s.exec(command);
    if (m && m[1]!.trim() !== '') out.shell.push({ text: m[1]!, label: `${name} shell` });
    else if (/^\s*(python|py|pi|script)\b/.test(command) && /\b(os|subprocess|system|popen|shutil|rmtree|unlink|remove|rmdir|pathlib)\b/.test(command)) out.opaque.push(`${name} runs Python that starts programs or deletes files`);
  }
  return out;
}

/** git configuration whose value is a program git starts: `-c core.pager=…`, `GIT_PAGER=…`. */
const GIT_PROGRAM_KEY = /^(core\.(pager|editor|sshcommand|fsmonitor|askpass)|sequence\.editor|diff\.external|diff\.[^.]+\.(textconv|command)|merge\.[^.]+\.driver|filter\.[^.]+\.(clean|smudge|process)|gpg\.program|gpg\.[^.]+\.program|pager\.[^.]+|uploadpack\.packobjectshook|credential\.helper|alias\.[^.]+)$/i;
const GIT_PROGRAM_VARIABLES = ['GIT_PAGER', 'GIT_EDITOR', 'GIT_SSH_COMMAND', 'GIT_SEQUENCE_EDITOR', 'GIT_EXTERNAL_DIFF', 'GIT_ASKPASS'];

function gitProgram(key: string, value: string): string | undefined {
  if (/^(true|false|yes|no|on|off|0|1)$/i.test(value) || value.trim() === '') return undefined;
  // Credential helpers and aliases run a shell only when they start with `!`; otherwise they name a git subcommand or helper.
  if (/^(credential\.helper|alias\.)/i.test(key)) return value.startsWith('!') ? value.slice(1) : undefined;
  return value;
}

/** git's `-c NAME=VALUE` settings given before the subcommand (a subcommand's own `-c`, as clone's, is not one). */
function gitSettings(parsed: ParsedCommand): ArgWord[] {
  const spec = toolNamed('git')!;
  return optionsMatching(parsed, spec, ['-c']).filter((o) => o.depth === 0).flatMap((o) => o.valueWords.map((w, n) => (w.text === o.values[n] ? w : { ...w, text: o.values[n]! })));
}

function gitEscapes(args: readonly ArgWord[], assignments: Readonly<Record<string, string>>): Escapes {
  const out = empty();
  const parsed = parsedArgs(args, toolNamed('git')!);
  for (const setting of gitSettings(parsed)) {
    const eq = setting.text.indexOf('=');
    if (eq < 0) continue;
    const key = setting.text.slice(0, eq);
    if (!GIT_PROGRAM_KEY.test(key)) continue;
    const program = gitProgram(key, setting.text.slice(eq + 1));
    if (program === undefined) continue;
    if (setting.dynamic) out.opaque.push(`git -c ${key} names a program computed at run time`);
    else out.shell.push({ text: program, label: `git -c ${key}` });
  }
  for (const name of GIT_PROGRAM_VARIABLES) {
    const value = assignments[name];
    if (value !== undefined && value !== '') out.shell.push({ text: value, label: `git ${name}` });
  }
  out.shell.push(...gitAliases(parsed));
  const extension = gitExtension(args, parsed);
  if (extension) out.shell.push(extension);
  return out;
}

/** git runs `git-<name>` for a subcommand it does not have: the extensions the registry describes (`git town kill`, `git lfs migrate`). */
const GIT_EXTENSIONS: ReadonlySet<string> = new Set(['town', 'machete', 'branchless', 'lfs', 'annex', 'spice', 'spr', 'delete-branch', 'delete-tag', 'delete-merged-branches', 'delete-squashed-branches', 'clear', 'clear-soft', 'reset-file', 'undo', 'obliterate', 'up', 'sync']);

function gitExtension(args: readonly ArgWord[], parsed: ParsedCommand): { text: string; label: string } | undefined {
  // `git annex drop`, `git lfs prune`: the git entry reads a few of these itself; git-<name> is still what runs.
  const described = parsed.path.length > 0 && GIT_EXTENSIONS.has(parsed.path[0]!);
  if (parsed.path.length > 0 && !described) return undefined;
  const at = described ? parsed.pathIndexes[0] : parsed.operandIndexes[0];
  const name = at === undefined ? undefined : args[at]?.text;
  if (at === undefined || name === undefined || !GIT_EXTENSIONS.has(name)) return undefined;
  return { text: ['git-' + name, ...args.slice(at + 1).map(quoteForShell)].join(' '), label: `git ${name}` };
}

/** What an alias runs: a `!` alias is shell text, any other is `git <text>`. */
function aliasText(value: string): string {
  return value.startsWith('!') ? value.slice(1) : `git ${value}`;
}

/**
 * Aliases (issue #11): `git -c alias.pf='push --force' pf` runs `git push --force`; `git config alias.x
 * '!…'` stores text a later `git x` runs, read here as if it ran.
 */
function gitAliases(parsed: ParsedCommand): { text: string; label: string }[] {
  const inline = new Map<string, string>();
  for (const value of gitSettings(parsed)) {
    const m = value.dynamic ? null : /^alias\.([^=\s]+)=([\s\S]*)$/i.exec(value.text);
    if (m) inline.set((m[1] as string).toLowerCase(), m[2] as string);
  }
  const sub = parsed.path[0] ?? parsed.operands[0]?.text;
  if (sub === undefined) return [];
  const out: { text: string; label: string }[] = [];
  // A `!` alias given with -c is read above whatever the subcommand; a git alias runs when it is the subcommand.
  const defined = inline.get(sub.toLowerCase());
  if (defined !== undefined && !defined.startsWith('!')) out.push({ text: aliasText(defined), label: `git alias ${sub}` });
  if (sub === 'config' && parsed.path[0] === 'config') {
    const spec = toolNamed('git')!;
    if (hasOption(parsed, spec, ['--unset', '--unset-all', '--get', '--get-all', '--get-regexp', '-l'])) return out;
    // `git config alias.x VALUE` and git 2.46's `git config set alias.x VALUE`.
    const operands = parsed.operands[0]?.text === 'set' ? parsed.operands.slice(1) : parsed.operands;
    const key = operands[0];
    const value = operands[1];
    if (key && value && !value.dynamic && /^alias\./i.test(key.text)) out.push({ text: aliasText(value.text), label: `git config ${key.text}` });
  }
  return out;
}

function manEscapes(args: readonly ArgWord[], assignments: Readonly<Record<string, string>>): Escapes {
  const out = empty();
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === '-P' || t === '--pager') {
      const pager = args[++i];
      if (pager) out.shell.push({ text: pager.text, label: 'man -P' });
    } else if (t.startsWith('--pager=')) out.shell.push({ text: t.slice('--pager='.length), label: 'man --pager' });
  }
  for (const name of ['MANPAGER', 'PAGER']) {
    const value = assignments[name];
    if (value !== undefined && value !== '') out.shell.push({ text: value, label: `man ${name}` });
  }
  return out;
}

/** npm's deleters (`rimraf`, `del-cli`): each operand goes with what it holds; they expand globs themselves, `!x` keeps x. */
function deleterEscapes(name: string, args: readonly ArgWord[]): Escapes {
  const out = empty();
  // `del-cli --dry-run` (or `-d`) only lists what it would delete.
  if (name === 'del-cli' && args.some((a) => a.text === '--dry-run' || a.text === '-d')) return out;
  const operands = args.filter((a) => !a.text.startsWith('-') && !a.text.startsWith('!'));
  if (operands.some((a) => a.dynamic)) out.opaque.push(`${name} deletes paths computed at run time`);
  const words = operands.filter((a) => !a.dynamic).map((a) => (/^[\w./*?@+-]+$/.test(a.text) ? a.text : quoted(a.text)));
  if (words.length > 0) out.shell.push({ text: `rm -rf -- ${words.join(' ')}`, label: name });
  return out;
}

// ---------------------------------------------------------------------------------------------
// ed: commands on standard input; `!cmd`, `r !cmd`, `w !cmd`, `e !cmd` run shell text

const ED_BANG = /^[\s.$,0-9'+;-]*(?:[rweE]\s*)?!(.+)$/;

function edEscapes(stdin: string | undefined): Escapes {
  const out = empty();
  if (stdin === undefined) return out;
  for (const line of stdin.split('\n')) {
    const bang = ED_BANG.exec(line);
    if (bang) out.shell.push({ text: bang[1]!, label: 'ed (commands on stdin)' });
  }
  return out;
}

/** The shell escapes of a program file a runner reads (`lua f.lua`, `Rscript f.R`, `julia f.jl`, `tclsh f.tcl`, `expect -f f.exp`), as if its text were a one-liner. */
export function programFileEscapes(name: string, text: string, label: string): Escapes | undefined {
  const code: ArgWord = { text, raw: text, dynamic: false, glob: false };
  if (name === 'Rscript' || name === 'R') return rEscapes([{ ...code, text: '-e' }, code]);
  if (name === 'julia') return juliaEscapes([{ ...code, text: '-e' }, code]);
  // busted's helper files are Lua.
  if (name.startsWith('lua') || name === 'busted') return luaCode(text, false, label);
  if (name === 'tclsh' || name === 'wish' || name === 'expect') return tclEscapes(text, label);
  if (name.startsWith('emacs')) return emacsEscapes([{ ...code, text: '--eval' }, code]);
  return undefined;
}

const RUNNERS = new Set(['ed', 'Rscript', 'R', 'julia', 'osascript', 'rimraf', 'del-cli', ...VI, 'emacs', 'emacs-nox', 'sqlite3', 'sqlite', 'lua', 'luajit', 'lua5.1', 'lua5.3', 'lua5.4', 'tclsh', 'wish', 'expect', 'gdb', 'lldb', 'git', 'man']);

/**
 * The shell escapes of one invocation, or undefined when the command is not a code runner.
 * `stdinText` gives the static text on its standard input, when known (asked only of runners that read it).
 */
export function shellEscapesOf(name: string, args: readonly ArgWord[], assignments: Readonly<Record<string, string>>, stdinText: () => string | undefined): Escapes | undefined {
  if (!RUNNERS.has(name)) return undefined;
  const stdin = ['git', 'man', 'emacs', 'emacs-nox', 'rimraf', 'del-cli'].includes(name) ? undefined : stdinText();
  if (VI.has(name)) return viEscapes(name, args, stdin);
  switch (name) {
    case 'ed':
      return edEscapes(stdin);
    case 'Rscript':
    case 'R':
      return rEscapes(args);
    case 'julia':
      return juliaEscapes(args);
    case 'osascript':
      return osascriptEscapes(args);
    case 'rimraf':
    case 'del-cli':
      return deleterEscapes(name, args);
    case 'emacs':
    case 'emacs-nox':
      return emacsEscapes(args);
    case 'sqlite3':
    case 'sqlite':
      return sqliteEscapes(args, stdin);
    case 'lua':
    case 'luajit':
    case 'lua5.1':
    case 'lua5.3':
    case 'lua5.4':
      return luaEscapes(args);
    case 'tclsh':
    case 'wish':
    case 'expect':
      return tclRunner(name, args, stdin);
    case 'gdb':
    case 'lldb':
      return debuggerEscapes(name, args);
    case 'git':
      return gitEscapes(args, assignments);
    case 'man':
      return manEscapes(args, assignments);
    default:
      return undefined;
  }
}

/** Runners that read their program from standard input given `-`, or given no program and no code option. */
const STDIN_PROGRAM_RUNNERS = new Set(['lua', 'luajit', 'lua5.1', 'lua5.3', 'lua5.4', 'tclsh', 'wish', 'expect', 'Rscript', 'julia']);
/** Options that carry code or a library (`lua -e`, `lua -l`, `expect -c`, `Rscript -e`, `julia --eval`), so the program is not on stdin. */
const STDIN_GRAMMAR: GrammarSpec = { options: [{ names: ['-e', '-c', '-E', '-l', '-f', '--eval', '--expr', '--file'], takes: 'one' }], interspersed: false, unknownShort: 'switch', unknownLong: 'switch' };

function readsProgramFromStdin(name: string, args: readonly ArgWord[]): boolean {
  if (!STDIN_PROGRAM_RUNNERS.has(name)) return false;
  const parsed = parseCommand(args, STDIN_GRAMMAR);
  const program = parsed.operands[0];
  return program ? program.text === '-' : !parsed.options.some((o) => o.name !== '-l');
}

/** Reports the runner itself, then walks what it runs: escapes as shell text, what cannot be read as opaque. */
const codeRunner: Handler = (w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined => {
  const inv = w.emit(name, first.text, args, exec);
  // `curl … | lua -`: a program on standard input is read when it can be known, and asks when it cannot.
  if ((exec.stdin || exec.stdinUnknown) && readsProgramFromStdin(name, args)) {
    const program = exec.stdin && !exec.stdinUnknown ? stdinText(w, exec.stdin, 0)?.text : undefined;
    if (program === undefined) w.addOpaque(`${name} runs ${exec.stdin?.kind === 'pipe' ? `the output of ${exec.stdin.from.name}` : 'its input'} as its program, which cannot be read before it runs`, w.viaOf(exec));
    else if (!['tclsh', 'wish', 'expect'].includes(name)) {
      const found = programFileEscapes(name, program, `${name} (program on stdin)`);
      for (const reason of found?.opaque ?? []) w.addOpaque(reason, w.viaOf(exec));
      for (const escape of found?.shell ?? []) w.analyzeText(escape.text, w.childScope(exec, escape.label));
    }
  }
  const escapes = shellEscapesOf(name, args, exec.assignments, () => (exec.stdin && !exec.stdinUnknown ? stdinText(w, exec.stdin, 0)?.text : undefined));
  if (!escapes) return inv;
  for (const reason of escapes.opaque) w.addOpaque(reason, w.viaOf(exec));
  // The runtime's own env file (`node --env-file=.env.production -e …`) loads the variables its commands run with.
  const loaded = withEnvFileWords(exec, args);
  for (const escape of escapes.shell) w.analyzeText(escape.text, w.childScope(loaded, escape.label));
  return inv;
};

export const codeRunnerHandlers: Record<string, Handler> = Object.fromEntries([...RUNNERS].map((name) => [name, codeRunner]));
