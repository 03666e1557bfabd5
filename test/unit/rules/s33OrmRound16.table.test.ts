import { testFacts } from '../support/policyFixtures';
import { allowed, familyTables, flag, type Family, type FamilyRow } from './familyTable';

/**
 * Stop 33 (red team round 16): ORM filters that keep every row, ORM and dataset calls with no where, SQL built from
 * character codes, methods handed on rather than called, Firebase Realtime Database nodes written with nothing, and a
 * Go program's SDK delete. Each family's asking rows sit next to look-alikes that stay allowed: a bound that can leave
 * rows out, a read, a write with a value, a method that only reads. Rows marked `onProduction` are asked again in the
 * last family, whose reason says the target is production.
 */

const onProduction: FamilyRow[] = [];
/** A flagged row whose target must also be read as production. */
const flagProd = (command: string): FamilyRow => {
  onProduction.push(flag(command));
  return flag(command);
};

const GO_HEAD = 'package main\nimport ("context"; "github.com/aws/aws-sdk-go-v2/config"; "github.com/aws/aws-sdk-go-v2/service/s3"; "github.com/aws/aws-sdk-go-v2/aws")\n';
const FILES: Record<string, string> = {
  '/work/app/package.json': '{"name":"app"}\n',
  '/work/app/scratch/del.go': `${GO_HEAD}func main(){ cfg,_:=config.LoadDefaultConfig(context.TODO()); s3.NewFromConfig(cfg).DeleteBucket(context.TODO(), &s3.DeleteBucketInput{Bucket: aws.String("acme-shop-production")}) }\n`,
  '/work/app/scratch/list.go': `${GO_HEAD}func main(){ cfg,_:=config.LoadDefaultConfig(context.TODO()); s3.NewFromConfig(cfg).ListBuckets(context.TODO(), &s3.ListBucketsInput{}) }\n`,
};
const facts = () => testFacts({ home: '/home/dev', cwd: '/work/app', workspaceRoots: ['/work/app'], files: FILES });

const KNEX = "const k=require('knex')({client:'pg',connection:'postgres://db.prod.acme.internal/shop'})";
const SEQUEL = 'require "sequel"; DB=Sequel.connect("postgres://db.prod.acme.internal/shop")';
const DRIZZLE = "const {drizzle}=require('drizzle-orm/node-postgres'); const {users}=require('./src/schema'); const {eq}=require('drizzle-orm'); const db=drizzle('postgres://db.prod.acme.internal/shop')";
const PSYCOPG = "import psycopg2; c=psycopg2.connect(host='db.prod.acme.internal',dbname='app')";
const RTDB = "const admin=require('firebase-admin'); admin.initializeApp(); const d=admin.database()";

