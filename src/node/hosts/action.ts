import * as path from 'node:path';
import type { HostId } from '../../core/protocol/ipc';

/**
 * What every host adapter produces from its stdin JSON: one normalised action, so the hook decides
 * the same way whichever host asked. Paths are absolute (resolved against the payload's cwd or
 * workspace), never against the hook process's own cwd, which hosts set arbitrarily.
 */
export type HookAction =
  | { kind: 'shell'; command: string; cwd: string }
  | { kind: 'mcp'; server: string; tool: string; input: unknown; cwd: string }
  | { kind: 'read'; path: string; cwd: string; content?: string }
  | { kind: 'search'; path: string; pattern: string; cwd: string; content?: ContentSearch }
  | { kind: 'write'; paths: string[]; cwd: string; newText?: string }
  | { kind: 'fetch'; url: string; cwd: string }
  /** After the fact (Cursor afterFileEdit): recorded, never blocked. */
  | { kind: 'edited'; path: string; cwd: string }
  /**
   * One tool call that does several things at once (Cline's read_files of many paths, Gemini's
   * read_many_files, the VS Code Agent Host's toolCalls[]; an unknown tool whose file path may be read
   * or written): each part is judged and the call goes ahead only when every part may. One part may
   * ask (the dialog shows that part); two cannot be confirmed by one answer and are refused.
   */
  | { kind: 'all'; actions: HookAction[]; cwd: string }
  | { kind: 'other'; tool: string; cwd: string }
  /** A tool the hook checks whose input cannot be read (a command that is missing, a number, an array, null): denied. */
  | { kind: 'unreadable'; tool: string; reason: string; cwd: string };

/**
 * A search tool that reads file contents (Grep, grep_search, search_files), with the file filters
 * that decide which files it reads. Absent on searches of names only (Glob, file_search, list_dir).
 */
export interface ContentSearch {
  /** Name globs limiting the files read (ripgrep's --glob); empty for every file. */
  globs: string[];
  /** Reads dotfiles and files in dot-folders too. */
  hidden: boolean;
  /** Reads gitignored files too. */
  ignored: boolean;
  /**
   * The regular expression the tool prints matching lines of, when it searches by one (Grep,
   * grep_search, search_files); omitted when it reads whole files or searches by meaning.
   */
  pattern?: string;
}

export interface ParsedHookInput {
  host: HostId;
  /** The host's event name as it arrived: beforeShellExecution, PreToolUse, preToolUse ... */
  event: string;
  /** The tool name as the host spelled it, for messages and the audit log. */
  tool?: string;
  action: HookAction;
  workspaceRoots: string[];
  /** Model or agent name when the host says. */
  agent?: string;
}

export type ParseResult = { ok: true; input: ParsedHookInput } | { ok: false; reason: string; event?: string };

/** The hook's final answer for one action. "ask" never reaches a host: the dialog turns it into one of these. */
export interface HookDecision {
  decision: 'allow' | 'deny';
  /** What the human sees in the host's UI. */
  userMessage: string;
  /** What the model reads. */
  agentMessage: string;
  /** What the human should do next (failures); hosts with one message channel append it. */
  help?: string;
}

/** The text for hosts with a single message channel. */
export function singleMessage(d: HookDecision): string {
  return [d.agentMessage || d.userMessage, d.help ?? ''].filter(Boolean).join(' ');
}

export interface HostReply {
  stdout: string;
  exitCode: number;
  /** Written to stderr (Claude Code shows it as the reason when the exit code is 2). */
  stderr?: string;
}

export interface HostAdapter {
  host: HostId;
  /** Payload JSON (already parsed) and the hook process environment -> a normalised action. */
  parse(payload: unknown, env: Readonly<Record<string, string | undefined>>): ParseResult;
  /** A definite decision for a parsed event -> exactly the host's expected output. */
  respond(decision: HookDecision, event: string | undefined): HostReply;
  /** A deny produced by a failure (no editor, crash, bad input ...), in the host's own format. */
  failClosed(decision: HookDecision, event: string | undefined): HostReply;
  /** The host reads only the exit code (0 runs, 2 blocks), so an allow is an empty answer on exit 0. */
  exitCodeOnly?: true;
}

// ---------------------------------------------------------------------------------------------
// Helpers the adapters share for picking fields out of loosely typed tool inputs.

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first string field among `keys`. */
export function pickString(obj: unknown, ...keys: string[]): string | undefined {
  if (!isObject(obj)) return undefined;
  for (const k of keys) {
    const v = obj[k];
    if (typeof v === 'string') return v;
  }
  return undefined;
}

export function pickStringArray(obj: unknown, key: string): string[] {
  if (!isObject(obj)) return [];
  const v = obj[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A tool input that some hosts send as a JSON string (Copilot CLI's toolArgs, Cline's MCP arguments). */
export function objectOrJsonString(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/** `run_in_terminal`, `runInTerminal`, `RunInTerminal` -> `runinterminal`. */
export function toolKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Resolve a path from a payload against a base directory; `~` expands to the home folder. */
export function resolveFrom(base: string, p: string, home: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/')) return path.join(home, p.slice(2));
  if (p.startsWith('file://')) {
    try {
      return new URL(p).pathname;
    } catch {
      return p;
    }
  }
  return path.resolve(base, p);
}

/** Paths named in an apply_patch body (`*** Update File: x`, `*** Add File:`, `*** Delete File:`, `*** Move to:`). */
export function patchPaths(patch: string): string[] {
  const out: string[] = [];
  for (const m of patch.matchAll(/^\*\*\* (?:Update|Add|Delete) File: (.+)$|^\*\*\* Move to: (.+)$/gm)) {
    const p = (m[1] ?? m[2] ?? '').trim();
    if (p) out.push(p);
  }
  // unified diffs: +++ b/path
  for (const m of patch.matchAll(/^\+\+\+ (?:b\/)?(.+)$/gm)) {
    const p = (m[1] ?? '').trim();
    if (p && p !== '/dev/null') out.push(p);
  }
  return [...new Set(out)];
}

/** Split `mcp__server__tool` (Claude) into its parts. */
export function splitMcpName(name: string, separator: string): { server: string; tool: string } | undefined {
  const parts = name.split(separator);
  if (parts.length < 3 || parts[0] !== 'mcp') return undefined;
  return { server: parts[1] ?? '', tool: parts.slice(2).join(separator) };
}
