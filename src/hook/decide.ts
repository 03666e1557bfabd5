import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import type { DecidedBy } from '../core/audit/entry';
import type { Facts, Verdict } from '../core/policy/types';
import { composeVerdict } from '../core/policy/verdict';
import { applyExtraRules } from '../core/settings/extraRules';
import type { ExtraRule } from '../core/settings/types';
import { codeLoadingSettingIn, guardFileOf, isGuardedContent, type GuardLocations } from '../core/rules/selfProtection';
import type { ContentSearch, HookAction, ParsedHookInput } from '../node/hosts/action';
import { readRegularFileSync } from '../node/safeOpen';
import { commandIn, fetchCredentialFinding, mcpFindings, mcpLooksDestructive, stringsIn } from '../node/confirm/toolFindings';
import { mcpMayDestroy } from '../core/rules/mcp';
import { gatherPerimeterFacts } from '../node/perimeterFacts';
import type { HookEngine } from './engine';
import { writeAsShell } from './writeAsShell';

/**
 * The local decision: everything the hook can settle without a human. Reads and writes are settled
 * here in milliseconds and never prompt; shell commands and MCP calls may come out as "ask", which
 * only the editor's dialog can turn into allow.
 */

export interface LocalDecision {
  outcome: 'allow' | 'deny' | 'ask';
  decidedBy: DecidedBy;
  reasons: string[];
  /** Set for shell and MCP decisions (the dialog shows it). */
  verdict?: Verdict;
  /** A read or search denied by the credential check (message wording differs). */
  credentialRead?: boolean;
  /** In a batch, the one part that asks: the dialog shows it. */
  asked?: HookAction;
}

export interface DecideContext {
  engine: HookEngine;
  /** The user's home folder. */
  home: string;
  guardHome: string;
  env: Readonly<Record<string, string | undefined>>;
  lockdown: boolean;
  /** Extra protected paths from settings (globs, workspace-relative or absolute). */
  protectedPaths: readonly string[];
  /** A team's own command rules from policy files (only add asks and denies). */
  extraRules?: readonly ExtraRule[];
}

const MAX_GUARD_FILE_READ = 1024 * 1024;

function readSmallFile(p: string): string | undefined {
  return readRegularFileSync(p, MAX_GUARD_FILE_READ)?.toString('utf8');
}

function allow(decidedBy: DecidedBy = 'policy', reasons: string[] = []): LocalDecision {
  return { outcome: 'allow', decidedBy, reasons };
}

function matchesProtected(abs: string, input: ParsedHookInput, protectedPaths: readonly string[]): string | undefined {
  for (const pattern of protectedPaths) {
    if (path.isAbsolute(pattern)) {
      if (minimatch(abs, pattern, { dot: true }) || abs === pattern || abs.startsWith(pattern.replace(/\/+$/, '') + '/')) return pattern;
      continue;
    }
    for (const root of input.workspaceRoots) {
      const rel = path.relative(root, abs);
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      if (minimatch(rel, pattern, { dot: true, matchBase: !pattern.includes('/') })) return pattern;
    }
  }
  return undefined;
}

function locations(input: ParsedHookInput, ctx: DecideContext): GuardLocations {
  const perimeter = gatherPerimeterFacts({ guardHome: ctx.guardHome, home: ctx.home, workspaceRoots: input.workspaceRoots, env: ctx.env });
  return { home: ctx.home, guardHome: ctx.guardHome, workspaceRoots: input.workspaceRoots, perimeter };
}

/**
 * The path as the disk resolves it: the real path of its deepest existing folder plus the rest, so a
 * write through a symlink made earlier (`/tmp/x` -> `~/.claude`) is judged where it lands.
 */
function landingPath(p: string): string {
  let head = p;
  const tail: string[] = [];
  for (let i = 0; i < 64; i++) {
    try {
      return path.join(fs.realpathSync(head), ...tail.reverse());
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return p;
      tail.push(path.basename(head));
      head = parent;
    }
  }
  return p;
}

