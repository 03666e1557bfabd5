import { resolvePath } from '../../paths';
import type { ArgWord } from '../../shell/ast';
import { parseCommand, type GrammarSpec } from '../../shell/grammar';
import type { Invocation } from '../types';
import type { Exec, Handler, Walker } from './context';
import { namedLikeATool } from './shells';

/**
 * Programs that start code through a door of their own (issue #18 item 6), written from their
 * manuals: bash's `enable -f LIB` (a shared library loaded as a builtin), RPM's macro language
 * (`rpm --eval '%(cmd)'` runs cmd; `%{lua: …}` runs Lua), Gradle's `--init-script`, kustomize's exec
 * plugins (`--enable-exec`, `--enable-alpha-plugins`), Puppet's `apply -e` manifests, the model CLIs
 * that write a shell command and run it (`sgpt --shell`, `llm cmd`, `aichat -e`), and the desktop
 * openers that start a script (`xdg-open ./x.desktop`, `open -a Terminal ./x`). What can be read is
 * walked as shell text; what cannot asks.
 */

const word = (text: string): ArgWord => ({ text, raw: text, dynamic: false, glob: false });

/** The values of `names` wherever they are written, read by the one grammar (other options are switches). */
function optionWords(args: readonly ArgWord[], names: readonly string[], takes: 'one' | 'none' = 'one'): ArgWord[] {
  const grammar: GrammarSpec = { options: [{ names: [...names], takes }], unknownShort: 'switch', unknownLong: 'switch' };
  // Only the options asked for: an unknown `--project-dir=.` is not an init script (it asked on ordinary gradle runs).
  return parseCommand(args, grammar).options.filter((o) => o.known).flatMap((o) => (takes === 'none' ? [word(o.name)] : o.valueWords.map((w, n) => (w.text === o.values[n] ? w : { ...w, text: o.values[n]! }))));
}

function enableBuiltin(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const library = optionWords(args, ['-f'])[0];
  if (library) w.addOpaque(`enable -f loads ${library.text.slice(0, 80)} into the shell as a builtin: its compiled code cannot be read`, w.viaOf(exec));
  return inv;
}

/** `%(cmd)` runs cmd through the shell; `%{lua: …}` runs Lua; `%{expand: …}` and nested macros are read again. */
function rpmMacros(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  for (const value of optionWords(args, ['--eval', '-E', '--define', '-D'])) {
    if (value.dynamic && /%/.test(value.raw)) {
      w.addOpaque(`${name} expands a macro built at run time`, w.viaOf(exec));
      continue;
    }
    for (const body of shellMacros(value.text)) w.analyzeText(body, w.childScope(exec, `${name} %(…)`));
    if (/%\{lua:/.test(value.text)) w.addOpaque(`${name} runs an embedded Lua macro (%{lua: …})`, w.viaOf(exec));
  }
  return inv;
}

/** The bodies of `%(…)` in macro text, balanced parentheses. */
function shellMacros(text: string): string[] {
  const out: string[] = [];
  for (let i = text.indexOf('%('); i >= 0 && out.length < 16; i = text.indexOf('%(', i + 2)) {
    let depth = 0;
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')' && --depth === 0) {
        out.push(text.slice(i + 2, j));
        break;
      }
    }
  }
  return out;
}

