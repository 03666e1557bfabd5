import { perimeterFacts } from './perimeterFixtures';
import { allowed, familyTables, flag, type Family } from './familyTable';

/**
 * Red team round 14: ORMs' and query builders' every-row calls (Knex `('users').del()`, SQLAlchemy `query(User).delete()`,
 * Peewee, Drizzle, TypeORM `clear()`, Sequelize `drop()`, Prisma `updateMany` with no where) were allowed on a production
 * connection (libraryDataCalls.ts). A filter in the chain keeps the call to the rows it names.
 */

const TABLE: Record<string, Family> = {
  'every row through an ORM or a query builder': {
    reason: /every row|Sequelize/,
    rows: [
      flag("node -e \"require('knex')({client:'pg',connection:'postgres://db.prod.acme.internal/app'})('users').del().then(()=>process.exit())\""),
      flag("node -e \"require('knex')({client:'pg',connection:'postgres://db.prod.acme.internal/app'})('users').truncate().then(()=>process.exit())\""),
      flag("node -e \"require('knex')({client:'pg',connection:'postgres://db.prod.acme.internal/app'})('users').update({email:null})\""),
      flag("python3 -c \"from app.db import SessionLocal; from app.models import User; s=SessionLocal(); s.query(User).delete(); s.commit()\""),
      flag("python3 -c \"import peewee; from app.models import User; User.delete().execute()\""),
      flag("node -e \"const {drizzle}=require('drizzle-orm/node-postgres'); const {users}=require('./src/db/schema'); drizzle(process.env.DATABASE_URL).delete(users)\""),
      flag("node -e \"const {AppDataSource}=require('./dist/data-source'); AppDataSource.initialize().then(ds=>ds.getRepository('User').clear())\""),
      flag("node -e \"const {Sequelize}=require('sequelize'); new Sequelize(process.env.DATABASE_URL).drop()\""),
      flag("node -e \"const {PrismaClient}=require('@prisma/client'); new PrismaClient().user.updateMany({data:{email:null}})\""),
      allowed("node -e \"require('knex')({client:'pg',connection:'postgres://db.prod.acme.internal/app'})('users').where('id',5).del()\""),
      allowed("python3 -c \"from app.db import SessionLocal; from app.models import User; s=SessionLocal(); s.query(User).filter(User.id==5).delete(); s.commit()\""),
      allowed("python3 -c \"import peewee; from app.models import User; User.delete().where(User.id==5).execute()\""),
      allowed("node -e \"const {drizzle}=require('drizzle-orm/node-postgres'); const {users}=require('./src/db/schema'); const {eq}=require('drizzle-orm'); drizzle(process.env.DATABASE_URL).delete(users).where(eq(users.id, 5))\""),
      allowed("node -e \"const m=new Map(); m.clear()\""),
      allowed("node -e \"const {PrismaClient}=require('@prisma/client'); new PrismaClient().user.updateMany({where:{id:5}, data:{email:null}})\""),
      allowed("python3 -c \"import requests; requests.get('https://api.example.com').json()\""),
    ],
  },
};

familyTables('ORM and query-builder mass operations (coordinator, stop 30)', TABLE, perimeterFacts);
