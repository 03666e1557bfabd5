import { ownStartupFile } from './envInjection';
import { minimatch } from 'minimatch';
import { runtimeOperands } from '../../policy/handlers/interpreters';
import { invocationCommand } from '../../registry/commandModel';
import { freeFormReadings } from '../../registry/freeForm';
import { basename, isWithin, normalize, resolvePath } from '../../paths';
import { EFFECT_RULES, effectsOf, READ_ONLY_COMMANDS, type PathEffect } from '../../policy/effects';
import type { ArgWord, CodeSnippet, Facts, Finding, Invocation, RuleContext, RulePack } from '../../policy/types';
import type { WorkMeter } from '../../policy/workMeter';
import { patchEffects } from './patchText';
import { shadowedProgramFolder } from './programFolders';
import { archiveEffects, unseenArchive } from './archiveEntries';
import { gitLineFindings } from './gitLine';
import { plantedCodeFindings } from './plantedCode';
import { guardProcessFindings } from './guardProcesses';
import { readsBelow } from './nameListings';
import { guardFileSearchFindings } from './guardFileSearches';
import { untrustedSourceFindings } from './untrustedSources';
import { unresolvedPathFindings } from './unresolvedPaths';
import { gitFedEffects, gitPointedElsewhere, protectedChangesOfMoves, sparseCheckoutEffects, touchedByGit } from './gitState';
import { judgeCodeLoads, judgeModuleLoading } from './moduleLoading';
import { unreadFinding } from './reach';
import { followsLastLink } from './linkTargets';
import { reachedPaths } from './hardLinks';
import { codeLinkFinding } from './codeLinkPaths';
import { guardHomeWordFindings } from './guardHomeReads';
import { searchedFoldersFeeding, takesNoPaths } from './searchFeeds';
import { decodedLiterals, interpreterText, OTHER_INTERPRETERS, unreadableCode } from './runtimeCode';
import { runtimeTargetProducer, substitutionBodies } from './runtimeTargets';
import { judgeRuntimeSelection, scriptListingWrites } from './scriptListings';
import { sandboxMounts } from './sandboxMounts';
import { codeInjectsInput, dbusTyping, drivesDesktop, TYPING_TERMINALS, typedPromptAnswer, UI_AUTOMATION } from './inputInjection';
import { DENY_SUFFIX, expandKnown, perimeterFinding as finding, printedText, withoutProcAlias } from './perimeterFinding';
import { mentionIn, mentionsWindowTokens } from './mentions';
import { wholeInvocationFindings } from './perimeterExtras';
import { agentAndPackageFindings } from './nestedAgents';
import { agentLaunchFindings } from './agentLaunches';
import { inlineCodeOnlyReads, modeLowersNothing, moduleOnlyReads, namesWithoutChanging } from './readOnlyCode';
import { linksSystemProgram, routineStartupAppend } from './routineChanges';
import {
  aliasesOf, dedicatedFolder, exists,
  guardedByContent,
  isContentDependent,
  MANAGED_BLOCK_MARKER,
  perimeterView,
  placesMatchingGlob,
  protectedBeneath,
  protectionOf,
  tokenFoldersOf,
  type PerimeterView,
} from './protectedPaths';

/**
 * One perimeter, enforced for every writer. Each invocation's effects (policy/effects.ts: which
 * words it reads, writes, deletes, moves, links or extracts into) are judged against the protected
 * paths; a command nobody described is a writer of every path it names, and so is code that names a
 * protected place. What reaches the perimeter is denied, never asked: switching the guard off is not
 * a question an agent may put to a tired human.
 */

const STILL_DYNAMIC = /\$|`/;
/** Names of protected files: a computed path ending in one of these may well be one. */
const PROTECTED_NAMES = /(^|\/)(hooks\.json|settings(\.[^/]*)?\.json|config\.toml|\.blast-shield(\.json)?|blast-shield(-hook)?|\.(bashrc|bash_profile|profile|zshenv|zshrc|zprofile|zlogin)|pretooluse)$/i;

const WRITING: ReadonlySet<PathEffect['kind']> = new Set(['write', 'create', 'delete', 'move', 'link', 'extract', 'rewrite', 'unknown']);
const REACHING_BELOW: ReadonlySet<PathEffect['kind']> = new Set(['delete', 'move', 'link', 'extract', 'rewrite']);
/** Top-level names whose arrival in a workspace or home folder creates or replaces a protected file. */
const DANGEROUS_ENTRIES = /^(\.(cursor|claude|clinerules|copilot|gemini|codex|windsurf|codeium|github|blast-shield|blast-shield\.json|bashrc|bash_profile|bash_login|profile|zshenv|zshrc|zprofile|zlogin|config|vscode)|documents)$/i;

interface Judge {
  inv: Invocation;
  facts: Facts;
  view: PerimeterView;
  cwd: string;
  findings: Finding[];
  work?: WorkMeter;
}

function deny(j: Judge, rule: string, reason: string, target: string): void {
  if (j.findings.some((f) => f.rule === `self-protection.${rule}` && f.targets[0]?.name === target)) return;
  j.findings.push(finding(rule, reason, target));
}

function display(path: string, j: Judge): string {
  for (const root of j.view.workspaceRoots) if (isWithin(root, path) && path !== root) return path.slice(root.length + 1);
  if (isWithin(j.view.home, path) && path !== j.view.home) return '~/' + path.slice(j.view.home.length + 1);
  return path;
}

/** Reads of the window tokens, and of folders above them by a command that reads everything below. */
function judgeWindowTokens(abs: string, effect: PathEffect, j: Judge): boolean {
  for (const path of aliasesOf(abs, j.view)) {
    const lower = path.toLowerCase();
    for (const ipc of tokenFoldersOf(j.view)) {
      const inside = isWithin(ipc.lower, lower);
      const above = effect.kind === 'read' && isWithin(lower, ipc.lower) && readsBelow(j.inv, effect.recursive === true, isWithin(ipc.homeLower, lower));
      if (inside || above) {
        deny(j, 'read-window-token', `${j.inv.name} would touch Blast Shield's window tokens (${effect.word.text}); they are not for agents.`, effect.word.text);
        return true;
      }
    }
  }
  return false;
}

