import { testFacts } from '../support/policyFixtures';
import { allowed, ask, familyTables, type Family } from './familyTable';

/**
 * A framework reset whose DATABASE_URL, written on the command line, names a test database on this machine is what
 * the test setup does anyway (round 18 row 174, stop 34): like `dropdb shop_test` and `MIX_ENV=test mix ecto.reset`,
 * it passes. The same URL naming another database, another host, or a part known only at run time still asks.
 */

const TABLE: Record<string, Family> = {
  'a framework reset against a test database named on this machine': {
    reason: /drops or empties|drops every|reverts/,
    rows: [
      allowed('DATABASE_URL=postgres://postgres@localhost/shop_test npx prisma migrate reset --force'),
      allowed('DATABASE_URL=postgres://postgres@127.0.0.1:5432/test_shop npx prisma db push --force-reset'),
      allowed('DATABASE_URL=postgres://localhost/shop_test bin/rails db:drop'),
      allowed('DATABASE_URL=mysql://root@localhost:3306/app_test php artisan migrate:fresh'),
      ask('DATABASE_URL=postgres://postgres@localhost/shop npx prisma migrate reset --force'),
      ask('DATABASE_URL=postgres://postgres@db.acme.io/shop_test npx prisma migrate reset --force'),
      ask('DATABASE_URL=$X/shop_test npx prisma migrate reset --force'),
      ask('DATABASE_URL=postgres://localhost/shop bin/rails db:drop'),
      ask('DATABASE_URL=postgres://postgres@localhost/shop_dev npx prisma migrate reset --force'),
    ],
  },
};

familyTables('framework resets on a local test database (coordinator, stop 34)', TABLE, () => testFacts());
