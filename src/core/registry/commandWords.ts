/**
 * The command word a CLI resolves itself, before anything reads it: npm takes any prefix of a command
 * or alias (`npm unpub` is unpublish, `./tools/npmCommands.ts`), RubyGems any prefix of one command
 * (`gem yan` is yank: rubygems CommandManager#find_command_possibilities), Laravel's artisan any
 * prefix of each part (`php artisan migrate:fr` is migrate:fresh, `bin/console d:d:d` doctrine:database:drop:
 * Symfony Console). The word is rewritten to
 * the command it names, once per invocation, so every pack and handler judges the command that runs.
 */

import type { ArgWord } from '../shell/ast';
import { ownTable } from '../ownTable';
import { parsedArgs, toolNamed } from './commandModel';
import { withoutUndoneDryRun } from './dryRunOptions';
import { npmCommandOf } from './tools/npmCommands';
import { freeFormReadings } from './freeForm';

/** RubyGems' commands (`gem help commands`). */
const GEM_COMMANDS = [
  'build', 'cert', 'check', 'cleanup', 'contents', 'dependency', 'environment', 'exec', 'fetch', 'generate_index', 'help', 'info', 'install',
  'list', 'lock', 'mirror', 'open', 'outdated', 'owner', 'pristine', 'push', 'query', 'rdoc', 'rebuild', 'search', 'server', 'signin', 'signout',
  'sources', 'specification', 'stale', 'uninstall', 'unpack', 'update', 'which', 'yank',
];

/** Laravel's own commands (`php artisan list`), found by Symfony Console's abbreviations. */
const ARTISAN_COMMANDS = [
  'about', 'clear-compiled', 'db', 'docs', 'down', 'env', 'help', 'inspire', 'list', 'migrate', 'optimize', 'serve', 'test', 'tinker', 'up',
  'auth:clear-resets', 'cache:clear', 'cache:forget', 'cache:prune-stale-tags', 'cache:table', 'channel:list', 'config:cache', 'config:clear',
  'config:publish', 'config:show', 'db:monitor', 'db:seed', 'db:show', 'db:table', 'db:wipe', 'env:decrypt', 'env:encrypt', 'event:cache',
  'event:clear', 'event:list', 'key:generate', 'lang:publish', 'make:cast', 'make:channel', 'make:class', 'make:command', 'make:component',
  'make:controller', 'make:enum', 'make:event', 'make:exception', 'make:factory', 'make:interface', 'make:job', 'make:listener', 'make:mail',
  'make:middleware', 'make:migration', 'make:model', 'make:notification', 'make:observer', 'make:policy', 'make:provider', 'make:request',
  'make:resource', 'make:rule', 'make:scope', 'make:seeder', 'make:test', 'make:trait', 'make:view', 'migrate:fresh', 'migrate:install',
  'migrate:refresh', 'migrate:reset', 'migrate:rollback', 'migrate:status', 'model:prune', 'model:show', 'optimize:clear', 'package:discover',
  'queue:clear', 'queue:failed', 'queue:flush', 'queue:forget', 'queue:listen', 'queue:monitor', 'queue:prune-batches', 'queue:prune-failed',
  'queue:restart', 'queue:retry', 'queue:retry-batch', 'queue:work', 'route:cache', 'route:clear', 'route:list', 'schedule:clear-cache',
  'schedule:interrupt', 'schedule:list', 'schedule:run', 'schedule:test', 'schedule:work', 'schema:dump', 'session:table', 'storage:link',
  'storage:unlink', 'stub:publish', 'vendor:publish', 'view:cache', 'view:clear', 'horizon:clear', 'horizon:terminate', 'horizon:pause',
  'horizon:continue', 'horizon:status', 'telescope:prune', 'telescope:clear', 'activitylog:clean',
];

/** Those a pack judges: an abbreviation that may stand for one of them (and others) is read as it. */
const ARTISAN_JUDGED = new Set([
  'migrate:fresh', 'migrate:reset', 'migrate:refresh', 'migrate:rollback', 'db:wipe', 'queue:flush', 'queue:clear', 'horizon:clear', 'queue:prune-failed',
  'queue:prune-batches', 'activitylog:clean', 'telescope:prune', 'migrate', 'db:seed', 'down', 'key:generate', 'schema:dump', 'tinker',
]);

/** Symfony's and Doctrine's commands (`bin/console list` of a Symfony app with DoctrineBundle, migrations and fixtures). */
const CONSOLE_COMMANDS = [
  'about', 'help', 'list', 'assets:install', 'cache:clear', 'cache:warmup', 'cache:pool:clear', 'cache:pool:prune', 'cache:pool:list',
  'config:dump-reference', 'debug:autowiring', 'debug:config', 'debug:container', 'debug:dotenv', 'debug:event-dispatcher', 'debug:router',
  'debug:translation', 'debug:twig', 'lint:container', 'lint:twig', 'lint:yaml', 'make:controller', 'make:entity', 'make:migration', 'make:form',
  'messenger:consume', 'messenger:failed:remove', 'messenger:failed:retry', 'messenger:failed:show', 'messenger:setup-transports', 'messenger:stop-workers',
  'router:match', 'secrets:list', 'secrets:set', 'secrets:remove', 'server:dump', 'translation:extract',
  'doctrine:cache:clear-metadata', 'doctrine:cache:clear-query', 'doctrine:cache:clear-result', 'doctrine:database:create', 'doctrine:database:drop',
  'doctrine:ensure-production-settings', 'doctrine:fixtures:load', 'doctrine:mapping:info', 'doctrine:migrations:current', 'doctrine:migrations:diff',
  'doctrine:migrations:dump-schema', 'doctrine:migrations:execute', 'doctrine:migrations:generate', 'doctrine:migrations:latest', 'doctrine:migrations:list',
  'doctrine:migrations:migrate', 'doctrine:migrations:rollup', 'doctrine:migrations:status', 'doctrine:migrations:sync-metadata-storage',
  'doctrine:migrations:up-to-date', 'doctrine:migrations:version', 'doctrine:query:dql', 'doctrine:query:sql', 'doctrine:schema:create',
  'doctrine:schema:drop', 'doctrine:schema:update', 'doctrine:schema:validate',
];

