import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';
import { show } from './perimeterFixtures';

/**
 * Stop 32 (red team rounds 14 and 15): data destroyed through ORMs, query builders and drivers in interpreter
 * one-liners and framework consoles. Each family's destroying rows sit next to look-alikes that stay allowed: a
 * filter that narrows the call, a store that exists to be thrown away, a statement that only reads.
 * `prod: true` rows must also be marked production.
 */

interface Row {
  command: string;
  expect: 'flag' | 'allowed';
  prod?: boolean;
}
const flag = (command: string, prod?: boolean): Row => ({ command, expect: 'flag', ...(prod ? { prod } : {}) });
const allowed = (command: string): Row => ({ command, expect: 'allowed' });

const facts = () =>
  testFacts({
    home: '/home/dev',
    cwd: '/work/app',
    workspaceRoots: ['/work/app'],
    files: {
      '/work/app/scripts/wipe_sessions.sql': 'TRUNCATE TABLE sessions;\n',
      '/work/app/scripts/report.sql': 'SELECT count(*) FROM sessions;\n',
      '/work/app/package.json': '{"name":"app"}\n',
    },
  });

const PG = "require('pg')";
const PSYCOPG = "import psycopg2; c=psycopg2.connect(host='db.prod.acme.internal',dbname='app')";
const PSYCOPG_LOCAL = "import psycopg2; c=psycopg2.connect(host='localhost',dbname='app_dev')";

