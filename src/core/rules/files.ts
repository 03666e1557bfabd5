import { ownTable } from '../ownTable';
import { modeChangeOf } from '../policy/effectRules';
import { removalLosesNothing } from './support/recoverableRemovals';
import type { ArgWord, CodeSnippet, Facts, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { canonicalCalls } from './support/codeAliases';
import { basename, dirname, isWithin, relativeTo, resolvePath } from '../paths';
import { cliArgs, hasFlag } from '../registry/args';
import { parsedArgs, toolNamed } from '../registry/commandModel';
import { mkfs } from '../registry/tools/coreutils';
import type { CliArgs } from '../registry/types';
import { deletesScratchOrOutput } from './support/scriptTemps';
import { escapeRegExp } from '../regexText';

/**
 * Files: deleting, overwriting or wiping files and disks on this machine.
 *
 * What passes cleanly (routine cleanup): recursive deletes of build and cache folders inside a
 * workspace (node_modules, dist, build, .next, coverage, ...), anything under a scratch folder
 * (/tmp/..., /var/tmp/...), `find -delete` / `find -exec rm` inside a workspace whose -name filters
 * are all routine patterns (*.log, *.pyc, __pycache__, .DS_Store, ...), and deleting a single named
 * file. Every other recursive or globbed delete asks; the root, the home folder, system folders and
 * whole disks are denied outright.
 */

/** Folders whose contents a build or package manager recreates. */
export const ROUTINE_DIRS: ReadonlySet<string> = new Set([
  'node_modules', 'dist', 'build', 'out', '.next', '.nuxt', '.output', '.svelte-kit', '.turbo', '.parcel-cache',
  '.cache', 'coverage', '.nyc_output', 'target', '__pycache__', '.pytest_cache', '.mypy_cache', '.ruff_cache',
  '.tox', '.venv', 'venv', 'tmp', '.tmp', 'temp', '.angular', '.expo', '.vite', 'storybook-static', '.docusaurus',
  '.gradle', '.eslintcache', 'bower_components', '.sass-cache', 'htmlcov', '.hypothesis', 'dist-newstyle',
  // `terraform init` downloads .terraform's providers and modules again; composer/bundler install fill vendor again (Go's is tracked: git brings it back).
  '.terraform', '.terragrunt-cache', 'vendor',
]);

/** `find -name` patterns that select only regenerable or junk files. */
const ROUTINE_NAME_PATTERNS: ReadonlySet<string> = new Set([
  '*.log', '*.pyc', '*.pyo', '*.tmp', '*.temp', '*.swp', '*.swo', '*.orig', '*.rej', '.DS_Store', '*.o',
  '*.class', '*.tsbuildinfo', 'Thumbs.db', '*~', '*.bak', '*.cache', '*.map', '*.js.map', '._*',
]);

/**
 * Package managers' lock files: the next install writes them again from the manifest (and a tracked one
 * comes back from git), so `rm -rf node_modules package-lock.json` before a clean install is routine:
 * with -r they are judged as the single named files they are.
 */
const LOCK_FILES: ReadonlySet<string> = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock', 'Gemfile.lock', 'poetry.lock', 'Pipfile.lock',
  'uv.lock', 'pdm.lock', 'Cargo.lock', 'composer.lock', 'mix.lock', 'pubspec.lock', 'Podfile.lock', 'go.sum', 'flake.lock', 'deno.lock',
]);

const SCRATCH_ROOTS = ['/tmp', '/var/tmp', '/private/tmp', '/dev/shm'];

/** The machine's own folders: deleting or re-permissioning them breaks the system. */
const SYSTEM_DIRS: ReadonlySet<string> = new Set([
  '/', '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib32', '/lib64', '/opt', '/proc', '/root', '/sbin',
  '/srv', '/sys', '/usr', '/usr/bin', '/usr/lib', '/usr/local', '/usr/sbin', '/usr/share', '/var', '/var/lib',
  '/Users', '/System', '/Library', '/Applications', '/private', '/snap', '/nix',
]);

const DISK_DEVICE = /^\/dev\/(sd[a-z]|nvme\d|hd[a-z]|xvd[a-z]|vd[a-z]|mmcblk\d|disk\d|rdisk\d|md\d|dm-\d|mapper\/|loop\d)/;
const HARMLESS_DEVICES: ReadonlySet<string> = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty', '/dev/zero', '/dev/fd/1', '/dev/fd/2']);

export type PathClass = 'catastrophic' | 'scratch' | 'routine' | 'workspace' | 'git' | 'dynamic' | 'other';

export interface ClassifiedPath {
  class: PathClass;
  /** Absolute path (the directory part for globs), or the word as written when dynamic. */
  absolute: string;
  /** As shown to a human: workspace-relative when inside one. */
  display: string;
  /** The word selects several entries (a glob, or a folder's contents). */
  many: boolean;
  /** Inside one of the workspace folders (not the folder itself). */
  insideWorkspace: boolean;
}