function namesMatch(path: string, names: readonly string[] | undefined, facts: Facts): boolean {
  if (!names || names.length === 0) return true;
  const candidates = [basename(path), ...(facts.listDir(path) ?? [])];
  return candidates.some((c) => names.some((n) => minimatch(c, n, { nocase: true, dot: true })));
}

function copiesOnlySafeEntries(effect: PathEffect, j: Judge): boolean {
  if (!effect.from || effect.from.length === 0) return false;
  return effect.from.every((source) => {
    if (source.dynamic) return false;
    const lastSegment = basename(source.text);
    // A glob whose last part does not start with a dot does not match dot-folders.
    if (source.glob) return !lastSegment.startsWith('.') && !/documents/i.test(lastSegment);
    const entries = j.facts.listDir(resolvePath(j.cwd, source.text.replace(/\/\.?$/, ''), j.facts.home));
    return entries !== undefined && !entries.some((e) => DANGEROUS_ENTRIES.test(e));
  });
}

function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** A workspace folder or the home folder itself: a configuration created there takes effect. */
function isPlaceForNewConfigs(folder: string, j: Judge): boolean {
  return [...j.view.workspaceRoots, j.view.home].some((place) => place.toLowerCase() === folder.toLowerCase());
}

/** Workspace folders, the home folder and the guard homes: where a new configuration file takes effect. */
function holdsPlacesForNewConfigs(abs: string, j: Judge): boolean {
  const places = [...j.view.workspaceRoots, j.view.home, ...j.view.guardHomes];
  return aliasesOf(abs, j.view).some((p) => places.some((place) => isWithin(p.toLowerCase(), place.toLowerCase())));
}

