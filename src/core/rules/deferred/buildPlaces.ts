import { homeFileReads } from '../../policy/homeFileReads';
import { basename } from '../../paths';
import type { Facts, Finding } from '../../policy/types';
import { perimeterView } from '../perimeter/protectedPaths';
import { unreadFinding } from '../perimeter/reach';
import { joinArgv, type PlaceRule } from './places';

/**
 * Build and task places beside `places.ts` and `laterPlaces.ts` (session 26, issue #18 item 5): an
 * image's build steps (Dockerfile `RUN`), tox's `commands`, Rake and Gradle tasks, cargo's build
 * script, `go generate` directives, the build wrappers a project runs by name (`gradlew`, `mvnw`, the
 * properties naming what they download), code of installed packages (`node_modules/<pkg>`, run by
 * every import and rebuild) and programs of the project's `bin/` folder. Each says where and when it
 * runs, and how to read its command lines out of the text.
 */

/** Quoted strings of a call's argument text, in order (`"sh","-c","x"`). */
function literals(args: string): string[] {
  return [...args.matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`([^`$]*)`/g)].map((m) => (m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(["'\\])/g, '$1'));
}

/**
 * Command lines that code hands to a shell or a process call, in any language: `system("…")`,
 * `execSync("…")`, `subprocess.run([...])`, nox's `session.run("sh", "-c", "…")`, Rake's `sh "…"`,
 * Gradle's `commandLine "sh", "-c", "…"`, Rust's `Command::new("sh").arg("-c").arg("…")`. The literal
 * arguments of one call make one command line.
 */
export function commandLinesInCode(text: string): string[] {
  const out: string[] = [];
  const CALL = /\b(?:system|exec|execSync|execFile|execFileSync|spawn|spawnSync|run|popen|Popen|check_output|check_call|call|getoutput|getstatusoutput|shell_exec|passthru|sh|commandLine|execute|Command::new)\s*(?:\(|\s)\s*(\[?\s*(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`$\n]*`)(?:\s*,\s*(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'))*)/g;
  for (const m of text.matchAll(CALL)) {
    if (out.length >= 24) break;
    let words = literals(m[1]!);
    // Rust's builder: `.arg("-c").arg("…")` / `.args(["-c", "…"])` after `Command::new("sh")`.
    if (m[0].startsWith('Command::new')) {
      const rest = text.slice(m.index! + m[0].length, m.index! + m[0].length + 600);
      const chain = /^\)?((?:\s*\.args?\s*\(\s*\[?[^)]*\]?\s*\))*)/.exec(rest);
      if (chain) words = [...words, ...literals(chain[1]!)];
    }
    if (words.length === 0) continue;
    out.push(words.length === 1 ? words[0]! : joinArgv(words));
  }
  return out;
}

/** Dockerfile build steps: `RUN` in shell form (with continuation lines) or exec form. */
export function dockerfileRuns(text: string): string {
  const joined = text.replace(/\\\r?\n/g, ' ');
  const out: string[] = [];
  for (const m of joined.matchAll(/^\s*RUN\s+(?:--\S+\s+)*(.*)$/gim)) {
    const body = m[1]!.trim();
    if (body.startsWith('[')) {
      try {
        const argv = JSON.parse(body) as unknown;
        if (Array.isArray(argv)) out.push(joinArgv(argv.filter((w): w is string => typeof w === 'string')));
        continue;
      } catch {
        // Not JSON: the shell form.
      }
    }
    out.push(body);
  }
  // Round 8: a credential file copied into the image (`COPY .env /x`) is in a layer anyone holding the image reads,
  // as `docker build` of the same file asks (support/imageBuildCopies.ts): the copy reads it.
  for (const m of joined.matchAll(/^\s*(?:COPY|ADD)\s+((?:--\S+\s+)*)(.+)$/gim)) {
    if (/--from=/.test(m[1]!)) continue;
    const words = m[2]!.trim().split(/\s+/).slice(0, -1);
    for (const source of words.slice(0, 8)) if (CREDENTIAL_SOURCE.test(source.replace(/\/+$/, '').split('/').pop() ?? '')) out.push(`cat -- '${source.replace(/'/g, `'\\''`)}'`);
  }
  return out.join('\n');
}

