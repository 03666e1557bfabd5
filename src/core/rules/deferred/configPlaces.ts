import { ownTable } from '../../ownTable';
import { cleanerConfigAt } from '../../policy/cleanerConfigs';
import { jsoncValue } from '../../credentials/jsoncTree';
import { basename } from '../../paths';
import type { Finding } from '../../policy/types';
import { commandLinesInCode } from './buildPlaces';
import { gdbCommands } from './bootReaders';
import { editorStartupCommands, editorTasks, joinArgv, type PlaceRule } from './places';

/**
 * Configuration files of other tools that name a program or hold commands the tool runs later
 * (stop 28, red team round 9), beside `places.ts`, `laterPlaces.ts` and `buildPlaces.ts`:
 * - home tool configs: starship's custom modules (run on every prompt), Mercurial's hooks, pager and
 *   extensions, bat's pager, less's `#env LESSOPEN`, R's `.Rprofile`, mongosh's `.mongoshrc.js`, pdb's
 *   `.pdbrc`, irb's and pry's rc files, psql's `\!`, tmux's `run-shell` (`.inputrc` is a start-up file:
 *   perimeter/startupPlaces.ts);
 * - project editor configs: Zed's terminal shell, language-server binaries and tasks, Helix's shell and
 *   language servers, Neovim's project `.nvim.lua`/`.nvimrc`/`.lazy.lua`, and the editor's **user**
 *   tasks (`~/.config/Code/User/tasks.json`, whose `runOn: folderOpen` tasks run in every folder opened);
 * - Ruby DSL files that bundler, vagrant, CocoaPods, fastlane … evaluate (Gemfile, Vagrantfile, a gemspec);
 * - build and task files of other runners: Ant's build.xml and Maven's exec plugin, deno.json tasks,
 *   Pipfile scripts, composer.json scripts, mise and pixi tasks, devbox hooks, Procfiles, Tiltfiles.
 * A place marked `programs` names a program (a pager, a shell): one that is not a usual one asks even
 * when what it does cannot be followed (`--pager="sh -c evil"`).
 */

/** Values of TOML keys (basic, literal and multi-line strings), for keys matching `key`. */
function tomlValues(text: string, key: RegExp): string[] {
  const out: string[] = [];
  const re = new RegExp(`^\\s*(?:${key.source})\\s*=\\s*("""[\\s\\S]*?"""|'''[\\s\\S]*?'''|"(?:[^"\\\\\\n]|\\\\.)*"|'[^'\\n]*'|\\[[^\\]]*\\])`, 'gm');
  for (const m of text.matchAll(re)) {
    if (out.length >= 32) break;
    const v = m[1]!;
    if (v.startsWith('[')) out.push(joinArgv(stringItems(v)));
    else if (v.startsWith('"""') || v.startsWith("'''")) out.push(v.slice(3, -3));
    else if (v.startsWith('"')) out.push(unescapeBasic(v.slice(1, -1)));
    else out.push(v.slice(1, -1));
  }
  return out;
}

