/**
 * ORM and query-builder calls that delete or rewrite every row, read by what they mean rather than by one
 * spelling (red team rounds 14 and 15). The code is first brought to a plain form:
 *
 * - a method called by a literal name is the method (`User.public_send(:delete_all)`, `getattr(qs, "delete")()`,
 *   `p.user['delete' + 'Many']()`);
 * - a filter that keeps every row is no filter (`where('1=1')`, `whereRaw('1=1')`, `.where(true)`, `where({})`,
 *   `{ where: {} }`, Django's empty `filter()`).
 *
 * Then a call is every row when nothing narrows it: ActiveRecord's bulk calls after `all`/`in_batches`, or each
 * record destroyed in turn (`find_each(&:destroy)`), `all.update!`, `upsert_all` over every record; an empty criteria
 * object (`delete({})`, `nativeDelete('User', {})`, `updateMany({}, …)`, Sequelize `update(v, {})`, `bulkDelete('t', null)`);
 * a builder chain with no where (Laravel `DB::table('t')->update([...])`, TypeORM `createQueryBuilder().delete().execute()`,
 * Objection `User.query().delete()`, SQLModel `exec(delete(User))`, SQLAlchemy `update(User).values(…)`, Tortoise
 * `User.all().delete()`, Pony `delete(u for u in User)`); a whole store emptied by the ORM itself (Sequelize `truncate()`
 * or `sync({ force: true })`, MikroORM's schema generator, `truncate_tables`). A call narrowed by a real filter is the
 * program's routine work, as a scoped DELETE is.
 */