/** Files and folders whose name says they hold a credential, as a Dockerfile's COPY source. */
const CREDENTIAL_SOURCE = /^(\.env(\.[\w-]+)?|[\w.-]+\.pem|id_(rsa|dsa|ecdsa|ed25519)|\.npmrc|\.netrc|\.pypirc|credentials(\.json)?|\.aws|\.ssh|\.kube|\.docker)$/;

/** tox's `commands =` (and `commands_pre`/`commands_post`, `allowlist_externals` excepted) with their continuation lines. */
function toxCommands(text: string): string {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*commands(?:_pre|_post)?\s*=\s*(.*)$/.exec(lines[i]!);
    if (!m) continue;
    if (m[1]!.trim() !== '') out.push(m[1]!.trim());
    for (let k = i + 1; k < lines.length && /^\s+\S/.test(lines[k]!) && !/^\s*[\w-]+\s*=/.test(lines[k]!); k++) out.push(lines[k]!.trim());
  }
  return out.join('\n').replace(/\{env:HOME(?::[^}]*)?\}|\{homedir\}/g, '$HOME');
}

/** `//go:generate` directives: `go generate` runs each as a command. */
function goGenerate(text: string): string {
  return [...text.matchAll(/^\/\/go:generate\s+(.*)$/gm)].map((m) => m[1]!.trim()).join('\n');
}

// Round 8: what the code reads from the home folder (`System.getenv("HOME") + "/.aws/credentials"`) is read when it runs.
const codeCommands = (text: string): string => [...commandLinesInCode(text), ...homeFileReads(text)].join('\n');

/** The download a build wrapper fetches and runs, when it is not from the tool's own distribution host. */
const WRAPPER_KEYS = /^\s*(distributionUrl|wrapperUrl)\s*=\s*(\S+)/gm;
const WRAPPER_HOSTS = /^https?\\?:\/\/(services\.gradle\.org|downloads\.gradle\.org|downloads\.gradle-dn\.com|repo\.maven\.apache\.org|repo1\.maven\.org)\//;

function wrapperDownloads(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(WRAPPER_KEYS)) {
    const url = m[2]!;
    if (!WRAPPER_HOSTS.test(url)) out.push(`curl -fsSL '${url.replace(/\\:/g, ':').replace(/'/g, '')}' | sh`);
  }
  return out.join('\n');
}

function shebangLanguage(text: string | undefined): PlaceRule['language'] {
  return text !== undefined && /^#!.*\bpython/.test(text) ? 'python' : text !== undefined && /^#!.*\bnode\b/.test(text) ? 'javascript' : 'shell';
}

function inWorkspace(p: string, facts: Pick<Facts, 'workspaceRoots' | 'cwd'>): boolean {
  const roots = facts.workspaceRoots.length > 0 ? facts.workspaceRoots : [facts.cwd];
  return roots.some((r) => p.startsWith(r.endsWith('/') ? r : r + '/'));
}

