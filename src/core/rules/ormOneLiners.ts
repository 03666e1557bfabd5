import type { CodeSnippet, Finding, RuleContext, RulePack } from '../policy/types';
import { snippetDatabase } from './support/snippetDatabase';
import { everyRowOrmCall, frameworkConsole, gormEveryRow, gormSql, mayWriteRows, plainOrmCode, scopedModelWrite } from './support/ormMassCalls';
import { throwawayStore } from './support/throwawayStores';
import { scanSql } from './support/sqlScan';

/**
 * ORM calls in interpreter code that empty a table without a destroying SQL word (round 6, #18):
 * `User.query.delete()` (SQLAlchemy), `session.execute(delete(User))` with no WHERE, `User.objects.all().delete()`
 * (Django), `User.delete_all` (ActiveRecord), `destroy({ where: {} })` or `{ truncate: true }` (Sequelize),
 * `prisma.user.deleteMany()` with no filter, `knex('users').del()`, a TypeORM repository's `clear()`,
 * `User::truncate()` (Eloquent). A filtered call (`.filter(…).delete()`, `where: { id }`) is the program's
 * own routine work and stays allowed, as a scoped DELETE does. The database is the one the code names;
 * one it does not name is the program's configured database, whose environment is unknown.
 */
const EVERY_ROW: readonly [RegExp, string][] = [
  [/\b([A-Z]\w*)\.query\.delete\s*\(\s*\)/, 'SQLAlchemy $1.query.delete()'],
  [/\bsession\.query\s*\(\s*([A-Z]\w*)\s*\)\.delete\s*\(/, 'SQLAlchemy session.query($1).delete()'],
  [/\bexecute\s*\(\s*delete\s*\(\s*([A-Z]\w*)\s*\)\s*\)/, 'SQLAlchemy execute(delete($1)) without a where()'],
  [/\b([A-Z]\w*)\.objects\.(?:all\s*\(\s*\)\.)?(delete|update)\s*\(/, 'Django $1.objects.all().$2()'],
  [/\b([A-Z]\w*)(?:\.all|\.unscoped)?\.(delete_all|destroy_all|update_all)\b/, 'ActiveRecord $1.$2'],
  [/\b([A-Z]\w*)\.destroy\s*\(\s*\{\s*(?:where\s*:\s*\{\s*\}|truncate\s*:\s*true)/, 'Sequelize $1.destroy() of every row'],
  [/\.destroy\s*\(\s*\{\s*(?:where\s*:\s*\{\s*\}\s*,\s*)?truncate\s*:\s*true/, 'Sequelize destroy({ truncate: true })'],
  [/\b([A-Z]\w*)\.truncate\s*\(\s*(?:\{[^}]*\})?\s*\)/, '$1.truncate()'],
  [/\bprisma\.(\w+)\.(deleteMany|updateMany)\s*\(\s*(?:\{\s*\})?\s*\)/, 'Prisma $1.$2() with no filter'],
  [/\bknex\s*\(\s*['"]([\w.]+)['"]\s*\)\s*\.(del|delete|truncate)\s*\(\s*\)/, "knex('$1').$2()"],
  [/\bgetRepository\s*\(\s*(\w+)\s*\)\s*\.clear\s*\(\s*\)|\.manager\.clear\s*\(\s*(\w+)\s*\)/, 'TypeORM clear($1$2)'],
  [/\b([A-Z]\w*)::(?:truncate\s*\(|query\s*\(\s*\)\s*->\s*delete\s*\(\s*\))/, 'Eloquent $1::truncate()'],
];

export function everyRowCall(code: string): string | undefined {
  const text = code.length > 200_000 ? code.slice(0, 200_000) : code;
  for (const [re, shown] of EVERY_ROW) {
    const m = re.exec(text);
    if (m) return shown.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? '');
  }
  return undefined;
}

/** Go source (`go run`): GORM's every-row calls and the SQL it runs as written (`db.Exec("TRUNCATE users")`). */
function compiledCall(code: string): string | undefined {
  if (!/\bgorm\b/.test(code)) return undefined;
  const sql = gormSql(code).flatMap(scanSql).find((s) => s.effect === 'destroy');
  return gormEveryRow(code) ?? (sql ? `GORM Exec of ${sql.summary}` : undefined);
}

function checkSnippet(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (!['python', 'javascript', 'ruby', 'php', 'compiled'].includes(snippet.language)) return [];
  if (!mayWriteRows(snippet.text)) return [];
  const plain = snippet.language === 'compiled' ? '' : plainOrmCode(snippet.text);
  const call = snippet.language === 'compiled' ? compiledCall(snippet.text) : (everyRowCall(plain) ?? everyRowOrmCall(plain));
  const inv = snippet.runner;
  // A filtered model call outside the framework's console (which the frameworks pack reads with its environment).
  const scoped = call === undefined && snippet.language !== 'compiled' && !frameworkConsole([inv.name, ...inv.args.map((a) => a.text)]) ? scopedModelWrite(snippet.text) : undefined;
  if ((!call && !scoped) || throwawayStore(snippet, ctx.facts)) return [];
  const db = snippetDatabase(snippet, ctx);
  if (!db) return [];
  const { name, target } = db;
  if (call) return [{ rule: 'orm-one-liners.every-row', risk: 'destructive', severity: 'ask', reason: `${inv.name} code calls ${call}, which deletes or rewrites every row of a table in ${name}.`, targets: [target] }];
  if (target.environment !== 'production' && !(target.environment === 'unknown' && target.remote)) return [];
  return [{ rule: 'orm-one-liners.scoped-write', risk: 'destructive', severity: 'ask', reason: `${inv.name} code calls ${scoped}, which deletes or rewrites the rows it picks in ${name}, ${target.environment === 'production' ? 'which is production' : 'whose environment the line does not say'}.`, targets: [target] }];
}

export const ormOneLinersPack: RulePack = {
  id: 'orm-one-liners',
  title: 'ORM calls in interpreter code that empty a table',
  checkSnippet,
};
