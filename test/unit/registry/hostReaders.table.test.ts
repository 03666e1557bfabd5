import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { testFacts } from '../support/policyFixtures';

/**
 * Issue #10: kill, nft, dockerd, Jupyter and ngrok read through their registry entries
 * (registry/tools/hostAdmin.ts, servers.ts) instead of hand-written word loops. Each spelling the
 * tools' manuals give (glued, separated, `=`, clustered, options before the command) is judged
 * alike, next to a look-alike that stays allowed; an unknown option whose value-taking cannot be
 * told asks when either reading reaches what is asked about.
 */

interface Row {
  cmd: string;
  decision: 'ask' | 'allow' | 'deny';
  reason?: RegExp;
}

function table(title: string, rows: readonly Row[]): void {
  describe(title, () => {
    for (const row of rows) {
      it(`${row.decision}: ${row.cmd}`, () => {
        const verdict = classify(row.cmd, testFacts(), { lockdown: false });
        const shown = JSON.stringify(verdict, null, 1);
        assert.equal(verdict.decision, row.decision, shown);
        if (row.reason !== undefined) assert.ok(verdict.reasons.some((r) => row.reason!.test(r)), shown);
      });
    }
  });
}

describe('registry: host readers moved onto the grammar (issue #10)', () => {
  table('kill: pid -1 after any spelling of the signal', [
    { cmd: 'kill -9 -1', decision: 'ask', reason: /pid -1/ },
    { cmd: 'kill -SIGKILL -1', decision: 'ask' },
    { cmd: 'kill -sKILL -1', decision: 'ask' },
    { cmd: 'kill --signal=KILL -- -1', decision: 'ask' },
    { cmd: 'kill -n 9 -1', decision: 'ask' },
    { cmd: 'kill -1 -1', decision: 'ask' },
    { cmd: '/bin/kill --verbose -s TERM -- -1', decision: 'ask' },
    { cmd: 'kill -1', decision: 'allow' },
    { cmd: 'kill -1 4242', decision: 'allow' },
    { cmd: 'kill -s HUP 4242', decision: 'allow' },
    { cmd: 'kill -- -4242', decision: 'allow' },
    { cmd: 'kill -l 1', decision: 'allow' },
  ]);
  table('nft: flush ruleset in any spelling, options before the command', [
    { cmd: 'sudo nft flush ruleset', decision: 'ask', reason: /nftables/ },
    { cmd: "sudo nft 'flush ruleset'", decision: 'ask' },
    { cmd: 'nft -a flush ruleset', decision: 'ask' },
    { cmd: 'nft -I /etc/nftables flush ruleset', decision: 'ask' },
    { cmd: 'nft --includepath=/etc/nftables FLUSH RULESET', decision: 'ask' },
    { cmd: 'nft -c flush ruleset', decision: 'allow' },
    { cmd: 'nft list ruleset', decision: 'allow' },
    { cmd: 'nft -a list table inet filter', decision: 'allow' },
  ]);
});