async function decideWrite(action: Extract<HookAction, { kind: 'write' }>, input: ParsedHookInput, ctx: DecideContext): Promise<LocalDecision> {
  if (action.paths.length === 0) return allow('policy', ['The edit names no file.']);
  const where = locations(input, ctx);
  for (const p of action.paths) {
    for (const candidate of new Set([p, landingPath(p)])) {
      const file = guardFileOf(candidate, where);
      if (file && isGuardedContent(file, readSmallFile(candidate), action.newText)) {
        return { outcome: 'deny', decidedBy: 'self-protection', reasons: [`Agents may not modify ${file.label}.`] };
      }
    }
    if (ctx.engine.isCredentialPath(p, ctx.home)) {
      return { outcome: 'deny', decidedBy: 'self-protection', reasons: [`${path.basename(p)} is a credential file; agents may not write it.`] };
    }
    const extra = matchesProtected(p, input, ctx.protectedPaths);
    if (extra) return { outcome: 'deny', decidedBy: 'self-protection', reasons: [`${path.basename(p)} is a protected path (${extra}).`] };
  }
  const loading = action.newText !== undefined ? codeLoadingSettingIn(action.newText) : undefined;
  if (loading) return { outcome: 'deny', decidedBy: 'self-protection', reasons: [`Agents may not write a ${loading} setting that loads code into the next program.`] };
  // Text that runs later (a CI workflow, a hook, a test file) is judged as the shell's write of it; writes never prompt.
  if (action.newText !== undefined) {
    for (const p of action.paths) {
      for (const line of writeAsShell(p, action.newText, { readFile: readSmallFile, workspaceRoots: input.workspaceRoots, cwd: action.cwd })) {
        const verdict = ctx.engine.classify(line, await factsFor(action.cwd, input, ctx), { lockdown: ctx.lockdown });
        if (verdict.decision !== 'allow') return { ...fromVerdict(verdict), outcome: 'deny' };
      }
    }
  }
  return allow();
}

/** A read or a listing of the window-token folder (through a symlinked guard home too), denied. */
function windowTokenRead(p: string, ctx: DecideContext): LocalDecision | undefined {
  const ipcDirs = [path.join(ctx.guardHome, 'ipc'), path.join(landingPath(ctx.guardHome), 'ipc')].map((d) => d.toLowerCase());
  const read = [p, landingPath(p)].map((x) => x.toLowerCase());
  if (read.some((x) => ipcDirs.some((ipcDir) => x === ipcDir || x.startsWith(ipcDir + path.sep)))) {
    return { outcome: 'deny', decidedBy: 'read-check', reasons: ["This folder holds the editor windows' private tokens; agents may not read it."], credentialRead: true };
  }
  return undefined;
}

