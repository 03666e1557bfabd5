import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Platform run commands and their database shells: the command line run there is judged like the
 * same line here (`heroku run … bash -c "…"`, `aws ecs execute-command --command`, `az containerapp
 * exec --command`, `doctl compute ssh --ssh-command`), a file a psql session includes with `\i` is
 * read, and stopping scheduled backups asks. Rows from each CLI's reference, with look-alikes.
 */

const facts = testFacts({
  files: {
    '/work/app/scripts/wipe_sessions.sql': 'TRUNCATE TABLE sessions;\n',
    '/work/app/scripts/count_users.sql': 'SELECT count(*) FROM users;\n',
  },
});
const verdict = (command: string) => classify(command, facts, { lockdown: false });

const FLAGGED: Array<[string, RegExp]> = [
  ['heroku run -a acme-shop bash -c "rm -rf /app/storage"', /Recursively deletes \/app\/storage/],
  ['heroku run -a acme-shop -- sh -c "dropdb shop"', /dropdb/],
  ['heroku pg:psql -a acme-shop -c "\\i scripts/wipe_sessions.sql"', /TRUNCATE sessions/],
  ['heroku pg:psql DATABASE_URL -a acme-shop --command "\\include scripts/wipe_sessions.sql"', /TRUNCATE sessions/],
  ['heroku pg:backups:unschedule DATABASE_URL -a acme-shop-production', /stops the scheduled daily backups/],
  ['heroku pg:backups:unschedule -a acme-shop', /stops the scheduled daily backups/],
  ['aws ecs execute-command --cluster prod --task abc --container app --interactive --command "rm -rf /data"', /Recursively deletes \/data/],
  ['az containerapp exec -n api -g prod-rg --command "rm -rf /data"', /Recursively deletes \/data/],
  ['doctl compute ssh prod-droplet --ssh-command "rm -rf /srv/data"', /Recursively deletes \/srv\/data/],
  ['render ssh srv-d0abc123 -- rm -rf /var/data/uploads', /Recursively deletes \/var\/data\/uploads/],
  [`render ssh srv-d0abc123 -- sh -c 'psql "$DATABASE_URL" -c "DROP TABLE users"'`, /DROP TABLE users/],
];

const ALLOWED = [
  'heroku run -a acme-shop bash -c "ls -la /app"',
  'heroku pg:psql -a acme-shop -c "\\i scripts/count_users.sql"',
  'heroku pg:backups:schedule DATABASE_URL --at "02:00 America/New_York" -a acme-shop',
  'heroku pg:backups -a acme-shop',
  'aws ecs execute-command --cluster prod --task abc --interactive --command "ls /data"',
  'az containerapp exec -n api -g prod-rg --command "df -h"',
  'doctl compute ssh web-1',
  'render ssh srv-d0abc123 -- df -h',
  'render ssh srv-d0abc123',
];

describe('platform run commands: the line run there is judged', () => {
  for (const [command, reason] of FLAGGED) {
    it(`${command}: asks, production`, () => {
      const v = verdict(command);
      assert.equal(v.decision, 'ask', JSON.stringify(v.reasons));
      assert.equal(v.production, true, JSON.stringify(v.targets));
      assert.ok(v.reasons.some((r) => reason.test(r)), JSON.stringify(v.reasons));
    });
  }
  for (const command of ALLOWED) it(`${command}: allowed`, () => assert.equal(verdict(command).decision, 'allow', JSON.stringify(verdict(command).reasons)));
});
