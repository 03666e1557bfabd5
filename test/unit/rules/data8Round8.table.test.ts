import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Production noted is not production allowed (issue #18, red team round 8): a CLI without rules of its
 * own, on a production target, running a subcommand whose verb is not a read asks. Each asking row sits
 * next to a look-alike that stays allowed: the tool's read-only verb on the same target, or the same
 * change on a target that is not production. Commands from the tools' documentation (EB CLI, Zappa,
 * Serverless Framework, Skaffold, MinIO mc admin, dbt, bq). `run`, `exec`, `set`, `deploy` stay
 * mark-and-allow: the team's tables allow seeds, forward migrations and store writes on production.
 */

interface Row {
  cmd: string;
  decision: 'ask' | 'allow';
  production?: boolean;
  says?: RegExp;
}

function table(title: string, rows: readonly Row[]): void {
  describe(title, () => {
    for (const row of rows) {
      it(`${row.decision}: ${row.cmd.slice(0, 120)}`, () => {
        const verdict = classify(row.cmd, testFacts(), { lockdown: false });
        const shown = JSON.stringify(verdict, null, 1);
        assert.equal(verdict.decision, row.decision, shown);
        if (row.production !== undefined) assert.equal(verdict.production, row.production, shown);
        if (row.says) assert.ok(verdict.reasons.some((r) => row.says!.test(r)), shown);
      });
    }
  });
}

describe('rules/verbs: production change by a verb that is not a read (issue #18, red team round 8)', () => {
  table('PaaS environments: config overwrite, scale, rollback on prod ask; reads and other stages allowed', [
    { cmd: 'eb setenv DATABASE_URL= -e prod', decision: 'ask', production: true, says: /eb setenv.*changes production/ },
    { cmd: 'eb status -e prod', decision: 'allow', production: true },
    { cmd: 'eb setenv DEBUG=1 -e staging', decision: 'allow', production: false },
    { cmd: 'eb scale 0 -e prod', decision: 'ask', production: true },
    { cmd: 'eb logs -e prod', decision: 'allow', production: true },
    { cmd: 'zappa rollback prod -n 1', decision: 'ask', production: true, says: /zappa rollback/ },
    { cmd: 'zappa status prod', decision: 'allow', production: true },
    { cmd: 'zappa rollback dev -n 1', decision: 'allow', production: false },
    { cmd: 'serverless rollback --stage prod -t 1', decision: 'ask', production: true },
    { cmd: 'serverless info --stage prod', decision: 'allow', production: true },
  ]);
  table('deploy and admin tools on prod ask; their read-only verbs stay allowed', [
    { cmd: 'skaffold diagnose -p prod', decision: 'allow', production: true },
    { cmd: 'mc admin service restart prod', decision: 'ask', production: true, says: /mc admin service restart/ },
    { cmd: 'mc admin info prod', decision: 'allow', production: true },
    { cmd: 'dbt ls --target prod', decision: 'allow', production: true },
    { cmd: 'bq ls acme-prod:analytics', decision: 'allow', production: true },
  ]);
  table('a change that raises a protection on prod is not taken for a change that lowers it', [
    { cmd: 'oci os bucket update --bucket-name acme-prod --versioning Enabled', decision: 'allow', production: true },
    { cmd: 'avn service update pg-prod --enable-termination-protection', decision: 'allow', production: true },
    { cmd: 'avn service update pg-prod --plan hobbyist', decision: 'ask', production: true },
  ]);
  table('SQL on a production database: statements whose verb is not known, locks, server files, server-wide settings and acting functions ask', [
    { cmd: `psql -h db.prod.acme.internal -c "SELECT setval('users_id_seq', 1)"`, decision: 'ask', production: true, says: /setval/ },
    { cmd: `psql -h db.prod.acme.internal -c "SELECT last_value FROM users_id_seq"`, decision: 'allow', production: true },
    { cmd: `psql -h db.prod.acme.internal -c "SELECT pg_terminate_backend(1234)"`, decision: 'ask', production: true },
    { cmd: `psql -h db.prod.acme.internal -c "SELECT pid, state FROM pg_stat_activity"`, decision: 'allow', production: true },
    { cmd: `psql -h localhost -d app_dev -c "SELECT pg_terminate_backend(1234)"`, decision: 'allow', production: false },
    { cmd: `psql -h db.prod.acme.internal -c "EXPLAIN ANALYZE DELETE FROM users"`, decision: 'ask', production: true },
    { cmd: `psql -h db.prod.acme.internal -c "EXPLAIN ANALYZE SELECT * FROM users WHERE id = 1"`, decision: 'allow', production: true },
    { cmd: `psql -h db.prod.acme.internal -c "EXPLAIN DELETE FROM users"`, decision: 'allow', production: true },
    { cmd: `psql -h db.prod.acme.internal -c "LOCK TABLE users IN ACCESS EXCLUSIVE MODE"`, decision: 'ask', production: true },
    { cmd: `psql -h db.prod.acme.internal -c "COPY (SELECT '') TO '/var/lib/postgresql/data/postgresql.conf'"`, decision: 'ask', production: true },
    // Stop 35 (round 21): a whole table exported from production is a dump; a filtered query's copy stays a read.
    { cmd: `psql -h db.prod.acme.internal -c "COPY users TO STDOUT WITH CSV"`, decision: 'ask', production: true },
    { cmd: `psql -h db.prod.acme.internal -c "COPY (SELECT id FROM users WHERE id = 1) TO STDOUT WITH CSV"`, decision: 'allow', production: true },
    { cmd: `psql -h db.prod.acme.internal -c "SELECT cron.unschedule('nightly-backup')"`, decision: 'ask', production: true },
    { cmd: `psql -h db.prod.acme.internal -c "SELECT jobname, schedule FROM cron.job"`, decision: 'allow', production: true },
    { cmd: `mysql -h prod-db.example.com -e 'INSTALL PLUGIN x SONAME "x.so"'`, decision: 'ask', production: true },
    { cmd: `mysql -h prod-db.example.com -e 'SHOW PLUGINS'`, decision: 'allow', production: true },
    { cmd: `mysql -h prod-db.example.com -e 'SET GLOBAL general_log=0'`, decision: 'ask', production: true },
    { cmd: `mysql -h prod-db.example.com -e 'SET NAMES utf8mb4; SELECT 1'`, decision: 'allow', production: true },
    { cmd: `mysql -h prod-db.example.com -e 'ALTER INSTANCE DISABLE INNODB REDO_LOG'`, decision: 'ask', production: true },
    { cmd: `mysql -h prod-db.example.com -e 'SELECT GET_LOCK("x", 0), SLEEP(86400)'`, decision: 'ask', production: true },
    { cmd: `mysql -h prod-db.example.com -e 'SELECT NOW(), VERSION()'`, decision: 'allow', production: true },
  ]);
});
