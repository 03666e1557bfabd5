import { strict as assert } from 'node:assert';
import { paasPack } from '../../../src/core/rules/paas';
import { UNKNOWN_TREATED_AS_PRODUCTION } from '../../../src/core/policy/verdict';
import { classify } from '../../../src/core/policy/classify';
import { invocation, plainContext, testFacts } from '../support/policyFixtures';
import { expectCase, realContext, runPack, type Expectation } from '../support/packRun';

const UNKNOWN = new RegExp(UNKNOWN_TREATED_AS_PRODUCTION);

/** ~/.railway/config.json as the Railway CLI writes it; the token is assembled at run time. */
function railwayConfig(environmentName: string): string {
  const token = ['rw', 'tok', Math.random().toString(36).slice(2)].join('_');
  return JSON.stringify({
    projects: {
      '/work/app': { projectPath: '/work/app', name: 'shop', project: 'p-1', environment: 'env-1', environmentName, service: 'svc-1' },
      '/work/other': { projectPath: '/work/other', name: 'other', project: 'p-2', environment: 'env-2', environmentName: 'production' },
    },
    user: { token },
  });
}

const destructive: Expectation[] = [
  { cmd: 'railway volume delete -v 3f1c0a9e-vol -e production', decision: 'ask', rule: 'paas.railway-volume-delete', kind: 'volume', name: '3f1c0a9e-vol', provider: 'railway', production: true, envReason: /-e production/ },
  { cmd: 'railway volume delete --volume vol-1', decision: 'ask', rule: 'paas.railway-volume-delete', production: true, envReason: UNKNOWN },
  { cmd: 'railway environment delete staging', decision: 'ask', rule: 'paas.railway-environment-delete', kind: 'environment', name: 'staging', production: false },
  { cmd: 'railway environment delete production', decision: 'ask', kind: 'environment', production: true },
  { cmd: 'railway delete -p my-project', decision: 'ask', rule: 'paas.railway-project-delete', kind: 'project', name: 'my-project' },
  { cmd: 'railway delete', decision: 'ask', rule: 'paas.railway-project-delete', name: 'the linked Railway project', production: true },
  { cmd: 'railway down -s api -e production', decision: 'ask', rule: 'paas.railway-down', kind: 'service', name: 'api', production: true },
  { cmd: 'railway down', decision: 'ask', rule: 'paas.railway-down', reason: /latest deployment/ },
  { cmd: 'railway service delete worker', decision: 'ask', rule: 'paas.railway-service-delete', kind: 'service', name: 'worker' },
  { cmd: 'railway variables delete API_KEY -e staging', decision: 'ask', rule: 'paas.railway-variable-delete', kind: 'credential', production: false },
  { cmd: 'RAILWAY_ENVIRONMENT=production railway volume delete -v v1', decision: 'ask', production: true, envReason: /RAILWAY_ENVIRONMENT/ },
  { cmd: 'fly apps destroy my-app-prod --yes', decision: 'ask', rule: 'paas.fly-apps-destroy', kind: 'app', name: 'my-app-prod', production: true },
  { cmd: 'fly destroy staging-app', decision: 'ask', rule: 'paas.fly-destroy', production: false },
  { cmd: 'flyctl volumes destroy vol_123 -a api-prod', decision: 'ask', rule: 'paas.fly-volumes-destroy', kind: 'volume', name: 'vol_123', production: true, envReason: /api-prod/ },
  { cmd: 'fly machine destroy 148e --force -a web', decision: 'ask', rule: 'paas.fly-machine-destroy', name: '148e' },
  { cmd: 'fly secrets unset STRIPE_KEY -a web-prod', decision: 'ask', rule: 'paas.fly-secrets-unset', kind: 'credential', production: true },
  { cmd: 'fly ext tigris destroy media-bucket', decision: 'ask', rule: 'paas.fly-destroy-generic' },
  { cmd: 'heroku apps:destroy --app shop-prod --confirm shop-prod', decision: 'ask', rule: 'paas.heroku-apps-destroy', kind: 'app', name: 'shop-prod', production: true },
  { cmd: 'heroku apps destroy -a shop', decision: 'ask', rule: 'paas.heroku-apps-destroy', name: 'shop' },
  { cmd: 'heroku destroy -a shop', decision: 'ask', rule: 'paas.heroku-destroy' },
  { cmd: 'heroku pg:reset DATABASE_URL -a shop-staging --confirm shop-staging', decision: 'ask', rule: 'paas.heroku-pg-reset', kind: 'database', name: 'DATABASE_URL', production: false },
  { cmd: 'heroku pg:reset -a shop', decision: 'ask', rule: 'paas.heroku-pg-reset', name: 'shop', production: true, envReason: UNKNOWN },
  { cmd: 'heroku pg:backups:restore b101 DATABASE_URL -a shop-prod', decision: 'ask', rule: 'paas.heroku-pg-backups-restore', name: 'DATABASE_URL', production: true },
  { cmd: 'heroku addons:destroy heroku-redis -a shop', decision: 'ask', rule: 'paas.heroku-addons-destroy' },
  { cmd: 'heroku config:unset SECRET_KEY -a shop', decision: 'ask', rule: 'paas.heroku-config-unset', kind: 'credential' },
  { cmd: 'heroku pipelines:destroy checkout', decision: 'ask', rule: 'paas.heroku-destroy-generic' },
  { cmd: 'heroku pg:info -r production', decision: 'allow', production: true, info: true },
  { cmd: 'vercel remove my-app --yes', decision: 'ask', rule: 'paas.vercel-remove', kind: 'project', name: 'my-app' },
  { cmd: 'vercel env rm DATABASE_URL production --yes', decision: 'ask', rule: 'paas.vercel-env-rm', name: 'DATABASE_URL', production: true },
  { cmd: 'vercel env rm API_KEY preview', decision: 'ask', rule: 'paas.vercel-env-rm', production: false },
  { cmd: 'vercel domains rm example.com', decision: 'ask', rule: 'paas.vercel-domains-rm' },
  { cmd: 'vercel projects rm web', decision: 'ask', rule: 'paas.vercel-projects-rm' },
  { cmd: 'vercel dns rm rec_123', decision: 'ask', rule: 'paas.vercel-remove-generic' },
  { cmd: 'netlify sites:delete 1234-abcd --force', decision: 'ask', rule: 'paas.netlify-sites-delete', name: '1234-abcd' },
  { cmd: 'netlify env:unset API_KEY --context production', decision: 'ask', rule: 'paas.netlify-env-unset', production: true },
  { cmd: 'netlify api deleteSite --data \'{"site_id": "abc-123"}\'', decision: 'ask', rule: 'paas.netlify-api-delete', name: 'abc-123' },
  { cmd: 'netlify blobs:delete uploads avatar.png', decision: 'ask', rule: 'paas.netlify-delete' },
  { cmd: 'supabase db reset --linked', decision: 'ask', rule: 'paas.supabase-db-reset', kind: 'database', production: true, envReason: UNKNOWN },
  { cmd: 'supabase db reset', decision: 'ask', rule: 'paas.supabase-db-reset', production: false, reason: /on this machine/ },
  { cmd: 'supabase db reset --db-url postgresql://postgres:pw@db.abcd.supabase.co:5432/postgres', decision: 'ask', name: 'db.abcd.supabase.co:5432/postgres', production: true },
  { cmd: 'supabase projects delete abcdefghij', decision: 'ask', rule: 'paas.supabase-projects-delete', kind: 'project' },
  { cmd: 'supabase branches delete feature-x', decision: 'ask', rule: 'paas.supabase-branches-delete', kind: 'branch' },
  { cmd: 'supabase storage rm -r ss:///avatars/2024', decision: 'ask', rule: 'paas.supabase-storage-rm', reason: /recursively/ },
  { cmd: 'supabase stop --no-backup', decision: 'ask', rule: 'paas.supabase-stop-no-backup', production: false },
  { cmd: 'supabase secrets unset STRIPE_KEY', decision: 'ask', rule: 'paas.supabase-delete', kind: 'credential' },
  { cmd: 'neonctl projects delete shy-rain-123', decision: 'ask', rule: 'paas.neon-projects-delete', kind: 'project' },
  { cmd: 'neonctl branches delete br-feature --project-id p1', decision: 'ask', rule: 'paas.neon-branches-delete', kind: 'branch', name: 'br-feature' },
  { cmd: 'neon branches reset dev --parent', decision: 'ask', rule: 'paas.neon-branches-reset' },
  { cmd: 'neonctl databases delete app_prod --branch main', decision: 'ask', rule: 'paas.neon-databases-delete', production: true },
  { cmd: 'pscale database delete shop --force', decision: 'ask', rule: 'paas.pscale-database-delete', kind: 'database', name: 'shop' },
  { cmd: 'pscale branch delete shop feature-1', decision: 'ask', rule: 'paas.pscale-branch-delete', name: 'shop/feature-1' },
  { cmd: 'render services delete srv-123', decision: 'ask', rule: 'paas.render-delete', kind: 'service' },
  { cmd: 'gh repo delete acme/website --yes', decision: 'ask', rule: 'paas.gh-repo-delete', kind: 'repository', name: 'acme/website' },
  { cmd: 'gh repo delete', decision: 'ask', rule: 'paas.gh-repo-delete', name: 'the current repository' },
  { cmd: 'gh release delete v1.2.0 -y', decision: 'ask', rule: 'paas.gh-release-delete', name: 'v1.2.0' },
  { cmd: 'gh secret delete STRIPE_KEY --env production', decision: 'ask', rule: 'paas.gh-secret-delete', production: true },
  { cmd: 'gh cache delete --all', decision: 'ask', rule: 'paas.gh-delete' },
  { cmd: 'doppler secrets delete API_KEY -c prd', decision: 'ask', rule: 'paas.doppler-secrets-delete', production: true },
  { cmd: 'doppler configs delete dev_personal', decision: 'ask', rule: 'paas.doppler-delete' },
  { cmd: 'firebase firestore:delete --all-collections --project shop-prod', decision: 'ask', rule: 'paas.firebase-firestore-delete', production: true },
  { cmd: 'firebase database:remove /users -P shop-dev', decision: 'ask', rule: 'paas.firebase-database-remove', production: false },
  { cmd: 'firebase functions:delete resize', decision: 'ask', rule: 'paas.firebase-delete' },
  { cmd: 'wrangler d1 delete shop-db', decision: 'ask', rule: 'paas.wrangler-delete', kind: 'database' },
  { cmd: 'wrangler r2 bucket delete assets', decision: 'ask', kind: 'bucket', name: 'assets' },
  { cmd: 'wrangler kv key delete --binding CACHE user:1', decision: 'ask', rule: 'paas.wrangler-delete' },
  { cmd: 'wrangler delete --env production', decision: 'ask', rule: 'paas.wrangler-delete-worker', production: true },
  { cmd: 'cd /work/app && sudo railway volume delete -v v2', decision: 'ask', rule: 'paas.railway-volume-delete' },
  { cmd: 'railway up', decision: 'ask', rule: 'paas.railway-up' },
  { cmd: 'fly deploy', decision: 'ask', rule: 'paas.fly-deploy-production' },
];

