import { strict as assert } from 'node:assert';
import { environmentOf, environmentOfName, hostOf, isLocalHost, isLocalKubeContext, isLoopbackHost, redactUrl, productionMapMatch } from '../../../src/core/policy/production';
import type { EnvironmentHints, Facts } from '../../../src/core/policy/types';
import { testFacts } from '../support/policyFixtures';

const remote = (values: string[], extra: Partial<EnvironmentHints> = {}): EnvironmentHints => ({ values, remote: true, ...extra });

describe('production resolution', () => {
  const cases: Array<[string, EnvironmentHints, string, Partial<Facts>?, Record<string, string>?]> = [
    ['--environment production', remote([], { sources: [{ source: '--environment', value: 'production' }] }), 'production'],
    ['-e prod', remote([], { sources: [{ source: '-e', value: 'prod' }] }), 'production'],
    ['--context prod-east', remote([], { sources: [{ source: '--context', value: 'prod-east' }] }), 'production'],
    ['--profile production', remote(['production']), 'production'],
    ['-a app-prod', remote(['app-prod']), 'production'],
    ['--stack org/proj/prod', remote(['org/proj/prod']), 'production'],
    ['camelCase appProd', remote(['appProd']), 'production'],
    ['prod1 with digits', remote(['db-prod1']), 'production'],
    ['live token', remote(['shop-live']), 'production'],
    ['prd token', remote(['eu-prd-cluster']), 'production'],
    ['upper case PRODUCTION', remote(['MYAPP_PRODUCTION']), 'production'],
    ['prod in host', remote(['db.prod.example.com']), 'production'],
    ['prod in URL host', remote(['postgres://u:p@db.prod.example.com:5432/app']), 'production'],
    ['production in URL database name', remote(['postgres://u:p@10.0.0.5/app_production']), 'production'],
    ['staging', remote(['staging']), 'non-production'],
    ['stage token', remote(['api-stage']), 'non-production'],
    ['dev', remote(['myapp-dev']), 'non-production'],
    ['test', remote(['test-cluster']), 'non-production'],
    ['preview', remote(['pr-42-preview']), 'non-production'],
    ['qa', remote(['qa.acme.io']), 'non-production'],
    ['sandbox', remote(['sandbox']), 'non-production'],
    ['non-prod is not prod', remote(['non-prod-cluster']), 'non-production'],
    ['nonprod', remote(['acme-nonprod']), 'non-production'],
    ['staging host', remote(['postgres://u:p@staging-db.acme.io/app']), 'non-production'],
    ['product-api is not prod', remote(['product-api']), 'unknown'],
    ['reproduce is not prod', remote(['reproduce-bug']), 'unknown'],
    ['livereload is not live', remote(['livereload']), 'unknown'],
    ['devices is not dev', remote(['devices-api']), 'unknown'],
    ['latest is not test', remote(['latest']), 'unknown'],
    ['mixed prod and staging: production wins', remote(['staging', 'prod']), 'production'],
    ['mixed in one name: production wins', remote(['prod-staging-mirror']), 'production'],
    ['plain remote name', remote(['my-app']), 'unknown'],
    ['uuid only', remote(['3f1c0a9e-1b2c-4d5e-8f90-123456789abc']), 'unknown'],
    ['nothing', remote([]), 'unknown'],
    ['localhost URL', remote(['postgres://u:p@localhost:5432/app_production']), 'local'],
    ['127.0.0.1', remote(['127.0.0.1']), 'local'],
    ['::1 URL', remote(['postgres://[::1]:5432/app']), 'local'],
    ['*.local host', remote(['mysql://db.local/app']), 'local'],
    ['sqlite URL', remote(['sqlite:///data/app.db']), 'local'],
    ['host.docker.internal', remote(['redis://host.docker.internal:6379']), 'local'],
    ['localhost:5432', remote(['localhost:5432']), 'local'],
    ['not remote', { values: ['prod'], remote: false }, 'local'],
    ['$PROD_DATABASE_URL', remote(['$PROD_DATABASE_URL']), 'production'],
    ['${LIVE_API_HOST}', remote(['https://${LIVE_API_HOST}/x']), 'production'],
    ['$STAGING_DB_URL', remote(['$STAGING_DB_URL']), 'non-production'],
    ['$DATABASE_URL', remote(['$DATABASE_URL']), 'unknown'],
    ['RAILS_ENV=production on the command', remote([]), 'production', {}, { RAILS_ENV: 'production' }],
    ['NODE_ENV=test on the command', remote([]), 'non-production', {}, { NODE_ENV: 'test' }],
    ['ambient AWS_PROFILE', remote([]), 'production', { envSelectors: { AWS_PROFILE: 'acme-production' } }],
    ['ambient APP_ENV staging', remote([]), 'non-production', { envSelectors: { APP_ENV: 'staging' } }],
    ['explicit beats ambient', remote(['staging']), 'non-production', { envSelectors: { NODE_ENV: 'production' } }],
    ['command prefix beats ambient', remote([]), 'non-production', { envSelectors: { APP_ENV: 'production' } }, { APP_ENV: 'staging' }],
    ['selectors restricted', remote([], { selectors: ['RAILS_ENV'] }), 'unknown', { envSelectors: { NODE_ENV: 'production' } }],
    ['map: name beats staging token', remote(['acme-staging']), 'production', { production: { names: ['acme-staging'], hosts: [], resourceIds: [] } }],
    ['map: host', remote(['https://api.acme.io/graphql']), 'production', { production: { names: [], hosts: ['acme.io'], resourceIds: [] } }],
    ['map: host given as URL', remote(['db.acme.io']), 'production', { production: { names: [], hosts: ['postgres://db.acme.io'], resourceIds: [] } }],
    ['map: resource id', remote(['3f1c0a9e-1b2c-4d5e-8f90-123456789abc']), 'production', { production: { names: [], hosts: [], resourceIds: ['3F1C0A9E-1B2C-4D5E-8F90-123456789ABC'] } }],
    ['map: name on word boundary only', remote(['shopify']), 'unknown', { production: { names: ['shop'], hosts: [], resourceIds: [] } }],
    ['map: name inside a longer value', remote(['org/shop/main']), 'production', { production: { names: ['shop'], hosts: [], resourceIds: [] } }],
    ['map: wins even for a local target', { values: ['shop-data'], remote: false }, 'production', { production: { names: ['shop-data'], hosts: [], resourceIds: [] } }],
    ['map: selector value', remote([]), 'production', { production: { names: ['acme'], hosts: [], resourceIds: [] }, envSelectors: { AWS_PROFILE: 'acme' } }],
  ];
  for (const [label, hints, expected, facts, assignments] of cases) {
    it(`${label} -> ${expected}`, () => {
      const r = environmentOf(hints, testFacts(facts ?? {}), { assignments });
      assert.equal(r.environment, expected, r.reason);
      assert.ok(r.reason.length > 0);
    });
  }

  it('explains with the flag that decided', () => {
    assert.equal(environmentOf(remote([], { sources: [{ source: '--environment', value: 'production' }] }), testFacts()).reason, '--environment production');
    assert.equal(environmentOf(remote(['postgres://u:secretpw@db.prod.x.io/app']), testFacts()).reason, 'host db.prod.x.io');
    assert.equal(environmentOf(remote([]), testFacts(), { assignments: { RAILS_ENV: 'production' } }).reason, 'RAILS_ENV=production on the command');
  });

  it('never puts a password in a reason', () => {
    const r = environmentOf(remote(['postgres://admin:hunter2pw@10.1.1.1/app_production']), testFacts());
    assert.ok(!r.reason.includes('hunter2pw'), r.reason);
  });

  it('hostOf reads URLs, JDBC URLs and conninfo', () => {
    assert.equal(hostOf('postgres://u:p@DB.Example.com:5432/app'), 'db.example.com');
    assert.equal(hostOf('jdbc:postgresql://db.x.io/app'), 'db.x.io');
    assert.equal(hostOf('host=db.y.io dbname=app'), 'db.y.io');
    assert.equal(hostOf('https://[::1]:8080/'), '::1');
    assert.equal(hostOf('sqlite:///tmp/x.db'), '');
    assert.equal(hostOf('just-a-name'), undefined);
  });

  it('isLoopbackHost: this machine only (a *.local LAN host is another machine)', () => {
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) assert.ok(isLoopbackHost(h), h);
    for (const h of ['raspberrypi.local', 'app.localhost', '0.0.0.0', 'host.docker.internal', '', 'localhost.evil.com', '10.0.0.5', '128.0.0.1']) assert.ok(!isLoopbackHost(h), h);
    assert.ok(isLoopbackHost('0.0.0.0', { unspecified: true }));
    assert.ok(isLoopbackHost('::', { unspecified: true }));
    assert.ok(isLoopbackHost('host.docker.internal', { dockerHost: true }));
    assert.ok(!isLoopbackHost('raspberrypi.local', { unspecified: true, dockerHost: true }));
    assert.ok(isLocalHost('raspberrypi.local'));
  });

  it('isLocalHost', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', 'db.local', 'app.localhost', '0.0.0.0', '', '/var/run/postgresql']) assert.ok(isLocalHost(h), h);
    for (const h of ['db.example.com', '10.0.0.5', 'localhost.evil.com', 'db']) assert.ok(!isLocalHost(h), h);
  });

  it('isLocalKubeContext', () => {
    for (const c of ['minikube', 'kind-dev', 'docker-desktop', 'k3d-local', 'orbstack']) assert.ok(isLocalKubeContext(c), c);
    for (const c of ['prod-east', 'gke_acme_us_prod', 'arn:aws:eks:us-east-1:1:cluster/x']) assert.ok(!isLocalKubeContext(c), c);
  });

  it('a random-looking run never says "not production" by chance (camel-case words inside a token)', () => {
    const shapes = ['x', 'Qa', 'Dev', 'Test', 'Ci', 'Stg', 'Local'];
    for (const s of shapes) {
      const token = ['gh', 'p_7fK2m', s, 'B9x4LpR8', 'tZ3vN1wq'].join(''); // assembled: no key-shaped literal in the file
      assert.equal(environmentOfName(token), undefined, token.replace(/[0-9]/g, '#'));
      assert.equal(environmentOfName(`acmectl secrets get ${token}`), undefined);
    }
    assert.equal(environmentOfName(['gh', 'p_7fK2m', 'Prod', 'B9x4LpR8', 'tZ3vN1wq'].join('')), 'production', 'production may still be read: the safe side');
    assert.equal(environmentOfName('reviewApp-staging'), 'non-production');
    assert.equal(environmentOfName('us-docker.pkg.dev/acme-dev/images'), 'non-production');
    assert.equal(environmentOfName('myServiceDev'), 'non-production', 'a short camel-case name still says dev');
  });

  it('environmentOfName and redactUrl', () => {
    assert.equal(environmentOfName('acme-prod'), 'production');
    assert.equal(environmentOfName('production-api'), 'production');
    assert.equal(environmentOfName('pre-prod'), undefined);
    // Stop 40 (round 34): a production word glued to a store or server noun (Oracle's TNS aliases), never to other letters.
    for (const glued of ['sys@PRODDB', 'PRODDB_STBY', 'app@prodsql', 'dbprod', 'ORAPRD', 'prodcluster-east', 'PRODCDB', 'appprod']) assert.equal(environmentOfName(glued), 'production', glued);
    for (const word of ['products', 'produce', 'prodigy', 'XEPDB1', 'app@DEVDB', 'productdb', 'reproduce']) assert.equal(environmentOfName(word), undefined, word);
    // An Artifact Registry host's `pkg.dev` says nothing; the image path still can.
    assert.equal(environmentOfName('us-docker.pkg.dev/acme/api/web:1'), undefined);
    assert.equal(environmentOfName('us-docker.pkg.dev/acme-dev/api/web:1'), 'non-production');
    assert.equal(environmentOfName('europe-docker.pkg.dev/acme-prod/api/web:1'), 'production');
    assert.equal(redactUrl('postgres://u:pw@h/db'), 'postgres://h/db');
    assert.equal(redactUrl('https://h/x?token=abc&a=1'), 'https://h/x?token=***&a=1');
    assert.equal(productionMapMatch('x', { names: [], hosts: [], resourceIds: [] }), undefined);
  });
});