const GLOB_CHARS = /[*?[{]/;

function substituteKnownVariables(text: string, home: string): string {
  return text
    .replace(/^\$\{HOME\}|^\$HOME(?![A-Za-z0-9_])/, home)
    .replace(/^\$\{TMPDIR(:-[^}]*)?\}|^\$TMPDIR(?![A-Za-z0-9_])/, '/tmp')
    .replace(/^\$\{PWD\}|^\$PWD(?![A-Za-z0-9_])/, '.');
}

function rootsOf(facts: Facts): readonly string[] {
  return facts.workspaceRoots.length > 0 ? facts.workspaceRoots : [facts.cwd];
}

function display(absolute: string, facts: Facts): string {
  if (absolute === facts.home) return '~';
  for (const root of rootsOf(facts)) {
    if (isWithin(root, absolute)) return absolute === root ? root : relativeTo(root, absolute);
  }
  if (isWithin(facts.home, absolute)) return '~/' + relativeTo(facts.home, absolute);
  return absolute;
}

/** Where a path word points and how dangerous deleting it is. `cwd` is the invocation's directory. */
/** Can one path segment's glob (`acme-build-*`) match `name`? Braces and classes are assumed to. */
function segmentGlobMayMatch(glob: string, name: string): boolean {
  if (/[{[]/.test(glob)) return true;
  const re = new RegExp(`^${glob.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(name);
}

/** `"$tmp"` (or `"$tmp/sub"`) where every value `tmp` can hold comes from `$(mktemp …)`: a scratch folder the command made. */
function madeByMktemp(word: ArgWord): boolean {
  const sources = word.sources ?? [];
  return sources.length > 0 && sources.every((s) => /^\$\(\s*mktemp\b[^;&|`$()]*\)$/.test(s)) && /^\$\{?\w+\}?(\/[\w.-]+)*\/?$/.test(word.text) && !word.text.includes('..');
}

export function classifyPath(word: ArgWord, cwd: string, facts: Facts): ClassifiedPath {
  let text = substituteKnownVariables(word.text, facts.home);
  const stillDynamic = word.dynamic && /\$|`/.test(text);
  // A glob only selects entries of the folder before its first wildcard.
  let many = false;
  let globSegment: string | undefined;
  if (word.glob || GLOB_CHARS.test(text)) {
    const parts = text.split('/');
    const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
    if (firstGlob >= 0) {
      many = true;
      globSegment = parts[firstGlob];
      text = parts.slice(0, firstGlob).join('/') || (text.startsWith('/') ? '/' : '.');
    }
  }
  if (stillDynamic) {
    if (madeByMktemp(word)) return { class: 'scratch', absolute: word.text, display: word.text, many: true, insideWorkspace: false };
    // `/tmp/build-$X` stays in scratch; `/tmp/$X` or `$DIR` could be anything.
    const dollar = text.search(/\$|`/);
    const slash = text.lastIndexOf('/', dollar);
    const dir = slash >= 0 ? resolvePath(cwd, text.slice(0, slash) || '/', facts.home) : undefined;
    const segmentPrefix = text.slice(slash + 1, dollar);
    const inScratch = dir !== undefined && !text.includes('..') && !inHomeFolder(dir, facts.home) && SCRATCH_ROOTS.some((s) => isWithin(s, dir) && (dir !== s || segmentPrefix !== ''));
    return { class: inScratch ? 'scratch' : 'dynamic', absolute: word.text, display: word.text, many: true, insideWorkspace: false };
  }
  const absolute = resolvePath(cwd, text === '' ? '.' : text, facts.home);
  const shown = many ? display(absolute, facts).replace(/\/?$/, '/') + word.text.split('/').pop() : display(absolute, facts);
  const insideWorkspace = rootsOf(facts).some((root) => root !== absolute && !SCRATCH_ROOTS.includes(root) && isWithin(root, absolute));
  const result = (c: PathClass): ClassifiedPath => ({ class: c, absolute, display: shown, many, insideWorkspace });

  const reachesHome = absolute === facts.home || (isWithin(absolute, facts.home) && !(many && globSegment !== undefined && !segmentGlobMayMatch(globSegment, relativeTo(absolute, facts.home).split('/')[0] ?? '')));
  if (SYSTEM_DIRS.has(absolute) || reachesHome) return result('catastrophic');
  if (absolute.split('/').includes('.git')) return result('git');
  // A download cache of the home folder stays one when the home folder is the open workspace (`rm -rf ~/.npm/_cacache` from ~).
  if (inHomeFolder(absolute, facts.home) && HOME_CACHES.test(relativeTo(facts.home, absolute))) return result('routine');
  // A workspace that lives under /tmp is still a workspace: its own rules come before scratch.
  for (const root of rootsOf(facts)) {
    if (SCRATCH_ROOTS.includes(root)) continue;
    // `/tmp/acme-build-*` cannot select a workspace at /tmp/bs-x/app: the glob's segment decides.
    if (isWithin(absolute, root) && !(many && globSegment !== undefined && absolute !== root && !segmentGlobMayMatch(globSegment, relativeTo(absolute, root).split('/')[0] ?? ''))) return result('workspace');
    if (isWithin(root, absolute)) {
      const segments = relativeTo(root, absolute).split('/');
      // `dist.old` is the build output moved aside (`mv dist dist.old && … && rm -rf dist.old`).
      return result(segments.some((s) => ROUTINE_DIRS.has(s) || ROUTINE_DIRS.has(s.replace(/(?:[._-](?:old|bak|prev|previous|tmp))+$/, '')) || s.endsWith('.tsbuildinfo')) ? 'routine' : 'other');
    }
  }
  // `/tmp/*.log` picks some of the scratch folder; `/tmp/*` is everyone's temporary files.
  const wholeFolder = many && /^\.?\*\/?$/.test(word.text.split('/').filter((p) => p !== '').pop() ?? '');
  if (inHomeFolder(absolute, facts.home)) return result(HOME_CACHES.test(relativeTo(facts.home, absolute)) ? 'routine' : 'other');
  for (const s of SCRATCH_ROOTS) if (isWithin(s, absolute) && (absolute !== s || (many && !wholeFolder))) return result('scratch');
  return result('other');
}