const benign: Expectation[] = [
  { cmd: 'railway logs -e production', decision: 'allow', production: true, info: true },
  { cmd: 'railway logs -e staging', decision: 'allow', production: false, info: false },
  { cmd: 'railway status', decision: 'allow', info: false },
  // Round 7 re-attack (s26): a deploy to an environment nothing names asks (see destructive); a named non-production one stays routine.
  { cmd: 'railway up -e staging', decision: 'allow' },
  { cmd: 'railway link', decision: 'allow' },
  { cmd: 'railway unlink', decision: 'allow' },
  { cmd: 'fly status -a app-prod', decision: 'allow', production: true, info: true },
  { cmd: 'fly logs -a web', decision: 'allow', info: false },
  { cmd: 'fly deploy -a shop-staging', decision: 'allow' },
  { cmd: 'heroku logs -a app-prod --tail', decision: 'allow', production: true, info: true },
  { cmd: 'heroku ps -a shop', decision: 'allow' },
  { cmd: 'heroku run rails db:migrate -a shop', decision: 'allow' },
  { cmd: 'vercel env ls', decision: 'allow' },
  { cmd: 'netlify deploy', decision: 'allow' },
  { cmd: 'netlify unlink', decision: 'allow' },
  { cmd: 'supabase start', decision: 'allow' },
  { cmd: 'supabase stop', decision: 'allow' },
  { cmd: 'supabase db push --dry-run', decision: 'allow' },
  { cmd: 'supabase db push --local', decision: 'allow' },
  { cmd: 'supabase storage rm --local ss:///bucket/x', decision: 'allow' },
  { cmd: 'neonctl branches list', decision: 'allow' },
  { cmd: 'pscale branch list shop', decision: 'allow' },
  { cmd: 'gh issue list --search delete', decision: 'allow' },
  { cmd: 'gh pr view 12', decision: 'allow' },
  { cmd: 'gh alias delete co', decision: 'allow' },
  { cmd: 'gh extension remove gh-dash', decision: 'allow' },
  { cmd: 'gh repo delete --help', decision: 'allow' },
  { cmd: 'wrangler kv key delete --binding CACHE k --local', decision: 'allow' },
  { cmd: 'firebase emulators:start', decision: 'allow' },
  { cmd: 'echo "railway volume delete -v x"', decision: 'allow' },
  { cmd: 'git commit -m "fly apps destroy old-app"', decision: 'allow' },
];

