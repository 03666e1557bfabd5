import { basename, dirname, isWithin, resolvePath } from '../../paths';
import type { Facts, Finding, RuleContext } from '../../policy/types';
import { commandLinesInCode } from './buildPlaces';
import {
  cmakeCommands, configValues, containerStartCommands, ghciCommands, gitpodTasks, goCommands, jsonCommands, jvmScriptCommands, lefthookCommands, lispCommands, lldbCommands,
  mailcapCommands, mesonCommands, ninjaCommands, replCommands, rubyDebuggerCode, rubyRequires, starlarkCommands,
} from './bootReaders';
import type { PayloadLanguage } from './payload';
import type { PlaceRule } from './places';
import { LOADING_PACKAGE_KEYS, loadedFiles } from './runnerPlaces';
import { yamlCommands } from './places';

/**
 * Files that the next build, start, test run or console runs or loads (stop 30, red team rounds 10 and
 * 11; issue #18 item 5), beside `places.ts`, `buildPlaces.ts`, `configPlaces.ts` and `loadedPlaces.ts`:
 * build files (CMake, Meson, Ninja, SCons, waf, Bazel, Gradle init scripts and `~/.mavenrc`), JS task
 * runners and tool configurations (gulp, grunt, jake, knex, pm2, ORM configs, nodemon, nx, Gitpod, the
 * editor's launch configurations), hook managers' own files (husky, simple-git-hooks, overcommit,
 * rusty-hook, captainhook), Rails and PHP boot files, Python app configurations (gunicorn, alembic's
 * env.py, Django's urls and apps), Go test files, vendored dependencies, project SQL files (seeds,
 * clean-ups) and the start-up files of other REPLs, debuggers and pagers. A written path is looked up
 * by its name, then by its folder and extension: no table is scanned.
 */

interface Boot {
  /** For people, `%s` replaced by the file's last two path parts. */
  where: string;
  when: string;
  language: PayloadLanguage;
  /** The command lines (or code) in the text; the whole text when absent. */
  read?: (text: string) => string;
  /** The file must sit in a folder of this name (`.vscode/launch.json`). */
  folder?: RegExp;
}

const code = (language: PayloadLanguage, where: string, when: string, extra: Partial<Boot> = {}): Boot => ({ where, when, language, ...extra });
const shell = (where: string, when: string, read: (t: string) => string, extra: Partial<Boot> = {}): Boot => ({ where, when, language: 'shell', read, ...extra });

