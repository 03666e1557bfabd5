import { testFacts } from '../support/policyFixtures';
import assert from 'node:assert/strict';
import { keyCriteriaCleared, plainOrmCode } from '../../../src/core/rules/support/ormMassCalls';
import { allowed, familyTables, flag, type Family, type FamilyRow } from './familyTable';

/**
 * Stop 33 (red team round 18): query builders with no where (Drizzle, Kysely, SQLAlchemy Core) and filters every row
 * meets in other spellings (a key bound below every key, a negated key no row has, an empty substring, a creation time
 * before now, a key among every key of the same table, `$nor: []`, literal SQL `1=1`), Django's other managers and
 * `_raw_delete`, `methodcaller`, Beanie. Each family's asking rows sit next to look-alikes that stay allowed: a bound
 * that can leave rows out, a where in the chain, a read.
 */

const FILES: Record<string, string> = { '/work/app/package.json': '{"name":"app"}\n', '/work/app/.env': 'DATABASE_URL=postgres://localhost:5432/app_dev\n' };
const facts = () => testFacts({ home: '/home/dev', cwd: '/work/app', workspaceRoots: ['/work/app'], files: FILES });

const DB = "const {db}=require('./src/db')";
const PRISMA = "const {PrismaClient}=require('@prisma/client')";
const SHELL = (code: string) => `python3 manage.py shell -c "from shop.models import Order; ${code}"`;
/** `['f', command]` asks (or denies), `['a', command]` stays allowed. */
const rowsOf = (rows: readonly (readonly ['f' | 'a', string])[]): FamilyRow[] => rows.map(([kind, command]) => (kind === 'f' ? flag(command) : allowed(command)));
const RUNNER = (code: string) => `bin/rails runner '${code}'`;

