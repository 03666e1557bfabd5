import { strict as assert } from 'node:assert';
import { httpPack } from '../../../src/core/rules/httpRequests';
import { isDestructiveFieldName, parseGraphql, scanGraphqlRequest, graphqlRequestsInBody } from '../../../src/core/rules/support/graphql';
import { parseRequestUrl, resourceFromPath } from '../../../src/core/rules/support/httpTargets';
import { UNKNOWN_TREATED_AS_PRODUCTION } from '../../../src/core/policy/verdict';
import { classify } from '../../../src/core/policy/classify';
import type { CodeSnippet } from '../../../src/core/policy/types';
import { invocation, plainContext, testFacts } from '../support/policyFixtures';
import { expectCase, runPack, type Expectation } from '../support/packRun';

const UNKNOWN = new RegExp(UNKNOWN_TREATED_AS_PRODUCTION);
const RAILWAY = 'https://backboard.railway.app/graphql/v2';
const VOLUME = '3f1c0a9e-5b7d-4e2a-9c1d-0e5f6a7b8c9d';

/** A bearer token shaped like a real one, assembled at run time so no token-looking literal is committed. */
function fakeToken(): string {
  return [Math.random().toString(16).slice(2, 10), 'a1b2', 'c3d4', 'e5f6', Math.random().toString(16).slice(2, 14)].join('-');
}

