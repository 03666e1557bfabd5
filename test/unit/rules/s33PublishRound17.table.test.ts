import { testFacts } from '../support/policyFixtures';
import { perimeterFacts } from './perimeterFixtures';
import { allowed, familyTables, flag, type Family } from './familyTable';

/**
 * Red team round 17 (stop 33): publishing, releasing and deploying through CLIs the tables did not know. By the team
 * decision of stop 30 each asks (production when the target is remote and unnamed); lists, describes, dry runs,
 * previews and targets named for development stay routine.
 */

const TABLE: Record<string, Family> = {
  'Cloud Deploy, jobs, builds and configuration deployments': {
    reason: /rolls a release out|runs|deploys a configuration/,
    rows: [
      flag('gcloud deploy releases promote --release=rel-1 --delivery-pipeline=acme --to-target=prod'),
      flag('gcloud deploy releases create rel-1 --delivery-pipeline=acme --region=us-central1'),
      flag('gcloud deploy rollouts approve r1 --release=rel-1 --delivery-pipeline=acme'),
      flag('gcloud deploy rollouts advance r1 --release rel-1 --delivery-pipeline acme'),
      flag('gcloud run jobs execute migrate --wait'),
      flag('gcloud builds submit --config cloudbuild.yaml'),
      flag('aws appconfig start-deployment --application-id a --environment-id prod --deployment-strategy-id s --configuration-profile-id c --configuration-version 3'),
      allowed('gcloud deploy releases list --delivery-pipeline=acme'),
      allowed('gcloud deploy releases promote --release=rel-1 --delivery-pipeline=acme --to-target=staging'),
      allowed('gcloud deploy releases create rel-1 --delivery-pipeline=acme --disable-initial-rollout'),
      allowed('gcloud builds list'),
      allowed('aws appconfig list-deployments --application-id a --environment-id prod'),
    ],
  },
  'Firebase changes to what users get without deploy': {
    reason: /live|Remote Config|testers/,
    rows: [
      flag('firebase hosting:clone acme:live acme-prod:live'),
      flag('firebase hosting:channel:deploy live'),
      flag('firebase remoteconfig:rollback -v 3 --force'),
      flag('firebase appdistribution:distribute app.apk --app 1:123:android:abc --release-notes x --groups all-customers'),
      allowed('firebase hosting:clone acme:live acme-prod:preview-1'),
      allowed('firebase hosting:channel:deploy pr-12'),
      allowed('firebase hosting:channel:list'),
      allowed('firebase remoteconfig:versions:list'),
      allowed('firebase appdistribution:distribute app.apk --app 1:123:android:abc'),
    ],
  },
  'registry acts, artifact uploads, stores and pipelines': {
    reason: /publish|uploads|Hex|pipeline|channel|App Store/,
    rows: [
      flag('mix hex.owner add acme evil@example.com'),
      flag('mix hex.retire acme 1.0.0 security'),
      flag('pod trunk delete Acme 1.0.0'),
      flag('pod trunk add-owner Acme evil@example.com'),
      flag('conan upload acme/1.0 -r conancenter --confirm'),
      flag("jf rt upload 'dist/*' libs-release-local/"),
      flag('pdk release --force'),
      flag('xcrun altool --upload-app -f app.ipa -u me@acme.com -p secret'),
      flag('eas channel:edit production --branch hotfix'),
      flag('spin pipeline execute --application acme --name deploy-prod'),
      flag('circleci pipeline trigger'),
      allowed('mix hex.owner list acme'),
      allowed('mix hex.info acme'),
      allowed('pod trunk info Acme'),
      allowed('pod install'),
      allowed('conan upload acme/1.0 -r conancenter --dry-run'),
      allowed('conan install .'),
      allowed("jf rt upload --dry-run 'dist/*' libs-release-local/"),
      allowed('jf rt download libs-release-local/acme.jar'),
      allowed('pdk release prep'),
      allowed('xcrun altool --validate-app -f app.ipa'),
      allowed('xcrun notarytool submit app.zip --wait'),
      allowed('eas channel:list'),
      allowed('spin pipeline list --application acme'),
      allowed('circleci config validate'),
    ],
  },
};

familyTables('publishing and deploying through other CLIs (red team round 17)', TABLE, perimeterFacts);

/** Repositories with and without CI that a new tag starts. */
const TAG_FILES: Record<string, string> = {
  '/work/app/.github/workflows/ci.yml': 'on: [push]\njobs: {}\n',
  '/work/gitea/.gitea/workflows/release.yml': "on:\n  push:\n    tags: ['v*']\njobs: {}\n",
  '/work/gl/.gitlab-ci.yml': 'test:\n  script: make test\n',
  '/work/lib/.github/workflows/ci.yml': 'on:\n  push:\n    branches: [main]\n  pull_request:\njobs: {}\n',
  '/work/plain/README.md': '# plain\n',
};

familyTables('releases and tag pushes on any forge (red team round 17)', {
  'a release or a tag that starts CI': {
    reason: /runs on a release or a tag push|runs a pipeline for new tags|cannot be read here|published in/,
    rows: [
      flag('glab release create v2.0.0'),
      flag('cd /work/gitea && tea release create --tag v2.0.0'),
      flag('cd /work/gl && glab release create v2.0.0'),
      flag('cd /work/lib && glab release create v1 -R acme/other'),
      flag('gh api repos/acme/app/releases -f tag_name=v9'),
      flag('gh api -X POST repos/acme/app/releases -f tag_name=v9'),
      flag('git push origin v2.0.0'),
      flag('git push --follow-tags'),
      flag('git push origin HEAD --tags'),
      flag('cd /work/gitea && git push origin refs/tags/v2'),
      flag("git push origin 'refs/tags/*:refs/tags/*'"),
      allowed('gh api repos/acme/app/releases'),
      allowed('gh api repos/acme/app/releases -f tag_name=v9 -F draft=true'),
      allowed('glab release list'),
      allowed('tea releases list'),
      allowed('git push origin feature/x'),
      allowed('git push origin release/1.2'),
      allowed('git push origin main'),
      allowed('git push --dry-run --tags'),
      allowed('cd /work/lib && git push origin v2.0.0'),
      allowed('cd /work/plain && git push --tags'),
      allowed('cd /work/plain && glab release create v2.0.0'),
    ],
  },
}, () => testFacts({ files: TAG_FILES, workspaceRoots: ['/work/app', '/work/gitea', '/work/gl', '/work/lib', '/work/plain'] }));