function decideRead(action: Extract<HookAction, { kind: 'read' }>, input: ParsedHookInput, ctx: DecideContext): LocalDecision {
  const tokens = windowTokenRead(action.path, ctx);
  if (tokens) return tokens;
  const extra = matchesProtected(action.path, input, ctx.protectedPaths);
  if (extra) return { outcome: 'deny', decidedBy: 'read-check', reasons: [`${path.basename(action.path)} is a protected path (${extra}).`], credentialRead: true };
  const result = ctx.engine.checkAgentRead(action.path, { cwd: action.cwd, workspaceRoots: input.workspaceRoots, home: ctx.home, content: action.content });
  if (result.deny) return { outcome: 'deny', decidedBy: 'read-check', reasons: [result.reason], credentialRead: true };
  return allow('read-check');
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The ripgrep command line that reads the same files as a content-search tool, so the credentials
 * pack judges it exactly as it judges `rg` typed in a shell (recursion, dotfiles, .gitignore, globs).
 * Globs with a folder part are dropped: the pack matches names only, and a dropped filter can only
 * widen the search (more files judged), never narrow it.
 */
export function equivalentRipgrep(path_: string, content: ContentSearch, pattern?: string): string {
  const words = ['rg'];
  if (content.hidden) words.push('--hidden');
  if (content.ignored) words.push('--no-ignore');
  const globs = content.globs.map((g) => g.replace(/^(\*\*\/)+/, ''));
  if (globs.length > 0 && globs.every((g) => g !== '' && !g.includes('/'))) for (const g of globs) words.push('--glob', shellQuote(g));
  // The tool's own pattern, case-insensitive (a tool may be told to ignore case): what it could print
  // decides. With none known, an empty pattern, which matches every line.
  const patterns = (pattern ?? '').split('\n').filter((p, _i, all) => p !== '' || all.length === 1);
  if (pattern !== undefined) words.push('-i');
  for (const p of patterns) words.push('-e', shellQuote(p));
  words.push('--', shellQuote(path_));
  return words.join(' ');
}

/**
 * ripgrep never filters the folder it is told to search, only what lies below it: a search rooted in
 * a dot-folder or a gitignored folder reads the files there. The credentials pack judges dotfiles and
 * ignored files by their whole workspace-relative path, so for such a root they are counted as read.
 */
function widenForExplicitRoot(searchPath: string, content: ContentSearch, workspaceRoots: readonly string[]): ContentSearch {
  let { hidden, ignored } = content;
  for (const root of workspaceRoots) {
    const rel = path.relative(root, searchPath);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const segments = rel.split(path.sep);
    if (segments.some((seg) => seg.startsWith('.'))) hidden = true;
    const ignoreText = readSmallFile(path.join(root, '.gitignore'));
    if (ignoreText === undefined) continue;
    for (const line of ignoreText.split(/\r?\n/).map((l) => l.trim())) {
      if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
      const pattern = line.replace(/\/$/, '').replace(/^\//, '');
      const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
      if (pattern.includes('/') ? prefixes.some((p) => minimatch(p, pattern, { dot: true })) : segments.some((seg) => minimatch(seg, pattern, { dot: true }))) ignored = true;
    }
  }
  return { ...content, hidden, ignored };
}

async function decideSearch(action: Extract<HookAction, { kind: 'search' }>, input: ParsedHookInput, ctx: DecideContext): Promise<LocalDecision> {
  // Listing or searching the window-token folder is reading it (the shell's `ls ~/.blast-shield/ipc` is denied too).
  const tokens = windowTokenRead(action.path, ctx);
  if (tokens) return tokens;
  if (ctx.engine.isCredentialPath(action.path, ctx.home)) {
    return { outcome: 'deny', decidedBy: 'read-check', reasons: [`${path.basename(action.path)} is a credential file.`], credentialRead: true };
  }
  if (!action.content) return allow('read-check');
  // Reads never prompt: whatever the shell equivalent would not simply allow is denied.
  const content = widenForExplicitRoot(action.path, action.content, input.workspaceRoots);
  const verdict = ctx.engine.classify(equivalentRipgrep(action.path, content, content.pattern), await factsFor(action.cwd, input, ctx), { lockdown: false });
  if (verdict.decision === 'allow') return allow('read-check');
  const tool = input.tool ?? 'the search';
  const reasons = verdict.reasons.length > 0 ? verdict.reasons.map((r) => r.replace(/^rg \(recursive\)/, `${tool} (recursive)`)) : [`The search under ${action.path} would read files Blast Shield protects.`];
  return { outcome: 'deny', decidedBy: 'read-check', reasons, credentialRead: true };
}

async function factsFor(cwd: string, input: ParsedHookInput, ctx: DecideContext): Promise<Facts> {
  const facts = await ctx.engine.gatherFacts({ cwd, workspaceRoots: input.workspaceRoots, home: ctx.home, env: ctx.env, strictScripts: ctx.lockdown });
  // Set, not spread: the facts object computes some fields lazily through getters.
  facts.guardHome = ctx.guardHome;
  return facts;
}

function fromVerdict(verdict: Verdict): LocalDecision {
  const decidedBy: DecidedBy = verdict.risks.includes('self-protection') ? 'self-protection' : 'policy';
  return { outcome: verdict.decision, decidedBy, reasons: verdict.reasons, verdict };
}

/**
 * MCP calls: a tool input that carries a shell command is classified as one; a tool whose name (or
 * GraphQL body) deletes, destroys or resets something asks, with its target's environment unknown and
 * therefore production; reads of credential files through filesystem servers are denied.
 */
async function decideMcp(action: Extract<HookAction, { kind: 'mcp' }>, input: ParsedHookInput, ctx: DecideContext): Promise<LocalDecision> {
  const strings = stringsIn(action.input);
  const command = commandIn(strings);
  if (command !== undefined) {
    const verdict = ctx.engine.classify(command, await factsFor(action.cwd, input, ctx), { lockdown: ctx.lockdown });
    if (verdict.decision !== 'allow') return fromVerdict(verdict);
  }
  const pathArg = strings.find((s) => ['path', 'file_path', 'filePath', 'file', 'filename'].includes(s.key));
  if (pathArg && /read|get|view|open|cat|download/i.test(action.tool)) {
    const abs = path.resolve(action.cwd, pathArg.value);
    const read = decideRead({ kind: 'read', path: abs, cwd: action.cwd }, input, ctx);
    if (read.outcome === 'deny') return read;
  }
  if (pathArg && /write|edit|create|move|rename|delete|remove|patch/i.test(action.tool)) {
    const abs = path.resolve(action.cwd, pathArg.value);
    const write = await decideWrite({ kind: 'write', paths: [abs], cwd: action.cwd }, input, ctx);
    if (write.outcome === 'deny') return write;
  }
  if (!mcpLooksDestructive(action.tool, strings) && !mcpMayDestroy(action.tool, strings.map((s) => s.value))) return allow();
  const facts = await factsFor(action.cwd, input, ctx);
  const findings = mcpFindings(action.server, action.tool, action.input, strings, facts);
  return findings.length > 0 ? fromVerdict(composeVerdict(findings, { lockdown: ctx.lockdown })) : allow();
}

function decideFetch(action: Extract<HookAction, { kind: 'fetch' }>, ctx: DecideContext): LocalDecision {
  const finding = fetchCredentialFinding(action.url);
  return finding ? fromVerdict(composeVerdict([finding], { lockdown: ctx.lockdown })) : allow();
}

/**
 * Several actions in one call go ahead only when every part may: the first part denied denies them; one
 * part asking is the call's question (the dialog shows that part). Two parts asking cannot both be
 * confirmed by one answer, so the call is denied and the agent is told to send them one at a time.
 */
async function decideAll(action: Extract<HookAction, { kind: 'all' }>, input: ParsedHookInput, ctx: DecideContext): Promise<LocalDecision> {
  if (action.actions.length === 0) return allow('policy', ['The call names no action.']);
  const asking: LocalDecision[] = [];
  const reasons: string[] = [];
  for (const part of action.actions) {
    const decided = await decideLocally({ ...input, action: part }, ctx);
    if (decided.outcome === 'deny') return decided;
    if (decided.outcome === 'ask') asking.push({ ...decided, asked: decided.asked ?? part });
    reasons.push(...decided.reasons);
  }
  if (asking.length > 1) {
    return { outcome: 'deny', decidedBy: 'policy', reasons: [`${asking.length} of the ${action.actions.length} actions sent together need a human's confirmation, and one answer cannot confirm them all; send them one at a time.`] };
  }
  return asking[0] ?? allow(action.actions.some((a) => a.kind === 'read' || a.kind === 'search') ? 'read-check' : 'policy', reasons);
}

export async function decideLocally(input: ParsedHookInput, ctx: DecideContext): Promise<LocalDecision> {
  const action = input.action;
  switch (action.kind) {
    case 'all':
      return decideAll(action, input, ctx);
    case 'shell': {
      const facts = await factsFor(action.cwd, input, ctx);
      const verdict = ctx.engine.classify(action.command, facts, { lockdown: ctx.lockdown });
      if (!ctx.extraRules || ctx.extraRules.length === 0) return fromVerdict(verdict);
      return fromVerdict(applyExtraRules(verdict, [action.command, ...(ctx.engine.commandTexts?.(action.command, facts) ?? [])], ctx.extraRules, ctx.lockdown));
    }
    case 'mcp':
      return decideMcp(action, input, ctx);
    case 'read':
      return decideRead(action, input, ctx);
    case 'search':
      return decideSearch(action, input, ctx);
    case 'write':
      return decideWrite(action, input, ctx);
    case 'fetch':
      return decideFetch(action, ctx);
    case 'edited':
      return allow('observed');
    case 'other':
      return allow('policy', [`${action.tool} carries no command, script, path or URL Blast Shield judges.`]);
    case 'unreadable':
      return { outcome: 'deny', decidedBy: 'failure', reasons: [`The ${action.tool} call cannot be checked: ${action.reason}.`] };
  }
}
