import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import type { Verdict } from '../../../src/core/policy/types';
import { testFacts } from '../support/policyFixtures';

/**
 * What one description per CLI buys, end to end: global options before the subcommand no longer
 * hide it from the remote-execution handlers, abbreviated long options mean what the tool reads, and
 * an option the registry does not know never turns a possibly destructive subcommand into an allow.
 */

interface Case {
  cmd: string;
  decision: 'allow' | 'ask' | 'deny';
  production?: boolean;
  reason?: RegExp;
  /** An allowed command whose reason is recorded (an info finding). */
  recorded?: boolean;
}

function verdict(cmd: string): Verdict {
  return classify(cmd, testFacts(), { lockdown: false });
}

function table(title: string, cases: Case[]): void {
  describe(title, () => {
    for (const c of cases) {
      it(c.cmd, () => {
        const v = verdict(c.cmd);
        const shown = JSON.stringify(v, null, 1);
        assert.equal(v.decision, c.decision, shown);
        if (c.production !== undefined) assert.equal(v.production, c.production, shown);
        if (c.reason) assert.ok(v.reasons.some((r) => c.reason!.test(r)), shown);
        if (c.recorded !== undefined) assert.equal(v.risks.includes('unanalyzable'), c.recorded, shown);
      });
    }
  });
}

table('global options before the subcommand (issue examples and their family)', [
  { cmd: "fly -a prod-app ssh console -C 'rm -rf /data'", decision: 'ask', production: true, reason: /fly prod-app/ },
  { cmd: "flyctl --app prod-app ssh console --command='rm -rf /data'", decision: 'ask', production: true },
  { cmd: "fly ssh -a prod-app console -C'rm -rf /data'", decision: 'ask', production: true },
  { cmd: "gcloud --project prod-proj compute ssh vm1 --command 'rm -rf /data'", decision: 'ask', production: true, reason: /vm1/ },
  { cmd: "gcloud --project=prod-proj beta compute ssh vm1 --command='rm -rf /data'", decision: 'ask', production: true },
  { cmd: "az --subscription prod vm run-command invoke -g rg -n vm1 --command-id RunShellScript --scripts 'rm -rf /data'", decision: 'ask', production: true, reason: /azure vm vm1/ },
  { cmd: "az vm --subscription prod run-command invoke -g rg -n vm1 --scripts 'rm -rf /data'", decision: 'ask', production: true },
  { cmd: "heroku -a shop-prod run 'rm -rf /app/uploads'", decision: 'ask', production: true },
  { cmd: 'kubectl -n prod --context prod-east exec web-0 -- rm -rf /data', decision: 'ask', production: true },
  { cmd: 'docker --host ssh://deploy@db1 exec web rm -rf /data', decision: 'ask', production: true },
  { cmd: "aws --profile prod ssm send-command --instance-ids i-1 --parameters 'commands=[\"rm -rf /data\"]'", decision: 'ask', production: true },
  { cmd: "ansible -i inventories/production web -m shell -a 'rm -rf /data'", decision: 'ask', production: true },
  { cmd: "fly -a prod-app ssh console -C 'df -h'", decision: 'allow' },
  { cmd: 'fly -a prod-app status', decision: 'allow', production: true },
]);

table('abbreviated long options', [
  { cmd: 'git push --del origin feature', decision: 'ask', reason: /Deletes the branch feature/ },
  { cmd: 'git push --mirr origin', decision: 'ask', reason: /Mirrors/ },
  { cmd: 'git push --force-w origin main', decision: 'ask', reason: /Force-pushes main/ },
  // git refuses a prefix of several options (--force, --force-with-lease, --force-if-includes): nothing runs.
  { cmd: 'git push --forc origin main', decision: 'allow' },
  { cmd: 'git reset --ha HEAD~1', decision: 'ask', reason: /git reset --hard/ },
  { cmd: 'git clean --forc -d', decision: 'ask' },
  { cmd: 'git branch --del --forc feature', decision: 'ask' },
  { cmd: 'git push --d origin feature', decision: 'allow' },
  { cmd: 'git push --dry origin main', decision: 'allow' },
  { cmd: 'git push --follow origin main', decision: 'allow' },
  { cmd: 'rm --rec src', decision: 'ask' },
  { cmd: 'rm --recursive --forc src', decision: 'ask' },
  { cmd: 'chmod --recu 777 /', decision: 'deny' },
]);

table('unsure: an unknown option before the subcommand', [
  { cmd: "fly --weird prod ssh console -C 'rm -rf /data'", decision: 'ask', production: true },
  { cmd: 'kubectl --weird x delete namespace payments', decision: 'ask', reason: /Cannot tell whether --weird takes a value/ },
  { cmd: 'railway --weird x volume delete data', decision: 'ask' },
  { cmd: 'kubectl --weird x get pods', decision: 'allow', recorded: true },
  { cmd: 'kubectl get pods --weird x', decision: 'allow', recorded: false },
  { cmd: 'git --weird x status', decision: 'allow' },
]);
