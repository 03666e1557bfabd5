import { ownTable } from '../../ownTable';
import type { Finding, Invocation } from '../../policy/types';
import { forOneCommand, relativeEntry } from './pathShadow';
import { freeFormReadings } from '../../registry/freeForm';
import { isGuardedProgramName } from './runtimePlaces';
import { scannerConfigVariable } from '../support/scannerConfigs';
import { DENY_SUFFIX, perimeterFinding } from './perimeterFinding';

/**
 * Variables and settings that make a runtime or a shell load code nobody asked for: set for a
 * command the guard would allow (`BASH_ENV=/tmp/x.sh bash -c 'git status'`), exported for what the
 * shell runs next, written into a file a shell, npm or a terminal multiplexer reads
 * (`node-options=--require …` in an `.npmrc`, `export NODE_OPTIONS=--require …` anywhere), or set
 * through `npm config set` and `tmux set-environment`. The hook itself clears these before it
 * loads anything; what is judged here is the agent planting them for the next program, the hook's
 * runtime and the commands a human approved among them.
 */

/**
 * NODE_OPTIONS that preload a file (`--require /tmp/x.js`, `--import ./hook.mjs`, `--loader=$X`).
 * A package from node_modules (`--require @opentelemetry/auto-instrumentations-node/register`, the
 * documented way to trace an app) is code the project installed, not a file an agent just wrote.
 */