describe('paas pack', () => {
  describe('destructive commands ask', () => {
    for (const c of destructive) it(c.cmd, () => expectCase(paasPack, c));
  });
  describe('read-only work is allowed, production marked', () => {
    for (const c of benign) it(c.cmd, () => expectCase(paasPack, c));
  });

  describe('linked projects read from disk', () => {
    it('the Railway link of the working folder names the environment', () => {
      const facts = testFacts({ files: { '/home/dev/.railway/config.json': railwayConfig('production') } });
      expectCase(paasPack, { cmd: 'railway volume delete -v v1', decision: 'ask', production: true, envReason: /linked Railway environment/, facts });
    });

    it('a staging link is not production, and the token never appears in the verdict', () => {
      const config = railwayConfig('staging');
      const facts = testFacts({ files: { '/home/dev/.railway/config.json': config } });
      const { verdict } = runPack(paasPack, 'railway volume delete -v v1', facts);
      assert.equal(verdict.production, false);
      const token = (JSON.parse(config) as { user: { token: string } }).user.token;
      assert.ok(!JSON.stringify(verdict).includes(token));
    });

    it('the link of a subfolder resolves through its parent', () => {
      const facts = testFacts({ cwd: '/work/app/api', files: { '/home/dev/.railway/config.json': railwayConfig('production') } });
      expectCase(paasPack, { cmd: 'cd /work/app/api && railway logs', decision: 'allow', production: true, info: true, facts });
    });

    it('fly.toml names the app when -a is absent', () => {
      const facts = testFacts({ files: { '/work/app/fly.toml': 'app = "shop-production"\nprimary_region = "ams"\n' } });
      expectCase(paasPack, { cmd: 'fly volumes delete vol_1', decision: 'ask', production: true, envReason: /fly\.toml/, facts });
    });

    it('a linked project is ignored after a computed cd', () => {
      const facts = testFacts({ files: { '/work/app/fly.toml': 'app = "shop-staging"\n' } });
      const findings = paasPack.checkInvocation?.(invocation(['fly', 'volumes', 'delete', 'vol_1'], { cwdUncertain: true }), realContext(facts)) ?? [];
      assert.equal(findings[0]?.targets[0]?.environment, 'unknown');
    });

    it('a malformed Railway config is ignored: the target stays unknown, so production', () => {
      const facts = testFacts({ files: { '/home/dev/.railway/config.json': '{not json' } });
      expectCase(paasPack, { cmd: 'railway volume delete -v v1', decision: 'ask', production: true, envReason: UNKNOWN, facts });
    });
  });

  describe('production map', () => {
    it('a volume id in the map is production', () => {
      const facts = testFacts({ production: { names: [], hosts: [], resourceIds: ['vol-9'] } });
      expectCase(paasPack, { cmd: 'railway volume delete -v vol-9 -e staging', decision: 'ask', production: true, envReason: /production map/, facts });
    });
    it('an app name in the map is production', () => {
      const facts = testFacts({ production: { names: ['shop'], hosts: [], resourceIds: [] } });
      expectCase(paasPack, { cmd: 'fly apps destroy shop', decision: 'ask', production: true, envReason: /production map/, facts });
    });
  });

  it('works on invocations built without the parser', () => {
    const findings = paasPack.checkInvocation?.(invocation(['railway', 'volume', 'delete', '-v', 'x']), plainContext()) ?? [];
    assert.equal(findings[0]?.rule, 'paas.railway-volume-delete');
  });
});

describe('paas pack through the whole engine (classify)', () => {
  const cases: [string, 'allow' | 'ask', boolean][] = [
    ['railway volume delete -v 3f1c0a9e-vol', 'ask', true],
    ['railway logs -e production', 'allow', true],
    ['FLY_APP=web-staging fly volumes destroy vol_1 --yes', 'ask', false],
    ['heroku pg:reset DATABASE -a shop-production --confirm shop-production', 'ask', true],
    ['npx vercel remove web --yes', 'ask', true],
    ['supabase db reset', 'ask', false],
    ['gh pr list', 'allow', false],
  ];
  for (const [cmd, decision, production] of cases) {
    it(cmd, () => {
      const v = classify(cmd, testFacts(), { lockdown: false });
      assert.equal(v.decision, decision, JSON.stringify(v));
      assert.equal(v.production, production, JSON.stringify(v));
    });
  }
});
