import { httpPack } from '../../../src/core/rules/httpRequests';
import { testFacts } from '../support/policyFixtures';
import { expectCase, type Expectation } from '../support/packRun';

/**
 * curl, wget, HTTPie/xh and `gh api` read through their registry entries (registry/tools/webClients.ts,
 * gh.ts): method, body, URL and config-file options before, between and after the URL, glued and
 * separated, `--opt=value`, abbreviated where the tool accepts it. Each destroying row sits next to a
 * look-alike that must stay allowed. Run through the engine's real path.
 */

const facts = testFacts({
  files: {
    '/work/app/delete.cfg': 'request = "DELETE"\nurl = "https://api.stripe.com/v1/customers/cus_1"\n',
    '/work/app/get.cfg': 'url = "https://api.stripe.com/v1/customers/cus_1"\nsilent\n',
  },
});

const ask = (cmd: string): Expectation => ({ cmd, decision: 'ask', production: true, facts });
const allow = (cmd: string): Expectation => ({ cmd, decision: 'allow', facts });
const URL = 'https://api.stripe.com/v1/customers/cus_1';

const ROWS: Expectation[] = [
  ask(`curl -X DELETE ${URL}`),
  ask(`curl ${URL} -X DELETE`),
  ask(`curl -sSXDELETE ${URL}`),
  ask(`curl ${URL} -sS --request=DELETE`),
  ask(`curl --url=${URL} --request DELETE`),
  ask(`curl --expand-request DELETE ${URL}`),
  ask(`curl -H 'X-HTTP-Method-Override: DELETE' -d x=1 ${URL}`),
  ask(`curl --heade 'X-HTTP-Method-Override: DELETE' --data-r x=1 ${URL}`),
  ask('curl -K delete.cfg'),
  ask('curl --config=delete.cfg -s'),
  allow(`curl -s ${URL}`),
  allow(`curl -o out.json -X GET ${URL}`),
  allow('curl -K get.cfg'),
  allow(`curl -sS -H 'Accept: application/json' ${URL} --max-time 10`),
  ask(`wget --method=DELETE ${URL}`),
  ask(`wget ${URL} -q --method DELETE`),
  ask(`wget -q --meth=DELETE ${URL}`),
  allow(`wget -qO- ${URL}`),
  allow(`wget --spider --method=DELETE ${URL}`),
  allow(`wget -O out.json --header 'Accept: application/json' ${URL}`),
  ask(`http DELETE ${URL}`),
  ask(`http -a user:pass DELETE ${URL}`),
  ask(`xh DELETE ${URL} --timeout 5`),
  allow(`http GET ${URL}`),
  allow(`http --offline DELETE ${URL}`),
  allow(`xh -a user:pass ${URL}`),
];

describe('registry: HTTP clients read through one grammar', () => {
  for (const row of ROWS) it(`${row.cmd} -> ${row.decision}`, () => expectCase(httpPack, row));
});