function nodeOptionsLoadFile(value: string): boolean {
  // The inspector in every node process (the hook's too) lets any local program attach and change what it decides.
  if (/(?:^|\s)--inspect(?:-brk|-wait)?(?:[=\s]|$)/.test(value)) return true;
  // `-r/tmp/x.js`: node's short -r takes its value glued too.
  for (const m of value.matchAll(/(?:^|\s)(?:-r(?=[^\s=])|(?:-r|--require|--import|--loader|--experimental-loader)(?:=|\s+))("[^"]*"|'[^']*'|\S+)/g)) {
    const target = m[1]!.replace(/^["']|["']$/g, '');
    if (/^[./~$]|^[a-z]:\\|\.(c|m)?[jt]s$|^file:|^data:/i.test(target) || target === '') return true;
  }
  return /(?:^|\s)(?:-r|--require|--import|--loader|--experimental-loader)$/.test(value.trim());
}

/**
 * `BASH_ENV=~/.bashrc bash -c 'nvm use'`: the user's own interactive start-up file, which every terminal
 * already runs; it loads nothing a shell of the user would not. Writes to it are judged where they happen.
 */
export function ownStartupFile(value: string): boolean {
  return /^["']?(?:~|\$HOME|\$\{HOME\})\/\.(?:bashrc|bash_profile|profile|kshrc|mkshrc)["']?$/.test(value.trim());
}

/** A shell by its name or from a system folder (`bash`, `/bin/zsh`, `pwsh`): the program the setting says, not a script of the agent's. */
export function systemShell(value: string): boolean {
  return /^["']?(?:\/(?:usr\/)?(?:local\/)?bin\/|\/opt\/homebrew\/bin\/)?(?:bash|sh|dash|zsh|ksh|mksh|fish|pwsh|powershell(?:\.exe)?|cmd(?:\.exe)?)["']?$/.test(value.trim());
}

/** RUBYOPT options that load a file or widen the load path: `-I`, or `-r` with a path rather than a feature name. */
function rubyOptLoadsFile(value: string): boolean {
  const words = value.replace(/^["']|["']$/g, '').split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // Flags may share a word before the option (`-wrjson`); `-r`'s own value is glued to it.
    if (/^-[a-hj-qs-zA-HJ-Z]*I/.test(w)) return true;
    const at = /^-[a-hj-qs-zA-HJ-Z]*r/.exec(w);
    if (!at) continue;
    const target = w.length > at[0].length ? w.slice(at[0].length) : words[++i] ?? '';
    if (!/^[a-z][\w-]*(\/[\w-]+)*$/i.test(target)) return true;
  }
  return false;
}

/**
 * A setting that loads code, by variable and value. NODE_OPTIONS only with an option that loads or
 * debugs code (`--max-old-space-size` is fine); the shell's `ENV` only with a path (`ENV=production`
 * is an application's own variable).
 */
const SYSTEM_LIBRARY = /^(?!.*\/\.\.(\/|$))\/(usr\/)?lib(32|64|x32)?\/[\w.+/-]+\.so(\.[\d.]+)?$/;

/** Editors and pagers by name (`vim`, `/usr/bin/nano`, `code --wait`): a program, not a script of the agent's. */
const KNOWN_EDITOR = /^(\/(usr\/)?(local\/)?bin\/)?(vim?|nvim|gvim|nano|pico|emacs(client)?|code(-insiders)?|cursor|codium|windsurf|subl|mate|micro|hx|helix|kak|ed|joe|jed|mcedit|gedit|kate|zed|notepad(\+\+)?|open|true|false|:|cat)(\s+(-[-\w]+|\+\d+))*$/i;
const KNOWN_PAGER = /^(\/(usr\/)?(local\/)?bin\/)?(less|more|most|cat|bat|batcat|delta|diff-so-fancy|moar|moor|ov|pspg)(\s+-[-\w=]+)*$/i;
/** A PATH entry the agent can fill (the working folder, a relative folder, a scratch folder) put before the system's programs. */
function pathPrependsWritable(value: string): boolean {
  const entries = value.replace(/^["']|["']$/g, '').split(':');
  const at = entries.findIndex((e) => /^\$\{?PATH\}?$/.test(e));
  const before = at < 0 ? entries : entries.slice(0, at);
  // A relative entry (`scripts`, `.`, `./node_modules/.bin`, empty) follows every cd, before or after the inherited PATH (pathShadow.ts).
  return before.some((e) => /^\/(tmp|var\/tmp|dev\/shm|private\/tmp)(\/|$)/.test(e)) || (value.trim() !== '' && entries.some(relativeEntry));
}

/** A PATH value cut after the inherited PATH (`a:$PATH:b` -> `a:$PATH`), or undefined when it does not keep it. */
function keptFirst(value: string): string | undefined {
  const entries = value.replace(/^["']|["']$/g, '').split(':');
  const at = entries.findIndex((e) => /^\$\{?PATH\}?$/.test(e));
  return at < 0 ? undefined : entries.slice(0, at + 1).join(':');
}

function loadsCode(name: string, value: string): boolean {
  const n = name.toUpperCase().replace(/-/g, '_');
  const v = value.trim();
  // Bash imports a function from the environment by this name (`BASH_FUNC_git%%`): it replaces the command in every child bash.
  if (/^BASH_FUNC_.+(%%|\(\))$/.test(n)) return true;
  // The guard's own switches: no variable may turn it off or point it elsewhere.
  if (n.startsWith('BLAST_SHIELD_')) return true;
  switch (n) {
    case 'PATH':
      return pathPrependsWritable(v);
    case 'EDITOR':
    case 'VISUAL':
    case 'SUDO_EDITOR':
    case 'SVN_EDITOR':
    case 'KUBE_EDITOR':
      return v !== '' && !KNOWN_EDITOR.test(v.replace(/^["']|["']$/g, ''));
    case 'PAGER':
    case 'MANPAGER':
    case 'SYSTEMD_PAGER':
      return v !== '' && !KNOWN_PAGER.test(v.replace(/^["']|["']$/g, ''));
    case 'LESSOPEN':
    case 'LESSCLOSE':
      return v !== '' && !/^\|{0,2}\s*(\/usr\/bin\/)?(lesspipe(\.sh)?|lessfile)\s+%s(\s+%s)?$/.test(v.replace(/^["']|["']$/g, ''));
    case 'JAVA_TOOL_OPTIONS':
    case '_JAVA_OPTIONS':
    case 'JDK_JAVA_OPTIONS':
    // The build tools' and servers' own JVM options (and Gradle's `org.gradle.jvmargs` in gradle.properties) start the same JVM.
    case 'MAVEN_OPTS':
    case 'GRADLE_OPTS':
    case 'JAVA_OPTS':
    case 'SBT_OPTS':
    case 'ANT_OPTS':
    case 'KOTLIN_OPTS':
    case 'CATALINA_OPTS':
    case 'JAVA_OPTIONS':
    case 'ORG.GRADLE.JVMARGS':
      return /-(javaagent|agentpath|agentlib):|-Xbootclasspath\/[ap]:/.test(v);
    case 'PYTHONPATH':
    case 'PERL5LIB':
    case 'RUBYLIB':
      return v.split(':').some((p) => /^\/(tmp|var\/tmp|dev\/shm|private\/tmp)(\/|$)/.test(p));
    case 'NODE_OPTIONS':
      return nodeOptionsLoadFile(v);
    case 'LD_PRELOAD':
    case 'LD_AUDIT':
    case 'DYLD_INSERT_LIBRARIES':
      // A library the system's package manager installed (`libjemalloc.so.2` under /usr/lib) is not
      // code an agent wrote; anything else, or anything not readable as a list of paths, is.
      return v !== '' && !v.split(/[\s:]+/).filter(Boolean).every((p) => SYSTEM_LIBRARY.test(p));
    // glibc's iconv loads the conversion modules (shared objects) the folder's gconv-modules names;
    // OpenSSL loads engines and providers from these folders.
    case 'BASH_ENV':
    case 'ENV':
      if (ownStartupFile(v)) return false;
      if (n === 'ENV') return /(\.(sh|bash|ksh)|rc|profile)["']?$/.test(v) || /^["']?(\/|~\/|\.\.?\/|\$)/.test(v);
      return v !== '';
    case 'GCONV_PATH':
    case 'OPENSSL_ENGINES':
    case 'OPENSSL_MODULES':
    case 'PROMPT_COMMAND':
    case 'DYLD_LIBRARY_PATH':
    case 'PERL5OPT':
    case 'PYTHONSTARTUP':
    case 'ZDOTDIR':
    case 'GIT_CONFIG_PARAMETERS':
    case 'GIT_EXEC_PATH':
    case 'GIT_EXTERNAL_DIFF':
    case 'GIT_PROXY_COMMAND':
    case 'GIT_TEMPLATE_DIR':
    case 'ELECTRON_RUN_AS_NODE':
      return v !== '';
    // Libraries from a folder anyone (or the agent) writes: /tmp, /dev/shm, the working folder (`.`, an empty entry).
    case 'LD_LIBRARY_PATH':
      return v.split(':').some((p) => p === '' || p === '.' || /^(\.\/|\/(tmp|var\/tmp|dev\/shm)(\/|$))/.test(p));
    // Bun's preload (`--preload`, `-r`, `--require`) loads a file before every script bun runs.
    case 'BUN_OPTIONS':
      return /(^|\s)(--preload|-r|--require|--import)(=|\s|$)/.test(v);
    // Prompts run their command substitutions (PS4 on every traced line, PS0/PS1 before and after each command).
    case 'PS0':
    case 'PS1':
    case 'PS2':
    case 'PS4':
      return /\$\(|`/.test(v);
    // `-rbundler/setup`, `-r json`: a library by feature name, from the installed gems (Ruby does not search the
    // working folder); a path (`-r./x.rb`, `-r /tmp/x`) or a folder added to the load path (`-I`) is code nobody reviewed.
    case 'RUBYOPT':
      return rubyOptLoadsFile(v);
    // A git settings file of the agent's choosing may name programs git runs (core.fsmonitor, aliases); /dev/null only empties it.
    case 'GIT_CONFIG_GLOBAL':
    case 'GIT_CONFIG_SYSTEM':
    case 'GIT_CONFIG':
      return v !== '' && v !== '/dev/null';
    // Global installs then put their programs in <prefix>/bin: a folder already on PATH shadows what the hook and agents run.
    case 'NPM_CONFIG_PREFIX':
      return PATH_PREFIX.test(v.replace(/\/+$/, ''));
    case 'GIT_CONFIG_COUNT':
      return v !== '' && v !== '0';
    // Programs npm and yarn start for git dependencies, native builds, `npm exec`/`explore` shells and yarn itself:
    // a system program or a bare name is the tool it says, a file elsewhere is code nobody reviewed.
    case 'NPM_CONFIG_GIT':
    case 'NPM_CONFIG_NODE_GYP':
    case 'NPM_CONFIG_SHELL':
    case 'YARN_YARN_PATH':
      return v.includes('/') && !/^\/(usr\/(local\/)?s?bin|s?bin|opt\/homebrew\/bin)\/[\w.+-]+$/.test(v.trim()) && !(name === 'YARN_YARN_PATH' && /^(\.\/)?\.yarn\/releases\/[\w.+-]+$/.test(v.trim()));
    case 'SCRIPT_SHELL':
    case 'NPM_CONFIG_SCRIPT_SHELL':
      return v !== '' && !systemShell(v);
    case 'NPM_CONFIG_NODE_OPTIONS':
    case 'NPM_CONFIG_ONLOAD_SCRIPT':
      return v !== '';
    default:
      return false;
  }
}

/** npm prefixes whose `bin` is a folder usually on PATH (the home folder, ~/.local, /usr/local, /usr, Homebrew). */
const PATH_PREFIX = /^((~|\$\{?HOME\}?|\/home\/[^/]+|\/Users\/[^/]+|\/root)(\/\.local)?|\/usr(\/local)?|\/opt\/homebrew)$/;

/** Variables an `npm config set` key or a `.npmrc` line spells in its own way. */
const NPMRC_KEYS: Readonly<Record<string, string>> = ownTable({ 'node-options': 'NODE_OPTIONS', 'script-shell': 'SCRIPT_SHELL', 'onload-script': 'NPM_CONFIG_ONLOAD_SCRIPT', git: 'NPM_CONFIG_GIT', 'node-gyp': 'NPM_CONFIG_NODE_GYP', shell: 'NPM_CONFIG_SHELL', yarnpath: 'YARN_YARN_PATH' });

/**
 * Settings of code-loading variables in text that will be written somewhere: `export X=…`,
 * `X=…`, `set -x X …` (fish), `setenv X …` (csh, tmux), `"X": "…"` (JSON), `X DEFAULT=…`
 * (pam_environment), `node-options=…` (npmrc). Returns the first variable that loads code.
 */
export function codeLoadingSettingIn(text: string): string | undefined {
  const patterns: RegExp[] = [
    /(?:^|[\s;&|(])(?:export\s+|declare\s+-x\s+|typeset\s+-x\s+|local\s+)?([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s;&|]*)/g,
    /(?:^|[\s;])(?:set\s+-[gUx]+\s+|set\s+-x\s+|setenv\s+|set-environment\s+(?:-g\s+)?|env\s+set\s+)([A-Za-z_][A-Za-z0-9_]*)\s+("[^"]*"|'[^']*'|[^\n;]*)/g,
    /"([A-Za-z_][A-Za-z0-9_]*)"\s*:\s*"([^"]*)"/g,
    /(?:^|\n)\s*([A-Za-z_][A-Za-z0-9_]*)\s+(?:DEFAULT|OVERRIDE)=("[^"]*"|\S*)/g,
    /(?:^|\n|\s)(node-options|script-shell|onload-script|git|node-gyp|shell)\s*=\s*([^\n]*)/gi,
    /(?:^|\n)\s*(yarnPath)\s*:\s*([^\n]*)/gi,
    /(?:^|\n)\s*(org\.gradle\.jvmargs)\s*=\s*([^\n]*)/gi,
    /(?:^|\n)\s*([A-Z_][A-Z0-9_]*)\s*=\s*"([^"]*)"/g,
  ];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const name = NPMRC_KEYS[m[1]!.toLowerCase()] ?? m[1]!;
      const value = m[2]!.replace(/^["']|["']$/g, '');
      if (loadsCode(name, value)) return name;
    }
  }
  return undefined;
}

/** The text an invocation prints into a file, when it is written in the command: `echo`/`printf` words, a heredoc or here-string. */
function writtenText(inv: Invocation): string | undefined {
  const writes = inv.redirects.some((r) => ['>', '>>', '>|', '&>', '&>>', '<>'].includes(r.op)) || inv.pipedInto === 'tee' || inv.pipedInto === 'sponge' || inv.pipedInto === 'dd';
  const feeds = inv.name === 'tee' || inv.name === 'sponge' || inv.name === 'cat' || inv.name === 'dd';
  if (!writes && !feeds) return undefined;
  const parts: string[] = [];
  if (inv.name === 'echo' || inv.name === 'printf' || inv.name === 'print') parts.push(inv.args.map((a) => a.text.replace(/\\n/g, '\n')).join(' '));
  const stdin = inv.stdin;
  if (stdin?.kind === 'heredoc' || stdin?.kind === 'herestring') parts.push(stdin.text);
  if (stdin?.kind === 'pipe' && (stdin.from.name === 'echo' || stdin.from.name === 'printf')) parts.push(stdin.from.args.map((a) => a.text.replace(/\\n/g, '\n')).join(' '));
  return parts.length > 0 ? parts.join('\n') : undefined;
}

const SHELLS: ReadonlySet<string> = new Set(['export', 'declare', 'typeset', 'set', 'setenv']);

/** Variables that, set for a whole session, change which programs run or what they load. */
const SESSION_VARIABLES = /^(PATH|HOME|XDG_CONFIG_HOME|BLAST_SHIELD_HOME|NODE_PATH|PYTHONPATH)$/;

function sessionVariable(inv: Invocation): string | undefined {
  const w = inv.args.map((a) => a.text);
  let pairs: Array<readonly [string, string]> = [];
  if (inv.name === 'launchctl') {
    const at = w.indexOf('setenv');
    if (at >= 0) pairs = [[w[at + 1] ?? '', w.slice(at + 2).join(' ')]];
    if (w.includes('config') && w.includes('path')) pairs = [['PATH', w[w.length - 1] ?? '']];
  } else if ((inv.name === 'systemctl' && w.includes('set-environment')) || inv.name === 'dbus-update-activation-environment') {
    // A name without a value is taken from the caller's environment (the agent's); `--all` takes all of it.
    pairs = w
      .filter((t) => !t.startsWith('-') && t !== 'set-environment')
      .map((t) => (t.includes('=') ? ([t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)] as const) : ([t, 'imported'] as const)));
    if (w.includes('--all')) pairs.push(['PATH', 'imported']);
  } else if (inv.name === 'systemctl' && w.includes('import-environment')) {
    const names = w.slice(w.indexOf('import-environment') + 1).filter((t) => !t.startsWith('-'));
    // With no names it imports the whole environment of the caller: the agent's.
    pairs = (names.length > 0 ? names : ['PATH']).map((n) => [n, 'imported'] as const);
  }
  return pairs.find(([name, value]) => name !== '' && (SESSION_VARIABLES.test(name) || loadsCode(name, value)))?.[0];
}

/** A module search path without the entries inside the folder the command runs in (`PYTHONPATH=$PWD` in a clone under /tmp): the project's own code. */
function withoutWorkingFolder(name: string, value: string, cwd: string): string {
  if (!/^(PYTHONPATH|PERL5LIB|RUBYLIB)$/.test(name) || cwd === '' || cwd === '/') return value;
  const root = cwd.replace(/\/+$/, '');
  return value.split(':').filter((p) => !(p === root || p.startsWith(root + '/')) || p.includes('/..')).join(':');
}

export function envInjectionFindings(inv: Invocation): Finding[] {
  const out: Finding[] = [];
  const found = (variable: string, how: string): void => {
    out.push(perimeterFinding('env-injection', `${inv.name} ${how} ${variable}, which makes the next program load code nobody reviewed (the hook's runtime and approved commands among them); ${DENY_SUFFIX}.`, variable));
  };
  const scanner = (name: string, value: string): boolean => {
    if (!scannerConfigVariable(name, value)) return false;
    out.push(perimeterFinding('scanner-config-variable', `${inv.name} ${inv.assignments[name] !== undefined ? 'runs with' : 'sets'} ${name}, which hands the secret scanner the repository's commit hooks run another configuration than the repository's (rules nobody reviewed; secrets may pass unseen); ${DENY_SUFFIX}.`, name));
    return true;
  };
  for (const [name, value] of Object.entries(inv.assignments)) if (scanner(name, value)) return out;
  for (const [name, value] of Object.entries(inv.assignments)) {
    // Round 27: `PATH=$PATH:./node_modules/.bin vitest` — entries after the inherited PATH, for one command, are `npx`'s order.
    if (name === 'PATH' && forOneCommand(inv) && keptFirst(value) !== undefined && !loadsCode(name, keptFirst(value)!)) continue;
    if (loadsCode(name, withoutWorkingFolder(name, value, inv.cwd)) || ((name === 'BASH_ENV' || name === 'ENV') && inv.assignments.HOME !== undefined && value !== '')) {
      found(name, 'runs with');
      return out;
    }
  }
  // export NODE_OPTIONS=--require=/tmp/x.js ; declare -x BASH_ENV=…
  if (SHELLS.has(inv.name)) {
    // Round 27: `gitleaks() { return 0; }; export -f gitleaks` (`declare -fx`, `typeset -fx`): every child bash imports the
    // function in place of the program of that name, as `BASH_FUNC_gitleaks%%=…` does.
    const builtin = freeFormReadings(inv.args).usual;
    const exportsFunctions = builtin.options.some((o) => /^-[a-zA-Z]*f/.test(o.name)) && (inv.name === 'export' || builtin.options.some((o) => /^-[a-zA-Z]*x/.test(o.name)));
    const shadowing = exportsFunctions ? builtin.operands.find((a) => isGuardedProgramName(a.text)) : undefined;
    if (shadowing) {
      found(shadowing.text, 'exports a shell function named');
      return out;
    }
    const words = inv.args.map((a) => a.text).filter((t) => !/^[-+][a-zA-Z]+$/.test(t));
    // `export X=value` (one word each), `set -x X value` / `setenv X value` (fish, csh).
    const pairs = words.some((t) => t.includes('=')) ? words.map((t) => [t.slice(0, Math.max(0, t.indexOf('='))), t.slice(t.indexOf('=') + 1)] as const) : [[words[0] ?? '', words.slice(1).join(' ')] as const];
    if (pairs.some(([name, value]) => name !== '' && scanner(name, value))) return out;
    const hit = pairs.find(([name, value]) => name !== '' && loadsCode(name, value));
    if (hit) {
      found(hit[0], 'sets');
      return out;
    }
  }
  // npm config set node-options …, pnpm config set …, yarn config set …
  if (['npm', 'pnpm', 'yarn', 'bun'].includes(inv.name)) {
    const w = inv.args.map((a) => a.text);
    const at = w.findIndex((t, i) => t === 'set' && w[i - 1] === 'config');
    if (at >= 0) {
      const afterSet = w.slice(at + 1);
      const keyAt = afterSet.findIndex((t) => !t.startsWith('-'));
      const pair = keyAt < 0 ? [] : afterSet.slice(keyAt).filter((t, i) => i < 2 || !/^--(global|location|user|project)/.test(t));
      const [key, ...rest] = (pair[0] ?? '').includes('=') ? [pair[0]!.split('=')[0]!, pair[0]!.slice(pair[0]!.indexOf('=') + 1)] : pair;
      const variable = NPMRC_KEYS[(key ?? '').toLowerCase()] ?? ((key ?? '').toLowerCase() === 'prefix' ? 'NPM_CONFIG_PREFIX' : undefined);
      if (variable && loadsCode(variable, rest.join(' '))) {
        found(variable, 'writes into the npm configuration');
        return out;
      }
    }
  }
  // launchctl setenv PATH …, systemctl --user set-environment PATH=…, dbus-update-activation-environment PATH=…:
  // the environment of programs the session starts next, the editor (and so the hook) among them.
  const session = sessionVariable(inv);
  if (session) {
    found(session, 'sets for every program the session starts next (the editor and its hook among them)');
    return out;
  }
  // tmux set-environment -g NODE_OPTIONS …; screen setenv …
  if (inv.name === 'tmux' || inv.name === 'screen') {
    const w = inv.args.map((a) => a.text);
    const at = w.findIndex((t) => t === 'set-environment' || t === 'setenv' || t === 'setenv-global');
    if (at >= 0) {
      const [name, ...value] = w.slice(at + 1).filter((t) => !/^-[a-zA-Z]+$/.test(t));
      if (name && loadsCode(name, value.join(' '))) {
        found(name, 'sets for every new terminal');
        return out;
      }
    }
  }
  const text = writtenText(inv);
  if (text !== undefined) {
    const variable = codeLoadingSettingIn(text);
    if (variable) found(variable, 'writes a setting of');
    // `prefix=` means where global installs go only in an npm configuration file.
    const npmrc = inv.redirects.some((r) => /(^|\/)\.?npmrc$/.test(r.target.text)) || (inv.name === 'tee' && inv.args.some((a) => /(^|\/)\.?npmrc$/.test(a.text)));
    const prefix = /(?:^|\n)\s*prefix\s*=\s*(\S+)/.exec(text);
    if (!variable && npmrc && prefix && loadsCode('NPM_CONFIG_PREFIX', prefix[1]!)) found('NPM_CONFIG_PREFIX', 'writes into the npm configuration');
  }
  return out;
}