/** Groovy or Kotlin that starts programs or deletes files: `"…".execute()`, `exec {`, `delete(`, `ProcessBuilder`. */
const BUILD_SCRIPT_ACTIONS = /\.execute\s*\(|\bexec\s*[({]|\bcommandLine\b|ProcessBuilder|Runtime\s*\.\s*getRuntime|\bdelete\s*[({]|\.deleteDir\s*\(|\.deleteRecursively\s*\(|\bproject\s*\.\s*delete\b/;

function gradle(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  for (const script of optionWords(args, ['-I', '--init-script'])) {
    const text = script.dynamic ? undefined : w.readFile(resolvePath(exec.cwd, script.text, w.facts.home), w.viaOf(exec));
    if (text === undefined) w.addOpaque(`${name} --init-script runs ${script.text.slice(0, 80)}, which is not there to read before it runs`, w.viaOf(exec));
    else if (BUILD_SCRIPT_ACTIONS.test(text)) w.addOpaque(`${name} --init-script ${script.text.slice(0, 80)} starts programs or deletes files from Groovy or Kotlin, which the guard does not read`, w.viaOf(exec));
  }
  return inv;
}

function kustomize(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const exec_ = optionWords(args, ['--enable-exec', '--enable-alpha-plugins', '--enable-star'], 'none');
  if (exec_.length > 0) w.addOpaque(`${name} ${exec_[0]!.text} runs the programs the kustomization's generators and transformers name, which are not read`, w.viaOf(exec));
  return inv;
}

/** Puppet's `file { 'path': ensure => absent }` and `exec { 'name': command => '…' }`; other resources change the machine in ways not read here. */
function puppetManifest(w: Walker, text: string, exec: Exec, label: string): void {
  for (const m of text.matchAll(/\b(\w+)\s*\{\s*(['"])([^'"]*)\2\s*:([^}]*)\}/g)) {
    const [, type, , title, body] = m as unknown as [string, string, string, string, string];
    const attribute = (key: string): string | undefined => new RegExp(`\\b${key}\\s*=>\\s*(?:(['"])((?:(?!\\1).)*)\\1|(\\w+))`).exec(body)?.slice(2).find((v) => v !== undefined);
    if (type === 'file' && /^(absent|purged)$/.test(attribute('ensure') ?? '')) {
      const path = attribute('path') ?? title;
      w.analyzeText(`rm ${attribute('force') === 'true' || attribute('recurse') === 'true' ? '-rf' : '-f'} -- '${path.replace(/'/g, `'\\''`)}'`, w.childScope(exec, label));
    } else if (type === 'exec') w.analyzeText(attribute('command') ?? title, w.childScope(exec, label));
    else if (type !== 'notify') w.addOpaque(`${label} changes a ${type} resource (${title.slice(0, 60)}), which is not read here`, w.viaOf(exec));
  }
}

function puppet(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  if (args[0]?.text !== 'apply' || args.some((a) => a.text === '--noop')) return inv;
  const rest = args.slice(1);
  const code = optionWords(rest, ['-e', '--execute']);
  for (const c of code) {
    if (c.dynamic) w.addOpaque('puppet apply -e runs a manifest built at run time', w.viaOf(exec));
    else puppetManifest(w, c.text, exec, 'puppet apply -e');
  }
  if (code.length > 0) return inv;
  const file = parseCommand(rest, { options: [], unknownShort: 'switch', unknownLong: 'switch' }).operands[0];
  const text = file && !file.dynamic ? w.readFile(resolvePath(exec.cwd, file.text, w.facts.home), w.viaOf(exec)) : undefined;
  if (file && text === undefined) w.addOpaque(`puppet apply runs ${file.text.slice(0, 80)}, which cannot be read`, w.viaOf(exec));
  else if (file && text !== undefined) puppetManifest(w, text, exec, `puppet apply ${file.text}`);
  return inv;
}

/** Model CLIs that write a shell command from a prompt and run it: what runs is not known until the model answers. */
function modelShell(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const runs =
    name === 'llm' ? args[0]?.text === 'cmd'
    : name === 'aichat' ? optionWords(args, ['-e', '--execute'], 'none').length > 0
    : optionWords(args, ['-s', '--shell'], 'none').length > 0;
  if (runs) w.addOpaque(`${name} writes a shell command from a prompt and runs it: what it runs is not known before the model answers`, w.viaOf(exec));
  return inv;
}

/** Terminals an opener hands a file to, which run it as a program. */
const TERMINAL_APPS = /^(terminal|iterm2?|iterm\.app|terminal\.app|alacritty|kitty|wezterm|warp|ghostty|hyper)$/i;

function opener(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const terminal = optionWords(args, ['-a']).some((a) => TERMINAL_APPS.test(a.text));
  const grammar: GrammarSpec = { options: [{ names: ['-a', '-b'], takes: 'one' }], unknownShort: 'switch', unknownLong: 'switch' };
  const operands = parseCommand(args, grammar).operands;
  for (const operand of operands) {
    if (operand.dynamic || /^[a-z][a-z0-9+.-]*:/i.test(operand.text)) continue;
    const path = resolvePath(exec.cwd, operand.text, w.facts.home);
    const text = w.readFile(path, w.viaOf(exec));
    if (text === undefined) continue;
    if (path.endsWith('.desktop')) {
      for (const m of text.matchAll(/^Exec\s*=\s*(.+)$/gm)) w.analyzeText(m[1]!.replace(/%[fFuUick]/g, ''), w.childScope(exec, `${name} ${operand.text}`));
    } else if (terminal || text.startsWith('#!') || /\.(command|tool|sh)$/.test(path)) {
      namedLikeATool(w, { ...operand, text: operand.text.includes('/') ? operand.text : `./${operand.text}` }, inv, exec);
    }
  }
  return inv;
}

/**
 * trentm's `json -I -f package.json -e 'this.scripts.test="…"'` edits the file in place with
 * JavaScript: a script it sets is read as the `npm pkg set` it amounts to (the deferred pack judges it).
 */
function jsonInPlace(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const grammar: GrammarSpec = { options: [{ names: ['-f'], takes: 'one' }, { names: ['-e', '-E'], takes: 'one' }, { names: ['-I', '--in-place'], takes: 'none' }], unknownShort: 'switch', unknownLong: 'switch' };
  const parsed = parseCommand(args, grammar);
  if (!parsed.options.some((o) => o.name === '-I')) return inv;
  const files = parsed.options.filter((o) => o.name === '-f').flatMap((o) => o.values);
  const code = parsed.options.filter((o) => o.name === '-e').map((o) => o.valueWords[0]!);
  if (!files.some((f) => /(^|\/)package\.json$/.test(f))) return inv;
  for (const c of code) {
    if (c.dynamic && /scripts/.test(c.raw)) w.addOpaque(`${name} -I sets package.json scripts from code built at run time`, w.viaOf(exec));
    if (c.dynamic) continue;
    for (const m of c.text.matchAll(/this\.scripts(?:\.([\w$]+)|\[\s*(['"])([^'"]+)\2\s*\])\s*=\s*(['"`])((?:(?!\4)[^\\]|\\.)*)\4/g)) {
      const key = m[1] ?? m[3]!;
      w.run([word('npm'), word('pkg'), word('set'), word(`scripts.${key}=${m[5]!.replace(/\\(.)/g, '$1')}`)], { ...exec, wrappers: [...exec.wrappers, `${name} -I`] });
    }
  }
  return inv;
}

export const launchedCodeHandlers: Record<string, Handler> = {
  json: jsonInPlace,
  enable: enableBuiltin,
  rpm: rpmMacros, rpmbuild: rpmMacros, rpmspec: rpmMacros,
  gradle, gradlew: gradle, './gradlew': gradle,
  kustomize,
  puppet,
  sgpt: modelShell, 'shell-gpt': modelShell, llm: modelShell, aichat: modelShell,
  open: opener, 'xdg-open': opener, 'kde-open': opener, 'gnome-open': opener,
};