function judgePath(abs: string, effect: PathEffect, j: Judge): void {
  if (judgeWindowTokens(abs, effect, j)) return;
  if (!WRITING.has(effect.kind)) return;
  if (effect.gitMoves) {
    judgeGitMove(abs, effect, j);
    return;
  }
  const verb = effect.kind === 'unknown' ? `names` : 'would change';
  const shown = display(abs, j);
  const protection = protectionOf(abs, j.view);
  if (protection && !(effect.kind === 'write' && effect.into && j.facts.listDir(abs) !== undefined) && !namesWithoutChanging(protection.kind, abs, effect, j.inv, j.facts)) {
    // A shell write's new text is unknown: settings files are then guarded whatever they hold now;
    // a delete or move only takes away what is there.
    // The npm configuration too, unless the appended line is known.
    const newText = effect.appended ?? (j.inv.redirects.some((r) => r.target === effect.word) ? printedText(j.inv) : undefined);
    const newTextUnknown = (protection.kind === 'user-settings' || ((protection.kind === 'runtime-config' || protection.kind === 'exec-config') && newText === undefined)) && effect.kind !== 'delete' && effect.kind !== 'move';
    // Appending lines to an ignore file leaves our block in place, unless a line un-ignores something after it.
    const harmlessAppend = protection.kind === 'ignore-file' && effect.appended !== undefined && !/^\s*!/m.test(effect.appended) && !MANAGED_BLOCK_MARKER.test(effect.appended);
    const guarded = routineStartupAppend(protection, effect) || linksSystemProgram(protection, effect, j.inv, abs) ? false : isContentDependent(protection.kind) ? !harmlessAppend && (newTextUnknown || guardedByContent(protection.kind, j.facts.readFile(abs), newText)) : true;
    if (guarded) {
      const rest = effect.kind === 'unknown' ? ` and is not known to only read it; ${DENY_SUFFIX}.` : `; ${DENY_SUFFIX}.`;
      deny(j, 'write-guard-file', `${j.inv.name} ${verb} ${protection.label}${rest}`, shown);
      return;
    }
  }
  if (effect.into) {
    for (const source of effect.into) {
      // `src/` and `src/.` spill their entries (an `extract` effect judges those); `src` arrives as itself.
      if (source.dynamic || /\/\.?$/.test(source.text)) continue;
      const landing = normalize(abs + '/' + basename(source.text));
      const landingFolder = dedicatedFolder(landing, j.view);
      // A dedicated folder is reached when it is there already or would take effect where it lands.
      if (landingFolder && !exists(j.facts, landing) && !isPlaceForNewConfigs(dirnameOf(landing), j)) continue;
      judgePath(landing, { kind: 'write', word: source }, j);
    }
    return;
  }
  const folder = dedicatedFolder(abs, j.view);
  // Entries of any name land in a dedicated folder's own files (`cp /tmp/d/* .cursor/`); elsewhere only dot-entries matter.
  // Entries landing in a program folder: the folder itself, or one below it (`~/.local` holds `~/.local/bin`), judged last.
  const shadows = (below: boolean): boolean => {
    const programs = effect.kind === 'extract' ? shadowedProgramFolder(abs, effect, j.facts, j.cwd, j.view, below) : undefined;
    if (programs !== undefined) deny(j, 'write-guard-file', `${j.inv.name} ${verb} the program folder ${display(programs, j)} (on PATH) with entries it cannot name, or named like a program the guard or the agents run; ${DENY_SUFFIX}.`, shown);
    return programs !== undefined;
  };
  if (shadows(false)) return;
  if (effect.kind === 'extract' && !folder && copiesOnlySafeEntries(effect, j)) {
    shadows(true);
    return;
  }
  if (folder && effect.kind !== 'create') {
    deny(j, 'write-guard-file', `${j.inv.name} ${verb} ${folder}; ${DENY_SUFFIX}.`, shown);
    return;
  }
  const reachesBelow = REACHING_BELOW.has(effect.kind) || (effect.kind === 'write' && (effect.recursive === true || j.facts.listDir(abs) !== undefined));
  if (!reachesBelow) return;
  // Looking below a folder weighs it against every protected place: paid for first (a spent budget asks).
  if (j.work && !j.work.spend(UNITS_PER_LOOK_BELOW)) return;
  // git's own rewrites (reset --hard, checkout -f, read-tree -u) change tracked files only: the guard home is never one.
  let below = protectedBeneath(abs, j.facts, j.view, effect.names || effect.gitScope ? 64 : 8).filter(
    (p) => namesMatch(p, effect.names, j.facts) && !(effect.kind === 'rewrite' && protectionOf(p, j.view)?.kind === 'guard-home') && !(effect.modeChange && modeLowersNothing(protectionOf(p, j.view)?.kind ?? '', effect)),
  );
  // Git's view is read for the repository holding the folder; a command that points git elsewhere keeps every path.
  const elsewhere = gitPointedElsewhere(j.inv);
  if ((effect.kind === 'rewrite' || effect.kind === 'delete') && effect.gitScope && !elsewhere) below = touchedByGit(below, abs, effect.gitScope, j.facts);
  if (below.length > 0) {
    const first = below[0]!;
    const what = protectionOf(first, j.view)?.label ?? display(first, j);
    (effect.archiveMissing ? unseenArchive : deny)(j, 'write-guard-file', `${j.inv.name} would reach ${display(first, j)} inside ${shown} (${what}); ${DENY_SUFFIX}.`, shown);
    return;
  }
  if (effect.kind === 'extract' && holdsPlacesForNewConfigs(abs, j)) {
    deny(j, 'write-guard-file', `${j.inv.name} writes files of names not known before it runs into ${shown}, where a hook configuration or start-up file would take effect; ${DENY_SUFFIX}.`, shown);
    return;
  }
  // `tar xf x.tgz -C ~/.ssh`: an authorized_keys (or an ssh rc, a config that runs programs) of the archive's choosing.
  if (effect.kind === 'extract' && aliasesOf(abs, j.view).some((p) => p.toLowerCase() === `${j.view.home.toLowerCase()}/.ssh`)) {
    deny(j, 'write-guard-file', `${j.inv.name} writes files of names not known before it runs into ${shown}, where an authorized_keys file would open this machine to whoever holds its key; ${DENY_SUFFIX}.`, shown);
    return;
  }
  shadows(true);
}

/** A git move to other commits: the protected files among those git says differ between the trees; every protected path when git cannot say. */
function judgeGitMove(abs: string, effect: PathEffect, j: Judge): void {
  const changes = gitPointedElsewhere(j.inv) ? undefined : protectedChangesOfMoves(abs, effect.gitMoves ?? [], j.facts, j.view);
  if (!changes) {
    judgePath(abs, { kind: 'rewrite', word: effect.word }, j);
    return;
  }
  const first = changes[0];
  if (!first) return;
  const parsed = invocationCommand(j.inv)?.parsed;
  const sub = parsed?.path[0] ?? parsed?.operands[0]?.text ?? '';
  deny(j, 'write-guard-file', `git ${sub} would change ${display(first.path, j)} (${first.label}): it differs in the commits this moves the work tree to; ${DENY_SUFFIX}.`, display(first.path, j));
}

/**
 * The folder a glob lists (`~/.blast-shield/ipc/*`, `.cursor/*`): its entries are what the command
 * reads or changes, whatever they are called. Only the window tokens and dedicated folders count
 * here: `rm *.log` in a workspace reaches nothing protected below it.
 */