function unescapeBasic(s: string): string {
  return s.replace(/\\(["\\nt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** The string items of a flow list (`["sh", "-c", "x"]`). */
function stringItems(list: string): string[] {
  return [...list.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => (m[1] !== undefined ? unescapeBasic(m[1]) : m[2]!));
}

/** Sections of an INI file (`[hooks]`) with their `key = value` lines. */
function iniSections(text: string): { section: string; key: string; value: string }[] {
  const out: { section: string; key: string; value: string }[] = [];
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[([^\]]+)\]$/.exec(line);
    if (head) {
      section = head[1]!.trim().toLowerCase();
      continue;
    }
    const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (kv && out.length < 64) out.push({ section, key: kv[1]!.toLowerCase(), value: kv[2]! });
  }
  return out;
}

/** Mercurial: hooks (shell lines, or `python:` files), the editor, ssh and pager programs, extensions loaded from a path. */
function hgPrograms(text: string): string {
  const out: string[] = [];
  for (const { section, key, value } of iniSections(text)) {
    if (section === 'hooks') {
      const py = /^python:(.+?\.py)(:\w+)?$/.exec(value);
      out.push(py ? `python3 ${py[1]}` : value);
    } else if ((section === 'ui' && /^(editor|ssh|merge)$/.test(key)) || (section === 'pager' && key === 'pager') || (section === 'merge-tools' && key.endsWith('.executable'))) out.push(value);
    else if (section === 'extensions' && /[/\\]/.test(value)) out.push(`python3 ${value.replace(/^!/, '')}`);
  }
  return out.join('\n');
}

/** bat's config: `--pager=…` / `--pager …` (an option a line). */
function batPager(text: string): string {
  return [...text.matchAll(/^\s*--pager(?:=|\s+)("[^"]*"|'[^']*'|.+)$/gm)].map((m) => m[1]!.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1')).join('\n');
}

/** lesskey's `#env` section: `LESSOPEN=|cmd %s` runs a program on every file less opens. */
function lessOpen(text: string): string {
  return [...text.matchAll(/^\s*LESS(?:OPEN|CLOSE)\s*=\s*\|{0,2}-?(.+)$/gm)].map((m) => m[1]!.replace(/%s/g, 'x').trim()).join('\n');
}

/** Ruby's process calls: `system`/`exec`/`spawn`, backticks and `%x(…)`. */
function rubyCommands(text: string): string {
  const out = commandLinesInCode(text);
  for (const m of text.matchAll(/`([^`\n]+)`|%x[({[]([^)}\]\n]+)[)}\]]/g)) if (out.length < 32) out.push(m[1] ?? m[2]!);
  return out.join('\n');
}

/** R's `system("…")`, `system2("cmd", c("a", "b"))` and the other languages' process calls. */
function rCommands(text: string): string {
  const out = commandLinesInCode(text);
  for (const m of text.matchAll(/\bsystem2\s*\(\s*["']([^"']+)["']\s*(?:,\s*(?:args\s*=\s*)?c\(([^)]*)\))?/g)) out.push(joinArgv([m[1]!, ...stringItems(m[2] ?? '')]));
  return out.join('\n');
}

/** pdb runs each line of `.pdbrc` as a debugger command; `!stmt` and anything not a pdb command are Python statements. */
function pdbPython(text: string): string {
  return text.split('\n').map((l) => l.trim().replace(/^!/, '')).filter((l) => l !== '' && !l.startsWith('#') && !/^(alias|unalias|b|break|tbreak|c|cont|continue|n|next|s|step|l|list|ll|w|where|bt|u|up|d|down|p|pp|display|undisplay|condition|ignore|commands|end|disable|enable|clear)(\s|$)/.test(l)).join('\n');
}

/** psql's `\!` and `\setenv PAGER`, sqlite's `.shell`/`.system`, gdb's `shell`/`!`. */
function clientShellLines(text: string): string {
  return [...text.matchAll(/^\s*(?:\\!|\.shell|\.system|shell|!)\s*(.+)$/gm)].map((m) => m[1]!.trim()).join('\n');
}

/** tmux: `run-shell`/`run`, `if-shell`'s test, `default-command`. */
function tmuxCommands(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:run-shell|run|if-shell|if)\s+(?:-\w+\s+)*("(?:[^"\\]|\\.)*"|'[^']*'|\S+)/gm)) out.push(m[1]!.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1'));
  for (const m of text.matchAll(/^\s*set(?:-option)?\s+(?:-\w+\s+)*default-(?:command|shell)\s+("(?:[^"\\]|\\.)*"|'[^']*'|\S+)/gm)) out.push(m[1]!.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1'));
  return out.join('\n');
}

/** Every string value under keys matching `keys` (with an `args` list beside it), anywhere in a JSON document; quoted values of a fragment. */
function jsonPrograms(text: string, keys: RegExp): string {
  const doc = jsoncValue(text);
  const out: string[] = [];
  if (doc === undefined) {
    for (const m of text.matchAll(/"([\w-]+)"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) if (keys.test(m[1]!) && out.length < 32) out.push(m[2]!.replace(/\\(["\\])/g, '$1'));
    return out.join('\n');
  }
  const walk = (node: unknown, depth: number): void => {
    if (depth > 12 || out.length >= 32 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) {
      if (keys.test(k) && typeof v === 'string') {
        const args = Array.isArray(o.args) ? o.args.filter((a): a is string => typeof a === 'string') : Array.isArray(o.arguments) ? o.arguments.filter((a): a is string => typeof a === 'string') : [];
        out.push(args.length > 0 ? joinArgv([v, ...args]) : v);
      } else walk(v, depth + 1);
    }
  };
  walk(doc, 0);
  return out.join('\n');
}

/** Zed's settings: the terminal's shell program, language-server binaries, context servers. */
function zedPrograms(text: string): string {
  return jsonPrograms(text, /^(program|path|command)$/);
}

/** Credential helpers the Docker client is told to run (`credsStore`, `credHelpers`), as the programs `docker-credential-NAME`. */
function dockerHelpers(text: string): string {
  const doc = jsoncValue(text) as { credsStore?: unknown; credHelpers?: unknown } | undefined;
  const names = doc !== undefined && doc !== null && typeof doc === 'object'
    ? [doc.credsStore, ...(doc.credHelpers !== null && typeof doc.credHelpers === 'object' ? Object.values(doc.credHelpers as object) : [])]
    : [...text.matchAll(/"(?:credsStore|[\w.-]+\.[\w.-]+)"\s*:\s*"([\w.-]+)"/g)].map((m) => m[1]);
  return names.filter((n): n is string => typeof n === 'string' && n !== '').map((n) => `docker-credential-${n}`).join('\n');
}

/** Helix: `shell = [...]`, and each table's `command` with its `args` (language servers, formatters). */
function helixPrograms(text: string): string {
  const out: string[] = [];
  for (const table of text.split(/^\s*(?=\[)/m)) {
    out.push(...tomlValues(table, /shell/));
    const command = tomlValues(table, /command/)[0];
    if (command === undefined) continue;
    const args = /^\s*args\s*=\s*(\[[^\]]*\])/m.exec(table)?.[1];
    out.push(args ? joinArgv([command, ...stringItems(args)]) : command);
  }
  return out.slice(0, 32).join('\n');
}

/** Task definitions keyed by name whose value is a command line or `{ command | cmd | run }` (deno.json tasks, composer scripts, devbox scripts). */
function namedTasks(text: string, container: RegExp): string {
  const doc = jsoncValue(text);
  const out: string[] = [];
  const take = (v: unknown): void => {
    if (out.length >= 32) return;
    if (typeof v === 'string') out.push(v.replace(/^@(php|composer|putenv)\s+/, '$1 '));
    else if (Array.isArray(v)) v.forEach(take);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      take(o.command ?? o.cmd ?? o.run ?? o.init_hook ?? o.scripts);
    }
  };
  if (doc === undefined || typeof doc !== 'object' || doc === null) {
    for (const m of text.matchAll(/"[\w:.-]+"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) take(m[1]!.replace(/\\(["\\])/g, '$1'));
    return out.join('\n');
  }
  const walk = (o: Record<string, unknown>, depth: number): void => {
    for (const [k, v] of Object.entries(o)) {
      if (container.test(k)) {
        if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const t of Object.values(v as object)) take(t);
        else take(v);
      } else if (depth < 3 && v !== null && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, depth + 1);
    }
  };
  walk(doc as Record<string, unknown>, 0);
  return out.join('\n');
}

/** Values of a TOML table's keys (`[scripts]` of a Pipfile, `[tasks]` of pixi, `[tasks.x] run`), inline tables' `cmd` included. */
function tomlTasks(text: string, tables: RegExp): string {
  const out: string[] = [];
  for (const part of text.split(/^\s*(?=\[)/m)) {
    const head = /^\[+([^\]]+)\]+/.exec(part);
    if (!head || !tables.test(head[1]!.trim())) continue;
    const body = part.slice(head[0].length);
    for (const v of tomlValues(body, /[\w"'.:-]+/)) out.push(v);
    for (const m of body.matchAll(/\b(?:cmd|run|command)\s*=\s*("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\[[^\]]*\])/g)) out.push(m[1]!.startsWith('[') ? joinArgv(stringItems(m[1]!)) : m[1]!.slice(1, -1));
  }
  return out.slice(0, 32).join('\n');
}

/** Ant's `<exec>`/`<apply>` (executable and its `<arg value|line>`), Maven's exec plugin (`<executable>` and `<argument>`s). */
function xmlExecs(text: string): string {
  const out: string[] = [];
  const attr = (tag: string, name: string): string | undefined => new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag)?.slice(2).find((x) => x !== undefined);
  const xml = (s: string): string => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const m of text.matchAll(/<(exec|apply)\b([^>]*?)(\/>|>([\s\S]*?)<\/\1>)/g)) {
    if (out.length >= 24) break;
    const program = attr(m[2]!, 'executable') ?? attr(m[2]!, 'command');
    if (program === undefined) continue;
    const words = [xml(program)];
    for (const a of (m[4] ?? '').matchAll(/<arg\b([^>]*)\/?>/g)) {
      const value = attr(a[1]!, 'value') ?? attr(a[1]!, 'file') ?? attr(a[1]!, 'path');
      const line = attr(a[1]!, 'line');
      if (value !== undefined) words.push(xml(value));
      else if (line !== undefined) words.push(...xml(line).split(/\s+/).filter((w) => w !== ''));
    }
    out.push(joinArgv(words));
  }
  for (const m of text.matchAll(/<executable>([^<]+)<\/executable>([\s\S]{0,2000}?)(?=<\/configuration>|$)/g)) {
    const args = [...m[2]!.matchAll(/<argument>([^<]*)<\/argument>/g)].map((a) => xml(a[1]!));
    out.push(joinArgv([xml(m[1]!.trim()), ...args]));
  }
  return out.join('\n');
}

/** Tilt's Starlark: `local('cmd')`, `local_resource(…, cmd='…', serve_cmd='…')`, and process calls. */
function tiltCommands(text: string): string {
  const out = commandLinesInCode(text);
  for (const m of text.matchAll(/\blocal\s*\(\s*(?:command\s*=\s*)?("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\[[^\]]*\])|\b(?:serve_)?cmd\s*=\s*("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\[[^\]]*\])/g)) {
    const v = (m[1] ?? m[2])!;
    if (out.length < 32) out.push(v.startsWith('[') ? joinArgv(stringItems(v)) : v.slice(1, -1));
  }
  return out.join('\n');
}

/** `name: command` lines of a Procfile. */
function procfile(text: string): string {
  return [...text.matchAll(/^[\w-]+\s*:\s*(.+)$/gm)].map((m) => m[1]!.trim()).join('\n');
}

const EDITOR_USER = /\/(code|code - insiders|code-insiders|code - oss|code-oss|vscodium|cursor|windsurf|positron|trae|kiro)\/user\/(profiles\/[^/]+\/)?tasks\.json$|\/\.[a-z-]*-server\/data\/user\/tasks\.json$/;
const RUBY_DSL = /^(gemfile|vagrantfile|podfile|brewfile|guardfile|dangerfile|fastfile|appfile|matchfile|capfile|berksfile|puppetfile|steepfile|thorfile|config\.ru|[\w.-]+\.gemspec|gems\.rb)$/;
const RUBY_DSL_WHEN: Readonly<Record<string, string>> = ownTable({
  gemfile: 'whenever bundler reads it (bundle install, bundle exec, every `rails` or `rake` run)',
  'gems.rb': 'whenever bundler reads it (bundle install, bundle exec)',
  vagrantfile: 'whenever vagrant runs in the folder (vagrant up, status, ssh)',
  podfile: 'whenever CocoaPods reads it (pod install)',
  brewfile: 'when `brew bundle` reads it',
});

/** The file names `configPlaceOf` knows (lower-cased), for a lookup before any pattern. */
const CANDIDATE_NAMES: ReadonlySet<string> = new Set([
  'starship.toml', '.hgrc', 'hgrc', 'mercurial.ini', 'config', '.lesskey', 'lesskey', '.less', '.rprofile', 'rprofile.site', '.mongoshrc.js', '.mongorc.js',
  '.pdbrc', '.irbrc', '.pryrc', 'irbrc', '_irbrc', '.psqlrc', '.sqliterc', '.gdbinit', '.tmux.conf', 'tmux.conf', 'config.json', 'settings.json', 'tasks.json',
  'config.toml', 'languages.toml', '.nvim.lua', '.nvimrc', '.lazy.lua', 'gemfile', 'gems.rb', 'vagrantfile', 'podfile', 'brewfile', 'guardfile', 'dangerfile',
  'fastfile', 'appfile', 'matchfile', 'capfile', 'berksfile', 'puppetfile', 'steepfile', 'thorfile', 'config.ru', 'build.xml', 'pom.xml', 'deno.json',
  'deno.jsonc', 'composer.json', 'devbox.json', 'pipfile', 'pixi.toml', 'mise.toml', '.mise.toml', 'mise.local.toml', '.mise.local.toml', 'procfile',
  '.replit', 'tiltfile',
]);

/** Where a tool runs programs or commands named in the file at `absolutePath` later, or undefined. */
export function configPlaceOf(absolutePath: string, text: string | undefined, home: string): PlaceRule | undefined {
  // Round 27: a cleaner's configuration (logrotate, systemd-tmpfiles, newsyslog) deletes, empties or moves the files it names later.
  const cleaner = cleanerConfigAt(absolutePath, home);
  if (cleaner) return { where: `${cleaner.program}'s configuration ${absolutePath}`, when: cleaner.when, language: 'shell', strictUnknown: true, commands: cleaner.asShell };
  const lname = absolutePath.slice(Math.max(absolutePath.lastIndexOf('/'), absolutePath.lastIndexOf('\\')) + 1).toLowerCase();
  // One lookup by name first: most written paths are none of these.
  if (!CANDIDATE_NAMES.has(lname) && !lname.endsWith('.gemspec') && !lname.startsWith('procfile.')) return undefined;
  const p = absolutePath.replace(/\\/g, '/');
  const l = p.toLowerCase();
  if (l.includes('/node_modules/') || l.includes('/.git/')) return undefined;
  const name = basename(p);
  const inHome = l.startsWith(home.toLowerCase().replace(/\/$/, '') + '/');
  const place = (where: string, when: string, commands: (t: string) => string, extra: Partial<PlaceRule> = {}): PlaceRule => ({ where, when, language: 'shell', strictUnknown: inHome, commands, ...extra });
  // Home tool configs.
  if (/\/\.config\/starship\.toml$|\/starship\.toml$/.test(l)) return place(`starship's configuration ${name}`, 'on every shell prompt (custom modules run their `command` and `when`)', (t) => tomlValues(t, /command|when/).join('\n'), { strictUnknown: true });
  if (/\/\.hgrc$|\/\.hg\/hgrc$|\/\.config\/hg\/hgrc$|\/mercurial\.ini$|^\/etc\/mercurial\/hgrc(\.d\/[^/]+)?$/.test(l)) return place(`the Mercurial configuration ${name}`, 'whenever hg runs (its hooks on commit, pull and push; its editor, pager and extensions)', hgPrograms, { strictUnknown: true, programs: true });
  if (l.endsWith('/.config/bat/config')) return place("bat's configuration", 'whenever bat pages its output (its --pager program)', batPager, { strictUnknown: true, programs: true });
  if (/\/(\.lesskey|\.config\/lesskey|\.less)$/.test(l)) return place("less's key file", 'on every file less opens (LESSOPEN)', lessOpen, { strictUnknown: true, programs: true });
  if (lname === '.rprofile' || lname === 'rprofile.site') return place(`R's start-up file ${name}`, 'whenever R or Rscript starts here', rCommands, { strictUnknown: true });
  if (lname === '.mongoshrc.js' || lname === '.mongorc.js') return place(`mongosh's start-up file ${name}`, 'whenever mongosh (or the legacy mongo shell) starts', (t) => t, { language: 'javascript', strictUnknown: true });
  if (lname === '.pdbrc') return place("pdb's start-up file .pdbrc", 'whenever the Python debugger starts (pdb, breakpoint(), pytest --pdb)', pdbPython, { language: 'python', strictUnknown: true });
  if (lname === '.irbrc' || lname === '.pryrc' || l.endsWith('/.config/irb/irbrc') || lname === '_irbrc') return place(`the Ruby console start-up file ${name}`, 'whenever irb, pry or `rails console` starts', (t) => t, { strictUnknown: true, language: 'ruby' });
  if (lname === '.psqlrc' || lname === '.sqliterc' || lname === '.gdbinit') return place(`the client start-up file ${name}`, `whenever ${lname === '.psqlrc' ? 'psql' : lname === '.sqliterc' ? 'sqlite3' : 'gdb'} starts`, lname === '.gdbinit' ? gdbCommands : clientShellLines, { strictUnknown: true });
  if (lname === '.tmux.conf' || l.endsWith('/.config/tmux/tmux.conf')) return place("tmux's configuration", 'whenever tmux starts or reloads it', tmuxCommands, { strictUnknown: true });
  if (l.endsWith('/.docker/config.json')) return place("Docker's client configuration ~/.docker/config.json", 'whenever docker logs in, pushes or pulls (its credential helper is handed the registry passwords)', dockerHelpers, { strictUnknown: false, programs: true });
  // Project (and user) editor configs.
  if (l.endsWith('/.zed/settings.json')) return place("Zed's project settings .zed/settings.json", 'whenever Zed opens the project (its terminal shell, language servers and context servers)', zedPrograms, { strictUnknown: true, programs: true });
  if (/\/\.zed\/tasks\.json$|\/\.config\/zed\/tasks\.json$/.test(l)) return place(`Zed's tasks ${p.split('/').slice(-2).join('/')}`, 'when the task is run', (t) => jsonPrograms(t, /^command$/));
  if (/\/\.helix\/(config|languages)\.toml$|\/\.config\/helix\/(config|languages)\.toml$/.test(l)) return place(`Helix's ${name}`, 'whenever Helix opens the project (its shell, language servers and formatters)', helixPrograms, { strictUnknown: true, programs: true });
  if (/^(\.nvim\.lua|\.nvimrc|\.lazy\.lua)$/.test(lname)) return place(`Neovim's project file ${name}`, "whenever Neovim opens the folder (its 'exrc' start-up file)", editorStartupCommands, { strictUnknown: true });
  if (EDITOR_USER.test(l)) {
    const onOpen = text !== undefined && /"runOn"\s*:\s*"folderOpen"/.test(text);
    return place("the editor's user tasks (tasks.json)", onOpen ? 'as soon as any folder is opened in the editor (runOn: folderOpen)' : 'when the task is run, in any folder', editorTasks, { strictUnknown: true });
  }
  // Ruby DSL files other tools evaluate.
  if (RUBY_DSL.test(lname)) return place(`the Ruby file ${name}`, RUBY_DSL_WHEN[lname] ?? (lname.endsWith('.gemspec') ? 'whenever bundler or gem builds the gem (bundle install, gem build)' : lname === 'config.ru' ? 'whenever the Rack app starts (rackup, puma)' : 'whenever its tool runs (guard, danger, fastlane, cap, berks)'), rubyCommands);
  // Build and task files of other runners.
  if (lname === 'build.xml') return place("Ant's build.xml", 'when `ant` runs that target (the IDE, CI)', xmlExecs);
  if (lname === 'pom.xml') return place("Maven's pom.xml (its exec and antrun plugins)", 'on every `mvn` build that reaches the plugin phase', xmlExecs);
  if (lname === 'deno.json' || lname === 'deno.jsonc') return place(`the tasks of ${name}`, 'when `deno task` runs them', (t) => namedTasks(t, /^tasks$/));
  if (lname === 'composer.json') return place('the scripts of composer.json', 'when composer runs them (post-install-cmd and the other events on every install)', (t) => namedTasks(t, /^scripts$/));
  if (lname === 'devbox.json') return place("devbox's devbox.json", 'whenever `devbox shell` or `devbox run` starts (init_hook, scripts)', (t) => namedTasks(t, /^(init_hook|scripts)$/));
  if (lname === 'pipfile') return place('the scripts of Pipfile', 'when `pipenv run` runs them', (t) => tomlTasks(t, /^scripts$/));
  if (lname === 'pixi.toml') return place('the tasks of pixi.toml', 'when `pixi run` runs them', (t) => tomlTasks(t, /^(feature\.[\w-]+\.)?tasks(\.[\w-]+)?$/));
  if (/^\.?mise(\.local)?\.toml$|\/\.config\/mise\/config\.toml$|\/\.mise\/config\.toml$/.test(l) || /^\.?mise(\.local)?\.toml$/.test(lname)) return place(`mise's ${name}`, 'when `mise run` runs a task, and its hooks whenever a shell enters the folder', (t) => tomlTasks(t, /^(tasks(\.[\w"'.-]+)?|hooks)$/));
  if (lname === 'procfile' || /^procfile\.[\w-]+$/.test(lname)) return place(`the ${name}`, 'when foreman, overmind or the platform starts the processes', procfile);
  if (lname === 'tiltfile') return place('the Tiltfile', 'whenever `tilt up` loads it (local() runs at once, local_resource commands as resources update)', tiltCommands);
  if (lname === '.replit') return place('the .replit file', 'when the Repl runs or boots', (t) => tomlValues(t, /run|onBoot|build/).join('\n'));
  return undefined;
}

/** Programs usually named where a tool wants one (pagers, editors, shells, diff tools). */
const USUAL_PROGRAMS = /^(?:\S*\/)?(less|more|most|cat|bat|batcat|delta|diff-so-fancy|difft|vim?|nvim|gvim|nano|emacs(client)?|code(-insiders)?|cursor|codium|subl|mate|micro|hx|zed|meld|vimdiff|kdiff3|opendiff|bcompare|p4merge|ssh|sh|bash|zsh|fish|nu|pwsh|dash|ksh|tcsh|true|false|node|deno|bun|python3?|ruby|npx|rust-analyzer|gopls|clangd|pyright(-langserver)?|typescript-language-server|vscode-[\w-]+-language-server|lua-language-server|taplo|marksman|ruff|prettier|eslint|biome|black|rustfmt|gofmt|lesspipe(\.sh)?|hg|git|docker-credential-(desktop|osxkeychain|wincred|pass|secretservice|ecr-login|gcloud|gcr|acr-env|acr|doctl|helper))(\s|$)/;

/** `sh -c 'cmd'`: the program is the command the shell is given. */
function shellPayload(line: string): string {
  const m = /^(?:\S*\/)?(?:ba|z|da|k|tc)?sh\s+(?:-\w+\s+)*-\w*c\s+(.+)$/.exec(line);
  return m ? m[1]!.trim().replace(/^(["'])(.*)\1$/, '$2') : line;
}

/** Language servers and formatters editors start by design. */
const LANGUAGE_TOOLS = /^(?:\S*\/)?([\w.-]*(?:language-?server|langserver|[-_]ls|lsp|analyzer)[\w.-]*|pylsp|jdtls|solargraph|gopls|clangd|zls|intelephense|vtsls|omnisharp|metals|ocamllsp|nil|nixd|texlab|svelteserver|dart|julia|elixir-ls|erlang_ls|biome|ruff|mypy|black|isort|prettierd?|eslint_d|rustfmt|gofmt|goimports|shfmt|stylua|clang-format|taplo|marksman)(\s|$)/;

/** In a place that names programs, the lines whose program is not a usual one (judged unfollowable: they ask). */
export function unvouchedPrograms(commands: string, place: PlaceRule, writer: string): Finding[] {
  if (!place.programs) return [];
  const odd = commands.split('\n').map((c) => c.trim()).find((c) => c !== '' && !USUAL_PROGRAMS.test(shellPayload(c)) && !LANGUAGE_TOOLS.test(shellPayload(c)));
  if (odd === undefined) return [];
  return [{
    rule: 'deferred.config-program',
    risk: 'unanalyzable',
    severity: 'ask',
    reason: `${writer} makes ${place.where} run \`${odd.slice(0, 80)}\` ${place.when}, a program that is not a usual pager, editor, shell or language server; what it does then cannot be followed, so it needs confirmation.`,
    targets: [{ kind: 'path', name: place.where, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  }];
}

/**
 * Terraform's CLI configuration (`~/.terraformrc`, `terraform.rc`, a `*.tfrc` named by
 * `TF_CLI_CONFIG_FILE`): a `host` block moves a registry's service discovery (app.terraform.io's
 * stored token is then sent there), `provider_installation` installs providers from another mirror
 * or a local folder (code run by every plan), a `credentials_helper` is a program handed the tokens.
 */
export function terraformCliConfig(path: string, text: string | undefined, writer: string): Finding[] {
  const l = path.replace(/\\/g, '/').toLowerCase();
  if (!/\/(\.terraformrc|terraform\.rc)$|\.tfrc$/.test(l) || l.endsWith('credentials.tfrc.json')) return [];
  const what = text === undefined
    ? 'text the hook cannot read now'
    : /^\s*host\s+"[^"]+"/m.test(text)
      ? 'a `host` block that moves a registry\'s service discovery elsewhere (its stored token goes with it)'
      : /\bprovider_installation\b/.test(text)
        ? 'a `provider_installation` block that installs providers from another mirror or folder (their code runs on every plan)'
        : /\bcredentials_helper\b/.test(text)
          ? 'a `credentials_helper` program that is handed every registry token'
          : undefined;
  if (what === undefined) return [];
  return [{
    rule: 'deferred.terraform-cli-config',
    risk: 'credential-read',
    severity: 'ask',
    reason: `${writer} writes Terraform's CLI configuration ${basename(path)} with ${what}: every later terraform run follows it.`,
    targets: [{ kind: 'path', name: basename(path), provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  }];
}