const CONSOLE_JUDGED = new Set(['doctrine:database:drop', 'doctrine:schema:drop', 'doctrine:fixtures:load', 'doctrine:migrations:migrate', 'doctrine:schema:update', 'doctrine:query:sql', 'messenger:failed:remove', 'secrets:remove', 'cache:pool:clear']);

/**
 * Symfony Console's `find` (symfony/console Application::find): each `:`-part of the word is a prefix of
 * the command's part (`migrate:fr`, `db:w`, `d:d:d` name migrate:fresh, db:wipe, doctrine:database:drop).
 * An app may add commands the list does not know, so an abbreviation that fits a judged command among
 * others is read as that one.
 */
function symfonyCommandOf(word: string, commands: readonly string[], judged: ReadonlySet<string>): string | undefined {
  if (commands.includes(word) || !/^[\w-]+(:[\w-]*)*$/.test(word)) return undefined;
  const pattern = new RegExp('^' + word.split(':').map((part) => part.replace(/-/g, '\\-')).join('[^:]*:') + '[^:]*$', 'i');
  const found = commands.filter((c) => pattern.test(c));
  return found.length === 1 ? found[0] : found.find((c) => judged.has(c));
}

/** The index of a Symfony Console app's command word and its lists: `php artisan W`, `./artisan W`, `php bin/console W`, `symfony console W`. */
function consoleWord(name: string, args: readonly ArgWord[]): { index: number; commands: readonly string[]; judged: ReadonlySet<string> } | undefined {
  const laravel = { commands: ARTISAN_COMMANDS, judged: ARTISAN_JUDGED };
  const symfony = { commands: CONSOLE_COMMANDS, judged: CONSOLE_JUDGED };
  if (name === 'artisan') return { index: 0, ...laravel };
  if (name === 'console') return { index: 0, ...symfony };
  const first = args[0]?.text ?? '';
  if ((name === 'php' || name === 'sail') && /(^|\/)artisan$/.test(first)) return { index: 1, ...laravel };
  if ((name === 'php' && /(^|\/)console$/.test(first)) || (name === 'symfony' && first === 'console')) return { index: 1, ...symfony };
  return undefined;
}

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
  const app = consoleWord(name, args);
  if (app !== undefined) {
    const word = args[app.index];
    const command = word && !word.dynamic ? symfonyCommandOf(word.text, app.commands, app.judged) : undefined;
    return command === undefined ? args : args.map((a, i) => (i === app.index ? { ...a, text: command, raw: command } : a));
  }
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
  const written = name === 'wget' ? wgetrcCommands(args) : args;
  return resolvedCommandWords(name, withoutUndoneDryRun(name, written) ?? written);
}

/**
 * wget's `-e`/`--execute` runs a wgetrc command as if it were in the file (`-e post_file=.env`, `--execute
 * 'body_file = x'`): each is the long option of the same name (wget's manual, "Wgetrc Commands"), written so.
 */
/** wgetrc commands that send or shape a request, by their bare name, as the long option of the same meaning. */
const WGETRC_OPTIONS: Readonly<Record<string, string>> = ownTable({ postfile: 'post-file', bodyfile: 'body-file', postdata: 'post-data', bodydata: 'body-data', method: 'method', header: 'header' });

function wgetrcCommands(args: ArgWord[]): ArgWord[] {
  const replaced = new Map<number, string>();
  const consumed = new Set<number>();
  for (const o of freeFormReadings(args).valued.options) {
    // `-e X`, `--execute=X`, `--execute X`; glued `-eX=Y` is read by the grammar as an option named `-eX`.
    const command = o.name === '-e' || o.name === '--execute' ? o.values[0] : /^-e[A-Za-z_]/.test(o.written) ? o.written.slice(2) : undefined;
    const m = command === undefined || args[o.index]?.dynamic ? null : /^\s*([A-Za-z_-]+)\s*=\s*(.*?)\s*$/.exec(command);
    if (!m) continue;
    // wget reads a command's name without case, `-` or `_` (`postfile`, `POST_FILE`, `body-file`).
    const bare = m[1]!.toLowerCase().replace(/[-_]/g, '');
    replaced.set(o.index, `--${WGETRC_OPTIONS[bare] ?? m[1]!.toLowerCase().replace(/_/g, '-')}=${m[2]}`);
    for (const v of o.valueWords) if (v !== args[o.index]) consumed.add(args.indexOf(v));
  }
  if (replaced.size === 0) return args;
  return args.flatMap((a, i) => (consumed.has(i) ? [] : replaced.has(i) ? [{ ...a, text: replaced.get(i)!, raw: replaced.get(i)! }] : [a]));
}
