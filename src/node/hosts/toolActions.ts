import { isObject, objectOrJsonString, patchPaths, pickString, pickStringArray, resolveFrom, toolKey, type ContentSearch, type HookAction } from './action';
import { keystrokeAction, powershellCommand } from './keystrokes';

/**
 * The tool vocabularies of the hosts (Claude Code, VS Code's agents, Copilot CLI, Cline, Cursor's
 * preToolUse) overlap: the same tool is `Bash`, `run_in_terminal`, `bash`, `execute_command` or
 * `Shell`. One table maps the normalised name to the kind of action; each adapter handles its own
 * MCP naming and then calls `actionFromTool`.
 */

type Kind = 'shell' | 'read' | 'search' | 'write' | 'fetch';

const TOOL_KINDS: Record<string, Kind> = {};
function register(kind: Kind, names: string[]): void {
  for (const n of names) TOOL_KINDS[toolKey(n)] = kind;
}
register('shell', ['Bash', 'Shell', 'run_in_terminal', 'runInTerminal', 'run_command', 'execute_command', 'powershell', 'terminal', 'run_terminal_cmd', 'runTerminalCommand', 'BashOutput']);
register('read', ['Read', 'view', 'read_file', 'readFile', 'read_notebook', 'NotebookRead', 'view_image']);
register('search', ['Grep', 'Glob', 'grep_search', 'grep', 'rg', 'glob', 'file_search', 'search_files', 'list_dir', 'list_files', 'LS', 'codebase_search', 'semantic_search', 'list_code_definition_names']);
register('write', [
  'Write', 'Edit', 'MultiEdit', 'NotebookEdit', 'create_file', 'replace_string_in_file', 'multi_replace_string_in_file',
  'insert_edit_into_file', 'edit_notebook_file', 'editFiles', 'edit_file', 'editFile', 'apply_patch', 'write_to_file', 'replace_in_file',
  'create', 'edit', 'write', 'str_replace', 'str_replace_editor', 'str_replace_based_edit_tool', 'delete', 'Delete', 'delete_file',
  'TabWrite', 'StrReplace', 'search_replace', 'new_file', 'create_directory',
]);
register('fetch', ['WebFetch', 'web_fetch', 'fetch', 'fetch_webpage', 'fetchWebpage']);

const PATH_KEYS = ['file_path', 'filePath', 'path', 'target_file', 'targetFile', 'notebook_path', 'notebookPath', 'file', 'uri', 'dirPath', 'directory'];
const NEW_TEXT_KEYS = ['content', 'contents', 'file_text', 'fileText', 'new_string', 'newString', 'new_str', 'code', 'new_source', 'newSource', 'text', 'diff', 'streamingContent'];

export interface ToolContext {
  /** Base for relative paths: the payload's cwd, else the first workspace folder. */
  cwd: string;
  home: string;
}

function writePaths(key: string, input: unknown, ctx: ToolContext): string[] {
  const raw: string[] = [];
  const direct = pickString(input, ...PATH_KEYS);
  if (direct) raw.push(direct);
  raw.push(...pickStringArray(input, 'files'), ...pickStringArray(input, 'paths'), ...pickStringArray(input, 'filePaths'));
  if (isObject(input)) {
    for (const listKey of ['replacements', 'edits', 'files']) {
      const list = input[listKey];
      if (Array.isArray(list)) for (const item of list) {
        const p = pickString(item, ...PATH_KEYS);
        if (p) raw.push(p);
      }
    }
  }
  if (key === 'applypatch') {
    // Codex sends the patch as tool_input.command.
    const patch = typeof input === 'string' ? input : pickString(input, 'input', 'patch', 'diff', 'command');
    if (patch) raw.push(...patchPaths(patch));
  }
  return [...new Set(raw.map((p) => resolveFrom(ctx.cwd, p, ctx.home)))];
}

