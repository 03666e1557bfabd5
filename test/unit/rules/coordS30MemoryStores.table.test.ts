import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import { perimeterFacts, show } from './perimeterFixtures';
import { allowed, familyTables, flag, type Family } from './familyTable';

/**
 * Red team round 14's false positives (stop 30): a drop in a store that lives only in the program's
 * memory, and a Stripe call with a test-mode key written in the code, were asked. They are allowed
 * (support/memoryStores.ts, clientLibraryFindings.ts); the same calls beside a store that outlives the
 * program, or with a live or environment key, still ask. Keys are assembled here at run time.
 */

const TEST_KEY = ['sk', 'test', 'x1'].join('_');
const LIVE_KEY = ['sk', 'live', 'x1'].join('_');

const TABLE: Record<string, Family> = {
  'a store that lives only in memory': {
    reason: /DROP|delete|drop|remove/i,
    rows: [
      allowed(`python3 -c "import sqlite3; c=sqlite3.connect(':memory:'); c.execute('create table t(x)'); c.execute('drop table t')"`),
      allowed(`python3 -c "from qdrant_client import QdrantClient; QdrantClient(':memory:').delete_collection('x')"`),
      allowed(`python3 -c "import chromadb; chromadb.Client().delete_collection('tmp')"`),
      allowed(`python3 -c "import chromadb; chromadb.EphemeralClient().delete_collection('tmp')"`),
      allowed(`node -e "const {Sequelize}=require('sequelize'); new Sequelize('sqlite::memory:').drop()"`),
      flag(`python3 -c "import sqlite3; c=sqlite3.connect('app.db'); c.execute('drop table users')"`),
      flag(`python3 -c "import sqlite3; m=sqlite3.connect(':memory:'); c=sqlite3.connect('app.db'); c.execute('drop table users')"`),
      flag(`python3 -c "import chromadb; chromadb.PersistentClient(path='db').delete_collection('docs')"`),
      flag(`python3 -c "import chromadb; chromadb.HttpClient(host='vec.prod.acme.io').delete_collection('docs')"`),
      flag(`python3 -c "from qdrant_client import QdrantClient; QdrantClient(url='https://q.prod.acme.io').delete_collection('x')"`),
      flag(`python3 -c "import os,sqlite3; m=sqlite3.connect(':memory:'); sqlite3.connect(os.environ['DB']).execute('drop table t')"`),
    ],
  },
  'Stripe in test mode': {
    reason: /Stripe/,
    rows: [
      allowed(`python3 -c "import stripe; stripe.api_key='${TEST_KEY}'; stripe.Customer.delete('cus_1')"`),
      allowed(`node -e "const s=require('stripe')('${TEST_KEY}'); s.customers.del('cus_1')"`),
      flag(`python3 -c "import os,stripe; stripe.api_key=os.environ['STRIPE_KEY']; stripe.Customer.delete('cus_1')"`),
      flag(`python3 -c "import stripe; stripe.api_key='${LIVE_KEY}'; stripe.Customer.delete('cus_1')"`),
      flag(`node -e "const s=require('stripe')(process.env.STRIPE_SECRET_KEY); s.customers.del('cus_1')"`),
    ],
  },
  'the dialog names the store that outlives the program, not the one in memory': {
    reason: /DROP TABLE users on app\.db/,
    rows: [
      flag(`python3 -c "import sqlite3; m=sqlite3.connect(':memory:'); c=sqlite3.connect('app.db'); c.execute('drop table users')"`),
      flag(`node -e "const Database=require('better-sqlite3'); new Database(':memory:'); new Database('app.db').exec('drop table users')"`),
    ],
  },
};

/** Endpoints on this machine ask as this machine's data (the team's decision), not as production; any other endpoint keeps the production reading. */
const LOCAL_ENDPOINTS: { command: string; production: boolean }[] = [
  { command: `python3 -c "import boto3; boto3.client('dynamodb', endpoint_url='http://localhost:8000').delete_table(TableName='orders')"`, production: false },
  { command: `python3 -c "import boto3; boto3.client('s3', endpoint_url='http://localhost:4566').delete_bucket(Bucket='test')"`, production: false },
  { command: `node -e "const m=require('mongoose'); m.connect('mongodb://localhost/test').then(()=>m.connection.dropDatabase())"`, production: false },
  { command: `python3 -c "import pymongo; pymongo.MongoClient('mongodb://localhost:27017').test_db.users.delete_many({})"`, production: false },
  { command: `python3 -c "import boto3; boto3.client('dynamodb').delete_table(TableName='orders')"`, production: true },
  { command: `python3 -c "import boto3; boto3.client('s3', endpoint_url='https://s3.prod.acme.io').delete_bucket(Bucket='test')"`, production: true },
  { command: `python3 -c "import boto3; a=boto3.client('s3', endpoint_url='http://localhost:4566'); boto3.client('s3', endpoint_url='https://s3.prod.acme.io').delete_bucket(Bucket='x')"`, production: true },
];

describe('SDK deletes against local endpoints (coordinator, stop 30)', () => {
  const facts = perimeterFacts();
  for (const row of LOCAL_ENDPOINTS) {
    it(`${row.production ? 'production' : 'this machine'}: ${row.command}`, () => {
      const v = classify(row.command, facts, { lockdown: false });
      assert.equal(v.decision, 'ask', show(v));
      assert.equal(v.production, row.production, show(v));
    });
  }
});

familyTables('throw-away stores and test-mode keys (coordinator, stop 30)', TABLE, perimeterFacts);
