/**
 * Reading the entry files a runner runs (`runnerEntries.ts`): each file's text becomes what runs, by
 * how the runner reads it (code in a language the snippets model, shell text, recipes, TOML `run`
 * values, YAML `cmds`, a compose file's commands, `//go:generate` lines, Rust build code, a code
 * runner's program). A file not there runs nothing; one that cannot be read is opaque (`readFile`).
 */

import { direnvAsShell } from '../direnvStdlib';
import { composeHomeMounts, homeFileReads } from '../homeFileReads';
import { dirname, resolvePath } from '../../paths';
import { followLocalLoads } from '../loadedCode';
import type { Invocation, Origin } from '../types';
import { programFileEscapes } from './codeRunners';
import { isInstalledPackage, type Exec, type Walker } from './context';
import { lifecycle } from './packageManagers';
import type { Entry, Reading } from './runnerKit';

/** Lines taken from one entry file; the rest is not read. */
const MAX_LINES = 200;

export function runEntriesOf(w: Walker, name: string, entries: readonly Entry[], exec: Exec, inv: Invocation | undefined): void {
  for (const entry of entries) {
    if ('opaque' in entry) {
      w.addOpaque(entry.opaque, w.viaOf(exec));
      continue;
    }
    if ('lifecycle' in entry) {
      lifecycle(w, entry.lifecycle, entry.dir !== undefined ? { ...exec, cwd: entry.dir } : exec);
      continue;
    }
    if ('code' in entry) {
      if (!inv) continue;
      const language = entry.language ?? 'python';
      if (language === 'program') {
        const escapes = programFileEscapes(name, entry.code, entry.label);
        for (const reason of escapes?.opaque ?? []) w.addOpaque(reason, w.viaOf(exec));
        for (const escape of escapes?.shell ?? []) w.analyzeText(escape.text, w.childScope(exec, escape.label));
        continue;
      }
      w.snippet(language, entry.code, inv, exec.scope.origin, exec, entry.label);
      followLocalLoads(w, language, entry.code, undefined, inv, exec, entry.label);
      continue;
    }
    const seen = new Set<string>();
    for (const path of entry.files) {
      if (seen.has(path) || isInstalledPackage(path) || w.isActiveFile(path)) continue;
      seen.add(path);
      const text = w.readFile(path, w.viaOf(exec));
      if (text === undefined) continue;
      readEntry(w, name, path, text, entry.as, exec, inv);
      if (entry.first) break;
    }
  }
}