function newTextOf(input: unknown): string | undefined {
  const direct = pickString(input, ...NEW_TEXT_KEYS);
  if (direct !== undefined) return direct;
  if (isObject(input)) {
    const parts: string[] = [];
    for (const listKey of ['edits', 'replacements']) {
      const list = input[listKey];
      if (Array.isArray(list)) for (const item of list) {
        const t = pickString(item, ...NEW_TEXT_KEYS);
        if (t !== undefined) parts.push(t);
      }
    }
    if (parts.length > 0) return parts.join('\n');
  }
  if (typeof input === 'string') return input;
  return undefined;
}

/**
 * Which files a content search reads. Claude Code's and Cursor's Grep run ripgrep with its defaults
 * (dotfiles and gitignored files skipped, `glob` filters); VS Code's grep_search honours ignore files
 * but reads dotfiles; any other content search is assumed to read everything under its path.
 */
function withPattern(content: ContentSearch, pattern: string | undefined): ContentSearch {
  return pattern === undefined ? content : { ...content, pattern };
}

function contentSearchOf(key: string, input: unknown): ContentSearch | undefined {
  const globs = (...keys: string[]): string[] => keys.flatMap((k) => [...(pickString(input, k) ? [pickString(input, k) as string] : []), ...pickStringArray(input, k)]);
  switch (key) {
    case 'grep':
    case 'rg':
      return withPattern({ globs: globs('glob', 'include'), hidden: false, ignored: false }, pickString(input, 'pattern'));
    case 'grepsearch':
      return withPattern({ globs: globs('includePattern'), hidden: true, ignored: false }, pickString(input, 'query'));
    case 'searchfiles':
      return withPattern({ globs: globs('file_pattern', 'filePattern'), hidden: true, ignored: true }, pickString(input, 'regex'));
    default:
      return undefined;
  }
}

function unreadable(tool: string, reason: string, ctx: ToolContext): HookAction {
  return { kind: 'unreadable', tool, reason, cwd: ctx.cwd };
}