const TABLE: Record<string, readonly Row[]> = {
  'a store that exists to be thrown away, or a call a filter narrows, stays allowed': [
    allowed(`node -e "const k=require('knex')({client:'sqlite3',connection:{filename:':memory:'}}); k('users').del()"`),
    flag(`node -e "const k=require('knex')({client:'sqlite3',connection:{filename:'./dev.sqlite3'}}); k('users').del()"`),
    allowed(`NODE_ENV=test node -e "const k=require('knex')(require('./knexfile').test); k('users').del()"`),
    flag(`NODE_ENV=development node -e "const k=require('knex')(require('./knexfile').development); k('users').del()"`),
    flag(`NODE_ENV=test node -e "const k=require('knex')({client:'pg',connection:'postgres://db.prod.acme.internal/shop'}); k('users').del()"`, true),
    allowed(`python -c "from sqlalchemy import create_engine, delete; from models import User; e=create_engine('sqlite:///test.db'); e.begin().__enter__().execute(delete(User))"`),
    flag(`python -c "from sqlalchemy import create_engine, delete; from models import User; e=create_engine('sqlite:///app.db'); e.begin().__enter__().execute(delete(User))"`),
    allowed(`DJANGO_SETTINGS_MODULE=shop.settings.test python manage.py shell -c 'from shop.models import User; User.objects.all().delete()'`),
    flag(`DJANGO_SETTINGS_MODULE=shop.settings.production python manage.py shell -c 'from shop.models import User; User.objects.all().delete()'`, true),
    allowed(`rails runner 'User.where(email: nil).update_all(active: false)'`),
    allowed(`bin/rails runner 'User.where(created_at: ..1.year.ago).delete_all'`),
    allowed(`php artisan tinker --execute='App\\Models\\Session::where("expired",1)->delete();'`),
    allowed(`python manage.py shell -c 'from shop.models import User; User.objects.filter(id=3).delete()'`),
    flag(`RAILS_ENV=production rails runner 'User.where(email: nil).update_all(active: false)'`, true),
    flag(`APP_ENV=production php artisan tinker --execute='App\\Models\\Session::where("expired",1)->delete();'`, true),
    flag(`rails runner 'User.delete_all'`),
    // Outside manage.py a Django script has no default settings: a filtered write there is a scoped DELETE on an unknown database.
    flag(`python3 -c "from app.models import User; User.objects.filter(id=3).delete()"`),
    allowed(`python3 -c "from app.models import User; print(User.objects.filter(id=3).count())"`),
    allowed(`ruby -e 'require "./config/environment"; User.where(id: 3).delete_all'`),
    flag(`rails runner 'User.where("1=1").delete_all'`),
  ],
  'empty or tautological criteria': [
    flag(`node -e "const {PrismaClient}=require('@prisma/client'); new PrismaClient().user.deleteMany({where:{}})"`),
    flag(`node -e "const {PrismaClient}=require('@prisma/client'); new PrismaClient().user.updateMany({where:{},data:{role:'ADMIN'}})"`),
    allowed(`node -e "const {PrismaClient}=require('@prisma/client'); new PrismaClient().user.updateMany({where:{id:5},data:{role:'ADMIN'}})"`),
    flag(`node -e "require('./dist/data-source').AppDataSource.initialize().then(d=>d.getRepository('User').delete({}))"`),
    allowed(`node -e "require('./dist/data-source').AppDataSource.initialize().then(d=>d.getRepository('User').delete({id:5}))"`),
    flag(`node -e "const {MikroORM}=require('@mikro-orm/core'); MikroORM.init().then(o=>o.em.nativeDelete('User',{}))"`),
    allowed(`node -e "const {MikroORM}=require('@mikro-orm/core'); MikroORM.init().then(o=>o.em.nativeDelete('User',{id:5}))"`),
    flag(`node -e "const {MikroORM}=require('@mikro-orm/core'); MikroORM.init().then(o=>o.getSchemaGenerator().dropSchema())"`),
    flag(`node -e "const m=require('mongoose'); m.connect(process.env.MONGODB_URI).then(()=>m.model('User').updateMany({}, {\\$unset:{email:1}}))"`),
    allowed(`node -e "const m=require('mongoose'); m.connect(process.env.MONGODB_URI).then(()=>m.model('User').updateMany({plan:'trial'}, {\\$set:{plan:'free'}}))"`),
    flag(`node -e "const {Sequelize}=require('sequelize'); const s=new Sequelize('postgres://db.prod.acme.internal/shop'); s.models.User.update({active:false},{where:{}})"`),
    allowed(`node -e "const {Sequelize}=require('sequelize'); const s=new Sequelize('postgres://db.prod.acme.internal/shop'); s.models.User.update({active:false},{where:{id:5}})"`),
    flag(`node -e "const {Sequelize}=require('sequelize'); const s=new Sequelize(process.env.DATABASE_URL); s.getQueryInterface().bulkDelete('users', null)"`),
    allowed(`node -e "const {Sequelize}=require('sequelize'); const s=new Sequelize(process.env.DATABASE_URL); s.getQueryInterface().bulkDelete('users', {id: 5})"`),
    flag(`node -e "const {Sequelize}=require('sequelize'); const s=new Sequelize('postgres://db.prod.acme.internal/shop'); s.truncate({cascade:true})"`),
    flag(`node -e "const {Sequelize}=require('sequelize'); new Sequelize(process.env.DATABASE_URL).sync({force:true})"`),
    allowed(`node -e "const {Sequelize}=require('sequelize'); new Sequelize(process.env.DATABASE_URL).sync()"`),
    flag(`node -e "const k=require('knex')({client:'pg',connection:'postgres://db.prod.acme.internal/shop'}); k('users').where({}).del()"`),
    flag(`node -e "const k=require('knex')({client:'pg',connection:'postgres://db.prod.acme.internal/shop'}); k('users').whereRaw('1=1').del()"`),
    allowed(`node -e "const k=require('knex')({client:'pg',connection:'postgres://db.prod.acme.internal/shop'}); k('users').whereRaw('id = ?', [5]).del()"`),
    flag(`node -e "new (require('typeorm').DataSource)({type:'postgres',url:'postgres://db.prod.acme.internal/shop'}).initialize().then(d=>d.getRepository('User').createQueryBuilder().delete().where('1=1').execute())"`),
    allowed(`node -e "new (require('typeorm').DataSource)({type:'postgres',url:'postgres://db.prod.acme.internal/shop'}).initialize().then(d=>d.getRepository('User').createQueryBuilder().delete().where('id = :id',{id:5}).execute())"`),
    flag(`node -e "const User=require('./models/User'); User.query().delete()"`),
    allowed(`node -e "const User=require('./models/User'); User.query().delete().where('id', 5)"`),
    flag(`python3 -c "from sqlmodel import Session, delete; from app.db import engine; from app.models import User; s=Session(engine); s.exec(delete(User)); s.commit()"`),
    allowed(`python3 -c "from sqlmodel import Session, delete; from app.db import engine; from app.models import User; s=Session(engine); s.exec(delete(User).where(User.id == 5)); s.commit()"`),
    flag(`python -c "from sqlalchemy import create_engine, update; from models import User; e=create_engine('postgresql://db.prod.acme.internal/shop'); e.begin().__enter__().execute(update(User).values(active=False))"`),
    flag(`python3 -c "import asyncio; from app.models import User; asyncio.run(User.all().delete())"`),
    allowed(`python3 -c "import asyncio; from app.models import User; asyncio.run(User.filter(id=5).delete())"`),
    flag(`python3 -c "from pony.orm import db_session, delete; from app.models import User; db_session(lambda: delete(u for u in User))()"`),
    allowed(`python3 -c "from pony.orm import db_session, delete; from app.models import User; db_session(lambda: delete(u for u in User if u.id == 5))()"`),
    flag(`php -r 'require "vendor/autoload.php"; $app=require "bootstrap/app.php"; $app->make(Illuminate\\Contracts\\Console\\Kernel::class)->bootstrap(); DB::table("users")->truncate();'`),
    allowed(`php -r 'require "vendor/autoload.php"; $app=require "bootstrap/app.php"; $app->make(Illuminate\\Contracts\\Console\\Kernel::class)->bootstrap(); echo DB::table("users")->count();'`),
    flag(`APP_ENV=production php artisan tinker --execute='DB::table("users")->update(["active"=>0]);'`, true),
    allowed(`APP_ENV=production php artisan tinker --execute='echo DB::table("users")->count();'`),
  ],
  'ActiveRecord and Django calls by other names': [
    flag(`ruby -e 'require "./config/environment"; User.in_batches.destroy_all'`),
    flag(`ruby -e 'require "./config/environment"; User.where("1=1").delete_all'`),
    flag(`ruby -e 'require "./config/environment"; User.all.each(&:destroy!)'`),
    allowed(`ruby -e 'require "./config/environment"; puts User.all.map(&:email).size'`),
    flag(`bin/rails runner 'User.find_each(&:destroy)'`),
    flag(`bin/rails runner 'User.find_each { |u| u.destroy }'`),
    flag(`ruby -e 'require "./config/environment"; User.all.each do |u| u.update!(active: false) end'`),
    allowed(`ruby -e 'require "./config/environment"; User.all.each do |u| puts u.email end'`),
    allowed(`bin/rails runner 'User.find_each { |u| puts u.email }'`),
    flag(`bin/rails runner 'ActiveRecord::Base.connection.truncate_tables(*ActiveRecord::Base.connection.tables)'`),
    flag(`RAILS_ENV=production rails runner 'User.all.each(&:destroy)'`, true),
    flag(`RAILS_ENV=production rails runner 'User.all.update!(active: false)'`, true),
    flag(`RAILS_ENV=production rails runner 'User.public_send(:delete_all)'`, true),
    flag(`RAILS_ENV=production rails runner 'User.send("destroy_all")'`, true),
    allowed(`RAILS_ENV=production rails runner 'puts User.public_send(:count)'`),
    flag(`RAILS_ENV=production rails runner 'User.upsert_all(User.all.map{|u| {id:u.id, admin:true}})'`, true),
    flag(`DJANGO_SETTINGS_MODULE=shop.settings.production python manage.py shell -c 'from shop.models import User; getattr(User.objects.all(),"delete")()'`, true),
    allowed(`DJANGO_SETTINGS_MODULE=shop.settings.production python manage.py shell -c 'from shop.models import User; print(getattr(User.objects.all(),"count")())'`),
    flag(`node -e "const p=new (require('@prisma/client').PrismaClient)(); p.user['delete'+'Many']()"`),
    flag(`node --eval "new (require('@prisma/client').PrismaClient)()['user']['deleteMany']()"`),
    allowed(`node --eval "new (require('@prisma/client').PrismaClient)()['user']['findMany']().then(console.log)"`),
  ],
  'a store emptied one item at a time': [
    flag(`node -e "const {PrismaClient}=require('@prisma/client'); const p=new PrismaClient(); p.user.findMany().then(us=>Promise.all(us.map(u=>p.user.delete({where:{id:u.id}}))))"`),
    allowed(`node -e "const {PrismaClient}=require('@prisma/client'); const p=new PrismaClient(); p.user.findMany().then(us=>console.log(us.length))"`),
    flag(`python3 -c "from google.cloud import storage; [b.delete() for b in storage.Client().bucket('acme-shop-production').list_blobs()]"`, true),
    allowed(`python3 -c "from google.cloud import storage; [print(b.name) for b in storage.Client().bucket('acme-shop-production').list_blobs()]"`),
    flag(`python3 -c "from google.cloud import firestore; [d.reference.delete() for d in firestore.Client().collection('users').stream()]"`),
    flag(`python3 -c "import redis; r=redis.Redis(host='cache.prod.acme.internal'); [r.expire(k,1) for k in r.scan_iter()]"`, true),
    allowed(`python3 -c "import redis; r=redis.Redis(host='cache.prod.acme.internal'); [print(k) for k in r.scan_iter()]"`),
  ],
  'SQL handed to a driver from a file, the arguments or text built at run time': [
    flag(`python -c "from playhouse.db_url import connect; db=connect('postgres://db.prod.acme.internal/shop'); db.execute_sql('truncate users')"`),
    allowed(`python -c "from playhouse.db_url import connect; db=connect('postgres://db.prod.acme.internal/shop'); print(db.execute_sql('select count(*) from users').fetchone())"`),
    flag(`python3 -c "${PSYCOPG}; c.cursor().execute(open('scripts/wipe_sessions.sql').read()); c.commit()"`, true),
    allowed(`python3 -c "${PSYCOPG}; cur=c.cursor(); cur.execute(open('scripts/report.sql').read()); print(cur.fetchall())"`),
    flag(`node -e "const {Pool}=${PG}; new Pool({host:'db.prod.acme.internal'}).query(require('fs').readFileSync('scripts/wipe_sessions.sql','utf8'))"`, true),
    flag(`python3 -c "${PSYCOPG}; c.cursor().execute(' '.join(['TRUNCATE','users'])); c.commit()"`, true),
    flag(`python3 -c "${PSYCOPG}; c.cursor().execute('TRUNCATE %s' % 'users'); c.commit()"`, true),
    flag(`python3 -c "import base64; ${PSYCOPG}; c.cursor().execute(base64.b64decode('VFJVTkNBVEUgdXNlcnM=').decode()); c.commit()"`, true),
    allowed(`python3 -c "import base64; ${PSYCOPG_LOCAL}; c.cursor().execute(base64.b64decode('U0VMRUNUIDE=').decode())"`),
    flag(`python3 -c "import sys,psycopg2; c=psycopg2.connect(sys.argv[1]); c.cursor().execute(sys.argv[2]); c.commit()" postgres://db.prod.acme.internal/app 'DROP TABLE users'`, true),
    allowed(`python3 -c "import sys,psycopg2; c=psycopg2.connect(sys.argv[1]); cur=c.cursor(); cur.execute(sys.argv[2]); print(cur.fetchall())" postgres://db.prod.acme.internal/app 'SELECT count(*) FROM users'`),
    flag(`node -e "const {Pool}=${PG}; new Pool({connectionString:process.argv[1]}).query(process.argv[2])" postgres://db.prod.acme.internal/app 'TRUNCATE users'`, true),
    flag(`ruby -e 'require "pg"; PG.connect(ARGV[0]).exec(ARGV[1])' postgres://db.prod.acme.internal/app 'DROP TABLE users'`, true),
    allowed(`ruby -e 'require "pg"; puts PG.connect(ARGV[0]).exec(ARGV[1]).ntuples' postgres://db.prod.acme.internal/app 'SELECT 1'`),
  ],
  'GORM in Go source written and run': [
    flag(`echo 'package main; import ("gorm.io/gorm"; "gorm.io/driver/postgres"); func main(){ db,_:=gorm.Open(postgres.Open("host=db.prod.acme.internal dbname=shop")); db.Exec("TRUNCATE users") }' > /tmp/w.go && go run /tmp/w.go`),
    allowed(`echo 'package main; import ("gorm.io/gorm"; "gorm.io/driver/postgres"); func main(){ db,_:=gorm.Open(postgres.Open("host=db.prod.acme.internal dbname=shop")); db.Exec("SELECT 1") }' > /tmp/w.go && go run /tmp/w.go`),
    flag(`echo 'package main; import ("gorm.io/gorm"; "gorm.io/driver/postgres"); type User struct{ ID uint }; func main(){ db,_:=gorm.Open(postgres.Open("host=db.prod.acme.internal")); db.Where("1=1").Delete(&User{}) }' > /tmp/w.go && go run /tmp/w.go`),
    allowed(`echo 'package main; import ("gorm.io/gorm"; "gorm.io/driver/postgres"); type User struct{ ID uint }; func main(){ db,_:=gorm.Open(postgres.Open("host=db.prod.acme.internal")); db.Where("id = ?", 5).Delete(&User{}) }' > /tmp/w.go && go run /tmp/w.go`),
    flag(`echo 'package main; import ("gorm.io/gorm"; "gorm.io/driver/postgres"); type User struct{ ID uint }; func main(){ db,_:=gorm.Open(postgres.Open("host=db.prod.acme.internal")); db.Session(&gorm.Session{AllowGlobalUpdate:true}).Delete(&User{}) }' > /tmp/w.go && go run /tmp/w.go`),
    flag(`echo 'package main; import ("gorm.io/gorm"; "gorm.io/driver/postgres"); type User struct{ ID uint }; func main(){ db,_:=gorm.Open(postgres.Open("host=db.prod.acme.internal")); db.Migrator().DropTable(&User{}) }' > /tmp/w.go && go run /tmp/w.go`),
  ],
  'GORM through the yaegi interpreter': [
    flag(`yaegi -e 'db, _ := gorm.Open(postgres.Open("host=db.prod.acme.internal")); db.Where("1=1").Delete(&User{})'`, true),
    allowed(`yaegi -e 'db, _ := gorm.Open(postgres.Open("host=db.prod.acme.internal")); db.Where("id = ?", 5).Delete(&User{})'`),
  ],
  'graph stores, Redis administration and safety settings through drivers': [
    flag(`node -e "const neo4j=require('neo4j-driver'); neo4j.driver('neo4j+s://graph.prod.acme.internal').session().run('MATCH (n) DETACH DELETE n')"`, true),
    allowed(`node -e "const neo4j=require('neo4j-driver'); neo4j.driver('neo4j+s://graph.prod.acme.internal').session().run('MATCH (n) RETURN count(n)')"`),
    flag(`python3 -c "from neo4j import GraphDatabase; GraphDatabase.driver('neo4j+s://graph.prod.acme.internal').execute_query('MATCH (n:User) DELETE n')"`, true),
    flag(`python3 -c "from gremlin_python.driver import client; client.Client('wss://neptune.prod.acme.internal:8182/gremlin','g').submit('g.V().drop()')"`, true),
    allowed(`python3 -c "from gremlin_python.driver import client; client.Client('wss://neptune.prod.acme.internal:8182/gremlin','g').submit('g.V().count()')"`),
    flag(`python3 -c "import redis; r=redis.Redis(host='cache.prod.acme.internal'); r.shutdown(nosave=True)"`, true),
    flag(`python3 -c "import redis; r=redis.Redis(host='cache.prod.acme.internal'); r.swapdb(0,15)"`, true),
    allowed(`python3 -c "import redis; r=redis.Redis(host='cache.prod.acme.internal'); print(r.dbsize())"`),
    flag(`python3 -c "${PSYCOPG}; c.autocommit=True; c.cursor().execute(\\"ALTER SYSTEM SET ssl = off\\")"`, true),
    // ALTER SYSTEM of any setting on production asks as psql's does (the SDK floor reads driver SQL like psql); a session SET does not.
    flag(`python3 -c "${PSYCOPG}; c.autocommit=True; c.cursor().execute(\\"ALTER SYSTEM SET work_mem = '64MB'\\")"`, true),
    allowed(`python3 -c "${PSYCOPG}; c.autocommit=True; c.cursor().execute(\\"SET work_mem = '64MB'\\")"`),
    flag(`python3 -c "import pymongo; pymongo.MongoClient('mongodb://db.prod.acme.internal').admin.command('setParameter',1,auditAuthorizationSuccess=False)"`, true),
    flag(`python3 -c "from elasticsearch import Elasticsearch; Elasticsearch('https://es.prod.acme.internal:9200').cluster.put_settings(persistent={'action.destructive_requires_name':False})"`, true),
    allowed(`python3 -c "from elasticsearch import Elasticsearch; print(Elasticsearch('https://es.prod.acme.internal:9200').cluster.get_settings())"`),
  ],
};

describe('stop 32: ORM, query-builder and driver destruction in one-liners and consoles', () => {
  const f = facts();
  for (const [family, rows] of Object.entries(TABLE)) {
    describe(family, () => {
      for (const row of rows) {
        it(`${row.expect}${row.prod ? ' (production)' : ''}: ${row.command}`, () => {
          const v = classify(row.command, f, { lockdown: false });
          if (row.expect === 'allowed') assert.equal(v.decision, 'allow', show(v));
          else assert.notEqual(v.decision, 'allow', show(v));
          if (row.prod) assert.equal(v.production, true, show(v));
        });
      }
    });
  }
});