function readEntry(w: Walker, name: string, path: string, text: string, as: Reading, exec: Exec, inv: Invocation | undefined): void {
  const label = `${name} runs ${w.display(path)}`;
  const origin: Origin = { kind: 'script', path: w.display(path) };
  const shell = (lines: readonly string[], where = label): void => {
    for (const line of lines.slice(0, MAX_LINES)) if (line.trim() !== '') w.analyzeText(line, w.childScope(exec, where, origin));
  };
  switch (as) {
    case 'python':
    case 'javascript':
    case 'ruby':
      w.runFileText(path, text, as, inv, exec, label);
      if (as === 'python') shell(pythonTaskCalls(text));
      if (as === 'ruby') shell(rakeShellCalls(text));
      return;
    case 'shell':
      w.runFileText(path, text, 'shell', inv, exec, label);
      return;
    case 'envrc':
      w.runFileText(path, direnvAsShell(text), 'shell', inv, exec, label);
      return;
    case 'recipes':
      shell(text.split('\n').filter((l) => /^[ \t]+\S/.test(l)).map((l) => l.trim().replace(/^[@-]+/, '')));
      return;
    case 'tomlRun':
      shell(tomlRuns(text));
      return;
    case 'yamlCmds':
      shell(yamlCmds(text));
      return;
    case 'compose':
      composeCommands(w, path, text, exec);
      // Round 8: a home credential folder mounted into a container (`~/.aws:/a`) hands it to whatever the container runs.
      shell(composeHomeMounts(text), `${label} (a volume from the home folder)`);
      return;
    case 'goGenerate':
      shell([...text.matchAll(/^\/\/go:generate[ \t]+(.+)$/gm)].map((m) => m[1]!));
      return;
    case 'buildCode':
      if (inv) w.snippet('compiled', text, inv, origin, exec, label);
      shell(homeFileReads(text), `${label} (a file of the home folder)`);
      return;
    case 'rust':
      rustBuild(w, text, label, exec);
      if (inv) w.snippet('compiled', text, inv, origin, exec, label);
      shell(homeFileReads(text), `${label} (a file of the home folder)`);
      return;
    case 'toxCommands':
      shell(toxCommands(text));
      return;
    case 'denoTasks':
    case 'composerScripts':
      shell(jsonTasks(w, text, as === 'denoTasks' ? 'tasks' : 'scripts', label, exec));
      return;
    case 'procfile':
      shell([...text.matchAll(/^[\w.-]+:[ \t]*(.+)$/gm)].map((m) => m[1]!));
      return;
    case 'yamlRun':
      shell([...text.matchAll(/^\s+run:\s*(.+)$/gm)].map((m) => unquote(m[1]!.trim())).filter((l) => l !== '|' && l !== '>'));
      return;
    case 'jestPackage':
      for (const file of jestSetupFiles(text)) {
        const full = resolvePath(dirname(path), file.replace(/^<rootDir>\//, ''), w.facts.home);
        const code = w.readFile(full, w.viaOf(exec));
        if (code !== undefined) w.runFileText(full, code, 'javascript', inv, exec, `${label} (jest ${w.display(full)})`);
      }
      return;
    case 'preCommit':
      shell(preCommitEntries(text));
      return;
    case 'native':
      nativeCode(w, text, label, exec);
      if (inv) w.snippet('compiled', text, inv, origin, exec, label);
      shell(homeFileReads(text), `${label} (a file of the home folder)`);
      return;
    case 'program': {
      const escapes = programFileEscapes(name, text, label);
      for (const reason of escapes?.opaque ?? []) w.addOpaque(reason, w.viaOf(exec));
      for (const escape of escapes?.shell ?? []) w.analyzeText(escape.text, w.childScope(exec, escape.label, origin));
      return;
    }
  }
}

const unquote = (s: string): string => s.replace(/^\s*(["'])([\s\S]*)\1\s*$/, '$2');

/** Invoke's and Fabric's `c.run("…")`, nox's `session.run("rm", "-rf", …)`: the shell lines a Python task file runs. */
function pythonTaskCalls(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:c|ctx|context|conn|connection|local)\.(?:run|sudo|local)\(\s*(['"])((?:(?!\1)[^\\\n]|\\.)*)\1/g)) out.push(m[2]!);
  for (const m of text.matchAll(/\bsession\.run(?:_always|_install)?\(([^)\n]*)\)/g)) {
    const words = [...m[1]!.matchAll(/(['"])((?:(?!\1)[^\\\n])*)\1/g)].map((x) => `'${x[2]!.replace(/'/g, `'\\''`)}'`);
    if (words.length > 0) out.push(words.join(' '));
  }
  return out;
}

/** Rake's `sh "…"` (and `sh '…'`): shell lines of a Rakefile. */
function rakeShellCalls(text: string): string[] {
  return [...text.matchAll(/\bsh[ \t(]+(["'])((?:(?!\1)[^\\\n]|\\.)*)\1/g)].map((m) => m[2]!);
}

/** TOML `run = "…"`, `run = '''…'''`, `run = ["…", "…"]` values. */
function tomlRuns(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*run\s*=\s*("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\[[\s\S]*?\])/gm)) {
    const v = m[1]!;
    if (v.startsWith('"""') || v.startsWith("'''")) out.push(...v.slice(3, -3).split('\n'));
    else if (v.startsWith('[')) out.push(...[...v.matchAll(/"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'/g)].map((x) => x[1] ?? x[2]!));
    else out.push(unquote(v).replace(/\\"/g, '"'));
  }
  return out;
}

/** Taskfile `cmds:` items, in flow (`cmds: [a, b]`) or block form (`- a`, `- cmd: a`). */
function yamlCmds(text: string): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)cmds:\s*(.*)$/.exec(lines[i]!);
    if (!m) continue;
    if (m[2]!.startsWith('[')) {
      out.push(...m[2]!.replace(/^\[|\]\s*$/g, '').split(',').map((s) => unquote(s.trim())));
      continue;
    }
    for (let j = i + 1; j < lines.length; j++) {
      const item = /^(\s*)-\s+(?:cmd:\s*)?(.+)$/.exec(lines[j]!);
      if (!item || item[1]!.length < m[1]!.length) break;
      if (!/^(task|defer):/.test(item[2]!)) out.push(unquote(item[2]!));
    }
  }
  return out;
}

/** Each service's `command:` / `entrypoint:` in a compose file, run inside its container. */
function composeCommands(w: Walker, path: string, text: string, exec: Exec): void {
  let service = 'a service';
  for (const line of text.split('\n').slice(0, 2000)) {
    const header = /^ {2}([\w.-]+):\s*$/.exec(line);
    if (header) service = header[1]!;
    const m = /^\s+(command|entrypoint):\s*(.+)$/.exec(line);
    if (!m) continue;
    const value = m[2]!.trim();
    const command = value.startsWith('[') ? [...value.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((x) => `'${(x[1] ?? x[2]!).replace(/'/g, `'\\''`)}'`).join(' ') : unquote(value);
    const scope = w.remoteScope(exec, `${w.display(path)} ${m[1]}`, { place: `container ${service}`, provider: 'docker compose', names: [{ source: 'compose service', value: service }] });
    w.analyzeText(command, scope);
  }
}

/** tox.ini: `commands =` and its indented continuation lines. */
function toxCommands(text: string): string[] {
  const out: string[] = [];
  let inCommands = false;
  for (const line of text.split('\n')) {
    const start = /^(commands(?:_pre|_post)?)\s*=\s*(.*)$/.exec(line);
    if (start) {
      inCommands = true;
      if (start[2]!.trim() !== '') out.push(start[2]!);
    } else if (inCommands && /^[ \t]+\S/.test(line)) out.push(line.trim());
    else inCommands = false;
  }
  // `{env:HOME}` and `{homedir}` are the home folder (tox.wiki substitutions); other substitutions are dropped.
  return out.map((l) => l.replace(/^-\s*/, '').replace(/\{env:HOME(?::[^}]*)?\}|\{homedir\}/g, '$HOME').replace(/\{[^}]*\}/g, ''));
}

/** deno.json `tasks` / composer.json `scripts`: string (or string list) values; composer's `@php`, `@composer` and PHP callbacks. */
function jsonTasks(w: Walker, text: string, key: string, label: string, exec: Exec): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
  } catch {
    w.addOpaque(`${label}, whose tasks cannot be read`, w.viaOf(exec));
    return [];
  }
  const tasks = (parsed as Record<string, unknown> | null)?.[key];
  if (!tasks || typeof tasks !== 'object') return [];
  const out: string[] = [];
  for (const value of Object.values(tasks as Record<string, unknown>)) {
    const items = Array.isArray(value) ? value : [typeof value === 'object' && value !== null ? (value as { command?: unknown }).command : value];
    for (const item of items) {
      if (typeof item !== 'string') continue;
      if (/^@php\s/.test(item)) out.push('php ' + item.slice(5));
      else if (/^@(composer|putenv)\b/.test(item) || /^@[\w-]+$/.test(item)) continue;
      else if (/^[A-Z][\w\\]*::\w+$/.test(item)) w.addOpaque(`${label}, which calls the PHP callback ${item}`, w.viaOf(exec));
      else out.push(item);
    }
  }
  return out;
}

/** The files package.json's `jest` key runs before tests (`globalSetup`, `setupFiles`, …). */
function jestSetupFiles(text: string): string[] {
  let jest: unknown;
  try {
    jest = (JSON.parse(text) as { jest?: unknown }).jest;
  } catch {
    return [];
  }
  if (!jest || typeof jest !== 'object') return [];
  const config = jest as Record<string, unknown>;
  return ['globalSetup', 'globalTeardown', 'setupFiles', 'setupFilesAfterEnv', 'testEnvironment'].flatMap((k) => (Array.isArray(config[k]) ? config[k] : [config[k]])).filter((v): v is string => typeof v === 'string' && /^(\.|\/|<rootDir>)/.test(v));
}

/** pre-commit's local hooks that run a program of the repository (`language: system` or `script`): their `entry:` lines. */
function preCommitEntries(text: string): string[] {
  const out: string[] = [];
  for (const hook of text.split(/\n\s*-\s+id:/).slice(1)) {
    if (!/\blanguage:\s*['"]?(system|script|unsupported|unsupported_script)\b/.test(hook)) continue;
    const entry = /\bentry:\s*(.+)/.exec(hook);
    if (entry) out.push(unquote(entry[1]!.trim()));
  }
  return out;
}

/** Delete and process calls of languages the snippets do not model: each asks, naming the call. */
const NATIVE_CALLS = /\b(os\.RemoveAll|os\.Remove|exec\.Command(?:Context)?|Files\.delete(?:IfExists)?|FileUtils\.deleteDirectory|Runtime\.getRuntime\(\)\.exec|ProcessBuilder|File\.rm_rf!?|File\.rm!?|System\.cmd|System\.shell|:os\.cmd|removeItem|Process\(\)|Directory\([^)]*\)\.deleteSync|Process\.run(?:Sync)?|file\s*\(\s*REMOVE(?:_RECURSE)?|execute_process|commandLine|fs::remove_dir_all|fs::remove_file|Command::new|project\.delete|delete\s*\(?\s*(?:fileTree|file|['"]))/g;

function nativeCode(w: Walker, text: string, label: string, exec: Exec): void {
  const found = new Set<string>();
  for (const m of text.matchAll(NATIVE_CALLS)) if (found.size < 3) found.add(m[1]!.replace(/\s+/g, ' '));
  if (found.size > 0) w.addOpaque(`${label}, which deletes files or starts programs (${[...found].join(', ')})`, w.viaOf(exec));
}

/** build.rs: `Command::new("prog").args([...])` runs a program; `remove_dir_all`/`remove_file` delete. */
function rustBuild(w: Walker, text: string, label: string, exec: Exec): void {
  const via = w.viaOf(exec);
  for (const m of text.matchAll(/\b(?:fs::)?(remove_dir_all|remove_file|remove_dir)\s*\(\s*(?:"((?:[^"\\]|\\.)*)")?/g)) {
    if (m[2] === undefined) w.addOpaque(`${label}, which deletes a path computed at run time (${m[1]})`, via);
    else w.analyzeText(`rm ${m[1] === 'remove_file' ? '-f' : '-rf'} -- '${m[2].replace(/'/g, `'\\''`)}'`, w.childScope(exec, `${label} (${m[1]})`));
  }
  for (const m of text.matchAll(/Command::new\s*\(\s*(?:"([^"]*)")?\s*\)((?:\s*\.\s*(?:arg|args)\s*\([^)]*\))*)/g)) {
    const args = [...(m[2] ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => `'${x[1]!.replace(/'/g, `'\\''`)}'`);
    const dynamic = m[1] === undefined || /\.\s*args?\s*\(\s*[^"\s[&]/.test(m[2] ?? '');
    if (dynamic) w.addOpaque(`${label}, which starts a program with words computed at run time`, via);
    else w.analyzeText([m[1], ...args].join(' '), w.childScope(exec, `${label} (Command::new)`));
  }
}