/** Map one tool call to an action. Unknown tools become 'other' unless their input carries a shell command. */
export function actionFromTool(toolName: string, rawInput: unknown, ctx: ToolContext): HookAction {
  const key = toolKey(toolName);
  const input = objectOrJsonString(rawInput);
  // Keystrokes typed into a running shell session (Copilot's write_bash / write_powershell).
  if (key === 'writebash' || key === 'writepowershell') return keystrokeAction(toolName, pickString(input, 'input', 'command'), key === 'writebash' ? 'posix' : 'powershell', ctx.cwd);
  let kind = TOOL_KINDS[key];
  // str_replace_editor-style tools carry a sub-command: view is a read.
  if (kind === 'write' && pickString(input, 'command') === 'view') kind = 'read';
  switch (kind) {
    case 'shell': {
      const command = pickString(input, 'command', 'cmd', 'script', 'commandLine') ?? (typeof input === 'string' ? input : undefined);
      if (command === undefined) return unreadable(toolName, 'its command is missing or not text', ctx);
      const cwd = pickString(input, 'cwd', 'working_directory', 'workingDirectory');
      // Copilot's `powershell` tool (Windows) runs PowerShell, not a POSIX shell: the engine reads it as such.
      return { kind: 'shell', command: key === 'powershell' ? powershellCommand(command) : command, cwd: cwd ? resolveFrom(ctx.cwd, cwd, ctx.home) : ctx.cwd };
    }
    case 'read': {
      const p = pickString(input, ...PATH_KEYS);
      if (!p) return unreadable(toolName, 'the file it reads is not given as text', ctx);
      return { kind: 'read', path: resolveFrom(ctx.cwd, p, ctx.home), cwd: ctx.cwd };
    }
    case 'search': {
      const p = pickString(input, 'path', 'dir', 'directory', 'dirPath', 'cwd', 'target_directory') ?? '.';
      const pattern = pickString(input, 'pattern', 'query', 'regex', 'includePattern', 'glob', 'file_pattern') ?? '';
      const content = contentSearchOf(key, input);
      return { kind: 'search', path: resolveFrom(ctx.cwd, p, ctx.home), pattern, cwd: ctx.cwd, ...(content ? { content } : {}) };
    }
    case 'write': {
      const paths = writePaths(key, input, ctx);
      // A write that names no file it writes (the path missing, or a patch without file headers) cannot be judged.
      if (paths.length === 0) return unreadable(toolName, 'the file it writes is not given as text', ctx);
      // Codex's apply_patch carries the new text as the patch itself (tool_input.command).
      const newText = newTextOf(input) ?? (key === 'applypatch' ? pickString(input, 'input', 'patch', 'command') : undefined);
      return { kind: 'write', paths, cwd: ctx.cwd, newText };
    }
    case 'fetch': {
      const url = pickString(input, 'url') ?? pickStringArray(input, 'urls').join(' ');
      return { kind: 'fetch', url, cwd: ctx.cwd };
    }
    default:
      return unknownToolAction(toolName, key, input, ctx);
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** How a script file is run, by its extension: the engine then reads and judges the script itself. */
function scriptFileCommand(file: string): string {
  const quoted = shellQuote(file);
  if (/\.(m|c)?js$/i.test(file)) return `node ${quoted}`;
  if (/\.(m|c)?ts$/i.test(file)) return `npx tsx ${quoted}`;
  if (/\.py$/i.test(file)) return `python3 ${quoted}`;
  return `sh ${quoted}`;
}

const URL_KEYS = ['url', 'uri', 'href', 'endpoint'];

/**
 * A tool the table does not know is judged on what it carries: a command as a shell command; a script
 * as the shell or JavaScript it is (Claude Code's Workflow scripts are JavaScript that orchestrates
 * agents); a script path as running that file; a file path as a read and a write of it (credential,
 * guard and protected files are refused either way); a URL as a fetch. A tool carrying none of these
 * is allowed, and the audit log records it.
 */
function unknownToolAction(toolName: string, key: string, input: unknown, ctx: ToolContext): HookAction {
  const command = pickString(input, 'command', 'cmd', 'commandLine');
  // str_replace_editor-style sub-commands are verbs, not shell commands.
  if (command !== undefined && /\s|^[a-z]/.test(command) && !['view', 'create', 'str_replace', 'insert', 'undo_edit'].includes(command)) {
    return { kind: 'shell', command, cwd: ctx.cwd };
  }
  const script = pickString(input, 'script', 'code', 'source');
  if (script !== undefined && script.trim() !== '') {
    const javascript = key === 'workflow' || /^\s*(export|import)\s|\bawait\s|=>/.test(script);
    return { kind: 'shell', command: javascript ? `node --input-type=module -e ${shellQuote(script)}` : script, cwd: ctx.cwd };
  }
  const scriptPath = pickString(input, 'scriptPath', 'script_path', 'scriptFile', 'script_file');
  if (scriptPath) return { kind: 'shell', command: scriptFileCommand(resolveFrom(ctx.cwd, scriptPath, ctx.home)), cwd: ctx.cwd };
  const isUrl = (v: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !v.startsWith('file://');
  const named = [...PATH_KEYS.map((k) => pickString(input, k)), ...pickStringArray(input, 'paths'), ...pickStringArray(input, 'filePaths'), ...pickStringArray(input, 'files')];
  const paths = [...new Set(named.filter((p): p is string => typeof p === 'string' && p !== '' && !isUrl(p)).map((p) => resolveFrom(ctx.cwd, p, ctx.home)))];
  const urls = [...URL_KEYS.map((k) => pickString(input, k)), ...pickStringArray(input, 'urls')].filter((u): u is string => typeof u === 'string' && isUrl(u));
  const parts: HookAction[] = [
    ...paths.flatMap((p): HookAction[] => [{ kind: 'read', path: p, cwd: ctx.cwd }, { kind: 'write', paths: [p], cwd: ctx.cwd }]),
    ...(urls.length > 0 ? [{ kind: 'fetch' as const, url: urls.join(' '), cwd: ctx.cwd }] : []),
  ];
  if (parts.length === 0) return { kind: 'other', tool: toolName, cwd: ctx.cwd };
  return parts.length === 1 ? (parts[0] as HookAction) : { kind: 'all', actions: parts, cwd: ctx.cwd };
}
