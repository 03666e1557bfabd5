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
    { cmd: 'nft --weird-option flush ruleset', decision: 'ask' },
    { cmd: "nft --weird-option 'flush ruleset'", decision: 'ask' },
  ]);
  table('dockerd: the API on TCP without TLS', [
    { cmd: 'sudo dockerd -H tcp://0.0.0.0:2375', decision: 'ask', reason: /Docker API/ },
    { cmd: 'dockerd --host=tcp://0.0.0.0:2375', decision: 'ask' },
    { cmd: 'dockerd -Htcp://0.0.0.0:2375', decision: 'ask' },
    { cmd: 'dockerd -H=tcp://0.0.0.0:2375', decision: 'ask' },
    { cmd: 'dockerd -D -H unix:///var/run/docker.sock -H tcp://0.0.0.0:2375', decision: 'ask' },
    { cmd: 'dockerd --tlsverify=false -H tcp://0.0.0.0:2375', decision: 'ask' },
    { cmd: 'dockerd --tlsverify --tlscacert=ca.pem --tlscert=cert.pem --tlskey=key.pem -H tcp://0.0.0.0:2376', decision: 'allow' },
    { cmd: 'dockerd -H tcp://127.0.0.1:2375', decision: 'allow' },
    { cmd: 'dockerd -H unix:///var/run/docker.sock', decision: 'allow' },
    { cmd: 'dockerd --data-root tcp://0.0.0.0:2375', decision: 'allow' },
    { cmd: 'dockerd --weird-option -H tcp://0.0.0.0:2375', decision: 'ask' },
  ]);
  table('Jupyter on every interface with no token', [
    { cmd: "jupyter notebook --ip=0.0.0.0 --NotebookApp.token='' --allow-root", decision: 'ask', reason: /Jupyter/ },
    { cmd: "jupyter lab --ip 0.0.0.0 --ServerApp.token=''", decision: 'ask' },
    { cmd: "jupyter-lab --ip=0.0.0.0 --ServerApp.token ''", decision: 'ask' },
    { cmd: "jupyter-server --ip=0.0.0.0 --IdentityProvider.token=''", decision: 'ask' },
    { cmd: "jupyter --port 9999 notebook --ip=0.0.0.0 --ServerApp.password=''", decision: 'ask' },
    { cmd: "jupyter lab --ip=127.0.0.1 --ServerApp.token=''", decision: 'allow' },
    { cmd: 'jupyter lab --ip=0.0.0.0 --ServerApp.token=s3cr3t-tok', decision: 'allow' },
    { cmd: 'jupyter lab --no-browser', decision: 'allow' },
    { cmd: "jupyter lab --weird-option --ip 0.0.0.0 --ServerApp.token ''", decision: 'ask' },
  ]);
  table('ngrok tcp, global options anywhere, unsure options ask', [
    { cmd: 'ngrok tcp 22', decision: 'ask', reason: /TCP tunnel/ },
    { cmd: 'ngrok --config ngrok.yml tcp 22', decision: 'ask' },
    { cmd: 'ngrok --region=eu tcp 5432', decision: 'ask' },
    { cmd: 'ngrok tcp --remote-addr 1.tcp.ngrok.io:20000 22', decision: 'ask' },
    { cmd: 'ngrok --weird-option tcp 22', decision: 'ask' },
    { cmd: 'ngrok --weird-option tcp', decision: 'ask' },
    { cmd: 'ngrok http 8000', decision: 'allow' },
    { cmd: 'ngrok --config ngrok.yml http 3000', decision: 'allow' },
    { cmd: 'ngrok config check', decision: 'allow' },
    { cmd: 'ngrok --weird-option config check', decision: 'allow', reason: /either way the command only reads/ },
    { cmd: 'ngrok --weird-option http 3000', decision: 'allow' },
    { cmd: 'ngrok http --region eu 5432', decision: 'ask', reason: /publishes port 5432/ },
    { cmd: 'ngrok http --region=eu --url shop.ngrok.app 6379', decision: 'ask', reason: /port 6379/ },
    { cmd: 'ngrok http --region eu 3000', decision: 'allow' },
  ]);
});
