import type { CodeSnippet, Finding, RuleContext } from '../policy/types';
import { snippetDatabase } from './support/snippetDatabase';

/** The migration pack's reading of program code: an ORM told to drop its schema. */

/** ORM and framework calls that drop every table or the database (from each library's API reference). */
const ORM_SCHEMA_DROPS: readonly [RegExp, string][] = [
  [/\b(?:metadata|Base\.metadata|SQLModel\.metadata|db)\.drop_all\s*\(/, 'SQLAlchemy drop_all()'],
  // `m = MetaData(); m.reflect(e); m.drop_all(e)` (round 7): the reflected schema under any name.
  [/\bMetaData\s*\([\s\S]{0,600}?\.drop_all\s*\(/, 'SQLAlchemy MetaData.drop_all()'],
  [/\.__table__\.drop\s*\(/, 'SQLAlchemy Table.drop()'],
  [/\.drop_tables\s*\(/, 'Peewee drop_tables()'],
  [/\bcall_command\s*\(\s*['"](flush|reset_db|reset_schema)['"]/, "Django call_command('$1')"],
  [/\.sync\s*\(\s*\{[^}]*\bforce\s*:\s*true/, 'Sequelize sync({ force: true })'],
  [/\bsequelize\.drop\s*\(|\.dropAllTables\s*\(|\.dropAllSchemas\s*\(/, 'Sequelize drop()'],
  [/\.synchronize\s*\(\s*true\s*\)|\bdropSchema\s*:\s*true\b/, 'TypeORM synchronize(true) / dropSchema'],
  [/\bschema\.dropTable(?:IfExists)?\s*\(/, 'Knex schema.dropTable()'],
  [/\bmigrate\.rollback\s*\([^)]*\btrue\b/, 'Knex migrate.rollback(all)'],
  [/\bSchema::drop(?:IfExists|AllTables)?\s*\(|Artisan::call\s*\(\s*['"](migrate:fresh|migrate:reset|db:wipe)/, 'Laravel Schema::drop() / Artisan::call()'],
  [/\bconnection\.drop_table\b|DatabaseTasks\.(drop|purge)|\bdrop_table\s+:/, 'ActiveRecord drop_table'],
  [/\bEcto\.Migrator\.run\s*\([^)]*:down[^)]*all:\s*true/, 'Ecto.Migrator.run(:down, all: true)'],
];

function schemaDropIn(code: string): string | undefined {
  const text = code.length > 200_000 ? code.slice(0, 200_000) : code;
  for (const [re, shown] of ORM_SCHEMA_DROPS) {
    const m = re.exec(text);
    if (m) return shown.replace('$1', m[1] ?? '');
  }
  return undefined;
}

export function checkSchemaDropSnippet(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (!['python', 'javascript', 'ruby', 'php'].includes(snippet.language)) return [];
  const call = schemaDropIn(snippet.text);
  if (!call) return [];
  const db = snippetDatabase(snippet, ctx);
  if (!db) return [];
  const { name, target } = db;
  const inv = snippet.runner;
  return [{ rule: 'migrations.orm-schema-drop', risk: 'destructive', severity: 'ask', reason: `${inv.name} code calls ${call}, which drops every table of ${name}.`, targets: [target] }];
}

