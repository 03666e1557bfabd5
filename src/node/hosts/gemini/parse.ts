import * as fs from 'node:fs';
import * as os from 'node:os';
import { isObject, pickString, pickStringArray, resolveFrom, type HookAction, type ParseResult } from '../action';
import { actionFromTool, type ToolContext } from '../toolActions';

/** Glob characters: an include of read_many_files with none of these names one file. */
const GLOB = /[*?[\]{}]/;

const URL_IN_TEXT = /https?:\/\/[^\s"'<>)]+/g;

/**
 * A read_many_files glob as a search: rooted at its fixed leading folders (`src/` + `**` + `/*.ts` searches
 * `src` for `*.ts`), so a glob confined to a folder is judged on that folder alone. Folder parts after
 * the first wildcard are dropped, which can only widen what is judged.
 */
function globSearch(glob: string, ctx: ToolContext, ignored: boolean): HookAction {
  const segments = glob.split('/');
  const firstWild = segments.findIndex((s) => GLOB.test(s));
  const fixed = segments.slice(0, firstWild).join('/') || '.';
  const name = segments[segments.length - 1] ?? '*';
  return { kind: 'search', path: resolveFrom(ctx.cwd, fixed, ctx.home), pattern: glob, cwd: ctx.cwd, content: { globs: name === '**' ? [] : [name], hidden: true, ignored } };
}

/** A literal read_many_files path: a file is a read; a folder is read whole, so it is a content search. */
function literalRead(file: string, ctx: ToolContext, ignored: boolean): HookAction {
  let folder = false;
  try {
    folder = fs.statSync(file).isDirectory();
  } catch {
    // not there (yet): judged as the file it names
  }
  return folder ? { kind: 'search', path: file, pattern: '', cwd: ctx.cwd, content: { globs: [], hidden: true, ignored } } : { kind: 'read', path: file, cwd: ctx.cwd };
}

/** Gemini's own tools, in the shapes its tool declarations give (`file_path`, `dir_path`, ...). */
function geminiAction(tool: string, input: unknown, ctx: ToolContext): HookAction {
  const dir = (key = 'dir_path'): string => resolveFrom(ctx.cwd, pickString(input, key) ?? '.', ctx.home);
  switch (tool) {
    case 'run_shell_command': {
      const command = pickString(input, 'command');
      if (command === undefined) return { kind: 'unreadable', tool, reason: 'its command is missing or not text', cwd: ctx.cwd };
      return { kind: 'shell', command, cwd: pickString(input, 'dir_path') ? dir() : ctx.cwd };
    }
    case 'read_file': {
      const file = pickString(input, 'file_path', 'absolute_path', 'path');
      return file ? { kind: 'read', path: resolveFrom(ctx.cwd, file, ctx.home), cwd: ctx.cwd } : { kind: 'unreadable', tool, reason: 'the file it reads is not given as text', cwd: ctx.cwd };
    }
    case 'read_many_files': {
      // Literal paths are read checks; globs are content searches from the working folder that read
      // dotfiles, and ignored files unless the default excludes apply.
      const include = [...pickStringArray(input, 'include'), ...pickStringArray(input, 'paths')];
      if (include.length === 0) return { kind: 'unreadable', tool, reason: 'the files it reads are not given as text', cwd: ctx.cwd };
      const ignored = isObject(input) && isObject(input.file_filtering_options) ? input.file_filtering_options.respect_git_ignore === false : false;
      const parts: HookAction[] = include.map((p) => (GLOB.test(p) ? globSearch(p, ctx, ignored) : literalRead(resolveFrom(ctx.cwd, p, ctx.home), ctx, ignored)));
      return { kind: 'all', actions: parts, cwd: ctx.cwd };
    }
    case 'write_file':
    case 'replace': {
      const file = pickString(input, 'file_path');
      if (!file) return { kind: 'unreadable', tool, reason: 'the file it writes is not given as text', cwd: ctx.cwd };
      const newText = pickString(input, 'content', 'new_string');
      return { kind: 'write', paths: [resolveFrom(ctx.cwd, file, ctx.home)], cwd: ctx.cwd, ...(newText !== undefined ? { newText } : {}) };
    }
    case 'grep_search':
    case 'search_file_content': {
      const includes = pickString(input, 'include_pattern', 'include');
      const pattern = pickString(input, 'pattern');
      const content = { globs: includes ? [includes] : [], hidden: true, ignored: isObject(input) && input.no_ignore === true, ...(pattern !== undefined ? { pattern } : {}) };
      return { kind: 'search', path: dir(pickString(input, 'dir_path') ? 'dir_path' : 'path'), pattern: pickString(input, 'pattern') ?? '', cwd: ctx.cwd, content };
    }
    case 'glob':
    case 'list_directory':
      return { kind: 'search', path: dir(pickString(input, 'dir_path') ? 'dir_path' : 'path'), pattern: pickString(input, 'pattern') ?? '', cwd: ctx.cwd };
    case 'web_fetch': {
      const urls = [...(pickString(input, 'prompt', 'url') ?? '').matchAll(URL_IN_TEXT)].map((m) => m[0]);
      return { kind: 'fetch', url: urls.join(' '), cwd: ctx.cwd };
    }
    default:
      return actionFromTool(tool, input, ctx);
  }
}

/** `mcp_<server>_<tool>`: the split is a guess when the server name holds `_`; mcp_context says exactly. */
function mcpOf(tool: string, payload: Record<string, unknown>): { server: string; tool: string } | undefined {
  const context = payload.mcp_context;
  const server = pickString(context, 'server_name');
  const name = pickString(context, 'tool_name');
  if (server && name) return { server, tool: name };
  const m = /^mcp_([^_]+)_(.+)$/.exec(tool);
  return m ? { server: m[1] ?? '', tool: m[2] ?? '' } : undefined;
}

export function parseGemini(payload: unknown, env: Readonly<Record<string, string | undefined>>): ParseResult {
  if (!isObject(payload)) return { ok: false, reason: 'the hook input is not a JSON object' };
  const event = pickString(payload, 'hook_event_name');
  if (event !== 'BeforeTool') return { ok: false, reason: `unexpected Gemini CLI hook event '${event ?? ''}'`, event };
  const tool = pickString(payload, 'tool_name');
  if (!tool) return { ok: false, reason: 'BeforeTool without a tool_name', event };
  const home = env.HOME ?? os.homedir();
  // The CLI sets GEMINI_PROJECT_DIR (= the working folder) for every hook it runs.
  const cwd = pickString(payload, 'cwd') || env.GEMINI_PROJECT_DIR || env.GEMINI_CWD;
  if (!cwd) return { ok: false, reason: 'the payload names no cwd', event };
  const base = resolveFrom(home, cwd, home);
  const input = payload.tool_input;
  const mcp = mcpOf(tool, payload);
  const action: HookAction = mcp ? { kind: 'mcp', server: mcp.server, tool: mcp.tool, input, cwd: base } : geminiAction(tool, input, { cwd: base, home });
  return { ok: true, input: { host: 'gemini', event, tool, action, workspaceRoots: [base] } };
}
