/**
 * A framework's command called through its programming API instead of its command line: the call is
 * that command line, judged where the command line is (round 21). Alembic's command API
 * (`command.downgrade(Config('alembic.ini'), 'base')` is `alembic downgrade base`), Flask-Migrate's
 * functions (`downgrade(revision='base')` is `flask db downgrade base`), Django's `call_command('migrate',
 * 'app', 'zero')` (`django-admin migrate app zero`, under any alias or module path), a framework's
 * module run as `__main__` (`runpy.run_module('alembic')`, `runpy.run_path('manage.py')` with the
 * `sys.argv` the code sets), Rake tasks invoked from Ruby (`Rake::Task['db:drop'].invoke`,
 * `Rake.application.invoke_task('db:drop')`: `rake db:drop`), Rails' own command runner
 * (`Rails::Command.invoke('db:drop')`), Laravel's `Artisan::call('migrate:rollback')` and Umzug's `down({ to: 0 })`.
 * An argument that is no string literal is a run-time word (the command it stands for is judged with
 * it, and a computed command asks).
 */

import type { SnippetLanguage } from './ast';
import { DYNAMIC_WORD, type ShellOut } from './embedded';
import { calleesOf, type CliMain } from './cliMains';
import { callPieces } from './codeArguments';

/** One Python argument as a command-line word: a string literal's text, else a run-time word. */
function literal(arg: string): string {
  const t = arg.trim();
  const m = /^[rbu]?(['"])(.*)\1$/s.exec(t);
  if (m) return m[2]!;
  return /^-?\d+$/.test(t) ? t : DYNAMIC_WORD;
}

/** A call's arguments (the text after its `(`) as positional and keyword ones; undefined when the call does not close. */
export function callArguments(text: string): { positional: string[]; keywords: Record<string, string> } | undefined {
  const pieces = callPieces(text);
  if (pieces === undefined) return undefined;
  const positional: string[] = [];
  const keywords: Record<string, string> = {};
  for (const part of pieces) {
    const kw = /^(\w+)\s*=(?!=)\s*([\s\S]+)$/.exec(part);
    if (kw) keywords[kw[1]!] = kw[2]!;
    else positional.push(part);
  }
  return { positional, keywords };
}

/** Every call of `callee` (a regular expression source) with its arguments read. */
function callsTo(code: string, callee: string): { positional: string[]; keywords: Record<string, string> }[] {
  const out: { positional: string[]; keywords: Record<string, string> }[] = [];
  for (const m of code.matchAll(new RegExp(`(?<![\\w.])${callee}\\s*\\(`, 'g'))) {
    const args = callArguments(code.slice(m.index + m[0].length, m.index + m[0].length + 4000));
    out.push(args ?? { positional: [DYNAMIC_WORD], keywords: {} });
  }
  return out;
}

/** Keyword arguments as options (`database='x'` is `--database=x`, `interactive=False` is left out: only a prompt). */
function keywordOptions(keywords: Record<string, string>, skip: readonly string[]): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(keywords)) {
    if (skip.includes(k) || /^(False|None)$/.test(v.trim())) continue;
    out.push(v.trim() === 'True' ? `--${k}` : `--${k}=${literal(v)}`);
  }
  return out;
}

/** Alembic's command API: each function takes the configuration first, then the revision (`alembic.command`). */
const ALEMBIC_COMMANDS = ['upgrade', 'downgrade', 'stamp', 'revision', 'merge', 'edit', 'ensure_version'];
/** Flask-Migrate's functions: the migrations folder first, then the revision; their defaults when none is given. */
const FLASK_MIGRATE: Readonly<Record<string, string | undefined>> = { upgrade: 'head', downgrade: '-1', stamp: 'head', migrate: undefined, revision: undefined, merge: undefined, init: undefined };

