import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import type { Facts } from '../../../src/core/policy/types';
import { show } from './perimeterFixtures';
import { testFacts } from '../support/policyFixtures';

/**
 * Red team round 13, option grammar (stop 31): dry runs undone later on the line, npm's command
 * abbreviations, git and gh aliases made on the line, publishing tools run as Python modules, ssh's
 * RemoteCommand, and fly's `ssh console -s` / `machine exec`. Each destructive row sits next to a
 * look-alike that stays allowed.
 */

interface Row {
  cmd: string;
  decision: 'ask' | 'allow' | 'deny';
  production?: boolean;
  reason?: RegExp;
}

const SSH_CONFIG = 'Host prod-host\n  RemoteCommand rm -rf /data\n  RequestTTY no\n';
const SSH_CONFIG_OTHER = 'Host staging-* !staging-ok\n  RemoteCommand rm -rf /data\nHost prod-host\n  User deploy\n  Port 2222\n';
const SSH_CONFIG_MATCH = 'Host *\n  User deploy\nMatch user deploy\n  RemoteCommand="dropdb shop"\n';

const GIT_CONFIG = '[core]\n\tbare = false\n[alias]\n\tp = push # pushes\n\tst = status\n\twipe = "!rm -rf /srv/data"\n[remote "origin"]\n\turl = git@github.com:org/app.git\n';
const USER_GITCONFIG = '[user]\n\tname = Dev\n[alias]\n\tnuke = reset --hard\n\tp = status\n';

const GH_CONFIG = "git_protocol: https\naliases:\n    co: pr checkout\n    rd: 'repo delete org/app --yes'\n    wipe: '!rm -rf /srv/data'\nversion: \"1\"\n";

function facts(): Facts {
  return testFacts({ files: { '/work/app/.git/config': GIT_CONFIG, '/home/dev/.gitconfig': USER_GITCONFIG, '/home/dev/.config/gh/config.yml': GH_CONFIG, '/work/scratch/sshcfg': SSH_CONFIG, '/work/scratch/ssh-inc': 'Host prod-host\n  Include extra.conf\n', '/home/dev/.ssh/extra.conf': 'RemoteCommand rm -rf /data\n', '/work/scratch/ssh-inc-glob': 'Include /work/scratch/conf.d/*\n', '/work/scratch/ssh-inc-ok': 'Include /work/scratch/ssh-plain\n', '/work/scratch/ssh-plain': 'Host *\n  User deploy\n', '/work/scratch/ssh-other': SSH_CONFIG_OTHER, '/work/scratch/ssh-match': SSH_CONFIG_MATCH } });
}

function table(title: string, rows: readonly Row[]): void {
  describe(title, () => {
    for (const row of rows) {
      it(`${row.decision}: ${row.cmd}`, () => {
        const verdict = classify(row.cmd, facts(), { lockdown: false });
        assert.equal(verdict.decision, row.decision, show(verdict));
        if (row.production !== undefined) assert.equal(verdict.production, row.production, show(verdict));
        if (row.reason !== undefined) assert.ok(verdict.reasons.some((r) => row.reason!.test(r)), show(verdict));
      });
    }
  });
}