/**
 * Package managers' and tools' download caches in the home folder: what they hold is fetched again on
 * the next install (`rm -rf ~/.npm/_cacache`, `~/.cache/pip`). A whole `~/.cache` is not one of them.
 */
const HOME_CACHES = /^(?:\.cache\/[^/]+|\.npm\/(?:_cacache|_npx|_logs)|\.yarn\/(?:cache|berry\/cache)|\.pnpm-store|\.local\/share\/pnpm\/store|Library\/Caches\/[^/]+|\.gradle\/caches|\.cargo\/registry\/cache|\.bun\/install\/cache)(?:\/.+)?$/;

/**
 * The home folder is never scratch, even when it lives under /tmp (CI runners, containers, test
 * fixtures with `HOME=/tmp/...`): `rm -rf ~/.aws` must not pass as a temporary-file cleanup.
 */
function inHomeFolder(absolute: string, home: string): boolean {
  return home !== '' && !SCRATCH_ROOTS.includes(home) && isWithin(home, absolute);
}

function pathTarget(p: ClassifiedPath, ctx: RuleContext): Target {
  const env = ctx.environmentOf({ values: [p.display], remote: false });
  return { kind: 'path', name: p.display, provider: 'filesystem', remote: false, environment: env.environment, environmentReason: env.reason };
}

function finding(rule: string, severity: 'ask' | 'deny', reason: string, targets: Target[]): Finding {
  return { rule: `files.${rule}`, risk: severity === 'deny' ? 'catastrophic' : 'destructive', severity, reason, targets };
}

function describeClass(p: ClassifiedPath): string {
  switch (p.class) {
    case 'catastrophic':
      return p.display === '/' ? 'the root of the file system' : p.display.startsWith('~') ? 'your home folder' : `the system folder ${p.display}`;
    case 'workspace':
      return `the workspace folder ${p.display}`;
    case 'git':
      return `the git repository data in ${p.display}`;
    case 'dynamic':
      return `a path chosen at run time (${p.display})`;
    default:
      return p.display;
  }
}

/** The invocation's words read by its registry entry (rm, chmod, mv, mkfs.ext4 …). */
function fileArgs(inv: Invocation): CliArgs {
  const tool = toolNamed(inv.name) ?? mkfs;
  return cliArgs(parsedArgs(inv.args, tool), tool, inv.args);
}

const fromFindExec = (inv: Invocation): boolean => inv.via.some((v) => /^find\b/.test(v));

/** A word that is a run-time placeholder from find/xargs/parallel: {}, {/}, {.}. */
const PLACEHOLDER = /^\{[^}]*\}$/;

/** A log file or a glob of logs (`npm-debug.log*`, `development.log`, `app.log.1`). */
const LOG_NAME = /^[\w.-]*\.log(\.?\*|\.\d+)?$/;

/**
 * A glob of one folder's logs or junk files (`npm-debug.log*`, `*.pyc`, `src/*.rej` after a patch):
 * routine, like the same `find -name`. A folder before the glob must be a plain one of the project.
 */
function junkGlob(text: string, p: ClassifiedPath): boolean {
  const parts = text.split('/');
  const last = parts.pop() ?? '';
  if (!ROUTINE_NAME_PATTERNS.has(last) && !LOG_NAME.test(last)) return false;
  return parts.length === 0 || (p.class === 'other' && p.insideWorkspace && parts.every((d) => d !== '..' && d !== '' && !GLOB_CHARS.test(d)));
}

