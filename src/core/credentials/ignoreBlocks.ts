import { applyEdits, modify, parseTree, findNodeAtLocation, type Edit, type FormattingOptions } from 'jsonc-parser';
import type { AgentIgnoreFile } from './agentIgnoreFiles';

export { AGENT_IGNORE_FILES, type AgentIgnoreFile } from './agentIgnoreFiles';

/**
 * The managed block Blast Shield writes into agents' ignore files. It goes at the top of the file so
 * that the user's own lines come after it (their `!` negations keep the final say) and so removing
 * it is an exact cut that leaves the user's bytes as they were.
 */
export const MANAGED_BEGIN = '# >>> blast-shield managed: credential files (do not edit) >>>';
export const MANAGED_END = '# <<< blast-shield managed <<<';


/** A workspace-relative path as a gitignore pattern matching exactly it: wildcards, `!`, `#` and a trailing space escaped. */
function escapeGitignorePath(relativePath: string): string {
  return relativePath
    .replace(/\\/g, '\\\\')
    .replace(/([*?[\]!#])/g, '\\$1')
    .replace(/ $/, '\\ ');
}

/** Escape a workspace-relative path as an anchored gitignore line. */
export function ignoreLineFor(relativePath: string): string {
  return '/' + escapeGitignorePath(relativePath);
}

function blockText(relativePaths: readonly string[]): string {
  const lines = [MANAGED_BEGIN, '# Credential files found by `blast-shield scan`; kept out of agent context.'];
  for (const p of [...new Set(relativePaths)].sort()) lines.push(ignoreLineFor(p));
  lines.push(MANAGED_END);
  return lines.join('\n') + '\n';
}

/** Where the managed block sits: [start, end) offsets including its final newline. */
function findBlock(text: string): [number, number] | undefined {
  const start = text.startsWith(MANAGED_BEGIN) ? 0 : text.indexOf('\n' + MANAGED_BEGIN);
  if (start < 0) return undefined;
  const begin = start === 0 ? 0 : start + 1;
  const endMarker = text.indexOf(MANAGED_END, begin);
  if (endMarker < 0) return undefined;
  let end = endMarker + MANAGED_END.length;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return [begin, end];
}

export function hasManagedBlock(text: string): boolean {
  return findBlock(text) !== undefined;
}

/** `text` without our block, byte for byte as it was before `withIgnoreBlock`. */
export function withoutIgnoreBlock(text: string): string {
  const at = findBlock(text);
  if (!at) return text;
  return text.slice(0, at[0]) + text.slice(at[1]);
}

/**
 * The ignore file's new text with the block listing `relativePaths`. `existing` undefined means the
 * file does not exist. Returns undefined when the file should be left as it is (or stay absent):
 * no paths to list, or an empty `.aiexclude`, which already excludes everything and would exclude
 * less once it had lines in it.
 */
export function withIgnoreBlock(existing: string | undefined, relativePaths: readonly string[], file: AgentIgnoreFile): string | undefined {
  if (existing !== undefined && file === '.aiexclude' && existing.trim() === '') return undefined;
  const base = existing === undefined ? '' : withoutIgnoreBlock(existing);
  if (relativePaths.length === 0) return existing === undefined ? undefined : base;
  const block = blockText(relativePaths);
  const at = existing === undefined ? undefined : findBlock(existing);
  // An existing block is replaced where it stands, so a user who moved it keeps their order.
  if (existing !== undefined && at) return existing.slice(0, at[0]) + block + existing.slice(at[1]);
  return block + base;
}

// ---------------------------------------------------------------------------------------------
// Claude Code settings: permissions.deny Read(...) rules

/**
 * Claude Code's Read rules follow the gitignore specification, so a file named `creds[1].json` must be
 * escaped or the rule names a different file (and the file stays readable by Claude's own tools).
 */
export function claudeReadRule(relativePath: string): string {
  return `Read(./${escapeGitignorePath(relativePath)})`;
}

function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

export interface ClaudeDenyResult {
  text: string;
  /** Rules this call added (rules the user already had are not ours and are not listed). */
  added: string[];
  /** Edits that turn `text` back into the input, valid while the file is unchanged. */
  inverse: Edit[];
}

function denyList(text: string): string[] {
  const root = parseTree(text);
  const node = root ? findNodeAtLocation(root, ['permissions', 'deny']) : undefined;
  if (!node || node.type !== 'array') return [];
  return (node.children ?? []).map((c) => (typeof c.value === 'string' ? c.value : '')).filter((v) => v !== '');
}

/**
 * Add `rules` to `permissions.deny`, keeping comments, key order and every other key. `existing`
 * undefined means the file does not exist yet.
 */
export function withClaudeDenyRules(existing: string | undefined, rules: readonly string[]): ClaudeDenyResult {
  const original = existing ?? '{}\n';
  const present = new Set(denyList(original));
  const added = [...new Set(rules)].filter((r) => !present.has(r));
  let text = original;
  const fmt = formattingOf(original);
  for (const rule of added) {
    text = applyEdits(text, modify(text, ['permissions', 'deny', -1], rule, { formattingOptions: fmt, isArrayInsertion: true }));
  }
  return { text, added, inverse: added.length === 0 ? [] : inverseEdit(original, text) };
}

/** One edit that turns `after` back into `before`: the differing middle, found by common prefix and suffix. */
function inverseEdit(before: string, after: string): Edit[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  return [{ offset: start, length: endA - start, content: before.slice(start, endB) }];
}

/**
 * Remove our rules. `previous.unchanged` says the file is byte for byte what we last wrote; then
 * `inverse` restores the original exactly. Otherwise each of our rules is removed structurally and
 * everything the user changed stays. Returns undefined when the file should be deleted: we created
 * it and nothing of the user's is in it.
 */
export function withoutClaudeDenyRules(
  text: string,
  ours: readonly string[],
  previous?: { unchanged: boolean; inverse: readonly Edit[]; created: boolean },
): string | undefined {
  if (previous?.unchanged) {
    return previous.created ? undefined : applyEdits(text, [...previous.inverse]);
  }
  let out = text;
  const fmt = formattingOf(text);
  for (const rule of ours) {
    const index = denyList(out).indexOf(rule);
    if (index < 0) continue;
    out = applyEdits(out, modify(out, ['permissions', 'deny', index], undefined, { formattingOptions: fmt }));
  }
  if (previous?.created) {
    const root = parseTree(out);
    const permissions = root ? findNodeAtLocation(root, ['permissions']) : undefined;
    const deny = root ? findNodeAtLocation(root, ['permissions', 'deny']) : undefined;
    const onlyOurs =
      root?.type === 'object' &&
      (root.children?.length ?? 0) === 1 &&
      permissions?.type === 'object' &&
      (permissions.children?.length ?? 0) === 1 &&
      deny?.type === 'array' &&
      (deny.children?.length ?? 0) === 0;
    if (onlyOurs) return undefined;
  }
  return out;
}
