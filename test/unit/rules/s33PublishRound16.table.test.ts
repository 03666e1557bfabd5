import { testFacts } from '../support/policyFixtures';
import { perimeterFacts } from './perimeterFixtures';
import { allowed, familyTables, flag, type Family } from './familyTable';

/**
 * Red team round 16 (stop 33): publishing and deploying by roads the tables missed. By the team decision of stop 30,
 * publishing or deploying to a remote asks (production when the target is remote and unnamed); build steps, dry runs,
 * downloads, listings and targets named for development stay routine.
 */

const TABLE: Record<string, Family> = {
  'legacy and alternative publishers': {
    reason: /publishes/,
    rows: [
      flag('python3 setup.py sdist upload'),
      flag('python setup.py register'),
      flag('python3 -u setup.py bdist_wheel upload -r pypi'),
      flag('cargo release --execute'),
      flag('cargo release minor -x'),
      flag('yarn workspaces foreach npm publish'),
      flag('yarn workspaces foreach -A --topological npm publish --tolerate-republish'),
      flag('yarn workspace @acme/ui npm publish'),
      flag('pnpm -r publish'),
      flag('lerna publish from-package --yes'),
      allowed('python3 setup.py sdist bdist_wheel'),
      allowed('python setup.py build'),
      allowed('cargo release'),
      allowed('cargo release minor'),
      allowed('cargo release version minor --execute'),
      allowed('cargo release --execute --no-publish --no-push'),
      allowed('yarn workspaces foreach -A run build'),
      allowed('yarn workspaces list'),
      allowed('yarn workspace @acme/ui build'),
    ],
  },
  'container images pushed by other tools': {
    reason: /push|replac/,
    rows: [
      flag('docker compose push'),
      flag('docker compose -f prod.yml push api'),
      flag('docker-compose push'),
      flag('docker compose build --push'),
      flag('/kaniko/executor --context . --destination acme/app:latest'),
      flag('executor -c . -d ghcr.io/acme/app:1'),
      flag('buildah push acme/app docker://ghcr.io/acme/app:1'),
      flag('skopeo copy docker-archive:app.tar docker://ghcr.io/acme/app:1'),
      flag('crane push app.tar ghcr.io/acme/app:1'),
      allowed('docker compose build'),
      allowed('docker compose build --pull api'),
      allowed('/kaniko/executor --context . --no-push --destination acme/app:latest'),
      allowed('executor --context . --destination localhost:5000/app'),
      allowed('skopeo copy docker://ghcr.io/acme/app:1 dir:./app'),
    ],
  },
  'cloud deploys the tables missed': {
    reason: /replaces|deploys|publishes/,
    rows: [
      flag('gcloud functions deploy fn --trigger-http'),
      flag('gcloud run services replace service.yaml'),
      flag('gcloud run deploy api --source .'),
      flag('aws ecs update-service --cluster prod --service api --force-new-deployment'),
      flag('aws elasticbeanstalk update-environment --environment-name acme-prod --version-label v2'),
      flag('aws apprunner start-deployment --service-arn arn:aws:apprunner:us-east-1:1:service/api/x'),
      flag('aws autoscaling start-instance-refresh --auto-scaling-group-name web'),
      allowed('gcloud functions list'),
      allowed('gcloud functions deploy fn-staging --trigger-http'),
      allowed('gcloud run services list'),
      allowed('gcloud run deploy api --no-traffic --image x'),
      allowed('aws ecs update-service --cluster dev --service api --force-new-deployment'),
      allowed('aws ecs describe-services --cluster prod --services api'),
    ],
  },
  'static hosts': {
    reason: /publishes|pushes|site/,
    rows: [
      flag('npx wrangler pages deploy dist'),
      flag('wrangler pages deploy dist --branch main'),
      flag('npx gh-pages -d dist'),
      flag('surge dist acme.surge.sh'),
      flag('surge ./build'),
      allowed('wrangler pages deploy dist --branch feature-x'),
      allowed('wrangler pages project list'),
      allowed('npx gh-pages -d dist --no-push'),
      allowed('surge list'),
      allowed('surge whoami'),
      allowed('netlify deploy --dir=dist'),
    ],
  },
  'pushes whose refspec deploys or writes every branch': {
    reason: /deployment|deploys/,
    rows: [
      flag("git push origin 'refs/heads/*:refs/heads/*'"),
      flag('git push --all origin'),
      flag('git push origin HEAD:gh-pages'),
      flag('git push origin main:refs/heads/gh-pages'),
      flag('git subtree push --prefix dist origin gh-pages'),
      allowed('git push origin HEAD'),
      allowed('git push origin feature/x'),
      // Every tag pushed is `--tags`: since round 17 it asks where CI runs on tags (s33PublishRound17), so no branch here.
      allowed("git push origin 'refs/heads/feature/*:refs/heads/feature/*'"),
      allowed("git fetch origin 'refs/heads/*:refs/remotes/origin/*'"),
      allowed('git push --dry-run origin HEAD:gh-pages'),
      allowed('git subtree split --prefix dist'),
    ],
  },
  'app stores and over-the-air updates': {
    reason: /store|update|release/,
    rows: [
      flag('fastlane deliver'),
      flag('fastlane ios release'),
      flag('fastlane beta'),
      flag('fastlane run upload_to_play_store'),
      flag('fastlane supply --track production'),
      flag('eas submit -p ios'),
      flag('eas update --branch production --message fix'),
      flag('eas build --auto-submit'),
      flag('appcenter codepush release-react -a acme/app -d Production'),
      flag('appcenter distribute release -f app.apk -g testers'),
      allowed('fastlane ios test'),
      allowed('fastlane deliver init'),
      allowed('fastlane pilot list'),
      allowed('eas build -p ios'),
      allowed('eas update:list'),
      allowed('appcenter apps list'),
      allowed('appcenter codepush deployment list -a acme/app'),
    ],
  },
  'model hubs': {
    reason: /uploads|pushes/,
    rows: [
      flag('huggingface-cli upload acme/model ./out'),
      flag('hf upload acme/model ./model'),
      flag('ollama push acme/m'),
      flag('cog push r8.im/acme/m'),
      allowed('huggingface-cli download acme/model'),
      allowed('ollama pull llama3'),
      allowed('ollama run llama3'),
      allowed('cog build -t m'),
      allowed('cog predict -i x=1'),
    ],
  },
  // A web root asks on a host whose names say production (a host nobody named stays routine, as older corpora label it);
  // a bucket asks when its own name says it hosts a website. One file copied is not a folder upload.
  'folders uploaded to what serves them': {
    reason: /publishes into|document root/,
    rows: [
      flag('gsutil -m rsync -r dist gs://acme-site'),
      flag('gsutil cp -r build gs://www.acme.com'),
      flag('aws s3 sync build s3://acme-website'),
      flag('gcloud storage cp -r dist gs://acme-static'),
      flag('scp -r dist deploy@prod.acme.com:/var/www'),
      flag('rsync -av dist/ deploy@prod.acme.com:/srv/www/'),
      flag('scp -rp site/* deploy@prod.acme.com:public_html/'),
      allowed('scp index.html deploy@host:public_html/'),
      allowed('aws s3 cp ./dist/app.js s3://acme-static/app.js'),
      flag("lftp -e 'mirror -R dist /www' ftp.prod.acme.com"),
      allowed('gsutil ls gs://acme-site'),
      allowed('gsutil -m rsync -r gs://acme-site ./backup'),
      allowed('gsutil cp -r dist gs://acme-ci-artifacts'),
      allowed('aws s3 sync build s3://acme-staging-site'),
      allowed('scp deploy@prod.acme.com:/var/www/index.html .'),
      allowed('scp -r dist dev@dev.acme.com:/var/www'),
      allowed('scp -r dist box:/srv/app'),
      allowed('rsync -av --dry-run dist/ deploy@prod.acme.com:/var/www/'),
      allowed('rsync -a dist/ deploy@web1.acme.com:/var/www/acme/'),
      allowed("lftp -e 'mirror /www ./backup' ftp.acme.com"),
    ],
  },
  'services restarted on another machine': {
    reason: /Restarts the service/,
    rows: [
      flag("ssh deploy@prod.acme.com 'cd app && git pull && systemctl restart app'"),
      flag("ansible all -i prod -m shell -a 'systemctl restart app'"),
      flag("ansible web -i prod -m service -a 'name=app state=restarted'"),
      flag("ssh web1 'sudo systemctl restart nginx'"),
      flag("ssh prod 'service app restart'"),
      flag('systemctl -H prod.acme.com restart app'),
      allowed('systemctl restart app'),
      allowed('sudo systemctl restart nginx'),
      allowed("ssh dev.acme.com 'systemctl restart app'"),
      allowed("ssh prod.acme.com 'systemctl status app'"),
      allowed("ssh prod.acme.com 'systemctl reload nginx'"),
    ],
  },
};