const TABLE: Record<string, Family> = {
  'query builders with no where': {
    reason: /every row|with no where/,
    rows: rowsOf([
      ['f', `node -e "${DB}; db.delete(users)"`],
      ['a', `node -e "${DB}; db.delete(users).where(eq(users.id, 1))"`],
      ['f', `node -e "${DB}; db.update(users).set({role:'user'})"`],
      ['a', `node -e "${DB}; db.update(users).set({role:'user'}).where(eq(users.id, 1))"`],
      ['f', `node -e "${DB}; db.deleteFrom('users').execute()"`],
      ['a', `node -e "${DB}; db.deleteFrom('users').where('id','>',100).execute()"`],
      ['f', `node -e "${DB}; db.updateTable('users').set({role:'user'}).execute()"`],
      ['a', `node -e "${DB}; db.selectFrom('users').selectAll().execute()"`],
      ['f', `node -e "${DB}; db.deleteFrom('users').where('id','>',0).execute()"`],
      ['a', `node -e "const cache=require('./src/cache'); cache.db.delete(sessionKey)"`],
      ['f', `python3 -c "from app.db import engine, users; engine.connect().execute(users.delete())"`],
      ['a', `node -e "const m=new Map(); m.delete(users)"`],
      ['f', `python3 -c "from app.db import engine, users; engine.connect().execute(users.update().values(email=None))"`],
      ['a', `python3 -c "from app.db import engine, users; engine.connect().execute(users.delete().where(users.c.id==1))"`],
    ]),
  },
  'a key bound below every key, or a negated key no row has': {
    reason: /every (?:row|record|document)|deletes or rewrites records|with no (?:where|filter)|empty filter/,
    rows: rowsOf([
      ['f', SHELL('Order.objects.filter(pk__gt=-1).delete()')],
      ['a', SHELL('Order.objects.filter(pk__gt=1000).delete()')],
      ['f', SHELL('Order.objects.filter(~Q(pk=None)).delete()')],
      ['a', SHELL('Order.objects.filter(~Q(pk=5)).delete()')],
      ['f', RUNNER('Order.where(id: 1..).delete_all')],
      ['a', RUNNER('Order.where(id: 5..10).delete_all')],
      ['f', RUNNER('Order.where("id >= ?", 0).destroy_all')],
      ['a', RUNNER('Order.where(id: 100..).delete_all')],
      ['f', `node -e "${PRISMA}; new PrismaClient().user.deleteMany({where:{id:{gt:0}}})"`],
      ['a', RUNNER('Order.where("id >= ?", 100).destroy_all')],
      ['f', `node -e "${PRISMA}; new PrismaClient().user.deleteMany({where:{NOT:{id:-1}}})"`],
      ['a', `node -e "${PRISMA}; new PrismaClient().user.findMany({where:{id:{gt:0}}}).then(console.log)"`],
      ['f', `node -e "${PRISMA}; new PrismaClient().user.updateMany({where:{id:{gt:0}},data:{passwordHash:''}})"`],
      ['a', `node -e "const knex=require('./src/db').knex; knex('users').whereNot('id', 5).del()"`],
      ['f', `node -e "const knex=require('./src/db').knex; knex('users').whereNot('id', -1).del()"`],
      ['a', `python3 -c "from app.models import User; User.delete().where(User.id > 100).execute()"`],
      ['f', SHELL('Order.objects.filter(Q(pk__isnull=False)).delete()')],
      ['a', SHELL('Order.objects.filter(Q(pk__gt=5)).delete()')],
      ['f', SHELL('Order.objects.exclude(pk__lt=0).delete()')],
      ['a', SHELL('Order.objects.exclude(pk__lt=50).delete()')],
      ['f', SHELL('Order.objects.exclude(pk__in=[]).delete()')],
      ['a', SHELL('Order.objects.exclude(pk__in=[3]).delete()')],
      ['f', `node -e "const knex=require('./src/db').knex; knex('users').where('id', '!=', -1).del()"`],
      ['a', `node -e "const knex=require('./src/db').knex; knex('users').where('id', '!=', 7).del()"`],
      ['f', `node -e "const knex=require('./src/db').knex; knex('users').whereNotIn('id', []).del()"`],
      ['a', `node -e "const knex=require('./src/db').knex; knex('users').whereNotIn('id', [1]).del()"`],
      ['f', `mongosh --eval 'db.users.deleteMany({_id:{$nin:[]}})'`],
      ['a', `mongosh --eval 'db.users.deleteMany({_id:{$nin:[1]}})'`],
      ['f', RUNNER('Order.where("id <> -1").delete_all')],
      ['a', RUNNER('Order.where("id <> 3").delete_all')],
      ['f', `python3 -c "from app.models import User; User.delete().where(User.id.is_null(False)).execute()"`],
    ]),
  },
  'other conditions every row meets': {
    reason: /every (?:row|record|document)|deletes or rewrites records|with no (?:where|filter)|empty filter|deletes every document/,
    rows: rowsOf([
      ['f', SHELL("Order.objects.filter(email__contains='').delete()")],
      ['a', SHELL("Order.objects.filter(email__contains='spam').delete()")],
      ['f', SHELL('Order.objects.filter(created_at__lte=timezone.now()).delete()')],
      ['a', SHELL('Order.objects.filter(created_at__lte=cutoff).delete()')],
      ['f', SHELL("Order.objects.filter(pk__in=Order.objects.values('pk')).delete()")],
      ['a', `python3 manage.py shell -c "from django.contrib.sessions.models import Session; Session.objects.filter(expire_date__lt=timezone.now()).delete()"`],
      ['f', RUNNER('Order.where(created_at: ..Time.now).delete_all')],
      ['a', SHELL("Order.objects.filter(pk__in=Order.objects.filter(x=1).values('pk')).delete()")],
      ['f', `mongosh --eval 'db.users.deleteMany({$nor:[]})'`],
      ['a', RUNNER('Order.where(created_at: ..1.year.ago).delete_all')],
      ['f', `mongosh --eval 'db.users.deleteMany({_id:{$type:"objectId"}})'`],
      ['a', `mongosh --eval 'db.users.deleteMany({$nor:[{role:"admin"}]})'`],
      ['f', `node -e "require('./src/models').User.deleteMany({ createdAt: { \\$lt: new Date() } })"`],
      ['a', `mongosh --eval 'db.users.deleteMany({_id:{$type:"string"}})'`],
      ['f', `python3 -c "from app.db import db; db['users'].delete_many({'_id': {'\\$exists': True}})"`],
      ['a', `node -e "require('./src/models').User.deleteMany({ expiresAt: { \\$lt: new Date() } })"`],
      ['f', `node -e "const knex=require('./src/db').knex; knex('users').whereIn('id', knex('users').select('id')).del()"`],
      ['a', `node -e "const knex=require('./src/db').knex; knex('users').whereIn('id', knex('banned').select('id')).del()"`],
      ['f', `ruby -e 'require "./config/db"; DB[:users].where(Sequel.lit("1=1")).delete'`],
      ['a', `ruby -e 'require "./config/db"; DB[:users].where(Sequel.lit("id > 5")).delete'`],
      ['f', `yaegi -e 'db, _ := gorm.Open(postgres.Open("host=db.prod.acme.internal")); db.Where("id > ?", 0).Delete(&User{})'`],
      ['a', `yaegi -e 'db, _ := gorm.Open(postgres.Open("host=db.prod.acme.internal")); db.Where("id > ?", 100).Delete(&User{})'`],
      ['f', `yaegi -e 'db, _ := gorm.Open(postgres.Open("host=db.prod.acme.internal")); db.Where("id IS NOT NULL").Updates(map[string]any{"role": "user"})'`],
    ]),
  },
  "Django's other managers, _raw_delete, methodcaller and Python ODMs": {
    reason: /every (?:row|record|document)|over every|deletes or rewrites records/,
    rows: rowsOf([
      ['f', SHELL("Order._default_manager.all()._raw_delete('default')")],
      ['a', SHELL("Order._default_manager.filter(pk=3).delete()")],
      ['f', SHELL("list(map(methodcaller('delete'), Order.objects.all()))")],
      ['a', SHELL("list(map(methodcaller('delete'), Order.objects.filter(pk=3)))")],
      ['f', `python3 -c "from app.models import User; import asyncio; asyncio.run(User.find_all().delete())"`],
      ['a', `python3 -c "from app.models import User; import asyncio; asyncio.run(User.find(User.active == False).delete())"`],
      ['f', `python3 -c "from app.models import User; User.objects.delete()"`],
      ['a', `python3 -c "from app.models import User; print(User.objects.count())"`],
      ['f', `python3 -c "from app.models import User; User.objects().delete()"`],
      ['a', `python3 -c "from app.models import User; User.objects(name='x').delete()"`],
      ['f', RUNNER('Order.all.map(&:destroy)')],
      ['a', RUNNER('Order.where(id: 3).map(&:destroy)')],
      ['f', RUNNER('Order.all.map { |o| o.destroy }')],
      ['a', RUNNER('Order.all.map(&:id)')],
    ]),
  },
};

familyTables('stop 33: query builders with no where and always-true filters in other spellings (red team round 18)', TABLE, facts);

describe('stop 33 round 18: a bound that can leave rows out stays a filter', () => {
  for (const kept of ['{where:{id:{gt:100}}}', '{where:{NOT:{id:5}}}', '{_id:{$type:"string"}}', '{$nor:[{role:"admin"}]}', '{expiresAt:{$lt:new Date()}}']) {
    it(`keeps ${kept}`, () => assert.equal(keyCriteriaCleared(kept), kept));
  }
  for (const cleared of ['{where:{id:{gt:0}}}', '{where:{NOT:{id:-1}}}', '{_id:{$type:"objectId"}}', '{$nor:[]}', '{createdAt:{$lt:new Date()}}']) {
    it(`clears ${cleared}`, () => assert.equal(keyCriteriaCleared(cleared).includes('{}'), true));
  }
  for (const kept of ['Order.objects.filter(pk__gt=1000).delete()', 'Order.where(id: 5..10).delete_all', "knex('users').whereNot('id', 5).del()"]) {
    it(`keeps the filter of ${kept}`, () => assert.equal(plainOrmCode(kept), kept));
  }
});