function pythonApis(code: string, argv: readonly string[], out: ShellOut[]): void {
  if (/\balembic\b/.test(code)) {
    for (const fn of ALEMBIC_COMMANDS) {
      const main: CliMain = { module: 'alembic.command', fn, program: 'alembic' };
      for (const callee of calleesOf(code, main)) {
        for (const { positional, keywords } of callsTo(code, callee)) {
          const revision = keywords.revision ?? positional[1];
          out.push({ kind: 'argv', api: `alembic.command.${fn}`, argv: ['alembic', fn, ...(revision !== undefined ? [literal(revision)] : []), ...(keywords.sql?.trim() === 'True' ? ['--sql'] : [])] });
        }
      }
    }
  }
  if (/\bflask_migrate\b/.test(code)) {
    for (const [fn, usual] of Object.entries(FLASK_MIGRATE)) {
      for (const callee of calleesOf(code, { module: 'flask_migrate', fn, program: 'flask' })) {
        for (const { positional, keywords } of callsTo(code, callee)) {
          const revision = keywords.revision ?? positional[1] ?? usual;
          out.push({ kind: 'argv', api: `flask_migrate.${fn}`, argv: ['flask', 'db', fn, ...(revision !== undefined ? [literal(revision)] : []), ...(keywords.sql?.trim() === 'True' ? ['--sql'] : [])] });
        }
      }
    }
  }
  if (code.includes('call_command')) {
    for (const callee of calleesOf(code, { module: 'django.core.management', fn: 'call_command', program: 'django-admin' })) {
      for (const { positional, keywords } of callsTo(code, callee)) {
        out.push({ kind: 'argv', api: 'django.core.management.call_command', argv: ['django-admin', ...positional.map(literal), ...keywordOptions(keywords, ['stdout', 'stderr', 'verbosity', 'interactive', 'skip_checks'])] });
      }
    }
  }
  // `runpy.run_path('manage.py')`: the project's manage.py with the arguments the code set (`sys.argv`).
  for (const m of code.matchAll(/\brun_path\s*\(\s*(['"])([^'"]*manage\.py)\1/g)) {
    const set = [...code.matchAll(/\bsys\s*\.\s*argv\s*=\s*\[([^\]]*)\]/g)].at(-1);
    const words = set ? (callArguments(set[1]! + ')')?.positional ?? []).map(literal).slice(1) : argv;
    out.push(words.length > 0 ? { kind: 'argv', api: `runpy.run_path('${m[2]}')`, argv: ['django-admin', ...words] } : { kind: 'dynamic', api: `runpy.run_path('${m[2]}')` });
  }
}

/** Ruby: Rake tasks invoked from code, and Rails' command runner. */
function rubyApis(code: string, out: ShellOut[]): void {
  if (/\bRake\b/.test(code)) {
    // `Rake::Task['db:drop'].invoke`, `Rake::Task[:"db:drop"].execute`, `Rake.application['db:drop'].invoke`, `Rake::Task[name]`.
    for (const m of code.matchAll(/\bRake\s*(?:::\s*Task|\.\s*application)\s*\[\s*([^\]]*)\]\s*\.\s*(?:invoke|execute|invoke_with_call_chain)\b/g)) {
      const task = /^:?(['"])([^'"]*)\1$|^:([\w:]+)$/.exec(m[1]!.trim());
      out.push({ kind: 'argv', api: 'Rake::Task[].invoke', argv: ['rake', task ? (task[2] ?? task[3]!) : DYNAMIC_WORD] });
    }
    for (const m of code.matchAll(/\bRake\s*\.\s*application\s*\.\s*(?:invoke_task|top_level|run)\s*\(?\s*([^)\n;]*)/g)) {
      const task = /^(['"])([^'"]*)\1/.exec(m[1]!.trim());
      out.push({ kind: 'argv', api: 'Rake.application.invoke_task', argv: ['rake', task ? task[2]! : DYNAMIC_WORD] });
    }
  }
  // ActiveRecord's migrator driven from code (round 25): `MigrationContext.new(path).migrate(0)` (every migration
  // reverted), `.rollback(n)` / `.down(v)` / `.run(:down, v)`, `Migrator.migrate(path, 0)`, and
  // `ActiveRecord::Tasks::DatabaseTasks.drop_current` / `purge_current`: the tasks they stand for.
  if (/\b(?:MigrationContext|Migrator|migration_context|DatabaseTasks)\b/.test(code)) {
    for (const m of code.matchAll(/\.\s*migrate\s*\(\s*(?:[^,()]*,\s*)?(0|nil|:?\w+)?\s*\)/g)) {
      if (m[1] === '0') out.push({ kind: 'argv', api: 'ActiveRecord migrate(0)', argv: ['rails', 'db:migrate', 'VERSION=0'] });
    }
    if (/\.\s*(?:rollback|down)\s*\(|\.\s*run\s*\(\s*:down\b/.test(code)) out.push({ kind: 'argv', api: 'ActiveRecord rollback', argv: ['rails', 'db:rollback'] });
    for (const m of code.matchAll(/\bDatabaseTasks\s*\.\s*(drop_current|drop_all|purge_current|purge_all|truncate_all)\b/g)) {
      out.push({ kind: 'argv', api: `DatabaseTasks.${m[1]}`, argv: ['rails', m[1]!.startsWith('truncate') ? 'db:truncate_all' : m[1]!.startsWith('purge') ? 'db:purge' : m[1] === 'drop_all' ? 'db:drop:all' : 'db:drop'] });
    }
  }
  for (const m of code.matchAll(/\bRails\s*::\s*Command\s*\.\s*invoke\s*\(?\s*(:?(['"])([^'"]*)\2|:([\w:]+))?/g)) {
    const task = m[3] ?? m[4];
    out.push(task !== undefined ? { kind: 'argv', api: 'Rails::Command.invoke', argv: ['rails', task] } : { kind: 'dynamic', api: 'Rails::Command.invoke' });
  }
}

/** PHP: Laravel's `Artisan::call('migrate:rollback', ['--step' => 5])` is `php artisan migrate:rollback`. */
function phpApis(code: string, out: ShellOut[]): void {
  for (const m of code.matchAll(/\bArtisan\s*::\s*(?:call|queue)\s*\(\s*(['"])([^'"]*)\1/g)) {
    out.push({ kind: 'argv', api: 'Artisan::call', argv: ['php', 'artisan', ...m[2]!.split(/\s+/).filter((w) => w !== '')] });
  }
  if (/\bArtisan\s*::\s*(?:call|queue)\s*\(\s*(?!['"\s])/.test(code)) out.push({ kind: 'dynamic', api: 'Artisan::call' });
}

/** JavaScript: Umzug (Sequelize's migrator) told to revert down to nothing (`umzug.down({ to: 0 })`) is `sequelize db:migrate:undo:all`. */
function javascriptApis(code: string, out: ShellOut[]): void {
  if (!/\bumzug\b/i.test(code)) return;
  for (const m of code.matchAll(/\.\s*down\s*\(\s*\{[^}]*\bto\s*:\s*(0|['"]0['"])\s*[,}]/g)) out.push({ kind: 'argv', api: `Umzug.down at ${m.index}`, argv: ['sequelize', 'db:migrate:undo:all'] });
}

/** Every framework command the code runs through an API, as the command line it stands for. */
export function frameworkApiCalls(language: SnippetLanguage, code: string, argv: readonly string[] = []): ShellOut[] {
  const out: ShellOut[] = [];
  if (language === 'python') pythonApis(code, argv, out);
  else if (language === 'ruby') rubyApis(code, out);
  else if (language === 'php') phpApis(code, out);
  else if (language === 'javascript') javascriptApis(code, out);
  return out;
}