function checkRm(inv: Invocation, ctx: RuleContext): Finding[] {
  const parsed = fileArgs(inv);
  const recursive = hasFlag(parsed, ['-r', '-R', '--recursive']);
  const words = parsed.positionals.filter((w) => !(PLACEHOLDER.test(w.text) && fromFindExec(inv)));
  const fromFind = words.length < parsed.positionals.length;
  if (words.length === 0) {
    if (fromFind) return []; // judged by the find rule from the find command itself
    if (inv.via.some((v) => /^(xargs|parallel)\b/.test(v)) || inv.stdin?.kind === 'pipe') {
      return [finding('rm-from-input', 'ask', `Deletes ${recursive ? 'folders' : 'files'} named on standard input, which cannot be known in advance.`, [])];
    }
    return [];
  }
  const findings: Finding[] = [];
  for (const w of words) {
    const p = classifyPath(w, inv.cwd, ctx.facts);
    if (p.class === 'scratch' || p.class === 'routine') continue;
    // `rm -rf log/*.log`: a glob of one folder's logs or junk names, with -r or without.
    if (p.many && junkGlob(w.text, p)) continue;
    // `rm -rf node_modules package-lock.json`: -r changes nothing for a lock file, a single named file like any other.
    if (recursive && !p.many && p.class === 'other' && p.insideWorkspace && LOCK_FILES.has(basename(p.absolute))) continue;
    if (p.class === 'catastrophic' && (recursive || p.many)) {
      findings.push(finding('rm-catastrophic', 'deny', `Deletes ${describeClass(p)}${recursive ? ' recursively' : ''}.`, [pathTarget(p, ctx)]));
    } else if (recursive && p.class === 'other' && !p.many && p.insideWorkspace && inv.via.length === 0 && inv.origin.kind === 'command' && inv.afterWrites !== true && removalLosesNothing(p.absolute, ctx.facts)) {
      // Not there, or every file below committed as it is (round 8): support/recoverableRemovals.ts. Only typed
      // directly, with nothing written or moved earlier on the line (`mv data lib && rm -rf lib` loses data).
      continue;
    } else if (recursive) {
      findings.push(finding('rm-recursive', 'ask', `Recursively deletes ${describeClass(p)}.`, [pathTarget(p, ctx)]));
    } else if (p.many && p.class !== 'dynamic') {
      findings.push(finding('rm-glob', 'ask', `Deletes every file matching ${p.display}.`, [pathTarget(p, ctx)]));
    } else if (p.class === 'git' || p.class === 'dynamic' || p.class === 'workspace') {
      findings.push(finding('rm-file', 'ask', `Deletes ${describeClass(p)}.`, [pathTarget(p, ctx)]));
    } else if (p.class === 'catastrophic' || inSystemFolder(p.absolute)) {
      findings.push(finding('rm-system-file', 'ask', `Deletes ${p.display}, a file of the machine's own system folders.`, [pathTarget(p, ctx)]));
    }
  }
  return findings;
}

/** shred, unlink, truncate: each destroys one file's contents; scratch and build outputs excepted. */
function checkFileWipe(inv: Invocation, ctx: RuleContext): Finding[] {
  const parsed = fileArgs(inv);
  const findings: Finding[] = [];
  const verb = inv.name === 'shred' ? 'Shreds' : inv.name === 'unlink' ? 'Deletes' : 'Truncates';
  // `find … | xargs shred -u`: the files come from the producer's output, decided when it runs.
  if (parsed.positionals.length === 0 && (inv.via.some((v) => /^(xargs|parallel)\b/.test(v)) || inv.stdin?.kind === 'pipe') && inv.name !== 'truncate') {
    return [finding(`${inv.name}-from-input`, 'ask', `${verb} files named on standard input (${inv.name}), which cannot be known in advance.`, [])];
  }
  for (const w of parsed.positionals) {
    if (DISK_DEVICE.test(w.text)) {
      findings.push(finding(`${inv.name}-device`, 'deny', `${verb} the disk device ${w.text}.`, [deviceTarget(w.text, ctx)]));
      continue;
    }
    const p = classifyPath(w, inv.cwd, ctx.facts);
    if (p.class === 'scratch' || p.class === 'routine') continue;
    // Emptying a log file of the project (`truncate -s 0 log/development.log`) is routine; its data files are not.
    if (inv.name === 'truncate' && p.class === 'other' && p.insideWorkspace && LOG_NAME.test(w.text.split('/').pop() ?? '')) continue;
    findings.push(finding(inv.name, 'ask', `${verb} ${describeClass(p)}.`, [pathTarget(p, ctx)]));
  }
  return findings;
}

function deviceTarget(device: string, ctx: RuleContext): Target {
  const env = ctx.environmentOf({ values: [device], remote: false });
  return { kind: 'resource', name: device, provider: 'disk', remote: false, environment: env.environment, environmentReason: env.reason };
}

function checkDd(inv: Invocation, ctx: RuleContext): Finding[] {
  for (const a of inv.args) {
    if (!a.text.startsWith('of=')) continue;
    const out = a.text.slice(3);
    if (DISK_DEVICE.test(out)) return [finding('dd-device', 'deny', `Overwrites the disk device ${out} with dd.`, [deviceTarget(out, ctx)])];
    if (out.startsWith('/dev/') && !HARMLESS_DEVICES.has(out)) return [finding('dd-device', 'ask', `Writes raw data to the device ${out}.`, [deviceTarget(out, ctx)])];
  }
  return [];
}