/** Single-quote a string for the shell. */
function sq(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function body(query: string, variables?: Record<string, unknown>): string {
  return JSON.stringify(variables ? { query, variables } : { query });
}

function incident(host = 'backboard.railway.app'): string {
  const payload = body(`mutation { volumeDelete(volumeId: "${VOLUME}") }`);
  return `curl -X POST https://${host}/graphql/v2 -H "Authorization: Bearer ${fakeToken()}" -H "Content-Type: application/json" -d ${sq(payload)}`;
}

const files = (entries: Record<string, string>) => testFacts({ files: entries });

const graphql: Expectation[] = [
  { cmd: incident(), decision: 'ask', rule: 'http.graphql-destructive-mutation', kind: 'volume', name: VOLUME, provider: 'railway', production: true, envReason: UNKNOWN, reason: /Railway's GraphQL mutation volumeDelete/ },
  { cmd: incident('backboard.railway.com'), decision: 'ask', kind: 'volume', name: VOLUME, provider: 'railway', production: true },
  { cmd: `curl ${RAILWAY} -H 'Authorization: Bearer $RAILWAY_TOKEN' --json ${sq(body('mutation { serviceDelete(id: "svc-1", environmentId: "env-1") }'))}`, decision: 'ask', kind: 'service', name: 'svc-1' },
  { cmd: `curl -d ${sq(body('mutation { environmentDelete(id: "env-9") }'))} ${RAILWAY}`, decision: 'ask', kind: 'environment', name: 'env-9' },
  { cmd: `curl -d ${sq(body('mutation { projectDelete(id: "p-1") }'))} ${RAILWAY}`, decision: 'ask', kind: 'project', name: 'p-1' },
  { cmd: `curl -d ${sq(body('mutation($id: String!) { volumeDelete(volumeId: $id) }', { id: 'vol-77' }))} ${RAILWAY}`, decision: 'ask', kind: 'volume', name: 'vol-77' },
  { cmd: `curl -d ${sq(body('mutation { deleteUser(input: {userId: "u1", reason: "spam"}) { id } }'))} https://api.example.com/graphql`, decision: 'ask', name: 'u1', reason: /a GraphQL mutation deleteUser/ },
  { cmd: `curl -d ${sq(body('mutation { gone: volumeDelete(volumeId: "v-alias") }'))} ${RAILWAY}`, decision: 'ask', name: 'v-alias' },
  { cmd: `curl -d ${sq(body('mutation { purgeCache(zone: "z1") }'))} https://api.example.com/graphql`, decision: 'ask', reason: /purgeCache/ },
  { cmd: `curl -d ${sq(JSON.stringify([{ query: 'query { me { id } }' }, { query: 'mutation { projectDelete(id: "p-batch") }' }]))} ${RAILWAY}`, decision: 'ask', name: 'p-batch' },
  { cmd: `curl -H 'Content-Type: application/graphql' -d ${sq('mutation { volumeDelete(volumeId: "v-raw") }')} https://api.example.com/gql`, decision: 'ask', name: 'v-raw' },
  { cmd: `curl -d ${sq('mutation { dropTable(name: "orders") }')} https://data.example.com/graphql`, decision: 'ask', kind: 'table', name: 'orders' },
  { cmd: `curl --data-urlencode ${sq('query=mutation { volumeDelete(volumeId: "v-form") }')} ${RAILWAY}`, decision: 'ask', name: 'v-form' },
  { cmd: `curl -G ${sq('https://api.example.com/graphql?query=mutation%7BdeleteAll%7D')}`, decision: 'ask', reason: /deleteAll/ },
  { cmd: `curl -d ${sq(body('mutation { ...Cleanup } fragment Cleanup on Mutation { volumeDelete(volumeId: "v-frag") }'))} ${RAILWAY}`, decision: 'ask', name: 'v-frag' },
  { cmd: `curl -d ${sq(body('mutation { ... on Mutation { serviceDelete(id: "s-inline") } }'))} ${RAILWAY}`, decision: 'ask', name: 's-inline' },
  { cmd: `curl -d ${sq(body('mutation # the volume\n { volumeDelete(volumeId: """v-block""") }'))} ${RAILWAY}`, decision: 'ask', name: 'v-block' },
  { cmd: `curl -d ${sq(body('mutation Cleanup { a: serviceDelete(id: "s1") b: volumeDelete(volumeId: "v1") }'))} ${RAILWAY}`, decision: 'ask', name: 's1' },
  { cmd: `curl -d ${sq(body('mutation { volumeDelete(volumeId: "v1" }'))} ${RAILWAY}`, decision: 'ask', rule: 'http.graphql-unparsed' },
  { cmd: `curl -d ${sq(body('mutation { purge_all_data }'))} https://api.example.com/graphql`, decision: 'ask', kind: 'url' },
];

const bodiesFromElsewhere: Expectation[] = [
  { cmd: `curl -d @payload.json ${RAILWAY}`, decision: 'ask', kind: 'volume', name: 'v-file', facts: files({ '/work/app/payload.json': body('mutation { volumeDelete(volumeId: "v-file") }') }) },
  { cmd: `curl --data-binary @./req/delete.json ${RAILWAY}`, decision: 'ask', name: 'v-rel', facts: files({ '/work/app/req/delete.json': body('mutation { volumeDelete(volumeId: "v-rel") }') }) },
  { cmd: `cd /tmp && curl --data-binary @/work/app/p.json ${RAILWAY}`, decision: 'ask', name: 'v-abs', facts: files({ '/work/app/p.json': body('mutation { volumeDelete(volumeId: "v-abs") }') }) },
  { cmd: `curl --json @~/payload.json ${RAILWAY}`, decision: 'ask', name: 'v-home', facts: files({ '/home/dev/payload.json': body('mutation { volumeDelete(volumeId: "v-home") }') }) },
  { cmd: `curl -d @- ${RAILWAY} <<'EOF'\n${body('mutation { serviceDelete(id: "s-heredoc") }')}\nEOF`, decision: 'ask', kind: 'service', name: 's-heredoc' },
  { cmd: `curl -d @- ${RAILWAY} <<< ${sq(body('mutation { serviceDelete(id: "s-here") }'))}`, decision: 'ask', name: 's-here' },
  { cmd: `echo ${sq(body('mutation { volumeDelete(volumeId: "v-echo") }'))} | curl -d @- ${RAILWAY}`, decision: 'ask', name: 'v-echo' },
  { cmd: `printf '%s' ${sq(body('mutation { volumeDelete(volumeId: "v-printf") }'))} | curl --data-binary @- ${RAILWAY}`, decision: 'ask', name: 'v-printf' },
  { cmd: `cat payload.json | curl --data-binary @- ${RAILWAY}`, decision: 'ask', name: 'v-cat', facts: files({ '/work/app/payload.json': body('mutation { volumeDelete(volumeId: "v-cat") }') }) },
  { cmd: `curl -d @- ${RAILWAY} < payload.json`, decision: 'ask', name: 'v-redirect', facts: files({ '/work/app/payload.json': body('mutation { volumeDelete(volumeId: "v-redirect") }') }) },
  { cmd: `curl -d @missing.json ${RAILWAY}`, decision: 'ask', rule: 'http.body-unreadable', production: true, reason: /request body file missing\.json could not be read/ },
  { cmd: `curl -X POST -d @body.json https://api.heroku.com/apps`, decision: 'ask', rule: 'http.body-unreadable' },
  { cmd: `curl -d "$BODY" ${RAILWAY}`, decision: 'ask', rule: 'http.body-unreadable', reason: /body cannot be read statically/, production: true },
  { cmd: `curl -d "{\\"query\\":\\"$QUERY\\"}" https://api.example.com/graphql`, decision: 'ask', rule: 'http.body-unreadable' },
  { cmd: `curl -d "{\\"query\\":\\"mutation { volumeDelete(volumeId: \\\\\\"$VOL\\\\\\") }\\"}" ${RAILWAY}`, decision: 'ask', rule: 'http.graphql-destructive-mutation', kind: 'volume' },
  { cmd: `jq -n '{query: $q}' | curl -d @- ${RAILWAY}`, decision: 'ask', rule: 'http.body-unreadable', reason: /piped from jq/ },
  { cmd: `curl -d @"$PAYLOAD" ${RAILWAY}`, decision: 'ask', rule: 'http.body-unreadable' },
  { cmd: `curl -K req.cfg`, decision: 'ask', rule: 'http.delete-request', name: 'items/1', facts: files({ '/work/app/req.cfg': '# request\nurl = "https://api.example.com/items/1"\nrequest = "DELETE"\n' }) },
  { cmd: `curl -K req.cfg`, decision: 'ask', kind: 'volume', facts: files({ '/work/app/req.cfg': `url = "${RAILWAY}"\ndata = ${JSON.stringify(body('mutation { volumeDelete(volumeId: "v-cfg") }'))}\n` }) },
  { cmd: `curl -K missing.cfg`, decision: 'ask', rule: 'http.unreadable-config' },
  { cmd: `curl --variable body@req.json --expand-data '{{body}}' ${RAILWAY}`, decision: 'ask', rule: 'http.body-unreadable' },
];

const otherClients: Expectation[] = [
  { cmd: `http POST ${RAILWAY} ${sq('query=mutation { volumeDelete(volumeId: "v-httpie") }')}`, decision: 'ask', kind: 'volume', name: 'v-httpie' },
  { cmd: `http ${RAILWAY} ${sq('query=mutation($id: String!) { volumeDelete(volumeId: $id) }')} ${sq('variables:={"id": "v-vars"}')}`, decision: 'ask', name: 'v-vars' },
  { cmd: `https backboard.railway.app/graphql/v2 ${sq('query=mutation { serviceDelete(id: "s-https") }')}`, decision: 'ask', name: 's-https' },
  { cmd: `xh post api.linear.app/graphql ${sq('query=mutation { issueDelete(id: "ISS-1") }')}`, decision: 'ask', name: 'ISS-1', provider: 'linear' },
  { cmd: `http POST example.com/graphql query=@mutation.graphql`, decision: 'ask', name: 'v-item-file', facts: files({ '/work/app/mutation.graphql': 'mutation { volumeDelete(volumeId: "v-item-file") }' }) },
  { cmd: `http POST ${RAILWAY} < body.json`, decision: 'ask', name: 'v-httpie-stdin', facts: files({ '/work/app/body.json': body('mutation { volumeDelete(volumeId: "v-httpie-stdin") }') }) },
  { cmd: `wget --post-data ${sq(body('mutation { projectDelete(id: "p-wget") }'))} ${RAILWAY}`, decision: 'ask', kind: 'project', name: 'p-wget' },
  { cmd: `wget --post-file=body.json -O- ${RAILWAY}`, decision: 'ask', name: 'p-wget-file', facts: files({ '/work/app/body.json': body('mutation { projectDelete(id: "p-wget-file") }') }) },
  { cmd: `gh api graphql -f query=${sq('mutation { deleteRepository(input: {repositoryId: "R_kgDO1"}) { clientMutationId } }')}`, decision: 'ask', kind: 'repository', name: 'R_kgDO1', provider: 'github' },
  { cmd: `gh api graphql -f query=${sq('mutation($id: ID!) { deleteIssue(input: {issueId: $id}) { clientMutationId } }')} -f id=I_1`, decision: 'ask', name: 'I_1' },
];

const restDeletes: Expectation[] = [
  { cmd: 'curl -X DELETE https://api.fly.io/v1/apps/my-app-prod', decision: 'ask', rule: 'http.delete-request', kind: 'app', name: 'my-app-prod', provider: 'fly', production: true, envReason: /my-app-prod/ },
  { cmd: 'curl -XDELETE https://api.heroku.com/apps/shop', decision: 'ask', kind: 'app', name: 'shop', provider: 'heroku', envReason: UNKNOWN },
  { cmd: 'curl --request delete https://api.vercel.com/v9/projects/web', decision: 'ask', kind: 'project', name: 'web', provider: 'vercel' },
  { cmd: 'curl -sSX DELETE -H "Authorization: Bearer $DO_TOKEN" https://api.digitalocean.com/v2/droplets/123', decision: 'ask', name: 'droplets/123', provider: 'digitalocean' },
  { cmd: 'curl -X DELETE "https://abcd.supabase.co/rest/v1/orders?id=eq.5"', decision: 'ask', kind: 'table', name: 'orders', provider: 'supabase' },
  { cmd: 'curl -X DELETE https://api.netlify.com/api/v1/sites/site-123', decision: 'ask', kind: 'app', name: 'site-123' },
  { cmd: 'curl -X DELETE https://console.neon.tech/api/v2/projects/shy-rain/branches/br-1', decision: 'ask', kind: 'branch', name: 'br-1', provider: 'neon' },
  { cmd: 'curl -X DELETE "$API_URL/items/1"', decision: 'ask', rule: 'http.delete-request', production: true, reason: /host set at run time/ },
  { cmd: 'http DELETE api.example.com/users/5', decision: 'ask', name: 'users/5' },
  { cmd: 'xh delete https://api.example.com/items/9', decision: 'ask', name: 'items/9' },
  { cmd: 'wget --method=DELETE https://api.example.com/x/1', decision: 'ask', rule: 'http.delete-request' },
  { cmd: 'gh api -X DELETE repos/acme/web', decision: 'ask', kind: 'repository', name: 'acme/web', provider: 'github' },
  { cmd: 'gh api --method DELETE /repos/acme/web/releases/123', decision: 'ask', name: 'releases/123' },
  { cmd: "curl -X POST -H 'X-HTTP-Method-Override: DELETE' https://api.example.com/items/3", decision: 'ask', reason: /method-override/ },
  { cmd: 'curl -X POST https://api.example.com/v1/projects/p1/delete', decision: 'ask', rule: 'http.destructive-endpoint', kind: 'project', name: 'p1' },
  { cmd: "curl -d '{\"purge_everything\":true}' https://api.cloudflare.com/client/v4/zones/z1/purge_cache", decision: 'ask', rule: 'http.destructive-endpoint', provider: 'cloudflare' },
  { cmd: 'curl -X DELETE https://api.staging.acme.com/items/1', decision: 'ask', production: false },
  { cmd: 'sudo curl -X DELETE https://api.example.com/items/1', decision: 'ask' },
  { cmd: 'bash -c "curl -X DELETE https://api.example.com/items/1"', decision: 'ask' },
  { cmd: 'Invoke-RestMethod -Method Delete -Uri https://api.example.com/items/7', decision: 'ask', name: 'items/7' },
  { cmd: `irm ${RAILWAY} -Method Post -ContentType application/json -Body ${sq(body('mutation { volumeDelete(volumeId: "v-ps") }'))}`, decision: 'ask', name: 'v-ps' },
  { cmd: 'iwr https://example.com/file.zip -OutFile file.zip', decision: 'allow' },
];

const snippets: Expectation[] = [
  { cmd: `node -e ${sq(`fetch("${RAILWAY}", {method: "POST", body: JSON.stringify({query: 'mutation { volumeDelete(volumeId: "v-node") }'})})`)}`, decision: 'ask', kind: 'volume', name: 'v-node', provider: 'railway' },
  { cmd: `python3 -c ${sq(`import requests; requests.post("${RAILWAY}", json={"query": 'mutation { serviceDelete(id: "s-py") }'})`)}`, decision: 'ask', kind: 'service', name: 's-py' },
  { cmd: `node -e ${sq('fetch("https://api.example.com/v1/items/5", {method: "DELETE"})')}`, decision: 'ask', rule: 'http.delete-request', name: 'items/5' },
  { cmd: `python3 -c ${sq('import requests; requests.delete("https://api.heroku.com/apps/shop-prod")')}`, decision: 'ask', kind: 'app', name: 'shop-prod', production: true },
  { cmd: `node -e ${sq('const axios = require("axios"); axios.delete(process.env.API + "/items/1")')}`, decision: 'ask', production: true, reason: /host set at run time/ },
  { cmd: 'node cleanup.js', decision: 'ask', kind: 'volume', name: 'vol-55', facts: files({ '/work/app/cleanup.js': `const axios = require('axios');\nconst query = \`mutation($volumeId: String!) { volumeDelete(volumeId: $volumeId) }\`;\naxios.post('${RAILWAY}', { query, variables: { volumeId: "vol-55" } });\n` }) },
  { cmd: 'python fix.py', decision: 'ask', rule: 'http.delete-request', facts: files({ '/work/app/fix.py': 'import os, requests\nBASE = os.environ["API"]\nfor vid in ["a", "b"]:\n    requests.delete(f"{BASE}/volumes/{vid}")\n' }) },
];

const benign: Expectation[] = [
  { cmd: `curl ${RAILWAY} -d ${sq(body('query { me { id } }'))}`, decision: 'allow' },
  { cmd: `curl -d ${sq(body('mutation { projectCreate(input: {name: "x"}) { id } }'))} ${RAILWAY}`, decision: 'allow' },
  { cmd: `curl -d ${sq(body('mutation { serviceInstanceUpdate(serviceId: "s", input: {numReplicas: 2}) }'))} ${RAILWAY}`, decision: 'allow' },
  { cmd: `curl -d ${sq(body('{ deletedItems { id } }'))} https://api.example.com/graphql`, decision: 'allow' },
  { cmd: 'curl -I https://example.com', decision: 'allow' },
  { cmd: 'curl -sSL https://example.com/install.sh -o install.sh', decision: 'allow' },
  { cmd: "curl -X POST https://hooks.slack.com/services/T0/B0/x -d '{\"text\":\"deploy done\"}'", decision: 'allow' },
  // Stop 30's team decision: one record by its id on this machine stays routine; a whole collection asks (s30SdkHttp.table.test.ts).
  { cmd: 'curl localhost:3000/api/items/7 -X DELETE', decision: 'allow', info: false },
  { cmd: 'curl -X DELETE http://127.0.0.1:8080/items/1', decision: 'allow' },
  { cmd: `curl -d ${sq(body('mutation { volumeDelete(volumeId: "v") }'))} http://localhost:4000/graphql`, decision: 'allow' },
  { cmd: 'http DELETE :3000/items/1', decision: 'allow' },
  { cmd: 'curl --unix-socket /var/run/docker.sock -X DELETE http://localhost/containers/x', decision: 'allow' },
  { cmd: 'wget https://example.com/file.tar.gz', decision: 'allow' },
  { cmd: 'http GET api.example.com/items', decision: 'allow' },
  { cmd: 'http --offline DELETE api.example.com/items/1', decision: 'allow' },
  { cmd: 'curl -d "$BODY" https://hooks.example.com/webhook', decision: 'allow' },
  { cmd: 'curl -d @missing.json https://hooks.example.com/x', decision: 'allow' },
  { cmd: 'curl https://api.github.com/repos/acme/web', decision: 'allow' },
  { cmd: 'gh api repos/acme/web/issues', decision: 'allow' },
  { cmd: `gh api graphql -f query=${sq('query { viewer { login } }')}`, decision: 'allow' },
  { cmd: 'echo "curl -X DELETE https://api.example.com/items/1"', decision: 'allow' },
  { cmd: 'grep -r "volumeDelete" src/', decision: 'allow' },
  { cmd: `node -e ${sq('const m = new Map(); m.delete("k")')}`, decision: 'allow' },
  { cmd: `python3 -c ${sq('import requests; print(requests.get("https://api.example.com/items").json())')}`, decision: 'allow' },
  { cmd: 'curl --help', decision: 'allow' },
  { cmd: 'curl https://api.prod.acme.com/health', decision: 'allow', production: true, info: true },
  { cmd: "curl -X POST https://auth.example.com/v1/reset-password -d '{\"email\":\"a@b.c\"}'", decision: 'allow' },
  { cmd: `curl -d ${sq(body('mutation { resetPassword(email: "a@b.c") }'))} https://api.example.com/graphql`, decision: 'allow' },
];

describe('http pack', () => {
  describe('GraphQL mutations that destroy', () => {
    for (const c of graphql) it(c.cmd.slice(0, 140), () => expectCase(httpPack, c));
  });
  describe('bodies from files, stdin and variables', () => {
    for (const c of bodiesFromElsewhere) it(c.cmd.slice(0, 140), () => expectCase(httpPack, c));
  });
  describe('httpie, xh, wget and gh api', () => {
    for (const c of otherClients) it(c.cmd.slice(0, 140), () => expectCase(httpPack, c));
  });
  describe('REST DELETE and destructive endpoints', () => {
    for (const c of restDeletes) it(c.cmd.slice(0, 140), () => expectCase(httpPack, c));
  });
  describe('requests inside interpreter code', () => {
    for (const c of snippets) it(c.cmd.slice(0, 140), () => expectCase(httpPack, c));
  });
  describe('benign requests', () => {
    for (const c of benign) it(c.cmd.slice(0, 140), () => expectCase(httpPack, c));
  });

  describe('the incident', () => {
    it('asks, treats the unknown volume as production, names the volume and the mutation, and never shows the token', () => {
      const cmd = incident();
      const token = /Bearer ([^"]+)/.exec(cmd)?.[1] ?? '';
      const { verdict } = runPack(httpPack, cmd);
      assert.equal(verdict.decision, 'ask');
      assert.equal(verdict.production, true);
      assert.equal(verdict.confirm, VOLUME);
      assert.deepEqual(verdict.risks, ['destructive']);
      assert.equal(verdict.targets.length, 1);
      assert.deepEqual({ ...verdict.targets[0] }, {
        kind: 'volume', name: VOLUME, provider: 'railway', remote: true, environment: 'production', environmentReason: UNKNOWN_TREATED_AS_PRODUCTION,
      });
      assert.ok(verdict.reasons.some((r) => r.includes('volumeDelete') && r.includes('Railway')));
      assert.ok(token.length > 10 && !JSON.stringify(verdict).includes(token));
    });

    it('a production map listing the volume id says so', () => {
      const facts = testFacts({ production: { names: [], hosts: [], resourceIds: [VOLUME] } });
      expectCase(httpPack, { cmd: incident(), decision: 'ask', production: true, envReason: /production map/, facts });
    });

    it('a production map listing the Railway host says so', () => {
      const facts = testFacts({ production: { names: [], hosts: ['backboard.railway.app'], resourceIds: [] } });
      expectCase(httpPack, { cmd: incident(), decision: 'ask', production: true, envReason: /production map/, facts });
    });

    it('a production map host for a REST API', () => {
      const facts = testFacts({ production: { names: [], hosts: ['api.acme.com'], resourceIds: [] } });
      expectCase(httpPack, { cmd: 'curl -X DELETE https://api.acme.com/v1/items/1', decision: 'ask', production: true, envReason: /production map/, facts });
    });

    it('an ambient NODE_ENV=development does not make a Railway volume non-production', () => {
      const facts = testFacts({ envSelectors: { NODE_ENV: 'development' } });
      expectCase(httpPack, { cmd: incident(), decision: 'ask', production: true, envReason: UNKNOWN, facts });
    });

    it('lockdown denies the incident', () => {
      assert.equal(runPack(httpPack, incident(), testFacts(), true).verdict.decision, 'deny');
    });

    it('works on an invocation built without the parser', () => {
      const inv = invocation(['curl', '-X', 'POST', RAILWAY, '-d', body(`mutation { volumeDelete(volumeId: "${VOLUME}") }`)]);
      const findings = httpPack.checkInvocation?.(inv, plainContext()) ?? [];
      assert.equal(findings.length, 1);
      assert.equal(findings[0]?.targets[0]?.environment, 'unknown');
      assert.equal(findings[0]?.targets[0]?.name, VOLUME);
    });

    it('a relative body file after a computed cd is not trusted', () => {
      const facts = testFacts({ files: { '/work/app/payload.json': body('query { me { id } }') } });
      const inv = invocation(['curl', '-d', '@payload.json', RAILWAY], { cwdUncertain: true });
      const findings = httpPack.checkInvocation?.(inv, plainContext(facts)) ?? [];
      assert.equal(findings[0]?.rule, 'http.body-unreadable');
      assert.match(findings[0]?.reason ?? '', /working folder is computed at run time/);
    });

    it('checkSnippet ignores languages it does not read', () => {
      const snippet: CodeSnippet = { language: 'sql', text: 'DELETE FROM t', runner: invocation(['psql']), origin: { kind: 'command' } };
      assert.deepEqual(httpPack.checkSnippet?.(snippet, plainContext()), []);
    });
  });
});

describe('GraphQL reading', () => {
  const names: [string, boolean][] = [
    ['volumeDelete', true], ['serviceDelete', true], ['environmentDelete', true], ['projectDelete', true], ['deleteUser', true],
    ['PURGE_CACHE', true], ['dropTable', true], ['removeMember', true], ['resetDatabase', true], ['destroyApp', true],
    ['deleteManyPosts', true], ['resetPassword', false], ['projectCreate', false], ['serviceInstanceUpdate', false], ['undelete', false], ['deployments', false],
  ];
  for (const [name, destructive] of names) {
    it(`${name} ${destructive ? 'destroys' : 'does not destroy'}`, () => assert.equal(isDestructiveFieldName(name), destructive));
  }

  it('keeps operation types and top-level fields', () => {
    const parsed = parseGraphql('query Q { me { id } } mutation M($v: String!) @trace { x: volumeDelete(volumeId: $v) other(list: [1, 2], obj: {a: "b"}) }');
    assert.ok(parsed.ok);
    if (!parsed.ok) return;
    assert.deepEqual(parsed.operations.map((o) => [o.type, o.name, o.fields.map((f) => f.name)]), [
      ['query', 'Q', ['me']],
      ['mutation', 'M', ['volumeDelete', 'other']],
    ]);
  });

  it('reports syntax errors instead of throwing, for garbage and for a megabyte of brackets', () => {
    for (const text of ['mutation {', '}}}', 'mutation { a(b: ) }', '"unterminated', '{'.repeat(1 << 20), 'mutation { x(y: "\n") }']) {
      const parsed = parseGraphql(text);
      assert.equal(parsed.ok, false);
    }
  });

  it('reads JSON, batch, form and raw bodies', () => {
    assert.equal(graphqlRequestsInBody('{"query":"mutation { a }"}', false).length, 1);
    assert.equal(graphqlRequestsInBody('[{"query":"{ a }"},{"query":"mutation { b }"}]', false).length, 2);
    assert.equal(graphqlRequestsInBody('query=mutation%20%7B%20a%20%7D', false)[0]?.query, 'mutation { a }');
    assert.equal(graphqlRequestsInBody('{ me { id } }', true).length, 1);
    assert.equal(graphqlRequestsInBody('{"text":"hello"}', true).length, 0);
    assert.equal(graphqlRequestsInBody('hello world', false).length, 0);
  });

  it('resolves variables, including input objects', () => {
    const scan = scanGraphqlRequest({ query: 'mutation($input: VolumeDeleteInput!) { volumeDelete(input: $input) }', variables: { input: { volumeId: 'v-in', force: true } } });
    assert.ok(scan.ok);
    if (scan.ok) assert.equal(scan.destructive[0]?.targetName, 'v-in');
  });

  it('names an unresolved variable by its name', () => {
    const scan = scanGraphqlRequest({ query: 'mutation($id: String!) { volumeDelete(volumeId: $id) }', variables: {} });
    assert.ok(scan.ok);
    if (scan.ok) assert.equal(scan.destructive[0]?.targetName, '$id');
  });
});

describe('request URLs', () => {
  const cases: [string, string | undefined, string][] = [
    ['https://user:pw@api.example.com:8443/v1/x?token=abc#f', 'api.example.com', 'api.example.com:8443/v1/x'],
    ['localhost:3000/api/items', 'localhost', 'localhost:3000/api/items'],
    [':3000/items', 'localhost', 'localhost:3000/items'],
    ['http://[::1]:8080/', '::1', '::1:8080'],
    ['$API_URL/items/1', '$API_URL', '$API_URL/items/1'],
  ];
  for (const [text, host, display] of cases) {
    it(text, () => {
      const url = parseRequestUrl(text);
      assert.equal(url?.host, host);
      assert.equal(url?.display, display);
      assert.ok(!(url?.display ?? '').includes('pw') && !(url?.display ?? '').includes('token'));
    });
  }

  it('names REST resources by their collection', () => {
    const name = (u: string) => resourceFromPath(parseRequestUrl(u) ?? assert.fail(u), undefined);
    assert.deepEqual(name('https://api.x.com/v1/apps/shop'), { kind: 'app', name: 'shop' });
    assert.deepEqual(name('https://api.x.com/v2/droplets/123'), { kind: 'resource', name: 'droplets/123' });
    assert.deepEqual(name('https://api.x.com/repos/acme/web'), { kind: 'repository', name: 'acme/web' });
    assert.deepEqual(name('https://api.x.com/'), { kind: 'url', name: 'api.x.com' });
  });
});

describe('http pack through the whole engine (classify)', () => {
  const decide = (cmd: string, facts = testFacts(), lockdown = false) => classify(cmd, facts, { lockdown });

  it('the incident command needs confirmation of the volume, as production', () => {
    const v = decide(incident());
    assert.equal(v.decision, 'ask');
    assert.equal(v.production, true);
    assert.equal(v.confirm, VOLUME);
    const volume = v.targets.find((t) => t.kind === 'volume');
    assert.equal(volume?.provider, 'railway');
    assert.equal(volume?.environmentReason, UNKNOWN_TREATED_AS_PRODUCTION);
    assert.ok(v.reasons.some((r) => /Railway's GraphQL mutation volumeDelete/.test(r)));
  });

  it('the incident with the payload in a file the agent wrote', () => {
    const facts = testFacts({ files: { '/work/app/tmp/req.json': body(`mutation { volumeDelete(volumeId: "${VOLUME}") }`) } });
    const v = decide(`curl -s -X POST ${RAILWAY} -H "Authorization: Bearer $RAILWAY_TOKEN" -d @tmp/req.json`, facts);
    assert.equal(v.decision, 'ask');
    assert.equal(v.confirm, VOLUME);
  });

  it('the incident inside bash -c, after cd, in lockdown is denied', () => {
    const v = decide(`cd /work/app && bash -c ${sq(incident())}`, testFacts(), true);
    assert.equal(v.decision, 'deny');
  });

  it('a GraphQL query to Railway is allowed', () => {
    assert.equal(decide(`curl -d ${sq(body('query { projects { edges { node { id } } } }'))} ${RAILWAY}`).decision, 'allow');
  });

  it('DELETE of one record on a local dev server is allowed and not production', () => {
    const v = decide('curl localhost:3000/api/items/7 -X DELETE');
    assert.equal(v.decision, 'allow');
    assert.equal(v.production, false);
  });

  it('DELETE of a whole collection on a local dev server asks, not production (stop 30)', () => {
    const v = decide('curl localhost:3000/api/items -X DELETE');
    assert.equal(v.decision, 'ask');
    assert.equal(v.production, false);
  });
});

describe('http pack robustness', () => {
  const pieces = ['-X', 'DELETE', '-d', '@-', '@x.json', '{"query":', '"mutation {', 'volumeDelete(', '}', '$X', "'", '"', '--json', '-K', '-', RAILWAY, ':3000', 'http://[::1', '%%', '\\'];
  it('random argument soups never throw', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 400; round++) {
      const args = Array.from({ length: next() % 12 }, () => pieces[next() % pieces.length] as string);
      for (const name of ['curl', 'wget', 'http', 'xh', 'gh']) {
        const inv = invocation([name, ...(name === 'gh' ? ['api'] : []), ...args], { stdin: { kind: 'heredoc', text: args.join(' ') } });
        assert.doesNotThrow(() => httpPack.checkInvocation?.(inv, plainContext()));
      }
    }
  });

  it('a megabyte body is read without hanging', () => {
    const big = body(`mutation { volumeDelete(volumeId: "v") ${'a '.repeat(500_000)} }`);
    const findings = httpPack.checkInvocation?.(invocation(['curl', '-d', big, RAILWAY]), plainContext()) ?? [];
    assert.ok(findings.length >= 1);
  });
});