describe('rules: red team round 13, option grammar (stop 31)', () => {
  table('a dry run undone by a later option: the last one wins, a negation or an off value is no dry run', [
    { cmd: 'git push -n --no-dry-run -f origin main', decision: 'ask', reason: /Force-pushes main/ },
    { cmd: 'git push -n -f origin main', decision: 'allow' },
    { cmd: 'git push --no-dry-run -n -f origin main', decision: 'allow' },
    { cmd: 'git push -nf --no-dry-run origin main', decision: 'ask', reason: /Force-pushes/ },
    { cmd: 'git push -nf origin main', decision: 'allow' },
    { cmd: 'git push --dry-run=false --force origin main', decision: 'ask', reason: /Force-pushes/ },
    { cmd: 'git push --dry-run --force origin main', decision: 'allow' },
    { cmd: 'timeout 60 sudo env A=1 git push -n --no-dry -f origin main', decision: 'ask', reason: /Force-pushes/ },
    { cmd: 'aws ec2 terminate-instances --instance-ids i-123 --dry-run --no-dry-run', decision: 'ask', reason: /terminates/ },
    { cmd: 'aws ec2 terminate-instances --instance-ids i-123 --no-dry-run --dry-run', decision: 'allow' },
    { cmd: 'npm unpublish mypkg --force --dry-run --no-dry-run', decision: 'ask', reason: /unpublish/ },
    { cmd: 'npm unpublish mypkg --force --dry-run', decision: 'allow' },
    { cmd: 'helm uninstall api --kube-context prod-cluster --dry-run=none', decision: 'ask', production: true, reason: /Uninstalls the helm release api/ },
    { cmd: 'helm uninstall api --kube-context prod-cluster --dry-run=false', decision: 'ask', production: true },
    { cmd: 'helm uninstall api --kube-context prod-cluster --dry-run=client', decision: 'allow' },
    { cmd: 'helm upgrade api ./chart --kube-context prod-cluster --dry-run=false', decision: 'ask', production: true },
    { cmd: 'helm upgrade api ./chart --kube-context prod-cluster --dry-run=server', decision: 'allow' },
    { cmd: "bash -c 'kubectl delete ns prod --dry-run=client --dry-run=none'", decision: 'ask', reason: /namespace prod/ },
    { cmd: 'kubectl delete ns prod --dry-run=none --dry-run=client', decision: 'allow' },
    { cmd: 'wrangler deploy --dry-run=false --env production', decision: 'ask', production: true },
    { cmd: 'wrangler deploy --dry-run false --env production', decision: 'ask', production: true },
    { cmd: 'wrangler deploy --dry-run --env production', decision: 'allow' },
    { cmd: 'terraform apply -auto-approve -refresh-only=false', decision: 'ask', reason: /-auto-approve/ },
    { cmd: 'terraform apply -auto-approve -refresh-only -refresh-only=false', decision: 'ask', reason: /-auto-approve/ },
    { cmd: 'terraform apply -auto-approve -refresh-only=false -refresh-only', decision: 'allow' },
    { cmd: 'terraform apply -auto-approve -refresh-only', decision: 'allow' },
    { cmd: 'rsync -a --delete -n --no-dry-run src/ /srv/www/', decision: 'ask', reason: /--delete/ },
    { cmd: 'rsync -a --delete -n src/ /srv/www/', decision: 'allow' },
    { cmd: 'pulumi destroy --preview-only --preview-only=false -y -s prod', decision: 'ask', reason: /Destroys/ },
    { cmd: 'pulumi destroy --preview-only -y -s prod', decision: 'allow' },
    { cmd: 'aws s3 rm s3://bucket --recursive --dryrun --no-dryrun', decision: 'ask', reason: /deletes/ },
    { cmd: 'aws s3 rm s3://bucket --recursive --dryrun', decision: 'allow' },
    { cmd: 'npm unpublish mypkg --dry-run=0', decision: 'ask', reason: /unpublish/ },
    { cmd: 'npm unpublish mypkg --no-dryRun --dry-run', decision: 'allow' },
  ]);

  table("npm's command abbreviations and aliases: the command npm resolves the word to", [
    { cmd: 'npm unpub mypkg --force', decision: 'ask', reason: /npm unpublish/ },
    { cmd: 'npm pub', decision: 'ask', reason: /npm publish/ },
    { cmd: 'sudo npm publ --access public', decision: 'ask', reason: /npm publish/ },
    { cmd: 'npm pub --dry-run', decision: 'allow' },
    { cmd: "npm depr mypkg 'gone'", decision: 'ask', reason: /npm deprecate/ },
    { cmd: 'npm --registry https://registry.npmjs.org/ unpubl mypkg@1.0.0', decision: 'ask', reason: /npm unpublish/ },
    { cmd: 'npm dist-t rm mypkg beta', decision: 'ask', reason: /dist-tag/ },
    { cmd: 'npm dist-t ls mypkg', decision: 'allow' },
    { cmd: 'npm acc public mypkg', decision: 'ask', reason: /access/ },
    { cmd: 'npm acc ls', decision: 'allow' },
    { cmd: 'npm ow add bob mypkg', decision: 'ask', reason: /owner add/ },
    { cmd: 'npm ow ls mypkg', decision: 'allow' },
    { cmd: 'npm ru build', decision: 'allow' },
    { cmd: 'gem yan mygem -v 1.0.0', decision: 'ask', reason: /gem yank/ },
    { cmd: 'gem pu mygem-1.0.0.gem', decision: 'ask', reason: /gem push/ },
    { cmd: 'gem bu mygem.gemspec', decision: 'allow' },
    { cmd: 'gem li', decision: 'allow' },
    { cmd: 'php artisan migrate:fr --force', decision: 'ask', reason: /migrate:fresh/ },
    { cmd: 'php artisan mi:fr', decision: 'ask', reason: /migrate:fresh/ },
    { cmd: 'php artisan db:w --force', decision: 'ask', reason: /db:wipe/ },
    { cmd: './artisan q:cl', decision: 'ask', reason: /queue:clear/ },
    { cmd: 'php artisan migrate:st', decision: 'allow' },
    { cmd: 'php artisan r:l', decision: 'allow' },
    { cmd: 'php artisan make:mig create_users_table', decision: 'allow' },
    { cmd: 'bin/console d:d:d --force', decision: 'ask', reason: /doctrine:database:drop|drops/ },
    { cmd: 'php bin/console doctrine:sch:drop --force --full-database', decision: 'ask', reason: /drops every table/ },
    { cmd: 'symfony console d:f:l', decision: 'ask', reason: /purges/ },
    { cmd: 'php bin/console d:d:c', decision: 'allow' },
    { cmd: 'php bin/console c:c', decision: 'allow' },
  ]);

  table('git and gh aliases made on the line: the command the alias stands for', [
    { cmd: 'git -c alias.p=push p -f origin main', decision: 'ask', reason: /Force-pushes main/ },
    { cmd: 'git -c alias.p=push p origin main', decision: 'allow' },
    { cmd: 'git -c alias.r=reset r --hard HEAD~5', decision: 'ask', reason: /reset --hard/ },
    { cmd: 'git -c alias.st=status st', decision: 'allow' },
    { cmd: 'git config alias.p push && git p -f origin main', decision: 'ask', reason: /Force-pushes main/ },
    { cmd: 'git config --global alias.r reset && git r --hard', decision: 'ask', reason: /reset --hard/ },
    { cmd: 'git config set alias.r reset; git r --hard HEAD~3', decision: 'ask', reason: /reset --hard/ },
    { cmd: 'git config alias.st status && git st', decision: 'allow' },
    { cmd: 'GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=alias.p GIT_CONFIG_VALUE_0=push git p -f origin main', decision: 'deny' },
    { cmd: "git -c alias.x='!sh -c \"rm -rf /srv/data\"' x", decision: 'ask', reason: /\/srv\/data/ },
    { cmd: 'git p -f origin main', decision: 'ask', reason: /Force-pushes main/ },
    { cmd: 'git p origin main', decision: 'allow' },
    { cmd: 'git -C /work/app nuke HEAD~2', decision: 'ask', reason: /reset --hard/ },
    { cmd: 'git st', decision: 'allow' },
    { cmd: 'git wipe', decision: 'ask', reason: /\/srv\/data/ },
    { cmd: 'gh rd', decision: 'ask', reason: /deletes the GitHub repository org\/app/ },
    { cmd: 'gh co 12', decision: 'allow' },
    { cmd: 'gh wipe', decision: 'ask', reason: /\/srv\/data/ },
    { cmd: "gh alias set rd 'repo delete org/app --yes' && gh rd", decision: 'ask', reason: /deletes the GitHub repository org\/app/ },
    { cmd: "gh alias set nuke 'api -X DELETE repos/org/app' && gh nuke", decision: 'ask', reason: /DELETE/ },
    { cmd: "gh alias set del 'repo delete $1 --yes' && gh del org/app", decision: 'ask', reason: /org\/app/ },
    { cmd: "gh alias set --shell wipe 'rm -rf /srv/data' && gh wipe", decision: 'ask', reason: /\/srv\/data/ },
    { cmd: "gh alias set co 'pr checkout' && gh co 12", decision: 'allow' },
    { cmd: "gh alias set rv 'repo view org/app' && gh rv", decision: 'allow' },
  ]);

  table('publishing tools run as Python modules or by package runners are judged as the tool', [
    { cmd: 'python3 -m twine upload dist/*', decision: 'ask', reason: /twine upload/ },
    { cmd: 'python -m build && python -m twine upload dist/*', decision: 'ask', reason: /twine upload/ },
    { cmd: 'sudo env X=1 python3 -m twine upload -r pypi dist/*', decision: 'ask', reason: /twine upload/ },
    { cmd: 'pipx run twine upload dist/*', decision: 'ask', reason: /twine upload/ },
    { cmd: 'uvx twine upload dist/*', decision: 'ask', reason: /twine upload/ },
    { cmd: 'python -m poetry publish', decision: 'ask', reason: /poetry publish/ },
    { cmd: 'python3 -m twine check dist/*', decision: 'allow' },
    { cmd: 'python -m build', decision: 'allow' },
    { cmd: 'python -m uv sync', decision: 'allow' },
  ]);

  table("ssh's RemoteCommand is the remote shell line it runs", [
    { cmd: "ssh -o RemoteCommand='rm -rf /data' prod-host", decision: 'ask', reason: /deletes \/data \(on prod-host\)/ },
    { cmd: "ssh -o 'RemoteCommand rm -rf /data' prod-host", decision: 'ask', reason: /deletes \/data/ },
    { cmd: "ssh -oRemoteCommand='rm -rf /data' prod-host", decision: 'ask', reason: /deletes \/data/ },
    { cmd: 'sudo ssh -o remotecommand="rm -rf /data" -o RequestTTY=no deploy@prod-host', decision: 'ask', reason: /deletes \/data/ },
    { cmd: "ssh -o RemoteCommand='uptime' prod-host", decision: 'allow' },
    { cmd: 'ssh -o RemoteCommand=none prod-host', decision: 'ask', reason: /opens an interactive shell on prod-host/ }, // stop 38: no remote command, a login shell on production
    { cmd: 'ssh -o ConnectTimeout=5 host uptime', decision: 'allow' },
    { cmd: "gcloud compute ssh vm1 --ssh-flag='-o RemoteCommand=rm -rf /data'", decision: 'ask', reason: /deletes \/data \(on vm1\)/ },
    { cmd: "gcloud compute ssh vm1 -- -o 'RemoteCommand=rm -rf /data'", decision: 'ask', reason: /deletes \/data/ },
    { cmd: "gcloud compute ssh vm1 --ssh-flag='-vvv' --command uptime", decision: 'allow' },
    { cmd: 'ssh -F /work/scratch/sshcfg prod-host', decision: 'ask', reason: /deletes \/data \(on prod-host\)/ },
    { cmd: "bash -c 'ssh -F /work/scratch/sshcfg deploy@prod-host'", decision: 'ask', reason: /deletes \/data/ },
    { cmd: 'ssh -F /work/scratch/ssh-other staging-eu', decision: 'ask', reason: /deletes \/data/ },
    { cmd: 'ssh -F /work/scratch/ssh-other prod-host', decision: 'ask', reason: /opens an interactive shell on prod-host/ }, // stop 38: no remote command, a login shell on production
    { cmd: 'ssh -F /work/scratch/ssh-other staging-ok', decision: 'allow' },
    { cmd: 'ssh -F /work/scratch/ssh-match db1', decision: 'ask', reason: /shop/ },
    { cmd: 'ssh -F /work/scratch/missing prod-host', decision: 'ask' },
    { cmd: 'ssh -F /work/scratch/ssh-inc prod-host', decision: 'ask', reason: /deletes \/data \(on prod-host\)/ },
    { cmd: 'ssh -F /work/scratch/ssh-inc-glob prod-host', decision: 'ask', reason: /includes/ },
    { cmd: 'ssh -F /work/scratch/ssh-inc-ok prod-host', decision: 'ask', reason: /opens an interactive shell on prod-host/ }, // stop 38: no remote command, a login shell on production
  ]);

  table("fly: ssh console's -s is a switch, machine exec runs its command on the machine", [
    { cmd: "fly ssh console -a prod-app -s -C 'rm -rf /data'", decision: 'ask', production: true, reason: /deletes \/data/ },
    { cmd: "flyctl ssh console --select --command 'rm -rf /data' -a prod-app", decision: 'ask', production: true, reason: /deletes \/data/ },
    { cmd: "fly ssh console -s -C 'ls /data'", decision: 'allow' },
    { cmd: "fly machine exec 123 'rm -rf /data' -a prod-app", decision: 'ask', production: true, reason: /deletes \/data/ },
    { cmd: "fly m exec 123 'rm -rf /data' -a prod-app", decision: 'ask', production: true, reason: /deletes \/data/ },
    { cmd: "flyctl machines exec --timeout 30 123 'rm -rf /data' --app prod-app", decision: 'ask', reason: /deletes \/data/ },
    { cmd: "fly m exec 123 'ls /data'", decision: 'allow' },
    { cmd: "fly machine exec 'rm -rf /data' -a prod-app", decision: 'ask', production: true, reason: /deletes \/data/ },
    { cmd: "fly machine exec -j 'df -h /data' -a prod-app", decision: 'allow' },
  ]);
});