familyTables('publishing and deploying by other roads (red team round 16)', TABLE, perimeterFacts);

/** Repositories with and without a workflow that a release or a tag push starts. */
const RELEASE_FILES: Record<string, string> = {
  '/work/app/.github/workflows/release.yml': "name: release\non:\n  release:\n    types: [published]\njobs: {}\n",
  '/work/tags/.github/workflows/publish.yml': "name: publish\n'on':\n  push:\n    tags: ['v*']\njobs: {}\n",
  '/work/bare/.github/workflows/ci.yml': 'on: [push]\njobs: {}\n',
  '/work/lib/.github/workflows/ci.yml': 'on:\n  push:\n    branches: [main]\n  pull_request:\njobs: {}\n',
  '/work/lib/README.md': '# lib\n',
  '/work/plain/README.md': '# plain\n',
};

familyTables('gh release create with a release workflow (red team round 16)', {
  'a release that starts a workflow': {
    reason: /runs on a release or a tag push|cannot be read here/,
    rows: [
      flag('gh release create v1.0.0 --generate-notes'),
      flag('cd /work/tags && gh release create v2.0.0'),
      flag('cd /work/bare && gh release create v2.0.0 --notes x'),
      flag('cd /work/lib && gh release create v1 -R acme/other'),
      allowed('gh release create v1.0.0 --draft'),
      allowed('cd /work/lib && gh release create v1.0.0 --generate-notes'),
      allowed('cd /work/plain && gh release create v1.0.0'),
      allowed('gh release list'),
    ],
  },
}, () => testFacts({ files: RELEASE_FILES, workspaceRoots: ['/work/app', '/work/tags', '/work/bare', '/work/lib', '/work/plain'] }));
