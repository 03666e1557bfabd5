import { strict as assert } from 'node:assert';
import { matchCredentialPath, PATH_RULES } from '../../../src/core/credentials/credentialPaths';

const HOME = '/home/dev';
const WS = '/work/app';

describe('credentials: path rules', () => {
  const positives: [string, string][] = [
    [`${WS}/.env`, 'dotenv'],
    [`${WS}/.env.local`, 'dotenv'],
    [`${WS}/.env.production`, 'dotenv'],
    [`${WS}/config/prod.env`, 'dotenv'],
    [`${WS}/certs/server.pem`, 'private-key'],
    [`${WS}/deploy.key`, 'private-key'],
    [`${WS}/signing.p12`, 'private-key'],
    [`${WS}/keys/id_rsa`, 'ssh-key'],
    [`${WS}/keys/id_ed25519`, 'ssh-key'],
    [`${WS}/keys/id_ed25519_deploy`, 'ssh-key'],
    [`${WS}/.npmrc`, 'npm-token'],
    [`${WS}/.pypirc`, 'pypi-token'],
    [`${HOME}/.netrc`, 'netrc'],
    [`${WS}/credentials.json`, 'credentials-json'],
    [`${WS}/credentials-prod.json`, 'credentials-json'],
    [`${WS}/service-account.json`, 'gcp-service-account'],
    [`${WS}/service-account-ci.json`, 'gcp-service-account'],
    [`${WS}/infra/prod.tfvars`, 'terraform-vars'],
    [`${WS}/infra/terraform.tfstate`, 'terraform-state'],
    [`${WS}/infra/terraform.tfstate.backup`, 'terraform-state'],
    [`${WS}/kubeconfig`, 'kubeconfig'],
    [`${WS}/clusters/prod.kubeconfig`, 'kubeconfig'],
    [`${WS}/.docker/config.json`, 'docker-config'],
    [`${HOME}/.docker/config.json`, 'docker-config'],
    [`${HOME}/.aws/credentials`, 'aws-credentials'],
    [`${HOME}/.aws/config`, 'aws-credentials'],
    [`${HOME}/.config/gcloud/application_default_credentials.json`, 'gcloud-credentials'],
    [`${HOME}/.railway/config.json`, 'railway-token'],
    [`${HOME}/.config/railway/config.json`, 'railway-token'],
    [`${HOME}/.fly/config.yml`, 'fly-token'],
    [`${HOME}/.kube/config`, 'kubeconfig'],
    [`${HOME}/.ssh/id_ecdsa`, 'ssh-key'],
    [`${HOME}/.git-credentials`, 'git-credentials'],
    [`${WS}/.envrc`, 'dotenv'],
    [`${WS}/android/release.jks`, 'private-key'],
    [`${WS}/android/debug.keystore`, 'private-key'],
    [`${WS}/certs/client.pfx`, 'private-key'],
    [`${WS}/.yarnrc.yml`, 'npm-token'],
    [`${HOME}/_netrc`, 'netrc'],
    [`${HOME}/.pgpass`, 'database-password'],
    [`${WS}/firebase-credentials.json`, 'credentials-json'],
    [`${WS}/infra/prod.tfvars.json`, 'terraform-vars'],
    [`${WS}/kubeconfig.staging`, 'kubeconfig'],
    [`${HOME}/.config/gh/hosts.yml`, 'github-token'],
    [`${HOME}/.config/heroku/config.json`, 'heroku-token'],
    [`${HOME}/.config/doppler/.doppler.yaml`, 'doppler-token'],
    [`${HOME}/.vault-token`, 'vault-token'],
    [`${HOME}/.azure/msal_token_cache.json`, 'azure-credentials'],
    [`${HOME}/.ssh/id_rsa`, 'ssh-key'],
    [`${HOME}/.bash_history`, 'shell-history'],
    [`${HOME}/.zsh_history`, 'shell-history'],
    [`${HOME}/.local/share/atuin/history.db`, 'shell-history'],
    [`${HOME}/.config/google-chrome/Default/Login Data`, 'browser-profile'],
    [`${HOME}/.config/google-chrome/Profile 1/Cookies`, 'browser-profile'],
    [`${HOME}/.mozilla/firefox/abcd1234.default-release/cookies.sqlite`, 'browser-profile'],
    [`${HOME}/Library/Application Support/Google/Chrome/Default/Login Data`, 'browser-profile'],
    // The stores CLIs keep and files that hold a secret by convention, at their documented places.
    [`${WS}/.dev.vars`, 'dotenv'],
    [`${WS}/.dev.vars.staging`, 'dotenv'],
    [`${HOME}/.terraformrc`, 'terraform-token'],
    [`${WS}/.yarnrc`, 'npm-token'],
    [`${HOME}/.s3cfg`, 'aws-credentials'],
    [`${HOME}/.boto`, 'aws-credentials'],
    [`${HOME}/.my.cnf`, 'database-password'],
    [`${HOME}/.mylogin.cnf`, 'database-password'],
    [`${HOME}/.pg_service.conf`, 'database-password'],
    [`${WS}/.sentryclirc`, 'sentry-token'],
    [`${HOME}/.databrickscfg`, 'databricks-token'],
    [`${WS}/public/.htpasswd`, 'password-hashes'],
    [`${WS}/gradle.properties`, 'gradle-credentials'],
    [`${WS}/wp-config.php`, 'database-password'],
    [`${WS}/keys/server.ppk`, 'ssh-key'],
    [`${WS}/.streamlit/secrets.toml`, 'app-secrets'],
    [`${HOME}/.cargo/credentials.toml`, 'cargo-token'],
    [`${HOME}/.cargo/credentials`, 'cargo-token'],
    [`${HOME}/.config/vercel/auth.json`, 'vercel-token'],
    [`${HOME}/Library/Application Support/com.vercel.cli/auth.json`, 'vercel-token'],
    [`${HOME}/.config/.wrangler/config/default.toml`, 'cloudflare-token'],
    [`${HOME}/.cloudflared/6ff42ae2-765d-4adf-8112-31c55c1551ef.json`, 'cloudflare-token'],
    [`${HOME}/.config/netlify/config.json`, 'netlify-token'],
    [`${HOME}/.config/glab-cli/config.yml`, 'gitlab-token'],
    [`${HOME}/.config/hub`, 'github-token'],
    [`${HOME}/.config/configstore/firebase-tools.json`, 'firebase-token'],
    [`${HOME}/.supabase/access-token`, 'supabase-token'],
    [`${HOME}/.config/doctl/config.yaml`, 'digitalocean-token'],
    [`${HOME}/.config/ngrok/ngrok.yml`, 'ngrok-token'],
    [`${HOME}/.config/hcloud/cli.toml`, 'hetzner-token'],
    [`${HOME}/.config/linode-cli`, 'linode-token'],
    [`${HOME}/.config/stripe/config.toml`, 'stripe-key'],
    [`${HOME}/.config/rclone/rclone.conf`, 'cloud-storage-credentials'],
    [`${HOME}/.config/containers/auth.json`, 'docker-config'],
    [`${HOME}/.config/git/credentials`, 'git-credentials'],
    [`${HOME}/.gem/credentials`, 'rubygems-token'],
    [`${HOME}/.m2/settings.xml`, 'maven-credentials'],
    [`${HOME}/.config/composer/auth.json`, 'composer-token'],
    [`${HOME}/.snowflake/connections.toml`, 'database-password'],
    [`${HOME}/.microsoft/usersecrets/6f1a2b3c/secrets.json`, 'app-secrets'],
    [`${HOME}/.gnupg/private-keys-v1.d/ABCDEF.key`, 'private-key'],
    [`${HOME}/.config/sops/age/keys.txt`, 'private-key'],
    [`${HOME}/.ansible/vault_pass.txt`, 'vault-password'],
    [`${HOME}/.vault-password`, 'vault-password'],
    [`${HOME}/.terraform.d/credentials.tfrc.json`, 'credentials-json'],
    [`${HOME}/.claude/.credentials.json`, 'agent-token'],
    [`${HOME}/.codex/auth.json`, 'agent-token'],
    [`${HOME}/.config/github-copilot/hosts.json`, 'agent-token'],
    [`${HOME}/.wakatime.cfg`, 'tool-token'],
    [`${HOME}/.cache/huggingface/token`, 'tool-token'],
    [`${HOME}/.local/share/keyrings/login.keyring`, 'keyring'],
    [`${HOME}/.password-store/work/db.gpg`, 'password-store'],
    ['/etc/shadow', 'password-hashes'],
    ['/run/secrets/db_password', 'container-secret'],
    ['/var/run/secrets/kubernetes.io/serviceaccount/token', 'container-secret'],
    [`${WS}/key.json`, 'credentials-json'],
    [`${WS}/.secrets`, 'app-secrets'],
    [`${WS}/secrets.txt`, 'app-secrets'],
    [`${WS}/local.settings.json`, 'app-secrets'],
    [`${WS}/appsettings.Development.json`, 'app-secrets'],
    [`${WS}/.cursor/mcp.json`, 'mcp-config'],
    [`${HOME}/.codeium/windsurf/mcp_config.json`, 'mcp-config'],
    [`${HOME}/Library/Application Support/Claude/claude_desktop_config.json`, 'mcp-config'],
    // The round-7 catalogue (credentialCatalogue.ts).
    [`${WS}/deploy_key`, 'deploy-key'],
    [`${HOME}/.ssh/github`, 'ssh-key'],
    [`${HOME}/.hex/hex.config`, 'hex-token'],
    [`${HOME}/.nuget/NuGet/NuGet.Config`, 'nuget-token'],
    [`${HOME}/.linode-cli`, 'cloud-credentials'],
    [`${HOME}/.dbt/profiles.yml`, 'warehouse-password'],
    ['/etc/kubernetes/admin.conf', 'cluster-admin'],
    ['/var/lib/rancher/k3s/server/token', 'cluster-token'],
    ['/etc/gitlab-runner/config.toml', 'ci-token'],
    ['/etc/krb5.keytab', 'host-secret'],
    ['/etc/NetworkManager/system-connections/home.nmconnection', 'network-password'],
    [`${WS}/firebase-adminsdk.json`, 'gcp-service-account'],
    [`${WS}/local_settings.py`, 'app-secrets'],
    [`${WS}/token.txt`, 'app-secrets'],
    [`${HOME}/.curlrc`, 'http-credentials'],
  ];

  it('every path rule has a sample above', () => {
    const kindsCovered = new Set(positives.map(([, k]) => k));
    for (const rule of PATH_RULES) assert.ok(kindsCovered.has(rule.kind), rule.pattern);
  });
  for (const [p, kind] of positives) {
    it(`${p} -> ${kind}`, () => assert.equal(matchCredentialPath(p, HOME)?.kind, kind));
  }

  const negatives = [
    `${WS}/appsettings.json`,
    `${WS}/.mcp.json`,
    `${WS}/src/mcp.ts`,
    `${WS}/secret.yaml`,
    `${WS}/src/secrets.ts`,
    `${WS}/monkey.json`,
    '/etc/passwd',
    `${HOME}/.claude/settings.json`,
    `${WS}/.env.example`,
    `${WS}/.env.sample`,
    `${WS}/.env.template`,
    `${WS}/src/tokenizer.ts`,
    `${WS}/src/token.ts`,
    `${WS}/docs/tokens.md`,
    `${WS}/keys/id_rsa.pub`,
    `${HOME}/.ssh/id_ed25519.pub`,
    `${HOME}/.ssh/known_hosts`,
    `${WS}/src/environment.ts`,
    `${WS}/src/history.ts`,
    `${WS}/src/cookies.ts`,
    `${HOME}/.config/google-chrome/Default/Preferences`,
    `${WS}/package.json`,
    `${WS}/aws/config`,
    `${WS}/.kube/notes.txt`,
    `${WS}/keyboard.json`,
    `${WS}/.dev.vars.example`,
    `${WS}/gradle/wrapper/gradle-wrapper.properties`,
    `${HOME}/.cargo/config.toml`,
    `${HOME}/.config/vercel/config.json`,
    `${WS}/.vercel/project.json`,
    `${WS}/src/auth.json`,
  ];
  for (const p of negatives) {
    it(`${p} is not a credential path`, () => assert.equal(matchCredentialPath(p, HOME), undefined));
  }

  it('.npmrc, .pypirc and .netrc count only with an auth line', () => {
    assert.ok(matchCredentialPath(`${WS}/.npmrc`, HOME)?.needsAuthLine?.test('//registry.npmjs.org/:_authToken=abc'));
    assert.equal(matchCredentialPath(`${WS}/.npmrc`, HOME)?.needsAuthLine?.test('registry=https://registry.npmjs.org/'), false);
    assert.ok(matchCredentialPath(`${HOME}/.netrc`, HOME)?.needsAuthLine?.test('machine api.heroku.com login me password abc'));
    assert.ok(matchCredentialPath(`${WS}/.pypirc`, HOME)?.needsAuthLine?.test('[pypi]\npassword = abc'));
  });

  it('home stores match only under the home folder', () => {
    assert.equal(matchCredentialPath(`${WS}/.railway/config.json`, HOME), undefined);
  });

  it("a project's .kube/config is a kubeconfig, as kubeconfig-named files are anywhere (red team round 7)", () => {
    assert.equal(matchCredentialPath(`${WS}/.kube/config`, HOME)?.kind, 'kubeconfig');
    assert.equal(matchCredentialPath(`${WS}/.kube/cache/discovery/x.json`, HOME), undefined);
  });
});