const TABLE: Record<string, Family> = {
  'a filter over the primary key that every row meets is no filter': {
    reason: /every (?:row|record|document)|deletes or rewrites records/,
    rows: [
      flag(`python3 manage.py shell -c "from app.models import User; User.objects.filter(pk__isnull=False).delete()"`),
      flag(`python3 manage.py shell -c "from app.models import User; User.objects.filter(id__gt=0).update(is_staff=True)"`),
      flag(`python3 manage.py shell -c "from app.models import User; User.objects.exclude(pk=None).delete()"`),
      allowed(`python3 manage.py shell -c "from app.models import User; User.objects.filter(id__gt=100).delete()"`),
      allowed(`python3 manage.py shell -c "from app.models import User; User.objects.exclude(pk__isnull=False).delete()"`),
      allowed(`python3 manage.py shell -c "from app.models import User; print(User.objects.filter(pk__isnull=False).count())"`),
      flagProd(`node -e "${KNEX}; k('users').whereNotNull('id').del()"`),
      flagProd(`node -e "${KNEX}; k('users').where('id', '>', 0).update({active:false})"`),
      allowed(`node -e "${KNEX}; k('users').whereNotNull('deleted_at').del()"`),
      allowed(`node -e "${KNEX}; k('users').where('id', '>', 42).del()"`),
      flagProd(`node -e "const {Sequelize,Op}=require('sequelize'); const s=new Sequelize('postgres://db.prod.acme.internal/shop'); s.models.User.destroy({where:{id:{[Op.gt]:0}}})"`),
      allowed(`node -e "const {Sequelize,Op}=require('sequelize'); const s=new Sequelize('postgres://db.prod.acme.internal/shop'); s.models.User.destroy({where:{id:{[Op.gt]:1000}}})"`),
      flagProd(`node -e "const m=require('mongoose'); m.connect('mongodb://db.prod.acme.internal/shop').then(()=>m.model('User',{}).deleteMany({_id:{\\$ne:null}}))"`),
      flag(`node -e "const m=require('mongoose'); m.connect('mongodb://localhost/shop').then(()=>m.model('User',{}).deleteMany({_id:{\\$exists:true}}))"`),
      allowed(`node -e "const m=require('mongoose'); m.connect('mongodb://localhost/shop').then(()=>m.model('User',{}).deleteMany({_id:{\\$in:['a1']}}))"`),
      flagProd(`APP_ENV=production php artisan tinker --execute='App\\Models\\User::where("id",">",0)->delete()'`),
      allowed(`APP_ENV=production php artisan tinker --execute='echo App\\Models\\User::where("id",">",0)->count();'`),
      flag(`ruby -e 'require "./config/environment"; User.where("id > 0").delete_all'`),
      flag(`ruby -e 'require "./config/environment"; User.where.not(id: nil).destroy_all'`),
      allowed(`ruby -e 'require "./config/environment"; User.where("id > 10").delete_all'`),
    ],
  },
  'SQLAlchemy, peewee, Sequel and Drizzle calls with no where': {
    reason: /every row|with no where/,
    rows: [
      flag(`python3 -c "from app.models import User, db; db.session.query(User).filter(True).delete(); db.session.commit()"`),
      allowed(`python3 -c "from app.models import User, db; db.session.query(User).filter(User.id == 5).delete(); db.session.commit()"`),
      flag(`python3 -c "from app.models import User, db; db.session.execute(db.delete(User)); db.session.commit()"`),
      allowed(`python3 -c "from app.models import User, db; db.session.execute(db.delete(User).where(User.id == 5)); db.session.commit()"`),
      flag(`python3 -c "from app.models import User; User.delete().where(User.id > 0).execute()"`),
      flag(`python3 -c "from app.models import User; User.delete().execute()"`),
      allowed(`python3 -c "from app.models import User; User.delete().where(User.id == 5).execute()"`),
      flagProd(`ruby -e '${SEQUEL}; DB[:users].truncate'`),
      flagProd(`ruby -e '${SEQUEL}; DB[:users].delete'`),
      flagProd(`ruby -e '${SEQUEL}; DB[:users].update(active: false)'`),
      allowed(`ruby -e '${SEQUEL}; DB[:users].where(id: 5).delete'`),
      allowed(`ruby -e '${SEQUEL}; puts DB[:users].count'`),
      allowed(`ruby -e 'h = {users: [1, 2]}; h[:users].delete(1); p h'`),
      flagProd(`node -e "${DRIZZLE}; db.update(users).set({role:'admin'})"`),
      flagProd(`node -e "${DRIZZLE}; db.delete(users)"`),
      allowed(`node -e "${DRIZZLE}; db.update(users).set({role:'admin'}).where(eq(users.id, 5))"`),
      allowed(`node -e "${DRIZZLE}; db.delete(users).where(eq(users.id, 5))"`),
    ],
  },
  'SQL built from character codes is the statement it builds': {
    reason: /DROP TABLE users|built at run time|cannot be read in advance/,
    rows: [
      flagProd(`python3 -c "${PSYCOPG}; c.cursor().execute(chr(68)+'ROP TABLE users')"`),
      allowed(`python3 -c "${PSYCOPG}; c.cursor().execute(chr(83)+'ELECT 1')"`),
      flag(`python3 -c "import psycopg2,os,base64; c=psycopg2.connect(os.environ['DATABASE_URL']); c.cursor().execute(base64.b64decode(os.environ['Q']).decode())"`),
      allowed(`python3 -c "import psycopg2,os; c=psycopg2.connect(os.environ['DATABASE_URL']); c.cursor().execute('SELECT * FROM users WHERE id = ' + str(5))"`),
      allowed(`python3 -c "import psycopg2,os; c=psycopg2.connect(os.environ['DATABASE_URL']); q='SELECT 1'; c.cursor().execute(q, ())"`),
    ],
  },
  'methods handed on rather than called': {
    reason: /client's (?:delete|del)\((?:item)?\)/,
    rows: [
      flagProd(`ruby -e 'require "aws-sdk-s3"; Aws::S3::Resource.new.bucket("acme-shop-production").objects.each(&:delete)'`),
      allowed(`ruby -e 'require "aws-sdk-s3"; puts Aws::S3::Resource.new.bucket("acme-shop-production").objects.map(&:key)'`),
      flagProd(`python3 -c "import stripe; list(map(stripe.Customer.delete,[c.id for c in stripe.Customer.list()]))"`),
      allowed(`python3 -c "import stripe; print(list(map(stripe.Customer.retrieve,['cus_1'])))"`),
      flagProd(`ruby -e 'require "redis"; r=Redis.new(host: "cache.prod.acme.internal"); r.keys.each(&r.method(:del))'`),
      allowed(`ruby -e 'require "redis"; r=Redis.new(host: "cache.prod.acme.internal"); r.keys.each(&r.method(:get))'`),
      flagProd(`node -e "const Redis=require('ioredis'); const r=new Redis('redis://cache.prod.acme.internal'); r.keys('*').then(ks=>ks.forEach(r.del))"`),
      allowed(`node -e "const Redis=require('ioredis'); const r=new Redis('redis://cache.prod.acme.internal'); r.keys('*').then(ks=>ks.forEach(r.get))"`),
      allowed(`ruby -e 'p [1, 2].map(&:to_s)'`),
    ],
  },
  'a PHP method named by a variable on an SDK client': {
    reason: /deleteBucket|name is computed at run time/,
    rows: [
      flagProd(`php -r 'require "vendor/autoload.php"; $c=new Aws\\S3\\S3Client([]); $m="delete"."Bucket"; $c->$m(["Bucket"=>"acme-shop-production"]);'`),
      flagProd(`php -r 'require "vendor/autoload.php"; $c=new Aws\\S3\\S3Client([]); $m=$argv[1]; $c->$m(["Bucket"=>"acme-shop-production"]);' deleteBucket`),
      allowed(`php -r 'require "vendor/autoload.php"; $c=new Aws\\S3\\S3Client([]); $m="list"."Buckets"; print_r($c->$m());'`),
    ],
  },
  'Firebase Realtime Database nodes written with nothing': {
    reason: /ref\('[^']*'\)\.(?:set|update)\(/,
    rows: [
      flagProd(`node -e "${RTDB}; d.ref('/').set(null)"`),
      flagProd(`node -e "${RTDB}; d.ref().update({users:null})"`),
      flagProd(`python3 -c "import firebase_admin as f; from firebase_admin import db; f.initialize_app(); db.reference('/').set({})"`),
      allowed(`node -e "${RTDB}; d.ref('users/42').set({name:'x'})"`),
      allowed(`node -e "${RTDB}; d.ref('/').update({'users/42/name':'x'})"`),
      allowed(`python3 -c "import firebase_admin as f; from firebase_admin import db; f.initialize_app(); db.reference('/config').set({'flag': True})"`),
    ],
  },
  'a Go program that calls an SDK delete': {
    reason: /DeleteBucket/,
    rows: [
      flagProd(`go run scratch/del.go`),
      allowed(`go run scratch/list.go`),
    ],
  },
};

TABLE['each of the above marked production reaches production'] = { reason: /is production/, rows: onProduction };

familyTables('stop 33: ORM tautologies, dataset wipes, built SQL, method references, RTDB and Go SDK deletes (red team round 16)', TABLE, facts);