function checkMkfs(inv: Invocation, ctx: RuleContext): Finding[] {
  const devices = inv.args.filter((a) => a.text.startsWith('/dev/'));
  if (devices.some((d) => DISK_DEVICE.test(d.text))) {
    return [finding('format-device', 'deny', `Formats or wipes the disk ${devices.map((d) => d.text).join(', ')} (${inv.name}).`, devices.map((d) => deviceTarget(d.text, ctx)))];
  }
  const files = fileArgs(inv).positionals;
  const last = files[files.length - 1];
  if (!last) return [];
  return [finding('format', 'ask', `Formats ${last.text} with ${inv.name}, erasing what it holds.`, [deviceTarget(last.text, ctx)])];
}

/** The user running the command, as chown is told it (`$USER`, `"$USER":staff`, `$(whoami)`, `$(id -u)`). */
const SELF_OWNER = /^"?(\$\{?USER\}?|\$\(whoami\)|\$\(id -un?\))"?(:\S*)?$/;
/** Package managers' and toolchains' folders in the home folder, which root-run installs leave owned by root. */
const HOME_TOOL_FOLDERS = /^(~|\$HOME|\$\{HOME\})\/(\.npm|\.cache|\.yarn|\.pnpm-store|\.node-gyp|\.bun|\.cargo|\.rustup|\.gradle|\.m2|\.nvm|\.composer|\.gem|\.local\/share\/pnpm)\/?$/;

function checkPermissions(inv: Invocation, ctx: RuleContext): Finding[] {
  const parsed = fileArgs(inv);
  if (!hasFlag(parsed, ['-R', '--recursive'])) return [];
  // chmod MODE paths / chown OWNER paths: the first positional is the mode or owner.
  const paths = hasFlag(parsed, ['--reference']) ? parsed.positionals : parsed.positionals.slice(1);
  const findings: Finding[] = [];
  const toSelf = inv.name === 'chown' && SELF_OWNER.test(parsed.positionals[0]?.raw ?? '');
  // `chmod -R u+w .` (stop 36, round 24): only gives the owner back rights on its own files; nothing is lost or opened to others.
  const ownerGrant = inv.name === 'chmod' && !hasFlag(parsed, ['--reference']) && (parsed.positionals[0]?.text ?? '').startsWith('u+') && modeChangeOf(parsed.positionals[0]?.text) === 'grants';
  for (const w of paths) {
    // `sudo chown -R $USER ~/.npm`: a package manager's cache in the home folder given back to its user.
    if (toSelf && HOME_TOOL_FOLDERS.test(w.raw)) continue;
    const p = classifyPath(w, inv.cwd, ctx.facts);
    if (ownerGrant && p.class !== 'catastrophic') continue;
    if (p.class === 'catastrophic') {
      findings.push(finding(`${inv.name}-recursive`, 'deny', `Recursively changes ownership or permissions of ${describeClass(p)} (${inv.name} -R).`, [pathTarget(p, ctx)]));
    } else if (p.class === 'workspace' || p.class === 'dynamic' || (p.class === 'other' && !p.insideWorkspace)) {
      findings.push(finding(`${inv.name}-recursive`, 'ask', `Recursively changes ownership or permissions of ${describeClass(p)} (${inv.name} -R).`, [pathTarget(p, ctx)]));
    }
  }
  return findings;
}

/** Folders of the system itself, whose files (`/etc/passwd`, `/usr/bin/env`) the machine needs to start and sign in. */
/** `/srv` and `/var/www` hold what the machine serves, `/var/log` its record of what ran. */
const SYSTEM_FILE_ROOTS = ['/etc', '/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/boot', '/System', '/Library', '/var/lib', '/var/log', '/srv', '/var/www'];
/** Software the machine's owner installed by hand: replacing it there is routine set-up (`ln -s … /usr/local/bin/python`). */
const OWNER_ROOTS = ['/usr/local', '/opt'];

export function inSystemFolder(absolute: string): boolean {
  return SYSTEM_FILE_ROOTS.some((root) => absolute === root || isWithin(root, absolute)) && !OWNER_ROOTS.some((root) => isWithin(root, absolute));
}

function checkMoveToNull(inv: Invocation, ctx: RuleContext): Finding[] {
  const positionals = fileArgs(inv).positionals;
  const destination = positionals[positionals.length - 1];
  // `sudo mv /usr /tmp/usr`, `mv /etc/passwd /tmp`: the system loses what it runs from, wherever it goes.
  if (inv.name === 'mv' && destination && positionals.length >= 2 && !inSystemFolder(classifyPath(destination, inv.cwd, ctx.facts).absolute)) {
    const moved = positionals.slice(0, -1).map((w) => classifyPath(w, inv.cwd, ctx.facts)).filter((p) => !p.many && (SYSTEM_DIRS.has(p.absolute) || inSystemFolder(p.absolute)));
    if (moved.length > 0) return moved.map((p) => finding('mv-system', 'ask', `Moves ${p.display} out of the machine's own system folders: what runs from it stops working.`, [pathTarget(p, ctx)]));
  }
  if (!destination || destination.text !== '/dev/null' || positionals.length < 2) return [];
  return positionals.slice(0, -1).map((w) => {
    const p = classifyPath(w, inv.cwd, ctx.facts);
    return finding('mv-dev-null', 'ask', `Moves ${describeClass(p)} into /dev/null, which destroys it.`, [pathTarget(p, ctx)]);
  });
}

