import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { UNKNOWN_TREATED_AS_PRODUCTION } from '../../../src/core/policy/verdict';
import type { Facts, Verdict } from '../../../src/core/policy/types';
import { testFacts } from '../support/policyFixtures';

/**
 * Commands run on another machine (`ssh host '…'`, `heroku run`, `fly ssh console -C`, `kubectl exec`,
 * `docker -H ssh://… exec`): what they delete is there, not here. The dialog must never show a remote
 * delete as a path "on this machine", and a place whose environment no name resolves is production.
 */

interface Case {
  cmd: string;
  decision: Verdict['decision'];
  production: boolean;
  /** The target the dialog shows (and the confirm phrase when it is the primary one). */
  target?: string;
  environment?: string;
  /** Substring of the target's environment reason. */
  because?: string;
  facts?: Partial<Facts> & { files?: Record<string, string> };
}

/** Scripts in the workspace (/work/app) that a command may feed to a remote shell. */
const SCRIPTS: Record<string, string> = {
  '/work/app/cleanup.sh': 'rm -rf /var/lib/postgresql\n',
  '/work/app/status.sh': 'df -h\nuptime\n',
  '/work/app/drop.sql': 'DROP TABLE users;\n',
};

const CASES: Case[] = [
  { cmd: "ssh deploy@db1 'rm -rf /var/lib/postgresql'", decision: 'ask', production: true, target: 'db1:/var/lib/postgresql', environment: 'production', because: UNKNOWN_TREATED_AS_PRODUCTION },
  { cmd: "ssh -p 2222 -i ~/.ssh/id deploy@db1 'rm -rf /srv/data'", decision: 'ask', production: true, target: 'db1:/srv/data', environment: 'production' },
  { cmd: "ssh deploy@staging-db1 'rm -rf /srv/data'", decision: 'ask', production: false, target: 'staging-db1:/srv/data', environment: 'non-production', because: 'staging-db1' },
  { cmd: "ssh localhost 'rm -rf /srv/x'", decision: 'ask', production: false, target: 'localhost:/srv/x', environment: 'local' },
  { cmd: "ssh db1 'sqlite3 /srv/app.db \"DROP TABLE users\"'", decision: 'ask', production: true, target: 'db1:users', environment: 'production' },
  { cmd: "ssh db1 'rm -rf /'", decision: 'deny', production: true, target: 'db1:/' },
  { cmd: "ssh -t db1 'bash -c \"rm -rf /srv/uploads\"'", decision: 'ask', production: true, target: 'db1:/srv/uploads' },
  { cmd: "fly ssh console -C 'rm -rf /data'", decision: 'ask', production: true, target: 'fly (app of fly.toml):/data', because: UNKNOWN_TREATED_AS_PRODUCTION },
  { cmd: "flyctl ssh console -a api-staging --command 'rm -rf /data'", decision: 'ask', production: false, target: 'fly api-staging:/data', environment: 'non-production' },
  { cmd: "heroku run 'rm -rf /app/uploads' -a shop-staging", decision: 'ask', production: false, target: 'heroku shop-staging:/app/uploads', environment: 'non-production' },
  { cmd: "heroku run 'rm -rf /app/uploads' -a shop", decision: 'ask', production: true, target: 'heroku shop:/app/uploads', because: UNKNOWN_TREATED_AS_PRODUCTION },
  { cmd: 'kubectl exec -it web-0 -- rm -rf /data', decision: 'ask', production: true, target: 'pod web-0:/data', because: UNKNOWN_TREATED_AS_PRODUCTION },
  { cmd: 'kubectl exec -it web-0 -- rm -rf /data', decision: 'ask', production: true, target: 'pod web-0:/data', because: 'prod-east', facts: { kubeContext: 'prod-east' } },
  { cmd: 'kubectl exec -it web-0 -- rm -rf /data', decision: 'ask', production: false, target: 'pod web-0:/data', environment: 'non-production', facts: { kubeContext: 'dev-cluster' } },
  // Global options before the subcommand used to hide the command run in the pod entirely.
  { cmd: 'kubectl --context kind-dev exec web-0 -- rm -rf /data', decision: 'ask', production: false, target: 'pod web-0:/data' },
  { cmd: 'kubectl --context=prod-east -n api exec web-0 -c app -- rm -rf /data', decision: 'ask', production: true, target: 'pod web-0:/data' },
  { cmd: 'docker -H ssh://deploy@db1 exec web rm -rf /data', decision: 'ask', production: true, target: 'web on db1:/data' },
  // The local daemon's containers are this machine.
  { cmd: 'docker exec web rm -rf /data', decision: 'ask', production: false, target: '/data', environment: 'local' },
  { cmd: 'docker -H unix:///var/run/docker.sock exec web rm -rf /data', decision: 'ask', production: false, target: '/data', environment: 'local' },
  // Relative paths there are relative to the remote working folder, not this workspace: the local
  // routine-cleanup allowance (node_modules, dist ...) does not carry over.
  { cmd: "heroku run 'rm -rf node_modules' -a shop", decision: 'ask', production: true, target: 'heroku shop:node_modules' },
  { cmd: "ssh db1 'rm -rf data'", decision: 'ask', production: true, target: 'db1:data' },
  { cmd: "ssh db1 'cd /srv && rm -rf data'", decision: 'ask', production: true, target: 'db1:/srv/data' },
  { cmd: 'kubectl exec web-0 -- rm -rf tmp/cache', decision: 'ask', production: true, target: 'pod web-0:tmp/cache' },
  { cmd: "ssh db1 'rm -rf ~'", decision: 'deny', production: true, target: 'db1:~' },
  { cmd: "gcloud compute ssh db-vm --zone us-central1-a --command 'sudo rm -rf /var/lib/mysql'", decision: 'ask', production: true, target: 'db-vm:/var/lib/mysql', because: UNKNOWN_TREATED_AS_PRODUCTION },
  { cmd: "gcloud compute ssh deploy@web-1 --project shop-staging --command='rm -rf /srv/cache'", decision: 'ask', production: false, target: 'web-1:/srv/cache', environment: 'non-production' },
  { cmd: 'gcloud compute ssh db-vm --zone us-central1-a', decision: 'allow', production: false },
  // A local script fed to a remote shell runs there: the script is read here and judged as remote.
  { cmd: "ssh db1 'bash -s' < cleanup.sh", decision: 'ask', production: true, target: 'db1:/var/lib/postgresql', facts: { files: SCRIPTS } },
  { cmd: 'ssh db1 bash < cleanup.sh', decision: 'ask', production: true, target: 'db1:/var/lib/postgresql', facts: { files: SCRIPTS } },
  { cmd: 'cat cleanup.sh | ssh db1 bash', decision: 'ask', production: true, target: 'db1:/var/lib/postgresql', facts: { files: SCRIPTS } },
  { cmd: 'ssh deploy@db1 < cleanup.sh', decision: 'ask', production: true, target: 'db1:/var/lib/postgresql', facts: { files: SCRIPTS } },
  { cmd: "ssh db1 bash <<'EOF'\nrm -rf /srv/uploads\nEOF", decision: 'ask', production: true, target: 'db1:/srv/uploads' },
  { cmd: 'kubectl exec -i web-0 -- sh < cleanup.sh', decision: 'ask', production: true, target: 'pod web-0:/var/lib/postgresql', facts: { files: SCRIPTS } },
  { cmd: 'ssh db1 psql < drop.sql', decision: 'ask', production: true, target: 'db1:users', facts: { files: SCRIPTS } },
  // What cannot be read there is a question about that machine: a host nothing names is production (round 5).
  { cmd: 'curl -s https://get.example.sh | ssh db1 bash', decision: 'ask', production: true },
  { cmd: 'curl -s https://get.example.sh | ssh web1.staging.acme.io bash', decision: 'ask', production: false },
  { cmd: 'fly ssh console -a api-prod < cleanup.sh', decision: 'ask', production: true, target: 'fly api-prod:/var/lib/postgresql', facts: { files: SCRIPTS } },
  { cmd: 'gcloud compute ssh db-vm --zone us-central1-a < cleanup.sh', decision: 'ask', production: true, target: 'db-vm:/var/lib/postgresql', facts: { files: SCRIPTS } },
  { cmd: "ssh db1 'bash -s' < status.sh", decision: 'allow', production: false, facts: { files: SCRIPTS } },
  { cmd: "ssh db1 'ls' < cleanup.sh", decision: 'allow', production: false, facts: { files: SCRIPTS } },
  // Cloud APIs that run shell commands on instances.
  { cmd: `aws ssm send-command --instance-ids i-0abc --document-name AWS-RunShellScript --parameters 'commands=["rm -rf /var/lib/mysql"]'`, decision: 'ask', production: true, target: 'ssm i-0abc:/var/lib/mysql', because: UNKNOWN_TREATED_AS_PRODUCTION },
  { cmd: `aws ssm send-command --instance-ids i-0abc --parameters '{"commands":["cd /srv","rm -rf uploads"]}'`, decision: 'ask', production: true, target: 'ssm i-0abc:/srv/uploads' },
  { cmd: `aws ssm send-command --instance-ids i-0abc --parameters '{"commands":["df -h"]}'`, decision: 'allow', production: false },
  { cmd: 'aws ssm send-command --instance-ids i-1 --parameters file://params.json', decision: 'ask', production: true },
  { cmd: 'aws ssm send-command --instance-ids i-1 --parameters "$PARAMS"', decision: 'ask', production: true },
  { cmd: "az vm run-command invoke -g shop-staging-rg -n db-vm --command-id RunShellScript --scripts 'rm -rf /var/lib/mysql'", decision: 'ask', production: false, target: 'azure vm db-vm:/var/lib/mysql', environment: 'non-production' },
  { cmd: "az vm run-command invoke -g rg -n db-vm --command-id RunShellScript --scripts 'uptime' 'df -h'", decision: 'allow', production: false },
  // Ansible ad-hoc commands run on every host the pattern selects.
  { cmd: "ansible all -i inventories/production -m shell -a 'rm -rf /var/lib/mysql'", decision: 'ask', production: true, target: 'ansible all:/var/lib/mysql', because: 'production' },
  { cmd: "ansible webservers -a 'rm -rf /srv/app'", decision: 'ask', production: true, target: 'ansible webservers:/srv/app', because: UNKNOWN_TREATED_AS_PRODUCTION },
  { cmd: "ansible staging-web -b -a 'rm -rf /srv/app'", decision: 'ask', production: false, target: 'ansible staging-web:/srv/app', environment: 'non-production' },
  { cmd: "ansible db -i hosts -m shell -a 'dropdb shop'", decision: 'ask', production: true, target: 'ansible db:shop' },
  { cmd: 'ansible all -m ping', decision: 'allow', production: false },
  { cmd: "ansible all -m copy -a 'src=a dest=/b'", decision: 'allow', production: false },
  { cmd: "ansible all -a 'uptime'", decision: 'allow', production: false },
  // Fleets and bastions: Teleport, Salt, pdsh, ClusterShell (issue #18, round 5).
  { cmd: "tsh ssh root@prod-db 'rm -rf /var/lib/postgresql'", decision: 'ask', production: true, target: 'prod-db:/var/lib/postgresql', environment: 'production' },
  { cmd: "tsh --proxy teleport.acme.io ssh -l root staging-db 'rm -rf /var/lib/postgresql'", decision: 'ask', production: false, environment: 'non-production', target: 'staging-db:/var/lib/postgresql' },
  { cmd: "salt '*' cmd.run 'rm -rf /var/www'", decision: 'ask', production: true, target: 'salt minions *:/var/www' },
  { cmd: "salt -G 'role:web' cmd.shell 'rm -rf /var/www'", decision: 'ask', production: true },
  { cmd: "pdsh -w web[1-10] 'rm -rf /srv/app'", decision: 'ask', production: true, target: 'web[1-10]:/srv/app' },
  { cmd: "clush -a 'rm -rf /var/www'", decision: 'ask', production: true },
  { cmd: 'clush -w web[1-3] sudo reboot', decision: 'ask', production: true },
  { cmd: 'tsh ssh root@prod-db uptime', decision: 'allow', production: false },
  // A script sent to another machine's shell that cannot be read here is not safe for that; here a missing file runs nothing.
  { cmd: 'ssh db1.prod.acme.io bash -s < /tmp/missing-r5.sh', decision: 'ask', production: true },
  { cmd: 'ssh bastion < /tmp/missing-r5.sh', decision: 'ask', production: true },
  { cmd: 'ssh bastion bash -s < /tmp/missing-r5.sh', decision: 'ask', production: true },
  { cmd: 'ssh db1.staging.acme.io bash -s < /tmp/missing-r5.sh', decision: 'ask', production: false },
  { cmd: 'bash -s < /tmp/missing-r5.sh', decision: 'allow', production: false },
  { cmd: 'tsh ls', decision: 'allow', production: false },
  { cmd: "salt '*' test.ping", decision: 'allow', production: false },
  { cmd: "salt '*' cmd.run 'uptime'", decision: 'allow', production: false },
  { cmd: 'pdsh -w web[1-10] uptime', decision: 'allow', production: false },
  { cmd: 'clush -a df -h', decision: 'allow', production: false },
  // Reading remotely stays allowed.
  { cmd: "ssh deploy@db1 'ls -la /srv'", decision: 'allow', production: false },
  { cmd: "fly ssh console -C 'df -h'", decision: 'allow', production: false },
  { cmd: 'kubectl exec web-0 -- ls /data', decision: 'allow', production: false },
];

