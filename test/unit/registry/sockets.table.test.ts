import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * netcat/telnet (registry/tools/runners.ts) and PowerShell's web cmdlets (registry/tools/webClients.ts)
 * read through the one grammar: options before the operands, glued and separated; PowerShell's
 * parameters in any case, `-Name:value` and shortened. Each destroying row has a look-alike.
 */

const URL = 'https://api.stripe.com/v1/customers/cus_1';
const ROWS: ReadonlyArray<[string, 'allow' | 'ask']> = [
  ['nc -w 3 cache.prod.acme.internal 6379 <<< FLUSHALL', 'ask'],
  ['nc -w3 -v cache.prod.acme.internal 6379 <<< FLUSHALL', 'ask'],
  ['ncat --wait 3 cache.prod.acme.internal 6379 <<< FLUSHALL', 'ask'],
  ['telnet -l admin cache.prod.acme.internal 6379 <<< FLUSHALL', 'ask'],
  ['nc -zv cache.prod.acme.internal 6379', 'allow'],
  ['nc -l 6379 <<< FLUSHALL', 'allow'],
  ['nc -w 3 cache.prod.acme.internal 6379 <<< PING', 'allow'],
  [`Invoke-RestMethod -Method DELETE -Uri ${URL}`, 'ask'],
  [`Invoke-RestMethod -method:delete -uri:${URL}`, 'ask'],
  [`Invoke-WebRequest -Meth Delete ${URL}`, 'ask'],
  [`irm -TimeoutSec 10 -CustomMethod DELETE -Uri ${URL}`, 'ask'],
  [`Invoke-RestMethod -Method Get -Uri ${URL}`, 'allow'],
  [`iwr -TimeoutSec 10 ${URL}`, 'allow'],
];

describe('registry: sockets and PowerShell web cmdlets read through one grammar', () => {
  for (const [cmd, decision] of ROWS) {
    it(`${cmd} -> ${decision}`, () => {
      const v = classify(cmd, testFacts(), { lockdown: false });
      assert.equal(v.decision, decision, JSON.stringify(v, null, 1));
    });
  }
});
