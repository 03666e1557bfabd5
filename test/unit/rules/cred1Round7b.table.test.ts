import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import type { Facts } from '../../../src/core/policy/types';
import { lazyCredentialFacts } from '../../../src/node/credentials/credentialFacts';
import { gatherFacts } from '../../../src/node/facts';
import { fake, randomChars } from '../credentials/fakeSecrets';

/**
 * Round 7 (second pass): credentials that come out of history and out of tools' answers. Git rows run
 * against a real repository whose history holds a deleted settings file with a database password, a
 * tracked production config and Rails secrets; every asking row sits beside a look-alike that stays
 * allowed. Secrets are made at run time.
 */
describe('cred1 round 7b: credentials out of history and tools', () => {
  let root: string;
  let home: string;
  let app: string;
  const secrets: string[] = [];
  const objects: Record<string, string> = {};

  const write = (base: string, rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(base, rel)), { recursive: true });
    fs.writeFileSync(path.join(base, rel), text);
  };
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' },
    }).trim();

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cred1-')));
    home = path.join(root, 'home');
    app = path.join(root, 'app');
    const s = { db: fake.password(), rails: randomChars(64), prod: fake.password() };
    secrets.push(...Object.values(s));
    fs.mkdirSync(home, { recursive: true });
    write(app, 'config/production.json', JSON.stringify({ database: { url: fake.postgresUrl(s.prod) } }));
    write(app, 'config/secrets.yml', `production:\n  secret_key_base: ${s.rails}\n`);
    write(app, 'src/app.ts', 'export const greet = (n: string) => n;\n');
    write(app, 'config/old_settings.py', `DATABASES = {"default": {"PASSWORD": "${s.db}"}}\n`);
    git(app, 'init', '-q', '-b', 'main');
    git(app, 'add', '-A');
    git(app, 'commit', '-q', '-m', 'import');
    objects.old = git(app, 'rev-parse', '--short=7', 'HEAD:config/old_settings.py');
    objects.prod = git(app, 'rev-parse', 'HEAD:config/production.json');
    objects.rails = git(app, 'rev-parse', '--short=7', 'HEAD:config/secrets.yml');
    objects.src = git(app, 'rev-parse', '--short=7', 'HEAD:src/app.ts');
    fs.rmSync(path.join(app, 'config/old_settings.py'));
    git(app, 'add', '-A');
    git(app, 'commit', '-q', '-m', 'move settings to env');
    write(app, 'src/app.ts', 'export const greet = (n: string) => `hi ${n}`;\n');
    git(app, 'commit', '-q', '-am', 'greet');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  function facts(): Facts {
    const credentials = lazyCredentialFacts({ workspaceRoots: [app], home, cacheDir: path.join(root, 'no-guard'), secretlint: false, persist: false });
    return gatherFacts({ cwd: app, env: { HOME: home, PATH: '/usr/bin:/bin' }, home, workspaceRoots: [app], credentials });
  }
  const fill = (cmd: string): string => cmd.replace(/\{(\w+)\}/g, (_m, k: string) => objects[k] ?? _m);

  const families: Record<string, { ask: { cmd: string; names?: string; production?: boolean }[]; allow: string[] }> = {
    'a deleted secret printed by a patch (production: a password reaches a service nothing names)': {
      ask: [
        { cmd: 'git show HEAD~1', names: 'config/old_settings.py', production: true },
        { cmd: 'git format-patch -1 HEAD~1 --stdout', names: 'config/old_settings.py', production: true },
        { cmd: 'git diff HEAD~2 HEAD~1', names: 'config/old_settings.py', production: true },
        { cmd: 'git log -2 -p', names: 'config/old_settings.py', production: true },
      ],
      allow: ['git show HEAD', 'git show HEAD~1 --stat', 'git log -2 --oneline', 'git diff HEAD~1 -- src/'],
    },
    'objects named by hash': {
      ask: [
        { cmd: 'git cat-file -p {old}', names: 'config/old_settings.py', production: true },
        { cmd: 'git cat-file blob {old}', names: 'config/old_settings.py' },
        { cmd: 'git show {prod}', names: 'config/production.json', production: true },
        { cmd: 'git cat-file -p {rails}', names: 'config/secrets.yml' },
        { cmd: 'echo {old} | git cat-file --batch', names: 'config/old_settings.py' },
        { cmd: "git cat-file --batch <<< '{old}'", names: 'config/old_settings.py' },
        { cmd: 'git rev-list --objects --all | git cat-file --batch' },
      ],
      allow: ['git cat-file -p {src}', 'git cat-file -t {old}', 'git cat-file -s {old}', 'git cat-file -p HEAD', 'git cat-file -p HEAD^{tree}', 'echo {src} | git cat-file --batch', 'echo {old} | git cat-file --batch-check'],
    },
    'plumbing that prints patches': {
      ask: [
        { cmd: 'git diff-tree -p HEAD~1', names: 'config/old_settings.py' },
        { cmd: 'git diff-tree -p HEAD~2 HEAD~1', names: 'config/old_settings.py' },
        { cmd: 'git diff-index -p HEAD~2', names: 'config/old_settings.py' },
        { cmd: 'git difftool --no-prompt -x cat HEAD~2', names: 'config/old_settings.py' },
        { cmd: 'git difftool -y --extcmd=cat HEAD~2 HEAD~1', names: 'config/old_settings.py' },
      ],
      allow: ['git diff-tree --no-commit-id --name-only -r HEAD~1', 'git diff-index --quiet HEAD', 'git diff-tree -p HEAD', 'git difftool --no-prompt -x cat HEAD~1 -- src/'],
    },
    'a deleted file named by its path': {
      ask: [
        { cmd: 'git log -p --follow config/old_settings.py', names: 'config/old_settings.py', production: true },
        { cmd: 'git log --all -p -- config/old_settings.py', names: 'config/old_settings.py' },
        { cmd: 'git blame HEAD~2 -- config/old_settings.py', names: 'config/old_settings.py' },
        { cmd: 'git annotate config/old_settings.py HEAD~2', names: 'config/old_settings.py' },
        { cmd: 'git log -L1,1:config/old_settings.py HEAD~2', names: 'config/old_settings.py' },
      ],
      allow: ['git difftool -y -t vimdiff HEAD~2', 'git log -p --follow src/app.ts', 'git blame src/app.ts', 'git log -L1,1:src/app.ts', 'git log --follow --oneline config/old_settings.py'],
    },
    'a deleted secret brought back': {
      ask: [
        { cmd: 'git checkout HEAD~2 -- config/old_settings.py', names: 'config/old_settings.py', production: true },
        { cmd: 'git restore --source=HEAD~2 config/old_settings.py', names: 'config/old_settings.py' },
        { cmd: 'git restore -s HEAD~2 -- config/old_settings.py', names: 'config/old_settings.py' },
        { cmd: 'git cherry-pick -n HEAD~2 && cat config/old_settings.py', names: 'config/old_settings.py' },
        { cmd: 'git revert -n HEAD~1 && head config/old_settings.py', names: 'config/old_settings.py' },
      ],
      allow: ['git checkout HEAD~1 -- src/app.ts', 'git worktree add /tmp/bs-cred1-old HEAD~2', 'git worktree add ../hotfix', 'git worktree add /tmp/bs-cred1-new HEAD', 'git cherry-pick -n HEAD~2 && cat src/app.ts'],
    },
  };

  // Tools' answers that carry a secret, from each tool's documentation; production where the secret is a running service's or a cluster's.
  const toolFamilies: Record<string, { ask: { cmd: string; production?: boolean }[]; allow: string[] }> = {
    'container inspect prints the environment': {
      ask: [
        { cmd: 'docker inspect api', production: true },
        { cmd: 'docker -H unix:///var/run/docker.sock inspect api', production: true },
        { cmd: 'docker container inspect api', production: true },
        { cmd: "docker inspect -f '{{.Config.Env}}' api", production: true },
        { cmd: "docker inspect --format '{{json .Config}}' api", production: true },
        { cmd: 'podman inspect api', production: true },
        { cmd: 'nerdctl -n k8s.io inspect api', production: true },
        { cmd: 'crictl inspect abc', production: true },
      ],
      allow: ["docker inspect --format '{{.State.Status}}' api", "docker inspect -f '{{.NetworkSettings.IPAddress}}' web", "docker inspect --format '{{.Config.Image}}' api", 'docker ps', 'podman ps -a', 'crictl ps', "crictl inspect -o go-template --template '{{.status.state}}' abc"],
    },
    "service managers' environments": {
      ask: [
        { cmd: 'systemctl show --property=Environment app.service', production: true },
        { cmd: 'systemctl show -p Environment app', production: true },
        { cmd: 'systemctl show app.service', production: true },
        { cmd: 'systemctl cat app.service', production: true },
        { cmd: 'pm2 env 0', production: true },
        { cmd: 'pm2 show app', production: true },
        { cmd: 'pm2 jlist', production: true },
        { cmd: 'launchctl getenv AWS_SECRET_ACCESS_KEY' },
        { cmd: 'tmux show-environment -g' },
        { cmd: 'ssh bastion -- env', production: true },
      ],
      allow: ['systemctl status app.service', 'systemctl show -p ActiveState app.service', 'systemctl is-active app', 'pm2 list', 'pm2 logs app --lines 20', 'tmux list-sessions', 'launchctl list', 'ssh bastion -- uptime'],
    },
    'stores and helpers that print what they keep': {
      ask: [
        { cmd: "printf 'host=github.com\\n' | git credential-store --file ~/.git-credentials get", production: true },
        { cmd: "printf 'protocol=https\\nhost=github.com\\n' | git-credential-libsecret get", production: true },
        { cmd: 'git-credential-manager get', production: true },
        { cmd: "aws codecommit credential-helper get <<< 'host=x'", production: true },
        { cmd: 'python3 -m dotenv list' },
        { cmd: 'python -m dotenv get STRIPE_SECRET_KEY' },
        { cmd: 'dotnet user-secrets list' },
        { cmd: 'bw unlock --raw' },
        { cmd: 'kwallet-query -r github kdewallet' },
        { cmd: 'blackbox_cat secrets.txt.gpg' },
        { cmd: 'transcrypt --show-raw' },
        { cmd: "kubectl get secret db --template='{{.data.password}}'", production: true },
        { cmd: 'kubectl get secrets -o name | xargs kubectl get -o yaml', production: true },
        { cmd: 'oc extract secret/db --to=-', production: true },
        { cmd: "kubectl get pod api -o jsonpath='{.spec.containers[*].env}'", production: true },
        { cmd: 'etcdctl get --prefix /', production: true },
        { cmd: 'aws ssm get-parameters-by-path --path / --recursive', production: true },
        { cmd: 'ansible -m debug -a var=hostvars all', production: true },
      ],
      allow: ['git credential-store --help', 'git-credential-manager --version', 'python3 -m dotenv --help', 'dotnet user-secrets --help', 'bw status', 'bw list folders', 'transcrypt --help', 'kubectl get secrets -n payments', 'kubectl describe secret db', 'kubectl get pods -o wide', 'oc get secrets', 'etcdctl get --prefix --keys-only /config/', 'etcdctl endpoint health', 'aws ssm describe-parameters', 'ansible all -m ping', 'terraform output'],
    },
    'CLIs that mint or print a token': {
      ask: [
        { cmd: 'stripe listen --print-secret', production: true },
        { cmd: 'aws cognito-idp admin-initiate-auth --user-pool-id x --client-id y --auth-flow ADMIN_USER_PASSWORD_AUTH', production: true },
        { cmd: 'az aks get-credentials -g rg -n aks --admin --file -', production: true },
        { cmd: 'az signalr key list -g rg -n s', production: true },
        { cmd: 'aws-vault login prod --stdout', production: true },
        { cmd: 'aws-vault export prod', production: true },
        { cmd: 'assume prod --export', production: true },
        { cmd: 'gh auth refresh -s delete_repo', production: true },
      ],
      allow: ['stripe listen --forward-to localhost:4242/webhook', 'aws cognito-idp list-user-pools --max-results 10', 'az aks show -g rg -n aks', 'az signalr list', 'aws-vault list', 'aws-vault exec prod -- aws sts get-caller-identity', 'assume prod', 'gh auth status', 'gh auth refresh'],
    },
    'metadata requests are production; URL lists are requests': {
      ask: [
        { cmd: "exec 3<>/dev/tcp/169.254.169.254/80; printf 'GET /latest/meta-data/iam/security-credentials/ HTTP/1.0\\r\\n\\r\\n' >&3; cat <&3", production: true },
        { cmd: 'curl http://2852039166/latest/meta-data/iam/security-credentials/', production: true },
        { cmd: 'curl http://[::ffff:169.254.169.254]/latest/user-data', production: true },
        { cmd: 'wget -i urls.txt -O -', production: true },
      ],
      allow: ['curl http://2852039166/latest/meta-data/', 'curl http://169.254.169.254.nip.io/latest/meta-data/instance-id', 'wget -i public-urls.txt -P downloads/'],
    },
    'git roads: config -f of a credential file, stage -f': {
      ask: [{ cmd: 'git config -f ~/.pypirc --list' }, { cmd: 'git config -f ~/.pypirc --get pypi.password' }, { cmd: 'git stage -f .env' }],
      allow: ['git config -f .gitmodules --list', 'git config --list --show-origin', 'git stage src/app.ts', 'git config -f ~/.pypirc pypi.password x'],
    },
    'variable names only': {
      ask: [{ cmd: 'printenv' }, { cmd: 'env | cut -d= -f2' }],
      allow: ['printenv | cut -d= -f1', "env | awk -F= '{print $1}'"],
    },
  };
  describe('tools that answer with a secret', () => {
    before(() => {
      write(app, 'urls.txt', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/\n');
      write(app, 'public-urls.txt', 'https://example.com/a.tar.gz\n');
      write(app, '.env', `STRIPE_SECRET_KEY=${fake.stripeKey()}\n`);
      write(app, '.gitignore', '.env\n');
      write(home, '.pypirc', `[pypi]\nusername = __token__\npassword = pypi-${randomChars(40)}\n`);
    });
    for (const [family, rows] of Object.entries(toolFamilies)) {
      describe(family, () => {
        for (const row of rows.ask) {
          it(`asks: ${row.cmd}`, () => {
            const v = classify(row.cmd, facts(), { lockdown: false });
            assert.notEqual(v.decision, 'allow', `${row.cmd}: allowed`);
            if (row.production) assert.equal(v.production, true, `${row.cmd} is production: ${v.reasons.join(' | ')}`);
          });
        }
        for (const cmd of rows.allow) {
          it(`allows: ${cmd}`, () => {
            const v = classify(cmd, facts(), { lockdown: false });
            assert.equal(v.decision, 'allow', `${cmd}: ${v.reasons.join(' | ')}`);
          });
        }
      });
    }
  });

  for (const [family, rows] of Object.entries(families)) {
    describe(family, () => {
      for (const row of rows.ask) {
        it(`asks: ${row.cmd}`, () => {
          const v = classify(fill(row.cmd), facts(), { lockdown: false });
          assert.notEqual(v.decision, 'allow', `${row.cmd}: ${v.reasons.join(' | ')}`);
          if (row.names) assert.ok(v.reasons.join(' ').includes(row.names), `${row.cmd} names ${row.names}: ${v.reasons.join(' | ')}`);
          if (row.production) assert.equal(v.production, true, `${row.cmd} is production: ${v.reasons.join(' | ')}`);
          for (const s of secrets) assert.ok(!JSON.stringify(v).includes(s), `${row.cmd}: a secret value in the verdict`);
        });
      }
      for (const cmd of rows.allow) {
        it(`allows: ${cmd}`, () => {
          const v = classify(fill(cmd), facts(), { lockdown: false });
          assert.equal(v.decision, 'allow', `${cmd}: ${v.reasons.join(' | ')}`);
        });
      }
    });
  }
});