function judgeGlobFolder(absolutePattern: string, effect: PathEffect, j: Judge): void {
  const segments = absolutePattern.split('/');
  const firstGlob = segments.findIndex((s) => /[*?[]/.test(s));
  if (firstGlob <= 0) return;
  const folder = segments.slice(0, firstGlob).join('/') || '/';
  if (judgeWindowTokens(folder + '/x', effect, j)) return;
  if (!WRITING.has(effect.kind)) return;
  const dedicated = dedicatedFolder(folder, j.view);
  const protection = protectionOf(folder, j.view);
  if (dedicated || (protection && !isContentDependent(protection.kind))) {
    deny(j, 'write-guard-file', `${j.inv.name} would change what ${display(folder, j)} holds (${dedicated ?? protection!.label}); ${DENY_SUFFIX}.`, display(folder, j));
  }
}

/** Texts a word may hold a path in (`--output=x`, `-ox`, `of=x`): every reading of an undescribed program's word, not an option reader. */
function pathTexts(word: ArgWord, effect: PathEffect): string[] {
  const t = word.text;
  if (effect.kind !== 'unknown') return [t];
  const out = [t];
  const eq = t.indexOf('=');
  if (eq > 0) out.push(t.slice(eq + 1));
  if (/^-[A-Za-z]./.test(t) && !t.startsWith('--')) out.push(t.slice(2));
  return out;
}

function judgeEffect(effect: PathEffect, j: Judge): void {
  const word = effect.word;
  if (effect.kind === 'code' || effect.kind === 'unknown') {
    if (mentionsWindowTokens(word.text, j.view)) {
      deny(j, 'read-window-token', `${j.inv.name} names Blast Shield's window tokens; they are not for agents.`, word.text.slice(0, 80));
      return;
    }
    const inline = inlineCodeOnlyReads(j.inv);
    const named = (inline?.onlyReads && inline.code === word.text) || moduleOnlyReads(j.inv) ? undefined : mentionIn(expandKnown(word.text, j.facts, j.view, j.cwd), j.view);
    if (named) {
      const what = effect.kind === 'code' ? 'program text' : 'an argument';
      deny(j, 'code-names-guard-file', `${j.inv.name} has ${what} naming ${named} and is not known to only read it; ${DENY_SUFFIX}.`, named);
      return;
    }
    if (effect.kind === 'code') {
      // A path the program text names that leads through a symbolic link to a protected place (codeLinkPaths.ts).
      const led = codeLinkFinding(word.text, `${j.inv.name}'s program text`, j.cwd, j.facts, j.view, !!inline?.onlyReads && inline.code === word.text);
      if (led) deny(j, led.rule.replace(/^self-protection\./, ''), led.reason, led.targets[0]?.name ?? '');
      return;
    }
  }
  for (const raw of pathTexts(word, effect)) {
    const text = expandKnown(raw, j.facts, j.view, j.cwd);
    if (text === '' || text === '-') continue;
    if (word.dynamic && STILL_DYNAMIC.test(text)) {
      if (effect.kind !== 'read' && effect.kind !== 'unknown' && effect.kind !== 'create') {
        if (computedPathMayBeProtected(text, word, j)) {
          deny(j, 'write-guard-file', `${j.inv.name} would change a path computed at run time from parts that name a protected file (${text.slice(0, 80)}); ${DENY_SUFFIX}.`, text.slice(0, 80));
        } else {
          const producer = runtimeTargetProducer(text, word, effect.kind !== 'write');
          if (producer) j.findings.push(unreadFinding('runtime-target', `${j.inv.name} would change a path computed at run time from ${producer}, which may name any file`, text.slice(0, 80), j.facts, j.view));
        }
      }
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) continue;
    // Judged where it is named and where it really leads (a symlink on the way: linkTargets.ts; a hard link: hardLinks.ts).
    for (const abs of reachedPaths(withoutProcAlias(resolvePath(j.cwd, text, j.facts.home), j.cwd), effect.kind, j.facts, followsLastLink(effect, text), j.view, j.cwd, j.findings)) {
      if (!((word.glob || word.dynamic) && /[*?[]/.test(text))) judgePath(abs, effect, j);
      else {
        for (const place of placesMatchingGlob(abs, j.view, j.cwd)) judgePath(place, effect, j);
        judgeGlobFolder(abs, effect, j);
      }
    }
  }
}

/**
 * A path computed at run time (`"$f"` after `f=$(printf '.%s/%s' cursor hooks.json)`, `$(echo .claude)/x`)
 * may be protected when its written tail, or any word of the substitutions that feed it, names a
 * protected place or file.
 */
function computedPathMayBeProtected(text: string, word: ArgWord, j: Judge): boolean {
  const tail = text.slice(Math.max(text.lastIndexOf(')'), text.lastIndexOf('}'), text.lastIndexOf('`')) + 1);
  if (PROTECTED_NAMES.test(tail)) return true;
  for (const source of [...(word.sources ?? []), ...substitutionBodies(text)]) {
    if (mentionIn(source, j.view)) return true;
    if (source.split(/[\s'"`()$;|&]+/).some((token) => token !== '' && PROTECTED_NAMES.test(token))) return true;
  }
  return false;
}


const GUARD_CLI = /^blast-shield(-hook)?(\.cmd|\.js|\.mjs)?$/i;
// `restore` changes no guard file: the guard-restore pack asks a human before one is brought back.
// `hook` is not here: only the agent hosts call the hook (round 20), an agent's call forges audit entries.
const SAFE_GUARD_SUBCOMMANDS: ReadonlySet<string> = new Set(['check', 'scan', 'status', 'audit', 'help', 'version', 'hide', 'restore', '--help', '-h', '--version', '-v', '-V']);
const RUNTIMES: ReadonlySet<string> = new Set(['node', 'nodejs', 'bun', 'deno', 'tsx', 'ts-node', 'electron']);
const EDITOR_CLIS: ReadonlySet<string> = new Set(['code', 'code-insiders', 'cursor', 'codium', 'vscodium', 'code-oss', 'code-server', 'windsurf', 'positron', 'trae', 'kiro']);

/** Where the guard CLI's own arguments start in this invocation, or -1 when it does not run the guard CLI. */
function guardCliArgs(inv: Invocation, j: Judge): number {
  if (GUARD_CLI.test(inv.name)) return 0;
  const args = inv.args;
  if (RUNTIMES.has(inv.name)) {
    const word = runtimeOperands(args)[0];
    const script = word ? args.indexOf(word) : -1;
    if (word && !word.dynamic) {
      const abs = resolvePath(j.cwd, word.text, j.facts.home);
      const named = GUARD_CLI.test(basename(word.text)) || /blast[-_]shield/i.test(word.text);
      const content = /^cli(-main)?\.m?js$/i.test(basename(word.text)) ? j.facts.readFile(abs) : undefined;
      if (named || (content !== undefined && /blast[-_]shield/i.test(content.slice(0, 20_000)))) return script + 1;
    }
  }
  // npx / pnpm dlx / npm exec / yarn dlx ... blast-shield[@version] <subcommand>: a package word, not an option reader.
  const marker = READ_ONLY_COMMANDS.has(inv.name) ? -1 : args.findIndex((a) => /(^|[/@])blast-shield(@[^/\s]*)?$/i.test(a.text) && !a.text.startsWith('-'));
  return marker >= 0 ? marker + 1 : -1;
}

/** Where the guard CLI's own arguments start in `inv` (`blast-shield …`, `node …/cli.js …`, `npx blast-shield …`), or -1. */
export function guardCliArgStart(inv: Invocation, facts: Facts, cwd: string): number {
  const view: PerimeterView = { home: facts.home, guardHomes: [], installed: [], startupFiles: [], aliases: [], workspaceRoots: [] };
  return guardCliArgs(inv, { inv, facts, view, cwd, findings: [] });
}

/** `"$(command -v blast-shield)" uninstall`: looking the guard's CLI up inside a substitution is how a computed command name runs it. */
const LOOKUPS: ReadonlySet<string> = new Set(['command', 'which', 'type', 'whereis', 'realpath', 'readlink']);

function judgeGuardCli(inv: Invocation, j: Judge): void {
  if (LOOKUPS.has(inv.name) && inv.via.some((v) => v === '$(...)' || v === '`...`') && inv.args.some((a) => GUARD_CLI.test(basename(a.text)))) {
    deny(j, 'guard-cli', `${inv.name} looks up Blast Shield's own CLI inside a substitution, where its output may run as a command; ${DENY_SUFFIX}.`, 'blast-shield');
  }
  const start = guardCliArgs(inv, j);
  if (start < 0) return;
  // The CLI reads its first word as the subcommand (src/cli/main.ts): no option comes before it.
  const sub = inv.args[start];
  if (!sub) return;
  // `policy explain` only prints the effective policy; any other `policy` word is a usage error today and may not be tomorrow.
  const after = freeFormReadings(inv.args.slice(start + 1)).usual.operands[0];
  const readsPolicy = sub.text === 'policy' && (after === undefined || (!after.dynamic && (after.text === 'explain' || after.text === 'help')));
  if (sub.dynamic || (!SAFE_GUARD_SUBCOMMANDS.has(sub.text) && !readsPolicy)) {
    const why = sub.text === 'hook' ? "only the agent hosts call the hook; an agent's call writes audit entries for commands no host asked about" : 'installing, uninstalling or unhiding the guard is for a human, not an agent';
    deny(j, 'guard-cli', `${inv.name} runs Blast Shield's own \`${sub.text}\`: ${why}; ${DENY_SUFFIX}.`, `blast-shield ${sub.text}`);
  }
}

function judgeUiAutomation(inv: Invocation, j: Judge): void {
  const text = UI_AUTOMATION.has(inv.name) || inv.name === 'osascript' || inv.name === 'powershell' || inv.name === 'pwsh' ? inv.args.map((a) => a.text).join(' ') : '';
  const scripted = inv.name === 'osascript' && /system events|keystroke|key code|click/i.test(text);
  const sendKeys = (inv.name === 'powershell' || inv.name === 'pwsh') && /sendkeys|sendwait/i.test(text);
  if (UI_AUTOMATION.has(inv.name) || scripted || sendKeys) {
    deny(j, 'ui-automation', `${inv.name} sends keystrokes or clicks to windows; Blast Shield's dialog is answered by a human at the keyboard, and ${DENY_SUFFIX}.`, inv.name);
  }
  const method = dbusTyping(inv);
  if (method) deny(j, 'ui-automation', `${inv.name} calls ${method} over D-Bus, which types into a terminal or the desktop; Blast Shield's dialog is answered by a human at the keyboard, and ${DENY_SUFFIX}.`, inv.name);
  const answer = TYPING_TERMINALS.has(inv.name) ? typedPromptAnswer(inv) : undefined;
  if (answer) deny(j, 'typed-answer', `${inv.name} types "${answer}" into a terminal, where an agent host may be asking the human; a question is answered by a human at the keyboard, and ${DENY_SUFFIX}.`, inv.name);
  const driven = drivesDesktop(inv); if (driven) deny(j, 'desktop-control', `${driven.what}; ${DENY_SUFFIX}.`, driven.target);
}

/** Editor CLIs' extension options, read by the grammar with no description: a value glued or in the next word. */
function judgeEditorCli(inv: Invocation, j: Judge): void {
  if (!EDITOR_CLIS.has(inv.name)) return;
  for (const o of freeFormReadings(inv.args).valued.options) {
    const value = o.values[0] ?? '';
    const ours = /blast[-_]shield/i.test(value);
    const option = o.name;
    if (option === '--disable-extensions' || ((option === '--uninstall-extension' || option === '--disable-extension') && (ours || value === '' || o.valueWords[0]?.dynamic)) || (option === '--install-extension' && ours)) {
      deny(j, 'editor-extension', `${inv.name} ${option} would switch the Blast Shield extension off or replace it; ${DENY_SUFFIX}.`, `${inv.name} ${option}`);
      return;
    }
  }
}

const WRITE_REDIRECTS = new Set(['>', '>>', '>|', '<>', '&>', '&>>']);

function redirectEffects(inv: Invocation): PathEffect[] {
  const out: PathEffect[] = [];
  for (const r of inv.redirects) {
    const printed = r.op === '>>' && (r.fd === undefined || r.fd === 1) ? printedText(inv) : undefined;
    if (WRITE_REDIRECTS.has(r.op)) out.push({ kind: 'write', word: r.target, ...(printed !== undefined ? { appended: printed } : {}) });
    else if ((r.op === '>&' || r.op === '<&') && !/^(\d+|-)$/.test(r.target.text)) out.push({ kind: 'write', word: r.target });
    else if (r.op === '<') out.push({ kind: 'read', word: r.target });
  }
  return out;
}

/** `find … | xargs rm`: the writer's arguments are the producer's output, so the producer's paths are what it changes. */
function fedEffects(inv: Invocation): readonly PathEffect[] {
  if (READ_ONLY_COMMANDS.has(inv.name) || !inv.via.includes('xargs') || inv.stdin?.kind !== 'pipe') return [];
  const producer = inv.stdin.from;
  const fromGit = gitFedEffects(inv, producer);
  if (fromGit.length > 0) return fromGit;
  const fromFind = producer.name === 'find' ? effectsOf({ ...producer, args: [...producer.args, { text: '-delete', raw: '-delete', dynamic: false, glob: false }] }) : [];
  if (fromFind.length > 0) return fromFind;
  return freeFormReadings(producer.args).usual.operands.map((word) => ({ kind: 'delete' as const, word, recursive: true }));
}

/** `X=.claude python3 -c "…os.environ['X']…"`: values handed to a command that is not known to only read are words it may use as paths. */
function assignmentEffects(inv: Invocation): PathEffect[] {
  if (READ_ONLY_COMMANDS.has(inv.name)) return [];
  return Object.entries(inv.assignments).filter(([name, value]) => !((name === 'BASH_ENV' || name === 'ENV') && inv.assignments.HOME === undefined && ownStartupFile(value))).map(([name, value]) => ({ kind: 'unknown' as const, word: { text: `${name}=${value}`, raw: `${name}=${value}`, dynamic: /\$|`/.test(value), glob: false } }));
}

/** Variables that change how a runtime or shell loads code, in the environment of processes started later. */
const CODE_LOADING_VARIABLES = /^(NODE_OPTIONS|NODE_PATH|LD_PRELOAD|LD_LIBRARY_PATH|LD_AUDIT|DYLD_[A-Z_]+|BASH_ENV|ENV|ZDOTDIR|ELECTRON_RUN_AS_NODE|PYTHONSTARTUP|PERL5OPT|RUBYOPT|BLAST_SHIELD_HOME)(=|$)/;

/**
 * `systemctl --user set-environment`, `launchctl setenv`, `dbus-update-activation-environment`: they
 * set variables for every process the session starts later, the editor and so the hook among them.
 */
function judgeEnvironmentSetters(inv: Invocation, j: Judge): void {
  const words = inv.args.map((a) => a.text);
  const setter =
    (inv.name === 'systemctl' && words.some((w) => w === 'set-environment' || w === 'import-environment')) ||
    (inv.name === 'launchctl' && words.some((w) => w === 'setenv' || w === 'config')) ||
    inv.name === 'dbus-update-activation-environment';
  if (!setter) return;
  const variable = words.find((w) => CODE_LOADING_VARIABLES.test(w)) ?? (words.includes('import-environment') || inv.name === 'dbus-update-activation-environment' ? words.find((w) => /^--all$/.test(w)) : undefined);
  if (variable) deny(j, 'write-guard-file', `${inv.name} would set ${variable.split('=')[0]} for every program the session starts later, the hook among them; ${DENY_SUFFIX}.`, variable.split('=')[0]!);
}

/** Work units judging one word's effect costs, on top of what the engine charges per word. */
const UNITS_PER_EFFECT = 3_000;
/** A read or a new path is weighed against the window tokens and the protected names, never looked below (`ls f1 … f800`, `mkdir -p …`). */
const UNITS_PER_NAMING_EFFECT = 500;
/** And looking below a folder it deletes, moves or rewrites for protected places. */
const UNITS_PER_LOOK_BELOW = 10_000;

/** What makes an effect without extra detail (no names, sources, appended text or git scope) the same as another. */
function plainEffectKey(effect: PathEffect): string | undefined {
  if (effect.names || effect.into || effect.from || effect.appended !== undefined || effect.gitScope) return undefined;
  const w = effect.word;
  return `${effect.kind}\0${effect.recursive === true}\0${w.dynamic}\0${w.glob}\0${w.text}\0${w.raw}\0${(w.sources ?? []).join('\0')}`;
}

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.remote) return [];
  const facts = ctx.facts;
  const view = perimeterView(facts);
  const cwd = inv.cwd || facts.cwd;
  const j: Judge = { inv, facts, view, cwd, findings: [], ...(ctx.work ? { work: ctx.work } : {}) };
  judgeGuardCli(inv, j);
  judgeEditorCli(inv, j);
  judgeUiAutomation(inv, j);
  judgeOtherInterpreter(inv, j);
  judgeArgumentFiles(inv, j);
  for (const f of wholeInvocationFindings(inv, facts, view, cwd)) if (f.severity === 'ask') j.findings.push(f); else deny(j, f.rule.replace(/^self-protection\./, ''), f.reason, f.targets[0]?.name ?? '');
  if (!j.findings.some((f) => f.rule === 'self-protection.nested-agent')) j.findings.push(...agentAndPackageFindings(inv, facts, view, cwd));
  const described = READ_ONLY_COMMANDS.has(inv.name) || EFFECT_RULES[inv.name] !== undefined;
  const effects = sparseCheckoutEffects([...archiveEffects(patchEffects(effectsOf(inv), inv, j), inv, facts, cwd), ...redirectEffects(inv), ...fedEffects(inv), ...(inv.wrapperWords ?? []).map((word) => ({ kind: 'unknown' as const, word })), ...sandboxMounts(inv), ...assignmentEffects(inv)], facts, cwd);
  judgeEnvironmentSetters(inv, j);
  j.findings.push(...judgeModuleLoading(inv, ctx, view));
  const judged = new Set<string>();
  for (const effect of effects) {
    // The same word with the same effect (`rm f f f …`) is judged once.
    const key = plainEffectKey(effect);
    if (key !== undefined) {
      if (judged.has(key)) continue;
      judged.add(key);
    }
    // Each word judged as a path resolves, expands and matches it against every protected place; an
    // analysis that cannot pay for it stops here, and the spent budget makes the decision ask.
    if (ctx.work && !ctx.work.spend(effect.kind === 'read' || effect.kind === 'create' ? UNITS_PER_NAMING_EFFECT : UNITS_PER_EFFECT)) break;
    judgeEffect(effect, j);
  }
  if (j.findings.length === 0) j.findings.push(...guardHomeWordFindings(inv, facts, view, cwd));
  // A command nobody described, run inside a protected folder, may change what is there by relative names.
  if (!described) {
    const here = normalize(cwd);
    const inside = dedicatedFolder(here, view) ?? protectionOf(here, view)?.label;
    if (inside) deny(j, 'write-guard-file', `${inv.name} runs inside ${inside} and is not known to only read there; ${DENY_SUFFIX}.`, display(here, j));
  }
  return j.findings;
}

const CODE_LANGUAGES: ReadonlySet<CodeSnippet['language']> = new Set(['python', 'javascript', 'perl', 'ruby', 'php', 'sql']);

function checkSnippet(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  // Round 24: compiled or build code (a Go test, build.rs, CMakeLists.txt, Gradle, MSBuild) is read only for the places it names, as inline code is.
  const compiledNamed = snippet.language === 'compiled' && !snippet.runner.remote ? mentionIn(snippet.text, perimeterView(ctx.facts)) : undefined;
  if (compiledNamed) return [finding('code-names-guard-file', `The code run by ${snippet.runner.name} names ${compiledNamed}; code that is not known to only read it may not reach it (${DENY_SUFFIX}).`, compiledNamed)];
  // Round 25: a Go program run from its file that walks a folder holding protected places and writes what it finds (scriptListings.ts).
  if (snippet.language === 'compiled' && !snippet.runner.remote) return scriptListingWrites(snippet, ctx.facts, perimeterView(ctx.facts));
  if (!CODE_LANGUAGES.has(snippet.language) || snippet.runner.remote) return [];
  const view = perimeterView(ctx.facts);
  const injects = codeInjectsInput(snippet.text);
  if (injects) return [finding('ui-automation', `The ${snippet.language} code run by ${snippet.runner.name} sends keystrokes or clicks (${injects}); Blast Shield's dialog and the agent's own prompts are answered by a human at the keyboard, and ${DENY_SUFFIX}.`, injects)];
  if (mentionsWindowTokens(snippet.text, view)) {
    return [finding('read-window-token', `The ${snippet.language} code run by ${snippet.runner.name} names Blast Shield's window tokens; they are not for agents.`, 'ipc')];
  }
  const inline = snippet.origin.kind === 'command' ? inlineCodeOnlyReads(snippet.runner) : undefined;
  const named = inline?.onlyReads && inline.code === snippet.text ? undefined : mentionIn(snippet.text, view);
  if (named) return [finding('code-names-guard-file', `The ${snippet.language} code run by ${snippet.runner.name} names ${named}; code that is not known to only read it may not reach it (${DENY_SUFFIX}).`, named)];
  if (snippet.language === 'sql') return [];
  const led = codeLinkFinding(snippet.text, `The ${snippet.language} code run by ${snippet.runner.name}`, snippet.runner.cwd || ctx.facts.cwd, ctx.facts, view, !!inline?.onlyReads && inline.code === snippet.text);
  if (led) return [led];
  const selected = snippet.origin.kind === 'command' ? judgeRuntimeSelection(snippet, ctx.facts, view) : scriptListingWrites(snippet, ctx.facts, view);
  return [...selected, ...judgeRuntimeCode(snippet.text, `The ${snippet.language} code run by ${snippet.runner.name}`, ctx.facts, view, snippet.language), ...judgeCodeLoads(snippet.text, snippet.runner, ctx, view)];
}

/** Code decoded or looked up at run time (runtimeCode.ts): what it decodes is searched, and code that cannot be read is not allowed silently. */
function judgeRuntimeCode(code: string, who: string, facts: Facts, view: PerimeterView, language?: string): Finding[] {
  const decoded = decodedLiterals(code, language);
  const named = decoded ? mentionIn(decoded, view) : undefined;
  if (named) return [finding('code-names-guard-file', `${who} decodes or builds text naming ${named} at run time; ${DENY_SUFFIX}.`, named)];
  const why = unreadableCode(code);
  return why ? [unreadFinding('unreadable-code', `${who} cannot be read before it runs: ${why}`, who.slice(0, 80), facts, view)] : [];
}

/** `parallel CMD :::: FILE`, `parallel -a FILE CMD`: the command's arguments are the lines of a file the hook does not read. */
function judgeArgumentFiles(inv: Invocation, j: Judge): void {
  // `xargs rm < list`, `xargs -a list rm`, `cat list | xargs truncate -s0`: a writer's paths are a file's lines.
  const feeder = inv.via.includes('xargs') ? 'xargs' : inv.via.includes('parallel') ? 'parallel' : undefined; // parallel fed by stdin, `::::` or `-a` appends as xargs does
  if (feeder && EFFECT_RULES[inv.name] && !READ_ONLY_COMMANDS.has(inv.name) && !takesNoPaths(inv)) {
    const producer = inv.stdin?.kind === 'pipe' ? inv.stdin.from : undefined;
    const described = producer && (producer.name === 'find' || producer.name === 'git' || producer.name === 'echo' || producer.name === 'printf' || producer.name === 'fd' || producer.name === 'ls');
    const argFile = (inv.wrapperWords ?? []).some((w) => w.text === '-a' || w.text.startsWith('--arg-file') || /^-a./.test(w.text));
    const searched = producer && !argFile ? searchedFoldersFeeding(producer) : undefined;
    if (searched) return searched.forEach((word) => judgePath(resolvePath(producer!.cwd || j.facts.cwd, word.text, j.facts.home), { kind: 'write', word, recursive: true }, j));
    if (!described && (inv.stdin?.kind === 'file' || producer || argFile)) {
      const from = inv.stdin?.kind === 'file' ? inv.stdin.path : producer ? `the output of ${producer.name}` : `an argument file (${feeder} -a)`;
      j.findings.push(unreadFinding('runtime-target', `${inv.name} (through ${feeder}) changes paths read at run time from ${from}, which may name any file`, `${feeder} ${inv.name}`, j.facts, j.view));
      return;
    }
  }
  if (inv.name !== 'parallel') return;
  // GNU parallel is read with no description: an unknown option may take the next word, so both readings' commands count.
  const { usual, valued } = freeFormReadings(inv.args);
  const argFile = valued.options.find((o) => o.name === '-a' || o.name === '--arg-file');
  const quads = valued.operands.findIndex((w) => w.text === '::::');
  if (!argFile && quads < 0) return;
  const source = argFile ? argFile.values[0] : valued.operands[quads + 1]?.text;
  const commandOf = (p: typeof usual): string | undefined => p.operands.find((w) => w.text !== '::::' && w.text !== ':::')?.text;
  const command = [commandOf(usual), commandOf(valued)].find((c) => c !== undefined && !READ_ONLY_COMMANDS.has(basename(c)));
  if (!command) return;
  j.findings.push(unreadFinding('runtime-target', `parallel runs ${command} on paths read at run time from ${source ?? 'a file'}, which may name any file`, `parallel ${command}`, j.facts, j.view));
}

function judgeOtherInterpreter(inv: Invocation, j: Judge): void {
  if (!OTHER_INTERPRETERS.has(inv.name)) return;
  const code = interpreterText(inv);
  if (mentionsWindowTokens(code, j.view)) {
    deny(j, 'read-window-token', `${inv.name} runs code naming Blast Shield's window tokens; they are not for agents.`, 'ipc');
    return;
  }
  const named = mentionIn(code, j.view);
  if (named) {
    deny(j, 'code-names-guard-file', `${inv.name} runs code naming ${named} and is not known to only read it; ${DENY_SUFFIX}.`, named);
    return;
  }
  j.findings.push(...judgeRuntimeCode(code, `The code run by ${inv.name}`, j.facts, j.view, inv.name));
}

export const perimeterPack: RulePack = {
  id: 'self-protection',
  title: "Blast Shield's perimeter",
  guardsPerimeter: true,
  checkInvocation,
  checkSnippet,
  checkAnalysis: (analysis, ctx) => [...gitLineFindings(analysis, ctx), ...plantedCodeFindings(analysis, ctx), ...guardProcessFindings(analysis), ...guardFileSearchFindings(analysis, ctx), ...untrustedSourceFindings(analysis, ctx.facts), ...unresolvedPathFindings(analysis, ctx), ...agentLaunchFindings(analysis)],
};