/** Where a build or a task runner runs what is written at `absolutePath` later, or undefined. */
export function buildPlaceOf(absolutePath: string, text: string | undefined, facts: Pick<Facts, 'workspaceRoots' | 'cwd'>): PlaceRule | undefined {
  const p = absolutePath.replace(/\\/g, '/');
  const l = p.toLowerCase();
  const name = basename(p);
  const lname = name.toLowerCase();
  let m: RegExpExecArray | null;
  // Code of an installed package: every import loads it, `npm rebuild` runs its lifecycle scripts.
  if ((m = /\/node_modules\/((?:@[^/]+\/)?[^/.][^/]*)\/(.+)$/.exec(p)) && !m[2]!.includes('node_modules/')) {
    const pkg = m[1]!;
    if (m[2] === 'package.json') {
      return { where: `the installed package ${pkg} (its package.json scripts)`, when: 'when npm rebuilds or reinstalls it (its lifecycle scripts)', language: 'shell', strictUnknown: false, commands: (t) => { try { return Object.values((JSON.parse(t) as { scripts?: Record<string, unknown> }).scripts ?? {}).filter((v): v is string => typeof v === 'string').join('\n'); } catch { return [...t.matchAll(/"(?:pre|post)?(?:install|prepare)"\s*:\s*"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1]!).join('\n'); } } };
    }
    if (/\.(c|m)?js$/.test(lname)) return { where: `the installed package ${pkg} (${m[2]})`, when: 'whenever code imports it (the tests, the build, the app)', language: 'javascript', strictUnknown: true, commands: (t) => t };
    // Round 10: a program of the package without an extension (`dist/bin/next`), run by its `bin` link on every `npx next`, npm script or build.
    if (/(^|\/)(bin|cli)\/[^/.]+$/.test(m[2]!)) return { where: `the installed package ${pkg} (its program ${m[2]})`, when: 'whenever npm scripts, npx or the build run it by name', language: text !== undefined && /^#!.*\b(ba|z|da)?sh\b/.test(text) ? 'shell' : text !== undefined && /^#!.*python/.test(text) ? 'python' : 'javascript', strictUnknown: true, commands: (t) => t.replace(/^#!.*\n/, '') };
    return undefined;
  }
  if (l.includes('/.git/')) return undefined;
  if (/^(dockerfile|containerfile)(\.[\w-]+)?$/.test(lname) || lname.endsWith('.dockerfile')) {
    return { where: `the image build file ${name}`, when: 'when the image is built (docker build, CI), with the build\'s secrets and network', language: 'shell', strictUnknown: false, inImage: true, imageBuild: true, commands: dockerfileRuns };
  }
  if (lname === 'tox.ini') return { where: 'tox.ini', when: 'whenever tox runs its environments', language: 'shell', strictUnknown: false, commands: toxCommands };
  if (/^(rakefile|[\w-]+\.rake)$/.test(lname)) return { where: `the Rake file ${name}`, when: 'when `rake` runs that task', language: 'shell', strictUnknown: false, commands: codeCommands };
  if (/^build\.gradle(\.kts)?$|^settings\.gradle(\.kts)?$/.test(lname)) return { where: `the Gradle build ${name}`, when: 'whenever gradle builds or tests (./gradlew build)', language: 'shell', strictUnknown: false, commands: codeCommands };
  if (lname === 'build.rs') return { where: "cargo's build script build.rs", when: 'on every cargo build, test or check', language: 'shell', strictUnknown: false, commands: codeCommands };
  if (lname.endsWith('.go') && text !== undefined && /^\/\/go:generate\s/m.test(text)) return { where: `the go generate directive in ${name}`, when: 'when `go generate` runs', language: 'shell', strictUnknown: false, commands: goGenerate };
  if (/^(gradlew|mvnw|gradlew\.bat|mvnw\.cmd)$/.test(lname)) return { where: `the build wrapper ${name}`, when: 'whenever the build runs through it (./gradlew, ./mvnw, the IDE, CI)', language: 'shell', strictUnknown: true, commands: (t) => t };
  if (/\/(gradle|\.mvn)\/wrapper\/(gradle|maven)-wrapper\.properties$/.test(l)) {
    return { where: `the build wrapper's download setting ${name}`, when: 'on the next ./gradlew or ./mvnw run (it downloads and runs what the URL serves)', language: 'shell', strictUnknown: false, commands: wrapperDownloads };
  }
  // Programs of a project's own folders of executables and virtual environments, run by name.
  if (inWorkspace(p, facts) && /\/(bin|\.venv\/bin|venv\/bin|\.bin)\/[^/]+$/.test(l)) {
    return { where: `the program ${p.split('/').slice(-2).join('/')}`, when: 'whenever it is run by name (scripts, tests, a PATH that holds the folder)', language: shebangLanguage(text), strictUnknown: false, runsWhenNamed: true, commands: (t) => t.replace(/^#!.*\n/, '') };
  }
  return undefined;
}

/** Folders a package manager fills: a program written there by hand stands in for the one the project installed. */
const PACKAGED_PROGRAMS = /\/(node_modules\/\.bin|\.venv\/bin|venv\/bin)\/[^/]+$/;
const PACKAGE_WRITERS = /^(npm|pnpm|yarn|bun|pip|pip3|uv|poetry|pdm|virtualenv|python|python3|npx|corepack)$/;

/** A program of a package-managed folder replaced by hand: what the project runs by that name is no longer what it installed. */
export function packagedProgram(path: string, writer: string, place: PlaceRule, facts: Facts): Finding[] {
  if (!PACKAGED_PROGRAMS.test(path.replace(/\\/g, '/')) || PACKAGE_WRITERS.test(writer)) return [];
  return [unreadFinding('deferred-program', `${writer} replaces ${place.where}, which runs ${place.when}, with text no package manager installed`, basename(path), facts, perimeterView(facts))];
}