/** `['delete' + 'Many']`, `["deleteMany"]`: a member named by literals, as a plain member. */
function literalMembers(code: string): string {
  return code.replace(/\[\s*((?:(['"`])\w*\2\s*\+\s*)*(['"`])\w*\3)\s*\]/g, (whole, pieces: string) => {
    const name = pieces.replace(/['"`\s+]/g, '');
    return /^[A-Za-z_]\w*$/.test(name) ? `.${name}` : whole;
  });
}

/**
 * A condition on the primary key that every row meets (red team round 16): the key is never null and an
 * auto-increment key is positive, so `filter(pk__isnull=False)`, `filter(id__gt=0)`, `exclude(pk=None)`,
 * `whereNotNull('id')`, `where("id", ">", 0)`, `where("id > 0")`, `where(User.id > 0)`, `{ id: { [Op.gt]: 0 } }` and
 * `{ _id: { $ne: null } }` narrow nothing. A bound that can exclude a row (`id__gt=100`, `id > 42`) is a real filter.
 */
const KEY = String.raw`(?:pk|id|_id|ID|Id)`;
const keyName = (group: string): string => String.raw`(?:(?<${group}>['"\x60])(?:\w+\.)?${KEY}\k<${group}>|(?:[A-Z]\w*\.)?${KEY})`;
const KEY_NAME = keyName('kq');
const NOT_NULL = String.raw`(?:!=|<>|\bis\s+not|\bIS\s+NOT)\s*(?:null|NULL|None|nil|-\s*\d+\b)|\.(?:isnot|is_not)\s*\(\s*None\s*\)|\.is_null\s*\(\s*False\s*\)`;
/** A lower bound every key meets: above 0 or any negative number, at least 0, 1 or a negative number (round 18). */
const BELOW_KEYS = String.raw`(?:-\s*\d+|0)(?![\w.])`;
const AT_MOST_FIRST = String.raw`(?:-\s*\d+|0|1)(?![\w.])`;
const POSITIVE = String.raw`(?:>\s*${BELOW_KEYS}|>=\s*${AT_MOST_FIRST})(?!\s*[\w.])`;
/** A creation time at or before now: every row was created in the past (`created_at__lte=timezone.now()`, `..Time.now`). */
const CREATED = String.raw`(?:created_at|createdAt|created_on|created|inserted_at|insertedAt|date_joined|createdDate)`;
const NOW = String.raw`(?:timezone\.now|datetime\.(?:now|utcnow)|datetime\.datetime\.(?:now|utcnow)|now|Time\.(?:now|current)|DateTime\.now|Date\.now|new\s+Date)\s*(?:\(\s*\))?`;
/** Inside a filter's parentheses: Django lookups, knex/Laravel triples, SQL text and SQLAlchemy/peewee comparisons. */
const KEY_TAUTOLOGY = [
  String.raw`(?:Q\s*\(\s*)?(?:${KEY}__isnull\s*=\s*False|${KEY}__gt\s*=\s*${BELOW_KEYS}|${KEY}__gte\s*=\s*${AT_MOST_FIRST})(?:\s*\))?`,
  // Django: `~Q(pk=None)`, an empty substring every text contains, a creation time before now.
  String.raw`~\s*Q\s*\(\s*${KEY}\s*=\s*(?:None|${BELOW_KEYS})\s*\)|\w+__i?(?:contains|startswith|endswith)\s*=\s*(?<eq>['"])\k<eq>|${CREATED}__(?:lte|lt)\s*=\s*${NOW}`,
  // SQL text with a placeholder bound to a number every key passes: `where("id >= ?", 0)`; Rails ranges `id: 1..`, `created_at: ..Time.now`.
  String.raw`(?<pq>['"])\s*(?:\w+\.)?${KEY}\s*(?:>|>=)\s*\?\s*\k<pq>\s*,\s*${BELOW_KEYS}|(?<rq>['"])\s*(?:\w+\.)?${KEY}\s*>=\s*\?\s*\k<rq>\s*,\s*1(?![\w.])|:?${KEY}\s*(?::|=>)\s*\(?\s*(?:-\s*\d+|0|1)\s*\.\.\.?\s*(?:\)|(?=\s*\)))|:?${CREATED}\s*(?::|=>)\s*\(?\s*\.\.\.?\s*${NOW}\s*\)?`,
  String.raw`(?<tq>['"])(?:\w+\.)?${KEY}\k<tq>\s*,\s*(?:(?<oq>['"])(?:>|!=|<>)\k<oq>\s*,\s*(?:null|NULL|${BELOW_KEYS})|(?<vq>['"])>=\k<vq>\s*,\s*${AT_MOST_FIRST})`,
  String.raw`(?<sq>['"])\s*(?:\w+\.)?${KEY}\s*(?:${POSITIVE}|(?:!=|<>)\s*${BELOW_KEYS}|(?:!=|<>|is\s+not|IS\s+NOT)\s*(?:null|NULL))\s*\k<sq>`,
  String.raw`[A-Z]\w*\.${KEY}\s*(?:${POSITIVE}|${NOT_NULL})|(?:sa\.|sqlalchemy\.|db\.)?literal\s*\(\s*(?:True|1)\s*\)`,
].join('|');
/** `$gt` (MongoDB), `[Op.gt]` (Sequelize, however `Op` is reached). */
const OPERATOR = (names: string): string => String.raw`(?:['"]?\$?(?:${names})['"]?|\[[^\[\]]{0,80}?\bOp\.(?:${names})\s*\])`;
/** A criteria object whose only condition is a key tautology: `{ _id: { $ne: null } }`, `{ id: { [Op.gt]: 0 } }`. */
const KEY_CRITERIA = new RegExp(
  String.raw`\{\s*(?:${KEY_NAME}\s*:\s*\{\s*(?:${OPERATOR('ne|not')}\s*:\s*(?:null|None|${BELOW_KEYS})|${OPERATOR('gt')}\s*:\s*${BELOW_KEYS}|${OPERATOR('gte')}\s*:\s*${AT_MOST_FIRST}|${OPERATOR('exists')}\s*:\s*(?:true|True|1)|${OPERATOR('type')}\s*:\s*['"](?:objectId|7)['"]|${OPERATOR('nin|notIn')}\s*:\s*\[\s*\])(?![\w.])\s*\}` +
    // Prisma `NOT: { id: -1 }` (no row has that key), Mongo `$nor: []`, a creation time before now (`createdAt: { $lt: new Date() }`).
    String.raw`|['"]?\$?NOT['"]?\s*:\s*\{\s*${keyName('nk')}\s*:\s*(?:null|None|-\s*\d+)\s*\}|['"]?\$nor['"]?\s*:\s*\[\s*\]|${CREATED}\s*:\s*\{\s*${OPERATOR('lt|lte')}\s*:\s*${NOW}\s*\})\s*\}`,
  'g',
);

/** `code` with each criteria object that only says "the key is set" written as the empty object it amounts to. */
export function keyCriteriaCleared(code: string): string {
  return /_?id\b|\bpk\b|nor|created|inserted/i.test(code) ? code.replace(KEY_CRITERIA, '{}') : code;
}

/** A filter whose condition holds for every row. */
const TAUTOLOGY = String.raw`\s*(?:(?:(?:Sequel|sa|sqlalchemy|knex|db)\.)?(?:lit|text|raw|literal|literal_column)\s*\(\s*(?<lq>['"\x60])\s*(?:1\s*=\s*1|true|1)\s*\k<lq>\s*\)|(?<q>['"\x60])\s*(?:1\s*=\s*1|true|1|'1'\s*=\s*'1'|1\s*<>\s*0)\s*\k<q>|\{\s*\}|\[\s*\]|true|TRUE|True|nil|null|None|(?:sa\.|sqlalchemy\.|db\.)?true\s*\(\s*\))?\s*`;
const ALL_ROWS_FILTER = new RegExp(String.raw`(\.|->|::)\s*(?:where|whereRaw|andWhere|orWhere|Where|filter|filter_by)\s*\(${TAUTOLOGY}\)`, 'g');
/** The same over the key; `exclude` keeps every row when what it excludes is no row (`exclude(pk=None)`). */
const KEY_FILTER = new RegExp(
  String.raw`(\.|->|::)\s*(?:(?:where|whereRaw|andWhere|Where|filter|filter_by)\s*\(\s*(?:${KEY_TAUTOLOGY})\s*\)|whereNotNull\s*\(\s*(?<nq>['"])(?:\w+\.)?${KEY}\k<nq>\s*\)|whereNot\s*\(\s*(?<wq>['"])(?:\w+\.)?${KEY}\k<wq>\s*,\s*(?:null|-\s*\d+)\s*\)|where\.not\s*\(\s*:?${KEY}\s*(?::|=>)\s*nil\s*\)|exclude\s*\(\s*(?:${KEY}\s*=\s*(?:None|${BELOW_KEYS})|${KEY}__isnull\s*=\s*True|${KEY}__(?:lt|lte)\s*=\s*${BELOW_KEYS}|${KEY}__in\s*=\s*(?:\[\s*\]|\(\s*\)))?\s*\)|whereNotIn\s*\(\s*(?<xq>['"])(?:\w+\.)?${KEY}\k<xq>\s*,\s*\[\s*\]\s*\))`,
  'g',
);

export function plainOrmCode(code: string): string {
  let text = code.length > 100_000 ? code.slice(0, 100_000) : code;
  // Ruby: `x.public_send(:delete_all)`, `x.send("destroy_all")`, `x.__send__(:update_all, …)`.
  if (text.includes('send') || text.includes('try')) text = text.replace(/\.(?:public_send|send|__send__|try!?)\s*\(\s*(?::|(['"]))(\w+[!?]?)\1?\s*(?:,\s*)?/g, (_, _q, name: string) => `.${name}(`);
  // Python: `getattr(User.objects.all(), "delete")()`.
  if (text.includes('getattr')) text = text.replace(/\bgetattr\s*\(\s*([\w.]+(?:\([^()]*\))?(?:\.\w+(?:\([^()]*\))?)*)\s*,\s*(['"])(\w+)\2\s*\)/g, '$1.$3');
  if (text.includes('[')) text = literalMembers(text);
  // Python: `map(methodcaller('delete'), Order.objects.all())`, each item's method called: the method over them all.
  if (text.includes('methodcaller')) text = text.replace(/\b(?:list\s*\(\s*)?map\s*\(\s*(?:operator\.)?methodcaller\s*\(\s*(['"])(\w+)\1\s*\)\s*,\s*([\w.]+(?:\([^()]*\))?(?:\.\w+(?:\([^()]*\))?)*)\s*\)/g, '$3.$2()');
  // Django's other managers and its internal delete: `_default_manager`, `_base_manager`, `_raw_delete(using)`.
  if (text.includes('._')) text = text.replace(/\.(?:_default_manager|_base_manager)\b/g, '.objects').replace(/\._raw_delete\s*\(/g, '.delete(');
  // A key among the keys of every row of the same table: `Order.objects.filter(pk__in=Order.objects.values('pk'))`,
  // `knex('users').whereIn('id', knex('users').select('id'))`.
  if (/__in\b|whereIn/.test(text)) {
    text = text
      .replace(new RegExp(String.raw`\b([A-Z]\w*)\.objects\.filter\s*\(\s*${KEY}__in\s*=\s*\1\.objects\.(?:all\s*\(\s*\)|values(?:_list)?\s*\(\s*(?<vq>['"])${KEY}\k<vq>\s*(?:,\s*flat\s*=\s*True\s*)?\))\s*\)`, 'g'), '$1.objects')
      .replace(new RegExp(String.raw`(?<tq>['"])(\w+)\k<tq>\s*\)\s*\.whereIn\s*\(\s*(?<iq>['"])${KEY}\k<iq>\s*,\s*\w+\s*\(\s*(?<sq>['"])\2\k<sq>\s*\)\s*\.select\s*\(\s*(?<cq>['"])${KEY}\k<cq>\s*\)\s*\)`, 'g'), (_m, q: string, t: string) => `${q}${t}${q})`);
  }
  text = keyCriteriaCleared(text);
  if (!/where|filter|exclude/i.test(text)) return text;
  const noFilter = (_: string, sep: string) => (sep === '::' ? '::query()' : '');
  text = text.replace(ALL_ROWS_FILTER, noFilter).replace(KEY_FILTER, noFilter);
  // `{ where: {} }` in an options object: no where at all.
  text = text.replace(/\bwhere\s*:\s*\{\s*\}\s*,?\s*/g, '');
  return text;
}

/** Every-row calls over the plain form, each with the words the reason shows. */
const EVERY_ROW: readonly [RegExp, string][] = [
  // ActiveRecord.
  [/\b([A-Z]\w*)(?:\.(?:all|unscoped|in_batches|find_in_batches)(?:\([^()]*\))?)*\.(delete_all|destroy_all|update_all|touch_all)\b/, 'ActiveRecord $1 … $2 over every record'],
  [/\b([A-Z]\w*)(?:\.(?:all|unscoped))?\.(?:find_each|each|find_in_batches|in_batches|each_record)(?:\([^()]*\))?\s*(?:\(\s*&:(destroy!?|delete)\s*\)|(?:\{|\bdo\b)\s*\|\s*(\w+)\s*\|\s*\3\.(destroy!?|delete|update!?|update_columns?)\b)/, 'ActiveRecord $1: each record destroyed in turn ($2$4)'],
  [/\b([A-Z]\w*)\.(?:all|unscoped)\.(update!?|destroy!?|delete|update_columns)\s*\(/, 'ActiveRecord $1.all.$2 over every record'],
  [/\b([A-Z]\w*)\.(?:all|unscoped)\.(?:map|collect|flat_map|each_with_index)\s*(?:\(\s*&:(destroy!?|delete)\s*\)|(?:\{|\bdo\b)\s*\|\s*(\w+)\s*(?:,\s*\w+\s*)?\|\s*\3\.(destroy!?|delete)\b)/, 'ActiveRecord $1: each record destroyed in turn ($2$4)'],
  [/\b[A-Z]\w*\.upsert_all\s*\([^;]*?\b([A-Z]\w*)\.(?:all|find_each|pluck|ids|select|map)\b/, 'ActiveRecord upsert_all rewriting every record of $1'],
  [/\.truncate_tables\s*\(/, 'ActiveRecord truncate_tables'],
  // Django and Tortoise querysets with nothing narrowing them.
  [/\b([A-Z]\w*)\.(?:objects(?:\s*\(\s*\))?|all\s*\(\s*\))\.(?:all\s*\(\s*\)\.)?(delete|update)\s*\(/, '$1 queryset $2() over every row'],
  // Laravel's query builder and Eloquent with no where in the chain.
  [/\bDB::table\s*\(\s*['"]([\w.]+)['"]\s*\)\s*->\s*(truncate|delete|update|forceDelete)\s*\(/, "Laravel DB::table('$1')->$2() with no where"],
  [/\b([A-Z]\w*)::(?:query\s*\(\s*\)|all\s*\(\s*\))\s*->\s*(update|delete|forceDelete|each\s*->\s*delete)\s*\(?/, 'Eloquent $1::query()->$2() with no where'],
  // Empty criteria objects: TypeORM, MikroORM, Mongoose/MongoDB, Prisma, Sequelize, knex.
  [/\.(delete|softDelete|destroy)\s*\(\s*\{\s*\}\s*\)|\.(update)\s*\(\s*\{\s*\}\s*,/, '$1$2({}) with empty criteria'],
  [/\.(nativeDelete|nativeUpdate)\s*\(\s*(?:[\w.]+|['"]\w+['"])\s*,\s*\{\s*\}\s*[,)]/, 'MikroORM $1 with an empty filter'],
  [/\.(updateMany|update_many|replaceMany)\s*\(\s*\{\s*\}\s*,/, '$1 with an empty filter'],
  [/\.(\w+)\.(deleteMany|updateMany)\s*\(\s*(?:\{\s*(?:data\s*:[\s\S]{0,300}?)?\})?\s*\)/, '$1.$2() with no where (Prisma, Mongoose)'],
  [/\.update\s*\(\s*\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}\s*,\s*\{\s*\}\s*\)/, 'Sequelize update() with no where'],
  [/\.bulkDelete\s*\(\s*['"]([\w.]+)['"]\s*(?:\)|,\s*(?:null|undefined|\{\s*\})\s*[,)])/, "Sequelize queryInterface bulkDelete('$1') with no where"],
  [/\.bulkUpdate\s*\(\s*['"]([\w.]+)['"]\s*,\s*\{[^{}]*\}\s*(?:,\s*(?:null|undefined|\{\s*\}))?\s*\)/, "Sequelize queryInterface bulkUpdate('$1') with no where"],
  [/\b(?:new\s+Sequelize\b|sequelize\b)[\s\S]{0,400}?\b\w+\.(truncate)\s*\(\s*(?:\{[^{}]*\})?\s*\)/, 'Sequelize truncate() of every model'],
  [/\.sync\s*\(\s*\{[^{}]*\bforce\s*:\s*true/, 'Sequelize sync({ force: true }) (drops and recreates every table)'],
  [/\bgetSchemaGenerator\s*\(\s*\)\s*\.(dropSchema|refreshDatabase|dropDatabase|clearDatabase)\s*\(/, 'MikroORM schema generator $1()'],
  [/(?:\b(?:knex|db|trx|k|qb)\s*\(|\.(?:table|from)\s*\()\s*['"]([\w.]+)['"]\s*\)\s*\.(del|delete|truncate|update)\s*\((?![^;\n]*\.(?:eq|neq|match|in|filter|where\w*|is|lt|lte|gt|gte|like|ilike|contains)\s*\()/, "knex('$1').$2() with no where"],
  [/\.createQueryBuilder\s*\([^()]*\)\s*\.(delete)\s*\(\s*\)(?:\s*\.from\s*\([^()]*\))?\s*\.execute\s*\(/, 'TypeORM query builder delete() with no where'],
  [/\.createQueryBuilder\s*\([^()]*\)\s*\.update\s*\([^()]*\)\s*\.set\s*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*\.execute\s*\(/, 'TypeORM query builder update() with no where'],
  // Objection.js: `User.query().delete()` / `.patch({...})` with no where.
  [/\b([A-Z]\w*)\.query\s*\(\s*\)\s*\.(delete|del|patch|update)\s*\((?![^;\n]*\.(?:where|whereIn|findById|findOne)\w*\s*\()/, 'Objection $1.query().$2() with no where'],
  // SQLAlchemy / SQLModel statements with no where.
  [/\.exec(?:ute)?\s*\(\s*(?:\w+\.)?(delete|update)\s*\(\s*[\w.]+\s*\)\s*(?:\.values\s*\([^()]*\)\s*)?\)/, 'SQLAlchemy/SQLModel $1 statement with no where'],
  // Peewee: `User.update(active=False).execute()`, `User.delete().execute()` (also after a where every row meets).
  [/\b([A-Z]\w*)\.(update|delete)\s*\([^()]*\)\s*\.execute\s*\(/, 'Peewee $1.$2(…).execute() with no where'],
  // Drizzle: `db.update(users).set({…})` runs over every row without `.where(…)` (its `delete(users)`: `libraryDataCalls.ts`).
  [/\bdrizzle\b[\s\S]{0,600}?\.(update)\s*\(\s*[\w.]+\s*\)\s*\.set\s*\(\s*\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}\s*\)(?!\s*\.where)/, 'Drizzle $1(…).set(…) with no where'],
  // Query builders on a database handle, with no where before the statement ends (round 18): Drizzle's `db.delete(users)` and
  // `db.update(users).set({…})` (a table object, not a quoted key), Kysely's `deleteFrom('users')…execute()` and
  // `updateTable('users').set(…)…execute()`, SQLAlchemy Core's `users.delete()` / `users.update().values(…)` executed.
  [/\b(?:db|tx|trx|database)\s*\.\s*(delete)\s*\(\s*(?!(?:k|x|e|el|item|entry|doc|obj)\s*\)|\w*(?:[Kk]eys?|[Ii]ds?|[Nn]ame|[Pp]ath|[Ff]ile|[Uu]rl|[Tt]oken)\s*\))([a-z]\w*)\s*\)(?!\s*\.\s*where)/, 'query builder $1($2) with no where'],
  [/\b(?:db|tx|trx|database)\s*\.\s*(update)\s*\(\s*([a-z]\w*)\s*\)\s*\.set\s*\(\s*\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}\s*\)(?!\s*\.\s*where)/, 'query builder $1($2).set(…) with no where'],
  [/\.(deleteFrom|updateTable)\s*\(\s*['"]([\w.]+)['"]\s*\)(?:\s*\.\s*(?!where)\w+\s*\([^()]*(?:\([^()]*\)[^()]*)*\))*?\s*\.\s*(?:execute|executeTakeFirst|executeTakeFirstOrThrow)\s*\(/, "Kysely $1('$2') with no where"],
  [/\.exec(?:ute)?\s*\(\s*([a-z]\w*)\.(delete|update)\s*\(\s*\)\s*(?:\.values\s*\([^()]*\)\s*)?\)/, 'SQLAlchemy Core $1.$2() with no where'],
  // Beanie (MongoDB ODM): `User.find_all().delete()`, `User.find().delete()`.
  [/\b([A-Z]\w*)\.(?:find_all|find)\s*\(\s*\)\s*\.(delete|update|delete_many|update_many)\s*\(/, 'Beanie $1.find_all().$2() over every document'],
  // Ruby Sequel datasets: `DB[:users].delete`, `Sequel.connect(…)[:users].truncate`, `DB.from(:users).update(…)`.
  [/(?:\bDB|\bSequel\b[^;\n]{0,200}?)(?:\[\s*:(\w+)\s*\]|\.from\s*\(\s*:(\w+)\s*\))\s*(?:\.(?:unfiltered|naked)\b\s*)?\.(?:(truncate|delete)\b(?!\s*\(\s*[^\s)])|(update)\s*\()/, 'Sequel dataset :$1$2.$3$4() with no where'],
  // Pony: `delete(u for u in User)` with no `if`.
  [/\bdelete\s*\(\s*(\w+)\s+for\s+\1\s+in\s+([A-Z]\w*)\s*\)/, 'Pony delete() of every $2'],
  // GORM (Go): a global update or delete switched on, or a condition that holds for every row.
  [/AllowGlobalUpdate\s*:\s*true[\s\S]{0,400}?\.(Delete|Update|Updates|UpdateColumn|UpdateColumns)\s*\(/, 'GORM $1 with AllowGlobalUpdate'],
  [/\.Delete\s*\(\s*&?\w+\{\s*\}\s*,\s*"(?:1\s*=\s*1|true)"\s*\)/, 'GORM Delete with a condition true for every row'],
  [/\.Migrator\s*\(\s*\)\s*\.(DropTable|DropColumn)\s*\(/, 'GORM Migrator().$1'],
];

/** A word every call below needs: code without one (most one-liners) is passed over at once. */
const MAY_WRITE_ROWS = /delet|destroy|updat|truncat|drop|upsert|sync|\.del\b|patch|expire|unlink|clear/i;

export function mayWriteRows(code: string): boolean {
  return MAY_WRITE_ROWS.test(code);
}

/** The first every-row call in code (already in plain form), for the reason. */
export function everyRowOrmCall(plain: string): string | undefined {
  if (!MAY_WRITE_ROWS.test(plain)) return undefined;
  for (const [re, shown] of EVERY_ROW) {
    const m = re.exec(plain);
    if (m) return shown.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? '').replace(/\s+/g, ' ');
  }
  return undefined;
}

/**
 * GORM in Go source: `db.Where("1=1").Delete(&User{})` is plain-formed to `db.Delete(&User{})`, which GORM refuses
 * without a condition; the tautology is what makes it every row, so it is read before the plain form.
 */
export function gormEveryRow(code: string): string | undefined {
  // Also a key bound every key passes (round 18): `Where("id > ?", 0)`, `Where("id IS NOT NULL")`, `Where("id >= 1")`.
  const m = /\.Where\s*\(\s*(?:"(?:1\s*=\s*1|true|1|(?:\w+\.)?(?:id|ID)\s*(?:>\s*0|>=\s*[01]|IS\s+NOT\s+NULL|is\s+not\s+null))"|"(?:\w+\.)?(?:id|ID)\s*(?:>|>=)\s*\?"\s*,\s*(?:0|-\s*\d+))\s*\)(?:\s*\.\w+\s*\([^()]*\))*\s*\.(Delete|Update|Updates|UpdateColumn)\s*\(/.exec(code);
  return m ? `GORM Where(<a condition every row meets>).${m[1]} (every row)` : everyRowOrmCall(plainOrmCode(code));
}

/** SQL literals GORM runs as written: `db.Exec("TRUNCATE users")`, `db.Raw("DELETE FROM …")`. */
export function gormSql(code: string): string[] {
  return [...code.slice(0, 100_000).matchAll(/\.(?:Exec|Raw)\s*\(\s*(?:"((?:[^"\\\n]|\\.)*)"|\x60([^\x60]*)\x60)/g)].map((m) => m[1] ?? m[2] ?? '').slice(0, 20);
}

/**
 * A store emptied one item at a time: a loop or comprehension over a listing of everything (`findMany()`,
 * `list_blobs()`, a collection's `stream()`, `scan_iter()`) whose body deletes or expires each item. A listing
 * narrowed by an argument (`list_blobs(prefix='tmp/')`, `scan_iter('session:*')`) is scoped.
 */
const LISTING = String.raw`(?:\.(?:findMany|findAll|find|list|listAll|listDocuments|list_blobs|list_documents|stream|scan_iter|scanIterator|iterscan|all|list_objects|objects)\s*\(\s*(?:\{\s*\}|['"]\*['"])?\s*\)|\.keys\s*\(\s*['"]\*['"]\s*\))`;
const DELETES = String.raw`\.(?:delete|destroy!?|unlink|expire|pexpire|expireat|del|deleteOne|delete_one|delete_blob)\s*\(`;
const LOOPS: readonly RegExp[] = [
  // Python: `[b.delete() for b in bucket.list_blobs()]`, `for k in r.scan_iter(): r.expire(k, 1)`.
  new RegExp(String.raw`\[[^\[\]]*?${DELETES}[^\[\]]*?\bfor\s+\w+\s+in\s+[^\[\]]*?${LISTING}\s*\]`),
  new RegExp(String.raw`\bfor\s+\w+\s+in\s+[^\n:]*?${LISTING}\s*:[^\n]{0,300}?${DELETES}`),
  // JavaScript: `p.user.findMany().then(us => Promise.all(us.map(u => p.user.delete(…))))`, `(await x.findMany()).forEach(…)`.
  new RegExp(String.raw`${LISTING}\s*\)?\s*\.(?:then|forEach|map)\s*\([\s\S]{0,300}?${DELETES}`),
  new RegExp(String.raw`\bfor\s*\(\s*(?:const|let|var)\s+\w+\s+of\s+(?:await\s+)?[^;{]*?${LISTING}\s*\)[\s\S]{0,300}?${DELETES}`),
  // Ruby and PHP: `User.all.each { |u| u.destroy }` is read above; `Model::all()->each->delete()` too.
];

export function perItemLoop(code: string): string | undefined {
  const text = code.length > 20_000 ? code.slice(0, 20_000) : code;
  if (!MAY_WRITE_ROWS.test(text)) return undefined;
  for (const re of LOOPS) {
    const m = re.exec(text);
    if (m) return m[0].replace(/\s+/g, ' ').slice(0, 80);
  }
  return undefined;
}

/**
 * Console code whose deleting or rewriting calls are all narrowed by a filter (`User.where(email: nil).update_all`,
 * `Session::where('expired', 1)->delete()`, `User.objects.filter(id=3).delete()`): routine off production, as a
 * scoped DELETE is. Raw SQL, schema drops, files and queues are never scoped here.
 */
const FILTERED = /(?:\.|->|::)\s*(?:where|where_not|rewhere|filter|exclude|find|find_by|find_by_\w+|get|whereIn|whereKey|whereNull|whereDate|first|last|take|limit)\s*\(|\.find_by_\w+\b/;
const NEVER_SCOPED = /\bconnection\b|\bexecute\b|\b(?:drop|truncate|purge|remove_column|rmtree|rm_rf)|Schema::|Sidekiq|Resque|\.control\.|\bDB::table\b|\braw\b|\bsql\b|\bRepo\./i;

export function scopedOrmWrite(code: string): boolean {
  const plain = plainOrmCode(code);
  return FILTERED.test(plain) && !NEVER_SCOPED.test(plain) && everyRowOrmCall(plain) === undefined && perItemLoop(plain) === undefined;
}

/**
 * A filtered delete or update through Django's models (`User.objects.filter(…).delete()`) runs on the database of the
 * settings module the process names. In `manage.py shell` (and `runscript`) the framework pack reads that environment
 * (the project's development default is routine); a bare script or one-liner has no default settings (Django reads
 * `DJANGO_SETTINGS_MODULE` from wherever the process got it), so the rows it picks are asked about as a scoped DELETE
 * on a database of unknown environment is. (Rails code that loads `config/environment` has the development default,
 * as `rails runner` does: its filtered calls stay allowed.)
 */
const SCOPED_MODEL_WRITES: readonly RegExp[] = [
  /\b[A-Z]\w*\.objects\.(?:filter|exclude|get)\s*\([^;\n]*?\)\s*(?:\.\w+\s*\([^;\n]*?\)\s*)*\.(delete|update)\s*\(/,
];

export function scopedModelWrite(code: string): string | undefined {
  const text = code.length > 100_000 ? code.slice(0, 100_000) : code;
  for (const re of SCOPED_MODEL_WRITES) {
    const m = re.exec(text);
    if (m) return m[0].replace(/\s+/g, ' ').slice(0, 100);
  }
  return undefined;
}

/** A framework's console, whose environment the framework pack reads: `manage.py shell`, `rails runner|console`, `artisan tinker`. */
export function frameworkConsole(words: readonly string[]): boolean {
  if (!words.some((w) => w.includes('manage.py') || w.includes('rails') || w.includes('artisan'))) return false;
  const at = (re: RegExp) => words.findIndex((w) => re.test(w));
  const manage = at(/(^|\/)manage\.py$/);
  if (manage >= 0 && /^(shell|shell_plus|runscript)$/.test(words[manage + 1] ?? '')) return true;
  const rails = at(/(^|\/)rails$/);
  if (rails >= 0 && /^(runner|r|console|c)$/.test(words[rails + 1] ?? '')) return true;
  const artisan = at(/(^|\/)artisan$/);
  return artisan >= 0 && words[artisan + 1] === 'tinker';
}