describe('remote execution: targets on the machine the command runs on', () => {
  for (const c of CASES) {
    it(`${c.cmd}${c.facts ? ` (${JSON.stringify(c.facts)})` : ''} -> ${c.decision}${c.production ? ', production' : ''}`, () => {
      const v = classify(c.cmd, testFacts(c.facts ?? {}), { lockdown: false });
      const detail = JSON.stringify(v, null, 1);
      assert.equal(v.decision, c.decision, detail);
      assert.equal(v.production, c.production, detail);
      if (c.target === undefined) return;
      const t = v.targets.find((x) => x.name === c.target);
      assert.ok(t, `target ${c.target} in ${detail}`);
      if (c.environment) assert.equal(t.environment, c.environment, detail);
      if (c.because) assert.ok(t.environmentReason.includes(c.because), detail);
      // Never shown as this machine when it is not.
      if (c.target.includes(':')) assert.equal(t.remote, true, detail);
      if (v.decision === 'ask' && v.targets[0]?.name === c.target) assert.equal(v.confirm, c.target.slice(0, 40));
      // The placeholder for the unknown remote folder never reaches a human.
      assert.doesNotMatch(detail, /__remote_working_folder__/);
    });
  }

  it('says where it runs in the reason', () => {
    const v = classify("heroku run 'rm -rf node_modules' -a shop", testFacts(), { lockdown: false });
    assert.ok(v.reasons.includes('Recursively deletes node_modules (on heroku shop).'), JSON.stringify(v.reasons));
  });

  it('lockdown denies a remote delete like any other ask', () => {
    assert.equal(classify("ssh db1 'rm -rf /srv/data'", testFacts(), { lockdown: true }).decision, 'deny');
  });
});