function checkCopyNull(inv: Invocation, ctx: RuleContext): Finding[] {
  const positionals = fileArgs(inv).positionals;
  if (positionals.length !== 2 || positionals[0]?.text !== '/dev/null') return [];
  const p = classifyPath(positionals[1] as ArgWord, inv.cwd, ctx.facts);
  if (p.class === 'scratch' || !exists(p.absolute, ctx.facts)) return [];
  return [finding('truncate', 'ask', `Empties ${describeClass(p)} by copying /dev/null over it.`, [pathTarget(p, ctx)])];
}

const FIND_VALUED = new Set(['-name', '-iname', '-path', '-ipath', '-wholename', '-regex', '-iregex', '-type', '-maxdepth', '-mindepth', '-mtime', '-mmin', '-atime', '-ctime', '-newer', '-size', '-user', '-group', '-perm', '-prune']);
const DELETING_COMMANDS = new Set(['rm', 'unlink', 'shred', 'truncate']);

function checkFind(inv: Invocation, ctx: RuleContext): Finding[] {
  const args = inv.args.map((a) => a.text);
  let i = 0;
  while (i < args.length && /^-[HLP]$/.test(args[i] as string)) i++;
  const roots: ArgWord[] = [];
  while (i < args.length && !/^[-(!]/.test(args[i] as string)) roots.push(inv.args[i++] as ArgWord);
  if (roots.length === 0) roots.push({ text: '.', raw: '.', dynamic: false, glob: false });
  const expression = args.slice(i);
  let deletes = expression.includes('-delete');
  let how = '-delete';
  for (let k = 0; k < expression.length; k++) {
    if (!/^-(exec|execdir|ok|okdir)$/.test(expression[k] as string)) continue;
    const cmd = (expression[k + 1] ?? '').replace(/^.*\//, '');
    if (DELETING_COMMANDS.has(cmd)) {
      deletes = true;
      how = `${expression[k]} ${cmd}`;
    }
  }
  if (!deletes) return [];
  const names: string[] = [];
  for (let k = 0; k < expression.length; k++) {
    if ((expression[k] === '-name' || expression[k] === '-iname') && expression[k + 1] !== undefined) names.push(expression[k + 1] as string);
    if (FIND_VALUED.has(expression[k] as string)) k++;
  }
  const routineNames = names.length > 0 && names.every((n) => ROUTINE_NAME_PATTERNS.has(n) || ROUTINE_DIRS.has(n));
  const findings: Finding[] = [];
  for (const root of roots) {
    const p = classifyPath(root, inv.cwd, ctx.facts);
    if (p.class === 'scratch' || p.class === 'routine') continue;
    if (p.class === 'catastrophic') {
      findings.push(finding('find-delete-catastrophic', 'deny', `Deletes files throughout ${describeClass(p)} (find ${how}).`, [pathTarget(p, ctx)]));
      continue;
    }
    const insideWorkspace = rootsOf(ctx.facts).some((r) => isWithin(r, p.absolute));
    // `find ~/.cache -name '*.tmp' -delete`: junk names in a folder a tool recreates (the home cache) is the same routine cleanup.
    if (routineNames && (insideWorkspace || (isWithin(ctx.facts.home, p.absolute) && p.absolute.slice(ctx.facts.home.length + 1).split('/').some((s) => ROUTINE_DIRS.has(s))))) continue;
    const what = names.length > 0 ? `files named ${names.join(', ')}` : 'every file it finds';
    findings.push(finding('find-delete', 'ask', `Deletes ${what} under ${describeClass(p)} (find ${how}).`, [pathTarget(p, ctx)]));
  }
  return findings;
}

function exists(absolute: string, facts: Facts): boolean {
  if (facts.readFile(absolute) !== undefined) return true;
  const listing = facts.listDir(dirname(absolute));
  // Unknown directory: assume the file is there, the cautious reading of a truncation.
  return listing === undefined || listing.includes(basename(absolute));
}

/** `: > file`, `> file`, `true > file`, `cat /dev/null > file`, `echo -n > file`: commands whose only effect is to empty a file. */
export function truncatesOnly(inv: Invocation): boolean {
  const args = inv.args.map((a) => a.text);
  if (inv.name === '' || inv.name === ':' || inv.name === 'true') return true;
  if (inv.name === 'cat') return args.length === 1 && args[0] === '/dev/null';
  if (inv.name === 'echo') return args.length === 1 && args[0] === '-n';
  if (inv.name === 'printf') return args.length === 1 && args[0] === '';
  return false;
}

function checkRedirects(inv: Invocation, ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const r of inv.redirects) {
    if (!['>', '>|', '&>', '<>'].includes(r.op)) continue;
    const path = r.target.text;
    if (DISK_DEVICE.test(path)) {
      findings.push(finding('redirect-device', 'deny', `Writes over the disk device ${path}.`, [deviceTarget(path, ctx)]));
      continue;
    }
    if (!truncatesOnly(inv) || path.startsWith('/dev/') || r.target.dynamic) continue;
    const p = classifyPath(r.target, inv.cwd, ctx.facts);
    if (p.class === 'scratch' || p.class === 'routine' || !exists(p.absolute, ctx.facts)) continue;
    findings.push(finding('truncate-redirect', 'ask', `Empties ${describeClass(p)} (redirecting nothing into it).`, [pathTarget(p, ctx)]));
  }
  return findings;
}

type InvocationCheck = (inv: Invocation, ctx: RuleContext) => Finding[];

const BY_COMMAND: Record<string, InvocationCheck> = ownTable({
  rm: checkRm,
  shred: checkFileWipe,
  unlink: checkFileWipe,
  truncate: checkFileWipe,
  dd: checkDd,
  mkfs: checkMkfs,
  mke2fs: checkMkfs,
  mkswap: checkMkfs,
  wipefs: checkMkfs,
  mkdosfs: checkMkfs,
  mkntfs: checkMkfs,
  chmod: checkPermissions,
  chown: checkPermissions,
  chgrp: checkPermissions,
  mv: checkMoveToNull,
  cp: checkCopyNull,
  find: checkFind,
});

// ---------------------------------------------------------------------------------------------
// Code that deletes files: interpreter one-liners and scripts the agent runs.

const DELETE_CALLS: Record<string, RegExp> = ownTable({
  python: /(\bshutil\.rmtree|\bos\.(?:remove|unlink|rmdir|removedirs)|\.unlink|\.rmdir|\bsend2trash)\s*\(/g,
  javascript: /\b((?:fs(?:Promises|Extra|e)?(?:\.promises)?\.(?:rmSync|rm|rmdirSync|rmdir|unlinkSync|unlink|removeSync|remove|emptyDirSync|emptyDir))|Deno\.(?:removeSync|remove)|rimraf(?:\.sync)?|rimrafSync|deleteSync|rmSync|unlinkSync)\s*\(/g,
  perl: /\b(unlink|rmtree|remove_tree|rmdir)\b\s*\(?/g,
  ruby: /\b(FileUtils\.(?:rm_rf|rm_r|rm_f|rm|remove_dir|remove_entry|remove_entry_secure|remove)|File\.(?:delete|unlink)|Dir\.(?:delete|rmdir|unlink)|Pathname\.new\([^)]*\)\.(?:rmtree|delete))\s*\(?/g,
  php: /\b(unlink|rmdir)\s*\(/g,
  // Go, Rust, C/C++, Java/Kotlin, C#, Swift, Zig, Crystal, Nim, Haskell: each standard library's deleting calls.
  compiled: /\b((?<![.])(?:unlink|unlinkat|rmdir|remove|nftw)|os\.RemoveAll|os\.Remove|fs::remove_dir_all|fs::remove_file|fs::remove_dir|(?:std::)?filesystem::remove_all|filesystem::remove|Files\.delete|Files\.deleteIfExists|FileUtils\.(?:deleteDirectory|forceDelete|cleanDirectory|rm_rf|rm_r|rm)|Directory\.Delete|File\.Delete|removeItem|deleteTree|deleteTreeAbsolute|deleteFile|deleteFileAbsolute|deleteDir|deleteDirAbsolute|removeDir|removeFile|removeDirectoryRecursive|removeDirectory|removePathForcibly|Dir\.delete|File\.delete|deleteRecursively|rm_rf)(?:\s*\(|\s+(?="))/g,
});

/** A deleting function passed as a value: `array_map("unlink", glob(…))`, `map(os.remove, glob(…))`, `.forEach(fs.unlinkSync)`. */
const DELETE_REFERENCES: Record<string, RegExp> = ownTable({
  python: /\b(?:map|filter)\s*\(\s*(shutil\.rmtree|os\.(?:remove|unlink|rmdir))\s*,()/g,
  javascript: /\.(?:forEach|map)\s*\(\s*((?:fs(?:Promises|Extra|e)?(?:\.promises)?\.)?(?:rmSync|rm|unlinkSync|unlink|removeSync|remove))\s*\)()/g,
  php: /\b(?:array_map|array_walk|array_filter|call_user_func(?:_array)?)\s*\(\s*(?:[^,()]*,\s*)?(['"](?:unlink|rmdir)['"])()/g,
});

const SHELL_DELETE_IN_CODE = /\brm\s+(?:-[A-Za-z]*\s+)*-[A-Za-z]*[rR][A-Za-z]*\b/;

/** The first string literal right after a call's opening parenthesis: rmtree('build') -> build. */
function literalArgument(text: string, from: number): string | undefined {
  const m = /^\s*\(?\s*(?:[rfbu]|Path\()?\s*(['"`])([^'"`\n]*)\1/.exec(text.slice(from, from + 300));
  if (!m || /\$\{|#\{/.test(m[2] ?? '')) return undefined;
  return m[2];
}


/**
 * Is the call's argument a folder the same code made with mkdtemp / tmpdir / TemporaryDirectory?
 * Test and build scripts clean up their own temporary folders; that is scratch, not data.
 */
function deletesOwnTempDir(text: string, argumentStart: number): boolean {
  const arg = /^\s*\(?\s*(?:(?:path|os\.path)\.(?:join|resolve)\(\s*|Path\(\s*|File\.join\(\s*)?([A-Za-z_$][\w$]*)/.exec(text.slice(argumentStart, argumentStart + 200));
  const id = arg?.[1];
  if (!id || /^(process|os|sys|path|__dirname|HOME|home)$/.test(id)) return false;
  const name = escapeRegExp(id);
  const temp = '(mkdtemp\\w*|tmpdir|mktemp|TemporaryDirectory|gettempdir|mktmpdir|tempfile|tmpDir|tempDir|MkdirTemp|TempDir|createTempDirectory|tempdir)';
  // `d = mkdtemp()`, Go's `d, err := os.MkdirTemp(…)`, Rust's `let d = tempfile::tempdir()`.
  return new RegExp(`(^|[^\\w$])${name}\\s*(?:,\\s*\\w+\\s*)?(?::[^=\\n]*)?=\\s*[^;\\n]*${temp}`).test(text) ||
    new RegExp(`${temp}[^\\n]*\\bas\\s+${name}\\b`).test(text) ||
    new RegExp(`mktmpdir[^\\n|]*\\|\\s*${name}\\s*\\|`).test(text);
}

function checkCodeSnippet(original: CodeSnippet, ctx: RuleContext): Finding[] {
  const pattern = DELETE_CALLS[original.language];
  if (!pattern) return [];
  // `from shutil import rmtree as r; r("x")` reads as `shutil.rmtree("x")`.
  const snippet = { ...original, text: canonicalCalls(original.language, original.text) };
  const findings: Finding[] = [];
  const where = snippet.origin.kind === 'script' ? `the script ${snippet.origin.path}` : `${snippet.runner.name} code`;
  for (const m of snippet.text.matchAll(pattern)) {
    const call = (m[1] ?? m[0]).trim();
    const literal = literalArgument(snippet.text, (m.index ?? 0) + m[0].length);
    if (literal !== undefined && literal !== '') {
      const p = classifyPath({ text: literal, raw: literal, dynamic: false, glob: GLOB_CHARS.test(literal) }, snippet.runner.cwd, ctx.facts);
      if (p.class === 'scratch' || p.class === 'routine') continue;
      const severity = p.class === 'catastrophic' ? 'deny' : 'ask';
      findings.push(finding('code-delete', severity, `${capitalize(where)} deletes ${describeClass(p)} (${call}).`, [pathTarget(p, ctx)]));
    } else if (!deletesOwnTempDir(snippet.text, (m.index ?? 0) + m[0].length) && !deletesScratchOrOutput(snippet.text, (m.index ?? 0) + m[0].length, ROUTINE_DIRS)) {
      findings.push(finding('code-delete', 'ask', `${capitalize(where)} deletes files with ${call}; which ones is decided at run time.`, []));
    }
    if (findings.length >= 5) break;
  }
  for (const m of snippet.text.matchAll(DELETE_REFERENCES[snippet.language] ?? /$^/g)) {
    if (findings.length >= 5) break;
    const call = (m[1] ?? '').replace(/['"]/g, '');
    // The files are usually a glob's: `glob("storage/invoices/*")`.
    const globbed = /\bglob(?:\.glob|Sync|\.sync)?\s*\(\s*(['"])([^'"\n]+)\1/.exec(snippet.text.slice(m.index ?? 0, (m.index ?? 0) + 400))?.[2];
    if (globbed !== undefined) {
      const p = classifyPath({ text: globbed, raw: globbed, dynamic: false, glob: GLOB_CHARS.test(globbed) }, snippet.runner.cwd, ctx.facts);
      if (p.class === 'scratch' || p.class === 'routine') continue;
      findings.push(finding('code-delete', p.class === 'catastrophic' ? 'deny' : 'ask', `${capitalize(where)} deletes ${describeClass(p)} (${call} over each file).`, [pathTarget(p, ctx)]));
    } else findings.push(finding('code-delete', 'ask', `${capitalize(where)} deletes files with ${call}, over a list made at run time.`, []));
  }
  if (findings.length === 0 && SHELL_DELETE_IN_CODE.test(snippet.text)) {
    findings.push(finding('code-shell-delete', 'ask', `${capitalize(where)} runs a recursive rm through the shell.`, []));
  }
  return findings;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const filesPack: RulePack = {
  id: 'files',
  title: 'Deleting, emptying or wiping files and disks',
  // No `commands` filter: output redirections that empty a file can follow any command.
  checkInvocation(inv, ctx) {
    const own = BY_COMMAND[inv.name] ?? (inv.name.startsWith('mkfs') ? checkMkfs : undefined);
    const findings = own ? own(inv, ctx) : [];
    if (inv.redirects.length > 0) findings.push(...checkRedirects(inv, ctx));
    return findings;
  },
  checkSnippet: checkCodeSnippet,
};
