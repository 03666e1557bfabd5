import { isObject, objectOrJsonString, patchPaths, pickString, resolveFrom, type HookAction } from '../action';
import { actionFromTool, type ToolContext } from '../toolActions';

/**
 * The tools of Cline's SDK (CLI 3.x): each takes several shapes of input, and the hook must read every
 * shape the tool itself accepts (from the tools' own input normalisation in Cline's bundle):
 * - run_commands: a string, an array, `{commands: string | array}`, `{command, args?}` or `{cmd}`;
 *   an array item is a string or `{command, args}`. Every command is judged.
 * - read_files: a string, an array, `{files}`, `{file_paths}`, `{paths}` or one `{path}`; items are
 *   strings or `{path, start_line?, end_line?}`. Every path is judged.
 * - editor `{path, old_text?, new_text, insert_line?}`: a write of `path`.
 * - apply_patch `{input}` or the patch text: a write of every file the patch adds, updates, deletes or
 *   moves to.
 * - search_codebase `{queries}`: a content search of the workspace that reads dotfiles and honours
 *   .gitignore (it lists files with `rg --files --hidden`).
 * - fetch_web_content `{requests: [{url, prompt}]}`: fetches of every URL.
 * Older tool names (execute_command, read_file, write_to_file, replace_in_file …) go through the shared
 * table.
 */

type Json = unknown;

function listOf(v: Json): Json[] {
  const parsed = objectOrJsonString(v);
  return Array.isArray(parsed) ? parsed : parsed === undefined || parsed === null ? [] : [parsed];
}

function shellWord(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** One run_commands item as the shell line it runs. */
function commandLine(item: Json): string | undefined {
  if (typeof item === 'string') return item;
  if (!isObject(item)) return undefined;
  const command = pickString(item, 'command', 'cmd');
  if (command === undefined) return undefined;
  const args = Array.isArray(item.args) ? item.args.map((a) => String(a)) : [];
  return args.length > 0 ? [command, ...args.map(shellWord)].join(' ') : command;
}

export function runCommandsOf(input: Json): string[] | undefined {
  const v = objectOrJsonString(input);
  let items: Json[];
  if (typeof v === 'string' || Array.isArray(v)) items = listOf(v);
  else if (isObject(v) && 'commands' in v) items = listOf(v.commands);
  else if (isObject(v) && ('command' in v || 'cmd' in v)) items = [v];
  else return undefined;
  const lines = items.map(commandLine);
  return lines.every((l): l is string => typeof l === 'string') && lines.length > 0 ? lines : undefined;
}

export function readPathsOf(input: Json): string[] | undefined {
  const v = objectOrJsonString(input);
  let items: Json[];
  if (typeof v === 'string' || Array.isArray(v)) items = listOf(v);
  else if (isObject(v) && 'files' in v) items = listOf(v.files);
  else if (isObject(v) && 'file_paths' in v) items = listOf(v.file_paths);
  else if (isObject(v) && 'paths' in v) items = listOf(v.paths);
  else items = [v];
  const paths = items.map((i) => (typeof i === 'string' ? i : pickString(i, 'path')));
  return paths.every((p): p is string => typeof p === 'string' && p.length > 0) && paths.length > 0 ? paths : undefined;
}

/**
 * Several commands from one call, judged as one script in which each runs in its own subshell: they
 * run separately (even concurrently) from the workspace root, so one command's `cd` must not change
 * where the next is judged to run.
 */
function asScript(commands: string[]): string {
  return commands.length === 1 ? (commands[0] as string) : commands.map((c) => `(\n${c}\n)`).join('\n');
}

/** The action for a Cline tool call, or undefined when the input has none of the shapes the tool accepts. */
export function clineToolAction(tool: string, input: Json, ctx: ToolContext): HookAction | undefined {
  const resolve = (p: string): string => resolveFrom(ctx.cwd, p, ctx.home);
  switch (tool) {
    case 'run_commands': {
      const commands = runCommandsOf(input);
      return commands ? { kind: 'shell', command: asScript(commands), cwd: ctx.cwd } : undefined;
    }
    case 'read_files': {
      const paths = readPathsOf(input);
      if (!paths) return undefined;
      const reads: HookAction[] = paths.map((p) => ({ kind: 'read', path: resolve(p), cwd: ctx.cwd }));
      return reads.length === 1 ? reads[0] : { kind: 'all', actions: reads, cwd: ctx.cwd };
    }
    case 'editor': {
      const v = objectOrJsonString(input);
      const p = pickString(v, 'path');
      if (!p) return undefined;
      return { kind: 'write', paths: [resolve(p)], cwd: ctx.cwd, newText: pickString(v, 'new_text') };
    }
    case 'apply_patch': {
      const v = objectOrJsonString(input);
      const patch = typeof v === 'string' ? v : pickString(v, 'input', 'patch');
      if (patch === undefined) return undefined;
      const paths = patchPaths(patch).map(resolve);
      // A patch whose files cannot be read off is judged by what it would touch: unknown, so refused.
      if (paths.length === 0) return undefined;
      return { kind: 'write', paths, cwd: ctx.cwd, newText: patch };
    }
    case 'search_codebase': {
      const v = objectOrJsonString(input);
      const queries = isObject(v) ? listOf(v.queries) : listOf(v);
      return { kind: 'search', path: ctx.cwd, pattern: queries.map(String).join('\n'), cwd: ctx.cwd, content: { globs: [], hidden: true, ignored: false } };
    }
    case 'fetch_web_content': {
      const v = objectOrJsonString(input);
      const requests = isObject(v) ? listOf(v.requests) : listOf(v);
      const urls = requests.map((r) => (typeof r === 'string' ? r : pickString(r, 'url') ?? '')).filter(Boolean);
      return { kind: 'fetch', url: urls.join(' '), cwd: ctx.cwd };
    }
    default:
      return actionFromTool(tool, input, ctx);
  }
}
