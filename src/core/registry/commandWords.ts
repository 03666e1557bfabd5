/**
 * The command word a CLI resolves itself, before anything reads it: npm takes any prefix of a command
 * or alias (`npm unpub` is unpublish, `./tools/npmCommands.ts`), RubyGems any prefix of one command
 * (`gem yan` is yank: rubygems CommandManager#find_command_possibilities). The word is rewritten to
 * the command it names, once per invocation, so every pack and handler judges the command that runs.
 */

import type { ArgWord } from '../shell/ast';
import { ownTable } from '../ownTable';
import { parsedArgs, toolNamed } from './commandModel';
import { withoutUndoneDryRun } from './dryRunOptions';
import { npmCommandOf } from './tools/npmCommands';

/** RubyGems' commands (`gem help commands`). */
const GEM_COMMANDS = [
  'build', 'cert', 'check', 'cleanup', 'contents', 'dependency', 'environment', 'exec', 'fetch', 'generate_index', 'help', 'info', 'install',
  'list', 'lock', 'mirror', 'open', 'outdated', 'owner', 'pristine', 'push', 'query', 'rdoc', 'rebuild', 'search', 'server', 'signin', 'signout',
  'sources', 'specification', 'stale', 'uninstall', 'unpack', 'update', 'which', 'yank',
];

/** A unique prefix of one of `commands`, or the command written whole. */
function uniquePrefix(word: string, commands: readonly string[]): string | undefined {
  if (commands.includes(word)) return word;
  const found = commands.filter((c) => c.startsWith(word));
  return found.length === 1 ? found[0] : undefined;
}

const RESOLVERS: Readonly<Partial<Record<string, (word: string) => string | undefined>>> = ownTable<(word: string) => string | undefined>({
  npm: npmCommandOf,
  gem: (word) => (/^[a-z][a-z_]*$/.test(word) ? uniquePrefix(word, GEM_COMMANDS) : undefined),
});

/** `args` with the command word written as the command the tool resolves it to; the same array when nothing changes. */
export function resolvedCommandWords(name: string, args: ArgWord[]): ArgWord[] {
  const resolve = RESOLVERS[name];
  const spec = resolve ? toolNamed(name) : undefined;
  if (!resolve || !spec) return args;
  const parsed = parsedArgs(args, spec);
  const index = parsed.path.length === 0 ? parsed.operandIndexes[0] : parsed.pathIndexes[0];
  const word = index === undefined ? undefined : args[index];
  if (!word || word.dynamic) return args;
  const command = resolve(word.text);
  if (command === undefined || command === word.text) return args;
  return args.map((a, i) => (i === index ? { ...a, text: command, raw: command } : a));
}

/**
 * An invocation's words as the tool reads them: a dry run undone later on the line taken out
 * (`./dryRunOptions.ts`), the command word resolved. Applied once where a command is reported.
 */
export function canonicalArgs(name: string, args: ArgWord[]): ArgWord[] {
  return resolvedCommandWords(name, withoutUndoneDryRun(name, args) ?? args);
}
