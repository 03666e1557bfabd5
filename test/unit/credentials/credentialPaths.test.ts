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
  ];

  it('every path rule has a sample above', () => {
    const kindsCovered = new Set(positives.map(([, k]) => k));
    for (const rule of PATH_RULES) assert.ok(kindsCovered.has(rule.kind), rule.pattern);
  });
  for (const [p, kind] of positives) {
    it(`${p} -> ${kind}`, () => assert.equal(matchCredentialPath(p, HOME)?.kind, kind));
  }

  const negatives = [
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
    assert.equal(matchCredentialPath(`${WS}/.kube/config`, HOME), undefined);
  });
});