const CMAKE = shell('the CMake build file %s', 'when cmake configures the project (execute_process) or builds it (custom commands)', cmakeCommands);
const NINJA = shell('the Ninja build file %s', 'whenever ninja builds', ninjaCommands);
const BAZEL = shell('the Bazel build file %s', 'when bazel fetches, builds or runs its rules', starlarkCommands);
const GRADLE = shell('the Gradle script %s', 'whenever gradle runs (init scripts before every build)', jvmScriptCommands);
const GULP = code('javascript', 'the gulp file %s', 'whenever gulp runs a task');
const GRUNT = code('javascript', 'the Gruntfile %s', 'whenever grunt runs a task');
const ORM = code('javascript', 'the ORM configuration %s', "whenever the ORM's CLI runs (migrations, seeds, studio)");
const HOOKS = shell("the hook manager's file %s", 'on every commit (the git hooks it installs run its commands)', configValues);
const RAILS = code('ruby', 'the Rails boot file %s', 'whenever the Rails app boots (rails server, console, every rails or rake command)');
const RUBY_TESTS = code('ruby', 'the test helper %s', 'whenever the tests run (rspec, rails test)');
const PHP_BOOT = code('php', 'the PHP boot file %s', 'whenever the PHP app boots (every request, every artisan or console command)');
const PHP_TOOL = code('php', 'the PHP tool configuration %s', 'whenever that tool runs (php-cs-fixer, rector, ecs)');
const PY_JUPYTER = code('python', 'the IPython/Jupyter start-up file %s', 'whenever IPython or Jupyter starts');
const LISP = shell('the Lisp start-up file %s', 'whenever that Lisp REPL starts', lispCommands);
const REPL = shell('the REPL start-up file %s', 'whenever that REPL starts', replCommands);
const RUBY_DEBUG = code('ruby', 'the Ruby debugger start-up file %s', 'whenever byebug or ruby-debug starts (a breakpoint in the tests or the app)', { read: rubyDebuggerCode });
const LLDB = shell("lldb's start-up file %s", 'whenever lldb starts', lldbCommands);
const GO_TEST = shell('the Go test file %s', 'whenever `go test` runs that package (its init and TestMain run first)', goCommands);
const SBT = shell('the sbt build %s', 'whenever sbt loads the build', (t) => [...commandLinesInCode(t), ...[...t.matchAll(/"((?:[^"\\]|\\.)*)"\s*\.!{1,2}|Process\s*\(\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? m[2]!)].join('\n'));

/** Places by file name (lower-cased). */
const BY_NAME: ReadonlyMap<string, Boot> = new Map<string, Boot>([
  ['cmakelists.txt', CMAKE],
  ['meson.build', shell('the Meson build file %s', 'when meson configures (run_command) or builds the project (custom and run targets)', mesonCommands)],
  ['build.ninja', NINJA],
  ['sconstruct', code('python', 'the SCons build file %s', 'whenever scons builds')],
  ['sconscript', code('python', 'the SCons build file %s', 'whenever scons builds')],
  ['wscript', code('python', 'the waf build file %s', 'whenever waf configures or builds')],
  ...['build', 'build.bazel', 'workspace', 'workspace.bazel', 'module.bazel', 'buck', 'buck2'].map((n): [string, Boot] => [n, BAZEL]),
  ['xmake.lua', shell('the xmake build file %s', 'whenever xmake builds', replCommands)],
  ['premake5.lua', shell('the premake file %s', 'whenever premake generates the build', replCommands)],
  ['build.zig', shell('the Zig build file %s', 'whenever `zig build` runs', (t) => [...t.matchAll(/addSystemCommand\s*\(\s*&\.\{([^}]*)\}/g)].map((m) => [...m[1]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1]!)).map((w) => (w.length >= 3 && w[1] === '-c' ? w[2]! : w.join(' '))).join('\n'))],
  ['build.sbt', SBT],
  ['init.gradle', GRADLE],
  ['init.gradle.kts', GRADLE],
  ['.mavenrc', shell('the Maven start-up file %s', 'whenever mvn starts (the mvn script sources it)', (t) => t)],
  ['mavenrc', shell('the Maven start-up file %s', 'whenever mvn starts (the mvn script sources it)', (t) => t)],
  ['magefile.go', shell('the mage file %s', 'whenever mage runs a target', goCommands)],
  ...['gulpfile.js', 'gulpfile.cjs', 'gulpfile.mjs', 'gulpfile.ts', 'gulpfile.babel.js'].map((n): [string, Boot] => [n, GULP]),
  ...['gruntfile.js', 'gruntfile.cjs', 'gruntfile.ts', 'gruntfile.coffee'].map((n): [string, Boot] => [n, GRUNT]),
  ['jakefile', code('javascript', 'the Jakefile %s', 'whenever jake runs a task')],
  ['jakefile.js', code('javascript', 'the Jakefile %s', 'whenever jake runs a task')],
  ...['knexfile.js', 'knexfile.ts', 'knexfile.cjs', 'knexfile.mjs', 'drizzle.config.ts', 'drizzle.config.js', 'drizzle.config.mjs', 'prisma.config.ts', 'mikro-orm.config.ts', 'mikro-orm.config.js', 'ormconfig.js', 'ormconfig.ts', '.sequelizerc'].map((n): [string, Boot] => [n, ORM]),
  ...['ecosystem.config.js', 'ecosystem.config.cjs', 'pm2.config.js'].map((n): [string, Boot] => [n, code('javascript', 'the pm2 file %s', 'whenever pm2 starts or reloads the apps')]),
  ...['release.config.js', 'release.config.cjs', '.releaserc.js', '.releaserc.cjs', 'vue.config.js', 'vue.config.cjs'].map((n): [string, Boot] => [n, code('javascript', 'the tool configuration %s', 'whenever that tool runs (the build, the release)')]),
  ['nodemon.json', shell("nodemon's configuration %s", 'whenever nodemon starts or restarts the app (its exec and event commands)', (t) => jsonCommands(t, /^(exec|start|restart|crash|exit|quit|config:changed)$/))],
  ...['project.json', 'workspace.json', 'nx.json'].map((n): [string, Boot] => [n, shell('the nx configuration %s', 'when nx runs the target (nx run, nx affected, CI)', (t) => jsonCommands(t, /^(command|commands)$/))]),
  ['.gitpod.yml', shell("Gitpod's tasks %s", 'whenever a Gitpod workspace starts (init, before and command tasks)', gitpodTasks)],
  ['launch.json', shell("the editor's launch configurations %s", 'when a debug session starts from that configuration', (t) => jsonCommands(t, /^runtimeExecutable$/), { folder: /^\.vscode$/ })],
  ...['.huskyrc', '.huskyrc.json', '.huskyrc.yaml', '.huskyrc.yml', '.huskyrc.js', 'husky.config.js', '.simple-git-hooks.json', '.simple-git-hooks.js', '.simple-git-hooks.cjs', 'simple-git-hooks.json', 'simple-git-hooks.js', 'simple-git-hooks.cjs', '.rusty-hook.toml', 'rusty-hook.toml'].map((n): [string, Boot] => [n, HOOKS]),
  ...['lefthook.json', '.lefthook.json', 'lefthook.toml', '.lefthook.toml'].map((n): [string, Boot] => [n, shell("lefthook's configuration %s", 'on every commit (lefthook runs each command of the hook)', lefthookCommands)]),
  ['.overcommit.yml', shell("overcommit's configuration %s", 'on every commit (overcommit runs its hooks)', (t) => yamlCommands(t))],
  ['captainhook.json', shell("CaptainHook's configuration %s", 'on every commit (CaptainHook runs its actions)', (t) => jsonCommands(t, /^(action|run)$/))],
  ...['spec_helper.rb', 'rails_helper.rb', 'test_helper.rb'].map((n): [string, Boot] => [n, RUBY_TESTS]),
  ['.rspec', code('ruby', "rspec's options file %s", 'whenever rspec runs (the files it requires load first)', { read: rubyRequires })],
  ['.rspec-local', code('ruby', "rspec's options file %s", 'whenever rspec runs (the files it requires load first)', { read: rubyRequires })],
  ['.rubocop.yml', code('ruby', "RuboCop's configuration %s", 'whenever rubocop runs (the files it requires load first)', { read: rubyRequires })],
  ['seeds.rb', code('ruby', 'the seed file %s', 'when the database is seeded (rails db:seed, db:reset, db:setup)', { folder: /^db$/ })],
  ['database.yml', code('ruby', 'the Rails database settings %s', 'whenever the Rails app boots (its ERB runs)', { read: (t) => [...t.matchAll(/<%=?-?([\s\S]*?)-?%>/g)].map((m) => m[1]!.trim()).join('\n'), folder: /^config$/ })],
  ['artisan', PHP_BOOT],
  ['index.php', { ...PHP_BOOT, folder: /^(public|web|htdocs|public_html)$/ }],
  ['wp-config.php', PHP_BOOT],
  ...['.php-cs-fixer.php', '.php-cs-fixer.dist.php', '.php_cs', '.php_cs.dist', 'rector.php', 'ecs.php'].map((n): [string, Boot] => [n, PHP_TOOL]),
  ...['phpunit.xml', 'phpunit.xml.dist'].map((n): [string, Boot] => [n, code('php', "PHPUnit's configuration %s", 'whenever phpunit runs (its bootstrap file loads first)', { read: (t) => [...t.matchAll(/\bbootstrap\s*=\s*"([^"]+)"/g)].map((m) => `require ${JSON.stringify(m[1])};`).join('\n') })]),
  ...['gunicorn.conf.py', 'gunicorn_conf.py', 'gunicorn.config.py'].map((n): [string, Boot] => [n, code('python', "gunicorn's configuration %s", 'whenever gunicorn starts (it reads ./gunicorn.conf.py by default)')]),
  ['env.py', code('python', "alembic's environment %s", 'whenever alembic runs (upgrade, revision, the next deploy’s migrate step)', { folder: /^(alembic|migrations|migration|db)$/ })],
  ...['urls.py', 'apps.py', 'celeryconfig.py'].map((n): [string, Boot] => [n, code('python', 'the Django module %s', 'whenever the app starts (every manage.py command, the server, the workers)')]),
  ['conf.py', code('python', "Sphinx's configuration %s", 'whenever the docs build (sphinx-build, Read the Docs)', { folder: /^(docs?|source)$/ })],
  ...['.pylintrc', 'pylintrc'].map((n): [string, Boot] => [n, code('python', "pylint's configuration %s", 'whenever pylint runs (its init-hook)', { read: (t) => [...t.matchAll(/^\s*init-hook\s*=\s*(.+)$/gm)].map((m) => m[1]!.trim().replace(/^(["'])(.*)\1$/, '$2')).join('\n') })]),
  ...['.pythonrc', '.pythonrc.py', 'ipython_config.py', 'ipython_kernel_config.py', 'jupyter_notebook_config.py', 'jupyter_server_config.py', 'jupyter_lab_config.py'].map((n): [string, Boot] => [n, PY_JUPYTER]),
  ['.ghci', shell("GHCi's start-up file %s", 'whenever ghci starts', ghciCommands)],
  ['ghci.conf', shell("GHCi's start-up file %s", 'whenever ghci starts', ghciCommands)],
  ...['.sbclrc', '.ccl-init.lisp', 'ccl-init.lisp', '.clisprc.lisp', '.clisprc', '.eclrc', '.guile', '.racketrc', '.csirc', '.lispworks'].map((n): [string, Boot] => [n, LISP]),
  ...['.erlang', '.ocamlinit', '.swiplrc', '.tclshrc', '.wishrc', '.octaverc', 'startup.jl'].map((n): [string, Boot] => [n, REPL]),
  ['.byebugrc', RUBY_DEBUG],
  ['.rdebugrc', RUBY_DEBUG],
  ['.lldbinit', LLDB],
  ['lldbinit', LLDB],
  ['.lessfilter', shell("less's input filter %s", 'on every file less opens (lesspipe runs ~/.lessfilter first)', (t) => t.replace(/^#!.*\n/, ''))],
  ...['.mailcap', 'mailcap'].map((n): [string, Boot] => [n, shell('the mailcap file %s', 'whenever a mail reader or file viewer opens a file of that type (mutt, run-mailcap, w3m)', mailcapCommands)]),
]);

/** Places by the folder they sit in and their extension: `<folder>/*<ext>` and `<grandparent>/<folder>/*<ext>`. */
const BY_FOLDER: ReadonlyMap<string, Boot> = new Map<string, Boot>([
  ['config/*.rb', RAILS],
  ['config/initializers/*.rb', RAILS],
  ['config/environments/*.rb', RAILS],
  ['bootstrap/*.php', PHP_BOOT],
  ['config/*.php', PHP_BOOT],
  ['routes/*.php', PHP_BOOT],
  ['app/providers/*.php', PHP_BOOT],
  ['init.d/*.gradle', GRADLE],
  ['init.d/*.kts', GRADLE],
  ['project/*.sbt', SBT],
  ['profile_default/startup/*.py', PY_JUPYTER],
  ['profile_default/startup/*.ipy', PY_JUPYTER],
]);

/** What a vendored dependency's file is, by its extension. */
const VENDORED: ReadonlyMap<string, PayloadLanguage | ((t: string) => string)> = new Map<string, PayloadLanguage | ((t: string) => string)>([
  ['.php', 'php'],
  ['.rb', 'ruby'],
  ['.py', 'python'],
  ['.js', 'javascript'],
  ['.cjs', 'javascript'],
  ['.go', goCommands],
]);

function inWorkspace(p: string, facts: Pick<Facts, 'workspaceRoots' | 'cwd'>): boolean {
  const roots = facts.workspaceRoots.length > 0 ? facts.workspaceRoots : [facts.cwd];
  return roots.some((r) => isWithin(r, p));
}

/** The path for people: relative to the project or the home folder (`config/initializers/x.rb`, `~/.sbclrc`), else its last two parts. */
function shown(p: string, facts: Pick<Facts, 'workspaceRoots' | 'cwd' | 'home'>): string {
  const root = (facts.workspaceRoots.length > 0 ? facts.workspaceRoots : [facts.cwd]).find((r) => isWithin(r, p));
  if (root !== undefined) return p.slice(root.replace(/\/+$/, '').length + 1).split('/').slice(-3).join('/');
  const home = facts.home.replace(/\/+$/, '');
  if (home !== '' && p.startsWith(home + '/')) return '~/' + p.slice(home.length + 1);
  return p.split('/').slice(-2).join('/');
}

function place(boot: Boot, p: string, inHome: boolean, facts: Pick<Facts, 'workspaceRoots' | 'cwd' | 'home'>): PlaceRule {
  const read = boot.read;
  return { where: boot.where.replace('%s', shown(p, facts)), when: boot.when, language: boot.language, strictUnknown: inHome, commands: read ?? ((t) => t) };
}

/**
 * Folders and names of SQL a project keeps to run (seeds, clean-ups, resets, ops scripts); SQL in a
 * documentation or examples folder, or beside the code, is documentation until someone runs it.
 */
const RUN_SQL = /\/(db|database|sql|scripts?|seeds?|seeders|prisma|supabase|ops|bin|tasks|jobs|cron|maintenance)\/(?:[^/]+\/)*[^/]+\.sql$|\/[^/]*(seed|clean|reset|purge|prune|wipe|maint|backfill|fixup|nightly|cron)[^/]*\.sql$/;

/** SQL a project keeps to be run later (seeds, clean-ups, reports), as the migrations' SQL is read. */
const sqlRun = (t: string): string => (t.trim() === '' ? '' : `psql "$DATABASE_URL" <<'SQL'\n${t}\nSQL`);

/** Where the next build, start, test run or console runs or loads what is written at `absolutePath`, or undefined. */
export function bootPlaceOf(absolutePath: string, facts: Pick<Facts, 'workspaceRoots' | 'cwd' | 'home'>): PlaceRule | undefined {
  const p = absolutePath.replace(/\\/g, '/');
  const l = p.toLowerCase();
  if (l.includes('/.git/') || l.includes('/node_modules/')) return undefined;
  const slash = l.lastIndexOf('/');
  const name = l.slice(slash + 1);
  const dir = l.slice(0, slash);
  const parent = basename(dir);
  const home = facts.home.replace(/\/+$/, '').toLowerCase();
  const inHome = home !== '' && l.startsWith(home + '/') && !inWorkspace(p, facts);
  const named = BY_NAME.get(name);
  if (named && (!named.folder || named.folder.test(parent))) return place(named, p, inHome, facts);
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot) : '';
  if (ext !== '') {
    const folder = BY_FOLDER.get(`${parent}/*${ext}`) ?? BY_FOLDER.get(`${basename(dirname(dir))}/${parent}/*${ext}`);
    if (folder) return place(folder, p, inHome, facts);
  }
  if (name.endsWith('_test.go')) return place(GO_TEST, p, false, facts);
  if (ext === '.cmake') return place(CMAKE, p, false, facts);
  if (ext === '.ninja') return place(NINJA, p, false, facts);
  if (ext === '.bzl') return place(BAZEL, p, false, facts);
  if (ext === '.gradle' || name.endsWith('.gradle.kts')) return place(GRADLE, p, inHome, facts);
  if (name.startsWith('.lldbinit-')) return place(LLDB, p, inHome, facts);
  const vendored = /\/vendor\//.test(l) ? VENDORED.get(ext) : undefined;
  if (vendored !== undefined) {
    const boot = typeof vendored === 'string' ? code(vendored, 'the vendored dependency %s', 'whenever the app loads it (every request, the tests, the tools)') : shell('the vendored dependency %s', 'whenever the app is built with it (its init functions run)', vendored);
    return place(boot, p, false, facts);
  }
  if (ext === '.sql' && inWorkspace(p, facts) && RUN_SQL.test('/' + shown(p, facts).toLowerCase()) && !/\/(docs?|examples?|samples?)\//.test(l)) return { where: `the SQL file ${shown(p, facts)}`, when: 'whenever it is run (psql -f, a seed or reset step, CI)', language: 'shell', strictUnknown: false, runsWhenNamed: true, commands: sqlRun };
  return undefined;
}

/** Only the places a folder makes (`config/initializers/*.rb`): what an archive extracted into that folder lands in. */
export function bootFolderPlaceOf(absolutePath: string, facts: Pick<Facts, 'workspaceRoots' | 'cwd' | 'home'>): PlaceRule | undefined {
  const l = absolutePath.replace(/\\/g, '/').toLowerCase();
  const dir = dirname(l);
  const name = basename(l);
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')) : '';
  const folder = BY_FOLDER.get(`${basename(dir)}/*${ext}`) ?? BY_FOLDER.get(`${basename(dirname(dir))}/${basename(dir)}/*${ext}`);
  return folder ? place(folder, absolutePath, false, facts) : undefined;
}

/** A place the same file is also, beside the one the chain found: a Dockerfile's `CMD`/`ENTRYPOINT` run wherever its containers start. */
export function startPlaceOf(absolutePath: string): PlaceRule | undefined {
  const name = basename(absolutePath).toLowerCase();
  if (!/^(dockerfile|containerfile)(\.[\w-]+)?$/.test(name) && !name.endsWith('.dockerfile')) return undefined;
  return { where: `the start command of the image built from ${basename(absolutePath)}`, when: 'whenever a container of the image starts (the deployed service, its every restart)', language: 'shell', strictUnknown: false, inImage: true, production: 'the image runs wherever it is deployed — treated as production', commands: containerStartCommands };
}

/** JVM options that load code: an agent, a native agent, a boot class path, Maven core extensions. */
const JVM_LOADS = /(?:^|\s)(?:-javaagent:|-agentpath:|-agentlib:|-Xbootclasspath\/[ap]:|-Dmaven\.ext\.class\.path=|-J-javaagent:)("[^"]+"|'[^']+'|\S+)/g;
const JVM_OPTION_FILES = /\/(\.mvn\/(jvm|maven)\.config|\.jvmopts|\.sbtopts|gradle\.properties)$/;

/**
 * Extra findings of a write, beside its place: JVM option files naming code outside the project for
 * every build to load (`-Dmaven.ext.class.path=/tmp/x.jar` in `.mvn/maven.config`), and a package.json
 * whose runner settings (`jest.setupFiles`, `main`) name code outside the project.
 */
export function bootFindings(path: string, text: string | undefined, writer: string, ctx: RuleContext): Finding[] {
  const l = path.replace(/\\/g, '/');
  if (text === undefined) return [];
  if (JVM_OPTION_FILES.test(l)) {
    for (const m of text.matchAll(JVM_LOADS)) {
      const value = m[1]!.replace(/^["']|["']$/g, '').replace(/=.*$/, '').split(/[:,;]/)[0]!;
      if (value === '' || /\$/.test(value)) continue;
      const abs = resolvePath(dirname(l), value, ctx.facts.home);
      if (inWorkspace(abs, ctx.facts) || /\/\.(m2|gradle)\//.test(abs)) continue;
      return [{
        rule: 'deferred.jvm-code-option',
        risk: 'unanalyzable',
        severity: 'ask',
        reason: `${writer} makes ${basename(l)} load ${value} into every JVM build it starts (a Java agent or build extension from outside the project); what that code does cannot be read, so it needs confirmation.`,
        targets: [{ kind: 'path', name: basename(l), provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
      }];
    }
    return [];
  }
  if (basename(l) === 'package.json' && !l.includes('/node_modules/')) {
    const keys = [...text.matchAll(/"([\w-]+)"\s*:/g)].map((m) => m[1]!);
    if (!keys.some((k) => LOADING_PACKAGE_KEYS.test(k))) return [];
    return loadedFiles(text, { where: 'the settings of package.json', when: 'when the tool it configures runs (npm test, npm start, npx)' }, writer, ctx, dirname(l));
  }
  return [];
}
